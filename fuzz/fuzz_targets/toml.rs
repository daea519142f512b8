//! The TOML span parser: never panics; every span of the tree and of an error lies inside
//! the block, on char boundaries.
#![no_main]

use fmlint::parse::{toml, Limits};
use fmlint::split::{split, Format, Split};
use fmlint_fuzz::{as_front_matter, assert_span, assert_tree};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = fmlint_fuzz::text(data) else {
        return;
    };
    let text = as_front_matter(input, Format::Toml);
    let Split::Block {
        format: Format::Toml,
        block,
        ..
    } = split(&text)
    else {
        return;
    };
    match toml::parse(&text, block.clone(), &Limits::default()) {
        Ok(root) => assert_tree(&text, &root, &block),
        Err(error) => assert_span(&text, error.span, &block, "error"),
    }
});
