//! The `weerbaar` command line: parse, dispatch, report errors. Nothing else lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use weerbaar::scenario::{self, AgendaId, Deck, Lang, Loaded, Role};
use weerbaar::session::{Clock, GroupSetup, Session, Setup, SystemClock};
use weerbaar::ui::{App, Launch, Level, SetupForm, i18n};

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
    /// Write a report of one or more session logs (Markdown, HTML, CSV or JSON).
    Debrief(DebriefArgs),
    /// Walk through a finished or interrupted session card by card; never writes to the log.
    Review(ReviewArgs),
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
    /// Random sessions per agenda.
    #[arg(long, default_value_t = 200)]
    runs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
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
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ReviewArgs {
    /// The session log.
    #[arg(value_name = "LOG")]
    log: PathBuf,
    /// Language of the screens: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// The deck the session was played with (default: the bundled deck).
    #[arg(long, value_name = "PATH")]
    deck: Option<PathBuf>,
}

#[derive(Args)]
struct DebriefArgs {
    /// Session logs (.jsonl); with more than one, the report also compares the sessions.
    #[arg(value_name = "LOG", required = true)]
    logs: Vec<PathBuf>,
    /// md (default), html, csv or json.
    #[arg(long, value_name = "FORMAT", default_value = "md")]
    format: weerbaar::debrief::Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace municipality and person names with "Groep A/B/..." for sharing lessons learned.
    #[arg(long)]
    anonymize: bool,
    /// Language of the report: nl (default) or en.
    #[arg(long, value_name = "nl|en", default_value = "nl")]
    lang: Lang,
    /// The deck the sessions were played with (default: the bundled deck).
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
    /// Target length of the session in minutes.
    #[arg(long, value_name = "MINUTES", default_value_t = weerbaar::session::DEFAULT_MINUTES)]
    minutes: u32,
    /// Seed for the random parts (who speaks first after a reveal); recorded in the log.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Where to write the log (default: sessions/YYYY-MM-DD_HHMM_<title>.jsonl).
    #[arg(long, value_name = "PATH")]
    log: Option<PathBuf>,
    /// Continue the session in this log after a crash or a closed laptop.
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
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Play(args)) => run_play(&args),
        Some(Command::Debrief(args)) => run_debrief(&args),
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
            eprintln!("weerbaar: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run_play(args: &PlayArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot start the session")?;
    let clock = SystemClock;
    let launch = Launch {
        deck: deck.clone(),
        log: args.log.clone(),
        log_dir: std::env::current_dir().context("cannot find the current directory")?,
        seed: args.seed.unwrap_or_else(|| clock.now().timestamp_subsec_nanos() as u64 ^ clock.now().timestamp() as u64),
        facilitator: args.facilitator.clone(),
        follow_up: match &args.follow_up {
            Some(path) => Some(previous_actions(path, &deck)?),
            None => None,
        },
    };
    let mut app = if let Some(path) = &args.resume {
        let (session, warnings) = Session::resume(deck, path, clock).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut app = App::with_session(launch, session, args.lang, clock);
        let mut text = format!("{} {}: {}", i18n::RESUMED.get(args.lang), i18n::LOG.get(args.lang), path.display());
        if !warnings.is_empty() {
            let lines: Vec<String> = warnings.iter().map(|w| w.describe(args.lang)).collect();
            text.push_str(&format!(" | {}", lines.join(" | ")));
        }
        app.say(if warnings.is_empty() { Level::Info } else { Level::Warn }, text);
        app
    } else if !args.groups.is_empty() {
        let setup = setup_from_args(args, &deck, &launch)?;
        let path =
            args.log.clone().unwrap_or_else(|| weerbaar::log::default_path(&launch.log_dir, &setup.title, clock.now()));
        let session = Session::start(deck, setup, &path, clock).map_err(|e| {
            anyhow::anyhow!(
                "cannot start the session: {e}\nChoose a place where the log can be written with --log PATH."
            )
        })?;
        let shown = session.log_path().display().to_string();
        let mut app = App::with_session(launch, session, args.lang, clock);
        app.open_follow_up();
        app.say(Level::Info, format!("{}: {shown}", i18n::LOG.get(args.lang)));
        app
    } else {
        // Whatever was given on the command line is filled in; the facilitator completes the rest.
        let mut form = SetupForm::new(args.lang, &args.facilitator);
        if let Some(title) = &args.title {
            form.title = weerbaar::ui::text_field::TextField::new(title);
        }
        form.minutes = weerbaar::ui::text_field::TextField::new(&args.minutes.to_string());
        if let Some(agenda) = &args.agenda {
            form.agenda = deck.manifest.agendas.iter().position(|a| a.id.as_str() == agenda).with_context(|| {
                let known: Vec<&str> = deck.manifest.agendas.iter().map(|a| a.id.as_str()).collect();
                format!("the deck has no agenda `{agenda}`; it has: {}", known.join(", "))
            })?;
        }
        App::with_setup(launch, form, args.lang, clock)
    };
    weerbaar::ui::run::run(&mut app).context("the terminal failed")?;
    if let Some(s) = app.session() {
        eprintln!("{}: {}", i18n::LOG.get(app.lang), s.log_path().display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The take-home actions of an earlier session, named by its log file.
fn previous_actions(path: &Path, deck: &Deck) -> anyhow::Result<(String, Vec<weerbaar::session::PreviousAction>)> {
    let log = weerbaar::debrief::load_log(path, deck)?;
    for w in &log.warnings {
        eprintln!("weerbaar: warning: {}: {}", path.display(), w.describe(Lang::En));
    }
    let actions = weerbaar::debrief::previous_actions(&log.state);
    if actions.is_empty() {
        anyhow::bail!("{} has no take-home actions to follow up on", path.display());
    }
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((name, actions))
}

fn setup_from_args(args: &PlayArgs, deck: &Deck, launch: &Launch) -> anyhow::Result<Setup> {
    let groups = args.groups.iter().map(|g| parse_group(g)).collect::<anyhow::Result<Vec<_>>>()?;
    let agenda = match &args.agenda {
        Some(a) => AgendaId(a.clone()),
        None => deck.manifest.agendas.first().map(|a| a.id.clone()).context("the deck has no agenda")?,
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
        target_minutes: args.minutes,
        seed: launch.seed,
        agenda,
        groups,
    };
    weerbaar::session::validate_setup(deck, &setup)?;
    Ok(setup)
}

/// `Name` or `Name:role,role`; roles by RON name, short tag or label in either language.
fn parse_group(spec: &str) -> anyhow::Result<GroupSetup> {
    let (name, roles) = match spec.rsplit_once(':') {
        Some((name, roles)) if !roles.trim().is_empty() => {
            let roles = roles
                .split(',')
                .map(|r| {
                    Role::parse(r).with_context(|| {
                        format!("unknown role `{}` in --group {spec:?}; use mayor, secretary, CISO, DPO, OOV or communications", r.trim())
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            (name, roles)
        }
        _ => (spec, Role::ALL.to_vec()),
    };
    if name.trim().is_empty() {
        anyhow::bail!("--group needs a municipality name");
    }
    Ok(GroupSetup { name: name.trim().to_string(), roles })
}

fn run_simulate(args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let report = weerbaar::session::simulate::simulate(&deck, args.runs.max(1), args.seed);
    print!("{}", report.render());
    Ok(if report.is_clean() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_graph(args: &GraphArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let text = match args.format.as_str() {
        "mermaid" => scenario::present::mermaid(&deck, args.lang),
        "dot" => scenario::present::dot(&deck, args.lang),
        other => anyhow::bail!("unknown graph format `{other}`: use mermaid or dot"),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn run_proof(args: &ProofArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let text = scenario::present::proof(&deck, args.lang);
    match &args.output {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn run_screen(args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let mut screen = weerbaar::ui::audience::Audience::new(&args.log, deck, args.lang, SystemClock);
    weerbaar::ui::run::run(&mut screen).context("the terminal failed")?;
    Ok(ExitCode::SUCCESS)
}

fn run_review(args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let log = weerbaar::debrief::load_log(&args.log, &deck)?;
    for w in &log.warnings {
        eprintln!("weerbaar: warning: {}: {}", args.log.display(), w.describe(Lang::En));
    }
    let mut review = weerbaar::ui::review::Review::new(log, deck, args.lang);
    weerbaar::ui::run::run(&mut review).context("the terminal failed")?;
    Ok(ExitCode::SUCCESS)
}

/// Exit 0 for a clean report, 1 for a report with warnings, 2 when no report could be made.
fn run_debrief(args: &DebriefArgs) -> anyhow::Result<ExitCode> {
    use weerbaar::debrief::{Report, load_log};
    let deck = scenario::load_deck(args.deck.as_deref()).context("cannot load the deck")?;
    let mut sessions = Vec::new();
    let mut failed = Vec::new();
    for path in &args.logs {
        match load_log(path, &deck) {
            Ok(s) => sessions.push(s),
            Err(e) => failed.push(e.to_string()),
        }
    }
    for f in &failed {
        eprintln!("weerbaar: warning: {f}");
    }
    if sessions.is_empty() {
        eprintln!("weerbaar: no report: none of the logs could be read");
        return Ok(ExitCode::from(2));
    }
    let report = Report::new(&deck, args.lang, sessions, args.anonymize);
    let text = report.render(args.format)?;
    match &args.output {
        Some(path) => std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).context("cannot write the report")?;
        }
    }
    let warnings = report.warnings();
    for w in &warnings {
        eprintln!("weerbaar: warning: {w}");
    }
    Ok(if warnings.is_empty() && failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `weerbaar new deck|card`: writes a skeleton and says what to do next, in the author's language.
fn run_new(args: &NewCommand) -> anyhow::Result<ExitCode> {
    use weerbaar::scenario::template;
    let (result, lang) = match args {
        NewCommand::Deck { dir, lang } => (template::new_deck(dir), *lang),
        NewCommand::Card { id, theme, deck, lang } => {
            let Some(theme) = scenario::Theme::parse(theme) else {
                let text = match lang {
                    Lang::Nl => format!(
                        "onbekend thema `{theme}`: kies Leiderschap, EigenHuis, Ontwrichting of DigitaleCriminaliteit"
                    ),
                    Lang::En => {
                        format!("unknown theme `{theme}`: choose Leadership, OwnHouse, Disruption or DigitalCrime")
                    }
                };
                eprintln!("weerbaar: {}", scenario::clean(&text));
                return Ok(ExitCode::from(2));
            };
            (template::new_card(id, theme, deck).map(|p| vec![p]), *lang)
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
        None => eprint!("{text}"),
    }
    println!("{summary}");
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
