//! `newsq stats`: the numbers of an index, as text and JSON.

use crate::formats;
use crate::util::Env;

#[test]
fn numbers_of_a_small_index() {
    let env = Env::new();
    env.write("news/cranes.txt", formats::text());
    env.write("news/feed.jsonl", formats::json_lines());
    env.write(
        "news/undated.txt",
        "Quiet week at the harbor\n\nNothing much happened at the harbor this week, the harbor master told reporters on the quay.\n",
    );
    let summary = env.index(&["news"]).stderr();
    let removed: usize = summary
        .split("; ")
        .find_map(|p| p.strip_suffix(" boilerplate lines removed"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(removed >= 2, "{summary}");

    let r = env.run(&["stats", "--json"]);
    r.assert_code(0);
    let s: serde_json::Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(s["articles"], 5);
    assert_eq!(s["files"], 3);
    assert_eq!(s["dates"]["first"], "2022-03-08");
    assert_eq!(s["dates"]["last"], "2024-05-16");
    assert_eq!(s["dates"]["dated"], 4);
    assert_eq!(s["dates"]["undated"], 1);
    assert_eq!(s["removed_lines"], removed);
    assert_eq!(s["distinct_sources"], 3);
    assert_eq!(s["without_source"], 2);
    let sources: Vec<&str> = s["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["Elm Times", "River Voice", "harbortimes.example"]);
    let rules: Vec<&str> = s["removed_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"read-more"), "{rules:?}");
    assert_eq!(s["languages"][0]["value"], "eng");
    assert!(s["index_bytes"].as_u64().unwrap() > 1000);

    let human = env.run(&["stats", "-n", "1"]);
    human.assert_code(0);
    let out = human.stdout();
    assert!(out.contains("articles     5 (from 3 files)"), "{out}");
    assert!(
        out.contains("dates        2022-03-08 to 2024-05-16 (4 dated, 1 undated)"),
        "{out}"
    );
    assert!(out.contains("1  Elm Times"), "{out}");
    assert!(!out.contains("River Voice"), "-n 1 lists one source: {out}");
    assert!(
        out.contains(&format!("boilerplate  {removed} lines removed")),
        "{out}"
    );
    env.run(&["--index", "nowhere", "stats"]).assert_code(2);
}
