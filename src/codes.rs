//! The closed table of diagnostic codes: every code fmlint can emit, its family, when it
//! is decided (per file or by the run's link phase), its default severity, whether fixes
//! exist for it, and what it means, in a line and at length, beside its definition.
//! `fmlint explain` reads it, `[rules]` in the config is checked against it, and a test
//! asserts that every code the checker emits is listed here.

use serde::Serialize;

/// How bad a finding is. Errors fail the run (exit 1); warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The part of a code before its `/`: what kind of check makes it. `family/*` in a
/// suppression comment names every code of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Syntax,
    Schema,
    Link,
    Suppression,
}

impl Family {
    /// Every family, in the table's order.
    pub const ALL: [Family; 4] = [
        Family::Syntax,
        Family::Schema,
        Family::Link,
        Family::Suppression,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Schema => "schema",
            Family::Link => "link",
            Family::Suppression => "suppression",
        }
    }

    /// The family named `name` (`link`, not `link/*`).
    pub fn parse(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// When a code is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// While one file is checked, from that file (and the local files it links to).
    File,
    /// By the run-wide link phase, after every file: the answers of remote servers.
    Run,
}

/// The prose of one code, beyond its one-line summary: what `fmlint explain` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Why the finding matters to a site.
    pub why: &'static str,
    /// A front matter (or file) that triggers the code.
    pub example: &'static str,
    /// How to fix it, by hand or with `--fix`.
    pub fix: &'static str,
}

/// One diagnostic code and what is known about it statically. Codes are equal when
/// their names are.
#[derive(Debug)]
pub struct Code {
    /// `family/name`, stable: scripts and configs depend on it.
    pub name: &'static str,
    pub family: Family,
    pub phase: Phase,
    pub severity: Severity,
    /// Whether some diagnostics of this code can carry a fix.
    pub fixable: bool,
    /// One line: what the code checks.
    pub summary: &'static str,
    pub explanation: Explanation,
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.name == other.name
    }
}

impl Eq for Code {}

impl Code {
    /// The part of the name after the family (`enum` for `schema/enum`).
    pub fn short_name(&self) -> &'static str {
        self.name
            .split_once('/')
            .map_or(self.name, |(_, short)| short)
    }
}

/// Each entry: the code's constant, name, family, phase, default severity, whether fixes
/// exist, then its prose. A code cannot be added without its explanation.
macro_rules! codes {
    ($($ident:ident = $name:literal, $family:ident, $phase:ident, $sev:ident, $fix:literal,
        summary: $summary:literal,
        why: $why:literal,
        example: $example:literal,
        fix: $how:literal;)*) => {
        $(#[doc = $summary] pub static $ident: Code = Code {
            name: $name,
            family: Family::$family,
            phase: Phase::$phase,
            severity: Severity::$sev,
            fixable: $fix,
            summary: $summary,
            explanation: Explanation { why: $why, example: $example, fix: $how },
        };)*
        /// Every code, in the order `fmlint explain --list` shows them.
        pub static ALL: &[&Code] = &[$(&$ident),*];
    };
}

codes! {
    SYNTAX_MISSING = "syntax/missing", Syntax, File, Error, false,
        summary: "The file has no front matter where the config requires one.",
        why: "Hugo treats a page without front matter as untitled and undated: it sorts to the\n\
            end of every list, has no language and renders with an empty <title>. Under a\n\
            `content/` folder that is almost always a mistake (a file pasted in, a header\n\
            deleted by an editor).",
        example: "# Release notes\n\nThe body starts right away; there is no `---` block above it.",
        fix: "Start the file with a `---` line, the front matter, and another `---` line.\n\
            Files outside `content/` need none; `front_matter = \"optional\"` in fmlint.toml\n\
            turns the check off, `\"required\"` makes it apply everywhere.";
    SYNTAX_UNTERMINATED = "syntax/unterminated", Syntax, File, Error, false,
        summary: "The front matter opens with `---` or `+++` but never closes.",
        why: "Without its closing delimiter Hugo reads the whole file as front matter and fails\n\
            to build, or (for some generators) publishes the YAML as the page body.",
        example: "---\ntitle: \"Hello\"\ndate: 2025-02-11\n\nThe body follows, but the closing `---` is missing.",
        fix: "Close the block with a line holding only `---` (YAML) or `+++` (TOML).";
    SYNTAX_YAML = "syntax/yaml", Syntax, File, Error, false,
        summary: "The YAML front matter cannot be parsed.",
        why: "Hugo stops the build on front matter it cannot parse; some other generators skip\n\
            the page silently. Either way the page is not what the author wrote.",
        example: "---\ntitle: \"Hello\n  world\ntags: [a, b\n---",
        fix: "Correct the YAML at the place shown: unbalanced quotes and brackets, a tab used\n\
            for indentation, a `:` inside an unquoted value (quote the value).";
    SYNTAX_TOML = "syntax/toml", Syntax, File, Error, false,
        summary: "The TOML front matter cannot be parsed.",
        why: "Hugo stops the build on front matter it cannot parse.",
        example: "+++\ntitle = Hello\ndate = 2025-02-11\n+++",
        fix: "Correct the TOML at the place shown: strings need quotes, arrays need commas,\n\
            each key appears once per table.";
    SYNTAX_JSON = "syntax/json", Syntax, File, Error, false,
        summary: "The JSON front matter cannot be parsed.",
        why: "Hugo stops the build on front matter it cannot parse.",
        example: "{\n  \"title\": \"Hello\",\n  \"tags\": [\"a\", \"b\",]\n}",
        fix: "Correct the JSON at the place shown: no trailing commas, no comments, double\n\
            quotes around keys and strings.";
    SYNTAX_DUPLICATE_KEY = "syntax/duplicate-key", Syntax, File, Error, false,
        summary: "A mapping defines the same key twice; generators silently keep only one.",
        why: "When a key appears twice, Hugo keeps one of the values and drops the other without\n\
            a word: an edit made to the wrong copy never shows on the site.",
        example: "---\ntitle: \"Draft title\"\ndate: 2025-02-11\ntitle: \"Final title\"\n---",
        fix: "Delete one of the two entries, keeping the value you mean.";
    SYNTAX_ENCODING = "syntax/encoding", Syntax, File, Error, false,
        summary: "The file is not UTF-8 text (invalid bytes, a UTF-16 file or a binary file).",
        why: "Hugo reads content as UTF-8. A file saved as UTF-16 or Latin-1, or a binary file\n\
            with a `.md` name, renders as garbage or breaks the build.",
        example: "A post saved by an editor as \"UTF-16 LE\", or with a Latin-1 `é` (byte 0xE9).",
        fix: "Save the file as UTF-8 (with or without BOM). fmlint points at the first byte\n\
            that is not UTF-8.";
    SYNTAX_LIMIT = "syntax/limit", Syntax, File, Error, false,
        summary: "The file exceeds one of fmlint's limits (size, nesting depth, alias expansion).",
        why: "Front matter is small. A file past fmlint's limits is either not a post or\n\
            hostile (a YAML alias bomb expands a few lines into billions of nodes): fmlint\n\
            refuses it rather than spend unbounded memory or time.",
        example: "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n# ... nine more levels\n---",
        fix: "Simplify the front matter. If a legitimate file is refused, raise the limit under\n\
            `[limits]` in fmlint.toml (`max_file_size`, `max_depth`, `max_alias_nodes`).";
    SCHEMA_ADDITIONAL_ITEMS = "schema/additionalItems", Schema, File, Error, false,
        summary: "An array has more items than the schema allows.",
        why: "The schema gives a fixed list of positions (a tuple); extra items are ignored by\n\
            templates or mean the list was filled wrongly.",
        example: "schema: {\"prefixItems\": [{\"type\": \"string\"}], \"items\": false}\n\n---\npair: [a, b]\n---",
        fix: "Remove the extra items, or allow them in the schema.";
    SCHEMA_ADDITIONAL_PROPERTIES = "schema/additionalProperties", Schema, File, Error, false,
        summary: "A key is not allowed by the schema.",
        why: "A key the schema does not know is usually a typo (`tittle`, `categroies`): the\n\
            template reads the real key, finds nothing, and the page silently loses its\n\
            title or categories. The diagnostic points at the key itself.",
        example: "schema: {\"properties\": {\"title\": {}}, \"additionalProperties\": false}\n\n---\ntittle: \"Hello\"\n---",
        fix: "Rename the key (the message suggests the closest allowed key), or add it to the\n\
            schema's `properties`. `[rules] \"schema/additionalProperties\" = \"warning\"`\n\
            reports such keys without failing the run.";
    SCHEMA_ANY_OF = "schema/anyOf", Schema, File, Error, false,
        summary: "A value matches none of the alternatives the schema allows.",
        why: "The value fits none of the shapes the field accepts, so the template that reads it\n\
            takes none of its branches.",
        example: "# Mainroad's thumbnail: a path, or {src, visibility}\n---\nthumbnail:\n  source: img/a.png\n---",
        fix: "Write the value in one of the accepted shapes; the help lists them.";
    SCHEMA_CONST = "schema/const", Schema, File, Error, false,
        summary: "A value differs from the one constant the schema allows.",
        why: "The schema allows exactly one value here (a fixed `type: post`, say).",
        example: "schema: {\"properties\": {\"type\": {\"const\": \"post\"}}}\n\n---\ntype: page\n---",
        fix: "Write the one value the schema allows.";
    SCHEMA_CONTAINS = "schema/contains", Schema, File, Error, false,
        summary: "An array has no item of the kind the schema requires.",
        why: "The list must hold at least one item of a kind (a category from a fixed set,\n\
            say) and holds none.",
        example: "schema: {\"properties\": {\"tags\": {\"contains\": {\"const\": \"rust\"}}}}\n\n---\ntags: [go]\n---",
        fix: "Add an item of the required kind.";
    SCHEMA_CONTENT_ENCODING = "schema/contentEncoding", Schema, File, Error, false,
        summary: "A string is not in the encoding the schema names.",
        why: "The string is meant to be encoded (base64, say) and does not decode.",
        example: "schema: {\"properties\": {\"key\": {\"contentEncoding\": \"base64\"}}}\n\n---\nkey: \"not base64!\"\n---",
        fix: "Encode the value as the schema says.";
    SCHEMA_CONTENT_MEDIA_TYPE = "schema/contentMediaType", Schema, File, Error, false,
        summary: "A string is not of the media type the schema names.",
        why: "The string is meant to hold a document of a media type (JSON, say) and does not.",
        example: "schema: {\"properties\": {\"data\": {\"contentMediaType\": \"application/json\"}}}\n\n---\ndata: \"{not json\"\n---",
        fix: "Write a valid document of that media type.";
    SCHEMA_ENUM = "schema/enum", Schema, File, Error, true,
        summary: "A value is not one of the values the schema allows.",
        why: "The field takes one of a fixed set of values; a template compares against them,\n\
            so a typo (`recnt` for `recent`) silently drops a widget or a layout.",
        example: "---\nwidgets:\n  - \"search\"\n  - \"recnt\"\n---",
        fix: "Write one of the allowed values; the message suggests the closest. `--fix`\n\
            corrects a case-only difference (`Search` to `search`); `--fix --unsafe-fixes`\n\
            also corrects a typo when exactly one allowed value is closest. Custom Mainroad\n\
            widgets are allowed once the site defines them under\n\
            `layouts/partials/widgets/` or lists them in `widgets = [...]` in fmlint.toml.";
    SCHEMA_EXCLUSIVE_MAXIMUM = "schema/exclusiveMaximum", Schema, File, Error, false,
        summary: "A number is not below the schema's exclusive maximum.",
        why: "The number must stay below a bound and reaches or passes it.",
        example: "schema: {\"properties\": {\"rating\": {\"exclusiveMaximum\": 5}}}\n\n---\nrating: 5\n---",
        fix: "Write a smaller number.";
    SCHEMA_EXCLUSIVE_MINIMUM = "schema/exclusiveMinimum", Schema, File, Error, false,
        summary: "A number is not above the schema's exclusive minimum.",
        why: "The number must stay above a bound and reaches or passes it.",
        example: "schema: {\"properties\": {\"weight\": {\"exclusiveMinimum\": 0}}}\n\n---\nweight: 0\n---",
        fix: "Write a larger number.";
    SCHEMA_FALSE = "schema/false", Schema, File, Error, false,
        summary: "The schema allows no value here at all.",
        why: "The schema is `false` here: no value at all is allowed (a removed field, say).",
        example: "schema: {\"properties\": {\"legacy\": false}}\n\n---\nlegacy: true\n---",
        fix: "Remove the field.";
    SCHEMA_FORMAT = "schema/format", Schema, File, Error, true,
        summary: "A string does not have the format the schema names (date, language tag, URI, ...).",
        why: "The value has the right type but the wrong shape: a date Hugo cannot read\n\
            (`2025-02-30`, `11/02/2025`), `zh_CN` where a BCP 47 language tag (`zh-CN`)\n\
            belongs, a malformed URL. Hugo fails the build on a bad date, and a bad language\n\
            tag breaks hreflang and translations.",
        example: "---\ndate: 2025/02/11\nlang: [zh_CN]\n---",
        fix: "Write the value in the format named in the message. `hugo-date` accepts exactly\n\
            the layouts Hugo's date parser accepts (`2006-01-02`, RFC 3339, ...). `--fix`\n\
            rewrites an unambiguous date into the schema's canonical layout.";
    SCHEMA_MAX_ITEMS = "schema/maxItems", Schema, File, Error, false,
        summary: "An array has more items than the schema allows.",
        why: "The list is longer than the schema allows (a template shows only so many).",
        example: "schema: {\"properties\": {\"tags\": {\"maxItems\": 2}}}\n\n---\ntags: [a, b, c]\n---",
        fix: "Remove items.";
    SCHEMA_MAXIMUM = "schema/maximum", Schema, File, Error, false,
        summary: "A number is above the schema's maximum.",
        why: "The number is above the largest value allowed.",
        example: "schema: {\"properties\": {\"rating\": {\"maximum\": 5}}}\n\n---\nrating: 6\n---",
        fix: "Write a smaller number.";
    SCHEMA_MAX_LENGTH = "schema/maxLength", Schema, File, Error, false,
        summary: "A string is longer than the schema allows.",
        why: "The string is longer than allowed: a description past what search engines show,\n\
            a title that breaks the layout.",
        example: "schema: {\"properties\": {\"description\": {\"maxLength\": 160}}}\n\n---\ndescription: \"... 300 characters ...\"\n---",
        fix: "Shorten the string. Lengths count characters, not bytes.";
    SCHEMA_MAX_PROPERTIES = "schema/maxProperties", Schema, File, Error, false,
        summary: "A mapping has more keys than the schema allows.",
        why: "The mapping has more keys than allowed.",
        example: "schema: {\"properties\": {\"menu\": {\"maxProperties\": 1}}}\n\n---\nmenu: {main: {}, footer: {}}\n---",
        fix: "Remove keys.";
    SCHEMA_MIN_ITEMS = "schema/minItems", Schema, File, Error, false,
        summary: "An array has fewer items than the schema requires.",
        why: "The list must not be empty (or needs more items): an empty `lang` list leaves the\n\
            page without a language.",
        example: "---\nlang: []\n---",
        fix: "Add items.";
    SCHEMA_MINIMUM = "schema/minimum", Schema, File, Error, false,
        summary: "A number is below the schema's minimum.",
        why: "The number is below the smallest value allowed.",
        example: "schema: {\"properties\": {\"weight\": {\"minimum\": 1}}}\n\n---\nweight: 0\n---",
        fix: "Write a larger number.";
    SCHEMA_MIN_LENGTH = "schema/minLength", Schema, File, Error, false,
        summary: "A string is shorter than the schema requires (an empty title, say).",
        why: "The string is shorter than allowed: an empty title renders as an empty heading\n\
            and an empty <title>.",
        example: "---\ntitle: \"\"\n---",
        fix: "Write a longer string.";
    SCHEMA_MIN_PROPERTIES = "schema/minProperties", Schema, File, Error, false,
        summary: "A mapping has fewer keys than the schema requires.",
        why: "The mapping has fewer keys than required (an empty `thumbnail: {}`, say).",
        example: "schema: {\"properties\": {\"params\": {\"minProperties\": 1}}}\n\n---\nparams: {}\n---",
        fix: "Add keys, or remove the empty mapping.";
    SCHEMA_MULTIPLE_OF = "schema/multipleOf", Schema, File, Error, false,
        summary: "A number is not a multiple of what the schema requires.",
        why: "The number must be a multiple of a step (weights in steps of 10, say).",
        example: "schema: {\"properties\": {\"weight\": {\"multipleOf\": 10}}}\n\n---\nweight: 15\n---",
        fix: "Write a multiple of the step.";
    SCHEMA_NOT = "schema/not", Schema, File, Error, false,
        summary: "A value matches a schema it must not match.",
        why: "The value matches a shape the schema forbids.",
        example: "schema: {\"properties\": {\"slug\": {\"not\": {\"pattern\": \"\\\\s\"}}}}\n\n---\nslug: \"hello world\"\n---",
        fix: "Change the value so it no longer matches the forbidden shape.";
    SCHEMA_ONE_OF = "schema/oneOf", Schema, File, Error, false,
        summary: "A value matches none, or more than one, of the alternatives where exactly one must match.",
        why: "The value must match exactly one of several shapes, and matches none or several;\n\
            templates that branch on the shape take the wrong branch.",
        example: "schema: {\"properties\": {\"x\": {\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}}}\n\n---\nx: 3\n---",
        fix: "Write the value so that it fits exactly one alternative.";
    SCHEMA_PATTERN = "schema/pattern", Schema, File, Error, false,
        summary: "A string does not match the schema's pattern.",
        why: "The string does not match the regular expression the schema requires (a slug of\n\
            lowercase words and dashes, say).",
        example: "schema: {\"properties\": {\"slug\": {\"pattern\": \"^[a-z0-9-]+$\"}}}\n\n---\nslug: \"Hello World\"\n---",
        fix: "Rewrite the string to match the pattern shown in the message.";
    SCHEMA_PROPERTY_NAMES = "schema/propertyNames", Schema, File, Error, false,
        summary: "A key's name is not allowed by the schema.",
        why: "A key's name breaks the schema's rule for key names (lowercase only, say).",
        example: "schema: {\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}\n\n---\nTitle: \"Hello\"\n---",
        fix: "Rename the key.";
    SCHEMA_REQUIRED = "schema/required", Schema, File, Error, true,
        summary: "A field the schema requires is missing.",
        why: "A field every page needs is missing: Mainroad needs `title`, `date`, `lang` and\n\
            `widgets`. Without a date a post sorts wrongly and shows no date; without\n\
            widgets the sidebar is empty. The diagnostic points at the opening `---`.",
        example: "---\ntitle: \"Hello\"\n---",
        fix: "Add the field. When the schema gives it a `default`, `--fix` inserts it with\n\
            that value, in the file's own style.";
    SCHEMA_TYPE = "schema/type", Schema, File, Error, true,
        summary: "A value has the wrong type (a quoted \"false\" where a boolean is needed, say).",
        why: "The value has the wrong type. The classic: `comments: \"false\"` is a non-empty\n\
            string, which Hugo templates treat as true, so comments stay on. A single\n\
            string where a list is expected (`tags: rust`) iterates as characters or not\n\
            at all.",
        example: "---\ncomments: \"false\"\ntags: rust\nweight: \"3\"\n---",
        fix: "Write a value of the expected type. `--fix` unquotes `\"true\"`/`\"false\"` and\n\
            numbers where a boolean or number is wanted, and wraps a scalar in a one-item\n\
            list where a list is wanted.";
    SCHEMA_UNEVALUATED_ITEMS = "schema/unevaluatedItems", Schema, File, Error, false,
        summary: "An array has items no part of the schema accounts for.",
        why: "The list has items that no part of the schema describes.",
        example: "schema: {\"properties\": {\"pair\": {\"prefixItems\": [{}], \"unevaluatedItems\": false}}}\n\n---\npair: [a, b]\n---",
        fix: "Remove the extra items, or describe them in the schema.";
    SCHEMA_UNEVALUATED_PROPERTIES = "schema/unevaluatedProperties", Schema, File, Error, false,
        summary: "A mapping has keys no part of the schema accounts for.",
        why: "The mapping has keys that no part of the schema (including `allOf`/`$ref`\n\
            branches) describes: usually typos.",
        example: "schema: {\"properties\": {\"title\": {}}, \"unevaluatedProperties\": false}\n\n---\ntitel: \"Hello\"\n---",
        fix: "Rename or remove the key, or describe it in the schema.";
    SCHEMA_UNIQUE_ITEMS = "schema/uniqueItems", Schema, File, Error, false,
        summary: "An array repeats an item where the schema wants them unique.",
        why: "The list repeats an item: a widget shown twice in the sidebar, a tag listed\n\
            twice.",
        example: "---\nwidgets: [search, recent, search]\n---",
        fix: "Remove the repeated item (the diagnostic points at the second one).";
    SCHEMA_DATE_LAYOUT = "schema/date-layout", Schema, File, Warning, true,
        summary: "A date Hugo can read, written in another layout than the schema's canonical one (`x-fmlint-date-layout`).",
        why: "Hugo reads the date, but the site writes dates one way (the schema's\n\
            `x-fmlint-date-layout`), and mixed layouts make content hard to grep and sort.",
        example: "schema: {\"properties\": {\"date\": {\"format\": \"hugo-date\", \"x-fmlint-date-layout\": \"2006-01-02\"}}}\n\n---\ndate: 2025-02-11T00:00:00Z\n---",
        fix: "Write the date in the canonical layout; `--fix` rewrites it when nothing is lost.";
    SCHEMA_REGEX_LIMIT = "schema/regex-limit", Schema, File, Error, false,
        summary: "A pattern of the schema cannot be decided for a value: the regex engine hit its backtracking limit.",
        why: "The regex engine gave up matching a `pattern` or `patternProperties` regex of\n\
            the schema against this value or key (its backtracking limit): whether it\n\
            matches is unknown, so the check proves nothing. Nested quantifiers such as\n\
            `(a|a)+` next to a lookaround backtrack exponentially on a near-miss.",
        example: "schema: {\"properties\": {\"slug\": {\"pattern\": \"^(a|a)+(?!x)$\"}}}\n\n---\nslug: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n---",
        fix: "Simplify the schema's regex (no nested or overlapping repetition), or shorten\n\
            the value.";
    SCHEMA_CUSTOM = "schema/custom", Schema, File, Error, false,
        summary: "A custom keyword of the schema rejected the value.",
        why: "A keyword of the schema that fmlint does not name a code for rejected the value.",
        example: "schema with a custom keyword that rejects the value.",
        fix: "Read the message: it quotes the keyword's own error.";
    LINK_BROKEN = "link/broken", Link, Run, Error, false,
        summary: "A link or image answers with a definitive failure (404, 410, no such host, TLS error, redirect loop, not an image).",
        why: "The link or image is gone for good (404, 410, no such host, TLS failure, a\n\
            redirect loop, an image URL that answers with a web page): readers get an\n\
            error page or a broken image.",
        example: "---\nthumbnail: \"https://example.com/img/deleted.png\"\n---\nSee [the docs](https://example.com/moved-away).",
        fix: "Point the link at a page that exists, or remove it. Excluded URLs:\n\
            `[links] exclude = [\"^https://intranet\\\\.\"]` in fmlint.toml.";
    LINK_UNREACHABLE = "link/unreachable", Link, Run, Warning, false,
        summary: "A link could not be checked after retries (timeout, 429, 5xx, refused): maybe transient.",
        why: "The target could not be checked (timeout, 429 Too Many Requests, 5xx, connection\n\
            refused, a redirect to a private address, the run's time budget spent) even\n\
            after retries. It may be down for good or only for a moment, so it is a warning\n\
            by default.",
        example: "[status page](https://status.example.com/) # answered 503 three times",
        fix: "Check the link by hand. Raise `[links] timeout` or `budget`, lower `per_host`,\n\
            or exclude hosts that block robots.";
    LINK_REDIRECTED = "link/redirected", Link, Run, Warning, true,
        summary: "A link answers with a permanent redirect; the fix rewrites it to the final URL.",
        why: "The link answers with a permanent redirect: it works, but costs readers a round\n\
            trip and breaks the day the redirect is dropped.",
        example: "[old docs](http://example.com/docs) # 301 to https://example.com/docs/",
        fix: "Link to the final URL. `--fix --unsafe-fixes` rewrites it (unsafe: a redirect can\n\
            point at a login or a generic landing page).";
    LINK_MISSING_FILE = "link/missing-file", Link, File, Error, false,
        summary: "A local link or image points at a file that does not exist.",
        why: "A relative or site-absolute link or image points at a file that is not in the\n\
            site (`content/`, `static/`, the page bundle): the published page links to a\n\
            404.",
        example: "![diagram](images/diagram.png)   # no such file next to the post",
        fix: "Fix the path, or add the file.";
    LINK_MISSING_ANCHOR = "link/missing-anchor", Link, File, Error, false,
        summary: "A `#fragment` names a heading anchor the target page does not have.",
        why: "The `#fragment` names a heading the target page does not have (the heading was\n\
            renamed): the link opens at the top of the page instead of the section.",
        example: "See [installing](/docs/setup/#instalation).",
        fix: "Use the anchor Hugo generates for the heading (lowercase, spaces to dashes).";
    SUPPRESSION_UNUSED = "suppression/unused", Suppression, File, Warning, true,
        summary: "A `# fmlint-disable-...` comment silences nothing, or names an unknown code or directive.",
        why: "A suppression comment that silences nothing hides the next real problem on that\n\
            line, or documents one that was fixed long ago. A misspelled code or directive\n\
            never silences anything.",
        example: "---\n# fmlint-disable-next-line schema/enum\nwidgets: [recent]\n---",
        fix: "Remove the comment or the unused code; `--fix` does it. Suppression comments:\n\
            `# fmlint-disable-next-line CODE...` silences the next line of content,\n\
            `# fmlint-disable-file CODE...` the whole file (YAML or TOML front matter).\n\
            Without a code they silence every code; `family/*` silences a family.";
}

/// The code named `name`, if it is in the table.
pub fn lookup(name: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|c| c.name == name)
}

/// The code closest in spelling to `name`, for "did you mean" in config errors.
pub fn closest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(name, ALL.iter().map(|c| c.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_match_their_family() {
        for (i, a) in ALL.iter().enumerate() {
            let (family, rest) = a.name.split_once('/').expect("family/name");
            assert_eq!(Family::parse(family), Some(a.family), "{}", a.name);
            assert!(!rest.is_empty());
            assert!(ALL[i + 1..].iter().all(|b| b.name != a.name), "{}", a.name);
            let e = a.explanation;
            assert!(!e.why.is_empty() && !e.example.is_empty() && !e.fix.is_empty());
        }
    }

    #[test]
    fn only_remote_link_codes_wait_for_the_run() {
        let run: Vec<&str> = ALL
            .iter()
            .filter(|c| c.phase == Phase::Run)
            .map(|c| c.name)
            .collect();
        assert_eq!(run, ["link/broken", "link/unreachable", "link/redirected"]);
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("syntax/yaml").map(|c| c.name), Some("syntax/yaml"));
        assert_eq!(closest("schema/enun"), Some("schema/enum"));
        assert_eq!(SCHEMA_ENUM.short_name(), "enum");
    }
}
