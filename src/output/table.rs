//! Stage 5 (output), terminal: each hit as its themes and the sentence (wrapped to the
//! terminal, query words and evidence highlighted when colour is on), then a dim citation
//! line (`Surname, "Title", date, ¶P sS, path:start-end`, `page.html#text:start-end` for
//! offsets into a page's extracted text); grouped views print a header
//! with the group's count before its hits.

use std::io::Write;

use super::style::{self, Style, paint};
use super::{Sink, io_err};
use crate::error::Result;
use crate::record::Record;

/// Surname of a full name: the last word, except for East Asian names written surname first
/// with a hyphenated given name ("Chen Ping-kuei" → "Chen").
pub fn surname(name: &str) -> &str {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => name,
        [one] => one,
        [first, .., last] => {
            let east_asian = last
                .split_once('-')
                .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase));
            if east_asian { first } else { last }
        }
    }
}

/// Short author list of surnames: "A", "A and B", "A et al.".
pub fn authors_short(authors: &[String]) -> String {
    match authors {
        [] => "(no author)".to_string(),
        [a] => surname(a).to_string(),
        [a, b] => format!("{} and {}", surname(a), surname(b)),
        [a, ..] => format!("{} et al.", surname(a)),
    }
}

/// The citation of a record: `Surname, "Title", date, ¶P sS, path:start-end`. For HTML
/// pages the offsets index the extracted text, not the file: `page.html#text:921-1071`.
pub fn citation(r: &Record) -> String {
    let mut parts = vec![authors_short(&r.doc.authors)];
    if let Some(t) = &r.doc.title {
        parts.push(format!("\"{t}\""));
    }
    if let Some(d) = &r.doc.date {
        parts.push(d.clone());
    }
    parts.push(format!("¶{} s{}", r.paragraph, r.sentence));
    let html = crate::document::Format::from_path(std::path::Path::new(&r.doc.path))
        == Some(crate::document::Format::Html);
    let sep = if html { "#text:" } else { ":" };
    parts.push(format!("{}{sep}{}-{}", r.doc.path, r.start, r.end));
    parts.join(", ")
}

/// Byte ranges of a record's theme evidence inside its text.
pub fn evidence_ranges(r: &Record) -> Vec<(usize, usize)> {
    r.evidence.iter().map(|e| (e.start, e.end)).collect()
}

/// Write one hit: themes and the sentence (wrapped, query words and evidence
/// highlighted), then the citation on its own dim line.
pub fn write_hit(out: &mut dyn Write, r: &Record, stems: &[String]) -> std::io::Result<()> {
    let tags = if r.themes.is_empty() {
        String::new()
    } else {
        format!("[{}] ", r.themes.join(", "))
    };
    let who = match (r.voice, r.speaker.as_deref()) {
        (crate::voice::Voice::Author, _) => String::new(),
        (v, Some(s)) => format!("({} {s}) ", v.as_str()),
        (v, None) => format!("({}) ", v.as_str()),
    };
    let mark = if r.is_claim {
        String::new()
    } else if who.is_empty() {
        "(not a claim) ".to_string()
    } else {
        who
    };
    let prefix = format!("{}{}", paint(&tags, Style::Theme), paint(&mark, Style::Dim));
    let cols = crate::output::wrap::cols(&tags) + crate::output::wrap::cols(&mark);
    for c in &r.context_before {
        write_context(out, c)?;
    }
    let q = crate::output::highlight::query_ranges(&r.text, stems);
    let body = crate::output::highlight::highlight_wrapped(
        &r.text,
        &evidence_ranges(r),
        &q,
        &prefix,
        cols,
        style::width(),
        2,
    );
    writeln!(out, "{body}")?;
    for c in &r.context_after {
        write_context(out, c)?;
    }
    writeln!(out, "    {}", paint(&citation(r), Style::Dim))?;
    writeln!(out)
}

/// A context sentence (`--context N`): dim, after a `┆` bar, wrapped like a hit.
fn write_context(out: &mut dyn Write, c: &crate::record::ContextSentence) -> std::io::Result<()> {
    let body =
        crate::output::highlight::highlight_wrapped(&c.text, &[], &[], "┆ ", 2, style::width(), 2);
    for line in body.lines() {
        writeln!(out, "{}", paint(line, Style::Dim))?;
    }
    Ok(())
}

/// Streams hits as readable text.
pub struct TableSink<'a> {
    out: Box<dyn Write + 'a>,
    name: String,
    stems: Vec<String>,
}

impl<'a> TableSink<'a> {
    pub fn new(out: Box<dyn Write + 'a>, name: &str) -> Self {
        TableSink {
            out,
            name: name.to_string(),
            stems: Vec::new(),
        }
    }

    /// Highlight the words of this query in each hit.
    pub fn with_query(mut self, text: &str) -> Self {
        self.stems = crate::output::highlight::query_stems(text);
        self
    }
}

impl Sink for TableSink<'_> {
    fn record(&mut self, r: &Record) -> Result<()> {
        write_hit(&mut self.out, r, &self.stems).map_err(|e| io_err(&self.name, e))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| io_err(&self.name, e))
    }
}

/// A group of hits for [`write_groups`]: its key, the hits shown, and how many matched.
pub struct Group<'a> {
    pub key: String,
    pub hits: Vec<&'a Record>,
    pub total: usize,
}

/// Print groups of hits, each under a `== key (n claims) ==` header (`shown of n` when
/// the group was cut to `--per-group`).
pub fn write_groups(
    out: &mut dyn Write,
    groups: &[Group<'_>],
    noun: &str,
    stems: &[String],
) -> std::io::Result<()> {
    for g in groups {
        let plural = if g.total == 1 { "" } else { "s" };
        let header = if g.hits.len() < g.total {
            format!(
                "== {} ({} of {} {noun}{plural}) ==",
                g.key,
                g.hits.len(),
                g.total
            )
        } else {
            format!("== {} ({} {noun}{plural}) ==", g.key, g.total)
        };
        writeln!(out, "{}", paint(&header, Style::Header))?;
        writeln!(out)?;
        for r in &g.hits {
            write_hit(out, r, stems)?;
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
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| crate::output::wrap::cols(h))
        .collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(crate::output::wrap::cols(cell));
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
                crate::output::wrap::pad(c, w, !numeric.get(i).copied().unwrap_or(false))
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

/// A count matrix as a heat table: one row per group, one column per theme (each count
/// followed by a shade `░▒▓█` relative to the largest cell), then the row total.
pub fn write_heat(
    out: &mut dyn Write,
    first: &str,
    themes: &[String],
    rows: &[(String, Vec<usize>, usize)],
) -> std::io::Result<()> {
    let max = rows
        .iter()
        .flat_map(|(_, c, _)| c.iter().copied())
        .max()
        .unwrap_or(0);
    let gw = rows
        .iter()
        .map(|(g, _, _)| crate::output::wrap::cols(g))
        .chain(std::iter::once(crate::output::wrap::cols(first)))
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| {
            rows.iter()
                .map(|(_, c, _)| c.get(i).copied().unwrap_or(0).to_string().len() + 2)
                .chain(std::iter::once(crate::output::wrap::cols(t)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut line = crate::output::wrap::pad(first, gw, true);
    for (t, w) in themes.iter().zip(&widths) {
        line.push_str("  ");
        line.push_str(&crate::output::wrap::pad(t, *w, false));
    }
    line.push_str("  claims");
    writeln!(out, "{}", paint(&line, Style::Header))?;
    for (g, counts, total) in rows {
        let mut line = crate::output::wrap::pad(g, gw, true);
        for (i, w) in widths.iter().enumerate() {
            let n = counts.get(i).copied().unwrap_or(0);
            let sh = style::shade(n, max);
            let cell = format!("{n} {sh}");
            let pad = w.saturating_sub(crate::output::wrap::cols(&cell));
            line.push_str("  ");
            line.push_str(&" ".repeat(pad));
            if n == 0 {
                line.push_str(&paint(&cell, Style::Dim));
            } else {
                line.push_str(&format!("{n} {}", paint(&sh.to_string(), Style::Theme)));
            }
        }
        line.push_str(&format!("  {total:>6}"));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let header = vec!["title".to_string(), "n".to_string()];
        let rows = vec![
            vec!["日本の防衛".to_string(), "3".to_string()],
            vec!["Cafe\u{301}".to_string(), "12".to_string()],
            vec!["plain".to_string(), "7".to_string()],
        ];
        let mut out = Vec::new();
        write_columns(&mut out, &header, &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "title        n",
                "日本の防衛   3",
                "Cafe\u{301}        12",
                "plain        7"
            ]
        );
        for l in &lines {
            assert_eq!(crate::output::wrap::cols(l), 14, "{l:?}");
        }
    }
}
