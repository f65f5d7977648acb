//! The Markdown report: the form a municipality can paste straight into its own agenda.

use std::fmt::Write as _;

use super::Report;
use super::summary::{Aggregate, SessionSummary};
use super::words as w;

/// Makes untrusted text safe inside a Markdown table cell or line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    for s in report.summaries() {
        session(&mut out, &s, lang);
    }
    if let Some(a) = report.aggregate() {
        aggregate(&mut out, &a, lang);
    }
    let warnings = report.warnings();
    if !warnings.is_empty() {
        let _ = writeln!(out, "## {}\n", w::WARNINGS.get(lang));
        for wline in warnings {
            let _ = writeln!(out, "- {}", md(&wline));
        }
        out.push('\n');
    }
    out
}

fn session(out: &mut String, s: &SessionSummary, lang: crate::scenario::Lang) {
    let t = |l: super::words::Pair| l.get(lang);
    let _ = writeln!(out, "# {}: {}\n", t(w::REPORT), md(&s.title));
    let _ = writeln!(out, "- **{}:** {}", t(w::DATE), s.date);
    if !s.facilitator.is_empty() {
        let _ = writeln!(out, "- **{}:** {}", t(w::FACILITATOR), md(&s.facilitator));
    }
    let groups: Vec<String> = s.groups.iter().map(|(n, r)| format!("{} ({})", md(n), md(r))).collect();
    let _ = writeln!(out, "- **{}:** {}", t(w::GROUPS), groups.join("; "));
    let _ = writeln!(out, "- **{}:** {}", t(w::AGENDA), md(&s.agenda));
    let ended = if s.ended { String::new() } else { format!(" {}", t(w::NOT_ENDED)) };
    let _ = writeln!(
        out,
        "- **{}:** {} {} {}, {} {} {}{ended}",
        t(w::LENGTH),
        s.planned_minutes,
        t(w::MINUTES),
        t(w::PLANNED),
        s.actual_minutes,
        t(w::MINUTES),
        t(w::ACTUAL)
    );
    let _ = writeln!(out, "- **{}:** `{}`\n", t(w::LOG), s.log.replace('`', "'"));

    if !s.follow_up.is_empty() {
        let from = s
            .follow_up_from
            .as_deref()
            .map(|f| format!(" ({} `{}`)", t(w::FROM), f.replace('`', "'")))
            .unwrap_or_default();
        let _ = writeln!(out, "## {}{from}\n", t(w::FOLLOW_UP));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t(w::GROUP),
            t(w::WHAT),
            t(w::OWNER),
            t(w::DUE),
            t(w::STATUS)
        );
        for (g, what, owner, due, status) in &s.follow_up {
            let _ = writeln!(out, "| {} | {} | {} | {} | {} |", md(g), md(what), md(owner), md(due), md(status));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t(w::CARDS));
    for (i, c) in s.cards.iter().enumerate() {
        let _ = writeln!(out, "### {}. {}\n", i + 1, md(&c.title));
        let _ = writeln!(
            out,
            "*{}: {} · {}: {} / {} {}*\n",
            t(w::THEME),
            md(&c.theme),
            t(w::TIME),
            c.actual,
            c.planned_minutes,
            t(w::MINUTES)
        );
        let _ = writeln!(out, "{}\n", md(&c.situation));
        if !c.answers.is_empty() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
                t(w::GROUP),
                t(w::CHOICE),
                t(w::HOW),
                t(w::RATIONALE),
                t(w::TO_ANSWER)
            );
            for a in &c.answers {
                let how = if a.dissent.is_empty() {
                    a.decision.clone()
                } else {
                    format!("{} ({}: {})", a.decision, t(w::DISSENT), a.dissent)
                };
                let _ = writeln!(
                    out,
                    "| {} | {}. {} | {} | {} | {}:{:02} |",
                    md(&a.group),
                    a.option_index + 1,
                    md(&a.option_label),
                    md(&how),
                    md(&a.rationale),
                    a.seconds / 60,
                    a.seconds % 60
                );
            }
            out.push('\n');
        }
        let revealed = if c.revealed { "" } else { w::NOT_REVEALED.get(lang) };
        let _ = writeln!(out, "**{}** {revealed}\n", md(&c.agreement));
        if !c.consequences.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(w::CONSEQUENCES));
            for (label, consequence) in &c.consequences {
                let _ = writeln!(out, "- *{}*: {}", md(label), md(consequence));
            }
            out.push('\n');
        }
        if !c.notes.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(w::NOTES));
            for n in &c.notes {
                let _ = writeln!(out, "- {}", md(n));
            }
            out.push('\n');
        }
    }
    if !s.skipped.is_empty() {
        let skipped: Vec<String> = s.skipped.iter().map(|x| md(x)).collect();
        let _ = writeln!(out, "*{}: {}*\n", t(w::SKIPPED), skipped.join(", "));
    }

    let _ = writeln!(out, "## {}\n", t(w::SCOREBOARD));
    let _ =
        writeln!(out, "| {} | {} |", t(w::GROUP), s.dimensions.iter().map(|d| md(d)).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(s.dimensions.len()));
    for (name, row) in &s.scores {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:+}")).collect();
        let _ = writeln!(out, "| {} | {} |", md(name), cells.join(" | "));
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", t(w::PLAN));
    let mut any = false;
    for (name, rows) in &s.actions {
        if rows.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "### {}\n", md(name));
        let _ = writeln!(out, "| {} | {} | {} |\n|---|---|---|", t(w::WHAT), t(w::OWNER), t(w::DUE));
        for a in rows {
            let _ = writeln!(out, "| {} | {} | {} |", md(&a.what), md(&a.owner), md(&a.due));
        }
        out.push('\n');
    }
    if !any {
        let _ = writeln!(out, "{}\n", t(w::NO_ACTIONS));
    }
    if !s.room_notes.is_empty() || !s.group_notes.is_empty() {
        let _ = writeln!(out, "## {}\n", t(w::OTHER_NOTES));
        for n in &s.room_notes {
            let _ = writeln!(out, "- {}: {}", t(w::ROOM), md(n));
        }
        for (g, n) in &s.group_notes {
            let _ = writeln!(out, "- {}: {}", md(g), md(n));
        }
        out.push('\n');
    }
    if !s.objectives.is_empty() {
        let _ = writeln!(out, "## {}\n", t(w::OBJECTIVES));
        for (text, covered) in &s.objectives {
            let mark = if *covered { "x" } else { " " };
            let word = if *covered { t(w::COVERED) } else { t(w::NOT_COVERED) };
            let _ = writeln!(out, "- [{mark}] {} ({word})", md(text));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t(w::TIMELINE));
    let _ = writeln!(out, "| {} | |\n|---|---|", t(w::TIME));
    for (time, text) in &s.timeline {
        let _ = writeln!(out, "| {time} | {} |", md(text));
    }
    out.push('\n');
}

fn aggregate(out: &mut String, a: &Aggregate, lang: crate::scenario::Lang) {
    let t = |l: super::words::Pair| l.get(lang);
    let _ = writeln!(
        out,
        "# {} ({} {}, {} {})\n",
        t(w::ACROSS),
        a.sessions,
        t(w::SESSIONS),
        a.groups,
        t(w::GROUP).to_lowercase()
    );
    let _ = writeln!(out, "## {}\n", t(w::CHOSEN));
    for (title, rows) in &a.cards {
        let _ = writeln!(out, "### {}\n", md(title));
        let _ = writeln!(out, "| {} | {} |\n|---|---:|", t(w::CHOICE), t(w::CHOSEN));
        for (label, n) in rows {
            let _ = writeln!(out, "| {} | {n} |", md(label));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t(w::SCORE_SPREAD));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
        t(w::DIMENSION),
        t(w::MIN),
        t(w::MEDIAN),
        t(w::MAX),
        t(w::MEAN)
    );
    for (label, min, median, max, mean) in &a.scores {
        let _ = writeln!(out, "| {} | {min:+} | {median:+.1} | {max:+} | {mean:+.2} |", md(label));
    }
    out.push('\n');
}
