//! The [`Recorder`]: a GC event subscriber that keeps everything the tools
//! need and buffers the GC log.
//!
//! The subscriber runs inside the collector, often inside a pause, so it only
//! takes an uncontended lock, pushes a 24-byte sample, updates counters and
//! appends the event's JSON line to an in-memory buffer. All file I/O happens
//! in [`Recorder::flush`], which the VM calls outside pauses (at safepoints
//! and at exit), and gc.hooks batches wait in [`Recorder::take_hooks`].

use crate::hooks::{HookAccumulator, HookBatch};
use crate::log::{LogSink, RunRecord};
use crate::summary::{RunInfo, Summary};
use crate::timeline::{KindTotals, Timeline, ALL_KINDS};
use gc_api::{EventKind, GcEvent, GcStats, Subscriber};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Buffered log text above which [`Recorder::has_pending`] asks for a flush
/// even when no hook is waiting.
const FLUSH_HINT_BYTES: usize = 64 << 10;

struct State {
    timeline: Timeline,
    hooks: HookAccumulator,
    hooks_enabled: bool,
    log_buf: String,
}

struct Shared {
    state: Mutex<State>,
    /// `None` when there is no log or it failed.
    sink: Mutex<Option<LogSink>>,
    /// Events since the last flush / take_hooks (cheap check at safepoints).
    pending: AtomicBool,
}

impl Drop for Shared {
    /// Last handle gone (the VM and the collector are being torn down): write
    /// whatever is still buffered, ignoring errors — there is no one left to
    /// report them to. Normal exits go through [`Recorder::finish`].
    fn drop(&mut self) {
        let buf = std::mem::take(
            &mut self
                .state
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .log_buf,
        );
        if let Some(sink) = self.sink.get_mut().unwrap_or_else(|e| e.into_inner()) {
            if !buf.is_empty() {
                let _ = sink.write_all(&buf);
            }
        }
    }
}

/// Records GC events. Cloning gives another handle to the same record: give
/// one to the collector with [`Recorder::subscriber`], keep one in the VM.
#[derive(Clone)]
pub struct Recorder {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("events", &self.event_count())
            .finish()
    }
}

impl Default for Recorder {
    fn default() -> Recorder {
        Recorder::new()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not make the GC's subscriber panic too.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Recorder {
    /// A recorder with no GC log.
    pub fn new() -> Recorder {
        Recorder::with_sink(None)
    }

    /// A recorder writing the GC log to `dest` (`-` = stderr, else a file,
    /// created now). The error names the path.
    pub fn with_log(dest: &str) -> io::Result<Recorder> {
        Ok(Recorder::with_sink(Some(LogSink::open(dest)?)))
    }

    /// A recorder writing the GC log to `w` (tests, custom destinations).
    pub fn with_log_writer(w: Box<dyn Write + Send>) -> Recorder {
        Recorder::with_sink(Some(LogSink::Writer(w)))
    }

    fn with_sink(sink: Option<LogSink>) -> Recorder {
        let state = State {
            timeline: Timeline::new(),
            hooks: HookAccumulator::new(),
            hooks_enabled: false,
            log_buf: String::new(),
        };
        Recorder {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                sink: Mutex::new(sink),
                pending: AtomicBool::new(false),
            }),
        }
    }

    /// A subscriber for `Collector::subscribe` feeding this recorder.
    pub fn subscriber(&self) -> Subscriber {
        let me = self.clone();
        Box::new(move |ev: &GcEvent| me.record(ev))
    }

    /// Records one event (what the subscriber does). No I/O.
    pub fn record(&self, ev: &GcEvent) {
        let logging = self.logging();
        let mut st = lock(&self.shared.state);
        st.timeline.record(ev);
        if st.hooks_enabled {
            st.hooks.observe(ev);
        }
        if logging {
            st.log_buf.push_str(&crate::log::event_json(ev));
            st.log_buf.push('\n');
        }
        let wants_service = st.hooks.has_pending() || st.log_buf.len() >= FLUSH_HINT_BYTES;
        drop(st);
        if wants_service {
            self.shared.pending.store(true, Ordering::Release);
        }
    }

    fn logging(&self) -> bool {
        // The sink lock is only held by flush(), outside pauses; try_lock so
        // the subscriber never waits on I/O: while a flush is writing, the
        // line is buffered all the same.
        match self.shared.sink.try_lock() {
            Ok(s) => s.is_some(),
            Err(std::sync::TryLockError::WouldBlock) => true,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner().is_some(),
        }
    }

    /// Turns gc.hooks accumulation on or off (off by default: the VM turns it
    /// on when Python sets a hook). Turning it off drops pending batches.
    pub fn set_hooks_enabled(&self, on: bool) {
        let mut st = lock(&self.shared.state);
        st.hooks_enabled = on;
        if !on {
            st.hooks.take_pending();
        }
    }

    /// Cheap check for a safepoint: a hook batch is waiting or the log
    /// buffer is large. (One atomic load.)
    pub fn has_pending(&self) -> bool {
        self.shared.pending.load(Ordering::Acquire)
    }

    /// Drains the pending gc.hooks batches (call at a safepoint, never inside
    /// a pause; then call the Python hooks).
    pub fn take_hooks(&self) -> Vec<HookBatch> {
        let mut st = lock(&self.shared.state);
        let out = st.hooks.take_pending();
        if st.log_buf.len() < FLUSH_HINT_BYTES {
            self.shared.pending.store(false, Ordering::Release);
        }
        out
    }

    /// Writes the buffered log lines to the log (call outside pauses: at
    /// safepoints and at exit). After a write error the log is closed and
    /// the error returned once.
    pub fn flush(&self) -> io::Result<()> {
        let mut sink = lock(&self.shared.sink);
        let text = {
            let mut st = lock(&self.shared.state);
            if !st.hooks.has_pending() {
                self.shared.pending.store(false, Ordering::Release);
            }
            std::mem::take(&mut st.log_buf)
        };
        let Some(s) = sink.as_mut() else {
            return Ok(());
        };
        if text.is_empty() {
            return Ok(());
        }
        let res = s.write_all(&text);
        if res.is_err() {
            *sink = None;
            lock(&self.shared.state).log_buf.clear();
        }
        res
    }

    /// Events recorded so far.
    pub fn event_count(&self) -> usize {
        lock(&self.shared.state).timeline.samples().len()
    }

    /// Totals for each event kind, for `gc.get_stats()`.
    pub fn counters(&self) -> Vec<(EventKind, KindTotals)> {
        let st = lock(&self.shared.state);
        ALL_KINDS
            .iter()
            .map(|&k| (k, st.timeline.kind(k)))
            .collect()
    }

    /// Runs `f` on the timeline (events, pause histogram).
    pub fn with_timeline<R>(&self, f: impl FnOnce(&Timeline) -> R) -> R {
        f(&lock(&self.shared.state).timeline)
    }

    /// The summary of the run so far.
    pub fn summary(&self, stats: &GcStats, info: &RunInfo) -> Summary {
        self.with_timeline(|t| Summary::from(t, stats, info))
    }

    /// At exit: computes the summary, appends the `"run"` trailer to the log
    /// and flushes it.
    pub fn finish(&self, stats: &GcStats, info: &RunInfo) -> (Summary, io::Result<()>) {
        let summary = self.summary(stats, info);
        if self.logging() {
            let rec = RunRecord {
                collector: summary.collector.clone(),
                settings: summary.settings.clone(),
                wall_ns: summary.wall_ns,
                peak_rss_bytes: summary.peak_rss_bytes,
                peak_raw_bytes: summary.peak_raw_bytes,
                peak_heap_bytes: summary.peak_heap_bytes,
                mutator_gc_work_ns: summary.mutator_gc_work_ns,
                gc_threads_cpu_ns: summary.gc_threads_cpu_ns,
                max_mutator_gc_work_ns: summary.max_mutator_gc_work_ns,
            };
            let mut st = lock(&self.shared.state);
            st.log_buf.push_str(&rec.to_json());
            st.log_buf.push('\n');
        }
        let res = self.flush();
        (summary, res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{read_log, LogLine};
    use gc_api::EventLog;

    #[derive(Clone, Default)]
    struct SharedBuf(Arc<Mutex<Vec<u8>>>);

    impl Write for SharedBuf {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            lock(&self.0).extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct Failing;
    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn minor(start: u64, dur: u64) -> GcEvent {
        let mut e = GcEvent::new(EventKind::Minor, start);
        e.duration_ns = dur;
        e
    }

    #[test]
    fn log_is_written_only_on_flush() {
        let buf = SharedBuf::default();
        let rec = Recorder::with_log_writer(Box::new(buf.clone()));
        let mut log = EventLog::new();
        log.subscribe(rec.subscriber());
        log.emit(minor(10, 5));
        log.emit(minor(20, 7));
        assert!(lock(&buf.0).is_empty(), "I/O inside the subscriber");
        assert_eq!(rec.event_count(), 2);
        rec.flush().unwrap();
        let text = String::from_utf8(lock(&buf.0).clone()).unwrap();
        assert_eq!(
            text,
            format!(
                "{}\n{}\n",
                crate::log::event_json(&minor(10, 5)),
                crate::log::event_json(&minor(20, 7))
            )
        );
        rec.flush().unwrap();
        assert_eq!(lock(&buf.0).len(), text.len());
        let info = RunInfo {
            collector: "nogc".into(),
            wall_ns: 100,
            ..Default::default()
        };
        let (s, res) = rec.finish(log.stats(), &info);
        res.unwrap();
        assert_eq!(s.minor_collections, 2);
        let parsed = read_log(&lock(&buf.0)[..]).unwrap();
        assert_eq!(parsed.events, vec![minor(10, 5), minor(20, 7)]);
        assert_eq!(
            parsed.run.map(|r| (r.collector, r.wall_ns)),
            Some(("nogc".to_string(), 100))
        );
        assert!(matches!(
            crate::log::parse_line(text.lines().next().unwrap()),
            Ok(LogLine::Event(_))
        ));
    }

    #[test]
    fn hooks_and_pending_flag() {
        let rec = Recorder::new();
        rec.record(&minor(0, 5));
        assert!(!rec.has_pending(), "hooks are off by default");
        assert!(rec.take_hooks().is_empty());
        rec.set_hooks_enabled(true);
        rec.record(&minor(10, 5));
        rec.record(&minor(20, 9));
        assert!(rec.has_pending());
        let b = rec.take_hooks();
        assert_eq!(b.len(), 1);
        assert_eq!((b[0].times().count, b[0].times().duration), (2, 14));
        assert!(!rec.has_pending());
        rec.record(&minor(30, 1));
        rec.set_hooks_enabled(false);
        assert!(rec.take_hooks().is_empty());
        let c = rec.counters();
        assert_eq!(
            c[0],
            (
                EventKind::Minor,
                KindTotals {
                    count: 4,
                    total_ns: 20,
                    pause_ns: 20,
                    pauses: 4,
                    max_ns: 9,
                    ..Default::default()
                }
            )
        );
        assert_eq!(c[2].1.count, 0);
    }

    #[test]
    fn large_log_buffer_asks_for_a_flush() {
        let buf = SharedBuf::default();
        let rec = Recorder::with_log_writer(Box::new(buf.clone()));
        let per_line = crate::log::event_json(&minor(0, 0)).len() + 1;
        for i in 0..(FLUSH_HINT_BYTES / per_line + 2) {
            rec.record(&minor(i as u64, 1));
        }
        assert!(rec.has_pending());
        rec.flush().unwrap();
        assert!(!rec.has_pending());
        assert!(lock(&buf.0).len() >= FLUSH_HINT_BYTES);
    }

    #[test]
    fn write_error_is_reported_once_and_closes_the_log() {
        let rec = Recorder::with_log_writer(Box::new(Failing));
        rec.record(&minor(0, 1));
        let e = rec.flush().unwrap_err();
        assert!(e.to_string().contains("disk full"));
        rec.record(&minor(1, 1));
        rec.flush().unwrap();
        assert_eq!(rec.event_count(), 2);
    }

    #[test]
    fn dropping_the_last_handle_flushes() {
        let buf = SharedBuf::default();
        let rec = Recorder::with_log_writer(Box::new(buf.clone()));
        let sub = rec.subscriber();
        rec.record(&minor(3, 4));
        drop(rec);
        assert!(
            lock(&buf.0).is_empty(),
            "the subscriber still holds a handle"
        );
        drop(sub);
        assert_eq!(
            String::from_utf8(lock(&buf.0).clone()).unwrap(),
            format!("{}\n", crate::log::event_json(&minor(3, 4)))
        );
    }

    #[test]
    fn recorder_is_send_and_shared_across_threads() {
        let rec = Recorder::new();
        let mut sub = rec.subscriber();
        std::thread::spawn(move || sub(&minor(1, 2)))
            .join()
            .unwrap();
        assert_eq!(rec.event_count(), 1);
    }
}
