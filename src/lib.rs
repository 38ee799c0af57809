//! argdex: a searchable, citable index of the arguments in a folder of policy commentaries.
//!
//! The pipeline, in order:
//! [`document`] (read, metadata, boilerplate, paragraphs) →
//! [`segment`] (sentences) →
//! [`claim`] and [`codebook`] (claims, themes, evidence) →
//! `index` (tantivy: schema, writer, reader) →
//! `output` (table, JSON, CSV).
//! [`pipeline`] wires the stages together; `cli` and `cmd` are the command line.

pub mod claim;
pub mod codebook;
pub mod document;
pub mod error;
pub mod pipeline;
pub mod record;
pub mod segment;

pub use error::{Error, Result};
pub use record::{Evidence, Record};
pub mod cli;
pub mod cmd;
pub mod eval;
pub mod index;
pub mod output;
pub mod report;
pub mod walk;
