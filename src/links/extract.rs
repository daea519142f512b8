//! Links in the Markdown body: inline, reference-style and autolinked links and images,
//! bare URLs the way Hugo linkifies them ([`super::bare`]), and raw HTML `<a href>`,
//! `<img src>` and the URLs of `<img srcset>` and `<source srcset>` ([`super::html`]);
//! never anything inside code spans or code blocks.
//!
//! pulldown-cmark gives each link's event range and its decoded destination; the span of
//! the destination's SOURCE text is found by reading the source after the link text
//! (inline links) or after the `]:` of the definition (reference links), so `&amp;` in
//! the file is `&` in [`Link::url`] while the span still covers `&amp;`.

use super::{anchors, bare, html, Link, LinkKind};
use crate::tree::Span;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// Every link of the body, which starts at byte `body_start` of `text` (moved down to a
/// char boundary if it is not one).
pub fn body_links(text: &str, body_start: usize) -> Vec<Link> {
    let body_start = super::floor_boundary(text, body_start);
    let body = &text[body_start..];
    let mut out = Links {
        text,
        base: body_start,
        candidates: bare::Candidates::new(text, body_start..text.len()),
        links: Vec::new(),
        definitions: HashSet::new(),
    };
    let mut iter = Parser::new_ext(body, anchors::options()).into_offset_iter();
    // Open links and images: kind, range, destination and where their inner text ends.
    let mut open: Vec<OpenLink> = Vec::new();
    let mut code_blocks = 0usize;
    let mut html_run: Option<Range<usize>> = None;
    let mut text_run: Option<Range<usize>> = None;
    while let Some((event, range)) = iter.next() {
        let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
        if !is_html {
            if let Some(run) = html_run.take() {
                out.html(run);
            }
        }
        let in_text_run = matches!(
            event,
            Event::Text(_)
                | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
        );
        if !in_text_run {
            if let Some(run) = text_run.take() {
                out.bare(run);
            }
        }
        if let Some(link) = open.last_mut() {
            if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) {
                link.inner_end = link.inner_end.max(range.end);
            }
        }
        let image = matches!(event, Event::Start(Tag::Image { .. }));
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => code_blocks = code_blocks.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let definition = iter
                    .reference_definitions()
                    .get(&id)
                    .map(|def| def.span.clone());
                open.push(OpenLink {
                    image,
                    link_type,
                    dest: dest_url.to_string(),
                    range: range.clone(),
                    inner_end: range.start + if image { 2 } else { 1 },
                    definition,
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(link) = open.pop() {
                    out.link(link);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) if code_blocks == 0 => {
                html_run = Some(match html_run.take() {
                    Some(run) if run.end <= range.start => run.start..range.end,
                    Some(run) => {
                        out.html(run);
                        range
                    }
                    None => range,
                });
            }
            _ if in_text_run && code_blocks == 0 && open.is_empty() => {
                text_run = Some(match text_run.take() {
                    Some(run) => run.start..range.end.max(run.end),
                    None => range,
                });
            }
            _ => {}
        }
    }
    if let Some(run) = html_run {
        out.html(run);
    }
    if let Some(run) = text_run {
        out.bare(run);
    }
    out.links
}

/// A link or image whose end event has not come yet.
struct OpenLink {
    image: bool,
    link_type: LinkType,
    dest: String,
    /// The whole link in the body.
    range: Range<usize>,
    /// The end of the last event inside the link text (body offsets).
    inner_end: usize,
    /// For reference links: the definition's range in the body.
    definition: Option<Range<usize>>,
}

/// The links found so far, and the reference definitions already reported.
struct Links<'a> {
    text: &'a str,
    base: usize,
    /// Where bare URLs may start in the body.
    candidates: bare::Candidates,
    links: Vec<Link>,
    definitions: HashSet<usize>,
}

impl Links<'_> {
    fn push(&mut self, url: String, span: Range<usize>, image: bool) {
        let kind = if image {
            LinkKind::Image
        } else {
            LinkKind::Link
        };
        self.links.push(Link {
            url,
            span: Span::new(span.start, span.end),
            kind,
        });
    }

    fn link(&mut self, link: OpenLink) {
        let base = self.base;
        let range = link.range.start + base..link.range.end + base;
        match link.link_type {
            LinkType::Email | LinkType::WikiLink { .. } => {}
            LinkType::Autolink => {
                if range.end - range.start >= 2 {
                    self.push(link.dest, range.start + 1..range.end - 1, link.image);
                }
            }
            LinkType::Inline => {
                let span = inline_destination(self.text, link.inner_end + base, range.end)
                    .unwrap_or(range);
                self.push(link.dest, span, link.image);
            }
            _ => {
                let Some(def) = link.definition else { return };
                let def = def.start + base..def.end + base;
                // A definition used by many links is one target, reported once.
                if self.definitions.insert(def.start) {
                    let span = definition_destination(self.text, def.clone()).unwrap_or(def);
                    self.push(link.dest, span, link.image);
                }
            }
        }
    }

    /// `<a href>`, `<img src>` and every URL of `<img srcset>` and `<source srcset>` in
    /// raw HTML at body range `run`.
    fn html(&mut self, run: Range<usize>) {
        let start = run.start + self.base;
        let Some(source) = self.text.get(start..run.end + self.base) else {
            return;
        };
        for tag in html::start_tags(source) {
            let (single, image, set) = match tag.name.as_str() {
                "a" => (Some("href"), false, false),
                "img" => (Some("src"), true, true),
                "source" => (None, true, true),
                _ => continue,
            };
            if let Some(value) = single.and_then(|name| tag.attribute(name)) {
                let trimmed = trim_range(source, value.range.clone());
                self.push_html(start, source, trimmed, image);
            }
            if let Some(value) = tag.attribute("srcset").filter(|_| set) {
                for url in html::srcset(value.raw) {
                    let at = value.range.start;
                    self.push_html(start, source, at + url.start..at + url.end, image);
                }
            }
        }
    }

    /// The raw HTML URL at `range` of `source` (which starts at `start` in the file).
    fn push_html(&mut self, start: usize, source: &str, range: Range<usize>, image: bool) {
        let url = html::decode_entities(&source[range.clone()]);
        self.push(url, start + range.start..start + range.end, image);
    }

    /// Bare URLs in the text at body range `run`.
    fn bare(&mut self, run: Range<usize>) {
        let run = run.start + self.base..run.end + self.base;
        for (span, url) in bare::find(self.text, run, &self.candidates) {
            self.push(url, span, false);
        }
    }
}

/// `range` without leading and trailing ASCII whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text.as_bytes()[range.clone()];
    let lead = slice.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = slice[lead..]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    range.start + lead..range.end - trail
}

/// The destination of an inline link whose text ends at `after_text` (the `]`) and which
/// ends at `end`: the range inside `(`...`)`, without `<>` brackets or the title.
fn inline_destination(text: &str, after_text: usize, end: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let window = bytes.get(after_text..end)?;
    let open = window.windows(2).position(|w| w == b"](")? + after_text + 2;
    destination(text, open, end)
}

/// The destination of the reference definition `[label]: dest "title"` at `def`.
fn definition_destination(text: &str, def: Range<usize>) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let window = bytes.get(def.clone())?;
    let mut i = 0;
    // Find the `]:` that closes the label, stepping over backslash escapes.
    loop {
        match window.get(i)? {
            b'\\' => i += 2,
            b']' if window.get(i + 1) == Some(&b':') => break,
            _ => i += 1,
        }
    }
    destination(text, def.start + i + 2, def.end)
}

/// A link destination starting after optional whitespace at `from`, before `end`.
fn destination(text: &str, from: usize, end: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut line_start = false;
    while i < end {
        match bytes[i] {
            b' ' | b'\t' => {}
            b'\n' | b'\r' => line_start = true,
            // A block quote's marker on the continuation line.
            b'>' if line_start => {}
            _ => break,
        }
        i += 1;
    }
    if bytes.get(i) == Some(&b'<') {
        let close = bytes.get(i + 1..end)?.iter().position(|&b| b == b'>')?;
        return Some(i + 1..i + 1 + close);
    }
    let start = i;
    let mut depth = 0usize;
    while i < end {
        match bytes[i] {
            b'\\' if i + 1 < end && bytes[i + 1].is_ascii_punctuation() => i += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
            _ => {}
        }
        i += 1;
    }
    (i > start && text.is_char_boundary(i)).then_some(start..i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        let text = "[a](<x y> \"t\")";
        assert_eq!(
            &text[inline_destination(text, 2, text.len()).unwrap()],
            "x y"
        );
        let text = "[a](p(1)\\)q 't')";
        assert_eq!(
            &text[inline_destination(text, 2, text.len()).unwrap()],
            "p(1)\\)q"
        );
        let text = "[x\\]y]:\n  http://a.b/c 'title'";
        assert_eq!(
            &text[definition_destination(text, 0..text.len()).unwrap()],
            "http://a.b/c"
        );
    }
}
