# pygc additions to the native itertools.

_chain = chain


class chain:
    """chain(*iterables): the native chain iterator; chain.from_iterable
    reads its argument lazily (it may be infinite)."""
    __slots__ = ()

    def __new__(cls, *iterables):
        return _chain(*iterables)

    @classmethod
    def from_iterable(cls, iterable):
        return _chain_lazy(iterable)


def _chain_lazy(iterables):
    for it in iterables:
        yield from it


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError("r must be non-negative")
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)
