# An asyncio producer/transformer/consumer pipeline with queues and gather.
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0)
    await q.put(None)


async def transformer(qin, qout, name):
    count = 0
    while True:
        item = await qin.get()
        if item is None:
            await qout.put(None)
            return f"{name} transformed {count}"
        count += 1
        await qout.put(item * item)


async def consumer(q):
    total, seen = 0, []
    while True:
        item = await q.get()
        if item is None:
            return total, seen[:5]
        total += item
        seen.append(item)


async def slow(i):
    await asyncio.sleep(0.001 * (5 - i))
    return i * 10


async def main():
    q1, q2 = asyncio.Queue(), asyncio.Queue(maxsize=3)
    results = await asyncio.gather(producer(q1, 20), transformer(q1, q2, "sq"), consumer(q2))
    print(results)
    print(await asyncio.gather(*(slow(i) for i in range(5))))
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.01)
    except asyncio.TimeoutError:
        print("timed out")
    t = asyncio.create_task(slow(1))
    print(await t, t.done())


asyncio.run(main())
