# a small asyncio: run, sleep, gather, tasks, Queue, Event, Lock, wait_for, cancellation
import asyncio


async def worker(name, delay, log):
    for i in range(3):
        await asyncio.sleep(delay)
        log.append(f"{name}{i}")
        print("worker", name, i, asyncio.get_running_loop().time() if False else "")
    return name.upper()


async def main():
    log = []
    r = await asyncio.gather(worker("a", 0.3, log), worker("b", 0.2, log), worker("c", 0, log))
    print(r, log)
    t = asyncio.create_task(worker("t", 0.1, log))
    print("created", t.done())
    await asyncio.sleep(0)
    print("result", await t)
    q = asyncio.Queue()

    async def producer():
        for i in range(5):
            await q.put(i)
            print("put", i)
            await asyncio.sleep(0)
        await q.put(None)

    async def consumer():
        total = 0
        while True:
            v = await q.get()
            if v is None:
                break
            print("got", v)
            total += v
        return total

    print(await asyncio.gather(producer(), consumer()))
    ev = asyncio.Event()

    async def waiter(n):
        await ev.wait()
        print("event seen by", n)
        return n

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0.5)
    ev.set()
    print(await asyncio.gather(*tasks))
    lock = asyncio.Lock()
    order = []

    async def critical(n):
        async with lock:
            order.append(("in", n))
            await asyncio.sleep(0.01)
            order.append(("out", n))

    await asyncio.gather(*(critical(i) for i in range(3)))
    print(order)
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(worker("w", 0.01, log), 5))

    async def boom():
        await asyncio.sleep(0.1)
        raise ValueError("boom")

    try:
        await asyncio.gather(boom(), asyncio.sleep(1))
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.gather(boom(), worker("x", 0, log), return_exceptions=True))
    slow = asyncio.create_task(asyncio.sleep(100))
    await asyncio.sleep(0)
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("cancelled", slow.cancelled())

    async def agen():
        for i in range(3):
            await asyncio.sleep(0.1)
            yield i

    print([x async for x in agen()])
    return "done"


print(asyncio.run(main()))



async def ping(name, n, delay):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(delay)


async def forever():
    try:
        while True:
            await asyncio.sleep(1)
    finally:
        print("forever cleaned up")


async def main():
    await asyncio.gather(ping("a", 3, 0), ping("b", 3, 0), ping("c", 2, 0))
    await asyncio.gather(ping("x", 3, 1), ping("y", 3, 1), ping("z", 2, 0.5))
    t1 = asyncio.create_task(ping("t1", 2, 0.1))
    t2 = asyncio.create_task(ping("t2", 2, 0.1))
    print("before await")
    await t2
    await t1
    asyncio.create_task(forever())
    await asyncio.sleep(0.1)
    print("main ends", asyncio.current_task().get_name())


asyncio.run(main())
loop = asyncio.new_event_loop()
print(loop.run_until_complete(asyncio.sleep(0.1, "slept")))
fut = loop.create_future()
loop.call_soon(fut.set_result, 42)
print(loop.run_until_complete(fut))
later = []
loop.call_later(0.2, later.append, "second")
loop.call_later(0.1, later.append, "first")
loop.run_until_complete(asyncio.sleep(0.3))
print(later)
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)



async def job3(n, d):
    await asyncio.sleep(d)
    return n * 10


async def main3():
    done, pending = await asyncio.wait([asyncio.create_task(job3(i, 0.1 * (3 - i))) for i in range(3)])
    print(sorted(t.result() for t in done), len(pending))
    tasks = [asyncio.create_task(job3(i, 0.1 * (i + 1))) for i in range(3)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], len(pending))
    done, pending = await asyncio.wait(tasks, timeout=0.15)
    print(sorted(t.result() for t in done), len(pending))
    for coro in asyncio.as_completed([job3(1, 0.3), job3(2, 0.1), job3(3, 0.2)]):
        print("completed", await coro)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main3())



async def slow6(n):
    await asyncio.sleep(n)
    return n


async def main6():
    try:
        async with asyncio.timeout(0.5) as cm:
            await slow6(2)
    except TimeoutError:
        print("timeout expired", cm.expired())
    async with asyncio.timeout(5) as cm:
        r = await slow6(0.1)
    print("in time", r, cm.expired())
    async with asyncio.timeout(None):
        print("no timeout", await slow6(0.2))
    t = asyncio.create_task(slow6(0.3))
    s = asyncio.shield(t)
    print(await s, t.done())


asyncio.run(main6())
