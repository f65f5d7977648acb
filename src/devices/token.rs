//! The links' secrets: one token per group, 128 random bits from the operating system's
//! cryptographic generator, new for every session and never written anywhere.

use std::fmt;

/// 128 bits: nobody guesses a link, even with every request the rate limit allows for years.
pub const TOKEN_BYTES: usize = 16;

/// A group's secret, shown as 32 lowercase hex digits in its link (`/g/<token>`).
#[derive(Clone, PartialEq, Eq)]
pub struct Token([u8; TOKEN_BYTES]);

impl Token {
    /// A fresh token from the OS generator (`getrandom`).
    pub fn new() -> Result<Token, getrandom::Error> {
        let mut bytes = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes)?;
        Ok(Token(bytes))
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `text` is this token, comparing every byte whatever the first difference (no
    /// timing hint about how much of a guess was right).
    pub fn matches(&self, text: &str) -> bool {
        let Some(bytes) = parse_hex(text) else { return false };
        self.0.iter().zip(bytes.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// The token is a secret: it never shows up in a debug print or a log line.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

fn parse_hex(text: &str) -> Option<[u8; TOKEN_BYTES]> {
    let text = text.as_bytes();
    if text.len() != TOKEN_BYTES * 2 {
        return None;
    }
    let mut out = [0u8; TOKEN_BYTES];
    for (i, pair) in text.chunks(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        if pair.iter().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

/// The tokens of a session's groups, by group index.
#[derive(Debug, Clone, Default)]
pub struct Tokens(Vec<Token>);

impl Tokens {
    pub fn new(groups: usize) -> Result<Tokens, getrandom::Error> {
        (0..groups).map(|_| Token::new()).collect::<Result<Vec<_>, _>>().map(Tokens)
    }

    /// The group whose token `text` is. Every token is compared, so the time taken does not
    /// depend on which group (if any) matched.
    pub fn group_of(&self, text: &str) -> Option<usize> {
        let mut found = None;
        for (i, t) in self.0.iter().enumerate() {
            if t.matches(text) {
                found = Some(i);
            }
        }
        found
    }

    pub fn get(&self, group: usize) -> Option<&Token> {
        self.0.get(group)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_match_only_themselves() {
        let tokens = Tokens::new(8).unwrap();
        let hexes: Vec<String> = (0..8).map(|g| tokens.get(g).unwrap().hex()).collect();
        for (g, h) in hexes.iter().enumerate() {
            assert_eq!(h.len(), 32);
            assert_eq!(tokens.group_of(h), Some(g));
            assert_eq!(tokens.group_of(&h.to_uppercase()), None);
            assert_eq!(tokens.group_of(&h[..31]), None);
        }
        let distinct: std::collections::HashSet<_> = hexes.iter().collect();
        assert_eq!(distinct.len(), 8, "no two groups share a token");
        assert_eq!(tokens.group_of("00000000000000000000000000000000"), None);
        assert_eq!(format!("{:?}", tokens.get(0).unwrap()), "Token(…)");
    }
}
