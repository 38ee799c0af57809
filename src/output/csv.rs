//! CSV output for R and pandas: a fixed header, one row per sentence, list fields joined
//! with `;`; with `--wide`, one 0/1 column per theme as well.

use std::io::Write;

use super::{Sink, io_err};
use crate::error::{Error, Result};
use crate::record::Record;

/// The fixed column order.
pub const COLUMNS: &[&str] = &[
    "id",
    "doc_id",
    "path",
    "title",
    "authors",
    "date",
    "publisher",
    "url",
    "paragraph",
    "sentence",
    "start",
    "end",
    "is_claim",
    "hedged",
    "themes",
    "actors",
    "voice",
    "speaker",
    "claim_cues",
    "evidence",
    "text",
];

/// Writes CSV rows.
pub struct CsvSink<'a> {
    w: csv::Writer<Box<dyn Write + 'a>>,
    name: String,
    themes: Vec<String>,
}

fn csv_err(name: &str, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io_err(name, e),
        other => io_err(name, std::io::Error::other(format!("{other:?}"))),
    }
}

impl<'a> CsvSink<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        name: &str,
        themes: &[String],
        wide: bool,
    ) -> Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        let themes: Vec<String> = if wide { themes.to_vec() } else { Vec::new() };
        let header: Vec<String> = COLUMNS
            .iter()
            .map(|s| s.to_string())
            .chain(
                themes
                    .iter()
                    .map(|t| format!("theme_{}", t.replace('-', "_"))),
            )
            .collect();
        w.write_record(&header).map_err(|e| csv_err(name, e))?;
        Ok(CsvSink {
            w,
            name: name.to_string(),
            themes,
        })
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

impl Sink for CsvSink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        let evidence: Vec<String> = r
            .evidence
            .iter()
            .map(|e| format!("{}={}", e.rule, e.matched))
            .collect();
        let mut row = vec![
            r.id.clone(),
            r.doc_id.clone(),
            r.doc.path.clone(),
            opt(&r.doc.title),
            r.doc.authors.join(";"),
            opt(&r.doc.date),
            opt(&r.doc.publisher),
            opt(&r.doc.url),
            r.paragraph.to_string(),
            r.sentence.to_string(),
            r.start.to_string(),
            r.end.to_string(),
            u8::from(r.is_claim).to_string(),
            u8::from(r.hedged).to_string(),
            r.themes.join(";"),
            r.actors.join(";"),
            r.voice.as_str().to_string(),
            opt(&r.speaker),
            r.claim_cues.join(";"),
            evidence.join(";"),
            r.text.clone(),
        ];
        for t in &self.themes {
            row.push(u8::from(r.themes.contains(t)).to_string());
        }
        self.w
            .write_record(&row)
            .map_err(|e| csv_err(&self.name, e))
    }

    fn finish(&mut self) -> Result<()> {
        self.w.flush().map_err(|e| io_err(&self.name, e))
    }
}
