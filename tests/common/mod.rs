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

/// The shared evaluation file `name`, or `None` (with a notice) when it is missing outside CI.
pub fn shared_eval(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{} is required under CI: {e}",
                path.display()
            );
            eprintln!(
                "\n!!!!!!!! NOT RUN: {} missing ({e}); set CI=true to make this a failure !!!!!!!!\n",
                path.display()
            );
            None
        }
    }
}

/// The shared directory `../shared/<sub>`, or `None` (with a notice) when it is missing
/// outside CI; under `CI=true` a missing directory fails the test.
pub fn shared_dir(sub: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if path.is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is required under CI: not a directory",
        path.display()
    );
    eprintln!(
        "\n!!!!!!!! NOT RUN: {} missing; set CI=true to make this a failure !!!!!!!!\n",
        path.display()
    );
    None
}
