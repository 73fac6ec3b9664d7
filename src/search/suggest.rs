//! Spelling suggestions: the closest term of the index to a word no article holds ("did
//! you mean Jinping?").

use std::collections::HashMap;

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::ParsedQuery;
use crate::index::{Fields, Index};

/// At most this many vocabulary terms are compared per segment, so a suggestion stays
/// cheap on any index.
const MAX_SCANNED: usize = 500_000;

/// Edit distance (insertions, deletions, substitutions, adjacent transpositions) between
/// `a` and `b`, or `None` when it exceeds `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        if cur.iter().min().copied().unwrap_or(0) > max {
            return None;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The most edits a suggestion may be from `word`: 1 for short words, 2 for longer.
pub fn reach(word: &str) -> usize {
    if word.chars().count() <= 4 { 1 } else { 2 }
}

/// The indexed terms of `field` close to `word` (analysed like the field), best first:
/// smallest edit distance (see [`reach`]), then the most articles; at most `n`.
pub fn closest(
    searcher: &Searcher,
    field: Field,
    word: &str,
    n: usize,
) -> tantivy::Result<Vec<String>> {
    let max = reach(word);
    let Some(first) = word.chars().next() else {
        return Ok(Vec::new());
    };
    let mut lower = String::new();
    lower.push(first);
    let mut upper = String::new();
    upper.push(char::from_u32(first as u32 + 1).unwrap_or(char::MAX));
    let mut found: HashMap<String, (usize, u64)> = HashMap::new();
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(lower.as_bytes())
            .lt(upper.as_bytes())
            .into_stream()?;
        let mut scanned = 0;
        while stream.advance() && scanned < MAX_SCANNED {
            scanned += 1;
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if term == word {
                continue;
            }
            if let Some(d) = edit_distance(word, term, max) {
                let e = found.entry(term.to_owned()).or_insert((d, 0));
                e.1 += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut found: Vec<(String, (usize, u64))> = found.into_iter().collect();
    found.sort_by(|a, b| {
        a.1.0
            .cmp(&b.1.0)
            .then(b.1.1.cmp(&a.1.1))
            .then(a.0.cmp(&b.0))
    });
    Ok(found.into_iter().take(n).map(|(t, _)| t).collect())
}

/// Close spellings in the index of query words that no article holds ("did you mean"),
/// in every language the index holds: each language's stems of the word are looked up in
/// its own fields, and a spelling is suggested from the first language that has one.
pub(crate) fn suggestions(
    opened: &Index,
    parsed: &ParsedQuery,
) -> anyhow::Result<Vec<(String, String)>> {
    let searcher = opened.searcher();
    let fields = opened.fields();
    // English (and languages without fields) first, then each language present.
    let mut analyses: Vec<(Option<usize>, TextAnalyzer)> =
        vec![(None, crate::index::schema::text_analyzer())];
    for i in fields.languages_present() {
        analyses.push((Some(i), crate::index::schema::lang_analyzer(i)));
    }
    let mut out = Vec::new();
    'words: for word in &parsed.words {
        let mut stems = Vec::new();
        for (lang, analyzer) in &mut analyses {
            let mut stream = analyzer.token_stream(word);
            let Some(stem) = stream.next().map(|t| t.text.clone()) else {
                continue;
            };
            let (body, title) = text_fields(fields, *lang);
            let mut df = searcher.doc_freq(&Term::from_field_text(body, &stem))?
                + searcher.doc_freq(&Term::from_field_text(title, &stem))?;
            if lang.is_none() {
                // A word the cleaner removed is not misspelt: the removed-lines hint
                // covers it.
                df += searcher.doc_freq(&Term::from_field_text(fields.removed, &stem))?;
            }
            if df > 0 {
                continue 'words;
            }
            stems.push((*lang, stem));
        }
        // Stems are compared first ("jinp"), then the word an article actually wrote
        // with the word as typed: stems can be close where the words are not ("maliw" and
        // "mani", of Maliwal and many).
        let typed = word.to_lowercase();
        for (lang, stem) in stems {
            let (body, _) = text_fields(fields, lang);
            for candidate in closest(&searcher, body, &stem, 8)? {
                if let Some(shown) = written_form(&searcher, fields, lang, &candidate)?
                    && edit_distance(&typed, &shown, reach(&typed)).is_some()
                {
                    out.push((word.clone(), shown));
                    continue 'words;
                }
            }
        }
    }
    Ok(out)
}

/// The body and title fields of language `lang` (`None`: English stems).
fn text_fields(fields: &Fields, lang: Option<usize>) -> (Field, Field) {
    match lang {
        Some(i) => (fields.lang_body[i], fields.lang_title[i]),
        None => (fields.body, fields.title),
    }
}

/// A word some article wrote whose stem (in language `lang`) is `stem` (lower-cased).
fn written_form(
    searcher: &Searcher,
    fields: &Fields,
    lang: Option<usize>,
    stem: &str,
) -> anyhow::Result<Option<String>> {
    let (body_field, _) = text_fields(fields, lang);
    let q = tantivy::query::TermQuery::new(
        Term::from_field_text(body_field, stem),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let Some((_, addr)) = searcher
        .search(&q, &TopDocs::with_limit(1).order_by_score())?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let article = crate::index::store::read(searcher, fields, addr)?;
    let body = article.body.as_str();
    let mut analyzer = crate::index::schema::analyzer_for(lang);
    let mut stream = analyzer.token_stream(body);
    while let Some(t) = stream.next() {
        if t.text == stem {
            return Ok(Some(body[t.offset_from..t.offset_to].to_lowercase()));
        }
    }
    Ok(None)
}

/// How many articles hold the query when the lines the cleaner removed count as text
/// (0 when they already do, under `--removed`).
pub(crate) fn with_removed(opened: &Index, parsed: &ParsedQuery) -> anyhow::Result<usize> {
    let Some(q) = &parsed.removed else {
        return Ok(0);
    };
    Ok(opened.searcher().search(q.as_ref(), &Count)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("jinpng", "jinping", 2), Some(1));
        assert_eq!(edit_distance("abcd", "abdc", 1), Some(1));
        assert_eq!(edit_distance("putin", "poutine", 1), None);
        assert_eq!(edit_distance("kremlin", "kremlin", 0), Some(0));
    }
}
