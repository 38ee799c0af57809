//! `argdex docs`: every indexed document with id, authors, date, genre, title, publisher, counts
//! of sentences and claims, its status and every path that holds its content.

use std::io::Write;
use std::path::Path;

use crate::cli::{DocsArgs, Status, SummaryFormat};
use crate::output::table::write_columns;

/// Run `argdex docs`.
pub fn run(index: &Path, a: DocsArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let docs = reader.docs()?;
    if docs.is_empty() {
        crate::note!("argdex: the index is empty");
        return Ok(Status::NoMatch);
    }
    let mut out = super::stdout();
    let row = |d: &crate::index::DocRecord| -> Vec<String> {
        let paths = d.paths();
        vec![
            d.doc_id.clone(),
            d.meta.authors.join("; "),
            d.meta.date.clone().unwrap_or_default(),
            d.meta
                .genre
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            d.meta.title.clone().unwrap_or_default(),
            d.meta.publisher.clone().unwrap_or_default(),
            d.sentences.to_string(),
            d.claims.to_string(),
            status(d),
            paths.join("; "),
        ]
    };
    let header = [
        "id",
        "authors",
        "date",
        "genre",
        "title",
        "publisher",
        "sentences",
        "claims",
        "status",
        "paths",
    ];
    match a.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &docs)?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(header)?;
            for d in &docs {
                w.write_record(row(d))?;
            }
            w.flush()?;
        }
        SummaryFormat::Table => {
            let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
            let rows: Vec<Vec<String>> = docs
                .iter()
                .map(|d| {
                    let mut r = row(d);
                    r[4] = crate::output::wrap::truncate(&r[4], 40);
                    r
                })
                .collect();
            write_columns(&mut out, &header, &rows)?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}

/// `ok`, `N copies` (one content under several paths), `missing` (no file left on disk:
/// `argdex ingest --prune` or `argdex remove` takes it out), `N warnings`.
fn status(d: &crate::index::DocRecord) -> String {
    let files = d.files();
    let present = files.iter().filter(|f| Path::new(&f.key).exists()).count();
    let mut parts = Vec::new();
    if present == 0 {
        parts.push("missing".to_string());
    } else if present < files.len() {
        parts.push(format!("{} missing", files.len() - present));
    }
    if files.len() > 1 {
        parts.push(format!("{} copies", files.len()));
    }
    if !d.warnings.is_empty() {
        parts.push(format!("{} warnings", d.warnings.len()));
    }
    if parts.is_empty() {
        "ok".to_string()
    } else {
        parts.join(", ")
    }
}
