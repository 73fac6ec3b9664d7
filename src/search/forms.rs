//! Prefix and fuzzy terms over an index of English stems.
//!
//! Story text is indexed as stems ("cooperation" → "cooper", "Jinping" → "jinp"), but a
//! user types the start of a word (`cooperat*`) or a word spelt wrong (`jinpng~`). Matched
//! against stems as typed, both miss: no stem starts with "cooperat", and "jinpng" is two
//! edits from "jinp". This module decides which stems such a term stands for, once as an
//! automaton over a field's term dictionary (the query) and once as a test of one stem (the
//! highlighter), so that what is highlighted is what matched.
//!
//! Snowball's English stemmer only rewrites the end of a word: a stem is the word cut
//! somewhere, at times with a short ending put back ("hoping" → "hope", "happy" →
//! "happi"). Hence:
//!
//! - A prefix `p*` matches the stems that start with `p` (the stemmer left the prefix
//!   whole), and the stems of `p` completed by each ending the stemmer takes off, which are
//!   the stems that cut into the prefix: `cooperat` + `ion` → "cooper", `jinpi` + `ng` →
//!   "jinp", `significan` + `ce` → "signific". That is a hundred or so words to stem, and
//!   no look at the index. A stem found this way is the stem of a word that starts with
//!   `p`, so it is right to match it ("Cooper" shares "cooper" with "cooperation", as any
//!   search of a stemmed index conflates them).
//! - A fuzzy word `w~d` matches a stem `t` that is within `d` edits of `w` or of the stem of
//!   `w` (tantivy's own fuzzy search over stems), or such that `t` plus an ending the
//!   stemmer takes off is a word within `d` edits of `w` that stems back to `t` ("jinp" +
//!   "ing" is "jinping", one edit from "jinpng"). Edits are Damerau-Levenshtein (optimal
//!   string alignment: a swap of neighbours counts as one), as tantivy's `FuzzyTermQuery`
//!   with transpositions.
//!
//! Both work on words lower-cased and accent-folded as the index's analyzer does.

use std::sync::{Arc, LazyLock};

use tantivy::postings::TermInfo;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;
use tantivy_fst::Automaton;

use super::termset::{TermCache, TermPicker, TermSetWeight};

/// Endings the English stemmer takes off or rewrites (Snowball English steps 2 to 5), as
/// they are written in words, alone and chained ("-ion-al-ly").
const DERIVATIONS: &[&str] = &[
    "",
    "al",
    "ally",
    "alism",
    "ality",
    "alize",
    "ance",
    "ancy",
    "ant",
    "ence",
    "ency",
    "ent",
    "entative",
    "ement",
    "ment",
    "er",
    "or",
    "ic",
    "ical",
    "ically",
    "icate",
    "ication",
    "icity",
    "able",
    "ably",
    "ability",
    "ible",
    "ibly",
    "ibility",
    "ism",
    "ist",
    "ate",
    "ately",
    "ation",
    "ational",
    "ator",
    "ative",
    "atively",
    "ition",
    "ity",
    "ous",
    "ously",
    "ousness",
    "eous",
    "eously",
    "ious",
    "iously",
    "ive",
    "ively",
    "iveness",
    "ivity",
    "ize",
    "izer",
    "ization",
    "ion",
    "ional",
    "ionally",
    "ionalism",
    "ness",
    "ful",
    "fully",
    "fulness",
    "less",
    "lessly",
    "lessness",
    "ification",
    "ogy",
    "ogical",
    "y",
];

/// Inflections that may follow (Snowball English step 1).
const INFLECTIONS: &[&str] = &[
    "", "s", "es", "ed", "ing", "ings", "ingly", "edly", "ly", "er", "ers", "est",
];

/// A derivation followed by an inflection, spelt as English does: "ate" + "ed" is
/// "ated", "ity" + "es" is "ities".
fn chain(derivation: &str, inflection: &str) -> String {
    if let Some(stem) = derivation.strip_suffix('e')
        && inflection.starts_with(['e', 'i'])
    {
        return format!("{stem}{inflection}");
    }
    if let Some(stem) = derivation.strip_suffix('y')
        && inflection.starts_with('e')
    {
        return format!("{stem}i{inflection}");
    }
    format!("{derivation}{inflection}")
}

/// Every ending, shortest first.
static ENDINGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut all: Vec<String> = DERIVATIONS
        .iter()
        .flat_map(|d| INFLECTIONS.iter().map(move |i| chain(d, i)))
        .collect();
    all.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    all.dedup();
    all
});

/// The endings as a trie, so that trying them all after a stem shares the work of their
/// common beginnings and stops where no ending can bring the word within reach.
struct Trie {
    /// Children of each node: (character, node).
    children: Vec<Vec<(char, usize)>>,
    /// Whether an ending ends at the node.
    end: Vec<bool>,
}

static ENDING_TRIE: LazyLock<Trie> = LazyLock::new(|| {
    let mut trie = Trie {
        children: vec![Vec::new()],
        end: vec![false],
    };
    for ending in ENDINGS.iter() {
        let mut node = 0;
        for c in ending.chars() {
            node = match trie.children[node].iter().find(|(x, _)| *x == c) {
                Some(&(_, next)) => next,
                None => {
                    trie.children.push(Vec::new());
                    trie.end.push(false);
                    let next = trie.children.len() - 1;
                    trie.children[node].push((c, next));
                    next
                }
            };
        }
        trie.end[node] = true;
    }
    trie
});

/// The stem of one lower-cased, folded word, as the index's analyzer makes it.
pub fn stem(word: &str) -> String {
    frostem::Stemmer::new(frostem::Algorithm::English)
        .stem(word)
        .into_owned()
}

/// At most this many stems cutting into a prefix are kept (the automaton tracks them in
/// a 64-bit mask, with one bit for the prefix itself). A prefix has a handful.
const MAX_CUT: usize = 63;

/// What a prefix term `p*` matches: stems starting with `p`, and the stems of words
/// starting with `p` that are shorter than `p` or part from it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrefixForms {
    prefix: String,
    cut: Vec<String>,
}

impl PrefixForms {
    /// The forms of `prefix` (lower-cased and folded, unstemmed).
    pub fn new(prefix: &str) -> PrefixForms {
        let mut cut: Vec<String> = Vec::new();
        let mut add = |word: String| {
            let t = stem(&word);
            if !t.is_empty() && !t.starts_with(prefix) && !cut.contains(&t) {
                cut.push(t);
            }
        };
        add(prefix.to_owned());
        for ending in ENDINGS.iter() {
            // The ending may have begun inside the prefix: "jinpi" + "ing" is "jinping".
            for typed in 0..=ending.len() {
                if ending.is_char_boundary(typed) && prefix.ends_with(&ending[..typed]) {
                    add(format!("{prefix}{}", &ending[typed..]));
                }
            }
        }
        cut.sort();
        cut.truncate(MAX_CUT);
        PrefixForms {
            prefix: prefix.to_owned(),
            cut,
        }
    }

    /// The prefix as typed (lower-cased, folded).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether the index's stem `stem` is one this prefix matches.
    pub fn matches(&self, stem: &str) -> bool {
        stem.starts_with(&self.prefix) || self.cut.iter().any(|c| c == stem)
    }

    /// The characters every matching stem starts with.
    pub fn lead(&self) -> String {
        let mut n = self.prefix.len();
        for c in &self.cut {
            n = n.min(common_prefix(c, &self.prefix));
        }
        self.prefix[..n].to_owned()
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Walks a term dictionary with [`PrefixForms`]: the depth reached, and which of the
/// prefix (bit 0) and the cut stems (bit k + 1) the bytes so far still follow.
#[derive(Debug)]
struct PrefixAutomaton {
    prefix: Vec<u8>,
    cut: Vec<Vec<u8>>,
}

impl Automaton for PrefixAutomaton {
    type State = (usize, u64);

    fn start(&self) -> (usize, u64) {
        let all = if self.cut.len() >= 63 {
            u64::MAX
        } else {
            (1u64 << (self.cut.len() + 1)) - 1
        };
        (0, all)
    }

    fn is_match(&self, &(depth, alive): &(usize, u64)) -> bool {
        (alive & 1 == 1 && depth >= self.prefix.len())
            || self
                .cut
                .iter()
                .enumerate()
                .any(|(k, c)| alive >> (k + 1) & 1 == 1 && depth == c.len())
    }

    fn can_match(&self, &(_, alive): &(usize, u64)) -> bool {
        alive != 0
    }

    fn will_always_match(&self, &(depth, alive): &(usize, u64)) -> bool {
        alive & 1 == 1 && depth >= self.prefix.len()
    }

    fn accept(&self, &(depth, alive): &(usize, u64), byte: u8) -> (usize, u64) {
        let mut next = 0;
        if alive & 1 == 1 && self.prefix.get(depth).is_none_or(|&b| b == byte) {
            next |= 1;
        }
        for (k, c) in self.cut.iter().enumerate() {
            if alive >> (k + 1) & 1 == 1 && c.get(depth) == Some(&byte) {
                next |= 1 << (k + 1);
            }
        }
        (depth + 1, next)
    }
}

/// Words longer than this are not indexed (the analyzers drop them), so the alignment
/// rows of a fuzzy word have room for this many characters and one more cell.
const MAX_WORD: usize = 40;

/// What a fuzzy term `w~d` matches (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyForms {
    word: Vec<char>,
    stem: Vec<char>,
    distance: u8,
    /// For each position j of the word, the fewest edits that turn some ending into the
    /// rest of the word from j: a stem aligned with the word up to j can only be rebuilt
    /// into a word within reach if this and the stem's own edits are within reach.
    ending_reach: Vec<u8>,
}

impl FuzzyForms {
    /// The forms within `distance` edits of `word` (lower-cased and folded, unstemmed).
    pub fn new(word: &str, distance: u8) -> FuzzyForms {
        let word: Vec<char> = word.chars().take(MAX_WORD).collect();
        let typed: String = word.iter().collect();
        let ending_reach = (0..=word.len())
            .map(|j| closest_ending(&word[j..], distance.saturating_add(1)))
            .collect();
        FuzzyForms {
            stem: stem(&typed).chars().take(MAX_WORD).collect(),
            word,
            distance,
            ending_reach,
        }
    }

    /// Whether the index's stem `stem` is one this fuzzy word matches.
    pub fn matches(&self, stem: &str) -> bool {
        let mut word = Rows::new(self.word.len());
        let mut own = Rows::new(self.stem.len());
        for c in stem.chars() {
            if !word.reachable(self.distance) && !own.reachable(self.distance) {
                return false;
            }
            word.push(c, &self.word);
            own.push(c, &self.stem);
        }
        self.near(&word, &own) || (self.may_rebuild(&word) && self.rebuilds(stem))
    }

    /// Whether the stem whose alignment rows are these is within reach of the word or of
    /// its stem.
    fn near(&self, word: &Rows, own: &Rows) -> bool {
        word.last_cell() <= self.distance || own.last_cell() <= self.distance
    }

    /// Whether some ending might bring the stem aligned as `rows` within reach: the stem
    /// (one character more or less, for the spelling changes `rebuilds` undoes) within
    /// reach of the word up to some j, and an ending within the rest of the reach of the
    /// word from there.
    fn may_rebuild(&self, rows: &Rows) -> bool {
        let reach = &self.ending_reach;
        (0..=self.word.len()).any(|j| {
            let ending = reach[j.saturating_sub(1)..=(j + 1).min(self.word.len())]
                .iter()
                .min()
                .copied()
                .unwrap_or(u8::MAX);
            rows.cur[j].saturating_add(ending) <= self.distance.saturating_add(1)
        })
    }

    /// Whether `stem` plus an ending is a word within reach that stems back to `stem`.
    /// The stemmer also undoes what an ending did to the word before it ("abetting" →
    /// "abet", "agony" → "agoni", "aging" → "age", "capability" → "capabl"), so the word
    /// may also be the stem with its last consonant doubled, its final "i" written "y", its
    /// final "e" or "i" dropped, or an "e" added, before the ending.
    fn rebuilds(&self, stem_text: &str) -> bool {
        let mut bases: Vec<String> = vec![stem_text.to_owned()];
        if let Some(last) = stem_text.chars().last() {
            let body = &stem_text[..stem_text.len() - last.len_utf8()];
            match last {
                'i' => {
                    bases.push(format!("{body}y"));
                    bases.push(body.to_owned());
                }
                'e' => bases.push(body.to_owned()),
                'l' if body.ends_with('b') => bases.push(format!("{body}il")),
                c if c.is_ascii_alphabetic() => {
                    bases.push(format!("{stem_text}{c}"));
                    bases.push(format!("{stem_text}e"));
                }
                _ => {}
            }
        }
        let d = self.distance;
        bases.into_iter().any(|mut base| {
            let mut rows = Rows::new(self.word.len());
            for c in base.chars() {
                rows.push(c, &self.word);
            }
            rows.reachable(d) && self.rebuilds_from(0, &rows, &mut base, stem_text)
        })
    }

    /// Tries the endings below trie node `node` after `word` (whose alignment with the
    /// typed word is `rows`).
    fn rebuilds_from(&self, node: usize, rows: &Rows, word: &mut String, stem_text: &str) -> bool {
        let trie = &*ENDING_TRIE;
        let d = self.distance;
        if trie.end[node] && rows.last_cell() <= d && stem(word) == stem_text {
            return true;
        }
        for &(c, child) in &trie.children[node] {
            let mut next = *rows;
            next.push(c, &self.word);
            if !next.reachable(d) {
                continue;
            }
            word.push(c);
            let found = self.rebuilds_from(child, &next, word, stem_text);
            word.pop();
            if found {
                return true;
            }
        }
        false
    }
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
/// substring), for words of at most [`MAX_WORD`] characters.
#[cfg(test)]
fn osa(a: &[char], b: &[char]) -> usize {
    let mut rows = Rows::new(b.len());
    for &c in a {
        rows.push(c, b);
    }
    rows.last_cell() as usize
}

/// The fewest edits between some ending and `rest`, or `cap` when none is closer.
fn closest_ending(rest: &[char], cap: u8) -> u8 {
    fn walk(node: usize, rows: &Rows, rest: &[char], best: &mut u8) {
        let trie = &*ENDING_TRIE;
        if trie.end[node] {
            *best = (*best).min(rows.last_cell());
        }
        for &(c, child) in &trie.children[node] {
            let mut next = *rows;
            next.push(c, rest);
            if next.reachable(best.saturating_sub(1)) {
                walk(child, &next, rest, best);
            }
        }
    }
    let mut best = cap;
    walk(0, &Rows::new(rest.len()), rest, &mut best);
    best
}

/// Two rows of the alignment table of a growing string against a fixed one of at most
/// [`MAX_WORD`] characters, and the last character, which is what a transposition needs.
/// Fixed arrays: the automaton copies a state at every byte of the term dictionary it
/// walks.
#[derive(Debug, Clone, Copy)]
struct Rows {
    prev: [u8; MAX_WORD + 1],
    cur: [u8; MAX_WORD + 1],
    len: usize,
    last: Option<char>,
    /// Whether `prev` holds a row (not before the second character).
    has_prev: bool,
}

impl Rows {
    fn new(len: usize) -> Rows {
        let len = len.min(MAX_WORD);
        let mut cur = [u8::MAX; MAX_WORD + 1];
        for (j, v) in cur.iter_mut().enumerate().take(len + 1) {
            *v = j as u8;
        }
        Rows {
            prev: [u8::MAX; MAX_WORD + 1],
            cur,
            len,
            last: None,
            has_prev: false,
        }
    }

    fn push(&mut self, c: char, against: &[char]) {
        let mut next = [u8::MAX; MAX_WORD + 1];
        next[0] = self.cur[0].saturating_add(1);
        for j in 1..=self.len {
            let cost = u8::from(against[j - 1] != c);
            let mut v = (self.cur[j].saturating_add(1))
                .min(next[j - 1].saturating_add(1))
                .min(self.cur[j - 1].saturating_add(cost));
            if j > 1 && self.has_prev && self.last == Some(against[j - 1]) && c == against[j - 2] {
                v = v.min(self.prev[j - 2].saturating_add(1));
            }
            next[j] = v;
        }
        self.prev = self.cur;
        self.cur = next;
        self.has_prev = self.last.is_some();
        self.last = Some(c);
    }

    /// The distance between the two strings as they stand.
    fn last_cell(&self) -> u8 {
        self.cur[self.len]
    }

    /// Whether a string that starts like this one can still come within `d` of a prefix
    /// of the other (the table's values never drop below its two last rows' least, the
    /// one before counting the swap that may still come).
    fn reachable(&self, d: u8) -> bool {
        self.cur[..=self.len].iter().any(|&v| v <= d)
            || (self.has_prev
                && self.prev[..=self.len]
                    .iter()
                    .any(|&v| v.saturating_add(1) <= d))
    }
}

/// Walks a term dictionary with [`FuzzyForms`], keeping the alignment rows against the
/// typed word and against its stem. A term it lets through may still fail the full test
/// ([`FuzzyForms::matches`], which [`FuzzyWeight`] applies to its key): the automaton
/// only sees bytes, and keeping every term's bytes in its state would copy them at every
/// step.
#[derive(Debug)]
struct FuzzyAutomaton<'a>(&'a FuzzyForms);

#[derive(Debug, Clone, Copy)]
struct FuzzyState {
    /// The bytes of a character not yet complete.
    pending: [u8; 4],
    pending_len: usize,
    word: Rows,
    stem: Rows,
    empty: bool,
}

impl Automaton for FuzzyAutomaton<'_> {
    type State = FuzzyState;

    fn start(&self) -> FuzzyState {
        FuzzyState {
            pending: [0; 4],
            pending_len: 0,
            word: Rows::new(self.0.word.len()),
            stem: Rows::new(self.0.stem.len()),
            empty: true,
        }
    }

    fn is_match(&self, s: &FuzzyState) -> bool {
        !s.empty
            && s.pending_len == 0
            && (self.0.near(&s.word, &s.stem) || self.0.may_rebuild(&s.word))
    }

    fn can_match(&self, s: &FuzzyState) -> bool {
        let d = self.0.distance;
        s.word.reachable(d) || s.stem.reachable(d)
    }

    fn accept(&self, s: &FuzzyState, byte: u8) -> FuzzyState {
        let mut next = *s;
        if next.pending_len == 4 {
            // Not UTF-8: this branch leads to no word.
            next.word = Rows::new(0);
            next.word.cur[0] = u8::MAX;
            next.stem = next.word;
            return next;
        }
        next.pending[next.pending_len] = byte;
        next.pending_len += 1;
        if let Ok(text) = std::str::from_utf8(&next.pending[..next.pending_len])
            && let Some(c) = text.chars().next()
        {
            next.word.push(c, &self.0.word);
            next.stem.push(c, &self.0.stem);
            next.pending_len = 0;
            next.empty = false;
        }
        next
    }
}

impl TermPicker for Forms {
    const NAME: &'static str = "FormsQuery";

    /// The terms the automaton lets through (for a fuzzy word, those that also pass the
    /// full test).
    fn pick(&self, dict: &TermDictionary) -> tantivy::Result<Vec<TermInfo>> {
        let mut found = Vec::new();
        match self {
            Forms::Prefix(p) => {
                let automaton = PrefixAutomaton {
                    prefix: p.prefix.as_bytes().to_vec(),
                    cut: p.cut.iter().map(|c| c.as_bytes().to_vec()).collect(),
                };
                let mut terms = dict.search(&automaton).into_stream()?;
                while terms.advance() {
                    found.push(terms.value().clone());
                }
            }
            Forms::Fuzzy(f) => {
                let mut terms = dict.search(FuzzyAutomaton(f)).into_stream()?;
                while terms.advance() {
                    if std::str::from_utf8(terms.key()).is_ok_and(|t| f.matches(t)) {
                        found.push(terms.value().clone());
                    }
                }
            }
        }
        Ok(found)
    }
}

/// A prefix or fuzzy term.
#[derive(Debug, Clone, PartialEq)]
pub enum Forms {
    /// `word*`
    Prefix(PrefixForms),
    /// `word~d`
    Fuzzy(FuzzyForms),
}

impl Forms {
    /// Whether the index's stem `stem` is one of the forms.
    pub fn matches(&self, stem: &str) -> bool {
        match self {
            Forms::Prefix(p) => p.matches(stem),
            Forms::Fuzzy(f) => f.matches(stem),
        }
    }
}

/// Matches the articles holding any of the forms in one field (constant score, as
/// tantivy's prefix and fuzzy queries).
#[derive(Debug, Clone)]
pub struct FormsQuery {
    field: Field,
    forms: Arc<Forms>,
    terms: TermCache,
}

impl FormsQuery {
    /// The query for `forms` in `field`.
    pub fn new(field: Field, forms: Arc<Forms>) -> FormsQuery {
        FormsQuery {
            field,
            forms,
            terms: TermCache::default(),
        }
    }
}

impl Query for FormsQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(TermSetWeight {
            field: self.field,
            picker: self.forms.clone(),
            terms: self.terms.clone(),
        }))
    }
}

/// The terms of `dictionary` (sorted, as a term dictionary is) that `forms` matches, by
/// walking the automaton the query uses.
#[cfg(test)]
fn walk<A: Automaton>(automaton: &A, dictionary: &[&str]) -> Vec<String>
where
    A::State: Clone,
{
    dictionary
        .iter()
        .filter(|t| {
            let mut s = automaton.start();
            for &b in t.as_bytes() {
                if !automaton.can_match(&s) {
                    return false;
                }
                s = automaton.accept(&s, b);
            }
            automaton.is_match(&s)
        })
        .map(|t| t.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_the_stems_that_cut_into_them() {
        for (prefix, word) in [
            ("cooperat", "cooperation"),
            ("jinpi", "jinping"),
            ("significan", "significant"),
            ("significan", "significance"),
            ("hopi", "hoping"),
            ("expo", "expos"),
            ("expo", "exports"),
        ] {
            let forms = PrefixForms::new(prefix);
            assert!(
                forms.matches(&stem(word)),
                "{prefix}* {word} ({})",
                stem(word)
            );
            assert!(
                stem(word).starts_with(&forms.lead()),
                "{prefix}* lead {}",
                forms.lead()
            );
        }
        let jinpi = PrefixForms::new("jinpi");
        assert!(!jinpi.matches("jin"));
        assert!(!jinpi.matches("jinx"));
    }

    #[test]
    fn fuzzy_words_match_the_stems_of_close_words() {
        for (typed, d, word) in [
            ("jinpng", 1, "jinping"),
            ("jinpin", 1, "jinping"),
            ("jinpeng", 1, "jinping"),
            ("councilors", 1, "councillors"),
            ("putn", 1, "putin"),
            ("ukrane", 1, "ukraine"),
            ("harbni", 1, "harbin"),
        ] {
            let forms = FuzzyForms::new(typed, d);
            assert!(
                forms.matches(&stem(word)),
                "{typed}~{d} {word} ({})",
                stem(word)
            );
        }
        let forms = FuzzyForms::new("jinpng", 1);
        assert!(!forms.matches("jin"));
        assert!(!forms.matches("ping"));
    }

    #[test]
    fn automata_agree_with_the_tests_of_one_stem() {
        let mut dictionary = vec![
            "co",
            "cooper",
            "cooperag",
            "cooperat",
            "coopt",
            "export",
            "expo",
            "exposit",
            "jin",
            "jing",
            "jinp",
            "jinpeng",
            "jinx",
            "ping",
            "signal",
            "signific",
            "significantli",
            "україн",
            "ukrain",
            "ukraini",
        ];
        dictionary.sort();
        for prefix in ["cooperat", "jinpi", "expo", "significan", "co", "укра"] {
            let forms = PrefixForms::new(prefix);
            let automaton = PrefixAutomaton {
                prefix: forms.prefix.as_bytes().to_vec(),
                cut: forms.cut.iter().map(|c| c.as_bytes().to_vec()).collect(),
            };
            let expected: Vec<String> = dictionary
                .iter()
                .filter(|t| forms.matches(t))
                .map(|t| t.to_string())
                .collect();
            assert_eq!(walk(&automaton, &dictionary), expected, "{prefix}*");
        }
        for (word, d) in [
            ("jinpng", 1),
            ("cooperaton", 2),
            ("ukrane", 1),
            ("україна", 1),
        ] {
            let forms = FuzzyForms::new(word, d);
            let expected: Vec<String> = dictionary
                .iter()
                .filter(|t| forms.matches(t))
                .map(|t| t.to_string())
                .collect();
            assert!(!expected.is_empty(), "{word}~{d}");
            // The automaton may let more through (the weight tests each term it finds),
            // never less.
            let walked: Vec<String> = walk(&FuzzyAutomaton(&forms), &dictionary)
                .into_iter()
                .filter(|t| forms.matches(t))
                .collect();
            assert_eq!(walked, expected, "{word}~{d}");
        }
    }

    #[test]
    fn every_prefix_of_a_corpus_word_matches_its_stem() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut analyzer = crate::index::schema::name_analyzer();
        let mut words = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut stream = analyzer.token_stream(&text);
            while let Some(t) = stream.next() {
                if t.text.len() >= 4 && t.text.chars().all(|c| c.is_ascii_lowercase()) {
                    words.insert(t.text.clone());
                }
            }
        }
        let mut missed = Vec::new();
        for w in &words {
            let s = stem(w);
            for k in 3..w.len() {
                if !PrefixForms::new(&w[..k]).matches(&s) {
                    missed.push(format!("{}* {w} ({s})", &w[..k]));
                }
            }
        }
        assert!(missed.is_empty(), "{} words: {missed:#?}", words.len());
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str| {
            osa(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("jinpng", "jinping"), 1);
        assert_eq!(d("abcd", "abdc"), 1);
        assert_eq!(d("putin", "poutine"), 2);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("ca", "abc"), 3);
    }
}
