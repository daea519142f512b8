//! `fmlint explain CODE`: the long explanation of every code in the table — what it
//! checks, why it matters, an example that triggers it and how it is fixed.
//!
//! [`crate::codes`] stays the closed table (name, severity, fixability, one-line
//! summary); this module only adds prose to it. A test checks that every code of the
//! table has an explanation, so a new code cannot ship undocumented.

use crate::codes::{self, Code};

/// The prose of one code, beyond its one-line summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Why the finding matters to a site.
    pub why: &'static str,
    /// A front matter (or file) that triggers the code.
    pub example: &'static str,
    /// How to fix it, by hand or with `--fix`.
    pub fix: &'static str,
}

/// What a name given to `fmlint explain` resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(&'static Code),
    /// Not a code; the nearest one, if any is close.
    Unknown(Option<&'static str>),
}

/// Resolve `name`: an exact code, or the name part of one (`enum` for `schema/enum`),
/// else the nearest code for "did you mean".
pub fn lookup(name: &str) -> Lookup {
    if let Some(code) = codes::lookup(name) {
        return Lookup::Found(code);
    }
    let by_tail: Vec<&'static Code> = codes::ALL
        .iter()
        .copied()
        .filter(|c| c.name.split_once('/').is_some_and(|(_, tail)| tail == name))
        .collect();
    if let [code] = by_tail.as_slice() {
        return Lookup::Found(code);
    }
    Lookup::Unknown(codes::closest(name))
}

/// The full text `fmlint explain` prints for `code`. The first line is the code alone.
pub fn render(code: &Code) -> String {
    let fixable = if code.fixable {
        "fixable in some cases"
    } else {
        "not fixable automatically"
    };
    let mut out = format!(
        "{}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n",
        code.name,
        code.summary,
        code.severity.as_str(),
        if code.fixable { "sometimes" } else { "no" }
    );
    if let Some(e) = explanation(code) {
        out.push_str("\nWhy it matters\n");
        out.push_str(&indent(e.why));
        out.push_str("\nExample\n");
        out.push_str(&indent(e.example));
        out.push_str(&format!("\nHow to fix ({fixable})\n"));
        out.push_str(&indent(e.fix));
    }
    out.push_str(&format!(
        "\nTo change its severity: `[rules] \"{}\" = \"warning\"` (or \"error\", \"off\") in fmlint.toml.\n",
        code.name
    ));
    // Syntax errors leave no front matter to hold a comment.
    if !code.name.starts_with("syntax/") && !code.name.starts_with("suppression/") {
        out.push_str(&format!(
            "To silence one place: `# fmlint-disable-next-line {}` in YAML or TOML front matter.\n",
            code.name
        ));
    }
    out
}

/// The list `fmlint explain --list` prints: one code and its summary per line.
pub fn list() -> String {
    let width = codes::ALL.iter().map(|c| c.name.len()).max().unwrap_or(0) + 2;
    codes::ALL
        .iter()
        .map(|c| format!("{:<width$}{}\n", c.name, c.summary))
        .collect()
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

/// The explanation of `code`, or `None` for a code this module does not know (a test
/// makes sure there is none).
pub fn explanation(code: &Code) -> Option<Explanation> {
    let (why, example, fix) = match code.name {
        "syntax/missing" => (
            "Hugo treats a page without front matter as untitled and undated: it sorts to the\n\
             end of every list, has no language and renders with an empty <title>. Under a\n\
             `content/` folder that is almost always a mistake (a file pasted in, a header\n\
             deleted by an editor).",
            "# Release notes\n\nThe body starts right away; there is no `---` block above it.",
            "Start the file with a `---` line, the front matter, and another `---` line.\n\
             Files outside `content/` need none; `front_matter = \"optional\"` in fmlint.toml\n\
             turns the check off, `\"required\"` makes it apply everywhere.",
        ),
        "syntax/unterminated" => (
            "Without its closing delimiter Hugo reads the whole file as front matter and fails\n\
             to build, or (for some generators) publishes the YAML as the page body.",
            "---\ntitle: \"Hello\"\ndate: 2025-02-11\n\nThe body follows, but the closing `---` is missing.",
            "Close the block with a line holding only `---` (YAML) or `+++` (TOML).",
        ),
        "syntax/yaml" => (
            "Hugo stops the build on front matter it cannot parse; some other generators skip\n\
             the page silently. Either way the page is not what the author wrote.",
            "---\ntitle: \"Hello\n  world\ntags: [a, b\n---",
            "Correct the YAML at the place shown: unbalanced quotes and brackets, a tab used\n\
             for indentation, a `:` inside an unquoted value (quote the value).",
        ),
        "syntax/toml" => (
            "Hugo stops the build on front matter it cannot parse.",
            "+++\ntitle = Hello\ndate = 2025-02-11\n+++",
            "Correct the TOML at the place shown: strings need quotes, arrays need commas,\n\
             each key appears once per table.",
        ),
        "syntax/json" => (
            "Hugo stops the build on front matter it cannot parse.",
            "{\n  \"title\": \"Hello\",\n  \"tags\": [\"a\", \"b\",]\n}",
            "Correct the JSON at the place shown: no trailing commas, no comments, double\n\
             quotes around keys and strings.",
        ),
        "syntax/duplicate-key" => (
            "When a key appears twice, Hugo keeps one of the values and drops the other without\n\
             a word: an edit made to the wrong copy never shows on the site.",
            "---\ntitle: \"Draft title\"\ndate: 2025-02-11\ntitle: \"Final title\"\n---",
            "Delete one of the two entries, keeping the value you mean.",
        ),
        "syntax/encoding" => (
            "Hugo reads content as UTF-8. A file saved as UTF-16 or Latin-1, or a binary file\n\
             with a `.md` name, renders as garbage or breaks the build.",
            "A post saved by an editor as \"UTF-16 LE\", or with a Latin-1 `é` (byte 0xE9).",
            "Save the file as UTF-8 (with or without BOM). fmlint points at the first byte\n\
             that is not UTF-8.",
        ),
        "syntax/limit" => (
            "Front matter is small. A file past fmlint's limits is either not a post or\n\
             hostile (a YAML alias bomb expands a few lines into billions of nodes): fmlint\n\
             refuses it rather than spend unbounded memory or time.",
            "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n# ... nine more levels\n---",
            "Simplify the front matter. If a legitimate file is refused, raise the limit under\n\
             `[limits]` in fmlint.toml (`max_file_size`, `max_depth`, `max_alias_nodes`).",
        ),
        "schema/additionalItems" => (
            "The schema gives a fixed list of positions (a tuple); extra items are ignored by\n\
             templates or mean the list was filled wrongly.",
            "schema: {\"prefixItems\": [{\"type\": \"string\"}], \"items\": false}\n\n---\npair: [a, b]\n---",
            "Remove the extra items, or allow them in the schema.",
        ),
        "schema/additionalProperties" => (
            "A key the schema does not know is usually a typo (`tittle`, `categroies`): the\n\
             template reads the real key, finds nothing, and the page silently loses its\n\
             title or categories. The diagnostic points at the key itself.",
            "schema: {\"properties\": {\"title\": {}}, \"additionalProperties\": false}\n\n---\ntittle: \"Hello\"\n---",
            "Rename the key (the message suggests the closest allowed key), or add it to the\n\
             schema's `properties`. `[rules] \"schema/additionalProperties\" = \"warning\"`\n\
             reports such keys without failing the run.",
        ),
        "schema/anyOf" => (
            "The value fits none of the shapes the field accepts, so the template that reads it\n\
             takes none of its branches.",
            "# Mainroad's thumbnail: a path, or {src, visibility}\n---\nthumbnail:\n  source: img/a.png\n---",
            "Write the value in one of the accepted shapes; the help lists them.",
        ),
        "schema/const" => (
            "The schema allows exactly one value here (a fixed `type: post`, say).",
            "schema: {\"properties\": {\"type\": {\"const\": \"post\"}}}\n\n---\ntype: page\n---",
            "Write the one value the schema allows.",
        ),
        "schema/contains" => (
            "The list must hold at least one item of a kind (a category from a fixed set,\n\
             say) and holds none.",
            "schema: {\"properties\": {\"tags\": {\"contains\": {\"const\": \"rust\"}}}}\n\n---\ntags: [go]\n---",
            "Add an item of the required kind.",
        ),
        "schema/contentEncoding" => (
            "The string is meant to be encoded (base64, say) and does not decode.",
            "schema: {\"properties\": {\"key\": {\"contentEncoding\": \"base64\"}}}\n\n---\nkey: \"not base64!\"\n---",
            "Encode the value as the schema says.",
        ),
        "schema/contentMediaType" => (
            "The string is meant to hold a document of a media type (JSON, say) and does not.",
            "schema: {\"properties\": {\"data\": {\"contentMediaType\": \"application/json\"}}}\n\n---\ndata: \"{not json\"\n---",
            "Write a valid document of that media type.",
        ),
        "schema/enum" => (
            "The field takes one of a fixed set of values; a template compares against them,\n\
             so a typo (`recnt` for `recent`) silently drops a widget or a layout.",
            "---\nwidgets:\n  - \"search\"\n  - \"recnt\"\n---",
            "Write one of the allowed values; the message suggests the closest. `--fix`\n\
             corrects a case-only difference (`Search` to `search`); `--fix --unsafe-fixes`\n\
             also corrects a typo when exactly one allowed value is closest. Custom Mainroad\n\
             widgets are allowed once the site defines them under\n\
             `layouts/partials/widgets/` or lists them in `widgets = [...]` in fmlint.toml.",
        ),
        "schema/exclusiveMaximum" => (
            "The number must stay below a bound and reaches or passes it.",
            "schema: {\"properties\": {\"rating\": {\"exclusiveMaximum\": 5}}}\n\n---\nrating: 5\n---",
            "Write a smaller number.",
        ),
        "schema/exclusiveMinimum" => (
            "The number must stay above a bound and reaches or passes it.",
            "schema: {\"properties\": {\"weight\": {\"exclusiveMinimum\": 0}}}\n\n---\nweight: 0\n---",
            "Write a larger number.",
        ),
        "schema/false" => (
            "The schema is `false` here: no value at all is allowed (a removed field, say).",
            "schema: {\"properties\": {\"legacy\": false}}\n\n---\nlegacy: true\n---",
            "Remove the field.",
        ),
        "schema/format" => (
            "The value has the right type but the wrong shape: a date Hugo cannot read\n\
             (`2025-02-30`, `11/02/2025`), `zh_CN` where a BCP 47 language tag (`zh-CN`)\n\
             belongs, a malformed URL. Hugo fails the build on a bad date, and a bad language\n\
             tag breaks hreflang and translations.",
            "---\ndate: 2025/02/11\nlang: [zh_CN]\n---",
            "Write the value in the format named in the message. `hugo-date` accepts exactly\n\
             the layouts Hugo's date parser accepts (`2006-01-02`, RFC 3339, ...). `--fix`\n\
             rewrites an unambiguous date into the schema's canonical layout.",
        ),
        "schema/maxItems" => (
            "The list is longer than the schema allows (a template shows only so many).",
            "schema: {\"properties\": {\"tags\": {\"maxItems\": 2}}}\n\n---\ntags: [a, b, c]\n---",
            "Remove items.",
        ),
        "schema/maximum" => (
            "The number is above the largest value allowed.",
            "schema: {\"properties\": {\"rating\": {\"maximum\": 5}}}\n\n---\nrating: 6\n---",
            "Write a smaller number.",
        ),
        "schema/maxLength" => (
            "The string is longer than allowed: a description past what search engines show,\n\
             a title that breaks the layout.",
            "schema: {\"properties\": {\"description\": {\"maxLength\": 160}}}\n\n---\ndescription: \"... 300 characters ...\"\n---",
            "Shorten the string. Lengths count characters, not bytes.",
        ),
        "schema/maxProperties" => (
            "The mapping has more keys than allowed.",
            "schema: {\"properties\": {\"menu\": {\"maxProperties\": 1}}}\n\n---\nmenu: {main: {}, footer: {}}\n---",
            "Remove keys.",
        ),
        "schema/minItems" => (
            "The list must not be empty (or needs more items): an empty `lang` list leaves the\n\
             page without a language.",
            "---\nlang: []\n---",
            "Add items.",
        ),
        "schema/minimum" => (
            "The number is below the smallest value allowed.",
            "schema: {\"properties\": {\"weight\": {\"minimum\": 1}}}\n\n---\nweight: 0\n---",
            "Write a larger number.",
        ),
        "schema/minLength" => (
            "The string is shorter than allowed: an empty title renders as an empty heading\n\
             and an empty <title>.",
            "---\ntitle: \"\"\n---",
            "Write a longer string.",
        ),
        "schema/minProperties" => (
            "The mapping has fewer keys than required (an empty `thumbnail: {}`, say).",
            "schema: {\"properties\": {\"params\": {\"minProperties\": 1}}}\n\n---\nparams: {}\n---",
            "Add keys, or remove the empty mapping.",
        ),
        "schema/multipleOf" => (
            "The number must be a multiple of a step (weights in steps of 10, say).",
            "schema: {\"properties\": {\"weight\": {\"multipleOf\": 10}}}\n\n---\nweight: 15\n---",
            "Write a multiple of the step.",
        ),
        "schema/not" => (
            "The value matches a shape the schema forbids.",
            "schema: {\"properties\": {\"slug\": {\"not\": {\"pattern\": \"\\\\s\"}}}}\n\n---\nslug: \"hello world\"\n---",
            "Change the value so it no longer matches the forbidden shape.",
        ),
        "schema/oneOf" => (
            "The value must match exactly one of several shapes, and matches none or several;\n\
             templates that branch on the shape take the wrong branch.",
            "schema: {\"properties\": {\"x\": {\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}}}\n\n---\nx: 3\n---",
            "Write the value so that it fits exactly one alternative.",
        ),
        "schema/pattern" => (
            "The string does not match the regular expression the schema requires (a slug of\n\
             lowercase words and dashes, say).",
            "schema: {\"properties\": {\"slug\": {\"pattern\": \"^[a-z0-9-]+$\"}}}\n\n---\nslug: \"Hello World\"\n---",
            "Rewrite the string to match the pattern shown in the message.",
        ),
        "schema/propertyNames" => (
            "A key's name breaks the schema's rule for key names (lowercase only, say).",
            "schema: {\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}\n\n---\nTitle: \"Hello\"\n---",
            "Rename the key.",
        ),
        "schema/required" => (
            "A field every page needs is missing: Mainroad needs `title`, `date`, `lang` and\n\
             `widgets`. Without a date a post sorts wrongly and shows no date; without\n\
             widgets the sidebar is empty. The diagnostic points at the opening `---`.",
            "---\ntitle: \"Hello\"\n---",
            "Add the field. When the schema gives it a `default`, `--fix` inserts it with\n\
             that value, in the file's own style.",
        ),
        "schema/type" => (
            "The value has the wrong type. The classic: `comments: \"false\"` is a non-empty\n\
             string, which Hugo templates treat as true, so comments stay on. A single\n\
             string where a list is expected (`tags: rust`) iterates as characters or not\n\
             at all.",
            "---\ncomments: \"false\"\ntags: rust\nweight: \"3\"\n---",
            "Write a value of the expected type. `--fix` unquotes `\"true\"`/`\"false\"` and\n\
             numbers where a boolean or number is wanted, and wraps a scalar in a one-item\n\
             list where a list is wanted.",
        ),
        "schema/unevaluatedItems" => (
            "The list has items that no part of the schema describes.",
            "schema: {\"properties\": {\"pair\": {\"prefixItems\": [{}], \"unevaluatedItems\": false}}}\n\n---\npair: [a, b]\n---",
            "Remove the extra items, or describe them in the schema.",
        ),
        "schema/unevaluatedProperties" => (
            "The mapping has keys that no part of the schema (including `allOf`/`$ref`\n\
             branches) describes: usually typos.",
            "schema: {\"properties\": {\"title\": {}}, \"unevaluatedProperties\": false}\n\n---\ntitel: \"Hello\"\n---",
            "Rename or remove the key, or describe it in the schema.",
        ),
        "schema/uniqueItems" => (
            "The list repeats an item: a widget shown twice in the sidebar, a tag listed\n\
             twice.",
            "---\nwidgets: [search, recent, search]\n---",
            "Remove the repeated item (the diagnostic points at the second one).",
        ),
        "schema/date-layout" => (
            "Hugo reads the date, but the site writes dates one way (the schema's\n\
             `x-fmlint-date-layout`), and mixed layouts make content hard to grep and sort.",
            "schema: {\"properties\": {\"date\": {\"format\": \"hugo-date\", \"x-fmlint-date-layout\": \"2006-01-02\"}}}\n\n---\ndate: 2025-02-11T00:00:00Z\n---",
            "Write the date in the canonical layout; `--fix` rewrites it when nothing is lost.",
        ),
        "schema/regex-limit" => (
            "The regex engine gave up matching a `pattern` or `patternProperties` regex of\n\
             the schema against this value or key (its backtracking limit): whether it\n\
             matches is unknown, so the check proves nothing. Nested quantifiers such as\n\
             `(a|a)+` next to a lookaround backtrack exponentially on a near-miss.",
            "schema: {\"properties\": {\"slug\": {\"pattern\": \"^(a|a)+(?!x)$\"}}}\n\n---\nslug: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n---",
            "Simplify the schema's regex (no nested or overlapping repetition), or shorten\n\
             the value.",
        ),
        "schema/custom" => (
            "A keyword of the schema that fmlint does not name a code for rejected the value.",
            "schema with a custom keyword that rejects the value.",
            "Read the message: it quotes the keyword's own error.",
        ),
        "link/broken" => (
            "The link or image is gone for good (404, 410, no such host, TLS failure, a\n\
             redirect loop, an image URL that answers with a web page): readers get an\n\
             error page or a broken image.",
            "---\nthumbnail: \"https://example.com/img/deleted.png\"\n---\nSee [the docs](https://example.com/moved-away).",
            "Point the link at a page that exists, or remove it. Excluded URLs:\n\
             `[links] exclude = [\"^https://intranet\\\\.\"]` in fmlint.toml.",
        ),
        "link/unreachable" => (
            "The target could not be checked (timeout, 429 Too Many Requests, 5xx, connection\n\
             refused, a redirect to a private address, the run's time budget spent) even\n\
             after retries. It may be down for good or only for a moment, so it is a warning\n\
             by default.",
            "[status page](https://status.example.com/) # answered 503 three times",
            "Check the link by hand. Raise `[links] timeout` or `budget`, lower `per_host`,\n\
             or exclude hosts that block robots.",
        ),
        "link/redirected" => (
            "The link answers with a permanent redirect: it works, but costs readers a round\n\
             trip and breaks the day the redirect is dropped.",
            "[old docs](http://example.com/docs) # 301 to https://example.com/docs/",
            "Link to the final URL. `--fix --unsafe-fixes` rewrites it (unsafe: a redirect can\n\
             point at a login or a generic landing page).",
        ),
        "link/missing-file" => (
            "A relative or site-absolute link or image points at a file that is not in the\n\
             site (`content/`, `static/`, the page bundle): the published page links to a\n\
             404.",
            "![diagram](images/diagram.png)   # no such file next to the post",
            "Fix the path, or add the file.",
        ),
        "link/missing-anchor" => (
            "The `#fragment` names a heading the target page does not have (the heading was\n\
             renamed): the link opens at the top of the page instead of the section.",
            "See [installing](/docs/setup/#instalation).",
            "Use the anchor Hugo generates for the heading (lowercase, spaces to dashes).",
        ),
        "suppression/unused" => (
            "A suppression comment that silences nothing hides the next real problem on that\n\
             line, or documents one that was fixed long ago. A misspelled code or directive\n\
             never silences anything.",
            "---\n# fmlint-disable-next-line schema/enum\nwidgets: [recent]\n---",
            "Remove the comment or the unused code; `--fix` does it. Suppression comments:\n\
             `# fmlint-disable-next-line CODE...` silences the next line of content,\n\
             `# fmlint-disable-file CODE...` the whole file (YAML or TOML front matter).\n\
             Without a code they silence every code; `family/*` silences a family.",
        ),
        _ => return None,
    };
    Some(Explanation { why, example, fix })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained() {
        for code in codes::ALL {
            let e = explanation(code).unwrap_or_else(|| panic!("{} has no explanation", code.name));
            assert!(!e.why.is_empty() && !e.example.is_empty() && !e.fix.is_empty());
            assert!(render(code).starts_with(&format!("{}\n", code.name)));
        }
    }

    #[test]
    fn lookup_accepts_the_name_part_and_suggests() {
        assert_eq!(lookup("schema/enum"), Lookup::Found(&codes::SCHEMA_ENUM));
        assert_eq!(lookup("enum"), Lookup::Found(&codes::SCHEMA_ENUM));
        assert_eq!(lookup("schema/enun"), Lookup::Unknown(Some("schema/enum")));
    }
}
