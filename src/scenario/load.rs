//! Reading a deck: from a directory or from the copy embedded in the binary, into a [`Deck`]
//! plus every problem found on the way.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use std::collections::{HashMap, HashSet};

use super::check;
use super::diag::{Diagnostic, LineIndex};
use super::model::{Card, Cards, Deck, Manifest};
use super::read;
use super::recover::{self, ron_diagnostic};
use super::text::{Lang, clean};
use crate::msg;

// What a deck is made of (its files, where a card came from, the format version) is part of the
// model ([`super::model`]); re-exported here, where the loader makes them.
pub use super::model::{CardOrigin, FORMAT_VERSION, Source};

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

    /// Every diagnostic rendered with its source line, in file and line order, in English.
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// Every diagnostic in `lang`. Each file's lines are indexed once, so rendering stays linear
    /// however many diagnostics point into one large file.
    pub fn render_in(&self, lang: Lang) -> String {
        let texts: Vec<(&str, std::borrow::Cow<'_, str>)> =
            self.sources.iter().map(|s| (s.path.as_str(), String::from_utf8_lossy(&s.bytes))).collect();
        let by_path: HashMap<&str, &str> = texts.iter().map(|(p, t)| (*p, t.as_ref())).collect();
        let mut indexes: HashMap<&str, Option<LineIndex<'_>>> = HashMap::new();
        let mut out = Vec::with_capacity(self.diagnostics.len());
        for d in &self.diagnostics {
            let index = indexes
                .entry(d.file.as_str())
                .or_insert_with(|| by_path.get(d.file.as_str()).map(|t| LineIndex::new(t)));
            out.push(d.render_line(index.as_ref().and_then(|i| i.line(d.line)), lang));
        }
        out.join("\n")
    }

    /// The deck when it has no errors; otherwise the rendered errors, for commands that need a deck.
    pub fn into_deck(self) -> Result<Deck, DeckError> {
        self.into_deck_in(Lang::En)
    }

    /// Like [`Loaded::into_deck`], with the problems told in `lang` (for `play --lang nl`).
    pub fn into_deck_in(self, lang: Lang) -> Result<Deck, DeckError> {
        match self.deck {
            Some(deck) if self.diagnostics.iter().all(|d| !d.is_error()) => Ok(deck),
            _ => Err(DeckError::Invalid { errors: self.errors(), report: self.render_in(lang) }),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error("cannot read the deck at {}: {source}", clean(&path.display().to_string()))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not a deck: neither a directory nor a regular file", clean(&path.display().to_string()))]
    NotADeck { path: PathBuf },
    #[error("the deck has {errors} error(s); run `weerbaar check` on it for details:\n{report}")]
    Invalid { errors: usize, report: String },
}

// The bundled deck's files, `BUNDLED_FILES`: written by `build.rs` as one table of paths and
// `include_bytes!`, in the order and with the paths it checked them in.
#[cfg(weerbaar_embedded_deck)]
include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// The deck shipped inside the binary, so `weerbaar` plays from any directory. Borrowed, not
/// copied, and not looked up file by file: one table, read in one go before the first frame
/// (walking an embedded directory touched a page of the binary per file).
#[cfg(weerbaar_embedded_deck)]
pub fn bundled_sources() -> Vec<Source> {
    BUNDLED_FILES.iter().map(|&(path, bytes)| Source { path: path.to_string(), bytes: bytes.into() }).collect()
}

/// In `build.rs` nothing is embedded yet: it reads `scenarios/` itself.
#[cfg(not(weerbaar_embedded_deck))]
pub fn bundled_sources() -> Vec<Source> {
    Vec::new()
}

/// Reads every `.ron` file under `dir` (recursively, sorted by path), with what it skipped.
pub fn dir_sources(dir: &Path) -> Result<read::DirRead, DeckError> {
    read::read_dir(dir).map_err(|source| DeckError::Io { path: dir.to_path_buf(), source })
}

/// Loads the deck at `path` (a directory or its `deck.ron`), or the bundled deck when `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, DeckError> {
    let Some(p) = path else {
        return Ok(load_sources(bundled_sources()));
    };
    let meta = std::fs::metadata(p).map_err(|source| DeckError::Io { path: p.to_path_buf(), source })?;
    let root = if meta.is_file() {
        p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
    } else if meta.is_dir() {
        p
    } else {
        return Err(DeckError::NotADeck { path: p.to_path_buf() });
    };
    let read = dir_sources(root)?;
    Ok(load_inner(read.sources, read.problems, Some(&root.display().to_string()), true))
}

/// Loads a deck known to be good, for commands that play it.
pub fn load_deck(path: Option<&Path>) -> Result<Deck, DeckError> {
    match path {
        None => bundled_deck().map_or_else(|| load(None)?.into_deck(), Ok),
        Some(_) => load(path)?.into_deck(),
    }
}

/// `load_deck`, with every problem described in the reader's language.
pub fn load_deck_in(path: Option<&Path>, lang: Lang) -> Result<Deck, DeckError> {
    match path {
        None => bundled_deck().map_or_else(|| load(None)?.into_deck_in(lang), Ok),
        Some(_) => load(path)?.into_deck_in(lang),
    }
}

/// The bundled deck's manifest as `build.rs` parsed it, in JSON.
#[cfg(weerbaar_embedded_deck)]
static MANIFEST: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_manifest.json"));
/// The bundled deck's cards as `build.rs` parsed them, in JSON: read when first used.
#[cfg(weerbaar_embedded_deck)]
static CARDS: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_cards.json"));
/// The bundled deck's digest ([`digest`] of its files), computed by `build.rs`.
#[cfg(weerbaar_embedded_deck)]
pub static BUNDLED_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_digest.txt"));

/// The bundled deck for playing, without parsing its RON or checking it again: the first frame
/// of `weerbaar` must not wait for checks whose verdict was settled when the binary was built.
/// `build.rs` runs the full loader and checker on `scenarios/` (the build fails on an error) and
/// embeds the deck as parsed, in JSON, with its digest; this reads the manifest from that JSON
/// now and the cards when they are first used ([`Cards::later`]: the setup screen needs only the
/// manifest). The test `deck::the_bundled_deck_is_clean_and_loads_fast_as_checked` proves it is
/// the very deck the checking path returns. `None` (embedded JSON that does not read, which that
/// test forbids) sends the caller to the checking path, which reports why.
#[cfg(weerbaar_embedded_deck)]
pub fn bundled_deck() -> Option<Deck> {
    let manifest = serde_json::from_str(MANIFEST).ok()?;
    let mut sources = bundled_sources();
    for s in &mut sources {
        // As the checking path does: a byte order mark means nothing.
        strip_bom(&mut s.bytes);
    }
    let cards = Cards::later(|| embedded_cards().unwrap_or_else(checked_cards));
    Some(Deck { manifest, cards, digest: BUNDLED_DIGEST.to_string(), sources: sources.into() })
}

/// The bundled deck's cards from the JSON `build.rs` embedded, or `None` if it does not read
/// (which the test `deck::the_bundled_deck_is_clean_and_loads_fast_as_checked` forbids).
#[cfg(weerbaar_embedded_deck)]
pub fn embedded_cards() -> Option<Vec<Card>> {
    serde_json::from_str(CARDS).ok()
}

/// The bundled deck's cards by the checking path: what [`bundled_deck`]'s cards fall back on if
/// the embedded JSON did not read. The build checked this deck, so it loads; were it ever not to,
/// the deck has no cards, and starting a session says which of the agenda's cards are missing.
#[cfg(weerbaar_embedded_deck)]
fn checked_cards() -> Vec<Card> {
    load_sources(bundled_sources()).deck.map(|d| d.cards.into_vec()).unwrap_or_default()
}

/// The bundled deck as a new log's header records it, in JSON, made by `build.rs`: for the deck
/// whose digest is `digest` (the bundled one), else `None`. Saves encoding 400 KB of text (about
/// 1 ms) before a session's first frame; see `log::Header::line_for_deck`.
#[cfg(weerbaar_embedded_deck)]
pub fn bundled_record_json(digest: &str) -> Option<&'static str> {
    static RECORD: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_record.json"));
    (digest == BUNDLED_DIGEST).then_some(RECORD)
}

/// In `build.rs` there is no record yet.
#[cfg(not(weerbaar_embedded_deck))]
pub fn bundled_record_json(_digest: &str) -> Option<&'static str> {
    None
}

/// `build.rs` compiles this module to check the deck and make what it embeds: there, nothing is
/// embedded yet, and every caller takes the checking path.
#[cfg(not(weerbaar_embedded_deck))]
pub fn bundled_deck() -> Option<Deck> {
    None
}

impl DeckError {
    /// The error in the reader's language; the report of an invalid deck is already in it.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (DeckError::Io { path, source }, Lang::Nl) => {
                format!(
                    "kan het deck in {} niet lezen: {}",
                    clean(&path.display().to_string()),
                    super::text::io_error(source, lang)
                )
            }
            (DeckError::NotADeck { path }, Lang::Nl) => {
                format!("{} is geen deck: geen map en geen gewoon bestand", clean(&path.display().to_string()))
            }
            (DeckError::Invalid { errors, report }, Lang::Nl) => {
                let word = if *errors == 1 { "fout" } else { "fouten" };
                format!("het deck heeft {errors} {word}; `weerbaar check` toont ze ook:\n{report}")
            }
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// Parses and checks a set of files as one deck: the file named `deck.ron` closest to the root
/// is the manifest, every other file holds one card or a list of cards. Collects every problem.
pub fn load_sources(sources: Vec<Source>) -> Loaded {
    load_inner(sources, Vec::new(), None, true)
}

/// Checks card files on their own, without a manifest: for authors checking one file at a time.
/// Cross-deck checks (agendas, dimensions, reachability) need the manifest and are skipped.
pub fn load_card_files(sources: Vec<Source>) -> Loaded {
    load_inner(sources, Vec::new(), None, false)
}

/// The report for a single file that could not be read at all.
pub fn single_file_problem(d: Diagnostic) -> Loaded {
    Loaded { deck: None, diagnostics: vec![d], sources: Vec::new(), card_files: Vec::new() }
}

/// Ids of cards that exist but could not be read: references to them are not "missing".
pub type Unreadable = HashSet<String>;

fn load_inner(
    mut sources: Vec<Source>,
    mut diagnostics: Vec<Diagnostic>,
    root: Option<&str>,
    need_manifest: bool,
) -> Loaded {
    for s in &mut sources {
        // Windows Notepad starts UTF-8 files with a byte order mark; it means nothing here.
        strip_bom(&mut s.bytes);
    }
    let manifest_file = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| is_manifest(&s.path))
        .min_by_key(|(_, s)| Path::new(&s.path).components().count())
        .map(|(i, _)| i);
    let mut manifest: Option<(Manifest, usize)> = None;
    let mut cards: Vec<(Card, CardOrigin)> = Vec::new();
    let mut unreadable = Unreadable::new();

    for (idx, source) in sources.iter().enumerate() {
        let Some(text) = decode(source, &mut diagnostics) else {
            unreadable.insert(stem(&source.path));
            continue;
        };
        if Some(idx) == manifest_file {
            if let Some(m) =
                parse_one::<Manifest>(&source.path, text, &recover::DECK, &mut diagnostics, &mut unreadable)
            {
                manifest = Some((m, idx));
            }
        } else if is_manifest(&source.path) {
            let main = manifest_file.and_then(|i| sources.get(i)).map(|s| s.path.as_str()).unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    "W011",
                    &source.path,
                    msg!(
                        "een tweede `deck.ron`; alleen {main} is het manifest, dit bestand wordt overgeslagen",
                        "a second `deck.ron`; only {main} is the manifest, this file is skipped"
                    ),
                )
                .help(msg!("verwijder dit bestand of geef het een andere naam", "delete this file or rename it")),
            );
        } else {
            let found = parse_cards(&source.path, text, &mut diagnostics, &mut unreadable);
            cards.extend(found.into_iter().map(|c| (c, CardOrigin { file: idx })));
        }
    }
    if need_manifest && manifest_file.is_none() {
        let place = root.map(str::to_string).unwrap_or_else(|| {
            sources
                .first()
                .and_then(|s| Path::new(&s.path).parent().map(|p| p.display().to_string()))
                .unwrap_or_else(|| "deck".to_string())
        });
        diagnostics.push(
            Diagnostic::new(
                "E009",
                &place,
                msg!("het deck heeft geen manifest `deck.ron`", "the deck has no manifest file `deck.ron`"),
            )
            .help(msg!(
                "elke deckmap heeft een deck.ron met het id, de titel, de dimensies en de agenda's (`weerbaar new deck MAP` maakt er een)",
                "every deck directory needs a deck.ron with the id, title, dimensions and agendas (`weerbaar new deck DIR` writes one)"
            )),
        );
    }

    let before = diagnostics.len();
    check::check(&sources, manifest.as_ref().map(|(m, i)| (m, *i)), &cards, &unreadable, &mut diagnostics);
    drop_swallowed(&mut diagnostics, before);
    // Errors first: a warning is often a consequence of an error, and the error is what to fix.
    diagnostics.sort_by(|a, b| (!a.is_error(), &a.file, a.line, a.col).cmp(&(!b.is_error(), &b.file, b.line, b.col)));

    let card_files = cards.iter().map(|(_, origin)| origin.file).collect();
    let deck = manifest.map(|(manifest, _)| Deck {
        manifest,
        cards: cards.into_iter().map(|(c, _)| c).collect::<Cards>(),
        digest: digest(&sources),
        sources: sources.clone().into(),
    });
    Loaded { deck, diagnostics, sources, card_files }
}

/// A text that swallowed the next field (E038) leaves that field empty or missing in the card as
/// read: "no English text" (W003) or "is empty" (E017) about those lines only follows from E038,
/// so the checker's messages from `from` on about a text there are left out. The two lines
/// before the text count too: `title: (` may stand above `nl: r#"...`.
fn drop_swallowed(diagnostics: &mut Vec<Diagnostic>, from: usize) {
    let spans: Vec<(String, usize, usize)> =
        diagnostics.iter().filter_map(|d| d.covers.map(|(a, b)| (d.file.clone(), a.saturating_sub(2), b))).collect();
    if spans.is_empty() {
        return;
    }
    let mut i = 0;
    diagnostics.retain(|d| {
        i += 1;
        let knock_on = i > from
            && matches!(d.code, "W003" | "E017")
            && spans.iter().any(|(f, a, b)| *f == d.file && *a <= d.line && d.line <= *b);
        !knock_on
    });
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Drops a leading byte order mark, without copying a file that is borrowed from the binary.
fn strip_bom(bytes: &mut std::borrow::Cow<'static, [u8]>) {
    match bytes {
        std::borrow::Cow::Borrowed(b) => *b = b.strip_prefix(BOM).unwrap_or(b),
        std::borrow::Cow::Owned(v) => {
            if v.starts_with(BOM) {
                v.drain(..BOM.len());
            }
        }
    }
}

/// A card file is named after its card: the best guess at the id of a card that cannot be read.
fn stem(path: &str) -> String {
    Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn is_manifest(path: &str) -> bool {
    Path::new(path).file_name().is_some_and(|n| n == "deck.ron")
}

/// SHA-256 over each file's path (relative to its deck) and bytes, so the same deck checked out
/// anywhere has the same digest.
pub fn digest(sources: &[Source]) -> String {
    let root = sources
        .iter()
        .filter(|s| is_manifest(&s.path))
        .min_by_key(|s| Path::new(&s.path).components().count())
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
                Diagnostic::new("E006", &source.path, msg!("het bestand is leeg", "the file is empty")).help(msg!(
                    "een kaartbestand bevat Card(...) of een lijst [Card(...), ...]; een manifest bevat Deck(...)",
                    "a card file holds Card(...) or a list [Card(...), ...]; a manifest holds Deck(...)"
                )),
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
                Diagnostic::new(
                    "E005",
                    &source.path,
                    msg!("het bestand is geen geldige UTF-8-tekst", "the file is not valid UTF-8 text"),
                )
                .at(line, col, 1)
                .help(msg!(
                    "sla het bestand op als UTF-8 (de meeste editors bieden dat bij 'Opslaan als' of 'Codering')",
                    "save the file as UTF-8 (most editors offer this under 'Save as' or 'Encoding')"
                )),
            );
            None
        }
    }
}

/// The cards of a file: one `Card(...)` or a list. In a list each card is read on its own, so
/// one broken card does not take the others with it.
fn parse_cards(path: &str, text: &str, out: &mut Vec<Diagnostic>, unreadable: &mut Unreadable) -> Vec<Card> {
    let start = recover::first_token(text);
    if !text[start..].starts_with('[') {
        return parse_one::<Card>(path, text, &recover::CARD, out, unreadable).into_iter().collect();
    }
    let lints = recover::lint(path, text);
    let linted = Linted::new(&lints);
    out.extend(lints);
    if let Ok(list) = ron_options().from_str::<Vec<Card>>(text) {
        return list;
    }
    let Some(items) = recover::list_items(text, start) else {
        if let Err(e) = ron_options().from_str::<Vec<Card>>(text) {
            linted.push(out, ron_diagnostic(path, "[Card(...), ...]", &e));
        }
        return Vec::new();
    };
    let index = LineIndex::new(text);
    let mut cards = Vec::new();
    for (a, b) in items {
        let item = &text[a..b];
        match ron_options().from_str::<Card>(item) {
            Ok(card) => cards.push(card),
            Err(e) => {
                let mut found = Vec::new();
                let rec = recover::recover(path, text, &index, a, &recover::CARD);
                match rec {
                    Some(r) if !r.diagnostics.is_empty() => {
                        unreadable.extend(r.id);
                        found.extend(r.diagnostics);
                    }
                    _ => {
                        let mut d = ron_diagnostic(path, "Card(...)", &e);
                        recover::shift(&mut d, &index, a);
                        found.push(d);
                    }
                }
                for d in found {
                    linted.push(out, d);
                }
            }
        }
    }
    // A list that parses item by item but not whole is broken between the items.
    if let Err(e) = ron_options().from_str::<Vec<Card>>(text)
        && !out.iter().any(|d| d.file == path && d.is_error())
    {
        out.push(ron_diagnostic(path, "[Card(...), ...]", &e));
    }
    cards
}

/// One `Card(...)` or `Deck(...)`: ron first (fast, and most files are right); when that fails,
/// field by field, so every mistake is reported in this one run.
fn parse_one<T: DeserializeOwned>(
    path: &str,
    text: &str,
    shape: &'static recover::Shape,
    out: &mut Vec<Diagnostic>,
    unreadable: &mut Unreadable,
) -> Option<T> {
    let lints = recover::lint(path, text);
    let linted = Linted::new(&lints);
    out.extend(lints);
    let e = match ron_options().from_str::<T>(text) {
        Ok(v) => return Some(v),
        Err(e) => e,
    };
    unreadable.insert(stem(path));
    let start = recover::first_token(text);
    let index = LineIndex::new(text);
    match recover::recover(path, text, &index, start, shape) {
        Some(r) if !r.diagnostics.is_empty() => {
            unreadable.extend(r.id);
            for d in r.diagnostics {
                linted.push(out, d);
            }
        }
        Some(r) => {
            unreadable.extend(r.id);
            linted.push(out, ron_diagnostic(path, shape_text(shape), &e));
        }
        None if !linted.is_empty() => {}
        None => out.push(ron_diagnostic(path, shape_text(shape), &e)),
    }
    None
}

fn shape_text(shape: &recover::Shape) -> &'static str {
    if std::ptr::eq(shape, &recover::DECK) { "Deck(...)" } else { "Card(...)" }
}

/// The lines of one file that a lint (typographic quote, `#` comment, odd dash, unclosed text) explains
/// better than ron: ron's message about the same spot would only confuse.
struct Linted {
    /// Lines of quotes and comments.
    lines: Vec<usize>,
    /// Lines of texts that swallowed what follows (ron then errs a few lines on).
    swallowed: Vec<(usize, usize)>,
}

impl Linted {
    fn new(lints: &[Diagnostic]) -> Self {
        let pick =
            |codes: &[&str]| lints.iter().filter(|d| codes.contains(&d.code) && d.line > 0).map(|d| d.line).collect();
        let swallowed = lints
            .iter()
            .filter(|d| d.code == "E038" && d.line > 0)
            .map(|d| d.covers.unwrap_or((d.line, d.line)))
            .collect();
        Linted { lines: pick(&["E036", "E037", "E039"]), swallowed }
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.swallowed.is_empty()
    }

    fn push(&self, out: &mut Vec<Diagnostic>, d: Diagnostic) {
        let covered =
            self.lines.contains(&d.line) || self.swallowed.iter().any(|&(a, b)| a <= d.line && d.line <= b + 3);
        if !covered {
            out.push(d);
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}
