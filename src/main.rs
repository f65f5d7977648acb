//! The `weerbaar` command line: parse, dispatch, report errors. Nothing else lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
mod output;

/// Like `eprintln!`, but a standard error that cannot be written (closed, full) is not a panic:
/// there is nobody left to tell.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use weerbaar::log::{LogDeckError, LogError};
use weerbaar::scenario::{self, AgendaId, Deck, Lang, Loaded, Role, clean};
use weerbaar::session::state::ApplyError;
use weerbaar::session::{Clock, DEFAULT_MINUTES, GroupSetup, Session, SessionError, Setup, SetupError, SystemClock};
use weerbaar::ui::{App, Launch, Level, SetupForm, i18n};

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
    /// Write a report of one or more session logs (Markdown, HTML, CSV or JSON).
    Debrief(DebriefArgs),
    /// What a series of sessions teaches, aggregate only, for organisers (Markdown, HTML, JSON or xlsx).
    Series(SeriesArgs),
    /// Walk through a finished or interrupted session card by card; with --strength,
    /// --improvement, --assess, --place or --scope, add findings to the log instead (appended).
    Review(ReviewCmd),
    /// The audience screen: follow a live session's log for the room (second display, ssh).
    Screen(ReviewArgs),
    /// Play many random sessions through every agenda and report what a deck never reaches.
    Simulate(SimulateArgs),
    /// Draw the deck's cards and follow-ups as a Mermaid or Graphviz graph.
    Graph(GraphArgs),
    /// Write the whole deck as a Markdown proof copy for a reviewer.
    Proof(ProofArgs),
    /// Start a new deck or card from a commented Dutch skeleton that `check` understands.
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write a new deck into DIR: deck.ron and a first card in cards/.
    Deck {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Language of the messages: nl (default) or en.
        #[arg(long, value_name = "nl|en", default_value = "nl")]
        lang: Lang,
    },
    /// Write a new card ID.ron into the deck's cards/ folder.
    Card {
        /// The card's id, kebab-case, e.g. `pers-belt`; also the file name.
        #[arg(value_name = "ID")]
        id: String,
        /// The theme, in Dutch or English: Leiderschap, EigenHuis, Ontwrichting, DigitaleCriminaliteit.
        #[arg(long, value_name = "THEMA")]
        theme: String,
        /// The deck folder (default: the current folder).
        #[arg(long, value_name = "DIR", default_value = ".")]
        deck: PathBuf,
        /// Language of the messages: nl (default) or en.
        #[arg(long, value_name = "nl|en", default_value = "nl")]
        lang: Lang,
    },
}

#[derive(Args)]
struct SimulateArgs {
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
    /// Random sessions per agenda and per number of delegations (2, 3 and 4).
    #[arg(long, default_value_t = 200)]
    runs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Language of the report: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
}

#[derive(Args)]
struct GraphArgs {
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
    /// mermaid (default) or dot.
    #[arg(long, value_name = "mermaid|dot", default_value = "mermaid")]
    format: String,
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
}

#[derive(Args)]
struct ProofArgs {
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
    /// nl (default), en, or both: Dutch and English one after the other per card.
    #[arg(long, value_name = "nl|en|both", default_value = "nl", value_parser = ["nl", "en", "both"])]
    lang: String,
    /// Write to this file instead of standard output (owner-only; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing --output file (never the deck itself).
    #[arg(long, requires = "output")]
    force: bool,
}

#[derive(Args)]
struct ReviewArgs {
    /// The session log (default: the newest session in the sessions folder; see WEERBAAR_DIR).
    #[arg(value_name = "LOG")]
    log: Option<PathBuf>,
    /// Language of the screens: nl or en (default: the language the session was played in).
    #[arg(long, value_name = "nl|en")]
    lang: Option<Lang>,
    /// Another deck than the one recorded in the log (logs from before decks were recorded: the
    /// deck the session was played with; default: the bundled deck). Differences are reported.
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
    /// Colours for the projector: dark (default) or light (dark text on white, for projectors
    /// that wash out dark screens).
    #[arg(long, value_name = "dark|light", default_value = "dark")]
    theme: weerbaar::ui::theme::Palette,
}

/// `review`: the walk through a session, or (with any of the finding flags) adding the
/// facilitator's findings, objective assessments and details to its log afterwards.
#[derive(Args)]
struct ReviewCmd {
    #[command(flatten)]
    base: ReviewArgs,
    /// Add a strength (sterk punt) to the log; with --objective, --card and --group.
    #[arg(long, value_name = "TEXT")]
    strength: Vec<String>,
    /// Add a point for improvement (verbeterpunt) to the log; with --objective, --card and --group.
    #[arg(long, value_name = "TEXT")]
    improvement: Vec<String>,
    /// The objective a finding is about: its id in the deck, or its number in the report.
    #[arg(long, value_name = "ID|N")]
    objective: Option<String>,
    /// The card a finding is about (its id).
    #[arg(long, value_name = "CARD")]
    card: Option<String>,
    /// The municipality a finding is about.
    #[arg(long = "group", value_name = "NAME")]
    finding_group: Option<String>,
    /// Assess an objective: ID=behaald|deels|niet, optionally with a line why after a colon
    /// (ransom-decision=deels:"wie beslist was helder, de raad niet"). English words work too.
    #[arg(long, value_name = "ID=RATING[:WHY]")]
    assess: Vec<String>,
    /// Bring one of the session's actions up to date (its number in the improvement plan, the
    /// "Nr." column): with --observation, --priority, --objective, --organisation, --start,
    /// --status and --progress.
    #[arg(long, value_name = "N")]
    action: Option<usize>,
    /// The observation or problem the action answers.
    #[arg(long, value_name = "TEXT", requires = "action")]
    observation: Option<String>,
    /// hoog, middel or laag (high, medium, low).
    #[arg(long, value_name = "hoog|middel|laag", requires = "action")]
    priority: Option<String>,
    /// The organisation responsible for the action (the person is its owner).
    #[arg(long, value_name = "TEXT", requires = "action")]
    organisation: Option<String>,
    /// When work on the action starts (31-3-2027, Q1 2027, maart 2027).
    #[arg(long, value_name = "DATE", requires = "action")]
    start: Option<String>,
    /// gedaan, onderweg or niet begonnen (done, under way, not started).
    #[arg(long, value_name = "STATUS", requires = "action")]
    status: Option<String>,
    /// A line on the progress, dated today.
    #[arg(long, value_name = "TEXT", requires = "action")]
    progress: Option<String>,
    /// Where the exercise took place, for the report's exercise overview.
    #[arg(long, value_name = "TEXT")]
    place: Option<String>,
    /// What the exercise covered, in your words, for the report's exercise overview.
    #[arg(long, value_name = "TEXT")]
    scope: Option<String>,
}

impl ReviewCmd {
    fn adds(&self) -> bool {
        !self.strength.is_empty()
            || !self.improvement.is_empty()
            || !self.assess.is_empty()
            || self.place.is_some()
            || self.scope.is_some()
            || self.action.is_some()
    }
}

#[derive(Args)]
struct DebriefArgs {
    /// Session logs (.jsonl); with more than one, the report also compares the sessions.
    #[arg(value_name = "LOG", required = true)]
    logs: Vec<PathBuf>,
    /// md (default), html, csv, json, xlsx (Excel) or docx (Word); xlsx and docx need --output.
    #[arg(long, value_name = "FORMAT", default_value = "md")]
    format: weerbaar::debrief::Format,
    /// Write the report to this file instead of standard output (`-o -` is standard output; owner-only: reports carry names
    /// and candid words; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing --output file (never one of the logs or the deck).
    #[arg(long, requires = "output")]
    force: bool,
    #[command(flatten)]
    publish: PublishArgs,
    /// Also show the gespreksleider's private notes (for your own copy; never send it on).
    #[arg(long)]
    include_private: bool,
    /// Also show the answers the room never saw (a card closed before the reveal), marked as
    /// such ("getoond: nee" in csv and xlsx); by default they are in no report.
    #[arg(long)]
    include_unrevealed: bool,
    /// The CSV's separator: `;` (the default for a Dutch report, what Dutch Excel splits on),
    /// `,` (the default in English) or `tab`.
    #[arg(long, value_name = "; | , | tab")]
    csv_sep: Option<CsvSep>,
    /// One municipality's own report: its choices, rationales, notes and actions, with its
    /// peers' choices shown without their names.
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// Language of the report: nl or en (default: the language the sessions were played in; Dutch
    /// when they were played in different languages).
    #[arg(long, value_name = "nl|en")]
    lang: Option<Lang>,
    /// Another deck than the one recorded in the logs (logs from before decks were recorded: the
    /// deck they were played with; default: the bundled deck). Differences are reported.
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
}

/// A CSV separator as given on the command line.
#[derive(Clone, Copy)]
struct CsvSep(u8);

impl std::str::FromStr for CsvSep {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            ";" | "semicolon" | "puntkomma" => Ok(CsvSep(b';')),
            "," | "comma" | "komma" => Ok(CsvSep(b',')),
            "tab" | "\\t" | "\t" => Ok(CsvSep(b'\t')),
            other => Err(format!("`{other}`: use ; , or tab (gebruik ; , of tab)")),
        }
    }
}

/// Publishing a report (`debrief` and `series` alike): one anonymiser, one alias table.
#[derive(Args)]
struct PublishArgs {
    /// Fit to publish: municipalities under random aliases kept in --aliases ("Gemeente K"); titles,
    /// file names, the facilitator, names, e-mail addresses, phone numbers, postcodes, BSNs and
    /// IBANs replaced in what people typed (never in the deck's texts); no file names in warnings.
    #[arg(long)]
    anonymize: bool,
    /// Names, other spellings and people to replace everywhere (one per line).
    #[arg(long, value_name = "FILE", requires = "anonymize")]
    redact: Option<PathBuf>,
    /// The table of aliases kept across publications ("K = Laren"), shared by `debrief` and
    /// `series`; read, extended and written back.
    #[arg(long, value_name = "FILE", requires = "anonymize")]
    aliases: Option<PathBuf>,
}

#[derive(Args)]
struct SeriesArgs {
    /// Session logs (.jsonl) or folders of them; read one at a time, only totals are kept.
    #[arg(value_name = "LOG_OR_DIR", required = true)]
    logs: Vec<PathBuf>,
    /// md (default), html, json or xlsx.
    #[arg(long, value_name = "FORMAT", default_value = "md")]
    format: weerbaar::series::Format,
    /// Language of the report and its warnings: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// Write the report to this file instead of standard output (`-o -` is standard output; owner-only; never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing --output file (never one of the logs).
    #[arg(long, requires = "output")]
    force: bool,
    #[command(flatten)]
    publish: PublishArgs,
    /// With --anonymize: a card's shares and quotes need at least this many municipalities (and
    /// 5 sessions), a quoted option this many municipalities; 5 (as `play --peers`) or more.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(5..), requires = "anonymize")]
    min_municipalities: u32,
    /// The deck for logs from before decks were recorded in logs (default: the bundled deck).
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
}

#[derive(Args, Clone, Default)]
struct PlayArgs {
    /// A deck directory to play instead of the bundled deck.
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
    /// Language of the screens: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// A municipal delegation, e.g. --group Laren or --group "Laren:burgemeester,CISO,FG".
    /// Two or more skip the setup screen. Without roles, all six roles are present.
    #[arg(long = "group", value_name = "NAME[:ROLES]")]
    groups: Vec<String>,
    /// The agenda to play (an id from the deck's manifest); the first one by default.
    #[arg(long, value_name = "NAME")]
    agenda: Option<String>,
    /// Target length of the session in minutes, 10 to 600 (default: the agenda's own length).
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(10..=600))]
    minutes: Option<u32>,
    /// Seed for the random parts (who speaks first after a reveal); recorded in the log.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Where to write the log (default: YYYY-MM-DD_HHMM_<title>.jsonl in the sessions folder,
    /// which WEERBAAR_DIR chooses; see the end of --help).
    #[arg(long, value_name = "PATH")]
    log: Option<PathBuf>,
    /// Continue the session in this log after a crash or a closed laptop (with the deck recorded
    /// in the log; --deck only for logs from before decks were recorded).
    #[arg(long, value_name = "LOG", conflicts_with_all = ["groups", "log"])]
    resume: Option<PathBuf>,
    /// Session title (default: the names of the groups).
    #[arg(long)]
    title: Option<String>,
    /// The facilitator's name, for the debrief.
    #[arg(long, default_value = "")]
    facilitator: String,
    /// Start by asking what became of the take-home actions in this earlier session's log.
    #[arg(long, value_name = "PREVIOUS_LOG", conflicts_with = "resume")]
    follow_up: Option<PathBuf>,
    /// Colours for the projector: dark (default) or light (dark text on white, for projectors
    /// that wash out dark screens).
    #[arg(long, value_name = "dark|light", default_value = "dark")]
    theme: weerbaar::ui::theme::Palette,
    /// Let the delegations answer on their own phones or laptops: serve a page per group on
    /// this address while the session runs (default: port 8080 on the address of the network
    /// that carries the default route; 0.0.0.0 means that address too, never every interface).
    /// Plain HTTP on the local network: whoever sees a group's link can answer for that group.
    #[arg(long, value_name = "ADDR:PORT", num_args = 0..=1, default_missing_value = weerbaar::devices::DEFAULT_ADDR)]
    devices: Option<std::net::SocketAddr>,
    /// Logs of earlier sessions (a folder, read with its subfolders): after the reveal, show how
    /// they answered the card ("In 14 eerdere sessies koos 57% optie 2"). Anonymised counts only,
    /// and only for cards at least 5 sessions and 5 municipalities played; recorded in the log.
    #[arg(long, value_name = "DIR")]
    peers: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// Deck directories, deck.ron manifests or single card files; the bundled deck when none is given.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Treat warnings as errors: exit 1 when there is any warning.
    #[arg(long)]
    deny_warnings: bool,
    /// Language of the messages: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// Write the whole report (every problem and the summary) to this file.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = parse_cli();
    let result = match cli.command {
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Play(args)) => run_play(&args),
        Some(Command::Debrief(args)) => run_debrief(&args),
        Some(Command::Series(args)) => run_series(&args),
        Some(Command::Review(args)) => run_review(&args),
        Some(Command::Screen(args)) => run_screen(&args),
        Some(Command::Simulate(args)) => run_simulate(&args),
        Some(Command::Graph(args)) => run_graph(&args),
        Some(Command::Proof(args)) => run_proof(&args),
        Some(Command::New(args)) => run_new(&args),
        None => run_play(&cli.play),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Errors quote file names and file contents: nothing may reach the terminal as a code.
            note!("weerbaar: {}", clean(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

/// The text in the reader's language: the command line speaks the language of the screens.
/// The arguments, with the sessions folder named at the end of `--help` (of `weerbaar`, `play`,
/// `screen` and `review`): a facilitator who double-clicked the program finds the logs there.
fn parse_cli() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let folder = weerbaar::log::sessions_dir().map_or_else(|| "(none found)".to_string(), |d| d.display().to_string());
    let after = format!(
        "Sessions folder: {folder}\n  New logs go there unless --log names a file; `screen` and `review` without a \
         log open the newest one there. Set {} to choose another folder.",
        weerbaar::log::DIR_VAR
    );
    let mut command = Cli::command().after_help(after.clone());
    for name in ["play", "screen", "review"] {
        command = command.mut_subcommand(name, |c| c.after_help(after.clone()));
    }
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The sessions folder ([`weerbaar::log::sessions_dir`]), or why there is none.
fn sessions_dir(lang: Lang) -> anyhow::Result<PathBuf> {
    weerbaar::log::sessions_dir().ok_or_else(|| {
        let var = weerbaar::log::DIR_VAR;
        anyhow::anyhow!(
            "{}",
            tr(
                lang,
                &format!("er is geen map voor de sessies: deze computer noemt geen thuismap; zet {var} of geef --log"),
                &format!(
                    "there is no folder for the sessions: this computer names no home folder; set {var} or give --log"
                ),
            )
        )
    })
}

/// The log `screen` or `review` shows: the one given, else the newest in the sessions folder.
fn log_to_show(given: Option<&Path>, lang: Lang) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    let dir = sessions_dir(lang)?;
    weerbaar::log::newest_log(&dir).ok_or_else(|| {
        let shown = clean(&dir.display().to_string()).into_owned();
        anyhow::anyhow!(
            "{}",
            tr(
                lang,
                &format!("geen sessie gevonden in {shown}; geef het logboek (een .jsonl-bestand) als argument"),
                &format!("no session found in {shown}; give the log (a .jsonl file) as an argument"),
            )
        )
    })
}

fn tr(lang: Lang, nl: &str, en: &str) -> String {
    match lang {
        Lang::Nl => nl.to_string(),
        Lang::En => en.to_string(),
    }
}

fn run_play(args: &PlayArgs) -> anyhow::Result<ExitCode> {
    weerbaar::ui::theme::set_palette(args.theme);
    let lang = args.lang;
    let given = match &args.deck {
        Some(p) => Some(scenario::load_deck_in(Some(p), lang).map_err(|e| {
            let shown = clean(&p.display().to_string()).into_owned();
            match lang {
                Lang::Nl => anyhow::anyhow!(
                    "de sessie kan niet beginnen: het deck {shown} heeft problemen; los ze op (zie `weerbaar check {shown}`)\n{}",
                    e.describe(lang)
                ),
                Lang::En => anyhow::anyhow!(
                    "cannot start the session: the deck {shown} has problems; fix them (see `weerbaar check {shown}`)\n{}",
                    e.describe(lang)
                ),
            }
        })?),
        None => None,
    };
    let clock = SystemClock;
    // Before anything is written: a port in use stops the start, not the session.
    let devices = match args.devices {
        Some(addr) => Some(weerbaar::devices::Devices::start(addr).map_err(|e| {
            anyhow::anyhow!(
                "{}: {}",
                tr(lang, "de sessie kan niet beginnen", "cannot start the session"),
                e.describe(lang)
            )
        })?),
        None => None,
    };
    if let Some(path) = &args.resume {
        need_terminal(lang)?;
        if let Some(dir) = &args.peers {
            weerbaar::peers::check(dir).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    tr(lang, "de sessie kan niet verder", "cannot continue the session"),
                    e.describe(lang)
                )
            })?;
        }
        let (session, warnings) = Session::resume_log(path, given, clock).map_err(|e| {
            let head = tr(lang, "de sessie kan niet verder", "cannot continue the session");
            anyhow::anyhow!("{head}: {}{}", e.describe(lang), resume_hint(&e, lang))
        })?;
        let deck = session.deck().clone();
        // The session being resumed may lie in the folder: it is left out by its identity.
        let own = weerbaar::peers::session_key(session.state());
        let peers = peers_for(args, &deck, Some(own))?;
        let mut app = App::with_session(launch(args, deck, None, &clock)?, session, args.lang, clock);
        let mut text = format!("{} {}: {}", i18n::RESUMED.get(args.lang), i18n::LOG.get(args.lang), path.display());
        if !warnings.is_empty() {
            let lines: Vec<String> = warnings.iter().map(|w| w.describe(args.lang)).collect();
            text.push_str(&format!(" | {}", lines.join(" | ")));
        }
        app.say(if warnings.is_empty() { Level::Info } else { Level::Warn }, text);
        app.peers = peers;
        app.open_peers();
        return run_app(app, devices);
    }
    let deck = match given {
        Some(deck) => deck,
        None => scenario::load_deck_in(None, lang).map_err(|e| {
            let head = tr(
                lang,
                "de sessie kan niet beginnen: het meegeleverde deck heeft problemen",
                "cannot start the session: the bundled deck has problems",
            );
            anyhow::anyhow!("{head}\n{}", e.describe(lang))
        })?,
    };
    let (follow_up, previous_setup) = match &args.follow_up {
        Some(path) => {
            let (previous, setup) = previous_session(path, None, lang)?;
            (Some(previous), Some(setup))
        }
        None => (None, None),
    };
    let peers = peers_for(args, &deck, None)?;
    let launch = launch(args, deck.clone(), follow_up, &clock)?;
    let app = if !args.groups.is_empty() {
        let setup = setup_from_args(args, &deck, &launch)?;
        let path =
            args.log.clone().unwrap_or_else(|| weerbaar::log::default_path(&launch.log_dir, &setup.title, clock.now()));
        let session = Session::start(deck, setup, &path, clock).map_err(|e| start_error(&e, lang))?;
        // Checked after the setup and the log's place (so their errors come first), and before
        // anything is recorded: a session that cannot run leaves no log behind.
        if let Err(e) = need_terminal(lang) {
            let path = session.log_path().to_path_buf();
            drop(session);
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        let shown = session.log_path().display().to_string();
        let mut app = App::with_session(launch, session, args.lang, clock);
        app.say(Level::Info, format!("{}: {shown}", i18n::LOG.get(args.lang)));
        app.open_follow_up();
        app.peers = peers;
        app.open_peers();
        app
    } else {
        // Whatever was given on the command line is filled in; the facilitator completes the rest.
        // A follow-up starts from the previous session's groups, roles, title and gespreksleider
        // (all editable); the command line wins.
        let mut form = match &previous_setup {
            Some(previous) => SetupForm::from_previous(args.lang, previous, &args.facilitator),
            None => SetupForm::new(args.lang, &args.facilitator),
        };
        if let Some(title) = &args.title {
            form.title = weerbaar::ui::text_field::TextField::new(title);
        }
        if let Some(agenda) = &args.agenda {
            form.agenda = deck.manifest.agendas.iter().position(|a| a.id.as_str() == agenda).with_context(|| {
                let known: Vec<&str> = deck.manifest.agendas.iter().map(|a| a.id.as_str()).collect();
                let (agenda, known) = (clean(agenda), clean(&known.join(", ")).into_owned());
                match lang {
                    Lang::Nl => format!("het deck heeft geen agenda `{agenda}`; kies een van: {known}"),
                    Lang::En => format!("the deck has no agenda `{agenda}`; use one of: {known}"),
                }
            })?;
        }
        need_terminal(lang)?;
        let agenda_minutes = deck.manifest.agendas.get(form.agenda).map(|a| a.minutes);
        if let Some(minutes) = args.minutes.or(agenda_minutes) {
            form.minutes = weerbaar::ui::text_field::TextField::new(&minutes.to_string());
        }
        let mut app = App::with_setup(launch, form, args.lang, clock);
        // Recorded once the setup screen starts the session.
        app.peers = peers;
        app
    };
    run_app(app, devices)
}

/// `--peers DIR`: how earlier sessions answered the cards of `deck`, leaving out the session
/// `own`, with the line for the status bar. A folder that does not exist stops the start before
/// anything is written; broken logs in it are skipped and counted on the status line.
fn peers_for(
    args: &PlayArgs,
    deck: &Deck,
    own: Option<weerbaar::peers::SessionKey>,
) -> anyhow::Result<Option<(Vec<weerbaar::session::PeerCard>, Level, String)>> {
    let Some(dir) = &args.peers else { return Ok(None) };
    let lang = args.lang;
    let found = weerbaar::peers::gather(dir, deck, own, lang).map_err(|e| {
        let head = tr(lang, "de sessie kan niet beginnen", "cannot start the session");
        anyhow::anyhow!("{head}: {}", e.describe(lang))
    })?;
    let level = if found.skipped > 0 || found.damaged > 0 || found.sessions == 0 { Level::Warn } else { Level::Info };
    let status = found.status(lang);
    Ok(Some((found.cards, level, status)))
}

/// Without a terminal no session can run.
fn need_terminal(lang: Lang) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    anyhow::bail!(
        "{}",
        tr(
            lang,
            "een sessie heeft een terminal nodig (de invoer of uitvoer is er geen); start weerbaar in een \
             terminalvenster, of gebruik `weerbaar debrief` / `weerbaar simulate` voor werk zonder terminal",
            "play needs a terminal (standard input or output is not one); run weerbaar in a terminal window, \
             or use `weerbaar debrief` / `weerbaar simulate` for work without one",
        )
    )
}

/// A refused start: the engine's reason and what to do about that reason.
fn start_error(e: &SessionError, lang: Lang) -> anyhow::Error {
    let head = tr(lang, "de sessie kan niet beginnen", "cannot start the session");
    anyhow::anyhow!("{head}: {}{}", e.describe(lang), start_hint(e, lang))
}

fn launch(
    args: &PlayArgs,
    deck: Deck,
    follow_up: Option<weerbaar::session::PreviousSession>,
    clock: &SystemClock,
) -> anyhow::Result<Launch> {
    Ok(Launch {
        deck,
        log: args.log.clone(),
        log_dir: sessions_dir(args.lang)?,
        seed: args.seed.unwrap_or_else(|| clock.now().timestamp_subsec_nanos() as u64 ^ clock.now().timestamp() as u64),
        facilitator: args.facilitator.clone(),
        follow_up,
    })
}

fn run_app(app: App<SystemClock>, devices: Option<weerbaar::devices::Devices>) -> anyhow::Result<ExitCode> {
    let app = match devices {
        Some(devices) => {
            let mut console = weerbaar::devices::DeviceConsole::new(app, devices);
            weerbaar::ui::run::run(&mut console).with_context(|| terminal_failed(console.app.lang))?;
            console.app
        }
        None => {
            let mut app = app;
            weerbaar::ui::run::run(&mut app).with_context(|| terminal_failed(app.lang))?;
            app
        }
    };
    if let Some(s) = app.session() {
        note!("{}: {}", i18n::LOG.get(app.lang), s.log_path().display());
    }
    Ok(ExitCode::SUCCESS)
}

fn terminal_failed(lang: Lang) -> String {
    tr(lang, "de terminal gaf een fout", "the terminal failed")
}

/// What to do about a refused start, for that error and no other.
fn start_hint(e: &SessionError, lang: Lang) -> String {
    let (nl, en) = match e {
        SessionError::Log(LogError::Exists { .. }) => (
            "Geef een ander bestand met --log PAD, of ga verder met die sessie met --resume PAD.",
            "Give another file with --log PATH, or continue that session with --resume PATH.",
        ),
        SessionError::Log(LogError::Io { .. } | LogError::Gone { .. }) => (
            "Kies met --log PAD een plek waar het logboek geschreven kan worden.",
            "Choose a place where the log can be written with --log PATH.",
        ),
        SessionError::Log(LogError::Locked { .. }) => (
            "Een andere console heeft dat bestand in gebruik; kies een ander --log PAD.",
            "Another console holds that file; choose another --log PATH.",
        ),
        SessionError::Setup(SetupError::GroupCount(_)) => {
            ("Geef 2 tot 8 keer --group.", "Give 2 to 8 --group options.")
        }
        SessionError::Setup(SetupError::EmptyGroupName(_) | SetupError::DuplicateGroup(_)) => {
            ("Geef elke --group een eigen gemeentenaam.", "Give each --group its own municipality name.")
        }
        SessionError::Setup(SetupError::UnknownAgenda(..)) => (
            "Kies een van de genoemde agenda's met --agenda NAAM.",
            "Choose one of the listed agendas with --agenda NAME.",
        ),
        SessionError::Setup(SetupError::AgendaUnknownCard { .. } | SetupError::AgendaDuplicate { .. }) => (
            "Verbeter de agenda in deck.ron van het deck (`weerbaar check` toont waar), of kies een andere met --agenda NAAM.",
            "Fix the agenda in the deck's deck.ron (`weerbaar check` shows where), or choose another with --agenda NAME.",
        ),
        SessionError::Setup(SetupError::Minutes(_)) => {
            ("Geef --minutes tussen 10 en 600.", "Give --minutes between 10 and 600.")
        }
        SessionError::Setup(SetupError::EmptyTitle) => {
            ("Geef een titel met --title TEKST.", "Give a title with --title TEXT.")
        }
        _ => return String::new(),
    };
    format!("\n{}", tr(lang, nl, en))
}

/// What to do about a refused resume.
fn resume_hint(e: &SessionError, lang: Lang) -> String {
    let (nl, en) = match e {
        SessionError::Log(LogError::Locked { .. }) => (
            "Sluit eerst de andere console (na een crash is de vergrendeling vanzelf weg); volg de sessie intussen zonder te schrijven met: weerbaar screen LOGBOEK",
            "Close the other console first (after a crash the lock is gone by itself); to follow the session meanwhile without writing: weerbaar screen LOG",
        ),
        SessionError::OtherDeck { .. } => (
            "Ga verder zonder --deck om het deck uit het logboek te gebruiken, of geef het deck waarmee de sessie is gespeeld.",
            "Resume without --deck to continue with the deck recorded in the log, or give the deck the session was played with.",
        ),
        SessionError::Deck(_) => (
            "Geef met --deck PAD het deck waarmee de sessie is gespeeld.",
            "Give the deck the session was played with by --deck PATH.",
        ),
        SessionError::Log(LogError::NotAFile { .. } | LogError::NotALog { .. } | LogError::Empty { .. }) => (
            "Geef het .jsonl-bestand van de sessie (standaard in de sessiemap; zie weerbaar --help).",
            "Give the .jsonl file of the session (in the sessions folder by default; see weerbaar --help).",
        ),
        _ => return String::new(),
    };
    format!("\n{}", tr(lang, nl, en))
}

/// An earlier session to follow up on, read from its log: its date, title, actions (with those
/// it carried over), revealed answers and played cards, and its setup (to fill in the form).
fn previous_session(
    path: &Path,
    given: Option<Deck>,
    lang: Lang,
) -> anyhow::Result<(weerbaar::session::PreviousSession, Setup)> {
    let deck = log_deck(path, given, lang)?;
    let log = load_session(path, &deck, lang)?;
    let shown = clean(&path.display().to_string()).into_owned();
    for w in &log.warnings {
        note!("weerbaar: {}: {shown}: {}", warning_word(lang), w.describe(lang));
    }
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((weerbaar::debrief::previous_session(&log.state, &name), log.state.setup.clone()))
}

fn setup_from_args(args: &PlayArgs, deck: &Deck, launch: &Launch) -> anyhow::Result<Setup> {
    let lang = args.lang;
    let groups = args.groups.iter().map(|g| parse_group(g, lang)).collect::<anyhow::Result<Vec<_>>>()?;
    let agenda = match &args.agenda {
        Some(a) => AgendaId(a.clone()),
        None => deck
            .manifest
            .agendas
            .first()
            .map(|a| a.id.clone())
            .with_context(|| tr(lang, "het deck heeft geen agenda", "the deck has no agenda"))?,
    };
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let title = args.title.clone().unwrap_or_else(|| {
        let word = if args.lang == Lang::Nl { "Sessie" } else { "Session" };
        format!("{word} {}", names.join(" - "))
    });
    let setup = Setup {
        title,
        facilitator: args.facilitator.clone(),
        date: SystemClock.now().date_naive(),
        lang: args.lang,
        target_minutes: args.minutes.or_else(|| deck.agenda(&agenda).map(|a| a.minutes)).unwrap_or(DEFAULT_MINUTES),
        seed: launch.seed,
        agenda,
        groups,
    };
    weerbaar::session::validate_setup(deck, &setup).map_err(|e| start_error(&SessionError::Setup(e), lang))?;
    Ok(setup)
}

/// `Name` or `Name:role,role`; roles by RON name, short tag or label in either language.
fn parse_group(spec: &str, lang: Lang) -> anyhow::Result<GroupSetup> {
    let (name, roles) = match spec.rsplit_once(':') {
        Some((name, roles)) if !roles.trim().is_empty() => {
            let roles = roles
                .split(',')
                .map(|r| {
                    Role::parse(r).with_context(|| match lang {
                        Lang::Nl => format!(
                            "onbekende rol `{}` in --group {spec:?}; gebruik burgemeester, gemeentesecretaris, CISO, FG, OOV of communicatie",
                            r.trim()
                        ),
                        Lang::En => format!(
                            "unknown role `{}` in --group {spec:?}; use mayor, secretary, CISO, DPO, OOV or communications",
                            r.trim()
                        ),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            (name, roles)
        }
        Some((_, _)) => match lang {
            Lang::Nl => anyhow::bail!(
                "--group {spec:?} eindigt op `:` zonder rollen; zet de rollen erachter (\"Laren:burgemeester,CISO\") of laat de `:` weg"
            ),
            Lang::En => anyhow::bail!(
                "--group {spec:?} ends in `:` without roles; give roles after it (\"Laren:mayor,CISO\") or leave the `:` out"
            ),
        },
        None => (spec, Role::ALL.to_vec()),
    };
    if name.trim().is_empty() {
        anyhow::bail!("{}", tr(lang, "--group heeft een gemeentenaam nodig", "--group needs a municipality name"));
    }
    Ok(GroupSetup { name: name.trim().to_string(), roles })
}

fn run_simulate(args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let deck = deck_for(args.deck.as_deref(), args.lang)?;
    let report = weerbaar::session::simulate::simulate(&deck, args.runs.max(1), args.seed);
    let code = if report.is_clean() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    // Agenda, card and option ids come from the deck: no escape code reaches the terminal.
    Ok(print_out(&clean(&report.render_in(args.lang)))?.unwrap_or(code))
}

fn run_graph(args: &GraphArgs) -> anyhow::Result<ExitCode> {
    let deck = deck_for(args.deck.as_deref(), args.lang)?;
    let text = match args.format.as_str() {
        "mermaid" => scenario::present::mermaid(&deck, args.lang),
        "dot" => scenario::present::dot(&deck, args.lang),
        other => anyhow::bail!("unknown graph format `{}`: use mermaid or dot", clean(other)),
    };
    Ok(print_out(&text)?.unwrap_or(ExitCode::SUCCESS))
}

fn run_proof(args: &ProofArgs) -> anyhow::Result<ExitCode> {
    let lang = if args.lang == "en" { Lang::En } else { Lang::Nl };
    let deck = deck_for(args.deck.as_deref(), lang)?;
    let text = match args.lang.as_str() {
        "both" => scenario::present::proof_both(&deck),
        _ => scenario::present::proof(&deck, lang),
    };
    match &args.output {
        Some(p) => {
            let inputs = deck_inputs(args.deck.as_deref());
            output::write(p, text.as_bytes(), args.force, &inputs)?;
        }
        None => return Ok(print_out(&text)?.unwrap_or(ExitCode::SUCCESS)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output. A reader that went away (`| head`) ends the command quietly with
/// exit 0 (`Some`); any other failure (a full disk) is an error.
fn print_out(text: &str) -> anyhow::Result<Option<ExitCode>> {
    print_bytes(text.as_bytes())
}

/// As [`print_out`], for a report's bytes.
fn print_bytes(bytes: &[u8]) -> anyhow::Result<Option<ExitCode>> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Some(ExitCode::SUCCESS)),
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
    }
}

/// The deck's files, which no output may replace.
fn deck_inputs(deck: Option<&Path>) -> Vec<PathBuf> {
    let Some(dir) = deck else { return Vec::new() };
    let dir = if dir.is_file() { dir.parent().unwrap_or(Path::new(".")) } else { dir };
    scenario::load(Some(dir)).map(|l| l.sources.iter().map(|s| PathBuf::from(&s.path)).collect()).unwrap_or_default()
}

/// The deck for reading the log at `path`: the one recorded in it, unless `--deck` overrides.
fn log_deck(path: &Path, given: Option<Deck>, lang: Lang) -> anyhow::Result<Deck> {
    weerbaar::log::deck_for_log(path, given).map(|d| d.deck).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))
}

fn given_deck(path: Option<&Path>, lang: Lang) -> anyhow::Result<Option<Deck>> {
    path.map(|p| {
        scenario::load_deck_in(Some(p), lang).map_err(|e| {
            let shown = clean(&p.display().to_string()).into_owned();
            let head = match lang {
                Lang::Nl => format!("kan het deck {shown} niet laden"),
                Lang::En => format!("cannot load the deck {shown}"),
            };
            anyhow::anyhow!("{head}: {}", e.describe(lang))
        })
    })
    .transpose()
}

/// The bundled deck; it is checked by the tests, so a failure here is a broken build.
fn bundled_deck(lang: Lang) -> anyhow::Result<Deck> {
    scenario::load_deck_in(None, lang).map_err(|e| {
        let head = tr(lang, "kan het meegeleverde deck niet laden", "cannot load the bundled deck");
        anyhow::anyhow!("{head}: {}", e.describe(lang))
    })
}

/// The deck given with --deck, or the bundled one.
fn deck_for(path: Option<&Path>, lang: Lang) -> anyhow::Result<Deck> {
    match given_deck(path, lang)? {
        Some(deck) => Ok(deck),
        None => bundled_deck(lang),
    }
}

fn warning_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "waarschuwing",
        Lang::En => "warning",
    }
}

fn run_screen(args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    weerbaar::ui::theme::set_palette(args.theme);
    let mut lang = args.lang.unwrap_or(Lang::Nl);
    let given = given_deck(args.deck.as_deref(), lang)?;
    let log = log_to_show(args.log.as_deref(), lang)?;
    // A log that is not there yet (or still empty) is waited for; anything else that is not a
    // log is refused now rather than waited on forever.
    let deck = match weerbaar::log::deck_for_log(&log, given.clone()) {
        Ok(found) => found.deck,
        Err(LogDeckError::Log(LogError::Empty { .. })) | Err(LogDeckError::Log(LogError::Io { .. }))
            if !log.exists() || is_empty_file(&log) =>
        {
            match given {
                Some(deck) => deck,
                None => bundled_deck(lang)?,
            }
        }
        Err(e) => anyhow::bail!("{}", e.describe(lang)),
    };
    // A log the engine cannot fold (more groups than supported) is refused, not waited on.
    match weerbaar::log::replay(&log, &deck) {
        Err(why @ SessionError::Unusable { source: ApplyError::TooManyGroups(_), .. }) => {
            anyhow::bail!("{}", why.describe(lang));
        }
        // The room reads the language the session is played in, unless asked otherwise.
        Ok(r) => lang = args.lang.unwrap_or(r.state.setup.lang),
        Err(_) => {}
    }
    let mut screen = weerbaar::ui::audience::Audience::new(&log, deck, lang, SystemClock);
    weerbaar::ui::run::run(&mut screen).with_context(|| terminal_failed(lang))?;
    Ok(ExitCode::SUCCESS)
}

fn is_empty_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// A session read from its log; when it cannot be used, the engine's own reason (too many
/// groups, no first event) rather than a generic one.
fn load_session(path: &Path, deck: &Deck, lang: Lang) -> anyhow::Result<weerbaar::debrief::SessionLog> {
    weerbaar::debrief::load_log(path, deck).map_err(|e| match weerbaar::log::replay(path, deck) {
        Err(why) => anyhow::anyhow!("{}", why.describe(lang)),
        Ok(_) => match e {
            weerbaar::debrief::DebriefError::Log(log) => anyhow::anyhow!("{}", log.describe(lang)),
            other => anyhow::anyhow!("{}", clean(&other.to_string())),
        },
    })
}

/// Adds findings, assessments and details to a log (`review LOG --strength …`): every one is
/// checked before anything is written, then each is appended under the log's lock.
fn run_review_add(cmd: &ReviewCmd) -> anyhow::Result<ExitCode> {
    use weerbaar::session::{Command as C, FindingKind};
    let args = &cmd.base;
    let lang0 = args.lang.unwrap_or(Lang::Nl);
    let given = given_deck(args.deck.as_deref(), lang0)?;
    // Writing to a log: only the one named, never "the newest" by default.
    let Some(log_path) = args.log.as_deref() else {
        anyhow::bail!(
            "{}",
            tr(
                lang0,
                "noem het logboek: weerbaar review LOGBOEK --strength …",
                "name the log: weerbaar review LOG --strength …"
            )
        )
    };
    let (mut session, warnings) =
        Session::annotate(log_path, given, SystemClock).map_err(|e| anyhow::anyhow!("{}", e.describe(lang0)))?;
    let lang = args.lang.unwrap_or(session.state().setup.lang);
    for w in &warnings {
        note!("weerbaar: {}: {}: {}", warning_word(lang), clean(&log_path.display().to_string()), w.describe(lang));
    }
    let state = session.state();
    let deck = session.deck();
    let objectives: Vec<weerbaar::scenario::ObjectiveId> =
        state.objectives(deck).iter().map(|o| o.id.clone()).collect();
    let objective = |text: &str| -> anyhow::Result<weerbaar::scenario::ObjectiveId> {
        let t = text.trim();
        if let Some(o) = deck.manifest.objectives.iter().find(|o| o.id.as_str() == t) {
            return Ok(o.id.clone());
        }
        if let Some(o) = t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| objectives.get(i)) {
            return Ok(o.clone());
        }
        let known: Vec<String> =
            objectives.iter().enumerate().map(|(i, o)| format!("{} = {}", i + 1, o.as_str())).collect();
        anyhow::bail!(
            "{} `{}`; {}: {}",
            tr(lang, "het deck heeft geen doelstelling", "the deck has no objective"),
            clean(t),
            tr(lang, "wel", "it has"),
            known.join(", ")
        )
    };
    let mut commands = Vec::new();
    if cmd.place.is_some() || cmd.scope.is_some() {
        commands.push(C::RecordDetails {
            place: cmd.place.clone().unwrap_or_default(),
            scope: cmd.scope.clone().unwrap_or_default(),
        });
    }
    let finding_objective = cmd.objective.as_deref().map(&objective).transpose()?;
    if let Some(n) = cmd.action {
        let index = n.checked_sub(1).filter(|i| *i < state.actions.len()).ok_or_else(|| {
            anyhow::anyhow!(
                "{} {n}; {} 1-{}",
                tr(lang, "de sessie heeft geen actie", "the session has no action"),
                tr(lang, "wel", "it has"),
                state.actions.len()
            )
        })?;
        let priority = cmd
            .priority
            .as_deref()
            .map(|p| {
                weerbaar::session::Priority::parse(p).ok_or_else(|| {
                    anyhow::anyhow!(
                        "`{}`: {}",
                        clean(p),
                        tr(lang, "kies hoog, middel of laag", "choose high, medium or low")
                    )
                })
            })
            .transpose()?;
        let status = cmd
            .status
            .as_deref()
            .map(|p| {
                weerbaar::session::Progress::parse(p).ok_or_else(|| {
                    anyhow::anyhow!(
                        "`{}`: {}",
                        clean(p),
                        tr(lang, "kies gedaan, onderweg of niet begonnen", "choose done, under way or not started")
                    )
                })
            })
            .transpose()?;
        let start = match cmd.start.as_deref() {
            Some(text) => weerbaar::session::parse_due(text).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?,
            None => None,
        };
        commands.push(C::DetailAction {
            index,
            detail: weerbaar::session::ActionDetail {
                observation: cmd.observation.clone().unwrap_or_default(),
                priority,
                objective: finding_objective.clone(),
                organisation: cmd.organisation.clone().unwrap_or_default(),
                start,
                status,
                progress: cmd.progress.clone().unwrap_or_default(),
            },
        });
    }
    let card = cmd.card.as_deref().map(|c| weerbaar::scenario::CardId::from(c.trim()));
    if let Some(c) = &card
        && deck.card(c).is_none()
    {
        anyhow::bail!("{} `{}`", tr(lang, "het deck heeft geen kaart", "the deck has no card"), clean(c.as_str()));
    }
    let group = match &cmd.finding_group {
        None => None,
        Some(name) => Some(
            state.groups().find(|g| weerbaar::debrief::same_name(state.group_name(*g), name)).ok_or_else(|| {
                let known: Vec<String> = state.setup.groups.iter().map(|g| clean(&g.name).into_owned()).collect();
                anyhow::anyhow!(
                    "{} `{}`; {}: {}",
                    tr(lang, "geen gemeente", "no municipality"),
                    clean(name),
                    tr(lang, "wel", "it has"),
                    known.join(", ")
                )
            })?,
        ),
    };
    let findings = cmd
        .strength
        .iter()
        .map(|t| (FindingKind::Strength, t))
        .chain(cmd.improvement.iter().map(|t| (FindingKind::Improvement, t)));
    for (kind, text) in findings {
        commands.push(C::RecordFinding {
            kind,
            text: text.clone(),
            objective: finding_objective.clone(),
            card: card.clone(),
            group,
        });
    }
    for a in &cmd.assess {
        let (id, rest) = a.split_once('=').ok_or_else(|| {
            anyhow::anyhow!(
                "`{}`: {}",
                clean(a),
                tr(lang, "schrijf DOEL=behaald|deels|niet[:waarom]", "write OBJECTIVE=achieved|partly|not[:why]")
            )
        })?;
        let (rating, why) = rest.split_once(':').unwrap_or((rest, ""));
        let rating = weerbaar::session::Rating::parse(rating).ok_or_else(|| {
            anyhow::anyhow!(
                "`{}`: {}",
                clean(rating),
                tr(lang, "kies behaald, deels of niet", "choose achieved, partly or not")
            )
        })?;
        commands.push(C::AssessObjective { objective: objective(id)?, rating, why: why.to_string() });
    }
    // Every command is checked against the state first: a refused one leaves the log as it was.
    for c in &commands {
        weerbaar::session::decide(session.state(), session.deck(), c.clone())
            .map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?;
    }
    let n = commands.len();
    for c in commands {
        session.execute(c).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?;
    }
    note!("weerbaar: {n} {} {}", tr(lang, "vastgelegd in", "recorded in"), clean(&log_path.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

fn run_review(cmd: &ReviewCmd) -> anyhow::Result<ExitCode> {
    if cmd.adds() {
        return run_review_add(cmd);
    }
    let args = &cmd.base;
    weerbaar::ui::theme::set_palette(args.theme);
    let mut lang = args.lang.unwrap_or(Lang::Nl);
    let path = log_to_show(args.log.as_deref(), lang)?;
    let deck = log_deck(&path, given_deck(args.deck.as_deref(), lang)?, lang)?;
    let log = load_session(&path, &deck, lang)?;
    // The room's language: the one the session was played in, unless asked otherwise.
    lang = args.lang.unwrap_or(log.state.setup.lang);
    for w in &log.warnings {
        note!("weerbaar: {}: {}: {}", warning_word(lang), clean(&path.display().to_string()), w.describe(lang));
    }
    let mut review = weerbaar::ui::review::Review::new(log, deck, lang);
    weerbaar::ui::run::run(&mut review).with_context(|| terminal_failed(lang))?;
    Ok(ExitCode::SUCCESS)
}

/// Exit 0 for a clean report, 1 for a report with warnings, 2 when no report could be made.
fn run_debrief(args: &DebriefArgs) -> anyhow::Result<ExitCode> {
    use weerbaar::debrief::Report;
    // Until the logs are read, messages are in the language asked for, else Dutch.
    let mut lang = args.lang.unwrap_or(Lang::Nl);
    let given = given_deck(args.deck.as_deref(), lang)?;
    // One report, one deck: the one recorded in the first readable log, unless --deck is given.
    // Every other log is compared against it and its differences reported.
    let deck = match &given {
        Some(deck) => deck.clone(),
        None => match args.logs.iter().find_map(|p| weerbaar::log::deck_for_log(p, None).ok()) {
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
    if args.lang.is_none()
        && let Some(first) = sessions.first().map(|s| s.state.setup.lang)
    {
        lang = if sessions.iter().all(|s| s.state.setup.lang == first) { first } else { Lang::Nl };
    }
    for path in &failed {
        if let Err(e) = load_session(path, &deck, lang) {
            note!("weerbaar: {}: {e}", warning_word(lang));
        }
    }
    if sessions.is_empty() {
        note!(
            "weerbaar: {}",
            tr(
                lang,
                "geen verslag: geen van de logboeken kon worden gelezen",
                "no report: none of the logs could be read"
            )
        );
        return Ok(ExitCode::from(2));
    }
    if args.format.is_binary() && args.output.is_none() {
        let text = tr(
            lang,
            "geen verslag: --format xlsx en docx schrijven een bestand; geef --output BESTAND",
            "no report: --format xlsx and docx write a file; give --output FILE",
        );
        note!("weerbaar: {text}");
        return Ok(ExitCode::from(2));
    }
    if let Some(name) = &args.group {
        let known: Vec<String> =
            sessions.iter().flat_map(|s| s.state.setup.groups.iter().map(|g| clean(&g.name).into_owned())).collect();
        if !known.iter().any(|k| weerbaar::debrief::same_name(k, name)) {
            let (head, have) = match lang {
                Lang::Nl => ("geen verslag: geen gemeente", "in de logboeken; wel"),
                Lang::En => ("no report: no municipality called", "in the logs; they have:"),
            };
            note!("weerbaar: {head} `{}` {have} {}", clean(name), known.join(", "));
            return Ok(ExitCode::from(2));
        }
    }
    let options = weerbaar::debrief::Options {
        anonymize: args.publish.anonymize,
        include_private: args.include_private,
        include_unrevealed: args.include_unrevealed,
        group: args.group.clone(),
        csv_separator: args.csv_sep.map(|s| s.0),
    };
    let mut anonymizer = anonymizer(&args.publish, lang)?;
    let report = match anonymizer.as_mut() {
        Some(a) => Report::published(&deck, lang, sessions, options, a),
        None => Report::with(&deck, lang, sessions, options),
    };
    let bytes = report.render_bytes(args.format)?;
    match &args.output {
        Some(path) => {
            let mut inputs = args.logs.clone();
            inputs.extend(deck_inputs(args.deck.as_deref()));
            inputs.extend(args.publish.redact.iter().chain(args.publish.aliases.iter()).cloned());
            output::write(path, &bytes, args.force, &inputs)?;
        }
        None => {
            if let Some(code) = print_bytes(&bytes)? {
                return Ok(code);
            }
        }
    }
    let warnings = report.warnings();
    for w in &warnings {
        note!("weerbaar: {}: {w}", warning_word(lang));
    }
    if let Some(a) = &anonymizer {
        published(a, args.publish.aliases.as_deref(), lang)?;
    }
    Ok(if warnings.is_empty() && failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `weerbaar series`: exit 0 for a clean report, 1 when a log or some of its lines were skipped,
/// 2 when no report could be made. Warnings name the file, except when anonymising.
fn run_series(args: &SeriesArgs) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let lang = args.lang;
    let warn = if lang == Lang::Nl { "waarschuwing" } else { "warning" };
    let mut anonymizer = anonymizer(&args.publish, lang)?;
    let mut series = weerbaar::series::Series::new(lang, given_deck(args.deck.as_deref(), lang)?);
    if args.publish.anonymize {
        series.publishing();
        series.min_municipalities(args.min_municipalities as usize);
    }
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
            note!("weerbaar: {warn}: {place}: {}", clean(&w.text));
        }
    }
    if series.sessions() == 0 {
        let text = if lang == Lang::Nl {
            "geen overzicht: geen van de logboeken kon gelezen worden"
        } else {
            "no report: none of the logs could be read"
        };
        note!("weerbaar: {text}");
        return Ok(ExitCode::from(2));
    }
    if args.format == weerbaar::series::Format::Xlsx && args.output.is_none() && std::io::stdout().is_terminal() {
        let text = match lang {
            Lang::Nl => "een spreadsheet schrijf ik niet naar de terminal; geef -o BESTAND.xlsx",
            Lang::En => "a spreadsheet is not written to a terminal; give -o FILE.xlsx",
        };
        note!("weerbaar: {text}");
        return Ok(ExitCode::from(2));
    }
    let report = series.report(anonymizer.as_mut());
    let bytes = weerbaar::series::render(&report, args.format)?;
    match &args.output {
        Some(path) => {
            let mut inputs = args.logs.clone();
            inputs.extend(args.publish.redact.iter().chain(args.publish.aliases.iter()).cloned());
            let inside_input_dir =
                args.logs.iter().any(|d| d.is_dir() && path.parent().is_some_and(|p| same_dir(p, d)));
            if inside_input_dir && path.extension().is_some_and(|e| e == "jsonl") {
                anyhow::bail!("refusing to write {}: it would be one of this command's logs", path.display());
            }
            output::write(path, &bytes, args.force, &inputs)?;
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other.context("cannot write to standard output")?,
            }
        }
    }
    if let Some(a) = &anonymizer {
        published(a, args.publish.aliases.as_deref(), lang)?;
    }
    Ok(if problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The anonymiser of `--anonymize`, with the aliases kept so far and the names to redact.
fn anonymizer(publish: &PublishArgs, lang: Lang) -> anyhow::Result<Option<weerbaar::anonymize::Anonymizer>> {
    use weerbaar::anonymize::{AliasTable, Anonymizer, read_redactions};
    if !publish.anonymize {
        return Ok(None);
    }
    let aliases = match &publish.aliases {
        Some(p) => AliasTable::load(p).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?,
        None => AliasTable::new(),
    };
    let redactions = match &publish.redact {
        Some(p) => read_redactions(p).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?,
        None => Vec::new(),
    };
    Ok(Some(Anonymizer::new(aliases, redactions, lang)))
}

/// After an anonymised report: keep the extended alias table, and list the words that still
/// look like names so the organiser can add them to the redact file.
fn published(a: &weerbaar::anonymize::Anonymizer, aliases: Option<&Path>, lang: Lang) -> anyhow::Result<()> {
    if let Some(p) = aliases
        && a.aliases().changed()
    {
        a.aliases().save(p).map_err(|e| anyhow::anyhow!("{}", e.describe(lang)))?;
    }
    let suspects = a.suspects();
    if !suspects.is_empty() {
        let text = match lang {
            Lang::Nl => "deze woorden lijken nog op namen; zet ze in het --redact-bestand als dat zo is",
            Lang::En => "these words still look like names; add them to the --redact file if they are",
        };
        note!("weerbaar: {}: {text}: {}", warning_word(lang), clean(&suspects.join(", ")));
    }
    let files = a.files();
    if !files.is_empty() {
        let text = match lang {
            Lang::Nl => "deze bestandsnamen staan in de teksten en kunnen namen bevatten; controleer ze",
            Lang::En => "these file names are in the texts and may hold names; check them",
        };
        note!("weerbaar: {}: {text}: {}", warning_word(lang), clean(&files.join(", ")));
    }
    let numbers = a.numbers();
    if !numbers.is_empty() {
        let text = match lang {
            Lang::Nl => "deze nummers zijn niet vervangen; zet ze in het --redact-bestand als ze iemand aanwijzen",
            Lang::En => "these numbers were not replaced; add them to the --redact file if they point to someone",
        };
        note!("weerbaar: {}: {text}: {}", warning_word(lang), clean(&numbers.join(", ")));
    }
    Ok(())
}

fn same_dir(a: &Path, b: &Path) -> bool {
    let a = if a.as_os_str().is_empty() { Path::new(".") } else { a };
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// `weerbaar new deck|card`: writes a skeleton and says what to do next, in the author's language.
fn run_new(args: &NewCommand) -> anyhow::Result<ExitCode> {
    use weerbaar::scenario::template;
    let (result, lang) = match args {
        NewCommand::Deck { dir, lang } => (template::new_deck(dir), *lang),
        NewCommand::Card { id, theme, deck, lang } => {
            (template::new_card_written(id, theme, deck).map(|p| vec![p]), *lang)
        }
    };
    match result {
        Ok(paths) => {
            for p in &paths {
                println!("{}", scenario::clean(&p.display().to_string()));
            }
            let next = match lang {
                Lang::Nl => {
                    "Vul de lege teksten \"\" in en controleer met `weerbaar check`; zet een nieuwe kaart op een agenda in deck.ron."
                }
                Lang::En => {
                    "Fill in the empty texts \"\" and check with `weerbaar check`; put a new card on an agenda in deck.ron."
                }
            };
            eprintln!("{next}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("weerbaar: {}", scenario::clean(&e.text(lang)));
            Ok(ExitCode::from(2))
        }
    }
}

/// Problems go to stderr in rustc's layout, the one-line summary to stdout (so `check > file`
/// keeps it); `--output` writes both to a file.
fn run_check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut reports: Vec<Loaded> = Vec::new();
    if args.paths.is_empty() {
        reports.push(scenario::load(None)?);
    }
    for path in &args.paths {
        reports.push(check_one(path)?);
    }
    let (mut cards, mut errors, mut warnings) = (0, 0, 0);
    let mut text = String::new();
    for loaded in &reports {
        let part = loaded.render_in(args.lang);
        if !part.is_empty() {
            text.push_str(&part);
            text.push('\n');
        }
        cards += loaded.card_count();
        errors += loaded.errors();
        warnings += loaded.warnings();
    }
    let summary = scenario::diag::summary(args.lang, cards, errors, warnings);
    match &args.output {
        Some(path) => std::fs::write(path, format!("{text}{summary}\n"))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write as _;
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    if let Some(code) = print_out(&format!("{summary}\n"))? {
        return Ok(code);
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A directory or manifest is checked as a deck; a single card file is checked inside the deck
/// it belongs to (so its references resolve) but only its own problems are shown.
fn check_one(path: &Path) -> anyhow::Result<Loaded> {
    if std::fs::symlink_metadata(path).is_err() {
        anyhow::bail!("{}: no such file or directory", scenario::clean(&path.display().to_string()));
    }
    let is_card_file = path.is_file() && path.file_name().is_none_or(|n| n != "deck.ron");
    if !is_card_file {
        return Ok(scenario::load(Some(path))?);
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
    let mut loaded = scenario::load(Some(root))?;
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
