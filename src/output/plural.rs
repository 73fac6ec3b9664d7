//! Counts in words for messages: "1 file", "2 files".

/// `n` and the noun in the form the number takes: `counted(1, "file", "files")` is
/// "1 file", `counted(0, "file", "files")` is "0 files".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(1, "file", "files"), "1 file");
        assert_eq!(counted(0, "file", "files"), "0 files");
        assert_eq!(counted(2, "bad record", "bad records"), "2 bad records");
    }
}
