//! The `bcp47` format.
//!
//! [`is_bcp47`] accepts a *well-formed* language tag (RFC 5646 §2.2.9) using
//! `oxilangtag`: `zh-CN`, `en`, `zh-Hans-CN`, `x-private`, `i-klingon`. Tags
//! are case-insensitive (RFC 5646 §2.1.1), so `ZH-cn` and `I-KLINGON` are
//! accepted as written. Subtags are not checked against the IANA registry, so
//! well-formed but unregistered tags such as `qaa`, `xx` or `english` (a 5–8
//! letter primary subtag is allowed by the grammar) pass. No trimming: ` en` is
//! rejected, as are `zh_CN` and the empty string.

use oxilangtag::LanguageTag;

/// Whether `s` is a well-formed BCP 47 (RFC 5646) language tag (format
/// `bcp47`). Case-insensitive; not checked against the IANA registry.
pub fn is_bcp47(s: &str) -> bool {
    LanguageTag::parse(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcp47() {
        for s in [
            "zh-CN",
            "en",
            "en-US",
            "zh-Hans-CN",
            "x-private",
            "i-klingon",
            "ZH-cn", // case-insensitive per RFC 5646
            "EN-us",
            "I-KLINGON",
            "X-PRIVATE",
            "de-DE-1996",
            "sgn-BE-FR",
            "es-419",
            "en-US-u-ca-gregory",
            "en-a-bbb-x-a-ccc",
            "zh-yue-HK",
            "qaa",     // well-formed, private-use range
            "english", // 5-8 letters is a well-formed primary subtag
        ] {
            assert!(is_bcp47(s), "{s:?}");
        }
        for s in [
            "zh_CN",
            "",
            "english-language-tag-too-long",
            "en-",
            "-en",
            " en",
            "en ",
            "a",
            "englishxx",
            "en-x",
            "en-a-x",
            "en-US-US",
            "en-aaa-bbb-ccc-ddd",
            "ÉN",
            "日本語",
            "en\u{0}",
        ] {
            assert!(!is_bcp47(s), "{s:?}");
        }
        assert!(!is_bcp47(&"a".repeat(1 << 20)));
        assert!(!is_bcp47(&"en-".repeat(1 << 18)));
    }
}
