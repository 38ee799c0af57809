//! Shared by the integration tests that run the binary on a copy of `corpus/`.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// A temporary directory holding a copy of `corpus/` ingested into `.argdex`, run with
/// the caller's command set-up (environment for colour, width ...).
pub fn corpus_env(cmd: impl Fn(&Path) -> Command) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join("corpus");
    std::fs::create_dir(&dst).unwrap();
    for e in std::fs::read_dir(CORPUS).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
    }
    cmd(dir.path())
        .args(["ingest", "-q", "corpus"])
        .assert()
        .success();
    dir
}
