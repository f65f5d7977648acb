#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Findings and objective assessments: recorded as events (also after the end, by `review`),
//! and the report in the after-action order (overview, summary, findings per objective, plan).

use std::process::Command as Process;

use crate::common;

use common::{deck, fixture_log};
use weerbaar::debrief::{Format, Options, Report, load_log};
use weerbaar::scenario::Lang;
use weerbaar::session::{Command, FindingKind, GroupId, Rating, Refusal, Session, SessionError};

fn bin(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap()
}

fn markdown(path: &std::path::Path, options: Options) -> String {
    let d = deck();
    let log = load_log(path, &d).unwrap();
    Report::with(&d, Lang::Nl, vec![log], options).render(Format::Markdown).unwrap()
}

#[test]
fn findings_and_assessments_are_accepted_after_the_end_and_a_later_assessment_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let (mut s, _) = Session::annotate(&path, None, common::clock()).unwrap();
    assert!(s.state().is_ended());
    s.execute(Command::RecordFinding {
        kind: FindingKind::Improvement,
        text: "Niemand wist wie de raad informeert".into(),
        objective: Some("ransom-decision".into()),
        card: Some("ransom-friday".into()),
        group: Some(GroupId(1)),
    })
    .unwrap();
    for (rating, why) in [(Rating::Achieved, "eerst"), (Rating::Partly, "de rol van de raad bleef open")] {
        s.execute(Command::AssessObjective { objective: "ransom-decision".into(), rating, why: why.into() }).unwrap();
    }
    // Anything else stays closed after the end; a finding needs a known objective and a text.
    assert!(matches!(s.execute(Command::Pause), Err(SessionError::Refused(Refusal::Ended))));
    let unknown = Command::AssessObjective { objective: "nope".into(), rating: Rating::Partly, why: String::new() };
    assert!(matches!(s.execute(unknown), Err(SessionError::Refused(Refusal::UnknownObjective(_)))));
    let empty = Command::RecordFinding {
        kind: FindingKind::Strength,
        text: "  ".into(),
        objective: None,
        card: None,
        group: None,
    };
    assert!(matches!(s.execute(empty), Err(SessionError::Refused(Refusal::EmptyText))));
    drop(s);
    // Read back from the log: one finding, one assessment (the later one).
    let state = load_log(&path, &deck()).unwrap().state;
    assert_eq!(state.findings.len(), 1);
    assert_eq!(state.assessments.len(), 1);
    assert_eq!(state.assessments[0].rating, Rating::Partly);
    assert_eq!(state.assessments[0].why, "de rol van de raad bleef open");
}

#[test]
fn review_appends_findings_to_the_log_without_rewriting_it_and_refuses_bad_input_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let before = std::fs::read(&path).unwrap();
    let log = path.to_str().unwrap();
    let out = bin(&[
        "review",
        log,
        "--improvement",
        "Het crisisplan noemt geen losgeldscenario",
        "--objective",
        "1",
        "--card",
        "ransom-friday",
        "--group",
        "huizen",
        "--assess",
        "ransom-decision=deels:wie beslist was helder, de rol van de raad niet",
        "--place",
        "Raadhuis Laren",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 vastgelegd in"));
    let after = std::fs::read(&path).unwrap();
    assert!(after.starts_with(&before), "the log is appended to, never rewritten");
    assert_eq!(after[before.len()..].iter().filter(|b| **b == b'\n').count(), 3);

    // A wrong objective, rating or municipality: a Dutch reason and nothing written.
    for (args, says) in [
        (vec!["--strength", "x", "--objective", "99"], "het deck heeft geen doelstelling `99`"),
        (vec!["--assess", "ransom-decision=misschien"], "kies behaald, deels of niet"),
        (vec!["--strength", "x", "--group", "Urk"], "geen gemeente `Urk`"),
        (vec!["--assess", "onbekend=behaald"], "het deck heeft geen doelstelling `onbekend`"),
    ] {
        let mut all = vec!["review", log];
        all.extend(args);
        let out = bin(&all);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), after, "nothing written after a refusal");
    }

    // A log a console is still writing is refused: its lock is respected.
    let held = weerbaar::log::LogWriter::append_to(&path).unwrap();
    let out = bin(&["review", log, "--strength", "Goed overleg"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&path).unwrap(), after);
    drop(held);

    let state = load_log(&path, &deck()).unwrap().state;
    assert_eq!(state.place, "Raadhuis Laren");
    assert_eq!(state.findings[0].group, Some(GroupId(1)));
    assert_eq!(state.findings[0].objective.as_ref().map(|o| o.as_str()), Some("ransom-decision"));
}

#[test]
fn the_report_follows_the_after_action_order_with_findings_per_objective() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let (mut s, _) = Session::annotate(&path, None, common::clock()).unwrap();
    let finding = |kind, text: &str, objective: Option<&str>, group| Command::RecordFinding {
        kind,
        text: text.into(),
        objective: objective.map(Into::into),
        card: None,
        group,
    };
    s.execute(finding(FindingKind::Strength, "Snel een crisisteam", Some("ransom-decision"), None)).unwrap();
    s.execute(finding(FindingKind::Improvement, "Raad pas laat ingelicht", Some("ransom-decision"), Some(GroupId(1))))
        .unwrap();
    s.execute(finding(FindingKind::Improvement, "Back-ups nooit getest", None, Some(GroupId(0)))).unwrap();
    s.execute(Command::AssessObjective {
        objective: "ransom-decision".into(),
        rating: Rating::Partly,
        why: "de rol van de raad bleef open".into(),
    })
    .unwrap();
    s.execute(Command::RecordDetails { place: "Raadhuis Laren".into(), scope: String::new() }).unwrap();
    drop(s);

    let md = markdown(&path, Options::default());
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("no `{needle}` in\n{md}"));
    let order = [
        "## Oefening in het kort",
        "## Samenvatting",
        "### Belangrijkste bevindingen",
        "## Bevindingen per doelstelling",
        "## Verbeterplan",
        "## Kaarten",
        "## Bijlage",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    assert!(md.contains("**Plaats:** Raadhuis Laren"), "{md}");
    assert!(md.contains("**Beoordeling:** deels behaald — de rol van de raad bleef open"), "{md}");
    assert!(md.contains("- Verbeterpunt: Raad pas laat ingelicht (Huizen)"), "{md}");
    assert!(md.contains("**Doelstellingen:** 1 deels behaald, "), "{md}");
    assert!(md.contains("### Overige bevindingen"), "{md}");
    assert!(md.contains("Bestuurlijk gesprek digitale veiligheid met 2 gemeenten"), "{md}");
    // The summary names the options with their text, not only their number.
    assert!(md.contains("optie 1 ("), "{md}");

    // One municipality's report: a finding about a peer is the peer's.
    let own = markdown(&path, Options { group: Some("Laren".into()), ..Options::default() });
    assert!(own.contains("Back-ups nooit getest"));
    assert!(!own.contains("Raad pas laat ingelicht"), "{own}");
    assert!(own.contains("Snel een crisisteam"));
}

#[test]
fn the_improvement_plan_is_kept_up_to_date_afterwards_and_flags_what_is_over_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let log = path.to_str().unwrap();
    // Action 1 (Laren, due 1-3-2027) is detailed today, before its date.
    let out = bin(&[
        "review",
        log,
        "--action",
        "1",
        "--observation",
        "Het crisisplan kent geen losgeldscenario",
        "--priority",
        "hoog",
        "--objective",
        "ransom-decision",
        "--organisation",
        "Gemeente Laren",
        "--start",
        "1-12-2026",
        "--status",
        "onderweg",
        "--progress",
        "Eerste versie besproken in het MT",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (args, says) in [
        (vec!["--action", "9", "--priority", "hoog"], "de sessie heeft geen actie 9"),
        (vec!["--action", "1", "--priority", "dringend"], "kies hoog, middel of laag"),
        (vec!["--action", "1", "--start", "ooit"], "`ooit` is geen datum"),
    ] {
        let mut all = vec!["review", log];
        all.extend(args);
        let out = bin(&all);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let md = markdown(&path, Options::default());
    let plan = md.split("## Verbeterplan").nth(1).unwrap().split("\n## ").next().unwrap();
    assert!(
        plan.contains(
            "| Nr. | Waarneming | Actie | Prioriteit | Doel | Verantwoordelijk | Start | Wanneer | Stand | Voortgang |"
        ),
        "{plan}"
    );
    let row = plan.lines().find(|l| l.contains("Losgeldscenario in het crisisplan")).unwrap();
    for cell in [
        "| 1 |",
        "Het crisisplan kent geen losgeldscenario",
        "| hoog |",
        "| 1 |",
        "Gemeente Laren: gemeentesecretaris",
        "1-12-2026",
        "1-3-2027",
        "| onderweg |",
        "Eerste versie besproken in het MT",
    ] {
        assert!(row.contains(cell), "{cell} missing in {row}");
    }
    // An update in April 2027: the date has passed and the action is not done.
    use chrono::TimeZone;
    let april = chrono::FixedOffset::east_opt(7200).unwrap().with_ymd_and_hms(2027, 4, 2, 10, 0, 0).unwrap();
    let (mut s, _) = Session::annotate(&path, None, weerbaar::session::ManualClock::new(april)).unwrap();
    let detail = weerbaar::session::ActionDetail { progress: "Wacht op de raad".into(), ..Default::default() };
    s.execute(Command::DetailAction { index: 0, detail }).unwrap();
    drop(s);
    let md = markdown(&path, Options::default());
    let row = md.lines().find(|l| l.contains("Losgeldscenario in het crisisplan") && l.contains("| 1 |")).unwrap();
    assert!(row.contains("| onderweg, over tijd |"), "{row}");
    assert!(row.contains("2-4-2027: Wacht op de raad"), "{row}");
}

fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_word_file_has_properties_repeating_header_rows_widths_from_the_content_and_a_default_font() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Krimpen aan den IJssel"], 3);
    let d = deck();
    let log = load_log(&path, &d).unwrap();
    let bytes = Report::with(&d, Lang::Nl, vec![log], Options::default()).render_bytes(Format::Docx).unwrap();

    let core = unzip(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Nabespreking: Sessie Laren en Krimpen aan den IJssel</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>Rian van Dam</dc:creator>"), "{core}");
    assert!(core.contains(">2026-11-23T"), "created on the session's date: {core}");
    assert!(!core.contains("1970") && !core.contains("unknown"), "{core}");

    let doc = unzip(&bytes, "word/document.xml");
    let tables = doc.matches("<w:tbl>").count();
    assert!(tables >= 5, "{tables} tables");
    assert_eq!(doc.matches("<w:tblHeader />").count(), tables, "every table's head repeats on a new page");
    // Widths from the content: every table has a grid, and a table's columns are not all equal.
    for table in doc.split("<w:tbl>").skip(1) {
        let grid: Vec<usize> =
            table.split("<w:gridCol w:w=\"").skip(1).map(|g| g.split('"').next().unwrap().parse().unwrap()).collect();
        assert!(!grid.is_empty(), "a table without a grid");
        assert!(grid.iter().sum::<usize>() <= 9866 + grid.len(), "wider than the page: {grid:?}");
        if grid.len() > 1 {
            assert!(grid.iter().any(|w| *w != grid[0]), "equal columns: {grid:?}");
        }
    }
    // The plan's "Wanneer" column fits a date on one line; the "Wat" column is the widest.
    let plan = doc.split("Verbeterplan").nth(1).unwrap().split("<w:tbl>").nth(1).unwrap();
    let grid: Vec<usize> = plan
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .take(5)
        .map(|g| g.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(grid[2] >= "1-3-2027".len() * 105, "{grid:?}");
    assert!(grid[0] > grid[2], "{grid:?}");

    let styles = unzip(&bytes, "word/styles.xml");
    assert!(styles.contains("Calibri"), "a default font");
    assert!(styles.contains("w:after=\"120\""), "space after paragraphs");
}

/// Every chart of the HTML report is in the Word file as a picture: a PNG per chart, drawn with
/// the text the HTML has (caption as real text above it), and the same report gives the same file.
#[test]
fn the_word_file_has_a_picture_for_every_chart_of_the_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Krimpen aan den IJssel"], 3);
    let d = deck();
    let report = || Report::with(&d, Lang::Nl, vec![load_log(&path, &d).unwrap()], Options::default());
    let html = report().render(Format::Html).unwrap();
    let charts = html.matches("<figure>").count();
    assert!(charts >= 3, "{charts} charts in the HTML");
    let bytes = report().render_bytes(Format::Docx).unwrap();
    let doc = unzip(&bytes, "word/document.xml");
    assert_eq!(doc.matches("<pic:pic").count(), charts, "one picture per chart");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let media: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media.len(), charts, "{media:?}");
    for name in &media {
        use std::io::Read;
        let mut png = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut png).unwrap();
        assert!(png.starts_with(&[0x89, b'P', b'N', b'G']), "{name} is not a PNG");
        assert!(png.len() > 2000, "{name} is nearly empty ({} bytes)", png.len());
    }
    // The captions the HTML shows above each chart are text in the Word file too.
    assert!(doc.contains("Hoe vaak elke optie gekozen is"), "no caption");
    assert!(doc.contains("Scoreprofiel: Laren"), "no caption");
    // No picture wider than the text on the page.
    for extent in doc.split("<wp:extent cx=\"").skip(1) {
        let cx: u64 = extent.split('"').next().unwrap().parse().unwrap();
        assert!(cx <= 9866 * 635, "a picture wider than the page: {cx}");
    }
    assert_eq!(report().render_bytes(Format::Docx).unwrap(), bytes, "made twice, the same file");
}

#[test]
fn csv_splits_in_dutch_excel_and_the_private_copy_has_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let log = path.to_str().unwrap();
    let head = |args: &[&str]| {
        let mut all = vec!["debrief", log, "--format", "csv"];
        all.extend(args);
        let out = bin(&all);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().next().unwrap().trim_start_matches('\u{feff}').to_string()
    };
    assert!(head(&[]).starts_with("Soort;Sessie;Datum;"), "Dutch: semicolons");
    assert!(head(&["--lang", "en"]).starts_with("Record,Session,Date,"), "English: commas");
    assert!(head(&["--csv-sep", ","]).starts_with("Soort,Sessie,"));
    assert!(head(&["--csv-sep", "tab"]).starts_with("Soort\tSessie\t"));
    let out = bin(&["debrief", log, "--format", "csv", "--csv-sep", "|"]);
    assert_eq!(out.status.code(), Some(2));
    // Refused in the language asked for, one language at a time.
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("onbekend scheidingsteken voor --csv-sep `|`: gebruik ; , of tab") && !err.contains("use"),
        "{err}"
    );
    let out = bin(&["debrief", log, "--lang", "en", "--format", "csv", "--csv-sep", "|"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("unknown separator for --csv-sep `|`: use ; , or tab") && !err.contains("gebruik"), "{err}");

    // The group note about Huizen is only in Huizen's report, and in the gespreksleider's own copy.
    let group_note = "Huizen twijfelde over de kosten";
    let md = |args: &[&str]| {
        let mut all = vec!["debrief", log];
        all.extend(args);
        String::from_utf8(bin(&all).stdout).unwrap()
    };
    assert!(!md(&[]).contains(group_note));
    assert!(md(&["--include-private"]).contains(group_note));
    assert!(md(&["--group", "Huizen"]).contains(group_note));
    assert!(!md(&["--group", "Laren", "--include-private"]).contains(group_note));
}

#[test]
fn the_excel_register_lists_every_open_action_with_a_status_list_filters_and_an_a4_landscape_print() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 3);
    let (mut s, _) = Session::annotate(&path, None, common::clock()).unwrap();
    let detail =
        weerbaar::session::ActionDetail { status: Some(weerbaar::session::Progress::UnderWay), ..Default::default() };
    s.execute(Command::DetailAction { index: 1, detail }).unwrap();
    drop(s);
    let d = deck();
    let log = load_log(&path, &d).unwrap();
    let bytes = Report::with(&d, Lang::Nl, vec![log], Options::default()).render_bytes(Format::Xlsx).unwrap();
    let workbook = unzip(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Actieregister\""), "{workbook}");
    let sheets = workbook.matches("<sheet ").count();
    // The register is the last sheet; its print titles repeat the header row.
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("Actieregister!$1:$1"), "{workbook}");
    let sheet = unzip(&bytes, &format!("xl/worksheets/sheet{sheets}.xml"));
    assert!(sheet.contains("<dataValidation type=\"list\""), "{sheet}");
    assert!(
        sheet.contains("&quot;gedaan,onderweg,niet begonnen&quot;")
            || sheet.contains("\"gedaan,onderweg,niet begonnen\""),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:L"), "filters");
    assert!(sheet.contains("state=\"frozen\""), "frozen header");
    assert!(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""), "A4 landscape: {sheet}");
    assert!(sheet.contains("fitToHeight=\"0\"") && sheet.contains("<pageSetUpPr fitToPage=\"1\""), "fit to width");
    // Both open actions, each status in its own column apart from where it came from.
    let strings = unzip(&bytes, "xl/sharedStrings.xml");
    for needle in
        ["Losgeldscenario in het crisisplan", "Back-ups offline testen", "niet begonnen", "onderweg", "Herkomst"]
    {
        assert!(strings.contains(needle), "{needle} missing: {strings}");
    }
}
