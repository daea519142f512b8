//! A schema regex the engine gives up on (its backtracking limit) is reported as
//! `schema/regex-limit` at the value or key tested, never as a `schema/pattern`
//! mismatch, and whatever else fails in the file.

use super::*;

/// Backtracks exponentially on a near-miss: the lookahead keeps the engine from
/// handing the match to a linear-time matcher.
const EVIL: &str = r"^(a|a)+(?!x)$";
/// A near-miss for [`EVIL`].
const NEAR_MISS: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

/// `schema.json` (with `{evil}` standing for [`EVIL`]) and `a.md` (with `{miss}` for
/// [`NEAR_MISS`]); the JSON report of checking `a.md` against it.
fn check(schema: &str, post: &str) -> (i32, serde_json::Value) {
    let schema = schema.replace("{evil}", &EVIL.replace('\\', "\\\\"));
    let post = post.replace("{miss}", NEAR_MISS);
    let dir = tree(&[("schema.json", &schema), ("a.md", &post)]);
    json(dir.path(), &["--schema", "schema.json", "a.md"])
}

/// The text of `a.md` a diagnostic's span covers.
fn spanned(post: &str, diagnostic: &serde_json::Value) -> String {
    let post = post.replace("{miss}", NEAR_MISS);
    let start = diagnostic["offset"].as_u64().expect("offset") as usize;
    let length = diagnostic["length"].as_u64().expect("length") as usize;
    post[start..start + length].to_string()
}

#[test]
fn a_pattern_the_engine_gives_up_on_is_its_own_diagnostic() {
    let post = "---\nslug: {miss}\n---\n";
    let (status, doc) = check(r#"{"properties": {"slug": {"pattern": "{evil}"}}}"#, post);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/regex-limit"], "{doc:#}");
    let diagnostic = &doc["diagnostics"][0];
    assert_eq!(spanned(post, diagnostic), NEAR_MISS);
    assert_eq!(diagnostic["severity"], "error");
}

#[test]
fn the_limit_is_reported_beside_other_errors() {
    let (status, doc) = check(
        r#"{"properties": {"slug": {"pattern": "{evil}"}, "title": {"type": "string"}}}"#,
        "---\ntitle: 3\nslug: {miss}\n---\n",
    );
    assert_eq!(status, 1);
    assert_eq!(
        codes(&doc),
        ["schema/type", "schema/regex-limit"],
        "{doc:#}"
    );
}

#[test]
fn a_pattern_properties_regex_is_reported_at_the_key() {
    let post = "---\ntitle: 3\nparams:\n  {miss}: x\n---\n";
    let (status, doc) = check(
        r#"{"properties": {"title": {"type": "string"},
            "params": {"patternProperties": {"{evil}": {"type": "string"}},
                       "additionalProperties": false}}}"#,
        post,
    );
    assert_eq!(status, 1);
    assert_eq!(
        codes(&doc),
        ["schema/type", "schema/regex-limit"],
        "{doc:#}"
    );
    assert_eq!(spanned(post, &doc["diagnostics"][1]), NEAR_MISS);
}

#[test]
fn the_limit_in_a_branch_that_does_not_count_is_still_reported() {
    let (status, doc) = check(
        r#"{"properties": {"slug": {"anyOf": [{"pattern": "{evil}"}, {"pattern": "^a"}]},
                           "key": {"propertyNames": {"pattern": "{evil}"}}}}"#,
        "---\nslug: {miss}\nkey:\n  {miss}: 1\n---\n",
    );
    assert_eq!(status, 1);
    assert_eq!(
        codes(&doc),
        ["schema/regex-limit", "schema/regex-limit"],
        "{doc:#}"
    );
}

#[test]
fn nested_repetition_without_lookaround_is_a_plain_mismatch() {
    // The engine matches this one in linear time: no limit, just no match.
    let (status, doc) = check(
        r#"{"properties": {"slug": {"pattern": "^(a+)+$"}}}"#,
        "---\nslug: {miss}\n---\n",
    );
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["schema/pattern"], "{doc:#}");
}
