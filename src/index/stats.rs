//! What an index holds, in numbers: articles and the files they came from, sources, the
//! date range, languages, size on disk, and the boilerplate the cleaner removed, by rule.
//!
//! Counted in one pass over the stored articles (the removal reports live only there),
//! holding one article at a time.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use jiff::civil::Date;

use super::Index;
use super::stories::Copies;

/// A value and how many articles have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The value (a source name, a language code, a rule id).
    pub value: String,
    /// Articles (for rules: removed lines).
    pub count: usize,
}

/// The dates of the indexed articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    /// The earliest publication date.
    pub first: Option<Date>,
    /// The latest publication date.
    pub last: Option<Date>,
    /// Articles with a known date.
    pub dated: usize,
    /// Articles without one.
    pub undated: usize,
}

/// The numbers of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles indexed.
    pub articles: usize,
    /// Stories they tell, copies of one story counted once (`None` when not counted:
    /// `--copies all`).
    pub stories: Option<usize>,
    /// Files they came from (a file of JSON records counts once).
    pub files: usize,
    /// Distinct sources.
    pub distinct_sources: usize,
    /// Articles without a known source.
    pub without_source: usize,
    /// The most frequent sources, most articles first.
    pub sources: Vec<Count>,
    /// Publication dates.
    pub dates: Dates,
    /// Languages (ISO 639-3), most articles first.
    pub languages: Vec<Count>,
    /// Bytes the index takes on disk.
    pub index_bytes: u64,
    /// Boilerplate lines removed, in all.
    pub removed_lines: usize,
    /// Articles that had any removed.
    pub articles_with_removed: usize,
    /// The rules that removed most lines, most first.
    pub removed_rules: Vec<Count>,
}

impl Index {
    /// Counts the articles (and with [`Copies::Fold`] the stories), listing the `top`
    /// most frequent sources, languages and rules.
    pub fn stats(&self, top: usize, copies: Copies) -> anyhow::Result<Stats> {
        let mut s = stats(self, top)?;
        if copies == Copies::Fold {
            s.stories = Some(self.stories(&tantivy::query::AllQuery, copies)?.len());
        }
        Ok(s)
    }
}

fn stats(opened: &Index, top: usize) -> anyhow::Result<Stats> {
    let mut s = Stats::default();
    let mut files: HashSet<Vec<u8>> = HashSet::new();
    let mut sources: HashMap<String, usize> = HashMap::new();
    let mut languages: HashMap<String, usize> = HashMap::new();
    let mut rules: HashMap<String, usize> = HashMap::new();
    opened.each_article(|a| {
        s.articles += 1;
        let raw = crate::corpus::path::path_bytes(&a.path);
        let file = crate::corpus::records::split_record_path(raw).map_or(raw, |(f, _)| f);
        if !files.contains(file) {
            files.insert(file.to_vec());
        }
        let m = &a.stored.meta;
        match &m.source {
            Some(src) => *sources.entry(src.clone()).or_default() += 1,
            None => s.without_source += 1,
        }
        // A date the index cannot hold (a typo such as 2300) counts as unknown, as it
        // does to filters, facets and the timeline.
        let held = m.date.filter(|d| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .is_ok_and(|z| super::schema::index_date(z.timestamp().as_second()).is_some())
        });
        match held {
            Some(d) => {
                s.dates.dated += 1;
                s.dates.first = Some(s.dates.first.map_or(d, |f| f.min(d)));
                s.dates.last = Some(s.dates.last.map_or(d, |l| l.max(d)));
            }
            None => s.dates.undated += 1,
        }
        *languages
            .entry(m.lang.clone().unwrap_or_else(|| "unknown".into()))
            .or_default() += 1;
        let removed = a.stored.removed.len();
        s.removed_lines += removed;
        if removed > 0 {
            s.articles_with_removed += 1;
        }
        for (_, rule, _) in &a.stored.removed {
            *rules.entry(rule.clone()).or_default() += 1;
        }
    })?;
    s.files = files.len();
    s.distinct_sources = sources.len();
    s.sources = most(sources, top);
    s.languages = most(languages, top);
    s.removed_rules = most(rules, top);
    s.index_bytes = dir_size(&opened.dir)?;
    Ok(s)
}

/// The `top` largest counts, ties by value.
fn most(counts: HashMap<String, usize>, top: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(value, count)| Count { value, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(top);
    v
}

/// The bytes of the files in an index folder (tantivy keeps no subfolders).
fn dir_size(dir: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let meta = entry?.metadata()?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}
