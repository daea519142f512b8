//! The Hugo site a file belongs to: its root (the folder holding `hugo.toml` or
//! `config.toml`), its theme, and the custom widgets the site and theme define as
//! templates under `layouts/partials/widgets/`.

use crate::parse::Limits;
use crate::tree::{Node, Value};
use std::path::{Path, PathBuf};

/// Site configuration files Hugo reads, in its order of preference.
const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Where widget templates live, relative to the site or to a theme.
const WIDGET_DIRS: &[&str] = &["layouts/partials/widgets", "layouts/_partials/widgets"];

/// What fmlint needs to know of a Hugo site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub root: PathBuf,
    /// Widget names from the site's and its themes' widget templates, sorted, unique.
    pub widgets: Vec<String>,
}

/// The nearest folder at or above `dir` that holds a Hugo config file, and that file.
pub fn find_root(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    dir.ancestors().find_map(|candidate| {
        CONFIG_FILES
            .iter()
            .map(|name| candidate.join(name))
            .find(|file| file.is_file())
            .map(|file| (candidate.to_path_buf(), file))
    })
}

/// Read the site at `root` whose config is `config_file`.
pub fn load(root: &Path, config_file: &Path) -> Site {
    let mut dirs: Vec<PathBuf> = vec![root.to_path_buf()];
    dirs.extend(
        themes(config_file)
            .into_iter()
            .map(|t| root.join("themes").join(t)),
    );
    let mut widgets: Vec<String> = dirs
        .iter()
        .flat_map(|dir| WIDGET_DIRS.iter().map(move |sub| dir.join(sub)))
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "html" {
                return None;
            }
            path.file_stem()?.to_str().map(str::to_string)
        })
        .collect();
    widgets.sort();
    widgets.dedup();
    Site {
        root: root.to_path_buf(),
        widgets,
    }
}

/// The theme names a Hugo config file sets (`theme = "x"` or a list of them).
fn themes(config_file: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(config_file) else {
        return Vec::new();
    };
    let limits = Limits::default();
    let root = match config_file.extension().and_then(|e| e.to_str()) {
        Some("toml") => crate::parse::toml::parse(&text, 0..text.len(), &limits).ok(),
        Some("json") => crate::parse::json::parse(&text, 0, &limits)
            .ok()
            .map(|(node, _)| node),
        _ => crate::parse::yaml::parse(&text, 0..text.len(), &limits).ok(),
    };
    root.and_then(|root| root.entry("theme").map(|e| strings(&e.value)))
        .unwrap_or_default()
        .into_iter()
        .filter(|name| !name.is_empty() && !name.contains(['/', '\\']) && name != "..")
        .collect()
}

fn strings(node: &Node) -> Vec<String> {
    let items = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    items
        .into_iter()
        .filter_map(|item| match &item.value {
            Value::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(config_name: &str, config: &str) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(config_name), config).unwrap();
        for sub in [
            "layouts/partials/widgets",
            "themes/mainroad/layouts/partials/widgets",
            "content/post",
        ] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        std::fs::write(root.join("layouts/partials/widgets/weather.html"), "").unwrap();
        std::fs::write(root.join("layouts/partials/widgets/notes.txt"), "").unwrap();
        std::fs::write(
            root.join("themes/mainroad/layouts/partials/widgets/search.html"),
            "",
        )
        .unwrap();
        let (found, file) = find_root(&root.join("content/post")).unwrap();
        assert_eq!(found, root);
        let site = load(&found, &file);
        (dir, site)
    }

    #[test]
    fn widgets_from_site_and_theme_in_every_config_format() {
        for (name, text) in [
            ("hugo.toml", "theme = \"mainroad\"\n"),
            ("config.yaml", "theme: mainroad\n"),
            ("hugo.json", "{\"theme\": [\"mainroad\"]}"),
        ] {
            let (_dir, site) = site(name, text);
            assert_eq!(site.widgets, ["search", "weather"], "{name}");
        }
    }

    #[test]
    fn no_theme_means_site_widgets_only() {
        let (_dir, site) = site("hugo.toml", "title = \"x\"\n");
        assert_eq!(site.widgets, ["weather"]);
    }
}
