//! The series report as a spreadsheet (rust_xlsxwriter): one sheet per table, numbers as numbers
//! and shares as percentages, so the spreadsheet shows them the way the reader's own language
//! writes them (`57%`, `1,5` in a Dutch Excel). Every text is written as a text cell: a
//! rationale that starts with `=` stays text, never a formula.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::report::Report;
use crate::scenario::Lang;
use crate::scenario::text::L;

/// One cell to write.
enum Cell {
    Text(String),
    Count(u64),
    Share(f64),
    Decimal(f64),
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

struct Sheets {
    book: Workbook,
    bold: Format,
    percent: Format,
    decimal: Format,
}

impl Sheets {
    fn sheet(&mut self, name: L, lang: Lang, header: &[L], rows: Vec<Vec<Cell>>) -> Result<(), XlsxError> {
        let (bold, percent, decimal) = (self.bold.clone(), self.percent.clone(), self.decimal.clone());
        let sheet: &mut Worksheet = self.book.add_worksheet();
        sheet.set_name(name.get(lang))?;
        for (c, h) in header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), h.get(lang), &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in rows.into_iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.into_iter().enumerate() {
                let c = col(c);
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s)?,
                    Cell::Count(n) => sheet.write_number(r, c, n as f64)?,
                    Cell::Share(x) => sheet.write_number_with_format(r, c, x, &percent)?,
                    Cell::Decimal(x) => sheet.write_number_with_format(r, c, x, &decimal)?,
                };
            }
        }
        sheet.autofit();
        Ok(())
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

const SUMMARY: L = L("Overzicht", "Summary");
const CARDS: L = L("Kaarten", "Cards");
const RATIONALES: L = L("Toelichtingen", "Rationales");
const THEMES: L = L("Thema's", "Themes");
const DECISIONS: L = L("Besluitvorming", "Decisions");
const ROLES: L = L("Rollen", "Roles");
const ACTIONS: L = L("Acties", "Actions");
const MONTHS: L = L("Maanden", "Months");
const OBJECTIVES: L = L("Doelstellingen", "Objectives");
const PARTICIPANTS: L = L("Gemeenten", "Municipalities");

const WHAT: L = L("Wat", "What");
const VALUE: L = L("Waarde", "Value");
const THEME: L = L("Thema", "Theme");
const CARD: L = L("Kaart", "Card");
const ID: L = L("Id", "Id");
const CARD_MUNIS: L = L("Gemeenten (kaart)", "Municipalities (card)");
const AGAIN: L = L("Opnieuw gespeeld", "Played again");
const CHANGED: L = L("Later anders gekozen", "Changed later");
const OPTION: L = L("Optie", "Option");
const MUNIS: L = L("Gemeenten", "Municipalities");
const SHARE: L = L("Aandeel", "Share");
const RATIONALE: L = L("Toelichting", "Rationale");
const CARDS_PLAYED: L = L("Kaarten gespeeld", "Cards played");
const CARDS_IN_DECK: L = L("Kaarten in het deck", "Cards in the deck");
const ANSWERS: L = L("Antwoorden", "Answers");
const HOW: L = L("Besluitvorming", "How decided");
const COUNT: L = L("Aantal", "Count");
const ROLE: L = L("Rol", "Role");
const AT_TABLE: L = L("Aan tafel (antwoorden)", "At the table (answers)");
const DISSENTED: L = L("Afwijkend", "Dissented");
const OWNER: L = L("Eigenaar", "Owner");
const MONTH: L = L("Maand", "Month");
const SESSIONS: L = L("Sessies", "Sessions");
const OBJECTIVE: L = L("Doelstelling", "Objective");
const COVERED: L = L("Aan bod", "Covered");
const NAME: L = L("Gemeente", "Municipality");

/// The report as an .xlsx file.
pub fn xlsx(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let lang = r.lang;
    let mut s = Sheets {
        book: Workbook::new(),
        bold: Format::new().set_bold(),
        // A share that is there but rounds to nothing shows "<1%", as in the report; "0%" would say nobody.
        // (The report's ">99%" is not here: Excel allows two conditions in a number format, and the
        // cell keeps the exact share for anyone who sorts or sums.)
        percent: Format::new().set_num_format("[=0]0%;[<0.005]\"<1%\";0%"),
        decimal: Format::new().set_num_format("0.0"),
    };
    let yes_no = |b: bool| text(if b { L("ja", "yes").get(lang) } else { L("nee", "no").get(lang) });
    let f = &r.follow_up;
    let summary: Vec<(L, Cell)> = vec![
        (L("Sessies", "Sessions"), Cell::Count(r.sessions)),
        (L("Waarvan afgesloten", "Of which ended"), Cell::Count(r.sessions_ended)),
        (L("Gemeenten", "Municipalities"), Cell::Count(r.municipalities as u64)),
        (L("Eerste maand", "First month"), text(r.first_month.as_deref().unwrap_or(""))),
        (L("Laatste maand", "Last month"), text(r.last_month.as_deref().unwrap_or(""))),
        (L("Acties", "Actions"), Cell::Count(r.actions)),
        (L("Acties per sessie", "Actions per session"), Cell::Decimal(r.actions_per_session)),
        (L("Eerdere acties opgevolgd", "Earlier actions followed up"), Cell::Count(f.brought)),
        (L("Daarvan gedaan", "Of which done"), Cell::Count(f.done)),
        (L("Daarvan onderweg", "Of which under way"), Cell::Count(f.under_way)),
        (L("Daarvan niet begonnen", "Of which not started"), Cell::Count(f.not_started)),
        (L("Daarvan niet besproken", "Of which not discussed"), Cell::Count(f.not_asked)),
        (L("Opvolging: gedaan", "Follow-up: done"), Cell::Share(f.completion)),
        (L("Logboeken overgeslagen", "Logs skipped"), Cell::Count(r.logs_skipped)),
        (L("Logboeken met beschadigde regels", "Logs with damaged lines"), Cell::Count(r.logs_damaged)),
        (L("Geanonimiseerd", "Anonymised"), yes_no(r.anonymized)),
    ];
    s.sheet(SUMMARY, lang, &[WHAT, VALUE], summary.into_iter().map(|(l, c)| vec![text(l.get(lang)), c]).collect())?;
    s.sheet(
        PARTICIPANTS,
        lang,
        &[NAME, SESSIONS],
        r.participants
            .iter()
            .map(|p| vec![text(&p.name), p.sessions.map_or_else(|| text(""), |n| Cell::Count(u64::from(n)))])
            .collect(),
    )?;
    let mut rows = Vec::new();
    let mut said = Vec::new();
    for c in &r.cards {
        if c.small {
            // No shares: one row that says why.
            rows.push(vec![
                text(&c.theme_label),
                text(&c.title),
                text(&c.id),
                Cell::Count(c.municipalities as u64),
                text(""),
                text(""),
                text(&r.small_text()),
                text(""),
                text(""),
            ]);
            continue;
        }
        for o in &c.options {
            rows.push(vec![
                text(&c.theme_label),
                text(&c.title),
                text(&c.id),
                Cell::Count(c.municipalities as u64),
                Cell::Count(c.played_again as u64),
                Cell::Count(c.changed as u64),
                text(&o.label),
                Cell::Count(o.municipalities as u64),
                Cell::Share(o.share),
            ]);
            for t in &o.rationales {
                said.push(vec![text(&c.title), text(&o.label), text(t)]);
            }
        }
    }
    s.sheet(CARDS, lang, &[THEME, CARD, ID, CARD_MUNIS, AGAIN, CHANGED, OPTION, MUNIS, SHARE], rows)?;
    s.sheet(RATIONALES, lang, &[CARD, OPTION, RATIONALE], said)?;
    s.sheet(
        THEMES,
        lang,
        &[THEME, CARDS_PLAYED, CARDS_IN_DECK, MUNIS, ANSWERS],
        r.themes
            .iter()
            .map(|t| {
                vec![
                    text(&t.label),
                    Cell::Count(t.cards_played as u64),
                    Cell::Count(t.cards_in_deck as u64),
                    Cell::Count(t.municipalities as u64),
                    Cell::Count(t.answers as u64),
                ]
            })
            .collect(),
    )?;
    s.sheet(
        DECISIONS,
        lang,
        &[HOW, COUNT, SHARE],
        r.decisions.iter().map(|d| vec![text(&d.label), Cell::Count(d.count), Cell::Share(d.share)]).collect(),
    )?;
    s.sheet(
        ROLES,
        lang,
        &[ROLE, AT_TABLE, DISSENTED, SHARE],
        r.roles
            .iter()
            .map(|x| vec![text(&x.label), Cell::Count(x.present), Cell::Count(x.dissent), Cell::Share(x.share)])
            .collect(),
    )?;
    let mut rows: Vec<Vec<Cell>> = r
        .actions_by_owner
        .iter()
        .map(|a| vec![text(&a.label), text(""), Cell::Count(a.count), Cell::Share(a.share)])
        .collect();
    rows.extend(
        r.actions_by_theme.iter().map(|a| vec![text(""), text(&a.label), Cell::Count(a.count), Cell::Share(a.share)]),
    );
    s.sheet(ACTIONS, lang, &[OWNER, THEME, COUNT, SHARE], rows)?;
    s.sheet(
        MONTHS,
        lang,
        &[MONTH, SESSIONS, MUNIS, ANSWERS, ACTIONS],
        r.months
            .iter()
            .map(|m| {
                vec![
                    text(&m.month),
                    Cell::Count(m.sessions),
                    Cell::Count(m.municipalities as u64),
                    Cell::Count(m.answers),
                    Cell::Count(m.actions),
                ]
            })
            .collect(),
    )?;
    s.sheet(
        OBJECTIVES,
        lang,
        &[OBJECTIVE, COVERED, CARDS_PLAYED, ANSWERS],
        r.objectives
            .iter()
            .map(|o| {
                vec![
                    text(&o.text),
                    yes_no(o.covered),
                    Cell::Count(o.cards_played as u64),
                    Cell::Count(o.answers as u64),
                ]
            })
            .collect(),
    )?;
    s.book.save_to_buffer()
}
