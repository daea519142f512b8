//! The cache file's content, parsed and checked entry by entry. The file is untrusted:
//! an entry is used only when every field is what fmlint itself writes (an http(s) key
//! and redirect targets that parse and print back unchanged, statuses of their kind, a
//! media type of token characters, a time not in the future); any other entry is
//! dropped and counted. A file that is not shaped like fmlint's cache is told apart from
//! one that is, so that it is never overwritten.

use super::super::fetch::{Redirect, Success};
use super::{Entry, VERSION};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The longest URL kept (a key or a redirect target).
const MAX_URL: usize = 8 * 1024;
/// The most redirects one entry may record.
const MAX_REDIRECTS: usize = 32;
/// The longest media type kept.
const MAX_MEDIA_TYPE: usize = 255;
/// How far in the future a check time may be (clocks differ between machines).
const CLOCK_SKEW: u64 = 86_400;

/// What the cache file holds.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// fmlint's cache of this version: the usable entries and how many were dropped.
    Entries {
        entries: BTreeMap<String, Entry>,
        dropped: usize,
    },
    /// fmlint's cache of another version: rewritten from scratch.
    OtherVersion(u64),
    /// Not fmlint's cache (why): never overwritten.
    Foreign(String),
}

/// Parse the bytes of a cache file, judging check times against `now` (seconds since
/// the Unix epoch).
pub fn parse(bytes: &[u8], now: u64) -> Parsed {
    let document: Value = match serde_json::from_slice(bytes) {
        Ok(document) => document,
        Err(e) => return Parsed::Foreign(format!("it is not JSON ({e})")),
    };
    let Some((version, entries)) = cache_shape(document) else {
        return Parsed::Foreign("it is not shaped like fmlint's link cache".into());
    };
    if version != u64::from(VERSION) {
        return Parsed::OtherVersion(version);
    }
    let mut kept = BTreeMap::new();
    let mut dropped = 0;
    for (key, value) in entries {
        match entry(&key, value, now) {
            Some(entry) => {
                kept.insert(key, entry);
            }
            None => dropped += 1,
        }
    }
    Parsed::Entries {
        entries: kept,
        dropped,
    }
}

/// The version and entries of a document shaped as fmlint writes its cache: an object
/// with exactly a numeric `version` and an object of `entries`.
fn cache_shape(document: Value) -> Option<(u64, Map<String, Value>)> {
    let Value::Object(mut object) = document else {
        return None;
    };
    let version = object.get("version")?.as_u64()?;
    let Some(Value::Object(entries)) = object.remove("entries") else {
        return None;
    };
    (object.len() == 1).then_some((version, entries))
}

/// One entry, if every part of it is valid.
fn entry(key: &str, value: Value, now: u64) -> Option<Entry> {
    let entry: Entry = serde_json::from_value(value).ok()?;
    let Success {
        status,
        content_type,
        redirects,
        ..
    } = &entry.answer;
    let valid = web_url(key)
        && entry.checked <= now.saturating_add(CLOCK_SKEW)
        && (200..400).contains(status)
        && content_type.as_deref().is_none_or(media_type)
        && redirects.len() <= MAX_REDIRECTS
        && redirects.iter().all(redirect);
    valid.then_some(entry)
}

fn redirect(hop: &Redirect) -> bool {
    (300..400).contains(&hop.status) && web_url(&hop.to)
}

/// An http(s) URL that `url` parses and writes back exactly as given, of a sane length.
fn web_url(text: &str) -> bool {
    text.len() <= MAX_URL
        && url::Url::parse(text)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.as_str() == text)
}

/// A lowercase media type as fmlint stores it: `type/subtype` of token characters.
fn media_type(text: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"!#$&^_.+-".contains(&b))
    };
    text.len() <= MAX_MEDIA_TYPE
        && text
            .split_once('/')
            .is_some_and(|(kind, sub)| token(kind) && token(sub))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn one(entry: &str) -> Parsed {
        let text = format!("{{\"version\": {VERSION}, \"entries\": {{{entry}}}}}");
        parse(text.as_bytes(), NOW)
    }

    fn kept(entry: &str) -> bool {
        match one(entry) {
            Parsed::Entries { entries, dropped } => {
                assert_eq!(entries.len() + dropped, 1, "{entry}");
                dropped == 0
            }
            other => panic!("{entry}: {other:?}"),
        }
    }

    const GOOD: &str = r#""https://a.example/x": {"checked": 1700000000, "status": 200, "content_type": "image/png", "redirects": [{"status": 301, "to": "https://b.example/y"}], "private": false}"#;

    #[test]
    fn a_written_entry_is_kept() {
        assert!(kept(GOOD));
    }

    #[test]
    fn every_bad_field_drops_the_entry() {
        for (from, to) in [
            ("https://a.example/x", "javascript:alert(1)"),
            ("https://a.example/x", "https://a.example/a b"),
            ("https://a.example/x", "HTTPS://a.example/x"),
            ("https://b.example/y", "javascript:alert(1)"),
            (
                "https://b.example/y",
                "https://b.example/y\\ninjected: true",
            ),
            ("https://b.example/y", "file:///etc/passwd"),
            ("\"status\": 200", "\"status\": 404"),
            ("\"status\": 301", "\"status\": 200"),
            ("image/png", "image/png\\u001b[31m"),
            ("image/png", "IMAGE/PNG"),
            ("image/png", "png"),
            ("1700000000", "1900000000"),
            ("\"private\": false", "\"private\": \"no\""),
        ] {
            let entry = GOOD.replace(from, to);
            assert_ne!(entry, GOOD, "{from}");
            assert!(!kept(&entry), "{entry}");
        }
        let long = format!("https://a.example/{}", "x".repeat(MAX_URL));
        assert!(!kept(&GOOD.replace("https://a.example/x", &long)));
    }

    #[test]
    fn drops_are_counted_and_the_rest_kept() {
        let bad = GOOD.replace("https://a.example/x", "ftp://a.example/x");
        match one(&format!("{GOOD}, {bad}")) {
            Parsed::Entries { entries, dropped } => {
                assert_eq!(entries.len(), 1);
                assert_eq!(dropped, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_documents_are_foreign_or_another_version() {
        for text in [
            "{not json",
            "[]",
            "{\"name\": \"my-site\", \"version\": \"1.0.0\"}",
            "{\"version\": 1}",
            "{\"version\": 1, \"entries\": 3}",
            "{\"version\": 1, \"entries\": {}, \"scripts\": {}}",
        ] {
            assert!(
                matches!(parse(text.as_bytes(), NOW), Parsed::Foreign(_)),
                "{text}"
            );
        }
        assert_eq!(
            parse(b"{\"version\": 99, \"entries\": {}}", NOW),
            Parsed::OtherVersion(99)
        );
    }
}
