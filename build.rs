//! Start-up of the `newsq` binary on Linux with glibc: searches are one short process
//! each, so what the dynamic loader does before `main` counts.
//!
//! - Linked as a position-dependent executable: a position-independent 50 MB binary
//!   spends a large part of its start-up applying relocations. `NEWSQ_PIE=1` at build
//!   time leaves this out (a position-independent executable, the toolchain's default),
//!   to measure what it earns or to build for a system that requires PIE.
//! - GCC's unwinder linked in from `libgcc_eh.a` (what `gcc -static-libgcc` does) instead
//!   of loading `libgcc_s.so.1`: one shared library fewer to map and relocate, and its
//!   start-up probe of the CPU (several `cpuid`, which a virtual machine traps) is
//!   skipped. Only when the toolchain has that archive; else the shared one is used.
use std::path::Path;
use std::process::Command;

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        if !pie_asked() {
            println!("cargo:rustc-link-arg-bins=-no-pie");
        }
        if has_static_unwinder() {
            // Named before the standard library's `-lgcc_s`, so the linker takes the
            // unwinder from here and drops the shared library as not needed.
            println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=NEWSQ_PIE");
}

/// Whether `NEWSQ_PIE` asks for a position-independent executable (set, and not `0`).
fn pie_asked() -> bool {
    std::env::var_os("NEWSQ_PIE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether the C compiler that links for this target has `libgcc_eh.a`.
fn has_static_unwinder() -> bool {
    let cc = std::env::var("RUSTC_LINKER")
        .ok()
        .or_else(|| std::env::var("CC").ok())
        .unwrap_or_else(|| "cc".to_owned());
    Command::new(cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|p| Path::new(p.trim()).to_owned())
        // A compiler without the archive prints its bare name back.
        .is_some_and(|p| p.is_absolute() && p.is_file())
}
