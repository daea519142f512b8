//! fmlint's own schema keywords.
//!
//! `x-fmlint-date-layout: "<Go layout>"` names the canonical layout of a date field: a date
//! Hugo can read but written in another layout is reported (`schema/date-layout`, a
//! warning) and fixed when the conversion loses nothing.
//!
//! `pattern` is fmlint's own, and every `patternProperties` gets a companion keyword
//! ([`PATTERN_KEYS`]), so that a regex match the engine gives up on (its backtracking
//! limit) is always seen: `jsonschema` drops such a match from its errors as soon as the
//! instance has another error, and reports it as a `pattern` failure otherwise. Both
//! keywords match with `jsonschema`'s own engine and limit (a one-keyword probe schema)
//! and note each unfinished match for [`watch_regex_limits`] to collect.

use super::formats;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};
use std::cell::RefCell;

/// The keyword's name in a schema.
pub const DATE_LAYOUT: &str = "x-fmlint-date-layout";

/// Checks that a date is written in one canonical layout.
struct DateLayout {
    layout: String,
}

impl DateLayout {
    fn fits(&self, instance: &Value) -> bool {
        let Some(text) = instance.as_str() else {
            return true;
        };
        match formats::parse_hugo_date(text) {
            // Dates Hugo cannot read at all are the `format` keyword's to report.
            None => true,
            Some(date) => date.format(&self.layout).as_deref() == Some(text),
        }
    }
}

impl<'i> Keyword<'i> for DateLayout {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.fits(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "is not written in the canonical layout `{}`",
                self.layout
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.fits(instance)
    }
}

/// The factory `jsonschema` calls for each `x-fmlint-date-layout` in a schema.
pub fn date_layout<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    match value.as_str() {
        Some(layout) if !layout.is_empty() => Ok(Box::new(DateLayout {
            layout: layout.to_string(),
        })),
        _ => Err(ValidationError::custom(format!(
            "{DATE_LAYOUT} must be a Go layout string such as \"2006-01-02\""
        ))),
    }
}

/// The keyword `jsonschema` checks strings against a regular expression with.
pub const PATTERN: &str = "pattern";

/// The companion fmlint adds beside every `patternProperties` (with the same regexes as
/// a list), to see the keys whose match the engine cannot finish.
pub const PATTERN_KEYS: &str = "x-fmlint-pattern-keys";

/// A regex match the engine gave up on, at an instance of the validated document.
#[derive(Debug, PartialEq, Eq)]
pub struct RegexLimit {
    /// The address of the instance tested (a string value, or the mapping whose key was
    /// tested): it identifies the node of the document being validated.
    pub instance: usize,
    /// The key tested, for a `patternProperties` regex.
    pub key: Option<String>,
}

thread_local! {
    /// The unfinished matches of the validation running on this thread.
    static LIMITS: RefCell<Vec<RegexLimit>> = const { RefCell::new(Vec::new()) };
}

/// Run `validation` and collect the regex matches it could not finish. Validation runs
/// on the calling thread, so what the keywords note there belongs to this run.
pub fn watch_regex_limits<T>(validation: impl FnOnce() -> T) -> (T, Vec<RegexLimit>) {
    LIMITS.with(|limits| limits.borrow_mut().clear());
    let result = validation();
    let found = LIMITS.with(|limits| std::mem::take(&mut *limits.borrow_mut()));
    (result, found)
}

fn note_limit(instance: &Value, key: Option<&str>) {
    let limit = RegexLimit {
        instance: std::ptr::from_ref(instance) as usize,
        key: key.map(str::to_string),
    };
    LIMITS.with(|limits| {
        let mut limits = limits.borrow_mut();
        if !limits.contains(&limit) {
            limits.push(limit);
        }
    });
}

/// Whether a `jsonschema` error is a regex match the engine could not finish.
pub fn is_regex_limit(kind: &ValidationErrorKind) -> bool {
    matches!(
        kind,
        ValidationErrorKind::BacktrackLimitExceeded { .. }
            | ValidationErrorKind::RegexEngineFailure { .. }
    )
}

/// One regex, matched the way `jsonschema` matches `pattern`.
struct Probe {
    validator: jsonschema::Validator,
}

/// How a string fared against a [`Probe`].
enum Matched {
    Yes,
    /// No match: `jsonschema`'s own message for it.
    No(String),
    /// The engine gave up.
    Unknown,
}

impl Probe {
    fn new(regex: &Value) -> Result<Probe, ValidationError<'static>> {
        let schema = serde_json::json!({ PATTERN: regex });
        jsonschema::options()
            .build(&schema)
            .map(|validator| Probe { validator })
            .map_err(|_| ValidationError::custom("is not a valid regular expression"))
    }

    fn test(&self, subject: &Value) -> Matched {
        match self.validator.validate(subject) {
            Ok(()) => Matched::Yes,
            Err(error) if is_regex_limit(error.kind()) => Matched::Unknown,
            Err(error) => Matched::No(error.to_string()),
        }
    }
}

/// `pattern`: a mismatch is an error as usual; a match the engine cannot finish is noted
/// and taken as a match, so that it is reported once, as what it is.
struct Pattern {
    probe: Probe,
}

impl Pattern {
    fn check(&self, instance: &Value) -> Result<(), String> {
        if !instance.is_string() {
            return Ok(());
        }
        match self.probe.test(instance) {
            Matched::Yes => Ok(()),
            Matched::No(message) => Err(message),
            Matched::Unknown => {
                note_limit(instance, None);
                Ok(())
            }
        }
    }
}

impl<'i> Keyword<'i> for Pattern {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.check(instance).map_err(ValidationError::custom)
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.check(instance).is_ok()
    }
}

/// The factory `jsonschema` calls for each `pattern` in a schema.
pub fn pattern<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    Ok(Box::new(Pattern {
        probe: Probe::new(value)?,
    }))
}

/// [`PATTERN_KEYS`]: notes the keys of a mapping whose match against one of the regexes
/// the engine cannot finish; never fails (`patternProperties` itself does the checking).
struct PatternKeys {
    probes: Vec<Probe>,
}

impl PatternKeys {
    fn note(&self, instance: &Value) {
        let Some(object) = instance.as_object() else {
            return;
        };
        for key in object.keys() {
            let subject = Value::from(key.as_str());
            if self
                .probes
                .iter()
                .any(|probe| matches!(probe.test(&subject), Matched::Unknown))
            {
                note_limit(instance, Some(key));
            }
        }
    }
}

impl<'i> Keyword<'i> for PatternKeys {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.note(instance);
        Ok(())
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.note(instance);
        true
    }
}

/// The factory `jsonschema` calls for each [`PATTERN_KEYS`] fmlint added.
pub fn pattern_keys<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let regexes = value.as_array().map(Vec::as_slice).unwrap_or_default();
    let probes = regexes.iter().map(Probe::new).collect::<Result<_, _>>()?;
    Ok(Box::new(PatternKeys { probes }))
}

/// Keywords whose values are data, not schemas: a `patternProperties` inside them is
/// not a keyword and gets no companion.
const DATA_KEYWORDS: [&str; 4] = ["const", "enum", "default", "examples"];

/// Keywords whose values map names (of properties, definitions) to schemas: the names
/// there are not keywords, whatever they spell.
const SCHEMA_MAPS: [&str; 5] = [
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Add a [`PATTERN_KEYS`] companion beside every `patternProperties` of `schema`.
pub fn add_pattern_keys(schema: &mut Value) {
    add_companions(schema, true);
}

/// [`add_pattern_keys`] for `value`, whose keys are keywords unless it is a map of
/// names to schemas.
fn add_companions(value: &mut Value, keys_are_keywords: bool) {
    match value {
        Value::Object(object) => {
            let regexes: Option<Vec<Value>> = keys_are_keywords
                .then(|| object.get("patternProperties")?.as_object())
                .flatten()
                .map(|patterns| patterns.keys().map(|k| Value::from(k.as_str())).collect());
            for (key, child) in object.iter_mut() {
                let key = key.as_str();
                if !keys_are_keywords {
                    add_companions(child, true);
                } else if !DATA_KEYWORDS.contains(&key) {
                    add_companions(child, !SCHEMA_MAPS.contains(&key));
                }
            }
            if let Some(regexes) = regexes.filter(|r| !r.is_empty()) {
                object.insert(PATTERN_KEYS.to_string(), Value::Array(regexes));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| add_companions(item, true)),
        _ => {}
    }
}
