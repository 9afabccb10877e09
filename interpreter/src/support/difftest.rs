//! Differential tests against the real CPython: random inputs are generated
//! here (with our own Mersenne Twister), evaluated by `python3` (3.11) in a
//! subprocess and compared with the support modules.  They need `python3`
//! on PATH and take a few seconds, so they are `#[ignore]`d; run them with
//! `cargo test -p interpreter --lib support::difftest -- --ignored`.

use super::error::SupportError;
use super::float_repr::format_float;
use super::format_spec::{format_float as fmt_float, format_int, format_str};
use super::numeric::int_truediv;
use super::numhash::{hash_float, round_float};
use super::numparse::{parse_float, parse_int, IntParseError};
use super::percent::{percent_format, ArgRef, PercentArg, PercentArgs};
use super::random::PyRandom;
use num_bigint::BigInt;
use std::io::Write;
use std::process::{Command, Stdio};

/// Evaluates one request per line; answers `OK <value>` or
/// `ERR <ExceptionClass> <hex message>`.
const ORACLE: &str = r#"
import sys, struct
def fb(x): return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]
def ub(h): return struct.unpack('<d', struct.pack('<Q', int(h, 16)))[0]
def hx(s): return s.encode('utf-8', 'surrogatepass').hex()
def uh(h): return '' if h == '-' else bytes.fromhex(h).decode()
def arg(a):
    return int(a[1:]) if a[0] == 'i' else ub(a[1:]) if a[0] == 'f' else uh(a[1:] or '-')
for line in sys.stdin:
    p = line.rstrip('\n').split(' ')
    k = p[0]
    try:
        if k == 'PF': r = hx(uh(p[1]) % ub(p[2]))
        elif k == 'FI': r = hx(format(int(p[1]), uh(p[2])))
        elif k == 'FF': r = hx(format(ub(p[1]), uh(p[2])))
        elif k == 'FS': r = hx(format(uh(p[1]), uh(p[2])))
        elif k == 'PA': r = fb(float(uh(p[1])))
        elif k == 'IN': r = str(int(uh(p[1]), int(p[2])))
        elif k == 'TD': r = fb(int(p[1]) / int(p[2]))
        elif k == 'RF': r = fb(round(ub(p[1]), int(p[2])))
        elif k == 'HF': r = str(hash(ub(p[1])))
        elif k == 'PC': r = hx(uh(p[1]) % tuple(arg(a) for a in p[2:]))
        print('OK ' + (r or '-'))
    except Exception as e:
        print('ERR %s %s' % (type(e).__name__, hx(str(e)) or '-'))
"#;

/// Hex of the UTF-8 bytes (`-` for the empty string, so fields never vanish).
fn hx(s: &str) -> String {
    if s.is_empty() {
        return "-".to_string();
    }
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn fb(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

fn err_line(e: &SupportError) -> String {
    format!("ERR {:?} {}", e.kind, hx(&e.msg))
}

/// Run the oracle over `requests` and compare with `ours`, reporting the
/// first few mismatches.
fn compare(requests: &[String], ours: &[String]) {
    let mut child = Command::new("python3")
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed for the differential tests");
    let mut input = requests.join("\n");
    input.push('\n');
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("python3 output");
    writer
        .join()
        .expect("writer thread")
        .expect("write to python3");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let theirs: Vec<&str> = text.lines().collect();
    assert_eq!(
        theirs.len(),
        requests.len(),
        "oracle answered every request"
    );
    let bad: Vec<String> = requests
        .iter()
        .zip(ours)
        .zip(&theirs)
        .filter(|((_, o), t)| o.as_str() != **t)
        .map(|((r, o), t)| format!("{r}\n   ours:   {o}\n   python: {t}"))
        .collect();
    assert!(
        bad.is_empty(),
        "{} mismatches, first:\n{}",
        bad.len(),
        bad[..bad.len().min(5)].join("\n")
    );
}

fn random_float(r: &mut PyRandom) -> f64 {
    match r.randbelow_u64(4) {
        0 => f64::from_bits(r.mt.getrandbits_u64(64)),
        1 => (r.random() * 2.0 - 1.0) * 10f64.powi(r.randbelow_u64(61) as i32 - 30),
        2 => {
            [0.0, -0.0, 0.5, 2.5, 1e16, f64::INFINITY, f64::NAN, -1.5][r.randbelow_u64(8) as usize]
        }
        _ => (r.randbelow_u64(2_000_001) as f64 - 1e6) / 8.0,
    }
}

fn pick(r: &mut PyRandom, s: &str) -> char {
    let cs: Vec<char> = s.chars().collect();
    cs[r.randbelow_u64(cs.len() as u64) as usize]
}

fn random_spec(r: &mut PyRandom, types: &str) -> String {
    let mut s = String::new();
    if r.random() < 0.3 {
        if r.random() < 0.5 {
            s.push(pick(r, "*0x=<> "));
        }
        s.push(pick(r, "<>=^"));
    }
    for (p, set) in [(0.3, "+- "), (0.1, "z"), (0.2, "#"), (0.2, "0")] {
        if r.random() < p {
            s.push(pick(r, set));
        }
    }
    if r.random() < 0.5 {
        s.push_str(&r.randbelow_u64(31).to_string());
    }
    if r.random() < 0.2 {
        s.push(pick(r, ",_"));
    }
    if r.random() < 0.4 {
        s.push_str(&format!(".{}", r.randbelow_u64(21)));
    }
    if r.random() < 0.8 {
        s.push(pick(r, types));
    }
    s
}

#[test]
#[ignore]
fn printf_float_and_repr_vs_cpython() {
    let mut r = PyRandom::from_seed(&BigInt::from(1));
    let (mut req, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..20000 {
        let x = random_float(&mut r);
        let conv = pick(&mut r, "eEfFgGr");
        let prec = (r.random() < 0.8)
            .then(|| r.randbelow_u64(if x.abs() > 1e50 && conv == 'f' { 4 } else { 26 }) as usize);
        let alt = r.random() < 0.3;
        let fmt = match (conv, prec) {
            ('r', _) => "%r".to_string(),
            (_, Some(p)) => format!("%{}.{p}{conv}", if alt { "#" } else { "" }),
            (_, None) => format!("%{}{conv}", if alt { "#" } else { "" }),
        };
        req.push(format!("PF {} {}", hx(&fmt), fb(x)));
        ours.push(format!("OK {}", hx(&format_float(x, conv, prec, alt))));
    }
    compare(&req, &ours);
}

#[test]
#[ignore]
fn format_spec_vs_cpython() {
    let mut r = PyRandom::from_seed(&BigInt::from(2));
    let (mut req, mut ours) = (Vec::new(), Vec::new());
    let show = |x: Result<String, SupportError>| match x {
        Ok(s) => format!("OK {}", hx(&s)),
        Err(e) => err_line(&e),
    };
    for i in 0..30000 {
        match i % 3 {
            0 => {
                let bits = r.randbelow_u64(200) + 1;
                let mut n = BigInt::from(r.mt.getrandbits(bits));
                if r.random() < 0.5 {
                    n = -n;
                }
                let spec = random_spec(&mut r, "bdoxXn%eEfFgGq");
                req.push(format!("FI {n} {}", hx(&spec)));
                ours.push(show(format_int(&n, &spec, "int")));
            }
            1 => {
                let x = random_float(&mut r);
                let spec = random_spec(&mut r, "eEfFgGn%q");
                req.push(format!("FF {} {}", fb(x), hx(&spec)));
                ours.push(show(fmt_float(x, &spec)));
            }
            _ => {
                let len = r.randbelow_u64(8);
                let s: String = (0..len).map(|_| pick(&mut r, "ab\u{e9}\u{20ac}")).collect();
                let spec = random_spec(&mut r, "sq");
                req.push(format!("FS {} {}", hx(&s), hx(&spec)));
                ours.push(show(format_str(&s, &spec)));
            }
        }
    }
    compare(&req, &ours);
}

#[test]
#[ignore]
fn parsing_division_rounding_hashing_vs_cpython() {
    let mut r = PyRandom::from_seed(&BigInt::from(3));
    let (mut req, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..10000 {
        let len = r.randbelow_u64(11);
        let s: String = (0..len)
            .map(|_| pick(&mut r, "0123456789_.eE+- infatyINxXbBoO\u{663}\u{a0}"))
            .collect();
        req.push(format!("PA {}", hx(&s)));
        ours.push(match parse_float(&s) {
            Some(x) => format!("OK {}", fb(x)),
            None => format!(
                "ERR ValueError {}",
                hx(&format!(
                    "could not convert string to float: {}",
                    super::unicode::repr_str(&s)
                ))
            ),
        });
        let base = [0, 10, 2, 8, 16, 36][r.randbelow_u64(6) as usize];
        let t: String = (0..r.randbelow_u64(9))
            .map(|_| pick(&mut r, "0123456789abcxobXOB_ -+"))
            .collect();
        req.push(format!("IN {} {base}", hx(&t)));
        ours.push(match parse_int(&t, base, 4300) {
            Ok(v) => format!("OK {v}"),
            Err(e @ IntParseError::Invalid) => err_line(&super::numparse::int_error(
                &e,
                base,
                &super::unicode::repr_str(&t),
                4300,
            )),
            Err(e) => format!("{e:?}"),
        });
        let (ka, kb) = (r.randbelow_u64(1300) + 1, r.randbelow_u64(1300) + 1);
        let a = BigInt::from(r.mt.getrandbits(ka)) * if r.random() < 0.5 { -1 } else { 1 };
        let b = BigInt::from(r.mt.getrandbits(kb)) + 1;
        req.push(format!("TD {a} {b}"));
        ours.push(match int_truediv(&a, &b) {
            Ok(x) => format!("OK {}", fb(x)),
            Err(e) => err_line(&e),
        });
        let x = random_float(&mut r);
        let nd = r.randbelow_u64(51) as i64 - 25;
        req.push(format!("RF {} {nd}", fb(x)));
        ours.push(match round_float(x, nd) {
            Ok(v) => format!("OK {}", fb(v)),
            Err(e) => err_line(&e),
        });
        if !x.is_nan() {
            req.push(format!("HF {}", fb(x)));
            ours.push(format!("OK {}", hash_float(x).unwrap_or(0)));
        }
    }
    compare(&req, &ours);
}

/// `%` arguments for the differential test: ints, floats and strs with
/// Python's conversions (`%r` of a str quotes it).
struct Args(Vec<PercentArg>);

impl PercentArgs for Args {
    type Error = SupportError;
    fn tuple_len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn is_mapping(&self) -> bool {
        false
    }
    fn lookup_key(&mut self, _key: &str) -> Result<(), SupportError> {
        Err(SupportError::type_error("format requires a mapping"))
    }
    fn convert(&mut self, a: ArgRef, conv: char) -> Result<PercentArg, SupportError> {
        let ArgRef::Index(i) = a else {
            return Err(SupportError::type_error("unexpected argument reference"));
        };
        let v = self.0[i].clone();
        Ok(match (conv, v) {
            ('s', PercentArg::Str(s)) => PercentArg::Str(s),
            ('r' | 'a', PercentArg::Str(s)) => PercentArg::Str(super::unicode::repr_str(&s)),
            ('s' | 'r' | 'a', PercentArg::Int(n)) => PercentArg::Str(n.to_string()),
            ('s' | 'r' | 'a', PercentArg::Float(x)) => PercentArg::Str(super::float_repr::repr(x)),
            ('o' | 'x' | 'X' | 'c', PercentArg::Float(_)) => {
                return Err(SupportError::type_error(if conv == 'c' {
                    "%c requires int or char".to_string()
                } else {
                    format!("%{conv} format: an integer is required, not float")
                }))
            }
            (_, v) => v,
        })
    }
    fn star(&mut self, a: ArgRef, _is_precision: bool) -> Result<i64, SupportError> {
        match a {
            ArgRef::Index(i) => match &self.0[i] {
                PercentArg::Int(n) => Ok(i64::try_from(n).unwrap_or(0)),
                _ => Err(SupportError::type_error("* wants int")),
            },
            _ => Err(SupportError::type_error("* wants int")),
        }
    }
}

#[test]
#[ignore]
fn percent_vs_cpython() {
    let mut r = PyRandom::from_seed(&BigInt::from(4));
    let (mut req, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..20000 {
        let mut fmt = String::new();
        let mut args: Vec<PercentArg> = Vec::new();
        for _ in 0..r.randbelow_u64(4) {
            fmt.push_str(["", "ab", " ", "\u{e9}", "%%"][r.randbelow_u64(5) as usize]);
            fmt.push('%');
            for _ in 0..r.randbelow_u64(3) {
                fmt.push(pick(&mut r, "-+ #0"));
            }
            if r.random() < 0.1 {
                fmt.push('*');
                args.push(PercentArg::Int(BigInt::from(
                    r.randbelow_u64(25) as i64 - 12,
                )));
            } else if r.random() < 0.5 {
                fmt.push_str(&r.randbelow_u64(16).to_string());
            }
            if r.random() < 0.4 {
                fmt.push_str(&format!(".{}", r.randbelow_u64(13)));
            }
            let conv = if r.random() < 0.97 {
                pick(&mut r, "diouxXeEfFgGcrs")
            } else {
                pick(&mut r, "yq")
            };
            fmt.push(conv);
            args.push(match conv {
                'd' | 'i' | 'o' | 'u' | 'x' | 'X' => {
                    let k = r.randbelow_u64(90) + 1;
                    let n = BigInt::from(r.mt.getrandbits(k));
                    PercentArg::Int(if r.random() < 0.5 { -n } else { n })
                }
                'c' => PercentArg::Int(BigInt::from(r.randbelow_u64(0xd800))),
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => PercentArg::Float(random_float(&mut r)),
                _ => PercentArg::Str(
                    ["xyz", "\u{e9}\u{20ac}", "", "it's"][r.randbelow_u64(4) as usize].to_string(),
                ),
            });
        }
        if r.random() < 0.05 {
            args.pop();
        }
        if r.random() < 0.05 {
            args.push(PercentArg::Int(BigInt::from(7)));
        }
        let enc: Vec<String> = args
            .iter()
            .map(|a| match a {
                PercentArg::Int(n) => format!("i{n}"),
                PercentArg::Float(x) => format!("f{}", fb(*x)),
                PercentArg::Str(s) => {
                    format!("s{}", if s.is_empty() { String::new() } else { hx(s) })
                }
            })
            .collect();
        req.push(
            format!("PC {} {}", hx(&fmt), enc.join(" "))
                .trim_end()
                .to_string(),
        );
        ours.push(match percent_format(&fmt, &mut Args(args)) {
            Ok(s) => format!("OK {}", hx(&s)),
            Err(e) => err_line(&e),
        });
    }
    compare(&req, &ours);
}
