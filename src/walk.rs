//! Stage 0 of the pipeline: finding input files, with the `ignore` crate (as ripgrep and
//! fd do). Folders are walked recursively in a stable (sorted) order, following symlinks
//! (a loop is cut, not fatal), skipping hidden entries, the index itself, whatever
//! `.gitignore` and `.argdexignore` files in the folders (and their parents) exclude, and
//! `--exclude GLOB`s. Files given by name are always read. Paths that cannot be used are
//! reported instead of failing the whole batch.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::{Error, Result};

/// Name of argdex's own ignore file (gitignore syntax), read in every walked folder.
pub const IGNORE_FILE: &str = ".argdexignore";

/// The result of walking the inputs.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files argdex can read, in order.
    pub files: Vec<PathBuf>,
    /// The canonical path of each file of `files` (its identity, [`key_of`]).
    pub keys: Vec<PathBuf>,
    /// Files skipped because of their extension (reported as a note).
    pub skipped_other: Vec<PathBuf>,
    /// Problems: missing paths, unreadable folders, bad ignore files.
    pub problems: Vec<(PathBuf, String)>,
    /// The folders given (canonical): an indexed file under one of them that the walk did
    /// not find is gone.
    pub folders: Vec<PathBuf>,
}

/// Walk `paths`; `index` (the index directory) is never entered; `excludes` are
/// gitignore-style globs matched against paths below each folder given (`drafts/`,
/// `*.notes.md`, `2019/**`). A bad glob is an error naming it.
pub fn walk(paths: &[PathBuf], index: &Path, excludes: &[String]) -> Result<Walk> {
    let mut w = Walk::default();
    let index = index.canonicalize().ok();
    let mut seen = Seen::default();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => w.problems.push((p.clone(), describe(&e))),
            Ok(m) if m.is_dir() => {
                if let Ok(c) = p.canonicalize() {
                    w.folders.push(c);
                }
                visit_dir(p, &mut w, index.as_deref(), excludes, &mut seen)?;
            }
            Ok(_) => add_file(p, true, true, &mut w, &mut seen),
        }
    }
    Ok(w)
}

/// The canonical path of a file (its identity as a file), also for a file that is gone
/// (its folder canonicalised, then its name).
pub fn key_of(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The files found so far (by canonical path: a file reached twice is read once), and
/// the canonical path of each folder they were found in.
#[derive(Default)]
struct Seen {
    files: HashSet<PathBuf>,
    folders: HashMap<PathBuf, PathBuf>,
}

impl Seen {
    /// [`key_of`] a file found in a walked folder: a file that is no symlink is its
    /// folder's canonical path (resolved once per folder: canonicalising each file
    /// resolved every component of its path again, 8 `readlink` calls a file, most of a
    /// re-ingest of an unchanged tree) and its name.
    fn key(&mut self, p: &Path, symlink: bool) -> PathBuf {
        let (Some(parent), Some(name), false) = (p.parent(), p.file_name(), symlink) else {
            return key_of(p);
        };
        if let Some(dir) = self.folders.get(parent) {
            return dir.join(name);
        }
        match parent.canonicalize() {
            Ok(dir) => {
                let key = dir.join(name);
                self.folders.insert(parent.to_path_buf(), dir);
                key
            }
            Err(_) => key_of(p),
        }
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Add `p` if argdex reads it; `symlink`: `p` itself may be a symbolic link.
fn add_file(p: &Path, explicit: bool, symlink: bool, w: &mut Walk, seen: &mut Seen) {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Sidecars travel with their document; they are never documents themselves.
    if name.contains(".meta.") {
        return;
    }
    if Format::from_path(p).is_none() {
        if explicit || !name.starts_with('.') {
            w.skipped_other.push(p.to_path_buf());
        }
        return;
    }
    let key = seen.key(p, symlink);
    if seen.files.insert(key.clone()) {
        w.files.push(p.to_path_buf());
        w.keys.push(key);
    }
}

/// The path an `ignore` error is about, and what went wrong (without the path).
fn split_error(e: &ignore::Error) -> (Option<PathBuf>, String) {
    match e {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), split_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            split_error(err)
        }
        ignore::Error::Io(io) => (None, describe(io)),
        other => (None, other.to_string()),
    }
}

fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => is_loop(err),
        _ => false,
    }
}

fn visit_dir(
    dir: &Path,
    w: &mut Walk,
    index: Option<&Path>,
    excludes: &[String],
    seen: &mut Seen,
) -> Result<()> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for g in excludes {
        // An override glob without `!` would be a whitelist: `!` makes it an exclusion.
        overrides
            .add(&format!("!{g}"))
            .map_err(|e| Error::Query(format!("--exclude {g:?}: {}", split_error(&e).1)))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Error::Query(format!("--exclude: {}", split_error(&e).1)))?;
    let index = index.map(Path::to_path_buf);
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .follow_links(true)
        .overrides(overrides)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && index
                    .as_deref()
                    .is_some_and(|ix| e.path().canonicalize().is_ok_and(|c| c == ix)))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if let Some(err) = e.error() {
                    // A partial error (e.g. a bad line in an ignore file): report, go on.
                    let (path, msg) = split_error(err);
                    w.problems
                        .push((path.unwrap_or_else(|| e.path().to_path_buf()), msg));
                }
                if e.file_type().is_some_and(|t| !t.is_dir()) {
                    add_file(e.path(), false, e.path_is_symlink(), w, seen);
                }
            }
            // A symlink loop is cut: the folder is walked once.
            Err(e) if is_loop(&e) => {}
            Err(e) => {
                let (path, msg) = split_error(&e);
                w.problems
                    .push((path.unwrap_or_else(|| dir.to_path_buf()), msg));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_other_extensions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "B.").unwrap();
        std::fs::write(dir.path().join("a.md"), "A.").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "C").unwrap();
        std::fs::write(dir.path().join("a.meta.json"), "{}").unwrap();
        let w = walk(&[dir.path().to_path_buf()], Path::new("/nonexistent"), &[]).unwrap();
        let names: Vec<_> = w
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.md", "b.txt"]);
        assert_eq!(w.skipped_other.len(), 1);
    }

    #[test]
    fn missing_path_is_a_problem() {
        let w = walk(&[PathBuf::from("/no/such/path")], Path::new("/x"), &[]).unwrap();
        assert_eq!(w.problems.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_terminates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "A.").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let w = walk(&[dir.path().to_path_buf()], Path::new("/x"), &[]).unwrap();
        assert_eq!(w.files.len(), 1);
        assert!(w.problems.is_empty(), "{:?}", w.problems);
    }

    /// Each file's key is its canonical path, whether it lies in the folder walked, is
    /// reached through a symlinked folder, is itself a symlink, or is named with `..`;
    /// a file reached twice is listed once.
    #[cfg(unix)]
    #[test]
    fn keys_are_canonical_paths() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in ["in/a.txt", "in/sub/b.txt", "elsewhere/c.txt", "other/d.txt"] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        // A symlinked folder, a symlinked file, and a link to a file already walked.
        std::os::unix::fs::symlink(d.join("other"), d.join("in/linked")).unwrap();
        std::os::unix::fs::symlink(d.join("elsewhere/c.txt"), d.join("in/sub/c.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("in/a.txt"), d.join("in/again.txt")).unwrap();
        let named = d.join("in/sub/../sub/b.txt");
        let w = walk(&[d.join("in"), named.clone()], Path::new("/x"), &[]).unwrap();
        assert_eq!(w.files.len(), w.keys.len());
        for (f, k) in w.files.iter().zip(&w.keys) {
            assert_eq!(k, &f.canonicalize().unwrap(), "{}", f.display());
        }
        let mut keys: Vec<PathBuf> = w.keys.clone();
        keys.sort();
        let root = d.canonicalize().unwrap();
        let want: Vec<PathBuf> = ["elsewhere/c.txt", "in/a.txt", "in/sub/b.txt", "other/d.txt"]
            .iter()
            .map(|f| root.join(f))
            .collect();
        assert_eq!(keys, want);
        assert_eq!(key_of(&named), root.join("in/sub/b.txt"));
        // A file that is gone: its folder canonicalised, then its name.
        assert_eq!(
            key_of(&d.join("in/sub/../gone.txt")),
            root.join("in/gone.txt")
        );
    }

    #[test]
    fn ignore_files_excludes_hidden_and_index_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "a.txt",
            "drafts/b.txt",
            "c.notes.md",
            "keep/d.md",
            ".hidden/e.txt",
            ".f.txt",
            "gone.txt",
            "idx/x.txt",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "Text.").unwrap();
        }
        std::fs::write(d.join(".gitignore"), "gone.txt\n").unwrap();
        std::fs::write(d.join(IGNORE_FILE), "drafts/\n").unwrap();
        let w = walk(
            &[d.to_path_buf()],
            &d.join("idx"),
            &["*.notes.md".to_string()],
        )
        .unwrap();
        let names: Vec<String> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "keep/d.md"]);
        // A file named explicitly is read whatever the ignore rules say.
        let w = walk(&[d.join("gone.txt")], &d.join("idx"), &[]).unwrap();
        assert_eq!(w.files.len(), 1);
        let e = walk(&[d.to_path_buf()], &d.join("idx"), &["a{".to_string()]).unwrap_err();
        assert!(e.to_string().contains("--exclude \"a{\""), "{e}");
    }
}
