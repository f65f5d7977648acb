//! Session logs for `cargo xtask wine`, which runs the Windows binary's report commands on them
//! and compares the results with the Linux binary's. Not a check by itself: it only runs when
//! asked (`--ignored`) with `WEERBAAR_FIXTURES_OUT` naming an empty directory.

use crate::common::fixture_log;

#[test]
#[ignore = "writes fixtures for `cargo xtask wine`; run with WEERBAAR_FIXTURES_OUT=DIR"]
fn write_session_logs_for_the_wine_check() {
    let out = std::path::PathBuf::from(
        std::env::var_os("WEERBAAR_FIXTURES_OUT").expect("WEERBAAR_FIXTURES_OUT names the directory for the logs"),
    );
    std::fs::create_dir_all(&out).unwrap();
    // Two sessions of the same series (with notes, actions, a dissent and a skipped card), and a
    // third with names that need care in every format (quotes, an ampersand, accents).
    let logs = [
        fixture_log(&out, "laren-krimpen.jsonl", ["Laren", "Krimpen aan den IJssel"], 11),
        fixture_log(&out, "huizen-blaricum.jsonl", ["Huizen", "Blaricum"], 12),
        fixture_log(&out, "sudwest-fryslan.jsonl", ["Súdwest-Fryslân", "Bergen (NH) & \"Egmond\""], 13),
    ];
    for log in logs {
        assert!(weerbaar::log::read(&log).is_ok(), "{} reads back", log.display());
    }
}
