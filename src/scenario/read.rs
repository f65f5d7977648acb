//! Reading a deck directory from disk without trusting it: no blocking on a FIFO, no reading a
//! device until memory runs out, no following a link out of the deck, no name printed raw.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::diag::Diagnostic;
use super::model::Source;
use crate::msg;

/// The largest file a deck may hold. A list of 10,000 cards is about 10 MiB; anything far
/// beyond that is a mistake (or `/dev/zero`), and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading a directory gave: the files to parse and what could not or would not be read.
#[derive(Debug, Default)]
pub struct DirRead {
    pub sources: Vec<Source>,
    pub problems: Vec<Diagnostic>,
}

/// Why one file could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotRegular,
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadError {
    /// The problem as a diagnostic about `shown` (the path as printed).
    pub fn diagnostic(&self, shown: &str) -> Diagnostic {
        match self {
            ReadError::NotRegular => Diagnostic::new(
                "E033",
                shown,
                msg!(
                    "dit is geen gewoon bestand (maar een map, apparaat of pijp) en wordt niet gelezen",
                    "this is not a regular file (but a directory, device or pipe) and is not read"
                ),
            )
            .help(msg!(
                "een kaart is een gewoon tekstbestand dat eindigt op .ron",
                "a card is a plain text file ending in .ron"
            )),
            ReadError::TooLarge(len) => {
                let (mib, max) = (len / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
                Diagnostic::new(
                    "E034",
                    shown,
                    msg!(
                        "het bestand is te groot ({mib} MiB); een deckbestand mag hoogstens {max} MiB zijn",
                        "the file is too large ({mib} MiB); a deck file may be at most {max} MiB"
                    ),
                )
            }
            ReadError::Io(e) => {
                let (nl, en) = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => {
                        ("u hebt geen leesrechten voor dit bestand", "you have no permission to read this file")
                    }
                    std::io::ErrorKind::NotFound => {
                        ("het bestand bestaat niet (meer)", "the file does not exist (any more)")
                    }
                    _ => ("het bestand kan niet gelezen worden", "the file cannot be read"),
                };
                Diagnostic::new("E035", shown, msg!("{nl} ({e})", "{en} ({e})"))
            }
        }
    }
}

/// Reads one file: opened without blocking (a FIFO must not hang the program), refused unless it
/// is a regular file, and never more than [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads every `.ron` file under `root`, sorted by path, and reports what it skipped: names that
/// are not UTF-8, links out of the deck, special files, files that are not `.ron`.
pub fn read_dir(root: &Path) -> std::io::Result<DirRead> {
    let canonical_root = std::fs::canonicalize(root)?;
    let mut found = Vec::new();
    let mut out = DirRead::default();
    walk(root, &canonical_root, 0, &mut found, &mut out.problems)?;
    found.sort();
    for (path, shown) in found {
        match read_file(&path) {
            Ok(bytes) => out.sources.push(Source { path: shown, bytes: bytes.into() }),
            Err(e) => out.problems.push(e.diagnostic(&shown)),
        }
    }
    Ok(out)
}

/// A file whose name is not UTF-8: named (cleaned, with replacement characters), never read.
pub fn name_not_utf8(shown: &str) -> Diagnostic {
    Diagnostic::new(
        "E031",
        shown,
        msg!("de bestandsnaam is geen geldige UTF-8-tekst", "the file name is not valid UTF-8 text"),
    )
    .help(msg!(
        "geef het bestand een naam met gewone letters, zoals `mijn-kaart.ron`",
        "rename the file with plain letters, like `my-card.ron`"
    ))
}

fn walk(
    dir: &Path,
    root: &Path,
    depth: usize,
    found: &mut Vec<(PathBuf, String)>,
    problems: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let shown = path.display().to_string();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(name_not_utf8(&shown));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            let inside = std::fs::canonicalize(&path).is_ok_and(|target| target.starts_with(root));
            if !inside {
                problems.push(
                    Diagnostic::new(
                        "E032",
                        &shown,
                        msg!(
                            "deze koppeling wijst naar een bestand buiten het deck en wordt niet gevolgd",
                            "this link points to a file outside the deck and is not followed"
                        ),
                    )
                    .help(msg!("kopieer het bestand in de map van het deck", "copy the file into the deck's folder")),
                );
                continue;
            }
        }
        // A link to a directory inside the deck is not followed: it could lead round in a circle.
        if kind.is_dir() {
            if depth < 16 {
                walk(&path, root, depth + 1, found, problems)?;
            }
            continue;
        }
        if name.ends_with(".ron") {
            found.push((path, shown));
        } else if name.eq_ignore_ascii_case("deck.ron") && depth == 0 {
            problems.push(
                Diagnostic::new(
                    "W010",
                    &shown,
                    msg!(
                        "het manifest moet `deck.ron` heten, in kleine letters; dit bestand wordt niet gelezen",
                        "the manifest must be called `deck.ron`, in lowercase; this file is not read"
                    ),
                )
                .help(msg!("hernoem het bestand naar `deck.ron`", "rename the file to `deck.ron`")),
            );
        } else if depth > 0 {
            let nl_hint = if name.to_lowercase().contains(".ron") {
                format!("hernoem het naar `{}.ron`", clean_stem(&name))
            } else {
                "alleen bestanden die eindigen op `.ron` zijn kaarten".to_string()
            };
            let en_hint = if name.to_lowercase().contains(".ron") {
                format!("rename it to `{}.ron`", clean_stem(&name))
            } else {
                "only files ending in `.ron` are cards".to_string()
            };
            problems.push(
                Diagnostic::new(
                    "W009",
                    &shown,
                    msg!(
                        "dit bestand eindigt niet op `.ron` en wordt overgeslagen",
                        "this file does not end in `.ron` and is skipped"
                    ),
                )
                .help(msg!("{nl_hint}", "{en_hint}")),
            );
        }
    }
    Ok(())
}

/// `kaart.ron.txt` -> `kaart`, `Kaart.RON` -> `Kaart`: the name an author meant.
fn clean_stem(name: &str) -> &str {
    let lower = name.to_lowercase();
    match lower.find(".ron") {
        Some(i) if name.is_char_boundary(i) => &name[..i],
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_the_wrong_ending() {
        assert_eq!(clean_stem("kaart.ron.txt"), "kaart");
        assert_eq!(clean_stem("Kaart.RON"), "Kaart");
    }
}
