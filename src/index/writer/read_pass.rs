//! The read pass: every new or changed file read and prepared once, for its line keys
//! (the corpus's template lines are counted from them before anything is cleaned); the
//! prepared texts are kept, packed, for the write pass while they fit a budget.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::plan::ToRead;
use super::{BuildOptions, Entry, Progress};

use crate::clean::{self, spill::Keys};
use crate::corpus::path::path_bytes;
use crate::corpus::{self, Candidate, Listing, Skipped, Text};
use crate::index::Fields;
use crate::index::schema::FileFacts;

/// Reads the files of `to_read` (in parallel): where each one's line keys went in
/// `keys`, `None` for a file that could not be read (the write pass tries it again and
/// reports why); and the prepared texts kept.
pub(super) fn read(
    to_read: &[ToRead],
    listing: &Listing,
    opts: &BuildOptions,
    keys: &Mutex<Keys>,
    progress: &dyn Progress,
) -> std::io::Result<(Vec<Option<KeysAt>>, Cache)> {
    let budget = AtomicUsize::new(CACHE_BYTES);
    let cache = Cache(Mutex::new(HashMap::new()));
    let at = to_read
        .par_iter()
        .map(|t| {
            let cand = listing.candidate(t.file as usize);
            let loaded = load(&cand, opts.max_file_size)
                .ok()
                .map(|(text, facts, p)| {
                    let prepared = clean::prepare(&text.text);
                    let own = prepared.keys();
                    let at = keys
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .append(&own)?;
                    // Packed only while the budget lasts: packing copies the text once more.
                    let packed = (budget.load(Ordering::Relaxed) > 0)
                        .then(|| prepared.pack())
                        .flatten()
                        .filter(|packed| {
                            let size = packed.memory_bytes()
                                + std::mem::size_of::<Cached>()
                                + CACHE_ENTRY_BYTES
                                + clean::ALLOCATION_OVERHEAD;
                            budget
                                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                                    b.checked_sub(size)
                                })
                                .is_ok()
                        });
                    if let Some(packed) = packed {
                        let encoding = text.converted.then_some(text.encoding);
                        cache
                            .0
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .insert(t.file, Box::new((packed, encoding, facts, p)));
                    }
                    Ok(KeysAt::new(at, own.len()))
                });
            progress.advance(1);
            loaded.transpose()
        })
        .collect::<std::io::Result<_>>()?;
    Ok((at, cache))
}

/// The prepared texts the read pass kept, by their files' places in the listing.
pub(super) struct Cache(Mutex<HashMap<u32, Box<Cached>>>);

impl Cache {
    /// Takes out what was kept of file `file`.
    pub fn take(&self, file: u32) -> Option<Box<Cached>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&file)
    }
}

/// A kept text's room in the cache's table, beyond the text.
const CACHE_ENTRY_BYTES: usize = 24;

/// Stored line keys of the unchanged articles, in their order, appended to `keys`.
pub(super) fn stored_line_keys(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    manifest: &HashMap<Vec<u8>, Entry>,
    unchanged: &[u32],
    listing: &Listing,
    keys: &mut Keys,
) -> anyhow::Result<Vec<KeysAt>> {
    let name = searcher
        .schema()
        .get_field_name(fields.line_keys)
        .to_owned();
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        columns.push(reader.fast_fields().bytes(&name)?);
    }
    let mut out = Vec::with_capacity(unchanged.len());
    let (mut buf, mut own) = (Vec::new(), Vec::new());
    for &file in unchanged {
        let e = &manifest[path_bytes(&listing.key(file as usize))];
        own.clear();
        if let Some(col) = &columns[e.segment as usize]
            && let Some(ord) = col.term_ords(e.doc).next()
        {
            buf.clear();
            col.ord_to_bytes(ord, &mut buf)?;
            own.extend(
                buf.chunks_exact(8)
                    .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))),
            );
        }
        let at = keys
            .append(&own)
            .context("writing the line keys to a temporary file")?;
        out.push(KeysAt::new(at, own.len()));
    }
    Ok(out)
}

pub(super) fn load(
    cand: &Candidate,
    max_size: u64,
) -> Result<(Text, FileFacts, Option<corpus::Page>), Skipped> {
    let raw = corpus::read(cand, max_size)?;
    let facts = FileFacts {
        size: cand.size,
        mtime_ns: cand.mtime_ns,
        hash: xxh3_64(&raw.bytes),
        ..FileFacts::default()
    };
    let (text, page) =
        corpus::decode_article(&cand.path, &raw.bytes).map_err(|(reason, detail)| Skipped {
            path: cand.path.clone(),
            reason,
            detail,
            leads_to: None,
        })?;
    Ok((text, facts, page))
}

/// Where an article's line keys lie in the run's [`Keys`].
#[derive(Debug, Clone, Copy)]
pub(super) struct KeysAt {
    at: u64,
    len: u32,
}

impl KeysAt {
    fn new(at: u64, len: usize) -> KeysAt {
        KeysAt {
            at,
            len: u32::try_from(len).unwrap_or(u32::MAX),
        }
    }

    /// Reads them into `out`.
    pub fn read(self, keys: &Keys, out: &mut Vec<u64>) -> std::io::Result<()> {
        keys.read(self.at, self.len as usize, out)
    }
}

/// (The last part: what an HTML page's meta tags said.)
pub(super) type Cached = (
    clean::Packed,
    Option<&'static str>,
    FileFacts,
    Option<corpus::Page>,
);

/// Memory for prepared texts kept (packed) between the two passes: beyond it, pass 2
/// reads and prepares again. At 16× the benchmark corpus, 128 MB of unpacked lines held
/// about 60 % as many articles as this, in about as much memory (peak RSS 721 MB then,
/// 743 MB with this budget packed; 33.1 s then, 30.1 s; 105,360 Reuters stories: 20.5 s,
/// 19.6 s).
const CACHE_BYTES: usize = 64 << 20;
