//! Deterministic generated corpora for the incremental and crash tests: articles from a
//! few "sites", each printing its own blurb under every article (template lines), plus
//! syndicated copies of some stories.

use crate::util::Env;

/// A small deterministic random number generator (xorshift).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "council", "budget", "river", "harbour", "school", "teachers", "union", "strike", "ferry",
    "minister", "election", "voters", "market", "prices", "energy", "wind", "farm", "bridge",
    "railway", "station", "hospital", "nurses", "doctors", "court", "judge", "appeal", "police",
    "festival", "museum", "library", "mayor", "tax", "housing", "rents", "tenants", "bank", "loan",
    "factory", "workers", "exports", "grain", "harvest", "storm", "flood", "coast", "airport",
    "flights", "tourists", "hotel", "stadium", "league", "coach", "season", "final",
];

pub const BLURBS: &[&str] = &[
    "The Valley Courier brings you the stories that matter from every town in the region.",
    "Harbour Daily has covered the coast and its people since nineteen twelve, every day.",
    "Follow the Northern Gazette for breaking news and analysis from across the north.",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 9 + rng.below(10) as usize;
    let mut words: Vec<String> = (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize].to_owned())
        .collect();
    words[0] = {
        let mut c = words[0].chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    format!("The {} said on Monday.", words.join(" ")).replacen("The ", "", 1)
}

/// The text of article `i` (variant `v` changes its wording).
pub fn article(i: u64, v: u64) -> String {
    let mut rng = Rng::new(i * 1000 + v);
    let title = format!("Story {i} about the {}", WORDS[(i as usize) % WORDS.len()]);
    let mut lines = vec![title, String::new(), format!("By Reporter {}", i % 7)];
    for _ in 0..(3 + rng.below(4)) {
        let para: Vec<String> = (0..(2 + rng.below(2)))
            .map(|_| sentence(&mut rng))
            .collect();
        lines.push(para.join(" "));
    }
    lines.push(format!(
        "Unique closing note {i} {v} for this article alone, written today."
    ));
    lines.push(BLURBS[(i % 3) as usize].to_owned());
    lines.join("\n") + "\n"
}

/// Writes articles `range` into `dir` of `env`, every tenth also as a syndicated copy.
pub fn write(env: &Env, dir: &str, range: std::ops::Range<u64>) {
    for i in range {
        let text = article(i, 0);
        env.write(&format!("{dir}/a{i:05}.txt"), &text);
        if i % 10 == 3 {
            env.write(&format!("{dir}/copy-of-a{i:05}.txt"), &text);
        }
    }
}
