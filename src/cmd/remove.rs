//! `argdex remove PATH...`: take files (or every file under a folder) out of the index,
//! whether or not they still exist on disk. A document keeps its records while another
//! file still holds its content.

use std::collections::HashSet;
use std::path::{MAIN_SEPARATOR, Path};

use anyhow::Context;

use crate::cli::{RemoveArgs, Status};
use crate::index::writer::{Options, Writer};
use crate::note;

/// Run `argdex remove`.
pub fn run(index: &Path, a: RemoveArgs) -> anyhow::Result<Status> {
    // The index's own codebook stays in force: removing re-tags nothing.
    super::open_reader(index)?;
    let meta = crate::index::read_meta(index)?;
    let opts = Options {
        rebuild: false,
        heap_bytes: 50_000_000,
        threads: 1,
        wait: a.wait,
    };
    let mut writer = Writer::open(index, &meta.codebook, meta.themes.clone(), &opts)
        .context("cannot open the index for writing")?;
    writer.set_codebook_source(meta.codebook_source.clone(), meta.codebook_path.clone());
    let targets: Vec<(String, String)> = a
        .paths
        .iter()
        .map(|p| {
            let key = super::ingest::key_of(p);
            let folder = format!("{key}{MAIN_SEPARATOR}");
            (key, folder)
        })
        .collect();
    let given: Vec<String> = a.paths.iter().map(|p| p.display().to_string()).collect();
    let mut files = super::ingest::Files::of(writer.known());
    let removed = files.detach_where(|f| {
        given.contains(&f.path)
            || targets
                .iter()
                .any(|(key, folder)| f.key == *key || f.key.starts_with(folder.as_str()))
    });
    if removed.is_empty() {
        note!(
            "argdex: no indexed file at {} (see `argdex docs`)",
            given.join(", ")
        );
        return Ok(Status::NoMatch);
    }
    let current = writer.known().clone();
    let docs = files.apply(&writer, &current, &HashSet::new())?;
    writer.commit().context("cannot commit")?;
    if !a.quiet {
        for p in &removed {
            note!("argdex: removed {p}");
        }
        note!(
            "argdex: removed {} file(s); {} document(s) left the index",
            removed.len(),
            docs
        );
    }
    Ok(Status::Found)
}
