//! TOML front matter (the block between the `+++` lines) to the spanned tree.
//!
//! Owns: turning `src[block]` into a [`Node`] whose spans are offsets in `src`, and turning
//! the `toml` crate's errors into [`ParseError`]s at file offsets.
//!
//! How it works, in three linear passes:
//! 1. `prescan` walks the block once, tracking strings, comments, brackets and dotted keys
//!    the way `toml`'s lexer does, and computes the tree depth every table, array and inline
//!    table will have. A container deeper than [`Limits::max_depth`] is a `Limit` error at
//!    the bracket (or key dot, or table header) that crosses it, reported BEFORE `toml` sees
//!    the text, so the crate never recurses deeper than our cap. (A `[header]` whose path
//!    runs through an array of tables is one level deeper per such array than the text
//!    shows; `toml` does not recurse on headers, and step 3 checks the real depth again.)
//!    It also records where each `[table]` / `[[array]]` header starts and where its
//!    section's content ends.
//! 2. `toml::de::DeTable::parse_recoverable` parses the block; if it reports errors we
//!    return the earliest one by position, shifted to file offsets. "duplicate key" and
//!    "cannot extend value of type X with a dotted key" (a key defined as a value, then
//!    again as a table) become `DuplicateKey` at the second definition; `toml`'s own
//!    recursion limits become `Limit`; everything else is `Syntax` with `toml`'s message.
//! 3. `convert` turns the `DeTable` into the tree with an explicit stack (no recursion).
//!
//! Invariants and span choices:
//! - Depth counts containers with the root table as depth 1; a container at depth
//!   `max_depth + 1` is rejected (the JSON parser counts the same way).
//! - Root: `Value::Map` spanning the whole block, exactly `block`.
//! - Scalars: the value as written (quotes of strings included, multi-line strings whole,
//!   no trailing comment). Datetimes become `Value::String` holding their source text.
//! - Inline tables `{..}` and arrays `[..]`: brackets included.
//! - A table created by a `[name]` header: from the header's `[` to the end of the last
//!   key/value of its section (comments and blank lines after it excluded); just the
//!   `[name]` token when the section is empty. An element of `[[name]]`: likewise from its
//!   `[[`. The array of tables itself: from its first element's `[[` to its last
//!   element's end.
//! - A table that only exists implicitly (`a` in `a.b = 1` or in `[a.b]`): the span of the
//!   key that first created it (there is no contiguous text that is "the table").
//! - Map entries are in source order (by key position; a `[table]`'s key is the one in its
//!   header), not the crate's sorted order.
//! - Never panics on any input: text is only sliced through `str::get` or at positions the
//!   lexer-like scan proved to be char boundaries.

use std::ops::Range;

use ::toml::de::{DeTable, DeValue};
use ::toml::Spanned;

use super::{Limits, ParseError, ParseErrorKind};
use crate::tree::{Entry, Node, Span, Value};

/// The `toml` crate's own nesting limit for arrays / inline tables and for the parts of a
/// dotted key (`toml_parser`'s `RecursionGuard` and `key.rs`).
const TOML_CRATE_LIMIT: usize = 80;

/// Parse the TOML block `src[block]` (between the `+++` lines). Spans are offsets in `src`.
pub fn parse(src: &str, block: Range<usize>, limits: &Limits) -> Result<Node, ParseError> {
    let Some(text) = src.get(block.clone()) else {
        let at = block.start.min(src.len());
        return Err(ParseError::new(
            ParseErrorKind::Syntax,
            Span::new(at, at),
            "the TOML front matter block is not a valid range of the file",
        ));
    };
    let base = block.start;
    let scan = prescan(text, base, limits)?;
    let (table, errors) = DeTable::parse_recoverable(text);
    if let Some(err) = earliest_error(&errors, text, &scan) {
        return Err(err.shifted(base));
    }
    convert(text, base, table.into_inner(), &scan, limits)
}

// ---------------------------------------------------------------------------------------
// Pass 1: the pre-scan
// ---------------------------------------------------------------------------------------

/// What the pre-scan learned about the block (offsets relative to the block).
struct Scan {
    /// `[header]` / `[[header]]` tokens in order: where the `[` is and where the section's
    /// last significant (non-blank, non-comment) byte ends.
    headers: Vec<HeaderInfo>,
    /// Position of the first key with at least [`TOML_CRATE_LIMIT`] dots (for `toml`'s
    /// span-less "recursion limit" error).
    long_key: Option<usize>,
}

struct HeaderInfo {
    start: usize,
    content_end: usize,
}

impl Scan {
    fn header_at(&self, start: usize) -> Option<&HeaderInfo> {
        self.headers
            .binary_search_by_key(&start, |h| h.start)
            .ok()
            .and_then(|i| self.headers.get(i))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Array,
    Inline,
    Header { array: bool },
}

#[derive(Clone, Copy)]
struct Frame {
    kind: FrameKind,
    /// Tree depth of the container this bracket opens (root table = 1).
    depth: usize,
}

fn limit_error(base: usize, at: Range<usize>, what: &str, max: usize) -> ParseError {
    ParseError::new(
        ParseErrorKind::Limit,
        Span::new(at.start, at.end).shift(base),
        format!("{what} nests deeper than the maximum depth of {max}"),
    )
}

/// One linear pass over the block mirroring `toml_parser`'s lexer for strings and comments.
/// Computes the tree depth of every container and returns a `Limit` error at the first
/// bracket or key dot that goes deeper than `limits.max_depth`. The frame stack never holds
/// more than `max_depth` frames, since every push is checked first.
fn prescan(text: &str, base: usize, limits: &Limits) -> Result<Scan, ParseError> {
    let b = text.as_bytes();
    let max = limits.max_depth;
    if max < 1 {
        return Err(limit_error(base, 0..0, "the front matter table", max));
    }
    let mut scan = Scan {
        headers: Vec::new(),
        long_key: None,
    };
    let mut stack: Vec<Frame> = Vec::new();
    // Depth of the table the current `[header]` section fills (the root table: 1).
    let mut table_depth = 1usize;
    // At the start of a top-level line (only blanks seen so far).
    let mut line_start = true;
    // In key position: a (dotted) key is being read, its tables start below `key_base`.
    let mut in_key = true;
    let mut key_base = 1usize;
    let mut dots = 0usize;
    // Depth a container would get if it opened now in value position.
    let mut value_depth = 2usize;
    // End of the last significant byte (not blank, newline or comment).
    let mut last_sig = 0usize;
    let mut i = 0usize;

    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'\n' | b'\r' => {
                // `toml_parser` treats a lone `\r` as a line break too (then errors on it).
                if matches!(stack.last(), Some(f) if matches!(f.kind, FrameKind::Header { .. })) {
                    stack.pop(); // unclosed header: error recovery, toml reports it
                }
                if stack.is_empty() {
                    line_start = true;
                    in_key = true;
                    key_base = table_depth;
                    dots = 0;
                }
                i += 1;
                continue;
            }
            b'#' => {
                while let Some(&c) = b.get(i) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        let was_line_start = line_start;
        line_start = false;
        match c {
            b'"' | b'\'' => {
                i = skip_string(b, i, c);
            }
            b'[' if was_line_start => {
                let array = b.get(i + 1) == Some(&b'[');
                if let Some(prev) = scan.headers.last_mut() {
                    prev.content_end = last_sig;
                }
                scan.headers.push(HeaderInfo {
                    start: i,
                    content_end: i,
                });
                stack.push(Frame {
                    kind: FrameKind::Header { array },
                    depth: 1,
                });
                in_key = true;
                key_base = 1;
                dots = 0;
                i += if array { 2 } else { 1 };
            }
            b'[' | b'{' => {
                let depth = if in_key {
                    key_base + dots + 1
                } else {
                    value_depth
                };
                if depth > max {
                    let what = if c == b'[' {
                        "this array"
                    } else {
                        "this inline table"
                    };
                    return Err(limit_error(base, i..i + 1, what, max));
                }
                if c == b'[' {
                    stack.push(Frame {
                        kind: FrameKind::Array,
                        depth,
                    });
                    in_key = false;
                    value_depth = depth + 1;
                } else {
                    stack.push(Frame {
                        kind: FrameKind::Inline,
                        depth,
                    });
                    in_key = true;
                    key_base = depth;
                    dots = 0;
                }
                i += 1;
            }
            b']' | b'}' => {
                let popped = stack.pop();
                if let (
                    b']',
                    Some(Frame {
                        kind: FrameKind::Header { array },
                        ..
                    }),
                ) = (c, popped)
                {
                    if array && b.get(i + 1) == Some(&b']') {
                        i += 1;
                    }
                    table_depth = 1 + dots + 1 + usize::from(array);
                    let header_start = scan.headers.last().map_or(0, |h| h.start);
                    if table_depth > max {
                        return Err(limit_error(
                            base,
                            header_start..i + 1,
                            "this table header",
                            max,
                        ));
                    }
                }
                in_key = false;
                if let Some(top) = stack.last() {
                    if top.kind == FrameKind::Array {
                        value_depth = top.depth + 1;
                    }
                }
                i += 1;
            }
            b'=' => {
                if in_key {
                    value_depth = key_base + dots + 1;
                    in_key = false;
                }
                i += 1;
            }
            b',' => {
                match stack.last() {
                    Some(top) if top.kind == FrameKind::Inline => {
                        in_key = true;
                        key_base = top.depth;
                        dots = 0;
                    }
                    Some(top) if top.kind == FrameKind::Array => value_depth = top.depth + 1,
                    _ => {}
                }
                i += 1;
            }
            b'.' => {
                if in_key {
                    dots += 1;
                    // The table named by the key part before this dot sits at key_base + dots.
                    if key_base + dots > max {
                        return Err(limit_error(base, i..i + 1, "this dotted key", max));
                    }
                    if dots >= TOML_CRATE_LIMIT && scan.long_key.is_none() {
                        scan.long_key = Some(i);
                    }
                }
                i += 1;
            }
            _ => {
                // Any other byte: bare key / value text. Step over a whole UTF-8 character so
                // `last_sig` stays on a char boundary.
                i += 1;
                while matches!(b.get(i), Some(&c) if c & 0xC0 == 0x80) {
                    i += 1;
                }
            }
        }
        last_sig = i;
    }
    if let Some(prev) = scan.headers.last_mut() {
        prev.content_end = last_sig;
    }
    Ok(scan)
}

/// Index just past the string whose opening quote `q` (`"` or `'`) is at `b[i]`, with the
/// same rules as `toml_parser`'s lexer: single-line strings also stop (unterminated) at a
/// `\n`, multi-line ones may end with up to two extra quotes, EOF ends everything.
fn skip_string(b: &[u8], i: usize, q: u8) -> usize {
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let mut j = if triple { i + 3 } else { i + 1 };
    while let Some(&c) = b.get(j) {
        if c == b'\\' && q == b'"' {
            j += 1;
            if matches!(b.get(j), Some(b'\\') | Some(b'"')) {
                j += 1;
            }
            continue;
        }
        if triple {
            if c == q && b.get(j + 1) == Some(&q) && b.get(j + 2) == Some(&q) {
                j += 3;
                for _ in 0..2 {
                    if b.get(j) == Some(&q) {
                        j += 1;
                    }
                }
                return j;
            }
        } else if c == q {
            return j + 1;
        } else if c == b'\n' {
            return j;
        }
        j += 1;
    }
    b.len()
}

// ---------------------------------------------------------------------------------------
// Pass 2: errors
// ---------------------------------------------------------------------------------------

/// A `toml` error, classified, with a block-relative span.
struct BlockError {
    kind: ParseErrorKind,
    span: Range<usize>,
    message: String,
}

impl BlockError {
    fn shifted(self, base: usize) -> ParseError {
        ParseError::new(
            self.kind,
            Span::new(self.span.start, self.span.end).shift(base),
            self.message,
        )
    }
}

/// The error that comes first in the text (ties: the one `toml` reported first). `toml`
/// reports structural errors before value-decoding errors, so its first error is not
/// always the earliest one.
fn earliest_error(errors: &[::toml::de::Error], text: &str, scan: &Scan) -> Option<BlockError> {
    errors
        .iter()
        .map(|e| classify(e, text, scan))
        .min_by_key(|e| e.span.start)
}

/// Clamp a `toml` span into the block and onto char boundaries.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Collapse a message onto one line.
fn one_line(msg: &str) -> String {
    msg.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn classify(err: &::toml::de::Error, text: &str, scan: &Scan) -> BlockError {
    let msg = one_line(err.message());
    let Some(span) = err.span() else {
        // Only "recursion limit" (a dotted key with 80+ parts) comes without a span.
        let at = scan.long_key.unwrap_or(0).min(text.len());
        let (kind, message) = if msg == "recursion limit" {
            (
                ParseErrorKind::Limit,
                format!(
                    "this dotted key has more parts than the TOML parser supports \
                     ({TOML_CRATE_LIMIT})"
                ),
            )
        } else {
            (ParseErrorKind::Syntax, msg)
        };
        return BlockError {
            kind,
            span: at..at,
            message,
        };
    };
    let span = clamp_span(text, span);
    let key = text.get(span.clone()).unwrap_or("").trim();
    if msg == "duplicate key" {
        return BlockError {
            kind: ParseErrorKind::DuplicateKey,
            span,
            message: format!("duplicate key `{key}`: it is already defined"),
        };
    }
    if let Some(ty) = msg
        .strip_prefix("cannot extend value of type ")
        .and_then(|rest| rest.strip_suffix(" with a dotted key"))
    {
        return BlockError {
            kind: ParseErrorKind::DuplicateKey,
            span,
            message: format!(
                "duplicate key `{key}`: it is already defined as {} {ty}, \
                 which cannot be extended with a dotted key or table header",
                if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                }
            ),
        };
    }
    if msg.starts_with("cannot recurse further") {
        return BlockError {
            kind: ParseErrorKind::Limit,
            span,
            message: format!(
                "arrays and inline tables nest deeper than the TOML parser supports \
                 ({TOML_CRATE_LIMIT})"
            ),
        };
    }
    BlockError {
        kind: ParseErrorKind::Syntax,
        span,
        message: msg,
    }
}

// ---------------------------------------------------------------------------------------
// Pass 3: conversion
// ---------------------------------------------------------------------------------------

type DeEntry<'i> = (Spanned<::toml::de::DeString<'i>>, Spanned<DeValue<'i>>);

/// A container being converted: its finished children and the ones still to do.
enum Building<'i> {
    Map {
        entries: Vec<Entry>,
        rest: std::vec::IntoIter<DeEntry<'i>>,
    },
    Seq {
        items: Vec<Node>,
        rest: std::vec::IntoIter<Spanned<DeValue<'i>>>,
        /// An array of tables: its span is computed from its elements when done.
        of_tables: bool,
    },
}

struct Pending<'i> {
    /// The key this container is the value of (when its parent is a map).
    key: Option<(String, Span)>,
    span: Span,
    building: Building<'i>,
}

fn to_span(r: &Range<usize>, base: usize) -> Span {
    Span::new(r.start, r.end).shift(base)
}

/// Entries of a table in source order: `toml`'s map is sorted by key text.
fn ordered(table: DeTable<'_>) -> std::vec::IntoIter<DeEntry<'_>> {
    let mut entries: Vec<DeEntry<'_>> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries.into_iter()
}

/// Convert the parsed table to the tree with an explicit stack of unfinished containers;
/// the stack is as deep as the tree, which the pre-scan capped at `max_depth` (checked
/// again here).
fn convert(
    text: &str,
    base: usize,
    root: DeTable<'_>,
    scan: &Scan,
    limits: &Limits,
) -> Result<Node, ParseError> {
    let mut stack: Vec<Pending<'_>> = vec![Pending {
        key: None,
        span: Span::new(0, text.len()).shift(base),
        building: Building::Map {
            entries: Vec::new(),
            rest: ordered(root),
        },
    }];

    loop {
        let Some(top) = stack.last_mut() else {
            // Unreachable: the root is returned when it is finished.
            return Ok(Node::new(Span::new(base, base), Value::Map(Vec::new())));
        };
        let next = match &mut top.building {
            Building::Map { rest, .. } => rest.next().map(|(k, v)| {
                let key_span = to_span(&k.span(), base);
                (Some((k.into_inner().into_owned(), key_span)), v)
            }),
            Building::Seq { rest, .. } => rest.next().map(|v| (None, v)),
        };
        let (key, node) = match next {
            Some((key, value)) => {
                let range = value.span();
                match value.into_inner() {
                    DeValue::Table(table) => {
                        check_depth(text, stack.len() + 1, &range, base, limits)?;
                        let span = match scan.header_at(range.start) {
                            Some(h) => Span::new(range.start, h.content_end.max(range.end)),
                            None => Span::new(range.start, range.end),
                        };
                        stack.push(Pending {
                            key,
                            span: span.shift(base),
                            building: Building::Map {
                                entries: Vec::new(),
                                rest: ordered(table),
                            },
                        });
                        continue;
                    }
                    DeValue::Array(array) => {
                        check_depth(text, stack.len() + 1, &range, base, limits)?;
                        let of_tables = scan.header_at(range.start).is_some();
                        let items: Vec<Spanned<DeValue<'_>>> = array.into_iter().collect();
                        stack.push(Pending {
                            key,
                            span: to_span(&range, base),
                            building: Building::Seq {
                                items: Vec::with_capacity(items.len()),
                                rest: items.into_iter(),
                                of_tables,
                            },
                        });
                        continue;
                    }
                    scalar => (key, scalar_node(text, base, &range, scalar)?),
                }
            }
            None => {
                // `top` is finished: pop it and hand it to its parent.
                let Some(done) = stack.pop() else { continue };
                let (span, value) = match done.building {
                    Building::Map { entries, .. } => (done.span, Value::Map(entries)),
                    Building::Seq {
                        items, of_tables, ..
                    } => {
                        let span = match (of_tables, items.first(), items.last()) {
                            (true, Some(first), Some(last)) => {
                                Span::new(first.span.start, last.span.end)
                            }
                            _ => done.span,
                        };
                        (span, Value::Seq(items))
                    }
                };
                let node = Node::new(span, value);
                if stack.is_empty() {
                    return Ok(node);
                }
                (done.key, node)
            }
        };
        if let Some(parent) = stack.last_mut() {
            match &mut parent.building {
                Building::Map { entries, .. } => {
                    let (key, key_span) = key.unwrap_or_default();
                    entries.push(Entry {
                        key,
                        key_span,
                        value: node,
                    });
                }
                Building::Seq { items, .. } => items.push(node),
            }
        }
    }
}

/// `Limit` error (at the container's first character) if `depth` is too deep.
fn check_depth(
    text: &str,
    depth: usize,
    range: &Range<usize>,
    base: usize,
    limits: &Limits,
) -> Result<(), ParseError> {
    if depth > limits.max_depth {
        let first = text.get(range.start..).and_then(|s| s.chars().next());
        let end = range.start + first.map_or(0, char::len_utf8);
        return Err(limit_error(
            base,
            range.start..end,
            "this value",
            limits.max_depth,
        ));
    }
    Ok(())
}

fn scalar_node(
    text: &str,
    base: usize,
    range: &Range<usize>,
    value: DeValue<'_>,
) -> Result<Node, ParseError> {
    let span = to_span(range, base);
    let raw = text.get(range.clone()).unwrap_or("");
    let value = match value {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(_) => Value::String(raw.to_owned()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => {
                return Err(ParseError::new(
                    ParseErrorKind::Syntax,
                    span,
                    format!("integer `{raw}` does not fit in a 64-bit signed integer"),
                ))
            }
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) if x.is_finite() || f.as_str().contains("inf") || x.is_nan() => Value::Float(x),
            _ => {
                return Err(ParseError::new(
                    ParseErrorKind::Syntax,
                    span,
                    format!("float `{raw}` is out of range for a 64-bit float"),
                ))
            }
        },
        // Containers are handled by the caller; keep the function total anyway.
        DeValue::Array(_) => Value::Seq(Vec::new()),
        DeValue::Table(_) => Value::Map(Vec::new()),
    };
    Ok(Node::new(span, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::testing::{get, on_small_stack, text};

    fn limits() -> Limits {
        Limits::default()
    }

    /// Wrap a block in `+++` fences with a body and parse it; returns (file, tree).
    fn parse_block(block: &str) -> (String, Result<Node, ParseError>) {
        let src = format!("+++\n{block}+++\nBody text.\n");
        let range = 4..4 + block.len();
        let res = parse(&src, range, &limits());
        (src, res)
    }

    const HUGO: &str = r#"title = "你好：世界 Hello" # the title
date = 2025-02-11T11:58:35+08:00
lastmod = 2025-02-12
draft = false
weight = -3
ratio = 1_000.5
lang = ["zh-CN", 'en']
params.author.name = "张三"
params.author.email = "z@example.com"
cover = { image = "a.png", alt = "封面", size.w = 640 }
summary = """
第一行
second line"""
raw = '''C:\path'''

[[menu.main]]
name = "首页"
weight = 1

[[menu.main]]
name = "About"   # trailing comment

[taxonomies]
tag = "tags"
"#;

    #[test]
    fn hugo_block_values_and_spans() {
        let (src, res) = parse_block(HUGO);
        let root = res.unwrap();
        assert_eq!(root.span, Span::new(4, 4 + HUGO.len()));
        let keys: Vec<&str> = match &root.value {
            Value::Map(entries) => entries.iter().map(|e| e.key.as_str()).collect(),
            _ => panic!(),
        };
        assert_eq!(
            keys,
            [
                "title",
                "date",
                "lastmod",
                "draft",
                "weight",
                "ratio",
                "lang",
                "params",
                "cover",
                "summary",
                "raw",
                "menu",
                "taxonomies"
            ]
        );

        let title = root.entry("title").unwrap();
        assert_eq!(text(&src, title.key_span), "title");
        assert_eq!(
            title.value.value,
            Value::String("你好：世界 Hello".to_owned())
        );
        assert_eq!(text(&src, title.value.span), "\"你好：世界 Hello\"");
        assert_eq!(title.value.span.start, src.find('"').unwrap());

        let date = get(&root, &["date"]);
        assert_eq!(
            date.value,
            Value::String("2025-02-11T11:58:35+08:00".to_owned())
        );
        assert_eq!(text(&src, date.span), "2025-02-11T11:58:35+08:00");
        let start = src.find("2025-02-11T").unwrap();
        assert_eq!(date.span, Span::new(start, start + 25));
        assert_eq!(
            get(&root, &["lastmod"]).value,
            Value::String("2025-02-12".to_owned())
        );
        assert_eq!(get(&root, &["draft"]).value, Value::Bool(false));
        assert_eq!(get(&root, &["weight"]).value, Value::Int(-3));
        assert_eq!(get(&root, &["ratio"]).value, Value::Float(1000.5));
        assert_eq!(text(&src, get(&root, &["ratio"]).span), "1_000.5");

        let lang = get(&root, &["lang"]);
        assert_eq!(text(&src, lang.span), r#"["zh-CN", 'en']"#);
        assert_eq!(text(&src, get(&root, &["lang", "0"]).span), "\"zh-CN\"");
        assert_eq!(
            get(&root, &["lang", "0"]).value,
            Value::String("zh-CN".into())
        );
        assert_eq!(text(&src, get(&root, &["lang", "1"]).span), "'en'");

        // Dotted keys: implicit tables spanned by their first key, leaves exact.
        let params = root.entry("params").unwrap();
        assert_eq!(text(&src, params.key_span), "params");
        assert_eq!(text(&src, params.value.span), "params");
        let author = params.value.entry("author").unwrap();
        assert_eq!(text(&src, author.key_span), "author");
        let email = author.value.entry("email").unwrap();
        assert_eq!(text(&src, email.key_span), "email");
        assert!(src[email.key_span.start - 7..].starts_with("author.email"));
        assert_eq!(text(&src, email.value.span), "\"z@example.com\"");
        let names: Vec<&str> = match &author.value.value {
            Value::Map(e) => e.iter().map(|e| e.key.as_str()).collect(),
            _ => panic!(),
        };
        assert_eq!(names, ["name", "email"]);

        // Inline table, with a dotted key inside.
        let cover = get(&root, &["cover"]);
        assert_eq!(
            text(&src, cover.span),
            r#"{ image = "a.png", alt = "封面", size.w = 640 }"#
        );
        assert_eq!(text(&src, get(&root, &["cover", "alt"]).span), "\"封面\"");
        assert_eq!(get(&root, &["cover", "size", "w"]).value, Value::Int(640));

        let summary = get(&root, &["summary"]);
        assert_eq!(
            summary.value,
            Value::String("第一行\nsecond line".to_owned())
        );
        assert_eq!(
            text(&src, summary.span),
            "\"\"\"\n第一行\nsecond line\"\"\""
        );
        assert_eq!(get(&root, &["raw"]).value, Value::String("C:\\path".into()));

        // Arrays of tables.
        let main = get(&root, &["menu", "main"]);
        let items = match &main.value {
            Value::Seq(items) => items,
            _ => panic!("menu.main is not a seq"),
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            text(&src, items[0].span),
            "[[menu.main]]\nname = \"首页\"\nweight = 1"
        );
        assert_eq!(text(&src, items[1].span), "[[menu.main]]\nname = \"About\"");
        assert_eq!(main.span.start, items[0].span.start);
        assert_eq!(main.span.end, items[1].span.end);
        assert_eq!(
            get(&root, &["menu", "main", "0", "name"]).value,
            Value::String("首页".into())
        );
        assert_eq!(
            text(&src, get(&root, &["menu", "main", "1", "name"]).span),
            "\"About\""
        );
        let menu = root.entry("menu").unwrap();
        assert_eq!(text(&src, menu.key_span), "menu");
        assert_eq!(
            text(&src, menu.value.entry("main").unwrap().key_span),
            "main"
        );

        // A [table]: header through its last value.
        let tax = root.entry("taxonomies").unwrap();
        assert_eq!(text(&src, tax.key_span), "taxonomies");
        assert_eq!(text(&src, tax.value.span), "[taxonomies]\ntag = \"tags\"");
    }

    #[test]
    fn header_tables_and_subtables() {
        let block = "[params]\n# c\n\n[params.sub]  # x\nq = 1\n\n# trailing\n[other]\n";
        let (src, res) = parse_block(block);
        let root = res.unwrap();
        let params = get(&root, &["params"]);
        // Empty section: just the header token.
        assert_eq!(text(&src, params.span), "[params]");
        assert_eq!(
            text(&src, get(&root, &["params", "sub"]).span),
            "[params.sub]  # x\nq = 1"
        );
        assert_eq!(text(&src, get(&root, &["other"]).span), "[other]");
        assert_eq!(get(&root, &["params", "sub", "q"]).value, Value::Int(1));
    }

    #[test]
    fn scalars() {
        let block = "a = 0x1F\nb = 0o17\nc = 0b101\nd = +inf\ne = -inf\nf = nan\n\
                     g = 07:32:00\nh = 1979-05-27 07:32:00\ni = 1979-05-27T00:32:00.999999-07:00\n\
                     j = true\nk = 9223372036854775807\nl = -9223372036854775808\nm = 6.02e23\n\
                     n = \"tab\\tq\\\"\\u00e9\"\n";
        let (src, res) = parse_block(block);
        let root = res.unwrap();
        assert_eq!(get(&root, &["a"]).value, Value::Int(31));
        assert_eq!(get(&root, &["b"]).value, Value::Int(15));
        assert_eq!(get(&root, &["c"]).value, Value::Int(5));
        assert_eq!(get(&root, &["d"]).value, Value::Float(f64::INFINITY));
        assert_eq!(get(&root, &["e"]).value, Value::Float(f64::NEG_INFINITY));
        assert!(matches!(get(&root, &["f"]).value, Value::Float(x) if x.is_nan()));
        assert_eq!(get(&root, &["g"]).value, Value::String("07:32:00".into()));
        assert_eq!(
            get(&root, &["h"]).value,
            Value::String("1979-05-27 07:32:00".into())
        );
        assert_eq!(text(&src, get(&root, &["h"]).span), "1979-05-27 07:32:00");
        assert_eq!(
            get(&root, &["i"]).value,
            Value::String("1979-05-27T00:32:00.999999-07:00".into())
        );
        assert_eq!(get(&root, &["j"]).value, Value::Bool(true));
        assert_eq!(get(&root, &["k"]).value, Value::Int(i64::MAX));
        assert_eq!(get(&root, &["l"]).value, Value::Int(i64::MIN));
        assert_eq!(get(&root, &["m"]).value, Value::Float(6.02e23));
        assert_eq!(get(&root, &["n"]).value, Value::String("tab\tq\"é".into()));
        assert_eq!(
            text(&src, get(&root, &["n"]).span),
            "\"tab\\tq\\\"\\u00e9\""
        );
    }

    #[test]
    fn out_of_range_numbers() {
        let (src, res) = parse_block("a = 1\nbig = 99999999999999999999\n");
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        assert_eq!(text(&src, err.span), "99999999999999999999");
        let (src, res) = parse_block("f = 1e400\n");
        let err = res.unwrap_err();
        assert_eq!(text(&src, err.span), "1e400");
    }

    #[test]
    fn duplicate_key() {
        let (src, res) = parse_block("title = \"一\"\ndraft = true\ntitle = \"二\"\n");
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey);
        let second = src.rfind("title").unwrap();
        assert_eq!(err.span, Span::new(second, second + 5));
        assert!(err.message.contains("`title`"), "{}", err.message);

        let (src, res) = parse_block("x = { a = 1, a = 2 }\n");
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(err.span.start, src.rfind("a =").unwrap());

        let (src, res) = parse_block("a = 1\n[a.b]\n");
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(err.span.start, src.find("[a.b]").unwrap() + 1);
        assert!(err.message.contains("`a`"), "{}", err.message);
        assert!(err.message.contains("an integer"), "{}", err.message);
    }

    #[test]
    fn duplicate_table() {
        let block = "[params]\nx = 1\n\n[params]\ny = 2\n";
        let (src, res) = parse_block(block);
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey);
        let second = src.rfind("params").unwrap();
        assert_eq!(err.span, Span::new(second, second + 6));
        assert!(err.message.contains("`params`"), "{}", err.message);
    }

    #[test]
    fn syntax_error_after_cjk() {
        let block = "title = \"你好：世界\" oops\n";
        let (src, res) = parse_block(block);
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        let at = src.find("oops").unwrap();
        assert_eq!(err.span, Span::new(at, at));
        assert!(!err.message.contains('\n'));
        assert!(err.message.contains("expected newline"), "{}", err.message);
    }

    #[test]
    fn earliest_error_wins() {
        // toml reports the line-2 structural error before the line-1 string error.
        let block = "a = \"never closed\ny\"\n";
        let (src, res) = parse_block(block);
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        assert_eq!(err.span.start, src.find('\n').unwrap() + 1 + 17);
    }

    #[test]
    fn unclosed_array_at_block_end() {
        let block = "tags = [\"a\", \"b\"\n";
        let (src, res) = parse_block(block);
        let err = res.unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        assert!(err.span.end <= src.find("+++\nBody").unwrap());
        assert!(err.message.contains("unclosed array"), "{}", err.message);
    }

    #[test]
    fn crlf() {
        let block =
            "title = \"标题\"\r\ntags = [\r\n  \"a\",\r\n  \"b\",\r\n]\r\n[params]\r\nx = 1\r\n";
        let src = format!("+++\r\n{block}+++\r\nbody");
        let root = parse(&src, 5..5 + block.len(), &limits()).unwrap();
        assert_eq!(text(&src, get(&root, &["title"]).span), "\"标题\"");
        assert_eq!(
            text(&src, get(&root, &["tags"]).span),
            "[\r\n  \"a\",\r\n  \"b\",\r\n]"
        );
        assert_eq!(text(&src, get(&root, &["tags", "1"]).span), "\"b\"");
        assert_eq!(
            text(&src, get(&root, &["params"]).span),
            "[params]\r\nx = 1"
        );
    }

    #[test]
    fn empty_block() {
        let src = "+++\n+++\nbody";
        let root = parse(src, 4..4, &limits()).unwrap();
        assert_eq!(root, Node::new(Span::new(4, 4), Value::Map(Vec::new())));
    }

    #[test]
    fn bad_block_range_is_an_error_not_a_panic() {
        let src = "+++\n标题\n+++";
        assert!(parse(src, 5..6, &limits()).is_err());
        assert!(parse(src, 4..400, &limits()).is_err());
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let err = on_small_stack(|| {
            let block = format!("a = {}\n", "[".repeat(100_000));
            let (_, res) = parse_block(&block);
            res.unwrap_err()
        });
        assert_eq!(err.kind, ParseErrorKind::Limit);
        // Root is depth 1, so the array at depth 129 (the 128th `[`) crosses 128.
        let at = 4 + 4 + 127;
        assert_eq!(err.span, Span::new(at, at + 1));

        let err = on_small_stack(|| {
            let block = format!("a = {}\n", "{b = ".repeat(100_000));
            let (_, res) = parse_block(&block);
            res.unwrap_err()
        });
        assert_eq!(err.kind, ParseErrorKind::Limit);
        assert_eq!(err.span.start, 4 + 4 + 5 * 127);
    }

    #[test]
    fn nesting_at_the_limit_is_fine() {
        let lim = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        // root(1) a(2) [3] [4] [5]: four arrays fit, five do not
        let src = "a = [[[[1]]]]\n";
        let root = parse(src, 0..src.len(), &lim).unwrap();
        assert_eq!(get(&root, &["a", "0", "0", "0", "0"]).value, Value::Int(1));
        let src = "a = [[[[[1]]]]]\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(8, 9))
        );
        // Dotted keys count: root(1) a(2) b(3) c(4) d(5) e-value is a scalar: fine.
        let src = "a.b.c.d.e = 1\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "a.b.c.d.e.f = 1\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(9, 10))
        );
        let src = "a.b.c.d = [1]\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "a.b.c.d = [[1]]\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(11, 12))
        );
        // Headers: [a.b.c] is depth 4, [[a.b.c]] elements depth 5, then one more level.
        let src = "[[a.b.c]]\nx = 1\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "[[a.b]]\nx = [1]\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "[[a.b]]\nx = [[1]]\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(13, 14))
        );
        let src = "[[a.b.c.d]]\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(0, 11))
        );
        // A header through an array of tables is one level deeper than its brackets say:
        // root(1) a(2) element(3) b(4), so c's array is 5. The conversion check catches what the pre-scan
        // cannot know.
        let src = "[[a]]\n[a.b]\nc = [1]\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "[[a]]\n[a.b]\nc = [[1]]\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(17, 18))
        );
        // Inline tables with dotted keys.
        let src = "a = {b.c = {d = 1}}\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "a = {b.c = {d = {}}}\n";
        assert!(parse(src, 0..src.len(), &lim).is_ok());
        let src = "a = {b.c = {d = {e = []}}}\n";
        let err = parse(src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(
            (err.kind, err.span),
            (ParseErrorKind::Limit, Span::new(21, 22))
        );
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let lim = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let src = "a = \"[[[[\" # [[[[{{{{\nb = '[[[[' \nc = \"\"\"\n[[[[\\\"\"\"\"\nd = '''[[[['''''\ne.f = [\"\\\\\", '[[[']\n";
        let root = parse(src, 0..src.len(), &lim).unwrap();
        assert_eq!(get(&root, &["c"]).value, Value::String("[[[[\"".into()));
        assert_eq!(get(&root, &["d"]).value, Value::String("[[[[''".into()));
        assert_eq!(
            get(&root, &["e", "f", "1"]).value,
            Value::String("[[[".into())
        );
    }

    #[test]
    fn toml_crate_limits_map_to_limit_errors() {
        let lim = Limits {
            max_depth: 1000,
            ..Limits::default()
        };
        let src = format!("a = {}1{}\n", "[".repeat(90), "]".repeat(90));
        let err = parse(&src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Limit);
        let keys: Vec<String> = (0..90).map(|i| format!("k{i}")).collect();
        let src = format!("x = 1\n{} = 1\n", keys.join("."));
        let err = parse(&src, 0..src.len(), &lim).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Limit);
        assert_eq!(
            err.span.start,
            6 + src[6..].match_indices('.').nth(79).unwrap().0
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "\"",
            "'",
            "\"\"\"",
            "'''",
            "[",
            "[[",
            "]",
            "}",
            "{",
            "a = \"\\",
            "a = \"\\u",
            "a = [",
            "a = {",
            "a.b.",
            "[a.]",
            "= 1",
            "a = 1\r",
            "a = 1 \r b = 2",
            "é = 1",
            "a = \"é",
            "[[a]\n",
            "a = ]]]]",
            "a = }}}",
            "a = [1, {b = [}]]",
            "\u{feff}a = 1",
            "a = 1979-05-27T",
            "a = 0x",
            "a = 1__0",
            "#\r[[[[[[[[",
            "[a\nb = [[[",
        ];
        for input in inputs {
            let src = format!("+++\n{input}\n+++\n");
            let _ = parse(&src, 4..4 + input.len() + 1, &limits());
        }
    }
}
