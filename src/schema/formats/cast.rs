//! spf13/cast's layout list: the Go layouts Hugo tries, in order, on a
//! front-matter date string, and how cast treats the zone of each.
//!
//! Source: spf13/cast `internal/time.go` (`TimeFormats`), cast v1.10.0.
//! spf13/cast's own `internal/time.go` is not in the stored public index, so
//! it was read from the vendored copy grafana/grafana
//! `vendor/github.com/spf13/cast/internal/time.go` @
//! d16ed8c570407556b64bc02edf77f5498097ae41 (identical in
//! r3d5un/islandwind @ dee4687be235cfbc29fdcb967acf75ba2d471410, whose
//! `vendor/modules.txt` pins `github.com/spf13/cast v1.10.0`); the caller is
//! spf13/cast `time.go` @ 042eea3122793ed925728973be7618f2309f6981.

use super::layout::{next_std_chunk, Std};

/// cast's `internal.TimeFormatType`: how `ParseDateWith` treats the zone of a
/// layout after `time.Parse` succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CastKind {
    /// No zone in the layout: re-located to the default location.
    NoTimezone,
    /// Only a zone name: cast keeps the wall clock and re-locates it to the
    /// default location, discarding the name.
    NamedTimezone,
    /// A numeric offset (or `Z`): kept.
    NumericTimezone,
    /// A numeric offset and a name (`Time.String()`): kept.
    NumericAndNamedTimezone,
    /// No date and no zone: left as `time.Parse` made it, i.e. UTC.
    TimeOnly,
}

/// cast's `internal.TimeFormats`, in order, with Go's constant names where it
/// uses one.
const CAST_TIME_FORMATS: &[(&str, CastKind)] = &[
    ("2006-01-02", CastKind::NoTimezone),
    ("2006-01-02T15:04:05Z07:00", CastKind::NumericTimezone), // time.RFC3339
    ("2006-01-02T15:04:05", CastKind::NoTimezone),            // iso8601 without timezone
    ("Mon, 02 Jan 2006 15:04:05 -0700", CastKind::NumericTimezone), // time.RFC1123Z
    ("Mon, 02 Jan 2006 15:04:05 MST", CastKind::NamedTimezone), // time.RFC1123
    ("02 Jan 06 15:04 -0700", CastKind::NumericTimezone),     // time.RFC822Z
    ("02 Jan 06 15:04 MST", CastKind::NamedTimezone),         // time.RFC822
    ("Monday, 02-Jan-06 15:04:05 MST", CastKind::NamedTimezone), // time.RFC850
    (
        "2006-01-02 15:04:05.999999999 -0700 MST", // Time.String()
        CastKind::NumericAndNamedTimezone,
    ),
    ("2006-01-02T15:04:05-0700", CastKind::NumericTimezone), // RFC3339 without hh:mm colon
    ("2006-01-02 15:04:05Z0700", CastKind::NumericTimezone), // RFC3339 without T or colon
    ("2006-01-02 15:04:05", CastKind::NoTimezone),
    ("Mon Jan _2 15:04:05 2006", CastKind::NoTimezone), // time.ANSIC
    ("Mon Jan _2 15:04:05 MST 2006", CastKind::NamedTimezone), // time.UnixDate
    ("Mon Jan 02 15:04:05 -0700 2006", CastKind::NumericTimezone), // time.RubyDate
    ("2006-01-02 15:04:05Z07:00", CastKind::NumericTimezone),
    ("02 Jan 2006", CastKind::NoTimezone),
    ("2006-01-02 15:04:05 -07:00", CastKind::NumericTimezone),
    ("2006-01-02 15:04:05 -0700", CastKind::NumericTimezone),
    ("3:04PM", CastKind::TimeOnly),                    // time.Kitchen
    ("Jan _2 15:04:05", CastKind::TimeOnly),           // time.Stamp
    ("Jan _2 15:04:05.000", CastKind::TimeOnly),       // time.StampMilli
    ("Jan _2 15:04:05.000000", CastKind::TimeOnly),    // time.StampMicro
    ("Jan _2 15:04:05.000000000", CastKind::TimeOnly), // time.StampNano
];

const LAYOUT_COUNT: usize = CAST_TIME_FORMATS.len();

const LAYOUT_STRINGS: [&str; LAYOUT_COUNT] = {
    let mut out = [""; LAYOUT_COUNT];
    let mut i = 0;
    while i < LAYOUT_COUNT {
        out[i] = CAST_TIME_FORMATS[i].0;
        i += 1;
    }
    out
};

/// The Go layouts Hugo (through spf13/cast v1.10 `internal.TimeFormats`)
/// tries, in order, on a front-matter date string; the first that parses
/// wins. Source: see the `cast` module documentation.
pub const HUGO_DATE_LAYOUTS: &[&str] = &LAYOUT_STRINGS;

/// cast's classification of `layout`; for a layout outside cast's list, the
/// same classification derived from its elements.
pub(super) fn cast_kind(layout: &str) -> CastKind {
    if let Some(&(_, kind)) = CAST_TIME_FORMATS.iter().find(|(l, _)| *l == layout) {
        return kind;
    }
    derive_cast_kind(layout)
}

fn derive_cast_kind(layout: &str) -> CastKind {
    let (mut numeric, mut named, mut year) = (false, false, false);
    let mut rest = layout.as_bytes();
    while let (plen, Some((std, tlen))) = next_std_chunk(rest) {
        match std {
            Std::Tz => named = true,
            Std::Year | Std::LongYear => year = true,
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
            | Std::NumTz
            | Std::NumSecondsTz
            | Std::NumShortTz
            | Std::NumColonTz
            | Std::NumColonSecondsTz => numeric = true,
            _ => {}
        }
        rest = rest.get(plen + tlen..).unwrap_or(&[]);
    }
    match (numeric, named, year) {
        (true, true, _) => CastKind::NumericAndNamedTimezone,
        (true, false, _) => CastKind::NumericTimezone,
        (false, true, _) => CastKind::NamedTimezone,
        (false, false, true) => CastKind::NoTimezone,
        (false, false, false) => CastKind::TimeOnly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::formats::tests::clock;
    use crate::schema::formats::{is_hugo_date, parse_with_layout, DateOffset};

    #[test]
    fn layout_list_is_casts() {
        assert_eq!(HUGO_DATE_LAYOUTS.len(), 24);
        assert_eq!(HUGO_DATE_LAYOUTS[0], "2006-01-02");
        assert_eq!(HUGO_DATE_LAYOUTS[1], "2006-01-02T15:04:05Z07:00");
        assert_eq!(HUGO_DATE_LAYOUTS[23], "Jan _2 15:04:05.000000000");
        for (layout, kind) in CAST_TIME_FORMATS {
            assert_eq!(derive_cast_kind(layout), *kind, "{layout}");
        }
        let mut sorted = HUGO_DATE_LAYOUTS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), HUGO_DATE_LAYOUTS.len());
    }

    /// For every layout: one accepted example with its values and one
    /// near-miss the layout rejects.
    #[test]
    fn every_layout_has_an_example_and_a_near_miss() {
        struct Case {
            layout: &'static str,
            ok: &'static str,
            clock: (i32, u8, u8, u8, u8, u8, u32),
            offset: Option<DateOffset>,
            bad: &'static str,
        }
        use DateOffset::*;
        let named = |s: &str| Some(Named(s.to_owned()));
        let cases = [
            Case {
                layout: "2006-01-02",
                ok: "2025-02-11",
                clock: (2025, 2, 11, 0, 0, 0, 0),
                offset: None,
                bad: "2025-2-11",
            },
            Case {
                layout: "2006-01-02T15:04:05Z07:00",
                ok: "2025-02-11T11:58:35+08:00",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(480)),
                bad: "2025-02-11T11:58:35+0800",
            },
            Case {
                layout: "2006-01-02T15:04:05",
                ok: "2025-02-11T11:58:35",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: None,
                bad: "2025-02-11t11:58:35",
            },
            Case {
                layout: "Mon, 02 Jan 2006 15:04:05 -0700",
                ok: "Tue, 11 Feb 2025 11:58:35 -0700",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(-420)),
                bad: "Tue, 11 Feb 2025 11:58:35 -07:00",
            },
            Case {
                layout: "Mon, 02 Jan 2006 15:04:05 MST",
                ok: "Tue, 11 Feb 2025 11:58:35 GMT",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: named("GMT"),
                bad: "Tue, 1 Feb 2025 11:58:35 GMT",
            },
            Case {
                layout: "02 Jan 06 15:04 -0700",
                ok: "11 Feb 25 11:58 +0800",
                clock: (2025, 2, 11, 11, 58, 0, 0),
                offset: Some(Minutes(480)),
                bad: "11 Feb 2025 11:58 +0800",
            },
            Case {
                layout: "02 Jan 06 15:04 MST",
                ok: "11 Feb 25 11:58 CET",
                clock: (2025, 2, 11, 11, 58, 0, 0),
                offset: named("CET"),
                bad: "11 Feb 25 11:58 Cet",
            },
            Case {
                layout: "Monday, 02-Jan-06 15:04:05 MST",
                ok: "Tuesday, 11-Feb-25 11:58:35 UTC",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: named("UTC"),
                bad: "Tue, 11-Feb-25 11:58:35 UTC",
            },
            Case {
                layout: "2006-01-02 15:04:05.999999999 -0700 MST",
                ok: "2025-02-11 11:58:35.123456789 +0800 CST",
                clock: (2025, 2, 11, 11, 58, 35, 123_456_789),
                offset: Some(MinutesAndName(480, "CST".into())),
                bad: "2025-02-11 11:58:35.123456789 +0800",
            },
            Case {
                layout: "2006-01-02T15:04:05-0700",
                ok: "2025-02-11T11:58:35+0800",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(480)),
                bad: "2025-02-11T11:58:35Z",
            },
            Case {
                layout: "2006-01-02 15:04:05Z0700",
                ok: "2025-02-11 11:58:35Z",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Utc),
                bad: "2025-02-11 11:58:35+08:00",
            },
            Case {
                layout: "2006-01-02 15:04:05",
                ok: "2025-02-11 11:58:35",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: None,
                bad: "2025-02-11 11:58",
            },
            Case {
                layout: "Mon Jan _2 15:04:05 2006",
                ok: "Sat Feb  1 11:58:35 2025",
                clock: (2025, 2, 1, 11, 58, 35, 0),
                offset: None,
                bad: "Sat Feb  1 11:58:35 25",
            },
            Case {
                layout: "Mon Jan _2 15:04:05 MST 2006",
                ok: "Tue Feb 11 11:58:35 CET 2025",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: named("CET"),
                bad: "Tue Feb 11 11:58:35 Central 2025",
            },
            Case {
                layout: "Mon Jan 02 15:04:05 -0700 2006",
                ok: "Tue Feb 11 11:58:35 +0800 2025",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(480)),
                bad: "Sat Feb  1 11:58:35 +0800 2025",
            },
            Case {
                layout: "2006-01-02 15:04:05Z07:00",
                ok: "2025-02-11 11:58:35+08:00",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(480)),
                bad: "2025-02-11 11:58:35 +08:00",
            },
            Case {
                layout: "02 Jan 2006",
                ok: "11 Feb 2025",
                clock: (2025, 2, 11, 0, 0, 0, 0),
                offset: None,
                bad: "11 Feb 25",
            },
            Case {
                layout: "2006-01-02 15:04:05 -07:00",
                ok: "2025-02-11 11:58:35 -03:30",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(-210)),
                bad: "2025-02-11 11:58:35 03:30",
            },
            Case {
                layout: "2006-01-02 15:04:05 -0700",
                ok: "2025-02-11 11:58:35 +0800",
                clock: (2025, 2, 11, 11, 58, 35, 0),
                offset: Some(Minutes(480)),
                bad: "2025-02-11 11:58:35 +08",
            },
            Case {
                layout: "3:04PM",
                ok: "3:04PM",
                clock: (0, 1, 1, 15, 4, 0, 0),
                offset: None,
                bad: "3:04 PM",
            },
            Case {
                layout: "Jan _2 15:04:05",
                ok: "Feb 11 11:58:35",
                clock: (0, 2, 11, 11, 58, 35, 0),
                offset: None,
                bad: "Feb 11 11:58",
            },
            Case {
                layout: "Jan _2 15:04:05.000",
                ok: "Feb 11 11:58:35.123",
                clock: (0, 2, 11, 11, 58, 35, 123_000_000),
                offset: None,
                bad: "Feb 11 11:58:35.12",
            },
            Case {
                layout: "Jan _2 15:04:05.000000",
                ok: "Feb 11 11:58:35.123456",
                clock: (0, 2, 11, 11, 58, 35, 123_456_000),
                offset: None,
                bad: "Feb 11 11:58:35.1234567",
            },
            Case {
                layout: "Jan _2 15:04:05.000000000",
                ok: "Feb  1 11:58:35.123456789",
                clock: (0, 2, 1, 11, 58, 35, 123_456_789),
                offset: None,
                bad: "Feb  1 11:58:35",
            },
        ];
        assert_eq!(cases.len(), HUGO_DATE_LAYOUTS.len());
        for (case, layout) in cases.iter().zip(HUGO_DATE_LAYOUTS) {
            assert_eq!(case.layout, *layout);
            let d = match parse_with_layout(layout, case.ok) {
                Some(d) => d,
                None => panic!("{layout:?} rejected {:?}", case.ok),
            };
            assert_eq!(clock(&d), case.clock, "{:?}", case.ok);
            assert_eq!(d.offset, case.offset, "{:?}", case.ok);
            assert_eq!(d.layout, *layout);
            assert!(is_hugo_date(case.ok));
            assert!(
                parse_with_layout(layout, case.bad).is_none(),
                "{layout:?} accepted {:?}",
                case.bad
            );
        }
    }
}
