//! Writing a command's `--output` file: never over one of the command's inputs, never over an
//! existing file without `--force`, and owner-only, since reports and proof copies carry the
//! names of officials and their candid words.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Whether an `--output` path means standard output: `-`, as in most command-line tools.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to `path` (mode 0600 on Unix); `-` is standard output (never a file called
/// `-`), except that a binary file (xlsx, docx) is not poured onto a terminal.
pub fn write(path: &Path, bytes: &[u8], force: bool, inputs: &[PathBuf]) -> anyhow::Result<()> {
    if is_stdout(path) {
        use std::io::IsTerminal;
        let mut out = std::io::stdout().lock();
        if out.is_terminal() && bytes.starts_with(b"PK") {
            anyhow::bail!("refusing to write a binary file (xlsx, docx) to the terminal; redirect it: -o - > FILE");
        }
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to standard output"),
        };
    }
    if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
        anyhow::bail!(
            "refusing to write to {}: it is one of this command's inputs ({}); choose another --output file",
            path.display(),
            input.display()
        );
    }
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.is_file() {
            anyhow::bail!("{} exists and is not a regular file; choose another --output file", path.display());
        }
        if !force {
            anyhow::bail!(
                "{} already exists; give --force to replace it, or choose another --output file",
                path.display()
            );
        }
        // Replace in one step: a failed write leaves the old file as it was.
        let tmp = path.with_file_name(format!(
            ".{}.weerbaar-tmp",
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        let _ = std::fs::remove_file(&tmp);
        create(&tmp, bytes).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        return std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()));
    }
    create(path, bytes)
}

fn create(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes).and_then(|()| file.sync_data()).with_context(|| format!("cannot write {}", path.display()))
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
