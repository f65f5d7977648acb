//! Take-home actions as data: who owns one (a role at the table or anyone else, such as a
//! wethouder) and by when, as a date that can be sorted and flagged as overdue.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::scenario::{Lang, Role};

/// Who carries an action home: one of the delegation's roles, or anyone named in free text
/// ("wethouder", "directeur bedrijfsvoering"). Stored as the role's name or as the text, so a
/// log written when owners could only be roles reads unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Owner {
    Role(Role),
    Other(String),
}

impl Owner {
    /// The role's label in `lang`, or the free text as typed.
    pub fn label(&self, lang: Lang) -> &str {
        match self {
            Owner::Role(r) => r.label(lang),
            Owner::Other(text) => text,
        }
    }

    /// A role when the text names one (in either language, by label or short tag), free text
    /// otherwise. An empty text is no owner.
    pub fn parse(text: &str) -> Option<Owner> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        Some(Role::parse(t).map_or_else(|| Owner::Other(t.to_string()), Owner::Role))
    }
}

impl From<Role> for Owner {
    fn from(role: Role) -> Owner {
        Owner::Role(role)
    }
}

impl PartialEq<Role> for Owner {
    fn eq(&self, other: &Role) -> bool {
        matches!(self, Owner::Role(r) if r == other)
    }
}

/// A "by when" that could not be read as a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date; write for example 31-3-2027, 2027-03-31, Q1 2027 or March 2027")]
pub struct DueError {
    pub text: String,
}

impl DueError {
    /// The refusal in the user's language, with examples of what is understood.
    pub fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::Nl => format!(
                "`{}` is geen datum; schrijf bijvoorbeeld 31-3-2027, 2027-03-31, Q1 2027 of maart 2027",
                crate::scenario::clean(&self.text)
            ),
            Lang::En => format!(
                "`{}` is not a date; write for example 31-3-2027, 2027-03-31, Q1 2027 or March 2027",
                crate::scenario::clean(&self.text)
            ),
        }
    }
}

/// An example for a form's hint line.
pub fn due_example(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "bijv. 31-3-2027, 2027-03-31, Q1 2027, maart 2027",
        Lang::En => "e.g. 31-3-2027, 2027-03-31, Q1 2027, March 2027",
    }
}

const MONTHS: [(&[&str], u32); 12] = [
    (&["januari", "january", "jan"], 1),
    (&["februari", "february", "feb"], 2),
    (&["maart", "march", "mrt", "mar"], 3),
    (&["april", "apr"], 4),
    (&["mei", "may"], 5),
    (&["juni", "june", "jun"], 6),
    (&["juli", "july", "jul"], 7),
    (&["augustus", "august", "aug"], 8),
    (&["september", "sept", "sep"], 9),
    (&["oktober", "october", "okt", "oct"], 10),
    (&["november", "nov"], 11),
    (&["december", "dec"], 12),
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(names, _)| names.contains(&w.as_str())).map(|(_, m)| *m)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

fn end_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year.checked_add(1)?, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Reads a "by when": `1-3-2027` (day first, also with `/` or `.`), `2027-03-01`, `Q2 2027` (the
/// end of the quarter), `maart 2027` / `March 2027` (the end of the month) and `1 maart 2027` /
/// `1 March 2027`. An empty text is no date (`Ok(None)`); anything else is refused with examples.
pub fn parse_due(text: &str) -> Result<Option<NaiveDate>, DueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    read_due(t).filter(|d| (2000..=2999).contains(&d.year())).map(Some).ok_or_else(|| DueError { text: t.to_string() })
}

fn read_due(t: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [one] => {
            if let Ok(d) = NaiveDate::parse_from_str(one, "%Y-%m-%d") {
                return Some(d);
            }
            let parts: Vec<&str> = one.split(['-', '/', '.']).collect();
            if let [d, m, y] = parts.as_slice() {
                let y = year(y)?;
                return NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?);
            }
            // "Q2-2027", "2027-Q2"
            let (q, y) = one.split_once(['-', '/'])?;
            quarter(q, y).or_else(|| quarter(y, q))
        }
        [a, b] => quarter(a, b)
            .or_else(|| quarter(b, a))
            .or_else(|| end_of_month(year(b)?, month(a)?))
            .or_else(|| end_of_month(year(a)?, month(b)?)),
        [d, m, y] => {
            let (day, mon) = match (d.trim_end_matches('.').parse::<u32>(), m.trim_end_matches('.').parse::<u32>()) {
                (Ok(day), _) => (day, month(m)?),
                (_, Ok(day)) => (day, month(d)?),
                _ => return None,
            };
            NaiveDate::from_ymd_opt(year(y)?, mon, day)
        }
        _ => None,
    }
}

fn quarter(q: &str, y: &str) -> Option<NaiveDate> {
    let q = q.strip_prefix(['Q', 'q', 'K', 'k'])?;
    let n: u32 = q.parse().ok().filter(|n| (1..=4).contains(n))?;
    end_of_month(year(y)?, n * 3)
}

/// A due date as a Dutch or English reader writes it: 31-3-2027 or 31 March 2027.
pub fn show_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nl => date.format("%-d-%-m-%Y").to_string(),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::Nl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_written_forms_of_a_date_are_read() {
        for (text, want) in [
            ("1-3-2027", d(2027, 3, 1)),
            ("01/03/2027", d(2027, 3, 1)),
            ("2027-03-01", d(2027, 3, 1)),
            ("Q2 2027", d(2027, 6, 30)),
            ("q4 2027", d(2027, 12, 31)),
            ("2027 Q1", d(2027, 3, 31)),
            ("Q1-2027", d(2027, 3, 31)),
            ("maart 2027", d(2027, 3, 31)),
            ("March 2027", d(2027, 3, 31)),
            ("februari 2028", d(2028, 2, 29)),
            ("1 maart 2027", d(2027, 3, 1)),
            ("March 1, 2027", d(2027, 3, 1)),
            ("  ", None),
        ] {
            assert_eq!(parse_due(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn other_texts_are_refused_with_an_example() {
        for text in ["voor de zomer", "31-2-2027", "Q5 2027", "1 maart", "13-13-2027", "maart", "1-3-27"] {
            let e = parse_due(text).unwrap_err();
            assert!(e.describe(Lang::Nl).contains("Q1 2027"), "{text}");
            assert!(e.describe(Lang::Nl).contains(text.trim()), "{text}");
        }
    }

    #[test]
    fn owners_are_roles_when_they_name_one() {
        assert_eq!(Owner::parse("CISO"), Some(Owner::Role(Role::Ciso)));
        assert_eq!(Owner::parse("burgemeester"), Some(Owner::Role(Role::Mayor)));
        assert_eq!(Owner::parse(" wethouder "), Some(Owner::Other("wethouder".into())));
        assert_eq!(Owner::parse(""), None);
        let json = serde_json::to_string(&Owner::Role(Role::Ciso)).unwrap();
        assert_eq!(json, "\"Ciso\"", "a role is stored as before");
        assert_eq!(serde_json::from_str::<Owner>("\"wethouder\"").unwrap(), Owner::Other("wethouder".into()));
    }
}
