//! The engine's errors in the reader's language. The `Display` texts of these types are English
//! (for logs and developers); everything a facilitator reads goes through `describe(lang)`, so a
//! Dutch screen or command line never shows an English sentence.

use super::engine::{Refusal, SessionError};
use super::event::MAX_GROUPS;
use super::state::ApplyError;
use crate::scenario::{Lang, clean};

impl Refusal {
    /// Why the engine refused, as one sentence for the console's message line.
    pub fn describe(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::En => self.to_string(),
            Lang::Nl => refusal_nl(self),
        };
        clean(&text).into_owned()
    }
}

fn refusal_nl(r: &Refusal) -> String {
    match r {
        Refusal::Ended => "De sessie is al afgesloten.".into(),
        Refusal::UnknownCard(c) => format!("Er is geen kaart `{c}` in het deck."),
        Refusal::AlreadyPlayed(c) => format!("Kaart `{c}` is al gespeeld."),
        Refusal::CardStillOpen(c) => format!("Kaart `{c}` is nog open; sluit die eerst."),
        Refusal::NoOpenCard => "Er is geen kaart open.".into(),
        Refusal::UnknownInject(i) => format!("Deze kaart heeft geen ontwikkeling `{i}`."),
        Refusal::AlreadyReleased(i) => format!("Ontwikkeling `{i}` is al vrijgegeven."),
        Refusal::UnknownGroup(g) => format!("Er is geen groep {g}."),
        Refusal::UnknownOption(o) => format!("Deze kaart heeft geen optie `{o}`."),
        Refusal::AlreadyRevealed => "De antwoorden zijn al getoond.".into(),
        Refusal::NotEveryoneAnswered(groups) => {
            let list: Vec<String> = groups.iter().map(ToString::to_string).collect();
            format!("Nog niet iedereen heeft geantwoord (wacht op groep {}).", list.join(", "))
        }
        Refusal::AlreadyPaused => "De klok staat al stil.".into(),
        Refusal::NotPaused => "De klok loopt al.".into(),
        Refusal::EmptyText => "De tekst is leeg.".into(),
        Refusal::TooLarge => format!(
            "Dit is te groot voor één regel van het logboek (meer dan {} KiB); er is niets vastgelegd.",
            super::journal::MAX_LINE >> 10
        ),
        Refusal::Duplicate(c) => format!("Kaart `{c}` staat twee keer op de agenda."),
        Refusal::FollowUpTooLate => {
            "Acties van een vorige sessie kunnen alleen aan het begin worden ingebracht.".into()
        }
        Refusal::UnknownAction(i) => format!("Er is geen eerdere actie {}.", i + 1),
        Refusal::NothingToRevise(i) => format!("Deze sessie heeft geen notitie of actie {}.", i + 1),
        Refusal::ConditionNotMet(i) => {
            format!("Ontwikkeling `{i}` is alleen voor groepen met een keuze die geen groep maakte.")
        }
        Refusal::UnanimousWithDissent => "Unaniem en een afwijkende mening gaan niet samen: kies eerst een andere \
                                          manier van besluiten (d) of haal de afwijkende rollen weg (r)."
            .into(),
        Refusal::AlreadyPlanned(c) => format!("Kaart `{c}` staat al op de agenda."),
        Refusal::RevealedCannotUndo => "De zaal heeft de antwoorden al gezien; dat is niet terug te draaien.".into(),
        Refusal::HasAnswers => "Deze kaart heeft al antwoorden: neem ze eerst terug (u) of sluit de kaart (x).".into(),
        Refusal::NotReleased(i) => format!("Ontwikkeling `{i}` staat niet op de schermen."),
        Refusal::NoAnswer(g) => format!("Groep {g} heeft geen antwoord om terug te nemen."),
        Refusal::NotFromDevice => "Een apparaat kan alleen het antwoord van zijn eigen groep vastleggen.".into(),
        Refusal::NotTheOpenCard => "De beantwoorde kaart is niet de kaart die open is.".into(),
        Refusal::UnknownObjective(o) => format!("Het deck heeft geen doelstelling `{o}`."),
    }
}

impl ApplyError {
    /// Why a log cannot be folded into a session.
    pub fn describe(&self, lang: Lang) -> String {
        let text = match (self, lang) {
            (e, Lang::En) => e.to_string(),
            (ApplyError::NotStarted, Lang::Nl) => "het logboek begint niet met het begin van een sessie".into(),
            (ApplyError::StartedTwice, Lang::Nl) => "het logboek begint twee keer een sessie".into(),
            (ApplyError::NotOpen(c), Lang::Nl) => format!("gebeurtenis voor kaart `{c}`, die niet open is"),
            (ApplyError::Ended, Lang::Nl) => "de sessie was al afgesloten".into(),
            (ApplyError::UnknownGroup(g), Lang::Nl) => format!("onbekende groep {g}"),
            (ApplyError::Inconsistent(why), Lang::Nl) => {
                format!("de gebeurtenis past niet bij de sessie: {}", inconsistent_nl(why))
            }
            (ApplyError::TooManyGroups(n), Lang::Nl) => {
                format!("de sessie noemt {n} groepen; Weerbaar ondersteunt er hoogstens {MAX_GROUPS}")
            }
        };
        clean(&text).into_owned()
    }
}

impl SessionError {
    /// The error in the reader's language; a log problem as itself (reading a log is not
    /// "writing to the log"), file names and quoted input cleaned for the terminal.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (SessionError::Refused(r), _) => r.describe(lang),
            (SessionError::Setup(s), _) => s.describe(lang),
            (SessionError::Log(e), _) => e.describe(lang),
            (SessionError::Deck(e), _) => e.describe(lang),
            (SessionError::Due(e), _) => e.describe(lang),
            (SessionError::Unusable { path, source }, _) => {
                format!("{}: {}", clean(&path.display().to_string()), source.describe(lang))
            }
            (SessionError::OtherDeck { path, note }, Lang::Nl) => format!(
                "{}: niet voortgezet, want dit is niet het deck waarmee de sessie is gespeeld: {}",
                clean(&path.display().to_string()),
                note.describe(lang)
            ),
            (e @ SessionError::OtherDeck { .. }, Lang::En) => clean(&e.to_string()).into_owned(),
        }
    }
}

/// The Dutch for the reasons `State::apply` gives when an event contradicts the ones before it.
fn inconsistent_nl(why: &str) -> &str {
    match why {
        "a card was opened while another was open" => "een kaart geopend terwijl er al een open was",
        "a choice after the reveal" => "een keuze na het tonen van de antwoorden",
        "a played card put back on the agenda" => "een gespeelde kaart terug op de agenda",
        "a rationale after the reveal" => "een toelichting na het tonen van de antwoorden",
        "a correction of an unknown note" => "een correctie van een onbekende notitie",
        "a correction of an unknown action" => "een correctie van een onbekende actie",
        "a second follow-up" => "een tweede vervolg op een vorige sessie",
        "paused twice" => "twee keer gepauzeerd",
        "progress of an unknown action" => "de stand van een onbekende actie",
        "resumed while running" => "hervat terwijl de klok liep",
        "revealed twice" => "twee keer getoond",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::CardId;
    use crate::session::setup::SetupError;

    #[test]
    fn dutch_texts_carry_no_english_and_quoted_input_is_cleaned() {
        let e = SetupError::DuplicateGroup("La\u{1b}[2Jren".into());
        let nl = e.describe(Lang::Nl);
        assert_eq!(nl, "twee groepen heten `Laren`");
        let r = Refusal::AlreadyPlayed(CardId::from("ransom-friday"));
        assert_eq!(r.describe(Lang::Nl), "Kaart `ransom-friday` is al gespeeld.");
        assert_eq!(r.describe(Lang::En), "card `ransom-friday` has already been played");
        let s = SessionError::Setup(SetupError::Minutes(5));
        assert_eq!(s.describe(Lang::Nl), "een sessie duurt 10 tot 600 minuten, niet 5");
    }
}
