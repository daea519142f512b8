//! The project's bounds for schema files.
//!
//! A page's `$schema`, a config's `[[schemas]]` path and every `$ref` come from content
//! or a repository, not from the user: each must resolve to a file inside the project
//! root, symlinks and `..` resolved, or it is refused before it is read. Otherwise a page
//! could make fmlint read any JSON file on the machine and quote it in a CI log.
//!
//! The project root is the folder of the config in use; without one, the nearest git work
//! tree holding the working directory; without one, the working directory.

use crate::config::Config;
use std::fmt;
use std::path::{Path, PathBuf};

/// The folder schema files must stay inside.
#[derive(Clone, Debug)]
pub struct Project {
    /// The root as the working directory spells it, for the check before any file is
    /// touched and for messages.
    lexical: PathBuf,
    /// The root with symlinks resolved; `None` when it cannot be resolved (then nothing
    /// is admitted).
    canonical: Option<PathBuf>,
}

/// Why a schema file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// The file lies outside the project root (before or after resolving symlinks).
    Outside { path: PathBuf, root: PathBuf },
    /// The file cannot be resolved (it does not exist, or a folder on the way is
    /// unreadable).
    Unresolved { path: PathBuf, reason: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Outside { path, root } => write!(
                f,
                "{} is outside the project root {}; schemas named by content are read only inside the project",
                path.display(),
                root.display()
            ),
            Refusal::Unresolved { path, reason } => {
                write!(f, "cannot read schema {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for Refusal {}

impl Project {
    /// The project `config` belongs to (see the module documentation).
    pub fn of(config: &Config) -> Project {
        let root = if config.file.is_some() {
            config.root.clone()
        } else {
            work_tree(&config.root).unwrap_or_else(|| config.root.clone())
        };
        Project::at(&root)
    }

    /// The project rooted at `root`.
    pub fn at(root: &Path) -> Project {
        let lexical = lexical(root);
        let canonical = std::fs::canonicalize(&lexical).ok();
        Project { lexical, canonical }
    }

    /// The project root, for messages.
    pub fn root(&self) -> &Path {
        &self.lexical
    }

    /// The resolved path of `path` if it lies inside the project. `..` is taken as
    /// written (as `cd` does), then symlinks are resolved and the result checked again.
    /// A path that leaves the project as written is refused without touching the file
    /// system, so a refusal says nothing about whether a file exists outside.
    pub fn admit(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let outside = || Refusal::Outside {
            path: path.to_path_buf(),
            root: self.lexical.clone(),
        };
        let written = lexical(path);
        if !written.starts_with(&self.lexical) {
            return Err(outside());
        }
        let resolved = std::fs::canonicalize(&written).map_err(|e| Refusal::Unresolved {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        match &self.canonical {
            Some(root) if resolved.starts_with(root) => Ok(resolved),
            _ => Err(outside()),
        }
    }
}

/// `path` made absolute with `.` and `..` removed as written (no symlink resolved).
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    crate::paths::normalize(&absolute)
}

/// The nearest folder at or above `dir` holding a `.git` entry (a folder, or the file a
/// linked work tree has).
fn work_tree(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|folder| folder.join(".git").symlink_metadata().is_ok())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_are_admitted_and_resolved() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("schema")).unwrap();
        std::fs::write(dir.path().join("schema/s.json"), "{}").unwrap();
        let project = Project::at(dir.path());
        let admitted = project
            .admit(&dir.path().join("content/../schema/./s.json"))
            .unwrap();
        assert_eq!(
            admitted,
            std::fs::canonicalize(dir.path().join("schema/s.json")).unwrap()
        );
    }

    #[test]
    fn dot_dot_absolute_paths_and_symlinks_out_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(outer.path().join("secret.json"), "{}").unwrap();
        let project = Project::at(&root);
        for path in [
            root.join("../secret.json"),
            outer.path().join("secret.json"),
            root.join("../missing.json"),
        ] {
            let refusal = project.admit(&path).unwrap_err();
            assert!(matches!(refusal, Refusal::Outside { .. }), "{refusal}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.json"), root.join("s.json"))
                .unwrap();
            std::os::unix::fs::symlink(outer.path(), root.join("up")).unwrap();
            for path in [root.join("s.json"), root.join("up/secret.json")] {
                let refusal = project.admit(&path).unwrap_err();
                assert!(matches!(refusal, Refusal::Outside { .. }), "{refusal}");
            }
        }
    }

    #[test]
    fn the_root_is_the_config_folder_else_the_work_tree_else_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        let content = site.join("content");
        let config = Config::parse("", content.clone(), None).unwrap();
        assert_eq!(Project::of(&config).root(), lexical(&content));
        std::fs::write(site.join(".git"), "gitdir: elsewhere").unwrap();
        assert_eq!(Project::of(&config).root(), lexical(&site));
        let config = Config::parse("", content.clone(), Some(content.join("fmlint.toml"))).unwrap();
        assert_eq!(Project::of(&config).root(), lexical(&content));
    }
}
