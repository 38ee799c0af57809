//! Stage 0 of the pipeline: finding input files. Walks files and folders recursively in a
//! stable (sorted) order, follows symlinks but never loops, skips hidden entries and the
//! index itself, and reports paths it cannot use instead of failing the whole batch.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::document::Format;

/// The result of walking the inputs.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files argdex can read, in order.
    pub files: Vec<PathBuf>,
    /// Files skipped because of their extension (reported as a note).
    pub skipped_other: Vec<PathBuf>,
    /// Problems: missing paths, unreadable folders, symlink loops.
    pub problems: Vec<(PathBuf, String)>,
    /// The folders given (canonical): an indexed file under one of them that the walk did
    /// not find is gone.
    pub folders: Vec<PathBuf>,
}

/// Walk `paths`; `exclude` (the index directory) is never entered.
pub fn walk(paths: &[PathBuf], exclude: &Path) -> Walk {
    let mut w = Walk::default();
    let exclude = exclude.canonicalize().ok();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => w.problems.push((p.clone(), describe(&e))),
            Ok(m) if m.is_dir() => {
                if let Ok(c) = p.canonicalize() {
                    w.folders.push(c);
                }
                visit_dir(
                    p,
                    &mut w,
                    exclude.as_deref(),
                    &mut seen_dirs,
                    &mut seen_files,
                )
            }
            Ok(_) => add_file(p, true, &mut w, &mut seen_files),
        }
    }
    w
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn add_file(p: &Path, explicit: bool, w: &mut Walk, seen: &mut HashSet<PathBuf>) {
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
    let key = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    if seen.insert(key) {
        w.files.push(p.to_path_buf());
    }
}

fn visit_dir(
    dir: &Path,
    w: &mut Walk,
    exclude: Option<&Path>,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
) {
    let canon = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            w.problems.push((dir.to_path_buf(), describe(&e)));
            return;
        }
    };
    if exclude == Some(canon.as_path()) {
        return;
    }
    if !seen_dirs.insert(canon) {
        // A symlink loop or a folder reached twice: walk it once.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            w.problems.push((dir.to_path_buf(), describe(&e)));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => visit_dir(&child, w, exclude, seen_dirs, seen_files),
            Ok(_) => add_file(&child, false, w, seen_files),
            Err(e) => w.problems.push((child.clone(), describe(&e))),
        }
    }
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
        let w = walk(&[dir.path().to_path_buf()], Path::new("/nonexistent"));
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
        let w = walk(&[PathBuf::from("/no/such/path")], Path::new("/x"));
        assert_eq!(w.problems.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_terminates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "A.").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let w = walk(&[dir.path().to_path_buf()], Path::new("/x"));
        assert_eq!(w.files.len(), 1);
    }
}
