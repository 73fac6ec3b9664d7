//! Link the `newsq` binary as a position-dependent executable on Linux: searches are one
//! short process each, and a position-independent 50 MB binary spends a large part of its
//! start-up applying relocations.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
