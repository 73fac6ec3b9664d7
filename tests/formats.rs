//! Input formats: one made-up article written as text, JSON, JSON lines, HTML and gzip of
//! each is found by the same query, with its title, author and date taken from the
//! format; bad records next to good ones; record paths; field overrides; incremental runs
//! over files of records.

use std::io::Write;

use crate::util::Env;

pub const TITLE: &str = "Harbor cranes idle as dock workers strike in Portsmouth";

const PARAGRAPHS: [&str; 3] = [
    "PORTSMOUTH — Cranes stood idle at the container terminal on Thursday as dock workers walked off the job for a second day, leaving a dozen ships waiting offshore.",
    "The union said the strike would continue until the port authority agreed to talks on pay and shift lengths, which it says have grown longer every year.",
    "Port officials said perishable cargo was being diverted to Southampton, and warned that shelves in local shops could empty within a week.",
];

/// The article as a scraper saves plain text: title, byline, date line, story, a link.
pub fn text() -> String {
    format!(
        "{TITLE}\nBy Jane Roe\nMay 16, 2024\n\n{}\nREAD MORE: Ferry services cut as fuel prices rise\n",
        PARAGRAPHS.join("\n")
    )
}

/// The article as one JSON object, news-please style.
pub fn json_object() -> serde_json::Value {
    serde_json::json!({
        "title": TITLE,
        "maintext": PARAGRAPHS.join("\n"),
        "authors": ["Jane Roe"],
        "date_publish": "2024-05-16 08:00:00",
        "source_domain": "harbortimes.example",
        "url": "https://harbortimes.example/cranes",
    })
}

/// JSON lines: two other articles, a broken line, the article on line 3, a record
/// without text.
pub fn json_lines() -> String {
    let bakery = serde_json::json!({
        "title": "Bakery wins prize for sourdough",
        "text": "The small bakery on Elm Street won the regional prize for its sourdough loaf on Saturday, beating forty other entries from across the county.",
        "author": "Sam Baker",
        "date": "2023-09-02",
        "sitename": "Elm Times",
    });
    let bridge = serde_json::json!({
        "headline": "Council approves new footbridge",
        "body": "The city council approved plans for a new footbridge over the river on Tuesday, after two years of debate about its cost and design.",
        "published": "2022-03-08T09:30:00Z",
        "source": {"id": "rv", "name": "River Voice"},
    });
    format!(
        "{bakery}\n{{\"title\": \"broken\n{}\n{{\"title\": \"No text here\"}}\n{bridge}\n",
        json_object()
    )
}

/// The article as an HTML page: navigation, the story, a footer; metadata in meta tags.
pub fn html() -> String {
    let paras: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{TITLE} | Harbor Times</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Harbor Times">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-16T08:00:00Z">
<script>window.ads = ["<p>not text</p>"];</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{TITLE}</h1>
<p class="byline">By Jane Roe</p>
<time datetime="2024-05-16">May 16, 2024</time>
{paras}</article>
<footer>&copy; 2024 Harbor Times. All rights reserved.</footer>
</body></html>
"#
    )
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Every format, as (file name, bytes, the path the article gets in the index).
pub fn every_format() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let json = serde_json::to_vec_pretty(&json_object()).unwrap();
    vec![
        ("cranes.txt", text().into_bytes(), "cranes.txt"),
        ("cranes.json", json.clone(), "cranes.json:1"),
        ("feed.jsonl", json_lines().into_bytes(), "feed.jsonl:3"),
        ("cranes.html", html().into_bytes(), "cranes.html"),
        ("cranes.txt.gz", gzip(text().as_bytes()), "cranes.txt.gz"),
        ("cranes.json.gz", gzip(&json), "cranes.json.gz:1"),
        (
            "feed.ndjson.gz",
            gzip(json_lines().as_bytes()),
            "feed.ndjson.gz:3",
        ),
        ("cranes.htm.gz", gzip(html().as_bytes()), "cranes.htm.gz"),
    ]
}

/// Every matching path, sorted (`-l` lists them by rank).
fn sorted_paths(env: &Env, query: &str) -> Vec<String> {
    let mut paths: Vec<String> = env
        .run(&["search", "-l", query])
        .stdout()
        .lines()
        .map(str::to_owned)
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_same_article_is_found_in_every_format() {
    let env = Env::new();
    for (i, (name, bytes, path)) in every_format().into_iter().enumerate() {
        let folder = format!("in{i}");
        env.write(&format!("{folder}/{name}"), bytes);
        let index = format!("ix{i}");
        let r = env.run(&["--index", &index, "index", &folder]);
        r.assert_code(0);
        let hits = env.search_json(&["--index", &index, "harbor cranes strike"]);
        assert_eq!(hits.len(), 1, "{name}: {hits:?}\n{}", r.stderr());
        let hit = &hits[0];
        assert_eq!(hit["path"], format!("{folder}/{path}"), "{name}");
        assert_eq!(hit["title"], TITLE, "{name}");
        let m = &hit["metadata"];
        assert_eq!(m["authors"], serde_json::json!(["Jane Roe"]), "{name}");
        assert_eq!(m["date"], "2024-05-16", "{name}");
        assert!(
            hit["passages"][0]["text"]
                .as_str()
                .unwrap()
                .contains("Cranes stood idle"),
            "{name}: {hit}"
        );
        // The metadata each format gives beside the text wins and says so.
        let (source, date_source) = match name {
            n if n.contains("json") => ("harbortimes.example", "record"),
            n if n.contains("htm") => ("Harbor Times", "page"),
            _ => ("", "timestamp"),
        };
        if !source.is_empty() {
            assert_eq!(m["source"], source, "{name}");
        }
        assert_eq!(m["date_source"], date_source, "{name}");
        // Every path the index shows is one `show` takes.
        env.run(&["--index", &index, "show", &format!("{folder}/{path}")])
            .assert_code(0);
    }
}

#[test]
fn bad_records_are_skipped_with_their_lines_and_the_rest_indexed() {
    let env = Env::new();
    env.write("news/feed.jsonl", json_lines());
    let r = env.run(&["index", "news"]);
    r.assert_code(0);
    let err = r.stderr();
    assert!(
        err.contains("news/feed.jsonl:2: skipped record: not valid JSON"),
        "{err}"
    );
    assert!(
        err.contains("news/feed.jsonl:4: skipped record: no text"),
        "{err}"
    );
    assert!(err.contains("--field text=KEY"), "{err}");
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains("1 file seen (3 records, 2 bad records skipped): 1 indexed"),
        "{summary}"
    );
    assert_eq!(
        sorted_paths(&env, "council OR bakery OR cranes"),
        [
            "news/feed.jsonl:1",
            "news/feed.jsonl:3",
            "news/feed.jsonl:5"
        ]
    );
    // Metadata under other common keys: a source object with a name, an ISO timestamp.
    let show = env.run(&["show", "--json", "news/feed.jsonl:5"]);
    show.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&show.stdout()).unwrap();
    assert_eq!(v["title"], "Council approves new footbridge");
    assert_eq!(v["metadata"]["source"], "River Voice");
    assert_eq!(v["metadata"]["date"], "2022-03-08");
    // A line that holds no record is not an article: the message lists those that are.
    let r = env.run(&["show", "news/feed.jsonl:2"]);
    r.assert_code(1);
    assert!(
        r.stderr().contains(
            "no record of news/feed.jsonl starts on line 2; its records are news/feed.jsonl:1, news/feed.jsonl:3, news/feed.jsonl:5"
        ),
        "{}",
        r.stderr()
    );
    // The file itself is no article: the message says how to name one.
    let r = env.run(&["show", "news/feed.jsonl"]);
    r.assert_code(1);
    assert!(
        r.stderr().contains("news/feed.jsonl:LINE"),
        "{}",
        r.stderr()
    );
}

#[test]
fn a_record_not_indexed_is_indexed_through_its_file() {
    let env = Env::new();
    env.write("news/cranes.txt", text());
    env.write("feeds/feed.jsonl", json_lines());
    env.index(&["news"]);
    // `newsq index feeds/feed.jsonl:3` cannot work: the advice names the file.
    for cmd in ["show", "similar"] {
        let r = env.run(&[cmd, "feeds/feed.jsonl:3"]);
        r.assert_code(1);
        assert!(
            r.stderr()
                .contains("index its file with `newsq index feeds/feed.jsonl`"),
            "{cmd}: {}",
            r.stderr()
        );
        assert!(
            !r.stderr().contains("newsq index feeds/feed.jsonl:3"),
            "{}",
            r.stderr()
        );
    }
    env.index(&["feeds/feed.jsonl"]);
    env.run(&["show", "feeds/feed.jsonl:3"]).assert_code(0);
}

#[test]
fn records_sharing_a_line_are_named_by_column() {
    let env = Env::new();
    let first =
        r#"{"title":"First harbor note","text":"The first note says the harbor opens at dawn."}"#;
    let second = r#"{"title":"Second harbor note","text":"The second note says the harbor closes at dusk."}"#;
    env.write("a.json", format!("[{first},{second}]"));
    env.index(&["a.json"]);
    // Columns count bytes from 1: `[` is column 1.
    let second_at = format!("a.json:1:{}", first.len() + 3);
    assert_eq!(
        sorted_paths(&env, "harbor"),
        ["a.json:1:2".to_owned(), second_at.clone()]
    );
    let show = env.run(&["show", &second_at]);
    show.assert_code(0);
    assert!(
        show.stdout().contains("Second harbor note"),
        "{}",
        show.stdout()
    );
}

#[test]
fn field_names_can_be_overridden() {
    let env = Env::new();
    env.write(
        "feed.jsonl",
        r#"{"hed": "Ferry timetable changes", "story": "The ferry company will run fewer crossings in winter, the harbor office said on Monday.", "text": "ignored", "writer": "Kim Lee"}"#,
    );
    env.index(&[
        "--field",
        "text=story",
        "--field",
        "title=hed",
        "--field",
        "author=writer",
        "feed.jsonl",
    ]);
    let hits = env.search_json(&["crossings"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Ferry timetable changes");
    assert_eq!(
        hits[0]["metadata"]["authors"],
        serde_json::json!(["Kim Lee"])
    );
    let r = env.run(&["index", "--field", "colour=x", "feed.jsonl"]);
    r.assert_code(2);
    assert!(r.stderr().contains("unknown field"), "{}", r.stderr());
}

#[test]
fn a_changed_file_of_records_replaces_all_its_records_and_a_deleted_one_takes_them_along() {
    let env = Env::new();
    env.write("news/feed.jsonl", json_lines());
    env.write("news/cranes.txt", text());
    env.index(&["news"]);
    assert_eq!(
        env.run(&["search", "-c", "bakery OR footbridge"]).stdout(),
        "2\n"
    );
    let again = env.index(&["news"]).stderr();
    assert!(again.contains(" 0 indexed"), "{again}");
    assert!(again.contains("2 unchanged"), "{again}");

    // Fewer records, one changed: the vanished one goes, the changed one is new.
    let one = serde_json::json!({"title": "Bakery closes", "text": "The bakery on Elm Street closed its doors for good on Sunday after thirty years."});
    env.write("news/feed.jsonl", format!("{one}\n"));
    let r = env.index(&["news"]).stderr();
    assert!(r.contains("1 indexed"), "{r}");
    assert_eq!(
        env.run(&["search", "-l", "bakery OR footbridge OR sourdough"])
            .stdout(),
        "news/feed.jsonl:1\n"
    );
    assert_eq!(env.run(&["search", "-c", "closed"]).stdout(), "1\n");

    // The same final folder, indexed fresh, gives the same export.
    env.run(&["--index", "fresh", "index", "news"])
        .assert_code(0);
    assert_eq!(
        env.run(&["export"]).stdout(),
        env.run(&["--index", "fresh", "export"]).stdout()
    );

    std::fs::remove_file(env.path().join("news/feed.jsonl")).unwrap();
    let r = env.index(&["news"]).stderr();
    assert!(r.contains("1 article deleted"), "{r}");
    assert_eq!(env.run(&["search", "-c", "bakery"]).stdout(), "0\n");
    assert_eq!(env.run(&["search", "-c", "cranes"]).stdout(), "1\n");
}

#[test]
fn gzip_is_capped_and_damage_is_reported() {
    let env = Env::new();
    env.write("news/good.txt", text());
    let big = format!(
        "Long report\n\n{}\n",
        "The report was very long indeed. ".repeat(400)
    );
    env.write("news/big.txt.gz", gzip(big.as_bytes()));
    env.write("news/broken.jsonl.gz", &gzip(json_lines().as_bytes())[..40]);
    let r = env.run(&["index", "--max-file-size", "4K", "news"]);
    r.assert_code(0);
    let err = r.stderr();
    assert!(
        err.contains("big.txt.gz: too large (decompresses to more than"),
        "{err}"
    );
    assert!(err.contains("broken.jsonl.gz: damaged"), "{err}");
    assert!(err.contains("2 skipped (1 damaged, 1 too large)"), "{err}");
    assert_eq!(env.run(&["search", "-c", "cranes"]).stdout(), "1\n");
}

#[test]
fn files_named_on_the_command_line_are_read_by_content() {
    let env = Env::new();
    env.write("dump", json_lines());
    env.write("saved-page", html());
    env.write("weird:3", text());
    let r = env.run(&["index", "dump", "saved-page", "weird:3"]);
    r.assert_code(0);
    assert!(
        r.stderr().contains("weird:3: ambiguous name"),
        "{}",
        r.stderr()
    );
    assert_eq!(sorted_paths(&env, "cranes"), ["dump:3", "saved-page"]);
}

#[test]
fn an_index_inside_the_corpus_folder_is_not_read() {
    let env = Env::new();
    env.write("cranes.json", serde_json::to_vec(&json_object()).unwrap());
    env.index(&["."]);
    let r = env.index(&["."]);
    assert!(r.stderr().contains("1 file seen"), "{}", r.stderr());
    assert!(!r.stderr().contains("skipped record"), "{}", r.stderr());
}

#[test]
fn clean_reads_every_format() {
    let env = Env::new();
    env.write("page.html", html());
    env.write("feed.jsonl.gz", gzip(json_lines().as_bytes()));
    let r = env.run(&["clean", "--explain", "page.html", "feed.jsonl.gz"]);
    r.assert_code(0);
    let out = r.stdout();
    assert!(out.contains("title: Harbor cranes idle"), "{out}");
    assert!(out.contains("feed.jsonl.gz:3\n"), "{out}");
    assert!(!out.contains("not text"), "scripts are dropped: {out}");
    assert!(
        r.stderr().contains("feed.jsonl.gz:2: skipped record"),
        "{}",
        r.stderr()
    );
}

/// A NewsAPI `/v2/everything` response, as its documentation shows one (texts made up).
const NEWSAPI: &str = r#"{
  "status": "ok",
  "totalResults": 2,
  "articles": [
    {
      "source": {"id": null, "name": "Harbor Times"},
      "author": "Jane Roe",
      "title": "Harbor cranes idle as dock workers strike",
      "description": "Dock workers walked off the job for a second day.",
      "url": "https://harbortimes.example/cranes",
      "urlToImage": "https://harbortimes.example/cranes.jpg",
      "publishedAt": "2024-05-16T08:00:00Z",
      "content": "Cranes stood idle at the container terminal on Thursday as dock workers walked off the job… [+2870 chars]"
    },
    {
      "source": {"id": "elm", "name": "Elm Times"},
      "author": null,
      "title": "Bakery wins prize for sourdough",
      "description": "The small bakery on Elm Street won the regional prize for its sourdough loaf.",
      "url": "https://elmtimes.example/bakery",
      "publishedAt": "2023-09-02T10:00:00Z",
      "content": null
    }
  ]
}
"#;

#[test]
fn a_newsapi_response_is_read_as_its_articles() {
    let env = Env::new();
    env.write("api/newsapi.json", NEWSAPI);
    let r = env.index(&["api"]);
    assert!(
        r.stderr()
            .contains("1 file seen (2 records): 1 indexed, 0 unchanged, 0 skipped"),
        "{}",
        r.stderr()
    );
    let hits = env.search_json(&["cranes"]);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["path"], "api/newsapi.json:5");
    assert_eq!(hit["title"], "Harbor cranes idle as dock workers strike");
    assert_eq!(hit["metadata"]["source"], "Harbor Times");
    assert_eq!(hit["metadata"]["authors"], serde_json::json!(["Jane Roe"]));
    assert_eq!(hit["metadata"]["date"], "2024-05-16");
    // NewsAPI's mark of where it cut the story is not story text.
    let shown = env.run(&["show", "api/newsapi.json:5"]).stdout();
    assert!(!shown.contains("chars]"), "{shown}");
    // No content: the description stands in.
    let hits = env.search_json(&["sourdough"]);
    assert_eq!(hits[0]["path"], "api/newsapi.json:15");
}

#[test]
fn records_at_names_the_array_and_field_keys_read_in_each_record() {
    let env = Env::new();
    let dump = serde_json::json!({
        "page": 1,
        "feed": {"picks": [
            {"hed": "Tram line opens", "copy": "The new tram line opened on Sunday with free rides for a week."},
            {"hed": "Ferry fares rise", "copy": "The harbour board raised ferry fares on Monday for the second time."}
        ]},
        "related": [{"copy": "A list of other links, not stories."}]
    });
    env.write("dump.json", format!("{dump:#}\n"));
    // Two arrays hold objects with text under `copy`, neither of a usual name: newsq
    // cannot tell, and says so.
    let r = env.run(&["index", "--field", "text=copy", "dump.json"]);
    assert!(
        r.stderr().contains(
            "dump.json:1: skipped record: no text: none of the keys copy holds any (it holds arrays of objects under feed.picks, related: name the one of articles with --records-at KEY"
        ),
        "{}",
        r.stderr()
    );
    // Named: each record is read with the keys as a user reading the dump writes them.
    let r = env.run(&[
        "index",
        "--rebuild",
        "--records-at",
        "feed.picks",
        "--field",
        "text=feed.picks.copy",
        "--field",
        "title=hed",
        "dump.json",
    ]);
    r.assert_code(0);
    assert!(
        r.stderr().contains("1 file seen (2 records)"),
        "{}",
        r.stderr()
    );
    let hits = env.search_json(&["ferry"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Ferry fares rise");
    assert_eq!(env.run(&["search", "-c", "links"]).stdout(), "0\n");
    let r = env.run(&["index", "--records-at", "", "dump.json"]);
    r.assert_code(2);
    assert!(r.stderr().contains("is not a key"), "{}", r.stderr());
}

/// A record names its title; a short first paragraph of its text stays in the story
/// (it was taken for a headline, and its words were found nowhere), while a text that
/// opens with the title itself does not repeat it.
#[test]
fn a_records_short_first_paragraph_is_story_unless_it_is_the_title() {
    let env = Env::new();
    let story = "The union said the strike would last three days, and commuters were told to expect cancellations on every line into the city centre. Talks with the operator broke down late on Sunday after the two sides failed to agree on pay.";
    let records = [
        serde_json::json!({
            "title": "Rail workers strike in Valmora",
            "text": format!("Rail workers in Valmora walked out on Monday.\n\n{story}"),
        }),
        serde_json::json!({
            "title": "Dock workers strike in Eastmouth",
            "text": format!("Dock workers strike in Eastmouth\n\n{}", story.replace("strike", "stoppage")),
        }),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    env.write("news/feed.jsonl", lines.join("\n") + "\n");
    env.index(&["news"]).assert_code(0);
    let hits = env.search_json(&["walked", "Monday"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["path"], "news/feed.jsonl:1");
    assert_eq!(hits[0]["title"], "Rail workers strike in Valmora");
    let r = env.run(&["show", "--json", "news/feed.jsonl:1"]);
    r.assert_code(0);
    let shown: serde_json::Value = serde_json::from_str(r.stdout().trim()).unwrap();
    assert_eq!(
        shown["paragraphs"][0],
        "Rail workers in Valmora walked out on Monday."
    );
    let r = env.run(&["show", "--json", "news/feed.jsonl:2"]);
    let shown: serde_json::Value = serde_json::from_str(r.stdout().trim()).unwrap();
    let first = shown["paragraphs"][0].as_str().unwrap();
    assert!(first.starts_with("The union said"), "{first}");
}
