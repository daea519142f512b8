//! Schemas: the embedded default, files named by `--schema`, `[[schemas]]` or an
//! in-file `$schema` key, compiled once and shared by every file that uses them.
//!
//! Compilation asserts formats (`format` is an annotation by default in 2020-12), adds
//! fmlint's own formats (`hugo-date`, `bcp47`), and never fetches a remote `$ref`: only
//! local files inside the project are read (see [`bounds`]), except the `--schema` file
//! the user names. The default schema's widget list grows with the custom widgets of the
//! site a file belongs to.
//!
//! Messages about a schema that cannot be used name its path, the failing keyword and
//! where it fails, never a value read from a schema document.

pub mod bounds;
pub mod formats;
pub mod keywords;

use crate::config::Config;
use crate::site;
use bounds::{Project, Refusal};
use jsonschema::error::ValidationErrorKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// File name of the embedded default schema (as `fmlint init` writes it out).
pub const DEFAULT_NAME: &str = "hugo-mainroad.schema.json";
/// The embedded default schema's text.
pub const DEFAULT_TEXT: &str = include_str!("../../schema/hugo-mainroad.schema.json");

/// A compiled schema, ready to validate.
pub struct Schema {
    /// What to call it in messages: the path, or the default's name.
    pub name: String,
    pub validator: jsonschema::Validator,
    /// The schema document, for looking up what a failing keyword allows.
    pub document: serde_json::Value,
    /// The fields the schema marks as URLs, for the link checker.
    pub url_fields: crate::links::UrlFields,
}

/// Which schema applies, before compilation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// The embedded default with these extra widget names.
    Default {
        widgets: Vec<String>,
    },
    File(PathBuf),
}

/// Chooses and compiles schemas, caching each compiled schema and each site lookup.
pub struct Schemas<'a> {
    config: &'a Config,
    /// The folder every schema file but `--schema` must be in.
    project: Project,
    /// `--schema`, absolute: named by the user, so trusted wherever it is.
    cli: Option<PathBuf>,
    compiled: Mutex<HashMap<Key, Result<Arc<Schema>, String>>>,
    /// The default schema (with its site's widgets) for the files of each folder, looked
    /// up once per file (foldhash: paths are long and SipHash showed in profiles).
    by_folder: RwLock<HashMap<PathBuf, Result<Arc<Schema>, String>, foldhash::fast::FixedState>>,
}

impl<'a> Schemas<'a> {
    pub fn new(config: &'a Config, cli: Option<PathBuf>) -> Self {
        Schemas {
            config,
            project: Project::of(config),
            cli,
            compiled: Mutex::new(HashMap::new()),
            by_folder: RwLock::new(HashMap::with_hasher(Default::default())),
        }
    }

    /// The schema for the file at `path` (absolute), `rel` to the config root, whose
    /// front matter names `in_file` as its `$schema` (if it does).
    ///
    /// Order: `--schema`, then the file's own `$schema` (relative to the file), then the
    /// first matching `[[schemas]]` glob, then the embedded default. A `$schema` or
    /// `[[schemas]]` file outside the project is refused.
    pub fn for_file(
        &self,
        path: &Path,
        rel: &str,
        in_file: Option<&str>,
    ) -> Result<Arc<Schema>, String> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let key = if let Some(cli) = &self.cli {
            Key::File(cli.clone())
        } else if let Some(reference) = in_file {
            if reference.contains("://") {
                return Err(format!(
                    "{}: `$schema: {reference}`: remote schemas are not fetched; name a local file",
                    path.display()
                ));
            }
            let admitted = self
                .project
                .admit(&dir.join(reference))
                .map_err(|refusal| {
                    format!("{}: `$schema: {reference}`: {refusal}", path.display())
                })?;
            Key::File(admitted)
        } else if let Some(mapping) = self.config.schemas.iter().find(|m| m.glob.is_match(rel)) {
            let admitted = self
                .project
                .admit(&mapping.path)
                .map_err(|refusal| format!("[[schemas]] in the config: {refusal}"))?;
            Key::File(admitted)
        } else {
            return self.default_for(dir);
        };
        self.compile(key)
    }

    /// The default schema for files in `dir`, grown by the custom widgets of its site.
    pub fn default_for(&self, dir: &Path) -> Result<Arc<Schema>, String> {
        let cached = self.by_folder.read().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cached.get(dir) {
            return found.clone();
        }
        drop(cached);
        let mut widgets = self.config.widgets.clone();
        if let Some((root, file)) = site::find_root(dir) {
            widgets.extend(site::load(&root, &file).widgets);
        }
        widgets.sort();
        widgets.dedup();
        let schema = self.compile(Key::Default { widgets });
        let mut cache = self.by_folder.write().unwrap_or_else(|e| e.into_inner());
        cache.insert(dir.to_path_buf(), schema.clone());
        schema
    }

    /// Compile `--schema` up front, so a broken schema stops the run before any file.
    pub fn check_cli_schema(&self) -> Result<(), String> {
        match &self.cli {
            Some(cli) => self.compile(Key::File(cli.clone())).map(|_| ()),
            None => Ok(()),
        }
    }

    fn compile(&self, key: Key) -> Result<Arc<Schema>, String> {
        let mut compiled = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        compiled
            .entry(key)
            .or_insert_with_key(|key| compile(key, &self.project).map(Arc::new))
            .clone()
    }
}

/// Compile the schema `key` names; its `$ref`s may only read files inside `project`.
fn compile(key: &Key, project: &Project) -> Result<Schema, String> {
    let (name, mut document, base) = match key {
        Key::Default { widgets } => {
            let mut document: serde_json::Value =
                serde_json::from_str(DEFAULT_TEXT).map_err(|e| format!("embedded schema: {e}"))?;
            add_widgets(&mut document, widgets);
            (DEFAULT_NAME.to_string(), document, None)
        }
        Key::File(path) => {
            let text = read_schema_file(path)
                .map_err(|e| format!("cannot read schema {}: {e}", path.display()))?;
            let document = serde_json::from_str(&text)
                .map_err(|e| format!("schema {} is {}", path.display(), not_json(&e)))?;
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let base = url::Url::from_file_path(&absolute).ok().map(String::from);
            (path.display().to_string(), document, base)
        }
    };
    if let Some(object) = document.as_object_mut() {
        // A schema with no draft is read as 2020-12.
        object
            .entry("$schema")
            .or_insert_with(|| "https://json-schema.org/draft/2020-12/schema".into());
    }
    let mut options = jsonschema::options()
        .should_validate_formats(true)
        .with_format("hugo-date", formats::is_hugo_date)
        .with_format("bcp47", formats::is_bcp47)
        .with_keyword(keywords::DATE_LAYOUT, keywords::date_layout)
        .with_keyword(keywords::PATTERN, keywords::pattern)
        .with_keyword(keywords::PATTERN_KEYS, keywords::pattern_keys)
        .with_retriever(LocalFiles {
            project: project.clone(),
        });
    if let Some(base) = base {
        options = options.with_base_uri(base);
    }
    let mut compiled = document.clone();
    keywords::add_pattern_keys(&mut compiled);
    let validator = options
        .build(&compiled)
        .map_err(|e| build_error(&name, &e))?;
    let url_fields = crate::links::UrlFields::new(&document);
    Ok(Schema {
        name,
        validator,
        document,
        url_fields,
    })
}

/// Extend the default schema's widget enum with the site's own widgets.
fn add_widgets(document: &mut serde_json::Value, widgets: &[String]) {
    let Some(allowed) = document
        .pointer_mut("/$defs/widget/enum")
        .and_then(|v| v.as_array_mut())
    else {
        return;
    };
    for widget in widgets {
        let value = serde_json::Value::from(widget.as_str());
        if !allowed.contains(&value) {
            allowed.push(value);
        }
    }
}

/// Resolves `$ref`s to files inside the project only; anything remote or outside is
/// refused, never read.
struct LocalFiles {
    project: Project,
}

/// Why the document a `$ref` names was not read, in typed facts for the message.
#[derive(Debug)]
enum Unread {
    /// Not a `file:` URL: nothing is fetched over the network.
    Remote(String),
    /// A `file:` URL that names no local path.
    NotAPath(String),
    Refused(Refusal),
    Unreadable {
        path: PathBuf,
        reason: String,
    },
    NotJson {
        path: PathBuf,
        reason: String,
    },
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::Remote(uri) => write!(
                f,
                "remote $ref `{uri}` is not fetched (fmlint reads local schema files only)"
            ),
            Unread::NotAPath(uri) => write!(f, "`{uri}` is not a local path"),
            Unread::Refused(refusal) => write!(f, "{refusal}"),
            Unread::Unreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            Unread::NotJson { path, reason } => write!(f, "{} is {reason}", path.display()),
        }
    }
}

impl std::error::Error for Unread {}

/// What is wrong with a schema that does not compile, from typed facts only: the error's
/// own text can quote values of the schema or of a document it references.
fn build_error(name: &str, error: &jsonschema::ValidationError) -> String {
    match error.kind() {
        ValidationErrorKind::Referencing(inner) => {
            format!(
                "schema {name}: a $ref cannot be resolved: {}",
                unresolved(inner)
            )
        }
        kind => format!(
            "schema {name} is not a valid JSON Schema: `{}` is invalid (meta-schema keyword `{}`)",
            pointer(error.instance_path().as_str()),
            kind.keyword()
        ),
    }
}

/// Why a `$ref` was not resolved: the retriever's own reason when it refused, else the
/// kind of failure with the reference's own text (never the referenced document's).
fn unresolved(error: &jsonschema::ReferencingError) -> String {
    use jsonschema::ReferencingError as E;
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(unread) = cause.downcast_ref::<Unread>() {
            return unread.to_string();
        }
        source = cause.source();
    }
    match error {
        E::Unretrievable { uri, .. } => format!("`{uri}` cannot be retrieved"),
        E::PointerToNowhere { pointer } => format!("`#{pointer}` points to nothing"),
        E::NoSuchAnchor { anchor } | E::InvalidAnchor { anchor } => {
            format!("there is no anchor `{anchor}`")
        }
        E::InvalidPercentEncoding { pointer, .. } | E::InvalidArrayIndex { pointer, .. } => {
            format!("`#{pointer}` is not a valid JSON pointer")
        }
        E::InvalidUri(_) => "a reference is not a valid URI".into(),
        E::UnknownSpecification { .. } | E::CircularMetaschema { .. } => {
            "its `$schema` names no draft fmlint knows".into()
        }
    }
}

/// A JSON pointer for a message: the root is `/`.
fn pointer(location: &str) -> &str {
    if location.is_empty() {
        "/"
    } else {
        location
    }
}

/// Why a schema file is not JSON, by position only (the parser's message can quote text).
fn not_json(error: &serde_json::Error) -> String {
    format!(
        "not valid JSON (line {}, column {})",
        error.line(),
        error.column()
    )
}

/// The largest schema file read: far above any real schema, and a bound on what a
/// front matter's `$schema` can make fmlint read.
const MAX_SCHEMA_SIZE: u64 = 16 * 1024 * 1024;

/// The text of the schema file at `path`: a regular file of at most [`MAX_SCHEMA_SIZE`]
/// bytes, so that `$schema: /dev/zero` or `/dev/stdin` fails at once instead of reading
/// forever or blocking.
fn read_schema_file(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let too_big = || format!("larger than {} MiB", MAX_SCHEMA_SIZE / (1024 * 1024));
    if meta.len() > MAX_SCHEMA_SIZE {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut text = String::new();
    file.take(MAX_SCHEMA_SIZE + 1)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_SCHEMA_SIZE {
        // It grew while being read.
        return Err(too_big());
    }
    Ok(text)
}

impl LocalFiles {
    fn read(&self, uri: &str) -> Result<serde_json::Value, Unread> {
        let url = url::Url::parse(uri).map_err(|_| Unread::NotAPath(uri.to_string()))?;
        if url.scheme() != "file" {
            return Err(Unread::Remote(uri.to_string()));
        }
        let path = url
            .to_file_path()
            .map_err(|()| Unread::NotAPath(uri.to_string()))?;
        let admitted = self.project.admit(&path).map_err(Unread::Refused)?;
        let text = read_schema_file(&admitted).map_err(|reason| Unread::Unreadable {
            path: path.clone(),
            reason,
        })?;
        let mut document = serde_json::from_str(&text).map_err(|e| Unread::NotJson {
            path,
            reason: not_json(&e),
        })?;
        keywords::add_pattern_keys(&mut document);
        Ok(document)
    }
}

impl jsonschema::Retrieve for LocalFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.read(uri.as_str())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn default_schema(widgets: &[&str]) -> Schema {
        let key = Key::Default {
            widgets: widgets.iter().map(|w| w.to_string()).collect(),
        };
        compile(&key, &Project::at(Path::new("."))).unwrap()
    }

    /// The schema file at `path`, compiled in a project rooted at `root`.
    fn file_in(root: &Path, path: PathBuf) -> Result<Schema, String> {
        compile(&Key::File(path), &Project::at(root))
    }

    #[test]
    fn default_schema_asserts_formats_and_grows_widgets() {
        let schema = default_schema(&["weather"]);
        let post = |date: &str, lang: &str, widget: &str| json!({"title": "t", "date": date, "lang": [lang], "widgets": [widget]});
        assert!(schema
            .validator
            .is_valid(&post("2025-02-11 11:58:35", "zh-CN", "recent")));
        assert!(schema
            .validator
            .is_valid(&post("2025-02-11", "en", "weather")));
        assert!(!schema
            .validator
            .is_valid(&post("2025-13-45", "en", "recent")));
        assert!(!schema
            .validator
            .is_valid(&post("2025-02-11", "zh_CN", "recent")));
        assert!(!default_schema(&[])
            .validator
            .is_valid(&post("2025-02-11", "en", "weather")));
    }

    #[test]
    fn remote_refs_are_refused_and_local_ones_read() {
        let dir = tempfile::tempdir().unwrap();
        let remote = dir.path().join("remote.json");
        std::fs::write(&remote, r#"{"$ref": "https://example.com/s.json"}"#).unwrap();
        let err = file_in(dir.path(), remote).err().unwrap();
        assert!(err.contains("not fetched"), "{err}");

        std::fs::write(dir.path().join("common.json"), r#"{"type": "string"}"#).unwrap();
        let local = dir.path().join("post.json");
        std::fs::write(
            &local,
            r#"{"properties": {"title": {"$ref": "common.json"}}}"#,
        )
        .unwrap();
        let schema = file_in(dir.path(), local).unwrap();
        assert!(!schema.validator.is_valid(&json!({"title": 3})));
        assert!(schema.validator.is_valid(&json!({"title": "x"})));
    }

    #[test]
    fn a_ref_to_a_device_fails_instead_of_reading_forever() {
        let dir = tempfile::tempdir().unwrap();
        let schema = dir.path().join("s.json");
        std::fs::write(&schema, r#"{"$ref": "file:///dev/zero"}"#).unwrap();
        let err = file_in(Path::new("/"), schema).err().unwrap();
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[test]
    fn unreadable_and_invalid_schemas_say_so() {
        let err = file_in(Path::new("/"), PathBuf::from("/nonexistent/s.json"))
            .err()
            .unwrap();
        assert!(err.contains("cannot read schema"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, r#"{"type": 12}"#).unwrap();
        let err = file_in(dir.path(), bad).err().unwrap();
        assert!(err.contains("not a valid JSON Schema"), "{err}");
    }

    #[test]
    fn devices_folders_and_huge_files_are_not_read_as_schemas() {
        for path in ["/dev/zero", "/dev/null", "/"] {
            let err = file_in(Path::new("/"), PathBuf::from(path)).err().unwrap();
            assert!(err.ends_with("not a regular file"), "{path}: {err}");
        }
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.json");
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(MAX_SCHEMA_SIZE + 1).unwrap();
        let err = file_in(dir.path(), huge.clone()).err().unwrap();
        assert!(err.ends_with("larger than 16 MiB"), "{err}");
        file.set_len(MAX_SCHEMA_SIZE).unwrap();
        let err = file_in(dir.path(), huge).err().unwrap();
        assert!(
            err.contains("is not valid JSON"),
            "at the limit it is read: {err}"
        );
    }
}
