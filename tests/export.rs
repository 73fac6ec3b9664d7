//! `newsq export`: every line parses, ids are unique and stable, the Elasticsearch bulk
//! body pairs actions with documents, the Quickwit config is YAML naming the same fields,
//! and an export read back as JSON lines searches like the index it came from.

use std::collections::{BTreeSet, HashSet};

use crate::formats;
use crate::util::Env;

/// The repository's corpus plus the made-up article in several formats, indexed.
fn indexed() -> Env {
    let env = Env::with_corpus();
    env.write("corpus/cranes.html", formats::html());
    env.write("corpus/feed.jsonl", formats::json_lines());
    env.write(
        "corpus/latin1.txt",
        b"Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town protested against the new rent rules on Sunday.\n",
    );
    env.index(&["corpus"]);
    env
}

fn documents(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

#[test]
fn every_line_parses_and_ids_are_unique_and_stable() {
    let env = indexed();
    let out = env.run(&["export"]);
    out.assert_code(0);
    let docs = documents(&out.stdout());
    let count: usize = env
        .run(&["search", "-c", "the OR a"])
        .stdout()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(docs.len(), count);
    let ids: HashSet<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    let paths: HashSet<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), docs.len());
    for d in &docs {
        assert!(d["body"].is_string(), "{d}");
        assert!(
            d.as_object().unwrap().values().all(|v| !v.is_null()),
            "no nulls: {d}"
        );
    }
    let cranes = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("feed.jsonl:3"))
        .expect("the record is exported");
    assert_eq!(cranes["title"], formats::TITLE);
    assert_eq!(cranes["date"], "2024-05-16T00:00:00Z");
    assert_eq!(cranes["authors"], serde_json::json!(["Jane Roe"]));
    assert_eq!(cranes["url"], "https://harbortimes.example/cranes");
    let latin = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("latin1.txt"))
        .unwrap();
    assert_eq!(latin["encoding"], "windows-1252");
    // The same index exports the same ids; a file written with -o holds the same lines.
    env.run(&["export", "-o", "again.ndjson"]).assert_code(0);
    let again = std::fs::read_to_string(env.path().join("again.ndjson")).unwrap();
    assert_eq!(again, out.stdout());
}

#[test]
fn the_bulk_body_pairs_each_action_with_its_document() {
    let env = indexed();
    let plain = documents(&env.run(&["export"]).stdout());
    let bulk = env.run(&["export", "--format", "es-bulk", "--index-name", "news-2024"]);
    bulk.assert_code(0);
    let lines = documents(&bulk.stdout());
    assert_eq!(lines.len(), plain.len() * 2);
    for (pair, doc) in lines.chunks(2).zip(&plain) {
        let action = &pair[0]["index"];
        assert_eq!(action["_index"], "news-2024");
        assert_eq!(action["_id"], doc["id"]);
        assert_eq!(&pair[1], doc);
    }
    let r = env.run(&["export", "--format", "es-bulk", "--index-name", "Bad Name"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("cannot name an index"),
        "{}",
        r.stderr()
    );
}

#[test]
fn the_quickwit_config_is_yaml_with_the_fields_of_the_export() {
    let env = indexed();
    // No index is needed for the config.
    let r = Env::new().run(&["export", "--quickwit-config", "--index-name", "news"]);
    r.assert_code(0);
    let config: serde_yaml_ng::Value = serde_yaml_ng::from_str(&r.stdout()).expect("YAML");
    assert_eq!(config["index_id"].as_str(), Some("news"));
    let mappings = config["doc_mapping"]["field_mappings"]
        .as_sequence()
        .expect("field mappings");
    let names: BTreeSet<String> = mappings
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), mappings.len(), "each field once");
    let exported: BTreeSet<String> = documents(&env.run(&["export"]).stdout())
        .iter()
        .flat_map(|d| d.as_object().unwrap().keys().cloned().collect::<Vec<_>>())
        .collect();
    assert!(
        exported.is_subset(&names),
        "exported fields missing from the config: {:?}",
        exported.difference(&names).collect::<Vec<_>>()
    );
    for f in [
        "id", "path", "title", "body", "authors", "source", "tags", "date", "lang", "url",
    ] {
        assert!(exported.contains(f), "{f} is exported");
    }
    let field = |name: &str| {
        mappings
            .iter()
            .find(|m| m["name"].as_str() == Some(name))
            .unwrap()
    };
    assert_eq!(field("body")["tokenizer"].as_str(), Some("en_stem"));
    assert_eq!(field("title")["tokenizer"].as_str(), Some("en_stem"));
    assert_eq!(field("id")["tokenizer"].as_str(), Some("raw"));
    assert_eq!(field("lang")["tokenizer"].as_str(), Some("raw"));
    assert_eq!(field("date")["type"].as_str(), Some("datetime"));
    assert_eq!(field("authors")["type"].as_str(), Some("array<text>"));
    assert_eq!(
        config["search_settings"]["default_search_fields"],
        serde_yaml_ng::from_str::<serde_yaml_ng::Value>("[title, body]").unwrap()
    );
}

/// Titles (or leads) of every match, sorted: what a search finds, whatever the paths.
fn found(env: &Env, index: &str, query: &str) -> Vec<String> {
    let mut v: Vec<String> = env
        .search_json(&["--index", index, "--all", "-n", "1000", query])
        .iter()
        .map(|h| {
            h["title"]
                .as_str()
                .or(h["lead"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_export_read_back_as_json_lines_searches_the_same() {
    let env = indexed();
    std::fs::create_dir(env.path().join("again")).unwrap();
    env.run(&["export", "-o", "again/export.ndjson"])
        .assert_code(0);
    let r = env.run(&["--index", "again-index", "index", "again"]);
    r.assert_code(0);
    assert!(!r.stderr().contains("skipped record"), "{}", r.stderr());
    for q in [
        "harbor cranes",
        "Putin",
        "Harbin expo",
        "council",
        "sourdough",
        "café",
        "author:roe",
        // What the cleaner removed, and the dateline's place, which the body alone does
        // not give back, come back from the export's fields.
        "removed:whatsapp",
        "place:delhi",
    ] {
        let original = found(&env, "index", q);
        assert!(!original.is_empty(), "{q} finds something");
        assert_eq!(original, found(&env, "again-index", q), "{q}");
    }
    // And every field comes back as it went out (the date's source, the dateline, the
    // removed lines with their rules, the encoding the file was read in), but the path.
    let docs = |index: &str| -> BTreeSet<String> {
        documents(&env.run(&["--index", index, "export"]).stdout())
            .into_iter()
            .map(|mut d| {
                let fields = d.as_object_mut().unwrap();
                for k in ["id", "path"] {
                    fields.remove(k);
                }
                d.to_string()
            })
            .collect()
    };
    let original = docs("index");
    assert!(
        original
            .iter()
            .any(|d| d.contains(r#""date_source":"page""#))
    );
    assert_eq!(original, docs("again-index"));
    // So do the counts of removed lines.
    let removed = |index: &str| {
        let s: serde_json::Value =
            serde_json::from_str(&env.run(&["--index", index, "stats", "--json"]).stdout())
                .unwrap();
        (
            s["removed_lines"].clone(),
            s["articles_with_removed"].clone(),
            s["removed_rules"].clone(),
        )
    };
    assert!(removed("index").0.as_u64().unwrap() > 0);
    assert_eq!(removed("index"), removed("again-index"));
}

#[test]
fn export_o_refuses_indexed_files_and_the_index_folder() {
    let env = indexed();
    let article = std::fs::read_dir(env.path().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let name = format!("corpus/{}", article.file_name().unwrap().to_str().unwrap());
    let before = std::fs::read(&article).unwrap();
    let r = env.run(&["export", "-o", &name]);
    r.assert_code(2);
    assert_eq!(
        r.stderr(),
        format!(
            "newsq: error: {name} is an indexed article file: the export would overwrite it; write it elsewhere; nothing was written\n"
        )
    );
    assert_eq!(std::fs::read(&article).unwrap(), before);
    // A file of records, named another way.
    let r = env.run(&["export", "-o", "./corpus/../corpus/feed.jsonl"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("is an indexed article file"),
        "{}",
        r.stderr()
    );
    // The sidecar of an indexed article.
    let r = env.run(&["export", "-o", &format!("{name}.meta.json")]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("is the sidecar of the indexed article"),
        "{}",
        r.stderr()
    );
    assert!(!env.path().join(format!("{name}.meta.json")).exists());
    // Anything in the index folder, the Quickwit config too.
    for args in [
        &["export", "-o", "index/meta.json"][..],
        &["export", "-o", "index/new.ndjson"][..],
        &["export", "--quickwit-config", "-o", "index/news.yaml"][..],
    ] {
        let r = env.run(args);
        r.assert_code(2);
        assert!(
            r.stderr().contains(
                "is inside the index folder index: write the export elsewhere; nothing was written"
            ),
            "{args:?}: {}",
            r.stderr()
        );
    }
    assert!(!env.path().join("index/new.ndjson").exists());
    env.run(&["check"]).assert_code(0);
    // A new file under an indexed folder is written, with a word of warning.
    let r = env.run(&["export", "-o", "corpus/all.ndjson"]);
    r.assert_code(0);
    assert_eq!(
        r.stderr(),
        "newsq: warning: corpus/all.ndjson is under corpus, which the index reads: the next `newsq index` reads the export as articles too (a copy of each)\n"
    );
}

/// The documents of an export of the index `index`, keyed by where each came from: for an
/// index of an export, the line of the first export its record is on (`FILE:LINE`); else
/// its position in the export. Without `id` and `path`, which name the file read.
fn by_origin(env: &Env, index: &str) -> Vec<(usize, serde_json::Value)> {
    let out = env.run(&["--index", index, "export"]);
    out.assert_code(0);
    let mut docs: Vec<(usize, serde_json::Value)> = documents(&out.stdout())
        .into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            let path = d["path"].as_str().unwrap().to_owned();
            let line = match path.rsplit_once(".ndjson:") {
                Some((_, line)) => line.parse().unwrap(),
                None => i + 1,
            };
            let fields = d.as_object_mut().unwrap();
            fields.remove("id");
            fields.remove("path");
            (line, d)
        })
        .collect();
    docs.sort_by_key(|(line, _)| *line);
    docs
}

/// Stories with boilerplate a cleaning removes, one of them wholly, and tables a second
/// cleaning would read otherwise: export, index the export, export again.
#[test]
fn export_then_index_then_export_is_exact() {
    let env = Env::with_corpus();
    env.write(
        "corpus/all-removed.txt",
        "READ MORE: Ferry services cut as fuel prices rise\n",
    );
    env.write(
        "corpus/table.txt",
        "ACME WIDGETS <ACW> 4TH QTR NET\n\nShr loss 22 cts vs loss 18 cts\nNet loss 3,035,000 vs loss 2,516,000\nRevs 20.9 mln vs 19.6 mln\nYear\nShr profit two cts vs profit 34 cts\nReuter\n",
    );
    env.write(
        "corpus/ferry.txt",
        "Ferry fares rise again\nBy Jane Roe\n\nPORTSMOUTH, May 16 (AP) - The harbour board raised ferry fares on Monday for the second time this year, blaming the price of fuel.\nPassengers said the new fares would push them onto the roads.\nREAD MORE: Ferry services cut as fuel prices rise\nFollow us on Twitter for more news\n",
    );
    env.write("corpus/latin1.txt", b"Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town protested against the new rent rules on Sunday.\n");
    env.index(&["corpus"]);
    std::fs::create_dir(env.path().join("exported")).unwrap();
    env.run(&["export", "-o", "exported/all.ndjson"])
        .assert_code(0);
    let r = env.run(&["--index", "again", "index", "exported"]);
    r.assert_code(0);
    assert!(!r.stderr().contains("skipped record"), "{}", r.stderr());
    let first = by_origin(&env, "index");
    let second = by_origin(&env, "again");
    assert_eq!(first.len(), 9);
    assert_eq!(second.len(), first.len(), "the same article count");
    for ((_, a), (_, b)) in first.iter().zip(&second) {
        assert_eq!(a, b, "byte-identical bodies and metadata");
    }
    // The counts of removed lines come back too, and a third round changes nothing more.
    let removed = |index: &str| {
        let s: serde_json::Value =
            serde_json::from_str(&env.run(&["--index", index, "stats", "--json"]).stdout())
                .unwrap();
        s["removed_lines"].clone()
    };
    assert_eq!(removed("index"), removed("again"));
    // `newsq clean` shows each exported record as `index` takes it: its body as it is.
    let r = env.run(&["clean", "exported/all.ndjson"]);
    r.assert_code(0);
    let mut expected = String::new();
    for (i, (_, d)) in first.iter().enumerate() {
        if i > 0 {
            expected.push('\n');
        }
        let body = d["body"].as_str().unwrap();
        for line in body.split('\n').filter(|_| !body.is_empty()) {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    assert_eq!(r.stdout(), expected);
}

#[test]
fn an_exported_document_is_taken_whole_not_cleaned_again() {
    let env = Env::new();
    // As a newsq export writes them: a body a cleaning would cut, and one all removed.
    let kept = serde_json::json!({
        "id": "0123456789abcdef0123456789abcdef", "path": "/elsewhere/ferry.txt",
        "url": "https://harbortimes.example/ferry", "title": "Ferry fares rise",
        "body": "READ MORE: Ferry services cut as fuel prices rise\nFollow us on Twitter for more news",
        "authors": ["Jane Roe"], "source": "Harbor Times", "tags": ["ferries"],
        "dateline": "PORTSMOUTH, May 16", "date": "2024-05-16T00:00:00Z",
        "date_source": "byline", "lang": "fra", "encoding": "windows-1252",
        "removed_lines": 0
    });
    let emptied = serde_json::json!({
        "id": "fedcba9876543210fedcba9876543210", "path": "/elsewhere/gone.txt",
        "title": "SUGAR QUOTA", "body": "", "removed_lines": 2,
        "removed": ["Qtly div three cts vs three cts prior", "Reuter"],
        "removed_rules": ["teaser", "signoff"]
    });
    env.write("in/export.ndjson", format!("{kept}\n{emptied}\n"));
    let r = env.run(&["index", "in"]);
    r.assert_code(0);
    assert!(
        r.stderr().contains("1 file seen (2 records): 1 indexed"),
        "{}",
        r.stderr()
    );
    let docs = by_origin(&env, "index");
    let strip = |mut v: serde_json::Value| {
        let fields = v.as_object_mut().unwrap();
        fields.remove("id");
        fields.remove("path");
        v
    };
    assert_eq!(docs[0].1, strip(kept));
    assert_eq!(docs[1].1, strip(emptied));
    // Searchable as the export says: the title, the removed lines, the language.
    assert_eq!(env.run(&["search", "-c", "sugar"]).stdout(), "1\n");
    assert_eq!(env.run(&["search", "-c", "removed:qtly"]).stdout(), "1\n");
    assert_eq!(env.run(&["search", "-c", "lang:fra"]).stdout(), "1\n");
}

/// The round trip on real stories (BBC, and the two thousand Reuters-21578 stories
/// `reuters-10000` to `reuters-11999`, five of them with every body line removed).
#[test]
fn the_round_trip_is_exact_on_real_stories() {
    let Some(shared) = crate::util::shared() else {
        eprintln!("skipped: ../shared is absent (the real corpora live in ../shared/data)");
        return;
    };
    let env = Env::new();
    let data = shared.join("data");
    for (archive, only) in [
        ("news-bbc.tar.gz", None),
        (
            "news-reuters21578.tar.gz",
            Some("reuters21578/reuters-1[01]*"),
        ),
    ] {
        let mut tar = std::process::Command::new("tar");
        tar.arg("-xzf")
            .arg(data.join(archive))
            .arg("-C")
            .arg(env.path());
        if let Some(pattern) = only {
            tar.args(["--wildcards", pattern]);
        }
        assert!(tar.status().expect("tar runs").success(), "{archive}");
    }
    env.index(&["-q", "bbc", "reuters21578"]);
    std::fs::create_dir(env.path().join("exported")).unwrap();
    env.run(&["export", "-o", "exported/all.ndjson"])
        .assert_code(0);
    env.run(&["--index", "again", "index", "-q", "exported"])
        .assert_code(0);
    let first = by_origin(&env, "index");
    let second = by_origin(&env, "again");
    assert!(first.len() > 4000, "{}", first.len());
    assert_eq!(second.len(), first.len(), "the same article count");
    let differ = first
        .iter()
        .zip(&second)
        .filter(|((_, a), (_, b))| a != b)
        .count();
    assert_eq!(differ, 0, "documents that differ after the round trip");
}
