//! End-to-end tests: the `fmlint` binary run on fixtures on disk.

mod check;
mod config;
mod discovery;
mod fix;
mod forgery;
mod hook;
mod limits;
mod link_classes;
mod link_suppressions;
mod output;
mod regex_limit;
mod schema_bounds;
mod schemas;

#[path = "../common/mod.rs"]
mod common;

pub use common::{codes, fmlint, tree, Run, BAD, GOOD};
use std::path::{Path, PathBuf};

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    common::shared_fixtures()
}

/// Run `fmlint ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, None)
}

/// Run `fmlint ARGS` in `dir` with `stdin` on standard input.
pub fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = fmlint(dir);
    // No test depends on the network: checks run offline unless a test says otherwise.
    match args.first() {
        Some(&("explain" | "init" | "schema")) => {}
        Some(&"check") => {
            cmd.arg("check").arg("--offline").args(&args[1..]);
        }
        _ if args.contains(&"--online") => {
            cmd.args(args.iter().filter(|a| **a != "--online"));
        }
        _ => {
            cmd.arg("--offline").args(args);
        }
    }
    if matches!(args.first(), Some(&("explain" | "init" | "schema"))) {
        cmd.args(args);
    }
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    common::finish(&mut cmd)
}

/// A field of every diagnostic of a JSON report, in order (`"path"`, `"message"`...).
pub fn each_diagnostic<'a>(doc: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    doc["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| d[field].as_str().expect("a string field"))
        .collect()
}

/// Run with `--format json` and parse the document.
pub fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = run(dir, &all);
    (run.status, run.document())
}
