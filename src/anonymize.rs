//! Anonymisation fit to publish: what `series --anonymize` (and later `debrief --anonymize`)
//! applies to every text that leaves the program.
//!
//! - Municipalities get a stable alias ("Gemeente K") from an [`AliasTable`] that can be kept in a
//!   file and extended run after run, so the same letter is the same municipality in every
//!   publication, whatever the order of the logs. New names get the next free letters in the
//!   order of their normalised names, never in the order the logs were read.
//! - [`Anonymizer::text`] replaces, in free text: e-mail addresses, Dutch phone numbers and
//!   postcodes; every municipality name (full name and its distinctive parts, any case, accents
//!   ignored) by its alias; the terms of the redact file and the people added (the facilitator)
//!   by "[naam]". Terms match whole words, longest first.
//! - What still looks like a name afterwards (a capitalised word the deck and the texts never use
//!   in lower case) is collected for [`Anonymizer::suspects`], so the organiser can add it to the
//!   redact file. Nothing can promise that free text holds no name; this list is the safety net.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

use crate::scenario::{Lang, clean};

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

/// The key a municipality is known by: control characters removed, accents folded, lower case,
/// whitespace collapsed, a leading "gemeente " dropped. "LAREN", " Laren " and "Gemeente Laren"
/// are one municipality.
pub fn normalize(name: &str) -> String {
    let cleaned = clean(name);
    let folded: String = cleaned.chars().map(fold).collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut joined = words.join(" ");
    for prefix in ["gemeente ", "municipality of ", "municipality "] {
        if let Some(rest) = joined.strip_prefix(prefix)
            && !rest.is_empty()
        {
            joined = rest.to_string();
        }
    }
    joined
}

/// One character to its lower-case, accent-free form (always one character, so positions in a
/// folded text are positions in the original).
fn fold(c: char) -> char {
    let c = match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' | 'å' | 'Å' | 'ã' | 'Ã' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' | 'õ' | 'Õ' | 'ø' | 'Ø' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        // Typographic apostrophes as in 's-Hertogenbosch.
        '\u{2018}' | '\u{2019}' | '`' => '\'',
        c => c,
    };
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The aliases of municipalities: letters ("A", "B", ..., "Z", "AA", ...) by normalised name.
/// Kept in a file (`K = Laren`, one per line, `#` for comments) so they stay the same across
/// publications.
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

    /// Gives every name that has no code yet the next free code, in the order of the normalised
    /// names (so the result does not depend on the order in which they were met).
    pub fn assign<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let mut new: BTreeMap<String, String> = BTreeMap::new();
        for name in names {
            let key = normalize(name);
            if !key.is_empty() && !self.codes.contains_key(&key) {
                new.entry(key).or_insert_with(|| clean(name).trim().to_string());
            }
        }
        let mut n = 0usize;
        for (key, name) in new {
            let code = loop {
                let c = letters(n);
                n += 1;
                if !self.used.contains(&c) {
                    break c;
                }
            };
            self.used.insert(code.clone());
            self.codes.insert(key.clone(), code);
            self.names.insert(key, name);
            self.changed = true;
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

/// 0 → "A", 25 → "Z", 26 → "AA", ...
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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

/// Words of a municipality's name too common to stand for it alone ("Oost" in "Oost Gelre").
const COMMON_PARTS: &[&str] = &[
    "aan", "den", "der", "de", "het", "van", "op", "bij", "ter", "ten", "in", "en", "la", "sint", "noord", "oost",
    "zuid", "west", "nieuw", "oud", "oude", "nieuwe", "stad", "dorp", "gemeente", "land", "kerk", "berg", "veen",
    "dam", "rijn", "maas", "lek", "water", "hoek", "haven", "zee", "wijk", "groot", "klein", "hof", "heide", "broek",
];

/// Words of a person's name that are not the name (particles and titles).
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "la", "le", "da", "el", "al", "bin", "dr", "drs", "mr", "ir",
    "prof", "mevrouw", "meneer", "dhr", "mw",
];

#[derive(Debug, Clone)]
struct Term {
    /// Folded characters; a space matches any run of whitespace.
    chars: Vec<char>,
    replacement: String,
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
    /// Lower-case words known not to be names (the deck's words and lower-case words seen).
    allowed: RefCell<HashSet<String>>,
    /// Capitalised words seen in anonymised text.
    candidates: RefCell<BTreeSet<String>>,
}

impl Anonymizer {
    /// An anonymiser with the aliases kept so far and the terms of the redact file.
    pub fn new(aliases: AliasTable, redactions: Vec<String>, lang: Lang) -> Anonymizer {
        let mut a = Anonymizer {
            lang,
            aliases,
            terms: HashMap::new(),
            known_terms: HashSet::new(),
            allowed: RefCell::new(HashSet::new()),
            candidates: RefCell::new(BTreeSet::new()),
        };
        let placeholder = a.placeholder_name();
        for term in redactions {
            a.add_term(&term, placeholder.clone());
        }
        let known: Vec<(String, String)> =
            a.aliases.names.iter().map(|(k, n)| (k.clone(), n.clone())).collect::<Vec<_>>();
        for (key, name) in known {
            a.add_municipality_terms(&key, &name);
        }
        a.allow_words(["gemeente", "municipality", "naam", "name", "telefoonnummer", "phone", "number", "e-mail"]);
        a
    }

    fn placeholder_name(&self) -> String {
        match self.lang {
            Lang::Nl => "[naam]".into(),
            Lang::En => "[name]".into(),
        }
    }

    /// Registers every municipality of a publication at once: new ones get aliases in the order of
    /// their normalised names, and all their names (and distinctive parts) are replaced in text.
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
        self.add_term(name, alias.clone());
        self.add_term(key, alias.clone());
        for part in key.split(|c: char| c.is_whitespace() || c == '-') {
            let part = part.trim_matches('\'');
            if part.chars().count() >= 4 && !COMMON_PARTS.contains(&part) {
                self.add_term(part, alias.clone());
            }
        }
    }

    /// People who must never appear (the facilitator): the whole name and each of its parts
    /// (particles excepted) become "[naam]".
    pub fn add_people<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let placeholder = self.placeholder_name();
        for name in names {
            let cleaned = clean(name).into_owned();
            self.add_term(&cleaned, placeholder.clone());
            for part in cleaned.split_whitespace() {
                let folded: String = part.chars().map(fold).collect();
                let folded = folded.trim_matches(|c: char| !c.is_alphanumeric());
                if folded.chars().count() >= 2 && !NAME_PARTICLES.contains(&folded) {
                    self.add_term(folded, placeholder.clone());
                }
            }
        }
    }

    /// Words that are not names (the deck's texts): never listed as suspects.
    pub fn allow_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) {
        let mut allowed = self.allowed.borrow_mut();
        for text in words {
            for word in words_of(text) {
                allowed.insert(word.chars().map(fold).collect());
            }
        }
    }

    fn add_term(&mut self, term: &str, replacement: String) {
        let folded: String = clean(term).chars().map(fold).collect();
        let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = folded.trim();
        if folded.is_empty() || !folded.chars().any(char::is_alphanumeric) || !self.known_terms.insert(folded.into()) {
            return;
        }
        let chars: Vec<char> = folded.chars().collect();
        let Some(first) = chars.first().copied() else { return };
        let list = self.terms.entry(first).or_default();
        list.push(Term { chars, replacement });
        list.sort_by_key(|t| std::cmp::Reverse(t.chars.len()));
    }

    /// The alias of a municipality ("Gemeente K"); a name not met before gets the next free code.
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

    /// `s` cleaned of control characters, with e-mail addresses, phone numbers, postcodes,
    /// municipality names, redacted terms and people replaced.
    pub fn text(&self, s: &str) -> String {
        let cleaned = clean(s);
        let p = patterns();
        let (mail, phone, postcode) = match self.lang {
            Lang::Nl => ("[e-mail]", "[telefoonnummer]", "[postcode]"),
            Lang::En => ("[e-mail]", "[phone number]", "[postcode]"),
        };
        let step = p.email.replace_all(&cleaned, mail);
        let step = p.phone.replace_all(&step, phone);
        let step = p.postcode.replace_all(&step, postcode);
        let out = self.replace_terms(&step);
        self.collect_candidates(&out);
        out
    }

    fn replace_terms(&self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < chars.len() {
            let at_word_start = i == 0 || folded.get(i - 1).is_none_or(|c| !c.is_alphanumeric());
            if at_word_start
                && let Some(list) = folded.get(i).and_then(|c| self.terms.get(c))
                && let Some((end, term)) = list.iter().find_map(|t| match_at(&folded, i, &t.chars).map(|e| (e, t)))
            {
                out.push_str(&term.replacement);
                i = end;
                continue;
            }
            if let Some(c) = chars.get(i) {
                out.push(*c);
            }
            i += 1;
        }
        out
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
            let folded: String = word.chars().map(fold).collect();
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
            .filter(|w| !allowed.contains(&w.chars().map(fold).collect::<String>()))
            .cloned()
            .collect()
    }
}

/// Where `term` matches `text` at `start` as whole words: the end index (exclusive).
fn match_at(text: &[char], start: usize, term: &[char]) -> Option<usize> {
    let mut i = start;
    let mut j = 0;
    while j < term.len() {
        let t = *term.get(j)?;
        let c = *text.get(i)?;
        if t == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            while text.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            j += 1;
            continue;
        }
        if c != t {
            return None;
        }
        i += 1;
        j += 1;
    }
    let ends_word =
        term.last().is_none_or(|c| !c.is_alphanumeric()) || text.get(i).is_none_or(|c| !c.is_alphanumeric());
    ends_word.then_some(i)
}

/// The words of a text: runs of letters, digits, apostrophes and hyphens inside a word.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
}

struct Patterns {
    email: Regex,
    phone: Regex,
    postcode: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // The patterns are constants: a failure here is a programming error caught by every test.
        let re = |p: &str| Regex::new(p).expect("a constant pattern");
        Patterns {
            email: re(r"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}"),
            // +31 6 12345678, 0031 20 1234567, +31 (0)20 123 45 67, 06-12345678, 020-1234567:
            // a country code or a 0, then nine digits with spaces, dots or dashes between them.
            phone: re(r"(?:(?:\+|00)31[\s.\-]*(?:\(0\)[\s.\-]*)?|\b0)\(?[1-9](?:\)?[\s.\-]?\d){8}\b"),
            // 1234 AB, 1234AB, 1234ab (not "2027 en": lower case only without a space).
            postcode: re(r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anon() -> Anonymizer {
        let mut a = Anonymizer::new(AliasTable::new(), vec!["Den Bosch".into(), "Marieke Bakker".into()], Lang::Nl);
        a.add_municipalities(["Laren", "Krimpen aan den IJssel", "Súdwest-Fryslân"]);
        a.add_people(["Rian van Dam"]);
        a
    }

    #[test]
    fn contact_details_are_replaced() {
        let a = anon();
        let out = a.text(
            "Mail j.smit@laren.nl of bel 06-12345678, +31 6 1234 5678, 020-1234567 of +31 (0)20 123 45 67; Dorpsstraat 1, 1251 AB Laren; 1251ab",
        );
        for gone in ["smit", "12345678", "1234 5678", "1234567", "123 45 67", "1251", "Laren"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(out.contains("[e-mail]") && out.contains("[telefoonnummer]") && out.contains("[postcode]"), "{out}");
        // Years and amounts stay.
        assert_eq!(a.text("Q1 2027 en 5000 euro"), "Q1 2027 en 5000 euro");
    }

    #[test]
    fn names_match_in_any_case_whole_words_longest_first() {
        let a = anon();
        let k = a.aliases().code("Krimpen aan den IJssel").unwrap().to_string();
        let out = a.text("KRIMPEN AAN DEN IJSSEL en krimpen en Krimpen  aan den Ijssel; LAREN, laren; Larense kaas");
        assert_eq!(out.matches(&format!("Gemeente {k}")).count(), 3, "{out}");
        assert!(!out.to_lowercase().contains("krimpen") && !out.contains("LAREN") && !out.contains(" laren"), "{out}");
        assert!(out.contains("Larense kaas"), "whole words only: {out}");
        let out = a.text("wethouder Marieke Bakker uit den bosch; Sudwest-Fryslan; Rian zei; R. van Dam");
        assert!(
            !out.contains("Marieke") && !out.contains("bosch") && !out.contains("Rian") && !out.contains("Dam"),
            "{out}"
        );
        assert!(!out.to_lowercase().contains("fryslan"), "{out}");
    }

    #[test]
    fn aliases_do_not_depend_on_order_and_are_kept() {
        let mut one = AliasTable::new();
        one.assign(["Zeist", "Laren", "Baarn"]);
        let mut two = AliasTable::new();
        two.assign(["laren", "BAARN", "Gemeente Zeist"]);
        assert_eq!(one.codes, two.codes);
        assert_eq!(one.code("Baarn"), Some("A"));
        let path = Path::new("aliases.txt");
        let mut again = AliasTable::parse(&one.render(), path).unwrap();
        again.assign(["Almere", "Zeist"]);
        assert_eq!(again.code("Zeist"), Some("C"));
        assert_eq!(again.code("Almere"), Some("D"), "a new name gets the next free letter");
        assert!(AliasTable::parse("K = Laren\nK = Baarn\n", path).is_err());
        assert!(AliasTable::parse("Laren\n", path).is_err());
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        // Stand-in letters never run out.
        assert_eq!([27, 701, 702].map(letters), ["AB", "ZZ", "AAA"]);
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
}
