//! The native `_sre` module behind CPython's pure-Python `re` package: the
//! matcher ([`super::sre_engine`]) plus `Pattern` / `Match` written in Python.

/// The key of the last compiled-pattern cache entry.
type KeyTriple = (usize, usize, i64);
/// A cached pattern: its key values and its code.
type KeyedCodes = (Vec<Value>, std::rc::Rc<Vec<u32>>);

use super::misc::exec_in;
use super::sre_engine::{ascii_lower, sre_match, uni_lower};
use crate::builtins::positional;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

/// The subject as code points. The conversion of the last str subject is
/// cached (keyed by identity, length and full hash; strs are immutable),
/// so scanners that call `match(s, pos)` token by token (json, tokenizers)
/// stay linear instead of converting the whole text per token.
fn text_of(vm: &mut Vm, v: Value) -> PyResult<std::rc::Rc<Vec<u32>>> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static LAST: RefCell<Option<(KeyTriple, Rc<Vec<u32>>)>> = const { RefCell::new(None) };
    }
    if Vm::is_str(v) {
        let o = v.obj().expect("str");
        let key = (vm.m.identity(o), o.word(LEN_OFF), Vm::str_hash_full(v));
        if let Some(t) = LAST.with(|l| {
            l.borrow()
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, t)| t.clone())
        }) {
            return Ok(t);
        }
        let t: Rc<Vec<u32>> = Rc::new(Vm::as_str(v).chars().map(|c| c as u32).collect());
        if t.len() >= 64 {
            LAST.with(|l| *l.borrow_mut() = Some((key, t.clone())));
        }
        return Ok(t);
    }
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(std::rc::Rc::new(
            Vm::as_bytes(v).iter().map(|b| u32::from(*b)).collect(),
        ));
    }
    let msg = format!(
        "expected string or bytes-like object, got '{}'",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}

/// The pattern's code as words; the last one is cached (a list compared
/// item by item, cheaper than converting it again).
fn code_of(vm: &mut Vm, v: Value) -> PyResult<std::rc::Rc<Vec<u32>>> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static LAST: RefCell<Option<KeyedCodes>> = const { RefCell::new(None) };
    }
    let items = vm.collect(v)?;
    if let Some(c) = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(k, _)| *k == items)
            .map(|(_, c)| c.clone())
    }) {
        return Ok(c);
    }
    let code: Rc<Vec<u32>> = Rc::new(
        items
            .iter()
            .map(|c| Vm::int_as_i64(*c).unwrap_or(0) as u32)
            .collect(),
    );
    if items.iter().all(|x| x.is_int()) {
        LAST.with(|l| *l.borrow_mut() = Some((items, code.clone())));
    }
    Ok(code)
}

/// `_match(code, string, pos, endpos, mode, must_advance)`: mode 0 match,
/// 1 search, 2 fullmatch. Returns None or `(start, end, marks, lastindex)`
/// with -1 for unset marks.
fn native_match(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let a = positional(a, k);
    vm.check_args("_match", a, 6, 6)?;
    let code = code_of(vm, a[0])?;
    let text = text_of(vm, a[1])?;
    let pos = vm.index_of(a[2])?.max(0) as usize;
    let endpos = vm.index_of(a[3])?.max(0) as usize;
    let mode = vm.index_of(a[4])?;
    let adv = vm.truthy(a[5])?;
    match sre_match(&code, &text, pos, endpos, mode == 1, mode == 2, adv) {
        Ok(None) => Ok(Value::NONE),
        Ok(Some((s, e, marks, last))) => {
            let mv: Vec<Value> = marks
                .iter()
                .map(|m| Value::int(m.map(|x| x as i64).unwrap_or(-1)))
                .collect();
            let mt = vm.new_tuple(&mv);
            let li = match last {
                Some(l) => Value::int(l as i64),
                None => Value::NONE,
            };
            Ok(vm.new_tuple(&[Value::int(s as i64), Value::int(e as i64), mt, li]))
        }
        Err(_) => Err(vm.raise_msg(
            T::RuntimeError,
            "internal error in regular expression engine (bad code or too much backtracking)",
        )),
    }
}

fn ch_arg(vm: &mut Vm, a: &[Value]) -> PyResult<u32> {
    vm.check_args("ch", a, 1, 1)?;
    Ok(vm.index_of(a[0])? as u32)
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.set_str_item(vm.root(h), "MAGIC", Value::int(20220615));
    vm.set_str_item(vm.root(h), "CODESIZE", Value::int(4));
    vm.set_str_item(vm.root(h), "MAXREPEAT", Value::int(4294967295));
    vm.set_str_item(vm.root(h), "MAXGROUPS", Value::int(1073741823));
    vm.add_fn(vm.root(h), "_match", native_match);
    vm.add_fn(vm.root(h), "getcodesize", |_, _, _| Ok(Value::int(4)));
    vm.add_fn(vm.root(h), "ascii_tolower", |vm, a, _| {
        Ok(Value::int(ascii_lower(ch_arg(vm, a)?) as i64))
    });
    vm.add_fn(vm.root(h), "unicode_tolower", |vm, a, _| {
        Ok(Value::int(uni_lower(ch_arg(vm, a)?) as i64))
    });
    vm.add_fn(vm.root(h), "ascii_iscased", |vm, a, _| {
        let c = ch_arg(vm, a)?;
        Ok(Value::bool(c < 128 && (c as u8).is_ascii_alphabetic()))
    });
    vm.add_fn(vm.root(h), "unicode_iscased", |vm, a, _| {
        let c = ch_arg(vm, a)?;
        let cased = char::from_u32(c).is_some_and(|ch| {
            ch.to_lowercase().ne(std::iter::once(ch)) || ch.to_uppercase().ne(std::iter::once(ch))
        });
        Ok(Value::bool(cased))
    });
    let r = exec_in(vm, vm.root(h), SRE_SRC, "<_sre>");
    vm.pop_roots(h);
    r
}

const SRE_SRC: &str = r#"
import sys as _sys

_FLAG_NAMES = [(256, "re.ASCII"), (2, "re.IGNORECASE"), (4, "re.LOCALE"),
               (8, "re.MULTILINE"), (16, "re.DOTALL"), (64, "re.VERBOSE"),
               (128, "re.DEBUG"), (32, "re.UNICODE")]

def _wrap_pos(pos, endpos, n):
    if pos < 0:
        pos = 0
    elif pos > n:
        pos = n
    if endpos < 0:
        endpos = 0
    elif endpos > n:
        endpos = n
    return pos, endpos


class Pattern:
    def __init__(self, pattern, flags, code, groups, groupindex, indexgroup):
        self.pattern = pattern
        self.flags = flags
        self._code = code
        self.groups = groups
        self.groupindex = dict(groupindex)
        self._indexgroup = indexgroup

    def _run(self, string, pos, endpos, mode, must_advance=False):
        if isinstance(self.pattern, str) and not isinstance(string, str):
            raise TypeError("cannot use a string pattern on a bytes-like object")
        if isinstance(self.pattern, bytes) and isinstance(string, str):
            raise TypeError("cannot use a bytes pattern on a string-like object")
        pos, endpos = _wrap_pos(pos, endpos, len(string))
        if endpos < pos:
            return None
        r = _match(self._code, string, pos, endpos, mode, must_advance)
        if r is None:
            return None
        return Match(self, string, pos, endpos, r)

    def match(self, string, pos=0, endpos=_sys.maxsize):
        return self._run(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_sys.maxsize):
        return self._run(string, pos, endpos, 2)

    def search(self, string, pos=0, endpos=_sys.maxsize):
        return self._run(string, pos, endpos, 1)

    def finditer(self, string, pos=0, endpos=_sys.maxsize):
        pos, endpos = _wrap_pos(pos, endpos, len(string))
        must_advance = False
        while pos <= endpos:
            m = self._run(string, pos, endpos, 1, must_advance)
            if m is None:
                return
            yield m
            s, e = m.span()
            must_advance = s == e
            pos = e

    def findall(self, string, pos=0, endpos=_sys.maxsize):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m.group(1) or string[:0])
            else:
                out.append(tuple(g or string[:0] for g in m.groups()))
        return out

    def scanner(self, string, pos=0, endpos=_sys.maxsize):
        return _Scanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            s, e = m.span()
            out.append(string[last:s])
            out.extend(m.groups())
            last = e
            n += 1
        out.append(string[last:])
        return out

    def _filter(self, repl):
        if callable(repl):
            return repl
        if isinstance(repl, str) and "\\" not in repl:
            return repl
        if isinstance(repl, bytes) and b"\\" not in repl:
            return repl
        import re
        return re._subx(self, repl)

    def subn(self, repl, string, count=0):
        filt = self._filter(repl)
        pieces = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            s, e = m.span()
            pieces.append(string[last:s])
            pieces.append(filt(m) if callable(filt) else filt)
            last = e
            n += 1
        pieces.append(string[last:])
        return string[:0].join(pieces), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def __repr__(self):
        flags = self.flags
        if isinstance(self.pattern, str):
            flags &= ~32
        names = []
        for bit, name in _FLAG_NAMES:
            if flags & bit:
                names.append(name)
                flags &= ~bit
        if flags:
            names.append(hex(flags))
        p = repr(self.pattern)[:200]
        if names:
            return "re.compile(%s, %s)" % (p, "|".join(names))
        return "re.compile(%s)" % p

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

Pattern.__module__ = "re"


class _Scanner:
    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._string = string
        self._pos, self._endpos = _wrap_pos(pos, endpos, len(string))
        self._adv = False

    def _next(self, mode):
        if self._pos > self._endpos:
            return None
        m = self.pattern._run(self._string, self._pos, self._endpos, mode, self._adv)
        if m is not None:
            s, e = m.span()
            self._adv = s == e
            self._pos = e
        return m

    def match(self):
        return self._next(0)

    def search(self):
        return self._next(1)


class Match:
    def __init__(self, pattern, string, pos, endpos, r):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        start, end, marks, lastindex = r
        spans = [(start, end)]
        for g in range(pattern.groups):
            a = marks[2 * g] if 2 * g < len(marks) else -1
            b = marks[2 * g + 1] if 2 * g + 1 < len(marks) else -1
            spans.append((a, b) if a >= 0 and b >= 0 else (-1, -1))
        self.regs = tuple(spans)
        self.lastindex = lastindex
        self.lastgroup = None
        if lastindex is not None:
            for name, i in pattern.groupindex.items():
                if i == lastindex:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, int) or hasattr(g, "__index__"):
            try:
                i = g.__index__()
            except Exception:
                raise IndexError("no such group")
            if 0 <= i <= self.re.groups:
                return i
        elif g in self.re.groupindex:
            return self.re.groupindex[g]
        raise IndexError("no such group")

    def _get(self, g, default=None):
        a, b = self.regs[self._index(g)]
        if a < 0:
            return default
        return self.string[a:b]

    def group(self, *args):
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(args[0])
        return tuple(self._get(g) for g in args)

    def __getitem__(self, g):
        return self._get(g)

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(i, default) for name, i in self.re.groupindex.items()}

    def start(self, group=0):
        return self.regs[self._index(group)][0]

    def end(self, group=0):
        return self.regs[self._index(group)][1]

    def span(self, group=0):
        return self.regs[self._index(group)]

    def expand(self, template):
        import re
        return re._expand(self.re, self, template)

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group(0))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

Match.__module__ = "re"


def compile(pattern, flags, code, groups, groupindex, indexgroup):
    return Pattern(pattern, flags, code, groups, groupindex, indexgroup)

def template(pattern, template):
    return template
"#;
