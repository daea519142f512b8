//! `--changed-since REF`: only the Markdown files that changed relative to a git ref, for
//! CI on pull requests and for large sites.
//!
//! "Changed" is what git itself says: files added, copied, modified, renamed or retyped
//! between the merge base of `REF` and `HEAD` and the working tree (so commits on the
//! branch and uncommitted edits both count, and commits made on `REF` since the branch
//! forked do not), plus untracked files that are not ignored. Deleted files are left out.
//! The list is then cut down the way a folder walk would be: to files under the paths
//! given, matching `include`, not hidden. Paths are shown as a walk shows them (the given
//! path joined with the part below it), so output is the same as without the flag.

use crate::config::Config;
use crate::discover;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The files under `paths` (relative to `cwd`) that changed since `reference`, sorted,
/// each spelled as a walk of its given path would spell it.
pub fn changed_files(
    reference: &str,
    paths: &[PathBuf],
    cwd: &Path,
    config: &Config,
) -> Result<Vec<PathBuf>, String> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("--changed-since needs a git repository: {e}"))?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let top = top.canonicalize().unwrap_or(top);
    let commit = format!("{reference}^{{commit}}");
    git(cwd, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        format!("--changed-since: `{reference}` is not a commit, branch or tag git knows")
    })?;
    // Compare from where the branch forked; unrelated histories fall back to REF itself.
    let base = git(cwd, &["merge-base", reference, "HEAD"])
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| reference.to_string());
    let diff = git(
        &top,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--no-relative",
            "--no-ext-diff",
            "--diff-filter=d",
            &base,
            "--",
        ],
    )?;
    let untracked = git(&top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
    let mut changed: Vec<PathBuf> = diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .map(|p| top.join(p))
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    changed.sort();
    changed.dedup();
    let given: Vec<(&PathBuf, PathBuf)> = paths
        .iter()
        .filter_map(|g| Some((g, cwd.join(g).canonicalize().ok()?)))
        .collect();
    let mut out = Vec::new();
    for file in changed {
        let Some((given, below)) = given
            .iter()
            .find_map(|(g, full)| Some((*g, file.strip_prefix(full).ok()?)))
        else {
            continue;
        };
        // A file named on the command line is checked whatever its name, as without the
        // flag; files found below a folder must be what a walk would pick.
        let named = below.as_os_str().is_empty();
        let shown = if named {
            given.clone()
        } else {
            given.join(below)
        };
        let hidden = below.components().any(
            |c| matches!(c, Component::Normal(name) if name.to_string_lossy().starts_with('.')),
        );
        if named
            || (!hidden
                && config
                    .include
                    .is_match(&discover::target(&shown, cwd, config).rel))
        {
            out.push(shown);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Run git in `dir` and return its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        ))
    }
}
