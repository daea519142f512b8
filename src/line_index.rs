//! Byte offsets to line and column and back, the way users and editors count: lines and
//! columns are 1-based, a UTF-8 BOM takes no column, and `\r\n`, `\n` and a lone `\r`
//! each end a line. Columns count characters (Unicode scalar values: a Chinese character
//! is one column) for people, and UTF-16 code units or bytes for editors that ask for
//! them (the Language Server Protocol's position encodings).
//!
//! Works on bytes, so it also serves files that are not valid UTF-8: there every byte
//! that does not continue a UTF-8 sequence counts as one character (and one UTF-16 unit).

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

/// What a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// Unicode scalar values: what people and terminal output count.
    Chars,
    /// UTF-16 code units: a character beyond the Basic Multilingual Plane counts two.
    Utf16,
    /// Bytes of UTF-8.
    Bytes,
}

/// Line starts of one file, computed once, then queried per diagnostic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    has_bom: bool,
    /// The [`Units`] before each multiple of [`CHECKPOINT`] bytes, made on
    /// the first position asked on a long line.
    checkpoints: std::sync::OnceLock<Vec<Units>>,
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
    /// index was made from, columns counted in characters.
    pub fn position(&self, text: &[u8], offset: usize) -> Position {
        self.position_in(text, offset, Columns::Chars)
    }

    /// The line and column of `offset` (clamped to the text), columns counted as `columns`.
    pub fn position_in(&self, text: &[u8], offset: usize, columns: Columns) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.content_start(line).min(offset);
        let count = if offset - start > CHECKPOINT {
            let before = |at| self.units_before(text, at).of(columns);
            before(offset) - before(start)
        } else {
            Units::of_bytes(&text[start..offset]).of(columns)
        };
        Position {
            line: line + 1,
            column: count + 1,
        }
    }

    /// The byte offset of `position` (columns counted as `columns`), the inverse of
    /// [`LineIndex::position_in`]. A line past the last is the end of the text; a column
    /// past the end of its line is the line's end (before its break); a column inside a
    /// character (between the two UTF-16 units of one) is that character's start.
    /// Costs the length of the line up to the column.
    pub fn offset_of(&self, text: &[u8], position: Position, columns: Columns) -> usize {
        let line = position.line.saturating_sub(1);
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.content_start(line).min(text.len());
        let end = self.line_range(text, line).end.max(start);
        let mut left = position.column.saturating_sub(1);
        let mut at = start;
        while at < end && left > 0 {
            let width = char_width(&text[at..end]);
            let units = Units::of_bytes(&text[at..at + width]).of(columns);
            if units > left {
                break;
            }
            left -= units;
            at += width;
        }
        at
    }

    /// Where the text of 0-based `line` starts: after the BOM on the first line.
    fn content_start(&self, line: usize) -> usize {
        if line == 0 && self.has_bom {
            3
        } else {
            self.line_start(line)
        }
    }

    /// The [`Units`] of `text[..offset]`, counted from the nearest checkpoint.
    fn units_before(&self, text: &[u8], offset: usize) -> Units {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut before = Units::default();
            let mut table = vec![before];
            for chunk in text.chunks(CHECKPOINT) {
                before = before.plus(Units::of_bytes(chunk));
                table.push(before);
            }
            table
        });
        let k = offset / CHECKPOINT;
        let base = checkpoints.get(k).copied().unwrap_or_default();
        base.plus(Units::of_bytes(&text[k * CHECKPOINT..offset]))
    }
}

/// How much a run of bytes counts in each kind of [`Columns`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Units {
    chars: usize,
    utf16: usize,
    bytes: usize,
}

impl Units {
    /// Every byte that does not continue a UTF-8 sequence starts a character; one that
    /// starts a four-byte sequence is a character of two UTF-16 units.
    fn of_bytes(bytes: &[u8]) -> Self {
        let chars = count_chars(bytes);
        let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
        Units {
            chars,
            utf16: chars + astral,
            bytes: bytes.len(),
        }
    }

    fn plus(self, other: Units) -> Units {
        Units {
            chars: self.chars + other.chars,
            utf16: self.utf16 + other.utf16,
            bytes: self.bytes + other.bytes,
        }
    }

    fn of(self, columns: Columns) -> usize {
        match columns {
            Columns::Chars => self.chars,
            Columns::Utf16 => self.utf16,
            Columns::Bytes => self.bytes,
        }
    }
}

/// The length of the character `bytes` starts with: its lead byte and the continuation
/// bytes after it (a stray byte is a character of its own).
fn char_width(bytes: &[u8]) -> usize {
    1 + bytes
        .iter()
        .skip(1)
        .take_while(|&&b| (b & 0xC0) == 0x80)
        .count()
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
    fn columns_in_utf16_and_bytes() {
        let text = "a: 中\u{1F600}x\n";
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        let x = text.find('x').unwrap();
        let at = |columns| index.position_in(bytes, x, columns).column;
        assert_eq!(at(Columns::Chars), 6);
        assert_eq!(at(Columns::Utf16), 7, "the emoji is two UTF-16 units");
        assert_eq!(at(Columns::Bytes), 11);
    }

    /// Every character boundary maps to a position and back, in every encoding, on short
    /// lines, a long line (checkpoints), after a BOM and across each kind of line break.
    #[test]
    fn positions_map_back_to_their_offsets() {
        let long = "a中\u{1F600}".repeat(CHECKPOINT);
        let text = format!("\u{FEFF}é\u{1F600}x\r\n\r{long}\nlast");
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        for columns in [Columns::Chars, Columns::Utf16, Columns::Bytes] {
            // Every offset of the short lines, a sample of the long one.
            let sampled = |o: usize| o < 20 || o > bytes.len() - 10 || o % 101 == 0;
            for offset in (3..=bytes.len()).filter(|&o| sampled(o) && text.is_char_boundary(o)) {
                if bytes.get(offset.wrapping_sub(1)) == Some(&b'\r')
                    && bytes.get(offset) == Some(&b'\n')
                {
                    continue; // inside a CRLF: no position of its own
                }
                let position = index.position_in(bytes, offset, columns);
                assert_eq!(
                    index.offset_of(bytes, position, columns),
                    offset,
                    "{columns:?} at {offset} ({position:?})"
                );
            }
        }
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab\u{1F600}c\r\nd";
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        let at = |line, column, columns| index.offset_of(bytes, Position { line, column }, columns);
        assert_eq!(
            at(1, 99, Columns::Utf16),
            7,
            "past the line's end: before its break"
        );
        assert_eq!(
            at(1, 4, Columns::Utf16),
            2,
            "between the two units of the emoji: its start"
        );
        assert_eq!(at(1, 5, Columns::Utf16), 6);
        assert_eq!(at(9, 1, Columns::Chars), bytes.len(), "past the last line");
        assert_eq!(at(0, 0, Columns::Chars), 0, "0 is read as 1");
    }

    #[test]
    fn line_range_excludes_the_break() {
        let text = b"one\r\ntwo\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), 0..3);
        assert_eq!(index.line_range(text, 1), 5..8);
    }
}
