//! `argdex ingest PATH...`: walk the inputs, run the pipeline on new or changed files in
//! parallel, replace their records in one commit, and print a summary. Problems with single
//! files are reported and the rest of the batch is still indexed (exit 2 at the end).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{IngestArgs, Status};
use crate::codebook::Codebook;
use crate::document;
use crate::index::DocRecord;
use crate::index::writer::{Options, Writer};
use crate::pipeline;

/// What happened to one file.
enum Outcome {
    Added,
    Updated,
    Unchanged,
    Failed(String),
}

struct Work {
    path: PathBuf,
    label: String,
    key: String,
}

fn key_of(path: &Path) -> String {
    path.canonicalize()
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Hash of the file content plus its sidecar, if any.
fn content_hash(path: &Path, bytes: &[u8]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(bytes);
    if let Some(sidecar) = document::sidecar_path(path)
        && let Ok(extra) = std::fs::read(&sidecar)
    {
        h.update(b"\0sidecar\0");
        h.update(&extra);
    }
    h.finalize().to_hex()[..32].to_string()
}

fn process(
    w: &Work,
    writer: &Writer,
    codebook: &Codebook,
    problems: &Mutex<Vec<String>>,
) -> Outcome {
    let bytes = match std::fs::read(&w.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("{}: cannot read: {e}", w.label)),
    };
    let hash = content_hash(&w.path, &bytes);
    if writer.is_current(&w.key, &hash) {
        return Outcome::Unchanged;
    }
    let doc = match document::load_bytes(&w.path, &w.label, &bytes) {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if let Ok(mut p) = problems.lock() {
        p.extend(doc.errors.iter().cloned());
    }
    let doc_id = pipeline::content_id(&bytes);
    let records = pipeline::analyze(&doc, &doc_id, codebook);
    let mut theme_claims = BTreeMap::new();
    for r in records.iter().filter(|r| r.is_claim) {
        for t in &r.themes {
            *theme_claims.entry(t.clone()).or_insert(0) += 1;
        }
    }
    let rec = DocRecord {
        doc_id,
        path: w.label.clone(),
        key: w.key.clone(),
        file_id: crate::index::file_id(&w.key),
        hash,
        codebook: codebook.fingerprint().to_string(),
        meta: doc.meta.clone(),
        sentences: records.len(),
        claims: records.iter().filter(|r| r.is_claim).count(),
        theme_claims,
        warnings: doc.warnings.clone(),
    };
    for warning in &doc.warnings {
        crate::note!("argdex: warning: {warning}");
    }
    let existed = writer.known().contains_key(&w.key);
    match writer.replace(&rec, &records) {
        Ok(()) if existed => Outcome::Updated,
        Ok(()) => Outcome::Added,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// A progress bar over bytes (documents in the message), only for long runs on a terminal.
fn progress(files: usize, bytes: u64, quiet: bool) -> ProgressBar {
    if quiet || (files < 50 && bytes < 5_000_000) || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(bytes);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {msg} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, ETA {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Run `argdex ingest`.
pub fn run(index: &Path, a: IngestArgs) -> anyhow::Result<Status> {
    let codebook = match &a.codebook {
        Some(p) => {
            Codebook::load(p).with_context(|| format!("cannot load codebook {}", p.display()))?
        }
        None => Codebook::builtin(),
    };
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let walk = crate::walk::walk(&a.paths, index);
    let mut problems: Vec<String> = walk
        .problems
        .iter()
        .map(|(p, m)| format!("{}: {m}", p.display()))
        .collect();
    for p in &problems {
        crate::note!("argdex: {p}");
    }
    if !walk.skipped_other.is_empty() && !a.quiet {
        let examples: Vec<String> = walk
            .skipped_other
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        crate::note!(
            "argdex: note: skipped {} file(s) that are not .txt, .md or .html (e.g. {})",
            walk.skipped_other.len(),
            examples.join(", ")
        );
    }
    let opts = Options {
        rebuild: a.rebuild,
        heap_bytes: a.memory_budget.saturating_mul(1_000_000),
        threads: threads.min(8),
        wait: a.wait,
    };
    let writer = Writer::open(index, codebook.fingerprint(), codebook.theme_ids(), &opts)
        .context("cannot open the index for writing")?;
    let mut work: Vec<Work> = walk
        .files
        .iter()
        .map(|p| Work {
            path: p.clone(),
            label: p.display().to_string(),
            key: key_of(p),
        })
        .collect();
    // A changed codebook re-tags every indexed file, not only the ones named this time.
    let named: std::collections::HashSet<String> = work.iter().map(|w| w.key.clone()).collect();
    for d in writer.known().values() {
        if d.codebook != codebook.fingerprint()
            && !named.contains(&d.key)
            && Path::new(&d.key).exists()
        {
            work.push(Work {
                path: PathBuf::from(&d.key),
                label: d.path.clone(),
                key: d.key.clone(),
            });
        }
    }
    let sizes: Vec<u64> = work
        .iter()
        .map(|w| std::fs::metadata(&w.path).map_or(0, |m| m.len()))
        .collect();
    let bar = progress(work.len(), sizes.iter().sum(), a.quiet);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let file_problems = Mutex::new(Vec::new());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let outcomes: Vec<Outcome> = pool.install(|| {
        work.par_iter()
            .zip(sizes.par_iter())
            .map(|(w, size)| {
                let o = process(w, &writer, &codebook, &file_problems);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                bar.set_message(format!("{n}/{} documents", work.len()));
                bar.inc(*size);
                o
            })
            .collect()
    });
    bar.finish_and_clear();
    writer.commit().context("cannot commit")?;
    problems.extend(file_problems.into_inner().unwrap_or_default());
    let mut counts = [0usize; 3];
    for o in &outcomes {
        match o {
            Outcome::Added => counts[0] += 1,
            Outcome::Updated => counts[1] += 1,
            Outcome::Unchanged => counts[2] += 1,
            Outcome::Failed(msg) => {
                crate::note!("argdex: {msg}");
                problems.push(msg.clone());
            }
        }
    }
    if !a.quiet {
        let reader = super::open_reader(index)?;
        let docs = reader.docs()?;
        let mut out = super::stdout();
        writeln!(
            out,
            "Ingested {} file(s) into {}: {} new, {} updated, {} unchanged, {} skipped",
            outcomes.len(),
            index.display(),
            counts[0],
            counts[1],
            counts[2],
            outcomes.len() - counts.iter().sum::<usize>(),
        )?;
        super::stats::write_summary(&mut out, &docs, &reader.meta.themes)?;
        out.flush()?;
    }
    if !problems.is_empty() {
        crate::note!(
            "argdex: {} problem(s); everything else was indexed:",
            problems.len()
        );
        for p in &problems {
            crate::note!("  {p}");
        }
        return Ok(Status::Problems);
    }
    Ok(Status::Found)
}
