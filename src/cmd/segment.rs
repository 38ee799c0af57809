//! `argdex segment [FILE|-]`: the sentences of a text exactly as ingest cuts them (same
//! layout and sentence rules; no metadata or boilerplate removal), one per line or JSONL.

use std::io::{Read, Write};

use anyhow::Context;

use crate::cli::{SegmentArgs, SegmentFormat, Status};
use crate::pipeline;

/// Run `argdex segment`.
pub fn run(a: SegmentArgs) -> anyhow::Result<Status> {
    let (label, bytes) = match a.file.as_deref() {
        None => ("<stdin>".to_string(), read_stdin()?),
        Some(p) if p.as_os_str() == "-" => ("<stdin>".to_string(), read_stdin()?),
        Some(p) => (
            p.display().to_string(),
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
    };
    let decoded = match crate::document::read::decode(std::path::Path::new(&label), &bytes) {
        Ok(d) => d,
        Err(crate::Error::BadInput { reason, .. }) if reason.starts_with("empty") => {
            return Ok(Status::NoMatch);
        }
        Err(e) => return Err(e.into()),
    };
    for w in &decoded.warnings {
        crate::note!("argdex: warning: {w}");
    }
    let sentences = pipeline::segment_text(&decoded.text);
    let mut out = super::stdout();
    for s in &sentences {
        match a.format {
            SegmentFormat::Text => writeln!(out, "{}", s.text)?,
            SegmentFormat::Jsonl => {
                let v = serde_json::json!({
                    "text": s.text,
                    "start": s.start + decoded.offset_base,
                    "end": s.end + decoded.offset_base,
                    "paragraph": s.paragraph,
                });
                writeln!(out, "{v}")?;
            }
        }
    }
    out.flush()?;
    Ok(if sentences.is_empty() {
        Status::NoMatch
    } else {
        Status::Found
    })
}

fn read_stdin() -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .context("cannot read standard input")?;
    Ok(buf)
}
