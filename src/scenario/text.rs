//! Localised, untrusted text: how card authors write it and how it is made safe to show.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The languages the UI and the cards speak. Dutch is the default because the sessions are Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Ok(Lang::Nl),
            "en" | "english" | "engels" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`: use nl or en")),
        }
    }
}

/// A fixed string of the program (not of a card) in Dutch and English. A pair, so no screen or
/// report can forget a language.
#[derive(Debug, Clone, Copy)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.0,
            Lang::En => self.1,
        }
    }
}

/// Player-facing text. Dutch is required because every session can be run in Dutch; English is
/// optional and falls back to Dutch, so a half-translated deck still plays.
///
/// In RON a plain string means Dutch, and `(nl: "...", en: "...")` gives both. The common
/// indentation of multi-line (raw) strings is removed on load, so authors can indent freely.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    pub nl: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn nl(s: impl Into<String>) -> Self {
        Text { nl: s.into(), en: None }
    }

    pub fn both(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text { nl: nl.into(), en: Some(en.into()) }
    }

    /// The raw text in `lang`, falling back to Dutch. Not yet safe for a terminal: see [`clean`].
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.en.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&self.nl),
            Lang::Nl => &self.nl,
        }
    }

    /// The text in `lang`, stripped of control and escape sequences and reflowed, ready to draw.
    pub fn show(&self, lang: Lang) -> Cow<'_, str> {
        let cleaned = clean(self.get(lang));
        if cleaned.contains('\n') { Cow::Owned(reflow(&cleaned)) } else { cleaned }
    }

    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.nl.as_str()).chain(self.en.as_deref())
    }
}

const TEXT_EXPECTED: &str = "a text: either \"...\" (Dutch) or (nl: \"...\", en: \"...\")";

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(TEXT_EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::nl(dedent(v)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut nl: Option<String> = None;
        let mut en: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "nl" => &mut nl,
                "en" => &mut en,
                _ => return Err(de::Error::unknown_field(&key, &["nl", "en"])),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!("the language `{key}` is given twice")));
            }
            *slot = Some(dedent(&map.next_value::<String>()?));
        }
        match nl {
            Some(nl) => Ok(Text { nl, en }),
            None => Err(de::Error::missing_field("nl")),
        }
    }
}

/// Removes leading and trailing blank lines and the indentation all other lines share, so a
/// raw string indented to match the surrounding RON reads as the author meant it.
pub fn dedent(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    let lines: Vec<&str> = s.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let body = &lines[first..=last];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(s.len());
    for (i, line) in body.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        out.push_str(line[cut..].trim_end());
    }
    out
}

/// Joins the lines of a paragraph so the screen, not the author's editor, decides where lines
/// break. A blank line separates paragraphs; a line starting with `- `, `• ` or `* ` starts a list item.
pub fn reflow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_before = true;
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !blank_before {
                out.push_str("\n\n");
            }
            blank_before = true;
            continue;
        }
        let item = line.starts_with("- ") || line.starts_with("• ") || line.starts_with("* ");
        if !blank_before {
            out.push(if item { '\n' } else { ' ' });
        }
        out.push_str(line);
        blank_before = false;
    }
    out.trim_end().to_string()
}

/// Makes untrusted text inert inside a Markdown line or table cell (CommonMark with the GFM
/// table, strikethrough and task-list extensions): control and escape sequences are removed,
/// line breaks become spaces, every character a renderer treats as inline markup is
/// backslash-escaped (`\` first of all, so `\[x\](javascript:…)` stays text), and with
/// `block_start` what would start a block (a list, a quote, a heading, a code block) is escaped
/// where the text begins. The one Markdown escaper: the reports and the deck's proof use it.
pub fn markdown(text: &str, block_start: bool) -> String {
    let cleaned = clean(text);
    let flat: String = cleaned.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }).collect();
    let flat = flat.trim();
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, c) in flat.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            // A list marker, a thematic break or a setext underline when the text begins with it.
            '-' | '+' | '=' if block_start && i == 0 => {
                out.push('\\');
                out.push(c);
            }
            // "1. " or "1) " at the start would open an ordered list.
            '.' | ')' if block_start && i > 0 && out.chars().all(|d| d.is_ascii_digit()) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// As [`markdown`], keeping the text's line breaks: each line is escaped as the start of a block.
pub fn markdown_lines(text: &str) -> String {
    clean(text).lines().map(|line| markdown(line, true)).collect::<Vec<_>>().join("\n")
}

/// True when `c` would change how a terminal behaves or how text is ordered, rather than show a glyph,
/// or is a non-character that XML forbids (U+FFFE, U+FFFF: one of them in a device's rationale would
/// make the Word report a file Word refuses to open).
fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// True when `s` holds anything [`clean`] would remove (tabs excepted): the checker warns about it.
pub fn has_unsafe_chars(s: &str) -> bool {
    s.chars().any(|c| c != '\t' && is_unsafe_char(c))
}

/// An operating-system error in the reader's language. The OS gives English ("No such file or
/// directory (os error 2)"); a Dutch screen names the common cases in Dutch and keeps the rest.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    // (Dutch, English) for what a user meets; the OS's own words ("os error 40") say little.
    let words = match (e.kind(), e.raw_os_error()) {
        (K::NotFound, _) => Some(("bestaat niet", "does not exist")),
        (K::PermissionDenied, _) => Some(("geen toegang (rechten)", "permission denied")),
        (K::AlreadyExists, _) => Some(("bestaat al", "already exists")),
        (K::StorageFull, _) => Some(("de schijf is vol", "the disk is full")),
        (K::IsADirectory, _) => Some(("is een map", "is a folder")),
        (K::NotADirectory, _) => Some(("een deel van het pad is geen map", "a part of the path is not a folder")),
        (K::ReadOnlyFilesystem, _) => Some(("het bestandssysteem is alleen-lezen", "the file system is read-only")),
        (K::InvalidData, _) => Some(("ongeldige gegevens (geen UTF-8-tekst?)", "invalid data (not UTF-8 text?)")),
        // Linux error numbers without a stable ErrorKind.
        (_, Some(40)) => Some(("te veel symbolische koppelingen (een kring?)", "too many symbolic links (a loop?)")),
        (_, Some(5)) => {
            Some(("lees- of schrijffout van de schijf of het apparaat", "input/output error of the disk or device"))
        }
        (_, Some(36)) => Some(("de naam is te lang", "the name is too long")),
        _ => None,
    };
    match (words, lang) {
        (Some((nl, _)), Lang::Nl) => nl.to_string(),
        (Some((_, en)), Lang::En) => en.to_string(),
        (None, _) => clean(&e.to_string()).into_owned(),
    }
}

/// Untrusted text for HTML content and attribute values: cleaned like everything drawn (escape
/// sequences and control characters dropped, line breaks kept), then `& < > " '` escaped. The one
/// escaper of the debrief, the series report and the devices' pages.
pub fn html_escape(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len() + 16);
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

/// Makes untrusted text safe to draw: removes ANSI/VT escape sequences (CSI, OSC such as
/// clipboard writes, DCS and two-byte escapes), other control characters and bidi overrides.
/// Tabs become spaces and CR LF becomes LF; everything printable is kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // C1 introducers for CSI / OSC / DCS / SOS / PM / APC carry a payload like their ESC forms.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-byte escapes (ESC 7, ESC c, ...) and charset selections (ESC ( B) end here.
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars) {
    // Parameters and intermediates, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
        if !(' '..='?').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut Chars) {
    // Until BEL or ST (ESC \ or the C1 ST).
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_read_in_the_users_language_without_error_numbers() {
        let looped = std::io::Error::from_raw_os_error(40);
        assert_eq!(io_error(&looped, Lang::Nl), "te veel symbolische koppelingen (een kring?)");
        assert_eq!(io_error(&looped, Lang::En), "too many symbolic links (a loop?)");
        let denied = std::io::Error::from_raw_os_error(13);
        assert_eq!(io_error(&denied, Lang::Nl), "geen toegang (rechten)");
        assert!(!io_error(&denied, Lang::En).contains("os error"));
    }

    #[test]
    fn plain_string_means_dutch() {
        let t: Text = ron::from_str(r#""Goedemorgen""#).unwrap();
        assert_eq!(t, Text::nl("Goedemorgen"));
        assert_eq!(t.get(Lang::En), "Goedemorgen");
    }

    #[test]
    fn pair_gives_both_languages() {
        let t: Text = ron::from_str(r#"(nl: "Ja", en: "Yes")"#).unwrap();
        assert_eq!(t.get(Lang::Nl), "Ja");
        assert_eq!(t.get(Lang::En), "Yes");
    }

    #[test]
    fn unknown_language_is_refused_with_the_choices() {
        let err = ron::from_str::<Text>(r#"(nl: "Ja", de: "Ja")"#).unwrap_err();
        assert!(err.to_string().contains("de"), "{err}");
    }

    #[test]
    fn raw_strings_lose_their_common_indentation() {
        let src = "r#\"\n        Eerste regel.\n          Ingesprongen.\n\n        Laatste.\n    \"#";
        let t: Text = ron::from_str(src).unwrap();
        assert_eq!(t.nl, "Eerste regel.\n  Ingesprongen.\n\nLaatste.");
    }

    #[test]
    fn reflow_joins_paragraph_lines_and_keeps_paragraphs_and_items() {
        assert_eq!(reflow("Een\ntwee.\n\nDrie\n- vier\n- vijf"), "Een twee.\n\nDrie\n- vier\n- vijf");
    }

    #[test]
    fn clean_strips_escapes_and_keeps_text() {
        let nasty = "a\u{1b}[2Jb\u{1b}]52;c;aGVsbG8=\u{7}c\u{202E}d\re\u{9b}31mf\u{1b}7g";
        assert_eq!(clean(nasty), "abcdefg");
        assert_eq!(clean("é ë\nok"), "é ë\nok");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_drops_the_non_characters_xml_forbids() {
        assert_eq!(clean("ja\u{FFFF}nee\u{FFFE}"), "janee");
        assert!(has_unsafe_chars("\u{FFFE}"));
    }

    #[test]
    fn unterminated_osc_swallows_rest_but_never_panics() {
        assert_eq!(clean("x\u{1b}]0;title"), "x");
        assert_eq!(clean("\u{1b}"), "");
        assert_eq!(clean("\u{1b}["), "");
    }
}
