//! The writing style of one front matter, so that a fix reads as if its author wrote it:
//! the line ending, the quote style strings use, and how lists are written. Also the
//! rendering of values in that style, for YAML, TOML and JSON alike.

use crate::parse::{self, Limits};
use crate::split::Format;
use crate::tree::{Node, Value};

/// How strings are quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    Double,
    Single,
    Plain,
}

/// How a YAML list is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqStyle {
    /// `key:\n<indent>- item`, the `-` this many columns right of the key.
    Block { indent: usize },
    /// `key: [item]`.
    Flow,
}

/// The style of one front matter.
#[derive(Clone, Debug)]
pub struct Style {
    pub format: Format,
    pub newline: &'static str,
    pub quote: Quote,
    pub seq: SeqStyle,
}

impl Style {
    /// Learn the style of the front matter `root` in `text`.
    pub fn detect(format: Format, text: &str, root: &Node) -> Style {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut counts = [0usize; 3];
        let mut seq = None;
        let mut stack = vec![(root, None::<usize>)];
        while let Some((node, key_start)) = stack.pop() {
            match &node.value {
                Value::String(_) => match text.as_bytes().get(node.span.start) {
                    Some(b'"') => counts[0] += 1,
                    Some(b'\'') => counts[1] += 1,
                    _ => counts[2] += 1,
                },
                Value::Seq(items) => {
                    if seq.is_none() {
                        seq = Some(match (text.as_bytes().get(node.span.start), key_start) {
                            (Some(b'['), _) => SeqStyle::Flow,
                            (_, Some(key)) => SeqStyle::Block {
                                indent: column(text, node.span.start)
                                    .saturating_sub(column(text, key)),
                            },
                            _ => SeqStyle::Block { indent: 2 },
                        });
                    }
                    stack.extend(items.iter().map(|i| (i, None)));
                }
                Value::Map(entries) => {
                    stack.extend(entries.iter().map(|e| (&e.value, Some(e.key_span.start))));
                }
                _ => {}
            }
        }
        let quote = match format {
            Format::Json => Quote::Double,
            _ if counts[1] > counts[0] && counts[1] >= counts[2] => Quote::Single,
            Format::Yaml if counts[2] > counts[0] && counts[2] > counts[1] => Quote::Plain,
            _ => Quote::Double,
        };
        let seq = match seq {
            Some(SeqStyle::Block { indent }) if indent > 0 => SeqStyle::Block { indent },
            Some(SeqStyle::Block { .. }) => SeqStyle::Block { indent: 2 },
            Some(flow) => flow,
            None if format == Format::Yaml => SeqStyle::Block { indent: 2 },
            None => SeqStyle::Flow,
        };
        Style {
            format,
            newline,
            quote,
            seq,
        }
    }

    /// `s` as a string literal, quoted like `like` (the source text of the value being
    /// replaced) when that is a string, else in the file's usual quote style.
    pub fn string(&self, s: &str, like: Option<&str>) -> String {
        let quote = match like.and_then(|l| l.bytes().next()) {
            Some(b'"') => Quote::Double,
            Some(b'\'') => Quote::Single,
            Some(_) if like.is_some_and(|l| !l.is_empty()) && self.format == Format::Yaml => {
                Quote::Plain
            }
            _ => self.quote,
        };
        match (self.format, quote) {
            (Format::Json, _) => serde_json::Value::from(s).to_string(),
            (Format::Yaml, Quote::Plain) if is_plain_yaml_string(s) => s.to_string(),
            (Format::Yaml, Quote::Single) => format!("'{}'", s.replace('\'', "''")),
            (Format::Toml, Quote::Single) if !s.contains(['\'', '\n', '\r']) => format!("'{s}'"),
            _ => double_quoted(s),
        }
    }

    /// A JSON value written in this front matter's syntax (flow style for collections);
    /// `None` when the format cannot hold it (`null` in TOML).
    pub fn value(&self, value: &serde_json::Value) -> Option<String> {
        use serde_json::Value as J;
        Some(match value {
            J::Null if self.format == Format::Toml => return None,
            J::String(s) => self.string(s, None),
            J::Array(items) => {
                let items: Option<Vec<String>> = items.iter().map(|i| self.value(i)).collect();
                format!("[{}]", items?.join(", "))
            }
            J::Object(map) => {
                let sep = if self.format == Format::Toml {
                    " = "
                } else {
                    ": "
                };
                let entries: Option<Vec<String>> = map
                    .iter()
                    .map(|(k, v)| Some(format!("{}{sep}{}", self.key(k), self.value(v)?)))
                    .collect();
                match self.format {
                    Format::Toml => format!("{{ {} }}", entries?.join(", ")),
                    _ => format!("{{{}}}", entries?.join(", ")),
                }
            }
            other => other.to_string(),
        })
    }

    /// A mapping key as written in this syntax.
    pub fn key(&self, key: &str) -> String {
        let bare = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        match self.format {
            Format::Json => serde_json::Value::from(key).to_string(),
            Format::Toml if bare => key.to_string(),
            Format::Yaml if bare && is_plain_yaml_string(key) => key.to_string(),
            _ => double_quoted(key),
        }
    }
}

/// A double-quoted string valid in YAML, TOML and JSON alike.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` written bare in YAML reads back as the same string.
fn is_plain_yaml_string(s: &str) -> bool {
    if s.is_empty() || s.trim() != s || s.contains(['\n', '\r', '#', ':', '"', '\'']) {
        return false;
    }
    let doc = format!("k: {s}\n");
    match parse::yaml::parse(&doc, 0..doc.len(), &Limits::default()) {
        Ok(root) => root
            .entry("k")
            .is_some_and(|e| e.value.value == Value::String(s.to_string())),
        Err(_) => false,
    }
}

/// The 0-based byte column of `offset` within its line.
fn column(text: &str, offset: usize) -> usize {
    let start = text[..offset.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    offset - start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(format: Format, text: &str) -> Style {
        let root = match format {
            Format::Yaml => parse::yaml::parse(text, 0..text.len(), &Limits::default()),
            Format::Toml => parse::toml::parse(text, 0..text.len(), &Limits::default()),
            Format::Json => parse::json::parse(text, 0, &Limits::default()).map(|(n, _)| n),
        }
        .unwrap();
        Style::detect(format, text, &root)
    }

    #[test]
    fn detects_quotes_lists_and_line_endings() {
        let s = style(Format::Yaml, "a: 'x'\nb: 'y'\nc:\n    - z\n");
        assert_eq!(
            (s.quote, s.seq, s.newline),
            (Quote::Single, SeqStyle::Block { indent: 4 }, "\n")
        );
        let s = style(Format::Yaml, "a: x\r\nb: [y, z]\r\n");
        assert_eq!(
            (s.quote, s.seq, s.newline),
            (Quote::Plain, SeqStyle::Flow, "\r\n")
        );
        let s = style(Format::Yaml, "a: \"x\"\nb:\n- y\n");
        assert_eq!(
            (s.quote, s.seq),
            (Quote::Double, SeqStyle::Block { indent: 2 })
        );
        assert_eq!(style(Format::Toml, "a = 'x'\n").quote, Quote::Single);
    }

    #[test]
    fn renders_strings_that_read_back_the_same() {
        let s = style(Format::Yaml, "a: x\n");
        assert_eq!(s.string("recent", Some("recnt")), "recent");
        assert_eq!(s.string("true", Some("x")), "\"true\"");
        assert_eq!(s.string("a: b", Some("x")), "\"a: b\"");
        assert_eq!(s.string("it's", Some("'x'")), "'it''s'");
        assert_eq!(s.string("say \"hi\"", Some("\"x\"")), "\"say \\\"hi\\\"\"");
        let t = style(Format::Toml, "a = \"x\"\n");
        assert_eq!(
            t.value(&serde_json::json!({"src": "a", "n": [1, true]}))
                .unwrap(),
            "{ src = \"a\", n = [1, true] }"
        );
        assert_eq!(t.value(&serde_json::Value::Null), None);
        let j = style(Format::Json, "{\"a\": 1}");
        assert_eq!(j.value(&serde_json::json!(["x"])).unwrap(), "[\"x\"]");
    }
}
