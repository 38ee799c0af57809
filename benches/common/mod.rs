//! Shared by the criterion benches: the State of the Union texts they run on.

use std::path::Path;

/// `(path, text)` of the SOTU corpus (`../shared/bench/sotu`) in file-name order: the first
/// ~1 MB, or all of it with `ARGDEX_BENCH_ALL=1`. Empty when the corpus is missing (the
/// benches then say so and do nothing).
pub fn sotu() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/sotu");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("benches: {} not found, skipping", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let all = std::env::var_os("ARGDEX_BENCH_ALL").is_some();
    let mut texts = Vec::new();
    let mut total = 0;
    for p in paths {
        if !all && total >= 1_000_000 {
            break;
        }
        if let Ok(t) = std::fs::read_to_string(&p) {
            total += t.len();
            texts.push((p.display().to_string(), t));
        }
    }
    texts
}
