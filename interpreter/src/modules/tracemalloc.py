# pygc's tracemalloc classes (see tracemalloc.rs): the behaviour of
# CPython's API on top of the native _get_traces / _get_object_traceback.

def _format_size(size, sign):
    units = ('B', 'KiB', 'MiB', 'GiB', 'TiB')
    k = 0
    while True:
        unit = units[k]
        if unit != 'B' and abs(size) < 100:
            return ('%+.1f %s' if sign else '%.1f %s') % (size, unit)
        if unit == 'TiB' or abs(size) < 10 * 1024:
            return ('%+.0f %s' if sign else '%.0f %s') % (size, unit)
        size /= 1024
        k += 1


class _Ordered:
    __slots__ = ()

    def __le__(self, other):
        r = self.__lt__(other)
        return r if r is NotImplemented else (r or self == other)

    def __gt__(self, other):
        r = self.__le__(other)
        return r if r is NotImplemented else not r

    def __ge__(self, other):
        r = self.__lt__(other)
        return r if r is NotImplemented else not r


class Frame(_Ordered):
    __slots__ = ('_frame',)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return f'{self.filename}:{self.lineno}'

    def __repr__(self):
        return f'<Frame filename={self.filename!r} lineno={self.lineno!r}>'


class Traceback(_Ordered):
    """Frames from the oldest to the most recent."""
    __slots__ = ('_frames', '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        self._frames = tuple(frames)[::-1]
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Frame(f) for f in self._frames[index]])
        return Frame(self._frames[index])

    def __iter__(self):
        for f in self._frames:
            yield Frame(f)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        tail = '>' if self._total_nframe is None else f' total_nframe={self._total_nframe}>'
        return f'<Traceback {tuple(self)}' + tail

    def format(self, limit=None, most_recent_first=False):
        import linecache
        frames = list(self)
        if limit is not None:
            frames = frames[-limit:] if limit > 0 else frames[:limit]
        if most_recent_first:
            frames.reverse()
        out = []
        for f in frames:
            out.append(f'  File "{f.filename}", line {f.lineno}')
            text = linecache.getline(f.filename, f.lineno).strip()
            if text:
                out.append('    ' + text)
        return out


class Statistic:
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback, self.size, self.count) == \
            (other.traceback, other.size, other.count)

    def __str__(self):
        s = f'{self.traceback}: size={_format_size(self.size, False)}, count={self.count}'
        if self.count:
            s += ', average=' + _format_size(self.size / self.count, False)
        return s

    def __repr__(self):
        return f'<Statistic traceback={self.traceback!r} size={self.size} count={self.count}>'

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def _key(self):
        return (self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def __hash__(self):
        return hash(self._key())

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return self._key() == other._key()

    def __str__(self):
        s = '%s: size=%s (%s), count=%i (%+i)' % (
            self.traceback, _format_size(self.size, False),
            _format_size(self.size_diff, True), self.count, self.count_diff)
        if self.count:
            s += ', average=' + _format_size(self.size / self.count, False)
        return s

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff),
                self.count, self.traceback)


class Trace:
    __slots__ = ('_trace',)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(*self._trace[2:])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return f'{self.traceback}: {_format_size(self.size, False)}'

    def __repr__(self):
        return '<Trace domain=%s size=%s, traceback=%r>' % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Trace(t) for t in self._traces[index]])
        return Trace(self._traces[index])

    def __iter__(self):
        for t in self._traces:
            yield Trace(t)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return f'<Traces len={len(self)}>'


def _normalize_filename(filename):
    return filename[:-1] if filename.endswith('.pyc') else filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern, lineno=None,
                 all_frames=False, domain=None):
        super().__init__(inclusive)
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _frame_matches(self, filename, lineno):
        import fnmatch
        if not fnmatch.fnmatch(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _match_traceback(self, frames):
        if self.all_frames:
            hit = any(self._frame_matches(f, n) for f, n in frames)
            return hit if self.inclusive else not hit
        f, n = frames[0]
        return self._frame_matches(f, n) != (not self.inclusive)

    def _match(self, trace):
        domain, size, frames, total = trace
        res = self._match_traceback(frames)
        if self.domain is None:
            return res
        if self.inclusive:
            return res and domain == self.domain
        return res or domain != self.domain


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        return (trace[0] == self._domain) != (not self.inclusive)


def _group(traces, key_type, cumulative):
    if key_type not in ('traceback', 'filename', 'lineno'):
        raise ValueError('unknown key_type: %r' % (key_type,))
    if cumulative and key_type not in ('lineno', 'filename'):
        raise ValueError('cumulative mode cannot by used with key type %r' % key_type)
    stats = {}
    made = {}

    def add(key, frames, size):
        tb = made.get(key)
        if tb is None:
            tb = made[key] = Traceback(frames)
        st = stats.get(tb)
        if st is None:
            stats[tb] = Statistic(tb, size, 1)
        else:
            st.size += size
            st.count += 1

    for domain, size, frames, total in traces:
        if cumulative:
            for fr in frames:
                key = fr if key_type == 'lineno' else (fr[0], 0)
                add(key, (key,), size)
        elif key_type == 'traceback':
            add(frames, frames, size)
        elif key_type == 'lineno':
            add(frames[:1], frames[:1], size)
        else:
            key = ((frames[0][0], 0),)
            add(key, key, size)
    return stats


class Snapshot:
    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def dump(self, filename):
        import pickle
        with open(filename, 'wb') as fp:
            pickle.dump(self, fp, pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def load(filename):
        import pickle
        with open(filename, 'rb') as fp:
            return pickle.load(fp)

    def filter_traces(self, filters):
        try:
            filters = list(filters)
        except TypeError:
            raise TypeError('filters must be a list of filters, not %s'
                            % type(filters).__name__) from None
        incl = [f for f in filters if f.inclusive]
        excl = [f for f in filters if not f.inclusive]
        kept = []
        for t in self.traces._traces:
            if incl and not any(f._match(t) for f in incl):
                continue
            if excl and any(not f._match(t) for f in excl):
                continue
            kept.append(t)
        return Snapshot(kept, self.traceback_limit)

    def statistics(self, key_type, cumulative=False):
        stats = list(_group(self.traces._traces, key_type, cumulative).values())
        stats.sort(reverse=True, key=Statistic._sort_key)
        return stats

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        new = _group(self.traces._traces, key_type, cumulative)
        old = _group(old_snapshot.traces._traces, key_type, cumulative)
        out = []
        for tb, st in new.items():
            prev = old.pop(tb, None)
            if prev is None:
                out.append(StatisticDiff(tb, st.size, st.size, st.count, st.count))
            else:
                out.append(StatisticDiff(tb, st.size, st.size - prev.size,
                                         st.count, st.count - prev.count))
        for tb, st in old.items():
            out.append(StatisticDiff(tb, 0, -st.size, 0, -st.count))
        out.sort(reverse=True, key=StatisticDiff._sort_key)
        return out


def get_object_traceback(obj):
    frames = _get_object_traceback(obj)
    return None if frames is None else Traceback(frames)


def take_snapshot():
    if not is_tracing():
        raise RuntimeError('the tracemalloc module must be tracing memory '
                           'allocations to take a snapshot')
    return Snapshot(_get_traces(), get_traceback_limit())
