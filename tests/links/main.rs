//! Link checking through the library API (`fmlint::links`): extraction, local targets,
//! and remote checks against an in-process HTTP server on 127.0.0.1 (no internet).

mod addresses;
mod cache;
mod extract;
mod fix;
mod hostile;
mod hostile_fix;
mod local;
mod remote;
mod server;
mod suppressions;

use fmlint::config::{Config, LinksConfig};
use fmlint::links::{self, Link, RemoteOptions, RemoteRequest};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `[links]` with `extra` settings, as the config file would give it.
pub fn links_config(extra: &str) -> LinksConfig {
    Config::parse(&format!("[links]\n{extra}"), PathBuf::from("/site"), None)
        .expect("config parses")
        .links
}

/// Remote options for tests: short timeouts and backoffs, the cache in `cache`, and
/// loopback allowed (the test server lives there).
pub fn options(cache: &Path) -> RemoteOptions {
    let mut options = RemoteOptions::from_config(&links_config(""));
    options.cache = cache.to_path_buf();
    options.policy.allow_private = true;
    options.fetch.timeout = Duration::from_millis(300);
    options.fetch.backoff = Duration::from_millis(20);
    options.fetch.retry_after_cap = Duration::from_millis(200);
    options.budget = Duration::from_secs(20);
    options
}

/// The links of a Markdown `text` (body only).
pub fn body_links(text: &str) -> Vec<Link> {
    links::collect(text, links::body_start(text), None, None, &links_config(""))
}

/// Remote requests for every link of `text`, as file number `file`.
pub fn requests(file: usize, text: &str) -> Vec<RemoteRequest> {
    body_links(text)
        .into_iter()
        .map(|link| RemoteRequest { file, link })
        .collect()
}

/// The source text a span covers.
pub fn at(text: &str, link: &Link) -> String {
    text[link.span.start..link.span.end].to_string()
}
