//! JSON front matter (Hugo: a JSON object at the top of the file, then the body) to the
//! spanned tree.
//!
//! Owns: a hand-written, strict RFC 8259 parser for ONE object starting at a given byte of
//! the file. It stops right after the object's closing `}` and never looks at the body.
//!
//! Invariants:
//! - One pass over the bytes, no recursion: unfinished objects and arrays live on an
//!   explicit stack, which never holds more than [`Limits::max_depth`] containers (the
//!   root object is depth 1; the bracket that would make depth `max_depth + 1` is a `Limit`
//!   error at that bracket, so a 100,000-deep input costs nothing).
//! - Spans are offsets in the original `src`: strings and keys include their quotes,
//!   objects and arrays their brackets, numbers and literals their text.
//! - Numbers that fit `i64` (no fraction, no exponent) are `Int`, all others `Float`;
//!   `-0` is `Float(-0.0)` (sign kept, like serde_json); a number too large for `f64` is
//!   a `Syntax` error (JSON has no infinity). Strings are decoded fully (`\uXXXX`
//!   surrogate pairs; a lone surrogate is an error).
//! - Errors point at the exact offending byte/character (or are empty at end of input,
//!   `src.len()..src.len()`). A key repeated in one object is `DuplicateKey` at the second
//!   key. Never panics on any input: every slice is on a char boundary or goes through
//!   `str::get`.

use std::collections::HashSet;

use super::{Limits, ParseError, ParseErrorKind};
use crate::tree::{Entry, Node, Span, Value};

/// Parse the JSON object that starts at byte `start` of `src` (Hugo's JSON front matter: a
/// JSON object at the top of the file, followed by the body). Returns the tree and the
/// byte offset just past the object's closing `}`. Spans are offsets in `src`.
pub fn parse(src: &str, start: usize, limits: &Limits) -> Result<(Node, usize), ParseError> {
    Parser {
        src,
        b: src.as_bytes(),
        i: start,
        max_depth: limits.max_depth,
    }
    .run()
}

/// Objects with more keys than this look duplicates up in a hash set instead of a scan.
const LINEAR_KEY_SCAN: usize = 16;

struct Parser<'s> {
    src: &'s str,
    b: &'s [u8],
    i: usize,
    max_depth: usize,
}

/// An object or array still being parsed.
enum Open {
    Object {
        start: usize,
        entries: Vec<Entry>,
        /// Key whose value is being parsed.
        key: Option<(String, Span)>,
        /// Key set, built once the object outgrows [`LINEAR_KEY_SCAN`].
        seen: Option<HashSet<String>>,
    },
    Array {
        start: usize,
        items: Vec<Node>,
    },
}

/// What the parser expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// A value (after `:` in an object, or after `,` in an array).
    Value,
    /// Right after `[`: a value or `]`.
    FirstItem,
    /// Right after `{`: a key or `}`.
    FirstKey,
    /// After `,` in an object: a key.
    Key,
    /// After an object value: `,` or `}`.
    AfterMember,
    /// After an array item: `,` or `]`.
    AfterItem,
}

fn syntax(span: Span, message: impl Into<String>) -> ParseError {
    ParseError::new(ParseErrorKind::Syntax, span, message)
}

/// `found `x`` for a message, with control characters escaped.
fn show(c: char) -> String {
    match c {
        '`' => "'`'".to_owned(),
        c if c.is_control() => format!("`{}`", c.escape_debug()),
        c => format!("`{c}`"),
    }
}

impl<'s> Parser<'s> {
    fn run(mut self) -> Result<(Node, usize), ParseError> {
        if self.src.get(self.i..).is_none() {
            let at = self.i.min(self.src.len());
            return Err(syntax(
                Span::new(at, at),
                "the JSON front matter does not start on a character boundary of the file",
            ));
        }
        self.skip_ws();
        match self.b.get(self.i) {
            Some(b'{') => {}
            Some(_) => {
                let (span, found) = self.found_here();
                return Err(syntax(
                    span,
                    format!(
                        "JSON front matter must be an object starting with `{{`, found {found}"
                    ),
                ));
            }
            None => return Err(self.eof()),
        }

        let mut stack: Vec<Open> = Vec::new();
        let mut state = State::Value;
        loop {
            self.skip_ws();
            let Some(&c) = self.b.get(self.i) else {
                return Err(self.eof());
            };
            let done: Node = match state {
                State::Value | State::FirstItem => {
                    if state == State::FirstItem && c == b']' {
                        self.i += 1;
                        self.close(&mut stack)?
                    } else {
                        match c {
                            b'{' | b'[' => {
                                if stack.len() + 1 > self.max_depth {
                                    return Err(ParseError::new(
                                        ParseErrorKind::Limit,
                                        Span::new(self.i, self.i + 1),
                                        format!(
                                            "JSON nests deeper than the maximum depth of {}",
                                            self.max_depth
                                        ),
                                    ));
                                }
                                let start = self.i;
                                self.i += 1;
                                if c == b'{' {
                                    stack.push(Open::Object {
                                        start,
                                        entries: Vec::new(),
                                        key: None,
                                        seen: None,
                                    });
                                    state = State::FirstKey;
                                } else {
                                    stack.push(Open::Array {
                                        start,
                                        items: Vec::new(),
                                    });
                                    state = State::FirstItem;
                                }
                                continue;
                            }
                            _ => self.scalar()?,
                        }
                    }
                }
                State::FirstKey | State::Key => {
                    if c == b'}' && state == State::FirstKey {
                        self.i += 1;
                        self.close(&mut stack)?
                    } else if c == b'"' {
                        self.key(&mut stack)?;
                        state = State::Value;
                        continue;
                    } else {
                        let (span, found) = self.found_here();
                        let message = if state == State::FirstKey {
                            format!("expected a string key or `}}`, found {found}")
                        } else if c == b'}' {
                            "expected a string key after `,`, found `}` (trailing commas are not allowed in JSON)".to_owned()
                        } else {
                            format!("expected a string key after `,`, found {found}")
                        };
                        return Err(syntax(span, message));
                    }
                }
                State::AfterMember | State::AfterItem => {
                    let object = state == State::AfterMember;
                    match (c, object) {
                        (b',', true) => {
                            self.i += 1;
                            state = State::Key;
                            continue;
                        }
                        (b',', false) => {
                            self.i += 1;
                            self.skip_ws();
                            if self.b.get(self.i) == Some(&b']') {
                                return Err(syntax(
                                    Span::new(self.i, self.i + 1),
                                    "expected a value after `,`, found `]` (trailing commas are not allowed in JSON)",
                                ));
                            }
                            state = State::Value;
                            continue;
                        }
                        (b'}', true) | (b']', false) => {
                            self.i += 1;
                            self.close(&mut stack)?
                        }
                        _ => {
                            let (span, found) = self.found_here();
                            let message = if object {
                                format!("expected `,` or `}}` after object value, found {found}")
                            } else {
                                format!("expected `,` or `]` after array value, found {found}")
                            };
                            return Err(syntax(span, message));
                        }
                    }
                }
            };
            // A value is complete: hand it to its container, or finish.
            match stack.last_mut() {
                None => return Ok((done, self.i)),
                Some(Open::Object { entries, key, .. }) => {
                    let (key, key_span) = key.take().unwrap_or_default();
                    entries.push(Entry {
                        key,
                        key_span,
                        value: done,
                    });
                    state = State::AfterMember;
                }
                Some(Open::Array { items, .. }) => {
                    items.push(done);
                    state = State::AfterItem;
                }
            }
        }
    }

    /// Pop the innermost container (its closing bracket was just consumed).
    fn close(&mut self, stack: &mut Vec<Open>) -> Result<Node, ParseError> {
        match stack.pop() {
            Some(Open::Object { start, entries, .. }) => {
                Ok(Node::new(Span::new(start, self.i), Value::Map(entries)))
            }
            Some(Open::Array { start, items }) => {
                Ok(Node::new(Span::new(start, self.i), Value::Seq(items)))
            }
            None => Err(syntax(
                Span::new(self.i, self.i),
                "unbalanced closing bracket",
            )),
        }
    }

    /// Parse an object key (at `"`), check it is new, then the `:` after it.
    fn key(&mut self, stack: &mut [Open]) -> Result<(), ParseError> {
        let start = self.i;
        let name = self.string()?;
        let key_span = Span::new(start, self.i);
        if let Some(Open::Object {
            entries, key, seen, ..
        }) = stack.last_mut()
        {
            let duplicate = match seen {
                Some(set) => !set.insert(name.clone()),
                None => {
                    let dup = entries.iter().any(|e| e.key == name);
                    if !dup && entries.len() >= LINEAR_KEY_SCAN {
                        let mut set: HashSet<String> =
                            entries.iter().map(|e| e.key.clone()).collect();
                        set.insert(name.clone());
                        *seen = Some(set);
                    }
                    dup
                }
            };
            if duplicate {
                return Err(ParseError::new(
                    ParseErrorKind::DuplicateKey,
                    key_span,
                    format!(
                        "duplicate key {}: it is already defined in this object",
                        &self.src[start..self.i]
                    ),
                ));
            }
            *key = Some((name, key_span));
        }
        self.skip_ws();
        match self.b.get(self.i) {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => {
                let (span, found) = self.found_here();
                Err(syntax(
                    span,
                    format!("expected `:` after object key, found {found}"),
                ))
            }
            None => Err(self.eof()),
        }
    }

    /// A string, number or literal at `self.i` (which is not at end of input).
    fn scalar(&mut self) -> Result<Node, ParseError> {
        let start = self.i;
        let Some(&c) = self.b.get(start) else {
            return Err(self.eof());
        };
        let value = match c {
            b'"' => Value::String(self.string()?),
            b'-' | b'0'..=b'9' => self.number()?,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while matches!(self.b.get(self.i), Some(c) if c.is_ascii_alphanumeric() || *c == b'_')
                {
                    self.i += 1;
                }
                match &self.src[start..self.i] {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    word => {
                        return Err(syntax(
                            Span::new(start, self.i),
                            format!("expected a JSON value, found `{word}`"),
                        ))
                    }
                }
            }
            _ => {
                let (span, found) = self.found_here();
                let hint = match c {
                    b'+' => " (JSON numbers cannot start with `+`)",
                    b'.' => " (JSON numbers need a digit before `.`)",
                    b'\'' => " (JSON strings use double quotes)",
                    _ => "",
                };
                return Err(syntax(
                    span,
                    format!("expected a JSON value, found {found}{hint}"),
                ));
            }
        };
        Ok(Node::new(Span::new(start, self.i), value))
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if matches!(self.b.get(self.i), Some(c) if c.is_ascii_digit()) {
                    return Err(syntax(
                        Span::new(self.i - 1, self.i),
                        "invalid number: leading zeros are not allowed in JSON",
                    ));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.expected_digit("after `-`")),
        }
        let mut integer = true;
        if self.b.get(self.i) == Some(&b'.') {
            integer = false;
            self.i += 1;
            if !matches!(self.b.get(self.i), Some(c) if c.is_ascii_digit()) {
                return Err(self.expected_digit("after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            integer = false;
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.b.get(self.i), Some(c) if c.is_ascii_digit()) {
                return Err(self.expected_digit("in the exponent"));
            }
            self.digits();
        }
        let text = &self.src[start..self.i];
        if integer {
            match text.parse::<i64>() {
                // `-0` keeps its sign (as serde_json does), so it must be a float.
                Ok(0) if text.starts_with('-') => return Ok(Value::Float(-0.0)),
                Ok(n) => return Ok(Value::Int(n)),
                Err(_) => {}
            }
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Value::Float(x)),
            _ => Err(syntax(
                Span::new(start, self.i),
                format!("number `{text}` is out of range for a 64-bit float"),
            )),
        }
    }

    fn digits(&mut self) {
        while matches!(self.b.get(self.i), Some(c) if c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    fn expected_digit(&self, place: &str) -> ParseError {
        match self.b.get(self.i) {
            None => self.eof(),
            Some(_) => {
                let (span, found) = self.found_here();
                syntax(
                    span,
                    format!("invalid number: expected a digit {place}, found {found}"),
                )
            }
        }
    }

    /// A string at `self.i` (a `"`); leaves `self.i` just past the closing quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1;
        let mut out = String::new();
        let mut chunk = self.i;
        loop {
            while matches!(self.b.get(self.i), Some(&c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            let Some(&c) = self.b.get(self.i) else {
                let end = self.src.len();
                return Err(syntax(Span::new(end, end), "unterminated string"));
            };
            // `self.i` is at an ASCII byte, so `chunk..self.i` is on char boundaries.
            out.push_str(&self.src[chunk..self.i]);
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.escape(&mut out)?;
                    chunk = self.i;
                }
                b'\n' | b'\r' => {
                    return Err(syntax(
                        Span::new(self.i, self.i + 1),
                        "unterminated string: a JSON string cannot contain a raw line break (write `\\n`)",
                    ))
                }
                _ => {
                    return Err(syntax(
                        Span::new(self.i, self.i + 1),
                        format!(
                            "control character U+{:04X} must be escaped in a JSON string",
                            c
                        ),
                    ))
                }
            }
        }
    }

    /// An escape at `self.i` (the `\`); appends the character to `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let start = self.i;
        self.i += 1;
        let Some(&c) = self.b.get(self.i) else {
            let end = self.src.len();
            return Err(syntax(Span::new(end, end), "unterminated string"));
        };
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.i += 1;
                let first = self.hex4()?;
                let cp = match first {
                    0xD800..=0xDBFF => {
                        let low = if self.b.get(self.i..self.i + 2) == Some(b"\\u") {
                            let save = self.i;
                            self.i += 2;
                            let low = self.hex4()?;
                            if (0xDC00..=0xDFFF).contains(&low) {
                                Some(low)
                            } else {
                                self.i = save;
                                None
                            }
                        } else {
                            None
                        };
                        match low {
                            Some(low) => 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00),
                            None => {
                                return Err(self.lone_surrogate(
                                    start,
                                    "high",
                                    "followed by a low surrogate `\\uDC00`-`\\uDFFF`",
                                ))
                            }
                        }
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.lone_surrogate(
                            start,
                            "low",
                            "preceded by a high surrogate `\\uD800`-`\\uDBFF`",
                        ))
                    }
                    cp => cp,
                };
                // Every value here is a valid scalar value (surrogates handled above).
                out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            _ => {
                let ch = self.src.get(self.i..).and_then(|s| s.chars().next());
                let len = ch.map_or(1, char::len_utf8);
                let shown = ch.map_or_else(|| "?".to_owned(), |c| c.escape_debug().to_string());
                return Err(syntax(
                    Span::new(start, self.i + len),
                    format!("invalid escape `\\{shown}` in string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
                ));
            }
        };
        self.i += 1;
        out.push(ch);
        Ok(())
    }

    fn lone_surrogate(&self, start: usize, which: &str, need: &str) -> ParseError {
        let end = start + 6;
        let text = self.src.get(start..end).unwrap_or("\\u????");
        syntax(
            Span::new(start, end),
            format!("lone surrogate `{text}` in string: a {which} surrogate must be {need}"),
        )
    }

    /// Four hex digits at `self.i`.
    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut cp = 0u32;
        for _ in 0..4 {
            let digit = match self.b.get(self.i) {
                Some(&c) => (c as char).to_digit(16),
                None => {
                    let end = self.src.len();
                    return Err(syntax(Span::new(end, end), "unterminated string"));
                }
            };
            match digit {
                Some(d) => cp = cp * 16 + d,
                _ => {
                    let (span, found) = self.found_here();
                    return Err(syntax(
                        span,
                        format!("invalid `\\u` escape: expected 4 hex digits, found {found}"),
                    ));
                }
            }
            self.i += 1;
        }
        Ok(cp)
    }

    fn skip_ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// The character at `self.i` (not at end of input): its span and how to show it.
    fn found_here(&self) -> (Span, String) {
        match self.src.get(self.i..).and_then(|s| s.chars().next()) {
            Some(c) => (Span::new(self.i, self.i + c.len_utf8()), show(c)),
            None => (Span::new(self.i, self.i), "end of input".to_owned()),
        }
    }

    fn eof(&self) -> ParseError {
        let end = self.src.len();
        syntax(
            Span::new(end, end),
            "unexpected end of input: the JSON front matter never closes",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::testing::{get, on_small_stack, text};

    fn limits() -> Limits {
        Limits::default()
    }

    fn ok(src: &str) -> (Node, usize) {
        parse(src, 0, &limits()).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
    }

    fn err(src: &str) -> ParseError {
        match parse(src, 0, &limits()) {
            Ok(v) => panic!("{src:?} parsed: {v:?}"),
            Err(e) => e,
        }
    }

    const HUGO: &str = r#"{
  "title": "你好：世界 Hello",
  "date": "2025-02-11T11:58:35+08:00",
  "draft": false,
  "weight": -3,
  "ratio": 1000.5,
  "lang": ["zh-CN", "en"],
  "params": {"author": {"name": "张三", "email": null}},
  "menu": {"main": [{"name": "首页", "weight": 1}, {"name": "About"}]}
}

Body text with a } and a { and "quotes".
"#;

    #[test]
    fn hugo_object_values_spans_and_end() {
        let (root, end) = ok(HUGO);
        let close = HUGO.find("}\n\nBody").unwrap();
        assert_eq!(end, close + 1);
        assert_eq!(root.span, Span::new(0, close + 1));
        let keys: Vec<&str> = match &root.value {
            Value::Map(e) => e.iter().map(|e| e.key.as_str()).collect(),
            _ => panic!(),
        };
        assert_eq!(
            keys,
            ["title", "date", "draft", "weight", "ratio", "lang", "params", "menu"]
        );
        let title = root.entry("title").unwrap();
        assert_eq!(text(HUGO, title.key_span), "\"title\"");
        assert_eq!(title.key_span.start, 4);
        assert_eq!(text(HUGO, title.value.span), "\"你好：世界 Hello\"");
        assert_eq!(title.value.span.start, 13);
        assert_eq!(title.value.span.len(), 2 + 5 * 3 + 6);
        assert_eq!(title.value.value, Value::String("你好：世界 Hello".into()));
        let date = get(&root, &["date"]);
        assert_eq!(text(HUGO, date.span), "\"2025-02-11T11:58:35+08:00\"");
        assert_eq!(get(&root, &["draft"]).value, Value::Bool(false));
        assert_eq!(get(&root, &["weight"]).value, Value::Int(-3));
        assert_eq!(get(&root, &["ratio"]).value, Value::Float(1000.5));
        assert_eq!(text(HUGO, get(&root, &["lang"]).span), r#"["zh-CN", "en"]"#);
        let zh = get(&root, &["lang", "0"]);
        assert_eq!(text(HUGO, zh.span), "\"zh-CN\"");
        assert_eq!(zh.value, Value::String("zh-CN".into()));
        assert_eq!(text(HUGO, get(&root, &["lang", "1"]).span), "\"en\"");
        assert_eq!(
            text(HUGO, get(&root, &["params"]).span),
            r#"{"author": {"name": "张三", "email": null}}"#
        );
        assert_eq!(
            get(&root, &["params", "author", "email"]).value,
            Value::Null
        );
        let name = get(&root, &["menu", "main", "0", "name"]);
        assert_eq!(text(HUGO, name.span), "\"首页\"");
        assert_eq!(
            text(HUGO, get(&root, &["menu", "main", "1"]).span),
            r#"{"name": "About"}"#
        );
        let k = get(&root, &["menu", "main", "1"]).entry("name").unwrap();
        assert_eq!(text(HUGO, k.key_span), "\"name\"");
    }

    #[test]
    fn start_offset_and_no_trailing_whitespace() {
        let src = "\u{feff}{\"a\": 1}  \n\nbody";
        let (root, end) = parse(src, 3, &limits()).unwrap();
        assert_eq!(end, 11);
        assert_eq!(&src[..end], "\u{feff}{\"a\": 1}");
        assert_eq!(root.span, Span::new(3, 11));
        assert_eq!(text(src, get(&root, &["a"]).span), "1");
        let (_, end) = ok("{}");
        assert_eq!(end, 2);
        let (root, end) = ok(" \n{ }x");
        assert_eq!((root.span, end), (Span::new(2, 5), 5));
    }

    #[test]
    fn escapes_and_surrogates() {
        let src =
            r#"{"s": "a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u4F60\uD83D\uDE00\u0000", "k\u0041": 1}"#;
        let (root, _) = ok(src);
        assert_eq!(
            get(&root, &["s"]).value,
            Value::String("a\"b\\c/d\u{8}e\u{c}f\ng\rh\tié你😀\0".into())
        );
        let s = get(&root, &["s"]);
        assert_eq!(s.span, Span::new(6, src.find(", \"k").unwrap()));
        let k = root.entry("kA").unwrap();
        assert_eq!(text(src, k.key_span), r#""k\u0041""#);

        // Lone surrogates.
        let src = r#"{"s": "x\uD83Dy"}"#;
        let e = err(src);
        assert_eq!((e.kind, e.span), (ParseErrorKind::Syntax, Span::new(8, 14)));
        assert!(e.message.contains("lone surrogate"), "{}", e.message);
        let src = r#"{"s": "\uDE00"}"#;
        let e = err(src);
        assert_eq!(e.span, Span::new(7, 13));
        assert!(e.message.contains("lone surrogate"), "{}", e.message);
        let src = r#"{"s": "\uD83D\u0041"}"#;
        let e = err(src);
        assert_eq!(e.span, Span::new(7, 13));

        // Bad escapes.
        let e = err(r#"{"s": "a\qb"}"#);
        assert_eq!(e.span, Span::new(8, 10));
        assert!(e.message.contains("invalid escape `\\q`"), "{}", e.message);
        let e = err("{\"s\": \"\\é\"}");
        assert_eq!(e.span, Span::new(7, 10));
        let e = err(r#"{"s": "\u12G4"}"#);
        assert_eq!(e.span, Span::new(11, 12));
        assert!(e.message.contains("hex"), "{}", e.message);
    }

    #[test]
    fn string_errors() {
        let e = err("{\"title\": \"你好");
        assert_eq!(
            (e.kind, e.span),
            (ParseErrorKind::Syntax, Span::new(17, 17))
        );
        assert_eq!(e.message, "unterminated string");
        let e = err("{\"title\": \"你好\n\"}");
        assert_eq!(e.span, Span::new(17, 18));
        assert!(
            e.message.starts_with("unterminated string"),
            "{}",
            e.message
        );
        let e = err("{\"a\": \"x\ty\"}");
        assert_eq!(e.span, Span::new(8, 9));
        assert!(e.message.contains("U+0009"), "{}", e.message);
        let e = err("{\"a\": \"x\\");
        assert_eq!(e.span, Span::new(9, 9));
    }

    #[test]
    fn structural_errors() {
        let e = err(r#"{"a": 1 ]"#);
        assert_eq!((e.kind, e.span), (ParseErrorKind::Syntax, Span::new(8, 9)));
        assert_eq!(
            e.message,
            "expected `,` or `}` after object value, found `]`"
        );
        let e = err(r#"{"a": [1 }"#);
        assert_eq!(e.span, Span::new(9, 10));
        assert_eq!(
            e.message,
            "expected `,` or `]` after array value, found `}`"
        );
        let e = err(r#"{"a" 1}"#);
        assert_eq!(e.span, Span::new(5, 6));
        assert_eq!(e.message, "expected `:` after object key, found `1`");
        let e = err(r#"{"a": 1,}"#);
        assert_eq!(e.span, Span::new(8, 9));
        assert!(e.message.contains("trailing comma"), "{}", e.message);
        let e = err(r#"{"a": [1,]}"#);
        assert_eq!(e.span, Span::new(9, 10));
        assert!(e.message.contains("trailing comma"), "{}", e.message);
        let e = err(r#"{a: 1}"#);
        assert_eq!(e.span, Span::new(1, 2));
        assert_eq!(e.message, "expected a string key or `}`, found `a`");
        let e = err(r#"{"a": }"#);
        assert_eq!(e.span, Span::new(6, 7));
        assert_eq!(e.message, "expected a JSON value, found `}`");
        let e = err(r#"{"a": 'x'}"#);
        assert_eq!(e.span, Span::new(6, 7));
        let e = err(r#"{"a": NaN}"#);
        assert_eq!(e.span, Span::new(6, 9));
        assert_eq!(e.message, "expected a JSON value, found `NaN`");
        let e = err(r#"{"a": True}"#);
        assert_eq!(e.span, Span::new(6, 10));
        let e = err(r#"{"a": nul}"#);
        assert_eq!(e.span, Span::new(6, 9));
        let e = err("{\"标题\": 1 ：}");
        assert_eq!(e.span, Span::new(13, 16));
        assert_eq!(
            e.message,
            "expected `,` or `}` after object value, found `：`"
        );
    }

    #[test]
    fn eof_errors() {
        for src in [
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\": 1",
            "{\"a\": [1,",
            "{\"a\": {\"b\": [] ",
            "  ",
        ] {
            let e = err(src);
            assert_eq!(e.kind, ParseErrorKind::Syntax, "{src:?}");
            assert_eq!(e.span, Span::new(src.len(), src.len()), "{src:?}");
            assert!(
                e.message.starts_with("unexpected end of input"),
                "{src:?}: {}",
                e.message
            );
        }
        let e = err("{\"a\": 1");
        assert_eq!(
            e.message,
            "unexpected end of input: the JSON front matter never closes"
        );
        let e = err("{\"a\": -");
        assert_eq!(e.span, Span::new(7, 7));
    }

    #[test]
    fn root_must_be_an_object() {
        for (src, at, len) in [
            ("[1]", 0, 1),
            ("  \"x\"", 2, 1),
            ("标题", 0, 3),
            ("1", 0, 1),
        ] {
            let e = err(src);
            assert_eq!(
                (e.kind, e.span),
                (ParseErrorKind::Syntax, Span::new(at, at + len)),
                "{src:?}"
            );
            assert!(e.message.contains("must be an object"), "{}", e.message);
        }
        // A start that is not on a char boundary is an error, not a panic.
        assert!(parse("标题", 1, &limits()).is_err());
        assert!(parse("{}", 10, &limits()).is_err());
    }

    #[test]
    fn duplicate_key() {
        let src = r#"{"title": "a", "draft": true, "title": "b"}"#;
        let e = err(src);
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey);
        assert_eq!(e.span, Span::new(30, 37));
        assert!(e.message.contains("\"title\""), "{}", e.message);
        // Same key in different objects is fine; escaped spelling is the same key.
        ok(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#);
        let e = err(r#"{"a": 1, "\u0061": 2}"#);
        assert_eq!(e.span, Span::new(9, 17));
        // Many keys (hash-set path).
        let mut src = String::from("{");
        for i in 0..40 {
            src.push_str(&format!("\"k{i}\": {i}, "));
        }
        let at = src.len();
        src.push_str("\"k33\": 0}");
        let e = err(&src);
        assert_eq!(
            (e.kind, e.span),
            (ParseErrorKind::DuplicateKey, Span::new(at, at + 5))
        );
        let mut src = String::from("{");
        for i in 0..40 {
            src.push_str(&format!("\"k{i}\": {i}, "));
        }
        src.push_str("\"k40\": 0}");
        let (root, _) = ok(&src);
        assert_eq!(get(&root, &["k39"]).value, Value::Int(39));
    }

    #[test]
    fn numbers() {
        let src = r#"{"a": [0, -0, 12, -12, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5, -0.25, 1e3, 1E+2, 2.5e-3, -0.0, 0e0]}"#;
        let (root, _) = ok(src);
        let items = match &get(&root, &["a"]).value {
            Value::Seq(items) => items.iter().map(|n| n.value.clone()).collect::<Vec<_>>(),
            _ => panic!(),
        };
        assert_eq!(
            items,
            vec![
                Value::Int(0),
                Value::Float(-0.0),
                Value::Int(12),
                Value::Int(-12),
                Value::Int(i64::MAX),
                Value::Int(i64::MIN),
                Value::Float(9223372036854775808.0),
                Value::Float(1.5),
                Value::Float(-0.25),
                Value::Float(1000.0),
                Value::Float(100.0),
                Value::Float(0.0025),
                Value::Float(-0.0),
                Value::Float(0.0),
            ]
        );
        assert_eq!(
            text(src, get(&root, &["a", "4"]).span),
            "9223372036854775807"
        );
        assert_eq!(text(src, get(&root, &["a", "10"]).span), "1E+2");

        let cases = [
            (r#"{"a": 01}"#, 6, 7, "leading zeros"),
            (r#"{"a": -01}"#, 7, 8, "leading zeros"),
            (r#"{"a": +1}"#, 6, 7, "`+`"),
            (r#"{"a": .5}"#, 6, 7, "`.`"),
            (r#"{"a": 1.}"#, 8, 9, "after the decimal point"),
            (r#"{"a": 1.e3}"#, 8, 9, "after the decimal point"),
            (r#"{"a": 1e}"#, 8, 9, "in the exponent"),
            (r#"{"a": 1e+}"#, 9, 10, "in the exponent"),
            (r#"{"a": -}"#, 7, 8, "after `-`"),
            (r#"{"a": -x}"#, 7, 8, "after `-`"),
            (r#"{"a": 1e400}"#, 6, 11, "out of range"),
            (r#"{"a": 0x10}"#, 7, 8, "after object value"),
        ];
        for (src, start, end, msg) in cases {
            let e = err(src);
            assert_eq!(
                (e.kind, e.span),
                (ParseErrorKind::Syntax, Span::new(start, end)),
                "{src}"
            );
            assert!(e.message.contains(msg), "{src}: {}", e.message);
        }
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let e = on_small_stack(|| {
            let src = format!("{{\"a\": {}", "[".repeat(100_000));
            parse(&src, 0, &Limits::default()).unwrap_err()
        });
        assert_eq!(e.kind, ParseErrorKind::Limit);
        // `{` is depth 1, the 127th `[` is depth 128, the 128th crosses.
        assert_eq!(e.span, Span::new(6 + 127, 6 + 128));
        let e = on_small_stack(|| {
            let src = format!("{{{}", "\"a\":{".repeat(100_000));
            parse(&src, 0, &Limits::default()).unwrap_err()
        });
        assert_eq!(e.kind, ParseErrorKind::Limit);
        assert_eq!(e.span.start, 1 + 5 * 127 + 4);
    }

    #[test]
    fn nesting_at_the_limit_is_fine() {
        let lim = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let (root, _) = parse(r#"{"a": [{}]}"#, 0, &lim).unwrap();
        assert_eq!(get(&root, &["a", "0"]).value, Value::Map(Vec::new()));
        let e = parse(r#"{"a": [[[]]]}"#, 0, &lim).unwrap_err();
        assert_eq!((e.kind, e.span), (ParseErrorKind::Limit, Span::new(8, 9)));
        // A deep but finished tree drops fine on a small stack.
        on_small_stack(|| {
            let lim = Limits {
                max_depth: 2000,
                ..Limits::default()
            };
            let src = format!("{{\"a\": {}{}}}", "[".repeat(1999), "]".repeat(1999));
            assert!(parse(&src, 0, &lim).is_ok());
        });
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            "{",
            "}",
            "{\"",
            "{\"\\",
            "{\"\\u",
            "{\"\\uD800",
            "{\"\\uD800\\",
            "{\"\\uD800\\u",
            "{\"a\":\"\\uD800\\uZZZZ\"}",
            "{\"a\":1e",
            "{\"a\":-",
            "{\"a\":[",
            "{\"a\":tru",
            "{\"é\":\"é",
            "{\"a\":\u{0}}",
            "{\"a\":1}}}",
            "{,}",
            "{\"a\"::1}",
            "{\"a\":[1,,2]}",
        ];
        for src in inputs {
            let _ = parse(src, 0, &limits());
            for start in 0..src.len() + 2 {
                let _ = parse(src, start, &limits());
            }
        }
    }
}
