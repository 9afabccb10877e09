//! PyPy-style `gc.hooks` statistics, batched for delivery at a safepoint.
//!
//! PyPy calls `gc.hooks.on_gc_minor`, `on_gc_collect_step` and
//! `on_gc_collect` with a stats object; when several events happen before the
//! hook can run, they are aggregated into one call (`count > 1`). Hooks run
//! Python code, so they are *never* called inside a pause: the collector's
//! subscriber only folds each event into a [`HookAccumulator`], and the VM
//! drains it with [`HookAccumulator::take_pending`] at the next safepoint.
//!
//! # Mapping from [`GcEvent`] to PyPy's fields
//!
//! | hook | events | field | from |
//! |---|---|---|---|
//! | `on_gc_minor` | `minor` | `count`, `duration`, `duration_min`, `duration_max` | events aggregated; durations in **ns** (PyPy uses CPU ticks: report `debug_get_timestamp_unit()` as `"ns"`) |
//! | | | `total_memory_used` | `bytes_after` of the last minor event (GC heap in use after it) |
//! | | | `pinned_objects` | `pinned` of the last minor event |
//! | `on_gc_collect_step` | `major_step`, `handshake` | `count`, `duration*` | as above |
//! | | | `oldstate` | the state after the previous step/collection (`SCANNING` at start) |
//! | | | `newstate` | the event's `phase` as an index into [`GC_STATES`] |
//! | | | `major_is_done` | the step left the collector idle (its phase is `idle`) |
//! | `on_gc_collect` | `major` | `count`, `duration*` | as above (`duration` of an incremental cycle is its whole span, steps included) |
//! | | | `num_major_collects` | major events seen since the recorder started |
//! | | | `arenas_count_before/after` | *estimate*: `bytes_before/after` ÷ [`ARENA_SIZE`] rounded up (pygc collectors report no arenas) |
//! | | | `bytes_used_before/after` | `bytes_before` / `bytes_after` |
//! | | | `rawmalloc_bytes_before` | `raw_bytes` of the previous event of any kind (0 if none) |
//! | | | `rawmalloc_bytes_after` | `raw_bytes` of the major event |
//!
//! Phases map to states as: idle, scanning → `SCANNING` (0); marking →
//! `MARKING` (1); sweeping → `SWEEPING` (2); finalizing → `FINALIZING` (3);
//! compacting → `COMPACTING` (4, not in PyPy). `concurrent` and `finalizers`
//! events call no hook. When a batch aggregates several events, the
//! non-duration fields are those of the last one (`oldstate` of the first).

use gc_api::{EventKind, GcEvent, Phase};

/// `gc.GcCollectStepStats.GC_STATES`: names of the states used by
/// `oldstate` / `newstate`.
pub const GC_STATES: [&str; 5] = [
    "SCANNING",
    "MARKING",
    "SWEEPING",
    "FINALIZING",
    "COMPACTING",
];

/// The arena size used to estimate PyPy's `arenas_count_*` (PyPy's default
/// arena is 256 KB).
pub const ARENA_SIZE: u64 = 256 << 10;

/// The index of `phase` in [`GC_STATES`].
pub fn state_index(phase: Phase) -> u8 {
    match phase {
        Phase::Idle | Phase::Scanning => 0,
        Phase::Marking => 1,
        Phase::Sweeping => 2,
        Phase::Finalizing => 3,
        Phase::Compacting => 4,
    }
}

/// Count and durations shared by every hook's stats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Durations {
    /// Events aggregated in this batch.
    pub count: u64,
    /// Their total duration, ns.
    pub duration: u64,
    /// Shortest, ns.
    pub duration_min: u64,
    /// Longest, ns.
    pub duration_max: u64,
}

impl Durations {
    fn add(&mut self, ns: u64) {
        self.duration_min = if self.count == 0 {
            ns
        } else {
            self.duration_min.min(ns)
        };
        self.duration_max = self.duration_max.max(ns);
        self.duration = self.duration.saturating_add(ns);
        self.count += 1;
    }
}

/// Stats for `gc.hooks.on_gc_minor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MinorStats {
    /// Count and durations.
    pub times: Durations,
    /// GC heap bytes in use after the last minor collection.
    pub total_memory_used: u64,
    /// Objects pinned at the last minor collection.
    pub pinned_objects: u64,
}

/// Stats for `gc.hooks.on_gc_collect_step`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectStepStats {
    /// Count and durations.
    pub times: Durations,
    /// State before the first step of the batch (index into [`GC_STATES`]).
    pub oldstate: u8,
    /// State after the last step (index into [`GC_STATES`]).
    pub newstate: u8,
    /// The last step finished the major cycle.
    pub major_is_done: bool,
}

/// Stats for `gc.hooks.on_gc_collect`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectStats {
    /// Count and durations.
    pub times: Durations,
    /// Major collections since the recorder started.
    pub num_major_collects: u64,
    /// Estimated arenas before (see the module docs).
    pub arenas_count_before: u64,
    /// Estimated arenas after.
    pub arenas_count_after: u64,
    /// GC heap bytes in use before.
    pub bytes_used_before: u64,
    /// GC heap bytes in use after.
    pub bytes_used_after: u64,
    /// Raw bytes at the previous event.
    pub rawmalloc_bytes_before: u64,
    /// Raw bytes at the major collection.
    pub rawmalloc_bytes_after: u64,
}

/// One hook call's worth of stats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookBatch {
    /// Call `on_gc_minor`.
    Minor(MinorStats),
    /// Call `on_gc_collect_step`.
    CollectStep(CollectStepStats),
    /// Call `on_gc_collect`.
    Collect(CollectStats),
}

impl HookBatch {
    /// The hook's attribute name in `gc.hooks`.
    pub fn hook_name(&self) -> &'static str {
        match self {
            HookBatch::Minor(_) => "on_gc_minor",
            HookBatch::CollectStep(_) => "on_gc_collect_step",
            HookBatch::Collect(_) => "on_gc_collect",
        }
    }

    /// Count and durations.
    pub fn times(&self) -> Durations {
        match self {
            HookBatch::Minor(s) => s.times,
            HookBatch::CollectStep(s) => s.times,
            HookBatch::Collect(s) => s.times,
        }
    }

    /// Every attribute of the stats object as `(name, value)`, in PyPy's
    /// order, ready to become Python ints (`major_is_done` is 0/1).
    pub fn fields(&self) -> Vec<(&'static str, u64)> {
        let t = self.times();
        let mut v = vec![
            ("count", t.count),
            ("duration", t.duration),
            ("duration_min", t.duration_min),
            ("duration_max", t.duration_max),
        ];
        match self {
            HookBatch::Minor(s) => {
                v.push(("total_memory_used", s.total_memory_used));
                v.push(("pinned_objects", s.pinned_objects));
            }
            HookBatch::CollectStep(s) => {
                v.push(("oldstate", s.oldstate as u64));
                v.push(("newstate", s.newstate as u64));
                v.push(("major_is_done", s.major_is_done as u64));
            }
            HookBatch::Collect(s) => {
                v.push(("num_major_collects", s.num_major_collects));
                v.push(("arenas_count_before", s.arenas_count_before));
                v.push(("arenas_count_after", s.arenas_count_after));
                v.push(("bytes_used_before", s.bytes_used_before));
                v.push(("bytes_used_after", s.bytes_used_after));
                v.push(("rawmalloc_bytes_before", s.rawmalloc_bytes_before));
                v.push(("rawmalloc_bytes_after", s.rawmalloc_bytes_after));
            }
        }
        v
    }
}

/// Folds events into pending hook batches.
#[derive(Clone, Debug, Default)]
pub struct HookAccumulator {
    minor: Option<MinorStats>,
    step: Option<CollectStepStats>,
    collect: Option<CollectStats>,
    state: u8,
    majors: u64,
    last_raw: u64,
}

impl HookAccumulator {
    /// Nothing pending, collector state `SCANNING`.
    pub fn new() -> HookAccumulator {
        HookAccumulator::default()
    }

    /// Folds one event in. Cheap, allocation-free: safe inside a pause.
    pub fn observe(&mut self, ev: &GcEvent) {
        match ev.kind {
            EventKind::Minor => {
                let s = self.minor.get_or_insert_with(MinorStats::default);
                s.times.add(ev.duration_ns);
                s.total_memory_used = ev.bytes_after;
                s.pinned_objects = ev.pinned;
            }
            EventKind::MajorStep | EventKind::Handshake => {
                let old = self.state;
                let s = self.step.get_or_insert_with(|| CollectStepStats {
                    oldstate: old,
                    ..Default::default()
                });
                s.times.add(ev.duration_ns);
                s.newstate = state_index(ev.phase);
                s.major_is_done = ev.phase == Phase::Idle;
                self.state = s.newstate;
            }
            EventKind::Major => {
                self.majors += 1;
                let s = self.collect.get_or_insert_with(CollectStats::default);
                s.times.add(ev.duration_ns);
                s.num_major_collects = self.majors;
                s.bytes_used_before = ev.bytes_before;
                s.bytes_used_after = ev.bytes_after;
                s.arenas_count_before = ev.bytes_before.div_ceil(ARENA_SIZE);
                s.arenas_count_after = ev.bytes_after.div_ceil(ARENA_SIZE);
                s.rawmalloc_bytes_before = self.last_raw;
                s.rawmalloc_bytes_after = ev.raw_bytes;
                self.state = state_index(ev.phase);
            }
            EventKind::Concurrent | EventKind::Finalizers => {}
        }
        self.last_raw = ev.raw_bytes;
    }

    /// Is any batch waiting?
    pub fn has_pending(&self) -> bool {
        self.minor.is_some() || self.step.is_some() || self.collect.is_some()
    }

    /// The pending batches (at most one per hook, in the order minor,
    /// collect_step, collect), leaving nothing pending.
    pub fn take_pending(&mut self) -> Vec<HookBatch> {
        let mut out = Vec::new();
        if let Some(s) = self.minor.take() {
            out.push(HookBatch::Minor(s));
        }
        if let Some(s) = self.step.take() {
            out.push(HookBatch::CollectStep(s));
        }
        if let Some(s) = self.collect.take() {
            out.push(HookBatch::Collect(s));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: EventKind, dur: u64, phase: Phase) -> GcEvent {
        let mut e = GcEvent::new(kind, 0);
        e.duration_ns = dur;
        e.phase = phase;
        e
    }

    #[test]
    fn minor_batches_aggregate() {
        let mut h = HookAccumulator::new();
        assert!(!h.has_pending());
        for (d, after, pinned) in [(300, 1000, 1), (100, 2000, 0), (200, 1500, 4)] {
            let mut e = ev(EventKind::Minor, d, Phase::Idle);
            e.bytes_after = after;
            e.pinned = pinned;
            h.observe(&e);
        }
        assert!(h.has_pending());
        let b = h.take_pending();
        let want = MinorStats {
            times: Durations {
                count: 3,
                duration: 600,
                duration_min: 100,
                duration_max: 300,
            },
            total_memory_used: 1500,
            pinned_objects: 4,
        };
        assert_eq!(b, vec![HookBatch::Minor(want)]);
        assert_eq!(b[0].hook_name(), "on_gc_minor");
        assert!(!h.has_pending());
        assert!(h.take_pending().is_empty());
    }

    #[test]
    fn steps_track_states_and_collect_fields() {
        let mut h = HookAccumulator::new();
        h.observe(&ev(EventKind::MajorStep, 50, Phase::Marking));
        h.observe(&ev(EventKind::MajorStep, 70, Phase::Sweeping));
        let b = h.take_pending();
        let HookBatch::CollectStep(s) = b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(
            (s.oldstate, s.newstate, s.major_is_done, s.times.count),
            (0, 2, false, 2)
        );
        let mut raw = ev(EventKind::Minor, 5, Phase::Sweeping);
        raw.raw_bytes = 4096;
        h.observe(&raw);
        h.observe(&ev(EventKind::MajorStep, 30, Phase::Idle));
        let mut m = ev(EventKind::Major, 900, Phase::Idle);
        m.pause = false;
        m.bytes_before = 3 * ARENA_SIZE + 1;
        m.bytes_after = ARENA_SIZE;
        m.raw_bytes = 1024;
        h.observe(&m);
        let b = h.take_pending();
        assert_eq!(b.len(), 3);
        let HookBatch::CollectStep(s) = b[1] else {
            panic!("{b:?}")
        };
        assert_eq!((s.oldstate, s.newstate, s.major_is_done), (2, 0, true));
        let HookBatch::Collect(c) = b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(c.num_major_collects, 1);
        assert_eq!((c.arenas_count_before, c.arenas_count_after), (4, 1));
        assert_eq!(
            (c.bytes_used_before, c.bytes_used_after),
            (3 * ARENA_SIZE + 1, ARENA_SIZE)
        );
        // The step before the major reported no raw bytes.
        assert_eq!(
            (c.rawmalloc_bytes_before, c.rawmalloc_bytes_after),
            (0, 1024)
        );
        assert_eq!(c.times.duration, 900);
        h.observe(&ev(EventKind::Major, 10, Phase::Idle));
        let b = h.take_pending();
        let HookBatch::Collect(c) = b[0] else {
            panic!("{b:?}")
        };
        assert_eq!((c.num_major_collects, c.rawmalloc_bytes_before), (2, 1024));
        let names: Vec<&str> = b[0].fields().iter().map(|f| f.0).collect();
        assert_eq!(
            names[..4],
            ["count", "duration", "duration_min", "duration_max"]
        );
        assert!(names.contains(&"rawmalloc_bytes_after"));
    }

    #[test]
    fn concurrent_and_finalizer_events_call_no_hook() {
        let mut h = HookAccumulator::new();
        h.observe(&ev(EventKind::Concurrent, 5, Phase::Marking));
        h.observe(&ev(EventKind::Finalizers, 5, Phase::Finalizing));
        assert!(!h.has_pending());
        h.observe(&ev(EventKind::Handshake, 5, Phase::Compacting));
        let b = h.take_pending();
        let HookBatch::CollectStep(s) = b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(GC_STATES[s.newstate as usize], "COMPACTING");
        assert_eq!(b[0].fields().len(), 7);
    }
}
