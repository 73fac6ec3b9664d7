//! What a page declares about itself: `<title>`, `<h1>`, Open Graph (`og:*`), `article:*`
//! and the common `name=` meta tags, and JSON-LD article objects (schema.org
//! `NewsArticle`, `Article`, `ReportageNewsArticle`, `BlogPosting`, ..., also inside
//! `@graph`, arrays and `mainEntity`, with `@id` references resolved).
//!
//! Each field takes the first source that has it, in the order publishers fill them most
//! reliably: Open Graph and `article:*` (read by every social network, so kept correct),
//! then JSON-LD (read by search engines), then the older `name=` tags, then the markup.

use std::collections::HashMap;

use serde_json::Value;

use super::HtmlMeta;
use super::dom::{Dom, Kind, ROOT, collapse};
use crate::clean::metadata::find_date;

/// Most tags kept (keyword stuffing can list hundreds).
const MAX_TAGS: usize = 40;
/// Most authors kept.
const MAX_AUTHORS: usize = 12;

/// Reads the page's metadata, and the JSON-LD `articleBody` as lines (see
/// [`article_body`]).
pub fn read(dom: &Dom) -> (HtmlMeta, Option<String>) {
    let ld = JsonLd::read(dom);
    (collect(dom, &ld), article_body(&ld))
}

fn collect(dom: &Dom, ld: &JsonLd) -> HtmlMeta {
    let tag = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            dom.metas
                .iter()
                .find(|m| m.key == *k)
                .map(|m| m.content.clone())
        })
    };

    let site_name = tag(&["og:site_name"])
        .or_else(|| ld.article_str(|a| ld.name_of(a.get("publisher")?)))
        .or_else(|| tag(&["application-name", "twitter:app:name:iphone"]));

    let title = tag(&["og:title"])
        .or_else(|| ld.article_str(|a| str_of(a.get("headline")?)))
        .or_else(|| tag(&["twitter:title"]))
        .or_else(|| first_h1(dom))
        .or_else(|| dom.title.clone())
        .map(|t| strip_site(&t, site_name.as_deref()));

    let authors = authors(dom, ld);

    // Sources in order of trust; CMS placeholders such as "0001-01-01" are passed over.
    let published_candidates = [
        tag(&["article:published_time", "og:published_time"]),
        ld.article_str(|a| str_of(a.get("datePublished")?)),
        tag(&[
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
            "og:updated_time",
        ]),
        dom.times.first().cloned(),
    ];
    let (published, date) = pick_date(published_candidates.into_iter().flatten());
    let modified = tag(&["article:modified_time", "og:updated_time"])
        .or_else(|| ld.article_str(|a| str_of(a.get("dateModified")?)))
        .or_else(|| tag(&["datemodified", "last-modified", "dcterms.modified"]));

    let section = tag(&["article:section"])
        .or_else(|| ld.article_str(|a| first_str(a.get("articleSection")?)))
        .or_else(|| tag(&["section", "article-section", "parsely-section", "category"]));

    let tags = tags(dom, ld);

    let description = tag(&["og:description", "description"])
        .or_else(|| ld.article_str(|a| str_of(a.get("description")?)))
        .or_else(|| tag(&["twitter:description"]));
    let language = dom
        .lang
        .clone()
        .or_else(|| tag(&["og:locale", "content-language", "language", "dc.language"]))
        .or_else(|| ld.article_str(|a| ld.name_of(a.get("inLanguage")?)));
    let url = dom
        .canonical
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| tag(&["og:url"]))
        .or_else(|| ld.article_str(|a| str_of(a.get("url")?)));

    HtmlMeta {
        title: title.filter(|t| !t.is_empty()),
        authors,
        published,
        date,
        modified,
        section,
        site_name,
        tags,
        description,
        language,
        url,
    }
}

/// The page's authors: JSON-LD first, then the author meta tags, then the markup's
/// first byline.
fn authors(dom: &Dom, ld: &JsonLd) -> Vec<String> {
    let mut authors: Vec<String> = Vec::new();
    if let Some(a) = ld.article().and_then(|a| a.get("author")) {
        for name in ld.names_of(a) {
            push_unique(&mut authors, &name, MAX_AUTHORS);
        }
    }
    if authors.is_empty() {
        for m in dom.metas.iter().filter(|m| {
            matches!(
                m.key.as_str(),
                "author"
                    | "article:author"
                    | "dc.creator"
                    | "dcterms.creator"
                    | "byl"
                    | "sailthru.author"
                    | "parsely-author"
                    | "cxenseparse:author"
            )
        }) {
            for name in split_names(&m.content) {
                if !looks_like_url(&name) {
                    push_unique(&mut authors, &name, MAX_AUTHORS);
                }
            }
        }
    }
    if authors.is_empty() {
        // The first byline in the markup only: later "author" elements are usually the
        // bylines of related stories.
        if let Some(names) = dom.author_texts.iter().find_map(|t| byline_name(t)) {
            for name in split_names(&names) {
                push_unique(&mut authors, &name, MAX_AUTHORS);
            }
        }
    }
    authors
}

/// The page's tags: `article:tag`, then JSON-LD keywords, then the keyword meta tags.
fn tags(dom: &Dom, ld: &JsonLd) -> Vec<String> {
    let tags_of = |key: &'static str| dom.metas.iter().filter(move |m| m.key == key);
    let mut tags: Vec<String> = Vec::new();
    for m in tags_of("article:tag") {
        for t in m.content.split(',') {
            push_unique(&mut tags, t, MAX_TAGS);
        }
    }
    if let Some(k) = ld.article().and_then(|a| a.get("keywords")) {
        for t in strs_of(k) {
            for t in t.split(',') {
                push_unique(&mut tags, t, MAX_TAGS);
            }
        }
    }
    for key in ["news_keywords", "keywords", "parsely-tags"] {
        if let Some(m) = tags_of(key).next() {
            for t in m.content.split([',', ';']) {
                push_unique(&mut tags, t, MAX_TAGS);
            }
        }
    }
    tags
}

/// The JSON-LD `articleBody` of the page's article, as lines (markup inside it, which
/// some publishers leave, is read as HTML).
fn article_body(ld: &JsonLd) -> Option<String> {
    // Not through `article_str`, which collapses white space: the line breaks are the
    // paragraphs.
    let body = ld
        .article()
        .into_iter()
        .chain(ld.articles.iter())
        .find_map(|a| str_of(a.get("articleBody")?).filter(|b| !b.trim().is_empty()))?;
    let lines: Vec<String> = if body.contains('<') && body.contains('>') {
        let inner = Dom::parse(&body);
        inner.lines(ROOT, &|_| false)
    } else if body.contains('&') {
        // Entities but no tags: let the HTML parser decode them, line by line.
        body.lines()
            .map(|l| Dom::parse(l).text(ROOT))
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        body.lines()
            .map(collapse)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let text = lines.join("\n");
    (!text.is_empty()).then_some(text)
}

/// The article objects of a page's JSON-LD, with an index of every object that has an
/// `@id` (articles name their author and publisher by reference).
struct JsonLd {
    articles: Vec<Value>,
    ids: HashMap<String, Value>,
}

impl JsonLd {
    fn read(dom: &Dom) -> JsonLd {
        let mut articles = Vec::new();
        let mut ids = HashMap::new();
        for script in &dom.json_ld {
            let Some(value) = parse_json_ld(script) else {
                continue;
            };
            // Iterative walk: arrays, @graph, mainEntity and nested objects.
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(items) => stack.extend(items.iter().rev()),
                    Value::Object(map) => {
                        if let Some(id) = map.get("@id").and_then(Value::as_str)
                            && map.len() > 1
                        {
                            ids.entry(id.to_owned()).or_insert_with(|| v.clone());
                        }
                        if is_article_type(map.get("@type")) {
                            articles.push(v.clone());
                        }
                        for key in [
                            "@graph",
                            "mainEntity",
                            "mainEntityOfPage",
                            "itemListElement",
                        ] {
                            if let Some(child) = map.get(key) {
                                stack.push(child);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        JsonLd { articles, ids }
    }

    /// The page's main article: the first one with a body, else the first one.
    fn article(&self) -> Option<&Value> {
        self.articles
            .iter()
            .find(|a| a.get("articleBody").is_some())
            .or_else(|| self.articles.first())
    }

    /// A string field of the first article object that has it.
    fn article_str(&self, f: impl Fn(&Value) -> Option<String>) -> Option<String> {
        let main = self.article();
        main.into_iter()
            .chain(self.articles.iter())
            .find_map(|a| f(a).map(|s| collapse(&s)).filter(|s| !s.is_empty()))
    }

    /// Follows an `{"@id": ...}` reference to the object it names.
    fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v {
            Value::Object(map) if map.len() == 1 => map
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.ids.get(id))
                .unwrap_or(v),
            _ => v,
        }
    }

    /// The name of a person/organisation value: a string, or an object's `name`.
    fn name_of(&self, v: &Value) -> Option<String> {
        match self.resolve(v) {
            Value::String(s) => Some(s.clone()),
            Value::Object(map) => map.get("name").and_then(|n| self.name_of(n)),
            Value::Array(items) => items.iter().find_map(|i| self.name_of(i)),
            _ => None,
        }
    }

    /// All names in an author value (string, object, array; "A and B" split).
    fn names_of(&self, v: &Value) -> Vec<String> {
        let items: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        items
            .into_iter()
            .filter_map(|i| self.name_of(i))
            .flat_map(|n| split_names(&n))
            .filter(|n| !looks_like_url(n))
            .collect()
    }
}

/// Parses one JSON-LD script, forgiving what publishers get wrong: HTML comment and
/// CDATA wrappers, a trailing semicolon, raw line breaks inside strings.
fn parse_json_ld(script: &str) -> Option<Value> {
    let mut s = script.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim();
            if let Some(inner) = s.strip_suffix(close) {
                s = inner.trim();
            }
        }
    }
    let s = s.trim_end_matches(';').trim();
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    // Control characters are invalid inside JSON strings but common in articleBody.
    let fixed: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&fixed).ok()
}

/// Whether a JSON-LD `@type` (a string or a list; with or without a schema.org prefix)
/// names a kind of article.
fn is_article_type(t: Option<&Value>) -> bool {
    let is_article = |s: &str| {
        let name = s.rsplit(['/', ':', '#']).next().unwrap_or(s);
        name.ends_with("Article") || name.ends_with("BlogPosting") || name == "Report"
    };
    match t {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(str_of),
        _ => None,
    }
}

fn first_str(v: &Value) -> Option<String> {
    strs_of(v).into_iter().next()
}

fn strs_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// The first `<h1>`'s text.
fn first_h1(dom: &Dom) -> Option<String> {
    let i = dom
        .nodes
        .iter()
        .position(|n| matches!(&n.kind, Kind::Element(e) if e.tag == "h1"))?;
    let t = dom.text(i);
    (!t.is_empty()).then_some(t)
}

/// Separators between a headline and the site's name in `<title>`s.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " • ",
];

/// Cuts a site name off a title: a trailing (or leading) part after a separator that is
/// the site's name, or, when the name is unknown, that is short and looks like a name
/// (a domain, or capitalised words) while the rest is a real headline.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let site_norm = site.map(norm).filter(|s| !s.is_empty());
    let same_site = |part: &str| {
        let p = norm(part);
        !p.is_empty()
            && site_norm.as_ref().is_some_and(|s| {
                // The site's name, part of it ("Guardian"), or it with a little more
                // ("BBC News" for "BBC"); not a headline that starts with the name.
                p == *s
                    || (p.len() >= 4 && s.contains(&p))
                    || (p.contains(s.as_str()) && p.len() <= s.len() + 8)
            })
    };
    let mut best: Option<(usize, usize)> = None;
    for sep in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(sep)
            && best.is_none_or(|(b, _)| at > b)
        {
            best = Some((at, sep.len()));
        }
    }
    if let Some((at, len)) = best {
        let (head, tail) = (title[..at].trim(), title[at + len..].trim());
        let head_words = head.split_whitespace().count();
        if !head.is_empty()
            && (same_site(tail)
                || (site_norm.is_none() && head_words >= 3 && looks_like_site(tail)))
        {
            return head.to_owned();
        }
    }
    // "Site | Headline".
    for sep in TITLE_SEPARATORS {
        if let Some(at) = title.find(sep) {
            let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
            if same_site(head) && !tail.is_empty() {
                return tail.to_owned();
            }
        }
    }
    title
}

/// A short part of a title that reads as a site's name: a domain, or at most three
/// capitalised words.
fn looks_like_site(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    if words.len() == 1 && part.contains('.') && !part.ends_with('.') {
        return true;
    }
    words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    })
}

/// Splits "A, B and C" into names.
fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| collapse(p.trim()))
        .filter(|p| !p.is_empty())
        .collect()
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

/// A name in an author element's text: "By Jane Doe" gives "Jane Doe"; long texts
/// (biographies), texts with digits (dates) or URLs give nothing.
fn byline_name(text: &str) -> Option<String> {
    let t = collapse(text);
    let lower = t.to_lowercase();
    let t = if lower.starts_with("by ") {
        t.get(3..).unwrap_or("").trim().to_owned()
    } else {
        t
    };
    let words = t.split_whitespace().count();
    let ok = (1..=5).contains(&words)
        && !t.chars().any(|c| c.is_ascii_digit() || c == '*')
        && !looks_like_url(&t)
        && !t.contains('@');
    ok.then_some(t)
}

fn push_unique(list: &mut Vec<String>, item: &str, max: usize) {
    let item = collapse(item);
    if item.is_empty() || list.len() >= max {
        return;
    }
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

/// Earliest year taken as a real publication date.
const MIN_YEAR: i16 = 1900;

/// The first candidate that reads as a plausible date, with its calendar date; else the
/// first one that does not read as a date at all (kept as written); never one that reads
/// as a placeholder year.
fn pick_date(
    candidates: impl Iterator<Item = String>,
) -> (Option<String>, Option<jiff::civil::Date>) {
    let mut unparsed = None;
    for c in candidates {
        match parse_date(&c) {
            Some(d) if d.year() >= MIN_YEAR => return (Some(c), Some(d)),
            Some(_) => {}
            None => {
                unparsed.get_or_insert(c);
            }
        }
    }
    (unparsed, None)
}

/// The calendar date of a date-time as pages write it: ISO 8601 first (`2019-11-19`,
/// `2019-11-19T10:00:00Z`), else any full date newsq's text cleaner recognises.
fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Some(ymd) = s.get(..10)
        && let Ok(d) = ymd.replace('/', "-").parse::<jiff::civil::Date>()
    {
        return Some(d);
    }
    find_date(s).and_then(|f| f.date)
}
