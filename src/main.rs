//! The `argdex` binary: everything lives in the library; see `argdex::cli`.
#![deny(clippy::unwrap_used, clippy::expect_used)]

fn main() -> std::process::ExitCode {
    argdex::cli::main()
}
