//! Finding the story in the DOM: a readability-style scoring of containers, then cutting
//! the navigation, share bars, related lists and comments inside the chosen container.
//!
//! How it works, in the terms of Mozilla's Readability (whose scoring this follows):
//!
//! - A **text block** is the text whose nearest block ancestor is one element (a `<p>`, or
//!   a `<div>` holding text between `<br>`s). A block of prose (25 characters or more)
//!   scores `1 + commas + min(chars / 100, 3)`, less its share of link text, and gives that
//!   score to its container, half of it to the container's parent, and a third divided by
//!   the level further up.
//! - A **candidate** container starts from its tag (a `div` is a likely wrapper, a list or
//!   heading is not) and its class/id/role hints, and its total is scaled by how much of
//!   its text is not link text.
//! - The best candidate grows to a shared ancestor when other strong candidates sit next
//!   to it (a story split into several wrappers), and takes its siblings that score close
//!   to it or are plain paragraphs.
//! - Inside the result, elements that are navigation, asides, footers, or whose class/id
//!   says share/related/comment/newsletter/ad... are dropped, unless they hold most of the
//!   prose (a wrapper with an unlucky class name).
//!
//! **Against over-fitting**: every rule here is about kinds of structure (tags, ARIA
//! roles, schema.org `itemprop`, class-name vocabulary that content management systems
//! share, text and link density, sentence punctuation), never about a site or a string
//! seen in the dev pages; the thresholds are Readability's published ones where it has
//! one. The dev set was used to choose between variants, not to add site rules.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Method;
use super::dom::{Dom, Kind, ROOT, is_heading};

/// A text block shorter than this (in characters) is not prose evidence.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// A page whose chosen container holds less than this is retried on the whole body.
const MIN_CONTENT_CHARS: usize = 250;
/// Ancestor levels a paragraph's score reaches.
const SCORE_LEVELS: usize = 5;
/// A block inside the story whose text is this much link text is a link list.
const LINK_BLOCK_DENSITY: f64 = 0.8;
/// Weight of one class/id hint (Readability's).
const HINT_WEIGHT: f64 = 25.0;

/// Elements whose own text is a paragraph: their score starts at their parent, the
/// wrapper of the paragraphs. (Not `td`: in the table layouts of older pages a cell is the
/// story's wrapper, holding its text between `<br>`s; a data table's cells are too short
/// to score.) Headings ([`is_heading`]) are paragraphs too.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "pre",
    "blockquote",
    "li",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "address",
    "summary",
    "legend",
];

/// Elements that are page furniture by their tag (inside the story's container: a
/// `<header>` there holds the headline and byline, a `<figure>` a picture's caption).
const FURNITURE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "menu",
    "figure",
    "figcaption",
];

/// ARIA landmark roles that are page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
    "tablist",
];

/// Class/id fragments of story containers (Readability's positive pattern).
const POSITIVE_HINTS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story",
];

/// Class/id fragments of page furniture, matched anywhere in a class or id: the
/// vocabulary content management systems and widget vendors share.
const NEGATIVE_HINTS: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "sidebar",
    "widget",
    "footer",
    "masthead",
    "menu",
    "navbar",
    "navigation",
    "breadcrumb",
    "promo",
    "sponsor",
    "outbrain",
    "taboola",
    "newsletter",
    "subscri",
    "signup",
    "popup",
    "modal",
    "cookie",
    "gdpr",
    "banner",
    "trending",
    "popular",
    "mostread",
    "most-read",
    "skyscraper",
    "shoutbox",
    "combx",
    "pagination",
    "toolbar",
    "tagcloud",
    "tag-list",
    "taglist",
    "login",
    "contact",
];

/// Class/id fragments of what sits inside a story's container without being story:
/// bylines and author boxes, captions and galleries, pop-ups. Used to cut, not to score
/// (a container named "post-author-content" is still a container).
const INNER_FURNITURE_HINTS: &[&str] = &[
    "byline",
    "author",
    "dateline",
    "writtenby",
    "caption",
    "credit",
    "gallery",
    "slideshow",
    "carousel",
    "slider",
    "lightbox",
    "tooltip",
    "popover",
    "hovercard",
    "rollover",
    "dropdown",
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
];

/// Whole class/id words (split at `-`, `_` and spaces) that mark furniture but are too
/// short to match inside other words ("ad" is in "header" and "read").
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "nav",
    "tags",
    "tag",
    "hidden",
    "hid",
    "aside",
    "meta",
    "print",
    "rss",
    "follow",
    "tools",
    "share",
    "more",
    "next",
    "prev",
];

/// Per-node measurements.
struct Stats {
    /// Characters of text under the node (whitespace runs not counted).
    chars: Vec<usize>,
    /// Characters of text under the node inside links.
    link_chars: Vec<usize>,
    /// Like `chars`, without the furniture inside the node.
    shown_chars: Vec<usize>,
    /// Like `link_chars`, without the furniture inside the node.
    shown_link: Vec<usize>,
    /// Whether the node is furniture by its tag, role or class/id words.
    furniture: Vec<bool>,
    /// Readability score of each candidate container (`None` for non-candidates).
    score: Vec<Option<f64>>,
    /// Sum of the paragraph scores under the node (how much prose it holds).
    mass: Vec<f64>,
    /// Whether the node is or holds a `<blockquote>` (quotes and embedded posts).
    quote: Vec<bool>,
}

/// The main text of the page, one paragraph per line, and how it was found.
/// `article_body` is the JSON-LD `articleBody`, if any.
pub fn main_text(dom: &Dom, article_body: Option<&str>) -> (String, Method) {
    let stats = measure(dom);
    let picked = pick(dom, &stats);
    let body_words = article_body.map_or(0, |b| b.split_whitespace().count());
    if let Some(nodes) = picked {
        let total: f64 = nodes.iter().map(|&p| stats.mass[p]).sum();
        let skip = |i: usize| is_furniture(dom, &stats, i, total);
        let lines: Vec<String> = nodes.iter().flat_map(|&n| dom.lines(n, &skip)).collect();
        let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
        let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
        let text = lines.join("\n");
        // The container is trusted unless it is tiny, or the page's own articleBody is
        // much longer (the DOM holds the story in parts the scoring did not join) or
        // is mostly not in it (the scoring chose another block).
        let agrees = body_words == 0
            || (words * 2 >= body_words
                && article_body.is_some_and(|b| word_coverage(b, &text) >= 0.5));
        if chars >= MIN_CONTENT_CHARS && agrees {
            // A "container" that is the whole body chose nothing: the text cleaner's own
            // region finding is still needed.
            let whole = nodes
                .iter()
                .any(|&n| n == ROOT || matches!(dom.tag(n), "body" | "html"));
            let method = if whole {
                Method::WholePage
            } else {
                Method::Container
            };
            return (text, method);
        }
    }
    if let Some(body) = article_body.filter(|_| body_words >= 50) {
        let lines: Vec<String> = body
            .lines()
            .map(super::dom::collapse)
            .filter(|l| !l.is_empty())
            .collect();
        return (lines.join("\n"), Method::ArticleBody);
    }
    let skip = |i: usize| is_structural_furniture(dom, i);
    (dom.lines(ROOT, &skip).join("\n"), Method::WholePage)
}

/// Share of the distinct lower-cased words of `of` that occur in `within`.
fn word_coverage(of: &str, within: &str) -> f64 {
    use std::collections::HashSet;
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(of), words(within));
    if a.is_empty() {
        return 1.0;
    }
    a.iter().filter(|w| b.contains(*w)).count() as f64 / a.len() as f64
}

/// Counts characters, link characters, and scores paragraphs into their ancestors.
fn measure(dom: &Dom) -> Stats {
    let n = dom.nodes.len();
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    let mut own_chars = vec![0usize; n];
    let mut own_link = vec![0usize; n];
    let mut own_commas = vec![0usize; n];
    // Document order: parents come first, so a node's block owner and link state are
    // known from its parent's.
    let mut owner = vec![ROOT; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent;
        let (p_owner, p_link) = (owner[p], in_link[p]);
        match &dom.nodes[i].kind {
            Kind::Element(e) => {
                owner[i] = if e.block { i } else { p_owner };
                in_link[i] = p_link || e.tag == "a";
            }
            Kind::Text(t) => {
                let (c, commas) = count_text(t);
                chars[i] = c;
                own_chars[p_owner] += c;
                own_commas[p_owner] += commas;
                if p_link {
                    link_chars[i] = c;
                    own_link[p_owner] += c;
                }
            }
        }
    }
    // Children have larger indices than parents: a backward sweep totals subtrees. The
    // `shown_*` counts leave out furniture inside the node (a pop-up card inside a link,
    // a share bar inside a paragraph), which is cut before a reader would see the node.
    let mut quote: Vec<bool> = (0..n).map(|i| dom.tag(i) == "blockquote").collect();
    let furniture: Vec<bool> = (0..n).map(|i| is_furniture_kind(dom, i)).collect();
    let mut shown_chars = chars.clone();
    let mut shown_link = link_chars.clone();
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        chars[p] += chars[i];
        link_chars[p] += link_chars[i];
        quote[p] |= quote[i];
        if !furniture[i] {
            shown_chars[p] += shown_chars[i];
            shown_link[p] += shown_link[i];
        }
    }
    let mut score: Vec<Option<f64>> = vec![None; n];
    let mut mass = vec![0.0; n];
    for i in 1..n {
        let c = own_chars[i];
        if c < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let link_share = own_link[i] as f64 / c as f64;
        let para = (1.0 + own_commas[i] as f64 + (c / 100).min(3) as f64) * (1.0 - link_share);
        if para <= 0.0 {
            continue;
        }
        // Prose mass counts for every ancestor (summed up below), for the safety
        // checks of pruning.
        mass[i] += para;
        let mut target = if is_heading(dom.tag(i)) || PARAGRAPH_TAGS.contains(&dom.tag(i)) {
            dom.nodes[i].parent
        } else {
            i
        };
        for level in 0..SCORE_LEVELS {
            if target == ROOT {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let s = score[target].get_or_insert_with(|| initial_score(dom, target));
            *s += para / divider;
            target = dom.nodes[target].parent;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        mass[p] += mass[i];
    }
    // Scale by the share of text outside links.
    for (i, s) in score.iter_mut().enumerate() {
        if let Some(s) = s {
            *s *= 1.0 - link_density(chars[i], link_chars[i]);
        }
    }
    Stats {
        chars,
        link_chars,
        shown_chars,
        shown_link,
        furniture,
        score,
        mass,
        quote,
    }
}

/// Characters that are not white space, and commas (Latin and CJK), in a text node.
fn count_text(t: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut commas = 0;
    for c in t.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

fn link_density(chars: usize, link_chars: usize) -> f64 {
    if chars == 0 {
        0.0
    } else {
        (link_chars as f64 / chars as f64).min(1.0)
    }
}

/// Readability's starting score of a container: by tag, plus its class/id hints.
fn initial_score(dom: &Dom, i: usize) -> f64 {
    let by_tag = match dom.tag(i) {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + hint_weight(dom, i)
}

/// +25 for a story hint, −25 for a furniture hint (both may apply), +25 more for the
/// schema.org `articleBody` property or the `article`/`main` roles.
fn hint_weight(dom: &Dom, i: usize) -> f64 {
    let Some(e) = dom.element(i) else {
        return 0.0;
    };
    let mut w = 0.0;
    if has_negative_hint(&e.class_id) || FURNITURE_ROLES.contains(&e.role.as_str()) {
        w -= HINT_WEIGHT;
    }
    if POSITIVE.is_match(&e.class_id) {
        w += HINT_WEIGHT;
    }
    if e.itemprop == "articlebody" || e.role == "main" || e.role == "article" {
        w += HINT_WEIGHT;
    }
    w
}

/// One automaton per hint list: every element's class and id are matched against all of
/// a list in one pass.
static NEGATIVE: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(NEGATIVE_HINTS));
static POSITIVE: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(POSITIVE_HINTS));
static INNER: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(INNER_FURNITURE_HINTS));

fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::new(words).expect("hint words build an automaton")
}

fn has_negative_hint(class_id: &str) -> bool {
    if class_id.is_empty() {
        return false;
    }
    NEGATIVE.is_match(class_id)
        || class_id
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| NEGATIVE_WORDS.contains(&w))
}

/// Chooses the story's container(s): the best candidate, grown to a shared ancestor of
/// other strong candidates, and the siblings that belong with it. `None` when no element
/// holds prose.
fn pick(dom: &Dom, stats: &Stats) -> Option<Vec<usize>> {
    let mut ranked: Vec<(usize, f64)> = stats
        .score
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(mut top, top_score) = ranked.first()?;
    // Other strong candidates (Readability: 3 of the next 4 within 75 %) that share an
    // ancestor with the top one mean the story is split: take the ancestor.
    let alternatives: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|&(i, _)| i)
        .collect();
    if alternatives.len() >= 3 {
        let mut parent = dom.nodes[top].parent;
        while parent != ROOT && dom.tag(parent) != "body" {
            let inside = alternatives
                .iter()
                .filter(|&&a| is_ancestor(dom, parent, a))
                .count();
            if inside >= 3 {
                top = parent;
                break;
            }
            parent = dom.nodes[parent].parent;
        }
    }
    // Climb while a parent scores higher than the child (it holds more of the story).
    let mut last = stats.score[top].unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = dom.nodes[top].parent;
    while parent != ROOT && dom.tag(parent) != "body" {
        let Some(ps) = stats.score[parent] else {
            parent = dom.nodes[parent].parent;
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = parent;
            break;
        }
        last = ps;
        parent = dom.nodes[parent].parent;
    }
    // A lone child is the same content as its parent; the parent's siblings may not be.
    loop {
        let parent = dom.nodes[top].parent;
        if parent == ROOT || dom.tag(parent) == "body" {
            break;
        }
        let element_children = dom.nodes[parent]
            .children
            .iter()
            .filter(|&&c| dom.element(c).is_some() || stats.chars[c] > 0)
            .count();
        if element_children != 1 {
            break;
        }
        top = parent;
    }
    if top == ROOT || dom.tag(top) == "body" || dom.tag(top) == "html" {
        return Some(vec![top]);
    }
    // Siblings: strong scorers, or plain paragraphs of prose.
    let top_score = stats.score[top].unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.element(top).map_or("", |e| e.class_id.as_str());
    let parent = dom.nodes[top].parent;
    let mut nodes = Vec::new();
    for &s in &dom.nodes[parent].children {
        if s == top {
            nodes.push(s);
            continue;
        }
        let Some(e) = dom.element(s) else {
            continue;
        };
        if stats.furniture[s] {
            continue;
        }
        let bonus = if !top_class.is_empty() && e.class_id == top_class {
            top_score * 0.2
        } else {
            0.0
        };
        if stats.score[s].is_some_and(|sc| sc + bonus >= threshold) {
            nodes.push(s);
            continue;
        }
        if e.tag == "p" {
            let density = link_density(stats.chars[s], stats.link_chars[s]);
            let text = dom.text(s);
            let len = text.chars().count();
            if (len > 80 && density < 0.25) || (len > 0 && density == 0.0 && ends_sentence(&text)) {
                nodes.push(s);
            }
        }
    }
    Some(nodes)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '»'])
}

fn is_ancestor(dom: &Dom, ancestor: usize, mut node: usize) -> bool {
    while node != ROOT {
        if node == ancestor {
            return true;
        }
        node = dom.nodes[node].parent;
    }
    ancestor == ROOT
}

/// Whether element `i` (inside the picked containers, which hold `picked_mass` of prose)
/// is page furniture to
/// leave out: a furniture tag or role, a furniture class/id, or a block that is mostly
/// link text (a list of related headlines, a paragraph that is one link). Never one that
/// holds half or more of the picked prose, nor one holding a quotation or an embedded
/// post (`<blockquote>`), which stories quote as part of the text.
fn is_furniture(dom: &Dom, stats: &Stats, i: usize, picked_mass: f64) -> bool {
    let Some(e) = dom.element(i) else {
        return false;
    };
    if e.itemprop == "articlebody" || stats.quote[i] {
        return false;
    }
    let furniture = stats.furniture[i]
        || (e.block
            && stats.shown_chars[i] > 0
            && link_density(stats.shown_chars[i], stats.shown_link[i]) >= LINK_BLOCK_DENSITY);
    if !furniture {
        return false;
    }
    stats.mass[i] * 2.0 < picked_mass
}

/// Furniture by its tag, ARIA role or class/id words, before any measure of its text.
fn is_furniture_kind(dom: &Dom, i: usize) -> bool {
    dom.element(i).is_some_and(|e| {
        FURNITURE_TAGS.contains(&e.tag.as_str())
            || FURNITURE_ROLES.contains(&e.role.as_str())
            || has_negative_hint(&e.class_id)
            || INNER.is_match(&e.class_id)
    })
}

/// Furniture by tag or ARIA role alone (for the whole-page fallback, where no container
/// gives a scale to compare against).
fn is_structural_furniture(dom: &Dom, i: usize) -> bool {
    dom.element(i).is_some_and(|e| {
        matches!(e.tag.as_str(), "nav" | "aside" | "footer")
            || FURNITURE_ROLES.contains(&e.role.as_str())
    })
}
