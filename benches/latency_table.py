#!/usr/bin/env python3
"""Print the latency tables of the README (issue 13): one run each, default settings.

1. benches/latency_server.py under every pygc collector and under other interpreters
   (python3, pypy3 when installed): serve time, CPU time of the whole run (user + sys,
   all threads: meaningful when the machine is shared), request p50/p99/p99.9/max,
   GC share, GC-thread CPU and max pause (pygc's --gc-stats-file; other interpreters
   report none).
2. The max GC pause of every shared-corpus program under every collector (and whether the
   output matched the .expected file; "FAIL" marks a mismatch or an error).

    benches/latency_table.py                          # both tables, every collector
    benches/latency_table.py --no-corpus --gc concurrent --gc incminimark
    benches/latency_table.py --pygc /tmp/pygc-before --no-server
    benches/latency_table.py --requests 50000 --also python3
    benches/latency_table.py --no-server --gc incminimark --compare /tmp/pygc-before

Corpus cells: max / p99 pause, then "cpu" = the most collector CPU time in one
pause when the collector measures it (a max pause far above it was descheduled:
the machine was busy), then the wall time of the run. --compare PYGC adds a
column per collector for another binary, run alternately with --pygc on each
program (before/after tables from the same run).

Defaults: pygc at target/release/pygc, corpus at /work/shared/corpus (or $CORPUS),
interpreters python3 and pypy3 (skipped with a note when not found).
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVER = os.path.join(HERE, "latency_server.py")
LAT_RE = re.compile(
    r"p50 ([\d.]+) p90 ([\d.]+) p99 ([\d.]+) p99\.9 ([\d.]+) max ([\d.]+)")
SERVE_RE = re.compile(r"serve ([\d.]+) s")


def run_stats(cmd, cwd, timeout):
    """Runs cmd (pygc with --gc-stats-file appended when pygc=True); returns (proc, stats)."""
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    os.unlink(path)
    full = [c.replace("{STATS}", path) for c in cmd]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(full, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, time.perf_counter() - start
    wall = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc.cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    stats = None
    if os.path.exists(path):
        with open(path) as f:
            try:
                stats = json.load(f)
            except ValueError:
                stats = None
        os.unlink(path)
    return proc, stats, wall


def fmt_us(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v


def fmt_pause(ns):
    if ns is None:
        return "-"
    if ns >= 1e6:
        return "%.1f ms" % (ns / 1e6)
    return "%.0f us" % (ns / 1e3)


def server_row(label, cmd, args, timeout):
    proc, stats, _ = run_stats(cmd + [SERVER] + args, ROOT, timeout)
    if proc is None or proc.returncode != 0:
        why = "timeout" if proc is None else "exit %d: %s" % (
            proc.returncode, proc.stderr.strip().splitlines()[-1:])
        return "| %s | %s |" % (label, why) + " |" * 8
    lat = LAT_RE.search(proc.stdout)
    serve = SERVE_RE.search(proc.stdout)
    p50, _p90, p99, p999, pmax = (float(x) for x in lat.groups())
    if stats:
        t = stats["time_ns"]
        share = "%.1f %%" % (100 * stats["gc_share"])
        threads = "%.2f s" % (t.get("gc_threads_cpu", 0) / 1e9)
        pause = fmt_pause(stats["pauses_ns"]["max"])
    else:
        share, threads, pause = "n/a", "n/a", "n/a"
    return "| %s | %.2f s | %.2f s | %s | %s | %s | %s | %s | %s | %s |" % (
        label, float(serve.group(1)), proc.cpu, fmt_us(p50), fmt_us(p99), fmt_us(p999),
        fmt_us(pmax), share, threads, pause)


def server_table(opts, gcs):
    args = [str(opts.requests)] if opts.requests else []
    print("latency_server.py %s (one run each, default settings)\n" % " ".join(args))
    print("| interpreter | serve | CPU (whole run) | p50 us | p99 us | p99.9 us | max us "
          "| GC share | GC-thread CPU | max pause |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for gc in gcs:
        cmd = [opts.pygc, "--gc=" + gc, "--gc-stats-file={STATS}"]
        print(server_row("pygc " + gc, cmd, args, opts.timeout), flush=True)
    for other in opts.also:
        if shutil.which(other) is None:
            print("| %s | not installed |" % other + " |" * 8, flush=True)
            continue
        print(server_row(other, [other], args, opts.timeout), flush=True)
    print()


def corpus_cell(pygc, gc, prog, expected, opts, worst, key):
    cmd = [pygc, "--gc=" + gc, "--gc-stats-file={STATS}", os.path.join(opts.corpus, prog + ".py")]
    proc, stats, wall = run_stats(cmd, opts.corpus, opts.timeout)
    ok = proc is not None and proc.returncode == 0 and [
        ln for ln in proc.stdout.splitlines() if not ln.startswith("info:")] == expected
    pauses = stats["pauses_ns"] if stats else {}
    pause, p99, cpu = pauses.get("max"), pauses.get("p99"), pauses.get("max_cpu")
    if pause is not None:
        worst[key] = max(worst[key], pause)
    cpu = ", cpu %s" % fmt_pause(cpu) if cpu else ""
    cell = "%s / %s%s (%.1f s)" % (fmt_pause(pause), fmt_pause(p99), cpu, wall)
    return cell if ok else cell + " FAIL"


def corpus_table(opts, gcs):
    progs = sorted(f[:-3] for f in os.listdir(opts.corpus) if f.endswith(".py"))
    if opts.programs:
        progs = [p for p in progs if p in opts.programs]
    print("max / p99 GC pause (wall time of the run) per shared-corpus program, one run each, "
          "default settings\n")
    cols = [(gc, opts.pygc, gc) for gc in gcs]
    if opts.compare:
        cols = [c for gc in gcs for c in ((gc, opts.pygc, gc),
                                          (gc + " (--compare)", opts.compare, gc))]
    print("| program | " + " | ".join(c[0] for c in cols) + " |")
    print("|---|" + "---|" * len(cols))
    worst = {c[0]: 0 for c in cols}
    for prog in progs:
        with open(os.path.join(opts.corpus, prog + ".expected")) as f:
            expected = [ln for ln in f.read().splitlines() if not ln.startswith("info:")]
        cells = [corpus_cell(pygc, gc, prog, expected, opts, worst, label)
                 for label, pygc, gc in cols]
        print("| %s | %s |" % (prog, " | ".join(cells)), flush=True)
    print("| **worst** | %s |" % " | ".join(fmt_pause(worst[c[0]]) for c in cols))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pygc", default=os.path.join(ROOT, "target/release/pygc"))
    ap.add_argument("--gc", action="append", help="collector (repeatable; default all)")
    ap.add_argument("--also", action="append", help="other interpreters (default python3 pypy3)")
    ap.add_argument("--corpus", default=os.environ.get("CORPUS", "/work/shared/corpus"))
    ap.add_argument("--requests", type=int, default=0, help="requests (default the server's)")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--no-server", action="store_true")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--compare", metavar="PYGC",
                    help="another pygc binary: corpus columns for it too, run alternately")
    ap.add_argument("programs", nargs="*", help="corpus programs (default all)")
    opts = ap.parse_args()
    if opts.also is None:
        opts.also = ["python3", "pypy3"]
    # the corpus runs in its own directory: relative binaries must not move
    opts.pygc = os.path.abspath(opts.pygc)
    if opts.compare:
        opts.compare = os.path.abspath(opts.compare)
    gcs = opts.gc or subprocess.run([opts.pygc, "--list-gcs"], capture_output=True,
                                    text=True, check=True).stdout.split()
    print("load average at start: %.1f %.1f %.1f (%d cores)\n"
          % (os.getloadavg() + (os.cpu_count(),)))
    if not opts.no_server:
        server_table(opts, gcs)
    if not opts.no_corpus:
        corpus_table(opts, gcs)
    print("load average at end: %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
