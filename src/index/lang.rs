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

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

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
    let lower = code.trim().to_lowercase();
    match stemmed(&lower) {
        Some(i) => STEMMED[i].code.to_owned(),
        None => match lower.as_str() {
            "en" => "eng".to_owned(),
            "zh" => "cmn".to_owned(),
            "ja" => "jpn".to_owned(),
            "ko" => "kor".to_owned(),
            "uk" => "ukr".to_owned(),
            "hi" => "hin".to_owned(),
            "he" => "heb".to_owned(),
            _ => lower,
        },
    }
}

/// Whether `c` is written without spaces between words: Han ideographs, Japanese kana,
/// Korean Hangul (Korean spaces its phrases, but a phrase glues particles to words).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x1100..=0x11FF // Hangul Jamo
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0x20000..=0x2FA1F // Han extensions B to F, compatibility supplement
    )
}

/// What a character is to the word splitter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Word,
    Cjk,
}

fn class_at(text: &str, i: usize) -> (usize, Class) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        let class = if b.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
        return (1, class);
    }
    let c = text[i..].chars().next().expect("at a character boundary");
    let class = if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    };
    (c.len_utf8(), class)
}

/// The words of `text` as byte ranges, in order: runs of letters and digits, and pairs of
/// neighbouring CJK characters (overlapping; a CJK character with no CJK neighbour is a
/// word alone). Each word is one position.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        i: 0,
        run: Vec::new(),
        next_pair: 0,
    }
}

/// The iterator of [`words`].
pub struct Words<'a> {
    text: &'a str,
    i: usize,
    /// The character boundaries of the CJK run being cut into pairs.
    run: Vec<usize>,
    /// The next pair of `run` to give.
    next_pair: usize,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.next_pair + 2 < self.run.len() {
            let k = self.next_pair;
            self.next_pair += 1;
            return Some(self.run[k]..self.run[k + 2]);
        }
        let text = self.text;
        let bytes = text.as_bytes();
        let (start, class) = loop {
            if self.i >= bytes.len() {
                return None;
            }
            let (len, class) = class_at(text, self.i);
            if class != Class::Other {
                break (self.i, class);
            }
            self.i += len;
        };
        if class == Class::Word {
            while self.i < bytes.len() {
                let (len, class) = class_at(text, self.i);
                if class != Class::Word {
                    break;
                }
                self.i += len;
            }
            return Some(start..self.i);
        }
        self.run.clear();
        self.run.push(start);
        while self.i < bytes.len() {
            let (len, class) = class_at(text, self.i);
            if class != Class::Cjk {
                break;
            }
            self.i += len;
            self.run.push(self.i);
        }
        if self.run.len() == 2 {
            // One character: a word by itself.
            self.next_pair = self.run.len();
            return Some(start..self.i);
        }
        self.next_pair = 1;
        Some(self.run[0]..self.run[2])
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
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670)
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
        assert!(stemmed("rus").is_some());
        assert!(stemmed("eng").is_none());
    }

    #[test]
    fn one_stemmer_for_all_would_join_different_words() {
        // The premise of the integration test that English "organizations" does not
        // find a French "organe": their stems are one string.
        let en = frostem::Stemmer::new(frostem::Algorithm::English);
        let fr = frostem::Stemmer::new(frostem::Algorithm::French);
        assert_eq!(en.stem("organizations"), fr.stem("organe"));
    }
}
