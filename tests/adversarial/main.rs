//! The adversarial corpus, checked end to end through the binary: alias bombs, deep
//! nesting, huge files and lines, hostile encodings, odd YAML, and file-system traps.
//!
//! Every case runs in a tree of its own beside a healthy sibling post with one known
//! error, under a time bound: the case must get its exact diagnostic (or a named skip),
//! the run must end, and the sibling must still be checked.

#[path = "../common/mod.rs"]
mod common;

mod corpus;
mod filesystem;
mod generated;

use common::{codes, fmlint, Run, BAD};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The on-disk corpus, `tests/fixtures/adversarial`.
pub fn corpus() -> PathBuf {
    common::shared_fixtures().join("adversarial")
}

/// The healthy sibling's name in every tree, and the one diagnostic it must get.
pub const SIBLING: &str = "sibling.md";
const SIBLING_CODE: &str = "schema/enum";

/// How long any one run may take: the cases are small or fail fast, so this bounds a
/// hang, not a speed.
pub const BOUND: Duration = Duration::from_secs(60);

/// One run's findings, split into the case's and the sibling's.
pub struct Outcome {
    pub run: Run,
    pub document: serde_json::Value,
    /// The diagnostics of every file but the sibling.
    pub case: Vec<serde_json::Value>,
}

impl Outcome {
    /// The case's diagnostic codes, in order.
    pub fn codes(&self) -> Vec<String> {
        self.case
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The case's one diagnostic; panics unless there is exactly one.
    pub fn only(&self) -> &serde_json::Value {
        assert_eq!(self.case.len(), 1, "{:#}", self.document);
        &self.case[0]
    }
}

/// A fresh tree holding the sibling post.
pub fn tree_with_sibling() -> tempfile::TempDir {
    common::tree(&[(SIBLING, BAD)])
}

/// Run `fmlint --offline --format json .` in `dir` within [`BOUND`], with `extra`
/// arguments, and check that the sibling got its diagnostic.
pub fn check(dir: &Path, extra: &[&str]) -> Outcome {
    let run = common::finish(
        fmlint(dir)
            .args(["--offline", "--format", "json", "--jobs", "2"])
            .args(extra)
            .arg(".")
            .timeout(BOUND),
    );
    assert!(
        matches!(run.status, 0 | 1),
        "status {} (killed at the bound, or crashed)\nstdout: {}\nstderr: {}",
        run.status,
        run.stdout,
        run.stderr
    );
    let document = run.document();
    let all = document["diagnostics"].as_array().expect("diagnostics");
    let sibling: Vec<&serde_json::Value> = all.iter().filter(|d| d["path"] == SIBLING).collect();
    assert_eq!(
        sibling
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default())
            .collect::<Vec<_>>(),
        [SIBLING_CODE],
        "the healthy sibling must still be checked: {document:#}"
    );
    let case = all
        .iter()
        .filter(|d| d["path"] != SIBLING)
        .cloned()
        .collect();
    assert_eq!(codes(&document).len(), all.len());
    Outcome {
        run,
        document,
        case,
    }
}

/// Copy the corpus file `name` into a tree beside the sibling (as `name`) and check it.
pub fn check_fixture(name: &str) -> Outcome {
    let dir = tree_with_sibling();
    std::fs::copy(corpus().join(name), dir.path().join(name)).expect("copy fixture");
    let outcome = check(dir.path(), &[]);
    for diagnostic in &outcome.case {
        assert_eq!(diagnostic["path"], name, "{:#}", outcome.document);
    }
    outcome
}

/// The bytes of the corpus file `name` that a diagnostic's span covers.
pub fn spanned(name: &str, diagnostic: &serde_json::Value) -> Vec<u8> {
    let bytes = std::fs::read(corpus().join(name)).expect("read fixture");
    let start = diagnostic["offset"].as_u64().expect("offset") as usize;
    let length = diagnostic["length"].as_u64().expect("length") as usize;
    bytes[start..start + length].to_vec()
}
