//! The compression under tantivy's document store: newsq patches the `zstd` crate
//! (`vendor/zstd`) so that its one-shot functions reuse a context per thread. These tests
//! hold the patched functions to what fresh contexts give.

use zstd::bulk;

/// Texts of varied sizes and redundancy, like the blocks of a document store.
fn blocks() -> Vec<Vec<u8>> {
    (0..24u32)
        .map(|i| {
            let word = format!("story{} ", i % 5);
            let mut text = word.repeat(50 + 97 * i as usize).into_bytes();
            // Less redundant bytes too, so each block compresses differently.
            text.extend((0..(i * 131)).map(|j| (j.wrapping_mul(2654435761) >> 13) as u8));
            text
        })
        .collect()
}

#[test]
fn reused_contexts_compress_as_fresh_ones_at_any_level() {
    // Levels change from call to call: a shared context must take each one.
    let levels = [1, 3, 1, 19, -5, 1, 9, 3];
    for (i, block) in blocks().iter().enumerate() {
        let level = levels[i % levels.len()];
        let fresh = bulk::Compressor::new(level)
            .unwrap()
            .compress(block)
            .unwrap();
        let shared = bulk::compress(block, level).unwrap();
        assert_eq!(shared, fresh, "block {i} at level {level}");
        let mut out = vec![0u8; block.len()];
        let n = bulk::decompress_to_buffer(&shared, &mut out).unwrap();
        assert_eq!(&out[..n], &block[..], "block {i} round trip");
        assert_eq!(bulk::decompress(&shared, block.len()).unwrap(), *block);
    }
}

#[test]
fn a_failed_call_does_not_spoil_the_next() {
    let block = &blocks()[7];
    let good = bulk::compress(block, 1).unwrap();
    let mut corrupt = good.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid..].iter_mut().for_each(|b| *b ^= 0x5a);
    let mut out = vec![0u8; block.len()];
    assert!(bulk::decompress_to_buffer(&corrupt, &mut out).is_err());
    // Too small a buffer fails too.
    assert!(bulk::decompress_to_buffer(&good, &mut out[..10]).is_err());
    assert!(bulk::compress_to_buffer(block, &mut [0u8; 4], 1).is_err());
    let n = bulk::decompress_to_buffer(&good, &mut out).unwrap();
    assert_eq!(&out[..n], &block[..]);
    assert_eq!(bulk::compress(block, 1).unwrap(), good);
}
