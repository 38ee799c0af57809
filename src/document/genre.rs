//! Genre (stage 1, after boilerplate): what kind of text a document is, `opinion`, `news`,
//! `statement`, `transcript` or `other`, from its layout and wording. The cue table
//! `CUES` is data: each row names the layout or wording case it stands for, the genre it
//! votes for and its weight. Front matter or a sidecar key `genre` overrides the result
//! (`Source` ranks: detected is the weakest).
//!
//! Decision, in order: speaker labels on several paragraphs => transcript; a statement
//! heading or several first-person-plural commitments => statement; a dateline or a high
//! density of reporting verbs (`said`, `told`) => news; a byline, a bio or an opinion
//! kicker, or the author's own voice => opinion; else other.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// The kind of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Genre {
    Opinion,
    News,
    Statement,
    Transcript,
    Other,
}

impl Genre {
    pub const ALL: [Genre; 5] = [
        Genre::Opinion,
        Genre::News,
        Genre::Statement,
        Genre::Transcript,
        Genre::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Opinion => "opinion",
            Genre::News => "news",
            Genre::Statement => "statement",
            Genre::Transcript => "transcript",
            Genre::Other => "other",
        }
    }

    /// Parse a genre name (case-insensitive; a few common synonyms such as `op-ed`,
    /// `speech` or `press release` are accepted).
    pub fn parse(s: &str) -> Option<Genre> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "opinion" | "op-ed" | "oped" | "commentary" | "analysis" | "editorial" | "column"
            | "blog" | "essay" => Genre::Opinion,
            "news" | "report" | "news report" | "article" => Genre::News,
            "statement" | "fact sheet" | "factsheet" | "press release" | "communique"
            | "joint statement" | "declaration" => Genre::Statement,
            "transcript" | "speech" | "remarks" | "interview" => Genre::Transcript,
            "other" => Genre::Other,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Genre {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a cue looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The title (and subtitle).
    Title,
    /// The start of each body paragraph; counts paragraphs that match.
    ParagraphStart,
    /// The opening of the first body paragraph only.
    Lede,
    /// The whole body; counts matches.
    Body,
}

/// One row of the cue table: `min` matches in `scope` give `weight` to `genre`.
struct Cue {
    /// The layout or wording case the row stands for.
    name: &'static str,
    genre: Genre,
    scope: Scope,
    pattern: &'static str,
    /// Matches needed before the cue counts.
    min: usize,
    weight: f32,
}

const CUES: &[Cue] = &[
    Cue {
        name: "transcript-speaker-labels",
        genre: Genre::Transcript,
        scope: Scope::ParagraphStart,
        pattern: r"^(?:(?:PRESIDENT|PRIME MINISTER|SECRETARY|MINISTER|SENATOR|AMBASSADOR|GENERAL|MR|MS|MRS|DR)\.?\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}\s*:\s",
        min: 3,
        weight: 3.0,
    },
    Cue {
        name: "transcript-remarks-title",
        genre: Genre::Transcript,
        scope: Scope::Title,
        pattern: r"(?i)^(remarks|transcript|interview|press (conference|briefing)|q&a)\b",
        min: 1,
        weight: 1.5,
    },
    Cue {
        name: "statement-heading",
        genre: Genre::Statement,
        scope: Scope::Title,
        pattern: r"(?i)\b(fact sheet|joint (leaders[’']? )?statement|joint declaration|communiqu[eé]|press release|readout|leaders[’']? (statement|declaration)|vision statement)\b",
        min: 1,
        weight: 3.0,
    },
    Cue {
        name: "statement-plural-commitments",
        genre: Genre::Statement,
        scope: Scope::Body,
        pattern: r"\b(?:We|The (?:leaders|ministers|parties|participants|allies|two sides|four countries|three countries)|(?:Allied )?[Ll]eaders)(?: also| further| strongly| again)? (?:reaffirm|affirm|commit|pledge|reiterate|resolve|welcome|condemn|endorse|announce|will (?:endorse|launch|announce|commit|establish|adopt|deepen|strengthen|continue))(?:s|ed)?\b",
        min: 3,
        weight: 2.0,
    },
    Cue {
        name: "news-dateline",
        genre: Genre::News,
        scope: Scope::Lede,
        pattern: r"^(?:[A-Z][A-Z.'’ -]{2,30}(?:,\s+[A-Z][\w.]+)*\s*(?:\([\w .]+\))?\s*[-—–]+\s|\([A-Z][\w .]+\)\s*[-—–]+\s)",
        min: 1,
        weight: 2.0,
    },
    Cue {
        name: "opinion-kicker",
        genre: Genre::Opinion,
        scope: Scope::Title,
        pattern: r"(?i)^(opinion|commentary|op-ed|analysis|editorial|perspective|viewpoint)\b",
        min: 1,
        weight: 2.0,
    },
    Cue {
        name: "opinion-first-person",
        genre: Genre::Opinion,
        scope: Scope::Body,
        pattern: r"\b(?:I (?:think|believe|argue|would|expect|suspect|doubt|fear|contend|have no doubt)|(?:[Ii]n )?my (?:view|opinion)|this (?:commentary|article|essay|piece) argues|[Ww]e (?:should|must|need to|ought to))\b",
        min: 1,
        weight: 1.0,
    },
];

static COMPILED: LazyLock<Vec<(Regex, &'static Cue)>> = LazyLock::new(|| {
    CUES.iter()
        .map(|c| (crate::static_regex(c.pattern), c))
        .collect()
});

/// Reporting verbs: their density per sentence tells a news report.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"\b(?:said|says|told|added|according to|stated|noted|announced)\b")
});

/// Share of sentences with a reporting verb above which a text reads as a report.
const NEWS_SAID_SHARE: f32 = 0.2;
/// Weight of the reporting-verb density cue.
const NEWS_SAID_WEIGHT: f32 = 2.0;
/// Weight of a byline or bio (a signed piece) for opinion.
const SIGNED_WEIGHT: f32 = 1.5;
/// The least score a genre needs; below it the text is `other`.
const MIN_SCORE: f32 = 1.0;

/// What the detector reads: the title, the body paragraphs, whether the piece is signed
/// (a byline or a bio gave authors) and how many paragraphs had a speaker label removed.
pub struct Input<'a> {
    pub title: Option<&'a str>,
    pub paragraphs: &'a [&'a str],
    pub signed: bool,
    pub speaker_paragraphs: usize,
}

/// The number of `.`, `?` and `!` in `p`, read as bytes (the marks are ASCII, and no byte
/// of another character equals one): a paragraph can be a whole speech.
fn stops(p: &str) -> usize {
    crate::ascii::count(p.as_bytes(), |b| (b == b'.') | (b == b'?') | (b == b'!'))
}

/// The genre of a document and the cues that decided it.
pub fn detect(input: &Input<'_>) -> (Genre, Vec<&'static str>) {
    let mut scores = [0f32; 5];
    let mut fired = Vec::new();
    let slot = |g: Genre| Genre::ALL.iter().position(|x| *x == g).unwrap_or(4);
    for (re, cue) in COMPILED.iter() {
        let count = match cue.scope {
            Scope::Title => usize::from(input.title.is_some_and(|t| re.is_match(t.trim()))),
            Scope::ParagraphStart => {
                let labelled = input
                    .paragraphs
                    .iter()
                    .filter(|p| re.is_match(p.trim_start()))
                    .count();
                if cue.genre == Genre::Transcript {
                    labelled + input.speaker_paragraphs
                } else {
                    labelled
                }
            }
            Scope::Lede => usize::from(
                input
                    .paragraphs
                    .first()
                    .is_some_and(|p| re.is_match(p.trim_start())),
            ),
            Scope::Body => input
                .paragraphs
                .iter()
                .map(|p| re.find_iter(p).count())
                .sum(),
        };
        if count >= cue.min {
            scores[slot(cue.genre)] += cue.weight;
            fired.push(cue.name);
        }
    }
    let sentences: usize = input.paragraphs.iter().map(|p| stops(p).max(1)).sum();
    let said: usize = input
        .paragraphs
        .iter()
        .map(|p| REPORTING.find_iter(p).count())
        .sum();
    if sentences >= 5 && said as f32 / sentences as f32 >= NEWS_SAID_SHARE {
        scores[slot(Genre::News)] += NEWS_SAID_WEIGHT;
        fired.push("news-reporting-verbs");
    }
    if input.signed {
        scores[slot(Genre::Opinion)] += SIGNED_WEIGHT;
        fired.push("opinion-signed");
    }
    // Precedence on ties follows `Genre::ALL` reversed (transcript, statement, news, opinion).
    let order = [
        Genre::Transcript,
        Genre::Statement,
        Genre::News,
        Genre::Opinion,
    ];
    let best = order
        .iter()
        .copied()
        .fold(None::<(Genre, f32)>, |acc, g| {
            let s = scores[slot(g)];
            match acc {
                Some((_, b)) if b >= s => acc,
                _ => Some((g, s)),
            }
        })
        .filter(|(_, s)| *s >= MIN_SCORE)
        .map_or(Genre::Other, |(g, _)| g);
    (best, fired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn genre(title: &str, paragraphs: &[&str], signed: bool, speakers: usize) -> Genre {
        detect(&Input {
            title: Some(title),
            paragraphs,
            signed,
            speaker_paragraphs: speakers,
        })
        .0
    }

    const OPINION: &[&str] = &[
        "The alliance has served both countries well for seven decades.",
        "I believe Washington should ask more of its partners, not less.",
        "Burden-sharing is a political question before it is a budget question.",
    ];

    #[test]
    fn cue_table_compiles_and_names_are_unique() {
        assert_eq!(COMPILED.len(), CUES.len());
        let mut names: Vec<_> = CUES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CUES.len());
    }

    #[test]
    fn genres_by_case() {
        // (case, title, paragraphs, signed, speaker paragraphs, expected)
        let news = [
            "TOKYO (Reuters) - Japan and South Korea agreed on Thursday to expand drills.",
            "The agreement was signed in Tokyo, officials said.",
            "\"We are closer than ever,\" the minister told reporters.",
            "He added that the talks would continue next month.",
            "A spokesman said the United States welcomed the move.",
        ];
        let statement = [
            "We reaffirm our commitment to a free and open Indo-Pacific.",
            "We welcome the progress made by the working groups.",
            "The leaders affirmed their support for ASEAN centrality.",
        ];
        let transcript = [
            "PRESIDENT BIDEN: Welcome to Delaware.",
            "PRIME MINISTER KISHIDA: Thank you, Joe.",
            "PRESIDENT BIDEN: Let me begin.",
        ];
        // (case, title, paragraphs, byline, speaker paragraphs, expected genre)
        type Case<'a> = (&'a str, &'a str, &'a [&'a str], bool, usize, Genre);
        let cases: &[Case] = &[
            (
                "signed op-ed",
                "Time for a Caucus",
                OPINION,
                true,
                0,
                Genre::Opinion,
            ),
            (
                "dateline and said",
                "Allies expand drills",
                &news,
                true,
                0,
                Genre::News,
            ),
            (
                "joint statement heading",
                "Joint Statement of the Quad Leaders",
                OPINION,
                false,
                0,
                Genre::Statement,
            ),
            (
                "plural commitments",
                "Quad Summit",
                &statement,
                false,
                0,
                Genre::Statement,
            ),
            (
                "speaker labels in text",
                "Remarks",
                &transcript,
                false,
                0,
                Genre::Transcript,
            ),
            (
                "speaker labels removed by boilerplate",
                "Remarks by the President",
                &["Welcome.", "Thank you."],
                false,
                3,
                Genre::Transcript,
            ),
            (
                "opinion kicker",
                "Opinion: Japan steps up",
                &["The alliance is changing."],
                false,
                0,
                Genre::Opinion,
            ),
            (
                "nothing to go on",
                "Notes",
                &["A list of meetings held in 2020."],
                false,
                0,
                Genre::Other,
            ),
        ];
        for (case, title, paragraphs, signed, speakers, want) in cases {
            assert_eq!(
                genre(title, paragraphs, *signed, *speakers),
                *want,
                "{case}"
            );
        }
    }

    /// A Q&A layout inside a news analysis (`Q: What does ...?`) is not a transcript.
    #[test]
    fn question_labels_are_not_speakers() {
        let p = [
            "Q: What does Mr. Trump intend for NATO?",
            "He has spoken about the alliance in cavalier tones, officials said.",
            "Q: What about Russia?",
        ];
        assert_ne!(genre("What's in store", &p, true, 0), Genre::Transcript);
    }

    #[test]
    fn stops_counts_marks() {
        for p in [
            "",
            "One.",
            "Why? Now! Done... “Fine.” 北約。 a.b?c!d",
            &"x. ".repeat(40),
        ] {
            assert_eq!(stops(p), p.matches(['.', '?', '!']).count(), "{p}");
        }
    }

    #[test]
    fn parse_names_and_synonyms() {
        for g in Genre::ALL {
            assert_eq!(Genre::parse(g.as_str()), Some(g));
        }
        assert_eq!(Genre::parse("Op-Ed"), Some(Genre::Opinion));
        assert_eq!(Genre::parse("speech"), Some(Genre::Transcript));
        assert_eq!(Genre::parse("poem"), None);
    }
}
