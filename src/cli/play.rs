//! `weerbaar play` (and `weerbaar` alone): a session in the terminal, started from the command
//! line (two or more `--group`), from the setup screen, as a follow-up, or resumed from its log.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::args::{DeckArg, LangArg, ThemeArg};
use super::common::{
    CANNOT_CONTINUE, CANNOT_START, WARNING, fail, load_session, log_deck, need_terminal, sessions_dir, terminal_failed,
};
use crate::log::LogError;
use crate::msg;
use crate::scenario::text::L;
use crate::scenario::{self, AgendaId, Deck, Lang, clean};
use crate::session::{
    Clock, MAX_GROUPS, MAX_MINUTES, MIN_GROUPS, MIN_MINUTES, Session, SessionError, Setup, SetupBuilder, SetupError,
    SystemClock,
};
use crate::ui::{App, Launch, Level, SetupForm, i18n};

#[derive(Args, Clone, Debug, Default)]
#[command(
    mut_arg("deck", |a| a.help("A deck directory to play instead of the bundled deck")),
    mut_arg("lang", |a| a.help("Language of the screens: nl (default) or en")),
)]
pub struct PlayArgs {
    #[command(flatten)]
    pub deck: DeckArg,
    #[command(flatten)]
    pub lang: LangArg,
    /// A municipal delegation, e.g. --group Laren or --group "Laren:burgemeester,CISO,FG".
    /// Two or more skip the setup screen. Without roles, all six roles are present.
    #[arg(long = "group", value_name = "NAME[:ROLES]")]
    pub groups: Vec<String>,
    /// The agenda to play (an id from the deck's manifest); the first one by default.
    #[arg(long, value_name = "NAME")]
    pub agenda: Option<String>,
    /// Target length of the session in minutes, 10 to 600 (default: the agenda's own length).
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(MIN_MINUTES as i64..=MAX_MINUTES as i64))]
    pub minutes: Option<u32>,
    /// Seed for the random parts (who speaks first after a reveal); recorded in the log.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Where to write the log (default: YYYY-MM-DD_HHMM_<title>.jsonl in the sessions folder,
    /// which WEERBAAR_DIR chooses; see the end of --help).
    #[arg(long, value_name = "PATH")]
    pub log: Option<PathBuf>,
    /// Continue the session in this log after a crash or a closed laptop (with the deck recorded
    /// in the log; --deck only for logs from before decks were recorded).
    #[arg(long, value_name = "LOG", conflicts_with_all = ["groups", "log"])]
    pub resume: Option<PathBuf>,
    /// Session title (default: the names of the groups).
    #[arg(long)]
    pub title: Option<String>,
    /// The facilitator's name, for the debrief.
    #[arg(long, default_value = "")]
    pub facilitator: String,
    /// Start by asking what became of the take-home actions in this earlier session's log.
    #[arg(long, value_name = "PREVIOUS_LOG", conflicts_with = "resume")]
    pub follow_up: Option<PathBuf>,
    #[command(flatten)]
    pub theme: ThemeArg,
    /// Let the delegations answer on their own phones or laptops: serve a page per group on
    /// this address while the session runs (default: port 8080 on the address of the network
    /// that carries the default route; 0.0.0.0 means that address too, never every interface).
    /// Plain HTTP on the local network: whoever sees a group's link can answer for that group.
    #[arg(long, value_name = "ADDR:PORT", num_args = 0..=1, default_missing_value = crate::devices::DEFAULT_ADDR)]
    pub devices: Option<std::net::SocketAddr>,
    /// Logs of earlier sessions (a folder, read with its subfolders): after the reveal, show how
    /// they answered the card ("In 14 eerdere sessies koos 57% optie 2"). Anonymised counts only,
    /// and only for cards at least 5 sessions and 5 municipalities played; recorded in the log.
    #[arg(long, value_name = "DIR")]
    pub peers: Option<PathBuf>,
}

/// How earlier sessions answered (`--peers`), with the line for the status bar.
type Peers = Option<(Vec<crate::session::PeerCard>, Level, String)>;

pub fn run(args: &PlayArgs) -> anyhow::Result<ExitCode> {
    crate::ui::theme::set_palette(args.theme.theme);
    let lang = args.lang.lang;
    let given = match &args.deck.deck {
        Some(p) => Some(scenario::load_deck_in(Some(p), lang).map_err(|e| {
            let shown = clean(&p.display().to_string()).into_owned();
            let head = msg!(
                "de sessie kan niet beginnen: het deck {} heeft problemen; los ze op (zie `weerbaar check {}`)",
                "cannot start the session: the deck {} has problems; fix them (see `weerbaar check {}`)",
                shown,
                shown
            );
            anyhow::anyhow!("{}\n{}", head.get(lang), e.describe(lang))
        })?),
        None => None,
    };
    let clock = SystemClock;
    // Before anything is written: a port in use stops the start, not the session.
    let devices = match args.devices {
        Some(addr) => Some(
            crate::devices::Devices::start(addr)
                .map_err(|e| anyhow::anyhow!("{}: {}", CANNOT_START.get(lang), e.describe(lang)))?,
        ),
        None => None,
    };
    if let Some(path) = &args.resume {
        return resume(args, path, given, devices);
    }
    let deck = match given {
        Some(deck) => deck,
        None => scenario::load_deck_in(None, lang).map_err(|e| {
            let head = L(
                "de sessie kan niet beginnen: het meegeleverde deck heeft problemen",
                "cannot start the session: the bundled deck has problems",
            );
            anyhow::anyhow!("{}\n{}", head.get(lang), e.describe(lang))
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
    let app = if !args.groups.is_empty() {
        let launch = launch(args, deck.clone(), follow_up, &clock)?;
        let setup = setup_from_args(args, &deck, &launch)?;
        let path =
            args.log.clone().unwrap_or_else(|| crate::log::default_path(&launch.log_dir, &setup.title, clock.now()));
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
        let mut app = App::with_session(launch, session, lang, clock);
        app.say(Level::Info, format!("{}: {shown}", i18n::LOG.get(lang)));
        app.open_follow_up();
        app.peers = peers;
        app.open_peers();
        app
    } else {
        // The setup screen keeps the deck in its launch only: no copy before the first frame.
        let launch = launch(args, deck, follow_up, &clock)?;
        let form = setup_form(args, &launch.deck, previous_setup.as_ref())?;
        need_terminal(lang)?;
        let mut app = App::with_setup(launch, form, lang, clock);
        // Recorded once the setup screen starts the session.
        app.peers = peers;
        app
    };
    run_app(app, devices)
}

/// `--resume LOG`: the session continues where its log ends.
fn resume(
    args: &PlayArgs,
    path: &Path,
    given: Option<Deck>,
    devices: Option<crate::devices::Devices>,
) -> anyhow::Result<ExitCode> {
    let (lang, clock) = (args.lang.lang, SystemClock);
    need_terminal(lang)?;
    if let Some(dir) = &args.peers {
        crate::peers::check(dir).map_err(|e| anyhow::anyhow!("{}: {}", CANNOT_CONTINUE.get(lang), e.describe(lang)))?;
    }
    let (session, warnings) = Session::resume_log(path, given, clock)
        .map_err(|e| anyhow::anyhow!("{}: {}{}", CANNOT_CONTINUE.get(lang), e.describe(lang), resume_hint(&e, lang)))?;
    let deck = session.deck().clone();
    // The session being resumed may lie in the folder: it is left out by its identity.
    let own = crate::peers::session_key(session.state());
    let peers = peers_for(args, &deck, Some(own))?;
    let mut app = App::with_session(launch(args, deck, None, &clock)?, session, lang, clock);
    let mut text = format!("{} {}: {}", i18n::RESUMED.get(lang), i18n::LOG.get(lang), path.display());
    if !warnings.is_empty() {
        let lines: Vec<String> = warnings.iter().map(|w| w.describe(lang)).collect();
        text.push_str(&format!(" | {}", lines.join(" | ")));
    }
    app.say(if warnings.is_empty() { Level::Info } else { Level::Warn }, text);
    app.peers = peers;
    app.open_peers();
    run_app(app, devices)
}

/// The setup screen, with whatever was given on the command line filled in; the facilitator
/// completes the rest. A follow-up starts from the previous session's groups, roles, title and
/// gespreksleider (all editable); the command line wins.
fn setup_form(args: &PlayArgs, deck: &Deck, previous: Option<&Setup>) -> anyhow::Result<SetupForm> {
    let lang = args.lang.lang;
    let mut form = match previous {
        Some(previous) => SetupForm::from_previous(lang, previous, &args.facilitator),
        None => SetupForm::new(lang, &args.facilitator),
    };
    if let Some(title) = &args.title {
        form.title = crate::ui::text_field::TextField::new(title);
    }
    if let Some(agenda) = &args.agenda {
        form.agenda = deck.manifest.agendas.iter().position(|a| a.id.as_str() == agenda).with_context(|| {
            let known: Vec<&str> = deck.manifest.agendas.iter().map(|a| a.id.as_str()).collect();
            let (agenda, known) = (clean(agenda), clean(&known.join(", ")).into_owned());
            msg!(
                "het deck heeft geen agenda `{}`; kies een van: {}",
                "the deck has no agenda `{}`; use one of: {}",
                agenda,
                known
            )
            .get(lang)
            .to_string()
        })?;
    }
    let agenda_minutes = deck.manifest.agendas.get(form.agenda).map(|a| a.minutes);
    if let Some(minutes) = args.minutes.or(agenda_minutes) {
        form.minutes = crate::ui::text_field::TextField::new(&minutes.to_string());
    }
    Ok(form)
}

/// `--peers DIR`: how earlier sessions answered the cards of `deck`, leaving out the session
/// `own`, with the line for the status bar. A folder that does not exist stops the start before
/// anything is written; broken logs in it are skipped and counted on the status line.
fn peers_for(args: &PlayArgs, deck: &Deck, own: Option<crate::peers::SessionKey>) -> anyhow::Result<Peers> {
    let Some(dir) = &args.peers else { return Ok(None) };
    let lang = args.lang.lang;
    let found = crate::peers::gather(dir, deck, own, lang)
        .map_err(|e| anyhow::anyhow!("{}: {}", CANNOT_START.get(lang), e.describe(lang)))?;
    let level = if found.skipped > 0 || found.damaged > 0 || found.sessions == 0 { Level::Warn } else { Level::Info };
    let status = found.status(lang);
    Ok(Some((found.cards, level, status)))
}

/// A refused start: the engine's reason and what to do about that reason.
fn start_error(e: &SessionError, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!("{}: {}{}", CANNOT_START.get(lang), e.describe(lang), start_hint(e, lang))
}

fn launch(
    args: &PlayArgs,
    deck: Deck,
    follow_up: Option<crate::session::PreviousSession>,
    clock: &SystemClock,
) -> anyhow::Result<Launch> {
    Ok(Launch {
        deck,
        log: args.log.clone(),
        log_dir: sessions_dir(args.lang.lang)?,
        seed: args.seed.unwrap_or_else(|| clock.now().timestamp_subsec_nanos() as u64 ^ clock.now().timestamp() as u64),
        facilitator: args.facilitator.clone(),
        follow_up,
    })
}

fn run_app(app: App<SystemClock>, devices: Option<crate::devices::Devices>) -> anyhow::Result<ExitCode> {
    let app = match devices {
        Some(devices) => {
            let mut console = crate::devices::DeviceConsole::new(app, devices);
            let ran = crate::ui::run::run(&mut console);
            let app = console.finish();
            ran.with_context(|| terminal_failed(app.lang))?;
            app
        }
        None => {
            let mut app = app;
            crate::ui::run::run(&mut app).with_context(|| terminal_failed(app.lang))?;
            app
        }
    };
    if let Some(s) = app.session() {
        note!("{}: {}", i18n::LOG.get(app.lang), s.log_path().display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What to do about a refused start, for that error and no other.
fn start_hint(e: &SessionError, lang: Lang) -> String {
    let hint = match e {
        SessionError::Log(LogError::Exists { .. }) => msg!(
            "Geef een ander bestand met --log PAD, of ga verder met die sessie met --resume PAD.",
            "Give another file with --log PATH, or continue that session with --resume PATH."
        ),
        SessionError::Log(LogError::Io { .. } | LogError::Gone { .. }) => msg!(
            "Kies met --log PAD een plek waar het logboek geschreven kan worden.",
            "Choose a place where the log can be written with --log PATH."
        ),
        SessionError::Log(LogError::Locked { .. }) => msg!(
            "Een andere console heeft dat bestand in gebruik; kies een ander --log PAD.",
            "Another console holds that file; choose another --log PATH."
        ),
        SessionError::Setup(SetupError::GroupCount(_)) => {
            msg!(
                "Geef {MIN_GROUPS} tot {MAX_GROUPS} keer --group.",
                "Give {MIN_GROUPS} to {MAX_GROUPS} --group options."
            )
        }
        SessionError::Setup(SetupError::EmptyGroupName(_) | SetupError::DuplicateGroup(_)) => {
            msg!("Geef elke --group een eigen gemeentenaam.", "Give each --group its own municipality name.")
        }
        SessionError::Setup(SetupError::UnknownAgenda(..)) => msg!(
            "Kies een van de genoemde agenda's met --agenda NAAM.",
            "Choose one of the listed agendas with --agenda NAME."
        ),
        SessionError::Setup(SetupError::AgendaUnknownCard { .. } | SetupError::AgendaDuplicate { .. }) => msg!(
            "Verbeter de agenda in deck.ron van het deck (`weerbaar check` toont waar), of kies een andere met --agenda NAAM.",
            "Fix the agenda in the deck's deck.ron (`weerbaar check` shows where), or choose another with --agenda NAME."
        ),
        SessionError::Setup(SetupError::Minutes(_)) => msg!(
            "Geef --minutes tussen {MIN_MINUTES} en {MAX_MINUTES}.",
            "Give --minutes between {MIN_MINUTES} and {MAX_MINUTES}."
        ),
        SessionError::Setup(SetupError::EmptyTitle) => {
            msg!("Geef een titel met --title TEKST.", "Give a title with --title TEXT.")
        }
        _ => return String::new(),
    };
    format!("\n{}", hint.get(lang))
}

/// What to do about a refused resume.
fn resume_hint(e: &SessionError, lang: Lang) -> String {
    let hint = match e {
        SessionError::Log(LogError::Locked { .. }) => L(
            "Sluit eerst de andere console (na een crash is de vergrendeling vanzelf weg); volg de sessie intussen zonder te schrijven met: weerbaar screen LOGBOEK",
            "Close the other console first (after a crash the lock is gone by itself); to follow the session meanwhile without writing: weerbaar screen LOG",
        ),
        SessionError::OtherDeck { .. } => L(
            "Ga verder zonder --deck om het deck uit het logboek te gebruiken, of geef het deck waarmee de sessie is gespeeld.",
            "Resume without --deck to continue with the deck recorded in the log, or give the deck the session was played with.",
        ),
        SessionError::Deck(_) => L(
            "Geef met --deck PAD het deck waarmee de sessie is gespeeld.",
            "Give the deck the session was played with by --deck PATH.",
        ),
        SessionError::Log(LogError::NotAFile { .. } | LogError::NotALog { .. } | LogError::Empty { .. }) => L(
            "Geef het .jsonl-bestand van de sessie (standaard in de sessiemap; zie weerbaar --help).",
            "Give the .jsonl file of the session (in the sessions folder by default; see weerbaar --help).",
        ),
        _ => return String::new(),
    };
    format!("\n{}", hint.get(lang))
}

/// An earlier session to follow up on, read from its log: its date, title, actions (with those
/// it carried over), revealed answers and played cards, and its setup (to fill in the form).
fn previous_session(
    path: &Path,
    given: Option<Deck>,
    lang: Lang,
) -> anyhow::Result<(crate::session::PreviousSession, Setup)> {
    let deck = log_deck(path, given, lang)?;
    let log = load_session(path, &deck, lang)?;
    let shown = clean(&path.display().to_string()).into_owned();
    for w in &log.warnings {
        note!("weerbaar: {}: {shown}: {}", WARNING.get(lang), w.describe(lang));
    }
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((crate::debrief::previous_session(&log.state, &name), log.state.setup.clone()))
}

/// The setup of `--group …` ([`SetupBuilder`]: the rules the setup screen follows too).
fn setup_from_args(args: &PlayArgs, deck: &Deck, launch: &Launch) -> anyhow::Result<Setup> {
    let lang = args.lang.lang;
    let mut builder = SetupBuilder::new(lang, SystemClock.now().date_naive(), launch.seed)
        .title(args.title.as_deref())
        .facilitator(&args.facilitator)
        .agenda(args.agenda.clone().map(AgendaId))
        .minutes(args.minutes);
    for spec in &args.groups {
        builder = builder.group_spec(spec).map_err(|e| fail(e.describe(lang)))?;
    }
    builder.build(deck).map_err(|e| match e {
        SetupError::NoAgenda => fail(e.describe(lang)),
        e => start_error(&SessionError::Setup(e), lang),
    })
}
