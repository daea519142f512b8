//! `--format github`: GitHub Actions workflow commands, one per diagnostic, so findings
//! show inline on pull requests:
//!
//! ```text
//! ::error file=content/post/a.md,line=14,col=5,endLine=14,endColumn=11,title=schema/enum::`recnt` is not ...
//! ```
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` become `%25`,
//! `%0D` and `%0A`; in properties `:` and `,` are escaped too (`%3A`, `%2C`). Columns count
//! characters, like every fmlint column; `endColumn` is the column of the span's last
//! character (annotations take an inclusive range) and is only given for spans on one
//! line, since GitHub ignores columns across lines.
//!
//! The runner takes a line that starts with `::` for a command, on stdout and stderr
//! alike: outside text goes through [`sanitize::text`] first (no raw newline, carriage
//! return or escape sequence of its own), so only fmlint's own line breaks remain, and
//! those are escaped as `%0A`.

use super::{sanitize, Range};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::line_index::LineIndex;
use crate::run::{FileReport, Outcome};

/// One workflow command per diagnostic, in path then offset order.
pub fn render(outcome: &Outcome) -> String {
    super::stream::Streamed::Github(outcome.fix_level).render(outcome)
}

/// The workflow commands of one file's diagnostics, a line each.
pub fn file(report: &FileReport, level: Applicability) -> String {
    let mut out = String::new();
    let index = LineIndex::new(&report.source);
    for d in &report.diagnostics {
        out.push_str(&command(report, &index, d, level));
        out.push('\n');
    }
    out
}

fn command(report: &FileReport, index: &LineIndex, d: &Diagnostic, level: Applicability) -> String {
    let range = Range::of(index, &report.source, d.span);
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![
        ("file", sanitize::path(&report.path).into_owned()),
        ("line", range.start.line.to_string()),
    ];
    if range.start.line == range.end.line {
        let last = range.end.column.saturating_sub(1).max(range.start.column);
        properties.push(("col", range.start.column.to_string()));
        properties.push(("endLine", range.end.line.to_string()));
        properties.push(("endColumn", last.to_string()));
    } else {
        properties.push(("endLine", range.end.line.to_string()));
    }
    properties.push(("title", d.code.name.to_string()));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    let mut message = sanitize::text(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&sanitize::text(help));
    }
    if let Some(fix) = &d.fix {
        let how = if super::is_fixable(d, level) {
            "fmlint --fix"
        } else {
            "fmlint --fix --unsafe-fixes"
        };
        message.push_str(&format!(
            "\nfix: {} (`{how}`)",
            sanitize::text(&fix.description)
        ));
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escape a command's message (its data).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value: the data escapes plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("100% a\r\nb:c,d"), "100%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
