//! The spanned value tree: the front matter as data, every key, value and sequence item
//! carrying its byte range in the ORIGINAL file (BOM included), never in the block.
//!
//! Parsers (YAML, TOML, JSON) build it; validation converts it to JSON for the schema and
//! walks it back from an instance path to a span; fixes edit the bytes its spans name.

use std::fmt;

/// A half-open byte range `start..end` in the original file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same range moved `by` bytes later (block-relative to file-relative).
    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }
}

/// One value of the front matter with the byte range of its source text.
///
/// For a scalar the span covers the scalar as written, quotes included and trailing
/// comments excluded; for a collection it covers the whole collection (trailing newline
/// trimmed); for a sequence item it is the item's own node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// A front-matter value, typed the way a static-site generator reads it.
///
/// Dates (YAML timestamps, TOML datetimes) are kept as strings holding their source
/// text: Hugo hands them to its date parser, and so does our `hugo-date` format.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One key of a mapping: the key's text and span, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Value {
    /// The JSON Schema type name of this value, for messages ("expected boolean, found string").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }
}

impl Node {
    pub fn new(span: Span, value: Value) -> Self {
        Node { span, value }
    }

    /// The entry for `key` if this node is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The JSON form of the value, what a JSON Schema sees; `skip` names a key of this
    /// mapping to leave out (the front matter's own `$schema`). Non-finite floats
    /// (`.inf`, `.nan`), which JSON cannot hold, become `null`, so that no string, number
    /// or integer type accepts them.
    pub fn to_json(&self, skip: Option<&str>) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(|i| i.to_json(None)).collect()),
            Value::Map(entries) => {
                let mut object = serde_json::Map::with_capacity(entries.len());
                for entry in entries.iter().filter(|e| Some(e.key.as_str()) != skip) {
                    object.insert(entry.key.clone(), entry.value.to_json(None));
                }
                J::Object(object)
            }
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
