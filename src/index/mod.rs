//! Stage 4 of the pipeline: the tantivy index. `schema` defines the fields, `writer`
//! ingests incrementally (content hashes; a changed file replaces its records in one
//! commit), `reader` answers queries with exact filters and BM25 ranking, `tokenizer` is
//! the analyzer of the `text` field (tantivy's `en_stem`, with a term cache), `merge` bounds
//! the segment merges that follow a commit.

mod merge;
pub mod reader;
mod readonly;
pub mod schema;
pub(crate) mod tokenizer;
pub mod writer;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Metadata;
use crate::error::{Error, Result};

/// Name of argdex's own metadata file inside the index directory.
pub const META_FILE: &str = "argdex.json";

/// argdex's record of the index: schema version and codebook in force.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    pub schema_version: u32,
    pub codebook: String,
    /// Theme ids of that codebook (to validate `--theme`).
    #[serde(default)]
    pub themes: Vec<String>,
    /// The TOML text of a codebook given with `--codebook` (absent: the built-in one), so
    /// that a later ingest without `--codebook` keeps tagging with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codebook_source: Option<String>,
    /// Where that codebook was read from (for messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codebook_path: Option<String>,
}

/// One file holding a document's content: the same content under two paths is one
/// document with two files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path as given at ingest.
    pub path: String,
    /// Canonical absolute path.
    pub key: String,
    /// Size, modification time and inode when last read: an unchanged stat means an
    /// unchanged file, so re-ingest does not read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat: Option<FileStat>,
}

/// What `stat` says about a file (and its sidecar, whose content is part of the hash).
/// Ingest trusts an unchanged stat and does not read the file (as git does); fields a
/// platform lacks are 0 (inode, device and ctime are unix-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    pub size: u64,
    pub mtime_s: i64,
    pub mtime_ns: u32,
    pub inode: u64,
    /// Inode change time (s, ns): changes with every write, even when the mtime is reset.
    #[serde(default)]
    pub ctime_s: i64,
    #[serde(default)]
    pub ctime_ns: u32,
    /// Device of the file system holding the file.
    #[serde(default)]
    pub dev: u64,
    /// Size and mtime (s, ns) of the sidecar, if any.
    #[serde(default)]
    pub sidecar: Option<(u64, i64, u32)>,
}

/// What the index remembers about one ingested file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    /// Content hash: the document's identity.
    pub doc_id: String,
    /// Path as given at ingest (of the first file with this content).
    pub path: String,
    /// Canonical absolute path of that file.
    pub key: String,
    /// Stored with each sentence to find its document (the `doc_id`).
    pub file_id: String,
    /// Every file with this content, `path` first (empty in records made before copies
    /// were tracked: then `path`/`key` is the only file).
    #[serde(default)]
    pub files: Vec<FileEntry>,
    /// Hash of the file content (and sidecar).
    pub hash: String,
    /// Fingerprint of the codebook that tagged it.
    pub codebook: String,
    pub meta: Metadata,
    pub sentences: usize,
    pub claims: usize,
    /// Claims per theme id.
    #[serde(default)]
    pub theme_claims: std::collections::BTreeMap<String, usize>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl DocRecord {
    /// The files of this document (at least the one of `path`/`key`).
    pub fn files(&self) -> Vec<FileEntry> {
        if self.files.is_empty() {
            vec![FileEntry {
                path: self.path.clone(),
                key: self.key.clone(),
                stat: None,
            }]
        } else {
            self.files.clone()
        }
    }

    /// Every path of this document, as given at ingest.
    pub fn paths(&self) -> Vec<String> {
        self.files().into_iter().map(|f| f.path).collect()
    }

    /// Set the files (sorted by path; the first becomes `path`/`key`).
    pub fn set_files(&mut self, mut files: Vec<FileEntry>) {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(f.key.clone()));
        if let Some(first) = files.first() {
            self.path = first.path.clone();
            self.key = first.key.clone();
        }
        self.files = files;
    }
}

/// What is stored for each sentence: only what differs from sentence to sentence. The
/// document's metadata is stored once, in its [`DocRecord`], and joined back on reading.
/// Written from a borrowed record ([`StoredSentence::from_record`], nothing copied), read
/// back owned (`StoredSentence<'static>`). Fields at their default (`false`, empty, the
/// author's voice) are left out: most sentences are not claims and carry no theme, and
/// the keys were a fifth of the stored bytes. Records written in full read the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSentence<'a> {
    pub file_id: Cow<'a, str>,
    pub paragraph: usize,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_claim: bool,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub themes: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub evidence: Cow<'a, [crate::record::Evidence]>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub claim_cues: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub hedged: bool,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub actors: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "is_author")]
    pub voice: crate::voice::Voice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Cow<'a, str>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_empty<T>(list: &[T]) -> bool {
    list.is_empty()
}

fn is_author(v: &crate::voice::Voice) -> bool {
    *v == crate::voice::Voice::Author
}

impl<'a> StoredSentence<'a> {
    /// The stored part of a record, borrowed from it.
    pub fn from_record(file_id: &'a str, r: &'a crate::record::Record) -> StoredSentence<'a> {
        StoredSentence {
            file_id: Cow::Borrowed(file_id),
            paragraph: r.paragraph,
            sentence: r.sentence,
            start: r.start,
            end: r.end,
            text: Cow::Borrowed(&r.text),
            is_claim: r.is_claim,
            themes: Cow::Borrowed(&r.themes),
            evidence: Cow::Borrowed(&r.evidence),
            claim_cues: Cow::Borrowed(&r.claim_cues),
            hedged: r.hedged,
            actors: Cow::Borrowed(&r.actors),
            voice: r.voice,
            speaker: r.speaker.as_deref().map(Cow::Borrowed),
        }
    }

    /// The full record, given its document and the document's shared fields.
    pub fn into_record(
        self,
        doc: &DocRecord,
        fields: &crate::record::Shared,
    ) -> crate::record::Record {
        crate::record::Record {
            id: format!("{}-{}", doc.doc_id, self.sentence),
            doc_id: doc.doc_id.clone(),
            doc: fields.clone(),
            paragraph: self.paragraph,
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            text: self.text.into_owned(),
            is_claim: self.is_claim,
            themes: self.themes.into_owned(),
            evidence: self.evidence.into_owned(),
            claim_cues: self.claim_cues.into_owned(),
            hedged: self.hedged,
            actors: self.actors.into_owned(),
            voice: self.voice,
            speaker: self.speaker.map(Cow::into_owned),
            context_before: Vec::new(),
            context_after: Vec::new(),
        }
    }
}

/// Short id of a file's canonical path.
pub fn file_id(key: &str) -> String {
    blake3::hash(key.as_bytes()).to_hex()[..16].to_string()
}

/// Read `argdex.json`, with clear errors for a missing or incompatible index.
pub fn read_meta(dir: &Path) -> Result<IndexMeta> {
    let path = dir.join(META_FILE);
    let src = std::fs::read_to_string(&path)
        .map_err(|e| index_error(dir, format!("cannot read {}: {e}", path.display())))?;
    let meta: IndexMeta = serde_json::from_str(&src).map_err(|e| {
        index_error(
            dir,
            format!(
                "{} is corrupted ({e}); run `argdex ingest --rebuild PATH...`",
                path.display()
            ),
        )
    })?;
    if !(schema::OLDEST_SCHEMA..=schema::SCHEMA_VERSION).contains(&meta.schema_version) {
        return Err(index_error(
            dir,
            format!(
                "made by an incompatible argdex (schema {} here, {} expected); run `argdex ingest --rebuild PATH...`",
                meta.schema_version,
                schema::SCHEMA_VERSION
            ),
        ));
    }
    Ok(meta)
}

/// Write `argdex.json` atomically (write a temporary file, then rename).
pub fn write_meta(dir: &Path, meta: &IndexMeta) -> Result<()> {
    let tmp = dir.join(format!("{META_FILE}.tmp"));
    let json = serde_json::to_string_pretty(meta).map_err(|e| index_error(dir, e.to_string()))?;
    std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, dir.join(META_FILE)).map_err(|e| Error::io(dir.join(META_FILE), e))
}

pub(crate) fn index_error(dir: &Path, message: impl Into<String>) -> Error {
    Error::Index {
        path: PathBuf::from(dir),
        message: message.into(),
    }
}

pub(crate) fn tantivy_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    use tantivy::directory::error::LockError;
    match e {
        tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
            Error::Locked(dir.to_path_buf())
        }
        other => match storage_problem(&other) {
            Some(problem) => index_error(dir, problem),
            // A worker thread that failed on a write leaves only this generic error for
            // every later document; the commit then reports the real cause.
            None if matches!(other, tantivy::TantivyError::ErrorInThread(_)) => index_error(
                dir,
                "the index writer stopped after a failed write (the commit below gives the cause)",
            ),
            None => index_error(dir, other.to_string()),
        },
    }
}

/// The `io::Error` a tantivy error carries, by variant: tantivy keeps it in fields that are
/// not error sources (`IoError(Arc<io::Error>)`, `OpenWriteError::IoError { io_error, .. }`
/// …), so the source chain alone does not reach it.
fn tantivy_io_error(e: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
    match e {
        T::IoError(io)
        | T::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
        | T::OpenReadError(OpenReadError::IoError { io_error: io, .. })
        | T::OpenDirectoryError(
            OpenDirectoryError::IoError { io_error: io, .. }
            | OpenDirectoryError::FailedToCreateTempDir(io),
        )
        | T::LockFailure(LockError::IoError(io), _) => Some(io.as_ref()),
        _ => None,
    }
}

/// The OS error a message names (`… (os error 28) …`): where tantivy keeps only the text
/// of an `io::Error` (a worker thread's failure becomes `ErrorInThread(String)`), its
/// code is all that is left of it.
fn os_error_in(message: &str) -> Option<std::io::ErrorKind> {
    let at = message.find("(os error ")? + "(os error ".len();
    let digits: String = message[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let code = digits.parse::<i32>().ok()?;
    Some(std::io::Error::from_raw_os_error(code).kind())
}

/// A plain explanation of the storage failures a user can fix (disk full, read-only or
/// unwritable index directory): from the `io::Error` the tantivy error carries, else one
/// in its source chain, else the OS error code its message gives.
fn storage_problem(e: &tantivy::TantivyError) -> Option<String> {
    use std::io::ErrorKind;
    let mut kind = tantivy_io_error(e).map(std::io::Error::kind);
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while kind.is_none()
        && let Some(err) = cur
    {
        kind = err
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind);
        cur = err.source();
    }
    let kind = kind.or_else(|| os_error_in(&e.to_string())).filter(|k| {
        matches!(
            k,
            ErrorKind::StorageFull | ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
        )
    })?;
    let cause = match kind {
        ErrorKind::StorageFull => "no space left on device",
        ErrorKind::ReadOnlyFilesystem => "the index directory is on a read-only file system",
        _ => "permission denied writing to the index directory",
    };
    Some(format!(
        "{cause}; nothing from this run was committed (the index keeps its last commit). \
         Free space or fix permissions, then run the same ingest again"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error as IoError, ErrorKind};
    use std::sync::Arc;
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenReadError, OpenWriteError};

    #[test]
    fn stored_sentences_leave_out_defaults_and_read_back_either_form() {
        let plain = StoredSentence {
            file_id: Cow::Borrowed("f"),
            paragraph: 1,
            sentence: 2,
            start: 3,
            end: 9,
            text: Cow::Borrowed("It rained."),
            is_claim: false,
            themes: Cow::Owned(Vec::new()),
            evidence: Cow::Owned(Vec::new()),
            claim_cues: Cow::Owned(Vec::new()),
            hedged: false,
            actors: Cow::Owned(Vec::new()),
            voice: crate::voice::Voice::Author,
            speaker: None,
        };
        let json = serde_json::to_string(&plain).unwrap();
        assert_eq!(
            json,
            r#"{"file_id":"f","paragraph":1,"sentence":2,"start":3,"end":9,"text":"It rained."}"#
        );
        assert_eq!(
            serde_json::from_str::<StoredSentence>(&json).unwrap(),
            plain
        );
        // As records were stored before: every field written.
        let full = r#"{"file_id":"f","paragraph":1,"sentence":2,"start":3,"end":9,"text":"It rained.","is_claim":false,"themes":[],"evidence":[],"claim_cues":[],"hedged":false,"actors":[],"voice":"author"}"#;
        assert_eq!(serde_json::from_str::<StoredSentence>(full).unwrap(), plain);
        let tagged = StoredSentence {
            is_claim: true,
            themes: Cow::Owned(vec!["burden-sharing".to_string()]),
            claim_cues: Cow::Owned(vec!["prescriptive:should".to_string()]),
            hedged: true,
            actors: Cow::Owned(vec!["japan".to_string()]),
            voice: crate::voice::Voice::Reported,
            speaker: Some(Cow::Borrowed("Kishida")),
            ..plain.clone()
        };
        let json = serde_json::to_string(&tagged).unwrap();
        for key in [
            "is_claim",
            "themes",
            "claim_cues",
            "hedged",
            "actors",
            "voice",
            "speaker",
        ] {
            assert!(json.contains(&format!("\"{key}\":")), "{key}: {json}");
        }
        assert_eq!(
            serde_json::from_str::<StoredSentence>(&json).unwrap(),
            tagged
        );
    }

    #[test]
    fn storage_problems_found_in_each_variant_that_carries_an_io_error() {
        let full = || Arc::new(IoError::from(ErrorKind::StorageFull));
        let cases: Vec<(&str, T, Option<&str>)> = vec![
            (
                "IoError",
                T::IoError(full()),
                Some("no space left on device"),
            ),
            (
                "OpenWriteError",
                T::OpenWriteError(OpenWriteError::IoError {
                    io_error: Arc::new(IoError::from(ErrorKind::ReadOnlyFilesystem)),
                    filepath: PathBuf::from("x.idx"),
                }),
                Some("read-only file system"),
            ),
            (
                "OpenReadError",
                T::OpenReadError(OpenReadError::IoError {
                    io_error: Arc::new(IoError::from(ErrorKind::PermissionDenied)),
                    filepath: PathBuf::from("x.idx"),
                }),
                Some("permission denied"),
            ),
            (
                "a message with the OS error code only",
                T::ErrorInThread("write failed: No space left on device (os error 28)".into()),
                Some("no space left on device"),
            ),
            (
                "another io error",
                T::IoError(Arc::new(IoError::from(ErrorKind::NotFound))),
                None,
            ),
            (
                "a schema error naming a kind in its text",
                T::SchemaError("StorageFull".into()),
                None,
            ),
        ];
        for (what, e, want) in cases {
            let got = storage_problem(&e);
            match want {
                Some(w) => assert!(
                    got.as_deref().is_some_and(|g| g.contains(w)),
                    "{what}: {got:?}"
                ),
                None => assert_eq!(got, None, "{what}"),
            }
        }
    }
}
