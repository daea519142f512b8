//! Which files get checked: ignore files, hidden folders, globs, named files, symlinks.

use super::*;

fn checked(dir: &Path, args: &[&str]) -> Vec<String> {
    let (_, doc) = json(dir, args);
    each_diagnostic(&doc, "path")
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn gitignore_and_ignore_files_are_honoured_outside_git() {
    let dir = tree(&[
        (".gitignore", "public/\n"),
        ("sub/.ignore", "skip.md\n"),
        ("public/a.md", BAD),
        ("sub/skip.md", BAD),
        ("sub/keep.md", BAD),
        (".hidden/c.md", BAD),
        ("notes.txt", BAD),
    ]);
    assert_eq!(checked(dir.path(), &[]), ["sub/keep.md"]);
}

#[test]
fn include_and_exclude_globs() {
    let dir = tree(&[
        (
            "fmlint.toml",
            "include = [\"**/*.mdx\"]\nexclude = [\"drafts/**\", \"/root-only.mdx\"]\n",
        ),
        ("a.mdx", BAD),
        ("b.md", BAD),
        ("content/drafts/c.mdx", BAD),
        ("root-only.mdx", BAD),
        ("deep/root-only.mdx", BAD),
    ]);
    assert_eq!(checked(dir.path(), &["."]), ["a.mdx", "deep/root-only.mdx"]);
}

#[test]
fn named_files_are_checked_whatever_their_extension_unless_excluded() {
    let dir = tree(&[
        ("fmlint.toml", "exclude = [\"drafts/**\"]\n"),
        ("notes.txt", BAD),
        ("drafts/a.md", BAD),
    ]);
    assert_eq!(
        checked(dir.path(), &["notes.txt", "drafts/a.md"]),
        ["notes.txt"]
    );
    assert_eq!(checked(dir.path(), &["./notes.txt"]), ["notes.txt"]);
}

#[test]
fn a_file_reached_twice_is_checked_once() {
    let dir = tree(&[("content/a.md", BAD), ("content/sub/b.md", BAD)]);
    let args = [
        ".",
        "content",
        "content/sub",
        "content/a.md",
        "./content/a.md",
    ];
    let (_, doc) = json(dir.path(), &args);
    assert_eq!(doc["summary"]["files"], 2, "{doc:#}");
    let paths = checked(dir.path(), &args);
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(unique, ["content/a.md", "content/sub/b.md"]);
    // Each file's findings once: as many as when the file is named alone.
    let alone = checked(dir.path(), &["content/a.md"]).len();
    assert_eq!(paths.iter().filter(|p| *p == "content/a.md").count(), alone);
}

#[test]
fn paths_are_joined_as_given() {
    let dir = tree(&[("site/content/a.md", BAD)]);
    assert_eq!(checked(dir.path(), &["site"]), ["site/content/a.md"]);
    assert_eq!(
        checked(&dir.path().join("site/content"), &["../content"]),
        ["../content/a.md"]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_special_files_are_skipped_and_the_rest_checked() {
    let dir = tree(&[("a/post.md", BAD)]);
    std::os::unix::fs::symlink("..", dir.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink("missing.md", dir.path().join("a/dangling.md")).unwrap();
    let fifo = dir.path().join("a/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success());
    let run = run(dir.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(run.status, 1);
    assert_eq!(doc["diagnostics"][0]["path"], "a/post.md");
    assert_eq!(doc["summary"]["files"], 1);
    assert!(run.stderr.contains("symlink loop"), "{}", run.stderr);
    if made.unwrap_or(false) {
        let named = super::run(dir.path(), &["a/pipe.md"]);
        assert!(
            named.stderr.contains("not a regular file"),
            "{}",
            named.stderr
        );
    }
}

/// Findings come in path order, compared a component at a time (a folder's files before
/// a sibling whose name only starts like it), whatever order the paths are given in, and
/// in the same order in a format written as files are checked (json) and in one written
/// from the whole run (SARIF).
#[test]
fn findings_are_in_path_order_in_every_format() {
    let dir = tree(&[
        ("post/b.md", BAD),
        ("post/a.md", BAD),
        ("post-2.md", BAD),
        ("post.md", BAD),
        ("a/z.md", BAD),
        ("b.md", BAD),
    ]);
    let want = [
        "a/z.md",
        "b.md",
        "post/a.md",
        "post/b.md",
        "post-2.md",
        "post.md",
    ];
    let mut once = checked(dir.path(), &[]);
    once.dedup();
    assert_eq!(once, want);
    let mut given = checked(dir.path(), &["post.md", "post", "b.md", "a", "post-2.md"]);
    given.dedup();
    assert_eq!(given, want);
    let sarif = run(dir.path(), &["--format", "sarif"]).document();
    let mut uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    uris.dedup();
    assert_eq!(uris, want);
}

/// Paths that overlap, and standard input, still give findings in path order: a named
/// file the folder's walk does not reach (its extension), a file given beside `.`, and
/// standard input by the name it is given.
#[test]
fn overlapping_paths_and_standard_input_keep_path_order() {
    let dir = tree(&[
        ("docs/a.md", BAD),
        ("docs/b.txt", BAD),
        ("docs/c.md", BAD),
        ("x.md", BAD),
    ]);
    let mut found = checked(dir.path(), &["docs", "docs/b.txt"]);
    found.dedup();
    assert_eq!(found, ["docs/a.md", "docs/b.txt", "docs/c.md"]);
    let mut out_and_back = checked(dir.path(), &["docs", "docs/../x.md"]);
    out_and_back.dedup();
    assert_eq!(out_and_back, ["docs/../x.md", "docs/a.md", "docs/c.md"]);
    let mut beside = checked(&dir.path().join("docs"), &[".", "../x.md"]);
    beside.dedup();
    assert_eq!(beside, ["../x.md", "a.md", "c.md"]);
    let stdin = run_with_stdin(
        dir.path(),
        &["--format", "json", "--stdin-filename", "docs/b.md", "docs"],
        Some(BAD.as_bytes()),
    );
    let mut paths: Vec<String> = each_diagnostic(&stdin.document(), "path")
        .into_iter()
        .map(String::from)
        .collect();
    paths.dedup();
    assert_eq!(paths, ["docs/a.md", "docs/b.md", "docs/c.md"]);
}
