# latency_server.py: a request server simulation for GC latency.
#
# A large live LRU cache (about 1M heap objects: CACHE_ENTRIES entries, each
# a key string, a small record object with a list and a tuple, plus the
# cache's dict and linked nodes) serves REQUESTS timed requests. Each request
# looks up or inserts a few keys (evicting the least recently used entry on
# insert), builds short-lived garbage (a parsed "request" dict, a response
# list of strings) and returns a checksum. Every request is timed with
# time.perf_counter_ns, so GC pauses show up as request latency.
#
# Prints deterministic results on ordinary lines and measurements on
# "info:" lines (serve time, p50/p90/p99/p99.9/max request latency).
#
# Usage: pygc [--gc=NAME] [--gc-stats] benches/latency_server.py [REQUESTS] [ENTRIES]
# (or LATENCY_REQUESTS / LATENCY_ENTRIES in the environment, for harnesses
# such as `pygc-lab tune` that run a script without arguments)

import os
import sys
import time

REQUESTS = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LATENCY_REQUESTS", 200_000))
CACHE_ENTRIES = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("LATENCY_ENTRIES", 125_000))


class Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.prev = None
        self.next = None


class Record:
    __slots__ = ("ident", "tags", "scores", "owner")

    def __init__(self, ident):
        self.ident = ident
        self.tags = ["t%d" % (ident % 97), "u%d" % (ident % 89)]
        self.scores = (ident % 7, ident % 11, ident % 13)
        self.owner = None


class LRU:
    def __init__(self, capacity):
        self.capacity = capacity
        self.map = {}
        self.head = Node(None, None)
        self.tail = Node(None, None)
        self.head.next = self.tail
        self.tail.prev = self.head
        self.evictions = 0

    def _unlink(self, n):
        n.prev.next = n.next
        n.next.prev = n.prev

    def _push_front(self, n):
        n.next = self.head.next
        n.prev = self.head
        self.head.next.prev = n
        self.head.next = n

    def get(self, key):
        n = self.map.get(key)
        if n is None:
            return None
        self._unlink(n)
        self._push_front(n)
        return n.value

    def put(self, key, value):
        n = self.map.get(key)
        if n is not None:
            n.value = value
            self._unlink(n)
            self._push_front(n)
            return
        n = Node(key, value)
        self.map[key] = n
        self._push_front(n)
        if len(self.map) > self.capacity:
            old = self.tail.prev
            self._unlink(old)
            del self.map[old.key]
            self.evictions += 1


class Rng:
    """A small LCG so every interpreter sees the same requests."""

    def __init__(self, seed):
        self.s = seed

    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) & 0x7FFFFFFF
        return self.s % n


def handle(cache, rng, i):
    # Parse a "request": short-lived garbage.
    req = {"id": i, "path": "/item/%d" % rng.next(CACHE_ENTRIES * 2), "hdrs": [("a", i), ("b", i + 1)]}
    key = req["path"]
    total = 0
    for k in range(4):
        probe = key if k == 0 else "/item/%d" % rng.next(CACHE_ENTRIES * 2)
        rec = cache.get(probe)
        if rec is None:
            rec = Record(i + k)
            cache.put(probe, rec)
        total += rec.scores[0] + len(rec.tags)
    # Build a response: more garbage.
    body = ["<li>%s</li>" % t for t in cache.get(key).tags]
    resp = "".join(body) + str(total)
    return len(resp) + total


def percentile(sorted_vals, q):
    if not sorted_vals:
        return 0
    k = min(len(sorted_vals) - 1, int(q * len(sorted_vals)))
    return sorted_vals[k]


def main():
    rng = Rng(12345)
    cache = LRU(CACHE_ENTRIES)
    t0 = time.perf_counter_ns()
    for i in range(CACHE_ENTRIES):
        cache.put("/item/%d" % (i * 2), Record(i))
    t1 = time.perf_counter_ns()
    lat = [0] * REQUESTS
    checksum = 0
    clock = time.perf_counter_ns
    for i in range(REQUESTS):
        s = clock()
        checksum = (checksum + handle(cache, rng, i)) & 0xFFFFFFFF
        lat[i] = clock() - s
    t2 = time.perf_counter_ns()
    lat.sort()
    print("requests", REQUESTS, "cache", len(cache.map), "evictions", cache.evictions)
    print("checksum", checksum)
    print("info: build %.3f s, serve %.3f s" % ((t1 - t0) / 1e9, (t2 - t1) / 1e9))
    print(
        "info: request latency us: p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f"
        % tuple(
            percentile(lat, q) / 1e3 for q in (0.5, 0.9, 0.99, 0.999, 1.0)
        )
    )


main()
