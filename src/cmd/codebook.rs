//! `argdex codebook show|check|test|init|import|export|fit`: read, validate, test, start
//! from, import (quanteda YAML, LIWC .dic), export (REFI-QDA) and fit (weights and thresholds
//! learnt from hand-coded gold files, see `codebook::fit`) the rule codebook.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{CodebookArgs, CodebookCommand, Status};
use crate::codebook::{self, Codebook};
use crate::fit::{self, Dataset, GoldSource, Scores};

fn load(file: Option<&Path>) -> anyhow::Result<Codebook> {
    match file {
        Some(p) => {
            Codebook::load(p).with_context(|| format!("cannot load codebook {}", p.display()))
        }
        None => Ok(Codebook::builtin()),
    }
}

fn write_out(output: Option<&PathBuf>, text: &str, force: bool) -> anyhow::Result<()> {
    match output {
        Some(p) if p.as_os_str() != "-" => {
            if p.exists() && !force {
                anyhow::bail!("{} exists; pass --force to overwrite it", p.display());
            }
            // A temporary file beside the target, then renamed over it (as `export -o` and
            // `report -o` do): a failed write leaves the old file whole and no temporary one.
            let mut tmp = crate::output::temp_beside(p)
                .with_context(|| format!("cannot write {}", p.display()))?;
            tmp.write_all(text.as_bytes())
                .and_then(|()| tmp.flush())
                .with_context(|| format!("cannot write {}", p.display()))?;
            tmp.persist(p)
                .with_context(|| format!("cannot write {}", p.display()))?;
            crate::note!("argdex: wrote {}", p.display());
        }
        _ => {
            let mut out = super::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Run `argdex codebook ...`.
pub fn run(a: CodebookArgs) -> anyhow::Result<Status> {
    match a.command {
        CodebookCommand::Show { file } => {
            let cb = load(file.as_deref())?;
            let mut out = super::stdout();
            writeln!(
                out,
                "codebook {} (fingerprint {}): {} themes, {} actors",
                file.as_ref()
                    .map_or("built-in".to_string(), |p| p.display().to_string()),
                cb.fingerprint(),
                cb.themes.len(),
                cb.gazetteer.actors.len()
            )?;
            for t in &cb.themes {
                writeln!(out, "\n{}  {}  (threshold {})", t.id, t.label, t.threshold)?;
                if !t.description.is_empty() {
                    writeln!(out, "  {}", t.description)?;
                }
                for r in &t.rules {
                    let ctx = if r.context == codebook::Context::Paragraph {
                        ", paragraph context"
                    } else {
                        ""
                    };
                    writeln!(out, "  - {} (weight {}{ctx})", r.id, r.weight)?;
                }
                writeln!(
                    out,
                    "  examples: {} must, {} must not",
                    t.must.len(),
                    t.must_not.len()
                )?;
            }
            out.flush()?;
            Ok(Status::Found)
        }
        CodebookCommand::Check { file } => {
            let src = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let errors = Codebook::check(&src, &file.display().to_string());
            if errors.is_empty() {
                let mut out = super::stdout();
                writeln!(out, "{}: ok", file.display())?;
                out.flush()?;
                return Ok(Status::Found);
            }
            for e in &errors {
                crate::note!("{e}");
            }
            crate::note!("argdex: {} problem(s) in {}", errors.len(), file.display());
            Ok(Status::Problems)
        }
        CodebookCommand::Test { file } => {
            let cb = load(file.as_deref())?;
            let report = cb.self_test();
            let mut out = super::stdout();
            write!(out, "{report}")?;
            out.flush()?;
            Ok(if report.passed() {
                Status::Found
            } else {
                Status::Problems
            })
        }
        CodebookCommand::Init { output, force } => {
            let output = output.unwrap_or_else(|| PathBuf::from("codebook.toml"));
            write_out(Some(&output), Codebook::default_toml(), force)?;
            Ok(Status::Found)
        }
        CodebookCommand::Import { file, format } => {
            let src = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let liwc = match format.as_deref() {
                Some("liwc") => true,
                Some("quanteda") | Some("yaml") => false,
                Some(other) => {
                    anyhow::bail!("unknown dictionary format {other:?}; use quanteda or liwc")
                }
                None => file.extension().and_then(|e| e.to_str()) == Some("dic"),
            };
            let origin = file.display().to_string();
            let result = if liwc {
                codebook::import::from_liwc_dic(&src, &origin)
            } else {
                codebook::import::from_quanteda_yaml(&src, &origin)
            };
            let toml = match result {
                Ok(t) => t,
                Err(errors) => {
                    for e in &errors {
                        crate::note!("{e}");
                    }
                    anyhow::bail!("cannot import {origin}: {} problem(s)", errors.len());
                }
            };
            write_out(None, &toml, false)?;
            Ok(Status::Found)
        }
        CodebookCommand::Fit {
            gold,
            texts,
            codebook,
            output,
            folds,
            force,
        } => fit_cmd(
            &gold,
            &texts,
            codebook.as_deref(),
            output.as_ref(),
            folds,
            force,
        ),
        CodebookCommand::Export {
            file,
            qdc: _,
            output,
            force,
        } => {
            let cb = load(file.as_deref())?;
            let xml = crate::output::qdc::qdc_for(&cb);
            write_out(output.as_ref(), &xml, force)?;
            Ok(Status::Found)
        }
    }
}

/// Unmatched gold lines listed one by one before the count alone is given.
const UNMATCHED_SHOWN: usize = 5;

/// The rows of the figures table: label and figure of a [`Scores`].
fn rows(s: &Scores, themes: &[String]) -> Vec<(String, f64)> {
    let mut out = vec![
        ("claims kappa".to_string(), s.claim.kappa()),
        ("claims F1".to_string(), s.claim.f1()),
    ];
    for (t, c) in themes.iter().zip(&s.themes) {
        out.push((format!("{t} F1"), c.f1()));
    }
    out.push(("themes micro F1".to_string(), s.micro().f1()));
    out
}

/// The `# fit:` header of the fitted codebook: when, from what, and the held-out figures.
fn header(
    data: &Dataset,
    origin: &str,
    themes: &[String],
    cv: Option<&(usize, Scores)>,
) -> Vec<String> {
    let mut h = vec![
        format!(
            "weights and thresholds fitted by `argdex codebook fit` on {} (the rest is {origin})",
            fit::today()
        ),
        format!(
            "gold: {} ({} body lines, {} documents)",
            data.files().join(", "),
            data.body_lines,
            data.docs.len()
        ),
    ];
    match cv {
        Some((k, cv)) => {
            let b = &data.before;
            h.push(format!(
                "{k}-fold cross-validation by document, before -> held out: claims kappa {:.2} -> {:.2}, F1 {:.2} -> {:.2}; themes micro F1 {:.2} -> {:.2}",
                b.claim.kappa(),
                cv.claim.kappa(),
                b.claim.f1(),
                cv.claim.f1(),
                b.micro().f1(),
                cv.micro().f1()
            ));
            let per: Vec<String> = themes
                .iter()
                .zip(b.themes.iter().zip(&cv.themes))
                .map(|(t, (b, c))| format!("{t} {:.2} -> {:.2}", b.f1(), c.f1()))
                .collect();
            h.push(format!("theme F1, before -> held out: {}", per.join(", ")));
        }
        None => h.push("no cross-validation (fewer than two documents)".to_string()),
    }
    h
}

/// Run `argdex codebook fit`.
fn fit_cmd(
    gold: &[PathBuf],
    texts: &[PathBuf],
    codebook: Option<&Path>,
    output: Option<&PathBuf>,
    folds: u32,
    force: bool,
) -> anyhow::Result<Status> {
    let (src, origin) = match codebook {
        Some(p) => (
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
            p.display().to_string(),
        ),
        None => (
            Codebook::default_toml().to_string(),
            "the built-in codebook".to_string(),
        ),
    };
    let cb =
        Codebook::from_toml(&src, &origin).with_context(|| format!("invalid codebook {origin}"))?;
    let themes = cb.theme_ids();
    let sources: Vec<GoldSource> = gold
        .iter()
        .map(|g| GoldSource::from_arg(g, texts))
        .collect();
    let set = fit::read_gold(&sources, &themes)?;
    for w in &set.warnings {
        eprintln!("argdex: warning: {w}");
    }
    if !set.errors.is_empty() {
        for e in &set.errors {
            eprintln!("{e}");
        }
        eprintln!(
            "argdex: {} problem(s) in the gold file(s); nothing fitted",
            set.errors.len()
        );
        return Ok(Status::Problems);
    }
    let data = Dataset::build(&cb, &src, set)?;
    if data.items.is_empty() {
        anyhow::bail!("the gold file(s) have no body lines to fit on");
    }
    for u in data.unmatched.iter().take(UNMATCHED_SHOWN) {
        eprintln!(
            "argdex: warning: {}:{}: no sentence matches {:?}",
            u.path, u.line, u.text
        );
    }
    if !data.unmatched.is_empty() {
        eprintln!(
            "argdex: warning: {} of {} gold body line(s) match no sentence (scored as untagged, not learnt from)",
            data.unmatched.len(),
            data.body_lines
        );
    }
    if data.inconsistent > 0 {
        eprintln!(
            "argdex: warning: on {} sentence(s) the pipeline decides on more than the weights; the fit cannot see that part",
            data.inconsistent
        );
    }
    let cv = data.cross_validate(folds as usize);
    let params = data.fit(|_| true);
    let fitted_src = fit::rewrite(
        &src,
        &data.space,
        &params,
        &header(&data, &origin, &themes, cv.as_ref()),
    )?;
    let fitted = Codebook::from_toml(&fitted_src, "fitted codebook")
        .context("the fitted codebook does not compile")?;
    let after = data.rescore(&fitted);

    let toml_to_stdout = output.is_some_and(|p| p.as_os_str() == "-");
    let mut out: Box<dyn Write> = if toml_to_stdout {
        Box::new(std::io::stderr())
    } else {
        super::stdout()
    };
    writeln!(
        out,
        "{} gold file(s), {} documents: {} body lines ({} boilerplate lines not scored), {} unmatched",
        data.files().len(),
        data.docs.len(),
        data.body_lines,
        data.boilerplate_lines,
        data.unmatched.len()
    )?;
    let cv_head = cv
        .as_ref()
        .map_or("held out".to_string(), |(k, _)| format!("{k}-fold CV"));
    writeln!(
        out,
        "{:<28} {:>8} {:>11} {:>10}",
        "", "before", cv_head, "in-sample"
    )?;
    let before = rows(&data.before, &themes);
    let held = cv.as_ref().map(|(_, s)| rows(s, &themes));
    for (i, (label, b)) in before.iter().enumerate() {
        let c = held
            .as_ref()
            .and_then(|h| h.get(i))
            .map_or("-".to_string(), |(_, v)| format!("{v:.3}"));
        let a = rows(&after, &themes).get(i).map_or(0.0, |r| r.1);
        writeln!(out, "{label:<28} {b:>8.3} {c:>11} {a:>10.3}")?;
    }
    let (was, now) = (cb.self_test(), fitted.self_test());
    writeln!(
        out,
        "codebook test: {} of {} examples pass with the fitted numbers ({} before)",
        now.total - now.failures.len(),
        now.total,
        was.total - was.failures.len()
    )?;
    if !data.space.own_claims {
        writeln!(
            out,
            "claims: the codebook has no [claims.cues] of its own; claim weights left alone"
        )?;
    }
    out.flush()?;
    drop(out);
    match output {
        Some(_) => write_out(output, &fitted_src, force)?,
        None => eprintln!("argdex: pass -o FILE to write the fitted codebook"),
    }
    Ok(Status::Found)
}
