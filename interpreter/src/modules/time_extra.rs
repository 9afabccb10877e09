//! The calendar half of `time`: `struct_time`, `gmtime`, `localtime`,
//! `mktime`, `strftime`, `strptime` (the stdlib's `_strptime`), `asctime`,
//! `ctime` and the `timezone`/`altzone`/`daylight`/`tzname` constants, on
//! the C library's `gmtime_r`/`localtime_r`/`mktime`/`strftime`.

use super::util::init_with_native;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const SRC: &str = r#"
_STRUCT_TM_ITEMS = 11

class struct_time(tuple):
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)" % len(seq))
        return tuple.__new__(cls, seq[:9])
    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: tzname[1 if self[8] > 0 else 0])
    tm_gmtoff = property(lambda self: -(altzone if self[8] > 0 else timezone))
    def __repr__(self):
        names = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
                 "tm_wday", "tm_yday", "tm_isdst")
        return "time.struct_time(" + ", ".join("%s=%r" % nv for nv in zip(names, self)) + ")"
    def __reduce__(self):
        return (struct_time, (tuple(self),))

def _secs(secs):
    if secs is None:
        return time()
    if isinstance(secs, float) and secs != secs:
        raise ValueError("Invalid value NaN (not a number)")
    return secs

def gmtime(secs=None):
    return struct_time(_tm(_secs(secs), False))

def localtime(secs=None):
    return struct_time(_tm(_secs(secs), True))

def _tuple(t, name):
    if t is None:
        return tuple(localtime())
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("%s(): illegal time tuple argument" % name)
    return tuple(t)

def mktime(t):
    return _mktime(_tuple(t, "mktime"))

def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(format).__name__)
    t = _tuple(t, "strftime")
    if not 1 <= t[1] <= 12 and t[1] != 0:
        raise ValueError("month out of range")
    return _strftime(format, t)

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

def asctime(t=None):
    t = _tuple(t, "asctime")
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])

def ctime(secs=None):
    return asctime(localtime(secs))

def strptime(string, format="%a %b %d %H:%M:%S %Y"):
    import _strptime
    return _strptime._strptime_time(string, format)

def get_clock_info(name):
    class _Info:
        pass
    i = _Info()
    i.implementation = "clock_gettime(CLOCK_MONOTONIC)" if name != "time" else "clock_gettime(CLOCK_REALTIME)"
    i.monotonic = name != "time"
    i.adjustable = name == "time"
    i.resolution = 1e-09
    return i

timezone, altzone, daylight, _tzn = _zone()
tzname = tuple(_tzn)
del _tzn

def tzset():
    pass

def monotonic_ns():
    return int(monotonic() * 1e9)

def process_time_ns():
    return int(process_time() * 1e9)

def thread_time():
    return process_time()

def thread_time_ns():
    return process_time_ns()
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("_tm", tm),
            ("_mktime", mktime),
            ("_strftime", strftime),
            ("_zone", zone),
        ],
        SRC,
        "<time>",
    )
}

fn to_tuple(vm: &mut Vm, t: &libc::tm) -> Value {
    let wday = (t.tm_wday + 6) % 7;
    let vals = [
        t.tm_year as i64 + 1900,
        t.tm_mon as i64 + 1,
        t.tm_mday as i64,
        t.tm_hour as i64,
        t.tm_min as i64,
        t.tm_sec as i64,
        wday as i64,
        t.tm_yday as i64 + 1,
        t.tm_isdst as i64,
    ];
    let v: Vec<Value> = vals.iter().map(|x| Value::int(*x)).collect();
    vm.new_tuple(&v)
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: `tm` is plain old data; all-zero is a valid value (tm_zone NULL).
    unsafe { std::mem::zeroed() }
}

/// `_tm(secs, local)`: the 9 fields of gmtime/localtime.
fn tm<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let secs = vm.to_f64(args.v(vm, 0))?;
    if !secs.is_finite() || secs.abs() > 1e17 {
        return Err(vm.raise_msg(
            T::OverflowError,
            "timestamp out of range for platform time_t",
        ));
    }
    let t = secs.floor() as libc::time_t;
    let mut out = zeroed_tm();
    // SAFETY: `t` and `out` are valid for the duration of the call.
    let r = unsafe {
        if args.v(vm, 1) == Value::TRUE {
            libc::localtime_r(&t, &mut out)
        } else {
            libc::gmtime_r(&t, &mut out)
        }
    };
    if r.is_null() {
        return Err(vm.raise_msg(
            T::OSError,
            "[Errno 75] Value too large for defined data type",
        ));
    }
    Ok(to_tuple(vm, &out))
}

fn from_tuple(vm: &mut Vm, t: Value) -> PyResult<libc::tm> {
    let mut f = [0i64; 9];
    for (i, x) in f.iter_mut().enumerate() {
        let v = Vm::tuple_get(t, i);
        *x = match Vm::int_as_i64(v) {
            Some(n) => n,
            None => {
                let m = format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name_of(v)
                );
                return Err(vm.raise_msg(T::TypeError, &m));
            }
        };
    }
    let mut tm = zeroed_tm();
    tm.tm_year = (f[0] - 1900) as libc::c_int;
    tm.tm_mon = (f[1] - 1).max(0) as libc::c_int;
    tm.tm_mday = f[2].max(1) as libc::c_int;
    tm.tm_hour = f[3] as libc::c_int;
    tm.tm_min = f[4] as libc::c_int;
    tm.tm_sec = f[5] as libc::c_int;
    tm.tm_wday = ((f[6] + 1) % 7) as libc::c_int;
    tm.tm_yday = (f[7] - 1).max(0) as libc::c_int;
    tm.tm_isdst = f[8] as libc::c_int;
    Ok(tm)
}

fn mktime<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let mut tm = from_tuple(vm, args.v(vm, 0))?;
    // SAFETY: `tm` is a valid, writable struct tm.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return Err(vm.raise_msg(T::OverflowError, "mktime argument out of range"));
    }
    Ok(vm.new_float(r as f64))
}

fn strftime<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let fmt = Vm::as_str(args.v(vm, 0)).to_string();
    let tm = from_tuple(vm, args.v(vm, 1))?;
    if fmt.is_empty() {
        return Ok(vm.new_str(""));
    }
    let Ok(c) = std::ffi::CString::new(fmt.clone()) else {
        return Err(vm.raise_msg(T::ValueError, "embedded null character"));
    };
    let mut size = 256 + fmt.len() * 8;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes; `c` and `tm` are valid.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, c.as_ptr(), &tm) };
        if n > 0 || size > 1 << 20 {
            buf.truncate(n);
            return Ok(vm.new_string(String::from_utf8_lossy(&buf).to_string()));
        }
        size *= 4;
    }
}

/// `(timezone, altzone, daylight, [std name, dst name])` of the local zone.
fn zone<'s>(vm: &mut Vm, _s: Scope<'s>, _args: Args<'s>) -> PyResult {
    let probe = |month: libc::c_int| -> (i64, bool, String) {
        let mut tm = zeroed_tm();
        tm.tm_year = 124;
        tm.tm_mon = month;
        tm.tm_mday = 15;
        tm.tm_hour = 12;
        tm.tm_isdst = -1;
        // SAFETY: `tm` is valid and writable; the zone name pointer returned
        // in it points to static storage of the C library.
        unsafe {
            libc::mktime(&mut tm);
            let name = if tm.tm_zone.is_null() {
                String::new()
            } else {
                std::ffi::CStr::from_ptr(tm.tm_zone)
                    .to_string_lossy()
                    .to_string()
            };
            (-tm.tm_gmtoff, tm.tm_isdst > 0, name)
        }
    };
    let (jan, feb) = (probe(0), probe(6));
    let (std, dst) = if jan.1 { (feb, jan) } else { (jan, feb) };
    let daylight = std.0 != dst.0;
    let s = vm.new_string(std.2.clone());
    let hs = vm.push_root(s);
    let d = vm.new_string(if daylight { dst.2 } else { std.2 });
    let s = vm.root(hs);
    vm.pop_roots(hs);
    let names = vm.new_list(&[s, d]);
    Ok(vm.new_tuple(&[
        Value::int(std.0),
        Value::int(dst.0),
        Value::int(daylight as i64),
        names,
    ]))
}
