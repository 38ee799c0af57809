//! `argdex eval GOLD.jsonl`: agreement between the index (rules) and a human-coded gold
//! file: per-theme precision, recall, F1 and Cohen's kappa, and the same for claims.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::cli::{EvalArgs, Status, SummaryFormat};
use crate::eval::{self, GoldLine};
use crate::index::reader::Filter;

/// Run `argdex eval`.
pub fn run(index: &Path, a: EvalArgs) -> anyhow::Result<Status> {
    let src = std::fs::read_to_string(&a.gold)
        .with_context(|| format!("cannot read {}", a.gold.display()))?;
    let mut gold = Vec::new();
    for (i, line) in src
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: GoldLine = serde_json::from_str(line).with_context(|| {
            format!(
                "{}:{}: not a gold line (doc, text, claim, themes_required, themes_allowed)",
                a.gold.display(),
                i + 1
            )
        })?;
        gold.push(g);
    }
    let reader = super::open_reader(index)?;
    let mut records = Vec::new();
    reader.for_each(
        None,
        &Filter {
            all: true,
            ..Filter::default()
        },
        |r| {
            records.push(r);
            Ok(())
        },
    )?;
    let report = eval::score(&records, &gold, &reader.meta.themes);
    let mut out = super::stdout();
    match a.format {
        SummaryFormat::Json => {
            let mut v = serde_json::to_value(&report)?;
            let scores = |c: &eval::Confusion| serde_json::json!({"p": c.precision(), "r": c.recall(), "f1": c.f1(), "kappa": c.kappa()});
            v["claim_scores"] = scores(&report.claim);
            v["micro_scores"] = scores(&report.micro);
            v["theme_scores"] = report
                .themes
                .iter()
                .map(|(t, c)| (t.clone(), scores(c)))
                .collect::<serde_json::Map<_, _>>()
                .into();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        _ => write!(out, "{report}")?,
    }
    out.flush()?;
    Ok(if report.body_sentences == 0 {
        Status::NoMatch
    } else {
        Status::Found
    })
}
