//! `weerbaar review`: walk through a finished or interrupted session card by card, or (with any
//! of the finding flags) add the facilitator's findings, objective assessments and details to
//! its log afterwards, appended like every other event.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::args::ShowArgs;
use super::common::{WARNING, fail, given_deck, load_session, log_deck, log_to_show, terminal_failed};
use crate::scenario::text::L;
use crate::scenario::{Lang, clean};
use crate::session::{Session, SystemClock};

/// `review`: the walk through a session, or (with any of the finding flags) adding the
/// facilitator's findings, objective assessments and details to its log afterwards.
#[derive(Args)]
pub struct ReviewCmd {
    #[command(flatten)]
    pub base: ShowArgs,
    /// Add a strength (sterk punt) to the log; with --objective, --card and --group.
    #[arg(long, value_name = "TEXT")]
    pub strength: Vec<String>,
    /// Add a point for improvement (verbeterpunt) to the log; with --objective, --card and --group.
    #[arg(long, value_name = "TEXT")]
    pub improvement: Vec<String>,
    /// The objective a finding is about: its id in the deck, or its number in the report.
    #[arg(long, value_name = "ID|N")]
    pub objective: Option<String>,
    /// The card a finding is about (its id).
    #[arg(long, value_name = "CARD")]
    pub card: Option<String>,
    /// The municipality a finding is about.
    #[arg(long = "group", value_name = "NAME")]
    pub finding_group: Option<String>,
    /// Assess an objective: ID=behaald|deels|niet, optionally with a line why after a colon
    /// (ransom-decision=deels:"wie beslist was helder, de raad niet"). English words work too.
    #[arg(long, value_name = "ID=RATING[:WHY]")]
    pub assess: Vec<String>,
    /// Bring one of the session's actions up to date (its number in the improvement plan, the
    /// "Nr." column): with --observation, --priority, --objective, --organisation, --start,
    /// --status and --progress.
    #[arg(long, value_name = "N")]
    pub action: Option<usize>,
    /// The observation or problem the action answers.
    #[arg(long, value_name = "TEXT", requires = "action")]
    pub observation: Option<String>,
    /// hoog, middel or laag (high, medium, low).
    #[arg(long, value_name = "hoog|middel|laag", requires = "action")]
    pub priority: Option<String>,
    /// The organisation responsible for the action (the person is its owner).
    #[arg(long, value_name = "TEXT", requires = "action")]
    pub organisation: Option<String>,
    /// When work on the action starts (31-3-2027, Q1 2027, maart 2027).
    #[arg(long, value_name = "DATE", requires = "action")]
    pub start: Option<String>,
    /// gedaan, onderweg or niet begonnen (done, under way, not started).
    #[arg(long, value_name = "STATUS", requires = "action")]
    pub status: Option<String>,
    /// A line on the progress, dated today.
    #[arg(long, value_name = "TEXT", requires = "action")]
    pub progress: Option<String>,
    /// Where the exercise took place, for the report's exercise overview.
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// What the exercise covered, in your words, for the report's exercise overview.
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,
}

impl ReviewCmd {
    pub fn adds(&self) -> bool {
        !self.strength.is_empty()
            || !self.improvement.is_empty()
            || !self.assess.is_empty()
            || self.place.is_some()
            || self.scope.is_some()
            || self.action.is_some()
    }
}

const NAME_THE_LOG: L =
    L("noem het logboek: weerbaar review LOGBOEK --strength …", "name the log: weerbaar review LOG --strength …");
const NO_OBJECTIVE: L = L("het deck heeft geen doelstelling", "the deck has no objective");
const NO_ACTION: L = L("de sessie heeft geen actie", "the session has no action");
const NO_CARD: L = L("het deck heeft geen kaart", "the deck has no card");
const NO_MUNICIPALITY: L = L("geen gemeente", "no municipality");
/// "…; wel: 1 = x, 2 = y": what there is instead.
const IT_HAS: L = L("wel", "it has");
const CHOOSE_PRIORITY: L = L("kies hoog, middel of laag", "choose high, medium or low");
const CHOOSE_STATUS: L = L("kies gedaan, onderweg of niet begonnen", "choose done, under way or not started");
const WRITE_ASSESSMENT: L = L("schrijf DOEL=behaald|deels|niet[:waarom]", "write OBJECTIVE=achieved|partly|not[:why]");
const CHOOSE_RATING: L = L("kies behaald, deels of niet", "choose achieved, partly or not");
const RECORDED_IN: L = L("vastgelegd in", "recorded in");

/// Adds findings, assessments and details to a log (`review LOG --strength …`): every one is
/// checked before anything is written, then each is appended under the log's lock.
fn add(cmd: &ReviewCmd) -> anyhow::Result<ExitCode> {
    use crate::session::{Command as C, FindingKind};
    let args = &cmd.base;
    let lang0 = args.lang.lang.unwrap_or(Lang::Nl);
    let given = given_deck(args.deck.deck.as_deref(), lang0)?;
    // Writing to a log: only the one named, never "the newest" by default.
    let Some(log_path) = args.log.as_deref() else {
        return Err(fail(NAME_THE_LOG.get(lang0)));
    };
    let (mut session, warnings) =
        Session::annotate(log_path, given, SystemClock).map_err(|e| fail(e.describe(lang0)))?;
    let lang = args.lang.lang.unwrap_or(session.state().setup.lang);
    for w in &warnings {
        note!("weerbaar: {}: {}: {}", WARNING.get(lang), clean(&log_path.display().to_string()), w.describe(lang));
    }
    let state = session.state();
    let deck = session.deck();
    let objectives: Vec<crate::scenario::ObjectiveId> = state.objectives(deck).iter().map(|o| o.id.clone()).collect();
    let objective = |text: &str| -> anyhow::Result<crate::scenario::ObjectiveId> {
        let t = text.trim();
        if let Some(o) = deck.manifest.objectives.iter().find(|o| o.id.as_str() == t) {
            return Ok(o.id.clone());
        }
        if let Some(o) = t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| objectives.get(i)) {
            return Ok(o.clone());
        }
        let known: Vec<String> =
            objectives.iter().enumerate().map(|(i, o)| format!("{} = {}", i + 1, o.as_str())).collect();
        anyhow::bail!("{} `{}`; {}: {}", NO_OBJECTIVE.get(lang), clean(t), IT_HAS.get(lang), known.join(", "))
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
            anyhow::anyhow!("{} {n}; {} 1-{}", NO_ACTION.get(lang), IT_HAS.get(lang), state.actions.len())
        })?;
        let priority = cmd
            .priority
            .as_deref()
            .map(|p| {
                crate::session::Priority::parse(p)
                    .ok_or_else(|| anyhow::anyhow!("`{}`: {}", clean(p), CHOOSE_PRIORITY.get(lang)))
            })
            .transpose()?;
        let status = cmd
            .status
            .as_deref()
            .map(|p| {
                crate::session::Progress::parse(p)
                    .ok_or_else(|| anyhow::anyhow!("`{}`: {}", clean(p), CHOOSE_STATUS.get(lang)))
            })
            .transpose()?;
        let start = match cmd.start.as_deref() {
            Some(text) => crate::session::parse_due(text).map_err(|e| fail(e.describe(lang)))?,
            None => None,
        };
        commands.push(C::DetailAction {
            index,
            detail: crate::session::ActionDetail {
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
    let card = cmd.card.as_deref().map(|c| crate::scenario::CardId::from(c.trim()));
    if let Some(c) = &card
        && deck.card(c).is_none()
    {
        anyhow::bail!("{} `{}`", NO_CARD.get(lang), clean(c.as_str()));
    }
    let group = match &cmd.finding_group {
        None => None,
        Some(name) => {
            Some(state.groups().find(|g| crate::debrief::same_name(state.group_name(*g), name)).ok_or_else(|| {
                let known: Vec<String> = state.setup.groups.iter().map(|g| clean(&g.name).into_owned()).collect();
                anyhow::anyhow!(
                    "{} `{}`; {}: {}",
                    NO_MUNICIPALITY.get(lang),
                    clean(name),
                    IT_HAS.get(lang),
                    known.join(", ")
                )
            })?)
        }
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
        let (id, rest) =
            a.split_once('=').ok_or_else(|| anyhow::anyhow!("`{}`: {}", clean(a), WRITE_ASSESSMENT.get(lang)))?;
        let (rating, why) = rest.split_once(':').unwrap_or((rest, ""));
        let rating = crate::session::Rating::parse(rating)
            .ok_or_else(|| anyhow::anyhow!("`{}`: {}", clean(rating), CHOOSE_RATING.get(lang)))?;
        commands.push(C::AssessObjective { objective: objective(id)?, rating, why: why.to_string() });
    }
    // Every command is checked against the state first: a refused one leaves the log as it was.
    for c in &commands {
        crate::session::decide(session.state(), session.deck(), c.clone()).map_err(|e| fail(e.describe(lang)))?;
    }
    let n = commands.len();
    for c in commands {
        session.execute(c).map_err(|e| fail(e.describe(lang)))?;
    }
    note!("weerbaar: {n} {} {}", RECORDED_IN.get(lang), clean(&log_path.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

pub fn run(cmd: &ReviewCmd) -> anyhow::Result<ExitCode> {
    if cmd.adds() {
        return add(cmd);
    }
    let args = &cmd.base;
    crate::ui::theme::set_palette(args.theme.theme);
    let mut lang = args.lang.lang.unwrap_or(Lang::Nl);
    let path = log_to_show(args.log.as_deref(), lang)?;
    let deck = log_deck(&path, given_deck(args.deck.deck.as_deref(), lang)?, lang)?;
    let log = load_session(&path, &deck, lang)?;
    // The room's language: the one the session was played in, unless asked otherwise.
    lang = args.lang.lang.unwrap_or(log.state.setup.lang);
    for w in &log.warnings {
        note!("weerbaar: {}: {}: {}", WARNING.get(lang), clean(&path.display().to_string()), w.describe(lang));
    }
    let mut review = crate::ui::review::Review::new(log, deck, lang);
    crate::ui::run::run(&mut review).with_context(|| terminal_failed(lang))?;
    Ok(ExitCode::SUCCESS)
}
