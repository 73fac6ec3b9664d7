//! The "nothing lost" measures: on story-only text (a headline, a blank line, the story,
//! as news datasets store articles), how much of each article survives cleaning and
//! whether its headline became its title.
//!
//! Used by the `lost_eval` example (the evaluation command over `../shared/data`) and by
//! the test that pins its floors on a sample.

use std::collections::HashMap;
use std::io::Read;

use super::bag;
use crate::clean::normalise_space;

/// What one article kept of its original text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Check {
    /// Tokens of the original (less its sign-off lines).
    pub tokens: usize,
    /// How many of them the title and body hold (as multisets).
    pub kept: usize,
    /// The tokens lost, each as often as it was lost, in no particular order.
    pub missing: Vec<String>,
    /// The title is the original's first non-blank line, whitespace aside (or its first
    /// two, when the headline ran onto a second line before a blank one).
    pub title_exact: bool,
}

impl Check {
    /// Share of the original's tokens kept (1 for an article with no tokens).
    pub fn recall(&self) -> f64 {
        if self.tokens == 0 {
            1.0
        } else {
            self.kept as f64 / self.tokens as f64
        }
    }
}

/// Compares a cleaned article with the text it came from. `signoffs` are the lines the
/// cleaner removed as sign-offs ("Reuter"), which are not story text.
pub fn check(original: &str, title: Option<&str>, body: &str, signoffs: &[&str]) -> Check {
    let signoffs: Vec<String> = signoffs.iter().map(|s| normalise_space(s)).collect();
    let mut story = String::with_capacity(original.len());
    // The headline: the first line, or the first lines up to a blank one when it ran on
    // (at most two).
    let mut first: Option<String> = None;
    let mut head: Vec<String> = Vec::new();
    let mut head_done = false;
    for line in original.lines() {
        let norm = normalise_space(line);
        if norm.is_empty() {
            head_done |= !head.is_empty();
            continue;
        }
        if !head_done {
            head.push(norm.clone());
        }
        if first.is_none() {
            first = Some(norm.clone());
        }
        if signoffs.contains(&norm) {
            continue;
        }
        story.push_str(&norm);
        story.push('\n');
    }
    let want = bag(&story);
    let mut got = bag(title.unwrap_or(""));
    for (t, n) in bag(body) {
        *got.entry(t).or_insert(0) += n;
    }
    let mut missing = Vec::new();
    let (mut tokens, mut kept) = (0, 0);
    for (t, &n) in &want {
        let have = got.get(t).copied().unwrap_or(0);
        tokens += n as usize;
        kept += n.min(have) as usize;
        for _ in have..n {
            missing.push(t.clone());
        }
    }
    Check {
        tokens,
        kept,
        missing,
        title_exact: title.map(normalise_space).is_some_and(|t| {
            first.as_deref() == Some(t.as_str()) || head.len() == 2 && head.join(" ") == t
        }),
    }
}

/// Document frequencies of the lower-cased word tokens of `texts`, for picking rare words.
pub fn document_frequencies<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashMap<String, u32> {
    let mut df = HashMap::new();
    for t in texts {
        for w in bag(t).into_keys() {
            *df.entry(w).or_insert(0) += 1;
        }
    }
    df
}

/// A word of `text`'s story lines (after its first line) that at most `max_df` articles
/// hold, as a probe for search: ASCII letters only (one token for any analyzer), at least
/// five of them. `pick` chooses among the candidates (a random number).
pub fn rare_word(text: &str, df: &HashMap<String, u32>, max_df: u32, pick: u64) -> Option<String> {
    let mut candidates: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1)
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 5 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .filter(|w| df.get(w).is_some_and(|&n| n <= max_df))
        .collect();
    candidates.sort();
    candidates.dedup();
    if candidates.is_empty() {
        return None;
    }
    Some(candidates.swap_remove((pick % candidates.len() as u64) as usize))
}

/// The date a file name carries as `YYYYMMDD` between non-digits (`rtrs-20061020-...`).
pub fn name_date(name: &str) -> Option<jiff::civil::Date> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(7)).find_map(|i| {
        let run = &b[i..i + 8];
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 8).is_none_or(|c| !c.is_ascii_digit());
        if !bounded || !run.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let s = std::str::from_utf8(run).ok()?;
        let (y, m, d) = (
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        );
        jiff::civil::Date::new(y, m, d).ok()
    })
}

/// Calls `f` with the name and bytes of every regular file in a tar stream, until `f`
/// returns false. Enough of the format for the archives in `../shared/data` (ustar and
/// GNU long names); other entries are skipped.
pub fn tar_entries(
    mut input: impl Read,
    mut f: impl FnMut(&str, Vec<u8>) -> bool,
) -> std::io::Result<()> {
    let mut header = [0u8; 512];
    let mut long_name: Option<String> = None;
    loop {
        if read_full(&mut input, &mut header)? < 512 || header.iter().all(|&b| b == 0) {
            return Ok(());
        }
        let field = |a: usize, b: usize| {
            let raw = &header[a..b];
            let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
            String::from_utf8_lossy(&raw[..end]).into_owned()
        };
        let size = u64::from_str_radix(field(124, 136).trim(), 8).unwrap_or(0);
        let kind = header[156];
        let mut name = field(0, 100);
        let prefix = field(345, 500);
        if !prefix.is_empty() && &header[257..262] == b"ustar" {
            name = format!("{prefix}/{name}");
        }
        if let Some(long) = long_name.take() {
            name = long;
        }
        let mut data = vec![0u8; size as usize];
        read_full(&mut input, &mut data)?;
        let pad = (512 - size % 512) % 512;
        std::io::copy(&mut (&mut input).take(pad), &mut std::io::sink())?;
        match kind {
            b'L' => long_name = Some(String::from_utf8_lossy(&data).trim_end_matches('\0').into()),
            b'0' | 0 if !f(&name, std::mem::take(&mut data)) => return Ok(()),
            _ => {}
        }
    }
}

fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_counts_what_title_and_body_keep() {
        let original = "HEADLINE HERE\n\nThe story, one line.\nNet 5 vs 4\n Reuter\n";
        let c = check(
            original,
            Some("HEADLINE HERE"),
            "The story, one line.",
            &["Reuter"],
        );
        assert_eq!(c.tokens, 10);
        assert_eq!(c.kept, 6);
        let mut m = c.missing.clone();
        m.sort();
        assert_eq!(m, ["4", "5", "net", "vs"]);
        assert!(c.title_exact);
        let c = check(
            original,
            None,
            "HEADLINE HERE The story one line Net 5 vs 4",
            &[],
        );
        // "reuter" was not a sign-off this time: it counts, and is lost.
        assert_eq!((c.tokens, c.kept, c.title_exact), (11, 10, false));
    }

    #[test]
    fn dates_in_file_names() {
        let d = name_date("rtrs-20061020-businesspro-x-idUSN2021166720061020.txt");
        assert_eq!(d, jiff::civil::Date::new(2006, 10, 20).ok());
        assert_eq!(name_date("a-2006102-b"), None);
        assert_eq!(name_date("20061340"), None);
    }

    #[test]
    fn rare_words_come_from_story_lines() {
        let df: HashMap<String, u32> = [("harbin", 1), ("moscow", 9), ("headline", 1)]
            .into_iter()
            .map(|(w, n)| (w.to_owned(), n))
            .collect();
        let text = "Headline\n\nMoscow and Harbin.\n";
        assert_eq!(rare_word(text, &df, 2, 7).as_deref(), Some("harbin"));
        assert_eq!(rare_word("Harbin\n", &df, 2, 0), None);
    }
}
