//! Stage 1, boilerplate: author bios (`*Name [email] is a ... fellow at ...*`, one or
//! several people) and the publisher a bio names (the parent organisation, else the first
//! organisation after `at`). `analyze` takes a bio as the author's only at the start or end
//! of the piece and only for someone the body does not discuss.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{NAME, split_names};
use super::rules::{BIO_ROLE, NOT_PUBLISHER};
use super::words::words_exceed;

pub(super) static BIO: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"^[\*_(\s—–-]*(?:[Aa]bout the [Aa]uthors?\s*:?\s*)?(?P<name>{NAME}\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?(?:\s*(?:,\s*and|,|and|&)\s+{NAME}\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?)*)(?:,?\s+(?:is|are|was|were|serves as|serve as|has been|have been|works as|teaches|heads|leads|directs)\s+|,\s+(?:an?|the|who)\s+)(?P<rest>.*)$"
    ))
});

/// Further bios in the same block: `... John Roe is a ...`.
pub(super) static BIO_MORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"[.!?]\s+(?P<name>{NAME})\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?,?\s+(?:is|was|serves as)\s+(?:an?|the|currently|formerly|also|now)\s"
    ))
});

/// The parent organisation in a bio: `... in the Atlantic Council’s Scowcroft Center`.
static ORG_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"(?P<org>(?:[A-Z][\w-]*\s+){1,4}[A-Z][\w-]*)(?:’s|'s)\b")
});

/// An organisation after `at`/`with`: `... Fellow at Pacific Forum CSIS`.
static ORG_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"\b(?:at|with) (?:the )?(?P<org>[A-Z][\w-]*(?:[ \t]+(?:(?:for|of|on|and|in)[ \t]+)?[A-Z][\w-]*){1,6})",
    )
});

/// An author bio: `Name [email] is a ... fellow at ...` naming a role.
pub(super) fn is_bio(s: &str) -> bool {
    BIO.captures(s)
        .is_some_and(|c| role_near_start(&c["rest"]) && !bio_names(&c["name"]).is_empty())
}

/// The people a bio opens with: `A [a@x.org] and B (b@y.org)` → `[A, B]`.
pub(super) fn bio_names(list: &str) -> Vec<String> {
    static EMAIL: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"\[[^\]]*\]|\([^)]*@[^)]*\)"));
    split_names(&EMAIL.replace_all(list, " "))
}

/// A role word (fellow, professor, ...) within the first dozen words of a bio.
fn role_near_start(rest: &str) -> bool {
    let head: Vec<&str> = rest.split_whitespace().take(12).collect();
    BIO_ROLE.is_match(&head.join(" "))
}

/// The publisher named in a bio: the parent organisation (`the Atlantic Council’s ...`),
/// else the first organisation after `at`; universities, ministries etc. are skipped.
pub(super) fn publisher_in_bio(rest: &str) -> Option<String> {
    let ok = |org: &str| words_exceed(org, 1) && !NOT_PUBLISHER.is_match(org);
    ORG_POSSESSIVE
        .captures_iter(rest)
        .map(|c| c["org"].trim().to_string())
        .find(|o| ok(o))
        .or_else(|| {
            ORG_AT
                .captures_iter(rest)
                .map(|c| drop_parent_acronym(c["org"].trim()))
                .find(|o| ok(o))
        })
}

/// `Pacific Forum CSIS` → `Pacific Forum`: a trailing all-capitals token after a name of
/// two or more words names a parent organisation, not the publisher.
fn drop_parent_acronym(org: &str) -> String {
    if let Some((head, last)) = org.rsplit_once(' ')
        && words_exceed(head, 1)
        && last.len() >= 2
        && last.chars().all(|c| c.is_ascii_uppercase())
    {
        return head.trim().to_string();
    }
    org.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::boilerplate::testing::{BODY, run};

    #[test]
    fn trailing_bio_gives_author() {
        let t = format!(
            "{BODY}\n\n(Chen Ping-kuei is an associate professor in the Department of Diplomacy)\n"
        );
        let (m, body) = run(&t);
        assert_eq!(m.authors, ["Chen Ping-kuei"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn bio_forms_at_start_and_end() {
        let (m, body) = run(&format!(
            "Jane Doe is a nonresident senior fellow at the Lowy Institute.\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.publisher.as_deref(), Some("Lowy Institute"));
        assert_eq!(body, [BODY]);
        let (m, body) = run(&format!(
            "{BODY}\n\nJane Doe, a senior fellow at the Hudson Institute, writes on Asian security.\n"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn bio_of_someone_in_the_body_is_not_an_author() {
        let t = format!(
            "Kim Jong Un has tested missiles this year, and the alliance must respond.\n\n{BODY}\n\nKim Jong Un is the general secretary of the ruling party.\n"
        );
        let (m, _) = run(&t);
        assert!(m.authors.is_empty(), "{:?}", m.authors);
    }

    #[test]
    fn bio_publisher_prefers_parent_and_skips_universities() {
        assert_eq!(
            publisher_in_bio("a nonresident senior fellow at the Asia Security Initiative in the Atlantic Council’s Scowcroft Center.").as_deref(),
            Some("Atlantic Council")
        );
        assert_eq!(
            publisher_in_bio("an associate professor at the National Chengchi University"),
            None
        );
        assert_eq!(
            publisher_in_bio("a resident Fellow at Pacific Forum CSIS.").as_deref(),
            Some("Pacific Forum")
        );
        assert_eq!(
            publisher_in_bio("a fellow at the RAND Corporation").as_deref(),
            Some("RAND Corporation")
        );
    }

    #[test]
    fn joint_bio_names_both_authors() {
        let (m, body) = run(&format!(
            "{BODY}\n\n*Ralph Cossa [ralph@pacforum.org] and Brad Glosserman (brad@pacforum.org) are president and executive director of Pacific Forum.*\n"
        ));
        assert_eq!(m.authors, ["Ralph Cossa", "Brad Glosserman"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn a_place_is_not_a_bio() {
        let dek = "South Korea is a member of the wider Quad Plus dialogue";
        let (m, body) = run(&format!("Title Here\n\n{dek}.\n\n{BODY}"));
        assert!(m.authors.is_empty());
        assert_eq!(body, [format!("{dek}."), BODY.to_string()]);
    }

    #[test]
    fn author_note_without_name_invents_nobody() {
        let (m, body) = run(&format!(
            "{BODY}\n\nThe writer is a professor at Seoul National University.\n"
        ));
        assert!(m.authors.is_empty());
        assert_eq!(body, [BODY]);
    }
}
