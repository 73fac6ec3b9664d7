//! Repairs of the raw query text before the grammar reads it: `path:` terms taken out,
//! unknown field prefixes, unmatched quotes and parentheses, dangling operators.

use super::compile::field_names;
use crate::index::schema::{QUERY_FIELDS, name};

/// Takes the `path:GLOB` terms out of the raw text (`-path:GLOB` excludes; a quoted
/// value may hold spaces): the grammar would read the glob's `*` and `/` as syntax, and
/// a path restricts the whole query wherever it stands. Returns the rest of the text and
/// the patterns, each with whether it excludes.
pub(super) fn take_paths(text: &str) -> (String, Vec<(bool, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut paths = Vec::new();
    let mut in_quote = false;
    let mut at_start = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_quote && at_start {
            let (sign, after) = match c {
                '-' | '+' => (Some(c), &rest[1..]),
                _ => (None, rest),
            };
            if after.len() > 5
                && after
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("path:"))
            {
                let value = &after[5..];
                let (pattern, len) = if let Some(quoted) = value.strip_prefix('"') {
                    match quoted.find('"') {
                        Some(end) => (&quoted[..end], end + 2),
                        None => (quoted, value.len()),
                    }
                } else {
                    let end = value
                        .find(|c: char| c.is_whitespace() || c == ')')
                        .unwrap_or(value.len());
                    (&value[..end], end)
                };
                if !pattern.is_empty() {
                    paths.push((sign == Some('-'), pattern.to_owned()));
                    out.push(' ');
                    rest = &value[len..];
                    at_start = false;
                    continue;
                }
            }
        }
        if c == '"' {
            in_quote = !in_quote;
        }
        at_start = c.is_whitespace() || c == '(';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (out, paths)
}

/// Fixes the raw text so the grammar can read it: unknown `name:` prefixes become words,
/// an unmatched quote is dropped, a bare `~` becomes `~1`. Returns the fixed text and what
/// was changed.
pub(super) fn repair(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = String::with_capacity(text.len());
    let quotes = text.matches('"').count();
    let drop_quote_at = (quotes % 2 == 1).then(|| text.rfind('"').expect("odd count"));
    if drop_quote_at.is_some() {
        warnings.push("ignored an unmatched '\"'".to_owned());
    }
    let mut in_quote = false;
    let mut in_single = false;
    let mut word_start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if Some(i) == drop_quote_at {
            out.push(' ');
            word_start = out.len();
            continue;
        }
        match c {
            // An apostrophe in a word is part of it (`O'Neil`, `don't`, `d'Ivoire`,
            // `Jones'`), not the start of a 'quoted phrase': escaped, the grammar keeps
            // the word whole, and the analyzer splits it as it split the text.
            '\'' if !in_quote => {
                let letter =
                    |at: Option<&(usize, char)>| at.is_some_and(|&(_, c)| c.is_alphanumeric());
                let after_letter = k > 0 && letter(chars.get(k - 1));
                let before_letter = letter(chars.get(k + 1));
                if after_letter && (before_letter || !in_single) {
                    out.push_str("\\'");
                } else {
                    in_single = !in_single;
                    out.push(c);
                }
            }
            '"' => {
                in_quote = !in_quote;
                out.push(c);
            }
            ':' if !in_quote => {
                let word = &out[word_start..];
                let bare = word.trim_start_matches(['+', '-', '(']);
                let known = QUERY_FIELDS
                    .iter()
                    .find(|(alias, _)| alias.eq_ignore_ascii_case(bare))
                    .map(|(_, f)| *f)
                    .or_else(|| bare.eq_ignore_ascii_case(name::DATE).then_some(name::DATE));
                let next = chars.get(k + 1).map(|&(_, c)| c);
                let nothing_after = next.is_none_or(|c| c.is_whitespace() || c == ')');
                match known {
                    Some(_) if !bare.is_empty() && nothing_after => {
                        warnings.push(format!("ignored '{bare}:': no word follows it"));
                        out.truncate(word_start + (word.len() - bare.len()));
                    }
                    Some(field) if !bare.is_empty() => {
                        let prefix_len = word.len() - bare.len();
                        out.truncate(word_start + prefix_len);
                        out.push_str(field);
                        out.push(':');
                    }
                    _ => {
                        if bare.is_empty() {
                            warnings.push("ignored a ':' that follows no field name".to_owned());
                        } else {
                            warnings.push(format!(
                                "read '{bare}:' as the word '{bare}': there is no field '{bare}' (fields: {})",
                                field_names()
                            ));
                        }
                        out.push(' ');
                    }
                }
                word_start = out.len();
            }
            '~' if !in_quote => {
                out.push('~');
                let next = chars.get(k + 1).map(|&(_, c)| c);
                if !next.is_some_and(|c| c.is_ascii_digit()) {
                    out.push('1');
                }
            }
            c if c.is_whitespace() || c == '(' || c == ')' => {
                out.push(c);
                word_start = out.len();
            }
            _ => out.push(c),
        }
    }
    let (out, more) = balance_parentheses(&out);
    warnings.extend(more);
    let (out, more) = drop_dangling_operators(&out);
    warnings.extend(more);
    (out, warnings)
}

/// Drops a `)` that closes nothing and closes a `(` left open, outside quotes.
fn balance_parentheses(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = String::with_capacity(text.len() + 2);
    let mut depth = 0usize;
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote && depth == 0 => {
                warnings.push("ignored a ')' that closes no '('".to_owned());
                out.push(' ');
                continue;
            }
            ')' if !in_quote => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    if depth > 0 {
        warnings.push(format!(
            "closed {} at the end of the query",
            if depth == 1 {
                "a '(' left open".to_owned()
            } else {
                format!("{depth} '(' left open")
            }
        ));
        out.extend(std::iter::repeat_n(')', depth));
    }
    (out, warnings)
}

fn is_operator(token: &str) -> bool {
    matches!(token, "AND" | "OR" | "NOT")
}

/// Drops an `AND`, `OR` or `NOT` that has nothing to act on: at either end of the query,
/// next to another operator or against a parenthesis (`Harbin AND`, `a OR OR b`).
fn drop_dangling_operators(text: &str) -> (String, Vec<String>) {
    // Tokens are runs of non-space characters outside quotes; a quoted phrase is one.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut in_quote = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quote = !in_quote;
        }
        if c.is_whitespace() && !in_quote {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let tokens: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
    let mut keep = vec![true; tokens.len()];
    let mut warnings = Vec::new();
    for i in 0..tokens.len() {
        let op = tokens[i];
        if !is_operator(op) {
            continue;
        }
        let prev = (0..i).rev().find(|&j| keep[j]).map(|j| tokens[j]);
        let next = tokens.get(i + 1).copied();
        let why = match (prev, next) {
            (_, None) => Some("at the end of the query".to_owned()),
            (_, Some(n)) if n.starts_with(')') => Some("before a ')'".to_owned()),
            (_, Some(n)) if n != "NOT" && is_operator(n) => Some(format!("before '{n}'")),
            _ if op == "NOT" => None,
            (None, _) => Some("at the start of the query".to_owned()),
            (Some(p), _) if p.ends_with('(') => Some("after a '('".to_owned()),
            (Some(p), _) if is_operator(p) => Some(format!("after '{p}'")),
            _ => None,
        };
        if let Some(why) = why {
            warnings.push(format!("ignored '{op}' {why}: it joins nothing"));
            keep[i] = false;
        }
    }
    if warnings.is_empty() {
        return (text.to_owned(), warnings);
    }
    let kept: Vec<&str> = tokens
        .iter()
        .zip(&keep)
        .filter_map(|(t, k)| k.then_some(*t))
        .collect();
    (kept.join(" "), warnings)
}

/// How deep parentheses may nest in a query.
pub(super) const MAX_NESTING: usize = 256;

/// The deepest nesting of parentheses outside quotes (unclosed ones count).
pub(super) fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}
