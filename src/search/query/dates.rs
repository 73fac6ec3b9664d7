//! Dates in queries: `date:` words and ranges, `--since`/`--until` bounds, and the date
//! field's terms.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{Query, RangeQuery};
use tantivy::query_grammar::UserInputBound;
use tantivy::schema::Field;

use super::QueryError;
use super::compile::Compiler;
use crate::index::schema;

/// The start of day `d` (UTC), or its last second with `end_of_day`, as a term of the date
/// field.
pub(super) fn date_term(field: Field, d: jiff::civil::Date, end_of_day: bool) -> Term {
    let secs = date_secs(d);
    Term::from_field_date_for_search(
        field,
        schema::search_date(if end_of_day { secs + 86_399 } else { secs }),
    )
}

/// The first second of a day, since 1970, for every day of jiff's calendar (its
/// timestamps end a day earlier, so `9999-12-31` has none).
pub(super) fn date_secs(d: jiff::civil::Date) -> i64 {
    // Days from the civil date (Howard Hinnant's `days_from_civil`).
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// A range over the date field. tantivy needs a bound: "any date" (`date:[* TO *]`) is
/// every date from the first the index can hold.
pub(super) fn date_range(field: Field, lower: Bound<Term>, upper: Bound<Term>) -> Box<dyn Query> {
    let lower = match (&lower, &upper) {
        (Bound::Unbounded, Bound::Unbounded) => Bound::Included(Term::from_field_date_for_search(
            field,
            schema::search_date(i64::MIN),
        )),
        _ => lower,
    };
    Box::new(RangeQuery::new(lower, upper))
}

impl Compiler<'_> {
    /// A bound of `date:[FROM TO UNTIL]` (or `date:>FROM`, `date:<=UNTIL`): a year or a
    /// month stands for all its days, so `date:[2023 TO 2024]` ends on 2024-12-31 and
    /// `date:>2024` begins in 2025.
    pub(super) fn date_bound(
        &mut self,
        b: &UserInputBound,
        upper: bool,
        quiet: bool,
    ) -> Result<Bound<Term>, QueryError> {
        let (s, inclusive) = match b {
            UserInputBound::Unbounded => return Ok(Bound::Unbounded),
            UserInputBound::Inclusive(s) => (s, true),
            UserInputBound::Exclusive(s) => (s, false),
        };
        if s == "*" {
            return Ok(Bound::Unbounded);
        }
        let field = self.fields.date;
        let bound = date_span(s).map(|(first, last)| match (upper, inclusive) {
            (false, true) => Bound::Included(date_term(field, first, false)),
            (false, false) => Bound::Excluded(date_term(field, last, true)),
            (true, true) => Bound::Included(date_term(field, last, true)),
            (true, false) => Bound::Excluded(date_term(field, first, false)),
        });
        match bound {
            Some(b) => Ok(b),
            None => self.bad_date(s, quiet),
        }
    }

    fn bad_date(&mut self, s: &str, quiet: bool) -> Result<Bound<Term>, QueryError> {
        let msg = format!("'{s}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
        if !quiet {
            return Err(QueryError::Syntax(msg));
        }
        Ok(Bound::Unbounded)
    }

    /// `date:2024`, `date:2024-05` or `date:2024-05-17`: the articles of that year, month
    /// or day.
    pub(super) fn date_literal(&mut self, text: &str, quiet: bool) -> Option<Box<dyn Query>> {
        let Some((first, last)) = date_span(text) else {
            self.warn(
                quiet,
                format!(
                    "ignored 'date:{text}': not a date (use date:YYYY, date:YYYY-MM, \
                     date:YYYY-MM-DD or date:[FROM TO UNTIL])"
                ),
            );
            return None;
        };
        let field = self.fields.date;
        let in_range = |d| schema::DATE_SECS.contains(&date_secs(d));
        if !(in_range(first) && in_range(last)) {
            self.warn(
                quiet,
                format!(
                    "ignored 'date:{text}': out of range (the index holds dates of 1678 to 2261)"
                ),
            );
            return None;
        }
        Some(Box::new(RangeQuery::new(
            Bound::Included(date_term(field, first, false)),
            Bound::Included(date_term(field, last, true)),
        )))
    }
}

/// A `--since` (`upper` false: the first day) or `--until` (`upper`: the last day) bound:
/// a year (`2024`), a month (`2024-05`), a day (`2024-05-17`), or a span back from
/// `today` in days, weeks, months or years (`7d`, `2w`, `3m`, `1y`).
pub fn date_bound(
    text: &str,
    upper: bool,
    today: jiff::civil::Date,
) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    if let Some((first, last)) = date_span(text) {
        return Ok(if upper { last } else { first });
    }
    let bad = || {
        format!(
            "{text:?} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a span back from \
             today (7d, 2w, 3m, 1y)"
        )
    };
    let unit = text.chars().last().ok_or_else(bad)?;
    let number = &text[..text.len() - unit.len_utf8()];
    let n: i64 = number
        .parse()
        .ok()
        .filter(|n| *n >= 0 && number.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(bad)?;
    let span = match unit.to_ascii_lowercase() {
        'd' => jiff::Span::new().try_days(n),
        'w' => jiff::Span::new().try_weeks(n),
        'm' => jiff::Span::new().try_months(n),
        'y' => jiff::Span::new().try_years(n),
        _ => return Err(bad()),
    }
    .map_err(|_| format!("{text:?} reaches too far back"))?;
    today
        .checked_sub(span)
        .map_err(|_| format!("{text:?} reaches too far back"))
}

/// The first and last day of a year (`2024`), month (`2024-05`) or day (`2024-05-17`).
pub(super) fn date_span(text: &str) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Option<i16> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = number(y, 4)?;
            Some((
                jiff::civil::Date::new(y, 1, 1).ok()?,
                jiff::civil::Date::new(y, 12, 31).ok()?,
            ))
        }
        [y, m] => {
            let first = jiff::civil::Date::new(number(y, 4)?, number(m, 2)? as i8, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        [y, m, d] => {
            let day =
                jiff::civil::Date::new(number(y, 4)?, number(m, 2)? as i8, number(d, 2)? as i8)
                    .ok()?;
            Some((day, day))
        }
        _ => None,
    }
}
