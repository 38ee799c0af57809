//! JSON output: one array (`--format json`) or one object per line (`--format jsonl`).

use std::io::Write;

use super::{Sink, io_err};
use crate::error::Result;
use crate::record::Record;

/// Writes `[rec, rec, ...]`.
pub struct JsonArraySink<'a> {
    out: Box<dyn Write + 'a>,
    n: usize,
}

impl<'a> JsonArraySink<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        JsonArraySink { out, n: 0 }
    }
}

impl Sink for JsonArraySink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        let sep = if self.n == 0 { "[\n" } else { ",\n" };
        self.out.write_all(sep.as_bytes()).map_err(io_err)?;
        serde_json::to_writer(&mut self.out, r).map_err(|e| io_err(e.into()))?;
        self.n += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        let end = if self.n == 0 { "[]\n" } else { "\n]\n" };
        self.out.write_all(end.as_bytes()).map_err(io_err)?;
        self.out.flush().map_err(io_err)
    }
}

/// Writes one JSON object per line.
pub struct JsonLinesSink<'a> {
    out: Box<dyn Write + 'a>,
}

impl<'a> JsonLinesSink<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        JsonLinesSink { out }
    }
}

impl Sink for JsonLinesSink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        serde_json::to_writer(&mut self.out, r).map_err(|e| io_err(e.into()))?;
        self.out.write_all(b"\n").map_err(io_err)
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(io_err)
    }
}
