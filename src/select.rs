//! Resolving what the user typed into exact filter values: dates of day, month or year
//! precision compared as intervals, documents by id, path or title words, theme ids
//! (case-insensitive; a quanteda parent names all its children), actor ids or aliases, each
//! with a "did you mean" for typos.
//!
//! Dates: a document dated `2024-03` (month precision) stands for the whole of March 2024,
//! and a bound `--since 2024` for the whole of 2024. A document matches when its interval
//! overlaps the bounds, both ends inclusive: `2024-03` matches `--since 2024-03-15` and
//! `--until 2024-03-01`. Undated documents never match a date bound.

use crate::document::metadata::civil_date;
use crate::error::{Error, Result};
use crate::index::DocRecord;

/// A calendar date as (year, month, day); month and day are 1-based.
pub type Ymd = (i32, u32, u32);

/// A date of day, month or year precision, as the interval it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub first: Ymd,
    pub last: Ymd,
}

/// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also `/` or `.` separators).
pub fn parse_date(s: &str) -> Option<DateSpan> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let num = |p: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4..=4)? as i32;
    match parts.as_slice() {
        [_] => Some(DateSpan {
            first: (year, 1, 1),
            last: (year, 12, 31),
        }),
        [_, m] => {
            let m = num(m, 1..=2)?;
            let last = civil_date(year, m, 1)?.last_of_month();
            Some(DateSpan {
                first: (year, m, 1),
                last: (year, m, last.day() as u32),
            })
        }
        [_, m, d] => {
            let (m, d) = (num(m, 1..=2)?, num(d, 1..=2)?);
            civil_date(year, m, d)?;
            Some(DateSpan {
                first: (year, m, d),
                last: (year, m, d),
            })
        }
        _ => None,
    }
}

/// Parse a `--since`/`--until` value, or say what is expected.
pub fn parse_bound(option: &str, s: &str) -> Result<DateSpan> {
    parse_date(s).ok_or_else(|| {
        Error::Query(format!(
            "{option} {s:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-03, 2024-03-15)"
        ))
    })
}

/// Does a document's date (any precision) overlap `[since, until]` (inclusive)?
pub fn date_in(date: Option<&str>, since: Option<DateSpan>, until: Option<DateSpan>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(span) = date.and_then(parse_date) else {
        return false;
    };
    since.is_none_or(|s| span.last >= s.first) && until.is_none_or(|u| span.first <= u.last)
}

/// Documents matching `--doc NEEDLE`: the id (or a prefix of it), a path as ingested (or
/// its end, or the start of its file name), else every document whose title contains all
/// the words of `needle` (case-insensitive).
pub fn docs_matching<'a>(docs: &'a [DocRecord], needle: &str) -> Vec<&'a DocRecord> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let exact: Vec<&DocRecord> = docs
        .iter()
        .filter(|d| {
            d.doc_id == needle
                || d.files()
                    .iter()
                    .any(|f| f.path == needle || f.key == needle)
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let by_path: Vec<&DocRecord> = docs
        .iter()
        .filter(|d| {
            d.doc_id.starts_with(needle)
                || d.files().iter().any(|f| {
                    let name = std::path::Path::new(&f.path)
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("");
                    f.path.ends_with(needle) || name.starts_with(needle)
                })
        })
        .collect();
    if !by_path.is_empty() {
        return by_path;
    }
    let words: Vec<String> = needle
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    docs.iter()
        .filter(|d| {
            let title = d.meta.title.as_deref().unwrap_or("").to_lowercase();
            let title_words: Vec<&str> = title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            words.iter().all(|w| {
                title_words.iter().any(|t| t == w)
                    || (w.chars().count() > 3 && title.contains(w.as_str()))
            })
        })
        .collect()
}

/// The closest of `known` to `typed`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&typed, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn unknown(kind: &str, typed: &str, known: &[String]) -> Error {
    let hint = did_you_mean(typed, known.iter().map(String::as_str))
        .map(|k| format!("; did you mean {k:?}?"))
        .unwrap_or_default();
    Error::Query(format!(
        "unknown {kind} {typed:?}{hint} (valid {kind}s: {})",
        known.join(", ")
    ))
}

/// Theme ids a `--theme` value names: the id itself (any case), or, for a parent of
/// nested ids (`parent/child`, from quanteda dictionaries), every child.
pub fn resolve_theme(typed: &str, known: &[String]) -> Result<Vec<String>> {
    let t = typed.trim().to_lowercase();
    if let Some(k) = known.iter().find(|k| k.to_lowercase() == t) {
        return Ok(vec![k.clone()]);
    }
    let prefix = format!("{}/", t.trim_end_matches('/'));
    let children: Vec<String> = known
        .iter()
        .filter(|k| k.to_lowercase().starts_with(&prefix))
        .cloned()
        .collect();
    if !children.is_empty() {
        return Ok(children);
    }
    Err(unknown("theme", typed, known))
}

/// The actor id an `--actor` value names: an id (any case), an actor's label, or a word
/// the gazetteer recognises as one actor ("Beijing" → `china`).
pub fn resolve_actor(
    typed: &str,
    gazetteer: &crate::codebook::gazetteer::Gazetteer,
) -> Result<String> {
    let t = typed.trim().to_lowercase();
    if let Some(a) = gazetteer
        .actors
        .iter()
        .find(|a| a.id.to_lowercase() == t || a.label.to_lowercase() == t)
    {
        return Ok(a.id.clone());
    }
    if let [one] = gazetteer.actors_in(typed.trim()).as_slice() {
        return Ok(one.clone());
    }
    let ids: Vec<String> = gazetteer.actors.iter().map(|a| a.id.clone()).collect();
    Err(unknown("actor", typed, &ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_each_precision_are_intervals() {
        let cases = [
            ("2024", Some(((2024, 1, 1), (2024, 12, 31)))),
            ("2024-02", Some(((2024, 2, 1), (2024, 2, 29)))),
            ("2023-02", Some(((2023, 2, 1), (2023, 2, 28)))),
            ("2024-03-15", Some(((2024, 3, 15), (2024, 3, 15)))),
            ("2024/3/5", Some(((2024, 3, 5), (2024, 3, 5)))),
            ("2024-13", None),
            ("2024-02-30", None),
            ("24", None),
            ("last year", None),
            ("", None),
        ];
        for (s, want) in cases {
            let got = parse_date(s).map(|d| (d.first, d.last));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn bounds_are_inclusive_and_overlap_coarse_dates() {
        let d = |s| parse_date(s);
        let cases = [
            // (document date, since, until, matches)
            (Some("2024-03"), d("2024-03-15"), None, true),
            (Some("2024-03"), None, d("2024-03-01"), true),
            (Some("2024-03"), d("2024-04"), None, false),
            (Some("2024"), d("2024-12-31"), None, true),
            (Some("2024-03-15"), d("2024-03-15"), d("2024-03-15"), true),
            (Some("2024-03-14"), d("2024-03-15"), None, false),
            (Some("2020-10-02"), d("2020"), d("2021"), true),
            (None, d("2020"), None, false),
            (None, None, None, true),
        ];
        for (date, since, until, want) in cases {
            assert_eq!(
                date_in(date, since, until),
                want,
                "{date:?} {since:?} {until:?}"
            );
        }
    }

    #[test]
    fn themes_resolve_case_insensitively_with_parents_and_hints() {
        let known: Vec<String> = [
            "burden-sharing",
            "care/virtue",
            "care/vice",
            "china-response",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            resolve_theme("Burden-Sharing", &known).unwrap(),
            ["burden-sharing"]
        );
        assert_eq!(
            resolve_theme("care", &known).unwrap(),
            ["care/virtue", "care/vice"]
        );
        let e = resolve_theme("burden-shairng", &known)
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean \"burden-sharing\""), "{e}");
        let e = resolve_theme("zzz", &known).unwrap_err().to_string();
        assert!(
            !e.contains("did you mean") && e.contains("valid themes"),
            "{e}"
        );
    }

    #[test]
    fn actors_resolve_by_alias() {
        let cb = crate::codebook::Codebook::builtin();
        assert_eq!(resolve_actor("beijing", &cb.gazetteer).unwrap(), "china");
        assert_eq!(resolve_actor("China", &cb.gazetteer).unwrap(), "china");
        let e = resolve_actor("chian", &cb.gazetteer)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("did you mean \"china\"") && e.contains("valid actors"),
            "{e}"
        );
    }
}
