//! How each link is classed, seen from the command line: protocol-relative links are
//! remote (https), and every URL of a `srcset` is a link like any other.

use crate::{run, tree};

/// A post with the default schema's fields and `body`.
fn post(body: &str) -> String {
    format!("---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n{body}")
}

#[test]
fn protocol_relative_links_go_to_the_remote_phase() {
    let dir = tree(&[(
        "a.md",
        &post("[a](//cdn.example.com/x) ![i](//cdn.example.com/y.png)\n<img src=\"//cdn.example.com/z.png\">\n"),
    )]);
    let outcome = run(dir.path(), &["a.md"]);
    assert_eq!(outcome.status, 0, "{}", outcome.stdout);
    assert!(
        outcome.stderr.contains("3 not checked (--offline)"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn every_srcset_candidate_is_checked_at_its_span() {
    let body = "<picture>\n<source srcset=\"/img/wide.webp 1200w, /img/gone.webp 600w\">\n\
                <img src=\"/img/a.png\" srcset=\"/img/a.png 1x,/img/missing,x.png 2x, //cdn.example.com/b.png 3x\">\n\
                </picture>\n";
    let text = post(body);
    let dir = tree(&[
        ("a.md", &text),
        ("static/img/wide.webp", "webp"),
        ("static/img/a.png", "png"),
    ]);
    let outcome = run(dir.path(), &["--format", "json", "a.md"]);
    assert_eq!(outcome.status, 1, "{}", outcome.stderr);
    let document: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let found: Vec<(String, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = d["offset"].as_u64().unwrap() as usize;
            let length = d["length"].as_u64().unwrap() as usize;
            (
                d["code"].as_str().unwrap().to_string(),
                text[start..start + length].to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "link/missing-file".to_string(),
                "/img/gone.webp".to_string()
            ),
            (
                "link/missing-file".to_string(),
                "/img/missing,x.png".to_string()
            ),
        ]
    );
    assert!(
        outcome.stderr.contains("1 not checked (--offline)"),
        "{}",
        outcome.stderr
    );
}
