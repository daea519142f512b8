//! Rendering an [`Outcome`](crate::run::Outcome): one small renderer per output format,
//! all reading the same diagnostics. Renderers return text; the binary prints it.

pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod stream;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::line_index::{LineIndex, Position};
use crate::sanitize;
use crate::tree::Span;

/// Whether `--fix` (at `level`) would fix this diagnostic.
pub fn is_fixable(diagnostic: &Diagnostic, level: Applicability) -> bool {
    diagnostic
        .fix
        .as_ref()
        .is_some_and(|fix| fix.applicability >= level)
}

/// Output formats of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

/// Where a span starts and ends, in lines and character columns (end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn of(index: &LineIndex, source: &[u8], span: Span) -> Self {
        Range {
            start: index.position(source, span.start),
            end: index.position(source, span.end),
        }
    }
}

/// `text` with `by` before each line (but the first, unless `first`): a pretty-printed
/// JSON value set into a bigger document. JSON strings hold no raw newline, so every line
/// break is one of the layout's.
fn indent(text: &str, by: &str, first: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16 * by.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if n > 0 || first {
            out.push_str(by);
        }
        out.push_str(line);
    }
    out
}
