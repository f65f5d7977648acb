//! The skeleton of UTS #39 ("Unicode Security Mechanisms"): a Cyrillic "а" is an "a", "ﬁ" is
//! "fi". The same function as `unicode_security::skeleton`, with its table of prototypes written
//! by `build.rs` as plain numbers: the crate keeps it as thousands of slices, each a pointer the
//! dynamic loader relocates at every start of the program, though only the anonymiser reads it
//! (see "First frame" in docs/performance.md). The tests hold the two to the same answer for
//! every character.

use unicode_normalization::UnicodeNormalization;

include!(concat!(env!("OUT_DIR"), "/confusables.rs"));

/// The skeleton of `s`: decomposed (NFD), each character replaced by its prototype (a
/// default-ignorable character by nothing), decomposed again.
pub fn skeleton(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().nfd().flat_map(prototype).nfd()
}

/// The prototype of a character that decomposition leaves as it is: itself when it has none.
fn prototype(c: char) -> impl Iterator<Item = char> {
    let mapped = KEYS.binary_search(&u32::from(c)).ok().and_then(|i| SPANS.get(i)).map(|span| {
        let start = (span >> 8) as usize;
        CHARS.get(start..start + (span & 0xff) as usize).unwrap_or_default()
    });
    let own = if mapped.is_some() { None } else { Some(c) };
    own.into_iter().chain(mapped.unwrap_or_default().iter().copied())
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    fn ours(s: &str) -> String {
        skeleton(s).collect()
    }

    fn theirs(s: &str) -> String {
        unicode_security::skeleton(s).collect()
    }

    #[test]
    fn every_character_has_the_skeleton_unicode_security_gives_it() {
        let mut differ = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let one: &str = c.encode_utf8(&mut buf);
            if ours(one) != theirs(one) {
                differ.push(format!("U+{:04X}", u32::from(c)));
            }
        }
        assert!(differ.is_empty(), "{} characters differ: {:?}", differ.len(), &differ[..differ.len().min(20)]);
    }

    #[test]
    fn look_alikes_fold_to_the_letters_they_look_like() {
        // Cyrillic а and е, Greek ο, a full-width L, the fi ligature, a zero-width space.
        assert_eq!(ours("L\u{430}r\u{435}n"), "Laren");
        assert_eq!(ours("B\u{3bf}rne"), ours("Borne"));
        assert_eq!(ours("\u{fb01}"), "fi");
        assert_eq!(ours("a\u{200b}b"), "ab");
    }

    proptest::proptest! {
        /// Strings of letters, combining marks (in any order), Hangul and look-alikes: the
        /// decompositions and their reordering across characters agree too.
        #[test]
        fn strings_have_the_skeleton_unicode_security_gives_them(
            s in "[a-zA-Z0-9 \u{300}-\u{36f}\u{430}-\u{44f}\u{3b1}-\u{3c9}\u{ac00}-\u{ac20}\u{fb00}-\u{fb06}\u{ff21}-\u{ff3a}\u{1d400}-\u{1d433}\u{200b}\u{ad}]{0,24}"
        ) {
            proptest::prop_assert_eq!(ours(&s), theirs(&s));
        }
    }
}
