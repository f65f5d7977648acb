//! `--anonymize` for `debrief` and `series` alike: one anonymiser, one alias table.

use std::path::{Path, PathBuf};

use clap::Args;

use super::common::{WARNING, fail};
use crate::anonymize::{AliasTable, Anonymizer, read_redactions};
use crate::scenario::text::L;
use crate::scenario::{Lang, clean};

/// Publishing a report (`debrief` and `series` alike): one anonymiser, one alias table.
#[derive(Args)]
pub struct PublishArgs {
    /// Fit to publish: municipalities under random aliases kept in --aliases ("Gemeente K"); titles,
    /// file names, the facilitator, names, e-mail addresses, phone numbers, postcodes, BSNs and
    /// IBANs replaced in what people typed (never in the deck's texts); no file names in warnings.
    #[arg(long)]
    pub anonymize: bool,
    /// Names, other spellings and people to replace everywhere (one per line).
    #[arg(long, value_name = "FILE", requires = "anonymize")]
    pub redact: Option<PathBuf>,
    /// The table of aliases kept across publications ("K = Laren"), shared by `debrief` and
    /// `series`; read, extended and written back.
    #[arg(long, value_name = "FILE", requires = "anonymize")]
    pub aliases: Option<PathBuf>,
}

impl PublishArgs {
    /// The files the report reads besides the logs, which no output may replace.
    pub fn inputs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.redact.iter().chain(self.aliases.iter()).cloned()
    }

    /// The anonymiser of `--anonymize`, with the aliases kept so far and the names to redact.
    pub fn anonymizer(&self, lang: Lang) -> anyhow::Result<Option<Anonymizer>> {
        if !self.anonymize {
            return Ok(None);
        }
        let aliases = match &self.aliases {
            Some(p) => AliasTable::load(p).map_err(|e| fail(e.describe(lang)))?,
            None => AliasTable::new(),
        };
        let redactions = match &self.redact {
            Some(p) => read_redactions(p).map_err(|e| fail(e.describe(lang)))?,
            None => Vec::new(),
        };
        Ok(Some(Anonymizer::new(aliases, redactions, lang)))
    }
}

const SUSPECTS: L = L(
    "deze woorden lijken nog op namen; zet ze in het --redact-bestand als dat zo is",
    "these words still look like names; add them to the --redact file if they are",
);
const FILES: L = L(
    "deze bestandsnamen staan in de teksten en kunnen namen bevatten; controleer ze",
    "these file names are in the texts and may hold names; check them",
);
const NUMBERS: L = L(
    "deze nummers zijn niet vervangen; zet ze in het --redact-bestand als ze iemand aanwijzen",
    "these numbers were not replaced; add them to the --redact file if they point to someone",
);

/// After an anonymised report: keep the extended alias table, and list the words that still
/// look like names so the organiser can add them to the redact file.
pub fn published(a: &Anonymizer, aliases: Option<&Path>, lang: Lang) -> anyhow::Result<()> {
    if let Some(p) = aliases
        && a.aliases().changed()
    {
        a.aliases().save(p).map_err(|e| fail(e.describe(lang)))?;
    }
    for (text, list) in [(SUSPECTS, a.suspects()), (FILES, a.files()), (NUMBERS, a.numbers())] {
        if !list.is_empty() {
            note!("weerbaar: {}: {}: {}", WARNING.get(lang), text.get(lang), clean(&list.join(", ")));
        }
    }
    Ok(())
}
