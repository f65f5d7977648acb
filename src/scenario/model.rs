//! What a deck is: the manifest, the cards and the ids that tie them together.
//!
//! Every struct denies unknown fields: a misspelt field in hand-written RON must be an error,
//! never silently dropped. Lists carry `id:` fields instead of maps, because RON maps keep
//! the last of two duplicate keys without a word.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::{Lang, Text};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

id_type!(
    /// A card's kebab-case id: how agendas, follow-ups, inject conditions and the log name it.
    CardId
);
id_type!(
    /// An option's id, unique within its card.
    OptionId
);
id_type!(
    /// An inject's id, unique within its card.
    InjectId
);
id_type!(
    /// A score dimension declared by the deck (e.g. `continuity`).
    DimensionId
);
id_type!(
    /// An exercise objective declared by the deck.
    ObjectiveId
);
id_type!(
    /// An agenda declared by the deck.
    AgendaId
);

/// The four themes of the VNG *bestuurlijke gesprekken digitale veiligheid*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
///
/// Authors may write the Dutch names too (`Leiderschap`, `Ontwrichting`, ...): they are read as
/// the same theme; the file keeps what the author wrote.
pub enum Theme {
    #[serde(alias = "DigitaleCriminaliteit", alias = "Criminaliteit")]
    DigitalCrime,
    #[serde(alias = "EigenHuis", alias = "EigenHuisOpOrde")]
    OwnHouse,
    #[serde(alias = "Ontwrichting")]
    Disruption,
    #[serde(alias = "Leiderschap")]
    Leadership,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::DigitalCrime, Theme::OwnHouse, Theme::Disruption, Theme::Leadership];

    /// Accepts the RON name, a Dutch alias or the label in either language (command line use).
    pub fn parse(s: &str) -> Option<Theme> {
        let wanted: String = s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let alias = match wanted.as_str() {
            "criminaliteit" | "digitalecriminaliteit" | "crime" => Some(Theme::DigitalCrime),
            "eigenhuis" | "eigenhuisoporde" | "ownhouse" => Some(Theme::OwnHouse),
            "ontwrichting" => Some(Theme::Disruption),
            "leiderschap" => Some(Theme::Leadership),
            _ => None,
        };
        alias.or_else(|| {
            Theme::ALL.into_iter().find(|t| {
                let plain = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
                wanted == plain(&format!("{t:?}"))
                    || wanted == plain(t.label(Lang::Nl))
                    || wanted == plain(t.label(Lang::En))
            })
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Theme::DigitalCrime, Lang::Nl) => "Digitale criminaliteit",
            (Theme::DigitalCrime, Lang::En) => "Digital crime",
            (Theme::OwnHouse, Lang::Nl) => "Eigen huis op orde",
            (Theme::OwnHouse, Lang::En) => "Own house in order",
            (Theme::Disruption, Lang::Nl) => "Ontwrichting",
            (Theme::Disruption, Lang::En) => "Disruption",
            (Theme::Leadership, Lang::Nl) => "Leiderschap",
            (Theme::Leadership, Lang::En) => "Leadership",
        }
    }
}

/// The roles a municipal delegation brings to the table. A card's `roles` say who is addressed:
/// the setup shows them per group, and the console marks the card for groups that lack one.
/// The Dutch names authors write (`Burgemeester`, `FG`, `OOV`, ...) are read as aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    #[serde(alias = "Burgemeester", alias = "BM")]
    Mayor,
    #[serde(alias = "Gemeentesecretaris", alias = "Secretaris", alias = "GS")]
    MunicipalSecretary,
    #[serde(alias = "CISO")]
    Ciso,
    #[serde(alias = "FG", alias = "DPO", alias = "FunctionarisGegevensbescherming")]
    DataProtectionOfficer,
    #[serde(alias = "OOV", alias = "OovAdviseur", alias = "OOVAdviseur", alias = "OpenbareOrde")]
    PublicOrderAdviser,
    #[serde(alias = "Communicatie", alias = "Communicatieadviseur", alias = "CommunicatieAdviseur")]
    CommunicationsAdviser,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Mayor,
        Role::MunicipalSecretary,
        Role::Ciso,
        Role::DataProtectionOfficer,
        Role::PublicOrderAdviser,
        Role::CommunicationsAdviser,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Mayor, Lang::Nl) => "burgemeester",
            (Role::Mayor, Lang::En) => "mayor",
            (Role::MunicipalSecretary, Lang::Nl) => "gemeentesecretaris",
            (Role::MunicipalSecretary, Lang::En) => "municipal secretary",
            (Role::Ciso, _) => "CISO",
            (Role::DataProtectionOfficer, Lang::Nl) => "FG",
            (Role::DataProtectionOfficer, Lang::En) => "DPO",
            (Role::PublicOrderAdviser, Lang::Nl) => "OOV-adviseur",
            (Role::PublicOrderAdviser, Lang::En) => "public-order adviser",
            (Role::CommunicationsAdviser, Lang::Nl) => "communicatieadviseur",
            (Role::CommunicationsAdviser, Lang::En) => "communications adviser",
        }
    }

    /// A short tag for narrow columns.
    pub fn short(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Mayor, Lang::Nl) => "BM",
            (Role::Mayor, Lang::En) => "MAY",
            (Role::MunicipalSecretary, Lang::Nl) => "GS",
            (Role::MunicipalSecretary, Lang::En) => "SEC",
            (Role::Ciso, _) => "CISO",
            (Role::DataProtectionOfficer, Lang::Nl) => "FG",
            (Role::DataProtectionOfficer, Lang::En) => "DPO",
            (Role::PublicOrderAdviser, Lang::Nl) => "OOV",
            (Role::PublicOrderAdviser, Lang::En) => "POA",
            (Role::CommunicationsAdviser, _) => "COM",
        }
    }

    /// Accepts the RON name, the short tag or the label in either language (command line use).
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim().to_lowercase();
        let alias = match s.as_str() {
            "secretary" | "secretaris" | "gs" => Some(Role::MunicipalSecretary),
            "dpo" | "fg" => Some(Role::DataProtectionOfficer),
            "oov" | "public-order" => Some(Role::PublicOrderAdviser),
            "communications" | "communicatie" | "com" | "comms" => Some(Role::CommunicationsAdviser),
            "bm" | "burgemeester" => Some(Role::Mayor),
            _ => None,
        };
        alias.or_else(|| {
            Role::ALL.into_iter().find(|r| {
                s == format!("{r:?}").to_lowercase()
                    || s == r.short(Lang::Nl).to_lowercase()
                    || s == r.short(Lang::En).to_lowercase()
                    || s == r.label(Lang::Nl).to_lowercase()
                    || s == r.label(Lang::En).to_lowercase()
            })
        })
    }
}

/// The deck manifest, `deck.ron`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Deck")]
pub struct Manifest {
    pub id: String,
    /// The card format version the deck was written for; the loader refuses newer ones.
    pub format: u32,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub languages: Vec<Lang>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    pub dimensions: Vec<Dimension>,
    pub agendas: Vec<Agenda>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: ObjectiveId,
    pub text: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: DimensionId,
    pub label: Text,
}

/// A ready-made session: the cards in order and the length it must fit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    pub id: AgendaId,
    pub title: Text,
    /// Target length of the whole session in minutes, opening and closing included.
    pub minutes: u32,
    /// Minutes reserved for the welcome and introductions before the first card.
    #[serde(default)]
    pub opening: u32,
    /// Minutes reserved for the closing round and take-home actions after the last card.
    #[serde(default)]
    pub closing: u32,
    pub cards: Vec<CardId>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: CardId,
    pub theme: Theme,
    pub title: Text,
    /// The briefing the facilitator reads aloud.
    pub situation: Text,
    pub roles: Vec<Role>,
    /// Suggested minutes for the card with two delegations, discussion and reveal included;
    /// [`Card::minutes_for`] adds the time more delegations take.
    pub minutes: u32,
    #[serde(default)]
    pub objectives: Vec<ObjectiveId>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub questions: Vec<Text>,
    pub options: Vec<CardOption>,
    /// For the facilitator only; never drawn on a screen the room can see unless asked for.
    #[serde(default)]
    pub notes: Text,
    #[serde(default)]
    pub references: Vec<Text>,
    /// Real, sourced practices of other municipalities ("wat anderen deden"): a peer
    /// conversation is about learning what works elsewhere, so each names who and where from.
    #[serde(default)]
    pub practices: Vec<Practice>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// What another municipality or body really did about the card's problem.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// The municipality or body that did it, e.g. "Leeuwarden".
    pub who: String,
    /// One line: what they did.
    pub text: Text,
    /// Where a reader can check it (a URL or a publication); never left empty.
    pub source: String,
}

/// An escalation released during a card.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: InjectId,
    pub at: Release,
    pub text: Text,
    /// Only groups that made this earlier choice see the inject.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub only_if: Option<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Release {
    /// Released automatically this many minutes after the card opened.
    #[serde(alias = "Minuut")]
    Minute(u32),
    /// Released when the facilitator chooses.
    #[serde(alias = "Gespreksleider")]
    Facilitator,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub card: CardId,
    pub option: OptionId,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CardOption {
    pub id: OptionId,
    pub label: Text,
    /// Told after the reveal: what happened because of this choice.
    pub consequence: Text,
    /// Score changes as `("dimension", delta)` pairs.
    #[serde(default)]
    pub effects: Vec<(DimensionId, i32)>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<CardId>,
}

/// An optional field is written plainly when present (`follow_up: "card"`), not as
/// `Some("card")`, and left out when absent. Doing this per field rather than with ron's
/// `implicit_some` extension keeps parsing as fast as plain RON (the extension costs ~40%).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A loaded, checked deck. Cards keep the order of their files, sorted by path.
#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    pub manifest: Manifest,
    /// Read when first used for the bundled deck (see [`Cards`]); a `Vec<Card>` to every reader.
    pub cards: Cards,
    /// SHA-256 of every source file (path and bytes), so a log can tell which deck it was played with.
    pub digest: String,
    /// The files the deck was read from, so a session can record the deck as played in its log.
    #[serde(skip)]
    pub sources: std::sync::Arc<[Source]>,
}

impl Deck {
    pub fn card(&self, id: &CardId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.id == id)
    }

    pub fn agenda(&self, id: &AgendaId) -> Option<&Agenda> {
        self.manifest.agendas.iter().find(|a| &a.id == id)
    }

    pub fn dimension(&self, id: &DimensionId) -> Option<&Dimension> {
        self.manifest.dimensions.iter().find(|d| &d.id == id)
    }

    /// Minutes an agenda plans with `groups` delegations: opening, every card at
    /// [`Card::minutes_for`] and closing. The agenda screen, the Tempo panel, `check` and
    /// `simulate` all count with this one rule, so they never disagree about whether it fits.
    pub fn agenda_minutes(&self, agenda: &Agenda, groups: usize) -> u32 {
        let cards: u32 = agenda.cards.iter().filter_map(|c| self.card(c)).map(|c| c.minutes_for(groups)).sum();
        agenda.opening + cards + agenda.closing
    }
}

/// A deck's cards: a `Vec<Card>` to every reader (through `Deref`), read when first used.
///
/// The bundled deck's cards are the larger part of its pre-parsed JSON (see `build.rs`), and the
/// setup screen, the first thing a facilitator sees, needs only the manifest: reading the cards
/// (about 0.7 ms of CPU and 150 fresh heap pages) before that frame made the start slower for
/// nothing (issue #24). So [`Cards::later`] holds a function that reads them the first time
/// anything looks at a card (in practice: the setup screen's "Start"), once, on any thread.
/// Every other deck (a directory, a log's recorded deck) is read and checked whole at the start,
/// as before, and its cards are simply there.
pub struct Cards {
    read: std::sync::OnceLock<Vec<Card>>,
    /// Reads the cards when they are first used; never fails (see [`Cards::later`]).
    later: fn() -> Vec<Card>,
}

impl Cards {
    /// Cards read when first used, by `read`. `read` cannot fail: it is for cards whose source
    /// was checked when the binary was built, and it falls back on the checking path itself.
    pub fn later(read: fn() -> Vec<Card>) -> Cards {
        Cards { read: std::sync::OnceLock::new(), later: read }
    }

    /// The cards, read now if they were not yet.
    pub fn loaded(&self) -> &Vec<Card> {
        self.read.get_or_init(self.later)
    }

    /// Whether the cards have been read (a deck from [`Cards::later`] that nothing looked at yet
    /// has not): what the first-frame tests check.
    pub fn is_read(&self) -> bool {
        self.read.get().is_some()
    }

    pub fn into_vec(self) -> Vec<Card> {
        let later = self.later;
        self.read.into_inner().unwrap_or_else(later)
    }
}

impl From<Vec<Card>> for Cards {
    fn from(cards: Vec<Card>) -> Cards {
        Cards { read: std::sync::OnceLock::from(cards), later: Vec::new }
    }
}

impl FromIterator<Card> for Cards {
    fn from_iter<I: IntoIterator<Item = Card>>(iter: I) -> Cards {
        Cards::from(iter.into_iter().collect::<Vec<Card>>())
    }
}

impl Default for Cards {
    fn default() -> Cards {
        Cards::from(Vec::new())
    }
}

impl std::ops::Deref for Cards {
    type Target = Vec<Card>;
    fn deref(&self) -> &Vec<Card> {
        self.loaded()
    }
}

impl std::ops::DerefMut for Cards {
    fn deref_mut(&mut self) -> &mut Vec<Card> {
        if !self.is_read() {
            let _ = self.read.set((self.later)());
        }
        match self.read.get_mut() {
            Some(cards) => cards,
            None => unreachable!("the cards were read just above"),
        }
    }
}

impl Clone for Cards {
    /// Cards not yet read stay unread in the copy (each copy reads its own when used).
    fn clone(&self) -> Cards {
        Cards { read: self.read.clone(), later: self.later }
    }
}

impl fmt::Debug for Cards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.loaded(), f)
    }
}

impl Serialize for Cards {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.loaded().serialize(s)
    }
}

impl<'a> IntoIterator for &'a Cards {
    type Item = &'a Card;
    type IntoIter = std::slice::Iter<'a, Card>;
    fn into_iter(self) -> Self::IntoIter {
        self.loaded().iter()
    }
}

impl<'a> IntoIterator for &'a mut Cards {
    type Item = &'a mut Card;
    type IntoIter = std::slice::IterMut<'a, Card>;
    fn into_iter(self) -> Self::IntoIter {
        std::ops::DerefMut::deref_mut(self).iter_mut()
    }
}

/// Minutes each delegation beyond two adds to a card: its turn to explain its choice in the
/// reveal and the facilitator's answer to it. With this, a 15-minute card takes 18 minutes with
/// three delegations and 21 with four (the authoring guide, "The manifest").
pub const MINUTES_PER_EXTRA_GROUP: u32 = 3;

impl Card {
    /// Minutes the card takes with `groups` delegations: `minutes` is written for two, and every
    /// delegation beyond two adds [`MINUTES_PER_EXTRA_GROUP`]. One rule for the agenda, the
    /// Tempo panel and `simulate`, so a five-card agenda that fits two delegations is seen to
    /// overrun with four before the session starts, not during it.
    pub fn minutes_for(&self, groups: usize) -> u32 {
        let extra = u32::try_from(groups.saturating_sub(2)).unwrap_or(u32::MAX);
        self.minutes.saturating_add(extra.saturating_mul(MINUTES_PER_EXTRA_GROUP))
    }

    pub fn option(&self, id: &OptionId) -> Option<&CardOption> {
        self.options.iter().find(|o| &o.id == id)
    }

    pub fn inject(&self, id: &InjectId) -> Option<&Inject> {
        self.injects.iter().find(|i| &i.id == id)
    }

    /// Every player-facing and facilitator text of the card with where it sits, for checks.
    pub fn texts(&self) -> Vec<(TextPlace<'_>, &Text)> {
        let mut out = Vec::with_capacity(4 + self.questions.len() + self.injects.len() + 2 * self.options.len());
        out.push((TextPlace::Title, &self.title));
        out.push((TextPlace::Situation, &self.situation));
        out.extend(self.questions.iter().enumerate().map(|(i, q)| (TextPlace::Question(i), q)));
        out.extend(self.injects.iter().map(|inj| (TextPlace::Inject(&inj.id), &inj.text)));
        for o in &self.options {
            out.push((TextPlace::Label(&o.id), &o.label));
            out.push((TextPlace::Consequence(&o.id), &o.consequence));
        }
        out.push((TextPlace::Notes, &self.notes));
        out.extend(self.references.iter().enumerate().map(|(i, r)| (TextPlace::Reference(i), r)));
        out.extend(self.practices.iter().enumerate().map(|(i, p)| (TextPlace::Practice(i), &p.text)));
        out
    }
}

/// Where a text sits in a card; displayed as a field path such as `options[pay].label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPlace<'a> {
    Title,
    Situation,
    Question(usize),
    Inject(&'a InjectId),
    Label(&'a OptionId),
    Consequence(&'a OptionId),
    Notes,
    Reference(usize),
    Practice(usize),
}

impl TextPlace<'_> {
    /// Notes and references may be left out; every other text must be written.
    pub fn is_required(self) -> bool {
        !matches!(self, TextPlace::Notes | TextPlace::Reference(_))
    }
}

impl fmt::Display for TextPlace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextPlace::Title => f.write_str("title"),
            TextPlace::Situation => f.write_str("situation"),
            TextPlace::Question(i) => write!(f, "questions[{i}]"),
            TextPlace::Inject(id) => write!(f, "injects[{id}].text"),
            TextPlace::Label(id) => write!(f, "options[{id}].label"),
            TextPlace::Consequence(id) => write!(f, "options[{id}].consequence"),
            TextPlace::Notes => f.write_str("notes"),
            TextPlace::Reference(i) => write!(f, "references[{i}]"),
            TextPlace::Practice(i) => write!(f, "practices[{i}].text"),
        }
    }
}

/// The newest card format this build understands.
pub const FORMAT_VERSION: u32 = 1;

/// One file of a deck as read from disk or from the binary.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages.
    pub path: String,
    /// Borrowed for the deck inside the binary (no copy of its 400 KB at every start), owned
    /// for a deck read from disk or from a log.
    pub bytes: std::borrow::Cow<'static, [u8]>,
}

/// Where a card came from, so later checks can point into its file.
#[derive(Debug, Clone, Copy)]
pub struct CardOrigin {
    pub file: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_are_found_by_their_dutch_and_english_names() {
        assert_eq!(Theme::parse("Leiderschap"), Some(Theme::Leadership));
        assert_eq!(Theme::parse("eigen huis op orde"), Some(Theme::OwnHouse));
        assert_eq!(Theme::parse("DigitalCrime"), Some(Theme::DigitalCrime));
        assert_eq!(Theme::parse("Ontwrichting"), Some(Theme::Disruption));
        assert_eq!(Theme::parse("sport"), None);
    }

    #[test]
    fn dutch_names_in_ron_are_the_same_values() {
        let roles: Vec<Role> =
            ron::from_str("[Burgemeester, FG, OOV, Communicatie, Gemeentesecretaris, CISO]").unwrap();
        assert_eq!(roles.len(), 6);
        assert_eq!(ron::from_str::<Release>("Minuut(4)").unwrap(), Release::Minute(4));
        assert_eq!(ron::from_str::<Release>("Gespreksleider").unwrap(), Release::Facilitator);
        // Written back, a value keeps its one English name.
        assert_eq!(ron::to_string(&Role::DataProtectionOfficer).unwrap(), "DataProtectionOfficer");
    }
}
