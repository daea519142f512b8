//! The run's link phase: every remote link of every file checked once, after all files
//! are read, and the findings merged back into the files' reports (their suppression
//! comments and `[rules]` applied; a suppression of a remote code that silenced nothing
//! in either phase is reported then). With `--fix`, the phase's own fixes are applied as
//! one more fix pass: unused suppressions removed and, with `--unsafe-fixes`, permanent
//! redirects rewritten to their targets from the answers of this run (no second request).

use super::{FileReport, FixRequest, Outcome, Request};
use crate::check::Checker;
use crate::diagnostic::{Diagnostic, Edit};
use crate::fix::write::write_fixed;
use crate::links::{self, RemoteOptions, RemoteRequest};
use crate::suppress;
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
        for (report, found) in outcome.reports.iter_mut().zip(by_file) {
            if found.is_empty() && report.suppressions.is_none() {
                continue;
            }
            if let Err(error) = merge(report, found, checker, request.fix) {
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

/// Add a file's remote findings to its report, and the suppressions of remote codes
/// that silenced nothing; `fix` applies the fixes among them.
fn merge(
    report: &mut FileReport,
    mut found: Vec<Diagnostic>,
    checker: &Checker,
    fix: Option<FixRequest>,
) -> Result<(), String> {
    if let Some(mut suppressions) = report.suppressions.take() {
        suppressions.filter(&mut found);
        found.extend(suppressions.unused_after_run(suppress::pending_later));
    }
    checker.apply_rules(&report.rel, &mut found);
    if found.is_empty() {
        // Every finding silenced or turned off: the file need not be read again.
        return Ok(());
    }
    if report.source.is_empty() || report.source_is_prefix {
        if let Some(file) = &report.file {
            report.source = std::fs::read(file)
                .map_err(|e| format!("{}: cannot read it again: {e}", report.path))?;
            report.source_is_prefix = false;
        }
    }
    let text = String::from_utf8_lossy(&report.source).into_owned();
    checker.encode_redirects(&text, &mut found);
    let result = match fix {
        Some(fix) => apply_fixes(report, &text, &mut found, checker, fix),
        None => Ok(()),
    };
    report.diagnostics.extend(found);
    report
        .diagnostics
        .sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
    result
}

/// Apply the fixes among `found` at least as safe as `fix.level` to the report's `text`
/// (and file, when `fix.write`) as a fix pass of their own, re-checked like any other.
/// Those applied leave `found`, whose other findings move with the text; the report's own
/// findings become those of the new text. A file that cannot be written keeps its text
/// and findings.
fn apply_fixes(
    report: &mut FileReport,
    text: &str,
    found: &mut Vec<Diagnostic>,
    checker: &Checker,
    fix: FixRequest,
) -> Result<(), String> {
    let fixes: Vec<Diagnostic> = found
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= fix.level))
        .cloned()
        .collect();
    if fixes.is_empty() {
        return Ok(());
    }
    let path = match &report.file {
        Some(file) => file.clone(),
        None => checker.config.root.join(&report.rel),
    };
    let Some(passed) = checker.fix_late(&path, &report.rel, text, &fixes, fix.level)? else {
        return Ok(());
    };
    if fix.write {
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
