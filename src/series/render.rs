//! The series report as Markdown, HTML or JSON. Every text in a [`Report`] is already cleaned
//! of control characters; here it is escaped for the format (CommonMark punctuation, HTML
//! entities, `<` in JSON), and numbers are written the way the reader's language writes them.

use super::report::{CardRow, CountRow, Report};
use crate::scenario::Lang;
use crate::scenario::text::L;
pub use crate::scenario::text::html_escape as esc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    /// A spreadsheet (binary): written to a file, not to a terminal.
    Xlsx,
}

/// The spreadsheet could not be made.
#[derive(Debug, thiserror::Error)]
#[error("cannot make the spreadsheet: {0}")]
pub struct RenderError(String);

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        Format::Markdown => markdown(report).into_bytes(),
        Format::Html => html(report).into_bytes(),
        Format::Json => json(report).into_bytes(),
        Format::Xlsx => super::xlsx::xlsx(report).map_err(|e| RenderError(e.to_string()))?,
    })
}

/// A whole number with the language's thousands separator: `10.000` in Dutch, `10,000` in English.
pub fn int(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::Nl { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A fraction as a whole percentage: `57%` in both languages.
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}

/// One decimal with the language's decimal sign: `1,5` in Dutch, `1.5` in English.
pub fn decimal(x: f64, lang: Lang) -> String {
    let s = format!("{x:.1}");
    if lang == Lang::Nl { s.replace('.', ",") } else { s }
}

fn count(n: usize, lang: Lang) -> String {
    int(n as u64, lang)
}

const TITLE: L = L("Weerbaar: overzicht van een reeks gesprekken", "Weerbaar: overview of a series of sessions");
const PARTICIPANTS: L = L("Deelnemende gemeenten", "Participating municipalities");
const BY_THEME: L = L("Per thema", "By theme");
const BY_CARD: L = L("Per kaart", "By card");
const DECIDED: L = L("Hoe de groepen besloten", "How the groups decided");
const ROLES: L = L("Afwijkende rollen", "Roles that dissented");
const ACTIONS: L = L("Acties en opvolging", "Actions and follow-up");
const MONTHS: L = L("Verloop per maand", "Trend by month");
const OBJECTIVES: L = L("Doelstellingen", "Objectives");
const THEME: L = L("Thema", "Theme");
const CARDS_PLAYED: L = L("Kaarten gespeeld", "Cards played");
const MUNIS: L = L("Gemeenten", "Municipalities");
const ANSWERS: L = L("Antwoorden", "Answers");
const OPTION: L = L("Optie", "Option");
const SHARE: L = L("Aandeel", "Share");
const HOW: L = L("Besluitvorming", "How decided");
const COUNT: L = L("Aantal", "Count");
const ROLE: L = L("Rol", "Role");
const AT_TABLE: L = L("Aan tafel (antwoorden)", "At the table (answers)");
const DISSENTED: L = L("Afwijkend", "Dissented");
const MONTH: L = L("Maand", "Month");
const SESSIONS: L = L("Sessies", "Sessions");
const ACTIONS_COL: L = L("Acties", "Actions");
const OBJECTIVE: L = L("Doelstelling", "Objective");
const COVERED: L = L("Aan bod", "Covered");
const CARDS: L = L("Kaarten", "Cards");
const YES: L = L("ja", "yes");
const NO: L = L("nee", "no");
const NOT_PLAYED: L = L("Niet gespeeld in deze reeks", "Not played in this series");
/// In a published series, why a card too few played shows no choices (the rule of `play --peers`).
pub(crate) fn small_text(r: &Report) -> String {
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
const RATIONALES: L = L("Toelichtingen (de laatste per optie)", "Rationales (the latest per option)");
const OWNER: L = L("Eigenaar", "Owner");
const THEME_OF_CARD: L = L("Thema van de kaart", "Theme of the card");
const NONE: L = L("Geen.", "None.");
const ANONYMIZED: L = L(
    "Geanonimiseerd: gemeenten staan onder een vaste alias; namen, e-mailadressen, telefoonnummers en postcodes in toelichtingen zijn vervangen. Titels, bestandsnamen, notities en de gespreksleider staan niet in dit overzicht.",
    "Anonymised: municipalities appear under a stable alias; names, e-mail addresses, phone numbers and postcodes in rationales are replaced. Titles, file names, notes and the facilitator are not in this overview.",
);
const AGGREGATE: L = L(
    "Alleen totalen: een gemeente telt één keer per kaart, met haar laatste antwoord. Notities en titels van sessies staan niet in dit overzicht.",
    "Totals only: a municipality counts once per card, with its latest answer. Session notes and titles are not in this overview.",
);

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { one.to_string() } else { many.to_string() }
}

/// The summary sentences under the title (plain text, escaped by the caller).
fn summary(r: &Report) -> Vec<String> {
    let lang = r.lang;
    let mut lines = Vec::new();
    let n = r.sessions as usize;
    let period = match (&r.first_month, &r.last_month) {
        (Some(a), Some(b)) if a == b => format!(" ({a})"),
        (Some(a), Some(b)) => match lang {
            Lang::Nl => format!(" ({a} t/m {b})"),
            Lang::En => format!(" ({a} to {b})"),
        },
        _ => String::new(),
    };
    lines.push(match lang {
        Lang::Nl => format!(
            "{} {}{period}, waarvan {} afgesloten; {} {}.",
            int(r.sessions, lang),
            plural(n, "sessie", "sessies"),
            int(r.sessions_ended, lang),
            count(r.municipalities, lang),
            plural(r.municipalities, "gemeente", "gemeenten"),
        ),
        Lang::En => format!(
            "{} {}{period}, {} of them ended; {} {}.",
            int(r.sessions, lang),
            plural(n, "session", "sessions"),
            int(r.sessions_ended, lang),
            count(r.municipalities, lang),
            plural(r.municipalities, "municipality", "municipalities"),
        ),
    });
    if r.logs_skipped > 0 || r.logs_damaged > 0 {
        lines.push(match lang {
            Lang::Nl => format!(
                "{} logboek(en) overgeslagen en {} met beschadigde regels (zie de waarschuwingen); van die laatste telt alles wat heel was.",
                int(r.logs_skipped, lang),
                int(r.logs_damaged, lang)
            ),
            Lang::En => format!(
                "{} log(s) skipped and {} with damaged lines (see the warnings); of the latter, every intact event counts.",
                int(r.logs_skipped, lang),
                int(r.logs_damaged, lang)
            ),
        });
    }
    if r.logs_without_deck > 0 {
        lines.push(match lang {
            Lang::Nl => format!(
                "{} logboek(en) zonder vastgelegd deck: gelezen met het meegeleverde deck of --deck.",
                int(r.logs_without_deck, lang)
            ),
            Lang::En => format!(
                "{} log(s) without a recorded deck: read with the bundled deck or --deck.",
                int(r.logs_without_deck, lang)
            ),
        });
    }
    lines.push(AGGREGATE.get(lang).to_string());
    if r.anonymized {
        lines.push(ANONYMIZED.get(lang).to_string());
    }
    lines
}

fn card_sentence(c: &CardRow, lang: Lang) -> String {
    let mut parts = vec![match lang {
        Lang::Nl => format!(
            "Gespeeld door {} {}",
            count(c.municipalities, lang),
            plural(c.municipalities, "gemeente", "gemeenten")
        ),
        Lang::En => format!(
            "Played by {} {}",
            count(c.municipalities, lang),
            plural(c.municipalities, "municipality", "municipalities")
        ),
    }];
    if c.played_again > 0 {
        parts.push(match lang {
            Lang::Nl => format!(
                "{} {} de kaart opnieuw",
                count(c.played_again, lang),
                plural(c.played_again, "gemeente speelde", "gemeenten speelden")
            ),
            Lang::En => format!(
                "{} {} it again",
                count(c.played_again, lang),
                plural(c.played_again, "municipality played", "municipalities played")
            ),
        });
    }
    if c.changed > 0 {
        parts.push(match lang {
            Lang::Nl => format!(
                "{} {} later anders",
                count(c.changed, lang),
                plural(c.changed, "gemeente koos", "gemeenten kozen")
            ),
            Lang::En => format!(
                "{} {} differently later",
                count(c.changed, lang),
                plural(c.changed, "municipality chose", "municipalities chose")
            ),
        });
    }
    format!("{}.", parts.join("; "))
}

fn decisions_line(rows: &[CountRow], lang: Lang) -> String {
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| format!("{} {} ({})", r.label, int(r.count, lang), percent(r.share)))
        .collect();
    format!("{}: {}.", HOW.get(lang), parts.join(", "))
}

fn actions_lines(r: &Report) -> Vec<String> {
    let lang = r.lang;
    let f = &r.follow_up;
    let mut lines = vec![match lang {
        Lang::Nl => format!(
            "{} {} vastgelegd, {} per sessie.",
            int(r.actions, lang),
            plural(r.actions as usize, "actie", "acties"),
            decimal(r.actions_per_session, lang)
        ),
        Lang::En => format!(
            "{} {} recorded, {} per session.",
            int(r.actions, lang),
            plural(r.actions as usize, "action", "actions"),
            decimal(r.actions_per_session, lang)
        ),
    }];
    lines.push(if f.brought == 0 {
        match lang {
            Lang::Nl => "Geen sessie volgde eerdere acties op.".to_string(),
            Lang::En => "No session followed up on earlier actions.".to_string(),
        }
    } else {
        match lang {
            Lang::Nl => format!(
                "Opvolging: {} van {} eerdere acties gedaan ({}); {} onderweg, {} niet begonnen, {} niet besproken.",
                int(f.done, lang),
                int(f.brought, lang),
                percent(f.completion),
                int(f.under_way, lang),
                int(f.not_started, lang),
                int(f.not_asked, lang)
            ),
            Lang::En => format!(
                "Follow-up: {} of {} earlier actions done ({}); {} under way, {} not started, {} not discussed.",
                int(f.done, lang),
                int(f.brought, lang),
                percent(f.completion),
                int(f.under_way, lang),
                int(f.not_started, lang),
                int(f.not_asked, lang)
            ),
        }
    });
    lines
}

// ---------------------------------------------------------------- Markdown

/// Escapes text for CommonMark: a backslash before every character that can start emphasis, a
/// link, an image, code, an HTML tag, an entity, a heading, a table cell or strikethrough
/// (`\` included), and before a list, quote or ordered-list marker at the start; line breaks
/// become spaces. Other punctuation stays readable (`1,5`, `57%`).
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut digits_only = true;
    for (i, c) in s.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits_only && !at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        digits_only = digits_only && c.is_ascii_digit();
    }
    out
}

fn md_table(out: &mut String, header: &[&str], rows: Vec<Vec<String>>) {
    out.push_str(&format!("| {} |\n", header.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | ")));
    out.push_str(&format!(
        "|{}\n",
        header.iter().enumerate().map(|(i, _)| if i == 0 { "---|" } else { "--:|" }).collect::<String>()
    ));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")));
    }
    out.push('\n');
}

/// A closing section of the report: a heading, sentences and tables. Markdown and HTML lay the
/// same sections out, so the two formats cannot drift apart.
struct Section {
    heading: &'static str,
    lines: Vec<String>,
    tables: Vec<(Vec<&'static str>, Vec<Vec<String>>)>,
}

/// How groups decided, who dissented, actions, months and objectives.
fn closing_sections(r: &Report) -> Vec<Section> {
    let lang = r.lang;
    let shares = |rows: &[CountRow]| -> Vec<Vec<String>> {
        rows.iter().map(|a| vec![a.label.clone(), int(a.count, lang), percent(a.share)]).collect()
    };
    let mut action_tables = Vec::new();
    if !r.actions_by_owner.is_empty() {
        action_tables
            .push((vec![OWNER.get(lang), ACTIONS_COL.get(lang), SHARE.get(lang)], shares(&r.actions_by_owner)));
        action_tables
            .push((vec![THEME_OF_CARD.get(lang), ACTIONS_COL.get(lang), SHARE.get(lang)], shares(&r.actions_by_theme)));
    }
    vec![
        Section {
            heading: DECIDED.get(lang),
            lines: Vec::new(),
            tables: vec![(vec![HOW.get(lang), COUNT.get(lang), SHARE.get(lang)], shares(&r.decisions))],
        },
        Section {
            heading: ROLES.get(lang),
            lines: Vec::new(),
            tables: vec![(
                vec![ROLE.get(lang), AT_TABLE.get(lang), DISSENTED.get(lang), SHARE.get(lang)],
                r.roles
                    .iter()
                    .map(|x| vec![x.label.clone(), int(x.present, lang), int(x.dissent, lang), percent(x.share)])
                    .collect(),
            )],
        },
        Section { heading: ACTIONS.get(lang), lines: actions_lines(r), tables: action_tables },
        Section {
            heading: MONTHS.get(lang),
            lines: Vec::new(),
            tables: vec![(
                vec![MONTH.get(lang), SESSIONS.get(lang), MUNIS.get(lang), ANSWERS.get(lang), ACTIONS_COL.get(lang)],
                r.months
                    .iter()
                    .map(|m| {
                        vec![
                            m.month.clone(),
                            int(m.sessions, lang),
                            count(m.municipalities, lang),
                            int(m.answers, lang),
                            int(m.actions, lang),
                        ]
                    })
                    .collect(),
            )],
        },
        Section {
            heading: OBJECTIVES.get(lang),
            lines: Vec::new(),
            tables: vec![(
                vec![OBJECTIVE.get(lang), COVERED.get(lang), CARDS.get(lang), ANSWERS.get(lang)],
                r.objectives
                    .iter()
                    .map(|o| {
                        vec![
                            o.text.clone(),
                            if o.covered { YES.get(lang) } else { NO.get(lang) }.to_string(),
                            count(o.cards_played, lang),
                            count(o.answers, lang),
                        ]
                    })
                    .collect(),
            )],
        },
    ]
}

fn markdown(r: &Report) -> String {
    let lang = r.lang;
    let mut out = format!("# {}\n\n", md(TITLE.get(lang)));
    for line in summary(r) {
        out.push_str(&format!("{}\n\n", md(&line)));
    }
    out.push_str(&format!("## {}\n\n", md(PARTICIPANTS.get(lang))));
    if r.participants.is_empty() {
        out.push_str(&format!("{}\n\n", md(NONE.get(lang))));
    }
    for p in &r.participants {
        let s = p.shown(lang);
        out.push_str(&format!("- {}\n", md(&s)));
    }
    out.push('\n');

    out.push_str(&format!("## {}\n\n", md(BY_THEME.get(lang))));
    md_table(
        &mut out,
        &[THEME.get(lang), CARDS_PLAYED.get(lang), MUNIS.get(lang), ANSWERS.get(lang), HOW.get(lang)],
        r.themes
            .iter()
            .map(|t| {
                vec![
                    t.label.clone(),
                    format!("{} / {}", count(t.cards_played, lang), count(t.cards_in_deck, lang)),
                    count(t.municipalities, lang),
                    count(t.answers, lang),
                    short_decisions(&t.decisions),
                ]
            })
            .collect(),
    );

    out.push_str(&format!("## {}\n\n", md(BY_CARD.get(lang))));
    let mut theme: Option<String> = None;
    for c in r.cards.iter().filter(|c| c.municipalities > 0) {
        if theme.as_deref() != Some(c.theme_label.as_str()) {
            out.push_str(&format!("### {}\n\n", md(&c.theme_label)));
            theme = Some(c.theme_label.clone());
        }
        out.push_str(&format!("#### {} ({})\n\n", md(&c.title), md(&c.id)));
        out.push_str(&format!("{}\n\n", md(&card_sentence(c, lang))));
        if c.small {
            out.push_str(&format!("*{}*\n\n", md(&small_text(r))));
            continue;
        }
        md_table(
            &mut out,
            &[OPTION.get(lang), MUNIS.get(lang), SHARE.get(lang)],
            c.options.iter().map(|o| vec![o.label.clone(), count(o.municipalities, lang), percent(o.share)]).collect(),
        );
        out.push_str(&format!("{}\n\n", md(&decisions_line(&c.decisions, lang))));
        if c.options.iter().any(|o| !o.rationales.is_empty()) {
            out.push_str(&format!("{}:\n\n", md(RATIONALES.get(lang))));
            for o in c.options.iter().filter(|o| !o.rationales.is_empty()) {
                for t in &o.rationales {
                    out.push_str(&format!("- *{}*: “{}”\n", md(&o.label), md(t)));
                }
            }
            out.push('\n');
        }
    }
    let unplayed: Vec<&CardRow> = r.cards.iter().filter(|c| c.municipalities == 0).collect();
    if !unplayed.is_empty() {
        out.push_str(&format!("### {}\n\n", md(NOT_PLAYED.get(lang))));
        for c in unplayed {
            out.push_str(&format!("- {} ({}, {})\n", md(&c.title), md(&c.id), md(&c.theme_label)));
        }
        out.push('\n');
    }

    for section in closing_sections(r) {
        out.push_str(&format!("## {}\n\n", md(section.heading)));
        for line in &section.lines {
            out.push_str(&format!("{}\n\n", md(line)));
        }
        for (head, rows) in section.tables {
            md_table(&mut out, &head, rows);
        }
    }
    out
}

fn short_decisions(rows: &[CountRow]) -> String {
    let parts: Vec<String> =
        rows.iter().filter(|r| r.count > 0).map(|r| format!("{} {}", r.label, percent(r.share))).collect();
    if parts.is_empty() { "–".into() } else { parts.join(", ") }
}

// ---------------------------------------------------------------- HTML

fn html_table(out: &mut String, header: &[&str], rows: Vec<Vec<String>>) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"n\"" };
            out.push_str(&format!("<td{class}>{}</td>", esc(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn html(r: &Report) -> String {
    let lang = r.lang;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}\ntable{{border-collapse:collapse;margin:.5rem 0 1rem}}th,td{{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}}td.n{{text-align:right}}\n.bar{{display:inline-block;height:.8em;background:#2a6f97}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.code(),
        esc(TITLE.get(lang)),
        esc(TITLE.get(lang))
    );
    for line in summary(r) {
        out.push_str(&format!("<p>{}</p>\n", esc(&line)));
    }
    out.push_str(&format!("<h2>{}</h2>\n<ul>\n", esc(PARTICIPANTS.get(lang))));
    for p in &r.participants {
        let s = p.shown(lang);
        out.push_str(&format!("<li>{}</li>\n", esc(&s)));
    }
    out.push_str("</ul>\n");
    out.push_str(&format!("<h2>{}</h2>\n", esc(BY_THEME.get(lang))));
    html_table(
        &mut out,
        &[THEME.get(lang), CARDS_PLAYED.get(lang), MUNIS.get(lang), ANSWERS.get(lang), HOW.get(lang)],
        r.themes
            .iter()
            .map(|t| {
                vec![
                    t.label.clone(),
                    format!("{} / {}", count(t.cards_played, lang), count(t.cards_in_deck, lang)),
                    count(t.municipalities, lang),
                    count(t.answers, lang),
                    short_decisions(&t.decisions),
                ]
            })
            .collect(),
    );
    out.push_str(&format!("<h2>{}</h2>\n", esc(BY_CARD.get(lang))));
    let mut theme: Option<String> = None;
    for c in r.cards.iter().filter(|c| c.municipalities > 0) {
        if theme.as_deref() != Some(c.theme_label.as_str()) {
            out.push_str(&format!("<h3>{}</h3>\n", esc(&c.theme_label)));
            theme = Some(c.theme_label.clone());
        }
        out.push_str(&format!("<h4>{} <small>({})</small></h4>\n", esc(&c.title), esc(&c.id)));
        out.push_str(&format!("<p>{}</p>\n", esc(&card_sentence(c, lang))));
        if c.small {
            out.push_str(&format!("<p><em>{}</em></p>\n", esc(&small_text(r))));
            continue;
        }
        out.push_str(&format!(
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead>\n<tbody>\n",
            esc(OPTION.get(lang)),
            esc(MUNIS.get(lang)),
            esc(SHARE.get(lang))
        ));
        for o in &c.options {
            let width = (o.share * 10.0).round() as i64;
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><span class=\"bar\" style=\"width:{width}em\"></span></td></tr>\n",
                esc(&o.label),
                esc(&count(o.municipalities, lang)),
                esc(&percent(o.share))
            ));
        }
        out.push_str("</tbody>\n</table>\n");
        out.push_str(&format!("<p>{}</p>\n", esc(&decisions_line(&c.decisions, lang))));
        if c.options.iter().any(|o| !o.rationales.is_empty()) {
            out.push_str(&format!("<p>{}:</p>\n<ul>\n", esc(RATIONALES.get(lang))));
            for o in c.options.iter().filter(|o| !o.rationales.is_empty()) {
                for t in &o.rationales {
                    out.push_str(&format!("<li><em>{}</em>: “{}”</li>\n", esc(&o.label), esc(t)));
                }
            }
            out.push_str("</ul>\n");
        }
    }
    let unplayed: Vec<&CardRow> = r.cards.iter().filter(|c| c.municipalities == 0).collect();
    if !unplayed.is_empty() {
        out.push_str(&format!("<h3>{}</h3>\n<ul>\n", esc(NOT_PLAYED.get(lang))));
        for c in unplayed {
            out.push_str(&format!("<li>{} ({}, {})</li>\n", esc(&c.title), esc(&c.id), esc(&c.theme_label)));
        }
        out.push_str("</ul>\n");
    }
    for section in closing_sections(r) {
        out.push_str(&format!("<h2>{}</h2>\n", esc(section.heading)));
        for line in &section.lines {
            out.push_str(&format!("<p>{}</p>\n", esc(line)));
        }
        for (head, rows) in section.tables {
            html_table(&mut out, &head, rows);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------- JSON

/// The report as JSON; `<`, `>` and `&` are written as `\u003c` etc., so the file stays inert
/// even when pasted into a web page.
fn json(r: &Report) -> String {
    let text = serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into());
    // These characters can only occur inside JSON strings, where the escapes mean the same.
    let mut out = text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    out.push('\n');
    out
}
