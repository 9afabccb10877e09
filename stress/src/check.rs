//! The checker: compares the real heap with the shadow model.
//!
//! After every collection the harness calls [`Harness::check`], which
//!
//! 1. takes the light-finalizer log: each must be for a `light` object that is
//!    no longer reachable (from roots or from objects awaiting finalization),
//!    run once, and see its own payload intact;
//! 2. optionally walks the heap: every object must be one of ours with a valid
//!    type and serial; model objects missing from the walk are reclaimed;
//!    light-finalized objects may linger (unswept) for a bounded time;
//! 3. walks the graph reachable from the roots in the heap and the model in
//!    lockstep: each reachable object has its type, serial, checksums, length
//!    and edges intact, sits at one address only, and was not reclaimed;
//!    pinned objects have not moved;
//! 4. checks weak references held by reachable objects: never cleared while
//!    the target is reachable, pointing at the target while it is, cleared
//!    once the target was reclaimed;
//! 5. (collectors that reclaim, after a heap walk) checks that no object stays
//!    unreachable for more than [`RECLAIM_BOUND`] major collections, and that
//!    objects with full finalizers are queued in that time once neither roots
//!    nor other pending finalizers reach them.
//!
//! [`Harness::run_finalizers`] takes the collector's finalization queue: each
//! object must be registered, not yet finalized, unreachable from roots, and
//! its whole subgraph intact.

use crate::harness::{Harness, RECLAIM_BOUND};
use crate::model::{Fin, MSlot, Serial};
use crate::vm::{
    checksum, int_word, split_serial, Kind, NODE_CHK, NODE_REF0, SERIAL, SMALL_CHK, SMALL_SLOT,
    VAR_CHK, VAR_FIXED, VAR_LEN,
};
use gc_api::{is_ref, ObjRef};
use std::collections::HashMap;

/// Heap addresses of the objects a walk saw, with their serials.
type Walked = HashMap<usize, Serial>;

impl Harness {
    /// The serial of `obj`, checking that it is a well-formed object of ours.
    pub(crate) fn identify(&self, obj: ObjRef) -> Result<Serial, String> {
        let tid = obj.tid();
        let types = self.vm.mutator.types();
        if !types.contains(tid) {
            return Err(format!(
                "object at {:#x} has unregistered type id {:#x} (freed or poisoned?)",
                obj.addr(),
                tid.0
            ));
        }
        let Some(_) = self.vm.types.kind(tid) else {
            return Err(format!(
                "object at {:#x} has type '{}', which the stress VM never allocates",
                obj.addr(),
                types.get(tid).name
            ));
        };
        let (vm, s) = split_serial(obj.word(SERIAL));
        if vm != self.vm.vm_id() || !self.model.contains(s) {
            return Err(format!(
                "object at {:#x} has a bad serial word {:#x}",
                obj.addr(),
                obj.word(SERIAL)
            ));
        }
        Ok(s)
    }

    /// Checks one reachable object's address, header, serial and payload
    /// against the model (its edges are checked by `traverse`).
    fn check_object(&self, s: Serial, obj: ObjRef, walked: Option<&Walked>) -> Result<(), String> {
        let m = self.model.get(s);
        let kind = m.kind;
        if m.reclaimed {
            let how = if m.light_ran {
                "its light finalizer ran"
            } else {
                "it was missing from a heap walk"
            };
            return Err(format!(
                "{kind:?} #{s} is reachable but was reclaimed ({how})"
            ));
        }
        if let Some(w) = walked {
            match w.get(&obj.addr()) {
                Some(&ws) if ws == s => {}
                Some(&ws) => {
                    return Err(format!(
                        "{kind:?} #{s} expected at {:#x}, the heap walk has #{ws} there",
                        obj.addr()
                    ))
                }
                None => {
                    return Err(format!(
                        "{kind:?} #{s}: reference {:#x} is not an object in the heap walk",
                        obj.addr()
                    ))
                }
            }
        }
        let found = self
            .identify(obj)
            .map_err(|e| format!("{kind:?} #{s} damaged: {e}"))?;
        if found != s {
            return Err(format!(
                "{kind:?} #{s} expected at {:#x}, found #{found} there",
                obj.addr()
            ));
        }
        if self.vm.types.kind(obj.tid()) != Some(kind) {
            return Err(format!(
                "#{s} should be a {kind:?}, header says {:?}",
                obj.tid()
            ));
        }
        let sw = self.vm.serial_word(s) as u64;
        let bad = |what: &str| {
            Err(format!(
                "{kind:?} #{s} at {:#x}: {what} corrupted",
                obj.addr()
            ))
        };
        match kind {
            Kind::Node => {
                if obj.word(NODE_CHK) != checksum(sw, 0)
                    || obj.word(NODE_CHK + 8) != checksum(sw, 1)
                {
                    return bad("checksum payload");
                }
            }
            Kind::Leaf | Kind::Light | Kind::Weak => {
                if obj.word(SMALL_CHK) != checksum(sw, 0) {
                    return bad("checksum payload");
                }
            }
            Kind::Array | Kind::Blob => {
                if obj.word(VAR_LEN) != m.len {
                    return bad("length");
                }
                if obj.word(VAR_CHK) != checksum(sw, m.len as u64) {
                    return bad("checksum payload");
                }
                if kind == Kind::Blob
                    && (0..m.len)
                        .any(|i| obj.word(VAR_FIXED + 8 * i) != checksum(sw, 1000 + i as u64))
                {
                    return bad("blob items");
                }
            }
        }
        Ok(())
    }

    fn slot_words(kind: Kind, obj: ObjRef, n: usize) -> impl Iterator<Item = usize> {
        (0..n).map(move |i| match kind {
            Kind::Node => obj.word(NODE_REF0 + 8 * i),
            Kind::Leaf | Kind::Light => obj.word(SMALL_SLOT),
            _ => obj.word(VAR_FIXED + 8 * i),
        })
    }

    /// Walks the heap graph and the model together from `starts`; returns the
    /// address of every object reached.
    fn traverse(
        &self,
        starts: &[(Serial, usize)],
        walked: Option<&Walked>,
    ) -> Result<HashMap<Serial, usize>, String> {
        let mut at: HashMap<Serial, usize> = HashMap::new();
        let mut stack: Vec<(Serial, usize)> = Vec::new();
        let reach = |s: Serial,
                     w: usize,
                     from: &str,
                     at: &mut HashMap<Serial, usize>,
                     stack: &mut Vec<(Serial, usize)>| {
            if !is_ref(w) {
                return Err(format!("{from} should reference #{s} but holds {w:#x}"));
            }
            match at.get(&s) {
                Some(&a) if a != w => Err(format!(
                    "#{s} reached at two addresses, {a:#x} and {w:#x} ({from})"
                )),
                Some(_) => Ok(()),
                None => {
                    at.insert(s, w);
                    stack.push((s, w));
                    Ok(())
                }
            }
        };
        for &(s, w) in starts {
            reach(s, w, "a root", &mut at, &mut stack)?;
        }
        while let Some((s, w)) = stack.pop() {
            let obj = ObjRef::from_word(w).expect("checked by reach");
            self.check_object(s, obj, walked)?;
            let m = self.model.get(s);
            for (i, (ms, word)) in m
                .slots
                .iter()
                .zip(Self::slot_words(m.kind, obj, m.slots.len()))
                .enumerate()
            {
                match *ms {
                    MSlot::Null if word == 0 => {}
                    MSlot::Int(v) if word == int_word(v) => {}
                    MSlot::Ref(t) => reach(
                        t,
                        word,
                        &format!("slot {i} of {:?} #{s}", m.kind),
                        &mut at,
                        &mut stack,
                    )?,
                    _ => {
                        return Err(format!(
                            "slot {i} of {:?} #{s} should be {ms:?} but holds {word:#x}",
                            m.kind
                        ))
                    }
                }
            }
        }
        Ok(at)
    }

    fn take_light_log(&mut self) -> Result<(), String> {
        let log = self.vm.take_light_finalized();
        if log.is_empty() {
            return Ok(());
        }
        let retained = self.model.retained();
        for (s, ok) in log {
            if !self.model.contains(s) || self.model.get(s).kind != Kind::Light {
                return Err(format!("light finalizer ran for unknown object #{s}"));
            }
            let o = self.model.get_mut(s);
            if o.light_ran {
                return Err(format!("light finalizer ran twice for #{s}"));
            }
            if !ok {
                return Err(format!("light finalizer of #{s} saw its payload corrupted"));
            }
            if retained[s as usize - 1] {
                return Err(format!(
                    "light finalizer ran for #{s}, which is still reachable"
                ));
            }
            o.light_ran = true;
            o.reclaimed = true;
        }
        Ok(())
    }

    fn walk(&mut self) -> Result<Walked, String> {
        let mut walked = Walked::new();
        let mut objs: Vec<ObjRef> = Vec::new();
        self.vm.walk(&mut |o| objs.push(o));
        let mut by_serial: HashMap<Serial, usize> = HashMap::new();
        let majors = self.vm.mutator.stats().major_collections;
        for o in objs {
            let s = self.identify(o).map_err(|e| format!("heap walk: {e}"))?;
            if let Some(prev) = by_serial.insert(s, o.addr()) {
                return Err(format!(
                    "heap walk: #{s} found at {prev:#x} and {:#x}",
                    o.addr()
                ));
            }
            let m = self.model.get_mut(s);
            if m.light_ran {
                // Dead and finalized but not swept yet (an incremental sweep
                // may be in progress): allowed, for a bounded time.
                let since = *m.dead_since.get_or_insert(majors);
                if majors - since > RECLAIM_BOUND {
                    return Err(format!(
                        "heap walk: #{s} still in the heap {} major collections after its light finalizer ran",
                        majors - since
                    ));
                }
            }
            walked.insert(o.addr(), s);
        }
        for (i, o) in self.model.objs.iter_mut().enumerate() {
            if !by_serial.contains_key(&(i as Serial + 1)) {
                o.reclaimed = true;
            }
        }
        Ok(walked)
    }

    /// Compares the heap with the model (see the module docs). `walk` adds a
    /// heap walk, address validation and the bounded-reclamation check.
    pub fn check(&mut self, walk: bool) -> Result<(), String> {
        self.checks += 1;
        self.take_light_log()?;
        let walked = if walk { Some(self.walk()?) } else { None };
        let starts: Vec<(Serial, usize)> = self
            .model
            .roots
            .iter()
            .zip(&self.vm.roots)
            .enumerate()
            .map(|(i, (m, &w))| match *m {
                MSlot::Ref(s) => Ok(Some((s, w))),
                MSlot::Null if w == 0 => Ok(None),
                MSlot::Int(v) if w == int_word(v) => Ok(None),
                _ => Err(format!("root {i} should be {m:?} but holds {w:#x}")),
            })
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        let at = self.traverse(&starts, walked.as_ref())?;
        for &(s, addr) in &self.pinned {
            if at.get(&s) != Some(&addr) {
                return Err(format!(
                    "pinned #{s} moved from {addr:#x} to {:?}",
                    at.get(&s)
                ));
            }
        }
        self.check_weakrefs(&at, walked.as_ref())?;
        if walk && self.caps.reclaims {
            self.check_reclaimed()?;
        }
        Ok(())
    }

    fn check_weakrefs(
        &mut self,
        at: &HashMap<Serial, usize>,
        walked: Option<&Walked>,
    ) -> Result<(), String> {
        let mut cleared = Vec::new();
        for (&s, &addr) in at {
            let m = self.model.get(s);
            if m.kind != Kind::Weak {
                continue;
            }
            let w = ObjRef::from_word(addr).expect("traversed").word(SMALL_SLOT);
            let Some(t) = m.weak else {
                if w != 0 {
                    return Err(format!("weakref #{s} should be empty but holds {w:#x}"));
                }
                continue;
            };
            if m.weak_cleared {
                if w != 0 {
                    return Err(format!("weakref #{s} was cleared, now holds {w:#x} again"));
                }
                continue;
            }
            match (w, at.get(&t)) {
                (0, Some(_)) => {
                    return Err(format!(
                        "weakref #{s} cleared while its target #{t} is reachable"
                    ))
                }
                (0, None) => cleared.push(s),
                (w, Some(&ta)) if w != ta => {
                    return Err(format!(
                        "weakref #{s} holds {w:#x}, its reachable target #{t} is at {ta:#x}"
                    ))
                }
                (_, Some(_)) => {}
                (w, None) => {
                    if self.model.get(t).reclaimed {
                        return Err(format!(
                            "weakref #{s} still holds {w:#x} though its target #{t} was reclaimed"
                        ));
                    }
                    if let Some(wk) = walked {
                        if wk.get(&w) != Some(&t) {
                            return Err(format!("weakref #{s} holds {w:#x}, which is not its target #{t} in the heap"));
                        }
                    }
                }
            }
        }
        for s in cleared {
            self.model.get_mut(s).weak_cleared = true;
        }
        Ok(())
    }

    fn check_reclaimed(&mut self) -> Result<(), String> {
        let majors = self.vm.mutator.stats().major_collections;
        let retained = self.model.retained();
        let blocked = self.model.finalizer_blocked();
        for (i, o) in self.model.objs.iter_mut().enumerate() {
            let s = i + 1;
            if o.reclaimed {
                continue;
            }
            if retained[i] {
                o.dead_since = None;
            } else {
                let since = *o.dead_since.get_or_insert(majors);
                if majors - since > RECLAIM_BOUND {
                    return Err(format!(
                        "{:?} #{s} unreachable since major collection {since}, still in the heap after {}",
                        o.kind,
                        majors - since
                    ));
                }
            }
            if o.fin == Fin::Registered && !blocked[i] {
                let since = *o.unrooted_since.get_or_insert(majors);
                if majors - since > RECLAIM_BOUND {
                    return Err(format!(
                        "{:?} #{s} ready for finalization since major collection {since}, not queued after {}",
                        o.kind,
                        majors - since
                    ));
                }
            }
        }
        Ok(())
    }

    /// Takes every object the collector queued for full finalization and
    /// "runs" its finalizer: checks it and everything it references, then
    /// drops it (it becomes garbage).
    pub fn run_finalizers(&mut self) -> Result<(), String> {
        while let Some(obj) = self.vm.mutator.next_finalizable() {
            let s = self
                .identify(obj)
                .map_err(|e| format!("finalization queue: {e}"))?;
            match self.model.get(s).fin {
                Fin::Registered => {}
                Fin::Ran => return Err(format!("#{s} queued for finalization twice")),
                Fin::None => {
                    return Err(format!("#{s} queued for finalization without a finalizer"))
                }
            }
            if self.model.rooted()[s as usize - 1] {
                return Err(format!(
                    "#{s} queued for finalization while reachable from roots"
                ));
            }
            self.traverse(&[(s, obj.addr())], None)
                .map_err(|e| format!("finalizable #{s}: {e}"))?;
            self.model.get_mut(s).fin = Fin::Ran;
        }
        Ok(())
    }
}
