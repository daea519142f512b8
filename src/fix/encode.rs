//! Writing a URL that comes from outside (a redirect target, from a server or the link
//! cache) into a file: parsed and serialised as a URL, then percent-encoded (or quoted)
//! by the rules of the place it goes, a front-matter string of its syntax or a Markdown
//! link of its kind. A URL that cannot stand there is not written at all.

use crate::parse::{self, Limits};
use crate::split::Format;
use crate::tree::{Span, Value};
use std::fmt::Write;
use std::ops::Range;

/// Characters a serialised URL may hold anywhere: unreserved, reserved and `%`.
const URL_CHARS: &str = "-._~:/?#[]@!$&'()*+,;=%";

/// Characters that end a bare URL when they are its last (Hugo drops them).
const TRAILING: &str = "?!.,:*_~;)";

/// Where the URL being replaced sits, which decides what may stand there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// A whole quoted front-matter scalar (written with escapes): a new quoted string.
    QuotedScalar,
    /// Between two `quote`s: a front-matter string, or an HTML attribute (`html`).
    InQuotes { quote: char, html: bool },
    /// A plain YAML scalar, maybe inside a flow collection.
    YamlPlain,
    /// An autolink, `<...>`.
    Angle,
    /// An inline link's destination, `(...)`.
    Destination,
    /// A bare URL or a reference definition's destination.
    Bare,
}

/// The text that writes `target` in place of the URL at `span` of `text`, or `None`
/// when it cannot be written there without changing what the file says. `front` is the
/// front matter's format and block, when the file has one that parses.
pub fn url_in_place(
    text: &str,
    front: Option<(Format, &Range<usize>)>,
    span: Span,
    target: &str,
) -> Option<String> {
    let place = place_of(text, front, span)?;
    let url = url::Url::parse(target).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let serialised = url.as_str();
    let tail_at = tail_start(serialised)?;
    let (head, tail) = serialised.split_at(tail_at);
    let extra = extra_encoded(place, tail);
    if head.chars().any(|c| !stands(c, &extra)) {
        return None;
    }
    let mut written = head.to_string();
    for c in tail.chars() {
        if stands(c, &extra) {
            written.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(written, "%{b:02X}");
            }
        }
    }
    if !url::Url::parse(&written).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        return None;
    }
    if place.decodes_entities() && has_entity(&written) {
        return None;
    }
    match place {
        Place::QuotedScalar => Some(format!("\"{written}\"")),
        Place::InQuotes { html: true, .. } => Some(written.replace('&', "&amp;")),
        Place::YamlPlain => reads_back_plain(&written).then_some(written),
        Place::Bare if written.ends_with(|c| TRAILING.contains(c)) => None,
        _ => Some(written),
    }
}

impl Place {
    /// Whether Markdown reads `&name;` here as a character, not as the text it is.
    fn decodes_entities(self) -> bool {
        matches!(self, Place::Destination | Place::Bare)
    }
}

/// Whether `s` holds something an HTML entity reference could be (`&amp;`, `&#38;`).
fn has_entity(s: &str) -> bool {
    s.match_indices('&')
        .any(|(i, _)| match s[i + 1..].split_once(';') {
            Some((name, _)) => {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
            }
            None => false,
        })
}

/// Where the URL at `span` sits; `None` when the span is not a URL as written (a whole
/// link, say) or the place is not one a URL is written in.
fn place_of(text: &str, front: Option<(Format, &Range<usize>)>, span: Span) -> Option<Place> {
    let written = text.get(span.start..span.end)?;
    let in_front = front.filter(|(_, block)| block.contains(&span.start));
    let first = written.chars().next()?;
    if in_front.is_some() && matches!(first, '"' | '\'') {
        return (written.len() >= 2 && written.ends_with(first)).then_some(Place::QuotedScalar);
    }
    let lower = written.get(..8).unwrap_or(written).to_ascii_lowercase();
    if !["http://", "https://", "www."]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    Some(match (before, after, in_front) {
        (Some(q @ ('"' | '\'')), Some(a), _) if a == q => Place::InQuotes {
            quote: q,
            html: in_front.is_none(),
        },
        (_, _, Some((Format::Yaml, _))) => Place::YamlPlain,
        (_, _, Some(_)) => return None,
        (Some('<'), Some('>'), None) => Place::Angle,
        (Some('('), _, None) => Place::Destination,
        _ => Place::Bare,
    })
}

/// Where the part after the scheme and authority starts in a serialised URL.
fn tail_start(url: &str) -> Option<usize> {
    let authority = url.find("://")? + 3;
    Some(
        url[authority..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| authority + i),
    )
}

/// The URL characters that cannot stand in `place` (for `tail`, the path onwards).
fn extra_encoded(place: Place, tail: &str) -> String {
    match place {
        Place::InQuotes { quote, .. } => quote.to_string(),
        Place::YamlPlain => ",[]{}'".to_string(),
        Place::Destination if !balanced(tail) => "()".to_string(),
        // An unquoted HTML attribute ends at a quote, and so may a bare URL.
        Place::Bare if !balanced(tail) => "()'".to_string(),
        Place::Bare => "'".to_string(),
        _ => String::new(),
    }
}

/// Whether `c` may stand unencoded, given the `extra` characters that may not.
fn stands(c: char, extra: &str) -> bool {
    (c.is_ascii_alphanumeric() || URL_CHARS.contains(c)) && !extra.contains(c)
}

/// Whether the parentheses of `s` pair up, as a Markdown destination needs them.
fn balanced(s: &str) -> bool {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// Whether `s` written bare in YAML reads back as itself, in a block and in a flow list.
fn reads_back_plain(s: &str) -> bool {
    ["k: {}\n", "k: [{}]\n"].iter().all(|layout| {
        let doc = layout.replace("{}", s);
        let Ok(root) = parse::yaml::parse(&doc, 0..doc.len(), &Limits::default()) else {
            return false;
        };
        let value = root.entry("k").map(|e| &e.value.value);
        match value {
            Some(Value::String(read)) => read == s,
            Some(Value::Seq(items)) => {
                matches!(items.as_slice(), [item] if item.value == Value::String(s.to_string()))
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The replacement for the URL `old` in `text`, by `target`.
    fn rewrite(text: &str, front: Option<Format>, old: &str, target: &str) -> Option<String> {
        let start = text.find(old).unwrap();
        let end = text.rfind("\n---\n").or(text.rfind("\n+++\n"));
        let block = 4..end.map_or(0, |i| i + 1);
        let span = Span::new(start, start + old.len());
        url_in_place(text, front.map(|f| (f, &block)), span, target)
    }

    const HOSTILE: &str = "https://x.org/a\"\n---\nevil: 1 ')]>`\\ ,{}&b";

    #[test]
    fn front_matter_strings_keep_their_quotes() {
        let yaml = Some(Format::Yaml);
        let double = "---\nu: \"http://a.org/\"\n---\n";
        let single = "---\nu: 'http://a.org/'\n---\n";
        let plain = "---\nu: [http://a.org/, b]\n---\n";
        // The URL parser drops newlines, turns `\` into `/` and encodes `"`, `>`, `` ` ``.
        let want = "https://x.org/a%22---evil:%201%20";
        let got = rewrite(double, yaml, "http://a.org/", HOSTILE).unwrap();
        assert_eq!(got, format!("{want}')]%3E%60/%20,%7B%7D&b"));
        let got = rewrite(single, yaml, "http://a.org/", HOSTILE).unwrap();
        assert_eq!(got, format!("{want}%27)]%3E%60/%20,%7B%7D&b"));
        let got = rewrite(plain, yaml, "http://a.org/", HOSTILE).unwrap();
        assert_eq!(got, format!("{want}%27)%5D%3E%60/%20%2C%7B%7D&b"));
        let toml = "+++\nu = \"\\u0068ttp://a.org/\"\n+++\n";
        let escaped = "\"\\u0068ttp://a.org/\"";
        let got = rewrite(toml, Some(Format::Toml), escaped, HOSTILE).unwrap();
        assert_eq!(got, format!("\"{want}')]%3E%60/%20,%7B%7D&b\""));
    }

    #[test]
    fn markdown_links_keep_their_syntax() {
        let destination = rewrite("[a](http://a.org/)", None, "http://a.org/", HOSTILE);
        assert_eq!(
            destination.unwrap(),
            "https://x.org/a%22---evil:%201%20'%29]%3E%60/%20,%7B%7D&b"
        );
        let balanced = rewrite(
            "[a](http://a.org/)",
            None,
            "http://a.org/",
            "http://b.org/(x)",
        );
        assert_eq!(balanced.unwrap(), "http://b.org/(x)");
        let angle = rewrite(
            "<http://a.org/>",
            None,
            "http://a.org/",
            "http://b.org/>x y",
        );
        assert_eq!(angle.unwrap(), "http://b.org/%3Ex%20y");
        let html = rewrite("<a href='http://a.org/'>", None, "http://a.org/", HOSTILE);
        assert!(html.unwrap().ends_with("%27)]%3E%60/%20,%7B%7D&amp;b"));
        let bare = rewrite(
            "see http://a.org/ now",
            None,
            "http://a.org/",
            "http://b.org/x.",
        );
        assert_eq!(bare, None, "a trailing dot would fall out of a bare URL");
        let unquoted = rewrite(
            "<a href=http://a.org/>",
            None,
            "http://a.org/",
            "http://b.org/'",
        );
        assert_eq!(unquoted.unwrap(), "http://b.org/%27");
        let entity = "http://b.org/?a=1&copy;";
        let inline = rewrite("[a](http://a.org/)", None, "http://a.org/", entity);
        assert_eq!(inline, None, "Markdown would read `&copy;` as a character");
        let plain = rewrite(
            "---\nu: http://a.org/\n---\n",
            Some(Format::Yaml),
            "http://a.org/",
            entity,
        );
        assert_eq!(plain.unwrap(), entity);
    }

    #[test]
    fn only_http_urls_in_a_url_place() {
        let text = "[a](http://a.org/)";
        for target in ["javascript:alert(1)", "file:///etc/passwd", "not a url", ""] {
            assert_eq!(
                rewrite(text, None, "http://a.org/", target),
                None,
                "{target}"
            );
        }
        let whole_link = "[a](http://a.org/)";
        let span = Span::new(0, whole_link.len());
        assert_eq!(url_in_place(whole_link, None, span, "http://b.org/"), None);
        let toml_bare = "+++\nu = 1\n+++\nhttp://a.org/";
        let block = 4..10;
        let span = Span::new(4, 5);
        let front = Some((Format::Toml, &block));
        assert_eq!(url_in_place(toml_bare, front, span, "http://b.org/"), None);
    }
}
