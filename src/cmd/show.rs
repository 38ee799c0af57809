//! Stage 5 (output), `argdex show DOC`: a document's metadata (each field with the source it
//! came from), then every body sentence with its paragraph, number, claim mark and themes
//! (wrapped to the terminal; evidence highlighted when colour is on).

use std::io::Write;
use std::path::Path;

use crate::cli::{ShowArgs, Status, SummaryFormat};
use crate::index::reader::Filter;
use crate::output::{style, table};

/// Run `argdex show`.
pub fn run(index: &Path, a: ShowArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let Some(doc) = reader.find_doc(&a.doc)? else {
        anyhow::bail!("no document {:?} in the index (see `argdex docs`)", a.doc);
    };
    let filter = Filter {
        all: true,
        doc_id: Some(doc.doc_id.clone()),
        ..Filter::default()
    };
    let mut sentences = Vec::new();
    reader.for_each(None, &filter, |r| {
        if r.doc.path == doc.path {
            sentences.push(r);
        }
        Ok(())
    })?;
    let mut out = super::stdout();
    match a.format {
        SummaryFormat::Json => {
            let v = serde_json::json!({ "document": doc, "sentences": sentences });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => {
            let mut sink = crate::output::sink(
                crate::output::Format::Csv,
                Box::new(&mut out),
                crate::output::STDOUT,
                &reader.meta.themes,
                false,
            )?;
            for r in &sentences {
                sink.record(r)?;
            }
            sink.finish()?;
        }
        SummaryFormat::Table => {
            let m = &doc.meta;
            let src = |f: &str| {
                m.sources
                    .get(f)
                    .and_then(|s| serde_json::to_value(s).ok())
                    .and_then(|v| v.as_str().map(|s| format!("  [{s}]")))
                    .unwrap_or_default()
            };
            let none = || "-".to_string();
            writeln!(out, "{}  (doc {})", doc.path, doc.doc_id)?;
            writeln!(
                out,
                "  title      {}{}",
                m.title.clone().unwrap_or_else(none),
                src("title")
            )?;
            if let Some(sub) = &m.subtitle {
                writeln!(out, "  subtitle   {sub}{}", src("subtitle"))?;
            }
            let authors = if m.authors.is_empty() {
                none()
            } else {
                m.authors.join("; ")
            };
            writeln!(out, "  authors    {authors}{}", src("authors"))?;
            let precision = match m.date_precision {
                Some(p) if p != crate::document::metadata::DatePrecision::Day => {
                    format!(" ({})", p.as_str())
                }
                _ => String::new(),
            };
            writeln!(
                out,
                "  date       {}{precision}{}",
                m.date.clone().unwrap_or_else(none),
                src("date")
            )?;
            writeln!(
                out,
                "  genre      {}{}",
                m.genre.map_or_else(none, |g| g.as_str().to_string()),
                src("genre")
            )?;
            writeln!(
                out,
                "  publisher  {}{}",
                m.publisher.clone().unwrap_or_else(none),
                src("publisher")
            )?;
            writeln!(
                out,
                "  url        {}{}",
                m.url.clone().unwrap_or_else(none),
                src("url")
            )?;
            if !m.tags.is_empty() {
                writeln!(out, "  tags       {}{}", m.tags.join(", "), src("tags"))?;
            }
            writeln!(
                out,
                "  sentences  {} ({} claims)",
                doc.sentences, doc.claims
            )?;
            let mut para = usize::MAX;
            for r in &sentences {
                if r.paragraph != para {
                    para = r.paragraph;
                    writeln!(out, "\n¶{para}")?;
                }
                let mark = if r.is_claim { "C" } else { " " };
                let prefix = format!("  s{:<4} {mark} ", r.sentence);
                let body = crate::output::highlight::highlight_wrapped(
                    &r.text,
                    &table::evidence_ranges(r),
                    &[],
                    &prefix,
                    crate::output::wrap::cols(&prefix),
                    style::width(),
                    crate::output::wrap::cols(&prefix),
                );
                if r.themes.is_empty() {
                    writeln!(out, "{body}")?;
                } else {
                    let themes = format!("[{}]", r.themes.join(", "));
                    let indent = crate::output::wrap::cols(&prefix);
                    let width = style::width();
                    let last =
                        crate::output::wrap::wrap_ranges(&r.text, width.saturating_sub(indent), 0)
                            .last()
                            .map_or(0, |&(s, e)| crate::output::wrap::cols(&r.text[s..e]));
                    let sep = if indent + last + 2 + crate::output::wrap::cols(&themes) <= width {
                        "  ".to_string()
                    } else {
                        format!("\n{}", " ".repeat(indent))
                    };
                    let themes = style::paint(&themes, style::Style::Theme);
                    writeln!(out, "{body}{sep}{themes}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(Status::Found)
}
