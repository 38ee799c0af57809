//! The README's tutorial is real output: every `argdex ...` command quoted in bold in the
//! "Tutorial" section and followed by a ```text block is run on a copy of `corpus/` (no
//! colour, 80 columns); what it prints (stdout, then stderr, as a terminal shows them) must
//! equal the block. A block whose last line is `…` shows only the beginning of the output.
//!
//! After a deliberate change (a new codebook, a new column), refresh the README with
//! `ARGDEX_BLESS=1 cargo test --test readme`, then read the diff.
//!
//! Not trycmd: it runs `$ command` lines of console blocks, so the tutorial (a question in
//! bold with its command, then a plain text block) would have to take its format, and every
//! step needs one index ingested once before the first (`common::corpus_env`), which trycmd
//! could only have as a shown `ingest` step or a copy of the corpus beside README.md.

use std::path::Path;

use assert_cmd::Command;

mod common;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80");
    c
}

struct Example {
    command: String,
    /// Byte range of the block's body in the README.
    body: std::ops::Range<usize>,
}

fn examples(readme: &str) -> Vec<Example> {
    let start = readme.find("\n## Tutorial").expect("a Tutorial section") + 1;
    let end = readme[start + 3..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + 3 + e);
    let command = regex::Regex::new(r"\*\*[^*]+\*\* `(argdex [^`]+)`").unwrap();
    let mut out = Vec::new();
    let mut pos = start;
    while let Some(m) = command.captures_at(&readme[..end], pos) {
        let whole = m.get(0).unwrap();
        pos = whole.end();
        let after = &readme[pos..end];
        let next_command = command.find(after).map_or(after.len(), |n| n.start());
        // A command shown without output (no block before the next command) is skipped.
        let Some(open) = after.find("```text\n").filter(|&o| o < next_command) else {
            continue;
        };
        let body_start = pos + open + "```text\n".len();
        let close = readme[body_start..end]
            .find("```")
            .expect("a closed text block");
        out.push(Example {
            command: m[1].to_string(),
            body: body_start..body_start + close,
        });
    }
    out
}

#[test]
fn tutorial_output_is_real() {
    let readme = std::fs::read_to_string(README).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 5, "only {} examples", examples.len());
    let bless = std::env::var_os("ARGDEX_BLESS").is_some();
    let dir = common::corpus_env(cmd);
    let mut fresh = readme.clone();
    let mut stale = Vec::new();
    // Back to front, so that earlier byte ranges stay valid while rewriting.
    for ex in examples.iter().rev() {
        let args: Vec<&str> = ex.command.split_whitespace().skip(1).collect();
        let out = cmd(dir.path()).args(&args).output().unwrap();
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = &readme[ex.body.clone()];
        let (ok, wanted) = match expected.strip_suffix("…\n") {
            Some(head) => {
                let n = head.lines().count();
                let lines: Vec<&str> = got.lines().take(n).collect();
                (got.starts_with(head), format!("{}\n…\n", lines.join("\n")))
            }
            None => (got == expected, got.clone()),
        };
        if !ok {
            stale.push(format!("`{}`; real output:\n{got}", ex.command));
            fresh.replace_range(ex.body.clone(), &wanted);
        }
    }
    if bless && !stale.is_empty() {
        std::fs::write(README, fresh).unwrap();
        eprintln!("README.md: refreshed {} example(s)", stale.len());
    } else {
        assert!(
            stale.is_empty(),
            "README tutorial output is stale (refresh: ARGDEX_BLESS=1 cargo test --test readme):\n{}",
            stale.join("\n")
        );
    }
}
