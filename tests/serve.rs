//! `newsq serve` over HTTP, as a browser or a script meets it: the pages, the API that
//! writes what the CLI's --json writes, escaping, bad requests, new commits.

use crate::corpus_gen as generated;
use crate::util::{Env, Server};

/// The repository's corpus indexed, and a server on it.
fn served() -> (Env, Server) {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let server = env.serve(&[]);
    (env, server)
}

/// JSON lines with the keys that differ from run to run taken out.
fn steady(lines: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    lines
        .into_iter()
        .map(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("elapsed");
                o.remove("elapsed_ms");
            }
            v
        })
        .collect()
}

#[test]
fn the_page_lists_the_hits_the_cli_lists_with_the_words_marked() {
    let (env, server) = served();
    let cli = env.search_json(&["Harbin expo"]);
    let r = server.get("/?q=Harbin+expo");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = r.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let page = r.text();
    let first = page
        .split("<li class=\"hit\" data-path=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a hit");
    assert_eq!(first, cli[0]["path"].as_str().unwrap());
    let marks: Vec<String> = page
        .split("<mark>")
        .skip(1)
        .filter_map(|s| s.split("</mark>").next())
        .map(str::to_lowercase)
        .collect();
    assert!(marks.iter().any(|m| m == "harbin"), "{marks:?}");
    assert!(marks.iter().any(|m| m == "expo"), "{marks:?}");
    assert!(page.contains("id=\"facets\""));
    // The page's assets are served, with their types.
    let js = server.get("/assets/newsq.js");
    assert_eq!(js.status, 200);
    assert!(
        js.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(server.get("/assets/newsq.css").status, 200);
}

#[test]
fn the_api_writes_exactly_what_the_cli_writes() {
    let (env, server) = served();
    let cli = |args: &[&str]| {
        let r = env.run(args);
        assert!(r.code() <= 1, "{}", r.stderr());
        r.json_lines()
    };
    let api = |target: &str| {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}: {}", r.text());
        assert!(r.header("content-type").unwrap().contains("json"));
        r.json_lines()
    };
    assert_eq!(
        steady(api("/api/search?q=Xi+Putin")),
        steady(cli(&["search", "--json", "--stats", "Xi Putin"]))
    );
    assert_eq!(
        steady(api("/api/search?q=Putin&n=2&page=2")),
        steady(cli(&[
            "search", "--json", "--stats", "-n", "2", "--offset", "2", "Putin"
        ]))
    );
    assert_eq!(
        api("/api/facets?field=lang&q=*"),
        cli(&["facets", "--json", "lang", "*"])
    );
    assert_eq!(
        steady(api("/api/timeline?q=Putin&by=year")),
        steady(cli(&["timeline", "--json", "--by", "year", "Putin"]))
    );
    let path = cli(&["search", "--json", "Harbin expo"])[0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        api(&format!("/api/article?path={path}")),
        cli(&["show", "--json", &path])
    );
    // Downloads are the CLI's tables and lines.
    let csv = server.get("/download.csv?q=Putin");
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let table = env.run(&["search", "--csv", "-n", "10000", "Putin"]);
    assert_eq!(csv.text(), table.stdout());
    let jsonl = server.get("/download.jsonl?q=Putin");
    assert_eq!(
        jsonl.json_lines(),
        env.search_json(&["-n", "10000", "Putin"])
    );
    // API errors are JSON too.
    let bad = server.get("/api/facets?field=nope");
    assert_eq!(bad.status, 400);
    assert!(
        bad.json_lines()[0]["error"]
            .as_str()
            .unwrap()
            .contains("nope")
    );
}

#[test]
fn facet_links_filter_and_every_state_is_in_the_url() {
    let (_env, server) = served();
    let page = server.get("/?q=*").text();
    // The first value of the language facet, and its link.
    let facet = page
        .split("data-field=\"lang\"")
        .nth(1)
        .expect("a language facet");
    let href = facet
        .split("class=\"facet-value\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    assert!(href.contains("lang="), "{href}");
    let filtered = server.get(&href);
    assert_eq!(filtered.status, 200);
    assert!(filtered.text().contains("class=\"remove-filter\""));
    // The same URL gives the same page: nothing is kept between requests.
    assert_eq!(server.get(&href).text(), filtered.text());
}

#[test]
fn article_text_never_becomes_markup() {
    let env = Env::with_corpus();
    env.write(
        "corpus/zz-markup.txt",
        "A <b>bold</b> headline about the quarantinemarker test\n\n\
         The council met on Tuesday to discuss <script>window.__pwned=1</script> the \
         quarantinemarker budget, and members argued for hours about it.\n\n\
         An image <img src=x onerror=\"window.__pwned=2\"> was described, and the \
         quarantinemarker vote was put off until next week by the chair.\n",
    );
    env.index(&["corpus"]);
    let server = env.serve(&[]);
    for target in [
        "/?q=quarantinemarker".to_owned(),
        "/article?path=corpus/zz-markup.txt&q=quarantinemarker".to_owned(),
    ] {
        let r = server.get(&target);
        assert_eq!(r.status, 200, "{target}");
        let page = r.text();
        assert!(
            page.contains("quarantinemarker") || page.contains("<mark>"),
            "{page}"
        );
        assert!(!page.contains("<script>window"), "{page}");
        assert!(!page.contains("<img src=x"), "{page}");
        assert!(!page.contains("<b>bold"), "{page}");
        // Every script element is the page's own.
        assert_eq!(page.matches("<script").count(), 1, "{page}");
    }
    let article = server.get("/article?path=corpus/zz-markup.txt").text();
    assert!(article.contains("&lt;script&gt;"), "{article}");
}

#[test]
fn bad_requests_get_a_4xx_and_the_server_goes_on() {
    let (_env, server) = served();
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (b"GET /?q=%ff%fe HTTP/1.1\r\n\r\n".to_vec(), 400),
        (b"GET /?q=%zz HTTP/1.1\r\n\r\n".to_vec(), 400),
        (b"GET /?q=a%00b HTTP/1.1\r\n\r\n".to_vec(), 400),
        (b"GET /%c0%af HTTP/1.1\r\n\r\n".to_vec(), 400),
        (
            format!("GET /?q={} HTTP/1.1\r\n\r\n", "a".repeat(1_001)).into_bytes(),
            400,
        ),
        (
            format!("GET /?q={} HTTP/1.1\r\n\r\n", "a".repeat(9_000)).into_bytes(),
            414,
        ),
        (
            format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "b".repeat(20_000)).into_bytes(),
            431,
        ),
        (
            b"POST /api/search HTTP/1.1\r\nContent-Length: 3\r\n\r\nq=a".to_vec(),
            405,
        ),
        (
            b"GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc".to_vec(),
            413,
        ),
        (
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
            400,
        ),
        (b"GET /../../etc/passwd HTTP/1.1\r\n\r\n".to_vec(), 404),
        (
            b"GET /article?path=../../../../etc/passwd HTTP/1.1\r\n\r\n".to_vec(),
            404,
        ),
        (
            b"GET /api/article?path=/etc/passwd HTTP/1.1\r\n\r\n".to_vec(),
            404,
        ),
        (b"GET /article HTTP/1.1\r\n\r\n".to_vec(), 400),
        (b"GET /?q=a&page=0 HTTP/1.1\r\n\r\n".to_vec(), 400),
        (
            b"GET /?q=a&page=99999999999999999999 HTTP/1.1\r\n\r\n".to_vec(),
            400,
        ),
        (b"GET /?q=a&since=yesterday HTTP/1.1\r\n\r\n".to_vec(), 400),
        (
            b"GET /api/timeline?q=a&by=century HTTP/1.1\r\n\r\n".to_vec(),
            400,
        ),
        (b"GET /api/search?q=a&n=0 HTTP/1.1\r\n\r\n".to_vec(), 400),
        (b"GET /nothing-here HTTP/1.1\r\n\r\n".to_vec(), 404),
    ];
    for (request, status) in &cases {
        // Valid heads would keep the connection open: ask to close it.
        let request = match request.windows(4).position(|w| w == b"\r\n\r\n") {
            Some(at) if request.starts_with(b"GET") => {
                [&request[..at], b"\r\nConnection: close", &request[at..]].concat()
            }
            _ => request.clone(),
        };
        let r = server.raw(&request);
        assert_eq!(
            r.status,
            *status,
            "{:?}: {}",
            String::from_utf8_lossy(&request[..request.len().min(80)]),
            r.text()
        );
    }
    // Random query strings and paths, encoded or not: never a 5xx.
    let mut rng = generated::Rng::new(11);
    let alphabet: Vec<u8> = (0x20u8..0x7f).chain([0x80, 0xc3, 0xa9, 0xff]).collect();
    let routes = [
        "/",
        "/article",
        "/api/search",
        "/api/facets",
        "/api/timeline",
        "/download.csv",
    ];
    for i in 0..300 {
        let len = rng.below(if i % 10 == 0 { 3_000 } else { 60 }) as usize;
        let junk: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
            .collect();
        let mut encoded = String::new();
        for &b in &junk {
            if b.is_ascii_alphanumeric() || (rng.below(4) == 0 && b"%&=+/.".contains(&b)) {
                encoded.push(b as char);
            } else {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
        let route = routes[rng.below(routes.len() as u64) as usize];
        let key = ["q", "path", "field", "page", "by", "year", "source"][rng.below(7) as usize];
        let target = format!("{route}?{key}={encoded}&q=Putin");
        let r = server.get(&target);
        assert!(
            (200..500).contains(&r.status),
            "{target}: {} {}",
            r.status,
            r.text()
        );
    }
    // The API answers its refusals in JSON, whichever layer refuses.
    for target in ["/api/search?q=%ff", "/api/search?q=a&page=0"] {
        let r = server.get(target);
        assert_eq!(r.status, 400);
        assert!(r.json_lines()[0]["error"].is_string(), "{target}");
    }
    assert_eq!(
        server.get("/?q=Putin").status,
        200,
        "the server still answers"
    );
}

#[test]
fn one_connection_serves_many_requests_and_head_has_no_body() {
    let (_env, server) = served();
    let r = server.raw(
        b"GET /?q=Putin HTTP/1.1\r\nHost: x\r\n\r\nHEAD /?q=Xi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 200);
    let length: usize = r.header("content-length").unwrap().parse().unwrap();
    let second = crate::util::parse_reply(&r.body[length..]);
    assert_eq!(second.status, 200);
    assert!(second.body.is_empty(), "HEAD answers without a body");
}

#[test]
fn the_server_shows_what_index_commits_while_it_runs() {
    let (env, server) = served();
    let before = server.get("/api/search?q=zebracrossingword").json_lines();
    assert_eq!(before.last().unwrap()["total"], 0);
    env.write(
        "corpus/zz-new.txt",
        "A new story on zebracrossingword\n\nThe city painted a zebracrossingword on the main \
         road on Monday, officials said, after residents asked for one for years.\n",
    );
    // The server holds no lock that keeps a writer out.
    env.index(&["corpus"]);
    let after = server.get("/api/search?q=zebracrossingword").json_lines();
    assert_eq!(after.last().unwrap()["total"], 1, "{after:?}");
    assert_eq!(server.get("/article?path=corpus/zz-new.txt").status, 200);
}

#[test]
fn listening_beyond_this_machine_is_said() {
    use std::io::BufRead;
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsq"))
        .current_dir(env.path())
        .args(["serve", "--addr", "0.0.0.0:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("newsq: warning: listening on 0.0.0.0:"),
        "{first}"
    );
    // A missing index is said at once, not on the first request.
    let r = env.run(&["--index", "nowhere", "serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().starts_with("newsq: error: "), "{}", r.stderr());
}
