//! The stat cache of incremental ingest: an unchanged tree is decided by `stat` alone (no
//! file is read), a touched file is hashed again but not re-analysed, and a file whose
//! content changed behind an unchanged size and mtime is still caught (ctime, and the
//! "racy" rule for stats taken right after a change).

use std::fs::File;
use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

fn argdex(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .args(["--index", "ix"]);
    c
}

fn ingest(dir: &Path) -> String {
    let out = argdex(dir).args(["ingest", "corpus"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout
        .lines()
        .find(|l| l.starts_with("Ingested"))
        .unwrap_or_else(|| panic!("no summary in {stdout}"))
        .to_string()
}

fn export(dir: &Path) -> String {
    let out = argdex(dir)
        .args(["export", "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Copy the corpus with every mtime set a day back, then wait out the racy window (the
/// ctime is still fresh), so that the first ingest caches every stat.
fn settled_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("corpus");
    std::fs::create_dir(&dst).unwrap();
    let old = SystemTime::now() - Duration::from_secs(86_400);
    for e in std::fs::read_dir(CORPUS).unwrap() {
        let p = e.unwrap().path();
        let to = dst.join(p.file_name().unwrap());
        std::fs::copy(&p, &to).unwrap();
        File::options()
            .write(true)
            .open(&to)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    tmp
}

fn some_file(dir: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.remove(0)
}

#[test]
fn unchanged_tree_is_decided_by_stat_without_reading() {
    let tmp = settled_corpus();
    let dir = tmp.path();
    let n = std::fs::read_dir(dir.join("corpus")).unwrap().count();
    let first = ingest(dir);
    assert!(
        first.contains(&format!("({n} read, 0 unchanged by stat alone)")),
        "{first}"
    );
    let before = export(dir);
    let again = ingest(dir);
    assert!(
        again.contains(&format!("{n} unchanged"))
            && again.contains(&format!("(0 read, {n} unchanged by stat alone)")),
        "{again}"
    );
    assert_eq!(export(dir), before);
}

#[test]
fn touched_file_is_hashed_not_reanalysed_then_cached_again() {
    let tmp = settled_corpus();
    let dir = tmp.path();
    let n = std::fs::read_dir(dir.join("corpus")).unwrap().count();
    ingest(dir);
    let before = export(dir);
    let f = some_file(dir);
    let older = SystemTime::now() - Duration::from_secs(2 * 86_400);
    File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(older)
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let touched = ingest(dir);
    assert!(
        touched.contains("0 new, 0 updated")
            && touched.contains(&format!("{n} unchanged"))
            && touched.contains(&format!("(1 read, {} unchanged by stat alone)", n - 1)),
        "{touched}"
    );
    assert_eq!(export(dir), before);
    // Its new stat was recorded: the next run reads nothing.
    let again = ingest(dir);
    assert!(again.contains("(0 read,"), "{again}");
}

#[test]
fn same_size_same_mtime_edit_is_caught() {
    let tmp = settled_corpus();
    let dir = tmp.path();
    ingest(dir);
    let f = some_file(dir);
    let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&f).unwrap();
    // Same length, other content, written in place (same inode), mtime put back.
    let swapped = text.replacen("the", "THE", 1);
    assert_ne!(swapped, text);
    assert_eq!(swapped.len(), text.len());
    std::fs::write(&f, &swapped).unwrap();
    File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), mtime);
    let after = ingest(dir);
    assert!(after.contains("0 new, 1 updated"), "{after}");
}

#[test]
fn racy_edit_right_after_ingest_is_caught() {
    // Fresh files: their stats are racy when the first ingest takes them, so none is
    // cached and the next ingest hashes each file again.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("corpus")).unwrap();
    let f = dir.join("corpus/a.txt");
    std::fs::write(
        &f,
        "Allies should share the cost of defence. They must pay more.\n",
    )
    .unwrap();
    let first = ingest(dir);
    let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
    std::fs::write(
        &f,
        "Allies should share the cost of defence. They must pay less.\n",
    )
    .unwrap();
    File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let after = ingest(dir);
    assert!(first.contains("1 new"), "{first}");
    assert!(after.contains("0 new, 1 updated"), "{after}");
    assert!(export(dir).contains("pay less"));
}
