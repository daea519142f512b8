//! Finding the front matter: which format it is and where its block lies.
//!
//! Follows Hugo's page lexer: after an optional UTF-8 BOM and blank lines, a `---` line
//! opens YAML (closed by the next `---` line), a `+++` line opens TOML (closed by `+++`),
//! and a `{` opens a JSON object (closed where the object ends, which the JSON parser
//! finds). Delimiter lines may carry trailing spaces; `\n`, `\r\n` and a lone `\r` end
//! lines. Nothing here looks past the closing delimiter, so the body is never read.

use crate::tree::Span;

/// The front-matter formats fmlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn delimiter(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
            Format::Json => "{",
        }
    }
}

/// Where the front matter of one file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with front matter.
    None,
    /// A delimited block: `block` is the text between the delimiter lines (for JSON it
    /// starts at the `{` and its end is found by the parser); `open` is the opening
    /// delimiter itself, where a missing required field is reported.
    Block {
        format: Format,
        open: Span,
        block: std::ops::Range<usize>,
    },
    /// The block opens at `open` and no closing delimiter line follows.
    Unterminated { format: Format, open: Span },
}

/// Locate the front matter of `text`.
pub fn split(text: &str) -> Split {
    let bytes = text.as_bytes();
    let mut pos = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    // Skip blank lines before the front matter, as Hugo does.
    loop {
        let end = line_end(bytes, pos);
        if bytes[pos..end].iter().all(|b| matches!(b, b' ' | b'\t')) && end < bytes.len() {
            pos = next_line(bytes, end);
        } else {
            break;
        }
    }
    let first = skip_spaces(bytes, pos);
    if bytes.get(first) == Some(&b'{') {
        return Split::Block {
            format: Format::Json,
            open: Span::new(first, first + 1),
            block: first..bytes.len(),
        };
    }
    let format = match delimiter_line(bytes, pos) {
        Some(b"---") => Format::Yaml,
        Some(b"+++") => Format::Toml,
        _ => return Split::None,
    };
    let open = Span::new(pos, pos + 3);
    let start = next_line(bytes, line_end(bytes, pos));
    let mut line = start;
    let delimiter = format.delimiter().as_bytes();
    while line < bytes.len() {
        if bytes[line] == delimiter[0] && delimiter_line(bytes, line) == Some(delimiter) {
            return Split::Block {
                format,
                open,
                block: start..line,
            };
        }
        line = next_line(bytes, line_end(bytes, line));
    }
    Split::Unterminated { format, open }
}

/// The delimiter (`---` or `+++`) if the line at `pos` is exactly one, trailing blanks allowed.
fn delimiter_line(bytes: &[u8], pos: usize) -> Option<&[u8]> {
    let end = line_end(bytes, pos);
    let line = &bytes[pos..end];
    let token = line.get(..3)?;
    let rest_blank = line[3..].iter().all(|b| matches!(b, b' ' | b'\t'));
    (rest_blank && (token == b"---" || token == b"+++")).then_some(token)
}

/// The offset of the line break ending the line at `pos` (or the end of the text).
fn line_end(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i)
}

/// The start of the line after the break at `end`.
fn next_line(bytes: &[u8], end: usize) -> usize {
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

fn skip_spaces(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> (Format, Span, &str) {
        match split(text) {
            Split::Block {
                format,
                open,
                block,
            } => (format, open, &text[block]),
            other => panic!("no block in {text:?}: {other:?}"),
        }
    }

    #[test]
    fn yaml_toml_json() {
        assert_eq!(
            block("---\na: 1\n---\nbody"),
            (Format::Yaml, Span::new(0, 3), "a: 1\n")
        );
        assert_eq!(
            block("+++\na = 1\n+++\n"),
            (Format::Toml, Span::new(0, 3), "a = 1\n")
        );
        assert_eq!(block("{\"a\": 1}\nbody").0, Format::Json);
    }

    #[test]
    fn bom_crlf_cr_and_blank_lines() {
        assert_eq!(
            block("\u{FEFF}---\r\na: 1\r\n---\r\n"),
            (Format::Yaml, Span::new(3, 6), "a: 1\r\n")
        );
        assert_eq!(block("---\ra: 1\r---\r").2, "a: 1\r");
        assert_eq!(block("\n  \n---\na: 1\n---").1, Span::new(4, 7));
        assert_eq!(block("--- \na: 1\n---  \n").2, "a: 1\n");
        assert_eq!(block("---\n---\n").2, "");
    }

    #[test]
    fn no_front_matter_and_unterminated() {
        assert_eq!(split(""), Split::None);
        assert_eq!(split("# Title\n---\n"), Split::None);
        assert_eq!(split("----\na\n----\n"), Split::None);
        assert_eq!(
            split("---\na: 1\n"),
            Split::Unterminated {
                format: Format::Yaml,
                open: Span::new(0, 3)
            }
        );
        assert_eq!(
            split("---"),
            Split::Unterminated {
                format: Format::Yaml,
                open: Span::new(0, 3)
            }
        );
    }

    #[test]
    fn closing_line_must_be_exact() {
        assert_eq!(block("---\na: ---\n---- x\n---\n").2, "a: ---\n---- x\n");
    }
}
