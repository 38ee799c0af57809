//! Agreement between the rules and human coders: scores indexed records against a gold file
//! (the format of `seed-gold.jsonl`: `doc`, `text`, `claim`, `themes_required`,
//! `themes_allowed`). Sentences are matched like `score.py` does (file name + normalised
//! text, then a prefix fallback); reports precision, recall, F1 and Cohen's kappa per theme
//! and for claims, plus segmentation agreement and boilerplate leaks.

pub mod golden;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::record::Record;

/// One human-coded sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldLine {
    pub doc: String,
    pub text: String,
    /// `claim`, `not-claim`, `either` or `boilerplate`.
    pub claim: String,
    #[serde(default)]
    pub themes_required: Vec<String>,
    #[serde(default)]
    pub themes_allowed: Vec<String>,
}

/// A 2×2 confusion table with the usual scores.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl Confusion {
    /// Count one item: the human's verdict and the machine's.
    pub fn add(&mut self, human: bool, machine: bool) {
        match (human, machine) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 0.0 } else { a as f64 / b as f64 }
    }

    pub fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Cohen's kappa: agreement corrected for chance.
    pub fn kappa(&self) -> f64 {
        let n = (self.tp + self.fp + self.fn_ + self.tn) as f64;
        if n == 0.0 {
            return 0.0;
        }
        let po = (self.tp + self.tn) as f64 / n;
        let yes_h = (self.tp + self.fn_) as f64 / n;
        let yes_m = (self.tp + self.fp) as f64 / n;
        let pe = yes_h * yes_m + (1.0 - yes_h) * (1.0 - yes_m);
        if (1.0 - pe).abs() < f64::EPSILON {
            1.0
        } else {
            (po - pe) / (1.0 - pe)
        }
    }
}

/// The full agreement report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub gold_sentences: usize,
    pub body_sentences: usize,
    pub segmentation_exact: f64,
    pub boilerplate_leaks: Vec<String>,
    pub unmatched: Vec<String>,
    pub claim: Confusion,
    pub themes: Vec<(String, Confusion)>,
    pub micro: Confusion,
}

/// Normalise text the way `score.py` does: NFKC-ish quotes and dashes, no markdown
/// emphasis, collapsed whitespace, lower case.
pub fn normalize(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter_map(|c| match c {
            '\u{2018}' | '\u{2019}' => Some('\''),
            '\u{201c}' | '\u{201d}' => Some('"'),
            '\u{2013}' | '\u{2014}' => Some('-'),
            '\u{a0}' => Some(' '),
            '*' | '_' | '#' => None,
            c => Some(c),
        })
        .collect();
    mapped
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Where one gold line landed among the produced sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aligned {
    /// A boilerplate line; `leaked` when it (or a sentence containing it) is in the body.
    Boilerplate { leaked: bool },
    /// A body line: the index of its record (`None`: no sentence matched), and whether the
    /// match was exact.
    Body { record: Option<usize>, exact: bool },
}

/// Align every gold line to `records` the way `score.py` does: same file name and the same
/// normalised text, else a 40-character prefix of one inside the other.
pub fn align(records: &[Record], gold: &[GoldLine]) -> Vec<Aligned> {
    let mut by_doc: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_doc
            .entry(file_name(&r.doc.path))
            .or_default()
            .push((normalize(&r.text), i));
    }
    let empty = Vec::new();
    let mut out = Vec::with_capacity(gold.len());
    for g in gold {
        let gt = normalize(&g.text);
        let cands = by_doc.get(g.doc.as_str()).unwrap_or(&empty);
        let exact = cands.iter().find(|(t, _)| *t == gt).map(|(_, r)| *r);
        if g.claim == "boilerplate" {
            let contained = gt.chars().count() > 12 && cands.iter().any(|(t, _)| t.contains(&gt));
            out.push(Aligned::Boilerplate {
                leaked: exact.is_some() || contained,
            });
            continue;
        }
        let aligned = match exact {
            Some(r) => Aligned::Body {
                record: Some(r),
                exact: true,
            },
            None => {
                let head: String = gt.chars().take(40).collect();
                let found = cands
                    .iter()
                    .find(|(t, _)| {
                        t.contains(&head)
                            || (t.chars().count() > 20
                                && gt.contains(&t.chars().take(40).collect::<String>()))
                    })
                    .map(|(_, r)| *r);
                Aligned::Body {
                    record: found,
                    exact: false,
                }
            }
        };
        out.push(aligned);
    }
    out
}

/// Score `records` against `gold` for `themes`.
pub fn score(records: &[Record], gold: &[GoldLine], themes: &[String]) -> Report {
    let mut report = Report {
        gold_sentences: gold.len(),
        body_sentences: 0,
        segmentation_exact: 0.0,
        boilerplate_leaks: Vec::new(),
        unmatched: Vec::new(),
        claim: Confusion::default(),
        themes: themes
            .iter()
            .map(|t| (t.clone(), Confusion::default()))
            .collect(),
        micro: Confusion::default(),
    };
    let mut exact_n = 0;
    for (g, a) in gold.iter().zip(align(records, gold)) {
        let rec = match a {
            Aligned::Boilerplate { leaked } => {
                if leaked {
                    report
                        .boilerplate_leaks
                        .push(g.text.chars().take(80).collect());
                }
                continue;
            }
            Aligned::Body { record, exact } => {
                if exact {
                    exact_n += 1;
                }
                if record.is_none() {
                    report.unmatched.push(g.text.chars().take(80).collect());
                }
                record.and_then(|i| records.get(i))
            }
        };
        report.body_sentences += 1;
        let pred_claim = rec.is_some_and(|r| r.is_claim);
        match g.claim.as_str() {
            "claim" => report.claim.add(true, pred_claim),
            "not-claim" => report.claim.add(false, pred_claim),
            _ => {}
        }
        let pred: Vec<&str> = rec
            .map(|r| r.themes.iter().map(String::as_str).collect())
            .unwrap_or_default();
        for (t, c) in report.themes.iter_mut() {
            let required = g.themes_required.contains(t);
            let allowed = g.themes_allowed.contains(t);
            let machine = pred.contains(&t.as_str());
            if required {
                c.add(true, machine);
            } else if !allowed {
                c.add(false, machine);
            }
        }
    }
    report.segmentation_exact = if report.body_sentences == 0 {
        0.0
    } else {
        exact_n as f64 / report.body_sentences as f64
    };
    for (_, c) in &report.themes {
        report.micro.tp += c.tp;
        report.micro.fp += c.fp;
        report.micro.fn_ += c.fn_;
        report.micro.tn += c.tn;
    }
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} gold sentences, {} body sentences; segmentation exact {:.3}; {} boilerplate leak(s); {} unmatched",
            self.gold_sentences,
            self.body_sentences,
            self.segmentation_exact,
            self.boilerplate_leaks.len(),
            self.unmatched.len()
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<22} {:>6} {:>6} {:>6} {:>6}   {:>4} {:>4} {:>4} {:>4}",
            "", "P", "R", "F1", "kappa", "tp", "fp", "fn", "tn"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Confusion| {
            writeln!(
                f,
                "{name:<22} {:>6.3} {:>6.3} {:>6.3} {:>6.3}   {:>4} {:>4} {:>4} {:>4}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.kappa(),
                c.tp,
                c.fp,
                c.fn_,
                c.tn
            )
        };
        row(f, "claim", &self.claim)?;
        for (t, c) in &self.themes {
            row(f, t, c)?;
        }
        row(f, "themes (micro)", &self.micro)?;
        for leak in &self.boilerplate_leaks {
            writeln!(f, "leak: {leak}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_table() {
        // (tp, fp, fn, tn) → kappa
        let cases = [
            ((20, 5, 10, 15), 0.4),
            ((10, 0, 0, 10), 1.0),
            ((5, 5, 5, 5), 0.0),
        ];
        for ((tp, fp, fn_, tn), want) in cases {
            let c = Confusion { tp, fp, fn_, tn };
            assert!((c.kappa() - want).abs() < 1e-9, "{c:?}: {}", c.kappa());
        }
    }

    #[test]
    fn normalizes_like_score_py() {
        assert_eq!(
            normalize("  **The** “U.S.’s”\n role – now "),
            "the \"u.s.'s\" role - now"
        );
    }
}
