//! Bad input and bad index folders: each gets a clear message, is counted, and never
//! stops the good files next to it from being indexed. Plus concurrency: searching during
//! a run, and a second run on the same index.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus_gen as generated;
use crate::util::{Env, copy_dir};

const GOOD: &str = "Council votes on budget\n\nThe city council approved the budget on Tuesday after a long debate about schools.\n";

fn good_is_indexed(env: &Env) {
    assert_eq!(
        env.run(&["search", "-l", "budget"]).stdout(),
        "news/good.txt\n"
    );
}

#[test]
fn other_encodings_are_converted() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Harbour report\n\nThe harbour master said the new quay opens in May.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    env.write("news/utf16.txt", utf16);
    env.write("news/latin1.txt", b"Cr\xe8me br\xfbl\xe9e wins prize\n\nThe caf\xe9 on the square won the national pastry prize on Sunday, judges said.\n");
    let r = env.run(&["index", "news"]);
    r.assert_code(0);
    assert!(
        r.stderr().contains("latin1.txt: not UTF-8"),
        "{}",
        r.stderr()
    );
    assert!(
        r.stderr().contains("2 converted to UTF-8"),
        "{}",
        r.stderr()
    );
    good_is_indexed(&env);
    assert_eq!(
        env.run(&["search", "-l", "quay"]).stdout(),
        "news/utf16.txt\n"
    );
    assert_eq!(
        env.run(&["search", "-l", "pastry"]).stdout(),
        "news/latin1.txt\n"
    );
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.write(
        "news/huge.txt",
        format!(
            "Huge\n\n{}\n",
            "The report was very long indeed. ".repeat(200)
        ),
    );
    let r = env.run(&["index", "--max-file-size", "2K", "news"]);
    r.assert_code(0);
    assert!(r.stderr().contains("huge.txt: too large"), "{}", r.stderr());
    assert!(r.stderr().contains("--max-file-size"), "{}", r.stderr());
    assert!(
        r.stderr().contains("1 skipped (1 too large)"),
        "{}",
        r.stderr()
    );
    good_is_indexed(&env);
}

/// Root reads any file whatever its permissions: those tests cannot run as root.
fn permissions_bind(env: &Env) -> bool {
    let bound = permissions_bind_quietly(env);
    if !bound {
        eprintln!("skipping: running as root, file permissions cannot make a file unreadable");
    }
    bound
}

fn permissions_bind_quietly(env: &Env) -> bool {
    let probe = env.write("probe", "x");
    set_mode(&probe, 0o000);
    let bound = std::fs::read(&probe).is_err();
    set_mode(&probe, 0o644);
    std::fs::remove_file(&probe).unwrap();
    bound
}

/// The user the permission tests run newsq as when they run as root.
const NOBODY: u32 = 65534;

/// `newsq` in `env`'s folder, run so that file permissions bind: as ourselves when they
/// bind for us, else (as root) as the user nobody, like another user of a shared index.
/// `None`, after saying why, when neither can be done.
fn newsq_bound(env: &Env) -> Option<Command> {
    use std::os::unix::process::CommandExt;
    let newsq = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsq"));
        cmd.current_dir(env.path()).env_remove("NEWSQ_INDEX");
        cmd
    };
    if permissions_bind_quietly(env) {
        return Some(newsq());
    }
    // Another user must be let into the test folder.
    set_mode(env.path(), 0o755);
    let runs = newsq()
        .arg("--version")
        .uid(NOBODY)
        .gid(NOBODY)
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        eprintln!("skipping: permissions do not bind, and newsq cannot run as user {NOBODY}");
        return None;
    }
    let mut cmd = newsq();
    cmd.uid(NOBODY).gid(NOBODY);
    Some(cmd)
}

/// Sets the mode of every file in `dir` and then of `dir`.
fn set_modes(dir: &std::path::Path, file_mode: u32, dir_mode: u32) {
    set_mode(dir, 0o755);
    for entry in std::fs::read_dir(dir).unwrap() {
        set_mode(&entry.unwrap().path(), file_mode);
    }
    set_mode(dir, dir_mode);
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn index_files_are_as_readable_as_the_umask_allows() {
    use std::os::unix::process::CommandExt;
    // tantivy wrote meta.json and .managed.json 0600 whatever the umask, so nobody but
    // the indexing user could search an index.
    for (umask, mode) in [(0o022, 0o644), (0o027, 0o640)] {
        let env = Env::new();
        env.write("news/good.txt", GOOD);
        let index = |args: &[&str]| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsq"));
            cmd.current_dir(env.path()).arg("index").args(args);
            // SAFETY: umask is async-signal-safe and touches no memory.
            unsafe {
                cmd.pre_exec(move || {
                    libc::umask(umask);
                    Ok(())
                });
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        index(&["news"]);
        // A second run writes meta.json again.
        env.write("news/more.txt", GOOD.replace("budget", "parks"));
        index(&["news"]);
        let dir = env.path().join("index");
        for name in names_in(&dir) {
            assert_eq!(
                mode_of(&dir.join(&name)),
                mode,
                "{name} with umask {umask:o}: {:?}",
                names_in(&dir)
            );
        }
        assert!(names_in(&dir).contains(&"meta.json".to_owned()));
        assert!(names_in(&dir).contains(&".managed.json".to_owned()));
    }
}

#[test]
fn a_read_only_index_is_searched_without_writing_to_it() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.index(&["news"]);
    let Some(mut newsq) = newsq_bound(&env) else {
        return;
    };
    let dir = env.path().join("index");
    // With tantivy's meta lock file, and without (searching never creates one).
    for lock_file in [true, false] {
        if !lock_file {
            std::fs::remove_file(dir.join(".tantivy-meta.lock")).unwrap();
        }
        set_modes(&dir, 0o444, 0o555);
        let before = names_in(&dir);
        let r = newsq.args(["search", "-c", "budget"]).output().unwrap();
        newsq = newsq_bound(&env).unwrap();
        set_modes(&dir, 0o644, 0o755);
        assert!(
            r.status.success(),
            "lock file: {lock_file}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&r.stdout), "1\n");
        assert_eq!(names_in(&dir), before, "nothing is created by a search");
    }
    // Writing is refused with a clear message, once.
    set_modes(&dir, 0o444, 0o555);
    let r = newsq.args(["index", "news"]).output().unwrap();
    set_modes(&dir, 0o644, 0o755);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot write the index at index: permission denied"),
        "{err}"
    );
    assert_eq!(err.matches("ermission denied").count(), 1, "{err}");
}

#[test]
fn an_index_that_cannot_be_read_is_a_permission_problem_not_damage() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.index(&["news"]);
    if newsq_bound(&env).is_none() {
        return;
    }
    let dir = env.path().join("index");
    let segment = names_in(&dir)
        .into_iter()
        .find(|n| n.ends_with(".idx"))
        .unwrap();
    for name in ["newsq.json", ".managed.json", "meta.json", segment.as_str()] {
        set_mode(&dir.join(name), 0o000);
        let r = newsq_bound(&env)
            .unwrap()
            .args(["search", "budget"])
            .output()
            .unwrap();
        set_mode(&dir.join(name), 0o644);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains("cannot read the index at index: permission denied"),
            "{name}: {err}"
        );
        assert!(
            !err.contains("damaged") && !err.contains("--rebuild"),
            "{err}"
        );
        assert!(!err.contains("IoError") && !err.contains("Os {"), "{err}");
    }
    env.run(&["search", "-c", "budget"]).assert_code(0);
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn unreadable_files_and_folders_are_reported() {
    let env = Env::new();
    if !permissions_bind(&env) {
        return;
    }
    env.write("news/good.txt", GOOD);
    let secret = env.write("news/secret.txt", GOOD.replace("budget", "secrets"));
    env.write("news/locked/inner.txt", GOOD);
    set_mode(&secret, 0o000);
    set_mode(&env.path().join("news/locked"), 0o000);
    let r = env.run(&["index", "news"]);
    set_mode(&env.path().join("news/locked"), 0o755);
    r.assert_code(2);
    assert!(
        r.stderr().contains("secret.txt: unreadable"),
        "{}",
        r.stderr()
    );
    assert!(r.stderr().contains("locked: unreadable"), "{}", r.stderr());
    good_is_indexed(&env);
}

#[test]
fn a_missing_file_reads_as_unreadable_and_others_go_on() {
    // Works as root too: a dangling link, followed, cannot be read.
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    std::os::unix::fs::symlink(
        env.path().join("nowhere.txt"),
        env.path().join("news/dangling.txt"),
    )
    .unwrap();
    let r = env.run(&["index", "--follow", "news"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("dangling.txt: unreadable"),
        "{}",
        r.stderr()
    );
    good_is_indexed(&env);
}

#[test]
fn symlink_loops_are_detected() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    std::os::unix::fs::symlink(env.path().join("news"), env.path().join("news/loop")).unwrap();
    // A link to itself loops too (the system says "too many levels of symbolic links").
    std::os::unix::fs::symlink("self.txt", env.path().join("news/self.txt")).unwrap();
    let r = env.run(&["index", "--follow", "news"]);
    r.assert_code(2);
    let err = r.stderr();
    assert!(err.contains("news/loop: symlink loop"), "{err}");
    assert!(err.contains("news/self.txt: symlink loop"), "{err}");
    assert!(!err.contains("unreadable"), "{err}");
    assert!(err.contains("2 skipped (2 symlink loop)"), "{err}");
    good_is_indexed(&env);
    // Without --follow the link is skipped and said so, once, and it is not an error.
    let r = env.run(&["--index", "nofollow", "index", "news"]);
    r.assert_code(0);
    assert!(
        r.stderr()
            .contains("skipped news/loop: symlink not followed (use --follow)\n"),
        "{}",
        r.stderr()
    );
}

#[test]
fn file_names_that_are_not_utf8_are_kept_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    let dir = env.path().join("news");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), GOOD).unwrap();
    env.index(&["news"]);
    let raw = env.run(&["search", "-l", "-0", "budget"]);
    assert_eq!(raw.0.stdout, b"news/caf\xe9.txt\0");
    let json = env.search_json(&["budget"]);
    assert_eq!(json[0]["path"], "news/caf\\xe9.txt");
    // The exact bytes, for a name JSON strings cannot hold, give the file back.
    let bytes: Vec<u8> = json[0]["path_bytes"]
        .as_array()
        .expect("path_bytes for a name that is not UTF-8")
        .iter()
        .map(|b| u8::try_from(b.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(bytes, b"news/caf\xe9.txt");
    let shown = env
        .newsq()
        .args(["show", "--json"])
        .arg(std::ffi::OsStr::from_bytes(&bytes))
        .output()
        .unwrap();
    assert!(shown.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["path_bytes"], json[0]["path_bytes"]);
    // UTF-8 names have no such field: their path is exact.
    env.write("news/plain.txt", GOOD.replace("budget", "parks"));
    env.index(&["news"]);
    let plain = env.search_json(&["parks"]);
    assert_eq!(plain[0]["path"], "news/plain.txt");
    assert!(plain[0].get("path_bytes").is_none(), "{}", plain[0]);
    let human = env.run(&["search", "budget"]).stdout();
    assert!(human.contains("news/caf\\xe9.txt"), "{human}");
    // The exact name finds the article again.
    let shown = env
        .newsq()
        .arg("show")
        .arg(dir.join(name))
        .output()
        .unwrap();
    assert!(shown.status.success());
}

#[test]
fn index_folders_that_cannot_be_used() {
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    // Not writable (here: a place where no folder can be made).
    let r = env.run(&["--index", "/proc/newsq-test-index", "index", "news"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("cannot write the index"),
        "{}",
        r.stderr()
    );
    assert_eq!(
        r.stderr().matches("os error").count(),
        1,
        "the cause once: {}",
        r.stderr()
    );
    // Corrupt.
    env.index(&["news"]);
    env.write("index/meta.json", "{ not json");
    for args in [&["search", "budget"][..], &["index", "news"][..]] {
        let r = env.run(args);
        r.assert_code(2);
        assert!(
            r.stderr().contains("damaged") && r.stderr().contains("--rebuild"),
            "{}",
            r.stderr()
        );
    }
    env.run(&["index", "--rebuild", "news"]).assert_code(0);
    good_is_indexed(&env);
    // Written by an incompatible version.
    env.write(
        "index/newsq.json",
        r#"{"format": 999, "written_by": "newsq 9.0.0"}"#,
    );
    let r = env.run(&["search", "budget"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("another version of newsq (format 999)"),
        "{}",
        r.stderr()
    );
    env.run(&["index", "--rebuild", "news"]).assert_code(0);
    good_is_indexed(&env);
}

#[test]
fn a_second_run_while_the_writer_lock_is_held_changes_nothing() {
    use fs4::fs_std::FileExt;
    let env = Env::new();
    env.write("news/good.txt", GOOD);
    env.index(&["news"]);
    // Hold the writer lock as a running `newsq index` does.
    let lock_path = env.path().join("index/.tantivy-writer.lock");
    let lock = std::fs::File::open(&lock_path).unwrap();
    FileExt::lock_exclusive(&lock).unwrap();
    let before = names_in(&env.path().join("index"));
    for args in [&["index", "news"][..], &["index", "--rebuild", "news"][..]] {
        let started = Instant::now();
        let r = env.run(args);
        r.assert_code(2);
        assert!(
            r.stderr()
                .contains("another `newsq index` is writing to index"),
            "{args:?}: {}",
            r.stderr()
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{args:?} waited"
        );
        // --rebuild cleared the folder, the lock file with it, before it looked at the lock.
        assert_eq!(names_in(&env.path().join("index")), before, "{args:?}");
        good_is_indexed(&env);
    }
    drop(lock);
    env.index(&["--rebuild", "news"]);
    good_is_indexed(&env);
    assert!(lock_path.exists(), "the lock file is never removed");
}

#[test]
fn search_during_a_run_and_a_second_run_on_the_same_index() {
    let env = Env::new();
    generated::write(&env, "corpus", 0..1500);
    let mut run = Command::new(env!("CARGO_BIN_EXE_newsq"))
        .current_dir(env.path())
        .args(["index", "--quiet", "--commit-every", "100", "corpus"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first commit, so there is an index to search.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !env.path().join("index/meta.json").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut saw_running = false;
    let mut refused = 0;
    while run.try_wait().unwrap().is_none() && Instant::now() < deadline {
        saw_running = true;
        let s = env.run(&["search", "-c", "*"]);
        assert!(
            s.code() == 0 || s.code() == 1,
            "search during a run: {}",
            s.stderr()
        );
        // A second run, with --rebuild or without, fails at once and changes nothing.
        for args in [
            &["index", "--rebuild", "corpus"][..],
            &["index", "corpus"][..],
        ] {
            let second = Instant::now();
            let r = env.run(args);
            if run.try_wait().unwrap().is_none() {
                r.assert_code(2);
                assert!(
                    r.stderr().contains("another `newsq index` is writing"),
                    "{args:?}: {}",
                    r.stderr()
                );
                assert!(
                    second.elapsed() < Duration::from_secs(5),
                    "the second run waited: {args:?}"
                );
                refused += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let finished = run.wait_with_output().unwrap();
    assert!(
        finished.status.success(),
        "{}",
        String::from_utf8_lossy(&finished.stderr)
    );
    assert!(saw_running, "the run ended before it could be observed");
    assert!(
        refused > 0,
        "no second run was tried while the first one ran"
    );
    assert_eq!(
        env.run(&["search", "-c", "*"])
            .stdout()
            .trim()
            .parse::<usize>()
            .unwrap(),
        1650
    );
}

#[test]
fn a_damaged_index_is_an_error_never_a_crash() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let some_article = std::fs::read_dir(env.path().join("corpus"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let article = format!(
        "corpus/{}",
        some_article.file_name().unwrap().to_str().unwrap()
    );
    let mut rng = generated::Rng::new(3);
    let mut errors = 0;
    for ext in ["store", "term", "idx"] {
        for seed in 0..6 {
            // Flip bytes in a copy: what a disk fault or a bad copy leaves.
            let damaged = env.path().join(format!("damaged-{ext}-{seed}"));
            copy_dir(&env.path().join("index"), &damaged);
            for entry in std::fs::read_dir(&damaged).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == ext) {
                    let mut bytes = std::fs::read(&path).unwrap();
                    for _ in 0..8 {
                        let at = rng.below(bytes.len().saturating_sub(64).max(1) as u64) as usize;
                        bytes[at] = rng.below(256) as u8;
                    }
                    std::fs::write(&path, bytes).unwrap();
                }
            }
            let index = damaged.to_str().unwrap();
            for cmd in [
                vec!["search", "Putin"],
                vec!["stats"],
                vec!["similar", article.as_str()],
            ] {
                let mut args = vec!["--index", index];
                args.extend(cmd.iter().copied());
                let r = env.run(&args);
                assert!(
                    r.code() <= 2 && !r.stderr().contains("panicked"),
                    "{ext} seed {seed} {cmd:?}: exit {}: {}",
                    r.code(),
                    r.stderr()
                );
                if r.code() == 2 {
                    errors += 1;
                    assert!(r.stderr().starts_with("newsq: error: "), "{}", r.stderr());
                    assert_eq!(r.stderr().lines().count(), 1, "{}", r.stderr());
                }
            }
        }
    }
    assert!(
        errors > 0,
        "no damage was noticed: the test flips too little"
    );
}

#[test]
fn a_cut_meta_json_or_a_missing_state_file_is_named_briefly() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    copy_dir(&env.path().join("index"), &env.path().join("cut"));
    let meta = env.path().join("cut/meta.json");
    let text = std::fs::read(&meta).unwrap();
    std::fs::write(&meta, &text[..text.len() / 2]).unwrap();
    let r = env.run(&["--index", "cut", "search", "Putin"]);
    r.assert_code(2);
    assert!(r.stderr().contains("is damaged"), "{}", r.stderr());
    assert!(
        r.stderr().len() < 600,
        "{} bytes: {}",
        r.stderr().len(),
        r.stderr()
    );

    copy_dir(&env.path().join("index"), &env.path().join("foreign"));
    std::fs::remove_file(env.path().join("foreign/newsq.json")).unwrap();
    let r = env.run(&["--index", "foreign", "search", "Putin"]);
    r.assert_code(2);
    assert!(r.stderr().contains("newsq did not write"), "{}", r.stderr());
}
