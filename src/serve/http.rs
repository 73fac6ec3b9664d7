//! HTTP/1.1 as `newsq serve` speaks it: request heads read within a bound, query strings
//! decoded strictly, responses with the safety headers every page carries.

use std::io::{self, Read, Write};

/// The most a request head (request line and headers) may take.
pub const MAX_HEAD: usize = 16 * 1024;

/// The longest request target (path and query string).
pub const MAX_TARGET: usize = 8 * 1024;

/// Headers a request may carry.
const MAX_HEADERS: usize = 48;

/// What every response says about where its content may come from: nothing inline, no
/// other origin, no frame; the page's one script and style sheet are served by newsq.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A request as the routes see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `HEAD`.
    pub head_only: bool,
    /// The path, percent-decoded.
    pub path: String,
    /// The query string's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The client asked to close the connection after this response (or spoke HTTP/1.0).
    pub close: bool,
}

impl Request {
    /// The first value of `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn params<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.query
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A response: status, type, body, and extra headers.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// Headers beyond the ones every response has.
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    /// A response of `status` with `body` of `content_type`.
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// An HTML page.
    pub fn html(status: u16, body: String) -> Response {
        Response::new(status, "text/html; charset=utf-8", body)
    }

    /// A JSON error object, `{"error": message}`.
    pub fn json_error(status: u16, message: &str) -> Response {
        let body = serde_json::json!({ "error": message }).to_string() + "\n";
        Response::new(status, "application/json; charset=utf-8", body)
    }

    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// Why a request was refused before it reached a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The 4xx status.
    pub status: u16,
    /// Why, in words.
    pub why: &'static str,
    /// The request was for the JSON API (the answer is JSON too).
    pub api: bool,
}

fn refuse(status: u16, why: &'static str) -> Refusal {
    Refusal {
        status,
        why,
        api: false,
    }
}

impl Refusal {
    /// The answer: `{"error": ...}` for the API, a line of text otherwise.
    pub fn response(&self) -> Response {
        if self.api {
            Response::json_error(self.status, self.why)
        } else {
            Response::new(
                self.status,
                "text/plain; charset=utf-8",
                format!("{}\n", self.why),
            )
        }
    }
}

/// The reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// What reading a request head gave.
pub enum Head {
    /// A request, and how many bytes of the buffer it took.
    Request(Request, usize),
    /// A request refused for its form; the connection closes after the answer.
    Refused(Refusal),
    /// The peer closed the connection (or went quiet) between requests.
    Closed,
}

/// Reads one request head from `stream` into `buf` (which may already hold bytes of it,
/// pipelined after the previous request).
pub fn read_head(stream: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<Head> {
    loop {
        if !buf.is_empty() {
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut req = httparse::Request::new(&mut headers);
            match req.parse(buf) {
                Ok(httparse::Status::Complete(used)) => {
                    return Ok(match request_of(&req) {
                        Ok(r) => Head::Request(r, used),
                        Err(refusal) => Head::Refused(Refusal {
                            api: req.path.is_some_and(|p| p.starts_with("/api/")),
                            ..refusal
                        }),
                    });
                }
                Ok(httparse::Status::Partial) => {}
                Err(httparse::Error::TooManyHeaders) => {
                    return Ok(Head::Refused(refuse(431, "too many headers")));
                }
                Err(_) => return Ok(Head::Refused(refuse(400, "not an HTTP request"))),
            }
        }
        if buf.len() >= MAX_HEAD {
            return Ok(Head::Refused(refuse(431, "the request head is too large")));
        }
        let mut chunk = [0u8; 4096];
        let want = chunk.len().min(MAX_HEAD - buf.len());
        let n = match stream.read(&mut chunk[..want]) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(if buf.is_empty() {
                    Head::Closed
                } else {
                    Head::Refused(refuse(408, "the request head did not arrive in time"))
                });
            }
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => return Ok(Head::Closed),
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Head::Closed);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// The request a parsed head asks for, or why it is refused: only GET and HEAD, no body,
/// a target within [`MAX_TARGET`], strictly encoded.
fn request_of(req: &httparse::Request<'_, '_>) -> Result<Request, Refusal> {
    let method = req.method.unwrap_or("");
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return Err(refuse(
                405,
                "only GET and HEAD are served: the server is read-only",
            ));
        }
    };
    for h in req.headers.iter() {
        let body = (h.name.eq_ignore_ascii_case("content-length")
            && h.value
                .iter()
                .any(|&b| b != b'0' && !b.is_ascii_whitespace()))
            || h.name.eq_ignore_ascii_case("transfer-encoding");
        if body {
            return Err(refuse(413, "requests carry no body here"));
        }
    }
    let target = req.path.unwrap_or("/");
    if target.len() > MAX_TARGET {
        return Err(refuse(414, "the address is too long"));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = decode(path, false).ok_or(refuse(400, "the path is not well encoded"))?;
    let query = parse_query(query).ok_or(refuse(400, "the query string is not well encoded"))?;
    let close = req.version == Some(0)
        || req.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("connection")
                && std::str::from_utf8(h.value)
                    .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")))
        });
    Ok(Request {
        head_only,
        path,
        query,
        close,
    })
}

/// The pairs of a query string (`+` is a space, `%XX` a byte; the bytes must be UTF-8);
/// `None` when it is not well encoded.
pub fn parse_query(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(k, true)?, decode(v, true)?))
        })
        .collect()
}

/// Percent-decodes `s` (and `+` as a space in a query string); `None` for a bad escape,
/// bytes that are not UTF-8, or a control character.
fn decode(s: &str, plus: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(out).ok()?;
    // Tabs and line ends may come from a pasted query; other controls have no business here.
    (!text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
    .then_some(text)
}

/// Percent-encodes a query-string component.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A query string from pairs (empty values left out), with its `?`; empty when none.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let parts: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Writes `response` (without its body for a HEAD request).
pub fn write_response(
    w: &mut impl Write,
    response: &Response,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nContent-Security-Policy: {CSP}\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\nCache-Control: no-store\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len(),
    );
    for (name, value) in &response.headers {
        // Values are newsq's own (file names of downloads are built from fixed words).
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(&response.body)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &[u8]) -> Result<Request, Refusal> {
        let mut buf = Vec::new();
        match read_head(&mut &raw[..], &mut buf).unwrap() {
            Head::Request(r, _) => Ok(r),
            Head::Refused(r) => Err(r),
            Head::Closed => panic!("closed"),
        }
    }

    #[test]
    fn requests_decode_strictly() {
        let r =
            head(b"GET /?q=Harbin+expo&source=Xinhua%20News HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(r.path, "/");
        assert_eq!(r.param("q"), Some("Harbin expo"));
        assert_eq!(r.param("source"), Some("Xinhua News"));
        assert!(!r.close);
        assert_eq!(
            head(b"GET /?q=%ff HTTP/1.1\r\n\r\n").unwrap_err().status,
            400
        );
        assert_eq!(
            head(b"GET /?q=%4 HTTP/1.1\r\n\r\n").unwrap_err().status,
            400
        );
        assert_eq!(
            head(b"GET /?q=%1b[31m HTTP/1.1\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(head(b"POST / HTTP/1.1\r\n\r\n").unwrap_err().status, 405);
        assert_eq!(
            head(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")
                .unwrap_err()
                .status,
            413
        );
        let long = format!("GET /?q={} HTTP/1.1\r\n\r\n", "a".repeat(MAX_TARGET));
        assert_eq!(head(long.as_bytes()).unwrap_err().status, 414);
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(head(huge.as_bytes()).unwrap_err().status, 431);
        assert!(head(b"GET / HTTP/1.0\r\n\r\n").unwrap().close);
        assert_eq!(head(b"\x00\x01garbage\r\n\r\n").unwrap_err().status, 400);
    }

    #[test]
    fn encoding_round_trips() {
        for s in [
            "Harbin expo",
            "a&b=c",
            "100% \"sure\"",
            "élection 哈尔滨",
            "path:corpus/0*.txt",
        ] {
            let qs = query_string([("q", s)]);
            let pairs = parse_query(&qs[1..]).unwrap();
            assert_eq!(pairs, vec![("q".to_owned(), s.to_owned())]);
        }
    }
}
