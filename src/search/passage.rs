//! Choosing and highlighting the passages shown under a hit.
//!
//! The body is split into sentences; each sentence is scored by the query terms it holds:
//! first how many distinct terms (a phrase counts as its words, and only where the words
//! stand together), then their rarity, then how close together they stand. The best
//! sentences are shown in article order, but never behind a weaker one: a passage may only
//! precede the best sentence if it holds as many distinct terms. Long sentences are cut
//! around their matches with an ellipsis.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::query::Needle;
use super::sentence;
use crate::index::schema;

/// Passages are cut to about this many characters.
pub const MAX_CHARS: usize = 240;

/// Passage work reads at most this many bytes of a body, so one enormous article cannot
/// slow a query down.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// A passage: text and the byte ranges to highlight in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The text shown (may start or end with "…" when cut).
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted, not overlapping.
    pub highlights: Vec<Range<usize>>,
    /// Where the passage starts in the body (bytes), for ordering.
    pub body_offset: usize,
    /// Number of distinct query words the passage holds.
    pub terms: usize,
    /// Text of the article is skipped right before this passage (it does not open the
    /// story and does not follow the previous passage).
    pub gap_before: bool,
}

/// Finds query terms in text, the way the index matched them (same analyzer).
pub struct Highlighter {
    needles: Vec<Needle>,
    /// The single words of the query (a phrase's words one by one), for counting how many
    /// query words a sentence holds, each with its weight.
    words: Vec<(Needle, f32)>,
    /// For each of `words`, the needle it is (for prefix and fuzzy words).
    word_needle: Vec<usize>,
    /// Whether some needle is a prefix or fuzzy word.
    has_forms: bool,
    /// Splits, lower-cases and folds like the index, without stemming.
    words_analyzer: TextAnalyzer,
    /// Stems one word (raw tokenizer + the index's filters).
    stemmer: TextAnalyzer,
    /// Whether `stemmer` takes the word as written (a language of `lang::STEMMED`, which
    /// stems before folding) rather than folded (English).
    stems_raw: bool,
    /// Leading characters a word must start with to possibly stem to a query term; `None`
    /// when every word must be stemmed (fuzzy terms can differ anywhere).
    prefixes: Option<Vec<String>>,
    /// Which prefix and fuzzy needles (bit i for needle i) each stem seen so far matches:
    /// a stem is tested once for all titles and bodies.
    forms: HashMap<String, u64>,
}

struct Tok {
    range: Range<usize>,
    position: usize,
    /// The word as the index holds it; `None` for a word that cannot be any query word.
    stem: Option<String>,
    /// The prefix and fuzzy needles the word matches (bit i for needle i).
    forms: u64,
}

impl Tok {
    fn is(&self, word: &str) -> bool {
        self.stem.as_deref() == Some(word)
    }
}

/// The words of `text` as the index's tokenizer splits it (`lang::words`), numbered
/// from 0, as byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    crate::index::lang::words(text).enumerate()
}

/// One match: where, and which needle.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index of the needle that matched.
    pub needle: usize,
}

impl Highlighter {
    /// A highlighter for `needles` (English stems), each weighted (e.g. by rarity; 1.0
    /// when unknown).
    pub fn new(needles: Vec<Needle>, weights: Vec<f32>) -> Highlighter {
        Highlighter::for_language(None, needles, weights)
    }

    /// A highlighter for articles in language `lang` (an index into `lang::STEMMED`;
    /// `None` for English stems), whose `needles` are that language's stems.
    pub fn for_language(
        lang: Option<usize>,
        needles: Vec<Needle>,
        weights: Vec<f32>,
    ) -> Highlighter {
        debug_assert_eq!(needles.len(), weights.len());
        let mut words: Vec<(Needle, f32)> = Vec::new();
        for (n, w) in needles.iter().zip(&weights) {
            let parts = match n {
                Needle::Phrase(ts, _) => ts.iter().map(|t| Needle::Term(t.clone())).collect(),
                other => vec![other.clone()],
            };
            let each = w / parts.len().max(1) as f32;
            for p in parts {
                if !words.iter().any(|(q, _)| *q == p) {
                    words.push((p, each));
                }
            }
        }
        // English stems keep a word's first letters; a word that does not start like some
        // term cannot stem to it, and need not be stemmed (stemming every word of ten
        // articles is most of a search's passage work).
        let suffixes_only = lang.is_none_or(|i| crate::index::lang::STEMMED[i].suffixes_only);
        let prefixes = words
            .iter()
            .map(|(n, _)| match n {
                Needle::Term(t) => Some(t.chars().take(3).collect()),
                Needle::Prefix(p) => Some(p.lead().chars().take(3).collect()),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()
            .filter(|_| suffixes_only);
        // A prefix or fuzzy word is its own needle; its index tells which bit of a token's
        // mask it is (other words never read theirs).
        let word_needle = words
            .iter()
            .map(|(w, _)| needles.iter().position(|n| n == w).unwrap_or(usize::MAX))
            .collect();
        let has_forms = needles
            .iter()
            .any(|n| matches!(n, Needle::Prefix(_) | Needle::Fuzzy(_)));
        Highlighter {
            needles,
            words,
            word_needle,
            has_forms,
            words_analyzer: schema::name_analyzer(),
            stemmer: lang.map_or_else(schema::word_stemmer, schema::lang_word_stemmer),
            stems_raw: lang.is_some(),
            prefixes,
            forms: HashMap::new(),
        }
    }

    /// The prefix and fuzzy needles `stem` matches, as a mask (bit i for needle i; needles
    /// past the 64th are never highlighted).
    fn forms_of(&mut self, stem: &str) -> u64 {
        if let Some(&mask) = self.forms.get(stem) {
            return mask;
        }
        let mut mask = 0;
        for (i, n) in self.needles.iter().enumerate().take(64) {
            let hit = match n {
                Needle::Prefix(p) => p.matches(stem),
                Needle::Fuzzy(f) => f.matches(stem),
                _ => false,
            };
            if hit {
                mask |= 1 << i;
            }
        }
        self.forms.insert(stem.to_owned(), mask);
        mask
    }

    /// Whether token `k` matches needle `n` (by index), for prefix and fuzzy needles.
    fn forms_hit(k: &Tok, n: usize) -> bool {
        n < 64 && k.forms >> n & 1 == 1
    }

    /// Whether `word` (lower-cased, or ASCII in any case) starts as some query word must:
    /// only then can it stem to one.
    fn may_be_query_word(&self, word: &str) -> bool {
        self.prefixes.as_ref().is_none_or(|ps| {
            ps.iter().any(|p| {
                word.len() >= p.len()
                    && word.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
        })
    }

    fn tokens(&mut self, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        for (position, range) in words(text) {
            let word = &text[range.clone()];
            if word.len() >= schema::MAX_WORD_BYTES {
                continue;
            }
            // Most words of a body cannot be a query word: those are recognised from their
            // first letters, without lower-casing or stemming them. An ASCII word lower-
            // cases byte by byte and folds to itself; any other goes through the index's
            // analyzer (one word, one token).
            let folded = if word.is_ascii() {
                self.may_be_query_word(word)
                    .then(|| word.to_ascii_lowercase())
            } else {
                let folded = {
                    let mut stream = self.words_analyzer.token_stream(word);
                    stream.next().map(|t| t.text.clone())
                };
                folded.filter(|t| self.may_be_query_word(t))
            };
            let stem = folded.map(|w| {
                let input = if self.stems_raw { word } else { w.as_str() };
                let mut one = self.stemmer.token_stream(input);
                one.next().map_or_else(|| w.clone(), |s| s.text.clone())
            });
            out.push(Tok {
                range,
                position,
                stem,
                forms: 0,
            });
        }
        if self.has_forms {
            for k in &mut out {
                k.forms = k.stem.as_deref().map_or(0, |s| self.forms_of(s));
            }
        }
        out
    }

    /// Every match of every needle in `text`, sorted by position.
    pub fn matches(&mut self, text: &str) -> Vec<Match> {
        if self.needles.is_empty() {
            return Vec::new();
        }
        let toks = self.tokens(text);
        self.strong(&toks)
    }

    /// How many distinct query words (a phrase's words counted one by one) `text` holds.
    pub fn distinct_words(&mut self, text: &str) -> usize {
        let toks = self.tokens(text);
        let mut words: Vec<usize> = self.loose(&toks).into_iter().map(|(_, w)| w).collect();
        words.sort_unstable();
        words.dedup();
        words.len()
    }

    /// The largest number of distinct query words any one sentence of `body` holds.
    pub fn best_sentence_words(&mut self, body: &str) -> usize {
        let body = truncate_at_char(body, MAX_BODY_BYTES);
        sentence::split(body, 0)
            .into_iter()
            .map(|r| self.distinct_words(&body[r]))
            .max()
            .unwrap_or(0)
    }

    /// Where each single query word occurs (phrase words too, wherever they stand): byte
    /// offset and word index.
    fn loose(&self, toks: &[Tok]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for k in toks {
            for (w, (needle, _)) in self.words.iter().enumerate() {
                let hit = match needle {
                    Needle::Term(t) => k.is(t),
                    Needle::Prefix(_) | Needle::Fuzzy(_) => Self::forms_hit(k, self.word_needle[w]),
                    Needle::Phrase(..) => false,
                };
                if hit {
                    out.push((k.range.start, w));
                }
            }
        }
        out
    }

    /// Matches as the index made them: phrases only where their words stand together.
    fn strong(&self, toks: &[Tok]) -> Vec<Match> {
        let mut out = Vec::new();
        for (n, needle) in self.needles.iter().enumerate() {
            match needle {
                Needle::Term(t) => out.extend(toks.iter().filter(|k| k.is(t)).map(|k| Match {
                    range: k.range.clone(),
                    needle: n,
                })),
                Needle::Prefix(_) | Needle::Fuzzy(_) => out.extend(
                    toks.iter()
                        .filter(|k| Self::forms_hit(k, n))
                        .map(|k| Match {
                            range: k.range.clone(),
                            needle: n,
                        }),
                ),
                Needle::Phrase(words, slop) => {
                    for (i, first) in toks.iter().enumerate() {
                        if !first.is(&words[0]) {
                            continue;
                        }
                        if let Some(last) = phrase_at(toks, i, words, *slop as usize) {
                            out.push(Match {
                                range: first.range.start..toks[last].range.end,
                                needle: n,
                            });
                        }
                    }
                }
            }
        }
        out.sort_by_key(|m| (m.range.start, m.range.end));
        out
    }

    /// The best `n` passages of `body`; the lead sentence when no sentence matches.
    /// `dateline` is the length of a dateline opening the body (0 for none).
    pub fn best(&mut self, body: &str, dateline: usize, n: usize) -> Vec<Passage> {
        if n == 0 || body.is_empty() {
            return Vec::new();
        }
        let body = truncate_at_char(body, MAX_BODY_BYTES);
        let sentences = sentence::split(body, dateline);
        if self.needles.is_empty() {
            return lead(body, &sentences, dateline).into_iter().collect();
        }
        let toks = self.tokens(body);
        let strong = self.strong(&toks);
        let loose = self.loose(&toks);
        let mut scored: Vec<(SentenceScore, usize)> = Vec::new();
        for (s, range) in sentences.iter().enumerate() {
            let within = |start: usize| start >= range.start && start < range.end;
            let words: Vec<usize> = loose
                .iter()
                .filter(|(at, _)| within(*at))
                .map(|(_, w)| *w)
                .collect();
            if words.is_empty() {
                continue;
            }
            let inside: Vec<&Match> = strong
                .iter()
                .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
                .collect();
            scored.push((self.score(&words, &inside), s));
        }
        if scored.is_empty() {
            return lead(body, &sentences, dateline).into_iter().collect();
        }
        scored.sort_by(|a, b| b.0.cmp_key(&a.0).then(a.1.cmp(&b.1)));
        let best = scored[0];
        let mut chosen = vec![best.1];
        for &(score, s) in &scored[1..] {
            if chosen.len() >= n {
                break;
            }
            // Never lead with a weaker passage: earlier ones must be as complete.
            if s > best.1 || score.distinct == best.0.distinct {
                chosen.push(s);
            }
        }
        chosen.sort_unstable();
        let distinct_of = |s: usize| {
            scored
                .iter()
                .find(|(_, i)| *i == s)
                .map_or(0, |(sc, _)| sc.distinct)
        };
        // Neighbouring sentences of one paragraph read as one passage.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for s in chosen {
            match runs.last_mut() {
                Some((_, last))
                    if *last + 1 == s
                        && !body[sentences[*last].end..sentences[s].start].contains('\n') =>
                {
                    *last = s
                }
                _ => runs.push((s, s)),
            }
        }
        let mut out: Vec<Passage> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for (a, b) in runs {
            let range = sentences[a].start..sentences[b].end;
            let hl: Vec<Range<usize>> = strong
                .iter()
                .filter(|x| x.range.start >= range.start && x.range.end <= range.end)
                .map(|x| x.range.start - range.start..x.range.end - range.start)
                .collect();
            let terms = (a..=b).map(distinct_of).max().unwrap_or(0);
            let mut p = cut(&body[range.clone()], &merge(hl), range.start, terms);
            let adjacent = match prev_end {
                Some(e) => body[e..range.start].trim().is_empty(),
                None => body[..range.start].trim().is_empty(),
            };
            p.gap_before = !adjacent;
            prev_end = Some(range.end);
            out.push(p);
        }
        out
    }

    fn score(&self, words: &[usize], inside: &[&Match]) -> SentenceScore {
        let mut seen: Vec<usize> = words.to_vec();
        seen.sort_unstable();
        seen.dedup();
        let weight = seen.iter().map(|&w| self.words[w].1).sum::<f32>();
        let mut phrases: Vec<usize> = inside
            .iter()
            .filter(|m| matches!(self.needles[m.needle], Needle::Phrase(..)))
            .map(|m| m.needle)
            .collect();
        phrases.sort_unstable();
        phrases.dedup();
        let spread = match (
            inside.iter().map(|m| m.range.start).min(),
            inside.iter().map(|m| m.range.end).max(),
        ) {
            (Some(first), Some(last)) => last - first,
            _ => usize::MAX,
        };
        SentenceScore {
            distinct: seen.len(),
            weight,
            phrases: phrases.len(),
            spread,
            hits: words.len(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct SentenceScore {
    distinct: usize,
    weight: f32,
    phrases: usize,
    spread: usize,
    hits: usize,
}

impl SentenceScore {
    /// Distinct terms, then phrase matches, then rarity, then proximity, then more hits.
    fn cmp_key(&self, other: &SentenceScore) -> std::cmp::Ordering {
        self.distinct
            .cmp(&other.distinct)
            .then(self.phrases.cmp(&other.phrases))
            .then(self.weight.total_cmp(&other.weight))
            .then(other.spread.cmp(&self.spread))
            .then(self.hits.cmp(&other.hits))
    }
}

/// The first sentence of the story (after a dateline), for hits matched by title or
/// metadata alone.
fn lead(body: &str, sentences: &[Range<usize>], dateline: usize) -> Option<Passage> {
    let first = sentences.first()?;
    let pick = if dateline > 0 && first.end <= dateline {
        sentences.get(1).unwrap_or(first)
    } else {
        first
    };
    let mut p = cut(&body[pick.clone()], &[], pick.start, 0);
    p.gap_before = !body[..pick.start].trim().is_empty();
    Some(p)
}

/// Checks the phrase `words` starting at token `i`, allowing up to `slop` extra positions
/// in total. Returns the index of the last token.
fn phrase_at(toks: &[Tok], i: usize, words: &[String], slop: usize) -> Option<usize> {
    let mut last = i;
    let mut budget = slop;
    for w in &words[1..] {
        let expected = toks[last].position + 1;
        let next = toks[last + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, t)| t.position <= expected + budget)
            .find(|(_, t)| t.is(w))?;
        let idx = last + 1 + next.0;
        budget -= toks[idx].position - expected;
        last = idx;
    }
    Some(last)
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Cuts a sentence longer than [`MAX_CHARS`] to a window around its highlights, at word
/// boundaries, marking cuts with "…".
fn cut(sentence: &str, hl: &[Range<usize>], body_offset: usize, terms: usize) -> Passage {
    let total_chars = sentence.chars().count();
    if total_chars <= MAX_CHARS + MAX_CHARS / 8 {
        return Passage {
            text: sentence.to_owned(),
            highlights: hl.to_vec(),
            body_offset,
            terms,
            gap_before: false,
        };
    }
    // Byte budget measured in chars: find a window starting a little before the first
    // highlight, extended to cover as many highlights as fit.
    let char_starts: Vec<usize> = sentence.char_indices().map(|(i, _)| i).collect();
    let byte_at = |c: usize| char_starts.get(c).copied().unwrap_or(sentence.len());
    let char_of = |b: usize| char_starts.partition_point(|&x| x < b);
    let focus = hl.first().map_or(0, |r| char_of(r.start));
    let lead_in = MAX_CHARS / 4;
    let mut start = focus.saturating_sub(lead_in);
    let mut end = (start + MAX_CHARS).min(total_chars);
    if end == total_chars {
        start = total_chars.saturating_sub(MAX_CHARS);
    }
    // Snap to word boundaries.
    let mut s_byte = byte_at(start);
    let mut e_byte = byte_at(end);
    if start > 0
        && let Some(sp) = sentence[s_byte..].find(' ')
    {
        s_byte += sp + 1;
    }
    if end < total_chars {
        if let Some(sp) = sentence[..e_byte].rfind(' ') {
            e_byte = sp;
        }
        end = char_of(e_byte);
    }
    let _ = end;
    let prefix = if s_byte > 0 { "… " } else { "" };
    let suffix = if e_byte < sentence.len() { " …" } else { "" };
    let body = sentence[s_byte..e_byte].trim_end_matches([',', ';', ':', ' ']);
    let text = format!("{prefix}{body}{suffix}");
    let shift = prefix.len();
    let highlights = hl
        .iter()
        .filter(|r| r.start >= s_byte && r.end <= s_byte + body.len())
        .map(|r| r.start - s_byte + shift..r.end - s_byte + shift)
        .collect();
    Passage {
        text,
        highlights,
        body_offset: body_offset + s_byte,
        terms,
        gap_before: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::forms::{FuzzyForms, PrefixForms};

    fn hl(needles: Vec<Needle>) -> Highlighter {
        let w = vec![1.0; needles.len()];
        Highlighter::new(needles, w)
    }

    fn shown(p: &Passage) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in &p.highlights {
            out.push_str(&p.text[at..r.start]);
            out.push('[');
            out.push_str(&p.text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&p.text[at..]);
        out
    }

    /// The index's own analysis of `text`: position, byte range and term of each token.
    fn indexed(text: &str) -> Vec<(usize, Range<usize>, String)> {
        let mut analyzer = schema::text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.position, t.offset_from..t.offset_to, t.text.clone()));
        }
        out
    }

    proptest::proptest! {
        // The highlighter finds its words without running the index's analyzer over the
        // whole body: every word must still stand where the index put it, and every word
        // that can be a query word must have the index's term.
        #[test]
        fn words_are_where_and_what_the_index_has(
            text in "([A-Za-z]{1,8}|[0-9]{1,3}|[ ,.;'\n-]|é|É|ß|İ|ﬁ|Ö|ø|中文|٣|’|\u{301}|\u{2013}|[a-z]{39,42}){0,40}"
        ) {
            let index = indexed(&text);
            let mut h = hl(vec![Needle::Term("nation".into())]);
            let seen = h.tokens(&text);
            let got: Vec<(usize, Range<usize>)> =
                seen.iter().map(|k| (k.position, k.range.clone())).collect();
            let want: Vec<(usize, Range<usize>)> =
                index.iter().map(|(p, r, _)| (*p, r.clone())).collect();
            proptest::prop_assert_eq!(got, want);
            for (k, (_, _, term)) in seen.iter().zip(&index) {
                if term.starts_with("nat") {
                    proptest::prop_assert_eq!(k.stem.as_deref(), Some(term.as_str()));
                }
            }
            // With a fuzzy word, every word is stemmed: all terms must agree.
            let mut h = hl(vec![Needle::Fuzzy(FuzzyForms::new("nation", 1))]);
            let stems: Vec<Option<String>> = h.tokens(&text).into_iter().map(|k| k.stem).collect();
            let terms: Vec<Option<String>> = index.into_iter().map(|(_, _, t)| Some(t)).collect();
            proptest::prop_assert_eq!(stems, terms);
        }
    }

    #[test]
    fn stems_and_phrases_are_highlighted() {
        let mut h = hl(vec![
            Needle::Term("expo".into()),
            Needle::Phrase(vec!["china".into(), "russia".into()], 0),
        ]);
        let body = "The expos open. Russia and China talk. A China-Russia Expo opens in Harbin.";
        let ps = h.best(body, 0, 1);
        assert_eq!(ps.len(), 1);
        assert_eq!(shown(&ps[0]), "A [China-Russia] [Expo] opens in Harbin.");
    }

    #[test]
    fn first_passage_holds_the_most_terms() {
        let mut h = hl(vec![
            Needle::Term("harbin".into()),
            Needle::Term("expo".into()),
        ]);
        let body = "They travel to Harbin today. Later, Harbin hosts the Expo on Friday. It rains.\nThe expo is big.";
        let ps = h.best(body, 0, 2);
        assert_eq!(ps.len(), 2);
        assert_eq!(shown(&ps[0]), "Later, [Harbin] hosts the [Expo] on Friday.");
        assert!(ps[0].gap_before);
        assert_eq!(shown(&ps[1]), "The [expo] is big.");
        assert!(ps[1].gap_before);
    }

    #[test]
    fn neighbouring_sentences_join() {
        let mut h = hl(vec![
            Needle::Term("harbin".into()),
            Needle::Term("expo".into()),
        ]);
        let body = "Harbin hosts the Expo. The expo is big. Unrelated words.";
        let ps = h.best(body, 0, 2);
        assert_eq!(ps.len(), 1);
        assert_eq!(
            shown(&ps[0]),
            "[Harbin] hosts the [Expo]. The [expo] is big."
        );
        assert!(!ps[0].gap_before);
    }

    #[test]
    fn scattered_phrase_words_count_but_are_not_highlighted() {
        let mut h = hl(vec![
            Needle::Phrase(vec!["xi".into(), "putin".into()], 0),
            Needle::Term("talk".into()),
        ]);
        let body = "Putin talked. Xi and Putin held talks. Xi Putin summit.";
        let ps = h.best(body, 0, 1);
        assert_eq!(shown(&ps[0]), "Xi and Putin held [talks].");
    }

    #[test]
    fn no_match_gives_the_lead_without_dateline() {
        let mut h = hl(vec![Needle::Term("absent".into())]);
        let ps = h.best("Moscow, Apr 16 (AP) Putin met Li. Then more.", 19, 2);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].text, "Putin met Li.");
        assert!(ps[0].highlights.is_empty());
    }

    #[test]
    fn long_sentences_are_cut_around_the_match() {
        let filler = "word ".repeat(100);
        let body = format!("{filler}target {filler}end.");
        let mut h = hl(vec![Needle::Term("target".into())]);
        let p = &h.best(&body, 0, 1)[0];
        assert!(
            p.text.starts_with("… ") && p.text.ends_with(" …"),
            "{}",
            p.text
        );
        assert!(p.text.chars().count() <= MAX_CHARS + 4);
        assert_eq!(&p.text[p.highlights[0].clone()], "target");
    }

    #[test]
    fn prefix_and_fuzzy_match_words() {
        let text = "Exports rose as Putin visited the exposition.";
        let mut h = hl(vec![
            Needle::Prefix(PrefixForms::new("expo")),
            Needle::Fuzzy(FuzzyForms::new("putn", 1)),
        ]);
        let m = h.matches(text);
        let words: Vec<&str> = m.iter().map(|x| &text[x.range.clone()]).collect();
        assert_eq!(words, ["Exports", "Putin", "exposition"]);
    }

    #[test]
    fn prefix_and_fuzzy_words_that_stem_short_are_highlighted() {
        let text = "Cooperation with Xi Jinping grew, a significant change.";
        let mut h = hl(vec![
            Needle::Prefix(PrefixForms::new("cooperat")),
            Needle::Fuzzy(FuzzyForms::new("jinpng", 1)),
            Needle::Prefix(PrefixForms::new("significan")),
        ]);
        let m = h.matches(text);
        let words: Vec<&str> = m.iter().map(|x| &text[x.range.clone()]).collect();
        assert_eq!(words, ["Cooperation", "Jinping", "significant"]);
    }
}
