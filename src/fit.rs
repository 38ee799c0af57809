//! Calibration, above the pipeline (it runs it): the library behind `argdex codebook fit`. It runs the
//! real pipeline ([`crate::pipeline::analyze`]) over the texts of hand-coded gold files,
//! aligns gold lines to the produced sentences with [`crate::eval::align`] (the matching of
//! `argdex eval`), and records per sentence what fired before any weight is applied: the
//! claim cue classes (each class once) and the claim priors (question, genre), the rules of
//! each theme, the hedge, and whether the sentence is in the author's voice (a reported or
//! quoted sentence is never a claim, so it teaches the claim weights nothing). Each theme's
//! `must`/`must_not` examples join its fit as coded sentences.
//!
//! Learning, per decision (claims; each theme): an L2-regularised logistic regression whose
//! prior is the codebook's own weights (so a cue or rule the sample never shows keeps its
//! weight), with each weight kept on the side of zero it started on (a reporting frame stays
//! negative, a cue positive); weights are brought back to the codebook's scale and rounded to
//! 2 decimals, then the threshold is the one that maximises the objective on the same
//! sentences (Cohen's kappa for claims, `either` excluded; F1 per theme, allowed themes not
//! counted). Held-out figures come from K-fold cross-validation by document (a document is
//! never split across folds). The fitted codebook is the input TOML with only its numbers
//! changed (`toml_edit` keeps comments and layout) and a `# fit:` header.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::codebook::Codebook;
use crate::document::{self, Document};
use crate::error::{Error, Result};
use crate::eval::{self, Aligned, Confusion, GoldLine};
use crate::pipeline;
use crate::record::Record;

/// The values of a gold line's `claim` field, and whether each is a body sentence with a
/// claim verdict (`either` is a body sentence without one; boilerplate is not in the body).
const CLAIM_LABELS: &[(&str, Option<bool>)] = &[
    ("claim", Some(true)),
    ("not-claim", Some(false)),
    ("either", None),
    ("boilerplate", None),
];

/// Strength of the pull towards the codebook's own weights (the L2 penalty on log-odds
/// weights): the hand-set weights count as much as about ten sentences' evidence per cue.
const LAMBDA: f64 = 10.0;
/// Bounds of the log-odds per codebook weight unit (see [`fit_linear`]).
const SCALE: (f64, f64) = (0.25, 8.0);
/// Coordinate-descent sweeps at most, and the step below which it has converged.
const MAX_SWEEPS: usize = 300;
const CONVERGED: f64 = 1e-7;
/// Header lines of a fitted codebook start with this (and are replaced by a new fit).
pub const HEADER_PREFIX: &str = "# fit: ";

/// A problem with one gold line, as `FILE:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct GoldProblem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// One gold file and the folders that hold the texts its `doc` fields name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSource {
    pub path: PathBuf,
    /// Searched in order for each `doc`.
    pub texts: Vec<PathBuf>,
}

impl GoldSource {
    /// From a command-line argument: `GOLD` or `GOLD=DIR`. Without `=DIR`, the texts are in
    /// `texts` (searched in order) or, when that is empty, in the gold file's sibling folder
    /// named like it ([`default_texts`]).
    pub fn from_arg(arg: &Path, texts: &[PathBuf]) -> GoldSource {
        let s = arg.to_string_lossy();
        if !arg.is_file() {
            for (i, _) in s.match_indices('=') {
                let gold = Path::new(&s[..i]);
                if gold.is_file() {
                    return GoldSource {
                        path: gold.to_path_buf(),
                        texts: vec![PathBuf::from(&s[i + 1..])],
                    };
                }
            }
        }
        let texts = if texts.is_empty() {
            vec![default_texts(arg)]
        } else {
            texts.to_vec()
        };
        GoldSource {
            path: arg.to_path_buf(),
            texts,
        }
    }
}

/// The folder of a gold file's texts when none is given: its sibling named like it without
/// `-gold`/`_gold` and the extension (`eval/real-dev-gold.jsonl` → `eval/real-dev`).
pub fn default_texts(gold: &Path) -> PathBuf {
    let stem = gold
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = stem
        .strip_suffix("-gold")
        .or_else(|| stem.strip_suffix("_gold"))
        .unwrap_or(&stem);
    gold.with_file_name(name)
}

/// The gold lines of every file, checked, with the text file of every document.
#[derive(Debug, Default)]
pub struct GoldSet {
    pub sources: Vec<GoldSource>,
    /// Per file: (line number, gold line).
    pub lines: Vec<Vec<(usize, GoldLine)>>,
    /// Per file: (doc name, its text file), in order of first appearance.
    pub docs: Vec<Vec<(String, PathBuf)>>,
    /// Lines that stop the fit (bad JSON, missing field, bad label, missing text).
    pub errors: Vec<GoldProblem>,
    /// Lines that are used but look wrong (unknown theme ids).
    pub warnings: Vec<GoldProblem>,
}

/// A serde_json message without its position inside the line (the line is named already).
fn json_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// Read and check the gold files; `themes` are the codebook's theme ids.
pub fn read_gold(sources: &[GoldSource], themes: &[String]) -> Result<GoldSet> {
    let mut set = GoldSet {
        sources: sources.to_vec(),
        ..GoldSet::default()
    };
    for src in sources {
        let text = std::fs::read_to_string(&src.path).map_err(|e| Error::io(&src.path, e))?;
        let path = src.path.display().to_string();
        let problem = |line: usize, message: String| GoldProblem {
            path: path.clone(),
            line,
            message,
        };
        let mut lines = Vec::new();
        let mut docs: Vec<(String, PathBuf)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let g: GoldLine = match serde_json::from_str(raw) {
                Ok(g) => g,
                Err(e) => {
                    set.errors.push(problem(
                        n,
                        format!(
                            "not a gold line ({}); want doc, text, claim, themes_required, themes_allowed",
                            json_message(&e)
                        ),
                    ));
                    continue;
                }
            };
            if !CLAIM_LABELS.iter().any(|(l, _)| *l == g.claim) {
                let want: Vec<&str> = CLAIM_LABELS.iter().map(|(l, _)| *l).collect();
                set.errors.push(problem(
                    n,
                    format!("claim is {:?}; want one of {}", g.claim, want.join(", ")),
                ));
                continue;
            }
            for t in g.themes_required.iter().chain(&g.themes_allowed) {
                if !themes.contains(t) {
                    set.warnings.push(problem(
                        n,
                        format!(
                            "unknown theme {t:?} (the codebook has {})",
                            themes.join(", ")
                        ),
                    ));
                }
            }
            if !docs.iter().any(|(d, _)| *d == g.doc) {
                match src
                    .texts
                    .iter()
                    .map(|d| d.join(&g.doc))
                    .find(|p| p.is_file())
                {
                    Some(p) => docs.push((g.doc.clone(), p)),
                    None => {
                        let dirs: Vec<String> =
                            src.texts.iter().map(|d| d.display().to_string()).collect();
                        set.errors.push(problem(
                            n,
                            format!("no text for doc {} in {}", g.doc, dirs.join(", ")),
                        ));
                        // Report each missing document once.
                        docs.push((g.doc.clone(), PathBuf::new()));
                    }
                }
            }
            lines.push((n, g));
        }
        set.lines.push(lines);
        set.docs.push(docs);
    }
    Ok(set)
}

/// What fired on one sentence, before weights and thresholds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fired {
    /// Claim cue classes that matched (indices into [`Space::classes`], ascending, once each).
    pub cues: Vec<usize>,
    /// Per theme (codebook order): the rules that fired (indices, ascending).
    pub rules: Vec<Vec<usize>>,
    /// A hedge matched (reported for completeness: hedges carry no weight of their own).
    pub hedged: bool,
    /// The sentence is in the author's own voice (only those can be claims, whatever the
    /// weights: a reported or quoted sentence is left out of the claim fit).
    pub author: bool,
}

/// The weights and threshold of one linear decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub weights: Vec<f64>,
    pub threshold: f64,
}

/// How a summed score becomes a verdict, as the pipeline decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Claims: the score reaches the threshold.
    AtLeast,
    /// Themes: the score reaches the threshold and is positive.
    Positive,
}

impl Gate {
    fn decide(self, score: f64, threshold: f64) -> bool {
        match self {
            Gate::AtLeast => score >= threshold,
            Gate::Positive => score >= threshold && score > 0.0,
        }
    }
}

/// What a decision is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    Kappa,
    F1,
}

impl Objective {
    fn value(self, c: &Confusion) -> f64 {
        match self {
            Objective::Kappa => c.kappa(),
            Objective::F1 => c.f1(),
        }
    }
}

impl Linear {
    /// The score of a sentence: the weights of what fired, summed in codebook order from 0
    /// (the same floating-point sum as the pipeline's).
    fn score(&self, fired: &[usize]) -> f64 {
        fired
            .iter()
            .fold(0.0, |a, &j| a + self.weights.get(j).copied().unwrap_or(0.0))
    }

    fn decide(&self, gate: Gate, fired: Option<&[usize]>) -> bool {
        fired.is_some_and(|f| gate.decide(self.score(f), self.threshold))
    }
}

/// The names behind the numbers: claim cue classes, themes and their rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    /// Claim cue class names, in the order the claim lexicon runs them.
    pub classes: Vec<String>,
    /// The sentence-level claim priors; their weights follow the classes' in
    /// [`Params::claims`].
    pub priors: Vec<Prior>,
    /// False when the codebook has no `[claims.cues]` of its own (it then uses the built-in
    /// ones, which a fit leaves alone).
    pub own_claims: bool,
    /// Theme ids and their rule ids, in codebook order.
    pub themes: Vec<(String, Vec<String>)>,
}

/// Every number a fit may change.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub claims: Linear,
    pub themes: Vec<Linear>,
}

/// Cue classes with their weights, then the sentence-level priors (`question`, one
/// `genre:NAME` per genre) with theirs, and the claim threshold.
type ClaimTable = (Vec<(String, f64)>, Vec<(Prior, f64)>, f64);

/// The genre the priors are relative to: commentary, the text argdex is built for. Its prior
/// is not fitted (the threshold carries it), so a document whose genre the sample hardly
/// shows is judged like an opinion piece rather than by a prior learnt from one document.
const REFERENCE_GENRE: &str = "opinion";

/// A claim-score term that is not a cue class: `[claims] question` or one entry of
/// `[claims.genre]`. Every genre but the reference one is a term (weight 0 when the
/// codebook gives none), so a fit can learn a prior the hand-written codebook did not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prior {
    Question,
    Genre(String),
}

impl Prior {
    /// The name a report gives the term.
    pub fn label(&self) -> String {
        match self {
            Prior::Question => "question".to_string(),
            Prior::Genre(g) => format!("genre:{g}"),
        }
    }

    /// Which side of zero the weight keeps: a question never makes a claim more likely;
    /// a genre prior may go either way.
    fn sign(&self) -> Sign {
        match self {
            Prior::Question => Sign::NonPositive,
            Prior::Genre(_) => Sign::Free,
        }
    }
}

fn claim_table(src: &str) -> Result<Option<ClaimTable>> {
    let file: crate::codebook::model::FileToml = toml::from_str(src).map_err(|e| {
        crate::codebook::config_error("codebook", src, e.span(), e.message().to_string())
    })?;
    if file.claims.cues.is_empty() {
        return Ok(None);
    }
    let classes = file
        .claims
        .cues
        .iter()
        .map(|(k, c)| (k.clone(), c.weight.unwrap_or(1.0)))
        .collect();
    let mut priors = vec![(Prior::Question, file.claims.question.unwrap_or(0.0))];
    for g in crate::document::genre::Genre::ALL {
        let name = g.as_str();
        if name == REFERENCE_GENRE {
            continue;
        }
        let w = file.claims.genre.get(name).copied().unwrap_or(0.0);
        priors.push((Prior::Genre(name.to_string()), w));
    }
    Ok(Some((
        classes,
        priors,
        file.claims.threshold.unwrap_or(1.0),
    )))
}

impl Space {
    /// The names and current numbers of a compiled codebook and its source.
    pub fn of(cb: &Codebook, src: &str) -> Result<(Space, Params)> {
        let own = claim_table(src)?;
        let own_claims = own.is_some();
        let (classes, priors, threshold) = match own {
            Some(t) => t,
            // The codebook runs the built-in claim cues: describe those.
            None => claim_table(crate::codebook::DEFAULT_TOML)?.unwrap_or_default(),
        };
        let space = Space {
            classes: classes.iter().map(|(k, _)| k.clone()).collect(),
            priors: priors.iter().map(|(p, _)| p.clone()).collect(),
            own_claims,
            themes: cb
                .themes
                .iter()
                .map(|t| (t.id.clone(), t.rules.iter().map(|r| r.id.clone()).collect()))
                .collect(),
        };
        let params = Params {
            claims: Linear {
                weights: classes
                    .iter()
                    .map(|(_, w)| *w)
                    .chain(priors.iter().map(|(_, w)| *w))
                    .collect(),
                threshold,
            },
            themes: cb
                .themes
                .iter()
                .map(|t| Linear {
                    weights: t.rules.iter().map(|r| r.weight).collect(),
                    threshold: t.threshold,
                })
                .collect(),
        };
        Ok((space, params))
    }
}

/// What fired on each sentence of one paragraph (the unit the codebook tags), given the
/// paragraph's records (their genre and voice); `priors` are the claim priors, whose
/// feature indices follow the `classes`.
fn fired_in(
    cb: &Codebook,
    classes: &HashMap<String, usize>,
    priors: &[Prior],
    records: &[Record],
) -> Vec<Fired> {
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let para = crate::codebook::matcher::Paragraph::for_tagging(cb, &texts);
    let base = classes.len();
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cues: Vec<usize> = cb
                .claims
                .hits(texts[i])
                .iter()
                .filter_map(|h| classes.get(h.class.as_str()).copied())
                .collect();
            for (k, p) in priors.iter().enumerate() {
                let on = match p {
                    Prior::Question => crate::codebook::claims::ClaimLexicon::is_question(texts[i]),
                    Prior::Genre(g) => r.doc.genre.as_deref() == Some(g.as_str()),
                };
                if on {
                    cues.push(base + k);
                }
            }
            cues.sort_unstable();
            cues.dedup();
            let mut rules = vec![Vec::new(); cb.themes.len()];
            for o in para.evaluate_fired(cb, i, &mut Vec::new()) {
                rules[o.theme].push(o.rule);
            }
            for r in &mut rules {
                r.sort_unstable();
                r.dedup();
            }
            Fired {
                cues,
                rules,
                hedged: cb.claims.hedge(texts[i]).is_some(),
                author: r.voice == crate::voice::Voice::Author,
            }
        })
        .collect()
}

/// One gold body line, aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index of its document in [`Dataset::docs`].
    pub doc: usize,
    /// The human verdict (`None`: `either`).
    pub claim: Option<bool>,
    /// Per theme: required (`true`), not wanted (`false`), allowed only (`None`).
    pub themes: Vec<Option<bool>>,
    /// The sentence it matched (index into [`Dataset::fired`]), if any.
    pub sentence: Option<usize>,
}

/// A gold line that matched no sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// A document of the sample.
#[derive(Debug)]
pub struct Doc {
    /// Index of its gold file.
    pub file: usize,
    pub name: String,
    document: Document,
    doc_id: String,
}

/// Agreement figures: claims and each theme.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub claim: Confusion,
    pub themes: Vec<Confusion>,
}

fn merge(a: &mut Confusion, b: &Confusion) {
    a.tp += b.tp;
    a.fp += b.fp;
    a.fn_ += b.fn_;
    a.tn += b.tn;
}

impl Scores {
    fn empty(themes: usize) -> Scores {
        Scores {
            claim: Confusion::default(),
            themes: vec![Confusion::default(); themes],
        }
    }

    fn add(&mut self, other: &Scores) {
        merge(&mut self.claim, &other.claim);
        for (a, b) in self.themes.iter_mut().zip(&other.themes) {
            merge(a, b);
        }
    }

    /// All themes pooled.
    pub fn micro(&self) -> Confusion {
        let mut m = Confusion::default();
        for c in &self.themes {
            merge(&mut m, c);
        }
        m
    }
}

/// The sample: documents run through the pipeline, gold lines aligned, features collected.
#[derive(Debug)]
pub struct Dataset {
    pub space: Space,
    /// The codebook's own numbers.
    pub prior: Params,
    pub docs: Vec<Doc>,
    /// Per sentence of every document, what fired.
    pub fired: Vec<Fired>,
    pub items: Vec<Item>,
    pub unmatched: Vec<Unmatched>,
    /// Body gold lines (the ones scored) and boilerplate lines (not scored).
    pub body_lines: usize,
    pub boilerplate_lines: usize,
    /// Sentences whose verdict from the collected features and the codebook's numbers differs
    /// from the pipeline's (0 unless the pipeline decides on more than weights: then the fit
    /// cannot see that part).
    pub inconsistent: usize,
    /// `argdex eval` figures of the codebook as given.
    pub before: Scores,
    /// Per theme: the codebook's own examples as coded sentences (the rules that fired,
    /// whether the theme is wanted). They join every fit of that theme, as sentences the
    /// codebook's author coded, so a fit does not drop a rule below the examples written for
    /// it; they are never scored.
    pub examples: Vec<Vec<(Vec<usize>, bool)>>,
    /// Per file: its gold lines, for re-scoring with another codebook.
    gold: Vec<Vec<GoldLine>>,
    sources: Vec<GoldSource>,
}

/// The rules of each theme fired by its `must`, `must_not`, `must_paragraph` and
/// `must_not_paragraph` examples (a paragraph example is judged on its last sentence, as
/// `codebook test` does).
fn theme_examples(cb: &Codebook) -> Vec<Vec<(Vec<usize>, bool)>> {
    cb.themes
        .iter()
        .enumerate()
        .map(|(t, theme)| {
            let singles = theme
                .must
                .iter()
                .map(|s| (vec![s.as_str()], true))
                .chain(theme.must_not.iter().map(|s| (vec![s.as_str()], false)));
            let paragraphs = (theme.must_paragraph.iter().map(|p| (p, true)))
                .chain(theme.must_not_paragraph.iter().map(|p| (p, false)))
                .map(|(p, want)| (p.iter().map(String::as_str).collect::<Vec<_>>(), want));
            singles
                .chain(paragraphs)
                .filter(|(texts, _)| !texts.is_empty())
                .map(|(texts, want)| {
                    let para = crate::codebook::matcher::Paragraph::for_tagging(cb, &texts);
                    let mut rules: Vec<usize> = para
                        .evaluate_fired(cb, texts.len() - 1, &mut Vec::new())
                        .iter()
                        .filter(|o| o.theme == t)
                        .map(|o| o.rule)
                        .collect();
                    rules.sort_unstable();
                    rules.dedup();
                    (rules, want)
                })
                .collect()
        })
        .collect()
}

impl Dataset {
    /// Run the pipeline with `cb` (compiled from `src`) on every document of `set`.
    pub fn build(cb: &Codebook, src: &str, set: GoldSet) -> Result<Dataset> {
        let (space, prior) = Space::of(cb, src)?;
        let classes: HashMap<String, usize> = space
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();
        let mut docs = Vec::new();
        for (file, list) in set.docs.iter().enumerate() {
            for (name, path) in list {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let label = path.display().to_string();
                let document = document::load_bytes(path, &label, &bytes)?;
                docs.push(Doc {
                    file,
                    name: name.clone(),
                    document,
                    doc_id: pipeline::content_id(&bytes),
                });
            }
        }
        let theme_ids: Vec<String> = space.themes.iter().map(|(t, _)| t.clone()).collect();
        let gold: Vec<Vec<GoldLine>> = set
            .lines
            .iter()
            .map(|l| l.iter().map(|(_, g)| g.clone()).collect())
            .collect();
        let mut data = Dataset {
            space,
            prior,
            docs,
            fired: Vec::new(),
            items: Vec::new(),
            unmatched: Vec::new(),
            body_lines: 0,
            boilerplate_lines: 0,
            inconsistent: 0,
            before: Scores::empty(theme_ids.len()),
            examples: theme_examples(cb),
            gold,
            sources: set.sources,
        };
        for (file, lines) in set.lines.iter().enumerate() {
            // The records of this file's documents, and where each document's start.
            let mut records: Vec<Record> = Vec::new();
            let mut doc_of_record: Vec<usize> = Vec::new();
            let base = data.fired.len();
            for (d, doc) in data.docs.iter().enumerate().filter(|(_, d)| d.file == file) {
                let recs = pipeline::analyze(&doc.document, &doc.doc_id, cb);
                for para in recs.chunk_by(|a, b| a.paragraph == b.paragraph) {
                    data.fired
                        .extend(fired_in(cb, &classes, &data.space.priors, para));
                }
                doc_of_record.extend(std::iter::repeat_n(d, recs.len()));
                records.extend(recs);
            }
            for (k, r) in records.iter().enumerate() {
                if !data.reproduces(&data.prior, &data.fired[base + k], r, &theme_ids) {
                    data.inconsistent += 1;
                }
            }
            let golds = &data.gold[file];
            let report = eval::score(&records, golds, &theme_ids);
            data.before.add(&Scores {
                claim: report.claim,
                themes: report.themes.iter().map(|(_, c)| *c).collect(),
            });
            let path = data.sources[file].path.display().to_string();
            for ((line, g), a) in lines.iter().zip(eval::align(&records, golds)) {
                let Aligned::Body { record, .. } = a else {
                    data.boilerplate_lines += 1;
                    continue;
                };
                data.body_lines += 1;
                if record.is_none() {
                    data.unmatched.push(Unmatched {
                        path: path.clone(),
                        line: *line,
                        text: g.text.chars().take(70).collect(),
                    });
                }
                let doc = record
                    .map(|k| doc_of_record[k])
                    .or_else(|| {
                        data.docs
                            .iter()
                            .position(|d| d.file == file && d.name == g.doc)
                    })
                    .unwrap_or(0);
                let claim = CLAIM_LABELS
                    .iter()
                    .find(|(l, _)| *l == g.claim)
                    .and_then(|(_, v)| *v);
                let themes = theme_ids
                    .iter()
                    .map(|t| {
                        if g.themes_required.contains(t) {
                            Some(true)
                        } else if g.themes_allowed.contains(t) {
                            None
                        } else {
                            Some(false)
                        }
                    })
                    .collect();
                data.items.push(Item {
                    doc,
                    claim,
                    themes,
                    sentence: record.map(|k| base + k),
                });
            }
        }
        Ok(data)
    }

    /// Do the collected features with `p` give the pipeline's verdict on `r`?
    fn reproduces(&self, p: &Params, f: &Fired, r: &Record, themes: &[String]) -> bool {
        let claim = !self.space.classes.is_empty()
            && f.author
            && p.claims.decide(Gate::AtLeast, Some(&f.cues));
        let tagged = themes.iter().enumerate().all(|(t, id)| {
            let want = r.themes.contains(id);
            let got = match (p.themes.get(t), f.rules.get(t)) {
                (Some(l), Some(fr)) => l.decide(Gate::Positive, Some(fr)),
                _ => false,
            };
            want == got
        });
        claim == r.is_claim && tagged
    }

    /// The figures of `p` on the items of the documents `keep` selects.
    pub fn score(&self, p: &Params, keep: impl Fn(usize) -> bool) -> Scores {
        let mut s = Scores::empty(self.space.themes.len());
        for it in self.items.iter().filter(|it| keep(it.doc)) {
            let f = it.sentence.and_then(|k| self.fired.get(k));
            if let Some(human) = it.claim {
                let machine = !self.space.classes.is_empty()
                    && p.claims.decide(
                        Gate::AtLeast,
                        f.filter(|f| f.author).map(|f| f.cues.as_slice()),
                    );
                s.claim.add(human, machine);
            }
            for (t, label) in it.themes.iter().enumerate() {
                let Some(human) = *label else { continue };
                let fired = f.and_then(|f| f.rules.get(t)).map(Vec::as_slice);
                let machine = p
                    .themes
                    .get(t)
                    .is_some_and(|l| l.decide(Gate::Positive, fired));
                if let Some(c) = s.themes.get_mut(t) {
                    c.add(human, machine);
                }
            }
        }
        s
    }

    /// Fit every number on the items of the documents `keep` selects.
    pub fn fit(&self, keep: impl Fn(usize) -> bool) -> Params {
        let items: Vec<&Item> = self.items.iter().filter(|it| keep(it.doc)).collect();
        let fired = |it: &Item| it.sentence.and_then(|k| self.fired.get(k));
        let claims = if self.space.own_claims {
            // A reported or quoted sentence is never a claim, whatever the weights: it counts
            // in the objective as the machine's "no" and teaches the weights nothing.
            let rows: Vec<(Option<&[usize]>, bool)> = items
                .iter()
                .filter_map(|it| {
                    let f = fired(it).filter(|f| f.author).map(|f| f.cues.as_slice());
                    Some((f, it.claim?))
                })
                .collect();
            let signs: Vec<Sign> = self
                .prior
                .claims
                .weights
                .iter()
                .take(self.space.classes.len())
                .map(|&w| Sign::of(w))
                .chain(self.space.priors.iter().map(Prior::sign))
                .collect();
            fit_signed(
                &rows,
                &self.prior.claims,
                &signs,
                Gate::AtLeast,
                Objective::Kappa,
            )
        } else {
            self.prior.claims.clone()
        };
        let themes = self
            .prior
            .themes
            .iter()
            .enumerate()
            .map(|(t, prior)| {
                let rows: Vec<(Option<&[usize]>, bool)> = items
                    .iter()
                    .filter_map(|it| {
                        let human = (*it.themes.get(t)?)?;
                        let f = fired(it).and_then(|f| f.rules.get(t)).map(Vec::as_slice);
                        Some((f, human))
                    })
                    .collect();
                let mut rows = rows;
                if let Some(ex) = self.examples.get(t) {
                    rows.extend(ex.iter().map(|(f, human)| (Some(f.as_slice()), *human)));
                }
                fit_linear(&rows, prior, Gate::Positive, Objective::F1)
            })
            .collect();
        Params { claims, themes }
    }

    /// Fold of each document: documents in order of appearance, dealt round-robin into
    /// `k` folds (at most one per document).
    pub fn folds(&self, k: usize) -> (usize, Vec<usize>) {
        let k = k.min(self.docs.len()).max(1);
        (k, (0..self.docs.len()).map(|d| d % k).collect())
    }

    /// K-fold cross-validation by document: each fold scored by a fit on the others, the
    /// folds pooled. `None` with fewer than two documents.
    pub fn cross_validate(&self, k: usize) -> Option<(usize, Scores)> {
        let (k, fold) = self.folds(k);
        if k < 2 {
            return None;
        }
        let mut pooled = Scores::empty(self.space.themes.len());
        for f in 0..k {
            let p = self.fit(|d| fold[d] != f);
            pooled.add(&self.score(&p, |d| fold[d] == f));
        }
        Some((k, pooled))
    }

    /// `argdex eval` figures of another codebook (e.g. the fitted one) on the same gold.
    pub fn rescore(&self, cb: &Codebook) -> Scores {
        let themes = cb.theme_ids();
        let mut s = Scores::empty(themes.len());
        for (file, gold) in self.gold.iter().enumerate() {
            let mut records = Vec::new();
            for d in self.docs.iter().filter(|d| d.file == file) {
                records.extend(pipeline::analyze(&d.document, &d.doc_id, cb));
            }
            let r = eval::score(&records, gold, &themes);
            s.add(&Scores {
                claim: r.claim,
                themes: r.themes.iter().map(|(_, c)| *c).collect(),
            });
        }
        s
    }

    /// The gold files, as given.
    pub fn files(&self) -> Vec<String> {
        self.sources
            .iter()
            .map(|s| s.path.display().to_string())
            .collect()
    }
}

/// Round to 2 decimals (the form a weight takes in the TOML), without a negative zero.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0 + 0.0
}

/// Which side of zero a weight must stay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    Free,
    NonNegative,
    NonPositive,
}

impl Sign {
    fn of(w: f64) -> Sign {
        if w < 0.0 {
            Sign::NonPositive
        } else {
            Sign::NonNegative
        }
    }

    fn clip(self, w: f64) -> f64 {
        match self {
            Sign::Free => w,
            Sign::NonNegative => w.max(0.0),
            Sign::NonPositive => w.min(0.0),
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Negative log-likelihood of one label at log-odds `z`.
fn nll(z: f64, y: bool) -> f64 {
    let softplus = if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    };
    softplus - if y { z } else { 0.0 }
}

/// One Newton step on coordinate `w` (the column `col` of (row, value)), with step halving
/// so the objective never rises and the sign kept; returns the size of the step taken.
fn newton_step(
    z: &mut [f64],
    y: &[bool],
    col: &[(usize, f64)],
    w: &mut f64,
    prior: (f64, f64, Sign),
) -> f64 {
    let (mean, lambda, sign) = prior;
    let (mut g, mut h) = (lambda * (*w - mean), lambda);
    for &(i, v) in col {
        let p = sigmoid(z[i]);
        g += (p - if y[i] { 1.0 } else { 0.0 }) * v;
        h += p * (1.0 - p) * v * v;
    }
    if h <= 1e-12 {
        return 0.0;
    }
    let loss = |z: &[f64], d: f64| {
        col.iter()
            .map(|&(i, v)| nll(z[i] + d * v, y[i]))
            .sum::<f64>()
            + 0.5 * lambda * (*w + d - mean).powi(2)
    };
    let base = loss(z, 0.0);
    let mut d = sign.clip(*w - g / h) - *w;
    let mut halvings = 0;
    while loss(z, d) > base + 1e-12 {
        d *= 0.5;
        halvings += 1;
        if halvings > 40 {
            return 0.0;
        }
    }
    *w += d;
    for &(i, v) in col {
        z[i] += d * v;
    }
    d.abs()
}

/// L2-regularised logistic regression by cyclic coordinate descent: `rows` are sparse
/// (feature, value) lists, the penalty `lambda/2 · Σ (w - mean)²` pulls each weight towards
/// its prior `mean`, each weight stays on its `signs` side, the intercept is free and
/// unpenalised. Returns (intercept, weights).
fn logistic(
    rows: &[Vec<(usize, f64)>],
    y: &[bool],
    mean: &[f64],
    lambda: f64,
    signs: &[Sign],
) -> (f64, Vec<f64>) {
    let n = mean.len();
    let mut cols: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (i, r) in rows.iter().enumerate() {
        for &(j, v) in r {
            if let Some(c) = cols.get_mut(j) {
                c.push((i, v));
            }
        }
    }
    let ones: Vec<(usize, f64)> = (0..rows.len()).map(|i| (i, 1.0)).collect();
    let mut w: Vec<f64> = mean.iter().zip(signs).map(|(m, s)| s.clip(*m)).collect();
    let pos = y.iter().filter(|&&v| v).count() as f64;
    let mut b = ((pos + 0.5) / (rows.len() as f64 - pos + 0.5)).ln();
    let mut z: Vec<f64> = rows
        .iter()
        .map(|r| {
            b + r
                .iter()
                .map(|&(j, v)| w.get(j).map_or(0.0, |w| w * v))
                .sum::<f64>()
        })
        .collect();
    for _ in 0..MAX_SWEEPS {
        let mut moved = newton_step(&mut z, y, &ones, &mut b, (0.0, 0.0, Sign::Free));
        for j in 0..n {
            let prior = (mean[j], lambda, signs[j]);
            moved = moved.max(newton_step(&mut z, y, &cols[j], &mut w[j], prior));
        }
        if moved < CONVERGED {
            break;
        }
    }
    (b, w)
}

/// Fit one decision. `rows`: (what fired, or `None` for a gold line that matched no
/// sentence and so is never tagged; the human verdict). The prior's weights set the scale
/// and the signs: first the log-odds per unit of the prior score (`s`, bounded by
/// [`SCALE`]), then a logistic regression with each weight pulled towards `s ×` its prior,
/// divided by `s` and rounded; then the threshold that maximises `objective` (ties: the one
/// nearest the prior threshold). Rows with no positive or no negative verdict among the
/// matched ones leave the prior as it is.
pub fn fit_linear(
    rows: &[(Option<&[usize]>, bool)],
    prior: &Linear,
    gate: Gate,
    objective: Objective,
) -> Linear {
    let signs: Vec<Sign> = prior.weights.iter().map(|&w| Sign::of(w)).collect();
    fit_signed(rows, prior, &signs, gate, objective)
}

/// [`fit_linear`] with the side of zero of each weight given (`signs[j]` for weight `j`).
fn fit_signed(
    rows: &[(Option<&[usize]>, bool)],
    prior: &Linear,
    signs: &[Sign],
    gate: Gate,
    objective: Objective,
) -> Linear {
    let matched: Vec<(&[usize], bool)> =
        rows.iter().filter_map(|(f, y)| Some(((*f)?, *y))).collect();
    if !matched.iter().any(|r| r.1)
        || !matched
            .iter()
            .all(|r| r.0.iter().all(|&j| j < prior.weights.len()))
        || !matched.iter().any(|r| !r.1)
    {
        return prior.clone();
    }
    let y: Vec<bool> = matched.iter().map(|r| r.1).collect();
    let prior_score: Vec<Vec<(usize, f64)>> = matched
        .iter()
        .map(|(f, _)| vec![(0, prior.score(f))])
        .collect();
    let (_, s) = logistic(&prior_score, &y, &[0.0], LAMBDA, &[Sign::NonNegative]);
    let s = s.first().copied().unwrap_or(1.0).clamp(SCALE.0, SCALE.1);
    let x: Vec<Vec<(usize, f64)>> = matched
        .iter()
        .map(|(f, _)| f.iter().map(|&j| (j, 1.0)).collect())
        .collect();
    let mean: Vec<f64> = prior.weights.iter().map(|w| w * s).collect();
    let (_, w) = logistic(&x, &y, &mean, LAMBDA, signs);
    let weights: Vec<f64> = w
        .iter()
        .zip(signs)
        .map(|(w, sign)| sign.clip(round2(w / s)) + 0.0)
        .collect();
    let mut fitted = Linear {
        weights,
        threshold: prior.threshold,
    };
    fitted.threshold = best_threshold(rows, &fitted, prior.threshold, gate, objective);
    fitted
}

/// The 2-decimal threshold that maximises `objective` for `l`'s weights: candidates lie
/// between consecutive distinct scores of the matched rows, one below the lowest and one
/// above the highest.
fn best_threshold(
    rows: &[(Option<&[usize]>, bool)],
    l: &Linear,
    prior: f64,
    gate: Gate,
    objective: Objective,
) -> f64 {
    let mut cents: Vec<i64> = rows
        .iter()
        .filter_map(|(f, _)| f.map(|f| (l.score(f) * 100.0).round() as i64))
        .collect();
    cents.sort_unstable();
    cents.dedup();
    let (Some(&lo), Some(&hi)) = (cents.first(), cents.last()) else {
        return prior;
    };
    let mut candidates = vec![lo - 50, hi + 50, (prior * 100.0).round() as i64];
    candidates.extend(cents.windows(2).map(|w| w[0] + (w[1] - w[0] + 1) / 2));
    let mut best = (f64::NEG_INFINITY, f64::INFINITY, prior);
    for c in candidates {
        let t = c as f64 / 100.0;
        let mut conf = Confusion::default();
        for (f, human) in rows {
            let machine = f.is_some_and(|f| gate.decide(l.score(f), t));
            conf.add(*human, machine);
        }
        let v = objective.value(&conf);
        let dist = (t - prior).abs();
        if v > best.0 + 1e-12 || ((v - best.0).abs() <= 1e-12 && dist < best.1) {
            best = (v, dist, t);
        }
    }
    best.2
}

/// Write `value` into `key` of `table`, keeping the comment and spacing around the old value;
/// a missing key is added only when the value differs from the default.
fn set_number(table: &mut dyn toml_edit::TableLike, key: &str, value: f64, default: f64) {
    match table.get_mut(key).and_then(|i| i.as_value_mut()) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = toml_edit::Value::from(value);
            *v.decor_mut() = decor;
        }
        None => {
            if value != default {
                table.insert(key, toml_edit::value(value));
            }
        }
    }
}

fn mismatch(what: String) -> Error {
    Error::Config {
        origin: "codebook".into(),
        line: 0,
        column: 0,
        message: format!("cannot write the fitted numbers: {what}"),
    }
}

/// The codebook source with `p`'s numbers written in and `header` (lines without the `#`)
/// as its first comment lines, replacing the header of an earlier fit.
pub fn rewrite(src: &str, space: &Space, p: &Params, header: &[String]) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = src
        .parse()
        .map_err(|e: toml_edit::TomlError| mismatch(e.to_string()))?;
    if space.own_claims {
        let claims = doc
            .get_mut("claims")
            .and_then(|c| c.as_table_like_mut())
            .ok_or_else(|| mismatch("no [claims] table".into()))?;
        set_number(claims, "threshold", p.claims.threshold, 1.0);
        let cues = claims
            .get_mut("cues")
            .and_then(|c| c.as_table_like_mut())
            .ok_or_else(|| mismatch("no [claims.cues] table".into()))?;
        for (name, w) in space.classes.iter().zip(&p.claims.weights) {
            let class = cues
                .get_mut(name)
                .and_then(|c| c.as_table_like_mut())
                .ok_or_else(|| mismatch(format!("no cue class {name:?}")))?;
            set_number(class, "weight", *w, 1.0);
        }
        let n = space.classes.len();
        for (prior, w) in space.priors.iter().zip(p.claims.weights.iter().skip(n)) {
            match prior {
                Prior::Question => set_number(claims, "question", *w, 0.0),
                Prior::Genre(g) => {
                    if claims.get("genre").is_none() {
                        if *w == 0.0 {
                            continue;
                        }
                        claims.insert("genre", toml_edit::Item::Table(toml_edit::Table::new()));
                    }
                    let genres = claims
                        .get_mut("genre")
                        .and_then(|t| t.as_table_like_mut())
                        .ok_or_else(|| mismatch("[claims.genre] is not a table".into()))?;
                    set_number(genres, g, *w, 0.0);
                }
            }
        }
    }
    if !space.themes.is_empty() {
        let themes = doc
            .get_mut("themes")
            .and_then(|t| t.as_array_of_tables_mut())
            .ok_or_else(|| mismatch("no [[themes]]".into()))?;
        if themes.len() != space.themes.len() {
            return Err(mismatch("the themes changed".into()));
        }
        for ((table, (id, rule_ids)), l) in themes.iter_mut().zip(&space.themes).zip(&p.themes) {
            if table.get("id").and_then(|v| v.as_str()) != Some(id.as_str()) {
                return Err(mismatch(format!("theme {id:?} moved")));
            }
            set_number(table, "threshold", l.threshold, 1.0);
            let rules = table
                .get_mut("rules")
                .and_then(|r| r.as_array_of_tables_mut())
                .ok_or_else(|| mismatch(format!("theme {id:?} has no [[themes.rules]]")))?;
            if rules.len() != rule_ids.len() {
                return Err(mismatch(format!("the rules of {id:?} changed")));
            }
            for ((rule, rid), w) in rules.iter_mut().zip(rule_ids).zip(&l.weights) {
                if rule.get("id").and_then(|v| v.as_str()) != Some(rid.as_str()) {
                    return Err(mismatch(format!("rule {rid:?} of {id:?} moved")));
                }
                set_number(rule, "weight", *w, 1.0);
            }
        }
    }
    let body = doc.to_string();
    let rest: Vec<&str> = body
        .lines()
        .skip_while(|l| l.starts_with(HEADER_PREFIX))
        .collect();
    let mut out = String::new();
    for h in header {
        out.push_str(HEADER_PREFIX);
        out.push_str(h);
        out.push('\n');
    }
    out.push_str(&rest.join("\n"));
    out.push('\n');
    Ok(out)
}

/// Today's date (`YYYY-MM-DD`, UTC), or the one `SOURCE_DATE_EPOCH` gives (reproducible
/// output).
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let t = crate::document::metadata::utc_datetime(secs);
    format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subset of `n` binary features, `copies` times.
    fn all_rows(n: usize, copies: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for _ in 0..copies {
            for mask in 0u32..(1 << n) {
                out.push((0..n).filter(|j| mask & (1 << j) != 0).collect());
            }
        }
        out
    }

    #[test]
    fn recovers_known_separating_weights() {
        // (true weights, true threshold, gate, prior weights, prior threshold)
        type Case = (&'static [f64], f64, Gate, &'static [f64], f64);
        let cases: &[Case] = &[
            // two cues and a frame; the prior has the signs but not the sizes
            (
                &[1.0, 1.0, -2.0, 0.0],
                1.0,
                Gate::AtLeast,
                &[0.2, 0.2, -0.2, 0.2],
                3.0,
            ),
            // a cue that decides alone, weak ones that only count together
            (
                &[2.0, 0.5, 0.5, -1.0],
                1.0,
                Gate::AtLeast,
                &[1.0, 1.0, 1.0, -1.0],
                1.0,
            ),
            // a theme: two rules needed together, a third one alone
            (&[1.0, 1.0, 2.0], 2.0, Gate::Positive, &[1.0, 1.0, 1.0], 1.0),
        ];
        for (truth, t, gate, prior_w, prior_t) in cases {
            let n = truth.len();
            let xs = all_rows(n, 6);
            let truth = Linear {
                weights: truth.to_vec(),
                threshold: *t,
            };
            let rows: Vec<(Option<&[usize]>, bool)> = xs
                .iter()
                .map(|x| (Some(x.as_slice()), truth.decide(*gate, Some(x))))
                .collect();
            let prior = Linear {
                weights: prior_w.to_vec(),
                threshold: *prior_t,
            };
            let objective = if *gate == Gate::AtLeast {
                Objective::Kappa
            } else {
                Objective::F1
            };
            let fitted = fit_linear(&rows, &prior, *gate, objective);
            for (x, human) in &rows {
                assert_eq!(
                    fitted.decide(*gate, *x),
                    *human,
                    "{x:?} with {fitted:?} (truth {truth:?})"
                );
            }
            for (w, p) in fitted.weights.iter().zip(prior_w.iter()) {
                assert!(w * p >= 0.0, "sign flipped: {fitted:?}");
                assert_eq!(*w, round2(*w));
            }
            assert_eq!(fitted.threshold, round2(fitted.threshold));
        }
    }

    #[test]
    fn unseen_features_keep_their_prior_weight() {
        // Feature 2 never fires: it keeps its weight; the noise feature 1 is pulled to 0
        // from its prior side and never crosses it.
        let xs: Vec<Vec<usize>> = (0..40)
            .map(|i| if i % 2 == 0 { vec![0] } else { vec![1] })
            .collect();
        let rows: Vec<(Option<&[usize]>, bool)> = xs
            .iter()
            .map(|x| (Some(x.as_slice()), x.contains(&0)))
            .collect();
        let prior = Linear {
            weights: vec![0.5, 1.0, -1.5],
            threshold: 1.0,
        };
        let f = fit_linear(&rows, &prior, Gate::AtLeast, Objective::Kappa);
        assert_eq!(f.weights[2], -1.5, "{f:?}");
        assert!(f.weights[1] >= 0.0 && f.weights[1] < f.weights[0], "{f:?}");
        for (x, human) in &rows {
            assert_eq!(f.decide(Gate::AtLeast, *x), *human, "{f:?}");
        }
    }

    #[test]
    fn nothing_to_learn_keeps_the_prior() {
        let x = vec![0usize];
        let prior = Linear {
            weights: vec![0.3],
            threshold: 0.7,
        };
        for rows in [
            vec![(Some(x.as_slice()), true), (None, true)],
            vec![(Some(x.as_slice()), false)],
            vec![(None, true), (None, false)],
        ] {
            assert_eq!(
                fit_linear(&rows, &prior, Gate::Positive, Objective::F1),
                prior
            );
        }
    }

    #[test]
    fn rounding_and_dates() {
        for (x, want) in [(0.123, 0.12), (-0.004, 0.0), (2.675, 2.68), (-1.006, -1.01)] {
            assert_eq!(round2(x), want, "{x}");
            assert!(!round2(x).is_sign_negative() || want < 0.0);
        }
        for (days, want) in [
            (0, (1970, 1, 1)),
            (20_423, (2025, 12, 1)),
            (11_016, (2000, 2, 29)),
            (-1, (1969, 12, 31)),
        ] {
            let t = crate::document::metadata::utc_datetime(days * 86_400);
            let got = (i64::from(t.year()), t.month() as u32, t.day() as u32);
            assert_eq!(got, want, "{days}");
        }
    }

    #[test]
    fn default_texts_folder() {
        for (gold, want) in [
            ("eval/real-dev-gold.jsonl", "eval/real-dev"),
            ("a/b_gold.jsonl", "a/b"),
            ("x/coded.jsonl", "x/coded"),
        ] {
            assert_eq!(default_texts(Path::new(gold)), PathBuf::from(want));
        }
    }

    #[test]
    fn rewrite_changes_only_numbers_and_keeps_comments() {
        let src = "# my codebook\n[[themes]]\nid = \"t\"  # the theme\n[[themes.rules]]\nid = \"a\"\npatterns = [\"x\"]\nweight = 1.0  # hand-set\n[[themes.rules]]\nid = \"b\"\npatterns = [\"y\"]\n\n[claims]\nthreshold = 1.0\n[claims.cues.frame]\nweight = -1.0 # negative\npatterns = [\"said\"]\n";
        let cb = Codebook::from_toml(src, "t").unwrap();
        let (space, mut p) = Space::of(&cb, src).unwrap();
        assert_eq!(space.classes, vec!["frame"]);
        p.themes[0].weights = vec![0.75, 1.0];
        p.themes[0].threshold = 1.5;
        p.claims.weights = vec![-2.25];
        let out = rewrite(src, &space, &p, &["fitted".into()]).unwrap();
        assert!(out.starts_with("# fit: fitted\n# my codebook\n"), "{out}");
        assert!(out.contains("weight = 0.75  # hand-set\n"), "{out}");
        assert!(out.contains("weight = -2.25 # negative\n"), "{out}");
        assert!(out.contains("id = \"t\"  # the theme\n"), "{out}");
        assert!(out.contains("threshold = 1.5"), "{out}");
        // rule b keeps the default weight, so no key is added
        assert_eq!(out.matches("weight").count(), 2, "{out}");
        let again = rewrite(&out, &space, &p, &["refit".into()]).unwrap();
        assert!(
            again.starts_with("# fit: refit\n# my codebook\n"),
            "{again}"
        );
        let cb2 = Codebook::from_toml(&out, "out").unwrap();
        assert_eq!(cb2.themes[0].rules[0].weight, 0.75);
        assert_eq!(cb2.themes[0].threshold, 1.5);
    }

    #[test]
    fn rewrite_writes_the_question_and_genre_priors() {
        let src = "[[themes]]\nid = \"t\"\n[[themes.rules]]\nid = \"a\"\npatterns = [\"x\"]\n\n[claims]\nthreshold = 1.0\nquestion = -3.0\n[claims.cues.c]\npatterns = [\"should\"]\n";
        let cb = Codebook::from_toml(src, "t").unwrap();
        let (space, mut p) = Space::of(&cb, src).unwrap();
        let labels: Vec<String> = space.priors.iter().map(Prior::label).collect();
        assert_eq!(labels[0], "question");
        assert!(labels.contains(&"genre:news".to_string()), "{labels:?}");
        // c, question, then one weight per genre (none set: 0)
        assert_eq!(p.claims.weights[..2], [1.0, -3.0]);
        assert!(p.claims.weights[2..].iter().all(|w| *w == 0.0));
        let news = 2 + labels[1..].iter().position(|l| l == "genre:news").unwrap();
        p.claims.weights[1] = -2.5;
        p.claims.weights[news] = -1.25;
        let out = rewrite(src, &space, &p, &[]).unwrap();
        assert!(out.contains("question = -2.5"), "{out}");
        let cb2 = Codebook::from_toml(&out, "out").unwrap();
        assert_eq!(
            cb2.claims.detect_in("We should act.", Some("news")).score,
            1.0 - 1.25
        );
        assert_eq!(
            cb2.claims.detect_in("Should we act?", None).score,
            1.0 - 2.5
        );
        // genres left at 0 add no key
        assert!(!out.contains("opinion"), "{out}");
    }
}
