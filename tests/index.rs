//! `newsq index`: the summary, re-indexing, bad input next to good input, bad index folders.

use crate::util::Env;

const GOOD: &str = "Council votes on budget\n\nThe city council approved the budget on Tuesday after a long debate about schools.\n";

#[test]
fn summary_counts_seen_indexed_skipped_and_removed() {
    let env = Env::with_corpus();
    let r = env.index(&["corpus"]);
    let err = r.stderr();
    let summary = err.lines().last().unwrap();
    assert!(summary.contains("5 files seen"), "{summary}");
    assert!(summary.contains("5 indexed"), "{summary}");
    assert!(summary.contains("0 skipped"), "{summary}");
    assert!(summary.contains("boilerplate lines removed"), "{summary}");
    assert!(summary.contains(" s "), "{summary}");
}

#[test]
fn indexing_again_replaces_never_duplicates() {
    let env = Env::new();
    env.write("news/a.txt", GOOD);
    env.index(&["news"]);
    env.index(&["news"]);
    env.index(&["news/a.txt"]);
    env.index(&["./news/../news"]);
    assert_eq!(env.run(&["search", "-c", "budget"]).stdout(), "1\n");
    // A changed file is re-read.
    env.write("news/a.txt", "Council votes on parks\n\nThe city council approved new parks on Tuesday after a short debate about trees.\n");
    env.index(&["news"]);
    assert_eq!(env.run(&["search", "-c", "budget"]).stdout(), "0\n");
    assert_eq!(env.run(&["search", "-c", "parks"]).stdout(), "1\n");
}

#[test]
fn bad_files_are_skipped_with_reasons_and_good_ones_indexed() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.write("news/empty.txt", "");
    env.write("news/blob.txt", b"\x89PNG\r\n\x1a\n\0\0\0binary");
    env.write("news/latin1.txt", b"Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town protested against the new rent rules on Sunday.\n");
    env.write("news/.hidden/secret.txt", GOOD);
    env.write("news/notes.pdf", "not an article");
    let r = env.run(&["index", "news"]);
    r.assert_code(0);
    let err = r.stderr();
    assert!(err.contains("empty.txt: empty"), "{err}");
    assert!(err.contains("blob.txt: binary"), "{err}");
    assert!(
        err.contains("latin1.txt: not UTF-8, read as windows-1252"),
        "{err}"
    );
    assert!(
        err.contains(
            "4 files seen: 2 indexed (1 converted to UTF-8), 0 unchanged, 2 skipped (1 binary, 1 empty)"
        ),
        "{err}"
    );
    assert_eq!(env.run(&["search", "-c", "budget"]).stdout(), "1\n");
    assert_eq!(
        env.run(&["search", "-l", "café"]).stdout(),
        "news/latin1.txt\n"
    );
}

#[test]
fn a_missing_path_is_an_error_but_the_rest_is_indexed() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    let r = env.run(&["index", "news", "nowhere"]);
    r.assert_code(2);
    assert!(r.stderr().contains("nowhere: not found"), "{}", r.stderr());
    assert_eq!(env.run(&["search", "-c", "budget"]).stdout(), "1\n");
}

#[test]
fn an_index_path_that_is_a_file_or_foreign_folder_is_refused() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.write("afile", "x");
    let r = env.run(&["--index", "afile", "index", "news"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("is a file, not a folder"),
        "{}",
        r.stderr()
    );
    env.write("stuff/keep.me", "precious");
    let r = env.run(&["--index", "stuff", "index", "news"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("holds no newsq index"),
        "{}",
        r.stderr()
    );
    assert!(env.path().join("stuff/keep.me").exists());
}

#[test]
fn index_location_from_environment() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    let r = env
        .newsq()
        .env("NEWSQ_INDEX", "elsewhere")
        .args(["index", "news"])
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(env.path().join("elsewhere/newsq.json").exists());
    let r = env
        .newsq()
        .env("NEWSQ_INDEX", "elsewhere")
        .args(["search", "-c", "budget"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&r.stdout), "1\n");
}

/// The file counts of a summary line, `N files seen (...): A indexed (...), U unchanged
/// (...), S skipped (...)`, as [N, A, U, S].
fn counts(summary: &str) -> [usize; 4] {
    let mut found = [None; 4];
    for part in summary.split([',', ';', ':']) {
        let Some((n, what)) = part.trim().split_once(' ') else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else { continue };
        let slot = if what.starts_with("file seen") || what.starts_with("files seen") {
            0
        } else if what.starts_with("indexed") {
            1
        } else if what.starts_with("unchanged") {
            2
        } else if what.starts_with("skipped") {
            3
        } else {
            continue;
        };
        assert!(found[slot].is_none(), "one count each: {summary}");
        found[slot] = Some(n);
    }
    found.map(|n| n.unwrap_or_else(|| panic!("every count in {summary}")))
}

#[test]
fn summary_files_add_up_with_records_links_and_skips() {
    let env = Env::new();
    env.write("news/a.txt", GOOD);
    env.write("news/b.txt", GOOD.replace("budget", "parks"));
    env.write("news/empty.txt", "");
    std::os::unix::fs::symlink("a.txt", env.path().join("news/link.txt")).unwrap();
    env.write("news/feed.jsonl", crate::formats::json_lines());
    let first = env.index(&["news"]).stderr();
    let summary = first.lines().last().unwrap();
    assert!(
        summary.starts_with(
            "newsq: 5 files seen (3 records, 2 bad records skipped): 3 indexed, 0 unchanged, 2 skipped (1 empty, 1 symlink not followed);"
        ),
        "{summary}"
    );
    let [seen, indexed, unchanged, skipped] = counts(summary);
    assert_eq!(seen, indexed + unchanged + skipped, "{summary}");

    // Nothing changed: the same files, now unchanged (the skipped ones are tried again);
    // the records of the unchanged file are still counted.
    let again = env.index(&["news"]).stderr();
    let summary = again.lines().last().unwrap();
    assert!(
        summary.starts_with(
            "newsq: 5 files seen (3 records): 0 indexed, 3 unchanged, 2 skipped (1 empty, 1 symlink not followed);"
        ),
        "{summary}"
    );
    assert_eq!(counts(summary), [5, 0, 3, 2], "{summary}");
}

#[test]
fn summary_uses_the_singular_for_one() {
    let env = Env::new();
    env.write(
        "news/one.txt",
        format!("{GOOD}READ MORE: Ferry services cut as fuel prices rise\n"),
    );
    let summary = env.index(&["news"]).stderr();
    assert!(
        summary.contains(
            "1 file seen: 1 indexed, 0 unchanged, 0 skipped; 1 boilerplate line removed;"
        ),
        "{summary}"
    );
    std::fs::remove_file(env.path().join("news/one.txt")).unwrap();
    env.write("news/two.txt", GOOD);
    let summary = env.index(&["news"]).stderr();
    assert!(summary.contains("; 1 article deleted;"), "{summary}");
    let shown = env.run(&["show", "news/two.txt"]).stdout();
    assert!(shown.contains("0 boilerplate lines"), "{shown}");
    env.write("feed.jsonl", format!("{}\n", crate::formats::json_object()));
    let summary = env.index(&["feed.jsonl"]).stderr();
    assert!(
        summary.contains("1 file seen (1 record): 1 indexed"),
        "{summary}"
    );
}

#[test]
fn a_path_that_does_not_exist_creates_no_index_and_changes_none() {
    let env = Env::new();
    let r = env.run(&["index", "corpus"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("corpus: not found") && r.stderr().contains("nothing to index"),
        "{}",
        r.stderr()
    );
    assert!(
        !env.path().join("index").exists(),
        "no index folder is made"
    );
    // An existing index keeps its articles when every path named is mistyped.
    env.write("news/good.txt", GOOD);
    env.index(&["news"]);
    env.run(&["index", "nws"]).assert_code(2);
    assert_eq!(env.run(&["search", "-c", "budget"]).stdout(), "1\n");
}

#[test]
fn one_file_named_two_ways_is_one_article() {
    let env = Env::with_corpus();
    let files = std::fs::read_dir(env.path().join("corpus"))
        .unwrap()
        .count();
    let abs = env.path().join("corpus");
    let r = env.index(&["corpus", abs.to_str().unwrap(), "./corpus"]);
    assert!(
        r.stderr()
            .contains(&format!("{files} files seen: {files} indexed")),
        "{}",
        r.stderr()
    );
    let count = env.run(&["search", "-c", "*"]).stdout();
    assert_eq!(count.trim(), files.to_string());
}

#[test]
fn a_rebuild_from_paths_without_articles_leaves_the_index_as_it_was() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let before = env.run(&["search", "-c", "*"]).stdout();
    std::fs::create_dir(env.path().join("empty")).unwrap();
    let r = env.run(&["index", "--rebuild", "empty"]);
    r.assert_code(2);
    assert!(r.stderr().contains("left as it was"), "{}", r.stderr());
    assert_eq!(env.run(&["search", "-c", "*"]).stdout(), before);
    // A rebuild from the corpus replaces every article in one commit.
    std::fs::remove_file(
        std::fs::read_dir(env.path().join("corpus"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    env.index(&["--rebuild", "corpus"]);
    let after: usize = env
        .run(&["search", "-c", "*"])
        .stdout()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(after + 1, before.trim().parse::<usize>().unwrap());
}

#[test]
fn articles_an_earlier_cleaner_cleaned_are_named_until_a_rebuild() {
    let env = Env::new();
    env.write("news/a.txt", GOOD);
    env.index(&["news"]);
    // An index written before cleaner versions were recorded: no "cleaner" field.
    let state_path = env.path().join("index/newsq.json");
    let mut state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_path).unwrap()).unwrap();
    assert!(state["cleaner"].as_u64().is_some_and(|v| v >= 2), "{state}");
    state.as_object_mut().unwrap().remove("cleaner");
    std::fs::write(&state_path, state.to_string()).unwrap();
    env.write("news/b.txt", GOOD.replace("budget", "plan"));
    let r = env.index(&["news"]);
    assert!(
        r.stderr().contains(
            "warning: 1 article was cleaned by an earlier newsq's cleaner: `newsq index --rebuild` cleans it again"
        ),
        "{}",
        r.stderr()
    );
    let r = env.index(&["--rebuild", "news"]);
    assert!(!r.stderr().contains("earlier newsq"), "{}", r.stderr());
    let r = env.index(&["news"]);
    assert!(!r.stderr().contains("earlier newsq"), "{}", r.stderr());
}

#[test]
fn any_number_of_threads_builds_the_same_index() {
    let env = Env::with_corpus();
    for (j, dir) in [("1", "one"), ("3", "three")] {
        env.index(&["-j", j, "--index", dir, "corpus"]);
    }
    let hits = |dir: &str, q: &str| -> Vec<(String, String)> {
        env.search_json(&["--index", dir, q])
            .iter()
            .map(|h| (h["path"].to_string(), h["score"].to_string()))
            .collect()
    };
    for q in ["Harbin expo", "Xi Putin", "the", "trade OR talks"] {
        let one = hits("one", q);
        assert!(!one.is_empty(), "{q}: nothing found");
        assert_eq!(one, hits("three", q), "{q}");
    }
    let r = env.run(&["index", "-j", "0", "corpus"]);
    r.assert_code(2);
    assert!(r.stderr().contains("--threads"), "{}", r.stderr());
}
