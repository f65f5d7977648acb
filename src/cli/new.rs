//! `weerbaar new deck|card`: a commented Dutch skeleton that `check` understands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::args::LangArg;
use crate::scenario::text::L;
use crate::scenario::{clean, template};

#[derive(Subcommand)]
pub enum NewCommand {
    /// Write a new deck into DIR: deck.ron and a first card in cards/.
    Deck {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Write a new card ID.ron into the deck's cards/ folder.
    Card {
        /// The card's id, kebab-case, e.g. `pers-belt`; also the file name.
        #[arg(value_name = "ID")]
        id: String,
        /// The theme, in Dutch or English: Leiderschap, EigenHuis, Ontwrichting, DigitaleCriminaliteit.
        #[arg(long, value_name = "THEMA")]
        theme: String,
        /// The deck folder (default: the current folder).
        #[arg(long, value_name = "DIR", default_value = ".")]
        deck: PathBuf,
        #[command(flatten)]
        lang: LangArg,
    },
}

const NEXT: L = L(
    "Vul de lege teksten \"\" in en controleer met `weerbaar check`; zet een nieuwe kaart op een agenda in deck.ron.",
    "Fill in the empty texts \"\" and check with `weerbaar check`; put a new card on an agenda in deck.ron.",
);

/// Writes a skeleton and says what to do next, in the author's language.
pub fn run(args: &NewCommand) -> anyhow::Result<ExitCode> {
    let (result, lang) = match args {
        NewCommand::Deck { dir, lang } => (template::new_deck(dir), lang.lang),
        NewCommand::Card { id, theme, deck, lang } => {
            (template::new_card_written(id, theme, deck).map(|p| vec![p]), lang.lang)
        }
    };
    match result {
        Ok(paths) => {
            for p in &paths {
                println!("{}", clean(&p.display().to_string()));
            }
            eprintln!("{}", NEXT.get(lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("weerbaar: {}", clean(&e.text(lang)));
            Ok(ExitCode::from(2))
        }
    }
}
