//! The house's floors: which module may use which. Every `use crate::…`, `crate::…` and
//! `super::…` path in the library (`src/`, test modules left out) is read, and the test fails on
//! an arrow back up a floor or on a circle between modules, naming the file and line. The floor
//! table below is the one place the layering is written down; `docs/design.md` draws it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules, bottom floor first. A module may use what is on its own
/// floor or below, never above; modules on one floor must not use each other in a circle.
const FLOORS: &[(&str, &[&str])] = &[
    // The deck: model, loader, checker, bilingual text. Knows nothing of sessions.
    ("deck", &["scenario"]),
    // The engine: commands -> events -> state, the room rule, the journal it writes through.
    // No file, no terminal.
    ("engine", &["session"]),
    // The file journal and its readers; the publishing anonymiser.
    ("files", &["log", "anonymize"]),
    // The report skeleton: Markup and its Markdown, HTML and Word writers, the charts. The series
    // and the debrief both write through it.
    ("skeleton", &["report"]),
    // Many logs at once: the series reader and its tallies.
    ("series", &["series"]),
    // How earlier sessions answered, read through the series reader.
    ("peers", &["peers"]),
    // Reports of one session.
    ("reports", &["debrief"]),
    // The terminal.
    ("terminal", &["ui"]),
    // The delegations' pages and the console wrapped around the terminal app.
    ("devices", &["devices"]),
    // The command line.
    ("command line", &["cli", "commands"]),
];

/// Circles known and owned by work in progress, each with who removes it. The test fails when one
/// is gone, so the line is deleted with the circle.
const KNOWN_CIRCLES: &[(&str, &str, &str)] = &[];

fn floor_of(module: &str) -> Option<(usize, &'static str)> {
    FLOORS.iter().enumerate().find(|(_, (_, mods))| mods.contains(&module)).map(|(i, (name, _))| (i, *name))
}

/// A module path, `["ui", "screens", "card"]`; the crate root is empty.
type Module = Vec<String>;

/// One path in the code: from which file and line, to which module.
struct Use {
    from: Module,
    to: Module,
    file: String,
    line: usize,
}

#[test]
fn no_module_uses_one_on_a_floor_above_it_or_goes_round_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = library_modules(&src);
    assert!(modules.len() > 20, "the walk found the library's files: {}", modules.len());
    let mut problems = Vec::new();
    for top in modules.keys().filter(|m| m.len() == 1) {
        if floor_of(&top[0]).is_none() {
            problems.push(format!(
                "src/{}: module `{}` has no floor; add it to FLOORS in tests/it/layers.rs (and the picture in docs/design.md)",
                modules[top],
                top[0]
            ));
        }
    }
    let uses = uses(&src, &modules);
    assert!(uses.len() > 200, "the paths were read: {}", uses.len());
    // Between siblings (the children of one module, e.g. `ui::screens::card` and
    // `ui::screens::fit`, or `log` and `session`): the floors, and the arrows for the circles.
    let mut arrows: BTreeMap<(Module, Module), Vec<(String, usize)>> = BTreeMap::new();
    for u in &uses {
        if u.to.starts_with(&u.from) || u.from.starts_with(&u.to) {
            continue; // a module and its own parent or children
        }
        let common = u.from.iter().zip(&u.to).take_while(|(a, b)| a == b).count();
        let (a, b) = (u.from[..=common].to_vec(), u.to[..=common].to_vec());
        if common == 0
            && let (Some((fa, na)), Some((fb, nb))) = (floor_of(&a[0]), floor_of(&b[0]))
            && fb > fa
        {
            problems.push(format!(
                "{}:{}: `{}` uses `{}`, an arrow back up from floor {} ({na}) to floor {} ({nb})",
                u.file,
                u.line,
                u.from.join("::"),
                u.to.join("::"),
                fa + 1,
                fb + 1
            ));
        }
        arrows.entry((a, b)).or_default().push((u.file.clone(), u.line));
    }
    let found = circles(&arrows);
    for (a, b, owner) in KNOWN_CIRCLES {
        let known: BTreeSet<String> = [a.to_string(), b.to_string()].into();
        let still = found.iter().any(|c| c.iter().map(|m| m.join("::")).collect::<BTreeSet<_>>() == known);
        if !still {
            problems.push(format!("the known circle {a} <-> {b} is gone ({owner}): delete it from KNOWN_CIRCLES"));
        }
    }
    for cycle in found {
        let names: BTreeSet<String> = cycle.iter().map(|m| m.join("::")).collect();
        if KNOWN_CIRCLES.iter().any(|(a, b, _)| names == [a.to_string(), b.to_string()].into()) {
            continue;
        }
        let mut text = format!("a circle: {}", cycle.iter().map(|m| m.join("::")).collect::<Vec<_>>().join(" -> "));
        for pair in cycle.windows(2) {
            let (file, line) = &arrows[&(pair[0].clone(), pair[1].clone())][0];
            text.push_str(&format!("\n    {file}:{line}: `{}` uses `{}`", pair[0].join("::"), pair[1].join("::")));
        }
        problems.push(text);
    }
    assert!(problems.is_empty(), "forbidden imports:\n{}", problems.join("\n"));
}

/// Every file of the library by its module path (the modules `lib.rs` declares, and their files).
fn library_modules(src: &Path) -> BTreeMap<Module, String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let tops: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_string)
        .collect();
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src).expect("a file under src/").with_extension("");
        let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if parts.first().is_some_and(|p| tops.contains(p)) {
            modules.insert(parts, rel.with_extension("rs").to_string_lossy().into_owned());
        }
    }
    modules
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ can be listed").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module path in the library's code, resolved to the module it names.
fn uses(src: &Path, modules: &BTreeMap<Module, String>) -> Vec<Use> {
    let mut out = Vec::new();
    for (module, rel) in modules {
        let text = std::fs::read_to_string(src.join(rel)).expect("a source file");
        let code = code_only(&text);
        // Unit tests may reach for what they need; the layering is about the product's code.
        let code = match code.find("#[cfg(test)]\nmod tests") {
            Some(at) => &code[..at],
            None => &code[..],
        };
        // The directory the file's `super::` and `self::` count from.
        let is_mod = rel.ends_with("mod.rs");
        let here: Module = if is_mod { module.clone() } else { module[..module.len() - 1].to_vec() };
        let resolve = |path: &[String]| -> Option<Module> {
            let mut base = match path.first()?.as_str() {
                "crate" => Vec::new(),
                "super" => here[..here.len().checked_sub(usize::from(is_mod))?].to_vec(),
                "self" => module.clone(),
                _ => return None,
            };
            let mut rest = &path[1..];
            while rest.first().is_some_and(|p| p == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            (0..=base.len()).rev().map(|n| base[..n].to_vec()).find(|m| modules.contains_key(m))
        };
        // Kept the same length as `code`, so a position in one is the same line in the other.
        let mut rest = code.to_string();
        // `use` statements, with their braces expanded.
        while let Some(at) = find_word(&rest, "use") {
            let Some(len) = rest[at..].find(';') else { break };
            let line = at;
            for path in expand(&rest[at + 3..at + len]) {
                if let Some(to) = resolve(&path) {
                    out.push(Use {
                        from: module.clone(),
                        to,
                        file: format!("src/{rel}"),
                        line: code[..line].matches('\n').count() + 1,
                    });
                }
            }
            // Blank the statement (keeping its newlines), so the paths in it are not read twice.
            let blank: String = rest[at..at + len]
                .chars()
                .map(|c| if c == '\n' { "\n".to_string() } else { " ".repeat(c.len_utf8()) })
                .collect();
            rest.replace_range(at..at + len, &blank);
        }
        // Paths written in the code: `crate::log::read(…)`, `super::fit::hanging(…)`.
        for start in ["crate::", "super::", "self::"] {
            let mut from = 0;
            while let Some(found) = rest[from..].find(start) {
                let at = from + found;
                from = at + start.len();
                if rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let end = rest[at..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .map_or(rest.len(), |e| at + e);
                let path: Vec<String> =
                    rest[at..end].split("::").filter(|p| !p.is_empty()).map(str::to_string).collect();
                if let Some(to) = resolve(&path) {
                    out.push(Use {
                        from: module.clone(),
                        to,
                        file: format!("src/{rel}"),
                        line: rest[..at].matches('\n').count() + 1,
                    });
                }
            }
        }
    }
    out
}

/// Where `word` stands as a whole word (the keyword `use`, not `reuse` or `user`).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `crate::a::{b, c::{d, e as f}}` as the paths `crate::a::b`, `crate::a::c::d`, `crate::a::c::e`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = tree.trim().trim_start_matches("::");
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("");
        return vec![path.split("::").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()];
    };
    let prefix: Vec<String> =
        tree[..open].split("::").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts.iter().filter(|p| !p.trim().is_empty()) {
        for tail in expand(part) {
            let mut path = prefix.clone();
            path.extend(tail.into_iter().filter(|p| p != "self"));
            out.push(path);
        }
    }
    out
}

/// The code without comments and with every string and character literal emptied, lines kept.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let ident = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident(i.checked_sub(1).and_then(|p| chars.get(p))) {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            j += 1;
            while j < chars.len() && !(chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#'))) {
                if chars[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j + 1 + hashes;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // '\n', '\'', '\u{1b}'
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The circles among the arrows, each as a path that returns to where it started.
fn circles(arrows: &BTreeMap<(Module, Module), Vec<(String, usize)>>) -> Vec<Vec<Module>> {
    let mut next: BTreeMap<&Module, BTreeSet<&Module>> = BTreeMap::new();
    for (a, b) in arrows.keys() {
        next.entry(a).or_default().insert(b);
    }
    let mut found: Vec<Vec<Module>> = Vec::new();
    let mut seen_sets: BTreeSet<BTreeSet<Module>> = BTreeSet::new();
    for start in next.keys() {
        // The shortest way back to `start`, breadth first.
        let mut back: BTreeMap<&Module, &Module> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([*start]);
        'search: while let Some(at) = queue.pop_front() {
            for to in next.get(at).into_iter().flatten() {
                if to == start {
                    // start -> … -> at -> start
                    let mut cycle = vec![at.clone()];
                    let mut step = at;
                    while let Some(before) = back.get(step) {
                        cycle.push((*before).clone());
                        step = before;
                    }
                    cycle.reverse();
                    cycle.push((*start).clone());
                    if seen_sets.insert(cycle.iter().cloned().collect()) {
                        found.push(cycle);
                    }
                    break 'search;
                }
                if !back.contains_key(to) && to != start {
                    back.insert(to, at);
                    queue.push_back(to);
                }
            }
        }
    }
    found
}

/// What the engine's floor never touches: the file system, the terminal, the network. A session
/// runs over a journal ([`weerbaar::session::Journal`]); the file one lives in `log/`.
const NOT_IN_THE_ENGINE: &[&str] = &["std::fs", "File::", "OpenOptions", "ratatui", "crossterm", "std::net", "hyper"];

#[test]
fn the_engine_touches_no_file_no_terminal_and_no_network() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = library_modules(&src);
    let engine: Vec<&String> = modules.iter().filter(|(m, _)| m[0] == "session").map(|(_, f)| f).collect();
    assert!(engine.len() > 5, "the engine's files were found: {engine:?}");
    let mut found = Vec::new();
    for rel in engine {
        let text = std::fs::read_to_string(src.join(rel)).expect("a source file");
        for (i, line) in code_only(&text).lines().enumerate() {
            for word in NOT_IN_THE_ENGINE.iter().filter(|w| line.contains(**w)) {
                found.push(format!("src/{rel}:{}: `{word}` in the engine", i + 1));
            }
        }
    }
    assert!(found.is_empty(), "the engine reaches outside:\n{}", found.join("\n"));
}

#[test]
fn the_reader_finds_paths_in_use_trees_and_code_and_skips_strings_and_comments() {
    let code = code_only(
        "use crate::a::{b, c::{d, e as f}};\n// crate::x\nlet s = \"crate::y\"; let c = '\"'; crate::z::w();",
    );
    assert!(!code.contains("crate::x") && !code.contains("crate::y"), "{code}");
    assert!(code.contains("crate::z::w"), "{code}");
    assert_eq!(code.matches('\n').count(), 2, "lines are kept");
    let paths = expand(" crate::a::{b, c::{d, e as f}, self}");
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(shown, ["crate::a::b", "crate::a::c::d", "crate::a::c::e", "crate::a"]);
    let mut arrows = BTreeMap::new();
    let m = |s: &str| -> Module { s.split("::").map(str::to_string).collect() };
    arrows.insert((m("a"), m("b")), vec![("src/a.rs".to_string(), 1)]);
    arrows.insert((m("b"), m("c")), vec![("src/b.rs".to_string(), 2)]);
    assert!(circles(&arrows).is_empty());
    arrows.insert((m("c"), m("a")), vec![("src/c.rs".to_string(), 3)]);
    let found = circles(&arrows);
    assert_eq!(found.len(), 1, "one circle, found once: {found:?}");
    assert_eq!(found[0].first(), found[0].last());
    assert_eq!(found[0].len(), 4);
}
