//! URLs in the front matter: the string fields the schema marks as URLs (`format: uri`,
//! `uri-reference`, `iri`, `iri-reference`), and the fields named in `links.fields`.
//!
//! The schema is read once, when it is compiled ([`UrlFields::new`]): every subschema
//! becomes a node that knows its URI format, its `properties`, `patternProperties`,
//! `additionalProperties`, `items`, `prefixItems`, and the subschemas that apply to the
//! same value (`$ref`, `allOf`/`anyOf`/`oneOf`, `then`/`else`), and whether any URL field
//! can be reached from it at all. Per file, the tree is walked alongside those nodes, and
//! only down the branches that can lead to a URL field: for a schema with one URL field,
//! that is a key lookup per top-level entry.
//!
//! `links.fields` entries are dotted paths: `thumbnail.src`, `params.cover`; `*` matches
//! any key or item, and a list met on the way applies the rest of the path to every item.
//! A field whose path names an image (thumbnail, image, cover, ...) or whose schema has
//! `contentMediaType: image/*` must answer with an image.

use super::{Link, LinkKind};
use crate::tree::{Node, Span, Value};
use regex_lite::Regex;
use serde_json::Value as Json;
use std::collections::HashMap;

/// Schema formats whose values are URLs or paths.
const URI_FORMATS: &[&str] = &["uri", "uri-reference", "iri", "iri-reference", "url"];

/// Words in a field path that mean the field holds an image.
const IMAGE_WORDS: &[&str] = &[
    "thumbnail",
    "image",
    "img",
    "cover",
    "banner",
    "featured",
    "logo",
    "icon",
    "avatar",
    "photo",
    "picture",
    "poster",
];

/// How deep the walk follows subschemas of one value before giving up (`$ref` cycles).
const MAX_SCHEMA_DEPTH: usize = 64;

/// The URL fields a schema declares, compiled once per schema (see the module doc).
#[derive(Debug, Default)]
pub struct UrlFields {
    /// Node 0 is the schema's root; empty when the schema declares no URL field.
    nodes: Vec<Subschema>,
}

/// One subschema of the document, its children named by index into [`UrlFields::nodes`].
#[derive(Debug, Default)]
struct Subschema {
    uri: bool,
    image: bool,
    /// Subschemas that apply to the same value.
    same: Vec<usize>,
    properties: Vec<(String, usize)>,
    patterns: Vec<(Regex, usize)>,
    additional: Option<usize>,
    prefix: Vec<usize>,
    rest: Option<usize>,
    /// Whether a URL field is reachable from here.
    live: bool,
}

impl UrlFields {
    /// Read the URL fields of `document`, a JSON Schema whose `$ref`s are resolved
    /// inside the document (`#/...`); anything else is not followed.
    pub fn new(document: &Json) -> Self {
        let mut build = Build {
            document,
            ids: HashMap::new(),
            queue: Vec::new(),
            nodes: Vec::new(),
        };
        build.intern(document);
        while let Some((id, schema)) = build.queue.pop() {
            let node = build.subschema(schema);
            build.nodes[id] = node;
        }
        let mut nodes = build.nodes;
        mark_live(&mut nodes);
        if !nodes.first().is_some_and(|root| root.live) {
            nodes.clear();
        }
        UrlFields { nodes }
    }

    fn walk<'n>(
        &self,
        id: usize,
        node: &'n Node,
        path: &mut Vec<Step<'n>>,
        depth: usize,
        image: bool,
        found: &mut Vec<Found<'n>>,
    ) {
        let Some(schema) = self.nodes.get(id) else {
            return;
        };
        if !schema.live || depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let image = image || schema.image;
        for &same in &schema.same {
            self.walk(same, node, path, depth + 1, image, found);
        }
        match &node.value {
            Value::String(_) if schema.uri => push(found, node, path, image),
            Value::Map(entries) => {
                for entry in entries {
                    let key = entry.key.as_str();
                    path.push(Step::Key(key));
                    let mut matched = false;
                    if let Some((_, sub)) = schema.properties.iter().find(|(k, _)| k == key) {
                        matched = true;
                        self.walk(*sub, &entry.value, path, depth + 1, image, found);
                    }
                    for (pattern, sub) in &schema.patterns {
                        if pattern.is_match(key) {
                            matched = true;
                            self.walk(*sub, &entry.value, path, depth + 1, image, found);
                        }
                    }
                    if let (false, Some(sub)) = (matched, schema.additional) {
                        self.walk(sub, &entry.value, path, depth + 1, image, found);
                    }
                    path.pop();
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(&sub) = schema.prefix.get(i).or(schema.rest.as_ref()) {
                        path.push(Step::Index(i));
                        self.walk(sub, item, path, depth + 1, image, found);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
}

/// Compiles a schema document into [`Subschema`] nodes, without recursion (a schema can
/// be deep), each JSON object once however often it is referenced.
struct Build<'s> {
    document: &'s Json,
    ids: HashMap<*const Json, usize>,
    queue: Vec<(usize, &'s Json)>,
    nodes: Vec<Subschema>,
}

impl<'s> Build<'s> {
    fn intern(&mut self, schema: &'s Json) -> usize {
        let next = self.nodes.len();
        let id = *self.ids.entry(schema as *const Json).or_insert(next);
        if id == next {
            self.nodes.push(Subschema::default());
            self.queue.push((id, schema));
        }
        id
    }

    fn subschema(&mut self, schema: &'s Json) -> Subschema {
        let mut node = Subschema::default();
        let Some(object) = schema.as_object() else {
            return node;
        };
        node.uri = object
            .get("format")
            .and_then(Json::as_str)
            .is_some_and(|f| URI_FORMATS.contains(&f));
        node.image = object
            .get("contentMediaType")
            .and_then(Json::as_str)
            .is_some_and(|t| t.starts_with("image/"));
        if let Some(target) = object
            .get("$ref")
            .and_then(Json::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| self.document.pointer(pointer))
        {
            node.same.push(self.intern(target));
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for sub in object
                .get(key)
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                node.same.push(self.intern(sub));
            }
        }
        for key in ["then", "else"] {
            if let Some(sub) = object.get(key) {
                node.same.push(self.intern(sub));
            }
        }
        for (key, sub) in object
            .get("properties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            node.properties.push((key.clone(), self.intern(sub)));
        }
        for (pattern, sub) in object
            .get("patternProperties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            // A pattern regex-lite cannot read never matches, as before compilation.
            if let Ok(regex) = Regex::new(pattern) {
                node.patterns.push((regex, self.intern(sub)));
            }
        }
        if let Some(sub) = object.get("additionalProperties") {
            node.additional = Some(self.intern(sub));
        }
        let prefix = object
            .get("prefixItems")
            .or_else(|| object.get("items").filter(|i| i.is_array()))
            .and_then(Json::as_array);
        for sub in prefix.into_iter().flatten() {
            node.prefix.push(self.intern(sub));
        }
        let rest = match object.get("items") {
            Some(items) if !items.is_array() => Some(items),
            _ => object.get("additionalItems"),
        };
        if let Some(sub) = rest {
            node.rest = Some(self.intern(sub));
        }
        node
    }
}

/// Mark every node from which a URI-format node is reachable, to a fixed point (the
/// graph can have cycles through `$ref`).
fn mark_live(nodes: &mut [Subschema]) {
    let mut changed = true;
    while changed {
        changed = false;
        for id in 0..nodes.len() {
            if nodes[id].live {
                continue;
            }
            let node = &nodes[id];
            let children = node
                .same
                .iter()
                .chain(node.properties.iter().map(|(_, c)| c))
                .chain(node.patterns.iter().map(|(_, c)| c))
                .chain(node.additional.iter())
                .chain(node.prefix.iter())
                .chain(node.rest.iter());
            let live = node.uri || children.into_iter().any(|&c| nodes[c].live);
            if live {
                nodes[id].live = true;
                changed = true;
            }
        }
    }
}

/// One step of a field's path: a key, or an item's index.
#[derive(Clone, Copy)]
enum Step<'n> {
    Key(&'n str),
    Index(usize),
}

/// One string value found, with its dotted path and whether it must be an image.
struct Found<'n> {
    node: &'n Node,
    path: String,
    image: bool,
}

/// Record the string `node` at `path`, once.
fn push<'n>(found: &mut Vec<Found<'n>>, node: &'n Node, path: &[Step<'_>], image: bool) {
    if found.iter().any(|f| std::ptr::eq(f.node, node)) {
        return;
    }
    let mut dotted = String::new();
    let mut names_image = false;
    for (i, step) in path.iter().enumerate() {
        if i > 0 {
            dotted.push('.');
        }
        match step {
            Step::Key(key) => {
                names_image |= is_image_word(key);
                dotted.push_str(key);
            }
            Step::Index(index) => dotted.push_str(&index.to_string()),
        }
    }
    found.push(Found {
        node,
        path: dotted,
        image: image || names_image,
    });
}

/// The URL fields of the front matter `root` (spans in `text`), under the schema's
/// `url_fields` and the extra `fields` paths, one link per string value.
pub fn collect(
    text: &str,
    root: &Node,
    url_fields: Option<&UrlFields>,
    fields: &[String],
) -> Vec<Link> {
    let mut found: Vec<Found> = Vec::new();
    if let Some(url_fields) = url_fields {
        url_fields.walk(0, root, &mut Vec::new(), 0, false, &mut found);
    }
    for field in fields {
        let segments: Vec<&str> = field.split('.').filter(|s| !s.is_empty()).collect();
        by_path(root, &segments, &mut Vec::new(), &mut found);
    }
    found
        .into_iter()
        .map(|f| link(text, f.node, f.path, f.image))
        .collect()
}

/// The string values at the dotted `path` below `node`.
fn by_path<'n>(node: &'n Node, path: &[&str], at: &mut Vec<Step<'n>>, found: &mut Vec<Found<'n>>) {
    match (&node.value, path.split_first()) {
        (Value::String(_), None) => push(found, node, at, false),
        (Value::Seq(items), rest) => {
            // A list applies the path to each item; an explicit index or `*` selects.
            let (selected, rest): (Vec<usize>, &[&str]) = match rest {
                Some((&"*", tail)) => ((0..items.len()).collect(), tail),
                Some((index, tail)) if index.parse::<usize>().is_ok() => {
                    (index.parse::<usize>().into_iter().collect(), tail)
                }
                _ => ((0..items.len()).collect(), path),
            };
            for i in selected {
                if let Some(item) = items.get(i) {
                    at.push(Step::Index(i));
                    by_path(item, rest, at, found);
                    at.pop();
                }
            }
        }
        (Value::Map(entries), Some((key, rest))) => {
            for entry in entries.iter().filter(|e| *key == "*" || e.key == *key) {
                at.push(Step::Key(&entry.key));
                by_path(&entry.value, rest, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

fn is_image_word(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    IMAGE_WORDS.iter().any(|w| lower.contains(w))
}

/// The link for the string `node`: its span is the text between the quotes when that is
/// the value verbatim, else the whole scalar (the value was written with escapes).
fn link(text: &str, node: &Node, field: String, image: bool) -> Link {
    let value = match &node.value {
        Value::String(s) => s.as_str(),
        _ => "",
    };
    let raw = text.get(node.span.start..node.span.end).unwrap_or("");
    let span = if raw == value {
        node.span
    } else if raw.len() >= 2
        && (raw.starts_with('"') && raw.ends_with('"')
            || raw.starts_with('\'') && raw.ends_with('\''))
        && &raw[1..raw.len() - 1] == value
    {
        Span::new(node.span.start + 1, node.span.end - 1)
    } else {
        node.span
    };
    Link {
        url: value.trim().to_string(),
        span,
        kind: LinkKind::FrontMatter { field, image },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{json, Limits};

    /// The (path, image) of every URL field of the JSON `data` under `schema`.
    fn fields_of(schema: Json, data: &str) -> Vec<(String, bool)> {
        let (root, _) = json::parse(data, 0, &Limits::default()).expect("test data parses");
        let url_fields = UrlFields::new(&schema);
        collect(data, &root, Some(&url_fields), &[])
            .into_iter()
            .map(|link| match link.kind {
                LinkKind::FrontMatter { field, image } => (field, image),
                other => panic!("not a field: {other:?}"),
            })
            .collect()
    }

    fn found(list: &[(&str, bool)]) -> Vec<(String, bool)> {
        list.iter().map(|(p, i)| (p.to_string(), *i)).collect()
    }

    #[test]
    fn follows_refs_combinators_patterns_and_items() {
        let schema = serde_json::json!({
            "$defs": {
                "link": { "type": "string", "format": "uri" },
                "pic": { "$ref": "#/$defs/link", "contentMediaType": "image/png" },
                "tree": {
                    "type": "object",
                    "properties": { "href": { "$ref": "#/$defs/link" }, "kids": {
                        "type": "array", "items": { "$ref": "#/$defs/tree" } } }
                }
            },
            "properties": {
                "home": { "allOf": [{ "$ref": "#/$defs/link" }] },
                "either": { "anyOf": [{ "type": "integer" }, { "$ref": "#/$defs/link" }] },
                "pair": { "prefixItems": [{ "type": "string" }, { "$ref": "#/$defs/pic" }] },
                "nav": { "$ref": "#/$defs/tree" },
                "title": { "type": "string" }
            },
            "patternProperties": { "^x-": { "format": "iri" } },
            "additionalProperties": { "if": true, "then": { "format": "uri-reference" } }
        });
        let data = r#"{"title": "t", "home": "h", "either": "e", "pair": ["a", "b"],
            "nav": {"href": "n", "kids": [{"href": "k", "kids": []}]},
            "x-site": "x", "other": "o", "num": 3}"#;
        assert_eq!(
            fields_of(schema, data),
            found(&[
                ("home", false),
                ("either", false),
                ("pair.1", true),
                ("nav.href", false),
                ("nav.kids.0.href", false),
                ("x-site", false),
                ("other", false),
            ])
        );
    }

    #[test]
    fn a_matched_property_is_not_additional() {
        let schema = serde_json::json!({
            "properties": { "name": { "type": "string" } },
            "additionalProperties": { "format": "uri" }
        });
        assert_eq!(
            fields_of(schema, r#"{"name": "n", "logo": "l"}"#),
            found(&[("logo", true)])
        );
    }

    #[test]
    fn a_schema_without_url_fields_compiles_to_nothing() {
        let schema = serde_json::json!({
            "$defs": { "loop": { "$ref": "#/$defs/loop" } },
            "properties": { "a": { "$ref": "#/$defs/loop" }, "b": { "type": "string" } }
        });
        assert!(UrlFields::new(&schema).nodes.is_empty());
        assert!(fields_of(schema, r#"{"a": "x", "b": "y"}"#).is_empty());
    }

    #[test]
    fn a_ref_cycle_that_leads_to_a_url_ends() {
        let schema = serde_json::json!({
            "$defs": { "a": { "anyOf": [{ "$ref": "#/$defs/a" }, { "format": "uri" }] } },
            "properties": { "u": { "$ref": "#/$defs/a" } }
        });
        assert_eq!(fields_of(schema, r#"{"u": "x"}"#), found(&[("u", false)]));
    }
}
