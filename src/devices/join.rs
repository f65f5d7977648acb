//! The join screen: for one group at a time its link and a QR code drawn with half blocks (two
//! modules per character cell, dark on white with a quiet zone, so a phone reads it off a
//! projector). `←`/`→` or a digit picks the group, Enter goes on.

use qrcode::{Color, EcLevel, QrCode};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout};
use ratatui::style::{Color as Tc, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::scenario::text::L;
use crate::scenario::{Lang, clean};
use crate::ui::theme;

pub const TITLE: L = L("Antwoorden op eigen apparaat", "Answers on the groups' own devices");
/// At most 80 characters: one line on the default terminal, under the code.
pub const SCAN: L = L(
    "Laat alleen deze groep scannen: wie de link heeft, kan voor de groep antwoorden.",
    "Let only this group scan: whoever has the link can answer for the group.",
);
/// The keys of the join screen, named from the keymap.
pub const KEYS: L = L(
    "{Join.Select} of {Join.Choose} andere groep · {Join.Close} verder · {Agenda.Links} toont dit scherm later opnieuw",
    "{Join.Select} or {Join.Choose} another group · {Join.Close} go on · {Agenda.Links} shows this screen again later",
);
pub const NO_LINKS: L = L(
    "Er zijn geen links: de sessie is afgelopen of nog niet begonnen.",
    "There are no links: the session has ended or not begun.",
);
pub const TOO_SMALL_QR: L = L(
    "Het venster is te klein voor de QR-code; maak het groter of typ de link over.",
    "The window is too small for the QR code; enlarge it or type the link.",
);

/// Modules of light border around the code (the standard asks for 4; 2 reads fine on screens).
const QUIET: i32 = 2;

/// The QR code of `text` as rows of half-block characters (`█ ▀ ▄` and spaces), dark modules
/// as ink. `None` when the text does not fit in a QR code.
pub fn qr_lines(text: &str) -> Option<Vec<String>> {
    // Level L (7 % recovery): a screen does not get dirty or torn, and the smaller code (33
    // modules for a link) fits the default 80x24 terminal.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let width = code.width() as i32;
    let colors = code.to_colors();
    let dark = |x: i32, y: i32| {
        (0..width).contains(&x) && (0..width).contains(&y) && colors.get((y * width + x) as usize) == Some(&Color::Dark)
    };
    let mut lines = Vec::new();
    let mut y = -QUIET;
    while y < width + QUIET {
        let row: String = (-QUIET..width + QUIET)
            .map(|x| match (dark(x, y), dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        lines.push(row);
        y += 2;
    }
    Some(lines)
}

/// Draws the join screen for `links` (group name, link), showing group `sel`.
pub fn render(frame: &mut Frame, links: &[(String, String)], sel: usize, lang: Lang) {
    let area = frame.area();
    let Some((name, url)) = links.get(sel.min(links.len().saturating_sub(1))) else {
        frame.render_widget(Paragraph::new(NO_LINKS.get(lang)).alignment(Alignment::Center), area);
        return;
    };
    let qr = qr_lines(url).unwrap_or_default();
    let qr_height = qr.len() as u16;
    let qr_width = qr.first().map_or(0, |l| l.chars().count()) as u16;
    let [head, code, foot] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let head_lines = vec![
        Line::styled(TITLE.get(lang), theme::heading()),
        Line::from(vec![
            Span::styled(format!("{} / {}  ", sel + 1, links.len()), theme::dim()),
            Span::styled(clean(name).into_owned(), theme::heading()),
        ]),
        Line::raw(url.clone()),
    ];
    frame.render_widget(Paragraph::new(head_lines).alignment(Alignment::Center), head);
    if qr_height <= code.height && qr_width <= code.width {
        // Explicit colours: dark ink on white, whatever the terminal's palette.
        let ink = Style::new().fg(Tc::Black).bg(Tc::White);
        let lines: Vec<Line> = qr.into_iter().map(|l| Line::styled(l, ink)).collect();
        let top = code.y + (code.height - qr_height) / 2;
        let left = code.x + (code.width - qr_width) / 2;
        let at = ratatui::layout::Rect { x: left, y: top, width: qr_width, height: qr_height };
        frame.render_widget(Paragraph::new(lines), at);
    } else {
        frame.render_widget(Paragraph::new(TOO_SMALL_QR.get(lang)).alignment(Alignment::Center), code);
    }
    let foot_lines = vec![
        Line::styled(SCAN.get(lang), theme::dim()),
        // The digits the table accepts (1-8) narrowed to the groups there are ("1-3").
        Line::styled(
            crate::ui::keymap::with_keys(KEYS.get(lang), lang).replace("1-8", &format!("1-{}", links.len().min(8))),
            theme::dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(foot_lines).alignment(Alignment::Center), foot);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_a_square_code_with_a_quiet_zone() {
        let url = "http://192.168.178.23:8080/g/0123456789abcdef0123456789abcdef";
        let lines = qr_lines(url).unwrap();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert_eq!(lines.len(), width.div_ceil(2), "two rows of modules per line");
        assert!(lines[0].chars().all(|c| c == ' '), "the quiet zone is light");
        // The finder pattern's top edge: seven dark modules after the quiet zone.
        let row: Vec<char> = lines[1].chars().collect();
        assert!(row[2..9].iter().all(|c| *c == '█' || *c == '▀'), "{}", lines[1]);
    }
}
