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
        err.contains("4 files seen, 2 indexed, 2 skipped (1 binary, 1 empty)"),
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
