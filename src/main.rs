//! The `argdex` binary: everything lives in the library; see `argdex::cli`.

fn main() -> std::process::ExitCode {
    argdex::cli::main()
}
