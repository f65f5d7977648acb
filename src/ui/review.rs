//! `weerbaar review LOG`: a read-only walk through a finished or interrupted session, card by
//! card, with the console's own screens. It never writes to the log.

use std::time::Duration;

use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::i18n::{self as t};
use super::intent::Intent;
use super::keymap::{self, Context};
use super::run::Program;
use super::screens::{self, View};
use super::theme;
use crate::debrief::SessionLog;
use crate::scenario::{Deck, Lang};

pub struct Review {
    pub log: SessionLog,
    pub deck: Deck,
    pub lang: Lang,
    /// The follow-up page first when the session followed up on another (the statuses of the
    /// previous actions), then a page per card, then the debrief page.
    pub page: usize,
    pub scroll: u16,
    pub show_notes: bool,
    pub help: bool,
    pub quit: bool,
    /// How many pages the screen had when last drawn, so the page keys stop at the last.
    pages: screens::PageCount,
}

impl Review {
    pub fn new(log: SessionLog, deck: Deck, lang: Lang) -> Self {
        Review {
            log,
            deck,
            lang,
            page: 0,
            scroll: 0,
            show_notes: false,
            help: false,
            quit: false,
            pages: screens::PageCount::default(),
        }
    }

    fn pages(&self) -> usize {
        self.first_card() + self.log.state.plays.len() + 1
    }

    /// 1 when the review opens with the follow-up page, else 0.
    fn first_card(&self) -> usize {
        usize::from(!self.log.state.follow_up.is_empty())
    }

    /// The card on the current page, by its index in `plays`.
    fn play_index(&self) -> Option<usize> {
        self.page.checked_sub(self.first_card()).filter(|i| *i < self.log.state.plays.len())
    }

    fn view(&self) -> View<'_> {
        let now = self.log.state.ended_at.unwrap_or(self.log.state.last_at);
        View {
            scroll: self.scroll,
            show_notes: self.show_notes,
            // The review is the facilitator's own look back: every answer, notes included.
            viewer: crate::session::room::Viewer::Review,
            scores_after: self.play_index(),
            pages: Some(&self.pages),
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
        let Some(hit) = keymap::lookup(Context::Review, false, &key) else { return };
        match hit.intent {
            Intent::Quit => self.quit = true,
            Intent::Help => self.help = true,
            Intent::NextPage => {
                self.page = (self.page + 1).min(last);
                self.scroll = 0;
            }
            Intent::PrevPage => {
                self.page = self.page.saturating_sub(1);
                self.scroll = 0;
            }
            Intent::FirstPage => self.page = 0,
            Intent::LastPage => self.page = last,
            // The card and debrief pages are paged like the console's: a key turns one page
            // and stops at the last.
            Intent::Scroll(_) | Intent::Page(_) => {
                let last = self.pages.last_main();
                self.scroll = if hit.forward() {
                    self.scroll.saturating_add(1).min(last)
                } else {
                    self.scroll.min(last).saturating_sub(1)
                };
            }
            Intent::Notes => self.show_notes = !self.show_notes,
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
        self.pages.reset();
        let view = self.view();
        let on_follow_up = self.page < self.first_card();
        let page_label = match self.play_index() {
            Some(i) => format!("{} {}/{}", t::CARD.get(lang), i + 1, self.log.state.plays.len()),
            None if on_follow_up => t::FOLLOW_UP.get(lang).to_string(),
            None => t::DEBRIEF.get(lang).to_string(),
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
        match self.play_index().and_then(|i| self.log.state.plays.get(i)) {
            Some(play) => screens::card::render(&view, play, frame, body),
            None if on_follow_up => screens::follow_up::render(&view, None, frame, body),
            None => screens::end::render(&view, &self.log.path.display().to_string(), frame, body),
        }
        let bindings = keymap::bindings(Context::Review, false);
        let (pinned, shown) = screens::status_entries(&bindings, lang, usize::from(status.width));
        let right: usize = pinned.iter().map(Span::width).sum();
        let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(u16::try_from(right).unwrap_or(0))])
            .areas(status);
        frame.render_widget(Line::from(shown), l);
        frame.render_widget(Line::from(pinned), r);
        if self.help {
            let lines: Vec<Line> = bindings
                .iter()
                .map(|b| {
                    Line::from(vec![
                        Span::styled(format!(" {:<14}", b.shown(lang)), theme::heading()),
                        Span::raw(b.what.get(lang)),
                    ])
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
