//! The Excel workbook: one sheet per table (choices, actions, notes, follow-up), with real
//! numbers and dates, headers in the report's language, and every text written as a text cell,
//! so no note or rationale can ever run as a formula.

use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::tables::{Table, Value, tables};
use super::{DebriefError, Report};

fn err(e: XlsxError) -> DebriefError {
    DebriefError::Write(e.to_string())
}

fn date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

fn write_sheet(workbook: &mut Workbook, table: &Table, lang: crate::scenario::Lang) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color("#E8E8E8").set_text_wrap();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let (date_format, time_format) = match lang {
        crate::scenario::Lang::Nl => ("d-m-yyyy", "d-m-yyyy hh:mm"),
        crate::scenario::Lang::En => ("d mmm yyyy", "d mmm yyyy hh:mm"),
    };
    let day = Format::new().set_num_format(date_format).set_align(FormatAlign::Top);
    let moment = Format::new().set_num_format(time_format).set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.kind.sheet(lang))?;
    for (c, h) in table.headers.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, h, &header)?;
        let width = table
            .rows
            .iter()
            .map(|r| r.get(c).map_or(0, |v| v.plain().chars().count()))
            .chain(std::iter::once(h.chars().count()))
            .max()
            .unwrap_or(10)
            .clamp(8, 60);
        sheet.set_column_width(col, width as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in table.rows.iter().enumerate() {
        let line = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match value {
                Value::Text(t) => {
                    sheet.write_string_with_format(line, col, t, &wrap)?;
                }
                Value::Number(n) => {
                    sheet.write_number_with_format(line, col, *n as f64, &number)?;
                }
                Value::Date(d) => {
                    sheet.write_datetime_with_format(line, col, date(*d)?, &day)?;
                }
                Value::DateTime(d) => {
                    use chrono::Timelike;
                    let dt = date(d.date())?.and_hms(
                        u16::try_from(d.hour()).unwrap_or(0),
                        u8::try_from(d.minute()).unwrap_or(0),
                        0,
                    )?;
                    sheet.write_datetime_with_format(line, col, dt, &moment)?;
                }
                Value::Empty => {}
            }
        }
    }
    if !table.rows.is_empty() {
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        let last_col = u16::try_from(table.headers.len().saturating_sub(1)).unwrap_or(0);
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    Ok(())
}

pub fn render(report: &Report) -> Result<Vec<u8>, DebriefError> {
    let mut workbook = Workbook::new();
    for table in tables(report) {
        write_sheet(&mut workbook, &table, report.lang).map_err(err)?;
    }
    register(&mut workbook, report).map_err(err)?;
    workbook.save_to_buffer().map_err(err)
}

/// The action register: every open action on one sheet, new and carried over, as an organiser
/// keeps it between sessions. Status is chosen from a list (data validation) and stands apart
/// from where the action came from and whether it is over time, so each can be filtered; the
/// sheet prints on A4 landscape, one page wide, with the header row on every page.
fn register(workbook: &mut Workbook, report: &Report) -> Result<(), XlsxError> {
    use super::words as w;
    use crate::session::Progress;
    let lang = report.lang;
    let t = |l: w::Pair| l.get(lang).to_string();
    let headers = [
        t(w::MUNICIPALITY),
        t(w::NUMBER),
        t(w::OBSERVATION),
        t(w::ACTION),
        t(w::PRIORITY),
        t(w::RESPONSIBLE),
        t(w::START),
        t(w::DUE),
        t(w::STATUS),
        t(w::OVERDUE_COLUMN),
        t(w::ORIGIN),
        t(w::PROGRESS),
    ];
    let statuses: Vec<&str> = Progress::ALL.iter().map(|p| p.label(lang)).collect();
    let done = Progress::Done.label(lang);
    let overdue = w::OVERDUE.get(lang);
    let mut rows: Vec<[String; 12]> = Vec::new();
    let mut due_dates = Vec::new();
    for s in report.summaries() {
        for plan in &s.actions {
            for a in &plan.rows {
                let mut parts = a.status.split(", ");
                let first = parts.next().unwrap_or_default();
                let late = a.status.contains(overdue);
                // A new action has no status yet: on the register it has not started.
                let status =
                    if statuses.contains(&first) { first.to_string() } else { Progress::NotStarted.label(lang).into() };
                if status == done {
                    continue;
                }
                let origin = if a.carried {
                    a.card.clone()
                } else if a.card.is_empty() {
                    t(w::NEW)
                } else {
                    format!("{} ({})", t(w::NEW), a.card)
                };
                due_dates.push(a.due_date);
                rows.push([
                    plan.name.clone(),
                    a.number.clone(),
                    a.observation.clone(),
                    a.what.clone(),
                    a.priority.clone(),
                    a.responsible.clone(),
                    a.start.clone(),
                    a.due.clone(),
                    status,
                    if late { t(w::YES) } else { String::new() },
                    origin,
                    a.progress.clone(),
                ]);
            }
        }
    }
    let header = Format::new().set_bold().set_background_color("#E8E8E8").set_text_wrap();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let day = Format::new()
        .set_num_format(if lang == crate::scenario::Lang::Nl { "d-m-yyyy" } else { "d mmm yyyy" })
        .set_align(FormatAlign::Top);
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(w::REGISTER))?;
    let widths = [18.0, 5.0, 30.0, 40.0, 10.0, 24.0, 11.0, 11.0, 14.0, 9.0, 26.0, 30.0];
    for (c, (h, width)) in headers.iter().zip(widths).enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, h, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (r, (row, due)) in rows.iter().zip(&due_dates).enumerate() {
        let line = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match (c, due) {
                // The due date as a real date, so the register sorts and filters by it.
                (7, Some(d)) => {
                    sheet.write_datetime_with_format(line, col, date(*d)?, &day)?;
                }
                _ if !value.is_empty() => {
                    sheet.write_string_with_format(line, col, value, &wrap)?;
                }
                _ => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len().max(1)).unwrap_or(u32::MAX);
    // Room for actions added by hand below the list: the status list applies there too.
    let list_to = last_row.saturating_add(200);
    let validation = DataValidation::new()
        .allow_list_strings(&statuses)?
        .set_error_title(t(w::STATUS))?
        .set_error_message(statuses.join(" / "))?;
    sheet.add_data_validation(1, 8, list_to, 8, &validation)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, 11)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_header(format!("&L{}&R{}", t(w::REGISTER), w::CONFIDENTIAL.get(lang)));
    sheet.set_footer(format!("&R{} &P {} &N", w::PAGE.get(lang), w::OF.get(lang)));
    Ok(())
}
