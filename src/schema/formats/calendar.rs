//! Calendar arithmetic in Go's proleptic Gregorian calendar: leap years,
//! month lengths, day of the year and weekday.

pub(super) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub(super) fn days_in(month: i64, year: i64) -> i64 {
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
pub(super) fn days_before(month: i64) -> i64 {
    const TABLE: [i64; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| TABLE.get(i).copied())
        .unwrap_or(365)
}

pub(super) fn year_day(year: i64, month: i64, day: i64) -> i64 {
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
pub(super) fn weekday(year: i64, month: i64, day: i64) -> usize {
    let wd = (days_from_civil(year, month, day) + 4).rem_euclid(7);
    usize::try_from(wd).unwrap_or(0)
}
