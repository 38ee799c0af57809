//! Library error type: every stage of the pipeline reports failures through [`Error`].
//! The binary wraps these with `anyhow` context naming the file or option involved.

use std::path::PathBuf;

/// Errors raised by the argdex library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading a file or directory failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be used as a text document (binary, empty, ...).
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// A codebook (or sidecar / front matter, or imported dictionary) is malformed.
    /// `column` 0: the line only (`file.dic:29: problem`).
    #[error("{origin}:{line}{}: {message}", col_suffix(*.column))]
    Config {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The search index reported an error.
    #[error("index {path}: {message}")]
    Index { path: PathBuf, message: String },
    /// A query or filter is invalid.
    #[error("{0}")]
    Query(String),
    /// Another process holds the index lock.
    #[error("index locked by another argdex process: {0}")]
    Locked(PathBuf),
}

fn col_suffix(column: usize) -> String {
    if column == 0 {
        String::new()
    } else {
        format!(":{column}")
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wrap an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
