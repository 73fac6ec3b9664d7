//! An article newsq exported, taken back as it was: `newsq index` of `newsq export`'s
//! output must give the same articles, and cleaning what was cleaned already would not
//! (the cleaner would remove more lines, and other ones, from a body whose boilerplate is
//! gone, and would refuse an article whose body was all removed).

use super::{Article, LineReport, Metadata, Rule, Verdict};

/// The article of an exported body (one paragraph per line, as `newsq export` writes it),
/// with the language the export gave, and nothing else: the caller sets the title, the
/// metadata and the removed lines from the export's fields. Not cleaned: every line is
/// kept as it is.
pub fn as_exported(body: &str, lang: Option<String>) -> Article {
    let paragraphs: Vec<String> = if body.is_empty() {
        Vec::new()
    } else {
        body.split('\n').map(str::to_owned).collect()
    };
    let lines = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| LineReport {
            no: i + 1,
            text: p.clone(),
            verdict: Verdict::Kept,
            rule: Rule::Body,
            evidence: "exported by newsq: taken as it was".to_owned(),
            stripped: None,
        })
        .collect();
    Article {
        title: None,
        paragraphs,
        meta: Metadata {
            lang,
            ..Metadata::default()
        },
        lines,
        // Nothing was removed from it now, whatever its first cleaning found.
        layout: super::Layout::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_comes_back_line_for_line() {
        let body =
            "PORTSMOUTH, May 16 - Cranes stood idle.\nShr loss 22 cts vs loss 18 cts\n  indented  ";
        let a = as_exported(body, Some("eng".into()));
        assert_eq!(a.body(), body);
        assert_eq!(a.paragraphs.len(), 3);
        assert_eq!(a.meta.lang.as_deref(), Some("eng"));
        assert_eq!(a.removed().count(), 0);
        let empty = as_exported("", None);
        assert!(empty.paragraphs.is_empty());
        assert_eq!(empty.body(), "");
    }
}
