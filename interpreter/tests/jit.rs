//! The method JIT from the outside: functions are compiled (the log says
//! so) and give the interpreter's results, on every collector and under
//! torture; bad knob values exit 2 naming the value and the valid ones;
//! the CLIF dump shows the compiled function.

use std::process::{Command, Output};

const PROG: &str = "
def hot(n):
    s = 0
    for i in range(n):
        s += i * i - 3
        if s > 10 ** 17:
            s = s // 7
    return s

def big(n):
    x = 3
    for i in range(n):
        x = x * x
    return x % 1000007

def gen(n):
    yield n

import sys
print(hot(200), hot(int(sys.argv[1])), big(12), list(gen(3)))
";

const EXPECTED: &str = "2646100 333328333050000 942507 [3]\n";
/// With `hot(2000)` (torture collects at every poll: keep it short).
const EXPECTED_SMALL: &str = "2646100 2664661000 942507 [3]\n";

fn pygc(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pygc"));
    c.args(args);
    for v in [
        "PYGC_JIT",
        "PYGC_JIT_THRESHOLD",
        "PYGC_JIT_LOG",
        "PYGC_JIT_DUMP",
        "PYGC_TORTURE",
    ] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run pygc")
}

#[test]
fn compiled_functions_give_the_interpreters_results() {
    for gc in gc_registry::names() {
        for torture in ["0", "1"] {
            let out = pygc(
                &[
                    &format!("--gc={gc}"),
                    "--jit=on",
                    "--jit-log",
                    "-c",
                    PROG,
                    "2000",
                ],
                &[("PYGC_JIT_THRESHOLD", "1"), ("PYGC_TORTURE", torture)],
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                EXPECTED_SMALL,
                "gc={gc} torture={torture}: {err}"
            );
            assert!(out.status.success(), "{err}");
            assert!(err.contains("pygc-jit: compiled hot ("), "{err}");
            assert!(err.contains("pygc-jit: compiled big ("), "{err}");
            assert!(
                err.contains("pygc-jit: not compiled gen (") && err.contains("generator"),
                "{err}"
            );
        }
    }
}

#[test]
fn off_compiles_nothing_and_threshold_delays() {
    let out = pygc(&["--jit=off", "--jit-log", "-c", PROG, "100000"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), EXPECTED);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("pygc-jit"));
    // hot(200) runs 200 iterations: below a threshold of 1000 until hot(100000)
    let out = pygc(
        &["--jit-log", "-c", PROG, "100000"],
        &[("PYGC_JIT", "on"), ("PYGC_JIT_THRESHOLD", "1000")],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stdout), EXPECTED);
    assert!(err.contains("compiled hot ("), "{err}");
    assert!(!err.contains("compiled big ("), "{err}");
}

#[test]
fn exceptions_in_compiled_code_have_cpython_tracebacks() {
    let prog = "def f(xs, d):\n    t = 0\n    for x in xs:\n        t += x // d\n    return t\nprint(f([1, 2], 1))\nf([1, 2], 0)\n";
    let out = pygc(&["--jit=on", "-c", prog], &[("PYGC_JIT_THRESHOLD", "1")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "3\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 7, in <module>")
            && err.contains("line 4, in f")
            && err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"),
        "{err}"
    );
}

#[test]
fn bad_knobs_exit_2() {
    let out = pygc(&["--jit=maybe", "-c", "pass"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'maybe'") && err.contains("on, off"), "{err}");
    for (k, v) in [
        ("PYGC_JIT", "yes"),
        ("PYGC_JIT_THRESHOLD", "0"),
        ("PYGC_JIT_THRESHOLD", "x"),
    ] {
        let out = pygc(&["-c", "pass"], &[(k, v)]);
        assert_eq!(out.status.code(), Some(2), "{k}={v}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("'{v}'")) && err.contains(k), "{err}");
    }
}

#[test]
fn clif_dump_names_the_function() {
    let out = pygc(
        &["--jit=on", "-c", PROG, "10"],
        &[("PYGC_JIT_THRESHOLD", "1"), ("PYGC_JIT_DUMP", "hot")],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pygc-jit: CLIF of hot ("), "{err}");
    assert!(
        err.contains("function u0:") && err.contains("call fn"),
        "{err}"
    );
    assert!(!err.contains("CLIF of big"), "{err}");
}
