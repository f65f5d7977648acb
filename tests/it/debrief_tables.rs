#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The debrief's data tables (CSV, the xlsx "Keuzes" sheet) of a follow-up session, read the way
//! an analyst reads them: filtered on for whom a card was played, on whether a municipality was
//! asked or looked on, and on what it chose the time before. The Word and Markdown tables of a
//! card mark the municipality that looked on and answered anyway.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone};
use weerbaar::debrief::{Format, Options, Report, load_log, previous_session};
use weerbaar::scenario::{Deck, Lang};
use weerbaar::session::{Command, Decision, GroupId, ManualClock, Session};

use common::deck;

const RANSOM: &str = "ransom-friday";
const SECOND_DEMAND: &str = "ransom-second-demand";

fn answer(s: &mut Session<ManualClock>, g: u8, option: &str) {
    s.execute(Command::RecordChoice {
        group: GroupId(g),
        option: option.into(),
        rationale: String::new(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
}

/// The option's number as the card shows it (1 for the first).
fn number(d: &Deck, card: &str, option: &str) -> usize {
    let card = d.cards.iter().find(|c| c.id.as_str() == card).unwrap();
    card.options.iter().position(|o| o.id.as_str() == option).unwrap() + 1
}

/// The first session: both municipalities ask the council first on the ransom card.
fn first_session(dir: &Path) -> PathBuf {
    let path = dir.join("eerste-sessie-gooi.jsonl");
    let c = common::clock();
    let mut s =
        Session::start(deck(), common::setup("Tafeloefening Gooi", &["Laren", "Huizen"], "gemengd"), &path, c.clone())
            .unwrap();
    s.execute(Command::OpenCard(RANSOM.into())).unwrap();
    c.advance_secs(10 * 60);
    answer(&mut s, 0, "ask-council");
    answer(&mut s, 1, "ask-council");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

/// The follow-up (18 January 2027): the ransom card again, now Laren pays and Huizen still asks
/// the council; the second demand is played for Laren, and Huizen, looking on, answers anyway.
fn second_session(dir: &Path) -> PathBuf {
    let first = first_session(dir);
    let path = dir.join("tweede-sessie.jsonl");
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    let c = ManualClock::new(offset.with_ymd_and_hms(2027, 1, 18, 14, 0, 0).unwrap());
    let mut setup = common::setup("Tweede sessie", &["Laren", "Huizen"], "gemengd");
    setup.date = NaiveDate::from_ymd_opt(2027, 1, 18).unwrap();
    let previous = previous_session(&load_log(&first, &deck()).unwrap().state, "eerste-sessie-gooi.jsonl");
    let mut s = Session::start(deck(), setup, &path, c.clone()).unwrap();
    s.execute(Command::FollowUpOn(Box::new(previous))).unwrap();
    s.execute(Command::OpenCard(RANSOM.into())).unwrap();
    c.advance_secs(10 * 60);
    answer(&mut s, 0, "pay");
    answer(&mut s, 1, "ask-council");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    let suggestion =
        s.state().suggestions(s.deck()).into_iter().find(|x| x.card.as_str() == SECOND_DEMAND).expect("suggested");
    assert_eq!(suggestion.groups, vec![GroupId(0)], "the second demand is Laren's");
    s.execute(Command::OpenCardFor { card: suggestion.card, groups: suggestion.groups }).unwrap();
    c.advance_secs(5 * 60);
    answer(&mut s, 1, "refuse-quietly");
    answer(&mut s, 0, "refuse-and-disclose");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

fn render(path: &Path, lang: Lang, options: Options, format: Format) -> Vec<u8> {
    let d = deck();
    let log = load_log(path, &d).unwrap();
    Report::with(&d, lang, vec![log], options).render_bytes(format).unwrap()
}

/// The choice rows of a CSV report as maps from header to value.
fn csv_choices(bytes: &[u8]) -> Vec<std::collections::BTreeMap<String, String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    let mut reader = common::csv_reader(body);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "keuze" || &r[0] == "choice")
        .map(|r| headers.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

fn row<'a>(
    rows: &'a [std::collections::BTreeMap<String, String>],
    card_col: &str,
    card: &str,
    group_col: &str,
    group: &str,
) -> &'a std::collections::BTreeMap<String, String> {
    rows.iter()
        .find(|r| r[card_col].starts_with(card) && r[group_col] == group)
        .unwrap_or_else(|| panic!("no row for {card} / {group}: {rows:?}"))
}

#[test]
fn the_csv_says_for_whom_a_card_was_played_who_looked_on_and_what_each_chose_last_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let d = deck();
    let rows = csv_choices(&render(&path, Lang::Nl, Options::default(), Format::Csv));
    assert_eq!(rows.len(), 4, "two answers on each card: {rows:?}");
    let council = number(&d, RANSOM, "ask-council").to_string();

    let laren = row(&rows, "Kaart", "Vrijdag", "Gemeente", "Laren");
    assert_eq!(laren["Gespeeld voor"], "alle groepen");
    assert_eq!(laren["Gevraagd"], "ja");
    assert_eq!(laren["Optie"], number(&d, RANSOM, "pay").to_string());
    assert_eq!(laren["Optie vorige keer"], council, "Laren asked the council last time, pays now");
    let huizen = row(&rows, "Kaart", "Vrijdag", "Gemeente", "Huizen");
    assert_eq!(huizen["Optie vorige keer"], council);
    assert_eq!(huizen["Optie"], council, "Huizen chose the same again");

    let laren = row(&rows, "Kaart", "Zes weken later", "Gemeente", "Laren");
    assert_eq!(laren["Gespeeld voor"], "Laren");
    assert_eq!(laren["Gevraagd"], "ja");
    assert_eq!(laren["Optie vorige keer"], "", "not played before");
    let huizen = row(&rows, "Kaart", "Zes weken later", "Gemeente", "Huizen");
    assert_eq!(huizen["Gespeeld voor"], "Laren");
    assert_eq!(huizen["Gevraagd"], "nee (keek mee)", "Huizen looked on and answered anyway");
    assert_eq!(huizen["Optie"], number(&d, SECOND_DEMAND, "refuse-quietly").to_string());

    // The English file is English only.
    let en_bytes = render(&path, Lang::En, Options::default(), Format::Csv);
    let en = String::from_utf8(en_bytes.clone()).unwrap();
    for dutch in ["alle groepen", "Gevraagd", "keek mee", "vorige keer", "Gespeeld voor"] {
        assert!(!en.contains(dutch), "{dutch} in the English CSV");
    }
    let rows = csv_choices(&en_bytes);
    let huizen = row(&rows, "Card", "Six weeks later", "Municipality", "Huizen");
    assert_eq!(huizen["Played for"], "Laren");
    assert_eq!(huizen["Asked"], "no (looked on)");
    let laren = row(&rows, "Card", "Friday", "Municipality", "Laren");
    assert_eq!(laren["Played for"], "all groups");
    assert_eq!(laren["Previous option"], council);
}

/// The "Keuzes" sheet as rows of cells, read back with calamine.
fn choices_sheet(bytes: &[u8]) -> (String, Vec<Vec<calamine::Data>>) {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(|r| r.to_vec()).collect())
}

#[test]
fn the_workbook_has_the_same_columns_with_the_previous_option_as_a_number() {
    use calamine::Data;
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let d = deck();
    let (name, rows) = choices_sheet(&render(&path, Lang::Nl, Options::default(), Format::Xlsx));
    assert_eq!(name, "Keuzes");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap_or_else(|| panic!("no {h}: {header:?}"));
    let find = |card: &str, group: &str| {
        rows.iter()
            .skip(1)
            .find(|r| {
                r[col("Kaart")].to_string().starts_with(card)
                    && r[col("Gemeente")] == calamine::Data::String(group.into())
            })
            .unwrap_or_else(|| panic!("no row {card} / {group}"))
    };
    let council = number(&d, RANSOM, "ask-council") as f64;
    let laren = find("Vrijdag", "Laren");
    assert_eq!(laren[col("Optie vorige keer")], Data::Float(council), "a number an analyst can compare");
    assert_eq!(laren[col("Gespeeld voor")], Data::String("alle groepen".into()));
    let huizen = find("Zes weken later", "Huizen");
    assert_eq!(huizen[col("Gespeeld voor")], Data::String("Laren".into()));
    assert_eq!(huizen[col("Gevraagd")], Data::String("nee (keek mee)".into()));
    assert_eq!(huizen[col("Optie vorige keer")], Data::Empty);
    assert_eq!(find("Zes weken later", "Laren")[col("Gevraagd")], Data::String("ja".into()));

    let (name, rows) = choices_sheet(&render(&path, Lang::En, Options::default(), Format::Xlsx));
    assert_eq!(name, "Choices");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    for h in ["Played for", "Asked", "Previous option"] {
        assert!(header.iter().any(|x| x == h), "no {h}: {header:?}");
    }
}

/// The visible text of a Word document's main part, paragraph by paragraph.
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        if let Some(body) =
            piece.strip_prefix('>').or_else(|| piece.strip_prefix(' ').and_then(|x| x.split_once('>').map(|(_, b)| b)))
        {
            out.push_str(body.split("</w:t>").next().unwrap_or(""));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_card_tables_of_markdown_and_word_mark_the_municipality_that_looked_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let md = String::from_utf8(render(&path, Lang::Nl, Options::default(), Format::Markdown)).unwrap();
    let card = md.split(". Zes weken later").nth(1).unwrap().split("\n### ").next().unwrap();
    assert!(card.contains("Vervolg voor Laren"), "{card}");
    assert!(card.contains("| Huizen (keek mee) |"), "{card}");
    assert!(card.contains("| Laren |"), "Laren was asked: {card}");
    let ransom = md.split(". Vrijdag 17.00").nth(1).unwrap().split("\n### ").next().unwrap();
    assert!(!ransom.contains("keek mee"), "everyone was asked: {ransom}");

    let en = String::from_utf8(render(&path, Lang::En, Options::default(), Format::Html)).unwrap();
    assert!(en.contains("<td>Huizen (looked on)</td>"), "{en}");

    let word = docx_text(&render(&path, Lang::Nl, Options::default(), Format::Docx));
    assert!(word.lines().any(|l| l == "Huizen (keek mee)"), "{word}");
    assert!(word.contains("Vervolg voor Laren"), "{word}");
    assert!(word.contains("Laren: vorige keer optie"), "{word}");
}

#[test]
fn a_published_table_names_no_municipality_session_or_file_and_keeps_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let d = deck();
    let options = Options { anonymize: true, ..Options::default() };
    let bytes = render(&path, Lang::Nl, options.clone(), Format::Csv);
    let text = String::from_utf8(bytes.clone()).unwrap();
    for secret in ["Laren", "Huizen", "Tafeloefening Gooi", "eerste-sessie-gooi", "tweede-sessie", "Rian"] {
        assert!(!text.contains(secret), "the CSV shows {secret:?}:\n{text}");
    }
    let rows = csv_choices(&bytes);
    let asked: Vec<_> =
        rows.iter().filter(|r| r["Kaart"].starts_with("Zes weken later") && r["Gevraagd"] == "ja").collect();
    assert_eq!(asked.len(), 1, "{rows:?}");
    // The follow-up is played for the alias of the municipality that was asked.
    assert_eq!(asked[0]["Gespeeld voor"], asked[0]["Gemeente"]);
    assert!(asked[0]["Gemeente"].starts_with("Gemeente "), "{:?}", asked[0]);
    let council = number(&d, RANSOM, "ask-council").to_string();
    assert!(rows.iter().filter(|r| r["Kaart"].starts_with("Vrijdag")).all(|r| r["Optie vorige keer"] == council));

    let xlsx = render(&path, Lang::Nl, options, Format::Xlsx);
    let (_, sheet) = choices_sheet(&xlsx);
    let cells: String = sheet.iter().flatten().map(|c| format!("{c}|")).collect();
    for secret in ["Laren", "Huizen", "Gooi", "jsonl"] {
        assert!(!cells.contains(secret), "the workbook shows {secret:?}: {cells}");
    }
}

#[test]
fn a_municipality_s_own_table_shows_only_its_own_earlier_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let d = deck();
    let options = Options { group: Some("Huizen".into()), ..Options::default() };
    let bytes = render(&path, Lang::Nl, options, Format::Csv);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains("Laren"), "{text}");
    let rows = csv_choices(&bytes);
    let own = row(&rows, "Kaart", "Vrijdag", "Gemeente", "Huizen");
    assert_eq!(own["Optie vorige keer"], number(&d, RANSOM, "ask-council").to_string());
    let peer = row(&rows, "Kaart", "Vrijdag", "Gemeente", "andere gemeente");
    assert_eq!(peer["Optie vorige keer"], "", "a peer's earlier answer is the peer's");
    let looked = row(&rows, "Kaart", "Zes weken later", "Gemeente", "Huizen");
    assert_eq!(looked["Gespeeld voor"], "andere gemeente");
    assert_eq!(looked["Gevraagd"], "nee (keek mee)");
}

#[test]
fn the_json_keeps_for_whom_and_the_earlier_answers_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_session(dir.path());
    let json: serde_json::Value =
        serde_json::from_slice(&render(&path, Lang::Nl, Options::default(), Format::Json)).unwrap();
    let plays = json["plays"].as_array().unwrap();
    let follow = plays.iter().find(|p| p["card"] == SECOND_DEMAND).unwrap();
    assert_eq!(follow["for_groups"], serde_json::json!([0]));
    let earlier = json["previous_answers"].as_array().unwrap();
    assert!(earlier.iter().any(|a| a["group"] == "Laren" && a["card"] == RANSOM && a["option"] == "ask-council"));
}
