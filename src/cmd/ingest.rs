//! `argdex ingest PATH...`: walk the inputs, run the pipeline on new or changed contents in
//! parallel, replace their records in one commit, and print a summary. A document is its
//! content: the same content under two paths is one document with two files; a renamed
//! file keeps its records (no re-analysis); files gone from an ingested folder (or, with
//! `--prune`, from anywhere) are removed. Problems with single files are reported and the
//! rest of the batch is still indexed (exit 2 at the end).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{IngestArgs, Status};
use crate::codebook::Codebook;
use crate::document;
use crate::index::writer::{Options, Writer};
use crate::index::{DocRecord, FileEntry, FileStat};
use crate::note;
use crate::pipeline;

/// What happened to one file.
enum Outcome {
    /// Its content was analysed and indexed: the record written (with this one file).
    Analyzed {
        file: FileEntry,
        rec: Box<DocRecord>,
    },
    /// Its content is indexed and current: at most its file entry changes. `read` is false
    /// when its stat alone said so (the file was not opened).
    Seen {
        file: FileEntry,
        doc_id: String,
        read: bool,
    },
    Failed {
        key: String,
        message: String,
    },
    /// A URL list or notes, not an article: skipped with a note (not an error).
    NotArticle {
        message: String,
    },
}

struct Work {
    path: PathBuf,
    label: String,
    key: String,
}

/// The canonical path of a file (its identity as a file), also for a file that is gone.
pub(crate) fn key_of(path: &Path) -> String {
    crate::walk::key_of(path).display().to_string()
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

/// Size, mtime, ctime, inode and device of a file, and size and mtime of its sidecar.
pub(crate) fn stat_of(path: &Path) -> Option<FileStat> {
    let m = std::fs::metadata(path).ok()?;
    let (mtime_s, mtime_ns) = mtime(&m)?;
    let sidecar = document::sidecar_path(path)
        .and_then(|s| std::fs::metadata(s).ok())
        .and_then(|m| mtime(&m).map(|(s, ns)| (m.len(), s, ns)));
    let (inode, dev, ctime_s, ctime_ns) = unix_stat(&m);
    Some(FileStat {
        size: m.len(),
        mtime_s,
        mtime_ns,
        inode,
        ctime_s,
        ctime_ns,
        dev,
        sidecar,
    })
}

/// How long after its last change a file's stat is trusted: a write within the same
/// timestamp tick as the one the stat shows would leave the stat unchanged ("racy git").
/// File systems with whole-second timestamps (no nanoseconds) get two seconds (FAT).
fn racy_window(st: &FileStat) -> std::time::Duration {
    if st.mtime_ns == 0 && st.ctime_ns == 0 {
        std::time::Duration::from_secs(2)
    } else {
        std::time::Duration::from_millis(100)
    }
}

/// True when `st` was taken too soon after the file's last change (mtime or ctime, of the
/// file or its sidecar) for an equal stat later to prove the content equal: such a stat is
/// not cached, so the next ingest hashes the file again. `now` is taken before the stat.
pub(crate) fn is_racy(st: &FileStat, now: std::time::SystemTime) -> bool {
    let at = |s: i64, ns: u32| {
        u64::try_from(s)
            .ok()
            .map(|s| std::time::UNIX_EPOCH + std::time::Duration::new(s, ns))
    };
    let changes = [
        at(st.mtime_s, st.mtime_ns),
        at(st.ctime_s, st.ctime_ns),
        st.sidecar.and_then(|(_, s, ns)| at(s, ns)),
    ];
    let window = racy_window(st);
    changes
        .into_iter()
        .flatten()
        .any(|t| now.duration_since(t).map_or(true, |age| age < window))
}

fn mtime(m: &std::fs::Metadata) -> Option<(i64, u32)> {
    let t = m.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// Inode, device and ctime (s, ns).
#[cfg(unix)]
fn unix_stat(m: &std::fs::Metadata) -> (u64, u64, i64, u32) {
    use std::os::unix::fs::MetadataExt;
    let ctime_ns = u32::try_from(m.ctime_nsec()).unwrap_or(0);
    (m.ino(), m.dev(), m.ctime(), ctime_ns)
}

#[cfg(not(unix))]
fn unix_stat(_: &std::fs::Metadata) -> (u64, u64, i64, u32) {
    (0, 0, 0, 0)
}

/// The stat cache: for every file of a document indexed with this codebook, its document
/// and the stat it had when last read (only stats that were not racy are kept).
type StatCache = HashMap<String, (String, FileStat)>;

fn stat_cache(known: &HashMap<String, DocRecord>, codebook: &str) -> StatCache {
    let mut cache = HashMap::new();
    for d in known.values().filter(|d| d.codebook == codebook) {
        for f in &d.files {
            if let Some(st) = f.stat {
                cache.insert(f.key.clone(), (d.doc_id.clone(), st));
            }
        }
    }
    cache
}

fn process(
    w: &Work,
    writer: &Writer,
    chosen: &Chosen,
    cache: &StatCache,
    claimed: &Mutex<HashSet<String>>,
    problems: &Mutex<Vec<String>>,
) -> Outcome {
    let failed = |message: String| Outcome::Failed {
        key: w.key.clone(),
        message,
    };
    let now = std::time::SystemTime::now();
    let stat = stat_of(&w.path);
    // The stat cache decides before any read: same size, times, inode and device as when
    // the file was last read (and that stat was not racy) means the same content.
    if let Some(st) = stat
        && let Some((doc_id, cached)) = cache.get(&w.key)
        && *cached == st
    {
        return Outcome::Seen {
            file: FileEntry {
                path: w.label.clone(),
                key: w.key.clone(),
                stat: Some(st),
            },
            doc_id: doc_id.clone(),
            read: false,
        };
    }
    let stat = stat.filter(|st| !is_racy(st, now));
    let bytes = match std::fs::read(&w.path) {
        Ok(b) => b,
        Err(e) => return failed(format!("{}: cannot read: {e}", w.label)),
    };
    let file = FileEntry {
        path: w.label.clone(),
        key: w.key.clone(),
        stat,
    };
    let hash = content_hash(&w.path, &bytes);
    let doc_id = pipeline::content_id(&bytes);
    // The same content twice in one run is analysed once; the other file joins it.
    let first = claimed.lock().map(|mut c| c.insert(doc_id.clone()));
    if writer.is_current(&doc_id, &hash) || matches!(first, Ok(false)) {
        return Outcome::Seen {
            file,
            doc_id,
            read: true,
        };
    }
    let doc = match document::load_bytes(&w.path, &w.label, &bytes) {
        Ok(d) => d,
        Err(e) => return failed(e.to_string()),
    };
    // After reading the document: the first files are read while the codebook compiles.
    let codebook = match chosen.get() {
        Ok(c) => c,
        Err(m) => return failed(m.to_string()),
    };
    if let Ok(mut p) = problems.lock() {
        p.extend(doc.errors.iter().cloned());
    }
    let records = pipeline::analyze(&doc, &doc_id, codebook);
    if document::Format::from_path(&w.path) != Some(document::Format::Html) {
        let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
        if let Some(why) = document::notes::not_an_article(&String::from_utf8_lossy(&bytes), &texts)
        {
            return Outcome::NotArticle {
                message: format!("{}: skipped: {why}", w.label),
            };
        }
    }
    let mut theme_claims = BTreeMap::new();
    for r in records.iter().filter(|r| r.is_claim) {
        for t in &r.themes {
            *theme_claims.entry(t.clone()).or_insert(0) += 1;
        }
    }
    let mut rec = DocRecord {
        doc_id: doc_id.clone(),
        path: w.label.clone(),
        key: w.key.clone(),
        file_id: doc_id.clone(),
        files: Vec::new(),
        hash,
        codebook: codebook.fingerprint().to_string(),
        meta: doc.meta.clone(),
        sentences: records.len(),
        claims: records.iter().filter(|r| r.is_claim).count(),
        theme_claims,
        warnings: doc.warnings.clone(),
    };
    rec.set_files(vec![file.clone()]);
    for warning in &doc.warnings {
        note!("argdex: warning: {warning}");
    }
    match writer.replace_sentences(&rec, &records) {
        Ok(()) => Outcome::Analyzed {
            file,
            rec: Box::new(rec),
        },
        Err(e) => failed(e.to_string()),
    }
}

/// A progress bar over bytes (documents in the message), only for long runs on a terminal.
fn progress(files: usize, bytes: u64, quiet: bool) -> ProgressBar {
    if quiet || (files < 50 && bytes < 5_000_000) {
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

/// The files of every indexed document, to be edited and then written back with
/// [`Files::apply`]: only documents whose file list changed are rewritten, and a document
/// left without files is removed.
pub(crate) struct Files {
    docs: HashMap<String, Vec<FileEntry>>,
    by_key: HashMap<String, String>,
}

impl Files {
    pub(crate) fn of(known: &HashMap<String, DocRecord>) -> Files {
        let mut docs = HashMap::new();
        let mut by_key = HashMap::new();
        for (id, d) in known {
            let files = d.files();
            for f in &files {
                by_key.insert(f.key.clone(), id.clone());
            }
            docs.insert(id.clone(), files);
        }
        Files { docs, by_key }
    }

    /// `file` now holds content `doc_id`; true when the file was not part of that document.
    fn attach(&mut self, file: FileEntry, doc_id: &str) -> bool {
        let was = self.by_key.insert(file.key.clone(), doc_id.to_string());
        if let Some(old) = was.as_deref().filter(|old| *old != doc_id) {
            self.detach_from(old, &file.key);
        }
        let files = self.docs.entry(doc_id.to_string()).or_default();
        let new = !files.iter().any(|f| f.key == file.key);
        files.retain(|f| f.key != file.key);
        files.push(file);
        new
    }

    fn detach_from(&mut self, doc_id: &str, key: &str) {
        if let Some(files) = self.docs.get_mut(doc_id) {
            files.retain(|f| f.key != key);
        }
    }

    /// Remove the files for which `gone` holds; returns their paths.
    pub(crate) fn detach_where(&mut self, mut gone: impl FnMut(&FileEntry) -> bool) -> Vec<String> {
        let mut removed = Vec::new();
        for files in self.docs.values_mut() {
            files.retain(|f| {
                let drop = gone(f);
                if drop {
                    removed.push(f.path.clone());
                }
                !drop
            });
        }
        self.by_key.clear();
        for (id, files) in &self.docs {
            for f in files {
                self.by_key.insert(f.key.clone(), id.clone());
            }
        }
        removed.sort();
        removed
    }

    /// Write what changed: the records of documents `analyzed` this run (their sentences are
    /// written already), the rewritten records of documents whose file lists changed, and
    /// removals. `current` has the records as they are now in the index (known, or analysed
    /// this run). Returns the number of documents removed.
    pub(crate) fn apply(
        self,
        writer: &Writer,
        current: &HashMap<String, DocRecord>,
        analyzed: &HashSet<&str>,
    ) -> anyhow::Result<usize> {
        let mut removed = 0;
        for (id, files) in self.docs {
            let Some(rec) = current.get(&id) else {
                continue;
            };
            if files.is_empty() {
                writer.remove_doc(rec);
                removed += 1;
                continue;
            }
            let mut next = rec.clone();
            next.set_files(files);
            if analyzed.contains(id.as_str()) {
                writer.add_doc(&next)?;
            } else if next.files != rec.files() || next.path != rec.path {
                writer.rewrite_doc(&next)?;
            }
        }
        Ok(removed)
    }
}

/// The codebook of this ingest, compiled only when a file has to be analysed: a re-ingest
/// of an unchanged tree with the codebook the index was built with never compiles it
/// (its fingerprint and theme ids are known without compiling).
struct Chosen {
    fingerprint: String,
    themes: Vec<String>,
    /// TOML text and path of a codebook that is not the built-in one.
    source: Option<(String, String)>,
    compiled: std::sync::OnceLock<std::result::Result<Codebook, String>>,
}

impl Chosen {
    fn get(&self) -> std::result::Result<&Codebook, &str> {
        self.compiled
            .get_or_init(|| compile(&self.source).map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(String::as_str)
    }
}

fn compile(source: &Option<(String, String)>) -> anyhow::Result<Codebook> {
    match source {
        Some((src, path)) => {
            Codebook::from_toml(src, path).with_context(|| format!("cannot load codebook {path}"))
        }
        None => Ok(Codebook::builtin()),
    }
}

/// The codebook to ingest with: `--codebook FILE` (or `builtin`), else the one the index
/// remembers, else the built-in one. Also its TOML text and path when it is not built in.
/// A codebook file is compiled now (so a bad codebook fails before any work) unless the
/// index was built with exactly this source; the built-in one starts compiling on a thread
/// of its own (it cannot fail).
fn choose_codebook(index: &Path, a: &IngestArgs) -> anyhow::Result<Chosen> {
    let prev = index
        .join(crate::index::META_FILE)
        .exists()
        .then(|| crate::index::read_meta(index).ok())
        .flatten();
    let chosen = match &a.codebook {
        Some(p) if p.as_os_str() == "builtin" => None,
        Some(p) => {
            let src = std::fs::read_to_string(p)
                .with_context(|| format!("cannot load codebook {}", p.display()))?;
            Some((src, p.display().to_string()))
        }
        None => match prev.as_ref().and_then(|m| {
            m.codebook_source
                .clone()
                .map(|s| (s, m.codebook_path.clone()))
        }) {
            Some((src, path)) => {
                let path = path.unwrap_or_else(|| "the index's codebook".into());
                if !a.quiet {
                    note!(
                        "argdex: note: using the codebook this index was built with ({path}); \
                         `--codebook builtin` switches to the built-in one"
                    );
                }
                Some((src, path))
            }
            None => None,
        },
    };
    let fingerprint = crate::codebook::fingerprint_of(
        chosen
            .as_ref()
            .map_or(crate::codebook::DEFAULT_TOML, |(src, _)| src.as_str()),
    );
    let compiled = std::sync::OnceLock::new();
    let themes = match prev
        .as_ref()
        .filter(|m| m.codebook == fingerprint && !m.themes.is_empty() && !a.rebuild)
    {
        Some(m) => m.themes.clone(),
        // The built-in codebook (tested, so it compiles) compiles beside the walk and the
        // first files' reading; its theme ids come from its TOML.
        None if chosen.is_none() => {
            crate::codebook::compile_builtin_in_background();
            crate::codebook::theme_ids_of(crate::codebook::DEFAULT_TOML)
        }
        None => {
            let cb = compile(&chosen)?;
            let themes = cb.theme_ids();
            let _ = compiled.set(Ok(cb));
            themes
        }
    };
    let path = chosen.as_ref().map(|(_, p)| p.clone());
    if let Some(m) = &prev
        && m.codebook != fingerprint
        && !a.rebuild
    {
        let from = m
            .codebook_path
            .as_deref()
            .unwrap_or("the built-in codebook");
        let to = path.as_deref().unwrap_or("the built-in codebook");
        note!(
            "argdex: note: switching codebook from {from} ({}) to {to} ({}): every indexed document is re-tagged",
            m.codebook,
            fingerprint
        );
    }
    Ok(Chosen {
        fingerprint,
        themes,
        source: chosen,
        compiled,
    })
}

/// Run `argdex ingest`.
pub fn run(index: &Path, a: IngestArgs) -> anyhow::Result<Status> {
    let codebook = choose_codebook(index, &a)?;
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let walk = crate::walk::walk(&a.paths, index, &a.exclude)?;
    let mut problems: Vec<String> = walk
        .problems
        .iter()
        .map(|(p, m)| format!("{}: {m}", p.display()))
        .collect();
    for p in &problems {
        note!("argdex: {p}");
    }
    if !walk.skipped_other.is_empty() && !a.quiet {
        let examples: Vec<String> = walk
            .skipped_other
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        note!(
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
    let mut writer = Writer::open(index, &codebook.fingerprint, codebook.themes.clone(), &opts)
        .context("cannot open the index for writing")?;
    writer.set_codebook_source(
        codebook.source.as_ref().map(|(s, _)| s.clone()),
        codebook.source.as_ref().map(|(_, p)| p.clone()),
    );
    let mut work: Vec<Work> = walk
        .files
        .iter()
        .zip(&walk.keys)
        .map(|(p, key)| Work {
            path: p.clone(),
            label: p.display().to_string(),
            key: key.display().to_string(),
        })
        .collect();
    // A changed codebook re-tags every indexed document, not only the ones named this time.
    let named: HashSet<String> = work.iter().map(|w| w.key.clone()).collect();
    for d in writer.known().values() {
        let files = d.files();
        if d.codebook != codebook.fingerprint
            && !files.iter().any(|f| named.contains(&f.key))
            && let Some(f) = files.iter().find(|f| Path::new(&f.key).exists())
        {
            work.push(Work {
                path: PathBuf::from(&f.key),
                label: f.path.clone(),
                key: f.key.clone(),
            });
        }
    }
    // File sizes are for the progress bar alone: no `stat` a file when none can show.
    let quiet = a.quiet || !std::io::stderr().is_terminal();
    let sizes: Vec<u64> = work
        .iter()
        .map(|w| {
            if quiet {
                0
            } else {
                std::fs::metadata(&w.path).map_or(0, |m| m.len())
            }
        })
        .collect();
    let bar = progress(work.len(), sizes.iter().sum(), quiet);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let file_problems = Mutex::new(Vec::new());
    let claimed = Mutex::new(HashSet::new());
    let cache = stat_cache(writer.known(), &codebook.fingerprint);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let outcomes: Vec<Outcome> = pool.install(|| {
        work.par_iter()
            .zip(sizes.par_iter())
            .map(|(w, size)| {
                let o = process(w, &writer, &codebook, &cache, &claimed, &file_problems);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                bar.set_message(format!("{n}/{} documents", work.len()));
                bar.inc(*size);
                o
            })
            .collect()
    });
    bar.finish_and_clear();

    // The files of each document after this run.
    let mut files = Files::of(writer.known());
    let mut seen: HashSet<String> = HashSet::new();
    let mut counts = Counts::default();
    // The records as they are in the index now: known, and those written this run.
    let mut current = writer.known().clone();
    for o in &outcomes {
        match o {
            Outcome::Analyzed { file, rec } => {
                seen.insert(file.key.clone());
                // A path that held other content before is an edited file: updated.
                let known_path = files.by_key.contains_key(&file.key);
                files.attach(file.clone(), &rec.doc_id);
                current.insert(rec.doc_id.clone(), (**rec).clone());
                if known_path || writer.known().contains_key(&rec.doc_id) {
                    counts.updated += 1;
                } else {
                    counts.new += 1;
                }
            }
            Outcome::Seen { file, doc_id, read } => {
                counts.by_stat += usize::from(!*read);
                seen.insert(file.key.clone());
                if files.attach(file.clone(), doc_id) {
                    counts.linked += 1;
                } else {
                    counts.unchanged += 1;
                }
            }
            Outcome::Failed { key, message } => {
                seen.insert(key.clone());
                note!("argdex: {message}");
                problems.push(message.clone());
            }
            // Not seen: a file indexed before that is now recognised as notes goes.
            Outcome::NotArticle { message } => note!("argdex: note: {message}"),
        }
    }
    // Files gone from a folder walked now, or (--prune) from anywhere.
    let folders: Vec<String> = walk
        .folders
        .iter()
        .map(|f| format!("{}{}", f.display(), std::path::MAIN_SEPARATOR))
        .collect();
    let gone = files.detach_where(|f| {
        !seen.contains(&f.key)
            && (folders.iter().any(|d| f.key.starts_with(d.as_str()))
                || (a.prune && !Path::new(&f.key).exists()))
    });
    let analyzed: HashSet<&str> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Analyzed { rec, .. } => Some(rec.doc_id.as_str()),
            _ => None,
        })
        .collect();
    if let Err(e) = files.apply(&writer, &current, &analyzed) {
        // A failed write stops tantivy's indexing threads, and then their commit fails too,
        // with the cause (disk full, read-only), committing nothing: report that cause.
        writer.commit().context("cannot commit")?;
        return Err(e);
    }
    writer.commit().context("cannot commit")?;
    problems.extend(file_problems.into_inner().unwrap_or_default());
    if !a.quiet {
        for p in &gone {
            let why = if Path::new(p.as_str()).exists() {
                "still on disk, but now excluded, ignored or not an article"
            } else {
                "no longer on disk"
            };
            note!("argdex: removed {p} ({why})");
        }
        let reader = super::open_reader(index)?;
        let docs = reader.docs()?;
        let mut out = super::stdout();
        let skipped = outcomes.len() - counts.total();
        writeln!(
            out,
            "Ingested {} file(s) into {}: {} new, {} updated, {} unchanged, {} renamed or copied, {} removed, {} skipped ({} read, {} unchanged by stat alone)",
            outcomes.len(),
            index.display(),
            counts.new,
            counts.updated,
            counts.unchanged,
            counts.linked,
            gone.len(),
            skipped,
            outcomes.len() - counts.by_stat,
            counts.by_stat,
        )?;
        super::stats::write_summary(&mut out, &docs, &reader.meta.themes)?;
        out.flush()?;
    }
    if !problems.is_empty() {
        note!(
            "argdex: {} problem(s); everything else was indexed:",
            problems.len()
        );
        for p in &problems {
            note!("  {p}");
        }
        return Ok(Status::Problems);
    }
    Ok(Status::Found)
}

#[derive(Default)]
struct Counts {
    new: usize,
    updated: usize,
    unchanged: usize,
    linked: usize,
    /// Unchanged files decided by their stat alone (not read).
    by_stat: usize,
}

impl Counts {
    fn total(&self) -> usize {
        self.new + self.updated + self.unchanged + self.linked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    fn stat_at(t: SystemTime) -> FileStat {
        let d = t.duration_since(UNIX_EPOCH).unwrap();
        FileStat {
            size: 10,
            mtime_s: d.as_secs() as i64,
            mtime_ns: d.subsec_nanos().max(1),
            inode: 1,
            ctime_s: d.as_secs() as i64,
            ctime_ns: d.subsec_nanos().max(1),
            dev: 1,
            sidecar: None,
        }
    }

    #[test]
    fn a_stat_taken_within_the_timestamp_tick_of_a_change_is_racy() {
        let now = SystemTime::now();
        assert!(is_racy(&stat_at(now), now));
        assert!(is_racy(&stat_at(now - Duration::from_millis(20)), now));
        assert!(!is_racy(&stat_at(now - Duration::from_secs(1)), now));
        // A change "in the future" (clock skew) is racy too.
        assert!(is_racy(&stat_at(now + Duration::from_secs(5)), now));
        // Whole-second file systems: two seconds.
        let mut coarse = stat_at(now - Duration::from_secs(1));
        coarse.mtime_ns = 0;
        coarse.ctime_ns = 0;
        assert!(is_racy(&coarse, now));
        // A sidecar changed just now makes the stat racy.
        let mut side = stat_at(now - Duration::from_secs(60));
        let d = now.duration_since(UNIX_EPOCH).unwrap();
        side.sidecar = Some((3, d.as_secs() as i64, d.subsec_nanos()));
        assert!(is_racy(&side, now));
    }
}
