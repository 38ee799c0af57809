//! Stage 5 (output), the shareable report: one self-contained HTML file (inline CSS and JS,
//! no network) rendered with a minijinja template (`report.html`, auto-escaped): corpus
//! overview, the theme × author heat map (a click lists that cell's claims), claims per
//! theme with citations and highlighted evidence, a client-side search box, and the codebook
//! fingerprint. The claims are also embedded as JSON (`</` escaped) for the page's script.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::index::{DocRecord, IndexMeta};
use crate::output::table::citation;
use crate::record::Record;

/// The template, embedded at compile time.
pub const TEMPLATE: &str = include_str!("report.html");

/// Key used for claims without an author or theme.
pub const NO_AUTHOR: &str = "(no author)";
/// Key used for claims without a theme.
pub const NO_THEME: &str = "(no theme)";

/// Everything the report shows.
pub struct ReportInput<'a> {
    pub docs: &'a [DocRecord],
    pub claims: &'a [Record],
    pub meta: &'a IndexMeta,
    /// The index directory, as given.
    pub index: String,
    /// The filters, as a command line fragment (e.g. `--theme burden-sharing`).
    pub filters: String,
    /// Generation time, `YYYY-MM-DD HH:MM:SS UTC`.
    pub generated: String,
}

#[derive(Serialize)]
struct Segment {
    text: String,
    ev: bool,
}

#[derive(Serialize)]
struct ClaimView {
    id: String,
    authors: Vec<String>,
    author_keys: Vec<String>,
    themes: Vec<String>,
    is_claim: bool,
    hedged: bool,
    segments: Vec<Segment>,
    text: String,
    citation: String,
    evidence: Vec<String>,
}

#[derive(Serialize)]
struct Cell {
    theme: String,
    n: usize,
    /// 0..=100, the share of the largest cell (for the heat colour).
    level: usize,
}

#[derive(Serialize)]
struct MatrixRow {
    author: String,
    cells: Vec<Cell>,
    total: usize,
}

#[derive(Serialize)]
struct DocView {
    path: String,
    title: String,
    authors: String,
    date: String,
    publisher: String,
    url: String,
    sentences: usize,
    claims: usize,
}

#[derive(Serialize)]
struct ThemeSection {
    id: String,
    label: String,
    claims: Vec<usize>,
}

/// Split a sentence into plain and evidence segments (byte offsets from the record).
fn segments(r: &Record) -> Vec<Segment> {
    let mut marks = vec![false; r.text.len()];
    for e in &r.evidence {
        let end = e.end.min(r.text.len());
        if e.start < end && r.text.is_char_boundary(e.start) && r.text.is_char_boundary(end) {
            for m in &mut marks[e.start..end] {
                *m = true;
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (i, c) in r.text.char_indices() {
        let ev = marks.get(i).copied().unwrap_or(false);
        match out.last_mut() {
            Some(s) if s.ev == ev => s.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                ev,
            }),
        }
    }
    out
}

fn author_keys(r: &Record) -> Vec<String> {
    if r.authors.is_empty() {
        vec![NO_AUTHOR.to_string()]
    } else {
        r.authors.clone()
    }
}

/// Theme labels by id (from the built-in codebook when the ids match; else the id).
fn labels() -> BTreeMap<String, String> {
    crate::codebook::Codebook::builtin()
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect()
}

/// Render the report.
pub fn render(input: &ReportInput) -> anyhow::Result<String> {
    let themes = &input.meta.themes;
    let claims: Vec<ClaimView> = input
        .claims
        .iter()
        .map(|r| ClaimView {
            id: r.id.clone(),
            authors: r.authors.clone(),
            author_keys: author_keys(r),
            themes: r.themes.clone(),
            is_claim: r.is_claim,
            hedged: r.hedged,
            segments: segments(r),
            text: r.text.clone(),
            citation: citation(r),
            evidence: r
                .evidence
                .iter()
                .map(|e| format!("{}: {}", e.rule, e.matched))
                .collect(),
        })
        .collect();

    // Theme × author counts over the claims shown.
    let mut authors: Vec<String> = Vec::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in &claims {
        for a in &c.author_keys {
            if !authors.contains(a) {
                authors.push(a.clone());
            }
            for t in &c.themes {
                *counts.entry((a.clone(), t.clone())).or_insert(0) += 1;
            }
            *counts.entry((a.clone(), String::new())).or_insert(0) += 1;
        }
    }
    authors.sort_by_key(|a| a.to_lowercase());
    let max = themes
        .iter()
        .flat_map(|t| {
            authors
                .iter()
                .map(|a| counts.get(&(a.clone(), t.clone())).copied().unwrap_or(0))
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let matrix: Vec<MatrixRow> = authors
        .iter()
        .map(|a| MatrixRow {
            author: a.clone(),
            cells: themes
                .iter()
                .map(|t| {
                    let n = counts.get(&(a.clone(), t.clone())).copied().unwrap_or(0);
                    Cell {
                        theme: t.clone(),
                        n,
                        level: n * 100 / max,
                    }
                })
                .collect(),
            total: counts
                .get(&(a.clone(), String::new()))
                .copied()
                .unwrap_or(0),
        })
        .collect();

    let labels = labels();
    let mut sections: Vec<ThemeSection> = themes
        .iter()
        .map(|t| ThemeSection {
            id: t.clone(),
            label: labels.get(t).cloned().unwrap_or_else(|| t.clone()),
            claims: claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.themes.contains(t))
                .map(|(i, _)| i)
                .collect(),
        })
        .collect();
    let untagged: Vec<usize> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.themes.is_empty())
        .map(|(i, _)| i)
        .collect();
    if !untagged.is_empty() {
        sections.push(ThemeSection {
            id: NO_THEME.into(),
            label: "Claims without a theme".into(),
            claims: untagged,
        });
    }

    let docs: Vec<DocView> = input
        .docs
        .iter()
        .map(|d| DocView {
            path: d.path.clone(),
            title: d.meta.title.clone().unwrap_or_default(),
            authors: if d.meta.authors.is_empty() {
                String::new()
            } else {
                d.meta.authors.join("; ")
            },
            date: d.meta.date.clone().unwrap_or_default(),
            publisher: d.meta.publisher.clone().unwrap_or_default(),
            url: d.meta.url.clone().unwrap_or_default(),
            sentences: d.sentences,
            claims: d.claims,
        })
        .collect();

    // The JSON the script reads; `</` cannot end the script element early.
    let json = serde_json::to_string(&serde_json::json!({
        "themes": themes,
        "claims": claims,
    }))?
    .replace("</", "<\\/")
    .replace("<!--", "<\\!--");

    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    let tmpl = env.get_template("report.html")?;
    let total_claims = input.claims.iter().filter(|r| r.is_claim).count();
    let html = tmpl.render(minijinja::context! {
        version => env!("CARGO_PKG_VERSION"),
        generated => input.generated.clone(),
        index => input.index.clone(),
        filters => input.filters.clone(),
        codebook => input.meta.codebook.clone(),
        schema_version => input.meta.schema_version,
        themes => minijinja::Value::from(minijinja::value::Serde(themes)),
        labels => minijinja::Value::from(minijinja::value::Serde(&labels)),
        docs => minijinja::Value::from(minijinja::value::Serde(&docs)),
        matrix => minijinja::Value::from(minijinja::value::Serde(&matrix)),
        sections => minijinja::Value::from(minijinja::value::Serde(&sections)),
        claims => minijinja::Value::from(minijinja::value::Serde(&claims)),
        n_records => input.claims.len(),
        n_claims => total_claims,
        data_json => minijinja::Value::from_safe_string(json),
    })?;
    Ok(html)
}

/// `YYYY-MM-DD HH:MM:SS UTC` for seconds since the Unix epoch.
pub fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = crate::document::metadata::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_timestamp(1_709_210_096), "2024-02-29 12:34:56 UTC");
    }
}
