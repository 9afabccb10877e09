//! Tests for `percent`: a mock VM argument source with Python-like
//! conversions, and cases whose expected results come from CPython 3.11.

use super::*;

/// A Python value as far as these tests need.
#[derive(Clone, Debug)]
enum V {
    I(&'static str),
    F(f64),
    S(&'static str),
    T(Vec<V>),
    D(Vec<(&'static str, V)>),
}

#[derive(Debug, PartialEq)]
struct MockErr {
    kind: String,
    msg: String,
}

impl From<SupportError> for MockErr {
    fn from(e: SupportError) -> Self {
        MockErr {
            kind: format!("{:?}", e.kind),
            msg: e.msg,
        }
    }
}

fn err(kind: &str, msg: &str) -> MockErr {
    MockErr {
        kind: kind.to_string(),
        msg: msg.to_string(),
    }
}

struct Mock {
    operand: V,
    keyed: Option<V>,
}

fn type_name(v: &V) -> &'static str {
    match v {
        V::I(_) => "int",
        V::F(_) => "float",
        V::S(_) => "str",
        V::T(_) => "tuple",
        V::D(_) => "dict",
    }
}

fn py_str(v: &V, repr: bool) -> String {
    match v {
        V::I(s) => s.to_string(),
        V::F(x) => crate::support::float_repr::repr(*x),
        V::S(s) if repr => format!("'{s}'"),
        V::S(s) => s.to_string(),
        V::T(items) => {
            let parts: Vec<String> = items.iter().map(|x| py_str(x, true)).collect();
            format!("({})", parts.join(", "))
        }
        V::D(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|(k, x)| format!("'{k}': {}", py_str(x, true)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

impl Mock {
    fn get(&self, arg: ArgRef) -> V {
        match (arg, &self.operand) {
            (ArgRef::Index(i), V::T(items)) => items[i].clone(),
            (ArgRef::Keyed, _) => self.keyed.clone().expect("no keyed value"),
            (ArgRef::Whole, v) => v.clone(),
            (a, v) => panic!("bad ArgRef {a:?} for {v:?}"),
        }
    }
}

impl PercentArgs for Mock {
    type Error = MockErr;
    fn tuple_len(&self) -> Option<usize> {
        match &self.operand {
            V::T(items) => Some(items.len()),
            _ => None,
        }
    }
    fn is_mapping(&self) -> bool {
        matches!(self.operand, V::D(_))
    }
    fn lookup_key(&mut self, key: &str) -> Result<(), MockErr> {
        let V::D(items) = &self.operand else {
            panic!("lookup on non-mapping")
        };
        let found = items
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone());
        self.keyed = Some(found.ok_or_else(|| err("KeyError", &format!("'{key}'")))?);
        Ok(())
    }
    fn convert(&mut self, arg: ArgRef, conv: char) -> Result<PercentArg, MockErr> {
        let v = self.get(arg);
        let big = |s: &str| s.parse::<BigInt>().unwrap();
        Ok(match (conv, &v) {
            ('s', _) => PercentArg::Str(py_str(&v, false)),
            ('r' | 'a', _) => PercentArg::Str(py_str(&v, true)),
            ('d' | 'i' | 'u', V::I(s)) => PercentArg::Int(big(s)),
            ('d' | 'i' | 'u', V::F(x)) => PercentArg::Float(*x),
            ('d' | 'i' | 'u', _) => {
                let m = format!(
                    "%{conv} format: a real number is required, not {}",
                    type_name(&v)
                );
                return Err(err("TypeError", &m));
            }
            ('o' | 'x' | 'X', V::I(s)) => PercentArg::Int(big(s)),
            ('o' | 'x' | 'X', _) => {
                let m = format!(
                    "%{conv} format: an integer is required, not {}",
                    type_name(&v)
                );
                return Err(err("TypeError", &m));
            }
            ('c', V::I(s)) => PercentArg::Int(big(s)),
            ('c', V::S(s)) => PercentArg::Str(s.to_string()),
            ('c', _) => return Err(err("TypeError", "%c requires int or char")),
            (_, V::I(s)) => PercentArg::Int(big(s)),
            (_, V::F(x)) => PercentArg::Float(*x),
            _ => {
                let m = format!("must be real number, not {}", type_name(&v));
                return Err(err("TypeError", &m));
            }
        })
    }
    fn star(&mut self, arg: ArgRef, _is_precision: bool) -> Result<i64, MockErr> {
        match self.get(arg) {
            V::I(s) => Ok(s.parse().unwrap()),
            _ => Err(err("TypeError", "* wants int")),
        }
    }
}

#[test]
fn cases_match_cpython() {
    // (format, operand, expected kind, expected text) from CPython 3.11.
    let cases: Vec<(&str, V, &str, &str)> = vec![
        ("%05s", V::S("ab"), "Ok", "   ab"),
        ("%-05d", V::I("3"), "Ok", "3    "),
        ("%05d", V::I("-3"), "Ok", "-0003"),
        ("%+05d", V::I("3"), "Ok", "+0003"),
        ("% 5d", V::I("3"), "Ok", "    3"),
        ("%.3d", V::I("5"), "Ok", "005"),
        ("%+.3d", V::I("-5"), "Ok", "-005"),
        ("%#.5x", V::I("255"), "Ok", "0x000ff"),
        ("%#10.5x", V::I("255"), "Ok", "   0x000ff"),
        ("%#010x", V::I("255"), "Ok", "0x000000ff"),
        ("%#-10x|", V::I("255"), "Ok", "0xff      |"),
        ("%#o", V::I("8"), "Ok", "0o10"),
        ("%#X", V::I("255"), "Ok", "0XFF"),
        ("%x", V::I("-255"), "Ok", "-ff"),
        ("%#x", V::I("-255"), "Ok", "-0xff"),
        ("%010.3f", V::F(f64::from_bits(0xbff8000000000000)), "Ok", "-00001.500"),
        ("%-+10.2e|", V::F(f64::from_bits(0x4008000000000000)), "Ok", "+3.00e+00 |"),
        ("%c", V::I("65"), "Ok", "A"),
        ("%5c|", V::S("x"), "Ok", "    x|"),
        ("%-5c|", V::S("x"), "Ok", "x    |"),
        ("%c", V::I("1114112"), "OverflowError", "%c arg not in range(0x110000)"),
        ("%c", V::S("ab"), "TypeError", "%c requires int or char"),
        ("%y", V::I("1"), "ValueError", "unsupported format character 'y' (0x79) at index 1"),
        ("abc%", V::T(vec![]), "ValueError", "incomplete format"),
        ("%(a", V::D(vec![("a", V::I("1"))]), "ValueError", "incomplete format key"),
        ("%(a)s", V::I("1"), "TypeError", "format requires a mapping"),
        ("%s %s", V::T(vec![V::I("1")]), "TypeError", "not enough arguments for format string"),
        ("%s", V::T(vec![V::I("1"), V::I("2")]), "TypeError", "not all arguments converted during string formatting"),
        ("abc", V::I("5"), "TypeError", "not all arguments converted during string formatting"),
        ("abc", V::D(vec![("a", V::I("1"))]), "Ok", "abc"),
        ("%(a)s %s", V::D(vec![("a", V::I("1"))]), "TypeError", "not enough arguments for format string"),
        ("%*d|", V::T(vec![V::I("5"), V::I("3")]), "Ok", "    3|"),
        ("%-*d|", V::T(vec![V::I("5"), V::I("3")]), "Ok", "3    |"),
        ("%*d|", V::T(vec![V::I("-5"), V::I("3")]), "Ok", "3    |"),
        ("%.*f", V::T(vec![V::I("2"), V::F(f64::from_bits(0x400921f9f01b866e))]), "Ok", "3.14"),
        ("%.*f", V::T(vec![V::I("-2"), V::F(f64::from_bits(0x400921f9f01b866e))]), "Ok", "3"),
        ("%*d", V::T(vec![V::S("x"), V::I("3")]), "TypeError", "* wants int"),
        ("%ld %hd %Lf", V::T(vec![V::I("1"), V::I("2"), V::F(f64::from_bits(0x4008000000000000))]), "Ok", "1 2 3.000000"),
        ("%%", V::T(vec![]), "Ok", "%"),
        ("%5%|", V::T(vec![]), "TypeError", "not enough arguments for format string"),
        ("100%%", V::T(vec![]), "Ok", "100%"),
        ("%.2s", V::S("abcdef"), "Ok", "ab"),
        ("%10.2s|", V::S("abcdef"), "Ok", "        ab|"),
        ("%r", V::S("a"), "Ok", "'a'"),
        ("%i %u", V::T(vec![V::I("3"), V::I("4")]), "Ok", "3 4"),
        ("%d", V::F(f64::from_bits(0x400f333333333333)), "Ok", "3"),
        ("%d", V::F(f64::from_bits(0xc00f333333333333)), "Ok", "-3"),
        ("%x", V::F(f64::from_bits(0x400c000000000000)), "TypeError", "%x format: an integer is required, not float"),
        ("%f", V::S("x"), "TypeError", "must be real number, not str"),
        ("%d", V::S("x"), "TypeError", "%d format: a real number is required, not str"),
        ("%c", V::F(f64::from_bits(0x400c000000000000)), "TypeError", "%c requires int or char"),
        ("%(a)(b)s", V::D(vec![("a", V::I("1"))]), "ValueError", "unsupported format character '(' (0x28) at index 4"),
        ("%((a))s", V::D(vec![("(a)", V::I("5"))]), "Ok", "5"),
        ("%s", V::T(vec![]), "TypeError", "not enough arguments for format string"),
        ("%\u{e9}", V::I("1"), "ValueError", "unsupported format character '?' (0xe9) at index 1"),
        ("%.f", V::F(f64::from_bits(0x4004000000000000)), "Ok", "2"),
        ("%10.f|", V::F(f64::from_bits(0x4004000000000000)), "Ok", "         2|"),
        ("%#.0f", V::F(f64::from_bits(0x4000000000000000)), "Ok", "2."),
        ("%#g", V::F(f64::from_bits(0x4000000000000000)), "Ok", "2.00000"),
        ("%G", V::F(f64::from_bits(0x3ddb7cdfd9d7bdbb)), "Ok", "1E-10"),
        ("%F", V::F(f64::from_bits(0x7ff0000000000000)), "Ok", "INF"),
        ("%+f", V::F(f64::from_bits(0x7ff8000000000000)), "Ok", "+nan"),
        ("%05f", V::F(f64::from_bits(0xfff0000000000000)), "Ok", "-0inf"),
        ("%e", V::I("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"), "OverflowError", "int too large to convert to float"),
        ("%g", V::I("100000000000000000000"), "Ok", "1e+20"),
        ("% d", V::I("-3"), "Ok", "-3"),
        ("%+ d", V::I("3"), "Ok", "+3"),
        ("% +d", V::I("3"), "Ok", "+3"),
        ("%0-5d|", V::I("3"), "Ok", "3    |"),
        ("%#5o|", V::I("0"), "Ok", "  0o0|"),
        ("%.0d", V::I("0"), "Ok", "0"),
        ("%.0x", V::I("0"), "Ok", "0"),
        ("%.50f", V::F(f64::from_bits(0x3ff0000000000000)), "Ok", "1.00000000000000000000000000000000000000000000000000"),
        ("%(x)d", V::D(vec![("x", V::F(f64::from_bits(0x400d99999999999a)))]), "Ok", "3"),
        ("%*.*f|", V::T(vec![V::I("8"), V::I("2"), V::F(f64::from_bits(0x400921f9f01b866e))]), "Ok", "    3.14|"),
        ("%*s", V::I("5"), "TypeError", "not enough arguments for format string"),
        ("%2$s", V::I("1"), "ValueError", "unsupported format character '$' (0x24) at index 2"),
        ("%(a)*d", V::D(vec![("a", V::I("3"))]), "TypeError", "not enough arguments for format string"),
        ("%5s|%-5s|", V::T(vec![V::S("a"), V::S("b")]), "Ok", "    a|b    |"),
        ("%z", V::I("1"), "ValueError", "unsupported format character 'z' (0x7a) at index 1"),
        ("%\u{1}", V::I("1"), "ValueError", "unsupported format character '?' (0x1) at index 1"),
        ("%.3c", V::I("65"), "Ok", "A"),
        ("%-+#08.3o|", V::I("8"), "Ok", "+0o010  |"),
        ("%d", V::I("1180591620717411303424"), "Ok", "1180591620717411303424"),
        ("%.30d", V::I("5"), "Ok", "000000000000000000000000000005"),
        ("%-3c|", V::I("128512"), "Ok", "\u{1f600}  |"),
        ("%5%", V::T(vec![V::I("1")]), "ValueError", "unsupported format character '%' (0x25) at index 2"),
        ("%y", V::T(vec![]), "TypeError", "not enough arguments for format string"),
        ("%c", V::I("18446744073709551616"), "OverflowError", "%c arg not in range(0x110000)"),
        ("%c", V::I("-1"), "OverflowError", "%c arg not in range(0x110000)"),
        ("%(a)", V::D(vec![("a", V::I("1"))]), "ValueError", "incomplete format"),
        ("%-", V::I("1"), "ValueError", "incomplete format"),
        ("%5", V::I("1"), "ValueError", "incomplete format"),
        ("%.", V::I("1"), "ValueError", "incomplete format"),
        ("%l", V::I("1"), "ValueError", "incomplete format"),
        ("%(a)s%%", V::D(vec![("a", V::I("1"))]), "Ok", "1%"),
        ("%s%%", V::I("1"), "Ok", "1%"),
        ("%%%s", V::I("1"), "Ok", "%1"),
        ("%s %s", V::S("ab"), "TypeError", "not enough arguments for format string"),
        ("%(a)s %(b)s", V::D(vec![("a", V::I("1")), ("b", V::I("2"))]), "Ok", "1 2"),
        ("%d %d", V::T(vec![V::I("1"), V::I("2"), V::I("3")]), "TypeError", "not all arguments converted during string formatting"),
        ("%99999999999999999999d", V::I("1"), "ValueError", "width too big"),
        ("%.99999999999999999999d", V::I("1"), "ValueError", "precision too big"),
        ("%5.3s|", V::S("\u{e9}\u{1f600}xyz"), "Ok", "  \u{e9}\u{1f600}x|"),
        ("%#x", V::I("0"), "Ok", "0x0"),
        ("%+x", V::I("255"), "Ok", "+ff"),
        ("% o", V::I("8"), "Ok", " 10"),
        ("%+c", V::I("65"), "Ok", "A"),
        ("%05c", V::I("65"), "Ok", "    A"),
        ("%#c", V::I("65"), "Ok", "A"),
        ("%#s", V::S("a"), "Ok", "a"),
        ("%+s", V::S("a"), "Ok", "a"),
        ("%.0s|", V::S("abc"), "Ok", "|"),
        ("%-05.1f|", V::F(f64::from_bits(0x4002000000000000)), "Ok", "2.2  |"),
        ("%+.0e", V::F(f64::from_bits(0x0000000000000000)), "Ok", "+0e+00"),
        ("% g", V::F(f64::from_bits(0x8000000000000000)), "Ok", "-0"),
        ("%+g", V::F(f64::from_bits(0x0000000000000000)), "Ok", "+0"),
        ("%#.3g", V::F(f64::from_bits(0x3ff0000000000000)), "Ok", "1.00"),
        ("%020.10g", V::F(f64::from_bits(0x3fd5555555555555)), "Ok", "000000000.3333333333"),
        ("%-#8.1e|", V::F(f64::from_bits(0x3ff0000000000000)), "Ok", "1.0e+00 |"),
        ("%.3x", V::I("-5"), "Ok", "-005"),
        ("%#.3o", V::I("-5"), "Ok", "-0o005"),
        ("%5.3d|", V::I("-5"), "Ok", " -005|"),
        ("%05.3d|", V::I("-5"), "Ok", "-0005|"),
        ("%-7.3d|", V::I("-5"), "Ok", "-005   |"),
        ("%+07d", V::I("0"), "Ok", "+000000"),
        ("%+#07x", V::I("10"), "Ok", "+0x000a"),
        ("% #7x|", V::I("10"), "Ok", "    0xa|"),
        ("%-#7o|", V::I("10"), "Ok", "0o12   |"),
        ("x=%d y=%s z=%r %%", V::T(vec![V::I("1"), V::S("two"), V::S("three")]), "Ok", "x=1 y=two z='three' %"),
        ("%s", V::S("\u{e9}"), "Ok", "\u{e9}"),
        ("h\u{e9}llo %s!", V::S("w\u{f6}rld"), "Ok", "h\u{e9}llo w\u{f6}rld!"),
        ("%-10r|", V::S("q"), "Ok", "'q'       |"),
        ("%08.3e", V::F(f64::from_bits(0xc0c81cd6c8b43958)), "Ok", "-1.235e+04"),
        ("%x", V::I("1267650600228229401496703205376"), "Ok", "10000000000000000000000000"),
        ("%#X", V::I("-1180591620717411303424"), "Ok", "-0X400000000000000000"),
        ("%.2f%%", V::F(f64::from_bits(0x4028b0a3d70a3d71)), "Ok", "12.35%"),
        ("%(n)05.1f", V::D(vec![("n", V::F(f64::from_bits(0x4002000000000000)))]), "Ok", "002.2"),
        ("%s", V::F(f64::from_bits(0x3ff8000000000000)), "Ok", "1.5"),
        ("%s", V::I("100000000000000000000"), "Ok", "100000000000000000000"),
        ("%r", V::F(f64::from_bits(0x4341c37937e08000)), "Ok", "1e+16"),
        ("%s and %s", V::T(vec![V::S("a"), V::S("b")]), "Ok", "a and b"),
        ("%d%%", V::I("50"), "Ok", "50%"),
        ("%c%c", V::T(vec![V::S("a"), V::I("98")]), "Ok", "ab"),
        ("%(a)s", V::D(vec![("b", V::I("1"))]), "KeyError", "'a'"),
    ];
    assert!(cases.len() > 140);
    for (fmt, operand, kind, want) in cases {
        let what = format!("{fmt:?} % {operand:?}");
        let mut m = Mock {
            operand,
            keyed: None,
        };
        match percent_format(fmt, &mut m) {
            Ok(s) => {
                assert_eq!(kind, "Ok", "{what}: got Ok({s:?}), want {kind} {want:?}");
                assert_eq!(s, want, "{what}");
            }
            Err(e) => assert_eq!(e, err(kind, want), "{what}"),
        }
    }
}

#[test]
fn zero_fill_with_huge_width_is_refused() {
    let mut m = Mock {
        operand: V::I("1"),
        keyed: None,
    };
    assert!(percent_format("%999999999999d", &mut m).is_err());
}

#[test]
fn dyn_trait_object_works() {
    let mut m = Mock {
        operand: V::T(vec![V::I("7"), V::S("x")]),
        keyed: None,
    };
    let dynref: &mut dyn PercentArgs<Error = MockErr> = &mut m;
    assert_eq!(percent_format("%03d-%s", dynref).unwrap(), "007-x");
}
