//! What can happen in a session. Events are facts in the past tense; they are what the log
//! stores, and the session state is nothing but their fold.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::action::Owner;
use crate::scenario::{AgendaId, CardId, InjectId, Lang, ObjectiveId, OptionId, Role};

/// A delegation's place in the setup (0-based); shown to people as 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub u8);

impl GroupId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0 + 1)
    }
}

/// One municipal delegation at the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSetup {
    pub name: String,
    pub roles: Vec<Role>,
}

/// Everything fixed at the start of a session; stored in the first event so a log stands alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    pub title: String,
    pub facilitator: String,
    pub date: NaiveDate,
    pub lang: Lang,
    pub target_minutes: u32,
    pub seed: u64,
    pub agenda: AgendaId,
    pub groups: Vec<GroupSetup>,
}

pub const MIN_GROUPS: usize = 2;
pub const MAX_GROUPS: usize = 8;
pub const DEFAULT_MINUTES: u32 = 120;

/// How a delegation reached its answer: the debrief shows where a table was divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Nobody said how the group decided (the start of every answer since the console asks).
    NotRecorded,
    Unanimous,
    Majority,
    Split,
    MayorDecided,
}

impl Decision {
    pub const ALL: [Decision; 5] =
        [Decision::NotRecorded, Decision::Unanimous, Decision::Majority, Decision::Split, Decision::MayorDecided];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Decision::NotRecorded, Lang::Nl) => "niet vastgelegd",
            (Decision::NotRecorded, Lang::En) => "not recorded",
            (Decision::Unanimous, Lang::Nl) => "unaniem",
            (Decision::Unanimous, Lang::En) => "unanimous",
            (Decision::Majority, Lang::Nl) => "meerderheid",
            (Decision::Majority, Lang::En) => "majority",
            (Decision::Split, Lang::Nl) => "verdeeld",
            (Decision::Split, Lang::En) => "split",
            (Decision::MayorDecided, Lang::Nl) => "burgemeester besliste",
            (Decision::MayorDecided, Lang::En) => "mayor decided",
        }
    }
}

/// Who may read a note in a report. Chosen when the note is typed; the default for a new note
/// is [`Visibility::Private`], so nothing said in confidence reaches a report by accident.
/// Notes in logs written before visibility existed read as [`Visibility::Room`] (their old
/// meaning: in every report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// For the gespreksleider only: in no report unless `debrief --include-private`.
    #[default]
    Private,
    /// Said to the whole room: in every report.
    Room,
    /// About one delegation: only in that municipality's report (`debrief --group NAME`).
    Group,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Private, Visibility::Room, Visibility::Group];

    /// The meaning of a note in a log written before notes had a visibility.
    pub fn old_log() -> Visibility {
        Visibility::Room
    }

    /// The next visibility, for a key that switches it in the note dialog.
    pub fn next(self) -> Visibility {
        match self {
            Visibility::Private => Visibility::Room,
            Visibility::Room => Visibility::Group,
            Visibility::Group => Visibility::Private,
        }
    }

    /// One word for the note dialog and the reports.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Visibility::Private, Lang::Nl) => "gespreksleider",
            (Visibility::Private, Lang::En) => "facilitator only",
            (Visibility::Room, Lang::Nl) => "zaal",
            (Visibility::Room, Lang::En) => "room",
            (Visibility::Group, Lang::Nl) => "groep",
            (Visibility::Group, Lang::En) => "group",
        }
    }

    /// What the choice means, for a hint line under the note dialog.
    pub fn hint(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Visibility::Private, Lang::Nl) => "alleen voor de gespreksleider; in geen enkel verslag",
            (Visibility::Private, Lang::En) => "for the facilitator only; in no report",
            (Visibility::Room, Lang::Nl) => "in het verslag van iedere gemeente",
            (Visibility::Room, Lang::En) => "in every municipality's report",
            (Visibility::Group, Lang::Nl) => "alleen in het verslag van de gekozen gemeente",
            (Visibility::Group, Lang::En) => "only in the chosen municipality's report",
        }
    }
}

/// How urgent an action of the improvement plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Priority::High, Lang::Nl) => "hoog",
            (Priority::High, Lang::En) => "high",
            (Priority::Medium, Lang::Nl) => "middel",
            (Priority::Medium, Lang::En) => "medium",
            (Priority::Low, Lang::Nl) => "laag",
            (Priority::Low, Lang::En) => "low",
        }
    }

    /// Reads a priority in either language.
    pub fn parse(text: &str) -> Option<Priority> {
        let t = text.trim().to_lowercase();
        Priority::ALL.into_iter().find(|p| t == p.label(Lang::Nl) || t == p.label(Lang::En)).or(match t.as_str() {
            "gemiddeld" | "normaal" => Some(Priority::Medium),
            _ => None,
        })
    }
}

impl Progress {
    /// Reads a status in either language ("gedaan", "onderweg", "niet begonnen", "done", …).
    pub fn parse(text: &str) -> Option<Progress> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        Progress::ALL.into_iter().find(|p| t == p.label(Lang::Nl) || t == p.label(Lang::En))
    }
}

/// What the improvement plan records about an action besides what, who and by when: the
/// observation it answers, its priority and objective, the responsible organisation, its start,
/// its status and a progress note. Every field is optional; a later detail replaces the fields
/// it sets, and a progress note is added to the earlier ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActionDetail {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub observation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<ObjectiveId>,
    /// The responsible organisation (the municipality, or e.g. the IBD or the safety region).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Progress>,
    /// A line about the progress, dated by its event.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub progress: String,
}

/// What a finding says about the exercise: the two columns of an after-action report
/// (HSEEP/CTEP): what went well, and what a municipality should improve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Strength,
    Improvement,
}

impl FindingKind {
    pub const ALL: [FindingKind; 2] = [FindingKind::Strength, FindingKind::Improvement];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FindingKind::Strength, Lang::Nl) => "sterk punt",
            (FindingKind::Strength, Lang::En) => "strength",
            (FindingKind::Improvement, Lang::Nl) => "verbeterpunt",
            (FindingKind::Improvement, Lang::En) => "point for improvement",
        }
    }

    /// Reads the word a facilitator types on the command line, in either language.
    pub fn parse(text: &str) -> Option<FindingKind> {
        match text.trim().to_lowercase().as_str() {
            "sterk" | "sterk punt" | "sterkte" | "strength" | "s" | "+" => Some(FindingKind::Strength),
            "verbeter" | "verbeterpunt" | "improvement" | "point for improvement" | "v" | "i" | "-" => {
                Some(FindingKind::Improvement)
            }
            _ => None,
        }
    }

    pub fn next(self) -> FindingKind {
        match self {
            FindingKind::Strength => FindingKind::Improvement,
            FindingKind::Improvement => FindingKind::Strength,
        }
    }
}

/// How far an exercise objective was met, as the facilitator judges it at the end: the
/// assessment an after-action report gives each objective (not a "covered" tick).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Achieved,
    Partly,
    NotAchieved,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Achieved, Rating::Partly, Rating::NotAchieved];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rating::Achieved, Lang::Nl) => "behaald",
            (Rating::Achieved, Lang::En) => "achieved",
            (Rating::Partly, Lang::Nl) => "deels behaald",
            (Rating::Partly, Lang::En) => "partly achieved",
            (Rating::NotAchieved, Lang::Nl) => "niet behaald",
            (Rating::NotAchieved, Lang::En) => "not achieved",
        }
    }

    /// Reads the word a facilitator types on the command line, in either language.
    pub fn parse(text: &str) -> Option<Rating> {
        match text.trim().to_lowercase().replace(['-', '_'], " ").as_str() {
            "behaald" | "achieved" | "ja" | "yes" => Some(Rating::Achieved),
            "deels" | "deels behaald" | "partly" | "partly achieved" | "partially" => Some(Rating::Partly),
            "niet" | "niet behaald" | "not" | "not achieved" | "nee" | "no" => Some(Rating::NotAchieved),
            _ => None,
        }
    }

    pub fn next(self) -> Rating {
        match self {
            Rating::Achieved => Rating::Partly,
            Rating::Partly => Rating::NotAchieved,
            Rating::NotAchieved => Rating::Achieved,
        }
    }
}

/// Where an answer was entered: at the console, or on a delegation's own device
/// (`play --devices`). The engine checks and writes both the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    #[default]
    Console,
    Device,
}

/// A take-home action from a previous session, carried into this one to ask what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousAction {
    /// The municipality, by name: group numbers differ between sessions.
    pub group: String,
    pub what: String,
    /// A role, or free text for anyone else (read as before from logs that only had roles).
    pub owner: Owner,
    /// The date as `2027-03-31` when the action had one, else the text as typed.
    #[serde(default)]
    pub due: String,
    /// For an action carried over (not done by the session that followed it up): the date of
    /// the session where it was first agreed. Absent for the previous session's own actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// The card on screen when the action was first agreed, so the plan of the follow-up can
    /// still say where it came from. Absent in logs from before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<crate::scenario::CardId>,
}

/// A municipality's revealed answer to a card in a previous session, to set beside its answer
/// now ("vorige keer optie 1, nu optie 2").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousAnswer {
    /// The municipality, by name (matched without regard to case).
    pub group: String,
    pub card: CardId,
    pub option: OptionId,
}

/// What a follow-up brings in from a previous session: its date and title (to name it without
/// its file), its take-home actions, its revealed answers and the cards it played.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreviousSession {
    /// The log's file name (shown only for old logs without a date).
    pub from: String,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub actions: Vec<PreviousAction>,
    pub answers: Vec<PreviousAnswer>,
    pub played: Vec<CardId>,
}

/// What became of a previous action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    Done,
    UnderWay,
    NotStarted,
}

impl Progress {
    pub const ALL: [Progress; 3] = [Progress::Done, Progress::UnderWay, Progress::NotStarted];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Progress::Done, Lang::Nl) => "gedaan",
            (Progress::Done, Lang::En) => "done",
            (Progress::UnderWay, Lang::Nl) => "onderweg",
            (Progress::UnderWay, Lang::En) => "under way",
            (Progress::NotStarted, Lang::Nl) => "niet begonnen",
            (Progress::NotStarted, Lang::En) => "not started",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    SessionStarted {
        setup: Setup,
        deck_id: String,
        deck_digest: String,
    },
    /// The planned order of the cards still to play was changed (reordered or cards dropped).
    AgendaChanged {
        cards: Vec<CardId>,
    },
    CardOpened {
        card: CardId,
        /// The groups a suggested follow-up card is played for (those whose choice led there);
        /// the others watch. Empty, and absent in older logs, for every group.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        for_groups: Vec<GroupId>,
    },
    InjectReleased {
        card: CardId,
        inject: InjectId,
    },
    /// A development the gespreksleider wrote during the card (what the room brought up, news
    /// of the day), released at once like the deck's own: its text lives in the log, so every
    /// screen, review and report shows it as the room saw it.
    InjectWritten {
        card: CardId,
        inject: InjectId,
        text: String,
    },
    ClockPaused,
    ClockResumed,
    /// A group's answer; a second one for the same card replaces the first until the reveal.
    ChoiceRecorded {
        card: CardId,
        group: GroupId,
        option: OptionId,
        #[serde(default)]
        rationale: String,
        decision: Decision,
        #[serde(default)]
        dissent: Vec<Role>,
        /// Who entered the answer: the console (absent in logs from before answers could come
        /// from a delegation's own device) or a delegation's device.
        #[serde(default)]
        source: Source,
        /// For an answer outside the options ("anders / combinatie", option [`OTHER`]): what the
        /// group chose, in its words. Empty, and absent in older logs, for every other answer.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        other: String,
    },
    /// Answers shown to the room; `speaking_order` is the seeded order in which groups explain.
    ChoicesRevealed {
        card: CardId,
        speaking_order: Vec<GroupId>,
    },
    NoteAdded {
        #[serde(default)]
        about: Option<GroupId>,
        #[serde(default)]
        card: Option<CardId>,
        text: String,
        /// Who may read the note in a report; absent in old logs, which meant "every report".
        #[serde(default = "Visibility::old_log")]
        visibility: Visibility,
    },
    ActionAdded {
        group: GroupId,
        what: String,
        /// A role, or free text (wethouder, directeur): logs with only roles read unchanged.
        owner: Owner,
        /// "By when" as typed; in old logs the only form, kept as text.
        #[serde(default)]
        due: String,
        /// "By when" read as a date (absent in old logs, and for a text that was not a date).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due_date: Option<NaiveDate>,
        /// The card on screen when the action was added.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        card: Option<CardId>,
    },
    /// A note corrected (in the closing round): who it is about, who may read it and its text
    /// replace those of the note at `index` (in `note_added` order). The note added stays in
    /// the log as it was written.
    NoteRevised {
        index: usize,
        #[serde(default)]
        about: Option<GroupId>,
        text: String,
        #[serde(default)]
        visibility: Visibility,
    },
    /// An action corrected (in the closing round): municipality, what, owner and by when replace
    /// those of the action at `index` (in `action_added` order); its card, time and details stay.
    ActionRevised {
        index: usize,
        group: GroupId,
        what: String,
        owner: Owner,
        #[serde(default)]
        due: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due_date: Option<NaiveDate>,
    },
    CardClosed {
        card: CardId,
    },
    CardSkipped {
        card: CardId,
    },
    /// A skipped card, or any card of the deck not yet played, was put (back) on the agenda as
    /// the next card.
    CardRestored {
        card: CardId,
    },
    /// A group's rationale, recorded before (or apart from) its option: in a real discussion the
    /// arguments often come first. It joins the group's answer once there is one.
    RationaleRecorded {
        card: CardId,
        group: GroupId,
        rationale: String,
    },
    SessionEnded,
    /// The take-home actions of a previous session, brought in at the start of this one.
    FollowUpOpened {
        from: String,
        actions: Vec<PreviousAction>,
        /// The previous session's date and title (absent in older logs, which had only `from`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The previous session's revealed answers, to compare with the answers now.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        answers: Vec<PreviousAnswer>,
        /// The cards the previous session played ("eerder gespeeld" on the agenda).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        played: Vec<CardId>,
    },
    /// The facilitator blanked (or restored) the screens, to have the room's attention.
    Blackout {
        on: bool,
    },
    /// What became of one of the previous actions (by its position in `follow_up_opened`).
    ActionProgress {
        index: usize,
        status: Progress,
    },
    /// A finding of the facilitator: a strength or a point for improvement, linked to one of
    /// the deck's objectives and optionally to a card and a municipality. May follow the end
    /// of the session (`weerbaar review LOG --finding`): findings are often written afterwards.
    FindingRecorded {
        kind: FindingKind,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        objective: Option<ObjectiveId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        card: Option<CardId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<GroupId>,
    },
    /// The facilitator's assessment of one objective; a later one for the same objective
    /// replaces it. May follow the end of the session.
    ObjectiveAssessed {
        objective: ObjectiveId,
        rating: Rating,
        /// One line why.
        #[serde(default)]
        why: String,
    },
    /// More about one of this session's actions (by its position in `action_added` order), for
    /// an improvement plan that can be managed. May follow the end of the session.
    ActionDetailed {
        index: usize,
        #[serde(flatten)]
        detail: ActionDetail,
    },
    /// Where the exercise took place and what it covered, for the report's exercise overview.
    /// Either may be empty (left as it was). May follow the end of the session.
    DetailsRecorded {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        place: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        scope: String,
    },
    /// How earlier sessions answered the deck's cards (`play --peers DIR`), computed once at the
    /// start and recorded so the audience screen and the review read it from the log. Anonymised
    /// aggregate only, and only cards played by at least [`PEERS_MIN`] sessions and
    /// municipalities; a later one replaces an earlier one.
    PeersLoaded {
        cards: Vec<PeerCard>,
    },
    /// The gespreksleider turned the page of a paged screen (the card's briefing, the comparison,
    /// the end page). Every screen that shows it, the console and each audience screen at its own
    /// size, shows its page holding `word` (counted from the top of the paged text), so the room
    /// reads what the gespreksleider points at. A view event like [`Event::Blackout`]: reports
    /// skip it. Absent in older logs, where every screen starts at the first page.
    PageTurned {
        screen: Paged,
        word: u32,
    },
    /// The gespreksleider opened (`on`) or left the closing round ("Afsluiting"): every room
    /// screen shows the closing round's room-safe view (actions per municipality, notes to the
    /// room) while it is on, and what it showed before once it is off (or a card opens). A view
    /// event like [`Event::PageTurned`]: reports skip it. Absent in older logs, where the room
    /// never showed the closing round.
    ClosingRound {
        on: bool,
    },
    /// Undo of a release: the development is taken back from the room (screens stop showing
    /// it; a timed one does not fire again). The release stays in the log, as it happened.
    InjectWithdrawn {
        card: CardId,
        inject: InjectId,
    },
    /// Undo of an answer before the reveal: the group has no answer to the card again.
    ChoiceWithdrawn {
        card: CardId,
        group: GroupId,
    },
    /// A card opened by mistake (before any answer), or closed without a reveal, goes back to
    /// the agenda as planned, as if it had not been opened; its answers, never shown, are set
    /// aside. The log keeps both the opening and this.
    CardReturned {
        card: CardId,
    },
}

/// The option id of an answer outside the card's options: "anders / combinatie", with the
/// group's own words in `other`. Not kebab-case, so no deck can have an option of that id.
pub const OTHER: &str = "_other";
/// The option id of a group that chose none of the options ("geen keuze").
pub const NO_CHOICE: &str = "_none";

/// An answer that is not one of the card's options: never scored, never a follow-up's reason,
/// shown as such on the compare screen, in review and in every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outside {
    /// "Anders / combinatie": the group's own answer, in a short text.
    Other,
    /// "Geen keuze": the group would do none of these.
    NoChoice,
}

impl Outside {
    /// Which outside answer an option id is, if any.
    pub fn of(option: &OptionId) -> Option<Outside> {
        match option.as_str() {
            OTHER => Some(Outside::Other),
            NO_CHOICE => Some(Outside::NoChoice),
            _ => None,
        }
    }

    pub fn id(self) -> OptionId {
        OptionId::from(match self {
            Outside::Other => OTHER,
            Outside::NoChoice => NO_CHOICE,
        })
    }

    /// "Anders" / "geen keuze", as the screens and reports name it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outside::Other, Lang::Nl) => "anders / combinatie",
            (Outside::Other, Lang::En) => "other / combination",
            (Outside::NoChoice, Lang::Nl) => "geen keuze",
            (Outside::NoChoice, Lang::En) => "no choice",
        }
    }

    /// The answer in a few words: "anders: combinatie van 1 en 3", "geen keuze".
    pub fn describe(self, other: &str, lang: Lang) -> String {
        match self {
            Outside::Other if !other.trim().is_empty() => {
                let word = if lang == Lang::Nl { "anders" } else { "other" };
                format!("{word}: {}", crate::scenario::clean(other.trim()))
            }
            _ => self.label(lang).to_string(),
        }
    }
}

/// The fewest earlier sessions, and distinct municipalities, that must have played a card
/// before their aggregate is recorded or shown: below this someone could be recognised.
pub const PEERS_MIN: u32 = 5;

/// How earlier sessions answered one card: no names, titles or dates, only counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerCard {
    pub card: CardId,
    /// Earlier sessions that revealed answers to the card.
    pub sessions: u32,
    /// Distinct municipalities among them.
    pub municipalities: u32,
    /// Answers per option (a municipality once per session), in the card's order of options.
    pub options: Vec<(OptionId, u32)>,
}

impl PeerCard {
    /// Whether the aggregate is large enough to show without anyone being recognisable.
    pub fn shareable(&self) -> bool {
        self.sessions >= PEERS_MIN && self.municipalities >= PEERS_MIN
    }
}

/// An event as stored: numbered, with the UTC time and the facilitator's local offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// The local UTC offset in seconds when the event happened, for reports in local time.
    pub offset: i32,
    #[serde(flatten)]
    pub event: Event,
}

/// A screen the room reads that may have more than one page, for [`Event::PageTurned`]. A card's
/// screens are named by the play (its index in the state's plays), so a page turned on one
/// opening of a card never carries over to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paged {
    /// The card before the reveal: situation, questions, older developments.
    Briefing(usize),
    /// The comparison after the reveal.
    Comparison(usize),
    /// The end page.
    End,
    /// The closing round on the room's screens: `word` is the section the gespreksleider's
    /// selection is in (a municipality by its number, then the whole room, then the objectives;
    /// see `ui::screens::closing::section`), which the room's screen brings into view. Absent in
    /// older logs.
    Closing,
}

impl Event {
    /// Whether the event may be written after the session ended: the facilitator's findings,
    /// assessments and details, which are often written afterwards, and the end page's pages.
    /// Everything else is closed.
    pub fn after_end(&self) -> bool {
        matches!(
            self,
            Event::PageTurned { screen: Paged::End | Paged::Closing, .. }
                | Event::ClosingRound { .. }
                | Event::FindingRecorded { .. }
                | Event::ObjectiveAssessed { .. }
                | Event::DetailsRecorded { .. }
                | Event::ActionDetailed { .. }
        )
    }
}

impl Event {
    /// Whether the event only changes what the screens show (the blackout, a page turned, the
    /// closing round on the room's screen): no report, debrief or review reads anything from it,
    /// so a debrief written before it is still the debrief after it.
    pub fn is_view(&self) -> bool {
        matches!(self, Event::Blackout { .. } | Event::PageTurned { .. } | Event::ClosingRound { .. })
    }
}

impl Record {
    pub fn local_time(&self) -> DateTime<chrono::FixedOffset> {
        let offset = chrono::FixedOffset::east_opt(self.offset)
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
        self.at.with_timezone(&offset)
    }
}
