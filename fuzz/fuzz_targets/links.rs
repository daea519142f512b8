//! Link extraction from Markdown bodies (inline, reference, autolinks, bare URLs, raw
//! HTML): never panics, and every link span lies in the body, on char boundaries.
#![no_main]

use fmlint::links::{bare, body_start, extract::body_links, html};
use fmlint::tree::Span;
use fmlint_fuzz::assert_span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = fmlint_fuzz::text(data) else {
        return;
    };
    for start in [0, body_start(text)] {
        let body = start..text.len();
        for link in body_links(text, start) {
            assert_span(text, link.span, &body, "link");
        }
        let candidates = bare::Candidates::new(text, body.clone());
        for (range, url) in bare::find(text, body.clone(), &candidates) {
            assert_span(text, Span::new(range.start, range.end), &body, "bare URL");
            assert!(url.starts_with("http"), "bare URL {url:?} has no scheme");
        }
    }
    for tag in html::start_tags(text) {
        for attribute in tag.attributes {
            let range = attribute.range;
            assert_span(
                text,
                Span::new(range.start, range.end),
                &(0..text.len()),
                "attribute",
            );
            assert_eq!(&text[range], attribute.raw);
        }
    }
});
