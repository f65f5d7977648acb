//! `weerbaar review LOG`: a read-only walk through a finished or interrupted session, card by
//! card, with the console's own screens. It never writes to the log.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::i18n::{self as t};
use super::run::Program;
use super::screens::{self, View};
use super::theme;
use crate::debrief::SessionLog;
use crate::scenario::{Deck, Lang};

pub struct Review {
    pub log: SessionLog,
    pub deck: Deck,
    pub lang: Lang,
    /// 0..plays: a card; plays: the debrief page.
    pub page: usize,
    pub scroll: u16,
    pub show_notes: bool,
    pub help: bool,
    pub quit: bool,
}

const KEYS: [(&str, t::L); 6] = [
    ("→ Enter", t::L("volgende kaart", "next card")),
    ("← Backspace", t::L("vorige kaart", "previous card")),
    ("↑↓ PgUp PgDn", t::L("scrollen", "scroll")),
    ("f", t::L("facilitatornotities", "facilitator notes")),
    ("?", t::L("help", "help")),
    ("q Esc", t::L("sluiten", "close")),
];

impl Review {
    pub fn new(log: SessionLog, deck: Deck, lang: Lang) -> Self {
        Review { log, deck, lang, page: 0, scroll: 0, show_notes: false, help: false, quit: false }
    }

    fn pages(&self) -> usize {
        self.log.state.plays.len() + 1
    }

    fn view(&self) -> View<'_> {
        let now = self.log.state.ended_at.unwrap_or(self.log.state.last_at);
        View {
            scroll: self.scroll,
            show_notes: self.show_notes,
            // The review is the facilitator's own look back: notes included.
            private: true,
            reveal_all: true,
            scores_after: (self.page < self.log.state.plays.len()).then_some(self.page),
            ..View::new(&self.log.state, &self.deck, self.lang, now)
        }
    }
}

impl Program for Review {
    fn on_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if self.help {
            self.help = false;
            return;
        }
        let last = self.pages() - 1;
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('?') | KeyCode::F(1) => self.help = true,
            KeyCode::Right | KeyCode::Enter | KeyCode::Char(' ') => {
                self.page = (self.page + 1).min(last);
                self.scroll = 0;
            }
            KeyCode::Left | KeyCode::Backspace => {
                self.page = self.page.saturating_sub(1);
                self.scroll = 0;
            }
            KeyCode::Home => self.page = 0,
            KeyCode::End => self.page = last,
            KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Char('f') => self.show_notes = !self.show_notes,
            _ => {}
        }
    }

    fn on_tick(&mut self) {}

    fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < screens::MIN_WIDTH || area.height < screens::MIN_HEIGHT {
            let msg = format!("{} ({}x{})", t::TOO_SMALL.get(self.lang), screens::MIN_WIDTH, screens::MIN_HEIGHT);
            if area.height > 0 {
                frame.render_widget(Paragraph::new(msg), area);
            }
            return;
        }
        let [header, body, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let lang = self.lang;
        let view = self.view();
        let page_label = if self.page < self.log.state.plays.len() {
            format!("{} {}/{}", t::CARD.get(lang), self.page + 1, self.log.state.plays.len())
        } else {
            t::DEBRIEF.get(lang).to_string()
        };
        let badge = Span::styled(format!(" {} ", t::REVIEW.get(lang)), theme::warn());
        screens::header(
            frame,
            header,
            Some(badge),
            &format!("{} · {page_label}", self.log.state.setup.title),
            None,
            lang,
        );
        match self.log.state.plays.get(self.page) {
            Some(play) => screens::card::render(&view, play, frame, body),
            None => screens::end::render(&view, &self.log.path.display().to_string(), frame, body),
        }
        let spans: Vec<Span> = KEYS
            .iter()
            .flat_map(|(k, what)| {
                [Span::styled(format!(" {k} "), theme::key()), Span::raw(format!(" {}  ", what.get(lang)))]
            })
            .collect();
        frame.render_widget(Line::from(spans), status);
        if self.help {
            let lines: Vec<Line> = KEYS
                .iter()
                .map(|(k, what)| {
                    Line::from(vec![Span::styled(format!(" {k:<14}"), theme::heading()), Span::raw(what.get(lang))])
                })
                .collect();
            let height = (lines.len() as u16 + 2).min(body.height);
            let popup = ratatui::layout::Rect {
                x: body.x + 2,
                y: body.y + 1,
                width: body.width.saturating_sub(4).min(60),
                height,
            };
            frame.render_widget(ratatui::widgets::Clear, popup);
            let block = ratatui::widgets::Block::bordered().title(format!(" {} ", t::KEYS.get(lang)));
            frame.render_widget(Paragraph::new(lines).block(block), popup);
        }
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    fn tick(&self) -> Duration {
        Duration::from_secs(3600)
    }
}
