//! The heap limit (`PYGC_MAX_HEAP`) as a Python-visible `MemoryError`.
//!
//! Allocation never collects (house rule 1), and most allocation helpers
//! cannot fail in Rust (`alloc_rec` returns an object). So a failed
//! allocation is handled in two halves:
//!
//! 1. **Overdraft** (at the allocation): when the collector refuses an
//!    allocation with `AllocError::HeapLimit`, the VM lifts the limit for
//!    that one allocation (`set_heap_limit(None)`, allocate, restore), marks
//!    a memory check pending and requests a safepoint. Only a refusal by the
//!    operating system is fatal (the old behaviour: "MemoryError", exit 1).
//!    Raw buffers (numpy) do the same when GC heap + live raw bytes + the
//!    request pass the limit: raw memory counts against the limit.
//! 2. **Check** (at the next safepoint: a call's return, a loop back-edge, a
//!    frame push, where collecting is legal): an emergency complete
//!    collection runs; if the GC heap plus live raw bytes plus the refused
//!    request still pass the limit, `MemoryError` is raised *there*, in the
//!    frame that allocated (the traceback names the line of the call or loop
//!    whose safepoint ran the check, normally the allocating line). If the
//!    collection made room, the program goes on: the allocation "succeeded
//!    after a collection", as in CPython.
//!
//! A single request larger than the whole limit (or than 1 TiB without a
//! limit) can never succeed: sequence repetition and the fallible helpers
//! ([`Vm::check_alloc_size`], [`Vm::try_alloc_var`]) raise `MemoryError` at
//! once, before any memory is touched.
//!
//! Raising must not allocate over the limit again: the `MemoryError`
//! instance is preallocated (a fresh one is made after each raise), and after
//! a raise the handler gets a *grace* allowance (an eighth of the limit, at
//! least 1 MiB) of overdraft that does not trigger another check, so
//! `except MemoryError: print(...)` works before the program drops its data.
//! With a collector that never frees (`nogc`) memory never comes back: the
//! grace allowance is all a program gets after the first `MemoryError`.

use super::exc::{EX_CAUSE, EX_CONTEXT, EX_TB};
use super::{Exc, Vm};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use gc_api::{AllocError, CollectRequest, ObjRef, TypeId};

/// Without a heap limit, a single request above this (1 TiB) raises
/// `MemoryError` instead of asking the operating system.
pub const MAX_REQUEST: usize = 1 << 40;

/// Heap-limit state.
#[derive(Debug, Default)]
pub struct MemState {
    /// The heap limit in force (bytes), from the configuration.
    pub limit: Option<usize>,
    /// An allocation went into overdraft: the largest refused request.
    pub pending: Option<usize>,
    /// The check at a safepoint decided to raise.
    pub raise_now: bool,
    /// Overdraft bytes still allowed without a check (after a raise).
    pub grace: usize,
}

impl Vm {
    /// Sets up the heap-limit machinery (after bootstrap).
    pub fn mem_init(&mut self, limit: Option<usize>) {
        self.mem.limit = limit;
        let t = self.ty(T::MemoryError);
        let e = self.new_exc(t, &[]);
        self.set_root(super::R_MEM_SPARE, e);
    }

    /// Allocation slow path after the collector refused: overdraft (see the
    /// module docs) or, if the operating system refused, exit.
    #[cold]
    #[inline(never)]
    pub(crate) fn alloc_overdraft(
        &mut self,
        tid: TypeId,
        n: Option<usize>,
        err: AllocError,
    ) -> ObjRef {
        if let AllocError::HeapLimit { requested, .. } = err {
            self.m.set_heap_limit(None);
            let r = match n {
                Some(n) => self.m.alloc_var(tid, n),
                None => self.m.alloc(tid),
            };
            self.m.set_heap_limit(self.mem.limit);
            if let Ok(o) = r {
                self.note_overdraft(requested);
                return o;
            }
        }
        self.flush_out();
        eprintln!("MemoryError");
        std::process::exit(1)
    }

    /// Records `bytes` allocated past the limit: a check at the next
    /// safepoint, unless the grace allowance covers it.
    pub fn note_overdraft(&mut self, bytes: usize) {
        if self.mem.grace >= bytes {
            self.mem.grace -= bytes;
            return;
        }
        self.mem.grace = 0;
        self.mem.pending = Some(self.mem.pending.unwrap_or(0).max(bytes));
        self.m.context().request_safepoint();
    }

    /// Raw memory (numpy buffers) about to grow by `bytes`: `MemoryError` now
    /// if the request alone passes the limit; an overdraft if GC heap + raw
    /// bytes + the request pass it.
    pub fn raw_alloc_check(&mut self, bytes: usize) -> Result<(), Exc> {
        let Some(limit) = self.mem.limit else {
            return Ok(());
        };
        if bytes > limit {
            return Err(self.raise_memory_error());
        }
        if self.heap_and_raw() + bytes as u64 > limit as u64 {
            self.note_overdraft(bytes);
        }
        Ok(())
    }

    fn heap_and_raw(&self) -> u64 {
        let s = self.m.stats();
        s.heap_bytes + s.raw_bytes
    }

    /// The check at a safepoint (see the module docs). Sets `raise_now`.
    #[cold]
    #[inline(never)]
    pub fn memory_check(&mut self) {
        let Some(req) = self.mem.pending.take() else {
            return;
        };
        let limit = self.mem.limit.unwrap_or(usize::MAX) as u64;
        if self.heap_and_raw() + req as u64 <= limit {
            return;
        }
        // Emergency collection: legal here (a safepoint).
        self.m.collect(CollectRequest::Major, &mut self.r);
        if self.heap_and_raw() + req as u64 > limit {
            self.mem.raise_now = true;
        }
    }

    /// Raises `MemoryError` (the preallocated instance) and prepares the next
    /// one; grants the handler its grace allowance.
    pub fn raise_memory_error(&mut self) -> Exc {
        self.mem.raise_now = false;
        self.mem.pending = None;
        let limit = self.mem.limit.unwrap_or(0);
        self.mem.grace = (limit / 8).max(1 << 20);
        let e = self.root(super::R_MEM_SPARE);
        if e.is_null() {
            return self.raise_msg(T::MemoryError, "");
        }
        if let Some(o) = e.obj() {
            for i in [EX_TB, EX_CAUSE, EX_CONTEXT] {
                self.set(o, i, Value::NONE);
            }
        }
        self.set_current(e);
        let t = self.ty(T::MemoryError);
        let fresh = self.new_exc(t, &[]);
        self.set_root(super::R_MEM_SPARE, fresh);
        Exc
    }

    /// `MemoryError` for a request of `bytes` (None: overflowed) that can
    /// never succeed: larger than the heap limit, or than [`MAX_REQUEST`].
    pub fn check_alloc_size(&mut self, bytes: Option<usize>) -> Result<(), Exc> {
        let max = self.mem.limit.unwrap_or(MAX_REQUEST).min(MAX_REQUEST);
        match bytes {
            Some(b) if b <= max => Ok(()),
            _ => Err(self.raise_memory_error()),
        }
    }

    /// If the last safepoint's check decided so, raises `MemoryError`.
    #[inline(always)]
    pub fn memory_error_due(&mut self) -> Result<(), Exc> {
        if self.mem.raise_now {
            return Err(self.raise_memory_error());
        }
        Ok(())
    }

    /// A var-size object of `kind` with `n` items, or `MemoryError` when the
    /// request alone is larger than the heap limit (or impossible).
    pub fn try_alloc_var(&mut self, kind: Kind, ty: Value, n: usize) -> Result<ObjRef, Exc> {
        let tid = TypeId(kind as u32);
        let info = self.m.types().get(tid);
        let item = info.var.as_ref().map_or(8, |v| v.item_size as usize);
        self.check_alloc_size(n.checked_mul(item))?;
        Ok(self.alloc_var(kind, ty, n))
    }
}
