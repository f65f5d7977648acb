//! The series report as data: every number computed and every text cleaned (and anonymised when
//! asked) once, so the Markdown, HTML, JSON and spreadsheet renderings cannot disagree.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use serde::Serialize;

use super::{CardAgg, Series};
use crate::anonymize::Anonymizer;
use crate::scenario::{Lang, Role, Theme, clean};
use crate::session::Decision;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lang: Lang,
    pub anonymized: bool,
    /// The small-cell threshold of a published report (municipalities per card and per quoted
    /// option); none when not published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_municipalities: Option<usize>,
    pub sessions: u64,
    pub sessions_ended: u64,
    pub municipalities: usize,
    pub logs_skipped: u64,
    pub logs_damaged: u64,
    pub logs_without_deck: u64,
    /// The period asked for (`--from`, `--to`), `YYYY-MM-DD`, both days included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<(String, String)>,
    /// Sessions read but left out because they were held outside that period.
    pub sessions_outside: u64,
    /// The day of the last session counted, `YYYY-MM-DD` (the Word file's date).
    #[serde(skip)]
    pub last_day: Option<String>,
    /// First and last month with a session, `YYYY-MM`.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
    /// The municipalities (aliases when anonymised) and how many sessions each came to.
    pub participants: Vec<Participant>,
    pub themes: Vec<ThemeRow>,
    /// Sorted by theme, then by the number of municipalities that played the card (most first).
    pub cards: Vec<CardRow>,
    /// How the groups reached their answers, every answer counted.
    pub decisions: Vec<CountRow>,
    pub roles: Vec<RoleRow>,
    pub actions: u64,
    pub actions_per_session: f64,
    pub actions_by_owner: Vec<CountRow>,
    /// By the theme of the card on screen when the action was added.
    pub actions_by_theme: Vec<CountRow>,
    pub follow_up: FollowUpRow,
    pub months: Vec<MonthRow>,
    pub objectives: Vec<ObjectiveRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub name: String,
    /// How many sessions it came to; none in a published report, where a count per alias is a
    /// fingerprint that decodes it (the organiser's list of participants has the same counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<u32>,
}

impl Participant {
    /// The line in the list of participants: "Laren (3 sessies)", or the alias alone.
    pub fn shown(&self, lang: Lang) -> String {
        let Some(n) = self.sessions else { return self.name.clone() };
        let word = match (lang, n) {
            (Lang::Nl, 1) => "sessie",
            (Lang::Nl, _) => "sessies",
            (Lang::En, 1) => "session",
            (Lang::En, _) => "sessions",
        };
        format!("{} ({n} {word})", self.name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub key: String,
    pub label: String,
    pub count: u64,
    /// A fraction (0.57), not a percentage.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeRow {
    pub theme: Theme,
    pub label: String,
    pub cards_in_deck: usize,
    pub cards_played: usize,
    /// Municipalities that played at least one card of the theme.
    pub municipalities: usize,
    /// Card answers, a municipality counted once per card.
    pub answers: usize,
    pub decisions: Vec<CountRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardRow {
    pub id: String,
    pub theme: Option<Theme>,
    pub theme_label: String,
    pub title: String,
    /// Municipalities that played the card (each once).
    pub municipalities: usize,
    /// Municipalities that played it in more than one session.
    pub played_again: usize,
    /// Municipalities whose latest answer differs from their first.
    pub changed: usize,
    /// Every answer, repeats included.
    pub answers: u64,
    pub options: Vec<OptionRow>,
    pub decisions: Vec<CountRow>,
    /// Sessions in which it was revealed with answers counted.
    pub sessions: u64,
    /// Played by too few sessions or municipalities to show without pointing at one (published
    /// reports only): no shares, decisions or quotes, only how many municipalities played it.
    pub small: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionRow {
    pub id: String,
    pub label: String,
    /// Municipalities whose latest answer this is.
    pub municipalities: usize,
    pub share: f64,
    /// The latest rationales given for it (cleaned; anonymised when asked).
    pub rationales: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleRow {
    pub role: Role,
    pub label: String,
    /// Answers given while the role was at the table.
    pub present: u64,
    pub dissent: u64,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    pub brought: u64,
    pub done: u64,
    pub under_way: u64,
    pub not_started: u64,
    pub not_asked: u64,
    /// Done as a fraction of the actions brought back.
    pub completion: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    pub month: String,
    pub sessions: u64,
    pub municipalities: usize,
    pub answers: u64,
    pub actions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRow {
    pub id: String,
    pub text: String,
    pub covered: bool,
    pub cards_played: usize,
    /// Card answers on cards with this objective, a municipality counted once per card.
    pub answers: usize,
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn decisions(counts: &[u64; Decision::ALL.len()], lang: Lang) -> Vec<CountRow> {
    let total: u64 = counts.iter().sum();
    Decision::ALL
        .iter()
        .zip(counts)
        .map(|(d, n)| CountRow {
            key: serde_json::to_value(d).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            label: d.label(lang).to_string(),
            count: *n,
            share: share(*n, total),
        })
        .collect()
}

fn theme_rank(theme: Option<Theme>) -> usize {
    theme.and_then(|t| Theme::ALL.iter().position(|x| *x == t)).unwrap_or(Theme::ALL.len())
}

impl Report {
    /// In a published series, why a card too few played shows no choices (the rule of `play --peers`).
    pub fn small_text(&self) -> String {
        let r = self;
        let sessions = crate::session::PEERS_MIN;
        let municipalities = r.min_municipalities.unwrap_or(sessions as usize);
        match r.lang {
            Lang::Nl => format!(
                "Te weinig sessies of gemeenten om de keuzes te tonen zonder een gemeente aan te wijzen (minimaal {sessions} sessies en {municipalities} gemeenten)."
            ),
            Lang::En => format!(
                "Too few sessions or municipalities to show the choices without pointing at one (at least {sessions} sessions and {municipalities} municipalities)."
            ),
        }
    }
}

impl Series {
    /// The report. With an anonymiser, municipalities become their aliases and every rationale
    /// passes [`Anonymizer::text`]; the anonymiser is told every municipality and facilitator first.
    pub fn report(&self, mut anonymizer: Option<&mut Anonymizer>) -> Report {
        let lang = self.lang;
        if let Some(a) = anonymizer.as_deref_mut() {
            // The deck's words first: those it writes in lower case are ordinary words, which a
            // municipality or person of that name matches only where written as a name.
            let texts = self.deck_texts();
            a.allow_words(texts.iter().map(String::as_str));
            let names = self.municipality_names();
            a.add_municipalities(names.iter().map(String::as_str));
            let people = self.facilitators();
            a.add_people(people.iter().map(String::as_str));
        }
        let mut participants: Vec<Participant> = Vec::new();
        for m in &self.municipalities {
            let (name, sessions) = match anonymizer.as_deref_mut() {
                Some(a) => (a.municipality(&m.name()), None),
                None => (m.name(), Some(m.sessions)),
            };
            participants.push(Participant { name, sessions });
        }
        participants.sort_by(|a, b| (a.name.len(), &a.name).cmp(&(b.name.len(), &b.name)));
        if anonymizer.is_none() {
            participants.sort_by_key(|p| p.name.to_lowercase());
        }

        let text = |s: &str| -> String {
            match anonymizer.as_deref() {
                Some(a) => a.text(s),
                None => clean(s).into_owned(),
            }
        };
        // Small cells: in a published report, the same threshold as `play --peers`.
        let min = anonymizer.is_some().then_some(self.min_municipalities);
        let mut cards: Vec<CardRow> = self.cards.iter().map(|c| card_row(c, lang, &text, min)).collect();
        cards.sort_by(|a, b| {
            (theme_rank(a.theme), std::cmp::Reverse(a.municipalities), &a.id).cmp(&(
                theme_rank(b.theme),
                std::cmp::Reverse(b.municipalities),
                &b.id,
            ))
        });

        let mut themes = Vec::new();
        for theme in Theme::ALL {
            let of: Vec<&CardAgg> =
                self.cards.iter().filter(|c| c.meta.as_ref().is_some_and(|m| m.theme == theme)).collect();
            let mut counts = [0u64; Decision::ALL.len()];
            for c in &of {
                for (n, add) in counts.iter_mut().zip(c.decisions) {
                    *n += add;
                }
            }
            themes.push(ThemeRow {
                theme,
                label: theme.label(lang).to_string(),
                cards_in_deck: of.len(),
                cards_played: of.iter().filter(|c| !c.visits.is_empty()).count(),
                municipalities: self.themes.get(&theme).map_or(0, HashSet::len),
                answers: of.iter().map(|c| c.visits.len()).sum(),
                decisions: decisions(&counts, lang),
            });
        }

        let mut all = [0u64; Decision::ALL.len()];
        for c in &self.cards {
            for (n, add) in all.iter_mut().zip(c.decisions) {
                *n += add;
            }
        }
        let roles = Role::ALL
            .iter()
            .filter_map(|r| self.roles.get(r).map(|agg| (r, agg)))
            .map(|(r, agg)| RoleRow {
                role: *r,
                label: r.label(lang).to_string(),
                present: agg.present,
                dissent: agg.dissent,
                share: share(agg.dissent, agg.present),
            })
            .collect();
        let mut actions_by_owner: Vec<CountRow> = Role::ALL
            .iter()
            .filter_map(|r| self.actions_by_owner.get(r).map(|n| (r, *n)))
            .map(|(r, n)| CountRow {
                key: format!("{r:?}"),
                label: r.label(lang).to_string(),
                count: n,
                share: share(n, self.actions),
            })
            .collect();
        if self.actions_other > 0 {
            actions_by_owner.push(CountRow {
                key: "Other".into(),
                label: super::words::OTHER_OWNER.get(lang).into(),
                count: self.actions_other,
                share: share(self.actions_other, self.actions),
            });
        }
        let actions_by_theme: Vec<CountRow> = Theme::ALL
            .iter()
            .map(|t| Some(*t))
            .chain([None])
            .filter_map(|t| self.actions_by_theme.get(&t).map(|n| (t, *n)))
            .map(|(t, n)| CountRow {
                key: t.map_or_else(|| "none".to_string(), |t| format!("{t:?}")),
                label: t.map_or_else(|| super::words::NO_CARD.get(lang).to_string(), |t| t.label(lang).to_string()),
                count: n,
                share: share(n, self.actions),
            })
            .collect();
        let f = self.follow;
        let follow_up = FollowUpRow {
            brought: f.brought,
            done: f.done,
            under_way: f.under_way,
            not_started: f.not_started,
            not_asked: f.brought.saturating_sub(f.done + f.under_way + f.not_started),
            completion: share(f.done, f.brought),
        };
        // Every month from the first to the last, a month without sessions included (with
        // zeros): a trend that skips a quiet month hides it.
        let mut months: Vec<MonthRow> = Vec::new();
        if let (Some(first), Some(last)) = (self.months.keys().next().copied(), self.months.keys().last().copied()) {
            let mut at = first;
            while at <= last {
                let agg = self.months.get(&at);
                months.push(MonthRow {
                    month: format!("{:04}-{:02}", at.0, at.1),
                    sessions: agg.map_or(0, |a| a.sessions),
                    municipalities: agg.map_or(0, |a| a.municipalities.len()),
                    answers: agg.map_or(0, |a| a.answers),
                    actions: agg.map_or(0, |a| a.actions),
                });
                at = if at.1 >= 12 { (at.0 + 1, 1) } else { (at.0, at.1 + 1) };
            }
        }

        let mut objectives = Vec::new();
        for (id, objective_text) in &self.objectives {
            let with: Vec<&CardAgg> = self
                .cards
                .iter()
                .filter(|c| c.meta.as_ref().is_some_and(|m| m.objectives.contains(id)) && !c.visits.is_empty())
                .collect();
            objectives.push(ObjectiveRow {
                id: clean(id.as_str()).into_owned(),
                // The deck's own words: never rewritten.
                text: clean(objective_text.get(lang)).into_owned(),
                covered: !with.is_empty(),
                cards_played: with.len(),
                answers: with.iter().map(|c| c.visits.len()).sum(),
            });
        }

        Report {
            lang,
            anonymized: anonymizer.is_some(),
            min_municipalities: min,
            sessions: self.sessions,
            sessions_ended: self.ended,
            municipalities: self.municipalities.len(),
            logs_skipped: self.logs_skipped,
            logs_damaged: self.logs_damaged,
            logs_without_deck: self.without_deck,
            period: self.period.map(|(from, to)| (from.to_string(), to.to_string())),
            sessions_outside: self.outside,
            last_day: self.last_day.map(|d| d.to_string()),
            first_month: months.first().map(|m| m.month.clone()),
            last_month: months.last().map(|m| m.month.clone()),
            participants,
            themes,
            cards,
            decisions: decisions(&all, lang),
            roles,
            actions: self.actions,
            actions_per_session: share(self.actions, self.sessions),
            actions_by_owner,
            actions_by_theme,
            follow_up,
            months,
            objectives,
        }
    }
}

/// A card's row. With `min` (publishing), a card fewer than [`crate::session::PEERS_MIN`]
/// sessions or `min` municipalities played shows no shares, decisions or quotes, and an option
/// fewer than `min` municipalities chose is quoted from no one.
fn card_row(c: &CardAgg, lang: Lang, text: &dyn Fn(&str) -> String, min: Option<usize>) -> CardRow {
    let municipalities = c.visits.len();
    let small = min.is_some_and(|m| {
        municipalities > 0 && (c.sessions < u64::from(crate::session::PEERS_MIN) || municipalities < m)
    });
    let mut latest: BTreeMap<&str, usize> = BTreeMap::new();
    for v in c.visits.values() {
        *latest.entry(v.last.1.as_str()).or_default() += 1;
    }
    let mut options: Vec<OptionRow> = Vec::new();
    let known: Vec<(String, String)> = match &c.meta {
        // The deck's own words: cleaned, never anonymised.
        Some(m) => m.options.iter().map(|(id, label)| (id.to_string(), clean(label.get(lang)).into_owned())).collect(),
        None => Vec::new(),
    };
    let mut ids: Vec<(String, String)> = known;
    if !small {
        for id in latest.keys().map(|k| k.to_string()) {
            if !ids.iter().any(|(i, _)| i == &id) {
                let shown = clean(&id).into_owned();
                ids.push((id, shown));
            }
        }
    }
    for (id, label) in ids {
        let n = if small { 0 } else { latest.get(id.as_str()).copied().unwrap_or(0) };
        // Quotes only from the answers counted (each municipality's latest), the latest first.
        let mut said: Vec<(&DateTime<Utc>, &String)> = c
            .visits
            .values()
            .filter(|v| v.last.1.as_str() == id)
            .filter_map(|v| v.said.as_ref().filter(|(_, o, _)| *o == v.last.1).map(|(at, _, t)| (at, t)))
            .collect();
        said.sort_by(|a, b| b.cmp(a));
        let quoted = !small && min.is_none_or(|m| n >= m);
        let rationales = if quoted {
            said.iter()
                .take(super::RATIONALES_PER_OPTION)
                .map(|(_, t)| super::cut(&text(t), super::RATIONALE_CHARS))
                .collect()
        } else {
            Vec::new()
        };
        options.push(OptionRow {
            id: clean(&id).into_owned(),
            label,
            municipalities: n,
            share: share(n as u64, municipalities as u64),
            rationales,
        });
    }
    let theme = c.meta.as_ref().map(|m| m.theme);
    let hidden = |n: usize| if small { 0 } else { n };
    CardRow {
        id: clean(c.id.as_str()).into_owned(),
        theme,
        theme_label: theme.map_or_else(|| super::words::UNKNOWN_THEME.get(lang).to_string(), |t| t.label(lang).into()),
        title: c
            .meta
            .as_ref()
            .map_or_else(|| clean(c.id.as_str()).into_owned(), |m| clean(m.title.get(lang)).into_owned()),
        municipalities,
        played_again: hidden(c.visits.values().filter(|v| v.sessions > 1).count()),
        changed: hidden(c.visits.values().filter(|v| v.first.1 != v.last.1).count()),
        answers: if small { 0 } else { c.answers },
        options,
        decisions: if small { Vec::new() } else { decisions(&c.decisions, lang) },
        sessions: c.sessions,
        small,
    }
}
