//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF tools.
//!
//! One run; one rule per code of the table (with its explanation as help); one result
//! per diagnostic. Regions give 1-based lines and columns that count Unicode code points
//! (the run declares `columnKind: unicodeCodePoints`; a BOM takes no column), exclusive
//! ends, and the exact `byteOffset`/`byteLength` of the original file. Fixes are SARIF
//! `fixes`: byte-range replacements, with fmlint's applicability in the property bag.
//! Artifact URIs are the reported paths as relative references, percent-encoded (bytes
//! that are not UTF-8 included); other text is exact, as in JSON.
//!
//! Like JSON, the log is written in pieces (see [`super::stream`]): [`head`], the results
//! of each file as its check ends, then [`tail`]; they add up to what `serde_json`
//! pretty-prints for the whole log.

use super::{sanitize, Range};
use crate::codes::{self, Code};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::line_index::LineIndex;
use crate::run::{FileReport, Outcome};
use percent_encoding::{percent_encode, AsciiSet, CONTROLS};
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
    super::stream::Streamed::Sarif(outcome.fix_level).render(outcome)
}

/// Where the results array opens, in the pretty-printed log.
const RESULTS: &str = "\"results\": [";

/// The start of the log, up to the opening of the results array: the tool and its rules
/// (one per code, whatever was found). The run's invocation comes after the results,
/// since it says whether everything could be checked.
pub fn head() -> String {
    let skeleton = json!({
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
            "columnKind": "unicodeCodePoints",
            "results": [],
        }]
    });
    // Keys stay in the order written (serde_json's `preserve_order`): `results` last.
    let text = serde_json::to_string_pretty(&skeleton).unwrap_or_default();
    // A key inside a string would have its quotes escaped: this is the key itself (the
    // unit test checks the whole log against serde_json's).
    let end = text
        .find("\"results\": []")
        .map_or(text.len(), |at| at + RESULTS.len());
    text[..end].to_string()
}

/// The results of one file's diagnostics, indented as items of the results array and
/// separated by commas (empty when it has none).
pub fn file(report: &FileReport, level: Applicability) -> String {
    let index = LineIndex::new(&report.source);
    let uri = uri(&report.path);
    let results: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let range = Range::of(&index, &report.source, d.span);
            let result = result(d, &uri, range, level);
            let text = serde_json::to_string_pretty(&result).unwrap_or_default();
            super::indent(&text, "        ", true)
        })
        .collect();
    sanitize::json(&results.join(",\n")).into_owned()
}

/// The end of the log: the results array closed (`any`: it has items), then the run's
/// invocation (whether everything was checked; what was skipped or failed).
pub fn tail(outcome: &Outcome, any: bool) -> String {
    let notifications: Vec<Value> = outcome
        .skipped
        .iter()
        .map(|s| notification("warning", &format!("skipped {}: {}", s.path, s.reason)))
        .chain(outcome.errors.iter().map(|e| notification("error", e)))
        .collect();
    let invocations = json!([{
        "executionSuccessful": outcome.errors.is_empty(),
        "toolExecutionNotifications": notifications,
    }]);
    let text = serde_json::to_string_pretty(&invocations).unwrap_or_default();
    let close = if any { "\n      ]" } else { "]" };
    let text = format!(
        "{close},\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
        super::indent(&text, "      ", false)
    );
    sanitize::json(&text).into_owned()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(code: &Code) -> Value {
    let family = code.family.as_str();
    let full = code.explanation.why;
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

/// A reported path as a relative URI reference: its bytes percent-encoded (those that
/// are not UTF-8 too), and `./` before it when its first segment holds a `:`, which
/// would otherwise read as a scheme (`javascript:x.md`).
pub fn uri(path: &str) -> String {
    let bytes = sanitize::path_bytes_back(path);
    let encoded = percent_encode(&bytes, URI).to_string();
    let first = encoded.split('/').next().unwrap_or_default();
    if first.contains(':') {
        format!("./{encoded}")
    } else {
        encoded
    }
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
        assert_eq!(uri("javascript:x.md"), "./javascript:x.md");
        assert_eq!(uri("post/a:b.md"), "post/a:b.md");
        assert_eq!(uri(r"a\xFF.md"), "a%FF.md");
        assert_eq!(uri(r"a\x5CxFF.md"), "a%5CxFF.md");
    }

    /// The pieces add up to the pretty-printed log, and the invocation closes it.
    #[test]
    fn the_pieces_make_the_pretty_printed_log() {
        use crate::diagnostic::Diagnostic;
        use crate::tree::Span;
        let report = |path: &str, spans: &[(usize, usize)]| {
            let diagnostics = spans
                .iter()
                .map(|&(a, b)| Diagnostic::new(&codes::SCHEMA_TYPE, Span::new(a, b), "x"))
                .collect();
            FileReport::of_text(path, b"---\ntitle: x\n---\n".to_vec(), diagnostics)
        };
        for reports in [
            vec![],
            vec![
                report("a.md", &[(4, 9), (11, 12)]),
                report("b.md", &[(0, 3)]),
            ],
        ] {
            let want = reports.iter().map(|r| r.diagnostics.len()).sum::<usize>();
            let outcome = Outcome {
                reports,
                errors: vec!["nope.md: no such file or directory".into()],
                ..Outcome::default()
            };
            let text = render(&outcome);
            let log: Value = serde_json::from_str(&text).expect("valid JSON");
            let pretty = serde_json::to_string_pretty(&log).expect("serializes") + "\n";
            assert_eq!(text, pretty);
            let run = &log["runs"][0];
            assert_eq!(run["results"].as_array().map(Vec::len), Some(want));
            assert_eq!(run["invocations"][0]["executionSuccessful"], false);
            assert_eq!(
                run["tool"]["driver"]["rules"].as_array().map(Vec::len),
                Some(codes::ALL.len())
            );
        }
    }
}
