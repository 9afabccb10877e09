//! Pacing, after Go's GC pacer (simplified).
//!
//! * goal = max(live × (1 + growth), min-heap), lowered toward the soft
//!   memory limit (minus raw memory) but never below live × 1.125;
//! * trigger = max(live + (goal − live) × ratio, min-heap), where `ratio`
//!   adapts: lowered when marking ended past the goal, raised when it ended
//!   well below it;
//! * raw trigger: memory pressure (raw buffers reported with
//!   `add_memory_pressure`) starts a cycle on its own once the pressure
//!   since the last cycle reaches max(raw live × growth, min-heap / 4), or
//!   what is left under the soft limit. Raw buffers are freed only when the
//!   small objects owning them die, which the heap trigger alone would not
//!   notice: a 1 MB array is a 100-byte object in the heap.
//! * mark assists: while marking, an allocation slow path marks only when
//!   marking lags behind the heap's progress toward the goal (progress-based,
//!   like Go's background scan credit), at most [`MAX_ASSIST_SLOTS`] at a
//!   time; the trigger ratio is lowered when assists did more than a quarter
//!   of a cycle's marking, so the GC threads get the time to do it.

/// Pacing state.
#[derive(Clone, Debug)]
pub struct Pacer {
    growth: f64,
    min_heap: usize,
    memory_limit: Option<usize>,
    ratio: f64,
    /// Heap size at which marking should be finished.
    pub goal: usize,
    /// Heap size at which the next cycle starts.
    pub trigger: usize,
    /// Memory pressure since the last cycle start that starts a cycle.
    pub raw_trigger: usize,
    /// Bytes marked by the last cycle.
    pub last_live: usize,
}

/// The most scanning one assist does (slots), to bound mutator stalls
/// (8 Ki slots take about 50-150 us).
pub const MAX_ASSIST_SLOTS: usize = 8 << 10;

impl Pacer {
    /// The pacer before the first cycle.
    pub fn new(growth: f64, min_heap: usize, memory_limit: Option<usize>) -> Pacer {
        let mut p = Pacer {
            growth,
            min_heap,
            memory_limit,
            ratio: 0.7,
            goal: 0,
            trigger: 0,
            raw_trigger: 0,
            last_live: 0,
        };
        p.recompute(0, 0);
        p
    }

    fn recompute(&mut self, live: usize, raw: usize) {
        let mut goal = ((live as f64) * (1.0 + self.growth)) as usize;
        goal = goal.max(self.min_heap);
        if let Some(limit) = self.memory_limit {
            let floor = live + live / 8;
            goal = goal.min(limit.saturating_sub(raw)).max(floor);
        }
        let trigger = live + ((goal.saturating_sub(live)) as f64 * self.ratio) as usize;
        self.trigger = trigger.max(self.min_heap.min(goal));
        self.goal = goal.max(self.trigger);
        let mut raw_trigger = ((raw as f64) * self.growth) as usize;
        raw_trigger = raw_trigger.max(self.min_heap / 4);
        if let Some(limit) = self.memory_limit {
            raw_trigger = raw_trigger.min(limit.saturating_sub(live + raw).max(1 << 20));
        }
        self.raw_trigger = raw_trigger;
        self.last_live = live;
    }

    /// Marking ended with the heap at `heap` bytes, mark assists having
    /// done `assist_share` (0..1) of the marking: adapt the trigger ratio.
    /// Marking that overshot the goal or needed assists for more than a
    /// quarter of its work starts earlier next time, so that the GC threads
    /// (not the mutator) do the marking; one that ended early without
    /// assists starts later.
    pub fn mark_ended(&mut self, heap: usize, assist_share: f64) {
        if heap > self.goal || assist_share > 0.25 {
            self.ratio = (self.ratio - 0.1).max(0.3);
        } else if assist_share < 0.05
            && heap < self.last_live + (self.goal.saturating_sub(self.last_live)) * 9 / 10
        {
            self.ratio = (self.ratio + 0.05).min(0.95);
        }
    }

    /// Was a soft memory limit set?
    pub fn has_memory_limit(&self) -> bool {
        self.memory_limit.is_some()
    }

    /// Is a cycle due, with `used` heap bytes and `pressure` bytes of memory
    /// pressure reported since the last cycle started?
    pub fn cycle_due(&self, used: usize, pressure: usize) -> bool {
        used + pressure >= self.trigger || pressure >= self.raw_trigger
    }

    /// A cycle finished with `live` bytes marked and `raw` raw bytes live.
    pub fn cycle_done(&mut self, live: usize, raw: usize) {
        self.recompute(live, raw);
    }

    /// Scanning work (slots) a mark assist owes when `marked` bytes are
    /// marked so far, the heap is `heap` bytes and was `heap_at_start` bytes
    /// when the cycle started. Progress-based (the role of Go's background
    /// scan credit): marking is expected to have reached the fraction of the
    /// work (the last cycle's live size, or `heap_at_start` for the first
    /// cycle) that the heap has covered of its way to 90 % of the goal; the
    /// assist does only the shortfall, so while the GC threads keep up the
    /// mutator does no marking at all. Capped at [`MAX_ASSIST_SLOTS`].
    pub fn assist_slots(&self, marked: usize, heap: usize, heap_at_start: usize) -> usize {
        if heap >= self.goal {
            return MAX_ASSIST_SLOTS;
        }
        let expected = if self.last_live == 0 {
            heap_at_start
        } else {
            self.last_live
        };
        let span = (self.goal.saturating_sub(heap_at_start) as f64 * 0.9).max(1.0 * 1048576.0);
        let frac = (heap.saturating_sub(heap_at_start) as f64 / span).min(1.0);
        let target = (expected as f64 * frac) as usize;
        (target.saturating_sub(marked) / 8).min(MAX_ASSIST_SLOTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_trigger_and_limits() {
        let mut p = Pacer::new(1.0, 8 << 20, None);
        assert_eq!(p.trigger, 8 << 20);
        p.cycle_done(100 << 20, 0);
        assert_eq!(p.goal, 200 << 20);
        assert!(p.trigger > 100 << 20 && p.trigger < 200 << 20);
        let t = p.trigger;
        p.mark_ended(250 << 20, 0.0);
        p.cycle_done(100 << 20, 0);
        assert!(p.trigger < t, "overshoot lowers the trigger");
        let mut q = Pacer::new(1.0, 1 << 20, Some(150 << 20));
        q.cycle_done(100 << 20, 10 << 20);
        assert_eq!(q.goal, 140 << 20);
        q.cycle_done(200 << 20, 0);
        assert_eq!(q.goal, 225 << 20, "never below live x 1.125");
        assert_eq!(p.assist_slots(0, p.goal, 0), MAX_ASSIST_SLOTS);
        // Raw pressure triggers on its own, above a floor of min-heap / 4,
        // and grows with the raw memory that survived.
        let mut r = Pacer::new(1.0, 128 << 20, None);
        assert_eq!(r.raw_trigger, 32 << 20);
        assert!(!r.cycle_due(1 << 20, (32 << 20) - 1));
        assert!(r.cycle_due(1 << 20, 32 << 20));
        r.cycle_done(1 << 20, 100 << 20);
        assert_eq!(r.raw_trigger, 100 << 20);
        let mut s = Pacer::new(1.0, 128 << 20, Some(60 << 20));
        s.cycle_done(10 << 20, 20 << 20);
        assert_eq!(s.raw_trigger, 30 << 20, "capped by the soft limit");
        // Progress-based assists: none while marking is ahead of the heap's
        // way to the goal, the shortfall (capped) when behind.
        let mid = p.trigger + (p.goal - p.trigger) / 2;
        assert_eq!(p.assist_slots(0, p.trigger, p.trigger), 0);
        assert!(p.assist_slots(0, mid, p.trigger) > 0);
        assert_eq!(p.assist_slots(100 << 20, mid, p.trigger), 0);
        let ahead = (0..200usize)
            .find(|mb| p.assist_slots(mb << 20, mid, p.trigger) == 0)
            .unwrap();
        assert!(ahead > 1, "behind at first");
        let owed: Vec<usize> = (0..1024)
            .map(|kb| p.assist_slots(((ahead - 1) << 20) + (kb << 10), mid, p.trigger))
            .collect();
        assert!(
            owed.windows(2).all(|w| w[1] <= w[0]),
            "less owed when ahead"
        );
        assert!(owed[0] == MAX_ASSIST_SLOTS && owed[1000] < MAX_ASSIST_SLOTS);
        let t = p.trigger;
        p.mark_ended(p.trigger, 0.5);
        p.cycle_done(100 << 20, 0);
        assert!(p.trigger < t, "assist-heavy marking lowers the trigger");
    }
}
