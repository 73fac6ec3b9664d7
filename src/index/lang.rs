//! Words in every language: how text is cut into words, how words are folded, and which
//! stemmer each article's language gets.
//!
//! One rule everywhere (index, query, highlight):
//!
//! - **Words** are runs of letters and digits, as before, except that Chinese, Japanese
//!   and Korean characters (which are not spaced into words) make overlapping pairs, as
//!   Elasticsearch's `cjk_bigram` does: `哈尔滨市` is `哈尔 尔滨 滨市`, so a word of two
//!   to four characters is found inside a longer run as a phrase of pairs. A character
//!   alone between others of another script is a word by itself.
//! - **Folding**: lower-cased; compatibility forms composed (full-width `Ａ１` is `a1`);
//!   accents and other combining marks of Latin, Greek and Cyrillic letters and Arabic
//!   vowel signs dropped (`İstanbul` and `Istanbul` are one word, `ё` is `е`); Greek
//!   final sigma as `σ`; then tantivy's ASCII folding (`ß` is `ss`, `ı` is `i`). Japanese
//!   voicing marks are kept: `が` is not `か`.
//! - **Stems**: an article in a language with a Snowball stemmer (see [`STEMMED`]) is
//!   indexed in fields of its own (`title_fra`, `body_fra`), stemmed by its language
//!   before folding (stemmers read accents); every other article, English or not
//!   recognised, as English stems after folding (the format before languages). A query
//!   is analysed once per language present, and each analysis meets only that language's
//!   articles: an English stem never matches a French word.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

pub use crate::clean::words::{Words, is_cjk, words};

/// A language whose articles get their own stemmed fields.
#[derive(Debug, Clone, Copy)]
pub struct Language {
    /// ISO 639-3 code, as the cleaner's language detection writes it (`lang:fra`).
    pub code: &'static str,
    /// The language's Snowball algorithm.
    pub algorithm: frostem::Algorithm,
    /// Whether its stemmer only rewrites the end of a word (a stem then starts with
    /// the word's first letters, which the highlighter uses to skip most words).
    pub suffixes_only: bool,
}

const fn lang(code: &'static str, algorithm: frostem::Algorithm) -> Language {
    Language {
        code,
        algorithm,
        suffixes_only: true,
    }
}

/// The languages stemmed by their own rules, besides English. Each adds two fields to
/// the schema (title and body), which an index without articles in it never fills.
pub const STEMMED: &[Language] = &[
    lang("fra", frostem::Algorithm::French),
    lang("deu", frostem::Algorithm::German),
    lang("spa", frostem::Algorithm::Spanish),
    lang("por", frostem::Algorithm::Portuguese),
    lang("ita", frostem::Algorithm::Italian),
    lang("nld", frostem::Algorithm::Dutch),
    lang("rus", frostem::Algorithm::Russian),
    lang("swe", frostem::Algorithm::Swedish),
    lang("nob", frostem::Algorithm::Norwegian),
    lang("dan", frostem::Algorithm::Danish),
    lang("fin", frostem::Algorithm::Finnish),
    lang("hun", frostem::Algorithm::Hungarian),
    lang("ron", frostem::Algorithm::Romanian),
    lang("tur", frostem::Algorithm::Turkish),
    lang("ell", frostem::Algorithm::Greek),
    Language {
        code: "ara",
        algorithm: frostem::Algorithm::Arabic,
        // Arabic stemming takes off leading articles and prepositions too.
        suffixes_only: false,
    },
    lang("ind", frostem::Algorithm::Indonesian),
    lang("pol", frostem::Algorithm::Polish),
    lang("ces", frostem::Algorithm::Czech),
    lang("cat", frostem::Algorithm::Catalan),
];

/// The position in [`STEMMED`] of the language `code` names (ISO 639-3, or the two-letter
/// ISO 639-1 code users type: `fr`, `de`).
pub fn stemmed(code: &str) -> Option<usize> {
    let code = code.trim().to_ascii_lowercase();
    let code = match code.as_str() {
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "pt" => "por",
        "it" => "ita",
        "nl" => "nld",
        "ru" => "rus",
        "sv" => "swe",
        "no" | "nb" => "nob",
        "da" => "dan",
        "fi" => "fin",
        "hu" => "hun",
        "ro" => "ron",
        "tr" => "tur",
        "el" => "ell",
        "ar" => "ara",
        "id" => "ind",
        "pl" => "pol",
        "cs" => "ces",
        "ca" => "cat",
        other => other,
    };
    STEMMED.iter().position(|l| l.code == code)
}

/// The ISO 639-3 code `code` stands for, where a user typed the two-letter one: `lang:fr`
/// finds the articles detected as `fra`. Codes newsq does not know are kept as typed.
pub fn normalise_code(code: &str) -> String {
    // A region or script after the language (`zh-CN`, `pt_BR`, `zh-Hant`) does not
    // change the language detected.
    let lower = code.trim().to_lowercase();
    let lower = lower
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_owned();
    match stemmed(&lower) {
        Some(i) => STEMMED[i].code.to_owned(),
        None => match lower.as_str() {
            "en" => "eng".to_owned(),
            "zh" | "zho" | "chi" => "cmn".to_owned(),
            "ja" => "jpn".to_owned(),
            "ko" => "kor".to_owned(),
            "uk" => "ukr".to_owned(),
            "hi" => "hin".to_owned(),
            "he" => "heb".to_owned(),
            _ => lower,
        },
    }
}

/// The tokenizer of every text field: [`words`].
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    words: Words<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            words: words(text),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(range) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = range.start;
        self.token.offset_to = range.end;
        self.token.text.push_str(&self.text[range]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Marks dropped by folding: the combining accents of Latin, Greek and Cyrillic
/// letters, and Arabic vowel signs (written in teaching texts and headlines, left out in
/// most news).
fn is_dropped_mark(c: char) -> bool {
    // Arabic: the vowel signs (fathatan to sukun) and the superscript alef, as Lucene's
    // Arabic normaliser drops them; hamza above and below (U+0654, U+0655) make other
    // letters (ئ is not ي) and stay.
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x0652 | 0x0670)
}

/// Folds a word that is not plain ASCII (see the module's rule): compatibility forms,
/// marks, case, final sigma. ASCII words are left alone (they are already lower-cased
/// by the analyzer; this runs only on the rest).
pub fn fold_marks(word: &str, out: &mut String) {
    out.clear();
    let folded = word
        .nfkd()
        .filter(|&c| !is_dropped_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c });
    out.extend(folded.nfc());
}

/// Whether `code` (as [`normalise_code`] gives it) names a language the cleaner detects.
pub fn is_detected_code(code: &str) -> bool {
    whatlang::Lang::from_code(code).is_some()
}

/// A token filter composing tokens that are not ASCII to NFKC, first of all, so that
/// stemmers and folding read `é` written as e + U+0301 and full-width `Ｇ` as the
/// letters they are.
#[derive(Clone, Copy, Default)]
pub struct Compose;

impl TokenFilter for Compose {
    type Tokenizer<T: Tokenizer> = ComposeFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ComposeFilter<T> {
        ComposeFilter { inner: tokenizer }
    }
}

/// [`Compose`] applied to a tokenizer.
#[derive(Clone)]
pub struct ComposeFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ComposeFilter<T> {
    type TokenStream<'a> = ComposeStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ComposeStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`ComposeFilter`].
pub struct ComposeStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for ComposeStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if !text.is_ascii()
            && unicode_normalization::is_nfkc_quick(text.chars())
                != unicode_normalization::IsNormalized::Yes
        {
            *text = text.nfkc().collect();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A token filter applying [`fold_marks`] to tokens that are not ASCII.
#[derive(Clone, Copy, Default)]
pub struct FoldMarks;

impl TokenFilter for FoldMarks {
    type Tokenizer<T: Tokenizer> = FoldMarksFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldMarksFilter<T> {
        FoldMarksFilter {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

/// [`FoldMarks`] applied to a tokenizer.
#[derive(Clone)]
pub struct FoldMarksFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for FoldMarksFilter<T> {
    type TokenStream<'a> = FoldMarksStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldMarksStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of [`FoldMarksFilter`].
pub struct FoldMarksStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for FoldMarksStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if !text.is_ascii() {
            fold_marks(text, self.buffer);
            std::mem::swap(text, self.buffer);
        }
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
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).map(|r| &text[r]).collect()
    }

    fn fold(word: &str) -> String {
        let mut out = String::new();
        fold_marks(&word.to_lowercase(), &mut out);
        out
    }

    #[test]
    fn words_split_as_before_outside_cjk() {
        assert_eq!(
            split("Hello, happy tax-payer! 3.5%"),
            ["Hello", "happy", "tax", "payer", "3", "5"]
        );
        assert_eq!(split("Ça coûte 10 €"), ["Ça", "coûte", "10"]);
        assert_eq!(split(""), Vec::<&str>::new());
    }

    #[test]
    fn cjk_runs_make_overlapping_pairs() {
        assert_eq!(split("哈尔滨市"), ["哈尔", "尔滨", "滨市"]);
        assert_eq!(
            split("在哈尔滨。G20峰会"),
            ["在哈", "哈尔", "尔滨", "G20", "峰会"]
        );
        assert_eq!(split("A 中 B"), ["A", "中", "B"]);
        assert_eq!(split("서울에서 회의"), ["서울", "울에", "에서", "회의"]);
        assert_eq!(split("東京タワー"), ["東京", "京タ", "タワ", "ワー"]);
    }

    #[test]
    fn folding_is_one_rule_for_every_script() {
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ISTANBUL"), "istanbul");
        assert_eq!(fold("Ελληνικός"), "ελληνικοσ");
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_eq!(fold("ёлка"), "елка");
        assert_eq!(fold("Ｇ２０"), "g20");
        // Decomposed accents are one word with their letters.
        assert_eq!(split("e\u{301}le\u{300}ves"), ["e\u{301}le\u{300}ves"]);
        assert_eq!(fold("e\u{301}le\u{300}ves"), "eleves");
        assert_ne!(fold("مئات"), fold("ميات"));
        assert_eq!(fold("élection"), "election");
        // Japanese voicing is part of the letter.
        assert_ne!(fold("が"), fold("か"));
        // Hangul syllables survive decomposition.
        assert_eq!(fold("서울"), "서울");
    }

    #[test]
    fn codes_as_users_type_them() {
        assert_eq!(normalise_code("fr"), "fra");
        assert_eq!(normalise_code("FRA"), "fra");
        assert_eq!(normalise_code("zh"), "cmn");
        assert_eq!(normalise_code("eng"), "eng");
        assert_eq!(normalise_code("zh-CN"), "cmn");
        assert_eq!(normalise_code("pt_BR"), "por");
        assert!(is_detected_code(&normalise_code("ja")));
        assert!(!is_detected_code(&normalise_code("xx")));
        assert!(stemmed("rus").is_some());
        assert!(stemmed("eng").is_none());
    }

    #[test]
    fn one_stemmer_for_all_would_join_different_words() {
        // The premise of the integration test that English "animals" does not find a
        // French "animées" (lively): their stems are one string.
        let en = frostem::Stemmer::new(frostem::Algorithm::English);
        let fr = frostem::Stemmer::new(frostem::Algorithm::French);
        assert_eq!(en.stem("animals"), fr.stem("animées"));
    }
}
