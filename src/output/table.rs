//! Terminal output: each hit as its themes, the sentence, and a citation line
//! (`Authors, "Title", date, ¶P sS, path:start-end`); grouped views print a header with
//! the group's count before its hits.

use std::io::Write;

use super::{Sink, io_err};
use crate::error::Result;
use crate::record::Record;

/// Short author list: "A", "A and B", "A et al.".
pub fn authors_short(authors: &[String]) -> String {
    match authors {
        [] => "(no author)".to_string(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, ..] => format!("{a} et al."),
    }
}

/// The citation of a record.
pub fn citation(r: &Record) -> String {
    let mut parts = vec![authors_short(&r.authors)];
    if let Some(t) = &r.title {
        parts.push(format!("\"{t}\""));
    }
    if let Some(d) = &r.date {
        parts.push(d.clone());
    }
    parts.push(format!("¶{} s{}", r.paragraph, r.sentence));
    parts.push(format!("{}:{}-{}", r.path, r.start, r.end));
    parts.join(", ")
}

/// Write one hit.
pub fn write_hit(out: &mut dyn Write, r: &Record) -> std::io::Result<()> {
    let tags = if r.themes.is_empty() {
        String::new()
    } else {
        format!("[{}] ", r.themes.join(", "))
    };
    let mark = if r.is_claim { "" } else { "(not a claim) " };
    writeln!(out, "{tags}{mark}{}", r.text)?;
    writeln!(out, "    {}", citation(r))?;
    writeln!(out)
}

/// Streams hits as readable text.
pub struct TableSink<'a> {
    out: Box<dyn Write + 'a>,
}

impl<'a> TableSink<'a> {
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        TableSink { out }
    }
}

impl Sink for TableSink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        write_hit(&mut self.out, r).map_err(io_err)
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(io_err)
    }
}

/// Print groups of hits, each under a `== key (n) ==` header.
pub fn write_groups(
    out: &mut dyn Write,
    groups: &[(String, Vec<&Record>)],
    noun: &str,
) -> std::io::Result<()> {
    for (key, hits) in groups {
        let plural = if hits.len() == 1 { "" } else { "s" };
        writeln!(out, "== {key} ({} {noun}{plural}) ==", hits.len())?;
        writeln!(out)?;
        for r in hits {
            write_hit(out, r)?;
        }
    }
    out.flush()
}

/// Render rows as aligned columns: numeric columns right-aligned, the others left-aligned.
pub fn write_columns(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let numeric: Vec<bool> = (0..widths.len())
        .map(|i| {
            !rows.is_empty()
                && rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(|c| c.parse::<f64>().is_ok()))
        })
        .collect();
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let w = widths.get(i).copied().unwrap_or(0);
                if numeric.get(i).copied().unwrap_or(false) {
                    format!("{c:>w$}")
                } else {
                    format!("{c:<w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}
