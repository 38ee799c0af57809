//! Stage 1 of the pipeline: turn a file into a [`Document`]: decoded text, metadata with
//! provenance, and the body paragraphs (boilerplate removed) as byte ranges of the file.
//!
//! `read` decodes bytes; `frontmatter` (YAML/TOML header) or `html` (page → text and
//! `<meta>` fields) runs next; `paragraphs` finds the layout blocks; `metadata` and
//! `boilerplate` decide which blocks are title/byline/bio/disclaimer and which are body;
//! `sidecar` (`NAME.meta.json`/`.toml`) is applied last in [`load`].
//!
//! Precedence of metadata sources: sidecar > front matter > HTML `<meta>` > line rules.
//! Offsets: for `.txt`/`.md`, `text[b.start..b.end]` plus `offset_base` are exact byte
//! offsets in the file (front matter included in the count). For HTML, `text` is the
//! extracted article text and offsets index into it, not into the file.

pub mod boilerplate;
pub mod fields;
pub mod frontmatter;
pub mod genre;
pub mod html;
pub mod metadata;
pub mod notes;
pub mod paragraphs;
pub mod read;
pub mod sidecar;

use std::path::Path;

pub use sidecar::sidecar_path;

pub use metadata::Metadata;
pub use paragraphs::{Block, BlockKind};

use crate::error::{Error, Result};

/// The kind of input file, chosen from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format for a path, or `None` when argdex does not read that kind of file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A parsed document: everything later stages need, with no further file access.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given at ingest.
    pub path: String,
    /// The decoded text. Offsets in `body` index into this string; add `offset_base`
    /// to get byte offsets in the file (non-zero after a UTF-8 byte-order mark).
    pub text: String,
    pub offset_base: usize,
    pub meta: Metadata,
    /// Body paragraphs in reading order (boilerplate and metadata lines removed).
    pub body: Vec<Block>,
    /// Non-fatal problems worth telling the user (lossy decoding, unknown dates, ...).
    pub warnings: Vec<String>,
    /// Problems that must make the run exit 2 although the document is still indexed:
    /// malformed front matter or sidecar, as `file:line: message`.
    pub errors: Vec<String>,
}

/// Parse decoded text into a document: metadata and body paragraphs. `path` names the file
/// in warnings and errors. Sidecars are not read here (see [`load`]).
pub fn parse(path: &str, text: String, offset_base: usize, format: Format) -> Document {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let (text, offset_base, structured, source, body_start) = match format {
        Format::Html => {
            let x = html::extract(&text);
            if x.text.trim().is_empty() {
                warnings.push(format!("{path}: no article text found in the page"));
            }
            (x.text, 0, Some(x.fields), metadata::Source::HtmlMeta, 0)
        }
        Format::Text | Format::Markdown => match frontmatter::split(&text) {
            Some(fm) => {
                errors.extend(fm.errors.iter().map(|(l, m)| format!("{path}:{l}: {m}")));
                warnings.extend(fm.warnings.iter().map(|(l, m)| format!("{path}:{l}: {m}")));
                let start = fm.body_start.min(text.len());
                (
                    text,
                    offset_base,
                    Some(fm.fields),
                    metadata::Source::FrontMatter,
                    start,
                )
            }
            None => (text, offset_base, None, metadata::Source::FrontMatter, 0),
        },
    };
    let blocks = blocks_from(&text, body_start);
    let (mut meta, body, rule_warnings) = boilerplate::analyze(&text, &blocks, format);
    warnings.extend(rule_warnings);
    detect_genre(&text, &body, &mut meta);
    if let Some(f) = structured {
        f.apply(&mut meta, source);
    }
    if meta.date.is_none()
        && let Some(date) = date_in_file_name(path)
    {
        meta.set_date(&date, metadata::Source::Filename);
    }
    meta.finish();
    let body = paragraphs::join_continuations(&text, &body);
    Document {
        path: path.to_string(),
        text,
        offset_base,
        meta,
        body,
        warnings,
        errors,
    }
}

/// Set the detected genre (the weakest source: front matter and sidecars override it).
fn detect_genre(text: &str, body: &[Block], meta: &mut Metadata) {
    let paragraphs: Vec<&str> = body.iter().map(|b| b.text(text)).collect();
    let mut turns = 0;
    let mut last: Option<&str> = None;
    for b in body {
        if b.speaker.as_deref().is_some_and(|s| last != Some(s)) {
            turns += 1;
        }
        last = b.speaker.as_deref();
    }
    let signed = matches!(
        meta.sources.get("authors"),
        Some(metadata::Source::Byline | metadata::Source::Bio)
    );
    let (genre, _) = genre::detect(&genre::Input {
        title: meta.title.as_deref(),
        paragraphs: &paragraphs,
        signed,
        speaker_paragraphs: turns,
    });
    meta.set_genre(genre, metadata::Source::Detected);
}

/// An ISO date in the file name (`2020-10-02-quad.txt`, `20201002_quad.md`), used only
/// when nothing in the document gives a date.
fn date_in_file_name(path: &str) -> Option<String> {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::static_regex(
            r"(?:^|[^0-9A-Za-z])((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:[^0-9A-Za-z]|$)",
        )
    });
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let c = RE.captures(name)?;
    metadata::iso_date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// Layout blocks of `text[start..]`, with ranges and line numbers of the whole text.
fn blocks_from(text: &str, start: usize) -> Vec<Block> {
    if start == 0 || !text.is_char_boundary(start) {
        return paragraphs::split_blocks(text);
    }
    let line_base = text[..start].matches('\n').count() + text[..start].matches('\r').count()
        - text[..start].matches("\r\n").count();
    paragraphs::split_blocks(&text[start..])
        .into_iter()
        .map(|mut b| {
            b.start += start;
            b.end += start;
            b.line += line_base;
            b
        })
        .collect()
}

/// Read and parse one file, then apply its sidecar (`NAME.meta.json` / `NAME.meta.toml`).
pub fn load(path: &Path, label: &str) -> Result<Document> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    load_bytes(path, label, &bytes)
}

/// [`load`] for a file whose bytes were already read (ingest hashes them first): decode,
/// parse, then apply the sidecar found beside `path`.
pub fn load_bytes(path: &Path, label: &str, bytes: &[u8]) -> Result<Document> {
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let decoded = read::decode(path, bytes)?;
    let mut doc = parse(label, decoded.text, decoded.offset_base, format);
    doc.warnings.splice(0..0, decoded.warnings);
    if let Some(sc_path) = sidecar_path(path) {
        let sc = sidecar::read(&sc_path);
        let name = sc_path.display();
        doc.errors
            .extend(sc.errors.iter().map(|(l, m)| format!("{name}:{l}: {m}")));
        doc.warnings
            .extend(sc.warnings.iter().map(|(l, m)| format!("{name}:{l}: {m}")));
        sc.fields.apply(&mut doc.meta, metadata::Source::Sidecar);
        doc.meta.finish();
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_from_file_name_only_as_fallback() {
        assert_eq!(
            date_in_file_name("dir/2020-10-02-quad.txt").as_deref(),
            Some("2020-10-02")
        );
        assert_eq!(
            date_in_file_name("20201002_quad.md").as_deref(),
            Some("2020-10-02")
        );
        assert_eq!(date_in_file_name("corpus/000_1755b4fa4269550b.txt"), None);
        assert_eq!(date_in_file_name("2020-13-45.txt"), None);
        assert_eq!(date_in_file_name("00_ab20201002cd.txt"), None);
        let d = parse(
            "2019-01-01-x.txt",
            "Oct. 2, 2020\n\nBody text here.".into(),
            0,
            Format::Text,
        );
        assert_eq!(d.meta.date.as_deref(), Some("2020-10-02"));
        let d = parse(
            "2019-01-01-x.txt",
            "Body text here.".into(),
            0,
            Format::Text,
        );
        assert_eq!(d.meta.date.as_deref(), Some("2019-01-01"));
        assert_eq!(d.meta.sources["date"], metadata::Source::Filename);
    }

    #[test]
    fn front_matter_problems_name_file_and_line() {
        let t = "---\ntitle: T\ndate: someday\nauthors: {a: 1}\n---\nBody text here.\n";
        let d = parse("a.md", t.to_string(), 0, Format::Markdown);
        assert_eq!(
            d.errors,
            ["a.md:4: front matter: `authors`: expected a string or a list of strings"]
        );
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].starts_with("a.md:3: "), "{:?}", d.warnings);
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        assert_eq!(d.body.len(), 1);
    }

    #[test]
    fn html_offsets_index_extracted_text() {
        let d = parse(
            "a.html",
            "<p>One sentence here.</p><p>Another one.</p>".into(),
            3,
            Format::Html,
        );
        assert_eq!(d.offset_base, 0);
        assert_eq!(d.text, "One sentence here.\n\nAnother one.\n");
        assert_eq!(d.body.len(), 2);
    }
}
