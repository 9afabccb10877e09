#!/usr/bin/env python3
"""Run corpus programs under pygc and CPython side by side.

Prints, per program, the best-of-N wall time under each interpreter, the
pygc/CPython time ratio and whether pygc's output matched the expected file;
then the geometric mean of the ratios.

    benches/corpus_compare.py                       # all programs, --gc=incminimark
    benches/corpus_compare.py --gc nogc --gc incminimark --runs 3 richards nbody
    benches/corpus_compare.py --also pypy3          # add a third column

Defaults: pygc at target/release/pygc, corpus at ../shared/corpus.
"""

import argparse
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, prog, corpus, timeout):
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd + [prog], cwd=corpus, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    elapsed = time.perf_counter() - start
    out = b"".join(l for l in proc.stdout.splitlines(True) if not l.startswith(b"info:"))
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
        return elapsed, out, "exit %d %s" % (proc.returncode, " ".join(tail))
    return elapsed, out, None


def best_of(cmd, prog, corpus, runs, timeout):
    best, out, err = None, None, None
    for _ in range(runs):
        t, o, e = run(cmd, prog, corpus, timeout)
        if e:
            return None, o, e
        out = o
        best = t if best is None else min(best, t)
    return best, out, err


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("programs", nargs="*", help="program names (default: all)")
    ap.add_argument("--pygc", default=os.path.join(ROOT, "target", "release", "pygc"))
    ap.add_argument("--gc", action="append", help="collector(s) to run (default incminimark)")
    ap.add_argument("--python", default="python3", help="reference interpreter")
    ap.add_argument("--also", action="append", default=[], help="extra interpreter command(s)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--runs", type=int, default=1, help="best of N runs")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print("corpus_compare: no corpus at %s" % corpus, file=sys.stderr)
        return 2
    if not os.path.exists(args.pygc):
        print("corpus_compare: no pygc at %s (cargo build --release -p interpreter)" % args.pygc, file=sys.stderr)
        return 2
    progs = args.programs or sorted(f[:-3] for f in os.listdir(corpus) if f.endswith(".py"))
    gcs = args.gc or ["incminimark"]
    columns = [("python3", args.python.split())]
    columns += [(a, a.split()) for a in args.also]
    columns += [("pygc/" + g, [args.pygc, "--gc=" + g]) for g in gcs]

    head = "%-16s" % "program" + "".join("%14s" % c for c, _ in columns)
    head += "".join("%10s" % ("x " + g) for g in gcs) + "  status"
    print(head)
    ratios = {g: [] for g in gcs}
    for name in progs:
        prog = os.path.join(corpus, name + ".py")
        with open(os.path.join(corpus, name + ".expected"), "rb") as f:
            expected = f.read()
        times, notes = {}, []
        for col, cmd in columns:
            t, out, err = best_of(cmd, prog, corpus, args.runs, args.timeout)
            if err:
                notes.append("%s: %s" % (col, err))
            elif out != expected:
                notes.append("%s: wrong output" % col)
                t = None
            times[col] = t
        line = "%-16s" % name
        line += "".join(("%13.2fs" % times[c]) if times[c] else "%14s" % "-" for c, _ in columns)
        base = times["python3"]
        for g in gcs:
            t = times["pygc/" + g]
            if t and base:
                ratios[g].append(t / base)
                line += "%10.2f" % (t / base)
            else:
                line += "%10s" % "-"
        print(line + "  " + ("; ".join(notes) if notes else "ok"), flush=True)
    for g in gcs:
        r = ratios[g]
        if r:
            gm = math.exp(sum(math.log(x) for x in r) / len(r))
            print("geometric mean pygc/%s vs %s: %.2fx over %d programs" % (g, args.python, gm, len(r)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
