//! Facets: the values of a metadata field with the number of articles holding each
//! (`newsq facets source`), over the whole index or the articles a query matches.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::query::Query;

use crate::index::stories::{Copies, Day, Stories, day_of};
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

/// Values and their counts, most frequent first (ties by value; years in order): articles, or with
/// [`Copies::Fold`] stories, each story counted once per value among its copies (for the
/// year, the year of its first dated copy).
pub fn count(
    opened: &Index,
    field: FacetField,
    query: Option<&dyn Query>,
    copies: Copies,
) -> anyhow::Result<Vec<(String, u64)>> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    if query.is_none() && copies == Copies::All {
        whole_index(opened, field, &mut counts)?;
    } else {
        let all = tantivy::query::AllQuery;
        let stories = opened.stories(query.unwrap_or(&all), copies)?;
        let values = member_values(opened, &stories, field)?;
        let mut seen: HashSet<(u32, u32)> = HashSet::new();
        let mut per_value = vec![0u64; values.names.len()];
        for (i, m) in stories.members().iter().enumerate() {
            // A story's year is that of its first copy (the first member of the story).
            if field == FacetField::Year && copies == Copies::Fold && seen_story(&mut seen, m.story)
            {
                continue;
            }
            for &v in &values.of[i] {
                if copies == Copies::All || field == FacetField::Year || seen.insert((m.story, v)) {
                    per_value[v as usize] += 1;
                }
            }
        }
        for (name, n) in values.names.into_iter().zip(per_value) {
            if n > 0 {
                counts.insert(name, n);
            }
        }
    }
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    if field == FacetField::Year {
        // Years read in the calendar's order, the undated last.
        out.sort_by_key(|(v, _)| (v == NO_DATE, v.parse::<i64>().unwrap_or(i64::MAX)));
    } else {
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    Ok(out)
}

/// Whether story `s` was met before (and marks it met), apart from the value pairs.
fn seen_story(seen: &mut HashSet<(u32, u32)>, s: u32) -> bool {
    !seen.insert((s, u32::MAX))
}

/// Every article's values, read once per segment: the fast path of facets over a whole
/// index with copies counted.
fn whole_index(
    opened: &Index,
    field: FacetField,
    counts: &mut BTreeMap<String, u64>,
) -> anyhow::Result<()> {
    let searcher = opened.searcher();
    for reader in searcher.segment_readers() {
        let keep = |doc: u32| !reader.is_deleted(doc);
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
            None => {
                let name = searcher.schema().get_field_name(opened.fields().date);
                let col = reader.fast_fields().date(name)?;
                for doc in 0..reader.max_doc() {
                    if keep(doc) {
                        let key =
                            year_label(col.first(doc).map(|d| day_of(d.into_timestamp_secs())));
                        *counts.entry(key).or_default() += 1;
                    }
                }
            }
        }
    }
    Ok(())
}

/// What a year facet calls an article without a date.
pub const NO_DATE: &str = "(no date)";

fn year_label(day: Option<Day>) -> String {
    match day {
        Some(d) => super::timeline::date_of(d).year().to_string(),
        None => NO_DATE.to_owned(),
    }
}

/// The values of `field` of every member of `stories`: value ids per member (none for
/// an article without a value; the year facet gives undated articles [`NO_DATE`]).
#[derive(Debug, Default)]
pub(crate) struct MemberValues {
    /// The distinct values.
    pub names: Vec<String>,
    /// Per member (in the order of [`Stories::members`]), its distinct value ids.
    pub of: Vec<Vec<u32>>,
}

pub(crate) fn member_values(
    opened: &Index,
    stories: &Stories,
    field: FacetField,
) -> anyhow::Result<MemberValues> {
    let members = stories.members();
    let mut out = MemberValues {
        names: Vec::new(),
        of: vec![Vec::new(); members.len()],
    };
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut id_of = |name: String, names: &mut Vec<String>| -> u32 {
        *ids.entry(name).or_insert_with_key(|n| {
            names.push(n.clone());
            names.len() as u32 - 1
        })
    };
    let Some(f) = field.column(opened.fields()) else {
        for (i, m) in members.iter().enumerate() {
            out.of[i].push(id_of(year_label(m.day), &mut out.names));
        }
        return Ok(out);
    };
    let searcher = opened.searcher();
    let name = searcher.schema().get_field_name(f);
    let mut by_segment: Vec<usize> = (0..members.len()).collect();
    by_segment.sort_unstable_by_key(|&i| members[i].addr.segment_ord);
    for group in
        by_segment.chunk_by(|&a, &b| members[a].addr.segment_ord == members[b].addr.segment_ord)
    {
        let reader = searcher.segment_reader(members[group[0]].addr.segment_ord);
        let Some(col) = reader.fast_fields().str(name)? else {
            continue;
        };
        // Each ordinal decoded once per segment.
        let mut local: HashMap<u64, u32> = HashMap::new();
        let mut value = String::new();
        for &i in group {
            for o in col.term_ords(members[i].addr.doc_id) {
                let id = match local.get(&o) {
                    Some(&id) => id,
                    None => {
                        value.clear();
                        col.ord_to_str(o, &mut value)?;
                        let id = id_of(value.clone(), &mut out.names);
                        local.insert(o, id);
                        id
                    }
                };
                if !out.of[i].contains(&id) {
                    out.of[i].push(id);
                }
            }
        }
    }
    Ok(out)
}
