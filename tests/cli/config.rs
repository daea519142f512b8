//! `fmlint.toml`: found by walking up, `--config`, `[rules]`, strict errors.

use super::*;

#[test]
fn rules_turn_a_code_into_a_warning_or_off() {
    let dir = tree(&[
        ("fmlint.toml", "[rules]\n\"schema/enum\" = \"warning\"\n"),
        ("post/a.md", BAD),
    ]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 0, "a warning does not fail the run");
    assert_eq!(doc["diagnostics"][0]["severity"], "warning");
    assert_eq!(doc["summary"]["warnings"], 1);

    std::fs::write(
        dir.path().join("fmlint.toml"),
        "[rules]\n\"schema/enum\" = \"off\"\n",
    )
    .unwrap();
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 0);
    assert_eq!(codes(&doc), Vec::<String>::new());
}

#[test]
fn config_is_found_by_walking_up_from_the_working_directory() {
    let dir = tree(&[
        ("fmlint.toml", "exclude = [\"drafts/**\"]\n"),
        ("sub/drafts/a.md", BAD),
        ("sub/b.md", GOOD),
    ]);
    let (status, doc) = json(&dir.path().join("sub"), &[]);
    assert_eq!(status, 0);
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn explicit_config_file() {
    let dir = tree(&[
        ("other.toml", "[rules]\n\"schema/enum\" = \"off\"\n"),
        ("a.md", BAD),
    ]);
    assert_eq!(json(dir.path(), &["--config", "other.toml"]).0, 0);
    assert_eq!(json(dir.path(), &[]).0, 1);
    let missing = run(dir.path(), &["--config", "nope.toml"]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
}

#[test]
fn bad_config_exits_two_naming_the_key() {
    for (config, needle) in [
        ("inclde = [\"**/*.md\"]\n", "inclde"),
        ("[links]\ntimeout = \"soon\"\n", "links.timeout"),
        ("[rules]\n\"schema/enun\" = \"off\"\n", "schema/enun"),
        ("front_matter = \"sometimes\"\n", "sometimes"),
        ("[limits]\nmax_depth = 0\n", "limits.max_depth"),
        ("this is not toml", "fmlint.toml"),
    ] {
        let dir = tree(&[("fmlint.toml", config), ("a.md", GOOD)]);
        let run = run(dir.path(), &[]);
        assert_eq!(run.status, 2, "{config}");
        assert!(run.stderr.contains(needle), "{config}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{config}");
    }
}

#[test]
fn front_matter_policy() {
    let files = [
        ("content/post/a.md", "no front matter\n"),
        ("notes/b.md", "no front matter\n"),
    ];
    let dir = tree(&files);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["syntax/missing"]);
    assert_eq!(doc["diagnostics"][0]["path"], "content/post/a.md");

    std::fs::write(
        dir.path().join("fmlint.toml"),
        "front_matter = \"required\"\n",
    )
    .unwrap();
    assert_eq!(codes(&json(dir.path(), &[]).1).len(), 2);
    std::fs::write(
        dir.path().join("fmlint.toml"),
        "front_matter = \"optional\"\n",
    )
    .unwrap();
    assert_eq!(json(dir.path(), &[]).0, 0);
}
