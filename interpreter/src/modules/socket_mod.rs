//! `_socket`: BSD sockets on libc (modules/rawos.rs) for AF_INET, AF_INET6
//! and AF_UNIX: the `socket` type (extra/_socket.py, timeouts by poll),
//! `socketpair`, `getaddrinfo`, `gethostname`, the constants. Every call is
//! a real system call; failures are OSError subclasses with the errno.

use super::rawos::{self, SockAddr};
use super::util::{buf, init_with_native};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{Exc, PyResult, Vm};
use std::net::{Ipv4Addr, Ipv6Addr};

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let fns: &[(&'static str, crate::vm::NativeFn)] = &[
        ("_new", new),
        ("_pair", pair),
        ("_bind", bind),
        ("_connect", connect),
        ("_listen", listen),
        ("_accept", accept),
        ("_send", send),
        ("_sendto", sendto),
        ("_recv", recv),
        ("_recvfrom", recvfrom),
        ("_shutdown", shutdown),
        ("_setsockopt", setsockopt),
        ("_getsockopt", getsockopt),
        ("_name", name),
        ("_gethostname", gethostname),
        ("_getaddrinfo", getaddrinfo),
    ];
    init_with_native(vm, d, fns, include_str!("extra/_socket.py"), "<_socket>")
}

fn oserr(vm: &mut Vm, e: std::io::Error) -> Exc {
    let code = e.raw_os_error().unwrap_or(libc::EIO);
    let msg = super::os_extra::strerror(code);
    vm.raise_os_error(T::OSError, code as i64, &msg, None)
}

fn int(vm: &mut Vm, args: &Args, i: usize) -> PyResult<i64> {
    let v = args.v(vm, i);
    match Vm::int_as_i64(v) {
        Some(n) => Ok(n),
        None => Err(vm.raise_msg(T::TypeError, "an integer is required")),
    }
}

fn fd(vm: &mut Vm, args: &Args) -> PyResult<i32> {
    Ok(int(vm, args, 0)? as i32)
}

/// The address `(family, a, b, c, d)` at `args[i..]` that extra/_socket.py
/// normalized: a numeric host string and port (and flowinfo, scope id) or
/// a bytes path.
fn addr(vm: &mut Vm, args: &Args, i: usize) -> PyResult<SockAddr> {
    let family = int(vm, args, i)? as i32;
    let a = args.v(vm, i + 1);
    let bad =
        |vm: &mut Vm| vm.raise_msg(T::OSError, "illegal IP address string passed to inet_pton");
    match family {
        libc::AF_INET => {
            let ip: Ipv4Addr = Vm::as_str(a).parse().map_err(|_| bad(vm))?;
            Ok(SockAddr::Inet(ip, int(vm, args, i + 2)? as u16))
        }
        libc::AF_INET6 => {
            let ip: Ipv6Addr = Vm::as_str(a).parse().map_err(|_| bad(vm))?;
            let port = int(vm, args, i + 2)? as u16;
            let flow = int(vm, args, i + 3)? as u32;
            Ok(SockAddr::Inet6(
                ip,
                port,
                flow,
                int(vm, args, i + 4)? as u32,
            ))
        }
        libc::AF_UNIX => Ok(SockAddr::Unix(buf(vm, a)?)),
        _ => Err(vm.raise_os_error(
            T::OSError,
            97,
            "Address family not supported by protocol",
            None,
        )),
    }
}

/// An address as Python sees it: `(host, port)`, `(host, port, flowinfo,
/// scope_id)` or a path (str; bytes for Linux abstract names).
fn addr_value(vm: &mut Vm, a: &SockAddr) -> Value {
    match a {
        SockAddr::Inet(ip, port) => {
            let h = vm.new_str(&ip.to_string());
            vm.new_tuple(&[h, Value::int(*port as i64)])
        }
        SockAddr::Inet6(ip, port, flow, scope) => {
            let h = vm.new_str(&ip.to_string());
            let v = [
                h,
                Value::int(*port as i64),
                Value::int(*flow as i64),
                Value::int(*scope as i64),
            ];
            vm.new_tuple(&v)
        }
        SockAddr::Unix(p) if p.first() == Some(&0) => vm.new_bytes(p),
        SockAddr::Unix(p) => vm.new_str(&String::from_utf8_lossy(p)),
    }
}

fn pair_value(vm: &mut Vm, a: Value, b: Value) -> Value {
    vm.new_tuple(&[a, b])
}

fn new<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let (f, t, p) = (int(vm, &args, 0)?, int(vm, &args, 1)?, int(vm, &args, 2)?);
    rawos::socket(f as i32, t as i32, p as i32)
        .map(|fd| Value::int(fd as i64))
        .map_err(|e| oserr(vm, e))
}

fn pair<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let (f, t, p) = (int(vm, &args, 0)?, int(vm, &args, 1)?, int(vm, &args, 2)?);
    match rawos::socketpair(f as i32, t as i32, p as i32) {
        Ok((a, b)) => Ok(pair_value(vm, Value::int(a as i64), Value::int(b as i64))),
        Err(e) => Err(oserr(vm, e)),
    }
}

fn bind<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let a = addr(vm, &args, 1)?;
    rawos::bind(fd, &a)
        .map(|_| Value::NONE)
        .map_err(|e| oserr(vm, e))
}

/// `_connect(fd, family, a, b, c, d)`: 0 or the errno (connect_ex's value;
/// the Python side raises).
fn connect<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let a = addr(vm, &args, 1)?;
    Ok(Value::int(match rawos::connect(fd, &a) {
        Ok(()) => 0,
        Err(e) => e.raw_os_error().unwrap_or(libc::EIO) as i64,
    }))
}

fn listen<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let n = int(vm, &args, 1)?.clamp(0, i32::MAX as i64) as i32;
    rawos::listen(fd, n)
        .map(|_| Value::NONE)
        .map_err(|e| oserr(vm, e))
}

fn accept<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    match rawos::accept(fd) {
        Ok((c, a)) => {
            let av = addr_value(vm, &a);
            Ok(pair_value(vm, Value::int(c as i64), av))
        }
        Err(e) => Err(oserr(vm, e)),
    }
}

fn send<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let data = buf(vm, args.v(vm, 1))?;
    let flags = int(vm, &args, 2)? as i32;
    rawos::send(fd, &data, flags | libc::MSG_NOSIGNAL)
        .map(|n| Value::int(n as i64))
        .map_err(|e| oserr(vm, e))
}

fn sendto<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let data = buf(vm, args.v(vm, 1))?;
    let flags = int(vm, &args, 2)? as i32;
    let a = addr(vm, &args, 3)?;
    rawos::sendto(fd, &data, flags | libc::MSG_NOSIGNAL, &a)
        .map(|n| Value::int(n as i64))
        .map_err(|e| oserr(vm, e))
}

fn recv<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let n = int(vm, &args, 1)?;
    if n < 0 {
        return Err(vm.raise_msg(T::ValueError, "negative buffersize in recv"));
    }
    let flags = int(vm, &args, 2)? as i32;
    match rawos::recv(fd, n as usize, flags) {
        Ok(b) => Ok(vm.new_bytes(&b)),
        Err(e) => Err(oserr(vm, e)),
    }
}

fn recvfrom<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let n = int(vm, &args, 1)?;
    if n < 0 {
        return Err(vm.raise_msg(T::ValueError, "negative buffersize in recvfrom"));
    }
    let flags = int(vm, &args, 2)? as i32;
    match rawos::recvfrom(fd, n as usize, flags) {
        Ok((b, a)) => {
            let bv = vm.new_bytes(&b);
            let h = vm.push_root(bv);
            let av = addr_value(vm, &a);
            let bv = vm.root(h);
            vm.pop_roots(h);
            Ok(pair_value(vm, bv, av))
        }
        Err(e) => Err(oserr(vm, e)),
    }
}

fn shutdown<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let how = int(vm, &args, 1)? as i32;
    rawos::shutdown(fd, how)
        .map(|_| Value::NONE)
        .map_err(|e| oserr(vm, e))
}

/// `_setsockopt(fd, level, opt, value)`: an int value (as a C int) or a
/// bytes-like buffer.
fn setsockopt<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let (level, opt) = (int(vm, &args, 1)? as i32, int(vm, &args, 2)? as i32);
    let v = args.v(vm, 3);
    let data = if Vm::is_intlike(v) && !Vm::is_kind(v, Kind::Bytes) {
        (int(vm, &args, 3)? as i32).to_ne_bytes().to_vec()
    } else {
        buf(vm, v)?
    };
    rawos::setsockopt(fd, level, opt, &data)
        .map(|_| Value::NONE)
        .map_err(|e| oserr(vm, e))
}

/// `_getsockopt(fd, level, opt, buflen)`: an int when buflen is 0, else
/// the bytes.
fn getsockopt<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let (level, opt) = (int(vm, &args, 1)? as i32, int(vm, &args, 2)? as i32);
    let n = int(vm, &args, 3)?;
    if !(0..=1024).contains(&n) {
        return Err(vm.raise_os_error(T::OSError, 22, "Invalid argument", None));
    }
    match rawos::getsockopt(fd, level, opt, if n == 0 { 4 } else { n as usize }) {
        Ok(b) if n == 0 => {
            let mut w = [0u8; 4];
            for (d, s) in w.iter_mut().zip(&b) {
                *d = *s;
            }
            Ok(Value::int(i32::from_ne_bytes(w) as i64))
        }
        Ok(b) => Ok(vm.new_bytes(&b)),
        Err(e) => Err(oserr(vm, e)),
    }
}

/// `_name(fd, peer)`: getpeername when `peer`, else getsockname.
fn name<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fd = fd(vm, &args)?;
    let peer = args.v(vm, 1) == Value::TRUE;
    let r = if peer {
        rawos::getpeername(fd)
    } else {
        rawos::getsockname(fd)
    };
    match r {
        Ok(a) => Ok(addr_value(vm, &a)),
        Err(e) => Err(oserr(vm, e)),
    }
}

fn gethostname<'s>(vm: &mut Vm, _s: Scope<'s>, _args: Args<'s>) -> PyResult {
    match rawos::gethostname() {
        Ok(h) => Ok(vm.new_str(&h)),
        Err(e) => Err(oserr(vm, e)),
    }
}

fn opt_str(v: Value) -> Option<String> {
    if Vm::is_kind(v, Kind::Str) {
        Some(Vm::as_str(v).to_string())
    } else {
        None
    }
}

/// `_getaddrinfo(host, port, family, type, proto, flags)` (host and port
/// str or None): a list of `(family, type, proto, canonname, sockaddr)`,
/// or `(code, message)` for extra/_socket.py to raise as gaierror.
fn getaddrinfo<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let host = opt_str(args.v(vm, 0));
    let port = opt_str(args.v(vm, 1));
    let f = int(vm, &args, 2)? as i32;
    let t = int(vm, &args, 3)? as i32;
    let p = int(vm, &args, 4)? as i32;
    let fl = int(vm, &args, 5)? as i32;
    match rawos::getaddrinfo(host.as_deref(), port.as_deref(), (f, t, p, fl)) {
        Ok(list) => {
            let base = vm.root_depth();
            let mut hs = vec![];
            for (f, t, p, canon, a) in &list {
                let c = vm.new_str(canon);
                let hc = vm.push_root(c);
                let av = addr_value(vm, a);
                let c = vm.root(hc);
                let ints = [*f, *t, *p].map(|x| Value::int(x as i64));
                let e = vm.new_tuple(&[ints[0], ints[1], ints[2], c, av]);
                hs.push(vm.push_root(e));
            }
            let vals: Vec<Value> = hs.iter().map(|h| vm.root(*h)).collect();
            vm.pop_roots(base);
            Ok(vm.new_list(&vals))
        }
        Err((code, msg)) => {
            let m = vm.new_str(&msg);
            Ok(pair_value(vm, Value::int(code as i64), m))
        }
    }
}
