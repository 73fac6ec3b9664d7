//! The test harness: every test gets a fresh temporary folder, runs the real `newsq`
//! binary in it with a clean environment, and reads what it printed.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The user's settings that must not leak into a test's run of newsq.
const USER_VARS: [&str; 5] = [
    "NO_COLOR",
    "NEWSQ_INDEX",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

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
        for var in USER_VARS {
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

/// A running `newsq serve` on a free loopback port; killed on drop.
pub struct Server {
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// `127.0.0.1:PORT`
    pub addr: String,
    child: std::process::Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response as a client reads it.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Header names (lower-cased) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.text()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

impl Server {
    /// Sends raw bytes as one request on a new connection and reads the response (the
    /// server closes the connection: the request asks it to).
    pub fn raw(&self, request: &[u8]) -> Reply {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
            .unwrap();
        s.write_all(request).expect("send");
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).expect("read the response");
        parse_reply(&bytes)
    }

    /// `GET target` (a path with its query string, already encoded).
    pub fn get(&self, target: &str) -> Reply {
        self.raw(
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }
}

/// Splits a response into status, headers and body.
pub fn parse_reply(bytes: &[u8]) -> Reply {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: bytes[end + 4..].to_vec(),
    }
}

impl Env {
    /// Runs `newsq ARGS serve --addr 127.0.0.1:0` and waits until it listens.
    // The child is waited for by `Server`'s drop, which clippy does not follow.
    #[allow(clippy::zombie_processes)]
    pub fn serve(&self, args: &[&str]) -> Server {
        use std::io::BufRead;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsq"));
        cmd.current_dir(self.path());
        for var in USER_VARS {
            cmd.env_remove(var);
        }
        let mut child = cmd
            .args(args)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start newsq serve");
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        loop {
            line.clear();
            if stderr.read_line(&mut line).unwrap_or(0) == 0 {
                let _ = child.kill();
                let _ = child.wait();
                panic!("newsq serve ended before listening");
            }
            if let Some(at) = line.find("http://") {
                let url = line[at..].split_whitespace().next().unwrap().to_owned();
                let addr = url
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_owned();
                // Keep reading stderr so the server never blocks on a full pipe.
                std::thread::spawn(move || {
                    let mut sink = String::new();
                    while stderr.read_line(&mut sink).unwrap_or(0) > 0 {
                        sink.clear();
                    }
                });
                return Server { url, addr, child };
            }
        }
    }
}
