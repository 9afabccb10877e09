//! GC events and statistics, one shape for every collector.
//!
//! A collector embeds an [`EventLog`]. Each unit of collection work (a minor
//! collection, one incremental step, a full major collection, a concurrent
//! phase, finalizer processing) is reported once with [`EventLog::emit`],
//! which updates the cumulative [`GcStats`] and calls the subscribers.
//! Subscribers run inside the collector (possibly inside a pause): they must
//! be cheap and must not touch the heap. Tools that need Python-level hooks
//! buffer the events and deliver them at the next safepoint.

use std::sync::OnceLock;
use std::time::Instant;

/// What kind of collection work an event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A nursery (young-generation) collection.
    Minor,
    /// One increment of an incremental major collection.
    MajorStep,
    /// A complete major collection (for incremental collectors: the event
    /// that closes the cycle, summarising it; `pause` false if it was spread
    /// over steps).
    Major,
    /// A stop-the-world handshake of a concurrent collector.
    Handshake,
    /// Work done by collector threads while the mutator ran.
    Concurrent,
    /// Finalizers run (light ones inside the collector).
    Finalizers,
}

impl EventKind {
    /// The name used in logs (`"minor"`, `"major_step"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Minor => "minor",
            EventKind::MajorStep => "major_step",
            EventKind::Major => "major",
            EventKind::Handshake => "handshake",
            EventKind::Concurrent => "concurrent",
            EventKind::Finalizers => "finalizers",
        }
    }
}

/// The phase of the major cycle an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// No major cycle running.
    Idle,
    /// Scanning roots / starting a cycle.
    Scanning,
    /// Marking.
    Marking,
    /// Sweeping.
    Sweeping,
    /// Running or queueing finalizers.
    Finalizing,
    /// Compacting / evacuating.
    Compacting,
}

impl Phase {
    /// The name used in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Scanning => "scanning",
            Phase::Marking => "marking",
            Phase::Sweeping => "sweeping",
            Phase::Finalizing => "finalizing",
            Phase::Compacting => "compacting",
        }
    }
}

/// One unit of collection work.
#[derive(Clone, Debug, PartialEq)]
pub struct GcEvent {
    /// What happened.
    pub kind: EventKind,
    /// The major-cycle phase this work belonged to (after the work).
    pub phase: Phase,
    /// Start, in nanoseconds since the process's GC clock started ([`now_ns`]).
    pub start_ns: u64,
    /// Duration in nanoseconds.
    pub duration_ns: u64,
    /// Was the mutator stopped for this work?
    pub pause: bool,
    /// GC heap bytes in use before.
    pub bytes_before: u64,
    /// GC heap bytes in use after.
    pub bytes_after: u64,
    /// Bytes promoted (copied out of the nursery / tenured).
    pub promoted: u64,
    /// Bytes freed.
    pub freed: u64,
    /// Objects pinned at the time.
    pub pinned: u64,
    /// Raw (external) bytes reported live at the time.
    pub raw_bytes: u64,
    /// CPU time the collecting thread spent in this event (its thread CPU
    /// clock), 0 when the collector does not measure it. A pause much
    /// longer than its CPU time was mostly descheduled (a loaded machine),
    /// not GC work.
    pub cpu_ns: u64,
}

impl GcEvent {
    /// An event of `kind` starting at `start_ns`, other fields zero.
    pub fn new(kind: EventKind, start_ns: u64) -> GcEvent {
        GcEvent {
            kind,
            phase: Phase::Idle,
            start_ns,
            duration_ns: 0,
            pause: true,
            bytes_before: 0,
            bytes_after: 0,
            promoted: 0,
            freed: 0,
            pinned: 0,
            raw_bytes: 0,
            cpu_ns: 0,
        }
    }

    /// One JSON object (no trailing newline) with the log keys.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"{}\",\"phase\":\"{}\",\"start_ns\":{},\"duration_ns\":{},\"pause\":{},\"bytes_before\":{},\"bytes_after\":{},\"promoted\":{},\"freed\":{},\"pinned\":{},\"raw_bytes\":{},\"cpu_ns\":{}}}",
            self.kind.as_str(),
            self.phase.as_str(),
            self.start_ns,
            self.duration_ns,
            self.pause,
            self.bytes_before,
            self.bytes_after,
            self.promoted,
            self.freed,
            self.pinned,
            self.raw_bytes,
            self.cpu_ns
        )
    }
}

/// Cumulative counters, the same for every collector.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GcStats {
    /// Minor collections.
    pub minor_collections: u64,
    /// Incremental major steps.
    pub major_steps: u64,
    /// Completed major collections.
    pub major_collections: u64,
    /// Stop-the-world handshakes (concurrent collectors).
    pub handshakes: u64,
    /// Total time the mutator was paused, ns.
    pub total_pause_ns: u64,
    /// Longest single pause, ns.
    pub max_pause_ns: u64,
    /// Pause time in minor collections, ns.
    pub minor_pause_ns: u64,
    /// Pause time in major work (steps and full collections), ns.
    pub major_pause_ns: u64,
    /// Collector-thread time spent while the mutator ran, ns.
    pub concurrent_ns: u64,
    /// Time running finalizers, ns.
    pub finalizer_ns: u64,
    /// Mutator-side GC work outside pauses (allocation and barrier slow
    /// paths, assists, lazy sweeping), ns; filled in by
    /// [`crate::Mutator::stats`] (see [`crate::accounting`]).
    pub mutator_gc_work_ns: u64,
    /// CPU time used by GC threads, ns (collectors with threads fill it in).
    pub gc_threads_cpu_ns: u64,
    /// The longest single stretch of mutator-side GC work (one slow path,
    /// or the non-pause part of one safepoint), ns: a stall the program
    /// sees like a pause.
    pub max_mutator_gc_work_ns: u64,
    /// Bytes promoted out of the nursery in total.
    pub promoted_bytes: u64,
    /// Bytes freed in total.
    pub freed_bytes: u64,
    /// Bytes allocated in total (the collector fills this in `stats()`).
    pub allocated_bytes: u64,
    /// GC heap bytes in use now (the collector fills this in `stats()`).
    pub heap_bytes: u64,
    /// Largest heap in use seen at any event.
    pub peak_heap_bytes: u64,
    /// Live raw bytes reported through memory pressure, now.
    pub raw_bytes: u64,
    /// Peak of `raw_bytes`.
    pub peak_raw_bytes: u64,
    /// Objects pinned now.
    pub pinned_objects: u64,
    /// Full finalizers queued for the mutator in total.
    pub finalizers_queued: u64,
    /// Light finalizers run in total.
    pub light_finalizers_run: u64,
    /// Weak references cleared in total.
    pub weakrefs_cleared: u64,
}

/// A subscriber to GC events.
pub type Subscriber = Box<dyn FnMut(&GcEvent) + Send>;

/// The event sink a collector embeds.
#[derive(Default)]
pub struct EventLog {
    stats: GcStats,
    subscribers: Vec<Subscriber>,
}

impl std::fmt::Debug for EventLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventLog")
            .field("stats", &self.stats)
            .field("subscribers", &self.subscribers.len())
            .finish()
    }
}

impl EventLog {
    /// An empty log.
    pub fn new() -> EventLog {
        EventLog::default()
    }

    /// Adds a subscriber.
    pub fn subscribe(&mut self, s: Subscriber) {
        self.subscribers.push(s);
    }

    /// Records `ev` in the counters and passes it to every subscriber.
    pub fn emit(&mut self, ev: GcEvent) {
        let s = &mut self.stats;
        match ev.kind {
            EventKind::Minor => s.minor_collections += 1,
            EventKind::MajorStep => s.major_steps += 1,
            EventKind::Major => s.major_collections += 1,
            EventKind::Handshake => s.handshakes += 1,
            EventKind::Concurrent | EventKind::Finalizers => {}
        }
        // A Major event that summarises a cycle done in steps is not itself a
        // pause: its steps were already counted.
        if ev.pause {
            s.total_pause_ns += ev.duration_ns;
            s.max_pause_ns = s.max_pause_ns.max(ev.duration_ns);
            match ev.kind {
                EventKind::Minor => s.minor_pause_ns += ev.duration_ns,
                EventKind::MajorStep | EventKind::Major | EventKind::Handshake => {
                    s.major_pause_ns += ev.duration_ns
                }
                EventKind::Finalizers => s.finalizer_ns += ev.duration_ns,
                EventKind::Concurrent => {}
            }
        } else if matches!(ev.kind, EventKind::Concurrent) {
            s.concurrent_ns += ev.duration_ns;
        }
        if ev.kind != EventKind::Major || ev.pause {
            s.promoted_bytes += ev.promoted;
            s.freed_bytes += ev.freed;
        }
        s.peak_heap_bytes = s.peak_heap_bytes.max(ev.bytes_before).max(ev.bytes_after);
        for sub in &mut self.subscribers {
            sub(&ev);
        }
    }

    /// Counter access for the collector (finalizers, weakrefs, ...).
    pub fn stats_mut(&mut self) -> &mut GcStats {
        &mut self.stats
    }

    /// The counters.
    pub fn stats(&self) -> &GcStats {
        &self.stats
    }
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds since the process's GC clock started (the first call).
pub fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// Starts the GC clock now (call early so `start_ns` is relative to startup).
pub fn start_clock() {
    let _ = epoch();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn counters_and_subscribers() {
        let mut log = EventLog::new();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s2 = seen.clone();
        log.subscribe(Box::new(move |e| s2.lock().unwrap().push(e.kind)));
        let mut e = GcEvent::new(EventKind::Minor, 0);
        e.duration_ns = 100;
        e.promoted = 10;
        log.emit(e.clone());
        e.kind = EventKind::MajorStep;
        e.duration_ns = 300;
        log.emit(e.clone());
        e.kind = EventKind::Major;
        e.pause = false;
        e.duration_ns = 5000;
        log.emit(e);
        let s = log.stats();
        assert_eq!(
            (s.minor_collections, s.major_steps, s.major_collections),
            (1, 1, 1)
        );
        assert_eq!(s.total_pause_ns, 400);
        assert_eq!(s.max_pause_ns, 300);
        assert_eq!(s.promoted_bytes, 20);
        assert_eq!(seen.lock().unwrap().len(), 3);
    }

    #[test]
    fn json_has_the_log_keys() {
        let j = GcEvent::new(EventKind::Minor, 5).to_json();
        for k in [
            "kind",
            "phase",
            "start_ns",
            "duration_ns",
            "pause",
            "bytes_before",
            "bytes_after",
            "promoted",
            "freed",
            "pinned",
        ] {
            assert!(j.contains(&format!("\"{k}\":")), "{k} missing in {j}");
        }
    }
}
