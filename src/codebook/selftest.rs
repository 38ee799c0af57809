//! Stage 3 (codebook), self-test: every theme carries example sentences that must and must
//! not get it (`must`, `must_not`), and paragraphs whose last sentence must or must not get
//! it (`must_paragraph`, `must_not_paragraph`: examples for context rules). `argdex codebook test` runs them; a failure names the
//! sentence, the theme and the rules that misfired (or that nothing fired).

use std::fmt;

use serde::Serialize;

use super::Codebook;

/// One failed example.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub theme: String,
    /// `"must"`/`"must_paragraph"` (theme missing) or `"must_not"`/`"must_not_paragraph"`
    /// (theme wrongly tagged).
    pub kind: String,
    pub sentence: String,
    /// Rules of the theme that fired (for `must_not`) or nearly fired (for `must`).
    pub rules: Vec<String>,
}

/// The result of [`Codebook::self_test`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct TestReport {
    pub total: usize,
    pub failures: Vec<Failure>,
}

impl TestReport {
    /// True when every example behaved.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

pub(crate) fn run(cb: &Codebook) -> TestReport {
    let mut report = TestReport::default();
    for theme in &cb.themes {
        for (kind, list, want) in [
            ("must", &theme.must, true),
            ("must_not", &theme.must_not, false),
        ] {
            for s in list {
                report.total += 1;
                let e = cb.explain(&[s.as_str()], 0);
                let t = e.themes.iter().find(|t| t.theme == theme.id);
                let got = t.is_some_and(|t| t.tagged);
                if got != want {
                    let rules = t
                        .map(|t| {
                            t.rules
                                .iter()
                                .filter(|r| r.fired != want || want)
                                .map(|r| format!("{} ({:?})", r.rule, r.status).to_lowercase())
                                .collect()
                        })
                        .unwrap_or_default();
                    report.failures.push(Failure {
                        theme: theme.id.clone(),
                        kind: kind.to_string(),
                        sentence: s.clone(),
                        rules,
                    });
                }
            }
        }
        // Context examples: the last sentence of the paragraph must (not) get the theme.
        for (kind, list, want) in [
            ("must_paragraph", &theme.must_paragraph, true),
            ("must_not_paragraph", &theme.must_not_paragraph, false),
        ] {
            for para in list {
                let Some(last) = para.last() else { continue };
                report.total += 1;
                let texts: Vec<&str> = para.iter().map(String::as_str).collect();
                let tags = cb.tag_paragraph(&texts);
                let got = tags.last().is_some_and(|t| t.themes.contains(&theme.id));
                if got != want {
                    let rules = tags
                        .last()
                        .map(|t| {
                            t.evidence
                                .iter()
                                .filter(|e| e.theme == theme.id)
                                .map(|e| e.rule.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    report.failures.push(Failure {
                        theme: theme.id.clone(),
                        kind: kind.to_string(),
                        sentence: format!(
                            "{} [after: {}]",
                            last,
                            texts[..texts.len() - 1].join(" ")
                        ),
                        rules,
                    });
                }
            }
        }
    }
    report
}

impl fmt::Display for TestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for x in &self.failures {
            let what = if !x.kind.starts_with("must_not") {
                "missing theme"
            } else {
                "unwanted theme"
            };
            let rules = if x.rules.is_empty() {
                "no rule matched".to_string()
            } else {
                x.rules.join(", ")
            };
            writeln!(
                f,
                "FAIL {what} {}: {}\n     rules: {rules}",
                x.theme, x.sentence
            )?;
        }
        write!(
            f,
            "{} of {} examples passed{}",
            self.total - self.failures.len(),
            self.total,
            if self.passed() { "" } else { " (FAILED)" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"
[context]
continues = ["this \\w+"]
[[themes]]
id = "t"
label = "T"
description = "d"
carry = true
must_paragraph = [["Allies must pay more.", "This demand is fair."]]
must_not_paragraph = [
  ["Allies must pay more.", "This demand is fair."],
  ["Allies must pay more.", "Rain fell all week."],
]
[[themes.rules]]
id = "t/pay"
patterns = ["pay more"]
"#;

    #[test]
    fn paragraph_examples_judge_the_last_sentence_both_ways() {
        let cb = Codebook::from_toml(SRC, "t.toml").unwrap();
        let report = cb.self_test();
        assert_eq!(report.total, 3);
        // The carried sentence passes as `must_paragraph` and fails as
        // `must_not_paragraph`, naming the carry rule; the unrelated sentence passes.
        let kinds: Vec<(&str, &str, &[String])> = report
            .failures
            .iter()
            .map(|f| (f.kind.as_str(), f.sentence.as_str(), f.rules.as_slice()))
            .collect();
        assert_eq!(
            kinds,
            vec![(
                "must_not_paragraph",
                "This demand is fair. [after: Allies must pay more.]",
                &["context:t".to_string()][..]
            )]
        );
        assert!(report.to_string().contains("unwanted theme"), "{report}");
    }
}
