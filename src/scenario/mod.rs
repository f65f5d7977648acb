//! What a deck is (model), how it is read (load), and what is wrong with it (check).

pub mod check;
pub mod diag;
pub mod load;
pub mod model;
pub mod present;
pub mod read;
pub mod recover;
pub mod template;
pub mod text;

pub use diag::{Diagnostic, Msg, Severity};
pub use load::{DeckError, Loaded, Source, load, load_card_files, load_deck, load_deck_in, load_sources};
pub use model::*;
pub use text::{Lang, Text, clean};
