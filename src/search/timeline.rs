//! The coverage timeline: for each day, week, month or year, how many stories a query
//! matches (copies folded into their earliest copy) and how many articles, against all the
//! dated articles of that period; split by source (or author, section, tag, language);
//! the period where coverage jumped; and each story's first copy with the sources that
//! followed it.
//!
//! Everything but the listed first copies is read from fast fields ([`Index::stories`]),
//! so a timeline over a million matches answers in well under a second.
//!
//! Dates are calendar days as the articles carry them (a time with its own UTC offset
//! keeps its own local date when it is read), so buckets follow the calendar the articles
//! were dated in: ISO weeks (from Monday; 2021-01-01 is in 2020-W53), months of their own
//! lengths, leap days.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, tz::TimeZone};

use super::facets::FacetField;
use super::request::Request;
use crate::index::Index;
use crate::index::stories::{Copies, Day, Stories, day_of};

/// The length of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl By {
    /// The name the outputs use (`month`).
    pub fn name(self) -> &'static str {
        match self {
            By::Day => "day",
            By::Week => "week",
            By::Month => "month",
            By::Year => "year",
        }
    }

    /// The bucket length that shows a span of `days` days in a readable number of rows.
    pub fn for_span(days: i64) -> By {
        if days <= 62 {
            By::Day
        } else if days <= 731 {
            By::Week
        } else if days <= 10_980 {
            By::Month
        } else {
            By::Year
        }
    }

    /// The first day of the bucket holding `d`.
    pub fn start(self, d: Date) -> Date {
        match self {
            By::Day => d,
            By::Week => d
                .checked_sub(i64::from(d.weekday().to_monday_zero_offset()).days())
                .unwrap_or(d),
            By::Month => d.first_of_month(),
            By::Year => d.first_of_year(),
        }
    }

    /// The first day of the next bucket after the one starting at `start`.
    fn next(self, start: Date) -> Option<Date> {
        let span = match self {
            By::Day => 1.day(),
            By::Week => 1.week(),
            By::Month => 1.month(),
            By::Year => 1.year(),
        };
        start.checked_add(span).ok()
    }

    /// The bucket's label: `2024-02-29`, `2020-W53`, `2024-02`, `2024`.
    pub fn label(self, start: Date) -> String {
        match self {
            By::Day => start.to_string(),
            By::Week => {
                let w = start.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            By::Month => format!("{:04}-{:02}", start.year(), start.month()),
            By::Year => format!("{:04}", start.year()),
        }
    }
}

/// A timeline as asked.
#[derive(Debug, Clone, Default)]
pub struct TimelineRequest {
    /// The query, its filters (`--since`/`--until` also bound the buckets), and whether
    /// copies fold (`options.collapse`); its other options do not apply.
    pub request: Request,
    /// The bucket length; `None` chooses one from the span of the matches.
    pub by: Option<By>,
    /// One series per value of this field.
    pub split: Option<FacetField>,
    /// Series kept with `split` (the rest is "other").
    pub top: usize,
    /// List this many stories' first copies.
    pub first: usize,
}

/// One series' numbers in a bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Stories (each counted in the bucket of its earliest copy).
    pub stories: u64,
    /// Articles.
    pub articles: u64,
}

/// One period.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// `2024-02`, `2020-W53`, ...
    pub label: String,
    /// Its first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
    /// Matching stories and articles.
    pub counts: Counts,
    /// All dated articles of the period that pass the filters (the query aside).
    pub dated: u64,
    /// With a split: the series' numbers, in the order of [`Timeline::series`].
    pub series: Vec<Counts>,
}

impl Bucket {
    /// The share of the period's dated articles that match; `None` when it has none.
    pub fn share(&self) -> Option<f64> {
        (self.dated > 0).then(|| self.counts.articles as f64 / self.dated as f64)
    }
}

/// Where coverage rose most against the buckets before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jump {
    /// The bucket (an index into [`Timeline::buckets`]).
    pub bucket: usize,
    /// Mean stories a bucket in the buckets compared with.
    pub baseline: f64,
    /// How many buckets before it were compared with (1 to 3).
    pub before: usize,
}

/// A story's first copy and the copies after it.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstCopy {
    /// Its date.
    pub date: Option<Date>,
    /// Its path, as indexed.
    pub path: PathBuf,
    /// Its headline.
    pub title: Option<String>,
    /// Its source.
    pub source: Option<String>,
    /// Articles of the story, the first included.
    pub copies: usize,
    /// The later copies, in date order.
    pub followers: Vec<Follower>,
}

/// A later copy of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct Follower {
    /// Its date.
    pub date: Option<Date>,
    /// Its source.
    pub source: Option<String>,
    /// Its path, as indexed.
    pub path: PathBuf,
}

/// A query's coverage over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The bucket length.
    pub by: By,
    /// Whether copies were folded.
    pub copies: Copies,
    /// Every bucket from the first to the last (empty ones too).
    pub buckets: Vec<Bucket>,
    /// The series' names with a split (the top values, then "other" when any is left).
    pub series: Vec<String>,
    /// Matches without a date.
    pub undated: Counts,
    /// All matches.
    pub total: Counts,
    /// The bucket with most stories (the earliest of equals).
    pub peak: Option<usize>,
    /// The bucket where coverage jumped.
    pub jump: Option<Jump>,
    /// The first copies asked for, earliest first.
    pub first: Vec<FirstCopy>,
    /// What was ignored or reinterpreted in the query.
    pub warnings: Vec<String>,
}

/// More buckets than this is a mistake of `--by` (a century by day).
pub const MAX_BUCKETS: usize = 100_000;

/// Buckets before a bucket that a rise is measured against.
const JUMP_WINDOW: usize = 3;

/// The value of an article without one, in a split.
pub const NO_VALUE: &str = "(none)";

/// The series of the values beyond the top ones.
pub const OTHER: &str = "other";

/// The calendar date of a day.
pub fn date_of(day: Day) -> Date {
    Timestamp::from_second(i64::from(day) * 86_400)
        .map(|t| t.to_zoned(TimeZone::UTC).date())
        .unwrap_or(Date::MIN)
}

/// The day of a calendar date.
pub fn day_of_date(d: Date) -> Day {
    d.to_zoned(TimeZone::UTC)
        .map(|z| day_of(z.timestamp().as_second()))
        .unwrap_or(0)
}

impl Index {
    /// The coverage timeline of a query.
    pub fn timeline(&self, asked: &TimelineRequest) -> anyhow::Result<Timeline> {
        let request = &asked.request;
        let copies = request.copies();
        let text = if request.text.trim().is_empty() {
            "*"
        } else {
            &request.text
        };
        let parsed = self.parse(text, request.strict, &request.filters)?;
        let stories = self.stories(parsed.query.as_ref(), copies)?;
        let filters = &request.filters;
        let dated_days = dated_days(self, filters)?;

        let matched: Vec<Day> = stories.members().iter().filter_map(|m| m.day).collect();
        let lo = filters
            .since
            .map(day_of_date)
            .or_else(|| matched.first().copied());
        let hi = filters
            .until
            .map(day_of_date)
            .or_else(|| matched.last().copied())
            .map(|h| lo.map_or(h, |l| h.max(l)));
        let by = asked.by.unwrap_or_else(|| match (lo, hi) {
            (Some(l), Some(h)) => By::for_span(i64::from(h) - i64::from(l)),
            _ => By::Month,
        });
        let starts = match (lo, hi) {
            (Some(l), Some(h)) => bucket_starts(by, date_of(l), date_of(h))?,
            _ => Vec::new(),
        };
        let index_of = |day: Day| -> Option<usize> {
            let start = by.start(date_of(day));
            starts.binary_search(&start).ok()
        };
        // Buckets are looked up per distinct day: a million matches fall on a few
        // thousand days.
        let mut memo: HashMap<Day, Option<usize>> = HashMap::new();
        let mut bucket_of = |day: Day| *memo.entry(day).or_insert_with(|| index_of(day));

        let series = match asked.split {
            Some(field) => Some(Series::new(self, &stories, field, asked.top)?),
            None => None,
        };
        let names = series.as_ref().map(|s| s.names.clone()).unwrap_or_default();
        let mut buckets: Vec<Bucket> = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts
                    .get(i + 1)
                    .copied()
                    .or_else(|| by.next(start))
                    .and_then(|n| n.yesterday().ok())
                    .unwrap_or(start);
                Bucket {
                    label: by.label(start),
                    start,
                    end,
                    counts: Counts::default(),
                    dated: 0,
                    series: vec![Counts::default(); names.len()],
                }
            })
            .collect();
        for (&day, &n) in &dated_days {
            if let Some(b) = bucket_of(day) {
                buckets[b].dated += n;
            }
        }
        let mut undated = Counts::default();
        let mut total = Counts::default();
        let mut seen_story = vec![false; stories.len()];
        let mut seen_series: std::collections::HashSet<(u32, usize)> = Default::default();
        for (i, m) in stories.members().iter().enumerate() {
            let first = !std::mem::replace(&mut seen_story[m.story as usize], true);
            total.articles += 1;
            total.stories += u64::from(first);
            let slot = match m.day.and_then(&mut bucket_of) {
                Some(b) => &mut buckets[b].counts,
                None if m.day.is_none() => &mut undated,
                // Dated, outside the asked buckets (cannot happen: the filters bound both).
                None => continue,
            };
            slot.articles += 1;
            slot.stories += u64::from(first);
            if let (Some(s), Some(b)) = (&series, m.day.and_then(&mut bucket_of)) {
                for &k in &s.of_member[i] {
                    let c = &mut buckets[b].series[k];
                    c.articles += 1;
                    c.stories += u64::from(seen_series.insert((m.story, k)));
                }
            }
        }
        let peak = peak(&buckets);
        let jump = jump(&buckets);
        let first = first_copies(self, &stories, asked.first)?;
        Ok(Timeline {
            by,
            copies,
            buckets,
            series: names,
            undated,
            total,
            peak,
            jump,
            first,
            warnings: parsed.warnings,
        })
    }
}

/// The first days of the buckets from the one holding `lo` to the one holding `hi`.
fn bucket_starts(by: By, lo: Date, hi: Date) -> anyhow::Result<Vec<Date>> {
    let mut out = Vec::new();
    let mut at = Some(by.start(lo));
    while let Some(start) = at.filter(|s| *s <= hi) {
        if out.len() == MAX_BUCKETS {
            anyhow::bail!(
                "{lo} to {hi} is more than {MAX_BUCKETS} {}s: choose a longer --by, or --since and --until",
                by.name()
            );
        }
        out.push(start);
        at = by.next(start);
    }
    Ok(out)
}

/// The dated articles per day that pass `filters` (the query aside).
fn dated_days(index: &Index, filters: &super::Filters) -> anyhow::Result<HashMap<Day, u64>> {
    let parsed = index.parse("*", false, filters)?;
    index.days(parsed.query.as_ref())
}

/// The bucket with most stories, the earliest of equals; none when no bucket has any.
fn peak(buckets: &[Bucket]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, b) in buckets.iter().enumerate() {
        if b.counts.stories > 0 && best.is_none_or(|p| b.counts.stories > buckets[p].counts.stories)
        {
            best = Some(i);
        }
    }
    best
}

/// Stories a period needs to be where coverage jumped: one or two stories out of nothing
/// are no jump.
const JUMP_MIN_STORIES: u64 = 3;

/// The period whose share of the dated articles rose most above the mean share of the
/// [`JUMP_WINDOW`] periods before it (shares, not counts, so that a corpus that grows, or
/// starts mid-year, does not look like a jump), among those with at least
/// [`JUMP_MIN_STORIES`] stories and more stories than the periods before averaged. The
/// first period has nothing before it to rise from: never a jump. `baseline` is the mean
/// of stories before, for the wording.
fn jump(buckets: &[Bucket]) -> Option<Jump> {
    let share = |b: &Bucket| b.share().unwrap_or(0.0);
    let mut best: Option<(f64, Jump)> = None;
    for (i, b) in buckets.iter().enumerate().skip(1) {
        let from = i.saturating_sub(JUMP_WINDOW);
        let before = &buckets[from..i];
        let n = before.len() as f64;
        let baseline = before.iter().map(|b| b.counts.stories as f64).sum::<f64>() / n;
        let share_before = before.iter().map(share).sum::<f64>() / n;
        let rise = share(b) - share_before;
        if b.counts.stories < JUMP_MIN_STORIES || (b.counts.stories as f64) <= baseline {
            continue;
        }
        if rise > 0.0 && best.is_none_or(|(r, _)| rise > r) {
            best = Some((
                rise,
                Jump {
                    bucket: i,
                    baseline,
                    before: before.len(),
                },
            ));
        }
    }
    best.map(|(_, j)| j)
}

/// The series of a split: their names and, for each member, the series it counts in.
struct Series {
    names: Vec<String>,
    of_member: Vec<Vec<usize>>,
}

impl Series {
    fn new(
        index: &Index,
        stories: &Stories,
        field: FacetField,
        top: usize,
    ) -> anyhow::Result<Series> {
        let mut values = super::facets::member_values(index, stories, field)?;
        // An article without a value is counted as one of its own, "(none)".
        let none = values.names.len() as u32;
        let mut any_none = false;
        for vals in &mut values.of {
            if vals.is_empty() {
                vals.push(none);
                any_none = true;
            }
        }
        if any_none {
            values.names.push(NO_VALUE.to_owned());
        }
        // Stories per value, to choose the top ones.
        let mut pairs: std::collections::HashSet<(u32, u32)> = Default::default();
        let mut per_value = vec![0usize; values.names.len()];
        for (m, vals) in stories.members().iter().zip(&values.of) {
            for &v in vals {
                if pairs.insert((m.story, v)) {
                    per_value[v as usize] += 1;
                }
            }
        }
        let mut ranked: Vec<(u32, usize)> = (0..values.names.len() as u32)
            .map(|v| (v, per_value[v as usize]))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| values.names[a.0 as usize].cmp(&values.names[b.0 as usize]))
        });
        let mut series_of = vec![top; values.names.len()];
        let mut names = Vec::new();
        for (k, (v, _)) in ranked.iter().take(top).enumerate() {
            series_of[*v as usize] = k;
            names.push(values.names[*v as usize].clone());
        }
        let other = names.len();
        let mut any_other = false;
        let of_member: Vec<Vec<usize>> = values
            .of
            .iter()
            .map(|vals| {
                let mut ks: Vec<usize> = vals
                    .iter()
                    .map(|&v| series_of[v as usize].min(other))
                    .collect();
                ks.sort_unstable();
                ks.dedup();
                any_other |= ks.contains(&other);
                ks
            })
            .collect();
        if any_other {
            names.push(OTHER.to_owned());
        }
        Ok(Series { names, of_member })
    }
}

/// The first `n` stories' first copies, with the copies that followed.
fn first_copies(index: &Index, stories: &Stories, n: usize) -> anyhow::Result<Vec<FirstCopy>> {
    let n = n.min(stories.len());
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut of_story: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, m) in stories.members().iter().enumerate() {
        if (m.story as usize) < n {
            of_story[m.story as usize].push(i);
        }
    }
    let searcher = index.searcher();
    let mut out = Vec::with_capacity(n);
    for copies in of_story {
        let mut read = copies.iter().map(|&i| {
            let m = stories.members()[i];
            crate::index::store::read(&searcher, index.fields(), m.addr)
                .map(|a| (m.day.map(date_of), a))
        });
        let Some(head) = read.next() else { continue };
        let (date, head) = head?;
        let followers = read
            .map(|r| {
                r.map(|(date, a)| Follower {
                    date,
                    source: a.stored.meta.source,
                    path: a.path,
                })
            })
            .collect::<anyhow::Result<Vec<Follower>>>()?;
        out.push(FirstCopy {
            date,
            title: head.stored.title,
            source: head.stored.meta.source,
            path: head.path,
            copies: copies.len(),
            followers,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        jiff::civil::date(y, m, day)
    }

    #[test]
    fn buckets_follow_the_calendar() {
        // ISO weeks start on Monday and belong to the year of their Thursday.
        assert_eq!(By::Week.start(d(2021, 1, 3)), d(2020, 12, 28));
        assert_eq!(By::Week.label(By::Week.start(d(2021, 1, 1))), "2020-W53");
        assert_eq!(By::Week.label(By::Week.start(d(2024, 12, 31))), "2025-W01");
        assert_eq!(By::Month.label(By::Month.start(d(2024, 2, 29))), "2024-02");
        let months = bucket_starts(By::Month, d(2024, 1, 31), d(2024, 3, 1)).unwrap();
        assert_eq!(months, [d(2024, 1, 1), d(2024, 2, 1), d(2024, 3, 1)]);
        let days = bucket_starts(By::Day, d(2024, 2, 28), d(2024, 3, 1)).unwrap();
        assert_eq!(days.len(), 3, "the leap day is a day of its own");
        assert!(bucket_starts(By::Day, d(1700, 1, 1), d(2200, 1, 1)).is_err());
        for day in [-1, 0, 59, 19_782] {
            assert_eq!(day_of_date(date_of(day)), day);
        }
    }

    fn bucket(stories: u64, dated: u64) -> Bucket {
        Bucket {
            label: String::new(),
            start: d(2024, 1, 1),
            end: d(2024, 1, 1),
            counts: Counts {
                stories,
                articles: stories,
            },
            dated,
            series: Vec::new(),
        }
    }

    #[test]
    fn a_jump_is_a_rise_in_share() {
        // More of everything, the same share: no jump.
        let growing = [bucket(2, 10), bucket(4, 20), bucket(8, 40)];
        assert_eq!(jump(&growing), None);
        let rising = [bucket(2, 10), bucket(2, 10), bucket(6, 10), bucket(9, 40)];
        let j = jump(&rising).unwrap();
        assert_eq!((j.bucket, j.before), (2, 2));
        assert_eq!(j.baseline, 2.0);
        // Two stories out of nothing are no jump, nor is the first period.
        assert_eq!(jump(&[bucket(0, 10), bucket(2, 10)]), None);
        assert_eq!(jump(&[bucket(9, 10)]), None);
        assert_eq!(peak(&rising), Some(3));
    }
}
