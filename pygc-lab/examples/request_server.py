# A request-serving loop for `pygc-lab tune` (written for pygc-lab).
# Each request builds a short-lived parsed request and response; a session
# table keeps 40 000 long-lived sessions (an old-generation heap of tens of
# MB) and replaces one session per request, so old objects keep dying and
# major collections are needed. Prints a checksum; per-request latency
# percentiles go to "info:" lines (they vary from run to run).
import time

N_SESSIONS = 40000
N_REQUESTS = 60000


def new_session(key):
    return {"name": "user%d" % key, "hits": 0, "history": [key] * 12,
            "prefs": {"lang": "en", "tz": key % 24}}


def handle(req_id, sessions):
    headers = {"id": req_id, "path": "/item/%d" % (req_id % 997),
               "tags": [str(i) for i in range(6)]}
    body = [{"k": i, "v": (i, req_id)} for i in range(16)]
    key = (req_id * 7919) % N_SESSIONS
    sess = sessions[key]
    sess["hits"] += 1
    if req_id % 3 == 0:
        victim = (req_id * 104729) % N_SESSIONS
        sessions[victim] = new_session(victim + req_id)
    resp = {"status": 200, "items": len(body), "user": sess["name"],
            "echo": headers["path"]}
    return len(resp["echo"]) + resp["items"] + sess["hits"] % 7


def main():
    sessions = [new_session(k) for k in range(N_SESSIONS)]
    total = 0
    lat = []
    for r in range(N_REQUESTS):
        t0 = time.perf_counter()
        total += handle(r, sessions)
        lat.append(time.perf_counter() - t0)
    lat.sort()
    print("requests %d checksum %d" % (N_REQUESTS, total))
    print("info: p50 %.3f ms p99 %.3f ms max %.3f ms" % (
        lat[len(lat) // 2] * 1e3, lat[len(lat) * 99 // 100] * 1e3, lat[-1] * 1e3))


main()
