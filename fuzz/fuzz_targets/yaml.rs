//! The YAML span parser: never panics; every span of the tree and of an error lies inside
//! the block, on char boundaries; the fast path and the full parser agree.
#![no_main]

use fmlint::parse::{yaml, Limits};
use fmlint::split::{split, Format, Split};
use fmlint_fuzz::{as_front_matter, assert_span, assert_tree};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = fmlint_fuzz::text(data) else {
        return;
    };
    let text = as_front_matter(input, Format::Yaml);
    let Split::Block {
        format: Format::Yaml,
        block,
        ..
    } = split(&text)
    else {
        return;
    };
    let limits = Limits::default();
    let parsed = yaml::parse(&text, block.clone(), &limits);
    match &parsed {
        Ok(root) => assert_tree(&text, root, &block),
        Err(error) => assert_span(&text, error.span, &block, "error"),
    }
    let full = yaml::parse_full(&text, block.clone(), &limits);
    assert_eq!(
        format!("{parsed:?}"),
        format!("{full:?}"),
        "the fast path and the full parser disagree"
    );
});
