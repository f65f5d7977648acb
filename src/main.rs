//! The `weerbaar` command line: parse, dispatch, report errors. Nothing else lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use weerbaar::scenario::{self, Lang, Loaded};

#[derive(Parser)]
#[command(
    name = "weerbaar",
    version,
    about = "Facilitator-led tabletop exercises on digital safety for Dutch municipalities",
    long_about = "Weerbaar runs a 'bestuurlijk gesprek digitale veiligheid': a facilitator leads two or more \
                  municipal delegations through scenario cards, records every group's choices in an \
                  append-only log, and produces a debrief. Without a subcommand it starts `play`."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    play: PlayArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run a session in the terminal (the default).
    Play(PlayArgs),
    /// Check scenario decks or card files and report every problem with its file, line and column.
    Check(CheckArgs),
}

#[derive(Args, Clone, Default)]
struct PlayArgs {
    /// A deck directory to play instead of the bundled deck.
    #[arg(long, value_name = "PATH", global = true)]
    deck: Option<PathBuf>,
    /// Language of the screens: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl", global = true)]
    lang: Lang,
}

#[derive(Args)]
struct CheckArgs {
    /// Deck directories, deck.ron manifests or single card files; the bundled deck when none is given.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Treat warnings as errors: exit 1 when there is any warning.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Play(args)) => run_play(&args),
        None => run_play(&cli.play),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("weerbaar: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run_play(args: &PlayArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot start the session")?;
    println!(
        "{} ({} cards). The facilitator console is not built yet; `weerbaar check` checks the deck.",
        deck.manifest.title.show(args.lang),
        deck.cards.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn run_check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut reports: Vec<Loaded> = Vec::new();
    if args.paths.is_empty() {
        reports.push(scenario::load(None)?);
    }
    for path in &args.paths {
        reports.push(check_one(path)?);
    }
    let (mut cards, mut errors, mut warnings) = (0, 0, 0);
    for loaded in &reports {
        let text = loaded.render();
        if !text.is_empty() {
            eprintln!("{text}");
        }
        cards += loaded.card_count();
        errors += loaded.errors();
        warnings += loaded.warnings();
    }
    eprintln!("{cards} cards, {errors} errors, {warnings} warnings");
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A directory or manifest is checked as a deck; a single card file is checked inside the deck
/// it belongs to (so its references resolve) but only its own problems are shown.
fn check_one(path: &Path) -> anyhow::Result<Loaded> {
    if !path.exists() {
        anyhow::bail!("{}: no such file or directory", path.display());
    }
    let is_card_file = path.is_file() && path.file_name().is_none_or(|n| n != "deck.ron");
    if !is_card_file {
        return Ok(scenario::load(Some(path))?);
    }
    let deck_root = path.ancestors().skip(1).find(|dir| dir.join("deck.ron").is_file());
    let Some(root) = deck_root else {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(scenario::load_card_files(vec![scenario::Source { path: path.display().to_string(), bytes }]));
    };
    let mut loaded = scenario::load(Some(root))?;
    let wanted = std::fs::canonicalize(path).ok();
    let is_wanted = |file: &str| std::fs::canonicalize(file).ok() == wanted;
    loaded.diagnostics.retain(|d| is_wanted(&d.file));
    let sources = &loaded.sources;
    loaded.card_files.retain(|&i| sources.get(i).is_some_and(|s| is_wanted(&s.path)));
    Ok(loaded)
}
