//! `argdex export`: every claim (or body sentence with `--all`) matching the filters, in
//! document order, as JSON lines, one JSON array or CSV, to stdout or `-o FILE`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::cli::{ExportArgs, Status};
use crate::output;

/// Run `argdex export`.
pub fn run(index: &Path, a: ExportArgs) -> anyhow::Result<Status> {
    let reader = super::open_reader(index)?;
    let filter = super::filter_from(&reader, &a.filter)?;
    let text = a.text.join(" ");
    let text = (!text.trim().is_empty()).then_some(text.as_str());
    let (out, tmp): (Box<dyn Write>, Option<(std::path::PathBuf, &Path)>) = match &a.output {
        Some(path) => {
            // Write beside the target, then rename: a failed export leaves no half file.
            let tmp = path.with_extension("argdex-tmp");
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            (
                Box::new(std::io::BufWriter::new(f)),
                Some((tmp, path.as_path())),
            )
        }
        None => (super::stdout(), None),
    };
    let mut sink = output::sink(a.format.into(), out, &reader.meta.themes, a.wide)?;
    let n = reader.for_each(text, &filter, |r| sink.record(&r))?;
    sink.finish()?;
    drop(sink);
    if let Some((tmp, path)) = tmp {
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if n == 0 {
        eprintln!("argdex: nothing matched");
        return Ok(Status::NoMatch);
    }
    Ok(Status::Found)
}
