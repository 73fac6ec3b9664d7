//! HTML input: from a saved web page to the story's text, one paragraph per line, plus the
//! metadata the page declares about itself.
//!
//! The steps, each a pure function:
//!
//! 1. [`decode_html`] (byte-order mark, then the `<meta>` charset, then UTF-8, then
//!    windows-1252) gives the markup as text (`.gz` files are inflated first, by
//!    [`crate::corpus::gunzip`]).
//! 2. [`extract`] parses it with html5ever (through `dom_query`) into a flat tree
//!    (`html/dom.rs`) without what a reader never sees: `script`, `style`, `template`,
//!    `svg`, form widgets, elements hidden by the `hidden` attribute or an inline
//!    `display:none`.
//! 3. **Metadata** (`html/meta.rs`) comes from `<title>`, `<h1>`, Open Graph and
//!    `article:*` meta tags, the usual `name=` meta tags (author, keywords, dates) and
//!    JSON-LD `NewsArticle` objects, also inside `@graph` and arrays.
//! 4. **Main text** (`html/content.rs`): a readability-style scoring of the DOM. Blocks of
//!    prose score their ancestors; class, id, role and `itemprop` hints ("article",
//!    "story", `articleBody` vs. "nav", "share", "related", "comment") weight them;
//!    link-heavy nodes lose; the best container and its siblings of similar weight are
//!    kept, then navigation, share bars, link lists, captions, bylines and comment
//!    threads inside it are cut. Where the DOM yields little text, the page's JSON-LD
//!    `articleBody` stands in.
//! 5. [`clean_page`] runs newsq's plain-text cleaner on that text for what markup does
//!    not show (a byline in a plain `<p>`, "Read more" lines, author blurbs, repeats):
//!    the DOM stage is tuned for recall, the text cleaner for precision.
//!
//! Nothing here panics on any input: malformed markup is what html5ever is built for,
//! walks over the tree are iterative (deep nesting cannot overflow the stack), markup
//! nested deeper than any real page is flattened before parsing (the parser's time grows
//! with depth), and JSON-LD that does not parse is skipped.

mod content;
mod dom;
mod meta;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use jiff::civil::Date;
use serde::Serialize;

use crate::clean::{Article, CorpusStats, Given};

/// A web page reduced to its story text and metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HtmlPage {
    /// The main text, one paragraph per line (block elements and `<br>` start lines,
    /// whitespace collapsed, no empty lines). Boilerplate that the DOM alone cannot tell
    /// (bylines, captions, "Read more" links) may remain: run the plain-text cleaner on it.
    pub text: String,
    /// What the page says about itself.
    pub meta: HtmlMeta,
    /// Which source the text came from.
    pub method: Method,
}

/// How the main text was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The best-scoring DOM container (and its siblings of similar weight).
    #[default]
    Container,
    /// The page's JSON-LD `articleBody`, used where the DOM gave too little text.
    ArticleBody,
    /// The whole page's text: no container stood out (a page with little prose).
    WholePage,
}

/// Metadata a page declares: `<title>`, Open Graph and `article:*` tags, `name=` meta tags
/// and JSON-LD. Values are trimmed and whitespace-collapsed; empty ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HtmlMeta {
    /// The headline: og:title, else JSON-LD `headline`, else the first `<h1>`, else
    /// `<title>`; a trailing (or leading) site name is cut off.
    pub title: Option<String>,
    /// Author names (not profile URLs), in the order found, without repeats.
    pub authors: Vec<String>,
    /// Publication date-time as written in the page (usually ISO 8601).
    pub published: Option<String>,
    /// The calendar date of [`HtmlMeta::published`], when it parses.
    pub date: Option<Date>,
    /// Last modification date-time as written.
    pub modified: Option<String>,
    /// The site's section ("World", "Business").
    pub section: Option<String>,
    /// The site or publisher name (og:site_name, JSON-LD `publisher.name`).
    pub site_name: Option<String>,
    /// Tags and keywords, without repeats.
    pub tags: Vec<String>,
    /// The page's summary (og:description, `name=description`, JSON-LD `description`).
    pub description: Option<String>,
    /// The declared language (`<html lang>`, og:locale, JSON-LD `inLanguage`), as written.
    pub language: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, og:url), as written.
    pub url: Option<String>,
}

/// Extracts the main text and the metadata of an HTML page.
pub fn extract(html: &str) -> HtmlPage {
    let doc = dom::Dom::parse(html);
    let (meta, body) = meta::read(&doc);
    let (text, method) = content::main_text(&doc, body.as_deref());
    HtmlPage { text, meta, method }
}

/// Runs newsq's plain-text cleaner on a page's main text and merges the page's declared
/// metadata into the result (where the text gave none).
///
/// The DOM stage has already chosen the story's region, so where it found a container
/// ([`Method::Container`]) the cleaner's own region guess is not applied again: lines it
/// removed only for lying outside its densest run of prose come back (a results table, a
/// closing list, short paragraphs after a long quote). Its line rules (bylines, captions,
/// "Read more", share rows, duplicates, ...) still apply. This is the call indexing makes
/// for a page (without a sidecar or a date in its path), so the evaluations measure it.
pub fn clean_page(page: &HtmlPage, stats: &CorpusStats) -> Article {
    crate::clean::clean(&page.text, &page.given(), stats)
}

impl HtmlPage {
    /// What the page declares, as indexing hands it to the cleaner (see
    /// [`crate::corpus::decode_article`]).
    pub fn given(&self) -> Given {
        Given {
            page: Some(self.sidecar()),
            container: self.method == Method::Container,
            ..Default::default()
        }
    }

    /// The page's metadata as applied to articles (it wins over what the text says).
    pub fn sidecar(&self) -> crate::corpus::Sidecar {
        let m = &self.meta;
        crate::corpus::Sidecar {
            title: m.title.clone(),
            date: m.date,
            source: m.site_name.clone(),
            authors: m.authors.clone(),
            section: m.section.clone(),
            tags: m.tags.clone(),
            url: m.url.clone(),
            ..Default::default()
        }
    }
}

/// The whole page as plain text, one block per line, navigation and all: what a naive
/// scraper saves. Useful as a fallback and to compare the DOM stage against.
pub fn page_text(html: &str) -> String {
    let doc = dom::Dom::parse(html);
    doc.lines(dom::ROOT, &|_| false).join("\n")
}

/// How far into the page a `<meta charset>` is looked for (the HTML standard's prescan
/// reads 1024 bytes; real pages put long scripts before it, so read further).
const CHARSET_PRESCAN: usize = 16 * 1024;

/// Decodes an HTML page: byte-order mark first, then the charset a `<meta>` tag declares
/// (`charset=` or an `http-equiv` content type; ISO-8859-1 and ASCII read as
/// windows-1252, as browsers do), else UTF-8 when the bytes are valid UTF-8, else
/// windows-1252. Undecodable bytes become U+FFFD; this never fails.
pub fn decode_html(bytes: &[u8]) -> String {
    decode_html_with_encoding(bytes).0
}

/// Like [`decode_html`], also naming the encoding used (`"UTF-8"`, `"windows-1252"`, ...).
pub fn decode_html_with_encoding(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let declared = declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN)]);
    // A page that declares a legacy charset but is valid UTF-8 was almost always re-saved
    // as UTF-8 by the scraper (or is ASCII, which reads the same either way): a wrong
    // guess garbles every letter beyond ASCII, and a right one only warns for nothing. So
    // valid UTF-8 wins over the declaration, whatever it declares.
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let enc = match declared {
        _ if utf8_ok => UTF_8,
        // UTF-16 declared in a byte stream that has no BOM is a lie the standard
        // tells browsers to ignore (the bytes were read as ASCII to find it).
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => WINDOWS_1252,
        Some(enc) => enc,
        None => WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name())
}

/// Finds the charset declared in the first bytes of a page: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">` (and an XML
/// declaration's `encoding`). Tolerant of case, quotes and spacing.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    // The markup around a charset is ASCII in every encoding that can declare one here.
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta").map(|p| p + from) {
        let end = lower[pos..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| pos + e);
        let tag = &lower[pos..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(pos + 1);
    }
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len().min(200));
        let decl = &lower[..end];
        if let Some(at) = find(decl, b"encoding") {
            let rest = trim_start(&decl[at + b"encoding".len()..]);
            let rest = trim_start(rest.strip_prefix(b"=")?);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))?;
            let label_end = rest.iter().position(|&b| matches!(b, b'"' | b'\''))?;
            return Encoding::for_label(&rest[..label_end]);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let skip = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[skip..]
}

#[cfg(test)]
mod tests;
