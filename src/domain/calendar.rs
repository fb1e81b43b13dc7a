//! An edition's calendar (docs/text.md#calendars): Iranian festivals date things in the Solar Hijri
//! calendar (Fajr runs in Bahman), Iraqi ones often in the Hijri calendar as well. The store keeps
//! every date as a Gregorian `NaiveDate`; this module is the one place that converts to and from
//! the calendar an edition keeps and writes its dates for people ([`format_date`],
//! [`format_date_long`]), so the desk, the `list` tables, the palmarès and printed documents all
//! say the same thing.
//!
//! The arithmetic is ICU4X's (`icu_calendar`), never ours. For `islamic` it is the Umm al-Qura
//! calendar: the Hijri calendar published in advance (by Saudi Arabia's KACST) that ICU and CLDR use
//! for the Arab world, so a festival's future dates are fixed when they are typed. The civil (tabular)
//! calendar is an arithmetic approximation that drifts a day or two from every published one; months
//! decided by sighting the crescent cannot be known in advance at all. A date near the turn of a month
//! may still differ by a day from the one a local office announced; the Gregorian date beside it is
//! what jurydesk keeps.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::{Hijri, Persian};
use icu_calendar::{Date, Iso};
use serde::{Deserialize, Serialize};

/// The calendar an edition shows and reads its dates in, beside the Gregorian one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Calendar {
    #[default]
    Gregorian,
    /// The Solar Hijri (Persian) calendar of Iran: 1403-11-12 is 2025-01-31.
    Persian,
    /// The Hijri calendar, Umm al-Qura (see the module's comment for why this one).
    Islamic,
}

/// A day in an edition's calendar, as numbers (month 1 is Farvardin or Muharram).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a date typed in an edition's calendar is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("'{typed}' is not a date: write it as YYYY-MM-DD, e.g. {example}")]
    Shape {
        typed: String,
        example: &'static str,
    },
    #[error(
        "'{typed}' is not a day of the {calendar} calendar: write YYYY-MM-DD with a month from 1 to 12 and a day that month has"
    )]
    NoSuchDay {
        typed: String,
        calendar: &'static str,
    },
    #[error("unknown calendar '{0}': use gregorian, persian or islamic")]
    Unknown(String),
}

impl Calendar {
    pub const ALL: [Calendar; 3] = [Calendar::Gregorian, Calendar::Persian, Calendar::Islamic];

    /// The name typed on the command line and written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Persian => "persian",
            Calendar::Islamic => "islamic",
        }
    }

    /// The calendar's name in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Calendar::Gregorian => "Gregorian",
            Calendar::Persian => "Solar Hijri",
            Calendar::Islamic => "Hijri (Umm al-Qura)",
        }
    }

    /// The era written after a local date: SH (Solar Hijri), AH (Anno Hegirae); none for Gregorian.
    pub fn era(self) -> &'static str {
        match self {
            Calendar::Gregorian => "",
            Calendar::Persian => "SH",
            Calendar::Islamic => "AH",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Calendar::Gregorian => "2025-05-17",
            Calendar::Persian => "1403-11-12",
            Calendar::Islamic => "1446-08-01",
        }
    }

    fn month_names(self) -> &'static [&'static str; 12] {
        match self {
            Calendar::Gregorian => &[
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
            ],
            Calendar::Persian => &[
                "Farvardin",
                "Ordibehesht",
                "Khordad",
                "Tir",
                "Mordad",
                "Shahrivar",
                "Mehr",
                "Aban",
                "Azar",
                "Dey",
                "Bahman",
                "Esfand",
            ],
            Calendar::Islamic => &[
                "Muharram",
                "Safar",
                "Rabi al-Awwal",
                "Rabi al-Thani",
                "Jumada al-Ula",
                "Jumada al-Akhirah",
                "Rajab",
                "Shaban",
                "Ramadan",
                "Shawwal",
                "Dhu al-Qadah",
                "Dhu al-Hijjah",
            ],
        }
    }

    /// `date` in this calendar; `None` for the Gregorian one (there is nothing to add beside it) or a
    /// date outside the range ICU4X converts.
    pub fn local(self, date: NaiveDate) -> Option<LocalDate> {
        let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
        let (year, month, day) = match self {
            Calendar::Gregorian => return None,
            Calendar::Persian => parts(&iso.to_calendar(Persian)),
            Calendar::Islamic => parts(&iso.to_calendar(Hijri::new_umm_al_qura())),
        };
        Some(LocalDate { year, month, day })
    }

    /// The Gregorian day of `year-month-day` in this calendar.
    pub fn gregorian(self, year: i32, month: u8, day: u8) -> Option<NaiveDate> {
        let iso: Date<Iso> = match self {
            Calendar::Gregorian => Date::try_new_iso(year, month, day).ok()?,
            Calendar::Persian => Date::try_new_persian(year, month, day)
                .ok()?
                .to_calendar(Iso),
            Calendar::Islamic => {
                Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
                    .ok()?
                    .to_calendar(Iso)
            }
        };
        let (y, m, d) = parts(&iso);
        NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d))
    }

    /// A date typed as `YYYY-MM-DD` in this calendar, with ASCII, Persian or Arabic-Indic digits
    /// (`۱۴۰۳-۱۱-۱۲`). In a Solar Hijri or Hijri edition a Gregorian date is still taken as one when
    /// its year is 1900 or later: no year of either calendar reaches 1900 before the 2500s, so an ISO
    /// date pasted from elsewhere cannot be mistaken for a local one.
    pub fn parse_date(self, typed: &str) -> Result<NaiveDate, CalendarError> {
        let text = crate::text::digits::to_ascii(typed.trim());
        let shape = || CalendarError::Shape {
            typed: typed.trim().to_string(),
            example: self.example(),
        };
        let mut fields = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(shape());
        };
        let all_digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !(all_digits(y, 4..=4) && all_digits(m, 1..=2) && all_digits(d, 1..=2)) {
            return Err(shape());
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>())
        else {
            return Err(shape());
        };
        let calendar = if year >= 1900 {
            Calendar::Gregorian
        } else {
            self
        };
        calendar
            .gregorian(year, month, day)
            .ok_or_else(|| CalendarError::NoSuchDay {
                typed: typed.trim().to_string(),
                calendar: calendar.label(),
            })
    }
}

fn parts<A: icu_calendar::AsCalendar>(date: &Date<A>) -> (i32, u8, u8) {
    (
        // The year counted from the calendar's epoch: the era year for dates after it (AH, SH).
        date.year().extended_year(),
        date.month().ordinal,
        date.day_of_month().0,
    )
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Calendar {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        match wanted.as_str() {
            "gregorian" | "iso" => Ok(Calendar::Gregorian),
            "persian" | "solar-hijri" | "jalali" | "shamsi" => Ok(Calendar::Persian),
            "islamic" | "hijri" | "islamic-umalqura" | "qamari" => Ok(Calendar::Islamic),
            _ => Err(CalendarError::Unknown(s.trim().to_string())),
        }
    }
}

/// An edition's date as people read it: the ISO Gregorian date, then the same day in the edition's
/// calendar (`2025-01-31 (1403-11-12 SH)`); the ISO date alone in a Gregorian edition. The one
/// function every face and printed document calls for an edition's dates.
pub fn format_date(calendar: Calendar, date: NaiveDate) -> String {
    match calendar.local(date) {
        Some(local) => format!("{date} ({local} {})", calendar.era()),
        None => date.to_string(),
    }
}

/// The same in words, for prose and printed documents: `31 January 2025 (12 Bahman 1403 SH)`.
pub fn format_date_long(calendar: Calendar, date: NaiveDate) -> String {
    let names = Calendar::Gregorian.month_names();
    let gregorian = format!(
        "{} {} {}",
        date.day(),
        names[date.month0() as usize],
        date.year()
    );
    match calendar.local(date) {
        Some(local) => format!(
            "{gregorian} ({} {} {} {})",
            local.day,
            calendar.month_names()[usize::from(local.month.saturating_sub(1)).min(11)],
            local.year,
            calendar.era()
        ),
        None => gregorian,
    }
}

/// A period `start – end` as [`format_date`] writes each end; `None` when neither is known.
pub fn format_period(
    calendar: Calendar,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => Some(format!(
            "{} – {}",
            format_date(calendar, s),
            format_date(calendar, e)
        )),
        (Some(s), None) => Some(format!("from {}", format_date(calendar, s))),
        (None, Some(e)) => Some(format!("until {}", format_date(calendar, e))),
        (None, None) => None,
    }
}

/// The local form of `date` for JSON (`"1403-11-12"`), or `None` in a Gregorian edition.
pub fn local_iso(calendar: Calendar, date: Option<NaiveDate>) -> Option<String> {
    date.and_then(|d| calendar.local(d)).map(|l| l.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn nowruz_1404_is_the_21st_of_march_2025() {
        assert_eq!(
            Calendar::Persian.gregorian(1404, 1, 1),
            Some(day(2025, 3, 21))
        );
        assert_eq!(
            Calendar::Persian.local(day(2025, 3, 21)),
            Some(LocalDate {
                year: 1404,
                month: 1,
                day: 1
            })
        );
        // The day before is the last of Esfand 1403, a leap year (30 Esfand).
        assert_eq!(
            Calendar::Persian
                .local(day(2025, 3, 20))
                .unwrap()
                .to_string(),
            "1403-12-30"
        );
    }

    #[test]
    fn the_43rd_fajr_festival_ran_from_12_to_22_bahman_1403() {
        // Fajr 43: 12–22 Bahman 1403, 31 January – 10 February 2025.
        let p = Calendar::Persian;
        assert_eq!(p.parse_date("1403-11-12"), Ok(day(2025, 1, 31)));
        assert_eq!(p.parse_date("1403-11-22"), Ok(day(2025, 2, 10)));
        assert_eq!(p.parse_date("۱۴۰۳-۱۱-۱۲"), Ok(day(2025, 1, 31)));
        assert_eq!(p.parse_date("١٤٠٣-١١-٢٢"), Ok(day(2025, 2, 10)));
        assert_eq!(
            format_date(p, day(2025, 1, 31)),
            "2025-01-31 (1403-11-12 SH)"
        );
        assert_eq!(
            format_date_long(p, day(2025, 2, 10)),
            "10 February 2025 (22 Bahman 1403 SH)"
        );
        // The revolution's anniversary, 22 Bahman, is 10 or 11 February depending on the year.
        assert_eq!(p.parse_date("1402-11-22"), Ok(day(2024, 2, 11)));
    }

    #[test]
    fn umm_al_qura_dates() {
        let h = Calendar::Islamic;
        // 1 Ramadan 1446 was 1 March 2025 and 1 Muharram 1447 was 26 June 2025 in Umm al-Qura.
        assert_eq!(h.parse_date("1446-09-01"), Ok(day(2025, 3, 1)));
        assert_eq!(h.local(day(2025, 6, 26)).unwrap().to_string(), "1447-01-01");
        assert_eq!(
            format_date_long(h, day(2025, 3, 1)),
            "1 March 2025 (1 Ramadan 1446 AH)"
        );
    }

    #[test]
    fn gregorian_editions_show_and_read_iso_dates_only() {
        let g = Calendar::Gregorian;
        assert_eq!(g.local(day(2025, 5, 17)), None);
        assert_eq!(format_date(g, day(2025, 5, 17)), "2025-05-17");
        assert_eq!(g.parse_date("۲۰۲۵-۰۵-۱۷"), Ok(day(2025, 5, 17)));
        assert_eq!(local_iso(g, Some(day(2025, 5, 17))), None);
    }

    #[test]
    fn an_iso_date_is_still_taken_in_a_persian_edition() {
        assert_eq!(
            Calendar::Persian.parse_date("2025-01-31"),
            Ok(day(2025, 1, 31))
        );
    }

    #[test]
    fn impossible_days_are_refused_in_words() {
        let p = Calendar::Persian;
        // Esfand 1402 has 29 days (1402 is not a leap year); Mehr has 30.
        assert!(matches!(
            p.parse_date("1402-12-30"),
            Err(CalendarError::NoSuchDay { .. })
        ));
        assert!(p.parse_date("1403-07-31").is_err());
        assert!(p.parse_date("1403-13-01").is_err());
        let err = p.parse_date("12/11/1403").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'12/11/1403' is not a date: write it as YYYY-MM-DD, e.g. 1403-11-12"
        );
        assert!(p.parse_date("1403-11-12-1").is_err());
        assert!(p.parse_date("+1403-11-12").is_err());
        assert!(Calendar::Gregorian.parse_date("2025-02-29").is_err());
    }

    #[test]
    fn calendars_are_named_as_typed() {
        for c in Calendar::ALL {
            assert_eq!(c.as_str().parse::<Calendar>(), Ok(c));
        }
        assert_eq!("Jalali".parse::<Calendar>(), Ok(Calendar::Persian));
        assert!("julian".parse::<Calendar>().is_err());
    }

    #[test]
    fn every_day_of_a_century_goes_there_and_back() {
        for calendar in [Calendar::Persian, Calendar::Islamic] {
            let mut d = day(1950, 1, 1);
            while d < day(2060, 1, 1) {
                let l = calendar.local(d).unwrap();
                assert_eq!(calendar.gregorian(l.year, l.month, l.day), Some(d), "{d}");
                d = d.succ_opt().unwrap();
            }
        }
    }
}
