//! The diagnostic type: one finding at one exact byte range of the original file.
//!
//! Every step that finds something (splitting, parsing, validation) produces these;
//! every renderer consumes them. A diagnostic holds offsets only: line and column are
//! derived when rendering, by [`crate::line_index::LineIndex`].

use crate::codes::Code;
use crate::tree::Span;
use serde::Serialize;

/// How bad a finding is. Errors fail the run (exit 1); warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

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
}
