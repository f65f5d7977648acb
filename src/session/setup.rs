//! The rules for starting a session, in one place: a group typed as "Name:roles", the default
//! title, the session's length (10 to 600 minutes) and the checks a setup must pass before
//! anything is written. The command line (`play --group …`) and the setup screen both build their
//! [`Setup`] here, so the two front doors cannot drift apart; neither needs a terminal.

use chrono::NaiveDate;

use super::event::{DEFAULT_MINUTES, GroupSetup, MAX_GROUPS, MIN_GROUPS, Setup};
use crate::scenario::text::L;
use crate::scenario::{AgendaId, CardId, Deck, Lang, Role, clean};

/// Why a setup cannot start a session.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("a session needs {MIN_GROUPS} to {MAX_GROUPS} groups, not {0}")]
    GroupCount(usize),
    #[error("group {0} has no name")]
    EmptyGroupName(usize),
    #[error("two groups are called `{0}`")]
    DuplicateGroup(String),
    #[error("the deck has no agenda `{0}`; it has: {1}")]
    UnknownAgenda(String, String),
    #[error("the session title is empty")]
    EmptyTitle,
    #[error("a session lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {0}")]
    Minutes(u32),
    #[error("agenda `{agenda}` lists card `{card}`, which is not in the deck")]
    AgendaUnknownCard { agenda: String, card: CardId },
    #[error("agenda `{agenda}` lists card `{card}` twice")]
    AgendaDuplicate { agenda: String, card: CardId },
    /// The deck lists no agenda at all, so there is nothing to play.
    #[error("the deck has no agenda")]
    NoAgenda,
}

/// The shortest and longest session the setup accepts, on the command line and the setup screen.
pub const MIN_MINUTES: u32 = 10;
pub const MAX_MINUTES: u32 = 600;

/// Checks a setup before anything is written.
pub fn validate_setup(deck: &Deck, setup: &Setup) -> Result<(), SetupError> {
    let n = setup.groups.len();
    if !(MIN_GROUPS..=MAX_GROUPS).contains(&n) {
        return Err(SetupError::GroupCount(n));
    }
    if setup.title.trim().is_empty() {
        return Err(SetupError::EmptyTitle);
    }
    let mut names = std::collections::HashSet::new();
    for (i, g) in setup.groups.iter().enumerate() {
        if g.name.trim().is_empty() {
            return Err(SetupError::EmptyGroupName(i + 1));
        }
        if !names.insert(g.name.trim().to_lowercase()) {
            return Err(SetupError::DuplicateGroup(g.name.clone()));
        }
    }
    if !(MIN_MINUTES..=MAX_MINUTES).contains(&setup.target_minutes) {
        return Err(SetupError::Minutes(setup.target_minutes));
    }
    let Some(agenda) = deck.agenda(&setup.agenda) else {
        let known = deck.manifest.agendas.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", ");
        return Err(SetupError::UnknownAgenda(setup.agenda.to_string(), known));
    };
    let mut seen = std::collections::HashSet::new();
    for card in &agenda.cards {
        let agenda = agenda.id.to_string();
        if deck.card(card).is_none() {
            return Err(SetupError::AgendaUnknownCard { agenda, card: card.clone() });
        }
        if !seen.insert(card) {
            return Err(SetupError::AgendaDuplicate { agenda, card: card.clone() });
        }
    }
    Ok(())
}

impl SetupError {
    /// What is wrong with the setup, for the setup screen and the command line.
    pub fn describe(&self, lang: Lang) -> String {
        let text = match (self, lang) {
            (e, Lang::En) => e.to_string(),
            (SetupError::GroupCount(n), Lang::Nl) => {
                format!("een sessie heeft {MIN_GROUPS} tot {MAX_GROUPS} groepen nodig, niet {n}")
            }
            (SetupError::EmptyGroupName(i), Lang::Nl) => format!("groep {} heeft geen naam", i + 1),
            (SetupError::DuplicateGroup(name), Lang::Nl) => format!("twee groepen heten `{name}`"),
            (SetupError::UnknownAgenda(agenda, known), Lang::Nl) => {
                format!("het deck heeft geen agenda `{agenda}`; wel: {known}")
            }
            (SetupError::EmptyTitle, Lang::Nl) => "de sessie heeft geen titel".into(),
            (SetupError::Minutes(m), Lang::Nl) => {
                format!("een sessie duurt {MIN_MINUTES} tot {MAX_MINUTES} minuten, niet {m}")
            }
            (SetupError::AgendaUnknownCard { agenda, card }, Lang::Nl) => {
                format!("agenda `{agenda}` noemt kaart `{card}`, die niet in het deck staat")
            }
            (SetupError::AgendaDuplicate { agenda, card }, Lang::Nl) => {
                format!("agenda `{agenda}` noemt kaart `{card}` twee keer")
            }
            (SetupError::NoAgenda, Lang::Nl) => "het deck heeft geen agenda".into(),
        };
        clean(&text).into_owned()
    }
}

/// The word before the groups' names in a title nobody typed: "Sessie Laren - Huizen".
const SESSION: L = L("Sessie", "Session");

/// The title of a session whose facilitator gave none: the groups' names after "Sessie"
/// ("Sessie Laren - Huizen"), so the log's file name and the report say who was there.
pub fn default_title(lang: Lang, groups: &[GroupSetup]) -> String {
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    format!("{} {}", SESSION.get(lang), names.join(" - "))
}

/// A length typed as text (the setup screen's field): a whole number of minutes within
/// [`MIN_MINUTES`]..=[`MAX_MINUTES`]. `None` when it is not a number or out of range, so the
/// caller can say what is allowed.
pub fn minutes_from_text(text: &str) -> Option<u32> {
    text.trim().parse().ok().filter(|m| (MIN_MINUTES..=MAX_MINUTES).contains(m))
}

/// A delegation typed as `Name` or `Name:role,role` (the notation of `play --group`): roles by
/// their RON name, short tag or label in either language; without roles all six are present.
pub fn parse_group(spec: &str) -> Result<GroupSetup, GroupSpecError> {
    let (name, roles) = match spec.rsplit_once(':') {
        Some((name, roles)) if !roles.trim().is_empty() => {
            let roles = roles
                .split(',')
                .map(|r| {
                    Role::parse(r).ok_or_else(|| GroupSpecError::UnknownRole {
                        role: r.trim().to_string(),
                        spec: spec.to_string(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            (name, roles)
        }
        Some(_) => return Err(GroupSpecError::NoRoles(spec.to_string())),
        None => (spec, Role::ALL.to_vec()),
    };
    if name.trim().is_empty() {
        return Err(GroupSpecError::NoName);
    }
    Ok(GroupSetup { name: name.trim().to_string(), roles })
}

/// Why a typed group (`Name:roles`) is not one. The messages name `--group`, the only place
/// where a group is typed in this notation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupSpecError {
    #[error("unknown role `{role}` in --group {spec:?}; use mayor, secretary, CISO, DPO, OOV or communications")]
    UnknownRole { role: String, spec: String },
    #[error("--group {0:?} ends in `:` without roles; give roles after it (\"Laren:mayor,CISO\") or leave the `:` out")]
    NoRoles(String),
    #[error("--group needs a municipality name")]
    NoName,
}

impl GroupSpecError {
    /// The message in the reader's language, cleaned of control characters (the spec is typed).
    pub fn describe(&self, lang: Lang) -> String {
        let text = match (self, lang) {
            (e, Lang::En) => e.to_string(),
            (GroupSpecError::UnknownRole { role, spec }, Lang::Nl) => format!(
                "onbekende rol `{role}` in --group {spec:?}; gebruik burgemeester, gemeentesecretaris, CISO, FG, OOV of communicatie"
            ),
            (GroupSpecError::NoRoles(spec), Lang::Nl) => format!(
                "--group {spec:?} eindigt op `:` zonder rollen; zet de rollen erachter (\"Laren:burgemeester,CISO\") of laat de `:` weg"
            ),
            (GroupSpecError::NoName, Lang::Nl) => "--group heeft een gemeentenaam nodig".into(),
        };
        clean(&text).into_owned()
    }
}

/// A setup being put together: what the facilitator gave, with the engine's defaults for what
/// they left out. [`SetupBuilder::build`] fills in the defaults and checks the result, so a
/// session started from the command line and one started from the setup screen follow the same
/// rules.
#[derive(Debug, Clone)]
pub struct SetupBuilder {
    lang: Lang,
    date: NaiveDate,
    seed: u64,
    title: Option<String>,
    facilitator: String,
    groups: Vec<GroupSetup>,
    agenda: Option<AgendaId>,
    minutes: Option<u32>,
}

impl SetupBuilder {
    /// A setup in `lang`, played on `date`, with the seed for its random parts.
    pub fn new(lang: Lang, date: NaiveDate, seed: u64) -> Self {
        SetupBuilder {
            lang,
            date,
            seed,
            title: None,
            facilitator: String::new(),
            groups: Vec::new(),
            agenda: None,
            minutes: None,
        }
    }

    /// The title (trimmed); absent means [`default_title`]. A title given blank is refused by
    /// [`validate_setup`]: whoever typed one meant one.
    pub fn title(mut self, title: Option<&str>) -> Self {
        self.title = title.map(|t| t.trim().to_string());
        self
    }

    pub fn facilitator(mut self, name: &str) -> Self {
        self.facilitator = name.trim().to_string();
        self
    }

    /// Adds a delegation (its name trimmed).
    pub fn group(mut self, group: GroupSetup) -> Self {
        self.groups.push(GroupSetup { name: group.name.trim().to_string(), roles: group.roles });
        self
    }

    /// Adds a delegation typed as `Name:roles` ([`parse_group`]).
    pub fn group_spec(self, spec: &str) -> Result<Self, GroupSpecError> {
        Ok(self.group(parse_group(spec)?))
    }

    /// The agenda; absent means the deck's first.
    pub fn agenda(mut self, agenda: Option<AgendaId>) -> Self {
        self.agenda = agenda;
        self
    }

    /// The target length; absent means the agenda's own length, else [`DEFAULT_MINUTES`].
    pub fn minutes(mut self, minutes: Option<u32>) -> Self {
        self.minutes = minutes;
        self
    }

    /// The names given so far, for messages about the groups.
    pub fn groups(&self) -> &[GroupSetup] {
        &self.groups
    }

    /// The setup with its defaults filled in, checked against `deck` ([`validate_setup`]).
    pub fn build(self, deck: &Deck) -> Result<Setup, SetupError> {
        let setup = self.draft(deck)?;
        validate_setup(deck, &setup)?;
        Ok(setup)
    }

    /// The setup with its defaults filled in but not yet checked: for a front end that lets
    /// [`Session::start`](super::Session::start) check it (and say so as it says any refused
    /// start). Fails only when the deck has no agenda to default to.
    pub fn draft(self, deck: &Deck) -> Result<Setup, SetupError> {
        let agenda = match self.agenda {
            Some(a) => a,
            None => deck.manifest.agendas.first().map(|a| a.id.clone()).ok_or(SetupError::NoAgenda)?,
        };
        let title = self.title.unwrap_or_else(|| default_title(self.lang, &self.groups));
        let target_minutes =
            self.minutes.or_else(|| deck.agenda(&agenda).map(|a| a.minutes)).unwrap_or(DEFAULT_MINUTES);
        Ok(Setup {
            title,
            facilitator: self.facilitator,
            date: self.date,
            lang: self.lang,
            target_minutes,
            seed: self.seed,
            agenda,
            groups: self.groups,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date")
    }

    fn deck() -> Deck {
        crate::scenario::load_deck_in(None, Lang::Nl).expect("the bundled deck loads")
    }

    fn two(lang: Lang) -> SetupBuilder {
        SetupBuilder::new(lang, date(), 4).group_spec("Laren").and_then(|b| b.group_spec("Huizen")).expect("groups")
    }

    #[test]
    fn a_group_without_roles_has_all_six() {
        let g = parse_group(" Laren ").expect("a group");
        assert_eq!(g.name, "Laren");
        assert_eq!(g.roles, Role::ALL.to_vec());
    }

    #[test]
    fn roles_are_read_in_either_language_after_the_last_colon() {
        let g = parse_group("Bergen (NH):burgemeester, CISO,dpo").expect("a group");
        assert_eq!(g.name, "Bergen (NH)");
        assert_eq!(g.roles, vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer]);
    }

    #[test]
    fn a_wrong_group_says_what_to_type_in_dutch_and_english() {
        let e = parse_group("Laren:burgemeester,wethouder").expect_err("no such role");
        assert_eq!(
            e.describe(Lang::Nl),
            "onbekende rol `wethouder` in --group \"Laren:burgemeester,wethouder\"; gebruik burgemeester, \
             gemeentesecretaris, CISO, FG, OOV of communicatie"
        );
        assert_eq!(
            e.describe(Lang::En),
            "unknown role `wethouder` in --group \"Laren:burgemeester,wethouder\"; use mayor, secretary, CISO, DPO, \
             OOV or communications"
        );
        let e = parse_group("Laren: ").expect_err("no roles");
        assert_eq!(
            e.describe(Lang::Nl),
            "--group \"Laren: \" eindigt op `:` zonder rollen; zet de rollen erachter (\"Laren:burgemeester,CISO\") \
             of laat de `:` weg"
        );
        assert_eq!(
            e.describe(Lang::En),
            "--group \"Laren: \" ends in `:` without roles; give roles after it (\"Laren:mayor,CISO\") or leave the \
             `:` out"
        );
        let e = parse_group(" :CISO").expect_err("no name");
        assert_eq!(e.describe(Lang::Nl), "--group heeft een gemeentenaam nodig");
        assert_eq!(e.describe(Lang::En), "--group needs a municipality name");
    }

    #[test]
    fn a_typed_group_cannot_reach_the_terminal_as_a_code() {
        let e = parse_group("La\u{1b}[2Jren:x").expect_err("no such role");
        assert!(!e.describe(Lang::Nl).contains('\u{1b}'));
    }

    #[test]
    fn without_a_title_the_groups_name_the_session() {
        let s = two(Lang::Nl).build(&deck()).expect("a setup");
        assert_eq!(s.title, "Sessie Laren - Huizen");
        let s = two(Lang::En).build(&deck()).expect("a setup");
        assert_eq!(s.title, "Session Laren - Huizen");
        let e = two(Lang::Nl).title(Some("  ")).build(&deck()).expect_err("a blank title");
        assert_eq!(e.describe(Lang::Nl), "de sessie heeft geen titel");
        assert_eq!(e.describe(Lang::En), "the session title is empty");
        let s = two(Lang::Nl).title(Some(" Gooi ")).build(&deck()).expect("a setup");
        assert_eq!(s.title, "Gooi");
    }

    #[test]
    fn the_first_agenda_and_its_own_length_are_the_defaults() {
        let deck = deck();
        let first = deck.manifest.agendas.first().expect("an agenda");
        let s = two(Lang::Nl).build(&deck).expect("a setup");
        assert_eq!(s.agenda, first.id);
        assert_eq!(s.target_minutes, first.minutes);
        let s = two(Lang::Nl).minutes(Some(45)).build(&deck).expect("a setup");
        assert_eq!(s.target_minutes, 45);
    }

    #[test]
    fn a_session_lasts_ten_to_six_hundred_minutes() {
        let deck = deck();
        for ok in [MIN_MINUTES, MAX_MINUTES] {
            assert!(two(Lang::Nl).minutes(Some(ok)).build(&deck).is_ok(), "{ok} minutes");
        }
        for wrong in [MIN_MINUTES - 1, MAX_MINUTES + 1] {
            assert_eq!(two(Lang::Nl).minutes(Some(wrong)).build(&deck), Err(SetupError::Minutes(wrong)));
        }
        let e = SetupError::Minutes(601);
        assert_eq!(e.describe(Lang::Nl), "een sessie duurt 10 tot 600 minuten, niet 601");
        assert_eq!(e.describe(Lang::En), "a session lasts 10 to 600 minutes, not 601");
    }

    #[test]
    fn a_typed_length_is_a_whole_number_within_the_limits() {
        assert_eq!(minutes_from_text(" 90 "), Some(90));
        assert_eq!(minutes_from_text("10"), Some(10));
        assert_eq!(minutes_from_text("600"), Some(600));
        for wrong in ["", "9", "601", "1,5", "abc", "-20"] {
            assert_eq!(minutes_from_text(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn groups_are_counted_and_told_apart_in_both_languages() {
        let deck = deck();
        let one = SetupBuilder::new(Lang::Nl, date(), 1).group_spec("Laren").expect("a group");
        let e = one.clone().build(&deck).expect_err("one group");
        assert_eq!(e, SetupError::GroupCount(1));
        assert_eq!(e.describe(Lang::Nl), "een sessie heeft 2 tot 8 groepen nodig, niet 1");
        assert_eq!(e.describe(Lang::En), "a session needs 2 to 8 groups, not 1");
        let e = one.group_spec("laren ").expect("a group").build(&deck).expect_err("the same name twice");
        assert_eq!(e.describe(Lang::Nl), "twee groepen heten `laren`");
        assert_eq!(e.describe(Lang::En), "two groups are called `laren`");
    }

    #[test]
    fn an_unknown_agenda_names_the_ones_there_are() {
        let e = two(Lang::Nl).agenda(Some(AgendaId::from("nergens"))).build(&deck()).expect_err("no such agenda");
        let SetupError::UnknownAgenda(asked, known) = &e else { panic!("{e:?}") };
        assert_eq!(asked, "nergens");
        assert!(e.describe(Lang::Nl).starts_with("het deck heeft geen agenda `nergens`; wel: "), "{known}");
        assert!(e.describe(Lang::En).starts_with("the deck has no agenda `nergens`; it has: "));
    }
}
