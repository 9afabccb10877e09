//! `_csv`: the reader state machine, writer quoting rules, dialect
//! validation and registry of CPython's `Modules/_csv.c`, written in Python
//! (the stdlib's `csv.py` builds DictReader/DictWriter/Sniffer on it).

use super::util::init_with_native;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const SRC: &str = r#"
__version__ = "1.0"
QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3
_dialects = {}
_limit = [128 * 1024]

class Error(Exception):
    pass

def _char(name, v, allow_none):
    if v is None and allow_none:
        return None
    if not isinstance(v, str):
        raise TypeError('"%s" must be string, not %s' % (name, type(v).__name__))
    if len(v) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return v

class Dialect:
    def __init__(self, dialect=None, **kw):
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)
        def g(name, default):
            if name in kw:
                return kw[name]
            if dialect is not None and hasattr(dialect, name):
                return getattr(dialect, name)
            return default
        self.delimiter = _char("delimiter", g("delimiter", ","), False)
        self.doublequote = bool(g("doublequote", True))
        self.escapechar = _char("escapechar", g("escapechar", None), True)
        lt = g("lineterminator", "\r\n")
        if not isinstance(lt, str):
            raise TypeError('"lineterminator" must be a string')
        self.lineterminator = lt
        q = g("quoting", QUOTE_MINIMAL)
        qc = g("quotechar", '"')
        if qc is None and "quoting" not in kw:
            q = QUOTE_NONE
        if type(q) is not int or q not in (0, 1, 2, 3):
            raise TypeError('bad "quoting" value')
        self.quoting = q
        if qc is None and q != QUOTE_NONE:
            raise TypeError("quotechar must be set if quoting enabled")
        self.quotechar = _char("quotechar", qc, True)
        self.skipinitialspace = bool(g("skipinitialspace", False))
        self.strict = bool(g("strict", False))
        if self.delimiter in ("\n", "\r") or self.delimiter == " " and self.skipinitialspace:
            raise ValueError("bad delimiter value")

def register_dialect(name, dialect=None, **kw):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = Dialect(dialect, **kw)

def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]

def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect")

def list_dialects():
    return list(_dialects)

def field_size_limit(*args):
    old = _limit[0]
    if len(args) > 1:
        raise TypeError("field_size_limit expected at most 1 argument, got %d" % len(args))
    if args:
        if not isinstance(args[0], int):
            raise TypeError('"limit" must be an integer')
        _limit[0] = args[0]
    return old

(_START_RECORD, _START_FIELD, _ESCAPED_CHAR, _IN_FIELD, _IN_QUOTED_FIELD,
 _ESCAPE_IN_QUOTED_FIELD, _QUOTE_IN_QUOTED_FIELD, _EAT_CRNL, _AFTER_ESCAPED_CRNL) = range(9)
_EOL = None

class _Reader:
    def __init__(self, it, dialect):
        self._it = it
        self.dialect = dialect
        self.line_num = 0
    def __iter__(self):
        return self
    def _save(self):
        f = "".join(self._field)
        self._field = []
        if self._numeric:
            self._numeric = False
            f = float(f)
        self._fields.append(f)
    def _add(self, c):
        if len(self._field) >= _limit[0]:
            raise Error("field larger than field limit (%d)" % _limit[0])
        self._field.append(c)
    def _eol_state(self, c):
        self._save()
        self._state = _START_RECORD if c is _EOL else _EAT_CRNL
    def _char(self, c):
        d = self.dialect
        s = self._state
        nl = c == "\n" or c == "\r"
        if s == _START_RECORD:
            if c is _EOL:
                return
            if nl:
                self._state = _EAT_CRNL
                return
            s = self._state = _START_FIELD
        if s == _START_FIELD:
            if nl or c is _EOL:
                self._eol_state(c)
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._state = _IN_QUOTED_FIELD
            elif c == d.escapechar:
                self._state = _ESCAPED_CHAR
            elif c == " " and d.skipinitialspace:
                pass
            elif c == d.delimiter:
                self._save()
            else:
                if d.quoting == QUOTE_NONNUMERIC:
                    self._numeric = True
                self._add(c)
                self._state = _IN_FIELD
        elif s == _ESCAPED_CHAR:
            if nl:
                self._add(c)
                self._state = _AFTER_ESCAPED_CRNL
                return
            self._add("\n" if c is _EOL else c)
            self._state = _IN_FIELD
        elif s == _AFTER_ESCAPED_CRNL or s == _IN_FIELD:
            if s == _AFTER_ESCAPED_CRNL and c is _EOL:
                return
            if nl or c is _EOL:
                self._eol_state(c)
            elif c == d.escapechar:
                self._state = _ESCAPED_CHAR
            elif c == d.delimiter:
                self._save()
                self._state = _START_FIELD
            else:
                self._add(c)
                self._state = _IN_FIELD
        elif s == _IN_QUOTED_FIELD:
            if c is _EOL:
                pass
            elif c == d.escapechar:
                self._state = _ESCAPE_IN_QUOTED_FIELD
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._state = _QUOTE_IN_QUOTED_FIELD if d.doublequote else _IN_FIELD
            else:
                self._add(c)
        elif s == _ESCAPE_IN_QUOTED_FIELD:
            self._add("\n" if c is _EOL else c)
            self._state = _IN_QUOTED_FIELD
        elif s == _QUOTE_IN_QUOTED_FIELD:
            if d.quoting != QUOTE_NONE and c == d.quotechar:
                self._add(c)
                self._state = _IN_QUOTED_FIELD
            elif c == d.delimiter:
                self._save()
                self._state = _START_FIELD
            elif nl or c is _EOL:
                self._eol_state(c)
            elif not d.strict:
                self._add(c)
                self._state = _IN_FIELD
            else:
                raise Error("'%s' expected after '%s'" % (d.delimiter, d.quotechar))
        elif s == _EAT_CRNL:
            if nl:
                pass
            elif c is _EOL:
                self._state = _START_RECORD
            else:
                raise Error("new-line character seen in unquoted field - do you need to open the file with newline=''?")
    def __next__(self):
        self._fields = []
        self._field = []
        self._state = _START_RECORD
        self._numeric = False
        while True:
            try:
                line = next(self._it)
            except StopIteration:
                if self._field or self._state == _IN_QUOTED_FIELD:
                    if self.dialect.strict:
                        raise Error("unexpected end of data")
                    self._save()
                    break
                raise
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s (the file should be opened in text mode)" % type(line).__name__)
            self.line_num += 1
            for c in line:
                self._char(c)
            self._char(_EOL)
            if self._state == _START_RECORD:
                break
        fields = self._fields
        self._fields = []
        return fields

def reader(csvfile, dialect="excel", **fmtparams):
    return _Reader(iter(csvfile), Dialect(dialect, **fmtparams))

class _Writer:
    def __init__(self, f, dialect):
        self._write = f.write
        self.dialect = dialect
    def _field(self, field, quoted):
        d = self.dialect
        out = []
        for c in field:
            if c == d.delimiter or c == d.escapechar or c == d.quotechar or c in d.lineterminator:
                esc = False
                if d.quoting == QUOTE_NONE:
                    esc = True
                else:
                    if c == d.quotechar:
                        if d.doublequote:
                            out.append(d.quotechar)
                        else:
                            esc = True
                    elif c == d.escapechar:
                        esc = True
                    if not esc:
                        quoted = True
                if esc:
                    if d.escapechar is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(d.escapechar)
            out.append(c)
        s = "".join(out)
        if quoted:
            s = d.quotechar + s + d.quotechar
        return s
    def writerow(self, row):
        d = self.dialect
        try:
            it = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s" % type(row).__name__) from None
        parts = []
        for field in it:
            if d.quoting == QUOTE_NONNUMERIC:
                quoted = not isinstance(field, (int, float)) or isinstance(field, bool) and False
            else:
                quoted = d.quoting == QUOTE_ALL
            if field is None:
                s = ""
            elif isinstance(field, str):
                s = field
            else:
                s = str(field)
            parts.append(self._field(s, quoted))
        if len(parts) == 1 and parts[0] == "":
            if d.quoting == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            parts[0] = d.quotechar * 2
        return self._write(d.delimiter.join(parts) + d.lineterminator)
    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

def writer(csvfile, dialect="excel", **fmtparams):
    if not hasattr(csvfile, "write"):
        raise TypeError('argument 1 must have a "write" method')
    return _Writer(csvfile, Dialect(dialect, **fmtparams))
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(vm, d, &[], SRC, "<_csv>")
}
