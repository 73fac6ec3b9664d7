//! The build's speed tricks stay in the build (see ARCHITECTURE.md, "Speed tricks").
//!
//! newsq builds against its patched copy of the `zstd` crate (`vendor/zstd`, wired in by
//! `[patch.crates-io]`): tantivy's document store then reuses one zstd context per thread.
//! A patch that stops applying is only a warning from cargo, and the search gets slower
//! without any test failing; these tests make it a failure.

use crate::util::repo;

/// Names a constant only the patched crate has: with any other `zstd` in the build this
/// file does not compile.
#[test]
fn the_patched_zstd_is_the_one_built() {
    assert!(!zstd::bulk::NEWSQ_PATCH.is_empty());
}

/// The patch can also be used by newsq's own dev-dependency alone, while tantivy moved to
/// another zstd from the registry: then the lock holds two. It must hold one, the path one.
#[test]
fn tantivy_has_no_zstd_of_its_own() {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).expect("Cargo.lock");
    let zstd: Vec<&str> = lock
        .split("[[package]]")
        .filter(|entry| entry.lines().any(|l| l.trim() == r#"name = "zstd""#))
        .collect();
    assert_eq!(zstd.len(), 1, "more than one zstd in Cargo.lock: {zstd:#?}");
    assert!(
        !zstd[0].contains("source = "),
        "Cargo.lock's zstd comes from a registry, not vendor/zstd: {}",
        zstd[0]
    );
}
