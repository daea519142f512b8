//! Suppressions of link codes are judged like any other: a `link/missing-file` or
//! `link/missing-anchor` suppression that silences nothing is reported per file; one of a
//! remote code (`link/broken`) waits for the run's link phase, and with `--offline` it is
//! never judged.

use crate::{run, tree};

const TARGET: &str =
    "---\ntitle: \"t\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n## Here\n";

/// A post whose `thumbnail` is suppressed for `codes`.
fn post(codes: &str, thumbnail: &str) -> String {
    format!(
        "---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n# fmlint-disable-next-line {codes}\nthumbnail: {thumbnail}\n---\nSee [t](t.md#here).\n"
    )
}

#[test]
fn an_unused_local_link_suppression_is_reported() {
    let dir = tree(&[
        ("a.md", &post("link/missing-file", "t.md")),
        ("t.md", TARGET),
    ]);
    let outcome = run(dir.path(), &["a.md"]);
    assert!(
        outcome.stdout.contains("suppression/unused"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains("link/missing-file"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_used_local_link_suppression_is_not() {
    let dir = tree(&[
        ("a.md", &post("link/missing-file", "gone.md")),
        ("t.md", TARGET),
    ]);
    let outcome = run(dir.path(), &["a.md"]);
    assert_eq!(outcome.status, 0, "{}", outcome.stdout);
    assert!(
        !outcome.stdout.contains("suppression/unused"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_remote_link_suppression_is_not_judged_offline() {
    let dir = tree(&[
        (
            "a.md",
            &post("link/broken", "https://cdn.example.com/x.png"),
        ),
        ("t.md", TARGET),
    ]);
    let outcome = run(dir.path(), &["a.md"]);
    assert_eq!(outcome.status, 0, "{}", outcome.stdout);
    assert!(
        !outcome.stdout.contains("suppression/unused"),
        "{}",
        outcome.stdout
    );
}
