//! Splitting text into lines and measuring each line's shallow features.
//!
//! A line here is a paragraph as the scraper wrote it: one block element per line. Blank
//! lines are layout, not content, and are dropped; every kept line remembers its 1-based
//! number in the file so `clean --explain` can point at it.

use unicode_normalization::UnicodeNormalization;

/// One non-blank line of an article file with the features the rules look at.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the file.
    pub no: usize,
    /// The line with runs of whitespace collapsed to one space and trimmed.
    pub text: String,
    /// Word tokens (Unicode alphanumeric runs), or half the CJK characters for scripts
    /// written without spaces, whichever is larger.
    pub words: usize,
    /// Words that start with an upper-case letter.
    pub capitalised: usize,
    /// The line ends like a sentence: `.`, `!`, `?`, `…` or CJK full stops, possibly
    /// followed by closing quotes or brackets.
    pub ends_sentence: bool,
    /// Number of sentence-ending punctuation marks followed by a space inside the line.
    pub inner_stops: usize,
    /// Share of the line's non-space characters that are letters.
    pub letter_share: f32,
    /// The line holds any punctuation inside sentences (`.`, `,`, `;`, `:`, `!`, `?`,
    /// or their CJK forms).
    pub has_punct: bool,
    /// Every letter is upper-case (and there are some).
    pub all_caps: bool,
}

impl Line {
    /// Measures a whitespace-normalised line.
    pub fn new(no: usize, text: String) -> Line {
        let mut words = 0;
        let mut capitalised = 0;
        for w in word_tokens(&text) {
            words += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
        }
        // Chinese and Japanese put no spaces between words: count two characters a word.
        let cjk = text.chars().filter(|&c| is_cjk(c)).count();
        let words = words.max(cjk / 2);
        let has_punct = text.contains(['.', ',', ';', ':', '!', '?', '。', '、', '，', '！', '？']);
        let mut letters_seen = false;
        let all_caps = text.chars().all(|c| {
            if c.is_alphabetic() {
                letters_seen = true;
                !c.is_lowercase()
            } else {
                true
            }
        }) && letters_seen
            && text.chars().any(char::is_uppercase);
        let non_space = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let ends_sentence = ends_like_sentence(&text);
        let inner_stops = text
            .as_bytes()
            .windows(2)
            .filter(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
            .count()
            + text.matches(['。', '！', '？']).count();
        Line {
            no,
            text,
            words,
            capitalised,
            ends_sentence,
            inner_stops,
            letter_share: letters as f32 / non_space as f32,
            has_punct,
            all_caps,
        }
    }

    /// Share of words that are capitalised (0 for an empty line).
    pub fn cap_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.capitalised as f32 / self.words as f32
        }
    }
}

/// Han ideographs and Japanese kana.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Splits text into normalised, non-blank lines.
pub fn split(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let norm = normalise_space(raw);
            (!norm.is_empty()).then(|| Line::new(i + 1, norm))
        })
        .collect()
}

/// Collapses every run of whitespace (including no-break and zero-width spaces) to one
/// space, drops control characters, and trims.
pub fn normalise_space(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape_sequence(&mut chars);
        } else if c.is_whitespace()
            || matches!(c, '\u{200B}' | '\u{200C}' | '\u{FEFF}' | '\u{2060}')
        {
            pending_space = !out.is_empty();
        } else if c.is_control() {
            // Escape sequences and other controls are never article text.
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Skips the rest of a terminal escape sequence whose ESC was just read: CSI (`ESC [ ...
/// final`), OSC (`ESC ] ... BEL` or `ESC \\`), or a two-character escape.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Word tokens: maximal runs of alphanumeric characters (the `\w+` of the metric, less `_`).
pub fn word_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether the text ends like a sentence (terminal punctuation, then optional closers).
/// An ellipsis does not count: in scraped news it ends truncated teasers.
pub fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '*'
        ) || c.is_whitespace()
    });
    // A trailing ellipsis marks a truncated teaser, not the end of a sentence.
    if trimmed.ends_with('…') || trimmed.ends_with("...") {
        return false;
    }
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '؟', '।'])
}

/// A key for comparing lines regardless of case, accents' composition and punctuation:
/// NFKC, lower-cased, word tokens joined by single spaces.
pub fn fingerprint(text: &str) -> String {
    let nfkc: String = text.nfkc().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(nfkc.len());
    for w in word_tokens(&nfkc) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_dropped_and_numbers_kept() {
        let lines = split("Title\n\n  body   text here. \n\u{a0}\nend");
        let nos: Vec<_> = lines.iter().map(|l| l.no).collect();
        assert_eq!(nos, [1, 3, 5]);
        assert_eq!(lines[1].text, "body text here.");
        assert!(lines[1].ends_sentence);
    }

    #[test]
    fn sentence_endings_see_through_quotes() {
        assert!(ends_like_sentence("he said, “it is stable.”"));
        assert!(ends_like_sentence("Li said (AP)."));
        assert!(!ends_like_sentence("Strengthening Ties"));
        assert!(ends_like_sentence("시장은 안정적이다。"));
        assert!(!ends_like_sentence("actress shares her…"));
    }

    #[test]
    fn cjk_lines_count_characters() {
        let l = Line::new(
            1,
            "報道によると、今回販売されたのは、いわゆる脱獄したものだ。".into(),
        );
        assert!(l.words >= 10, "{}", l.words);
        assert!(l.ends_sentence);
    }

    #[test]
    fn caps_and_punctuation() {
        assert!(Line::new(1, "GET THE APP BY CLICKING HERE".into()).all_caps);
        assert!(!Line::new(1, "Get the app".into()).all_caps);
        assert!(!Line::new(1, "Home News Business Markets".into()).has_punct);
    }

    #[test]
    fn fingerprint_ignores_case_and_punctuation() {
        assert_eq!(fingerprint("Hello, World!"), fingerprint("hello world"));
        assert_eq!(fingerprint("ﬁnal"), "final");
    }

    #[test]
    fn controls_are_removed_from_lines() {
        assert_eq!(normalise_space("red\u{1b}[31m alert\u{1b}[0m"), "red alert");
        assert_eq!(normalise_space("a\u{1b}]0;title\u{7}b\u{7}c"), "abc");
    }
}
