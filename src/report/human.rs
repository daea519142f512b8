//! Human output through miette: for each diagnostic the code, the message, the file with
//! line and column (in characters), the source line with the span underlined, and help.
//!
//! miette is handed a small excerpt, not the file: the lines the span covers, each
//! clipped to a readable width around the span, so a 20,000-character line prints as a
//! short window. The excerpt reports the real line numbers and our character column,
//! since miette's own column counts bytes. The file name, message, label and help go
//! through [`sanitize::text`]; the excerpt draws control characters as placeholders.

use super::sanitize;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::line_index::{count_chars, LineIndex};
use crate::run::{FileReport, Outcome};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// Widest source line shown, in characters; longer lines are clipped around the span.
const MAX_LINE: usize = 120;
/// How many characters before the span a clipped line keeps.
const LEAD: usize = 40;
/// Most lines of a multi-line span shown.
const MAX_LINES: usize = 6;

/// How to draw: colours or not, and the width to wrap messages at.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Every diagnostic of `outcome`, then (unless `quiet`) a summary line.
pub fn render(outcome: &Outcome, style: Style, quiet: bool) -> String {
    let renderer = Box::new(Renderer::new(style, outcome.fix_level));
    let streamed = super::stream::Streamed::Human(renderer, quiet);
    streamed.render(outcome)
}

/// Draws the diagnostics of one file at a time, in a given style.
pub struct Renderer {
    handler: GraphicalReportHandler,
    /// The least safe fix the run applies: which `--fix` command the help names.
    level: Applicability,
}

impl Renderer {
    pub fn new(style: Style, level: Applicability) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        Renderer { handler, level }
    }

    /// Every diagnostic of `report`, each followed by a blank line.
    pub fn file(&self, report: &FileReport) -> String {
        let mut out = String::new();
        let index = LineIndex::new(&report.source);
        for diagnostic in &report.diagnostics {
            let rendered = Rendered::new(report, &index, diagnostic, self.level);
            // Writing into a String cannot fail.
            let _ = self.handler.render_report(&mut out, &rendered);
            out.push('\n');
        }
        out
    }
}

/// The closing line: files checked and problems found.
pub fn summary(outcome: &Outcome) -> String {
    let files = plural(outcome.files, "file");
    let errors = outcome.count(Severity::Error);
    let warnings = outcome.count(Severity::Warning);
    let fixes = outcome.fixes();
    let mut line = if errors + warnings == 0 && fixes == 0 {
        format!("Checked {files}: no problems found.")
    } else if errors + warnings == 0 {
        format!(
            "Checked {files}: fixed {}, none left.",
            plural(fixes, "problem")
        )
    } else {
        format!(
            "Checked {files}: {}, {}.",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    };
    if fixes > 0 && errors + warnings > 0 {
        line.push_str(&format!(" Fixed {}.", plural(fixes, "problem")));
    }
    if !outcome.skipped.is_empty() {
        line.push_str(&format!(
            " Skipped {}.",
            plural(outcome.skipped.len(), "path")
        ));
    }
    line.push('\n');
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The help text: the diagnostic's advice and what its fix would do.
fn help(d: &Diagnostic, level: Applicability) -> Option<String> {
    let fix = d.fix.as_ref().map(|fix| {
        let how = if fix.applicability >= level {
            "fmlint --fix"
        } else {
            "fmlint --fix --unsafe-fixes"
        };
        format!("fix: {} (`{how}`)", sanitize::text(&fix.description))
    });
    let help = d.help.as_deref().map(|h| sanitize::text(h).into_owned());
    match (help, fix) {
        (Some(help), Some(fix)) => Some(format!("{help}\n{fix}")),
        (help, fix) => help.or(fix),
    }
}

/// One diagnostic in the shape miette renders.
struct Rendered {
    message: String,
    code: &'static str,
    severity: Severity,
    help: Option<String>,
    label: LabeledSpan,
    excerpt: Excerpt,
}

impl Rendered {
    fn new(report: &FileReport, index: &LineIndex, d: &Diagnostic, level: Applicability) -> Self {
        let (excerpt, span) = Excerpt::new(
            &sanitize::path(&report.path),
            &report.source,
            index,
            d.span.start,
            d.span.end,
        );
        Rendered {
            message: sanitize::text(&d.message).into_owned(),
            code: d.code.name,
            severity: d.severity,
            help: help(d, level),
            label: LabeledSpan::new_primary_with_span(
                d.label.as_deref().map(|l| sanitize::text(l).into_owned()),
                span,
            ),
            excerpt,
        }
    }
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// The lines a span covers, clipped, with their real line number and the span's column.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based number of the excerpt's first line in the file.
    first_line: usize,
    /// 0-based character column of the span's start in the file.
    column: usize,
}

impl Excerpt {
    /// The excerpt around `start..end` and that span's position inside the excerpt.
    fn new(
        name: &str,
        source: &[u8],
        index: &LineIndex,
        start: usize,
        end: usize,
    ) -> (Self, SourceSpan) {
        let start = start.min(source.len());
        let end = end.clamp(start, source.len());
        let first = index.line_of(start);
        let last = index
            .line_of(end.saturating_sub(1).max(start))
            .min(first + MAX_LINES - 1);
        let column = index.position(source, start).column - 1;
        let mut text = String::new();
        let mut span_start = 0;
        let mut span_end = 0;
        for line in first..=last {
            let mut range = index.line_range(source, line);
            if line == 0 && source[range.clone()].starts_with(b"\xEF\xBB\xBF") {
                range.start += 3; // a BOM is not shown
            }
            let bytes = &source[range.clone()];
            // Characters of this line to skip so that the span start stays in view.
            let skip = if line == first {
                let before = count_chars(&source[range.start..start.clamp(range.start, range.end)]);
                before.saturating_sub(LEAD).min(before)
            } else {
                0
            };
            let line_text = String::from_utf8_lossy(bytes);
            let total = line_text.chars().count();
            let keep_from = if total > MAX_LINE { skip } else { 0 };
            let keep_to = (keep_from + MAX_LINE).min(total);
            if line > first {
                text.push('\n');
            }
            if keep_from > 0 {
                text.push('…');
            }
            let line_base = text.len();
            let mut shown_bytes = 0; // bytes of `bytes` before the kept window
            for (i, (offset, c)) in line_text.char_indices().enumerate() {
                if i < keep_from {
                    shown_bytes = offset + c.len_utf8();
                    continue;
                }
                if i >= keep_to {
                    break;
                }
                text.push(shown_char(c));
            }
            let window_end = text.len();
            if keep_to < total {
                text.push('…');
            }
            // Map file offsets in this line into the excerpt (lossy text keeps valid
            // UTF-8 offsets; spans of invalid bytes stay at their valid prefix).
            let map = |offset: usize| -> usize {
                let within = offset
                    .saturating_sub(range.start)
                    .saturating_sub(shown_bytes);
                (line_base + within).min(window_end)
            };
            if line == first {
                span_start = map(start.max(range.start));
            }
            if end >= range.start {
                span_end = map(end.min(range.end)).max(span_start);
            }
        }
        // Replacement characters of invalid bytes are wider than the bytes: stay on
        // character boundaries.
        let span_start = floor_boundary(&text, span_start);
        let span_end = ceil_boundary(&text, span_end.max(span_start));
        if span_start == text.len() {
            // A point at the end of a line (an unclosed bracket, say): give it a column
            // to be drawn in.
            text.push(' ');
        }
        let excerpt = Excerpt {
            name: name.to_string(),
            text,
            first_line: first,
            column,
        };
        (
            excerpt,
            SourceSpan::new(span_start.into(), span_end - span_start),
        )
    }
}

/// How a character of the source is drawn in the excerpt. Control characters (NUL in a
/// binary file, an escape sequence) and bidi overrides would garble the terminal or make
/// the line read otherwise: they become a placeholder of the same byte length, so
/// offsets still map (a space, `¿`, `�`).
fn shown_char(c: char) -> char {
    if c == '\t' || !sanitize::is_unsafe(c) {
        return c;
    }
    match c.len_utf8() {
        1 => ' ',
        2 => '¿',
        _ => '\u{FFFD}',
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            self.column,
            inner.line_count(),
        )))
    }
}
