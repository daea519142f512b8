//! End-to-end tests: the `fmlint` binary run on fixtures on disk.

mod check;
mod config;
mod discovery;
mod fix;
mod output;
mod schemas;

use std::path::{Path, PathBuf};

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
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
    let output = cmd.output().expect("run fmlint");
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

/// The codes of a JSON document's diagnostics, in order.
pub fn codes(document: &serde_json::Value) -> Vec<String> {
    document["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Write `files` (path, content) under a fresh temporary folder.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }
    dir
}

/// A small valid post.
pub const GOOD: &str =
    "---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nBody.\n";
/// A post with one error (`recnt`).
pub const BAD: &str =
    "---\ntitle: \"bad\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [recnt]\n---\nBody.\n";
