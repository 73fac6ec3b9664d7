//! Finding, reading and decoding article files.
//!
//! The walk turns the paths a user names into [`Candidate`]s (or [`Skipped`] entries with a
//! reason); [`read`] loads one candidate's bytes (decompressing gzip) and [`decode`] turns
//! them into UTF-8 [`Text`]. What the text is then depends on the file's [`Format`]: plain
//! text is one article; an HTML page is one article whose main text [`decode_article`]
//! extracts; a file of JSON records holds many ([`records`]). Nothing here fails a whole
//! run: every problem with one file becomes a `Skipped` that the index summary counts and
//! reports. Files named one by one, outside an index (`newsq clean`), are read by
//! [`standalone`].

mod decode;
pub mod format;
pub mod html;
mod listing;
pub mod path;
pub mod records;
pub mod sidecar;
pub mod standalone;
mod walk;

pub use decode::{Text, decode};
pub use format::Format;
pub use listing::Listing;
pub use sidecar::{FieldMap, Sidecar};
pub use walk::{Candidate, WalkOptions, is_article_path, walk};

use std::io::Read;
use std::path::Path;

use std::fmt;
use std::path::PathBuf;

/// Why a file was not indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// The file holds no text (zero bytes or only whitespace).
    Empty,
    /// The file looks like binary data (NUL bytes, many control bytes).
    Binary,
    /// The file is larger than `--max-file-size`.
    TooLarge,
    /// The file or folder could not be read (permissions, I/O error, vanished).
    Unreadable,
    /// A symbolic link that leads back into its own ancestors.
    SymlinkLoop,
    /// A symbolic link, not followed without `--follow`.
    Symlink,
    /// A path named on the command line that does not exist.
    NotFound,
    /// The content is damaged (a broken gzip stream).
    Damaged,
    /// A file whose name ends like a record's (`name:12`), which newsq could not tell
    /// from the records of a JSON file.
    AmbiguousName,
}

impl SkipReason {
    /// A short label for summaries ("binary", "too large", ...).
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::SymlinkLoop => "symlink loop",
            SkipReason::Symlink => "symlink not followed",
            SkipReason::NotFound => "not found",
            SkipReason::Damaged => "damaged",
            SkipReason::AmbiguousName => "ambiguous name",
        }
    }

    /// Whether this skip is an error the user should fix (as opposed to a file that is
    /// simply not an article). Errors make `newsq index` exit with status 2.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            SkipReason::Unreadable | SkipReason::NotFound | SkipReason::SymlinkLoop
        )
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file (or folder) that was not indexed, with the reason and a human-readable detail.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The path as found by the walk.
    pub path: PathBuf,
    /// The kind of problem.
    pub reason: SkipReason,
    /// What exactly went wrong, for the message (e.g. the OS error).
    pub detail: String,
    /// Where a link that loops leads back to (the detail is then worded around it).
    pub leads_to: Option<PathBuf>,
}

/// The bytes of one article file and what the file system says about it.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// The path as found by the walk.
    pub path: PathBuf,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// Size in bytes when the walk saw it.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
}

/// Reads a whole file whose size the walk saw: opened, read until the end, closed.
/// (`fs::read` and `File::read_to_end` ask the system for the size, and the position,
/// again: one or two calls more per article of the four this takes.) A file that grew
/// since is read whole all the same.
fn read_sized(path: &std::path::Path, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    // One byte more than expected, so the end shows without growing the buffer.
    let mut buf = vec![0u8; usize::try_from(size).unwrap_or(0).saturating_add(1)];
    let mut len = 0;
    loop {
        if len == buf.len() {
            buf.resize(len * 2, 0);
        }
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(len);
    Ok(buf)
}

/// Reads one candidate, refusing files over `max_size` bytes before reading them. Gzip
/// files (by name or by content) are decompressed, and refused when they decompress to
/// more than `max_size` bytes.
pub fn read(candidate: &Candidate, max_size: u64) -> Result<RawFile, Skipped> {
    let skip = |reason, detail: String| Skipped {
        path: candidate.path.clone(),
        reason,
        detail,
        leads_to: None,
    };
    if candidate.size > max_size {
        return Err(skip(
            SkipReason::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes (raise it with --max-file-size)",
                candidate.size, max_size
            ),
        ));
    }
    // Sized from the walk's look at the file: `fs::read` would ask the system for the
    // size again, one call more per article of the four it takes.
    let bytes = read_sized(&candidate.path, candidate.size)
        .map_err(|e| skip(SkipReason::Unreadable, e.to_string()))?;
    // The file may have grown since the walk looked at it.
    if bytes.len() as u64 > max_size {
        return Err(skip(
            SkipReason::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes",
                bytes.len(),
                max_size
            ),
        ));
    }
    let size = bytes.len() as u64;
    let bytes = if is_gzip(&candidate.path, &bytes) {
        gunzip(&bytes, max_size).map_err(|(reason, detail)| skip(reason, detail))?
    } else {
        bytes
    };
    Ok(RawFile {
        path: candidate.path.clone(),
        size,
        bytes,
        mtime_ns: candidate.mtime_ns,
    })
}

/// Whether a file is gzip-compressed: its name ends in `.gz` or its bytes start with
/// gzip's magic number.
pub fn is_gzip(path: &Path, bytes: &[u8]) -> bool {
    format::is_gz_name(path) || bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses gzip data (several members too, as `cat a.gz b.gz` makes them), refusing
/// output over `max` bytes: a small file can decompress to gigabytes.
pub fn gunzip(bytes: &[u8], max: u64) -> Result<Vec<u8>, (SkipReason, String)> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(max.saturating_add(1));
    match decoder.read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > max => Err((
            SkipReason::TooLarge,
            format!(
                "decompresses to more than the limit of {max} bytes (raise it with --max-file-size)"
            ),
        )),
        Ok(_) => Ok(out),
        Err(e) => Err((SkipReason::Damaged, format!("not a valid gzip file: {e}"))),
    }
}

/// What an HTML page gave beside its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The metadata the page declares, which wins over what the cleaner finds in the text.
    pub given: Sidecar,
    /// The text is the page's article container: the DOM chose the story's region, so
    /// the cleaner's own region guess is not applied again.
    pub container: bool,
}

impl Page {
    /// What the page declares, for the cleaner to lay over its text's article.
    pub fn to_given(&self) -> crate::clean::Given {
        crate::clean::Given {
            page: Some(self.given.clone()),
            container: self.container,
            ..Default::default()
        }
    }
}

/// Decodes the bytes of a one-article file (text or HTML) into the text to clean, plus
/// what an HTML page gave beside it.
pub fn decode_article(
    path: &Path,
    bytes: &[u8],
) -> Result<(Text, Option<Page>), (SkipReason, String)> {
    if format::detect(path, bytes) != Format::Html {
        return Ok((decode(bytes)?, None));
    }
    // Pages say their charset in markup; the text decoder's binary check and guesses are
    // for plain text.
    let (html, encoding) = html::decode_html_with_encoding(bytes);
    let page = html::extract(&html);
    if page.text.trim().is_empty() {
        return Err((SkipReason::Empty, "the page holds no text".into()));
    }
    let text = Text {
        text: page.text.clone(),
        encoding,
        converted: encoding != "UTF-8",
        replaced: 0,
    };
    Ok((
        text,
        Some(Page {
            given: page.sidecar(),
            container: page.method == html::Method::Container,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::{Compression, write::GzEncoder};

    use super::*;

    fn gz(parts: &[&[u8]], level: Compression) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), level);
        for p in parts {
            enc.write_all(p).unwrap();
        }
        enc.finish().unwrap()
    }

    #[test]
    fn gunzip_caps_output_and_reports_damage() {
        let text = "<p>hello</p>".repeat(1000);
        let packed = gz(&[text.as_bytes()], Compression::default());
        assert_eq!(gunzip(&packed, 1 << 20).unwrap(), text.as_bytes());
        assert_eq!(
            gunzip(&packed, text.len() as u64).unwrap().len(),
            text.len()
        );
        assert_eq!(
            gunzip(&packed, text.len() as u64 - 1).unwrap_err().0,
            SkipReason::TooLarge
        );
        assert_eq!(
            gunzip(&packed[..packed.len() / 2], 1 << 20).unwrap_err().0,
            SkipReason::Damaged
        );
        // A bomb: 64 MiB of zeros pack into ~64 KiB; the cap stops it at 1 MiB.
        let zeros = vec![0u8; 1 << 20];
        let bomb = gz(&[&zeros[..]; 64], Compression::best());
        assert_eq!(gunzip(&bomb, 1 << 20).unwrap_err().0, SkipReason::TooLarge);
    }
}
