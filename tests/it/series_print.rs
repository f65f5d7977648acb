#![allow(clippy::unwrap_used)]
//! The series report as an organiser publishes it: through the debrief's layout (A4, running
//! header, page numbers), with an executive summary, charts, a period filter for a quarterly
//! edition, every count with its unit and numbers written the Dutch way.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::tools::{Tool, need};
use crate::series::{a, crowd, plan, play, run};
use weerbaar::session::Decision;

/// A crowd of sessions in August 2026 and two in October: September has none.
fn sessions(dir: &Path) -> Vec<PathBuf> {
    let mut logs = crowd(dir, 8);
    for (i, day) in [3u32, 17].into_iter().enumerate() {
        let file = format!("oktober-{i}.jsonl");
        let groups = ["Laren", "Huizen"];
        let mut p = plan(&file, (2026, 10, day), &groups);
        p.cards = vec![(
            "ransom-friday",
            vec![a("refuse", "", Decision::Unanimous, &[]), a("refuse", "", Decision::Majority, &[])],
        )];
        p.actions = &[(0, "Back-ups testen")];
        logs.push(play(dir, p));
    }
    logs
}

fn series(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn the_series_reads_as_a_publication_with_a_summary_units_and_months_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let logs = sessions(dir.path());
    let path = logs[0].parent().unwrap().to_str().unwrap().to_string();
    let md = series(&["series", &path]);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing in\n{md}"));
    // The executive summary comes first, and names the card where municipalities differed most.
    assert!(at("## Samenvatting") < at("## Deelnemende gemeenten"), "{md}");
    assert!(md.contains("- Waar gemeenten het meest verschilden: ‘Vrijdag 17.00 uur: alles staat op slot’ ("), "{md}");
    assert!(md.contains("koos anders dan de meeste gemeenten)"), "{md}");
    assert!(md.contains("Wat de meeste gemeenten kozen op de meest gespeelde kaarten:"), "{md}");
    // Months written out, the month without sessions kept with its zero.
    assert!(md.contains("(augustus 2026 t/m oktober 2026)"), "{md}");
    assert!(md.contains("| september 2026 | 0 | 0 | 0 | 0 |"), "{md}");
    assert!(!md.contains("2026-09"), "{md}");
    // Every count says what it counts.
    assert!(md.contains("| Besluitvorming | Antwoorden (alle) | Aandeel van de antwoorden |"), "{md}");
    assert!(md.contains("| Optie | Gemeenten (laatste antwoord) | Aandeel van de gemeenten |"), "{md}");
    assert!(md.contains("Besluitvorming, alle 20 antwoorden: unaniem"), "{md}");
    assert!(!md.contains("| Antwoorden |"), "a count without its unit:\n{md}");

    // The spreadsheet shows a small share as "<1%" too (a number format with a condition).
    let xlsx = dir.path().join("reeks.xlsx");
    series(&["series", &path, "--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
    let parts = crate::series::unpack(&xlsx);
    assert!(parts.contains("formatCode=\"[=0]0%;[&lt;0.005]&quot;&lt;1%&quot;;0%\""), "no <1% format");

    let en = series(&["series", &path, "--lang", "en"]);
    assert!(en.contains("(August 2026 to October 2026)"), "{en}");
    assert!(en.contains("## Summary"), "{en}");
}

#[test]
fn small_shares_read_less_than_one_percent_never_zero() {
    use weerbaar::series::percent;
    assert_eq!(percent(0.0), "0%");
    assert_eq!(percent(50.0 / 21_377.0), "<1%");
    assert_eq!(percent(0.006), "1%");
    assert_eq!(percent(0.996), ">99%");
    assert_eq!(percent(1.0), "100%");
}

#[test]
fn from_and_to_make_a_quarterly_edition_and_say_what_they_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let logs = sessions(dir.path());
    let path = logs[0].parent().unwrap().to_str().unwrap().to_string();
    let md = series(&["series", &path, "--from", "2026-10-01", "--to", "31-12-2026"]);
    assert!(
        md.contains("**Periode:** 1 oktober 2026 t/m 31 december 2026 (8 sessies buiten deze periode niet meegeteld)"),
        "{md}"
    );
    assert!(md.contains("2 sessies (oktober 2026)"), "{md}");
    assert!(!md.contains("augustus"), "{md}");
    let json = series(&["series", &path, "--from", "2026-10-01", "--format", "json"]);
    assert!(json.contains("\"sessions\": 2,"), "{json}");
    assert!(json.contains("\"sessions_outside\": 8"), "{json}");

    let (code, _, err) = run(&["series", &path, "--from", "1 oktober"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`1 oktober` is geen datum; schrijf bijvoorbeeld 2027-01-01 of 1-1-2027"), "{err}");
    let (code, _, err) = run(&["series", &path, "--from", "2027-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("geen van de sessies viel in de gevraagde periode"), "{err}");
}

#[test]
fn the_series_html_prints_on_a4_with_a_running_header_page_numbers_and_its_charts() {
    if !(need(Tool::Chromium) && need(Tool::Poppler)) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let logs = sessions(dir.path());
    let path = logs[0].parent().unwrap().to_str().unwrap().to_string();
    let html = dir.path().join("reeks.html");
    series(&["series", &path, "--format", "html", "-o", html.to_str().unwrap()]);
    let text = std::fs::read_to_string(&html).unwrap();
    // Trend, decision styles and divergence are drawn, not only tabled.
    for caption in
        ["Sessies per maand", "Hoe de groepen besloten (alle antwoorden)", "Aandeel gemeenten dat iets anders koos"]
    {
        assert!(text.contains(&format!("<figcaption>{caption}")), "no chart {caption}");
    }
    assert!(text.matches("<svg").count() >= 3);
    let pdf = crate::debrief::print_to_pdf(&html);
    let info = String::from_utf8_lossy(&Process::new("pdfinfo").arg(&pdf).output().unwrap().stdout).into_owned();
    assert!(info.contains("(A4)"), "not A4:\n{info}");
    let pages = crate::debrief::pdf_pages(&pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Pagina {} van {}", i + 1, pages.len())),
            "page {} has no number:\n{page}",
            i + 1
        );
        assert!(page.contains("Weerbaar: reeks gesprekken"), "page {} has no running header:\n{page}", i + 1);
        assert!(page.contains("Vertrouwelijk"), "page {}:\n{page}", i + 1);
    }
    assert!(pages.concat().contains("september 2026"));
}

/// The series as a Word file to edit before publishing: the same layout, its charts as pictures,
/// the running header with the period, page numbers, repeating table heads and real properties.
#[test]
fn the_series_as_word_has_its_charts_a_running_header_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let logs = sessions(dir.path());
    let path = logs[0].parent().unwrap().to_str().unwrap().to_string();
    let docx = dir.path().join("reeks.docx");
    series(&["series", &path, "--format", "docx", "--from", "2026-08-01", "-o", docx.to_str().unwrap()]);
    let html = dir.path().join("reeks.html");
    series(&["series", &path, "--format", "html", "--from", "2026-08-01", "-o", html.to_str().unwrap()]);
    let charts = std::fs::read_to_string(&html).unwrap().matches("<figure>").count();
    assert!(charts >= 3);
    let part = |name: &str| {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    let doc = part("word/document.xml");
    assert_eq!(doc.matches("<pic:pic").count(), charts, "one picture per chart of the HTML");
    assert!(doc.contains("Sessies per maand") && doc.contains("Samenvatting"));
    assert_eq!(doc.matches("<w:tblHeader />").count(), doc.matches("<w:tbl>").count());
    let core = part("docProps/core.xml");
    assert!(core.contains("<dc:title>Weerbaar: overzicht van een reeks gesprekken</dc:title>"), "{core}");
    assert!(core.contains(">2026-10-17T"), "created on the day of the last session: {core}");
    let header = part("word/header1.xml");
    assert!(header.contains("Weerbaar: reeks gesprekken · vanaf 1 augustus 2026"), "{header}");
    assert!(header.contains("Vertrouwelijk"), "{header}");
    let footer = part("word/footer1.xml");
    assert!(footer.contains("Pagina ") && footer.contains("PAGE"), "{footer}");
}
