//! The order and content of a report, once, for every markup: Markdown and HTML implement
//! [`Markup`], and [`session`] and [`aggregate`] say what goes where. A section added here shows
//! up in both formats.

use super::summary::{Aggregate, SessionSummary};
use super::words::{self as w, Pair};
use crate::scenario::Lang;

/// How a block of text is meant: the formats style these differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Secondary information (dates, times, the log's path).
    Meta,
    /// Groups chose differently: where the peer conversation starts.
    Differ,
    /// Groups agreed.
    Agree,
    /// Something went wrong reading the log.
    Warning,
}

/// A table cell; numbers are right-aligned.
pub struct Cell {
    pub text: String,
    pub numeric: bool,
}

pub fn text(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), numeric: false }
}

pub fn num(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), numeric: true }
}

/// The building blocks of a report. Text passed in is plain and untrusted: each format escapes it.
pub trait Markup {
    fn heading(&mut self, level: u8, text: &str);
    fn paragraph(&mut self, tone: Option<Tone>, text: &str);
    /// A bold lead-in followed by plain text on one line.
    fn labelled(&mut self, label: &str, text: &str);
    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>);
    fn bullets(&mut self, items: &[String]);
    fn checklist(&mut self, items: &[(String, bool)]);
    /// A group of blocks that belongs together (a session, a card): HTML keeps it on one page.
    fn begin(&mut self, _class: &str) {}
    fn end(&mut self) {}
    /// Charts exist only where the format can draw them.
    fn score_chart(&mut self, _title: &str, _dimensions: &[String], _scores: &[(String, Vec<i32>)]) {}
    fn spread_chart(&mut self, _title: &str, _rows: &[(String, Vec<(String, usize)>)]) {}
}

pub fn warnings(m: &mut impl Markup, warnings: &[String], lang: Lang) {
    if warnings.is_empty() {
        return;
    }
    m.heading(2, w::WARNINGS.get(lang));
    for line in warnings {
        m.paragraph(Some(Tone::Warning), line);
    }
}

pub fn session(m: &mut impl Markup, s: &SessionSummary, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    m.begin("session");
    m.heading(1, &format!("{}: {}", t(w::REPORT), s.title));
    let ended = if s.ended { String::new() } else { format!(" {}", t(w::NOT_ENDED)) };
    m.labelled(t(w::DATE), &s.date);
    if !s.facilitator.is_empty() {
        m.labelled(t(w::FACILITATOR), &s.facilitator);
    }
    m.labelled(t(w::AGENDA), &s.agenda);
    m.labelled(
        t(w::LENGTH),
        &format!(
            "{} {} {}, {} {} {}{ended}",
            s.planned_minutes,
            t(w::MINUTES),
            t(w::PLANNED),
            s.actual_minutes,
            t(w::MINUTES),
            t(w::ACTUAL)
        ),
    );
    m.table(&[t(w::GROUPS), t(w::ROLES)], s.groups.iter().map(|(n, r)| vec![text(n), text(r)]).collect());

    if !s.follow_up.is_empty() {
        m.heading(2, t(w::FOLLOW_UP));
        if let Some(from) = &s.follow_up_from {
            m.paragraph(Some(Tone::Meta), &format!("{} {from}", t(w::FROM)));
        }
        let rows = s
            .follow_up
            .iter()
            .map(|(g, what, owner, due, status)| vec![text(g), text(what), text(owner), text(due), text(status)])
            .collect();
        m.table(&[t(w::GROUP), t(w::WHAT), t(w::OWNER), t(w::DUE), t(w::STATUS)], rows);
    }

    m.heading(2, t(w::CARDS));
    for (i, c) in s.cards.iter().enumerate() {
        m.begin("card");
        m.heading(3, &format!("{}. {}", i + 1, c.title));
        m.paragraph(
            Some(Tone::Meta),
            &format!(
                "{}: {} · {}: {} / {} {}",
                t(w::THEME),
                c.theme,
                t(w::TIME),
                c.actual,
                c.planned_minutes,
                t(w::MINUTES)
            ),
        );
        m.paragraph(None, &c.situation);
        if !c.answers.is_empty() {
            let rows = c
                .answers
                .iter()
                .map(|a| {
                    let how = if a.dissent.is_empty() {
                        a.decision.clone()
                    } else {
                        format!("{} ({}: {})", a.decision, t(w::DISSENT), a.dissent)
                    };
                    vec![
                        text(&a.group),
                        text(format!("{}. {}", a.option_index + 1, a.option_label)),
                        text(how),
                        text(&a.rationale),
                        num(format!("{}:{:02}", a.seconds / 60, a.seconds % 60)),
                    ]
                })
                .collect();
            m.table(&[t(w::GROUP), t(w::CHOICE), t(w::HOW), t(w::RATIONALE), t(w::TO_ANSWER)], rows);
        }
        let revealed = if c.revealed { String::new() } else { format!(" {}", t(w::NOT_REVEALED)) };
        let tone = if c.differ { Tone::Differ } else { Tone::Agree };
        m.paragraph(Some(tone), &format!("{}{revealed}", c.agreement));
        if !c.consequences.is_empty() {
            m.heading(4, t(w::CONSEQUENCES));
            m.bullets(
                &c.consequences
                    .iter()
                    .map(|(label, consequence)| format!("{label} → {consequence}"))
                    .collect::<Vec<_>>(),
            );
        }
        if !c.notes.is_empty() {
            m.heading(4, t(w::NOTES));
            m.bullets(&c.notes);
        }
        m.end();
    }
    if !s.skipped.is_empty() {
        m.paragraph(Some(Tone::Meta), &format!("{}: {}", t(w::SKIPPED), s.skipped.join(", ")));
    }
    if !s.cards.is_empty() {
        m.spread_chart(
            t(w::SPREAD_CHART),
            &s.cards.iter().map(|c| (c.title.clone(), c.spread.clone())).collect::<Vec<_>>(),
        );
    }

    m.heading(2, t(w::SCOREBOARD));
    let mut headers = vec![t(w::GROUP)];
    headers.extend(s.dimensions.iter().map(String::as_str));
    let rows = s
        .scores
        .iter()
        .map(|(name, row)| std::iter::once(text(name)).chain(row.iter().map(|v| num(format!("{v:+}")))).collect())
        .collect();
    m.table(&headers, rows);
    m.score_chart(t(w::SCORE_CHART), &s.dimensions, &s.scores);

    m.heading(2, t(w::PLAN));
    let mut any = false;
    for (name, rows) in s.actions.iter().filter(|(_, rows)| !rows.is_empty()) {
        any = true;
        m.heading(3, name);
        let rows = rows.iter().map(|a| vec![text(&a.what), text(&a.owner), text(&a.due)]).collect();
        m.table(&[t(w::WHAT), t(w::OWNER), t(w::DUE)], rows);
    }
    if !any {
        m.paragraph(None, t(w::NO_ACTIONS));
    }
    if !s.room_notes.is_empty() || !s.group_notes.is_empty() {
        m.heading(2, t(w::OTHER_NOTES));
        let items: Vec<String> = s
            .room_notes
            .iter()
            .map(|n| format!("{}: {n}", t(w::ROOM)))
            .chain(s.group_notes.iter().map(|(g, n)| format!("{g}: {n}")))
            .collect();
        m.bullets(&items);
    }
    if !s.objectives.is_empty() {
        m.heading(2, t(w::OBJECTIVES));
        let items: Vec<(String, bool)> = s
            .objectives
            .iter()
            .map(|(text, covered)| {
                let word = if *covered { t(w::COVERED) } else { t(w::NOT_COVERED) };
                (format!("{text} ({word})"), *covered)
            })
            .collect();
        m.checklist(&items);
    }
    m.heading(2, t(w::TIMELINE));
    m.table(&[t(w::TIME), ""], s.timeline.iter().map(|(time, what)| vec![num(time), text(what)]).collect());
    m.paragraph(Some(Tone::Meta), &format!("{}: {}", t(w::LOG), s.log));
    m.end();
}

pub fn aggregate(m: &mut impl Markup, a: &Aggregate, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    m.begin("aggregate");
    m.heading(
        1,
        &format!("{} ({} {}, {} {})", t(w::ACROSS), a.sessions, t(w::SESSIONS), a.groups, t(w::GROUP).to_lowercase()),
    );
    m.heading(2, t(w::CHOSEN));
    m.spread_chart(t(w::SPREAD_CHART), &a.cards);
    for (title, rows) in &a.cards {
        m.heading(3, title);
        m.table(
            &[t(w::CHOICE), t(w::CHOSEN)],
            rows.iter().map(|(label, n)| vec![text(label), num(n.to_string())]).collect(),
        );
    }
    m.heading(2, t(w::SCORE_SPREAD));
    let rows = a
        .scores
        .iter()
        .map(|(label, min, median, max, mean)| {
            vec![
                text(label),
                num(format!("{min:+}")),
                num(format!("{median:+.1}")),
                num(format!("{max:+}")),
                num(format!("{mean:+.2}")),
            ]
        })
        .collect();
    m.table(&[t(w::DIMENSION), t(w::MIN), t(w::MEDIAN), t(w::MAX), t(w::MEAN)], rows);
    m.end();
}
