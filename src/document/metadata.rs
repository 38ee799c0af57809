//! Metadata: title, authors, date, publisher, url and tags of a document, each remembering
//! the rule or source it came from (`sources`), so `argdex show` can say why.

use std::collections::BTreeMap;

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
        let v: Vec<String> = values.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect();
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

/// Collapse whitespace and strip markdown emphasis around a value.
pub fn clean(s: &str) -> String {
    let s = s.trim().trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
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
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
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
}
