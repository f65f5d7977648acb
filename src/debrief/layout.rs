//! The order and content of a report, once, for every markup: Markdown and HTML implement
//! [`Markup`], and [`session`] and [`aggregate`] say what goes where. A section added here shows
//! up in both formats.

use super::summary::{Aggregate, SessionSummary};
use super::words::{self as w, Pair};
use crate::scenario::Lang;

pub use crate::report::{Markup, Tone, date, num, text};

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
    m.begin("summary");
    let title = match &s.own {
        Some(name) => format!("{}: {} — {} {name}", t(w::REPORT), s.title, t(w::OWN_REPORT)),
        None => format!("{}: {}", t(w::REPORT), s.title),
    };
    m.heading(1, &title);
    m.paragraph(Some(Tone::Meta), t(w::CONFIDENTIAL));
    overview(m, s, lang);
    m.heading(2, t(w::SUMMARY));
    if let Some(line) = s.objectives_line.as_ref().filter(|l| !l.is_empty()) {
        m.labelled(t(w::OBJECTIVES_LINE), line);
    }
    let themes: Vec<String> = s
        .themes
        .iter()
        .map(|(theme, n)| format!("{theme} ({n} {})", if *n == 1 { t(w::CARD_WORD) } else { t(w::CARDS_WORD) }))
        .collect();
    if !themes.is_empty() {
        m.labelled(t(w::THEMES), &themes.join(", "));
    }
    let count = match s.carried_count {
        0 => s.action_count.to_string(),
        n => format!("{} ({} {n} {})", s.action_count, t(w::OF_WHICH), t(w::CARRIED_LOWER)),
    };
    m.labelled(t(w::ACTIONS_COUNT), &count);
    if !s.key_findings.is_empty() {
        m.heading(3, t(w::KEY_FINDINGS));
        m.bullets(&s.key_findings);
    }
    if s.played {
        m.heading(3, t(w::DIFFERED));
        if s.differed.is_empty() {
            m.paragraph(None, t(w::NONE_DIFFERED));
        } else {
            m.bullets(&s.differed);
        }
        m.heading(3, t(w::CONTESTED));
        if s.contested.is_empty() {
            match &s.own {
                Some(own) => {
                    m.paragraph(None, &format!("{} {own} {}", t(w::NONE_CONTESTED_OWN), t(w::NONE_CONTESTED_OWN_END)))
                }
                None => m.paragraph(None, t(w::NONE_CONTESTED)),
            }
        } else {
            m.bullets(&s.contested);
        }
    } else {
        // Nothing was answered: no claim that everyone agreed or nobody dissented.
        m.paragraph(None, t(w::NO_CARDS_PLAYED));
    }
    if !s.unplayed.is_empty() {
        m.labelled(t(w::NOT_PLAYED), &s.unplayed.join(", "));
    }
    if !s.skipped.is_empty() {
        m.labelled(t(w::SKIPPED), &s.skipped.join(", "));
    }
    m.end();

    findings(m, s, lang);

    m.begin("plan");
    m.heading(2, t(w::PLAN));
    if let Some(from) = &s.follow_up_from {
        m.paragraph(Some(Tone::Meta), &format!("{}: {from}", t(w::FOLLOW_UP)));
    }
    let mut any = false;
    for plan in s.actions.iter().filter(|p| !p.rows.is_empty()) {
        any = true;
        // A municipality's heading stays with its actions (never alone at the foot of a page).
        m.begin("keep");
        m.heading(3, &plan.name);
        if let Some(line) = &plan.completion {
            m.paragraph(None, line);
        }
        if s.plan_detailed {
            // The improvement plan as HSEEP/CTEP keep it: what was seen, what is done about it,
            // how urgent, for which objective, by whom, from when to when, and how it stands.
            let rows = plan
                .rows
                .iter()
                .map(|a| {
                    vec![
                        num(&a.number),
                        text(&a.observation),
                        text(&a.what),
                        text(&a.priority),
                        num(&a.objective),
                        text(&a.responsible),
                        date(&a.start),
                        date(&a.due),
                        text(&a.status),
                        text(&a.progress),
                    ]
                })
                .collect();
            m.table(
                &[
                    t(w::NUMBER),
                    t(w::OBSERVATION),
                    t(w::ACTION),
                    t(w::PRIORITY),
                    t(w::OBJECTIVE_SHORT),
                    t(w::RESPONSIBLE),
                    t(w::START),
                    t(w::DUE),
                    t(w::STATUS),
                    t(w::PROGRESS),
                ],
                rows,
            );
        } else {
            let rows = plan
                .rows
                .iter()
                .map(|a| vec![text(&a.what), text(&a.owner), date(&a.due), text(&a.card), text(&a.status)])
                .collect();
            m.table(&[t(w::WHAT), t(w::OWNER), t(w::DUE), t(w::CARD), t(w::STATUS)], rows);
        }
        m.end();
    }
    if !any {
        m.paragraph(None, t(w::NO_ACTIONS));
    }
    m.end();

    if !s.cards.is_empty() {
        m.heading(2, t(w::CARDS));
    }
    for (i, c) in s.cards.iter().enumerate() {
        m.begin("card");
        m.heading(3, &format!("{}. {}", i + 1, c.title));
        m.paragraph(
            Some(Tone::Meta),
            &format!(
                "{}: {} · {}: {} ({} {} {})",
                t(w::THEME),
                c.theme,
                t(w::TIME),
                c.actual,
                c.planned_minutes,
                t(w::MINUTES),
                t(w::PLANNED)
            ),
        );
        if !c.for_whom.is_empty() {
            m.paragraph(Some(Tone::Meta), &c.for_whom);
        }
        for paragraph in c.situation.split("\n\n") {
            m.paragraph(None, paragraph);
        }
        if !c.developments.is_empty() {
            m.heading(4, t(w::DEVELOPMENTS));
            let items: Vec<String> = c
                .developments
                .iter()
                .map(|d| {
                    let who = if d.audience.is_empty() { String::new() } else { format!(" ({})", d.audience) };
                    format!("{} {}{who}", d.time, d.text)
                })
                .collect();
            m.bullets(&items);
        }
        if c.unplayed {
            m.paragraph(Some(Tone::Meta), &c.agreement);
        } else {
            if !c.answers.is_empty() {
                let rows = c
                    .answers
                    .iter()
                    .map(|a| {
                        let mut how = if a.dissent.is_empty() {
                            a.decision.clone()
                        } else {
                            format!("{} ({}: {})", a.decision, t(w::DISSENT), a.dissent)
                        };
                        // Where the answer was entered, when it was the group's own device.
                        if a.device {
                            let sep = if how.is_empty() { "" } else { " · " };
                            how = format!("{how}{sep}{}", t(w::VIA_DEVICE));
                        }
                        let group =
                            if a.looked_on { format!("{} ({})", a.group, t(w::LOOKED_ON)) } else { a.group.clone() };
                        vec![
                            text(group),
                            text(match a.option_index {
                                Some(i) => format!("{}. {}", i + 1, a.option_label),
                                None => a.option_label.clone(),
                            }),
                            text(how),
                            text(&a.rationale),
                        ]
                    })
                    .collect();
                m.table(&[t(w::GROUP), t(w::CHOICE), t(w::HOW), t(w::RATIONALE)], rows);
            }
            let revealed = if c.revealed { String::new() } else { format!(" {}", t(w::NOT_REVEALED)) };
            let tone = if c.differ { Tone::Differ } else { Tone::Agree };
            m.paragraph(Some(tone), &format!("{}{revealed}", c.agreement));
            if c.differ {
                m.option_chart(t(w::SPREAD_CHART), t(w::SPREAD_LEGEND), &c.spread);
            }
            if !c.compared.is_empty() {
                m.labelled(t(w::COMPARED), &c.compared.join("; "));
            }
            if let Some(peers) = &c.peers {
                m.labelled(t(w::PEERS), peers);
            }
        }
        if !c.consequences.is_empty() {
            m.heading(4, t(w::CONSEQUENCES));
            m.bullets(
                &c.consequences
                    .iter()
                    .map(|k| {
                        let effects = if k.effects.is_empty() { t(w::NO_EFFECT) } else { k.effects.as_str() };
                        format!("{} → {} ({}: {effects})", k.option, k.text, t(w::EFFECTS))
                    })
                    .collect::<Vec<_>>(),
            );
        }
        if !c.notes.is_empty() {
            m.heading(4, t(w::NOTES));
            m.bullets(&c.notes);
        }
        if !c.practices.is_empty() {
            m.heading(4, t(w::PRACTICES));
            m.bullets(&c.practices);
        }
        if !c.references.is_empty() {
            m.heading(4, t(w::REFERENCES));
            m.bullets(&c.references);
        }
        m.end();
    }
    if !s.room_notes.is_empty() || !s.group_notes.is_empty() {
        m.heading(2, t(w::OTHER_NOTES));
        let items: Vec<String> =
            s.room_notes.iter().cloned().chain(s.group_notes.iter().map(|(g, n)| format!("{g}: {n}"))).collect();
        m.bullets(&items);
    }

    // Scores come from answered cards: with none, the appendix would be a table of zeros.
    if s.played {
        appendix(m, s, lang);
    }
    m.heading(2, t(w::TIMELINE));
    m.table(&[t(w::TIME), t(w::WHAT)], s.timeline.iter().map(|(time, what)| vec![date(time), text(what)]).collect());
    m.paragraph(Some(Tone::Meta), &format!("{}: {}", t(w::LOG), s.log));
    m.end();
}

/// The exercise overview of an after-action report: when, where, who led it, what it covered,
/// the scenario and the attendees by function.
fn overview(m: &mut impl Markup, s: &SessionSummary, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    m.heading(2, t(w::OVERVIEW));
    m.labelled(t(w::DATE), &s.date);
    if !s.place.is_empty() {
        m.labelled(t(w::PLACE), &s.place);
    }
    if !s.facilitator.is_empty() {
        m.labelled(t(w::FACILITATOR), &s.facilitator);
    }
    m.labelled(t(w::SCOPE), &s.scope);
    m.labelled(t(w::SCENARIO), &s.scenario);
    let ended = if s.ended { String::new() } else { format!(" {}", t(w::NOT_ENDED)) };
    m.labelled(
        t(w::LENGTH),
        &format!("{} {} {}, {} {}{ended}", s.planned_minutes, t(w::MINUTES), t(w::PLANNED), s.actual, t(w::ACTUAL)),
    );
    m.heading(3, t(w::ATTENDEES));
    m.table(&[t(w::MUNICIPALITY), t(w::FUNCTIONS)], s.groups.iter().map(|(n, r)| vec![text(n), text(r)]).collect());
}

/// Findings per objective: the assessment with its reason, the cards that exercised it, then
/// strengths and points for improvement; findings linked to no objective after them.
fn findings(m: &mut impl Markup, s: &SessionSummary, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    let any = s.findings.iter().any(|o| o.rating.is_some() || !o.strengths.is_empty() || !o.improvements.is_empty())
        || !s.other_findings.0.is_empty()
        || !s.other_findings.1.is_empty();
    if s.findings.is_empty() && !any {
        return;
    }
    m.begin("findings");
    m.heading(2, t(w::FINDINGS));
    if !any {
        m.paragraph(Some(Tone::Meta), t(w::NO_FINDINGS));
    }
    let rating = |o: &super::summary::ObjectiveFindings| o.rating.clone().unwrap_or_else(|| t(w::NOT_ASSESSED).into());
    let rows = s
        .findings
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let cards = if o.cards.is_empty() { t(w::NOT_EXERCISED).to_string() } else { o.cards.join(", ") };
            vec![text(format!("{}. {}", i + 1, o.text)), text(rating(o)), text(cards)]
        })
        .collect();
    m.table(&[t(w::OBJECTIVE), t(w::ASSESSMENT), t(w::PLAYED_IN)], rows);
    for (i, o) in s.findings.iter().enumerate() {
        if o.why.is_empty() && o.strengths.is_empty() && o.improvements.is_empty() {
            continue;
        }
        m.begin("keep");
        m.heading(3, &format!("{} {}. {}", t(w::OBJECTIVE), i + 1, o.text));
        let line = if o.why.is_empty() { rating(o) } else { format!("{} — {}", rating(o), o.why) };
        m.labelled(t(w::ASSESSMENT), &line);
        if !o.strengths.is_empty() {
            m.heading(4, t(w::STRENGTHS));
            m.bullets(&o.strengths);
        }
        if !o.improvements.is_empty() {
            m.heading(4, t(w::IMPROVEMENTS));
            m.bullets(&o.improvements);
        }
        m.end();
    }
    let (strengths, improvements) = &s.other_findings;
    if !strengths.is_empty() || !improvements.is_empty() {
        m.heading(3, t(w::OTHER_FINDINGS));
        if !strengths.is_empty() {
            m.heading(4, t(w::STRENGTHS));
            m.bullets(strengths);
        }
        if !improvements.is_empty() {
            m.heading(4, t(w::IMPROVEMENTS));
            m.bullets(improvements);
        }
    }
    m.end();
}

/// The scores per municipality, each with the choices behind it.
fn appendix(m: &mut impl Markup, s: &SessionSummary, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    m.begin("appendix");
    m.heading(2, t(w::APPENDIX));
    m.paragraph(None, t(w::PROFILE_NOTE));
    let meanings: Vec<String> = s
        .dimensions
        .iter()
        .map(|(label, meaning)| if meaning.is_empty() { label.clone() } else { format!("{label}: {meaning}") })
        .collect();
    m.bullets(&meanings);
    for p in &s.profiles {
        m.heading(3, &p.group);
        let rows = p
            .rows
            .iter()
            .map(|(dim, score, because)| vec![text(dim), num(super::summary::signed(*score)), text(because)])
            .collect();
        m.table(&[t(w::DIMENSION), t(w::SCORE), t(w::BECAUSE)], rows);
        let labels: Vec<String> = p.rows.iter().map(|(l, _, _)| l.clone()).collect();
        let values: Vec<i32> = p.rows.iter().map(|(_, v, _)| *v).collect();
        m.score_chart(&format!("{}: {}", t(w::SCORE_CHART), p.group), t(w::SCORE_LEGEND), &labels, &values);
    }
    m.end();
}

pub fn aggregate(m: &mut impl Markup, a: &Aggregate, lang: Lang) {
    let t = |l: Pair| l.get(lang);
    m.begin("aggregate");
    m.heading(1, &format!("{} ({} {}, {} {})", t(w::ACROSS), a.sessions, t(w::SESSIONS), a.groups, t(w::DELEGATIONS)));
    m.heading(2, t(w::CHOSEN));
    for (title, rows) in &a.cards {
        m.heading(3, title);
        m.option_chart(t(w::SPREAD_CHART), t(w::SPREAD_LEGEND), rows);
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
                num(super::summary::signed(*min)),
                num(super::summary::signed_decimal(*median, 1, lang)),
                num(super::summary::signed(*max)),
                num(super::summary::signed_decimal(*mean, 2, lang)),
            ]
        })
        .collect();
    m.table(&[t(w::DIMENSION), t(w::MIN), t(w::MEDIAN), t(w::MAX), t(w::MEAN)], rows);
    m.end();
}
