//! The JSON contract: every JSON output of every command decoded into typed structs
//! written here, apart from newsq's own (`src/output/wire.rs`), that refuse unknown
//! fields and need every field they name. A field renamed, added or dropped on either
//! side fails here; so does a README sample that no longer matches.

use serde::Deserialize;

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

/// Decodes every line of `out` as a `T`, failing with the line and the reason.
fn decode<T: serde::de::DeserializeOwned>(out: &str) -> Vec<T> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
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
    let hits: Vec<Hit> = decode(&run(&["search", "--json", "port"]));
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
    let any: Vec<Hit> = decode(&run(&["search", "--json", "--any", "port", "zzzqqq"]));
    assert!(any.iter().all(|h| h.relaxed == Some(true)));
    // --stats: the hits, then the summary.
    let out = run(&["search", "--json", "--stats", "--sort", "date", "port"]);
    let (last, first) = out
        .trim_end()
        .lines()
        .collect::<Vec<_>>()
        .split_last()
        .map(|(l, f)| (l.to_string(), f.join("\n")))
        .unwrap();
    let _: Vec<Hit> = decode(&first);
    let summary: Summary = serde_json::from_str(&last).unwrap();
    assert_eq!(summary.kind, "summary");
    assert!(summary.total >= summary.shown && summary.undated.is_some());
    let similar: Vec<Hit> = decode(&run(&["similar", "--json", "more/port.txt"]));
    assert!(!similar.is_empty());
    let facets: Vec<Facet> = decode(&run(&["facets", "--json", "source"]));
    assert!(
        facets
            .iter()
            .any(|f| f.value == "Example Daily" && f.count == 1)
    );
    let article: Vec<Article> = decode(&run(&["show", "--json", "more/port.txt"]));
    assert_eq!(article[0].path, "more/port.txt");
    assert!(!article[0].removed.is_empty() && !article[0].paragraphs.is_empty());
    let ferry: Vec<Article> = decode(&run(&["show", "--json", "more/ferry.txt"]));
    assert_eq!(ferry[0].url.as_deref(), Some("https://example.com/ferry"));
    let stats: Vec<Stats> = decode(&run(&["stats", "--json"]));
    let s = &stats[0];
    assert_eq!(s.articles, 7);
    assert!(s.dates.dated == 2 && s.dates.first.is_some() && s.dates.last.is_some());
    let exported: Vec<Exported> = decode(&run(&["export"]));
    assert_eq!(exported.len(), 7);
    let e = exported
        .iter()
        .find(|e| e.path.ends_with("more/port.txt"))
        .unwrap();
    assert!(!e.removed.is_empty() && e.removed.len() == e.removed_rules.len());
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
            let result = if v.get("type").is_some() {
                serde_json::from_str::<Summary>(&text).map(|_| ())
            } else if v.get("rank").is_some() {
                serde_json::from_str::<Hit>(&text).map(|_| ())
            } else if v.get("paragraphs").is_some() {
                serde_json::from_str::<Article>(&text).map(|_| ())
            } else if v.get("articles").is_some() {
                serde_json::from_str::<Stats>(&text).map(|_| ())
            } else if v.get("body").is_some() {
                serde_json::from_str::<Exported>(&text).map(|_| ())
            } else {
                serde_json::from_str::<Facet>(&text).map(|_| ())
            };
            result.unwrap_or_else(|e| panic!("README sample does not match: {e}: {text}"));
        }
    }
}
