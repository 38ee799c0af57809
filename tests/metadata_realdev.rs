//! Stage 1 (document metadata), acceptance on real layouts: each text of
//! `../shared/eval/real-dev/` goes through `argdex::document::load` (the ingest path) and its
//! title, authors and date (and genre) are compared with `real-dev-meta.jsonl` (a value or one of its
//! `accept` alternatives). `ARGDEX_SHARED` may name the shared folder. Mismatches are printed; the count of fully right files must not
//! fall below the measured one. Without `../shared`: a loud notice, or a failure under
//! `CI=true`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Files whose title, authors and date are all right, measured when the rules were written.
const MEASURED_FULLY_RIGHT: usize = 14;
/// Files whose detected genre is the gold one (`op-ed`, `analysis`, `blog` are opinion;
/// `speech` is transcript), measured likewise.
const MEASURED_GENRE_RIGHT: usize = 14;

fn accepted(expected: &Value, field: &str) -> Vec<Value> {
    let mut out = vec![expected[field].clone()];
    if let Some(Value::Array(alts)) = expected.get("accept").and_then(|a| a.get(field)) {
        out.extend(alts.iter().cloned());
    }
    out
}

#[test]
fn real_dev_metadata_matches() {
    // `ARGDEX_SHARED` points at the shared data when the checkout is not beside it.
    let shared = std::env::var_os("ARGDEX_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let dir = shared.join("eval");
    let gold = dir.join("real-dev-meta.jsonl");
    let Ok(jsonl) = std::fs::read_to_string(&gold) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing (required under CI=true)",
            gold.display()
        );
        eprintln!(
            "\n*** NOTICE: {} not found: real-dev metadata NOT checked ***\n",
            gold.display()
        );
        return;
    };
    let mut right = 0;
    let mut genre_right = 0;
    let mut total = 0;
    let mut report = Vec::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let expected: Value = serde_json::from_str(line).expect("gold line is JSON");
        let file = expected["file"].as_str().expect("gold line has a file");
        let path = dir.join("real-dev").join(file);
        let doc = argdex::document::load(&path, file).expect("real-dev file loads");
        let got = [
            ("title", serde_json::json!(doc.meta.title)),
            ("authors", serde_json::json!(doc.meta.authors)),
            ("date", serde_json::json!(doc.meta.date)),
        ];
        let mut ok = true;
        for (field, value) in got {
            let want = accepted(&expected, field);
            if !want.contains(&value) {
                ok = false;
                report.push(format!("{file} {field}: got {value}, want {}", want[0]));
            }
        }
        let want_genre = expected["genre"]
            .as_str()
            .and_then(argdex::document::genre::Genre::parse);
        if want_genre.is_some() && want_genre == doc.meta.genre {
            genre_right += 1;
        } else {
            report.push(format!(
                "{file} genre: got {:?}, want {:?}",
                doc.meta.genre, expected["genre"]
            ));
        }
        total += 1;
        right += usize::from(ok);
    }
    for r in &report {
        eprintln!("MISMATCH {r}");
    }
    eprintln!("real-dev metadata: {right}/{total} fully right, genre {genre_right}/{total}");
    assert_eq!(total, 14, "unexpected number of real-dev files");
    assert!(
        right >= MEASURED_FULLY_RIGHT,
        "real-dev metadata: {right}/{total} fully right, measured {MEASURED_FULLY_RIGHT}"
    );
    assert!(
        genre_right >= MEASURED_GENRE_RIGHT,
        "real-dev genre: {genre_right}/{total} right, measured {MEASURED_GENRE_RIGHT}"
    );
}
