//! The big cases, generated into a temporary tree at test time: a 100 MB front matter,
//! a 1 MB line, and nesting 100,000 deep in every style the formats have.

use crate::{check, common, tree_with_sibling, BOUND};
use std::io::Write;

const DEEP: usize = 100_000;

#[test]
fn a_100_mb_front_matter_is_refused_by_size_without_being_read() {
    let dir = tree_with_sibling();
    let path = dir.path().join("huge.md");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    file.write_all(b"---\ntitle: x\n").expect("write");
    let line = format!("k: {}\n", "v".repeat(1020));
    for _ in 0..100 * 1024 {
        file.write_all(line.as_bytes()).expect("write");
    }
    file.write_all(b"---\nBody.\n").expect("write");
    file.flush().expect("flush");
    drop(file);
    assert!(std::fs::metadata(&path).expect("size").len() > 100 * 1024 * 1024);
    let outcome = check(dir.path(), &[]);
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "syntax/limit");
    assert_eq!(diagnostic["path"], "huge.md");
    assert_eq!(diagnostic["offset"], 0);
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("limits.max_file_size")),
        "{diagnostic:#}"
    );
}

#[test]
fn a_1_mb_line_is_checked_and_clipped_in_the_excerpt() {
    let tags = "en, ".repeat(262_144);
    let post = format!(
        "---\ntitle: x\ndate: 2025-02-11\nlang: [{tags}zh_CN]\nwidgets: [search]\n---\nBody.\n"
    );
    assert!(post.len() > 1024 * 1024);
    let dir = tree_with_sibling();
    common::write(dir.path(), &[("long.md", &post)]);
    let outcome = check(dir.path(), &[]);
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "schema/format");
    assert_eq!(
        diagnostic["offset"].as_u64(),
        post.find("zh_CN").map(|o| o as u64)
    );
    assert_eq!(diagnostic["line"], 4);

    // The human report shows the end of the line around the span, not a megabyte.
    let run = common::finish(
        common::fmlint(dir.path())
            .args(["--offline", "long.md"])
            .timeout(BOUND),
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stdout.contains("zh_CN]"), "{}", run.stdout);
    let widest = run.stdout.lines().map(|l| l.chars().count()).max();
    assert!(widest.is_some_and(|w| w < 200), "{widest:?}");
}

#[test]
fn nesting_100_000_deep_in_every_style_is_a_limit_not_a_crash() {
    let open_close = |open: &str, close: &str, inner: &str| {
        format!("{}{inner}{}", open.repeat(DEEP), close.repeat(DEEP))
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "yaml-flow-maps.md",
            format!("---\nx: {}\n---\n", open_close("{a: ", "}", "1")),
        ),
        (
            "yaml-flow-mixed.md",
            format!("---\nx: {}\n---\n", open_close("[{a: ", "}]", "1")),
        ),
        (
            "yaml-block-sequences.md",
            format!("---\nx:\n  {}v\n---\n", "- ".repeat(DEEP)),
        ),
        (
            "toml-inline-tables.md",
            format!("+++\nx = {}\n+++\n", open_close("{a = ", "}", "1")),
        ),
        (
            "toml-dotted-key.md",
            format!("+++\n{} = 1\n+++\n", vec!["a"; DEEP].join(".")),
        ),
        (
            "toml-table-header.md",
            format!("+++\n[{}]\nb = 1\n+++\n", vec!["a"; DEEP].join(".")),
        ),
        (
            "json-objects.md",
            format!("{{{}}}\n", open_close("\"a\": {", "}", "")),
        ),
    ];
    let dir = tree_with_sibling();
    let files: Vec<(&str, &str)> = cases.iter().map(|(n, t)| (*n, t.as_str())).collect();
    common::write(dir.path(), &files);
    let outcome = check(dir.path(), &[]);
    let found: Vec<(String, String)> = outcome
        .case
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> = cases
        .iter()
        .map(|(name, _)| (name.to_string(), "syntax/limit".to_string()))
        .collect();
    expected.sort();
    assert_eq!(found, expected, "{:#}", outcome.document);
    for diagnostic in &outcome.case {
        let message = diagnostic["message"].as_str().unwrap_or_default();
        assert!(message.contains("128"), "{message}");
    }
}

/// Front matter the default schema accepts, for the link pages below.
const FRONT: &str = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n";

#[test]
fn forty_thousand_identical_headings_get_hugo_suffixes() {
    let mut page = FRONT.to_string();
    page.push_str(&"## Same\n\n".repeat(40_000));
    page.push_str("[last](#same-39999) [first](#same) [past](#same-40000)\n");
    let dir = tree_with_sibling();
    common::write(dir.path(), &[("headings.md", &page)]);
    let outcome = check(dir.path(), &[]);
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "link/missing-anchor");
    assert_eq!(
        diagnostic["offset"].as_u64(),
        page.find("#same-40000").map(|o| o as u64)
    );
}

#[test]
fn twenty_thousand_missing_fragments_are_each_reported() {
    let mut page = FRONT.to_string();
    for n in 0..20_000 {
        page.push_str(&format!("## Heading {n}\n\n"));
    }
    for n in 0..20_000 {
        page.push_str(&format!("[x](#headin-{n})\n"));
    }
    let dir = tree_with_sibling();
    common::write(dir.path(), &[("fragments.md", &page)]);
    let outcome = check(dir.path(), &[]);
    assert_eq!(outcome.case.len(), 20_000);
    assert!(outcome
        .codes()
        .iter()
        .all(|code| code == "link/missing-anchor"));
    let first = &outcome.case[0];
    assert_eq!(
        first["message"], "`#headin-0` is not a heading or anchor on this page",
        "{first:#}"
    );
}

#[test]
fn twenty_thousand_missing_fragments_on_one_line_are_each_reported() {
    // A minified page: every finding's column is on the same 400 KB line.
    let mut page = format!("{FRONT}## Heading\n\n");
    for n in 0..20_000 {
        page.push_str(&format!("[x](#headin-{n}) "));
    }
    let dir = tree_with_sibling();
    common::write(dir.path(), &[("one-line.md", &page)]);
    let outcome = check(dir.path(), &[]);
    assert_eq!(outcome.case.len(), 20_000);
    let last = &outcome.case[19_999];
    let line_start = page.rfind('\n').unwrap() + 1;
    let column = 1 + page.rfind("#headin-19999").unwrap() - line_start;
    assert_eq!(last["column"].as_u64(), Some(column as u64), "{last:#}");
}
