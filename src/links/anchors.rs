//! The anchors a Markdown page offers to `#fragment` links, as Hugo generates them.
//!
//! Hugo (Goldmark, `autoHeadingIDType = "github"`) gives each heading an id made from its
//! text: trimmed, each space or `-` becomes `-`, letters (any script, so Chinese stays),
//! digits and `_` are kept lowercased, everything else is dropped; an empty result is
//! `heading`; a repeat gets `-1`, `-2`, ... An explicit `{#id}` attribute is used as is.
//! Raw HTML `id="..."` and `<a name="...">` count too.

use super::html;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

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
pub fn anchors(body: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
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
                        None => unique(&ids, heading_id(&text)),
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
    ids
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

/// `id` made unique among `taken` the way Hugo does it.
fn unique(taken: &HashSet<String>, id: String) -> String {
    let id = if id.is_empty() { "heading".into() } else { id };
    if !taken.contains(&id) {
        return id;
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(id)
}

/// Whether `fragment` (percent-decoded) names a place on a page with `anchors`.
/// The empty fragment and `top` always do: browsers scroll to the top for them.
pub fn has(anchors: &HashSet<String>, fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || anchors.contains(fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(has(&ids, "") && has(&ids, "top") && !has(&ids, "nope"));
    }
}
