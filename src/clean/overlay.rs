//! The one place where what the source declares ([`Given`]) is laid over the article
//! the cleaner found: declared values win over found ones, in the order production has
//! always applied them.

use super::given::{Declared, Given};
use super::{Article, Dateline, LineReport, Rule, Verdict, metadata};

/// Lays `given` over `article`: the page (adopting its article container first), then
/// the sidecar, then the record, then the path's date when no date was found or given.
pub fn overlay(article: &mut Article, given: &Given) {
    if let Some(page) = &given.page {
        if given.container {
            adopt_container(article);
        }
        declare(article, page, "page");
    }
    if let Some(sidecar) = &given.sidecar {
        keep_other_headline(article, sidecar);
        declare(article, sidecar, "sidecar");
    }
    if let Some(record) = &given.record {
        keep_other_headline(article, record);
        declare(article, record, "record");
    }
    if article.meta.date.is_none()
        && let Some(d) = given.path_date
    {
        article.meta.date = Some(d);
        article.meta.date_source = Some("path".into());
    }
}

/// Takes back into the story the lines the cleaner removed only for lying outside its
/// densest run of prose, for text that is already a page's article container.
fn adopt_container(article: &mut Article) {
    let mut back = false;
    for l in &mut article.lines {
        if l.verdict == Verdict::Removed && l.rule == Rule::OutsideStory {
            l.verdict = Verdict::Kept;
            l.rule = Rule::Body;
            l.evidence = "inside the page's article container".into();
            back = true;
        }
    }
    if back {
        rebuild_paragraphs(article);
    }
}

/// When a record or sidecar names the title, the lines the cleaner took for the
/// headline stay in the story unless they are that title: a record's text often opens
/// with its headline, but as often with a short first paragraph, which was lost from
/// the index when it was taken for a headline the record already gave.
fn keep_other_headline(article: &mut Article, given: &Declared) {
    let Some(title) = &given.title else {
        return;
    };
    let heads: Vec<usize> = (0..article.lines.len())
        .filter(|&i| {
            let l = &article.lines[i];
            l.verdict == Verdict::Metadata && l.rule == Rule::Title
        })
        .collect();
    if heads.is_empty() {
        return;
    }
    let found: String = heads
        .iter()
        .map(|&i| article.lines[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if same_headline(&found, title) {
        return;
    }
    for i in heads {
        let l = &mut article.lines[i];
        l.verdict = Verdict::Kept;
        l.rule = Rule::Body;
        l.evidence = "story text: the source gives another title".into();
    }
    rebuild_paragraphs(article);
}

/// The story's paragraphs again from its kept lines, after lines were taken back.
fn rebuild_paragraphs(article: &mut Article) {
    article.paragraphs = article
        .lines
        .iter()
        .filter(|l| l.verdict == Verdict::Kept)
        .map(|l| l.text.clone())
        .collect();
}

/// Whether a headline found in the text is the title a source gives, written the same
/// or nearly (case, punctuation, a site's name added to the given title, a word cut):
/// four in five of the found line's words are in the given title. A first paragraph
/// that names the title's subject says more than the title and is not it.
fn same_headline(found: &str, given: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (found_words, given_words) = (words(found), words(given));
    if found_words.is_empty() {
        return found.trim() == given.trim();
    }
    let shared = found_words
        .iter()
        .filter(|w| given_words.contains(w))
        .count();
    shared * 5 >= found_words.len() * 4
}

/// Applies one source's metadata, naming it (`sidecar`, `record`, `page`) as where a
/// date came from in the article's `date_source`.
fn declare(article: &mut Article, given: &Declared, origin: &str) {
    let m = &mut article.meta;
    if let Some(t) = &given.title {
        article.title = Some(t.clone());
    }
    if let Some(d) = given.date {
        m.date = Some(d);
        m.date_source = Some(given.date_source.as_deref().unwrap_or(origin).into());
    }
    if let Some(s) = &given.source {
        m.source = Some(s.clone());
    }
    if !given.authors.is_empty() {
        m.authors = given.authors.clone();
    }
    if let Some(s) = &given.section {
        m.section = Some(s.clone());
    }
    for t in &given.tags {
        if !m.tags.contains(t) {
            m.tags.push(t.clone());
        }
    }
    if given.dateline.is_some() || given.place.is_some() {
        m.dateline = Some(given_dateline(
            given.dateline.as_deref(),
            given.place.as_deref(),
        ));
    }
    for (rule, text) in &given.removed {
        article.lines.push(LineReport {
            no: 0,
            text: text.clone(),
            verdict: Verdict::Removed,
            rule: Rule::from_id(rule).unwrap_or(Rule::OutsideStory),
            evidence: format!("given as removed by the {origin}"),
            stripped: None,
        });
    }
}

/// A dateline from what a record says: its text read as the cleaner reads a dateline
/// (for the date and agency in it), with the place given winning; or the place alone.
fn given_dateline(text: Option<&str>, place: Option<&str>) -> Dateline {
    let text = text.or(place).unwrap_or_default().trim();
    let mut dateline = match metadata::dateline(text) {
        Some((d, _)) => d,
        None => Dateline {
            text: String::new(),
            place: None,
            date_text: None,
            date: None,
            agency: None,
        },
    };
    dateline.text = text.to_owned();
    if let Some(p) = place {
        dateline.place = Some(p.trim().to_owned());
    }
    dateline
}
