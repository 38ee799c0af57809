//! Stage 4 of the pipeline: the tantivy index. `schema` defines the fields, `writer`
//! ingests incrementally (content hashes; a changed file replaces its records in one
//! commit), `reader` answers queries with exact filters and BM25 ranking.

pub mod reader;
pub mod schema;
pub mod writer;

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
}

/// What the index remembers about one ingested file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub doc_id: String,
    /// Path as given at ingest.
    pub path: String,
    /// Canonical absolute path: the identity used for incremental updates.
    pub key: String,
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
    if meta.schema_version != schema::SCHEMA_VERSION {
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
    match e {
        tantivy::TantivyError::LockFailure(..) => Error::Locked(dir.to_path_buf()),
        other => index_error(dir, other.to_string()),
    }
}
