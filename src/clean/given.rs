//! What a source declares about an article beside its text: an HTML page's meta tags, a
//! sidecar file, a JSON record's fields, the date in its path. `corpus/` reads each into
//! a [`Given`]; [`clean`](super::clean) lays it over what the cleaner found, in one place
//! (`overlay.rs`).

use jiff::civil::Date;

/// The metadata one source declares (a sidecar file, a JSON record's fields, a page's
/// meta tags). What it says wins over what the cleaner finds in the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Declared {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Publisher.
    pub source: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site section.
    pub section: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The article's address on the web. Not searchable; shown and exported.
    pub url: Option<String>,
    /// The dateline as written ("PORTSMOUTH, May 16").
    pub dateline: Option<String>,
    /// The dateline's place.
    pub place: Option<String>,
    /// Where the date was found, as an export says it (`timestamp`, `byline`, ...).
    pub date_source: Option<String>,
    /// Lines already removed as boilerplate, with the id of the rule that removed each
    /// (an export read back).
    pub removed: Vec<(String, String)>,
}

/// Everything the source of one article declares, each part with its origin. The
/// overlay applies them in this order, a later one winning: the page, the sidecar, the
/// record, and the path's date only when nothing else gave a date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    /// An HTML page's meta tags (origin `page`). A page's text is cleaned as a page's,
    /// never as story-only text.
    pub page: Option<Declared>,
    /// The text is the page's article container: the DOM chose the story's region, so
    /// the cleaner's own region guess is not applied again.
    pub container: bool,
    /// A sidecar file beside the article (origin `sidecar`).
    pub sidecar: Option<Declared>,
    /// The other fields of a JSON record (origin `record`).
    pub record: Option<Declared>,
    /// A date in the article's path (`2024/05/16/`, origin `path`).
    pub path_date: Option<Date>,
}

impl Given {
    /// The article's address: a sidecar's wins over a page's.
    pub fn url(&self) -> Option<&str> {
        [&self.sidecar, &self.page]
            .into_iter()
            .find_map(|d| d.as_ref()?.url.as_deref())
    }

    /// Whether the text is a web page's (see [`Prepared::from_a_page`](super::Prepared::from_a_page)).
    pub fn is_page(&self) -> bool {
        self.page.is_some()
    }
}
