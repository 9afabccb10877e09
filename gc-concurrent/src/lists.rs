//! Lists of objects needing attention at the end of marking (weak-reference
//! objects, objects with full finalizers), with a *pre-scan* that keeps the
//! termination handshake short.
//!
//! Marks only grow during a cycle, so an entry found "settled" while
//! marking (object marked and, for weak refs, referent marked) stays
//! settled until the cycle ends. The mutator pre-scans the list in chunks
//! outside any pause once marking looks drained; the handshake then only
//! visits the entries found unsettled plus those appended since.
//! (A referent stored into a weak slot during marking is always marked by
//! the end: it was reachable at the snapshot, allocated black, or logged by
//! the weak-load barrier.)

/// Object addresses with an incremental pre-scan.
#[derive(Debug, Default)]
pub struct Tracked {
    items: Vec<usize>,
    /// Entries `..cursor` are pre-scanned this cycle.
    cursor: usize,
    /// Indices below `cursor` found unsettled (ascending).
    cands: Vec<usize>,
}

impl Tracked {
    /// An empty list.
    pub fn new() -> Tracked {
        Tracked::default()
    }

    /// Adds an object.
    pub fn push(&mut self, obj: usize) {
        self.items.push(obj);
    }

    /// The entries.
    pub fn items(&self) -> &[usize] {
        &self.items
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Forgets the pre-scan (at the start of a cycle: the marks it relied
    /// on are gone).
    pub fn reset(&mut self) {
        self.cursor = 0;
        self.cands.clear();
    }

    /// Is the pre-scan complete?
    pub fn prescanned(&self) -> bool {
        self.cursor == self.items.len()
    }

    /// Pre-scans up to `max` more entries; `unsettled` says whether an entry
    /// still needs the handshake. Returns true when the pre-scan is complete.
    pub fn prescan(&mut self, max: usize, mut unsettled: impl FnMut(usize) -> bool) -> bool {
        let end = self.items.len().min(self.cursor + max);
        for i in self.cursor..end {
            if unsettled(self.items[i]) {
                self.cands.push(i);
            }
        }
        self.cursor = end;
        self.prescanned()
    }

    /// Visits every entry that may need work (candidates and entries not
    /// pre-scanned); `keep` returns false to drop the entry. Resets the
    /// pre-scan for the next cycle. Cost: O(candidates + unscanned).
    pub fn finish(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let cands = std::mem::take(&mut self.cands);
        let unscanned = self.cursor..self.items.len();
        // Descending, so swap_remove only moves entries already visited or
        // not to be visited.
        for i in unscanned.rev().chain(cands.into_iter().rev()) {
            if !keep(self.items[i]) {
                self.items.swap_remove(i);
            }
        }
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_candidates_and_new_entries_are_visited() {
        let mut t = Tracked::new();
        for i in 0..100 {
            t.push(i * 8);
        }
        assert!(!t.prescan(50, |a| a % 16 == 0));
        assert!(t.prescan(1000, |a| a % 16 == 0));
        t.push(800);
        t.push(808);
        let mut visited = Vec::new();
        // Drop every visited entry divisible by 32.
        t.finish(|a| {
            visited.push(a);
            a % 32 != 0
        });
        assert_eq!(visited.len(), 52);
        assert!(visited.iter().all(|a| a % 16 == 0 || *a >= 800));
        let mut left: Vec<usize> = t.items().to_vec();
        left.sort();
        let mut want: Vec<usize> = (0..102).map(|i| i * 8).filter(|a| a % 32 != 0).collect();
        want.sort();
        assert_eq!(left, want);
        // Next cycle starts from scratch: everything unscanned.
        let mut n = 0;
        t.finish(|_| {
            n += 1;
            true
        });
        assert_eq!(n, t.len());
    }
}
