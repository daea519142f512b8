//! Discovery: from the paths on the command line to the sorted list of files to check.
//!
//! Folders are walked with `.gitignore`, `.ignore` and git's excludes honoured inside or
//! outside a git repository, hidden entries skipped, symlinks followed (loops reported,
//! not followed forever), and the config's include/exclude globs applied. A file named
//! on the command line is checked whatever its extension, unless excluded: pre-commit
//! passes names, and excludes must hold for them too.

use crate::config::Config;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The path as the user gave it joined with the walked part, `/`-separated.
    pub display: String,
    /// The path to open.
    pub path: PathBuf,
    /// The path relative to the config root, `/`-separated, for globs.
    pub rel: String,
}

/// A path that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// Everything discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub targets: Vec<Target>,
    /// Entries that could not be walked (unreadable folders, symlink loops).
    pub skipped: Vec<Skip>,
    /// Paths named on the command line that do not exist.
    pub missing: Vec<String>,
}

/// Find the files to check under `paths` (relative to `cwd`), sorted by display path.
pub fn discover(paths: &[PathBuf], config: &Config, cwd: &Path, jobs: usize) -> Discovered {
    let found = Mutex::new(Discovered::default());
    for given in paths {
        let full = cwd.join(given);
        let Ok(meta) = std::fs::metadata(&full) else {
            lock(&found).missing.push(display(given));
            continue;
        };
        if !meta.is_dir() && !meta.is_file() {
            // A FIFO or a device would block or never end.
            lock(&found).skipped.push(Skip {
                path: display(given),
                reason: "not a regular file".into(),
            });
            continue;
        }
        if meta.is_file() {
            let target = target(given, cwd, config);
            if !config.exclude.is_match(&target.rel) {
                lock(&found).targets.push(target);
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(&full)
            .hidden(true)
            .git_ignore(true)
            .git_global(true)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .follow_links(true)
            .threads(jobs)
            .build_parallel();
        let full = &full;
        walker.run(|| {
            let found = &found;
            Box::new(move |entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| !t.is_dir()) => {
                        let walked = entry.path().strip_prefix(full).unwrap_or(entry.path());
                        let shown = given.join(walked);
                        let target = target(&shown, cwd, config);
                        if config.include.is_match(&target.rel)
                            && !config.exclude.is_match(&target.rel)
                        {
                            if entry.file_type().is_some_and(|t| t.is_file()) {
                                lock(found).targets.push(target);
                            } else {
                                // A FIFO, socket or device named like a page: reading it
                                // would block or never end, and saying nothing would
                                // hide it.
                                lock(found).skipped.push(Skip {
                                    path: target.display,
                                    reason: "not a regular file".into(),
                                });
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(err) => lock(found).skipped.push(skip(&err, given, full)),
                }
                ignore::WalkState::Continue
            })
        });
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.targets.sort_by(|a, b| a.display.cmp(&b.display));
    found.targets.dedup_by(|a, b| a.path == b.path);
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The target for `path` (relative to `cwd` or absolute).
pub fn target(path: &Path, cwd: &Path, config: &Config) -> Target {
    let display = display(path);
    // The common case, a plain relative path below a root that is the working
    // directory, needs no path arithmetic.
    let plain = path.is_relative() && cwd == config.root && !display.split('/').any(|c| c == "..");
    let rel = if plain {
        display.clone()
    } else {
        let absolute = normalize(&cwd.join(path));
        absolute
            .strip_prefix(&config.root)
            .map(self::display)
            .unwrap_or_else(|_| display.clone())
    };
    Target {
        display,
        path: path.to_path_buf(),
        rel,
    }
}

/// The skip for a walk error under `given` (walked from `full`): the path shown the way
/// targets are, and the reason without the path repeated in it.
fn skip(err: &ignore::Error, given: &Path, full: &Path) -> Skip {
    let path = walk_error_path(err).map_or_else(
        || display(given),
        |path| display(&given.join(path.strip_prefix(full).unwrap_or(path))),
    );
    let reason = if is_loop(err) {
        "symlink loop (not followed)".to_string()
    } else {
        innermost(err).to_string()
    };
    Skip { path, reason }
}

/// The error a walk error wraps, without the path, depth or line it carries.
fn innermost(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `/`-separated text of a path, without a leading `./`.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    let simple = std::path::MAIN_SEPARATOR == '/'
        && !text.contains("/./")
        && !text.contains("//")
        && !text.ends_with("/.");
    if simple {
        let mut rest: &str = &text;
        while let Some(stripped) = rest.strip_prefix("./") {
            rest = stripped;
        }
        if !rest.is_empty() && rest != "." {
            return rest.to_string();
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    match parts.as_slice() {
        [] => ".".into(),
        [root] if root.is_empty() => "/".into(),
        _ => parts.join("/"),
    }
}

/// Remove `.` and resolve `..` lexically (no file-system access, symlinks untouched).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        assert_eq!(display(Path::new("./content/a.md")), "content/a.md");
        assert_eq!(display(Path::new(".")), ".");
        assert_eq!(display(Path::new("/abs/x.md")), "/abs/x.md");
        assert_eq!(display(Path::new("a/./b/../c.md")), "a/b/../c.md");
        assert_eq!(display(Path::new("././a.md")), "a.md");
        assert_eq!(display(Path::new("a//b.md")), "a/b.md");
        assert_eq!(display(Path::new("./")), ".");
    }

    #[test]
    fn rel_is_relative_to_the_config_root() {
        let config = Config::parse("", PathBuf::from("/site"), None).unwrap();
        let t = target(
            Path::new("../content/a.md"),
            Path::new("/site/sub"),
            &config,
        );
        assert_eq!(t.rel, "content/a.md");
        assert_eq!(t.display, "../content/a.md");
    }
}
