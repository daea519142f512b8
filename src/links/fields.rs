//! URLs in the front matter: the string fields the schema marks as URLs (`format: uri`,
//! `uri-reference`, `iri`, `iri-reference`), found by walking the schema alongside the
//! tree (through `$ref`, `allOf`/`anyOf`/`oneOf`, `if`/`then`/`else`, `properties`,
//! `patternProperties`, `additionalProperties`, `items`, `prefixItems`), and the fields
//! named in `links.fields`.
//!
//! `links.fields` entries are dotted paths: `thumbnail.src`, `params.cover`; `*` matches
//! any key or item, and a list met on the way applies the rest of the path to every item.
//! A field whose path names an image (thumbnail, image, cover, ...) or whose schema has
//! `contentMediaType: image/*` must answer with an image.

use super::{Link, LinkKind};
use crate::tree::{Node, Span, Value};
use serde_json::Value as Json;

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

/// How deep the schema walk follows `$ref`s and combinators before giving up (cycles).
const MAX_SCHEMA_DEPTH: usize = 64;

/// The URL fields of the front matter `root` (spans in `text`), under `schema` and the
/// extra `fields` paths, one link per string value.
pub fn collect(text: &str, root: &Node, schema: Option<&Json>, fields: &[String]) -> Vec<Link> {
    let mut found: Vec<Found> = Vec::new();
    if let Some(schema) = schema {
        let mut walk = SchemaWalk {
            document: schema,
            found: &mut found,
        };
        walk.walk(schema, root, &mut Vec::new(), 0, false);
    }
    for field in fields {
        let segments: Vec<&str> = field.split('.').filter(|s| !s.is_empty()).collect();
        by_path(root, &segments, &mut Vec::new(), &mut found);
    }
    found
        .into_iter()
        .map(|f| {
            let image = f.image || f.path.iter().any(|s| names_image(s));
            link(text, f.node, f.path.join("."), image)
        })
        .collect()
}

/// One string value found, with its path.
struct Found<'n> {
    node: &'n Node,
    path: Vec<String>,
    image: bool,
}

struct SchemaWalk<'s, 'n, 'f> {
    document: &'s Json,
    found: &'f mut Vec<Found<'n>>,
}

impl<'s, 'n> SchemaWalk<'s, 'n, '_> {
    fn walk(
        &mut self,
        schema: &'s Json,
        node: &'n Node,
        path: &mut Vec<String>,
        depth: usize,
        image: bool,
    ) {
        let Some(object) = schema.as_object() else {
            return;
        };
        if depth > MAX_SCHEMA_DEPTH {
            return;
        }
        let image = image
            || object
                .get("contentMediaType")
                .and_then(Json::as_str)
                .is_some_and(|t| t.starts_with("image/"));
        if let Some(target) = object
            .get("$ref")
            .and_then(Json::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| self.document.pointer(pointer))
        {
            self.walk(target, node, path, depth + 1, image);
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for sub in object
                .get(key)
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                self.walk(sub, node, path, depth + 1, image);
            }
        }
        for key in ["then", "else"] {
            if let Some(sub) = object.get(key) {
                self.walk(sub, node, path, depth + 1, image);
            }
        }
        match &node.value {
            Value::String(_) => {
                let is_uri = object
                    .get("format")
                    .and_then(Json::as_str)
                    .is_some_and(|f| URI_FORMATS.contains(&f));
                let known = self.found.iter().any(|f| std::ptr::eq(f.node, node));
                if is_uri && !known {
                    self.found.push(Found {
                        node,
                        path: path.clone(),
                        image,
                    });
                }
            }
            Value::Map(entries) => {
                for entry in entries {
                    let mut matched = false;
                    if let Some(sub) = object
                        .get("properties")
                        .and_then(|p| p.get(entry.key.as_str()))
                    {
                        matched = true;
                        path.push(entry.key.clone());
                        self.walk(sub, &entry.value, path, depth + 1, image);
                        path.pop();
                    }
                    if let Some(patterns) =
                        object.get("patternProperties").and_then(Json::as_object)
                    {
                        for (pattern, sub) in patterns {
                            let hit = regex_lite::Regex::new(pattern)
                                .is_ok_and(|re| re.is_match(&entry.key));
                            if hit {
                                matched = true;
                                path.push(entry.key.clone());
                                self.walk(sub, &entry.value, path, depth + 1, image);
                                path.pop();
                            }
                        }
                    }
                    if !matched {
                        if let Some(sub) = object.get("additionalProperties") {
                            path.push(entry.key.clone());
                            self.walk(sub, &entry.value, path, depth + 1, image);
                            path.pop();
                        }
                    }
                }
            }
            Value::Seq(items) => {
                let prefix: &[Json] = object
                    .get("prefixItems")
                    .or_else(|| object.get("items").filter(|i| i.is_array()))
                    .and_then(Json::as_array)
                    .map_or(&[], Vec::as_slice);
                let rest = match object.get("items") {
                    Some(items) if !items.is_array() => Some(items),
                    _ => object.get("additionalItems"),
                };
                for (i, item) in items.iter().enumerate() {
                    let Some(sub) = prefix.get(i).or(rest) else {
                        continue;
                    };
                    path.push(i.to_string());
                    self.walk(sub, item, path, depth + 1, image);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// The string values at the dotted `path` below `node`.
fn by_path<'n>(node: &'n Node, path: &[&str], at: &mut Vec<String>, found: &mut Vec<Found<'n>>) {
    match (&node.value, path.split_first()) {
        (Value::String(_), None) if !found.iter().any(|f| std::ptr::eq(f.node, node)) => {
            found.push(Found {
                node,
                path: at.clone(),
                image: false,
            });
        }
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
                    at.push(i.to_string());
                    by_path(item, rest, at, found);
                    at.pop();
                }
            }
        }
        (Value::Map(entries), Some((key, rest))) => {
            for entry in entries.iter().filter(|e| *key == "*" || e.key == *key) {
                at.push(entry.key.clone());
                by_path(&entry.value, rest, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

fn names_image(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    IMAGE_WORDS.iter().any(|w| lower.contains(w))
}

/// The link for the string `node`: its span is the text between the quotes when that is
/// the value verbatim, else the whole scalar (and `quoted` is set: a rewrite must write a
/// quoted string, since the value was written with escapes).
fn link(text: &str, node: &Node, field: String, image: bool) -> Link {
    let value = match &node.value {
        Value::String(s) => s.as_str(),
        _ => "",
    };
    let raw = text.get(node.span.start..node.span.end).unwrap_or("");
    let (span, quoted) = if raw == value {
        (node.span, false)
    } else if raw.len() >= 2
        && (raw.starts_with('"') && raw.ends_with('"')
            || raw.starts_with('\'') && raw.ends_with('\''))
        && &raw[1..raw.len() - 1] == value
    {
        (Span::new(node.span.start + 1, node.span.end - 1), false)
    } else {
        (node.span, true)
    };
    Link {
        url: value.trim().to_string(),
        span,
        kind: LinkKind::FrontMatter { field, image },
        quoted,
    }
}
