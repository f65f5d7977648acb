//! What is wrong with a deck that parsed: the checks that look across fields, cards and files.
//!
//! ron keeps no positions for values, so each problem is given a path of `key` / `key: "value"`
//! steps and [`Locator`] finds it in the source text, only when there is a problem to show.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::diag::{Diagnostic, suggest};
use super::load::{CardOrigin, FORMAT_VERSION, Source};
use super::model::{Card, CardId, Manifest, Release};
use super::text::{Lang, Text, has_unsafe_chars};

/// One step of a search in the source: a field name, optionally with its quoted string value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    KeyValue(&'a str, &'a str),
    /// A quoted string anywhere (an entry of a list such as `cards: [...]`).
    Quoted(&'a str),
}

struct Locator<'a> {
    sources: &'a [Source],
}

impl<'a> Locator<'a> {
    /// Finds the steps one after the other in `file`; stops at the last one found.
    fn place(&self, file: usize, steps: &[Step]) -> (String, usize, usize, usize) {
        let Some(source) = self.sources.get(file) else {
            return (String::new(), 0, 0, 1);
        };
        let text = std::str::from_utf8(&source.bytes).unwrap_or("");
        let mut at = None;
        let mut from = 0;
        for step in steps {
            match find_step(text, from, *step) {
                Some(found) => {
                    from = found.0 + found.1;
                    at = Some(found);
                }
                None => break,
            }
        }
        match at {
            Some((offset, len)) => {
                let (line, col) = line_col(text, offset);
                let chars = text[offset..offset + len].chars().count();
                (source.path.clone(), line, col, chars)
            }
            None => (source.path.clone(), 0, 0, 1),
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Returns the byte offset and length of the step's match at or after `from`.
fn find_step(text: &str, from: usize, step: Step) -> Option<(usize, usize)> {
    match step {
        Step::Key(key) => find_key(text, from, key).map(|at| (at, key.len())),
        Step::KeyValue(key, value) => {
            let mut start = from;
            loop {
                let at = find_key(text, start, key)?;
                let after = text[at + key.len()..].trim_start();
                let after = after.strip_prefix(':')?.trim_start();
                if after.strip_prefix('"').is_some_and(|r| r.starts_with(value) && r[value.len()..].starts_with('"')) {
                    let value_at = text.len() - after.len();
                    return Some((value_at, value.len() + 2));
                }
                start = at + key.len();
            }
        }
        Step::Quoted(value) => {
            let needle = format!("\"{value}\"");
            text.get(from..)?.find(&needle).map(|i| (from + i, needle.len()))
        }
    }
}

/// The next `key` at or after `from` that stands as a field name: a word boundary before and `:` after.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let mut start = from;
    while let Some(i) = text.get(start..)?.find(key) {
        let at = start + i;
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after_ok = text[at + key.len()..].trim_start().starts_with(':');
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

struct Checker<'a> {
    locator: Locator<'a>,
    out: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, code: &'static str, file: usize, steps: &[Step], message: String, help: Option<String>) {
        let (path, line, col, len) = self.locator.place(file, steps);
        let mut d = Diagnostic::new(code, &path, message).at(line, col, len);
        if line == 0 {
            d.line = 0;
            d.col = 0;
        }
        if let Some(h) = help {
            d = d.help(h);
        }
        self.out.push(d);
    }
}

/// Runs every cross-field and cross-file check and appends what it finds to `out`.
pub fn check(
    sources: &[Source],
    manifest: Option<(&Manifest, usize)>,
    cards: &[(Card, CardOrigin)],
    out: &mut Vec<Diagnostic>,
) {
    let mut ck = Checker { locator: Locator { sources }, out };
    let english = manifest.is_some_and(|(m, _)| m.languages.contains(&Lang::En));
    if let Some((m, file)) = manifest {
        check_manifest(&mut ck, m, file, cards);
    }
    let ids = check_card_ids(&mut ck, cards);
    for (card, origin) in cards {
        check_card(&mut ck, card, origin.file, cards, manifest.map(|(m, _)| m), &ids, english);
    }
    if let Some((m, _)) = manifest {
        check_reachability(&mut ck, m, cards);
    }
}

fn check_manifest(ck: &mut Checker, m: &Manifest, file: usize, cards: &[(Card, CardOrigin)]) {
    if m.format > FORMAT_VERSION {
        ck.report(
            "E023",
            file,
            &[Step::Key("format")],
            format!("this deck is written for format {}, but this Weerbaar reads format {FORMAT_VERSION}", m.format),
            Some("update Weerbaar, or set `format: 1` if the deck uses no newer features".into()),
        );
    }
    if !m.languages.contains(&Lang::Nl) {
        ck.report(
            "E017",
            file,
            &[Step::Key("languages")],
            "the deck must provide Dutch (`Nl`) in `languages`".into(),
            None,
        );
    }
    check_kebab(ck, file, "id", &m.id, &[]);
    let mut seen = HashSet::new();
    for o in &m.objectives {
        dup_in_manifest(ck, file, &mut seen, "objective", o.id.as_str());
        check_kebab(ck, file, "id", o.id.as_str(), &[]);
    }
    seen.clear();
    for d in &m.dimensions {
        dup_in_manifest(ck, file, &mut seen, "dimension", d.id.as_str());
        check_kebab(ck, file, "id", d.id.as_str(), &[]);
    }
    if m.dimensions.is_empty() {
        ck.report("E017", file, &[Step::Key("dimensions")], "the deck declares no score dimensions".into(), None);
    }
    if m.agendas.is_empty() {
        ck.report(
            "E014",
            file,
            &[Step::Key("agendas")],
            "the deck declares no agenda".into(),
            Some("add at least one agenda: (id: \"...\", title: \"...\", minutes: 120, cards: [...])".into()),
        );
    }
    seen.clear();
    let card_minutes: HashMap<&CardId, u32> = cards.iter().map(|(c, _)| (&c.id, c.minutes)).collect();
    for a in &m.agendas {
        dup_in_manifest(ck, file, &mut seen, "agenda", a.id.as_str());
        let here = [Step::KeyValue("id", a.id.as_str())];
        let mut listed = HashSet::new();
        let mut total = a.opening + a.closing;
        for c in &a.cards {
            let steps = [here[0], Step::Key("cards"), Step::Quoted(c.as_str())];
            match card_minutes.get(c) {
                Some(min) => total += min,
                None => ck.report(
                    "E014",
                    file,
                    &steps,
                    format!("agenda `{}` names the card `{c}`, which does not exist", a.id),
                    closest_card(c, cards),
                ),
            }
            if !listed.insert(c) {
                let again = [steps[0], steps[1], steps[2], Step::Quoted(c.as_str())];
                ck.report("W005", file, &again, format!("agenda `{}` lists the card `{c}` twice", a.id), None);
            }
        }
        if total > a.minutes {
            ck.report(
                "W002",
                file,
                &[here[0], Step::Key("minutes")],
                format!(
                    "agenda `{}` needs {total} minutes (cards {} + opening {} + closing {}) but its target is {}",
                    a.id,
                    total - a.opening - a.closing,
                    a.opening,
                    a.closing,
                    a.minutes
                ),
                Some("drop a card, shorten cards, or raise `minutes`".into()),
            );
        }
        if a.cards.is_empty() {
            ck.report("E014", file, &[here[0], Step::Key("cards")], format!("agenda `{}` has no cards", a.id), None);
        }
    }
    check_text(ck, file, &[Step::Key("title")], "title", &m.title, m.languages.contains(&Lang::En));
}

fn dup_in_manifest<'a>(ck: &mut Checker, file: usize, seen: &mut HashSet<&'a str>, what: &str, id: &'a str) {
    if !seen.insert(id) {
        let steps = [Step::KeyValue("id", id), Step::KeyValue("id", id)];
        ck.report("E022", file, &steps, format!("the {what} id `{id}` is declared twice"), None);
    }
}

fn check_card_ids(ck: &mut Checker, cards: &[(Card, CardOrigin)]) -> HashSet<CardId> {
    let mut first: HashMap<&CardId, usize> = HashMap::new();
    for (i, (card, origin)) in cards.iter().enumerate() {
        if let Some(&prev) = first.get(&card.id) {
            let prev_path = ck.locator.sources.get(cards[prev].1.file).map(|s| s.path.clone()).unwrap_or_default();
            let same_file = cards[prev].1.file == origin.file;
            let steps_same = [Step::KeyValue("id", card.id.as_str()), Step::KeyValue("id", card.id.as_str())];
            let steps: &[Step] = if same_file { &steps_same } else { &steps_same[..1] };
            ck.report(
                "E010",
                origin.file,
                steps,
                format!("the card id `{}` is used twice", card.id),
                Some(format!("it is also the id of a card in {prev_path}; every card needs its own id")),
            );
        } else {
            first.insert(&card.id, i);
        }
    }
    cards.iter().map(|(c, _)| c.id.clone()).collect()
}

fn check_card(
    ck: &mut Checker,
    card: &Card,
    file: usize,
    cards: &[(Card, CardOrigin)],
    manifest: Option<&Manifest>,
    ids: &HashSet<CardId>,
    english: bool,
) {
    let me = Step::KeyValue("id", card.id.as_str());
    let cid = &card.id;
    check_kebab(ck, file, "id", cid.as_str(), &[]);
    if card.minutes == 0 {
        ck.report("E024", file, &[me, Step::Key("minutes")], format!("card `{cid}` has 0 minutes"), None);
    }
    if card.roles.is_empty() {
        ck.report("E026", file, &[me, Step::Key("roles")], format!("card `{cid}` addresses no roles"), None);
    }
    if card.questions.is_empty() {
        ck.report(
            "W006",
            file,
            &[me, Step::Key("title")],
            format!("card `{cid}` has no discussion questions"),
            Some("add `questions: [...]`: they start the conversation in the delegations".into()),
        );
    }
    let n = card.options.len();
    if !(2..=6).contains(&n) {
        ck.report(
            "E016",
            file,
            &[me, Step::Key("options")],
            format!("card `{cid}` has {n} option(s); a card needs 2 to 6"),
            None,
        );
    }
    if let Some(m) = manifest {
        for obj in &card.objectives {
            if !m.objectives.iter().any(|o| &o.id == obj) {
                ck.report(
                    "E021",
                    file,
                    &[me, Step::Key("objectives"), Step::Quoted(obj.as_str())],
                    format!("card `{cid}` names the objective `{obj}`, which the manifest does not declare"),
                    suggest(obj.as_str(), m.objectives.iter().map(|o| o.id.as_str()))
                        .map(|s| format!("did you mean `{s}`?")),
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for inj in &card.injects {
        let here = [me, Step::Key("injects"), Step::KeyValue("id", inj.id.as_str())];
        check_kebab(ck, file, "id", inj.id.as_str(), &here[..2]);
        if !seen.insert(&inj.id) {
            let second = [here[0], here[1], here[2], Step::KeyValue("id", inj.id.as_str())];
            ck.report("E012", file, &second, format!("card `{cid}` has two injects with the id `{}`", inj.id), None);
        }
        if let Release::Minute(min) = inj.at
            && min > card.minutes
        {
            ck.report(
                "E019",
                file,
                &[here[0], here[1], here[2], Step::Key("at")],
                format!(
                    "inject `{}` of card `{cid}` comes at minute {min}, after the card's {} minutes",
                    inj.id, card.minutes
                ),
                Some("move it earlier or give the card more minutes".into()),
            );
        }
        // Without a manifest this is a file checked on its own: other cards may well exist.
        if let Some(cond) = inj.only_if.as_ref().filter(|_| manifest.is_some()) {
            let steps = [here[0], here[1], here[2], Step::Key("only_if")];
            match cards.iter().find(|(c, _)| c.id == cond.card) {
                None => ck.report(
                    "E015",
                    file,
                    &steps,
                    format!(
                        "inject `{}` of card `{cid}` depends on the card `{}`, which does not exist",
                        inj.id, cond.card
                    ),
                    closest_card(&cond.card, cards),
                ),
                Some((other, _)) if other.option(&cond.option).is_none() => ck.report(
                    "E015",
                    file,
                    &steps,
                    format!(
                        "inject `{}` of card `{cid}` depends on the option `{}` of card `{}`, which has no such option",
                        inj.id, cond.option, cond.card
                    ),
                    Some(format!(
                        "the options of `{}` are: {}",
                        cond.card,
                        other.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                ),
                Some(_) => {}
            }
        }
    }
    seen.clear();
    let mut option_seen = HashSet::new();
    for opt in &card.options {
        let here = [me, Step::Key("options"), Step::KeyValue("id", opt.id.as_str())];
        check_kebab(ck, file, "id", opt.id.as_str(), &here[..2]);
        if !option_seen.insert(&opt.id) {
            let second = [here[0], here[1], here[2], Step::KeyValue("id", opt.id.as_str())];
            ck.report("E011", file, &second, format!("card `{cid}` has two options with the id `{}`", opt.id), None);
        }
        let mut dims = HashSet::new();
        for (dim, _) in &opt.effects {
            let steps = [here[0], here[1], here[2], Step::Key("effects"), Step::Quoted(dim.as_str())];
            if let Some(m) = manifest
                && m.dimensions.iter().all(|d| &d.id != dim)
            {
                ck.report(
                    "E018",
                    file,
                    &steps,
                    format!(
                        "option `{}` of card `{cid}` changes the score `{dim}`, which the manifest does not declare",
                        opt.id
                    ),
                    Some(match suggest(dim.as_str(), m.dimensions.iter().map(|d| d.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "the declared dimensions are: {}",
                            m.dimensions.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    }),
                );
            }
            if !dims.insert(dim) {
                ck.report(
                    "E025",
                    file,
                    &steps,
                    format!("option `{}` of card `{cid}` changes `{dim}` twice", opt.id),
                    Some("add the two numbers into one effect".into()),
                );
            }
        }
        if let Some(next) = &opt.follow_up {
            let steps = [here[0], here[1], here[2], Step::Key("follow_up")];
            if !ids.contains(next) && manifest.is_some() {
                ck.report(
                    "E013",
                    file,
                    &steps,
                    format!("option `{}` of card `{cid}` leads to the card `{next}`, which does not exist", opt.id),
                    closest_card(next, cards),
                );
            } else if next == cid {
                ck.report(
                    "W007",
                    file,
                    &steps,
                    format!("option `{}` of card `{cid}` leads back to the same card", opt.id),
                    None,
                );
            }
        }
    }
    for (i, practice) in card.practices.iter().enumerate() {
        if practice.source.trim().is_empty() || practice.who.trim().is_empty() {
            let field = format!("practices[{i}]");
            ck.report(
                "E027",
                file,
                &field_steps(me, &field),
                format!("practice {} of card `{cid}` does not say who did it and where that is written", i + 1),
                Some("fill in `who:` and `source:` (a URL or publication); never invent a practice".into()),
            );
        }
    }
    for (field, text) in card.texts() {
        if (field.is_required() || !text.nl.is_empty()) && text_problems(text, english) {
            let field = field.to_string();
            let steps = field_steps(me, &field);
            check_text(ck, file, &steps, &format!("card `{cid}`: {field}"), text, english);
        }
    }
}

/// A cheap first look, so the field paths and messages are only built for texts with a problem.
fn text_problems(text: &Text, english: bool) -> bool {
    text.nl.trim().is_empty()
        || (english && text.en.as_deref().is_none_or(|e| e.trim().is_empty()))
        || text.all().any(has_unsafe_chars)
}

/// Turns a field path like `options[pay].label` into search steps inside the card.
fn field_steps<'a>(card: Step<'a>, field: &'a str) -> Vec<Step<'a>> {
    let mut steps = vec![card];
    for part in field.split('.') {
        match part.split_once('[') {
            Some((key, rest)) => {
                steps.push(Step::Key(key));
                let inner = rest.trim_end_matches(']');
                if inner.parse::<usize>().is_err() {
                    steps.push(Step::KeyValue("id", inner));
                }
            }
            None => steps.push(Step::Key(part)),
        }
    }
    steps
}

fn check_text(ck: &mut Checker, file: usize, steps: &[Step], what: &str, text: &Text, english: bool) {
    if text.nl.trim().is_empty() {
        ck.report("E017", file, steps, format!("{what} is empty"), None);
    }
    if english && text.en.as_deref().is_none_or(|e| e.trim().is_empty()) && !text.nl.trim().is_empty() {
        ck.report(
            "W003",
            file,
            steps,
            format!("{what} has no English text, but the deck declares English"),
            Some("write (nl: \"...\", en: \"...\")".into()),
        );
    }
    if text.all().any(has_unsafe_chars) {
        ck.report(
            "W004",
            file,
            steps,
            format!("{what} contains control characters or terminal escape sequences"),
            Some("they are removed before display; delete them from the file".into()),
        );
    }
}

fn check_kebab(ck: &mut Checker, file: usize, key: &str, id: &str, before: &[Step]) {
    let ok = !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if !ok {
        let mut steps = before.to_vec();
        steps.push(Step::KeyValue(key, id));
        ck.report(
            "E020",
            file,
            &steps,
            format!("the id `{id}` is not kebab-case"),
            Some("use lowercase letters, digits and single dashes, like `ransom-friday`".into()),
        );
    }
}

fn closest_card(id: &CardId, cards: &[(Card, CardOrigin)]) -> Option<String> {
    suggest(id.as_str(), cards.iter().map(|(c, _)| c.id.as_str())).map(|s| format!("did you mean `{s}`?"))
}

/// Warns about cards that no agenda lists and no reachable follow-up leads to: they can never be played.
fn check_reachability(ck: &mut Checker, m: &Manifest, cards: &[(Card, CardOrigin)]) {
    let by_id: BTreeMap<&CardId, &Card> = cards.iter().map(|(c, _)| (&c.id, c)).collect();
    let mut reached: BTreeSet<&CardId> = BTreeSet::new();
    let mut todo: Vec<&CardId> = m.agendas.iter().flat_map(|a| a.cards.iter()).collect();
    while let Some(id) = todo.pop() {
        if !reached.insert(id) {
            continue;
        }
        if let Some(card) = by_id.get(id) {
            todo.extend(card.options.iter().filter_map(|o| o.follow_up.as_ref()));
        }
    }
    for (card, origin) in cards {
        if !reached.contains(&card.id) {
            ck.report(
                "W001",
                origin.file,
                &[Step::KeyValue("id", card.id.as_str())],
                format!("card `{}` is in no agenda and no follow-up leads to it", card.id),
                Some("add it to an agenda in deck.ron or make an option lead to it with `follow_up`".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_key_value_after_an_anchor() {
        let text = "Card(\n  id: \"a\",\n  options: [\n    (id: \"x\", follow_up: \"b\"),\n    (id: \"y\", follow_up: \"c\"),\n  ],\n)";
        let at = find_step(text, 0, Step::KeyValue("id", "y")).unwrap();
        let f = find_step(text, at.0, Step::Key("follow_up")).unwrap();
        assert_eq!(line_col(text, f.0), (5, 15));
    }

    #[test]
    fn key_search_needs_a_word_boundary_and_a_colon() {
        assert_eq!(find_key("sub_id: 1, id: 2", 0, "id"), Some(11));
        assert_eq!(find_key("\"id\" id : 3", 0, "id"), Some(5));
    }
}
