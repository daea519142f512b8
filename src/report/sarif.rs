//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF tools.
//!
//! One run; one rule per code of the table (with its explanation as help); one result
//! per diagnostic. Regions give 1-based lines and columns that count Unicode code points
//! (the run declares `columnKind: unicodeCodePoints`; a BOM takes no column), exclusive
//! ends, and the exact `byteOffset`/`byteLength` of the original file. Fixes are SARIF
//! `fixes`: byte-range replacements, with fmlint's applicability in the property bag.
//! Artifact URIs are the reported paths, relative, percent-encoded.

use super::Range;
use crate::codes::{self, Code};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::line_index::LineIndex;
use crate::run::Outcome;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

/// The schema URI the log names.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Characters a relative URI reference cannot hold as they are (non-ASCII is always
/// encoded).
const URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The SARIF log of `outcome`, pretty-printed, with a trailing newline.
pub fn render(outcome: &Outcome) -> String {
    let mut results = Vec::new();
    for report in &outcome.reports {
        let index = LineIndex::new(&report.source);
        let uri = uri(&report.path);
        for d in &report.diagnostics {
            let range = Range::of(&index, &report.source, d.span);
            results.push(result(d, &uri, range, outcome.fix_level));
        }
    }
    let notifications: Vec<Value> = outcome
        .skipped
        .iter()
        .map(|s| notification("warning", &format!("skipped {}: {}", s.path, s.reason)))
        .chain(outcome.errors.iter().map(|e| notification("error", e)))
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "fmlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": codes::ALL.iter().map(|c| rule(c)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": outcome.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(code: &Code) -> Value {
    let family = code.name.split('/').next().unwrap_or_default();
    let full = crate::explain::explanation(code).map_or(code.summary, |e| e.why);
    json!({
        "id": code.name,
        "shortDescription": { "text": code.summary },
        "fullDescription": { "text": unwrap_lines(full) },
        "help": { "text": crate::explain::render(code) },
        "defaultConfiguration": { "level": level(code.severity) },
        "properties": { "tags": [family], "fixable": code.fixable },
    })
}

/// Hard-wrapped explanation prose as one paragraph.
fn unwrap_lines(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

fn result(d: &Diagnostic, uri: &str, range: Range, level_asked: Applicability) -> Value {
    let rule_index = codes::ALL
        .iter()
        .position(|c| c.name == d.code.name)
        .unwrap_or(0);
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.code.name,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": {
                    "startLine": range.start.line,
                    "startColumn": range.start.column,
                    "endLine": range.end.line,
                    "endColumn": range.end.column,
                    "byteOffset": d.span.start,
                    "byteLength": d.span.len(),
                }
            }
        }],
    });
    if let (Some(fix), Some(object)) = (&d.fix, result.as_object_mut()) {
        object.insert("fixes".into(), json!([sarif_fix(fix, uri, level_asked)]));
    }
    result
}

fn sarif_fix(fix: &Fix, uri: &str, level_asked: Applicability) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": { "byteOffset": e.span.start, "byteLength": e.span.len() },
                "insertedContent": { "text": e.replacement },
            })
        })
        .collect();
    let applicability = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    json!({
        "description": { "text": fix.description },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri },
            "replacements": replacements,
        }],
        "properties": {
            "applicability": applicability,
            "appliedBy": if fix.applicability >= level_asked {
                "fmlint --fix"
            } else {
                "fmlint --fix --unsafe-fixes"
            },
        },
    })
}

fn notification(level: &str, text: &str) -> Value {
    json!({ "level": level, "message": { "text": text } })
}

/// A reported path as a relative URI reference.
pub fn uri(path: &str) -> String {
    utf8_percent_encode(path, URI).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("content/post/a b.md"), "content/post/a%20b.md");
        assert_eq!(
            uri("content/文章#1.md"),
            "content/%E6%96%87%E7%AB%A0%231.md"
        );
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
