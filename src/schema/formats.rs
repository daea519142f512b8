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
//! verbatim, and a small interpreter of Go layout strings (a port of
//! `nextStdChunk`, `time.Parse` and `Time.Format` from Go's
//! `src/time/format.go`) matches the input, so the list stays declarative.
//! Go's rules are followed exactly, including the surprising ones:
//!
//! * `15` (24-hour) and `3` (12-hour) take one *or* two digits; `01`, `02`,
//!   `04`, `05`, `06` demand two; `_2` takes an optional space and one or two
//!   digits; `2006` demands exactly four digits.
//! * A space in the layout matches any run of spaces in the input.
//! * Month and weekday names (`Jan`, `January`, `Mon`, `Monday`) are matched
//!   ignoring ASCII case; the weekday is *not* checked against the date.
//! * `AM`/`PM` are case-sensitive; the zone `Z` must be upper-case.
//! * After the seconds, a `.` or `,` followed by digits is accepted as a
//!   fraction even when the layout has none; any number of digits is taken and
//!   truncated to nanoseconds.
//! * Ranges: month 1–12, day valid for the month (leap years included), hour
//!   0–23, minute and second 0–59 (no leap second `60`), numeric zone offsets
//!   up to `±24:60` (Go accepts 24 hours and 60 minutes there).
//! * A two-digit year `NN` is 19NN when NN ≥ 69, else 20NN. Go's `atoi` lets a
//!   sign through in two-digit years and in fixed-width fractions, so
//!   `02 Jan -1 15:04 MST` (year 1999) and `Feb 11 11:58:35.+12` are dates.
//! * Layouts without a year (`3:04PM`, `Jan _2 15:04:05`) give year 0, which
//!   Go's proleptic Gregorian calendar treats as a leap year.
//! * Zone abbreviations (`MST` in a layout) are any 3 upper-case letters, 4 or
//!   5 ending in `T`, `WITA`, `ChST`, `MeST`, `UTC`, `GMT` optionally followed
//!   by a signed hour up to 23 (`GMT+3`), or a bare signed hour (`+03`).
//!
//! Sources, all read from the stored public index:
//!
//! * the layout list: spf13/cast `internal/time.go` (`TimeFormats`), cast
//!   v1.10.0; spf13/cast's own `internal/time.go` is not in the index, so it
//!   was read from the vendored copy grafana/grafana
//!   `vendor/github.com/spf13/cast/internal/time.go` @
//!   d16ed8c570407556b64bc02edf77f5498097ae41 (identical in
//!   r3d5un/islandwind @ dee4687be235cfbc29fdcb967acf75ba2d471410, whose
//!   `vendor/modules.txt` pins `github.com/spf13/cast v1.10.0`); the caller is
//!   spf13/cast `time.go` @ 042eea3122793ed925728973be7618f2309f6981;
//! * Go semantics: golang/go `src/time/format.go` @
//!   08d2403576737c5735d0c1d356490e03a774dff6 (the RFC 3339 fast path in
//!   `format_rfc3339.go` accepts a subset of the generic parser);
//! * Hugo: gohugoio/hugo `resources/page/pagemeta/page_frontmatter.go` @
//!   04dad94dca6af23faedc932337e4618d92d8cb9c and `common/htime/time.go` @
//!   0114268c2b4c4cae9965b468f6eda8cb038c23a4.
//!
//! Not modelled: Go consults the machine's local zone when a parsed zone name
//! or offset matches one of its zones; that can only change how a
//! named-zone date's wall clock is read on such a machine.
//!
//! # `bcp47`
//!
//! [`is_bcp47`] accepts a *well-formed* language tag (RFC 5646 §2.2.9) using
//! `oxilangtag`: `zh-CN`, `en`, `zh-Hans-CN`, `x-private`, `i-klingon`. Tags
//! are case-insensitive (RFC 5646 §2.1.1), so `ZH-cn` and `I-KLINGON` are
//! accepted as written. Subtags are not checked against the IANA registry, so
//! well-formed but unregistered tags such as `qaa`, `xx` or `english` (a 5–8
//! letter primary subtag is allowed by the grammar) pass. No trimming: ` en` is
//! rejected, as are `zh_CN` and the empty string.

use oxilangtag::LanguageTag;

// ---------------------------------------------------------------------------
// The layout list
// ---------------------------------------------------------------------------

/// cast's `internal.TimeFormatType`: how `ParseDateWith` treats the zone of a
/// layout after `time.Parse` succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CastKind {
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
/// wins. Source: see the module documentation.
pub const HUGO_DATE_LAYOUTS: &[&str] = &LAYOUT_STRINGS;

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

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
    /// The Go layout that matched, one of [`HUGO_DATE_LAYOUTS`], e.g.
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

    /// Formats this date with a Go layout, as Go's `Time.Format` would print
    /// the same wall clock and zone. Returns `None` when the layout needs a
    /// numeric offset and the date has none ([`HugoZone::SiteDefault`]), when
    /// it needs a zone name that cannot be derived, or when a field is out of
    /// range. The result may drop information (`06`, `3:04PM`, a missing
    /// fraction, ...): use [`HugoDate::format_lossless`] to rewrite dates.
    pub fn format(&self, layout: &str) -> Option<String> {
        if !self.fields_valid() {
            return None;
        }
        let zone = self.hugo_zone();
        let mut out = String::with_capacity(layout.len() + 10);
        let mut rest = layout;
        loop {
            let (plen, tok) = next_std_chunk(rest.as_bytes());
            out.push_str(rest.get(..plen)?);
            let Some((std, tlen)) = tok else { break };
            rest = rest.get(plen + tlen..)?;
            self.append_std(&mut out, std, zone)?;
        }
        Some(out)
    }

    /// Formats this date with a Go layout, but only if Hugo reads the result
    /// as the same instant with the same offset (same wall clock and same
    /// [`HugoZone`]). The check re-parses the output with
    /// [`parse_hugo_date`], so the layout need not be one of
    /// [`HUGO_DATE_LAYOUTS`] as long as Hugo can read what it prints (e.g.
    /// `2006-01-02T15:04:05.999999999Z07:00` is read through RFC 3339).
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

    fn wall_clock(&self) -> (i32, u8, u8, u8, u8, u8, u32) {
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

    fn fields_valid(&self) -> bool {
        (0..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && i64::from(self.day) <= days_in(i64::from(self.month), i64::from(self.year))
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
            && self.nanosecond < 1_000_000_000
    }

    fn append_std(&self, out: &mut String, std: Std, zone: HugoZone) -> Option<()> {
        let year = i64::from(self.year);
        let month = i64::from(self.month);
        let day = i64::from(self.day);
        let hour = i64::from(self.hour);
        let month_name = LONG_MONTHS.get(usize::from(self.month).checked_sub(1)?)?;
        let weekday_name = LONG_DAYS.get(weekday(year, month, day))?;
        match std {
            Std::Year => push_int(out, year % 100, 2),
            Std::LongYear => push_int(out, year, 4),
            Std::Month => out.push_str(month_name.get(..3)?),
            Std::LongMonth => out.push_str(month_name),
            Std::NumMonth => push_int(out, month, 0),
            Std::ZeroMonth => push_int(out, month, 2),
            Std::WeekDay => out.push_str(weekday_name.get(..3)?),
            Std::LongWeekDay => out.push_str(weekday_name),
            Std::Day => push_int(out, day, 0),
            Std::UnderDay => {
                if day < 10 {
                    out.push(' ');
                }
                push_int(out, day, 0);
            }
            Std::ZeroDay => push_int(out, day, 2),
            Std::UnderYearDay | Std::ZeroYearDay => {
                let yday = year_day(year, month, day);
                if std == Std::UnderYearDay {
                    for limit in [100, 10] {
                        if yday < limit {
                            out.push(' ');
                        }
                    }
                    push_int(out, yday, 0);
                } else {
                    push_int(out, yday, 3);
                }
            }
            Std::Hour => push_int(out, hour, 2),
            Std::Hour12 | Std::ZeroHour12 => {
                let h = if hour % 12 == 0 { 12 } else { hour % 12 };
                push_int(out, h, if std == Std::ZeroHour12 { 2 } else { 0 });
            }
            Std::Minute => push_int(out, i64::from(self.minute), 0),
            Std::ZeroMinute => push_int(out, i64::from(self.minute), 2),
            Std::Second => push_int(out, i64::from(self.second), 0),
            Std::ZeroSecond => push_int(out, i64::from(self.second), 2),
            Std::PM => out.push_str(if hour >= 12 { "PM" } else { "AM" }),
            Std::Pm => out.push_str(if hour >= 12 { "pm" } else { "am" }),
            Std::Tz => {
                let name = match (&self.offset, zone) {
                    (Some(DateOffset::Named(n) | DateOffset::MinutesAndName(_, n)), _) => n.clone(),
                    (_, HugoZone::Fixed(0)) => "UTC".to_owned(),
                    (_, HugoZone::Fixed(m)) => {
                        // Go prints a nameless fixed zone as -0700.
                        let mut s = String::new();
                        push_offset(&mut s, m, Std::NumTz);
                        s
                    }
                    (_, HugoZone::SiteDefault) => return None,
                };
                out.push_str(&name);
            }
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
            | Std::NumTz
            | Std::NumSecondsTz
            | Std::NumShortTz
            | Std::NumColonTz
            | Std::NumColonSecondsTz => {
                let HugoZone::Fixed(minutes) = zone else {
                    return None;
                };
                push_offset(out, minutes, std);
            }
            Std::Frac { digits, trim, sep } => {
                if trim && self.nanosecond == 0 {
                    return Some(());
                }
                let mut frac = format!("{}{:09}", char::from(sep), self.nanosecond);
                frac.truncate(1 + digits.min(9));
                if trim {
                    while frac.ends_with('0') {
                        frac.pop();
                    }
                    if frac.len() == 1 {
                        frac.clear();
                    }
                }
                out.push_str(&frac);
            }
        }
        Some(())
    }
}

/// Parses `s` the way Hugo parses a front-matter date string: the first layout
/// of [`HUGO_DATE_LAYOUTS`] that Go's `time.Parse` accepts wins. `None` when
/// Hugo would reject the string.
pub fn parse_hugo_date(s: &str) -> Option<HugoDate> {
    HUGO_DATE_LAYOUTS
        .iter()
        .find_map(|layout| parse_with_layout(layout, s))
}

/// Whether Hugo accepts `s` as a front-matter date (format `hugo-date`).
pub fn is_hugo_date(s: &str) -> bool {
    parse_hugo_date(s).is_some()
}

/// Whether `s` is a well-formed BCP 47 (RFC 5646) language tag (format
/// `bcp47`). Case-insensitive; not checked against the IANA registry.
pub fn is_bcp47(s: &str) -> bool {
    LanguageTag::parse(s).is_ok()
}

// ---------------------------------------------------------------------------
// The Go layout interpreter (port of src/time/format.go)
// ---------------------------------------------------------------------------

/// A layout element (Go's `std*` constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Std {
    LongMonth,             // January
    Month,                 // Jan
    NumMonth,              // 1
    ZeroMonth,             // 01
    LongWeekDay,           // Monday
    WeekDay,               // Mon
    Day,                   // 2
    UnderDay,              // _2
    ZeroDay,               // 02
    UnderYearDay,          // __2
    ZeroYearDay,           // 002
    Hour,                  // 15
    Hour12,                // 3
    ZeroHour12,            // 03
    Minute,                // 4
    ZeroMinute,            // 04
    Second,                // 5
    ZeroSecond,            // 05
    LongYear,              // 2006
    Year,                  // 06
    PM,                    // PM
    Pm,                    // pm
    Tz,                    // MST
    Iso8601Tz,             // Z0700
    Iso8601SecondsTz,      // Z070000
    Iso8601ShortTz,        // Z07
    Iso8601ColonTz,        // Z07:00
    Iso8601ColonSecondsTz, // Z07:00:00
    NumTz,                 // -0700
    NumSecondsTz,          // -070000
    NumShortTz,            // -07
    NumColonTz,            // -07:00
    NumColonSecondsTz,     // -07:00:00
    /// `.000` (`trim == false`) or `.999` (`trim == true`); `sep` is `.` or `,`.
    Frac {
        digits: usize,
        trim: bool,
        sep: u8,
    },
}

/// Go's `std0x`: the elements `01` .. `06`.
const STD_0X: [Std; 6] = [
    Std::ZeroMonth,
    Std::ZeroDay,
    Std::ZeroHour12,
    Std::ZeroMinute,
    Std::ZeroSecond,
    Std::Year,
];

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Go's `nextStdChunk`: the length of the literal prefix before the first
/// layout element, and that element with its length in the layout (`None` at
/// the end). For `_2006` the `_` belongs to the prefix.
fn next_std_chunk(layout: &[u8]) -> (usize, Option<(Std, usize)>) {
    let at = |i: usize, s: &[u8]| layout.get(i..i + s.len()) == Some(s);
    let lower_at = |i: usize| layout.get(i).is_some_and(u8::is_ascii_lowercase);
    for (i, &c) in layout.iter().enumerate() {
        let found = match c {
            b'J' if at(i, b"Jan") => {
                if at(i, b"January") {
                    Some((i, Std::LongMonth, 7))
                } else if !lower_at(i + 3) {
                    Some((i, Std::Month, 3))
                } else {
                    None
                }
            }
            b'M' => {
                if at(i, b"Monday") {
                    Some((i, Std::LongWeekDay, 6))
                } else if at(i, b"Mon") && !lower_at(i + 3) {
                    Some((i, Std::WeekDay, 3))
                } else if at(i, b"MST") {
                    Some((i, Std::Tz, 3))
                } else {
                    None
                }
            }
            b'0' => match layout.get(i + 1) {
                Some(&d @ b'1'..=b'6') => STD_0X.get(usize::from(d - b'1')).map(|&std| (i, std, 2)),
                _ if at(i, b"002") => Some((i, Std::ZeroYearDay, 3)),
                _ => None,
            },
            b'1' if at(i, b"15") => Some((i, Std::Hour, 2)),
            b'1' => Some((i, Std::NumMonth, 1)),
            b'2' if at(i, b"2006") => Some((i, Std::LongYear, 4)),
            b'2' => Some((i, Std::Day, 1)),
            b'_' if at(i, b"_2006") => Some((i + 1, Std::LongYear, 4)),
            b'_' if at(i, b"_2") => Some((i, Std::UnderDay, 2)),
            b'_' if at(i, b"__2") => Some((i, Std::UnderYearDay, 3)),
            b'3' => Some((i, Std::Hour12, 1)),
            b'4' => Some((i, Std::Minute, 1)),
            b'5' => Some((i, Std::Second, 1)),
            b'P' if at(i, b"PM") => Some((i, Std::PM, 2)),
            b'p' if at(i, b"pm") => Some((i, Std::Pm, 2)),
            b'-' | b'Z' => {
                let iso = c == b'Z';
                let forms: [(&[u8], Std, Std); 5] = [
                    (b"070000", Std::Iso8601SecondsTz, Std::NumSecondsTz),
                    (
                        b"07:00:00",
                        Std::Iso8601ColonSecondsTz,
                        Std::NumColonSecondsTz,
                    ),
                    (b"0700", Std::Iso8601Tz, Std::NumTz),
                    (b"07:00", Std::Iso8601ColonTz, Std::NumColonTz),
                    (b"07", Std::Iso8601ShortTz, Std::NumShortTz),
                ];
                forms.iter().find(|(form, _, _)| at(i + 1, form)).map(
                    |&(form, iso_std, num_std)| {
                        (i, if iso { iso_std } else { num_std }, 1 + form.len())
                    },
                )
            }
            b'.' | b',' => match layout.get(i + 1) {
                Some(&ch @ (b'0' | b'9')) => {
                    let run = layout
                        .get(i + 1..)
                        .map_or(0, |r| r.iter().take_while(|&&b| b == ch).count());
                    let j = i + 1 + run;
                    // The run must end the number: only a fraction is all digits.
                    if is_digit(layout, j) {
                        None
                    } else {
                        let std = Std::Frac {
                            digits: run,
                            trim: ch == b'9',
                            sep: c,
                        };
                        Some((i, std, 1 + run))
                    }
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((prefix_len, std, len)) = found {
            return (prefix_len, Some((std, len)));
        }
    }
    (layout.len(), None)
}

fn is_digit(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_digit)
}

fn comma_or_period(b: u8) -> bool {
    b == b'.' || b == b','
}

/// Go's `match`: ASCII case-insensitive equality of letters.
fn ascii_letters_match(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(&c1, &c2)| {
            if c1 == c2 {
                return true;
            }
            let (l1, l2) = (c1 | 0x20, c2 | 0x20);
            l1 == l2 && l1.is_ascii_lowercase()
        })
}

/// Go's `lookup`: the index of the first table entry that prefixes `val`
/// (case-insensitively) and the rest of `val`.
fn lookup<'a>(table: &[&str], val: &'a [u8]) -> Option<(usize, &'a [u8])> {
    table.iter().enumerate().find_map(|(i, name)| {
        let head = val.get(..name.len())?;
        let rest = val.get(name.len()..)?;
        ascii_letters_match(head, name.as_bytes()).then_some((i, rest))
    })
}

/// Go's `getnum`: one or two digits (`fixed` demands two).
fn getnum(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let first = i64::from(s.first().filter(|b| b.is_ascii_digit())? - b'0');
    match s.get(1).filter(|b| b.is_ascii_digit()) {
        Some(&second) => Some((first * 10 + i64::from(second - b'0'), s.get(2..)?)),
        None if fixed => None,
        None => Some((first, s.get(1..)?)),
    }
}

/// Go's `getnum3`: one to three digits (`fixed` demands three).
fn getnum3(s: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let n = s.iter().take(3).take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || (fixed && n != 3) {
        return None;
    }
    let digits = s.get(..n)?;
    let value = digits
        .iter()
        .fold(0, |acc, &b| acc * 10 + i64::from(b - b'0'));
    Some((value, s.get(n..)?))
}

/// Go's `leadingInt`: the leading `[0-9]*` (possibly empty) as a number, or
/// `None` on overflow past 2^63.
fn leading_int(s: &[u8]) -> Option<(u64, &[u8])> {
    let mut x: u64 = 0;
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        if x > (1 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > 1 << 63 {
            return None;
        }
        i += 1;
    }
    Some((x, s.get(i..)?))
}

/// Go's `atoi`: an optional sign then digits, all of `s`. Like Go, a lone sign
/// or an empty string is 0.
fn atoi(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let (x, rem) = leading_int(digits)?;
    if !rem.is_empty() {
        return None;
    }
    let x = i64::try_from(x).ok()?;
    Some(if neg { -x } else { x })
}

/// Go's `parseNanoseconds`: `value[0]` is the separator, `value[1..nbytes]`
/// the digits (at most nine are used).
fn parse_nanoseconds(value: &[u8], nbytes: usize) -> Option<i64> {
    if !comma_or_period(*value.first()?) {
        return None;
    }
    let nbytes = nbytes.min(10);
    let ns = atoi(value.get(1..nbytes)?)?;
    if ns < 0 {
        return None; // "fractional second out of range"
    }
    Some(ns * 10_i64.pow(u32::try_from(10 - nbytes).ok()?))
}

/// Go's `skip`: consume the literal `prefix`, a space matching any run of
/// spaces (or the end of the input).
fn skip<'a>(mut value: &'a [u8], mut prefix: &[u8]) -> Option<&'a [u8]> {
    while let Some((&p, prest)) = prefix.split_first() {
        if p == b' ' {
            if value.first().is_some_and(|&v| v != b' ') {
                return None;
            }
            prefix = trim_spaces(prefix);
            value = trim_spaces(value);
            continue;
        }
        let (&v, vrest) = value.split_first()?;
        if v != p {
            return None;
        }
        prefix = prest;
        value = vrest;
    }
    Some(value)
}

fn trim_spaces(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| b == b' ').count();
    s.get(n..).unwrap_or(&[])
}

/// Go's `parseTimeZone`: the length of the zone abbreviation at the start of
/// `value`.
fn parse_time_zone(value: &[u8]) -> Option<usize> {
    if value.len() < 3 {
        return None;
    }
    if value.starts_with(b"ChST") || value.starts_with(b"MeST") {
        return Some(4);
    }
    if let Some(rest) = value.strip_prefix(b"GMT") {
        return Some(3 + parse_signed_offset(rest));
    }
    if matches!(value.first(), Some(b'+' | b'-')) {
        let n = parse_signed_offset(value);
        return (n > 0).then_some(n);
    }
    let upper = value
        .iter()
        .take(6)
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    match upper {
        3 => Some(3),
        4 if value.get(3) == Some(&b'T') || value.starts_with(b"WITA") => Some(4),
        5 if value.get(4) == Some(&b'T') => Some(5),
        _ => None,
    }
}

/// Go's `parseSignedOffset`: the length of a leading `+h`/`-hh` with the hour
/// at most 23, or 0.
fn parse_signed_offset(value: &[u8]) -> usize {
    let Some((&sign, rest)) = value.split_first() else {
        return 0;
    };
    if sign != b'+' && sign != b'-' {
        return 0;
    }
    match leading_int(rest) {
        Some((x, rem)) if rem.len() != rest.len() && x <= 23 => value.len() - rem.len(),
        _ => 0,
    }
}

/// Parses a numeric zone field; returns the offset in seconds east of UTC.
fn parse_numeric_zone(std: Std, value: &[u8]) -> Option<(i64, &[u8])> {
    let part = |a: usize, b: usize| value.get(a..b);
    let (hh, mm, ss, len): (&[u8], &[u8], &[u8], usize) = match std {
        Std::Iso8601ColonTz | Std::NumColonTz => {
            if value.get(3) != Some(&b':') {
                return None;
            }
            (part(1, 3)?, part(4, 6)?, b"00", 6)
        }
        Std::Iso8601ShortTz | Std::NumShortTz => (part(1, 3)?, b"00", b"00", 3),
        Std::Iso8601ColonSecondsTz | Std::NumColonSecondsTz => {
            if value.get(3) != Some(&b':') || value.get(6) != Some(&b':') {
                return None;
            }
            (part(1, 3)?, part(4, 6)?, part(7, 9)?, 9)
        }
        Std::Iso8601SecondsTz | Std::NumSecondsTz => (part(1, 3)?, part(3, 5)?, part(5, 7)?, 7),
        _ => (part(1, 3)?, part(3, 5)?, b"00", 5),
    };
    let hr = getnum(hh, true)?.0;
    let mi = getnum(mm, true)?.0;
    let se = getnum(ss, true)?.0;
    // Go uses `>` here on purpose: offsets of 24 hours, 60 minutes or 60
    // seconds are accepted.
    if hr > 24 || mi > 60 || se > 60 {
        return None;
    }
    let secs = (hr * 60 + mi) * 60 + se;
    let secs = match value.first()? {
        b'+' => secs,
        b'-' => -secs,
        _ => return None,
    };
    Some((secs, value.get(len..)?))
}

/// Go's `time.Parse(layout, value)`, keeping the zone as written.
fn parse_with_layout(layout: &'static str, value: &str) -> Option<HugoDate> {
    let mut lay = layout.as_bytes();
    let mut val = value.as_bytes();

    let mut year: i64 = 0;
    let mut month: i64 = -1;
    let mut day: i64 = -1;
    let mut yday: i64 = -1;
    let (mut hour, mut minute, mut second, mut nsec) = (0_i64, 0_i64, 0_i64, 0_i64);
    let (mut am, mut pm) = (false, false);
    let mut z_utc = false; // `Z` in an ISO zone field
    let mut zone_offset: Option<i64> = None; // seconds
    let mut zone_name: Option<String> = None;
    let mut has_time = false;

    loop {
        let (plen, tok) = next_std_chunk(lay);
        val = skip(val, lay.get(..plen)?)?;
        let Some((std, tlen)) = tok else {
            if !val.is_empty() {
                return None; // extra text
            }
            break;
        };
        lay = lay.get(plen + tlen..)?;
        match std {
            Std::Year => {
                let y = atoi(val.get(..2)?)?;
                val = val.get(2..)?;
                year = if y >= 69 { y + 1900 } else { y + 2000 };
            }
            Std::LongYear => {
                if !is_digit(val, 0) {
                    return None;
                }
                year = atoi(val.get(..4)?)?;
                val = val.get(4..)?;
            }
            Std::Month | Std::LongMonth => {
                let table = if std == Std::Month {
                    &SHORT_MONTHS
                } else {
                    &LONG_MONTHS
                };
                let (i, rest) = lookup(table, val)?;
                month = i64::try_from(i).ok()? + 1;
                val = rest;
            }
            Std::NumMonth | Std::ZeroMonth => {
                let (m, rest) = getnum(val, std == Std::ZeroMonth)?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                month = m;
                val = rest;
            }
            Std::WeekDay => val = lookup(&SHORT_DAYS, val)?.1,
            Std::LongWeekDay => val = lookup(&LONG_DAYS, val)?.1,
            Std::Day | Std::UnderDay | Std::ZeroDay => {
                if std == Std::UnderDay && val.first() == Some(&b' ') {
                    val = val.get(1..)?;
                }
                // Any one- or two-digit day; validated against the month below.
                (day, val) = getnum(val, std == Std::ZeroDay)?;
            }
            Std::UnderYearDay | Std::ZeroYearDay => {
                for _ in 0..2 {
                    if std == Std::UnderYearDay && val.first() == Some(&b' ') {
                        val = val.get(1..)?;
                    }
                }
                (yday, val) = getnum3(val, std == Std::ZeroYearDay)?;
            }
            Std::Hour => {
                has_time = true;
                (hour, val) = getnum(val, false)?;
                if hour >= 24 {
                    return None;
                }
            }
            Std::Hour12 | Std::ZeroHour12 => {
                has_time = true;
                (hour, val) = getnum(val, std == Std::ZeroHour12)?;
                if hour > 12 {
                    return None;
                }
            }
            Std::Minute | Std::ZeroMinute => {
                has_time = true;
                (minute, val) = getnum(val, std == Std::ZeroMinute)?;
                if minute >= 60 {
                    return None;
                }
            }
            Std::Second | Std::ZeroSecond => {
                has_time = true;
                (second, val) = getnum(val, std == Std::ZeroSecond)?;
                if second >= 60 {
                    return None;
                }
                // A fraction in the input but none in the layout: take it.
                let has_fraction =
                    val.first().is_some_and(|&b| comma_or_period(b)) && is_digit(val, 1);
                let layout_has_fraction =
                    matches!(next_std_chunk(lay).1, Some((Std::Frac { .. }, _)));
                if has_fraction && !layout_has_fraction {
                    let n = 2 + val
                        .get(2..)
                        .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
                    nsec = parse_nanoseconds(val, n)?;
                    val = val.get(n..)?;
                }
            }
            Std::PM | Std::Pm => {
                let (p_up, a_up): (&[u8], &[u8]) = if std == Std::PM {
                    (b"PM", b"AM")
                } else {
                    (b"pm", b"am")
                };
                let p = val.get(..2)?;
                if p == p_up {
                    pm = true;
                } else if p == a_up {
                    am = true;
                } else {
                    return None;
                }
                val = val.get(2..)?;
            }
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
                if val.first() == Some(&b'Z') =>
            {
                z_utc = true;
                val = val.get(1..)?;
            }
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
            | Std::NumTz
            | Std::NumSecondsTz
            | Std::NumShortTz
            | Std::NumColonTz
            | Std::NumColonSecondsTz => {
                let (secs, rest) = parse_numeric_zone(std, val)?;
                zone_offset = Some(secs);
                val = rest;
            }
            Std::Tz => {
                let n = if val.starts_with(b"UTC") {
                    3
                } else {
                    parse_time_zone(val)?
                };
                let name = std::str::from_utf8(val.get(..n)?).ok()?;
                zone_name = Some(name.to_owned());
                val = val.get(n..)?;
            }
            Std::Frac { digits, trim, .. } => {
                if !trim {
                    // Exactly as many digits as the layout has.
                    let n = 1 + digits;
                    nsec = parse_nanoseconds(val.get(..n)?, n)?;
                    val = val.get(n..)?;
                } else if val.first().is_some_and(|&b| comma_or_period(b)) && is_digit(val, 1) {
                    // Any number of digits, even more than asked for.
                    let n = 1 + val
                        .get(1..)
                        .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
                    nsec = parse_nanoseconds(val, n)?;
                    val = val.get(n..)?;
                } // else: fraction omitted
            }
        }
    }

    if pm && hour < 12 {
        hour += 12;
    } else if am && hour == 12 {
        hour = 0;
    }

    if yday >= 0 {
        let (mut m, mut d) = (0, 0);
        let mut yd = yday;
        if is_leap(year) {
            if yd == 31 + 29 {
                (m, d) = (2, 29);
            } else if yd > 31 + 29 {
                yd -= 1;
            }
        }
        if !(1..=365).contains(&yd) {
            return None;
        }
        if m == 0 {
            m = (yd - 1) / 31 + 1;
            if days_before(m + 1) < yd {
                m += 1;
            }
            d = yd - days_before(m);
        }
        if (month >= 0 && month != m) || (day >= 0 && day != d) {
            return None;
        }
        (month, day) = (m, d);
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }
    if day < 1 || day > days_in(month, year) {
        return None; // "day out of range"
    }

    let offset = match (zone_offset, zone_name) {
        (Some(secs), name) => {
            if secs % 60 != 0 {
                return None; // sub-minute offsets are not representable here
            }
            let minutes = i32::try_from(secs / 60).ok()?;
            Some(match name {
                Some(n) => DateOffset::MinutesAndName(minutes, n),
                None => DateOffset::Minutes(minutes),
            })
        }
        (None, Some(n)) if z_utc => Some(DateOffset::MinutesAndName(0, n)),
        (None, Some(n)) => Some(DateOffset::Named(n)),
        (None, None) if z_utc => Some(DateOffset::Utc),
        (None, None) => None,
    };

    Some(HugoDate {
        layout,
        year: i32::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: u8::try_from(second).ok()?,
        nanosecond: u32::try_from(nsec).ok()?,
        offset,
        has_time,
    })
}

/// The offset, in minutes, that Go's `time.Parse` gives a date whose zone was
/// written as `offset` (before cast's re-location): `UTC` by name wins over a
/// numeric offset, a numeric offset wins over other names, an unknown name
/// alone is a zero offset except `GMT±h`, no zone is UTC.
fn go_zone_minutes(offset: Option<&DateOffset>) -> i32 {
    match offset {
        None | Some(DateOffset::Utc) => 0,
        Some(DateOffset::Minutes(m)) => *m,
        Some(DateOffset::MinutesAndName(m, name)) => {
            if name == "UTC" {
                0
            } else {
                *m
            }
        }
        Some(DateOffset::Named(name)) => name
            .strip_prefix("GMT")
            .and_then(|h| atoi(h.as_bytes()))
            .and_then(|h| h.checked_mul(60))
            .and_then(|m| i32::try_from(m).ok())
            .unwrap_or(0),
    }
}

/// cast's classification of `layout`; for a layout outside cast's list, the
/// same classification derived from its elements.
fn cast_kind(layout: &str) -> CastKind {
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

// ---------------------------------------------------------------------------
// Calendar and printing helpers
// ---------------------------------------------------------------------------

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// Go's `daysBefore`: days before the first of `month` (1..=13) in a common
/// year.
fn days_before(month: i64) -> i64 {
    const TABLE: [i64; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| TABLE.get(i).copied())
        .unwrap_or(365)
}

fn year_day(year: i64, month: i64, day: i64) -> i64 {
    let leap_day = i64::from(is_leap(year) && month > 2);
    days_before(month) + day + leap_day
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Sunday.
fn weekday(year: i64, month: i64, day: i64) -> usize {
    let wd = (days_from_civil(year, month, day) + 4).rem_euclid(7);
    usize::try_from(wd).unwrap_or(0)
}

/// Go's `appendInt`: `x` zero-padded to `width` digits.
fn push_int(out: &mut String, x: i64, width: usize) {
    if x < 0 {
        out.push('-');
    }
    out.push_str(&format!("{:0width$}", x.unsigned_abs(), width = width));
}

/// A numeric zone as Go's `Time.Format` prints it for element `std`.
fn push_offset(out: &mut String, minutes: i32, std: Std) {
    let iso = matches!(
        std,
        Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
    );
    if minutes == 0 && iso {
        out.push('Z');
        return;
    }
    out.push(if minutes < 0 { '-' } else { '+' });
    let abs = i64::from(minutes.unsigned_abs());
    push_int(out, abs / 60, 2);
    let colon = matches!(
        std,
        Std::Iso8601ColonTz | Std::NumColonTz | Std::Iso8601ColonSecondsTz | Std::NumColonSecondsTz
    );
    if colon {
        out.push(':');
    }
    if !matches!(std, Std::Iso8601ShortTz | Std::NumShortTz) {
        push_int(out, abs % 60, 2);
    }
    match std {
        Std::Iso8601SecondsTz | Std::NumSecondsTz => out.push_str("00"),
        Std::Iso8601ColonSecondsTz | Std::NumColonSecondsTz => out.push_str(":00"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC3339_NANO: &str = "2006-01-02T15:04:05.999999999Z07:00";

    fn parse(s: &str) -> HugoDate {
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

    fn clock(d: &HugoDate) -> (i32, u8, u8, u8, u8, u8, u32) {
        d.wall_clock()
    }

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

    #[test]
    fn tokenizer_follows_go() {
        let toks = |layout: &str| {
            let mut out = Vec::new();
            let mut rest = layout.as_bytes();
            while let (plen, Some((std, tlen))) = next_std_chunk(rest) {
                out.push((String::from_utf8_lossy(&rest[..plen]).into_owned(), std));
                rest = &rest[plen + tlen..];
            }
            out
        };
        assert_eq!(
            toks("Mon Jan _2 15:04:05 MST 2006"),
            vec![
                (String::new(), Std::WeekDay),
                (" ".into(), Std::Month),
                (" ".into(), Std::UnderDay),
                (" ".into(), Std::Hour),
                (":".into(), Std::ZeroMinute),
                (":".into(), Std::ZeroSecond),
                (" ".into(), Std::Tz),
                (" ".into(), Std::LongYear),
            ]
        );
        assert_eq!(
            toks("x_2006 __2 002 Monthly"),
            vec![
                ("x_".into(), Std::LongYear),
                (" ".into(), Std::UnderYearDay),
                (" ".into(), Std::ZeroYearDay),
                // "Monthly": "Mon" followed by a lower-case letter is literal,
                // but "onthly" holds no element.
            ]
        );
        assert_eq!(
            toks(".000 ,999 .00x Z07:00:00 -07 3:4:5 PM pm"),
            vec![
                (
                    String::new(),
                    Std::Frac {
                        digits: 3,
                        trim: false,
                        sep: b'.'
                    }
                ),
                (
                    " ".into(),
                    Std::Frac {
                        digits: 3,
                        trim: true,
                        sep: b','
                    }
                ),
                (
                    " ".into(),
                    Std::Frac {
                        digits: 2,
                        trim: false,
                        sep: b'.'
                    }
                ),
                ("x ".into(), Std::Iso8601ColonSecondsTz),
                (" ".into(), Std::NumShortTz),
                (" ".into(), Std::Hour12),
                (":".into(), Std::Minute),
                (":".into(), Std::Second),
                (" ".into(), Std::PM),
                (" ".into(), Std::Pm),
            ]
        );
        // A fraction followed by a digit is not a fraction.
        // (Go then finds `01` inside it.)
        assert_eq!(toks(".001"), vec![(".0".into(), Std::ZeroMonth)]);
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

    #[test]
    fn impossible_dates_and_leap_years() {
        for s in [
            "2025-13-45",
            "2025-02-30",
            "2023-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-00-10",
            "2025-01-00",
            "2025-01-32",
            "Feb 30 12:00:00",
            "30 Feb 2024",
        ] {
            assert!(!is_hugo_date(s), "{s:?}");
        }
        for s in [
            "2024-02-29",
            "2000-02-29",
            "0000-02-29",
            "9999-12-31",
            "29 Feb 2024",
        ] {
            assert!(is_hugo_date(s), "{s:?}");
        }
        // Year 0 is a leap year in Go's calendar, so Stamp accepts Feb 29.
        assert_eq!(clock(&parse("Feb 29 12:00:00")), (0, 2, 29, 12, 0, 0, 0));
        assert!(!is_hugo_date("10000-01-01"));
        assert!(!is_hugo_date("999-01-01"));
    }

    #[test]
    fn clock_ranges() {
        assert!(!is_hugo_date("2025-02-11 24:00:00"));
        assert!(!is_hugo_date("2025-02-11 23:60:00"));
        assert!(!is_hugo_date("2025-02-11 23:59:60")); // no leap second
        assert!(is_hugo_date("2025-02-11 23:59:59"));
        assert!(is_hugo_date("2025-02-11 00:00:00"));
        // `15` takes one or two digits, `04` and `05` exactly two.
        assert_eq!(parse("2025-02-11 1:58:35").hour, 1);
        assert!(!is_hugo_date("2025-02-11 11:5:35"));
        assert!(!is_hugo_date("2025-02-11 11:58:3"));
        assert!(!is_hugo_date("2025-02-11 111:58:35"));
    }

    #[test]
    fn kitchen_am_pm() {
        assert_eq!(parse("12:00AM").hour, 0);
        assert_eq!(parse("12:30PM").hour, 12);
        assert_eq!(parse("0:15AM").hour, 0);
        assert_eq!(parse("0:15PM").hour, 12);
        assert_eq!(parse("03:04PM").hour, 15);
        assert_eq!(parse("11:58AM").hour, 11);
        assert!(!is_hugo_date("13:00PM"));
        assert!(!is_hugo_date("3:04pm")); // AM/PM is case-sensitive
        assert!(!is_hugo_date("3:4PM"));
        assert!(!is_hugo_date("3:04"));
    }

    #[test]
    fn zone_forms() {
        use DateOffset::*;
        let off = |s: &str| parse(s).offset;
        assert_eq!(off("2025-02-11T11:58:35-07:00"), Some(Minutes(-420)));
        assert_eq!(off("2025-02-11T11:58:35+00:00"), Some(Minutes(0)));
        assert_eq!(off("2025-02-11T11:58:35+05:45"), Some(Minutes(345)));
        // Go accepts offset hours up to 24 and minutes up to 60.
        assert_eq!(off("2025-02-11T11:58:35+24:00"), Some(Minutes(1440)));
        assert_eq!(off("2025-02-11T11:58:35+24:60"), Some(Minutes(1500)));
        assert!(!is_hugo_date("2025-02-11T11:58:35+25:00"));
        assert!(!is_hugo_date("2025-02-11T11:58:35+08:61"));
        assert!(!is_hugo_date("2025-02-11T11:58:35z"));
        assert!(!is_hugo_date("2025-02-11T11:58:35 Z"));
        assert!(!is_hugo_date("2025-02-11T11:58:35+8:00"));
        assert!(!is_hugo_date("2025-02-11T11:58:35*08:00"));
        assert_eq!(off("2025-02-11 11:58:35Z"), Some(Utc));
        assert_eq!(off("2025-02-11 11:58:35-0330"), Some(Minutes(-210)));
        assert_eq!(off("02 Jan 06 15:04 -0700"), Some(Minutes(-420)));

        // Abbreviations.
        for name in [
            "MST", "CET", "CEST", "AEDT", "ACWST", "WITA", "ChST", "MeST", "GMT", "GMT+3",
            "GMT-11", "UTC", "+03", "-11",
        ] {
            let s = format!("Tue, 11 Feb 2025 11:58:35 {name}");
            assert_eq!(off(&s), Some(Named(name.to_owned())), "{s:?}");
            assert_eq!(parse(&s).hugo_zone(), HugoZone::SiteDefault);
        }
        for name in [
            "ABCD", "ABCDE", "ABCDEF", "Gmt", "cet", "XX", "GMT+24", "+24", "+08:00", "GMT+",
        ] {
            let s = format!("Tue, 11 Feb 2025 11:58:35 {name}");
            assert!(!is_hugo_date(&s), "{s:?}");
        }

        // Time.String(): the numeric offset counts, except that a `UTC` name
        // makes Go read the wall clock as UTC.
        let d = parse("2025-02-11 11:58:35 +0800 CST");
        assert_eq!(d.offset, Some(MinutesAndName(480, "CST".into())));
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(480));
        let d = parse("2025-02-11 11:58:35 +0800 UTC");
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(0));
        let d = parse("2025-02-11 11:58:35 +0000 UTC");
        assert_eq!(d.offset, Some(MinutesAndName(0, "UTC".into())));
        assert_eq!(d.hugo_zone(), HugoZone::Fixed(0));
        // Named-only zone in Numeric form is impossible; the go_zone helper
        // still follows Go for custom layouts.
        assert_eq!(go_zone_minutes(Some(&Named("GMT+3".into()))), 180);
        assert_eq!(go_zone_minutes(Some(&Named("PST".into()))), 0);
        let huge = format!("GMT+{}", "9".repeat(18));
        assert_eq!(go_zone_minutes(Some(&Named(huge))), 0);
    }

    #[test]
    fn fractional_seconds() {
        let ns = |s: &str| parse(s).nanosecond;
        // Accepted after the seconds even when the layout has no fraction.
        assert_eq!(ns("2025-02-11 11:58:35.5"), 500_000_000);
        assert_eq!(ns("2025-02-11T11:58:35.000001Z"), 1_000);
        assert_eq!(ns("2025-02-11T11:58:35,5Z"), 500_000_000); // comma too
        assert_eq!(ns("2025-02-11T11:58:35.1234567891Z"), 123_456_789); // truncated
        assert_eq!(ns("Tue, 11 Feb 2025 11:58:35.25 GMT"), 250_000_000);
        assert_eq!(ns("2025-02-11 11:58:35 +0800 CST"), 0); // `.999` omitted
        assert_eq!(ns("2025-02-11 11:58:35.1 +0800 CST"), 100_000_000);
        assert_eq!(
            ns("2025-02-11 11:58:35,123456789123 +0800 CST"),
            123_456_789
        );
        assert!(!is_hugo_date("2025-02-11 11:58:35."));
        assert!(!is_hugo_date("2025-02-11T11:58:35.Z"));
        assert!(!is_hugo_date("2025-02-11T11:58:35..5Z"));
        assert!(!is_hugo_date("2025-02-11.5"));
        // A thousand digits are fine (Go takes them all).
        let long = format!("2025-02-11T11:58:35.{}Z", "7".repeat(1000));
        assert_eq!(ns(&long), 777_777_777);
        // Fixed-width fractions demand their width.
        assert!(parse_with_layout("Jan _2 15:04:05.000", "Feb 11 11:58:35.1234").is_none());
        assert_eq!(
            parse_with_layout("Jan _2 15:04:05.000", "Feb 11 11:58:35,123").map(|d| d.nanosecond),
            Some(123_000_000)
        );
    }

    #[test]
    fn names_spaces_and_years() {
        // Month and weekday names ignore case; the weekday is not checked.
        assert!(is_hugo_date("tue, 11 FEB 2025 11:58:35 GMT"));
        assert!(is_hugo_date("Mon, 11 Feb 2025 11:58:35 GMT"));
        assert!(is_hugo_date("Fri Feb 11 11:58:35 2025"));
        assert!(!is_hugo_date("Foo Feb 11 11:58:35 2025"));
        assert!(!is_hugo_date("Tue, 11 Fev 2025 11:58:35 GMT"));
        assert!(is_hugo_date("TUESDAY, 11-feb-25 11:58:35 UTC"));
        // `_2`: a space-padded or plain day; `02`: two digits.
        assert_eq!(parse("Sat Feb 1 11:58:35 2025").day, 1);
        assert_eq!(parse("Sat Feb 01 11:58:35 2025").day, 1);
        assert_eq!(parse("Sat Feb  1 11:58:35 2025").day, 1);
        // A layout space matches a run of spaces, but only spaces.
        assert!(is_hugo_date("2025-02-11   11:58:35"));
        assert!(!is_hugo_date("2025-02-11\t11:58:35"));
        // No trimming.
        for s in [
            " 2025-02-11",
            "2025-02-11 ",
            "2025-02-11\n",
            "\u{feff}2025-02-11",
        ] {
            assert!(!is_hugo_date(s), "{s:?}");
        }
        // Two-digit years pivot at 69, and Go's atoi lets a sign through.
        assert_eq!(parse("11 Feb 69 11:58 CET").year, 1969);
        assert_eq!(parse("11 Feb 68 11:58 CET").year, 2068);
        assert_eq!(parse("11 Feb 00 11:58 CET").year, 2000);
        assert_eq!(parse("11 Feb -1 11:58 CET").year, 1999);
        assert_eq!(parse("11 Feb +5 11:58 CET").year, 2005);
        assert!(!is_hugo_date("11 Feb +- 11:58 CET"));
        assert_eq!(parse("0000-01-01").year, 0);
        assert!(!is_hugo_date("+025-01-01"));
    }

    #[test]
    fn garbage_and_hostile_input() {
        for s in [
            "",
            " ",
            "garbage",
            "2025",
            "2025-02",
            "now",
            "today",
            "2025-02-11T11:58:35+08:00 extra",
            "2025-02-11T11:58:35+08:00\0",
            "null",
            "1739275115",
            "Z",
            "PM",
            "-",
            ".",
            "Jan",
            "Monday",
        ] {
            assert!(!is_hugo_date(s), "{s:?}");
        }
        // Huge input.
        assert!(!is_hugo_date(&"9".repeat(1 << 20)));
        assert!(!is_hugo_date(&" ".repeat(1 << 20)));
        assert!(!is_hugo_date(&format!(
            "2025-02-11 {}",
            " ".repeat(1 << 20)
        )));
        assert!(!is_hugo_date(&format!(
            "2025-02-11T11:58:35.{}x",
            "1".repeat(1 << 20)
        )));
        assert!(is_hugo_date(&format!(
            "2025-02-11T11:58:35.{}",
            "1".repeat(1 << 20)
        )));
        assert!(is_hugo_date(&format!(
            "2025-02-11T11:58:35.{}Z",
            "1".repeat(1 << 20)
        )));
        assert!(!is_hugo_date(&format!(
            "Tue, 11 Feb 2025 11:58:35 GMT+{}",
            "9".repeat(100)
        )));
        // Non-ASCII.
        for s in [
            "２０２５-02-11",
            "2025-02-11T11:58:35+08:00é",
            "2025-02-11 11:58:35 ÜTC",
            "Tue, 11 Fé 2025 11:58:35 GMT",
            "Fé 11 11:58:35",
            "11 Fеb 2025", // Cyrillic е
            "日本",
            "é",
            "\u{1F600}",
        ] {
            assert!(!is_hugo_date(s), "{s:?}");
        }
    }

    /// Every prefix and every insertion of a multi-byte character, at every
    /// char boundary of every example, parses or fails without panicking.
    #[test]
    fn no_panic_on_any_cut_or_insertion() {
        let examples = [
            "2025-02-11T11:58:35.123+08:00",
            "Tue, 11 Feb 2025 11:58:35 GMT+3",
            "2025-02-11 11:58:35.123456789 +0800 ChST",
            "Monday, 02-Jan-06 15:04:05 MST",
            "Sat Feb  1 11:58:35 CET 2025",
            "Feb 11 11:58:35.123456789",
            "12:00AM",
            "11 Feb 25 11:58 -0700",
        ];
        for ex in examples {
            for (i, _) in ex.char_indices().chain([(ex.len(), ' ')]) {
                let _ = parse_hugo_date(&ex[..i]);
                let _ = parse_hugo_date(&ex[i..]);
                for ins in ["é", "€", "\u{1F600}", "\u{0}", " "] {
                    let s = format!("{}{}{}", &ex[..i], ins, &ex[i..]);
                    let _ = parse_hugo_date(&s);
                }
            }
        }
    }

    #[test]
    fn format_prints_like_go() {
        let d = parse("2025-02-01 09:05:03.120");
        assert_eq!(
            d.format("Mon Jan _2 15:04:05 2006").as_deref(),
            Some("Sat Feb  1 09:05:03 2025")
        );
        assert_eq!(
            d.format("Monday, January 2, 2006 3:4:5 pm").as_deref(),
            Some("Saturday, February 1, 2025 9:5:3 am")
        );
        assert_eq!(
            d.format("2006-002 __2 06 01/02 03PM").as_deref(),
            Some("2025-032  32 25 02/01 09AM")
        );
        assert_eq!(
            d.format("05.000 05.999 05,9 05.000000000").as_deref(),
            Some("03.120 03.12 03,1 03.120000000")
        );
        // A date without zone has no offset to print.
        assert_eq!(d.format("2006-01-02T15:04:05Z07:00"), None);
        assert_eq!(d.format("MST"), None);

        let d = parse("2024-12-31T23:59:59-03:30");
        assert_eq!(
            d.format("Z07:00 Z0700 Z07 -07:00:00 -070000 MST")
                .as_deref(),
            Some("-03:30 -0330 -03 -03:30:00 -033000 -0330")
        );
        assert_eq!(d.format("__2 002").as_deref(), Some("366 366"));
        let d = parse("2025-02-11T11:58:35Z");
        assert_eq!(
            d.format("Z07:00 -07:00 Z0700 -0700 MST").as_deref(),
            Some("Z +00:00 Z +0000 UTC")
        );
        // Weekdays over the proleptic Gregorian calendar.
        assert_eq!(parse("0000-01-01").format("Mon").as_deref(), Some("Sat"));
        assert_eq!(parse("2000-01-01").format("Mon").as_deref(), Some("Sat"));
        assert_eq!(parse("1970-01-01").format("Mon").as_deref(), Some("Thu"));
        assert_eq!(parse("9999-12-31").format("Mon").as_deref(), Some("Fri"));
        // Layout text may be non-ASCII.
        assert_eq!(
            parse("2025-02-11").format("2006年01月02日").as_deref(),
            Some("2025年02月11日")
        );
        // Invalid fields are refused, not printed.
        let mut bad = parse("2025-02-11");
        bad.month = 13;
        assert_eq!(bad.format("2006-01-02"), None);
        bad.month = 2;
        bad.day = 29;
        assert_eq!(bad.format("2006-01-02"), None);
    }

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

    #[test]
    fn bcp47() {
        for s in [
            "zh-CN",
            "en",
            "en-US",
            "zh-Hans-CN",
            "x-private",
            "i-klingon",
            "ZH-cn", // case-insensitive per RFC 5646
            "EN-us",
            "I-KLINGON",
            "X-PRIVATE",
            "de-DE-1996",
            "sgn-BE-FR",
            "es-419",
            "en-US-u-ca-gregory",
            "en-a-bbb-x-a-ccc",
            "zh-yue-HK",
            "qaa",     // well-formed, private-use range
            "english", // 5-8 letters is a well-formed primary subtag
        ] {
            assert!(is_bcp47(s), "{s:?}");
        }
        for s in [
            "zh_CN",
            "",
            "english-language-tag-too-long",
            "en-",
            "-en",
            " en",
            "en ",
            "a",
            "englishxx",
            "en-x",
            "en-a-x",
            "en-US-US",
            "en-aaa-bbb-ccc-ddd",
            "ÉN",
            "日本語",
            "en\u{0}",
        ] {
            assert!(!is_bcp47(s), "{s:?}");
        }
        assert!(!is_bcp47(&"a".repeat(1 << 20)));
        assert!(!is_bcp47(&"en-".repeat(1 << 18)));
    }
}
