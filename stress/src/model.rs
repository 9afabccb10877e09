//! The shadow model: the heap graph as plain Rust data, keyed by serial.
//!
//! The stress harness applies every mutator operation to the model as well as
//! to the real heap, then compares the two. The model also remembers what the
//! collector has told us (light finalizers run, full finalizers queued, weak
//! references cleared, objects gone from the heap walk) so it can check that
//! each happens exactly when it should.

use crate::vm::Kind;

/// An object's serial number (1-based; 0 is never used).
pub type Serial = u64;

/// A word as the model sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MSlot {
    /// 0.
    Null,
    /// A tagged small integer (see [`crate::vm::int_word`]).
    Int(u32),
    /// A reference to the object with this serial.
    Ref(Serial),
}

impl MSlot {
    /// The referenced serial, if any.
    pub fn target(self) -> Option<Serial> {
        match self {
            MSlot::Ref(s) => Some(s),
            _ => None,
        }
    }
}

/// Full-finalizer state of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fin {
    /// No full finalizer.
    None,
    /// Registered, not yet queued by the collector.
    Registered,
    /// Queued and run by the VM.
    Ran,
}

/// One object of the model.
#[derive(Clone, Debug)]
pub struct MObj {
    /// Its kind (layout).
    pub kind: Kind,
    /// Items, for var-size kinds.
    pub len: usize,
    /// Strong slots, in layout order.
    pub slots: Vec<MSlot>,
    /// The weak target, for weak references (None once cleared or if null).
    pub weak: Option<Serial>,
    /// The weak slot was seen cleared.
    pub weak_cleared: bool,
    /// Full finalizer state.
    pub fin: Fin,
    /// The light finalizer ran.
    pub light_ran: bool,
    /// The object is gone (absent from a heap walk or light-finalized).
    pub reclaimed: bool,
    /// Major-collection count when the object was first seen unreachable
    /// from roots and from objects awaiting finalization.
    pub dead_since: Option<u64>,
    /// Major-collection count when the object was first seen unreachable from
    /// roots (for registered finalizers: must be queued in bounded time).
    pub unrooted_since: Option<u64>,
}

/// The whole model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Objects by serial - 1.
    pub objs: Vec<MObj>,
    /// Mirror of the VM's root slots.
    pub roots: Vec<MSlot>,
}

impl Model {
    /// An empty model with `n` null roots.
    pub fn new(n: usize) -> Model {
        Model {
            objs: Vec::new(),
            roots: vec![MSlot::Null; n],
        }
    }

    /// Adds an object; it must get the next serial (`objs.len() + 1`).
    pub fn add(
        &mut self,
        serial: Serial,
        kind: Kind,
        len: usize,
        slots: Vec<MSlot>,
        weak: Option<Serial>,
    ) {
        assert_eq!(
            serial as usize,
            self.objs.len() + 1,
            "model serials out of step with the VM"
        );
        self.objs.push(MObj {
            kind,
            len,
            slots,
            weak,
            weak_cleared: false,
            fin: Fin::None,
            light_ran: false,
            reclaimed: false,
            dead_since: None,
            unrooted_since: None,
        });
    }

    /// The object with serial `s`.
    pub fn get(&self, s: Serial) -> &MObj {
        &self.objs[s as usize - 1]
    }

    /// The object with serial `s`, mutably.
    pub fn get_mut(&mut self, s: Serial) -> &mut MObj {
        &mut self.objs[s as usize - 1]
    }

    /// Is `s` a serial of this model?
    pub fn contains(&self, s: Serial) -> bool {
        s >= 1 && (s as usize) <= self.objs.len()
    }

    /// Marks (by serial - 1) everything strongly reachable from `starts`.
    pub fn reach(&self, starts: impl IntoIterator<Item = Serial>) -> Vec<bool> {
        let mut seen = vec![false; self.objs.len()];
        let mut stack: Vec<Serial> = Vec::new();
        for s in starts {
            if !seen[s as usize - 1] {
                seen[s as usize - 1] = true;
                stack.push(s);
            }
        }
        while let Some(s) = stack.pop() {
            for t in self.get(s).slots.iter().filter_map(|m| m.target()) {
                if !seen[t as usize - 1] {
                    seen[t as usize - 1] = true;
                    stack.push(t);
                }
            }
        }
        seen
    }

    /// Reachable from the roots.
    pub fn rooted(&self) -> Vec<bool> {
        self.reach(self.roots.iter().filter_map(|m| m.target()))
    }

    /// Reachable from the roots or from an object whose full finalizer has not
    /// run yet (the collector must keep those and everything they reference).
    pub fn retained(&self) -> Vec<bool> {
        let pending = self
            .objs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.fin == Fin::Registered)
            .map(|(i, _)| i as Serial + 1);
        self.reach(self.roots.iter().filter_map(|m| m.target()).chain(pending))
    }
    /// Reachable from the roots or from the *referents* of objects whose full
    /// finalizer has not run. A registered object outside this set is ready:
    /// nothing that will still be finalized refers to it, so the collector
    /// must queue it (finalizers referenced by other finalizers wait for
    /// those, one major collection per link, as in PyPy).
    pub fn finalizer_blocked(&self) -> Vec<bool> {
        let referents = self
            .objs
            .iter()
            .filter(|o| o.fin == Fin::Registered)
            .flat_map(|o| o.slots.iter().filter_map(|m| m.target()));
        self.reach(
            self.roots
                .iter()
                .filter_map(|m| m.target())
                .chain(referents),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reachability_follows_strong_slots_and_pending_finalizers() {
        let mut m = Model::new(2);
        m.add(1, Kind::Leaf, 0, vec![MSlot::Null], None);
        m.add(
            2,
            Kind::Node,
            0,
            vec![MSlot::Ref(1), MSlot::Int(3), MSlot::Null],
            None,
        );
        m.add(3, Kind::Weak, 0, vec![], Some(2));
        m.add(4, Kind::Leaf, 0, vec![MSlot::Ref(1)], None);
        m.roots[0] = MSlot::Ref(3);
        assert_eq!(m.rooted(), vec![false, false, true, false]);
        m.roots[1] = MSlot::Ref(2);
        assert_eq!(m.rooted(), vec![true, true, true, false]);
        m.get_mut(4).fin = Fin::Registered;
        m.roots[1] = MSlot::Null;
        assert_eq!(m.retained(), vec![true, false, true, true]);
        assert_eq!(m.rooted(), vec![false, false, true, false]);
        assert_eq!(m.finalizer_blocked(), vec![true, false, true, false]);
        m.get_mut(2).fin = Fin::Registered;
        m.get_mut(4).slots[0] = MSlot::Ref(2);
        assert_eq!(
            m.finalizer_blocked(),
            vec![true, true, true, false],
            "4 -> 2: 2 waits for 4"
        );
    }
}
