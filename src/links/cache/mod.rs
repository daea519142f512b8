//! The link cache: good answers remembered between runs, in one JSON file
//! (`links.json` in the `links.cache` folder, or the file itself when the setting ends in
//! `.json`).
//!
//! The file holds a `version`, and per normalised URL the answer and when it was checked
//! (seconds since the epoch). Only good answers are stored: failures are always checked
//! again. Saving re-reads the file and merges (the newer answer per URL wins), then
//! writes a new temporary file beside it and renames it over, so concurrent runs never
//! leave a torn file.
//!
//! The file is untrusted input (a repository can commit one, or point `links.cache` at
//! any file): [`file`] reads only a regular file of a bounded size without blocking, and
//! [`entries`] keeps only entries fmlint could have written. Invalid entries are dropped
//! with one warning; a file that is not fmlint's cache is ignored with one warning and
//! never overwritten.

mod entries;
mod file;

pub use entries::{parse, Parsed};

use super::fetch::Success;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;
/// The file name inside the cache folder.
pub const FILE_NAME: &str = "links.json";

/// One remembered answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was checked, in seconds since the Unix epoch.
    pub checked: u64,
    #[serde(flatten)]
    pub answer: Success,
}

#[derive(Serialize)]
struct File<'a> {
    version: u32,
    entries: &'a BTreeMap<String, Entry>,
}

/// The cache of one run.
#[derive(Debug, Default)]
pub struct Cache {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
    /// Entries added or refreshed by this run.
    fresh: BTreeMap<String, Entry>,
    /// Something that is not fmlint's cache is at `path`: it is never written.
    foreign: bool,
}

/// What reading the cache file gave.
struct Loaded {
    entries: BTreeMap<String, Entry>,
    foreign: bool,
    warning: Option<String>,
}

impl Cache {
    /// The cache file for the `links.cache` setting `setting`.
    pub fn file_for(setting: &Path) -> PathBuf {
        if setting.extension().is_some_and(|e| e == "json") {
            setting.to_path_buf()
        } else {
            setting.join(FILE_NAME)
        }
    }

    /// Load the cache for the `links.cache` setting; a missing file is an empty cache,
    /// a corrupt or foreign one an empty cache and a warning.
    pub fn load(setting: &Path) -> (Cache, Option<String>) {
        let path = Cache::file_for(setting);
        let loaded = load(&path, SystemTime::now());
        let cache = Cache {
            path,
            entries: loaded.entries,
            fresh: BTreeMap::new(),
            foreign: loaded.foreign,
        };
        (cache, loaded.warning)
    }

    /// The remembered answer for `key` if it was checked less than `ttl` before `now`.
    pub fn fresh(&self, key: &str, ttl: Duration, now: SystemTime) -> Option<&Success> {
        let entry = self.entries.get(key)?;
        let age = seconds(now).checked_sub(entry.checked)?;
        (age < ttl.as_secs().max(1)).then_some(&entry.answer)
    }

    /// Remember a good answer for `key`, checked `now`.
    pub fn put(&mut self, key: String, answer: Success, now: SystemTime) {
        let entry = Entry {
            checked: seconds(now),
            answer,
        };
        self.entries.insert(key.clone(), entry.clone());
        self.fresh.insert(key, entry);
    }

    /// Drop a remembered answer (it failed this time).
    pub fn forget(&mut self, key: &str) {
        self.entries.remove(key);
    }

    /// Write this run's answers, merged with what other runs wrote meanwhile, atomically.
    /// Does nothing when this run learned nothing new, or when the file is not fmlint's
    /// cache (loading said so already).
    pub fn save(&self) -> Result<(), String> {
        if self.fresh.is_empty() || self.foreign {
            return Ok(());
        }
        let now = SystemTime::now();
        let on_disk = load(&self.path, now);
        if on_disk.foreign {
            return Ok(());
        }
        let mut merged = on_disk.entries;
        for (key, entry) in &self.fresh {
            let newer = merged
                .get(key)
                .is_none_or(|old| old.checked <= entry.checked);
            if newer {
                merged.insert(key.clone(), entry.clone());
            }
        }
        let file = File {
            version: VERSION,
            entries: &merged,
        };
        let text = serde_json::to_string(&file)
            .map_err(|e| format!("cannot encode the link cache: {e}"))?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let fail =
            |e: std::io::Error| format!("cannot write the link cache {}: {e}", shown(&self.path));
        std::fs::create_dir_all(dir).map_err(fail)?;
        let unique = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let temp = dir.join(format!(".{FILE_NAME}.{}.{unique}.tmp", std::process::id()));
        // A new file: a link planted at the temporary name is not followed.
        let mut written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(fail)?;
        if let Err(e) = written.write_all(text.as_bytes()) {
            let _ = std::fs::remove_file(&temp);
            return Err(fail(e));
        }
        std::fs::rename(&temp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })
    }
}

/// Read and parse the cache file at `path`.
fn load(path: &Path, now: SystemTime) -> Loaded {
    let ignoring = |why: String, foreign: bool| Loaded {
        entries: BTreeMap::new(),
        foreign,
        warning: Some(if foreign {
            format!(
                "ignoring the link cache {}: {why}; it is not fmlint's link cache and will not be overwritten (check `links.cache`, or delete the file to start a new cache)",
                shown(path)
            )
        } else {
            format!(
                "ignoring the link cache {}: {why}; it will be rewritten",
                shown(path)
            )
        }),
    };
    let bytes = match file::read(path) {
        Ok(bytes) => bytes,
        Err(file::Unread::Missing) => return Loaded::empty(),
        Err(file::Unread::Refused(why)) => return ignoring(why, true),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Loaded::empty();
    }
    match parse(&bytes, seconds(now)) {
        Parsed::Entries { entries, dropped } => Loaded {
            entries,
            foreign: false,
            warning: (dropped > 0).then(|| {
                format!(
                    "the link cache {}: {dropped} invalid entr{} dropped",
                    shown(path),
                    if dropped == 1 { "y was" } else { "ies were" }
                )
            }),
        },
        Parsed::OtherVersion(v) => ignoring(
            format!("it has version {v}, this fmlint reads {VERSION}"),
            false,
        ),
        Parsed::Foreign(why) => ignoring(why, true),
    }
}

impl Loaded {
    fn empty() -> Self {
        Loaded {
            entries: BTreeMap::new(),
            foreign: false,
            warning: None,
        }
    }
}

/// A path as messages show it.
fn shown(path: &Path) -> String {
    crate::sanitize::path(&path.to_string_lossy()).into_owned()
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn success() -> Success {
        Success {
            status: 200,
            content_type: Some("image/png".into()),
            redirects: vec![],
            private: false,
        }
    }

    #[test]
    fn round_trip_ttl_and_merge() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let (mut cache, warning) = Cache::load(dir.path());
        assert!(warning.is_none());
        cache.put("https://a.example/".into(), success(), now);
        cache.save().unwrap();
        // Another run writes meanwhile; both answers survive.
        let (mut other, _) = Cache::load(dir.path());
        other.put("https://b.example/".into(), success(), now);
        cache.save().unwrap();
        other.save().unwrap();
        let (loaded, _) = Cache::load(dir.path());
        let day = Duration::from_secs(86_400);
        assert!(loaded.fresh("https://a.example/", day, now).is_some());
        assert!(loaded.fresh("https://b.example/", day, now).is_some());
        assert!(loaded
            .fresh(
                "https://a.example/",
                day,
                now + day + Duration::from_secs(1)
            )
            .is_none());
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files left");
    }

    #[test]
    fn corrupt_and_foreign_files_warn_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        for text in [
            "{not json",
            "{\"version\": 99, \"entries\": {}}",
            "[]",
            "{\"version\": 1, \"entries\": 3}",
        ] {
            std::fs::write(&file, text).unwrap();
            let (cache, warning) = Cache::load(dir.path());
            assert!(warning.is_some_and(|w| w.contains("ignoring")), "{text}");
            assert!(cache.entries.is_empty());
        }
    }
}
