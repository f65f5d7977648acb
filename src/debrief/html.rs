//! The HTML report: one self-contained file (no external assets, no scripts) with inline SVG
//! charts, readable offline and printable to PDF from the browser. Every text is escaped.

use std::fmt::Write as _;

use super::Report;
use super::summary::{Aggregate, SessionSummary};
use super::words::{self as w, Pair};
use crate::scenario::Lang;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{border-bottom:3px solid #154273;padding-bottom:.3rem;color:#154273}
h2{color:#154273;margin-top:2rem}
h3{margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555}
.differ{background:#fff4cc;padding:.3rem .5rem;border-left:4px solid #e0a800}
.agree{background:#e6f4ea;padding:.3rem .5rem;border-left:4px solid #2e7d32}
.theme{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.85em}
.t0{background:#8e24aa}.t1{background:#1565c0}.t2{background:#00838f}.t3{background:#2e7d32}
.warn{background:#fdecea;border-left:4px solid #c62828;padding:.3rem .5rem}
svg text{font-family:inherit;font-size:12px}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}.card{page-break-inside:avoid}}
";

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let summaries = report.summaries();
    let title = summaries.first().map_or(w::REPORT.get(lang).to_string(), |s| s.title.clone());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(w::REPORT.get(lang)),
        esc(&title)
    );
    let warnings = report.warnings();
    if !warnings.is_empty() {
        let _ = writeln!(out, "<div class=\"warn\"><strong>{}</strong><ul>", esc(w::WARNINGS.get(lang)));
        for line in &warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(line));
        }
        out.push_str("</ul></div>\n");
    }
    for s in &summaries {
        session(&mut out, s, lang);
    }
    if let Some(a) = report.aggregate() {
        aggregate(&mut out, &a, lang);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn session(out: &mut String, s: &SessionSummary, lang: Lang) {
    let t = |l: Pair| esc(l.get(lang));
    let _ = writeln!(out, "<section class=\"session\">\n<h1>{}: {}</h1>", t(w::REPORT), esc(&s.title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}: {} · {}: {} · {}: {} {} {}, {} {} {}{}</p>",
        t(w::DATE),
        esc(&s.date),
        t(w::AGENDA),
        esc(&s.agenda),
        t(w::LENGTH),
        s.planned_minutes,
        t(w::MINUTES),
        t(w::PLANNED),
        s.actual_minutes,
        t(w::MINUTES),
        t(w::ACTUAL),
        if s.ended { String::new() } else { format!(" {}", t(w::NOT_ENDED)) }
    );
    if !s.facilitator.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}: {}</p>", t(w::FACILITATOR), esc(&s.facilitator));
    }
    let _ = writeln!(out, "<table><tr><th>{}</th><th>Rollen / roles</th></tr>", t(w::GROUPS));
    for (name, roles) in &s.groups {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(name), esc(roles));
    }
    out.push_str("</table>\n");

    if !s.follow_up.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", t(w::FOLLOW_UP));
        if let Some(from) = &s.follow_up_from {
            let _ = writeln!(out, "<p class=\"meta\">{} {}</p>", t(w::FROM), esc(from));
        }
        let _ = writeln!(
            out,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(w::GROUP),
            t(w::WHAT),
            t(w::OWNER),
            t(w::DUE),
            t(w::STATUS)
        );
        for (g, what, owner, due, status) in &s.follow_up {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(g),
                esc(what),
                esc(owner),
                esc(due),
                esc(status)
            );
        }
        out.push_str("</table>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2>", t(w::CARDS));
    for (i, c) in s.cards.iter().enumerate() {
        let _ = writeln!(out, "<div class=\"card\">\n<h3>{}. {}</h3>", i + 1, esc(&c.title));
        let _ = writeln!(
            out,
            "<p class=\"meta\"><span class=\"theme t{}\">{}</span> {}: {} / {} {}</p>",
            c.theme_index,
            esc(&c.theme),
            t(w::TIME),
            esc(&c.actual),
            c.planned_minutes,
            t(w::MINUTES)
        );
        let _ = writeln!(out, "<p>{}</p>", esc(&c.situation));
        if !c.answers.is_empty() {
            let _ = writeln!(
                out,
                "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
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
                    format!("{} ({}: {})", a.decision, w::DISSENT.get(lang), a.dissent)
                };
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}. {}</td><td>{}</td><td>{}</td><td class=\"num\">{}:{:02}</td></tr>",
                    esc(&a.group),
                    a.option_index + 1,
                    esc(&a.option_label),
                    esc(&how),
                    esc(&a.rationale),
                    a.seconds / 60,
                    a.seconds % 60
                );
            }
            out.push_str("</table>\n");
        }
        let class = if c.differ { "differ" } else { "agree" };
        let revealed = if c.revealed { "" } else { w::NOT_REVEALED.get(lang) };
        let _ = writeln!(out, "<p class=\"{class}\">{} {}</p>", esc(&c.agreement), esc(revealed));
        if !c.consequences.is_empty() {
            let _ = writeln!(out, "<p><strong>{}</strong></p><ul>", t(w::CONSEQUENCES));
            for (label, consequence) in &c.consequences {
                let _ = writeln!(out, "<li><em>{}</em>: {}</li>", esc(label), esc(consequence));
            }
            out.push_str("</ul>\n");
        }
        if !c.notes.is_empty() {
            let _ = writeln!(out, "<p><strong>{}</strong></p><ul>", t(w::NOTES));
            for n in &c.notes {
                let _ = writeln!(out, "<li>{}</li>", esc(n));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }
    if !s.cards.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", t(w::SPREAD_CHART));
        let rows: Vec<(String, Vec<(String, usize)>)> =
            s.cards.iter().map(|c| (c.title.clone(), c.spread.clone())).collect();
        spread_chart(out, &rows);
    }

    let _ = writeln!(out, "<h2>{}</h2>", t(w::SCOREBOARD));
    let _ = write!(out, "<table><tr><th>{}</th>", t(w::GROUP));
    for d in &s.dimensions {
        let _ = write!(out, "<th>{}</th>", esc(d));
    }
    out.push_str("</tr>\n");
    for (name, row) in &s.scores {
        let _ = write!(out, "<tr><td>{}</td>", esc(name));
        for v in row {
            let _ = write!(out, "<td class=\"num\">{v:+}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<h3>{}</h3>", t(w::SCORE_CHART));
    score_chart(out, &s.dimensions, &s.scores);

    let _ = writeln!(out, "<h2>{}</h2>", t(w::PLAN));
    let mut any = false;
    for (name, rows) in &s.actions {
        if rows.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(
            out,
            "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            esc(name),
            t(w::WHAT),
            t(w::OWNER),
            t(w::DUE)
        );
        for a in rows {
            let _ =
                writeln!(out, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&a.what), esc(&a.owner), esc(&a.due));
        }
        out.push_str("</table>\n");
    }
    if !any {
        let _ = writeln!(out, "<p>{}</p>", t(w::NO_ACTIONS));
    }
    if !s.room_notes.is_empty() || !s.group_notes.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2><ul>", t(w::OTHER_NOTES));
        for n in &s.room_notes {
            let _ = writeln!(out, "<li>{}: {}</li>", t(w::ROOM), esc(n));
        }
        for (g, n) in &s.group_notes {
            let _ = writeln!(out, "<li>{}: {}</li>", esc(g), esc(n));
        }
        out.push_str("</ul>\n");
    }
    if !s.objectives.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2><ul>", t(w::OBJECTIVES));
        for (text, covered) in &s.objectives {
            let mark = if *covered { "☑" } else { "☐" };
            let word = if *covered { t(w::COVERED) } else { t(w::NOT_COVERED) };
            let _ = writeln!(out, "<li>{mark} {} ({word})</li>", esc(text));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2><table>", t(w::TIMELINE));
    for (time, text) in &s.timeline {
        let _ = writeln!(out, "<tr><td class=\"num\">{}</td><td>{}</td></tr>", esc(time), esc(text));
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<p class=\"meta\">{}: {}</p>\n</section>", t(w::LOG), esc(&s.log));
}

const COLORS: [&str; 8] = ["#1565c0", "#e0a800", "#8e24aa", "#2e7d32", "#00838f", "#c62828", "#6d4c41", "#546e7a"];

/// Horizontal bars centred on zero: one row per group, grouped by dimension.
fn score_chart(out: &mut String, dimensions: &[String], scores: &[(String, Vec<i32>)]) {
    let max = scores.iter().flat_map(|(_, r)| r.iter()).map(|v| v.abs()).max().unwrap_or(1).max(1);
    let (label_w, half, row_h) = (220.0, 200.0, 18.0);
    let rows = dimensions.len() * (scores.len() + 1);
    let height = rows as f64 * row_h + 10.0;
    let width = label_w + 2.0 * half + 50.0;
    let _ = writeln!(
        out,
        "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let zero = label_w + half;
    let _ = writeln!(out, "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{height}\" stroke=\"#888\"/>");
    let mut y = 0.0;
    for (d, dim) in dimensions.iter().enumerate() {
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>", y + 13.0, esc(dim));
        y += row_h;
        for (g, (name, row)) in scores.iter().enumerate() {
            let v = row.get(d).copied().unwrap_or(0);
            let len = f64::from(v.abs()) / f64::from(max) * half;
            let x = if v < 0 { zero - len } else { zero };
            let color = if v < 0 { "#c62828" } else { COLORS[g % COLORS.len()] };
            let _ = writeln!(out, "<text x=\"12\" y=\"{}\">{}</text>", y + 13.0, esc(name));
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{len:.1}\" height=\"{}\" fill=\"{color}\"><title>{}: {v:+}</title></rect>",
                y + 3.0,
                row_h - 6.0,
                esc(name)
            );
            let _ = writeln!(out, "<text x=\"{}\" y=\"{}\">{v:+}</text>", zero + half + 8.0, y + 13.0);
            y += row_h;
        }
    }
    out.push_str("</svg>\n");
}

/// One stacked bar per card: how the groups' choices were spread over its options.
fn spread_chart(out: &mut String, rows: &[(String, Vec<(String, usize)>)]) {
    let (label_w, bar_w, row_h) = (300.0, 400.0, 24.0);
    let height = rows.len() as f64 * row_h + 10.0;
    let width = label_w + bar_w + 20.0;
    let _ = writeln!(
        out,
        "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    for (i, (title, options)) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let short: String = title.chars().take(42).collect();
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\">{}</text>", y + 16.0, esc(&short));
        let total: usize = options.iter().map(|(_, n)| n).sum();
        let mut x = label_w;
        for (o, (label, n)) in options.iter().enumerate() {
            if *n == 0 || total == 0 {
                continue;
            }
            let w = *n as f64 / total as f64 * bar_w;
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{}: {n}</title></rect>",
                y + 4.0,
                row_h - 8.0,
                COLORS[o % COLORS.len()],
                esc(label)
            );
            let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{}\" fill=\"#fff\">{}</text>", x + 4.0, y + 16.0, o + 1);
            x += w;
        }
    }
    out.push_str("</svg>\n");
}

fn aggregate(out: &mut String, a: &Aggregate, lang: Lang) {
    let t = |l: Pair| esc(l.get(lang));
    let _ = writeln!(
        out,
        "<section class=\"aggregate\">\n<h1>{} ({} {}, {} {})</h1>",
        t(w::ACROSS),
        a.sessions,
        t(w::SESSIONS),
        a.groups,
        esc(&w::GROUP.get(lang).to_lowercase())
    );
    let _ = writeln!(out, "<h2>{}</h2>", t(w::CHOSEN));
    spread_chart(out, &a.cards);
    for (title, rows) in &a.cards {
        let _ =
            writeln!(out, "<h3>{}</h3><table><tr><th>{}</th><th>{}</th></tr>", esc(title), t(w::CHOICE), t(w::CHOSEN));
        for (label, n) in rows {
            let _ = writeln!(out, "<tr><td>{}</td><td class=\"num\">{n}</td></tr>", esc(label));
        }
        out.push_str("</table>\n");
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(w::SCORE_SPREAD),
        t(w::DIMENSION),
        t(w::MIN),
        t(w::MEDIAN),
        t(w::MAX),
        t(w::MEAN)
    );
    for (label, min, median, max, mean) in &a.scores {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{min:+}</td><td class=\"num\">{median:+.1}</td><td class=\"num\">{max:+}</td><td class=\"num\">{mean:+.2}</td></tr>",
            esc(label)
        );
    }
    out.push_str("</table>\n</section>\n");
}
