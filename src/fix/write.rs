//! Writing a fixed file safely: through a temporary file in the same folder, renamed over
//! the original, with the original's permissions; through a symlink to its target; and
//! never over a file that changed on disk since fmlint read it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds what was read: someone else changed it.
    Changed(PathBuf),
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
            WriteError::Io(path, e) => write!(f, "{}: cannot write the fix: {e}", path.display()),
        }
    }
}

/// Replace the content of `path` (read earlier as `original`) with `fixed`, atomically.
pub fn write_fixed(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let io = |target: &Path| {
        let target = target.to_path_buf();
        move |e| WriteError::Io(target, e)
    };
    // A symlink's target is written; the link stays a link.
    let target = std::fs::canonicalize(path).map_err(io(path))?;
    let current = std::fs::read(&target).map_err(io(&target))?;
    if current != original {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    let permissions = std::fs::metadata(&target)
        .map_err(io(&target))?
        .permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".fmlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    temp.write_all(fixed).map_err(io(&target))?;
    temp.as_file().sync_all().map_err(io(&target))?;
    std::fs::set_permissions(temp.path(), permissions).map_err(io(&target))?;
    temp.persist(&target)
        .map_err(|e| WriteError::Io(target.clone(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
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
}
