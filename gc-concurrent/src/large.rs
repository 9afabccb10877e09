//! Large objects: one anonymous mapping each, never moved, unmapped when
//! swept dead (a stale reference then faults instead of reading garbage).

use gc_api::{ObjRef, TypeTable};
use gc_parts::Region;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The large-object space. The mutator appends; one sweeper at a time takes
/// the whole list, filters it and merges the survivors back.
#[derive(Default)]
pub struct LargeSpace {
    objs: Mutex<Vec<Region>>,
    bytes: AtomicUsize,
}

impl LargeSpace {
    /// An empty space.
    pub fn new() -> LargeSpace {
        LargeSpace::default()
    }

    /// Bytes mapped for large objects.
    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Maps a zeroed object of `size` bytes and returns its address.
    pub fn alloc(&self, size: usize) -> std::io::Result<usize> {
        let r = Region::reserve(size)?;
        let at = r.start();
        self.bytes.fetch_add(r.len(), Ordering::Relaxed);
        self.objs.lock().unwrap().push(r);
        Ok(at)
    }

    /// Calls `f` on every large object.
    pub fn for_each(&self, mut f: impl FnMut(ObjRef)) {
        for r in self.objs.lock().unwrap().iter() {
            // SAFETY: each region holds exactly one object at its start.
            f(unsafe { ObjRef::from_addr_unchecked(r.start()) });
        }
    }

    /// Frees every object for which `live` is false, running its light
    /// finalizer first. Returns the bytes freed (object sizes).
    pub fn sweep(&self, types: &TypeTable, mut live: impl FnMut(ObjRef) -> bool) -> usize {
        let taken = std::mem::take(&mut *self.objs.lock().unwrap());
        let mut keep = Vec::with_capacity(taken.len());
        let mut freed = 0;
        for r in taken {
            // SAFETY: each region holds exactly one object at its start.
            let obj = unsafe { ObjRef::from_addr_unchecked(r.start()) };
            if live(obj) {
                keep.push(r);
            } else {
                if let Some(f) = types.get(obj.tid()).light_finalizer {
                    f(obj);
                }
                freed += types.size_of(obj);
                self.bytes.fetch_sub(r.len(), Ordering::Relaxed);
                drop(r);
            }
        }
        self.objs.lock().unwrap().extend(keep);
        freed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{make_header, TypeInfo, VarLayout};

    #[test]
    fn alloc_and_sweep() {
        let mut t = TypeTable::new();
        let arr = t.register(TypeInfo::var_size(
            "arr",
            16,
            vec![],
            VarLayout {
                length_offset: 8,
                item_size: 8,
                item_ref_offsets: vec![0],
            },
        ));
        let space = LargeSpace::new();
        let mut objs = Vec::new();
        for _ in 0..4 {
            let at = space.alloc(16 + 8 * 10_000).unwrap();
            // SAFETY: fresh mapping of the right size.
            let o = unsafe { ObjRef::from_addr_unchecked(at) };
            o.set_header(make_header(arr, 0));
            o.set_word(8, 10_000);
            objs.push(o);
        }
        assert!(space.bytes() >= 4 * 80_016);
        let freed = space.sweep(&t, |o| o == objs[0]);
        assert_eq!(freed, 3 * 80_016);
        let mut n = 0;
        space.for_each(|o| {
            assert_eq!(o, objs[0]);
            n += 1
        });
        assert_eq!(n, 1);
    }
}
