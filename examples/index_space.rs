//! Where an index's bytes go, per component and field (largest first):
//!
//!     cargo run --release --example index_space -- INDEX_DIR

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        anyhow::bail!("usage: index_space INDEX_DIR");
    };
    let o = newsq::index::open(std::path::Path::new(&dir))?;
    let s = o.searcher();
    let u = s.space_usage()?;
    let mut per: std::collections::BTreeMap<String, u64> = Default::default();
    for seg in u.segments() {
        for (name, fu) in [
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fast", seg.fast_fields()),
            ("termdict", seg.termdict()),
            ("fieldnorms", seg.fieldnorms()),
        ] {
            for f in fu.fields() {
                *per.entry(format!("{name}:{}", f.field_name())).or_default() +=
                    f.total().get_bytes();
            }
        }
        *per.entry("store".into()).or_default() += seg.store().total().get_bytes();
    }
    let mut v: Vec<_> = per.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (k, b) in v.iter().take(25) {
        println!("{:>10}  {k}", b);
    }
    println!("total {}", u.total().get_bytes());
    Ok(())
}
