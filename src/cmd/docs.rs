//! `argdex docs`: every indexed document with id, authors, date, title, publisher and
//! counts of sentences and claims.

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
        vec![
            d.doc_id.clone(),
            d.meta.authors.join("; "),
            d.meta.date.clone().unwrap_or_default(),
            d.meta.title.clone().unwrap_or_default(),
            d.meta.publisher.clone().unwrap_or_default(),
            d.sentences.to_string(),
            d.claims.to_string(),
            d.path.clone(),
        ]
    };
    let header = [
        "id",
        "authors",
        "date",
        "title",
        "publisher",
        "sentences",
        "claims",
        "path",
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
                    if r[3].chars().count() > 40 {
                        r[3] = r[3].chars().take(39).collect::<String>() + "…";
                    }
                    r
                })
                .collect();
            write_columns(&mut out, &header, &rows)?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}
