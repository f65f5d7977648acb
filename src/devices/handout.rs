//! The links on paper: a printable page per group (name, link, QR code as SVG) written beside
//! the session's log, readable by the owner only (0600). With a mirrored projector the console
//! never shows a link to the room; the gespreksleider prints this, or opens it on a laptop
//! nobody else sees, and hands each table its own page.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use qrcode::{Color, EcLevel, QrCode};

use crate::scenario::text::{L, html_escape as esc};
use crate::scenario::{Lang, clean};

pub const TITLE: L = L("Links voor de groepen", "Links for the groups");
pub const KEEP: L = L(
    "Geef elke groep alleen haar eigen pagina: wie de link heeft, kan voor de groep antwoorden. \
     De links werken alleen zolang deze sessie loopt.",
    "Give each group only its own page: whoever has the link can answer for the group. \
     The links work only while this session runs.",
);
pub const SCAN: L = L("Scan de code of open de link:", "Scan the code or open the link:");

/// The handout for a session logged at `log`: `sessie.jsonl` → `sessie.links.html`.
pub fn path_for(log: &Path) -> PathBuf {
    log.with_extension("links.html")
}

/// The QR code of `text` as an SVG (dark modules as one path, a quiet zone of 4 modules).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 8;
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let _ = write!(path, "M{} {}h1v1h-1z", i % width + 4, i / width + 4);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"240\" height=\"240\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The handout's HTML: one printed page per group (name, QR code, link).
pub fn html(title: &str, links: &[(String, String)], lang: Lang) -> String {
    let mut h = String::with_capacity(4096 * links.len().max(1));
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
         <title>{}</title><style>body{{font-family:system-ui,sans-serif;margin:0}}\
         section{{page-break-after:always;break-after:page;text-align:center;padding:2rem 1rem}}\
         h1{{font-size:2.4rem;margin:.5rem 0}}.link{{font-family:monospace;font-size:1.1rem;word-break:break-all}}\
         .meta{{color:#444}}</style></head><body>",
        lang.code(),
        esc(&format!("{} · {}", TITLE.get(lang), clean(title)))
    );
    for (name, link) in links {
        let _ = write!(
            h,
            "<section><p class=\"meta\">{}</p><h1>{}</h1><p>{}</p>{}<p class=\"link\">{}</p><p class=\"meta\">{}</p></section>",
            esc(&clean(title)),
            esc(&clean(name)),
            esc(SCAN.get(lang)),
            qr_svg(link).unwrap_or_default(),
            esc(link),
            esc(KEEP.get(lang)),
        );
    }
    h.push_str("</body></html>\n");
    h
}

/// Writes the handout to `path`, readable by the owner only; replaces an earlier one.
pub fn write(path: &Path, html: &str) -> std::io::Result<()> {
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(path)?;
    f.write_all(html.as_bytes())?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_gets_a_page_with_its_escaped_name_code_and_link() {
        let links = vec![
            ("Laren <b>".to_string(), "http://192.0.2.2:8080/g/0123456789abcdef0123456789abcdef".to_string()),
            ("Huizen".to_string(), "http://192.0.2.2:8080/g/fedcba9876543210fedcba9876543210".to_string()),
        ];
        let h = html("Regio", &links, Lang::Nl);
        assert_eq!(h.matches("<section>").count(), 2);
        assert_eq!(h.matches("<svg").count(), 2);
        assert!(h.contains("Laren &lt;b&gt;") && !h.contains("Laren <b>"));
        assert!(h.contains(&links[1].1));
        assert!(h.contains("Geef elke groep alleen haar eigen pagina"));
    }
}
