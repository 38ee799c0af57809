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
        GroupBy::Author if r.doc.authors.is_empty() => vec!["(no author)".into()],
        GroupBy::Author => r.doc.authors.clone(),
        GroupBy::Theme if r.themes.is_empty() => vec!["(no theme)".into()],
        GroupBy::Theme => r.themes.clone(),
        GroupBy::Doc => vec![match &r.doc.title {
            Some(t) => format!("{t} ({})", r.doc.path),
            None => r.doc.path.clone(),
        }],
        GroupBy::Date => vec![r.doc.date.clone().unwrap_or_else(|| "(no date)".into())],
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
    // Largest first; "(no theme)", "(no author)", "(no date)" last.
    groups.sort_by(|a, b| {
        (a.0.starts_with("(no "), std::cmp::Reverse(a.1.len()), &a.0).cmp(&(
            b.0.starts_with("(no "),
            std::cmp::Reverse(b.1.len()),
            &b.0,
        ))
    });
    groups
}

/// At most `n` of a group's hits, spread over documents: the first hit of each
/// document in turn, then the second, ...; kept in their original order.
pub fn spread<'a>(hits: &[&'a Record], n: usize) -> Vec<&'a Record> {
    if hits.len() <= n {
        return hits.to_vec();
    }
    let mut docs: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, r) in hits.iter().enumerate() {
        match docs.iter_mut().find(|(d, _)| *d == r.doc_id) {
            Some((_, v)) => v.push(i),
            None => docs.push((&r.doc_id, vec![i])),
        }
    }
    let mut picked = Vec::with_capacity(n);
    let mut round = 0;
    while picked.len() < n {
        let before = picked.len();
        for (_, idx) in &docs {
            if let Some(&i) = idx.get(round)
                && picked.len() < n
            {
                picked.push(i);
            }
        }
        if picked.len() == before {
            break;
        }
        round += 1;
    }
    picked.sort_unstable();
    picked
        .into_iter()
        .filter_map(|i| hits.get(i).copied())
        .collect()
}

/// The overview above a grouped list: how many hits in how many documents, then each
/// group's count and documents.
fn write_overview(
    out: &mut dyn Write,
    hits: &[Record],
    groups: &[(String, Vec<&Record>)],
    by: GroupBy,
    noun: &str,
    per_group: Option<usize>,
) -> std::io::Result<()> {
    use crate::output::style::{Style, paint};
    let docs: std::collections::BTreeSet<&str> = hits.iter().map(|r| r.doc_id.as_str()).collect();
    let dim = match by {
        GroupBy::Author => "author",
        GroupBy::Theme => "theme",
        GroupBy::Doc => "document",
        GroupBy::Date => "date",
    };
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let header = format!(
        "{} in {}, by {dim}{}:",
        plural(hits.len(), noun),
        plural(docs.len(), "document"),
        if matches!(by, GroupBy::Theme | GroupBy::Author) {
            format!(" (one with two {dim}s counts under each)")
        } else {
            String::new()
        }
    );
    writeln!(out, "{}", paint(&header, Style::Header))?;
    let width = groups
        .iter()
        .map(|(k, _)| crate::output::wrap::cols(k))
        .max()
        .unwrap_or(0)
        .min(48);
    for (key, members) in groups {
        let in_docs: std::collections::BTreeSet<&str> =
            members.iter().map(|r| r.doc_id.as_str()).collect();
        let key = crate::output::wrap::pad(&crate::output::wrap::truncate(key, width), width, true);
        writeln!(
            out,
            "  {key}  {:>5}  in {}",
            members.len(),
            plural(in_docs.len(), "document")
        )?;
    }
    if let Some(n) = per_group {
        writeln!(
            out,
            "{}",
            paint(
                &format!(
                    "Up to {n} per {dim}, spread over documents (--per-group N or -n N for more)."
                ),
                Style::Dim
            )
        )?;
    }
    writeln!(out)
}

/// Run `argdex query`.
pub fn run(index: &Path, a: QueryArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let filter = super::filter_from(&reader, &a.filter)?;
    let text = a.text.join(" ");
    let text = (!text.trim().is_empty()).then_some(text.as_str());
    let noun = a.filter.noun();
    // `--by` without `-n` is an overview: every match counted, a few shown per group.
    let limit = match (a.limit, a.by) {
        (Some(n), _) => n,
        (None, Some(_)) => usize::MAX,
        (None, None) => 20,
    };
    let per_group = a.by.and(a.per_group.or(a.limit.is_none().then_some(3)));
    if limit == 0 {
        // Like `rg -m 0`: no hits printed; the count says whether there were any.
        let total = reader.count(text, &filter)?;
        if total == 0 {
            crate::note!("argdex: no matching {noun}s");
            return Ok(Status::NoMatch);
        }
        crate::note!(
            "argdex: {total} matching {noun}{}; -n 0 shows none",
            if total == 1 { "" } else { "s" }
        );
        return Ok(Status::Found);
    }
    // The total comes from the same search (the terminal table says when `--limit` cut
    // the list short).
    let (mut hits, matched) = reader.search_counted(text, &filter, limit)?;
    if hits.is_empty() {
        crate::note!("argdex: no matching {noun}s");
        return Ok(Status::NoMatch);
    }
    if let Some(n) = a.context {
        let mut cache = std::collections::HashMap::new();
        for r in &mut hits {
            reader.add_context(r, n, &mut cache)?;
        }
    }
    let mut out = super::stdout();
    // In the terminal table, say when `--limit` cut the list short (after the list).
    let total = if a.format == Format::Table && hits.len() >= limit {
        matched
    } else {
        hits.len()
    };
    let groups = a.by.map(|by| group(&hits, by));
    match (a.by, &groups, a.format) {
        (Some(by), Some(groups), Format::Table) => {
            let stems = crate::output::highlight::query_stems(text.unwrap_or(""));
            write_overview(&mut out, &hits, groups, by, noun, per_group)?;
            let shown: Vec<table::Group> = groups
                .iter()
                .map(|(key, members)| table::Group {
                    key: key.clone(),
                    hits: match per_group {
                        Some(n) => spread(members, n),
                        None => members.clone(),
                    },
                    total: members.len(),
                })
                .collect();
            table::write_groups(&mut out, &shown, noun, &stems)?;
        }
        (_, _, Format::Table) => {
            let mut sink = table::TableSink::new(Box::new(&mut out), output::STDOUT)
                .with_query(text.unwrap_or(""));
            for r in &hits {
                sink.record(r)?;
            }
            sink.finish()?;
        }
        (_, groups, format) => {
            // Machine formats are not grouped; `--per-group` still chooses which records.
            let chosen: Vec<&Record> = match (groups, per_group) {
                (Some(groups), Some(n)) => {
                    let mut ids = std::collections::HashSet::new();
                    for (_, members) in groups {
                        ids.extend(spread(members, n).into_iter().map(|r| r.id.as_str()));
                    }
                    hits.iter()
                        .filter(|r| ids.contains(r.id.as_str()))
                        .collect()
                }
                _ => hits.iter().collect(),
            };
            let mut sink = output::sink(
                format,
                Box::new(&mut out),
                output::STDOUT,
                &reader.meta.themes,
                false,
            )?;
            for r in chosen {
                sink.record(r)?;
            }
            sink.finish()?;
        }
    }
    out.flush()?;
    if total > hits.len() {
        crate::note!(
            "argdex: showing {} of {total} matching {noun}s; raise --limit (-n) to see more",
            hits.len(),
        );
    }
    Ok(Status::Found)
}
