//! What fmlint prints: human output pinned by snapshots, JSON output checked against the
//! README's "JSON output" contract, and every `syntax/*` code at its exact place.

use super::*;

/// Human output for one fixture, relative to the fixtures folder.
fn human(path: &str) -> String {
    let run = run(&fixtures(), &[path]);
    assert!(run.status == 0 || run.status == 1, "{path}: {}", run.stderr);
    run.stdout
}

#[test]
fn human_output_of_each_post_fixture() {
    for name in [
        "cjk-columns",
        "crlf",
        "bom",
        "toml",
        "json",
        "flow",
        "mistakes",
    ] {
        insta::assert_snapshot!(format!("post-{name}"), human(&format!("posts/{name}.md")));
    }
}

#[test]
fn human_output_of_each_syntax_fixture() {
    for name in [
        "unterminated",
        "yaml-error",
        "toml-error",
        "json-error",
        "duplicate-key",
        "invalid-utf8",
        "utf16",
        "binary",
        "deep-nesting",
        "alias-bomb",
    ] {
        insta::assert_snapshot!(
            format!("syntax-{name}"),
            human(&format!("syntax/{name}.md"))
        );
    }
    insta::assert_snapshot!("syntax-missing", human("content/no-front-matter.md"));
}

#[test]
fn every_syntax_code_at_its_place() {
    let cases = [
        ("syntax/unterminated.md", "syntax/unterminated", 0, 3),
        ("syntax/yaml-error.md", "syntax/yaml", 0, 0),
        ("syntax/toml-error.md", "syntax/toml", 0, 0),
        ("syntax/json-error.md", "syntax/json", 0, 0),
        ("syntax/duplicate-key.md", "syntax/duplicate-key", 65, 5),
        ("syntax/invalid-utf8.md", "syntax/encoding", 15, 1),
        ("syntax/utf16.md", "syntax/encoding", 0, 2),
        ("syntax/binary.md", "syntax/encoding", 4, 1),
        ("syntax/deep-nesting.md", "syntax/limit", 0, 0),
        ("syntax/alias-bomb.md", "syntax/limit", 0, 0),
        ("content/no-front-matter.md", "syntax/missing", 0, 0),
    ];
    for (path, code, offset, length) in cases {
        let (status, doc) = json(&fixtures(), &[path]);
        assert_eq!(status, 1, "{path}");
        assert_eq!(codes(&doc), [code], "{path}");
        let d = &doc["diagnostics"][0];
        // Offsets of the parser errors are pinned by the snapshots; here the fixed ones.
        if offset + length > 0 {
            assert_eq!(
                (d["offset"].as_u64(), d["length"].as_u64()),
                (Some(offset), Some(length)),
                "{path}"
            );
        }
    }
}

#[test]
fn json_output_follows_the_contract() {
    let (status, doc) = json(
        &fixtures(),
        &["posts/cjk-columns.md", "posts/crlf.md", "posts/bom.md"],
    );
    assert_eq!(status, 1);
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&doc), ["diagnostics", "summary"]);
    assert_eq!(
        keys(&doc["summary"]),
        ["files", "errors", "warnings", "fixed"]
    );
    assert_eq!(doc["summary"]["files"], 3);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    for d in diagnostics {
        assert_eq!(
            keys(d),
            [
                "path",
                "code",
                "severity",
                "message",
                "offset",
                "length",
                "line",
                "column",
                "end_line",
                "end_column",
                "fixable"
            ]
        );
    }
    let paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);

    // CJK before the error on the same line: columns count characters.
    let cjk = diagnostics
        .iter()
        .find(|d| d["path"] == "posts/cjk-columns.md")
        .unwrap();
    let text = std::fs::read_to_string(fixtures().join("posts/cjk-columns.md")).unwrap();
    let offset = text.find("\"https://example.com/a b.png\"").unwrap();
    assert_eq!(cjk["code"], "schema/format");
    assert_eq!(cjk["offset"], offset);
    assert_eq!(cjk["length"], 29);
    assert_eq!(
        (cjk["line"].as_u64(), cjk["column"].as_u64()),
        (Some(4), Some(34))
    );
    assert_eq!(
        (cjk["end_line"].as_u64(), cjk["end_column"].as_u64()),
        (Some(4), Some(63))
    );

    // CRLF: offsets are bytes of the original file, line endings included.
    let crlf = diagnostics
        .iter()
        .find(|d| d["path"] == "posts/crlf.md")
        .unwrap();
    let text = std::fs::read(fixtures().join("posts/crlf.md")).unwrap();
    let start = crlf["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 7], b"\"recnt\"");
    assert_eq!(
        (crlf["line"].as_u64(), crlf["column"].as_u64()),
        (Some(7), Some(5))
    );

    // BOM: counted in offsets, not in columns.
    let bom = diagnostics
        .iter()
        .find(|d| d["path"] == "posts/bom.md")
        .unwrap();
    let text = std::fs::read(fixtures().join("posts/bom.md")).unwrap();
    let start = bom["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 7], b"\"false\"");
    assert_eq!(
        (bom["line"].as_u64(), bom["column"].as_u64()),
        (Some(6), Some(6))
    );
}

#[test]
fn spans_point_where_the_design_says() {
    let (_, doc) = json(&fixtures(), &["posts/mistakes.md"]);
    let text = std::fs::read_to_string(fixtures().join("posts/mistakes.md")).unwrap();
    let at = |d: &serde_json::Value| -> String {
        let start = d["offset"].as_u64().unwrap() as usize;
        text[start..start + d["length"].as_u64().unwrap() as usize].to_string()
    };
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), at(d)))
        .collect();
    let expected = [
        ("schema/format", "\"2025-13-45\""),
        ("schema/format", "\"zh_CN\""),
        ("schema/type", "\"false\""),
        ("schema/type", "1"),
        ("schema/enum", "\"middle\""),
        ("schema/type", "3"),
        ("schema/enum", "\"recnt\""),
        ("schema/uniqueItems", "\"search\""),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, s)| (c.to_string(), s.to_string()))
        .collect();
    assert_eq!(found, expected);
    // The repeated widget is the second `search`, not the first.
    let unique = &doc["diagnostics"][7];
    assert_eq!(unique["offset"], text.rfind("\"search\"").unwrap());
    let messages = each_diagnostic(&doc, "message");
    assert!(
        messages.contains(
            &"`recnt` is not one of the allowed values for `widgets`; did you mean `recent`?"
        ),
        "{messages:?}"
    );
}

#[test]
fn a_missing_field_points_at_the_opening_delimiter() {
    let dir = tree(&[(
        "a.md",
        "---\ntitle: x\ndate: 2025-01-01\nwidgets: [search]\n---\n",
    )]);
    let (_, doc) = json(dir.path(), &["a.md"]);
    assert_eq!(codes(&doc), ["schema/required"]);
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (d["offset"].as_u64(), d["length"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(d["message"], "missing required field `lang`");
}

#[test]
fn every_emitted_code_is_in_the_table() {
    let (_, doc) = json(&fixtures(), &["posts", "syntax", "content"]);
    for code in codes(&doc) {
        assert!(
            fmlint::codes::lookup(&code).is_some(),
            "{code} is not in the table"
        );
    }
}
