//! What is wrong with a deck that parsed: the checks that look across fields, cards and files.
//!
//! ron keeps no positions for values, so each problem is given a path of `key` / `key: "value"`
//! steps and [`Locator`] finds it in the source text, only when there is a problem to show.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::diag::{Diagnostic, LineIndex, Msg, suggest};
use super::model::{Card, CardId, CardOrigin, DimensionId, FORMAT_VERSION, Manifest, Release, Source, TextPlace};
use super::text::{Lang, Text, clean, has_unsafe_chars};
use crate::msg;

/// One step of a search in the source: a field name, optionally with its quoted string value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    KeyValue(&'a str, &'a str),
    /// A quoted string anywhere (an entry of a list such as `cards: [...]`).
    Quoted(&'a str),
    /// The n-th item (from 0) of the next list `[...]`, such as one question.
    Nth(usize),
}

/// Finds places in the sources. Each file is indexed once (its lines, and where each `id: "..."`
/// stands), so locating a diagnostic costs the distance from its card, not from the file's start.
struct Locator<'a> {
    sources: &'a [Source],
    files: HashMap<usize, FileIndex<'a>>,
}

struct FileIndex<'a> {
    text: &'a str,
    lines: LineIndex<'a>,
    ids: HashMap<&'a str, Vec<usize>>,
}

impl<'a> FileIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut from = 0;
        while let Some(at) = find_key(text, from, "id") {
            from = at + 2;
            let after = text[from..].trim_start();
            let Some(rest) = after.strip_prefix(':').map(str::trim_start) else { continue };
            let Some(value) = rest.strip_prefix('"') else { continue };
            if let Some(end) = value.find('"') {
                let value_at = text.len() - value.len() - 1;
                ids.entry(&value[..end]).or_default().push(value_at);
            }
        }
        FileIndex { text, lines: LineIndex::new(text), ids }
    }
}

impl<'a> Locator<'a> {
    /// True when every step is found in `file`, one after the other (a field written in the file).
    fn has(&mut self, file: usize, steps: &[Step]) -> bool {
        self.find(file, steps).1
    }

    /// Finds the steps one after the other in `file`; stops at the last one found.
    fn place(&mut self, file: usize, steps: &[Step]) -> (String, usize, usize, usize) {
        self.find(file, steps).0
    }

    fn find(&mut self, file: usize, steps: &[Step]) -> ((String, usize, usize, usize), bool) {
        let Some(source) = self.sources.get(file) else {
            return ((String::new(), 0, 0, 1), false);
        };
        let index =
            self.files.entry(file).or_insert_with(|| FileIndex::new(std::str::from_utf8(&source.bytes).unwrap_or("")));
        let text = index.text;
        let mut at = None;
        let mut from = 0;
        let mut all = true;
        for step in steps {
            let found = match step {
                Step::KeyValue("id", value) => index
                    .ids
                    .get(value)
                    .and_then(|offsets| offsets.iter().find(|&&o| o >= from))
                    .map(|&o| (o, value.len() + 2)),
                _ => find_step(text, from, *step),
            };
            match found {
                Some(found) => {
                    from = found.0 + found.1;
                    at = Some(found);
                }
                None => {
                    all = false;
                    break;
                }
            }
        }
        let place = match at {
            Some((offset, len)) => {
                let (line, col) = index.lines.line_col(offset);
                let chars = text.get(offset..offset + len).map_or(1, |s| s.chars().count());
                (source.path.clone(), line, col, chars)
            }
            None => (source.path.clone(), 0, 0, 1),
        };
        (place, all)
    }
}

#[cfg(test)]
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
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
        Step::Nth(n) => {
            let open = from + text.get(from..)?.find('[')?;
            let (a, b) = *super::recover::list_items(text, open)?.get(n)?;
            Some((a, text[a..b].trim_end().len().max(1)))
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
    fn report(&mut self, code: &'static str, file: usize, steps: &[Step], message: Msg, help: Option<Msg>) {
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

/// The range an effect may take: +1 is a small gain on that dimension, +3 the largest a single
/// decision can bring; larger numbers would drown every other card in the score.
pub const EFFECT_RANGE: std::ops::RangeInclusive<i32> = -3..=3;

/// Runs every cross-field and cross-file check and appends what it finds to `out`. Cards in
/// `unreadable` exist but could not be read: references to them are not reported as missing.
pub fn check(
    sources: &[Source],
    manifest: Option<(&Manifest, usize)>,
    cards: &[(Card, CardOrigin)],
    unreadable: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let mut ck = Checker { locator: Locator { sources, files: HashMap::new() }, out };
    let english = manifest.is_some_and(|(m, _)| m.languages.contains(&Lang::En));
    let by_id: HashMap<&CardId, &Card> = cards.iter().map(|(c, _)| (&c.id, c)).collect();
    let ctx = Context { cards, by_id, unreadable, manifest: manifest.map(|(m, _)| m), english };
    if let Some((m, file)) = manifest {
        check_manifest(&mut ck, m, file, &ctx);
    }
    let ids = check_card_ids(&mut ck, cards);
    let order = manifest.map(|(m, _)| Order::new(m, &ctx.by_id));
    for (card, origin) in cards {
        check_card(&mut ck, card, origin.file, &ctx, &ids, order.as_ref());
    }
    if let Some((m, _)) = manifest {
        check_reachability(&mut ck, m, cards, unreadable);
    }
}

/// What every card check may look at.
struct Context<'a> {
    cards: &'a [(Card, CardOrigin)],
    by_id: HashMap<&'a CardId, &'a Card>,
    unreadable: &'a HashSet<String>,
    manifest: Option<&'a Manifest>,
    english: bool,
}

impl Context<'_> {
    /// A reference to a card that is neither loaded nor known to exist unread.
    fn missing(&self, id: &CardId) -> bool {
        !self.by_id.contains_key(id) && !self.unreadable.contains(id.as_str())
    }
}

fn check_manifest(ck: &mut Checker, m: &Manifest, file: usize, ctx: &Context) {
    if m.format > FORMAT_VERSION {
        ck.report(
            "E023",
            file,
            &[Step::Key("format")],
            msg!(
                "dit deck is geschreven voor formaat {}, maar deze Weerbaar leest formaat {FORMAT_VERSION}",
                "this deck is written for format {}, but this Weerbaar reads format {FORMAT_VERSION}",
                m.format
            ),
            Some(msg!(
                "werk Weerbaar bij, of zet `format: 1` als het deck geen nieuwere onderdelen gebruikt",
                "update Weerbaar, or set `format: 1` if the deck uses no newer features"
            )),
        );
    }
    if !m.languages.contains(&Lang::Nl) {
        ck.report(
            "E017",
            file,
            &[Step::Key("languages")],
            msg!(
                "het deck moet Nederlands (`nl`) in `languages` hebben",
                "the deck must provide Dutch (`nl`) in `languages`"
            ),
            None,
        );
    }
    check_kebab(ck, file, "id", &m.id, &[]);
    let mut seen = HashSet::new();
    for o in &m.objectives {
        dup_in_manifest(ck, file, &mut seen, ("doel", "objective"), o.id.as_str());
        check_kebab(ck, file, "id", o.id.as_str(), &[]);
    }
    seen.clear();
    for d in &m.dimensions {
        dup_in_manifest(ck, file, &mut seen, ("dimensie", "dimension"), d.id.as_str());
        check_kebab(ck, file, "id", d.id.as_str(), &[]);
    }
    if m.dimensions.is_empty() {
        ck.report(
            "E017",
            file,
            &[Step::Key("dimensions")],
            msg!("het deck noemt geen scoredimensies", "the deck declares no score dimensions"),
            None,
        );
    }
    if m.agendas.is_empty() {
        ck.report(
            "E014",
            file,
            &[Step::Key("agendas")],
            msg!("het deck heeft geen agenda", "the deck declares no agenda"),
            Some(msg!(
                "voeg minstens één agenda toe: (id: \"...\", title: \"...\", minutes: 120, cards: [...])",
                "add at least one agenda: (id: \"...\", title: \"...\", minutes: 120, cards: [...])"
            )),
        );
    }
    seen.clear();
    for a in &m.agendas {
        dup_in_manifest(ck, file, &mut seen, ("agenda", "agenda"), a.id.as_str());
        check_kebab(ck, file, "id", a.id.as_str(), &[]);
        let here = [Step::KeyValue("id", a.id.as_str())];
        let mut listed = HashSet::new();
        let mut total = a.opening.saturating_add(a.closing);
        for c in &a.cards {
            let steps = [here[0], Step::Key("cards"), Step::Quoted(c.as_str())];
            match ctx.by_id.get(c) {
                Some(card) => total = total.saturating_add(card.minutes),
                None if ctx.unreadable.contains(c.as_str()) => {}
                None => ck.report(
                    "E014",
                    file,
                    &steps,
                    msg!(
                        "agenda `{}` noemt de kaart `{c}`, die niet bestaat",
                        "agenda `{}` names the card `{c}`, which does not exist",
                        a.id
                    ),
                    closest_card(c, ctx.cards),
                ),
            }
            if !listed.insert(c) {
                let again = [steps[0], steps[1], steps[2], Step::Quoted(c.as_str())];
                ck.report(
                    "E028",
                    file,
                    &again,
                    msg!("agenda `{}` noemt de kaart `{c}` twee keer", "agenda `{}` lists the card `{c}` twice", a.id),
                    Some(msg!(
                        "een kaart wordt één keer gespeeld; `weerbaar play` weigert deze agenda",
                        "a card is played once; `weerbaar play` refuses this agenda"
                    )),
                );
            }
        }
        if total > a.minutes {
            let cards_min = total - a.opening.saturating_add(a.closing);
            ck.report(
                "W002",
                file,
                &[here[0], Step::Key("minutes")],
                msg!(
                    "agenda `{}` heeft {total} minuten nodig (kaarten {cards_min} + opening {} + afsluiting {}), maar mag {} duren",
                    "agenda `{}` needs {total} minutes (cards {cards_min} + opening {} + closing {}) but its target is {}",
                    a.id,
                    a.opening,
                    a.closing,
                    a.minutes
                ),
                Some(msg!(
                    "haal een kaart weg, maak kaarten korter of verhoog `minutes`",
                    "drop a card, shorten cards, or raise `minutes`"
                )),
            );
        }
        if total <= a.minutes {
            check_follow_up_room(ck, a, a.minutes - total, ctx);
        }
        if a.cards.is_empty() {
            ck.report(
                "E014",
                file,
                &[here[0], Step::Key("cards")],
                msg!("agenda `{}` heeft geen kaarten", "agenda `{}` has no cards", a.id),
                None,
            );
        }
    }
    let english = ctx.english;
    check_text(ck, file, &[Step::Key("title")], ("de titel van het deck", "the title of the deck"), &m.title, english);
    if m.description.nl.trim().is_empty() {
        if ck.locator.has(file, &[Step::Key("description")]) {
            let what = ("de beschrijving van het deck", "the description of the deck");
            empty_optional(ck, file, &[Step::Key("description")], what, "description");
        }
    } else {
        let what = ("de beschrijving van het deck", "the description of the deck");
        check_text(ck, file, &[Step::Key("description")], what, &m.description, english);
    }
    for o in &m.objectives {
        if text_problems(&o.text, english) {
            let (nl, en) = (format!("de tekst van doel `{}`", o.id), format!("the text of objective `{}`", o.id));
            let steps = [Step::Key("objectives"), Step::KeyValue("id", o.id.as_str()), Step::Key("text")];
            check_text(ck, file, &steps, (&nl, &en), &o.text, english);
        }
    }
    for d in &m.dimensions {
        if text_problems(&d.label, english) {
            let (nl, en) = (format!("het label van dimensie `{}`", d.id), format!("the label of dimension `{}`", d.id));
            let steps = [Step::Key("dimensions"), Step::KeyValue("id", d.id.as_str()), Step::Key("label")];
            check_text(ck, file, &steps, (&nl, &en), &d.label, english);
        }
    }
    for a in &m.agendas {
        if text_problems(&a.title, english) {
            let (nl, en) = (format!("de titel van agenda `{}`", a.id), format!("the title of agenda `{}`", a.id));
            let steps = [Step::Key("agendas"), Step::KeyValue("id", a.id.as_str()), Step::Key("title")];
            check_text(ck, file, &steps, (&nl, &en), &a.title, english);
        }
    }
}

/// W015: a follow-up from a card on the agenda that is longer than the agenda's free time (its
/// target minus opening, cards and closing, as written for two delegations) is never played: a
/// gespreksleider watching the clock cannot fit it. One warning per agenda and follow-up card,
/// at the first option that leads there. A follow-up to a card on the same agenda costs nothing.
fn check_follow_up_room(ck: &mut Checker, a: &super::model::Agenda, free: u32, ctx: &Context) {
    let mut told = HashSet::new();
    for c in &a.cards {
        let Some(card) = ctx.by_id.get(c) else { continue };
        let Some(file) = ctx.cards.iter().find(|(x, _)| &x.id == c).map(|(_, o)| o.file) else { continue };
        for o in &card.options {
            let Some(next) = &o.follow_up else { continue };
            let Some(follow) = ctx.by_id.get(next) else { continue };
            if a.cards.contains(next) || follow.minutes <= free || !told.insert(next) {
                continue;
            }
            let (aid, cid, oid, needs, planned) = (&a.id, &card.id, &o.id, follow.minutes, a.minutes - free);
            ck.report(
                "W015",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", oid.as_str()), Step::Key("follow_up")],
                msg!(
                    "de vervolgkaart `{next}` ({needs} min) past nooit in agenda `{aid}`: die heeft {free} minuten vrij ({planned} van {} gepland); wie optie `{oid}` van `{cid}` kiest, krijgt haar nooit te zien",
                    "the follow-up `{next}` ({needs} min) never fits agenda `{aid}`: it has {free} minutes free ({planned} of {} planned); groups choosing option `{oid}` of `{cid}` never see it",
                    a.minutes
                ),
                Some(msg!(
                    "maak ruimte: een kaart minder op `{aid}`, `minutes` hoger, of maak `{next}` hoogstens {free} minuten",
                    "make room: one card fewer on `{aid}`, a higher `minutes`, or make `{next}` at most {free} minutes"
                )),
            );
        }
    }
}

fn dup_in_manifest<'a>(ck: &mut Checker, file: usize, seen: &mut HashSet<&'a str>, what: (&str, &str), id: &'a str) {
    if !seen.insert(id) {
        let steps = [Step::KeyValue("id", id), Step::KeyValue("id", id)];
        let (nl, en) = what;
        ck.report(
            "E022",
            file,
            &steps,
            msg!("het id `{id}` van een {nl} staat er twee keer in", "the {en} id `{id}` is declared twice"),
            None,
        );
    }
}

fn check_card_ids(ck: &mut Checker, cards: &[(Card, CardOrigin)]) -> HashSet<CardId> {
    let mut first: HashMap<&CardId, usize> = HashMap::new();
    for (i, (card, origin)) in cards.iter().enumerate() {
        if let Some(&prev) = first.get(&card.id) {
            let prev_path = ck.locator.sources.get(cards[prev].1.file).map(|s| s.path.clone()).unwrap_or_default();
            let prev_path = clean(&prev_path).into_owned();
            let same_file = cards[prev].1.file == origin.file;
            let steps_same = [Step::KeyValue("id", card.id.as_str()), Step::KeyValue("id", card.id.as_str())];
            let steps: &[Step] = if same_file { &steps_same } else { &steps_same[..1] };
            ck.report(
                "E010",
                origin.file,
                steps,
                msg!("het kaart-id `{}` wordt twee keer gebruikt", "the card id `{}` is used twice", card.id),
                Some(msg!(
                    "het is ook het id van een kaart in {prev_path}; elke kaart heeft een eigen id nodig",
                    "it is also the id of a card in {prev_path}; every card needs its own id"
                )),
            );
        } else {
            first.insert(&card.id, i);
        }
    }
    cards.iter().map(|(c, _)| c.id.clone()).collect()
}

/// Which cards can be played before which: a development that depends on a choice in a card
/// that always comes later can never be released.
struct Order<'a> {
    by_id: &'a HashMap<&'a CardId, &'a Card>,
    manifest: &'a Manifest,
}

impl<'a> Order<'a> {
    fn new(manifest: &'a Manifest, by_id: &'a HashMap<&'a CardId, &'a Card>) -> Self {
        Order { by_id, manifest }
    }

    /// Every card reachable from `starts` through follow-ups, never passing through `avoid`.
    fn reach(&self, starts: impl IntoIterator<Item = &'a CardId>, avoid: &CardId) -> HashSet<&'a CardId> {
        let mut seen = HashSet::new();
        let mut todo: Vec<&CardId> = starts.into_iter().collect();
        while let Some(id) = todo.pop() {
            if id == avoid || !seen.insert(id) {
                continue;
            }
            if let Some(card) = self.by_id.get(id) {
                todo.extend(card.options.iter().filter_map(|o| o.follow_up.as_ref()));
            }
        }
        seen
    }

    /// True when `earlier` can be played before `card` in some session: reachable from the
    /// agendas without passing through `card`, and, when `card` is on agendas itself, listed
    /// (or led to) before it on at least one of them.
    fn can_precede(&self, earlier: &CardId, card: &CardId) -> bool {
        let all = self.manifest.agendas.iter().flat_map(|a| a.cards.iter());
        if !self.reach(all, card).contains(earlier) {
            return false;
        }
        let on: Vec<_> = self.manifest.agendas.iter().filter(|a| a.cards.contains(card)).collect();
        if on.is_empty() {
            return true;
        }
        on.iter().any(|a| {
            let pos = a.cards.iter().position(|c| c == card).unwrap_or(0);
            self.reach(a.cards[..pos].iter(), card).contains(earlier)
        })
    }
}

fn check_card(ck: &mut Checker, card: &Card, file: usize, ctx: &Context, ids: &HashSet<CardId>, order: Option<&Order>) {
    let me = Step::KeyValue("id", card.id.as_str());
    let cid = &card.id;
    let english = ctx.english;
    let manifest = ctx.manifest;
    check_kebab(ck, file, "id", cid.as_str(), &[]);
    if card.minutes == 0 {
        ck.report(
            "E024",
            file,
            &[me, Step::Key("minutes")],
            msg!("kaart `{cid}` heeft 0 minuten", "card `{cid}` has 0 minutes"),
            None,
        );
    }
    if card.roles.is_empty() {
        ck.report(
            "E026",
            file,
            &[me, Step::Key("roles")],
            msg!("kaart `{cid}` richt zich tot geen enkele rol", "card `{cid}` addresses no roles"),
            None,
        );
    }
    if card.questions.is_empty() {
        ck.report(
            "W006",
            file,
            &[me, Step::Key("title")],
            msg!("kaart `{cid}` heeft geen gespreksvragen", "card `{cid}` has no discussion questions"),
            Some(msg!(
                "voeg `questions: [...]` toe: zij zetten het gesprek in de delegaties op gang",
                "add `questions: [...]`: they start the conversation in the delegations"
            )),
        );
    }
    let n = card.options.len();
    if !(2..=6).contains(&n) {
        ck.report(
            "E016",
            file,
            &[me, Step::Key("options")],
            msg!(
                "kaart `{cid}` heeft {n} opties; een kaart heeft er 2 tot 6",
                "card `{cid}` has {n} option(s); a card needs 2 to 6"
            ),
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
                    msg!(
                        "kaart `{cid}` noemt het doel `{obj}`, dat het manifest niet kent",
                        "card `{cid}` names the objective `{obj}`, which the manifest does not declare"
                    ),
                    suggest(obj.as_str(), m.objectives.iter().map(|o| o.id.as_str()))
                        .map(|s| msg!("bedoelt u `{s}`?", "did you mean `{s}`?")),
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for inj in &card.injects {
        let here = [me, Step::Key("injects"), Step::KeyValue("id", inj.id.as_str())];
        let iid = &inj.id;
        check_kebab(ck, file, "id", iid.as_str(), &here[..2]);
        if !seen.insert(iid) {
            let second = [here[0], here[1], here[2], Step::KeyValue("id", iid.as_str())];
            ck.report(
                "E012",
                file,
                &second,
                msg!(
                    "kaart `{cid}` heeft twee ontwikkelingen met het id `{iid}`",
                    "card `{cid}` has two injects with the id `{iid}`"
                ),
                None,
            );
        }
        if let Release::Minute(min) = inj.at
            && min > card.minutes
        {
            ck.report(
                "E019",
                file,
                &[here[0], here[1], here[2], Step::Key("at")],
                msg!(
                    "ontwikkeling `{iid}` van kaart `{cid}` komt op minuut {min}, na de {} minuten van de kaart",
                    "inject `{iid}` of card `{cid}` comes at minute {min}, after the card's {} minutes",
                    card.minutes
                ),
                Some(msg!(
                    "zet haar eerder of geef de kaart meer minuten",
                    "move it earlier or give the card more minutes"
                )),
            );
        }
        // Without a manifest this is a file checked on its own: other cards may well exist.
        if let Some(cond) = inj.only_if.as_ref().filter(|_| manifest.is_some()) {
            let steps = [here[0], here[1], here[2], Step::Key("only_if")];
            let other_id = &cond.card;
            if other_id == cid {
                ck.report(
                    "E029",
                    file,
                    &steps,
                    msg!(
                        "ontwikkeling `{iid}` hangt af van een keuze in haar eigen kaart `{cid}`: die keuze valt pas na de onthulling, dus zij komt nooit",
                        "inject `{iid}` depends on a choice in its own card `{cid}`: that choice is only known after the reveal, so it never comes"
                    ),
                    Some(msg!(
                        "laat `only_if` een eerdere kaart noemen, of maak er een vervolgkaart van met `follow_up`",
                        "make `only_if` name an earlier card, or turn it into a follow-up card with `follow_up`"
                    )),
                );
                continue;
            }
            match ctx.by_id.get(other_id) {
                None if ctx.unreadable.contains(other_id.as_str()) => {}
                None => ck.report(
                    "E015",
                    file,
                    &steps,
                    msg!(
                        "ontwikkeling `{iid}` van kaart `{cid}` hangt af van de kaart `{other_id}`, die niet bestaat",
                        "inject `{iid}` of card `{cid}` depends on the card `{other_id}`, which does not exist"
                    ),
                    closest_card(other_id, ctx.cards),
                ),
                Some(other) if other.option(&cond.option).is_none() => {
                    let options = other.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ");
                    ck.report(
                        "E015",
                        file,
                        &steps,
                        msg!(
                            "ontwikkeling `{iid}` van kaart `{cid}` hangt af van optie `{}` van kaart `{other_id}`, die zo'n optie niet heeft",
                            "inject `{iid}` of card `{cid}` depends on the option `{}` of card `{other_id}`, which has no such option",
                            cond.option
                        ),
                        Some(msg!("de opties van `{other_id}` zijn: {options}", "the options of `{other_id}` are: {options}")),
                    )
                }
                Some(_) if order.is_some_and(|o| !o.can_precede(other_id, cid)) => ck.report(
                    "E029",
                    file,
                    &steps,
                    msg!(
                        "ontwikkeling `{iid}` van kaart `{cid}` hangt af van kaart `{other_id}`, maar die komt nooit vóór `{cid}`: de ontwikkeling komt nooit",
                        "inject `{iid}` of card `{cid}` depends on card `{other_id}`, but that card never comes before `{cid}`: the inject never comes"
                    ),
                    Some(msg!(
                        "zet `{other_id}` eerder op een agenda, of laat de ontwikkeling van een eerdere kaart afhangen",
                        "put `{other_id}` earlier on an agenda, or make the inject depend on an earlier card"
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
        let oid = &opt.id;
        check_kebab(ck, file, "id", oid.as_str(), &here[..2]);
        if !option_seen.insert(oid) {
            let second = [here[0], here[1], here[2], Step::KeyValue("id", oid.as_str())];
            ck.report(
                "E011",
                file,
                &second,
                msg!(
                    "kaart `{cid}` heeft twee opties met het id `{oid}`",
                    "card `{cid}` has two options with the id `{oid}`"
                ),
                None,
            );
        }
        let mut dims = HashSet::new();
        for (dim, delta) in &opt.effects {
            let steps = [here[0], here[1], here[2], Step::Key("effects"), Step::Quoted(dim.as_str())];
            if let Some(m) = manifest
                && m.dimensions.iter().all(|d| &d.id != dim)
            {
                let declared = m.dimensions.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ");
                ck.report(
                    "E018",
                    file,
                    &steps,
                    msg!(
                        "optie `{oid}` van kaart `{cid}` verandert de score `{dim}`, die het manifest niet kent",
                        "option `{oid}` of card `{cid}` changes the score `{dim}`, which the manifest does not declare"
                    ),
                    Some(match suggest(dim.as_str(), m.dimensions.iter().map(|d| d.id.as_str())) {
                        Some(s) => msg!("bedoelt u `{s}`?", "did you mean `{s}`?"),
                        None => msg!(
                            "de dimensies van het deck zijn: {declared}",
                            "the declared dimensions are: {declared}"
                        ),
                    }),
                );
            }
            if !EFFECT_RANGE.contains(delta) {
                ck.report(
                    "E030",
                    file,
                    &steps,
                    msg!(
                        "optie `{oid}` van kaart `{cid}` verandert `{dim}` met {delta}; een effect ligt tussen -3 en +3",
                        "option `{oid}` of card `{cid}` changes `{dim}` by {delta}; an effect lies between -3 and +3"
                    ),
                    Some(msg!(
                        "+1 is een kleine winst, +3 de grootste die één besluit kan brengen; -3 de grootste schade",
                        "+1 is a small gain, +3 the largest one decision can bring; -3 the largest harm"
                    )),
                );
            }
            if !dims.insert(dim) {
                ck.report(
                    "E025",
                    file,
                    &steps,
                    msg!(
                        "optie `{oid}` van kaart `{cid}` verandert `{dim}` twee keer",
                        "option `{oid}` of card `{cid}` changes `{dim}` twice"
                    ),
                    Some(msg!("tel de twee getallen op tot één effect", "add the two numbers into one effect")),
                );
            }
        }
        if let Some(next) = &opt.follow_up {
            let steps = [here[0], here[1], here[2], Step::Key("follow_up")];
            if !ids.contains(next) && manifest.is_some() {
                if ctx.missing(next) {
                    ck.report(
                        "E013",
                        file,
                        &steps,
                        msg!(
                            "optie `{oid}` van kaart `{cid}` leidt naar de kaart `{next}`, die niet bestaat",
                            "option `{oid}` of card `{cid}` leads to the card `{next}`, which does not exist"
                        ),
                        closest_card(next, ctx.cards),
                    );
                }
            } else if next == cid {
                ck.report(
                    "W007",
                    file,
                    &steps,
                    msg!(
                        "optie `{oid}` van kaart `{cid}` leidt terug naar dezelfde kaart",
                        "option `{oid}` of card `{cid}` leads back to the same card"
                    ),
                    None,
                );
            }
        }
    }
    check_balance(ck, card, file, manifest);
    for (i, practice) in card.practices.iter().enumerate() {
        if practice.source.trim().is_empty() || practice.who.trim().is_empty() {
            let number = i + 1;
            ck.report(
                "E027",
                file,
                &[me, Step::Key("practices"), Step::Nth(i)],
                msg!(
                    "praktijk {number} van kaart `{cid}` zegt niet wie het deed en waar dat staat",
                    "practice {number} of card `{cid}` does not say who did it and where that is written"
                ),
                Some(msg!(
                    "vul `who:` en `source:` in (een URL of publicatie); verzin nooit een praktijk",
                    "fill in `who:` and `source:` (a URL or publication); never invent a practice"
                )),
            );
        }
    }
    for (place, text) in card.texts() {
        // Notes may be left out, but `notes: ""` is the skeleton's placeholder, forgotten.
        let written_empty =
            place == TextPlace::Notes && text.nl.trim().is_empty() && ck.locator.has(file, &[me, Step::Key("notes")]);
        if place.is_required() || matches!(place, TextPlace::Reference(_)) || !text.nl.is_empty() || written_empty {
            if !text_problems(text, english) {
                continue;
            }
            let (what_nl, what_en, mut steps) = text_place(place);
            steps.insert(0, me);
            let nl = format!("{what_nl} van kaart `{cid}`");
            let en = format!("{what_en} of card `{cid}`");
            if written_empty {
                empty_optional(ck, file, &steps, (&nl, &en), "notes");
            } else {
                check_text(ck, file, &steps, (&nl, &en), text, english);
            }
        }
    }
}

/// Where a text sits in a card, in the author's words ("het gevolg van optie `pay`"), and the
/// steps to it after the card's id. A question or reference is found as its item in the list.
fn text_place(place: TextPlace<'_>) -> (String, String, Vec<Step<'_>>) {
    match place {
        TextPlace::Title => ("de titel".into(), "the title".into(), vec![Step::Key("title")]),
        TextPlace::Situation => ("de situatie".into(), "the situation".into(), vec![Step::Key("situation")]),
        TextPlace::Question(i) => (
            format!("de {} vraag", ordinal(i, Lang::Nl)),
            format!("the {} question", ordinal(i, Lang::En)),
            vec![Step::Key("questions"), Step::Nth(i)],
        ),
        TextPlace::Inject(id) => (
            format!("de tekst van ontwikkeling `{id}`"),
            format!("the text of inject `{id}`"),
            vec![Step::Key("injects"), Step::KeyValue("id", id.as_str()), Step::Key("text")],
        ),
        TextPlace::Label(id) => (
            format!("het label van optie `{id}`"),
            format!("the label of option `{id}`"),
            vec![Step::Key("options"), Step::KeyValue("id", id.as_str()), Step::Key("label")],
        ),
        TextPlace::Consequence(id) => (
            format!("het gevolg van optie `{id}`"),
            format!("the consequence of option `{id}`"),
            vec![Step::Key("options"), Step::KeyValue("id", id.as_str()), Step::Key("consequence")],
        ),
        TextPlace::Notes => ("de notitietekst".into(), "the notes text".into(), vec![Step::Key("notes")]),
        TextPlace::Reference(i) => (
            format!("de {} bron", ordinal(i, Lang::Nl)),
            format!("the {} reference", ordinal(i, Lang::En)),
            vec![Step::Key("references"), Step::Nth(i)],
        ),
        TextPlace::Practice(i) => (
            format!("de tekst van de {} praktijk", ordinal(i, Lang::Nl)),
            format!("the text of the {} practice", ordinal(i, Lang::En)),
            vec![Step::Key("practices"), Step::Nth(i), Step::Key("text")],
        ),
    }
}

/// "eerste", "tweede" ... for item `i` (from 0) of a list; past ten, "11e" / "11th".
fn ordinal(i: usize, lang: Lang) -> String {
    const NL: [&str; 10] =
        ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende"];
    const EN: [&str; 10] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    let n = i + 1;
    match lang {
        Lang::Nl => NL.get(i).map_or_else(|| format!("{n}e"), |s| (*s).to_string()),
        Lang::En => EN.get(i).map_or_else(|| format!("{n}th"), |s| (*s).to_string()),
    }
}

/// W016: an optional text written as `""`: the skeleton's placeholder, forgotten.
fn empty_optional(ck: &mut Checker, file: usize, steps: &[Step], what: (&str, &str), key: &str) {
    let (nl, en) = what;
    ck.report(
        "W016",
        file,
        steps,
        msg!("{nl} is leeg", "{en} is empty"),
        Some(msg!(
            "vul de tekst in, of haal de regel `{key}: \"\"` weg: hij mag ontbreken",
            "write the text, or delete the line `{key}: \"\"`: it may be left out"
        )),
    );
}

/// How far one option's total may lead every other's before the card has a clear winner: an
/// option whose effects add up to more than every other option's total plus this many points
/// (at least 4 more than the runner-up) is the obvious answer, and the discussion is over (W014).
pub const WIDE_MARGIN: i64 = 3;

/// The effects of each option on the deck's dimensions, as the author meant them: a dimension
/// written with a typo (E018 says so) counts as the dimension it was meant to be, so the
/// balance checks below do not report the typo a second time. `None` when a dimension is
/// unknown and nothing close is declared, or an effect is out of range (E030): then the
/// balance cannot be judged, and the error says what to fix first.
fn meant_effects<'a>(card: &'a Card, dims: &[&'a DimensionId]) -> Option<Vec<HashMap<&'a DimensionId, i64>>> {
    card.options
        .iter()
        .map(|o| {
            let mut scores: HashMap<&DimensionId, i64> = HashMap::new();
            for (d, v) in &o.effects {
                if !EFFECT_RANGE.contains(v) {
                    return None;
                }
                let dim = match dims.iter().find(|x| **x == d) {
                    Some(x) => *x,
                    None => {
                        let s = suggest(d.as_str(), dims.iter().map(|x| x.as_str()))?;
                        *dims.iter().find(|x| x.as_str() == s)?
                    }
                };
                *scores.entry(dim).or_default() += i64::from(*v);
            }
            Some(scores)
        })
        .collect()
}

/// Honest options: a dilemma needs every option to gain something and cost something, and no
/// option so far ahead that nobody needs to think. W008: another option is at least as good on
/// every dimension (a missing effect counts as 0) and better on one. W012: an option gains
/// nothing. W013: an option costs nothing. W014: an option's total beats every other option's
/// by more than [`WIDE_MARGIN`]. With fewer than two dimensions no option can both gain and
/// cost, so W012 and W013 do not apply.
fn check_balance(ck: &mut Checker, card: &Card, file: usize, manifest: Option<&Manifest>) {
    let dims: Vec<&DimensionId> = match manifest {
        Some(m) => m.dimensions.iter().map(|d| &d.id).collect(),
        None => {
            let mut all: Vec<&DimensionId> =
                card.options.iter().flat_map(|o| o.effects.iter().map(|(d, _)| d)).collect();
            all.sort();
            all.dedup();
            all
        }
    };
    let distinct: HashSet<&DimensionId> = dims.iter().copied().collect();
    if dims.is_empty() {
        return;
    }
    let two = distinct.len() >= 2;
    let Some(effects) = meant_effects(card, &dims) else { return };
    let score = |i: usize, d: &DimensionId| -> i64 { effects[i].get(d).copied().unwrap_or(0) };
    let total = |i: usize| -> i64 { effects[i].values().sum() };
    let cid = &card.id;
    let n = card.options.len();
    for (a, opt) in card.options.iter().enumerate() {
        let aid = &opt.id;
        let gains = dims.iter().any(|d| score(a, d) > 0);
        let costs = dims.iter().any(|d| score(a, d) < 0);
        if two && !gains && !costs {
            let (d0, d1) = (dims[0], dims.iter().find(|d| **d != dims[0]).unwrap_or(&dims[0]));
            ck.report(
                "W012",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", aid.as_str())],
                msg!(
                    "optie `{aid}` van kaart `{cid}` verandert geen enkele score: ze wint niets en kost niets",
                    "option `{aid}` of card `{cid}` changes no score: it gains nothing and costs nothing"
                ),
                Some(msg!(
                    "geef `{aid}` een winst (+1 tot +3) en een prijs (-1 tot -3) in `effects`, zoals [(\"{d0}\", 1), (\"{d1}\", -1)]",
                    "give `{aid}` a gain (+1 to +3) and a cost (-1 to -3) in `effects`, like [(\"{d0}\", 1), (\"{d1}\", -1)]"
                )),
            );
        } else if two && !gains {
            ck.report(
                "W012",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", aid.as_str())],
                msg!(
                    "optie `{aid}` van kaart `{cid}` wint nergens iets: geen enkel effect is positief",
                    "option `{aid}` of card `{cid}` gains nothing: none of its effects is positive"
                ),
                Some(msg!(
                    "wat levert `{aid}` de groep op? Geef die winst een effect van +1 tot +3; een keuze die alleen kost, kiest niemand",
                    "what does `{aid}` bring the group? Give that gain an effect of +1 to +3; nobody picks an option that only costs"
                )),
            );
        } else if two && !costs {
            ck.report(
                "W013",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", aid.as_str())],
                msg!(
                    "optie `{aid}` van kaart `{cid}` kost nergens iets: geen enkel effect is negatief",
                    "option `{aid}` of card `{cid}` costs nothing: none of its effects is negative"
                ),
                Some(msg!(
                    "wat is de prijs van `{aid}` (tijd, geld, vertrouwen, risico)? Geef die een effect van -1 tot -3; een keuze zonder prijs is geen dilemma",
                    "what is the price of `{aid}` (time, money, trust, risk)? Give it an effect of -1 to -3; an option without a price is no dilemma"
                )),
            );
        }
        let better = (0..n).find(|&b| {
            b != a && dims.iter().all(|d| score(b, d) >= score(a, d)) && dims.iter().any(|d| score(b, d) > score(a, d))
        });
        if let Some(b) = better {
            let bid = &card.options[b].id;
            ck.report(
                "W008",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", aid.as_str())],
                msg!(
                    "optie `{aid}` van kaart `{cid}` is op geen enkele dimensie beter dan optie `{bid}` en op een ervan slechter: niemand hoeft er lang over na te denken",
                    "option `{aid}` of card `{cid}` is nowhere better than option `{bid}` and worse on one dimension: a dominated option leaves nothing to discuss"
                ),
                Some(msg!(
                    "geef elke optie een voordeel: wat wint de groep met `{aid}` dat `{bid}` niet geeft?",
                    "give every option an advantage: what does `{aid}` win that `{bid}` does not?"
                )),
            );
        }
        let runner_up = (0..n).filter(|&b| b != a).map(total).max();
        if let Some(next) = runner_up
            && total(a) > next + WIDE_MARGIN
        {
            let (mine, lead) = (total(a), total(a) - next);
            ck.report(
                "W014",
                file,
                &[Step::KeyValue("id", cid.as_str()), Step::Key("options"), Step::KeyValue("id", aid.as_str())],
                msg!(
                    "optie `{aid}` van kaart `{cid}` wint ruim: haar effecten tellen op tot {mine:+}, {lead} punten meer dan elke andere optie (de grens is {WIDE_MARGIN})",
                    "option `{aid}` of card `{cid}` wins by a wide margin: its effects add up to {mine:+}, {lead} points more than any other option (the limit is {WIDE_MARGIN})"
                ),
                Some(msg!(
                    "maak de prijs van `{aid}` eerlijk (een negatiever effect) of geef de andere opties meer winst, tot het verschil hoogstens {WIDE_MARGIN} is",
                    "make the price of `{aid}` honest (a more negative effect) or give the other options more gain, until the lead is at most {WIDE_MARGIN}"
                )),
            );
        }
    }
}

/// A cheap first look, so the field paths and messages are only built for texts with a problem.
fn text_problems(text: &Text, english: bool) -> bool {
    text.nl.trim().is_empty()
        || (english && text.en.as_deref().is_none_or(|e| e.trim().is_empty()))
        || text.all().any(has_unsafe_chars)
}

fn check_text(ck: &mut Checker, file: usize, steps: &[Step], what: (&str, &str), text: &Text, english: bool) {
    let (nl, en) = what;
    if text.nl.trim().is_empty() {
        ck.report("E017", file, steps, msg!("{nl} is leeg", "{en} is empty"), None);
    }
    if english && text.en.as_deref().is_none_or(|e| e.trim().is_empty()) && !text.nl.trim().is_empty() {
        ck.report(
            "W003",
            file,
            steps,
            msg!(
                "{nl} heeft geen Engelse tekst, maar het deck belooft Engels",
                "{en} has no English text, but the deck declares English"
            ),
            Some(msg!("schrijf (nl: \"...\", en: \"...\")", "write (nl: \"...\", en: \"...\")")),
        );
    }
    if text.all().any(has_unsafe_chars) {
        ck.report(
            "W004",
            file,
            steps,
            msg!(
                "{nl} bevat stuurtekens of terminal-escapecodes",
                "{en} contains control characters or terminal escape sequences"
            ),
            Some(msg!(
                "ze worden weggehaald voor ze getoond worden; haal ze uit het bestand",
                "they are removed before display; delete them from the file"
            )),
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
            msg!("het id `{id}` is niet in kebab-case", "the id `{id}` is not kebab-case"),
            Some(msg!(
                "gebruik kleine letters, cijfers en losse streepjes, zoals `ransom-friday`",
                "use lowercase letters, digits and single dashes, like `ransom-friday`"
            )),
        );
    }
}

fn closest_card(id: &CardId, cards: &[(Card, CardOrigin)]) -> Option<Msg> {
    suggest(id.as_str(), cards.iter().map(|(c, _)| c.id.as_str()))
        .map(|s| msg!("bedoelt u `{s}`?", "did you mean `{s}`?"))
}

/// Warns about cards that no agenda lists and no reachable follow-up leads to: they can never be played.
/// A name that does not exist (E013, E014 say so, with "did you mean") counts as the card it
/// was meant to be: a typo in a follow-up is one error, not also a warning about the card meant.
/// A reached card that could not be read may lead anywhere: then no card is reported.
fn check_reachability(ck: &mut Checker, m: &Manifest, cards: &[(Card, CardOrigin)], unreadable: &HashSet<String>) {
    let by_id: BTreeMap<&str, &Card> = cards.iter().map(|(c, _)| (c.id.as_str(), c)).collect();
    let blind = std::cell::Cell::new(false);
    let meant = |id: &CardId| -> Option<&str> {
        match by_id.get_key_value(id.as_str()) {
            Some((known, _)) => Some(*known),
            None if unreadable.contains(id.as_str()) => {
                blind.set(true);
                None
            }
            None => suggest(id.as_str(), by_id.keys().copied()),
        }
    };
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut todo: Vec<&str> = m.agendas.iter().flat_map(|a| a.cards.iter()).filter_map(meant).collect();
    while let Some(id) = todo.pop() {
        if !reached.insert(id) {
            continue;
        }
        if let Some(card) = by_id.get(id) {
            todo.extend(card.options.iter().filter_map(|o| o.follow_up.as_ref()).filter_map(meant));
        }
    }
    if blind.get() {
        return;
    }
    for (card, origin) in cards {
        if !reached.contains(card.id.as_str()) {
            let cid = &card.id;
            ck.report(
                "W001",
                origin.file,
                &[Step::KeyValue("id", cid.as_str())],
                msg!(
                    "kaart `{cid}` staat op geen agenda en geen vervolgkeuze leidt ernaartoe",
                    "card `{cid}` is in no agenda and no follow-up leads to it"
                ),
                Some(msg!(
                    "zet haar op een agenda in deck.ron, of laat een optie ernaartoe leiden met `follow_up`",
                    "add it to an agenda in deck.ron or make an option lead to it with `follow_up`"
                )),
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
