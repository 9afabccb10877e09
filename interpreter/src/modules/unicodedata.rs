//! `unicodedata` (Unicode 14.0.0, CPython 3.11's database): properties from
//! tables generated out of CPython (`unicodedata_tables`), names from the
//! `unicode_names2` crate (limited to the characters assigned in 14.0),
//! normalization from the `unicode-normalization` crate.

use super::unicodedata_tables as t;
use super::util::init_with_native;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use unicode_normalization::UnicodeNormalization;

const SRC: &str = r#"
unidata_version = _version()

class UCD:
    def __init__(self, version):
        self.unidata_version = version
    category = staticmethod(category)
    bidirectional = staticmethod(bidirectional)
    east_asian_width = staticmethod(east_asian_width)
    mirrored = staticmethod(mirrored)
    combining = staticmethod(combining)
    decimal = staticmethod(decimal)
    digit = staticmethod(digit)
    numeric = staticmethod(numeric)
    name = staticmethod(name)
    lookup = staticmethod(lookup)
    normalize = staticmethod(normalize)
    is_normalized = staticmethod(is_normalized)

ucd_3_2_0 = UCD("3.2.0")
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("_version", |vm, _s, _args| {
                Ok(vm.new_str(t::UNIDATA_VERSION))
            }),
            ("category", |vm, _s, args| prop(vm, args, "category", 0)),
            ("bidirectional", |vm, _s, args| {
                prop(vm, args, "bidirectional", 1)
            }),
            ("east_asian_width", |vm, _s, args| {
                prop(vm, args, "east_asian_width", 2)
            }),
            ("mirrored", |vm, _s, args| prop(vm, args, "mirrored", 3)),
            ("combining", |vm, _s, args| prop(vm, args, "combining", 4)),
            ("decimal", |vm, _s, args| num(vm, args, "decimal", 0)),
            ("digit", |vm, _s, args| num(vm, args, "digit", 1)),
            ("numeric", |vm, _s, args| num(vm, args, "numeric", 2)),
            ("name", name),
            ("lookup", lookup),
            ("normalize", |vm, _s, args| normalize(vm, args, false)),
            ("is_normalized", |vm, _s, args| normalize(vm, args, true)),
        ],
        SRC,
        "<unicodedata>",
    )
}

fn char_arg(vm: &mut Vm, args: Args<'_>, fname: &str) -> PyResult<char> {
    args.check(vm, fname, 1, 2)?;
    let v = args.v(vm, 0);
    if !Vm::is_str(v) {
        let msg = format!(
            "{fname}() argument must be a unicode character, not {}",
            vm.type_name_of(v)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let mut it = Vm::as_str(v).chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => {
            let msg = format!("{fname}() argument must be a unicode character, not str");
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

/// The property run of `c`.
fn run(c: char) -> (u32, u32, u8, u8, u8, u8, u8) {
    let cp = c as u32;
    let i = t::RUNS.partition_point(|r| r.0 <= cp);
    t::RUNS[i.saturating_sub(1)]
}

fn prop(vm: &mut Vm, args: Args<'_>, fname: &str, which: u8) -> PyResult {
    let c = char_arg(vm, args, fname)?;
    let r = run(c);
    Ok(match which {
        0 => vm.new_str(t::CATEGORIES[r.2 as usize]),
        1 => vm.new_str(t::BIDI[r.3 as usize]),
        2 => vm.new_str(t::EAW[r.4 as usize]),
        3 => Value::int(r.5 as i64),
        _ => Value::int(r.6 as i64),
    })
}

fn num(vm: &mut Vm, args: Args<'_>, fname: &str, which: u8) -> PyResult {
    let c = char_arg(vm, args, fname)?;
    let cp = c as u32;
    let found = t::NUMERIC
        .binary_search_by_key(&cp, |e| e.0)
        .ok()
        .map(|i| t::NUMERIC[i]);
    let v = found.and_then(|e| match which {
        0 if e.1 >= 0 => Some(Value::int(e.1 as i64)),
        1 if e.2 >= 0 => Some(Value::int(e.2 as i64)),
        2 => Some(vm.new_float(e.3)),
        _ => None,
    });
    match (v, args.opt_v(vm, 1)) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => {
            let m = match which {
                0 => "not a decimal",
                1 => "not a digit",
                _ => "not a numeric character",
            };
            Err(vm.raise_msg(T::ValueError, m))
        }
    }
}

fn char_name(c: char) -> Option<String> {
    if t::CATEGORIES[run(c).2 as usize] == "Cn" {
        return None;
    }
    unicode_names2::name(c).map(|n| n.to_string())
}

fn name<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let c = char_arg(vm, args, "name")?;
    match (char_name(c), args.opt_v(vm, 1)) {
        (Some(n), _) => Ok(vm.new_string(n)),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.raise_msg(T::ValueError, "no such name")),
    }
}

fn lookup<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "lookup", 1, 1)?;
    let n = if Vm::is_str(args.v(vm, 0)) {
        Vm::as_str(args.v(vm, 0)).to_string()
    } else if Vm::is_kind(args.v(vm, 0), crate::object::layout::Kind::Bytes) {
        String::from_utf8_lossy(Vm::as_bytes(args.v(vm, 0))).to_string()
    } else {
        let msg = format!(
            "lookup() argument must be str, not {}",
            vm.type_name_of(args.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    };
    match unicode_names2::character(&n).filter(|c| char_name(*c).is_some()) {
        Some(c) => Ok(vm.new_string(c.to_string())),
        None => {
            let k = vm.new_string(format!("undefined character name '{n}'"));
            Err(vm.raise_key_error(k))
        }
    }
}

fn normalize(vm: &mut Vm, args: Args<'_>, check: bool) -> PyResult {
    let fname = if check { "is_normalized" } else { "normalize" };
    args.check(vm, fname, 2, 2)?;
    for i in 0..2 {
        let v = args.v(vm, i);
        if !Vm::is_str(v) {
            let msg = format!(
                "{fname}() argument {} must be str, not {}",
                i + 1,
                vm.type_name_of(v)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    let s = Vm::as_str(args.v(vm, 1));
    let r: String = match Vm::as_str(args.v(vm, 0)) {
        "NFC" => s.nfc().collect(),
        "NFD" => s.nfd().collect(),
        "NFKC" => s.nfkc().collect(),
        "NFKD" => s.nfkd().collect(),
        _ => return Err(vm.raise_msg(T::ValueError, "invalid normalization form")),
    };
    if check {
        return Ok(Value::bool(r == s));
    }
    if r == s {
        return Ok(args.v(vm, 1));
    }
    Ok(vm.new_string(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tables_answer_like_cpython() {
        assert_eq!(t::CATEGORIES[run('A').2 as usize], "Lu");
        assert_eq!(t::BIDI[run('\u{5d0}').3 as usize], "R");
        assert_eq!(t::EAW[run('\u{4e00}').4 as usize], "W");
        assert_eq!(char_name('a').as_deref(), Some("LATIN SMALL LETTER A"));
    }
}
