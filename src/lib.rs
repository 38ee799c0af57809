//! argdex: a searchable, citable index of the arguments in a folder of policy commentaries.
//!
//! The pipeline, in order:
//! [`document`] (read, metadata, boilerplate, paragraphs) →
//! [`segment`] (sentences) →
//! [`codebook`] (claim cues in `codebook::claims`, themes, evidence) →
//! [`index`] (tantivy: schema, writer, reader), and [`eval`] (agreement with a human-coded
//! file). [`pipeline`] wires the stages together.
//!
//! The library knows nothing of the command line: clap, anyhow and terminal output (`cli`,
//! `cmd`, `output`, `report`) belong to the `argdex` binary (`src/main.rs`), so the library's
//! API is only the pipeline, and rustc's dead-code lint sees the binary's code.
//!
//! Nothing derived from user input is ever `unwrap()`ped or `expect()`ed: the lints below
//! deny both outside tests (`clippy.toml` allows them in tests). The one sanctioned
//! `expect` is [`static_regex`], for patterns written in this source.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod ascii;
pub mod codebook;
pub mod document;
pub mod error;
pub mod pipeline;
pub mod record;
pub mod segment;
pub mod select;
pub mod voice;

pub use error::{Error, Result};
pub use record::{Evidence, Record};
pub mod eval;
pub mod fit;
pub mod index;
pub mod walk;

/// Compile a regex written in this crate's source (never user input). A bad pattern is a
/// programming error: every such regex is a `LazyLock` that the unit tests force.
#[allow(clippy::expect_used)]
pub(crate) fn static_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("static regex")
}
