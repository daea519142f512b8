//! Schemas stay inside the project: a page's `$schema`, a config's `[[schemas]]` path and
//! every `$ref` that leads out of the project root (by `..`, an absolute path, a `file:`
//! URL or a symlink) is refused before it is read, and nothing of the file outside ever
//! reaches any output format. `--schema`, typed by the user, is trusted wherever it is.

use super::*;

/// What the file outside the project holds, and must never be printed.
const SECRET: &str = "ghp_SECRET_TOKEN_0123456789";

/// Every output format.
const FORMATS: [&str; 5] = ["human", "json", "github", "sarif", "junit"];

/// A folder holding `secret.json` (a valid schema quoting [`SECRET`] wherever a message
/// could show it: a `const`, an `enum`, a value that is no schema at all) and, beside
/// it, `project/` with an `fmlint.toml` and `files`.
fn outside_and_project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let secret = format!(
        r#"{{"properties": {{"title": {{"const": "{SECRET}"}}, "lang": {{"enum": ["{SECRET}"]}}}},
            "github.com": {{"oauth_token": "{SECRET}"}}}}"#
    );
    let dir = tree(&[("secret.json", &secret), ("project/fmlint.toml", "")]);
    common::write(&dir.path().join("project"), files);
    dir
}

/// The absolute path of the file outside the project.
fn secret_path(dir: &tempfile::TempDir) -> String {
    dir.path().join("secret.json").display().to_string()
}

/// Run `fmlint ARGS` in `project/` in every format: each must exit 2 with `expected` on
/// stderr and never print the secret.
fn assert_refused(dir: &tempfile::TempDir, args: &[&str], expected: &str) {
    let project = dir.path().join("project");
    for format in FORMATS {
        let mut all = vec!["--format", format];
        all.extend_from_slice(args);
        let run = run(&project, &all);
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !text.contains(SECRET),
                "{format} {stream} quotes the file outside: {text}"
            );
        }
        assert_eq!(run.status, 2, "{format}: {}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(expected),
            "{format}: expected `{expected}` in: {}",
            run.stderr
        );
    }
}

#[test]
fn a_page_schema_above_the_project_is_refused() {
    let dir = outside_and_project(&[(
        "content/a.md",
        "---\n$schema: ../../secret.json\ntitle: x\n---\n",
    )]);
    assert_refused(&dir, &["content/a.md"], "outside the project root");
}

#[test]
fn a_page_schema_at_an_absolute_path_is_refused() {
    let dir = outside_and_project(&[]);
    let post = format!("---\n$schema: {}\ntitle: x\n---\n", secret_path(&dir));
    common::write(&dir.path().join("project"), &[("a.md", &post)]);
    assert_refused(&dir, &["a.md"], "outside the project root");
}

#[test]
fn a_ref_to_a_file_url_outside_is_refused() {
    let dir = outside_and_project(&[("a.md", "---\n$schema: s.json\ntitle: x\n---\n")]);
    let schema = format!(
        r#"{{"properties": {{"title": {{"$ref": "file://{}#/github.com/oauth_token"}}}}}}"#,
        secret_path(&dir)
    );
    common::write(&dir.path().join("project"), &[("s.json", &schema)]);
    assert_refused(&dir, &["a.md"], "outside the project root");
}

#[test]
fn a_relative_ref_with_a_pointer_outside_is_refused() {
    let dir = outside_and_project(&[
        (
            "content/a.md",
            "---\n$schema: ../schema/s.json\ntitle: x\n---\n",
        ),
        (
            "schema/s.json",
            r#"{"properties": {"title": {"$ref": "../../secret.json#/properties/title"}}}"#,
        ),
    ]);
    assert_refused(&dir, &["content/a.md"], "outside the project root");
}

#[test]
fn a_ref_from_the_cli_schema_is_held_to_the_project_too() {
    let dir = outside_and_project(&[
        ("a.md", "---\ntitle: x\n---\n"),
        (
            "s.json",
            r#"{"properties": {"title": {"$ref": "../secret.json#/properties/title"}}}"#,
        ),
    ]);
    assert_refused(
        &dir,
        &["--schema", "s.json", "a.md"],
        "outside the project root",
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_project_is_refused() {
    let dir = outside_and_project(&[
        ("a.md", "---\n$schema: schema/link.json\ntitle: x\n---\n"),
        ("b.md", "---\n$schema: up/secret.json\ntitle: x\n---\n"),
        ("c.md", "---\n$schema: schema/s.json\ntitle: x\n---\n"),
        (
            "schema/s.json",
            r#"{"properties": {"title": {"$ref": "link.json#/properties/title"}}}"#,
        ),
    ]);
    let project = dir.path().join("project");
    std::os::unix::fs::symlink(
        dir.path().join("secret.json"),
        project.join("schema/link.json"),
    )
    .expect("symlink to a file");
    std::os::unix::fs::symlink(dir.path(), project.join("up")).expect("symlink to a folder");
    for page in ["a.md", "b.md", "c.md"] {
        assert_refused(&dir, &[page], "outside the project root");
    }
}

#[test]
fn a_config_schema_path_outside_is_refused() {
    let dir = outside_and_project(&[("a.md", "---\ntitle: x\n---\n")]);
    common::write(
        &dir.path().join("project"),
        &[(
            "fmlint.toml",
            "[[schemas]]\nglob = \"**\"\npath = \"../secret.json\"\n",
        )],
    );
    assert_refused(&dir, &["a.md"], "outside the project root");
}

#[test]
fn a_schema_in_the_project_with_a_sibling_ref_still_works() {
    let dir = outside_and_project(&[
        (
            "content/a.md",
            "---\n$schema: ../schema/post.json\ntitle: 3\n---\n",
        ),
        (
            "schema/post.json",
            r#"{"properties": {"title": {"$ref": "common.json#/$defs/title"}}}"#,
        ),
        (
            "schema/common.json",
            r#"{"$defs": {"title": {"type": "string"}}}"#,
        ),
    ]);
    let (status, doc) = json(&dir.path().join("project"), &["content/a.md"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/type"]);
}

#[test]
fn the_cli_schema_is_trusted_wherever_it_is() {
    let dir = outside_and_project(&[("a.md", "---\ntitle: x\n---\n")]);
    let mine = dir.path().join("mine.json");
    std::fs::write(&mine, r#"{"required": ["author"]}"#).expect("write");
    let (status, doc) = json(
        &dir.path().join("project"),
        &["--schema", &mine.display().to_string(), "a.md"],
    );
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/required"]);
}

#[test]
fn without_a_config_the_git_work_tree_is_the_project() {
    let post = "---\n$schema: ../schema/s.json\ntitle: 3\n---\n";
    let dir = tree(&[
        ("site/a.md", post),
        (
            "schema/s.json",
            r#"{"properties": {"title": {"type": "string"}}}"#,
        ),
    ]);
    let site = dir.path().join("site");
    let run = run(&site, &["a.md"]);
    assert_eq!(
        run.status, 2,
        "outside the working directory: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("outside the project root"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    let (status, doc) = json(&site, &["a.md"]);
    assert_eq!(status, 1, "inside the work tree");
    assert_eq!(codes(&doc), ["schema/type"]);
}

#[test]
fn a_broken_schema_message_quotes_no_value_of_it() {
    let schema = format!(r#"{{"properties": {{"title": {{"type": "{SECRET}"}}}}}}"#);
    let dir = tree(&[("s.json", &schema), ("a.md", "---\n$schema: s.json\n---\n")]);
    let run = run(dir.path(), &["a.md"]);
    assert_eq!(run.status, 2);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("not a valid JSON Schema: `/properties/title/type` is invalid"),
        "{}",
        run.stderr
    );
}
