//! A bare ratatui app: enter the terminal, draw one bordered paragraph, wait for a key, leave.
//! The baseline for `benches/first_frame.rs`, which starts it and Weerbaar side by side and
//! compares the time to their first frames. Build it with `cargo build --release --example bare`.

use crossterm::event::{self, Event};
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    terminal.draw(|f| f.render_widget(Paragraph::new("Tempo").block(Block::bordered().title(" bare ")), f.area()))?;
    let result = loop {
        match event::read() {
            Ok(Event::Key(_)) => break Ok(()),
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
