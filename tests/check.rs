//! Damage: `newsq check` verifies every file's checksum, newsq's state file and the stored
//! articles; `newsq index` finds damage before it changes anything; and every error from
//! inside the index says "index" and how to rebuild it. (Issue 20.)

use crate::util::{Env, copy_dir};

/// An indexed copy of the repository's corpus, and a copy of its index in `damaged/`
/// whose files of extension `ext` went through `harm`.
fn damaged(ext: &str, harm: impl Fn(&mut Vec<u8>)) -> Env {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    copy_dir(&env.path().join("index"), &env.path().join("damaged"));
    for entry in std::fs::read_dir(env.path().join("damaged")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == ext) {
            let mut bytes = std::fs::read(&path).unwrap();
            harm(&mut bytes);
            std::fs::write(&path, bytes).unwrap();
        }
    }
    env
}

/// The one segment file of extension `ext` in `dir`, by name.
fn file_of(env: &Env, dir: &str, ext: &str) -> String {
    std::fs::read_dir(env.path().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(&format!(".{ext}")))
        .unwrap()
}

const REBUILD: &str = "rebuild it with `newsq --index damaged index --rebuild`";

#[test]
fn check_reports_a_sound_index_and_what_to_know() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let r = env.run(&["check"]);
    r.assert_code(0);
    let out = r.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "index        index (written by newsq {})",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(lines[1], "roots        corpus");
    assert_eq!(lines[2], "articles     5 in 1 segment");
    assert!(
        lines[3].starts_with("files        6 (") && lines[3].ends_with("): checksums hold"),
        "{out}"
    );
    assert_eq!(lines[4], "documents    5 read: paths and metadata hold");
    assert_eq!(lines[5], "result       sound");
    assert_eq!(r.stderr(), "");
    // A root that is gone and a run that did not finish are said, and are not damage.
    std::fs::rename(env.path().join("corpus"), env.path().join("moved")).unwrap();
    let meta = env.path().join("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("newsq:complete", "newsq:partial")).unwrap();
    let r = env.run(&["check"]);
    r.assert_code(0);
    assert!(
        r.stdout().contains("roots        corpus (gone)"),
        "{}",
        r.stdout()
    );
    assert_eq!(
        r.stderr(),
        "newsq: warning: corpus, indexed before, no longer exists: its articles stay searchable until `newsq prune` drops them\n\
         newsq: warning: the last `newsq index` run did not finish: run it again to complete the index\n"
    );
    // No index: nothing to check.
    let r = Env::new().run(&["check"]);
    r.assert_code(2);
    assert!(r.stderr().contains("no index at index"), "{}", r.stderr());
}

#[test]
fn a_byte_flipped_in_postings_is_found_by_check_and_by_index() {
    let env = damaged("idx", |b| b[100] ^= 0x5a);
    let idx = file_of(&env, "damaged", "idx");
    let expected = format!(
        "newsq: error: the index at damaged is damaged (1 file fails its checksum: {idx}): {REBUILD}\n"
    );
    let r = env.run(&["--index", "damaged", "check"]);
    r.assert_code(2);
    assert!(
        r.stdout().ends_with("result       damaged\n"),
        "{}",
        r.stdout()
    );
    assert_eq!(r.stderr(), expected);
    // `newsq index` finds it too, with nothing to do as with something to change; it
    // stops before it changes anything (a merge would give the damaged bytes fresh
    // checksums).
    let r = env.run(&["--index", "damaged", "index", "corpus"]);
    r.assert_code(2);
    assert_eq!(r.stderr(), expected);
    env.write(
        "corpus/new.txt",
        "Ferry fares rise\n\nThe harbour board raised ferry fares on Monday for the second time this year.\n",
    );
    let before = std::fs::read(env.path().join("damaged/meta.json")).unwrap();
    let r = env.run(&["--index", "damaged", "index", "corpus"]);
    r.assert_code(2);
    assert_eq!(r.stderr(), expected);
    assert_eq!(
        std::fs::read(env.path().join("damaged/meta.json")).unwrap(),
        before,
        "nothing was committed"
    );
    // The command it names rebuilds it, from the paths the index recorded.
    env.run(&["--index", "damaged", "index", "--rebuild"])
        .assert_code(0);
    env.run(&["--index", "damaged", "check"]).assert_code(0);
    assert_eq!(
        env.run(&["--index", "damaged", "search", "-c", "ferry"])
            .stdout(),
        "1\n"
    );
}

#[test]
fn cut_and_missing_files_are_named() {
    let env = damaged("store", |b| b.truncate(b.len() / 2));
    let store = file_of(&env, "damaged", "store");
    let pos = file_of(&env, "damaged", "pos");
    std::fs::remove_file(env.path().join("damaged").join(&pos)).unwrap();
    let r = env.run(&["--index", "damaged", "check"]);
    r.assert_code(2);
    assert_eq!(
        r.stderr(),
        format!(
            "newsq: error: the index at damaged is damaged (1 file is missing: {pos}; 1 file is cut short or its end is damaged: {store}): {REBUILD}\n"
        )
    );
    let r = env.run(&["--index", "damaged", "index", "corpus"]);
    r.assert_code(2);
    assert!(r.stderr().contains("is damaged ("), "{}", r.stderr());
    assert!(r.stderr().contains(REBUILD), "{}", r.stderr());
}

#[test]
fn errors_from_inside_the_stored_articles_say_index_and_rebuild() {
    // The first block of the document store no longer decompresses (its checksum is not
    // looked at by a search).
    let env = damaged("store", |b| {
        for x in &mut b[4..40] {
            *x = 0xff;
        }
    });
    for args in [
        &["--index", "damaged", "search", "Putin"][..],
        &["--index", "damaged", "export"][..],
        &["--index", "damaged", "stats"][..],
    ] {
        let r = env.run(args);
        r.assert_code(2);
        let err = r.stderr();
        assert!(
            err.starts_with("newsq: error: the index at damaged is damaged (")
                && err.contains(REBUILD),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
