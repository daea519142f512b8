//! Just enough HTML for links: the start tags of raw HTML in Markdown with their
//! attributes and the byte range of each attribute value, and character references
//! (`&amp;`, `&#38;`) decoded the way a browser reads an attribute.
//!
//! It is a scanner, not a parser: it never fails, skips comments, and every range it
//! returns lies on character boundaries of its input.

/// One attribute of a start tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Lowercased attribute name.
    pub name: String,
    /// The value as written (quotes excluded), and its byte range in the scanned text.
    pub raw: &'a str,
    pub range: std::ops::Range<usize>,
}

/// One start tag: its lowercased name and attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartTag<'a> {
    pub name: String,
    pub attributes: Vec<Attribute<'a>>,
}

impl<'a> StartTag<'a> {
    /// The first attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute<'a>> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// Every start tag in `html`, in order; comments and end tags are skipped.
pub fn start_tags(html: &str) -> Vec<StartTag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let name_end = i + bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'-')
            .unwrap_or(bytes.len() - i);
        if name_end == i || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = html[i..name_end].to_ascii_lowercase();
        let (attributes, end) = attributes(html, name_end);
        tags.push(StartTag { name, attributes });
        i = end;
    }
    tags
}

/// The attributes from `start` to the end of the tag, and where the tag ends.
fn attributes(html: &str, start: usize) -> (Vec<Attribute<'_>>, usize) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut i = start;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attributes, i),
            Some(b'>') => return (attributes, i + 1),
            Some(b'<') => return (attributes, i),
            Some(_) => {}
        }
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b'/' | b'<') {
            if bytes[i].is_ascii_whitespace() {
                break;
            }
            i += 1;
        }
        if i == name_start {
            // A stray `=`: step over it.
            i += 1;
            continue;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attributes.push(Attribute {
                name,
                raw: "",
                range: i..i,
            });
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (range, next) = match bytes.get(j) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = bytes[j + 1..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |p| j + 1 + p);
                (j + 1..end, (end + 1).min(bytes.len()))
            }
            _ => {
                let end = bytes[j..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .map_or(bytes.len(), |p| j + p);
                (j..end, end)
            }
        };
        attributes.push(Attribute {
            name,
            raw: &html[range.clone()],
            range,
        });
        i = next;
    }
}

/// The byte ranges of the URLs of a `srcset` attribute value, in order, read the way the
/// HTML standard parses a srcset: candidates are separated by commas; each is a URL (a
/// run of non-whitespace, in which a comma is part of the URL unless it ends it)
/// followed by optional descriptors (`2x`, `600w`), whose commas inside parentheses do not
/// end the candidate.
pub fn srcset(value: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = value.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return urls;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut end = i;
        while end > start && bytes[end - 1] == b',' {
            end -= 1;
        }
        if end > start {
            urls.push(start..end);
        }
        if end == i {
            i = after_descriptors(bytes, i);
        }
    }
}

/// Where the descriptors of a srcset candidate starting at `from` end: after the first
/// comma outside parentheses, or at the end of the value.
fn after_descriptors(bytes: &[u8], from: usize) -> usize {
    let mut in_parens = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'(' => in_parens = true,
            b')' => in_parens = false,
            b',' if !in_parens => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// `text` with HTML character references decoded (`&amp;`, `&#38;`, `&#x26;`, and the
/// common named ones); anything else, a bare `&` included, is kept as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity(rest) {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(1..)?.find(';')? + 1;
    if end > 32 {
        return None;
    }
    let body = &text[1..end];
    let ch = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "sol" => '/',
            "colon" => ':',
            "num" => '#',
            "quest" => '?',
            "equals" => '=',
            "percnt" => '%',
            "period" => '.',
            "lpar" => '(',
            "rpar" => ')',
            _ => return None,
        }
    };
    Some((ch, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attribute_ranges() {
        let html =
            r#"<!-- <a href="no"> --><A HREF="x?a=1&amp;b" class=c><img src='y.png' alt=z/></a>"#;
        let tags = start_tags(html);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].name, "a");
        let href = tags[0].attribute("href").unwrap();
        assert_eq!(&html[href.range.clone()], "x?a=1&amp;b");
        assert_eq!(tags[1].attribute("src").unwrap().raw, "y.png");
        assert_eq!(tags[1].attribute("alt").unwrap().raw, "z/");
    }

    #[test]
    fn srcset_candidates() {
        let urls = |value: &str| -> Vec<String> {
            srcset(value)
                .into_iter()
                .map(|r| value[r].to_string())
                .collect()
        };
        assert_eq!(urls("a.png"), ["a.png"]);
        assert_eq!(
            urls(" a.png 1x,b.png 2x ,  c.png"),
            ["a.png", "b.png", "c.png"]
        );
        assert_eq!(
            urls("a,b.png 1x, c.png,, d.png"),
            ["a,b.png", "c.png", "d.png"]
        );
        assert_eq!(urls("a.png (x, y) 1x, b.png"), ["a.png", "b.png"]);
        assert_eq!(urls("a.png,b.png"), ["a.png,b.png"]);
        assert_eq!(urls("a.png, b.png (unclosed, c.png"), ["a.png", "b.png"]);
        assert!(urls("").is_empty() && urls(" , ,").is_empty());
        assert_eq!(urls("é.png 1x, ü.png"), ["é.png", "ü.png"]);
    }

    #[test]
    fn unterminated_input_never_panics() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "<!--",
            "<a =x>",
            "<é>",
        ] {
            let _ = start_tags(html);
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#38;c&#x26;d&bogus;e&"),
            "a&b&c&d&bogus;e&"
        );
        assert_eq!(decode_entities("&#0;"), "&#0;");
    }
}
