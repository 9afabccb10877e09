//! Tests for `strformat`: the parser against `_string.formatter_parser`
//! and rendering against `str.format` (CPython 3.11), using a small mock
//! object model.

use super::*;
use crate::support::float_repr;
use crate::support::format_spec;
use crate::support::unicode::{ascii_str, repr_str};

#[derive(Clone, Debug)]
enum V {
    I(i64),
    F(f64),
    S(String),
    L(Vec<V>),
    D(Vec<(String, V)>),
    O(Vec<(String, V)>),
}

#[derive(Debug, PartialEq)]
struct E(String, String);

impl From<SupportError> for E {
    fn from(e: SupportError) -> E {
        E(format!("{:?}", e.kind), e.msg)
    }
}

fn e(kind: &str, msg: &str) -> E {
    E(kind.to_string(), msg.to_string())
}

fn tname(v: &V) -> &'static str {
    match v {
        V::I(_) => "int",
        V::F(_) => "float",
        V::S(_) => "str",
        V::L(_) => "list",
        V::D(_) => "dict",
        V::O(_) => "Obj",
    }
}

fn repr(v: &V) -> String {
    match v {
        V::I(i) => i.to_string(),
        V::F(x) => float_repr::repr(*x),
        V::S(s) => repr_str(s),
        V::L(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        V::D(items) => format!(
            "{{{}}}",
            items
                .iter()
                .map(|(k, v)| format!("{}: {}", repr_str(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        V::O(_) => "<Obj>".to_string(),
    }
}

fn text(v: &V) -> String {
    match v {
        V::S(s) => s.clone(),
        other => repr(other),
    }
}

struct Mock {
    args: Vec<V>,
    kwargs: Vec<(String, V)>,
}

impl FormatArgs for Mock {
    type Value = V;
    type Error = E;
    fn positional(&mut self, i: usize) -> Result<Option<V>, E> {
        Ok(self.args.get(i).cloned())
    }
    fn keyword(&mut self, name: &str) -> Result<V, E> {
        self.kwargs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| e("KeyError", &repr_str(name)))
    }
    fn getattr(&mut self, obj: V, name: &str) -> Result<V, E> {
        let found = match (&obj, name) {
            (V::O(attrs), _) => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
            (V::I(i), "real") => Some(V::I(*i)),
            _ => None,
        };
        found.ok_or_else(|| {
            e(
                "AttributeError",
                &format!("'{}' object has no attribute '{name}'", tname(&obj)),
            )
        })
    }
    fn getitem_index(&mut self, obj: V, i: usize) -> Result<V, E> {
        match obj {
            V::L(items) => items
                .get(i)
                .cloned()
                .ok_or_else(|| e("IndexError", "list index out of range")),
            V::S(s) => s
                .chars()
                .nth(i)
                .map(|c| V::S(c.to_string()))
                .ok_or_else(|| e("IndexError", "string index out of range")),
            V::D(_) => Err(e("KeyError", &i.to_string())),
            other => Err(e(
                "TypeError",
                &format!("'{}' object is not subscriptable", tname(&other)),
            )),
        }
    }
    fn getitem_key(&mut self, obj: V, key: &str) -> Result<V, E> {
        match obj {
            V::D(items) => items
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| e("KeyError", &repr_str(key))),
            V::L(_) => Err(e(
                "TypeError",
                "list indices must be integers or slices, not str",
            )),
            V::S(_) => Err(e("TypeError", "string indices must be integers, not 'str'")),
            other => Err(e(
                "TypeError",
                &format!("'{}' object is not subscriptable", tname(&other)),
            )),
        }
    }
    fn convert(&mut self, obj: V, c: char) -> Result<V, E> {
        Ok(V::S(match c {
            's' => text(&obj),
            'r' => repr(&obj),
            _ => match &obj {
                V::S(s) => ascii_str(s),
                other => repr(other),
            },
        }))
    }
    fn format(&mut self, obj: V, spec: &str) -> Result<String, E> {
        Ok(match &obj {
            V::I(i) => format_spec::format_i64(*i, spec, "int")?,
            V::F(x) => format_spec::format_float(*x, spec)?,
            V::S(s) => format_spec::format_str(s, spec)?,
            other if spec.is_empty() => text(other),
            other => {
                let m = format!(
                    "unsupported format string passed to {}.__format__",
                    tname(other)
                );
                return Err(e("TypeError", &m));
            }
        })
    }
}

fn mock() -> Mock {
    let s = |x: &str| V::S(x.to_string());
    Mock {
        args: vec![
            V::I(42),
            s("abc"),
            V::L(vec![V::I(10), V::I(20), V::I(30)]),
            V::D(vec![
                ("k".to_string(), s("v")),
                ("0".to_string(), s("zero")),
            ]),
            V::O(vec![
                ("x".to_string(), V::F(1.5)),
                ("y".to_string(), V::O(vec![("z".to_string(), s("deep"))])),
            ]),
            V::F(-3.25),
        ],
        kwargs: vec![
            ("name".to_string(), s("Bob")),
            ("n".to_string(), V::I(7)),
            ("w".to_string(), V::I(10)),
            ("lst".to_string(), V::L(vec![V::I(1), V::I(2)])),
            ("f".to_string(), s(">")),
            ("caf\u{e9}".to_string(), s("\u{e9}t\u{e9}")),
        ],
    }
}

type ParsedItem = (
    &'static str,
    Option<(&'static str, Option<char>, &'static str)>,
);
type OwnedItem = (String, Option<(String, Option<char>, String)>);
type Case = (
    &'static str,
    &'static [ParsedItem],
    Option<&'static str>,
    (&'static str, &'static str),
);

/// (template, formatter_parser items, parser error, str.format result)
/// generated with CPython 3.11.
#[rustfmt::skip]
const CASES: &[Case] = &[
    ("", &[], None, ("Ok", "")),
    ("plain", &[("plain", None)], None, ("Ok", "plain")),
    ("{{}}", &[("{", None), ("}", None)], None, ("Ok", "{}")),
    ("{{{0}}}", &[("{", None), ("", Some(("0", None, ""))), ("}", None)], None, ("Ok", "{42}")),
    ("{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("a}b", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("{0", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("{0!", &[], Some("end of string while looking for conversion specifier"), ("ValueError", "end of string while looking for conversion specifier")),
    ("{0!r", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("{0!rx}", &[], Some("expected ':' after conversion specifier"), ("ValueError", "expected ':' after conversion specifier")),
    ("{0!x}", &[("", Some(("0", Some('x'), "")))], None, ("ValueError", "Unknown conversion specifier x")),
    ("{!r:>5}", &[("", Some(("", Some('r'), ">5")))], None, ("Ok", "   42")),
    ("{0:{1}}", &[("", Some(("0", None, "{1}")))], None, ("ValueError", "Invalid format specifier 'abc' for object of type 'int'")),
    ("{:{}}", &[("", Some(("", None, "{}")))], None, ("ValueError", "Invalid format specifier 'abc' for object of type 'int'")),
    ("{0:{1:{2}}}", &[("", Some(("0", None, "{1:{2}}")))], None, ("ValueError", "Max string recursion exceeded")),
    ("{0}{}", &[("", Some(("0", None, ""))), ("", Some(("", None, "")))], None, ("ValueError", "cannot switch from manual field specification to automatic field numbering")),
    ("{}{0}", &[("", Some(("", None, ""))), ("", Some(("0", None, "")))], None, ("ValueError", "cannot switch from automatic field numbering to manual field specification")),
    ("{6}", &[("", Some(("6", None, "")))], None, ("IndexError", "Replacement index 6 out of range for positional args tuple")),
    ("{}{}{}{}{}{}{}", &[("", Some(("", None, ""))), ("", Some(("", None, ""))), ("", Some(("", None, ""))), ("", Some(("", None, ""))), ("", Some(("", None, ""))), ("", Some(("", None, ""))), ("", Some(("", None, "")))], None, ("IndexError", "Replacement index 6 out of range for positional args tuple")),
    ("{x}", &[("", Some(("x", None, "")))], None, ("KeyError", "'x'")),
    ("{4.x}", &[("", Some(("4.x", None, "")))], None, ("Ok", "1.5")),
    ("{4.y.z}", &[("", Some(("4.y.z", None, "")))], None, ("Ok", "deep")),
    ("{3[k]}", &[("", Some(("3[k]", None, "")))], None, ("Ok", "v")),
    ("{3[0]}", &[("", Some(("3[0]", None, "")))], None, ("KeyError", "0")),
    ("{2[1]}", &[("", Some(("2[1]", None, "")))], None, ("Ok", "20")),
    ("{2[5]}", &[("", Some(("2[5]", None, "")))], None, ("IndexError", "list index out of range")),
    ("{2[a]}", &[("", Some(("2[a]", None, "")))], None, ("TypeError", "list indices must be integers or slices, not str")),
    ("{0[}", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("{3[k]x}", &[("", Some(("3[k]x", None, "")))], None, ("ValueError", "Only '.' or '[' may follow ']' in format field specifier")),
    ("{4.}", &[("", Some(("4.", None, "")))], None, ("ValueError", "Empty attribute in format string")),
    ("{4..x}", &[("", Some(("4..x", None, "")))], None, ("ValueError", "Empty attribute in format string")),
    ("{2[]}", &[("", Some(("2[]", None, "")))], None, ("ValueError", "Empty attribute in format string")),
    ("{0.x}", &[("", Some(("0.x", None, "")))], None, ("AttributeError", "'int' object has no attribute 'x'")),
    ("{a{b}", &[], Some("unexpected '{' in field name"), ("ValueError", "unexpected '{' in field name")),
    ("{0:}", &[("", Some(("0", None, "")))], None, ("Ok", "42")),
    ("{0!s:}", &[("", Some(("0", Some('s'), "")))], None, ("Ok", "42")),
    ("{0:{{}}", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("{1:>{w}}", &[("", Some(("1", None, ">{w}")))], None, ("Ok", "       abc")),
    ("{99999999999999999999}", &[("", Some(("99999999999999999999", None, "")))], None, ("ValueError", "Too many decimal digits in format string")),
    ("{0!\u{e9}}", &[("", Some(("0", Some('é'), "")))], None, ("ValueError", "Unknown conversion specifier \\xe9")),
    ("x{1:{f}{w}}y", &[("x", Some(("1", None, "{f}{w}"))), ("y", None)], None, ("Ok", "x       abcy")),
    ("{ 0}", &[("", Some((" 0", None, "")))], None, ("KeyError", "' 0'")),
    ("{0 }", &[("", Some(("0 ", None, "")))], None, ("KeyError", "'0 '")),
    ("{-1}", &[("", Some(("-1", None, "")))], None, ("KeyError", "'-1'")),
    ("{:}", &[("", Some(("", None, "")))], None, ("Ok", "42")),
    ("{!}", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("{0!}", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("{0]}", &[("", Some(("0]", None, "")))], None, ("KeyError", "'0]'")),
    ("{:{:{:{}}}}", &[("", Some(("", None, "{:{:{}}}")))], None, ("ValueError", "Max string recursion exceeded")),
    ("{!s}", &[("", Some(("", Some('s'), "")))], None, ("Ok", "42")),
    ("{lst[0]}", &[("", Some(("lst[0]", None, "")))], None, ("Ok", "1")),
    ("{name!r:^9}", &[("", Some(("name", Some('r'), "^9")))], None, ("Ok", "  'Bob'  ")),
    ("{n:#06x}", &[("", Some(("n", None, "#06x")))], None, ("Ok", "0x0007")),
    ("{5:.1f}", &[("", Some(("5", None, ".1f")))], None, ("Ok", "-3.2")),
    ("{5!r}", &[("", Some(("5", Some('r'), "")))], None, ("Ok", "-3.25")),
    ("{1!a}", &[("", Some(("1", Some('a'), "")))], None, ("Ok", "'abc'")),
    ("{caf\u{e9}}", &[("", Some(("caf\u{e9}", None, "")))], None, ("Ok", "\u{e9}t\u{e9}")),
    ("{0:,}", &[("", Some(("0", None, ",")))], None, ("Ok", "42")),
    ("{4}", &[("", Some(("4", None, "")))], None, ("Ok", "<Obj>")),
    ("{4:>3}", &[("", Some(("4", None, ">3")))], None, ("TypeError", "unsupported format string passed to Obj.__format__")),
    ("{2}", &[("", Some(("2", None, "")))], None, ("Ok", "[10, 20, 30]")),
    ("{2!r:>3}", &[("", Some(("2", Some('r'), ">3")))], None, ("Ok", "[10, 20, 30]")),
    ("{\u{663}}", &[("", Some(("\u{663}", None, "")))], None, ("Ok", "{'k': 'v', '0': 'zero'}")),
    ("{1[0]}", &[("", Some(("1[0]", None, "")))], None, ("Ok", "a")),
    ("{1[9]}", &[("", Some(("1[9]", None, "")))], None, ("IndexError", "string index out of range")),
    ("{0[0]}", &[("", Some(("0[0]", None, "")))], None, ("TypeError", "'int' object is not subscriptable")),
    ("{0.real}", &[("", Some(("0.real", None, "")))], None, ("Ok", "42")),
    ("{name.missing}", &[("", Some(("name.missing", None, "")))], None, ("AttributeError", "'str' object has no attribute 'missing'")),
    ("x{{y}}z{n}", &[("x{", None), ("y}", None), ("z", Some(("n", None, "")))], None, ("Ok", "x{y}z7")),
    ("{}", &[("", Some(("", None, "")))], None, ("Ok", "42")),
    ("}}{{", &[("}", None), ("{", None)], None, ("Ok", "}{")),
    ("{0:{}}", &[("", Some(("0", None, "{}")))], None, ("ValueError", "cannot switch from manual field specification to automatic field numbering")),
    ("{:{0}}", &[("", Some(("", None, "{0}")))], None, ("ValueError", "cannot switch from automatic field numbering to manual field specification")),
    ("{n:{n}}", &[("", Some(("n", None, "{n}")))], None, ("Ok", "      7")),
    ("{n:{w}.{n}}", &[("", Some(("n", None, "{w}.{n}")))], None, ("ValueError", "Precision not allowed in integer format specifier")),
    ("{0:{1}", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("{0:}}", &[("", Some(("0", None, "")))], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("r{ 0}", &[("r", Some((" 0", None, "")))], None, ("KeyError", "' 0'")),
    (":rx", &[(":rx", None)], None, ("Ok", ":rx")),
    ("s:0{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("a1[s", &[("a1[s", None)], None, ("Ok", "a1[s")),
    ("!. ", &[("!. ", None)], None, ("Ok", "!. ")),
    (".{{", &[(".{", None)], None, ("Ok", ".{")),
    ("][[2", &[("][[2", None)], None, ("Ok", "][[2")),
    ("]][]s2", &[("]][]s2", None)], None, ("Ok", "]][]s2")),
    ("r", &[("r", None)], None, ("Ok", "r")),
    ("[.1!32{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("!2r2x3", &[("!2r2x3", None)], None, ("Ok", "!2r2x3")),
    ("xx[", &[("xx[", None)], None, ("Ok", "xx[")),
    ("1", &[("1", None)], None, ("Ok", "1")),
    ("r", &[("r", None)], None, ("Ok", "r")),
    ("{ars{ }", &[], Some("unexpected '{' in field name"), ("ValueError", "unexpected '{' in field name")),
    ("]:0", &[("]:0", None)], None, ("Ok", "]:0")),
    ("rr1 :r2}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("!]3r.31", &[("!]3r.31", None)], None, ("Ok", "!]3r.31")),
    ("!232[!.2x", &[("!232[!.2x", None)], None, ("Ok", "!232[!.2x")),
    ("}!s", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("0", &[("0", None)], None, ("Ok", "0")),
    ("1 a.}}", &[("1 a.}", None)], None, ("Ok", "1 a.}")),
    ("3]..a:[a", &[("3]..a:[a", None)], None, ("Ok", "3]..a:[a")),
    (".}a2. ", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (" x3", &[(" x3", None)], None, ("Ok", " x3")),
    ("12xs.:s[", &[("12xs.:s[", None)], None, ("Ok", "12xs.:s[")),
    ("3[!x1r!r", &[("3[!x1r!r", None)], None, ("Ok", "3[!x1r!r")),
    ("2", &[("2", None)], None, ("Ok", "2")),
    ("1x123[", &[("1x123[", None)], None, ("Ok", "1x123[")),
    ("x", &[("x", None)], None, ("Ok", "x")),
    ("131 2rr1r", &[("131 2rr1r", None)], None, ("Ok", "131 2rr1r")),
    ("r[ r3.[", &[("r[ r3.[", None)], None, ("Ok", "r[ r3.[")),
    ("rx2!", &[("rx2!", None)], None, ("Ok", "rx2!")),
    ("[a21{][", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("[0[}x0[}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (":3[", &[(":3[", None)], None, ("Ok", ":3[")),
    ("]}a rs!]", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("r{rs", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("a:r}2", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("23", &[("23", None)], None, ("Ok", "23")),
    ("r.aar", &[("r.aar", None)], None, ("Ok", "r.aar")),
    (".[sx].!r", &[(".[sx].!r", None)], None, ("Ok", ".[sx].!r")),
    ("s", &[("s", None)], None, ("Ok", "s")),
    ("3.", &[("3.", None)], None, ("Ok", "3.")),
    ("saa0x2", &[("saa0x2", None)], None, ("Ok", "saa0x2")),
    ("ss[12x1a", &[("ss[12x1a", None)], None, ("Ok", "ss[12x1a")),
    ("3", &[("3", None)], None, ("Ok", "3")),
    ("x2.x{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    (" 0", &[(" 0", None)], None, ("Ok", " 0")),
    ("}.s{x", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("10x}0x1.2", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("xx:{.", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("232{ ", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("r.}{1 ", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("]{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("axsxs]2", &[("axsxs]2", None)], None, ("Ok", "axsxs]2")),
    ("!2{a2x2.", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("xx3", &[("xx3", None)], None, ("Ok", "xx3")),
    (".a}!01!!{", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("a!sx}:", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("0:", &[("0:", None)], None, ("Ok", "0:")),
    ("2 .", &[("2 .", None)], None, ("Ok", "2 .")),
    ("[a[", &[("[a[", None)], None, ("Ok", "[a[")),
    ("]}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (":s!1}:s.{", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("!3xxrr}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("2.2", &[("2.2", None)], None, ("Ok", "2.2")),
    ("01!012.0r", &[("01!012.0r", None)], None, ("Ok", "01!012.0r")),
    ("s[.{3!}!", &[], Some("expected ':' after conversion specifier"), ("ValueError", "expected ':' after conversion specifier")),
    (" 0", &[(" 0", None)], None, ("Ok", " 0")),
    (" x3:{s}", &[(" x3:", Some(("s", None, "")))], None, ("KeyError", "'s'")),
    ("a0:", &[("a0:", None)], None, ("Ok", "a0:")),
    ("x]", &[("x]", None)], None, ("Ok", "x]")),
    ("sr0", &[("sr0", None)], None, ("Ok", "sr0")),
    ("3rss.", &[("3rss.", None)], None, ("Ok", "3rss.")),
    ("2ar}][", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("!:}}[]]", &[("!:}", None), ("[]]", None)], None, ("Ok", "!:}[]]")),
    ("x", &[("x", None)], None, ("Ok", "x")),
    ("r{ax2a3 ", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    (":].[!rsx", &[(":].[!rsx", None)], None, ("Ok", ":].[!rsx")),
    ("1:1", &[("1:1", None)], None, ("Ok", "1:1")),
    ("20}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("}rr3}{ x", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (":32", &[(":32", None)], None, ("Ok", ":32")),
    ("0[}]{0!s", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("2[ r2!", &[("2[ r2!", None)], None, ("Ok", "2[ r2!")),
    ("[0[]}a1{", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("} a[}}r:", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("0x", &[("0x", None)], None, ("Ok", "0x")),
    ("x}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("}xs}", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("1", &[("1", None)], None, ("Ok", "1")),
    (" 2}}][s", &[(" 2}", None), ("][s", None)], None, ("Ok", " 2}][s")),
    ("0!3:", &[("0!3:", None)], None, ("Ok", "0!3:")),
    ("[!", &[("[!", None)], None, ("Ok", "[!")),
    ("{ rx", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("s.{2 0:", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("2x!", &[("2x!", None)], None, ("Ok", "2x!")),
    ("s3..!", &[("s3..!", None)], None, ("Ok", "s3..!")),
    ("0!a01}x0", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("]", &[("]", None)], None, ("Ok", "]")),
    ("r:!a3", &[("r:!a3", None)], None, ("Ok", "r:!a3")),
    ("{2.{ .{", &[], Some("unexpected '{' in field name"), ("ValueError", "unexpected '{' in field name")),
    ("a", &[("a", None)], None, ("Ok", "a")),
    (":s.3!", &[(":s.3!", None)], None, ("Ok", ":s.3!")),
    ("[.1x3", &[("[.1x3", None)], None, ("Ok", "[.1x3")),
    ("}!{{:", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (".", &[(".", None)], None, ("Ok", ".")),
    ("a1{0a.", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("]3r{[[", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    ("1[", &[("1[", None)], None, ("Ok", "1[")),
    (" aa", &[(" aa", None)], None, ("Ok", " aa")),
    ("33", &[("33", None)], None, ("Ok", "33")),
    ("0 a[ }[x", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("{:.a}]{}", &[("", Some(("", None, ".a"))), ("]", Some(("", None, "")))], None, ("ValueError", "Format specifier missing precision")),
    ("xrs ", &[("xrs ", None)], None, ("Ok", "xrs ")),
    ("]1]2", &[("]1]2", None)], None, ("Ok", "]1]2")),
    ("r0rr0}xsr", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    (".0x", &[(".0x", None)], None, ("Ok", ".0x")),
    ("}:[s:2]", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("xx!]s{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("[s", &[("[s", None)], None, ("Ok", "[s")),
    ("3", &[("3", None)], None, ("Ok", "3")),
    ("2", &[("2", None)], None, ("Ok", "2")),
    ("sxs }.ar{", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("]22!{!ra2", &[], Some("expected ':' after conversion specifier"), ("ValueError", "expected ':' after conversion specifier")),
    ("1", &[("1", None)], None, ("Ok", "1")),
    ("!}!2", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("]x!:03", &[("]x!:03", None)], None, ("Ok", "]x!:03")),
    ("as{ss[]3s", &[], Some("expected '}' before end of string"), ("ValueError", "expected '}' before end of string")),
    (":r0:]2", &[(":r0:]2", None)], None, ("Ok", ":r0:]2")),
    ("1![!a", &[("1![!a", None)], None, ("Ok", "1![!a")),
    ("0!a", &[("0!a", None)], None, ("Ok", "0!a")),
    ("0ax02a1", &[("0ax02a1", None)], None, ("Ok", "0ax02a1")),
    ("3[", &[("3[", None)], None, ("Ok", "3[")),
    ("{.:2[a]", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    (":3!}x.", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("!3] s0x:{", &[], Some("Single '{' encountered in format string"), ("ValueError", "Single '{' encountered in format string")),
    ("[:!3", &[("[:!3", None)], None, ("Ok", "[:!3")),
    ("r: ", &[("r: ", None)], None, ("Ok", "r: ")),
    ("[:r:!]", &[("[:r:!]", None)], None, ("Ok", "[:r:!]")),
    ("3r[ ", &[("3r[ ", None)], None, ("Ok", "3r[ ")),
    ("0s", &[("0s", None)], None, ("Ok", "0s")),
    (" s{:r.{xs", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("!x2{:x", &[], Some("unmatched '{' in format spec"), ("ValueError", "unmatched '{' in format spec")),
    ("]3s.2x", &[("]3s.2x", None)], None, ("Ok", "]3s.2x")),
    (":2", &[(":2", None)], None, ("Ok", ":2")),
    ("3!a}0a0", &[], Some("Single '}' encountered in format string"), ("ValueError", "Single '}' encountered in format string")),
    ("!.1:x", &[("!.1:x", None)], None, ("Ok", "!.1:x")),
    ("[s0! r.", &[("[s0! r.", None)], None, ("Ok", "[s0! r.")),
];

#[test]
fn parser_matches_formatter_parser() {
    for &(t, items, err, _) in CASES {
        let mut got = Vec::new();
        let mut got_err = None;
        for item in MarkupIter::new(t) {
            match item {
                Ok((lit, f)) => got.push((lit, f.map(|f| (f.name, f.conversion, f.spec)))),
                Err(e) => got_err = Some(e.msg),
            }
        }
        let want: Vec<OwnedItem> = items
            .iter()
            .map(|(l, f)| {
                (
                    l.to_string(),
                    f.map(|(n, c, s)| (n.to_string(), c, s.to_string())),
                )
            })
            .collect();
        assert_eq!(got, want, "parse {t:?}");
        assert_eq!(got_err.as_deref(), err, "parse error of {t:?}");
    }
}

#[test]
fn rendering_matches_str_format() {
    assert!(CASES.len() > 200);
    for &(t, _, _, (kind, want)) in CASES {
        let got = str_format(t, &mut mock());
        match got {
            Ok(s) => assert_eq!((kind, s.as_str()), ("Ok", want), "{t:?}.format(...)"),
            Err(E(k, m)) => assert_eq!((k.as_str(), m.as_str()), (kind, want), "{t:?}.format(...)"),
        }
    }
}

#[test]
fn field_name_split() {
    let (first, parts) = split_field_name("a.b[0][k].c").unwrap();
    assert_eq!(first, FieldFirst::Name("a".into()));
    let parts: Vec<FieldPart> = parts.map(|p| p.unwrap()).collect();
    assert_eq!(
        parts,
        [
            FieldPart::Attr("b".into()),
            FieldPart::Index(0),
            FieldPart::Key("k".into()),
            FieldPart::Attr("c".into())
        ]
    );
    assert_eq!(split_field_name("").unwrap().0, FieldFirst::Auto);
    assert_eq!(split_field_name("12").unwrap().0, FieldFirst::Index(12));
    let mut p = split_field_name("x[a").unwrap().1;
    assert_eq!(
        p.next().unwrap().unwrap_err().msg,
        "Missing ']' in format string"
    );
    assert!(p.next().is_none());
}
