//! One run of `fmlint check`: discover the files, read and check them in parallel, and
//! gather the results in a deterministic order (path, then offset) whatever the number
//! of threads. The library never prints: the caller renders the [`Outcome`].

use crate::check::Checker;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::discover::{self, Skip, Target};
use crate::fix::write::write_fixed;
use crate::links::{Link, RemoteSummary};
use crate::read::{self, Contents};
use crate::schema::Schemas;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

mod remote;

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
    /// Fix files, and how.
    pub fix: Option<FixRequest>,
    pub links: LinkFlags,
    /// Fill [`Outcome::checked`] with every file's path (JUnit lists each file); without
    /// it a clean file leaves nothing behind once checked, only a count.
    pub list_checked: bool,
}

/// What `--fix`, `--unsafe-fixes` and `--diff` ask for.
#[derive(Debug, Clone, Copy)]
pub struct FixRequest {
    /// The least safe fix to apply.
    pub level: Applicability,
    /// Write fixed files (`--fix`); without it only compute them (`--diff`, stdin).
    pub write: bool,
}

/// The diagnostics of one file, with its text when it is needed to show them.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's bytes (after fixing), kept only when there is something to show.
    pub source: Vec<u8>,
    /// `source` holds only the start of the file, up to the end of the last line its
    /// findings need (a run that flags every file of a large tree must not hold them
    /// all whole); the link phase reads the file again before adding its own findings.
    pub source_is_prefix: bool,
    /// The text before fixing, when fixes changed it.
    pub original: Option<String>,
    /// How many fixes were applied.
    pub fixes: usize,
    /// Where the file is (to read it again for late findings); `None` for standard input.
    pub file: Option<PathBuf>,
    /// The path relative to the config root, for `[rules]` and `[[overrides]]`.
    pub rel: String,
    /// Remote links waiting for the run's link phase.
    pub remote: Vec<Link>,
}

impl FileReport {
    /// Keep `text` to show the findings: only its start when the file can be read again
    /// (not standard input, not a text that fixes changed).
    fn keep_source(&mut self, mut text: Vec<u8>) {
        if self.file.is_some() && self.original.is_none() {
            let needed = shown_len(&text, &self.diagnostics);
            if needed < text.len() {
                text.truncate(needed);
                text.shrink_to_fit();
                self.source_is_prefix = true;
            }
        }
        self.source = text;
    }

    fn new(target: &Target, file: Option<&Path>) -> Self {
        FileReport {
            path: target.display.clone(),
            diagnostics: Vec::new(),
            source: Vec::new(),
            source_is_prefix: false,
            original: None,
            fixes: 0,
            file: file.map(Path::to_path_buf),
            rel: target.rel.clone(),
            remote: Vec::new(),
        }
    }
}

/// How many bytes of `text` its `diagnostics` need to be shown: up to the end of the
/// line where the last of their spans (or of their fixes' edits) ends.
fn shown_len(text: &[u8], diagnostics: &[Diagnostic]) -> usize {
    let ends = diagnostics.iter().flat_map(|d| {
        let edits = d
            .fix
            .iter()
            .flat_map(|f| f.edits.iter().map(|e| e.span.end));
        std::iter::once(d.span.end).chain(edits)
    });
    let last = ends.max().unwrap_or(0);
    crate::line_index::next_line_start(text, last)
}

/// What the link phase is asked to do, from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkFlags {
    pub offline: bool,
    pub no_cache: bool,
    pub allow_private: bool,
    pub strict: bool,
    /// Show a progress bar on stderr while remote links are checked.
    pub progress: bool,
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files with diagnostics, sorted by path.
    pub reports: Vec<FileReport>,
    /// How many files were checked.
    pub files: usize,
    /// The paths of the files checked, sorted (for reports with one entry per file), when
    /// [`Request::list_checked`] asks for them.
    pub checked: Vec<String>,
    /// Files and folders that could not be checked, and why.
    pub skipped: Vec<Skip>,
    /// Failures of the tool itself (unreadable schema, missing path): exit status 2.
    pub errors: Vec<String>,
    /// The least safe fix the run applies or offers (`--unsafe-fixes`: unsafe).
    pub fix_level: Applicability,
    /// The final text of standard input, when it was read.
    pub stdin_text: Option<String>,
    /// What the link phase did, when there were remote links.
    pub links: Option<RemoteSummary>,
    /// Things the user should know that are not findings (a corrupt cache ignored).
    pub warnings: Vec<String>,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }

    /// How many fixes were applied (or would be, with `--diff`).
    pub fn fixes(&self) -> usize {
        self.reports.iter().map(|r| r.fixes).sum()
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
    let offline_urls = OfflineUrls::new(HashSet::with_hasher(Default::default()));
    let offline = request.links.offline.then_some(&offline_urls);
    let mut outcome = Outcome {
        fix_level: request.fix.map_or(Applicability::Safe, |f| f.level),
        ..Outcome::default()
    };
    if let Some((path, bytes)) = &request.stdin {
        let target = discover::target(path, cwd, config);
        let stdin_fix = request.fix.map(|f| FixRequest { write: false, ..f });
        outcome.stdin_text = Some(String::from_utf8_lossy(bytes).into_owned());
        if !config.exclude.is_match(&target.rel) {
            let absolute = cwd.join(path);
            let contents = read::decode(bytes.clone());
            let mut result =
                check_contents(&checker, &target, &absolute, contents, stdin_fix, offline);
            if let FileResult::Checked(report) = &mut result {
                // Standard input exists nowhere else: keep its text.
                report.file = None;
                if report.source.is_empty() || report.source_is_prefix {
                    report.source = bytes.clone();
                    report.source_is_prefix = false;
                }
            }
            if let FileResult::Checked(report) = &result {
                if report.original.is_some() {
                    outcome.stdin_text = Some(String::from_utf8_lossy(&report.source).into_owned());
                }
            }
            collect(&mut outcome, result, request.list_checked);
        }
    }
    // Each file is checked on the pool as soon as the walk finds it: the walk and the
    // checks overlap, and no list of the whole tree is held.
    let results = Mutex::new(Vec::new());
    let clean = AtomicUsize::new(0);
    let place = &Place {
        cwd,
        is_process_cwd: discover::is_process_cwd(cwd),
    };
    let backlog = &Backlog::default();
    let found = pool.in_place_scope(|scope| {
        let (results, clean) = (&results, &clean);
        let checker = &checker;
        let mut each = |target: Target| {
            backlog.enter();
            scope.spawn(move |_| {
                let _done = backlog.leave_on_drop();
                match check_target(checker, &target, place, request.fix, offline).slim() {
                    FileResult::Clean(_) if !request.list_checked => {
                        clean.fetch_add(1, Ordering::Relaxed);
                    }
                    result => results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(result),
                }
            });
        };
        discover::discover(&request.paths, config, cwd, &mut each)
    });
    outcome.skipped = found.skipped;
    outcome.errors.extend(
        found
            .missing
            .iter()
            .map(|p| format!("{p}: no such file or directory")),
    );
    outcome.files += clean.into_inner();
    for result in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
        collect(&mut outcome, result, request.list_checked);
    }
    // The link phase asks in path order, the order the findings are shown in.
    // By the path shown, then by the file: two names that are not UTF-8 can show alike.
    outcome
        .reports
        .sort_by(|a, b| (&a.path, &a.file).cmp(&(&b.path, &b.file)));
    remote::check_links(&mut outcome, &checker, request);
    let not_asked = offline_urls
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .len();
    if not_asked > 0 {
        outcome.links = Some(RemoteSummary {
            skipped_offline: not_asked,
            ..RemoteSummary::default()
        });
    }
    outcome.checked.sort();
    outcome.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    outcome.errors.sort();
    outcome.errors.dedup();
    Ok(outcome)
}

/// Files found but not checked yet: the walk is much faster than checking, and without a
/// bound it would queue a whole tree's targets in memory before the pool caught up.
#[derive(Default)]
struct Backlog {
    waiting: Mutex<usize>,
    drained: Condvar,
}

impl Backlog {
    /// The walk waits above this many files...
    const HIGH: usize = 1024;
    /// ...until the pool has brought it down to this many.
    const LOW: usize = Self::HIGH / 2;

    fn enter(&self) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        while *waiting >= Self::HIGH {
            waiting = self
                .drained
                .wait(waiting)
                .unwrap_or_else(|e| e.into_inner());
        }
        *waiting += 1;
    }

    /// A guard that takes one file off the backlog when the job holding it ends, even
    /// by a panic (a count that never falls would stop the walk for good).
    fn leave_on_drop(&self) -> impl Drop + '_ {
        struct Leave<'a>(&'a Backlog);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                let mut waiting = self.0.waiting.lock().unwrap_or_else(|e| e.into_inner());
                *waiting = waiting.saturating_sub(1);
                if *waiting == Backlog::LOW {
                    self.0.drained.notify_one();
                }
            }
        }
        Leave(self)
    }
}

/// The folder the paths of a run are relative to.
struct Place<'a> {
    cwd: &'a Path,
    /// Whether `cwd` is the process's working directory, so that relative paths can be
    /// opened as they are.
    is_process_cwd: bool,
}

/// What checking one file produced.
enum FileResult {
    /// Boxed: the results are held until the run ends, and most are small.
    Checked(Box<FileReport>),
    /// A file checked with nothing to report, of which only the path is kept, and only
    /// when [`Request::list_checked`] asks for it (otherwise it is just counted).
    Clean(String),
    Skipped(Skip),
    Failed(String),
}

impl FileResult {
    fn slim(self) -> Self {
        match self {
            FileResult::Checked(report)
                if report.diagnostics.is_empty()
                    && report.original.is_none()
                    && report.remote.is_empty() =>
            {
                FileResult::Clean(report.path)
            }
            other => other,
        }
    }
}

/// Add one file's result to the outcome; `list` keeps its path in [`Outcome::checked`].
fn collect(outcome: &mut Outcome, result: FileResult, list: bool) {
    match result.slim() {
        FileResult::Checked(report) => {
            outcome.files += 1;
            if list {
                outcome.checked.push(report.path.clone());
            }
            outcome.reports.push(*report);
        }
        FileResult::Clean(path) => {
            outcome.files += 1;
            if list {
                outcome.checked.push(path);
            }
        }
        FileResult::Skipped(skip) => outcome.skipped.push(skip),
        FileResult::Failed(error) => outcome.errors.push(error),
    }
}

/// Where `--offline` runs put the remote URLs they will not ask, to count them: a hash of
/// each, since only their number is reported (a collision would undercount by one).
/// foldhash, not SipHash: no key comes from an adversary who gains by a collision, and
/// a large tree hashes hundreds of thousands of URLs.
type OfflineUrls = Mutex<HashSet<u64, foldhash::fast::FixedState>>;

fn url_hash(url: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(url)
}

fn check_target(
    checker: &Checker,
    target: &Target,
    place: &Place,
    fix: Option<FixRequest>,
    offline: Option<&OfflineUrls>,
) -> FileResult {
    let absolute = place.cwd.join(&target.path);
    // The shorter path when it names the same file: the kernel resolves fewer components.
    let open = if place.is_process_cwd {
        &target.path
    } else {
        &absolute
    };
    match read::read_file(open, checker.config.max_file_size) {
        Ok(contents) => check_contents(checker, target, &absolute, contents, fix, offline),
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
    fix: Option<FixRequest>,
    offline: Option<&OfflineUrls>,
) -> FileResult {
    let on_disk = fix.is_none_or(|f| f.write);
    let mut report = FileReport::new(target, on_disk.then_some(absolute));
    let text = match contents {
        Contents::Text(text) => text,
        Contents::Rejected { diagnostic, bytes } => {
            let kept =
                checker
                    .config
                    .severity_for(&target.rel, diagnostic.code, diagnostic.severity);
            report.diagnostics = kept
                .map(|severity| Diagnostic {
                    severity,
                    ..diagnostic
                })
                .into_iter()
                .collect();
            if !report.diagnostics.is_empty() {
                report.keep_source(bytes);
            }
            return FileResult::Checked(Box::new(report));
        }
    };
    let text = match fix {
        None => text,
        Some(fix) => {
            let fixed = match checker.fix_text(absolute, &target.rel, &text, fix.level) {
                Ok(fixed) => fixed,
                Err(error) => return FileResult::Failed(error),
            };
            if fixed.text != text {
                if fix.write {
                    if let Err(error) =
                        write_fixed(absolute, text.as_bytes(), fixed.text.as_bytes())
                    {
                        return FileResult::Failed(error.to_string());
                    }
                }
                report.original = Some(text);
            }
            report.fixes = fixed.fixes;
            fixed.text
        }
    };
    match checker.check_file(absolute, &target.rel, &text) {
        Ok(checked) => {
            report.diagnostics = checked.diagnostics;
            match offline {
                Some(urls) => urls
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(checked.remote.iter().map(|link| url_hash(&link.url))),
                None => report.remote = checked.remote,
            }
            // Kept to show findings, or when it exists nowhere else (standard input,
            // --diff); otherwise read again if the link phase finds something.
            if !report.diagnostics.is_empty() || report.file.is_none() || report.original.is_some()
            {
                report.keep_source(text.into_bytes());
            }
            FileResult::Checked(Box::new(report))
        }
        Err(error) => FileResult::Failed(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::diagnostic::{Edit, Fix};
    use crate::tree::Span;

    fn at(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(&codes::SYNTAX_LIMIT, Span::new(start, end), "x")
    }

    #[test]
    fn shown_len_ends_with_the_line_of_the_last_span() {
        let text = b"ab\ncd\r\nef\rgh\nij";
        assert_eq!(shown_len(text, &[at(0, 1)]), 3);
        assert_eq!(shown_len(text, &[at(0, 1), at(3, 4)]), 7, "CRLF kept whole");
        assert_eq!(shown_len(text, &[at(7, 8)]), 10, "a lone CR ends a line");
        assert_eq!(shown_len(text, &[at(15, 15)]), 15, "a span at the end");
        assert_eq!(shown_len(text, &[at(0, 99)]), 15, "a span past the end");
        assert_eq!(shown_len(text, &[]), 3);
        let mut fixed = at(0, 1);
        fixed.fix = Some(Fix {
            description: "x".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: Span::new(13, 14),
                replacement: String::new(),
            }],
        });
        assert_eq!(shown_len(text, &[fixed]), 15, "fix edits are shown too");
    }

    #[test]
    fn a_job_that_panics_still_leaves_the_backlog() {
        let backlog = Backlog::default();
        for _ in 0..Backlog::HIGH {
            backlog.enter();
        }
        let job = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _done = backlog.leave_on_drop();
            panic!("a check panicked");
        }));
        assert!(job.is_err());
        assert_eq!(*backlog.waiting.lock().unwrap(), Backlog::HIGH - 1);
        // Would wait for good had the panicking job not left.
        backlog.enter();
        assert_eq!(*backlog.waiting.lock().unwrap(), Backlog::HIGH);
    }
}
