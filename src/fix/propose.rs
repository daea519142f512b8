//! Building fixes for schema diagnostics: the smallest edits that make a value what the
//! schema wants, written in the file's own style. Each function returns `None` when it
//! cannot be sure of an edit; a missing fix is better than a wrong one.

use super::style::{SeqStyle, Style};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::split::Format;
use crate::suggest;
use crate::tree::{Node, Span, Value};

/// What fixes need to know of the file: its text, its front matter and their style.
pub struct Source<'a> {
    pub text: &'a str,
    pub root: &'a Node,
    pub style: Style,
    /// The front-matter block; no edit may leave it.
    pub block: std::ops::Range<usize>,
}

impl Source<'_> {
    fn written(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }
}

/// `"false"`, `'yes'`, `"On"` where a boolean is wanted: the real boolean.
pub fn to_boolean(node: &Node) -> Option<Fix> {
    let Value::String(s) = &node.value else {
        return None;
    };
    let value = match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" => "true",
        "false" | "no" | "off" => "false",
        _ => return None,
    };
    Some(Fix::replace(
        Applicability::Safe,
        format!("write `{value}` without quotes"),
        node.span,
        value,
    ))
}

/// `"3"` or `" 2.5 "` where a number is wanted: the number itself.
pub fn to_number(node: &Node, integer: bool) -> Option<Fix> {
    let Value::String(s) = &node.value else {
        return None;
    };
    let text = s.trim();
    let number: serde_json::Number = serde_json::from_str(text).ok()?;
    if integer && !(number.is_i64() || number.is_u64()) {
        return None;
    }
    let written = number.to_string();
    Some(Fix::replace(
        Applicability::Safe,
        format!("write `{written}` without quotes"),
        node.span,
        written,
    ))
}

/// A scalar where a list is wanted: the scalar as the list's one item, as a block list
/// when the file writes lists that way, else as a flow list.
pub fn wrap_in_list(source: &Source, node: &Node, key: Option<Span>) -> Option<Fix> {
    if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
        return None;
    }
    let written = source.written(node.span);
    if written.contains(['\n', '\r']) {
        return None;
    }
    let description = "make it a list of one item";
    if let (Format::Yaml, SeqStyle::Block { indent }, Some(key)) =
        (source.style.format, source.style.seq, key)
    {
        let text = source.text;
        let line_start = text[..key.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let before_key = &text[line_start..key.start];
        let between = text.get(key.end..node.span.start).unwrap_or_default();
        if before_key.trim().is_empty() && between.trim() == ":" {
            let pad = " ".repeat(before_key.len() + indent);
            let replacement = format!(":{}{pad}- {written}", source.style.newline);
            return Some(Fix::replace(
                Applicability::Safe,
                description,
                Span::new(key.end, node.span.end),
                replacement,
            ));
        }
    }
    Some(Fix::replace(
        Applicability::Safe,
        description,
        node.span,
        format!("[{written}]"),
    ))
}

/// A value not in an enum: the allowed value it differs from only in case or
/// surrounding spaces (safe), or the one allowed value closest in spelling (unsafe).
pub fn enum_value(source: &Source, node: &Node, allowed: &[&serde_json::Value]) -> Option<Fix> {
    let Value::String(found) = &node.value else {
        return None;
    };
    let wanted = found.trim().to_lowercase();
    let written = source.written(node.span);
    let same: Vec<&serde_json::Value> = allowed
        .iter()
        .copied()
        .filter(|v| match v {
            serde_json::Value::String(a) => a.to_lowercase() == wanted,
            other => other.to_string() == wanted,
        })
        .collect();
    if let [value] = same.as_slice() {
        let replacement = match value {
            serde_json::Value::String(a) => source.style.string(a, Some(written)),
            other => source.style.value(other)?,
        };
        return Some(Fix::replace(
            Applicability::Safe,
            format!("write `{}`", replacement.trim_matches(['"', '\''])),
            node.span,
            replacement,
        ));
    }
    let words = allowed.iter().filter_map(|v| v.as_str());
    let near = suggest::unique_closest(found, words)?;
    Some(Fix::replace(
        Applicability::Unsafe,
        format!("replace with `{near}`"),
        node.span,
        source.style.string(near, Some(written)),
    ))
}

/// A required top-level field with a schema default: insert it after the last key, in
/// the block's indentation and quoting style.
pub fn insert_field(source: &Source, name: &str, default: &serde_json::Value) -> Option<Fix> {
    let Value::Map(entries) = &source.root.value else {
        return None;
    };
    let style = &source.style;
    let value = style.value(default)?;
    let key = style.key(name);
    let text = source.text;
    let nl = style.newline;
    let (at, insertion) = match style.format {
        Format::Json => match entries.last() {
            Some(last) => {
                let line_start = text[..last.key_span.start].rfind('\n').map_or(0, |i| i + 1);
                let indent = &text[line_start..last.key_span.start];
                let separator = if indent.trim().is_empty() {
                    format!(",{nl}{indent}")
                } else {
                    ", ".to_string()
                };
                (last.value.span.end, format!("{separator}{key}: {value}"))
            }
            None => (source.root.span.start + 1, format!("{key}: {value}")),
        },
        Format::Toml => {
            let is_header = |start: usize| {
                text.as_bytes().get(start) == Some(&b'[') && starts_line(text, start)
            };
            let header = entries
                .iter()
                .map(|e| e.value.span.start)
                .filter(|&start| is_header(start))
                .min();
            let last_plain = entries
                .iter()
                .filter(|e| {
                    !is_header(e.value.span.start) && header.is_none_or(|h| e.key_span.start < h)
                })
                .max_by_key(|e| e.key_span.start);
            let at = match (last_plain, header) {
                (None, Some(h)) => line_start(text, h),
                (last, _) => after_entry(source, last),
            };
            (at, format!("{key} = {value}{nl}"))
        }
        Format::Yaml => {
            let indent = entries
                .first()
                .map_or(0, |e| e.key_span.start - line_start(text, e.key_span.start));
            let line = format!("{}{key}: {value}{nl}", " ".repeat(indent));
            // The line after the last entry, unless that changes a value: the blank lines
            // that end a keep-chomped block scalar (`|+`) are its own, so the new line
            // then goes after them, at the end of the block.
            let at = [after_entry(source, entries.last()), source.block.end]
                .into_iter()
                .find(|&at| keeps_values(source, at, &line))?;
            (at, line)
        }
    };
    if !source.block.contains(&at) && at != source.block.end {
        return None;
    }
    Some(Fix {
        applicability: Applicability::Safe,
        description: format!("add `{name}: {value}` (the schema's default)"),
        edits: vec![Edit {
            span: Span::new(at, at),
            replacement: insertion,
        }],
    })
}

/// A date in another layout than the schema's canonical one, rewritten when nothing is lost.
pub fn date_layout(source: &Source, node: &Node, layout: &str) -> Option<Fix> {
    let Value::String(s) = &node.value else {
        return None;
    };
    let date = crate::schema::formats::parse_hugo_date(s)?;
    let rewritten = date.format_lossless(layout)?;
    if &rewritten == s {
        return None;
    }
    Some(Fix::replace(
        Applicability::Safe,
        format!("write the date as `{rewritten}`"),
        node.span,
        source
            .style
            .string(&rewritten, Some(source.written(node.span))),
    ))
}

/// Where a new top-level line goes: after the line holding the end of `last`.
fn after_entry(source: &Source, last: Option<&crate::tree::Entry>) -> usize {
    let Some(last) = last else {
        return source.block.start;
    };
    let text = source.text;
    let end = last.value.span.end.max(last.key_span.end);
    match text[end..source.block.end].find('\n') {
        Some(i) => end + i + 1,
        None => source.block.end,
    }
}

/// Whether inserting `line` at `at` leaves every value of the YAML front matter as it is.
fn keeps_values(source: &Source, at: usize, line: &str) -> bool {
    let Some((before, after)) = source.text.split_at_checked(at) else {
        return false;
    };
    let text = format!("{before}{line}{after}");
    let block = source.block.start..source.block.end + line.len();
    let Ok(root) = crate::parse::yaml::parse(&text, block, &crate::parse::Limits::default()) else {
        return false;
    };
    let (Value::Map(old), Value::Map(new)) = (&source.root.value, &root.value) else {
        return false;
    };
    old.iter().all(|entry| {
        root.entry(&entry.key)
            .is_some_and(|e| e.value.to_json(None) == entry.value.to_json(None))
    }) && new.len() == old.len() + 1
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn starts_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset].trim().is_empty()
}
