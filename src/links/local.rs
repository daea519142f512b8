//! Local targets: relative paths, site-absolute paths and `#fragment`s, checked against
//! the files of the Hugo site a page belongs to.
//!
//! The site root is found as the schema module finds it (the nearest folder with a Hugo
//! config file), else the parent of a `content/` folder above the page, else the
//! fallback root (the config root). Site-absolute paths (`/images/x.png`) are looked up
//! in the site's `static/` folders (its own and its themes') and `content/`; a page URL
//! (`/post/a/`) matches `content/post/a.md` or a bundle `content/post/a/index.md`.
//! Relative paths resolve against the page's folder (as an editor sees it) and against
//! the page's own URL folder (as Hugo serves it: a bundle's own files count); a relative
//! front-matter path (a thumbnail) may also live in `static/`. Pages Hugo generates
//! (`/`, `/tags/...`, `/categories/...`, `/page/N/`, feeds, sitemap) are never missing.

use super::target::{classify_local, Target};
use super::{anchors, Link, LinkKind};
use crate::codes;
use crate::config::{LinkCheck, LinksConfig};
use crate::diagnostic::Diagnostic;
use crate::paths::normalize;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// How many fragment-to-anchor comparisons "did you mean" may make for the links of one
/// page: it bounds a page with thousands of broken fragments into thousands of headings.
const SUGGESTION_BUDGET: usize = 200_000;

/// Markdown files larger than this are not read for anchors.
const MAX_ANCHOR_FILE: u64 = 10 * 1024 * 1024;

/// First path segments of pages Hugo generates without a content file.
const GENERATED_SECTIONS: &[&str] = &["tags", "categories", "page", "series", "authors"];
/// Files Hugo generates at the site root.
const GENERATED_FILES: &[&str] = &[
    "index.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "index.html",
];

/// The folders a site serves files from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteDirs {
    pub root: PathBuf,
    /// Folders whose files are served at the site root (`static/`, themes' `static/`).
    pub statics: Vec<PathBuf>,
    /// Content folders: pages and bundle resources.
    pub contents: Vec<PathBuf>,
    /// First path segments of generated pages (taxonomies, pagination).
    pub generated: Vec<String>,
}

impl SiteDirs {
    /// The folders of the Hugo site at `root`: `static/`, `themes/*/static/`, `content/`.
    pub fn for_root(root: &Path) -> SiteDirs {
        let mut statics = vec![root.join("static")];
        if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
            let mut theirs: Vec<PathBuf> = themes
                .filter_map(|t| Some(t.ok()?.path().join("static")))
                .filter(|p| p.is_dir())
                .collect();
            theirs.sort();
            statics.extend(theirs);
        }
        SiteDirs {
            root: root.to_path_buf(),
            statics,
            contents: vec![root.join("content")],
            generated: GENERATED_SECTIONS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Where local links are resolved, shared by all worker threads of a run; it caches the
/// site of each folder and the anchors of each Markdown file read.
pub struct LocalRoots {
    fallback: PathBuf,
    fixed: Option<Arc<SiteDirs>>,
    check: LinkCheck,
    exclude: Vec<regex_lite::Regex>,
    sites: Mutex<HashMap<PathBuf, Arc<SiteDirs>>>,
    anchors: Mutex<HashMap<PathBuf, Arc<anchors::Anchors>>>,
}

impl LocalRoots {
    /// Roots for a run under `config`; files outside any Hugo site use `fallback_root`
    /// (the config root) as their site root.
    pub fn new(config: &LinksConfig, fallback_root: &Path) -> Self {
        LocalRoots {
            fallback: fallback_root.to_path_buf(),
            fixed: None,
            check: config.check,
            exclude: config.exclude.clone(),
            sites: Mutex::new(HashMap::new()),
            anchors: Mutex::new(HashMap::new()),
        }
    }

    /// Use `dirs` for every file instead of finding each file's site (configured roots).
    pub fn with_dirs(mut self, dirs: SiteDirs) -> Self {
        self.fixed = Some(Arc::new(dirs));
        self
    }

    /// The site the file at `file` (absolute) belongs to.
    pub fn site(&self, file: &Path) -> Arc<SiteDirs> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let dir = file.parent().unwrap_or(file).to_path_buf();
        let mut sites = self.sites.lock().unwrap_or_else(PoisonError::into_inner);
        sites
            .entry(dir.clone())
            .or_insert_with(|| {
                let root = crate::site::find_root(&dir)
                    .map(|(root, _)| root)
                    .or_else(|| {
                        dir.ancestors()
                            .find(|a| a.file_name().is_some_and(|n| n == "content"))
                            .and_then(Path::parent)
                            .map(Path::to_path_buf)
                    })
                    .unwrap_or_else(|| self.fallback.clone());
                Arc::new(SiteDirs::for_root(&root))
            })
            .clone()
    }

    /// The anchors of the Markdown file at `path`, read once per run; `None` when it
    /// cannot be read, is too large, or really lies outside the site at `root` (a
    /// symbolic link pointing out of the site: its headings are never read).
    fn anchors_of(&self, path: &Path, root: &Path) -> Option<Arc<anchors::Anchors>> {
        if let Some(found) = self
            .anchors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
        {
            return Some(found.clone());
        }
        if !really_inside(path, root) {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > MAX_ANCHOR_FILE {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        let start = super::body_start(&text);
        let found = Arc::new(anchors::anchors(text.get(start..).unwrap_or("")));
        self.anchors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf(), found.clone());
        Some(found)
    }

    fn excluded(&self, url: &str) -> bool {
        self.exclude.iter().any(|re| re.is_match(url))
    }
}

/// The findings for the local links among `links` of the page at `file` (absolute),
/// whose text is `text` with its body from `body_start` (for same-page fragments).
pub fn check_local(
    file: &Path,
    text: &str,
    body_start: usize,
    links: &[Link],
    roots: &LocalRoots,
) -> Vec<Diagnostic> {
    if roots.check == LinkCheck::None {
        return Vec::new();
    }
    let own_anchors: OnceCell<anchors::Anchors> = OnceCell::new();
    let own = || own_anchors.get_or_init(|| anchors::anchors(text.get(body_start..).unwrap_or("")));
    let mut out = Vec::new();
    let mut budget = SUGGESTION_BUDGET;
    for link in links {
        if roots.excluded(&link.url) {
            continue;
        }
        match classify_local(&link.url) {
            Target::Fragment(fragment) => {
                let ids = own();
                if !anchors::has(ids, &fragment) {
                    out.push(missing_anchor(link, &fragment, None, ids, &mut budget));
                }
            }
            Target::Local {
                path,
                absolute,
                fragment,
            } => {
                let site = roots.site(file);
                match resolve(file, &path, absolute, &link.kind, &site) {
                    Resolved::Generated => {}
                    Resolved::Missing(tried) => out.push(missing_file(link, &tried, &site)),
                    Resolved::Escapes => out.push(escapes_site(link)),
                    Resolved::Found(found) => {
                        let Some(fragment) = fragment else { continue };
                        let Some(page) = markdown_page(&found) else {
                            continue;
                        };
                        let theirs;
                        let ids = if same_file(&page, file) {
                            own()
                        } else {
                            match roots.anchors_of(&page, &site.root) {
                                Some(found) => {
                                    theirs = found;
                                    theirs.as_ref()
                                }
                                None => continue,
                            }
                        };
                        if !anchors::has(ids, &fragment) {
                            let shown = display(&page, &site.root);
                            out.push(missing_anchor(
                                link,
                                &fragment,
                                Some(&shown),
                                ids,
                                &mut budget,
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What a local path resolved to.
enum Resolved {
    Found(PathBuf),
    /// A page Hugo generates: nothing to check.
    Generated,
    /// Not found; the candidates tried.
    Missing(Vec<PathBuf>),
    /// The path climbs out of the site with `..`: nothing was looked up.
    Escapes,
}

/// Resolve the local `path` of a link of the page at `file`. Each candidate is made
/// lexically (`..` popped) and must stay inside its fence (the site root for a relative
/// path, the served folder for a site-absolute one) before the disk is asked about it.
fn resolve(file: &Path, path: &str, absolute: bool, kind: &LinkKind, site: &SiteDirs) -> Resolved {
    let relative = path.trim_start_matches('/');
    if absolute && generated(relative, site) {
        return Resolved::Generated;
    }
    let dir = file.parent().unwrap_or(Path::new("/"));
    // (base, fence): where the path is joined, and what it may not climb out of.
    let mut bases: Vec<(PathBuf, PathBuf)> = Vec::new();
    if absolute {
        for served in site.statics.iter().chain(&site.contents) {
            bases.push((served.clone(), served.clone()));
        }
    } else {
        let fence = relative_fence(dir, &site.root);
        bases.push((dir.to_path_buf(), fence.clone()));
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !matches!(stem, "index" | "_index" | "") {
            bases.push((dir.join(stem), fence));
        }
        if matches!(kind, LinkKind::FrontMatter { .. }) {
            for served in &site.statics {
                bases.push((served.clone(), served.clone()));
            }
        }
    }
    let candidates: Vec<PathBuf> = bases
        .iter()
        .filter_map(|(base, fence)| inside(base, relative, fence))
        .collect();
    if candidates.is_empty() {
        return Resolved::Escapes;
    }
    let mut tried = Vec::new();
    for candidate in candidates {
        if let Some(found) = existing(&candidate) {
            return Resolved::Found(found);
        }
        tried.push(candidate);
    }
    Resolved::Missing(tried)
}

/// What a relative link of a page in `dir` may not climb out of: the site root, or the
/// page's own folder when the page lies outside the site root.
fn relative_fence(dir: &Path, root: &Path) -> PathBuf {
    let root = normalize(root);
    if normalize(dir).starts_with(&root) {
        root
    } else {
        normalize(dir)
    }
}

/// `base` joined with `relative`, made lexically, if it stays inside `fence`.
fn inside(base: &Path, relative: &str, fence: &Path) -> Option<PathBuf> {
    let candidate = normalize(&base.join(relative));
    candidate.starts_with(normalize(fence)).then_some(candidate)
}

/// Whether the site-absolute path (without its leading `/`) is a generated page.
fn generated(relative: &str, site: &SiteDirs) -> bool {
    let first = relative.split('/').next().unwrap_or("");
    relative.is_empty()
        || GENERATED_FILES.contains(&relative)
        || site.generated.iter().any(|g| g == first)
}

/// The file `candidate` names, as Hugo would serve it: the file itself, a folder (its
/// index page if it has one), `x.md` for the page URL `x/`, `x.md` for `x.html`.
fn existing(candidate: &Path) -> Option<PathBuf> {
    if candidate.is_file() {
        return Some(candidate.to_path_buf());
    }
    if candidate.is_dir() {
        return Some(candidate.to_path_buf());
    }
    let with_ext = |ext: &str| {
        let text = candidate.to_str()?.trim_end_matches('/');
        let text = text.strip_suffix(".html").unwrap_or(text);
        let page = PathBuf::from(format!("{text}.{ext}"));
        page.is_file().then_some(page)
    };
    with_ext("md").or_else(|| with_ext("markdown"))
}

/// The Markdown page behind a found target, for anchor checks.
fn markdown_page(found: &Path) -> Option<PathBuf> {
    if found.is_dir() {
        return ["index.md", "_index.md", "index.markdown", "_index.markdown"]
            .iter()
            .map(|name| found.join(name))
            .find(|p| p.is_file());
    }
    let ext = found.extension()?.to_str()?;
    matches!(ext, "md" | "markdown").then(|| found.to_path_buf())
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || normalize(a) == normalize(b)
}

/// Whether `path`, every symbolic link on the way followed, lies inside `root`.
fn really_inside(path: &Path, root: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(path), Ok(root)) => path.starts_with(root),
        _ => false,
    }
}

/// `path` relative to `root`, `/`-separated, for messages.
fn display(path: &Path, root: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

fn missing_file(link: &Link, tried: &[PathBuf], site: &SiteDirs) -> Diagnostic {
    let what = link.kind.describe();
    let looked: Vec<String> = tried
        .iter()
        .take(4)
        .map(|p| format!("`{}`", display(p, &site.root)))
        .collect();
    Diagnostic::new(
        &codes::LINK_MISSING_FILE,
        link.span,
        format!("{what} target `{}` does not exist", link.url),
    )
    .with_label("no such file")
    .with_help(format!("looked for {}", looked.join(", ")))
}

/// The finding for a local path that climbs out of the site: it names no file, so that
/// nothing outside the site is revealed.
fn escapes_site(link: &Link) -> Diagnostic {
    let what = link.kind.describe();
    Diagnostic::new(
        &codes::LINK_MISSING_FILE,
        link.span,
        format!("{what} target `{}` leaves the site", link.url),
    )
    .with_label("outside the site")
    .with_help("a local link resolves only inside the site's root, `static/` and `content/` folders; too many `..`?")
}

/// The finding for a `#fragment` the page lacks. A "did you mean" compares the fragment
/// with every anchor of the page, which is paid from `budget` (shared by one page's
/// links); once it is spent the help is the general one.
fn missing_anchor(
    link: &Link,
    fragment: &str,
    page: Option<&str>,
    ids: &anchors::Anchors,
    budget: &mut usize,
) -> Diagnostic {
    let on = page.map_or_else(|| "this page".to_string(), |p| format!("`{p}`"));
    let near = if ids.len() <= *budget {
        *budget -= ids.len();
        crate::suggest::closest(fragment, ids.sorted().iter().map(String::as_str))
    } else {
        None
    };
    let diagnostic = Diagnostic::new(
        &codes::LINK_MISSING_ANCHOR,
        link.span,
        format!("`#{fragment}` is not a heading or anchor on {on}"),
    )
    .with_label("no such anchor");
    match near {
        Some(near) => diagnostic.with_help(format!("did you mean `#{near}`?")),
        None => diagnostic.with_help(
            "Hugo makes heading anchors from the heading text: lowercase, spaces as `-`, punctuation dropped; or set one with `{#id}`",
        ),
    }
}
