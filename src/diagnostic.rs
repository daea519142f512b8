//! The diagnostic type: one finding at one exact byte range of the original file.
//!
//! Every step that finds something (splitting, parsing, validation) produces these;
//! every renderer consumes them. A diagnostic holds offsets only: line and column are
//! derived when rendering, by [`crate::line_index::LineIndex`].

use crate::codes::Code;
pub use crate::codes::Severity;
use crate::tree::Span;

/// One finding: a code from the table, its severity, a message and the span it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: &'static Code,
    pub severity: Severity,
    /// What was expected and what was found, in one sentence.
    pub message: String,
    /// The byte range in the original file (BOM included).
    pub span: Span,
    /// A short label drawn under the span in human output.
    pub label: Option<String>,
    /// Advice on how to fix it, shown as help text.
    pub help: Option<String>,
    /// The edits that fix it, when fmlint knows them.
    pub fix: Option<Fix>,
}

/// Whether a fix can be applied without a human looking at it.
///
/// Ordered so that one comparison decides: a fix applies when its applicability is at
/// least the level the user asked for (`--fix`: safe; `--unsafe-fixes`: unsafe too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Changes meaning in a way a person should confirm (an enum typo, a redirect).
    Unsafe,
    /// Keeps what the author meant (a quoted `"false"` to `false`).
    #[default]
    Safe,
}

/// One replacement of a byte range of the original file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: edits on the original text, applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, for help text ("write `false` without quotes").
    pub description: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces `span` with `replacement`.
    pub fn replace(
        applicability: Applicability,
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        Fix {
            applicability,
            description: description.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: &'static Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity,
            message: message.into(),
            span,
            label: None,
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
