//! Anonymisation fit to publish: the one anonymiser behind `series --anonymize`,
//! `debrief --anonymize` and the peers of `debrief --group`.
//!
//! One matching rule everywhere ([`fold_str`]): the text is cleaned of control characters,
//! invisible format characters (soft hyphen, zero-width spaces, word joiner, BOM) are removed and
//! it is put in Unicode NFKC; for matching, each character is then lower-cased, mapped to its
//! confusable prototype (UTS #39 skeleton, `unicode-security`'s data: a Cyrillic "а" is an "a"),
//! stripped of diacritics, and every character that is not a letter or digit (hyphens,
//! apostrophes, punctuation) counts as a space. "La\u{ad}ren", "LAREN", "L\u{430}ren" and
//! "Súdwest Fryslan" are the names they look like.
//!
//! - Municipalities get an alias ("Gemeente K") drawn at random from the free letters by the
//!   operating system's CSPRNG and kept in an [`AliasTable`] file, so later reports reuse it;
//!   letters say nothing about the names (not their order, not how many came before).
//! - [`Anonymizer::text`] replaces, in what people typed (never the deck's texts): e-mail
//!   addresses (also `%40`, `(at)`, `[at]`, full-width `@`, IP domains; the user part is then
//!   a name), phone numbers (Dutch and international), postcodes, a BSN (11-proef) and an IBAN
//!   (mod-97); every municipality by its full name and each distinctive part; the facilitator and
//!   the redact file's entries by "[naam]", each part of a person's name too. Role words and
//!   titles ("burgemeester", "CISO") are never names. A name that is also an ordinary word
//!   ("Buren", "Best", "Huizen") matches only where it is written as a name: capitalised, and
//!   not after an article ("de buren" stays).
//! - What still looks like a name afterwards, file names in the texts and long numbers left
//!   alone are collected for the warning ([`Anonymizer::suspects`], [`Anonymizer::files`],
//!   [`Anonymizer::numbers`]), so the organiser can add them to the redact file. Nothing can
//!   promise that free text holds no name; this list is the safety net.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::scenario::{Deck, Lang, clean};

mod confusables;

#[derive(Debug, thiserror::Error)]
pub enum AnonymizeError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: expected `LETTERS = name` (e.g. `K = Laren`)")]
    BadAlias { path: PathBuf, line: usize },
    #[error("{path}:{line}: alias `{code}` is given to two municipalities")]
    DuplicateAlias { path: PathBuf, line: usize, code: String },
}

impl AnonymizeError {
    /// The error in the reader's language (file names cleaned for the terminal).
    pub fn describe(&self, lang: Lang) -> String {
        let shown = |p: &Path| clean(&p.display().to_string()).into_owned();
        match (self, lang) {
            (_, Lang::En) => clean(&self.to_string()).into_owned(),
            (AnonymizeError::Read { path, source }, Lang::Nl) => {
                format!("kan {} niet lezen: {}", shown(path), clean(&source.to_string()))
            }
            (AnonymizeError::Write { path, source }, Lang::Nl) => {
                format!("kan {} niet schrijven: {}", shown(path), clean(&source.to_string()))
            }
            (AnonymizeError::BadAlias { path, line }, Lang::Nl) => {
                format!("{}:{line}: verwacht `LETTERS = naam` (bijvoorbeeld `K = Laren`)", shown(path))
            }
            (AnonymizeError::DuplicateAlias { path, line, code }, Lang::Nl) => {
                format!("{}:{line}: alias `{}` is aan twee gemeenten gegeven", shown(path), clean(code))
            }
        }
    }
}

/// Invisible format characters that copy and paste brings along inside words: soft hyphen,
/// zero-width space / non-joiner / joiner, word joiner, BOM, and their kin. They are removed
/// from published text (and ignored when matching), so "La\u{ad}ren" is "Laren".
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Free text as it is published: control characters and invisible format characters removed,
/// then Unicode NFKC (full-width letters, ligatures and the like become their plain forms).
pub fn prepare(s: &str) -> String {
    clean(s).chars().filter(|c| !is_invisible(*c)).nfkc().collect()
}

/// One character as the matcher sees it (see the module docs): lower case, confusable
/// prototype, no diacritics; anything not a letter or digit is a space. Zero or more characters.
fn fold_into(c: char, out: &mut Vec<char>) {
    if c.is_ascii_alphanumeric() {
        // The skeleton of ASCII letters and digits, without a table lookup.
        match c.to_ascii_lowercase() {
            'm' => out.extend(['r', 'n']),
            '0' => out.push('o'),
            '1' => out.push('l'),
            l => out.push(l),
        }
        return;
    }
    if c.is_ascii() || c.is_whitespace() {
        out.push(' ');
        return;
    }
    if is_invisible(c) {
        return;
    }
    let mut buf = [0u8; 4];
    for lower in c.to_lowercase() {
        let nfkc: String = lower.encode_utf8(&mut buf).nfkc().collect();
        for p in confusables::skeleton(&nfkc) {
            if is_combining_mark(p) {
                continue;
            }
            for l in p.to_lowercase() {
                if l.is_ascii_alphanumeric() {
                    fold_into(l, out);
                } else if l.is_alphanumeric() {
                    out.push(l);
                } else {
                    out.push(' ');
                }
            }
        }
    }
}

/// A text folded for matching: spaces collapsed and trimmed. Two texts that fold to the same
/// string are, for the anonymiser, the same name. Tests use it to look for survivors.
pub fn fold_str(s: &str) -> String {
    let mut out = Vec::new();
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    let text: String = out.into_iter().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key a municipality is known by: folded ([`fold_str`]) and with a leading "gemeente"
/// dropped. "LAREN", " Laren ", "Gemeente Laren" and "La\u{200b}ren" are one municipality;
/// "Súdwest-Fryslân" and "Sudwest Fryslan" too.
pub fn normalize(name: &str) -> String {
    let mut joined = fold_str(&clean(name));
    for prefix in ["gemeente ", "gem ", "municipality of ", "municipality "] {
        if let Some(rest) = joined.strip_prefix(fold_str(prefix).as_str()).and_then(|r| r.strip_prefix(' '))
            && !rest.is_empty()
        {
            joined = rest.to_string();
        }
    }
    joined
}

/// The aliases of municipalities: letters ("K", then two letters once the 26 are taken) by
/// normalised name. Kept in a file (`K = Laren`, one per line, `#` for comments) so they stay
/// the same across publications.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasTable {
    /// Normalised name → code.
    codes: BTreeMap<String, String>,
    /// Normalised name → the name as the organiser will recognise it in the file.
    names: BTreeMap<String, String>,
    used: BTreeSet<String>,
    changed: bool,
}

impl AliasTable {
    pub fn new() -> AliasTable {
        AliasTable::default()
    }

    /// Parses the text of an alias file; `path` is only for the error messages.
    pub fn parse(text: &str, path: &Path) -> Result<AliasTable, AnonymizeError> {
        let mut table = AliasTable::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || AnonymizeError::BadAlias { path: path.to_path_buf(), line: i + 1 };
            let (code, name) = line.split_once('=').ok_or_else(bad)?;
            let (code, name) = (code.trim().to_uppercase(), name.trim());
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_uppercase()) || normalize(name).is_empty() {
                return Err(bad());
            }
            let key = normalize(name);
            if table.used.contains(&code) && table.codes.get(&key) != Some(&code) {
                return Err(AnonymizeError::DuplicateAlias { path: path.to_path_buf(), line: i + 1, code });
            }
            table.used.insert(code.clone());
            table.codes.insert(key.clone(), code);
            table.names.insert(key, clean(name).into_owned());
        }
        Ok(table)
    }

    /// Reads the alias file at `path`; a file that does not exist yet is an empty table.
    pub fn load(path: &Path) -> Result<AliasTable, AnonymizeError> {
        match std::fs::read_to_string(path) {
            Ok(text) => AliasTable::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(AliasTable::new()),
            Err(source) => Err(AnonymizeError::Read { path: path.to_path_buf(), source }),
        }
    }

    /// Writes the table to `path`, owner-only (it links aliases to real names), replacing the old
    /// file in one step.
    pub fn save(&self, path: &Path) -> Result<(), AnonymizeError> {
        let err = |source| AnonymizeError::Write { path: path.to_path_buf(), source };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.weerbaar-tmp"));
        let _ = std::fs::remove_file(&tmp);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let result = options.open(&tmp).and_then(|mut f| {
            use std::io::Write;
            f.write_all(self.render().as_bytes())?;
            f.sync_data()
        });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(err(e));
        }
        std::fs::rename(&tmp, path).map_err(err)
    }

    /// The file's text: one `CODE = name` line per municipality, in the order of the codes.
    pub fn render(&self) -> String {
        let mut rows: Vec<(&String, &String)> = self.codes.iter().map(|(k, c)| (c, k)).collect();
        rows.sort_by(|a, b| (a.0.len(), a.0).cmp(&(b.0.len(), b.0)));
        let mut out = String::from(
            "# Weerbaar: vaste aliassen van gemeenten (CODE = naam). Vertrouwelijk: koppelt aliassen aan namen.\n",
        );
        for (code, key) in rows {
            let name = self.names.get(key).unwrap_or(key);
            out.push_str(&format!("{code} = {}\n", name.replace('\n', " ")));
        }
        out
    }

    /// The code of a municipality, by any spelling that normalises to the same key.
    pub fn code(&self, name: &str) -> Option<&str> {
        self.codes.get(&normalize(name)).map(String::as_str)
    }

    /// Gives every name that has no code yet a code drawn at random (the operating system's
    /// CSPRNG) from the free codes of the shortest length: one letter while any is free, then
    /// two. The letters carry no order of names or of arrival.
    pub fn assign<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let key = normalize(name);
            if key.is_empty() || self.codes.contains_key(&key) {
                continue;
            }
            let code = self.draw();
            self.used.insert(code.clone());
            self.codes.insert(key.clone(), code);
            self.names.insert(key, prepare(name).trim().to_string());
            self.changed = true;
        }
    }

    /// A free code at random: uniform among the free codes of the shortest length with any.
    fn draw(&self) -> String {
        let mut width = 1u32;
        loop {
            let all = 26usize.pow(width);
            let free: Vec<String> = (0..all).map(|n| code_of(n, width)).filter(|c| !self.used.contains(c)).collect();
            if !free.is_empty() {
                let pick = usize::try_from(random_below(free.len() as u64)).unwrap_or(0);
                return free.get(pick).cloned().unwrap_or_default();
            }
            width += 1;
        }
    }

    /// Whether [`assign`](Self::assign) added names since the table was read.
    pub fn changed(&self) -> bool {
        self.changed
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The `n`th code of `width` letters: 0 → "A" (width 1), 27 → "BB" (width 2).
fn code_of(mut n: usize, width: u32) -> String {
    let mut out = Vec::new();
    for _ in 0..width {
        out.push(b'A' + u8::try_from(n % 26).unwrap_or(0));
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A number in `0..n` from the operating system's CSPRNG, without modulo bias. Should the
/// system have no randomness to give (it always has on the platforms Weerbaar runs on), a
/// SHA-256 of the time and the process stands in: still nothing to do with the names.
fn random_below(n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let zone = u64::MAX - (u64::MAX % n);
    for attempt in 0u64.. {
        let x = getrandom::u64().unwrap_or_else(|_| fallback_random(attempt));
        if x < zone {
            return x % n;
        }
    }
    0
}

fn fallback_random(attempt: u64) -> u64 {
    use sha2::Digest;
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let digest = sha2::Sha256::new()
        .chain_update(nanos.to_le_bytes())
        .chain_update(std::process::id().to_le_bytes())
        .chain_update(attempt.to_le_bytes())
        .finalize();
    let mut bytes = [0u8; 8];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    u64::from_le_bytes(bytes)
}

/// Reads a redact file: one name, spelling or person per line; empty lines and `#` comments
/// are skipped.
pub fn read_redactions(path: &Path) -> Result<Vec<String>, AnonymizeError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| AnonymizeError::Read { path: path.to_path_buf(), source })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| clean(l).into_owned())
        .collect())
}

/// Every text of a deck, in both languages: its words are not names, and those it writes in
/// lower case are ordinary words (see [`Anonymizer::allow_words`]).
pub fn deck_texts(deck: &Deck) -> Vec<&str> {
    let mut out = Vec::new();
    for card in &deck.cards {
        out.extend(card.title.all());
        out.extend(card.situation.all());
        for o in &card.options {
            out.extend(o.label.all());
            out.extend(o.consequence.all());
        }
        for q in &card.questions {
            out.extend(q.all());
        }
    }
    out
}

/// Words of a municipality's name too common to stand for it alone ("Oost" in "Oost Gelre"),
/// folded.
const COMMON_PARTS: &[&str] = &[
    "aan", "den", "der", "de", "het", "van", "op", "bij", "ter", "ten", "in", "en", "la", "sint", "noord", "oost",
    "zuid", "west", "nieuw", "oud", "oude", "nieuwe", "stad", "dorp", "gemeente", "land", "kerk", "berg", "veen",
    "dam", "rijn", "maas", "lek", "water", "hoek", "haven", "zee", "wijk", "groot", "klein", "hof", "heide", "broek",
];

/// Folded words that stand before a common noun, not a name: "de buren", "onze buren".
const ARTICLES: &[&str] = &[
    "de", "het", "een", "onze", "ons", "hun", "mijn", "jullie", "zijn", "haar", "uw", "die", "deze", "dat", "the", "a",
    "an", "our", "their", "my", "your", "his", "her",
];

/// Municipality names (or parts) that are ordinary Dutch words, folded: they match only where
/// written as a name. The deck's own lower-case words are added to these at run time.
const ORDINARY: &[&str] = &[
    "buren",
    "best",
    "ede",
    "oss",
    "epe",
    "goes",
    "echt",
    "beek",
    "born",
    "putten",
    "bergen",
    "houten",
    "haren",
    "duiven",
    "leiden",
    "hoorn",
    "weert",
    "kampen",
    "sluis",
    "delft",
    "horst",
    "assen",
    "losser",
    "huizen",
    "helder",
    "kroon",
    "meren",
    "rijen",
    "ronde",
    "venen",
    "midden",
    "voorst",
    "hollands",
    "waard",
    "peel",
    "loon",
    "zand",
    "hulst",
    "dijk",
    "heuvelrug",
    "vecht",
    "ouder",
    "mill",
    "stein",
    "wit",
    "laan",
    "bos",
    "visser",
    "bakker",
    "smit",
    "boer",
    "kok",
    "molen",
    "brink",
    "maan",
];

/// Role words and titles: never a name, never replaced as part of one.
const ROLE_WORDS: &[&str] = &[
    "burgemeester",
    "wethouder",
    "gemeentesecretaris",
    "secretaris",
    "ciso",
    "fg",
    "cio",
    "iso",
    "griffier",
    "raadslid",
    "gespreksleider",
    "facilitator",
    "voorzitter",
    "directeur",
    "manager",
    "adviseur",
    "communicatieadviseur",
    "woordvoerder",
    "coordinator",
    "hoofd",
    "teamleider",
    "ambtenaar",
    "mayor",
    "alderman",
    "councillor",
    "secretary",
    "officer",
    "functionaris",
    "gegevensbescherming",
    "cyber",
    "burgemeesters",
    "wethouders",
    "dr",
    "drs",
    "mr",
    "ir",
    "ing",
    "prof",
    "mevrouw",
    "meneer",
    "heer",
    "dhr",
    "mw",
    "mevr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dear",
    "beste",
    "collega",
    "gemeente",
    "municipality",
];

/// Words of a person's name that are not the name: particles.
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "la", "le", "da", "el", "al", "bin", "du", "des", "von",
    "op", "in", "t", "s",
];

/// User parts of e-mail addresses that are no one's name.
const MAILBOX_WORDS: &[&str] = &[
    "info",
    "mail",
    "post",
    "contact",
    "secretariaat",
    "noreply",
    "admin",
    "helpdesk",
    "servicedesk",
    "privacy",
    "security",
    "support",
    "balie",
    "kcc",
    "klantcontact",
    "burgerzaken",
    "team",
];

#[derive(Debug, Clone)]
struct Term {
    /// Folded characters; a space matches any run of spaces.
    chars: Vec<char>,
    replacement: String,
    /// A municipality's name: as an ordinary word, not after an article ("de buren"). A
    /// person's name may follow one ("de Wit").
    place: bool,
}

/// Replaces what identifies municipalities and people in free text. See the module docs.
#[derive(Debug)]
pub struct Anonymizer {
    lang: Lang,
    aliases: AliasTable,
    /// Terms by their first folded character, longest first.
    terms: HashMap<char, Vec<Term>>,
    /// Folded keys of the terms already added, so one is never added twice.
    known_terms: HashSet<String>,
    /// Whether [`text`](Self::text) also replaces contact details and numbers (publishing),
    /// or only the names it was given (a municipality's own report).
    contact_details: bool,
    /// Folded words known not to be names (the deck's words and lower-case words seen).
    allowed: RefCell<HashSet<String>>,
    /// Folded words the deck writes in lower case: ordinary words, matched only as names.
    ordinary: RefCell<HashSet<String>>,
    /// User parts of e-mail addresses met: names, replaced from then on.
    learned: RefCell<Vec<Term>>,
    /// Capitalised words seen in anonymised text.
    candidates: RefCell<BTreeSet<String>>,
    /// File names met in the texts.
    files: RefCell<BTreeSet<String>>,
    /// Long numbers left in the anonymised texts.
    numbers: RefCell<BTreeSet<String>>,
}

impl Anonymizer {
    /// An anonymiser with the aliases kept so far and the terms of the redact file.
    pub fn new(aliases: AliasTable, redactions: Vec<String>, lang: Lang) -> Anonymizer {
        let mut a = Anonymizer {
            lang,
            aliases,
            terms: HashMap::new(),
            known_terms: HashSet::new(),
            contact_details: true,
            allowed: RefCell::new(HashSet::new()),
            ordinary: RefCell::new(lists().ordinary.clone()),
            learned: RefCell::new(Vec::new()),
            candidates: RefCell::new(BTreeSet::new()),
            files: RefCell::new(BTreeSet::new()),
            numbers: RefCell::new(BTreeSet::new()),
        };
        // A redact entry is a name, a spelling or a person: the whole and each distinctive part.
        let placeholder = a.placeholder_name();
        for term in redactions {
            a.add_person(&term, &placeholder);
        }
        let known: Vec<(String, String)> = a.aliases.names.iter().map(|(k, n)| (k.clone(), n.clone())).collect();
        for (key, name) in known {
            a.add_municipality_terms(&key, &name);
        }
        a.allow_words(["gemeente", "municipality", "naam", "name", "telefoonnummer", "phone", "number", "e-mail"]);
        a
    }

    /// The matcher of a municipality's own report (`debrief --group`): every other
    /// municipality's name, in any spelling the anonymiser recognises and by each distinctive
    /// part, becomes `replacement` ("andere gemeente"). Contact details are left as typed.
    pub fn for_peers<'a>(peers: impl IntoIterator<Item = &'a str>, replacement: &str, lang: Lang) -> Anonymizer {
        let mut a = Anonymizer::new(AliasTable::new(), Vec::new(), lang);
        a.contact_details = false;
        for name in peers {
            let key = normalize(name);
            if !key.is_empty() {
                a.add_name_terms(&key, name, replacement);
            }
        }
        a
    }

    fn placeholder_name(&self) -> String {
        match self.lang {
            Lang::Nl => "[naam]".into(),
            Lang::En => "[name]".into(),
        }
    }

    /// Registers every municipality of a publication at once: new ones get aliases drawn at
    /// random, and all their names (and distinctive parts) are replaced in text.
    pub fn add_municipalities<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let names: Vec<&str> = names.into_iter().collect();
        self.aliases.assign(names.iter().copied());
        for name in names {
            let key = normalize(name);
            self.add_municipality_terms(&key, name);
        }
    }

    fn add_municipality_terms(&mut self, key: &str, name: &str) {
        let Some(code) = self.aliases.codes.get(key).cloned() else { return };
        let alias = self.label(&code);
        self.add_name_terms(key, name, &alias);
    }

    /// A municipality's terms: its name as written and as keyed, with "gemeente" before it, and
    /// each distinctive part (at least four letters, not a common word).
    fn add_name_terms(&mut self, key: &str, name: &str, replacement: &str) {
        for prefix in ["gemeente ", ""] {
            self.add_place(&format!("{prefix}{}", fold_str(name)), replacement);
            self.add_place(&format!("{prefix}{key}"), replacement);
        }
        for part in key.split(' ') {
            if part.chars().count() >= 4 && !lists().common_parts.contains(part) {
                self.add_place(part, replacement);
            }
        }
    }

    /// A person (the facilitator, a redact entry): the whole name and each of its parts,
    /// hyphenated parts included, become `replacement`; particles, initials and role words
    /// ("Burgemeester Van der Laan": "burgemeester") are no part of a name.
    fn add_person(&mut self, name: &str, replacement: &str) {
        let folded = fold_str(&prepare(name));
        let words: Vec<&str> = folded.split(' ').filter(|w| !lists().roles.contains(*w)).collect();
        let distinctive: Vec<&str> =
            words.iter().copied().filter(|w| w.chars().count() >= 2 && !lists().particles.contains(*w)).collect();
        if distinctive.is_empty() {
            return;
        }
        self.add_term(&words.join(" "), replacement);
        for part in distinctive {
            self.add_term(part, replacement);
        }
    }

    /// People who must never appear (the facilitator): see [`Anonymizer::add_person`].
    pub fn add_people<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let placeholder = self.placeholder_name();
        for name in names {
            self.add_person(name, &placeholder);
        }
    }

    /// Words that are not names (the deck's texts): never listed as suspects. Those written in
    /// lower case are ordinary words: a municipality or person so named matches them only where
    /// they are written as a name.
    pub fn allow_words<'a>(&self, texts: impl IntoIterator<Item = &'a str>) {
        let mut allowed = self.allowed.borrow_mut();
        let mut ordinary = self.ordinary.borrow_mut();
        for text in texts {
            for word in words_of(text) {
                let folded = fold_str(word);
                if word.chars().next().is_some_and(char::is_lowercase) && !folded.contains(' ') {
                    ordinary.insert(folded.clone());
                }
                allowed.insert(folded);
            }
        }
    }

    fn add_term(&mut self, term: &str, replacement: &str) {
        self.add_term_as(term, replacement, false);
    }

    fn add_place(&mut self, term: &str, replacement: &str) {
        self.add_term_as(term, replacement, true);
    }

    fn add_term_as(&mut self, term: &str, replacement: &str, place: bool) {
        let folded = fold_str(term);
        if folded.is_empty() || lists().roles.contains(&folded) || !self.known_terms.insert(folded.clone()) {
            return;
        }
        let chars: Vec<char> = folded.chars().collect();
        let Some(first) = chars.first().copied() else { return };
        let list = self.terms.entry(first).or_default();
        list.push(Term { chars, replacement: replacement.to_string(), place });
        list.sort_by_key(|t| std::cmp::Reverse(t.chars.len()));
    }

    /// The alias of a municipality ("Gemeente K"); a name not met before gets a new code.
    pub fn municipality(&mut self, name: &str) -> String {
        let key = normalize(name);
        if !self.aliases.codes.contains_key(&key) {
            self.add_municipalities([name]);
        }
        match self.aliases.codes.get(&key) {
            Some(code) => self.label(code),
            None => self.label("?"),
        }
    }

    fn label(&self, code: &str) -> String {
        match self.lang {
            Lang::Nl => format!("Gemeente {code}"),
            Lang::En => format!("Municipality {code}"),
        }
    }

    /// The aliases as they stand (to be saved with [`AliasTable::save`]).
    pub fn aliases(&self) -> &AliasTable {
        &self.aliases
    }

    /// What people typed, fit to publish: prepared ([`prepare`]), contact details and numbers
    /// replaced (when publishing), then every name the anonymiser knows.
    pub fn text(&self, s: &str) -> String {
        if !self.contact_details {
            // A municipality's own report keeps the text as typed (its JSON is data); only the
            // names go, matched by the same folding.
            return self.replace_terms(s);
        }
        let prepared = prepare(s);
        self.note_files(&prepared);
        let (mail, phone, postcode) = match self.lang {
            Lang::Nl => ("[e-mail]", "[telefoonnummer]", "[postcode]"),
            Lang::En => ("[e-mail]", "[phone number]", "[postcode]"),
        };
        let step = self.replace_emails(&prepared, mail);
        let step = replace_checked(&step, &patterns().iban, "[IBAN]", iban_at);
        let step = replace_checked(&step, &patterns().bsn, "[BSN]", |_, m| bsn_ok(m.as_str()).then_some(m.range()));
        let step = replace_checked(&step, &patterns().phone, phone, phone_at);
        let step =
            replace_checked(&step, &patterns().postcode, postcode, |_, m| postcode_ok(m.as_str()).then_some(m.range()));
        let out = self.replace_terms(&step);
        self.collect_candidates(&out);
        self.note_numbers(&out);
        out
    }

    /// E-mail addresses become `placeholder`; the user part's words are names from then on
    /// ("j.devries[at]huizen.nl": "devries").
    fn replace_emails(&self, text: &str, placeholder: &str) -> String {
        let re = &patterns().email;
        let mut new_terms = Vec::new();
        for caps in re.captures_iter(text) {
            let Some(user) = caps.name("user") else { continue };
            for word in fold_str(user.as_str()).split(' ') {
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if letters >= 3 && !lists().mailbox.contains(word) && !lists().roles.contains(word) {
                    new_terms.push(word.to_string());
                }
            }
        }
        if !new_terms.is_empty() {
            let placeholder_name = self.placeholder_name();
            let mut learned = self.learned.borrow_mut();
            for word in new_terms {
                if !self.known_terms.contains(&word)
                    && !learned.iter().any(|t| t.chars.iter().collect::<String>() == word)
                {
                    learned.push(Term {
                        chars: word.chars().collect(),
                        replacement: placeholder_name.clone(),
                        place: false,
                    });
                }
            }
            learned.sort_by_key(|t| std::cmp::Reverse(t.chars.len()));
        }
        re.replace_all(text, placeholder).into_owned()
    }

    /// Replaces every known name in `s` (longest first, whole words of the folded text).
    fn replace_terms(&self, s: &str) -> String {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut folded: Vec<char> = Vec::with_capacity(chars.len());
        let mut from: Vec<usize> = Vec::with_capacity(chars.len());
        for (i, (_, c)) in chars.iter().enumerate() {
            let before = folded.len();
            fold_into(*c, &mut folded);
            from.extend(std::iter::repeat_n(i, folded.len() - before));
        }
        let learned = self.learned.borrow();
        let mut out = String::with_capacity(s.len());
        // Index of the next original character not yet copied.
        let mut copied = 0usize;
        let mut f = 0usize;
        while f < folded.len() {
            let starts_char = f == 0 || from.get(f - 1) != from.get(f);
            let starts_word = f == 0 || folded.get(f - 1) == Some(&' ');
            let c = folded.get(f).copied().unwrap_or(' ');
            if starts_char && starts_word && c != ' ' {
                let candidates = self
                    .terms
                    .get(&c)
                    .into_iter()
                    .flatten()
                    .chain(learned.iter().filter(|t| t.chars.first() == Some(&c)));
                let mut best: Option<(usize, &Term)> = None;
                for term in candidates {
                    if let Some(end) = match_at(&folded, &from, f, &term.chars)
                        && best.is_none_or(|(e, _)| end > e)
                        && self.reads_as_name(term, &chars, &folded, &from, f)
                    {
                        best = Some((end, term));
                    }
                }
                if let Some((end, term)) = best {
                    let first = from.get(f).copied().unwrap_or(0);
                    let last = from.get(end - 1).copied().unwrap_or(first);
                    if let (Some((a, _)), Some((b, _))) = (chars.get(copied), chars.get(first)) {
                        out.push_str(s.get(*a..*b).unwrap_or_default());
                    }
                    out.push_str(&term.replacement);
                    copied = last + 1;
                    f = end;
                    continue;
                }
            }
            f += 1;
        }
        if let Some((a, _)) = chars.get(copied) {
            out.push_str(s.get(*a..).unwrap_or_default());
        }
        out
    }

    /// Whether a one-word term that is also an ordinary word stands as a name here: written
    /// with a capital and not after an article ("de buren" is no municipality).
    fn reads_as_name(&self, term: &Term, chars: &[(usize, char)], folded: &[char], from: &[usize], f: usize) -> bool {
        if term.chars.contains(&' ') {
            return true;
        }
        let word: String = term.chars.iter().collect();
        if !self.ordinary.borrow().contains(&word) {
            return true;
        }
        let capital = from.get(f).and_then(|i| chars.get(*i)).is_some_and(|(_, c)| c.is_uppercase());
        if !capital {
            return false;
        }
        if !term.place {
            return true;
        }
        let before: String = folded.get(..f).map(|b| b.iter().collect()).unwrap_or_default();
        let previous = before.split(' ').rev().find(|w| !w.is_empty()).unwrap_or("");
        !lists().articles.contains(previous)
    }

    /// File names in the texts, for the warning (they often name a municipality or a person).
    fn note_files(&self, text: &str) {
        let mut files = self.files.borrow_mut();
        for m in patterns().file.find_iter(text) {
            files.insert(m.as_str().to_string());
        }
    }

    /// Long numbers left in a published text, for the warning: an account, a case number,
    /// a phone number in a form no pattern knows.
    fn note_numbers(&self, text: &str) {
        let mut numbers = self.numbers.borrow_mut();
        for m in patterns().number.find_iter(text) {
            if m.as_str().chars().filter(char::is_ascii_digit).count() >= 9 {
                numbers.insert(m.as_str().trim().to_string());
            }
        }
    }

    fn collect_candidates(&self, text: &str) {
        let mut candidates = self.candidates.borrow_mut();
        let mut allowed = self.allowed.borrow_mut();
        let placeholders: HashSet<&str> = ["Gemeente", "Municipality"].into_iter().collect();
        let mut previous_alias = false;
        for word in words_of(text) {
            let is_alias_letter = previous_alias && word.chars().all(|c| c.is_ascii_uppercase());
            previous_alias = placeholders.contains(word);
            if is_alias_letter || placeholders.contains(word) {
                continue;
            }
            let first_upper = word.chars().next().is_some_and(char::is_uppercase);
            let folded = fold_str(word);
            if !first_upper {
                allowed.insert(folded);
            } else if word.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                let all_caps = !word.chars().any(char::is_lowercase);
                // Short acronyms (CISO, FG, OOV) are roles and terms, not names.
                if !all_caps || word.chars().count() >= 5 {
                    candidates.insert(word.to_string());
                }
            }
        }
    }

    /// Capitalised words in the anonymised texts that the deck and the texts never use in lower
    /// case: they may be names. Sorted, each once.
    pub fn suspects(&self) -> Vec<String> {
        let allowed = self.allowed.borrow();
        self.candidates
            .borrow()
            .iter()
            .filter(|w| {
                let folded = fold_str(w);
                !allowed.contains(&folded) && !lists().roles.contains(&folded)
            })
            .cloned()
            .collect()
    }

    /// File names met in the texts (as typed): they often carry a name. Sorted, each once.
    pub fn files(&self) -> Vec<String> {
        self.files.borrow().iter().cloned().collect()
    }

    /// Numbers of nine digits or more left in the published texts. Sorted, each once.
    pub fn numbers(&self) -> Vec<String> {
        self.numbers.borrow().iter().cloned().collect()
    }
}

/// Where `term` matches the folded text at `start` as whole words: the end index (exclusive),
/// at the end of an original character.
fn match_at(text: &[char], from: &[usize], start: usize, term: &[char]) -> Option<usize> {
    let mut i = start;
    for &t in term {
        if t == ' ' {
            if text.get(i) != Some(&' ') {
                return None;
            }
            while text.get(i) == Some(&' ') {
                i += 1;
            }
            continue;
        }
        if text.get(i) != Some(&t) {
            return None;
        }
        i += 1;
    }
    let ends_word = text.get(i).is_none_or(|c| *c == ' ');
    let ends_char = i == text.len() || from.get(i) != from.get(i - 1);
    (ends_word && ends_char).then_some(i)
}

/// The words of a text: runs of letters, digits, apostrophes and hyphens inside a word.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// Replaces the matches of `re` that `check` accepts; `check` gets the text and the match and
/// gives the byte range to replace (which may be narrower than the match).
fn replace_checked(
    text: &str,
    re: &Regex,
    placeholder: &str,
    check: impl Fn(&str, &regex::Match) -> Option<std::ops::Range<usize>>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    for m in re.find_iter(text) {
        let Some(range) = check(text, &m) else { continue };
        if range.start < copied {
            continue;
        }
        out.push_str(text.get(copied..range.start).unwrap_or_default());
        out.push_str(placeholder);
        copied = range.end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// A phone number: a run of digits with spaces, dots, slashes, dashes or brackets between them,
/// read as Dutch (a leading 0 and at least ten digits; 31 and eleven) or international (a `+` or
/// `00` and at least eight). Years, dates, amounts and times are shorter or start otherwise.
fn phone_at(text: &str, m: &regex::Match) -> Option<std::ops::Range<usize>> {
    let before = text.get(..m.start()).and_then(|b| b.chars().next_back());
    if before.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let s = m.as_str();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let phone = if s.starts_with('+') {
        (8..=15).contains(&n)
    } else if digits.starts_with('0') {
        n >= 10
    } else {
        digits.starts_with("31") && n == 11
    };
    if !phone {
        return None;
    }
    // An opening bracket is kept when the number does not close it: "(bel 0612345678)".
    let start = if s.starts_with('(') && !s.contains(')') { m.start() + 1 } else { m.start() };
    Some(start..m.end())
}

/// The 11-proef of a BSN: nine digits, weights 9..2 and -1, a multiple of 11 (not all zeros).
fn bsn_ok(s: &str) -> bool {
    let digits: Vec<i64> = s.chars().filter_map(|c| c.to_digit(10)).map(i64::from).collect();
    if digits.len() != 9 || digits.iter().all(|d| *d == 0) {
        return false;
    }
    let weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
    let sum: i64 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 == 0
}

/// The longest start of an IBAN-shaped match whose mod-97 checksum holds ("NL91 ABNA 0417
/// 1643 00 bij" is an IBAN followed by a word).
fn iban_at(text: &str, m: &regex::Match) -> Option<std::ops::Range<usize>> {
    let before = text.get(..m.start()).and_then(|b| b.chars().next_back());
    if before.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut compact = String::new();
    let mut ends = Vec::new();
    for (i, c) in m.as_str().char_indices() {
        if c.is_ascii_alphanumeric() {
            compact.push(c.to_ascii_uppercase());
            ends.push(m.start() + i + c.len_utf8());
        }
    }
    for len in (15..=compact.len().min(34)).rev() {
        let end = *ends.get(len - 1)?;
        let whole_word = text.get(end..).and_then(|r| r.chars().next()).is_none_or(|c| !c.is_alphanumeric());
        if whole_word && compact.get(..len).is_some_and(iban_ok) {
            return Some(m.start()..end);
        }
    }
    None
}

/// The mod-97 checksum of an IBAN (ISO 13616): the first four characters moved to the end,
/// letters as 10..35, the number mod 97 is 1.
fn iban_ok(iban: &str) -> bool {
    let (head, tail) = (iban.get(..4), iban.get(4..));
    let (Some(head), Some(tail)) = (head, tail) else { return false };
    if !head.chars().take(2).all(|c| c.is_ascii_uppercase()) || !head.chars().skip(2).all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut rest = 0u32;
    for c in tail.chars().chain(head.chars()) {
        let Some(v) = c.to_digit(36) else { return false };
        for d in if v >= 10 { vec![v / 10, v % 10] } else { vec![v] } {
            rest = (rest * 10 + d) % 97;
        }
    }
    rest == 1
}

/// A postcode: four digits (not starting with 0) and two letters. Capitals in any form; lower
/// case with a space only when the two letters are not a word ("2027 en" is a year).
fn postcode_ok(s: &str) -> bool {
    let letters: String = s.chars().filter(|c| c.is_alphabetic()).collect();
    let spaced = s.chars().any(char::is_whitespace);
    if letters.chars().all(|c| c.is_ascii_uppercase()) || !spaced {
        return true;
    }
    !lists().short_words.contains(&letters.to_lowercase())
}

struct Patterns {
    email: Regex,
    phone: Regex,
    postcode: Regex,
    bsn: Regex,
    iban: Regex,
    file: Regex,
    number: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // The patterns are constants: a failure here is a programming error caught by every test.
        // Case is ignored in ASCII only (`(?i-u)`): the text is in NFKC by now, which has turned
        // the Kelvin sign and the long s into K and s, and Unicode case folding would link in a
        // table of 2,900 pointers to relocate at every start (see `regex` in Cargo.toml).
        let re = |p: &str| Regex::new(p).expect("a constant pattern");
        let label = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";
        let dot = r"(?:\s*\.\s*|\s*[\(\[\{]\s*(?i-u:dot|punt)\s*[\)\]\}]\s*)";
        let at = r"(?:\s*@\s*|%40|\s*[\(\[\{<]\s*(?i-u:at|apenstaartje)\s*[\)\]\}>]\s*)";
        Patterns {
            email: re(&format!(r"(?P<user>[\p{{L}}\p{{N}}_%+\-](?:[\p{{L}}\p{{N}}._%+\-]*[\p{{L}}\p{{N}}_\-])?){at}{label}(?:{dot}{label})+")),
            // Digits with up to four separators between them (space, dot, slash, dash, bracket):
            // read by `phone_at`.
            phone: re(r"\+?\(?[0-9](?:[\s./()\p{Pd}]{0,4}[0-9]){7,}"),
            postcode: re(r"\b[1-9][0-9]{3}(?:[ \-]|\p{Pd})?[A-Za-z]{2}\b"),
            bsn: re(r"\b(?:[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}[ .\-][0-9]{3}[ .\-][0-9]{3})\b"),
            iban: re(r"(?i-u)[a-z]{2}[0-9]{2}(?: ?[a-z0-9]){11,32}"),
            file: re(
                r"[\p{L}\p{N}_\-.]+\.(?i-u:docx?|xlsx?|pptx?|pdf|odt|ods|odp|txt|csv|jsonl?|zip|msg|eml|png|jpe?g|rtf)\b",
            ),
            number: re(r"[0-9](?:[\s./\-]?[0-9])+"),
        }
    })
}

struct Lists {
    common_parts: HashSet<String>,
    articles: HashSet<String>,
    ordinary: HashSet<String>,
    roles: HashSet<String>,
    particles: HashSet<String>,
    mailbox: HashSet<String>,
    /// Two-letter words that can follow a number: "2027 en", "5 km".
    short_words: HashSet<String>,
}

/// The word lists, folded once ([`fold_str`]) so they compare with folded text.
fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |words: &[&str]| words.iter().map(|w| fold_str(w)).collect::<HashSet<String>>();
        Lists {
            common_parts: set(COMMON_PARTS),
            articles: set(ARTICLES),
            ordinary: set(ORDINARY),
            roles: set(ROLE_WORDS),
            particles: set(NAME_PARTICLES),
            mailbox: set(MAILBOX_WORDS),
            short_words: SHORT_WORDS.iter().map(|w| (*w).to_string()).collect(),
        }
    })
}

const SHORT_WORDS: &[&str] = &[
    "en", "de", "of", "in", "op", "te", "is", "om", "al", "na", "je", "we", "ze", "nu", "zo", "ik", "er", "an", "at",
    "to", "on", "or", "by", "as", "be", "it", "if", "so", "no", "up", "us", "uw", "ja", "eu", "mb", "gb", "kb", "km",
    "cm", "mm", "kg", "pm", "am", "ct", "uur", "ex", "tb", "pc", "mw", "kw", "ha", "vs", "nr", "ca", "dd",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn anon() -> Anonymizer {
        let mut a = Anonymizer::new(AliasTable::new(), vec!["Den Bosch".into(), "Marieke Bakker".into()], Lang::Nl);
        a.add_municipalities(["Laren", "Krimpen aan den IJssel", "Súdwest-Fryslân", "Nuenen, Gerwen en Nederwetten"]);
        a.add_people(["Anna de Wit-Jansen", "Burgemeester Van der Laan"]);
        a
    }

    fn alias(a: &Anonymizer, name: &str) -> String {
        format!("Gemeente {}", a.aliases().code(name).unwrap())
    }

    #[test]
    fn folding_sees_through_invisible_characters_homoglyphs_case_and_accents() {
        for (a, b) in [
            ("La\u{ad}ren", "laren"),
            ("Hui\u{200b}zen", "huizen"),
            ("L\u{430}ren", "laren"),
            ("ＬＡＲＥＮ", "laren"),
            ("Súdwest-Fryslân", "sudwest fryslan"),
            ("'s-Hertogenbosch", "s hertogenbosch"),
            ("Ĳssel", "ijssel"),
        ] {
            assert_eq!(fold_str(a), fold_str(b), "{a:?}");
        }
        assert_eq!(normalize("Gemeente Súdwest-Fryslân"), normalize("sudwest fryslan"));
        assert_eq!(normalize("Laren\u{200b}"), normalize("Laren"));
    }

    #[test]
    fn contact_details_are_replaced_in_every_common_form() {
        let a = anon();
        for s in [
            "06 - 1234 5678",
            "06–12345678",
            "06/12345678",
            "035/5281911",
            "+31 (0) 6 - 12 34 56 78",
            "31612345678",
            "+49 170 1234567",
            "06 12 34 56 78",
            "0031-6-12345678",
            "06-1234-5678",
            "+31.6.12.34.56.78",
            "tel:+31612345678",
            "06\u{a0}12345678",
            "0612345678",
            "(06) 12345678",
            "020-1234567",
            "+31 (0)20 123 45 67",
            "+44 20 7946 0958",
        ] {
            let out = a.text(&format!("bel {s} graag"));
            assert!(out == "bel [telefoonnummer] graag" || out == "bel tel:[telefoonnummer] graag", "{s:?} → {out}");
        }
        for (s, gone) in [
            ("jan%40laren.nl", "jan"),
            ("jan@192.168.1.1", "Jan"),
            ("jan(at)laren.nl", "jan"),
            ("jan[at]laren[dot]nl", "jan"),
            ("jan @ laren.nl", "jan"),
            ("jan＠laren.nl", "jan"),
            ("j.devries[at]huizen.nl", "devries"),
            ("MAILTO:J.SMIT@LAREN.NL", "Smit"),
        ] {
            let out = a.text(&format!("mail {s} of later {gone}"));
            assert!(out.contains("[e-mail] of later"), "{s:?} → {out}");
            assert!(!fold_str(&out).contains(&fold_str(gone)), "{s:?} → {out}");
        }
        for s in ["1251 AB", "1251AB", "1251 ab", "1251-AB", "1251ab"] {
            assert_eq!(a.text(&format!("in {s} wonen")), "in [postcode] wonen", "{s:?}");
        }
        assert_eq!(a.text("BSN 123456782 en 1234.56.782"), "BSN [BSN] en [BSN]");
        assert_eq!(a.text("BSN 123456789"), "BSN 123456789", "no 11-proef, no BSN");
        assert_eq!(a.text("IBAN NL91ABNA0417164300."), "IBAN [IBAN].");
        assert_eq!(a.text("IBAN NL91 ABNA 0417 1643 00 bij de bank"), "IBAN [IBAN] bij de bank");
        assert_eq!(a.text("nl91abna0417164300"), "[IBAN]");
        // Years, dates, times and amounts stay.
        for keep in
            ["Q1 2027 en 5000 euro", "op 1-3-2027 of 01-03-2027", "van 09.00-12.00 uur", "€ 1.250.000", "2026-2027"]
        {
            assert_eq!(a.text(keep), keep);
        }
        assert_eq!(a.numbers(), ["123456789"], "a number that is no BSN is named in the warning");
        let _ = a.text("zaaknummer 2026-000123457 en draaiboek-Laren-v3.docx");
        assert_eq!(a.numbers(), ["123456789", "2026-000123457"]);
        assert_eq!(a.files(), ["draaiboek-Laren-v3.docx"]);
    }

    #[test]
    fn names_match_in_any_spelling_and_by_their_parts() {
        let a = anon();
        let k = alias(&a, "Krimpen aan den IJssel");
        let out = a.text("KRIMPEN AAN DEN IJSSEL en Krimpen en krimpen aan den ijssel; Krimpen  aan den Ijssel");
        assert_eq!(out.matches(&k).count(), 4, "{out}");
        let l = alias(&a, "Laren");
        for s in ["La\u{ad}ren", "La\u{200b}ren", "L\u{430}ren", "LAREN", "laren", "Gemeente Laren"] {
            assert_eq!(a.text(&format!("{s} wil dit")), format!("{l} wil dit"), "{s:?}");
        }
        assert_eq!(a.text("Larense kaas"), "Larense kaas", "whole words only");
        let n = alias(&a, "Nuenen, Gerwen en Nederwetten");
        assert_eq!(a.text("Nuenen wil dit niet; Gerwen wel"), format!("{n} wil dit niet; {n} wel"));
        let s = alias(&a, "Súdwest-Fryslân");
        assert_eq!(a.text("Sudwest Fryslan en SÚDWEST-FRYSLÂN"), format!("{s} en {s}"));
    }

    #[test]
    fn every_part_of_a_person_is_replaced_and_role_words_are_not_names() {
        let a = anon();
        for s in ["mevrouw Jansen", "Wit", "A. de Wit", "Anna de Wit-Jansen", "Marieke bellen", "Van der Laan"] {
            let out = a.text(s);
            for part in ["jansen", "wit", "anna", "marieke", "laan"] {
                assert!(!fold_str(&out).split(' ').any(|w| w == part), "{s:?} → {out}");
            }
        }
        assert_eq!(a.text("De burgemeester belt de wethouder"), "De burgemeester belt de wethouder");
        assert_eq!(a.text("een wit vel"), "een wit vel", "an ordinary word in lower case is no name");
    }

    #[test]
    fn a_municipality_named_like_an_ordinary_word_matches_only_as_a_name() {
        let mut a = Anonymizer::new(AliasTable::new(), Vec::new(), Lang::Nl);
        a.add_municipalities(["Buren", "Best", "Huizen"]);
        a.allow_words(["inwoners vragen naar hun buren"]);
        let b = alias(&a, "Buren");
        assert_eq!(a.text("het beste idee kwam van de buren"), "het beste idee kwam van de buren");
        assert_eq!(
            a.text("Buren koos niet betalen; de Buren ook niet"),
            format!("{b} koos niet betalen; de Buren ook niet")
        );
        assert_eq!(a.text("BUREN koos"), format!("{b} koos"));
        assert_eq!(a.text("op zijn best"), "op zijn best");
        assert_eq!(a.text("de huizen in Huizen"), format!("de huizen in {}", alias(&a, "Huizen")));
    }

    #[test]
    fn aliases_are_random_kept_and_never_follow_the_names() {
        let names: Vec<String> = (0..26).map(|i| format!("Plaats{}", char::from(b'a' + i))).collect();
        let mut one = AliasTable::new();
        one.assign(names.iter().map(String::as_str));
        let codes: Vec<&str> = names.iter().map(|n| one.code(n).unwrap()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_ne!(codes, sorted, "26 letters in the order of the names: 1 in 26! by chance");
        assert!(codes.iter().all(|c| c.len() == 1));
        // Kept: read back, the same letters; a new name gets a free code (two letters now).
        let path = Path::new("aliases.txt");
        let mut again = AliasTable::parse(&one.render(), path).unwrap();
        again.assign(["Almere", "Plaatsa", "PLAATSB"]);
        assert_eq!(again.code("Plaatsa"), one.code("Plaatsa"));
        assert_eq!(again.code("plaatsb"), one.code("Plaatsb"));
        assert_eq!(again.code("Almere").map(str::len), Some(2));
        assert_eq!(again.len(), 27);
        assert!(AliasTable::parse("K = Laren\nK = Baarn\n", path).is_err());
        assert!(AliasTable::parse("Laren\n", path).is_err());
        // One municipality, one code, whatever the spelling.
        let mut t = AliasTable::new();
        t.assign(["Súdwest-Fryslân", "Sudwest Fryslan", "Gemeente Súdwest-Fryslân", "Laren", "Laren\u{200b}"]);
        assert_eq!(t.len(), 2);
        assert_eq!(code_of(27, 2), "BB");
    }

    #[test]
    fn what_still_looks_like_a_name_is_listed() {
        let a = anon();
        a.allow_words(["De burgemeester belt de CISO."]);
        let _ = a.text("De burgemeester belde met CISO Ahmed El Amrani over Gemeente B.");
        let suspects = a.suspects();
        assert!(suspects.contains(&"Ahmed".to_string()) && suspects.contains(&"Amrani".to_string()), "{suspects:?}");
        assert!(!suspects.contains(&"De".to_string()) && !suspects.contains(&"CISO".to_string()), "{suspects:?}");
    }

    #[test]
    fn checksums() {
        assert!(bsn_ok("123456782") && !bsn_ok("123456781") && !bsn_ok("000000000"));
        assert!(iban_ok("NL91ABNA0417164300") && iban_ok("DE89370400440532013000") && !iban_ok("NL91ABNA0417164301"));
    }
}
