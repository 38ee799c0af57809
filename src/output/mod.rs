//! Stage 5 of the pipeline: output. Records go to a [`Sink`] chosen by `--format`:
//! a readable terminal table, one JSON array, JSON lines, or CSV with a fixed header.

pub mod csv;
pub mod json;
pub mod qdc;
pub mod style;
pub mod table;

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::Record;

/// Output formats for records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// Something that receives records one by one.
pub trait Sink {
    fn record(&mut self, r: &Record) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

/// Map a write error to the library error (broken pipes are recognised by the binary).
pub fn io_err(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// Create the sink for a format. `themes` lists the codebook's themes (for `--wide` CSV).
pub fn sink<'a>(
    format: Format,
    out: Box<dyn Write + 'a>,
    themes: &[String],
    wide: bool,
) -> Result<Box<dyn Sink + 'a>> {
    Ok(match format {
        Format::Table => Box::new(table::TableSink::new(out)),
        Format::Json => Box::new(json::JsonArraySink::new(out)),
        Format::Jsonl => Box::new(json::JsonLinesSink::new(out)),
        Format::Csv => Box::new(csv::CsvSink::new(out, themes, wide)?),
    })
}
