//! `weerbaar check`: every problem in decks or card files, with file, line and column.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::args::LangArg;
use super::common::print_out;
use crate::msg;
use crate::scenario::{self, Lang, Loaded, clean};

#[derive(Args)]
pub struct CheckArgs {
    /// Deck directories, deck.ron manifests or single card files; the bundled deck when none is given.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors: exit 1 when there is any warning.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub lang: LangArg,
    /// Write the whole report (every problem and the summary) to this file (owner-only; never over
    /// an existing file or one of the checked files).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file (never one of the checked files).
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Problems go to stderr in rustc's layout, the one-line summary to stdout (so `check > file`
/// keeps it); `--output` writes both to a file. Exit 1 on errors (or warnings with
/// `--deny-warnings`).
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang.lang;
    let mut reports: Vec<Loaded> = Vec::new();
    if args.paths.is_empty() {
        reports.push(load(None, lang)?);
    }
    for path in &args.paths {
        reports.push(check_one(path, lang)?);
    }
    let (mut cards, mut errors, mut warnings) = (0, 0, 0);
    let mut text = String::new();
    for loaded in &reports {
        let part = loaded.render_in(lang);
        if !part.is_empty() {
            text.push_str(&part);
            text.push('\n');
        }
        cards += loaded.card_count();
        errors += loaded.errors();
        warnings += loaded.warnings();
    }
    let summary = scenario::diag::summary(lang, cards, errors, warnings);
    match &args.output {
        Some(path) => {
            // The report never replaces what it reports on: a deck's manifest or a card file.
            let mut inputs = args.paths.clone();
            inputs.extend(reports.iter().flat_map(|r| r.sources.iter().map(|s| PathBuf::from(&s.path))));
            super::output::write(path, format!("{text}{summary}\n").as_bytes(), args.force, &inputs, lang)?;
        }
        None => {
            use std::io::Write as _;
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    if let Some(code) = print_out(&format!("{summary}\n"), lang)? {
        return Ok(code);
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Loads a deck for checking; a deck that cannot be read at all is said in the reader's language.
fn load(path: Option<&Path>, lang: Lang) -> anyhow::Result<Loaded> {
    scenario::load(path).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))
}

/// A directory or manifest is checked as a deck; a single card file is checked inside the deck
/// it belongs to (so its references resolve) but only its own problems are shown.
fn check_one(path: &Path, lang: Lang) -> anyhow::Result<Loaded> {
    if std::fs::symlink_metadata(path).is_err() {
        let shown = clean(&path.display().to_string()).into_owned();
        let text = msg!("{}: bestand of map bestaat niet", "{}: no such file or directory", shown);
        anyhow::bail!("{}", text.get(lang));
    }
    let is_card_file = path.is_file() && path.file_name().is_none_or(|n| n != "deck.ron");
    if !is_card_file {
        return load(Some(path), lang);
    }
    let shown = path.display().to_string();
    if path.file_name().and_then(|n| n.to_str()).is_none() {
        return Ok(scenario::load::single_file_problem(scenario::read::name_not_utf8(&shown)));
    }
    let deck_root = path.ancestors().skip(1).find(|dir| dir.join("deck.ron").is_file());
    let Some(root) = deck_root else {
        return Ok(match scenario::read::read_file(path) {
            Ok(bytes) => scenario::load_card_files(vec![scenario::Source { path: shown, bytes }]),
            Err(e) => scenario::load::single_file_problem(e.diagnostic(&shown)),
        });
    };
    let mut loaded = load(Some(root), lang)?;
    // Find the file among the deck's sources once, then keep only what is about it.
    let wanted = std::fs::canonicalize(path).ok();
    let same = |p: &str| std::fs::canonicalize(p).ok() == wanted;
    let index = loaded.sources.iter().position(|s| same(&s.path));
    let shown = match index.and_then(|i| loaded.sources.get(i)) {
        Some(s) => s.path.clone(),
        // Not among the sources: unreadable, a link out of the deck, a special file. The loader
        // said why about the same path.
        None => loaded.diagnostics.iter().map(|d| d.file.clone()).find(|f| same(f)).unwrap_or(shown),
    };
    loaded.diagnostics.retain(|d| d.file == shown);
    loaded.card_files.retain(|&i| Some(i) == index);
    Ok(loaded)
}
