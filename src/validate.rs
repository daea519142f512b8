//! Schema validation of one file's spanned tree, and the translation of every failing
//! keyword into a diagnostic at the exact span a user expects: the value for
//! type/format/enum/pattern, the item for an array item, the key for an unexpected key,
//! the opening delimiter for a field missing at the top level.
//!
//! The tree becomes a `serde_json::Value` for the validator (a `$schema` key at the top
//! is the file's schema choice, not data, and is left out); an error's instance path is
//! then walked back through the tree to find the span.

use crate::codes::{self, Code, Family};
use crate::diagnostic::Diagnostic;
use crate::fix::propose::{self, Source};
use crate::fix::style::Style;
use crate::schema::keywords::{is_regex_limit, watch_regex_limits, RegexLimit, DATE_LAYOUT};
use crate::schema::Schema;
use crate::split::Format;
use crate::suggest;
use crate::tree::{Node, Span, Value};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::ValidationError;

/// The front matter of one file, as validation needs it.
pub struct FrontMatter<'a> {
    pub text: &'a str,
    pub format: Format,
    pub root: &'a Node,
    /// The opening delimiter, where a missing top-level field is reported.
    pub open: Span,
    /// The block, which fixes may not leave.
    pub block: std::ops::Range<usize>,
}

/// Validate the front matter against `schema`: one diagnostic per failing keyword, with
/// a fix where one is sure.
///
/// A regex match the engine gives up on is always reported (`schema/regex-limit`), even
/// when the file has other errors or the match sits in a branch that does not count.
pub fn validate(schema: &Schema, front: &FrontMatter) -> Vec<Diagnostic> {
    let instance = front.root.to_json(Some("$schema"));
    let (valid, mut limits) = watch_regex_limits(|| schema.validator.is_valid(&instance));
    if valid && limits.is_empty() {
        return Vec::new();
    }
    let context = Context {
        root: front.root,
        open: front.open,
        schema,
        text: front.text,
        source: Source {
            text: front.text,
            root: front.root,
            style: Style::detect(front.format, front.text, front.root),
            block: front.block.clone(),
        },
    };
    let mut out = Vec::new();
    let mut engine_limits = Vec::new();
    if !valid {
        let ((), more) = watch_regex_limits(|| {
            for error in schema.validator.iter_errors(&instance) {
                if is_regex_limit(error.kind()) {
                    engine_limits.push(context.engine_limit(&error));
                } else {
                    context.report(&error, &mut out);
                }
            }
        });
        limits.extend(more);
    }
    for limit in &limits {
        out.push(context.unfinished_match(&instance, limit));
    }
    // fmlint's keywords see every regex match; the engine's own report is the fallback.
    if limits.is_empty() {
        out.extend(engine_limits);
    }
    out.sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
    out.dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
    out
}

/// The code for a failing JSON Schema keyword: `schema/<keyword>`, or `schema/custom`
/// for a keyword the table does not name.
fn code_for_keyword(keyword: &str) -> &'static Code {
    match keyword {
        "false" | "falseSchema" => &codes::SCHEMA_FALSE,
        "const" => &codes::SCHEMA_CONST,
        DATE_LAYOUT => &codes::SCHEMA_DATE_LAYOUT,
        _ => codes::ALL
            .iter()
            .copied()
            .find(|c| c.family == Family::Schema && c.short_name() == keyword)
            .unwrap_or(&codes::SCHEMA_CUSTOM),
    }
}

struct Context<'a> {
    root: &'a Node,
    open: Span,
    schema: &'a Schema,
    text: &'a str,
    source: Source<'a>,
}

/// Where an instance path leads in the tree.
struct Located<'a> {
    node: &'a Node,
    /// The key (or item) that leads to `node`; `None` for the root.
    via: Option<Span>,
    /// The key that leads to `node`, when the last step is a mapping key.
    key: Option<Span>,
    /// The last property name on the path (the field being checked).
    field: Option<String>,
}

impl<'a> Context<'a> {
    fn locate(&self, error: &ValidationError) -> Located<'a> {
        let mut located = Located {
            node: self.root,
            via: None,
            key: None,
            field: None,
        };
        for segment in error.instance_path().iter() {
            let next = match (&segment, &located.node.value) {
                (LocationSegment::Property(name), Value::Map(entries)) => entries
                    .iter()
                    .rev()
                    .find(|e| e.key == *name)
                    .map(|e| (&e.value, e.key_span, Some(name.to_string()))),
                (LocationSegment::Index(i), Value::Seq(items)) => {
                    items.get(*i).map(|item| (item, item.span, None))
                }
                _ => None,
            };
            let Some((node, via, field)) = next else {
                break;
            };
            located.node = node;
            located.via = Some(via);
            located.key = field.is_some().then_some(via);
            if field.is_some() {
                located.field = field;
            }
        }
        located
    }

    fn report(&self, error: &ValidationError, out: &mut Vec<Diagnostic>) {
        let at = self.locate(error);
        let node = at.node;
        let field = at.field.as_deref();
        let what = field.map_or_else(|| "the value".to_string(), |f| format!("`{f}`"));
        let within = field.map_or_else(String::new, |f| format!(" in `{f}`"));
        if is_regex_limit(error.kind()) {
            // Seen by fmlint's own regex keywords, and reported from there.
            return;
        }
        let code = code_for_keyword(error.kind().keyword());
        let simple = |message: String| Diagnostic::new(code, node.span, message);
        let diagnostic = match error.kind() {
            ValidationErrorKind::Type { kind } => {
                let written = self
                    .text
                    .get(node.span.start..node.span.end)
                    .unwrap_or_default();
                let expected = expected_types(kind);
                let fix = if expected.contains(&"boolean") {
                    propose::to_boolean(node)
                } else if expected.contains(&"number") || expected.contains(&"integer") {
                    propose::to_number(node, !expected.contains(&"number"))
                } else if expected == ["array"] {
                    propose::wrap_in_list(&self.source, node, at.key)
                } else {
                    None
                };
                with_fix(self.text, type_error(code, node, &expected, written), fix)
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<&serde_json::Value> = options
                    .as_array()
                    .map(|a| a.iter().collect())
                    .unwrap_or_default();
                let fix = propose::enum_value(&self.source, node, &allowed);
                with_fix(self.text, enum_error(code, node, &allowed, field), fix)
            }
            ValidationErrorKind::Constant { expected_value } => simple(format!(
                "expected {}, found {}",
                show_json(expected_value),
                show(node)
            )),
            ValidationErrorKind::Format { format } => format_error(code, node, format),
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let span = at.via.unwrap_or(self.open);
                let place = if at.via.is_some() {
                    "this mapping"
                } else {
                    "the front matter"
                };
                let diagnostic =
                    Diagnostic::new(code, span, format!("missing required field `{name}`"))
                        .with_label(format!("{place} has no `{name}`"))
                        .with_help(format!("add `{name}` to {place}"));
                let fix = match (at.via, self.default_of(error, name)) {
                    (None, Some(default)) => propose::insert_field(&self.source, name, &default),
                    _ => None,
                };
                with_fix(self.text, diagnostic, fix)
            }
            ValidationErrorKind::Custom { keyword, message } if keyword == DATE_LAYOUT => {
                let layout = self.keyword_value(error).unwrap_or_default();
                let diagnostic =
                    Diagnostic::new(code, node.span, format!("{} {message}", show(node)))
                        .with_label(format!("not in the layout `{layout}`"));
                with_fix(
                    self.text,
                    diagnostic,
                    propose::date_layout(&self.source, node, &layout),
                )
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let known = self.known_properties(error);
                for key in unexpected {
                    out.push(self.unexpected_key(code, node, key, &known));
                }
                return;
            }
            ValidationErrorKind::PropertyNames { error: inner } => {
                let key = inner.instance().as_str().unwrap_or_default().to_string();
                let span = key_span(node, &key).unwrap_or(node.span);
                Diagnostic::new(
                    code,
                    span,
                    format!("the key `{key}` is not allowed: {inner}"),
                )
            }
            ValidationErrorKind::MinItems { limit } => simple(format!(
                "{what} needs at least {limit} item{}, found {}",
                plural(*limit),
                items(node)
            )),
            ValidationErrorKind::MaxItems { limit } => simple(format!(
                "{what} allows at most {limit} item{}, found {}",
                plural(*limit),
                items(node)
            )),
            ValidationErrorKind::MinLength { limit: 1 } => {
                simple(format!("{what} must not be empty"))
            }
            ValidationErrorKind::UniqueItems => unique_items(code, node, &within),
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                match self.matching_branch(error, context) {
                    Some(branch) => {
                        for inner in branch {
                            self.report(inner, out);
                        }
                        return;
                    }
                    None => simple(format!(
                        "expected {}, found {}",
                        branch_types(error, context)
                            .unwrap_or_else(|| "a value matching one of the alternatives".into()),
                        show(node)
                    )),
                }
            }
            _ => simple(format!("{what}: {error}")),
        };
        out.push(diagnostic);
    }

    /// A regex match `jsonschema` itself reports unfinished, at the value it names.
    fn engine_limit(&self, error: &ValidationError) -> Diagnostic {
        let at = self.locate(error);
        let what = at
            .field
            .map_or_else(|| "the value".to_string(), |f| format!("`{f}`"));
        regex_limit(at.node.span, &what)
    }

    /// The diagnostic for a regex match the engine gave up on: at the key tested, or at
    /// the value; at the opening delimiter when the instance tested was a copy (a key
    /// checked by `propertyNames`), which is not in the tree.
    fn unfinished_match(&self, instance: &serde_json::Value, limit: &RegexLimit) -> Diagnostic {
        let found = node_at(instance, self.root, limit.instance, None);
        match (found, &limit.key) {
            (Some((node, _)), Some(key)) => regex_limit(
                key_span(node, key).unwrap_or(node.span),
                &format!("the key `{}`", clip(key)),
            ),
            (Some((node, field)), None) => regex_limit(
                node.span,
                &field.map_or_else(|| "the value".to_string(), |f| format!("`{f}`")),
            ),
            (None, _) => regex_limit(self.open, "a value"),
        }
    }

    /// Of an anyOf/oneOf's branches, the only one whose type fits the value, if exactly one does.
    fn matching_branch<'e>(
        &self,
        error: &ValidationError,
        context: &'e [Vec<ValidationError<'static>>],
    ) -> Option<&'e [ValidationError<'static>]> {
        let path = error.instance_path();
        let mut fitting = context.iter().filter(|branch| {
            !branch.iter().any(|e| {
                e.instance_path() == path
                    && matches!(
                        e.kind(),
                        ValidationErrorKind::Type { .. }
                            | ValidationErrorKind::Enum { .. }
                            | ValidationErrorKind::Constant { .. }
                    )
            })
        });
        let branch = fitting.next()?;
        fitting.next().is_none().then_some(branch.as_slice())
    }

    fn unexpected_key(
        &self,
        code: &'static Code,
        node: &Node,
        key: &str,
        known: &[String],
    ) -> Diagnostic {
        let span = key_span(node, key).unwrap_or(node.span);
        let mut diagnostic = Diagnostic::new(code, span, format!("unexpected key `{key}`"))
            .with_label("not allowed by the schema");
        if let Some(near) = suggest::closest(key, known.iter().map(String::as_str)) {
            diagnostic
                .message
                .push_str(&format!("; did you mean `{near}`?"));
        }
        diagnostic
    }

    /// The `default` the schema declares for property `name` of the object whose
    /// `required` failed (following local `$ref`s).
    fn default_of(&self, error: &ValidationError, name: &str) -> Option<serde_json::Value> {
        let pointer = error.schema_path().as_str();
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        let escaped = name.replace('~', "~0").replace('/', "~1");
        let mut property = self
            .schema
            .document
            .pointer(&format!("{parent}/properties/{escaped}"))?;
        for _ in 0..16 {
            if let Some(default) = property.get("default") {
                return Some(default.clone());
            }
            let target = property.get("$ref")?.as_str()?.strip_prefix('#')?;
            property = self.schema.document.pointer(target)?;
        }
        None
    }

    /// The value of the failing keyword in the schema (e.g. the canonical layout).
    fn keyword_value(&self, error: &ValidationError) -> Option<String> {
        let value = self.schema.document.pointer(error.schema_path().as_str())?;
        value.as_str().map(str::to_string)
    }

    /// The property names the schema object holding the failing keyword declares.
    fn known_properties(&self, error: &ValidationError) -> Vec<String> {
        let pointer = error.schema_path().as_str();
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        self.schema
            .document
            .pointer(&format!("{parent}/properties"))
            .and_then(|p| p.as_object())
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The node of `root` whose JSON form is the value at `address` within `json` (the JSON
/// form of `root`), with the last property name on the way to it.
fn node_at<'a>(
    json: &serde_json::Value,
    root: &'a Node,
    address: usize,
    field: Option<&'a str>,
) -> Option<(&'a Node, Option<&'a str>)> {
    if std::ptr::from_ref(json) as usize == address {
        return Some((root, field));
    }
    match (json, &root.value) {
        (serde_json::Value::Object(object), Value::Map(entries)) => {
            object.iter().find_map(|(key, value)| {
                let entry = entries.iter().rev().find(|e| e.key == *key)?;
                node_at(value, &entry.value, address, Some(entry.key.as_str()))
            })
        }
        (serde_json::Value::Array(values), Value::Seq(items)) => values
            .iter()
            .zip(items)
            .find_map(|(value, item)| node_at(value, item, address, field)),
        _ => None,
    }
}

/// `what` (a field, a key) could not be checked: the regex engine gave up.
fn regex_limit(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::SCHEMA_REGEX_LIMIT,
        span,
        format!(
            "{what} cannot be checked: the regex engine hit its backtracking limit on a pattern of the schema"
        ),
    )
    .with_label("regex backtracking limit")
    .with_help("simplify the schema's pattern (nested or overlapping repetition such as `(a|a)+` backtracks exponentially), or shorten the value")
}

/// `diagnostic` with `fix`, unless the fix would leave `text` as it is (a tagged
/// `!!str true` is a string written without quotes: there are none to remove).
fn with_fix(text: &str, diagnostic: Diagnostic, fix: Option<crate::diagnostic::Fix>) -> Diagnostic {
    let changes = |fix: &crate::diagnostic::Fix| {
        fix.edits
            .iter()
            .any(|e| text.get(e.span.start..e.span.end) != Some(e.replacement.as_str()))
    };
    match fix.filter(changes) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    }
}

fn type_error(code: &'static Code, node: &Node, expected: &[&str], written: &str) -> Diagnostic {
    let expected_text = join_or(expected);
    let diagnostic = Diagnostic::new(
        code,
        node.span,
        format!(
            "expected {expected_text}, found {} {}",
            node.value.type_name(),
            written_form(node, written)
        ),
    )
    .with_label(format!("expected {expected_text}"));
    let help = match &node.value {
        Value::String(s) if expected.contains(&"boolean") && is_boolean_word(s) => Some(format!(
            "a quoted \"{s}\" is a non-empty string, which Hugo templates treat as true; write {} without quotes",
            s.trim().to_lowercase()
        )),
        Value::String(s) if (expected.contains(&"integer") || expected.contains(&"number")) && s.trim().parse::<f64>().is_ok() => {
            Some("write the number without quotes".into())
        }
        Value::Float(f) if !f.is_finite() => Some(
            "YAML reads this as a number that is not finite, which no JSON Schema type accepts; quote it for a string".into(),
        ),
        Value::String(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) if expected == ["array"] => {
            Some("write it as a list: `[value]`, or `- value` on its own line".into())
        }
        _ => None,
    };
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

fn enum_error(
    code: &'static Code,
    node: &Node,
    allowed: &[&serde_json::Value],
    field: Option<&str>,
) -> Diagnostic {
    let for_field = field.map_or_else(String::new, |f| format!(" for `{f}`"));
    let mut message = format!("{} is not one of the allowed values{for_field}", show(node));
    if let Value::String(found) = &node.value {
        let words = allowed.iter().filter_map(|v| v.as_str());
        if let Some(near) = suggest::closest(found, words) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
    }
    let list: Vec<String> = allowed.iter().take(12).map(|v| show_json(v)).collect();
    let more = if allowed.len() > 12 { ", ..." } else { "" };
    Diagnostic::new(code, node.span, message)
        .with_label("not allowed")
        .with_help(format!("allowed: {}{more}", list.join(", ")))
}

fn format_error(code: &'static Code, node: &Node, format: &str) -> Diagnostic {
    let noun = match format {
        "hugo-date" => "date Hugo can read",
        "bcp47" => "BCP 47 language tag",
        "uri" => "URI",
        "uri-reference" => "URI or relative reference",
        "date-time" => "RFC 3339 date-time",
        "date" => "RFC 3339 date",
        "email" => "email address",
        other => other,
    };
    let diagnostic = Diagnostic::new(
        code,
        node.span,
        format!("{} is not a valid {noun}", show(node)),
    )
    .with_label(format!("not a valid {noun}"));
    let help = match format {
        "hugo-date" => "Hugo reads dates such as `2006-01-02`, `2006-01-02 15:04:05` or `2006-01-02T15:04:05+08:00`; check that the month and day exist",
        "bcp47" => "use a BCP 47 language tag such as `zh-CN` or `en-US` (a hyphen, not an underscore)",
        "uri" | "uri-reference" | "iri" | "iri-reference" => "write a URL such as `https://example.com/a.png` or a path such as `/images/a.png`; spaces must be written as %20",
        _ => return diagnostic,
    };
    diagnostic.with_help(help)
}

fn unique_items(code: &'static Code, node: &Node, field: &str) -> Diagnostic {
    if let Value::Seq(items) = &node.value {
        for (i, item) in items.iter().enumerate() {
            if items[..i]
                .iter()
                .any(|earlier| earlier.to_json(None) == item.to_json(None))
            {
                return Diagnostic::new(
                    code,
                    item.span,
                    format!("{} appears more than once{field}", show(item)),
                )
                .with_label("repeated")
                .with_help("remove the repeated item");
            }
        }
    }
    Diagnostic::new(code, node.span, format!("the items{field} must be unique"))
}

/// The type names a failed anyOf/oneOf would have accepted, if the branches say.
fn branch_types(
    error: &ValidationError,
    context: &[Vec<ValidationError<'static>>],
) -> Option<String> {
    let path = error.instance_path();
    let mut names: Vec<&'static str> = Vec::new();
    for branch in context {
        let found = branch.iter().find_map(|e| match e.kind() {
            ValidationErrorKind::Type { kind } if e.instance_path() == path => {
                Some(expected_types(kind))
            }
            _ => None,
        })?;
        for name in found {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Some(join_or(&names))
}

fn expected_types(kind: &TypeKind) -> Vec<&'static str> {
    let name = |t: jsonschema::JsonType| match t {
        jsonschema::JsonType::Array => "array",
        jsonschema::JsonType::Boolean => "boolean",
        jsonschema::JsonType::Integer => "integer",
        jsonschema::JsonType::Null => "null",
        jsonschema::JsonType::Number => "number",
        jsonschema::JsonType::Object => "object",
        jsonschema::JsonType::String => "string",
    };
    match kind {
        TypeKind::Single(t) => vec![name(*t)],
        TypeKind::Multiple(set) => set.iter().map(name).collect(),
    }
}

fn key_span(node: &Node, key: &str) -> Option<Span> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| e.key_span),
        _ => None,
    }
}

fn is_boolean_word(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "true" | "false")
}

fn join_or(names: &[&str]) -> String {
    match names {
        [] => "nothing".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn items(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) => format!("{}", items.len()),
        _ => "none".into(),
    }
}

/// A value as the user wrote it, for messages: scalars in backticks, collections by kind.
fn show(node: &Node) -> String {
    match &node.value {
        Value::String(s) => format!("`{}`", clip(s)),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        Value::Float(f) if f.is_nan() => "`.nan`".into(),
        Value::Float(f) if f.is_infinite() => {
            format!("`{}.inf`", if *f < 0.0 { "-" } else { "" })
        }
        other => show_json(&Node::new(node.span, other.clone()).to_json(None)),
    }
}

/// Scalars as written in the file (quotes and all), so `"false"` shows its quotes.
fn written_form(node: &Node, written: &str) -> String {
    match node.value {
        Value::Seq(_) | Value::Map(_) => show(node),
        _ if written.is_empty() => show(node),
        _ => format!("`{}`", clip(written)),
    }
}

fn show_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => format!("`{}`", clip(s)),
        other => format!("`{}`", clip(&other.to_string())),
    }
}

/// At most 60 characters of `s`, on one line.
fn clip(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_map_to_their_codes() {
        assert_eq!(code_for_keyword("enum").name, "schema/enum");
        assert_eq!(
            code_for_keyword("additionalProperties").name,
            "schema/additionalProperties"
        );
        assert_eq!(code_for_keyword("x-unknown").name, "schema/custom");
        assert_eq!(code_for_keyword(DATE_LAYOUT).name, "schema/date-layout");
    }
}
