//! `time.localtime`, `gmtime`, `mktime`, `strftime`, `strptime`, `asctime`,
//! `ctime`, `struct_time`, `timezone`: the C library's calendar functions
//! (libc) under a Python layer (`time_src.py`).

use crate::modules::misc::exec_in;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

const SRC: &str = include_str!("time_src.py");

fn tm_tuple(vm: &mut Vm, tm: &libc::tm) -> Value {
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: tm_zone points at a NUL-terminated static string of libc.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    let z = vm.new_string(zone);
    let vals = [
        Value::int(tm.tm_year as i64 + 1900),
        Value::int(tm.tm_mon as i64 + 1),
        Value::int(tm.tm_mday as i64),
        Value::int(tm.tm_hour as i64),
        Value::int(tm.tm_min as i64),
        Value::int(tm.tm_sec as i64),
        Value::int((tm.tm_wday as i64 + 6) % 7),
        Value::int(tm.tm_yday as i64 + 1),
        Value::int(tm.tm_isdst as i64),
        z,
        Value::int(tm.tm_gmtoff),
    ];
    vm.new_tuple(&vals)
}

fn secs_arg(vm: &mut Vm, a: &[Value]) -> PyResult<i64> {
    match a.first() {
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)),
        Some(v) if v.is_none() => secs_arg(vm, &[]),
        Some(v) => {
            let f = vm.to_f64(*v)?;
            if !f.is_finite() || f.abs() > 1e17 {
                return Err(vm.raise_msg(
                    T::OverflowError,
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(f.floor() as i64)
        }
    }
}

fn tm_from(vm: &mut Vm, v: Value) -> PyResult<libc::tm> {
    let items = vm.collect(v)?;
    if items.len() < 9 {
        return Err(vm.raise_msg(T::TypeError, "time tuple must have exactly 9 elements"));
    }
    let mut n = [0i64; 9];
    for (i, x) in items.iter().take(9).enumerate() {
        n[i] = vm.index_of(*x)?;
    }
    // SAFETY: libc::tm is plain data; all-zero is a valid value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    Ok(tm)
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_fn(d, "_localtime", |vm, a, _| {
        let t = secs_arg(vm, a)? as libc::time_t;
        // SAFETY: zeroed tm is valid; localtime_r writes into it.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        // SAFETY: both pointers are valid for the call.
        if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
            return Err(vm.raise_msg(
                T::OverflowError,
                "timestamp out of range for platform time_t",
            ));
        }
        Ok(tm_tuple(vm, &tm))
    });
    let d = vm.root(h);
    vm.add_fn(d, "_gmtime", |vm, a, _| {
        let t = secs_arg(vm, a)? as libc::time_t;
        // SAFETY: zeroed tm is valid; gmtime_r writes into it.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        // SAFETY: both pointers are valid for the call.
        if unsafe { libc::gmtime_r(&t, &mut tm) }.is_null() {
            return Err(vm.raise_msg(
                T::OverflowError,
                "timestamp out of range for platform time_t",
            ));
        }
        Ok(tm_tuple(vm, &tm))
    });
    let d = vm.root(h);
    vm.add_fn(d, "mktime", |vm, a, _| {
        vm.check_args("mktime", a, 1, 1)?;
        let mut tm = tm_from(vm, a[0])?;
        // SAFETY: tm is a valid, initialised struct.
        let t = unsafe { libc::mktime(&mut tm) };
        if t == -1 && tm.tm_wday == -1 {
            return Err(vm.raise_msg(T::OverflowError, "mktime argument out of range"));
        }
        Ok(vm.new_float(t as f64))
    });
    let d = vm.root(h);
    vm.add_fn(d, "_strftime", |vm, a, _| {
        vm.check_args("_strftime", a, 2, 2)?;
        if !Vm::is_kind(a[0], Kind::Str) {
            return Err(vm.raise_msg(T::TypeError, "strftime() argument 1 must be str"));
        }
        let fmt = Vm::as_str(a[0]).to_string();
        let tm = tm_from(vm, a[1])?;
        let Ok(cfmt) = std::ffi::CString::new(fmt.clone()) else {
            return Err(vm.raise_msg(T::ValueError, "embedded null character"));
        };
        let mut size = 256 + fmt.len() * 8;
        loop {
            let mut buf = vec![0u8; size];
            // SAFETY: buf has `size` bytes; cfmt and tm are valid.
            let n = unsafe {
                libc::strftime(
                    buf.as_mut_ptr() as *mut libc::c_char,
                    size,
                    cfmt.as_ptr(),
                    &tm,
                )
            };
            if n > 0 || size > 65536 || fmt.is_empty() {
                buf.truncate(n);
                let s = String::from_utf8_lossy(&buf).into_owned();
                return Ok(vm.new_string(s));
            }
            size *= 4;
        }
    });
    let d = vm.root(h);
    let r = exec_in(vm, d, SRC, "<time>");
    vm.pop_roots(h);
    r
}
