//! Link checking: every link, image and front-matter URL a page points to, checked once
//! per run, politely, with the answers remembered.
//!
//! The module keeps one invariant: every [`Link`] carries the exact byte span of its URL
//! text in the ORIGINAL file (BOM and front matter included), so a finding points at the
//! URL and a redirect fix rewrites exactly those bytes.
//!
//! # The API, in the order a run uses it
//!
//! 1. [`collect`] (per file, on worker threads, pure): every link of one file, from the
//!    body ([`extract`]: inline, reference, autolinks, Hugo's bare-URL linkify, raw HTML
//!    `<a href>`, `<img src>`, `<img srcset>` and `<source srcset>`, never inside code)
//!    and the front matter ([`fields`]: schema `format: uri`/`uri-reference` fields and
//!    `links.fields`).
//! 2. [`check_local`] (per file, on worker threads): relative and site-absolute paths,
//!    page bundles and `#fragment`s against Hugo's heading anchors ([`local`], [`anchors`]).
//! 3. [`check_remote`] (once per run, after all files): every distinct http(s) URL
//!    requested once, under the address [`policy`], with the [`cache`]; [`remote`] owns the
//!    tokio runtime, [`fetch`] one URL, [`verdict`] turns answers into diagnostics.
//!
//! [`body_start`] finds where the body begins when the caller has not split the file.
//!
//! # Wiring it into a run
//!
//! - Once per run: `LocalRoots::new(&config.links, &config.root)` (shared by the workers)
//!   and `RemoteOptions::from_config(&config.links)`, then set `offline`, `no_cache`,
//!   `policy.allow_private |= --allow-private` and `strict |= --strict-links`.
//! - Per file: `let body = body_start(text)`; `collect(text, body, root, Some(&schema.url_fields),
//!   &config.links)` (`root` is `None` when the front matter is missing or unreadable; body
//!   links are still collected); `check_local(absolute_path, text, body, &links, &roots)`;
//!   keep the links for phase 2.
//! - After all files: `check_remote(requests, &options, progress)` with every link tagged
//!   with its file's index (links that are not http(s) are ignored there), `progress` true
//!   only on a terminal in human format. It must not be called inside a tokio runtime.

pub mod anchors;
pub mod bare;
pub mod cache;
pub mod extract;
pub mod fetch;
pub mod fields;
pub mod html;
pub mod local;
pub mod policy;
mod registry;
pub mod remote;
pub mod target;
pub mod verdict;

use crate::config::{LinkCheck, LinksConfig};
use crate::tree::{Node, Span};

pub use fields::UrlFields;
pub use local::{check_local, LocalRoots};
pub use policy::AddressPolicy;
pub use remote::{check_remote, RemoteOptions, RemoteRequest, RemoteSummary};

/// One link target found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The URL as it is requested or resolved: entities and backslash escapes decoded,
    /// `www.` bare links given their `http://` scheme.
    pub url: String,
    /// The byte range of the URL text as written in the original file (inside quotes or
    /// angle brackets, never including them).
    pub span: Span,
    pub kind: LinkKind,
}

impl Link {
    /// Which phase checks this link (local, remote, or neither): [`target::class`] of its
    /// URL, the one classification both phases use.
    pub fn class(&self) -> target::Class {
        target::class(&self.url)
    }
}

/// Where a link was found, which decides how it is judged (images must be images).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A body link: inline, reference, autolink, bare URL or `<a href>`.
    Link,
    /// A body image: `![alt](url)` or `<img src>`.
    Image,
    /// A front-matter field: `field` is its dotted path (`thumbnail.src`, `images.0`);
    /// `image` tells whether the field names an image (thumbnail, cover, ...).
    FrontMatter { field: String, image: bool },
}

impl LinkKind {
    /// Whether the target must answer with an `image/*` content type.
    pub fn is_image(&self) -> bool {
        match self {
            LinkKind::Link => false,
            LinkKind::Image => true,
            LinkKind::FrontMatter { image, .. } => *image,
        }
    }

    /// "link", "image" or "front-matter field `x`", for messages.
    pub fn describe(&self) -> String {
        match self {
            LinkKind::Link => "link".into(),
            LinkKind::Image => "image".into(),
            LinkKind::FrontMatter { field, .. } => format!("`{field}`"),
        }
    }
}

/// Every link of one file, sorted by offset, one entry per span.
///
/// `text` is the whole file, `body_start` the offset just after the front matter's closing
/// delimiter line (0 if there is none; see [`body_start`]), `root` the parsed front matter
/// and `url_fields` the URL fields of the schema that applied to it. With `links.check = "none"`
/// nothing is collected.
pub fn collect(
    text: &str,
    body_start: usize,
    root: Option<&Node>,
    url_fields: Option<&fields::UrlFields>,
    config: &LinksConfig,
) -> Vec<Link> {
    if config.check == LinkCheck::None {
        return Vec::new();
    }
    let mut links = match root {
        Some(root) => fields::collect(text, root, url_fields, &config.fields),
        None => Vec::new(),
    };
    let body_start = floor_boundary(text, body_start);
    links.extend(extract::body_links(text, body_start));
    links.retain(|l| !l.url.trim().is_empty());
    links.sort_by_key(|l| (l.span.start, l.span.end));
    links.dedup_by(|a, b| a.span == b.span);
    links
}

/// The offset where the body of `text` starts: just after the line closing the front
/// matter, or where a JSON front matter object ends; 0 without front matter, and the end
/// of the text when the front matter never closes.
pub fn body_start(text: &str) -> usize {
    use crate::split::{split, Format, Split};
    match split(text) {
        Split::None => 0,
        Split::Unterminated { .. } => text.len(),
        Split::Block {
            format: Format::Json,
            block,
            ..
        } => crate::parse::json::parse(text, block.start, &crate::parse::Limits::default())
            .map_or(text.len(), |(_, end)| end),
        Split::Block { format, block, .. } => body_after(text, format, &block),
    }
}

/// [`body_start`] for front matter already read: `block` is its content (for JSON the
/// whole object, as the parser found its end).
pub fn body_after(
    text: &str,
    format: crate::split::Format,
    block: &std::ops::Range<usize>,
) -> usize {
    if format == crate::split::Format::Json {
        return block.end;
    }
    crate::line_index::next_line_start(text.as_bytes(), block.end)
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_start_after_each_front_matter_kind() {
        assert_eq!(body_start("no front matter"), 0);
        assert_eq!(body_start("---\na: 1\n---\nbody"), 13);
        assert_eq!(body_start("---\r\na: 1\r\n---\r\nbody"), 16);
        assert_eq!(body_start("+++\na = 1\n+++"), 13);
        assert_eq!(body_start("{\"a\": 1}\nbody"), 8);
        assert_eq!(body_start("---\na: 1\n"), 9);
    }
}
