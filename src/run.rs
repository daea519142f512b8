//! One run of `fmlint check`: discover the files, read and check them in parallel, and
//! gather the results in a deterministic order (path, then offset) whatever the number
//! of threads. The library never prints: the caller renders the [`Outcome`].

use crate::check::Checker;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, Skip, Target};
use crate::read::{self, Contents};
use crate::schema::Schemas;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Stack size of the worker threads: deep but bounded front matter must fit.
const WORKER_STACK: usize = 16 * 1024 * 1024;

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub schema: Option<PathBuf>,
    /// Worker threads; 0 picks one per core.
    pub jobs: usize,
    /// Text read from standard input, reported as the given path.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
}

/// The diagnostics of one file, with its text when it is needed to show them.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's bytes, kept only when there are diagnostics to render.
    pub source: Vec<u8>,
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files with diagnostics, sorted by path.
    pub reports: Vec<FileReport>,
    /// How many files were checked.
    pub files: usize,
    /// Files and folders that could not be checked, and why.
    pub skipped: Vec<Skip>,
    /// Failures of the tool itself (unreadable schema, missing path): exit status 2.
    pub errors: Vec<String>,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }

    /// 0: no errors; 1: error diagnostics; 2: the tool could not do its job.
    pub fn exit_status(&self) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.count(Severity::Error) > 0 {
            1
        } else {
            0
        }
    }
}

/// Run a check. `Err` means nothing could be checked (bad `--schema`, thread pool).
pub fn run(request: &Request, config: &Config, cwd: &Path) -> Result<Outcome, String> {
    let schema = request.schema.as_ref().map(|s| cwd.join(s));
    let schemas = Schemas::new(config, schema);
    schemas.check_cli_schema()?;
    let checker = Checker::new(config, schemas);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let mut outcome = Outcome::default();
    if let Some((path, bytes)) = &request.stdin {
        let target = discover::target(path, cwd, config);
        if !config.exclude.is_match(&target.rel) {
            let absolute = cwd.join(path);
            let result = check_contents(&checker, &target, &absolute, read::decode(bytes.clone()));
            collect(&mut outcome, result);
        }
    }
    let found = pool.install(|| discover::discover(&request.paths, config, cwd, request.jobs));
    outcome.skipped = found.skipped;
    outcome.errors.extend(
        found
            .missing
            .iter()
            .map(|p| format!("{p}: no such file or directory")),
    );
    let results: Vec<FileResult> = pool.install(|| {
        found
            .targets
            .par_iter()
            .map(|target| check_target(&checker, target, cwd))
            .collect()
    });
    for result in results {
        collect(&mut outcome, result);
    }
    outcome.reports.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.errors.sort();
    outcome.errors.dedup();
    Ok(outcome)
}

/// What checking one file produced.
enum FileResult {
    Checked(FileReport),
    Skipped(Skip),
    Failed(String),
}

fn collect(outcome: &mut Outcome, result: FileResult) {
    match result {
        FileResult::Checked(report) => {
            outcome.files += 1;
            if !report.diagnostics.is_empty() {
                outcome.reports.push(report);
            }
        }
        FileResult::Skipped(skip) => outcome.skipped.push(skip),
        FileResult::Failed(error) => outcome.errors.push(error),
    }
}

fn check_target(checker: &Checker, target: &Target, cwd: &Path) -> FileResult {
    let absolute = cwd.join(&target.path);
    match read::read_file(&absolute, checker.config.max_file_size) {
        Ok(contents) => check_contents(checker, target, &absolute, contents),
        Err(err) => FileResult::Skipped(Skip {
            path: target.display.clone(),
            reason: format!("cannot read: {err}"),
        }),
    }
}

fn check_contents(
    checker: &Checker,
    target: &Target,
    absolute: &Path,
    contents: Contents,
) -> FileResult {
    let (diagnostics, source) = match contents {
        Contents::Text(text) => match checker.check_text(absolute, &target.rel, &text) {
            Ok(diagnostics) => (diagnostics, text.into_bytes()),
            Err(error) => return FileResult::Failed(error),
        },
        Contents::Rejected { diagnostic, bytes } => {
            let kept = checker
                .config
                .severity(diagnostic.code, diagnostic.severity);
            let diagnostics = kept
                .map(|severity| Diagnostic {
                    severity,
                    ..diagnostic
                })
                .into_iter()
                .collect();
            (diagnostics, bytes)
        }
    };
    let source = if diagnostics.is_empty() {
        Vec::new()
    } else {
        source
    };
    FileResult::Checked(FileReport {
        path: target.display.clone(),
        diagnostics,
        source,
    })
}
