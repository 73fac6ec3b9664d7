//! Splitting a body into sentences for passages.
//!
//! Paragraphs (lines) always end a sentence. Inside a paragraph, a sentence ends at `.`,
//! `!` or `?` (or a CJK full stop), after any closing quotes and brackets, when a space and
//! a capital, a digit or an opening quote follow, except after abbreviations ("Mr.",
//! "U.S.", "Gen.") and initials ("J. R. R."). A dateline that opens the story ("Moscow,
//! Apr 16 (AP)"), as the cleaner found it at index time, is cut off as its own piece so it
//! never glues to the first sentence.

use std::ops::Range;

/// Abbreviations that end with a period without ending a sentence (compared lower-cased,
/// without the final period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "lt", "col", "maj",
    "capt", "cpt", "sgt", "cmdr", "adm", "brig", "gov", "sen", "rep", "rev", "hon", "pres", "supt",
    "insp", "det", "cpl", "pvt", "amb", "atty", "messrs", "mme", "mlle", "fr", "inc", "ltd", "co",
    "corp", "bros", "plc", "llc", "no", "nos", "vs", "v", "etc", "al", "approx", "est", "dept",
    "univ", "assn", "fig", "vol", "ch", "sec", "art", "op", "ed", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "i.e",
    "e.g", "cf", "ca", "govt", "min", "max", "dist", "rs", "nr", "tel", "ave", "blvd", "rd",
];

/// Sentences of `body` as byte ranges, in order. Whitespace around sentences is excluded.
/// `dateline` is the length in bytes of a dateline that opens the body (0 for none), as the
/// cleaner found it at index time: it becomes a piece of its own.
pub fn split(body: &str, dateline: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead =
            if line_start == 0 && dateline < content.len() && content.is_char_boundary(dateline) {
                dateline
            } else {
                0
            };
        split_paragraph(content, line_start, lead, &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, range: Range<usize>, base: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(base + range.start + lead..base + range.end - trail);
    }
}

fn split_paragraph(text: &str, base: usize, lead: usize, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    if lead > 0 {
        push_trimmed(text, 0..lead, base, out);
        start = lead + separator_len(&text[lead..]);
    }
    let bytes = text.as_bytes();
    let mut i = start;
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        let clen = c.len_utf8();
        let terminal = matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
        if !terminal {
            i += clen;
            continue;
        }
        // Take the closing punctuation that belongs to this sentence.
        let mut end = i + clen;
        while let Some(n) = text[end..].chars().next() {
            if matches!(
                n,
                '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
            ) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        let cjk = matches!(c, '。' | '！' | '？');
        let followed_by_space = end < text.len() && bytes[end].is_ascii_whitespace();
        let next_starts = text[end..].trim_start().chars().next().is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
        });
        let boundary = cjk
            || (followed_by_space
                && next_starts
                && !(c == '.' && is_abbreviation(&text[start..i])));
        if boundary && end < text.len() {
            push_trimmed(text, start..end, base, out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start..text.len(), base, out);
}

/// The length of the separator between a dateline and the story ("ROTTERDAM, March 3 -
/// Dock workers", "(Reuters) --", "—", "New Delhi, May 16: The"): dashes and colons with
/// the spaces around them. It belongs to neither piece, so no passage starts with it.
fn separator_len(rest: &str) -> usize {
    let after_space = rest.trim_start();
    let marks = after_space.trim_start_matches(['-', '–', '—', ':']);
    if marks.len() == after_space.len()
        || !(marks.is_empty() || marks.starts_with(char::is_whitespace))
    {
        // No separator, or a dash that belongs to a word ("-5 degrees").
        return 0;
    }
    rest.len() - marks.trim_start().len()
}

/// Whether the word just before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // An initial: one capital letter ("J." in "J. R. R. Tolkien").
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        // Dotted acronyms such as "U.S" or "a.m".
        || (word.len() <= 6 && word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Mr. Putin met Gen. Li in the U.S. capital. J. R. Smith said so. Then it rained!"
            ),
            [
                "Mr. Putin met Gen. Li in the U.S. capital.",
                "J. R. Smith said so.",
                "Then it rained!"
            ]
        );
    }

    #[test]
    fn quotes_close_the_sentence_and_lines_are_paragraphs() {
        assert_eq!(
            sentences("He said, “It is stable.” She agreed.\nNew paragraph here"),
            [
                "He said, “It is stable.”",
                "She agreed.",
                "New paragraph here"
            ]
        );
    }

    #[test]
    fn dateline_is_its_own_piece() {
        let text =
            "Moscow, Apr 16 (AP) Russian President Vladimir Putin met the minister. He smiled.";
        let pieces: Vec<&str> = split(text, 19).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            pieces,
            [
                "Moscow, Apr 16 (AP)",
                "Russian President Vladimir Putin met the minister.",
                "He smiled."
            ]
        );
    }

    #[test]
    fn dateline_separators_belong_to_no_piece() {
        for (text, dateline) in [
            (
                "ROTTERDAM, March 3, 2024 - Dock workers walked out.",
                "ROTTERDAM, March 3, 2024",
            ),
            (
                "NEW YORK (Reuters) - Dock workers walked out.",
                "NEW YORK (Reuters)",
            ),
            ("LONDON — Dock workers walked out.", "LONDON"),
            (
                "Rotterdam, March 3 -- Dock workers walked out.",
                "Rotterdam, March 3",
            ),
            (
                "New Delhi, May 16: Dock workers walked out.",
                "New Delhi, May 16",
            ),
        ] {
            let pieces: Vec<&str> = split(text, dateline.len())
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(pieces, [dateline, "Dock workers walked out."], "{text}");
        }
        let text = "MOSCOW (AP) -5 degrees were recorded.";
        let pieces: Vec<&str> = split(text, 11).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, ["MOSCOW (AP)", "-5 degrees were recorded."]);
    }

    #[test]
    fn lower_case_after_period_continues() {
        assert_eq!(
            sentences("Prices rose 3.5 percent. shares fell."),
            ["Prices rose 3.5 percent. shares fell."]
        );
        assert_eq!(
            sentences("It cost $2.5 billion. Yes."),
            ["It cost $2.5 billion.", "Yes."]
        );
    }
}
