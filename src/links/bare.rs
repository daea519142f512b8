//! Bare URLs in text, linkified the way Hugo's Markdown renderer (Goldmark's linkify
//! extension) does it, so fmlint checks exactly the bare URLs a reader can click.
//!
//! The rules, restated: a URL starts at a line head or after whitespace or one of `*_~(`;
//! it is `http://`, `https://` (or `www.`, which gets `http://`) followed by a host with a
//! dot and an ASCII path; a trailing `.`, unbalanced `)` or `&entity;` is dropped (one
//! of them: `(https://a.b/c).` links `https://a.b/c)`, as Hugo does), then trailing
//! `?!.,:*_~`. CJK text ends a URL: the path is ASCII only. `ftp://` and e-mail
//! addresses are linkified by Hugo too, but are not checked, so they are not collected.

use regex_lite::Regex;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// Path characters after the host (Goldmark's class).
const PATH: &str = r#"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'">^{}\[\]`]*)?"#;

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern =
            format!(r"^(?:http|https)://[-a-zA-Z0-9@:%._+~#=]{{1,256}}\.[a-z]+(?::\d+)?{PATH}");
        Regex::new(&pattern).unwrap_or_else(|_| unreachable_regex())
    })
}

fn www_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(r"^www\.[-a-zA-Z0-9@:%._+~#=]{{1,256}}\.[a-z]+{PATH}");
        Regex::new(&pattern).unwrap_or_else(|_| unreachable_regex())
    })
}

/// A regex that matches nothing: the constant patterns above always compile (a unit test
/// proves it), so this only keeps the code free of `unwrap`.
fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a trivial regex compiles"))
}

/// Where a bare URL could start in a body, in order: the `http`/`https` before each
/// `://`, and each `www.`. Found once per body with a vectorised substring search (text
/// without URLs costs a fraction of an instruction per byte), then consulted for each of
/// the body's many text runs.
pub struct Candidates(Vec<usize>);

impl Candidates {
    /// The candidates in `text[range]`, as offsets in `text`.
    pub fn new(text: &str, range: Range<usize>) -> Self {
        use memchr::memmem::Finder;
        // Built once per process: building a finder costs more than a short search.
        static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"://"));
        static WWW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"www."));
        let hay = &text.as_bytes()[range.clone()];
        let schemes = SCHEME.find_iter(hay).filter_map(|at| {
            if hay[..at].ends_with(b"https") {
                Some(at - 5)
            } else if hay[..at].ends_with(b"http") {
                Some(at - 4)
            } else {
                None
            }
        });
        let mut all: Vec<usize> = schemes
            .chain(WWW.find_iter(hay))
            .map(|at| at + range.start)
            .collect();
        all.sort_unstable();
        Candidates(all)
    }

    /// The candidates that start inside `range`.
    fn within(&self, range: &Range<usize>) -> &[usize] {
        let from = self.0.partition_point(|&at| at < range.start);
        let to = self.0.partition_point(|&at| at < range.end);
        &self.0[from..to]
    }
}

/// The bare URLs in `text[range]`: their byte ranges in `text` and the URL to request.
/// `candidates` were found in a range of `text` that covers `range`.
pub fn find(
    text: &str,
    range: Range<usize>,
    candidates: &Candidates,
) -> Vec<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // No URL starts inside the previous one.
    let mut next = range.start;
    for &start in candidates.within(&range) {
        let after_boundary = start == 0
            || matches!(
                bytes[start - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | b'~' | b'('
            );
        if start < next || !after_boundary {
            continue;
        }
        if let Some(len) = match_at(&text[start..range.end]) {
            let source = &text[start..start + len];
            let url = if source.starts_with("www.") {
                format!("http://{}", super::html::decode_entities(source))
            } else {
                super::html::decode_entities(source)
            };
            found.push((start..start + len, url));
            next = start + len;
        }
    }
    found
}

/// The length of the bare URL starting `text`, if one does.
fn match_at(text: &str) -> Option<usize> {
    let regex = if text.starts_with("http://") || text.starts_with("https://") {
        url_regex()
    } else if text.starts_with("www.") {
        www_regex()
    } else {
        return None;
    };
    let m = regex.find(text)?;
    let bytes = text.as_bytes();
    let mut end = m.end();
    match bytes.get(end.checked_sub(1)?) {
        Some(b'.') => end -= 1,
        Some(b')') => {
            let balance: isize = bytes[..end]
                .iter()
                .map(|b| match b {
                    b')' => 1,
                    b'(' => -1,
                    _ => 0,
                })
                .sum();
            if balance > 0 {
                end -= balance.unsigned_abs();
            }
        }
        Some(b';') => {
            let word = bytes[..end - 1]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if word > 0 && end >= word + 2 && bytes[end - 2 - word] == b'&' {
                end -= word + 2;
            }
        }
        _ => {}
    }
    while end > 1
        && matches!(
            bytes[end - 1],
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~'
        )
    {
        end -= 1;
    }
    // The host must survive trimming: `http://a.` is not a URL.
    let host_start = if text.starts_with("www.") {
        0
    } else {
        text.find("://")? + 3
    };
    text[host_start..end].contains('.').then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all(text: &str, range: Range<usize>) -> Vec<(Range<usize>, String)> {
        find(text, range, &Candidates::new(text, 0..text.len()))
    }

    fn urls(text: &str) -> Vec<(&str, String)> {
        find_all(text, 0..text.len())
            .into_iter()
            .map(|(r, url)| (&text[r], url))
            .collect()
    }

    #[test]
    fn patterns_compile() {
        assert!(url_regex().is_match("http://a.b"));
        assert!(www_regex().is_match("www.a.b"));
    }

    #[test]
    fn goldmark_rules() {
        assert_eq!(
            urls("see https://a.com/x. and (https://b.org/y) www.c.net!"),
            [
                ("https://a.com/x", "https://a.com/x".to_string()),
                ("https://b.org/y", "https://b.org/y".to_string()),
                ("www.c.net", "http://www.c.net".to_string()),
            ]
        );
        assert_eq!(
            urls("https://w.org/Foo_(bar)")[0].0,
            "https://w.org/Foo_(bar)"
        );
        assert_eq!(urls("x https://a.com/?q=1&amp;")[0].0, "https://a.com/?q=1");
        assert_eq!(
            urls("x https://a.com/?a=1&amp;b=2 y")[0].1,
            "https://a.com/?a=1&b=2"
        );
    }

    #[test]
    fn nested_candidates_and_range_edges() {
        assert_eq!(
            urls("https://www.a.com/x www.b.org/https://c.net"),
            [
                ("https://www.a.com/x", "https://www.a.com/x".to_string()),
                (
                    "www.b.org/https://c.net",
                    "http://www.b.org/https://c.net".to_string()
                ),
            ]
        );
        assert!(urls("shttps://a.com xwww.a.com").is_empty());
        assert_eq!(urls("http://a (https://b.com)")[0].0, "https://b.com");
        let text = "xx https://a.com/p yy";
        assert!(
            find_all(text, 3..12).is_empty(),
            "`https://a` has no dot in its host"
        );
        assert_eq!(
            find_all(text, 3..16),
            [(3..16, "https://a.com".to_string())]
        );
        // Candidates are found in the whole text; a run sees only those inside it.
        assert!(find_all("https://a.com/x", 1..15).is_empty());
        assert!(find_all("xhttps://a.com/x", 1..16).is_empty());
        assert_eq!(find_all("xhttps://a.com/x", 2..16), []);
    }

    #[test]
    fn cjk_ends_a_url_and_must_not_precede_it() {
        assert_eq!(urls("看 https://a.com/x中文")[0].0, "https://a.com/x");
        assert!(urls("中文https://a.com/x").is_empty());
        assert!(urls("xhttps://a.com").is_empty());
        assert!(urls("http://localhost/").is_empty());
    }
}
