//! `weerbaar series`: what many sessions teach, aggregate only, for organisers.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::args::LangArg;
use super::common::{WARNING, given_deck, print_bytes};
use super::publish::{PublishArgs, published};
use crate::msg;
use crate::scenario::clean;
use crate::scenario::text::L;
use crate::series::{Format, Series};

#[derive(Args)]
#[command(
    mut_arg("lang", |a| a.help("Language of the report and its warnings: nl (default) or en")),
    mut_arg("deck", |a| a.help("The deck for logs from before decks were recorded in logs (default: the bundled deck)")),
)]
pub struct SeriesArgs {
    /// Session logs (.jsonl) or folders of them; read one at a time, only totals are kept.
    #[arg(value_name = "LOG_OR_DIR", required = true)]
    pub logs: Vec<PathBuf>,
    /// md (default), html, json, xlsx or docx.
    #[arg(long, value_name = "FORMAT", default_value = "md", ignore_case = true, hide_possible_values = true)]
    pub format: Format,
    #[command(flatten)]
    pub lang: LangArg,
    /// Write the report to this file instead of standard output (`-o -` is standard output; owner-only; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file (never one of the logs).
    #[arg(long, requires = "output")]
    pub force: bool,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// With --anonymize: a card's shares and quotes need at least this many municipalities (and
    /// 5 sessions), a quoted option this many municipalities; 5 (as `play --peers`) or more.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(5..), requires = "anonymize")]
    pub min_municipalities: u32,
    #[command(flatten)]
    pub deck: super::args::LogDeckArg,
    /// Only sessions held on or after this day (2027-01-01 or 1-1-2027): a quarterly edition.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only sessions held on or before this day (2027-03-31 or 31-3-2027).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

const NONE_READ: L =
    L("geen overzicht: geen van de logboeken kon gelezen worden", "no report: none of the logs could be read");
const NOT_TO_TERMINAL: L = L(
    "een spreadsheet schrijf ik niet naar de terminal; geef -o BESTAND.xlsx",
    "a spreadsheet is not written to a terminal; give -o FILE.xlsx",
);
const WORD_NOT_TO_TERMINAL: L = L(
    "een Word-bestand schrijf ik niet naar de terminal; geef -o BESTAND.docx",
    "a Word file is not written to a terminal; give -o FILE.docx",
);
const NONE_IN_PERIOD: L = L(
    "geen overzicht: geen van de sessies viel in de gevraagde periode (--from/--to)",
    "no report: none of the sessions was held in the period asked for (--from/--to)",
);
const FROM_AFTER_TO: L = L(
    "--from ligt na --to: geen enkele sessie kan erin vallen",
    "--from is after --to: no session can fall in between",
);

/// Exit 0 for a clean report, 1 when a log or some of its lines were skipped, 2 when no report
/// could be made. Warnings name the file, except when anonymising.
pub fn run(args: &SeriesArgs) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let lang = args.lang.lang;
    let mut anonymizer = args.publish.anonymizer(lang)?;
    let mut series = Series::new(lang, given_deck(args.deck.deck.as_deref(), lang)?);
    if args.publish.anonymize {
        series.publishing();
        series.min_municipalities(args.min_municipalities as usize);
    }
    let day = |s: &Option<String>| s.as_deref().map(|s| crate::series::parse_day(s, lang)).transpose();
    let (from, to) = (day(&args.from).map_err(anyhow::Error::msg)?, day(&args.to).map_err(anyhow::Error::msg)?);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        anyhow::bail!("{}", FROM_AFTER_TO.get(lang));
    }
    series.period(from, to);
    let (mut problems, mut count) = (0usize, 0usize);
    for path in &args.logs {
        for w in series.add_path(path) {
            problems += 1;
            count += 1;
            let place = if args.publish.anonymize {
                format!("log {count}")
            } else {
                clean(&w.path.display().to_string()).into_owned()
            };
            note!("weerbaar: {}: {place}: {}", WARNING.get(lang), clean(&w.text));
        }
    }
    if series.sessions() == 0 {
        let why = if series.sessions_outside() > 0 { NONE_IN_PERIOD } else { NONE_READ };
        note!("weerbaar: {}", why.get(lang));
        return Ok(ExitCode::from(2));
    }
    let refusal = match args.format {
        Format::Xlsx => Some(NOT_TO_TERMINAL),
        Format::Docx => Some(WORD_NOT_TO_TERMINAL),
        _ => None,
    };
    if let Some(refusal) = refusal
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        note!("weerbaar: {}", refusal.get(lang));
        return Ok(ExitCode::from(2));
    }
    let report = series.report(anonymizer.as_mut());
    let bytes = crate::series::render(&report, args.format).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?;
    match &args.output {
        Some(path) => {
            let mut inputs = args.logs.clone();
            inputs.extend(args.publish.inputs());
            let inside_input_dir =
                args.logs.iter().any(|d| d.is_dir() && path.parent().is_some_and(|p| same_dir(p, d)));
            if inside_input_dir && path.extension().is_some_and(|e| e == "jsonl") {
                let text = msg!(
                    "{} wordt niet geschreven: het zou een van de logboeken van deze opdracht worden",
                    "refusing to write {}: it would be one of this command's logs",
                    path.display()
                );
                anyhow::bail!("{}", text.get(lang));
            }
            super::output::write(path, &bytes, args.force, &inputs, lang)?;
        }
        None => {
            if let Some(code) = print_bytes(&bytes, lang)? {
                return Ok(code);
            }
        }
    }
    if let Some(a) = &anonymizer {
        published(a, args.publish.aliases.as_deref(), lang)?;
    }
    Ok(if problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn same_dir(a: &Path, b: &Path) -> bool {
    let a = if a.as_os_str().is_empty() { Path::new(".") } else { a };
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}
