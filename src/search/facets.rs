//! Facets: the values of a metadata field with the number of articles holding each
//! (`newsq facets source`), over the whole index or the articles a query matches.

use std::collections::{BTreeMap, HashSet};

use tantivy::collector::DocSetCollector;
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use crate::index::{Fields, Index};

/// A field that has facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetField {
    /// Publisher.
    Source,
    /// Author.
    Author,
    /// Tag.
    Tag,
    /// Section.
    Section,
    /// Dateline place.
    Place,
    /// Body language.
    Lang,
    /// Publication year.
    Year,
}

impl FacetField {
    /// Every facet field, with its name on the command line.
    pub const ALL: &[(&'static str, FacetField)] = &[
        ("source", FacetField::Source),
        ("author", FacetField::Author),
        ("tag", FacetField::Tag),
        ("section", FacetField::Section),
        ("place", FacetField::Place),
        ("lang", FacetField::Lang),
        ("year", FacetField::Year),
    ];

    /// Looks a facet field up by name (singular or plural).
    pub fn parse(name: &str) -> Option<FacetField> {
        let n = name.to_ascii_lowercase();
        let n = n.strip_suffix('s').unwrap_or(&n);
        Self::ALL.iter().find(|(k, _)| *k == n).map(|(_, f)| *f)
    }

    fn column(self, fields: &Fields) -> Option<tantivy::schema::Field> {
        Some(match self {
            FacetField::Source => fields.source_facet,
            FacetField::Author => fields.author_facet,
            FacetField::Tag => fields.tag_facet,
            FacetField::Section => fields.section_facet,
            FacetField::Place => fields.place_facet,
            FacetField::Lang => fields.lang,
            FacetField::Year => return None,
        })
    }
}

/// Values and article counts, most frequent first (ties by value).
pub fn count(
    opened: &Index,
    field: FacetField,
    query: Option<&dyn Query>,
) -> anyhow::Result<Vec<(String, u64)>> {
    let searcher = opened.searcher();
    let matching: Option<HashSet<DocAddress>> = match query {
        Some(q) => Some(searcher.search(q, &DocSetCollector)?),
        None => None,
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let keep = |doc: u32| {
            !reader.is_deleted(doc)
                && matching
                    .as_ref()
                    .is_none_or(|m| m.contains(&DocAddress::new(ord as u32, doc)))
        };
        match field.column(opened.fields()) {
            Some(f) => {
                let name = searcher.schema().get_field_name(f);
                let Some(col) = reader.fast_fields().str(name)? else {
                    continue;
                };
                let mut value = String::new();
                for doc in 0..reader.max_doc() {
                    if !keep(doc) {
                        continue;
                    }
                    let mut ords: Vec<u64> = col.term_ords(doc).collect();
                    ords.sort_unstable();
                    ords.dedup();
                    for o in ords {
                        value.clear();
                        col.ord_to_str(o, &mut value)?;
                        *counts.entry(value.clone()).or_default() += 1;
                    }
                }
            }
            None => year_counts(&searcher, reader, opened.fields(), &keep, &mut counts)?,
        }
    }
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

fn year_counts(
    searcher: &Searcher,
    reader: &tantivy::SegmentReader,
    fields: &Fields,
    keep: &dyn Fn(u32) -> bool,
    counts: &mut BTreeMap<String, u64>,
) -> anyhow::Result<()> {
    let name = searcher.schema().get_field_name(fields.date);
    let col = reader.fast_fields().date(name)?;
    for doc in 0..reader.max_doc() {
        if !keep(doc) {
            continue;
        }
        let key = match col.first(doc) {
            Some(d) => jiff::Timestamp::from_second(d.into_timestamp_secs())
                .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).year().to_string())
                .unwrap_or_else(|_| "(no date)".into()),
            None => "(no date)".into(),
        };
        *counts.entry(key).or_default() += 1;
    }
    Ok(())
}
