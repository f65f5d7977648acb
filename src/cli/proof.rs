//! `weerbaar proof`: the whole deck as a Markdown proof copy for a reviewer.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::args::DeckArg;
use super::common::{deck_for, deck_inputs, print_out};
use crate::scenario::{Lang, present};

#[derive(Args)]
pub struct ProofArgs {
    #[command(flatten)]
    pub deck: DeckArg,
    /// nl (default), en, or both: Dutch and English one after the other per card.
    #[arg(long, value_name = "nl|en|both", default_value = "nl", value_parser = ["nl", "en", "both"])]
    pub lang: String,
    /// Write to this file instead of standard output (owner-only; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file (never the deck itself).
    #[arg(long, requires = "output")]
    pub force: bool,
}

pub fn run(args: &ProofArgs) -> anyhow::Result<ExitCode> {
    let lang = if args.lang == "en" { Lang::En } else { Lang::Nl };
    let deck = deck_for(args.deck.deck.as_deref(), lang)?;
    let text = match args.lang.as_str() {
        "both" => present::proof_both(&deck),
        _ => present::proof(&deck, lang),
    };
    match &args.output {
        Some(p) => {
            let inputs = deck_inputs(args.deck.deck.as_deref());
            super::output::write(p, text.as_bytes(), args.force, &inputs, lang)?;
        }
        None => return Ok(print_out(&text, lang)?.unwrap_or(ExitCode::SUCCESS)),
    }
    Ok(ExitCode::SUCCESS)
}
