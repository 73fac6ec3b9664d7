//! English stemming with a memo: the same few thousand words make up most of any news
//! corpus, and running the Snowball algorithm on each occurrence was a tenth of indexing
//! time. The memo belongs to one analyzer (tantivy clones the analyzer per indexing
//! thread), so no lock is taken.

use std::collections::HashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words of up to this many bytes are remembered, stored inline in the memo's table:
/// longer words are rare, and are stemmed each time.
const MAX_MEMO_WORD: usize = 23;
/// The memo is emptied when it holds this many words, which bounds its memory (about
/// 10 MB) on corpora with huge vocabularies.
const MAX_MEMO_WORDS: usize = 200_000;

/// A token filter that stems words as tantivy's `Stemmer` does (English unless made
/// with [`CachedStemmer::new`]), remembering the stem of each word it has seen. Tokens
/// must be lower-cased beforehand.
#[derive(Clone, Copy)]
pub struct CachedStemmer(frostem::Algorithm);

impl Default for CachedStemmer {
    fn default() -> CachedStemmer {
        CachedStemmer(frostem::Algorithm::English)
    }
}

impl CachedStemmer {
    /// A stemmer for `algorithm`'s language.
    pub fn new(algorithm: frostem::Algorithm) -> CachedStemmer {
        CachedStemmer(algorithm)
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            memo: Memo::default(),
            algorithm: self.0,
        }
    }
}

/// A short word held inline: the memo is looked up once per token indexed, and a key
/// behind a pointer cost a cache miss (and a `memcmp` call) on every lookup.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short {
    len: u8,
    bytes: [u8; MAX_MEMO_WORD],
}

impl Short {
    fn new(word: &str) -> Option<Short> {
        let mut bytes = [0u8; MAX_MEMO_WORD];
        bytes
            .get_mut(..word.len())?
            .copy_from_slice(word.as_bytes());
        Some(Short {
            len: word.len() as u8,
            bytes,
        })
    }

    fn as_str(&self) -> &str {
        // Built from a `&str` of exactly these bytes.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::hash::Hash for Short {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The unused tail is zeros, so the three words (and the length) are the key.
        let word = |i: usize| {
            let mut w = [0u8; 8];
            let end = (i + 8).min(MAX_MEMO_WORD);
            w[..end - i].copy_from_slice(&self.bytes[i..end]);
            u64::from_le_bytes(w)
        };
        state.write_u64(word(0) ^ u64::from(self.len) << 56);
        state.write_u64(word(8));
        state.write_u64(word(16));
    }
}

/// A multiply-rotate hasher for [`Short`] keys (three `u64`s): far cheaper than a
/// general string hash, and the memo's keys are not chosen by an adversary who gains
/// anything from collisions beyond a slower run.
#[derive(Default, Clone, Copy)]
struct ShortHasher(u64);

impl std::hash::Hasher for ShortHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(26) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        // The table takes its control bits from the top: fold the low half into them.
        let h = self.0 ^ (self.0 >> 29);
        h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

/// Slots of the memo's front table (a power of two): 512 KB, half a core's L2 cache here,
/// so the common words of a corpus stay there beside tantivy's own tables. On 30,000
/// Reuters business stories the front table answered 83 % of tokens with 4,096 slots
/// and 93 % with 16,384 (index CPU -6 %, wall -8 %); 32,768 and 65,536 slots answered
/// more but indexed no faster, crowding the writer's tables out of the cache.
const FRONT_SLOTS: usize = 1 << 14;

/// A word of up to 15 bytes and its stem, packed: bytes, zero padding, length last.
#[derive(Clone, Copy, Default)]
struct Slot {
    word: u128,
    stem: u128,
}

/// A word of up to 15 bytes as a [`Slot`] holds it (0 only for the empty word, which an
/// empty slot then answers rightly: its stem is itself).
///
/// Read with two overlapping fixed-size loads rather than copied into a buffer: a copy
/// of a variable length is a `memcpy` call, and packing is done once per token indexed
/// (the call was 1.4 % of indexing's CPU time).
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    if n >= 16 {
        return None;
    }
    // `head` covers the first bytes and `tail` the last ones, shifted so that the bytes
    // both cover are counted once; the shifts are done in u128 so none reaches the width.
    let bytes = if n >= 8 {
        let head = u64::from_le_bytes(b[..8].try_into().ok()?);
        let tail = u64::from_le_bytes(b[n - 8..].try_into().ok()?);
        u128::from(head) | (u128::from(tail) >> (8 * (16 - n)) << 64)
    } else if n >= 4 {
        let head = u32::from_le_bytes(b[..4].try_into().ok()?);
        let tail = u32::from_le_bytes(b[n - 4..].try_into().ok()?);
        u128::from(head) | (u128::from(tail) >> (8 * (8 - n)) << 32)
    } else {
        b.iter()
            .rev()
            .fold(0u128, |acc, &byte| acc << 8 | u128::from(byte))
    };
    Some(bytes | (n as u128) << 120)
}

fn unpack(packed: u128, out: &mut String) {
    let b = packed.to_le_bytes();
    let len = usize::from(b[15]).min(15);
    out.clear();
    // Packed from a `&str` of these bytes.
    out.push_str(std::str::from_utf8(&b[..len]).unwrap_or_default());
}

/// The memo of one analyzer. A small direct-mapped front table answers the frequent
/// words from the core's cache; behind it, a hash table maps every word seen to its
/// stem (`None` when the stem is the word itself). Looking up the large table cost a
/// cache miss per token, the largest single cost of indexing.
#[derive(Default)]
struct Memo {
    /// Empty until the memo knows [`FRONT_AFTER`] words: analyzers are built and cloned
    /// for every search, which stems a handful of words, and zeroing the table each time
    /// cost a search a fifth of a millisecond.
    front: Vec<Slot>,
    stems: HashMap<Short, Option<Short>, std::hash::BuildHasherDefault<ShortHasher>>,
}

/// Words the memo knows before it sets up its front table.
const FRONT_AFTER: usize = 4096;

impl Clone for Memo {
    /// A clone starts empty: it is a cache, and tantivy clones analyzers per field and
    /// per indexing thread before any word is seen.
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl Memo {
    /// Replaces `word` by its stem.
    fn stem(&mut self, stemmer: &frostem::Stemmer, word: &mut String) {
        if self.front.is_empty() {
            self.stem_slowly(stemmer, word);
            if self.stems.len() >= FRONT_AFTER {
                self.front = vec![Slot::default(); FRONT_SLOTS];
            }
            return;
        }
        let packed = pack(word);
        let slot = packed.map(|p| {
            let h = (p as u64 ^ (p >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            (h >> (64 - FRONT_SLOTS.trailing_zeros())) as usize
        });
        if let (Some(p), Some(i)) = (packed, slot)
            && self.front[i].word == p
        {
            if self.front[i].stem != p {
                unpack(self.front[i].stem, word);
            }
            return;
        }
        self.stem_slowly(stemmer, word);
        if let (Some(p), Some(i)) = (packed, slot)
            && let Some(stem) = pack(word)
        {
            self.front[i] = Slot { word: p, stem };
        }
    }

    /// [`Memo::stem`] through the large table (and the stemmer for a new word).
    fn stem_slowly(&mut self, stemmer: &frostem::Stemmer, word: &mut String) {
        let key = Short::new(word);
        if let Some(key) = &key
            && let Some(known) = self.stems.get(key)
        {
            if let Some(stem) = known {
                word.clear();
                word.push_str(stem.as_str());
            }
            return;
        }
        let stem = stemmer.stem(word);
        if stem == word.as_str() {
            if let Some(key) = key {
                self.remember(key, None);
            }
            return;
        }
        if let Some(key) = key
            && let Some(short) = Short::new(&stem)
        {
            self.remember(key, Some(short));
        }
        let stem = stem.into_owned();
        *word = stem;
    }

    fn remember(&mut self, key: Short, stem: Option<Short>) {
        if self.stems.len() >= MAX_MEMO_WORDS {
            // The front table stays: it only ever holds right answers.
            self.stems.clear();
        }
        self.stems.insert(key, stem);
    }
}

/// [`CachedStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memo: Memo,
    algorithm: frostem::Algorithm,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(self.algorithm),
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut Memo,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo
            .stem(&self.stemmer, &mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        a.token_stream(text)
            .process(&mut |t| out.push(t.text.clone()));
        out
    }

    #[test]
    fn packs_each_byte_in_its_place_and_the_length_last() {
        let text = "abcdefghijklmnopqr";
        for n in 0..=text.len() {
            let word = &text[..n];
            let want = (n < 16).then(|| {
                let mut b = [0u8; 16];
                b[..n].copy_from_slice(word.as_bytes());
                b[15] = n as u8;
                u128::from_le_bytes(b)
            });
            assert_eq!(pack(word), want, "{word:?}");
            if let Some(p) = want {
                let mut back = String::new();
                unpack(p, &mut back);
                assert_eq!(back, word);
            }
        }
        // Multi-byte characters are bytes like any other.
        assert_eq!(pack("été").map(|p| (p >> 120) as u8), Some(5));
    }

    #[test]
    fn stems_like_tantivys_stemmer_on_first_and_later_sightings() {
        let text = "Dogs are the bests! Connections, connections: running runners ran. \
                    Expos expo exposition generously généreux \
                    deinstitutionalisations antidisestablishmentarianisms";
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer::default())
            .build();
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let twice = format!("{text} {text}");
        assert_eq!(tokens(cached, &twice), tokens(plain, &twice));
    }

    #[test]
    fn stems_alike_once_the_front_table_is_in_use() {
        // More distinct words than the memo knows before it sets up its front table, then
        // the same words again (now answered by the front table where they fit).
        let roots = [
            "connect", "run", "happy", "nation", "general", "rely", "agree", "sky", "dye", "hope",
            "fish", "quick", "argu", "generous", "care", "ski", "news", "cry",
        ];
        let prefixes = ["", "re", "un", "over", "pre", "counter", "inter", "dis"];
        let suffixes = [
            "", "s", "ing", "ed", "ly", "ness", "ational", "ies", "er", "ers", "ization",
            "fulness", "ously", "iveness", "ement", "able", "ibly", "ity", "ism", "ist", "ians",
            "ingly", "edly", "ings", "ful", "less", "ment", "ments", "ation", "ations",
        ];
        let mut words = Vec::new();
        for p in prefixes {
            for r in roots {
                for s in suffixes {
                    for n in ["", "x", "qu"] {
                        words.push(format!("{p}{r}{s}{n}"));
                    }
                }
            }
        }
        assert!(words.len() > FRONT_AFTER);
        let text = words.join(" ");
        let twice = format!("{text} {text}");
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer::default())
            .build();
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        assert_eq!(tokens(cached, &twice), tokens(plain, &twice));
    }
}
