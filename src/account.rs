//! Account names: who this process runs as, and whose a file is. Read
//! through the C library (`getpwuid_r`), so accounts from LDAP or SSSD are
//! found as well as those in /etc/passwd.

/// The name of the account this process runs as (its real user id).
pub fn current_user() -> Option<String> {
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        user_name(unsafe { libc::getuid() })
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").ok()
    }
}

/// The name of the account with this user id, if there is one.
#[cfg(unix)]
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: zeroed is a valid `passwd` (null pointers, zero ids);
        // getpwuid_r fills it and points its strings into `buf`, which
        // outlives every use of them below.
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut entry,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name is a NUL-terminated string inside `buf`.
        let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
        return Some(name.to_string_lossy().into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_named_and_an_unused_id_is_not() {
        assert_eq!(user_name(0).as_deref(), Some("root"));
        assert_eq!(user_name(3_999_999_999), None);
        assert!(current_user().is_some());
    }
}
