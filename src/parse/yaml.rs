//! YAML front matter: the text between the `---` lines to the spanned tree ([`crate::tree`]).
//!
//! This module owns the translation of granit-parser's event stream into [`Node`]s: byte
//! spans, YAML 1.2 core-schema typing of plain scalars, explicit core tags, duplicate keys,
//! alias expansion and `<<` merge keys.
//!
//! Invariants it keeps:
//! - Every span is a byte range of the whole file (`src`), inside `block`, on char boundaries.
//!   Scalars span their source text (quotes included, trailing blanks and comments excluded);
//!   block scalars run from their `|`/`>` indicator to the end of their content; block
//!   collections from their first `-`/key to the end of their last child; flow collections
//!   from the opening to the closing bracket.
//! - Nothing recurses on the input's nesting: the tree is built on an explicit stack, aliases
//!   are copied with an explicit stack, and no node of the result is deeper than
//!   `limits.max_depth`, so dropping the tree (which does recurse) is bounded too.
//! - Alias copies are charged against `limits.max_alias_nodes` per document before they are
//!   made, so an alias bomb fails without allocating its expansion.
//! - Malformed input gives a [`ParseError`], never a panic.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, StructureStyle, Tag};

use super::{Limits, ParseError, ParseErrorKind};
use crate::tree::{Entry, Node, Span, Value};

/// Parse the YAML block `src[block]` (the text between the `---` lines, without them).
/// All spans are offsets in `src` (the whole file), not in the block.
///
/// # Errors
/// [`ParseErrorKind::Syntax`] for invalid YAML (or a second document, a complex key, a bad
/// `<<` or a scalar not matching its core tag), [`ParseErrorKind::DuplicateKey`] at a repeated
/// key, [`ParseErrorKind::Limit`] past `limits.max_depth` or `limits.max_alias_nodes`.
pub fn parse(src: &str, block: Range<usize>, limits: &Limits) -> Result<Node, ParseError> {
    if let Some(node) = super::yaml_fast::parse(src, block.clone(), limits) {
        return Ok(node);
    }
    parse_full(src, block, limits)
}

/// [`parse`] without the fast path: always runs granit-parser. Public so that the fuzz
/// targets can check that both paths give the same tree.
pub fn parse_full(src: &str, block: Range<usize>, limits: &Limits) -> Result<Node, ParseError> {
    let Some(text) = src.get(block.clone()) else {
        let at = block.start.min(src.len());
        return Err(ParseError::new(
            ParseErrorKind::Syntax,
            Span::new(at, at),
            "front matter block is not a valid range of the file",
        ));
    };
    Builder::new(text, block.start, limits)
        .run()
        .map(|(root, _)| root)
}

/// The spans of the anchored nodes of `src[block]` that an alias copies (or merges with
/// `<<`): text whose edit would change every copy too. Empty when the block has no
/// alias, or does not parse.
pub fn aliased_spans(src: &str, block: Range<usize>, limits: &Limits) -> Vec<Span> {
    match src.get(block.clone()) {
        // Parsed again only when there can be an anchor and an alias.
        Some(text) if text.contains('&') && text.contains('*') => {
            Builder::new(text, block.start, limits)
                .run()
                .map(|(_, aliased)| aliased)
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// Maps with at least this many keys check duplicates through a hash set instead of a scan.
const HASHED_KEYS: usize = 64;

/// The YAML core-schema namespace, for `!!merge`.
const YAML_NS: &str = "tag:yaml.org,2002:";

/// An open collection on the builder's stack.
struct Frame {
    /// Block-relative start of the collection.
    start: usize,
    /// Block-relative end of the last child so far (block collections end there).
    end: usize,
    flow: bool,
    /// granit's anchor id of this collection, 0 if none.
    anchor: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map(MapFrame),
}

#[derive(Default)]
struct MapFrame {
    /// Explicit entries, in source order.
    entries: Vec<Entry>,
    /// The key whose value comes next.
    pending: Option<PendingKey>,
    /// `<<` values with the number of explicit entries that preceded them.
    merges: Vec<(usize, Node)>,
    /// Hashes of the explicit keys, once the map is big enough for a linear scan to hurt.
    hashes: Option<HashSet<u64>>,
}

struct PendingKey {
    key: String,
    span: Span,
    merge: bool,
}

/// A completed anchored node kept for aliases, with what a copy of it costs.
struct Anchored {
    node: Node,
    /// Nodes a copy creates.
    count: usize,
    /// Nesting levels a copy adds (0 for a scalar).
    height: usize,
    /// The scalar's text as parsed, for an alias used as a mapping key.
    text: Option<String>,
}

struct Builder<'a> {
    text: &'a str,
    base: usize,
    limits: &'a Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    alias_nodes: usize,
    /// Block-relative end of the furthest event seen so far.
    cursor: usize,
    documents: usize,
    root: Option<Node>,
    /// The spans of the anchored nodes that aliases copied.
    aliased: Vec<Span>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, base: usize, limits: &'a Limits) -> Self {
        Builder {
            text,
            base,
            limits,
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            cursor: 0,
            documents: 0,
            root: None,
            aliased: Vec::new(),
        }
    }

    /// The tree, and the spans of the anchored nodes that aliases copied.
    fn run(mut self) -> Result<(Node, Vec<Span>), ParseError> {
        let options = granit_parser::options! {
            emit_comments: false,
            flow_nesting_limit: self.limits.max_depth,
            block_nesting_limit: self.limits.max_depth,
        };
        for item in Parser::new_from_str_with_options(self.text, options) {
            let (event, span) = item.map_err(|e| self.scan_error(&e))?;
            let implicit_start = matches!(event, Event::DocumentStart(false, _));
            let range = match span.byte_range() {
                Some(r)
                    if r.start <= r.end
                        && self.text.is_char_boundary(r.start)
                        && self.text.is_char_boundary(r.end) =>
                {
                    r
                }
                _ => self.cursor..self.cursor,
            };
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        let span = if range.is_empty() {
                            self.point(range.start)
                        } else {
                            self.span(range.start, range.end)
                        };
                        return Err(ParseError::new(
                            ParseErrorKind::Syntax,
                            span,
                            "a second YAML document is not allowed in front matter",
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value, style, anchor, tag.as_deref(), range.clone())?;
                }
                Event::SequenceStart(style, anchor, _) => {
                    // granit starts an indentless sequence (`key:\n- item`) after its
                    // first `-`: look for the dash after the key.
                    let start = if style == StructureStyle::Block && self.in_value_position() {
                        self.find_indicator(range.start, b"-", b":")
                    } else {
                        range.start
                    };
                    self.open(start, style, anchor, FrameKind::Seq(Vec::new()))?;
                }
                Event::MappingStart(style, anchor, _) => {
                    let kind = FrameKind::Map(MapFrame::default());
                    self.open(range.start, style, anchor, kind)?;
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(range.end)?,
                Event::Alias(id) => self.alias(id, range.clone())?,
                Event::UnresolvedAlias(name) => {
                    return Err(ParseError::new(
                        ParseErrorKind::Syntax,
                        self.span(range.start, range.end),
                        format!("unknown alias `*{name}`"),
                    ));
                }
                // Stream start, document end, comment and anchor metadata.
                _ => {}
            }
            // An implicit document start spans the first token: it must not hide the
            // indicator of a root block scalar.
            if !implicit_start {
                self.cursor = self.cursor.max(range.end);
            }
        }
        let root = match self.root {
            Some(root) if !(root.span.is_empty() && root.value == Value::Null) => root,
            _ => Node::new(Span::new(self.base, self.base), Value::Map(Vec::new())),
        };
        Ok((root, self.aliased))
    }

    /// A file span from block-relative offsets.
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// A span at block-relative `pos`: the character there, or empty at a line break or the end.
    fn point(&self, pos: usize) -> Span {
        let mut pos = pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        let len = match self.text[pos..].chars().next() {
            Some('\n' | '\r') | None => 0,
            Some(c) => c.len_utf8(),
        };
        self.span(pos, pos + len)
    }

    fn depth_error(&self, span: Span) -> ParseError {
        ParseError::new(
            ParseErrorKind::Limit,
            span,
            format!("nesting depth exceeds {}", self.limits.max_depth),
        )
    }

    fn scan_error(&self, e: &ScanError) -> ParseError {
        let marker = e.marker();
        let pos = match marker.byte_offset() {
            Some(b) => b,
            None => self
                .text
                .char_indices()
                .nth(marker.index())
                .map_or(self.text.len(), |(b, _)| b),
        };
        match e.kind() {
            ErrorKind::RecursionLimitExceeded => self.depth_error(self.point(pos)),
            ErrorKind::UnknownAnchor => {
                let span = self.token_at(pos);
                let name = &self.text[span.start - self.base..span.end - self.base];
                ParseError::new(
                    ParseErrorKind::Syntax,
                    span,
                    format!("unknown alias `{name}`"),
                )
            }
            kind => {
                let mut message = kind.to_string();
                if message.is_empty() {
                    message.push_str("invalid YAML");
                } else if message.starts_with(|c: char| c.is_ascii_uppercase()) {
                    message[..1].make_ascii_lowercase();
                }
                ParseError::new(ParseErrorKind::Syntax, self.point(pos), message)
            }
        }
    }

    /// The alias-like token starting at block-relative `pos` (up to a blank or flow indicator).
    fn token_at(&self, pos: usize) -> Span {
        let start = self.point(pos).start - self.base;
        let len = self.text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .unwrap_or(self.text.len() - start);
        if len == 0 {
            self.point(start)
        } else {
            self.span(start, start + len)
        }
    }

    /// Whether the next node is the value of a mapping entry.
    fn in_value_position(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame { kind: FrameKind::Map(m), .. }) if m.pending.is_some()
        )
    }

    /// Whether the next node completes a key of the innermost mapping.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame { kind: FrameKind::Map(m), .. }) if m.pending.is_none()
        )
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        range: Range<usize>,
    ) -> Result<(), ParseError> {
        let implicit = style == ScalarStyle::Plain && range.is_empty();
        let value = if implicit { Cow::Borrowed("") } else { value };
        let (start, end) = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => self.block_scalar_range(range),
            // An implicit null sits at the `:` of its key: put it right after the indicator.
            _ if implicit && self.text.as_bytes().get(range.start) == Some(&b':') => {
                (range.start + 1, range.start + 1)
            }
            _ => (range.start, range.end),
        };
        let span = self.span(start, end);
        let text = (anchor != 0).then(|| value.to_string());

        if self.expects_key() {
            let merge = style == ScalarStyle::Plain
                && value == "<<"
                && tag.is_none_or(|t| t.suffix_in_namespace(YAML_NS).as_deref() == Some("merge"));
            if let Some(text) = text {
                let node = Node::new(span, resolve(Cow::Borrowed(&text), style, None, span)?);
                self.store_anchor(anchor, node, Some(text));
            }
            return self.key(value.into_owned(), span, merge);
        }

        let node = Node::new(span, resolve(value, style, tag, span)?);
        if text.is_some() {
            self.store_anchor(anchor, node.clone(), text);
        }
        self.attach(node)
    }

    /// Block-relative range of a literal/folded scalar whose content granit reports as `range`:
    /// from its indicator to the end of its content, trailing blank lines trimmed.
    fn block_scalar_range(&self, range: Range<usize>) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let content = range.start;
        let start = self.find_indicator(content, b"|>", b":-?");
        let mut header_end = start;
        if start < content {
            header_end += 1;
            while header_end < content && matches!(bytes[header_end], b'0'..=b'9' | b'+' | b'-') {
                header_end += 1;
            }
        }
        let mut end = range.end;
        while end > header_end && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
            end -= 1;
        }
        (start, end.max(header_end))
    }

    /// The first of `targets` between the last event and `limit`, passing over blanks,
    /// comments, node properties (`!tag`, `&anchor`) and the `skip` indicators; `limit`
    /// if something else comes first.
    fn find_indicator(&self, limit: usize, targets: &[u8], skip: &[u8]) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = self.cursor.min(limit);
        while i < limit {
            let b = bytes[i];
            if targets.contains(&b) {
                return i;
            }
            match b {
                b'#' => {
                    while i < limit && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'!' | b'&' => {
                    while i < limit && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                        i += 1;
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                _ if skip.contains(&b) => i += 1,
                _ => break,
            }
        }
        limit
    }

    /// Records the key of the innermost mapping, rejecting a repeated one.
    fn key(&mut self, key: String, span: Span, merge: bool) -> Result<(), ParseError> {
        let Some(Frame {
            kind: FrameKind::Map(map),
            end,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        *end = (*end).max(span.end - self.base);
        if !merge {
            let duplicate = match &mut map.hashes {
                Some(hashes) => !hashes.insert(hash_key(&key)) && has_key(&map.entries, &key),
                None => {
                    let found = has_key(&map.entries, &key);
                    if !found && map.entries.len() + 1 >= HASHED_KEYS {
                        let mut hashes: HashSet<u64> =
                            map.entries.iter().map(|e| hash_key(&e.key)).collect();
                        hashes.insert(hash_key(&key));
                        map.hashes = Some(hashes);
                    }
                    found
                }
            };
            if duplicate {
                return Err(ParseError::new(
                    ParseErrorKind::DuplicateKey,
                    span,
                    format!("duplicate key `{}`", shorten(&key)),
                ));
            }
        }
        map.pending = Some(PendingKey { key, span, merge });
        Ok(())
    }

    /// Adds a completed node to the innermost collection (or makes it the root).
    fn attach(&mut self, node: Node) -> Result<(), ParseError> {
        let base = self.base;
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.end = frame.end.max(node.span.end - base);
        match &mut frame.kind {
            FrameKind::Seq(items) => items.push(node),
            FrameKind::Map(map) => match map.pending.take() {
                None => {
                    return Err(ParseError::new(
                        ParseErrorKind::Syntax,
                        node.span,
                        "complex mapping keys are not supported",
                    ));
                }
                Some(PendingKey {
                    span, merge: true, ..
                }) => {
                    let ok = match &node.value {
                        Value::Map(_) => true,
                        Value::Seq(items) => items.iter().all(|i| matches!(i.value, Value::Map(_))),
                        _ => false,
                    };
                    if !ok {
                        return Err(ParseError::new(
                            ParseErrorKind::Syntax,
                            span,
                            "merge key `<<` needs a mapping or a list of mappings",
                        ));
                    }
                    map.merges.push((map.entries.len(), node));
                }
                Some(PendingKey { key, span, .. }) => map.entries.push(Entry {
                    key,
                    key_span: span,
                    value: node,
                }),
            },
        }
        Ok(())
    }

    fn open(
        &mut self,
        start: usize,
        style: StructureStyle,
        anchor: usize,
        kind: FrameKind,
    ) -> Result<(), ParseError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.depth_error(self.point(start)));
        }
        self.stack.push(Frame {
            start,
            end: start,
            flow: style == StructureStyle::Flow,
            anchor,
            kind,
        });
        Ok(())
    }

    fn close(&mut self, end_event: usize) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let end = if frame.flow {
            end_event
        } else {
            let bytes = self.text.as_bytes();
            let mut end = frame.end;
            while end > frame.start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
                end -= 1;
            }
            end
        };
        let span = self.span(frame.start, end.max(frame.start));
        let value = match frame.kind {
            FrameKind::Seq(items) => Value::Seq(items),
            FrameKind::Map(map) if map.merges.is_empty() => Value::Map(map.entries),
            FrameKind::Map(map) => Value::Map(merge(map.entries, map.merges)),
        };
        let node = Node::new(span, value);
        if frame.anchor != 0 {
            let copy = deep_copy(&node);
            self.anchors.insert(
                frame.anchor,
                Anchored {
                    node: copy.0,
                    count: copy.1,
                    height: copy.2,
                    text: None,
                },
            );
        }
        self.attach(node)
    }

    fn store_anchor(&mut self, id: usize, node: Node, text: Option<String>) {
        self.anchors.insert(
            id,
            Anchored {
                node,
                count: 1,
                height: 0,
                text,
            },
        );
    }

    fn alias(&mut self, id: usize, range: Range<usize>) -> Result<(), ParseError> {
        let span = self.span(range.start, range.end);
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(ParseError::new(
                ParseErrorKind::Syntax,
                span,
                "alias refers to a node that contains it",
            ));
        };
        self.aliased.push(anchored.node.span);
        self.alias_nodes = self.alias_nodes.saturating_add(anchored.count);
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(ParseError::new(
                ParseErrorKind::Limit,
                span,
                format!(
                    "alias expansion exceeds {} nodes",
                    self.limits.max_alias_nodes
                ),
            ));
        }
        if self.stack.len().saturating_add(anchored.height) > self.limits.max_depth {
            return Err(self.depth_error(span));
        }
        if self.expects_key() {
            let Some(text) = anchored.text.clone() else {
                return Err(ParseError::new(
                    ParseErrorKind::Syntax,
                    span,
                    "complex mapping keys are not supported",
                ));
            };
            return self.key(text, span, false);
        }
        let mut node = deep_copy(&anchored.node).0;
        node.span = span;
        self.attach(node)
    }
}

fn hash_key(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

fn has_key(entries: &[Entry], key: &str) -> bool {
    entries.iter().any(|e| e.key == key)
}

/// At most 60 characters of `key`, for a message.
fn shorten(key: &str) -> Cow<'_, str> {
    match key.char_indices().nth(60) {
        Some((i, _)) => Cow::Owned(format!("{}…", &key[..i])),
        None => Cow::Borrowed(key),
    }
}

/// Applies `<<` merges: each merged mapping's entries go where its `<<` was, unless the
/// mapping has that key explicitly or an earlier merge already supplied it.
fn merge(entries: Vec<Entry>, merges: Vec<(usize, Node)>) -> Vec<Entry> {
    let mut seen: HashSet<String> = entries.iter().map(|e| e.key.clone()).collect();
    let mut out = Vec::with_capacity(entries.len());
    let mut explicit = entries.into_iter().enumerate().peekable();
    for (position, node) in merges {
        while let Some((_, entry)) = explicit.next_if(|(i, _)| *i < position) {
            out.push(entry);
        }
        let sources = match node.value {
            Value::Map(map) => vec![map],
            Value::Seq(items) => items
                .into_iter()
                .filter_map(|n| match n.value {
                    Value::Map(map) => Some(map),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for entry in sources.into_iter().flatten() {
            if !seen.contains(&entry.key) {
                seen.insert(entry.key.clone());
                out.push(entry);
            }
        }
    }
    out.extend(explicit.map(|(_, e)| e));
    out
}

/// Iterative deep copy of `src`: the copy, how many nodes it has, and its height.
fn deep_copy(src: &Node) -> (Node, usize, usize) {
    enum Out {
        Seq(Vec<Node>),
        Map(Vec<Entry>),
    }
    struct CopyFrame<'n> {
        src: &'n Node,
        next: usize,
        out: Out,
    }
    fn frame(src: &Node) -> Option<CopyFrame<'_>> {
        let out = match &src.value {
            Value::Seq(items) => Out::Seq(Vec::with_capacity(items.len())),
            Value::Map(entries) => Out::Map(Vec::with_capacity(entries.len())),
            _ => return None,
        };
        Some(CopyFrame { src, next: 0, out })
    }
    fn child(src: &Node, i: usize) -> Option<(&Node, Option<&Entry>)> {
        match &src.value {
            Value::Seq(items) => items.get(i).map(|n| (n, None)),
            Value::Map(entries) => entries.get(i).map(|e| (&e.value, Some(e))),
            _ => None,
        }
    }
    fn push(parent: &mut CopyFrame<'_>, node: Node) {
        match &mut parent.out {
            Out::Seq(items) => items.push(node),
            Out::Map(entries) => {
                if let Some((_, Some(e))) = child(parent.src, parent.next.wrapping_sub(1)) {
                    entries.push(Entry {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value: node,
                    });
                }
            }
        }
    }

    let Some(root) = frame(src) else {
        return (src.clone(), 1, 0);
    };
    let mut stack = vec![root];
    let (mut count, mut height) = (1, 1);
    while let Some(top) = stack.last_mut() {
        if let Some((node, _)) = child(top.src, top.next) {
            top.next += 1;
            count += 1;
            match frame(node) {
                Some(f) => {
                    stack.push(f);
                    height = height.max(stack.len());
                }
                None => push(top, node.clone()),
            }
            continue;
        }
        let Some(done) = stack.pop() else { break };
        let value = match done.out {
            Out::Seq(items) => Value::Seq(items),
            Out::Map(entries) => Value::Map(entries),
        };
        let node = Node::new(done.src.span, value);
        match stack.last_mut() {
            Some(parent) => push(parent, node),
            None => return (node, count, height),
        }
    }
    (src.clone(), count, height)
}

/// Types a scalar: quoted and block scalars are strings, plain ones follow the YAML 1.2 core
/// schema; `!!str`/`!!int`/`!!float`/`!!bool`/`!!null` are honoured, other tags ignored.
fn resolve(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, ParseError> {
    let core = tag.and_then(Tag::core_suffix);
    // `! value`, the non-specific tag, makes the scalar a string.
    let non_specific = tag.is_some_and(|t| t.parts() == ("", "!"));
    let wanted = match core {
        Some("str") => return Ok(Value::String(text.into_owned())),
        Some(t @ ("int" | "float" | "bool" | "null")) => t,
        _ if non_specific || style != ScalarStyle::Plain => {
            return Ok(Value::String(text.into_owned()));
        }
        _ => return Ok(plain(&text).unwrap_or_else(|| Value::String(text.into_owned()))),
    };
    let typed = match (wanted, plain(&text)) {
        ("null", Some(Value::Null))
        | ("bool", Some(Value::Bool(_)))
        | ("int", Some(Value::Int(_)))
        | ("float", Some(Value::Float(_))) => plain(&text),
        ("int", Some(Value::Float(f))) if is_int(&text) => Some(Value::Float(f)),
        ("float", Some(Value::Int(_))) => text.parse::<f64>().ok().map(Value::Float),
        _ => None,
    };
    typed.ok_or_else(|| {
        ParseError::new(
            ParseErrorKind::Syntax,
            span,
            if text.is_empty() {
                format!("an empty value is not a valid !!{wanted}")
            } else {
                format!("`{}` is not a valid !!{wanted}", shorten(&text))
            },
        )
    })
}

/// The core-schema value of a plain scalar, or `None` when it is a string.
pub(super) fn plain(s: &str) -> Option<Value> {
    let b = s.as_bytes();
    match b.first() {
        None => Some(Value::Null),
        Some(b'~') if b.len() == 1 => Some(Value::Null),
        Some(b'n' | b'N') => matches!(s, "null" | "Null" | "NULL").then_some(Value::Null),
        Some(b't' | b'T') => matches!(s, "true" | "True" | "TRUE").then_some(Value::Bool(true)),
        Some(b'f' | b'F') => matches!(s, "false" | "False" | "FALSE").then_some(Value::Bool(false)),
        Some(b'.' | b'+' | b'-' | b'0'..=b'9') => number(s),
        _ => None,
    }
}

fn number(s: &str) -> Option<Value> {
    let (sign, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(Value::Float(sign * f64::INFINITY)),
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == s.len() => {
            return Some(Value::Float(f64::NAN))
        }
        _ => {}
    }
    if let Some(digits) = s.strip_prefix("0o") {
        return radix(digits, 8);
    }
    if let Some(digits) = s.strip_prefix("0x") {
        return radix(digits, 16);
    }
    if is_int(s) {
        return match s.parse::<i64>() {
            Ok(i) => Some(Value::Int(i)),
            Err(_) => s
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Value::Float),
        };
    }
    if is_float(s) {
        return s.parse::<f64>().ok().map(Value::Float);
    }
    None
}

/// `0o`/`0x` digits as an `Int`, a `Float` past `i64`, `None` if not all digits.
fn radix(digits: &str, base: u32) -> Option<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    if let Ok(i) = i64::from_str_radix(digits, base) {
        return Some(Value::Int(i));
    }
    let f = digits.chars().fold(0.0_f64, |acc, c| {
        acc * f64::from(base) + f64::from(c.to_digit(base).unwrap_or(0))
    });
    f.is_finite().then_some(Value::Float(f))
}

/// `[-+]?[0-9]+`
fn is_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::testing::{on_small_stack, text};
    use std::time::{Duration, Instant};

    const SEED: &str = "---\ntitle: \"Arm CEO：DeepSeek最终会被封杀！\"\ndate: \"2025-02-11 11:58:35\"\nlang:\n  - \"zh-CN\"\ncomments: false\nsidebar: \"right\"\nwidgets:\n  - \"search\"\n  - \"recent\"\n  - \"taglist\"\n---\n";

    /// `src` with `---` lines around `yaml`, and the block's range.
    fn wrap(yaml: &str) -> (String, Range<usize>) {
        let src = format!("---\n{yaml}---\n");
        (src, 4..4 + yaml.len())
    }

    fn parse_str(yaml: &str) -> (String, Result<Node, ParseError>) {
        let (src, block) = wrap(yaml);
        let result = parse(&src, block, &Limits::default());
        (src, result)
    }

    fn ok(yaml: &str) -> (String, Node) {
        let (src, result) = parse_str(yaml);
        match result {
            Ok(node) => (src, node),
            Err(e) => panic!("{yaml:?} failed: {e:?}"),
        }
    }

    fn err(yaml: &str) -> (String, ParseError) {
        let (src, result) = parse_str(yaml);
        match result {
            Ok(node) => panic!("{yaml:?} parsed: {node:?}"),
            Err(e) => (src, e),
        }
    }

    fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
        &node
            .entry(key)
            .unwrap_or_else(|| panic!("no key {key}"))
            .value
    }

    fn items(node: &Node) -> &[Node] {
        match &node.value {
            Value::Seq(items) => items,
            other => panic!("not a sequence: {other:?}"),
        }
    }

    fn string(s: &str) -> Value {
        Value::String(s.to_owned())
    }

    /// Every span of `node` lies in `block` on char boundaries (walked without recursion).
    fn check_spans(src: &str, block: &Range<usize>, node: &Node) {
        let mut todo = vec![node];
        while let Some(n) = todo.pop() {
            let mut spans = vec![n.span];
            match &n.value {
                Value::Seq(items) => todo.extend(items),
                Value::Map(entries) => {
                    for e in entries {
                        spans.push(e.key_span);
                        todo.push(&e.value);
                    }
                }
                _ => {}
            }
            for s in spans {
                assert!(block.start <= s.start && s.start <= s.end && s.end <= block.end);
                assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
            }
        }
    }

    #[test]
    fn seed_post() {
        let block = 4..SEED.len() - 4;
        let root = parse(SEED, block.clone(), &Limits::default()).unwrap();
        check_spans(SEED, &block, &root);
        assert_eq!(root.span, Span::new(4, block.end - 1));
        let keys: Vec<&str> = match &root.value {
            Value::Map(entries) => entries.iter().map(|e| e.key.as_str()).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            keys,
            ["title", "date", "lang", "comments", "sidebar", "widgets"]
        );

        let title = root.entry("title").unwrap();
        let title_start = SEED.find("title").unwrap();
        assert_eq!(title.key_span, Span::new(title_start, title_start + 5));
        let value_start = SEED.find("\"Arm").unwrap();
        let value_end = SEED.find("！\"").unwrap() + "！\"".len();
        assert_eq!(title.value.span, Span::new(value_start, value_end));
        assert_eq!(
            text(SEED, title.value.span),
            "\"Arm CEO：DeepSeek最终会被封杀！\""
        );
        assert_eq!(title.value.value, string("Arm CEO：DeepSeek最终会被封杀！"));

        let date = get(&root, "date");
        assert_eq!(date.value, string("2025-02-11 11:58:35"));
        assert_eq!(text(SEED, date.span), "\"2025-02-11 11:58:35\"");

        let lang = get(&root, "lang");
        assert_eq!(text(SEED, lang.span), "- \"zh-CN\"");
        assert_eq!(text(SEED, items(lang)[0].span), "\"zh-CN\"");

        let comments = root.entry("comments").unwrap();
        assert_eq!(comments.value.value, Value::Bool(false));
        assert_eq!(text(SEED, comments.key_span), "comments");
        assert_eq!(text(SEED, comments.value.span), "false");

        let widgets = get(&root, "widgets");
        assert_eq!(
            text(SEED, widgets.span),
            "- \"search\"\n  - \"recent\"\n  - \"taglist\""
        );
        for (item, want) in items(widgets).iter().zip(["search", "recent", "taglist"]) {
            let quoted = format!("\"{want}\"");
            let at = SEED.find(&quoted).unwrap();
            assert_eq!(item.span, Span::new(at, at + quoted.len()));
            assert_eq!(item.value, string(want));
        }
        assert_eq!(items(widgets).len(), 3);
    }

    #[test]
    fn seed_post_with_thumbnail() {
        let src = SEED.replace(
            "sidebar:",
            "thumbnail: \"/images/封面.png\"   # cover\nsidebar:",
        );
        let root = parse(&src, 4..src.len() - 4, &Limits::default()).unwrap();
        let thumb = root.entry("thumbnail").unwrap();
        assert_eq!(text(&src, thumb.key_span), "thumbnail");
        assert_eq!(text(&src, thumb.value.span), "\"/images/封面.png\"");
        let at = src.find("\"/images").unwrap();
        assert_eq!(thumb.value.span.start, at);
        assert_eq!(thumb.value.value, string("/images/封面.png"));
    }

    #[test]
    fn trailing_comment_and_spaces_excluded() {
        let (src, root) = ok("widgets:\n  - 'recnt'   # c\n  - plain  \n");
        let list = items(get(&root, "widgets"));
        assert_eq!(text(&src, list[0].span), "'recnt'");
        assert_eq!(list[0].value, string("recnt"));
        assert_eq!(text(&src, list[1].span), "plain");
        assert_eq!(
            text(&src, get(&root, "widgets").span),
            "- 'recnt'   # c\n  - plain"
        );
    }

    #[test]
    fn cjk_before_error_gives_byte_offset() {
        let (src, e) = err("title: \"中文标题\" x\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        let x = src.find(" x").unwrap() + 1;
        assert_eq!(e.span, Span::new(x, x + 1));
        assert!(!e.message.is_empty());
        assert!(e.message.starts_with(|c: char| !c.is_uppercase()));

        let (src, e) = err("标题: [中文, 标题}\n");
        assert_eq!(e.span.start, src.find('[').unwrap());
        assert_eq!(text(&src, e.span), "[");
        let (src, e) = err("描述: 中文\n\t标签: x\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        // granit reports this at the plain scalar: character 4 of the block, byte 8.
        assert_eq!(e.span.start, src.find("中文").unwrap());
        assert_eq!(text(&src, e.span), "中");
        assert!(src.is_char_boundary(e.span.start));
    }

    #[test]
    fn flow_sequence_item_spans() {
        let (src, root) = ok("tags: [a, \"b\", 'c']\n");
        let tags = get(&root, "tags");
        assert_eq!(text(&src, tags.span), "[a, \"b\", 'c']");
        let spans: Vec<&str> = items(tags).iter().map(|n| text(&src, n.span)).collect();
        assert_eq!(spans, ["a", "\"b\"", "'c'"]);
        let values: Vec<&Value> = items(tags).iter().map(|n| &n.value).collect();
        assert_eq!(values, [&string("a"), &string("b"), &string("c")]);
    }

    #[test]
    fn nested_mapping_spans() {
        let (src, root) =
            ok("params:\n  author:\n    name: 张三\n    age: 30\n  toc: true\nnext: 1\n");
        let params = get(&root, "params");
        assert_eq!(
            text(&src, params.span),
            "author:\n    name: 张三\n    age: 30\n  toc: true"
        );
        let author = get(params, "author");
        assert_eq!(text(&src, author.span), "name: 张三\n    age: 30");
        let name = author.entry("name").unwrap();
        assert_eq!(text(&src, name.key_span), "name");
        assert_eq!(text(&src, name.value.span), "张三");
        assert_eq!(get(author, "age").value, Value::Int(30));
        assert_eq!(get(params, "toc").value, Value::Bool(true));
        let flow = ok("m: {a: 1, b: {c: d}}\n");
        let m = get(&flow.1, "m");
        assert_eq!(text(&flow.0, m.span), "{a: 1, b: {c: d}}");
        assert_eq!(text(&flow.0, get(m, "b").span), "{c: d}");
    }

    #[test]
    fn block_sequence_span_has_no_trailing_newline() {
        let (src, root) = ok("- a\n- b\n\n\n");
        assert_eq!(text(&src, root.span), "- a\n- b");
        let (src, root) = ok("list:\n- x\n- y\n# trailing comment\n");
        assert_eq!(text(&src, get(&root, "list").span), "- x\n- y");
        assert_eq!(text(&src, root.span), "list:\n- x\n- y");
        for (yaml, want) in [
            ("l:\n-   x\n- y\n", "-   x\n- y"),
            ("l:\n- &a x\n", "- &a x"),
            ("l: &s # c\n- # c\n  x\n", "- # c\n  x"),
            ("l:\n- - x\n  - y\n", "- - x\n  - y"),
            ("l:\n  - a: 1\n    b: 2\n", "- a: 1\n    b: 2"),
        ] {
            let (src, root) = ok(yaml);
            assert_eq!(text(&src, get(&root, "l").span), want, "{yaml:?}");
        }
        let (src, root) = ok("l:\n- - x\n  - y\n");
        assert_eq!(text(&src, items(get(&root, "l"))[0].span), "- x\n  - y");
    }

    #[test]
    fn crlf_line_endings() {
        let yaml = "title: \"x\"\r\ntags:\r\n  - a\r\n  - \"b c\"\r\nbody: |\r\n  l1\r\n  l2\r\nq: \"p\r\n  q\"\r\n";
        let (src, root) = ok(yaml);
        check_spans(&src, &(4..4 + yaml.len()), &root);
        assert_eq!(text(&src, get(&root, "title").span), "\"x\"");
        let tags = get(&root, "tags");
        assert_eq!(text(&src, tags.span), "- a\r\n  - \"b c\"");
        assert_eq!(items(tags)[0].value, string("a"));
        assert_eq!(text(&src, items(tags)[1].span), "\"b c\"");
        let body = get(&root, "body");
        assert_eq!(body.value, string("l1\nl2\n"));
        assert_eq!(text(&src, body.span), "|\r\n  l1\r\n  l2");
        assert_eq!(get(&root, "q").value, string("p q"));
        assert_eq!(text(&src, root.span), &yaml[..yaml.len() - 2]);
    }

    #[test]
    fn core_schema_typing() {
        let nan = |v: &Value| matches!(v, Value::Float(f) if f.is_nan());
        let cases: &[(&str, Value)] = &[
            ("", Value::Null),
            ("~", Value::Null),
            ("null", Value::Null),
            ("Null", Value::Null),
            ("NULL", Value::Null),
            ("nULL", string("nULL")),
            ("true", Value::Bool(true)),
            ("True", Value::Bool(true)),
            ("TRUE", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("False", Value::Bool(false)),
            ("FALSE", Value::Bool(false)),
            ("yes", string("yes")),
            ("no", string("no")),
            ("on", string("on")),
            ("off", string("off")),
            ("y", string("y")),
            ("0", Value::Int(0)),
            ("-0", Value::Int(0)),
            ("42", Value::Int(42)),
            ("+42", Value::Int(42)),
            ("-17", Value::Int(-17)),
            ("012", Value::Int(12)),
            ("0o14", Value::Int(12)),
            ("0o8", string("0o8")),
            ("0x1F", Value::Int(31)),
            ("0xff", Value::Int(255)),
            ("0x", string("0x")),
            ("-0x1F", string("-0x1F")),
            ("1_000", string("1_000")),
            ("9223372036854775807", Value::Int(i64::MAX)),
            ("-9223372036854775808", Value::Int(i64::MIN)),
            ("99999999999999999999", Value::Float(1e20)),
            ("-99999999999999999999", Value::Float(-1e20)),
            ("0xFFFFFFFFFFFFFFFF", Value::Float(18446744073709551615.0)),
            ("1.5", Value::Float(1.5)),
            ("-1.5", Value::Float(-1.5)),
            ("1.", Value::Float(1.0)),
            (".5", Value::Float(0.5)),
            ("+.5", Value::Float(0.5)),
            ("1e3", Value::Float(1000.0)),
            ("1.5E-2", Value::Float(0.015)),
            ("1.e2", Value::Float(100.0)),
            ("1e400", Value::Float(f64::INFINITY)),
            ("1e", string("1e")),
            (".", string(".")),
            ("+", string("+")),
            ("1.2.3", string("1.2.3")),
            (".inf", Value::Float(f64::INFINITY)),
            (".Inf", Value::Float(f64::INFINITY)),
            ("+.INF", Value::Float(f64::INFINITY)),
            ("-.inf", Value::Float(f64::NEG_INFINITY)),
            (".iNf", string(".iNf")),
            ("2025-02-11 11:58:35", string("2025-02-11 11:58:35")),
            ("2025-02-11", string("2025-02-11")),
            ("1:20", string("1:20")),
            ("hello world", string("hello world")),
        ];
        for (plain_text, want) in cases {
            let (_, root) = ok(&format!("v: {plain_text}\n"));
            assert_eq!(&get(&root, "v").value, want, "plain {plain_text:?}");
        }
        for nan_text in [".nan", ".NaN", ".NAN"] {
            let (_, root) = ok(&format!("v: {nan_text}\n"));
            assert!(nan(&get(&root, "v").value), "{nan_text}");
        }
        let (_, root) = ok("v: -.nan\n");
        assert_eq!(get(&root, "v").value, string("-.nan"));
        let big = "9".repeat(400);
        let (_, root) = ok(&format!("v: {big}\n"));
        assert_eq!(get(&root, "v").value, Value::String(big));
        // Quoted and block scalars are strings.
        let (_, root) = ok("a: \"true\"\nb: '12'\nc: |\n  null\nd: \"\"\n");
        assert_eq!(get(&root, "a").value, string("true"));
        assert_eq!(get(&root, "b").value, string("12"));
        assert_eq!(get(&root, "c").value, string("null\n"));
        assert_eq!(get(&root, "d").value, string(""));
        // Keys keep their text.
        let (_, root) = ok("1: a\ntrue: x\nnull: n\n~: t\n");
        let keys: Vec<&str> = match &root.value {
            Value::Map(e) => e.iter().map(|e| e.key.as_str()).collect(),
            _ => unreachable!(),
        };
        assert_eq!(keys, ["1", "true", "null", "~"]);
    }

    #[test]
    fn explicit_tags() {
        let (src, root) = ok(
            "a: !!str 12\nb: !!int \"12\"\nc: !!float 1\nd: !!bool 'true'\ne: !!null ''\nf: !!binary aGk=\ng: !custom 3\nh: !!timestamp 2025-01-01\ni: ! 12\nj: !!str\nk: !!float .inf\nl: !!int 0x10\n",
        );
        assert_eq!(get(&root, "a").value, string("12"));
        assert_eq!(text(&src, get(&root, "a").span), "12");
        assert_eq!(get(&root, "b").value, Value::Int(12));
        assert_eq!(get(&root, "c").value, Value::Float(1.0));
        assert_eq!(get(&root, "d").value, Value::Bool(true));
        assert_eq!(get(&root, "e").value, Value::Null);
        assert_eq!(get(&root, "f").value, string("aGk="));
        assert_eq!(get(&root, "g").value, Value::Int(3));
        assert_eq!(get(&root, "h").value, string("2025-01-01"));
        assert_eq!(get(&root, "i").value, string("12"));
        assert_eq!(get(&root, "j").value, string(""));
        assert_eq!(get(&root, "k").value, Value::Float(f64::INFINITY));
        assert_eq!(get(&root, "l").value, Value::Int(16));
        for bad in [
            "!!int abc",
            "!!int 1.5",
            "!!bool yes",
            "!!null 0",
            "!!float 0x10",
        ] {
            let (src, e) = err(&format!("v: {bad}\n"));
            assert_eq!(e.kind, ParseErrorKind::Syntax, "{bad}");
            let value = bad.split(' ').nth(1).unwrap();
            assert_eq!(text(&src, e.span), value, "{bad}");
        }
    }

    #[test]
    fn duplicate_key_at_second_occurrence() {
        let (src, e) = err("title: a\ndate: b\ntitle: c\n");
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(e.span.start, src.rfind("title").unwrap());
        assert_eq!(text(&src, e.span), "title");
        assert_eq!(e.message, "duplicate key `title`");
        // Quoted and plain spellings of one key are the same key; nested maps are separate.
        let (src, e) = err("a: {x: 1, \"x\": 2}\n");
        assert_eq!(text(&src, e.span), "\"x\"");
        ok("a: {x: 1}\nb: {x: 2}\n");
        // Big maps use hashing.
        let mut yaml: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        ok(&yaml);
        yaml.push_str("k57: again\n");
        let (src, e) = err(&yaml);
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(e.span.start, src.rfind("k57").unwrap());
    }

    #[test]
    fn aliases_are_copied_with_alias_span() {
        let (src, root) =
            ok("base: &b\n  x: 1\n  y: [a, b]\ncopy: *b\nname: &n 标题\nagain: *n\n&k key: *k\n");
        let base = get(&root, "base");
        let copy = get(&root, "copy");
        assert_eq!(text(&src, copy.span), "*b");
        assert_eq!(copy.value, base.value);
        assert_eq!(get(copy, "x").span, get(base, "x").span);
        let again = get(&root, "again");
        assert_eq!(text(&src, again.span), "*n");
        assert_eq!(again.value, string("标题"));
        assert_eq!(get(&root, "key").value, string("key"));
        // An alias as a key uses the anchored scalar's text.
        let (src, root) = ok("a: &k 1\n*k : one\n");
        let e = root.entry("1").unwrap();
        assert_eq!(text(&src, e.key_span), "*k");
        assert_eq!(e.value.value, string("one"));
        // Unknown alias.
        let (src, e) = err("a: *nope\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(text(&src, e.span), "*nope");
        let (src, e) = err("a: [x, *nope]\n");
        assert_eq!(text(&src, e.span), "*nope");
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut yaml = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..=9 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let started = Instant::now();
        let (src, e) = err(&yaml);
        let took = started.elapsed();
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert!(text(&src, e.span).starts_with("*a"));
        assert_eq!(e.message, "alias expansion exceeds 10000 nodes");
        assert!(took < Duration::from_millis(200), "took {took:?}");
        // Within budget it works.
        let limits = Limits {
            max_alias_nodes: 8,
            ..Limits::default()
        };
        let (src, block) = wrap("a: &a [1, 2]\nb: [*a, *a]\nc: *a\n");
        let e = parse(&src, block, &limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert_eq!(e.span.start, src.rfind("*a").unwrap());
    }

    #[test]
    fn alias_copies_respect_max_depth() {
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        let (src, block) = wrap("a: &a [[1]]\nb: *a\nc: [[*a]]\n");
        let e = parse(&src, block, &limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert_eq!(e.span.start, src.rfind("*a").unwrap());
        let (src, e) = err("a: &a [1, *a]\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(text(&src, e.span), "*a");
    }

    #[test]
    fn merge_keys() {
        let (src, root) = ok(
            "base: &base\n  a: 1\n  b: 2\nextra: &extra {c: 3, a: 9}\nchild:\n  b: own\n  <<: *base\n  d: 4\nmulti:\n  <<: [*extra, *base]\n  c: mine\ninline:\n  <<: {z: 26}\n",
        );
        let child = get(&root, "child");
        let keys: Vec<&str> = match &child.value {
            Value::Map(e) => e.iter().map(|e| e.key.as_str()).collect(),
            _ => unreachable!(),
        };
        assert_eq!(keys, ["b", "a", "d"]);
        assert_eq!(get(child, "b").value, string("own"));
        assert_eq!(get(child, "a").value, Value::Int(1));
        // The merged entry keeps the spans of where it was written.
        assert_eq!(text(&src, child.entry("a").unwrap().key_span), "a");
        assert_eq!(
            child.entry("a").unwrap().key_span.start,
            src.find("a: 1").unwrap()
        );
        assert!(child.entry("<<").is_none());
        let multi = get(&root, "multi");
        assert_eq!(get(multi, "c").value, string("mine"));
        assert_eq!(get(multi, "a").value, Value::Int(9));
        assert_eq!(get(multi, "b").value, Value::Int(2));
        assert_eq!(get(get(&root, "inline"), "z").value, Value::Int(26));
        // Merged keys are not duplicates, even of each other; a quoted "<<" is a plain key.
        ok("a: &a {x: 1}\nb:\n  <<: *a\n  <<: {x: 2}\n  x: 3\n");
        let (_, root) = ok("\"<<\": 1\n");
        assert_eq!(get(&root, "<<").value, Value::Int(1));
        for bad in ["m:\n  <<: 1\n", "m:\n  <<: [1]\n", "m:\n  <<:\n"] {
            let (src, e) = err(bad);
            assert_eq!(e.kind, ParseErrorKind::Syntax);
            assert_eq!(text(&src, e.span), "<<");
        }
    }

    #[test]
    fn deep_block_nesting_is_a_limit_error() {
        let e = on_small_stack(|| {
            let mut yaml = String::new();
            for i in 0..10_000 {
                yaml.push_str(&" ".repeat(i));
                yaml.push_str("a:\n");
            }
            let (src, block) = wrap(&yaml);
            let e = parse(&src, block, &Limits::default()).unwrap_err();
            (src, e)
        });
        let (src, e) = e;
        assert_eq!(e.kind, ParseErrorKind::Limit);
        // The 129th mapping crosses the default depth of 128.
        let line = src[..e.span.start].matches('\n').count();
        assert_eq!(line, 129);
        assert_eq!(e.message, "nesting depth exceeds 128");

        let e = on_small_stack(|| {
            let yaml: String = (0..10_000)
                .map(|i| format!("{}-\n", " ".repeat(i)))
                .collect();
            let (src, block) = wrap(&yaml);
            parse(&src, block, &Limits::default()).unwrap_err()
        });
        assert_eq!(e.kind, ParseErrorKind::Limit);
    }

    #[test]
    fn deep_flow_nesting_is_a_limit_error() {
        let (src, e) = on_small_stack(|| {
            let yaml = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
            let (src, block) = wrap(&yaml);
            let e = parse(&src, block, &Limits::default()).unwrap_err();
            (src, e)
        });
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert_eq!(e.span, Span::new(4 + 128, 4 + 129));
        assert_eq!(text(&src, e.span), "[");

        let e = on_small_stack(|| {
            let yaml = format!("a: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
            let (src, block) = wrap(&yaml);
            parse(&src, block, &Limits::default()).unwrap_err()
        });
        assert_eq!(e.kind, ParseErrorKind::Limit);

        // With our limit below granit's default, ours fires at the collection crossing it.
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let (src, block) = wrap("a:\n  b: [[x]]\n");
        let e = parse(&src, block, &limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert_eq!(e.span.start, src.find("[x").unwrap());
        let (src, block) = wrap("a:\n  b: [x]\n");
        assert!(parse(&src, block, &limits).is_ok());
    }

    #[test]
    fn empty_block_is_an_empty_map() {
        for yaml in ["", "\n", "# only a comment\n\n# another\n", "   \n"] {
            let (_, root) = ok(yaml);
            assert_eq!(root, Node::new(Span::new(4, 4), Value::Map(vec![])));
        }
        let root = parse("+++\n+++\n", 4..4, &Limits::default()).unwrap();
        assert_eq!(root.span, Span::new(4, 4));
    }

    #[test]
    fn non_mapping_roots_are_returned() {
        let (src, root) = ok("just text\n");
        assert_eq!(root.value, string("just text"));
        assert_eq!(text(&src, root.span), "just text");
        let (_, root) = ok("~\n");
        assert_eq!(root.value, Value::Null);
        let (src, root) = ok("- a\n- 1\n");
        assert_eq!(text(&src, root.span), "- a\n- 1");
        assert_eq!(items(&root)[1].value, Value::Int(1));
    }

    #[test]
    fn second_document_is_an_error() {
        let (src, e) = err("a: 1\n---\nb: 2\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(text(&src, e.span), "---");
        let (src, e) = err("a: 1\n...\nb: 2\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(e.span.start, src.find("b: 2").unwrap());
        // A lone end marker is fine.
        ok("a: 1\n...\n");
    }

    #[test]
    fn complex_keys_are_errors() {
        let (src, e) = err("? [a, b]\n: 1\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(text(&src, e.span), "[a, b]");
        assert_eq!(e.message, "complex mapping keys are not supported");
        let (src, e) = err("{a: 1}: x\n");
        assert_eq!(text(&src, e.span), "{a: 1}");
        let (src, e) = err("a: &m {x: 1}\n*m : 2\n");
        assert_eq!(text(&src, e.span), "*m");
    }

    #[test]
    fn block_scalar_spans() {
        let (src, root) = ok("body: |\n  line 1\n  line 2\n\nnext: >-\n  folded\n  text\nkeep: |+\n  k\n\nempty: |\nafter: &a !!str |2 # c\n   x\nlast: >\n  tail");
        let body = get(&root, "body");
        assert_eq!(text(&src, body.span), "|\n  line 1\n  line 2");
        assert_eq!(body.value, string("line 1\nline 2\n"));
        let next = get(&root, "next");
        assert_eq!(text(&src, next.span), ">-\n  folded\n  text");
        assert_eq!(next.value, string("folded text"));
        let keep = get(&root, "keep");
        assert_eq!(text(&src, keep.span), "|+\n  k");
        assert_eq!(keep.value, string("k\n\n"));
        let empty = get(&root, "empty");
        assert_eq!(text(&src, empty.span), "|");
        assert_eq!(empty.value, string(""));
        let after = get(&root, "after");
        assert_eq!(text(&src, after.span), "|2 # c\n   x");
        assert_eq!(after.value, string(" x\n"));
        assert_eq!(text(&src, get(&root, "last").span), ">\n  tail");
        let (src, root) = ok("- |\n  a\n- >\n  b\n");
        let spans: Vec<&str> = items(&root).iter().map(|n| text(&src, n.span)).collect();
        assert_eq!(spans, ["|\n  a", ">\n  b"]);
        let (src, root) = ok("|\n  root\n");
        assert_eq!(text(&src, root.span), "|\n  root");
    }

    #[test]
    fn implicit_null_spans() {
        let (src, root) = ok("a:\nb: x\n");
        let a = get(&root, "a");
        assert_eq!(a.value, Value::Null);
        assert_eq!(
            a.span,
            Span::new(src.find(':').unwrap() + 1, src.find(':').unwrap() + 1)
        );
        let (src, root) = ok("? a\n");
        assert_eq!(text(&src, root.span), "? a");
        assert_eq!(root.entry("a").unwrap().value.value, Value::Null);
        let (src, root) = ok("m:\n  a:\n");
        assert_eq!(text(&src, get(&root, "m").span), "a:");
    }

    #[test]
    fn tabs_for_indentation_are_an_error() {
        let (src, e) = err("a:\n\tb: 1\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert!(e.span.start >= 4 && e.span.end <= src.len() - 4);
        let (_, e) = err("a:\n  - x\n\t- y\n");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
    }

    #[test]
    fn errors_at_the_end_are_clamped() {
        let (src, e) = err("%TAG ! x\n");
        let end = src.len() - 4;
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert_eq!(e.span, Span::new(end, end));
        let (src, e) = err("a: [1, 2");
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        assert!(e.span.start >= 4 && e.span.end <= src.len() - 4);
        let (src, e) = err("a: \"unterminated");
        let end = src.len() - 4;
        assert!(e.span.end <= end, "{e:?}");
    }

    #[test]
    fn invalid_block_range_is_an_error_not_a_panic() {
        let src = "---\n中: 1\n---\n";
        assert!(parse(src, 5..8, &Limits::default()).is_err());
        assert!(parse(src, 4..100, &Limits::default()).is_err());
    }

    #[test]
    fn no_panics_on_prefixes_and_mutations() {
        let samples = [
            SEED[4..SEED.len() - 4].to_owned(),
            "a: &x [1, {b: *x}]\nc: |\n  中文\n  x\nd: {e: [f, 'g', \"h\\u00e9\"]}\n<<: {z: 1}\n? k\n: v\n".to_owned(),
            "- - - 'a'\n  - !!int 3\n- {x: y,\n   z: [1, 2]}\n- >-\n   folded\n...\n".to_owned(),
        ];
        for sample in &samples {
            let mut cuts: Vec<usize> = (0..=sample.len())
                .filter(|&i| sample.is_char_boundary(i))
                .collect();
            cuts.dedup();
            for &cut in &cuts {
                let (src, block) = wrap(&sample[..cut]);
                check_result(&src, &block, parse(&src, block.clone(), &Limits::default()));
                // Drop one character, and replace one with a YAML indicator.
                if cut < sample.len() {
                    let next = sample[cut..].chars().next().map_or(1, char::len_utf8);
                    for insert in ["", "\t", "[", "}", "\"", "&", "*", ":", "-", "#", "|", "\r"] {
                        let text = format!("{}{insert}{}", &sample[..cut], &sample[cut + next..]);
                        let (src, block) = wrap(&text);
                        check_result(&src, &block, parse(&src, block.clone(), &Limits::default()));
                    }
                }
            }
        }
    }

    fn check_result(src: &str, block: &Range<usize>, result: Result<Node, ParseError>) {
        match result {
            Ok(node) => check_spans(src, block, &node),
            Err(e) => {
                assert!(block.start <= e.span.start && e.span.start <= e.span.end);
                assert!(e.span.end <= block.end, "{e:?} in {src:?}");
                assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
                assert!(!e.message.is_empty());
            }
        }
    }
}
