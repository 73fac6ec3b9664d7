//! A flat, read-only copy of the parsed page: the part of the DOM a reader sees, with the
//! few attributes the extractor looks at, plus what the head declares.
//!
//! html5ever (through `dom_query`) does the parsing; copying into a `Vec` in document
//! order once makes every later pass a plain loop: children have larger indices than
//! their parents, so walking the vector backwards visits children before parents, and no
//! pass needs recursion (deeply nested markup cannot overflow the stack).

use dom_query::{Document, NodeData, NodeRef};

/// Index of the document root in [`Dom::nodes`].
pub const ROOT: usize = 0;

/// Elements whose content is never text a reader sees: dropped with everything inside.
const SKIPPED: &[&str] = &[
    "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "textarea", "input", "button", "audio", "video", "map", "link",
    "meta", "base", "frameset", "frame", "dialog",
];

/// Heading elements (blocks, and paragraphs of their own).
pub(super) fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements that start a new line (as a browser's block layout would), besides the
/// headings ([`is_heading`]).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "br",
];

/// One node of the flat tree.
#[derive(Debug)]
pub struct Node {
    /// Index of the parent (the root is its own parent).
    pub parent: usize,
    /// Children, in document order.
    pub children: Vec<usize>,
    /// Element or text.
    pub kind: Kind,
}

/// What a node holds.
#[derive(Debug)]
pub enum Kind {
    /// An element with the attributes the extractor reads.
    Element(Element),
    /// A text node, as written (whitespace not yet collapsed).
    Text(String),
}

/// The parts of an element the extractor reads.
#[derive(Debug, Default)]
pub struct Element {
    /// Lower-case local name (`"div"`).
    pub tag: String,
    /// `class` and `id` values, lower-cased, space-separated.
    pub class_id: String,
    /// `role`, lower-cased.
    pub role: String,
    /// `itemprop`, lower-cased.
    pub itemprop: String,
    /// Whether this element starts a line.
    pub block: bool,
}

/// One `<meta>` tag: the key (`property`, `name` or `itemprop`, lower-cased) and content.
#[derive(Debug, Clone)]
pub struct MetaTag {
    /// `og:title`, `article:published_time`, `author`, ...
    pub key: String,
    /// The `content` attribute.
    pub content: String,
}

/// The flat tree and what the page declares outside its visible text.
#[derive(Debug, Default)]
pub struct Dom {
    /// Nodes in document order; `nodes[ROOT]` is the document.
    pub nodes: Vec<Node>,
    /// `<meta>` tags with a key and content, in document order.
    pub metas: Vec<MetaTag>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The `<title>` text.
    pub title: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Texts of `<a rel=author>` and of elements with `itemprop=author` or a class/id
    /// naming an author, as written (for the byline when meta tags name none).
    pub author_texts: Vec<String>,
    /// `datetime` of the first `<time>` elements (for the date when meta tags give none).
    pub times: Vec<String>,
}

impl Dom {
    /// Parses `html` and copies the visible part into a flat tree.
    pub fn parse(html: &str) -> Dom {
        let doc = Document::from(flatten_deep(html).as_ref());
        let mut dom = Dom {
            nodes: vec![Node {
                parent: ROOT,
                children: Vec::new(),
                kind: Kind::Element(Element {
                    tag: "#document".into(),
                    block: true,
                    ..Element::default()
                }),
            }],
            ..Dom::default()
        };
        // (node in dom_query's tree, index of its parent in ours; `None` inside `<head>`,
        // which is read for its declarations but not kept). Children are pushed in
        // reverse so they pop in document order.
        let mut stack: Vec<(NodeRef<'_>, Option<usize>)> = Vec::new();
        let mut authors: Vec<usize> = Vec::new();
        push_children(&mut stack, doc.root(), Some(ROOT));
        while let Some((node, parent)) = stack.pop() {
            match copy_node(&node, &mut dom) {
                Copy::Keep(kind, author) => {
                    let Some(parent) = parent else {
                        if matches!(kind, Kind::Element(_)) {
                            push_children(&mut stack, node, None);
                        }
                        continue;
                    };
                    let idx = dom.nodes.len();
                    let descend = matches!(kind, Kind::Element(_));
                    dom.nodes.push(Node {
                        parent,
                        children: Vec::new(),
                        kind,
                    });
                    dom.nodes[parent].children.push(idx);
                    if author && authors.len() < MAX_AUTHOR_NODES {
                        authors.push(idx);
                    }
                    if descend {
                        push_children(&mut stack, node, Some(idx));
                    }
                }
                Copy::Transparent => push_children(&mut stack, node, parent),
                Copy::Head => push_children(&mut stack, node, None),
                Copy::Drop => {}
            }
        }
        // Author names in comment threads and comment forms ("Name *") are not bylines.
        let in_comments = |mut i: usize| {
            while i != ROOT {
                if let Some(e) = dom.element(i)
                    && (e.tag == "form" || e.class_id.contains("comment"))
                {
                    return true;
                }
                i = dom.nodes[i].parent;
            }
            false
        };
        let authors: Vec<usize> = authors.into_iter().filter(|&i| !in_comments(i)).collect();
        for idx in authors {
            let text = dom.text(idx);
            if !text.is_empty() && text.chars().count() <= 120 {
                dom.author_texts.push(text);
            }
        }
        dom
    }

    /// The element at `idx`, if it is one.
    pub fn element(&self, idx: usize) -> Option<&Element> {
        match &self.nodes.get(idx)?.kind {
            Kind::Element(e) => Some(e),
            Kind::Text(_) => None,
        }
    }

    /// The tag name at `idx` (`""` for text).
    pub fn tag(&self, idx: usize) -> &str {
        self.element(idx).map_or("", |e| e.tag.as_str())
    }

    /// The text under `idx` as lines: each block element and `<br>` starts a line,
    /// whitespace runs become one space, lines are trimmed and empty ones dropped.
    /// Subtrees for which `skip` returns true are left out.
    pub fn lines(&self, idx: usize, skip: &dyn Fn(usize) -> bool) -> Vec<String> {
        let mut out = LineWriter::default();
        // (node, entering?): a block is closed when its exit marker pops.
        let mut stack = vec![(idx, true)];
        while let Some((i, enter)) = stack.pop() {
            let Some(node) = self.nodes.get(i) else {
                continue;
            };
            if !enter {
                out.break_line();
                continue;
            }
            if i != idx && skip(i) {
                continue;
            }
            match &node.kind {
                Kind::Text(t) => out.push_text(t),
                Kind::Element(e) => {
                    if e.block {
                        out.break_line();
                        stack.push((i, false));
                    }
                    stack.extend(node.children.iter().rev().map(|&c| (c, true)));
                }
            }
        }
        out.finish()
    }

    /// The whitespace-collapsed text under `idx` on one line.
    pub fn text(&self, idx: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![idx];
        while let Some(i) = stack.pop() {
            match self.nodes.get(i).map(|n| &n.kind) {
                Some(Kind::Text(t)) => {
                    out.push_str(t);
                    out.push(' ');
                }
                Some(Kind::Element(_)) => {
                    stack.extend(self.nodes[i].children.iter().rev());
                }
                None => {}
            }
        }
        collapse(&out)
    }
}

/// At most this many elements marked as an author's are read for names: nested author
/// boxes would otherwise cost quadratic time.
const MAX_AUTHOR_NODES: usize = 16;

/// Deepest element nesting passed to the parser. html5ever checks scopes by walking its
/// stack of open elements, so each tag costs time in proportion to the depth: 100,000
/// unclosed `<div>`s take minutes. Real pages nest a few dozen levels; the margin is
/// wide because this count is rough (it does not model every tag the parser closes
/// implicitly, such as unclosed `<font>`s in old pages' table cells).
const MAX_DEPTH: usize = 2048;

/// Elements the parser closes by itself or that never hold children: they do not
/// deepen the tree however often they are left open.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot",
    "colgroup", "rp", "rt", "html", "head", "body", "br", "img", "hr", "meta", "link", "input",
    "area", "base", "col", "embed", "param", "source", "track", "wbr", "keygen",
];

/// Drops the start tags (and their end tags) that would nest elements deeper than
/// [`MAX_DEPTH`], keeping all text: a linear pre-scan that guards the parser against
/// quadratic time. Returns the input untouched (borrowed) when it is not that deep.
pub fn flatten_deep(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut excess = 0usize;
    // Byte ranges of the tags to drop.
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut next_gt: Option<usize> = None;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = find_from(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        // The next '>' is remembered: text full of '<' and no '>' must not make every
        // '<' scan to the end.
        if next_gt.is_none_or(|g| g < start) {
            next_gt = bytes[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|e| start + e);
        }
        let Some(gt) = next_gt else {
            break;
        };
        let end = gt + 1;
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        i = end;
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text: skip to the end tag so markup-like strings inside do not count.
            let close = format!("</{name}");
            i = find_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        if SELF_CLOSING.contains(&name.as_str()) || bytes[..end].ends_with(b"/>") {
            continue;
        }
        if closing {
            if excess > 0 {
                excess -= 1;
                drop.push((start, end));
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= MAX_DEPTH {
            excess += 1;
            drop.push((start, end));
        } else {
            depth += 1;
        }
    }
    if drop.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in drop {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

enum Copy {
    /// Copied; the flag marks an element that names an author.
    Keep(Kind, bool),
    /// `<head>`: not copied, but its children are read for declarations.
    Head,
    /// Not copied, but its children are (the document's own wrappers, unknown nodes).
    Transparent,
    Drop,
}

fn push_children<'a>(
    stack: &mut Vec<(NodeRef<'a>, Option<usize>)>,
    node: NodeRef<'a>,
    parent: Option<usize>,
) {
    let start = stack.len();
    let mut child = node.first_child();
    while let Some(c) = child {
        stack.push((c, parent));
        child = c.next_sibling();
    }
    stack[start..].reverse();
}

/// Decides what becomes of one dom_query node, and collects head data on the way.
fn copy_node(node: &NodeRef<'_>, dom: &mut Dom) -> Copy {
    node.query(|tn| match &tn.data {
        NodeData::Text { contents } => Copy::Keep(Kind::Text(contents.to_string()), false),
        NodeData::Element(el) => {
            let tag = (*el.name.local).to_ascii_lowercase();
            let attr = |name: &str| {
                el.attrs
                    .iter()
                    .find(|a| (*a.name.local).eq_ignore_ascii_case(name))
                    .map(|a| a.value.as_ref())
            };
            collect_declarations(&tag, &attr, node, dom);
            if tag == "head" {
                return Copy::Head;
            }
            if SKIPPED.contains(&tag.as_str()) || is_hidden(&attr) {
                return Copy::Drop;
            }
            let mut class_id = String::new();
            for name in ["class", "id"] {
                if let Some(v) = attr(name) {
                    class_id.push_str(&v.to_lowercase());
                    class_id.push(' ');
                }
            }
            let lower = |name: &str| attr(name).map(str::to_lowercase).unwrap_or_default();
            let author = lower("itemprop") == "author"
                || (tag == "a" && lower("rel") == "author")
                || class_id.split_whitespace().any(|c| c.contains("author"));
            let kind = Kind::Element(Element {
                block: is_heading(&tag) || BLOCKS.contains(&tag.as_str()),
                role: lower("role"),
                itemprop: lower("itemprop"),
                class_id: class_id.trim_end().to_owned(),
                tag,
            });
            Copy::Keep(kind, author)
        }
        NodeData::Document | NodeData::Fragment => Copy::Transparent,
        _ => Copy::Drop,
    })
    .unwrap_or(Copy::Drop)
}

/// Reads what the page declares about itself from `meta`, `title`, `link`, `time`, `html`
/// and JSON-LD `script` elements, wherever they are (pages put them in the body too).
fn collect_declarations<'v>(
    tag: &str,
    attr: &dyn Fn(&str) -> Option<&'v str>,
    node: &NodeRef<'_>,
    dom: &mut Dom,
) {
    match tag {
        "meta" => {
            let key = attr("property")
                .or_else(|| attr("name"))
                .or_else(|| attr("itemprop"));
            if let (Some(key), Some(content)) = (key, attr("content")) {
                let content = collapse(content);
                if !content.is_empty() {
                    dom.metas.push(MetaTag {
                        key: key.trim().to_lowercase(),
                        content,
                    });
                }
            }
        }
        "title" if dom.title.is_none() => {
            let t = collapse(&node.text());
            if !t.is_empty() {
                dom.title = Some(t);
            }
        }
        "html" if dom.lang.is_none() => {
            dom.lang = attr("lang")
                .or_else(|| attr("xml:lang"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned);
        }
        "link"
            if dom.canonical.is_none()
                && attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            dom.canonical = attr("href").map(|h| h.trim().to_owned());
        }
        "time" if dom.times.len() < 8 => {
            if let Some(dt) = attr("datetime").map(str::trim).filter(|d| !d.is_empty()) {
                dom.times.push(dt.to_owned());
            }
        }
        "script"
            if attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
        {
            dom.json_ld.push(node.text().to_string());
        }
        _ => {}
    }
}

/// Hidden outright: the `hidden` attribute or an inline `display:none` /
/// `visibility:hidden` (what a reader of the page never sees).
fn is_hidden<'v>(attr: &dyn Fn(&str) -> Option<&'v str>) -> bool {
    if attr("hidden").is_some() {
        return true;
    }
    attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Collapses whitespace (including no-break and zero-width spaces) into single spaces,
/// drops control characters, and trims.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_space(c) {
            space = true;
        } else if c.is_control() {
            continue;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// White space for line building: Unicode white space plus the zero-width space, word
/// joiner and BOM that pages use as invisible separators. (Zero-width joiners stay: they
/// are part of words in Indic and Persian scripts and of emoji.)
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Builds lines from text pieces and line breaks.
#[derive(Default)]
struct LineWriter {
    lines: Vec<String>,
    current: String,
    space: bool,
}

impl LineWriter {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if is_space(c) {
                self.space = true;
            } else if !c.is_control() {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn break_line(&mut self) {
        if !self.current.is_empty() {
            self.lines.push(std::mem::take(&mut self.current));
        }
        self.space = false;
    }

    fn finish(mut self) -> Vec<String> {
        self.break_line();
        self.lines
    }
}
