//! Stage 1, boilerplate: person names. The `NAME` pattern (spliced into the byline and bio
//! regexes), splitting `A, B and C` into people, `JANE DOE` → `Jane Doe`, and a line of bare
//! names under the title. Nothing here invents an author: a name must look like a person.

use std::sync::LazyLock;

use regex::Regex;

use super::byline::is_byline;
use super::rules::{BIO_ROLE, HONORIFIC, NOT_A_NAME};
use super::words::{word_count, words_exceed};
use crate::document::paragraphs::ends_sentence;

/// A person's name: two to four capitalised words, initials and hyphens allowed.
pub(super) const NAME: &str = r"[A-Z][\p{L}'’.-]+(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|der|den|bin|al|da|du|le|la|dos|del)){1,3}";

/// One or more names: `A`, `A and B`, `A, B and C`, `A & B`.
macro_rules! names_re {
    () => {
        r"(?P<names>{NAME}(?:(?:,\s*|,?\s+(?i:and)\s+|\s*&\s*){NAME})*)"
    };
}
pub(super) use names_re;

/// The separators of a list of names: `, `, ` and `, `, and `, ` & `.
static SEP: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"(?i)\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)"));

/// Split `A, B and C` into names, dropping honorifics and anything that does not look like
/// a person (a role, an organisation, a place).
pub(super) fn split_names(names: &str) -> Vec<String> {
    SEP.split(names)
        .map(|n| HONORIFIC.replace(n.trim(), "").trim().to_string())
        .filter(|n| is_person_name(n))
        .map(|n| de_shout(&n))
        .collect()
}

/// `JANE DOE` → `Jane Doe` (names in capitals, as some bylines print them).
fn de_shout(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

/// Two to five words, capitalised, with no organisation, role or place word.
pub(crate) fn is_person_name(n: &str) -> bool {
    let words = word_count(n);
    (2..=5).contains(&words)
        && n.chars().next().is_some_and(char::is_uppercase)
        && !NOT_A_NAME.is_match(n)
        && !BIO_ROLE.is_match(n)
}

/// Case `bare-name-byline`: a line of names only under the title or subtitle
/// (`Mico A Galang`, `Michael Green, Victor Cha, Christopher Johnson, Special To Cnn`). Names
/// come first; parts after them that are not names (a role, `Special to CNN`) are dropped.
pub(super) fn bare_names(s: &str) -> Vec<String> {
    static FULL_NAME: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(&format!(r"^{NAME}$")));
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    if t.is_empty()
        || is_byline(t)
        || words_exceed(t, 16)
        || ends_sentence(t)
        || t.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '|' | '(' | '"' | '“'))
    {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut trailer = false;
    for part in SEP.split(t) {
        let part = HONORIFIC.replace(part.trim(), "").trim().to_string();
        let is_name = FULL_NAME.is_match(&part) && is_person_name(&part);
        match (is_name, trailer) {
            (true, false) => names.push(de_shout(&part)),
            (true, true) => return Vec::new(),
            (false, _) if names.is_empty() => return Vec::new(),
            (false, _) => trailer = true,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::boilerplate::testing::{BODY, meta_of};

    #[test]
    fn byline_in_capitals() {
        let m = meta_of(&format!("T\n\nBY JANE DOE AND CHEN PING-KUEI\n\n{BODY}"));
        assert_eq!(m.authors, ["Jane Doe", "Chen Ping-Kuei"]);
        assert_eq!(de_shout("O'NEIL"), "O'neil");
    }
}
