//! How text is cut into words, for the index (`index::lang`), the highlighter and copy
//! signatures alike: runs of letters and digits, and pairs of neighbouring characters in
//! the scripts written without spaces between words (Chinese, Japanese, Korean).

use std::ops::Range;

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
    } else if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
        // Combining marks are part of their letter: an accent written apart (`é` as
        // e + U+0301), a Devanagari or Thai vowel sign.
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
                // ASCII letters and digits, most of any text, without decoding.
                let b = bytes[self.i];
                if b.is_ascii_alphanumeric() {
                    self.i += 1;
                    continue;
                }
                if b.is_ascii() {
                    break;
                }
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
