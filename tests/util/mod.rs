//! The test harness: every test gets a fresh temporary folder, runs the real `newsq`
//! binary in it with a clean environment, and reads what it printed.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary working folder for one test.
pub struct Env {
    dir: tempfile::TempDir,
}

/// Copies the files of a folder (no subfolders: the corpus, an index) into a new one.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("target dir");
    for entry in std::fs::read_dir(from).expect("source dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// The repository's own folder (for `corpus/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, where third-party data lives; `None` when absent.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir()
        .then(|| p.canonicalize().expect("canonical shared path"))
}

impl Env {
    /// An empty folder.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder holding a copy of the repository's `corpus/`.
    pub fn with_corpus() -> Env {
        let env = Env::new();
        copy_dir(&repo().join("corpus"), &env.path().join("corpus"));
        env
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(&p, content).expect("write fixture");
        p
    }

    /// `newsq` with the folder as working directory and no user settings leaking in.
    pub fn newsq(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsq"));
        cmd.current_dir(self.path());
        for var in [
            "NO_COLOR",
            "NEWSQ_INDEX",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "TERM",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    /// Runs `newsq ARGS` and returns what happened.
    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.newsq().args(args).output().expect("run newsq"))
    }

    /// Indexes `args` (paths and options) and checks it succeeded.
    pub fn index(&self, args: &[&str]) -> Run {
        let mut all = vec!["index"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code(), 0, "index failed: {}", r.stderr());
        r
    }

    /// Runs `newsq search --json ARGS` and parses the hits.
    pub fn search_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        self.run(&all).json_lines()
    }
}

/// The outcome of one run.
pub struct Run(pub Output);

impl Run {
    /// Exit code.
    pub fn code(&self) -> i32 {
        self.0.status.code().expect("exited normally")
    }

    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// Standard output as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }

    /// Asserts the exit code, showing both streams when it differs.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// Rows of a CSV or TSV table, read as a script would (TSV's backslash escapes left
/// as they are).
pub fn read_table(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .quoting(delimiter == b',')
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Text with highlighted ranges (character offsets) marked `[like this]`.
pub fn mark(text: &str, highlights: &serde_json::Value) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for h in highlights.as_array().expect("highlights array") {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        out.extend(&chars[at..s]);
        out.push('[');
        out.extend(&chars[s..e]);
        out.push(']');
        at = e;
    }
    out.extend(&chars[at..]);
    out
}
