//! Stage 1, boilerplate: bylines and date lines in the header (`By A, B and C`,
//! `Name | Publication`, `Posted on DATE by NAME`, `## **Title** By Name`, a leading
//! `date 2020-10-02`), and what follows the names (a publication, a date, a role).

use std::sync::LazyLock;

use regex::Regex;

use super::names::{NAME, names_re, split_names};
use super::rules::BIO_ROLE;
use super::words::words_exceed;
use crate::document::metadata::{Metadata, Source, find_date};
use crate::document::paragraphs::ends_sentence;

static BYLINE_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        concat!(
            r"^(?:#+\s*)?\*\*(?P<title>[^*]+)\*\*\s*(?:[Bb]y\s+",
            names_re!(),
            r")?\s*$"
        ),
        NAME = NAME
    ))
});

/// `By A`, `By A and B`, `By A, B and C`, `Written by A`, `Authors: A, B`, optionally
/// followed by `| Publication`, `| Oct. 2, 2020` or `, a role`.
pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        concat!(
            r"^[\W_]*(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Pp]ublished by|[Aa]uthors?\s*:|[Aa]uthor\s*:)\s+",
            names_re!(),
            r"[*_]*(?:\s*[(<\[][^)>\]\s]*@[^)>\]\s]*[)>\]])?(?:\s*(?P<sep>[|,—–•·])\s*(?P<trail>[^\n]{{1,80}}?)|\s+(?:on|in)\s+(?P<when>[^\n]{{6,60}}?))?[\W_]*$"
        ),
        NAME = NAME
    ))
});

/// `Name | Publication`, `A and B | Oct. 2, 2020` under the title.
pub(super) static NAME_PIPE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        concat!(
            r"^[\W_]*",
            names_re!(),
            r"[*_]*\s*(?P<sep>[|•·])\s*(?P<trail>[^\n]{{2,100}}?)[\W_]*$"
        ),
        NAME = NAME
    ))
});

/// `Posted on October 2, 2020 by Jane Doe`.
static DATE_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        concat!(
            r"^[\W_]*(?:[Pp]osted|[Pp]ublished|POSTED|PUBLISHED)?\s*(?:on\s+)?(?P<date>[^\n|•·]{{4,40}}?)(?:\s+(?:by|By|BY)|\s*[|•·])\s+",
            names_re!(),
            r"[\W_]*$"
        ),
        NAME = NAME
    ))
});

/// A plausible year.
pub(super) static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"\b(?:19|20)\d{2}\b"));

/// A leading `date 2020-10-02` before body text on the same line.
pub(super) static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)^\s*(?:date|published|posted|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b",
    )
});

/// `## **Title**` or `**Title** By Name`; a bold sentence (a lede) is not a title.
pub(super) fn bold_title(s: &str) -> Option<regex::Captures<'_>> {
    BYLINE_IN_TITLE.captures(s).filter(|c| {
        c.name("names").is_some() || c.name("title").is_some_and(|t| !ends_sentence(t.as_str()))
    })
}

/// A byline block of any form.
pub(super) fn is_byline(s: &str) -> bool {
    bold_title(s).is_some() || BYLINE.is_match(s) || NAME_PIPE.is_match(s) || date_by(s).is_some()
}

/// The part of a byline after the names: `| Swarajya`, `| Oct. 2, 2020`, `, Senior Fellow`.
/// Dates are read from any part; a publisher only after `|`, `•` or `·`.
pub(super) fn byline_trailer(meta: &mut Metadata, sep: &str, trail: &str) {
    for part in trail.split(['|', '•', '·']) {
        let part = part.trim();
        if let Some(date) = find_date(part) {
            meta.set_date(&date, Source::Byline);
        } else if sep != ","
            && !sep.is_empty()
            && !part.is_empty()
            && !part.contains(|c: char| c.is_ascii_digit())
            && !words_exceed(part, 6)
            && !BIO_ROLE.is_match(part)
            && !part.to_lowercase().contains("updated")
        {
            meta.set_publisher(part, Source::Byline);
        }
    }
}

/// A `Posted on DATE by NAME` / `DATE | NAME` line whose date part is a real date.
pub(super) fn date_by(s: &str) -> Option<(String, Vec<String>)> {
    let c = DATE_BY.captures(s)?;
    let date = find_date(&c["date"]).or_else(|| bare_year(&c["date"]))?;
    Some((date, split_names(&c["names"])))
}

/// A line whose only number is a year (`2015`, `Published 2015`): the year.
pub(super) fn bare_year(s: &str) -> Option<String> {
    let years: Vec<&str> = YEAR.find_iter(s).map(|m| m.as_str()).collect();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (years.len() == 1 && digits == 4).then(|| years[0].to_string())
}

#[cfg(test)]
mod tests {
    use crate::document::boilerplate::testing::{BODY, meta_of, run};

    #[test]
    fn byline_by_one_two_three() {
        assert_eq!(
            meta_of(&format!("T\n\nBy Jane Doe\n\n{BODY}")).authors,
            ["Jane Doe"]
        );
        assert_eq!(
            meta_of(&format!("T\n\n*By Jane Doe and John Roe*\n\n{BODY}")).authors,
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            meta_of(&format!(
                "T\n\nBy A. Sato, Ben Carter, and Chloe Dubois\n\n{BODY}"
            ))
            .authors,
            ["A. Sato", "Ben Carter", "Chloe Dubois"]
        );
    }

    #[test]
    fn byline_role_trailer_is_not_an_author() {
        let m = meta_of(&format!(
            "T\n\nBy Jane Doe, Senior Fellow, Lowy Institute\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.publisher, None);
    }

    #[test]
    fn byline_pipe_publication_and_date() {
        let m = meta_of(&format!(
            "Title Here\n\nHarsh Kumar Singh | Swarajya\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Harsh Kumar Singh"]);
        assert_eq!(m.publisher.as_deref(), Some("Swarajya"));
        let m = meta_of(&format!(
            "Title Here\n\nBy Jane Doe | Oct. 2, 2020\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.date.as_deref(), Some("2020-10-02"));
        assert_eq!(m.publisher, None);
    }

    #[test]
    fn posted_by_name_on_date() {
        let m = meta_of(&format!(
            "Title Here\n\nPosted by Jane Doe on Oct. 2, 2020\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.date.as_deref(), Some("2020-10-02"));
    }

    #[test]
    fn posted_on_date_by_name() {
        let m = meta_of(&format!(
            "Title Here\n\nPosted on October 2, 2020 by Jane Doe\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.date.as_deref(), Some("2020-10-02"));
    }

    /// A standfirst between the title and the byline is furniture, not body.
    #[test]
    fn byline_after_a_long_dek() {
        let dek = "Why the four democracies will keep their grouping loose even as China grows stronger and more assertive in the region.";
        let (m, body) = run(&format!("Title Here\n\n{dek}\n\nBy Dr. Jane Doe\n\n{BODY}"));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(body, [BODY]);
    }

    #[test]
    fn byline_with_email_and_bio_with_disclaimer() {
        let m = meta_of(&format!(
            "T\n\nBy Kim Jae-hoon (khnews@heraldcorp.com)\n\n{BODY}"
        ));
        assert_eq!(m.authors, ["Kim Jae-hoon"]);
        let (m, body) = run(&format!(
            "{BODY}\n\nJane Doe is a senior fellow at the Lowy Institute. The views expressed are her own.\n"
        ));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(body, [BODY]);
    }
}
