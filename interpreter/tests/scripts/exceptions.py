def f(x):
    try:
        if x == 0:
            raise ValueError("zero")
        return 10 // x
    except ValueError as e:
        print("value error:", e)
        return -1
    finally:
        print("finally", x)

print(f(0), f(5))

class MyError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code

try:
    raise MyError(7)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args)

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")

g = gen()
print(next(g))
g.close()

try:
    try:
        {}["k"]
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))

for i in range(5):
    try:
        if i == 3:
            break
        continue
    finally:
        print("loop finally", i)

class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True

with Ctx() as c:
    raise IndexError("suppressed")
print("after with")

def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("recursion:", e)

assert 1 + 1 == 2
try:
    assert False, "boom"
except AssertionError as e:
    print("assert:", e)
print(int("42") + int("-3"), float("2.5"))
try:
    int("abc")
except ValueError as e:
    print(e)
raise KeyError("final")
# expect-exit: 1
