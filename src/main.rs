//! The `fmlint` binary: parse arguments, call the library, print, map to an exit status.

use clap::Parser;
use fmlint::cli::{CheckArgs, Cli, Command, ExplainArgs, InitArgs, SchemaArgs};
use fmlint::config::Config;
use fmlint::diagnostic::Applicability;
use fmlint::report::stream::Streamed;
use fmlint::report::{self, OutputFormat};
use fmlint::run::{self, FileReport, FixRequest, LinkFlags, Outcome, Request};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: a run makes many small short-lived allocations (trees, diagnostics, links)
/// on several threads, where it is markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(refused(&e)),
    };
    let status = match cli.command {
        Some(Command::Check(args)) => check(args),
        Some(Command::Explain(args)) => explain(&args),
        Some(Command::Init(args)) => init(&args),
        Some(Command::Schema(args)) => schema(&args),
        Some(Command::Hook(args)) => hook(&args.words),
        None => check(cli.check),
    };
    ExitCode::from(status)
}

fn check(mut args: CheckArgs) -> u8 {
    let (cwd, config) = match working_config(args.config.as_deref()) {
        Ok(found) => found,
        Err(status) => return status,
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
    if let Some(reference) = &args.changed_since {
        match fmlint::changed::changed_files(reference, &args.paths, &cwd, &config) {
            Ok(files) => args.paths = files,
            Err(e) => return fail(&e),
        }
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
    let format = args.format.unwrap_or(OutputFormat::Human);
    let human = format == OutputFormat::Human;
    let links = LinkFlags {
        offline: args.offline,
        no_cache: args.no_cache,
        allow_private: args.allow_private,
        strict: args.strict_links,
        progress: human && !args.quiet && !args.diff && std::io::stderr().is_terminal(),
    };
    let request = Request {
        paths: args.paths,
        schema: args.schema,
        jobs: args.jobs.unwrap_or(0),
        stdin,
        fix,
        links,
        list_checked: format == OutputFormat::Junit,
    };
    let editor = args.fix && from_stdin;
    let style = human_style(editor);
    if !args.diff && !editor {
        if let Some(streamed) = Streamed::new(format, style, args.quiet, level) {
            return check_streamed(&request, &config, &cwd, &streamed);
        }
    }
    let mut outcome = match run::run(&request, &config, &cwd) {
        Ok(outcome) => outcome,
        Err(e) => return fail(&e),
    };
    // `--unsafe-fixes` alone shows unsafe fixes as available.
    outcome.fix_level = level;
    report_problems(&outcome);
    if args.diff {
        if let Err(status) = show(&report::diff::render(&outcome)) {
            return status;
        }
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
    let text = match format {
        OutputFormat::Json => report::json::render(&outcome),
        OutputFormat::Github => report::github::render(&outcome),
        OutputFormat::Sarif => report::sarif::render(&outcome),
        OutputFormat::Junit => report::junit::render(&outcome),
        OutputFormat::Human => report::human::render(&outcome, style, args.quiet),
    };
    if editor {
        // Editor mode: the fixed file on stdout, the report on stderr. An editor that
        // gets part of the file must not take it for the whole.
        let fixed = outcome.stdin_text.as_deref().unwrap_or_default();
        if !matches!(print(fixed), Ok(true)) {
            return fail("cannot write the fixed text to standard output");
        }
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else if let Err(status) = show(&text) {
        return status;
    }
    outcome.exit_status()
}

/// A run whose findings are printed file by file as the checks end (in path order), so
/// that a large tree's are neither held nor delayed; what the run had to keep (a link
/// phase adds to it) is printed after them.
fn check_streamed(request: &Request, config: &Config, cwd: &Path, streamed: &Streamed) -> u8 {
    let mut document = streamed.document();
    // Whether the reader still reads, and what failed if writing did (a full disk).
    let mut heard = true;
    let mut failed = None;
    let mut out = |text: &str| {
        if heard {
            match print(text) {
                Ok(still) => heard = still,
                Err(e) => {
                    heard = false;
                    failed = Some(e);
                }
            }
        }
        heard
    };
    let render = |report: &FileReport| streamed.file(report);
    let mut write = |piece: &str| out(&document.piece(piece));
    let sink = run::Sink {
        render: &render,
        write: &mut write,
    };
    let outcome = match run::run_into(request, config, cwd, Some(sink)) {
        Ok(outcome) => outcome,
        Err(e) => return fail(&e),
    };
    for report in &outcome.reports {
        out(&document.piece(&streamed.file(report)));
    }
    report_problems(&outcome);
    out(&document.tail(&outcome));
    match failed {
        Some(e) => fail(&format!("cannot write the report: {e}")),
        None => outcome.exit_status(),
    }
}

/// How human output is drawn: in colour on a terminal (stderr in editor mode, where the
/// report goes there) unless `NO_COLOR` is set, wrapped at `COLUMNS`.
fn human_style(editor: bool) -> report::human::Style {
    let to_terminal = if editor {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    report::human::Style {
        color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    }
}

/// Skipped paths and the tool's own errors, on stderr.
fn report_problems(outcome: &Outcome) {
    let mut stderr = std::io::stderr().lock();
    for skip in &outcome.skipped {
        let _ = writeln!(
            stderr,
            "fmlint: warning: skipped {}: {}",
            shown_path(&skip.path),
            shown(&skip.reason)
        );
    }
    for error in &outcome.errors {
        let _ = writeln!(stderr, "fmlint: error: {}", shown(error));
    }
    for warning in &outcome.warnings {
        let _ = writeln!(stderr, "fmlint: warning: {}", shown(warning));
    }
    if let Some(links) = &outcome.links {
        let mut notes = Vec::new();
        if links.skipped_offline > 0 {
            notes.push(format!("{} not checked (--offline)", links.skipped_offline));
        }
        if links.skipped_policy > 0 {
            notes.push(format!(
                "{} not requested: not a globally reachable address (--allow-private)",
                links.skipped_policy
            ));
        }
        if !notes.is_empty() {
            let _ = writeln!(stderr, "fmlint: remote links: {}", notes.join("; "));
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A command line clap refused, or asked for help: help and version as clap prints
/// them, an error through the sanitiser (it quotes the words it refused, which a file
/// name can be). The exit status.
fn refused(e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    let text = shown_lines(e.render().to_string().trim_end());
    let _ = writeln!(std::io::stderr(), "{text}");
    u8::try_from(e.exit_code()).unwrap_or(2)
}

/// `fmlint hook`: the options from the front of the words, the files after them (see
/// [`fmlint::hook`]), then an ordinary check of those files.
fn hook(words: &[OsString]) -> u8 {
    let exists = |word: &std::ffi::OsStr| Path::new(word).symlink_metadata().is_ok();
    let split = match fmlint::hook::split(words, &exists) {
        Ok(split) => split,
        Err(e) => return fail(&e),
    };
    let argv = ["fmlint".into(), "check".into()]
        .into_iter()
        .chain(split.options);
    let mut args = match Cli::try_parse_from(argv).map(|cli| cli.command) {
        Ok(Some(Command::Check(args))) => args,
        Ok(_) => return fail("the hook's options are not options of `fmlint check`"),
        Err(e) => return refused(&e),
    };
    args.paths = split.files;
    check(args)
}

fn explain(args: &ExplainArgs) -> u8 {
    use fmlint::explain::{self, Lookup};
    if args.list {
        return show(&explain::list()).err().unwrap_or(0);
    }
    let name = args.code.as_deref().unwrap_or_default();
    match explain::lookup(name) {
        Lookup::Found(code) => show(&explain::render(code)).err().unwrap_or(0),
        Lookup::Unknown(nearest) => {
            let hint = nearest
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            fail(&format!(
                "unknown code `{name}`{hint} (`fmlint explain --list` lists them)"
            ))
        }
    }
}

fn init(args: &InitArgs) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return fail(&format!("cannot read the working directory: {e}")),
    };
    match fmlint::init::init(&cwd, args.force) {
        // Theme and widget names come from the site's config, folder names from its tree.
        Ok(written) => show(&shown_lines(&written.summary())).err().unwrap_or(0),
        Err(e) => fail(&e),
    }
}

/// The working directory and the config that applies there (or the exit status).
fn working_config(explicit: Option<&std::path::Path>) -> Result<(PathBuf, Config), u8> {
    let cwd = std::env::current_dir()
        .map_err(|e| fail(&format!("cannot read the working directory: {e}")))?;
    let config = Config::load(explicit, &cwd).map_err(|e| fail(&e.to_string()))?;
    Ok((cwd, config))
}

fn schema(args: &SchemaArgs) -> u8 {
    let (cwd, config) = match working_config(args.config.as_deref()) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let cli_schema = args.schema.as_ref().map(|s| cwd.join(s));
    let schemas = fmlint::schema::Schemas::new(&config, cli_schema);
    let found = match &args.file {
        Some(file) => {
            let absolute = cwd.join(file);
            let text = match fmlint::read::read_file(&absolute, config.max_file_size) {
                Ok(fmlint::read::Contents::Text(text)) => text,
                Ok(fmlint::read::Contents::Rejected { .. }) => String::new(),
                Err(e) => return fail(&format!("cannot read {}: {e}", file.display())),
            };
            let rel = fmlint::discover::target(file, &cwd, &config).rel;
            fmlint::check::Checker::new(&config, schemas).schema_for(&absolute, &rel, &text)
        }
        None if args.schema.is_some() => schemas.for_file(&cwd.join("-"), "", None),
        None => schemas.default_for(&cwd),
    };
    match found {
        Ok(schema) => {
            let mut text = serde_json::to_string_pretty(&schema.document).unwrap_or_default();
            text.push('\n');
            show(&text).err().unwrap_or(0)
        }
        Err(e) => fail(&e),
    }
}

/// Write to stdout. A closed pipe (`fmlint | head`) is the reader's choice, not an
/// error: `Ok(false)`. Any other failure (a full disk) is one.
fn print(text: &str) -> std::io::Result<bool> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// [`print`] a whole document; `Err` holds the exit status when it could not be written.
fn show(text: &str) -> Result<(), u8> {
    print(text)
        .map(drop)
        .map_err(|e| fail(&format!("cannot write to standard output: {e}")))
}

fn fail(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "fmlint: error: {}", shown(message));
    2
}

/// Outside text (a path, an error that quotes one) as it may be printed: a control
/// character or bidi override would start a line of its own (a workflow command, on CI)
/// or rewrite the terminal.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    fmlint::sanitize::text(text)
}

/// [`shown`] for a path.
fn shown_path(path: &str) -> std::borrow::Cow<'_, str> {
    fmlint::sanitize::path(path)
}

/// [`shown`] for text whose line breaks are its own.
fn shown_lines(text: &str) -> String {
    text.split('\n').map(shown).collect::<Vec<_>>().join("\n")
}
