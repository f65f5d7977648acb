//! A mistake on the command line, said in Dutch: a facilitator who types `--groep` meets the
//! same language as on every screen. clap writes its own message in English; the kinds of mistake
//! a facilitator makes are told here in Dutch from clap's context (which option, which value,
//! what would have been valid), and anything rarer keeps clap's English. `--lang en` anywhere on
//! the line keeps clap's own English message, as the screens would be English. `--help` stays
//! English (it is written for developers and organisers as well; the README says so).

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::scenario::Lang;

/// The language a command line asks for: English only with `--lang en` (or `--lang=en`), as
/// every command's `--lang` reads it; Dutch otherwise, also when the line cannot be read.
pub fn lang_asked(args: &[OsString]) -> Lang {
    let english = args
        .iter()
        .enumerate()
        .any(|(i, a)| a == "--lang=en" || (a == "--lang" && args.get(i + 1).is_some_and(|next| next == "en")));
    if english { Lang::En } else { Lang::Nl }
}

/// The mistake in Dutch, with where to read more; `None` when clap's own
/// message should stand (help and version, which are not mistakes, and the rare kinds).
pub fn dutch(e: &clap::Error) -> Option<String> {
    let arg = || text(e, ContextKind::InvalidArg).map(|a| option_name(&a));
    let value = || text(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut said = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie '{}'", arg()?),
        ErrorKind::InvalidSubcommand => format!("onbekende opdracht '{}'", text(e, ContextKind::InvalidSubcommand)?),
        ErrorKind::InvalidValue if value().is_empty() => format!("{} vraagt een waarde", arg()?),
        ErrorKind::InvalidValue => {
            let mut said = format!("ongeldige waarde '{}' voor {}", value(), arg()?);
            if let Some(valid) = texts(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                said.push_str(&format!("\n  mogelijke waarden: {}", valid.join(", ")));
            }
            said
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| reason(&s.to_string()));
            match why {
                Some(why) => format!("ongeldige waarde '{}' voor {}: {why}", value(), arg()?),
                None => format!("ongeldige waarde '{}' voor {}", value(), arg()?),
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(e, ContextKind::PriorArg).map(|p| option_name(&p));
            match (arg(), text(e, ContextKind::InvalidSubcommand), prior) {
                (Some(arg), _, Some(prior)) => format!("{arg} gaat niet samen met {prior}"),
                (None, Some(command), Some(prior)) => {
                    format!("de opdracht '{command}' gaat niet samen met {prior} ervoor; zet de opties na de opdracht")
                }
                (Some(arg), _, None) => format!("{arg} gaat hier niet samen met de rest van de regel"),
                _ => return None,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(e, ContextKind::InvalidArg)?;
            format!("ontbreekt: {}", missing.iter().map(|m| option_name(m)).collect::<Vec<_>>().join(", "))
        }
        ErrorKind::NoEquals => format!("{} vraagt een waarde met '=' erbij", arg()?),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("verkeerd aantal waarden voor {}", arg()?)
        }
        ErrorKind::InvalidUtf8 => "een argument is geen leesbare tekst (UTF-8)".to_string(),
        ErrorKind::MissingSubcommand => "een opdracht ontbreekt".to_string(),
        _ => return None,
    };
    let suggested = text(e, ContextKind::SuggestedArg).or_else(|| text(e, ContextKind::SuggestedSubcommand));
    if let Some(s) = suggested {
        said.push_str(&format!("\n  tip: bedoelt u '{s}'?"));
    }
    Some(format!("fout: {said}\n\nMeer uitleg (in het Engels): weerbaar --help\n"))
}

/// The reason a value parser gave, in Dutch for the parsers the options use (a number in a range,
/// a whole number, an address); any other reason as it was given.
fn reason(given: &str) -> String {
    let words: Vec<&str> = given.split_whitespace().collect();
    if let [number, "is", "not", "in", range] = words[..]
        && let Some((low, high)) = range.split_once("..=")
    {
        return format!("{number} ligt niet tussen {low} en {high}");
    }
    match given {
        "invalid digit found in string" => "geen geheel getal".to_string(),
        "number too large to fit in target type" => "een te groot getal".to_string(),
        "cannot parse integer from empty string" => "leeg, en geen getal".to_string(),
        "invalid socket address syntax" => "geen adres met poort (bijvoorbeeld 0.0.0.0:8080)".to_string(),
        other => other.to_string(),
    }
}

/// `--minutes <MINUTES>` as `--minutes`: the option's name, without its English value name.
fn option_name(shown: &str) -> String {
    shown.split_whitespace().next().unwrap_or(shown).trim_end_matches('=').to_string()
}

/// The first of [`texts`].
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    texts(e, kind)?.into_iter().next()
}

fn texts(e: &clap::Error, kind: ContextKind) -> Option<Vec<String>> {
    match e.get(kind)? {
        ContextValue::Strings(v) => Some(v.clone()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect()),
        ContextValue::String(s) => Some(vec![s.clone()]),
        ContextValue::StyledStr(s) => Some(vec![s.to_string()]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    fn said(args: &[&str]) -> Option<String> {
        let e = Cli::command().try_get_matches_from(args).expect_err("a mistake");
        dutch(&e)
    }

    #[test]
    fn an_unknown_option_is_named_with_the_one_meant() {
        let text = said(&["weerbaar", "--groep", "Laren"]).expect("in Dutch");
        assert!(text.starts_with("fout: onbekende optie '--groep'\n  tip: bedoelt u '--group'?\n"), "{text}");
        assert!(text.ends_with("Meer uitleg (in het Engels): weerbaar --help\n"), "{text}");
    }

    #[test]
    fn a_wrong_value_lists_the_valid_ones() {
        let text = said(&["weerbaar", "debrief", "a.jsonl", "--format", "pdf"]).expect("in Dutch");
        assert!(
            text.starts_with(
                "fout: ongeldige waarde 'pdf' voor --format\n  mogelijke waarden: md, html, csv, json, xlsx, docx\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_number_out_of_range_says_the_range() {
        let text = said(&["weerbaar", "--minutes", "601"]).expect("in Dutch");
        assert!(
            text.starts_with("fout: ongeldige waarde '601' voor --minutes: 601 ligt niet tussen 10 en 600\n"),
            "{text}"
        );
        let text = said(&["weerbaar", "--seed", "zeven"]).expect("in Dutch");
        assert!(text.starts_with("fout: ongeldige waarde 'zeven' voor --seed: geen geheel getal\n"), "{text}");
        let text = said(&["weerbaar", "--devices", "zaal"]).expect("in Dutch");
        assert!(text.contains("geen adres met poort (bijvoorbeeld 0.0.0.0:8080)"), "{text}");
    }

    #[test]
    fn conflicts_unknown_commands_and_missing_values_are_dutch_too() {
        let text = said(&["weerbaar", "--resume", "a.jsonl", "--log", "b.jsonl"]).expect("in Dutch");
        assert!(
            text.starts_with("fout: --log gaat niet samen met --resume\n")
                || text.starts_with("fout: --resume gaat niet samen met --log\n"),
            "{text}"
        );
        let text = said(&["weerbaar", "chek"]).expect("in Dutch");
        assert!(text.starts_with("fout: onbekende opdracht 'chek'\n  tip: bedoelt u 'check'?\n"), "{text}");
        let text = said(&["weerbaar", "--deck"]).expect("in Dutch");
        assert!(text.starts_with("fout: --deck vraagt een waarde\n"), "{text}");
        let text = said(&["weerbaar", "--theme", "light", "debrief", "a.jsonl"]).expect("in Dutch");
        assert!(text.starts_with("fout: de opdracht 'debrief' gaat niet samen met --theme ervoor"), "{text}");
    }

    #[test]
    fn help_and_version_keep_clap_s_own_text() {
        assert_eq!(said(&["weerbaar", "--help"]), None);
        assert_eq!(said(&["weerbaar", "--version"]), None);
    }

    #[test]
    fn english_only_when_asked() {
        let of = |args: &[&str]| lang_asked(&args.iter().map(OsString::from).collect::<Vec<_>>());
        assert_eq!(of(&["weerbaar", "--groep", "Laren"]), Lang::Nl);
        assert_eq!(of(&["weerbaar", "--lang", "en", "--groep", "Laren"]), Lang::En);
        assert_eq!(of(&["weerbaar", "debrief", "a.jsonl", "--lang=en", "--format", "pdf"]), Lang::En);
        assert_eq!(of(&["weerbaar", "--lang", "nl"]), Lang::Nl);
        assert_eq!(of(&["weerbaar", "--lang"]), Lang::Nl);
    }
}
