//! The command line: the arguments (clap derive) and one module per command. `main.rs` only
//! parses ([`parse`]), dispatches to a command's `run` and reports the error a command returns;
//! everything a command decides lives here, in the library, where it can be read and tested.
//!
//! Every sentence a command writes goes through the bilingual text types ([`L`] for fixed
//! texts, [`msg!`](crate::msg) for texts with values): the command line speaks the language of
//! the screens. How to add a command: `docs/design.md`, "Where things go".
//!
//! [`L`]: crate::scenario::text::L

use clap::{Parser, Subcommand};

/// Like `eprintln!`, but a standard error that cannot be written (closed, full) is not a panic:
/// there is nobody left to tell.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod args;
pub mod check;
mod common;
pub mod debrief;
mod format;
pub mod graph;
pub mod new;
pub mod output;
pub mod play;
pub mod proof;
mod publish;
pub mod review;
pub mod screen;
pub mod series;
pub mod simulate;
mod usage;

#[derive(Parser)]
#[command(
    name = "weerbaar",
    version,
    // `weerbaar --lang en play` would set the language of a `play` that is not run: say so.
    args_conflicts_with_subcommands = true,
    about = "Facilitator-led tabletop exercises on digital safety for Dutch municipalities",
    long_about = "Weerbaar runs a 'bestuurlijk gesprek digitale veiligheid': a facilitator leads two or more \
                  municipal delegations through scenario cards, records every group's choices in an \
                  append-only log, and produces a debrief. Without a subcommand it starts `play`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub play: play::PlayArgs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run a session in the terminal (the default).
    Play(play::PlayArgs),
    /// Check scenario decks or card files and report every problem with its file, line and column.
    Check(check::CheckArgs),
    /// Write a report of one or more session logs (Markdown, HTML, CSV, JSON, Excel or Word).
    Debrief(debrief::DebriefArgs),
    /// What a series of sessions teaches, aggregate only, for organisers (Markdown, HTML, JSON, xlsx or Word).
    Series(series::SeriesArgs),
    /// Walk through a finished or interrupted session card by card; with --strength,
    /// --improvement, --assess, --place or --scope, add findings to the log instead (appended).
    Review(review::ReviewCmd),
    /// The audience screen: follow a live session's log for the room (second display, ssh).
    Screen(args::ShowArgs),
    /// Play many random sessions through every agenda and report what a deck never reaches.
    Simulate(simulate::SimulateArgs),
    /// Draw the deck's cards and follow-ups as a Mermaid or Graphviz graph.
    Graph(graph::GraphArgs),
    /// Write the whole deck as a Markdown proof copy for a reviewer.
    Proof(proof::ProofArgs),
    /// Start a new deck or card from a commented Dutch skeleton that `check` understands.
    #[command(subcommand)]
    New(new::NewCommand),
}

/// The arguments, with the sessions folder named at the end of `--help` (of `weerbaar`, `play`,
/// `screen` and `review`): a facilitator who double-clicked the program finds the logs there.
/// Wrong arguments end the program here, with exit code 2 and the mistake in Dutch (clap's own
/// message with `--lang en`).
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() <= 1 {
        // The start by double-click: the console with every option at its default, which is
        // `PlayArgs::default()` (held to clap's defaults by a test), without clap's code at all.
        return Cli { command: None, play: play::PlayArgs::default() };
    }
    if let Some(play) = console_only(args.iter().cloned()) {
        return Cli { command: None, play };
    }
    let folder = crate::log::sessions_dir().map_or_else(|| "(none found)".to_string(), |d| d.display().to_string());
    let after = format!(
        "Sessions folder: {folder}\n  New logs go there unless --log names a file; `screen` and `review` without a \
         log open the newest one there. Set {} to choose another folder.",
        crate::log::DIR_VAR
    );
    let mut command = Cli::command().after_help(after.clone());
    for name in ["play", "screen", "review"] {
        command = command.mut_subcommand(name, |c| c.after_help(after.clone()));
    }
    let lang = usage::lang_asked(&args);
    let matches = command.try_get_matches_from(args).unwrap_or_else(|e| exit_on(&e, lang));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit_on(&e, lang))
}

/// Ends the program on a command line it cannot read: the mistake in Dutch unless `--lang en` was
/// given ([`usage`]), with clap's exit code; help and version as clap prints them.
fn exit_on(e: &clap::Error, lang: crate::scenario::Lang) -> ! {
    if lang == crate::scenario::Lang::Nl
        && let Some(text) = usage::dutch(e)
    {
        note!("{text}");
        std::process::exit(2);
    }
    e.exit()
}

/// The console's own options, read without building the whole command: the start a facilitator
/// makes most (by double-click, without arguments) reaches its first frame sooner, as the ten
/// subcommands' trees were about a twentieth of the CPU before it (docs/performance.md, "First
/// frame"). `None` for anything else, which [`parse`] then reads with the whole command, so help,
/// version, subcommands and every error read as they always do: the console has no positional
/// argument, so a subcommand's name is an error here, and so are the help and version flags.
fn console_only(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<play::PlayArgs> {
    use clap::{Args, FromArgMatches};
    let command =
        play::PlayArgs::augment_args(clap::Command::new("weerbaar")).disable_help_flag(true).disable_version_flag(true);
    let matches = command.try_get_matches_from(args).ok()?;
    play::PlayArgs::from_arg_matches(&matches).ok()
}

/// Reports a command's error on standard error, after `weerbaar: `. Errors quote file names and
/// file contents: nothing may reach the terminal as a control code.
pub fn report(err: &anyhow::Error) {
    note!("weerbaar: {}", crate::scenario::clean(&format!("{err:#}")));
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// clap's own check of the definitions: no two options with one name, every `requires` and
    /// `conflicts_with` pointing at an option that exists (after flattening).
    #[test]
    fn the_arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    fn help(command: &str, arg: &str) -> String {
        let cli = Cli::command();
        let sub = cli.get_subcommands().find(|c| c.get_name() == command).expect("the command");
        let arg = sub.get_arguments().find(|a| a.get_id() == arg).expect("the option");
        arg.get_help().map(ToString::to_string).unwrap_or_default()
    }

    #[test]
    fn a_shared_option_keeps_each_commands_own_wording() {
        assert_eq!(help("play", "lang"), "Language of the screens: nl (default) or en");
        assert_eq!(help("check", "lang"), "Language of the messages: nl (default) or en");
        assert_eq!(help("simulate", "lang"), "Language of the report: nl (default) or en");
        assert!(help("debrief", "deck").starts_with("Another deck than the one recorded in the logs "));
        assert!(help("review", "deck").starts_with("Another deck than the one recorded in the log "));
        assert_eq!(help("play", "deck"), "A deck directory to play instead of the bundled deck");
        assert_eq!(help("proof", "deck"), "A deck directory instead of the bundled deck");
    }

    #[test]
    fn report_formats_are_read_by_name_alias_and_any_case() {
        let parsed = Cli::try_parse_from(["weerbaar", "debrief", "a.jsonl", "--format", "Word"]).expect("parsed");
        let Some(Command::Debrief(args)) = parsed.command else { panic!("debrief") };
        assert_eq!(args.format, crate::debrief::Format::Docx);
        let parsed = Cli::try_parse_from(["weerbaar", "series", "logs", "--format", "EXCEL"]).expect("parsed");
        let Some(Command::Series(args)) = parsed.command else { panic!("series") };
        assert_eq!(args.format, crate::series::Format::Xlsx);
        let wrong = Cli::try_parse_from(["weerbaar", "series", "logs", "--format", "csv"]).err().expect("refused");
        assert!(wrong.to_string().contains("[possible values: md, html, json, xlsx, docx]"), "{wrong}");
    }

    #[test]
    fn the_top_level_options_are_plays() {
        let parsed =
            Cli::try_parse_from(["weerbaar", "--group", "Laren", "--lang", "en", "--theme", "light"]).expect("parsed");
        assert!(parsed.command.is_none());
        assert_eq!(parsed.play.groups, ["Laren"]);
        assert_eq!(parsed.play.lang.lang, crate::scenario::Lang::En);
        assert_eq!(parsed.play.theme.theme, crate::ui::theme::Palette::Light);
        assert!(Cli::try_parse_from(["weerbaar", "--lang", "en", "debrief", "a.jsonl"]).is_err());
    }

    /// A start without arguments takes `PlayArgs::default()` instead of asking clap: the two
    /// agree. (clap is built without its `env` feature, so no option's default can come from
    /// the environment, which `default()` would miss.)
    #[test]
    fn no_arguments_are_the_consoles_defaults() {
        let whole = Cli::try_parse_from(["weerbaar"]).expect("parsed");
        assert!(whole.command.is_none());
        assert_eq!(format!("{:?}", whole.play), format!("{:?}", play::PlayArgs::default()));
    }

    fn console_only_of(args: &[&str]) -> Option<play::PlayArgs> {
        console_only(args.iter().map(std::ffi::OsString::from))
    }

    /// The shortcut for the console reads its options exactly as the whole command does, and
    /// leaves everything else (help, version, subcommands, mistakes) to the whole command.
    #[test]
    fn the_console_shortcut_reads_as_the_whole_command() {
        let consoles: [&[&str]; 6] = [
            &["weerbaar"],
            &["weerbaar", "--group", "Laren", "--group", "Blaricum:burgemeester,ciso", "--lang", "en"],
            &["weerbaar", "--theme", "light", "--minutes", "90", "--seed", "7", "--log", "s.jsonl", "--title", "Gooi"],
            &["weerbaar", "--resume", "s.jsonl", "--devices"],
            &["weerbaar", "--devices", "0.0.0.0:8080", "--peers", "peers", "--agenda", "mixed"],
            &["weerbaar", "--deck", "scenarios", "--facilitator", "Anna", "--follow-up", "old.jsonl"],
        ];
        for args in consoles {
            let whole = Cli::try_parse_from(args).expect("the whole command reads it");
            assert!(whole.command.is_none(), "{args:?}");
            let short = console_only_of(args).unwrap_or_else(|| panic!("the shortcut reads {args:?}"));
            assert_eq!(format!("{short:?}"), format!("{:?}", whole.play), "{args:?}");
        }
        let others: [&[&str]; 10] = [
            &["weerbaar", "--help"],
            &["weerbaar", "-h"],
            &["weerbaar", "--version"],
            &["weerbaar", "-V"],
            &["weerbaar", "check"],
            &["weerbaar", "play", "--group", "Laren"],
            &["weerbaar", "--lang", "en", "debrief", "a.jsonl"],
            &["weerbaar", "--minutes", "5000"],
            &["weerbaar", "--resume", "a.jsonl", "--log", "b.jsonl"],
            &["weerbaar", "--nonsense"],
        ];
        for args in others {
            assert!(console_only_of(args).is_none(), "{args:?} is left to the whole command");
        }
    }
}
