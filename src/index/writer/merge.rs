//! The end of a run: merging the segments it left, and handing freed memory back first.

use anyhow::Context;
use tantivy::IndexWriter;

/// After a run: every segment costs a search its own files to open, so segments are merged
/// into as few as make sense: one for an index of up to `group` articles, else
/// groups of about that size (so one merge never maps more than that much of the index,
/// which bounds the memory a run needs). Segments holding deleted or replaced articles are
/// always rewritten: their words still count in the ranking statistics until a merge drops
/// them. Up to `at_once` (one or two) groups are merged side by side.
pub(super) fn final_merges(
    index: &tantivy::Index,
    writer: &mut IndexWriter,
    group: usize,
    at_once: usize,
) -> anyhow::Result<()> {
    let mut metas = index
        .searchable_segment_metas()
        .context("reading the index's segments")?;
    // Smallest first, so small segments gather into groups.
    metas.sort_by_key(|m| m.num_docs());
    let mut groups: Vec<Vec<tantivy::index::SegmentId>> = Vec::new();
    let mut current: Vec<tantivy::index::SegmentId> = Vec::new();
    let mut size = 0usize;
    let mut dirty = false;
    for m in &metas {
        let n = m.num_docs() as usize;
        if !current.is_empty() && size + n > group {
            if current.len() > 1 || dirty {
                groups.push(std::mem::take(&mut current));
            }
            current.clear();
            size = 0;
            dirty = false;
        }
        current.push(m.id());
        size += n;
        dirty |= m.has_deletes();
    }
    if current.len() > 1 || dirty {
        groups.push(current);
    }
    // Live segment metas keep their files from garbage collection.
    drop(metas);
    if groups.is_empty() {
        return Ok(());
    }
    // The writer has no merge policy of its own to race with these merges. A merge is
    // one thread's work, so two groups are merged side by side (at 16x the benchmark
    // corpus: 1.8 s instead of 3.2 s, 50 MB more memory). More are merged one by one: a
    // merge reads its segments through memory maps, and two at a time at a million
    // articles took the run's peak memory from 875 to 993 MB.
    if groups.len() <= at_once.min(2) {
        let merges: Vec<_> = groups.iter().map(|g| writer.merge(g)).collect();
        for merge in merges {
            merge.wait().context("merging the index's segments")?;
        }
    } else {
        for group in groups {
            writer
                .merge(&group)
                .wait()
                .context("merging the index's segments")?;
            // What a merge allocated is free once it is done; the next one starts clean.
            release_freed_memory();
        }
    }
    Ok(())
}

/// Hands the heap memory the run has freed back to the system. glibc's allocator keeps
/// freed blocks for reuse, so the prepared articles kept between the passes, freed before
/// the merges, still counted in the process's memory while the merges mapped the index:
/// the runs peaked there, at 800 MB on the 105,360 Reuters business stories and 790 MB
/// at 16× the benchmark corpus, against 533 and 488 MB (in pass 2) with the memory
/// handed back.
pub(super) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers; it only returns free heap pages to the
    // kernel, and allocations still in use are untouched.
    unsafe {
        libc::malloc_trim(0);
    }
}
