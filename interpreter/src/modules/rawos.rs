//! Raw OS calls on libc for `os`, `_socket` and `math`: the only `unsafe`
//! of those modules lives here, each call behind a safe function that
//! returns `io::Result` (errno in the error) and takes Rust values (no raw
//! pointers cross this module's boundary).

use std::ffi::CString;
use std::io::{Error, Result};
use std::net::{Ipv4Addr, Ipv6Addr};

fn cvt(r: libc::c_int) -> Result<libc::c_int> {
    if r < 0 {
        Err(Error::last_os_error())
    } else {
        Ok(r)
    }
}

fn cvt_size(r: isize) -> Result<usize> {
    if r < 0 {
        Err(Error::last_os_error())
    } else {
        Ok(r as usize)
    }
}

/// A path as a C string (EINVAL for an embedded NUL, like CPython's
/// "embedded null byte" ValueError: callers check for NUL first).
fn cstr(p: &str) -> Result<CString> {
    CString::new(p).map_err(|_| Error::from_raw_os_error(libc::EINVAL))
}

pub fn access(p: &str, mode: i32) -> Result<()> {
    let c = cstr(p)?;
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    cvt(unsafe { libc::access(c.as_ptr(), mode) }).map(|_| ())
}

pub fn open(p: &str, flags: i32, mode: u32) -> Result<i32> {
    let c = cstr(p)?;
    // SAFETY: valid NUL-terminated path; flags and mode are plain ints.
    cvt(unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode) })
}

pub fn close(fd: i32) -> Result<()> {
    // SAFETY: closing a descriptor number; an invalid one gives EBADF.
    cvt(unsafe { libc::close(fd) }).map(|_| ())
}

pub fn read(fd: i32, n: usize) -> Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    // SAFETY: `b` has room for `b.len()` bytes.
    let r = cvt_size(unsafe { libc::read(fd, b.as_mut_ptr().cast(), b.len()) })?;
    b.truncate(r);
    Ok(b)
}

pub fn write(fd: i32, b: &[u8]) -> Result<usize> {
    // SAFETY: `b` holds `b.len()` readable bytes.
    cvt_size(unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) })
}

pub fn lseek(fd: i32, pos: i64, how: i32) -> Result<i64> {
    // SAFETY: plain integer arguments.
    let r = unsafe { libc::lseek(fd, pos as libc::off_t, how) };
    if r < 0 {
        Err(Error::last_os_error())
    } else {
        Ok(r as i64)
    }
}

pub fn isatty(fd: i32) -> bool {
    // SAFETY: plain integer argument.
    unsafe { libc::isatty(fd) == 1 }
}

/// `fstat(fd)`: mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime.
pub fn fstat(fd: i32) -> Result<[i64; 10]> {
    // SAFETY: `stat` is plain old data; all-zero is a valid value.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable stat buffer.
    cvt(unsafe { libc::fstat(fd, &mut st) })?;
    Ok([
        st.st_mode as i64,
        st.st_ino as i64,
        st.st_dev as i64,
        st.st_nlink as i64,
        st.st_uid as i64,
        st.st_gid as i64,
        st.st_size,
        st.st_atime,
        st.st_mtime,
        st.st_ctime,
    ])
}

pub fn getppid() -> i64 {
    // SAFETY: no arguments; cannot fail.
    unsafe { libc::getppid() as i64 }
}

pub fn getuid() -> i64 {
    // SAFETY: no arguments; cannot fail.
    unsafe { libc::getuid() as i64 }
}

pub fn getgid() -> i64 {
    // SAFETY: no arguments; cannot fail.
    unsafe { libc::getgid() as i64 }
}

pub fn umask(mask: u32) -> i64 {
    // SAFETY: a mode value, no pointers.
    unsafe { libc::umask(mask as libc::mode_t) as i64 }
}

/// `pipe2(flags)`: (read end, write end).
pub fn pipe2(flags: i32) -> Result<(i32, i32)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) })?;
    Ok((fds[0], fds[1]))
}

pub fn dup(fd: i32) -> Result<i32> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) })
}

pub fn dup2(fd: i32, fd2: i32, inheritable: bool) -> Result<i32> {
    if fd == fd2 || inheritable {
        // SAFETY: plain integer arguments.
        return cvt(unsafe { libc::dup2(fd, fd2) });
    }
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::dup3(fd, fd2, libc::O_CLOEXEC) })
}

/// `fcntl(fd, cmd, arg)` for the integer commands (F_GETFD, F_SETFL, ...).
pub fn fcntl(fd: i32, cmd: i32, arg: i32) -> Result<i32> {
    // SAFETY: the integer-argument form of fcntl; no pointers.
    cvt(unsafe { libc::fcntl(fd, cmd, arg) })
}

pub fn fsync(fd: i32) -> Result<()> {
    // SAFETY: plain integer argument.
    cvt(unsafe { libc::fsync(fd) }).map(|_| ())
}

pub fn ftruncate(fd: i32, len: i64) -> Result<()> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::ftruncate(fd, len as libc::off_t) }).map(|_| ())
}

pub fn getpgrp() -> i64 {
    // SAFETY: no arguments; cannot fail.
    unsafe { libc::getpgrp() as i64 }
}

pub fn kill(pid: i64, sig: i32) -> Result<()> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::kill(pid as libc::pid_t, sig) }).map(|_| ())
}

pub fn erf(x: f64) -> f64 {
    extern "C" {
        #[link_name = "erf"]
        fn c_erf(x: f64) -> f64;
    }
    // SAFETY: libm's erf is a pure function of a double.
    unsafe { c_erf(x) }
}

pub fn erfc(x: f64) -> f64 {
    extern "C" {
        #[link_name = "erfc"]
        fn c_erfc(x: f64) -> f64;
    }
    // SAFETY: libm's erfc is a pure function of a double.
    unsafe { c_erfc(x) }
}

/// A socket address of the families `_socket` supports.
#[derive(Clone, Debug, PartialEq)]
pub enum SockAddr {
    Inet(Ipv4Addr, u16),
    Inet6(Ipv6Addr, u16, u32, u32),
    Unix(Vec<u8>),
}

fn to_raw(a: &SockAddr) -> Result<(libc::sockaddr_storage, libc::socklen_t)> {
    // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match a {
        SockAddr::Inet(ip, port) => {
            // SAFETY: sockaddr_storage is large and aligned enough for any
            // sockaddr_* (that is its purpose).
            let sin = unsafe { &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = port.to_be();
            sin.sin_addr.s_addr = u32::from_ne_bytes(ip.octets());
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SockAddr::Inet6(ip, port, flow, scope) => {
            // SAFETY: as above.
            let sin = unsafe { &mut *(&mut ss as *mut _ as *mut libc::sockaddr_in6) };
            sin.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin.sin6_port = port.to_be();
            sin.sin6_flowinfo = *flow;
            sin.sin6_scope_id = *scope;
            sin.sin6_addr.s6_addr = ip.octets();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
        SockAddr::Unix(path) => {
            // SAFETY: as above.
            let sun = unsafe { &mut *(&mut ss as *mut _ as *mut libc::sockaddr_un) };
            if path.len() >= sun.sun_path.len() {
                return Err(Error::from_raw_os_error(libc::ENAMETOOLONG));
            }
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(path) {
                *d = *s as libc::c_char;
            }
            let base = std::mem::size_of::<libc::sa_family_t>();
            // abstract names (leading NUL) have no terminator
            base + path.len() + usize::from(path.first() != Some(&0))
        }
    };
    Ok((ss, len as libc::socklen_t))
}

fn from_raw(ss: &libc::sockaddr_storage, len: libc::socklen_t) -> SockAddr {
    match ss.ss_family as i32 {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(ss as *const _ as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(sin.sin_addr.s_addr.to_ne_bytes());
            SockAddr::Inet(ip, u16::from_be(sin.sin_port))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin = unsafe { &*(ss as *const _ as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin.sin6_addr.s6_addr);
            SockAddr::Inet6(
                ip,
                u16::from_be(sin.sin6_port),
                sin.sin6_flowinfo,
                sin.sin6_scope_id,
            )
        }
        _ => {
            // SAFETY: any other family is read as sockaddr_un (AF_UNIX, or
            // an unnamed socket whose path is empty).
            let sun = unsafe { &*(ss as *const _ as *const libc::sockaddr_un) };
            let base = std::mem::size_of::<libc::sa_family_t>();
            let n = (len as usize).saturating_sub(base).min(sun.sun_path.len());
            let mut p: Vec<u8> = sun.sun_path[..n].iter().map(|c| *c as u8).collect();
            if p.first() != Some(&0) {
                if let Some(i) = p.iter().position(|c| *c == 0) {
                    p.truncate(i);
                }
            }
            SockAddr::Unix(p)
        }
    }
}

pub fn socket(family: i32, ty: i32, proto: i32) -> Result<i32> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::socket(family, ty | libc::SOCK_CLOEXEC, proto) })
}

pub fn socketpair(family: i32, ty: i32, proto: i32) -> Result<(i32, i32)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors socketpair writes.
    cvt(unsafe { libc::socketpair(family, ty | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) })?;
    Ok((fds[0], fds[1]))
}

pub fn bind(fd: i32, a: &SockAddr) -> Result<()> {
    let (ss, len) = to_raw(a)?;
    // SAFETY: `ss` holds a valid address of `len` bytes.
    cvt(unsafe { libc::bind(fd, &ss as *const _ as *const libc::sockaddr, len) }).map(|_| ())
}

pub fn connect(fd: i32, a: &SockAddr) -> Result<()> {
    let (ss, len) = to_raw(a)?;
    // SAFETY: `ss` holds a valid address of `len` bytes.
    cvt(unsafe { libc::connect(fd, &ss as *const _ as *const libc::sockaddr, len) }).map(|_| ())
}

pub fn listen(fd: i32, backlog: i32) -> Result<()> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::listen(fd, backlog) }).map(|_| ())
}

pub fn accept(fd: i32) -> Result<(i32, SockAddr)> {
    // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let p = &mut ss as *mut _ as *mut libc::sockaddr;
    // SAFETY: `ss` is writable for `len` bytes; `len` is a valid in/out.
    let r = cvt(unsafe { libc::accept4(fd, p, &mut len, libc::SOCK_CLOEXEC) })?;
    Ok((r, from_raw(&ss, len)))
}

fn name_of(fd: i32, peer: bool) -> Result<SockAddr> {
    // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let p = &mut ss as *mut _ as *mut libc::sockaddr;
    // SAFETY: `ss` is writable for `len` bytes; `len` is a valid in/out.
    let r = unsafe {
        if peer {
            libc::getpeername(fd, p, &mut len)
        } else {
            libc::getsockname(fd, p, &mut len)
        }
    };
    cvt(r)?;
    Ok(from_raw(&ss, len))
}

pub fn getsockname(fd: i32) -> Result<SockAddr> {
    name_of(fd, false)
}

pub fn getpeername(fd: i32) -> Result<SockAddr> {
    name_of(fd, true)
}

pub fn send(fd: i32, b: &[u8], flags: i32) -> Result<usize> {
    // SAFETY: `b` holds `b.len()` readable bytes.
    cvt_size(unsafe { libc::send(fd, b.as_ptr().cast(), b.len(), flags) })
}

pub fn sendto(fd: i32, b: &[u8], flags: i32, a: &SockAddr) -> Result<usize> {
    let (ss, len) = to_raw(a)?;
    let p = &ss as *const _ as *const libc::sockaddr;
    // SAFETY: `b` holds `b.len()` bytes; `ss` a valid address of `len` bytes.
    cvt_size(unsafe { libc::sendto(fd, b.as_ptr().cast(), b.len(), flags, p, len) })
}

pub fn recv(fd: i32, n: usize, flags: i32) -> Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    // SAFETY: `b` has room for `b.len()` bytes.
    let r = cvt_size(unsafe { libc::recv(fd, b.as_mut_ptr().cast(), b.len(), flags) })?;
    b.truncate(r);
    Ok(b)
}

pub fn recvfrom(fd: i32, n: usize, flags: i32) -> Result<(Vec<u8>, SockAddr)> {
    let mut b = vec![0u8; n];
    // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let p = &mut ss as *mut _ as *mut libc::sockaddr;
    // SAFETY: `b` has room for `b.len()` bytes, `ss` for `len` bytes.
    let r = unsafe { libc::recvfrom(fd, b.as_mut_ptr().cast(), b.len(), flags, p, &mut len) };
    b.truncate(cvt_size(r)?);
    Ok((b, from_raw(&ss, len)))
}

pub fn shutdown(fd: i32, how: i32) -> Result<()> {
    // SAFETY: plain integer arguments.
    cvt(unsafe { libc::shutdown(fd, how) }).map(|_| ())
}

pub fn setsockopt(fd: i32, level: i32, opt: i32, val: &[u8]) -> Result<()> {
    let len = val.len() as libc::socklen_t;
    // SAFETY: `val` holds `len` readable bytes.
    cvt(unsafe { libc::setsockopt(fd, level, opt, val.as_ptr().cast(), len) }).map(|_| ())
}

/// `getsockopt` into a buffer of `size` bytes (4 for the int options).
pub fn getsockopt(fd: i32, level: i32, opt: i32, size: usize) -> Result<Vec<u8>> {
    let mut b = vec![0u8; size.max(1)];
    let mut len = b.len() as libc::socklen_t;
    // SAFETY: `b` is writable for `len` bytes; `len` is a valid in/out.
    cvt(unsafe { libc::getsockopt(fd, level, opt, b.as_mut_ptr().cast(), &mut len) })?;
    b.truncate(len as usize);
    Ok(b)
}

pub fn gethostname() -> Result<String> {
    let mut b = [0u8; 256];
    // SAFETY: `b` is writable for its length.
    cvt(unsafe { libc::gethostname(b.as_mut_ptr().cast(), b.len()) })?;
    let n = b.iter().position(|c| *c == 0).unwrap_or(b.len());
    Ok(String::from_utf8_lossy(&b[..n]).into_owned())
}

/// One `getaddrinfo` result: family, type, proto, canonname, address.
pub type AddrInfo = (i32, i32, i32, String, SockAddr);

/// `getaddrinfo`; the error is `(EAI_* code, gai_strerror text)`.
pub fn getaddrinfo(
    host: Option<&str>,
    port: Option<&str>,
    hints: (i32, i32, i32, i32),
) -> std::result::Result<Vec<AddrInfo>, (i32, String)> {
    let bad = |_| (libc::EAI_NONAME, "embedded null character".to_string());
    let h = host.map(CString::new).transpose().map_err(bad)?;
    let p = port.map(CString::new).transpose().map_err(bad)?;
    // SAFETY: addrinfo is plain old data; all-zero is the documented
    // "no hints" value.
    let mut hint: libc::addrinfo = unsafe { std::mem::zeroed() };
    (
        hint.ai_family,
        hint.ai_socktype,
        hint.ai_protocol,
        hint.ai_flags,
    ) = hints;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let hp = h.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    let pp = p.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: host/port are NUL-terminated or null, `hint` is valid and
    // `res` receives a list we free below.
    let r = unsafe { libc::getaddrinfo(hp, pp, &hint, &mut res) };
    if r != 0 {
        // SAFETY: gai_strerror returns a static NUL-terminated string.
        let msg = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(r)) };
        return Err((r, msg.to_string_lossy().into_owned()));
    }
    let mut out = vec![];
    let mut cur = res;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getaddrinfo returned.
        let ai = unsafe { &*cur };
        let canon = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a non-null canonname is NUL-terminated.
            let c = unsafe { std::ffi::CStr::from_ptr(ai.ai_canonname) };
            c.to_string_lossy().into_owned()
        };
        // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
        let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: ai_addr points to ai_addrlen bytes; `ss` has room for n.
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, &mut ss as *mut _ as *mut u8, n)
        };
        out.push((
            ai.ai_family,
            ai.ai_socktype,
            ai.ai_protocol,
            canon,
            from_raw(&ss, n as _),
        ));
        cur = ai.ai_next;
    }
    // SAFETY: `res` came from getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_roundtrip() {
        let (r, w) = pipe2(libc::O_CLOEXEC).unwrap();
        assert_eq!(write(w, b"abc").unwrap(), 3);
        close(w).unwrap();
        assert_eq!(read(r, 10).unwrap(), b"abc");
        assert_eq!(read(r, 10).unwrap(), b"");
        close(r).unwrap();
        assert_eq!(close(r).unwrap_err().raw_os_error(), Some(libc::EBADF));
    }

    #[test]
    fn socketpair_and_names() {
        let (a, b) = socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0).unwrap();
        assert_eq!(send(a, b"hi", 0).unwrap(), 2);
        assert_eq!(recv(b, 10, 0).unwrap(), b"hi");
        assert_eq!(getsockname(a).unwrap(), SockAddr::Unix(vec![]));
        close(a).unwrap();
        close(b).unwrap();
    }

    #[test]
    fn inet_loopback() {
        let s = socket(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
        bind(s, &SockAddr::Inet(Ipv4Addr::LOCALHOST, 0)).unwrap();
        listen(s, 1).unwrap();
        let SockAddr::Inet(ip, port) = getsockname(s).unwrap() else {
            panic!("not inet")
        };
        assert_eq!(ip, Ipv4Addr::LOCALHOST);
        assert!(port > 0);
        let c = socket(libc::AF_INET, libc::SOCK_STREAM, 0).unwrap();
        connect(c, &SockAddr::Inet(ip, port)).unwrap();
        let (a, _) = accept(s).unwrap();
        send(c, b"x", 0).unwrap();
        assert_eq!(recv(a, 4, 0).unwrap(), b"x");
        for fd in [a, c, s] {
            close(fd).unwrap();
        }
    }
}
