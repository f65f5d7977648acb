//! The option blocks several commands share, defined once and flattened into each command
//! (`#[command(flatten)]`): the deck, the language and the projector's colours. A command whose
//! wording differs (a report's language rather than the screens') keeps its own help text with
//! `#[command(mut_arg(...))]` on its arguments; the option itself stays the same everywhere.

use std::path::PathBuf;

use clap::Args;

use crate::scenario::Lang;
use crate::ui::theme::Palette;

/// `--deck PATH`: a deck of one's own instead of the bundled one.
#[derive(Args, Clone, Debug, Default)]
pub struct DeckArg {
    /// A deck directory instead of the bundled deck.
    #[arg(long, value_name = "PATH")]
    pub deck: Option<PathBuf>,
}

/// `--deck PATH` for commands that read logs: the deck is the one recorded in the log; this one
/// replaces it (and is the only source for logs from before decks were recorded).
#[derive(Args, Clone, Debug, Default)]
pub struct LogDeckArg {
    /// Another deck than the one recorded in the log (logs from before decks were recorded: the
    /// deck the session was played with; default: the bundled deck). Differences are reported.
    #[arg(long, value_name = "PATH")]
    pub deck: Option<PathBuf>,
}

/// `--lang nl|en`, Dutch unless asked otherwise: the language of what the command writes.
#[derive(Args, Clone, Copy, Debug, Default)]
pub struct LangArg {
    /// Language of the messages: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    pub lang: Lang,
}

/// `--lang nl|en` for commands that read logs: by default the language the session was played in.
#[derive(Args, Clone, Copy, Debug, Default)]
pub struct SessionLangArg {
    /// Language of the screens: nl or en (default: the language the session was played in).
    #[arg(long, value_name = "nl|en")]
    pub lang: Option<Lang>,
}

/// `--theme dark|light`: the colours of the screens on the projector.
#[derive(Args, Clone, Copy, Debug, Default)]
pub struct ThemeArg {
    /// Colours for the projector: dark (default) or light (dark text on white, for projectors
    /// that wash out dark screens).
    #[arg(long, value_name = "dark|light", default_value = "dark")]
    pub theme: Palette,
}

/// What `screen` and `review` show: a session's log, in its language, with its deck and colours.
#[derive(Args)]
pub struct ShowArgs {
    /// The session log (default: the newest session in the sessions folder; see WEERBAAR_DIR).
    #[arg(value_name = "LOG")]
    pub log: Option<PathBuf>,
    #[command(flatten)]
    pub lang: SessionLangArg,
    #[command(flatten)]
    pub deck: LogDeckArg,
    #[command(flatten)]
    pub theme: ThemeArg,
}
