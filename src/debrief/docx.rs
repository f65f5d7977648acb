//! The Word document: the same report as the Markdown and HTML ([`super::layout`] says what goes
//! where), as an editable .docx built with `docx-rs`: real heading styles (so Word's navigation
//! pane and table of contents work), tables with a header row, A4 pages with a running header
//! ("Vertrouwelijk") and page numbers. Every text is cleaned of control characters (which XML
//! cannot hold) and escaped by the crate.

use docx_rs::{
    AlignmentType, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Run, Shading, Style, StyleType,
    Table, TableCell, TableRow, WidthType,
};

use super::layout::{self, Cell, Markup, Tone};
use super::words as w;
use super::{DebriefError, Report};

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Block {
    fn p(p: Paragraph) -> Block {
        Block::P(Box::new(p))
    }
}

struct Word {
    blocks: Vec<Block>,
}

fn text(s: &str) -> String {
    crate::scenario::clean(s).replace(['\n', '\r'], " ")
}

fn run(s: &str) -> Run {
    Run::new().add_text(text(s))
}

impl Markup for Word {
    fn heading(&mut self, level: u8, title: &str) {
        let level = level.clamp(1, 4);
        self.blocks
            .push(Block::p(Paragraph::new().style(&format!("Heading{level}")).keep_next(true).add_run(run(title))));
    }

    fn paragraph(&mut self, tone: Option<Tone>, body: &str) {
        let r = match tone {
            Some(Tone::Meta) => run(body).italic().color("444444"),
            Some(Tone::Differ | Tone::Agree) => run(body).bold(),
            Some(Tone::Warning) => run(&format!("⚠ {body}")).bold(),
            None => run(body),
        };
        self.blocks.push(Block::p(Paragraph::new().add_run(r)));
    }

    fn labelled(&mut self, label: &str, body: &str) {
        self.blocks.push(Block::p(Paragraph::new().add_run(run(&format!("{label}: ")).bold()).add_run(run(body))));
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>) {
        let cell = |s: &str, bold: bool, right: bool| {
            let mut p = Paragraph::new().add_run(if bold { run(s).bold() } else { run(s) });
            if right {
                p = p.align(AlignmentType::Right);
            }
            let c = TableCell::new().add_paragraph(p);
            if bold { c.shading(Shading::new().fill("E8E8E8")) } else { c }
        };
        let mut lines = vec![TableRow::new(headers.iter().map(|h| cell(h, true, false)).collect()).cant_split()];
        for row in rows {
            lines.push(TableRow::new(row.iter().map(|c| cell(&c.text, false, c.numeric)).collect()).cant_split());
        }
        self.blocks.push(Block::T(Box::new(Table::new(lines).width(5000, WidthType::Pct))));
        self.blocks.push(Block::p(Paragraph::new()));
    }

    fn bullets(&mut self, items: &[String]) {
        for i in items {
            self.blocks
                .push(Block::p(Paragraph::new().indent(Some(360), None, None, None).add_run(run(&format!("• {i}")))));
        }
    }
}

fn heading_style(level: usize, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .outline_lvl(level - 1)
        .size(size)
        .bold()
        .color("154273")
}

pub fn render(report: &Report) -> Result<Vec<u8>, DebriefError> {
    let lang = report.lang;
    let summaries = report.summaries();
    let title = summaries.first().map_or(w::REPORT.get(lang).to_string(), |s| s.title.clone());
    let mut word = Word { blocks: Vec::new() };
    layout::warnings(&mut word, &report.warnings(), lang);
    for s in &summaries {
        layout::session(&mut word, s, lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut word, &a, lang);
    }
    let header = Header::new().add_paragraph(
        Paragraph::new()
            .add_run(run(&format!("{}: {title}", w::REPORT.get(lang))).size(16).color("444444"))
            .add_run(run(&format!(" · {}", w::CONFIDENTIAL.get(lang))).size(16).bold()),
    );
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(run(&format!("{} ", w::PAGE.get(lang))).size(16))
            .add_page_num(PageNum::new())
            .add_run(run(&format!(" {} ", w::OF.get(lang))).size(16))
            .add_num_pages(NumPages::new()),
    );
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin {
            top: 1134,
            left: 1020,
            bottom: 1134,
            right: 1020,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .header(header)
        .footer(footer)
        .add_style(heading_style(1, 36))
        .add_style(heading_style(2, 30))
        .add_style(heading_style(3, 26))
        .add_style(heading_style(4, 22));
    for block in word.blocks {
        doc = match block {
            Block::P(p) => doc.add_paragraph(*p),
            Block::T(t) => doc.add_table(*t),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|e| DebriefError::Write(e.to_string()))?;
    Ok(out.into_inner())
}
