//! Integration tests of fmlint where it runs: the CI output formats (GitHub workflow
//! commands, SARIF, JUnit, JSON), `init`, `explain`, `schema`, suppression comments,
//! `--changed-since` in a throwaway git repository, and the real `pre-commit` tool
//! running this repository's hooks.

mod changed;
mod commands;
mod formats;
mod precommit;
mod suppress;

#[path = "../common/mod.rs"]
mod common;

pub use common::{fmlint, tree, write, Run, BAD, GOOD};
use std::path::{Path, PathBuf};
use std::process::Command;

/// This test crate's fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integrations/fixtures")
}

/// Run `fmlint ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    common::finish(fmlint(dir).args(args))
}

/// Run with `--format json` and parse the document.
pub fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = run(dir, &all);
    (run.status, run.document())
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

/// A post whose one error (`comments: "false"`) a safe fix corrects.
pub const FIXABLE: &str = "---\ntitle: \"fix me\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\ncomments: \"false\"\n---\nBody.\n";
