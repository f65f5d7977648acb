//! The setup form: title, groups with their roles, agenda, length, language and colours.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::intent::Intent;

use super::model::Launch;
use super::text_field::TextField;
use super::theme::Palette;
use crate::scenario::{Deck, Lang, Role};
use crate::session::{DEFAULT_MINUTES, GroupSetup, MAX_GROUPS, MIN_GROUPS, Setup};

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

    /// The setup the form describes, or a message saying what is missing.
    pub fn to_setup(&self, launch: &Launch, date: NaiveDate) -> Result<Setup, String> {
        let nl = self.lang == Lang::Nl;
        let groups: Vec<GroupSetup> = self
            .groups
            .iter()
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, roles)| GroupSetup { name: name.text().trim().to_string(), roles: roles.clone() })
            .collect();
        if !(MIN_GROUPS..=MAX_GROUPS).contains(&groups.len()) {
            return Err(if nl {
                format!("Geef {MIN_GROUPS} tot {MAX_GROUPS} groepen een naam (nu {}).", groups.len())
            } else {
                format!("Name {MIN_GROUPS} to {MAX_GROUPS} groups (now {}).", groups.len())
            });
        }
        let minutes: u32 = match self.minutes.text().trim().parse() {
            Ok(m) if (10..=600).contains(&m) => m,
            _ => {
                return Err(if nl {
                    "Geef een lengte van 10 tot 600 minuten.".into()
                } else {
                    "Give a length of 10 to 600 minutes.".into()
                });
            }
        };
        let agenda =
            launch.deck.manifest.agendas.get(self.agenda).map(|a| a.id.clone()).ok_or_else(|| {
                if nl { "Het deck heeft geen agenda." } else { "The deck has no agenda." }.to_string()
            })?;
        let title = if self.title.is_empty() {
            let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
            format!("{} {}", if nl { "Sessie" } else { "Session" }, names.join(" - "))
        } else {
            self.title.text().trim().to_string()
        };
        Ok(Setup {
            title,
            facilitator: self.facilitator.text().trim().to_string(),
            date,
            lang: self.lang,
            target_minutes: minutes,
            seed: launch.seed,
            agenda,
            groups,
        })
    }
}
