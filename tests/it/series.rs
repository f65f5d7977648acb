#![allow(clippy::unwrap_used)]
//! `weerbaar series`: the numbers of a small hand-computed series, the language's number
//! format, damaged logs, hostile text, and anonymisation fit to publish.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use chrono::TimeZone;
use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::series::Series;
use weerbaar::session::{
    Command, Decision, GroupId, GroupSetup, ManualClock, Owner, PreviousAction, Progress, Session, Setup,
};

/// One answer: option, rationale, how decided, who dissented.
pub(crate) type Answer<'a> = (&'a str, &'a str, Decision, Vec<Role>);

pub(crate) struct Plan<'a> {
    pub(crate) file: &'a str,
    pub(crate) title: &'a str,
    pub(crate) facilitator: &'a str,
    pub(crate) date: (i32, u32, u32),
    pub(crate) groups: &'a [&'a str],
    /// Previous actions brought in, with what became of them.
    pub(crate) follow_up: Vec<(PreviousAction, Option<Progress>)>,
    pub(crate) cards: Vec<(&'a str, Vec<Answer<'a>>)>,
    pub(crate) notes: &'a [&'a str],
    /// (group, what)
    pub(crate) actions: &'a [(u8, &'a str)],
    /// Owner of the actions in free text, instead of the CISO.
    pub(crate) other_owner: Option<&'a str>,
    /// The card the actions came from.
    pub(crate) action_card: Option<&'a str>,
}

/// Plays a session through the engine, as the console would, and returns its log.
pub(crate) fn play(dir: &Path, plan: Plan) -> PathBuf {
    let (y, m, d) = plan.date;
    let clock =
        ManualClock::new(chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(y, m, d, 14, 0, 0).unwrap());
    let setup = Setup {
        title: plan.title.into(),
        facilitator: plan.facilitator.into(),
        date: chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: plan.groups.iter().map(|n| GroupSetup { name: n.to_string(), roles: Role::ALL.to_vec() }).collect(),
    };
    let path = dir.join(plan.file);
    let mut s = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    if !plan.follow_up.is_empty() {
        let actions = plan.follow_up.iter().map(|(a, _)| a.clone()).collect();
        s.execute(Command::OpenFollowUp { from: "vorige.jsonl".into(), actions }).unwrap();
        for (index, (_, status)) in plan.follow_up.iter().enumerate() {
            if let Some(status) = status {
                s.execute(Command::RecordProgress { index, status: *status }).unwrap();
            }
        }
    }
    for (card, answers) in plan.cards {
        clock.advance_secs(60);
        s.execute(Command::OpenCard(card.into())).unwrap();
        for (g, (option, why, decision, dissent)) in answers.into_iter().enumerate() {
            clock.advance_secs(60);
            s.execute(Command::RecordChoice {
                group: GroupId(g as u8),
                option: option.into(),
                rationale: why.into(),
                decision,
                dissent,
            })
            .unwrap();
        }
        s.execute(Command::Reveal).unwrap();
        for note in plan.notes {
            s.execute(Command::AddNote { about: None, text: note.to_string() }).unwrap();
        }
        clock.advance_secs(60);
        s.execute(Command::CloseCard).unwrap();
    }
    for (g, what) in plan.actions {
        let owner = plan.other_owner.map_or(Owner::Role(Role::Ciso), |o| Owner::Other(o.into()));
        let card = plan.action_card.map(Into::into);
        let item = Command::AddActionItem { group: GroupId(*g), what: what.to_string(), owner, due: None, card };
        s.execute(item).unwrap();
    }
    s.execute(Command::End).unwrap();
    path
}

pub(crate) fn plan<'a>(file: &'a str, date: (i32, u32, u32), groups: &'a [&'a str]) -> Plan<'a> {
    Plan {
        file,
        title: "Sessie",
        facilitator: "Rian",
        date,
        groups,
        follow_up: Vec::new(),
        cards: Vec::new(),
        notes: &[],
        actions: &[],
        other_owner: None,
        action_card: None,
    }
}

pub(crate) fn a<'a>(option: &'a str, why: &'a str, decision: Decision, dissent: &[Role]) -> Answer<'a> {
    (option, why, decision, dissent.to_vec())
}

/// The hand-computed series (see the test below for what it must give).
fn small_series(dir: &Path) -> Vec<PathBuf> {
    use Decision::*;
    let mut s1 = plan("s1.jsonl", (2026, 10, 5), &["Laren", "Blaricum"]);
    s1.cards = vec![
        (
            "ransom-friday",
            vec![
                a("refuse", "Nooit betalen", Unanimous, &[]),
                a("pay", "Dienstverlening eerst", Majority, &[Role::Ciso]),
            ],
        ),
        ("helpdesk-fraud-wave", vec![a("ambassadors", "", Unanimous, &[]), a("ambassadors", "", Unanimous, &[])]),
    ];
    s1.actions = &[(0, "Back-ups testen"), (1, "Crisisplan bijwerken")];
    s1.action_card = Some("ransom-friday");
    // Laren comes back spelt otherwise and changes its answer; Huizen is new.
    let mut s2 = plan("s2.jsonl", (2026, 11, 12), &["LAREN ", "Huizen"]);
    s2.cards = vec![(
        "ransom-friday",
        vec![
            a("ask-council", "De raad beslist", MayorDecided, &[]),
            a("refuse", "Geen geld naar criminelen", Split, &[Role::Mayor]),
        ],
    )];
    s2.actions = &[(0, "Raad informeren"), (1, "Oefening plannen")];
    let mut s3 = plan("s3.jsonl", (2026, 11, 20), &["Blaricum", "Huizen"]);
    s3.cards =
        vec![("ransom-friday", vec![a("pay", "Nog steeds", Majority, &[Role::Ciso]), a("refuse", "", Unanimous, &[])])];
    let prev = |g: &str, w: &str| PreviousAction {
        group: g.into(),
        what: w.into(),
        owner: Role::Ciso.into(),
        due: String::new(),
        since: None,
        card: None,
    };
    s3.follow_up = vec![
        (prev("Blaricum", "Crisisplan bijwerken"), Some(Progress::Done)),
        (prev("Huizen", "Oefening plannen"), Some(Progress::UnderWay)),
    ];
    vec![play(dir, s1), play(dir, s2), play(dir, s3)]
}

pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    let out = Process::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn report_of(paths: &[PathBuf], lang: Lang) -> weerbaar::series::Report {
    let mut series = Series::new(lang, None);
    for p in paths {
        assert!(series.add_path(p).is_empty());
    }
    series.report(None)
}

#[test]
fn the_numbers_of_a_hand_computed_series() {
    let dir = tempfile::tempdir().unwrap();
    small_series(dir.path());
    let r = report_of(&[dir.path().to_path_buf()], Lang::Nl);
    assert_eq!(r.sessions, 3);
    assert_eq!(r.municipalities, 3, "LAREN is Laren: {:?}", r.participants);
    let sessions: Vec<(String, Option<u32>)> = r.participants.iter().map(|p| (p.name.clone(), p.sessions)).collect();
    assert_eq!(sessions, [("Blaricum".into(), Some(2)), ("Huizen".into(), Some(2)), ("Laren".into(), Some(2))]);

    let ransom = r.cards.iter().find(|c| c.id == "ransom-friday").unwrap();
    // Laren (refuse, later ask-council), Blaricum (pay twice), Huizen (refuse twice): each once.
    assert_eq!((ransom.municipalities, ransom.played_again, ransom.changed, ransom.answers), (3, 3, 1, 6));
    let share = |id: &str| ransom.options.iter().find(|o| o.id == id).map(|o| (o.municipalities, o.share)).unwrap();
    assert_eq!(share("ask-council").0, 1, "Laren counts with its latest answer");
    assert_eq!(share("refuse").0, 1);
    assert_eq!(share("pay").0, 1);
    assert!((share("pay").1 - 1.0 / 3.0).abs() < 1e-9);
    let decided: Vec<u64> = ransom.decisions.iter().map(|d| d.count).collect();
    assert_eq!(decided, [0, 2, 2, 1, 1], "not recorded, unanimous, majority, split, mayor decided over six answers");

    let helpdesk = r.cards.iter().find(|c| c.id == "helpdesk-fraud-wave").unwrap();
    assert_eq!((helpdesk.municipalities, helpdesk.changed), (2, 0));
    assert_eq!(helpdesk.options.iter().find(|o| o.id == "ambassadors").unwrap().share, 1.0);
    let water = r.cards.iter().find(|c| c.id == "water-company-hack").unwrap();
    assert_eq!(water.municipalities, 0, "a card nobody played is listed with zero");

    // Themes: ransom-friday is OwnHouse, helpdesk-fraud-wave DigitalCrime.
    let own = r.themes.iter().find(|t| t.theme == weerbaar::scenario::Theme::OwnHouse).unwrap();
    assert_eq!((own.cards_played, own.municipalities, own.answers), (1, 3, 3));
    // Cards sorted by theme (DigitalCrime first), then by municipalities.
    let first_played = r.cards.iter().find(|c| c.municipalities > 0).unwrap();
    assert_eq!(first_played.id, "helpdesk-fraud-wave");

    let ciso = r.roles.iter().find(|x| x.role == Role::Ciso).unwrap();
    assert_eq!((ciso.present, ciso.dissent), (8, 2));
    assert_eq!((r.actions, r.follow_up.brought, r.follow_up.done, r.follow_up.under_way), (4, 2, 1, 1));
    assert_eq!(r.actions_by_owner.iter().map(|o| (o.label.as_str(), o.count)).collect::<Vec<_>>(), [("CISO", 4)]);
    let by_theme: Vec<(&str, u64)> = r.actions_by_theme.iter().map(|o| (o.label.as_str(), o.count)).collect();
    assert_eq!(by_theme, [("Eigen huis op orde", 2), ("zonder kaart", 2)]);
    let months: Vec<(String, u64, usize)> =
        r.months.iter().map(|m| (m.month.clone(), m.sessions, m.municipalities)).collect();
    assert_eq!(months, [("2026-10".into(), 1, 2), ("2026-11".into(), 2, 3)]);
    let covered: Vec<&str> = r.objectives.iter().filter(|o| o.covered).map(|o| o.id.as_str()).collect();
    assert_eq!(covered, ["ransom-decision", "crisis-communication", "resident-resilience"]);
    let rationales = &ransom.options.iter().find(|o| o.id == "pay").unwrap().rationales;
    // Only the answers counted are quoted: Blaricum's earlier "Dienstverlening eerst" is not.
    assert_eq!(rationales, &["Nog steeds".to_string()]);
    let refuse = &ransom.options.iter().find(|o| o.id == "refuse").unwrap().rationales;
    assert_eq!(refuse, &["Geen geld naar criminelen".to_string()], "the same choice again keeps its words");
    let ask = &ransom.options.iter().find(|o| o.id == "ask-council").unwrap();
    assert!(ask.rationales.iter().all(|t| t != "Nooit betalen"), "Laren no longer refuses: {:?}", ask.rationales);
}

#[test]
fn the_report_does_not_depend_on_the_order_of_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    let mut logs = small_series(dir.path());
    logs.extend(names_series(dir.path()));
    let json = |paths: &[PathBuf]| {
        let mut args = vec!["series".to_string(), "--format".into(), "json".into()];
        args.extend(paths.iter().map(|p| p.to_str().unwrap().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args).1
    };
    let forward = json(&logs);
    logs.reverse();
    assert_eq!(forward, json(&logs));
    logs.rotate_left(2);
    assert_eq!(forward, json(&logs));
}

#[test]
fn numbers_are_written_the_way_the_language_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    small_series(dir.path());
    let d = dir.path().to_str().unwrap();
    let (code, nl, err) = run(&["series", d]);
    assert_eq!(code, 0, "{err}");
    assert!(nl.contains("4 acties vastgelegd, 1,3 per sessie."), "{nl}");
    assert!(nl.contains("Geen geld naar criminelen"), "{nl}");
    assert!(!nl.contains("Nooit betalen"), "an answer no longer counted is not quoted");
    assert!(nl.contains("1 gemeente koos later anders"), "{nl}");
    assert!(nl.contains("| 33% |"), "{nl}");
    assert!(nl.contains("Opvolging: 1 van 2 eerdere acties gedaan (50%)"), "{nl}");
    assert!(!nl.contains("1.3"), "no decimal point in Dutch");
    let (_, en, _) = run(&["series", "--lang", "en", d]);
    assert!(en.contains("4 actions recorded, 1.3 per session."), "{en}");
    assert!(en.contains("1 municipality chose differently later"), "{en}");
    assert!(!en.contains("gemeente"), "an English report is English");
    assert_eq!(weerbaar::series::int(10_000, Lang::Nl), "10.000");
}

#[test]
fn hostile_text_is_inert_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let hostile =
        "<script>alert(1)</script> *vet* [klik](javascript:x) \\ `code` | cel \u{1b}[31mrood\u{1b}[0m &amp; # kop";
    let mut p = plan("h.jsonl", (2026, 11, 1), &["Laren", "Baarn"]);
    p.cards = vec![(
        "ransom-friday",
        vec![a("pay", hostile, Decision::Unanimous, &[]), a("refuse", "gewoon", Decision::Unanimous, &[])],
    )];
    play(dir.path(), p);
    let d = dir.path().to_str().unwrap();
    let (_, md, _) = run(&["series", d]);
    assert!(!md.contains('\u{1b}'), "escape codes removed");
    assert!(md.contains("\\<script\\>") && !md.contains("<script>"), "{md}");
    assert!(
        md.contains("\\*vet\\*") && md.contains("\\[klik\\](javascript:x)") && md.contains("\\\\ \\`code\\` \\| cel")
    );
    assert!(md.contains("\\&amp;") && md.contains("\\# kop"));
    let (_, html, _) = run(&["series", "--format", "html", d]);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"));
    assert!(html.contains("&amp;amp;") && !html.contains('\u{1b}'));
    let (_, json, _) = run(&["series", "--format", "json", d]);
    assert!(!json.contains('<') && !json.contains("\\u001b"), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let card = value["cards"].as_array().unwrap().iter().find(|c| c["id"] == "ransom-friday").unwrap();
    let said = card["options"].as_array().unwrap().iter().find(|o| o["id"] == "pay").unwrap()["rationales"][0].clone();
    assert_eq!(said, "<script>alert(1)</script> *vet* [klik](javascript:x) \\ `code` | cel rood &amp; # kop");
}

#[test]
fn a_damaged_log_keeps_its_intact_events_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let paths = small_series(dir.path());
    // A corrupt line in the middle of s2 and a torn last line.
    let text = std::fs::read_to_string(&paths[1]).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "{kapot");
    let damaged = format!("{}\n{{\"seq\":99,\"at", lines.join("\n"));
    std::fs::write(&paths[1], damaged).unwrap();
    std::fs::write(dir.path().join("niets.jsonl"), "geen logboek\n").unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["series", "--format", "json", d]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("s2.jsonl: regel 4: onleesbare gebeurtenis"), "{err}");
    assert!(err.contains("regel") && err.contains("onvolledig"), "{err}");
    assert!(err.contains("niets.jsonl: geen Weerbaar-logboek; overgeslagen"), "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["sessions"], 3, "the damaged log still counts");
    assert_eq!(value["logs_skipped"], 1);
    let ransom = value["cards"].as_array().unwrap().iter().find(|c| c["id"] == "ransom-friday").unwrap().clone();
    assert_eq!(ransom["changed"], 1, "s2's answers survived the damage");
    // Anonymised: the problem, not the file name, nor what the reader would quote from the line.
    let text = std::fs::read_to_string(&paths[0]).unwrap();
    let quoted = text.replacen("\"type\":\"card_opened\"", "\"type\":\"Marieke\"", 1);
    std::fs::write(&paths[0], quoted).unwrap();
    let (_, _, plain) = run(&["series", d]);
    assert!(plain.contains("Marieke"), "without --anonymize the reader's message helps: {plain}");
    let (code, _, err) = run(&["series", "--anonymize", d]);
    assert_eq!(code, 1);
    assert!(!err.contains("s2.jsonl") && !err.contains("niets") && err.contains("log "), "{err}");
    assert!(!err.contains("Marieke") && err.contains("onleesbare gebeurtenis"), "{err}");
    let (code, _, err) = run(&["series", d, dir.path().join("weg.jsonl").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("weg.jsonl: bestaat niet; overgeslagen"), "in Dutch: {err}");
    // Nothing readable at all: exit 2.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("x.jsonl"), "").unwrap();
    assert_eq!(run(&["series", empty.path().to_str().unwrap()]).0, 2);
}

#[test]
fn a_header_unlike_the_one_met_before_is_read_whole_and_a_log_without_deck_uses_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let paths = small_series(dir.path());
    let before = report_of(&[dir.path().to_path_buf()], Lang::Nl);
    let text = std::fs::read_to_string(&paths[1]).unwrap();
    std::fs::write(&paths[1], text.replacen("\"app_version\":\"", "\"app_version\":\"anders-", 1)).unwrap();
    let text = std::fs::read_to_string(&paths[2]).unwrap();
    let (header, events) = text.split_once('\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_str(header).unwrap();
    header.as_object_mut().unwrap().remove("deck");
    std::fs::write(&paths[2], format!("{header}\n{events}")).unwrap();
    let after = report_of(&paths, Lang::Nl);
    assert_eq!((after.sessions, after.logs_without_deck), (3, 1));
    let changed = |r: &weerbaar::series::Report| {
        r.cards
            .iter()
            .filter(|c| c.municipalities > 0)
            .map(|c| (c.id.clone(), c.municipalities, c.changed))
            .collect::<Vec<_>>()
    };
    assert_eq!(changed(&before), changed(&after));
}

#[test]
fn output_is_owner_only_and_never_over_a_log() {
    let dir = tempfile::tempdir().unwrap();
    let paths = small_series(dir.path());
    let log = paths[0].to_str().unwrap();
    let before = std::fs::read(&paths[0]).unwrap();
    let (code, _, err) = run(&["series", log, "-o", log, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read(&paths[0]).unwrap(), before);
    let (code, _, err) =
        run(&["series", dir.path().to_str().unwrap(), "-o", dir.path().join("nieuw.jsonl").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    let out = dir.path().join("reeks.md");
    let (code, _, err) = run(&["series", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(std::fs::read_to_string(&out).unwrap().contains("Per kaart"));
}

// ------------------------------------------------------------------ anonymisation

/// Everything that must never be published from the anonymisation fixture.
const SECRETS: &[&str] = &[
    "Laren",
    "Krimpen",
    "IJssel",
    "Hertogenbosch",
    "Den Bosch",
    "Marieke",
    "Bakker",
    "Ahmed",
    "Amrani",
    "Rian",
    "Dam",
    "smit",
    "06-12345678",
    "12345678",
    "020-1234567",
    "1234567",
    "1251 AB",
    "Geheime titel",
    "geheim-bestand",
    "Jansen",
];

/// Every text part of an .xlsx or .docx file as text (a chart's image is a picture, not text).
pub(crate) fn unpack(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if file.name().unwrap().ends_with(".png") {
            continue;
        }
        file.read_to_string(&mut all).unwrap();
    }
    all
}

#[test]
fn a_spreadsheet_has_numbers_as_numbers_and_texts_never_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    small_series(dir.path());
    let mut p = plan("f.jsonl", (2026, 11, 1), &["Eemnes", "Baarn"]);
    p.cards = vec![(
        "ransom-friday",
        vec![a("pay", "=HYPERLINK(\"http://x\")", Decision::Unanimous, &[]), a("refuse", "", Decision::Unanimous, &[])],
    )];
    play(dir.path(), p);
    let book = dir.path().join("reeks.xlsx");
    let (code, _, err) =
        run(&["series", "--format", "xlsx", "-o", book.to_str().unwrap(), dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let xml = unpack(&book);
    assert!(xml.contains("=HYPERLINK") && !xml.contains("<f>"), "a text that looks like a formula stays text");
    for sheet in ["Overzicht", "Kaarten", "Toelichtingen", "Maanden", "Doelstellingen"] {
        assert!(xml.contains(&format!("name=\"{sheet}\"")), "sheet {sheet}");
    }
    assert!(xml.contains("formatCode=\"[=0]0%;[&lt;0.005]&quot;&lt;1%&quot;;0%\""), "shares are percentages");
    // Not to a terminal, but to a pipe it may go.
    let (code, out, _) = run(&["series", "--format", "xlsx", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PK"), "a zip file");
}

/// Whether `needle` occurs in `hay` as whole words, in any case.
fn has_word(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.to_lowercase(), needle.to_lowercase());
    hay.match_indices(&needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A rationale whose e-mail address crosses the 300 characters shown.
const LONG: &str = "Een lange toelichting over de afweging tussen dienstverlening en principes, \
    met alle argumenten die aan tafel kwamen: de kosten, de inwoners, de raad, de pers, de verzekeraar, \
    de leverancier en de vraag wie er eigenlijk beslist als het vrijdagmiddag misgaat; wie meer wil \
    weten mailt a.jansen@laren.nl of belt +31 6 1234 5678 maandag.";

/// `n` sessions of two municipalities each ("Plaats 1" ...), answering the ransom card with each
/// option and no words: a crowd that lifts a series above the small-cell threshold.
pub(crate) fn crowd(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let (x, y) = (format!("Plaats {}", 2 * i), format!("Plaats {}", 2 * i + 1));
            let file = format!("crowd-{i}.jsonl");
            let groups = [x.as_str(), y.as_str()];
            let mut p = plan(&file, (2026, 8, 1 + i as u32), &groups);
            let option = ["refuse", "pay", "ask-council"][i % 3];
            let other = ["pay", "ask-council", "refuse"][i % 3];
            p.cards = vec![(
                "ransom-friday",
                vec![a(option, "", Decision::Unanimous, &[]), a(other, "", Decision::Unanimous, &[])],
            )];
            play(dir, p)
        })
        .collect()
}

fn names_series(dir: &Path) -> Vec<PathBuf> {
    use Decision::*;
    let mut s1 = plan("geheim-bestand-laren.jsonl", (2026, 9, 1), &["Laren", "Krimpen aan den IJssel"]);
    s1.title = "Geheime titel Laren en Krimpen";
    s1.facilitator = "Rian van Dam";
    s1.cards = vec![(
        "ransom-friday",
        vec![
            a(
                "refuse",
                "wethouder Marieke Bakker wil nooit betalen; mail j.smit@laren.nl of bel 06-12345678",
                Unanimous,
                &[],
            ),
            a("pay", "CISO Ahmed El Amrani: Krimpen kan niet zonder; LAREN deed het ook", Majority, &[Role::Ciso]),
        ],
    )];
    s1.notes = &["Rian vond Den Bosch een goed voorbeeld, bel 020-1234567"];
    s1.actions = &[(0, "Marieke Bakker belt j.smit@laren.nl")];
    s1.other_owner = Some("wethouder Marieke Bakker");
    let mut s2 = plan("geheim-bestand-2.jsonl", (2026, 10, 1), &["'s-Hertogenbosch", "laren"]);
    s2.title = "Geheime titel 2";
    s2.facilitator = "Rian van Dam";
    s2.cards = vec![(
        "ransom-friday",
        vec![
            a("ask-council", "Zoals in Den Bosch altijd: de raad; postcode 1251 AB", MayorDecided, &[]),
            a("ask-council", "Jansen en rian van dam waren het eens, net als in krimpen a/d IJssel", Split, &[]),
        ],
    )];
    let s3 = {
        let mut p = plan("geheim-bestand-3.jsonl", (2026, 10, 2), &["Baarn", "Huizen"]);
        p.title = "Geheime titel 3";
        p.cards =
            vec![("ransom-friday", vec![a("pay", "Zoals Laren", Unanimous, &[]), a("pay", LONG, Unanimous, &[])])];
        p
    };
    vec![play(dir, s1), play(dir, s2), play(dir, s3)]
}

#[test]
fn an_anonymised_series_holds_no_original_name_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut logs = names_series(dir.path());
    // Enough sessions and municipalities behind every option that the report quotes them.
    logs.extend(crowd(dir.path(), 6));
    let redact = dir.path().join("redact.txt");
    std::fs::write(&redact, "# personen\nMarieke Bakker\nAhmed El Amrani\nJansen\nDen Bosch\n").unwrap();
    let aliases = dir.path().join("aliassen.txt");
    let logs: Vec<&str> = logs.iter().map(|p| p.to_str().unwrap()).collect();
    for format in ["md", "html", "json"] {
        for lang in ["nl", "en"] {
            let mut args = vec!["series", "--anonymize", "--format", format, "--lang", lang];
            args.extend(["--redact", redact.to_str().unwrap(), "--aliases", aliases.to_str().unwrap()]);
            args.extend(&logs);
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{err}");
            for secret in SECRETS {
                assert!(!has_word(&out, secret), "{secret} in the {format} report:\n{out}");
                assert!(!has_word(&err, secret), "{secret} on stderr: {err}");
            }
        }
    }
    // The spreadsheet too: every XML part of it, unpacked.
    let book = dir.path().join("reeks.xlsx");
    let mut args = vec!["series", "--anonymize", "--format", "xlsx", "-o", book.to_str().unwrap()];
    args.extend(["--redact", redact.to_str().unwrap(), "--aliases", aliases.to_str().unwrap()]);
    args.extend(&logs);
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let xml = unpack(&book);
    assert!(xml.contains("Gemeente ") && xml.contains("[naam]"), "the spreadsheet has the report");
    for secret in SECRETS {
        assert!(!has_word(&xml, secret), "{secret} in the spreadsheet");
    }
    // An action owned by someone named in free text counts, without the name.
    let mut args = vec!["series", "--format", "json"];
    args.extend(&logs);
    let (_, json, _) = run(&args);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["actions_by_owner"][0]["count"], 1, "{json}");
    assert!(!json.contains("belt"), "action texts and owners in free text are not shown");
    // The alias table links aliases to names: owner-only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&aliases).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Without the redact file, what still looks like a name is listed on stderr.
    let mut args = vec!["series", "--anonymize"];
    args.extend(&logs);
    let (_, _, err) = run(&args);
    assert!(err.contains("Ahmed") && err.contains("Jansen"), "{err}");
}

fn aliases_of(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert!(p.get("sessions").is_none(), "no session count per alias: it would decode it: {p}");
            p["name"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn aliases_stay_the_same_across_runs_and_log_orders() {
    let dir = tempfile::tempdir().unwrap();
    let logs = names_series(dir.path());
    let one = dir.path().join("een.txt");
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();
    let run_with = |order: [usize; 3]| {
        let mut args = vec!["series".to_string(), "--anonymize".into(), "--format".into(), "json".into()];
        args.extend(["--aliases".to_string(), s(&one)]);
        args.extend(order.iter().map(|i| s(&logs[*i])));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        out
    };
    let first = run_with([0, 1, 2]);
    let table = std::fs::read_to_string(&one).unwrap();
    let second = run_with([2, 1, 0]);
    assert_eq!(aliases_of(&first), aliases_of(&second), "the alias file is read back and reused");
    assert_eq!(std::fs::read_to_string(&one).unwrap(), table, "nothing new: the file is unchanged");
    // The next publication: one log only, and a new municipality. Laren keeps its letter.
    let table = std::fs::read_to_string(&one).unwrap();
    let laren = table.lines().find(|l| l.ends_with("= Laren")).unwrap().split(" = ").next().unwrap().to_string();
    let mut p = plan("later.jsonl", (2026, 12, 1), &["Almere", "LAREN"]);
    p.cards =
        vec![("ransom-friday", vec![a("pay", "", Decision::Unanimous, &[]), a("pay", "", Decision::Unanimous, &[])])];
    let later = play(dir.path(), p);
    let (_, c, _) = run(&[
        "series",
        "--anonymize",
        "--format",
        "json",
        "--aliases",
        one.to_str().unwrap(),
        later.to_str().unwrap(),
    ]);
    let names: Vec<String> = aliases_of(&c);
    assert!(names.contains(&format!("Gemeente {laren}")), "{names:?} / {table}");
    let grown = std::fs::read_to_string(&one).unwrap();
    assert!(grown.starts_with(&table) || table.lines().all(|l| grown.contains(l)), "old aliases kept");
    assert!(grown.contains("= Almere"));
}
