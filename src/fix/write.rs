//! Writing a fixed file safely: through a temporary file in the same folder, renamed over
//! the original, with the original's permissions, owner and group; through a symlink to
//! its target; and never over a file that changed on disk since fmlint read it, checked
//! again (identity and content) at the last moment before the rename. A file that a
//! rename could not keep the same (read-only, or with other hard links) is refused.

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds what was read: someone else changed it.
    Changed(PathBuf),
    /// The file is not one a rename can replace and keep the same; the reason says why.
    Refused(PathBuf, String),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed(path) => write!(
                f,
                "{}: changed on disk while fmlint was fixing it; not overwritten (run again)",
                path.display()
            ),
            WriteError::Refused(path, reason) => {
                write!(f, "{}: {reason}; the fix was not written", path.display())
            }
            WriteError::Io(path, e) => write!(f, "{}: cannot write the fix: {e}", path.display()),
        }
    }
}

/// Replace the content of `path` (read earlier as `original`) with `fixed`, atomically.
pub fn write_fixed(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    write_fixed_with(path, original, fixed, || {})
}

/// [`write_fixed`], calling `before_rename` once the temporary file is ready and just
/// before the last look at the original: where a concurrent save would land.
fn write_fixed_with(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    before_rename: impl FnOnce(),
) -> Result<(), WriteError> {
    // A symlink's target is written; the link stays a link.
    let target = std::fs::canonicalize(path).map_err(io(path))?;
    // Looked at before it is opened: opening a FIFO put there would wait for a writer.
    let refuse = |seen: &Metadata| match refusal(seen) {
        Some(reason) => Err(WriteError::Refused(path.to_path_buf(), reason)),
        None => Ok(()),
    };
    refuse(&std::fs::metadata(&target).map_err(io(&target))?)?;
    let mut file = File::open(&target).map_err(io(&target))?;
    let seen = file.metadata().map_err(io(&target))?;
    refuse(&seen)?;
    let mut current = Vec::with_capacity(original.len());
    file.read_to_end(&mut current).map_err(io(&target))?;
    if current != original {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".fmlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    temp.write_all(fixed).map_err(io(&target))?;
    keep_owner(temp.as_file(), &seen).map_err(io(&target))?;
    temp.as_file()
        .set_permissions(seen.permissions())
        .map_err(io(&target))?;
    temp.as_file().sync_all().map_err(io(&target))?;
    before_rename();
    if !unchanged(&target, &seen, original).map_err(io(&target))? {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    temp.persist(&target)
        .map_err(|e| WriteError::Io(target.clone(), e.error))?;
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |e| WriteError::Io(path, e)
}

/// Why a rename over this file would not keep it the same file, if it would not: it is
/// not a regular file, its owner may not write it, or other names share its content.
fn refusal(seen: &Metadata) -> Option<String> {
    if !seen.is_file() {
        return Some("not a regular file".to_string());
    }
    if read_only(seen) {
        return Some("the file is read-only".to_string());
    }
    match links(seen) {
        n if n > 1 => Some(format!(
            "the file has {n} hard links, which a rewrite would split"
        )),
        _ => None,
    }
}

#[cfg(unix)]
fn read_only(seen: &Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    seen.permissions().mode() & 0o200 == 0
}

#[cfg(not(unix))]
fn read_only(seen: &Metadata) -> bool {
    seen.permissions().readonly()
}

#[cfg(unix)]
fn links(seen: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(seen)
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Give `temp` the owner and group of the original, as far as this user may: changing
/// the owner needs privileges, and without them the file simply becomes the user's.
#[cfg(unix)]
fn keep_owner(temp: &File, seen: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let same = |uid: Option<u32>, gid: Option<u32>| std::os::unix::fs::fchown(temp, uid, gid);
    match same(Some(seen.uid()), Some(seen.gid())) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            // Not allowed to give the file away: keep at least the group, if ours.
            match same(None, Some(seen.gid())) {
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
                other => other,
            }
        }
        other => other,
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Whether `target` is still the file first seen as `seen` (same identity, size and
/// modification time) and still holds `original`.
fn unchanged(target: &Path, seen: &Metadata, original: &[u8]) -> std::io::Result<bool> {
    let now = match std::fs::metadata(target) {
        Ok(now) => now,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if stamp(&now) != stamp(seen) {
        return Ok(false);
    }
    Ok(std::fs::read(target)? == original)
}

/// What tells one state of a file from another without reading it.
#[cfg(unix)]
fn stamp(meta: &Metadata) -> (u64, u64, u64, Option<std::time::SystemTime>) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), meta.len(), meta.modified().ok())
}

#[cfg(not(unix))]
fn stamp(meta: &Metadata) -> (u64, u64, u64, Option<std::time::SystemTime>) {
    (0, 0, meta.len(), meta.modified().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn writes_atomically_and_refuses_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        write_fixed(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let err = write_fixed(&path, b"old", b"newer").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(dir.path()), 1, "no temporary file is left behind");
    }

    /// A save that lands after fmlint read the file, while it writes its fix, is kept:
    /// whether it rewrites the file in place (same length too) or replaces it.
    #[test]
    fn a_save_that_lands_while_fixing_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        let saved = || std::fs::write(&path, "odd").unwrap();
        let err = write_fixed_with(&path, b"old", b"new", saved).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "odd");

        std::fs::write(&path, "old").unwrap();
        let replaced = || {
            std::fs::write(dir.path().join("b.md"), "old").unwrap();
            std::fs::rename(dir.path().join("b.md"), &path).unwrap();
        };
        let err = write_fixed_with(&path, b"old", b"new", replaced).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");

        let removed = || std::fs::remove_file(&path).unwrap();
        let err = write_fixed_with(&path, b"old", b"new", removed).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert!(!path.exists());
        assert_eq!(entries(dir.path()), 0, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_writes_through_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_fixed(&link, b"old", b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_read_only_files_and_hard_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_fixed(&path, b"old", b"new").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let other = dir.path().join("b.md");
        std::fs::hard_link(&path, &other).unwrap();
        let err = write_fixed(&path, b"old", b"new").unwrap_err();
        assert!(err.to_string().contains("2 hard links"), "{err}");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "old");
        assert_eq!(entries(dir.path()), 2, "no temporary file is left behind");
    }
}
