//! Checks the bundled deck (`scenarios/`) when the binary is built, and embeds it pre-parsed.
//!
//! Every start of `weerbaar` used to parse the bundled deck's 400 KB of RON (about 5 ms of CPU,
//! most of the first frame). Its verdict cannot change after the build, so the build runs the
//! very loader and checker `weerbaar check` runs (the `scenario` module, included below from
//! `src/`) and fails on any error, with the same file:line:column report. What the binary then
//! loads is the deck as parsed, in JSON (serde_json is already a dependency, reads `Text`'s
//! either-string-or-map form, and loads this deck in well under a millisecond), and its digest.
//! See "The bundled deck" in docs/design.md for what was measured against the alternatives.

use std::path::Path;

// The scenario module is self-contained (serde, ron, sha2, unicode-width, thiserror): the build script compiles the same source the library does.
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "src/scenario/mod.rs"]
mod scenario;

fn main() {
    println!("cargo::rerun-if-changed=scenarios");
    println!("cargo::rerun-if-changed=src/scenario");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut sources = Vec::new();
    if let Err(e) = collect(&root, "scenarios", &mut sources) {
        fail(&format!("cannot read the bundled deck in {}: {e}", root.display()));
    }
    // The order and the paths `scenario::load::bundled_sources` gives the embedded copy.
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let files = files_table(&sources);
    let loaded = scenario::load_sources(sources);
    for d in loaded.diagnostics.iter().filter(|d| !d.is_error()) {
        println!("cargo::warning=bundled deck: {}", d.render_line(None, scenario::Lang::En).replace('\n', " "));
    }
    let errors = loaded.errors();
    if errors > 0 {
        fail(&format!("the bundled deck in scenarios/ has {errors} error(s):\n{}", loaded.render()));
    }
    let deck = match loaded.into_deck() {
        Ok(deck) => deck,
        Err(e) => fail(&e.to_string()),
    };
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| fail("OUT_DIR is not set"));
    // Two files: the manifest is read at the start, the cards when first used (`Cards::later`).
    let manifest = serde_json::to_string(&deck.manifest);
    let cards = serde_json::to_string(&*deck.cards);
    match (manifest, cards) {
        (Ok(manifest), Ok(cards)) => {
            write(&out.join("bundled_manifest.json"), &manifest);
            write(&out.join("bundled_cards.json"), &cards);
        }
        (Err(e), _) | (_, Err(e)) => fail(&format!("cannot write the bundled deck: {e}")),
    }
    write(&out.join("bundled_files.rs"), &files);
    write(&out.join("bundled_digest.txt"), &deck.digest);
    write(&out.join("bundled_record.json"), &record(&deck));
    write(&out.join("confusables.rs"), &confusables());
    // The library reads the files above only when they exist: not in this script's own copy.
    println!("cargo::rustc-cfg=weerbaar_embedded_deck");
}

/// The deck as a new log's header records it (`log::deck::DeckRecord::of`, in JSON): a session
/// started with the bundled deck writes this instead of encoding 400 KB of text again. The test
/// `deck::a_log_of_the_bundled_deck_starts_with_its_encoded_record` holds the two to the same bytes.
fn record(deck: &scenario::Deck) -> String {
    #[derive(serde::Serialize)]
    struct File<'a> {
        path: &'a str,
        text: std::borrow::Cow<'a, str>,
    }
    #[derive(serde::Serialize)]
    struct Record<'a> {
        id: &'a str,
        digest: &'a str,
        files: Vec<File<'a>>,
    }
    let files = deck
        .sources
        .iter()
        .map(|s| File {
            path: s.path.strip_prefix("scenarios/").unwrap_or(&s.path),
            text: String::from_utf8_lossy(&s.bytes),
        })
        .collect();
    let record = Record { id: &deck.manifest.id, digest: &deck.digest, files };
    serde_json::to_string(&record).unwrap_or_else(|e| fail(&format!("cannot write the bundled deck's record: {e}")))
}

/// The confusable prototypes of UTS #39 as `unicode-security` has them, as three arrays of plain
/// numbers for `src/anonymize/confusables.rs`. The crate keeps them as 6,700 slices, each a
/// pointer the dynamic loader must relocate at every start of the program (a third of all its
/// relocations, on every start, for a table only the anonymiser reads): numbers need none.
///
/// For each character that Unicode decomposition (NFD) leaves as it is, and only those (the
/// skeleton decomposes its input first), the skeleton of that one character, where it differs
/// from the character: its prototype, already decomposed, or nothing for a default-ignorable
/// character. `anonymize::confusables`'s tests hold the result to the crate's, character by
/// character.
fn confusables() -> String {
    use std::fmt::Write as _;
    use unicode_normalization::UnicodeNormalization;
    let (mut keys, mut spans, mut chars) = (String::new(), String::new(), String::new());
    let (mut entries, mut total) = (0usize, 0usize);
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let one: &str = c.encode_utf8(&mut buf);
        if one.nfd().ne(std::iter::once(c)) {
            continue;
        }
        let skeleton: Vec<char> = unicode_security::skeleton(one).collect();
        if skeleton == [c] {
            continue;
        }
        if skeleton.len() > 0xff {
            fail(&format!("the skeleton of U+{:04X} has {} characters", u32::from(c), skeleton.len()));
        }
        let _ = write!(keys, "{},", u32::from(c));
        let _ = write!(spans, "{},", (total << 8) | skeleton.len());
        for p in &skeleton {
            let _ = write!(chars, "'\\u{{{:x}}}',", u32::from(*p));
        }
        entries += 1;
        total += skeleton.len();
    }
    format!(
        "/// Characters with a prototype, ascending.\nstatic KEYS: [u32; {entries}] = [{keys}];\n\
         /// Where each prototype starts in `CHARS` (high bits) and its length (low 8 bits).\n\
         static SPANS: [u32; {entries}] = [{spans}];\n\
         /// The prototypes, one after the other.\nstatic CHARS: [char; {total}] = [{chars}];\n"
    )
}

/// The bundled deck's files for `scenario::load::bundled_sources`: one table of each file's path
/// as shown and its bytes (`include_bytes!`, so the file is embedded once and never copied).
fn files_table(sources: &[scenario::Source]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rows: String = sources
        .iter()
        .map(|s| format!("    ({:?}, include_bytes!({:?})),\n", s.path, root.join(&s.path).display().to_string()))
        .collect();
    format!(
        "/// The bundled deck's files as `build.rs` checked them: path as shown, bytes.\n\
         static BUNDLED_FILES: [(&str, &[u8]); {}] = [\n{rows}];\n",
        sources.len()
    )
}

/// Every `.ron` file under `dir`, as `shown/relative/path`.
fn collect(dir: &Path, shown: &str, out: &mut Vec<scenario::Source>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let shown = format!("{shown}/{name}");
        if entry.file_type()?.is_dir() {
            collect(&path, &shown, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(scenario::Source { path: shown, bytes: std::fs::read(&path)?.into() });
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        fail(&format!("cannot write {}: {e}", path.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
