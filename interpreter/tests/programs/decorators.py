# needs: import functools; functools.lru_cache(None)(len).cache_info
# Decorators: wraps, parameterised decorators, class decorators, caching,
# call counting, retry, and methods decorated with staticmethod/classmethod.
import functools
import time


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper


def retry(times, exceptions=(Exception,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            for attempt in range(1, times + 1):
                try:
                    return fn(*a, **k)
                except exceptions as e:
                    print(f"  attempt {attempt} failed: {e}")
            raise RuntimeError(f"{fn.__name__} failed {times} times")
        return wrapper
    return deco


def register(cls):
    REG[cls.__name__.lower()] = cls
    return cls


REG = {}


@counted
@functools.lru_cache(maxsize=None)
def fib(n):
    """Fibonacci."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


state = {"n": 0}


@retry(3, (ValueError,))
def flaky():
    state["n"] += 1
    if state["n"] < 3:
        raise ValueError(f"not yet ({state['n']})")
    return "ok"


@register
class Plugin:
    @staticmethod
    def version():
        return "1.0"

    @classmethod
    def create(cls):
        return cls()

    @property
    @functools.cache
    def expensive(self):
        return sum(range(1000))


print(fib(30), fib.calls, fib.__name__, fib.__doc__, fib.__wrapped__.cache_info().hits > 0)
print(flaky())
state["n"] = -5
try:
    flaky()
except RuntimeError as e:
    print(e)
print(REG, Plugin.version(), type(Plugin.create()).__name__, Plugin().expensive)
timed = functools.partial(round, ndigits=2)
print(timed(3.14159), functools.reduce(lambda a, b: a * b, range(1, 8)))
print(isinstance(time.perf_counter(), float))
