//! Reading the cache file, which anyone who can commit to the repository can write or
//! replace: only a regular file, opened without blocking (a FIFO or a device never hangs
//! a run), and never more than [`MAX_SIZE`] bytes of it.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest cache file read. A cache of a million URLs is about 150 MiB.
pub const MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Why the file at a cache path was not read.
#[derive(Debug)]
pub enum Unread {
    /// There is no file: an empty cache, to be created.
    Missing,
    /// Something is there that is not a readable regular file of a sane size.
    Refused(String),
}

/// The bytes of the regular file at `path`.
pub fn read(path: &Path) -> Result<Vec<u8>, Unread> {
    let file = open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Unread::Missing,
        _ => Unread::Refused(e.to_string()),
    })?;
    let meta = file
        .metadata()
        .map_err(|e| Unread::Refused(e.to_string()))?;
    if !meta.is_file() {
        return Err(Unread::Refused("it is not a regular file".into()));
    }
    if meta.len() > MAX_SIZE {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unread::Refused(e.to_string()))?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> Unread {
    Unread::Refused(format!("it is larger than {} MiB", MAX_SIZE >> 20))
}

/// Open for reading without blocking: opening a FIFO waits for a writer otherwise.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(std::io::Error::other("it is not a regular file")),
        _ => File::open(path),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn refused(path: &Path) -> String {
        match read(path) {
            Err(Unread::Refused(why)) => why,
            other => panic!("{} was not refused: {other:?}", path.display()),
        }
    }

    #[test]
    fn only_regular_files_of_a_sane_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read(&dir.path().join("none")),
            Err(Unread::Missing)
        ));
        assert!(refused(dir.path()).contains("not a regular file"));
        assert!(refused(Path::new("/dev/zero")).contains("not a regular file"));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(refused(&fifo).contains("not a regular file"));
        }
        let sparse = dir.path().join("sparse");
        File::create(&sparse)
            .unwrap()
            .set_len(MAX_SIZE + 1)
            .unwrap();
        assert!(refused(&sparse).contains("larger than 256 MiB"));
        std::fs::write(dir.path().join("small"), b"{}").unwrap();
        assert_eq!(read(&dir.path().join("small")).unwrap(), b"{}");
    }
}
