//! Byte offsets to line and column, the way users count: lines and columns are 1-based,
//! columns count Unicode scalar values (a Chinese character is one column), a UTF-8 BOM
//! takes no column, and `\r\n`, `\n` and a lone `\r` each end a line.
//!
//! Works on bytes, so it also serves files that are not valid UTF-8: there every byte
//! that does not continue a UTF-8 sequence counts as one column.

/// Where the line after the one holding byte `at` starts: just past its `\r\n`, `\n` or
/// lone `\r`, or the end of `text` when that line is the last.
pub fn next_line_start(text: &[u8], at: usize) -> usize {
    let at = at.min(text.len());
    memchr::memchr2(b'\n', b'\r', &text[at..]).map_or(text.len(), |i| {
        let end = at + i;
        match text.get(end..end + 2) {
            Some(b"\r\n") => end + 2,
            _ => end + 1,
        }
    })
}

/// Bytes between two character-count checkpoints. A column further than this from its
/// line's start is counted from the nearest checkpoint, so that many findings on one long
/// line (a minified page) cost a bounded count each, not one the length of the line.
const CHECKPOINT: usize = 4096;

/// Line starts of one file, computed once, then queried per diagnostic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    has_bom: bool,
    /// Characters before each multiple of [`CHECKPOINT`] bytes, made on the first
    /// position asked on a long line.
    checkpoints: std::sync::OnceLock<Vec<usize>>,
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if text.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            has_bom: text.starts_with(b"\xEF\xBB\xBF"),
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    /// The 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// The byte range of 0-based `line`, without its line break.
    pub fn line_range(&self, text: &[u8], line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line).min(text.len());
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        while end > start && matches!(text[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The line and column of `offset` (clamped to the text) in `text`, the text this
    /// index was made from.
    pub fn position(&self, text: &[u8], offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let mut start = self.line_start(line);
        if line == 0 && self.has_bom && offset >= 3 {
            start = 3;
        }
        let start = start.min(offset);
        let column = 1 + if offset - start > CHECKPOINT {
            self.chars_before(text, offset) - self.chars_before(text, start)
        } else {
            count_chars(&text[start..offset])
        };
        Position {
            line: line + 1,
            column,
        }
    }

    /// The number of characters in `text[..offset]`, counted from the nearest checkpoint.
    fn chars_before(&self, text: &[u8], offset: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut before = 0;
            let mut table = vec![0];
            for chunk in text.chunks(CHECKPOINT) {
                before += count_chars(chunk);
                table.push(before);
            }
            table
        });
        let k = offset / CHECKPOINT;
        checkpoints.get(k).copied().unwrap_or(0) + count_chars(&text[k * CHECKPOINT..offset])
    }
}

/// The number of characters in `bytes`: every byte that does not continue a UTF-8 sequence.
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_start_after_each_kind_of_break() {
        let text = b"ab\ncd\r\nef\rgh";
        assert_eq!(next_line_start(text, 0), 3);
        assert_eq!(next_line_start(text, 2), 3, "at the break itself");
        assert_eq!(next_line_start(text, 4), 7, "CRLF");
        assert_eq!(next_line_start(text, 7), 10, "a lone CR");
        assert_eq!(next_line_start(text, 11), 12, "the last line");
        assert_eq!(next_line_start(text, 99), 12, "past the end");
    }

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text.as_bytes()).position(text.as_bytes(), offset);
        (p.line, p.column)
    }

    #[test]
    fn counts_characters_not_bytes() {
        let text = "a: 中文x\n";
        let x = text.find('x').unwrap();
        assert_eq!(pos(text, x), (1, 6));
    }

    #[test]
    fn bom_takes_no_column_and_line_endings_all_count() {
        assert_eq!(pos("\u{FEFF}---\n", 3), (1, 1));
        assert_eq!(pos("a\r\nb\rc\nd", 3), (2, 1));
        assert_eq!(pos("a\r\nb\rc\nd", 5), (3, 1));
        assert_eq!(pos("a\r\nb\rc\nd", 7), (4, 1));
        assert_eq!(pos("ab", 99), (1, 3));
    }

    #[test]
    fn columns_on_a_long_line_count_from_checkpoints_alike() {
        // Multi-byte characters straddle the checkpoints; the line starts mid-chunk.
        let text = format!("x\n{}", "a中\u{1F600}".repeat(3 * CHECKPOINT));
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        for offset in (2..bytes.len()).step_by(997).chain([bytes.len()]) {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let expected = 1 + text[2..offset].chars().count();
            assert_eq!(
                index.position(bytes, offset).column,
                expected,
                "at {offset}"
            );
        }
    }

    #[test]
    fn line_range_excludes_the_break() {
        let text = b"one\r\ntwo\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), 0..3);
        assert_eq!(index.line_range(text, 1), 5..8);
    }
}
