//! `argdex explain "TEXT"`: cut TEXT into sentences exactly as ingest does, then show for
//! each sentence every rule that fired or nearly fired, with spans and scores, the actors,
//! and the claim cues, so an analyst can see why a sentence was (not) tagged.

use std::io::Write;

use anyhow::Context;

use crate::cli::{ExplainArgs, Status, SummaryFormat};
use crate::codebook::Codebook;
use crate::pipeline;

/// Run `argdex explain`.
pub fn run(a: ExplainArgs) -> anyhow::Result<Status> {
    let codebook = match &a.codebook {
        Some(p) => {
            Codebook::load(p).with_context(|| format!("cannot load codebook {}", p.display()))?
        }
        None => Codebook::builtin(),
    };
    let text = a.text.join(" ");
    let sentences = pipeline::segment_text(&text);
    if sentences.is_empty() {
        anyhow::bail!(
            "nothing to explain: give a sentence, e.g. argdex explain \"Allies must pay more.\""
        );
    }
    let mut out = super::stdout();
    let mut all = Vec::new();
    for p in pipeline::paragraphs(&sentences) {
        let para: Vec<&str> = p.iter().map(|s| s.text.as_str()).collect();
        for k in 0..para.len() {
            all.push(codebook.explain(&para, k));
        }
    }
    match a.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        _ => {
            for (n, e) in all.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write!(out, "{e}")?;
            }
        }
    }
    out.flush()?;
    Ok(
        if all
            .iter()
            .any(|e| !e.tagged_themes().is_empty() || e.claim.is_claim)
        {
            Status::Found
        } else {
            Status::NoMatch
        },
    )
}
