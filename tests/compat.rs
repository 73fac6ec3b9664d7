//! Index formats: a tiny index written by an earlier newsq for each format this newsq
//! reads (`tests/fixtures/index-format-N/`, built from `tests/fixtures/index-format-1-src/`;
//! its README says how) is read and added to by the newsq under test, and one of a format
//! it no longer reads asks for a rebuild. A change that makes newsq misread an index it
//! says it reads fails here, whatever its own tests of what it writes say.
//!
//! Each index records its articles under `/tmp/newsq-index-format-N/src`, which does not
//! exist here: paths are checked by file name, and `show` is given the recorded path.

use std::path::Path;

use jiff::civil::date;
use newsq::output::wire::{WireArticle, WireDocument, WireFacet, WireHit, WireStats};

use crate::util::{Env, copy_dir, repo};

/// A committed index: its folder under `tests/fixtures/`, and where its articles were
/// when it was indexed.
struct Fixture {
    dir: &'static str,
    root: &'static str,
}

/// Format 1 (newsq before languages): read no more, rebuilt on request.
const FORMAT_1: Fixture = Fixture {
    dir: "index-format-1",
    root: "/tmp/newsq-index-format-1/src",
};

/// Format 2 (a field per language; CJK pairs; one folding rule).
const FORMAT_2: Fixture = Fixture {
    dir: "index-format-2",
    root: "/tmp/newsq-index-format-2/src",
};

/// A temporary folder holding a copy of the fixture as `index/` (never the committed
/// folder itself: every command here may write to its index).
fn env(f: &Fixture) -> Env {
    assert!(
        !Path::new(f.root).exists(),
        "{} exists (left from building the fixture?): remove it, the test expects the recorded root to be gone",
        f.root
    );
    let env = Env::new();
    let index = env.path().join("index");
    std::fs::create_dir(&index).unwrap();
    let fixture = repo().join("tests/fixtures").join(f.dir);
    for entry in std::fs::read_dir(fixture).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "README.md" {
            std::fs::copy(entry.path(), index.join(entry.file_name())).unwrap();
        }
    }
    env
}

/// Runs newsq, expects exit 0, and decodes each line of its output as a `T`.
fn lines<T: serde::de::DeserializeOwned>(env: &Env, args: &[&str]) -> Vec<T> {
    let r = env.run(args);
    r.assert_code(0);
    r.stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn strings(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn a_format_1_index_asks_for_a_rebuild() {
    let env = env(&FORMAT_1);
    for args in [
        &["search", "harbour"][..],
        &["show", "/tmp/newsq-index-format-1/src/harbour-strike.txt"],
        &["stats"],
        &["facets", "tag"],
        &["timeline", "frost"],
    ] {
        let r = env.run(args);
        r.assert_code(2);
        let err = r.stderr();
        assert!(
            err.contains("format 1") && err.contains("reads format 2") && err.contains("--rebuild"),
            "{args:?}: {err}"
        );
        assert!(r.stdout().is_empty(), "{args:?}");
    }
    copy_dir(
        &repo().join("tests/fixtures/index-format-1-src"),
        &env.path().join("src"),
    );
    let r = env.run(&["index", "src"]);
    r.assert_code(2);
    assert!(r.stderr().contains("--rebuild"), "{}", r.stderr());
    // Rebuilt, it is an index of this format holding the articles found now.
    env.index(&["--rebuild", "src"]).assert_code(0);
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "harbour", "pilots"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, "src/harbour-strike.txt");
    let state = std::fs::read_to_string(env.path().join("index/newsq.json")).unwrap();
    assert!(state.contains("\"format\": 2"), "{state}");
}

#[test]
fn a_format_2_index_reads_as_it_was_written() {
    let f = &FORMAT_2;
    let env = env(f);
    let recorded = |name: &str| format!("{}/{name}", f.root);
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "harbour", "pilots"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!(h.path, recorded("harbour-strike.txt"));
    assert_eq!(
        h.title.as_deref(),
        Some("Harbour pilots end strike after pay talks")
    );
    let m = &h.metadata;
    assert_eq!(strings(&m.authors), ["Mara Lindqvist"]);
    assert_eq!(m.section.as_deref(), Some("Business"));
    assert_eq!(m.date, Some(date(2024, 3, 3)));
    assert_eq!(strings(&m.tags), ["Shipping", "Labour"]);
    let dateline = m.dateline.as_ref().expect("a dateline");
    assert_eq!(dateline.place.as_deref(), Some("Eastmouth"));
    assert_eq!(dateline.agency.as_deref(), Some("Coastwire"));
    assert!(!h.passages.is_empty());

    // Articles in French and Chinese, in their languages' fields.
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "grève"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, recorded("port-greve.txt"));
    assert_eq!(hits[0].metadata.lang.as_deref(), Some("fra"));
    let hits: Vec<WireHit<'static>> =
        lines(&env, &["search", "--json", "--lang", "fr", "négociation"]);
    assert_eq!(hits.len(), 1);
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "冰灯"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, recorded("bingdeng.txt"));

    // A record of a file of JSON records, with what its fields declared.
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "sleeper"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, recorded("wire.jsonl:1"));
    assert_eq!(hits[0].metadata.source.as_deref(), Some("Rail Gazette"));
    assert_eq!(hits[0].metadata.date_source.as_deref(), Some("record"));

    let shown: Vec<WireArticle<'static>> =
        lines(&env, &["show", "--json", &recorded("orchard-frost.txt")]);
    let a = &shown[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Late frost damages apple blossom in the Vell valley")
    );
    assert_eq!(strings(&a.metadata.authors), ["Tomas Ferreira"]);
    assert_eq!(a.metadata.date, Some(date(2023, 4, 18)));
    assert_eq!(strings(&a.metadata.tags), ["Farming", "Weather"]);
    assert_eq!(a.paragraphs.len(), 3);
    assert!(a.removed.is_empty() && a.encoding.is_none());
    let shown: Vec<WireArticle<'static>> =
        lines(&env, &["show", "--json", &recorded("harbour-strike.txt")]);
    let removed: Vec<(&str, &str)> = shown[0]
        .removed
        .iter()
        .map(|r| (r.rule.as_ref(), r.text.as_ref()))
        .collect();
    assert_eq!(
        removed,
        [(
            "read-more",
            "READ MORE: Eastmouth Council Approves New Quay Budget"
        )]
    );
    let shown: Vec<WireArticle<'static>> =
        lines(&env, &["show", "--json", &recorded("wire.jsonl:1")]);
    assert_eq!(
        shown[0].url.as_deref(),
        Some("https://example.com/night-trains")
    );

    let stats: Vec<WireStats<'static>> = lines(&env, &["stats", "--json"]);
    let s = &stats[0];
    assert_eq!((s.articles, s.files), (6, 6));
    assert_eq!(s.dates.first, Some(date(2022, 9, 9)));
    assert_eq!(s.dates.last, Some(date(2024, 6, 1)));
    assert_eq!((s.dates.dated, s.dates.undated), (4, 2));
    assert_eq!((s.removed_lines, s.articles_with_removed), (1, 1));
    let counts = |list: &[newsq::output::wire::WireCount<'_>]| {
        list.iter()
            .map(|c| format!("{} {}", c.value, c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&s.sources), ["Rail Gazette 1"]);
    assert_eq!(counts(&s.languages), ["eng 4", "cmn 1", "fra 1"]);
    assert_eq!(counts(&s.removed_rules), ["read-more 1"]);

    let facets = |field: &str| -> Vec<String> {
        lines::<WireFacet<'static>>(&env, &["facets", "--json", field])
            .iter()
            .map(|f| format!("{} {}", f.value, f.count))
            .collect()
    };
    assert_eq!(
        facets("tag"),
        [
            "Architecture 1",
            "Farming 1",
            "Labour 1",
            "Libraries 1",
            "Rail 1",
            "Shipping 1",
            "Travel 1",
            "Weather 1"
        ]
    );
    assert_eq!(
        facets("year"),
        ["2022 1", "2023 1", "2024 2", "(no date) 2"]
    );
    assert_eq!(
        facets("author"),
        [
            "Ines Okafor 1",
            "Mara Lindqvist 1",
            "Pell Arkwright 1",
            "Tomas Ferreira 1"
        ]
    );

    let docs: Vec<WireDocument<'static>> = lines(&env, &["export"]);
    let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
    let names = [
        "bingdeng.txt",
        "harbour-strike.txt",
        "library-reopens.txt",
        "orchard-frost.txt",
        "port-greve.txt",
        "wire.jsonl:1",
    ];
    assert_eq!(paths, names.map(recorded));

    let check = env.run(&["check"]);
    check.assert_code(0);
    let out = check.stdout();
    assert!(out.contains("articles     6 in 1 segment"), "{out}");
    assert!(out.contains("documents    6 read"), "{out}");
    assert!(out.contains("result       sound"), "{out}");
    assert!(out.contains(&format!("{} (gone)", f.root)), "{out}");
}

#[test]
fn newsq_index_adds_to_a_format_2_index_without_a_rebuild() {
    let f = &FORMAT_2;
    let env = env(f);
    let recorded = |name: &str| format!("{}/{name}", f.root);
    copy_dir(
        &repo().join("tests/fixtures/index-format-2-src"),
        &env.path().join("src"),
    );
    let run = env.index(&["src"]);
    let err = run.stderr();
    assert!(err.contains("6 indexed, 0 unchanged"), "{err}");
    assert!(!err.contains("rebuild"), "{err}");
    // The recorded articles stay beside the new copies (`--all`: copies are not folded).
    let stats: Vec<WireStats<'static>> = lines(&env, &["stats", "--json"]);
    assert_eq!(stats[0].articles, 12);
    let hits: Vec<WireHit<'static>> = lines(&env, &["search", "--json", "--all", "frost"]);
    let mut paths: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
    paths.sort_unstable();
    let old = recorded("orchard-frost.txt");
    assert_eq!(paths, [old.as_str(), "src/orchard-frost.txt"]);
    // The articles whose root is gone go with `prune`; the root is forgotten.
    let pruned = env.run(&["prune"]);
    pruned.assert_code(0);
    assert!(
        pruned.stderr().contains("6 articles pruned"),
        "{}",
        pruned.stderr()
    );
    let stats: Vec<WireStats<'static>> = lines(&env, &["stats", "--json"]);
    assert_eq!(stats[0].articles, 6);
    // Walked again, the copies are all unchanged: nothing is read twice.
    let again = env.index(&[]);
    assert!(
        again.stderr().contains("0 indexed, 6 unchanged"),
        "{}",
        again.stderr()
    );
    let check = env.run(&["check"]);
    check.assert_code(0);
    assert!(check.stderr().is_empty(), "{}", check.stderr());
    let state = std::fs::read_to_string(env.path().join("index/newsq.json")).unwrap();
    assert!(state.contains("\"format\": 2"), "{state}");
}
