//! Stage 3 of the pipeline: the codebook. Themes are rule tables loaded from TOML (the
//! built-in `codebook/default.toml` is embedded in the binary); each rule has an id and
//! regex patterns, and every tag records the rule and the words that fired it.
//! The claim cue lexicon lives in the same file (see `claims`).
//!
//! Rule semantics (see also the header of `codebook/default.toml`):
//! * patterns are case-insensitive regexes, anchored at word edges (`\b{start-half}` /
//!   `\b{end-half}`, so `U\.S\.` works); `{NAME}` expands a `[macros]` entry;
//! * a rule fires when one of its `patterns` matches (if any are given), every `all` group
//!   matches, the matches fit `within` N words, one of its `actors` is present, and no
//!   `not` pattern matches; a theme is tagged when the weights of its fired rules sum to
//!   its `threshold`;
//! * **context**: the actor gazetteer fills `Tags::actors`. A sentence that opens with a
//!   carry-over subject (`[context] carry`: "It", "They", "Its", "Such a group" ...)
//!   inherits the actors of the previous sentence of its paragraph, so actor-dependent rules
//!   (`actors = ["china"]`) see "China ... . It opposes US alliances" as about China twice.
//!   A rule with `context = "paragraph"` lets its `all` groups match anywhere in the
//!   paragraph (its `patterns` must still match in the sentence itself).
//!
//! Matching prefilters each sentence: one trie walk for the required prefix
//! literals of most patterns (each candidate is then confirmed by its own regex), plus
//! [`regex::RegexSet`]s over the few patterns without such literals (see `literal`);
//! only the patterns that match are run again for spans, and rules whose parts cannot
//! fire are skipped.
//!
//! The modules follow the work: `compile` (TOML source → [`Codebook`], with every error's
//! line and column), `prefilter` (one literal pass per sentence for patterns, claim cues
//! and actors; `literal` is its trie), `matcher` (rule evaluation over the hits),
//! `tag` (a paragraph → [`Tags`]: actor carry-over, theme context carry), [`claims`] (the
//! claim cue lexicon and verdict), [`gazetteer`] (actors), [`explain`], [`selftest`]
//! (`must`/`must_not` examples), [`import`] (dictionaries from other tools), [`model`]
//! (the TOML's serde shape). This file holds the compiled types and the public API.

pub mod claims;
mod compile;
pub mod explain;
pub mod gazetteer;
pub mod import;
pub(crate) mod literal;
pub(crate) mod matcher;
pub mod model;
mod prefilter;
pub mod selftest;
mod tag;

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;

use crate::codebook::claims::{ClaimLexicon, ClaimVerdict};
use crate::error::{Error, Result};
use crate::record::Evidence;

pub use compile::{compile_pattern, expand_macros, fingerprint_of, line_col};
pub(crate) use compile::{compile_search_for, config_error, wrap};
pub use explain::Explanation;
pub use gazetteer::Gazetteer;
pub(crate) use prefilter::{Hits, MIN_LITERAL, PatternSet, PatternTable};
pub use selftest::TestReport;

/// The default codebook, embedded at compile time.
pub const DEFAULT_TOML: &str = include_str!("../../codebook/default.toml");

/// Where a rule's `all` groups may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    Sentence,
    Paragraph,
}

/// A compiled rule. Pattern numbers index [`Codebook`]'s pattern table.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub patterns: Vec<usize>,
    pub all: Vec<Vec<usize>>,
    pub within: Option<usize>,
    /// Sentences around the tagged one that paragraph-context groups may use.
    pub window: Option<usize>,
    pub not: Vec<usize>,
    pub actors: Vec<String>,
    pub context: Context,
    pub weight: f64,
}

/// A compiled theme.
#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub description: String,
    pub threshold: f64,
    pub rules: Vec<Rule>,
    /// Sentences that must be tagged with this theme.
    pub must: Vec<String>,
    /// Sentences that must not be tagged with this theme.
    pub must_not: Vec<String>,
    /// Whether the theme carries to a sentence that continues its topic.
    pub carry: bool,
    /// Paragraphs whose last sentence must get the theme (context examples).
    pub must_paragraph: Vec<Vec<String>>,
    /// Paragraphs whose last sentence must not get the theme.
    pub must_not_paragraph: Vec<Vec<String>>,
}

/// Tags for one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    /// Theme ids, sorted.
    pub themes: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Actor ids (gazetteer) mentioned in the sentence, sorted.
    pub actors: Vec<String>,
    pub claim: ClaimVerdict,
}

/// A compiled codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    pub themes: Vec<Theme>,
    pub claims: ClaimLexicon,
    pub gazetteer: Gazetteer,
    pub(crate) table: PatternTable,
    pub(crate) set: PatternSet,
    /// Each rule's parts as bit masks over `table`, by theme then rule.
    pub(crate) masks: Vec<Vec<matcher::RuleMask>>,
    /// Which rules each pattern's hit may let fire.
    pub(crate) rule_index: matcher::RuleIndex,
    carry: Vec<Regex>,
    no_carry: Vec<Regex>,
    continues: Vec<Regex>,
    fingerprint: String,
}

/// Theme id → label of a codebook source, read without compiling any pattern (for
/// output that only names themes). An unreadable source gives no labels.
pub fn theme_labels(src: &str) -> BTreeMap<String, String> {
    toml::from_str::<model::FileToml>(src)
        .map(|f| {
            f.themes
                .into_iter()
                .map(|t| (t.id.into_inner(), t.label))
                .collect()
        })
        .unwrap_or_default()
}

/// The theme ids of a codebook source, in its order, read without compiling any pattern
/// (what [`Codebook::theme_ids`] gives once it is compiled). An unreadable source gives
/// none.
pub fn theme_ids_of(src: &str) -> Vec<String> {
    toml::from_str::<model::FileToml>(src)
        .map(|f| f.themes.into_iter().map(|t| t.id.into_inner()).collect())
        .unwrap_or_default()
}

/// Start compiling the built-in codebook on a thread of its own, so that an ingest walks,
/// opens its index and reads and parses its first files meanwhile (one core would wait
/// otherwise: most of the compile is serial); [`Codebook::builtin`] waits for it. If no
/// thread can be started, the first [`Codebook::builtin`] compiles it.
pub fn compile_builtin_in_background() {
    let _ = std::thread::Builder::new()
        .name("codebook".into())
        .spawn(|| {
            std::sync::LazyLock::force(&BUILTIN);
        });
}

/// The built-in codebook, compiled once per process.
static BUILTIN: std::sync::LazyLock<Codebook> = std::sync::LazyLock::new(|| {
    // The embedded file is tested (`builtin_codebook_parses`), so this cannot fail.
    Codebook::from_toml(DEFAULT_TOML, "codebook/default.toml")
        .unwrap_or_else(|e| panic!("built-in codebook is invalid: {e}"))
});

impl Codebook {
    /// The built-in codebook (compiled on first use, then shared).
    pub fn builtin() -> Codebook {
        BUILTIN.clone()
    }

    /// Load a codebook file.
    pub fn load(path: &Path) -> Result<Codebook> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml(&src, &path.display().to_string())
    }

    /// Parse and compile a codebook; `origin` names it in errors (`origin:line:col: msg`).
    pub fn from_toml(src: &str, origin: &str) -> Result<Codebook> {
        match compile::build(src, origin) {
            (Some(cb), _) => Ok(cb),
            (None, mut errors) => Err(if errors.is_empty() {
                config_error(origin, src, None, "invalid codebook".into())
            } else {
                errors.swap_remove(0)
            }),
        }
    }

    /// Every problem in a codebook source (syntax, unknown keys, bad regexes, unknown
    /// macros or actors, duplicate ids, themes without rules), each with its line and
    /// column. Empty means the codebook is valid. For `argdex codebook check`.
    pub fn check(src: &str, origin: &str) -> Vec<Error> {
        // Every regex compiled now, the built-in codebook's too.
        compile::build_with(src, origin, compile::Trust::Check).1
    }

    /// The source of the built-in codebook (for `codebook show` / `codebook init`).
    pub fn default_toml() -> &'static str {
        DEFAULT_TOML
    }

    /// A short hash of the codebook source: a changed codebook re-tags the index.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Theme ids in codebook order.
    pub fn theme_ids(&self) -> Vec<String> {
        self.themes.iter().map(|t| t.id.clone()).collect()
    }

    /// Explain the tags of sentence `i` of a paragraph: every rule that fired or nearly
    /// fired, with spans and scores, the actors (own and carried) and the claim cues.
    pub fn explain(&self, paragraph: &[&str], i: usize) -> Explanation {
        explain::explain(self, paragraph, i)
    }

    /// Run the codebook's own examples (`must` / `must_not` of every theme).
    pub fn self_test(&self) -> TestReport {
        selftest::run(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_codebook_parses() {
        let errors = Codebook::check(DEFAULT_TOML, "default");
        assert!(
            errors.is_empty(),
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let cb = Codebook::from_toml(DEFAULT_TOML, "default").unwrap();
        assert_eq!(cb.theme_ids().len(), 4);
        // What an ingest writes into a new index before the compile is done.
        assert_eq!(theme_ids_of(DEFAULT_TOML), cb.theme_ids());
    }

    #[test]
    fn builtin_self_test_passes() {
        let r = Codebook::builtin().self_test();
        assert!(r.passed(), "{r}");
    }

    #[test]
    fn bad_regex_reports_line() {
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\"]\n";
        let err = Codebook::from_toml(src, "cb.toml").unwrap_err().to_string();
        assert!(err.starts_with("cb.toml:5:"), "{err}");
    }

    #[test]
    fn check_collects_several_errors() {
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\", \"{NOPE}\"]\n[[themes]]\nid = \"x\"\n";
        let errs: Vec<String> = Codebook::check(src, "c")
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert!(errs.iter().any(|e| e.contains("bad regex")), "{errs:?}");
        assert!(errs.iter().any(|e| e.contains("unknown macro")), "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.starts_with("c:7:") && e.contains("duplicate theme")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("no rules")), "{errs:?}");
    }

    #[test]
    fn pattern_errors_keep_toml_order_and_every_use() {
        // Patterns compile together after the whole file is read; their errors still come
        // where they were met, and a bad pattern used twice is reported twice.
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\"]\n\
                   [[themes.rules]]\nid = \"r\"\npatterns = [\"a?\", \"(\"]\n";
        let errs: Vec<String> = Codebook::check(src, "c")
            .iter()
            .map(|e| e.to_string())
            .collect();
        let at = |needle: &str, line: &str| {
            errs.iter()
                .position(|e| e.starts_with(line) && e.contains(needle))
                .unwrap_or_else(|| panic!("no {needle:?} at {line} in {errs:?}"))
        };
        let first_bad = at("bad regex", "c:5:");
        let duplicate = at("duplicate rule id", "c:7:");
        let empty = at("matches the empty string", "c:8:");
        let second_bad = at("bad regex", "c:8:");
        assert!(
            first_bad < duplicate && duplicate < empty && empty < second_bad,
            "{errs:?}"
        );
        assert_eq!(errs.len(), 4, "{errs:?}");
    }

    #[test]
    fn codebooks_used_in_turn_on_one_thread_keep_their_own_search_caches() {
        // Each thread keeps search caches per codebook; more codebooks than it keeps at
        // once, used in turn, must each still match with their own patterns.
        let books: Vec<Codebook> = (0..6)
            .map(|i| {
                let src = format!(
                    "[[themes]]\nid = \"t{i}\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"word{i}\\\\w*\"]\n"
                );
                Codebook::from_toml(&src, "c").unwrap()
            })
            .collect();
        for _ in 0..3 {
            for (i, cb) in books.iter().enumerate() {
                for j in 0..books.len() {
                    let sentence = format!("We argue that word{j}s matter.");
                    let tags = cb.tag_paragraph_in(&[sentence.as_str()], None);
                    let want: Vec<String> = if i == j {
                        vec![format!("t{i}")]
                    } else {
                        vec![]
                    };
                    assert_eq!(tags[0].themes, want, "codebook {i}, sentence {j}");
                }
            }
        }
    }

    #[test]
    fn unknown_key_has_position() {
        let src = "[[themes]]\nid = \"x\"\nlabl = \"y\"\n";
        let errs = Codebook::check(src, "c");
        assert!(errs[0].to_string().starts_with("c:3:"), "{}", errs[0]);
    }

    #[test]
    fn macros_expand_and_us_dotted_matches() {
        let src = r#"
[macros]
A = "U\\.S\\.|{B}"
B = "America"
[[themes]]
id = "t"
[[themes.rules]]
id = "r"
patterns = ["{A}"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let t = cb.tag_paragraph(&["The U.S. is here.", "Americas"]);
        assert_eq!(t[0].themes, vec!["t"]);
        assert_eq!(t[0].evidence[0].matched, "U.S.");
        assert!(t[1].themes.is_empty());
    }

    #[test]
    fn cooccurrence_within_not_and_threshold() {
        let src = r#"
[[themes]]
id = "t"
threshold = 2
[[themes.rules]]
id = "a"
all = [["cost"], ["allies?"]]
within = 4
not = ["diplomacy"]
[[themes.rules]]
id = "b"
patterns = ["share"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let t = cb.tag_paragraph(&[
            "Allies share the cost.",
            "Allies share the cost of diplomacy.",
            "The cost was shared out over many years by the allies.",
            "Allies pay the cost.",
        ]);
        assert_eq!(t[0].themes, vec!["t"]);
        assert!(t[1].themes.is_empty());
        assert!(t[2].themes.is_empty());
        assert!(t[3].themes.is_empty(), "below threshold");
    }

    /// A paragraph-context rule of `all` groups only has no part in the sentence itself:
    /// it is tried on every sentence, and fires on one whose neighbours hold its parts.
    #[test]
    fn a_paragraph_rule_without_patterns_fires_from_its_neighbours() {
        let src = r#"
[[themes]]
id = "t"
threshold = 1
[[themes.rules]]
id = "p"
context = "paragraph"
window = 1
all = [["cost"], ["allies?"]]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let t = cb.tag_paragraph(&["The cost rose.", "Nothing else.", "Allies balked."]);
        assert_eq!(t[1].themes, vec!["t"], "both parts within the window");
        assert!(t[0].themes.is_empty(), "allies beyond the window");
    }
}
