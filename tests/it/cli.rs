#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! The command line as a facilitator meets it, through the real binary: the setup rules of
//! `play --group …` (one `SetupBuilder` with the setup screen) and their Dutch and English
//! messages, the report formats as clap reads them, and nothing left behind by a refused start.

use std::process::{Command as Process, Output, Stdio};

use crate::common;

fn weerbaar(dir: &std::path::Path, args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_weerbaar"))
        .args(args)
        .current_dir(dir)
        .env("WEERBAAR_DIR", dir.join("sessions"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A refused start says why in the facilitator's language, exits 2 and writes no log.
#[test]
fn a_wrong_group_or_length_stops_play_with_the_reason_in_dutch_or_english() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--group", "Laren:burgemeester,wethouder", "--group", "Huizen"],
            "weerbaar: onbekende rol `wethouder` in --group \"Laren:burgemeester,wethouder\"; gebruik burgemeester, \
             gemeentesecretaris, CISO, FG, OOV of communicatie\n",
            "weerbaar: unknown role `wethouder` in --group \"Laren:burgemeester,wethouder\"; use mayor, secretary, \
             CISO, DPO, OOV or communications\n",
        ),
        (
            &["--group", "Laren:", "--group", "Huizen"],
            "weerbaar: --group \"Laren:\" eindigt op `:` zonder rollen; zet de rollen erachter \
             (\"Laren:burgemeester,CISO\") of laat de `:` weg\n",
            "weerbaar: --group \"Laren:\" ends in `:` without roles; give roles after it (\"Laren:mayor,CISO\") or \
             leave the `:` out\n",
        ),
        (
            &["--group", ":CISO", "--group", "Huizen"],
            "weerbaar: --group heeft een gemeentenaam nodig\n",
            "weerbaar: --group needs a municipality name\n",
        ),
        (
            &["--group", "Laren"],
            "weerbaar: de sessie kan niet beginnen: een sessie heeft 2 tot 8 groepen nodig, niet 1\nGeef 2 tot 8 keer \
             --group.\n",
            "weerbaar: cannot start the session: a session needs 2 to 8 groups, not 1\nGive 2 to 8 --group options.\n",
        ),
        (
            &["--group", "Laren", "--group", "laren"],
            "weerbaar: de sessie kan niet beginnen: twee groepen heten `laren`\nGeef elke --group een eigen \
             gemeentenaam.\n",
            "weerbaar: cannot start the session: two groups are called `laren`\nGive each --group its own \
             municipality name.\n",
        ),
    ];
    for (args, nl, en) in cases {
        for (lang, said) in [("nl", nl), ("en", en)] {
            let out = weerbaar(dir.path(), &[&["play", "--lang", lang][..], args].concat());
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(stderr(&out), said, "{args:?} --lang {lang}");
        }
    }
    // A value clap refuses: in Dutch by default, clap's own English with --lang en.
    let out = weerbaar(dir.path(), &["play", "--group", "A", "--group", "B", "--minutes", "601"]);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(
        said.starts_with("fout: ongeldige waarde '601' voor --minutes: 601 ligt niet tussen 10 en 600\n"),
        "{said}"
    );
    let out = weerbaar(dir.path(), &["play", "--lang", "en", "--group", "A", "--group", "B", "--minutes", "601"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("601 is not in 10..=600"), "{}", stderr(&out));
    let sessions = dir.path().join("sessions");
    let left = std::fs::read_dir(&sessions).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "a refused start leaves no log behind");
}

#[test]
fn report_formats_take_their_names_and_aliases_in_any_case_and_list_them_when_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let log = common::fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Huizen"], 1);
    let log = log.display().to_string();
    let md = weerbaar(dir.path(), &["debrief", &log]);
    assert!(md.status.success(), "{}", stderr(&md));
    for name in ["Markdown", "MD"] {
        let out = weerbaar(dir.path(), &["debrief", &log, "--format", name]);
        assert_eq!(out.stdout, md.stdout, "--format {name} is Markdown");
    }
    let word = dir.path().join("verslag.docx").display().to_string();
    let out = weerbaar(dir.path(), &["debrief", &log, "--format", "Word", "-o", &word]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&word).unwrap().starts_with(b"PK"), "a Word file is a zip");
    let out = weerbaar(dir.path(), &["debrief", &log, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mogelijke waarden: md, html, csv, json, xlsx, docx\n"), "{}", stderr(&out));
    let out = weerbaar(dir.path(), &["debrief", &log, "--format", "pdf", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[possible values: md, html, csv, json, xlsx, docx]"), "{}", stderr(&out));
    let out = weerbaar(dir.path(), &["series", &log, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mogelijke waarden: md, html, json, xlsx, docx\n"), "{}", stderr(&out));
    let out = weerbaar(dir.path(), &["graph", "--format", "png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mogelijke waarden: mermaid, dot\n"), "{}", stderr(&out));
}
