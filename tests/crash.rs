//! Crash safety: `newsq index` killed with SIGKILL at random moments over a few thousand
//! generated files. After each kill the index opens, holds only whole commits, and the
//! next run finishes the job: the final state equals one uninterrupted run.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus_gen::{self as generated, Rng};
use crate::util::Env;

const FILES: u64 = 2000;
const BATCH: &str = "100";
const TRIALS: u64 = 20;

fn index_cmd(env: &Env, index: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsq"));
    cmd.current_dir(env.path())
        .args([
            "--index",
            index,
            "index",
            "--quiet",
            "--commit-every",
            BATCH,
            "corpus",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn killed_runs_leave_a_working_index_and_the_next_run_finishes() {
    let env = Env::new();
    generated::write(&env, "corpus", 0..FILES);
    let files = std::fs::read_dir(env.path().join("corpus"))
        .unwrap()
        .count();

    let started = Instant::now();
    assert!(index_cmd(&env, "reference").status().unwrap().success());
    let full = started.elapsed();
    let reference = env.run(&["--index", "reference", "export"]).stdout();
    assert_eq!(reference.lines().count(), files);

    let mut rng = Rng::new(7);
    let mut interrupted = 0;
    for trial in 0..TRIALS {
        let index = format!("crash{trial}");
        // Some trials kill a run that already found part of the work done.
        if trial % 4 == 3 {
            let mut first = index_cmd(&env, &index).spawn().unwrap();
            std::thread::sleep(full.mul_f64(0.3));
            first.kill().unwrap();
            first.wait().unwrap();
        }
        let mut child = index_cmd(&env, &index).spawn().unwrap();
        // Within the first 80% of a full run's time: later runs may be quicker than the
        // reference one, and a kill after the end tests nothing.
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 * 4 / 5 + 1));
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        // The index opens (or was not created yet), and holds whole commits only.
        let count = env.run(&["--index", &index, "search", "-c", "*"]);
        match count.code() {
            0 | 1 => {
                let n: usize = count.stdout().trim().parse().unwrap();
                let batch: usize = BATCH.parse().unwrap();
                assert!(
                    n.is_multiple_of(batch) || n == files,
                    "trial {trial}: {n} articles is not a whole number of commits"
                );
            }
            2 => assert!(
                count.stderr().contains("no index"),
                "trial {trial}: after a kill at {at:?} the index does not open: {}",
                count.stderr()
            ),
            c => panic!("exit {c}"),
        }

        // The next run is not blocked by the dead run's lock and finishes the job.
        let rerun = env.run(&[
            "--index",
            &index,
            "index",
            "--commit-every",
            BATCH,
            "corpus",
        ]);
        rerun.assert_code(0);
        let state = env.run(&["--index", &index, "export"]).stdout();
        assert!(
            state == reference,
            "trial {trial}: state after recovery differs from an uninterrupted run"
        );
    }
    assert!(
        interrupted >= TRIALS / 3,
        "only {interrupted} of {TRIALS} kills hit a running index"
    );
}

#[test]
fn a_killed_rebuild_leaves_the_index_it_was_rebuilding() {
    let env = Env::new();
    generated::write(&env, "corpus", 0..FILES);
    assert!(index_cmd(&env, "index").status().unwrap().success());
    let before = env.run(&["search", "-c", "*"]).stdout();
    // Even with commits asked for midway (index_cmd's): a rebuild commits once.
    let rebuild = || {
        let mut cmd = index_cmd(&env, "index");
        cmd.arg("--rebuild");
        cmd
    };
    let started = Instant::now();
    assert!(rebuild().status().unwrap().success());
    let full = started.elapsed();
    assert_eq!(env.run(&["search", "-c", "*"]).stdout(), before);
    let mut rng = Rng::new(11);
    for trial in 0..5 {
        let mut child = rebuild().spawn().unwrap();
        std::thread::sleep(Duration::from_micros(
            rng.below(full.as_micros() as u64 * 4 / 5 + 1),
        ));
        child.kill().unwrap();
        child.wait().unwrap();
        // The old articles until the rebuilt ones are committed, all at once.
        let count = env.run(&["search", "-c", "*"]);
        assert_eq!(count.stdout(), before, "trial {trial}: {}", count.stderr());
    }
}
