//! The JSON span parser: never panics; the object ends inside the text on a char boundary;
//! every span of the tree lies between the opening brace and that end, every error span
//! inside the text, all on char boundaries.
#![no_main]

use fmlint::parse::{json, Limits};
use fmlint::split::{split, Format, Split};
use fmlint_fuzz::{assert_span, assert_tree};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = fmlint_fuzz::text(data) else {
        return;
    };
    let Split::Block {
        format: Format::Json,
        block,
        ..
    } = split(text)
    else {
        return;
    };
    match json::parse(text, block.start, &Limits::default()) {
        Ok((root, end)) => {
            assert!(block.start < end && end <= text.len() && text.is_char_boundary(end));
            assert_tree(text, &root, &(block.start..end));
            assert_eq!(
                root.span.start, block.start,
                "the object starts at its brace"
            );
        }
        Err(error) => assert_span(text, error.span, &block, "error"),
    }
});
