//! `argdex completions SHELL` and `argdex man`: shell completion scripts (clap_complete)
//! and the roff man page (clap_mangen), both generated from the clap definition in `cli`.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Status};

/// Run `argdex completions`.
pub fn run(a: CompletionsArgs) -> anyhow::Result<Status> {
    let mut cmd = Cli::command();
    // clap_complete panics when its writer fails: generate into memory, then write
    // through the one output path (a closed pipe ends quietly).
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "argdex", &mut script);
    let mut out = super::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Status::Found)
}

/// Run `argdex man`: the page for `argdex` with a section per subcommand.
pub fn man() -> anyhow::Result<Status> {
    let cmd = Cli::command();
    let mut out = super::stdout();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        writeln!(out, ".TP\n\\fBargdex {name}\\fR")?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        if let Some(after) = sub.get_after_help() {
            writeln!(out, ".br")?;
            for line in after.to_string().lines() {
                writeln!(out, "{}\n.br", roff_text(line.trim()))?;
            }
        }
    }
    page.render_extra_section(&mut out)?;
    page.render_version_section(&mut out)?;
    out.flush()?;
    Ok(Status::Found)
}

/// Escape a line of text for roff: backslashes, and a leading `.` or `'`.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\e");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}
