//! The native `_sre` module behind CPython's pure-Python `re` package: the
//! matcher ([`super::sre_engine`]) plus `Pattern` / `Match` written in Python.

/// The key of the last compiled-pattern cache entry.
type KeyTriple = (usize, usize, i64);

use super::exec_src::exec_in;
use super::sre_engine::{ascii_lower, sre_match, uni_lower, Text};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

/// The subject of a match: the bytes of a bytes object or ASCII str as
/// they are, or the code points of another str.
enum Subject {
    Bytes(&'static [u8]),
    Chars(std::rc::Rc<Vec<u32>>),
}

impl Subject {
    fn text(&self) -> Text<'_> {
        match self {
            Subject::Bytes(b) => Text::Narrow(b),
            Subject::Chars(c) => Text::Wide(c),
        }
    }
}

/// The subject `v` for the matcher. The payload of a bytes object or an
/// ASCII str is used in place: the matcher runs no Python code, so nothing
/// moves while it reads it. Other strs are converted to code points; the
/// conversion of the last one is cached (keyed by identity, length and
/// full hash; strs are immutable), so scanners that call `match(s, pos)`
/// token by token stay linear instead of converting the text per token.
fn text_of(vm: &mut Vm, v: Value) -> PyResult<Subject> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static LAST: RefCell<Option<(KeyTriple, Rc<Vec<u32>>)>> = const { RefCell::new(None) };
    }
    if Vm::is_str(v) {
        let s = Vm::as_str(v);
        if s.len() == Vm::str_nchars(v) {
            return Ok(Subject::Bytes(s.as_bytes()));
        }
        let o = v.obj().expect("str");
        let key = (vm.m.identity(o), o.word(LEN_OFF), Vm::str_hash_full(v));
        if let Some(t) = LAST.with(|l| {
            l.borrow()
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, t)| t.clone())
        }) {
            return Ok(Subject::Chars(t));
        }
        let t: Rc<Vec<u32>> = Rc::new(s.chars().map(|c| c as u32).collect());
        if t.len() >= 64 {
            LAST.with(|l| *l.borrow_mut() = Some((key, t.clone())));
        }
        return Ok(Subject::Chars(t));
    }
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(Subject::Bytes(Vm::as_bytes(v)));
    }
    let msg = format!(
        "expected string or bytes-like object, got '{}'",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}

/// The pattern's code from its packed form (a bytes object of
/// little-endian u32 words made once per pattern by `_pack`).
fn code_of(vm: &mut Vm, v: Value) -> PyResult<Vec<u32>> {
    if !Vm::is_kind(v, Kind::Bytes) {
        return Err(vm.raise_msg(T::TypeError, "invalid pattern code"));
    }
    Ok(Vm::as_bytes(v)
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect())
}

/// `_pack(code)`: a pattern's code list packed as u32 words in a bytes.
fn pack<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_pack", 1, 1)?;
    let items = vm.collect(args.v(vm, 0))?;
    let mut out = Vec::with_capacity(items.len() * 4);
    for c in items {
        let w = Vm::int_as_i64(c).unwrap_or(0) as u32;
        out.extend_from_slice(&w.to_le_bytes());
    }
    Ok(vm.new_bytes(&out))
}

/// CPython's clipping of `pos`/`endpos` to `[0, n]` (Py_ssize_t arguments).
fn wrap_pos(vm: &mut Vm, pos: Value, endpos: Value, n: usize) -> PyResult<(usize, usize)> {
    let mut out = [0usize; 2];
    for (i, v) in [pos, endpos].into_iter().enumerate() {
        if Vm::is_bigint(v) {
            let m = "Python int too large to convert to C ssize_t";
            return Err(vm.raise_msg(T::OverflowError, m));
        }
        out[i] = vm.index_of(v)?.clamp(0, n as i64) as usize;
    }
    Ok((out[0], out[1]))
}

/// The subject's type against the pattern's (`is_str`: a str pattern,
/// `Some(false)` bytes, None unknown: no check).
fn check_subject(vm: &mut Vm, s: Value, is_str: Option<bool>) -> PyResult<usize> {
    let (sstr, sbytes) = (Vm::is_str(s), Vm::is_kind(s, Kind::Bytes));
    if !sstr && !sbytes {
        let m = format!(
            "expected string or bytes-like object, got '{}'",
            vm.type_name_of(s)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    if is_str == Some(true) && !sstr {
        let m = "cannot use a string pattern on a bytes-like object";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    if is_str == Some(false) && sstr {
        let m = "cannot use a bytes pattern on a string-like object";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    Ok(if sstr {
        Vm::str_nchars(s)
    } else {
        Vm::as_bytes(s).len()
    })
}

/// `_match(code, string, pos, endpos, mode, must_advance, is_str, groups)`:
/// mode 0 match, 1 search, 2 fullmatch. Checks the subject, clips the
/// positions, runs the matcher; returns None or `(pos, endpos, regs,
/// lastindex)` with `regs` the `(start, end)` span of the match and of each
/// group (`(-1, -1)` when unset), as `Match.regs`.
///
/// With two more arguments, `pattern` and the `Match` class, the result is
/// the `Match` object itself (None when no match), made here instead of by
/// `Match.__init__` (the same attributes, in the same order).
fn native_match<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check_pos(vm, "_match", 8, 10)?;
    let n = args.len();
    let base = vm.root_depth();
    for i in 0..n {
        vm.push_root(args.v(vm, i));
    }
    let r = match match_rooted(vm, base) {
        Ok(r) if n == 10 && !r.is_none() => new_match_obj(vm, base, r),
        r => r,
    };
    vm.pop_roots(base);
    r
}

/// A `Match` instance (class: root `h + 9`) for pattern `h + 8` and
/// subject `h + 1`, from `_match`'s `(pos, endpos, regs, lastindex)`.
fn new_match_obj(vm: &mut Vm, h: usize, r: Value) -> PyResult {
    let hr = vm.push_root(r);
    let ig_name = vm.name(N::IndexGroup);
    let ig = vm.getattr(vm.root(h + 8), ig_name)?;
    let r = vm.root(hr);
    let li = Vm::tuple_get(r, 3);
    let lastgroup = match (li.is_int(), Vm::is_kind(ig, Kind::Tuple)) {
        (true, true) if (0..Vm::tuple_len(ig) as i64).contains(&li.as_int()) => {
            Vm::tuple_get(ig, li.as_int() as usize)
        }
        (true, false) if !ig.is_none() => {
            // an index group that is not a tuple: as `ig[lastindex]` would
            let hig = vm.push_root(ig);
            let n = vm.len(ig)?;
            let ig = vm.root(hig);
            if li.as_int() < n as i64 {
                vm.getitem(ig, li)?
            } else {
                Value::NONE
            }
        }
        _ => Value::NONE,
    };
    let hlg = vm.push_root(lastgroup);
    let obj = vm.new_instance(vm.root(h + 9));
    let ho = vm.push_root(obj);
    let names = [
        N::MatchRe,
        N::MatchString,
        N::MatchPos,
        N::MatchEndpos,
        N::MatchRegs,
        N::MatchLastindex,
        N::MatchLastgroup,
    ];
    for (i, name) in names.iter().enumerate() {
        // (re-read: a __setattr__ could have run Python code)
        let r = vm.root(hr);
        let v = match i {
            0 => vm.root(h + 8),
            1 => vm.root(h + 1),
            2..=5 => Vm::tuple_get(r, i - 2),
            _ => vm.root(hlg),
        };
        let n = vm.name(*name);
        vm.setattr(vm.root(ho), n, v)?;
    }
    Ok(vm.root(ho))
}

fn match_rooted(vm: &mut Vm, h: usize) -> PyResult {
    let arg = |vm: &Vm, i: usize| vm.root(h + i);
    let kind = match arg(vm, 6) {
        Value::TRUE => Some(true),
        Value::FALSE => Some(false),
        _ => None,
    };
    let n = check_subject(vm, arg(vm, 1), kind)?;
    let (pos, endpos) = wrap_pos(vm, arg(vm, 2), arg(vm, 3), n)?;
    let mode = vm.index_of(arg(vm, 4))?;
    let adv = vm.truthy(arg(vm, 5))?;
    let groups = vm.index_of(arg(vm, 7))?.max(0) as usize;
    if endpos < pos {
        return Ok(Value::NONE);
    }
    let code = code_of(vm, arg(vm, 0))?;
    let text = text_of(vm, arg(vm, 1))?;
    match sre_match(&code, text.text(), pos, endpos, mode == 1, mode == 2, adv) {
        Ok(None) => Ok(Value::NONE),
        Ok(Some((s, e, marks, last))) => {
            let mark = |i: usize| marks.get(i).copied().flatten();
            let mut spans = Vec::with_capacity(groups + 1);
            spans.push(vm.new_tuple(&[Value::int(s as i64), Value::int(e as i64)]));
            for g in 0..groups {
                let span = match (mark(2 * g), mark(2 * g + 1)) {
                    (Some(a), Some(b)) => [Value::int(a as i64), Value::int(b as i64)],
                    _ => [Value::int(-1), Value::int(-1)],
                };
                // allocation never collects: the spans made so far stay valid
                spans.push(vm.new_tuple(&span));
            }
            let regs = vm.new_tuple(&spans);
            let li = match last {
                Some(l) => Value::int(l as i64),
                None => Value::NONE,
            };
            let (p, ep) = (Value::int(pos as i64), Value::int(endpos as i64));
            Ok(vm.new_tuple(&[p, ep, regs, li]))
        }
        Err(_) => Err(vm.raise_msg(
            T::RuntimeError,
            "internal error in regular expression engine (bad code or too much backtracking)",
        )),
    }
}

fn ch_arg(vm: &mut Vm, args: Args<'_>) -> PyResult<u32> {
    args.check(vm, "ch", 1, 1)?;
    Ok(vm.index_of(args.v(vm, 0))? as u32)
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.set_str_item(vm.root(h), "MAGIC", Value::int(20220615));
    vm.set_str_item(vm.root(h), "CODESIZE", Value::int(4));
    vm.set_str_item(vm.root(h), "MAXREPEAT", Value::int(4294967295));
    vm.set_str_item(vm.root(h), "MAXGROUPS", Value::int(1073741823));
    vm.add_native_fn(vm.root(h), "_match", native_match);
    vm.add_native_fn(vm.root(h), "_pack", pack);
    vm.add_native_fn(vm.root(h), "getcodesize", |_, _, _| Ok(Value::int(4)));
    vm.add_native_fn(vm.root(h), "ascii_tolower", |vm, _s, args| {
        Ok(Value::int(ascii_lower(ch_arg(vm, args)?) as i64))
    });
    vm.add_native_fn(vm.root(h), "unicode_tolower", |vm, _s, args| {
        Ok(Value::int(uni_lower(ch_arg(vm, args)?) as i64))
    });
    vm.add_native_fn(vm.root(h), "ascii_iscased", |vm, _s, args| {
        let c = ch_arg(vm, args)?;
        Ok(Value::bool(c < 128 && (c as u8).is_ascii_alphabetic()))
    });
    vm.add_native_fn(vm.root(h), "unicode_iscased", |vm, _s, args| {
        let c = ch_arg(vm, args)?;
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
        self._code = _pack(code)
        # None (no subject type check) when the pattern is not text, as
        # re.Scanner's compiled SubPattern
        self._isstr = (True if isinstance(pattern, str) else
                       False if isinstance(pattern, bytes) else None)
        self.groups = groups
        self.groupindex = dict(groupindex)
        self._indexgroup = indexgroup

    def _run(self, string, pos, endpos, mode, must_advance=False):
        return _match(self._code, string, pos, endpos, mode, must_advance,
                      self._isstr, self.groups, self, Match)

    def match(self, string, pos=0, endpos=_sys.maxsize):
        return _match(self._code, string, pos, endpos, 0, False, self._isstr,
                      self.groups, self, Match)

    def fullmatch(self, string, pos=0, endpos=_sys.maxsize):
        return _match(self._code, string, pos, endpos, 2, False, self._isstr,
                      self.groups, self, Match)

    def search(self, string, pos=0, endpos=_sys.maxsize):
        return _match(self._code, string, pos, endpos, 1, False, self._isstr,
                      self.groups, self, Match)

    def finditer(self, string, pos=0, endpos=_sys.maxsize):
        pos, endpos = _wrap_pos(pos, endpos, len(string))
        start = pos
        must_advance = False
        code, isstr, groups = self._code, self._isstr, self.groups
        while pos <= endpos:
            m = _match(code, string, pos, endpos, 1, must_advance, isstr,
                       groups, self, Match)
            if m is None:
                return
            m.pos = start
            yield m
            s, e = m.regs[0]
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
            s, e = m.regs[0]
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
            s, e = m.regs[0]
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
        self._start = self._pos
        self._adv = False

    def _next(self, mode):
        if self._pos > self._endpos:
            return None
        m = self.pattern._run(self._string, self._pos, self._endpos, mode, self._adv)
        if m is not None:
            m.pos = self._start
            s, e = m.regs[0]
            self._adv = s == e
            self._pos = e
        return m

    def match(self):
        return self._next(0)

    def search(self):
        return self._next(1)


class Match:
    def __init__(self, pattern, string, r):
        self.re = pattern
        self.string = string
        self.pos, self.endpos, self.regs, lastindex = r
        self.lastindex = lastindex
        ig = pattern._indexgroup
        if lastindex is not None and ig is not None and lastindex < len(ig):
            self.lastgroup = ig[lastindex]
        else:
            self.lastgroup = None

    def _index(self, g):
        if type(g) is int and 0 <= g < len(self.regs):
            return g
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
            a, b = self.regs[0]
            return self.string[a:b]
        if len(args) == 1:
            g = args[0]
            if type(g) is int and 0 <= g < len(self.regs):
                a, b = self.regs[g]
                return self.string[a:b] if a >= 0 else None
            return self._get(g)
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
