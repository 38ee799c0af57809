//! Stage 1, boilerplate: page furniture inside the article. Pull quotes (a block that
//! repeats most of a sentence of a longer one), transcript speaker labels and stage
//! directions, run-in labels, highlights boxes and standfirsts that describe the piece.

use std::sync::LazyLock;

use regex::Regex;

use super::Block;
use super::words::word_count;

/// Case `standfirst-describes-piece`: a dek that describes the piece rather than argues
/// (`An in-depth analysis of ...`, `This article examines ...`).
pub(super) static DESCRIBES_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)^[\W_]*(?:(?:an?|this|the)\s+(?:[\w-]+\s+){0,2}(?:analysis|look|overview|examination|exploration|assessment|commentary|article|essay|paper|report|piece|guide|explainer|primer)\s+(?:of|at|on|into|examines|explores|looks|argues|assesses|considers|discusses)\b|in this (?:article|commentary|essay|paper|piece|report)\b)",
    )
});

/// A transcript speaker label at the start of a paragraph: `PRIME MINISTER MORRISON:`,
/// `PRESIDENT BIDEN:`, `MR. SMITH:`. Capitals only, so `The answer:` never matches.
pub(super) static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?P<label>(?P<role>(?:PRESIDENT|VICE PRESIDENT|PRIME MINISTER|DEPUTY PRIME MINISTER|SECRETARY|MINISTER|SENATOR|AMBASSADOR|GENERAL|ADMIRAL|CHAIRMAN|CHAIR|SPEAKER|GOVERNOR|MODERATOR|MR|MS|MRS|DR)\.?\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})\s*:(?:\s+|$)",
    )
});

/// Stage directions in transcripts: `(Laughs.)`, `(As interpreted.)`, `(Inaudible.)`.
pub(super) static STAGE_DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(concat!(
        r"(?i)\((?:",
        super::rules::stage_directions!(),
        r")\.?\)"
    ))
});

/// Case `run-in-label`: a title-cased label opening a paragraph (`A New Strategic Concept:
/// Allied leaders will ...`); the label is furniture, the rest is body.
pub(super) static RUN_IN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"^(?P<label>[A-Z][\w’'-]*(?:\s+[\w’'&,/-]+){1,7})\s*:\s+[A-Z“\x22]")
});

/// The opening of a highlights box: `Story highlights`, `Key points`.
pub(super) static HIGHLIGHTS: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) fn pull_quotes(text: &str, blocks: &[Block]) -> Vec<bool> {
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
pub(super) fn speaker_labels(text: &str, blocks: &[Block]) -> std::collections::HashSet<String> {
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

#[cfg(test)]
mod tests {
    use crate::document::Format;
    use crate::document::boilerplate::analyze;
    use crate::document::boilerplate::testing::{BODY, run};
    use crate::document::paragraphs::split_blocks;

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
}
