//! The publication deadline (rule `deadline`, a note): 《政府信息公开条例》
//! 第四十九条 — departments of governments at county level and above publish
//! their report by 1月31日 of the next year, governments by 3月31日; the law
//! sets none for 乡镇、街道. `check` states it for every report and says when
//! it has passed; the wizard's 核对 shows [`note`].

use super::messages;
use super::{level_in, level_label};
use crate::model::Report;
use crate::schema::{Lang, REVIEW_ROLES};

/// The date a report must be published by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub report_year: i32,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The deadline for the report's year and agency level, if the law sets one.
pub fn deadline(report: &Report) -> Option<Deadline> {
    let report_year = report.year()?;
    let (month, day) = if level_in(report, REVIEW_ROLES.departments) {
        (1, 31)
    } else if level_in(report, REVIEW_ROLES.governments)
        && !level_in(report, &[REVIEW_ROLES.township])
    {
        (3, 31)
    } else {
        return None;
    };
    Some(Deadline {
        report_year,
        year: report_year + 1,
        month,
        day,
    })
}

impl Deadline {
    /// Whether `today` (year, month, day) is after the deadline.
    pub fn is_past(&self, today: (i32, u32, u32)) -> bool {
        today > (self.year, self.month, self.day)
    }
}

/// The sentence stating the deadline (and that it has passed), or `None`
/// when the law sets none for the report's level.
pub fn note(report: &Report, today: (i32, u32, u32), lang: Lang) -> Option<String> {
    let d = deadline(report)?;
    let level = level_label(report, lang)?;
    Some(messages::deadline(
        lang,
        level,
        d.report_year,
        d.year,
        d.month,
        d.day,
        d.is_past(today),
    ))
}

/// The year whose report is being compiled on `today`: from October on the
/// current year's (agencies gather it in the last quarter and publish it
/// early next year), before October last year's. A new report starts with
/// it, and a later report year has not ended.
pub fn reporting_year((year, month, _): (i32, u32, u32)) -> i32 {
    if month >= 10 { year } else { year - 1 }
}

/// Today's date (UTC) from the system clock.
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    civil_date(secs.div_euclid(86_400))
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, ROLES};

    fn report(level: &str, year: i32) -> Report {
        let mut r = Report::for_year(year);
        r.set_text(ROLES.level(), level);
        let _ = schema::AGENCY_LEVELS;
        r
    }

    #[test]
    fn from_october_the_report_being_compiled_is_this_years() {
        assert_eq!(reporting_year((2026, 1, 1)), 2025);
        assert_eq!(reporting_year((2026, 9, 30)), 2025);
        assert_eq!(reporting_year((2026, 10, 1)), 2026);
        assert_eq!(reporting_year((2026, 12, 6)), 2026);
        assert_eq!(reporting_year((2026, 12, 31)), 2026);
        assert_eq!(reporting_year((2027, 1, 1)), 2026);
    }

    #[test]
    fn calendar() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(20_454), (2026, 1, 1));
        assert_eq!(civil_date(20_453), (2025, 12, 31));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
    }

    #[test]
    fn departments_by_january_governments_by_march_townships_none() {
        let d = deadline(&report("county_department", 2024)).unwrap();
        assert_eq!((d.year, d.month, d.day), (2025, 1, 31));
        let g = deadline(&report("city_government", 2024)).unwrap();
        assert_eq!((g.year, g.month, g.day), (2025, 3, 31));
        assert_eq!(deadline(&report("township", 2024)), None);
        assert_eq!(deadline(&report("", 2024)), None);
        assert!(!d.is_past((2025, 1, 31)));
        assert!(d.is_past((2025, 2, 1)));
    }

    #[test]
    fn the_note_names_the_date_and_says_when_it_passed() {
        let r = report("city_department", 2024);
        let before = note(&r, (2025, 1, 10), Lang::Zh).unwrap();
        assert!(
            before.contains("2025年1月31日前公布 2024 年度报告。"),
            "{before}"
        );
        let after = note(&r, (2025, 6, 1), Lang::Zh).unwrap();
        assert!(after.contains("该日期已过"), "{after}");
        let en = note(&r, (2025, 6, 1), Lang::En).unwrap();
        assert!(en.contains("by 2025-01-31; that date has passed"), "{en}");
    }
}
