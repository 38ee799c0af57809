//! The `argdex` binary: the command line (`cli`, one module per subcommand in `cmd`), the
//! output formats (`output`) and the HTML report (`report`), on top of the library's pipeline.
//! The library's modules are imported at the crate root, so `crate::index` in the binary's
//! modules is `argdex::index`: the binary depends on the library, never the reverse.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use argdex::{
    Error, codebook, document, error, eval, fit, index, pipeline, record, select, voice, walk,
};

mod cli;
mod cmd;
mod output;
mod report;

fn main() -> std::process::ExitCode {
    cli::main()
}
