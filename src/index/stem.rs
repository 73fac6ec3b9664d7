//! English stemming with a memo: the same few thousand words make up most of any news
//! corpus, and running the Snowball algorithm on each occurrence was a tenth of indexing
//! time. The memo belongs to one analyzer (tantivy clones the analyzer per indexing
//! thread), so no lock is taken.

use std::collections::HashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words longer than this are stemmed but not remembered: they are rare, and the memo
/// stays small.
const MAX_MEMO_WORD: usize = 24;
/// The memo is emptied when it holds this many words, which bounds its memory (a few MB)
/// on corpora with huge vocabularies.
const MAX_MEMO_WORDS: usize = 200_000;

/// A token filter that stems English words as tantivy's `Stemmer` does, remembering the
/// stem of each word it has seen. Tokens must be lower-cased beforehand.
#[derive(Clone, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            memo: Memo::default(),
        }
    }
}

/// The memo of one analyzer: word → stem, or `None` when the stem is the word itself.
#[derive(Clone, Default)]
struct Memo {
    stems: HashMap<Box<str>, Option<Box<str>>, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
}

impl Memo {
    /// Replaces `word` by its stem.
    fn stem(&mut self, stemmer: &frostem::Stemmer, word: &mut String) {
        if let Some(known) = self.stems.get(word.as_str()) {
            if let Some(stem) = known {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = stemmer.stem(word);
        let changed = (stem != word.as_str()).then(|| Box::<str>::from(stem.as_ref()));
        if word.len() <= MAX_MEMO_WORD {
            if self.stems.len() >= MAX_MEMO_WORDS {
                self.stems.clear();
            }
            self.stems.insert(word.as_str().into(), changed.clone());
        }
        if let Some(stem) = changed {
            word.clear();
            word.push_str(&stem);
        }
    }
}

/// [`CachedStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memo: Memo,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
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
    fn stems_like_tantivys_stemmer_on_first_and_later_sightings() {
        let text = "Dogs are the bests! Connections, connections: running runners ran. \
                    Expos expo exposition generously généreux";
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let twice = format!("{text} {text}");
        assert_eq!(tokens(cached, &twice), tokens(plain, &twice));
    }
}
