//! JSON output: one array (`--format json`) or one object per line (`--format jsonl`).

use std::io::Write;

use super::{Sink, io_err};
use crate::error::Result;
use crate::record::Record;

/// Writes `[rec, rec, ...]`.
pub struct JsonArraySink<'a> {
    out: Box<dyn Write + 'a>,
    name: String,
    n: usize,
}

impl<'a> JsonArraySink<'a> {
    pub fn new(out: Box<dyn Write + 'a>, name: &str) -> Self {
        JsonArraySink {
            out,
            name: name.to_string(),
            n: 0,
        }
    }
}

impl Sink for JsonArraySink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        let sep = if self.n == 0 { "[\n" } else { ",\n" };
        self.out
            .write_all(sep.as_bytes())
            .map_err(|e| io_err(&self.name, e))?;
        serde_json::to_writer(&mut self.out, r).map_err(|e| io_err(&self.name, e.into()))?;
        self.n += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        let end = if self.n == 0 { "[]\n" } else { "\n]\n" };
        self.out
            .write_all(end.as_bytes())
            .map_err(|e| io_err(&self.name, e))?;
        self.out.flush().map_err(|e| io_err(&self.name, e))
    }
}

/// Writes one JSON object per line.
pub struct JsonLinesSink<'a> {
    out: Box<dyn Write + 'a>,
    name: String,
}

impl<'a> JsonLinesSink<'a> {
    pub fn new(out: Box<dyn Write + 'a>, name: &str) -> Self {
        JsonLinesSink {
            out,
            name: name.to_string(),
        }
    }
}

impl Sink for JsonLinesSink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        serde_json::to_writer(&mut self.out, r).map_err(|e| io_err(&self.name, e.into()))?;
        self.out.write_all(b"\n").map_err(|e| io_err(&self.name, e))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| io_err(&self.name, e))
    }
}
