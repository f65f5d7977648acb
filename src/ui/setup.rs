//! The setup form: title, groups with their roles, agenda, length, language and colours.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::intent::Intent;

use super::model::Launch;
use super::text_field::TextField;
use super::theme::Palette;
use crate::msg;
use crate::scenario::text::L;
use crate::scenario::{Deck, Lang, Role};
use crate::session::{
    DEFAULT_MINUTES, GroupSetup, MAX_GROUPS, MAX_MINUTES, MIN_GROUPS, MIN_MINUTES, Setup, SetupBuilder,
    minutes_from_text,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupForm {
    pub title: TextField,
    pub facilitator: TextField,
    pub groups: Vec<(TextField, Vec<Role>)>,
    pub agenda: usize,
    pub minutes: TextField,
    pub lang: Lang,
    /// The colours of the screens: switched live, so the gespreksleider sees on the projector
    /// whether dark or light reads best before starting. Starts as `--theme` set it.
    pub palette: Palette,
    pub focus: usize,
}

/// What a row of the form is, so keys and drawing agree on the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Title,
    Facilitator,
    Group(usize),
    AddGroup,
    Agenda,
    Minutes,
    Language,
    Colours,
    Start,
}

impl SetupForm {
    pub fn new(lang: Lang, facilitator: &str) -> Self {
        SetupForm {
            title: TextField::default(),
            facilitator: TextField::new(facilitator),
            groups: (0..MIN_GROUPS).map(|_| (TextField::default(), Role::ALL.to_vec())).collect(),
            agenda: 0,
            minutes: TextField::new(&DEFAULT_MINUTES.to_string()),
            lang,
            palette: super::theme::palette(),
            focus: 0,
        }
    }

    /// The form of a follow-up: the previous session's title, gespreksleider and groups with
    /// their roles, all editable. A gespreksleider given on the command line wins. Text from the
    /// previous log is cleaned of control characters before it reaches a field.
    pub fn from_previous(lang: Lang, previous: &Setup, facilitator: &str) -> Self {
        let text = |s: &str| crate::scenario::clean(s).trim().to_string();
        let facilitator =
            if facilitator.trim().is_empty() { text(&previous.facilitator) } else { facilitator.to_string() };
        let mut form = SetupForm::new(lang, &facilitator);
        form.title = TextField::new(&text(&previous.title));
        let groups: Vec<(TextField, Vec<Role>)> = previous
            .groups
            .iter()
            .take(MAX_GROUPS)
            .map(|g| (TextField::new(&text(&g.name)), g.roles.clone()))
            .collect();
        if !groups.is_empty() {
            form.groups = groups;
            while form.groups.len() < MIN_GROUPS {
                form.groups.push((TextField::default(), Role::ALL.to_vec()));
            }
        }
        form
    }

    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Title, Row::Facilitator];
        rows.extend((0..self.groups.len()).map(Row::Group));
        if self.groups.len() < MAX_GROUPS {
            rows.push(Row::AddGroup);
        }
        rows.extend([Row::Agenda, Row::Minutes, Row::Language, Row::Colours, Row::Start]);
        rows
    }

    pub fn row(&self) -> Row {
        let rows = self.rows();
        rows.get(self.focus).copied().unwrap_or(Row::Start)
    }

    pub fn on_text(&self) -> bool {
        matches!(self.row(), Row::Title | Row::Facilitator | Row::Group(_) | Row::Minutes)
    }

    pub fn on_start(&self) -> bool {
        self.row() == Row::Start
    }

    pub fn on_group(&self) -> Option<usize> {
        match self.row() {
            Row::Group(i) => Some(i),
            _ => None,
        }
    }

    fn field_mut(&mut self) -> Option<&mut TextField> {
        match self.row() {
            Row::Title => Some(&mut self.title),
            Row::Facilitator => Some(&mut self.facilitator),
            Row::Group(i) => self.groups.get_mut(i).map(|g| &mut g.0),
            Row::Minutes => Some(&mut self.minutes),
            _ => None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.field_mut() {
            f.paste(text);
        }
    }

    /// Carries out what a key means on the form (the keymap's `Setup`/`SetupText` tables);
    /// typing and editing go to the field with focus as the raw key.
    pub fn handle(&mut self, intent: Intent, key: KeyEvent, deck: &Deck) {
        let n = self.rows().len();
        let agendas = deck.manifest.agendas.len().max(1);
        match (intent, self.row()) {
            (Intent::PrevField, _) => self.focus = (self.focus + n - 1) % n,
            (Intent::NextField, _) => self.focus = (self.focus + 1) % n,
            (Intent::SetupEnter, Row::AddGroup) => {
                self.groups.push((TextField::default(), Role::ALL.to_vec()));
                self.focus = 2 + self.groups.len() - 1;
            }
            (Intent::SetupEnter, _) => self.focus = (self.focus + 1) % n,
            (Intent::RemoveGroup, Row::Group(i)) => self.remove_group(i),
            (Intent::Cycle(_), Row::Agenda) => {
                self.agenda =
                    if intent.forward() { (self.agenda + 1) % agendas } else { (self.agenda + agendas - 1) % agendas };
            }
            (Intent::Cycle(_), Row::Language) => {
                self.lang = if self.lang == Lang::Nl { Lang::En } else { Lang::Nl };
            }
            (Intent::Cycle(_), Row::Colours) => {
                self.palette = if self.palette == Palette::Dark { Palette::Light } else { Palette::Dark };
            }
            (Intent::Type, Row::Minutes) if !super::text_field::typed(&key).is_some_and(|c| c.is_ascii_digit()) => {}
            (Intent::Type | Intent::Edit, _) => {
                if let Some(f) = self.field_mut() {
                    f.handle(key);
                }
            }
            _ => {}
        }
    }

    fn remove_group(&mut self, i: usize) {
        if i < self.groups.len() {
            self.groups.remove(i);
        }
    }

    /// The setup the form describes ([`SetupBuilder`]: the rules the command line follows too),
    /// or a message saying what is missing. The rest is checked when the session starts.
    pub fn to_setup(&self, launch: &Launch, date: NaiveDate) -> Result<Setup, String> {
        let lang = self.lang;
        let named = self.groups.iter().filter(|(name, _)| !name.is_empty());
        let mut builder = SetupBuilder::new(lang, date, launch.seed)
            .title((!self.title.is_empty()).then(|| self.title.text()))
            .facilitator(self.facilitator.text());
        for (name, roles) in named {
            builder = builder.group(GroupSetup { name: name.text().to_string(), roles: roles.clone() });
        }
        let n = builder.groups().len();
        if !(MIN_GROUPS..=MAX_GROUPS).contains(&n) {
            return Err(msg!(
                "Geef {MIN_GROUPS} tot {MAX_GROUPS} groepen een naam (nu {n}).",
                "Name {MIN_GROUPS} to {MAX_GROUPS} groups (now {n})."
            )
            .get(lang)
            .to_string());
        }
        let Some(minutes) = minutes_from_text(self.minutes.text()) else {
            return Err(msg!(
                "Geef een lengte van {MIN_MINUTES} tot {MAX_MINUTES} minuten.",
                "Give a length of {MIN_MINUTES} to {MAX_MINUTES} minutes."
            )
            .get(lang)
            .to_string());
        };
        let deck = &launch.deck;
        let Some(agenda) = deck.manifest.agendas.get(self.agenda).map(|a| a.id.clone()) else {
            return Err(NO_AGENDA.get(lang).to_string());
        };
        builder.agenda(Some(agenda)).minutes(Some(minutes)).draft(deck).map_err(|e| e.describe(lang))
    }
}

/// The form's own sentence for a deck without agendas (a hint, so it starts with a capital).
const NO_AGENDA: L = L("Het deck heeft geen agenda.", "The deck has no agenda.");
