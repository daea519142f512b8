//! The `fmlint` binary: parse arguments, call the library, print, map to an exit status.

use clap::Parser;
use fmlint::cli::{CheckArgs, Cli, Command, ExplainArgs};
use fmlint::config::Config;
use fmlint::diagnostic::Applicability;
use fmlint::report::{self, OutputFormat};
use fmlint::run::{self, FixRequest, Outcome, Request};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Some(Command::Check(args)) => check(args),
        Some(Command::Explain(args)) => explain(&args),
        None => check(cli.check),
    };
    ExitCode::from(status)
}

fn check(mut args: CheckArgs) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return fail(&format!("cannot read the working directory: {e}")),
    };
    let config = match Config::load(args.config.as_deref(), &cwd) {
        Ok(config) => config,
        Err(e) => return fail(&e.to_string()),
    };
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    args.paths.retain(|p| p.as_os_str() != "-");
    let stdin = if dash || args.stdin_filename.is_some() {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return fail(&format!("cannot read standard input: {e}"));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        Some((name, bytes))
    } else {
        None
    };
    if args.paths.is_empty() && stdin.is_none() {
        args.paths.push(PathBuf::from("."));
    }
    let level = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fix = (args.fix || args.diff).then_some(FixRequest {
        level,
        write: args.fix && !args.diff,
    });
    let from_stdin = stdin.is_some();
    let request = Request {
        paths: args.paths,
        schema: args.schema,
        jobs: args.jobs.unwrap_or(0),
        stdin,
        fix,
    };
    let mut outcome = match run::run(&request, &config, &cwd) {
        Ok(outcome) => outcome,
        Err(e) => return fail(&e),
    };
    // `--unsafe-fixes` alone shows unsafe fixes as available.
    outcome.fix_level = level;
    report_problems(&outcome);
    if args.diff {
        let diff = report::diff::render(&outcome);
        print(&diff);
        let changed = outcome
            .reports
            .iter()
            .filter(|r| r.original.is_some())
            .count();
        let _ = writeln!(
            std::io::stderr(),
            "fmlint: {} would change {changed} file{}",
            plural(outcome.fixes(), "fix", "fixes"),
            if changed == 1 { "" } else { "s" }
        );
        return match outcome.exit_status() {
            2 => 2,
            _ if changed > 0 => 1,
            _ => 0,
        };
    }
    let editor = args.fix && from_stdin;
    let format = args.format.unwrap_or(OutputFormat::Human);
    let text = match format {
        OutputFormat::Json => report::json::render(&outcome),
        OutputFormat::Human => {
            let to_terminal = if editor {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            let style = report::human::Style {
                color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                width: std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(100),
            };
            report::human::render(&outcome, style, args.quiet)
        }
    };
    if editor {
        // Editor mode: the fixed file on stdout, the report on stderr.
        print(outcome.stdin_text.as_deref().unwrap_or_default());
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        print(&text);
    }
    outcome.exit_status()
}

/// Skipped paths and the tool's own errors, on stderr.
fn report_problems(outcome: &Outcome) {
    let mut stderr = std::io::stderr().lock();
    for skip in &outcome.skipped {
        let _ = writeln!(
            stderr,
            "fmlint: warning: skipped {}: {}",
            skip.path, skip.reason
        );
    }
    for error in &outcome.errors {
        let _ = writeln!(stderr, "fmlint: error: {error}");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn explain(args: &ExplainArgs) -> u8 {
    if args.list {
        let mut text = String::new();
        for code in fmlint::codes::ALL {
            text.push_str(&format!("{:<30} {}\n", code.name, code.summary));
        }
        print(&text);
        return 0;
    }
    let name = args.code.as_deref().unwrap_or_default();
    match fmlint::codes::lookup(name) {
        Some(code) => {
            print(&format!(
                "{}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n",
                code.name,
                code.summary,
                code.severity.as_str(),
                if code.fixable { "sometimes" } else { "no" }
            ));
            0
        }
        None => {
            let hint = fmlint::codes::closest(name)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            fail(&format!(
                "unknown code `{name}`{hint} (`fmlint explain --list` lists them)"
            ))
        }
    }
}

/// Write to stdout; a closed pipe (`fmlint | head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn fail(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "fmlint: error: {message}");
    2
}
