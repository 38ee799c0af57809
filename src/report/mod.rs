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

/// How many records match, counted in the index (not over the records listed): the
/// heat map, the section sizes and the header count every match even when each section
/// lists only its first N.
#[derive(Debug, Clone, Default)]
pub struct ReportCounts {
    /// Matching records per document id.
    pub by_doc: BTreeMap<String, usize>,
    /// Matching records per (document id, theme).
    pub by_doc_theme: BTreeMap<(String, String), usize>,
    /// Matching records without a theme.
    pub untagged: usize,
    /// All matching records, and how many of them are claims.
    pub records: usize,
    pub claims: usize,
}

/// Everything the report shows.
pub struct ReportInput<'a> {
    pub docs: &'a [DocRecord],
    /// The records listed (each section's first N, or all).
    pub claims: &'a [Record],
    pub counts: &'a ReportCounts,
    /// Claims listed per section (0: all).
    pub per_theme: usize,
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
    /// How many match in all (more than `claims` when the list is capped).
    total: usize,
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

/// The heat map's row keys for a list of authors (`NO_AUTHOR` for none).
fn author_keys(authors: &[String]) -> Vec<String> {
    if authors.is_empty() {
        vec![NO_AUTHOR.to_string()]
    } else {
        authors.to_vec()
    }
}

/// Theme labels of the codebook the index was built with (the built-in one unless the
/// index kept another's source).
fn labels(meta: &IndexMeta) -> BTreeMap<String, String> {
    crate::codebook::theme_labels(
        meta.codebook_source
            .as_deref()
            .unwrap_or(crate::codebook::DEFAULT_TOML),
    )
}

/// Render the report.
pub fn render(input: &ReportInput) -> anyhow::Result<String> {
    let themes = &input.meta.themes;
    let claims: Vec<ClaimView> = input
        .claims
        .iter()
        .map(|r| ClaimView {
            id: r.id.clone(),
            authors: r.doc.authors.clone(),
            author_keys: author_keys(&r.doc.authors),
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

    // Theme × author counts over every match, from the per-document counts: a record's
    // authors are its document's.
    let authors_of: BTreeMap<&str, Vec<String>> = input
        .docs
        .iter()
        .map(|d| (d.doc_id.as_str(), author_keys(&d.meta.authors)))
        .collect();
    let no_author = vec![NO_AUTHOR.to_string()];
    let keys_of = |doc: &str| authors_of.get(doc).unwrap_or(&no_author).clone();
    let mut authors: Vec<String> = Vec::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (doc, n) in &input.counts.by_doc {
        for a in keys_of(doc) {
            *counts.entry((a.clone(), String::new())).or_insert(0) += n;
            if !authors.contains(&a) {
                authors.push(a);
            }
        }
    }
    for ((doc, theme), n) in &input.counts.by_doc_theme {
        for a in keys_of(doc) {
            *counts.entry((a, theme.clone())).or_insert(0) += n;
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

    let labels = labels(input.meta);
    let cap = if input.per_theme == 0 {
        usize::MAX
    } else {
        input.per_theme
    };
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
                .take(cap)
                .collect(),
            total: input
                .counts
                .by_doc_theme
                .iter()
                .filter(|((_, theme), _)| theme == t)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    let untagged: Vec<usize> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.themes.is_empty())
        .map(|(i, _)| i)
        .take(cap)
        .collect();
    if !untagged.is_empty() {
        sections.push(ThemeSection {
            id: NO_THEME.into(),
            label: "Claims without a theme".into(),
            claims: untagged,
            total: input.counts.untagged,
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

    let capped = sections.iter().any(|s| s.total > s.claims.len());
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    let tmpl = env.get_template("report.html")?;
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
        n_records => input.counts.records,
        n_claims => input.counts.claims,
        data_json => minijinja::Value::from_safe_string(json),
        capped => capped,
    })?;
    Ok(html)
}

/// `YYYY-MM-DD HH:MM:SS UTC` for seconds since the Unix epoch.
pub fn utc_timestamp(secs: u64) -> String {
    let t = crate::document::metadata::utc_datetime(i64::try_from(secs).unwrap_or(i64::MAX));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
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
