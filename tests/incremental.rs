//! The invariant of incremental indexing: indexing a folder in several steps (files added,
//! changed and deleted between runs, template lines appearing and vanishing) gives the
//! same searchable state as one fresh run over the final folder.

use crate::corpus_gen as generated;
use crate::util::Env;

fn state(env: &Env, index: &str) -> (String, Vec<String>) {
    let export = env.run(&["--index", index, "export"]);
    export.assert_code(0);
    let mut searches = Vec::new();
    // The sets of matches must agree. Their order may differ among near-equal scores:
    // merging away replaced articles, tantivy estimates the field lengths it subtracts.
    for q in [
        "council budget",
        "harbour",
        "\"river bridge\"",
        "storm OR flood",
        "courier",
        "reporter",
    ] {
        let mut hits: Vec<String> = env
            .run(&["--index", index, "search", "-l", q])
            .stdout()
            .lines()
            .map(str::to_owned)
            .collect();
        hits.sort();
        searches.push(hits.join("\n"));
    }
    for f in ["author", "year"] {
        searches.push(env.run(&["--index", index, "facets", f]).stdout());
    }
    (export.stdout(), searches)
}

#[test]
fn several_steps_equal_one_fresh_run() {
    let env = Env::new();
    generated::write(&env, "corpus", 0..40);
    let step = |env: &Env| {
        let r = env.run(&["--index", "steps", "index", "corpus"]);
        r.assert_code(0);
        r.stderr()
    };
    step(&env);

    // Add articles. A line of an old, unchanged article now recurs under three new ones:
    // it becomes a template line, so the old article must be cleaned again.
    generated::write(&env, "corpus", 40..55);
    let extra = "Unique closing note 10 0 for this article alone, written today.";
    for i in [1u64, 2, 41, 42] {
        env.write(
            &format!("corpus/a{i:05}.txt"),
            format!("{}{extra}\n", generated::article(i, 0)),
        );
    }
    // Change some, delete some.
    for i in [5u64, 6, 7] {
        env.write(&format!("corpus/a{i:05}.txt"), generated::article(i, 1));
    }
    for i in [8u64, 9, 13] {
        std::fs::remove_file(env.path().join(format!("corpus/a{i:05}.txt"))).unwrap();
    }
    let out = step(&env);
    assert!(out.contains("3 articles deleted"), "{out}");
    assert!(
        out.contains("cleaned again"),
        "template lines changed, so old articles are cleaned again: {out}"
    );

    // The new template line disappears again from one article; a sidecar adds a date.
    env.write("corpus/a00002.txt", generated::article(2, 0));
    env.write("corpus/a00003.txt.meta.json", r#"{"date": "2020-02-02"}"#);
    std::fs::remove_file(env.path().join("corpus/a00020.txt")).unwrap();
    step(&env);
    let unchanged = step(&env);
    assert!(
        unchanged.contains(" 0 indexed"),
        "a re-run over an unchanged folder reads nothing: {unchanged}"
    );

    env.run(&["--index", "fresh", "index", "corpus"])
        .assert_code(0);
    let (steps_export, steps_search) = state(&env, "steps");
    let (fresh_export, fresh_search) = state(&env, "fresh");
    assert_eq!(steps_export.lines().count(), fresh_export.lines().count());
    for (a, b) in steps_export.lines().zip(fresh_export.lines()) {
        assert_eq!(a, b);
    }
    assert_eq!(steps_search, fresh_search);
    assert!(fresh_export.contains("2020-02-02"));
}
