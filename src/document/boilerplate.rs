//! Boilerplate and metadata lines (stage 1, after layout): decide, block by block, what is
//! title, byline, author bio, date line, disclaimer, advert, caption, heading or bare URL
//! (metadata or dropped), and what is body text.
//!
//! Whole-block rules are rows in `LINE_RULES`: a name, a pattern, a role (drop, date,
//! url, copyright footer) and an example the unit tests check. Rules that need captures
//! and context are regexes with their own tests: bylines (`By A, B and C`, `Name | Pub`,
//! `Posted on DATE by NAME`), bios (`*Name [email] is a ... fellow at ...*`, at the start or
//! end, only for a plausible person the body does not discuss), titles (`choose_title`:
//! first heading-like block, skipping site names, labels and breadcrumbs; a title-cased
//! question; `## **Title** By Name`), and the notes/references tail. Nothing here invents
//! an author: names must look like people, and a bio's name must not appear in the body.

use std::sync::LazyLock;

use regex::Regex;

use super::Format;
use super::metadata::{Metadata, Source, find_date, iso_date};
use super::paragraphs::{Block, BlockKind, ends_sentence, trim_range};

/// What a matching block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Editorial clutter: dropped from the body, gives no metadata.
    Drop,
    /// A date line (`Oct. 2, 2020`, `Published: 3 May 2016`, `December 29, 2020 Topic: ...`):
    /// the date, dropped.
    DateLine,
    /// A bare URL line: url and publisher (its host), dropped.
    UrlLine,
    /// `(c) 2016, Swarajya`: publisher, dropped.
    CopyrightFooter,
    /// `Title: ...`, `Source: ...`: a labelled metadata line (captures `label`, `value`).
    Label,
}

/// A whole-block rule. Patterns are matched against the trimmed block; the first row that
/// matches decides. `example` is a block the rule must catch (checked by a unit test).
struct LineRule {
    name: &'static str,
    pattern: &'static str,
    role: Role,
    /// Documentation and test data: a block this rule must catch.
    #[cfg_attr(not(test), allow(dead_code))]
    example: &'static str,
}

const fn rule(
    name: &'static str,
    pattern: &'static str,
    role: Role,
    example: &'static str,
) -> LineRule {
    LineRule {
        name,
        pattern,
        role,
        example,
    }
}

/// A date as written in bylines: ISO (with an optional time), `Oct. 2, 2020`, `3 May 2016`,
/// optionally after a weekday. Spliced into the date-line rule below.
macro_rules! date_re {
    () => {
        r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|[a-z]{3,9}\.?,?\s+\d{4}|\d{4}[-/]\d{2}|(?:19|20)\d{2})"
    };
}

/// Whole-block rules, in order.
const LINE_RULES: &[LineRule] = &[
    rule(
        "disclaimer-views",
        r"(?i)\b(represent|reflect)s? (only )?the (personal )?views of (the )?(respective )?authors?\b",
        Role::Drop,
        "PacNet commentaries and responses represent the views of the respective authors. Alternative viewpoints are always welcomed.",
    ),
    rule(
        "disclaimer-opinions",
        r"(?i)^[\W_]*(the )?(views|opinions) expressed (here|in this|above|are)",
        Role::Drop,
        "The views expressed in this article are the author's own.",
    ),
    rule(
        "disclaimer-not-necessarily",
        r"(?i)\b(do(es)? not|do(es)?n[’']?t) necessarily (reflect|represent)\b",
        Role::Drop,
        "Opinions are the author's and do not necessarily reflect those of the Institute.",
    ),
    rule(
        "republication-note",
        r"(?i)^[\W_]*(this (article|piece|commentary|op-ed|essay|post|analysis) (was|is|has been|first) (originally |first )?(published|appeared|adapted|reprinted|translated)|(originally|first) (published|appeared) (in|on|at|by))\b",
        Role::Drop,
        "This article was originally published by The Interpreter.",
    ),
    rule(
        "author-note",
        r"(?i)^[\W_]*the (author|writer|columnist|contributor)s? (is|are|was|were|teaches|teach|works|work|serves|serve)\b",
        Role::Drop,
        "The writer is a professor of international relations at Seoul National University.",
    ),
    rule(
        "editors-note",
        r"(?i)^[\W_]*(editor[’']?s|publisher[’']?s|author[’']?s) note\b",
        Role::Drop,
        "Editor's note: This piece is part of a series on alliances.",
    ),
    rule(
        "correction-note",
        r"(?i)^[\W_]*(correction|clarification)\s*(\(.{0,30}\))?\s*:",
        Role::Drop,
        "Correction: An earlier version misstated the date of the summit.",
    ),
    rule(
        "time-line",
        r"(?i)^[\W_]*\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\.?(\s+[a-z]{2,5})?[\W_]*$",
        Role::Drop,
        "5:01 P.M. EDT",
    ),
    rule(
        "stage-direction",
        r"(?i)^\s*\((laughs?|laughter|applause|inaudible|as interpreted|crosstalk|cross-talk|pause|off mic|off-mic)\.?\)\s*$",
        Role::Drop,
        "(Laughter.)",
    ),
    rule(
        "video-widget",
        r"(?i)^[\W_]*(just watched|must watch)\b.*\b(replay|more videos|must watch)\b",
        Role::Drop,
        "JUST WATCHED Seoul reaches out Replay More Videos ... MUST WATCH Seoul reaches out 04:30",
    ),
    rule(
        "contacted-for-comment",
        r"(?i)^[^.!?]{0,120}\bha(s|ve) (also )?(been )?(contacted|approached|reached out to)\b[^.!?]{0,120}\bfor (a )?(comment|response|reaction)\b[^.!?]{0,60}[.!]?\s*$",
        Role::Drop,
        "Daily Mail Australia has contacted the Department of Defence for comment.",
    ),
    rule(
        "contributed-to-article",
        r"(?i)^[\W_•]*[\p{L}.,' -]{2,80}\bcontributed (reporting )?to this (article|report|story)\b",
        Role::Drop,
        "• John Power in Melbourne contributed to this article.",
    ),
    rule(
        "privacy-signup",
        r"(?i)\bby signing up,? you agree\b",
        Role::Drop,
        "By signing up, you agree to our Privacy Policy",
    ),
    rule(
        "qa-question-subhead",
        r"^[\W_]*Q[:.]\s+[^?]{3,160}\?\s*$",
        Role::Drop,
        "Q: What does Mr. Trump intend for NATO?",
    ),
    rule(
        "numbered-question-heading",
        r"^[\W_]*\d{1,2}\)\s+[^.!?]{3,80}\?\s*$",
        Role::Drop,
        "1) What does North Korea want?",
    ),
    rule(
        "pictured-caption",
        r"(?i)^.{0,240}\(pictured\b[^)]{0,40}\).{0,240}[^.!?\x22”’\s]\s*$",
        Role::Drop,
        "Prime Minister Scott Morrison (pictured) in Canberra on Monday",
    ),
    rule(
        "run-in-label",
        r"^[\W_]*[A-Z][\w’'-]*(?:,?\s+(?:[A-Z][\w’'-]*|of|and|for|the|in|on|to|a|an|with|our|its|&)){0,7}\s*:\s*$",
        Role::Drop,
        "A New Strategic Concept:",
    ),
    rule(
        "metadata-label",
        r"(?i)^[\W_]*(?P<label>title|headline|source|publisher|publication)\s*:\s*(?P<value>\S.{0,200}?)\s*$",
        Role::Label,
        "Source: The Interpreter",
    ),
    rule(
        "markdown-image-or-link",
        r"^[\W_]*!?\[[^\]]*\]\([^)]*\)[\W_]*$",
        Role::Drop,
        "![Leaders at the summit](summit.jpg)",
    ),
    rule(
        "newsletter",
        r"(?i)\b(delivered (straight )?to your inbox|newsletter sign-?up)\b",
        Role::Drop,
        "Get the best of our analysis delivered to your inbox every week.",
    ),
    rule(
        "email-line",
        r"^[\W_]*[\w.+-]+@[\w-]+\.[\w.-]+[\W_]*$",
        Role::Drop,
        "(khnews@heraldcorp.com)",
    ),
    rule(
        "footnote",
        r"^[\W_]*(\[\^?\d{1,3}\]:?|\^\d{1,3})\s*\S",
        Role::Drop,
        "[1] See the 2022 Strategic Concept, paragraph 45.",
    ),
    rule(
        "download-link",
        r"(?i)^[\W_]*download (the |this )?(pdf|full|report|paper|brief|issue)\b",
        Role::Drop,
        "Download the full report (PDF)",
    ),
    rule(
        "listen-audio",
        r"(?i)^[\W_]*(listen( to this (article|story|piece))?|audio|\d{1,2}:\d{2}(\s*/\s*\d{1,2}:\d{2})?)[\W_]*$",
        Role::Drop,
        "Listen to this article",
    ),
    rule(
        "credit-line",
        r"(?i)^[\W_]*(translated|edited|compiled|additional reporting|illustrated)( from [\w ]{2,20})? by\b.{0,80}$",
        Role::Drop,
        "Translated by Eddy Chang",
    ),
    rule(
        "advert-applications",
        r"(?i)^[\W_]*applications are (now )?(being )?accepted",
        Role::Drop,
        "**Applications are now being accepted for the 2012 SPF Fellowship position.**",
    ),
    rule(
        "advert-subscribe",
        r"(?i)^[\W_]*(subscribe|sign up|register) (to|for|now|here|today)",
        Role::Drop,
        "Sign up for our weekly newsletter.",
    ),
    rule(
        "advert-click-here",
        r"(?i)^.{0,80}\bclick here\b|(?i)^.{0,120}\b(subscribe (now|today)|subscribe for full access|to continue reading)\b.{0,80}$",
        Role::Drop,
        "Click here to request a PacNet subscription.",
    ),
    rule(
        "advert-follow",
        r"(?i)^[\W_]*follow (us|him|her|them|the author|@)",
        Role::Drop,
        "Follow us on Twitter @example.",
    ),
    rule(
        "advert-label",
        r"(?i)^[\W_]*(advertisement|sponsored( content)?|promoted( content)?|support (our|independent) (journalism|work|reporting|mission)\b.{0,80})[\W_]*$",
        Role::Drop,
        "Advertisement",
    ),
    rule(
        "comments",
        r"(?i)^[\W_]*(leave a (comment|reply)|\d+ comments?|comments?|show comments)[\W_]*$",
        Role::Drop,
        "3 Comments",
    ),
    rule(
        "share-buttons",
        r"(?i)^[\W_]*(share( this( article| story| page)?)?|tweet|e-?mail|print|facebook|twitter|linkedin|whatsapp|reddit)([\W_]+(share|tweet|e-?mail|print|facebook|twitter|linkedin|whatsapp|reddit|copy link))*[\W_]*$",
        Role::Drop,
        "Share: Facebook Twitter LinkedIn Email",
    ),
    rule(
        "reading-time",
        r"(?i)^[\W_]*(\d+\s*min(ute)?s?\s+read|reading time\b.{0,20})[\W_]*$",
        Role::Drop,
        "5 min read",
    ),
    rule(
        "further-reading",
        r"(?i)^[\W_]*(further|recommended|suggested|related|more) (reading|articles|stories|content|coverage)[\W_]*$",
        Role::Drop,
        "Further reading",
    ),
    rule(
        "related",
        r"(?i)^[\W_]*(related|read more|see also|more from|also read|read also|read next|recommended|you may also like|more on this( topic)?|now read|read the (original|full \w+)|watch)\s*[:|]",
        Role::Drop,
        "Also Read: Why the Quad matters",
    ),
    rule(
        "image-caption",
        r"(?i)^[\W_]*(image|images|photo|photos|pictured|picture|caption|photograph|credit|photo credit|illustration|featured image|top image|file photo|image source|cover photo)\s*(\(s\))?\s*:",
        Role::Drop,
        "Image: The NATO Secretary-General shakes hands with Japan's Prime Minister April 15, 2013. REUTERS/Toru Hanai",
    ),
    rule(
        "scroll-for-video",
        r"(?i)^[\W_]*scroll down for (the )?video[\W_]*$",
        Role::Drop,
        "Scroll down for video",
    ),
    rule(
        "section-kicker-pair",
        r"(?i)^[\W_]*(analysis|opinion|commentary|news|editorial|op-ed|perspective)\s*[/&|]\s*(analysis|opinion|commentary|news|editorial|op-ed|perspective)[\W_]*$",
        Role::Drop,
        "ANALYSIS/OPINION:",
    ),
    rule(
        "photo-credit",
        r"^[\W_]*[A-Z][A-Za-z]+/[A-Z][\w.]*( [A-Z][\w.'-]*){0,3}[\W_]*$",
        Role::Drop,
        "REUTERS/Toru Hanai",
    ),
    rule(
        "agency-credit",
        r"(?i)^[\W_]*([\p{L}.' -]{0,40}(/| via |: ))?(reuters|afp|ap|ap photo|getty images|associated press|xinhua|kyodo( news)?|epa(-efe)?|shutterstock|bloomberg|yonhap|depositphotos|flickr|wikimedia commons)(\s*(/| via )\s*[\p{L}.' -]{0,40}|\s+(photo|images|pictures|file photo))?[\W_]*$",
        Role::Drop,
        "(AP Photo/Eugene Hoshiko)",
    ),
    rule(
        "end-marks",
        r"^\s*(#{3}|-{3,}|\*{3}|—|-30-|\W)\s*$",
        Role::Drop,
        "###",
    ),
    rule(
        "lone-punctuation",
        r"^[\p{P}\p{S}\s]+$",
        Role::Drop,
        "* * * *",
    ),
    rule(
        "full-report-see",
        r"(?i)^[\W_]*for the full (report|text|article|paper),? (see|click|visit|go)\b",
        Role::Drop,
        "For the full report see Issues & Insights Vol. 11-No. 16.",
    ),
    rule(
        "section-kicker",
        r"(?i)^[\W_]*(opinion|commentary|analysis|op-ed|editorial|perspectives?|viewpoints?|column|blog post|essay|feature|interview|news analysis|guest post|in brief|summary|key points|key takeaways|abstract|highlights|at a glance|overview|executive summary|share|print)[\W_]*$",
        Role::Drop,
        "OPINION",
    ),
    rule(
        "series-label",
        r"^[\W_]*[A-Z][\w-]*( [A-Z][\w-]*)?\s*(#|No\.\s?|Number )\s*\d+[A-Za-z]?[\W_]*$",
        Role::Drop,
        "PacNet #45",
    ),
    rule(
        "tags-line",
        r"(?i)^[\W_]*(tags|topics|keywords|filed under|categories|regions?|countries|themes|series|programs?)\s*:",
        Role::Drop,
        "Tags: NATO, Quad, Japan",
    ),
    rule(
        "all-rights-reserved",
        r"(?i)^[\W_]*all rights reserved[\W_]*$",
        Role::Drop,
        "All rights reserved.",
    ),
    rule(
        "date-topic-line",
        r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\s+(topic|region|tags|blog brand)\s*:",
        Role::DateLine,
        "December 29, 2020 Topic: Security Region: Asia Blog Brand: The Reboot Tags: QuadChina",
    ),
    rule(
        "date-line",
        concat!(
            r"(?i)^[\W_]*(?:(?:date|dated|published|posted|updated|last updated|first published|publication date|released)(?:\s+on)?\s*:?\s*)?",
            date_re!(),
            r"(?:[\s,|·•-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?(?:\s*[|·•,-]\s*(?:\d+\s+min(?:ute)?s?\s+read|updated\b.{0,40}))?[\W_]*$"
        ),
        Role::DateLine,
        "Published: 3 May 2016, 10:45 am",
    ),
    rule(
        "bare-url",
        r"(?i)^[\W_]*<?https?://\S+>?$",
        Role::UrlLine,
        "https://www.gmfus.org",
    ),
    rule(
        "copyright-label",
        r"(?i)^[\W_]*copyright\s*:\s*(?:©\s*)?(?P<org>[^,\d]{2,80}?)\s*,?\s*(?:©\s*)?(?:\d{4})?[.\s]*$",
        Role::CopyrightFooter,
        "Copyright: Lowy Institute, 2015",
    ),
    rule(
        "copyright-footer",
        r"(?i)^[\W_]*(©\s*(\d{4}(\s*[-–]\s*\d{4})?)?|\(c\)\s*\d{4}(\s*[-–]\s*\d{4})?|copyright\s*(©|\(c\))\s*(\d{4}(\s*[-–]\s*\d{4})?)?|copyright\s+\d{4}(\s*[-–]\s*\d{4})?)\s*,?\s*(?P<org>.{0,80}?)[.,]?\s*(all rights reserved\.?)?\s*$",
        Role::CopyrightFooter,
        "(c) 2016, Swarajya",
    ),
];

static RULES: LazyLock<Vec<(&'static str, Regex, Role)>> = LazyLock::new(|| {
    LINE_RULES
        .iter()
        .filter_map(|r| Regex::new(r.pattern).ok().map(|re| (r.name, re, r.role)))
        .collect()
});

/// The first rule matching a block, if any.
fn match_rule(s: &str) -> Option<&'static (&'static str, Regex, Role)> {
    let t = s.trim();
    RULES.iter().find(|(_, re, _)| re.is_match(t))
}

/// A person's name: two to four capitalised words, initials and hyphens allowed.
const NAME: &str = r"[A-Z][\p{L}'’.-]+(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|der|den|bin|al|da|du|le|la|dos|del)){1,3}";

/// One or more names: `A`, `A and B`, `A, B and C`, `A & B`.
macro_rules! names_re {
    () => {
        r"(?P<names>{NAME}(?:(?:,\s*|,?\s+(?i:and)\s+|\s*&\s*){NAME})*)"
    };
}

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
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
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
static NAME_PIPE: LazyLock<Regex> = LazyLock::new(|| {
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
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"^[\*_(\s—–-]*(?:[Aa]bout the [Aa]uthors?\s*:?\s*)?(?P<name>{NAME}\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?(?:\s*(?:,\s*and|,|and|&)\s+{NAME}\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?)*)(?:,?\s+(?:is|are|was|were|serves as|serve as|has been|have been|works as|teaches|heads|leads|directs)\s+|,\s+(?:an?|the|who)\s+)(?P<rest>.*)$"
    ))
});
/// Further bios in the same block: `... John Roe is a ...`.
static BIO_MORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"[.!?]\s+(?P<name>{NAME})\s*(?:\[[^\]]*\]|\([^)]*@[^)]*\))?,?\s+(?:is|was|serves as)\s+(?:an?|the|currently|formerly|also|now)\s"
    ))
});
/// A plausible year.
static YEAR: LazyLock<Regex> = LazyLock::new(|| crate::static_regex(r"\b(?:19|20)\d{2}\b"));
/// The heading of notes and references after an article.
static NOTES_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)^[\W_]*(notes|endnotes|footnotes|references|sources|bibliography|works cited|citations|about the authors?|about the writers?|author bios?|acknowledge?ments)[\W_]*$",
    )
});
/// Titles before a name: dropped from author names.
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Amb|Ambassador|Gen|General|Adm|Admiral|Col|Colonel|Lt|Capt|Sir|Dame|Rev|Hon)\.?\s+)+",
    )
});
/// Words that show a "name" is an organisation, a job or a place, not a person.
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)\b(institute|university|council|forum|center|centre|foundation|press|times|post|news|review|journal|magazine|group|studies|policy|affairs|security|defen[cs]e|research|international|national|global|ministry|department|school|college|staff|editorial|board|agency|service|reuters|associated|updated|published|contributor|correspondent|team|desk|report|reporter|online|daily|weekly|monthly|media|network|asia|pacific|europe|america|china|japan|india|korea|states|kingdom|union|special|academy|room|hall|house|office|summit|cnn)\b",
    )
});
static BIO_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)\b(fellow|professor|candidate|researcher|director|analyst|scholar|lecturer|student|editor|correspondent|diplomat|adviser|advisor|author|journalist|president|chair|chairman|ambassador|officer|associate|expert|specialist|member|head|founder|partner|manager|coordinator|consultant|writer|columnist|economist|historian|strategist|reporter|commentator|contributor|dean|deputy|secretary|minister|envoy|commander|colonel|general|admiral|lawyer|doctoral|ph\.?d|graduate|intern|executive|staff|faculty|representative|practitioner|principal)\b",
    )
});
/// A leading `date 2020-10-02` before body text on the same line.
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)^\s*(?:date|published|posted|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b",
    )
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
/// Organisations in bios that are not publishers of commentary.
static NOT_PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)\b(university|college|school|department|faculty|ministry|initiative|program|programme|government|army|navy|force|embassy|state|states|republic|kingdom|office)\b",
    )
});
/// `PacNet #45 – Title`, `OPINION | Title`: a series label before a title.
static TITLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?:[A-Z][\w-]*(?: [A-Z][\w-]*)?\s*(?:#|No\.\s?)\s*\d+[A-Za-z]?|(?i:opinion|commentary|analysis|op-ed|editorial|perspective|viewpoint))\s*[-–—:|]\s*",
    )
});

fn is_emphasised(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('*') && s.ends_with('*') && s.len() > 2)
        || (s.starts_with('_') && s.ends_with('_') && s.len() > 2)
}

/// Scripts written without spaces between words (Han, Hiragana, Katakana, and their
/// punctuation and full-width forms): a run of them is counted as one word per
/// [`CHARS_PER_WORD`] characters, so a Chinese or Japanese paragraph is not a one-word
/// heading (case `cjk-paragraph`). Hangul is written with spaces and is not here.
const NO_SPACE_SCRIPTS: &[(char, char)] = &[
    ('\u{3000}', '\u{303f}'), // CJK punctuation (`。`, `「」`)
    ('\u{3040}', '\u{30ff}'), // Hiragana, Katakana
    ('\u{3400}', '\u{4dbf}'), // Han extension A
    ('\u{4e00}', '\u{9fff}'), // Han
    ('\u{f900}', '\u{faff}'), // Han compatibility
    ('\u{ff00}', '\u{ffef}'), // full-width forms (`！？`)
];
/// Han and kana characters per word (a Chinese word is one to two characters, a Japanese
/// one two to three with its particles).
const CHARS_PER_WORD: usize = 2;

fn is_no_space_script(c: char) -> bool {
    NO_SPACE_SCRIPTS
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Words in a line; a run of Han or kana counts one word per [`CHARS_PER_WORD`] characters.
fn word_count(s: &str) -> usize {
    word_weights(s).sum()
}

/// Whether `s` has more than `n` words (as [`word_count`] counts them), reading no
/// further than word `n + 1`: most checks compare a block's length with a small bound,
/// and a block can be a whole speech.
fn words_exceed(s: &str, n: usize) -> bool {
    let mut total = 0;
    word_weights(s).any(|w| {
        total += w;
        total > n
    })
}

/// Each whitespace-separated word counts one, a run of no-space script (CJK) one per
/// `CHARS_PER_WORD` characters.
fn word_weights(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.split_whitespace().map(|w| {
        let cjk = w.chars().filter(|&c| is_no_space_script(c)).count();
        if cjk >= CHARS_PER_WORD {
            cjk.div_ceil(CHARS_PER_WORD)
        } else {
            1
        }
    })
}

/// A short line with no terminal punctuation: a title, heading or caption, not a sentence.
fn is_heading_like(s: &str) -> bool {
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    !t.is_empty() && !words_exceed(t, 14) && !ends_sentence(t) && !t.ends_with(',')
}

/// Split `A, B and C` into names, dropping honorifics and anything that does not look like
/// a person (a role, an organisation, a place).
fn split_names(names: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"(?i)\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)"));
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

/// The part of a byline after the names: `| Swarajya`, `| Oct. 2, 2020`, `, Senior Fellow`.
/// Dates are read from any part; a publisher only after `|`, `•` or `·`.
fn byline_trailer(meta: &mut Metadata, sep: &str, trail: &str) {
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

fn publisher_from_url(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', '>', ')', ']']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The publisher named in a bio: the parent organisation (`the Atlantic Council’s ...`),
/// else the first organisation after `at`; universities, ministries etc. are skipped.
fn publisher_in_bio(rest: &str) -> Option<String> {
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

/// Strip a series label (`PacNet #45 – `, `Opinion: `) from a title.
fn title_text(s: &str) -> &str {
    let t = s.trim();
    match TITLE_LABEL.find(t) {
        Some(m) if m.end() < t.len() => &t[m.end()..],
        _ => t,
    }
}

/// A sentence-like body paragraph (not a heading, note or bio).
fn is_body_like(text: &str, b: &Block) -> bool {
    let s = b.text(text);
    b.kind != BlockKind::Heading
        && !is_emphasised(s)
        && ends_sentence(s)
        && words_exceed(s, 14)
        && match_rule(s).is_none()
        && !is_bio(s)
}

/// A block that the front-region rules consume (rules, bylines, bios, editorial notes).
fn is_front_matter_line(s: &str) -> bool {
    match_rule(s).is_some()
        || is_byline(s)
        || is_bio(s)
        || is_emphasised(s)
        || DATE_PREFIX.is_match(s)
        || HIGHLIGHTS.is_match(s)
}

/// Share of longer words (4+ letters, after the first) that are capitalised.
fn capitalised_share(s: &str) -> f32 {
    let words: Vec<&str> = s
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if words.is_empty() {
        return 1.0;
    }
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    caps as f32 / words.len() as f32
}

/// `Can the Quad Survive Without a Treaty?`: a short title-cased question or exclamation.
fn is_question_title(s: &str) -> bool {
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    (t.ends_with('?') || t.ends_with('!')) && !words_exceed(t, 15) && capitalised_share(t) >= 0.6
}

/// The block holding the title: among the heading-like blocks before the body (the first
/// block may also be a title-cased question), skip site names and section labels (three
/// words or fewer) and breadcrumbs (`A | B | C`) when a longer candidate exists.
fn choose_title(text: &str, blocks: &[Block], first_body: usize) -> Option<usize> {
    let mut candidates = Vec::new();
    for (i, b) in blocks.iter().enumerate().take(first_body + 1) {
        let s = b.text(text);
        if bold_title(s).is_some() {
            return None;
        }
        if is_front_matter_line(s) {
            continue;
        }
        if is_heading_like(s)
            || (i == 0 && (is_question_title(s) || is_long_headline(text, blocks)))
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
fn is_long_headline(text: &str, blocks: &[Block]) -> bool {
    let (Some(first), Some(next)) = (blocks.first(), blocks.get(1)) else {
        return false;
    };
    let s = first.text(text);
    let n = next.text(text);
    let end = s.trim_end_matches(['’', '”', '\'', '"']);
    !s.contains('\n')
        && !words_exceed(s, 40)
        && (!ends_sentence(end) || end.ends_with('?'))
        && (is_byline(n)
            || matches!(match_rule(n), Some((_, _, Role::DateLine)))
            || !bare_names(n).is_empty())
}

/// A breadcrumb trail: `Features | Security | East Asia`, `Home > Analysis` (every part
/// short). A page title with a suffix (`Long Title | Site`) is not one.
fn is_crumb(s: &str) -> bool {
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
    const FUNCTION: &[&str] = &[
        "a", "an", "of", "on", "in", "for", "to", "and", "with", "at", "is", "are", "not", "no",
        "how", "why", "what", "the", "up", "out", "off", "over",
    ];
    let t = title_text(s);
    let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
    (2..=3).contains(&words.len())
        && !ends_sentence(t)
        && words
            .iter()
            .enumerate()
            .any(|(k, w)| FUNCTION.contains(&w.as_str()) && !(k == 0 && w == "the"))
}

/// Case `page-title-suffix`: `Title | by Name`, `Title | Site`, `Title - Site`. Returns the
/// title without the suffix, the names of a `by` suffix and the site of a site suffix; a
/// place (`Claymont, DE`) is dropped and names nothing.
fn split_title_suffix(s: &str) -> (&str, Vec<String>, Option<String>) {
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

/// Case `bare-name-byline`: a line of names only under the title or subtitle
/// (`Mico A Galang`, `Michael Green, Victor Cha, Christopher Johnson, Special To Cnn`). Names
/// come first; parts after them that are not names (a role, `Special to CNN`) are dropped.
fn bare_names(s: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"(?i)\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)"));
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

/// A `Posted on DATE by NAME` / `DATE | NAME` line whose date part is a real date.
fn date_by(s: &str) -> Option<(String, Vec<String>)> {
    let c = DATE_BY.captures(s)?;
    let date = find_date(&c["date"]).or_else(|| bare_year(&c["date"]))?;
    Some((date, split_names(&c["names"])))
}

/// A line whose only number is a year (`2015`, `Published 2015`): the year.
fn bare_year(s: &str) -> Option<String> {
    let years: Vec<&str> = YEAR.find_iter(s).map(|m| m.as_str()).collect();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (years.len() == 1 && digits == 4).then(|| years[0].to_string())
}

/// Case `standfirst-describes-piece`: a dek that describes the piece rather than argues
/// (`An in-depth analysis of ...`, `This article examines ...`).
static DESCRIBES_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)^[\W_]*(?:(?:an?|this|the)\s+(?:[\w-]+\s+){0,2}(?:analysis|look|overview|examination|exploration|assessment|commentary|article|essay|paper|report|piece|guide|explainer|primer)\s+(?:of|at|on|into|examines|explores|looks|argues|assesses|considers|discusses)\b|in this (?:article|commentary|essay|paper|piece|report)\b)",
    )
});

/// A transcript speaker label at the start of a paragraph: `PRIME MINISTER MORRISON:`,
/// `PRESIDENT BIDEN:`, `MR. SMITH:`. Capitals only, so `The answer:` never matches.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?P<label>(?P<role>(?:PRESIDENT|VICE PRESIDENT|PRIME MINISTER|DEPUTY PRIME MINISTER|SECRETARY|MINISTER|SENATOR|AMBASSADOR|GENERAL|ADMIRAL|CHAIRMAN|CHAIR|SPEAKER|GOVERNOR|MODERATOR|MR|MS|MRS|DR)\.?\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})\s*:(?:\s+|$)",
    )
});
/// Stage directions in transcripts: `(Laughs.)`, `(As interpreted.)`, `(Inaudible.)`.
static STAGE_DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)\((?:laughs?|laughter|applause|inaudible|as interpreted|crosstalk|cross-talk|pause|off mic|off-mic)\.?\)",
    )
});
/// Case `run-in-label`: a title-cased label opening a paragraph (`A New Strategic Concept:
/// Allied leaders will ...`); the label is furniture, the rest is body.
static RUN_IN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"^(?P<label>[A-Z][\w’'-]*(?:\s+[\w’'&,/-]+){1,7})\s*:\s+[A-Z“\x22]")
});
/// The opening of a highlights box: `Story highlights`, `Key points`.
static HIGHLIGHTS: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"(?i)^[\W_]*(?:story highlights|highlights|key points|key takeaways)\b")
});

/// Word bigrams of a block, lower-cased, for near-duplicate checks (pull quotes). Words
/// are interned per document (`ids`: lower-cased word → id; `long`: per id, whether the
/// word has five letters or more), and a bigram is the pair of ids in one `u64`: no string
/// is allocated per word pair (this ran over every block of every document).
fn bigrams(
    s: &str,
    ids: &mut std::collections::HashMap<String, u32>,
    long: &mut Vec<bool>,
) -> Vec<u64> {
    let mut buf = String::new();
    let mut id_of = |w: &str| -> u32 {
        let lower: &str = if w.is_ascii() {
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                w
            } else {
                buf.clear();
                buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                &buf
            }
        } else {
            buf = w.to_lowercase();
            &buf
        };
        if let Some(&id) = ids.get(lower) {
            return id;
        }
        let id = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        long.push(lower.chars().count() >= 5);
        ids.insert(lower.to_string(), id);
        id
    };
    let words: Vec<u32> = s
        .split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(&mut id_of)
        .collect();
    words
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect()
}

/// Share of a pull quote's word pairs that must occur in one other, longer block.
const PULL_QUOTE_OVERLAP: f32 = 0.6;

/// Case `pull-quote`: a one-sentence block (8 to 60 words) that repeats, exactly or nearly
/// (most of its word pairs), a sentence of another, longer block. `true` per pull quote.
fn pull_quotes(text: &str, blocks: &[Block]) -> Vec<bool> {
    use std::collections::{HashMap, HashSet};
    type Gram = u64;
    let words: Vec<usize> = blocks.iter().map(|b| word_count(b.text(text))).collect();
    let candidate: Vec<bool> = blocks
        .iter()
        .zip(&words)
        .map(|(b, w)| {
            let s = b.text(text);
            (8..=60).contains(w) && !s.trim_end_matches(['.', '!', '?', '”', '"']).contains(". ")
        })
        .collect();
    // Only blocks longer than the shortest candidate can hold the sentence a pull quote
    // repeats: the word pairs of the others are never looked at.
    let Some(shortest) = words
        .iter()
        .zip(&candidate)
        .filter(|(_, c)| **c)
        .map(|(w, _)| *w)
        .min()
    else {
        return vec![false; blocks.len()];
    };
    let mut ids = HashMap::new();
    let mut long = Vec::new();
    let grams: Vec<HashSet<Gram>> = blocks
        .iter()
        .enumerate()
        .map(|(k, b)| {
            if candidate[k] || words[k] > shortest + 3 {
                bigrams(b.text(text), &mut ids, &mut long)
                    .into_iter()
                    .collect()
            } else {
                HashSet::new()
            }
        })
        .collect();
    // Posting lists for informative pairs only (a word of five letters or more).
    let is_long = |id: u64| {
        usize::try_from(id)
            .ok()
            .and_then(|i| long.get(i))
            .copied()
            .unwrap_or(false)
    };
    let informative = |g: &Gram| is_long(*g >> 32) || is_long(*g & 0xffff_ffff);
    let mut postings: HashMap<&Gram, Vec<usize>> = HashMap::new();
    for (k, set) in grams.iter().enumerate() {
        for g in set.iter().filter(|g| informative(g)) {
            postings.entry(g).or_default().push(k);
        }
    }
    let mut out = vec![false; blocks.len()];
    for (j, set) in grams.iter().enumerate() {
        if !candidate[j] || set.is_empty() {
            continue;
        }
        let mut others: HashSet<usize> = HashSet::new();
        for g in set.iter().filter(|g| informative(g)) {
            for &k in postings.get(g).into_iter().flatten() {
                if k != j && words[k] > words[j] + 3 {
                    others.insert(k);
                }
            }
        }
        let best = others
            .iter()
            .map(|&k| set.intersection(&grams[k]).count())
            .max()
            .unwrap_or(0);
        out[j] = best as f32 / set.len() as f32 >= PULL_QUOTE_OVERLAP;
    }
    out
}

/// Speaker labels that count in this document: a role or honorific label (`PRESIDENT
/// BIDEN`), or one that opens two or more paragraphs. A one-off capitalised lead-in (a
/// dateline such as `NEW DELHI:`) is not a speaker.
fn speaker_labels(text: &str, blocks: &[Block]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, (usize, bool)> = Default::default();
    for b in blocks {
        if let Some(c) = SPEAKER.captures(b.text(text)) {
            let e = counts.entry(c["label"].to_string()).or_default();
            e.0 += 1;
            e.1 |= c.name("role").is_some();
        }
    }
    counts
        .into_iter()
        .filter(|(label, (n, role))| {
            (*role || *n >= 2) && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
        .map(|(label, _)| label)
        .collect()
}

/// `## **Title**` or `**Title** By Name`; a bold sentence (a lede) is not a title.
fn bold_title(s: &str) -> Option<regex::Captures<'_>> {
    BYLINE_IN_TITLE.captures(s).filter(|c| {
        c.name("names").is_some() || c.name("title").is_some_and(|t| !ends_sentence(t.as_str()))
    })
}

/// A byline block of any form.
fn is_byline(s: &str) -> bool {
    bold_title(s).is_some() || BYLINE.is_match(s) || NAME_PIPE.is_match(s) || date_by(s).is_some()
}

/// An author bio: `Name [email] is a ... fellow at ...` naming a role.
fn is_bio(s: &str) -> bool {
    BIO.captures(s)
        .is_some_and(|c| role_near_start(&c["rest"]) && !bio_names(&c["name"]).is_empty())
}

/// The people a bio opens with: `A [a@x.org] and B (b@y.org)` → `[A, B]`.
fn bio_names(list: &str) -> Vec<String> {
    static EMAIL: LazyLock<Regex> =
        LazyLock::new(|| crate::static_regex(r"\[[^\]]*\]|\([^)]*@[^)]*\)"));
    split_names(&EMAIL.replace_all(list, " "))
}

/// A role word (fellow, professor, ...) within the first dozen words of a bio.
fn role_near_start(rest: &str) -> bool {
    let head: Vec<&str> = rest.split_whitespace().take(12).collect();
    BIO_ROLE.is_match(&head.join(" "))
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
    // Blocks before the first and after the last sentence-like paragraph are the
    // "front" and "back" regions where bylines, bios and editorial notes live.
    let first_body = blocks
        .iter()
        .position(|b| is_body_like(text, b))
        .unwrap_or(0);
    let last_body = blocks
        .iter()
        .rposition(|b| is_body_like(text, b) && !BIO.is_match(b.text(text)))
        .unwrap_or(n.saturating_sub(1));
    let title_at = choose_title(text, blocks, first_body);
    // Case `title-then-subtitle`: the heading line right under the title (not a byline, a
    // date or a line of names) is the subtitle.
    let subtitle_at = title_at.map(|t| t + 1).filter(|&j| {
        blocks.get(j).is_some_and(|b| {
            let s = b.text(text);
            j < first_body.max(1)
                && b.kind != BlockKind::ListItem
                && is_heading_like(s)
                && words_exceed(s, 1)
                && !is_front_matter_line(s)
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
    for (i, block) in blocks.iter().enumerate() {
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
        if let Some(c) = BIO.captures(s)
            && (in_margin || is_emphasised(s) || s.trim_start().starts_with('('))
            && is_bio(s)
        {
            let names = bio_names(&c["name"]);
            let in_body = blocks.iter().any(|o| {
                let t = o.text(text);
                o != block
                    && names.iter().any(|n| t.contains(n.as_str()))
                    && ends_sentence(t)
                    && words_exceed(t, 8)
                    && !is_bio(t)
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
        if let Some((_, re, role)) = match_rule(s) {
            match role {
                Role::Drop => {}
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
                    if let Some(c) = re.captures(s.trim())
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
                    if let Some(p) = publisher_in_footer(re, s) {
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
            let is_meta_line = |o: &Block| {
                let t = o.text(text);
                is_byline(t)
                    || matches!(match_rule(t), Some((_, _, Role::DateLine)))
                    || !bare_names(t).is_empty()
            };
            let byline_follows = blocks[i + 1..].iter().take(2).any(is_meta_line);
            let full_header = subtitle_at.is_some() && blocks[..i].iter().any(is_meta_line);
            let more_body = blocks[i + 1..].iter().any(|o| is_body_like(text, o));
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
        let t = format!(
            "## **Time for a Caucus** By Nicole Forrester\n\n*Nicole Forrester [n@x.org] is a resident Fellow at Pacific Forum CSIS. She is a former diplomat.*\n\n{BODY}\n"
        );
        let (m, body) = run(&t);
        assert_eq!(m.title.as_deref(), Some("Time for a Caucus"));
        assert_eq!(m.authors, ["Nicole Forrester"]);
        assert_eq!(body, [BODY]);
    }

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
    fn rule_table_compiles() {
        assert_eq!(RULES.len(), LINE_RULES.len());
    }

    /// Every row catches its own example, and no earlier row steals it.
    #[test]
    fn each_rule_matches_its_example() {
        for r in LINE_RULES {
            let got = match_rule(r.example).map(|(name, _, _)| *name);
            assert_eq!(got, Some(r.name), "example of {}: {:?}", r.name, r.example);
        }
    }

    /// Body sentences (from the seeds and elsewhere) match no rule.
    #[test]
    fn body_sentences_match_no_rule() {
        for s in [
            BODY,
            "The views of the Japanese public on the alliance have shifted since 2012.",
            "On December 29, 2020, the ministers met in Tokyo to discuss the Quad.",
            "Copyright law is not the issue here; the alliance is.",
            "Photo opportunities aside, the summit produced little.",
            "NATO has four partners in the Indo-Pacific: Australia, Japan, South Korea, and New Zealand.",
            "Reuters reported that the talks had stalled over burden sharing and basing rights.",
            "Share the burden, Washington says, or lose the protection.",
            "Reuters reported the talks stalled.",
            "Reporting by the FT suggests the deal is close.",
            "Support our allies, the senator said.",
            "As Trump said:",
            "For now, however, the overseas reaction was tentative:",
            "Japan asked for full access to the base.",
            "AP polls show support for the alliance.",
            "Follow-through on these pledges has been uneven.",
            "(c) expand joint exercises with Japan and Australia.",
            "By contrast, the Quad has no secretariat and no treaty.",
            "The author of the 1951 treaty is widely thought to be John Foster Dulles.",
            "The authors have a point about deterrence in the Pacific.",
            "Editors of national newspapers took a different view.",
        ] {
            assert!(
                match_rule(s).is_none(),
                "{s:?} matched {:?}",
                match_rule(s).map(|r| r.0)
            );
        }
    }

    fn meta_of(text: &str) -> Metadata {
        run(text).0
    }

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
    fn byline_in_capitals() {
        let m = meta_of(&format!("T\n\nBY JANE DOE AND CHEN PING-KUEI\n\n{BODY}"));
        assert_eq!(m.authors, ["Jane Doe", "Chen Ping-Kuei"]);
        assert_eq!(de_shout("O'NEIL"), "O'neil");
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

    #[test]
    fn date_lines() {
        for (line, want) in [
            ("Oct. 2, 2020", "2020-10-02"),
            ("Published: 3 May 2016", "2016-05-03"),
            ("2021-04-09", "2021-04-09"),
            (
                "Updated on Tuesday, June 8, 2021 at 10:30 AM EST",
                "2021-06-08",
            ),
        ] {
            let (m, body) = run(&format!("Title\n\n{line}\n\n{BODY}"));
            assert_eq!(m.date.as_deref(), Some(want), "{line}");
            assert_eq!(body, [BODY], "{line}");
        }
    }

    #[test]
    fn notes_section_is_not_body() {
        let (_, body) = run(&format!(
            "{BODY}\n\nNotes\n\n1. Smith, John. The Alliance. New York: Norton, 2020, a long reference line here.\n\nAnother reference entry that is long enough to look like a sentence of body text.\n"
        ));
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

    /// Page furniture in copy-pasted articles, one per named case: none reaches the body.
    #[test]
    fn page_furniture_is_not_body() {
        let quote = "The alliance structure has served the United States and its allies well";
        let rows: &[(&str, String)] = &[
            (
                "standfirst under title and subtitle",
                format!(
                    "Title Here Today\nA Subtitle Line\nJane Doe\n\nThe deal has faced delays since 2014. Yet cooperation keeps growing.\n\n{BODY}"
                ),
            ),
            (
                "standfirst-describes-piece",
                format!(
                    "Title Here Today\nJane Doe\n\nAn in-depth analysis of the evolving military landscape in the Philippines.\n\n{BODY}"
                ),
            ),
            (
                "pull-quote",
                format!("{BODY}\n\n{quote}\n\n{BODY} Then more."),
            ),
            (
                "run-in label alone",
                format!("{BODY}\n\nA New Strategic Concept:\n"),
            ),
            (
                "time line",
                format!("Remarks Today\n\n5:01 P.M. EDT\n\n{BODY}\n\n5:12 P.M. EDT\n"),
            ),
            (
                "caption pictured",
                format!(
                    "{BODY}\n\nPrime Minister Scott Morrison (pictured) in Canberra on Monday\n"
                ),
            ),
            (
                "caption label",
                format!("{BODY}\n\nPictured: Leaders at the summit in Madrid\n"),
            ),
            (
                "scroll for video",
                format!("{BODY}\n\nScroll down for video\n"),
            ),
            (
                "contacted for comment",
                format!(
                    "{BODY}\n\nDaily Mail Australia has contacted the Department of Defence for comment.\n"
                ),
            ),
            (
                "editor's note",
                format!("Editor’s note: This piece is part of a series.\n\n{BODY}"),
            ),
            (
                "highlights-box",
                format!(
                    "How to Stop the North Korea Madness\n\nStory highlights Writers: the North wants nuclear arms\n\nTalks won't change the situation\n\n{BODY}"
                ),
            ),
            (
                "qa-question-subhead",
                format!("{BODY}\n\nQ: What does Mr. Trump intend for NATO?\n\n{BODY}"),
            ),
        ];
        let furniture = [
            "delays",
            "in-depth",
            "Concept:",
            "P.M.",
            "pictured",
            "Pictured",
            "Scroll",
            "contacted",
            "note",
            "highlights",
            "won't change",
            "Q:",
        ];
        for (case, text) in rows {
            let (_, body) = run(text);
            for b in &body {
                assert!(
                    !furniture.iter().any(|f| b.contains(f)),
                    "{case}: {b:?} in body"
                );
            }
            assert!(
                body.iter().any(|b| b.starts_with("The alliance structure")),
                "{case}: body kept"
            );
            if *case == "pull-quote" {
                assert!(!body.iter().any(|b| b == quote), "pull quote in body");
            }
        }
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

    /// Case `cjk-paragraph`: Chinese and Japanese paragraphs (no spaces, `。`) are body, not
    /// one-word headings; a short CJK heading is still a heading.
    #[test]
    fn cjk_paragraphs_are_body() {
        let a = "日米同盟は地域の安定に六十年以上貢献してきたが、費用の分担については意見が分かれている。";
        let b = "今後も同盟は重要な役割を果たすだろうと多くの専門家は考えている。";
        let (_, body) = run(&format!("同盟の将来\n\n{a}\n\n{b}\n"));
        assert_eq!(body, [a, b]);
        assert!(word_count(a) > 14, "{}", word_count(a));
        assert_eq!(word_count("同盟の将来"), 3);
        assert_eq!(word_count("the Quad at five"), 4);
        assert!(is_heading_like("同盟の将来"));
    }

    /// A run-in label is cut from its paragraph; the rest is body.
    #[test]
    fn run_in_label_and_speaker_label_are_cut_from_the_paragraph() {
        let t = format!(
            "{BODY}\n\nA New Strategic Concept: Allied leaders will endorse a new concept for the alliance.\n"
        );
        let (_, body) = run(&t);
        assert_eq!(
            body[1],
            "Allied leaders will endorse a new concept for the alliance."
        );
        let t = "Remarks by the President\n\nPRIME MINISTER MORRISON: Well, good morning from Australia.\n\nToday we join our nations in a partnership.\n\nPRESIDENT BIDEN: Thank you, Scott. (Laughs.)\n\nPRIME MINISTER MORRISON:\n\n(As interpreted.) Thank you all.\n";
        let blocks = split_blocks(t);
        let (_, body, _) = analyze(t, &blocks, Format::Text);
        let got: Vec<(&str, Option<&str>)> = body
            .iter()
            .map(|b| (b.text(t), b.speaker.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Well, good morning from Australia.",
                    Some("PRIME MINISTER MORRISON")
                ),
                (
                    "Today we join our nations in a partnership.",
                    Some("PRIME MINISTER MORRISON")
                ),
                ("Thank you, Scott.", Some("PRESIDENT BIDEN")),
                ("Thank you all.", Some("PRIME MINISTER MORRISON")),
            ]
        );
    }

    /// A one-off capitalised lead-in (a dateline) is not a speaker label, and a sentence
    /// that repeats only a few words of another is not a pull quote.
    #[test]
    fn datelines_and_loose_repeats_stay_body() {
        let lede = "NEW DELHI: India and Japan agreed on Monday to deepen their defence ties, officials said.";
        let other = "The alliance structure has served allies, partners and friends well enough.";
        let (_, body) = run(&format!("{lede}\n\n{BODY}\n\n{other}\n"));
        assert_eq!(body, [lede, BODY, other]);
    }

    #[test]
    fn labels_are_not_titles() {
        let (m, _) = run(&format!("In Brief\n\n{BODY}"));
        assert_eq!(m.title, None);
    }

    #[test]
    fn about_the_author_section_is_not_body() {
        let (_, body) = run(&format!(
            "{BODY}\n\nAbout the Author\n\nShe is a senior fellow at an institute and has written widely on the politics of alliances in Asia.\n"
        ));
        assert_eq!(body, [BODY]);
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
