# os.pipe/dup/dup2, inheritable and blocking flags, fd errors as OSError
# subclasses, the W* status helpers (modules/rawos.rs).
import os
r, w = os.pipe()
print(os.get_inheritable(r), os.get_blocking(r))
print(os.write(w, b"hello"))
os.close(w)
print(os.read(r, 100), os.read(r, 100))
os.close(r)
try:
    os.close(r)
except OSError as e:
    print(type(e).__name__, e.errno, e)
r, w = os.pipe()
os.set_inheritable(r, True); print(os.get_inheritable(r))
os.set_blocking(r, False); print(os.get_blocking(r))
try:
    os.read(r, 10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno)
d = os.dup(w); print(d > w, os.get_inheritable(d))
os.write(d, b"via dup"); print(os.read(r, 100))
d2 = os.dup2(w, d + 5); print(d2 == d + 5, os.get_inheritable(d2))
os.write(d2, b"dup2")
os.close(d2)
print(os.read(r, 100))
for fd in (r, w, d):
    os.close(fd)
print(os.WIFEXITED(0), os.WEXITSTATUS(256), os.WIFSIGNALED(9), os.WTERMSIG(9))
print(os.getpgrp() > 0)
os.kill(os.getpid(), 0)
print(sorted(n for n in os._get_exports_list(os) if n in ("pipe", "dup", "kill")))
