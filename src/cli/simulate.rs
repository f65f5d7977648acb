//! `weerbaar simulate`: many random sessions through every agenda, and what the deck never reaches.

use std::process::ExitCode;

use clap::Args;

use super::args::{DeckArg, LangArg};
use super::common::{deck_for, print_out};
use crate::scenario::clean;

#[derive(Args)]
#[command(mut_arg("lang", |a| a.help("Language of the report: nl (default) or en")))]
pub struct SimulateArgs {
    #[command(flatten)]
    pub deck: DeckArg,
    /// Random sessions per agenda and per number of delegations (2, 3 and 4).
    #[arg(long, default_value_t = 200)]
    pub runs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub lang: LangArg,
}

/// Exit 0 when every card, option and follow-up was reached, 1 otherwise.
pub fn run(args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang.lang;
    let deck = deck_for(args.deck.deck.as_deref(), lang)?;
    let report = crate::session::simulate::simulate(&deck, args.runs.max(1), args.seed);
    let code = if report.is_clean() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    // Agenda, card and option ids come from the deck: no escape code reaches the terminal.
    Ok(print_out(&clean(&report.render_in(lang)), lang)?.unwrap_or(code))
}
