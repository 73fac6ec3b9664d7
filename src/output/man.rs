//! Manual pages in roff, from the clap definitions (`newsq man`).

use std::io::Write;

/// One manual page: clap_mangen's sections, then the examples of `--help` as an
/// EXAMPLES section kept line for line (clap_mangen would reflow them into one
/// paragraph), the notes after them, and SEE ALSO naming the parent page. clap's `help`
/// subcommand gets no page, so none lists it.
pub fn page(
    cmd: clap::Command,
    parent: Option<&str>,
    page_out: &mut dyn Write,
) -> std::io::Result<()> {
    // Each section clap_mangen renders repeats roff's preamble; it is kept once, below.
    let mut buf: Vec<u8> = Vec::new();
    let out: &mut dyn Write = &mut buf;
    let after = cmd.get_after_help().map(|h| h.to_string());
    let cmd = cmd.disable_help_subcommand(true);
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subs = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let has_version = cmd.get_version().is_some();
    let man = clap_mangen::Man::new(cmd);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if has_args {
        man.render_options_section(out)?;
    }
    if has_subs {
        man.render_subcommands_section(out)?;
    }
    if let Some(after) = after {
        let (examples, notes) = split_examples(&after);
        if !examples.is_empty() {
            writeln!(out, ".SH EXAMPLES")?;
            writeln!(out, ".nf")?;
            for line in examples {
                writeln!(out, "{}", roff_text(line))?;
            }
            writeln!(out, ".fi")?;
        }
        if !notes.is_empty() {
            writeln!(out, ".SH NOTES")?;
            for paragraph in notes.split("\n\n") {
                writeln!(out, ".PP")?;
                writeln!(out, "{}", roff_text(&paragraph.replace('\n', " ")))?;
            }
        }
    }
    if has_version {
        man.render_version_section(out)?;
    }
    if let Some(parent) = parent {
        writeln!(out, ".SH \"SEE ALSO\"")?;
        writeln!(out, "{}(1)", roff_text(parent))?;
    }
    let text = String::from_utf8_lossy(&buf);
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if !preamble || seen.insert(line) {
            writeln!(page_out, "{line}")?;
        }
    }
    Ok(())
}

/// The lines under "Examples:" in a `--help` epilogue, and what follows them.
fn split_examples(after: &str) -> (Vec<&str>, String) {
    let mut examples = Vec::new();
    let mut rest = String::new();
    let mut lines = after.lines().peekable();
    if lines.peek().is_some_and(|l| l.trim() == "Examples:") {
        lines.next();
        while let Some(line) = lines.next_if(|l| !l.trim().is_empty()) {
            examples.push(line.trim_start());
        }
    }
    for line in lines {
        rest.push_str(line);
        rest.push('\n');
    }
    (examples, rest.trim().to_owned())
}

/// Text for a roff line: backslashes and hyphens escaped, a leading `.` or `'` kept
/// from being read as a request.
fn roff_text(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_split_from_the_notes() {
        let (ex, notes) = split_examples("Examples:\n  a b\n  c  d\n\nExit status: 0.\nMore.");
        assert_eq!(ex, ["a b", "c  d"]);
        assert_eq!(notes, "Exit status: 0.\nMore.");
    }

    #[test]
    fn roff_text_escapes() {
        assert_eq!(roff_text("a-b \\n"), "a\\-b \\en");
        assert_eq!(roff_text(".x"), "\\&.x");
    }
}
