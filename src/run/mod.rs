//! One run of `fmlint check`: discover the files, read and check them in parallel, and
//! gather the results in a deterministic order (path, then offset) whatever the number
//! of threads. The library never prints: the caller renders the [`Outcome`], or is
//! handed each file's findings as the run goes on (a [`Sink`]).

use crate::check::Checker;
use crate::config::{Config, LinkCheck};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::discover::{self, Skip, Target};
use crate::fix::write::write_fixed;
use crate::links::{Link, RemoteSummary};
use crate::read::{self, Contents};
use crate::schema::Schemas;
use crate::suppress::Suppressions;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use window::Window;

mod remote;
mod window;

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

/// Where a run hands the findings of each file while it goes on, in path order, instead
/// of keeping them in [`Outcome::reports`]: a large tree's findings are then shown as
/// they are found and never all held. A run keeps them anyway when it must: when a link
/// phase will add to them, for standard input, `--diff` and [`Request::list_checked`].
pub struct Sink<'a> {
    /// Draws one file's findings; called on the thread that checked the file.
    pub render: &'a (dyn Fn(&FileReport) -> String + Sync),
    /// Takes what `render` drew, file after file in path order; `false` when nobody
    /// reads any more (a closed pipe: `fmlint | head`). The run then takes no more files
    /// and ends with what it has, unless it fixes them (every file is still fixed).
    pub write: &'a mut (dyn FnMut(&str) -> bool + Send),
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
    /// The file's suppressions, when some wait for the findings of the link phase.
    pub suppressions: Option<Suppressions>,
}

impl FileReport {
    /// The findings of a text that exists nowhere else (no file to read again, nothing
    /// fixed), shown as `path`: for rendering a report outside a run.
    pub fn of_text(path: &str, source: Vec<u8>, diagnostics: Vec<Diagnostic>) -> Self {
        FileReport {
            path: path.to_string(),
            diagnostics,
            source,
            source_is_prefix: false,
            original: None,
            fixes: 0,
            file: None,
            rel: path.to_string(),
            remote: Vec::new(),
            suppressions: None,
        }
    }

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
            suppressions: None,
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

/// What the findings handed to a [`Sink`] add up to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub fixes: usize,
}

impl Tally {
    fn of(report: &FileReport) -> Self {
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: report.diagnostics.len() - errors,
            fixes: report.fixes,
        }
    }

    fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.fixes += other.fixes;
    }
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files with diagnostics, in path order ([`discover::path_order`]), unless they
    /// went to a [`Sink`].
    pub reports: Vec<FileReport>,
    /// What the reports handed to a [`Sink`] held.
    pub shown: Tally,
    /// How many files were checked.
    pub files: usize,
    /// The paths of the files checked, in path order (for reports with one entry per
    /// file), when [`Request::list_checked`] asks for them.
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
    /// The reader went away ([`Sink::write`] said so) before the walk was over: files
    /// were left unchecked, so a run without errors cannot say "no errors".
    pub cut_short: bool,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        let totals = self.totals();
        match severity {
            Severity::Error => totals.errors,
            Severity::Warning => totals.warnings,
        }
    }

    /// How many fixes were applied (or would be, with `--diff`).
    pub fn fixes(&self) -> usize {
        self.totals().fixes
    }

    /// What the reports shown and held add up to.
    fn totals(&self) -> Tally {
        let mut totals = self.shown;
        for report in &self.reports {
            totals.add(Tally::of(report));
        }
        totals
    }

    /// 0: no errors; 1: error diagnostics; 2: the tool could not do its job (or a run
    /// cut short found no error in the files it checked).
    pub fn exit_status(&self) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.count(Severity::Error) > 0 {
            1
        } else if self.cut_short {
            2
        } else {
            0
        }
    }
}

/// Run a check. `Err` means nothing could be checked (bad `--schema`, thread pool).
pub fn run(request: &Request, config: &Config, cwd: &Path) -> Result<Outcome, String> {
    run_into(request, config, cwd, None)
}

/// Run a check, handing each file's findings to `sink` as soon as every file before it
/// is done, where the run can (see [`Sink`]); the rest stay in the outcome.
pub fn run_into(
    request: &Request,
    config: &Config,
    cwd: &Path,
    sink: Option<Sink>,
) -> Result<Outcome, String> {
    let schema = request.schema.as_ref().map(|s| cwd.join(s));
    let schemas = Schemas::new(config, schema);
    schemas.check_cli_schema()?;
    let mut checker = Checker::new(config, schemas);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let asks_remote = config.links.check == LinkCheck::All;
    let link_phase = asks_remote && !request.links.offline;
    checker.link_phase = link_phase;
    let not_asked = AtomicUsize::new(0);
    let remote = if link_phase {
        Remote::Keep
    } else if asks_remote {
        Remote::Count(&not_asked)
    } else {
        Remote::Ignore
    };
    // Files come out of the walk in path order unless paths overlap; standard input
    // goes among them by its name.
    let in_order = request.stdin.is_none() && discover::walk_is_ordered(&request.paths, cwd);
    let sink = sink.filter(|_| {
        in_order && !link_phase && !request.list_checked && request.fix.is_none_or(|f| f.write)
    });
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
                check_contents(&checker, &target, &absolute, contents, stdin_fix, remote);
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
    let place = &Place {
        cwd,
        is_process_cwd: discover::is_process_cwd(cwd),
    };
    let list = request.list_checked;
    let (render, mut write) = match sink {
        Some(Sink { render, write }) => (Some(render), Some(write)),
        None => (None, None),
    };
    let gathered = &mut outcome;
    let unheard = &AtomicBool::new(false);
    let mut cut_short = false;
    let found = {
        // Results leave the window in the walk's order, to the sink or into the outcome.
        let window = &Window::new(|result: FileResult| {
            if let (Some(text), Some(write)) = (result.drawn(), write.as_mut()) {
                if !unheard.load(Ordering::Relaxed) && !write(text) {
                    unheard.store(true, Ordering::Relaxed);
                }
            }
            collect(gathered, result, list);
        });
        pool.in_place_scope(|scope| {
            let checker = &checker;
            let mut each = |target: Target| {
                if request.fix.is_none() && unheard.load(Ordering::Relaxed) {
                    cut_short = true;
                    return;
                }
                let number = window.enter();
                scope.spawn(move |_| {
                    let slot = window.place(number);
                    let result = check_target(checker, &target, place, request.fix, remote);
                    slot.fill(settle(result, list, render));
                });
            };
            discover::discover(&request.paths, config, cwd, &mut each)
        })
    };
    outcome.cut_short = cut_short;
    outcome.skipped.extend(found.skipped);
    outcome.errors.extend(
        found
            .missing
            .iter()
            .map(|p| format!("{p}: no such file or directory")),
    );
    if !in_order {
        outcome.reports.sort_by(|a, b| {
            // By the file too: two names that are not UTF-8 can show alike.
            discover::path_order(&a.path, &b.path).then_with(|| a.file.cmp(&b.file))
        });
        outcome.checked.sort_by(|a, b| discover::path_order(a, b));
    }
    // The link phase asks in path order, the order the findings are shown in.
    remote::check_links(&mut outcome, &checker, request);
    let not_asked = not_asked.into_inner();
    if not_asked > 0 {
        outcome.links = Some(RemoteSummary {
            skipped_offline: not_asked,
            ..RemoteSummary::default()
        });
    }
    outcome
        .skipped
        .sort_by(|a, b| discover::path_order(&a.path, &b.path));
    outcome.errors.sort();
    outcome.errors.dedup();
    Ok(outcome)
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
    /// Boxed: most results are small, and a held run keeps every one with findings.
    Checked(Box<FileReport>),
    /// A file checked with nothing to report, of which only the path is kept, for
    /// [`Request::list_checked`].
    Clean(String),
    /// A file checked with nothing to report, only counted.
    Counted,
    /// A file whose findings were drawn for the [`Sink`], and what they add up to.
    Shown(Tally, String),
    Skipped(Skip),
    Failed(String),
    /// A file whose fixes could not be written (the error says why): its findings are
    /// those of the file as it stayed.
    Unwritten(Box<FileResult>, String),
}

impl FileResult {
    /// What was drawn of the file's findings for the sink, if anything.
    fn drawn(&self) -> Option<&str> {
        match self {
            FileResult::Shown(_, text) => Some(text),
            FileResult::Unwritten(result, _) => result.drawn(),
            _ => None,
        }
    }

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

/// What of a file's result is kept: a clean file's path only when the run lists them
/// (`list`), a flagged file's findings drawn already when there is a sink (`render`).
fn settle(
    result: FileResult,
    list: bool,
    render: Option<&(dyn Fn(&FileReport) -> String + Sync)>,
) -> FileResult {
    match (result.slim(), render) {
        (FileResult::Clean(_), _) if !list => FileResult::Counted,
        (FileResult::Checked(report), Some(render)) => {
            FileResult::Shown(Tally::of(&report), render(&report))
        }
        (FileResult::Unwritten(result, error), render) => {
            FileResult::Unwritten(Box::new(settle(*result, list, render)), error)
        }
        (result, _) => result,
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
        FileResult::Counted => outcome.files += 1,
        FileResult::Shown(tally, _) => {
            outcome.files += 1;
            outcome.shown.add(tally);
        }
        FileResult::Skipped(skip) => outcome.skipped.push(skip),
        FileResult::Failed(error) => outcome.errors.push(error),
        FileResult::Unwritten(result, error) => {
            outcome.errors.push(error);
            collect(outcome, *result, list);
        }
    }
}

/// What a file's check does with the remote links it finds.
#[derive(Clone, Copy)]
enum Remote<'a> {
    /// Keep them for the run's link phase.
    Keep,
    /// Count them, for the note that `--offline` left them unchecked. Links, not
    /// distinct URLs: telling URLs apart would mean holding every one of a tree's.
    Count(&'a AtomicUsize),
    /// Nothing asks them (`[links] check` is not `all`).
    Ignore,
}

fn check_target(
    checker: &Checker,
    target: &Target,
    place: &Place,
    fix: Option<FixRequest>,
    remote: Remote,
) -> FileResult {
    let absolute = place.cwd.join(&target.path);
    // The shorter path when it names the same file: the kernel resolves fewer components.
    let open = if place.is_process_cwd {
        &target.path
    } else {
        &absolute
    };
    match read::read_file(open, checker.config.max_file_size) {
        Ok(contents) => check_contents(checker, target, &absolute, contents, fix, remote),
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
    remote: Remote,
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
                Err(error) => {
                    let result = check_final(checker, report, absolute, target, text, remote);
                    return FileResult::Unwritten(Box::new(result), error);
                }
            };
            if fixed.text != text && fix.write {
                if let Err(error) = write_fixed(absolute, text.as_bytes(), fixed.text.as_bytes()) {
                    // The file keeps what it holds, and its findings are shown as they are.
                    let result = check_final(checker, report, absolute, target, text, remote);
                    return FileResult::Unwritten(Box::new(result), error.to_string());
                }
            }
            if fixed.text != text {
                report.original = Some(text);
            }
            report.fixes = fixed.fixes;
            fixed.text
        }
    };
    check_final(checker, report, absolute, target, text, remote)
}

/// Check `text`, what the file holds once fixing is over, into `report`.
fn check_final(
    checker: &Checker,
    mut report: FileReport,
    absolute: &Path,
    target: &Target,
    text: String,
    remote: Remote,
) -> FileResult {
    match checker.check_file(absolute, &target.rel, &text) {
        Ok(checked) => {
            report.diagnostics = checked.diagnostics;
            match remote {
                Remote::Keep => {
                    report.remote = checked.remote;
                    report.suppressions = checked.suppressions;
                }
                Remote::Count(count) => {
                    count.fetch_add(checked.remote.len(), Ordering::Relaxed);
                }
                Remote::Ignore => {}
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

    const GOOD: &str =
        "---\ntitle: ok\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nBody.\n";
    const BAD: &str = "---\ntitle: 1\ndate: 2025-02-11\nwidgets: [recnt]\n---\nBody.\n";

    /// A streamed run hands each flagged file to the sink in the order a held run lists
    /// them, keeps none of them, and adds up to the same totals.
    #[test]
    fn a_sink_gets_the_reports_a_held_run_keeps() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (i, name) in ["c.md", "a/x.md", "a-b.md", "b.md", "a/y.md"]
            .iter()
            .enumerate()
        {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, if i == 3 { GOOD } else { BAD }).expect("write");
        }
        let config = Config::parse("", dir.path().to_path_buf(), None).expect("config");
        let mut request = Request {
            paths: vec![dir.path().to_path_buf()],
            links: LinkFlags {
                offline: true,
                ..LinkFlags::default()
            },
            ..Request::default()
        };
        let held = run(&request, &config, dir.path()).expect("a run");
        let held_paths: Vec<String> = held.reports.iter().map(|r| r.path.clone()).collect();
        assert_eq!(held_paths.len(), 4);

        let mut written = Vec::new();
        let render = |report: &FileReport| format!("{}:{}", report.path, report.diagnostics.len());
        let mut write = |piece: &str| {
            written.push(piece.to_string());
            true
        };
        let sink = Sink {
            render: &render,
            write: &mut write,
        };
        let streamed = run_into(&request, &config, dir.path(), Some(sink)).expect("a run");
        assert!(streamed.reports.is_empty());
        let want: Vec<String> = held
            .reports
            .iter()
            .map(|r| format!("{}:{}", r.path, r.diagnostics.len()))
            .collect();
        assert_eq!(written, want);
        assert_eq!(streamed.files, 5);
        for severity in [Severity::Error, Severity::Warning] {
            assert_eq!(streamed.count(severity), held.count(severity));
        }
        assert_eq!(streamed.exit_status(), 1);

        // A report that lists every file keeps them all: no sink.
        request.list_checked = true;
        let mut unused = |_: &str| panic!("nothing is streamed");
        let sink = Sink {
            render: &render,
            write: &mut unused,
        };
        let listed = run_into(&request, &config, dir.path(), Some(sink)).expect("a run");
        assert_eq!(listed.reports.len(), 4);
        assert_eq!(listed.checked.len(), 5);

        // Nor one whose link phase will add findings to them.
        request.list_checked = false;
        request.links = LinkFlags {
            no_cache: true,
            ..LinkFlags::default()
        };
        let sink = Sink {
            render: &render,
            write: &mut unused,
        };
        let online = run_into(&request, &config, dir.path(), Some(sink)).expect("a run");
        assert_eq!(online.reports.len(), 4);
    }

    /// When nobody reads any more, the run stops taking files: only those already in its
    /// window are checked. With `--fix` it goes on: every file is still fixed.
    #[test]
    fn a_run_nobody_reads_stops_unless_it_fixes() {
        const POSTS: usize = 3 * window::HIGH;
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..POSTS {
            std::fs::write(dir.path().join(format!("{i:05}.md")), BAD).expect("write");
        }
        let config = Config::parse("", dir.path().to_path_buf(), None).expect("config");
        let mut request = Request {
            paths: vec![dir.path().to_path_buf()],
            jobs: 2,
            links: LinkFlags {
                offline: true,
                ..LinkFlags::default()
            },
            ..Request::default()
        };
        let render = |report: &FileReport| report.path.clone();
        let mut writes = 0;
        let mut closed = |_: &str| {
            writes += 1;
            false
        };
        let sink = Sink {
            render: &render,
            write: &mut closed,
        };
        let cut = run_into(&request, &config, dir.path(), Some(sink)).expect("a run");
        assert_eq!(writes, 1, "nothing is written once nobody reads");
        assert!(cut.files <= window::HIGH + 1, "{} files checked", cut.files);
        assert!(cut.cut_short);
        assert_eq!(cut.exit_status(), 1, "errors were found");
        let unchecked = Outcome {
            cut_short: true,
            ..Outcome::default()
        };
        assert_eq!(
            unchecked.exit_status(),
            2,
            "no error seen, but not all checked"
        );

        request.fix = Some(FixRequest {
            level: Applicability::Unsafe,
            write: true,
        });
        let mut closed = |_: &str| false;
        let sink = Sink {
            render: &render,
            write: &mut closed,
        };
        let fixed = run_into(&request, &config, dir.path(), Some(sink)).expect("a run");
        assert!(!fixed.cut_short);
        assert_eq!(fixed.files, POSTS);
        assert_eq!(fixed.fixes(), POSTS);
    }
}
