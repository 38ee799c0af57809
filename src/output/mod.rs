//! Stage 5 of the pipeline: output. Records go to a [`Sink`] chosen by `--format`:
//! a readable terminal table, one JSON array, JSON lines, or CSV with a fixed header.

pub mod csv;
pub mod highlight;
pub mod json;
pub mod qdc;
pub mod style;
pub mod table;
pub mod wrap;

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::Record;

/// Output formats for records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// Something that receives records one by one.
pub trait Sink {
    fn record(&mut self, r: &Record) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

/// Map a write error on the output called `name` (`<stdout>` or the `-o FILE`) to the
/// library error (broken pipes are recognised by the binary).
pub fn io_err(name: &str, e: std::io::Error) -> Error {
    Error::io(name, e)
}

/// The name of standard output in error messages.
pub const STDOUT: &str = "<stdout>";

/// Buffered, locked standard output: the one way commands write results. Its errors come
/// back to the command, and a broken pipe among them ends the program quietly (`cli::main`).
pub fn stdout() -> Box<dyn Write> {
    Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// Write one line to standard error: the one way notes, warnings and errors are printed
/// (use the [`note!`](crate::note) macro). When stderr is closed (`argdex … 2>&1 | head -1`)
/// the line is dropped: nobody is left to read it, and the command's work goes on (an
/// ingest still commits). `eprintln!` would panic there.
pub fn note_line(args: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}

/// A temporary file beside `path` (same directory, so that `persist(path)` is a rename):
/// how `-o FILE` outputs are written, so a failed write leaves neither a half file nor the
/// temporary one (it is removed when dropped). Readable by others, as a plain file would be.
pub fn temp_beside(path: &std::path::Path) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut b = tempfile::Builder::new();
    b.prefix(".argdex-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    b.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// `note!("argdex: …")`: like `eprintln!`, through [`note_line`], so never a panic.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::output::note_line(format_args!($($arg)*))
    };
}

/// Create the sink for a format writing to `out`, called `name` in error messages
/// ([`STDOUT`] or the file). `themes` lists the codebook's themes (for `--wide` CSV).
pub fn sink<'a>(
    format: Format,
    out: Box<dyn Write + 'a>,
    name: &str,
    themes: &[String],
    wide: bool,
) -> Result<Box<dyn Sink + 'a>> {
    Ok(match format {
        Format::Table => Box::new(table::TableSink::new(out, name)),
        Format::Json => Box::new(json::JsonArraySink::new(out, name)),
        Format::Jsonl => Box::new(json::JsonLinesSink::new(out, name)),
        Format::Csv => Box::new(csv::CsvSink::new(out, name, themes, wide)?),
    })
}
