//! The small cases, one fixture file each under `tests/fixtures/adversarial`.

use crate::{check_fixture, spanned};

/// The case's codes, and the text each diagnostic's span covers (lossy UTF-8).
fn found(name: &str) -> Vec<(String, String)> {
    let outcome = check_fixture(name);
    outcome
        .case
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                String::from_utf8_lossy(&spanned(name, d)).into_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect()
}

#[test]
fn alias_bombs_of_every_shape_stop_at_the_expansion_limit() {
    for name in [
        "alias-billion-laughs.md",
        "alias-billion-block.md",
        "alias-wide.md",
        "alias-chain.md",
        "alias-in-flow.md",
    ] {
        let outcome = check_fixture(name);
        let diagnostic = outcome.only();
        assert_eq!(diagnostic["code"], "syntax/limit", "{name}");
        let message = diagnostic["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("alias expansion exceeds 10000 nodes"),
            "{name}: {message}"
        );
        // The span is the alias whose expansion went past the budget.
        assert!(spanned(name, diagnostic).starts_with(b"*"), "{name}");
    }
}

#[test]
fn merge_keys_are_merged_and_the_merged_value_is_checked_where_it_is_written() {
    // `<<: *base` brings in `sidebar: middle`; the error points into the anchored map.
    assert_eq!(found("merge-keys.md"), pairs(&[("schema/enum", "middle")]));
}

#[test]
fn tagged_values() {
    // `!!binary` is a string (its base64 text), not the boolean the schema wants.
    assert_eq!(
        found("tag-binary.md"),
        pairs(&[("schema/type", "dHJ1ZQ==")])
    );
    // A custom tag is ignored: the value is what it is written as, here a mapping.
    assert_eq!(
        found("tag-custom.md"),
        pairs(&[("schema/type", "{really: true}")])
    );
    // `!!str true` is a string; no fix is offered, since there are no quotes to remove
    // (the tag would survive and the value stay a string).
    let outcome = check_fixture("tag-str-bool.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "schema/type");
    assert_eq!(spanned("tag-str-bool.md", diagnostic), b"true");
    assert_eq!(diagnostic["fixable"], false, "{diagnostic:#}");
}

#[test]
fn inf_and_nan_satisfy_no_type() {
    // `.inf` where a string is wanted, `.nan` where an integer is, `-.inf` where an enum
    // wants a name: all reported, and shown as YAML writes them.
    assert_eq!(
        found("inf-nan.md"),
        pairs(&[
            ("schema/type", ".inf"),
            ("schema/type", ".nan"),
            ("schema/enum", "-.inf")
        ])
    );
    let outcome = check_fixture("inf-nan.md");
    assert_eq!(
        outcome.case[2]["message"],
        "`-.inf` is not one of the allowed values for `sidebar`"
    );
}

#[test]
fn integers_past_64_bits() {
    // YAML reads an integer past 64 bits as a float, as Hugo does: a number where the
    // title wants a string is an error; as a `weight` (JSON Schema counts a float with no
    // fraction as an integer) it passes.
    assert_eq!(
        found("overflow-yaml.md"),
        pairs(&[("schema/type", "99999999999999999999999")])
    );
    // TOML refuses it outright.
    assert_eq!(
        found("overflow-toml.md"),
        pairs(&[("syntax/toml", "99999999999999999999999")])
    );
    // JSON accepts big integers as floats but not a float past f64.
    assert_eq!(
        found("overflow-json.md"),
        pairs(&[("syntax/json", "1e999")])
    );
}

#[test]
fn keys_that_are_not_strings() {
    // Scalar keys (numbers, null, booleans) are keys named by their text: the file is
    // read and validated; its one error is the unrelated `recnt`.
    assert_eq!(found("keys-scalar.md"), pairs(&[("schema/enum", "recnt")]));
    // Sequences and mappings as keys have no name a front matter could use.
    for (name, key) in [("keys-sequence.md", "[a, b]"), ("keys-map.md", "{a: 1}")] {
        let outcome = check_fixture(name);
        let diagnostic = outcome.only();
        assert_eq!(diagnostic["code"], "syntax/yaml", "{name}");
        assert_eq!(
            diagnostic["message"], "complex mapping keys are not supported",
            "{name}"
        );
        assert_eq!(spanned(name, diagnostic), key.as_bytes(), "{name}");
    }
    let outcome = check_fixture("keys-json-number.md");
    assert_eq!(outcome.codes(), ["syntax/json"]);
}

#[test]
fn dashes_in_a_fenced_code_block_of_the_body_are_body() {
    // The front matter ends at its own `---`; the fenced `---` block below is never read
    // (its `title: 3` would be a type error, its `sidebar` another enum error).
    let outcome = check_fixture("fence-dashes.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "schema/enum");
    assert_eq!(diagnostic["line"], 6);
    assert_eq!(spanned("fence-dashes.md", diagnostic), b"middle");
}

#[test]
fn a_front_matter_that_never_closes() {
    for name in ["unterminated-yaml.md", "unterminated-toml.md"] {
        let outcome = check_fixture(name);
        let diagnostic = outcome.only();
        assert_eq!(diagnostic["code"], "syntax/unterminated", "{name}");
        assert_eq!(diagnostic["offset"], 0, "{name}");
        assert_eq!(diagnostic["length"], 3, "{name}");
    }
    // A JSON object is closed by its brace: the body where the next key should be is the
    // error.
    let outcome = check_fixture("unterminated-json.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "syntax/json");
    assert_eq!(
        diagnostic["message"],
        "expected `,` or `}` after object value, found `B`"
    );
    assert_eq!(spanned("unterminated-json.md", diagnostic), b"B");
}

#[test]
fn cr_only_line_endings() {
    let outcome = check_fixture("cr-only.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "schema/enum");
    assert_eq!(diagnostic["line"], 5);
    assert_eq!(diagnostic["column"], 11);
    assert_eq!(spanned("cr-only.md", diagnostic), b"recnt");
}

#[test]
fn tabs_for_indentation() {
    // YAML forbids tabs in indentation; the span is what the tab indents.
    let outcome = check_fixture("tabs-yaml.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "syntax/yaml");
    assert_eq!(
        diagnostic["message"],
        "tabs disallowed within this context (block indentation)"
    );
    assert_eq!(diagnostic["line"], 7);
    // TOML allows them: the file is validated.
    assert_eq!(found("tabs-toml.md"), pairs(&[("schema/enum", "'recnt'")]));
}

#[test]
fn nul_bytes() {
    // Near the start, the file is binary.
    let outcome = check_fixture("nul.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "syntax/encoding");
    assert_eq!(spanned("nul.md", diagnostic), b"\0");
    // Past the sniffed start, the YAML parser refuses the character.
    let outcome = check_fixture("nul-past-sniff.md");
    let diagnostic = outcome.only();
    assert_eq!(diagnostic["code"], "syntax/yaml");
    assert_eq!(spanned("nul-past-sniff.md", diagnostic), b"\0");
}

#[test]
fn utf16_with_and_without_a_byte_order_mark() {
    for (name, span) in [
        ("utf16le-bom.md", &b"\xFF\xFE"[..]),
        ("utf16be-bom.md", &b"\xFE\xFF"[..]),
        ("utf16le.md", &b"-\0"[..]),
        ("utf16be.md", &b"\0-"[..]),
    ] {
        let outcome = check_fixture(name);
        let diagnostic = outcome.only();
        assert_eq!(diagnostic["code"], "syntax/encoding", "{name}");
        assert!(
            diagnostic["message"]
                .as_str()
                .is_some_and(|m| m.contains("UTF-16")),
            "{name}: {diagnostic:#}"
        );
        assert_eq!(spanned(name, diagnostic), span, "{name}");
    }
}

#[test]
fn invalid_utf8_in_keys_and_values() {
    for (name, byte) in [
        ("invalid-utf8-key.md", &b"\xFF"[..]),
        ("invalid-utf8-value.md", &b"\xC3"[..]),
    ] {
        let outcome = check_fixture(name);
        let diagnostic = outcome.only();
        assert_eq!(diagnostic["code"], "syntax/encoding", "{name}");
        assert_eq!(spanned(name, diagnostic), byte, "{name}");
    }
}
