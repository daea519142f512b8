//! Suppression comments inside YAML or TOML front matter:
//!
//! ```yaml
//! # fmlint-disable-file schema/additionalProperties
//! # fmlint-disable-next-line schema/enum -- our theme adds this widget
//! widgets: [search, weather]
//! ```
//!
//! `fmlint-disable-next-line CODE...` silences diagnostics that start on the next line
//! with content (blank lines and other full-line comments are passed over, so directives
//! stack); `fmlint-disable-file CODE...` silences them anywhere in the file, body
//! included. Codes are separated by spaces or commas; `family/*` names a family; no code
//! at all means every code; text after ` -- ` is a free reason.
//!
//! A directive that silences nothing is reported as `suppression/unused` (a warning), at
//! the unused code or at the whole comment, with a safe fix that removes it; a misspelled
//! code or directive is reported the same way, with a suggestion and no fix.
//!
//! Comments are found with the spanned tree: a `#` inside a scalar or a key (a quoted
//! string, a block scalar) is text, not a comment. JSON front matter has no comments.

use crate::codes::{self, Code, Family, Phase};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::line_index::LineIndex;
use crate::split::Format;
use crate::tree::{Node, Span, Value};

/// The directive that silences the next line.
pub const NEXT_LINE: &str = "fmlint-disable-next-line";
/// The directive that silences the whole file.
pub const FILE: &str = "fmlint-disable-file";

/// The suppression directives of one file, and which of their codes silenced something.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Misspelled directives (`# fmlint-disable-nextline`), reported as they are.
    invalid: Vec<Diagnostic>,
    /// Line starts of the file, to place diagnostics on lines.
    index: Option<LineIndex>,
}

#[derive(Debug, Clone)]
struct Directive {
    /// `None`: the whole file; `Some(line)`: that 0-based line (`None` inside when no
    /// line with content follows in the front matter).
    scope: Scope,
    /// The comment, from `#` to the end of its text.
    comment: Span,
    /// What to delete to remove the comment (its whole line when it stands alone).
    removal: Span,
    /// The codes named; empty means every code.
    codes: Vec<CodeRef>,
    /// For a directive without codes: whether it silenced something.
    used_bare: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    Line(Option<usize>),
}

#[derive(Debug, Clone)]
struct CodeRef {
    span: Span,
    /// What to delete to remove this code from the list (with one separator).
    removal: Span,
    target: Target,
    used: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Code(&'static Code),
    /// `family/*`.
    Family(Family),
    /// Not a code; the text and the nearest code.
    Unknown(String, Option<&'static str>),
}

impl Target {
    fn matches(&self, code: &Code) -> bool {
        match self {
            Target::Code(c) => *c == code,
            Target::Family(family) => code.family == *family,
            Target::Unknown(..) => false,
        }
    }
}

/// One line of the front matter as the scan sees it.
struct Line {
    range: std::ops::Range<usize>,
    /// Where a comment starts on this line, if one does.
    comment: Option<usize>,
    /// Whether the line holds something other than blanks and a comment.
    content: bool,
}

impl Suppressions {
    /// The directives in the front matter `block` of `text`, parsed into `root`.
    pub fn find(
        text: &str,
        format: Format,
        block: std::ops::Range<usize>,
        root: &Node,
    ) -> Suppressions {
        // Directives are comments of the front matter: the body need not be searched.
        let front = text.get(block.clone()).unwrap_or(text);
        if format == Format::Json || !front.contains("fmlint-") {
            return Suppressions::default();
        }
        let mut text_spans = Vec::new();
        collect_text_spans(root, &mut text_spans);
        text_spans.sort();
        let index = LineIndex::new(text.as_bytes());
        let lines = scan_lines(text, format, &block, &index, &text_spans);
        let mut found = Suppressions::default();
        for (i, line) in lines.iter().enumerate() {
            let Some(hash) = line.comment else {
                continue;
            };
            let comment_end = trim_end(text, hash, line.range.end);
            let removal = if line.content {
                // A trailing comment: remove it with the blanks before it.
                let mut start = hash;
                while start > line.range.start && matches!(text.as_bytes()[start - 1], b' ' | b'\t')
                {
                    start -= 1;
                }
                Span::new(start, comment_end)
            } else {
                let next = lines
                    .get(i + 1)
                    .map_or(block.end, |l| l.range.start)
                    .min(block.end);
                Span::new(line.range.start, next.max(comment_end))
            };
            let comment = Span::new(hash, comment_end);
            let Some(parsed) = parse_comment(text, comment) else {
                continue;
            };
            match parsed {
                Parsed::Invalid(diagnostic) => found.invalid.push(diagnostic),
                Parsed::Directive { file, codes } => {
                    let scope = if file {
                        Scope::File
                    } else {
                        Scope::Line(
                            lines[i + 1..]
                                .iter()
                                .find(|l| l.content)
                                .map(|l| index.line_of(l.range.start)),
                        )
                    };
                    found.directives.push(Directive {
                        scope,
                        comment,
                        removal,
                        codes,
                        used_bare: false,
                    });
                }
            }
        }
        found.index = Some(index);
        found
    }

    /// Whether the file has no directive at all.
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.invalid.is_empty()
    }

    /// Remove the diagnostics the directives silence, remembering which codes did.
    pub fn filter(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        if self.directives.is_empty() {
            return;
        }
        let Some(index) = &self.index else {
            return;
        };
        let directives = &mut self.directives;
        diagnostics.retain(|d| {
            let line = index.line_of(d.span.start);
            let mut silenced = false;
            for directive in directives.iter_mut() {
                let applies = match directive.scope {
                    Scope::File => true,
                    Scope::Line(target) => target == Some(line),
                };
                if !applies {
                    continue;
                }
                if directive.codes.is_empty() {
                    directive.used_bare = true;
                    silenced = true;
                }
                for code in &mut directive.codes {
                    if code.target.matches(d.code) {
                        code.used = true;
                        silenced = true;
                    }
                }
            }
            !silenced
        });
    }

    /// `suppression/unused` diagnostics for what silenced nothing, and for misspelt
    /// directives and codes. Codes for which `pending` is true may still be silenced by
    /// findings not known yet (the run's link phase, after every file): they are not
    /// judged here.
    pub fn unused(&self, pending: impl Fn(&Code) -> bool) -> Vec<Diagnostic> {
        let mut out = self.invalid.clone();
        let any_pending = codes::ALL.iter().any(|c| pending(c));
        out.extend(self.judge(|t| !is_pending(t, &pending), !any_pending));
        out
    }

    /// After the run's link phase has filtered its findings through these suppressions:
    /// `suppression/unused` for what [`Suppressions::unused`] left pending (`pending` as
    /// it was given) and silenced nothing in either phase.
    pub fn unused_after_run(&self, pending: impl Fn(&Code) -> bool) -> Vec<Diagnostic> {
        let any_pending = codes::ALL.iter().any(|c| pending(c));
        self.judge(|t| is_pending(t, &pending), any_pending)
    }

    /// The findings for directives and codes that silenced nothing, among the targets
    /// `judged` and, with `bare`, directives that name no code.
    fn judge(&self, judged: impl Fn(&Target) -> bool, bare: bool) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for directive in &self.directives {
            if directive.codes.is_empty() {
                if bare && !directive.used_bare {
                    out.push(whole(directive, "this suppression silences nothing"));
                }
                continue;
            }
            let judged = |c: &CodeRef| judged(&c.target);
            let any_used_or_pending = directive.codes.iter().any(|c| c.used || !judged(c));
            let any_unknown = directive
                .codes
                .iter()
                .any(|c| matches!(c.target, Target::Unknown(..)));
            if !any_used_or_pending && !any_unknown {
                let names: Vec<String> = directive
                    .codes
                    .iter()
                    .map(|c| format!("`{}`", target_name(&c.target)))
                    .collect();
                out.push(whole(
                    directive,
                    &format!(
                        "this suppression silences nothing: no {} diagnostic {}",
                        names.join(" or "),
                        where_(directive.scope)
                    ),
                ));
                continue;
            }
            for code in directive.codes.iter().filter(|c| !c.used && judged(c)) {
                out.push(match &code.target {
                    Target::Unknown(text, nearest) => {
                        let hint = nearest
                            .map(|n| format!("; did you mean `{n}`?"))
                            .unwrap_or_default();
                        Diagnostic::new(
                            &codes::SUPPRESSION_UNUSED,
                            code.span,
                            format!("`{text}` is not an fmlint code{hint}"),
                        )
                        .with_label("unknown code")
                        .with_help("`fmlint explain --list` lists the codes")
                    }
                    target => Diagnostic::new(
                        &codes::SUPPRESSION_UNUSED,
                        code.span,
                        format!(
                            "`{}` is suppressed here but no such diagnostic is {}",
                            target_name(target),
                            where_(directive.scope)
                        ),
                    )
                    .with_label("unused")
                    .with_fix(Fix::replace(
                        Applicability::Safe,
                        format!("remove `{}` from the suppression", target_name(target)),
                        code.removal,
                        "",
                    )),
                });
            }
        }
        out
    }
}

/// The codes that findings made after one file's check may still silence: those of the
/// run's link phase, after every file.
pub fn pending_later(code: &Code) -> bool {
    code.phase == Phase::Run
}

/// Whether `target` names a code that is `pending`.
fn is_pending(target: &Target, pending: &impl Fn(&Code) -> bool) -> bool {
    match target {
        Target::Code(code) => pending(code),
        Target::Family(family) => codes::ALL.iter().any(|c| c.family == *family && pending(c)),
        Target::Unknown(..) => false,
    }
}

fn where_(scope: Scope) -> &'static str {
    match scope {
        Scope::File => "in the file",
        Scope::Line(_) => "on the next line",
    }
}

fn target_name(target: &Target) -> String {
    match target {
        Target::Code(code) => code.name.to_string(),
        Target::Family(family) => format!("{}/*", family.as_str()),
        Target::Unknown(text, _) => text.clone(),
    }
}

/// The diagnostic for a whole directive that silenced nothing.
fn whole(directive: &Directive, message: &str) -> Diagnostic {
    Diagnostic::new(&codes::SUPPRESSION_UNUSED, directive.comment, message)
        .with_label("unused suppression")
        .with_fix(Fix::replace(
            Applicability::Safe,
            "remove the suppression comment",
            directive.removal,
            "",
        ))
}

/// Spans whose bytes are text, not syntax: every key and every scalar.
fn collect_text_spans(node: &Node, out: &mut Vec<Span>) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => {
                for entry in entries {
                    out.push(entry.key_span);
                    stack.push(&entry.value);
                }
            }
            _ => out.push(node.span),
        }
    }
}

fn inside(spans: &[Span], offset: usize) -> bool {
    let i = spans.partition_point(|s| s.start <= offset);
    spans[..i].iter().rev().take(64).any(|s| offset < s.end)
}

/// The lines of the block: where each one's comment starts and whether it has content.
fn scan_lines(
    text: &str,
    format: Format,
    block: &std::ops::Range<usize>,
    index: &LineIndex,
    text_spans: &[Span],
) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut number = index.line_of(block.start);
    loop {
        let range = index.line_range(bytes, number);
        if range.start >= block.end || (number > 0 && index.line_start(number) == 0) {
            break;
        }
        let range = range.start..range.end.min(block.end);
        let comment = range.clone().find(|&i| {
            bytes[i] == b'#'
                && (format == Format::Toml
                    || i == range.start
                    || matches!(bytes[i - 1], b' ' | b'\t'))
                && !inside(text_spans, i)
        });
        let before = &bytes[range.start..comment.unwrap_or(range.end)];
        let content = before.iter().any(|b| !matches!(b, b' ' | b'\t'));
        let last = range.end >= block.end;
        lines.push(Line {
            range,
            comment,
            content,
        });
        if last {
            break;
        }
        number += 1;
    }
    lines
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = end;
    while end > start && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    end
}

enum Parsed {
    Directive { file: bool, codes: Vec<CodeRef> },
    Invalid(Diagnostic),
}

/// Read the comment at `comment` (starting with `#`) as a directive, if it is one.
fn parse_comment(text: &str, comment: Span) -> Option<Parsed> {
    let body = text.get(comment.start + 1..comment.end)?;
    let lead = body.len() - body.trim_start().len();
    let body = &body[lead..];
    if !body.starts_with("fmlint-") {
        return None;
    }
    let word_end = body
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(body.len());
    let word = &body[..word_end];
    let word_start = comment.start + 1 + lead;
    let file = match word {
        NEXT_LINE => false,
        FILE => true,
        _ => {
            let hint = crate::suggest::closest(word, [NEXT_LINE, FILE])
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            return Some(Parsed::Invalid(
                Diagnostic::new(
                    &codes::SUPPRESSION_UNUSED,
                    Span::new(word_start, word_start + word.len()),
                    format!("`{word}` is not an fmlint directive{hint}"),
                )
                .with_label("unknown directive")
                .with_help(format!("the directives are `{NEXT_LINE}` and `{FILE}`")),
            ));
        }
    };
    let rest_start = word_start + word_end;
    let mut rest = &text[rest_start..comment.end];
    // ` -- reason` ends the code list.
    if let Some(reason) = rest
        .find(" --")
        .or_else(|| rest.starts_with("--").then_some(0))
    {
        rest = &rest[..reason];
    }
    let mut tokens: Vec<Span> = Vec::new();
    let mut start = None;
    for (i, c) in rest.char_indices() {
        let separator = c.is_whitespace() || c == ',';
        match (separator, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                tokens.push(Span::new(rest_start + s, rest_start + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Span::new(rest_start + s, rest_start + rest.len()));
    }
    let codes = tokens
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            // Remove the code with the separator before it, or after it for the first.
            let removal = if i > 0 {
                Span::new(tokens[i - 1].end, span.end)
            } else if let Some(next) = tokens.get(1) {
                Span::new(span.start, next.start)
            } else {
                span
            };
            CodeRef {
                span,
                removal,
                target: target(&text[span.start..span.end]),
                used: false,
            }
        })
        .collect();
    Some(Parsed::Directive { file, codes })
}

fn target(name: &str) -> Target {
    if let Some(code) = codes::lookup(name) {
        return Target::Code(code);
    }
    if let Some(family) = name.strip_suffix("/*").and_then(Family::parse) {
        return Target::Family(family);
    }
    Target::Unknown(name.to_string(), codes::closest(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{self, Limits};
    use crate::split::{self, Split};

    /// Suppress `codes` (name, line 1-based) in `text` and return what is left, as
    /// (code, line) pairs, the unused warnings included.
    fn run(text: &str, found: &[(&'static Code, usize)]) -> Vec<(String, usize)> {
        let Split::Block { format, block, .. } = split::split(text) else {
            panic!("no block");
        };
        let limits = Limits::default();
        let root = match format {
            Format::Yaml => parse::yaml::parse(text, block.clone(), &limits),
            Format::Toml => parse::toml::parse(text, block.clone(), &limits),
            Format::Json => panic!("json"),
        }
        .expect("parses");
        let index = LineIndex::new(text.as_bytes());
        let mut diagnostics: Vec<Diagnostic> = found
            .iter()
            .map(|(code, line)| {
                let at = index.line_start(line - 1);
                Diagnostic::new(code, Span::new(at, at + 1), "m")
            })
            .collect();
        let mut suppressions = Suppressions::find(text, format, block, &root);
        suppressions.filter(&mut diagnostics);
        diagnostics.extend(suppressions.unused(pending_later));
        diagnostics
            .iter()
            .map(|d| (d.code.name.to_string(), index.line_of(d.span.start) + 1))
            .collect()
    }

    #[test]
    fn next_line_silences_the_next_content_line_only() {
        let text = "---\n# fmlint-disable-next-line schema/enum\n\n# another comment\nwidgets: [recnt]\nx: [recnt]\n---\n";
        assert_eq!(
            run(text, &[(&codes::SCHEMA_ENUM, 5), (&codes::SCHEMA_ENUM, 6)]),
            [("schema/enum".to_string(), 6)]
        );
    }

    #[test]
    fn file_silences_everywhere_and_families_match() {
        let text =
            "+++\n# fmlint-disable-file schema/*, syntax/yaml -- why not\na = 1\n+++\nbody\n";
        let left = run(text, &[(&codes::SCHEMA_TYPE, 3), (&codes::LINK_BROKEN, 5)]);
        // link/broken is not silenced; syntax/yaml silenced nothing.
        assert_eq!(
            left,
            [
                ("link/broken".to_string(), 5),
                ("suppression/unused".to_string(), 2)
            ]
        );
    }

    #[test]
    fn unused_unknown_and_misspelled() {
        let text = "---\n# fmlint-disable-next-line schema/type\na: 1\n# fmlint-disable-next-line schema/enun\nb: 2\n# fmlint-disabel-file\n---\n";
        let left = run(text, &[]);
        assert_eq!(
            left,
            [
                ("suppression/unused".to_string(), 6),
                ("suppression/unused".to_string(), 2),
                ("suppression/unused".to_string(), 4),
            ]
        );
    }

    #[test]
    fn hashes_in_strings_are_not_comments() {
        let text =
            "---\ntitle: \"# fmlint-disable-file\"\nbody: |\n  # fmlint-disable-file\nc: 1\n---\n";
        assert_eq!(
            run(text, &[(&codes::SCHEMA_TYPE, 5)]),
            [("schema/type".to_string(), 5)]
        );
    }

    #[test]
    fn link_codes_are_not_judged_yet() {
        let text = "---\n# fmlint-disable-next-line link/broken\nthumbnail: x\n---\n";
        assert!(run(text, &[]).is_empty());
    }

    #[test]
    fn removal_fixes_take_the_line_or_the_code() {
        let text =
            "---\n# fmlint-disable-next-line schema/enum, schema/type\nwidgets: [recnt]\n---\n";
        let Split::Block { format, block, .. } = split::split(text) else {
            panic!();
        };
        let root = parse::yaml::parse(text, block.clone(), &Limits::default()).unwrap();
        let mut s = Suppressions::find(text, format, block.clone(), &root);
        let mut none = Vec::new();
        s.filter(&mut none);
        let unused = s.unused(pending_later);
        assert_eq!(unused.len(), 1);
        let applied = crate::fix::apply::apply(text, &unused, Applicability::Safe, block.clone());
        assert_eq!(applied.text, "---\nwidgets: [recnt]\n---\n");
        let at = text.find("widgets").unwrap();
        let mut some = vec![Diagnostic::new(
            &codes::SCHEMA_ENUM,
            Span::new(at, at + 7),
            "m",
        )];
        let mut s = Suppressions::find(text, format, block.clone(), &root);
        s.filter(&mut some);
        assert!(some.is_empty());
        let unused = s.unused(pending_later);
        let applied = crate::fix::apply::apply(text, &unused, Applicability::Safe, block);
        assert_eq!(
            applied.text,
            "---\n# fmlint-disable-next-line schema/enum\nwidgets: [recnt]\n---\n"
        );
    }
}
