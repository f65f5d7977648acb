#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The sample after-action report in `docs/examples/`: a session played through the engine, with
//! findings, assessed objectives and a detailed improvement plan, written as Markdown and Word.
//! Beside it, a series of five sessions as the organiser publishes it (Markdown and HTML).
//! The committed Markdown must be what the code makes today; regenerate the files with
//! `WEERBAAR_UPDATE_EXAMPLES=1 cargo test --test it examples`.

use std::path::{Path, PathBuf};

use chrono::TimeZone;

use crate::common;

use weerbaar::debrief::{Format, Options, Report, load_log};
use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{
    ActionDetail, Command, Decision, FindingKind, GroupId, GroupSetup, ManualClock, Priority, Progress, Rating,
    Session, Setup, Visibility,
};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples")
}

/// A morning session of three municipalities of the Gooi, played card by card.
fn played(dir: &Path) -> PathBuf {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    let c = ManualClock::new(offset.with_ymd_and_hms(2026, 12, 3, 9, 30, 0).unwrap());
    let path = dir.join("gooi.jsonl");
    let setup = Setup {
        title: "Bestuurlijk gesprek Gooi".into(),
        facilitator: "Jan Pieter Smulders".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 7,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer] },
            GroupSetup {
                name: "Huizen".into(),
                roles: vec![Role::Mayor, Role::MunicipalSecretary, Role::CommunicationsAdviser],
            },
            GroupSetup { name: "Blaricum".into(), roles: vec![Role::Mayor, Role::Ciso, Role::PublicOrderAdviser] },
        ],
    };
    let mut s = Session::start(common::deck(), setup, &path, c.clone()).unwrap();
    let choose = |s: &mut Session<ManualClock>, g: u8, option: &str, why: &str, decision: Decision, dissent| {
        s.execute(Command::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: why.into(),
            decision,
            dissent,
        })
        .unwrap();
    };
    s.execute(Command::RecordDetails {
        place: "Raadhuis Laren, raadzaal".into(),
        scope: "Bestuurlijke tafeloefening voor de colleges van Laren, Huizen en Blaricum over digitale \
                criminaliteit, een gijzeling van de eigen systemen en openheid na een incident. Buiten de \
                oefening: de technische aanpak van de IT-leverancier."
            .into(),
    })
    .unwrap();

    c.advance_secs(12 * 60);
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    c.advance_secs(9 * 60);
    s.release_due().unwrap();
    choose(
        &mut s,
        0,
        "ambassadors",
        "Past bij ons netwerk van vrijwilligers in de bibliotheek.",
        Decision::Unanimous,
        vec![],
    );
    choose(
        &mut s,
        1,
        "broad-campaign",
        "Snel en voor iedereen; de huis-aan-huiskrant bereikt ouderen.",
        Decision::Majority,
        vec![Role::CommunicationsAdviser],
    );
    choose(&mut s, 2, "ambassadors", "Samen met Laren optrekken.", Decision::Unanimous, vec![]);
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::AddNoteAs {
        about: None,
        text: "De zaal vond een gezamenlijke campagne in het Gooi het sterkst.".into(),
        visibility: Visibility::Room,
    })
    .unwrap();
    s.execute(Command::RecordFinding {
        kind: FindingKind::Strength,
        text: "Alle drie gemeenten kenden hun partners voor slachtofferhulp en wisten ze snel te noemen".into(),
        objective: Some("resident-resilience".into()),
        card: None,
        group: None,
    })
    .unwrap();
    c.advance_secs(8 * 60);
    s.execute(Command::CloseCard).unwrap();

    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(7 * 60);
    s.release_due().unwrap();
    choose(&mut s, 0, "refuse", "Wij betalen niet; de back-ups zijn getest.", Decision::Unanimous, vec![]);
    choose(
        &mut s,
        1,
        "ask-council",
        "Over zoveel geld moet de raad meepraten.",
        Decision::Split,
        vec![Role::MunicipalSecretary],
    );
    choose(&mut s, 2, "refuse", "Geen geld naar criminelen.", Decision::MayorDecided, vec![]);
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::RecordFinding {
        kind: FindingKind::Improvement,
        text:
            "Onduidelijk wie beslist over losgeld en wanneer de raad wordt ingelicht; het crisisplan zegt er niets over"
                .into(),
        objective: Some("ransom-decision".into()),
        card: None,
        group: Some(GroupId(1)),
    })
    .unwrap();
    s.execute(Command::RecordFinding {
        kind: FindingKind::Strength,
        text: "Laren kon laten zien wanneer de back-ups voor het laatst zijn teruggezet".into(),
        objective: Some("ransom-decision".into()),
        card: None,
        group: Some(GroupId(0)),
    })
    .unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(1),
        what: "Losgeldscenario en de rol van de raad in het crisisplan opnemen".into(),
        owner: Role::MunicipalSecretary.into(),
        due: chrono::NaiveDate::from_ymd_opt(2027, 3, 31),
        card: Some("ransom-friday".into()),
    })
    .unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(2),
        what: "Terugzetten van de back-ups twee keer per jaar oefenen".into(),
        owner: Role::Ciso.into(),
        due: chrono::NaiveDate::from_ymd_opt(2027, 6, 30),
        card: Some("ransom-friday".into()),
    })
    .unwrap();
    c.advance_secs(12 * 60);
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::SkipCard("telegram-riot-call".into())).unwrap();

    s.execute(Command::OpenCard("forensic-report-public".into())).unwrap();
    c.advance_secs(6 * 60);
    s.execute(Command::ReleaseInject("leak-claim".into())).unwrap();
    choose(
        &mut s,
        0,
        "summary-and-briefing",
        "Openheid, maar geen handleiding voor de volgende aanvaller.",
        Decision::Unanimous,
        vec![],
    );
    choose(&mut s, 1, "summary-and-briefing", "", Decision::Majority, vec![]);
    choose(&mut s, 2, "publish-full", "Inwoners hebben recht op alles.", Decision::Majority, vec![Role::Ciso]);
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::RecordFinding {
        kind: FindingKind::Improvement,
        text: "Geen afspraak wie de pers te woord staat als gemeenten samen getroffen zijn".into(),
        objective: Some("crisis-communication".into()),
        card: None,
        group: None,
    })
    .unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(0),
        what: "Woordvoering bij een gezamenlijk incident afspreken met Huizen en Blaricum".into(),
        owner: weerbaar::session::Owner::Other("wethouder Jansen".into()),
        due: chrono::NaiveDate::from_ymd_opt(2027, 2, 28),
        card: Some("forensic-report-public".into()),
    })
    .unwrap();
    c.advance_secs(9 * 60);
    s.execute(Command::CloseCard).unwrap();
    c.advance_secs(14 * 60);
    s.execute(Command::End).unwrap();

    // Afterwards (`weerbaar review LOG --assess …`, `--action N …`): the assessments and the plan.
    for (objective, rating, why) in [
        ("resident-resilience", Rating::Achieved, "elke gemeente noemde haar partners en een eerste stap"),
        ("ransom-decision", Rating::Partly, "wie beslist was helder, de rol van de raad niet"),
        ("crisis-communication", Rating::NotAchieved, "geen gezamenlijke woordvoering afgesproken"),
        ("own-house", Rating::Partly, "openheid na een incident besproken, niet de eigen rapportage"),
    ] {
        s.execute(Command::AssessObjective { objective: objective.into(), rating, why: why.into() }).unwrap();
    }
    let detail = |observation: &str, priority, objective: &str, organisation: &str, status| ActionDetail {
        observation: observation.into(),
        priority: Some(priority),
        objective: Some(objective.into()),
        organisation: organisation.into(),
        start: chrono::NaiveDate::from_ymd_opt(2027, 1, 5),
        status: Some(status),
        progress: String::new(),
    };
    for (index, d) in [
        detail(
            "Crisisplan noemt geen losgeldscenario",
            Priority::High,
            "ransom-decision",
            "Gemeente Huizen",
            Progress::NotStarted,
        ),
        detail(
            "Terugzetten van back-ups nooit geoefend",
            Priority::Medium,
            "ransom-decision",
            "Gemeente Blaricum",
            Progress::NotStarted,
        ),
        detail(
            "Geen gezamenlijke woordvoering",
            Priority::High,
            "crisis-communication",
            "Regio Gooi en Vechtstreek",
            Progress::UnderWay,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        s.execute(Command::DetailAction { index, detail: d }).unwrap();
    }
    path
}

#[test]
fn the_sample_report_is_what_the_code_makes() {
    let dir = tempfile::tempdir().unwrap();
    let path = played(dir.path());
    let d = common::deck();
    let report = Report::with(&d, Lang::Nl, vec![load_log(&path, &d).unwrap()], Options::default());
    let md = report.render(Format::Markdown).unwrap().replace(&dir.path().display().to_string(), "sessies");
    let docx = report.render_bytes(Format::Docx).unwrap();
    let (md_file, docx_file) = (examples().join("verslag-gooi.md"), examples().join("verslag-gooi.docx"));
    if std::env::var_os("WEERBAAR_UPDATE_EXAMPLES").is_some() {
        std::fs::create_dir_all(examples()).unwrap();
        std::fs::write(&md_file, &md).unwrap();
        std::fs::write(&docx_file, &docx).unwrap();
    }
    let committed = std::fs::read_to_string(&md_file).unwrap();
    assert_eq!(committed, md, "docs/examples/verslag-gooi.md is out of date: WEERBAAR_UPDATE_EXAMPLES=1");
    // What a council reads first: the overview, the assessed objectives and the plan.
    for needle in [
        "**Plaats:** Raadhuis Laren, raadzaal",
        "**Doelstellingen:** 1 behaald, 2 deels behaald, 1 niet behaald",
        "### Belangrijkste bevindingen",
        "deels behaald — wie beslist was helder, de rol van de raad niet",
        "Regio Gooi en Vechtstreek: wethouder Jansen",
    ] {
        assert!(md.contains(needle), "{needle} missing");
    }
    // The committed Word file is a Word file with the same report in it.
    let bytes = std::fs::read(&docx_file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("Bevindingen per doelstelling") && xml.contains("Regio Gooi en Vechtstreek"));
}

/// Five sessions of municipalities of the Gooi from October to December 2026 (November twice,
/// none skipped), one of them a follow-up.
fn series_logs(dir: &Path) -> Vec<PathBuf> {
    use crate::series::{a, plan, play};
    use Decision::*;
    let mut s1 = plan("s1.jsonl", (2026, 10, 6), &["Laren", "Huizen"]);
    s1.cards = vec![
        (
            "ransom-friday",
            vec![
                a("refuse", "Betalen maakt ons een doelwit; we draaien op de noodprocedures.", Unanimous, &[]),
                a("pay", "De uitkeringen moeten vrijdag de deur uit.", Majority, &[Role::Ciso]),
            ],
        ),
        (
            "helpdesk-fraud-wave",
            vec![
                a("ambassadors", "Ouderen vertrouwen een bekend gezicht.", Unanimous, &[]),
                a("broad-campaign", "Iedereen bereiken, ook wie niet naar een bijeenkomst komt.", Majority, &[]),
            ],
        ),
    ];
    s1.actions = &[(0, "Noodprocedures voor uitkeringen oefenen"), (1, "Back-ups offline testen")];
    s1.action_card = Some("ransom-friday");
    let mut s2 = plan("s2.jsonl", (2026, 10, 20), &["Blaricum", "Eemnes"]);
    s2.cards = vec![
        (
            "ransom-friday",
            vec![
                a("ask-council", "Dit is te groot om zonder de raad te besluiten.", MayorDecided, &[]),
                a("refuse", "Geen geld naar criminelen.", Unanimous, &[]),
            ],
        ),
        (
            "fake-video-mayor",
            vec![
                a("live-statement", "Zelf in beeld, binnen het uur.", Unanimous, &[]),
                a("nl-alert", "Zo bereiken we iedereen tegelijk.", Split, &[Role::CommunicationsAdviser]),
            ],
        ),
    ];
    s2.actions = &[(0, "Woordvoeringslijn bij deepfakes vastleggen")];
    s2.action_card = Some("fake-video-mayor");
    let mut s3 = plan("s3.jsonl", (2026, 11, 10), &["Gooise Meren", "Hilversum"]);
    s3.cards = vec![
        (
            "ransom-friday",
            vec![
                a("refuse", "De verzekeraar betaalt niet en wij ook niet.", Unanimous, &[]),
                a("refuse", "Herstel uit back-ups, ook al duurt het langer.", Majority, &[Role::Mayor]),
            ],
        ),
        (
            "helpdesk-fraud-wave",
            vec![
                a("ambassadors", "Via het sociaal wijkteam.", Unanimous, &[]),
                a("leave-to-police", "Dit is aan politie en banken.", Split, &[Role::CommunicationsAdviser]),
            ],
        ),
        (
            "fake-video-mayor",
            vec![
                a("report-and-wait", "Eerst weten wat er speelt.", Split, &[Role::Mayor]),
                a("live-statement", "Snel zelf het woord nemen.", Unanimous, &[]),
            ],
        ),
    ];
    s3.actions = &[(0, "Draaiboek online onrust opstellen"), (1, "Seniorenvoorlichting met de bibliotheek")];
    s3.action_card = Some("helpdesk-fraud-wave");
    let mut s4 = plan("s4.jsonl", (2026, 11, 24), &["Wijdemeren", "Baarn"]);
    s4.cards = vec![
        (
            "ransom-friday",
            vec![
                a("pay", "Zorg en uitkeringen gaan voor alles.", Majority, &[Role::Ciso, Role::DataProtectionOfficer]),
                a("refuse", "Nooit betalen.", Unanimous, &[]),
            ],
        ),
        (
            "fake-video-mayor",
            vec![
                a("live-statement", "De burgemeester gaat zelf live.", Unanimous, &[]),
                a("live-statement", "Met de driehoek erbij.", Majority, &[]),
            ],
        ),
    ];
    s4.actions = &[(0, "Bestuurlijke afspraken over losgeld in het crisisplan")];
    let mut s5 = plan("s5.jsonl", (2026, 12, 15), &["Laren", "Huizen"]);
    let prev = |g: &str, w: &str| weerbaar::session::PreviousAction {
        group: g.into(),
        what: w.into(),
        owner: Role::Ciso.into(),
        due: String::new(),
        since: None,
        card: None,
    };
    s5.follow_up = vec![
        (prev("Laren", "Noodprocedures voor uitkeringen oefenen"), Some(Progress::Done)),
        (prev("Huizen", "Back-ups offline testen"), Some(Progress::UnderWay)),
    ];
    s5.cards = vec![(
        "ransom-friday",
        vec![
            a("refuse", "De noodprocedures werken; betalen hoeft niet.", Unanimous, &[]),
            a("refuse", "Met geteste back-ups kiezen we nu anders.", Unanimous, &[]),
        ],
    )];
    vec![play(dir, s1), play(dir, s2), play(dir, s3), play(dir, s4), play(dir, s5)]
}

#[test]
fn the_sample_series_is_what_the_code_makes() {
    let dir = tempfile::tempdir().unwrap();
    let logs = series_logs(dir.path());
    let mut series = weerbaar::series::Series::new(Lang::Nl, None);
    for log in &logs {
        assert!(series.add_path(log).is_empty());
    }
    let report = series.report(None);
    let md = String::from_utf8(weerbaar::series::render(&report, weerbaar::series::Format::Markdown).unwrap()).unwrap();
    let file = examples().join("reeks-gooi.md");
    let html = weerbaar::series::render(&report, weerbaar::series::Format::Html).unwrap();
    let html_file = examples().join("reeks-gooi.html");
    if std::env::var_os("WEERBAAR_UPDATE_EXAMPLES").is_some() {
        std::fs::write(&file, &md).unwrap();
        std::fs::write(&html_file, &html).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md, "docs/examples/reeks-gooi.md is out of date");
    assert_eq!(std::fs::read(&html_file).unwrap(), html, "docs/examples/reeks-gooi.html is out of date");
    assert!(md.contains("Waar gemeenten het meest verschilden: ‘"), "{md}");
    assert!(md.contains("Bij het vervolg was 1 van 2 eerdere acties gedaan (50%)."), "{md}");
}
