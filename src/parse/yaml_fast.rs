//! Fast path for the simple YAML front matter nearly every post has: a block mapping of
//! plain keys whose values are one-line scalars, one-line flow sequences of scalars, or
//! block sequences of one-line scalars.
//!
//! It scans the block line by line and builds the same tree the full parser
//! ([`super::yaml`]) builds, with the same spans and the same core-schema typing (it reuses
//! [`super::yaml::plain`]). Whenever it meets anything outside that subset (anchors, tags,
//! block scalars, nested mappings, multi-line scalars, escapes it does not know, tabs, a
//! lone CR, odd indentation, a repeated key...) it gives up with `None` and the caller runs
//! the full parser, which also owns every error message.
//!
//! What it accepts (`col` is the column of the first key):
//! - blank lines and comment lines anywhere;
//! - `key: value` lines at `col`, keys `[A-Za-z0-9_][A-Za-z0-9_-]*` followed by `:` and a
//!   space or the end of the line, distinct;
//! - as value on the key's line: a plain scalar (not starting with an indicator, no `: `,
//!   no trailing `:`), a double-quoted scalar with the escapes `\" \\ \/ \n \t \uXXXX`, a
//!   single-quoted scalar, or a flow sequence `[a, "b", 'c']` of such scalars (plain items
//!   without `:#[]{}'"`), each followed only by blanks and an optional ` # comment`;
//! - nothing (or a comment) after the `:`: then either `- scalar` lines at one indentation
//!   of at least `col` (a block sequence) or an implicit null.

use std::ops::Range;

use super::yaml::plain;
use super::Limits;
use crate::tree::{Entry, Node, Span, Value};

/// Mappings with more keys go to the full parser (the duplicate check here is a scan).
const MAX_KEYS: usize = 256;
/// Longer keys go to the full parser (YAML caps implicit keys at 1024 characters).
const MAX_KEY_LEN: usize = 256;

/// Parse the block with the fast path; `None` when the block uses anything the fast path does not handle (the caller then runs the full parser).
pub(super) fn parse(src: &str, block: Range<usize>, limits: &Limits) -> Option<Node> {
    // The result nests two deep (mapping, sequence); leave tight limits to the full parser.
    if limits.max_depth < 3 {
        return None;
    }
    let text = src.get(block.clone())?;
    if !simple_chars(text.as_bytes()) {
        return None;
    }
    Fast {
        text,
        bytes: text.as_bytes(),
        base: block.start,
        pos: 0,
    }
    .document()
}

/// Whether `bytes` has only characters the fast path can take at face value: no tabs, no
/// control characters other than `\n` and the `\r` of a `\r\n`, nothing YAML treats as
/// non-printable (DEL, C1 controls, U+FFFE/U+FFFF), no BOM and no U+2028/U+2029.
fn simple_chars(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const LOW7: u64 = ONES * 0x7f;
    const HIGH: u64 = ONES * 0x80;
    // Exact per-byte masks (the high bit of each byte): byte < n (n <= 0x80), byte == c.
    let below = |w: u64, n: u64| !(((w & LOW7) + ONES * (0x80 - n)) | w) & HIGH;
    let equal = |w: u64, c: u64| {
        let x = w ^ (ONES * c);
        !(((x & LOW7) + LOW7) | x) & HIGH
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // The bytes that need a closer look: controls but `\n`, DEL, and the lead bytes
        // of the few multi-byte characters to reject.
        let mut flagged = (below(w, 0x20) & !equal(w, u64::from(b'\n'))) | equal(w, 0x7f);
        if w & HIGH != 0 {
            flagged |= equal(w, 0xC2) | equal(w, 0xE2) | equal(w, 0xEF);
        }
        while flagged != 0 {
            if !simple_char(bytes, at + flagged.trailing_zeros() as usize / 8) {
                return false;
            }
            flagged &= flagged - 1;
        }
        at += 8;
    }
    (at..bytes.len()).all(|i| simple_char(bytes, i))
}

/// Whether the byte at `i` is fine for [`simple_chars`] (looking ahead for multi-byte ones).
fn simple_char(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b' '..=b'~' | b'\n' => true,
        b'\r' => bytes.get(i + 1) == Some(&b'\n'),
        // U+0080..U+009F (C1 controls, NEL).
        0xC2 => bytes.get(i + 1).is_some_and(|&c| c >= 0xA0),
        // U+2028, U+2029.
        0xE2 => !(bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9))),
        // U+FEFF, U+FFFE, U+FFFF.
        0xEF => !matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        // Other lead and continuation bytes of valid UTF-8.
        0x80.. => true,
        _ => false,
    }
}

/// A line holding something other than blanks and a comment (block-relative offsets).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// The first non-space byte.
    first: usize,
    /// The end of the content, before `\r\n` / `\n`.
    end: usize,
    /// The start of the following line.
    next: usize,
}

impl Line {
    fn indent(&self) -> usize {
        self.first - self.start
    }
}

struct Fast<'a> {
    text: &'a str,
    bytes: &'a [u8],
    base: usize,
    /// Start of the first line not consumed yet.
    pos: usize,
}

impl Fast<'_> {
    /// The next content line, without consuming it (blank and comment lines before it are).
    fn peek(&mut self) -> Option<Line> {
        let b = self.bytes;
        while self.pos < b.len() {
            let start = self.pos;
            let nl = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |i| start + i);
            let end = if nl > start && b[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            let mut first = start;
            while first < end && b[first] == b' ' {
                first += 1;
            }
            if first == end || b[first] == b'#' {
                self.pos = nl + 1;
                continue;
            }
            return Some(Line {
                start,
                first,
                end,
                next: nl + 1,
            });
        }
        None
    }

    fn node(&self, start: usize, end: usize, value: Value) -> Node {
        Node::new(self.span(start, end), value)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn document(&mut self) -> Option<Node> {
        let Some(first) = self.peek() else {
            return Some(self.node(0, 0, Value::Map(Vec::new())));
        };
        let col = first.indent();
        let b = self.bytes;
        let mut entries: Vec<Entry> = Vec::with_capacity(24);
        let mut seen = 0_u64;
        while let Some(line) = self.peek() {
            if line.indent() != col || entries.len() >= MAX_KEYS {
                return None;
            }
            self.pos = line.next;
            let key_start = line.first;
            if !(b[key_start].is_ascii_alphanumeric() || b[key_start] == b'_') {
                return None;
            }
            let mut i = key_start + 1;
            while i < line.end && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'-')) {
                i += 1;
            }
            let key_end = i;
            if i == line.end || b[i] != b':' || key_end - key_start > MAX_KEY_LEN {
                return None;
            }
            i += 1;
            if i < line.end && b[i] != b' ' {
                return None;
            }
            while i < line.end && b[i] == b' ' {
                i += 1;
            }
            let value = if i == line.end || b[i] == b'#' {
                self.after_empty(col, key_end)?
            } else {
                self.inline(i, line.end, true)?
            };
            let key = &self.text[key_start..key_end];
            // A cheap filter in front of the duplicate scan.
            let bit = 1 << ((key.len() * 7 + usize::from(b[key_start] ^ b[key_end - 1])) & 63);
            if seen & bit != 0 && entries.iter().any(|e| e.key == key) {
                return None;
            }
            seen |= bit;
            entries.push(Entry {
                key: key.to_owned(),
                key_span: self.span(key_start, key_end),
                value,
            });
        }
        let end = entries.last()?.value.span.end;
        Some(Node::new(
            Span::new(self.base + first.first, end),
            Value::Map(entries),
        ))
    }

    /// The value of a key with nothing after its `:` (at `colon`): a block sequence on the
    /// following lines, or an implicit null right after the colon.
    fn after_empty(&mut self, col: usize, colon: usize) -> Option<Node> {
        let b = self.bytes;
        match self.peek() {
            Some(l)
                if l.indent() >= col
                    && b[l.first] == b'-'
                    && (l.first + 1 == l.end || b[l.first + 1] == b' ') =>
            {
                self.block_seq(col, l)
            }
            _ => Some(self.node(colon + 1, colon + 1, Value::Null)),
        }
    }

    /// `- scalar` lines at the indentation of `first`, up to the next line at `col`.
    fn block_seq(&mut self, col: usize, first: Line) -> Option<Node> {
        let b = self.bytes;
        let indent = first.indent();
        let mut items = Vec::with_capacity(4);
        while let Some(l) = self.peek() {
            if l.indent() == indent && b[l.first] == b'-' {
                let mut i = l.first + 1;
                if i == l.end || b[i] != b' ' {
                    return None;
                }
                while i < l.end && b[i] == b' ' {
                    i += 1;
                }
                if i == l.end || b[i] == b'#' {
                    return None;
                }
                self.pos = l.next;
                items.push(self.inline(i, l.end, false)?);
            } else if l.indent() == col {
                break;
            } else {
                return None;
            }
        }
        let end = items.last()?.span.end;
        Some(Node::new(
            Span::new(self.base + first.first, end),
            Value::Seq(items),
        ))
    }

    /// The value starting at `i` and filling the line up to `end` (comments aside).
    fn inline(&self, i: usize, end: usize, allow_flow: bool) -> Option<Node> {
        let (close, node) = match self.bytes[i] {
            b'"' => {
                let (close, s) = self.double(i, end)?;
                (close, self.node(i, close, Value::String(s)))
            }
            b'\'' => {
                let (close, s) = self.single(i, end)?;
                (close, self.node(i, close, Value::String(s)))
            }
            b'[' if allow_flow => self.flow(i, end)?,
            _ => return self.plain_block(i, end),
        };
        self.rest_is_comment(close, end).then_some(node)
    }

    /// Whether `pos..end` is blanks and at most a comment after at least one blank.
    fn rest_is_comment(&self, pos: usize, end: usize) -> bool {
        let b = self.bytes;
        let mut j = pos;
        while j < end && b[j] == b' ' {
            j += 1;
        }
        j == end || (b[j] == b'#' && j > pos)
    }

    /// A double-quoted scalar opening at `i`: the offset after its closing quote and its value.
    fn double(&self, i: usize, end: usize) -> Option<(usize, String)> {
        let b = self.bytes;
        let mut run = i + 1;
        let mut j = run + memchr::memchr2(b'"', b'\\', &b[run..end])?;
        if b[j] == b'"' {
            return Some((j + 1, self.text[run..j].to_owned()));
        }
        let mut out = String::with_capacity(end - run);
        loop {
            out.push_str(&self.text[run..j]);
            if b[j] == b'"' {
                return Some((j + 1, out));
            }
            let escape = *b[..end].get(j + 1)?;
            j += 2;
            match escape {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'n' => out.push('\n'),
                b't' => out.push('\t'),
                b'u' => {
                    let hex = self.text[..end].get(j..j + 4)?;
                    if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                        return None;
                    }
                    out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                    j += 4;
                }
                _ => return None,
            }
            run = j;
            j += memchr::memchr2(b'"', b'\\', &b[j..end])?;
        }
    }

    /// A single-quoted scalar opening at `i`: the offset after its closing quote and its value.
    fn single(&self, i: usize, end: usize) -> Option<(usize, String)> {
        let b = self.bytes;
        let mut out = String::new();
        let mut run = i + 1;
        loop {
            let q = run + memchr::memchr(b'\'', &b[run..end])?;
            if b[..end].get(q + 1) == Some(&b'\'') {
                out.push_str(&self.text[run..=q]);
                run = q + 2;
            } else {
                out.push_str(&self.text[run..q]);
                return Some((q + 1, out));
            }
        }
    }

    /// A plain scalar of a block context starting at `i`, up to a comment or `end`.
    fn plain_block(&self, i: usize, end: usize) -> Option<Node> {
        let b = self.bytes;
        if starts_with_indicator(b, i, end) {
            return None;
        }
        let mut stop = end;
        let mut j = i;
        while let Some(k) = memchr::memchr2(b':', b'#', &b[j..end]) {
            j += k;
            if b[j] == b':' {
                // `: ` or a final `:` would make a mapping.
                if j + 1 == end || b[j + 1] == b' ' {
                    return None;
                }
            } else if b[j - 1] == b' ' {
                stop = j;
                break;
            }
            j += 1;
        }
        while b[stop - 1] == b' ' {
            stop -= 1;
        }
        Some(self.typed(i, stop))
    }

    /// A plain scalar `i..end` typed by the core schema.
    fn typed(&self, i: usize, end: usize) -> Node {
        let s = &self.text[i..end];
        let value = plain(s).unwrap_or_else(|| Value::String(s.to_owned()));
        self.node(i, end, value)
    }

    /// A one-line flow sequence of scalars opening at `i`: the offset after its `]` and the node.
    fn flow(&self, i: usize, end: usize) -> Option<(usize, Node)> {
        let b = self.bytes;
        let skip = |mut j: usize| {
            while j < end && b[j] == b' ' {
                j += 1;
            }
            j
        };
        let mut items = Vec::new();
        let mut j = skip(i + 1);
        if j < end && b[j] == b']' {
            return Some((j + 1, self.node(i, j + 1, Value::Seq(items))));
        }
        loop {
            let after = match *b[..end].get(j)? {
                b'"' => {
                    let (close, s) = self.double(j, end)?;
                    items.push(self.node(j, close, Value::String(s)));
                    close
                }
                b'\'' => {
                    let (close, s) = self.single(j, end)?;
                    items.push(self.node(j, close, Value::String(s)));
                    close
                }
                _ => {
                    if starts_with_indicator(b, j, end) {
                        return None;
                    }
                    let mut k = j;
                    while k < end && !matches!(b[k], b',' | b']') {
                        if matches!(b[k], b':' | b'#' | b'[' | b'{' | b'}' | b'"' | b'\'') {
                            return None;
                        }
                        k += 1;
                    }
                    let mut stop = k;
                    while b[stop - 1] == b' ' {
                        stop -= 1;
                    }
                    items.push(self.typed(j, stop));
                    stop
                }
            };
            j = skip(after);
            match *b[..end].get(j)? {
                b']' => return Some((j + 1, self.node(i, j + 1, Value::Seq(items)))),
                b',' => {
                    j = skip(j + 1);
                    // A trailing comma is left to the full parser.
                    if j >= end || b[j] == b']' {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
}

/// Whether the scalar at `i` starts with a YAML indicator (a `-` is fine before a non-blank
/// that is not a flow indicator, as in `-1`).
fn starts_with_indicator(b: &[u8], i: usize, end: usize) -> bool {
    match b[i] {
        b'-' => i + 1 == end || matches!(b[i + 1], b' ' | b',' | b'[' | b']' | b'{' | b'}'),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_full;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../tests/fixtures/posts/seed-post.md");

    /// The fast path's result for the block `src[block]`, after checking that it equals the
    /// full parser's whenever it is `Some` (compared through `Debug`, so NaN equals NaN and
    /// 0.0 differs from -0.0).
    fn differential(src: &str, block: Range<usize>, limits: &Limits) -> Option<Node> {
        let fast = parse(src, block.clone(), limits);
        if let Some(node) = &fast {
            let full = parse_full(src, block, limits);
            assert_eq!(
                Ok(format!("{node:#?}")),
                full.map(|n| format!("{n:#?}")),
                "fast path differs on {src:?}"
            );
        }
        fast
    }

    /// `yaml` between `---` lines (and after a CJK line, so spans are not block-relative).
    fn check(yaml: &str) -> Option<Node> {
        let src = format!("---\n{yaml}---\n");
        let fast = differential(&src, 4..4 + yaml.len(), &Limits::default());
        let shifted = format!("中文\n---\n{yaml}---\n");
        let block = "中文\n---\n".len().."中文\n---\n".len() + yaml.len();
        let again = differential(&shifted, block, &Limits::default());
        assert_eq!(fast.is_some(), again.is_some());
        fast
    }

    fn accepted(yaml: &str) -> Node {
        check(yaml).unwrap_or_else(|| panic!("fast path declined {yaml:?}"))
    }

    fn declined(yaml: &str) {
        assert!(check(yaml).is_none(), "fast path took {yaml:?}");
    }

    /// The YAML block of a whole file, as fmlint finds it.
    fn yaml_block(text: &str) -> Option<Range<usize>> {
        match crate::split::split(text) {
            crate::split::Split::Block {
                format: crate::split::Format::Yaml,
                block,
                ..
            } => Some(block),
            _ => None,
        }
    }

    #[test]
    fn seed_post_takes_the_fast_path() {
        let block = yaml_block(SEED).unwrap();
        let root = differential(SEED, block.clone(), &Limits::default()).unwrap();
        assert!(matches!(&root.value, Value::Map(e) if e.len() == 17));
        // And with CRLF line endings.
        let crlf = SEED.replace('\n', "\r\n");
        let block = yaml_block(&crlf).unwrap();
        assert!(differential(&crlf, block, &Limits::default()).is_some());
    }

    #[test]
    fn typical_generated_posts_take_the_fast_path() {
        // Shaped like bench/gen_tree.py's posts, escapes and mistakes included.
        let posts = [
            "title: \"Why \\\"quoted\\\" booleans\"\ndate: \"2022-05-10\"\nsummary: \"As a result, Hugo expects that a misspelt widget silently disappears from the si...\"\ncategories:\n  - \"互联网\"\nlang:\n  - \"en\"\ntranslations:\n  - \"en\"\ntags:\n  - \"监管\"\nmenu: \"\"\nthumbnail: \"https://static001.infoq.cn/resource/image/f6zVpNTk_640360/0\"\nlead: \"\"\ncomments: false\nauthorbox: false\npager: true\ntoc: true\nmathjax: \"false\"\nsidebar: \"right\"\nwidgets:\n  - \"search\"\n  - \"recent\"\n  - \"social\"\n  - \"sidemenu\"\n",
            "title: \"台积电！在欧洲建厂\"\ndate: \"2021-02-02 00:13:53\"\nsummary: \"谷歌CEO Sundar Pichai在一份声明中指出，理由包括“潜在安全与伦理问题”。AMD近日宣布第四季...\"\ncategories:\n  - \"财经\"\n  - \"163\"\nlang:\n  - \"zh_CN\"\ntags:\n  - \"特斯拉\"\n  - \"C:\\\\dir\"\nsidebar: false\nwidgets:\n  - \"serach\"\n",
        ];
        for post in posts {
            accepted(post);
        }
        // The generated tree, when it is there.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("bench/out/tree-1000/content/post/0000");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let (mut yaml, mut fast) = (0, 0);
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if let Some(block) = yaml_block(&text) {
                yaml += 1;
                fast += usize::from(differential(&text, block, &Limits::default()).is_some());
            }
        }
        assert_eq!(fast, yaml, "of {yaml} generated YAML posts");
    }

    #[test]
    fn fixtures_match_the_full_parser() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut todo = vec![root];
        let (mut blocks, mut fast) = (0, 0);
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    todo.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if let Some(block) = yaml_block(&text) {
                    blocks += 1;
                    fast += usize::from(differential(&text, block, &Limits::default()).is_some());
                }
            }
        }
        assert!(blocks >= 10, "{blocks}");
        assert!(fast >= 5, "{fast} of {blocks}");
    }

    #[test]
    fn accepted_shapes() {
        for yaml in [
            "",
            "\n\n",
            "# only a comment\n",
            "a: 1\n",
            "a: 1",
            "a: 1\r\nb: x\r\n",
            "a:\n",
            "a:",
            "a:\nb: 2\n",
            "a:   \nb: 2\n",
            "a: # c\nb: 2\n",
            "a:  # c\n",
            "a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\n",
            "a: true\nb: False\nc: no\nd: yes\ne: on\nf: y\n",
            "a: 012\nb: 0x1F\nc: 0o17\nd: 0o8\ne: -0x1F\nf: 1_000\ng: +42\nh: -17\ni: -0\n",
            "a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: -.nan\nf: .iNf\ng: 1e400\nh: 1.\ni: .5\nj: 1e\n",
            "a: 9223372036854775807\nb: 99999999999999999999\nc: 0xFFFFFFFFFFFFFFFF\n",
            "a: \"12\"\nb: '12'\nc: \"true\"\nd: 'null'\ne: \"\"\nf: ''\n",
            "a: 2025-02-11 11:58:35\nb: 2025-02-11\nc: 1:20\nd: https://x.org/a?b=c#frag\n",
            "a: hello   world   \nb: x # comment: with colon\nc: C#\nd: a#b # c\n",
            "a: it's\nb: say \"hi\"\nc: not [a] {flow}, really\nd: 50%\ne: a@b\nf: x`y\n",
            "a: ---\nb: ...\nc: -x\nd: -.5\ne: <<\nf: .\ng: x?\nh: a:b:c\n",
            "a: \"x # y\"\nb: 'p: q'\nc: \"a: b\" # c\nd: 'it''s'   # c\ne: ''''\n",
            "a: \"\\\"q\\\" \\\\ \\/ \\n \\t \\u00e9 \\u4E2D\"\n",
            "a: \"中文标题：副标题！\"\nb: 中文 标题\nc: '封面.png'\n",
            "a: []\nb: [ ]\nc: [x]\nd: [a, \"b\", 'c']\ne: [ 1 , 2.5,true , null,~ ]\n",
            "a: [\"x, y\", 'z]', \"a: b\", 'c # d']  # c\nb: [中文, 标题]\nc: [a b, -1, .inf]\n",
            "a:\n  - x\n  - \"y\"\n  - 'z'\n  - 1\n  - ~\n  - true\n",
            "a:\n- x\n- y\nb: 1\n",
            "a:\n    - x\n    - y\nb:\n  - z\n",
            "a:\n  - x   # c\n  - y  \n\n  # c\n\n  - z\nb: 1\n",
            "a: # c\n  - x\n",
            "a:\n\n# c\n  - x\n# c\n  - y\n# c\n",
            "a:\n  -   x\n  - 'q: r'\n  - \"s # t\"\n  - x:y\n",
            "a:\r\n  - x\r\n  - \"y\"\r\nb: 'z'\r\nc: [1, 2]\r\n",
            "a: 1  \nb: 'x'  \nc: [x]  \nd:  \n",
            "key-with-dashes: 1\nkey_with_underscores: 2\n1: one\ntrue: t\nnull: n\n_x: 1\nA-B_c9: 2\n",
            "  a: 1\n  b:\n  - x\n  c:\n    - y\n",
            "# c\n\na: 1 # c\n# c\nb: 2\n\n# end\n",
            "a: x\n\n\n",
        ] {
            accepted(yaml);
        }
    }

    #[test]
    fn values_and_spans() {
        let src = "---\nt: \"中文\"   # c\nd: 2025-02-11\nn:\nl:\n  - 'a''b'\n  - 3\nf: [x, \"y\"]\n---\n";
        let root = parse(src, 4..src.len() - 4, &Limits::default()).unwrap();
        let text = |n: &Node| &src[n.span.start..n.span.end];
        let get = |k: &str| &root.entry(k).unwrap().value;
        assert_eq!(text(get("t")), "\"中文\"");
        assert_eq!(get("t").value, Value::String("中文".into()));
        assert_eq!(get("d").value, Value::String("2025-02-11".into()));
        assert_eq!(get("n").value, Value::Null);
        assert_eq!(get("n").span.start, src.find("n:").unwrap() + 2);
        assert!(get("n").span.is_empty());
        assert_eq!(text(get("l")), "- 'a''b'\n  - 3");
        assert_eq!(text(get("f")), "[x, \"y\"]");
        assert_eq!(&src[root.span.start..root.span.end], &src[4..src.len() - 5]);
    }

    #[test]
    fn declined_shapes() {
        for yaml in [
            // Lone CR, tabs, control characters, BOM, C1 and line separators.
            "a: 1\rb: 2\n",
            "a: 1\r",
            "a: \tx\n",
            "a:\n\t- x\n",
            "a: x\u{1}\n",
            "a: \u{FEFF}x\n",
            "a: x\u{85}y\n",
            "a: x\u{2028}y\n",
            // Not a plain key.
            "key:value\n",
            "key : v\n",
            "\"a\": 1\n",
            "'a': 1\n",
            "-a: 1\n",
            "a.b: 1\n",
            "? a\n",
            "- a\n- b\n",
            "just text\n",
            // Indentation.
            "a: 1\n b: 2\n",
            " a: 1\nb: 2\n",
            "a:\n  b: 1\n",
            "a: x\n  y\n",
            "a:\n  - x\n    y\n",
            "a:\n  - x\n   - y\n",
            "a:\n  - x\n - y\n",
            "a:\n  - x\nb: 1\n  - y\n",
            "a: 1\n- x\n",
            // Duplicates.
            "a: 1\na: 2\n",
            "a:\n  - x\na: 2\n",
            // Anything else.
            "a: &x 1\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: |\n  x\n",
            "a: >\n  x\n",
            "a: {b: 1}\n",
            "a: b: c\n",
            "a: b:\n",
            "a: - x\n",
            "a: -\n",
            "a: @x\n",
            "a: `x\n",
            "a: %x\n",
            "a: ?x\n",
            "a: :x\n",
            "a: \"x\n  y\"\n",
            "a: 'x\n",
            "a: \"x\" y\n",
            "a: \"x\"# c\n",
            "a: 'x' 'y'\n",
            "a: \"\\x41\"\n",
            "a: \"\\ud800\"\n",
            "a: \"\\U0001F600\"\n",
            "a: \"x\\\n  y\"\n",
            "a: [x\n",
            "a: [x, [y]]\n",
            "a: [x, {y: 1}]\n",
            "a: [x,]\n",
            "a: [x,,y]\n",
            "a: [,]\n",
            "a: [x: y]\n",
            "a: [x] y\n",
            "a: [x]# c\n",
            "a: [x # c\n]\n",
            "a:\n  -\n  - x\n",
            "a:\n  - # c\n",
            "a:\n  - - x\n",
            "a:\n  - b: 1\n",
            "a:\n  - [x]\n",
            "a:\n  -x\n",
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
        ] {
            declined(yaml);
        }
    }

    #[test]
    fn simple_chars_at_every_offset() {
        let bad = [
            "\t", "\u{1}", "\u{1f}", "\u{7f}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}",
            "\u{feff}", "\u{fffe}", "\u{ffff}", "\r", "\rx",
        ];
        let good = [
            "\u{a0}", "\u{2027}", "\u{202a}", "\u{fefe}", "\u{fffd}", "中", "：", "é", "\r\n", "~",
        ];
        for p in 0..20 {
            let pad = |c: &str| format!("{}{c}{}", "a".repeat(p), "b".repeat(19 - p));
            for c in bad {
                assert!(!simple_chars(pad(c).as_bytes()), "{c:?} at {p}");
            }
            for c in good {
                assert!(simple_chars(pad(c).as_bytes()), "{c:?} at {p}");
            }
        }
    }

    /// Borderline inputs: taken or not, the result must be the full parser's.
    #[test]
    fn edge_cases_either_way() {
        for yaml in [
            "a: x\u{7f}y\n",
            "a: [-]\n",
            "a: [-, b]\n",
            "a: [a, -]\n",
            "a: [-x, -1]\n",
            "a: [a-]\n",
            "a: -,\n",
            "a: -]\n",
            "a: -[x]\n",
            "a: [a b , c]\n",
            "a: [\"\\u0000\"]\n",
            "a: \"\\u0000\\u001F\\u007F\\u0085\\u2028\\uFEFF\\uFFFF\"\n",
            "a: \"\\uD7FF\\uE000\"\n",
            "a: '\\n'\n",
            "a: x:\n",
            "a: x: \n",
            "a: x :y\n",
            "a: -- x\n",
            "a: x -\n",
            "a:\n - x\n - y\n",
            "a:\n- x\n  - y\n",
            "a:\n  - x\n- y\n",
            "a:\n  - x\n\n\n",
            "a:\n  - x\n# c\nb:\n",
            "a: 1\n  # c\nb: 2\n",
            "a: x\n\n  \nb: y\n",
            "  a: 1\nb: 2\n",
            "  a:\n  - x\n  - y\n",
            "  a:\n- x\n",
            "  a:\n - x\n",
            "  a:\n - x\n  b: 1\n",
            "    a:\n  - x\n    b: 1\n",
            "0: a\n00: b\n",
            "a_: 1\n_: 2\n9-: 3\n",
            "a: 'x'\r\n",
            "a: \"\"\"\n",
            "a: \n",
            "a: ' x '\n",
            "a: \" x \"\n",
            "a: [' x ', \" y \"]\n",
        ] {
            check(yaml);
        }
    }

    #[test]
    fn tight_limits_and_bad_ranges_are_declined() {
        let src = "---\na:\n  - x\n---\n";
        for max_depth in 0..3 {
            let limits = Limits {
                max_depth,
                ..Limits::default()
            };
            assert!(parse(src, 4..src.len() - 4, &limits).is_none());
        }
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        assert!(differential(src, 4..src.len() - 4, &limits).is_some());
        let src = "---\n中: 1\n---\n";
        assert!(parse(src, 5..8, &Limits::default()).is_none());
        assert!(parse(src, 4..100, &Limits::default()).is_none());
    }

    #[test]
    fn many_and_long_keys_are_left_to_the_full_parser() {
        let many: String = (0..MAX_KEYS + 1).map(|i| format!("k{i}: {i}\n")).collect();
        declined(&many);
        let some: String = (0..MAX_KEYS).map(|i| format!("k{i}: {i}\n")).collect();
        accepted(&some);
        declined(&format!("{}: 1\n", "k".repeat(MAX_KEY_LEN + 1)));
        accepted(&format!("{}: 1\n", "k".repeat(MAX_KEY_LEN)));
    }

    /// Mutations of accepted inputs: whatever the fast path still takes must match.
    #[test]
    fn mutations_match_the_full_parser() {
        let samples = [
            "title: \"Arm：封杀！\"\ndate: 2025-02-11 # c\ncategories:\n  - \"qq\"\nlang:\n- zh-CN\nmenu: ''\ntoc: false\nn: 012\nwidgets:\n  - 'recent'\n",
            "a: \"x\\\"y\\u00e9\" # c\nb: [1, 'q''r', \"s\"]\nc:\n- x\n- 2\nd: it's # no\ne: 'z'\n",
        ];
        let inserts = [
            "", " ", "\t", "[", "]", "{", "\"", "'", "&", ":", "-", "#", "|", "\r", "\n", ",",
            "\\", "?", "%", "`", "0", "中", "\n  ", "\n- ",
        ];
        let limits = Limits::default();
        for sample in samples {
            for cut in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
                let next = sample[cut..].chars().next().map_or(0, char::len_utf8);
                for insert in inserts {
                    // Insert before the character at `cut`, and replace it.
                    for rest in [&sample[cut..], &sample[cut + next..]] {
                        let src = format!("---\n{}{insert}{rest}---\n", &sample[..cut]);
                        differential(&src, 4..src.len() - 4, &limits);
                    }
                }
            }
        }
    }

    // ---- proptest: random front matters of the accepted shape, plus weird lines ----

    fn plain_value() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "~",
                "null",
                "Null",
                "NULL",
                "true",
                "False",
                "no",
                "yes",
                "012",
                "0x1F",
                "0o7",
                "-0x1",
                "1_0",
                ".inf",
                "-.inf",
                ".nan",
                "-.nan",
                "1e3",
                "1.",
                ".5",
                "+1",
                "-1",
                "9223372036854775808",
                "2025-02-11 11:58:35",
                "2025-02-11T03:20:35+08:00",
                "1:20",
                "https://x.org/a?b#c",
                "C#",
                "it's",
                "a \"b\"",
                "x [y] {z}, w",
                "中文 标题",
                "-x",
                "---",
                "...",
                ".",
                "<<",
                "50%",
                "a@b",
                "x!",
                "a&b",
                "a*b",
                "a|b",
                "a>b",
            ])
            .prop_map(str::to_owned),
            "[A-Za-z0-9中文.~+_/][A-Za-z0-9中文.~+_/ ]{0,12}",
        ]
    }

    fn quoted_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z0-9中文 .:#,\\[\\]{}'!&*-]{0,12}"
                .prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
            (
                "[A-Za-z0-9中文 .:#,\\[\\]{}'!&*-]{0,12}",
                prop::sample::select(vec![
                    "", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\u4E2D", "\\u0041",
                ]),
                "[A-Za-z0-9 ]{0,4}",
            )
                .prop_map(|(a, e, b)| format!("\"{a}{e}{b}\"")),
        ]
    }

    fn flow_item() -> impl Strategy<Value = String> {
        prop_oneof![
            quoted_value(),
            prop::sample::select(vec![
                "a", "1", "~", "null", "true", "-1", ".inf", "0x1F", "中文", "a b", "x.y", "-x",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn comment() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => Just(String::new()),
            1 => "( {1,3})# [a-z: #中]{0,6}",
            1 => " {1,3}",
        ]
    }

    /// One entry of the front matter as lines (without line breaks).
    fn entry() -> impl Strategy<Value = Vec<String>> {
        let key = prop::sample::select(vec![
            "title",
            "date",
            "tags",
            "lang",
            "a",
            "b",
            "key-with-dash",
            "k_1",
            "1",
            "true",
            "x",
        ]);
        let scalar = prop_oneof![plain_value(), quoted_value()];
        prop_oneof![
            (key.clone(), scalar.clone(), comment())
                .prop_map(|(k, v, c)| vec![format!("{k}: {v}{c}")]),
            (
                key.clone(),
                prop::collection::vec(flow_item(), 0..4),
                comment()
            )
                .prop_map(|(k, items, c)| vec![format!("{k}: [{}]{c}", items.join(", "))]),
            (key.clone(), comment()).prop_map(|(k, c)| vec![format!("{k}:{c}")]),
            (
                key,
                comment(),
                0usize..4,
                prop::collection::vec((scalar, comment()), 1..4)
            )
                .prop_map(|(k, c, indent, items)| {
                    let mut lines = vec![format!("{k}:{c}")];
                    let pad = " ".repeat(indent);
                    lines.extend(items.into_iter().map(|(v, c)| format!("{pad}- {v}{c}")));
                    lines
                }),
        ]
    }

    fn weird_line() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "  nested: x",
                "- x",
                "? k",
                "a: &x 1",
                "b: *x",
                "c: |",
                "  block",
                "\tt: 1",
                "...",
                "---",
                "a: b: c",
                "   continuation",
                "  - stray",
                "d: {x: 1}",
                "e: [x,",
                "f: \"open",
                "g: 'open",
                "h: \"\\x41\"",
                "i: !!int 3",
                "%TAG ! x",
                "key:value",
                "title: dup",
                "  # indented comment",
                "# comment",
                "",
                "   ",
                "j: -",
                "k: - x",
                "l: \"a\" b",
                "m: [a,]",
                "n:\r",
                "o: \u{FEFF}",
                "p: [[x]]",
            ])
            .prop_map(str::to_owned),
            "[ a-z:#\\-\\[\\]\"'&*!|>{},]{0,10}",
        ]
    }

    fn front_matter() -> impl Strategy<Value = (String, bool)> {
        (
            prop::collection::vec(entry(), 0..8),
            prop::collection::vec((0usize..10, weird_line()), 0..2),
            prop::collection::vec((0usize..10, comment()), 0..3),
            any::<bool>(),
            0usize..3,
        )
            .prop_map(|(entries, weird, blanks, crlf, indent)| {
                let pad = " ".repeat(indent);
                let mut lines: Vec<String> = entries
                    .into_iter()
                    .flatten()
                    .map(|l| format!("{pad}{l}"))
                    .collect();
                for (at, l) in blanks {
                    lines.insert(at.min(lines.len()), l.trim_start().to_owned());
                }
                let clean = weird.is_empty();
                for (at, l) in weird {
                    lines.insert(at.min(lines.len()), l);
                }
                let eol = if crlf { "\r\n" } else { "\n" };
                let yaml: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
                (yaml, clean)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn simple_chars_is_a_per_byte_check(
            s in "[\\x00-\\x7f\u{80}-\u{ff}\u{2027}-\u{2029}\u{fefe}-\u{feff}\u{fffd}-\u{ffff}中：“]{0,40}",
        ) {
            let b = s.as_bytes();
            prop_assert_eq!(simple_chars(b), (0..b.len()).all(|i| simple_char(b, i)));
        }

        #[test]
        fn random_front_matter_matches_the_full_parser((yaml, clean) in front_matter()) {
            let fast = check(&yaml);
            // Clean front matter with distinct keys is the fast path's to take.
            let keys: Vec<&str> = yaml
                .lines()
                .filter(|l| !l.trim_start().starts_with(['-', '#']) && !l.trim().is_empty())
                .filter_map(|l| l.trim_start().split(':').next())
                .collect();
            let distinct = keys.iter().enumerate().all(|(i, k)| !keys[..i].contains(k));
            if clean && distinct {
                prop_assert!(fast.is_some(), "declined {:?}", yaml);
            }
        }
    }
}
