//! # The method JIT (first tier)
//!
//! **Tiering.** Every code object has a hotness counter (calls plus loop
//! back-edges, counted where the interpreter enters a frame and at backward
//! jumps). When it reaches `PYGC_JIT_THRESHOLD` (default 1000) the function
//! is compiled once with Cranelift; if it uses an instruction this tier does
//! not translate (or is a generator, coroutine, module or class body, or has
//! exception handlers) it is marked and stays interpreted, and the reason is
//! logged with `PYGC_JIT_LOG=1`. Compiled code is entered at the start of a
//! call and at any loop header (a back-edge target), so a hot loop in a
//! long-running function switches to machine code at its next iteration.
//!
//! **What is compiled.** Locals, constants, `+ - *` and comparisons on small
//! ints inline with an overflow/type guard (the guard's other side runs the
//! interpreter's generic operation through a helper, so big ints, floats and
//! dunders behave exactly as interpreted), compare-and-branch fused,
//! `for i in range(...)` as a counted loop, truth tests of bools inline;
//! globals, attributes, methods, subscripts, calls (into the interpreter,
//! which may run the callee compiled), tuples/lists and unpacking through
//! helpers that run the interpreter's own code for that one instruction.
//!
//! **GC references across calls: kept in the heap frame.** Locals always
//! live in the heap frame (stores use the inline write barrier from
//! gc-api's context data, via `gc_jit::inline`); the value stack lives in
//! Cranelift variables only between helper calls. Before every helper call
//! compiled code writes the stack to the heap frame (as the interpreter
//! would have it, with `FRAME_PC`/`FRAME_SP`), and after it reloads the
//! frame pointer (the helper reports the possibly moved frame) and the
//! stack. No reference held in a register is used after a call that may
//! collect, so moving collectors need no stack maps for these frames. Why
//! not gc-jit's stack maps: the interpreter's helpers, tracebacks,
//! `sys._getframe`, `gc.collect()`'s scrubbing and exception unwinding all
//! read the heap frame, so it must be exact at every call anyway; keeping it
//! exact makes every exit (exception, unsupported path, return) a plain
//! return to the interpreter with nothing to rebuild, and costs nothing on
//! the call-free paths that hot loops are made of. Polls read
//! `safepoint_requested` inline at function entry and every back-edge.
//!
//! **Errors.** Helpers return 0 when a Python exception is set; compiled
//! code returns to the interpreter at once, which unwinds it from the heap
//! frame (`FRAME_PC` is one past the failing instruction, so tracebacks
//! carry CPython's line numbers). A Rust panic in a helper is parked in the
//! context and resumed after compiled code returned: nothing unwinds
//! through compiled frames. `RETURN_VALUE` itself exits to the interpreter,
//! which runs it (so `__init__` checks and frame teardown are shared).

//!
//! **Status.** Off by default (`--jit=on`): loops of small-int arithmetic
//! run about 3.5x faster, but code dominated by attribute access, calls and
//! containers runs through one helper call per instruction plus a stack
//! flush/reload, which costs more than the interpreter's own dispatch (the
//! shared corpus is slower with it on). Not compiled yet: generators and
//! coroutines, functions with try/with, module and class bodies, `with`,
//! `import`, star-unpacking and `**` calls, `match`; inline attribute caches,
//! float unboxing, direct compiled-to-compiled calls and deoptimization
//! with frame rebuilding (never needed here: the heap frame is always exact).

pub mod analyze;
mod codegen;
mod config;
mod helpers;
mod helpers_more;

pub use config::JitConfig;

use crate::object::layout::*;
use crate::object::value::Value;
use crate::vm::call::{CO_CONSTS, CO_INFO};
use crate::vm::{Exc, PyResult, Vm, R_FRAME};
use cranelift_codegen::ir::{AbiParam, Signature, UserFuncName};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use std::time::Instant;

/// What compiled code and its helpers share; passed as the first argument.
#[repr(C)]
pub struct JitCtx {
    /// The current frame (word), written by every helper before it returns.
    pub frame: usize,
    /// The builtins dict (word), refreshed with `frame`.
    pub builtins: usize,
    vm: *mut Vm,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// A compiled function: `(ctx, frame, entry pc) -> 0 (continue in the
/// interpreter at FRAME_PC) | 1 (exception)`.
type JitFn = unsafe extern "C" fn(*mut JitCtx, usize, u64) -> u64;

struct Compiled {
    func: JitFn,
    /// Entry pcs with the absolute stack pointer the code expects there.
    entries: Vec<(usize, usize)>,
}

#[derive(Clone, Copy)]
enum Slot {
    /// Calls and back-edges seen so far.
    Counting(u32),
    Ready(u32),
    Rejected,
}

struct Backend {
    module: JITModule,
    ctx: Context,
    fctx: FunctionBuilderContext,
    ids: [FuncId; 4],
    next: u32,
}

/// The JIT's state in the VM.
#[derive(Default)]
pub struct JitState {
    pub cfg: JitConfig,
    slots: Vec<Slot>,
    backend: Option<Backend>,
    fns: Vec<Compiled>,
    /// Functions compiled, and the time spent compiling them.
    pub compiled: u64,
    pub compile_ns: u64,
}

impl std::fmt::Debug for JitState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitState")
            .field("cfg", &self.cfg)
            .field("compiled", &self.compiled)
            .finish()
    }
}

fn sig(module: &JITModule, params: usize) -> Signature {
    let mut s = module.make_signature();
    let w = cranelift_codegen::ir::types::I64;
    s.params.extend((0..params).map(|_| AbiParam::new(w)));
    s.returns.push(AbiParam::new(w));
    s
}

impl Backend {
    fn new() -> Result<Backend, String> {
        let isa = gc_jit::inline::native_isa().map_err(|e| e.to_string())?;
        let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
        jb.symbol("pyjit_op", helpers::jit_op as *const u8);
        jb.symbol("pyjit_truthy", helpers::jit_truthy as *const u8);
        jb.symbol("pyjit_safepoint", helpers::jit_safepoint as *const u8);
        jb.symbol("pyjit_fset", helpers::jit_fset as *const u8);
        let mut module = JITModule::new(jb);
        let mut ids = Vec::new();
        for (name, n) in [
            ("pyjit_op", 2),
            ("pyjit_truthy", 1),
            ("pyjit_safepoint", 1),
            ("pyjit_fset", 4),
        ] {
            let s = sig(&module, n);
            let id = module
                .declare_function(name, Linkage::Import, &s)
                .map_err(|e| e.to_string())?;
            ids.push(id);
        }
        Ok(Backend {
            ctx: module.make_context(),
            module,
            fctx: FunctionBuilderContext::new(),
            ids: [ids[0], ids[1], ids[2], ids[3]],
            next: 0,
        })
    }

    /// Compiles one function; returns its code and size (and CLIF text).
    fn compile(&mut self, inp: &codegen::Input<'_>, dump: bool) -> Result<(JitFn, String), String> {
        self.next += 1;
        let s = sig(&self.module, 3);
        let id = self
            .module
            .declare_function(&format!("py{}", self.next), Linkage::Local, &s)
            .map_err(|e| e.to_string())?;
        self.ctx.func.signature = s;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        {
            let target = self.module.target_config();
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let m = &mut self.module;
            let h = codegen::Helpers {
                op: m.declare_func_in_func(self.ids[0], b.func),
                truthy: m.declare_func_in_func(self.ids[1], b.func),
                safepoint: m.declare_func_in_func(self.ids[2], b.func),
                fset: m.declare_func_in_func(self.ids[3], b.func),
            };
            codegen::translate(b, inp, &h, target);
        }
        let clif = if dump {
            self.ctx.func.display().to_string()
        } else {
            String::new()
        };
        let r = self.module.define_function(id, &mut self.ctx);
        self.module.clear_context(&mut self.ctx);
        r.map_err(|e| format!("cranelift: {e:?}"))?;
        self.module
            .finalize_definitions()
            .map_err(|e| e.to_string())?;
        let ptr = self.module.get_finalized_function(id);
        // SAFETY: `ptr` is the finalized code of a function just defined
        // with the signature `(i64, i64, i64) -> i64` in the host's C
        // calling convention, which is `JitFn`'s.
        let f = unsafe { std::mem::transmute::<*const u8, JitFn>(ptr) };
        Ok((f, clif))
    }
}

/// Outcome of [`Vm::jit_enter`].
pub enum Entered {
    /// Not compiled (yet): keep interpreting.
    No,
    /// Compiled code ran; the frame's `FRAME_PC`/`FRAME_SP` say where to
    /// continue (or where the exception was raised).
    Ran(PyResult<()>),
}

impl Vm {
    /// Counts a call (`pc == 0`) or a back-edge to `pc` of the current
    /// frame, compiles its code when hot, and runs compiled code from `pc`.
    /// `sp` is the absolute stack pointer (the frame's `FRAME_SP`).
    pub fn jit_enter(&mut self, pc: usize, sp: usize) -> Entered {
        let Some(f) = self.root(R_FRAME).obj() else {
            return Entered::No;
        };
        let code = Value(f.word(FRAME_CODE));
        let idx = Vm::get(code.obj().expect("code"), CO_INFO).as_int() as usize;
        if idx >= self.jit.slots.len() {
            self.jit.slots.resize(idx + 1, Slot::Counting(0));
        }
        let i = match self.jit.slots[idx] {
            Slot::Rejected => return Entered::No,
            Slot::Ready(i) => i as usize,
            Slot::Counting(n) => {
                if n + 1 < self.jit.cfg.threshold {
                    self.jit.slots[idx] = Slot::Counting(n + 1);
                    return Entered::No;
                }
                match self.jit_compile(code) {
                    Some(i) => {
                        self.jit.slots[idx] = Slot::Ready(i as u32);
                        i
                    }
                    None => {
                        self.jit.slots[idx] = Slot::Rejected;
                        return Entered::No;
                    }
                }
            }
        };
        let c = &self.jit.fns[i];
        if !c.entries.contains(&(pc, sp)) {
            return Entered::No;
        }
        let func = c.func;
        let mut ctx = JitCtx {
            frame: f.to_word(),
            builtins: self.root(crate::vm::R_BUILTINS).0,
            vm: self as *mut Vm,
            panic: None,
        };
        // SAFETY: `func` was compiled for this code object and is entered at
        // one of its entry pcs with the stack depth it was compiled for; the
        // frame is the current frame. `ctx.vm` comes from `&mut self`, which
        // is not used until the call returns; helpers reach the VM only
        // through it. Helpers catch panics, so nothing unwinds through the
        // compiled frames.
        let status = unsafe { func(&mut ctx, f.to_word(), pc as u64) };
        if let Some(p) = ctx.panic.take() {
            std::panic::resume_unwind(p);
        }
        Entered::Ran(if status == 0 { Ok(()) } else { Err(Exc) })
    }

    /// Compiles `code`; `None` (logged) when it cannot be.
    fn jit_compile(&mut self, code: Value) -> Option<usize> {
        let info = self.code_info(code);
        let start = Instant::now();
        let what = format!("{} ({}:{})", info.qualname, info.filename, info.firstline);
        let shape = match analyze::analyze(&info) {
            Ok(s) => s,
            Err(why) => {
                if self.jit.cfg.log {
                    eprintln!("pygc-jit: not compiled {what}: {why}");
                }
                return None;
            }
        };
        let consts = Vm::get(code.obj().expect("code"), CO_CONSTS)
            .obj()
            .expect("consts");
        let imm_consts = (0..Vm::var_len(consts))
            .map(|i| {
                let v = Vm::item(consts, i);
                (!v.is_ref()).then_some(v.0)
            })
            .collect();
        let inp = codegen::Input {
            code: &info,
            shape: &shape,
            imm_consts,
            mctx: self.m.context_ptr() as usize,
            torture: self.torture_on,
        };
        let dump = self
            .jit
            .cfg
            .dump
            .as_deref()
            .is_some_and(|d| d == info.name || d == info.qualname);
        if self.jit.backend.is_none() {
            match Backend::new() {
                Ok(b) => self.jit.backend = Some(b),
                Err(e) => {
                    eprintln!("pygc-jit: cannot set up Cranelift: {e}; JIT off");
                    self.jit.cfg.on = false;
                    return None;
                }
            }
        }
        let backend = self.jit.backend.as_mut().expect("backend");
        let (func, clif) = match backend.compile(&inp, dump) {
            Ok(r) => r,
            Err(e) => {
                if self.jit.cfg.log {
                    eprintln!("pygc-jit: not compiled {what}: {e}");
                }
                return None;
            }
        };
        if dump {
            eprintln!("pygc-jit: CLIF of {what}:\n{clif}");
        }
        let ns = start.elapsed().as_nanos() as u64;
        self.jit.compiled += 1;
        self.jit.compile_ns += ns;
        if self.jit.cfg.log {
            eprintln!("pygc-jit: compiled {what} in {:.1} us", ns as f64 / 1e3);
        }
        let base = info.stack_base();
        let entries = shape
            .entries
            .iter()
            .filter_map(|&pc| Some((pc as usize, base + shape.depth[pc as usize]? as usize)))
            .collect();
        self.jit.fns.push(Compiled { func, entries });
        Some(self.jit.fns.len() - 1)
    }
}
