//! Every problem of a file in one run, in words an author understands.
//!
//! ron stops at the first error. When a file does not parse, this module splits it into its
//! fields itself (only bracket, string and comment boundaries are needed for that) and parses each
//! field's value on its own with ron, so a card with six mistakes shows six errors. Before that,
//! [`lint`] looks for the mistakes ron explains badly: typographic quotes from Word, `#` comments,
//! and a text whose closing quote is missing, so that it swallowed the next field.

use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;

use super::diag::{Diagnostic, LineIndex, Msg, suggest};
use super::model::{
    Agenda, CardId, CardOption, Condition, DimensionId, Inject, ObjectiveId, Practice, Release, Role, Theme,
};
use super::model::{Dimension, Objective};
use super::text::{Lang, Text};
use crate::msg;

/// Every field name of every part of a deck: a text followed by one of these and a colon is a
/// text that swallowed the next field.
const FIELD_NAMES: &[&str] = &[
    "id",
    "theme",
    "title",
    "situation",
    "roles",
    "minutes",
    "objectives",
    "injects",
    "questions",
    "options",
    "notes",
    "references",
    "practices",
    "tags",
    "at",
    "text",
    "only_if",
    "label",
    "consequence",
    "effects",
    "follow_up",
    "who",
    "source",
    "nl",
    "en",
    "format",
    "description",
    "languages",
    "dimensions",
    "agendas",
    "opening",
    "closing",
    "cards",
];

// ---------------------------------------------------------------------------------------------
// Lexical look: strings, comments, stray characters.

#[derive(Debug, Clone, Copy)]
struct Str {
    /// Byte offset of the opening `"` or `r`.
    start: usize,
    /// Byte range of the content.
    body: (usize, usize),
    raw: bool,
}

/// The string starting at `i`, if one does: `Some(Err(()))` when it never closes.
fn string_at(text: &str, i: usize) -> Option<Result<(Str, usize), ()>> {
    let b = text.as_bytes();
    match b.get(i)? {
        b'"' => {
            let mut j = i + 1;
            loop {
                match b.get(j) {
                    None => return Some(Err(())),
                    Some(b'\\') => j += 2,
                    Some(b'"') => break,
                    Some(_) => j += 1,
                }
            }
            Some(Ok((Str { start: i, body: (i + 1, j), raw: false }, j + 1)))
        }
        b'r' if (i == 0 || !is_ident_byte(b[i - 1])) && matches!(b.get(i + 1), Some(b'#' | b'"')) => {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                return None;
            }
            let body_start = i + 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            match text[body_start..].find(&close) {
                Some(n) => Some(Ok((
                    Str { start: i, body: (body_start, body_start + n), raw: true },
                    body_start + n + close.len(),
                ))),
                None => Some(Err(())),
            }
        }
        _ => None,
    }
}

/// Scans the text once; calls `on_str` for each string and `on_stray` for each character outside
/// strings and comments. Returns `Err(offset)` of a string or comment that never ends.
fn scan(text: &str, mut on_str: impl FnMut(Str), mut on_stray: impl FnMut(usize, char)) -> Result<(), usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && matches!(b.get(i + 1), Some(b'/' | b'*')) {
            let next = skip_blank(text, i);
            if next == i || (b[i + 1] == b'*' && !text[i..next].ends_with("*/")) {
                return Err(i);
            }
            i = next;
            continue;
        }
        match string_at(text, i) {
            Some(Ok((s, end))) => {
                on_str(s);
                i = end;
                continue;
            }
            Some(Err(())) => return Err(i),
            None => {}
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            on_stray(i, c);
        }
        i += c.len_utf8();
    }
    Ok(())
}

/// The dashes that word processors and web pages put where a minus belongs, with their names.
fn dash_name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{2212}' => ("het wiskundige minteken", "the mathematical minus sign"),
        '\u{2013}' => ("een gedachtestreepje (en-dash)", "an en dash"),
        '\u{2014}' => ("een lang gedachtestreepje (em-dash)", "an em dash"),
        '\u{2010}' | '\u{2011}' => ("een afbreekstreepje", "a hyphen"),
        '\u{2012}' => ("een cijferstreepje", "a figure dash"),
        '\u{FE63}' | '\u{FF0D}' => ("een breed minteken", "a wide minus sign"),
        _ => return None,
    })
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The mistakes ron reports in misleading words, found by looking at the text itself.
pub fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut strays: Vec<(usize, char)> = Vec::new();
    let mut strings = Vec::new();
    let scanned = scan(
        text,
        |s| {
            if suspicious(text, s) {
                strings.push(s);
            }
        },
        |at, c| {
            if matches!(c, '„' | '“' | '”' | '‘' | '’' | '‚' | '«' | '»' | '#') || dash_name(c).is_some()
            {
                strays.push((at, c));
            }
        },
    );
    // A raw string that never ends: closed with `"` instead of `"#`, and nothing after it has a `"#`.
    let unclosed_raw = scanned.err().and_then(|at| unclosed_raw(text, at));
    if strays.is_empty() && strings.is_empty() && unclosed_raw.is_none() {
        return out; // the common case: no index to build
    }
    let index = LineIndex::new(text);
    // A `#` makes the rest of its line a (wrong) comment: nothing after it on that line is reported.
    let mut comment_line = 0;
    // A typographic quote that opened a text on this line: the next one closes it (one report a pair).
    let mut open_quote: Option<usize> = None;
    for (at, c) in strays {
        let (line, col) = index.line_col(at);
        if line == comment_line {
            continue;
        }
        if open_quote.is_some_and(|l| l != line) {
            open_quote = None;
        }
        if let Some((name_nl, name_en)) = dash_name(c) {
            out.push(
                Diagnostic::new(
                    "E039",
                    path,
                    msg!(
                        "`{c}` ({name_nl}, U+{:04X}) is geen gewoon minteken; typ -",
                        "`{c}` ({name_en}, U+{:04X}) is not a plain minus sign; type -",
                        u32::from(c)
                    ),
                )
                .at(line, col, 1)
                .help(msg!(
                    "een getal als -2 begint met het gewone minteken `-` van het toetsenbord; tekstverwerkers en webpagina's maken er vaak een ander streepje van",
                    "a number like -2 starts with the plain minus `-` of the keyboard; word processors and web pages often turn it into another dash"
                )),
            );
            continue;
        }
        if c == '#' {
            if text[at..].starts_with("#!") {
                continue; // a RON attribute such as #![enable(...)]
            }
            comment_line = line;
            out.push(
                Diagnostic::new(
                    "E036",
                    path,
                    msg!("een opmerking begint met `//`, niet met `#`", "a comment starts with `//`, not with `#`"),
                )
                .at(line, col, 1)
                .help(msg!(
                    "schrijf `// ...` voor een opmerking op één regel",
                    "write `// ...` for a one-line comment"
                )),
            );
        } else {
            if open_quote.take().is_some() {
                continue; // the closing quote of the pair just reported
            }
            open_quote = Some(line);
            out.push(
                Diagnostic::new(
                    "E037",
                    path,
                    msg!(
                        "typografisch aanhalingsteken `{c}` (zoals Word het typt); een tekst staat tussen rechte aanhalingstekens `\"`",
                        "typographic quote `{c}` (as Word types it); a text goes between straight quotes `\"`"
                    ),
                )
                .at(line, col, 1)
                .help(msg!(
                    "vervang „…”, “…” en ‘…’ om de tekst door \"…\"; binnen een tekst mogen ze wel",
                    "replace „…”, “…” and ‘…’ around the text with \"…\"; inside a text they are fine"
                )),
            );
        }
    }
    if let Some(s) = unclosed_raw {
        out.push(raw_closed_wrong(path, text, &index, s));
    }
    for s in strings {
        if let Some(d) = swallowed(path, text, &index, s) {
            out.push(d);
            if !s.raw {
                // After one missing quote every later quote pairs up wrongly: one report is the truth.
                break;
            }
        }
    }
    out
}

/// A text that runs on into the next field: a raw string closed with `"` instead of `"#`, or a
/// plain string whose closing quote is missing.
fn swallowed(path: &str, text: &str, index: &LineIndex, s: Str) -> Option<Diagnostic> {
    if !suspicious(text, s) {
        return None;
    }
    if s.raw {
        return Some(raw_closed_wrong(path, text, index, s));
    }
    let (line, col) = index.line_col(s.start);
    let (message, help) = if s.raw {
        (
            msg!(
                "deze tekst begint met `r#\"` maar wordt gesloten met `\"` in plaats van `\"#`: hij slokt het volgende veld op",
                "this text starts with `r#\"` but is closed with `\"` instead of `\"#`: it swallows the next field"
            ),
            msg!("sluit een tekst die met r#\" begint af met \"#", "close a text that starts with r#\" with \"#"),
        )
    } else {
        (
            msg!(
                "deze tekst mist zijn sluitende aanhalingsteken `\"`: hij slokt het volgende veld op",
                "this text misses its closing quote `\"`: it swallows the next field"
            ),
            msg!(
                "zet een `\"` aan het eind van de tekst; voor een `\"` in de tekst schrijf je `\\\"`",
                "put a `\"` at the end of the text; for a `\"` inside the text write `\\\"`"
            ),
        )
    };
    Some(Diagnostic::new("E038", path, message).at(line, col, if s.raw { 3 } else { 1 }).help(help))
}

/// The raw string starting at `at` when it never ends; its body runs to the end of the file.
fn unclosed_raw(text: &str, at: usize) -> Option<Str> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'r') {
        return None;
    }
    let hashes = b[at + 1..].iter().take_while(|&&c| c == b'#').count();
    if hashes == 0 {
        return None; // r"..." needs no `#`: closing it with `"` is right
    }
    let body = at + 2 + hashes;
    (body <= text.len()).then_some(Str { start: at, body: (body, text.len()), raw: true })
}

/// Where a raw string was meant to end: the first `"` in it followed by `,`, `)` or `]`.
fn meant_end(text: &str, s: Str) -> Option<usize> {
    let body = &text[s.body.0..s.body.1];
    body.match_indices('"')
        .find(|(i, _)| body[i + 1..].trim_start().starts_with([',', ')', ']']))
        .map(|(i, _)| s.body.0 + i)
}

/// E038 for a raw string closed with `"`: the caret on that `"`, where `"#` belongs.
fn raw_closed_wrong(path: &str, text: &str, index: &LineIndex, s: Str) -> Diagnostic {
    let (start_line, start_col) = index.line_col(s.start);
    let end = meant_end(text, s);
    let (line, col) = end.map_or((start_line, start_col), |e| index.line_col(e));
    let mut d = Diagnostic::new(
        "E038",
        path,
        msg!(
            "de tekst die op regel {start_line} begint met `r#\"` wordt hier gesloten met `\"` in plaats van `\"#`: hij loopt door tot het volgende `\"#` of het eind van het bestand",
            "the text that starts with `r#\"` on line {start_line} is closed here with `\"` instead of `\"#`: it runs on to the next `\"#` or the end of the file"
        ),
    )
    .at(line, col, 1)
    .help(msg!("sluit af met \"#: schrijf hier `\"#`", "close it with \"#: write `\"#` here"));
    let (last, _) = index.line_col(s.body.1);
    d.covers = Some((start_line, last.max(line)));
    d
}

/// True when the string's content holds the start of a next field.
fn suspicious(text: &str, s: Str) -> bool {
    let body = &text[s.body.0..s.body.1];
    if s.raw {
        body.match_indices('"').any(|(i, _)| {
            let rest = body[i + 1..].trim_start();
            rest.strip_prefix(',').is_some_and(|r| starts_with_field(r.trim_start()))
        })
    } else {
        body.match_indices('\n').any(|(i, _)| starts_with_field(body[i + 1..].trim_start()))
    }
}

fn starts_with_field(s: &str) -> bool {
    let name: String = s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    FIELD_NAMES.contains(&name.as_str()) && s[name.len()..].trim_start().starts_with(':')
}

// ---------------------------------------------------------------------------------------------
// Structure: fields and list items by their boundaries.

/// Skips whitespace and comments from `i`.
fn skip_blank(text: &str, mut i: usize) -> usize {
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        // A `#` line is not RON, but [`lint`] has said so; reading on finds the other mistakes.
        if trimmed.starts_with("//") || (trimmed.starts_with('#') && !trimmed.starts_with("#!")) {
            i += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            i += trimmed.find("*/").map_or(trimmed.len(), |n| n + 2);
        } else {
            return i;
        }
    }
}

/// The end of the value starting at `i`: the byte offset of the `,` or closing bracket after it.
fn value_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        if b[j] == b'/' && matches!(b.get(j + 1), Some(b'/' | b'*')) {
            let next = skip_blank(text, j);
            if next == j {
                return None;
            }
            j = next;
            continue;
        }
        match string_at(text, j) {
            Some(Ok((_, end))) => {
                j = end;
                continue;
            }
            Some(Err(())) => return None,
            None => {}
        }
        match b[j] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return Some(j),
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => return Some(j),
            _ => {}
        }
        j += 1;
    }
    None
}

/// One `name: value` of a struct, by byte offsets.
struct Field<'a> {
    name: &'a str,
    name_at: usize,
    value: (usize, usize),
}

/// Splits the struct whose `(` is at `open` into its fields; `None` when its brackets do not close.
/// A struct's body: its fields, the items with no `name:` and where a comma is missing.
type Split<'a> = (Vec<Field<'a>>, Vec<usize>, Vec<usize>);

fn fields(text: &str, open: usize) -> Option<Split<'_>> {
    let mut out = Vec::new();
    let mut bare = Vec::new();
    let mut missing_commas = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_blank(text, i);
        match text.as_bytes().get(i)? {
            b')' => return Some((out, bare, missing_commas)),
            b']' | b'}' => return None,
            _ => {}
        }
        let mut end = value_end(text, i)?;
        let segment = &text[i..end];
        let colon = segment.find(':').filter(|&c| !segment[..c].contains(['"', '(', '[']));
        match colon {
            Some(c) => {
                let name = segment[..c].trim();
                let value_start = skip_blank(text, i + c + 1);
                let mut value = (value_start.min(end), end);
                if let Some(next) = next_field_on_new_line(text, value.0, end) {
                    missing_commas.push(text[..next].trim_end().len());
                    value.1 = next;
                    end = next;
                }
                out.push(Field { name, name_at: i, value });
            }
            None => bare.push(i),
        }
        i = end;
        if text.as_bytes().get(i) == Some(&b',') {
            i += 1;
        }
    }
}

/// Where a value runs on into a next field because the comma between them is missing: a line
/// that starts with `name:` outside any bracket or string.
fn next_field_on_new_line(text: &str, start: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut j = start;
    while j < end {
        match string_at(text, j) {
            Some(Ok((_, after))) => {
                j = after;
                continue;
            }
            Some(Err(())) => return None,
            None => {}
        }
        match b[j] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth == 0 => {
                let next = skip_blank(text, j + 1);
                let rest = &text[next..end];
                let name_len = rest.bytes().take_while(|&c| is_ident_byte(c) || c == b'-').count();
                if name_len > 0
                    && rest[name_len..].trim_start().starts_with(':')
                    && !rest[name_len..].trim_start().starts_with("::")
                {
                    return Some(next);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// Splits the list whose `[` is at `open` into its items' byte ranges.
fn items(text: &str, open: usize) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_blank(text, i);
        match text.as_bytes().get(i)? {
            b']' => return Some(out),
            b')' | b'}' => return None,
            _ => {}
        }
        let end = value_end(text, i)?;
        out.push((i, end));
        i = end;
        if text.as_bytes().get(i) == Some(&b',') {
            i += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What each part of a deck holds.

type Parse = fn(&str) -> Result<(), SpannedError>;

fn value<T: DeserializeOwned>(s: &str) -> Result<(), SpannedError> {
    ron::Options::default().from_str::<T>(s).map(|_| ())
}

#[derive(Clone, Copy)]
enum Kind {
    /// A value parsed whole by ron; the name says what an author should write.
    Value(Parse, Expect),
    /// A list of structs, each checked field by field.
    Structs(&'static Shape),
}

/// What a value should look like, for messages that say what to write.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Other,
    Count,
    Effects,
    Enum(&'static [&'static str]),
    EnumList(&'static [&'static str]),
    Release,
    Text,
}

struct Spec {
    name: &'static str,
    required: bool,
    kind: Kind,
}

pub(crate) struct Shape {
    /// The name in messages and before `(`, e.g. `Card`.
    name: &'static str,
    whole: Parse,
    fields: &'static [Spec],
}

const fn req(name: &'static str, kind: Kind) -> Spec {
    Spec { name, required: true, kind }
}
const fn opt(name: &'static str, kind: Kind) -> Spec {
    Spec { name, required: false, kind }
}

const THEMES: &[&str] = &["DigitalCrime", "OwnHouse", "Disruption", "Leadership"];
const ROLES: &[&str] =
    &["Mayor", "MunicipalSecretary", "Ciso", "DataProtectionOfficer", "PublicOrderAdviser", "CommunicationsAdviser"];
const LANGS: &[&str] = &["nl", "en"];

/// True for the English name of a theme, role or release: the names listed in messages.
pub(crate) fn is_canonical(name: &str) -> bool {
    THEMES.contains(&name) || ROLES.contains(&name) || matches!(name, "Minute" | "Facilitator")
}

const TEXT: Kind = Kind::Value(value::<Text>, Expect::Text);
const TEXTS: Kind = Kind::Value(value::<Vec<Text>>, Expect::Other);
const STRING: Kind = Kind::Value(value::<String>, Expect::Other);
const COUNT: Kind = Kind::Value(value::<u32>, Expect::Count);

static INJECT: Shape = Shape {
    name: "inject",
    whole: value::<Inject>,
    fields: &[
        req("id", STRING),
        req("at", Kind::Value(value::<Release>, Expect::Release)),
        req("text", TEXT),
        opt("only_if", Kind::Value(value::<Condition>, Expect::Other)),
    ],
};

static OPTION: Shape = Shape {
    name: "option",
    whole: value::<CardOption>,
    fields: &[
        req("id", STRING),
        req("label", TEXT),
        req("consequence", TEXT),
        opt("effects", Kind::Value(value::<Vec<(DimensionId, i32)>>, Expect::Effects)),
        opt("follow_up", Kind::Value(value::<CardId>, Expect::Other)),
    ],
};

static PRACTICE: Shape = Shape {
    name: "practice",
    whole: value::<Practice>,
    fields: &[req("who", STRING), req("text", TEXT), req("source", STRING)],
};

pub(crate) static CARD: Shape = Shape {
    name: "Card",
    whole: value::<super::model::Card>,
    fields: &[
        req("id", STRING),
        req("theme", Kind::Value(value::<Theme>, Expect::Enum(THEMES))),
        req("title", TEXT),
        req("situation", TEXT),
        req("roles", Kind::Value(value::<Vec<Role>>, Expect::EnumList(ROLES))),
        req("minutes", COUNT),
        opt("objectives", Kind::Value(value::<Vec<ObjectiveId>>, Expect::Other)),
        opt("injects", Kind::Structs(&INJECT)),
        opt("questions", TEXTS),
        req("options", Kind::Structs(&OPTION)),
        opt("notes", TEXT),
        opt("references", TEXTS),
        opt("practices", Kind::Structs(&PRACTICE)),
        opt("tags", Kind::Value(value::<Vec<String>>, Expect::Other)),
    ],
};

static OBJECTIVE: Shape =
    Shape { name: "objective", whole: value::<Objective>, fields: &[req("id", STRING), req("text", TEXT)] };
static DIMENSION: Shape =
    Shape { name: "dimension", whole: value::<Dimension>, fields: &[req("id", STRING), req("label", TEXT)] };
static AGENDA: Shape = Shape {
    name: "agenda",
    whole: value::<Agenda>,
    fields: &[
        req("id", STRING),
        req("title", TEXT),
        req("minutes", COUNT),
        opt("opening", COUNT),
        opt("closing", COUNT),
        req("cards", Kind::Value(value::<Vec<CardId>>, Expect::Other)),
    ],
};

pub(crate) static DECK: Shape = Shape {
    name: "Deck",
    whole: value::<super::model::Manifest>,
    fields: &[
        req("id", STRING),
        req("format", COUNT),
        req("title", TEXT),
        opt("description", TEXT),
        req("languages", Kind::Value(value::<Vec<Lang>>, Expect::EnumList(LANGS))),
        opt("objectives", Kind::Structs(&OBJECTIVE)),
        req("dimensions", Kind::Structs(&DIMENSION)),
        req("agendas", Kind::Structs(&AGENDA)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Checking a file part by part.

/// What recovery found in one struct: its problems and its id, if that much could be read.
pub(crate) struct Recovered {
    pub diagnostics: Vec<Diagnostic>,
    pub id: Option<String>,
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex<'a>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at(&self, d: Diagnostic, offset: usize, len: usize) -> Diagnostic {
        let (line, col) = self.index.line_col(offset);
        d.at(line, col, len)
    }

    /// A ron error in the value starting at `offset`, moved to its place in the whole file.
    fn ron_error(&mut self, offset: usize, e: &SpannedError, what: &str) {
        let (line0, col0) = self.index.line_col(offset);
        let mut d = ron_diagnostic(self.path, what, e);
        let line = line0 + e.span.start.line.saturating_sub(1);
        let col = if e.span.start.line <= 1 { col0 + e.span.start.col.saturating_sub(1) } else { e.span.start.col };
        d.line = line;
        d.col = col;
        self.out.push(d);
    }
}

/// Checks the struct at `open` (`(` or `Name(`) field by field; the struct's own problems and its
/// parts' go to the context. Returns the value of its `id` field when that parsed.
fn check_struct(ctx: &mut Ctx, start: usize, shape: &Shape) -> Option<Option<String>> {
    let text = ctx.text;
    let start = skip_blank(text, start);
    let name_len = text[start..].bytes().take_while(|&c| is_ident_byte(c)).count();
    let open = skip_blank(text, start + name_len);
    if text.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let written = &text[start..start + name_len];
    if !written.is_empty() && shape.name.starts_with(char::is_uppercase) && written != shape.name {
        let d = Diagnostic::new(
            "E001",
            ctx.path,
            msg!(
                "hier hoort `{}(...)`, niet `{written}(...)`",
                "expected `{}(...)` here, not `{written}(...)`",
                shape.name
            ),
        );
        let d = ctx.at(d, start, written.chars().count());
        ctx.out.push(d);
    }
    let (found, bare, missing_commas) = fields(text, open)?;
    for &at in &missing_commas {
        let d = Diagnostic::new(
            "E001",
            ctx.path,
            msg!("na deze waarde ontbreekt een komma `,`", "a comma `,` is missing after this value"),
        )
        .help(msg!(
            "velden worden gescheiden door komma's: `title: \"...\",`",
            "fields are separated by commas: `title: \"...\",`"
        ));
        let d = ctx.at(d, at, 1);
        ctx.out.push(d);
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut meant_fields: Vec<&str> = Vec::new();
    let mut id = None;
    for &b in &bare {
        let d = Diagnostic::new(
            "E001",
            ctx.path,
            msg!("hier hoort een veld: `naam: waarde`", "expected a field here: `name: value`"),
        );
        let d = ctx.at(d, b, 1);
        ctx.out.push(d);
    }
    for f in &found {
        let Some(spec) = shape.fields.iter().find(|s| s.name == f.name) else {
            let names = shape.fields.iter().map(|s| s.name);
            let meant = suggest(&f.name.replace(['-', ' '], "_"), names);
            // `titel:` for `title:` is one mistake, not also a missing `title`.
            meant_fields.extend(meant);
            let d = unknown_field(ctx.path, f.name, shape);
            let d = ctx.at(d, f.name_at, f.name.chars().count());
            ctx.out.push(d);
            continue;
        };
        if seen.contains(&f.name) {
            let d = Diagnostic::new(
                "E008",
                ctx.path,
                msg!("het veld `{}` staat er twee keer in", "the field `{}` is given twice", f.name),
            )
            .help(msg!("houd er één van over", "keep one of them"));
            let d = ctx.at(d, f.name_at, f.name.len());
            ctx.out.push(d);
            continue;
        }
        seen.push(f.name);
        let raw = &text[f.value.0..f.value.1];
        if raw.trim().is_empty() {
            let d = Diagnostic::new(
                "E004",
                ctx.path,
                msg!("het veld `{}` heeft geen waarde", "the field `{}` has no value", f.name),
            );
            let d = ctx.at(d, f.name_at, f.name.len());
            ctx.out.push(d);
            continue;
        }
        match spec.kind {
            Kind::Value(parse, expect) => {
                if let Err(e) = parse(raw) {
                    match explain(ctx.path, f.name, raw.trim_end(), expect) {
                        Some(d) => {
                            let d = ctx.at(d, f.value.0, raw.trim_end().chars().count());
                            ctx.out.push(d);
                        }
                        None => ctx.ron_error(f.value.0, &e, shape.name),
                    }
                } else if f.name == "id" {
                    id = ron::from_str::<String>(raw).ok();
                }
            }
            Kind::Structs(inner) => check_list(ctx, f.value.0, raw, inner),
        }
    }
    let missing: Vec<&str> = shape
        .fields
        .iter()
        .filter(|s| s.required && !seen.contains(&s.name) && !meant_fields.contains(&s.name))
        .map(|s| s.name)
        .collect();
    for name in missing {
        let d = Diagnostic::new("E003", ctx.path, {
            let (nl, en) = shape_words(shape.name);
            msg!("het veld `{name}` ontbreekt in {nl}", "missing field `{name}` in {en}")
        })
        .help(msg!("voeg `{name}: ...` toe", "add `{name}: ...`"));
        let d = ctx.at(d, start, name_len.max(1));
        ctx.out.push(d);
    }
    Some(id)
}

fn check_list(ctx: &mut Ctx, at: usize, raw: &str, inner: &'static Shape) {
    let text = ctx.text;
    if !raw.trim_start().starts_with('[') {
        let d = Diagnostic::new(
            "E004",
            ctx.path,
            msg!("hier hoort een lijst: [ (...), (...) ]", "expected a list here: [ (...), (...) ]"),
        );
        let d = ctx.at(d, at, 1);
        ctx.out.push(d);
        return;
    }
    let Some(list) = items(text, at) else {
        return;
    };
    for (start, end) in list {
        let item = &text[start..end];
        if (inner.whole)(item).is_ok() {
            continue;
        }
        let before = ctx.out.len();
        let found = check_struct(ctx, start, inner);
        if (found.is_none() || ctx.out.len() == before)
            && let Err(e) = (inner.whole)(item)
        {
            ctx.ron_error(start, &e, inner.name);
        }
    }
}

/// A part of a deck as an author calls it, after "in": "de kaart" / "the card", "een optie" / "an
/// option". Takes both the names used here (`Card`, `option`) and ron's type names (`CardOption`).
pub(crate) fn shape_words(name: &str) -> (&'static str, &'static str) {
    match name {
        "Card" => ("de kaart", "the card"),
        "option" | "CardOption" => ("een optie", "an option"),
        "inject" | "Inject" => ("een ontwikkeling", "an inject"),
        "practice" | "Practice" => ("een praktijk", "a practice"),
        "Deck" | "Manifest" => ("het manifest", "the manifest"),
        "objective" | "Objective" => ("een doel", "an objective"),
        "dimension" | "Dimension" => ("een dimensie", "a dimension"),
        "agenda" | "Agenda" => ("een agenda", "an agenda"),
        "Condition" => ("de voorwaarde `only_if`", "the `only_if` condition"),
        "Text" => ("een tekst", "a text"),
        _ => ("dit onderdeel", "this item"),
    }
}

/// The Dutch names the loader accepts for a theme or role, listed to a Dutch author.
pub(crate) fn dutch_name(name: &str) -> &str {
    match name {
        "DigitalCrime" => "DigitaleCriminaliteit",
        "OwnHouse" => "EigenHuis",
        "Disruption" => "Ontwrichting",
        "Leadership" => "Leiderschap",
        "Mayor" => "Burgemeester",
        "MunicipalSecretary" => "Gemeentesecretaris",
        "Ciso" => "CISO",
        "DataProtectionOfficer" => "FG",
        "PublicOrderAdviser" => "OOV",
        "CommunicationsAdviser" => "Communicatie",
        "Minute" => "Minuut",
        "Facilitator" => "Gespreksleider",
        other => other,
    }
}

/// Field names are snake_case; a card author writes what reads well.
fn unknown_field(path: &str, found: &str, shape: &Shape) -> Diagnostic {
    let names: Vec<&str> = shape.fields.iter().map(|s| s.name).collect();
    let underscored = found.replace(['-', ' '], "_").to_lowercase();
    let (nl, en) = if names.contains(&underscored.as_str()) && underscored != found {
        (
            format!("schrijf `{underscored}`: veldnamen gebruiken een liggend streepje"),
            format!("write `{underscored}`: field names use an underscore"),
        )
    } else {
        match suggest(found, names.iter().copied()) {
            Some(s) => (format!("bedoelt u `{s}`?"), format!("did you mean `{s}`?")),
            None => {
                (format!("mogelijke velden: {}", names.join(", ")), format!("expected one of: {}", names.join(", ")))
            }
        }
    };
    let (in_nl, in_en) = shape_words(shape.name);
    Diagnostic::new("E002", path, msg!("onbekend veld `{found}` in {in_nl}", "unknown field `{found}` in {in_en}"))
        .help(Msg::new(nl, en))
}

/// A clearer message than ron's for the common mistakes in one value; `None` leaves it to ron.
pub(crate) fn explain(path: &str, field: &str, raw: &str, expect: Expect) -> Option<Diagnostic> {
    let value = raw.trim();
    let unquoted = value.trim_matches('"');
    let is_number = !value.is_empty()
        && value.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    match expect {
        Expect::Release if is_number && !value.contains(['.', ',']) => Some(
            Diagnostic::new(
                "E004",
                path,
                msg!("`at:` is een moment, geen los getal: schrijf `Minute({value})`", "`at:` is a moment, not a bare number: write `Minute({value})`"),
            )
            .help(msg!(
                "`Minute(n)`: n minuten nadat de kaart openging; `Facilitator`: als de gespreksleider het kiest",
                "`Minute(n)`: n minutes after the card opened; `Facilitator`: when the facilitator chooses"
            )),
        ),
        Expect::Enum(names) if value.starts_with('"') => Some(
            Diagnostic::new(
                "E007",
                path,
                msg!("`{field}` is een keuze uit een lijst, geen tekst: schrijf het zonder aanhalingstekens", "`{field}` is a choice from a list, not a text: write it without quotes"),
            )
            .help(Msg::new(
                format!("schrijf `{field}: {unquoted}`; mogelijk zijn: {}", names.iter().map(|n| dutch_name(n)).collect::<Vec<_>>().join(", ")),
                format!("write `{field}: {unquoted}`; possible values: {}", names.join(", ")),
            )),
        ),
        Expect::EnumList(names) if value.contains('"') => Some(
            Diagnostic::new(
                "E007",
                path,
                msg!("de waarden van `{field}` zijn keuzes uit een lijst, geen teksten: schrijf ze zonder aanhalingstekens", "the values of `{field}` are choices from a list, not texts: write them without quotes"),
            )
            .help(Msg::new(
                format!("bijvoorbeeld `{field}: [{}]`; mogelijk zijn: {}", dutch_name(names[0]), names.iter().map(|n| dutch_name(n)).collect::<Vec<_>>().join(", ")),
                format!("for example `{field}: [{}]`; possible values: {}", names[0], names.join(", ")),
            )),
        ),
        Expect::Text if !value.starts_with(['"', '(', 'r']) && !value.starts_with(['„', '“', '‘', '”']) => Some(
            Diagnostic::new(
                "E004",
                path,
                msg!("`{field}` is een tekst: zet hem tussen aanhalingstekens, zoals `{field}: \"...\"`", "`{field}` is a text: put it between quotes, like `{field}: \"...\"`"),
            )
            .help(msg!("een tekst is \"...\" (Nederlands) of (nl: \"...\", en: \"...\")", "a text is \"...\" (Dutch) or (nl: \"...\", en: \"...\")")),
        ),
        Expect::Count if value.starts_with('"') => Some(Diagnostic::new(
            "E004",
            path,
            msg!("`{field}` is een heel getal: schrijf het zonder aanhalingstekens, zoals `{field}: 10`", "`{field}` is a whole number: write it without quotes, like `{field}: 10`"),
        )),
        Expect::Count if is_number => Some(Diagnostic::new(
            "E004",
            path,
            msg!("`{field}` is een heel getal van 0 tot 4294967295, zonder komma of punt; hier staat `{value}`", "`{field}` is a whole number from 0 to 4294967295, without a decimal point; found `{value}`"),
        )),
        Expect::Effects if value.contains(['.']) || has_long_number(value) => Some(
            Diagnostic::new(
                "E004",
                path,
                msg!("een effect is een heel getal van -3 tot +3", "an effect is a whole number from -3 to +3"),
            )
            .help(msg!("schrijf bijvoorbeeld effects: [(\"vertrouwen\", 1), (\"continuiteit\", -2)]", "write for example effects: [(\"trust\", 1), (\"continuity\", -2)]")),
        ),
        _ => None,
    }
}

fn has_long_number(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() > 9)
}

/// Checks a file that ron could not parse, part by part. `None` when even its brackets do not
/// close: then ron's own first error is all there is to say.
/// `index` is the whole file's, built once: a list of many broken cards stays linear.
pub(crate) fn recover<'a>(
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex<'a>,
    start: usize,
    shape: &'static Shape,
) -> Option<Recovered> {
    let mut ctx = Ctx { path, text, index, out: Vec::new() };
    let id = check_struct(&mut ctx, start, shape)?;
    Some(Recovered { diagnostics: ctx.out, id })
}

/// The items of a top-level list `[...]` starting at `open`, for reading each card on its own.
pub(crate) fn list_items(text: &str, open: usize) -> Option<Vec<(usize, usize)>> {
    items(text, open)
}

/// The byte offset of the first thing that is not blank or a comment.
pub(crate) fn first_token(text: &str) -> usize {
    skip_blank(text, 0)
}

/// Moves a diagnostic made on an excerpt that starts at `offset` to its place in the whole text.
pub(crate) fn shift(d: &mut Diagnostic, index: &LineIndex, offset: usize) {
    if d.line == 0 {
        return;
    }
    let (line0, col0) = index.line_col(offset);
    if d.line == 1 {
        d.col += col0 - 1;
    }
    d.line += line0 - 1;
}

/// Turns ron's error into a message a civil servant can act on, with the spot and a hint.
pub(crate) fn ron_diagnostic(path: &str, shape: &str, e: &SpannedError) -> Diagnostic {
    let (line, col) = (e.span.start.line, e.span.start.col);
    let same_line = e.span.end.line == line && e.span.end.col > col;
    let len = if same_line { e.span.end.col - col } else { 1 };
    let (code, message, help): (&'static str, Msg, Option<Msg>) = match &e.code {
        RonError::NoSuchStructField { expected, found, .. } if *expected == ["nl", "en"] => (
            "E002",
            msg!("onbekende taal `{found}` in een tekst", "unknown language `{found}` in a text"),
            Some(msg!(
                "een tekst heeft `nl:` (verplicht) en `en:`, zoals (nl: \"...\", en: \"...\")",
                "a text takes `nl:` (required) and `en:`, like (nl: \"...\", en: \"...\")"
            )),
        ),
        RonError::NoSuchStructField { expected, found, outer } => (
            "E002",
            Msg::new(
                format!("onbekend veld `{found}`{}", in_outer(outer, Lang::Nl)),
                format!("unknown field `{found}`{}", in_outer(outer, Lang::En)),
            ),
            Some(did_you_mean(found, expected)),
        ),
        RonError::MissingStructField { field, outer } => (
            "E003",
            Msg::new(
                format!("het veld `{field}` ontbreekt{}", in_outer(outer, Lang::Nl)),
                format!("missing field `{field}`{}", in_outer(outer, Lang::En)),
            ),
            Some(msg!("voeg `{field}: ...` toe", "add `{field}: ...` to this item")),
        ),
        RonError::DuplicateStructField { field, outer } => (
            "E008",
            Msg::new(
                format!("het veld `{field}` staat er twee keer in{}", in_outer(outer, Lang::Nl)),
                format!("the field `{field}` is given twice{}", in_outer(outer, Lang::En)),
            ),
            Some(msg!("houd er één van over", "keep one of them")),
        ),
        RonError::NoSuchEnumVariant { expected, found, outer } => {
            let (of_nl, of_en) = match outer.as_deref() {
                Some("Role") => (" voor een rol".to_string(), " for a role".to_string()),
                Some("Theme") => (" voor het thema".to_string(), " for the theme".to_string()),
                Some("Release") => (" voor `at:`".to_string(), " for `at:`".to_string()),
                Some(o) => (format!(" ({o})"), format!(" ({o})")),
                None => (String::new(), String::new()),
            };
            // The Dutch aliases are accepted but not listed: the list would double.
            let canonical: Vec<&str> = expected.iter().copied().filter(|e| is_canonical(e)).collect();
            let listed: &[&str] = if canonical.is_empty() { expected } else { &canonical };
            // A Dutch author reads the Dutch names, an English one the English names.
            let dutch: Vec<&str> = listed.iter().map(|n| dutch_name(n)).collect();
            let help = match suggest(found, expected.iter().copied()) {
                Some(s) => msg!("bedoelt u `{s}`?", "did you mean `{s}`?"),
                None => Msg::new(
                    format!("mogelijk zijn: {} (of de Engelse namen in docs/scenarios.md)", dutch.join(", ")),
                    format!("expected one of: {} (or the Dutch names in docs/scenarios.md)", listed.join(", ")),
                ),
            };
            (
                "E007",
                Msg::new(format!("onbekende waarde `{found}`{of_nl}"), format!("unknown value `{found}`{of_en}")),
                Some(help),
            )
        }
        RonError::InvalidValueForType { expected, found } if expected.starts_with("a text") => (
            "E004",
            msg!("hier hoort een tekst, maar er staat {found}", "expected a text here, but found {found}"),
            Some(msg!(
                "een tekst is \"...\" (Nederlands) of (nl: \"...\", en: \"...\")",
                "a text is \"...\" (Dutch) or (nl: \"...\", en: \"...\")"
            )),
        ),
        RonError::InvalidValueForType { expected, found } => (
            "E004",
            msg!("hier hoort {expected}, maar er staat {found}", "expected {expected}, but found {found}"),
            None,
        ),
        RonError::Message(m) if m.starts_with("the language `") => {
            let lang = m.split('`').nth(1).unwrap_or("");
            (
                "E008",
                msg!(
                    "de taal `{lang}` staat twee keer in deze tekst",
                    "the language `{lang}` is given twice in this text"
                ),
                Some(msg!("houd er één van over", "keep one of them")),
            )
        }
        RonError::ExpectedDifferentLength { expected, found } => {
            let n: String = expected.chars().filter(char::is_ascii_digit).collect();
            (
                "E004",
                msg!(
                    "hier horen {n} waarden tussen haakjes, maar er staan er {found}",
                    "expected {n} values between brackets, but found {found}"
                ),
                Some(msg!(
                    "een effect is een paar (\"dimensie\", getal), zoals (\"vertrouwen\", 1)",
                    "an effect is a pair (\"dimension\", number), like (\"trust\", 1)"
                )),
            )
        }
        RonError::Message(m) => ("E004", msg!("{m}", "{m}"), None),
        RonError::Utf8Error(_) => {
            ("E005", msg!("het bestand is geen geldige UTF-8-tekst", "the file is not valid UTF-8 text"), None)
        }
        RonError::Eof => (
            "E001",
            msg!("het bestand houdt te vroeg op", "the file ends too early"),
            Some(msg!(
                "waarschijnlijk ontbreekt een sluitend `)`, `]` of `\"`",
                "a closing `)`, `]` or `\"` is probably missing"
            )),
        ),
        RonError::ExpectedComma => (
            "E001",
            msg!("hier hoort een komma `,` of een sluitend haakje", "expected a comma `,` or a closing bracket here"),
            Some(msg!(
                "items in een lijst en velden in een kaart worden gescheiden door komma's",
                "items in a list and fields in a card are separated by commas"
            )),
        ),
        RonError::ExpectedStringEnd => (
            "E001",
            msg!("deze tekst heeft geen sluitend aanhalingsteken `\"`", "this text has no closing quote `\"`"),
            Some(msg!(
                "gebruik voor lange teksten met aanhalingstekens erin een ruwe tekst: r#\"...\"#",
                "for long texts with quotes inside, use a raw string: r#\"...\"#"
            )),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            "E001",
            msg!(
                "hier hoort `{expected}(...)`, maar er staat `{found}(...)`",
                "expected `{expected}(...)` here, but found `{found}(...)`"
            ),
            Some(msg!("dit bestand hoort {shape} te bevatten", "this file should hold {shape}")),
        ),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike => (
            "E001",
            msg!("hier hoort {shape}", "expected {shape} here"),
            Some(msg!("begin het bestand met {shape}", "start the file with {shape}")),
        ),
        RonError::TrailingCharacters => (
            "E001",
            msg!("er staat nog tekst na het einde van het item", "unexpected text after the end of the item"),
            Some(msg!(
                "een bestand bevat één {shape}; zet meerdere kaarten in een lijst [Card(...), Card(...)]",
                "a file holds one {shape}; to put several cards in one file, use a list [Card(...), Card(...)]"
            )),
        ),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds | RonError::InvalidIntegerDigit { .. } => (
            "E004",
            msg!("hier hoort een heel getal, zoals 10", "expected a whole number here, like 10"),
            Some(msg!(
                "minuten: 0 tot 4294967295; effecten: -3 tot +3; zonder komma of punt",
                "minutes: 0 to 4294967295; effects: -3 to +3; without a decimal point"
            )),
        ),
        RonError::ExpectedString => (
            "E004",
            msg!(
                "hier hoort een tekst tussen aanhalingstekens, zoals \"...\"",
                "expected a text in quotes here, like \"...\""
            ),
            Some(msg!(
                "een tekst mag ook (nl: \"...\", en: \"...\") zijn",
                "a text may also be (nl: \"...\", en: \"...\")"
            )),
        ),
        RonError::ExpectedArray => {
            ("E004", msg!("hier hoort een lijst, zoals [ ... ]", "expected a list here, like [ ... ]"), None)
        }
        RonError::ExpectedBoolean => ("E004", msg!("hier hoort true of false", "expected true or false here"), None),
        RonError::ExpectedIdentifier => (
            "E001",
            msg!(
                "hier hoort een veldnaam of een waarde zonder aanhalingstekens",
                "expected a field name or a value name here"
            ),
            Some(msg!(
                "veldnamen gebruiken kleine letters en een liggend streepje, zoals `follow_up`",
                "field names use lowercase letters and underscores, like `follow_up`"
            )),
        ),
        RonError::ExpectedMapColon => (
            "E001",
            msg!("na de veldnaam hoort een dubbele punt `:`", "expected a colon `:` after the field name"),
            None,
        ),
        RonError::ExpectedArrayEnd => (
            "E001",
            msg!("hier hoort `,` of het sluitende `]` van de lijst", "expected `,` or the closing `]` of the list"),
            None,
        ),
        RonError::ExpectedStructLikeEnd => {
            ("E001", msg!("hier hoort `,` of het sluitende `)`", "expected `,` or the closing `)` here"), None)
        }
        RonError::UnclosedBlockComment => (
            "E001",
            msg!("een opmerking /* ... wordt nooit gesloten met */", "a comment /* ... is never closed with */"),
            None,
        ),
        RonError::UnexpectedChar(c) => {
            let c = c.escape_debug();
            ("E001", msg!("onverwacht teken `{c}`", "unexpected character `{c}`"), None)
        }
        RonError::SuggestRawIdentifier(_) => (
            "E001",
            msg!("hier hoort een veldnaam", "expected a field name here"),
            Some(msg!(
                "veldnamen gebruiken een liggend streepje (`follow_up`); een moment schrijf je als `Minute(3)`",
                "field names use an underscore (`follow_up`); a moment is written `Minute(3)`"
            )),
        ),
        other => ("E001", msg!("schrijffout: {other}", "syntax error: {other}"), None),
    };
    let mut d = Diagnostic::new(code, path, message).at(line, col, len);
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

fn in_outer(outer: &Option<String>, lang: Lang) -> String {
    match outer.as_deref() {
        Some(o) => {
            let (nl, en) = shape_words(o);
            format!(" in {}", if lang == Lang::Nl { nl } else { en })
        }
        None => String::new(),
    }
}

fn did_you_mean(found: &str, expected: &[&str]) -> Msg {
    match suggest(found, expected.iter().copied()) {
        Some(s) => msg!("bedoelt u `{s}`?", "did you mean `{s}`?"),
        None if expected.is_empty() => msg!("dit item heeft geen velden", "this item takes no fields"),
        None => msg!("mogelijk zijn: {}", "expected one of: {}", expected.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(&'static str, usize, usize)> {
        let mut out: Vec<_> = lint("x.ron", text).into_iter().map(|d| (d.code, d.line, d.col)).collect();
        let index = LineIndex::new(text);
        if let Some(r) = recover("x.ron", text, &index, first_token(text), &CARD) {
            out.extend(r.diagnostics.into_iter().map(|d| (d.code, d.line, d.col)));
        }
        out
    }

    /// The field lists here must match the model: a valid deck reads without a single complaint.
    #[test]
    fn the_bundled_deck_reads_field_by_field_without_a_complaint() {
        for source in crate::scenario::load::bundled_sources() {
            let text = std::str::from_utf8(&source.bytes).unwrap();
            let shape = if source.path.ends_with("/deck.ron") { &DECK } else { &CARD };
            let index = LineIndex::new(text);
            let found = recover(&source.path, text, &index, first_token(text), shape).unwrap();
            assert!(found.diagnostics.is_empty(), "{}: {:?}", source.path, found.diagnostics);
            assert!(found.id.is_some(), "{}", source.path);
            assert!(lint(&source.path, text).is_empty(), "{}", source.path);
        }
    }

    #[test]
    fn splits_fields_across_strings_comments_and_brackets() {
        let text = "Card(a: \"x, y)\", // c, d\n b: r#\"q\"# , c: [(d: 1), (e: \"]\")])";
        let (f, bare, commas) = fields(text, 4).unwrap();
        assert!(commas.is_empty());
        let names: Vec<&str> = f.iter().map(|f| f.name).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert!(bare.is_empty());
        assert_eq!(&text[f[2].value.0..f[2].value.1], "[(d: 1), (e: \"]\")]");
    }

    #[test]
    fn typographic_quotes_and_hash_comments_are_named() {
        let found = codes("# kaart\nCard(\n  id: „x”,\n)");
        assert!(found.contains(&("E036", 1, 1)), "{found:?}");
        assert!(found.contains(&("E037", 3, 7)), "{found:?}");
    }

    #[test]
    fn a_raw_string_closed_with_a_plain_quote_is_found() {
        let text = "Card(title: (nl: r#\"Hallo\", en: r#\"Hello\"#))";
        let found = lint("x.ron", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].code, found[0].line, found[0].col), ("E038", 1, 26));
    }

    #[test]
    fn a_plain_string_without_its_closing_quote_is_found() {
        let text = "Card(\n  title: \"Goed,\n  situation: \"Er gebeurt iets.\",\n)";
        let found = lint("x.ron", text);
        assert_eq!(found.first().map(|d| (d.code, d.line, d.col)), Some(("E038", 2, 10)), "{found:?}");
    }
}
