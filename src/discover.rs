//! Discovery: from the paths on the command line to the files to check, handed over one
//! by one as the walk finds them, so that checking starts with the first file found.
//!
//! Folders are walked with `.gitignore`, `.ignore` and git's excludes honoured inside or
//! outside a git repository, hidden entries skipped, symlinks followed (loops reported,
//! not followed forever), and the config's include/exclude globs applied. A file named
//! on the command line is checked whatever its extension, unless excluded: pre-commit
//! passes names, and excludes must hold for them too.

use crate::config::Config;
use crate::paths::normalize;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

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

/// What discovery found besides the files to check.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Entries that could not be walked (unreadable folders, symlink loops).
    pub skipped: Vec<Skip>,
    /// Paths named on the command line that do not exist.
    pub missing: Vec<String>,
}

/// Find the files to check under `paths` (relative to `cwd`) and call `each` once for
/// every one, in path order: the paths given sorted, each folder's entries sorted by
/// name, paths compared a component at a time (`post/a.md` before `post-2.md`, as
/// `rg --sort path` lists them). A file reached twice (a path named twice, a folder and a
/// file inside it) is handed over once, where it is first met. The skips come back
/// sorted by path.
///
/// The walk runs on the calling thread: it is cheap next to checking, which the caller
/// runs on other threads as files arrive.
pub fn discover(
    paths: &[PathBuf],
    config: &Config,
    cwd: &Path,
    each: &mut dyn FnMut(Target),
) -> Discovered {
    let mut found = Discovered::default();
    let in_cwd = is_process_cwd(cwd);
    // One walk cannot reach a file twice; only several paths can overlap.
    let mut seen = (paths.len() > 1).then(HashSet::new);
    let mut accept = |target: Target| {
        let first = seen
            .as_mut()
            .is_none_or(|seen| seen.insert(normalize(&cwd.join(&target.path))));
        if first {
            each(target);
        }
    };
    // In path order, like the files of each folder: the run shows findings in the
    // order files are found.
    let mut paths: Vec<&PathBuf> = paths.iter().collect();
    paths.sort_by_cached_key(|path| shown_components(path));
    for given in paths {
        let full = cwd.join(given);
        let Ok(meta) = std::fs::metadata(&full) else {
            found.missing.push(display(given));
            continue;
        };
        if !meta.is_dir() && !meta.is_file() {
            // A FIFO or a device would block or never end.
            found.skipped.push(Skip {
                path: display(given),
                reason: "not a regular file".into(),
            });
            continue;
        }
        if meta.is_file() {
            let target = target(given, cwd, config);
            if !config.exclude.is_match(&target.rel) {
                accept(target);
            }
            continue;
        }
        // Walked as given when that names the same folder: the walk's paths are then the
        // paths to show, with no prefix to take off each.
        let root = if in_cwd {
            given.as_path()
        } else {
            full.as_path()
        };
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(true)
            .git_global(true)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .follow_links(true)
            // Only a folder's own entries are compared, which share its path up to their
            // names: comparing whole paths as bytes orders them by name, without taking
            // each path apart to find its name (that was 6 % of a run).
            .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
            .build();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| !t.is_dir()) => {
                    let shown = if in_cwd {
                        entry.path().to_path_buf()
                    } else {
                        given.join(entry.path().strip_prefix(root).unwrap_or(entry.path()))
                    };
                    let target = target(&shown, cwd, config);
                    if !config.include.is_match(&target.rel) || config.exclude.is_match(&target.rel)
                    {
                        continue;
                    }
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        accept(target);
                    } else {
                        // A FIFO, socket or device named like a page: reading it would
                        // block or never end, and saying nothing would hide it.
                        found.skipped.push(Skip {
                            path: target.display,
                            reason: "not a regular file".into(),
                        });
                    }
                }
                Ok(_) => {}
                Err(err) => found.skipped.push(skip(&err, given, root)),
            }
        }
    }
    found.skipped.sort_by(|a, b| path_order(&a.path, &b.path));
    found
}

/// The order findings are shown in: paths compared a component at a time, so that a
/// folder's files stay together (`post/a.md` before `post-2.md`).
pub fn path_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Whether [`discover`] meets the files of `paths` in path order, so that their findings
/// can be shown as they are found. Not when a path lies inside a folder also given (or is
/// given twice: the folder's walk may not reach the file, or reaches it first), nor when
/// one path is shown as starting with another (`content` and `content/../x.md`: the
/// second is walked after the first but sorts among its files), nor when `.` is given
/// beside other paths (its files show without a `./` to keep them together).
pub fn walk_is_ordered(paths: &[PathBuf], cwd: &Path) -> bool {
    if paths.len() < 2 {
        return true;
    }
    let mut shown: Vec<Vec<String>> = paths.iter().map(|p| shown_components(p)).collect();
    if shown.iter().any(|parts| *parts == ["."]) {
        return false;
    }
    let mut absolute: Vec<PathBuf> = paths.iter().map(|p| normalize(&cwd.join(p))).collect();
    shown.sort();
    absolute.sort();
    // Sorted a component at a time, a path inside another (as shown, or as it is) comes
    // right after it, or after one inside it too.
    shown.windows(2).all(|pair| !pair[1].starts_with(&pair[0]))
        && absolute
            .windows(2)
            .all(|pair| !pair[1].starts_with(&pair[0]))
}

/// The components of a path as it is shown (no trailing empty one for `content/`): the
/// key the paths given are walked in, and that [`path_order`] compares their files by.
fn shown_components(path: &Path) -> Vec<String> {
    let shown = display(path);
    let mut parts: Vec<String> = shown.split('/').map(str::to_string).collect();
    if parts.len() > 1 && parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    parts
}

/// Whether `dir` is the process's working directory, so that paths relative to it can
/// be used as they are.
pub fn is_process_cwd(dir: &Path) -> bool {
    std::env::current_dir().is_ok_and(|cwd| cwd == dir)
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

/// The skip for a walk error under `given` (walked from `root`): the path shown the way
/// targets are, and the reason without the path repeated in it.
fn skip(err: &ignore::Error, given: &Path, root: &Path) -> Skip {
    let path = walk_error_path(err).map_or_else(
        || display(given),
        |path| display(&given.join(path.strip_prefix(root).unwrap_or(path))),
    );
    let reason = if is_loop(err) {
        "symlink loop (not followed)".to_string()
    } else {
        match innermost(err) {
            // The walk wraps the system's error in one that repeats the path.
            ignore::Error::Io(io) => io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<walkdir::Error>())
                .and_then(walkdir::Error::io_error)
                .map_or_else(|| io.to_string(), ToString::to_string),
            other => other.to_string(),
        }
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

/// `/`-separated text of a path, without a leading `./`. Bytes that are not UTF-8 are
/// written `\xFF` (see [`crate::sanitize::path_bytes`]), so that two names that
/// differ only in them are told apart.
pub fn display(path: &Path) -> String {
    let text = shown(path.as_os_str());
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
            other => parts.push(shown(other.as_os_str())),
        }
    }
    match parts.as_slice() {
        [] => ".".into(),
        [root] if root.is_empty() => "/".into(),
        _ => parts.join("/"),
    }
}

/// The text of one name or path, with the bytes that are not UTF-8 escaped.
fn shown(name: &std::ffi::OsStr) -> String {
    crate::sanitize::path_bytes(name.as_encoded_bytes())
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

    /// Files are told apart by their paths, not by how they are shown: two names that
    /// are not UTF-8 show alike, and both are still checked when paths overlap.
    #[cfg(unix)]
    #[test]
    fn overlapping_paths_keep_files_whose_names_show_alike() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("a")).expect("mkdir");
        for name in [&b"\xff.md"[..], b"\xfe.md", b"ok.md"] {
            let name = std::ffi::OsStr::from_bytes(name);
            std::fs::write(root.join("a").join(name), "x").expect("write");
        }
        let config = Config::parse("", root.to_path_buf(), None).expect("config");
        let mut found = Vec::new();
        let paths = [
            PathBuf::from("a"),
            PathBuf::from("./a"),
            PathBuf::from("a/ok.md"),
        ];
        discover(&paths, &config, root, &mut |t| found.push(t.path));
        found.sort();
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn walks_meet_files_in_path_order_unless_paths_overlap() {
        let cwd = Path::new("/site");
        let ordered = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            walk_is_ordered(&paths, cwd)
        };
        assert!(ordered(&["."]));
        assert!(ordered(&["content"]));
        assert!(ordered(&["b.md", "a.md", "content/x.md", "static"]));
        assert!(ordered(&[
            "content",
            "content-2",
            "/elsewhere/a.md",
            "../up.md"
        ]));
        assert!(!ordered(&["content", "content/post/a.md"]));
        assert!(!ordered(&["content/post", "content", "docs"]));
        assert!(!ordered(&["./a.md", "a.md"]));
        assert!(!ordered(&[".", "../x.md"]));
        assert!(!ordered(&["/site/content", "content/a.md"]));
        assert!(!ordered(&["content", "content/../README.md"]));
        assert!(!ordered(&["content/", "content/../x.md"]));
        assert!(!ordered(&["..", "../../x.md"]));
        assert_eq!(
            path_order("post/a.md", "post-2.md"),
            std::cmp::Ordering::Less
        );
        assert_eq!(
            path_order("post.md", "post/a.md"),
            std::cmp::Ordering::Greater
        );
    }

    /// Walks from a folder that is not the process's working directory (the CLI tests
    /// cover the one that is): the same paths, shown as given, and walk errors too.
    #[test]
    fn walks_relative_to_another_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("site/sub")).expect("mkdir");
        std::fs::write(root.join("site/a.md"), "x").expect("write");
        std::fs::write(root.join("site/sub/b.md"), "x").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink("..", root.join("site/sub/up")).expect("symlink");
        let config = Config::parse("", root.to_path_buf(), None).expect("config");
        for (given, want) in [
            ("site", ["site/a.md", "site/sub/b.md"]),
            ("./site", ["site/a.md", "site/sub/b.md"]),
        ] {
            let mut shown = Vec::new();
            let found = discover(&[PathBuf::from(given)], &config, root, &mut |t| {
                assert!(root.join(&t.path).is_file(), "{t:?}");
                shown.push((t.display, t.rel));
            });
            shown.sort();
            let displays: Vec<&str> = shown.iter().map(|(d, _)| d.as_str()).collect();
            assert_eq!(displays, want, "{given}");
            assert!(shown.iter().all(|(d, r)| d == r), "{shown:?}");
            #[cfg(unix)]
            assert_eq!(
                found.skipped,
                [Skip {
                    path: "site/sub/up".into(),
                    reason: "symlink loop (not followed)".into()
                }],
                "{given}"
            );
        }
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
