//! How far the timeline's fast fold of copies (`Index::stories`: MinHash bands, each
//! match compared only with the stories it shares a band with) agrees with the exhaustive
//! fold it stands for (each match compared with every story formed before it, the test
//! `search` folds hits with), on real queries over a real index:
//!
//!     cargo run --release --example fold_eval -- INDEX QUERIES [MAX_MATCHES]
//!
//! For each query of the file (one per line) with at most MAX_MATCHES matches (default
//! 20,000; the exhaustive fold is quadratic), it prints the stories both ways, and in all:
//! the stories, and the share of matches whose story starts at the same first copy.

use std::path::PathBuf;

use newsq::index::Index;
use newsq::index::stories::{Copies, copies};
use newsq::search::Filters;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: fold_eval INDEX QUERIES [MAX_MATCHES]");
        std::process::exit(2);
    };
    let max: usize = args.get(2).map_or(Ok(20_000), |m| m.parse())?;
    let index = Index::open(&PathBuf::from(dir))?;
    let searcher = index.searcher();
    let name = searcher
        .schema()
        .get_field_name(index.fields().minhash)
        .to_owned();
    let (mut fast_total, mut exact_total, mut same, mut members_total, mut asked) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for line in std::fs::read_to_string(queries)?.lines() {
        let q = line.trim();
        if q.is_empty() {
            continue;
        }
        let parsed = index.parse(q, false, &Filters::default())?;
        let fast = index.stories(parsed.query.as_ref(), Copies::Fold)?;
        let n = fast.members().len();
        if n == 0 || n > max {
            continue;
        }
        asked += 1;
        // The same members in the same order, folded against every story so far.
        let mut heads: Vec<(usize, Option<newsq::clean::Signature>)> = Vec::new();
        let mut exact_head = vec![0usize; n];
        for (i, m) in fast.members().iter().enumerate() {
            let reader = searcher.segment_reader(m.addr.segment_ord);
            let sig = reader.fast_fields().bytes(&name)?.and_then(|col| {
                let ord = col.term_ords(m.addr.doc_id).next()?;
                let mut bytes = Vec::new();
                col.ord_to_bytes(ord, &mut bytes).ok()?;
                newsq::clean::signature_from_bytes(&bytes)
            });
            let home = sig.as_ref().filter(|s| s.mins().is_some()).and_then(|s| {
                heads
                    .iter()
                    .find(|(_, h)| h.as_ref().is_some_and(|h| copies(s, h)))
                    .map(|(at, _)| *at)
            });
            exact_head[i] = match home {
                Some(at) => at,
                None => {
                    heads.push((i, sig));
                    i
                }
            };
        }
        let fast_head: Vec<usize> = fast
            .members()
            .iter()
            .map(|m| fast.heads()[m.story as usize] as usize)
            .collect();
        let agree = fast_head
            .iter()
            .zip(&exact_head)
            .filter(|(a, b)| a == b)
            .count();
        println!(
            "{:>6} matches  {:>6} stories fast  {:>6} exact  {:.4} agree  {q}",
            n,
            fast.len(),
            heads.len(),
            agree as f64 / n as f64
        );
        fast_total += fast.len();
        exact_total += heads.len();
        same += agree;
        members_total += n;
    }
    println!(
        "queries {asked}: {members_total} matches, {fast_total} stories fast, {exact_total} exact ({:+.3} %), {:.4} of matches in the same story",
        (fast_total as f64 / exact_total.max(1) as f64 - 1.0) * 100.0,
        same as f64 / members_total.max(1) as f64
    );
    Ok(())
}
