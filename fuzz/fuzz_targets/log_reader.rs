//! Any bytes as a session log: the reader and the fold must report, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use weerbaar::log;
use weerbaar::session::State;

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = log::parse(std::path::Path::new("fuzz.jsonl"), data) {
        let _ = State::fold(&read.records);
    }
});
