//! What several commands need: the sessions folder, the deck for a log, standard output that
//! may go away (`| head`), the terminal check, and the few sentences they share.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::msg;
use crate::scenario::text::L;
use crate::scenario::{self, Deck, Lang, clean};

/// "waarschuwing: …" before every warning a command writes to standard error.
pub const WARNING: L = L("waarschuwing", "warning");
/// The head of every refused start of `play`.
pub const CANNOT_START: L = L("de sessie kan niet beginnen", "cannot start the session");
/// The head of every refused `play --resume`.
pub const CANNOT_CONTINUE: L = L("de sessie kan niet verder", "cannot continue the session");
const TERMINAL_FAILED: L = L("de terminal gaf een fout", "the terminal failed");
const NEEDS_TERMINAL: L = L(
    "een sessie heeft een terminal nodig (de invoer of uitvoer is er geen); start weerbaar in een terminalvenster, \
     of gebruik `weerbaar debrief` / `weerbaar simulate` voor werk zonder terminal",
    "play needs a terminal (standard input or output is not one); run weerbaar in a terminal window, or use \
     `weerbaar debrief` / `weerbaar simulate` for work without one",
);
const BUNDLED_BROKEN: L = L("kan het meegeleverde deck niet laden", "cannot load the bundled deck");

/// Why the terminal loop of `play`, `screen` or `review` stopped with an error.
pub fn terminal_failed(lang: Lang) -> &'static str {
    TERMINAL_FAILED.get(lang)
}

/// A sentence in the reader's language as an error for `main` to report.
pub fn fail(text: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{text}")
}

/// The sessions folder ([`crate::log::sessions_dir`]), or why there is none.
pub fn sessions_dir(lang: Lang) -> anyhow::Result<PathBuf> {
    crate::log::sessions_dir().ok_or_else(|| {
        let var = crate::log::DIR_VAR;
        fail(
            msg!(
                "er is geen map voor de sessies: deze computer noemt geen thuismap; zet {} of geef --log",
                "there is no folder for the sessions: this computer names no home folder; set {} or give --log",
                var
            )
            .get(lang),
        )
    })
}

/// The log `screen` or `review` shows: the one given, else the newest in the sessions folder.
pub fn log_to_show(given: Option<&Path>, lang: Lang) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    let dir = sessions_dir(lang)?;
    crate::log::newest_log(&dir).ok_or_else(|| {
        let shown = clean(&dir.display().to_string()).into_owned();
        fail(
            msg!(
                "geen sessie gevonden in {}; geef het logboek (een .jsonl-bestand) als argument",
                "no session found in {}; give the log (a .jsonl file) as an argument",
                shown
            )
            .get(lang),
        )
    })
}

/// Without a terminal no session can run.
pub fn need_terminal(lang: Lang) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(fail(NEEDS_TERMINAL.get(lang)))
}

/// Writes to standard output. A reader that went away (`| head`) ends the command quietly with
/// exit 0 (`Some`); any other failure (a full disk) is an error, told in `lang`.
pub fn print_out(text: &str, lang: Lang) -> anyhow::Result<Option<ExitCode>> {
    print_bytes(text.as_bytes(), lang)
}

/// As [`print_out`], for a report's bytes.
pub fn print_bytes(bytes: &[u8], lang: Lang) -> anyhow::Result<Option<ExitCode>> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Some(ExitCode::SUCCESS)),
        Err(e) => Err(anyhow::anyhow!(
            "{}: {}",
            super::output::CANNOT_WRITE_STDOUT.get(lang),
            crate::scenario::text::io_error(&e, lang)
        )),
    }
}

/// The deck's files, which no output may replace.
pub fn deck_inputs(deck: Option<&Path>) -> Vec<PathBuf> {
    let Some(dir) = deck else { return Vec::new() };
    let dir = if dir.is_file() { dir.parent().unwrap_or(Path::new(".")) } else { dir };
    scenario::load(Some(dir)).map(|l| l.sources.iter().map(|s| PathBuf::from(&s.path)).collect()).unwrap_or_default()
}

/// The deck for reading the log at `path`: the one recorded in it, unless `--deck` overrides.
pub fn log_deck(path: &Path, given: Option<Deck>, lang: Lang) -> anyhow::Result<Deck> {
    crate::log::deck_for_log(path, given).map(|d| d.deck).map_err(|e| fail(e.describe(lang)))
}

/// The deck given with `--deck`, loaded, or why it cannot be.
pub fn given_deck(path: Option<&Path>, lang: Lang) -> anyhow::Result<Option<Deck>> {
    path.map(|p| {
        scenario::load_deck_in(Some(p), lang).map_err(|e| {
            let shown = clean(&p.display().to_string()).into_owned();
            let head = msg!("kan het deck {} niet laden", "cannot load the deck {}", shown);
            anyhow::anyhow!("{}: {}", head.get(lang), e.describe(lang))
        })
    })
    .transpose()
}

/// The bundled deck; it is checked by the tests, so a failure here is a broken build.
pub fn bundled_deck(lang: Lang) -> anyhow::Result<Deck> {
    scenario::load_deck_in(None, lang)
        .map_err(|e| anyhow::anyhow!("{}: {}", BUNDLED_BROKEN.get(lang), e.describe(lang)))
}

/// The deck given with --deck, or the bundled one.
pub fn deck_for(path: Option<&Path>, lang: Lang) -> anyhow::Result<Deck> {
    match given_deck(path, lang)? {
        Some(deck) => Ok(deck),
        None => bundled_deck(lang),
    }
}

/// A session read from its log; when it cannot be used, the engine's own reason (too many
/// groups, no first event) rather than a generic one.
pub fn load_session(path: &Path, deck: &Deck, lang: Lang) -> anyhow::Result<crate::debrief::SessionLog> {
    crate::debrief::load_log(path, deck).map_err(|e| match crate::log::replay(path, deck) {
        Err(why) => fail(why.describe(lang)),
        Ok(_) => match e {
            crate::debrief::DebriefError::Log(log) => fail(log.describe(lang)),
            other => fail(clean(&other.to_string())),
        },
    })
}
