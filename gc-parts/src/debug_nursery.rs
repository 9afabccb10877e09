//! The debug nursery's fault reporting (`PYGC_NURSERY_DEBUG=1`).
//!
//! With the knob on, [`crate::Nursery`] protects (`mprotect(PROT_NONE)`) the
//! memory a minor collection freed and unprotects it only when the
//! allocator hands it out again. A VM that kept a stale address of a moved
//! object then faults on its first read; the SIGSEGV handler installed here
//! recognises a fault inside a registered nursery and prints
//! `stale reference to a moved object at ADDR` before exiting with status
//! 70. Faults elsewhere get the default action (the process crashes as it
//! would without the handler).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

const MAX_REGIONS: usize = 8;
static REGIONS: [(AtomicUsize, AtomicUsize); MAX_REGIONS] =
    [const { (AtomicUsize::new(0), AtomicUsize::new(0)) }; MAX_REGIONS];
static INSTALL: Once = Once::new();

/// Exit status after a stale read.
pub const STALE_EXIT: i32 = 70;

/// Page size used for protection (4 KiB: the nursery's own page size).
const PAGE: usize = crate::region::PAGE_SIZE;

/// Registers `start..end` as a debug nursery and installs the handler.
pub fn register(start: usize, end: usize) {
    for (s, e) in REGIONS.iter() {
        if s.compare_exchange(0, start, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            e.store(end, Ordering::Release);
            break;
        }
    }
    INSTALL.call_once(install);
}

/// Forgets the debug nursery starting at `start` (it is being unmapped).
pub fn unregister(start: usize) {
    for (s, e) in REGIONS.iter() {
        if s.load(Ordering::Acquire) == start {
            e.store(0, Ordering::Release);
            s.store(0, Ordering::Release);
        }
    }
}

/// Protects the whole pages inside `start..end` (no access).
pub fn protect(start: usize, end: usize) {
    let (s, e) = (start.div_ceil(PAGE) * PAGE, end / PAGE * PAGE);
    if s < e {
        // SAFETY: s..e are whole pages inside the caller's own anonymous
        // mapping (a nursery region); no live object is stored there, and
        // the pages are made accessible again before any use.
        unsafe { libc::mprotect(s as *mut libc::c_void, e - s, libc::PROT_NONE) };
    }
}

/// Makes every page touching `start..end` readable and writable again.
pub fn unprotect(start: usize, end: usize) {
    let (s, e) = (start / PAGE * PAGE, end.div_ceil(PAGE) * PAGE);
    if s < e {
        // SAFETY: s..e are pages of the caller's own read-write mapping;
        // restoring read-write access cannot invalidate any reference.
        unsafe {
            libc::mprotect(
                s as *mut libc::c_void,
                e - s,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        };
    }
}

fn in_region(addr: usize) -> bool {
    REGIONS.iter().any(|(s, e)| {
        let (s, e) = (s.load(Ordering::Acquire), e.load(Ordering::Acquire));
        s != 0 && addr >= s && addr < e
    })
}

/// Formats `prefix`, `addr` in hex and `suffix` into `buf` (no allocation:
/// called from a signal handler).
fn format_message(buf: &mut [u8; 256], prefix: &[u8], addr: usize, suffix: &[u8]) -> usize {
    let mut n = 0;
    let mut put = |b: &[u8], n: &mut usize| {
        let k = b.len().min(buf.len() - *n);
        buf[*n..*n + k].copy_from_slice(&b[..k]);
        *n += k;
    };
    put(prefix, &mut n);
    let mut hex = [0u8; 18];
    hex[0] = b'0';
    hex[1] = b'x';
    for i in 0..16 {
        let d = (addr >> (60 - 4 * i)) & 0xf;
        hex[2 + i] = b"0123456789abcdef"[d];
    }
    put(&hex, &mut n);
    put(suffix, &mut n);
    n
}

extern "C" fn on_fault(sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    if in_region(addr) {
        let mut buf = [0u8; 256];
        let n = format_message(
            &mut buf,
            b"pygc: stale reference to a moved object at ",
            addr,
            b" (a read of nursery memory freed by a minor collection; PYGC_NURSERY_DEBUG)\n",
        );
        // SAFETY: write(2) and _exit(2) are async-signal-safe; buf is valid.
        unsafe {
            libc::write(2, buf.as_ptr() as *const libc::c_void, n);
            libc::_exit(STALE_EXIT);
        }
    }
    // Not ours: restore the default action; returning re-executes the
    // faulting access, which now takes it.
    // SAFETY: resetting a signal to SIG_DFL is async-signal-safe.
    unsafe { libc::signal(sig, libc::SIG_DFL) };
}

fn install() {
    // SAFETY: a zeroed sigaction is a valid starting value; the handler has
    // the SA_SIGINFO signature and only calls async-signal-safe functions.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_fault as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGSEGV, &sa, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_address() {
        let mut buf = [0u8; 256];
        let n = format_message(&mut buf, b"at ", 0x7f00_dead_beef, b"\n");
        assert_eq!(&buf[..n], b"at 0x00007f00deadbeef\n");
    }

    /// A read of nursery memory freed by a reset faults and is reported
    /// (run in a child process: the handler exits it).
    #[test]
    fn stale_read_faults_with_a_clear_message() {
        if std::env::var("PYGC_STALE_CHILD").is_ok() {
            let mut n = crate::Nursery::new(64 << 10, 1 << 20, 16 << 10).unwrap();
            n.set_debug(true);
            // 40 KiB handed out: past the 16 KiB chunk a reset re-exposes.
            let (top, limit) = n.refill(n.start(), 40 << 10).unwrap();
            let stale = top + (36 << 10);
            assert!(stale + 8 <= limit);
            // SAFETY: top..limit was just handed out (zeroed, writable).
            unsafe { std::ptr::write_volatile(stale as *mut usize, 7) };
            n.close(top + (40 << 10));
            n.reset(&[], false);
            // SAFETY: deliberately stale: the page is protected, this faults.
            let v = unsafe { std::ptr::read_volatile(stale as *const usize) };
            println!("read {v} without a fault");
            return;
        }
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "debug_nursery::tests::stale_read_faults_with_a_clear_message",
            ])
            .env("PYGC_STALE_CHILD", "1")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(STALE_EXIT), "{err}");
        assert!(
            err.contains("stale reference to a moved object at 0x"),
            "{err}"
        );
    }

    #[test]
    fn region_registry() {
        register(0x1000_0000, 0x1000_1000);
        assert!(in_region(0x1000_0008));
        assert!(!in_region(0x1000_1000));
        unregister(0x1000_0000);
        assert!(!in_region(0x1000_0008));
    }
}
