//! The read pass: every new or changed file read and prepared once, for its line keys
//! (the corpus's template lines are counted from them before anything is cleaned); the
//! prepared texts are kept, packed, for the write pass while they fit a budget.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::{BuildOptions, Entry, Progress};
use crate::clean;
use crate::corpus::path::path_bytes;
use crate::corpus::{self, Candidate, Skipped, Text};
use crate::index::Fields;
use crate::index::schema::FileFacts;

/// Reads the files of `to_read` (in parallel): one entry each, `None` for a file that
/// could not be read (the write pass tries it again and reports why).
pub(super) fn read(
    to_read: &[&(PathBuf, &Candidate)],
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Vec<Option<Loaded>> {
    let budget = AtomicUsize::new(CACHE_BYTES);
    to_read
        .par_iter()
        .map(|(_, cand)| {
            let loaded = load(cand, opts.max_file_size).ok().map(|(text, facts, p)| {
                let prepared = clean::prepare(&text.text);
                let keys = prepared.keys();
                // Packed only while the budget lasts: packing copies the text once more.
                let packed = (budget.load(Ordering::Relaxed) > 0)
                    .then(|| prepared.pack())
                    .flatten()
                    .filter(|packed| {
                        let size = packed.memory_bytes()
                            + std::mem::size_of::<Cached>()
                            + clean::ALLOCATION_OVERHEAD;
                        budget
                            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                                b.checked_sub(size)
                            })
                            .is_ok()
                    });
                let encoding = text.converted.then_some(text.encoding);
                Loaded {
                    keys,
                    cached: Mutex::new(packed.map(|packed| Box::new((packed, encoding, facts, p)))),
                }
            });
            progress.advance(1);
            loaded
        })
        .collect()
}

/// Stored line keys of the unchanged articles, in their order.
pub(super) fn stored_line_keys(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    manifest: &HashMap<Vec<u8>, Entry>,
    unchanged: &[&(PathBuf, &Candidate)],
) -> anyhow::Result<Vec<Vec<u64>>> {
    let name = searcher
        .schema()
        .get_field_name(fields.line_keys)
        .to_owned();
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        columns.push(reader.fast_fields().bytes(&name)?);
    }
    let mut out = Vec::with_capacity(unchanged.len());
    let mut buf = Vec::new();
    for (key, _) in unchanged {
        let e = &manifest[path_bytes(key)];
        let mut keys = Vec::new();
        if let Some(col) = &columns[e.segment as usize]
            && let Some(ord) = col.term_ords(e.doc).next()
        {
            buf.clear();
            col.ord_to_bytes(ord, &mut buf)?;
            keys = buf
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect();
        }
        out.push(keys);
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

/// What pass 1 learned about a file: its line keys (until they move to the counter), and
/// its prepared lines (with the encoding it was read in) while the cache lasts.
pub(super) struct Loaded {
    pub keys: Vec<u64>,
    // Boxed: a file's entry lives for the whole run, and the tuple inline (a page's
    // metadata above all) made every entry a few hundred bytes, cached or not: 300 MB at
    // a million files.
    pub cached: Mutex<Option<Box<Cached>>>,
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
const CACHE_BYTES: usize = 192 << 20;
