//! Layout: split decoded text into blocks (paragraphs, headings, list items) as byte ranges,
//! and re-join paragraphs that a blank line broke in the middle of a sentence.
//!
//! Place in the pipeline: stage 1 (layout), before `segment` (stage 2, sentences).
//! `pipeline::segment_text` runs `split_blocks` → `join_continuations` →
//! `segment::split_sentences` per block; ingest does the same with boilerplate removal
//! (`boilerplate/`) in between.
//!
//! Blocks end at blank lines and at single newlines (one paragraph per line), except where a
//! line is hard-wrapped: the next line starts in lower case after a line that does not end a
//! sentence, or the document as a whole is hard-wrapped (see `wrap_width`) and the previous
//! line was full. Short lines without terminal punctuation (headings, captions) followed by
//! a capitalised line stay blocks of their own. Markdown heading markers and list markers
//! are outside the block's range, so they never reach sentence text — except in an inline
//! enumeration (`1. A 2. B` on one line), whose markers are text.

use serde::Serialize;

/// What a block looks like on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
}

/// A block of text: `text[start..end]`, trimmed, markers excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// 1-based line number of `start`.
    pub line: usize,
    /// The speaker label a transcript paragraph opened with (`PRIME MINISTER MORRISON`),
    /// removed from the range by boilerplate; later paragraphs of the same turn carry it too.
    pub speaker: Option<String>,
}

impl Block {
    /// The block's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// A line of the input: byte range without its terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    number: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut number = 1;
    while i < bytes.len() {
        i = next_line_break(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        match b {
            b'\n' => {
                out.push(Line {
                    start,
                    end: i,
                    number,
                });
                i += 1;
                start = i;
                number += 1;
            }
            b'\r' => {
                out.push(Line {
                    start,
                    end: i,
                    number,
                });
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
                number += 1;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            start,
            end: bytes.len(),
            number,
        });
    }
    out
}

/// The index of the first `\n` or `\r` at or after `from`, or `bytes.len()`. Lines can be
/// whole speeches: blocks of 16 bytes without either are passed over at once (a check
/// without early exits, which the compiler does on all 16 bytes together).
fn next_line_break(bytes: &[u8], from: usize) -> usize {
    let is_break = |b: u8| b == b'\n' || b == b'\r';
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 16) {
        if chunk.iter().fold(false, |any, &b| any | is_break(b)) {
            break;
        }
        i += 16;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| is_break(b)))
        .map_or(bytes.len(), |k| i + k)
}

/// Trim whitespace (including no-break spaces) from a byte range of `text`.
pub fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Markers that open a line but are not part of its text: `## `, `- `, `* `, `1. `, `(a) `.
fn strip_marker(line: &str) -> (usize, BlockKind) {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    // Inline enumeration (`1. The first item 2. The second item`): the markers are part of
    // the text and the sentence splitter cuts the items (golden 31-39).
    if crate::segment::is_inline_enumeration(trimmed) {
        return (lead, BlockKind::Paragraph);
    }
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
        let rest = &trimmed[hashes..];
        return (
            lead + hashes + (rest.len() - rest.trim_start().len()),
            BlockKind::Heading,
        );
    }
    for bullet in ["- ", "* ", "+ ", "• ", "– "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return (
                lead + bullet.len() + (rest.len() - rest.trim_start().len()),
                BlockKind::ListItem,
            );
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &trimmed[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") "))
            && rest[2..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
        {
            let after = &rest[2..];
            return (
                lead + digits + 2 + (after.len() - after.trim_start().len()),
                BlockKind::ListItem,
            );
        }
    }
    (lead, BlockKind::Paragraph)
}

/// True when a piece of text ends a sentence (terminal punctuation, maybe behind quotes
/// or closing emphasis/brackets).
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_' | '»' | '」' | '』' | '）'
            )
    });
    // CJK full stops and marks (`。！？`, full-width `．`, half-width `｡`) end sentences too.
    t.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '．', '｡'])
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Length of a line in characters.
fn char_len(s: &str) -> usize {
    s.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}

/// Lines longer than this are never the product of hard wrapping.
const MAX_WRAP: usize = 120;

/// The wrap width of a hard-wrapped document (e-mail, press release, PDF extract: lines of
/// ~70 characters that break mid-sentence), or `None` for one paragraph per line.
///
/// The document is hard-wrapped when long lines are rare, and among the "full" lines
/// (at least 60% of the widest) that are followed by another line, at least half do not end
/// a sentence, a third of those before a lower-case word. Test `layouts::hard_wrapped_*` vs `layouts::one_paragraph_per_line`.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    // A line of more than `4 * MAX_WRAP` bytes has more than `MAX_WRAP` characters (four
    // bytes at most each): it counts as long whatever its length, which is not counted.
    let lens: Vec<usize> = lines
        .iter()
        .map(|l| {
            let line = text[l.start..l.end].trim_end();
            if line.len() > 4 * MAX_WRAP {
                MAX_WRAP + 1
            } else {
                char_len(line)
            }
        })
        .collect();
    let non_blank = lens.iter().filter(|&&n| n > 0).count();
    let long = lens.iter().filter(|&&n| n > MAX_WRAP).count();
    if non_blank < 3 || long * 10 > non_blank {
        return None;
    }
    let width = lens.iter().copied().filter(|&n| n <= MAX_WRAP).max()?;
    if width < 40 {
        return None;
    }
    let (mut full_pairs, mut open_pairs, mut lower_pairs) = (0, 0, 0);
    for k in 0..lines.len().saturating_sub(1) {
        if lens[k] * 10 >= width * 6 && lens[k + 1] > 0 {
            full_pairs += 1;
            if !ends_sentence(&text[lines[k].start..lines[k].end]) {
                open_pairs += 1;
                if starts_lowercase(&text[lines[k + 1].start..lines[k + 1].end]) {
                    lower_pairs += 1;
                }
            }
        }
    }
    // Mid-sentence breaks are mostly followed by a lower-case word; a run of captions or
    // headings over capitalised lines is not wrapping (test `layouts::heading_like_lines`).
    (full_pairs >= 2
        && open_pairs * 2 >= full_pairs
        && lower_pairs * 3 >= open_pairs
        && lower_pairs > 0)
        .then_some(width)
}

/// Split text into blocks.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let lines = lines(text);
    let width = wrap_width(text, &lines);
    // Was the previous line "full" in a hard-wrapped document (broken by the wrapper, not
    // by the author)?
    let mut prev_full = false;
    for line in &lines {
        let raw = &text[line.start..line.end];
        if raw.trim().is_empty() {
            if let Some(b) = open.take() {
                blocks.push(b);
            }
            prev_full = false;
            continue;
        }
        let full = width.is_some_and(|w| char_len(raw.trim_end()) * 10 >= w * 6);
        let (skip, kind) = strip_marker(raw);
        let (start, end) = trim_range(text, line.start + skip, line.end);
        if start == end {
            prev_full = false;
            continue;
        }
        // A hard-wrapped line continues the open paragraph or list item when it has no
        // marker of its own and either the previous line was full in a hard-wrapped
        // document (test `layouts::hard_wrapped_*`), or the block does not end a sentence
        // and this line starts in lower case (test `layouts::wrapped_lowercase_continuation`).
        // A short line without terminal punctuation followed by a capitalised line
        // (heading, caption) stays its own block (test `layouts::heading_like_lines`).
        if let Some(b) = open.as_mut()
            && kind == BlockKind::Paragraph
            && b.kind != BlockKind::Heading
            && (prev_full || (!ends_sentence(b.text(text)) && starts_lowercase(&text[start..end])))
        {
            b.end = end;
            prev_full = full;
            continue;
        }
        if let Some(b) = open.take() {
            blocks.push(b);
        }
        prev_full = full && kind != BlockKind::Heading;
        open = Some(Block {
            start,
            end,
            kind,
            line: line.number,
            speaker: None,
        });
    }
    if let Some(b) = open {
        blocks.push(b);
    }
    blocks
}

/// Join body paragraphs broken mid-sentence: a paragraph that ends without terminal
/// punctuation, followed (across blank lines only) by one starting in lower case.
pub fn join_continuations(text: &str, blocks: &[Block]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            let gap_is_blank = prev.end <= b.start && text[prev.end..b.start].trim().is_empty();
            if gap_is_blank
                && prev.kind == BlockKind::Paragraph
                && b.kind == BlockKind::Paragraph
                && !ends_sentence(prev.text(text))
                && starts_lowercase(b.text(text))
            {
                prev.end = b.end;
                continue;
            }
        }
        out.push(b.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_blocks(text).iter().map(|b| b.text(text)).collect()
    }

    #[test]
    fn blank_lines_and_single_newlines_split() {
        assert_eq!(texts("One.\n\nTwo.\nThree."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn markers_are_outside_blocks() {
        let t = "## **Title**\n- $3 billion for ships.\n1. We have convened.";
        assert_eq!(
            texts(t),
            ["**Title**", "$3 billion for ships.", "We have convened."]
        );
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let t = "The alliance has served the region\nwell for decades.\nNext one.";
        assert_eq!(
            texts(t),
            [
                "The alliance has served the region\nwell for decades.",
                "Next one."
            ]
        );
    }

    #[test]
    fn continuation_across_blank_line() {
        let t = "peaceful and prosperous\n\ndevelopment of the region.";
        let b = join_continuations(t, &split_blocks(t));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text(t), t);
    }

    #[test]
    fn crlf_offsets_exact() {
        let t = "One.\r\n\r\nTwo.\rThree.";
        assert_eq!(texts(t), ["One.", "Two.", "Three."]);
    }

    /// Real-world layouts through the one segmentation path (`pipeline::segment_text`):
    /// table-driven, one named test per layout.
    mod layouts {
        fn sentences(t: &str) -> Vec<String> {
            crate::pipeline::segment_text(t)
                .into_iter()
                .map(|s| s.text)
                .collect()
        }

        fn check(cases: &[(&str, &str, &[&str])]) {
            for (name, input, want) in cases {
                assert_eq!(sentences(input), *want, "case {name}");
            }
        }

        const WRAPPED: &str = "The alliance between Tokyo and Washington has served both\n\
countries well for more than seven decades. Yet the security\n\
environment in the region has changed beyond recognition, and\n\
the old hub-and-spoke model is straining under the weight.\n\
\n\
Critics argue that a formal collective defence pact would only\n\
provoke Beijing. Supporters counter that deterrence requires\n\
clarity, and that ambiguity invites miscalculation by all sides.\n";

        #[test]
        fn hard_wrapped_email() {
            check(&[(
                "email-70",
                WRAPPED,
                &[
                    "The alliance between Tokyo and Washington has served both countries well for more than seven decades.",
                    "Yet the security environment in the region has changed beyond recognition, and the old hub-and-spoke model is straining under the weight.",
                    "Critics argue that a formal collective defence pact would only provoke Beijing.",
                    "Supporters counter that deterrence requires clarity, and that ambiguity invites miscalculation by all sides.",
                ],
            )]);
            let blocks = super::split_blocks(WRAPPED);
            assert_eq!(blocks.len(), 2, "two wrapped paragraphs");
        }

        #[test]
        fn hard_wrapped_press_release_with_heading() {
            let t = "MANILA PRESS BRIEFING\n\n\
WASHINGTON — The State Department today announced a new package of\n\
security assistance for the Philippines worth $80.5 million. The package\n\
includes patrol boats, radar systems, and training for the Philippine\n\
Coast Guard.\n\n\
Background\n\
The United States and the Philippines signed their Mutual Defense\n\
Treaty in 1951.\n";
            check(&[(
                "press-release",
                t,
                &[
                    "MANILA PRESS BRIEFING",
                    "WASHINGTON — The State Department today announced a new package of security assistance for the Philippines worth $80.5 million.",
                    "The package includes patrol boats, radar systems, and training for the Philippine Coast Guard.",
                    "Background",
                    "The United States and the Philippines signed their Mutual Defense Treaty in 1951.",
                ],
            )]);
            assert_eq!(super::split_blocks(t).len(), 4);
        }

        #[test]
        fn hard_wrapped_crlf_press_release() {
            let t = WRAPPED.replace('\n', "\r\n");
            let got = crate::pipeline::segment_text(&t);
            assert_eq!(got.len(), 4);
            for s in &got {
                assert_eq!(crate::segment::collapse_ws(&t[s.start..s.end]), s.text);
            }
            assert!(t[got[1].start..got[1].end].starts_with("Yet the security\r\nenvironment"));
        }

        #[test]
        fn one_paragraph_per_line() {
            let t = "Russia's war against Ukraine has alarmed democracies in the Pacific as well as in the Atlantic.\n\
For decades the two theatres were separate. That gap is now closing fast, officials say.\n\
NATO has four partners in the Indo-Pacific: Australia, Japan, South Korea, and New Zealand.\n";
            assert_eq!(super::split_blocks(t).len(), 3);
            check(&[(
                "per-line",
                t,
                &[
                    "Russia's war against Ukraine has alarmed democracies in the Pacific as well as in the Atlantic.",
                    "For decades the two theatres were separate.",
                    "That gap is now closing fast, officials say.",
                    "NATO has four partners in the Indo-Pacific: Australia, Japan, South Korea, and New Zealand.",
                ],
            )]);
        }

        #[test]
        fn short_paragraph_per_line_is_not_wrapped() {
            let t = "The Quad met in Tokyo on Monday.\nLeaders pledged new money for maritime security.\nThe next summit is in New Delhi.\nNo date has been set yet.\n";
            assert_eq!(super::split_blocks(t).len(), 4);
        }

        #[test]
        fn wrapped_lowercase_continuation() {
            check(&[(
                "lower",
                "The alliance has served the region\nwell for decades.\nNext one.",
                &[
                    "The alliance has served the region well for decades.",
                    "Next one.",
                ],
            )]);
        }

        #[test]
        fn broken_mid_sentence_across_blank_line() {
            check(&[(
                "blank-break",
                "It aims at the peaceful and prosperous\n\ndevelopment of the region. Others disagree.",
                &[
                    "It aims at the peaceful and prosperous development of the region.",
                    "Others disagree.",
                ],
            )]);
        }

        #[test]
        fn numbered_paragraphs() {
            check(&[(
                "numbered",
                "1. We have convened the leaders of four democracies.\n2. We agree to meet again. We will.\n10) Done.",
                &[
                    "We have convened the leaders of four democracies.",
                    "We agree to meet again.",
                    "We will.",
                    "Done.",
                ],
            )]);
        }

        #[test]
        fn bullets() {
            check(&[(
                "bullets",
                "- $3 billion for new frigates.\n* A joint exercise in 2025.\n• Shared radar data.\n+ More drills",
                &[
                    "$3 billion for new frigates.",
                    "A joint exercise in 2025.",
                    "Shared radar data.",
                    "More drills",
                ],
            )]);
        }

        #[test]
        fn inline_enumeration_keeps_markers() {
            check(&[(
                "inline",
                "1. The first item 2. The second item",
                &["1. The first item", "2. The second item"],
            )]);
        }

        #[test]
        fn markdown_headings_and_emphasis() {
            check(&[(
                "markdown",
                "## **Time for a Caucus**\n\n**BOTTOM LINE:** Allies must talk. They rarely do.\n### Why now\nBecause *China* is rising.",
                &[
                    "**Time for a Caucus**",
                    "**BOTTOM LINE:** Allies must talk.",
                    "They rarely do.",
                    "Why now",
                    "Because *China* is rising.",
                ],
            )]);
        }

        #[test]
        fn heading_like_lines() {
            check(&[(
                "heading-caption",
                "Scroll down for video\nThe minister arrived in Canberra on Tuesday.\nPrime Minister Albanese and President Biden in Washington\nThe two leaders spoke for an hour.",
                &[
                    "Scroll down for video",
                    "The minister arrived in Canberra on Tuesday.",
                    "Prime Minister Albanese and President Biden in Washington",
                    "The two leaders spoke for an hour.",
                ],
            )]);
        }

        #[test]
        fn lone_cr_line_endings() {
            let t = "First para.\rSecond para.\r\rThird para.";
            let got = crate::pipeline::segment_text(t);
            let texts: Vec<&str> = got.iter().map(|s| &t[s.start..s.end]).collect();
            assert_eq!(texts, ["First para.", "Second para.", "Third para."]);
            assert_eq!((got[2].start, got[2].end), (26, 37));
        }
    }

    /// Property test over the whole path (`pipeline::segment_text`): for deterministic
    /// generated documents, spans are in bounds, on char boundaries, ordered and
    /// non-overlapping, and the only non-whitespace characters left out are line-start
    /// list or heading markers.
    #[test]
    fn property_pipeline_loses_only_markers() {
        const FRAGMENTS: &[&str] = &[
            "The U.S.",
            "alliance",
            "Mr.",
            "said",
            "\"Why?\"",
            "“No.”",
            " ",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            ".",
            "...",
            ". . .",
            "…",
            "!",
            "1. ",
            "2) ",
            "a. ",
            "• ",
            "- ",
            "* ",
            "## ",
            "**",
            "¥7.9 trn.",
            "Ph.D.",
            "北約",
            "é",
            "\u{a0}",
            "’",
            "🙂",
            "NATO",
            "quad",
            "etc.",
            "peaceful and",
            "development",
            "No. 16",
            "⁃9. ",
            "(Smith 55).",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 33) as usize
        };
        for _ in 0..400 {
            let n = 1 + next() % 40;
            let mut t = String::new();
            for _ in 0..n {
                t.push_str(FRAGMENTS[next() % FRAGMENTS.len()]);
                if next() % 3 == 0 {
                    t.push(' ');
                }
            }
            let sents = crate::pipeline::segment_text(&t);
            let mut covered = vec![false; t.len()];
            let mut prev = 0;
            for s in &sents {
                assert!(s.start < s.end && s.end <= t.len(), "{t:?}");
                assert!(s.start >= prev, "overlap in {t:?}");
                assert!(
                    t.is_char_boundary(s.start) && t.is_char_boundary(s.end),
                    "{t:?}"
                );
                covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
                prev = s.end;
            }
            for (i, c) in t.char_indices() {
                if c.is_whitespace() || covered[i] {
                    continue;
                }
                let line_start = t[..i].rfind(['\n', '\r']).map_or(0, |p| p + 1);
                let prefix = &t[line_start..i + c.len_utf8()];
                assert!(
                    prefix
                        .chars()
                        .all(|c| c.is_whitespace() || c.is_ascii_digit() || "#-*+•–.)".contains(c)),
                    "lost {c:?} at {i} in {t:?}"
                );
            }
        }
    }
}
