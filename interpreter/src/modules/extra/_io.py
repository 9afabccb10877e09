# `_io`: the C half of `io` (importlib's bootstrap and a few tests import it
# directly); the same classes as pygc's native `io`.
import io as _io_mod

for _k, _v in _io_mod.__dict__.items():
    if not _k.startswith("__"):
        globals()[_k] = _v
open = __import__("builtins").open


def FileIO(file, mode="r", closefd=True, opener=None):
    if "b" not in mode:
        mode += "b"
    return open(file, mode)


del _k, _v
