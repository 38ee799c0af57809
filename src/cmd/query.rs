//! `argdex query [TEXT]`: BM25 search with exact filters; table, JSON, JSONL or CSV;
//! `--by author|theme|doc|date` groups hits under headers with counts.

use std::io::Write;
use std::path::Path;

use crate::cli::{GroupBy, QueryArgs, Status};
use crate::output::{self, Format, Sink, table};
use crate::record::Record;

/// Group keys of a record (a record with two authors is listed under both).
fn keys(r: &Record, by: GroupBy) -> Vec<String> {
    match by {
        GroupBy::Author if r.authors.is_empty() => vec!["(no author)".into()],
        GroupBy::Author => r.authors.clone(),
        GroupBy::Theme if r.themes.is_empty() => vec!["(no theme)".into()],
        GroupBy::Theme => r.themes.clone(),
        GroupBy::Doc => vec![match &r.title {
            Some(t) => format!("{t} ({})", r.path),
            None => r.path.clone(),
        }],
        GroupBy::Date => vec![r.date.clone().unwrap_or_else(|| "(no date)".into())],
    }
}

/// Group records, largest group first, then by key.
pub fn group(records: &[Record], by: GroupBy) -> Vec<(String, Vec<&Record>)> {
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in records {
        for k in keys(r, by) {
            match groups.iter_mut().find(|(g, _)| *g == k) {
                Some((_, v)) => v.push(r),
                None => groups.push((k, vec![r])),
            }
        }
    }
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// Run `argdex query`.
pub fn run(index: &Path, a: QueryArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let filter = super::filter_from(&reader, &a.filter)?;
    let text = a.text.join(" ");
    let text = (!text.trim().is_empty()).then_some(text.as_str());
    let hits = reader.search(text, &filter, a.limit)?;
    if hits.is_empty() {
        crate::note!(
            "argdex: no matching {}",
            if a.filter.all { "sentences" } else { "claims" }
        );
        return Ok(Status::NoMatch);
    }
    let mut out = super::stdout();
    // In the terminal table, say when `--limit` cut the list short (after the list).
    let total = if a.format == Format::Table && hits.len() >= a.limit {
        reader.count(text, &filter)?
    } else {
        hits.len()
    };
    match (a.by, a.format) {
        (Some(by), Format::Table) => {
            let noun = if a.filter.all { "sentence" } else { "claim" };
            let stems = crate::output::style::query_stems(text.unwrap_or(""));
            table::write_groups(&mut out, &group(&hits, by), noun, &stems)?;
        }
        (_, Format::Table) => {
            let mut sink = table::TableSink::new(Box::new(&mut out), output::STDOUT)
                .with_query(text.unwrap_or(""));
            for r in &hits {
                sink.record(r)?;
            }
            sink.finish()?;
        }
        (_, format) => {
            let mut sink = output::sink(
                format,
                Box::new(&mut out),
                output::STDOUT,
                &reader.meta.themes,
                false,
            )?;
            for r in &hits {
                sink.record(r)?;
            }
            sink.finish()?;
        }
    }
    out.flush()?;
    if total > hits.len() {
        crate::note!(
            "argdex: showing {} of {total} matching {}; raise --limit (-n) to see more",
            hits.len(),
            if a.filter.all { "sentences" } else { "claims" }
        );
    }
    Ok(Status::Found)
}
