//! HTML from untrusted text: every string an article gave is escaped here, and nowhere
//! else is markup put together from it.

use std::fmt::Write as _;
use std::ops::Range;

use crate::search::timeline::Timeline;

/// `text` with `& < > " '` escaped, and control characters (which no page shows) dropped,
/// so it is safe inside an element and inside a quoted attribute.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped, with the byte ranges `marks` in `<mark>` (ranges off a character
/// boundary or out of order are skipped: they come from the engine, but the text is the
/// article's).
pub fn marked(text: &str, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    for r in marks {
        if r.start < at
            || r.end > text.len()
            || r.start >= r.end
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&esc(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&esc(&text[r.clone()]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// A whole page: the head with newsq's style sheet and script, then `body`.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"/assets/newsq.css\">\n\
         <script src=\"/assets/newsq.js\" defer></script>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        esc(title)
    )
}

/// The timeline as an inline SVG bar chart: one bar a period, its height the stories
/// that broke in it, its `<title>` the numbers `timeline --json` gives; the peak marked.
pub fn timeline_svg(t: &Timeline, link: impl Fn(&str, &str) -> String) -> String {
    let n = t.buckets.len();
    if n == 0 {
        return String::new();
    }
    let max = t
        .buckets
        .iter()
        .map(|b| b.counts.stories)
        .max()
        .unwrap_or(0)
        .max(1);
    // Bars in a fixed 1000 × 120 box that the page scales to its width.
    let (w, h, top) = (1000.0_f64, 120.0_f64, 14.0_f64);
    let step = w / n as f64;
    let bar = (step * 0.8).max(0.5);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg viewBox=\"0 0 {w} {}\" role=\"img\" aria-label=\"stories per {}\">",
        h + 18.0,
        t.by.name()
    );
    for (i, b) in t.buckets.iter().enumerate() {
        let bh = if b.counts.stories == 0 {
            0.0
        } else {
            ((b.counts.stories as f64 / max as f64) * (h - top)).max(1.5)
        };
        let x = i as f64 * step + (step - bar) / 2.0;
        let share = b
            .share()
            .map(|s| format!(", {:.2} % of the period's articles", s * 100.0))
            .unwrap_or_default();
        let class = if t.peak == Some(i) { "bar peak" } else { "bar" };
        let _ = write!(
            svg,
            "<a href=\"{}\"><rect class=\"{class}\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{bar:.2}\" height=\"{:.2}\" data-label=\"{}\" data-stories=\"{}\" data-articles=\"{}\"><title>{}: {} {}, {} {}{share}</title></rect></a>",
            esc(&link(&b.start.to_string(), &b.end.to_string())),
            h - bh,
            bh.max(0.0),
            esc(&b.label),
            b.counts.stories,
            b.counts.articles,
            esc(&b.label),
            b.counts.stories,
            if b.counts.stories == 1 {
                "story"
            } else {
                "stories"
            },
            b.counts.articles,
            if b.counts.articles == 1 {
                "article"
            } else {
                "articles"
            },
        );
    }
    // The first and last labels under the axis, and the peak's.
    let first = &t.buckets[0].label;
    let last = &t.buckets[n - 1].label;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"0\" y1=\"{h}\" x2=\"{w}\" y2=\"{h}\"/><text class=\"label\" x=\"0\" y=\"{}\">{}</text>",
        h + 14.0,
        esc(first)
    );
    if n > 1 {
        let _ = write!(
            svg,
            "<text class=\"label end\" x=\"{w}\" y=\"{}\">{}</text>",
            h + 14.0,
            esc(last)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_become_markup() {
        let evil = "<script>alert(1)</script>\"'&\u{1b}[31m<img src=x onerror=alert(2)>";
        let e = esc(evil);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
        assert!(!e.contains('\u{1b}'));
        assert_eq!(
            marked("a <b> c", &[2..5, 0..1, 6..99]),
            "a <mark>&lt;b&gt;</mark> c"
        );
        // A range inside a character is skipped, never a panic.
        assert_eq!(marked("é", &[1..2, 0..0]), "é");
    }
}
