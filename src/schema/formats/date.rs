//! [`HugoDate`], a front-matter date as Hugo parses it (wall clock and zone as
//! written), and [`HugoZone`], where Hugo puts it on the timeline.

use super::calendar::days_in;
use super::cast::{cast_kind, CastKind};
use super::parse::go_zone_minutes;
use super::parse_hugo_date;

/// A front-matter date as Hugo parses it: the layout that matched and the
/// values it yielded, with Go's defaults for fields the layout lacks (year 0,
/// January, day 1, midnight).
///
/// The fields are the wall clock as written plus the zone as written, which is
/// everything needed to print the same instant in another layout: see
/// [`HugoDate::hugo_zone`], [`HugoDate::format`] and
/// [`HugoDate::format_lossless`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HugoDate {
    /// The Go layout that matched, one of
    /// [`HUGO_DATE_LAYOUTS`](super::HUGO_DATE_LAYOUTS), e.g.
    /// `"2006-01-02 15:04:05"`.
    pub layout: &'static str,
    /// 0..=9999; 0 when the layout has no year.
    pub year: i32,
    /// 1..=12.
    pub month: u8,
    /// 1..=31, valid for the month.
    pub day: u8,
    /// 0..=23 (after applying AM/PM).
    pub hour: u8,
    /// 0..=59.
    pub minute: u8,
    /// 0..=59.
    pub second: u8,
    /// 0..=999_999_999.
    pub nanosecond: u32,
    /// The zone as written; `None` when the text has no zone.
    pub offset: Option<DateOffset>,
    /// Whether the layout has a clock (hour, minute, ...); `false` for the
    /// date-only layouts `2006-01-02` and `02 Jan 2006`.
    pub has_time: bool,
}

/// The zone of a date, as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DateOffset {
    /// `Z` in an ISO 8601 zone field (`Z07:00`, `Z0700`).
    Utc,
    /// A numeric offset east of UTC, in minutes: `+08:00` is 480, `-0700` is
    /// -420, `+00:00` is 0.
    Minutes(i32),
    /// A zone abbreviation alone (`MST` in the layout), e.g. `MST`, `CET`,
    /// `UTC`, `GMT+3`, `+03`.
    Named(String),
    /// A numeric offset followed by an abbreviation, as in Go's
    /// `Time.String()` layout: `+0800 CST` is `MinutesAndName(480, "CST")`.
    MinutesAndName(i32, String),
}

/// Where Hugo puts a parsed date on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HugoZone {
    /// The wall clock in the site's default location (`timeZone`, UTC when
    /// unset). This is the case for dates without a zone *and* for dates with
    /// only a zone name: cast discards the name (`MST`, `GMT`, even `UTC`).
    SiteDefault,
    /// A fixed offset east of UTC, in minutes; `Fixed(0)` is UTC.
    Fixed(i32),
}

impl HugoDate {
    /// How Hugo pins this date to the timeline, following cast's treatment of
    /// the layout and Go's zone rules: numeric offsets are kept; `UTC` as the
    /// name in `Time.String()` form overrides the numeric offset (Go's
    /// `time.Parse` does that); zone names alone are discarded for the site's
    /// default location; the year-less layouts stay in UTC.
    pub fn hugo_zone(&self) -> HugoZone {
        match cast_kind(self.layout) {
            CastKind::NoTimezone | CastKind::NamedTimezone => HugoZone::SiteDefault,
            _ => HugoZone::Fixed(go_zone_minutes(self.offset.as_ref())),
        }
    }

    /// Formats this date with a Go layout, but only if Hugo reads the result
    /// as the same instant with the same offset (same wall clock and same
    /// [`HugoZone`]). The check re-parses the output with
    /// [`parse_hugo_date`], so the layout need not be one of
    /// [`HUGO_DATE_LAYOUTS`](super::HUGO_DATE_LAYOUTS) as long as Hugo can
    /// read what it prints (e.g. `2006-01-02T15:04:05.999999999Z07:00` is
    /// read through RFC 3339).
    ///
    /// Zone abbreviations are not information Hugo keeps for instants, so
    /// `+0800 CST` → `+08:00` counts as lossless; a date without zone never
    /// converts to a layout with one (the site zone is unknown here) and vice
    /// versa.
    pub fn format_lossless(&self, layout: &str) -> Option<String> {
        let text = self.format(layout)?;
        let back = parse_hugo_date(&text)?;
        (back.wall_clock() == self.wall_clock() && back.hugo_zone() == self.hugo_zone())
            .then_some(text)
    }

    /// Whether this date can be written in `layout` without loss, i.e.
    /// [`HugoDate::format_lossless`] succeeds.
    pub fn is_lossless_in(&self, layout: &str) -> bool {
        self.format_lossless(layout).is_some()
    }

    pub(super) fn wall_clock(&self) -> (i32, u8, u8, u8, u8, u8, u32) {
        (
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.nanosecond,
        )
    }

    pub(super) fn fields_valid(&self) -> bool {
        (0..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && i64::from(self.day) <= days_in(i64::from(self.month), i64::from(self.year))
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
            && self.nanosecond < 1_000_000_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::formats::tests::{clock, parse};
    use crate::schema::formats::{parse_with_layout, HUGO_DATE_LAYOUTS};

    const RFC3339_NANO: &str = "2006-01-02T15:04:05.999999999Z07:00";

    #[test]
    fn lossless_conversion() {
        let d = parse("2025-02-11 11:58:35");
        assert_eq!(
            d.format_lossless("2006-01-02T15:04:05").as_deref(),
            Some("2025-02-11T11:58:35")
        );
        assert_eq!(
            d.format_lossless("Mon Jan _2 15:04:05 2006").as_deref(),
            Some("Tue Feb 11 11:58:35 2025")
        );
        assert!(!d.is_lossless_in("2006-01-02")); // the time would be lost
        assert!(!d.is_lossless_in("2006-01-02T15:04:05Z07:00")); // the site zone is unknown
        assert!(!d.is_lossless_in("3:04PM"));

        let d = parse("2025-02-11");
        assert_eq!(
            d.format_lossless("2006-01-02 15:04:05").as_deref(),
            Some("2025-02-11 00:00:00")
        );
        assert_eq!(
            d.format_lossless("02 Jan 2006").as_deref(),
            Some("11 Feb 2025")
        );

        let d = parse("2025-02-11T11:58:35+08:00");
        assert_eq!(
            d.format_lossless("Mon, 02 Jan 2006 15:04:05 -0700")
                .as_deref(),
            Some("Tue, 11 Feb 2025 11:58:35 +0800")
        );
        assert!(!d.is_lossless_in("2006-01-02 15:04:05")); // would move to the site zone
                                                           // Like Go, a nameless zone prints as `+0800` for `MST`, which Hugo then
                                                           // reads through RFC 1123Z: still the same instant.
        assert_eq!(
            d.format_lossless("Mon, 02 Jan 2006 15:04:05 MST")
                .as_deref(),
            Some("Tue, 11 Feb 2025 11:58:35 +0800")
        );

        let d = parse("2025-02-11T11:58:35Z");
        assert_eq!(
            d.format_lossless("2006-01-02 15:04:05 -0700").as_deref(),
            Some("2025-02-11 11:58:35 +0000")
        );
        assert!(!d.is_lossless_in("Mon, 02 Jan 2006 15:04:05 MST")); // `UTC` name is discarded by cast

        let d = parse("2025-02-11T11:58:35.123456789Z");
        assert!(!d.is_lossless_in("2006-01-02T15:04:05Z07:00"));
        assert_eq!(
            d.format_lossless(RFC3339_NANO).as_deref(),
            Some("2025-02-11T11:58:35.123456789Z")
        );
        assert!(!d.is_lossless_in("2006-01-02T15:04:05.000Z07:00"));
        let d = parse("2025-02-11T11:58:35.120Z");
        assert_eq!(
            d.format_lossless("2006-01-02T15:04:05.000Z07:00")
                .as_deref(),
            Some("2025-02-11T11:58:35.120Z")
        );

        // A zone name alone is discarded by Hugo, so the wall clock is all
        // there is: the no-zone layouts are lossless, numeric ones are not.
        let d = parse("Tue, 11 Feb 2025 11:58:35 GMT");
        assert_eq!(
            d.format_lossless("2006-01-02 15:04:05").as_deref(),
            Some("2025-02-11 11:58:35")
        );
        assert_eq!(
            d.format_lossless("Mon Jan _2 15:04:05 MST 2006").as_deref(),
            Some("Tue Feb 11 11:58:35 GMT 2025")
        );
        assert!(!d.is_lossless_in("2006-01-02T15:04:05Z07:00"));

        // Time.String(): the offset survives, the abbreviation is cosmetic.
        let d = parse("2025-02-11 11:58:35.5 +0800 CST");
        assert_eq!(
            d.format_lossless(RFC3339_NANO).as_deref(),
            Some("2025-02-11T11:58:35.5+08:00")
        );
        let d = parse("2025-02-11 11:58:35 +0800 UTC");
        assert_eq!(
            d.format_lossless("2006-01-02T15:04:05Z07:00").as_deref(),
            Some("2025-02-11T11:58:35Z")
        );

        // Two-digit years round-trip only within 1969..=2068.
        assert!(parse("2068-01-01T00:00:00Z").is_lossless_in("02 Jan 06 15:04 -0700"));
        assert!(!parse("2070-01-01T00:00:00Z").is_lossless_in("02 Jan 06 15:04 -0700"));
        assert!(!parse("2025-02-11T11:58:35Z").is_lossless_in("02 Jan 06 15:04 -0700")); // seconds

        // Year-less layouts are year 0 in UTC.
        let d = parse("3:04PM");
        assert_eq!(
            d.format_lossless("2006-01-02T15:04:05Z07:00").as_deref(),
            Some("0000-01-01T15:04:00Z")
        );
        assert!(!d.is_lossless_in("2006-01-02 15:04:05"));
        assert!(!parse("2025-02-11T11:58:35Z").is_lossless_in("Jan _2 15:04:05"));

        // An offset Go accepts but cannot print back readably.
        assert!(!parse("2025-02-11T11:58:35+24:60").is_lossless_in("2006-01-02T15:04:05Z07:00"));
        assert!(parse("2025-02-11T11:58:35+24:59").is_lossless_in("2006-01-02T15:04:05Z07:00"));

        // Layouts Hugo cannot read are never lossless.
        assert!(!parse("2025-02-11").is_lossless_in("2006/01/02"));
    }

    /// parse → format in a layout → parse gives the same date, for every
    /// example in its own layout and across all layouts it converts to.
    #[test]
    fn round_trip() {
        let examples = [
            "2025-02-11",
            "2025-02-11T11:58:35+08:00",
            "2025-02-11T11:58:35.5Z",
            "2025-02-11T11:58:35",
            "Tue, 11 Feb 2025 11:58:35 -0700",
            "Tue, 11 Feb 2025 11:58:35 GMT",
            "11 Feb 25 11:58 +0800",
            "11 Feb 25 11:58 CET",
            "Tuesday, 11-Feb-25 11:58:35 UTC",
            "2025-02-11 11:58:35.123456789 +0800 CST",
            "2025-02-11 11:58:35 +0800 UTC",
            "2025-02-11T11:58:35+0800",
            "2025-02-11 11:58:35Z",
            "2025-02-11 11:58:35",
            "Sat Feb  1 11:58:35 2025",
            "Tue Feb 11 11:58:35 CET 2025",
            "Tue Feb 11 11:58:35 +0800 2025",
            "2025-02-11 11:58:35-03:30",
            "11 Feb 2025",
            "2025-02-11 11:58:35 +08:00",
            "2024-02-29 23:59:59 -0000",
            "12:00AM",
            "Feb 29 11:58:35",
            "Feb 11 11:58:35.+12",
            "0000-01-01",
            "9999-12-31T23:59:59.999999999-23:59",
        ];
        let mut targets: Vec<&str> = HUGO_DATE_LAYOUTS.to_vec();
        targets.push(RFC3339_NANO);
        targets.push("2006-01-02T15:04:05.000Z07:00");
        for s in examples {
            let d = parse(s);
            let layout_has_fraction = d.layout.contains(".0") || d.layout.contains(".9");
            if d.nanosecond != 0 && !layout_has_fraction {
                // Parsed through Go's fraction rule: its own layout drops it.
                assert!(!d.is_lossless_in(d.layout), "{s:?}");
                assert!(d.is_lossless_in(RFC3339_NANO), "{s:?}");
            } else {
                let own = match d.format_lossless(d.layout) {
                    Some(t) => t,
                    None => panic!("{s:?} does not round-trip in its own layout {:?}", d.layout),
                };
                assert_eq!(clock(&parse(&own)), clock(&d), "{s:?} -> {own:?}");
                // The interpreter reads its own output back with the same layout.
                let again = parse_with_layout(d.layout, &own).map(|a| clock(&a));
                assert_eq!(again, Some(clock(&d)), "{s:?} -> {own:?}");
            }
            let mut converted = 0;
            for target in &targets {
                if let Some(text) = d.format_lossless(target) {
                    converted += 1;
                    let back = parse(&text);
                    assert_eq!(clock(&back), clock(&d), "{s:?} -> {text:?}");
                    assert_eq!(back.hugo_zone(), d.hugo_zone(), "{s:?} -> {text:?}");
                }
            }
            assert!(converted >= 1, "{s:?}");
        }
    }

    /// A deterministic sweep: random valid dates printed with RFC 3339 (nano)
    /// and read back with the interpreter equal themselves.
    #[test]
    fn sweep_format_parse() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for _ in 0..5000 {
            let year = i32::try_from(next(10_000)).unwrap_or(0);
            let month = u8::try_from(1 + next(12)).unwrap_or(1);
            let dim = u64::try_from(days_in(i64::from(month), i64::from(year))).unwrap_or(28);
            let day = u8::try_from(1 + next(dim)).unwrap_or(1);
            let offset = i32::try_from(next(2 * 1439 + 1)).unwrap_or(0) - 1439;
            let d = HugoDate {
                layout: "2006-01-02T15:04:05Z07:00",
                year,
                month,
                day,
                hour: u8::try_from(next(24)).unwrap_or(0),
                minute: u8::try_from(next(60)).unwrap_or(0),
                second: u8::try_from(next(60)).unwrap_or(0),
                nanosecond: u32::try_from(next(1_000_000_000)).unwrap_or(0),
                offset: Some(DateOffset::Minutes(offset)),
                has_time: true,
            };
            let text = match d.format_lossless(RFC3339_NANO) {
                Some(t) => t,
                None => panic!("{d:?}"),
            };
            let back = parse(&text);
            assert_eq!(clock(&back), clock(&d), "{text}");
            assert_eq!(back.hugo_zone(), HugoZone::Fixed(offset), "{text}");
            for layout in [
                "Mon Jan _2 15:04:05 -0700 2006",
                "Monday, 02-Jan-06 15:04:05 -07:00 __2",
            ] {
                let _ = d.format(layout);
            }
            let text = d
                .format("Mon, 02 Jan 2006 15:04:05 -0700")
                .unwrap_or_default();
            let back = parse(&text);
            assert_eq!(
                (back.year, back.month, back.day),
                (d.year, d.month, d.day),
                "{text}"
            );
        }
    }
}
