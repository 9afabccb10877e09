//! The VM side of gc-tools: `--gc-stats`, `--gc-log`, and delivery of
//! `gc.callbacks` / `gc.hooks` at safepoints.
//!
//! A [`gc_tools::Recorder`] subscribes to the collector when the VM is built
//! ([`GcTools::attach`]); so does a tiny [`Tap`] of atomic counters used by
//! `gc.get_count()`, `gc.collect_step()` and the automatic-collection
//! callbacks. Neither does I/O nor touches the heap inside the collector.
//!
//! After the collector ran at a safepoint, [`Vm::gc_after_safepoint`] does one
//! atomic load ([`Recorder::has_pending`]); when something is waiting,
//! [`Vm::gc_service`] flushes the GC log and calls the `gc` module's Python
//! helper `_service` with the pending hook batches. That is the only place
//! (besides an explicit `gc.collect()` / `gc.collect_step()`) where
//! Python-level GC callbacks run: never inside a pause.
//!
//! The `gc` module turns on hook accumulation when it is imported, so after
//! `import gc` every collection is serviced at the safepoint that ran it.

use crate::object::value::Value;
use crate::vm::{Vm, R_EXC, R_HANDLED};
use gc_api::{EventKind, GcConfig, GcEvent, Mutator};
use gc_tools::{HookBatch, Recorder};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

/// `PYGC_*` variables owned by the interpreter's tools (not GC knobs).
pub const TOOL_ENV: &[&str] = &[
    "PYGC_STATS",
    "PYGC_LOG",
    "PYGC_HEAP_SNAPSHOT",
    "PYGC_STATS_FILE",
];

/// What `--gc-stats` prints at exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsMode {
    /// The text summary.
    Text,
    /// The JSON object.
    Json,
}

/// The tool options from flags and the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToolOpts {
    /// Print a summary at exit.
    pub stats: Option<StatsMode>,
    /// GC log destination (`-` = stderr).
    pub log: Option<String>,
    /// Heap snapshot written at exit (`--heap-snapshot=PATH`).
    pub heap_snapshot: Option<String>,
    /// The JSON summary is written to this file at exit
    /// (`--gc-stats-file=PATH`), e.g. for pygc-lab.
    pub stats_file: Option<String>,
}

fn parse_stats(v: &str, src: &str) -> Result<Option<StatsMode>, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" | "text" => Ok(Some(StatsMode::Text)),
        "json" => Ok(Some(StatsMode::Json)),
        "" | "0" | "false" | "off" | "no" => Ok(None),
        _ => Err(format!(
            "invalid value '{v}' for {src}: expected 1 (text), json or 0"
        )),
    }
}

impl ToolOpts {
    /// Reads `PYGC_STATS` / `PYGC_LOG` from `env`, then removes the `stats`
    /// and `log` keys from the flag options (`--gc-stats[=json]`,
    /// `--gc-log=FILE`, `--gc-opt stats=json`, `-X gc-log=FILE`), which win.
    pub fn take(
        env: impl IntoIterator<Item = (String, String)>,
        flags: &mut Vec<(String, String)>,
    ) -> Result<ToolOpts, String> {
        let mut o = ToolOpts::default();
        for (k, v) in env {
            match k.as_str() {
                "PYGC_STATS" => o.stats = parse_stats(&v, "PYGC_STATS")?,
                "PYGC_LOG" if !v.is_empty() => o.log = Some(v),
                "PYGC_HEAP_SNAPSHOT" if !v.is_empty() => o.heap_snapshot = Some(v),
                "PYGC_STATS_FILE" if !v.is_empty() => o.stats_file = Some(v),
                _ => {}
            }
        }
        let mut err = None;
        flags.retain(|(k, v)| match k.trim() {
            "stats" => {
                match parse_stats(v, "--gc-stats (PYGC_STATS)") {
                    Ok(s) => o.stats = s,
                    Err(e) => err = err.take().or(Some(e)),
                }
                false
            }
            "log" => {
                if v.is_empty() {
                    err = err
                        .take()
                        .or(Some("--gc-log (PYGC_LOG) needs a file name or '-'".into()));
                } else {
                    o.log = Some(v.clone());
                }
                false
            }
            "stats-file" => {
                if v.is_empty() {
                    err = err.take().or(Some(
                        "--gc-stats-file (PYGC_STATS_FILE) needs a file name".into(),
                    ));
                } else {
                    o.stats_file = Some(v.clone());
                }
                false
            }
            "heap-snapshot" => {
                if v.is_empty() {
                    err = err.take().or(Some(
                        "--heap-snapshot (PYGC_HEAP_SNAPSHOT) needs a file name".into(),
                    ));
                } else {
                    o.heap_snapshot = Some(v.clone());
                }
                false
            }
            _ => true,
        });
        match err {
            Some(e) => Err(e),
            None => Ok(o),
        }
    }
}

/// Atomic counters fed by a second subscriber (cheap inside pauses).
#[derive(Debug, Default)]
pub struct Tap {
    minor: AtomicU64,
    steps: AtomicU64,
    majors: AtomicU64,
    step_ns: AtomicU64,
    step_max_ns: AtomicU64,
    step_min_ns: AtomicU64,
    state: AtomicU8,
}

impl Tap {
    fn record(&self, ev: &GcEvent) {
        match ev.kind {
            EventKind::Minor => {
                self.minor.fetch_add(1, Ordering::Relaxed);
            }
            EventKind::MajorStep | EventKind::Handshake => {
                self.steps.fetch_add(1, Ordering::Relaxed);
                self.step_ns.fetch_add(ev.duration_ns, Ordering::Relaxed);
                self.step_max_ns
                    .fetch_max(ev.duration_ns, Ordering::Relaxed);
                self.step_min_ns
                    .fetch_min(ev.duration_ns, Ordering::Relaxed);
                self.state
                    .store(gc_tools::hooks::state_index(ev.phase), Ordering::Relaxed);
            }
            EventKind::Major => {
                self.majors.fetch_add(1, Ordering::Relaxed);
                self.state
                    .store(gc_tools::hooks::state_index(ev.phase), Ordering::Relaxed);
            }
            EventKind::Concurrent | EventKind::Finalizers => {}
        }
    }

    /// (minor collections, major steps + handshakes, complete majors).
    pub fn counts(&self) -> [u64; 3] {
        [
            self.minor.load(Ordering::Relaxed),
            self.steps.load(Ordering::Relaxed),
            self.majors.load(Ordering::Relaxed),
        ]
    }
}

/// Everything the VM keeps for the GC tools.
pub struct GcTools {
    /// The event recorder (log, summary, hooks).
    pub rec: Recorder,
    stats: Option<StatsMode>,
    stats_file: Option<String>,
    /// Counters for get_count / collect_step / callbacks.
    pub tap: Arc<Tap>,
    config: Vec<(&'static str, String)>,
    /// Nursery size, major-collect factor and growth limit (get_threshold).
    pub knobs: (usize, f64, f64),
    /// `tap.counts()` when the VM last looked (automatic-collection callbacks).
    seen: [u64; 3],
    /// `tap.counts()` [minor, steps] at the last complete major collection.
    at_major: [u64; 2],
    /// Bytes allocated (collector's count) when a collection was last seen.
    pub alloc_mark: u64,
    /// Objects freed by explicit `gc.collect(generation)`, per generation.
    pub collected: [u64; 3],
    /// `gc.enable()` / `gc.disable()`.
    pub enabled: bool,
    /// `gc.set_threshold()` values (threshold0 == 0 disables collection).
    pub threshold: [i64; 3],
    /// Objects allocated by the VM (counted in `Vm::alloc_rec/alloc_var`).
    pub allocs: u64,
    /// Heap population after the last explicit collection, and `allocs` then.
    pub census: Option<(u64, u64)>,
    servicing: bool,
    finished: bool,
}

/// The `gc` module's objects the VM uses, in a tuple at the VM's root slot
/// `R_GC_PY` (NULL until the module is imported; traced and updated like
/// every root) so that servicing a safepoint needs no lookups and allocates
/// nothing when no hook is set. The tuple's items, by index:
pub mod gc_py {
    /// `gc.callbacks` (the list object made at import, as CPython's).
    pub const CALLBACKS: usize = 0;
    /// `gc.hooks`.
    pub const HOOKS: usize = 1;
    /// The interned names `on_gc_minor`, `on_gc_collect_step`,
    /// `on_gc_collect` (three items).
    pub const NAMES: usize = 2;
    /// `gc._service`.
    pub const SERVICE: usize = 5;
    /// `gc._run_callbacks`.
    pub const RUN_CALLBACKS: usize = 6;
    /// The tuple's length.
    pub const LEN: usize = 7;
}

/// A Python helper of the gc module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Helper {
    /// `_service(batches, auto_generation)`.
    Service,
    /// `_run_callbacks(phase, generation, collected, uncollectable)`.
    RunCallbacks,
}

impl std::fmt::Debug for GcTools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GcTools")
            .field("rec", &self.rec)
            .field("stats", &self.stats)
            .finish()
    }
}

impl GcTools {
    /// Opens the GC log if asked (the error names the path).
    pub fn open(opts: &ToolOpts) -> Result<GcTools, String> {
        let rec = match &opts.log {
            Some(dest) => Recorder::with_log(dest).map_err(|e| e.to_string())?,
            None => Recorder::new(),
        };
        Ok(GcTools {
            rec,
            stats: opts.stats,
            stats_file: opts.stats_file.clone(),
            tap: Arc::new(Tap {
                step_min_ns: AtomicU64::new(u64::MAX),
                ..Default::default()
            }),
            config: Vec::new(),
            knobs: (0, 0.0, 0.0),
            seen: [0; 3],
            at_major: [0; 2],
            alloc_mark: 0,
            collected: [0; 3],
            enabled: true,
            threshold: [0; 3],
            allocs: 0,
            census: None,
            servicing: false,
            finished: false,
        })
    }

    /// Subscribes the recorder and the tap to `m`'s collector and starts the
    /// GC clock. Call once, before the VM runs anything.
    pub fn attach(&mut self, m: &mut Mutator, config: &GcConfig) {
        gc_api::events::start_clock();
        m.collector_mut().subscribe(self.rec.subscriber());
        let tap = self.tap.clone();
        m.collector_mut()
            .subscribe(Box::new(move |ev: &GcEvent| tap.record(ev)));
        self.config = config.describe();
        self.knobs = (
            config.nursery_size,
            config.major_factor,
            config.growth_limit,
        );
        self.threshold = [
            (config.nursery_size >> 10) as i64,
            (config.major_factor * 100.0).round() as i64,
            (config.growth_limit * 100.0).round() as i64,
        ];
    }

    /// Notes the collections that happened since the last call; returns the
    /// highest generation among them (2 major, 1 step, 0 minor), if any.
    pub fn observe(&mut self, allocated: u64) -> Option<u8> {
        let now = self.tap.counts();
        if now == self.seen {
            return None;
        }
        let gen = if now[2] > self.seen[2] {
            2
        } else if now[1] > self.seen[1] {
            1
        } else {
            0
        };
        if now[2] != self.seen[2] {
            self.at_major = [now[0], now[1]];
        }
        self.seen = now;
        self.alloc_mark = allocated;
        Some(gen)
    }

    /// `gc.get_count()`: (KB allocated since the last collection, minor
    /// collections since the last complete major, major steps since then).
    pub fn count(&self, allocated: u64) -> [u64; 3] {
        let now = self.tap.counts();
        [
            allocated.saturating_sub(self.alloc_mark) >> 10,
            now[0].saturating_sub(self.at_major[0]),
            now[1].saturating_sub(self.at_major[1]),
        ]
    }

    /// Step time so far: (total ns, min ns, max ns).
    pub fn step_times(&self) -> (u64, u64, u64) {
        let t = &self.tap;
        (
            t.step_ns.load(Ordering::Relaxed),
            t.step_min_ns.load(Ordering::Relaxed),
            t.step_max_ns.load(Ordering::Relaxed),
        )
    }

    /// The collector state index (into `GC_STATES`) after the last major
    /// step or collection.
    pub fn state(&self) -> u8 {
        self.tap.state.load(Ordering::Relaxed)
    }
}

impl Vm {
    /// The `gc` module's objects (see [`gc_py`]), once it is imported.
    fn gc_py(&self) -> Option<Value> {
        Some(self.root(super::R_GC_PY)).filter(|t| !t.is_null())
    }

    /// After the collector ran at a safepoint: services the tools when
    /// something is waiting (one atomic load otherwise).
    #[inline(always)]
    pub fn gc_after_safepoint(&mut self) {
        if self.gcx.rec.has_pending() {
            self.gc_service();
        }
    }

    /// Whether automatic collections happen (enable() and threshold0 != 0).
    pub fn gc_apply_enabled(&mut self) {
        self.gc_enabled = self.gcx.enabled && self.gcx.threshold[0] != 0;
    }

    /// Flushes the GC log and delivers pending hooks / callbacks. Runs at a
    /// safepoint or after an explicit collection, never inside a pause.
    #[inline(never)]
    pub fn gc_service(&mut self) {
        if let Err(e) = self.gcx.rec.flush() {
            eprintln!("pygc: {e}");
        }
        if self.gcx.servicing {
            // A hook's own code reached a safepoint: deliver later.
            return;
        }
        let allocated = self.m.stats().allocated_bytes;
        let mut auto = self.gcx.observe(allocated);
        let mut batches = self.gcx.rec.take_hooks();
        // Nothing is allocated unless a hook or callback will run: explicit
        // collections count freed objects, and must not make garbage.
        batches.retain(|b| self.gc_hook_is_set(b));
        if auto.is_some() && !self.gc_has_callbacks() {
            auto = None;
        }
        if batches.is_empty() && auto.is_none() {
            return;
        }
        self.gc_deliver(&batches, auto.map_or(-1, i64::from));
    }

    /// Is the hook for `b` set (`gc.hooks.<name>` not None)? No allocation.
    fn gc_hook_is_set(&self, b: &HookBatch) -> bool {
        let Some(py) = self.gc_py() else {
            return false;
        };
        let idx = match b {
            HookBatch::Minor(_) => 0,
            HookBatch::CollectStep(_) => 1,
            HookBatch::Collect(_) => 2,
        };
        let hooks = Vm::tuple_get(py, gc_py::HOOKS);
        let name = Vm::tuple_get(py, gc_py::NAMES + idx);
        match hooks.obj() {
            Some(o) if Vm::is_kind(hooks, crate::object::layout::Kind::Instance) => self
                .inst_get(o, name)
                .is_some_and(|v| !v.is_none() && !v.is_null()),
            _ => false,
        }
    }

    /// Calls a gc-module helper with exceptions reported and cleared, and
    /// the VM's exception state preserved.
    pub fn gc_call_helper(&mut self, which: Helper, args: &[Value]) {
        let Some(py) = self.gc_py() else {
            return;
        };
        let f = Vm::tuple_get(
            py,
            match which {
                Helper::Service => gc_py::SERVICE,
                Helper::RunCallbacks => gc_py::RUN_CALLBACKS,
            },
        );
        let base = self.root_depth();
        self.push_root(self.root(R_EXC));
        self.push_root(self.root(R_HANDLED));
        self.set_root(R_EXC, Value::NULL);
        let was = std::mem::replace(&mut self.gcx.servicing, true);
        let r = self.call0(f, args);
        self.gcx.servicing = was;
        if r.is_err() {
            let e = self.take_exc();
            let mut out = String::new();
            self.format_exception(e, &mut out, 0);
            self.flush_out();
            eprint!("Exception ignored in a gc hook or callback:\n{out}");
        }
        self.set_root(R_EXC, self.root(base));
        self.set_root(R_HANDLED, self.root(base + 1));
        self.pop_roots(base);
    }

    fn gc_deliver(&mut self, batches: &[HookBatch], auto_gen: i64) {
        // Plain allocations never collect, so nothing moves while the
        // argument list is built.
        let mut items = Vec::with_capacity(batches.len());
        for b in batches {
            let base = self.root_depth();
            let name = self.new_str(b.hook_name());
            self.push_root(name);
            for (k, v) in b.fields() {
                let key = self.intern(k);
                self.push_root(key);
                let val = self.new_int_i128(v as i128);
                self.push_root(val);
            }
            let vals: Vec<Value> = self.r.words_from(base + 1).into_iter().map(Value).collect();
            let pairs: Vec<Value> = vals
                .chunks(2)
                .map(|kv| self.new_tuple(kv))
                .collect::<Vec<_>>();
            let fields = self.new_tuple(&pairs);
            let t = self.new_tuple(&[self.root(base), fields]);
            self.pop_roots(base);
            items.push(self.push_root(t));
        }
        let vals: Vec<Value> = items.iter().map(|&h| self.root(h)).collect();
        let list = self.new_list(&vals);
        if let Some(&first) = items.first() {
            self.pop_roots(first);
        }
        self.gc_call_helper(Helper::Service, &[list, Value::int(auto_gen)]);
    }

    /// Delivers hook batches taken by the caller (collect_step).
    pub fn gc_deliver_batches(&mut self, batches: &[HookBatch]) {
        if !batches.is_empty() && !self.gcx.servicing {
            self.gc_deliver(batches, -1);
        }
    }

    /// Are `gc.callbacks` registered? No allocation.
    pub fn gc_has_callbacks(&self) -> bool {
        let Some(py) = self.gc_py() else {
            return false;
        };
        let l = Vm::tuple_get(py, gc_py::CALLBACKS);
        Vm::is_kind(l, crate::object::layout::Kind::List) && Vm::list_len(l) > 0
    }

    /// At exit: writes the log trailer, flushes, prints `--gc-stats`.
    pub fn gc_finish(&mut self) {
        if self.gcx.finished {
            return;
        }
        self.gcx.finished = true;
        let settings = self.m.collector_mut().settings();
        let info = gc_tools::RunInfo::new(
            self.m.collector_name(),
            &self.gcx.config,
            &settings,
            gc_api::events::now_ns(),
        );
        let (summary, res) = self.gcx.rec.finish(&self.m.stats(), &info);
        if let Err(e) = res {
            eprintln!("pygc: {e}");
        }
        self.flush_out();
        match self.gcx.stats {
            Some(StatsMode::Text) => eprint!("{}", summary.render_text()),
            Some(StatsMode::Json) => eprintln!("{}", summary.render_json()),
            None => {}
        }
        if let Some(path) = &self.gcx.stats_file {
            if let Err(e) = std::fs::write(path, summary.render_json() + "\n") {
                eprintln!("pygc: cannot write GC stats to '{path}': {e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn flags_override_env_and_are_removed() {
        let mut flags = env(&[("nursery", "1MB"), ("stats", "json"), ("log", "-")]);
        let o = ToolOpts::take(env(&[("PYGC_STATS", "1"), ("PYGC_LOG", "x")]), &mut flags).unwrap();
        assert_eq!(o.stats, Some(StatsMode::Json));
        assert_eq!(o.log.as_deref(), Some("-"));
        assert_eq!(flags, env(&[("nursery", "1MB")]));
        let o = ToolOpts::take(env(&[("PYGC_STATS", "1")]), &mut vec![]).unwrap();
        assert_eq!((o.stats, o.log), (Some(StatsMode::Text), None));
        let o = ToolOpts::take(env(&[("PYGC_STATS", "0")]), &mut vec![]).unwrap();
        assert_eq!(o.stats, None);
        let mut flags = env(&[("stats-file", "/tmp/s.json")]);
        let o = ToolOpts::take(env(&[("PYGC_STATS_FILE", "x")]), &mut flags).unwrap();
        assert_eq!(o.stats_file.as_deref(), Some("/tmp/s.json"));
        assert!(flags.is_empty());
    }

    #[test]
    fn bad_values_name_the_source() {
        let e = ToolOpts::take(env(&[("PYGC_STATS", "loud")]), &mut vec![]).unwrap_err();
        assert!(e.contains("PYGC_STATS") && e.contains("'loud'") && e.contains("json"));
        let mut flags = env(&[("stats", "xml")]);
        let e = ToolOpts::take(vec![], &mut flags).unwrap_err();
        assert!(e.contains("--gc-stats") && e.contains("'xml'"), "{e}");
        let mut flags = env(&[("log", "")]);
        assert!(ToolOpts::take(vec![], &mut flags)
            .unwrap_err()
            .contains("--gc-log"));
    }

    #[test]
    fn bad_log_path_is_named() {
        let e = GcTools::open(&ToolOpts {
            stats: None,
            log: Some("/nonexistent-dir/x/gc.jsonl".into()),
            heap_snapshot: None,
            stats_file: None,
        })
        .unwrap_err();
        assert!(e.contains("/nonexistent-dir/x/gc.jsonl"), "{e}");
    }

    #[test]
    fn observe_reports_the_highest_generation() {
        let mut t = GcTools::open(&ToolOpts::default()).unwrap();
        assert_eq!(t.observe(0), None);
        let minor = GcEvent::new(EventKind::Minor, 0);
        t.tap.record(&minor);
        t.tap.record(&minor);
        assert_eq!(t.observe(4096), Some(0));
        assert_eq!(t.count(4096 + 3 * 1024), [3, 2, 0]);
        t.tap.record(&GcEvent::new(EventKind::MajorStep, 0));
        assert_eq!(t.observe(8192), Some(1));
        t.tap.record(&GcEvent::new(EventKind::Major, 0));
        t.tap.record(&minor);
        assert_eq!(t.observe(8192), Some(2));
        assert_eq!(t.count(8192), [0, 0, 0]);
        assert_eq!(t.observe(8192), None);
    }
}
