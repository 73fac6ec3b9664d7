//! The gates that decide: one scan of a line for every needle says which regexes may
//! match it ([`Open`]), and the predicates that weigh a match where a regex alone cannot.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::patterns::*;
use crate::clean::lines::Line;
use crate::clean::markers;

/// Line regexes that a line can only match when it holds one of a few literal words.
/// One scan of the lower-cased line for all of them rules most regexes out at once: a
/// story paragraph holds none of "read more", "©" or "ago", and running a dozen regexes
/// over every paragraph of every article was most of cleaning's time.
#[derive(Debug, Clone, Copy)]
pub(super) enum Gate {
    ReadMore,
    CtaVerb,
    ClickHere,
    TagList,
    RelativeTime,
    AuthorHeading,
    DisclaimerStart,
    Copyright,
    Advertisement,
    Caption,
    Comment,
}

pub(super) static GATES: LazyLock<(AhoCorasick, Vec<Gate>)> = LazyLock::new(|| {
    let mut needles = Vec::new();
    let mut owners = Vec::new();
    for (gate, words) in gate_needles() {
        for w in words {
            needles.push(w.to_lowercase());
            owners.push(gate);
        }
    }
    // A full DFA: a few hundred short needles make a small one, and it scans fastest.
    let ac = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&needles)
        .expect("gate needles build an automaton");
    (ac, owners)
});

/// Which gated regexes a line may match.
#[derive(Debug, Clone, Copy)]
pub(super) struct Open(u32);

impl Open {
    pub(super) fn of(text: &str) -> Open {
        let lower = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.to_lowercase()
        };
        let (ac, owners) = &*GATES;
        let mut bits = 0u32;
        for m in ac.find_overlapping_iter(&lower) {
            bits |= 1 << owners[m.pattern().as_usize()] as u32;
        }
        Open(bits)
    }

    pub(super) fn has(self, gate: Gate) -> bool {
        self.0 & (1 << gate as u32) != 0
    }
}

/// A rights notice: "©", "All rights reserved" (or its translations) anywhere, or the
/// word "copyright" opening the line or next to a year. The word inside a sentence or a
/// headline ("Honda wins China copyright ruling") is news, not a notice.
pub(super) fn is_copyright(text: &str) -> bool {
    let Some(m) = COPYRIGHT.find(text) else {
        return false;
    };
    if !m.as_str().eq_ignore_ascii_case("copyright") {
        return true;
    }
    let before = text[..m.start()].trim_matches(|c: char| !c.is_alphanumeric());
    let after = text[m.end()..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let year = |t: &str| t.len() >= 4 && t[..4].bytes().all(|b| b.is_ascii_digit());
    before.is_empty() || year(after) || before.ends_with(|c: char| c.is_ascii_digit())
}

/// A bare "MORE": wire copy's "more to follow" at the end of a take.
pub fn is_wire_more(text: &str) -> bool {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .eq_ignore_ascii_case("more")
}

/// A line of hashtags ("#Antony Blinken #China #Russia") gives its tags.
pub(super) fn hashtags(text: &str) -> Option<Vec<String>> {
    let rest = text.strip_prefix('#')?;
    if !rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    let mut tags = Vec::new();
    for part in text.split('#') {
        let tag = part.trim().trim_end_matches([',', ';', '|', '·']).trim();
        if tag.is_empty() {
            continue;
        }
        if tag.split_whitespace().count() > 5 {
            return None;
        }
        tags.push(tag.to_owned());
    }
    (!tags.is_empty()).then_some(tags)
}

pub(super) fn split_tags(list: &str) -> Vec<String> {
    list.split([',', ';', '|', '#', '•', '·'])
        .map(|t| t.trim().trim_end_matches('.').trim())
        .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 6)
        .map(str::to_owned)
        .collect()
}

pub(super) fn is_list_heading(text: &str) -> bool {
    // Trimming keeps every word that holds a letter or digit: more than six is no heading.
    if text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(6)
        .is_some()
    {
        return false;
    }
    let t = text
        .trim_end_matches([':', '»', '›', '>', '|', ' ', '-', '—', '.', '…'])
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty() || t.split_whitespace().count() > 6 {
        return false;
    }
    // "More Washington Examiner", "More from Business": more of the site's stories.
    let more_site = text.split_whitespace().count() <= 5
        && t.starts_with("more ")
        && text
            .split_whitespace()
            .skip(1)
            .all(|w| w.starts_with(char::is_uppercase));
    more_site
        || markers::LIST_HEADINGS.contains(&t.as_str())
        // "Read also..." trailing off is a link set inside the story, one headline
        // long: the story goes on under it.
        || markers::SEE_ALSO_HEADINGS.contains(&t.as_str())
            && !(text.ends_with("...") || text.ends_with('…'))
        || [
            "more from ",
            "more in ",
            "next up in ",
            "next article",
            "more on ",
            "also on ",
            "more stories from ",
            "latest from ",
        ]
        .iter()
        .any(|p| {
            // "More in Science & Health": the ampersand is no word.
            let words = t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric));
            t.starts_with(p) && words.count() <= 5
        })
}

pub(super) fn is_call_to_action(line: &Line, open: Open) -> bool {
    if line.words > 25 || !open.has(Gate::CtaVerb) {
        return false;
    }
    let text = line.text.as_str();
    let Some(verb) = CTA_VERB.find(text) else {
        return false;
    };
    // "... by clicking here" needs no object: the link is the object.
    if line.words <= 15 && open.has(Gate::ClickHere) && CLICK_HERE.is_match(text) {
        return true;
    }
    if !CTA_OBJECT.is_match(text) {
        return false;
    }
    // Imperative (the verb opens the line, or the sentence after a question such as
    // "Like this story? Share it ...") or addressed from the publisher ("follow us").
    let before = &text[..verb.start()];
    let sentence = before
        .rfind(['?', '!'])
        .map_or(before, |i| &before[i + 1..]);
    let words_before = crate::clean::lines::word_tokens(sentence).count();
    words_before <= 2 || CTA_US.is_match(text)
}

/// A control of the page alone on its line: a button or a menu's label ("Search",
/// "Subscribe", "Skip to content", "Back to top"), or a link to the next or previous
/// item marked as one ("- Next Auto News", "Previous post »").
pub(super) fn is_page_control(text: &str) -> bool {
    const CONTROLS: &[&str] = &[
        "search",
        "menu",
        "main menu",
        "open menu",
        "close menu",
        "toggle navigation",
        "navigation",
        "subscribe",
        "subscribe now",
        "sign in",
        "sign up",
        "sign out",
        "log in",
        "log out",
        "login",
        "logout",
        "register",
        "my account",
        "close",
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "back to top",
        "back to home",
        "home",
        "donate",
        "newsletter",
        "newsletters",
        "advertise",
        "buscar",
        "suche",
        "rechercher",
        "cerca",
        "pesquisar",
        "suscríbete",
        "abonnieren",
        "s'abonner",
        "iniciar sesión",
        "anmelden",
        "se connecter",
        "accedi",
        "entrar",
        "inicio",
        "startseite",
        "accueil",
        "voltar",
        "volver",
        "retour",
        "zurück",
    ];
    const NAV: &[&str] = &["next", "previous", "prev", "older", "newer"];
    const NAV_NOUNS: &[&str] = &[
        "post", "posts", "article", "articles", "story", "stories", "news", "page", "entry",
        "item", "slide", "photo", "video", "gallery",
    ];
    let words: Vec<String> = text.split_whitespace().map(|w| w.to_lowercase()).collect();
    let bare: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if bare.is_empty() || bare.len() > 6 {
        return false;
    }
    if CONTROLS.contains(&bare.join(" ").as_str()) {
        return true;
    }
    // An arrow or a dash at either end marks the link ("Next »", "- Next Auto News");
    // brackets inside ("<SYMD>") are a ticker's.
    const MARKS: &[char] = &['«', '»', '‹', '›', '<', '>', '←', '→', '-', '–', '—'];
    let marked = text.starts_with(MARKS) || text.ends_with(MARKS);
    if text.trim_end().ends_with(['.', '!', '?']) {
        return false;
    }
    let first_or_last = |w: Option<&String>| w.is_some_and(|w| NAV.contains(&w.as_str()));
    (first_or_last(bare.first()) || first_or_last(bare.last()))
        && (marked || bare.iter().any(|w| NAV_NOUNS.contains(&w.as_str())))
}

/// A page navigation line: "« Previous 1 2 3 Next »", "Page 1 of 3", "Next page",
/// "Older posts". Only its words and page numbers, and one of the words that say it
/// pages.
pub(super) fn is_pagination(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "page", "pages", "of", "previous", "prev", "next", "first", "last", "older", "newer",
        "posts", "entries", "article", "story", "go", "to",
    ];
    const PAGING: &[&str] = &["page", "previous", "prev", "next", "older", "newer"];
    let mut paging = false;
    for token in text
        .split(|c: char| c.is_whitespace() || "«»‹›<>|·•[]()/:…-–—".contains(c))
        .filter(|t| !t.is_empty() && *t != "...")
    {
        let is = |w: &&str| w.eq_ignore_ascii_case(token);
        // Page numbers are small: "Previous - 1614.2" is a table row.
        let page_number = token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit());
        if PAGING.iter().any(is) {
            paging = true;
        } else if !(page_number || WORDS.iter().any(is)) {
            return false;
        }
    }
    paging
}

/// The share widget's phrases, and the words they start with.
pub(super) static SHARE_PHRASES: LazyLock<(HashSet<&str>, HashSet<&str>)> = LazyLock::new(|| {
    let phrases: HashSet<&str> = markers::SHARE_WORDS.iter().copied().collect();
    let firsts = phrases.iter().filter_map(|p| p.split(' ').next()).collect();
    (phrases, firsts)
});

pub(super) fn is_share_widget(text: &str) -> bool {
    // Separators only add tokens below: a line of more than 12 words is no widget.
    if text.split_whitespace().nth(12).is_some() {
        return false;
    }
    let lower = text.to_lowercase();
    let cleaned: String = lower
        .chars()
        .map(|c| {
            if matches!(c, '|' | '·' | '•' | '/' | ',' | ':' | '(' | ')' | '[' | ']') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 12 {
        return false;
    }
    let mut i = 0;
    let mut words = 0;
    'outer: while i < tokens.len() {
        if tokens[i]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == 'k')
        {
            i += 1; // share counts such as "12" or "1.2k"
            continue;
        }
        // Most lines fail on their first word: no phrase starts with it.
        if !SHARE_PHRASES.1.contains(tokens[i]) {
            return false;
        }
        for len in (1..=4).rev() {
            if i + len <= tokens.len() {
                let phrase = tokens[i..i + len].join(" ");
                if SHARE_PHRASES.0.contains(phrase.as_str()) {
                    i += len;
                    words += 1;
                    continue 'outer;
                }
            }
        }
        return false;
    }
    words > 0
}

/// Whether a line is an advertisement marker ("Advertisement", "Story continues below").
pub fn is_advertisement(text: &str) -> bool {
    Open::of(text).has(Gate::Advertisement) && ADVERTISEMENT.is_match(text)
}

pub(super) fn is_disclaimer(line: &Line, open: Open) -> bool {
    let text = line.text.as_str();
    if open.has(Gate::DisclaimerStart) && DISCLAIMER_START.is_match(text) {
        return true;
    }
    // A whole paragraph in parentheses that talks about the story itself.
    let parenthesised = wholly_parenthesised(text.trim_end_matches('.'));
    parenthesised && line.words >= 6 && DISCLAIMER_WORD.find_iter(text).count() >= 2
}

/// Whether the parenthesis that opens `text` is the one that closes it: "(This story
/// was corrected ...)", not "(Reuters) - A company ... ( TMH.N )".
fn wholly_parenthesised(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

pub(super) fn is_teaser(text: &str) -> bool {
    let t = text.trim_end();
    // A gallery's shortened caption ends in its toggle: "... The Islanders ... more".
    let t = match t.len().checked_sub(4).and_then(|i| t.split_at_checked(i)) {
        Some((rest, toggle)) if toggle.eq_ignore_ascii_case("more") => rest.trim_end(),
        _ => t,
    };
    (t.ends_with('…') || t.ends_with("...")) && !t.ends_with("....")
}
