//! Writing a command's `--output` file: never over one of the command's inputs, never over an
//! existing file without `--force`, and owner-only, since reports and proof copies carry the
//! names of officials and their candid words.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::msg;
use crate::scenario::Lang;
use crate::scenario::text::{L, io_error};

/// A binary report is not poured onto a terminal.
const NOT_TO_TERMINAL: L = L(
    "een binair bestand (xlsx, docx) schrijf ik niet naar de terminal; leid het om: -o - > BESTAND",
    "refusing to write a binary file (xlsx, docx) to the terminal; redirect it: -o - > FILE",
);
/// Standard output could not be written (a full disk).
pub const CANNOT_WRITE_STDOUT: L = L("kan niet naar de standaarduitvoer schrijven", "cannot write to standard output");

/// Whether an `--output` path means standard output: `-`, as in most command-line tools.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to `path` (mode 0600 on Unix); `-` is standard output (never a file called
/// `-`), except that a binary file (xlsx, docx) is not poured onto a terminal. Refusals and
/// failures are told in `lang`.
pub fn write(path: &Path, bytes: &[u8], force: bool, inputs: &[PathBuf], lang: Lang) -> anyhow::Result<()> {
    if is_stdout(path) {
        use std::io::IsTerminal;
        let mut out = std::io::stdout().lock();
        if out.is_terminal() && bytes.starts_with(b"PK") {
            anyhow::bail!("{}", NOT_TO_TERMINAL.get(lang));
        }
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Ok(()) => Ok(()),
            Err(e) => Err(anyhow::anyhow!("{}: {}", CANNOT_WRITE_STDOUT.get(lang), io_error(&e, lang))),
        };
    }
    if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
        let text = msg!(
            "{} wordt niet beschreven: het is een van de invoerbestanden van deze opdracht ({}); kies een ander \
             --output-bestand",
            "refusing to write to {}: it is one of this command's inputs ({}); choose another --output file",
            path.display(),
            input.display()
        );
        anyhow::bail!("{}", text.get(lang));
    }
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.is_file() {
            let text = msg!(
                "{} bestaat en is geen gewoon bestand; kies een ander --output-bestand",
                "{} exists and is not a regular file; choose another --output file",
                path.display()
            );
            anyhow::bail!("{}", text.get(lang));
        }
        if !force {
            let text = msg!(
                "{} bestaat al; geef --force om het te vervangen, of kies een ander --output-bestand",
                "{} already exists; give --force to replace it, or choose another --output file",
                path.display()
            );
            anyhow::bail!("{}", text.get(lang));
        }
        // Replace in one step: a failed write leaves the old file as it was.
        let tmp = path.with_file_name(format!(
            ".{}.weerbaar-tmp",
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        let _ = std::fs::remove_file(&tmp);
        create(&tmp, bytes, lang).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        let replace = msg!("kan {} niet vervangen", "cannot replace {}", path.display());
        return std::fs::rename(&tmp, path)
            .map_err(|e| anyhow::anyhow!("{}: {}", replace.get(lang), io_error(&e, lang)));
    }
    create(path, bytes, lang)
}

fn create(path: &Path, bytes: &[u8], lang: Lang) -> anyhow::Result<()> {
    // The OS's own words are English: said in the reader's language instead.
    let cannot = |e: std::io::Error| {
        anyhow::anyhow!(
            "{}: {}",
            msg!("kan {} niet schrijven", "cannot write {}", path.display()).get(lang),
            io_error(&e, lang)
        )
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(cannot)?;
    file.write_all(bytes).and_then(|()| file.sync_data()).map_err(cannot)
}

/// Whether two paths name the same file (following links), however they are spelled.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}
