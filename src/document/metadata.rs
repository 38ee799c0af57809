//! Metadata: title, subtitle, authors, date (with its precision), publisher, url, tags and
//! genre of a document, each remembering the rule or source it came from (`sources`), so
//! `argdex show` can say why. Dates are civil dates checked against the calendar (leap
//! years included) and written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

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
    /// Detected from the text's cues (genre).
    Detected,
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
            Source::Filename | Source::Detected => 1,
        }
    }
}

/// How much of a date the document gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    /// The precision of a date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn of(iso: &str) -> Option<DatePrecision> {
        let parts: Vec<&str> = iso.split('-').collect();
        let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if num(y, 4) => Some(DatePrecision::Year),
            [y, m] if num(y, 4) && num(m, 2) => Some(DatePrecision::Month),
            [y, m, d] if num(y, 4) && num(m, 2) && num(d, 2) => Some(DatePrecision::Day),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// Document metadata. Empty fields are `None` / empty vectors: nothing is invented.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// The line under the title (`Title` / `Subtitle` layouts), kept apart from the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (see `date_precision`).
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<DatePrecision>,
    /// `opinion`, `news`, `statement`, `transcript` or `other` (see `genre.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<super::genre::Genre>,
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

    /// Set the date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checked against the calendar) and
    /// its precision unless a stronger source already set it.
    pub fn set_date(&mut self, value: &str, source: Source) {
        let Some(precision) = DatePrecision::of(value).filter(|_| valid_iso(value)) else {
            return;
        };
        if self.allowed("date", source) {
            self.date = Some(value.to_string());
            self.date_precision = Some(precision);
            self.sources.insert("date".into(), source);
        }
    }

    /// Forget the date (a published date replaces an `Updated:` one of the same rank).
    pub fn clear_date(&mut self) {
        self.date = None;
        self.date_precision = None;
        self.sources.remove("date");
    }

    /// Set the subtitle unless a stronger source already set it.
    pub fn set_subtitle(&mut self, value: &str, source: Source) {
        let v = clean(value);
        if !v.is_empty() && self.allowed("subtitle", source) {
            self.subtitle = Some(v);
            self.sources.insert("subtitle".into(), source);
        }
    }

    /// Set the genre unless a stronger source already set it.
    pub fn set_genre(&mut self, genre: super::genre::Genre, source: Source) {
        if self.allowed("genre", source) {
            self.genre = Some(genre);
            self.sources.insert("genre".into(), source);
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

/// The UTC civil date and time of `secs` seconds since the Unix epoch (clamped to the
/// timestamps that `jiff` knows, about the years -9999..=9999).
pub fn utc_datetime(secs: i64) -> jiff::civil::DateTime {
    let ts = jiff::Timestamp::from_second(secs).unwrap_or(if secs < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    jiff::tz::Offset::UTC.to_datetime(ts)
}

/// `year-month-day` as a civil date, if it is a real day of the proleptic Gregorian
/// calendar (`2021-02-29` is not; `2020-02-29` is).
pub fn civil_date(year: i32, month: u32, day: u32) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// Format a date as `YYYY-MM-DD` after checking it is a real calendar day of a plausible
/// year (1000..=2999).
pub fn iso_date(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1000..=2999).contains(&year) {
        return None;
    }
    civil_date(year, month, day)?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Format a month as `YYYY-MM` after checking the ranges.
pub fn iso_month(year: i32, month: u32) -> Option<String> {
    ((1000..=2999).contains(&year) && civil_date(year, month, 1).is_some())
        .then(|| format!("{year:04}-{month:02}"))
}

/// True when `iso` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) names a real day, month or year.
pub fn valid_iso(iso: &str) -> bool {
    let n: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    let year = n.first().map(|&y| y as i32);
    match (year, n.get(1), n.get(2)) {
        (Some(y), Some(&m), Some(&d)) => iso_date(y, m, d).is_some(),
        (Some(y), Some(&m), None) => iso_month(y, m).is_some(),
        (Some(y), None, None) => (1000..=2999).contains(&y),
        _ => false,
    }
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])"));
/// `Oct. 2, 2020`, `Apr 4th 2020` (also glued to a dateline place: `Apr 4th 2020SEOUL`).
static MDY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:$|[^\d])")
});
/// `24/03/2015`, `24.03.2015`, `03/24/2015`: which number is the day is decided by
/// `numeric_date`.
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"));
/// `Mar 2015`, `March, 2015`: a month.
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"));
/// `2015-03`, `2015/03`: a month (not a year range `2015-2016`, not a full date).
static ISO_MONTH: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b(\d{4})[-/](\d{2})(?:$|[^\d/.-])"));
static DMY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
});

/// `D/M/YYYY` or `M/D/YYYY`: the reading where a number above 12 must be the day; when
/// both readings are real dates that differ, only the year is certain.
fn numeric_date(a: u32, b: u32, year: i32) -> Option<String> {
    match (a > 12, b > 12) {
        (true, false) => iso_date(year, b, a),
        (false, true) => iso_date(year, a, b),
        (false, false) if a == b => iso_date(year, a, b),
        (false, false) => {
            ((1000..=2999).contains(&year) && a > 0 && b > 0).then(|| format!("{year:04}"))
        }
        (true, true) => None,
    }
}

/// The first date written in `s`: a day as `YYYY-MM-DD` (ISO dates and datetimes
/// `2020-10-02T08:00:00Z`, `2024.10.04`, `Oct. 2, 2020`, `December 29, 2020`, `3 May 2016`,
/// `Friday, 15th November 2019`, `24/03/2015`), else a month as `YYYY-MM` (`Mar 2015`,
/// `2015-03`). A bare year is not a date here (see the date-line rule).
pub fn find_date(s: &str) -> Option<String> {
    find_day(s).or_else(|| find_month(s))
}

/// The first month written in `s` (`Mar 2015`, `2015-03`) as `YYYY-MM`.
fn find_month(s: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for c in MONTH_YEAR.captures_iter(s) {
        if let (Some(m), Ok(y)) = (month_number(&c[1]), c[2].parse())
            && let Some(date) = iso_month(y, m)
        {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
            break;
        }
    }
    for c in ISO_MONTH.captures_iter(s) {
        if let (Ok(y), Ok(m)) = (c[1].parse(), c[2].parse())
            && let Some(date) = iso_month(y, m)
        {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
            break;
        }
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

fn find_day(s: &str) -> Option<String> {
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
    for c in NUMERIC_DATE.captures_iter(s) {
        if let (Ok(a), Ok(b), Ok(y)) = (c[1].parse(), c[2].parse(), c[3].parse())
            && let Some(date) = numeric_date(a, b, y)
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
    fn the_calendar_checks_days_months_and_leap_years() {
        for (y, m, d, ok) in [
            (2020, 2, 29, true),
            (2021, 2, 29, false),
            (2000, 2, 29, true),
            (1900, 2, 29, false),
            (2024, 4, 31, false),
            (2024, 12, 31, true),
            (2024, 0, 1, false),
            (2024, 13, 1, false),
            (2024, 1, 0, false),
            // Would wrap to a valid day if narrowed with `as`.
            (2024, 1, 257, false),
            (2024, 257, 1, false),
            (999, 1, 1, false),
            (3000, 1, 1, false),
        ] {
            assert_eq!(iso_date(y, m, d).is_some(), ok, "{y}-{m}-{d}");
        }
        assert_eq!(iso_month(2024, 12).as_deref(), Some("2024-12"));
        assert_eq!(iso_month(2024, 13), None);
        for (secs, want) in [
            (0, "1970-01-01T00:00:00"),
            (951_782_400, "2000-02-29T00:00:00"),
            (-1, "1969-12-31T23:59:59"),
            // Clamped to jiff's last timestamp.
            (i64::MAX, "9999-12-30T22:00:00.999999999"),
        ] {
            assert_eq!(utc_datetime(secs).to_string(), want, "{secs}");
        }
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
            // dotted ISO (`2024.10.04` under a byline)
            ("2024.10.04", "2024-10-04"),
            // a datetime after a spaced label
            ("Published :2024-07-18 23:37:18", "2024-07-18"),
            // weekday and ordinal before the month
            ("Friday, 15th November 2019", "2019-11-15"),
            // a news dateline glued to its place
            ("Apr 4th 2020SEOUL (Yonhap) -- The talks", "2020-04-04"),
            // numeric, day first or month first when a number cannot be a month
            ("Posted on 24/03/2015", "2015-03-24"),
            ("03/24/2015", "2015-03-24"),
            ("2015/03/24", "2015-03-24"),
            // both readings possible: only the year is certain
            ("03/04/2015", "2015"),
            // a month
            ("Mar 2015", "2015-03"),
            ("2015-03", "2015-03"),
            ("March, 2015 | Jane Doe", "2015-03"),
            // leap day of a leap year
            ("2020-02-29", "2020-02-29"),
        ] {
            assert_eq!(find_date(input).as_deref(), Some(want), "{input}");
        }
        for bad in [
            "",
            "Spring 2020",
            "2020-13-45",
            "Maybe 3, 2020",
            "May",
            "2021-02-29",
            "February 29, 2021",
            "1900-02-29",
            "2015-2016",
            "In 2015",
            "31/31/2015",
        ] {
            assert_eq!(find_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn precision_and_calendar_checks() {
        for (iso, want) in [
            ("2020-10-02", Some(DatePrecision::Day)),
            ("2020-10", Some(DatePrecision::Month)),
            ("2020", Some(DatePrecision::Year)),
            ("20-10", None),
            ("2020-1-2", None),
        ] {
            assert_eq!(DatePrecision::of(iso), want, "{iso}");
        }
        let mut m = Metadata::default();
        m.set_date("2021-02-29", Source::DateLine);
        assert_eq!(m.date, None, "not a calendar day");
        m.set_date("2015-03", Source::DateLine);
        assert_eq!(m.date.as_deref(), Some("2015-03"));
        assert_eq!(m.date_precision, Some(DatePrecision::Month));
        m.clear_date();
        m.set_date("2015", Source::DateLine);
        assert_eq!(m.date_precision, Some(DatePrecision::Year));
        assert!(valid_iso("2000-02-29") && !valid_iso("2100-02-29"));
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
