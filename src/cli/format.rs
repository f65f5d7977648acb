//! The report formats as the command line spells them, parsed by clap ([`ValueEnum`]): the
//! names, their aliases (`markdown`, `excel`, `word`) and any letter case are accepted, and a
//! wrong name is answered with the list of right ones. The formats themselves stay free of clap.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::debrief::Format as Debrief;
use crate::series::Format as Series;

impl ValueEnum for Debrief {
    fn value_variants<'a>() -> &'a [Self] {
        &[Debrief::Markdown, Debrief::Html, Debrief::Csv, Debrief::Json, Debrief::Xlsx, Debrief::Docx]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Debrief::Markdown => PossibleValue::new("md").alias("markdown"),
            Debrief::Html => PossibleValue::new("html"),
            Debrief::Csv => PossibleValue::new("csv"),
            Debrief::Json => PossibleValue::new("json"),
            Debrief::Xlsx => PossibleValue::new("xlsx").alias("excel"),
            Debrief::Docx => PossibleValue::new("docx").alias("word"),
        })
    }
}

impl ValueEnum for Series {
    fn value_variants<'a>() -> &'a [Self] {
        &[Series::Markdown, Series::Html, Series::Json, Series::Xlsx, Series::Docx]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Series::Markdown => PossibleValue::new("md").alias("markdown"),
            Series::Html => PossibleValue::new("html"),
            Series::Json => PossibleValue::new("json"),
            Series::Xlsx => PossibleValue::new("xlsx").alias("excel"),
            Series::Docx => PossibleValue::new("docx").alias("word"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_alias_of_today_is_accepted_in_any_case() {
        let debrief = |s: &str| Debrief::from_str(s, true);
        assert_eq!(debrief("md"), Ok(Debrief::Markdown));
        assert_eq!(debrief("Markdown"), Ok(Debrief::Markdown));
        assert_eq!(debrief("EXCEL"), Ok(Debrief::Xlsx));
        assert_eq!(debrief("word"), Ok(Debrief::Docx));
        assert_eq!(debrief("csv"), Ok(Debrief::Csv));
        assert!(debrief("pdf").is_err());
        let series = |s: &str| Series::from_str(s, true);
        assert_eq!(series("MD"), Ok(Series::Markdown));
        assert_eq!(series("excel"), Ok(Series::Xlsx));
        assert!(series("csv").is_err(), "a series has no CSV");
        assert_eq!(series("word"), Ok(Series::Docx));
    }
}
