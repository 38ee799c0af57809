//! The command line (clap derive): global options, one subcommand per `cmd` module, and
//! the exit-code contract: 0 results, 1 nothing matched, 2 error. A broken pipe (e.g.
//! `argdex export | head`) ends quietly.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Results found / work done.
    Found,
    /// Nothing matched.
    NoMatch,
    /// Work done, but some inputs had problems (already reported).
    Problems,
}

impl Status {
    fn code(self) -> u8 {
        match self {
            Status::Found => 0,
            Status::NoMatch => 1,
            Status::Problems => 2,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "argdex",
    version,
    about = "A searchable, citable index of the arguments in a folder of policy commentaries",
    after_help = "Examples:\n  argdex ingest corpus/\n  argdex query --theme burden-sharing --by author\n  argdex query \"asian nato\" --author forrester\n  argdex export --all --format csv -o claims.csv"
)]
pub struct Cli {
    /// Index directory [default: $ARGDEX_INDEX, else .argdex]
    #[arg(
        long,
        global = true,
        env = "ARGDEX_INDEX",
        default_value = ".argdex",
        hide_default_value = true
    )]
    pub index: PathBuf,

    /// Colour: auto (when stdout is a terminal and NO_COLOR is unset), always, never
    #[arg(long, global = true, value_enum, default_value_t = crate::output::style::ColorChoice::Auto)]
    pub color: crate::output::style::ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files or folders (.txt, .md, .markdown, .html); unchanged files are skipped
    #[command(after_help = "Example:\n  argdex ingest corpus/ more/op-ed.md")]
    Ingest(IngestArgs),
    /// Search claims: full text (BM25, stemmed) and exact filters
    #[command(
        after_help = "Examples:\n  argdex query --theme burden-sharing --by author\n  argdex query allies burden --theme burden-sharing --format json"
    )]
    Query(QueryArgs),
    /// Export claims (or all body sentences) as JSON lines, JSON or CSV
    #[command(after_help = "Example:\n  argdex export --all --format csv -o sentences.csv")]
    Export(ExportArgs),
    /// Claims per theme and author, and per document, as heat tables; theme co-occurrence
    #[command(
        after_help = "Examples:\n  argdex stats\n  argdex stats --by year\n  argdex stats --cooccur\n  argdex stats --format csv > stats.csv"
    )]
    Stats(StatsArgs),
    /// One document: metadata (with sources) and every body sentence
    #[command(
        after_help = "Examples:\n  argdex show 004\n  argdex show corpus/000_1755b4fa4269550b.txt --format json"
    )]
    Show(ShowArgs),
    /// List indexed documents: paths (copies of one content are one document), status
    #[command(after_help = "Examples:\n  argdex docs\n  argdex docs --format csv")]
    Docs(DocsArgs),
    /// Take files (or every file under a folder) out of the index, present on disk or not
    #[command(
        after_help = "Examples:\n  argdex remove corpus/old-draft.txt\n  argdex remove corpus/2019/"
    )]
    Remove(RemoveArgs),
    /// Read, check, test, create, import and export codebooks
    #[command(
        after_help = "Examples:\n  argdex codebook test\n  argdex codebook init -o my-codebook.toml\n  argdex codebook check my-codebook.toml\n  argdex codebook import dictionary.yml > my-codebook.toml\n  argdex codebook export --qdc -o themes.qdc"
    )]
    Codebook(CodebookArgs),
    /// Why a sentence gets its themes and claim verdict: every rule that fired or nearly fired
    #[command(
        after_help = "Examples:\n  argdex explain \"China is certain to oppose such a group. It opposes US alliances as a reflex.\"\n  argdex explain 1755b4fa4269550b-12"
    )]
    Explain(ExplainArgs),
    /// Agreement with a human-coded gold file: P/R/F1 and Cohen's kappa per theme and for claims
    #[command(after_help = "Example:\n  argdex eval ../shared/eval/seed-gold.jsonl")]
    Eval(EvalArgs),
    /// Print the sentences of a text as the pipeline cuts them
    #[command(after_help = "Example:\n  echo 'I live in the U.S. How about you?' | argdex segment")]
    Segment(SegmentArgs),
    /// Print what argdex reads from files: metadata lines, then the body text
    #[command(
        after_help = "Examples:\n  argdex text page.html\n  argdex text corpus/*.txt --format jsonl"
    )]
    Text(TextArgs),
    /// Write a self-contained HTML report: overview, theme × author heat map, claims, search
    #[command(
        after_help = "Examples:\n  argdex report -o report.html\n  argdex report --theme burden-sharing --author forrester -o forrester.html\n  (open report.html#cell=Nicole%20Forrester|burden-sharing to open one cell)"
    )]
    Report(ReportArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  argdex completions bash > ~/.local/share/bash-completion/completions/argdex\n  argdex completions zsh > ~/.zfunc/_argdex\n  argdex completions fish > ~/.config/fish/completions/argdex.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(after_help = "Example:\n  argdex man > argdex.1 && man ./argdex.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Optional words to search for
    pub text: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The HTML file to write
    #[arg(long, short = 'o', default_value = "report.html")]
    pub output: PathBuf,
    /// Claims listed per theme section, in document order (0: all). The heat map and the
    /// totals always count every match
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub per_theme: usize,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Dimension of the `stats` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsBy {
    Author,
    Doc,
    Year,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders (folders are walked recursively; files gone from a folder are
    /// removed from the index)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Codebook file (TOML) instead of the built-in one; the index remembers it for later
    /// ingests. `builtin` switches back to the built-in codebook
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// Also remove indexed files that no longer exist anywhere (not only in the folders given)
    #[arg(long)]
    pub prune: bool,
    /// Leave out files and folders matching this glob (gitignore syntax, below each folder
    /// given: `drafts/`, `*.notes.md`; repeatable). `.gitignore` and `.argdexignore` files
    /// are respected too; a file left out is treated as gone from the folder
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Drop the index and build it again
    #[arg(long)]
    pub rebuild: bool,
    /// Worker threads [default: number of CPUs]
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Index writer memory budget in MB
    #[arg(long, default_value_t = 256)]
    pub memory_budget: usize,
    /// Wait for another ingest to finish instead of failing
    #[arg(long)]
    pub wait: bool,
    /// No progress bar and no summary
    #[arg(long, short)]
    pub quiet: bool,
}

/// Filters shared by `query`, `export`, `stats` and `report`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only sentences with this theme (any case; repeatable: all must hold; a parent of
    /// nested themes `parent/child` means any of its children)
    #[arg(long = "theme", short = 't')]
    pub themes: Vec<String>,
    /// Only sentences by an author whose name contains this (case-insensitive)
    #[arg(long, short = 'a')]
    pub author: Option<String>,
    /// Only sentences mentioning this actor: an id, or a name the gazetteer knows
    /// ("beijing" is china) (repeatable: all must hold)
    #[arg(long = "actor")]
    pub actors: Vec<String>,
    /// Only what this speaker is reported or quoted as saying (any part of the name,
    /// case-insensitive; includes sentences that are not the author's claims)
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only documents of this genre: opinion, news, statement, transcript, other
    #[arg(long)]
    pub genre: Option<String>,
    /// Only documents dated on or after this: YYYY, YYYY-MM or YYYY-MM-DD. A document
    /// dated to the month or year only matches if any part of it is in range (2024-03
    /// matches --since 2024-03-15); undated documents never match a date bound
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only documents dated on or before this (same forms and rule as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only documents whose publisher contains this (case-insensitive)
    #[arg(long)]
    pub publisher: Option<String>,
    /// Only this document: id, path as ingested (or its end), or words of its title
    /// (repeatable: any of them)
    #[arg(long = "doc", value_name = "DOC")]
    pub docs: Vec<String>,
    /// Include body sentences that are not claims
    #[arg(long, conflicts_with = "themed")]
    pub all: bool,
    /// Only body sentences that carry a theme but are not claims (background, reported
    /// views, questions)
    #[arg(long)]
    pub themed: bool,
}

impl FilterArgs {
    /// The noun for what is counted: claims, or sentences with `--all`/`--themed`/`--speaker`.
    pub fn noun(&self) -> &'static str {
        if self.all || self.themed || self.speaker.is_some() {
            "sentence"
        } else {
            "claim"
        }
    }
}

/// Grouping for `query --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Author,
    Theme,
    Doc,
    Date,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Words to search for (BM25 over sentences; AND by default; "quoted phrases", OR,
    /// -word leaves out sentences with that word)
    pub text: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Maximum number of hits; 0 shows none (the count is still reported)
    /// [default: 20; with --by: no limit, 3 per group]
    #[arg(long, short = 'n')]
    pub limit: Option<usize>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Group hits (table output) and head the list with an overview: documents, counts
    /// per group
    #[arg(long, value_enum)]
    pub by: Option<GroupBy>,
    /// With --by: at most N hits per group, spread over documents [default: 3 unless -n
    /// is given]
    #[arg(long, value_name = "N", requires = "by")]
    pub per_group: Option<usize>,
    /// N sentences of the document before and after each hit (dimmed in the table;
    /// `context_before`/`context_after` in JSON)
    #[arg(long, short = 'C', value_name = "N")]
    pub context: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Optional words to search for (results stay in document order)
    pub text: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// CSV: add one 0/1 column per theme
    #[arg(long)]
    pub wide: bool,
    /// JSON, JSON lines: add `context_before`/`context_after`, the N sentences of the
    /// document around each record
    #[arg(long, short = 'C', value_name = "N")]
    pub context: Option<usize>,
    /// Write to this file instead of stdout
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Json,
    Csv,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Jsonl => Format::Jsonl,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
        }
    }
}

/// Formats for summaries (`stats`, `docs`, `show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format (json and csv are tidy long format)
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// Only this dimension (default: author, then document); two, comma-separated
    /// (`author,year`), make a two-way table of claims
    #[arg(long, value_enum, value_delimiter = ',', num_args = 1)]
    pub by: Vec<StatsBy>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Theme co-occurrence: pairs of themes on the same claim
    #[arg(long)]
    pub cooccur: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id, path as ingested, or a unique end of the path
    pub doc: String,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Files or folders, as ingested (they need not exist any more)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Wait for an ingest to finish instead of failing
    #[arg(long)]
    pub wait: bool,
    /// No report of what was removed
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct CodebookArgs {
    #[command(subcommand)]
    pub command: CodebookCommand,
}

#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// Summarise a codebook: themes, rules, weights, thresholds, examples
    Show {
        /// Codebook file [default: the built-in codebook]
        file: Option<PathBuf>,
    },
    /// Validate a codebook file: every problem with file:line:column (exit 2 if any)
    Check {
        /// Codebook file
        file: PathBuf,
    },
    /// Run the example sentences inside a codebook (must / must_not)
    Test {
        /// Codebook file [default: the built-in codebook]
        file: Option<PathBuf>,
    },
    /// Write the built-in codebook to a file to start editing
    Init {
        /// Where to write [default: codebook.toml; `-` for stdout]
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Convert a quanteda YAML dictionary or a LIWC .dic file into a codebook (TOML on stdout)
    Import {
        /// Dictionary file (.yml/.yaml: quanteda; .dic: LIWC)
        file: PathBuf,
        /// Force the input format: quanteda or liwc
        #[arg(long)]
        format: Option<String>,
    },
    /// Learn claim-cue and theme-rule weights and thresholds from hand-coded gold files
    ///
    /// Runs the pipeline on the texts of each gold file, prints claims kappa/F1 and F1 per
    /// theme before, cross-validated by document, and after, and writes the codebook with
    /// only its weights and thresholds changed.
    #[command(
        after_help = "Examples:\n  argdex codebook fit eval/real-dev-gold.jsonl -o fitted.toml\n  argdex codebook fit seed-gold.jsonl=corpus eval/real-dev-gold.jsonl --codebook my.toml -o my-fitted.toml"
    )]
    Fit {
        /// Gold files (JSON lines: doc, text, claim, themes_required, themes_allowed);
        /// `GOLD=DIR` says the texts named by `doc` are in DIR
        #[arg(required = true, value_name = "GOLD[=DIR]")]
        gold: Vec<PathBuf>,
        /// Folder of the texts, for gold files given without `=DIR` (repeatable, searched in
        /// order) [default: the gold file's sibling folder: NAME-gold.jsonl → NAME/]
        #[arg(long, value_name = "DIR")]
        texts: Vec<PathBuf>,
        /// Codebook to fit [default: the built-in codebook]
        #[arg(long)]
        codebook: Option<PathBuf>,
        /// Where to write the fitted codebook (`-` for stdout) [default: only print the figures]
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Cross-validation folds (by document)
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..))]
        folds: u32,
        /// Overwrite an existing output file
        #[arg(long)]
        force: bool,
    },
    /// Export the themes as a REFI-QDA codebook (.qdc) for QualCoder, NVivo, MAXQDA, ATLAS.ti
    Export {
        /// Codebook file [default: the built-in codebook]
        file: Option<PathBuf>,
        /// REFI-QDA codebook XML (the only export format)
        #[arg(long, required = true)]
        qdc: bool,
        /// Where to write [default: stdout]
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The sentence(s) to explain (several sentences are one paragraph of context), or
    /// the id of an indexed sentence (`DOCID-N`, as `query --format json` gives it): then
    /// that sentence is explained within its paragraph, with the index's codebook
    #[arg(required = true)]
    pub text: Vec<String>,
    /// Codebook file instead of the built-in one (or, for an id, the index's)
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file: JSON lines with doc, text, claim, themes_required, themes_allowed
    pub gold: PathBuf,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

/// Formats for `segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// File to read; `-` or nothing reads standard input
    pub file: Option<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,
}

/// Formats for `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// Files to read (.txt, .md, .html)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format: metadata lines and body text, or one JSON object per file
    #[arg(long, short = 'f', value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
}

/// Whether a write failed because the reader of stdout went away. serde_json's and csv's
/// errors hold the I/O error without exposing it as their `source`, so each is asked.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || matches!(c.downcast_ref::<crate::Error>(), Some(crate::Error::Io { source, .. }) if source.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || matches!(c.downcast_ref::<csv::Error>().map(csv::Error::kind), Some(csv::ErrorKind::Io(io)) if io.kind() == BrokenPipe)
    })
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    use crate::cmd;
    crate::output::style::set_color(cli.color);
    let index = cli.index;
    match cli.command {
        Command::Ingest(a) => cmd::ingest::run(&index, a),
        Command::Query(a) => cmd::query::run(&index, a),
        Command::Export(a) => cmd::export::run(&index, a),
        Command::Stats(a) => cmd::stats::run(&index, a),
        Command::Show(a) => cmd::show::run(&index, a),
        Command::Docs(a) => cmd::docs::run(&index, a),
        Command::Remove(a) => cmd::remove::run(&index, a),
        Command::Eval(a) => cmd::eval::run(&index, a),
        Command::Codebook(a) => cmd::codebook::run(a),
        Command::Explain(a) => cmd::explain::run(&index, a),
        Command::Segment(a) => cmd::segment::run(a),
        Command::Text(a) => cmd::text::run(a),
        Command::Report(a) => cmd::report::run(&index, a),
        Command::Completions(a) => cmd::completions::run(a),
        Command::Man => cmd::completions::man(),
    }
}

/// Subcommands whose positional words are a full-text query.
const QUERY_COMMANDS: [&str; 3] = ["query", "export", "report"];

/// Make `-word` (exclude sentences with `word`, as `--help` advertises) reach the query
/// text: after a query subcommand, a single-dash token that is not one of its short
/// options (`-t`, `-n5`, `-C2`...) and not the value of the option before it is moved
/// behind a `--`, where clap takes it as a positional word. Word order does not matter to
/// the query, and every real option still parses as one.
pub fn hyphen_terms(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    // Find the subcommand: the first word that names one (global options come first).
    let Some((at, sub)) = args.iter().enumerate().skip(1).find_map(|(i, a)| {
        let a = a.to_str()?;
        QUERY_COMMANDS
            .contains(&a)
            .then(|| cmd.find_subcommand(a).map(|s| (i, s.clone())))
            .flatten()
    }) else {
        return args;
    };
    let shorts: Vec<(char, bool)> = sub
        .get_arguments()
        .filter_map(|a| Some((a.get_short()?, a.get_action().takes_values())))
        .chain([('h', false)])
        .collect();
    let longs_with_values: Vec<String> = sub
        .get_arguments()
        .chain(cmd.get_arguments())
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut out: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut moved = Vec::new();
    let mut value_next = false;
    let mut rest = args[at + 1..].iter();
    for a in rest.by_ref() {
        let Some(s) = a.to_str() else {
            out.push(a.clone());
            value_next = false;
            continue;
        };
        if s == "--" {
            out.push(a.clone());
            break;
        }
        if value_next {
            value_next = false;
            out.push(a.clone());
            continue;
        }
        if s.starts_with("--") {
            value_next = !s.contains('=') && longs_with_values.iter().any(|l| l == s);
            out.push(a.clone());
            continue;
        }
        if let Some(word) = s.strip_prefix('-')
            && let Some(first) = word.chars().next()
        {
            match shorts.iter().find(|(c, _)| *c == first) {
                // A short option, its value attached (`-n5`) or next (`-n 5`).
                Some((_, takes))
                    if !(word.chars().count() > 1
                        && word.chars().all(char::is_alphabetic)
                        && *takes) =>
                {
                    value_next = *takes && word.chars().count() == 1;
                    out.push(a.clone());
                }
                // A word: `-burden`, or `-allies` (not `-a llies`).
                _ if first.is_alphanumeric() || first == '"' => moved.push(a.clone()),
                _ => out.push(a.clone()),
            }
            continue;
        }
        out.push(a.clone());
    }
    out.extend(rest.cloned());
    if !moved.is_empty() {
        if !out.iter().any(|a| a == "--") {
            out.push("--".into());
        }
        out.extend(moved);
    }
    out
}

/// The binary's entry point: parse, run, report, map to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(hyphen_terms(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            crate::note!("argdex: {}", render_error(&e));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, `context: cause: cause`, each cause once: a cause
/// whose text its parent already shows (the library's `path: io error` carries the
/// `io::Error` as its source too) is not repeated.
pub fn render_error(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !last.is_empty() && last.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        last = text;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{hyphen_terms, render_error};

    #[test]
    fn minus_words_become_query_words_and_options_still_parse() {
        let cases: [(&str, &str); 9] = [
            ("argdex query host -burden", "argdex query host -- -burden"),
            (
                "argdex query host -burden --theme burden-sharing",
                "argdex query host --theme burden-sharing -- -burden",
            ),
            (
                "argdex query -t burden-sharing -n5 allies",
                "argdex query -t burden-sharing -n5 allies",
            ),
            (
                "argdex query -n 5 -C 1 allies",
                "argdex query -n 5 -C 1 allies",
            ),
            (
                "argdex query allies -allies",
                "argdex query allies -- -allies",
            ),
            (
                "argdex --index x query a -b",
                "argdex --index x query a -- -b",
            ),
            (
                "argdex query --author -smith a",
                "argdex query --author -smith a",
            ),
            ("argdex query a -- -b -c", "argdex query a -- -b -c"),
            ("argdex stats -x", "argdex stats -x"),
        ];
        for (given, want) in cases {
            let args = given.split(' ').map(std::ffi::OsString::from).collect();
            let got: Vec<String> = hyphen_terms(args)
                .into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            assert_eq!(got.join(" "), want, "{given}");
        }
    }

    #[test]
    fn causes_are_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let cases: Vec<(anyhow::Error, &str)> = vec![
            (
                anyhow::Error::from(crate::Error::io("a.toml", io))
                    .context("cannot load codebook a.toml"),
                "cannot load codebook a.toml: a.toml: No such file",
            ),
            (anyhow::anyhow!("inner").context("outer"), "outer: inner"),
        ];
        for (e, want) in cases {
            assert_eq!(render_error(&e), want);
        }
    }
}
