//! `weerbaar graph`: the deck's cards and follow-ups as a Mermaid or Graphviz graph.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::args::{DeckArg, LangArg};
use super::common::{deck_for, print_out};
use crate::scenario::present;

#[derive(Args)]
#[command(mut_arg("lang", |a| a.help("Language of the graph's labels: nl (default) or en")))]
pub struct GraphArgs {
    #[command(flatten)]
    pub deck: DeckArg,
    /// mermaid (default) or dot.
    #[arg(long, value_name = "mermaid|dot", default_value = "mermaid", hide_possible_values = true)]
    pub format: GraphFormat,
    #[command(flatten)]
    pub lang: LangArg,
}

/// The graph languages `graph` writes.
#[derive(Clone, Copy, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

pub fn run(args: &GraphArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang.lang;
    let deck = deck_for(args.deck.deck.as_deref(), lang)?;
    let text = match args.format {
        GraphFormat::Mermaid => present::mermaid(&deck, lang),
        GraphFormat::Dot => present::dot(&deck, lang),
    };
    Ok(print_out(&text, lang)?.unwrap_or(ExitCode::SUCCESS))
}
