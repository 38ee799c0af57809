//! `argdex stats`: claims per theme × author and per document, computed from the per-file
//! records (fast: one record per file, not per sentence). JSON and CSV are tidy long format.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::{StatsArgs, Status, SummaryFormat};
use crate::index::DocRecord;
use crate::output::table::write_columns;

/// One tidy row: claims of `theme` by `group` (an author or a document).
#[derive(Debug, Serialize)]
pub struct Row {
    pub group: String,
    pub theme: String,
    pub claims: usize,
}

/// Claims per (author, theme) and per (document, theme); `"*"` is the total over themes.
pub fn tally(docs: &[DocRecord]) -> (Vec<Row>, Vec<Row>) {
    let mut by_author: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_doc = Vec::new();
    for d in docs {
        let authors = if d.meta.authors.is_empty() {
            vec!["(no author)".to_string()]
        } else {
            d.meta.authors.clone()
        };
        for a in &authors {
            *by_author.entry((a.clone(), "*".into())).or_insert(0) += d.claims;
            for (t, n) in &d.theme_claims {
                *by_author.entry((a.clone(), t.clone())).or_insert(0) += n;
            }
        }
        by_doc.push(Row {
            group: d.path.clone(),
            theme: "*".into(),
            claims: d.claims,
        });
        for (t, n) in &d.theme_claims {
            by_doc.push(Row {
                group: d.path.clone(),
                theme: t.clone(),
                claims: *n,
            });
        }
    }
    let by_author = by_author
        .into_iter()
        .map(|((group, theme), claims)| Row {
            group,
            theme,
            claims,
        })
        .collect();
    (by_author, by_doc)
}

fn matrix(rows: &[Row], themes: &[String], first: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut groups: Vec<&str> = Vec::new();
    for r in rows {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let header: Vec<String> = std::iter::once(first.to_string())
        .chain(themes.iter().cloned())
        .chain(std::iter::once("claims".to_string()))
        .collect();
    let get = |g: &str, t: &str| {
        rows.iter()
            .find(|r| r.group == g && r.theme == t)
            .map_or(0, |r| r.claims)
    };
    let body = groups
        .iter()
        .map(|g| {
            std::iter::once(g.to_string())
                .chain(themes.iter().map(|t| get(g, t).to_string()))
                .chain(std::iter::once(get(g, "*").to_string()))
                .collect()
        })
        .collect();
    (header, body)
}

/// The short summary printed after `ingest`: totals, claims per theme and per author.
pub fn write_summary(
    out: &mut dyn Write,
    docs: &[DocRecord],
    themes: &[String],
) -> std::io::Result<()> {
    let sentences: usize = docs.iter().map(|d| d.sentences).sum();
    let claims: usize = docs.iter().map(|d| d.claims).sum();
    writeln!(
        out,
        "Index: {} documents, {sentences} sentences, {claims} claims",
        docs.len()
    )?;
    let (by_author, _) = tally(docs);
    writeln!(out, "\nClaims per theme:")?;
    for t in themes {
        let n: usize = docs
            .iter()
            .map(|d| d.theme_claims.get(t).copied().unwrap_or(0))
            .sum();
        writeln!(out, "  {t:<24} {n:>6}")?;
    }
    writeln!(out, "\nClaims per author:")?;
    for r in by_author.iter().filter(|r| r.theme == "*") {
        writeln!(out, "  {:<24} {:>6}", r.group, r.claims)?;
    }
    Ok(())
}

/// Run `argdex stats`.
pub fn run(index: &Path, a: StatsArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let docs = reader.docs()?;
    if docs.is_empty() {
        eprintln!("argdex: the index is empty");
        return Ok(Status::NoMatch);
    }
    let themes = &reader.meta.themes;
    let (by_author, by_doc) = tally(&docs);
    let mut out = super::stdout();
    match a.format {
        SummaryFormat::Table => {
            let (h, rows) = matrix(&by_author, themes, "author");
            write_columns(&mut out, &h, &rows)?;
            writeln!(out)?;
            let (h, rows) = matrix(&by_doc, themes, "document");
            write_columns(&mut out, &h, &rows)?;
        }
        SummaryFormat::Json => {
            let v = serde_json::json!({ "themes": themes, "by_author": by_author, "by_document": by_doc });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["dimension", "group", "theme", "claims"])?;
            for (dim, rows) in [("author", &by_author), ("document", &by_doc)] {
                for r in rows {
                    w.write_record([dim, &r.group, &r.theme, &r.claims.to_string()])?;
                }
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}
