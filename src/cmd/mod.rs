//! One module per subcommand, each with `run(args) -> Result<Status>`. Commands are thin:
//! they parse options into library calls and print.

pub mod codebook;
pub mod completions;
pub mod docs;
pub mod eval;
pub mod explain;
pub mod export;
pub mod ingest;
pub mod query;
pub mod remove;
pub mod report;
pub mod segment;
pub mod show;
pub mod stats;
pub mod text;

use std::io::Write;
use std::path::Path;

use crate::index::reader::{Filter, Reader};

/// Open the index for reading. The library's error already names the index and gives the
/// fix, so it is passed on as is (one line: `argdex: index DIR: cause; hint`).
pub fn open_reader(index: &Path) -> anyhow::Result<Reader> {
    Ok(Reader::open(index)?)
}

/// Build a filter from the shared options, checking theme names against the index.
pub fn filter_from(reader: &Reader, args: &crate::cli::FilterArgs) -> anyhow::Result<Filter> {
    let known = &reader.meta.themes;
    for t in &args.themes {
        if !known.is_empty() && !known.contains(t) {
            anyhow::bail!("unknown theme {t:?}; valid themes: {}", known.join(", "));
        }
    }
    let genre = match &args.genre {
        None => None,
        Some(g) => match crate::document::genre::Genre::parse(g) {
            Some(g) => Some(g.as_str().to_string()),
            None => anyhow::bail!(
                "unknown genre {g:?}; valid genres: {}",
                crate::document::genre::Genre::ALL
                    .map(|g| g.as_str())
                    .join(", ")
            ),
        },
    };
    Ok(Filter {
        themes: args.themes.clone(),
        author: args.author.clone(),
        speaker: args.speaker.clone(),
        actors: args.actors.clone(),
        // What someone is quoted or reported as saying is never the author's claim:
        // a speaker filter looks at every body sentence.
        all: args.all || args.speaker.is_some(),
        doc_id: None,
        genre,
    })
}

/// Buffered, locked standard output (see [`crate::output::stdout`]).
pub fn stdout() -> Box<dyn Write> {
    crate::output::stdout()
}
