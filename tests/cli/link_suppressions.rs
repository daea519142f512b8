//! Suppressions of link codes are judged like any other: a `link/missing-file` or
//! `link/missing-anchor` suppression that silences nothing is reported per file; one of a
//! remote code (`link/broken`) waits for the run's link phase, and with `--offline` it is
//! never judged.

use crate::{codes, run, tree};

const TARGET: &str =
    "---\ntitle: \"t\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n## Here\n";

/// The codes a run finds in a post whose `thumbnail` is suppressed for `code`, beside a
/// page `t.md` with a `## Here` heading.
fn found(code: &str, thumbnail: &str) -> Vec<String> {
    let post = format!(
        "---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n# fmlint-disable-next-line {code}\nthumbnail: {thumbnail}\n---\nSee [t](t.md#here).\n"
    );
    let dir = tree(&[("a.md", &post), ("t.md", TARGET)]);
    let outcome = run(dir.path(), &["--format", "json", "a.md"]);
    codes(&outcome.document())
}

#[test]
fn an_unused_local_link_suppression_is_reported() {
    for code in ["link/missing-file", "link/missing-anchor"] {
        assert_eq!(found(code, "t.md"), ["suppression/unused"], "{code}");
    }
}

#[test]
fn a_used_local_link_suppression_is_not() {
    assert!(found("link/missing-file", "gone.md").is_empty());
    assert!(found("link/missing-anchor", "t.md#gone").is_empty());
}

#[test]
fn a_remote_link_suppression_is_not_judged_offline() {
    assert!(found("link/broken", "https://cdn.example.com/x.png").is_empty());
}
