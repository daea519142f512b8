//! `--format json`: one JSON document on stdout, exactly as DESIGN.md specifies:
//! diagnostics sorted by path then offset, byte offsets of the original file, 1-based
//! character columns, exclusive ends, and a summary.

use super::Range;
use crate::diagnostic::Severity;
use crate::line_index::LineIndex;
use crate::run::Outcome;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    code: &'static str,
    severity: Severity,
    message: &'a str,
    offset: usize,
    length: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fixable: bool,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    fixed: usize,
}

/// The JSON document for `outcome`, with a trailing newline.
pub fn render(outcome: &Outcome) -> String {
    let mut diagnostics = Vec::new();
    for report in &outcome.reports {
        let index = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let range = Range::of(&index, &report.source, d.span);
            diagnostics.push(Entry {
                path: &report.path,
                code: d.code.name,
                severity: d.severity,
                message: &d.message,
                offset: d.span.start,
                length: d.span.len(),
                line: range.start.line,
                column: range.start.column,
                end_line: range.end.line,
                end_column: range.end.column,
                fixable: super::is_fixable(d, outcome.fix_level),
            });
        }
    }
    let document = Document {
        diagnostics,
        summary: Summary {
            files: outcome.files,
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            fixed: fixed(outcome),
        },
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Fixes applied to files (none with `--diff`, which only shows them).
fn fixed(outcome: &Outcome) -> usize {
    outcome.fixes()
}
