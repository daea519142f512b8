//! The front-matter splitter against a naive line-by-line reading of Hugo's rules, plus
//! the places it reports: inside the text, on char boundaries, at the delimiters.
#![no_main]

use fmlint::split::{split, Format, Split};
use fmlint::tree::Span;
use fmlint_fuzz::assert_span;
use libfuzzer_sys::fuzz_target;

/// One line: where it starts, where its text ends, where the next line starts.
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// The lines of `text` from byte `from` on; `\r\n`, `\n` and a lone `\r` end a line.
fn lines(text: &str, from: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = from;
    let mut chars = text[from..].char_indices().map(|(i, c)| (i + from, c));
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            let next = if c == '\r' && text[i + 1..].starts_with('\n') {
                chars.next();
                i + 2
            } else {
                i + 1
            };
            out.push(Line {
                start,
                end: i,
                next,
            });
            start = next;
        }
    }
    out.push(Line {
        start,
        end: text.len(),
        next: text.len(),
    });
    out
}

/// What `split` should answer, read the slow way.
fn reference(text: &str) -> Split {
    let from = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let all = lines(text, from);
    let blank = |l: &Line| text[l.start..l.end].chars().all(|c| c == ' ' || c == '\t');
    let Some(first) = all.iter().position(|l| !(blank(l) && l.end < text.len())) else {
        return Split::None;
    };
    let line = &all[first];
    let content = &text[line.start..line.end];
    let indented = content.trim_start_matches([' ', '\t']);
    if indented.starts_with('{') {
        let at = line.end - indented.len();
        return Split::Block {
            format: Format::Json,
            open: Span::new(at, at + 1),
            block: at..text.len(),
        };
    }
    let format = match content.trim_end_matches([' ', '\t']) {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return Split::None,
    };
    let open = Span::new(line.start, line.start + 3);
    let start = line.next;
    for closing in &all[first + 1..] {
        if text[closing.start..closing.end].trim_end_matches([' ', '\t']) == format.delimiter() {
            return Split::Block {
                format,
                open,
                block: start..closing.start,
            };
        }
    }
    Split::Unterminated { format, open }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = fmlint_fuzz::text(data) else {
        return;
    };
    let found = split(text);
    let all = 0..text.len();
    match &found {
        Split::None => {}
        Split::Block {
            format,
            open,
            block,
        } => {
            assert_span(text, *open, &all, "open");
            assert_span(text, Span::new(block.start, block.end), &all, "block");
            assert!(text[open.start..].starts_with(format.delimiter()));
            if *format == Format::Json {
                assert_eq!(open.start, block.start, "a JSON block starts at its brace");
            } else {
                assert!(open.end <= block.start);
                assert!(text[block.end..].starts_with(format.delimiter()));
            }
        }
        Split::Unterminated { format, open } => {
            assert_span(text, *open, &all, "open");
            assert_eq!(&text[open.start..open.end], format.delimiter());
        }
    }
    assert_eq!(found, reference(text), "split disagrees with the reference");
    let body = fmlint::links::body_start(text);
    assert!(body <= text.len() && text.is_char_boundary(body));
});
