//! `argdex explain "TEXT"`: cut TEXT into sentences exactly as ingest does, then show for
//! each sentence every rule that fired or nearly fired, with spans and scores, the actors,
//! and the claim cues, so an analyst can see why a sentence was (not) tagged. Given the id
//! of an indexed sentence, explain that sentence inside its paragraph as the index holds
//! it, with the index's codebook.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::cli::{ExplainArgs, Status, SummaryFormat};
use crate::codebook::Codebook;
use crate::pipeline;

/// Does `s` look like a sentence id (`DOCID-N`: hex id, dash, number)?
pub fn looks_like_id(s: &str) -> bool {
    s.rsplit_once('-').is_some_and(|(doc, n)| {
        doc.len() >= 8
            && doc.bytes().all(|b| b.is_ascii_hexdigit())
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `argdex explain ID`: the indexed sentence in its paragraph.
fn run_id(index: &Path, id: &str, a: &ExplainArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let Some(hit) = reader.sentence_by_id(id)? else {
        anyhow::bail!(
            "no sentence {id:?} in the index {} (ids come from `argdex query --format json`)",
            index.display()
        );
    };
    let codebook = match &a.codebook {
        Some(p) => {
            Codebook::load(p).with_context(|| format!("cannot load codebook {}", p.display()))?
        }
        None => super::index_codebook(&reader)?,
    };
    let para: Vec<crate::record::Record> = reader
        .sentences_of(&hit.doc_id)?
        .into_iter()
        .filter(|r| r.paragraph == hit.paragraph)
        .collect();
    let texts: Vec<&str> = para.iter().map(|r| r.text.as_str()).collect();
    let k = para
        .iter()
        .position(|r| r.sentence == hit.sentence)
        .unwrap_or(0);
    let e = codebook.explain(&texts, k);
    let mut out = super::stdout();
    match a.format {
        SummaryFormat::Json => {
            let v = serde_json::json!({
                "id": hit.id,
                "path": hit.doc.path,
                "paragraph": hit.paragraph,
                "sentence": hit.sentence,
                "paragraph_text": texts,
                "indexed": {
                    "is_claim": hit.is_claim,
                    "themes": hit.themes,
                    "voice": hit.voice,
                    "speaker": hit.speaker,
                },
                "explanation": e,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        _ => {
            use crate::output::style::{Style, paint};
            writeln!(
                out,
                "{}",
                paint(
                    &format!(
                        "{id}: {}, paragraph {} (sentence {} of {})",
                        crate::output::table::citation(&hit),
                        hit.paragraph,
                        k + 1,
                        para.len()
                    ),
                    Style::Header
                )
            )?;
            for (i, r) in para.iter().enumerate() {
                if i == k {
                    writeln!(out, "> {}", r.text)?;
                } else {
                    writeln!(out, "{}", paint(&format!("┆ {}", r.text), Style::Dim))?;
                }
            }
            let themes = if hit.themes.is_empty() {
                "no theme".to_string()
            } else {
                hit.themes.join(", ")
            };
            writeln!(
                out,
                "Indexed as: {}, {themes}, voice {}{}\n",
                if hit.is_claim { "claim" } else { "not a claim" },
                hit.voice.as_str(),
                hit.speaker
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default()
            )?;
            write!(out, "{e}")?;
        }
    }
    out.flush()?;
    Ok(Status::Found)
}

/// Run `argdex explain`.
pub fn run(index: &Path, a: ExplainArgs) -> anyhow::Result<Status> {
    if let [one] = a.text.as_slice()
        && looks_like_id(one.trim())
    {
        return run_id(index, one.trim(), &a);
    }
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
