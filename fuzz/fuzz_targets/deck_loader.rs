//! Any bytes as a card file, and as a manifest beside the bundled cards: the loader and checker
//! must report, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use weerbaar::scenario::{self, Source};

fuzz_target!(|data: &[u8]| {
    let loaded = scenario::load_card_files(vec![Source { path: "fuzz.ron".into(), bytes: data.to_vec() }]);
    let _ = loaded.render();
    let mut sources = scenario::load::bundled_sources();
    if let Some(card) = sources.iter_mut().find(|s| s.path.ends_with("ransom-friday.ron")) {
        card.bytes = data.to_vec();
    }
    let _ = scenario::load_sources(sources).render();
});
