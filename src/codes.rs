//! The closed table of diagnostic codes: every code fmlint can emit, its default
//! severity, whether fixes exist for it, and what it means. `fmlint explain` reads it,
//! `[rules]` in the config is checked against it, and a test asserts that every code the
//! checker emits is listed here.

use crate::diagnostic::Severity;

/// One diagnostic code and what is known about it statically.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// `family/name`, stable: scripts and configs depend on it.
    pub name: &'static str,
    pub severity: Severity,
    /// Whether some diagnostics of this code can carry a fix.
    pub fixable: bool,
    /// One line: what the code checks.
    pub summary: &'static str,
}

macro_rules! codes {
    ($($ident:ident = $name:literal, $sev:ident, $fix:literal, $summary:literal;)*) => {
        $(#[doc = $summary] pub static $ident: Code = Code {
            name: $name, severity: Severity::$sev, fixable: $fix, summary: $summary,
        };)*
        /// Every code, in the order `fmlint explain --list` shows them.
        pub static ALL: &[&Code] = &[$(&$ident),*];
    };
}

codes! {
    SYNTAX_MISSING = "syntax/missing", Error, false,
        "The file has no front matter where the config requires one.";
    SYNTAX_UNTERMINATED = "syntax/unterminated", Error, false,
        "The front matter opens with `---` or `+++` but never closes.";
    SYNTAX_YAML = "syntax/yaml", Error, false,
        "The YAML front matter cannot be parsed.";
    SYNTAX_TOML = "syntax/toml", Error, false,
        "The TOML front matter cannot be parsed.";
    SYNTAX_JSON = "syntax/json", Error, false,
        "The JSON front matter cannot be parsed.";
    SYNTAX_DUPLICATE_KEY = "syntax/duplicate-key", Error, false,
        "A mapping defines the same key twice; generators silently keep only one.";
    SYNTAX_ENCODING = "syntax/encoding", Error, false,
        "The file is not UTF-8 text (invalid bytes, a UTF-16 file or a binary file).";
    SYNTAX_LIMIT = "syntax/limit", Error, false,
        "The file exceeds one of fmlint's limits (size, nesting depth, alias expansion).";
    SCHEMA_ADDITIONAL_ITEMS = "schema/additionalItems", Error, false,
        "An array has more items than the schema allows.";
    SCHEMA_ADDITIONAL_PROPERTIES = "schema/additionalProperties", Error, false,
        "A key is not allowed by the schema.";
    SCHEMA_ANY_OF = "schema/anyOf", Error, false,
        "A value matches none of the alternatives the schema allows.";
    SCHEMA_CONST = "schema/const", Error, false,
        "A value differs from the one constant the schema allows.";
    SCHEMA_CONTAINS = "schema/contains", Error, false,
        "An array has no item of the kind the schema requires.";
    SCHEMA_CONTENT_ENCODING = "schema/contentEncoding", Error, false,
        "A string is not in the encoding the schema names.";
    SCHEMA_CONTENT_MEDIA_TYPE = "schema/contentMediaType", Error, false,
        "A string is not of the media type the schema names.";
    SCHEMA_ENUM = "schema/enum", Error, true,
        "A value is not one of the values the schema allows.";
    SCHEMA_EXCLUSIVE_MAXIMUM = "schema/exclusiveMaximum", Error, false,
        "A number is not below the schema's exclusive maximum.";
    SCHEMA_EXCLUSIVE_MINIMUM = "schema/exclusiveMinimum", Error, false,
        "A number is not above the schema's exclusive minimum.";
    SCHEMA_FALSE = "schema/false", Error, false,
        "The schema allows no value here at all.";
    SCHEMA_FORMAT = "schema/format", Error, true,
        "A string does not have the format the schema names (date, language tag, URI, ...).";
    SCHEMA_MAX_ITEMS = "schema/maxItems", Error, false,
        "An array has more items than the schema allows.";
    SCHEMA_MAXIMUM = "schema/maximum", Error, false,
        "A number is above the schema's maximum.";
    SCHEMA_MAX_LENGTH = "schema/maxLength", Error, false,
        "A string is longer than the schema allows.";
    SCHEMA_MAX_PROPERTIES = "schema/maxProperties", Error, false,
        "A mapping has more keys than the schema allows.";
    SCHEMA_MIN_ITEMS = "schema/minItems", Error, false,
        "An array has fewer items than the schema requires.";
    SCHEMA_MINIMUM = "schema/minimum", Error, false,
        "A number is below the schema's minimum.";
    SCHEMA_MIN_LENGTH = "schema/minLength", Error, false,
        "A string is shorter than the schema requires (an empty title, say).";
    SCHEMA_MIN_PROPERTIES = "schema/minProperties", Error, false,
        "A mapping has fewer keys than the schema requires.";
    SCHEMA_MULTIPLE_OF = "schema/multipleOf", Error, false,
        "A number is not a multiple of what the schema requires.";
    SCHEMA_NOT = "schema/not", Error, false,
        "A value matches a schema it must not match.";
    SCHEMA_ONE_OF = "schema/oneOf", Error, false,
        "A value matches none, or more than one, of the alternatives where exactly one must match.";
    SCHEMA_PATTERN = "schema/pattern", Error, false,
        "A string does not match the schema's pattern.";
    SCHEMA_PROPERTY_NAMES = "schema/propertyNames", Error, false,
        "A key's name is not allowed by the schema.";
    SCHEMA_REQUIRED = "schema/required", Error, true,
        "A field the schema requires is missing.";
    SCHEMA_TYPE = "schema/type", Error, true,
        "A value has the wrong type (a quoted \"false\" where a boolean is needed, say).";
    SCHEMA_UNEVALUATED_ITEMS = "schema/unevaluatedItems", Error, false,
        "An array has items no part of the schema accounts for.";
    SCHEMA_UNEVALUATED_PROPERTIES = "schema/unevaluatedProperties", Error, false,
        "A mapping has keys no part of the schema accounts for.";
    SCHEMA_UNIQUE_ITEMS = "schema/uniqueItems", Error, false,
        "An array repeats an item where the schema wants them unique.";
    SCHEMA_DATE_LAYOUT = "schema/date-layout", Warning, true,
        "A date Hugo can read, written in another layout than the schema's canonical one (`x-fmlint-date-layout`).";
    SCHEMA_REGEX_LIMIT = "schema/regex-limit", Error, false,
        "A pattern of the schema cannot be decided for a value: the regex engine hit its backtracking limit.";
    SCHEMA_CUSTOM = "schema/custom", Error, false,
        "A custom keyword of the schema rejected the value.";
    LINK_BROKEN = "link/broken", Error, false,
        "A link or image answers with a definitive failure (404, 410, no such host, TLS error, redirect loop, not an image).";
    LINK_UNREACHABLE = "link/unreachable", Warning, false,
        "A link could not be checked after retries (timeout, 429, 5xx, refused): maybe transient.";
    LINK_REDIRECTED = "link/redirected", Warning, true,
        "A link answers with a permanent redirect; the fix rewrites it to the final URL.";
    LINK_MISSING_FILE = "link/missing-file", Error, false,
        "A local link or image points at a file that does not exist.";
    LINK_MISSING_ANCHOR = "link/missing-anchor", Error, false,
        "A `#fragment` names a heading anchor the target page does not have.";
    SUPPRESSION_UNUSED = "suppression/unused", Warning, true,
        "A `# fmlint-disable-...` comment silences nothing, or names an unknown code or directive.";
}

/// The code named `name`, if it is in the table.
pub fn lookup(name: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|c| c.name == name)
}

/// The table entry for a JSON Schema keyword's failure (`schema/<keyword>`).
pub fn for_keyword(keyword: &str) -> &'static Code {
    match keyword {
        "false" | "falseSchema" => &SCHEMA_FALSE,
        "const" => &SCHEMA_CONST,
        crate::schema::keywords::DATE_LAYOUT => &SCHEMA_DATE_LAYOUT,
        _ => ALL
            .iter()
            .copied()
            .find(|c| c.name.strip_prefix("schema/") == Some(keyword))
            .unwrap_or(&SCHEMA_CUSTOM),
    }
}

/// The code closest in spelling to `name`, for "did you mean" in config errors.
pub fn closest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(name, ALL.iter().map(|c| c.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_well_formed() {
        for (i, a) in ALL.iter().enumerate() {
            let (family, rest) = a.name.split_once('/').expect("family/name");
            assert!(
                matches!(family, "syntax" | "schema" | "link" | "suppression"),
                "{}",
                a.name
            );
            assert!(!rest.is_empty());
            assert!(ALL[i + 1..].iter().all(|b| b.name != a.name), "{}", a.name);
        }
    }

    #[test]
    fn keywords_map_to_their_codes() {
        assert_eq!(for_keyword("enum").name, "schema/enum");
        assert_eq!(
            for_keyword("additionalProperties").name,
            "schema/additionalProperties"
        );
        assert_eq!(for_keyword("x-unknown").name, "schema/custom");
        assert_eq!(lookup("syntax/yaml").map(|c| c.name), Some("syntax/yaml"));
        assert_eq!(closest("schema/enun"), Some("schema/enum"));
    }
}
