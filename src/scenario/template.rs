//! Skeletons for `weerbaar new`: a deck and a card in Dutch, every field present and explained,
//! so an author starts from something `weerbaar check` understands. The texts are left empty on
//! purpose: `check` names each one until it is written.

use std::path::{Path, PathBuf};

use super::diag::Msg;
use super::model::Theme;
use crate::msg;

/// The dimensions a new deck starts with; a new card outside a deck uses them too.
pub const DIMENSIONS: [&str; 2] = ["vertrouwen", "continuiteit"];

/// Why a skeleton could not be written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{}", .0.en)]
    Refused(Msg),
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl NewError {
    /// The message in the user's language.
    pub fn text(&self, lang: super::Lang) -> String {
        match self {
            NewError::Refused(m) => m.get(lang).to_string(),
            NewError::Io { path, source } => match lang {
                super::Lang::Nl => format!("kan {} niet schrijven: {source}", path.display()),
                super::Lang::En => self.to_string(),
            },
        }
    }
}

/// True for ids like `ransom-friday`: lowercase letters, digits, single dashes.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn refuse_bad_id(id: &str) -> Result<(), NewError> {
    if is_kebab(id) {
        Ok(())
    } else {
        Err(NewError::Refused(msg!(
            "`{id}` is geen goed id: gebruik kleine letters, cijfers en losse streepjes, zoals `pers-belt`",
            "`{id}` is not a good id: use lowercase letters, digits and single dashes, like `press-calls`"
        )))
    }
}

/// Writes `text` to `path`, never over an existing file: an author's work is never lost.
fn write_new(path: &Path, text: &str) -> Result<(), NewError> {
    if path.exists() {
        return Err(NewError::Refused(msg!(
            "{} bestaat al; kies een andere naam of map",
            "{} already exists; choose another name or folder",
            path.display()
        )));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| NewError::Io { path: parent.to_path_buf(), source })?;
    }
    let mut options = std::fs::OpenOptions::new();
    let mut file = options
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| NewError::Io { path: path.to_path_buf(), source })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|source| NewError::Io { path: path.to_path_buf(), source })
}

/// `weerbaar new deck DIR`: a manifest and a first card. Returns the files written.
pub fn new_deck(dir: &Path) -> Result<Vec<PathBuf>, NewError> {
    let manifest = dir.join("deck.ron");
    let card = dir.join("cards").join("eerste-kaart.ron");
    for p in [&manifest, &card] {
        if p.exists() {
            return Err(NewError::Refused(msg!(
                "{} bestaat al; `new deck` schrijft alleen in een nieuwe of lege map",
                "{} already exists; `new deck` only writes into a new or empty folder",
                p.display()
            )));
        }
    }
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
        .map(|s| s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-"))
        .filter(|s| is_kebab(s))
        .unwrap_or_else(|| "mijn-deck".to_string());
    write_new(&manifest, &deck_text(&id))?;
    write_new(&card, &card_text("eerste-kaart", Theme::OwnHouse, "EigenHuis", &DIMENSIONS, Some("wie-beslist")))?;
    Ok(vec![manifest, card])
}

/// `weerbaar new card ID --theme THEMA [--deck DIR]`: one card in the deck's `cards/` folder
/// (or in DIR itself when it has none), with the deck's own dimensions in its effects.
pub fn new_card(id: &str, theme: Theme, deck: &Path) -> Result<PathBuf, NewError> {
    new_card_as(id, theme, theme_name(theme), deck)
}

/// `new_card`, with the theme written as the author asked for it: `Leiderschap` when asked for
/// `Leiderschap` (the loader reads the Dutch names too), `Leadership` when asked for that.
pub fn new_card_written(id: &str, asked: &str, deck: &Path) -> Result<PathBuf, NewError> {
    let Some(theme) = Theme::parse(asked) else {
        return Err(NewError::Refused(msg!(
            "onbekend thema `{asked}`: kies Leiderschap, EigenHuis, Ontwrichting of DigitaleCriminaliteit",
            "unknown theme `{asked}`: choose Leadership, OwnHouse, Disruption or DigitalCrime"
        )));
    };
    let english = theme_name(theme);
    let plain = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let written = if plain(asked) == plain(english) { english } else { theme_name_nl(theme) };
    new_card_as(id, theme, written, deck)
}

fn new_card_as(id: &str, theme: Theme, written: &str, deck: &Path) -> Result<PathBuf, NewError> {
    refuse_bad_id(id)?;
    let folder = if deck.join("cards").is_dir() || deck.join("deck.ron").is_file() {
        deck.join("cards")
    } else {
        deck.to_path_buf()
    };
    let (dims, objectives) = deck_ids(deck);
    let dims: Vec<&str> = if dims.len() >= 2 { dims.iter().map(String::as_str).collect() } else { DIMENSIONS.to_vec() };
    let objective = objectives.first().map(String::as_str);
    let path = folder.join(format!("{id}.ron"));
    write_new(&path, &card_text(id, theme, written, &dims, objective))?;
    Ok(path)
}

/// The dimension and objective ids of the deck at `dir`, if it has a readable manifest.
fn deck_ids(dir: &Path) -> (Vec<String>, Vec<String>) {
    let Ok(bytes) = super::read::read_file(&dir.join("deck.ron")) else {
        return (Vec::new(), Vec::new());
    };
    let text = String::from_utf8_lossy(&bytes);
    ron::from_str::<super::model::Manifest>(text.trim_start_matches('\u{feff}'))
        .map(|m| {
            (
                m.dimensions.into_iter().map(|d| d.id.0).collect(),
                m.objectives.into_iter().map(|o| o.id.as_str().to_string()).collect(),
            )
        })
        .unwrap_or_default()
}

/// The Dutch name of a theme as the loader reads it.
fn theme_name_nl(theme: Theme) -> &'static str {
    match theme {
        Theme::DigitalCrime => "DigitaleCriminaliteit",
        Theme::OwnHouse => "EigenHuis",
        Theme::Disruption => "Ontwrichting",
        Theme::Leadership => "Leiderschap",
    }
}

/// The theme as written in RON, with its Dutch name as a comment.
fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::DigitalCrime => "DigitalCrime",
        Theme::OwnHouse => "OwnHouse",
        Theme::Disruption => "Disruption",
        Theme::Leadership => "Leadership",
    }
}

fn deck_text(id: &str) -> String {
    format!(
        r#"// Het manifest van een deck: wat het deck is en welke sessies het aanbiedt.
// Vul elke lege tekst "" in en controleer met: weerbaar check .
// Een tekst is "..." (Nederlands) of (nl: "...", en: "...") met een Engelse vertaling.
// Opmerkingen beginnen met //. Uitleg per veld: docs/scenarios.md.
Deck(
    id: "{id}",                // kleine letters, cijfers en streepjes
    format: 1,                  // het kaartformaat; laat op 1 staan
    title: "",                  // de naam van het deck, zoals de gespreksleider hem ziet
    description: "",            // mag leeg blijven: haal de regel dan weg
    languages: [nl],            // zet [nl, en] als elke tekst ook in het Engels komt
    objectives: [               // wat de sessie oefent; kaarten noemen de doelen die ze dienen
        (id: "wie-beslist", text: ""),
    ],
    dimensions: [               // de scores die keuzes veranderen (effecten van -3 tot +3)
        (id: "{d0}", label: "Vertrouwen"),
        (id: "{d1}", label: "Continuïteit van de dienstverlening"),
    ],
    agendas: [                  // kant-en-klare sessies; de gespreksleider kiest er een
        (
            id: "kennismaking",
            title: "",
            minutes: 60,        // de lengte van de hele sessie
            opening: 10,        // minuten voor de eerste kaart (welkom, voorstelronde)
            closing: 10,        // minuten na de laatste kaart (acties om mee te nemen)
            cards: ["eerste-kaart"],
        ),
    ],
)
"#,
        d0 = DIMENSIONS[0],
        d1 = DIMENSIONS[1],
    )
}

fn card_text(id: &str, theme: Theme, written: &str, dims: &[&str], objective: Option<&str>) -> String {
    let (d0, d1) = (dims[0], dims.get(1).copied().unwrap_or(dims[0]));
    let theme_nl = theme.label(super::Lang::Nl);
    let theme = written;
    let objectives = match objective {
        Some(o) => format!(
            "objectives: [\"{o}\"],{}// de doelen uit deck.ron die de kaart dient (mag leeg: [])",
            " ".repeat(18usize.saturating_sub(o.len()))
        ),
        None => "objectives: [],             // de doelen uit deck.ron die de kaart dient, zoals [\"wie-beslist\"]"
            .to_string(),
    };
    format!(
        r##"// Een scenariokaart. Vul elke lege tekst "" in en controleer met: weerbaar check
// Een tekst is "..." (Nederlands) of (nl: "...", en: "...") met een Engelse vertaling.
// Lange teksten met aanhalingstekens erin: r#"..."# (sluit af met "#, niet met ").
// Zet de kaart daarna op een agenda in deck.ron, anders wordt ze nooit gespeeld.
Card(
    id: "{id}",
    // Het thema ({theme_nl}). Kies uit DigitalCrime, OwnHouse, Disruption, Leadership,
    // of schrijf het in het Nederlands: DigitaleCriminaliteit, EigenHuis, Ontwrichting, Leiderschap.
    theme: {theme},
    title: "",                  // kort: wat er aan de hand is
    situation: "",              // wat de gespreksleider voorleest; lang? schrijf r#"..."#, een lege regel begint een alinea
    roles: [Burgemeester, Gemeentesecretaris, CISO],   // wie aan zet is; ook: FG, OOV, Communicatie
    minutes: 15,                // bedoelde tijd met twee delegaties, gesprek en onthulling inbegrepen
    {objectives}
    injects: [                  // ontwikkelingen tijdens de kaart (mag weg)
        (
            id: "de-pers-belt",
            at: Minute(5),      // vanzelf, 5 minuten nadat de kaart openging; of: Gespreksleider
            text: "",
        ),
    ],
    questions: [                // gespreksvragen voor de delegaties
        "",
    ],
    options: [                  // 2 tot 6 keuzes; geef elke keuze een eigen voordeel
        (
            id: "optie-a",
            label: "",          // de keuze in een paar woorden
            consequence: "",    // wat er gebeurde, verteld na de onthulling
            effects: [("{d0}", 1), ("{d1}", -1)],   // van -3 (grote schade) tot +3 (grote winst)
        ),
        (
            id: "optie-b",
            label: "",
            consequence: "",
            effects: [("{d0}", -1), ("{d1}", 1)],
            // follow_up: "andere-kaart",   // de kaart waar deze keuze naartoe leidt (mag weg)
        ),
    ],
    notes: "",                  // alleen voor de gespreksleider; niets te melden? haal de regel weg
    references: [],             // wetten en rapporten, zoals ["AVG art. 33: melding binnen 72 uur"]
    practices: [                // wat een andere gemeente echt deed, met bron; verzin er nooit een
        // (who: "Gemeente ...", text: "...", source: "https://..."),
    ],
    tags: [],                   // vrije zoekwoorden, zoals ["ransomware"]
)
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_kebab_case() {
        assert!(is_kebab("pers-belt-2"));
        assert!(!is_kebab("Pers belt") && !is_kebab("a--b") && !is_kebab(""));
    }
}
