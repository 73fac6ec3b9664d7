//! Compress and decompress data in bulk.
//!
//! These methods process all the input data at once.
//! It is therefore best used with relatively small blocks
//! (like small network packets).

mod compressor;
mod decompressor;

pub use self::compressor::Compressor;
pub use self::decompressor::Decompressor;

use std::cell::RefCell;
use std::io;

/// Says that this is newsq's patched copy of the crate, and what the patch does (see
/// `PATCH.md`). newsq's tests name it, so they do not build against any other `zstd`.
pub const NEWSQ_PATCH: &str = "newsq: the one-shot bulk functions reuse one zstd context \
                               per thread instead of creating one per call";

// newsq's change to this crate: the one-shot functions below reuse one
// context per thread instead of creating one per call. Creating a zstd
// context probes the CPU (`cpuid`, three times), which a virtual machine
// traps: about 11 microseconds each time on newsq's benchmark machine, more
// than (de)compressing one 4 KB block of tantivy's document store takes.
// Every call still compresses or decompresses one whole frame from a fresh
// session, and no parameter is set on a shared context but the level.
thread_local! {
    static COMPRESSOR: RefCell<Option<(i32, Compressor<'static>)>> =
        const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<Decompressor<'static>>> =
        const { RefCell::new(None) };
}

/// Runs `f` with this thread's context in `shared` (made by `fresh`, or made
/// `ready` for this call when kept from an earlier one), or with a fresh
/// context when this thread's is in use (or gone: at thread exit).
fn with_shared<C: 'static, T>(
    shared: &'static std::thread::LocalKey<RefCell<Option<C>>>,
    fresh: impl Fn() -> io::Result<C>,
    ready: impl FnOnce(&mut C) -> io::Result<()>,
    f: impl FnOnce(&mut C) -> io::Result<T>,
) -> io::Result<T> {
    let mut f = Some(f);
    let outcome = shared.try_with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return None;
        };
        let result = (|| {
            match slot.as_mut() {
                Some(context) => ready(context)?,
                None => *slot = Some(fresh()?),
            }
            let context = slot.as_mut().expect("set above");
            (f.take().expect("called once"))(context)
        })();
        if result.is_err() {
            // A failed call may leave the context midway: start afresh.
            *slot = None;
        }
        Some(result)
    });
    match outcome {
        Ok(Some(result)) => result,
        _ => (f.take().expect("not called"))(&mut fresh()?),
    }
}

/// Runs `f` with a compressor set to `level` (see [`with_shared`]).
fn with_compressor<T>(
    level: i32,
    f: impl FnOnce(&mut Compressor<'static>) -> io::Result<T>,
) -> io::Result<T> {
    with_shared(
        &COMPRESSOR,
        || Ok((level, Compressor::new(level)?)),
        |(l, c)| {
            if *l != level {
                c.set_compression_level(level)?;
                *l = level;
            }
            Ok(())
        },
        |(_, c)| f(c),
    )
}

/// Runs `f` with a decompressor (see [`with_shared`]).
fn with_decompressor<T>(
    f: impl FnOnce(&mut Decompressor<'static>) -> io::Result<T>,
) -> io::Result<T> {
    with_shared(&DECOMPRESSOR, Decompressor::new, |_| Ok(()), f)
}

/// Compresses a single block of data to the given destination buffer.
///
/// Returns the number of bytes written, or an error if something happened
/// (for instance if the destination buffer was too small).
///
/// [`crate::compress_bound()`] says how large the destination might need to
/// be. Passing a `Vec` instead of a slice works too, and then it is the
/// `Vec`'s *capacity* that bounds the output - so `reserve` what you need
/// rather than `resize`, since the bytes do not have to be initialized.
///
/// A level of `0` uses zstd's default (currently `3`).
pub fn compress_to_buffer(
    source: &[u8],
    destination: &mut [u8],
    level: i32,
) -> io::Result<usize> {
    with_compressor(level, |c| c.compress_to_buffer(source, destination))
}

/// Compresses a block of data and returns the compressed result.
///
/// A level of `0` uses zstd's default (currently `3`).
pub fn compress(data: &[u8], level: i32) -> io::Result<Vec<u8>> {
    with_compressor(level, |c| c.compress(data))
}

/// Decompress a single block of data to the given destination buffer.
///
/// Returns the number of bytes written, or an error if something happened
/// (for instance if the destination buffer was too small).
///
/// [`crate::decompressed_size()`] says how big the result will be, when the
/// frame records it - there is no need to store the size alongside the data
/// yourself.
///
/// Only as many bytes as returned at the start of `destination` are
/// meaningful: zstd may overwrite the rest, even if it was zero-filled
/// beforehand. This function only takes a slice; to decompress into a `Vec`
/// and have its length set to the output size, use
/// [`Decompressor::decompress_to_buffer`].
pub fn decompress_to_buffer(
    source: &[u8],
    destination: &mut [u8],
) -> io::Result<usize> {
    with_decompressor(|d| d.decompress_to_buffer(source, destination))
}

/// Decompresses a block of data and returns the decompressed result.
///
/// The decompressed data should be at most `capacity` bytes, or an error will
/// be returned - so `capacity` is the most you are willing to allocate for
/// this, not a guess that has to be right.
///
/// The output buffer is allocated once, before decompressing, so that zstd
/// can decompress straight into it. Its size is:
///
/// * the decompressed size, when every frame records it - however large a
///   `capacity` you allow;
/// * otherwise, with the `experimental` feature, zstd's upper bound for the
///   data, when it is smaller than `capacity`;
/// * otherwise, `capacity` itself, even if the data then turns out to be
///   invalid. So only pass a `capacity` you can afford to allocate.
///
/// [`crate::decompressed_size()`] gives you the size up front, if you would
/// rather decide for yourself.
pub fn decompress(data: &[u8], capacity: usize) -> io::Result<Vec<u8>> {
    with_decompressor(|d| d.decompress(data, capacity))
}
