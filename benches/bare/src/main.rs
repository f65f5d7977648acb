//! A bare ratatui app: enter the terminal, draw one bordered paragraph, wait for a key, leave.
//! The baseline for `benches/first_frame.rs`, which builds it (`cargo build --release -p bare`),
//! starts it and Weerbaar side by side and compares the time to their first frames. A package of
//! its own, not an example of Weerbaar's: an example is linked with Weerbaar's library and its
//! dev-dependencies' features, which took minutes to build after every change.

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
