//! Line rules: each recognises one *kind* of boilerplate from the line alone.
//!
//! Every rule has a stable id ([`Rule::id`]) that `newsq clean --explain` prints next to the
//! lines it removed. The marker words live in `markers.rs`; `patterns.rs` says where a marker
//! must stand for the line to count (alone, at the start and followed by a separator, next to
//! a channel name, ...), and `gates.rs` which patterns a line can match at all and the tests
//! no regex can make alone. This file runs them in order ([`classify`]). Whether a matched
//! line is removed can still depend on context: the region finder (`region.rs`) decides for
//! the weak kinds such as teasers and bios.

mod gates;
mod patterns;

use serde::Serialize;

use super::lines::Line;
use gates::*;
pub use gates::{is_advertisement, is_wire_more};
use patterns::*;

/// Why a line was removed, kept, or turned into metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A link to another article: "READ MORE : headline", "Also Read | headline".
    ReadMore,
    /// An invitation to join, follow or subscribe ("Join Whatsapp Channel ...").
    CallToAction,
    /// A row of share or social buttons ("Share", "Tweet", "Email").
    ShareWidget,
    /// A line of hashtags; its tags become metadata.
    Hashtags,
    /// A "Tags: a, b, c" line; its tags become metadata.
    TagList,
    /// A relative time such as "16 mins ago".
    RelativeTime,
    /// A date or time standing alone on its line (a timestamp, not a sentence).
    Timestamp,
    /// An author blurb: "About the author ...", "Author Profile" and what follows it.
    AuthorBlurb,
    /// A self-description of the author or publisher after the story.
    AuthorBio,
    /// A publisher's disclaimer ("(The above story is verified ... )").
    Disclaimer,
    /// A copyright or rights notice.
    Copyright,
    /// A block of links after a heading such as "Recent Posts" or "Related Articles".
    ListBlock,
    /// An advertisement marker ("Advertisement", "Story continues below").
    Advertisement,
    /// A photo caption or credit line.
    Caption,
    /// A truncated teaser of another article, ending in "…", or a headline glued to its
    /// summary ("...Check Out Our GuidesIf you are ...").
    Teaser,
    /// An agency sign-off standing alone after the story ("Reuter", "(AP)").
    Signoff,
    /// A reader comment's header ("jdoe says:", "Reply", "3 responses to ...").
    Comment,
    /// A paragraph that repeats another one (the lead printed twice).
    Duplicate,
    /// Outside the dense run of sentence-like paragraphs that forms the story.
    OutsideStory,
    /// A run of short lines inside the story region that reads as a menu or link list.
    Menu,
    /// A line that recurs in many other articles of the corpus (a site template).
    Template,
    /// The article's title.
    Title,
    /// A metadata line: section, author, source or dateline.
    Metadata,
    /// A story paragraph.
    Body,
    /// A short line inside the story: a subheading, a quote, a list item.
    Subheading,
    /// An item of a list that continues the story after its last paragraph.
    ListItem,
}

impl Rule {
    /// Kinds that mark the edge of a story: widgets, link lists, comments, legal lines.
    /// The story region does not reach across them for a short paragraph.
    pub fn is_boundary(self) -> bool {
        matches!(
            self,
            Rule::ReadMore
                | Rule::CallToAction
                | Rule::ShareWidget
                | Rule::Hashtags
                | Rule::TagList
                | Rule::AuthorBlurb
                | Rule::Disclaimer
                | Rule::Copyright
                | Rule::ListBlock
                | Rule::Comment
                | Rule::Template
        )
    }

    /// Every rule, in the order they are declared.
    pub const ALL: [Rule; 26] = [
        Rule::ReadMore,
        Rule::CallToAction,
        Rule::ShareWidget,
        Rule::Hashtags,
        Rule::TagList,
        Rule::RelativeTime,
        Rule::Timestamp,
        Rule::AuthorBlurb,
        Rule::AuthorBio,
        Rule::Disclaimer,
        Rule::Copyright,
        Rule::ListBlock,
        Rule::Advertisement,
        Rule::Caption,
        Rule::Teaser,
        Rule::Signoff,
        Rule::Comment,
        Rule::Duplicate,
        Rule::OutsideStory,
        Rule::Menu,
        Rule::Template,
        Rule::Title,
        Rule::Metadata,
        Rule::Body,
        Rule::Subheading,
        Rule::ListItem,
    ];

    /// The rule with this [`Rule::id`] (as an export writes it), if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The stable id printed by `--explain` and stored with removed lines.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ReadMore => "read-more",
            Rule::CallToAction => "call-to-action",
            Rule::ShareWidget => "share-widget",
            Rule::Hashtags => "hashtags",
            Rule::TagList => "tag-list",
            Rule::RelativeTime => "relative-time",
            Rule::Timestamp => "timestamp",
            Rule::AuthorBlurb => "author-blurb",
            Rule::AuthorBio => "author-bio",
            Rule::Disclaimer => "disclaimer",
            Rule::Copyright => "copyright",
            Rule::ListBlock => "list-block",
            Rule::Advertisement => "advertisement",
            Rule::Caption => "caption",
            Rule::Teaser => "teaser",
            Rule::Comment => "comment",
            Rule::Signoff => "signoff",
            Rule::Duplicate => "duplicate",
            Rule::OutsideStory => "outside-story",
            Rule::Menu => "menu",
            Rule::Template => "template",
            Rule::Title => "title",
            Rule::Metadata => "metadata",
            Rule::Body => "body",
            Rule::Subheading => "subheading",
            Rule::ListItem => "list-item",
        }
    }
}

/// What a line rule found.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// The line is boilerplate of this kind, whatever its context.
    Boilerplate(Rule),
    /// The line is boilerplate and carries tags for the metadata.
    Tags(Rule, Vec<String>),
    /// A heading that opens a block of links ("Recent Posts"); the block goes with it.
    ListHeading,
    /// A heading that opens an author blurb ("Author Profile").
    AuthorHeading,
    /// Weak evidence: a truncated teaser ("... shares her…").
    Teaser,
    /// Weak evidence: reads as a self-description of an author or publisher.
    Bio,
}

/// Checks a line against every line rule. The first kind that matches wins.
pub fn classify(line: &Line) -> Option<Marker> {
    let text = line.text.as_str();
    if let Some(tags) = hashtags(text) {
        return Some(Marker::Tags(Rule::Hashtags, tags));
    }
    let open = Open::of(text);
    if open.has(Gate::TagList)
        && line.words <= 40
        && let Some(caps) = TAG_LIST.captures(text)
    {
        let tags = split_tags(&caps[1]);
        if !tags.is_empty() {
            return Some(Marker::Tags(Rule::TagList, tags));
        }
    }
    if open.has(Gate::AuthorHeading)
        && let Some(caps) = AUTHOR_HEADING.captures(text)
    {
        let rest = caps.get(1).map_or("", |m| m.as_str());
        return Some(if rest.trim().is_empty() {
            Marker::AuthorHeading
        } else {
            Marker::Boilerplate(Rule::AuthorBlurb)
        });
    }
    // Story paragraphs are long; only a few kinds of boilerplate are (blurbs, bios,
    // disclaimers, teasers). Skipping the short-line rules is most of cleaning's speed.
    if line.words > 40 {
        return long_line(line, open);
    }
    if is_list_heading(text) {
        return Some(Marker::ListHeading);
    }
    if open.has(Gate::ReadMore)
        && (READ_MORE_SEP.is_match(text)
            || READ_MORE_ALONE.is_match(text)
            || READ_MORE_CAPS.is_match(text))
    {
        return Some(Marker::Boilerplate(Rule::ReadMore));
    }
    if is_call_to_action(line, open) {
        return Some(Marker::Boilerplate(Rule::CallToAction));
    }
    if is_share_widget(text) {
        return Some(Marker::Boilerplate(Rule::ShareWidget));
    }
    if open.has(Gate::RelativeTime) && RELATIVE_TIME.is_match(text) {
        return Some(Marker::Boilerplate(Rule::RelativeTime));
    }
    if open.has(Gate::Advertisement) && ADVERTISEMENT.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Advertisement));
    }
    if is_disclaimer(line, open) {
        return Some(Marker::Boilerplate(Rule::Disclaimer));
    }
    if open.has(Gate::Copyright) && is_copyright(text) {
        return Some(Marker::Boilerplate(Rule::Copyright));
    }
    if line.words <= 30
        && open.has(Gate::Caption)
        && (CAPTION.is_match(text)
            || CAPTION_SLASH.is_match(text)
                && (PICTURE_AGENCY.is_match(text) || credit_shape(line)))
    {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if text.len() <= 40 && GALLERY.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if line.words <= 12 && (is_pagination(text) || is_page_control(text)) {
        return Some(Marker::Boilerplate(Rule::Menu));
    }
    if line.words <= 2 && SIGNOFF.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Signoff));
    }
    if line.words <= 10 && open.has(Gate::Comment) && COMMENT.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Comment));
    }
    long_line(line, open)
}

/// Whether a line ends or starts as [`CREDIT_END`] needs: most lines that open the
/// caption gate (a slash, the word "image") are ruled out without running it.
fn may_be_credited(text: &str) -> bool {
    let t = text.trim_end();
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    t.ends_with(')')
        || [
            "less",
            "more",
            "Getty",
            "Images",
            "Shutterstock",
            "iStock",
            "iStockphoto",
            "Statista",
            "AP",
            "Reuters",
            "AFP",
        ]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
        || starts("in this ")
        || starts("this ")
}

/// The rules that apply to lines of any length (after the short-line rules).
fn long_line(line: &Line, open: Open) -> Option<Marker> {
    let text = line.text.as_str();
    if line.words <= 80
        && open.has(Gate::Caption)
        && may_be_credited(text)
        && CREDIT_END.is_match(text)
    {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if is_disclaimer(line, open) {
        return Some(Marker::Boilerplate(Rule::Disclaimer));
    }
    let caps_headline = line.all_caps && line.words >= 5 && !line.ends_sentence;
    // A long paragraph may trail off in an ellipsis; a teaser is short.
    let teaser = is_teaser(text) && line.words <= 45;
    if teaser || is_glued_headline(text) || caps_headline {
        return Some(Marker::Teaser);
    }
    // The subject must be a name, not a sentence opener ("The Commission is ...").
    let first = text.split_whitespace().next().unwrap_or("");
    let opener = [
        "The", "This", "That", "It", "He", "She", "They", "There", "A", "An", "His", "Her", "Its",
        "Our", "We",
    ]
    .contains(&first);
    // BIO_START opens with an ASCII capital.
    let capital = text.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    if line.words >= 6 && !opener && capital && BIO_START.is_match(text) {
        let head: String = text
            .split_whitespace()
            .take(16)
            .collect::<Vec<_>>()
            .join(" ");
        if BIO_NOUN.is_match(&head) {
            return Some(Marker::Bio);
        }
    }
    None
}

/// Removes a file name glued to the start of a paragraph, returning the junk and the rest.
pub fn strip_glued_file_name(text: &str) -> Option<(String, String)> {
    let caps = GLUED_FILE_NAME.captures(text)?;
    let junk = caps.name("glued").or_else(|| caps.name("spaced"))?;
    // A real word never holds two underscores or an image extension; require one of them.
    let j = junk.as_str();
    if !(j.matches('_').count() >= 2 || j.contains('.') || j.contains("img") || j.contains("image"))
    {
        return None;
    }
    let rest = text[junk.end()..].trim_start().to_owned();
    Some((j.to_owned(), rest))
}

/// Removes the hover cards a page printed inside a paragraph: a linked name glued to a
/// second copy of itself, then that person's latest headlines, closed by "MORE" ("Rep.
/// Ilhan OmarIlhan OmarHillicon Valley: ... her MORE (D-Minn.), the ..."). Returns the
/// cards and the paragraph without them.
pub fn strip_hover_cards(text: &str) -> Option<(String, String)> {
    /// A card's headlines are a few hundred bytes; a name is a few words.
    const MAX_CARD: usize = 1200;
    const MAX_NAME: usize = 40;
    // Most paragraphs have no "MORE" at all: one search rules them out.
    if !text.contains(" MORE") {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut cards = String::new();
    let mut copied = 0;
    let mut g = 1;
    while g < bytes.len() {
        // A glue point: a lower-case letter, then a capital, no space between.
        if !(bytes[g].is_ascii_uppercase() && bytes[g - 1].is_ascii_lowercase()) {
            g += 1;
            continue;
        }
        let name_len = (5..=MAX_NAME.min(g)).rev().find(|&k| {
            let start = g - k;
            bytes.get(g..g + k) == Some(&bytes[start..g])
                && bytes[start].is_ascii_uppercase()
                && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric())
                && bytes[start..g].contains(&b' ')
        });
        let Some(k) = name_len else {
            g += 1;
            continue;
        };
        let after = g + k;
        let mut limit = text.len().min(after + MAX_CARD);
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[after..limit];
        let Some(more) = window.find(" MORE").filter(|&m| {
            // "MORE" is a word of its own.
            !window[m + 5..].starts_with(|c: char| c.is_alphanumeric())
        }) else {
            g += 1;
            continue;
        };
        let end = after + more + " MORE".len();
        out.push_str(&text[copied..g]);
        if !cards.is_empty() {
            cards.push_str(" | ");
        }
        cards.push_str(text[g..end].trim());
        copied = end;
        g = end + 1;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((cards, out))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_is_found_by_its_id() {
        // A new variant must join ALL: this match has no catch-all arm.
        let index = |r: Rule| match r {
            Rule::ReadMore
            | Rule::CallToAction
            | Rule::ShareWidget
            | Rule::Hashtags
            | Rule::TagList
            | Rule::RelativeTime
            | Rule::Timestamp
            | Rule::AuthorBlurb
            | Rule::AuthorBio
            | Rule::Disclaimer
            | Rule::Copyright
            | Rule::ListBlock
            | Rule::Advertisement
            | Rule::Caption
            | Rule::Teaser
            | Rule::Signoff
            | Rule::Comment
            | Rule::Duplicate
            | Rule::OutsideStory
            | Rule::Menu
            | Rule::Template
            | Rule::Title
            | Rule::Metadata
            | Rule::Body
            | Rule::Subheading
            | Rule::ListItem => Rule::ALL.iter().position(|x| *x == r),
        };
        for r in Rule::ALL {
            assert!(index(r).is_some());
            assert_eq!(Rule::from_id(r.id()), Some(r));
        }
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    use regex::Regex;

    use super::*;

    /// Every line a gated regex matches opens its gate: over the dev set's lines (when
    /// `../shared` is there), the fuzz corpus, and each marker inside a sentence.
    #[test]
    fn gates_are_necessary() {
        let mut lines: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let fuzz =
            std::fs::read_to_string(root.join("tests/fuzz-corpus/lines.txt")).expect("fuzz corpus");
        lines.extend(fuzz.lines().map(str::to_owned));
        for dir in ["pages", "windows"] {
            let dir = root.join("../shared/data/extract-dev").join(dir);
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                lines.extend(text.lines().map(str::to_owned));
            }
        }
        for (_, words) in gate_needles() {
            for w in words {
                lines.push(w.to_uppercase());
                lines.push(format!("{w}: a headline about the port strike"));
                lines.push(format!("Photo / {w} 3 mins ago"));
            }
        }
        let gated: [(&str, &Regex, Gate); 14] = [
            ("READ_MORE_SEP", &READ_MORE_SEP, Gate::ReadMore),
            ("READ_MORE_ALONE", &READ_MORE_ALONE, Gate::ReadMore),
            ("READ_MORE_CAPS", &READ_MORE_CAPS, Gate::ReadMore),
            ("CTA_VERB", &CTA_VERB, Gate::CtaVerb),
            ("CLICK_HERE", &CLICK_HERE, Gate::ClickHere),
            ("TAG_LIST", &TAG_LIST, Gate::TagList),
            ("RELATIVE_TIME", &RELATIVE_TIME, Gate::RelativeTime),
            ("AUTHOR_HEADING", &AUTHOR_HEADING, Gate::AuthorHeading),
            ("DISCLAIMER_START", &DISCLAIMER_START, Gate::DisclaimerStart),
            ("COPYRIGHT", &COPYRIGHT, Gate::Copyright),
            ("ADVERTISEMENT", &ADVERTISEMENT, Gate::Advertisement),
            ("CAPTION", &CAPTION, Gate::Caption),
            ("CREDIT_END", &CREDIT_END, Gate::Caption),
            ("COMMENT", &COMMENT, Gate::Comment),
        ];
        let mut matched = 0;
        for line in &lines {
            let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let open = Open::of(&text);
            if BIO_START.is_match(&text) {
                assert!(
                    text.as_bytes()[0].is_ascii_uppercase(),
                    "BIO_START: {text:?}"
                );
            }
            for (name, re, gate) in &gated {
                if re.is_match(&text) {
                    matched += 1;
                    assert!(
                        open.has(*gate),
                        "{name} matches {text:?} but its gate is shut"
                    );
                }
            }
            if GLUED_HEADLINE.is_match(&text) && text.is_ascii() {
                let turn = text
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
                assert!(turn, "GLUED_HEADLINE: {text:?}");
            }
        }
        assert!(matched > 50, "the check saw too few matches ({matched})");
    }

    fn marker(text: &str) -> Option<Marker> {
        classify(&Line::new(1, text.to_owned()))
    }

    fn rule(text: &str) -> Option<Rule> {
        match marker(text)? {
            Marker::Boilerplate(r) | Marker::Tags(r, _) => Some(r),
            _ => None,
        }
    }

    /// Every line is marked by `want`.
    fn assert_rule(lines: &[&str], want: Option<Rule>) {
        for t in lines {
            assert_eq!(rule(t), want, "{t}");
        }
    }

    /// No line is marked by `not`.
    fn assert_not_rule(lines: &[&str], not: Rule) {
        for t in lines {
            assert_ne!(rule(t), Some(not), "{t}");
        }
    }

    #[test]
    fn read_more_links_in_several_shapes() {
        assert_eq!(
            rule("READ MORE : Some Other Headline About Elections"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Also Read | Markets Rally As Rates Fall."),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("ALSO READ: Flood Warnings Issued"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Lire aussi : Le gouvernement annonce"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Also on example.com Ministers Threatened With Arrest As Purge Widens"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Breaking U.S. stocks fell sharply on Monday as rates rose again."),
            None
        );
        assert_eq!(rule("Related"), None); // a heading, handled as a list block
        assert_eq!(rule("Read more"), Some(Rule::ReadMore));
        // A sentence that merely starts with "Read" is a sentence.
        assert_eq!(
            rule("Read the statement carefully and you will see why it matters."),
            None
        );
    }

    #[test]
    fn calls_to_action_need_a_verb_and_a_channel() {
        assert_eq!(
            rule("Join Whatsapp Channel of The Daily Planet for latest updates."),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("For breaking news, follow us on Twitter"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("Click here to subscribe to our newsletter"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("Like this story? Share it with a friend!"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule(
                "The regulator said it would follow the case and publish updates as the inquiry proceeds."
            ),
            None
        );
        // After a question the verb must open the next sentence.
        assert_eq!(
            rule("Why? The firm says it will share it with the app's partners."),
            None
        );
    }

    #[test]
    fn hashtags_become_tags() {
        assert_eq!(
            marker("#Climate Change #Energy #Europe"),
            Some(Marker::Tags(
                Rule::Hashtags,
                vec!["Climate Change".into(), "Energy".into(), "Europe".into()]
            ))
        );
        assert_eq!(
            marker("#1 seed wins the final, and the crowd goes home happy after a long day."),
            None
        );
    }

    #[test]
    fn relative_times_in_several_languages() {
        assert_rule(
            &[
                "16 mins ago",
                "2 hours ago",
                "Updated 3 days ago",
                "vor 5 Minuten",
                "il y a 2 heures",
                "3 часа назад",
                "5분 전",
            ],
            Some(Rule::RelativeTime),
        );
        assert_eq!(rule("Two hours ago the market was calm."), None);
    }

    #[test]
    fn blurbs_and_headings() {
        assert_eq!(marker("Author Profile"), Some(Marker::AuthorHeading));
        assert_eq!(
            rule("About The Author Jane Roe Jane Roe writes on trade."),
            Some(Rule::AuthorBlurb)
        );
        assert_eq!(marker("Recent Posts"), Some(Marker::ListHeading));
        assert_eq!(marker("More from Business:"), Some(Marker::ListHeading));
        for heading in ["Lesen Sie auch:", "Zobacz także", "Lue myös", "See also"] {
            assert_eq!(marker(heading), Some(Marker::ListHeading), "{heading}");
        }
        // Trailing off, the same words head one link inside the story.
        assert_ne!(marker("Lee también..."), Some(Marker::ListHeading));
        assert_eq!(marker("You may also like..."), Some(Marker::ListHeading));
        assert_eq!(
            marker("Next Up In Science & Health"),
            Some(Marker::ListHeading)
        );
        assert_eq!(
            marker(
                "Jane Roe is a senior correspondent who has covered energy markets for a decade and more."
            ),
            Some(Marker::Bio)
        );
    }

    #[test]
    fn disclaimers_in_parentheses() {
        assert_eq!(
            rule(
                "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)"
            ),
            Some(Rule::Disclaimer)
        );
        assert_eq!(
            rule("(The company did not respond to requests for comment on Friday.)"),
            None
        );
        // A lead that opens with the wire's name and ends with a ticker is no parenthesis
        // around the paragraph, and "staffing" or "affiliated" are no disclaimer's words.
        assert_eq!(
            rule(
                "(Wire) - A staffing group said on Monday it was asked for records of its affiliated clinics ( ABC.N )."
            ),
            None
        );
    }

    #[test]
    fn share_rows_and_teasers() {
        assert_eq!(rule("Share | Tweet | Email"), Some(Rule::ShareWidget));
        assert_eq!(
            rule("Facebook Twitter WhatsApp 12 Shares"),
            Some(Rule::ShareWidget)
        );
        assert_eq!(
            marker("The minister shares her view on the…"),
            Some(Marker::Teaser)
        );
        assert_eq!(rule("Email"), Some(Rule::ShareWidget));
        assert_rule(
            &[
                "Print this article",
                "E-mail this article to a friend",
                "Printer-friendly version",
                "Digg this",
                "Reprints",
            ],
            Some(Rule::ShareWidget),
        );
        assert_eq!(rule("Print this, she said."), None);
        assert_eq!(
            marker(
                "Check Out Our Weekend Stadium GuidesIf you and your family are headed to a game"
            ),
            Some(Marker::Teaser)
        );
        assert_eq!(
            marker("Rep. David McKinley visited the border near McAllen on Tuesday."),
            None
        );
    }

    #[test]
    fn captions_end_in_a_credit_whatever_their_length() {
        let long = "Rescuers carry a man from the rubble of a house in the town centre on \
                    Tuesday, a day after the earthquake struck the region at dawn, killing \
                    dozens of people and leaving hundreds more homeless, officials said.";
        assert_eq!(rule(long), None);
        for credit in [
            "(AP Photo/Jane Roe, File)",
            "(Joshua Roberts/Reuters)",
            "(Jane Roe/The Union via AP)",
            "(Image: jroe / Getty Images)",
            "(NASA/JPL-Caltech/ASU)",
            "(AP Photo/Jane Roe) less",
        ] {
            let caption = format!("{long} {credit}");
            assert_eq!(rule(&caption), Some(Rule::Caption), "{caption}");
        }
        for source in ["Getty Images", "Getty", "Shutterstock", "Statista"] {
            let caption = format!("{long} {source}");
            assert_eq!(rule(&caption), Some(Rule::Caption), "{caption}");
        }
        assert_eq!(rule(&format!("{long} Getty said")), None);
        // A picture agency's name in a story is no credit: at its start, or in a sentence.
        assert_rule(
            &[
                "Shutterstock expects its share sale to raise up to 70 million dollars.",
                "The stock image seller Shutterstock plans to list in New York next month.",
            ],
            None,
        );
        assert_rule(
            &[
                "In this Nov. 3, 2019, file photo, rescuers carry a man from the rubble.",
                "This undated photo provided by the family shows the missing climber.",
                "This March 28, 2017, handout image shows the harbour before the storm.",
                "New York State Sex Offender Registry via AP",
            ],
            Some(Rule::Caption),
        );
        assert_rule(
            &[
                "This photo shows why the mayor was angry, residents said on Monday.",
                "In this city, photos of the flood spread quickly on social media.",
            ],
            None,
        );
        // An editor's note in brackets is no credit.
        assert_eq!(
            rule(
                "(This version of an Oct. 14 story removes a photograph of the former chief \
                 executive. The photo was issued in error.)"
            ),
            None
        );
        // A slash between lower-case words, or a plain aside, is no credit.
        for aside in ["(at $4.99/mo)", "(D-Minn.)", "(and/or later)"] {
            let line = format!("{long} {aside}");
            assert_eq!(rule(&line), None, "{line}");
        }
        // A gallery's truncated caption ends in its toggle.
        assert_eq!(
            marker("Rescuers carry a man from the rubble of a house ... more"),
            Some(Marker::Teaser)
        );
        assert_eq!(marker("Prices rose, and then some more."), None);
    }

    #[test]
    fn page_navigation() {
        assert_rule(
            &[
                "« Previous 1 2 3 Next »",
                "Page 1 of 3",
                "Next page »",
                "< Prev | Next >",
                "Older posts",
                "Go to page: 1 2 3",
            ],
            Some(Rule::Menu),
        );
        assert_not_rule(
            &[
                "Next steps for the port",
                "Page three",
                "The last 3 of 10 days",
                "Previous - 1614.2",
                "Next 2025",
            ],
            Rule::Menu,
        );
    }

    #[test]
    fn gallery_controls() {
        assert_rule(
            &[
                "Image 1 of 12",
                "Image 1 of / 12",
                "3 / 12",
                "Caption",
                "Close",
                "Back to Gallery",
                "Full screen",
                "Click to enlarge",
                "Enlarge this image",
            ],
            Some(Rule::Caption),
        );
        assert_not_rule(
            &["Closing bell", "1 of 12 people", "Gallery owners protest"],
            Rule::Caption,
        );
    }

    #[test]
    fn comment_headers() {
        assert_rule(
            &[
                "jdoe42 says:",
                "Bob. Just Bob. says:",
                "Reply",
                "34 responses to \"Budget vote\"",
                "Comments are closed.",
            ],
            Some(Rule::Comment),
        );
        assert_eq!(rule("The minister says the budget is sound."), None);
    }

    #[test]
    fn hover_cards_are_cut_from_paragraphs() {
        let text = "A man threatened Rep. Jane RoeJane RoeSenate passes bill | Critics \
                    respond Roe asks court to act MORE (D-Minn.), officials said, and Sen. \
                    John DoeJohn DoeHouse votes today MORE (R-Ohio) agreed.";
        let (cards, rest) = super::strip_hover_cards(text).expect("two cards");
        assert_eq!(
            rest,
            "A man threatened Rep. Jane Roe (D-Minn.), officials said, and Sen. John Doe \
             (R-Ohio) agreed."
        );
        assert!(cards.starts_with("Jane RoeSenate passes bill"), "{cards}");
        assert!(cards.ends_with("John DoeHouse votes today MORE"), "{cards}");
        // The card's window may end inside a character.
        let wide = format!("Jane RoeJane Roex{} MORE", "é".repeat(700));
        assert_eq!(super::strip_hover_cards(&wide), None);
        let wide = format!("Jane RoeJane Roe{} MORE (D-Minn.)", "é".repeat(500));
        assert_eq!(
            super::strip_hover_cards(&wide)
                .map(|(_, rest)| rest)
                .as_deref(),
            Some("Jane Roe (D-Minn.)")
        );
        // Glued words alone, or without the closing "MORE", are no card.
        for plain in [
            "The McDonald's and YouTube deal, said John Doe.",
            "Jane RoeJane Roe said more things later.",
            "He saw Jane RoeJane Roe and MOREover nothing.",
        ] {
            assert_eq!(super::strip_hover_cards(plain), None, "{plain}");
        }
    }

    #[test]
    fn glued_file_names_are_stripped() {
        assert_eq!(
            strip_glued_file_name("flood_relief_camp_img_3Officials said on Monday"),
            Some((
                "flood_relief_camp_img_3".into(),
                "Officials said on Monday".into()
            ))
        );
        assert_eq!(
            strip_glued_file_name("DSC_0042.jpg Officials said"),
            Some(("DSC_0042.jpg".into(), "Officials said".into()))
        );
        assert_eq!(strip_glued_file_name("Officials said on Monday"), None);
        assert_eq!(strip_glued_file_name("snake_case is a style"), None);
    }
}
