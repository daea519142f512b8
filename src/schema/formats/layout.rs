//! Go layout strings: their elements (`2006`, `Jan`, `Z07:00`, ...), Go's
//! `nextStdChunk` tokenizer, and the month and weekday names they spell.
//! Ported from golang/go `src/time/format.go` @
//! 08d2403576737c5735d0c1d356490e03a774dff6.

/// A layout element (Go's `std*` constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Std {
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

pub(super) const LONG_MONTHS: [&str; 12] = [
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
pub(super) const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub(super) const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub(super) const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Go's `nextStdChunk`: the length of the literal prefix before the first
/// layout element, and that element with its length in the layout (`None` at
/// the end). For `_2006` the `_` belongs to the prefix.
pub(super) fn next_std_chunk(layout: &[u8]) -> (usize, Option<(Std, usize)>) {
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

pub(super) fn is_digit(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
