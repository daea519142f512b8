//! Integration tests of fmlint where it runs: the CI output formats (GitHub workflow
//! commands, SARIF, JUnit, JSON), `init`, `explain`, `schema`, suppression comments,
//! `--changed-since` in a throwaway git repository, and the real `pre-commit` tool
//! running this repository's hooks.

mod changed;
mod commands;
mod formats;
mod precommit;
mod suppress;

use std::path::{Path, PathBuf};
use std::process::Command;

/// This test crate's fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integrations/fixtures")
}

/// What one run of the binary did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary, set up for reproducible output: no colour, fixed width.
pub fn fmlint(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("fmlint"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Run `fmlint ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let output = fmlint(dir).args(args).output().expect("run fmlint");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Run with `--format json` and parse the document.
pub fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = run(dir, &all);
    let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            run.stdout, run.stderr
        )
    });
    (run.status, value)
}

/// The (code, line) pairs of a JSON document's diagnostics, in order.
pub fn codes_and_lines(document: &serde_json::Value) -> Vec<(String, u64)> {
    document["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// Write `files` (path, content) under a fresh temporary folder.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), files);
    dir
}

/// Write `files` (path, content) under `dir`.
pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }
}

/// Run `git ARGS` in `dir` with a fixed identity; panics when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=fmlint tests",
            "-c",
            "user.email=tests@fmlint.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A small valid post.
pub const GOOD: &str =
    "---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nBody.\n";
/// A post with one error (`recnt`), which only an unsafe fix corrects.
pub const BAD: &str =
    "---\ntitle: \"bad\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [recnt]\n---\nBody.\n";
/// A post whose one error (`comments: "false"`) a safe fix corrects.
pub const FIXABLE: &str = "---\ntitle: \"fix me\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\ncomments: \"false\"\n---\nBody.\n";
