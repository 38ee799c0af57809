//! Stage 5 (output), `argdex stats`: claims per theme × author, per document or per year as
//! heat tables, computed from the per-file records (one record per file, not per sentence);
//! `--cooccur` streams the claims for pairs of themes on the same claim. JSON and CSV are
//! tidy long format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::{StatsArgs, StatsBy, Status, SummaryFormat};
use crate::index::DocRecord;
use crate::output::table::write_heat;

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

/// Claims carrying both themes of a pair (`a < b`), streamed from the index.
pub fn cooccurrence(
    reader: &crate::index::reader::Reader,
    filter: &crate::index::reader::Filter,
) -> anyhow::Result<Vec<Row>> {
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    reader.for_each(None, filter, |r| {
        for (i, a) in r.themes.iter().enumerate() {
            for b in &r.themes[i + 1..] {
                let key = if a <= b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                };
                *pairs.entry(key).or_insert(0) += 1;
            }
        }
        Ok(())
    })?;
    Ok(pairs
        .into_iter()
        .map(|((group, theme), claims)| Row {
            group,
            theme,
            claims,
        })
        .collect())
}

/// Rows of a heat table: per group, the count of each theme and the total (`"*"`).
fn matrix(rows: &[Row], themes: &[String]) -> Vec<(String, Vec<usize>, usize)> {
    // Groups in order of first appearance; cells looked up by key (a linear search per
    // cell made `stats` quadratic in the number of documents).
    let mut groups: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut cell: HashMap<(&str, &str), usize> = HashMap::new();
    for r in rows {
        if seen.insert(r.group.as_str()) {
            groups.push(&r.group);
        }
        cell.entry((r.group.as_str(), r.theme.as_str()))
            .or_insert(r.claims);
    }
    let get = |g: &str, t: &str| cell.get(&(g, t)).copied().unwrap_or(0);
    groups
        .iter()
        .map(|g| {
            (
                g.to_string(),
                themes.iter().map(|t| get(g, t)).collect(),
                get(g, "*"),
            )
        })
        .collect()
}

/// `stats --by ROWS,COLS`: claims per pair of groups, as a heat table (rows × columns)
/// or tidy rows (`ROWS`, `COLS`, `claims`).
fn two_way(
    facts: &[Fact],
    rows: StatsBy,
    cols: StatsBy,
    format: SummaryFormat,
) -> anyhow::Result<Status> {
    let (rname, cname) = (dim_name(rows), dim_name(cols));
    if rname == cname {
        anyhow::bail!("--by {rname},{cname}: give two different dimensions");
    }
    let cells = tally_two_way(facts, rows, cols);
    let mut columns: Vec<String> = cells.iter().map(|r| r.theme.clone()).collect();
    columns.sort();
    columns.dedup();
    let mut out = super::stdout();
    match format {
        SummaryFormat::Table => {
            let mut groups: Vec<&str> = cells.iter().map(|r| r.group.as_str()).collect();
            groups.dedup();
            let mut cell: HashMap<(&str, &str), usize> = HashMap::new();
            for r in &cells {
                cell.entry((r.group.as_str(), r.theme.as_str()))
                    .or_insert(r.claims);
            }
            let mut totals: HashMap<String, usize> = HashMap::new();
            for f in facts {
                let mut keys = keys_of(f, rows);
                keys.sort();
                keys.dedup();
                for k in keys {
                    *totals.entry(k).or_insert(0) += f.claims;
                }
            }
            let matrix: Vec<(String, Vec<usize>, usize)> = groups
                .iter()
                .map(|g| {
                    let counts: Vec<usize> = columns
                        .iter()
                        .map(|c| cell.get(&(*g, c.as_str())).copied().unwrap_or(0))
                        .collect();
                    let total = totals.get(*g).copied().unwrap_or(0);
                    (g.to_string(), counts, total)
                })
                .collect();
            write_heat(&mut out, &format!("{rname} \\ {cname}"), &columns, &matrix)?;
        }
        SummaryFormat::Json => {
            let v: Vec<serde_json::Value> = cells
                .iter()
                .map(|r| serde_json::json!({ rname: r.group, cname: r.theme, "claims": r.claims }))
                .collect();
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({ format!("by_{rname}_{cname}"): v }),
            )?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([rname, cname, "claims"])?;
            for r in &cells {
                w.write_record([r.group.as_str(), r.theme.as_str(), &r.claims.to_string()])?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}

/// The co-occurrence of themes as a triangle: row theme × column theme.
fn write_cooccur(out: &mut dyn Write, pairs: &[Row], themes: &[String]) -> std::io::Result<()> {
    writeln!(out, "Claims with both themes:")?;
    let rows: Vec<(String, Vec<usize>, usize)> = themes
        .iter()
        .map(|a| {
            let counts: Vec<usize> = themes
                .iter()
                .map(|b| {
                    pairs
                        .iter()
                        .find(|r| (&r.group, &r.theme) == (a, b) || (&r.group, &r.theme) == (b, a))
                        .map_or(0, |r| r.claims)
                })
                .collect();
            let total = counts.iter().sum();
            (a.clone(), counts, total)
        })
        .collect();
    crate::output::table::write_heat(out, "theme", themes, &rows)
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

/// What a count is about: a whole document (its per-theme claim counts, from its record)
/// or, when filters are given, one matching sentence.
struct Fact {
    authors: Vec<String>,
    year: String,
    doc: String,
    themes: BTreeMap<String, usize>,
    claims: usize,
}

fn year_of(date: Option<&str>) -> String {
    date.and_then(|s| s.get(..4))
        .unwrap_or("(no date)")
        .to_string()
}

fn facts_of_docs(docs: &[DocRecord]) -> Vec<Fact> {
    docs.iter()
        .map(|d| Fact {
            authors: d.meta.authors.clone(),
            year: year_of(d.meta.date.as_deref()),
            doc: d.path.clone(),
            themes: d.theme_claims.clone(),
            claims: d.claims,
        })
        .collect()
}

fn keys_of(f: &Fact, by: StatsBy) -> Vec<String> {
    match by {
        StatsBy::Author if f.authors.is_empty() => vec!["(no author)".to_string()],
        StatsBy::Author => f.authors.clone(),
        StatsBy::Doc => vec![f.doc.clone()],
        StatsBy::Year => vec![f.year.clone()],
    }
}

fn dim_name(by: StatsBy) -> &'static str {
    match by {
        StatsBy::Author => "author",
        StatsBy::Doc => "document",
        StatsBy::Year => "year",
    }
}

/// The tally's cells as rows, in key order.
fn rows_of(m: BTreeMap<(String, String), usize>) -> Vec<Row> {
    m.into_iter()
        .map(|((group, theme), claims)| Row {
            group,
            theme,
            claims,
        })
        .collect()
}

/// Claims per (group, theme) over facts; `"*"` is the total over themes.
fn tally_facts(facts: &[Fact], by: StatsBy) -> Vec<Row> {
    let mut m: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in facts {
        for k in keys_of(f, by) {
            *m.entry((k.clone(), "*".into())).or_insert(0) += f.claims;
            for (t, n) in &f.themes {
                *m.entry((k.clone(), t.clone())).or_insert(0) += n;
            }
        }
    }
    rows_of(m)
}

/// Claims per (row group, column group): the two-way table of `--by author,year`.
fn tally_two_way(facts: &[Fact], rows: StatsBy, cols: StatsBy) -> Vec<Row> {
    let mut m: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in facts {
        for r in keys_of(f, rows) {
            for c in keys_of(f, cols) {
                *m.entry((r.clone(), c)).or_insert(0) += f.claims;
            }
        }
    }
    rows_of(m)
}

/// Are any of the shared filters given? Then counts come from the matching sentences.
fn filtered(f: &crate::cli::FilterArgs) -> bool {
    !f.themes.is_empty()
        || f.author.is_some()
        || !f.actors.is_empty()
        || f.speaker.is_some()
        || f.genre.is_some()
        || f.since.is_some()
        || f.until.is_some()
        || f.publisher.is_some()
        || !f.docs.is_empty()
        || f.all
        || f.themed
}

/// Run `argdex stats`.
pub fn run(index: &Path, a: StatsArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let docs = reader.docs()?;
    if docs.is_empty() {
        crate::note!("argdex: the index is empty");
        return Ok(Status::NoMatch);
    }
    let themes = &reader.meta.themes;
    if a.by.len() > 2 {
        anyhow::bail!("--by takes one or two dimensions (e.g. --by author,year)");
    }
    let filter = super::filter_from(&reader, &a.filter)?;
    let facts = if filtered(&a.filter) {
        // Per document, from the index's postings (no sentence record is read): the
        // matching records, and those of each theme.
        let mut filters = vec![filter.clone()];
        filters.extend(themes.iter().map(|t| filter.with_theme(t)));
        let counts = reader.counts_by_doc(None, &filters)?;
        let mut facts = Vec::new();
        for d in &docs {
            let Some(&claims) = counts[0].get(&d.doc_id) else {
                continue;
            };
            let themes = themes
                .iter()
                .zip(&counts[1..])
                .filter_map(|(t, c)| c.get(&d.doc_id).map(|&n| (t.clone(), n)))
                .collect();
            facts.push(Fact {
                authors: d.meta.authors.clone(),
                year: year_of(d.meta.date.as_deref()),
                doc: d.path.clone(),
                themes,
                claims,
            });
        }
        if facts.is_empty() {
            crate::note!("argdex: no matching {}s", a.filter.noun());
            return Ok(Status::NoMatch);
        }
        facts
    } else {
        facts_of_docs(&docs)
    };
    if let [rows, cols] = a.by[..] {
        return two_way(&facts, rows, cols, a.format);
    }
    let dims: Vec<(&str, Vec<Row>)> = match a.by.first() {
        None => vec![
            ("author", tally_facts(&facts, StatsBy::Author)),
            ("document", tally_facts(&facts, StatsBy::Doc)),
        ],
        Some(&by) => vec![(dim_name(by), tally_facts(&facts, by))],
    };
    let pairs = if a.cooccur {
        Some(cooccurrence(&reader, &filter)?)
    } else {
        None
    };
    let mut out = super::stdout();
    match a.format {
        SummaryFormat::Table => {
            for (i, (dim, rows)) in dims.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_heat(&mut out, dim, themes, &matrix(rows, themes))?;
            }
            if let Some(pairs) = &pairs {
                writeln!(out)?;
                write_cooccur(&mut out, pairs, themes)?;
            }
        }
        SummaryFormat::Json => {
            let mut v = serde_json::json!({ "themes": themes });
            for (dim, rows) in &dims {
                let key = match *dim {
                    "author" => "by_author",
                    "document" => "by_document",
                    _ => "by_year",
                };
                v[key] = serde_json::to_value(rows)?;
            }
            if let Some(pairs) = &pairs {
                let p: Vec<_> = pairs
                    .iter()
                    .map(|r| serde_json::json!({"theme_a": r.group, "theme_b": r.theme, "claims": r.claims}))
                    .collect();
                v["cooccurrence"] = serde_json::Value::from(p);
            }
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["dimension", "group", "theme", "claims"])?;
            for (dim, rows) in &dims {
                for r in rows {
                    w.write_record([
                        *dim,
                        r.group.as_str(),
                        r.theme.as_str(),
                        &r.claims.to_string(),
                    ])?;
                }
            }
            if let Some(pairs) = &pairs {
                for r in pairs {
                    w.write_record(["cooccur", &r.group, &r.theme, &r.claims.to_string()])?;
                }
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}
