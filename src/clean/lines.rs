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
    /// Share of words that are stop words of the article's language, when it has a list.
    pub stop_density: Option<f32>,
    /// Hash of the line's fingerprint, for lines long enough to count across a corpus.
    pub key: Option<u64>,
    /// A blank line stands between this line and the one before (false for the first
    /// line). Story-only files separate their headline, byline and paragraphs so.
    pub gap_before: bool,
}

/// Lines kept compactly: their texts one after another in one string, their measures
/// in small fixed-size records. Prepared lines wait here between the two passes of an
/// index run, where a `Line` each (a 96-byte struct and an allocation of its own) took
/// 1.7–1.9 times the text of a short news article even before the allocator's share,
/// packed 1.35 times.
#[derive(Debug, Clone)]
pub struct PackedLines {
    text: String,
    lines: Box<[PackedLine]>,
}

/// A [`Line`]'s measures, narrowed to what a line can hold in a file newsq reads.
#[derive(Debug, Clone, Copy)]
struct PackedLine {
    no: u32,
    /// Where the line's text ends in [`PackedLines::text`] (it starts where the last
    /// one ended).
    end: u32,
    words: u32,
    capitalised: u32,
    inner_stops: u32,
    letter_share: f32,
    key: u64,
    flags: u8,
}

const ENDS_SENTENCE: u8 = 1;
const HAS_PUNCT: u8 = 2;
const ALL_CAPS: u8 = 4;
const HAS_KEY: u8 = 8;
const GAP_BEFORE: u8 = 16;

impl PackedLines {
    /// Packs `lines`, or `None` when some count does not fit the records (lines and
    /// texts past 4 GB) or a line carries what packing does not keep (a stop-word
    /// density, known only once the article is being cleaned).
    pub fn pack(lines: &[Line]) -> Option<PackedLines> {
        let mut text = String::with_capacity(lines.iter().map(|l| l.text.len()).sum());
        let mut packed = Vec::with_capacity(lines.len());
        for l in lines {
            if l.stop_density.is_some() {
                return None;
            }
            text.push_str(&l.text);
            let flag = |on: bool, f: u8| if on { f } else { 0 };
            packed.push(PackedLine {
                no: u32::try_from(l.no).ok()?,
                end: u32::try_from(text.len()).ok()?,
                words: u32::try_from(l.words).ok()?,
                capitalised: u32::try_from(l.capitalised).ok()?,
                inner_stops: u32::try_from(l.inner_stops).ok()?,
                letter_share: l.letter_share,
                key: l.key.unwrap_or(0),
                flags: flag(l.ends_sentence, ENDS_SENTENCE)
                    | flag(l.has_punct, HAS_PUNCT)
                    | flag(l.all_caps, ALL_CAPS)
                    | flag(l.key.is_some(), HAS_KEY)
                    | flag(l.gap_before, GAP_BEFORE),
            });
        }
        Some(PackedLines {
            text,
            lines: packed.into_boxed_slice(),
        })
    }

    /// The lines as they were packed.
    pub fn unpack(&self) -> Vec<Line> {
        let mut start = 0;
        self.lines
            .iter()
            .map(|p| {
                let end = p.end as usize;
                // Ends were taken from the string as it grew, each at a line's end: on
                // character boundaries, in order.
                let text = self.text.get(start..end).unwrap_or_default().to_owned();
                start = end;
                Line {
                    no: p.no as usize,
                    text,
                    words: p.words as usize,
                    capitalised: p.capitalised as usize,
                    ends_sentence: p.flags & ENDS_SENTENCE != 0,
                    inner_stops: p.inner_stops as usize,
                    letter_share: p.letter_share,
                    has_punct: p.flags & HAS_PUNCT != 0,
                    all_caps: p.flags & ALL_CAPS != 0,
                    stop_density: None,
                    key: (p.flags & HAS_KEY != 0).then_some(p.key),
                    gap_before: p.flags & GAP_BEFORE != 0,
                }
            })
            .collect()
    }

    /// Memory held, counting each of its two allocations' bookkeeping.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<PackedLines>()
            + self.text.capacity()
            + std::mem::size_of_val(&*self.lines)
            + 2 * ALLOCATION_OVERHEAD
    }
}

/// What an allocation costs beyond its bytes: the allocator's header, and rounding up.
pub const ALLOCATION_OVERHEAD: usize = 16;

/// Lines shorter than this many words get no key: "Share" or "Email" recur everywhere and
/// are handled by line rules; counting them would only cost memory.
pub const KEY_MIN_WORDS: usize = 4;

/// What one pass over a line's text counts (see [`Line::new`]).
#[derive(Default)]
struct Counts {
    words: usize,
    capitalised: usize,
    inner_stops: usize,
    letters: usize,
    non_space: usize,
    has_punct: bool,
    /// Some letter is upper-case.
    upper: bool,
    /// Some letter is lower-case.
    lower: bool,
}

impl Line {
    /// Measures a whitespace-normalised line.
    pub fn new(no: usize, text: String) -> Line {
        if text.is_ascii() {
            return Line::new_ascii(no, text);
        }
        // One pass over the characters: this runs for every line of every article.
        let mut n = Counts::default();
        let mut cjk = 0;
        let mut in_word = false;
        let mut prev_stop = false;
        for c in text.chars() {
            let alnum = c.is_alphanumeric();
            if alnum && !in_word {
                n.words += 1;
                if c.is_uppercase() {
                    n.capitalised += 1;
                }
            }
            in_word = alnum;
            if c.is_alphabetic() {
                n.letters += 1;
                n.upper |= c.is_uppercase();
                n.lower |= c.is_lowercase();
            }
            if !c.is_whitespace() {
                n.non_space += 1;
            }
            if is_cjk(c) {
                cjk += 1;
            }
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '。' | '、' | '，' | '！' | '？'
            ) {
                n.has_punct = true;
            }
            if matches!(c, '。' | '！' | '？') || (prev_stop && c == ' ') {
                n.inner_stops += 1;
            }
            prev_stop = matches!(c, '.' | '!' | '?');
        }
        // Chinese and Japanese put no spaces between words: count two characters a word.
        n.words = n.words.max(cjk / 2);
        Line::measured(no, text, n)
    }

    /// A line from the counts of one pass over its text.
    fn measured(no: usize, text: String, c: Counts) -> Line {
        let ends_sentence = ends_like_sentence(&text);
        let key = (c.words >= KEY_MIN_WORDS).then(|| fingerprint_hash(&text));
        Line {
            no,
            text,
            words: c.words,
            capitalised: c.capitalised,
            ends_sentence,
            inner_stops: c.inner_stops,
            letter_share: c.letters as f32 / c.non_space.max(1) as f32,
            has_punct: c.has_punct,
            all_caps: c.upper && !c.lower,
            stop_density: None,
            key,
            gap_before: false,
        }
    }

    /// [`Line::new`] for ASCII text: the same measures from a pass over bytes, without
    /// Unicode tables (most news text is ASCII, and this runs for every line).
    fn new_ascii(no: usize, text: String) -> Line {
        let mut n = Counts::default();
        let mut in_word = false;
        let mut prev_stop = false;
        let mut seen = 0u8;
        // One table lookup per byte tells everything counted of it.
        for &b in text.as_bytes() {
            let f = ASCII_CLASS[usize::from(b)];
            seen |= f;
            let alnum = f & ALNUM != 0;
            if alnum && !in_word {
                n.words += 1;
                n.capitalised += usize::from(f & UPPER != 0);
            }
            in_word = alnum;
            n.letters += usize::from(f & ALPHA != 0);
            n.non_space += usize::from(f & SPACE == 0);
            n.inner_stops += usize::from(prev_stop && b == b' ');
            prev_stop = f & STOP != 0;
        }
        n.upper = seen & UPPER != 0;
        n.lower = seen & LOWER != 0;
        n.has_punct = seen & PUNCT != 0;
        Line::measured(no, text, n)
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

// What an ASCII byte counts as, for `Line::new_ascii`.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
/// `char::is_whitespace` in ASCII: tab to carriage return, and space.
const SPACE: u8 = 16;
/// Punctuation inside sentences.
const PUNCT: u8 = 32;
/// Sentence ends.
const STOP: u8 = 64;

static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut f = 0;
        if b.is_ascii_alphanumeric() {
            f |= ALNUM;
        }
        if b.is_ascii_alphabetic() {
            f |= ALPHA;
        }
        if b.is_ascii_uppercase() {
            f |= UPPER;
        }
        if b.is_ascii_lowercase() {
            f |= LOWER;
        }
        if matches!(b, b'\t'..=b'\r' | b' ') {
            f |= SPACE;
        }
        if matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            f |= PUNCT;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            f |= STOP;
        }
        t[i] = f;
        i += 1;
    }
    t
};

/// Han ideographs and Japanese kana.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Splits text into normalised, non-blank lines. Hard-wrapped text (newswire style,
/// every line cut near a fixed width) is first joined back into paragraphs.
pub fn split(text: &str) -> Vec<Line> {
    // Files from old Macs (and some exports) end lines with a lone CR: without a single
    // LF, every CR ends a line.
    let raw: Vec<&str> = if !text.contains('\n') && text.contains('\r') {
        text.split('\r').collect()
    } else {
        text.lines().collect()
    };
    match wrap_width(&raw) {
        Some(width) => unwrap(&raw, width),
        None => {
            let mut out: Vec<Line> = Vec::with_capacity(raw.len());
            let mut gap = false;
            for (i, r) in raw.iter().enumerate() {
                let norm = normalise_space(r);
                if norm.is_empty() {
                    gap = !out.is_empty();
                    continue;
                }
                let mut line = Line::new(i + 1, norm);
                line.gap_before = gap;
                gap = false;
                out.push(line);
            }
            out
        }
    }
}

/// The width text was hard-wrapped at, when it was: most longer lines end within a few
/// characters of one width, and no line runs far past it. Scraped web text, with one
/// paragraph per line, never looks like that.
fn wrap_width(raw: &[&str]) -> Option<usize> {
    let mut lens: Vec<usize> = raw
        .iter()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 3 {
        return None;
    }
    if lens.len() < 6 {
        // Too few lines to trust the widths alone: most line ends must also break
        // a sentence ("... 30 mln" followed by "Swiss francs ...").
        let pairs: Vec<(&&str, &&str)> = raw
            .iter()
            .zip(raw.iter().skip(1))
            .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
            .collect();
        let cont = pairs
            .iter()
            .filter(|(a, b)| {
                !ends_like_sentence(a.trim())
                    && !b.starts_with(char::is_whitespace)
                    && b.trim_start().starts_with(|c: char| {
                        c.is_lowercase() || c.is_ascii_digit() || c.is_uppercase()
                    })
            })
            .count();
        if pairs.is_empty() || cont * 2 < pairs.len() + 1 {
            return None;
        }
    }
    lens.sort_unstable();
    let width = lens[lens.len() * 9 / 10];
    let longest = *lens.last()?;
    if !(40..=100).contains(&width) || longest > width + width / 5 {
        return None;
    }
    let near = lens.iter().filter(|&&n| n + 20 >= width).count();
    (near * 2 >= lens.len()).then_some(width)
}

/// Joins hard-wrapped lines into paragraphs. A paragraph ends at a blank line, before an
/// indented line, and after a line that stops well short of the width at a sentence end.
fn unwrap(raw: &[&str], width: usize) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut prev_short_end = true;
    let mut gap = false;
    let push = |out: &mut Vec<Line>, (no, text): (usize, String), gap: &mut bool| {
        let mut line = Line::new(no, text);
        line.gap_before = *gap && !out.is_empty();
        *gap = false;
        out.push(line);
    };
    for (i, r) in raw.iter().enumerate() {
        let norm = normalise_space(r);
        if norm.is_empty() {
            if let Some(c) = current.take() {
                push(&mut out, c, &mut gap);
            }
            gap = true;
            prev_short_end = true;
            continue;
        }
        let indented = r.starts_with(char::is_whitespace);
        match current.as_mut() {
            Some((_, text)) if !indented && !prev_short_end => {
                text.push(' ');
                text.push_str(&norm);
            }
            _ => {
                if let Some(c) = current.take() {
                    push(&mut out, c, &mut gap);
                }
                let len = r.trim_end().chars().count();
                prev_short_end = len * 10 < width * 7 && ends_like_sentence(&norm);
                current = Some((i + 1, norm));
                continue;
            }
        }
        let len = r.trim_end().chars().count();
        prev_short_end = len * 10 < width * 7 && ends_like_sentence(&norm);
    }
    if let Some(c) = current {
        push(&mut out, c, &mut gap);
    }
    out
}

/// Collapses every run of whitespace (including no-break and zero-width spaces) to one
/// space, drops control characters and soft hyphens, and trims.
pub fn normalise_space(raw: &str) -> String {
    // Printable ASCII with spaces and tabs: nothing to drop, only runs to collapse.
    if raw.bytes().all(|b| (b' '..0x7f).contains(&b) || b == b'\t') {
        let mut out = String::with_capacity(raw.len());
        for w in raw.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return out;
    }
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
        } else if c.is_control() || c == '\u{00AD}' {
            // Escape sequences and other controls are never article text; a soft hyphen
            // only marks where a word may break (`har&shy;bor` is "harbor", to search).
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

/// Calls `f` with each word of ASCII text (a run of letters and digits, as [`word_tokens`]
/// has them), lower-cased. One table lookup per byte both finds words and lower-cases
/// them: this runs over every line of every article, for keys, stop words and shingles.
pub(crate) fn for_each_ascii_word(text: &[u8], mut f: impl FnMut(&[u8])) {
    let mut buf = [0u8; 64];
    let (mut len, mut start) = (0, 0);
    let mut word_end = |start: usize, end: usize, len: usize, buf: &[u8; 64]| match buf.get(..len) {
        Some(word) => f(word),
        None => f(&text[start..end].to_ascii_lowercase()),
    };
    for (i, &b) in text.iter().enumerate() {
        let c = WORD_BYTE[usize::from(b)];
        if c != 0 {
            if len == 0 {
                start = i;
            }
            if let Some(slot) = buf.get_mut(len) {
                *slot = c;
            }
            len += 1;
        } else if len > 0 {
            word_end(start, i, len, &buf);
            len = 0;
        }
    }
    if len > 0 {
        word_end(start, text.len(), len, &buf);
    }
}

/// For each byte, its lower-case form when it is an ASCII letter or digit, else 0.
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

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

/// The hash of a line's [`fingerprint`], computed without allocating for ASCII lines
/// (the key of a line for counting it across a corpus).
pub fn fingerprint_hash(text: &str) -> u64 {
    if !text.is_ascii() {
        return xxhash_rust::xxh3::xxh3_64(fingerprint(text).as_bytes());
    }
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with_borrow_mut(|buf| {
        buf.clear();
        for_each_ascii_word(text.as_bytes(), |w| {
            if !buf.is_empty() {
                buf.push(b' ');
            }
            buf.extend_from_slice(w);
        });
        xxhash_rust::xxh3::xxh3_64(buf)
    })
}

/// A key for comparing lines regardless of case, accents' composition and punctuation:
/// NFKC, lower-cased, word tokens joined by single spaces.
pub fn fingerprint(text: &str) -> String {
    // Most news text is ASCII, which NFKC leaves as it is.
    let nfkc: String = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.nfkc().collect::<String>().to_lowercase()
    };
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
    fn ascii_lines_measure_as_the_general_path_does() {
        for text in [
            "The council voted on Tuesday. It approved the budget, 7 to 2!",
            "SOYBEAN CRUSH FALLS",
            "Shr 15 cts vs 10 cts. Net 1.2 mln vs 900,000",
            "  tabs\tand   spaces  ",
            "",
        ] {
            let fast = Line::new(1, text.to_owned());
            // A non-ASCII character that changes no measure sends the line down the
            // general path.
            let slow = Line::new(1, format!("{text}\u{a0}"));
            assert_eq!(fast.words, slow.words, "{text}");
            assert_eq!(fast.capitalised, slow.capitalised, "{text}");
            assert_eq!(fast.inner_stops, slow.inner_stops, "{text}");
            assert_eq!(fast.has_punct, slow.has_punct, "{text}");
            assert_eq!(fast.all_caps, slow.all_caps, "{text}");
            assert_eq!(fast.ends_sentence, slow.ends_sentence, "{text}");
            assert_eq!(fast.letter_share, slow.letter_share, "{text}");
        }
        assert_eq!(normalise_space("  a \t b  c "), "a b c");
        assert_eq!(normalise_space(" a\u{a0} b\u{1b}[31m c\u{7}"), "a b c");
        assert_eq!(normalise_space("Bundes\u{ad}regierung"), "Bundesregierung");
        let texts = |t: &str| split(t).into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(
            texts("Title\r\rFirst line.\rSecond."),
            ["Title", "First line.", "Second."]
        );
        assert_eq!(texts("a\r\nb\rc"), ["a", "b c"]);
    }

    #[test]
    fn packed_lines_unpack_to_the_same_lines() {
        let wrapped = "NEW YORK, March 3 - Shares of the company rose sharply on\n\
                       Tuesday after it reported earnings well above what analysts\n\
                       had expected for the quarter, traders said.\n\n\
                       The stock gained 3.5 dlrs to 41.25 dlrs in heavy trading on\n\
                       the New York Stock Exchange.\n";
        let web = "Zürich: Börse schließt höher\n\n  Share   this \n北京欢迎你。今天天气很好。\nREAD MORE: A story\nOne last line, with a key of its own here.";
        for text in [wrapped, web, ""] {
            let lines = split(text);
            let back = PackedLines::pack(&lines).expect("packs").unpack();
            assert_eq!(format!("{back:?}"), format!("{lines:?}"), "{text:?}");
        }
        let mut lines = split(web);
        lines[0].stop_density = Some(0.5);
        assert!(
            PackedLines::pack(&lines).is_none(),
            "a measure packing drops"
        );
    }

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
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "SOYBEAN CRUSH FALLS\n\nThe sharp decline in soybean crush ratios seen in the last\nfew weeks, accelerating in recent days, has pushed margins\nbelow the cost of production at most soybean plants.\n    Active soymeal export loadings at the Gulf had pushed\nsoybean futures and premiums higher, prompting a pick-up in\nthe weekly crush number, traders in Chicago said.\n Reuter\n";
        let lines = split(text);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:#?}");
        assert!(texts[1].starts_with("The sharp decline") && texts[1].ends_with("soybean plants."));
        assert!(texts[2].starts_with("Active soymeal") && texts[2].ends_with("Chicago said."));
        assert_eq!(lines[2].no, 6);
    }

    #[test]
    fn one_paragraph_per_line_is_left_alone() {
        let text = "Title\nA first paragraph that is long enough to matter in this test, surely.\nShort one.\nAnother paragraph that is also quite long, with words and more words here.\n";
        assert_eq!(split(text).len(), 4);
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
        let h = |t: &str| xxhash_rust::xxh3::xxh3_64(fingerprint(t).as_bytes());
        for t in ["Hello, World!", "  Two  spaces -- here ", "ﬁnal café", ""] {
            assert_eq!(fingerprint_hash(t), h(t), "{t}");
        }
    }

    #[test]
    fn controls_are_removed_from_lines() {
        assert_eq!(normalise_space("red\u{1b}[31m alert\u{1b}[0m"), "red alert");
        assert_eq!(normalise_space("a\u{1b}]0;title\u{7}b\u{7}c"), "abc");
    }
}
