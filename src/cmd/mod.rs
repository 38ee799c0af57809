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

use anyhow::Context;

use crate::index::reader::{Filter, Reader};

/// Open the index for reading. The library's error already names the index and gives the
/// fix, so it is passed on as is (one line: `argdex: index DIR: cause; hint`).
pub fn open_reader(index: &Path) -> anyhow::Result<Reader> {
    Ok(Reader::open(index)?)
}

/// The codebook the index was built with (its remembered TOML, else the built-in one).
pub fn index_codebook(reader: &Reader) -> anyhow::Result<crate::codebook::Codebook> {
    match &reader.meta.codebook_source {
        None => Ok(crate::codebook::Codebook::builtin()),
        Some(src) => {
            let origin = reader.meta.codebook_path.as_deref().unwrap_or("codebook");
            crate::codebook::Codebook::from_toml(src, origin)
                .with_context(|| format!("cannot load the index's codebook ({origin})"))
        }
    }
}

/// Build a filter from the shared options: theme ids (any case, parents of nested
/// themes, "did you mean"), actor ids or aliases, the genre, and the document-level
/// filters (dates, publisher, `--doc`) resolved to a set of document ids.
pub fn filter_from(reader: &Reader, args: &crate::cli::FilterArgs) -> anyhow::Result<Filter> {
    use crate::select;
    let known = &reader.meta.themes;
    let mut themes = Vec::new();
    for t in &args.themes {
        if known.is_empty() {
            themes.push(vec![t.clone()]);
        } else {
            themes.push(select::resolve_theme(t, known)?);
        }
    }
    let mut actors = Vec::new();
    if !args.actors.is_empty() {
        let codebook = index_codebook(reader)?;
        for a in &args.actors {
            actors.push(select::resolve_actor(a, &codebook.gazetteer)?);
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
    let since = args
        .since
        .as_deref()
        .map(|s| select::parse_bound("--since", s))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| select::parse_bound("--until", s))
        .transpose()?;
    let doc_ids = if since.is_some()
        || until.is_some()
        || args.publisher.is_some()
        || !args.docs.is_empty()
    {
        let docs = reader.docs()?;
        let mut chosen: Option<std::collections::BTreeSet<String>> = None;
        if !args.docs.is_empty() {
            let mut set = std::collections::BTreeSet::new();
            for needle in &args.docs {
                let found = select::docs_matching(&docs, needle);
                if found.is_empty() {
                    anyhow::bail!(
                        "--doc {needle:?} matches no indexed document (give an id, a path or words of a title; `argdex docs` lists them)"
                    );
                }
                set.extend(found.into_iter().map(|d| d.doc_id.clone()));
            }
            chosen = Some(set);
        }
        let publisher = args.publisher.as_deref().map(str::to_lowercase);
        let ids: Vec<String> = docs
            .iter()
            .filter(|d| chosen.as_ref().is_none_or(|c| c.contains(&d.doc_id)))
            .filter(|d| select::date_in(d.meta.date.as_deref(), since, until))
            .filter(|d| {
                publisher.as_deref().is_none_or(|p| {
                    d.meta
                        .publisher
                        .as_deref()
                        .is_some_and(|x| x.to_lowercase().contains(p))
                })
            })
            .map(|d| d.doc_id.clone())
            .collect();
        Some(ids)
    } else {
        None
    };
    Ok(Filter {
        themes,
        author: args.author.clone(),
        speaker: args.speaker.clone(),
        actors,
        // What someone is quoted or reported as saying is never the author's claim:
        // a speaker filter looks at every body sentence.
        all: args.all || args.speaker.is_some(),
        doc_id: None,
        doc_ids,
        themed: args.themed,
        genre,
        untagged: false,
    })
}

/// Buffered, locked standard output (see [`crate::output::stdout`]).
pub fn stdout() -> Box<dyn Write> {
    crate::output::stdout()
}
