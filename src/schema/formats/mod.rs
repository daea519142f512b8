//! The two custom JSON Schema formats fmlint asserts: `hugo-date` and `bcp47`.
//!
//! # `hugo-date`
//!
//! Hugo hands a front-matter date that is a string to
//! `htime.ToTimeInDefaultLocationE`, which passes it to spf13/cast's
//! `ToTimeInDefaultLocationE` → `StringToDateInDefaultLocation` →
//! `internal.ParseDateWith(s, location, internal.TimeFormats)`. That function
//! tries Go's `time.Parse(layout, s)` with each layout of a fixed list, in
//! order, and keeps the first that succeeds. Neither Hugo nor cast trims the
//! string first, so surrounding whitespace makes a date invalid. (Recent Hugo
//! skips a date field whose value is `""` or null instead of failing; that is
//! the caller's business: here `""` is not a date.)
//!
//! [`parse_hugo_date`] re-implements that: [`HUGO_DATE_LAYOUTS`] is cast's list
//! verbatim (`cast`), and a small interpreter of Go layout strings (a port of
//! `nextStdChunk`, `time.Parse` and `Time.Format` from Go's
//! `src/time/format.go`: `layout`, `parse`, `format`, over `calendar`) matches
//! the input, so the list stays declarative. [`HugoDate`] (`date`) is the
//! result. Go's rules are followed exactly; `parse` lists the surprising ones.
//!
//! Sources, all read from the stored public index: for the list and Go's
//! semantics, see `cast` and `parse`; Hugo: gohugoio/hugo
//! `resources/page/pagemeta/page_frontmatter.go` @
//! 04dad94dca6af23faedc932337e4618d92d8cb9c and `common/htime/time.go` @
//! 0114268c2b4c4cae9965b468f6eda8cb038c23a4.
//!
//! Not modelled: Go consults the machine's local zone when a parsed zone name
//! or offset matches one of its zones; that can only change how a
//! named-zone date's wall clock is read on such a machine.
//!
//! [`is_bcp47`] accepts a *well-formed* language tag (RFC 5646 §2.2.9); see
//! `bcp47` for exactly what passes.

mod bcp47;
mod calendar;
mod cast;
mod date;
mod format;
mod layout;
mod parse;

pub use bcp47::is_bcp47;
pub use cast::HUGO_DATE_LAYOUTS;
pub use date::{DateOffset, HugoDate, HugoZone};
#[cfg(test)]
use parse::parse_with_layout;

/// Parses `s` the way Hugo parses a front-matter date string: the first layout
/// of [`HUGO_DATE_LAYOUTS`] that Go's `time.Parse` accepts wins. `None` when
/// Hugo would reject the string.
pub fn parse_hugo_date(s: &str) -> Option<HugoDate> {
    static CUT: std::sync::LazyLock<Vec<parse::Chunks>> = std::sync::LazyLock::new(|| {
        HUGO_DATE_LAYOUTS
            .iter()
            .map(|layout| parse::Chunks::new(layout))
            .collect()
    });
    CUT.iter()
        .find_map(|layout| parse::parse_with_chunks(layout, s))
}

/// Whether Hugo accepts `s` as a front-matter date (format `hugo-date`).
pub fn is_hugo_date(s: &str) -> bool {
    parse_hugo_date(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `s`, panicking when Hugo rejects it.
    pub(super) fn parse(s: &str) -> HugoDate {
        match parse_hugo_date(s) {
            Some(d) => d,
            None => panic!("expected {s:?} to be a Hugo date"),
        }
    }

    fn layout_of(s: &str) -> Option<&'static str> {
        parse_hugo_date(s).map(|d| d.layout)
    }

    fn idx(layout: &str) -> usize {
        match HUGO_DATE_LAYOUTS.iter().position(|l| *l == layout) {
            Some(i) => i,
            None => panic!("{layout:?} is not in the list"),
        }
    }

    /// The wall clock of `d`, for comparisons.
    pub(super) fn clock(d: &HugoDate) -> (i32, u8, u8, u8, u8, u8, u32) {
        d.wall_clock()
    }

    #[test]
    fn first_matching_layout_wins() {
        let cases = [
            ("2025-02-11", "2006-01-02"),
            ("2025-02-11T11:58:35Z", "2006-01-02T15:04:05Z07:00"),
            ("2025-02-11T11:58:35.5+08:00", "2006-01-02T15:04:05Z07:00"),
            ("2025-02-11T11:58:35+0800", "2006-01-02T15:04:05-0700"),
            ("2025-02-11 11:58:35Z", "2006-01-02 15:04:05Z0700"),
            ("2025-02-11 11:58:35+08:00", "2006-01-02 15:04:05Z07:00"),
            ("2025-02-11 11:58:35 +0800", "2006-01-02 15:04:05 -0700"),
            (
                "2025-02-11 11:58:35 +0800 CST",
                "2006-01-02 15:04:05.999999999 -0700 MST",
            ),
            // The fraction rule lets Stamp take what StampMilli would ...
            ("Feb 11 11:58:35.123", "Jan _2 15:04:05"),
            // ... except through Go's signed atoi in fixed-width fractions.
            ("Feb 11 11:58:35.+12", "Jan _2 15:04:05.000"),
        ];
        for (s, layout) in cases {
            assert_eq!(layout_of(s), Some(layout), "{s:?}");
        }
        assert_eq!(parse("Feb 11 11:58:35.+12").nanosecond, 12_000_000);
        assert!(!is_hugo_date("Feb 11 11:58:35.-12"));
        // Layout indexes are in cast's order.
        assert!(idx("2006-01-02") < idx("2006-01-02 15:04:05"));
    }

    #[test]
    fn seed_post_and_common_forms() {
        let d = parse("2025-02-11 11:58:35");
        assert_eq!(d.layout, "2006-01-02 15:04:05");
        assert_eq!(clock(&d), (2025, 2, 11, 11, 58, 35, 0));
        assert_eq!(d.offset, None);
        assert!(d.has_time);
        assert_eq!(d.hugo_zone(), HugoZone::SiteDefault);

        let d = parse("2025-02-11T11:58:35+08:00");
        assert_eq!(d.layout, "2006-01-02T15:04:05Z07:00");
        assert_eq!(d.offset, Some(DateOffset::Minutes(480)));
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(480));

        let d = parse("2025-02-11T11:58:35Z");
        assert_eq!(d.offset, Some(DateOffset::Utc));
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(0));

        let d = parse("Tue, 11 Feb 2025 11:58:35 GMT");
        assert_eq!(d.layout, "Mon, 02 Jan 2006 15:04:05 MST");
        assert_eq!(d.offset, Some(DateOffset::Named("GMT".into())));
        assert_eq!(d.hugo_zone(), HugoZone::SiteDefault);

        let d = parse("2025-02-11");
        assert!(!d.has_time);
        assert_eq!(d.hugo_zone(), HugoZone::SiteDefault);

        // Year-less layouts: year 0, left in UTC by cast.
        let d = parse("3:04PM");
        assert_eq!(clock(&d), (0, 1, 1, 15, 4, 0, 0));
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(0));

        // Common forms Hugo does not accept.
        for s in [
            "2025-02-11T11:58",
            "2025-02-11 11:58",
            "2025/02/11",
            "11/02/2025",
            "Feb 11, 2025",
        ] {
            assert!(!is_hugo_date(s), "{s:?}");
        }
    }
}
