//! Times in the server's local time zone, as `nianbao status` shows them:
//! `2025-01-20 09:30` on a terminal, RFC 3339 with the offset in JSON.
//! Through the C library's `localtime_r`, which reads the system's zone
//! (TZ, /etc/localtime) as every other program on the server does.

use std::time::{SystemTime, UNIX_EPOCH};

/// A broken-down local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Seconds east of UTC.
    pub offset: i64,
}

impl Local {
    /// The local time of `t`, or `None` before 1970 or where the C library
    /// cannot say.
    pub fn of(t: SystemTime) -> Option<Local> {
        let secs = t.duration_since(UNIX_EPOCH).ok()?.as_secs();
        let secs = libc::time_t::try_from(secs).ok()?;
        // SAFETY: zeroed is a valid `tm`; localtime_r only writes into it.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        if unsafe { libc::localtime_r(&secs, &mut tm) }.is_null() {
            return None;
        }
        Some(Local {
            year: tm.tm_year + 1900,
            month: (tm.tm_mon + 1) as u32,
            day: tm.tm_mday as u32,
            hour: tm.tm_hour as u32,
            minute: tm.tm_min as u32,
            second: tm.tm_sec as u32,
            offset: tm.tm_gmtoff,
        })
    }

    /// `2025-01-20 09:30`.
    pub fn minutes(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// `2025-01-20T09:30:12+08:00`.
    pub fn rfc3339(&self) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let off = self.offset.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            off / 3600,
            off % 3600 / 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn local_time_adds_up_with_its_offset() {
        let t = UNIX_EPOCH + Duration::from_secs(1_737_336_612);
        let l = Local::of(t).unwrap();
        // Undo the offset: the UTC time of 1737336612 is 2025-01-20 01:30:12.
        let local_secs = i64::from(l.hour) * 3600 + i64::from(l.minute) * 60 + i64::from(l.second);
        let utc = (local_secs - l.offset).rem_euclid(86_400);
        assert_eq!(utc, 3600 + 30 * 60 + 12);
        assert!(l.rfc3339().starts_with("2025-01-"), "{}", l.rfc3339());
        assert_eq!(l.minutes().len(), "2025-01-20 09:30".len());
    }
}
