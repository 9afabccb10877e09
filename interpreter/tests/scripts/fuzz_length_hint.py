# Found by the differential fuzzer (seed 20261207): list(x) consults a user
# class's __len__ (else __length_hint__) after iter(x), as CPython's
# PyObject_LengthHint; programs see those calls.
log = []
class C:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        log.append("iter")
        return iter(range(self.n))
    def __len__(self):
        log.append("len")
        return self.n

class HintOnly:
    def __iter__(self):
        log.append("iter")
        yield 1
        yield 2
    def __length_hint__(self):
        log.append("hint")
        return 2

class BadLen:
    def __iter__(self):
        return iter([1])
    def __len__(self):
        raise TypeError("no len")
    def __length_hint__(self):
        log.append("hint after TypeError")
        return NotImplemented

class ErrLen:
    def __iter__(self):
        return iter([1])
    def __len__(self):
        raise RuntimeError("boom")

class BadHint:
    def __iter__(self):
        return iter([1])
    def __length_hint__(self):
        return "x"

class NegHint:
    def __iter__(self):
        return iter([1])
    def __length_hint__(self):
        return -1

class L(list):
    def __iter__(self):
        log.append("L.iter")
        return iter([9, 9])

for label, f in [
    ("list", lambda: list(C(3))),
    ("tuple", lambda: tuple(C(2))),
    ("sorted", lambda: sorted(C(2), reverse=True)),
    ("extend", lambda: [0] + [] if [].extend(C(1)) else "extended"),
    ("hint", lambda: list(HintOnly())),
    ("badlen", lambda: list(BadLen())),
    ("errlen", lambda: list(ErrLen())),
    ("badhint", lambda: list(BadHint())),
    ("neghint", lambda: list(NegHint())),
    ("subclass iter", lambda: [1, *[]] and [].__iadd__(L([1, 2, 3]))),
    ("set", lambda: sorted(set(C(2)))),
]:
    log.clear()
    try:
        r = f()
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(label, r, log)
