//! `--changed-since REF` in a throwaway git repository: committed, staged, unstaged and
//! untracked changes count; deletions, ignored files, unchanged files and changes made
//! on REF after the branch forked do not.

use super::*;

/// A repository with two committed posts on `main` and a branch `topic`.
fn repository() -> tempfile::TempDir {
    let dir = tree(&[
        ("content/post/old.md", BAD),
        ("content/post/kept.md", GOOD),
        ("content/post/gone.md", GOOD),
        ("README.md", "# site\n"),
        (".gitignore", "ignored/\n"),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    git(dir.path(), &["checkout", "-q", "-b", "topic"]);
    dir
}

fn paths(doc: &serde_json::Value) -> Vec<String> {
    let mut paths: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    paths
}

#[test]
fn only_files_changed_since_the_ref_are_checked() {
    let dir = repository();
    let root = dir.path();
    // Committed on the branch.
    write(root, &[("content/post/committed.md", BAD)]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "branch work"]);
    // Staged, unstaged, untracked, deleted, ignored; `old.md` (bad) is untouched.
    write(root, &[("content/post/staged.md", BAD)]);
    git(root, &["add", "content/post/staged.md"]);
    write(
        root,
        &[
            ("content/post/kept.md", BAD),
            ("content/post/new file.md", BAD),
            ("ignored/x.md", BAD),
            ("notes.txt", "not markdown"),
        ],
    );
    std::fs::remove_file(root.join("content/post/gone.md")).unwrap();
    // A change on `main` after the fork is not this branch's.
    git(root, &["stash", "-q", "--include-untracked"]);
    git(root, &["checkout", "-q", "main"]);
    write(root, &[("content/post/on-main.md", BAD)]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "main moves on"]);
    git(root, &["checkout", "-q", "topic"]);
    git(root, &["stash", "pop", "-q"]);

    let (status, doc) = json(root, &["--offline", "--changed-since", "main"]);
    assert_eq!(status, 1);
    assert_eq!(
        paths(&doc),
        [
            "content/post/committed.md",
            "content/post/kept.md",
            "content/post/new file.md",
            "content/post/staged.md",
        ]
    );
    assert_eq!(doc["summary"]["files"], 4);
    // Paths on the command line still narrow it, spelled as given.
    let (_, doc) = json(
        root,
        &[
            "--offline",
            "--changed-since",
            "main",
            "./content/post/kept.md",
            "content/../content",
        ],
    );
    assert_eq!(
        paths(&doc),
        [
            "content/../content/post/committed.md",
            "content/../content/post/new file.md",
            "content/../content/post/staged.md",
            "content/post/kept.md",
        ]
    );
    // From a subfolder, paths stay relative to it.
    let (_, doc) = json(
        &root.join("content"),
        &["--offline", "--changed-since", "main"],
    );
    assert_eq!(doc["summary"]["files"], 4);
    assert!(paths(&doc).iter().all(|p| p.starts_with("post/")), "{doc}");
}

#[test]
fn nothing_changed_checks_nothing() {
    let dir = repository();
    let run = run(dir.path(), &["--offline", "--changed-since", "HEAD"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Checked 0 files: no problems found.\n");
}

#[test]
fn bad_refs_and_folders_outside_git_are_errors() {
    let dir = repository();
    let run1 = run(dir.path(), &["--changed-since", "no-such-branch"]);
    assert_eq!(run1.status, 2);
    assert!(
        run1.stderr.contains("`no-such-branch` is not a commit"),
        "{}",
        run1.stderr
    );
    let plain = tree(&[("a.md", GOOD)]);
    let run2 = run(plain.path(), &["--changed-since", "main"]);
    assert_eq!(run2.status, 2);
    assert!(
        run2.stderr
            .contains("--changed-since needs a git repository"),
        "{}",
        run2.stderr
    );
}
