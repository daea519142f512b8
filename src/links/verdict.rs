//! From a URL's [`Answer`] to the finding for one use of it: `link/broken` (error),
//! `link/unreachable` (warning, error when strict), `link/redirected` (warning with an
//! unsafe fix rewriting the URL span to the permanent target), or nothing. Images must
//! answer with an image: an HTML page where an image is expected is `link/broken`.

use super::fetch::{Answer, Success};
use super::Link;
use crate::codes;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};

/// The finding for `link` given the answer for its URL, if there is one to report.
pub fn diagnose(link: &Link, answer: &Answer, strict: bool) -> Option<Diagnostic> {
    let what = link.kind.describe();
    match answer {
        Answer::Ok(success) => ok(link, success),
        Answer::Broken { reason, redirects } => {
            let diagnostic = Diagnostic::new(
                &codes::LINK_BROKEN,
                link.span,
                format!("{what} `{}` is broken: {reason}", link.url),
            )
            .with_label(format!("broken {}", noun(link)));
            Some(match redirects.last() {
                Some(_) => {
                    let hops: Vec<&str> = redirects.iter().map(|r| r.to.as_str()).collect();
                    diagnostic.with_help(format!("it redirects to {}", hops.join(" -> ")))
                }
                None => diagnostic,
            })
        }
        Answer::Unreachable { reason } => {
            let mut diagnostic = Diagnostic::new(
                &codes::LINK_UNREACHABLE,
                link.span,
                format!("{what} `{}` could not be checked: {reason}", link.url),
            )
            .with_label("unreachable")
            .with_help("this may be transient, so it is a warning unless links are strict (`links.strict`)");
            if strict {
                diagnostic.severity = Severity::Error;
            }
            Some(diagnostic)
        }
        Answer::Blocked { .. } => None,
    }
}

fn noun(link: &Link) -> &'static str {
    if link.kind.is_image() {
        "image"
    } else {
        "link"
    }
}

/// Whether a media type can be an image (some servers label images as bytes).
pub fn image_like(media_type: &str) -> bool {
    media_type.starts_with("image/")
        || media_type == "application/octet-stream"
        || media_type == "binary/octet-stream"
}

fn ok(link: &Link, success: &Success) -> Option<Diagnostic> {
    let what = link.kind.describe();
    if link.kind.is_image() {
        if let Some(found) = success.content_type.as_deref().filter(|t| !image_like(t)) {
            let page = if found == "text/html" {
                " (an HTML page, not an image)"
            } else {
                ""
            };
            return Some(
                Diagnostic::new(
                    &codes::LINK_BROKEN,
                    link.span,
                    format!(
                        "{what} `{}` is not an image: it answers with `{found}`{page}",
                        link.url
                    ),
                )
                .with_label("not an image")
                .with_help("point it at the image file itself"),
            );
        }
    }
    let permanent = success
        .redirects
        .iter()
        .take_while(|r| matches!(r.status, 301 | 308))
        .count();
    let last = success.redirects.get(permanent.checked_sub(1)?)?;
    let mut target = last.to.clone();
    if let Some((_, fragment)) = link.url.split_once('#') {
        if !target.contains('#') {
            target = format!("{target}#{fragment}");
        }
    }
    let statuses: Vec<String> = success.redirects[..permanent]
        .iter()
        .map(|r| r.status.to_string())
        .collect();
    Some(
        Diagnostic::new(
            &codes::LINK_REDIRECTED,
            link.span,
            format!(
                "{what} `{}` permanently redirects ({}) to `{target}`",
                link.url,
                statuses.join(", ")
            ),
        )
        .with_label("permanent redirect")
        .with_help(format!("link to `{target}` directly"))
        // The target as the server (or the cache) gave it: the run encodes it for the
        // place the URL is written in before offering or applying the fix.
        .with_fix(Fix::replace(
            Applicability::Unsafe,
            format!("rewrite the URL to `{target}`"),
            link.span,
            target.clone(),
        )),
    )
}
