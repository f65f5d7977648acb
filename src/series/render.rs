//! The series report as Markdown, HTML or JSON. Every text in a [`Report`] is already cleaned
//! of control characters; here it is escaped for the format (CommonMark punctuation, HTML
//! entities, `<` in JSON), and numbers are written the way the reader's language writes them.

use super::report::{CardRow, CountRow, Report};
use crate::report::chart::Bar;
use crate::report::docx::{Page, Word};
use crate::report::html::Html;
use crate::report::markdown::Markdown;
pub use crate::report::markdown::md;
use crate::report::{Cell, Markup, Tone, date, num, text};
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
    /// A Word document (binary), laid out as the HTML: to edit before it is published.
    Docx,
}

/// The spreadsheet or the Word file could not be made (the writer's own reason, which names a
/// limit such as a cell's 32,767 characters).
#[derive(Debug, thiserror::Error)]
#[error("cannot make the report: {0}")]
pub struct RenderError(String);

impl RenderError {
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            L("kan het overzicht niet maken", "cannot make the report").get(lang),
            crate::scenario::clean(&self.0)
        )
    }
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        Format::Markdown => markdown(report).into_bytes(),
        Format::Html => html(report).into_bytes(),
        Format::Json => json(report).into_bytes(),
        Format::Xlsx => super::xlsx::xlsx(report).map_err(|e| RenderError(e.to_string()))?,
        Format::Docx => docx(report)?,
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

/// A fraction as a whole percentage: `57%` in both languages. A share that is there but rounds
/// to nothing reads `<1%` (and one short of everyone `>99%`): "0%" would say nobody.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".to_string()
    } else if (99.5..100.0).contains(&p) {
        ">99%".to_string()
    } else {
        format!("{}%", p.round() as i64)
    }
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
const OPTION: L = L("Optie", "Option");
const HOW: L = L("Besluitvorming", "How decided");
const ROLE: L = L("Rol", "Role");
const AT_TABLE: L = L("Aan tafel (antwoorden)", "At the table (answers)");
const DISSENTED: L = L("Afwijkend", "Dissented");
const MONTH: L = L("Maand", "Month");
const SESSIONS: L = L("Sessies", "Sessions");
const ACTIONS_COL: L = L("Acties", "Actions");
const OBJECTIVE: L = L("Doelstelling", "Objective");
const COVERED: L = L("Aan bod", "Covered");
const YES: L = L("ja", "yes");
const NO: L = L("nee", "no");
const NOT_PLAYED: L = L("Niet gespeeld in deze reeks", "Not played in this series");
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
    let (first, last) =
        (r.first_month.as_deref().map(|m| month_label(m, lang)), r.last_month.as_deref().map(|m| month_label(m, lang)));
    let period = match (&first, &last) {
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
                "{} {} overgeslagen en {} met beschadigde regels (zie de waarschuwingen); van die laatste telt alles wat heel was.",
                int(r.logs_skipped, lang),
                plural(r.logs_skipped as usize, "logboek", "logboeken"),
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
                "{} {} zonder vastgelegd deck: gelezen met het meegeleverde deck of --deck.",
                int(r.logs_without_deck, lang),
                plural(r.logs_without_deck as usize, "logboek", "logboeken")
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

/// How the groups decided on a card, every answer counted (a card played again counts twice):
/// "Besluitvorming, alle 12 antwoorden: unaniem 5 (42%), …".
fn decisions_line(c: &CardRow, lang: Lang) -> String {
    let parts: Vec<String> = c
        .decisions
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| format!("{} {} ({})", r.label, int(r.count, lang), percent(r.share)))
        .collect();
    let all = match lang {
        Lang::Nl => format!("alle {} {}", int(c.answers, lang), plural(c.answers as usize, "antwoord", "antwoorden")),
        Lang::En => format!("all {} {}", int(c.answers, lang), plural(c.answers as usize, "answer", "answers")),
    };
    format!("{}, {all}: {}.", HOW.get(lang), parts.join(", "))
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

// ---------------------------------------------------------------- Layout

/// A month `YYYY-MM` written out: `maart 2026` / `March 2026`.
pub fn month_label(month: &str, lang: Lang) -> String {
    let mut parts = month.splitn(2, '-');
    let year = parts.next().unwrap_or("");
    match parts.next().and_then(|m| m.parse::<u32>().ok()) {
        Some(m) => format!("{} {year}", crate::report::month_name(m, lang)),
        None => month.to_string(),
    }
}

/// An option's text inside a sentence: without its closing full stop.
fn sentence(label: &str) -> &str {
    label.trim_end().trim_end_matches('.')
}

/// A card's title in quotes, as a sentence names it.
fn quoted(title: &str) -> String {
    format!("‘{title}’")
}

/// How far a card's municipalities were apart: the share that chose something other than the
/// option chosen most. 0 when all agreed; a card played by one municipality is not compared.
fn divergence(c: &CardRow) -> Option<f64> {
    if c.small || c.municipalities < 2 {
        return None;
    }
    let top = c.options.iter().map(|o| o.share).fold(0.0_f64, f64::max);
    Some(1.0 - top)
}

/// The cards where municipalities differed most, most first (ties: the more played first).
fn most_divided(r: &Report) -> Vec<(&CardRow, f64)> {
    let mut v: Vec<(&CardRow, f64)> = r.cards.iter().filter_map(|c| divergence(c).map(|d| (c, d))).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.municipalities.cmp(&a.0.municipalities)));
    v
}

/// The executive summary: where municipalities differed most, what most of them chose on the
/// cards played most, who takes the actions and how the follow-up went.
fn executive(r: &Report) -> Vec<String> {
    let lang = r.lang;
    let mut lines = Vec::new();
    let divided: Vec<String> = most_divided(r)
        .into_iter()
        .filter(|(_, d)| *d > 0.0)
        .take(3)
        .map(|(c, d)| match lang {
            Lang::Nl => format!("{} ({} koos anders dan de meeste gemeenten)", quoted(&c.title), percent(d)),
            Lang::En => format!("{} ({} chose otherwise than most municipalities)", quoted(&c.title), percent(d)),
        })
        .collect();
    if !divided.is_empty() {
        lines.push(match lang {
            Lang::Nl => format!("Waar gemeenten het meest verschilden: {}.", divided.join("; ")),
            Lang::En => format!("Where municipalities differed most: {}.", divided.join("; ")),
        });
    }
    let mut played: Vec<&CardRow> = r.cards.iter().filter(|c| !c.small && c.municipalities > 0).collect();
    played.sort_by_key(|c| std::cmp::Reverse(c.municipalities));
    let chosen: Vec<String> = played
        .iter()
        .take(3)
        .filter_map(|c| {
            let top = c.options.iter().max_by(|a, b| a.municipalities.cmp(&b.municipalities))?;
            Some(match lang {
                Lang::Nl => format!(
                    "{}: {} ({} van {} {})",
                    quoted(&c.title),
                    sentence(&top.label),
                    count(top.municipalities, lang),
                    count(c.municipalities, lang),
                    plural(c.municipalities, "gemeente", "gemeenten")
                ),
                Lang::En => format!(
                    "{}: {} ({} of {} {})",
                    quoted(&c.title),
                    sentence(&top.label),
                    count(top.municipalities, lang),
                    count(c.municipalities, lang),
                    plural(c.municipalities, "municipality", "municipalities")
                ),
            })
        })
        .collect();
    if !chosen.is_empty() {
        lines.push(match lang {
            Lang::Nl => format!("Wat de meeste gemeenten kozen op de meest gespeelde kaarten: {}.", chosen.join("; ")),
            Lang::En => format!("What most municipalities chose on the cards played most: {}.", chosen.join("; ")),
        });
    }
    let top = |rows: &[CountRow]| -> Vec<String> {
        let mut v: Vec<&CountRow> = rows.iter().filter(|x| x.count > 0).collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.count));
        v.into_iter()
            .take(2)
            .map(|x| {
                format!(
                    "{} ({} {}, {})",
                    x.label,
                    int(x.count, lang),
                    match (lang, x.count) {
                        (Lang::Nl, 1) => "actie",
                        (Lang::Nl, _) => "acties",
                        (Lang::En, 1) => "action",
                        (Lang::En, _) => "actions",
                    },
                    percent(x.share)
                )
            })
            .collect()
    };
    let (owners, themes) = (top(&r.actions_by_owner), top(&r.actions_by_theme));
    if !owners.is_empty() {
        lines.push(match lang {
            Lang::Nl => format!(
                "De meeste acties liggen bij: {}; ze kwamen vooral op kaarten over {}.",
                owners.join(" en "),
                themes.join(" en ").to_lowercase()
            ),
            Lang::En => format!(
                "Most actions lie with: {}; they came mostly from cards about {}.",
                owners.join(" and "),
                themes.join(" and ").to_lowercase()
            ),
        });
    }
    if r.follow_up.brought > 0 {
        let f = &r.follow_up;
        lines.push(match lang {
            Lang::Nl => format!(
                "Bij het vervolg was {} van {} eerdere acties gedaan ({}).",
                int(f.done, lang),
                int(f.brought, lang),
                percent(f.completion)
            ),
            Lang::En => format!(
                "At the follow-up, {} of {} earlier actions were done ({}).",
                int(f.done, lang),
                int(f.brought, lang),
                percent(f.completion)
            ),
        });
    }
    if lines.is_empty() {
        lines.push(NO_SUMMARY.get(lang).to_string());
    }
    lines
}

const SUMMARY: L = L("Samenvatting", "Summary");
const NO_SUMMARY: L = L(
    "Nog te weinig gespeeld om iets samen te vatten zonder een gemeente aan te wijzen.",
    "Too little played yet to summarise without pointing at a municipality.",
);
const DIVIDED: L = L("Waar gemeenten verschilden", "Where municipalities differed");
const DIVIDED_CHART: L = L(
    "Aandeel gemeenten dat iets anders koos dan de meeste, per kaart",
    "Share of municipalities that chose otherwise than most, by card",
);
const DIVIDED_LEGEND: L = L(
    "0% = iedereen koos hetzelfde. Alleen kaarten die minstens twee gemeenten speelden.",
    "0% = everyone chose the same. Only cards played by at least two municipalities.",
);
const DIFFERENT: L = L("Koos anders dan de meeste", "Chose otherwise than most");
const CARD: L = L("Kaart", "Card");
const PLAYED_OF_DECK: L = L("Kaarten gespeeld / in het deck", "Cards played / in the deck");
const DISSENT_SHARE: L = L("Aandeel afwijkend", "Share dissenting");
const DECIDED_CHART: L = L("Hoe de groepen besloten (alle antwoorden)", "How the groups decided (all answers)");
const MONTHS_CHART: L = L("Sessies per maand", "Sessions by month");
const UNIT_NOTE: L = L(
    "Eenheden: ‘gemeenten’ telt elke gemeente één keer per kaart, met haar laatste antwoord; ‘antwoorden (alle)’ telt elk antwoord, ook een kaart die opnieuw is gespeeld.",
    "Units: ‘municipalities’ counts each municipality once per card, with its latest answer; ‘answers (all)’ counts every answer, a card played again included.",
);
const ANSWERS_ONCE: L = L("Antwoorden (1 per gemeente per kaart)", "Answers (1 per municipality per card)");
const ANSWERS_ALL: L = L("Antwoorden (alle)", "Answers (all)");
const MUNIS_LATEST: L = L("Gemeenten (laatste antwoord)", "Municipalities (latest answer)");
const SHARE_MUNIS: L = L("Aandeel van de gemeenten", "Share of municipalities");
const SHARE_ANSWERS: L = L("Aandeel van de antwoorden", "Share of answers");
const SHARE_ACTIONS: L = L("Aandeel van de acties", "Share of actions");
const HOW_ALL: L = L("Besluitvorming (alle antwoorden)", "How decided (all answers)");
const PERIOD: L = L("Periode", "Period");
const RUNNING: L = L("Weerbaar: reeks gesprekken", "Weerbaar: series of sessions");
const PUBLISHED: L = L("Geanonimiseerd", "Anonymised");
const CONFIDENTIAL: L = L("Vertrouwelijk", "Confidential");

/// The period line: `1 januari 2027 t/m 31 maart 2027`, with the sessions left out.
fn period_line(r: &Report) -> Option<String> {
    let (from, to) = r.period.as_ref()?;
    let day = |s: &str| match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if d == chrono::NaiveDate::MIN || d == chrono::NaiveDate::MAX => None,
        Ok(d) => Some(crate::report::show_long_date(d, r.lang)),
        Err(_) => Some(s.to_string()),
    };
    let lang = r.lang;
    let range = match (day(from), day(to), lang) {
        (Some(a), Some(b), Lang::Nl) => format!("{a} t/m {b}"),
        (Some(a), Some(b), Lang::En) => format!("{a} to {b}"),
        (Some(a), None, Lang::Nl) => format!("vanaf {a}"),
        (Some(a), None, Lang::En) => format!("from {a}"),
        (None, Some(b), Lang::Nl) => format!("tot en met {b}"),
        (None, Some(b), Lang::En) => format!("up to {b}"),
        (None, None, _) => return None,
    };
    let outside = match (lang, r.sessions_outside) {
        (_, 0) => String::new(),
        (Lang::Nl, n) => format!(
            " ({} {} buiten deze periode niet meegeteld)",
            int(n, lang),
            plural(n as usize, "sessie", "sessies")
        ),
        (Lang::En, n) => {
            format!(" ({} {} outside this period left out)", int(n, lang), plural(n as usize, "session", "sessions"))
        }
    };
    Some(format!("{range}{outside}"))
}

/// The whole series report, in the order an organiser reads it, for any [`Markup`].
fn layout(m: &mut impl Markup, r: &Report) {
    let lang = r.lang;
    let t = |l: L| l.get(lang);
    m.heading(1, t(TITLE));
    if let Some(period) = period_line(r) {
        m.labelled(t(PERIOD), &period);
    }
    for line in summary(r) {
        m.paragraph(Some(Tone::Meta), &line);
    }
    m.begin("summary");
    m.heading(2, t(SUMMARY));
    m.bullets(&executive(r));
    m.end();

    m.heading(2, t(PARTICIPANTS));
    if r.participants.is_empty() {
        m.paragraph(None, t(NONE));
    } else {
        m.bullets(&r.participants.iter().map(|p| p.shown(lang)).collect::<Vec<_>>());
    }

    m.begin("keep");
    m.heading(2, t(BY_THEME));
    m.paragraph(Some(Tone::Meta), t(UNIT_NOTE));
    m.table(
        &[t(THEME), t(PLAYED_OF_DECK), t(MUNIS), t(ANSWERS_ONCE), t(HOW_ALL)],
        r.themes
            .iter()
            .map(|th| {
                vec![
                    text(&th.label),
                    num(format!("{} / {}", count(th.cards_played, lang), count(th.cards_in_deck, lang))),
                    num(count(th.municipalities, lang)),
                    num(count(th.answers, lang)),
                    text(short_decisions(&th.decisions)),
                ]
            })
            .collect(),
    );
    m.end();

    let divided = most_divided(r);
    if !divided.is_empty() {
        m.begin("keep");
        m.heading(2, t(DIVIDED));
        let shown: Vec<&(&CardRow, f64)> = divided.iter().take(10).collect();
        m.bar_chart(
            t(DIVIDED_CHART),
            t(DIVIDED_LEGEND),
            &shown.iter().map(|(c, d)| Bar::new(c.title.clone(), *d, percent(*d))).collect::<Vec<_>>(),
        );
        m.table(
            &[t(CARD), t(MUNIS_LATEST), t(DIFFERENT)],
            shown
                .iter()
                .map(|(c, d)| vec![text(&c.title), num(count(c.municipalities, lang)), num(percent(*d))])
                .collect(),
        );
        m.end();
    }

    m.heading(2, t(BY_CARD));
    let mut theme: Option<String> = None;
    for c in r.cards.iter().filter(|c| c.municipalities > 0) {
        if theme.as_deref() != Some(c.theme_label.as_str()) {
            m.heading(3, &c.theme_label);
            theme = Some(c.theme_label.clone());
        }
        m.begin("card");
        m.heading(4, &format!("{} ({})", c.title, c.id));
        m.paragraph(None, &card_sentence(c, lang));
        if c.small {
            m.paragraph(Some(Tone::Meta), &r.small_text());
            m.end();
            continue;
        }
        m.option_chart(
            t(MUNIS_LATEST),
            "",
            &c.options.iter().map(|o| (o.label.clone(), o.municipalities)).collect::<Vec<_>>(),
        );
        m.table(
            &[t(OPTION), t(MUNIS_LATEST), t(SHARE_MUNIS)],
            c.options
                .iter()
                .map(|o| vec![text(&o.label), num(count(o.municipalities, lang)), num(percent(o.share))])
                .collect(),
        );
        m.paragraph(None, &decisions_line(c, lang));
        if c.options.iter().any(|o| !o.rationales.is_empty()) {
            m.paragraph(None, &format!("{}:", t(RATIONALES)));
            let quotes: Vec<String> = c
                .options
                .iter()
                .flat_map(|o| o.rationales.iter().map(move |q| format!("{}: “{q}”", sentence(&o.label))))
                .collect();
            m.bullets(&quotes);
        }
        m.end();
    }
    let unplayed: Vec<String> = r
        .cards
        .iter()
        .filter(|c| c.municipalities == 0)
        .map(|c| format!("{} ({}, {})", c.title, c.id, c.theme_label))
        .collect();
    if !unplayed.is_empty() {
        m.heading(3, t(NOT_PLAYED));
        m.bullets(&unplayed);
    }

    let shares = |rows: &[CountRow]| -> Vec<Vec<Cell>> {
        rows.iter().map(|a| vec![text(&a.label), num(int(a.count, lang)), num(percent(a.share))]).collect()
    };
    m.begin("keep");
    m.heading(2, t(DECIDED));
    m.bar_chart(
        t(DECIDED_CHART),
        "",
        &r.decisions
            .iter()
            .map(|d| {
                Bar::new(d.label.clone(), d.count as f64, format!("{} ({})", int(d.count, lang), percent(d.share)))
            })
            .collect::<Vec<_>>(),
    );
    m.table(&[t(HOW), t(ANSWERS_ALL), t(SHARE_ANSWERS)], shares(&r.decisions));
    m.end();

    m.heading(2, t(ROLES));
    m.table(
        &[t(ROLE), t(AT_TABLE), t(DISSENTED), t(DISSENT_SHARE)],
        r.roles
            .iter()
            .map(|x| vec![text(&x.label), num(int(x.present, lang)), num(int(x.dissent, lang)), num(percent(x.share))])
            .collect(),
    );

    m.heading(2, t(ACTIONS));
    for line in actions_lines(r) {
        m.paragraph(None, &line);
    }
    if !r.actions_by_owner.is_empty() {
        m.table(&[t(OWNER), t(ACTIONS_COL), t(SHARE_ACTIONS)], shares(&r.actions_by_owner));
        m.table(&[t(THEME_OF_CARD), t(ACTIONS_COL), t(SHARE_ACTIONS)], shares(&r.actions_by_theme));
    }

    m.begin("keep");
    m.heading(2, t(MONTHS));
    if r.months.len() > 1 {
        m.bar_chart(
            t(MONTHS_CHART),
            "",
            &r.months
                .iter()
                .map(|x| {
                    Bar::new(
                        month_label(&x.month, lang),
                        x.sessions as f64,
                        format!(
                            "{} {}",
                            int(x.sessions, lang),
                            plural(x.sessions as usize, t(SESSION), t(SESSIONS_LOWER))
                        ),
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    m.table(
        &[t(MONTH), t(SESSIONS), t(MUNIS), t(ANSWERS_ALL), t(ACTIONS_COL)],
        r.months
            .iter()
            .map(|x| {
                vec![
                    date(month_label(&x.month, lang)),
                    num(int(x.sessions, lang)),
                    num(count(x.municipalities, lang)),
                    num(int(x.answers, lang)),
                    num(int(x.actions, lang)),
                ]
            })
            .collect(),
    );
    m.end();

    m.heading(2, t(OBJECTIVES));
    m.table(
        &[t(OBJECTIVE), t(COVERED), t(CARDS_PLAYED), t(ANSWERS_ONCE)],
        r.objectives
            .iter()
            .map(|o| {
                vec![
                    text(&o.text),
                    text(if o.covered { t(YES) } else { t(NO) }),
                    num(count(o.cards_played, lang)),
                    num(count(o.answers, lang)),
                ]
            })
            .collect(),
    );
}

const SESSION: L = L("sessie", "session");
const SESSIONS_LOWER: L = L("sessies", "sessions");

fn short_decisions(rows: &[CountRow]) -> String {
    let parts: Vec<String> =
        rows.iter().filter(|r| r.count > 0).map(|r| format!("{} {}", r.label, percent(r.share))).collect();
    if parts.is_empty() { "–".into() } else { parts.join(", ") }
}

fn markdown(r: &Report) -> String {
    let mut m = Markdown::default();
    layout(&mut m, r);
    m.finish()
}

fn docx(r: &Report) -> Result<Vec<u8>, RenderError> {
    let lang = r.lang;
    let running = running(r);
    let mark = if r.anonymized { PUBLISHED.get(lang) } else { CONFIDENTIAL.get(lang) };
    let mut m = Word::new();
    layout(&mut m, r);
    // Created: the day of the last session counted, so the same logs give the same file.
    let created = r.last_day.as_ref().map_or_else(|| "2026-01-01T09:00:00Z".to_string(), |d| format!("{d}T09:00:00Z"));
    let page = Page {
        lang,
        title: TITLE.get(lang),
        running: &running,
        mark: Some(mark),
        creator: "Weerbaar",
        created: &created,
    };
    m.document(&page).map_err(|e| RenderError(e.to_string()))
}

/// The running header: the report's short name and its period.
fn running(r: &Report) -> String {
    match period_line(r) {
        Some(p) => format!("{} · {p}", RUNNING.get(r.lang)),
        None => RUNNING.get(r.lang).to_string(),
    }
}

fn html(r: &Report) -> String {
    let lang = r.lang;
    let running = running(r);
    let mark = if r.anonymized { PUBLISHED.get(lang) } else { CONFIDENTIAL.get(lang) };
    let mut m = Html::page(lang, TITLE.get(lang), &running, Some(mark));
    layout(&mut m, r);
    m.finish()
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
