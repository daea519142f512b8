//! Helpers shared by the end-to-end test crates (`tests/cli`, `tests/integrations`,
//! `tests/adversarial`): running the binary with reproducible output, reading its JSON
//! report, and writing throwaway content trees.
//!
//! Each crate pulls this file in with `#[path = "../common/mod.rs"] mod common;` and uses
//! a different subset of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// A small valid post.
pub const GOOD: &str =
    "---\ntitle: \"ok\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nBody.\n";
/// A post with one error (`recnt`), which only an unsafe fix corrects.
pub const BAD: &str =
    "---\ntitle: \"bad\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [recnt]\n---\nBody.\n";

/// The fixtures folder shared by the test crates, `tests/fixtures`.
pub fn shared_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one run of the binary did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// The `--format json` document on stdout; panics with both streams when it is not.
    pub fn document(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }
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

/// Run `cmd` to the end and collect what it did.
pub fn finish(cmd: &mut assert_cmd::Command) -> Run {
    cmd.output().expect("run fmlint").into()
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
