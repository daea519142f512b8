//! The command line, which users and scripts depend on: `fmlint [check] [OPTIONS] [PATHS]...` and
//! `fmlint explain CODE`. Parsing only; the binary turns it into a run.

use crate::report::OutputFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Lint the front matter of static-site Markdown against a JSON Schema.
#[derive(Debug, Parser)]
#[command(
    name = "fmlint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files (the default command).
    Check(CheckArgs),
    /// Explain what a diagnostic code checks.
    Explain(ExplainArgs),
    /// Write a starter fmlint.toml and a copy of the default schema into `.`.
    Init(InitArgs),
    /// Print the effective JSON Schema for a file (for editors and yaml-language-server).
    Schema(SchemaArgs),
    /// `check` for pre-commit hooks: `fmlint hook [OPTIONS] FILES...`, where no file name
    /// is ever read as an option.
    Hook(HookArgs),
}

/// Options of `fmlint check`.
#[derive(Debug, Args, Default, Clone)]
pub struct CheckArgs {
    /// Files or folders to check (default: `.`); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Apply safe fixes to the files.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply fixes that need a human's eye.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 if there are any).
    #[arg(long)]
    pub diff: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Option<OutputFormat>,
    /// Validate every file against this JSON Schema instead of the configured ones.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Use this config file instead of the nearest fmlint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Make no network request (local links are still checked).
    #[arg(long)]
    pub offline: bool,
    /// Ask every remote link again instead of trusting the link cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Let link checks reach loopback and private addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Report unreachable links (timeouts, 429, 5xx) as errors, not warnings.
    #[arg(long)]
    pub strict_links: bool,
    /// Print diagnostics only: no summary, nothing when clean.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Read the file from standard input and report it as PATH.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Check only the files changed since this git ref (merge base to working tree).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
}

/// Options of `fmlint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code, e.g. `schema/enum`.
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code.
    #[arg(long)]
    pub list: bool,
}

/// Options of `fmlint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing fmlint.toml and schema copy.
    #[arg(long)]
    pub force: bool,
}

/// Options of `fmlint schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The file whose schema to print (default: the embedded default as it applies here).
    pub file: Option<PathBuf>,
    /// Print this schema file's effective form instead of the configured ones.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Use this config file instead of the nearest fmlint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `fmlint hook`: taken as words and split by [`crate::hook::split`].
#[derive(Debug, Args)]
pub struct HookArgs {
    /// `check`'s options, each value a word of its own, then the files (an optional `--`
    /// between them).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_parser = clap::value_parser!(std::ffi::OsString)
    )]
    pub words: Vec<std::ffi::OsString>,
}
