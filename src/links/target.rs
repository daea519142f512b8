//! What a link points at: a remote http(s) URL (normalised, fragment split off), a local
//! path with an optional fragment, a fragment of the same page, or something fmlint does
//! not check (`mailto:`, `tel:`, `data:`, templates, ...).
//!
//! Normalisation is the `url` crate's (scheme and host lowercased, default ports and dot
//! segments removed, IDNA applied), so one server resource has one key however it is
//! spelled; the fragment is never part of a request.

use percent_encoding::percent_decode_str;

/// A classified link target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An http or https URL: `url` has no fragment and is the request and cache key.
    Remote { url: url::Url },
    /// An http(s) URL that does not parse.
    Invalid { reason: String },
    /// A path on the site: percent-decoded, query dropped; `absolute` when it starts
    /// with `/` (site-absolute).
    Local {
        path: String,
        absolute: bool,
        fragment: Option<String>,
    },
    /// `#fragment` alone: a place on the same page.
    Fragment(String),
    /// Not checked: another scheme, or a Hugo template or shortcode.
    Ignored,
}

/// Which phase checks a link: the one decision both phases take from [`class`], so no
/// link falls between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A path on the site or a `#fragment`: the local phase.
    Local,
    /// `http:`, `https:`, or protocol-relative `//host/...` (requested as `https:`): the
    /// remote phase.
    Remote,
    /// `mailto:`: not checked.
    Mail,
    /// Another scheme, an empty URL or a Hugo template: not checked.
    Skipped,
}

/// The class of the link URL `url` (entities already decoded).
pub fn class(url: &str) -> Class {
    let url = url.trim();
    if url.is_empty() || url.contains("{{") {
        return Class::Skipped;
    }
    if url.starts_with("//") {
        return Class::Remote;
    }
    match scheme(url) {
        None => Class::Local,
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            Class::Remote
        }
        Some(s) if s.eq_ignore_ascii_case("mailto") => Class::Mail,
        Some(_) => Class::Skipped,
    }
}

/// Classify the link URL `url` (entities already decoded).
pub fn classify(url: &str) -> Target {
    classify_with(url, remote)
}

/// Classify `url` for the local phase, which leaves http(s) URLs to the remote phase:
/// those come back as [`Target::Ignored`] without the cost of parsing them.
pub fn classify_local(url: &str) -> Target {
    classify_with(url, |_| Target::Ignored)
}

/// [`classify`], with `remote` deciding what a [`Class::Remote`] URL is.
fn classify_with(url: &str, remote: impl Fn(&str) -> Target) -> Target {
    let url = url.trim();
    match class(url) {
        Class::Remote => {
            return match url.strip_prefix("//") {
                Some(rest) => remote(&format!("https://{rest}")),
                None => remote(url),
            }
        }
        Class::Mail | Class::Skipped => return Target::Ignored,
        Class::Local => {}
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(decode(fragment))),
        None => (url, None),
    };
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(path, _)| path);
    if path.is_empty() {
        return match fragment {
            Some(fragment) => Target::Fragment(fragment),
            // `?query` alone: the same page.
            None => Target::Ignored,
        };
    }
    Target::Local {
        path: decode(path),
        absolute: path.starts_with('/'),
        fragment,
    }
}

/// The scheme of `url` if it starts with one (`mailto:`, `https:`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

fn remote(text: &str) -> Target {
    match url::Url::parse(text) {
        Ok(mut url) if url.host_str().is_some_and(|h| !h.is_empty()) => {
            url.set_fragment(None);
            Target::Remote { url }
        }
        Ok(_) => Target::Invalid {
            reason: "it has no host".into(),
        },
        Err(e) => Target::Invalid {
            reason: e.to_string(),
        },
    }
}

/// Percent-decode `text`; invalid UTF-8 after decoding keeps the text as written.
pub fn decode(text: &str) -> String {
    percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(url: &str) -> String {
        match classify(url) {
            Target::Remote { url } => url.to_string(),
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn remote_urls_normalise() {
        assert_eq!(
            key("HTTPS://Example.COM:443/a/../b#frag"),
            "https://example.com/b"
        );
        assert_eq!(key("http://example.com:80"), "http://example.com/");
        assert_eq!(
            key("//cdn.example.com/x.png"),
            "https://cdn.example.com/x.png"
        );
        assert!(matches!(classify("http://"), Target::Invalid { .. }));
        assert!(matches!(
            classify("https://exa mple.com/"),
            Target::Invalid { .. }
        ));
    }

    #[test]
    fn one_class_per_link() {
        for (url, expected) in [
            ("//cdn.example/x.png", Class::Remote),
            ("HTTPS://a.example", Class::Remote),
            (" http://a.example ", Class::Remote),
            ("mailto:a@b.c", Class::Mail),
            ("tel:+1", Class::Skipped),
            ("{{ .Permalink }}", Class::Skipped),
            ("", Class::Skipped),
            ("/a/b", Class::Local),
            ("../a.md#x", Class::Local),
            ("#x", Class::Local),
            ("a:b/c", Class::Skipped),
        ] {
            assert_eq!(class(url), expected, "{url}");
        }
    }

    #[test]
    fn other_schemes_and_templates_are_ignored() {
        for url in [
            "mailto:a@b.c",
            "tel:+123",
            "data:image/png;base64,xx",
            "ftp://a.b/",
            "javascript:void(0)",
            "{{< ref \"x\" >}}",
            "?page=2",
        ] {
            assert_eq!(classify(url), Target::Ignored, "{url}");
        }
    }

    #[test]
    fn local_paths_and_fragments() {
        assert_eq!(
            classify("../img/my%20pic.png?v=2#top"),
            Target::Local {
                path: "../img/my pic.png".into(),
                absolute: false,
                fragment: Some("top".into())
            }
        );
        assert_eq!(
            classify("/images/x.png"),
            Target::Local {
                path: "/images/x.png".into(),
                absolute: true,
                fragment: None
            }
        );
        assert_eq!(classify("#%E4%B8%AD"), Target::Fragment("中".into()));
        for url in [
            "https://a.example/x",
            "//a.example/x",
            "HTTP://a",
            "http://",
        ] {
            assert_eq!(classify_local(url), Target::Ignored, "{url}");
        }
        assert_eq!(classify_local("#top"), classify("#top"));
        assert_eq!(classify_local("../a.md#x"), classify("../a.md#x"));
    }
}
