# The Python layer of pygc's `time` calendar functions (see time_ext.rs).


class struct_time:
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _names = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
              "tm_wday", "tm_yday", "tm_isdst")

    def __new__(cls, seq, d=None):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError(
                f"time.struct_time() takes an at least 9-sequence ({len(seq)}-sequence given)")
        self = object.__new__(cls)
        self._t = seq[:9]
        self._zone = seq[9] if len(seq) > 9 else None
        self._gmtoff = seq[10] if len(seq) > 10 else None
        return self

    def __getitem__(self, i):
        return self._t[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._t)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            other = other._t
        return self._t == other

    def __hash__(self):
        return hash(self._t)

    def __lt__(self, other):
        return self._t < tuple(other)

    def __add__(self, other):
        return self._t + tuple(other)

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._zone)
    tm_gmtoff = property(lambda self: self._gmtoff)

    def __repr__(self):
        fields = ", ".join(f"{n}={v}" for n, v in zip(self._names, self))
        return f"time.struct_time({fields})"

    def __reduce__(self):
        return (struct_time, (tuple(self),))


def localtime(secs=None):
    return struct_time(_localtime(secs))


def gmtime(secs=None):
    return struct_time(_gmtime(secs))


_t0 = _localtime(0)
timezone = -_t0[10]
altzone = timezone
daylight = 0
tzname = (_t0[9], _t0[9])
del _t0


def strftime(format, t=None):
    if t is None:
        t = localtime()
    t = tuple(t)
    if len(t) != 9 and not isinstance(t, struct_time):
        raise TypeError("strftime(): illegal time tuple argument")
    if not 1 <= t[1] <= 12 and t[1] != 0:
        raise ValueError("month out of range")
    return _strftime(format, t)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
           "Oct", "Nov", "Dec")
_LDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
          "Sunday")
_LMONTHS = ("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December")


def asctime(t=None):
    if t is None:
        t = localtime()
    return (f"{_DAYS[t[6]]} {_MONTHS[t[1] - 1]} {t[2]:2d} "
            f"{t[3]:02d}:{t[4]:02d}:{t[5]:02d} {t[0]}")


def ctime(secs=None):
    return asctime(localtime(secs))


def _days_before(y, m):
    md = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
          31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return sum(md[:m - 1])


def strptime(string, format="%a %b %d %H:%M:%S %Y"):
    if not isinstance(string, str):
        raise TypeError(f"strptime() argument 1 must be str, not {type(string).__name__}")
    y, mo, d, H, M, S, wd, yd = 1900, 1, 1, 0, 0, 0, -1, -1
    pm = None
    i = 0
    j = 0
    n = len(format)

    def num(maxlen):
        nonlocal i
        k = i
        if k < len(string) and string[k] in "+-":
            k += 1
        while k < len(string) and k - i < maxlen and string[k].isdigit():
            k += 1
        if k == i:
            raise ValueError(
                f"time data {string!r} does not match format {format!r}")
        v = int(string[i:k])
        i = k
        return v

    def name(options):
        nonlocal i
        for idx, o in enumerate(options):
            if string[i:i + len(o)].lower() == o.lower():
                i += len(o)
                return idx
        raise ValueError(f"time data {string!r} does not match format {format!r}")

    while j < n:
        c = format[j]
        if c == "%" and j + 1 < n:
            f = format[j + 1]
            j += 2
            if f == "Y":
                y = num(4)
            elif f == "y":
                y = num(2)
                y += 2000 if y < 69 else 1900
            elif f == "m":
                mo = num(2)
            elif f == "d":
                d = num(2)
            elif f == "H":
                H = num(2)
            elif f == "I":
                H = num(2)
            elif f == "M":
                M = num(2)
            elif f == "S":
                S = num(2)
            elif f == "f":
                num(6)
            elif f == "j":
                yd = num(3)
            elif f == "p":
                pm = name(("AM", "PM"))
            elif f == "b" or f == "h":
                mo = name(_MONTHS) + 1
            elif f == "B":
                mo = name(_LMONTHS) + 1
            elif f == "a":
                wd = name(_DAYS)
            elif f == "A":
                wd = name(_LDAYS)
            elif f == "%":
                if string[i:i + 1] != "%":
                    raise ValueError(
                        f"time data {string!r} does not match format {format!r}")
                i += 1
            elif f == "z":
                num(5)
            elif f == "Z":
                while i < len(string) and string[i].isalpha():
                    i += 1
            else:
                raise ValueError(f"'{f}' is a bad directive in format '{format}'")
        elif c.isspace():
            j += 1
            while i < len(string) and string[i].isspace():
                i += 1
        else:
            if string[i:i + 1] != c:
                raise ValueError(
                    f"time data {string!r} does not match format {format!r}")
            i += 1
            j += 1
    if i != len(string):
        raise ValueError(f"unconverted data remains: {string[i:]}")
    if pm is not None:
        H = H % 12 + (12 if pm else 0)
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        raise ValueError(f"time data {string!r} does not match format {format!r}")
    if yd == -1:
        yd = _days_before(y, mo) + d
    if wd == -1:
        # days since 1970-01-01 (a Thursday)
        days = (y - 1970) * 365 + ((y - 1969) // 4) - ((y - 1901) // 100) \
            + ((y - 1601) // 400) + yd - 1
        wd = (days + 3) % 7
    return struct_time((y, mo, d, H, M, S, wd, yd, -1))
