# Context managers: classes, contextlib.contextmanager, ExitStack, suppress,
# nested exceptions and exception chaining.
import contextlib

log = []


class Resource:
    def __init__(self, name, fail=False):
        self.name, self.fail = name, fail

    def __enter__(self):
        log.append(f"open {self.name}")
        if self.fail:
            raise RuntimeError(f"cannot open {self.name}")
        return self

    def __exit__(self, et, ev, tb):
        log.append(f"close {self.name} ({et.__name__ if et else 'ok'})")
        return et is KeyError


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except ZeroDivisionError:
        print("  (recovered division)")
    finally:
        print(f"</{name}>")


with Resource("a") as a, Resource("b"):
    log.append(f"using {a.name}")
with Resource("c"):
    raise KeyError("swallowed")
try:
    with Resource("d"):
        with Resource("e", fail=True):
            pass
except RuntimeError as e:
    log.append(f"caught {e}")
with tag("div") as t:
    print(" ", t)
    with tag("p"):
        1 / 0
with contextlib.ExitStack() as stack:
    rs = [stack.enter_context(Resource(n)) for n in "xyz"]
    stack.callback(log.append, "callback ran")
with contextlib.suppress(FileNotFoundError):
    open("/nonexistent/file")
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    print(repr(e), "cause:", repr(e.__cause__))
print("\n".join(log))
