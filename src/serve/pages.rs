//! The routes: the search page, the article page, downloads, the JSON API and the assets.
//! Every state of a page is in its URL; the API writes exactly what the CLI's `--json`
//! writes.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

use super::Shared;
use super::html::{esc, marked, page, timeline_svg};
use super::http::{Request, Response, query_string};
use crate::corpus::path::display_path;
use crate::index::stories::Copies;
use crate::output::csv::Table;
use crate::output::notices::{self, Level};
use crate::output::{self, Format, HitView, Styles};
use crate::search::facets::FacetField;
use crate::search::timeline::{By, TimelineRequest};
use crate::search::{Filters, QueryError, Results, SearchOptions, Sort};

const CSS: &str = include_str!("assets/newsq.css");
const JS: &str = include_str!("assets/newsq.js");

/// Hits a page lists.
const PER_PAGE: usize = 10;

/// The deepest page (a link cannot ask the engine to rank a million hits).
const MAX_PAGE: usize = 1_000;

/// Hits a download or an API page holds at most.
const MAX_DOWNLOAD: usize = 10_000;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// Values a facet lists on the page.
const FACET_VALUES: usize = 8;

/// The facets of the page, in order.
const FACETS: &[(&str, FacetField)] = &[
    ("source", FacetField::Source),
    ("author", FacetField::Author),
    ("section", FacetField::Section),
    ("tag", FacetField::Tag),
    ("lang", FacetField::Lang),
    ("year", FacetField::Year),
];

/// The response to `request`.
pub(crate) fn route(request: &Request, shared: &Shared) -> Response {
    let api = request.path.starts_with("/api/") || request.path.starts_with("/download.");
    let answered = match request.path.as_str() {
        "/" => search_page(request, shared),
        "/article" => article_page(request, shared),
        "/api/search" => api_search(request, shared),
        "/api/facets" => api_facets(request, shared),
        "/api/timeline" => api_timeline(request, shared),
        "/api/article" => api_article(request, shared),
        "/download.csv" => download(request, shared, Format::Table(Table::Csv)),
        "/download.jsonl" => download(request, shared, Format::Json),
        "/assets/newsq.css" => Ok(Response::new(200, "text/css; charset=utf-8", CSS)),
        "/assets/newsq.js" => Ok(Response::new(200, "text/javascript; charset=utf-8", JS)),
        _ => Err(Failure::NotFound("no such page".into())),
    };
    match answered {
        Ok(r) => r,
        Err(f) => {
            let (status, message) = match &f {
                Failure::Bad(m) => (400, m.clone()),
                Failure::NotFound(m) => (404, m.clone()),
                Failure::Engine(e) => (500, format!("{e:#}")),
            };
            if api {
                Response::json_error(status, &message)
            } else {
                let body = format!(
                    "<header class=\"top\"><a class=\"home\" href=\"/\">newsq</a></header>\n<main class=\"reading\"><h1>{}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/\">Search</a></p></main>",
                    super::http::reason(status),
                    esc(&message)
                );
                Response::html(status, page(super::http::reason(status), &body))
            }
        }
    }
}

/// Why a route did not answer.
enum Failure {
    /// The request asks for something malformed (400).
    Bad(String),
    /// Nothing there (404).
    NotFound(String),
    /// The engine failed (500): a damaged index, a bug.
    Engine(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        // A query the engine cannot take is the request's fault.
        if let Some(q) = e.downcast_ref::<QueryError>() {
            return Failure::Bad(q.to_string());
        }
        Failure::Engine(e)
    }
}

impl From<crate::index::IndexError> for Failure {
    fn from(e: crate::index::IndexError) -> Failure {
        Failure::Engine(e.into())
    }
}

type Answer = Result<Response, Failure>;

/// The search state a URL holds.
#[derive(Debug, Clone, Default)]
struct Form {
    q: String,
    source: Option<String>,
    author: Option<String>,
    section: Option<String>,
    tag: Option<String>,
    lang: Option<String>,
    year: Option<i16>,
    since: Option<Date>,
    until: Option<Date>,
    sort_date: bool,
    all: bool,
    page: usize,
}

fn bad(m: impl Into<String>) -> Failure {
    Failure::Bad(m.into())
}

fn date_param(request: &Request, name: &str) -> Result<Option<Date>, Failure> {
    match request.param(name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<Date>()
            .map(Some)
            .map_err(|_| bad(format!("{name} must be a date as YYYY-MM-DD, not {v:?}"))),
    }
}

fn text_param(request: &Request, name: &str) -> Result<Option<String>, Failure> {
    match request.param(name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.chars().count() > MAX_QUERY_CHARS => Err(bad(format!(
            "{name} is longer than {MAX_QUERY_CHARS} characters"
        ))),
        Some(v) => Ok(Some(v.to_owned())),
    }
}

impl Form {
    fn of(request: &Request) -> Result<Form, Failure> {
        let q = request.param("q").unwrap_or("").trim().to_owned();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        let year = match request.param("year").filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(
                v.parse::<i16>()
                    .ok()
                    .filter(|y| (1..=9999).contains(y))
                    .ok_or_else(|| bad(format!("year must be a year such as 2024, not {v:?}")))?,
            ),
        };
        let page = match request.param("page").filter(|v| !v.is_empty()) {
            None => 1,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .ok_or_else(|| bad(format!("page must be a number from 1 to {MAX_PAGE}")))?,
        };
        Ok(Form {
            q,
            source: text_param(request, "source")?,
            author: text_param(request, "author")?,
            section: text_param(request, "section")?,
            tag: text_param(request, "tag")?,
            lang: text_param(request, "lang")?,
            year,
            since: date_param(request, "since")?,
            until: date_param(request, "until")?,
            sort_date: request.param("sort") == Some("date"),
            all: request.param("all") == Some("1"),
            page,
        })
    }

    /// The URL's pairs (without the page unless asked).
    fn pairs(&self, with_page: bool) -> Vec<(&'static str, String)> {
        let mut p = vec![("q", self.q.clone())];
        for (k, v) in [
            ("source", &self.source),
            ("author", &self.author),
            ("section", &self.section),
            ("tag", &self.tag),
            ("lang", &self.lang),
        ] {
            if let Some(v) = v {
                p.push((k, v.clone()));
            }
        }
        if let Some(y) = self.year {
            p.push(("year", y.to_string()));
        }
        if let Some(d) = self.since {
            p.push(("since", d.to_string()));
        }
        if let Some(d) = self.until {
            p.push(("until", d.to_string()));
        }
        if self.sort_date {
            p.push(("sort", "date".into()));
        }
        if self.all {
            p.push(("all", "1".into()));
        }
        if with_page && self.page > 1 {
            p.push(("page", self.page.to_string()));
        }
        p
    }

    fn href(&self, base: &str) -> String {
        let pairs = self.pairs(true);
        format!(
            "{base}{}",
            query_string(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        )
    }

    /// The same search with a change, on page 1.
    fn with(&self, change: impl FnOnce(&mut Form)) -> Form {
        let mut f = self.clone();
        f.page = 1;
        change(&mut f);
        f
    }

    fn has_filters(&self) -> bool {
        self.source.is_some()
            || self.author.is_some()
            || self.section.is_some()
            || self.tag.is_some()
            || self.lang.is_some()
            || self.year.is_some()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// The query text the engine gets: the typed query, or every article (`*`) when
    /// only filters were given.
    fn text(&self) -> String {
        if self.q.is_empty() && self.has_filters() {
            "*".to_owned()
        } else {
            self.q.clone()
        }
    }

    fn filters(&self) -> Filters {
        let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
        let year = |m: i8, d: i8| self.year.and_then(|y| jiff::civil::Date::new(y, m, d).ok());
        Filters {
            source: one(&self.source),
            author: one(&self.author),
            tag: one(&self.tag),
            section: one(&self.section),
            lang: one(&self.lang),
            since: later(self.since, year(1, 1)),
            until: earlier(self.until, year(12, 31)),
            ..Filters::default()
        }
    }

    /// The engine's request for a page of `limit` hits from `offset`.
    fn request(
        &self,
        shared: &Shared,
        limit: usize,
        offset: usize,
        fallback: bool,
    ) -> crate::search::Request {
        crate::search::Request {
            text: self.text(),
            filters: self.filters(),
            strict: false,
            options: SearchOptions {
                limit: Some(limit),
                offset,
                passages: 2,
                stored: true,
                sort: if self.sort_date {
                    Sort::Date
                } else {
                    Sort::Relevance
                },
                collapse: !self.all,
                fallback,
            },
            count_undated: self.sort_date,
            cwd: shared.cwd.clone().unwrap_or_default(),
        }
    }

    /// The request that counts (facets, the timeline): copies folded unless `all`.
    fn counting(&self, shared: &Shared) -> crate::search::Request {
        crate::search::Request {
            options: SearchOptions {
                collapse: !self.all,
                ..SearchOptions::default()
            },
            count_undated: false,
            ..self.request(shared, 0, 0, false)
        }
    }
}

fn later(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn earlier(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The header with the search form.
fn header(form: &Form) -> String {
    let mut hidden = String::new();
    for (k, v) in form.pairs(false) {
        if k != "q" {
            let _ = write!(
                hidden,
                "<input type=\"hidden\" name=\"{k}\" value=\"{}\">",
                esc(&v)
            );
        }
    }
    format!(
        "<header class=\"top\"><a class=\"home\" href=\"/\">newsq</a>\
         <form id=\"search\" action=\"/\" method=\"get\" role=\"search\">\
         <input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"Search the articles\" aria-label=\"Query\" maxlength=\"{MAX_QUERY_CHARS}\" autocomplete=\"off\">{hidden}\
         <button type=\"submit\">Search</button></form></header>",
        esc(&form.q)
    )
}

fn search_page(request: &Request, shared: &Shared) -> Answer {
    let form = Form::of(request)?;
    let index = shared.index()?;
    let cwd = shared.cwd.as_deref();
    if form.q.is_empty() && !form.has_filters() {
        let body = format!(
            "{}\n<main class=\"start\"><p id=\"summary\">{} in the index. Words are all required; \
             <code>\"a phrase\"</code>, <code>OR</code>, <code>-word</code>, <code>pref*</code>, \
             <code>source:</code>, <code>date:2024</code> and <code>*</code> work as in <code>newsq search</code>.</p>\
             <p class=\"keys\">Press <kbd>/</kbd> to search.</p></main>",
            header(&form),
            plural(index.len(), "article", "articles")
        );
        return Ok(Response::html(200, page("newsq", &body)));
    }
    let offset = (form.page - 1) * PER_PAGE;
    let results = index.search(&form.request(shared, PER_PAGE, offset, true))?;
    let mut body = header(&form);
    body.push_str("\n<div class=\"layout\"><main>");
    notices_html(&mut body, &form, &results, offset);
    summary_html(&mut body, &form, &results);
    active_html(&mut body, &form);
    if results.total > 0 {
        let counting = form.counting(shared);
        let timeline = index.timeline(&TimelineRequest {
            request: counting,
            by: None,
            split: None,
            top: 0,
            first: 0,
        })?;
        if !timeline.buckets.is_empty() {
            let svg = timeline_svg(&timeline, |since, until| {
                let (since, until) = (since.parse().ok(), until.parse().ok());
                form.with(|f| {
                    f.since = since;
                    f.until = until;
                    f.year = None;
                })
                .href("/")
            });
            let mut caption = format!(
                "{} a {}",
                if form.all { "Articles" } else { "Stories" },
                timeline.by.name()
            );
            if let Some(p) = timeline.peak {
                let b = &timeline.buckets[p];
                let _ = write!(
                    caption,
                    " · peak {} ({})",
                    esc(&b.label),
                    plural(b.counts.stories, "story", "stories")
                );
            }
            if let Some(j) = &timeline.jump {
                let _ = write!(
                    caption,
                    " · coverage jumped in {}",
                    esc(&timeline.buckets[j.bucket].label)
                );
            }
            if timeline.undated.articles > 0 {
                let _ = write!(
                    caption,
                    " · {} undated",
                    plural(timeline.undated.articles, "article", "articles")
                );
            }
            let _ = write!(
                body,
                "<figure id=\"timeline\">{svg}<figcaption>{caption} · <a href=\"{}\">JSON</a></figcaption></figure>",
                esc(&form.href("/api/timeline"))
            );
        }
    }
    hits_html(&mut body, &form, &results, cwd);
    pages_html(&mut body, &form, &results);
    if results.total > 0 {
        let _ = write!(
            body,
            "<p id=\"downloads\">Download the matches (up to {}): <a id=\"download-csv\" href=\"{}\" download>CSV</a> · <a id=\"download-jsonl\" href=\"{}\" download>JSON lines</a></p>",
            thousands(MAX_DOWNLOAD as u64),
            esc(&form.with(|_| {}).href("/download.csv")),
            esc(&form.with(|_| {}).href("/download.jsonl")),
        );
    }
    body.push_str("</main>");
    if results.total > 0 {
        facets_html(&mut body, &form, &index, shared)?;
    }
    body.push_str("</div>");
    let title = format!("{} · newsq", form.q);
    Ok(Response::html(200, page(&title, &body)))
}

/// `q` with the whole word `word` replaced by `better`.
fn replace_word(q: &str, word: &str, better: &str) -> String {
    let mut out = String::new();
    let mut rest = q;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let whole = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if whole { better } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

fn notices_html(body: &mut String, form: &Form, results: &Results, offset: usize) {
    let mut said = notices::search(results);
    if results.total > 0 && offset > 0 && results.hits.is_empty() {
        said.push(notices::nothing_past(offset, results.available));
    }
    if said.is_empty() {
        return;
    }
    body.push_str("<ul id=\"notices\">");
    if !results.notices.spellings.is_empty() {
        let mut q = form.q.clone();
        for (word, better) in &results.notices.spellings {
            q = replace_word(&q, word, better);
        }
        if q != form.q {
            let instead = form.with(|f| f.q = q.clone());
            let _ = write!(
                body,
                "<li class=\"notice note\">Search instead for <a id=\"did-you-mean\" href=\"{}\">{}</a></li>",
                esc(&instead.href("/")),
                esc(&q)
            );
        }
    }
    for n in said {
        let class = match n.level {
            Level::Warning => "notice warning",
            Level::Note => "notice note",
        };
        let _ = write!(body, "<li class=\"{class}\">{}</li>", esc(&n.text));
    }
    body.push_str("</ul>");
}

fn summary_html(body: &mut String, form: &Form, results: &Results) {
    let mut s = if results.total == 0 {
        "No article matches".to_owned()
    } else {
        format!(
            "{} {}",
            plural(results.total as u64, "article", "articles"),
            if results.total == 1 {
                "matches"
            } else {
                "match"
            }
        )
    };
    if results.total > 0 && !form.all && results.available < results.total {
        let _ = write!(
            s,
            " · {} with copies folded (<a href=\"{}\">list every copy</a>)",
            plural(results.available as u64, "hit", "hits"),
            esc(&form.with(|f| f.all = true).href("/"))
        );
    } else if form.all {
        let _ = write!(
            s,
            " · every copy listed (<a href=\"{}\">fold copies</a>)",
            esc(&form.with(|f| f.all = false).href("/"))
        );
    }
    if results.total > 0 {
        let (label, other) = if form.sort_date {
            ("sorted by date", form.with(|f| f.sort_date = false))
        } else {
            ("best first", form.with(|f| f.sort_date = true))
        };
        let _ = write!(
            s,
            " · {label} (<a href=\"{}\">{}</a>)",
            esc(&other.href("/")),
            if form.sort_date {
                "best first"
            } else {
                "sort by date"
            }
        );
    }
    let _ = write!(body, "<p id=\"summary\">{s}</p>");
}

fn active_html(body: &mut String, form: &Form) {
    let mut links = Vec::new();
    let mut add = |label: String, without: Form| {
        links.push(format!(
            "<a class=\"remove-filter\" href=\"{}\" title=\"Remove this filter\">{} ×</a>",
            esc(&without.href("/")),
            esc(&label)
        ));
    };
    for (name, value, clear) in [
        (
            "source",
            &form.source,
            (|f: &mut Form| f.source = None) as fn(&mut Form),
        ),
        ("author", &form.author, |f: &mut Form| f.author = None),
        ("section", &form.section, |f: &mut Form| f.section = None),
        ("tag", &form.tag, |f: &mut Form| f.tag = None),
        ("lang", &form.lang, |f: &mut Form| f.lang = None),
    ] {
        if let Some(v) = value {
            add(format!("{name}: {v}"), form.with(clear));
        }
    }
    if let Some(y) = form.year {
        add(format!("year: {y}"), form.with(|f| f.year = None));
    }
    if let Some(d) = form.since {
        add(format!("since {d}"), form.with(|f| f.since = None));
    }
    if let Some(d) = form.until {
        add(format!("until {d}"), form.with(|f| f.until = None));
    }
    if !links.is_empty() {
        let _ = write!(body, "<div id=\"active\">{}</div>", links.join(" "));
    }
}

fn article_href(path: &Path, q: &str) -> String {
    let shown = path.to_string_lossy();
    format!(
        "/article{}",
        query_string([("path", shown.as_ref()), ("q", q)])
    )
}

fn hits_html(body: &mut String, form: &Form, results: &Results, cwd: Option<&Path>) {
    if results.hits.is_empty() {
        return;
    }
    let _ = write!(body, "<ol id=\"hits\" start=\"{}\">", results.hits[0].rank);
    for hit in &results.hits {
        let shown = display_path(&hit.path, cwd);
        let _ = write!(
            body,
            "<li class=\"hit\" data-path=\"{}\"><h3><a class=\"title\" href=\"{}\">{}</a></h3>",
            esc(&shown.to_string_lossy()),
            esc(&article_href(&shown, &form.q)),
            marked(hit.display_title(), &hit.title_highlights)
        );
        let meta = output::meta_line(&hit.meta);
        let _ = write!(
            body,
            "<p class=\"meta\"><span class=\"path\">{}</span>{}{}</p>",
            esc(&shown.to_string_lossy()),
            if meta.is_empty() { "" } else { " · " },
            esc(&meta)
        );
        for p in &hit.passages {
            let _ = write!(
                body,
                "<p class=\"passage\">{}{}</p>",
                if p.gap_before { "… " } else { "" },
                marked(&p.text, &p.highlights)
            );
        }
        if !hit.copies.is_empty() {
            let _ = write!(
                body,
                "<details class=\"similar\"><summary>+{} similar</summary><ul>",
                hit.copies.len()
            );
            for c in &hit.copies {
                let c = display_path(c, cwd);
                let _ = write!(
                    body,
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&article_href(&c, &form.q)),
                    esc(&c.to_string_lossy())
                );
            }
            body.push_str("</ul></details>");
        }
        body.push_str("</li>");
    }
    body.push_str("</ol>");
}

fn pages_html(body: &mut String, form: &Form, results: &Results) {
    let pages = results.available.div_ceil(PER_PAGE).min(MAX_PAGE);
    if pages <= 1 {
        return;
    }
    body.push_str("<nav id=\"pages\">");
    if form.page > 1 {
        let prev = form.with(|f| f.page = form.page - 1);
        let _ = write!(
            body,
            "<a rel=\"prev\" href=\"{}\">← Previous</a> ",
            esc(&prev.href("/"))
        );
    }
    let _ = write!(body, "<span>Page {} of {pages}</span>", form.page);
    if form.page < pages {
        let next = form.with(|f| f.page = form.page + 1);
        let _ = write!(
            body,
            " <a rel=\"next\" href=\"{}\">Next →</a>",
            esc(&next.href("/"))
        );
    }
    body.push_str("</nav>");
}

fn facets_html(
    body: &mut String,
    form: &Form,
    index: &crate::index::Index,
    shared: &Shared,
) -> Result<(), Failure> {
    let counting = form.counting(shared);
    body.push_str("<aside id=\"facets\">");
    for (name, field) in FACETS {
        let counts = index.facets(*field, &counting)?.counts;
        if counts.is_empty() {
            continue;
        }
        let _ = write!(
            body,
            "<section class=\"facet\" data-field=\"{name}\"><h2>{}</h2><ul>",
            match *name {
                "lang" => "Language".to_owned(),
                n => {
                    let mut c = n.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            }
        );
        for (value, n) in counts.iter().take(FACET_VALUES) {
            if value == crate::search::facets::NO_DATE {
                // Not a value a filter can ask for: counted, not linked.
                let _ = write!(
                    body,
                    "<li><span class=\"facet-none\">{}</span> <span class=\"count\">{}</span></li>",
                    esc(value),
                    thousands(*n)
                );
                continue;
            }
            let v = value.clone();
            let chosen = form.with(|f| match *name {
                "source" => f.source = Some(v),
                "author" => f.author = Some(v),
                "section" => f.section = Some(v),
                "tag" => f.tag = Some(v),
                "lang" => f.lang = Some(v),
                _ => f.year = v.parse().ok(),
            });
            let _ = write!(
                body,
                "<li><a class=\"facet-value\" href=\"{}\">{}</a> <span class=\"count\">{}</span></li>",
                esc(&chosen.href("/")),
                esc(value),
                thousands(*n)
            );
        }
        if counts.len() > FACET_VALUES {
            let _ = write!(
                body,
                "<li class=\"more\"><a href=\"{}\">all {}</a></li>",
                esc(&format!(
                    "/api/facets{}",
                    query_string(
                        form.pairs(false)
                            .iter()
                            .map(|(k, v)| (*k, v.as_str()))
                            .chain([("field", *name)])
                    )
                )),
                thousands(counts.len() as u64)
            );
        }
        body.push_str("</ul></section>");
    }
    let _ = write!(
        body,
        "<p class=\"unit\">{} counted{}</p></aside>",
        if form.all { "articles" } else { "stories" },
        if form.all { "" } else { ": copies folded" }
    );
    Ok(())
}

/// The indexed key of a path from a request: relative paths are below the server's
/// folder; `..` is resolved by the words alone. Nothing is looked up on disk.
fn indexed_key(shared: &Shared, path: &str) -> PathBuf {
    let p = Path::new(path);
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        shared
            .cwd
            .clone()
            .unwrap_or_else(|| PathBuf::from("/"))
            .join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

fn found_article(
    request: &Request,
    shared: &Shared,
) -> Result<(crate::index::store::StoredArticle, PathBuf), Failure> {
    let path = request
        .param("path")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| bad("give the article's path: /article?path=PATH"))?;
    let key = indexed_key(shared, path);
    let index = shared.index()?;
    let Some(found) = index.lookup_indexed(&key)? else {
        return Err(Failure::NotFound(format!(
            "{path} is not an indexed article"
        )));
    };
    let shown = display_path(&found.path, shared.cwd.as_deref());
    Ok((found, shown))
}

fn article_page(request: &Request, shared: &Shared) -> Answer {
    let q = request.param("q").unwrap_or("").trim().to_owned();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(bad(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let (article, shown) = found_article(request, shared)?;
    let index = shared.index()?;
    let lang = article.stored.meta.lang.as_deref();
    let mut highlighter = (!q.is_empty())
        .then(|| index.highlighter(&q, lang))
        .flatten();
    let mut mark = |text: &str| match highlighter.as_mut() {
        Some(h) => {
            let ranges: Vec<_> = h.matches(text).into_iter().map(|m| m.range).collect();
            marked(text, &ranges)
        }
        None => esc(text),
    };
    let stored = &article.stored;
    let meta = &stored.meta;
    let shown_text = shown.to_string_lossy().into_owned();
    // Untitled, the article is named by its first words, as its hit is.
    let title = stored
        .title
        .clone()
        .unwrap_or_else(|| first_words(&article.body).unwrap_or_else(|| shown_text.clone()));
    let form = Form {
        q: q.clone(),
        ..Form::default()
    };
    let mut body = header(&form);
    let back = if q.is_empty() {
        "/".to_owned()
    } else {
        form.href("/")
    };
    let _ = write!(
        body,
        "\n<main class=\"reading\"><a id=\"back\" href=\"{}\">← Back to the results</a>\
         <article id=\"article\"><h1 id=\"title\">{}</h1>",
        esc(&back),
        mark(&title)
    );
    let line = output::meta_line(meta);
    if !line.is_empty() {
        let _ = write!(body, "<p class=\"meta\">{}</p>", esc(&line));
    }
    body.push_str("<dl id=\"metadata\">");
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            let _ = write!(body, "<dt>{name}</dt><dd>{}</dd>", esc(&value));
        }
    };
    field("path", shown_text.clone());
    field("source", meta.source.clone().unwrap_or_default());
    field("authors", meta.authors.join(", "));
    field("section", meta.section.clone().unwrap_or_default());
    field(
        "date",
        meta.date
            .map(|d| match &meta.date_source {
                Some(s) => format!("{d} (from the {s})"),
                None => d.to_string(),
            })
            .unwrap_or_default(),
    );
    field(
        "dateline",
        meta.dateline
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
    );
    field("tags", meta.tags.join(", "));
    field("language", meta.lang.clone().unwrap_or_default());
    field("address", stored.url.clone().unwrap_or_default());
    field(
        "encoding",
        stored
            .encoding
            .as_ref()
            .map(|e| format!("converted from {e}"))
            .unwrap_or_default(),
    );
    body.push_str("</dl><div id=\"body\">");
    for para in article.body.lines().filter(|l| !l.trim().is_empty()) {
        let _ = write!(body, "<p>{}</p>", mark(para));
    }
    body.push_str("</div>");
    if !stored.removed.is_empty() {
        let _ = write!(
            body,
            "<details id=\"removed\"><summary>Show removed lines ({})</summary><ul>",
            stored.removed_lines.max(stored.removed.len())
        );
        for (line, rule, text) in &stored.removed {
            let _ = write!(
                body,
                "<li><span class=\"line\">{line}</span> <span class=\"rule\">{}</span> {}</li>",
                esc(rule),
                esc(text)
            );
        }
        body.push_str("</ul></details>");
    }
    let _ = write!(
        body,
        "<p class=\"api\"><a href=\"{}\">JSON</a></p></article></main>",
        esc(&format!(
            "/api/article{}",
            query_string([("path", shown_text.as_str())])
        ))
    );
    Ok(Response::html(
        200,
        page(&format!("{title} · newsq"), &body),
    ))
}

/// The first words of a body, cut at a word near 90 characters.
fn first_words(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.chars().count() <= 90 {
        return Some(line.to_owned());
    }
    let cut: String = line.chars().take(90).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    Some(format!("{cut} …"))
}

/// A query string's number parameter, within `1..=max`.
fn count_param(
    request: &Request,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, Failure> {
    match request.param(name).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| bad(format!("{name} must be a number from 1 to {max}"))),
    }
}

fn hits_bytes(results: &Results, format: Format, shared: &Shared) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    let view = HitView {
        format,
        styles: Styles::new(false),
        cwd: shared.cwd.as_deref(),
        tty: false,
        any: false,
        width: None,
    };
    output::print_hits(&mut out, &results.hits, &view).map_err(|e| Failure::Engine(e.into()))?;
    Ok(out)
}

fn api_search(request: &Request, shared: &Shared) -> Answer {
    let started = std::time::Instant::now();
    let form = Form::of(request)?;
    if form.q.is_empty() && !form.has_filters() {
        return Err(bad("give a query: q=words (or q=* for every article)"));
    }
    let n = count_param(request, "n", PER_PAGE, 100)?;
    let offset = (form.page - 1) * n;
    let index = shared.index()?;
    let results = index.search(&form.request(shared, n, offset, false))?;
    let mut out = hits_bytes(&results, Format::Json, shared)?;
    output::print_summary(&mut out, &results, offset, false, started.elapsed())
        .map_err(|e| Failure::Engine(e.into()))?;
    Ok(Response::new(
        200,
        "application/x-ndjson; charset=utf-8",
        out,
    ))
}

fn download(request: &Request, shared: &Shared, format: Format) -> Answer {
    let form = Form::of(request)?;
    if form.q.is_empty() && !form.has_filters() {
        return Err(bad("give a query: q=words (or q=* for every article)"));
    }
    let index = shared.index()?;
    let results = index.search(&form.request(shared, MAX_DOWNLOAD, 0, false))?;
    let out = hits_bytes(&results, format, shared)?;
    let (kind, name) = match format {
        Format::Json => ("application/x-ndjson; charset=utf-8", "newsq-results.jsonl"),
        _ => ("text/csv; charset=utf-8", "newsq-results.csv"),
    };
    Ok(Response::new(200, kind, out).with(
        "Content-Disposition",
        format!("attachment; filename=\"{name}\""),
    ))
}

fn copies_param(request: &Request) -> Result<bool, Failure> {
    match request.param("copies") {
        None | Some("") | Some("fold") => Ok(false),
        Some("all") => Ok(true),
        Some(v) => Err(bad(format!("copies must be fold or all, not {v:?}"))),
    }
}

fn api_facets(request: &Request, shared: &Shared) -> Answer {
    let mut form = Form::of(request)?;
    form.all = form.all || copies_param(request)?;
    let name = request.param("field").ok_or_else(|| {
        bad("give a field: field=source (or author, section, tag, place, lang, year)")
    })?;
    let field = FacetField::parse(name).ok_or_else(|| {
        let names: Vec<&str> = FacetField::ALL.iter().map(|(n, _)| *n).collect();
        bad(format!(
            "{name:?} has no facets: choose one of {}",
            names.join(", ")
        ))
    })?;
    let n = count_param(request, "n", 1_000, 100_000)?;
    if form.q.is_empty() {
        form.q = "*".into();
    }
    let index = shared.index()?;
    let counting = form.counting(shared);
    let facets = index.facets(field, &counting)?;
    let shown = &facets.counts[..facets.counts.len().min(n)];
    let copies = if form.all { Copies::All } else { Copies::Fold };
    let mut out = Vec::new();
    output::facets::json(&mut out, shown, copies).map_err(|e| Failure::Engine(e.into()))?;
    Ok(Response::new(
        200,
        "application/x-ndjson; charset=utf-8",
        out,
    ))
}

fn api_timeline(request: &Request, shared: &Shared) -> Answer {
    let mut form = Form::of(request)?;
    form.all = form.all || copies_param(request)?;
    if form.q.is_empty() && !form.has_filters() {
        return Err(bad("give a query: q=words (or q=* for every article)"));
    }
    let by = match request.param("by").unwrap_or("auto") {
        "" | "auto" => None,
        "day" => Some(By::Day),
        "week" => Some(By::Week),
        "month" => Some(By::Month),
        "year" => Some(By::Year),
        v => {
            return Err(bad(format!(
                "by must be day, week, month, year or auto, not {v:?}"
            )));
        }
    };
    let index = shared.index()?;
    let counting = form.counting(shared);
    let text = counting.text.clone();
    let timeline = index.timeline(&TimelineRequest {
        request: counting,
        by,
        split: None,
        top: 0,
        first: 0,
    })?;
    let mut out = Vec::new();
    output::timeline::json(&mut out, &timeline, &text).map_err(|e| Failure::Engine(e.into()))?;
    Ok(Response::new(
        200,
        "application/x-ndjson; charset=utf-8",
        out,
    ))
}

fn api_article(request: &Request, shared: &Shared) -> Answer {
    let (article, shown) = found_article(request, shared)?;
    let mut out = Vec::new();
    output::article::json(&mut out, &article, &shown).map_err(|e| Failure::Engine(e.into()))?;
    Ok(Response::new(200, "application/json; charset=utf-8", out))
}
