//! Which schema applies: the embedded default, `--schema`, `[[schemas]]`, `$schema`,
//! and the site's custom widgets.

use super::*;

const STRICT: &str =
    r#"{"type": "object", "required": ["author"], "properties": {"author": {"type": "string"}}}"#;

#[test]
fn schema_flag_overrides_the_default() {
    let dir = tree(&[("strict.json", STRICT), ("a.md", GOOD)]);
    let (status, doc) = json(dir.path(), &["--schema", "strict.json", "a.md"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/required"]);
    assert!(doc["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("author"));
}

#[test]
fn a_broken_schema_is_exit_two() {
    let dir = tree(&[
        ("broken.json", "{\"type\": 12}"),
        ("notjson.json", "{"),
        ("a.md", GOOD),
    ]);
    for schema in ["broken.json", "notjson.json", "missing.json"] {
        let run = run(dir.path(), &["--schema", schema, "a.md"]);
        assert_eq!(run.status, 2, "{schema}");
        assert!(run.stderr.contains(schema), "{}", run.stderr);
        // Nothing on stdout, not even the start of a JSON document.
        let json = super::run(
            dir.path(),
            &["--format", "json", "--schema", schema, "a.md"],
        );
        assert_eq!((json.status, json.stdout.as_str()), (2, ""), "{schema}");
    }
}

#[test]
fn config_schema_mapping_by_glob() {
    let dir = tree(&[
        (
            "fmlint.toml",
            "[[schemas]]\nglob = \"docs/**\"\npath = \"schema/strict.json\"\n",
        ),
        ("schema/strict.json", STRICT),
        ("docs/a.md", GOOD),
        ("post/b.md", GOOD),
    ]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/required"]);
    assert_eq!(doc["diagnostics"][0]["path"], "docs/a.md");
}

#[test]
fn in_file_schema_key_is_relative_to_the_file() {
    let post = "---\n$schema: ../strict.json\nauthor: 3\n---\n";
    let dir = tree(&[("strict.json", STRICT), ("posts/a.md", post)]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/type"]);
    let remote = tree(&[("a.md", "---\n$schema: https://example.com/s.json\n---\n")]);
    let run = run(remote.path(), &["a.md"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("not fetched"), "{}", run.stderr);
}

#[test]
fn custom_widgets_come_from_the_site_and_its_theme() {
    let post =
        "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [weather, clock, recent]\n---\n";
    let dir = tree(&[
        ("site/hugo.toml", "theme = \"mainroad\"\n"),
        ("site/layouts/partials/widgets/weather.html", ""),
        (
            "site/themes/mainroad/layouts/partials/widgets/clock.html",
            "",
        ),
        ("site/content/post/a.md", post),
        ("elsewhere/a.md", post),
    ]);
    let (_, doc) = json(dir.path(), &["site", "elsewhere"]);
    let found: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(p, _)| *p == "elsewhere/a.md"));
    // Widgets named in the config count too.
    std::fs::write(
        dir.path().join("fmlint.toml"),
        "widgets = [\"weather\", \"clock\"]\n",
    )
    .unwrap();
    assert_eq!(json(dir.path(), &["elsewhere"]).0, 0);
}

#[test]
fn the_example_site_shows_fmlint_at_work() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/site");
    let (status, doc) = json(&site, &[]);
    assert_eq!(status, 1);
    assert_eq!(doc["summary"]["files"], 4);
    let paths = each_diagnostic(&doc, "path");
    assert!(
        paths
            .iter()
            .all(|p| *p == "content/post/draft-with-mistakes.md"),
        "{paths:?}"
    );
    assert_eq!(paths.len(), 6);
}

#[test]
fn a_schema_names_its_draft() {
    // Draft 4's boolean `exclusiveMaximum` is an error in 2020-12 but valid here.
    let draft4 = r#"{"$schema": "http://json-schema.org/draft-04/schema#",
        "properties": {"weight": {"type": "integer", "maximum": 10, "exclusiveMaximum": true}}}"#;
    let dir = tree(&[
        ("d4.json", draft4),
        ("a.md", "---\nweight: 10\n---\n"),
        ("b.md", "---\nweight: 9\n---\n"),
    ]);
    let (status, doc) = json(dir.path(), &["--schema", "d4.json"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/exclusiveMaximum"]);
    assert_eq!(doc["diagnostics"][0]["path"], "a.md");
}
