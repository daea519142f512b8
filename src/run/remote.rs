//! The run's link phase: every remote link of every file checked once, after all files
//! are read, and the findings merged back into the files' reports (their suppression
//! comments and `[rules]` applied). With `--fix --unsafe-fixes`, permanent redirects are
//! rewritten to their targets from the answers of this run: no second request.

use super::{FileReport, Outcome, Request};
use crate::check::Checker;
use crate::codes;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::fix::write::write_fixed;
use crate::links::{self, RemoteOptions, RemoteRequest};
use crate::tree::Span;

/// Check the remote links the reports hold and merge the findings into them.
pub fn check_links(outcome: &mut Outcome, checker: &Checker, request: &Request) {
    let requests: Vec<RemoteRequest> = outcome
        .reports
        .iter_mut()
        .enumerate()
        .flat_map(|(file, report)| {
            std::mem::take(&mut report.remote)
                .into_iter()
                .map(move |link| RemoteRequest { file, link })
        })
        .collect();
    if !requests.is_empty() {
        let flags = request.links;
        let mut options = RemoteOptions::from_config(&checker.config.links);
        options.offline = flags.offline;
        options.no_cache = flags.no_cache;
        options.policy.allow_private |= flags.allow_private;
        options.strict |= flags.strict;
        let (findings, summary, warnings) = links::check_remote(requests, &options, flags.progress);
        outcome.links = Some(summary);
        outcome.warnings.extend(warnings);
        let mut by_file: Vec<Vec<Diagnostic>> = vec![Vec::new(); outcome.reports.len()];
        for (file, diagnostic) in findings {
            if let Some(list) = by_file.get_mut(file) {
                list.push(diagnostic);
            }
        }
        let fix = request.fix.filter(|f| f.level == Applicability::Unsafe);
        for (report, found) in outcome.reports.iter_mut().zip(by_file) {
            if found.is_empty() {
                continue;
            }
            if let Err(error) = merge(report, found, checker, fix.map(|f| f.write)) {
                outcome.errors.push(error);
            }
        }
        if let Some(stdin) = outcome
            .reports
            .iter()
            .find(|r| r.file.is_none() && r.original.is_some())
        {
            outcome.stdin_text = Some(String::from_utf8_lossy(&stdin.source).into_owned());
        }
    }
    outcome
        .reports
        .retain(|r| !r.diagnostics.is_empty() || r.original.is_some());
}

/// Add a file's remote findings to its report; `fix` (`Some(write)`) applies the
/// redirect fixes among them.
fn merge(
    report: &mut FileReport,
    mut found: Vec<Diagnostic>,
    checker: &Checker,
    fix: Option<bool>,
) -> Result<(), String> {
    if report.source.is_empty() || report.source_is_prefix {
        if let Some(file) = &report.file {
            report.source = std::fs::read(file)
                .map_err(|e| format!("{}: cannot read it again: {e}", report.path))?;
            report.source_is_prefix = false;
        }
    }
    let text = String::from_utf8_lossy(&report.source).into_owned();
    checker.suppress_remote(&text, &mut found);
    checker.apply_rules(&report.rel, &mut found);
    checker.encode_redirects(&text, &mut found);
    let result = match fix {
        Some(write) => rewrite_redirects(report, &text, &mut found, checker, write),
        None => Ok(()),
    };
    report.diagnostics.extend(found);
    report
        .diagnostics
        .sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
    result
}

/// Apply the redirect fixes among `found` to the report's `text` (and file, when
/// `write`) as a fix pass of their own, re-checked like any other. Those applied leave
/// `found`, whose other findings move with the text; the report's own findings become
/// those of the new text. A file that cannot be written keeps its text and findings.
fn rewrite_redirects(
    report: &mut FileReport,
    text: &str,
    found: &mut Vec<Diagnostic>,
    checker: &Checker,
    write: bool,
) -> Result<(), String> {
    let redirects: Vec<Diagnostic> = found
        .iter()
        .filter(|d| d.code.name == codes::LINK_REDIRECTED.name && d.fix.is_some())
        .cloned()
        .collect();
    if redirects.is_empty() {
        return Ok(());
    }
    let path = match &report.file {
        Some(file) => file.clone(),
        None => checker.config.root.join(&report.rel),
    };
    let Some(passed) = checker.fix_redirects(&path, &report.rel, text, &redirects)? else {
        return Ok(());
    };
    if write {
        if let Some(file) = &report.file {
            write_fixed(file, text.as_bytes(), passed.text.as_bytes())
                .map_err(|e| e.to_string())?;
        }
    }
    found.retain(|d| {
        !d.fix
            .as_ref()
            .is_some_and(|f| f.edits.iter().all(|e| passed.edits.contains(e)))
    });
    for diagnostic in found.iter_mut() {
        diagnostic.span = moved(diagnostic.span, &passed.edits);
        for edit in diagnostic.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.span = moved(edit.span, &passed.edits);
        }
    }
    if report.original.is_none() {
        report.original = Some(text.to_string());
    }
    report.fixes += passed.fixes;
    report.diagnostics = passed.checked.diagnostics;
    report.source = passed.text.into_bytes();
    Ok(())
}

/// Where `span` is once `edits` (none inside it) are made before it.
fn moved(span: Span, edits: &[Edit]) -> Span {
    let shift: isize = edits
        .iter()
        .filter(|e| e.span.end <= span.start)
        .map(|e| e.replacement.len() as isize - e.span.len() as isize)
        .sum();
    Span::new(
        span.start.saturating_add_signed(shift),
        span.end.saturating_add_signed(shift),
    )
}
