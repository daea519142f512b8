//! The one place that decides how outside text is shown: file names, front-matter
//! values in messages, error texts. Such text may carry control characters (a newline
//! that starts a line of its own, an escape sequence that rewrites the terminal) or bidi
//! overrides that make a line read differently from what it holds; every renderer and
//! every line on stderr passes it through [`text`] (a path through [`path`]), which
//! writes those as visible escapes.
//!
//! Escapes are Rust's: `\n`, `\r`, `\t`, and `\u{1b}` for the others. Bytes of a file
//! name that are not UTF-8 are written `\xFF` by [`path_bytes`]. In a path, a backslash
//! that would read as one of these escapes is escaped itself (`\u{5c}`, `\x5C`), so two
//! different names never show alike.
//!
//! JSON output keeps values exact instead (a consumer wants the real name): JSON escapes
//! C0 itself, and [`json`] writes the rest as `\uXXXX`, so no raw control reaches a
//! terminal that shows the document.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is shown as an escape: C0 controls, DEL, C1 controls, line and
/// paragraph separators, and the bidi marks, embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `raw` with every unsafe character (see [`is_unsafe`]) written as a visible escape.
pub fn text(raw: &str) -> Cow<'_, str> {
    escaped(raw, false)
}

/// A path (from [`path_bytes`]) as [`text`] shows it, and a backslash that would read as
/// an escape written `\u{5c}`: two names never show alike. Messages keep their
/// backslashes (a parser's `'\u{0}'`, a pattern's `\d`).
pub fn path(raw: &str) -> Cow<'_, str> {
    escaped(raw, true)
}

fn escaped(raw: &str, backslashes: bool) -> Cow<'_, str> {
    let needs = |(i, c): (usize, char)| {
        is_unsafe(c) || (backslashes && c == '\\' && raw[i..].starts_with(r"\u{"))
    };
    if !raw.char_indices().any(needs) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for (i, c) in raw.char_indices() {
        match c {
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            c if needs((i, c)) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file name's bytes as text: UTF-8 as it is, every other byte as `\xHH`, and a
/// backslash that would read as such an escape as `\x5C`. Control characters are kept
/// (JSON shows them exactly); [`text`] makes them visible where shown.
pub fn path_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        let mut rest = valid;
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            if is_byte_escape(&rest.as_bytes()[at..]) {
                out.push_str(r"\x5C");
            } else {
                out.push('\\');
            }
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// The bytes of a name written by [`path_bytes`].
pub fn path_bytes_back(shown: &str) -> Vec<u8> {
    let bytes = shown.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_byte_escape(&bytes[i..]) {
            let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).unwrap_or_default();
            out.push(u8::from_str_radix(hex, 16).unwrap_or_default());
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Whether `bytes` start with `\x` and two hex digits.
fn is_byte_escape(bytes: &[u8]) -> bool {
    matches!(bytes, [b'\\', b'x', a, b, ..] if a.is_ascii_hexdigit() && b.is_ascii_hexdigit())
}

/// A JSON document with the unsafe characters JSON leaves raw (DEL, C1, separators,
/// bidi) written as `\uXXXX`. Outside strings a JSON document holds only ASCII, so these
/// can only be inside strings, where the escape means the same character.
pub fn json(document: &str) -> Cow<'_, str> {
    // C0 controls are escaped by JSON itself; outside strings a newline is layout.
    let raw = |c: char| c > '\u{1f}' && is_unsafe(c);
    if !document.chars().any(raw) {
        return Cow::Borrowed(document);
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_escapes() {
        assert_eq!(text("plain/path.md"), "plain/path.md");
        assert_eq!(
            text("a\n::error::x\r\t\u{1b}[2J\u{7f}\u{9b}\u{202e}\u{2066}"),
            r"a\n::error::x\r\t\u{1b}[2J\u{7f}\u{9b}\u{202e}\u{2066}"
        );
    }

    #[test]
    fn a_literal_escape_does_not_pass_for_one() {
        assert_eq!(path(r"a\u{1b}"), r"a\u{5c}u{1b}");
        assert_ne!(path("a\u{1b}"), path(r"a\u{1b}"));
        assert_eq!(text(r"unexpected '\u{0}'"), r"unexpected '\u{0}'");
        assert_eq!(path(r"regex \d+"), r"regex \d+");
    }

    #[test]
    fn invalid_bytes_show_apart_and_come_back() {
        assert_eq!(path_bytes(b"a\xff.md"), r"a\xFF.md");
        assert_ne!(path_bytes(b"a\xff.md"), path_bytes(b"a\xfe.md"));
        assert_eq!(path_bytes(br"a\xFF.md"), r"a\x5CxFF.md");
        assert_eq!(path_bytes(br"a\b.md"), r"a\b.md");
        assert_eq!(path_bytes("文\n".as_bytes()), "文\n");
        for name in [
            &b"a\xff.md"[..],
            br"a\xFF.md",
            br"a\b\x",
            "文\u{1b}".as_bytes(),
        ] {
            assert_eq!(path_bytes_back(&path_bytes(name)), name);
        }
    }

    #[test]
    fn json_keeps_the_value() {
        let raw = "a\u{202e}b\u{85}";
        let doc = serde_json::to_string_pretty(&[raw]).unwrap();
        let safe = json(&doc);
        assert!(safe.contains('\n'), "{safe}");
        assert!(!safe.chars().any(|c| c != '\n' && is_unsafe(c)), "{safe}");
        assert_eq!(serde_json::from_str::<[String; 1]>(&safe).unwrap(), [raw]);
    }
}
