//! Making untrusted text safe for a terminal.
//!
//! Article text and file names come from the web: they can hold escape sequences that
//! recolour or retitle a terminal, carriage returns that overwrite a line, or bidirectional
//! overrides that reorder what is shown. Every byte of such text that newsq prints passes
//! through here; control characters come out as visible escapes (`\x1b`, `\u{202e}`).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Whether a character must not reach a terminal raw.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'                 // directional marks
            | '\u{202A}'..='\u{202E}'               // embeddings and overrides
            | '\u{2066}'..='\u{2069}'               // isolates
            | '\u{061C}'                            // Arabic letter mark
            | '\u{FEFF}'                            // BOM / zero-width no-break space
            | '\u{00AD}'                            // soft hyphen
            | '\u{180E}'                            // Mongolian vowel separator
            | '\u{200B}' | '\u{2060}'..='\u{2064}'  // zero-width space, word joiner, invisible operators
            | '\u{206A}'..='\u{206F}'               // deprecated format controls
            | '\u{FFF9}'..='\u{FFFB}'               // interlinear annotation
            | '\u{E0000}'..='\u{E007F}'             // tags (invisible ASCII look-alikes)
        )
}

/// Escapes control characters for a one-line display (newlines and tabs included).
pub fn line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escape(out: &mut String, c: char) {
    let code = c as u32;
    if code < 0x80 {
        let _ = write!(out, "\\x{code:02x}");
    } else {
        let _ = write!(out, "\\u{{{code:x}}}");
    }
}

/// A path for display: invalid UTF-8 bytes as `\xNN`, control characters escaped.
pub fn path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&line(chunk.valid()));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

/// A JSON formatter that writes characters unsafe for terminals as `\uXXXX` escapes, so
/// the JSON means the same text but holds no raw control or bidi characters.
pub struct SafeJson;

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Writes `value` as JSON with [`SafeJson`] escaping.
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, SafeJson);
    value
        .serialize(&mut ser)
        .map_err(|e| match e.io_error_kind() {
            // Keep the kind, so a closed pipe stays a closed pipe.
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(line("plain text"), "plain text");
        assert_eq!(line("red\u{1b}[31m"), "red\\x1b[31m");
        assert_eq!(line("a\rb\nc"), "a\\x0db\\x0ac");
        assert_eq!(line("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(line("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn escapes_invisible_format_characters() {
        assert_eq!(line("har\u{ad}bor"), "har\\u{ad}bor");
        assert_eq!(line("a\u{e0041}\u{e0042}"), "a\\u{e0041}\\u{e0042}");
        assert_eq!(line("x\u{200b}y\u{2060}z"), "x\\u{200b}y\\u{2060}z");
        // Joiners inside emoji and scripts that need them are text.
        assert_eq!(
            line("👩\u{200d}💻 می\u{200c}خواهم"),
            "👩\u{200d}💻 می\u{200c}خواهم"
        );
    }

    #[test]
    fn json_escapes_unsafe_characters_but_keeps_the_text() {
        let mut out = Vec::new();
        write_json(&mut out, "a\u{202e}b\u{1b}c é").unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "\"a\\u202eb\\u001bc é\"");
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\u{202e}b\u{1b}c é");
    }

    #[cfg(unix)]
    #[test]
    fn invalid_utf8_paths_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"dir/caf\xe9.txt"));
        assert_eq!(path(p), "dir/caf\\xe9.txt");
    }
}
