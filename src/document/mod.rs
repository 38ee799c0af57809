//! Stage 1 of the pipeline: turn a file into a [`Document`]: decoded text, metadata with
//! provenance, and the body paragraphs (boilerplate removed) as byte ranges of the file.
//!
//! `read` decodes bytes, `paragraphs` finds the layout blocks, `metadata` and `boilerplate`
//! decide which blocks are title/byline/bio/disclaimer and which are body.

pub mod boilerplate;
pub mod metadata;
pub mod paragraphs;
pub mod read;

use std::path::Path;

pub use metadata::Metadata;
pub use paragraphs::{Block, BlockKind};

use crate::error::Result;

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
    /// Non-fatal problems worth telling the user (lossy decoding, bad front matter, ...).
    pub warnings: Vec<String>,
    /// Problems that make the run exit 2 although the document is indexed.
    pub errors: Vec<String>,
}

/// The sidecar metadata file of a document (`NAME.meta.json` / `NAME.meta.toml`), if any.
pub fn sidecar_path(path: &Path) -> Option<std::path::PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    ["json", "toml"]
        .iter()
        .map(|ext| path.with_file_name(format!("{stem}.meta.{ext}")))
        .find(|p| p.is_file())
}

/// Parse decoded text into a document: metadata and body paragraphs.
pub fn parse(path: &str, text: String, offset_base: usize, format: Format) -> Document {
    let blocks = paragraphs::split_blocks(&text);
    let (meta, body, warnings) = boilerplate::analyze(&text, &blocks, format);
    let body = paragraphs::join_continuations(&text, &body);
    Document {
        path: path.to_string(),
        text,
        offset_base,
        meta,
        body,
        warnings,
        errors: Vec::new(),
    }
}

/// Read and parse one file.
pub fn load(path: &Path, label: &str) -> Result<Document> {
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let decoded = read::read_text(path)?;
    let mut doc = parse(label, decoded.text, decoded.offset_base, format);
    doc.warnings.splice(0..0, decoded.warnings);
    Ok(doc)
}
