//! Reading one file into text: the size limit, binary and encoding checks.
//!
//! A file that cannot become UTF-8 text gets one `syntax/encoding` (or `syntax/limit`)
//! diagnostic at the first offending byte instead of a crash; the caller reports it and
//! moves on. I/O failures are returned as errors for the caller to report as skips.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::tree::Span;
use std::io::Read;
use std::path::Path;

/// How many leading bytes are searched for a NUL byte to tell a binary file.
const BINARY_SNIFF: usize = 8192;

/// The outcome of reading one file.
pub enum Contents {
    /// Valid UTF-8 text (BOM kept: spans count it).
    Text(String),
    /// The file cannot be linted; the diagnostic says why. `bytes` is what was read,
    /// for showing the place (empty when nothing useful was read).
    Rejected {
        diagnostic: Diagnostic,
        bytes: Vec<u8>,
    },
}

/// Read `path`, refusing files over `max_size` bytes without reading them whole.
pub fn read_file(path: &Path, max_size: u64) -> std::io::Result<Contents> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max_size {
        let diagnostic = Diagnostic::new(
            &codes::SYNTAX_LIMIT,
            Span::new(0, 0),
            format!("the file is larger than the limit of {max_size} bytes (limits.max_file_size)"),
        )
        .with_help("raise `max_file_size` under `[limits]` in fmlint.toml, or exclude the file");
        return Ok(Contents::Rejected {
            diagnostic,
            bytes: Vec::new(),
        });
    }
    // The size is a hint: a file growing meanwhile is still read only up to the limit.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(max_size).read_to_end(&mut bytes)?;
    Ok(decode(bytes))
}

/// Turn raw bytes into text, or say why they are not text.
pub fn decode(bytes: Vec<u8>) -> Contents {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let diagnostic = Diagnostic::new(
            &codes::SYNTAX_ENCODING,
            Span::new(0, 2),
            "the file is UTF-16 text; fmlint (and Hugo) read UTF-8 only",
        )
        .with_label("UTF-16 byte-order mark")
        .with_help("convert the file to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`");
        return Contents::Rejected { diagnostic, bytes };
    }
    if let Some(order) = utf16_without_bom(&bytes) {
        let diagnostic = Diagnostic::new(
            &codes::SYNTAX_ENCODING,
            Span::new(0, 2),
            format!(
                "the file looks like UTF-16 text ({order}, no byte-order mark); fmlint (and Hugo) read UTF-8 only"
            ),
        )
        .with_label("a UTF-16 code unit")
        .with_help("convert the file to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`");
        return Contents::Rejected { diagnostic, bytes };
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if let Some(nul) = memchr::memchr(0, sniff) {
        let diagnostic = Diagnostic::new(
            &codes::SYNTAX_ENCODING,
            Span::new(nul, nul + 1),
            "the file looks binary (it contains a NUL byte), not Markdown text",
        )
        .with_label("NUL byte")
        .with_help("exclude binary files with `exclude` in fmlint.toml");
        return Contents::Rejected { diagnostic, bytes };
    }
    // The fast validator answers most files; std's finds where a bad one goes wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Contents::Text(text.to_owned());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Contents::Text(text),
        Err(err) => {
            let utf8 = err.utf8_error();
            let start = utf8.valid_up_to();
            let len = utf8.error_len().unwrap_or(err.as_bytes().len() - start);
            let diagnostic = Diagnostic::new(
                &codes::SYNTAX_ENCODING,
                Span::new(start, start + len),
                format!("invalid UTF-8 at byte {start}"),
            )
            .with_label("not UTF-8")
            .with_help("save the file as UTF-8");
            Contents::Rejected {
                diagnostic,
                bytes: err.into_bytes(),
            }
        }
    }
}

/// The byte order of text that starts with two ASCII characters as UTF-16 code units
/// (`-\0-\0` or `\0-\0-`), which a front matter's delimiter always is.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let ascii = |b: u8| (0x09..0x7F).contains(&b);
    match *bytes.get(..4)? {
        [a, 0, b, 0] if ascii(a) && ascii(b) => Some("little-endian"),
        [0, a, 0, b] if ascii(a) && ascii(b) => Some("big-endian"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejected(bytes: &[u8]) -> Diagnostic {
        match decode(bytes.to_vec()) {
            Contents::Rejected { diagnostic, .. } => diagnostic,
            Contents::Text(t) => panic!("accepted {t:?}"),
        }
    }

    #[test]
    fn encodings() {
        assert!(matches!(decode("---\n中文\n".into()), Contents::Text(_)));
        assert_eq!(rejected(b"\xFF\xFEa\0").span, Span::new(0, 2));
        assert_eq!(rejected(b"abc\0def").span, Span::new(3, 4));
        let d = rejected(b"ab\xE4\xB8x");
        assert_eq!(d.code.name, "syntax/encoding");
        assert_eq!(d.span, Span::new(2, 4));
        assert_eq!(rejected(b"ab\xE4").span, Span::new(2, 3));
        assert!(rejected(b"-\0-\0").message.contains("little-endian"));
        assert!(rejected(b"\0-\0-").message.contains("big-endian"));
        assert!(rejected(b"a\0\0\0").message.contains("binary"));
    }
}
