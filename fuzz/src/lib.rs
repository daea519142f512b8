//! Helpers shared by the fuzz targets: span checks on the spanned tree, on diagnostics and
//! on the JSON report, and the file text a target builds around raw fuzzer input.

use fmlint::check::Checker;
use fmlint::config::Config;
use fmlint::diagnostic::Diagnostic;
use fmlint::schema::Schemas;
use fmlint::split::Format;
use fmlint::tree::{Node, Span, Value};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The folder a fuzzed file pretends to live in: it does not exist (no site, no theme).
pub const ROOT: &str = "/nonexistent-fmlint-fuzz";
/// The fuzzed file's path below [`ROOT`]: under `content/`, so front matter is required.
pub const REL: &str = "content/post/fuzz.md";

/// The fuzzed file's absolute path.
pub fn path() -> PathBuf {
    Path::new(ROOT).join(REL)
}

/// A checker with the default config but `[links] check = CHECK`, for a target's
/// thread-local: its config is leaked, once per thread, to live as long as the fuzzer.
pub fn checker(check: &str) -> Checker<'static> {
    let text = format!("[links]\ncheck = \"{check}\"\n");
    let config: &'static Config = Box::leak(Box::new(
        Config::parse(&text, PathBuf::from(ROOT), None).expect("the fuzz config parses"),
    ));
    Checker::new(config, Schemas::new(config, None))
}

/// The input as text, or `None` when it is not UTF-8 (the reader rejects such files
/// before any parser sees them).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Panic unless `span` is an ordered range inside `within` (itself inside `text`) whose
/// ends are character boundaries of `text`.
pub fn assert_span(text: &str, span: Span, within: &Range<usize>, what: &str) {
    assert!(span.start <= span.end, "{what}: inverted span {span}");
    assert!(
        within.start <= span.start && span.end <= within.end && within.end <= text.len(),
        "{what}: span {span} outside {within:?} (text of {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span} not on char boundaries"
    );
}

/// Check the span of every node and key of the tree below `root` against `within`,
/// walking with an explicit stack (trees may be as deep as the parsers' limit).
pub fn assert_tree(text: &str, root: &Node, within: &Range<usize>) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        assert_span(text, node.span, within, "node");
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for entry in entries {
                    assert_span(text, entry.key_span, within, "key");
                    stack.push(&entry.value);
                }
            }
            _ => {}
        }
    }
}

/// Check a diagnostic's span, and the edits of its fix, against the whole text.
pub fn assert_diagnostic(text: &str, diagnostic: &Diagnostic) {
    let all = 0..text.len();
    assert_span(text, diagnostic.span, &all, diagnostic.code.name);
    if let Some(fix) = &diagnostic.fix {
        for edit in &fix.edits {
            assert_span(text, edit.span, &all, "fix edit");
        }
    }
}

/// The input as front matter of `format`: unchanged when it already opens with a block of
/// that format, else wrapped in the format's delimiter lines (JSON: unchanged), so that both
/// whole files and bare front-matter snippets reach the parser.
pub fn as_front_matter(text: &str, format: Format) -> String {
    match (fmlint::split::split(text), format) {
        (fmlint::split::Split::Block { format: found, .. }, _) if found == format => {
            text.to_string()
        }
        (_, Format::Json) => text.to_string(),
        (_, _) => {
            let delimiter = format.delimiter();
            format!("{delimiter}\n{text}\n{delimiter}\n")
        }
    }
}

/// The 1-based line and character column of byte `offset` of `text`, counted naively
/// (`\r\n`, `\n` and a lone `\r` end lines; a leading BOM takes no column): the oracle
/// the JSON report's positions are compared with.
pub fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, c) in text.char_indices().take_while(|&(i, _)| i < offset) {
        let breaks = c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n'));
        if breaks {
            line += 1;
            column = 1;
        } else if !(i == 0 && c == '\u{FEFF}') {
            column += 1;
        }
    }
    (line, column)
}
