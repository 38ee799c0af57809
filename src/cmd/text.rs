//! `argdex text FILE...`: what argdex reads from a file, before sentences are cut (stage 1
//! output): the metadata lines, then the body paragraphs in reading order, headings written
//! `## Heading` and list items `- item`: the body paragraphs after boilerplate removal
//! (what the pipeline cuts into sentences) and the headings and list items between them;
//! for HTML, out of the extracted article text. The same
//! `document::load` as ingest, so a user can check a page before ingesting it.
//! `--format jsonl` gives one object per file (`scripts/aeb` scores it).

use std::io::Write;

use serde_json::{Value, json};

use crate::cli::{Status, TextArgs, TextFormat};
use crate::document::metadata::DatePrecision;
use crate::document::{self, Block, BlockKind, Document, Metadata, paragraphs};

/// Run `argdex text`.
pub fn run(a: TextArgs) -> anyhow::Result<Status> {
    let mut out = super::stdout();
    let mut failed = false;
    let mut first = true;
    for path in &a.files {
        let label = path.display().to_string();
        let doc = match document::load(path, &label) {
            Ok(d) => d,
            Err(e) => {
                // Report and go on: the other files are still printed.
                out.flush()?;
                eprintln!("argdex: {label}: {e}");
                failed = true;
                continue;
            }
        };
        for w in &doc.warnings {
            eprintln!("argdex: warning: {w}");
        }
        match a.format {
            TextFormat::Text => {
                if !first {
                    writeln!(out)?;
                }
                write_text(&mut out, &doc)?;
            }
            TextFormat::Jsonl => writeln!(out, "{}", record(&doc))?,
        }
        first = false;
    }
    out.flush()?;
    Ok(if failed {
        Status::Problems
    } else {
        Status::Found
    })
}

/// The body as text: one paragraph per block, blank lines between them, with the headings
/// and list items that lie inside the body (layout blocks the boilerplate rules do not
/// keep as sentences, but which a reader sees as part of the text).
pub fn body_text(doc: &Document) -> String {
    let (Some(first), Some(last)) = (doc.body.first(), doc.body.last()) else {
        return String::new();
    };
    let (lo, hi) = (first.start, last.end);
    let overlaps_body = |b: &Block| doc.body.iter().any(|k| k.start < b.end && b.start < k.end);
    let layout = paragraphs::split_blocks(&doc.text);
    let mut blocks: Vec<&Block> = doc.body.iter().collect();
    blocks.extend(layout.iter().filter(|b| {
        b.kind != BlockKind::Paragraph && lo <= b.start && b.end <= hi && !overlaps_body(b)
    }));
    blocks.sort_by_key(|b| b.start);
    let mut s = String::new();
    for b in blocks {
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(match b.kind {
            BlockKind::Heading => "## ",
            BlockKind::ListItem => "- ",
            BlockKind::Paragraph => "",
        });
        s.push_str(b.text(&doc.text).trim());
    }
    s
}

/// Precision of the date: what the metadata recorded, else read off the ISO form
/// (`YYYY-MM-DD` day, `YYYY-MM` month, `YYYY` year).
pub fn date_precision(meta: &Metadata) -> Option<&'static str> {
    meta.date_precision
        .or_else(|| meta.date.as_deref().and_then(DatePrecision::of))
        .map(DatePrecision::as_str)
}

/// The genre of the document (detected, or from front matter or a sidecar).
pub fn genre(meta: &Metadata) -> Option<&'static str> {
    meta.genre.map(|g| g.as_str())
}

fn record(doc: &Document) -> Value {
    let m = &doc.meta;
    json!({
        "path": doc.path,
        "title": m.title,
        "authors": m.authors,
        "date": m.date,
        "date_precision": date_precision(m),
        "publisher": m.publisher,
        "url": m.url,
        "genre": genre(m),
        "subtitle": m.subtitle,
        "text": body_text(doc),
    })
}

fn write_text(out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
    let m = &doc.meta;
    let none = "-".to_string();
    writeln!(out, "path: {}", doc.path)?;
    writeln!(out, "title: {}", m.title.as_ref().unwrap_or(&none))?;
    let authors = if m.authors.is_empty() {
        none.clone()
    } else {
        m.authors.join("; ")
    };
    writeln!(out, "authors: {authors}")?;
    match (&m.date, date_precision(m)) {
        (Some(d), Some(p)) => writeln!(out, "date: {d} ({p})")?,
        (Some(d), None) => writeln!(out, "date: {d}")?,
        _ => writeln!(out, "date: {none}")?,
    }
    writeln!(out, "publisher: {}", m.publisher.as_ref().unwrap_or(&none))?;
    writeln!(out, "url: {}", m.url.as_ref().unwrap_or(&none))?;
    writeln!(out, "genre: {}", genre(m).unwrap_or("-"))?;
    if let Some(sub) = &m.subtitle {
        writeln!(out, "subtitle: {sub}")?;
    }
    writeln!(out)?;
    let body = body_text(doc);
    if !body.is_empty() {
        writeln!(out, "{body}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_from_date_length() {
        for (date, want) in [
            (Some("2020-10-02"), Some("day")),
            (Some("2020-10"), Some("month")),
            (Some("2020"), Some("year")),
            (None, None),
        ] {
            let m = Metadata {
                date: date.map(String::from),
                ..Metadata::default()
            };
            assert_eq!(date_precision(&m), want, "{date:?}");
        }
    }
}
