//! Turning a file's bytes into UTF-8 text.
//!
//! Scraped corpora hold UTF-8 mostly, but also Windows-1252, Latin-1 and UTF-16 files, and
//! now and then something that is not text at all. Decoding order: byte-order mark, then a
//! UTF-16 guess from the NUL pattern, then a binary check, then strict UTF-8, and last
//! Firefox's detector (chardetng) with encoding_rs for the conversion.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::SkipReason;

/// Decoded article text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text as UTF-8.
    pub text: String,
    /// The encoding the bytes were read as (`"UTF-8"`, `"windows-1252"`, `"UTF-16LE"`, ...).
    pub encoding: &'static str,
    /// True when the bytes were not UTF-8 and had to be converted; worth a warning.
    pub converted: bool,
    /// Number of byte sequences that could not be decoded and became U+FFFD.
    pub replaced: usize,
}

/// How many leading bytes the binary check looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Magic numbers of common binary formats that can hide behind a `.txt` name.
const BINARY_MAGIC: &[&[u8]] = &[
    b"%PDF-",
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0",
];

/// Decodes `bytes`, or says why they are not article text.
pub fn decode(bytes: &[u8]) -> Result<Text, (SkipReason, String)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((SkipReason::Empty, "the file holds no text".into()));
    }
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, bytes)
    } else {
        if let Some(why) = binary_reason(bytes) {
            return Err((SkipReason::Binary, why));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                return Ok(Text {
                    text: s.to_owned(),
                    encoding: "UTF-8",
                    converted: false,
                    replaced: 0,
                });
            }
            Err(_) => {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
                (prefer_western(guess, bytes), bytes)
            }
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    let text = text.into_owned();
    if text.trim().is_empty() {
        return Err((SkipReason::Empty, "the file holds no text".into()));
    }
    // A "text" that decodes to mostly replacement characters is not text.
    if replaced * 10 > text.chars().count() {
        return Err((
            SkipReason::Binary,
            format!(
                "{replaced} undecodable byte sequences as {}",
                encoding.name()
            ),
        ));
    }
    Ok(Text {
        text,
        encoding: encoding.name(),
        converted: encoding.name() != "UTF-8",
        replaced,
    })
}

/// Single-byte Latin encodings that differ from Windows-1252 in a few letters only.
const OTHER_LATIN: &[&str] = &[
    "windows-1250",
    "ISO-8859-2",
    "windows-1257",
    "ISO-8859-13",
    "ISO-8859-4",
    "windows-1254",
    "ISO-8859-15",
];

/// Windows-1252 instead of another single-byte Latin guess when the text's words are
/// English or another Western European language: a few high bytes (a pound sign, an
/// accented name) say little, and chardetng may read "£15.8m" as Central European
/// "Ł15.8m". The words around them decide.
fn prefer_western(guess: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    if !OTHER_LATIN.contains(&guess.name()) {
        return guess;
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if crate::clean::reads_as_western(&text) {
        encoding_rs::WINDOWS_1252
    } else {
        guess
    }
}

/// UTF-16 without a byte-order mark shows itself by NUL bytes on every other position
/// (for the Latin-script text news is mostly written in).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.len() < 16 || !sample.len().is_multiple_of(2) {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 7 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(magic) = BINARY_MAGIC.iter().find(|m| bytes.starts_with(m)) {
        let _ = magic;
        return Some("starts with the signature of a binary format".into());
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return Some("holds NUL bytes".into());
    }
    // Escape sequences (0x1B) and form feeds occur in scraped text; other C0 controls do not.
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    (controls * 20 > sample.len()).then(|| {
        format!(
            "{controls} control bytes in the first {} bytes",
            sample.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let t = decode("Grüße aus Zürich".as_bytes()).unwrap();
        assert_eq!(t.text, "Grüße aus Zürich");
        assert!(!t.converted);
    }

    #[test]
    fn windows_1252_is_detected_and_converted() {
        // "café – naïve" in Windows-1252: é=E9, en dash=96, ï=EF.
        let bytes = b"The caf\xE9 served a na\xEFve customer \x96 twice, said the report.";
        let t = decode(bytes).unwrap();
        assert!(t.converted);
        assert!(t.text.contains("café"), "{}", t.text);
        assert!(t.text.contains('–'));
    }

    #[test]
    fn english_with_a_pound_sign_is_windows_1252() {
        // A Latin-1 pound sign (A3) alone among English words; Windows-1250 reads it Ł.
        let bytes = b"The club paid \xA315.8m for the striker, and the fans said it was a fair price for a player of his age.";
        let t = decode(bytes).unwrap();
        assert_eq!(t.encoding, "windows-1252");
        assert!(t.text.contains("\u{a3}15.8m"), "{}", t.text);
        // Polish stays Central European.
        let polish = b"Zesp\xF3\xB3 zap\xB3aci\xB3 za zawodnika, a kibice powiedzieli, \xBFe to uczciwa cena, jak na jego wiek i umiej\xEAtno\x9Cci.";
        let t = decode(polish).unwrap();
        assert_ne!(t.encoding, "windows-1252", "{}", t.text);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "Putin met Xi in Beijing on Thursday.";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap().text, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).unwrap().text, s);
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n....").unwrap_err().0,
            SkipReason::Binary
        );
        assert_eq!(decode(b"abc\0def").unwrap_err().0, SkipReason::Binary);
        assert_eq!(decode(b"").unwrap_err().0, SkipReason::Empty);
        assert_eq!(decode(b" \n\t\n").unwrap_err().0, SkipReason::Empty);
    }

    #[test]
    fn escape_sequences_are_still_text() {
        let t = decode(b"Breaking \x1b[31mred\x1b[0m news").unwrap();
        assert!(t.text.contains('\u{1b}'));
    }
}
