//! Go's `Time.Format` for a [`HugoDate`]: prints its wall clock and zone in
//! any Go layout.

use super::calendar::{weekday, year_day};
use super::date::{DateOffset, HugoDate, HugoZone};
use super::layout::{next_std_chunk, Std, LONG_DAYS, LONG_MONTHS};

impl HugoDate {
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
    use crate::schema::formats::tests::parse;

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
}
