//! `fmlint init`: a commented starter `fmlint.toml` and a copy of the default schema in
//! `schema/`, for the user to edit.
//!
//! It looks at the folder first: a Hugo config there (`hugo.toml`, `config.yaml`, ...)
//! gives the content folder (`contentDir`) and the theme, the site's and theme's widget
//! templates give custom widget names (written into the schema copy, since the copy no
//! longer grows with the site as the embedded default does). Nothing is written when
//! either file exists, unless forced: a starter must never replace a real config.

use crate::config::{Config, FILE_NAME};
use crate::parse::Limits;
use crate::schema::{DEFAULT_NAME, DEFAULT_TEXT};
use crate::site;
use crate::tree::{Node, Value};
use std::path::{Path, PathBuf};

/// Where the schema copy goes, relative to the folder.
pub const SCHEMA_DIR: &str = "schema";

/// What `init` found in the folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detected {
    /// The Hugo config file's name, when the folder is a Hugo site.
    pub hugo_config: Option<String>,
    /// The content folder, relative (`content` unless the config says otherwise).
    pub content_dir: Option<String>,
    /// The themes the site config names.
    pub themes: Vec<String>,
    /// Custom widget names from the site's and its themes' templates.
    pub widgets: Vec<String>,
    /// Whether a `themes/` folder exists (its example content is excluded).
    pub has_themes_dir: bool,
}

/// What `init` wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub detected: Detected,
    /// The files written, relative to the folder.
    pub files: Vec<PathBuf>,
}

impl Written {
    /// What to tell the user: the files written, what was found, what to do next.
    pub fn summary(&self) -> String {
        let files: Vec<String> = self
            .files
            .iter()
            .map(|f| crate::discover::display(f))
            .collect();
        let mut out = format!("Wrote {}.\n", files.join(" and "));
        let d = &self.detected;
        if let Some(file) = &d.hugo_config {
            out.push_str(&format!("Found a Hugo site ({file})"));
            if !d.themes.is_empty() {
                out.push_str(&format!(", theme {}", d.themes.join(", ")));
            }
            if let Some(dir) = &d.content_dir {
                out.push_str(&format!(", content in {dir}/"));
            }
            if !d.widgets.is_empty() {
                out.push_str(&format!(", custom widgets {}", d.widgets.join(", ")));
            }
            out.push_str(".\n");
        } else if let Some(dir) = &d.content_dir {
            out.push_str(&format!("Found content in {dir}/.\n"));
        }
        out.push_str("Next: run `fmlint` here, and edit the schema to fit your posts.\n");
        out
    }
}

/// Look at `dir` for a Hugo site, its content folder, theme and widgets.
pub fn detect(dir: &Path) -> Detected {
    let mut detected = Detected {
        has_themes_dir: dir.join("themes").is_dir(),
        ..Detected::default()
    };
    let same = |a: &Path| a.canonicalize().ok() == dir.canonicalize().ok();
    if let Some((root, file)) = site::find_root(dir).filter(|(root, _)| same(root)) {
        detected.hugo_config = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let config = read_hugo_config(&file);
        detected.themes = config
            .as_ref()
            .and_then(|c| c.entry("theme"))
            .map(|e| strings(&e.value))
            .unwrap_or_default();
        detected.content_dir = Some(
            config
                .as_ref()
                .and_then(|c| c.entry("contentDir"))
                .and_then(|e| match &e.value.value {
                    Value::String(s) if is_plain_relative(s) => {
                        Some(s.trim_end_matches('/').to_string())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| "content".to_string()),
        );
        detected.widgets = site::load(&root, &file).widgets;
    } else if dir.join("content").is_dir() {
        detected.content_dir = Some("content".to_string());
    }
    detected
}

/// Write the starter config and the schema copy into `dir`. Refuses (writing nothing)
/// when either exists and `force` is false.
pub fn init(dir: &Path, force: bool) -> Result<Written, String> {
    let config_path = PathBuf::from(FILE_NAME);
    let schema_path = Path::new(SCHEMA_DIR).join(DEFAULT_NAME);
    for path in [&config_path, Path::new(SCHEMA_DIR), &schema_path] {
        refuse_symlink(dir, path)?;
    }
    if !force {
        let existing: Vec<String> = [&config_path, &schema_path]
            .iter()
            .filter(|p| dir.join(p).exists())
            .map(|p| crate::discover::display(p))
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "{} already exist{}; `fmlint init --force` overwrites {}",
                existing.join(" and "),
                if existing.len() == 1 { "s" } else { "" },
                if existing.len() == 1 { "it" } else { "them" }
            ));
        }
    }
    let detected = detect(dir);
    let config = starter_config(&detected);
    // The starter must load: a broken one would be worse than none.
    Config::parse(&config, dir.to_path_buf(), None)
        .map_err(|e| format!("internal error: the starter config does not load: {e}"))?;
    let schema = schema_copy(&detected.widgets);
    std::fs::create_dir_all(dir.join(SCHEMA_DIR))
        .map_err(|e| format!("cannot create {SCHEMA_DIR}/: {e}"))?;
    refuse_symlink(dir, Path::new(SCHEMA_DIR))?;
    for (path, text) in [(&config_path, &config), (&schema_path, &schema)] {
        write_new(&dir.join(path), text, force)
            .map_err(|e| format!("cannot write {}: {e}", crate::discover::display(path)))?;
    }
    Ok(Written {
        detected,
        files: vec![config_path, schema_path],
    })
}

/// Refuse to write at `path` (under `dir`) when it is a symlink: the link could point
/// anywhere, and a repository can ship one where `init` writes.
fn refuse_symlink(dir: &Path, path: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(dir.join(path)) {
        Ok(meta) if meta.file_type().is_symlink() => Err(format!(
            "{} is a symlink; `fmlint init` does not write through it (remove it first)",
            crate::discover::display(path)
        )),
        _ => Ok(()),
    }
}

/// Write `text` to a new file at `path`, after removing what is there when `overwrite`.
/// Creating with `create_new` never follows a symlink, even one put there meanwhile.
fn write_new(path: &Path, text: &str, overwrite: bool) -> std::io::Result<()> {
    if overwrite {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
}

/// `raw` as a TOML basic string, quotes and escapes included.
fn toml_string(raw: &str) -> String {
    toml::Value::String(raw.to_string()).to_string()
}

/// The text of the starter `fmlint.toml` for what was detected.
pub fn starter_config(detected: &Detected) -> String {
    let content = detected.content_dir.as_deref();
    // What came from the site's config is shown escaped in comments (a newline there
    // would start a line of config) and written as a TOML string where it is a value.
    let shown = |raw: &str| crate::sanitize::text(raw).into_owned();
    let mut out = String::from(
        "# fmlint.toml, written by `fmlint init`. Every key is optional; an unknown key is an\n\
         # error. `fmlint explain CODE` describes each diagnostic code.\n",
    );
    match (&detected.hugo_config, content) {
        (Some(file), Some(dir)) => {
            let theme = match detected.themes.as_slice() {
                [] => "no theme".to_string(),
                themes => format!("theme {}", shown(&themes.join(", "))),
            };
            out.push_str(&format!(
                "#\n# Found: a Hugo site ({}), {theme}, content in `{}/`.\n",
                shown(file),
                shown(dir)
            ));
        }
        (None, Some(dir)) => out.push_str(&format!("#\n# Found: content in `{}/`.\n", shown(dir))),
        _ => {}
    }
    if !detected.themes.is_empty() && !detected.themes.iter().any(|t| t == "mainroad") {
        out.push_str(
            "#\n# The schema copy describes posts of the Mainroad theme. Edit it to match the\n\
             # front matter your theme's templates read.\n",
        );
    }
    out.push_str("\n# Files a folder walk checks; files never checked, walked or named.\n");
    match content {
        Some(dir) => out.push_str(&format!(
            "include = [{}, {}]\n",
            toml_string(&format!("{dir}/**/*.md")),
            toml_string(&format!("{dir}/**/*.markdown"))
        )),
        None => out.push_str("include = [\"**/*.md\", \"**/*.markdown\"]\n"),
    }
    if detected.has_themes_dir {
        out.push_str("exclude = [\"/themes/**\"]     # themes ship example content of their own\n");
    } else {
        out.push_str("exclude = []                   # e.g. [\"drafts/**\"]\n");
    }
    out.push_str(
        "\n# A file without front matter is an error: \"auto\" (under a `content/` folder),\n\
         # \"required\" or \"optional\".\n",
    );
    match content {
        Some("content") | None => out.push_str("front_matter = \"auto\"\n"),
        Some(_) => out.push_str(
            "# Your content folder is not named `content`, so \"auto\" requires front matter\n\
             # nowhere; \"required\" makes fmlint insist everywhere.\n\
             front_matter = \"auto\"\n",
        ),
    }
    let glob = content.map_or_else(|| "**".to_string(), |dir| format!("{dir}/**"));
    out.push_str(&format!(
        "\n# The schema posts are checked against: a copy of fmlint's default, yours to edit.\n\
         # First matching glob wins; `fmlint schema FILE` prints the schema a file gets.\n\
         # Custom Mainroad widgets go into its `$defs.widget.enum`{}.\n\
         [[schemas]]\n\
         glob = {}\n\
         path = \"{SCHEMA_DIR}/{DEFAULT_NAME}\"\n",
        if detected.widgets.is_empty() {
            String::new()
        } else {
            format!(" (found: {})", shown(&detected.widgets.join(", ")))
        },
        toml_string(&glob)
    ));
    out.push_str(
        "\n# Severity per code: \"error\", \"warning\" or \"off\".\n\
         [rules]\n\
         # \"schema/additionalProperties\" = \"warning\"\n\
         \n\
         # The same, for some files only (later entries win).\n\
         # [[overrides]]\n\
         # glob = \"content/archive/**\"\n\
         # rules = { \"schema/required\" = \"warning\" }\n\
         \n\
         # Link checking.\n\
         [links]\n\
         check = \"all\"                    # all | local | none\n\
         # exclude = [\"^https://example\\\\.com/\"]\n\
         # timeout = \"10s\"                # one request\n\
         # budget = \"5m\"                  # all link checks of a run\n\
         # cache = \".fmlint-cache\"\n\
         # cache_ttl = \"1d\"\n",
    );
    out
}

/// The default schema with `widgets` added to its widget list, formatting kept.
pub fn schema_copy(widgets: &[String]) -> String {
    let Ok(document) = serde_json::from_str::<serde_json::Value>(DEFAULT_TEXT) else {
        return DEFAULT_TEXT.to_string();
    };
    let existing = document
        .pointer("/$defs/widget/enum")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let extra: String = widgets
        .iter()
        .filter(|w| !existing.iter().any(|e| e == w.as_str()))
        .map(|w| format!(", {}", serde_json::Value::from(w.as_str())))
        .collect();
    if extra.is_empty() {
        return DEFAULT_TEXT.to_string();
    }
    // Add the names before the `]` closing the widget enum, keeping the layout.
    let inserted = DEFAULT_TEXT.find("\"widget\"").and_then(|at| {
        let open = at + DEFAULT_TEXT[at..].find("\"enum\"")?;
        let close = open + DEFAULT_TEXT[open..].find(']')?;
        Some(format!(
            "{}{extra}{}",
            &DEFAULT_TEXT[..close],
            &DEFAULT_TEXT[close..]
        ))
    });
    let expected = existing.len() + extra.matches(", ").count();
    match inserted {
        Some(text)
            if serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.pointer("/$defs/widget/enum")?.as_array().map(Vec::len))
                == Some(expected) =>
        {
            text
        }
        _ => DEFAULT_TEXT.to_string(),
    }
}

fn read_hugo_config(file: &Path) -> Option<Node> {
    let text = std::fs::read_to_string(file).ok()?;
    let limits = Limits::default();
    match file.extension().and_then(|e| e.to_str()) {
        Some("toml") => crate::parse::toml::parse(&text, 0..text.len(), &limits).ok(),
        Some("json") => crate::parse::json::parse(&text, 0, &limits)
            .ok()
            .map(|(node, _)| node),
        _ => crate::parse::yaml::parse(&text, 0..text.len(), &limits).ok(),
    }
}

fn strings(node: &Node) -> Vec<String> {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    items
        .into_iter()
        .filter_map(|item| match &item.value {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// A relative folder name safe to put in a glob: no `..`, no glob or TOML metacharacters.
fn is_plain_relative(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('/')
        && !s.split('/').any(|part| part == "..")
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_configs_load() {
        let cases = [
            Detected::default(),
            Detected {
                hugo_config: Some("hugo.toml".into()),
                content_dir: Some("content".into()),
                themes: vec!["mainroad".into()],
                widgets: vec!["weather".into()],
                has_themes_dir: true,
            },
            Detected {
                hugo_config: Some("config.yaml".into()),
                content_dir: Some("site content".into()),
                themes: vec!["papermod".into()],
                widgets: vec![],
                has_themes_dir: false,
            },
        ];
        for detected in cases {
            let text = starter_config(&detected);
            let config = Config::parse(&text, PathBuf::from("/site"), None)
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            let dir = detected.content_dir.as_deref().unwrap_or("x");
            assert!(
                config.include.is_match(format!("{dir}/post/a.md")),
                "{text}"
            );
            assert!(config.schemas[0].glob.is_match(format!("{dir}/post/a.md")));
        }
    }

    /// Every commented-out example in the starter file is a real key with a valid value:
    /// uncommented all at once, the file still loads.
    #[test]
    fn starter_examples_are_valid_when_uncommented() {
        let example = regex_lite::Regex::new(r#"^# (\[\[|"?[A-Za-z_/]+"? = )"#).unwrap();
        let text: String = starter_config(&Detected::default())
            .lines()
            .map(|line| {
                let kept = if example.is_match(line) {
                    &line[2..]
                } else {
                    line
                };
                format!("{kept}\n")
            })
            .collect();
        assert!(text.contains("\nbudget = \"5m\""), "{text}");
        let config = Config::parse(&text, PathBuf::from("/site"), None)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(config.links.budget, std::time::Duration::from_secs(300));
        assert_eq!(config.links.timeout, std::time::Duration::from_secs(10));
    }

    #[test]
    fn schema_copy_adds_widgets_and_keeps_the_rest() {
        assert_eq!(schema_copy(&[]), DEFAULT_TEXT);
        let copy = schema_copy(&["weather".to_string(), "search".to_string()]);
        let value: serde_json::Value = serde_json::from_str(&copy).unwrap();
        let allowed = value
            .pointer("/$defs/widget/enum")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(allowed.iter().filter(|w| *w == "search").count(), 1);
        assert!(allowed.iter().any(|w| w == "weather"));
        assert_eq!(copy.lines().count(), DEFAULT_TEXT.lines().count());
    }
}
