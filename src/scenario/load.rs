//! Reading a deck: from a directory or from the copy embedded in the binary, into a [`Deck`]
//! plus every problem found on the way.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::check;
use super::diag::{Diagnostic, suggest};
use super::model::{Card, Deck, Manifest};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");

/// The newest card format this build understands.
pub const FORMAT_VERSION: u32 = 1;

/// One file of a deck as read from disk or from the binary.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a card came from, so later checks can point into its file.
#[derive(Debug, Clone, Copy)]
pub struct CardOrigin {
    pub file: usize,
}

/// Everything the loader learnt: the deck if it could be assembled, the problems, and the
/// sources the problems point into.
#[derive(Debug)]
pub struct Loaded {
    pub deck: Option<Deck>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
    /// For each card that parsed, the index in `sources` of its file.
    pub card_files: Vec<usize>,
}

impl Loaded {
    pub fn card_count(&self) -> usize {
        self.card_files.len()
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Every diagnostic rendered with its source line, in file and line order.
    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| {
                let text = self.sources.iter().find(|s| s.path == d.file).map(|s| String::from_utf8_lossy(&s.bytes));
                d.render(text.as_deref())
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The deck when it has no errors; otherwise the rendered errors, for commands that need a deck.
    pub fn into_deck(self) -> Result<Deck, DeckError> {
        match self.deck {
            Some(deck) if self.diagnostics.iter().all(|d| !d.is_error()) => Ok(deck),
            _ => Err(DeckError::Invalid { errors: self.errors(), report: self.render() }),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error("cannot read the deck at {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the deck has {errors} error(s); run `weerbaar check` on it for details:\n{report}")]
    Invalid { errors: usize, report: String },
}

/// The deck shipped inside the binary, so `weerbaar` plays from any directory.
pub fn bundled_sources() -> Vec<Source> {
    let mut out = Vec::new();
    collect_embedded(&BUNDLED, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<Source>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "ron") {
            out.push(Source { path: format!("scenarios/{}", file.path().display()), bytes: file.contents().to_vec() });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Reads every `.ron` file under `dir` (recursively, sorted by path).
pub fn dir_sources(dir: &Path) -> Result<Vec<Source>, DeckError> {
    let mut paths = Vec::new();
    walk(dir, &mut paths).map_err(|source| DeckError::Io { path: dir.to_path_buf(), source })?;
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            std::fs::read(&p)
                .map(|bytes| Source { path: p.display().to_string(), bytes })
                .map_err(|source| DeckError::Io { path: p, source })
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}

/// Loads the deck at `path` (a directory or its `deck.ron`), or the bundled deck when `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, DeckError> {
    let sources = match path {
        None => bundled_sources(),
        Some(p) if p.is_file() => dir_sources(p.parent().unwrap_or(Path::new(".")))?,
        Some(p) => dir_sources(p)?,
    };
    Ok(load_sources(sources))
}

/// Loads a deck known to be good, for commands that play it.
pub fn load_deck(path: Option<&Path>) -> Result<Deck, DeckError> {
    load(path)?.into_deck()
}

/// Parses and checks a set of files as one deck: the file named `deck.ron` is the manifest,
/// every other file holds one card or a list of cards. Collects every problem it can find.
pub fn load_sources(sources: Vec<Source>) -> Loaded {
    load_inner(sources, true)
}

/// Checks card files on their own, without a manifest: for authors checking one file at a time.
/// Cross-deck checks (agendas, dimensions, reachability) need the manifest and are skipped.
pub fn load_card_files(sources: Vec<Source>) -> Loaded {
    load_inner(sources, false)
}

fn load_inner(sources: Vec<Source>, need_manifest: bool) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut manifest: Option<(Manifest, usize)> = None;
    let mut manifest_seen = false;
    let mut cards: Vec<(Card, CardOrigin)> = Vec::new();

    for (idx, source) in sources.iter().enumerate() {
        let Some(text) = decode(source, &mut diagnostics) else {
            continue;
        };
        if is_manifest(&source.path) {
            manifest_seen = true;
            if let Some(m) = parse::<Manifest>(&source.path, text, "Deck(...)", &mut diagnostics) {
                manifest = Some((m, idx));
            }
        } else if starts_with_list(text) {
            if let Some(list) = parse::<Vec<Card>>(&source.path, text, "[Card(...), ...]", &mut diagnostics) {
                cards.extend(list.into_iter().map(|c| (c, CardOrigin { file: idx })));
            }
        } else if let Some(card) = parse::<Card>(&source.path, text, "Card(...)", &mut diagnostics) {
            cards.push((card, CardOrigin { file: idx }));
        }
    }
    if need_manifest && !manifest_seen {
        let place = sources
            .first()
            .and_then(|s| Path::new(&s.path).parent().map(|p| p.display().to_string()))
            .unwrap_or_else(|| "deck".to_string());
        diagnostics.push(
            Diagnostic::new("E009", &place, "the deck has no manifest file `deck.ron`")
                .help("every deck directory needs a deck.ron with the id, title, dimensions and agendas"),
        );
    }

    check::check(&sources, manifest.as_ref().map(|(m, i)| (m, *i)), &cards, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));

    let card_files = cards.iter().map(|(_, origin)| origin.file).collect();
    let deck = manifest.map(|(manifest, _)| Deck {
        manifest,
        cards: cards.into_iter().map(|(c, _)| c).collect(),
        digest: digest(&sources),
        sources: sources.clone().into(),
    });
    Loaded { deck, diagnostics, sources, card_files }
}

fn is_manifest(path: &str) -> bool {
    Path::new(path).file_name().is_some_and(|n| n == "deck.ron")
}

/// SHA-256 over each file's path (relative to its deck) and bytes, so the same deck checked out
/// anywhere has the same digest.
pub fn digest(sources: &[Source]) -> String {
    let root = sources
        .iter()
        .find(|s| is_manifest(&s.path))
        .and_then(|s| Path::new(&s.path).parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut hasher = Sha256::new();
    for s in sources {
        let rel = Path::new(&s.path).strip_prefix(&root).unwrap_or(Path::new(&s.path));
        hasher.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update([0]);
        hasher.update((s.bytes.len() as u64).to_le_bytes());
        hasher.update(&s.bytes);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn decode<'a>(source: &'a Source, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(&source.bytes) {
        Ok(text) if text.trim().is_empty() => {
            diagnostics.push(
                Diagnostic::new("E006", &source.path, "the file is empty")
                    .help("a card file holds Card(...) or a list [Card(...), ...]; a manifest holds Deck(...)"),
            );
            None
        }
        Ok(text) => Some(text),
        Err(e) => {
            let good = &source.bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diagnostics.push(
                Diagnostic::new("E005", &source.path, "the file is not valid UTF-8 text")
                    .at(line, col, 1)
                    .help("save the file as UTF-8 (most editors offer this under 'Save as' or 'Encoding')"),
            );
            None
        }
    }
}

/// True when the first thing in the file (after comments) is `[`: a list of cards.
fn starts_with_list(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return rest.starts_with('[');
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}

fn parse<T: DeserializeOwned>(path: &str, text: &str, shape: &str, out: &mut Vec<Diagnostic>) -> Option<T> {
    match ron_options().from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(ron_diagnostic(path, shape, &e));
            None
        }
    }
}

/// Turns ron's error into a message a civil servant can act on, with the spot and a hint.
fn ron_diagnostic(path: &str, shape: &str, e: &SpannedError) -> Diagnostic {
    let (line, col) = (e.span.start.line, e.span.start.col);
    let same_line = e.span.end.line == line && e.span.end.col > col;
    let len = if same_line { e.span.end.col - col } else { 1 };
    let (code, message, help): (&'static str, String, Option<String>) = match &e.code {
        RonError::NoSuchStructField { expected, found, .. } if *expected == ["nl", "en"] => (
            "E002",
            format!("unknown language `{found}` in a text"),
            Some("a text takes `nl:` (required) and `en:`, like (nl: \"...\", en: \"...\")".to_string()),
        ),
        RonError::NoSuchStructField { expected, found, outer } => {
            ("E002", format!("unknown field `{found}`{}", in_outer(outer)), Some(did_you_mean(found, expected)))
        }
        RonError::MissingStructField { field, outer } => (
            "E003",
            format!("missing field `{field}`{}", in_outer(outer)),
            Some(format!("add `{field}: ...` to this item")),
        ),
        RonError::DuplicateStructField { field, outer } => (
            "E008",
            format!("the field `{field}` is given twice{}", in_outer(outer)),
            Some("keep one of them".to_string()),
        ),
        RonError::NoSuchEnumVariant { expected, found, outer } => (
            "E007",
            format!("unknown value `{found}`{}", outer.as_deref().map(|o| format!(" for {o}")).unwrap_or_default()),
            Some(did_you_mean(found, expected)),
        ),
        RonError::InvalidValueForType { expected, found } => {
            ("E004", format!("expected {expected}, but found {found}"), None)
        }
        RonError::Message(m) => ("E004", m.clone(), None),
        RonError::Utf8Error(_) => ("E005", "the file is not valid UTF-8 text".to_string(), None),
        RonError::Eof => (
            "E001",
            "the file ends too early".to_string(),
            Some("a closing `)`, `]` or `\"` is probably missing".to_string()),
        ),
        RonError::ExpectedComma => (
            "E001",
            "expected a comma `,` or a closing bracket here".to_string(),
            Some("items in a list and fields in a card are separated by commas".to_string()),
        ),
        RonError::ExpectedStringEnd => (
            "E001",
            "this text has no closing quote `\"`".to_string(),
            Some("for long texts with quotes inside, use a raw string: r#\"...\"#".to_string()),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            "E001",
            format!("expected `{expected}(...)` here, but found `{found}(...)`"),
            Some(format!("this file should hold {shape}")),
        ),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike => {
            ("E001", format!("expected {shape} here"), Some(format!("start the file with {shape}")))
        }
        RonError::TrailingCharacters => (
            "E001",
            "unexpected text after the end of the item".to_string(),
            Some(format!(
                "a file holds one {shape}; to put several cards in one file, use a list [Card(...), Card(...)]"
            )),
        ),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds | RonError::InvalidIntegerDigit { .. } => {
            ("E004", "expected a whole number here, like 10".to_string(), None)
        }
        RonError::ExpectedString => (
            "E004",
            "expected a text in quotes here, like \"...\"".to_string(),
            Some("a text may also be (nl: \"...\", en: \"...\")".to_string()),
        ),
        RonError::ExpectedArray => ("E004", "expected a list here, like [ ... ]".to_string(), None),
        RonError::ExpectedBoolean => ("E004", "expected true or false here".to_string(), None),
        RonError::ExpectedIdentifier => ("E001", "expected a field name or a value name here".to_string(), None),
        RonError::ExpectedMapColon => ("E001", "expected a colon `:` after the field name".to_string(), None),
        RonError::ExpectedArrayEnd => ("E001", "expected `,` or the closing `]` of the list".to_string(), None),
        RonError::ExpectedStructLikeEnd => ("E001", "expected `,` or the closing `)` here".to_string(), None),
        RonError::UnclosedBlockComment => ("E001", "a comment /* ... is never closed with */".to_string(), None),
        RonError::UnexpectedChar(c) => ("E001", format!("unexpected character `{}`", c.escape_debug()), None),
        other => ("E001", format!("syntax error: {other}"), None),
    };
    let mut d = Diagnostic::new(code, path, message).at(line, col, len);
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

fn in_outer(outer: &Option<String>) -> String {
    match outer.as_deref() {
        Some(o) => format!(" in {o}"),
        None => String::new(),
    }
}

fn did_you_mean(found: &str, expected: &[&str]) -> String {
    match suggest(found, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if expected.is_empty() => "this item takes no fields".to_string(),
        None => format!("expected one of: {}", expected.join(", ")),
    }
}
