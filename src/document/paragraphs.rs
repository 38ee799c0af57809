//! Layout: split decoded text into blocks (paragraphs, headings, list items) as byte ranges,
//! and re-join paragraphs that a blank line broke in the middle of a sentence.
//!
//! Blocks end at blank lines and at single newlines (one paragraph per line), except where a
//! line is hard-wrapped (the next line continues the sentence). Markdown heading markers and
//! list markers are outside the block's range, so they never reach sentence text.

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
        match bytes[i] {
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
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_' | '»')
    });
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Split text into blocks.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    for line in lines(text) {
        let raw = &text[line.start..line.end];
        if raw.trim().is_empty() {
            if let Some(b) = open.take() {
                blocks.push(b);
            }
            continue;
        }
        let (skip, kind) = strip_marker(raw);
        let (start, end) = trim_range(text, line.start + skip, line.end);
        if start == end {
            continue;
        }
        // A hard-wrapped line continues the open paragraph when that paragraph does not
        // end a sentence and this line starts in lower case with no marker of its own.
        if let Some(b) = open.as_mut() {
            if kind == BlockKind::Paragraph
                && b.kind != BlockKind::Heading
                && !ends_sentence(b.text(text))
                && starts_lowercase(&text[start..end])
            {
                b.end = end;
                continue;
            }
        }
        if let Some(b) = open.take() {
            blocks.push(b);
        }
        open = Some(Block {
            start,
            end,
            kind,
            line: line.number,
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
}
