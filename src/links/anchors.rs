//! The anchors a Markdown page offers to `#fragment` links, as Hugo generates them.
//!
//! Hugo (Goldmark, `autoHeadingIDType = "github"`) gives each heading an id made from its
//! text: trimmed, each space or `-` becomes `-`, letters (any script, so Chinese stays),
//! digits and `_` are kept lowercased, everything else is dropped; an empty result is
//! `heading`; a repeat gets `-1`, `-2`, ... An explicit `{#id}` attribute is used as is.
//! Raw HTML `id="..."` and `<a name="...">` count too.
//!
//! Everything here is linear or n log n in the page: a repeated heading finds its suffix
//! from a counter kept per base id, and a page's anchors are sorted once.

use super::html;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The anchors of one page, sorted and without repeats: looked up by binary search and
/// offered in this order to "did you mean".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors(Vec<String>);

impl Anchors {
    /// Whether the page has the anchor `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.0
            .binary_search_by(|probe| probe.as_str().cmp(id))
            .is_ok()
    }

    /// Every anchor, sorted.
    pub fn sorted(&self) -> &[String] {
        &self.0
    }

    /// How many anchors the page has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the page has no anchor at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Heading ids handed out so far, and for each base id the next suffix to try.
#[derive(Default)]
struct Taken {
    ids: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Taken {
    /// `id` made unique the way Hugo does it: an empty id is `heading`; a repeat gets the
    /// first free `-1`, `-2`, ... Each base id remembers where its search stopped, so
    /// n repeats cost n steps in all, not n² (suffixes taken by other headings are
    /// stepped over once each).
    fn unique(&mut self, id: String) -> String {
        let id = if id.is_empty() { "heading".into() } else { id };
        if !self.ids.contains(&id) {
            return id;
        }
        let next = self.next.entry(id.clone()).or_insert(1);
        loop {
            let candidate = format!("{id}-{next}");
            *next += 1;
            if !self.ids.contains(&candidate) {
                return candidate;
            }
        }
    }

    fn insert(&mut self, id: String) {
        self.ids.insert(id);
    }
}

/// The Markdown extensions Hugo's default renderer enables, plus `{#id}` attributes.
pub fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Every anchor of the page whose body is `body`.
pub fn anchors(body: &str) -> Anchors {
    let mut ids = Taken::default();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(|id| id.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((explicit, text)) = heading.take() {
                    let id = match explicit {
                        Some(id) => id,
                        None => ids.unique(heading_id(&text)),
                    };
                    ids.insert(id);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, buffer)) = heading.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for tag in html::start_tags(&raw) {
                    for attribute in &tag.attributes {
                        let named_anchor = tag.name == "a" && attribute.name == "name";
                        if attribute.name == "id" || named_anchor {
                            ids.insert(html::decode_entities(attribute.raw));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut sorted: Vec<String> = ids.ids.into_iter().collect();
    sorted.sort_unstable();
    Anchors(sorted)
}

/// The id Hugo derives from a heading's text, before de-duplication.
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' || c == '-' {
            id.push('-');
        } else if c == '_' || c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        }
    }
    id
}

/// Whether `fragment` (percent-decoded) names a place on a page with `anchors`.
/// The empty fragment and `top` always do: browsers scroll to the top for them.
pub fn has(anchors: &Anchors, fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || anchors.contains(fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_step_over_suffixes_other_headings_took() {
        let body = "# A 1\n\n# X {#a-3}\n\n# A\n\n# A\n\n# A\n";
        let ids = anchors(body);
        assert_eq!(ids.sorted(), ["a", "a-1", "a-2", "a-3", "a-4"]);
    }

    #[test]
    fn hugo_heading_ids() {
        assert_eq!(heading_id("Hello, World!"), "hello-world");
        assert_eq!(heading_id("  A  B "), "a--b");
        assert_eq!(heading_id("Arm CEO：DeepSeek最终"), "arm-ceodeepseek最终");
        assert_eq!(heading_id("snake_case & C++"), "snake_case--c");
    }

    #[test]
    fn duplicates_explicit_ids_and_html() {
        let body = "# Intro\n\n## Intro\n\n## Intro\n\n## Custom {#my-id}\n\n### `code` *em*\n\n\
                    #\n\n<a name=\"old\"></a>\n\n<div id=\"box\">x</div>\n";
        let ids = anchors(body);
        for id in [
            "intro", "intro-1", "intro-2", "my-id", "code-em", "heading", "old", "box",
        ] {
            assert!(ids.contains(id), "{id} missing from {ids:?}");
        }
        assert!(!ids.contains("custom"));
        assert_eq!(ids.len(), 8);
        assert!(has(&ids, "") && has(&ids, "top") && !has(&ids, "nope"));
    }
}
