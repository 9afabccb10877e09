#!/usr/bin/env python3
"""Run programs under pygc and CPython side by side, in the same run.

For each program the interpreters run alternately N times (python3, pygc, python3,
pygc, ...); the best-of-N time of each, the pygc/CPython ratio and whether the
outputs match are printed, then the geometric mean of the ratios.

    benches/corpus_compare.py                       # the shared corpus, --gc=incminimark
    benches/corpus_compare.py --gc nogc --gc incminimark --runs 3 richards nbody
    benches/corpus_compare.py --also pypy3          # add a third column
    benches/corpus_compare.py --dir benches/idioms --runs 5 --cpu   # the idiom set
    benches/corpus_compare.py --dir benches/idioms --runs 3 --cpu --env PYGC_JIT=off \
        --before ../pygc-before     # + an older pygc binary column (run without --env)

With --dir, programs have no .expected file: pygc's output must equal python3's
output of the same run. --cpu measures user+sys CPU time of the child instead of
wall time (robust when the machine is shared). --markdown prints a Markdown table.
--env K=V (repeatable) sets a variable for the current pygc's runs only (an older
binary given by --before may reject variables it does not know); --before PATH adds
a column for another pygc binary (same collector flags, its own ratio column).

Defaults: pygc at target/release/pygc, corpus at ../shared/corpus.
"""

import argparse
import math
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, prog, cwd, timeout, cpu, env=None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd + [prog], cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    elapsed = time.perf_counter() - start
    if cpu:
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    out = b"".join(l for l in proc.stdout.splitlines(True) if not l.startswith(b"info:"))
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
        return elapsed, out, "exit %d %s" % (proc.returncode, " ".join(tail))
    return elapsed, out, None


def measure(columns, prog, cwd, args):
    """Runs every column `args.runs` times, alternating; best time and output of each."""
    best = {c: None for c, _ in columns}
    outs, errs = {}, {}
    for _ in range(args.runs):
        for col, cmd in columns:
            if col in errs:
                continue
            env = args.pygc_env if col.startswith("pygc/") else None
            t, o, e = run(cmd, prog, cwd, args.timeout, args.cpu, env)
            outs[col] = o
            if e:
                errs[col] = e
                best[col] = None
                continue
            best[col] = t if best[col] is None else min(best[col], t)
    return best, outs, errs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("programs", nargs="*", help="program names (default: all)")
    ap.add_argument("--pygc", default=os.path.join(ROOT, "target", "release", "pygc"))
    ap.add_argument("--gc", action="append", help="collector(s) to run (default incminimark)")
    ap.add_argument("--python", default="python3", help="reference interpreter")
    ap.add_argument("--also", action="append", default=[], help="extra interpreter command(s)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--dir", help="a directory of programs checked against python3's output")
    ap.add_argument("--runs", type=int, default=1, help="best of N runs")
    ap.add_argument("--cpu", action="store_true", help="user+sys CPU time instead of wall time")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--env", action="append", default=[], metavar="K=V",
                    help="environment variable for the current pygc only")
    ap.add_argument("--before", help="an older pygc binary: an extra column")
    args = ap.parse_args()
    args.pygc_env = None
    if args.env:
        args.pygc_env = dict(os.environ)
        for kv in args.env:
            if "=" not in kv:
                print("corpus_compare: --env needs K=V, got %r" % kv, file=sys.stderr)
                return 2
            k, v = kv.split("=", 1)
            args.pygc_env[k] = v

    corpus = os.path.abspath(args.dir or args.corpus)
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
    if args.before:
        columns += [("before/" + g, [args.before, "--gc=" + g]) for g in gcs]
    columns += [("pygc/" + g, [args.pygc, "--gc=" + g]) for g in gcs]
    # ratio columns: (label, column) for the older binary, then the current one
    rcols = [("x before/" + g, "before/" + g) for g in gcs] if args.before else []
    rcols += [("x " + g, "pygc/" + g) for g in gcs]

    if args.markdown:
        print("| program | " + " | ".join(c for c, _ in columns) + " | "
              + " | ".join(l for l, _ in rcols) + " | status |")
        print("|---" * (len(columns) + len(rcols) + 2) + "|")
    else:
        head = "%-20s" % "program" + "".join("%20s" % c for c, _ in columns)
        print(head + "".join("%22s" % l for l, _ in rcols) + "  status")
    ratios = {c: [] for _, c in rcols}
    for name in progs:
        prog = os.path.join(corpus, name + ".py")
        times, outs, errs = measure(columns, prog, corpus, args)
        if args.dir:
            expected = outs.get("python3")
        else:
            with open(os.path.join(corpus, name + ".expected"), "rb") as f:
                expected = f.read()
        notes = []
        for col, _ in columns:
            if col in errs:
                notes.append("%s: %s" % (col, errs[col]))
            elif outs.get(col) != expected:
                notes.append("%s: wrong output" % col)
                times[col] = None
        cells = [("%.3fs" % times[c]) if times[c] else "-" for c, _ in columns]
        base = times["python3"]
        for _, c in rcols:
            t = times[c]
            if t and base:
                ratios[c].append(t / base)
                cells.append("%.2f" % (t / base))
            else:
                cells.append("-")
        status = "; ".join(notes) if notes else "ok"
        if args.markdown:
            print("| %s | %s | %s |" % (name, " | ".join(cells), status), flush=True)
        else:
            line = "%-20s" % name + "".join("%20s" % c for c in cells[:len(columns)])
            line += "".join("%22s" % c for c in cells[len(columns):])
            print(line + "  " + status, flush=True)
    for _, c in rcols:
        r = ratios[c]
        if r:
            gm = math.exp(sum(math.log(x) for x in r) / len(r))
            print("geometric mean %s vs %s: %.2fx over %d programs (max %.2fx)"
                  % (c, args.python, gm, len(r), max(r)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
