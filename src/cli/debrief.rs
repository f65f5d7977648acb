//! `weerbaar debrief`: the report of one or more sessions, in every format.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::args::{LogDeckArg, SessionLangArg};
use super::common::{WARNING, bundled_deck, deck_inputs, fail, given_deck, load_session, print_bytes};
use super::publish::{PublishArgs, published};
use crate::debrief::{Format, Options, Report};
use crate::msg;
use crate::scenario::text::L;
use crate::scenario::{Lang, clean};

#[derive(Args)]
#[command(
    mut_arg("lang", |a| a.help(
        "Language of the report: nl or en (default: the language the sessions were played in; Dutch \
         when they were played in different languages)"
    )),
    mut_arg("deck", |a| a.help(
        "Another deck than the one recorded in the logs (logs from before decks were recorded: the \
         deck they were played with; default: the bundled deck). Differences are reported"
    )),
)]
pub struct DebriefArgs {
    /// Session logs (.jsonl); with more than one, the report also compares the sessions.
    #[arg(value_name = "LOG", required = true)]
    pub logs: Vec<PathBuf>,
    /// md (default), html, csv, json, xlsx (Excel) or docx (Word); xlsx and docx need --output.
    #[arg(long, value_name = "FORMAT", default_value = "md", ignore_case = true, hide_possible_values = true)]
    pub format: Format,
    /// Write the report to this file instead of standard output (`-o -` is standard output; owner-only: reports carry names
    /// and candid words; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file (never one of the logs or the deck).
    #[arg(long, requires = "output")]
    pub force: bool,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Also show the gespreksleider's private notes (for your own copy; never send it on).
    #[arg(long)]
    pub include_private: bool,
    /// Also show the answers the room never saw (a card closed before the reveal), marked as
    /// such ("getoond: nee" in csv and xlsx); by default they are in no report.
    #[arg(long)]
    pub include_unrevealed: bool,
    /// The CSV's separator: `;` (the default for a Dutch report, what Dutch Excel splits on),
    /// `,` (the default in English) or `tab`.
    #[arg(long, value_name = "; | , | tab")]
    pub csv_sep: Option<String>,
    /// One municipality's own report: its choices, rationales, notes and actions, with its
    /// peers' choices shown without their names.
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    #[command(flatten)]
    pub lang: SessionLangArg,
    #[command(flatten)]
    pub deck: LogDeckArg,
}

/// A CSV separator as given on the command line.
#[derive(Clone, Copy)]
pub struct CsvSep(u8);

impl CsvSep {
    /// Read after the arguments, so the refusal is in the report's language (clap's own
    /// messages come before `--lang` is known).
    fn parse(s: &str, lang: Lang) -> anyhow::Result<CsvSep> {
        match s {
            ";" | "semicolon" | "puntkomma" => Ok(CsvSep(b';')),
            "," | "comma" | "komma" => Ok(CsvSep(b',')),
            "tab" | "\\t" | "\t" => Ok(CsvSep(b'\t')),
            other => Err(fail(format!("{} `{}`: {}", CSV_SEP_WRONG.get(lang), clean(other), CSV_SEP_USE.get(lang)))),
        }
    }
}

const CSV_SEP_WRONG: L = L("onbekend scheidingsteken voor --csv-sep", "unknown separator for --csv-sep");
const CSV_SEP_USE: L = L("gebruik ; , of tab", "use ; , or tab");

const NONE_READ: L =
    L("geen verslag: geen van de logboeken kon worden gelezen", "no report: none of the logs could be read");
const BINARY_NEEDS_FILE: L = L(
    "geen verslag: --format xlsx en docx schrijven een bestand; geef --output BESTAND",
    "no report: --format xlsx and docx write a file; give --output FILE",
);

/// Exit 0 for a clean report, 1 for a report with warnings, 2 when no report could be made.
pub fn run(args: &DebriefArgs) -> anyhow::Result<ExitCode> {
    // Until the logs are read, messages are in the language asked for, else Dutch.
    let mut lang = args.lang.lang.unwrap_or(Lang::Nl);
    let csv_separator = args.csv_sep.as_deref().map(|s| CsvSep::parse(s, lang)).transpose()?.map(|s| s.0);
    let given = given_deck(args.deck.deck.as_deref(), lang)?;
    // One report, one deck: the one recorded in the first readable log, unless --deck is given.
    // Every other log is compared against it and its differences reported.
    let deck = match &given {
        Some(deck) => deck.clone(),
        None => match args.logs.iter().find_map(|p| crate::log::deck_for_log(p, None).ok()) {
            Some(found) => found.deck,
            None => bundled_deck(lang)?,
        },
    };
    let mut sessions = Vec::new();
    let mut failed = Vec::new();
    for path in &args.logs {
        match load_session(path, &deck, lang) {
            Ok(s) => sessions.push(s),
            Err(_) => failed.push(path),
        }
    }
    // The report speaks the sessions' language, as `review` and `screen` do, unless asked
    // otherwise; sessions in different languages get Dutch.
    if args.lang.lang.is_none()
        && let Some(first) = sessions.first().map(|s| s.state.setup.lang)
    {
        lang = if sessions.iter().all(|s| s.state.setup.lang == first) { first } else { Lang::Nl };
    }
    for path in &failed {
        if let Err(e) = load_session(path, &deck, lang) {
            note!("weerbaar: {}: {e}", WARNING.get(lang));
        }
    }
    if sessions.is_empty() {
        note!("weerbaar: {}", NONE_READ.get(lang));
        return Ok(ExitCode::from(2));
    }
    if args.format.is_binary() && args.output.is_none() {
        note!("weerbaar: {}", BINARY_NEEDS_FILE.get(lang));
        return Ok(ExitCode::from(2));
    }
    if let Some(name) = &args.group {
        let known: Vec<String> =
            sessions.iter().flat_map(|s| s.state.setup.groups.iter().map(|g| clean(&g.name).into_owned())).collect();
        if !known.iter().any(|k| crate::debrief::same_name(k, name)) {
            let text = msg!(
                "geen verslag: geen gemeente `{}` in de logboeken; wel {}",
                "no report: no municipality called `{}` in the logs; they have: {}",
                clean(name),
                known.join(", ")
            );
            note!("weerbaar: {}", text.get(lang));
            return Ok(ExitCode::from(2));
        }
    }
    let options = Options {
        anonymize: args.publish.anonymize,
        include_private: args.include_private,
        include_unrevealed: args.include_unrevealed,
        group: args.group.clone(),
        csv_separator,
    };
    let mut anonymizer = args.publish.anonymizer(lang)?;
    let report = match anonymizer.as_mut() {
        Some(a) => Report::published(&deck, lang, sessions, options, a),
        None => Report::with(&deck, lang, sessions, options),
    };
    let bytes = report.render_bytes(args.format).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?;
    match &args.output {
        Some(path) => {
            let mut inputs = args.logs.clone();
            inputs.extend(deck_inputs(args.deck.deck.as_deref()));
            inputs.extend(args.publish.inputs());
            super::output::write(path, &bytes, args.force, &inputs, lang)?;
        }
        None => {
            if let Some(code) = print_bytes(&bytes, lang)? {
                return Ok(code);
            }
        }
    }
    let warnings = report.warnings();
    for w in &warnings {
        note!("weerbaar: {}: {w}", WARNING.get(lang));
    }
    if let Some(a) = &anonymizer {
        published(a, args.publish.aliases.as_deref(), lang)?;
    }
    Ok(if warnings.is_empty() && failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
