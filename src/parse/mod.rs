//! Front-matter parsers: YAML, TOML and JSON text to the spanned tree ([`crate::tree`]).
//!
//! Every parser takes the whole file text plus the byte range of the block, so the spans
//! it produces are offsets in the original file. None of them recurses on the input's
//! nesting: depth is capped by [`Limits`], alias expansion is charged against a node budget.

pub mod json;
#[cfg(test)]
mod testing;
pub mod toml;
pub mod yaml;
mod yaml_fast;

use crate::tree::Span;

/// Resource limits every parser enforces; exceeding one is a `syntax/limit` error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of sequences and mappings accepted.
    pub max_depth: usize,
    /// Most nodes an alias expansion may produce in one document (alias-bomb guard).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_alias_nodes: 10_000,
        }
    }
}

/// What kind of parse failure this is; each maps to one `syntax/*` code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The text is not valid YAML / TOML / JSON.
    Syntax,
    /// A mapping repeats a key (span: the second occurrence of the key).
    DuplicateKey,
    /// A limit of [`Limits`] was exceeded (span: where it was exceeded).
    Limit,
}

/// A parse failure at an exact place of the original file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub span: Span,
    pub message: String,
}

impl ParseError {
    pub fn new(kind: ParseErrorKind, span: Span, message: impl Into<String>) -> Self {
        ParseError {
            kind,
            span,
            message: message.into(),
        }
    }
}
