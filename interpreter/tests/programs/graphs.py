# Graph algorithms: BFS, Dijkstra, topological sort, connected components,
# cycle detection (on dict-of-lists graphs).
import heapq
from collections import deque, defaultdict

edges = [("a", "b", 4), ("a", "c", 2), ("b", "c", 5), ("b", "d", 10), ("c", "e", 3),
         ("e", "d", 4), ("d", "f", 11), ("g", "h", 1)]
g = defaultdict(list)
for u, v, w in edges:
    g[u].append((v, w))
    g[v].append((u, w))


def bfs(start):
    seen, order, q = {start}, [], deque([start])
    while q:
        u = q.popleft()
        order.append(u)
        for v, _ in sorted(g[u]):
            if v not in seen:
                seen.add(v)
                q.append(v)
    return order


def dijkstra(src):
    dist, prev, pq = {src: 0}, {}, [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist[u]:
            continue
        for v, w in g[u]:
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v], prev[v] = nd, u
                heapq.heappush(pq, (nd, v))
    return dist, prev


def path(prev, t):
    out = [t]
    while out[-1] in prev:
        out.append(prev[out[-1]])
    return out[::-1]


def components():
    seen, comps = set(), []
    for n in sorted(g):
        if n not in seen:
            c = bfs(n)
            seen.update(c)
            comps.append(sorted(c))
    return comps


def toposort(deps):
    indeg = {n: 0 for n in deps}
    for n, ds in deps.items():
        for d in ds:
            indeg.setdefault(d, 0)
            indeg[n] += 1
    rev = defaultdict(list)
    for n, ds in deps.items():
        for d in ds:
            rev[d].append(n)
    q = sorted(n for n, k in indeg.items() if k == 0)
    out = []
    while q:
        n = q.pop(0)
        out.append(n)
        for m in sorted(rev[n]):
            indeg[m] -= 1
            if indeg[m] == 0:
                q.append(m)
    if len(out) != len(indeg):
        raise ValueError("cycle among " + ", ".join(sorted(n for n in indeg if indeg[n])))
    return out


print("bfs", bfs("a"))
dist, prev = dijkstra("a")
print("dist", sorted(dist.items()))
print("path a->f", path(prev, "f"))
print("components", components())
print("topo", toposort({"app": ["lib", "util"], "lib": ["core"], "util": ["core"], "core": []}))
try:
    toposort({"x": ["y"], "y": ["z"], "z": ["x"], "w": []})
except ValueError as e:
    print(e)
