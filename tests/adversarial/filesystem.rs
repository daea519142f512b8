//! File-system traps in the walked tree: symlink loops, a FIFO, an unreadable file. Each
//! is skipped with a named reason on stderr (or, for an unreadable file when the tests
//! run as root, simply read), and the rest of the tree is checked.

use crate::{check, common, tree_with_sibling, SIBLING};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The `fmlint: warning: skipped PATH: REASON` lines of a run, as (PATH, REASON).
fn skips(stderr: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("fmlint: warning: skipped "))
        .filter_map(|l| l.split_once(": "))
        .map(|(p, r)| (p.to_string(), r.to_string()))
        .collect();
    found.sort();
    found
}

#[test]
fn symlink_loops_are_skipped_by_name() {
    let dir = tree_with_sibling();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).expect("mkdir");
    std::os::unix::fs::symlink("..", root.join("sub/up")).expect("symlink");
    std::os::unix::fs::symlink("self.md", root.join("self.md")).expect("symlink");
    std::os::unix::fs::symlink("b.md", root.join("a.md")).expect("symlink");
    std::os::unix::fs::symlink("a.md", root.join("b.md")).expect("symlink");
    let outcome = check(root, &[]);
    assert!(outcome.case.is_empty(), "{:#}", outcome.document);
    let skipped = skips(&outcome.run.stderr);
    let paths: Vec<&str> = skipped.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["a.md", "b.md", "self.md", "sub/up"], "{skipped:?}");
    assert_eq!(skipped[3].1, "symlink loop (not followed)");
    for (path, reason) in &skipped[..3] {
        assert!(
            reason.contains("symbolic links") && !reason.contains(path.as_str()),
            "{path}: {reason}"
        );
    }
    assert_eq!(outcome.document["summary"]["files"], 1);
}

#[test]
fn a_fifo_is_skipped_in_a_tree_and_on_the_command_line() {
    let dir = tree_with_sibling();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Nothing ever writes to the FIFO: opening it for reading would block for good.
    let outcome = check(dir.path(), &[]);
    assert!(outcome.case.is_empty(), "{:#}", outcome.document);
    assert_eq!(
        skips(&outcome.run.stderr),
        [("pipe.md".to_string(), "not a regular file".to_string())]
    );
    let named = common::finish(
        common::fmlint(dir.path())
            .args(["--offline", "pipe.md", SIBLING])
            .timeout(crate::BOUND),
    );
    assert_eq!(named.status, 1, "{}", named.stderr);
    assert_eq!(
        skips(&named.stderr),
        [("pipe.md".to_string(), "not a regular file".to_string())]
    );
    assert!(named.stdout.contains("schema/enum"), "{}", named.stdout);
}

/// Whether this process can read a file whose mode forbids it (root can).
fn reads_anyway(path: &Path) -> bool {
    std::fs::File::open(path).is_ok()
}

#[test]
fn an_unreadable_file_is_skipped_unless_the_tests_run_as_root() {
    let dir = tree_with_sibling();
    let locked = dir.path().join("locked.md");
    std::fs::write(&locked, common::BAD).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let outcome = check(dir.path(), &[]);
    if reads_anyway(&locked) {
        // Root ignores the mode: the file is read and checked like any other.
        assert_eq!(outcome.codes(), ["schema/enum"], "{:#}", outcome.document);
        assert!(
            skips(&outcome.run.stderr).is_empty(),
            "{}",
            outcome.run.stderr
        );
    } else {
        assert!(outcome.case.is_empty(), "{:#}", outcome.document);
        let skipped = skips(&outcome.run.stderr);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].0, "locked.md");
        assert!(
            skipped[0].1.starts_with("cannot read: "),
            "{}",
            skipped[0].1
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[test]
fn the_corpus_is_all_checked_in_one_tree() {
    // Every fixture together with the sibling: one run, every file reported, nothing lost.
    let dir = tree_with_sibling();
    let mut names: Vec<String> = std::fs::read_dir(crate::corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        std::fs::copy(crate::corpus().join(name), dir.path().join(name)).expect("copy");
    }
    let outcome = check(dir.path(), &[]);
    assert_eq!(
        outcome.document["summary"]["files"].as_u64(),
        Some(names.len() as u64 + 1)
    );
    // Each fixture gets at least one diagnostic when checked alone; together, the same.
    let mut reported: Vec<String> = outcome
        .case
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    reported.dedup();
    assert_eq!(reported, names);
}

#[test]
fn a_schema_named_in_front_matter_must_be_a_regular_file() {
    // A device is outside the project: refused before it is opened.
    for device in ["/dev/zero", "/dev/stdin"] {
        let dir = tree_with_sibling();
        let post = format!("---\n$schema: {device}\ntitle: x\n---\nbody\n");
        common::write(dir.path(), &[("device.md", &post)]);
        let run = run_bounded(dir.path());
        assert_eq!(run.status, 2, "{device}: {}", run.stderr);
        assert!(
            run.stderr.contains("is outside the project root"),
            "{device}: {}",
            run.stderr
        );
    }
    // A FIFO inside the project would block the reader for good.
    let dir = tree_with_sibling();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("s.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    common::write(dir.path(), &[("fifo.md", "---\n$schema: s.json\n---\n")]);
    let run = run_bounded(dir.path());
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

/// `fmlint --offline --format json .` in `dir`, within the time bound.
fn run_bounded(dir: &Path) -> common::Run {
    common::finish(
        common::fmlint(dir)
            .args(["--offline", "--format", "json", "."])
            .timeout(crate::BOUND),
    )
}
