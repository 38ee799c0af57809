//! Boilerplate and metadata lines: decide, block by block, what is title, byline, author bio,
//! date line, disclaimer, advert, caption, heading or bare URL (metadata or dropped), and what
//! is body text. Each rule is a row in [`LINE_RULES`] with a name and the case it handles.

use std::sync::LazyLock;

use regex::Regex;

use super::metadata::{iso_date, month_number, Metadata, Source};
use super::paragraphs::{ends_sentence, trim_range, Block, BlockKind};
use super::Format;

/// What a matching block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Editorial clutter: dropped from the body, gives no metadata.
    Drop,
    /// A `Month D, YYYY Topic: ... Tags: ...` line: date, dropped.
    DateTopicLine,
    /// A bare URL line: url and publisher (its host), dropped.
    UrlLine,
    /// `(c) 2016, Swarajya`: publisher, dropped.
    CopyrightFooter,
}

/// Whole-block rules: `(name, pattern, role)`. Patterns are case-insensitive and anchored.
const LINE_RULES: &[(&str, &str, Role)] = &[
    ("disclaimer-views", r"(?i)\b(represent|reflect)s? (only )?the (personal )?views of (the )?(respective )?authors?\b", Role::Drop),
    ("disclaimer-opinions", r"(?i)^\W*(the )?(views|opinions) expressed (here|in this)", Role::Drop),
    ("advert-applications", r"(?i)^\W*applications are (now )?(being )?accepted", Role::Drop),
    ("advert-subscribe", r"(?i)^\W*(subscribe|sign up) (to|for|now)", Role::Drop),
    ("further-reading", r"(?i)^\W*(further|recommended|suggested) reading\W*$", Role::Drop),
    ("related", r"(?i)^\W*(related|read more|see also|more from)\s*:", Role::Drop),
    ("image-caption", r"(?i)^\W*(image|photo|pictured|picture|caption|photograph|credit)\s*:", Role::Drop),
    ("scroll-for-video", r"(?i)^\W*scroll down for video\W*$", Role::Drop),
    ("photo-credit", r"^[A-Z][A-Za-z]+/[A-Z][\w.]*( [A-Z][\w.'-]*){0,3}\W*$", Role::Drop),
    ("end-marks", r"^\s*(#{3}|-{3,}|\*{3}|—|-30-|\W)\s*$", Role::Drop),
    ("lone-punctuation", r"^[\p{P}\p{S}\s]+$", Role::Drop),
    ("full-report-see", r"(?i)^\W*for the full (report|text|article),? see\b", Role::Drop),
    ("date-topic-line", r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\s+(topic|region|tags|blog brand)\s*:", Role::DateTopicLine),
    ("bare-url", r"(?i)^<?https?://\S+>?$", Role::UrlLine),
    ("copyright-footer", r"(?i)^(\(c\)|©|copyright)\s*(\d{4})?,?\s*(.+)$", Role::CopyrightFooter),
];

static RULES: LazyLock<Vec<(&'static str, Regex, Role)>> = LazyLock::new(|| {
    LINE_RULES
        .iter()
        .filter_map(|(name, pat, role)| Regex::new(pat).ok().map(|re| (*name, re, *role)))
        .collect()
});

/// A person's name: two to four capitalised words, initials and hyphens allowed.
const NAME: &str = r"[A-Z][\p{L}'’.-]+(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|bin|al|da|du|le)){1,3}";

static BYLINE_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:#+\s*)?\*\*(?P<title>[^*]+)\*\*\s*(?:[Bb]y\s+(?P<names>{NAME}(?:(?:,\s*|\s+and\s+){NAME})*))?\s*$")).expect("static regex")
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\W*[Bb]y\s+(?P<names>{NAME}(?:(?:,\s*|,?\s+and\s+|\s*&\s*){NAME})*)\W*$")).expect("static regex")
});
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\*_(\s]*(?P<name>{NAME})\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?,?\s+(?:is|was|serves as|has been)\s+(?:an?|the|currently|formerly|also)\b(?P<rest>.*)$"
    ))
    .expect("static regex")
});
static BIO_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(fellow|professor|candidate|researcher|director|analyst|scholar|lecturer|student|editor|correspondent|diplomat|adviser|advisor|author|journalist|president|chair|ambassador|officer|associate|expert|specialist|member|head|founder|partner|manager|coordinator|consultant|writer|columnist)\b").expect("static regex")
});
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:date|published|posted|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b").expect("static regex")
});
static DATE_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z]+)\.? (\d{1,2}), (\d{4})").expect("static regex")
});
static PUBLISHER_IN_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bat (?:the )?|\bin the )(?P<org>(?:[A-Z][\w-]*(?:’s|'s)?\s*)+)").expect("static regex")
});

fn is_emphasised(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('*') && s.ends_with('*') && s.len() > 2)
        || (s.starts_with('_') && s.ends_with('_') && s.len() > 2)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A short line with no terminal punctuation: a title, heading or caption, not a sentence.
fn is_heading_like(s: &str) -> bool {
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    !t.is_empty() && word_count(t) <= 14 && !ends_sentence(t) && !t.ends_with(',')
}

fn split_names(names: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)").expect("static regex"));
    SEP.split(names).map(str::to_string).filter(|s| !s.is_empty()).collect()
}

fn publisher_from_url(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', '>']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Classify blocks into metadata, boilerplate and body. Returns the metadata, the body
/// blocks (some trimmed, e.g. after a leading `date 2020-10-02`) and warnings.
pub fn analyze(text: &str, blocks: &[Block], _format: Format) -> (Metadata, Vec<Block>, Vec<String>) {
    let mut meta = Metadata::default();
    let mut body: Vec<Block> = Vec::with_capacity(blocks.len());
    let warnings = Vec::new();
    let n = blocks.len();
    // Blocks before the first and after the last sentence-like paragraph are the
    // "front" and "back" regions where bios and editorial notes live.
    let first_body = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph && !is_emphasised(b.text(text)) && ends_sentence(b.text(text)) && word_count(b.text(text)) > 14)
        .unwrap_or(0);
    let last_body = blocks
        .iter()
        .rposition(|b| b.kind != BlockKind::Heading && !is_emphasised(b.text(text)) && ends_sentence(b.text(text)) && word_count(b.text(text)) > 14 && !BIO.is_match(b.text(text)))
        .unwrap_or(n.saturating_sub(1));
    for (i, block) in blocks.iter().enumerate() {
        let mut b = block.clone();
        let s = b.text(text);
        // Title with byline: `## **Title** By Name`.
        if i <= first_body {
            if let Some(c) = BYLINE_IN_TITLE.captures(s) {
                meta.set_title(&c["title"], Source::TitleLine);
                if let Some(names) = c.name("names") {
                    meta.set_authors(split_names(names.as_str()), Source::Byline);
                }
                continue;
            }
            if let Some(c) = BYLINE.captures(s) {
                meta.set_authors(split_names(&c["names"]), Source::Byline);
                continue;
            }
        }
        if let Some((_, _, role)) = RULES.iter().find(|(_, re, _)| re.is_match(s.trim())) {
            match role {
                Role::Drop => {}
                Role::DateTopicLine => {
                    if let Some(c) = DATE_TOPIC.captures(s) {
                        if let (Some(m), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse()) {
                            if let Some(date) = iso_date(y, m, d) {
                                meta.set_date(&date, Source::DateLine);
                            }
                        }
                    }
                }
                Role::UrlLine => {
                    let url = s.trim().trim_matches(['<', '>']);
                    meta.set_url(url, Source::Url);
                    if let Some(p) = publisher_from_url(url) {
                        meta.set_publisher(&p, Source::Url);
                    }
                }
                Role::CopyrightFooter => {}
            }
            continue;
        }
        // Author bios in the front or back region: they name the author.
        let in_margin = i < first_body || i > last_body;
        if let Some(c) = BIO.captures(s) {
            if (in_margin || is_emphasised(s) || s.trim_start().starts_with('('))
                && BIO_ROLE.is_match(&c["rest"])
            {
                if meta.authors.is_empty() || meta.sources.get("authors") == Some(&Source::Bio) {
                    let mut authors = meta.authors.clone();
                    let name = c["name"].to_string();
                    if !authors.contains(&name) {
                        authors.push(name);
                    }
                    meta.set_authors(authors, Source::Bio);
                }
                if let Some(p) = PUBLISHER_IN_BIO.captures(&c["rest"]) {
                    let org = p["org"].trim().trim_end_matches("’s").trim_end_matches("'s");
                    if word_count(org) >= 2 {
                        meta.set_publisher(org, Source::Bio);
                    }
                }
                continue;
            }
        }
        // Editorial notes: fully emphasised paragraphs in the margins.
        if in_margin && is_emphasised(s) {
            continue;
        }
        // Leading `date 2020-10-02`: metadata, the rest of the block is body.
        if let Some(c) = DATE_PREFIX.captures(s) {
            if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
                if let Some(date) = iso_date(y, m, d) {
                    meta.set_date(&date, Source::DateLine);
                }
            }
            let (start, end) = trim_range(text, b.start + c.get(0).map_or(0, |m| m.end()), b.end);
            if start == end {
                continue;
            }
            b.start = start;
            b.end = end;
        }
        let s = b.text(text);
        // Title: the first heading-like block; repeats of the title are dropped too.
        if is_heading_like(s) {
            if meta.title.is_none() && i <= first_body && body.is_empty() {
                meta.set_title(s, Source::TitleLine);
            }
            continue;
        }
        if meta.title.as_deref().is_some_and(|t| super::metadata::clean(s) == t) {
            continue;
        }
        body.push(b);
    }
    (meta, body, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::paragraphs::split_blocks;

    fn run(text: &str) -> (Metadata, Vec<String>) {
        let blocks = split_blocks(text);
        let (m, body, _) = analyze(text, &blocks, Format::Text);
        (m, body.iter().map(|b| b.text(text).to_string()).collect())
    }

    const BODY: &str = "The alliance structure has served the United States and its allies well for the past six decades, and it will go on.";

    #[test]
    fn title_with_byline_and_bio() {
        let t = format!("## **Time for a Caucus** By Nicole Forrester\n\n*Nicole Forrester [n@x.org] is a resident Fellow at Pacific Forum CSIS. She is a former diplomat.*\n\n{BODY}\n");
        let (m, body) = run(&t);
        assert_eq!(m.title.as_deref(), Some("Time for a Caucus"));
        assert_eq!(m.authors, ["Nicole Forrester"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn trailing_bio_gives_author() {
        let t = format!("{BODY}\n\n(Chen Ping-kuei is an associate professor in the Department of Diplomacy)\n");
        let (m, body) = run(&t);
        assert_eq!(m.authors, ["Chen Ping-kuei"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn date_prefix_and_url_line() {
        let t = format!(" date 2020-10-02 {BODY}\nhttps://www.gmfus.org\n");
        let (m, body) = run(&t);
        assert_eq!(m.date.as_deref(), Some("2020-10-02"));
        assert_eq!(m.publisher.as_deref(), Some("gmfus.org"));
        assert_eq!(m.url.as_deref(), Some("https://www.gmfus.org"));
        assert!(m.authors.is_empty());
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn date_topic_line_and_repeated_title() {
        let t = format!("A NATO In Asia? Not Going to Happen\n\nDecember 29, 2020 Topic:\u{a0}Security Region: Asia\n\nA NATO In Asia? Not Going to Happen\n\n{BODY}\n\nFurther reading\n\nImage: A photo of a summit. REUTERS/Toru Hanai\n");
        let (m, body) = run(&t);
        assert_eq!(m.title.as_deref(), Some("A NATO In Asia? Not Going to Happen"));
        assert_eq!(m.date.as_deref(), Some("2020-12-29"));
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn rule_table_compiles() {
        assert_eq!(RULES.len(), LINE_RULES.len());
    }
}
