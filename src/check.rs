//! Checking one file: split, parse, choose the schema, validate, apply `[rules]`.
//!
//! Input is the file's text; output its diagnostics sorted by offset. Problems with the
//! tool rather than the file (a schema that cannot be read) are returned as errors.

use crate::codes;
use crate::config::{Config, FrontMatterPolicy};
use crate::diagnostic::Diagnostic;
use crate::parse::{self, ParseError, ParseErrorKind};
use crate::schema::Schemas;
use crate::split::{self, Format, Split};
use crate::tree::{Span, Value};
use crate::validate;
use std::path::Path;

/// Everything needed to check files, shared by all worker threads.
pub struct Checker<'a> {
    pub config: &'a Config,
    pub schemas: Schemas<'a>,
}

impl<'a> Checker<'a> {
    pub fn new(config: &'a Config, schemas: Schemas<'a>) -> Self {
        Checker { config, schemas }
    }

    /// Check `text`, the content of the file at `path` (`rel` to the config root).
    pub fn check_text(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
    ) -> Result<Vec<Diagnostic>, String> {
        let mut diagnostics = self.raw_diagnostics(path, rel, text)?;
        diagnostics.retain_mut(|d| match self.config.severity(d.code, d.severity) {
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
        diagnostics.sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
        Ok(diagnostics)
    }

    fn raw_diagnostics(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
    ) -> Result<Vec<Diagnostic>, String> {
        let (format, open, block) = match split::split(text) {
            Split::None => return Ok(self.missing(rel, text).into_iter().collect()),
            Split::Unterminated { format, open } => {
                let closing = format.delimiter();
                return Ok(vec![Diagnostic::new(
                    &codes::SYNTAX_UNTERMINATED,
                    open,
                    format!(
                        "the front matter opened here never closes: no `{closing}` line follows"
                    ),
                )
                .with_label("opened here")
                .with_help(format!(
                    "end the front matter with a line holding only `{closing}`"
                ))]);
            }
            Split::Block {
                format,
                open,
                block,
            } => (format, open, block),
        };
        let limits = &self.config.limits;
        let parsed = match format {
            Format::Yaml => parse::yaml::parse(text, block, limits),
            Format::Toml => parse::toml::parse(text, block, limits),
            Format::Json => parse::json::parse(text, block.start, limits).map(|(node, _)| node),
        };
        let root = match parsed {
            Ok(root) => root,
            Err(error) => return Ok(vec![parse_diagnostic(format, error)]),
        };
        let in_file = match root.entry("$schema").map(|e| &e.value.value) {
            Some(Value::String(reference)) => Some(reference.as_str()),
            _ => None,
        };
        let schema = self.schemas.for_file(path, rel, in_file)?;
        Ok(validate::validate(&schema, &root, open, text))
    }

    /// The `syntax/missing` diagnostic for a file without front matter, if required.
    fn missing(&self, rel: &str, text: &str) -> Option<Diagnostic> {
        let required = match self.config.front_matter {
            FrontMatterPolicy::Required => true,
            FrontMatterPolicy::Optional => false,
            FrontMatterPolicy::Auto => rel.split('/').rev().skip(1).any(|dir| dir == "content"),
        };
        let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        required.then(|| {
            Diagnostic::new(&codes::SYNTAX_MISSING, Span::new(start, start), "the file has no front matter")
                .with_help("start the file with a `---` line, the front matter, and another `---` line (files under `content/` need one; see `front_matter` in fmlint.toml)")
        })
    }
}

/// The diagnostic for a parser's error.
fn parse_diagnostic(format: Format, error: ParseError) -> Diagnostic {
    let code = match error.kind {
        ParseErrorKind::DuplicateKey => &codes::SYNTAX_DUPLICATE_KEY,
        ParseErrorKind::Limit => &codes::SYNTAX_LIMIT,
        ParseErrorKind::Syntax => match format {
            Format::Yaml => &codes::SYNTAX_YAML,
            Format::Toml => &codes::SYNTAX_TOML,
            Format::Json => &codes::SYNTAX_JSON,
        },
    };
    Diagnostic::new(code, error.span, error.message)
}
