//! The run's link phase: every remote link of every file checked once, after all files
//! are read, and the findings merged back into the files' reports (their suppression
//! comments and `[rules]` applied). With `--fix --unsafe-fixes`, permanent redirects are
//! rewritten to their targets from the answers of this run: no second request.

use super::{FileReport, Outcome, Request};
use crate::check::Checker;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::fix::apply;
use crate::fix::write::write_fixed;
use crate::links::{self, RemoteOptions, RemoteRequest};

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
    report.diagnostics.extend(found);
    report
        .diagnostics
        .sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
    if let Some(write) = fix {
        rewrite_redirects(report, &text, write)?;
    }
    Ok(())
}

/// Apply the unsafe redirect fixes of `report` to its text (and file, when `write`).
fn rewrite_redirects(report: &mut FileReport, text: &str, write: bool) -> Result<(), String> {
    let (redirects, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        std::mem::take(&mut report.diagnostics)
            .into_iter()
            .partition(|d| d.code.name == "link/redirected" && d.fix.is_some());
    report.diagnostics = rest;
    if redirects.is_empty() {
        return Ok(());
    }
    let applied = apply::apply(text, &redirects, Applicability::Unsafe, 0..text.len());
    if applied.fixes == 0 {
        report.diagnostics.extend(redirects);
        return Ok(());
    }
    if write {
        if let Some(file) = &report.file {
            write_fixed(file, text.as_bytes(), applied.text.as_bytes())
                .map_err(|e| e.to_string())?;
        }
    }
    let edits: Vec<&Edit> = redirects
        .iter()
        .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
        .collect();
    for diagnostic in &mut report.diagnostics {
        let shift: isize = edits
            .iter()
            .filter(|e| e.span.end <= diagnostic.span.start)
            .map(|e| e.replacement.len() as isize - e.span.len() as isize)
            .sum();
        diagnostic.span.start = diagnostic.span.start.saturating_add_signed(shift);
        diagnostic.span.end = diagnostic.span.end.saturating_add_signed(shift);
    }
    if report.original.is_none() {
        report.original = Some(text.to_string());
    }
    report.fixes += applied.fixes;
    report.source = applied.text.into_bytes();
    Ok(())
}
