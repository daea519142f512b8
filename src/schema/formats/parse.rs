//! Go's `time.Parse(layout, value)`, ported from golang/go `src/time/format.go`
//! @ 08d2403576737c5735d0c1d356490e03a774dff6 (the RFC 3339 fast path in
//! `format_rfc3339.go` accepts a subset of the generic parser), keeping the
//! zone as written. Go's rules are followed exactly, including the surprising
//! ones:
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

use super::calendar::{days_before, days_in, is_leap};
use super::date::{DateOffset, HugoDate};
use super::layout::{
    is_digit, next_std_chunk, Std, LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS,
};

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

/// A layout cut into its elements once (Go's `nextStdChunk` run to the end): the literal
/// text before each element, and the element; the last entry has none. Dates are parsed
/// against the same few layouts over and over: cutting each once saves most of the work.
pub(super) struct Chunks {
    layout: &'static str,
    chunks: Vec<(&'static [u8], Option<Std>)>,
}

impl Chunks {
    pub(super) fn new(layout: &'static str) -> Self {
        let mut rest = layout.as_bytes();
        let mut chunks = Vec::new();
        loop {
            let (plen, tok) = next_std_chunk(rest);
            let literal = rest.get(..plen).unwrap_or(rest);
            let Some((std, tlen)) = tok else {
                chunks.push((literal, None));
                break;
            };
            chunks.push((literal, Some(std)));
            rest = rest.get(plen + tlen..).unwrap_or_default();
        }
        Chunks { layout, chunks }
    }
}

/// Go's `time.Parse(layout, value)`, keeping the zone as written (the tests' entry;
/// fmlint itself parses with layouts cut once, [`parse_with_chunks`]).
#[cfg(test)]
pub(super) fn parse_with_layout(layout: &'static str, value: &str) -> Option<HugoDate> {
    parse_with_chunks(&Chunks::new(layout), value)
}

/// [`parse_with_layout`] with the layout already cut.
pub(super) fn parse_with_chunks(layout: &Chunks, value: &str) -> Option<HugoDate> {
    let mut chunks = layout.chunks.iter().peekable();
    let layout = layout.layout;
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

    while let Some(&(literal, tok)) = chunks.next() {
        val = skip(val, literal)?;
        let Some(std) = tok else {
            if !val.is_empty() {
                return None; // extra text
            }
            break;
        };
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
                    matches!(chunks.peek(), Some((_, Some(Std::Frac { .. }))));
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
pub(super) fn go_zone_minutes(offset: Option<&DateOffset>) -> i32 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::formats::tests::{clock, parse};
    use crate::schema::formats::{is_hugo_date, parse_hugo_date, HugoZone};

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
}
