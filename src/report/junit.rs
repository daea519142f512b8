//! `--format junit`: a JUnit XML report for CI systems that show test results.
//!
//! One test case per file checked, named by its path: it fails when the file has error
//! diagnostics (the failure lists every diagnostic of the file as `path:line:col:
//! severity[code] message`) and passes otherwise, with warnings in `<system-out>`.
//! Skipped paths are skipped test cases; fmlint's own errors are one erroring test case.
//! Outside text goes through [`sanitize::text`] (controls, which XML 1.0 cannot hold even
//! as references, become visible escapes), then is escaped for XML; anything else XML
//! cannot hold becomes U+FFFD.

use super::{sanitize, Range};
use crate::diagnostic::Severity;
use crate::line_index::LineIndex;
use crate::run::{FileReport, Outcome};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The JUnit XML document of `outcome`, with a trailing newline.
pub fn render(outcome: &Outcome) -> String {
    let reports: BTreeMap<&str, &FileReport> = outcome
        .reports
        .iter()
        .map(|r| (r.path.as_str(), r))
        .collect();
    let mut cases = String::new();
    let mut failures = 0;
    for path in &outcome.checked {
        let report = reports.get(path.as_str()).copied();
        if case(&mut cases, path, report) {
            failures += 1;
        }
    }
    for skip in &outcome.skipped {
        let _ = writeln!(
            cases,
            "    <testcase classname=\"fmlint\" name=\"{}\" file=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>",
            shown_path(&skip.path),
            shown_path(&skip.path),
            shown(&skip.reason)
        );
    }
    let errors = usize::from(!outcome.errors.is_empty());
    if errors > 0 {
        let _ = writeln!(
            cases,
            "    <testcase classname=\"fmlint\" name=\"fmlint\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
            escape(&format!("fmlint could not check everything ({})", outcome.errors.len())),
            escape_text(
                &outcome
                    .errors
                    .iter()
                    .map(|e| sanitize::text(e))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        );
    }
    let tests = outcome.checked.len() + outcome.skipped.len() + errors;
    let counts = format!(
        "tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{}\"",
        outcome.skipped.len()
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"fmlint\" {counts}>\n  \
         <testsuite name=\"fmlint\" {counts}>\n{cases}  </testsuite>\n</testsuites>\n"
    )
}

/// Write the test case of one file; true when it failed.
fn case(out: &mut String, path: &str, report: Option<&FileReport>) -> bool {
    let path = sanitize::path(path);
    let name = escape(&path);
    let _ = write!(
        out,
        "    <testcase classname=\"fmlint\" name=\"{name}\" file=\"{name}\""
    );
    let Some(report) = report.filter(|r| !r.diagnostics.is_empty()) else {
        out.push_str("/>\n");
        return false;
    };
    out.push_str(">\n");
    let index = LineIndex::new(&report.source);
    let lines: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let at = Range::of(&index, &report.source, d.span).start;
            format!(
                "{path}:{}:{}: {}[{}] {}",
                at.line,
                at.column,
                d.severity.as_str(),
                d.code.name,
                sanitize::text(&d.message)
            )
        })
        .collect();
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let failed = !errors.is_empty();
    if let Some(first) = errors.first() {
        let warnings = report.diagnostics.len() - errors.len();
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            escape(&format!(
                "{} error{}, {} warning{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                warnings,
                if warnings == 1 { "" } else { "s" }
            )),
            escape(first.code.name),
            escape_text(&lines.join("\n"))
        );
    } else {
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape_text(&lines.join("\n"))
        );
    }
    out.push_str("    </testcase>\n");
    failed
}

/// Outside text (a reason) as an attribute value: visible escapes for controls, then
/// XML's.
fn shown(text: &str) -> String {
    escape(&sanitize::text(text))
}

/// [`shown`] for a path.
fn shown_path(path: &str) -> String {
    escape(&sanitize::path(path))
}

/// Escape element content: line breaks stay as they are.
pub fn escape_text(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Escape text for XML 1.0 attribute values (and content).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Characters XML 1.0 allows (`Char` of the spec), less the whitespace handled above.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b & \"c\"\n\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{FFFD}"
        );
    }
}
