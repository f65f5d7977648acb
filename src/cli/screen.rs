//! `weerbaar screen`: the audience screen, following a live session's log for the room. A log
//! that does not exist yet is waited for (the console may start a moment later); one that has not
//! appeared after a few seconds is named as missing on the screen, with the newest logs in its
//! folder ([`crate::ui::audience`]).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::args::ShowArgs;
use super::common::{bundled_deck, fail, given_deck, log_to_show, terminal_failed};
use crate::log::{LogDeckError, LogError};
use crate::scenario::Lang;
use crate::session::SessionError;
use crate::session::SystemClock;
use crate::session::state::ApplyError;

pub fn run(args: &ShowArgs) -> anyhow::Result<ExitCode> {
    crate::ui::theme::set_palette(args.theme.theme);
    let mut lang = args.lang.lang.unwrap_or(Lang::Nl);
    let given = given_deck(args.deck.deck.as_deref(), lang)?;
    let log = log_to_show(args.log.as_deref(), lang)?;
    // A log that is not there yet (or still empty) is waited for; anything else that is not a
    // log is refused now rather than waited on forever.
    let deck = match crate::log::deck_for_log(&log, given.clone()) {
        Ok(found) => found.deck,
        Err(LogDeckError::Log(LogError::Empty { .. })) | Err(LogDeckError::Log(LogError::Io { .. }))
            if !log.exists() || is_empty_file(&log) =>
        {
            match given {
                Some(deck) => deck,
                None => bundled_deck(lang)?,
            }
        }
        Err(e) => return Err(fail(e.describe(lang))),
    };
    // A log the engine cannot fold (more groups than supported) is refused, not waited on.
    match crate::log::replay(&log, &deck) {
        Err(why @ SessionError::Unusable { source: ApplyError::TooManyGroups(_), .. }) => {
            return Err(fail(why.describe(lang)));
        }
        // The room reads the language the session is played in, unless asked otherwise.
        Ok(r) => lang = args.lang.lang.unwrap_or(r.state.setup.lang),
        Err(_) => {}
    }
    let mut screen = crate::ui::audience::Audience::new(&log, deck, lang, SystemClock);
    crate::ui::run::run(&mut screen).with_context(|| terminal_failed(lang))?;
    Ok(ExitCode::SUCCESS)
}

fn is_empty_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}
