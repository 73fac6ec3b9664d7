//! Every line the search commands write on standard error, worded in one place: each
//! starts `newsq:`, then `warning:` when something was not done as asked (a notice that
//! only informs has no label), and each cause has one wording.

use newsq::output::sanitize;

/// `newsq: warning: ...`
pub fn warning(message: &str) {
    eprintln!("newsq: warning: {}", sanitize::line(message));
}
