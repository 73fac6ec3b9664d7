//! STUB, to be replaced by the DOM-based main-text extractor being built in parallel
//! (issue 7; planned API `corpus::html::extract(html: &str) -> HtmlPage`). When it lands,
//! delete this file and the `html_stub as html` alias in `corpus/mod.rs`; the only code
//! that reads the page's fields is `corpus::page_metadata`, to adapt to the real struct.
//!
//! What the stub does, minimally: drops scripts, styles and comments, turns block tags
//! into line breaks and every other tag into nothing, decodes entities, and reads the
//! `<title>` and a few `<meta>` tags (Open Graph, `article:*`, `author`). The cleaner then
//! finds the story among the lines, as it does for scraped text.

use std::sync::LazyLock;

use regex::Regex;

/// What an HTML page gives: its main text and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// `og:title`, else `<title>`.
    pub title: Option<String>,
    /// The page's text, one block per line.
    pub text: String,
    /// `author` / `article:author` meta tags.
    pub authors: Vec<String>,
    /// `article:published_time` (or similar) as written.
    pub date: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// `article:section`.
    pub section: Option<String>,
    /// `article:tag` and `keywords`.
    pub tags: Vec<String>,
    /// `og:url`.
    pub url: Option<String>,
}

static DROP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<noscript\b.*?</noscript\s*>|<template\b.*?</template\s*>|<svg\b.*?</svg\s*>",
    )
    .expect("valid regex")
});
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<title\b[^>]*>(.*?)</title\s*>").expect("valid regex"));
static HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<head\b.*?</head\s*>").expect("valid regex"));
static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta\b[^>]*>").expect("valid regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("valid regex")
});
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|section|article|header|footer|nav|aside|main|blockquote|pre|figure|figcaption|form|address|title|body|html)\b[^>]*>",
    )
    .expect("valid regex")
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)</?[A-Za-z!?][^>]*>").expect("valid regex"));

/// Extracts the text and metadata of an HTML page.
pub fn extract(html: &str) -> HtmlPage {
    let html = DROP.replace_all(html, " ");
    let mut page = HtmlPage {
        title: TITLE.captures(&html).map(|c| clean_line(&c[1])),
        ..HtmlPage::default()
    };
    for tag in META.find_iter(&html) {
        let mut key = None;
        let mut content = None;
        for a in ATTR.captures_iter(tag.as_str()) {
            let value = a
                .get(2)
                .or(a.get(3))
                .or(a.get(4))
                .map_or("", |m| m.as_str());
            match a[1].to_ascii_lowercase().as_str() {
                "property" | "name" | "itemprop" => key = Some(value.to_ascii_lowercase()),
                "content" => content = Some(clean_line(value)),
                _ => {}
            }
        }
        let (Some(key), Some(value)) = (key, content) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "og:title" => page.title = Some(value),
            "author" | "article:author" => page.authors.push(value),
            "article:published_time" | "datepublished" | "pubdate" | "date" => {
                page.date.get_or_insert(value);
            }
            "og:site_name" => page.site_name = Some(value),
            "article:section" => page.section = Some(value),
            "article:tag" => page.tags.push(value),
            "keywords" => page.tags.extend(
                value
                    .split(',')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty()),
            ),
            "og:url" => page.url = Some(value),
            _ => {}
        }
    }
    let body = HEAD.replace_all(&html, "\n");
    // Line breaks in the source are spaces in a page; only blocks break lines.
    let body = body.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    let body = BLOCK.replace_all(&body, "\n");
    let body = TAG.replace_all(&body, "");
    let lines: Vec<String> = body
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect();
    page.text = lines.join("\n");
    page.title = page.title.filter(|t| !t.is_empty());
    page
}

/// Decodes entities and collapses whitespace.
fn clean_line(s: &str) -> String {
    decode_entities(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decodes the character references that news pages use; unknown ones stay as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_title_and_meta() {
        let page = extract(
            r#"<!DOCTYPE html><html><head><title>Fallback &amp; title</title>
            <meta property="og:title" content="Cranes idle">
            <meta name="author" content="Jane Roe">
            <meta property="article:published_time" content="2024-05-16T08:00:00Z">
            <script>var x = "<p>not text</p>";</script><style>p{}</style></head>
            <body><nav>Home</nav><article><h1>Cranes idle</h1><p>Dock workers <b>struck</b>
            on Monday.</p><!-- ad --><p>Ships wait&nbsp;offshore &#8212; for days.</p></article></body></html>"#,
        );
        assert_eq!(page.title.as_deref(), Some("Cranes idle"));
        assert_eq!(page.authors, ["Jane Roe"]);
        assert_eq!(page.date.as_deref(), Some("2024-05-16T08:00:00Z"));
        assert_eq!(
            page.text,
            "Home\nCranes idle\nDock workers struck on Monday.\nShips wait offshore — for days."
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in [
            "<",
            "&",
            "&#xFFFFFFFF;",
            "<p",
            "<title>x",
            "&#;",
            "<meta content=>",
        ] {
            let _ = extract(s);
        }
        assert_eq!(extract("<title>x").title, None);
    }
}
