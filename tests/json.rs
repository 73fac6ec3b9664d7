//! The JSON contract: every JSON output of every command decoded twice.
//!
//! - Into typed structs written here, apart from newsq's own, that refuse unknown fields
//!   and need every field they name. A field renamed, added or dropped on either side
//!   fails here; so does a README sample that no longer matches.
//! - Into newsq's own wire types (`newsq::output::wire`), which are then serialised again
//!   as newsq prints them: the bytes must be the line printed, so the wire struct is the
//!   whole of what is printed (nothing is written past it, nothing of it is lost).

use newsq::output::wire;
use serde::{Deserialize, Serialize};

use crate::util::Env;

/// For an `Option` field that must be present (null or a value): serde takes a missing
/// `Option` for `None` unless the field has its own deserializer.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hit {
    rank: usize,
    #[serde(deserialize_with = "present")]
    score: Option<f64>,
    path: String,
    #[serde(default)]
    path_bytes: Option<Vec<u8>>,
    #[serde(deserialize_with = "present")]
    title: Option<String>,
    lead: String,
    title_highlights: Vec<Range>,
    metadata: Metadata,
    passages: Vec<Passage>,
    similar: Vec<String>,
    #[serde(default)]
    relaxed: Option<bool>,
    offsets: String,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    start: usize,
    end: usize,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Passage {
    text: String,
    highlights: Vec<Range>,
    gap_before: bool,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Metadata {
    #[serde(deserialize_with = "present")]
    section: Option<String>,
    authors: Vec<String>,
    #[serde(deserialize_with = "present")]
    source: Option<String>,
    #[serde(deserialize_with = "present")]
    dateline: Option<Dateline>,
    #[serde(deserialize_with = "present")]
    date: Option<String>,
    #[serde(deserialize_with = "present")]
    date_source: Option<String>,
    tags: Vec<String>,
    #[serde(deserialize_with = "present")]
    lang: Option<String>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dateline {
    text: String,
    #[serde(deserialize_with = "present")]
    place: Option<String>,
    #[serde(deserialize_with = "present")]
    date_text: Option<String>,
    #[serde(deserialize_with = "present")]
    date: Option<String>,
    #[serde(deserialize_with = "present")]
    agency: Option<String>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    #[serde(rename = "type")]
    kind: String,
    total: usize,
    shown: usize,
    folded: usize,
    offset: usize,
    any: bool,
    #[serde(deserialize_with = "present")]
    undated: Option<usize>,
    elapsed: Elapsed,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Elapsed {
    secs: u64,
    nanos: u32,
    human: String,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facet {
    count: u64,
    value: String,
    unit: String,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bucket {
    #[serde(rename = "type")]
    kind: String,
    label: String,
    start: String,
    end: String,
    stories: u64,
    articles: u64,
    dated: u64,
    share: Option<f64>,
    #[serde(default)]
    series: Option<Vec<SeriesCount>>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesCount {
    value: String,
    stories: u64,
    articles: u64,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Undated {
    #[serde(rename = "type")]
    kind: String,
    stories: u64,
    articles: u64,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineSummary {
    #[serde(rename = "type")]
    kind: String,
    query: String,
    by: String,
    copies: String,
    stories: u64,
    articles: u64,
    undated_stories: u64,
    undated_articles: u64,
    first: Option<String>,
    last: Option<String>,
    peak: Option<String>,
    jump: Option<String>,
    series: Vec<String>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    #[serde(rename = "type")]
    kind: String,
    date: Option<String>,
    path: String,
    #[serde(default)]
    path_bytes: Option<Vec<u8>>,
    title: Option<String>,
    source: Option<String>,
    copies: usize,
    followers: Vec<Follower>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Follower {
    date: Option<String>,
    source: Option<String>,
    path: String,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignificantTerm {
    term: String,
    score: f64,
    stories: u64,
    sample: u64,
    corpus: u64,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    #[serde(deserialize_with = "present")]
    encoding: Option<String>,
    metadata: Metadata,
    paragraphs: Vec<String>,
    path: String,
    #[serde(default)]
    path_bytes: Option<Vec<u8>>,
    removed: Vec<Removed>,
    #[serde(deserialize_with = "present")]
    title: Option<String>,
    #[serde(deserialize_with = "present")]
    url: Option<String>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Removed {
    line: usize,
    rule: String,
    text: String,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    articles: usize,
    stories: Option<usize>,
    files: usize,
    distinct_sources: usize,
    without_source: usize,
    sources: Vec<Count>,
    dates: Dates,
    languages: Vec<Count>,
    index_bytes: u64,
    removed_lines: usize,
    articles_with_removed: usize,
    removed_rules: Vec<Count>,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Count {
    value: String,
    count: usize,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    #[serde(deserialize_with = "present")]
    first: Option<String>,
    #[serde(deserialize_with = "present")]
    last: Option<String>,
    dated: usize,
    undated: usize,
}

/// One document of `newsq export` (fields without a value are left out).
// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exported {
    id: String,
    path: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    body: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
    removed_lines: usize,
    #[serde(default)]
    removed: Vec<String>,
    #[serde(default)]
    removed_rules: Vec<String>,
}

/// The action line before each document of `export --format es-bulk`.
// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkAction {
    index: BulkIndex,
}

// Decoding is the check: a field need not be read to be held to the contract.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkIndex {
    _id: String,
    _index: String,
}

/// Decodes every line of `out` as a `T`, failing with the line and the reason.
fn decode<T: serde::de::DeserializeOwned>(out: &str) -> Vec<T> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Decodes every line of `out` as newsq's wire type `T` and serialises the value again
/// as newsq writes JSON: each must give back its line, byte for byte.
fn round_trip<'a, T: Deserialize<'a> + Serialize>(out: &'a str) -> Vec<T> {
    out.lines()
        .map(|line| {
            let value: T = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            let mut again = Vec::new();
            newsq::output::sanitize::write_json(&mut again, &value).unwrap();
            assert_eq!(
                String::from_utf8(again).unwrap(),
                line,
                "the wire type does not give back what was printed"
            );
            value
        })
        .collect()
}

/// The seeds plus an article with a dateline, tags, a sidecar and boilerplate, so every
/// field has a value somewhere.
fn env() -> Env {
    let env = Env::with_corpus();
    env.write(
        "more/port.txt",
        "Business\n\nPort strike ends with pay deal\n\nBy Jane Roe\n\nRotterdam, March 3, 2024 (Wire) Dock workers in the port ended a week-long strike on Monday after the operator agreed to raise wages.\nThe stoppage had left more than forty container ships waiting at anchor.\nREAD MORE: Freight Rates Climb Again\n#Shipping #Labour\n",
    );
    env.write(
        "more/ferry.txt",
        "Ferry fares rise\n\nFerry operators raised fares on the island routes by four percent, blaming fuel costs and new port charges.\n",
    );
    env.write(
        "more/ferry.txt.meta.json",
        r#"{"date": "2023-06-01", "source": "Example Daily", "authors": ["Ann Lee"], "url": "https://example.com/ferry"}"#,
    );
    env.index(&["corpus", "more"]);
    env
}

#[test]
fn every_json_output_decodes_into_its_contract() {
    let env = env();
    let run = |args: &[&str]| {
        let r = env.run(args);
        r.assert_code(0);
        r.stdout()
    };
    let out = run(&["search", "--json", "port"]);
    let hits: Vec<Hit> = decode(&out);
    let wired: Vec<wire::WireHit> = round_trip(&out);
    assert_eq!(wired.len(), hits.len());
    assert!(hits.len() >= 2);
    let port = hits.iter().find(|h| h.path == "more/port.txt").unwrap();
    assert_eq!(port.offsets, "char");
    assert!(port.metadata.dateline.is_some());
    assert!(!port.metadata.tags.is_empty());
    assert!(port.relaxed.is_none() && port.path_bytes.is_none());
    assert!(port.score.is_some() && port.rank >= 1 && !port.lead.is_empty());
    assert!(
        port.passages
            .iter()
            .all(|p| p.highlights.iter().all(|h| h.start < h.end))
    );
    // --any marks every hit.
    let out = run(&["search", "--json", "--any", "port", "zzzqqq"]);
    let any: Vec<Hit> = decode(&out);
    assert!(any.iter().all(|h| h.relaxed == Some(true)));
    let wired: Vec<wire::WireHit> = round_trip(&out);
    assert!(wired.iter().all(|h| h.relaxed == Some(true)));
    // --stats: the hits (without scores, sorted by date), then the summary.
    let out = run(&["search", "--json", "--stats", "--sort", "date", "port"]);
    let (last, first) = out
        .trim_end()
        .lines()
        .collect::<Vec<_>>()
        .split_last()
        .map(|(l, f)| (l.to_string(), f.join("\n")))
        .unwrap();
    let _: Vec<Hit> = decode(&first);
    let wired: Vec<wire::WireHit> = round_trip(&first);
    assert!(wired.iter().all(|h| h.score.is_none()));
    let summary: Summary = serde_json::from_str(&last).unwrap();
    assert_eq!(summary.kind, "summary");
    assert!(summary.total >= summary.shown && summary.undated.is_some());
    let wired: Vec<wire::WireSummary> = round_trip(&last);
    assert_eq!(wired[0].total, summary.total);
    let out = run(&["similar", "--json", "more/port.txt"]);
    let similar: Vec<Hit> = decode(&out);
    assert!(!similar.is_empty());
    let _: Vec<wire::WireHit> = round_trip(&out);
    let out = run(&["facets", "--json", "source"]);
    let facets: Vec<Facet> = decode(&out);
    assert!(
        facets
            .iter()
            .any(|f| f.value == "Example Daily" && f.count == 1)
    );
    assert!(facets.iter().all(|f| f.unit == "stories"));
    let _: Vec<wire::WireFacet> = round_trip(&out);
    let out = run(&["facets", "--json", "--copies", "all", "source"]);
    assert!(decode::<Facet>(&out).iter().all(|f| f.unit == "articles"));
    let _: Vec<wire::WireFacet> = round_trip(&out);
    // The timeline: a bucket per period, the undated matches, the summary; with a split,
    // each bucket's series.
    for args in [
        &["timeline", "--json", "--by", "month", "port OR ferry"][..],
        &["timeline", "--json", "--split", "source", "port OR ferry"][..],
    ] {
        let out = run(args);
        let lines: Vec<&str> = out.lines().collect();
        let (summary, rest) = lines.split_last().unwrap();
        let (undated, buckets) = rest.split_last().unwrap();
        let buckets = buckets.join("\n");
        let decoded: Vec<Bucket> = decode(&buckets);
        assert!(decoded.len() >= 2 && decoded.iter().all(|b| b.kind == "bucket"));
        let _: Vec<wire::WireBucket> = round_trip(&buckets);
        let u: Vec<Undated> = decode(undated);
        assert_eq!(u[0].kind, "undated");
        let _: Vec<wire::WireUndated> = round_trip(undated);
        let s: Vec<TimelineSummary> = decode(summary);
        assert_eq!(
            (s[0].kind.as_str(), s[0].copies.as_str()),
            ("summary", "fold")
        );
        let _: Vec<wire::WireTimelineSummary> = round_trip(summary);
    }
    // --first: a story per line, then the same summary.
    let out = run(&["timeline", "--json", "--first", "port OR ferry"]);
    let (stories, summary) = out.trim_end().rsplit_once('\n').unwrap();
    let decoded: Vec<Story> = decode(stories);
    assert!(decoded.len() >= 2 && decoded.iter().all(|s| s.kind == "story"));
    let _: Vec<wire::WireStory> = round_trip(stories);
    let _: Vec<TimelineSummary> = decode(summary);
    let _: Vec<wire::WireTimelineSummary> = round_trip(summary);
    let out = run(&["terms", "--json", "-n", "5", "Putin"]);
    let terms: Vec<SignificantTerm> = decode(&out);
    assert!(!terms.is_empty() && terms.iter().all(|t| t.score > 0.0));
    let _: Vec<wire::WireTerm> = round_trip(&out);
    let out = run(&["show", "--json", "more/port.txt"]);
    let article: Vec<Article> = decode(&out);
    assert_eq!(article[0].path, "more/port.txt");
    assert!(!article[0].removed.is_empty() && !article[0].paragraphs.is_empty());
    let _: Vec<wire::WireArticle> = round_trip(&out);
    let out = run(&["show", "--json", "more/ferry.txt"]);
    let ferry: Vec<Article> = decode(&out);
    assert_eq!(ferry[0].url.as_deref(), Some("https://example.com/ferry"));
    let _: Vec<wire::WireArticle> = round_trip(&out);
    let out = run(&["stats", "--json"]);
    let stats: Vec<Stats> = decode(&out);
    let s = &stats[0];
    assert_eq!(s.articles, 7);
    assert!(s.dates.dated == 2 && s.dates.first.is_some() && s.dates.last.is_some());
    assert!(s.stories.is_some_and(|n| n >= 1 && n <= s.articles));
    let _: Vec<wire::WireStats> = round_trip(&out);
    let out = run(&["export"]);
    let exported: Vec<Exported> = decode(&out);
    assert_eq!(exported.len(), 7);
    let e = exported
        .iter()
        .find(|e| e.path.ends_with("more/port.txt"))
        .unwrap();
    assert!(!e.removed.is_empty() && e.removed.len() == e.removed_rules.len());
    let _: Vec<wire::WireDocument> = round_trip(&out);
    // The bulk body: an action line before each document.
    let out = run(&["export", "--format", "es-bulk", "--index-name", "news"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 14);
    for pair in lines.chunks(2) {
        let action: BulkAction = serde_json::from_str(pair[0]).unwrap();
        let doc: Exported = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(
            (action.index._id, action.index._index),
            (doc.id, "news".into())
        );
        let _: Vec<wire::WireBulkAction> = round_trip(pair[0]);
        let _: Vec<wire::WireDocument> = round_trip(pair[1]);
    }
}

/// What is hardest to give back exactly: a file name that is not UTF-8 (`path_bytes`),
/// and article text with control and bidirectional characters, which newsq writes as
/// JSON escapes.
#[test]
fn wire_types_give_back_odd_paths_and_escaped_text() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let name = std::ffi::OsStr::from_bytes(b"news/caf\xe9.txt");
    let file = env.path().join(name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "Caf\u{e9} owners protest \u{202e}rent rules\n\nThe caf\u{e9} owners of the old town protested against the new \u{1b}[31mrent rules on Sunday, \"loudly\".\n",
    )
    .unwrap();
    env.index(&["news"]);
    let r = env.run(&["search", "--json", "owners"]);
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        out.contains("\\u202e") && out.contains("path_bytes"),
        "{out}"
    );
    let _: Vec<Hit> = decode(&out);
    let hits: Vec<wire::WireHit> = round_trip(&out);
    assert_eq!(
        hits[0].path_bytes.as_deref(),
        Some(&b"news/caf\xe9.txt"[..])
    );
    let r = env
        .newsq()
        .args(["show", "--json"])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    let out = String::from_utf8(r.stdout).unwrap();
    let _: Vec<Article> = decode(&out);
    let _: Vec<wire::WireArticle> = round_trip(&out);
    let r = env.run(&["export"]);
    let _: Vec<wire::WireDocument> = round_trip(&r.stdout());
}

/// The fenced ```json blocks of the README, each one JSON value (samples may spread an
/// object over lines).
fn readme_samples() -> Vec<String> {
    let readme = std::fs::read_to_string(crate::util::repo().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in readme.lines() {
        let t = line.trim();
        match &mut block {
            None if t == "```json" => block = Some(String::new()),
            Some(b) if t == "```" => {
                out.push(std::mem::take(b));
                block = None;
            }
            Some(b) => {
                b.push_str(t);
                b.push('\n');
            }
            None => {}
        }
    }
    out
}

/// Decodes `text` as the mirror `M` and as the wire type `W`.
fn both<M: serde::de::DeserializeOwned, W: serde::de::DeserializeOwned>(
    text: &str,
) -> serde_json::Result<()> {
    serde_json::from_str::<M>(text)?;
    serde_json::from_str::<W>(text)?;
    Ok(())
}

#[test]
fn the_readme_json_samples_match_the_contract() {
    let samples = readme_samples();
    assert!(samples.len() >= 4, "{samples:?}");
    for sample in samples {
        // A block holds one object, or several one per line.
        let objects: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&sample)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}: {sample}"));
        for v in objects {
            let text = v.to_string();
            // Into the mirror here and into newsq's own wire type.
            let result = if v.get("type").is_some_and(|t| t == "bucket") {
                both::<Bucket, wire::WireBucket>(&text)
            } else if v.get("type").is_some_and(|t| t == "undated") {
                both::<Undated, wire::WireUndated>(&text)
            } else if v.get("type").is_some_and(|t| t == "story") {
                both::<Story, wire::WireStory>(&text)
            } else if v.get("query").is_some() {
                both::<TimelineSummary, wire::WireTimelineSummary>(&text)
            } else if v.get("type").is_some() {
                both::<Summary, wire::WireSummary>(&text)
            } else if v.get("term").is_some() {
                both::<SignificantTerm, wire::WireTerm>(&text)
            } else if v.get("rank").is_some() {
                both::<Hit, wire::WireHit>(&text)
            } else if v.get("paragraphs").is_some() {
                both::<Article, wire::WireArticle>(&text)
            } else if v.get("articles").is_some() {
                both::<Stats, wire::WireStats>(&text)
            } else if v.get("body").is_some() {
                both::<Exported, wire::WireDocument>(&text)
            } else {
                both::<Facet, wire::WireFacet>(&text)
            };
            result.unwrap_or_else(|e| panic!("README sample does not match: {e}: {text}"));
        }
    }
}
