//! `--format json`: one JSON document on stdout, a contract scripts rely on (README,
//! "JSON output"): diagnostics sorted by path then offset, byte offsets of the original
//! file, 1-based character columns, exclusive ends, and a summary.
//!
//! The document is written in pieces (see [`super::stream`]): [`HEAD`], the entries of
//! each file as its check ends, then [`tail`] with the summary. The pieces add up to
//! what `serde_json` pretty-prints for the whole document, byte for byte.
//!
//! Values are exact (a path is the real name; bytes that are not UTF-8 are `\xFF`), and
//! the characters JSON would leave raw that a terminal acts on are `\uXXXX` escapes
//! ([`sanitize::json`]).

use super::{sanitize, Range};
use crate::diagnostic::{Applicability, Severity};
use crate::line_index::LineIndex;
use crate::run::{FileReport, Outcome};
use serde::Serialize;

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

/// The start of the document, up to the opening of the diagnostics array.
pub const HEAD: &str = "{\n  \"diagnostics\": [";

/// The JSON document for `outcome`, with a trailing newline.
pub fn render(outcome: &Outcome) -> String {
    super::stream::Streamed::Json(outcome.fix_level).render(outcome)
}

/// The entries of one file's diagnostics, indented as array items and separated by
/// commas (empty when it has none).
pub fn file(report: &FileReport, level: Applicability) -> String {
    let index = LineIndex::new(&report.source);
    let entries: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let range = Range::of(&index, &report.source, d.span);
            let entry = Entry {
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
                fixable: super::is_fixable(d, level),
            };
            super::indent(&pretty(&entry), "    ", true)
        })
        .collect();
    sanitize::json(&entries.join(",\n")).into_owned()
}

/// Where a piece goes in a JSON array (the diagnostics, SARIF's results): the first
/// after the opening bracket, the others after a comma.
pub fn separator(first: bool) -> &'static str {
    if first {
        "\n"
    } else {
        ",\n"
    }
}

/// The end of the document: the array closed (`any`: it has entries) and the summary.
pub fn tail(outcome: &Outcome, any: bool) -> String {
    let summary = Summary {
        files: outcome.files,
        errors: outcome.count(Severity::Error),
        warnings: outcome.count(Severity::Warning),
        // Fixes applied to files (none with `--diff`, which only shows them).
        fixed: outcome.fixes(),
    };
    let close = if any { "\n  ]" } else { "]" };
    format!(
        "{close},\n  \"summary\": {}\n}}\n",
        super::indent(&pretty(&summary), "  ", false)
    )
}

fn pretty(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers always serialize.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::diagnostic::Diagnostic;
    use crate::tree::Span;

    fn report(path: &str, spans: &[(usize, usize)]) -> FileReport {
        let diagnostics = spans
            .iter()
            .map(|&(start, end)| {
                Diagnostic::new(
                    &codes::SCHEMA_TYPE,
                    Span::new(start, end),
                    "a \"quoted\"\nline",
                )
            })
            .collect();
        FileReport::of_text(path, b"---\ntitle: x\n---\n".to_vec(), diagnostics)
    }

    /// The pieces add up to what serde_json pretty-prints for the whole document.
    #[test]
    fn the_pieces_make_the_pretty_printed_document() {
        for reports in [
            vec![],
            vec![report("a.md", &[(4, 9)])],
            vec![
                report("a.md", &[(4, 9), (11, 12)]),
                report("b/c.md", &[(0, 3)]),
            ],
        ] {
            let outcome = Outcome {
                files: reports.len() + 1,
                reports,
                ..Outcome::default()
            };
            let text = render(&outcome);
            let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            let pretty = serde_json::to_string_pretty(&value).expect("serializes") + "\n";
            assert_eq!(text, pretty);
            let entries = value["diagnostics"].as_array().map_or(0, Vec::len);
            let want: usize = outcome.reports.iter().map(|r| r.diagnostics.len()).sum();
            assert_eq!(entries, want);
            assert_eq!(value["summary"]["errors"], want);
        }
    }
}
