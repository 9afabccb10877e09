# async for / async with / async generators / async comprehensions,
# driven by a tiny hand-written event loop (no asyncio).


class Sleep:
    """An awaitable that suspends once, handing `tag` to the driver."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return got


def run(coro, log=True):
    """Drives a coroutine: each suspension gets its tag echoed back."""
    value = None
    steps = 0
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            if log:
                print("  run: finished after", steps, "suspensions ->", repr(e.value))
            return e.value
        steps += 1
        value = ("resumed", tag)


class Ticker:
    """A class-based async iterator."""

    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        got = await Sleep(f"tick{self.i}")
        return (self.i, got[1])


async def use_ticker():
    out = []
    async for i, tag in Ticker(3):
        out.append((i, tag))
    else:
        out.append("else")
    return out


print(run(use_ticker()))


async def agen(n):
    for i in range(n):
        got = await Sleep(f"gen{i}")
        yield i * 10
    yield "last"


async def use_agen():
    res = []
    async for v in agen(3):
        res.append(v)
        if v == 20:
            continue
    return res


print(run(use_agen()))


async def break_out():
    async for v in agen(10):
        if v == 10:
            break
    return v


print(run(break_out()))


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("  enter", self.name)
        await Sleep("enter-" + self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        await Sleep("exit-" + self.name)
        print("  exit", self.name, et.__name__ if et else None, ev)
        return self.suppress


async def use_with():
    async with Resource("a") as a, Resource("b") as b:
        print("  body", a, b)
    try:
        async with Resource("c"):
            raise ValueError("boom")
    except ValueError as e:
        print("  caught", e)
    async with Resource("d", suppress=True):
        raise KeyError("hidden")
    print("  after suppressed")
    for i in range(3):
        async with Resource(f"loop{i}"):
            if i == 1:
                break
    return "with-done"


print(run(use_with()))


async def ret_in_with():
    async with Resource("r") as r:
        return "returned " + r


print(run(ret_in_with()))


async def comprehensions():
    a = [x async for x in agen(3)]
    b = {x: str(x) async for x in agen(2)}
    c = {x async for x in agen(2)}
    d = [x async for x in agen(4) if isinstance(x, int) and x > 0]
    e = [await Sleep(i) for i in range(2)]
    g = (x * 2 async for x in agen(2))
    f = [y async for y in g]
    return a, b, sorted(c, key=str), d, e, f


print(run(comprehensions()))


async def manual_anext():
    g = agen(2)
    print("  type:", type(g).__name__, type(g.__anext__()).__name__)
    print("  first:", await g.__anext__())
    print("  second:", await g.asend(None))
    rest = []
    try:
        while True:
            rest.append(await g.__anext__())
    except StopAsyncIteration:
        rest.append("stop")
    try:
        await g.__anext__()
    except StopAsyncIteration:
        rest.append("stop again")
    return rest


print(run(manual_anext()))


async def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    yield received


async def use_asend():
    g = echo()
    out = [await g.asend(None)]
    out.append(await g.asend("a"))
    out.append(await g.asend("b"))
    out.append(await g.asend(None))
    return out


print(run(use_asend()))


async def closing():
    try:
        yield 1
        yield 2
    finally:
        print("  agen cleanup")


async def use_aclose():
    g = closing()
    print("  got", await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("  closed generator is exhausted")
    return "closed"


print(run(use_aclose()))


async def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)


async def use_athrow():
    g = thrower()
    await g.__anext__()
    return await g.athrow(ValueError("inner"))


print(run(use_athrow()))


# exceptions inside the async for body and from the iterator propagate
async def failing():
    yield 1
    raise RuntimeError("iterator failed")


async def use_failing():
    seen = []
    try:
        async for v in failing():
            seen.append(v)
    except RuntimeError as e:
        seen.append(str(e))
    try:
        async for v in agen(2):
            raise LookupError("body failed")
    except LookupError as e:
        seen.append(str(e))
    return seen


print(run(use_failing()))


# errors
async def bad_for():
    async for x in [1, 2]:
        pass


async def bad_with():
    async with None:
        pass


class NoANext:
    def __aiter__(self):
        return 5


async def bad_aiter():
    async for x in NoANext():
        pass


class BadANext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


async def bad_anext():
    async for x in BadANext():
        pass


class NoAExit:
    async def __aenter__(self):
        return 1


async def bad_aexit():
    async with NoAExit():
        pass


for co in [bad_for, bad_with, bad_aiter, bad_anext, bad_aexit]:
    try:
        run(co())
    except TypeError as e:
        print("TypeError:", e)

try:
    for x in agen(1):
        pass
except TypeError as e:
    print("TypeError:", e)

# the same coroutines driven step by step with send(None)
c = use_agen()
n = 0
try:
    while True:
        c.send(None)
        n += 1
except StopIteration as e:
    print("manual send loop:", n, "steps", e.value)
