//! Stage 3 of the pipeline: the codebook. Themes are rule tables loaded from TOML (the
//! built-in `codebook/default.toml` is embedded in the binary); each rule has an id and
//! regex patterns, and every tag records the rule and the words that fired it.
//! The claim cue lexicon lives in the same file (see `crate::claim`).

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::claim::{ClaimLexicon, ClaimVerdict};
use crate::error::{Error, Result};
use crate::record::Evidence;

/// The default codebook, embedded at compile time.
pub const DEFAULT_TOML: &str = include_str!("../../codebook/default.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    themes: Vec<ThemeToml>,
    #[serde(default)]
    claims: crate::claim::ClaimsToml,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeToml {
    id: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    rules: Vec<RuleToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    id: String,
    patterns: Vec<String>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub patterns: Vec<Regex>,
}

/// A compiled theme.
#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub description: String,
    pub rules: Vec<Rule>,
}

/// Tags for one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    pub themes: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub actors: Vec<String>,
    pub claim: ClaimVerdict,
}

/// A compiled codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    pub themes: Vec<Theme>,
    pub claims: ClaimLexicon,
    fingerprint: String,
}

fn compile(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(&format!(r"\b(?:{pattern})\b"))
        .case_insensitive(true)
        .build()
}

fn config_error(origin: &str, src: &str, span: Option<std::ops::Range<usize>>, message: String) -> Error {
    let (line, column) = span.map_or((1, 1), |s| line_col(src, s.start));
    Error::Config {
        origin: origin.to_string(),
        line,
        column,
        message,
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Codebook {
    /// The built-in codebook.
    pub fn builtin() -> Codebook {
        // The embedded file is tested (`builtin_codebook_parses`), so this cannot fail.
        Self::from_toml(DEFAULT_TOML, "codebook/default.toml")
            .unwrap_or_else(|e| panic!("built-in codebook is invalid: {e}"))
    }

    /// Load a codebook file.
    pub fn load(path: &Path) -> Result<Codebook> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml(&src, &path.display().to_string())
    }

    /// Parse and compile a codebook; `origin` names it in errors.
    pub fn from_toml(src: &str, origin: &str) -> Result<Codebook> {
        let file: FileToml = toml::from_str(src)
            .map_err(|e| config_error(origin, src, e.span(), e.message().to_string()))?;
        let mut themes = Vec::new();
        for t in file.themes {
            let mut rules = Vec::new();
            for r in t.rules {
                let mut patterns = Vec::new();
                for p in &r.patterns {
                    let re = compile(p).map_err(|e| {
                        let at = src.find(p.as_str()).map(|s| s..s + p.len());
                        config_error(origin, src, at, format!("rule {}: bad regex: {e}", r.id))
                    })?;
                    patterns.push(re);
                }
                rules.push(Rule { id: r.id, patterns });
            }
            themes.push(Theme {
                id: t.id,
                label: t.label,
                description: t.description,
                rules,
            });
        }
        let claims = ClaimLexicon::compile(&file.claims).map_err(|m| config_error(origin, src, None, m))?;
        let fingerprint = blake3::hash(src.as_bytes()).to_hex()[..16].to_string();
        Ok(Codebook {
            themes,
            claims,
            fingerprint,
        })
    }

    /// A short hash of the codebook source: a changed codebook re-tags the index.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Theme ids in codebook order.
    pub fn theme_ids(&self) -> Vec<String> {
        self.themes.iter().map(|t| t.id.clone()).collect()
    }

    /// Tag every sentence of one paragraph (the paragraph is the context rules may use).
    pub fn tag_paragraph(&self, sentences: &[&str]) -> Vec<Tags> {
        sentences.iter().map(|s| self.tag_sentence(s)).collect()
    }

    fn tag_sentence(&self, sentence: &str) -> Tags {
        let mut tags = Tags {
            claim: self.claims.detect(sentence),
            ..Tags::default()
        };
        for theme in &self.themes {
            for rule in &theme.rules {
                for re in &rule.patterns {
                    if let Some(m) = re.find(sentence) {
                        tags.evidence.push(Evidence {
                            theme: theme.id.clone(),
                            rule: rule.id.clone(),
                            matched: m.as_str().to_string(),
                            start: m.start(),
                            end: m.end(),
                        });
                        if !tags.themes.contains(&theme.id) {
                            tags.themes.push(theme.id.clone());
                        }
                        break;
                    }
                }
            }
        }
        tags.themes.sort();
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_codebook_parses() {
        let cb = Codebook::from_toml(DEFAULT_TOML, "default").unwrap();
        assert_eq!(cb.theme_ids().len(), 4);
    }

    #[test]
    fn bad_regex_reports_line() {
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\"]\n";
        let err = Codebook::from_toml(src, "cb.toml").unwrap_err().to_string();
        assert!(err.starts_with("cb.toml:5:"), "{err}");
    }
}
