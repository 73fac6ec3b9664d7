//! `newsq serve`: the same search as a local, read-only web page and JSON API.
//!
//! A fixed pool of threads takes connections from a bounded queue; each reads request
//! heads within [`http::MAX_HEAD`], answers GET and HEAD only, and keeps the connection
//! for the next request. The index is opened as `search` opens it (no writer lock) and
//! opened again when its `meta.json` changes, so new commits show. A request names
//! articles only by their indexed paths: no file outside the index is ever read for it.

pub mod html;
pub mod http;
mod pages;

use std::io::{self, BufWriter};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use crate::index::Index;
use http::{Head, Request, Response};

/// How `newsq serve` runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The index folder.
    pub index_dir: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Threads answering requests.
    pub workers: usize,
    /// The folder paths are shown relative to (the server's working folder).
    pub cwd: Option<PathBuf>,
}

/// Connections waiting for a free worker before new ones are turned away (503).
const QUEUE: usize = 256;

/// How long a connection may stay quiet, between requests or inside one.
const IDLE: Duration = Duration::from_secs(10);

/// Requests served on one connection before it is closed (a client cannot hold a worker
/// forever).
const MAX_REQUESTS_PER_CONNECTION: usize = 1_000;

/// When `meta.json` was last written, and its length: a new commit changes them.
type Stamp = Option<(SystemTime, u64)>;

/// The index, opened again when a commit changes `meta.json`.
pub(crate) struct Shared {
    dir: PathBuf,
    current: RwLock<(Stamp, Arc<Index>)>,
    /// One reopening at a time.
    reopening: Mutex<()>,
    /// Paths are shown relative to this folder.
    pub(crate) cwd: Option<PathBuf>,
}

impl Shared {
    fn stamp(dir: &Path) -> Stamp {
        let m = std::fs::metadata(dir.join("meta.json")).ok()?;
        Some((m.modified().ok()?, m.len()))
    }

    /// The index as of its latest commit.
    pub(crate) fn index(&self) -> anyhow::Result<Arc<Index>> {
        let stamp = Self::stamp(&self.dir);
        {
            let current = self.current.read().unwrap_or_else(|e| e.into_inner());
            if current.0 == stamp {
                return Ok(current.1.clone());
            }
        }
        let _one = self.reopening.lock().unwrap_or_else(|e| e.into_inner());
        let stamp = Self::stamp(&self.dir);
        {
            let current = self.current.read().unwrap_or_else(|e| e.into_inner());
            if current.0 == stamp {
                return Ok(current.1.clone());
            }
        }
        let index = Arc::new(Index::open(&self.dir)?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = (stamp, index.clone());
        Ok(index)
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    workers: usize,
}

impl Server {
    /// Opens the index and binds the address (the index must open: a typo in `--index`
    /// is said at once, not on the first request).
    pub fn bind(config: Config) -> anyhow::Result<Server> {
        let index = Index::open(&config.index_dir)?;
        let listener = TcpListener::bind(config.addr)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
        let shared = Arc::new(Shared {
            current: RwLock::new((Shared::stamp(&config.index_dir), Arc::new(index))),
            dir: config.index_dir,
            reopening: Mutex::new(()),
            cwd: config.cwd,
        });
        Ok(Server {
            listener,
            shared,
            workers: config.workers.max(1),
        })
    }

    /// The address it listens on (the port chosen, when asked for port 0).
    pub fn addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends.
    pub fn run(self) -> anyhow::Result<()> {
        let (tx, rx): (SyncSender<TcpStream>, Receiver<TcpStream>) = sync_channel(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        // Connections waiting for a thread: a kept connection is closed after its answer
        // while any wait, so keep-alive cannot starve them.
        let waiting = Arc::new(AtomicUsize::new(0));
        for i in 0..self.workers {
            let rx = rx.clone();
            let shared = self.shared.clone();
            let waiting = waiting.clone();
            std::thread::Builder::new()
                .name(format!("serve-{i}"))
                .spawn(move || {
                    loop {
                        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(stream) = next else { return };
                        waiting.fetch_sub(1, Ordering::SeqCst);
                        connection(stream, &shared, &waiting);
                    }
                })?;
        }
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            waiting.fetch_add(1, Ordering::SeqCst);
            match tx.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(mut stream)) => {
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                    let busy = Response::new(503, "text/plain; charset=utf-8", "busy: try again\n")
                        .with("Retry-After", "1");
                    let _ = http::write_response(&mut stream, &busy, false, true);
                }
                Err(TrySendError::Disconnected(_)) => break,
            }
        }
        Ok(())
    }
}

/// Answers the requests of one connection.
fn connection(mut stream: TcpStream, shared: &Shared, waiting: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        let head = match http::read_head(&mut stream, &mut buf) {
            Ok(h) => h,
            Err(_) => return,
        };
        let (request, used) = match head {
            Head::Request(r, used) => (r, used),
            Head::Refused(refusal) => {
                let _ = http::write_response(&mut stream, &refusal.response(), false, true);
                linger(&mut stream);
                return;
            }
            Head::Closed => return,
        };
        buf.drain(..used);
        let response = answer(&request, shared);
        let close = request.close || waiting.load(Ordering::SeqCst) > 0;
        let mut w = BufWriter::new(&mut stream);
        if http::write_response(&mut w, &response, request.head_only, close).is_err() || close {
            return;
        }
    }
}

/// Closes a connection whose request was refused unread: the bytes the client still
/// sends are read and dropped for a moment first, since closing on unread bytes resets
/// the connection and the client could lose the answer.
fn linger(stream: &mut TcpStream) {
    use std::io::Read;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 1 << 20;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// The response to a request; a panic in the engine is a 500 for this request only.
fn answer(request: &Request, shared: &Shared) -> Response {
    let routed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pages::route(request, shared)
    }));
    match routed {
        Ok(r) => r,
        Err(_) => Response::new(
            500,
            "text/plain; charset=utf-8",
            "newsq failed on this request (a bug: please report it)\n",
        ),
    }
}
