//! What the index remembers of the paths it was given: `newsq index` with no path walks
//! them again, `newsq prune` drops the articles whose files are gone wherever they came
//! from, a run says when articles of paths that are gone are left behind, and a search of
//! an index that holds nothing yet says why. (Issue 20.)

use crate::util::Env;

const BUDGET: &str = "Council votes on budget\n\nThe city council approved the budget on Tuesday after a long debate about schools.\n";
const PARKS: &str = "Council plants new parks\n\nThe city council planted three new parks on Friday after a short debate about trees.\n";
const FERRY: &str = "Ferry fares rise\n\nThe harbour board raised ferry fares on Monday for the second time this year.\n";

fn count(env: &Env, query: &str) -> String {
    env.run(&["search", "-c", query]).stdout()
}

#[test]
fn index_with_no_path_walks_again_what_was_indexed_and_deletes_what_is_gone() {
    let env = Env::new();
    env.write("news/a.txt", BUDGET);
    env.write("news/b.txt", PARKS);
    env.write("feeds/one.txt", FERRY);
    env.index(&["news"]);
    env.index(&["feeds/one.txt"]);
    std::fs::remove_file(env.path().join("news/a.txt")).unwrap();
    env.write("news/c.txt", BUDGET.replace("budget", "tramway"));
    let r = env.run(&["index"]);
    r.assert_code(0);
    assert!(
        r.stderr()
            .contains("3 files seen: 1 indexed, 2 unchanged, 0 skipped; 1 article deleted;"),
        "{}",
        r.stderr()
    );
    assert_eq!(count(&env, "budget"), "0\n");
    assert_eq!(count(&env, "tramway"), "1\n");
    assert_eq!(count(&env, "ferry"), "1\n");
    // --rebuild with no path rebuilds from the same paths.
    env.run(&["index", "--rebuild"]).assert_code(0);
    assert_eq!(count(&env, "council OR ferry"), "3\n");
}

#[test]
fn index_with_no_path_and_nothing_recorded_says_what_to_do() {
    let env = Env::new();
    let r = env.run(&["index"]);
    r.assert_code(2);
    assert_eq!(
        r.stderr(),
        "newsq: error: no PATH given and no index at index yet: name the files and folders to index (`newsq index PATH...`)\n"
    );
    assert!(!env.path().join("index").exists(), "no index is made");
    // An index written before roots were recorded: its state file names none.
    env.write("news/a.txt", BUDGET);
    env.index(&["news"]);
    env.write(
        "index/newsq.json",
        format!(
            r#"{{"format": {}, "written_by": "newsq 0.1.0"}}"#,
            newsq::index::FORMAT_VERSION
        ),
    );
    let r = env.run(&["index"]);
    r.assert_code(2);
    assert!(
        r.stderr()
            .contains("does not record what was indexed before"),
        "{}",
        r.stderr()
    );
    // When every path indexed before is gone, nothing changes and prune is named.
    env.index(&["news"]);
    std::fs::rename(env.path().join("news"), env.path().join("moved")).unwrap();
    let r = env.run(&["index"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("(news) no longer exist")
            && r.stderr().contains("left as it was")
            && r.stderr().contains("`newsq prune`"),
        "{}",
        r.stderr()
    );
    assert_eq!(count(&env, "budget"), "1\n");
}

#[test]
fn a_moved_corpus_leaves_articles_a_run_warns_of_and_prune_drops() {
    let env = Env::new();
    env.write("corpus/a.txt", BUDGET);
    env.write("corpus/sub/b.txt", PARKS);
    env.index(&["corpus"]);
    std::fs::rename(env.path().join("corpus"), env.path().join("corpus2")).unwrap();
    let r = env.run(&["index", "corpus2"]);
    r.assert_code(0);
    let err = r.stderr();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "newsq: warning: 2 articles from paths that no longer exist (corpus) are still searchable: `newsq prune` drops them"
    );
    assert!(
        lines[1].starts_with("newsq: 2 files seen: 2 indexed"),
        "{}",
        lines[1]
    );
    assert_eq!(count(&env, "council"), "4\n");
    // With no path, the moved corpus is walked, the gone one is not (and is named).
    let r = env.run(&["index"]);
    r.assert_code(0);
    assert!(
        r.stderr()
            .contains("2 articles from paths that no longer exist (corpus)"),
        "{}",
        r.stderr()
    );

    // A dry run lists what would go, and changes nothing.
    let r = env.run(&["prune", "--dry-run"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "corpus/a.txt\ncorpus/sub/b.txt\n");
    assert!(
        r.stderr().starts_with(
            "newsq: 2 articles would be pruned, their files gone (of 4 indexed); 1 path indexed before would be forgotten: corpus;"
        ),
        "{}",
        r.stderr()
    );
    assert_eq!(count(&env, "council"), "4\n");

    let r = env.run(&["prune"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "");
    assert!(
        r.stderr().starts_with(
            "newsq: 2 articles pruned, their files gone (of 4 indexed); 1 path indexed before forgotten: corpus;"
        ),
        "{}",
        r.stderr()
    );
    assert_eq!(count(&env, "council"), "2\n");
    let mut left: Vec<String> = env
        .run(&["search", "-l", "council"])
        .stdout()
        .lines()
        .map(str::to_owned)
        .collect();
    left.sort();
    assert_eq!(left, ["corpus2/a.txt", "corpus2/sub/b.txt"]);
    // Nothing is left to warn about, and pruning again drops nothing.
    let r = env.run(&["index"]);
    assert!(!r.stderr().contains("warning"), "{}", r.stderr());
    let r = env.run(&["prune"]);
    assert!(
        r.stderr()
            .starts_with("newsq: 0 articles pruned, their files gone (of 2 indexed);"),
        "{}",
        r.stderr()
    );
}

#[test]
fn prune_drops_gone_files_and_records_whatever_the_roots() {
    let env = Env::new();
    env.write("news/a.txt", BUDGET);
    env.write("news/b.txt", PARKS);
    env.write(
        "feed.jsonl",
        "{\"title\": \"Ferry fares rise\", \"text\": \"The harbour board raised ferry fares on Monday.\"}\n\
         {\"title\": \"Tram line opens\", \"text\": \"The new tram line opened on Sunday with free rides.\"}\n",
    );
    // Indexed file by file: no root holds them all.
    env.index(&["news/a.txt"]);
    env.index(&["news/b.txt", "feed.jsonl"]);
    std::fs::remove_file(env.path().join("news/a.txt")).unwrap();
    std::fs::remove_file(env.path().join("feed.jsonl")).unwrap();
    // A run over another path deletes nothing, and warns of the paths given before that
    // are gone.
    env.write(
        "other/c.txt",
        "Cable car closes\n\nThe cable car over the bay closed on Sunday for a month of repairs.\n",
    );
    let r = env.run(&["index", "other"]);
    assert!(
        r.stderr().contains(
            "warning: 3 articles from paths that no longer exist (feed.jsonl, news/a.txt) are still searchable"
        ),
        "{}",
        r.stderr()
    );
    assert_eq!(count(&env, "council OR harbour OR tram"), "4\n");
    assert_eq!(count(&env, "cable"), "1\n");
    let r = env.run(&["prune", "-n"]);
    assert_eq!(r.stdout(), "feed.jsonl:1\nfeed.jsonl:2\nnews/a.txt\n");
    env.run(&["prune"]).assert_code(0);
    let mut left: Vec<String> = env
        .run(&["search", "-l", "council OR harbour OR tram OR cable"])
        .stdout()
        .lines()
        .map(str::to_owned)
        .collect();
    left.sort();
    assert_eq!(left, ["news/b.txt", "other/c.txt"]);
}

#[test]
fn prune_needs_an_index_and_never_makes_one() {
    let env = Env::new();
    let r = env.run(&["prune"]);
    r.assert_code(2);
    assert!(r.stderr().contains("no index at index"), "{}", r.stderr());
    assert!(!env.path().join("index").exists());
}

/// Makes the index in `env` look as the first `newsq index` leaves it before its first
/// commit: tantivy's meta.json as `Index::create` writes it, no segment, no payload.
fn uncommitted(env: &Env) {
    let path = env.path().join("index/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    meta["segments"] = serde_json::json!([]);
    meta["payload"] = serde_json::Value::Null;
    meta["opstamp"] = serde_json::json!(0);
    std::fs::write(&path, meta.to_string()).unwrap();
}

#[test]
fn a_search_of_an_index_that_holds_nothing_yet_says_why() {
    use fs4::fs_std::FileExt;
    let env = Env::new();
    env.write("news/a.txt", BUDGET);
    env.index(&["news"]);
    uncommitted(&env);
    // The first run is writing: it holds the writer lock.
    let lock = std::fs::File::open(env.path().join("index/.tantivy-writer.lock")).unwrap();
    FileExt::lock_exclusive(&lock).unwrap();
    let r = env.run(&["search", "-c", "budget"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "0\n");
    assert_eq!(
        r.stderr(),
        "newsq: the index at index holds no articles yet: a `newsq index` run is writing it, and a search finds its articles once it commits them (every --commit-every articles, and at the end)\n"
    );
    drop(lock);
    // The run was killed before it committed.
    let r = env.run(&["search", "budget"]);
    r.assert_code(1);
    assert!(
        r.stderr().ends_with(
            "newsq: the index at index holds no articles yet: a `newsq index` run was stopped before it committed any; run it again\n"
        ),
        "{}",
        r.stderr()
    );
    // A run over no article files finished: the index is empty, and says so.
    let empty = Env::new();
    std::fs::create_dir(empty.path().join("nothing")).unwrap();
    empty.index(&["nothing"]);
    let r = empty.run(&["search", "-c", "budget"]);
    r.assert_code(1);
    assert_eq!(
        r.stderr(),
        "newsq: the index at index holds no articles (add some with `newsq index PATH...`)\n"
    );
    // An index with articles says nothing of the kind when a search finds none.
    let r = env.run(&["index", "--rebuild", "news"]);
    r.assert_code(0);
    let r = env.run(&["search", "-c", "zeppelin"]);
    r.assert_code(1);
    assert!(!r.stderr().contains("holds no articles"), "{}", r.stderr());
}
