//! `argdex report -o FILE`: the claims matching the export filters, rendered by
//! `crate::report` into one self-contained HTML file (written beside, then renamed).

use std::path::Path;

use anyhow::Context;

use crate::cli::{ReportArgs, Status};
use crate::index::reader::Filter;
use crate::report::{ReportCounts, ReportInput, render, utc_timestamp};

/// The filters as a command line fragment, for the report's header.
fn describe(a: &ReportArgs) -> String {
    let mut parts: Vec<String> = a.text.iter().map(|t| format!("{t:?}")).collect();
    parts.extend(a.filter.themes.iter().map(|t| format!("--theme {t}")));
    if let Some(au) = &a.filter.author {
        parts.push(format!("--author {au:?}"));
    }
    parts.extend(a.filter.actors.iter().map(|t| format!("--actor {t}")));
    let f = &a.filter;
    for (opt, v) in [
        ("--speaker", &f.speaker),
        ("--genre", &f.genre),
        ("--since", &f.since),
        ("--until", &f.until),
        ("--publisher", &f.publisher),
    ] {
        if let Some(v) = v {
            parts.push(format!("{opt} {v:?}"));
        }
    }
    parts.extend(f.docs.iter().map(|d| format!("--doc {d:?}")));
    if f.all {
        parts.push("--all".into());
    }
    if f.themed {
        parts.push("--themed".into());
    }
    parts.join(" ")
}

/// Run `argdex report`.
pub fn run(index: &Path, a: ReportArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let filter = super::filter_from(&reader, &a.filter)?;
    let text = a.text.join(" ");
    let text = (!text.trim().is_empty()).then_some(text.as_str());
    let themes = reader.meta.themes.clone();
    let untagged = Filter {
        untagged: true,
        ..filter.clone()
    };
    // Counts from the index's postings: every match, whatever is listed.
    let mut filters = vec![filter.clone()];
    filters.extend(themes.iter().map(|t| filter.with_theme(t)));
    let mut per = reader.counts_by_doc(text, &filters)?.into_iter();
    let mut counts = ReportCounts {
        by_doc: per.next().unwrap_or_default(),
        untagged: reader.count(text, &untagged)?,
        ..ReportCounts::default()
    };
    for (t, by_doc) in themes.iter().zip(per) {
        for (doc, n) in by_doc {
            counts.by_doc_theme.insert((doc, t.clone()), n);
        }
    }
    counts.records = counts.by_doc.values().sum();
    counts.claims = if filter.themed {
        0
    } else if filter.all {
        let claims_only = Filter {
            all: false,
            ..filter.clone()
        };
        reader.count(text, &claims_only)?
    } else {
        counts.records
    };
    // The records listed: all of them, or each section's first N (a record of two
    // themes is listed once), in document order.
    let mut claims = Vec::new();
    if a.per_theme == 0 {
        reader.for_each(text, &filter, |r| {
            claims.push(r);
            Ok(())
        })?;
    } else {
        let mut seen = std::collections::HashSet::new();
        let sections = themes
            .iter()
            .map(|t| filter.with_theme(t))
            .chain([untagged]);
        for f in sections {
            for r in reader.search(text, &f, a.per_theme)? {
                if seen.insert(r.id.clone()) {
                    claims.push(r);
                }
            }
        }
        claims.sort_by(|x, y| (&x.doc.path, x.sentence).cmp(&(&y.doc.path, y.sentence)));
    }
    let docs = reader.docs()?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let html = render(&ReportInput {
        docs: &docs,
        claims: &claims,
        counts: &counts,
        per_theme: a.per_theme,
        meta: &reader.meta,
        index: index.display().to_string(),
        filters: describe(&a),
        generated: utc_timestamp(secs),
    })
    .context("cannot render the report")?;
    if let Some(dir) = a.output.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        anyhow::bail!(
            "{}: no such directory (create it, or pick another -o FILE)",
            dir.display()
        );
    }
    // Write a temporary file beside the target, then rename it: a failed report leaves
    // neither a half file nor the temporary one (removed when dropped).
    let mut tmp = crate::output::temp_beside(&a.output)
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    std::io::Write::write_all(&mut tmp, html.as_bytes())
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    tmp.persist(&a.output)
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    let listed = if claims.len() < counts.records {
        format!(
            "; {} listed, the first {} of each theme (--per-theme)",
            claims.len(),
            a.per_theme
        )
    } else {
        String::new()
    };
    let what = if filter.all || filter.themed {
        "sentences"
    } else {
        "claims"
    };
    crate::note!(
        "argdex: wrote {} ({} {what}, {} documents{listed})",
        a.output.display(),
        counts.records,
        docs.len()
    );
    if counts.records == 0 {
        crate::note!("argdex: nothing matched");
        return Ok(Status::NoMatch);
    }
    Ok(Status::Found)
}
