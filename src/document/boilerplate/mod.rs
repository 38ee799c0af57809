//! Boilerplate and metadata lines (stage 1, after layout): decide, block by block, what is
//! title, byline, author bio, date line, disclaimer, advert, caption, heading or bare URL
//! (metadata or dropped), and what is body text.
//!
//! Whole-block rules are rows in `LINE_RULES` (`rules.rs`): a name, a pattern, a role (drop,
//! date, url, copyright footer; closing: dropped only when no body paragraph follows), an
//! example the unit tests check, and a gate (a cheaper pattern tried first, which never
//! changes the outcome). Rules that need captures
//! and context are regexes with their own tests: bylines (`byline.rs`: `By A, B and C`,
//! `Name | Pub`, `Posted on DATE by NAME`), bios (`bio.rs`: `*Name [email] is a ... fellow at
//! ...*`, at the start or end, only for a plausible person the body does not discuss), titles
//! (`title.rs`, `choose_title`: first heading-like block, skipping site names, labels and
//! breadcrumbs; a title-cased question; `## **Title** By Name`), person names (`names.rs`),
//! page furniture (`furniture.rs`: pull quotes, speaker labels, run-in labels, highlights),
//! word counts (`words.rs`), and the notes/references tail. This file is the pass over the
//! blocks (`analyze`), which first classifies each block once (`classify`). Nothing here
//! invents an author: names must look like people, and a bio's name must not appear in the
//! body.

mod bio;
mod byline;
mod furniture;
mod names;
mod rules;
mod title;
mod words;

use std::sync::LazyLock;

use regex::Regex;

use super::Format;
use super::metadata::{Metadata, Source, find_date, iso_date};
use super::paragraphs::{Block, BlockKind, ends_sentence, trim_range};
use bio::{BIO, BIO_MORE, bio_names, is_bio, publisher_in_bio};
use byline::{
    BYLINE, DATE_PREFIX, NAME_PIPE, YEAR, bare_year, bold_title, byline_trailer, date_by, is_byline,
};
use furniture::{
    DESCRIBES_PIECE, HIGHLIGHTS, RUN_IN_LABEL, SPEAKER, STAGE_DIRECTION, pull_quotes,
    speaker_labels,
};
pub(crate) use names::is_person_name;
use names::{bare_names, split_names};
use rules::{HONORIFIC, NOTES_HEADING, Role, Rule, match_rule};
use title::{choose_title, is_crumb, split_title_suffix, title_text};
use words::{capitalised_share, is_emphasised, is_heading_like, words_exceed};

fn publisher_from_url(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', '>', ')', ']']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The publisher in a copyright footer: `(c) 2016, Swarajya. All rights reserved.`
fn publisher_in_footer(re: &Regex, s: &str) -> Option<String> {
    let c = re.captures(s.trim())?;
    let org = c.name("org")?.as_str();
    let org = org
        .trim()
        .trim_start_matches(|ch: char| !ch.is_alphanumeric())
        .trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != ')');
    let org = org.strip_prefix("by ").unwrap_or(org);
    (!org.is_empty() && !words_exceed(org, 6) && org.chars().next().is_some_and(char::is_uppercase))
        .then(|| org.to_string())
}

/// What the passes of `analyze` ask of a block more than once, answered once per block by
/// [`classify`]: the line rule it matches (the first of `LINE_RULES`), whether it is an
/// author bio, and whether it is a sentence-like body paragraph. The front and back regions,
/// the title, the subtitle, the bio check and the standfirst all read these instead of
/// running the rules on the block again.
struct Class {
    rule: Option<&'static Rule>,
    bio: bool,
    /// A sentence-like body paragraph (not a heading, note or bio).
    body_like: bool,
}

/// Each block's [`Class`], in block order.
fn classify(text: &str, blocks: &[Block]) -> Vec<Class> {
    blocks
        .iter()
        .map(|b| {
            let s = b.text(text);
            let rule = match_rule(s);
            let bio = is_bio(s);
            let body_like = b.kind != BlockKind::Heading
                && !is_emphasised(s)
                && ends_sentence(s)
                && words_exceed(s, 14)
                && rule.is_none_or(|r| r.role == Role::Closing)
                && !bio;
            Class {
                rule,
                bio,
                body_like,
            }
        })
        .collect()
}

/// A block that the front-region rules consume (rules, bylines, bios, editorial notes);
/// `class` is the block's.
fn is_front_matter_line(s: &str, class: &Class) -> bool {
    class.rule.is_some()
        || is_byline(s)
        || class.bio
        || is_emphasised(s)
        || DATE_PREFIX.is_match(s)
        || HIGHLIGHTS.is_match(s)
}

/// Case `web-page-in-article-line`: the page header of an extracted web page is the
/// title and at most this many blocks after it, before the first paragraph.
const WEB_PAGE_HEADER_BLOCKS: usize = 3;

/// Classify blocks into metadata, boilerplate and body. Returns the metadata, the body
/// blocks (some trimmed, e.g. after a leading `date 2020-10-02`) and warnings.
pub fn analyze(
    text: &str,
    blocks: &[Block],
    format: Format,
) -> (Metadata, Vec<Block>, Vec<String>) {
    let mut meta = Metadata::default();
    let mut body: Vec<Block> = Vec::with_capacity(blocks.len());
    let warnings = Vec::new();
    let n = blocks.len();
    let classes = classify(text, blocks);
    // Blocks before the first and after the last sentence-like paragraph are the
    // "front" and "back" regions where bylines, bios and editorial notes live.
    let first_body = classes.iter().position(|c| c.body_like).unwrap_or(0);
    let last_body = blocks
        .iter()
        .zip(&classes)
        .rposition(|(b, c)| c.body_like && !BIO.is_match(b.text(text)))
        .unwrap_or(n.saturating_sub(1));
    let title_at = choose_title(text, blocks, &classes, first_body);
    // Case `title-then-subtitle`: the heading line right under the title (not a byline, a
    // date or a line of names) is the subtitle.
    let subtitle_at = title_at.map(|t| t + 1).filter(|&j| {
        blocks.get(j).zip(classes.get(j)).is_some_and(|(b, c)| {
            let s = b.text(text);
            j < first_body.max(1)
                && b.kind != BlockKind::ListItem
                && is_heading_like(s)
                && words_exceed(s, 1)
                && !is_front_matter_line(s, c)
                && !is_crumb(s)
                && bare_names(s).is_empty()
        })
    });
    let header_end = subtitle_at.or(title_at);
    let pull_quote = pull_quotes(text, blocks);
    let speakers = speaker_labels(text, blocks);
    let mut speaker: Option<String> = None;
    let mut date_is_updated = false;
    let mut in_highlights = false;
    let mut standfirst_checked = false;
    // A `Notes` / `References` heading after the body starts the apparatus: what follows is
    // never body text (bios and footers there still give metadata).
    let tail_start = blocks
        .iter()
        .enumerate()
        .skip(first_body + 1)
        .find(|(_, b)| NOTES_HEADING.is_match(b.text(text)))
        .map_or(n, |(i, _)| i);
    for (i, (block, class)) in blocks.iter().zip(&classes).enumerate() {
        let mut b = block.clone();
        let s = b.text(text);
        // Title with byline: `## **Title** By Name`; bylines in the front region (a dek may
        // come before the byline, so a few blocks past the first body paragraph).
        if i <= first_body + 3 && !words_exceed(s, 30) {
            if header_end.is_some_and(|h| i == h + 1) {
                let names = bare_names(s);
                if !names.is_empty() {
                    meta.set_authors(names, Source::Byline);
                    continue;
                }
            }
            if let Some(c) = bold_title(s) {
                if i == 0 || meta.title.is_none() {
                    meta.set_title(title_text(&c["title"]), Source::TitleLine);
                }
                if let Some(names) = c.name("names") {
                    meta.set_authors(split_names(names.as_str()), Source::Byline);
                }
                continue;
            }
            if let Some(c) = BYLINE.captures(s) {
                meta.set_authors(split_names(&c["names"]), Source::Byline);
                if let (Some(sep), Some(trail)) = (c.name("sep"), c.name("trail")) {
                    byline_trailer(&mut meta, sep.as_str(), trail.as_str());
                }
                if let Some(date) = c.name("when").and_then(|w| find_date(w.as_str())) {
                    meta.set_date(&date, Source::Byline);
                }
                continue;
            }
            if let Some((date, names)) = date_by(s) {
                meta.set_date(&date, Source::DateLine);
                meta.set_authors(names, Source::Byline);
                continue;
            }
            if i > 0
                && let Some(c) = NAME_PIPE.captures(s)
            {
                let names = split_names(&c["names"]);
                if !names.is_empty() {
                    meta.set_authors(names, Source::Byline);
                    byline_trailer(&mut meta, &c["sep"], &c["trail"]);
                    continue;
                }
            }
        }
        // Author bios in the front or back region: they name the author (unless the "name"
        // is someone the body talks about).
        let in_margin = i < first_body || i > last_body;
        if class.bio
            && (in_margin || is_emphasised(s) || s.trim_start().starts_with('('))
            && let Some(c) = BIO.captures(s)
        {
            let names = bio_names(&c["name"]);
            let in_body = blocks.iter().zip(&classes).any(|(o, oc)| {
                let t = o.text(text);
                o != block
                    && names.iter().any(|n| t.contains(n.as_str()))
                    && ends_sentence(t)
                    && words_exceed(t, 8)
                    && !oc.bio
                    && !is_byline(t)
            });
            if !in_body {
                if meta.authors.is_empty() || meta.sources.get("authors") == Some(&Source::Bio) {
                    let mut authors = meta.authors.clone();
                    let more = BIO_MORE
                        .captures_iter(s)
                        .map(|m| HONORIFIC.replace(&m["name"], "").trim().to_string());
                    for name in names.into_iter().chain(more) {
                        // `Richard D. Fisher Jr. is ...` must not add `Fisher Jr.` too.
                        if is_person_name(&name) && !authors.iter().any(|a| a.contains(&name)) {
                            authors.push(name);
                        }
                    }
                    meta.set_authors(authors, Source::Bio);
                }
                if let Some(p) = publisher_in_bio(&c["rest"]) {
                    meta.set_publisher(&p, Source::Bio);
                }
                continue;
            }
        }
        // A speaker label alone on its line opens the next paragraphs' turn.
        if let Some(c) = SPEAKER.captures(s)
            && speakers.contains(&c["label"])
            && c.get(0).is_some_and(|m| s[m.end()..].trim().is_empty())
        {
            speaker = Some(c["label"].to_string());
            continue;
        }
        // A `Closing` rule's block is furniture only when no body paragraph follows it.
        if let Some(rule) = class.rule
            && (rule.role != Role::Closing || i >= last_body)
        {
            match rule.role {
                Role::Drop | Role::Closing => {}
                Role::DateLine => {
                    // Case `updated-vs-published`: an `Updated:` date is used only until a
                    // published (or unlabelled) date line gives the date.
                    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
                        crate::static_regex(r"(?i)^[\W_]*(?:last\s+)?(?:updated|modified)\b")
                    });
                    if let Some(date) = find_date(s).or_else(|| bare_year(s)) {
                        let updated = UPDATED.is_match(s);
                        if !updated
                            && date_is_updated
                            && meta.sources.get("date") == Some(&Source::DateLine)
                        {
                            meta.clear_date();
                        }
                        if meta.date.is_none() {
                            date_is_updated = updated;
                        }
                        meta.set_date(&date, Source::DateLine);
                    }
                }
                Role::Label => {
                    if let Some(c) = rule.regex().and_then(|re| re.captures(s.trim()))
                        && (i < first_body || i > last_body)
                    {
                        let value = &c["value"];
                        match c["label"].to_ascii_lowercase().as_str() {
                            "title" | "headline" => meta.set_title(value, Source::TitleLine),
                            _ => meta.set_publisher(value, Source::Byline),
                        }
                    }
                }
                Role::UrlLine => {
                    let url = s.trim().trim_matches(|c: char| {
                        matches!(c, '<' | '>' | '*' | '_' | '(' | ')' | '[' | ']')
                    });
                    meta.set_url(url, Source::Url);
                    if let Some(p) = publisher_from_url(url) {
                        meta.set_publisher(&p, Source::Url);
                    }
                }
                Role::CopyrightFooter => {
                    if let Some(p) = rule.regex().and_then(|re| publisher_in_footer(re, s)) {
                        meta.set_publisher(&p, Source::Footer);
                    }
                    if let Some(y) = YEAR
                        .find_iter(s)
                        .last()
                        .and_then(|m| m.as_str().parse().ok())
                    {
                        meta.set_year(y, Source::Footer);
                    }
                }
            }
            continue;
        }
        // Editorial notes: fully emphasised paragraphs in the margins.
        if in_margin && is_emphasised(s) {
            continue;
        }
        // Leading `date 2020-10-02`: metadata, the rest of the block is body.
        if let Some(c) = DATE_PREFIX.captures(s) {
            if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse())
                && let Some(date) = iso_date(y, m, d)
            {
                meta.set_date(&date, Source::DateLine);
            }
            let (start, end) = trim_range(text, b.start + c.get(0).map_or(0, |m| m.end()), b.end);
            if start == end {
                continue;
            }
            b.start = start;
            b.end = end;
        }
        let s = b.text(text);
        // Title (chosen above); other heading-like blocks are dropped, except a dek
        // written as a sentence right after the title.
        if Some(i) == title_at {
            if meta.title.is_none() {
                let (title, names, site) = split_title_suffix(title_text(s));
                meta.set_title(title, Source::TitleLine);
                if !names.is_empty() {
                    meta.set_authors(names, Source::Byline);
                }
                if let Some(site) = site {
                    meta.set_publisher(&site, Source::TitleLine);
                }
            }
            continue;
        }
        if Some(i) == subtitle_at {
            meta.set_subtitle(title_text(s), Source::TitleLine);
            continue;
        }
        // Headings, and a dek written as a heading under the title, are not body; except
        // case `web-page-in-article-line`: in text extracted from a web page (where the
        // extractor already chose the article and wrote it one block per element), a
        // short line without final punctuation is article text (a subheading, a list
        // entry, a table row, a line of a schedule) unless it is in the page header: the
        // title and the few blocks under it before the first paragraph (rubric, date,
        // dek). The claims stage decides what is a sentence.
        let in_page_header = i < first_body && i < header_end.unwrap_or(0) + WEB_PAGE_HEADER_BLOCKS;
        let keep = format == Format::Html && !in_page_header;
        if is_heading_like(s) && !keep {
            continue;
        }
        // A pull quote sits inside the body; a repeated sentence on top is the lede.
        if pull_quote[i] && !body.is_empty() {
            continue;
        }
        // Case `highlights-box`: `Story highlights` and the short lines after it.
        if HIGHLIGHTS.is_match(s) && i <= first_body + 1 {
            in_highlights = true;
            continue;
        }
        if in_highlights && !words_exceed(s, 20) {
            continue;
        }
        in_highlights = false;
        // Case `standfirst`: the first paragraph under the header, short (at most two
        // sentences, 60 words), when a byline or date line still follows it, when the
        // header has a subtitle (title, subtitle, standfirst layouts), or when it describes
        // the piece (`An in-depth analysis of ...`).
        if body.is_empty()
            && !std::mem::replace(&mut standfirst_checked, true)
            && title_at.is_some_and(|t| t < i)
            && !words_exceed(s, 60)
            && s.matches(". ").count() <= 1
        {
            let is_meta_line = |(o, c): (&Block, &Class)| {
                let t = o.text(text);
                is_byline(t)
                    || c.rule.is_some_and(|r| r.role == Role::DateLine)
                    || !bare_names(t).is_empty()
            };
            let rows = || blocks.iter().zip(&classes);
            let byline_follows = rows().skip(i + 1).take(2).any(is_meta_line);
            let full_header = subtitle_at.is_some() && rows().take(i).any(is_meta_line);
            let more_body = classes[i + 1..].iter().any(|c| c.body_like);
            if more_body && (byline_follows || full_header || DESCRIBES_PIECE.is_match(s)) {
                continue;
            }
        }
        // Transcripts: a speaker label opens a turn; it is kept as the block's speaker (and
        // the following paragraphs', until the next label), not as text.
        if let Some(c) = SPEAKER.captures(s)
            && speakers.contains(&c["label"])
        {
            speaker = Some(c["label"].to_string());
            let (start, end) = trim_range(text, b.start + c.get(0).map_or(0, |m| m.end()), b.end);
            b.start = start;
            b.end = end;
        } else if let Some(c) = RUN_IN_LABEL.captures(s)
            && capitalised_share(&c["label"]) >= 0.6
            && c["label"].chars().any(char::is_lowercase)
            && !ends_sentence(&c["label"])
        {
            let (start, end) = trim_range(text, b.start + c["label"].len() + 1, b.end);
            b.start = start;
            b.end = end;
        }
        // Stage directions at either end of a paragraph (`(As interpreted.)`, `(Laughs.)`).
        loop {
            let t = b.text(text);
            let lead = STAGE_DIRECTION.find(t).filter(|m| m.start() == 0);
            let tail = STAGE_DIRECTION
                .find_iter(t)
                .last()
                .filter(|m| t[m.end()..].trim().is_empty() && m.start() > 0);
            let (start, end) = match (lead, tail) {
                (Some(m), _) => (b.start + m.end(), b.end),
                (None, Some(m)) => (b.start, b.start + m.start()),
                (None, None) => break,
            };
            let (start, end) = trim_range(text, start, end);
            b.start = start;
            b.end = end;
            if start >= end {
                break;
            }
        }
        if b.start >= b.end {
            continue;
        }
        b.speaker.clone_from(&speaker);
        let s = b.text(text);
        if meta
            .title
            .as_deref()
            .is_some_and(|t| super::metadata::clean(title_text(s)) == t)
        {
            continue;
        }
        if i < tail_start {
            body.push(b);
        }
    }
    (meta, body, warnings)
}

/// What the unit tests of every module here share: a body sentence and `analyze` run on a
/// text (as plain text).
#[cfg(test)]
mod testing {
    use super::*;
    use crate::document::paragraphs::split_blocks;

    pub(super) const BODY: &str = "The alliance structure has served the United States and its allies well for the past six decades, and it will go on.";

    pub(super) fn run(text: &str) -> (Metadata, Vec<String>) {
        let blocks = split_blocks(text);
        let (m, body, _) = analyze(text, &blocks, Format::Text);
        (m, body.iter().map(|b| b.text(text).to_string()).collect())
    }

    pub(super) fn meta_of(text: &str) -> Metadata {
        run(text).0
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{BODY, run};
    use super::*;
    use crate::document::paragraphs::split_blocks;

    #[test]
    fn title_with_byline_and_bio() {
        let t = format!(
            "## **Time for a Caucus** By Nicole Forrester\n\n*Nicole Forrester [n@x.org] is a resident Fellow at Pacific Forum CSIS. She is a former diplomat.*\n\n{BODY}\n"
        );
        let (m, body) = run(&t);
        assert_eq!(m.title.as_deref(), Some("Time for a Caucus"));
        assert_eq!(m.authors, ["Nicole Forrester"]);
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
        let t = format!(
            "A NATO In Asia? Not Going to Happen\n\nDecember 29, 2020 Topic:\u{a0}Security Region: Asia\n\nA NATO In Asia? Not Going to Happen\n\n{BODY}\n\nFurther reading\n\nImage: A photo of a summit. REUTERS/Toru Hanai\n"
        );
        let (m, body) = run(&t);
        assert_eq!(
            m.title.as_deref(),
            Some("A NATO In Asia? Not Going to Happen")
        );
        assert_eq!(m.date.as_deref(), Some("2020-12-29"));
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn notes_section_is_not_body() {
        let (_, body) = run(&format!(
            "{BODY}\n\nNotes\n\n1. Smith, John. The Alliance. New York: Norton, 2020, a long reference line here.\n\nAnother reference entry that is long enough to look like a sentence of body text.\n"
        ));
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn copyright_footer_gives_publisher() {
        for (line, want) in [
            ("(c) 2016, Swarajya", "Swarajya"),
            (
                "© 2021 Atlantic Council. All rights reserved.",
                "Atlantic Council",
            ),
            ("Copyright © 2019 The Diplomat", "The Diplomat"),
        ] {
            let (m, body) = run(&format!("{BODY}\n\n{line}\n"));
            assert_eq!(m.publisher.as_deref(), Some(want), "{line}");
            assert!(m.year.is_some(), "{line}");
            assert_eq!(body, [BODY]);
        }
    }

    const LEDE: &str = "Japan and South Korea agreed on Thursday to expand their joint drills, officials in both capitals said after the meeting.";

    /// Header layouts, one per named case: (case, text, title, subtitle, authors, date).
    #[test]
    fn header_layouts() {
        type Row<'a> = (
            &'a str,
            String,
            &'a str,
            Option<&'a str>,
            &'a [&'a str],
            Option<&'a str>,
        );
        let rows: &[Row] = &[
            (
                "title-then-subtitle, bare-name-byline, dotted date",
                format!("A Decade On\nThe Alliance at Ten\nJane A Doe\n2024.04.18\n\n{BODY}"),
                "A Decade On",
                Some("The Alliance at Ten"),
                &["Jane A Doe"],
                Some("2024-04-18"),
            ),
            (
                "rubric line before a headline",
                format!("East Asia\n\nWhy Japan Won't Join an Asian NATO\n\n{BODY}"),
                "Why Japan Won't Join an Asian NATO",
                None,
                &[],
                None,
            ),
            (
                "long-headline-over-header, spaced datetime label, no byline: no author",
                format!(
                    "Japan’s top general lauds closer South Korea military ties as mutual concerns grow over China and North Korea\nPublished :2024-07-18 23:37:18\n\n{LEDE}\n\nGen. Yoshihide Yoshida said the drills would continue.\n"
                ),
                "Japan’s top general lauds closer South Korea military ties as mutual concerns grow over China and North Korea",
                None,
                &[],
                Some("2024-07-18"),
            ),
            (
                "names with a trailing role",
                format!(
                    "How to Stop the Madness\nMichael Green, Victor Cha, Special To Cnn\n2013-04-26\n\n{BODY}"
                ),
                "How to Stop the Madness",
                None,
                &["Michael Green", "Victor Cha"],
                Some("2013-04-26"),
            ),
            (
                "weekday and ordinal date",
                format!("Title Here Today\n\nFriday, 15th November 2019\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2019-11-15"),
            ),
            (
                "bare year line",
                format!("Title Here Today\n\n2015\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2015"),
            ),
            (
                "month line",
                format!("Title Here Today\n\nMar 2015\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2015-03"),
            ),
            (
                "iso month line",
                format!("Title Here Today\n\n2015-03\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2015-03"),
            ),
            (
                "posted on numeric date",
                format!("Title Here Today\n\nPosted on 24/03/2015\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2015-03-24"),
            ),
            (
                "slashed iso date",
                format!("Title Here Today\n\n2015/03/24\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2015-03-24"),
            ),
            (
                "updated-vs-published: published wins",
                format!("Title Here Today\nUpdated: Jul 13, 2019\nJuly 7, 2019\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2019-07-07"),
            ),
            (
                "updated only",
                format!("Title Here Today\nUpdated: Jul 13, 2019\n\n{BODY}"),
                "Title Here Today",
                None,
                &[],
                Some("2019-07-13"),
            ),
            (
                "label lines",
                format!(
                    "Title: The Quad at Twenty\nAuthor: Jane Doe\nSource: The Interpreter\n\n{BODY}"
                ),
                "The Quad at Twenty",
                None,
                &["Jane Doe"],
                None,
            ),
            (
                "date pipe name",
                format!("Title Here Today\n\nMar 2015 | Jane Doe\n\n{BODY}"),
                "Title Here Today",
                None,
                &["Jane Doe"],
                Some("2015-03"),
            ),
            (
                "lowercase byline under a title with `by` in it",
                format!("Stand by Your Allies\n\nby Lee Chang-min\n\n{BODY}"),
                "Stand by Your Allies",
                None,
                &["Lee Chang-min"],
                None,
            ),
            (
                "page-title-suffix by name",
                format!("Why the Quad Still Matters | by Jane Doe\n\n{BODY}"),
                "Why the Quad Still Matters",
                None,
                &["Jane Doe"],
                None,
            ),
            (
                "page-title-suffix site",
                format!("Why the Quad Still Matters - The Diplomat\n\n{BODY}"),
                "Why the Quad Still Matters",
                None,
                &[],
                None,
            ),
            (
                "page-title-suffix place",
                format!(
                    "Remarks Before the Quad Leaders’ Summit Meeting | Claymont, DE\n2024-09-21\n\n{BODY}"
                ),
                "Remarks Before the Quad Leaders’ Summit Meeting",
                None,
                &[],
                Some("2024-09-21"),
            ),
        ];
        for (case, text, title, subtitle, authors, date) in rows {
            let (m, body) = run(text);
            assert_eq!(m.title.as_deref(), Some(*title), "{case}");
            assert_eq!(m.subtitle.as_deref(), *subtitle, "{case}");
            assert_eq!(m.authors, *authors, "{case}");
            assert_eq!(m.date.as_deref(), *date, "{case}");
            assert!(!body.is_empty(), "{case}: body kept");
        }
    }

    #[test]
    fn publisher_from_copyright_label_and_site_suffix() {
        let (m, _) = run(&format!("{BODY}\n\nCopyright: Lowy Institute, 2015\n"));
        assert_eq!(m.publisher.as_deref(), Some("Lowy Institute"));
        let (m, _) = run(&format!(
            "Why the Quad Still Matters - The Diplomat\n\n{BODY}"
        ));
        assert_eq!(m.publisher.as_deref(), Some("The Diplomat"));
        let (m, _) = run(&format!(
            "Title Here Today\nSource: The Interpreter\n\n{BODY}"
        ));
        assert_eq!(m.publisher.as_deref(), Some("The Interpreter"));
    }

    /// Case `web-page-in-article-line`: in a web page's extracted text the short lines
    /// of the article (a schedule, a subheading, a closing list) are body; in a plain text
    /// file they stay headings, and in the page header (title, rubric) they stay dropped.
    #[test]
    fn web_page_short_lines_inside_the_article_are_body() {
        let t = format!(
            "Stock Car Calendar\n\nMotorsport\n\n{BODY}\n\n1st round: 10 March – Interlagos\n\n2nd round: 8 April – Curitiba\n\nWhat comes next\n\n{BODY}\n\nSubject to change by the organiser\n"
        );
        let blocks = split_blocks(&t);
        let body_of = |format| {
            let (m, body, _) = analyze(&t, &blocks, format);
            assert_eq!(m.title.as_deref(), Some("Stock Car Calendar"));
            body.iter()
                .map(|b| b.text(&t).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            body_of(Format::Html),
            [
                BODY,
                "1st round: 10 March – Interlagos",
                "2nd round: 8 April – Curitiba",
                "What comes next",
                BODY,
                "Subject to change by the organiser"
            ]
        );
        assert_eq!(body_of(Format::Text), [BODY, BODY]);
        assert_eq!(body_of(Format::Markdown), [BODY, BODY]);
    }

    #[test]
    fn about_the_author_section_is_not_body() {
        let (_, body) = run(&format!(
            "{BODY}\n\nAbout the Author\n\nShe is a senior fellow at an institute and has written widely on the politics of alliances in Asia.\n"
        ));
        assert_eq!(body, [BODY]);
    }
}
