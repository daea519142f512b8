//! `fmlint.toml`: finding it, reading it strictly, and turning it into ready-to-use
//! settings (compiled globs, resolved paths, parsed durations).
//!
//! An unknown key or a bad value is an error naming the key: a typo in a linter's config
//! must not silently turn a check off.

use crate::codes;
use crate::diagnostic::Severity;
use crate::parse::Limits;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The config file's name, looked for in the working directory and its ancestors.
pub const FILE_NAME: &str = "fmlint.toml";

/// A config problem: fmlint cannot run as asked (exit status 2).
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The file as written, checked by serde (`deny_unknown_fields` everywhere).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    front_matter: Option<FrontMatterPolicy>,
    #[serde(default)]
    widgets: Vec<String>,
    #[serde(default)]
    schemas: Vec<RawSchemaMapping>,
    #[serde(default)]
    allow_remote_refs: bool,
    #[serde(default)]
    links: RawLinks,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    glob: String,
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchemaMapping {
    glob: String,
    path: PathBuf,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    check: Option<LinkCheck>,
    #[serde(default)]
    exclude: Vec<String>,
    timeout: Option<String>,
    budget: Option<String>,
    max_concurrency: Option<usize>,
    per_host: Option<usize>,
    cache: Option<PathBuf>,
    cache_ttl: Option<String>,
    #[serde(default)]
    allow_private: bool,
    #[serde(default)]
    allow_hosts: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    strict: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_size: Option<u64>,
    max_depth: Option<usize>,
    max_alias_nodes: Option<usize>,
}

/// Whether a file without front matter is an error.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterPolicy {
    /// Required for files under a `content/` folder, optional elsewhere.
    #[default]
    Auto,
    Required,
    Optional,
}

/// Which links are checked.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LinkCheck {
    #[default]
    All,
    Local,
    None,
}

/// What `[rules]` can set a code to.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Off,
}

/// One `[[schemas]]` entry: files matching `glob` use the schema at `path`.
#[derive(Debug)]
pub struct SchemaMapping {
    pub glob: globset::GlobMatcher,
    pub path: PathBuf,
}

/// One `[[overrides]]` entry: `[rules]` settings for the files matching `glob`.
#[derive(Debug)]
pub struct Override {
    pub glob: globset::GlobMatcher,
    /// Severity per code; `None` turns the code off.
    pub rules: BTreeMap<&'static str, Option<Severity>>,
}

/// The `[links]` table, with defaults filled in.
#[derive(Debug, Clone)]
pub struct LinksConfig {
    pub check: LinkCheck,
    pub exclude: Vec<regex_lite::Regex>,
    pub timeout: Duration,
    /// The whole remote phase of a run ends by then; unfinished links are unreachable.
    pub budget: Duration,
    pub max_concurrency: usize,
    pub per_host: usize,
    pub cache: PathBuf,
    pub cache_ttl: Duration,
    pub allow_private: bool,
    pub allow_hosts: Vec<String>,
    pub fields: Vec<String>,
    pub strict: bool,
}

/// The effective configuration: the file's settings with defaults, ready to use.
#[derive(Debug)]
pub struct Config {
    /// The directory globs and relative paths are resolved against: the config file's
    /// folder, or the working directory when there is no config file (normalised).
    pub root: PathBuf,
    /// The config file read, if any.
    pub file: Option<PathBuf>,
    pub include: GlobSet,
    pub exclude: GlobSet,
    pub front_matter: FrontMatterPolicy,
    pub widgets: Vec<String>,
    pub schemas: Vec<SchemaMapping>,
    pub allow_remote_refs: bool,
    pub links: LinksConfig,
    pub limits: Limits,
    pub max_file_size: u64,
    /// Severity overrides from `[rules]`; `None` turns a code off.
    pub rules: BTreeMap<&'static str, Option<Severity>>,
    /// Per-glob `[rules]`, in file order; later entries win.
    pub overrides: Vec<Override>,
}

impl Config {
    /// Load `explicit` if given, else the nearest `fmlint.toml` above `cwd`, else defaults.
    pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Config, ConfigError> {
        let file = match explicit {
            Some(path) => Some(cwd.join(path)),
            None => cwd
                .ancestors()
                .map(|dir| dir.join(FILE_NAME))
                .find(|candidate| candidate.is_file()),
        };
        let Some(file) = file else {
            return Config::from_raw(RawConfig::default(), cwd.to_path_buf(), None);
        };
        let text = std::fs::read_to_string(&file)
            .map_err(|e| ConfigError(format!("cannot read config {}: {e}", file.display())))?;
        let root = file.parent().unwrap_or(cwd).to_path_buf();
        Config::parse(&text, root, Some(file))
    }

    /// Parse config text; `root` is where relative paths and globs are anchored.
    pub fn parse(text: &str, root: PathBuf, file: Option<PathBuf>) -> Result<Config, ConfigError> {
        let name = file
            .as_deref()
            .map_or_else(|| FILE_NAME.to_string(), |f| f.display().to_string());
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            ConfigError(format!("invalid config {name}: {}", e.message().trim_end()))
        })?;
        Config::from_raw(raw, root, file)
            .map_err(|ConfigError(msg)| ConfigError(format!("invalid config {name}: {msg}")))
    }

    fn from_raw(
        raw: RawConfig,
        root: PathBuf,
        file: Option<PathBuf>,
    ) -> Result<Config, ConfigError> {
        let include = raw
            .include
            .unwrap_or_else(|| vec!["**/*.md".into(), "**/*.markdown".into()]);
        let rules = rule_table(raw.rules, "[rules]")?;
        let overrides = raw
            .overrides
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                let key = format!("overrides[{}]", i + 1);
                Ok(Override {
                    glob: compile_glob(&o.glob, &format!("{key}.glob"))?.compile_matcher(),
                    rules: rule_table(o.rules, &format!("{key}.rules"))?,
                })
            })
            .collect::<Result<_, ConfigError>>()?;
        let schemas = raw
            .schemas
            .into_iter()
            .map(|m| {
                Ok(SchemaMapping {
                    glob: compile_glob(&m.glob, "schemas.glob")?.compile_matcher(),
                    path: root.join(m.path),
                })
            })
            .collect::<Result<_, ConfigError>>()?;
        let defaults = Limits::default();
        let limits = Limits {
            max_depth: raw.limits.max_depth.unwrap_or(defaults.max_depth),
            max_alias_nodes: raw
                .limits
                .max_alias_nodes
                .unwrap_or(defaults.max_alias_nodes),
        };
        if limits.max_depth == 0 || limits.max_depth > 1_000 {
            return Err(ConfigError(
                "limits.max_depth must be between 1 and 1000".into(),
            ));
        }
        let links = links_config(raw.links, &root)?;
        Ok(Config {
            include: glob_set(&include, "include", false)?,
            exclude: glob_set(&raw.exclude, "exclude", true)?,
            front_matter: raw.front_matter.unwrap_or_default(),
            widgets: raw.widgets,
            schemas,
            allow_remote_refs: raw.allow_remote_refs,
            links,
            limits,
            max_file_size: raw.limits.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            rules,
            overrides,
            root: crate::paths::normalize(&root),
            file,
        })
    }

    /// The severity `code` gets after `[rules]`, or `None` if it is turned off.
    pub fn severity(&self, code: &codes::Code, default: Severity) -> Option<Severity> {
        match self.rules.get(code.name) {
            Some(level) => *level,
            None => Some(default),
        }
    }
}

impl Config {
    /// The severity `code` gets in the file at `rel` (relative to the config root): the
    /// last `[[overrides]]` entry whose glob matches and that sets the code, else
    /// `[rules]`, else `default`; `None` if it is turned off.
    pub fn severity_for(
        &self,
        rel: &str,
        code: &codes::Code,
        default: Severity,
    ) -> Option<Severity> {
        self.overrides
            .iter()
            .rev()
            .filter(|o| o.glob.is_match(rel))
            .find_map(|o| o.rules.get(code.name))
            .map_or_else(|| self.severity(code, default), |level| *level)
    }
}

/// A `[rules]`-shaped table checked against the code table; `key` names it in errors.
fn rule_table(
    raw: BTreeMap<String, RuleLevel>,
    key: &str,
) -> Result<BTreeMap<&'static str, Option<Severity>>, ConfigError> {
    let mut rules = BTreeMap::new();
    for (name, level) in raw {
        let code = codes::lookup(&name).ok_or_else(|| {
            let hint = codes::closest(&name)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            ConfigError(format!("{key}: unknown code `{name}`{hint}"))
        })?;
        let severity = match level {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Off => None,
        };
        rules.insert(code.name, severity);
    }
    Ok(rules)
}

/// Files above this size are not read (`syntax/limit`); `[limits] max_file_size` changes it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How long the link checks of one run may take in all; `[links] budget` changes it.
pub const DEFAULT_LINK_BUDGET: Duration = Duration::from_secs(300);

fn links_config(raw: RawLinks, root: &Path) -> Result<LinksConfig, ConfigError> {
    let exclude = raw
        .exclude
        .iter()
        .map(|pattern| {
            regex_lite::Regex::new(pattern)
                .map_err(|e| ConfigError(format!("links.exclude: invalid regex `{pattern}`: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let duration = |value: Option<String>, key: &str, default: Duration| match value {
        Some(text) => parse_duration(&text).ok_or_else(|| {
            ConfigError(format!(
                "{key}: `{text}` is not a duration like `10s`, `5m` or `1d`"
            ))
        }),
        None => Ok(default),
    };
    // A zero time limit would fail every request, or end the link phase before it starts.
    let nonzero = |value: Option<String>, key: &str, default: Duration| match duration(
        value, key, default,
    )? {
        Duration::ZERO => Err(ConfigError(format!("{key} must be more than 0"))),
        limit => Ok(limit),
    };
    let positive = |value: Option<usize>, key: &str, default: usize| match value {
        Some(0) => Err(ConfigError(format!("{key} must be at least 1"))),
        Some(n) => Ok(n),
        None => Ok(default),
    };
    Ok(LinksConfig {
        check: raw.check.unwrap_or_default(),
        exclude,
        timeout: nonzero(raw.timeout, "links.timeout", Duration::from_secs(10))?,
        budget: nonzero(raw.budget, "links.budget", DEFAULT_LINK_BUDGET)?,
        max_concurrency: positive(raw.max_concurrency, "links.max_concurrency", 64)?,
        per_host: positive(raw.per_host, "links.per_host", 4)?,
        cache: root.join(raw.cache.unwrap_or_else(|| PathBuf::from(".fmlint-cache"))),
        cache_ttl: duration(
            raw.cache_ttl,
            "links.cache_ttl",
            Duration::from_secs(86_400),
        )?,
        allow_private: raw.allow_private,
        allow_hosts: raw.allow_hosts,
        fields: raw.fields,
        strict: raw.strict,
    })
}

/// `500ms`, `10s`, `5m`, `2h`, `1d`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().ok()?;
    let ms = match unit.trim() {
        "ms" => n,
        "s" => n.checked_mul(1000)?,
        "m" => n.checked_mul(60_000)?,
        "h" => n.checked_mul(3_600_000)?,
        "d" => n.checked_mul(86_400_000)?,
        _ => return None,
    };
    Some(Duration::from_millis(ms))
}

fn compile_glob(pattern: &str, key: &str) -> Result<Glob, ConfigError> {
    Glob::new(pattern).map_err(|e| ConfigError(format!("{key}: invalid glob `{pattern}`: {e}")))
}

/// Compile `patterns`; with `anywhere`, a relative pattern also matches below any folder
/// (`drafts/**` excludes `content/drafts/x.md`), as in `.gitignore`.
fn glob_set(patterns: &[String], key: &str, anywhere: bool) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let trimmed = pattern.trim_start_matches("./");
        if let Some(anchored) = trimmed.strip_prefix('/') {
            builder.add(compile_glob(anchored, key)?);
            continue;
        }
        builder.add(compile_glob(trimmed, key)?);
        if anywhere && !trimmed.starts_with("**/") {
            builder.add(compile_glob(&format!("**/{trimmed}"), key)?);
        }
    }
    builder
        .build()
        .map_err(|e| ConfigError(format!("{key}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, PathBuf::from("/site"), None)
    }

    #[test]
    fn defaults() {
        let config = parse("").unwrap();
        assert!(config.include.is_match("content/post/a.md"));
        assert!(!config.include.is_match("content/post/a.html"));
        assert_eq!(config.front_matter, FrontMatterPolicy::Auto);
        assert_eq!(config.links.timeout, Duration::from_secs(10));
        assert_eq!(config.links.budget, Duration::from_secs(300));
        assert_eq!(config.links.cache, PathBuf::from("/site/.fmlint-cache"));
    }

    #[test]
    fn the_design_sketch_parses() {
        let config = parse(
            r#"
include = ["**/*.md", "**/*.markdown"]
exclude = ["drafts/**"]
[[schemas]]
glob = "content/post/**"
path = "schema/post.schema.json"
[links]
check = "all"
exclude = ["^https://example\\.com/"]
timeout = "10s"
max_concurrency = 64
per_host = 4
cache = ".fmlint-cache"
cache_ttl = "1d"
allow_private = false
[rules]
"schema/additionalProperties" = "warning"
"#,
        )
        .unwrap();
        assert!(config.exclude.is_match("drafts/a.md"));
        assert!(config.exclude.is_match("content/drafts/a.md"));
        assert!(config.schemas[0].glob.is_match("content/post/x/a.md"));
        assert_eq!(
            config.schemas[0].path,
            PathBuf::from("/site/schema/post.schema.json")
        );
        assert_eq!(config.links.cache_ttl, Duration::from_secs(86_400));
        assert_eq!(
            config.rules.get("schema/additionalProperties"),
            Some(&Some(Severity::Warning))
        );
    }

    #[test]
    fn errors_name_the_key() {
        let err = |text: &str| parse(text).unwrap_err().0;
        assert!(
            err("inclde = []").contains("inclde"),
            "{}",
            err("inclde = []")
        );
        assert!(err("[links]\ntimeout = \"soon\"").contains("links.timeout"));
        assert!(err("[links]\nchek = 1").contains("chek"));
        assert!(err("[rules]\n\"schema/enun\" = \"off\"").contains("did you mean `schema/enum`"));
        assert!(err("[rules]\n\"schema/enum\" = \"loud\"").contains("loud"));
        assert!(err("exclude = [\"a[\"]").contains("exclude"));
        assert!(err("[links]\nper_host = 0").contains("links.per_host"));
        assert!(err("[links]\nbudget = \"0s\"").contains("links.budget"));
        for zero in ["0ms", "0s", "0d"] {
            let message = err(&format!("[links]\ntimeout = \"{zero}\""));
            assert!(
                message.ends_with("links.timeout must be more than 0"),
                "{message}"
            );
        }
        assert!(err("[links]\nbudget = \"soon\"").contains("links.budget"));
    }

    #[test]
    fn overrides_win_over_rules_for_their_files() {
        let config = parse(
            r#"
[rules]
"schema/enum" = "warning"
[[overrides]]
glob = "content/legacy/**"
rules = { "schema/enum" = "off" }
[[overrides]]
glob = "content/legacy/keep/**"
rules = { "schema/enum" = "error" }
"#,
        )
        .unwrap();
        let at = |rel| config.severity_for(rel, &codes::SCHEMA_ENUM, Severity::Error);
        assert_eq!(at("content/post/a.md"), Some(Severity::Warning));
        assert_eq!(at("content/legacy/a.md"), None);
        assert_eq!(at("content/legacy/keep/a.md"), Some(Severity::Error));
        let err = parse("[[overrides]]\nglob = \"a/**\"\nrules = { \"schema/enun\" = \"off\" }")
            .unwrap_err()
            .0;
        assert!(
            err.contains(
                "overrides[1].rules: unknown code `schema/enun`; did you mean `schema/enum`?"
            ),
            "{err}"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2h"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_duration("1w"), None);
        assert_eq!(parse_duration("s"), None);
    }
}
