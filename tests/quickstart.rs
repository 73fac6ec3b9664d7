//! The Quick start on the shipped corpus, and the five seed articles against their gold
//! labels (read from `../shared/seeds/gold.json`; skipped with a message where absent).

use crate::util::{Env, mark, shared};

fn indexed_corpus() -> Env {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    env
}

#[test]
fn harbin_expo_finds_seed_000_first_with_the_expo_sentence() {
    let env = indexed_corpus();
    let hits = env.search_json(&["Harbin expo"]);
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["path"], "corpus/000_610c323dfd9cfea5.txt");
    let p = &hits[0]["passages"][0];
    let marked = mark(p["text"].as_str().unwrap(), &p["highlights"]);
    assert!(marked.contains("[Harbin]"), "{marked}");
    assert!(marked.contains("China-Russia [Expo]"), "{marked}");
    assert!(
        marked.starts_with("Russian state media has revealed plans"),
        "{marked}"
    );
}

#[test]
fn harbin_expo_on_a_terminal_is_highlighted_in_colour() {
    let env = indexed_corpus();
    let r = env.run(&["--color", "always", "search", "Harbin expo"]);
    r.assert_code(0);
    let out = r.stdout();
    let first = out
        .lines()
        .find(|l| l.contains("office in"))
        .expect("expo passage");
    assert!(first.contains("\u{1b}[31mHarbin\u{1b}[0m"), "{first:?}");
    assert!(first.contains("\u{1b}[31mExpo\u{1b}[0m"), "{first:?}");
}

#[test]
fn the_readme_prefix_and_fuzzy_example_finds_articles_with_both() {
    let env = indexed_corpus();
    let r = env.run(&["search", "-l", "expo*", "jinpng~"]);
    r.assert_code(0);
    assert!(
        !r.stderr().contains("no article holds all"),
        "{}",
        r.stderr()
    );
    assert_eq!(r.stdout(), "corpus/000_610c323dfd9cfea5.txt\n");
    for (q, n) in [("cooperat*", "4"), ("significan*", "2"), ("Jinpi*", "4")] {
        assert_eq!(env.run(&["search", "-c", q]).stdout().trim(), n, "{q}");
    }
}

#[test]
fn words_found_only_in_boilerplate_find_nothing() {
    let env = indexed_corpus();
    for word in [
        "Maliwal",
        "Ghatkopar",
        "Whatsapp",
        "indiawrites",
        "Hina Khan",
        "LatestLY",
    ] {
        let r = env.run(&["search", word]);
        assert_eq!(r.code(), 1, "{word} should not be found: {}", r.stdout());
        assert!(r.stdout().is_empty());
    }
    // They are kept, though, in the removed-lines field for those who ask.
    env.run(&["search", "removed:Maliwal"]).assert_code(0);
}

fn gold() -> Option<serde_json::Value> {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/seeds/gold.json is absent");
        return None;
    };
    let text = std::fs::read_to_string(shared.join("seeds/gold.json")).ok()?;
    Some(serde_json::from_str(&text).expect("gold.json parses"))
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn show_keeps_every_gold_body_line_and_no_boilerplate() {
    let Some(gold) = gold() else { return };
    let env = indexed_corpus();
    for art in gold["articles"].as_array().unwrap() {
        let file = art["file"].as_str().unwrap();
        let path = format!("corpus/{file}");
        let source = std::fs::read_to_string(env.path().join(&path)).unwrap();
        let lines: Vec<&str> = source.split('\n').collect();
        let shown = env.run(&["show", &path]);
        shown.assert_code(0);
        // The metadata header comes first, then a blank line, then the body. A gold
        // boilerplate line may also be metadata (an author's name), so boilerplate is looked
        // for in the body.
        let out = shown.stdout();
        let (_, body) = out.split_once("\n\n").expect("header and body");
        let shown = norm(body);
        for n in art["body"].as_array().unwrap() {
            let n = n.as_u64().unwrap() as usize;
            let mut text = norm(lines[n - 1]);
            if let Some(junk) = art["strip_prefix"].get(n.to_string()) {
                text = norm(&text[junk.as_str().unwrap().len()..]);
            }
            let duplicate = art["duplicate_of"].get(n.to_string()).is_some();
            assert!(
                duplicate || shown.contains(&text),
                "{file}:{n} missing: {text}"
            );
        }
        for n in art["boilerplate"].as_array().unwrap() {
            let text = norm(lines[n.as_u64().unwrap() as usize - 1]);
            assert!(
                !shown.contains(&text),
                "{file}:{n} boilerplate shown: {text}"
            );
        }
        if let Some(junk) = art["strip_prefix"].as_object() {
            for v in junk.values() {
                assert!(
                    !shown.contains(v.as_str().unwrap()),
                    "{file}: glued file name kept"
                );
            }
        }
    }
}

#[test]
fn metadata_matches_gold() {
    let Some(gold) = gold() else { return };
    let env = indexed_corpus();
    for art in gold["articles"].as_array().unwrap() {
        let file = art["file"].as_str().unwrap();
        let r = env.run(&["show", "--json", &format!("corpus/{file}")]);
        r.assert_code(0);
        let shown = &r.json_lines()[0];
        assert_eq!(shown["title"], art["title"], "{file}: title");
        let meta = &art["metadata"];
        let m = &shown["metadata"];
        let expect = |key: &str| meta.get(key).map(|v| v[1].clone());
        assert_eq!(
            expect("section").unwrap_or_default(),
            m["section"],
            "{file}: section"
        );
        // A news agency named in the dateline ("Moscow, Apr 16 (AP)") is the source
        // where the gold names none.
        let agency = expect("dateline").and_then(|d| {
            let d = d.as_str()?.to_owned();
            let open = d.rfind('(')?;
            Some(serde_json::Value::from(d[open + 1..].trim_end_matches(')')))
        });
        assert_eq!(
            expect("source").or(agency).unwrap_or_default(),
            m["source"],
            "{file}: source"
        );
        let authors: Vec<serde_json::Value> = expect("author").into_iter().collect();
        assert_eq!(
            serde_json::Value::from(authors),
            m["authors"],
            "{file}: authors"
        );
        let dateline = m["dateline"].get("text").cloned().unwrap_or_default();
        assert_eq!(
            expect("dateline").unwrap_or_default(),
            dateline,
            "{file}: dateline"
        );
        let tags = expect("tags").unwrap_or_else(|| serde_json::json!([]));
        assert_eq!(tags, m["tags"], "{file}: tags");
    }
}
