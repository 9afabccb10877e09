//! The virtual machine state: the mutator, the root table, code metadata.

pub mod alloctrace;
pub mod async_ops;
pub mod attr;
pub mod cache;
pub mod call;
pub mod cmp_override;
pub mod coll;
pub mod exc;
pub mod finalize;
pub mod funcattr;
pub mod gcheap;
pub mod gcstats;
pub mod gen;
pub mod hashing;
pub mod heapdump;
pub mod heapgraph;
mod instances;
pub mod interp;
mod interp_build;
mod interp_call;
mod interp_exc;
mod interp_ext;
mod interp_names;
mod interp_ops;
mod interp_stack;
mod interp_support;
pub mod iter;
pub mod length_hint;
pub mod match_ops;
pub mod memerr;
pub mod ops;
mod ops_cmp;
mod ops_num;
mod ops_seq;
pub mod proto;
pub mod repr;
mod repr_guard;
pub mod rooted;
pub mod setup;
mod special_attr;
mod subscript;
pub mod type_setattr;

use crate::compile::bytecode::CodeInfo;
use crate::object::layout::*;
use crate::object::value::Value;
use gc_api::{Mutator, ObjRef, RootSet, SlotVisitor};
use std::rc::Rc;

/// The exception is in `vm.r[R_EXC]`.
#[derive(Debug, Clone, Copy)]
pub struct Exc;
/// Result of anything that can raise.
pub type PyResult<T = Value> = Result<T, Exc>;

/// Fixed root slots.
pub const R_FRAME: usize = 0;
pub const R_EXC: usize = 1;
pub const R_HANDLED: usize = 2;
pub const R_INTERN: usize = 3;
pub const R_BUILTINS: usize = 4;
pub const R_MODULES: usize = 5;
pub const R_TYPES: usize = 6;
pub const R_NAMES: usize = 7;
pub const R_EMPTY_TUPLE: usize = 8;
pub const R_MAIN: usize = 9;
pub const R_CHARS: usize = 10;
pub const R_MISC: usize = 11;
/// Containers whose repr is in progress (see `repr_guard`).
pub const R_REPR: usize = 12;
pub const NFIXED_ROOTS: usize = 13;

/// The VM's own roots: one index space of words, the fixed slots (see
/// `R_*`) first, then temporary pushes (`push_root`, and the [`rooted`]
/// scopes). The fixed slots are `Cell`s at stable addresses, read and
/// written without any check (the dispatch loop reads `R_FRAME` after every
/// call); the temporary stack is a `RefCell<Vec>` whose borrow never spans a
/// call. Pushes, reads and writes go through `&self`, so branded handles can
/// be rooted under a shared borrow of the VM; collectors trace both parts
/// through `&mut`.
#[derive(Debug)]
pub struct Roots {
    fixed: [std::cell::Cell<usize>; NFIXED_ROOTS],
    s: std::cell::RefCell<Vec<usize>>,
}

impl Roots {
    /// The fixed slots, all empty, and an empty temporary stack.
    pub fn new() -> Roots {
        Roots {
            fixed: Default::default(),
            s: std::cell::RefCell::new(Vec::with_capacity(256)),
        }
    }
    /// Pushes `w`; returns its index.
    #[inline(always)]
    pub fn push(&self, w: usize) -> usize {
        let mut s = self.s.borrow_mut();
        s.push(w);
        NFIXED_ROOTS + s.len() - 1
    }
    /// Slot `i` (a missing slot reads as 0, never a wild read).
    #[inline(always)]
    pub fn get(&self, i: usize) -> usize {
        match self.fixed.get(i) {
            Some(c) => c.get(),
            None => self.s.borrow().get(i - NFIXED_ROOTS).copied().unwrap_or(0),
        }
    }
    /// Sets slot `i` (ignored past the end).
    #[inline(always)]
    pub fn set(&self, i: usize, w: usize) {
        match self.fixed.get(i) {
            Some(c) => c.set(w),
            None => {
                if let Some(x) = self.s.borrow_mut().get_mut(i - NFIXED_ROOTS) {
                    *x = w;
                }
            }
        }
    }
    /// Number of slots (the fixed ones included).
    #[inline(always)]
    pub fn len(&self) -> usize {
        NFIXED_ROOTS + self.s.borrow().len()
    }
    /// Whether there is no slot (never: the fixed slots always exist).
    pub fn is_empty(&self) -> bool {
        false
    }
    /// Drops the slots above `d` (the fixed slots stay).
    #[inline(always)]
    pub fn truncate(&mut self, d: usize) {
        self.s.get_mut().truncate(d.saturating_sub(NFIXED_ROOTS));
    }
    /// Pushes `words` (one borrow); returns the index of the first.
    #[inline(always)]
    pub fn push_all(&self, words: impl IntoIterator<Item = usize>) -> usize {
        let mut s = self.s.borrow_mut();
        let base = NFIXED_ROOTS + s.len();
        s.extend(words);
        base
    }
    /// A copy of the slots `from..`.
    pub fn words_from(&self, from: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.fixed.iter().skip(from).map(|c| c.get()).collect();
        let s = self.s.borrow();
        out.extend_from_slice(s.get(from.saturating_sub(NFIXED_ROOTS)..).unwrap_or(&[]));
        out
    }
}

impl Default for Roots {
    fn default() -> Roots {
        Roots::new()
    }
}

impl RootSet for Roots {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        for c in self.fixed.iter_mut() {
            visit(c.get_mut());
        }
        for w in self.s.get_mut().iter_mut() {
            visit(w);
        }
    }
}

/// The backstop of [`Vm::item`]: the panic becomes a `SystemError` (cli.rs).
#[cold]
#[inline(never)]
fn item_out_of_bounds(o: ObjRef, i: usize) -> ! {
    panic!(
        "item {i} out of bounds of a {}-item {:?} at {:#x} (a stale length or index)",
        o.word(LEN_OFF),
        kind_of(o),
        o.addr()
    )
}

/// The older native calling convention (being phased out): positional
/// args then keyword values as raw copies that any call into Python makes
/// stale; `kwnames` is a tuple of names for the trailing `kwnames.len()`
/// args, or NULL. New natives are [`NativeFn`]s.
pub type BuiltinFn = fn(&mut Vm, &[Value], Value) -> PyResult;

/// A native function: its arguments arrive rooted ([`rooted::Args`]: the
/// same positional-then-keyword layout as [`BuiltinFn`], on the root
/// stack), and the scope `'s` may root more values. See [`rooted`].
pub type NativeFn = for<'s> fn(&mut Vm, rooted::Scope<'s>, rooted::Args<'s>) -> PyResult;

/// How a registered builtin takes its arguments.
#[derive(Clone, Copy)]
pub enum Native {
    /// Raw copies (the older convention; removed once nothing uses it).
    Raw(BuiltinFn),
    /// Rooted arguments.
    Rooted(NativeFn),
}

impl From<BuiltinFn> for Native {
    fn from(f: BuiltinFn) -> Native {
        Native::Raw(f)
    }
}

impl From<NativeFn> for Native {
    fn from(f: NativeFn) -> Native {
        Native::Rooted(f)
    }
}

/// One registered builtin.
pub struct BuiltinDef {
    pub name: &'static str,
    pub f: Native,
}

/// The interpreter.
pub struct Vm {
    pub m: Mutator,
    pub r: Roots,
    pub codes: Vec<Rc<CodeInfo>>,
    pub builtins_tab: Vec<BuiltinDef>,
    pub depth: u32,
    pub rec_limit: u32,
    pub epoch: i64,
    pub next_tag: i64,
    pub out: Vec<u8>,
    pub argv: Vec<String>,
    pub script_dir: String,
    pub rng: crate::support::random::PyRandom,
    pub gc_enabled: bool,
    pub sources: Vec<(String, Rc<str>)>,
    pub gc_count: i64,
    pub reraise: bool,
    pub torture_on: bool,
    pub repr_depth: u32,
    pub start: std::time::Instant,
    /// GC tools: event recorder, --gc-stats / --gc-log, gc.hooks state.
    pub gcx: gcstats::GcTools,
    /// `__del__` and weakref-callback state.
    pub fin: finalize::FinState,
    /// Heap-limit (`MemoryError`) state.
    pub mem: memerr::MemState,
    /// Allocation sites (`tracemalloc`, `PYGC_TRACE_ALLOC`).
    pub trace: alloctrace::AllocTrace,
    /// Allocation tracing is on: `alloc_rec`/`alloc_var` record sites.
    pub trace_pc: bool,
    /// The method JIT (off unless configured).
    pub jit: crate::jit::JitState,
}

impl Vm {
    // ----- roots ---------------------------------------------------------
    #[inline(always)]
    pub fn root(&self, i: usize) -> Value {
        Value(self.r.get(i))
    }
    #[inline(always)]
    pub fn set_root(&mut self, i: usize, v: Value) {
        self.r.set(i, v.0);
    }
    /// Pushes a temporary root; returns its index.
    #[inline(always)]
    pub fn push_root(&mut self, v: Value) -> usize {
        self.r.push(v.0)
    }
    /// Current temporary-root depth.
    #[inline(always)]
    pub fn root_depth(&self) -> usize {
        self.r.len()
    }
    /// Drops temporary roots above `d`.
    #[inline(always)]
    pub fn pop_roots(&mut self, d: usize) {
        self.r.truncate(d);
    }

    /// A safepoint: the only place where objects move or die. Runs due
    /// finalizers and weakref callbacks, and the heap-limit check (callers
    /// then raise with [`Vm::memory_error_due`]).
    #[inline(always)]
    pub fn safepoint(&mut self) {
        if self.gc_enabled {
            self.m.safepoint(&mut self.r);
            self.gc_after_safepoint();
        }
        if self.mem.pending.is_some() {
            self.memory_check();
        }
        if self.gc_enabled {
            self.gc_followups();
        }
    }

    // ----- allocation ----------------------------------------------------
    /// A record of `kind` with its type slot set.
    #[inline(always)]
    pub fn alloc_rec(&mut self, kind: Kind, ty: Value) -> ObjRef {
        match self.m.alloc(gc_api::TypeId(kind as u32)) {
            Ok(o) => {
                self.gcx.allocs += 1;
                o.set_word(TYPE_OFF, ty.0);
                if self.trace_pc {
                    self.trace_alloc(o);
                }
                o
            }
            Err(e) => {
                let o = self.alloc_overdraft(gc_api::TypeId(kind as u32), None, e);
                self.gcx.allocs += 1;
                o.set_word(TYPE_OFF, ty.0);
                if self.trace_pc {
                    self.trace_alloc(o);
                }
                o
            }
        }
    }
    /// A var-size object of `kind` with `n` items.
    #[inline(always)]
    pub fn alloc_var(&mut self, kind: Kind, ty: Value, n: usize) -> ObjRef {
        match self.m.alloc_var(gc_api::TypeId(kind as u32), n) {
            Ok(o) => {
                self.gcx.allocs += 1;
                o.set_word(TYPE_OFF, ty.0);
                if self.trace_pc {
                    self.trace_alloc(o);
                }
                o
            }
            Err(e) => {
                let o = self.alloc_overdraft(gc_api::TypeId(kind as u32), Some(n), e);
                self.gcx.allocs += 1;
                o.set_word(TYPE_OFF, ty.0);
                if self.trace_pc {
                    self.trace_alloc(o);
                }
                o
            }
        }
    }

    // ----- field access ----------------------------------------------------
    /// Reads record slot `i`.
    #[inline(always)]
    pub fn get(o: ObjRef, i: usize) -> Value {
        Value(o.word(slot(i)))
    }
    /// Writes record slot `i` with the barrier.
    #[inline(always)]
    pub fn set(&mut self, o: ObjRef, i: usize, v: Value) {
        self.m.write_ref(o, slot(i), v.0);
    }
    /// Initialising write into a fresh object (no barrier).
    #[inline(always)]
    pub fn init(o: ObjRef, i: usize, v: Value) {
        o.set_word(slot(i), v.0);
    }
    /// Item `i` of a tuple/array. Bounds-checked in every build: a stale
    /// index (a length read before Python code ran) becomes a SystemError,
    /// never a read past the object.
    #[inline(always)]
    pub fn item(o: ObjRef, i: usize) -> Value {
        if i >= o.word(LEN_OFF) {
            item_out_of_bounds(o, i)
        }
        Value(o.word(ITEMS_OFF + 8 * i))
    }
    /// Writes item `i` of an array with the barrier (bounds-checked).
    #[inline(always)]
    pub fn set_item(&mut self, o: ObjRef, i: usize, v: Value) {
        if i >= o.word(LEN_OFF) {
            item_out_of_bounds(o, i)
        }
        self.m.write_item(o, i, ITEMS_OFF + 8 * i, v.0);
    }
    /// Initialising item write (bounds-checked).
    #[inline(always)]
    pub fn init_item(o: ObjRef, i: usize, v: Value) {
        if i >= o.word(LEN_OFF) {
            item_out_of_bounds(o, i)
        }
        o.set_word(ITEMS_OFF + 8 * i, v.0);
    }
    /// Length of a var-size object.
    #[inline(always)]
    pub fn var_len(o: ObjRef) -> usize {
        o.word(LEN_OFF)
    }

    /// Appends to the output buffer (flushed at exit and when large).
    pub fn write_out(&mut self, s: &[u8]) {
        self.out.extend_from_slice(s);
        if self.out.len() > 1 << 16 {
            self.flush_out();
        }
    }
    /// Flushes stdout.
    pub fn flush_out(&mut self) {
        use std::io::Write;
        let mut so = std::io::stdout().lock();
        let _ = so.write_all(&self.out);
        let _ = so.flush();
        self.out.clear();
    }
}

/// Output printed before an internal error (a panic the CLI reports as
/// `SystemError`) is written, not lost with the buffer.
impl Drop for Vm {
    fn drop(&mut self) {
        if !self.out.is_empty() {
            self.flush_out();
        }
    }
}
