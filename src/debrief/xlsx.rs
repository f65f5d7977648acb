//! The Excel workbook: one sheet per table (choices, actions, notes, follow-up), with real
//! numbers and dates, headers in the report's language, and every text written as a text cell,
//! so no note or rationale can ever run as a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

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
    workbook.save_to_buffer().map_err(err)
}
