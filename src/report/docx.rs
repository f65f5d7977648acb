//! The Word writer of [`Markup`]: an editable .docx built with `docx-rs`: real heading styles
//! (so Word's navigation pane and table of contents work), tables with a header row that repeats
//! and column widths from the content, A4 pages with a running header and page numbers, the
//! charts as pictures, and document properties. Every text is cleaned of control characters
//! (which XML cannot hold) and escaped by the crate.

use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::{Cell, Markup, OF, PAGE, Tone};

/// The Word file could not be packed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(String);

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Block {
    fn p(p: Paragraph) -> Block {
        Block::P(Box::new(p))
    }
}

#[derive(Default)]
pub struct Word {
    blocks: Vec<Block>,
    /// Images so far: each chart's image is numbered in order, so the same report is the same file.
    images: usize,
}

impl Word {
    /// A chart as the HTML draws it, as an image the width of the text at most, under its caption
    /// and legend (real text, so they can be searched and read aloud).
    fn chart(&mut self, caption: &str, legend: &str, svg: &str) {
        self.blocks.push(Block::p(Paragraph::new().keep_next(true).add_run(run(caption).bold())));
        if !legend.is_empty() {
            self.blocks.push(Block::p(Paragraph::new().keep_next(true).add_run(run(legend).italic().color("444444"))));
        }
        let Some((png, w, h)) = super::chart::png(svg) else { return };
        // 9525 EMU to a CSS pixel, 635 to a twentieth of a point.
        let (mut width, mut height) = (u64::from(w) * 9525, u64::from(h) * 9525);
        let most = TEXT_WIDTH as u64 * 635;
        if width > most {
            height = height * most / width.max(1);
            width = most;
        }
        self.images += 1;
        let pic = Pic::new_with_dimensions(png, w, h)
            .size(u32::try_from(width).unwrap_or(u32::MAX), u32::try_from(height).unwrap_or(u32::MAX))
            .id(format!("rIdImage{}", self.images));
        self.blocks.push(Block::p(Paragraph::new().add_run(Run::new().add_image(pic))));
    }
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
        let widths = column_widths(headers, &rows);
        let cell = |s: &str, bold: bool, right: bool, width: usize| {
            let mut p = Paragraph::new().add_run(if bold { run(s).bold() } else { run(s) });
            if right {
                p = p.align(AlignmentType::Right);
            }
            let c = TableCell::new().width(width, WidthType::Dxa).add_paragraph(p);
            if bold { c.shading(Shading::new().fill("E8E8E8")) } else { c }
        };
        let width = |i: usize| widths.get(i).copied().unwrap_or(0);
        let mut lines = vec![
            TableRow::new(headers.iter().enumerate().map(|(i, h)| cell(h, true, false, width(i))).collect())
                .cant_split(),
        ];
        for row in rows {
            lines.push(
                TableRow::new(row.iter().enumerate().map(|(i, c)| cell(&c.text, false, c.numeric, width(i))).collect())
                    .cant_split(),
            );
        }
        self.blocks.push(Block::T(Box::new(
            Table::new(lines).set_grid(widths.clone()).layout(TableLayoutType::Fixed).width(TEXT_WIDTH, WidthType::Dxa),
        )));
        self.blocks.push(Block::p(Paragraph::new()));
    }

    fn bullets(&mut self, items: &[String]) {
        for i in items {
            self.blocks
                .push(Block::p(Paragraph::new().indent(Some(360), None, None, None).add_run(run(&format!("• {i}")))));
        }
    }

    fn score_chart(&mut self, caption: &str, legend: &str, dimensions: &[String], values: &[i32]) {
        self.chart(caption, legend, &super::chart::scores_svg(caption, dimensions, values));
    }

    fn option_chart(&mut self, caption: &str, legend: &str, options: &[(String, usize)]) {
        let bars: Vec<super::chart::Bar> = options
            .iter()
            .enumerate()
            .map(|(i, (label, n))| super::chart::Bar::new(format!("{}. {label}", i + 1), *n as f64, n.to_string()))
            .collect();
        self.chart(caption, legend, &super::chart::bars_svg(caption, &bars));
    }

    fn bar_chart(&mut self, caption: &str, legend: &str, bars: &[super::chart::Bar]) {
        self.chart(caption, legend, &super::chart::bars_svg(caption, bars));
    }
}

/// The width of the text on an A4 page with the margins below, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1020;
/// About one character of the 10.5 pt body font, and a cell's padding, in twentieths of a point.
const CHAR: usize = 105;
const PADDING: usize = 230;

/// Column widths from the content, as someone making the table by hand would set them: every
/// column at least as wide as its longest word (no word broken in the middle, "Raadsinformatie-
/// protocol" stays whole), the rest of the page shared by how much text each column holds.
/// Only when even the longest words do not fit are they squeezed, in proportion.
pub fn column_widths(headers: &[&str], rows: &[Vec<Cell>]) -> Vec<usize> {
    let n = headers.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if n == 0 {
        return Vec::new();
    }
    let texts = |i: usize| {
        headers.get(i).copied().into_iter().chain(rows.iter().filter_map(move |r| r.get(i).map(|c| c.text.as_str())))
    };
    let chars = |s: &str| s.chars().count();
    let mut least = Vec::with_capacity(n);
    let mut wish = Vec::with_capacity(n);
    for i in 0..n {
        let word = texts(i).flat_map(str::split_whitespace).map(chars).max().unwrap_or(1);
        // A date or number cell never wraps: its whole text is its longest "word".
        let nowrap =
            rows.iter().filter_map(|r| r.get(i)).filter(|c| c.nowrap).map(|c| chars(&c.text)).max().unwrap_or(0);
        let longest = texts(i).map(chars).max().unwrap_or(1).min(70);
        least.push(word.max(nowrap) * CHAR + PADDING);
        wish.push(longest.max(word).max(nowrap) * CHAR + PADDING);
    }
    let sum = |v: &[usize]| v.iter().sum::<usize>();
    let (sum_least, sum_wish) = (sum(&least), sum(&wish));
    let mut widths: Vec<usize> = if sum_wish <= TEXT_WIDTH {
        // Everything fits on one line: share the spare width in proportion.
        wish.iter().map(|w| w * TEXT_WIDTH / sum_wish.max(1)).collect()
    } else if sum_least <= TEXT_WIDTH {
        let spare = TEXT_WIDTH - sum_least;
        let extra = sum_wish - sum_least;
        least.iter().zip(&wish).map(|(l, w)| l + (w - l) * spare / extra.max(1)).collect()
    } else {
        least.iter().map(|l| l * TEXT_WIDTH / sum_least.max(1)).collect()
    };
    // Rounding: the last column takes what is left, so the table is exactly the text width.
    let used: usize = widths.iter().take(n - 1).sum();
    if let Some(last) = widths.last_mut() {
        *last = TEXT_WIDTH.saturating_sub(used).max(PADDING);
    }
    widths
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

/// What every page of a Word report carries, and its document properties.
pub struct Page<'a> {
    pub lang: crate::scenario::Lang,
    /// The document's title (its properties).
    pub title: &'a str,
    /// The running header, left.
    pub running: &'a str,
    /// Beside it in bold ("Vertrouwelijk").
    pub mark: Option<&'a str>,
    pub creator: &'a str,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: &'a str,
}

impl Word {
    /// An empty Word report, to write with [`Markup`] and pack with [`Word::document`].
    pub fn new() -> Word {
        Word::default()
    }

    /// The packed .docx: A4, Calibri 10.5 pt, the running header, "Pagina n van m", the
    /// document properties and repeating table header rows.
    pub fn document(self, page: &Page) -> Result<Vec<u8>, WriteError> {
        let lang = page.lang;
        let mut head = Paragraph::new().add_run(run(page.running).size(16).color("444444"));
        if let Some(mark) = page.mark {
            head = head.add_run(run(&format!(" · {mark}")).size(16).bold());
        }
        let header = Header::new().add_paragraph(head);
        let footer = Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(run(&format!("{} ", PAGE.get(lang))).size(16))
                .add_page_num(PageNum::new())
                .add_run(run(&format!(" {} ", OF.get(lang))).size(16))
                .add_num_pages(NumPages::new()),
        );
        let mut doc = Docx::new()
            .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri").east_asia("Calibri"))
            .default_size(21)
            .default_line_spacing(LineSpacing::new().after(120).line(264))
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
        for block in self.blocks {
            doc = match block {
                Block::P(p) => doc.add_paragraph(*p),
                Block::T(t) => doc.add_table(*t),
            };
        }
        let mut out = std::io::Cursor::new(Vec::new());
        doc.pack(&mut out).map_err(|e| WriteError(e.to_string()))?;
        finish(&out.into_inner(), page.title, page.creator, page.created, lang)
    }
}

/// What docx-rs cannot write, set in the packed file: the document properties (title, creator =
/// the gespreksleider or "Weerbaar", created = the session's date, language) and every table's
/// first row marked as a header row (`w:tblHeader`), which Word and LibreOffice repeat at the
/// top of each page a table runs onto.
fn finish(
    packed: &[u8],
    title: &str,
    creator: &str,
    created: &str,
    lang: crate::scenario::Lang,
) -> Result<Vec<u8>, WriteError> {
    let fail = |e: &dyn std::fmt::Display| WriteError(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(packed)).map_err(|e| fail(&e))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| fail(&e))?;
        let name = file.name().map_err(|e| fail(&e))?.to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).map_err(|e| fail(&e))?;
        let data = match name.as_str() {
            "docProps/core.xml" => core_xml(title, creator, created, lang).into_bytes(),
            "word/document.xml" => header_rows(&String::from_utf8_lossy(&data)).into_bytes(),
            _ => data,
        };
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&data).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

fn xml_escape(s: &str) -> String {
    crate::scenario::clean(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn core_xml(title: &str, creator: &str, created: &str, lang: crate::scenario::Lang) -> String {
    let language = match lang {
        crate::scenario::Lang::Nl => "nl-NL",
        crate::scenario::Lang::En => "en-GB",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy>\
<dc:language>{language}</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>\
<cp:revision>1</cp:revision></cp:coreProperties>",
        xml_escape(title),
        xml_escape(creator),
        xml_escape(creator),
    )
}

/// Marks the first row of every table as its header row.
fn header_rows(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        match table.find("<w:trPr>") {
            Some(row) => {
                out.push_str(&table[..row + "<w:trPr>".len()]);
                out.push_str("<w:tblHeader />");
                rest = &table[row + "<w:trPr>".len()..];
            }
            None => {
                out.push_str(table);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
