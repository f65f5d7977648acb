//! Any bytes as a card file, and as a manifest: the loader and the checker must report, never
//! panic. (Mutations of the whole bundled deck are a property test in `tests/check.rs`.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use weerbaar::scenario::{self, Source};

fuzz_target!(|data: &[u8]| {
    let card = scenario::load_card_files(vec![Source { path: "cards/fuzz.ron".into(), bytes: data.to_vec().into() }]);
    let _ = card.render();
    let deck = scenario::load_sources(vec![Source { path: "deck.ron".into(), bytes: data.to_vec().into() }]);
    let _ = deck.render();
});
