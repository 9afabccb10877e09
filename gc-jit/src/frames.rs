//! Compiled frames as roots: the code table (stack maps by code address) and
//! the frame-pointer walk that turns the compiled frames on the stack into
//! root words for the collector.
//!
//! Frame records: every compiled function keeps frame pointers
//! (`preserve_frame_pointers`), so on x86-64 and aarch64 its frame pointer
//! `fp` addresses a record `[fp] = caller's fp`, `[fp + 8] = return address
//! into the caller`, and the caller's SP at the call was `fp + 16`. Cranelift
//! stack maps give slot offsets from exactly that SP.

use gc_api::{RootSet, SlotVisitor};

/// One compiled function: its code range and its stack maps.
#[derive(Debug, Clone)]
pub struct CodeRange {
    /// First byte of the code.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Function name (for messages).
    pub name: String,
    /// `(return-address offset, SP offsets of live GC references)`, sorted.
    pub maps: Vec<(u32, Box<[u32]>)>,
}

impl CodeRange {
    /// The GC slots live at the call returning to `pc` (empty when none is).
    pub fn slots_at(&self, pc: usize) -> &[u32] {
        let off = (pc - self.start) as u32;
        match self.maps.binary_search_by_key(&off, |m| m.0) {
            Ok(i) => &self.maps[i].1,
            Err(_) => &[],
        }
    }
}

/// Every compiled function, by address.
#[derive(Debug, Default)]
pub struct CodeTable {
    ranges: Vec<CodeRange>,
}

impl CodeTable {
    /// Files a finalized function.
    pub fn insert(&mut self, mut range: CodeRange) {
        range.maps.sort_by_key(|m| m.0);
        let at = self.ranges.partition_point(|r| r.start < range.start);
        self.ranges.insert(at, range);
    }

    /// The compiled function containing `pc`, if any.
    pub fn find(&self, pc: usize) -> Option<&CodeRange> {
        let i = self.ranges.partition_point(|r| r.start <= pc);
        let r = self.ranges.get(i.checked_sub(1)?)?;
        (pc < r.end).then_some(r)
    }

    /// Number of functions.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// No function yet?
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// Where the safepoint trampoline was called from: the caller's SP at the
/// call, the return address into it, and its frame pointer.
#[derive(Debug, Clone, Copy)]
pub struct CallSite {
    /// SP of the calling frame at the call.
    pub sp: usize,
    /// Return address into the calling frame.
    pub ra: usize,
    /// Frame pointer of the calling frame.
    pub fp: usize,
}

/// Appends the addresses of the GC-reference slots of every compiled frame
/// from `site` down to the first frame that is not compiled code.
/// Returns the number of compiled frames walked.
pub fn frame_slots(table: &CodeTable, site: CallSite, out: &mut Vec<usize>) -> usize {
    let CallSite {
        mut sp,
        mut ra,
        mut fp,
    } = site;
    let mut frames = 0;
    while let Some(range) = table.find(ra) {
        frames += 1;
        out.extend(range.slots_at(ra).iter().map(|&off| sp + off as usize));
        // SAFETY: `ra` lies in a compiled function, so `fp` is that
        // function's frame pointer (all compiled code keeps frame pointers,
        // and the trampoline passed the frame pointer of its caller); a
        // frame record is two words at `fp`, in a live frame of this
        // thread's stack below the current one.
        let (caller_fp, caller_ra) =
            unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        sp = fp + 16;
        ra = caller_ra;
        fp = caller_fp;
    }
    frames
}

/// Stack-map slots of compiled frames plus the host's roots, as one root set.
pub struct FrameRoots<'a> {
    /// Slot addresses from [`frame_slots`].
    pub slots: &'a [usize],
    /// The roots of the code that called into compiled code.
    pub host: &'a mut dyn RootSet,
}

impl RootSet for FrameRoots<'_> {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        for &addr in self.slots {
            // SAFETY: `addr` is a stack-map slot of a compiled frame that is
            // suspended in a call below us on this thread (frame_slots found
            // it); Cranelift spilled a GC reference there and reloads it
            // after the call, and nothing else accesses it meanwhile.
            let slot = unsafe { &mut *(addr as *mut usize) };
            visit(slot);
        }
        self.host.trace_roots(visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: usize, end: usize, maps: Vec<(u32, Vec<u32>)>) -> CodeRange {
        CodeRange {
            start,
            end,
            name: format!("f{start}"),
            maps: maps
                .into_iter()
                .map(|(o, v)| (o, v.into_boxed_slice()))
                .collect(),
        }
    }

    #[test]
    fn finds_ranges_and_maps() {
        let mut t = CodeTable::default();
        t.insert(range(2000, 2100, vec![(40, vec![8, 16]), (10, vec![0])]));
        t.insert(range(1000, 1100, vec![]));
        assert!(t.find(999).is_none());
        assert_eq!(t.find(1000).unwrap().start, 1000);
        assert_eq!(t.find(1099).unwrap().start, 1000);
        assert!(t.find(1100).is_none());
        let r = t.find(2050).unwrap();
        assert_eq!(r.slots_at(2040), &[8, 16]);
        assert_eq!(r.slots_at(2010), &[0]);
        assert!(r.slots_at(2011).is_empty());
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn a_pc_outside_compiled_code_ends_the_walk() {
        let t = CodeTable::default();
        let mut out = vec![];
        let site = CallSite {
            sp: 0,
            ra: 12345,
            fp: 0,
        };
        assert_eq!(frame_slots(&t, site, &mut out), 0);
        assert!(out.is_empty());
    }
}
