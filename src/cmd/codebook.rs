//! `argdex codebook show|check|test|init|import|export`: read, validate, test, start from,
//! import (quanteda YAML, LIWC .dic) and export (REFI-QDA) the rule codebook.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{CodebookArgs, CodebookCommand, Status};
use crate::codebook::{self, Codebook};

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
            std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?;
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
            let toml = if liwc {
                codebook::import::from_liwc_dic(&src)
            } else {
                codebook::import::from_quanteda_yaml(&src)
            }
            .with_context(|| format!("cannot import {}", file.display()))?;
            write_out(None, &toml, false)?;
            Ok(Status::Found)
        }
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
