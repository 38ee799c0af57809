//! Stage 1, boilerplate: the title. `choose_title` takes the first heading-like block
//! before the body (the first block may also be a title-cased question or a long headline
//! over a byline), skipping site names, labels and breadcrumbs; `title_text` strips a series
//! label and `split_title_suffix` a page title's `| Site` or `| by Name`.

use std::sync::LazyLock;

use regex::Regex;

use super::byline::{bold_title, is_byline};
use super::names::{bare_names, split_names};
use super::rules::{FUNCTION_WORDS, Role};
use super::words::{capitalised_share, is_heading_like, words_exceed};
use super::{Block, Class, is_front_matter_line};
use crate::document::paragraphs::ends_sentence;

/// `PacNet #45 – Title`, `OPINION | Title`: a series label before a title.
static TITLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?:[A-Z][\w-]*(?: [A-Z][\w-]*)?\s*(?:#|No\.\s?)\s*\d+[A-Za-z]?|(?i:opinion|commentary|analysis|op-ed|editorial|perspective|viewpoint))\s*[-–—:|]\s*",
    )
});

/// Strip a series label (`PacNet #45 – `, `Opinion: `) from a title.
pub(super) fn title_text(s: &str) -> &str {
    let t = s.trim();
    match TITLE_LABEL.find(t) {
        Some(m) if m.end() < t.len() => &t[m.end()..],
        _ => t,
    }
}

/// The block holding the title: among the heading-like blocks before the body (the first
/// block may also be a title-cased question), skip site names and section labels (three
/// words or fewer) and breadcrumbs (`A | B | C`) when a longer candidate exists.
pub(super) fn choose_title(
    text: &str,
    blocks: &[Block],
    classes: &[Class],
    first_body: usize,
) -> Option<usize> {
    let mut candidates = Vec::new();
    for (i, (b, c)) in blocks.iter().zip(classes).enumerate().take(first_body + 1) {
        let s = b.text(text);
        if bold_title(s).is_some() {
            return None;
        }
        if is_front_matter_line(s, c) {
            continue;
        }
        if is_heading_like(s)
            || (i == 0 && (is_question_title(s) || is_long_headline(text, blocks, classes)))
        {
            candidates.push((i, s));
        } else {
            break;
        }
    }
    // Case `short-title-then-subtitle`: a short phrase (`A Decade On`) directly followed by
    // another heading line is a title with its subtitle, not a rubric or a site name.
    if let [(i, first), (j, _), ..] = candidates.as_slice()
        && *j == *i + 1
        && !is_crumb(first)
        && is_short_phrase_title(first)
    {
        return Some(*i);
    }
    let good: Vec<usize> = candidates
        .iter()
        .filter(|(_, s)| !is_crumb(s) && words_exceed(s, 3))
        .map(|(i, _)| *i)
        .collect();
    good.first().copied().or_else(|| {
        candidates
            .iter()
            .find(|(_, s)| !is_crumb(s))
            .map(|(i, _)| *i)
    })
}

/// Case `long-headline-over-header`: a first line of up to 40 words without terminal
/// punctuation, directly over a byline, a line of names or a date line, is the headline
/// however long it is (`Remarks by President Biden, Prime Minister ... | Claymont, DE`).
fn is_long_headline(text: &str, blocks: &[Block], classes: &[Class]) -> bool {
    let (Some(first), Some(next), Some(next_class)) =
        (blocks.first(), blocks.get(1), classes.get(1))
    else {
        return false;
    };
    let s = first.text(text);
    let n = next.text(text);
    let end = s.trim_end_matches(['’', '”', '\'', '"']);
    !s.contains('\n')
        && !words_exceed(s, 40)
        && (!ends_sentence(end) || end.ends_with('?'))
        && (is_byline(n)
            || next_class.rule.is_some_and(|r| r.role == Role::DateLine)
            || !bare_names(n).is_empty())
}

/// A breadcrumb trail: `Features | Security | East Asia`, `Home > Analysis` (every part
/// short). A page title with a suffix (`Long Title | Site`) is not one.
pub(super) fn is_crumb(s: &str) -> bool {
    let parts: Vec<&str> = s
        .split(['|', '»', '›'])
        .flat_map(|p| p.split(" > "))
        .collect();
    parts.len() >= 2 && parts.iter().all(|p| !words_exceed(p, 3))
}

/// A title of three words or fewer written as a phrase (`A Decade On`, `Out of Step`),
/// not a rubric or site name (`East Asia`, `The Diplomat`): it has a function word other
/// than a leading `The`.
fn is_short_phrase_title(s: &str) -> bool {
    let t = title_text(s);
    let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
    (2..=3).contains(&words.len())
        && !ends_sentence(t)
        && words
            .iter()
            .enumerate()
            .any(|(k, w)| FUNCTION_WORDS.contains(&w.as_str()) && !(k == 0 && w == "the"))
}

/// `Can the Quad Survive Without a Treaty?`: a short title-cased question or exclamation.
fn is_question_title(s: &str) -> bool {
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    (t.ends_with('?') || t.ends_with('!')) && !words_exceed(t, 15) && capitalised_share(t) >= 0.6
}

/// Case `page-title-suffix`: `Title | by Name`, `Title | Site`, `Title - Site`. Returns the
/// title without the suffix, the names of a `by` suffix and the site of a site suffix; a
/// place (`Claymont, DE`) is dropped and names nothing.
pub(super) fn split_title_suffix(s: &str) -> (&str, Vec<String>, Option<String>) {
    static SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"^(?P<title>.+?)\s+(?:\||-)\s+(?P<suffix>[^|]+)$"));
    let t = s.trim();
    let Some(c) = SUFFIX.captures(t) else {
        return (t, Vec::new(), None);
    };
    let head = c.name("title").map_or(t, |m| m.as_str());
    let suffix = c.name("suffix").map_or("", |m| m.as_str().trim());
    if !words_exceed(head, 2) || words_exceed(suffix, 5) || ends_sentence(suffix) {
        return (t, Vec::new(), None);
    }
    if let Some(names) = suffix
        .strip_prefix("by ")
        .or_else(|| suffix.strip_prefix("By "))
    {
        let names = split_names(names);
        return if names.is_empty() {
            (t, Vec::new(), None)
        } else {
            (head, names, None)
        };
    }
    let capitalised = suffix
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if !capitalised || suffix.contains(|c: char| c.is_ascii_digit()) {
        return (t, Vec::new(), None);
    }
    // `City, ST`: a place, no publisher.
    let site = (!suffix.contains(',')).then(|| suffix.to_string());
    (head, Vec::new(), site)
}

#[cfg(test)]
mod tests {
    use crate::document::boilerplate::testing::{BODY, meta_of, run};

    #[test]
    fn titles_series_label_and_markdown() {
        assert_eq!(
            meta_of(&format!("PacNet #12 – The Quad Needs Staff\n\n{BODY}"))
                .title
                .as_deref(),
            Some("The Quad Needs Staff")
        );
        assert_eq!(
            meta_of(&format!("# OPINION: Japan Steps Up\n\n{BODY}"))
                .title
                .as_deref(),
            Some("Japan Steps Up")
        );
        assert_eq!(
            meta_of(&format!("## **Bold Title**\n\n{BODY}"))
                .title
                .as_deref(),
            Some("Bold Title")
        );
        // A first line that is a sentence is never a title.
        assert_eq!(meta_of(&format!("{BODY}\n\n{BODY}")).title, None);
    }

    #[test]
    fn title_skips_site_name_and_breadcrumbs() {
        let (m, body) = run(&format!(
            "The Diplomat\n\nFeatures | Security | East Asia\n\nWhy Japan Won't Join an Asian NATO\n\nBy Kenji Watanabe\n\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Why Japan Won't Join an Asian NATO")
        );
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn question_title_on_first_line() {
        let (m, body) = run(&format!(
            "Can the Quad Survive Without a Treaty?\n\nby Lee Chang-min\n\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Can the Quad Survive Without a Treaty?")
        );
        assert_eq!(m.authors, ["Lee Chang-min"]);
        assert_eq!(body, [BODY]);
    }

    /// A dek written as a heading right under the title is its subtitle, not body.
    #[test]
    fn dek_under_title_is_the_subtitle() {
        let dek = "Tokyo's constitutional limits make a formal alliance unlikely";
        let (m, body) = run(&format!(
            "Why Japan Won't Join an Asian NATO\n\n{dek}\n\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Why Japan Won't Join an Asian NATO")
        );
        assert_eq!(m.subtitle.as_deref(), Some(dek));
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn labels_are_not_titles() {
        let (m, _) = run(&format!("In Brief\n\n{BODY}"));
        assert_eq!(m.title, None);
    }

    #[test]
    fn bold_sentence_is_not_a_title() {
        // (A fully emphasised block in the margins is an editorial note and is dropped.)
        let (m, _) = run(&format!(
            "Real Title Here\n\n**The Quad must act now.**\n\n{BODY}"
        ));
        assert_eq!(m.title.as_deref(), Some("Real Title Here"));
        let (m, _) = run(&format!("**The Quad must act now.**\n\n{BODY}"));
        assert_eq!(m.title, None);
    }
}
