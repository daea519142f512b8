//! fmlint's own schema keywords.
//!
//! `x-fmlint-date-layout: "<Go layout>"` names the canonical layout of a date field: a date
//! Hugo can read but written in another layout is reported (`schema/date-layout`, a
//! warning) and fixed when the conversion loses nothing.

use super::formats;
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

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
