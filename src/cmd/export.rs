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
    match &a.output {
        Some(path) => {
            // Write a temporary file beside the target, then rename it: a failed export
            // leaves neither a half file nor the temporary one (removed when dropped).
            let tmp = output::temp_beside(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let file = tmp
                .as_file()
                .try_clone()
                .with_context(|| format!("cannot write {}", path.display()))?;
            let name = path.display().to_string();
            let n = write_all(
                &reader,
                text,
                &filter,
                &a,
                Box::new(std::io::BufWriter::new(file)),
                &name,
            )?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            finish(n)
        }
        None => {
            let n = write_all(&reader, text, &filter, &a, super::stdout(), output::STDOUT)?;
            finish(n)
        }
    }
}

/// Stream the matching records into one sink; returns how many were written.
fn write_all(
    reader: &crate::index::reader::Reader,
    text: Option<&str>,
    filter: &crate::index::reader::Filter,
    a: &ExportArgs,
    out: Box<dyn Write>,
    name: &str,
) -> anyhow::Result<usize> {
    let mut sink = output::sink(a.format.into(), out, name, &reader.meta.themes, a.wide)?;
    let mut cache = std::collections::HashMap::new();
    let context = a.context.unwrap_or(0);
    let n = reader.for_each(text, filter, |mut r| {
        reader.add_context(&mut r, context, &mut cache)?;
        sink.record(&r)
    })?;
    sink.finish()?;
    Ok(n)
}

fn finish(n: usize) -> anyhow::Result<Status> {
    if n == 0 {
        crate::note!("argdex: nothing matched");
        return Ok(Status::NoMatch);
    }
    Ok(Status::Found)
}
