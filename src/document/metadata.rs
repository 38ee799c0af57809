//! Metadata: title, authors, date, publisher, url and tags of a document, each remembering
//! the rule or source it came from (`sources`), so `argdex show` can say why.

use std::collections::BTreeMap;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// Where a metadata field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    FrontMatter,
    Sidecar,
    HtmlMeta,
    TitleLine,
    Byline,
    Bio,
    DateLine,
    Footer,
    Url,
    Filename,
}

impl Source {
    /// Precedence: a higher rank wins when two sources give the same field.
    pub fn rank(self) -> u8 {
        match self {
            Source::Sidecar => 9,
            Source::FrontMatter => 8,
            Source::HtmlMeta => 7,
            Source::Byline | Source::TitleLine | Source::DateLine => 5,
            Source::Bio => 4,
            Source::Footer => 3,
            Source::Url => 2,
            Source::Filename => 1,
        }
    }
}

/// Document metadata. Empty fields are `None` / empty vectors: nothing is invented.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Year of publication: from `date` when there is one, else from a copyright footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Field name → source of its value.
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
}

impl Metadata {
    fn allowed(&self, field: &str, source: Source) -> bool {
        self.sources
            .get(field)
            .is_none_or(|old| source.rank() > old.rank())
    }

    /// Set the title unless a stronger source already set it.
    pub fn set_title(&mut self, value: &str, source: Source) {
        let v = clean(value);
        if !v.is_empty() && self.allowed("title", source) {
            self.title = Some(v);
            self.sources.insert("title".into(), source);
        }
    }

    /// Set the authors unless a stronger source already set them.
    pub fn set_authors(&mut self, values: Vec<String>, source: Source) {
        let v: Vec<String> = values
            .iter()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .collect();
        if !v.is_empty() && self.allowed("authors", source) {
            self.authors = v;
            self.sources.insert("authors".into(), source);
        }
    }

    /// Set the date (already `YYYY-MM-DD`) unless a stronger source already set it.
    pub fn set_date(&mut self, value: &str, source: Source) {
        if self.allowed("date", source) {
            self.date = Some(value.to_string());
            self.sources.insert("date".into(), source);
        }
    }

    /// Set the publisher unless a stronger source already set it.
    pub fn set_publisher(&mut self, value: &str, source: Source) {
        let v = clean(value);
        if !v.is_empty() && self.allowed("publisher", source) {
            self.publisher = Some(v);
            self.sources.insert("publisher".into(), source);
        }
    }

    /// Set the url unless a stronger source already set it.
    pub fn set_url(&mut self, value: &str, source: Source) {
        let v = value.trim();
        if !v.is_empty() && self.allowed("url", source) {
            self.url = Some(v.to_string());
            self.sources.insert("url".into(), source);
        }
    }
}

impl Metadata {
    /// Set the year unless a stronger source already set it.
    pub fn set_year(&mut self, year: i32, source: Source) {
        if (1000..=2999).contains(&year) && self.allowed("year", source) {
            self.year = Some(year);
            self.sources.insert("year".into(), source);
        }
    }

    /// Final touches once every source has been applied: the year follows the date.
    pub fn finish(&mut self) {
        let from_date = self
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        if let (Some(y), Some(src)) = (from_date, self.sources.get("date").copied()) {
            self.year = Some(y);
            self.sources.insert("year".into(), src);
        }
    }

    /// Set the tags unless a stronger source already set them.
    pub fn set_tags(&mut self, values: Vec<String>, source: Source) {
        let mut v: Vec<String> = Vec::new();
        for t in values.iter().map(|s| clean(s)).filter(|s| !s.is_empty()) {
            if !v.contains(&t) {
                v.push(t);
            }
        }
        if !v.is_empty() && self.allowed("tags", source) {
            self.tags = v;
            self.sources.insert("tags".into(), source);
        }
    }
}

/// Collapse whitespace and strip markdown emphasis around a value.
pub fn clean(s: &str) -> String {
    let s = s
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month number from an English month name or abbreviation (`Oct.`, `October`, `Sept`).
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    if n.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full.iter())
        .position(|(abbr, full)| full.starts_with(&n) || (n == "sept" && *abbr == "sep"))
        .map(|i| i as u32 + 1)
}

/// Format a date as `YYYY-MM-DD` after checking the ranges.
pub fn iso_date(year: i32, month: u32, day: u32) -> Option<String> {
    let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1000..=2999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days[month as usize - 1] {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])"));
static MDY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
});
static DMY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
});

/// The first date written in `s` as `YYYY-MM-DD`: ISO dates and datetimes
/// (`2020-10-02T08:00:00Z`), `Oct. 2, 2020`, `December 29, 2020`, `3 May 2016`.
pub fn find_date(s: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for c in ISO_DATE.captures_iter(s) {
        if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse())
            && let Some(date) = iso_date(y, m, d)
        {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
            break;
        }
    }
    for c in MDY_DATE.captures_iter(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse())
            && let Some(date) = iso_date(y, m, d)
        {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
            break;
        }
    }
    for c in DMY_DATE.captures_iter(s) {
        if let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse())
            && let Some(date) = iso_date(y, m, d)
        {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
            break;
        }
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stronger_source_wins() {
        let mut m = Metadata::default();
        m.set_title("From the line", Source::TitleLine);
        m.set_title("From the sidecar", Source::Sidecar);
        m.set_title("Again from a line", Source::TitleLine);
        assert_eq!(m.title.as_deref(), Some("From the sidecar"));
        assert_eq!(m.sources["title"], Source::Sidecar);
    }

    #[test]
    fn months() {
        assert_eq!(month_number("Oct."), Some(10));
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(iso_date(2020, 2, 30), None);
        assert_eq!(iso_date(2020, 12, 29).as_deref(), Some("2020-12-29"));
    }

    #[test]
    fn dates_normalised() {
        for (input, want) in [
            ("2020-10-02", "2020-10-02"),
            ("2021-02-10T09:30:00+00:00", "2021-02-10"),
            ("Oct. 2, 2020", "2020-10-02"),
            ("December 29, 2020 Topic: Security", "2020-12-29"),
            ("Published: 3 May 2016", "2016-05-03"),
            ("Tuesday, 1st June 2021", "2021-06-01"),
            ("2020/1/5", "2020-01-05"),
        ] {
            assert_eq!(find_date(input).as_deref(), Some(want), "{input}");
        }
        for bad in ["", "Spring 2020", "2020-13-45", "Maybe 3, 2020", "May"] {
            assert_eq!(find_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn year_follows_date() {
        let mut m = Metadata::default();
        m.set_year(2016, Source::Footer);
        m.finish();
        assert_eq!(m.year, Some(2016));
        m.set_date("2020-10-02", Source::DateLine);
        m.finish();
        assert_eq!(m.year, Some(2020));
        assert_eq!(m.sources["year"], Source::DateLine);
    }

    #[test]
    fn tags_dedup_and_rank() {
        let mut m = Metadata::default();
        m.set_tags(
            vec!["NATO".into(), " NATO ".into(), "Quad".into()],
            Source::FrontMatter,
        );
        m.set_tags(vec!["Other".into()], Source::HtmlMeta);
        assert_eq!(m.tags, ["NATO", "Quad"]);
    }
}
