//! The JIT runtime: a Cranelift JIT module set up for the GC contract, the
//! slow paths and the safepoint trampoline, stack maps collected at
//! definition time, and calls into compiled code.

use crate::emit::JitFunction;
use crate::env::{JitEnv, RunInfo};
use crate::frames::{CodeRange, CodeTable};
use crate::slowpath;
use crate::WORD;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use gc_api::{Mutator, RootSet, TypeTable};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// Most arguments a compiled function may take (besides `env` and `ctx`).
pub const MAX_ARGS: usize = 4;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JitError {
    /// The host ISA or the module could not be set up.
    Setup(String),
    /// Cranelift rejected a function.
    Compile(String),
    /// Compiled code failed at run time (allocation failure, verify failure).
    Run(String),
    /// A function was called wrongly (unknown, undefined, arity).
    Call(String),
}

impl std::fmt::Display for JitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JitError::Setup(m) => write!(f, "JIT setup failed: {m}"),
            JitError::Compile(m) => write!(f, "JIT compilation failed: {m}"),
            JitError::Run(m) => write!(f, "compiled code failed: {m}"),
            JitError::Call(m) => write!(f, "bad call into compiled code: {m}"),
        }
    }
}

impl std::error::Error for JitError {}

/// One compiled function, for logs.
#[derive(Debug, Clone)]
pub struct CompileRecord {
    /// Function name.
    pub name: String,
    /// Time spent building and compiling it.
    pub compile_ns: u64,
    /// Machine-code bytes.
    pub code_size: usize,
    /// Call sites with a stack map.
    pub stack_maps: usize,
    /// The CLIF, when [`JitRuntime::keep_clif`] is on.
    pub clif: Option<String>,
}

/// Functions of the module that compiled code calls for the GC.
pub(crate) struct SlowPaths {
    pub alloc: FuncId,
    pub alloc_var: FuncId,
    pub write_ref: FuncId,
    pub write_item: FuncId,
    /// The trampoline (a compiled function) that calls the safepoint walk.
    pub safepoint: FuncId,
}

/// `(return-address offset, SP offsets of live references)` per call site.
type StackMaps = Vec<(u32, Box<[u32]>)>;

struct FuncMeta {
    name: String,
    arity: usize,
    size: Option<usize>,
    finalized: bool,
}

/// A JIT for one heap layout (type table).
pub struct JitRuntime {
    module: JITModule,
    slow: SlowPaths,
    table: CodeTable,
    types: Arc<TypeTable>,
    funcs: HashMap<FuncId, FuncMeta>,
    pending: Vec<(FuncId, StackMaps)>,
    ctx: Context,
    fctx: FunctionBuilderContext,
    log: Vec<CompileRecord>,
    keep_clif: bool,
}

fn setup_err(e: impl std::fmt::Display) -> JitError {
    JitError::Setup(e.to_string())
}

/// The Cranelift settings of all compiled GC code.
pub(crate) fn native_flags() -> Result<settings::Builder, JitError> {
    let mut flags = settings::builder();
    flags
        .set("use_colocated_libcalls", "false")
        .map_err(setup_err)?;
    flags.set("is_pic", "false").map_err(setup_err)?;
    // The stack walk follows frame-pointer records.
    flags
        .set("preserve_frame_pointers", "true")
        .map_err(setup_err)?;
    flags.set("opt_level", "speed").map_err(setup_err)?;
    Ok(flags)
}

fn new_module() -> Result<JITModule, JitError> {
    let flags = native_flags()?;
    let isa = cranelift_native::builder()
        .map_err(setup_err)?
        .finish(settings::Flags::new(flags))
        .map_err(setup_err)?;
    let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
    jb.symbol("gcjit_alloc", slowpath::alloc_slow as *const u8);
    jb.symbol("gcjit_alloc_var", slowpath::alloc_var_slow as *const u8);
    jb.symbol("gcjit_write_ref", slowpath::write_ref_slow as *const u8);
    jb.symbol("gcjit_write_item", slowpath::write_item_slow as *const u8);
    jb.symbol("gcjit_safepoint", slowpath::safepoint_slow as *const u8);
    Ok(JITModule::new(jb))
}

fn signature(module: &JITModule, params: usize, returns: bool) -> Signature {
    let mut sig = module.make_signature();
    sig.params.extend((0..params).map(|_| AbiParam::new(WORD)));
    if returns {
        sig.returns.push(AbiParam::new(WORD));
    }
    sig
}

fn import(
    module: &mut JITModule,
    name: &str,
    params: usize,
    ret: bool,
) -> Result<FuncId, JitError> {
    let sig = signature(module, params, ret);
    module
        .declare_function(name, Linkage::Import, &sig)
        .map_err(setup_err)
}

/// The safepoint trampoline: `tramp(env)` reads its own frame record and
/// calls the walk with its caller's SP, return address and frame pointer.
fn define_trampoline(
    module: &mut JITModule,
    ctx: &mut Context,
    fctx: &mut FunctionBuilderContext,
    walk: FuncId,
) -> Result<FuncId, JitError> {
    let sig = signature(module, 1, false);
    let id = module
        .declare_function("gcjit_safepoint_tramp", Linkage::Local, &sig)
        .map_err(setup_err)?;
    ctx.func.signature = sig;
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
        let walk = module.declare_func_in_func(walk, b.func);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let env = b.block_params(entry)[0];
        let fp = b.ins().get_frame_pointer(WORD);
        let flags = MemFlagsData::trusted();
        let caller_fp = b.ins().load(WORD, flags, fp, 0);
        let ra = b.ins().load(WORD, flags, fp, 8);
        let sp = b.ins().iadd_imm_s(fp, 16);
        b.ins().call(walk, &[env, sp, ra, caller_fp]);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module.define_function(id, ctx).map_err(setup_err)?;
    module.clear_context(ctx);
    Ok(id)
}

impl JitRuntime {
    /// A JIT for objects laid out by `types`.
    pub fn new(types: Arc<TypeTable>) -> Result<JitRuntime, JitError> {
        let mut module = new_module()?;
        let mut ctx = module.make_context();
        let mut fctx = FunctionBuilderContext::new();
        let walk = import(&mut module, "gcjit_safepoint", 4, false)?;
        let slow = SlowPaths {
            alloc: import(&mut module, "gcjit_alloc", 2, true)?,
            alloc_var: import(&mut module, "gcjit_alloc_var", 3, true)?,
            write_ref: import(&mut module, "gcjit_write_ref", 4, false)?,
            write_item: import(&mut module, "gcjit_write_item", 4, false)?,
            safepoint: define_trampoline(&mut module, &mut ctx, &mut fctx, walk)?,
        };
        Ok(JitRuntime {
            module,
            slow,
            table: CodeTable::default(),
            types,
            funcs: HashMap::new(),
            pending: Vec::new(),
            ctx,
            fctx,
            log: Vec::new(),
            keep_clif: false,
        })
    }

    /// Keep each function's CLIF text in its [`CompileRecord`].
    pub fn keep_clif(&mut self, on: bool) {
        self.keep_clif = on;
    }

    /// Declares a function taking `arity` word arguments and returning a word.
    pub fn declare(&mut self, name: &str, arity: usize) -> Result<FuncId, JitError> {
        if arity > MAX_ARGS {
            return Err(JitError::Call(format!(
                "{name}: {arity} arguments (at most {MAX_ARGS})"
            )));
        }
        let sig = signature(&self.module, 2 + arity, true);
        let id = self
            .module
            .declare_function(name, Linkage::Local, &sig)
            .map_err(|e| JitError::Compile(e.to_string()))?;
        let meta = FuncMeta {
            name: name.to_string(),
            arity,
            size: None,
            finalized: false,
        };
        self.funcs.insert(id, meta);
        Ok(id)
    }

    /// Builds and compiles the body of `id`; `build` must end every block.
    pub fn define(
        &mut self,
        id: FuncId,
        build: impl FnOnce(&mut JitFunction<'_>),
    ) -> Result<&CompileRecord, JitError> {
        let meta = self
            .funcs
            .get(&id)
            .ok_or_else(|| JitError::Call("undeclared function".into()))?;
        let (name, arity) = (meta.name.clone(), meta.arity);
        let start = Instant::now();
        self.ctx.func.signature = signature(&self.module, 2 + arity, true);
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        {
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let mut f = JitFunction::begin(b, &mut self.module, &self.types, &self.slow);
            build(&mut f);
            f.finish();
        }
        let clif = self.keep_clif.then(|| self.ctx.func.display().to_string());
        let defined = self.module.define_function(id, &mut self.ctx);
        if let Err(e) = defined {
            self.module.clear_context(&mut self.ctx);
            return Err(JitError::Compile(format!("{name}: {e:?}")));
        }
        let code = self
            .ctx
            .compiled_code()
            .expect("compiled code after define_function");
        let size = code.code_info().total_size as usize;
        let maps: StackMaps = code
            .buffer
            .user_stack_maps()
            .iter()
            .map(|(off, _span, map)| (*off, map.entries().map(|(_ty, o)| o).collect()))
            .collect();
        self.module.clear_context(&mut self.ctx);
        let record = CompileRecord {
            name,
            compile_ns: start.elapsed().as_nanos() as u64,
            code_size: size,
            stack_maps: maps.len(),
            clif,
        };
        if let Some(m) = self.funcs.get_mut(&id) {
            m.size = Some(size);
        }
        self.pending.push((id, maps));
        self.log.push(record);
        Ok(self.log.last().expect("just pushed"))
    }

    /// Makes every defined function callable and files its stack maps.
    pub fn finalize(&mut self) -> Result<(), JitError> {
        self.module
            .finalize_definitions()
            .map_err(|e| JitError::Compile(e.to_string()))?;
        for (id, maps) in std::mem::take(&mut self.pending) {
            let start = self.module.get_finalized_function(id) as usize;
            let meta = self
                .funcs
                .get_mut(&id)
                .expect("pending function is declared");
            meta.finalized = true;
            let size = meta.size.unwrap_or(0);
            self.table.insert(CodeRange {
                start,
                end: start + size,
                name: meta.name.clone(),
                maps,
            });
        }
        Ok(())
    }

    /// Every function compiled so far, in order.
    pub fn compile_log(&self) -> &[CompileRecord] {
        &self.log
    }

    /// The table of compiled code and stack maps.
    pub fn code_table(&self) -> &CodeTable {
        &self.table
    }

    /// Calls compiled function `id` with `args` on `mutator`; `roots` are
    /// the caller's own roots, reported at every safepoint inside.
    pub fn invoke(
        &self,
        id: FuncId,
        mutator: &mut Mutator,
        roots: &mut dyn RootSet,
        args: &[i64],
    ) -> Result<(i64, RunInfo), JitError> {
        let meta = self
            .funcs
            .get(&id)
            .ok_or_else(|| JitError::Call("unknown function".into()))?;
        if !meta.finalized {
            return Err(JitError::Call(format!("{} is not finalized", meta.name)));
        }
        if args.len() != meta.arity {
            let (n, a) = (&meta.name, meta.arity);
            return Err(JitError::Call(format!(
                "{n} takes {a} arguments, got {}",
                args.len()
            )));
        }
        let code = self.module.get_finalized_function(id);
        let ctx = mutator.context_ptr() as usize;
        let mut env = JitEnv::new(mutator, roots, &self.table);
        let envp = &mut env as *mut JitEnv<'_> as usize;
        let a = |i: usize| args[i];
        type F0 = extern "C" fn(usize, usize) -> i64;
        type F1 = extern "C" fn(usize, usize, i64) -> i64;
        type F2 = extern "C" fn(usize, usize, i64, i64) -> i64;
        type F3 = extern "C" fn(usize, usize, i64, i64, i64) -> i64;
        type F4 = extern "C" fn(usize, usize, i64, i64, i64, i64) -> i64;
        // SAFETY: `code` is a finalized function of this module declared
        // with the signature (env, ctx, arity × i64) -> i64 in the platform's
        // C calling convention (module.make_signature), and `args.len()`
        // equals its arity (checked above), so each transmute gives the
        // pointer its real type. `envp` points to `env`, which lives until the
        // call returns and is not touched by Rust code meanwhile except
        // through that pointer (the slow paths); `ctx` is the mutator's
        // boxed context, which compiled code accesses by the fast-path
        // protocol only.
        let r = unsafe {
            match args.len() {
                0 => std::mem::transmute::<*const u8, F0>(code)(envp, ctx),
                1 => std::mem::transmute::<*const u8, F1>(code)(envp, ctx, a(0)),
                2 => std::mem::transmute::<*const u8, F2>(code)(envp, ctx, a(0), a(1)),
                3 => std::mem::transmute::<*const u8, F3>(code)(envp, ctx, a(0), a(1), a(2)),
                _ => std::mem::transmute::<*const u8, F4>(code)(envp, ctx, a(0), a(1), a(2), a(3)),
            }
        };
        let info = RunInfo {
            safepoints: env.safepoints,
            max_frames: env.max_frames,
        };
        match env.error.take() {
            Some(e) => Err(JitError::Run(e)),
            None => Ok((r, info)),
        }
    }
}

impl std::fmt::Debug for JitRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitRuntime")
            .field("functions", &self.funcs.len())
            .field("compiled", &self.log.len())
            .finish()
    }
}
