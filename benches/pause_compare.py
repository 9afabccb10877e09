#!/usr/bin/env python3
"""Two pygc binaries side by side on the shared corpus: CPU time and GC pauses.

For each program and collector the binaries run alternately N times (before, after,
before, after, ...). Printed per binary: the minimum user+sys CPU time of the runs
and the largest "most GC CPU in one pause" (pauses_ns.max_cpu of --gc-stats-file,
the collector's own work, steady on a shared machine) and wall max pause over the
runs; then the CPU ratio after/before. Outputs are checked against the .expected
files ("FAIL" marks a mismatch or an error).

    benches/pause_compare.py --before /tmp/pygc-before --gc incminimark --runs 3
    benches/pause_compare.py --before /tmp/pygc-before --gc concurrent gcbench chaos
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(binary, gc, prog, corpus, timeout):
    """(cpu seconds, max pause cpu ns, max pause ns, ok) of one run."""
    fd, stats = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    src = os.path.join(corpus, prog + ".py")
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run([binary, "--gc=" + gc, "--gc-stats-file=" + stats, src],
                           cwd=corpus, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    want = open(os.path.join(corpus, prog + ".expected"), "rb").read()
    ok = p.returncode == 0 and p.stdout == want
    try:
        s = json.load(open(stats))
        pauses = s.get("pauses_ns", {})
        mx_cpu, mx = pauses.get("max_cpu", 0), pauses.get("max", 0)
    except (OSError, ValueError):
        mx_cpu, mx = 0, 0
    os.unlink(stats)
    return cpu, mx_cpu, mx, ok


def fmt_us(ns):
    return "%.2f ms" % (ns / 1e6) if ns >= 1e6 else "%d us" % (ns / 1e3)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("programs", nargs="*", help="corpus programs (default all)")
    ap.add_argument("--before", required=True, help="the other pygc binary")
    ap.add_argument("--pygc", default=os.path.join(ROOT, "target", "release", "pygc"))
    ap.add_argument("--gc", action="append", help="collector(s) (default incminimark)")
    ap.add_argument("--corpus", default=os.environ.get("CORPUS", "/work/shared/corpus"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300.0)
    a = ap.parse_args()
    progs = a.programs or sorted(f[:-3] for f in os.listdir(a.corpus) if f.endswith(".py"))
    print("| program | gc | CPU before | CPU after | ratio | max pause cpu before | "
          "after | max pause wall before | after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for gc in a.gc or ["incminimark"]:
        for prog in progs:
            res = {"b": [], "a": []}
            for _ in range(a.runs):
                for k, b in (("b", a.before), ("a", a.pygc)):
                    r = run(b, gc, prog, a.corpus, a.timeout)
                    res[k].append(r)
            cells = []
            for k in ("b", "a"):
                rs = res[k]
                if any(r is None or not r[3] for r in rs):
                    cells.append(None)
                else:
                    cells.append((min(r[0] for r in rs), max(r[1] for r in rs),
                                  max(r[2] for r in rs)))
            b, af = cells
            if b is None or af is None:
                print("| %s | %s | %s | %s | FAIL | | | | |" % (
                    prog, gc, "FAIL" if b is None else "%.2f s" % b[0],
                    "FAIL" if af is None else "%.2f s" % af[0]))
            else:
                print("| %s | %s | %.2f s | %.2f s | %.3f | %s | %s | %s | %s |" % (
                    prog, gc, b[0], af[0], af[0] / b[0], fmt_us(b[1]), fmt_us(af[1]),
                    fmt_us(b[2]), fmt_us(af[2])))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
