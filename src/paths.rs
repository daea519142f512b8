//! Paths taken as written: `.` and `..` resolved without asking the file system, so that
//! a path's place can be judged before anything is opened (and symlinks are judged apart).

use std::path::{Component, Path, PathBuf};

/// `path` without `.` components and with each `..` taking away the name before it. A
/// `..` at the root stays at the root (`/..` is `/`); a `..` with no name before it in a
/// relative path is kept (`../a` stays `../a`). Symlinks are not looked at.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::Path;

    #[test]
    fn dots_are_resolved_as_written() {
        let cases = [
            ("/a/./b/../c", "/a/c"),
            ("/a/b/../../..", "/"),
            ("/../x", "/x"),
            ("a/../../b", "../b"),
            ("../../a", "../../a"),
            ("./a/.", "a"),
            ("a/b/..", "a"),
            (".", ""),
        ];
        for (path, want) in cases {
            assert_eq!(normalize(Path::new(path)), Path::new(want), "{path}");
        }
    }
}
