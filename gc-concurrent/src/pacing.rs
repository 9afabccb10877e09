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
//! * mark assists: while marking, each allocation slow path owes scanning
//!   work in proportion to the bytes it allocated, so that the work left
//!   (last live size − marked so far) is done before the heap reaches the goal.

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

/// The most scanning one assist does (slots), to bound mutator stalls.
pub const MAX_ASSIST_SLOTS: usize = 64 << 10;

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

    /// Marking ended with the heap at `heap` bytes: adapt the trigger ratio.
    pub fn mark_ended(&mut self, heap: usize) {
        if heap > self.goal {
            self.ratio = (self.ratio - 0.1).max(0.3);
        } else if heap < self.last_live + (self.goal.saturating_sub(self.last_live)) * 9 / 10 {
            self.ratio = (self.ratio + 0.05).min(0.95);
        }
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

    /// Scanning work (slots) owed for `allocated` bytes when `marked` bytes
    /// are marked so far and the heap is `heap` bytes. The work expected is
    /// the last cycle's live size, or (first cycle) `heap_at_start`.
    pub fn assist_slots(
        &self,
        allocated: usize,
        marked: usize,
        heap: usize,
        heap_at_start: usize,
    ) -> usize {
        let expected = if self.last_live == 0 {
            heap_at_start
        } else {
            self.last_live
        };
        let remaining = expected.saturating_sub(marked).max(64 << 10) as f64;
        let distance = self.goal.saturating_sub(heap);
        if distance < (256 << 10) {
            return MAX_ASSIST_SLOTS;
        }
        let bytes = allocated as f64 * remaining / distance as f64;
        ((bytes / 8.0) as usize).min(MAX_ASSIST_SLOTS)
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
        p.mark_ended(250 << 20);
        p.cycle_done(100 << 20, 0);
        assert!(p.trigger < t, "overshoot lowers the trigger");
        let mut q = Pacer::new(1.0, 1 << 20, Some(150 << 20));
        q.cycle_done(100 << 20, 10 << 20);
        assert_eq!(q.goal, 140 << 20);
        q.cycle_done(200 << 20, 0);
        assert_eq!(q.goal, 225 << 20, "never below live x 1.125");
        assert_eq!(p.assist_slots(1 << 20, 0, p.goal, 0), MAX_ASSIST_SLOTS);
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
        assert!(p.assist_slots(1 << 20, 0, p.trigger, 0) > 0);
        assert!(
            p.assist_slots(1 << 20, 100 << 20, p.trigger, 0)
                < p.assist_slots(1 << 20, 0, p.trigger, 0)
        );
    }
}
