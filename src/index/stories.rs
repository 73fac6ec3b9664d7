//! Stories: the articles a query matches, grouped so that the copies of one story
//! (syndicated, re-posted, republished with another headline) count once, in the story's
//! earliest dated copy. Read from fast fields alone (dates, paths, MinHash signatures):
//! no stored document is read, so a timeline over a million matches stays fast.
//!
//! Two articles are copies when the later one copies the story's first copy by the test
//! `search` folds hits with (`clean::similarity` at least [`COPY_SIMILARITY`] and the same
//! figures). Comparing every match with every story would be quadratic; instead each
//! story's signature is filed under bands of its MinHash values (locality-sensitive
//! hashing), and an article is compared only with the stories it shares a band with.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::Index;
use crate::clean::Signature;

/// Copies of one story share at least this much: the estimated share of the shorter
/// text's word 3-shingles found in the longer (see `examples/dup_eval.rs`). They must
/// also carry the same figures ([`crate::clean::figures_agree`]).
pub const COPY_SIMILARITY: f32 = 0.6;

/// Whether the article with signature `a` is a copy of the story whose first copy has `b`.
pub fn copies(a: &Signature, b: &Signature) -> bool {
    crate::clean::similarity(a, b) >= COPY_SIMILARITY && crate::clean::figures_agree(a, b)
}

/// Whether copies of one story count once or each article counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Copies {
    /// Copies of one story count once (in the story's earliest dated copy).
    #[default]
    Fold,
    /// Every article counts as a story of its own.
    All,
}

impl Copies {
    /// The word the outputs use: `fold` or `all`.
    pub fn name(self) -> &'static str {
        match self {
            Copies::Fold => "fold",
            Copies::All => "all",
        }
    }
}

/// A day as the index keeps dates: days since 1970-01-01 (UTC midnight of the calendar
/// date the article carries).
pub type Day = i32;

/// One matching article.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// Where the article is in the index.
    pub addr: DocAddress,
    /// Its publication day, when it has one.
    pub day: Option<Day>,
    /// The story it belongs to (an index into [`Stories::heads`]).
    pub story: u32,
}

/// The matching articles in the order of their dates (then paths; undated ones last),
/// each with its story.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    members: Vec<Member>,
    heads: Vec<u32>,
}

impl Stories {
    /// Every matching article, earliest first.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The first copy of each story (an index into [`Stories::members`]), in the order
    /// of the members: story `s` starts at `members()[heads()[s]]`.
    pub fn heads(&self) -> &[u32] {
        &self.heads
    }

    /// The number of stories.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The first copy of story `s`.
    pub fn head(&self, s: u32) -> &Member {
        &self.members[self.heads[s as usize] as usize]
    }
}

/// Days from seconds since 1970 (dates are indexed as the UTC midnight of their day).
pub fn day_of(secs: i64) -> Day {
    secs.div_euclid(86_400)
        .clamp(Day::MIN as i64, Day::MAX as i64 - 1) as Day
}

/// Bands of MinHash values an article is filed under: a copy shares at least one with its
/// story's first copy with high probability (two values a band: a pair agreeing on 40 %
/// of the values shares a band with probability 1 - (1 - 0.4²)¹⁶ = 94 %). Against the
/// exhaustive fold (every match compared with every story before it; `examples/
/// fold_eval.rs`), 99.58 % of the matches of the 193 news queries and 99.47 % of the 200
/// Reuters business queries land in the same story, and there are 0.40 % and 0.52 % more
/// stories. Bands of one value each agreed 99.9 %, but the values are the top 16 bits of
/// minima, crowded near zero: their bands held so many stories that a timeline of "said"
/// on the 105k stories took 2.7 s instead of 0.2 s.
const BANDS: usize = crate::clean::MINHASH_LEN / 2;

/// Stories compared per band at most: daily reports on one template ("The Fed added 1.5
/// billion dlrs ...") share bands but not figures, and are each a story of their own; an
/// unbounded comparison with all of them would be quadratic.
const MAX_PER_BAND: usize = 64;

impl Index {
    /// The articles `query` matches, grouped into stories (or, with [`Copies::All`], each
    /// its own story).
    pub fn stories(&self, query: &dyn Query, copies: Copies) -> anyhow::Result<Stories> {
        let searcher = self.searcher();
        let schema = searcher.schema();
        let names = Columns {
            date: schema.get_field_name(self.fields.date).to_owned(),
            path: schema.get_field_name(self.fields.path_raw).to_owned(),
            minhash: schema.get_field_name(self.fields.minhash).to_owned(),
        };
        let found = searcher.search(query, &names)?;
        let mut raw: Vec<Raw> = found.into_iter().flatten().collect();
        // Paths break ties of dates, so that the first copy does not depend on how the
        // index is split into segments: read them in dictionary order, per segment.
        let mut paths: Vec<Vec<u8>> = vec![Vec::new(); raw.len()];
        let mut signatures: Vec<Option<Signature>> = vec![None; raw.len()];
        let mut by_segment: Vec<usize> = (0..raw.len()).collect();
        by_segment.sort_unstable_by_key(|&i| (raw[i].addr.segment_ord, raw[i].path_ord));
        for group in
            by_segment.chunk_by(|&a, &b| raw[a].addr.segment_ord == raw[b].addr.segment_ord)
        {
            let reader = searcher.segment_reader(raw[group[0]].addr.segment_ord);
            if let Some(col) = reader.fast_fields().bytes(&names.path)? {
                let with: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&i| raw[i].path_ord != u64::MAX)
                    .collect();
                let ords: Vec<u64> = with.iter().map(|&i| raw[i].path_ord).collect();
                let mut next = with.iter();
                col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(&i) = next.next() {
                        paths[i] = bytes.to_vec();
                    }
                })?;
            }
            if copies == Copies::Fold
                && let Some(col) = reader.fast_fields().bytes(&names.minhash)?
            {
                let mut with: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&i| raw[i].sig_ord != u64::MAX)
                    .collect();
                with.sort_unstable_by_key(|&i| raw[i].sig_ord);
                let ords: Vec<u64> = with.iter().map(|&i| raw[i].sig_ord).collect();
                let mut next = with.iter();
                col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(&i) = next.next() {
                        signatures[i] = crate::clean::signature_from_bytes(bytes);
                    }
                })?;
            }
        }
        let mut order: Vec<usize> = (0..raw.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            (raw[a].day, &paths[a], raw[a].addr).cmp(&(raw[b].day, &paths[b], raw[b].addr))
        });
        drop(paths);
        let mut members = Vec::with_capacity(raw.len());
        let mut heads = Vec::new();
        let mut fold = Fold::default();
        if copies == Copies::Fold {
            // Most matches start a story of their own: room for all their bands at once.
            fold.bands.reserve(raw.len() * BANDS);
            fold.chain.reserve(raw.len() * BANDS);
        }
        for i in order {
            let r = &mut raw[i];
            let story = match copies {
                Copies::All => None,
                Copies::Fold => signatures[i]
                    .as_ref()
                    .and_then(|s| fold.story_of(s, heads.len() as u32)),
            };
            let story = story.unwrap_or_else(|| {
                heads.push(members.len() as u32);
                heads.len() as u32 - 1
            });
            members.push(Member {
                addr: r.addr,
                day: (r.day != Day::MAX).then_some(r.day),
                story,
            });
        }
        Ok(Stories { members, heads })
    }
}

/// Band keys are MinHash values, already uniform: hashing them again with SipHash was a
/// quarter of a timeline's time. One multiply spreads the band number into the key.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ key >> 29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Keys = std::hash::BuildHasherDefault<KeyHasher>;

impl Index {
    /// How many articles `query` matches on each day (undated ones left out): the
    /// dates alone, without the paths and signatures a fold needs.
    pub fn days(&self, query: &dyn Query) -> anyhow::Result<HashMap<Day, u64>> {
        let searcher = self.searcher();
        let date = searcher
            .schema()
            .get_field_name(self.fields.date)
            .to_owned();
        let mut out: HashMap<Day, u64> = HashMap::new();
        for segment in searcher.search(query, &DayCounts { date })? {
            for (day, n) in segment {
                *out.entry(day).or_default() += n;
            }
        }
        Ok(out)
    }
}

/// Counts the matches of each day in a segment.
struct DayCounts {
    date: String,
}

struct SegmentDays {
    date: tantivy::columnar::Column<tantivy::DateTime>,
    counts: HashMap<Day, u64>,
}

impl Collector for DayCounts {
    type Fruit = Vec<HashMap<Day, u64>>;
    type Child = SegmentDays;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays {
            date: reader.fast_fields().date(&self.date)?,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<Day, u64>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentDays {
    type Fruit = HashMap<Day, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(d) = self.date.first(doc) {
            *self
                .counts
                .entry(day_of(d.into_timestamp_secs()))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> HashMap<Day, u64> {
        self.counts
    }
}

/// The stories formed so far, their first copies' signatures filed by band.
#[derive(Default)]
struct Fold {
    signatures: Vec<Option<Signature>>,
    /// Band key to the last entry of its list in `chain`.
    bands: HashMap<u64, u32, Keys>,
    /// (story, previous entry of the same band, or `u32::MAX`).
    chain: Vec<(u32, u32)>,
}

impl Fold {
    /// The earliest story `sig` copies; when none, files `sig` as the first copy of story
    /// `new` and returns `None`.
    fn story_of(&mut self, sig: &Signature, new: u32) -> Option<u32> {
        let keys = band_keys(sig);
        let mut best: Option<u32> = None;
        if let Some(keys) = &keys {
            for key in keys {
                let mut at = self.bands.get(key).copied().unwrap_or(u32::MAX);
                let mut seen = 0;
                while at != u32::MAX && seen < MAX_PER_BAND {
                    let (story, prev) = self.chain[at as usize];
                    if best.is_none_or(|b| story < b)
                        && self.signatures[story as usize]
                            .as_ref()
                            .is_some_and(|head| copies(sig, head))
                    {
                        best = Some(story);
                    }
                    at = prev;
                    seen += 1;
                }
            }
        }
        if best.is_some() {
            return best;
        }
        debug_assert_eq!(self.signatures.len(), new as usize);
        self.signatures.push(Some(*sig));
        for key in keys.into_iter().flatten() {
            let prev = self.bands.insert(key, self.chain.len() as u32);
            self.chain.push((new, prev.unwrap_or(u32::MAX)));
        }
        None
    }
}

/// The band keys of a signature; none for the signature of a text without words (it is
/// nobody's copy).
fn band_keys(sig: &Signature) -> Option<[u64; BANDS]> {
    let mins = sig.mins()?;
    let mut keys = [0u64; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        *key = (b as u64) << 32 | u64::from(mins[2 * b]) << 16 | u64::from(mins[2 * b + 1]);
    }
    Some(keys)
}

/// A match as read from its segment's columns (`u64::MAX`: no value).
struct Raw {
    addr: DocAddress,
    day: Day,
    path_ord: u64,
    sig_ord: u64,
}

/// Collects every match with its date and the ordinals of its path and signature.
struct Columns {
    date: String,
    path: String,
    minhash: String,
}

struct SegmentColumns {
    segment: SegmentOrdinal,
    date: tantivy::columnar::Column<tantivy::DateTime>,
    path: Option<tantivy::columnar::BytesColumn>,
    minhash: Option<tantivy::columnar::BytesColumn>,
    found: Vec<Raw>,
}

impl Collector for Columns {
    type Fruit = Vec<Vec<Raw>>;
    type Child = SegmentColumns;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentColumns> {
        let fast = reader.fast_fields();
        Ok(SegmentColumns {
            segment,
            date: fast.date(&self.date)?,
            path: fast.bytes(&self.path)?,
            minhash: fast.bytes(&self.minhash)?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Raw>>) -> tantivy::Result<Vec<Vec<Raw>>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentColumns {
    type Fruit = Vec<Raw>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let ord = |col: &Option<tantivy::columnar::BytesColumn>| {
            col.as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .unwrap_or(u64::MAX)
        };
        self.found.push(Raw {
            addr: DocAddress::new(self.segment, doc),
            day: self
                .date
                .first(doc)
                .map_or(Day::MAX, |d| day_of(d.into_timestamp_secs())),
            path_ord: ord(&self.path),
            sig_ord: ord(&self.minhash),
        });
    }

    fn harvest(self) -> Vec<Raw> {
        self.found
    }
}
