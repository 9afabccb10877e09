//! Emitting the GC contract inline: allocation, barriers, polls, calls.
//!
//! A [`JitFunction`] wraps Cranelift's `FunctionBuilder` for one function
//! being compiled. Every compiled function has the signature
//! `(env, ctx, args...) -> i64`: `env` is the [`crate::JitEnv`] pointer,
//! `ctx` the mutator's [`gc_api::MutatorContext`], all words `i64`.

use crate::env::FAILED_OFFSET;
use crate::runtime::SlowPaths;
use crate::WORD;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{Block, FuncRef, InstBuilder, MemFlagsData, Value};
use cranelift_frontend::FunctionBuilder;
use cranelift_module::{FuncId, Module};
use gc_api::context::offsets;
use gc_api::header::{HEADER_SIZE, OBJECT_ALIGN, TID_MASK};
use gc_api::{TypeId, TypeTable};

/// Slow-path functions imported into the function being built.
pub(crate) struct SlowRefs {
    alloc: FuncRef,
    alloc_var: FuncRef,
    write_ref: FuncRef,
    write_item: FuncRef,
    safepoint: FuncRef,
}

/// One function under construction.
pub struct JitFunction<'a> {
    /// The Cranelift builder: use it for everything that is not GC.
    pub b: FunctionBuilder<'a>,
    module: &'a mut dyn Module,
    types: &'a TypeTable,
    slow: SlowRefs,
    env: Value,
    ctx: Value,
    params: Vec<Value>,
    bail: Block,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a> JitFunction<'a> {
    /// Starts the body: the entry block with `(env, ctx, args...)` and the
    /// shared bail-out block that returns 0.
    pub(crate) fn begin(
        mut b: FunctionBuilder<'a>,
        module: &'a mut dyn Module,
        types: &'a TypeTable,
        ids: &SlowPaths,
    ) -> JitFunction<'a> {
        let slow = SlowRefs {
            alloc: module.declare_func_in_func(ids.alloc, b.func),
            alloc_var: module.declare_func_in_func(ids.alloc_var, b.func),
            write_ref: module.declare_func_in_func(ids.write_ref, b.func),
            write_item: module.declare_func_in_func(ids.write_item, b.func),
            safepoint: module.declare_func_in_func(ids.safepoint, b.func),
        };
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let all = b.block_params(entry).to_vec();
        let bail = b.create_block();
        JitFunction {
            b,
            module,
            types,
            slow,
            env: all[0],
            ctx: all[1],
            params: all[2..].to_vec(),
            bail,
        }
    }

    /// Ends the body: emits the bail-out block and finalizes the builder.
    pub(crate) fn finish(mut self) {
        self.b.switch_to_block(self.bail);
        let zero = self.b.ins().iconst(WORD, 0);
        self.b.ins().return_(&[zero]);
        self.b.seal_all_blocks();
        let cfg = self.module.target_config();
        self.b.finalize(cfg);
    }

    /// The function's own arguments (after `env` and `ctx`).
    pub fn params(&self) -> &[Value] {
        &self.params
    }

    /// Declares that `v` is a GC reference: it is kept in stack maps across
    /// calls (and so updated by moving collectors).
    pub fn gc_ref(&mut self, v: Value) -> Value {
        self.b.declare_value_needs_stack_map(v);
        v
    }

    /// Loads a word field (not a reference).
    pub fn load_word(&mut self, obj: Value, offset: i32) -> Value {
        self.b.ins().load(WORD, flags(), obj, offset)
    }

    /// Loads a reference field.
    pub fn load_ref(&mut self, obj: Value, offset: i32) -> Value {
        let v = self.b.ins().load(WORD, flags(), obj, offset);
        self.gc_ref(v)
    }

    /// Stores into a non-reference field (no barrier needed).
    pub fn store_word(&mut self, obj: Value, offset: i32, v: Value) {
        self.b.ins().store(flags(), v, obj, offset);
    }

    /// Initialising store of a reference into an object allocated since the
    /// last safepoint (no barrier: the collector has not seen it yet).
    pub fn init_ref(&mut self, obj: Value, offset: i32, v: Value) {
        self.b.ins().store(flags(), v, obj, offset);
    }

    fn ctx_word(&mut self, offset: usize) -> Value {
        self.b.ins().load(WORD, flags(), self.ctx, offset as i32)
    }

    /// The inline barrier test: `header & barrier_mask | barrier_active`.
    fn needs_barrier(&mut self, obj: Value) -> Value {
        crate::inline::barrier_test(&mut self.b, self.ctx, obj)
    }

    /// Stores reference `v` at byte `offset` of `obj` with the write barrier.
    pub fn write_ref(&mut self, obj: Value, offset: i32, v: Value) {
        let test = self.needs_barrier(obj);
        let (slow, fast, done) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.b.ins().brif(test, slow, &[], fast, &[]);
        self.b.switch_to_block(slow);
        let off = self.b.ins().iconst(WORD, offset as i64);
        let env = self.env;
        self.b.ins().call(self.slow.write_ref, &[env, obj, off, v]);
        self.check_failed(done);
        self.b.switch_to_block(fast);
        self.b.ins().store(flags(), v, obj, offset);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Stores reference `v` in item `index` of var-size `obj` (the array,
    /// card-marking barrier). `index` must be in bounds.
    pub fn write_item(&mut self, obj: Value, tid: TypeId, index: Value, v: Value) {
        let info = self.types.get(tid);
        let item = info
            .var
            .as_ref()
            .expect("write_item on a fixed-size type")
            .item_size;
        let test = self.needs_barrier(obj);
        let (slow, fast, done) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.b.ins().brif(test, slow, &[], fast, &[]);
        self.b.switch_to_block(slow);
        let env = self.env;
        self.b
            .ins()
            .call(self.slow.write_item, &[env, obj, index, v]);
        self.check_failed(done);
        self.b.switch_to_block(fast);
        let scaled = self.b.ins().imul_imm_s(index, item as i64);
        let addr = self.b.ins().iadd(obj, scaled);
        self.b.ins().store(flags(), v, addr, info.fixed_size as i32);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Loads item `index` (a reference) of var-size `obj`.
    pub fn load_item(&mut self, obj: Value, tid: TypeId, index: Value) -> Value {
        let info = self.types.get(tid);
        let item = info
            .var
            .as_ref()
            .expect("load_item on a fixed-size type")
            .item_size;
        let scaled = self.b.ins().imul_imm_s(index, item as i64);
        let addr = self.b.ins().iadd(obj, scaled);
        let v = self
            .b
            .ins()
            .load(WORD, flags(), addr, info.fixed_size as i32);
        self.gc_ref(v)
    }

    /// After a call: if the environment's failure word is set, return 0 now;
    /// otherwise continue in `next`.
    fn check_failed(&mut self, next: Block) {
        let failed = self.b.ins().load(WORD, flags(), self.env, FAILED_OFFSET);
        self.b.ins().brif(failed, self.bail, &[], next, &[]);
    }

    /// A safepoint poll: collects (through the trampoline) when requested.
    pub fn poll(&mut self) {
        let req = crate::inline::safepoint_requested(&mut self.b, self.ctx);
        let (slow, done) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(req, slow, &[], done, &[]);
        self.b.switch_to_block(slow);
        let env = self.env;
        self.b.ins().call(self.slow.safepoint, &[env]);
        self.check_failed(done);
        self.b.switch_to_block(done);
    }

    /// Writes the header of a fresh object at `obj`.
    fn write_header(&mut self, obj: Value, tid: TypeId) {
        let flags_word = self.ctx_word(offsets::NEW_OBJECT_FLAGS);
        let vm_bits = self.b.ins().band_imm_s(flags_word, !(TID_MASK as i64));
        let header = self.b.ins().bor_imm_s(vm_bits, tid.0 as i64);
        self.b.ins().store(flags(), header, obj, 0);
    }

    /// Bumps the allocation buffer by `size` bytes when the object may be
    /// allocated inline; jumps to `done(obj)` or falls into `slow`.
    fn bump(&mut self, size: Value, slow: Block, done: Block, finish: impl Fn(&mut Self, Value)) {
        let max = self.ctx_word(offsets::MAX_INLINE_SIZE);
        let small = self.b.ins().icmp(IntCC::UnsignedLessThan, size, max);
        let try_bump = self.b.create_block();
        self.b.ins().brif(small, try_bump, &[], slow, &[]);
        self.b.switch_to_block(try_bump);
        let top = self.ctx_word(offsets::ALLOC_TOP);
        let limit = self.ctx_word(offsets::ALLOC_LIMIT);
        let new_top = self.b.ins().iadd(top, size);
        let fits = self
            .b
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, new_top, limit);
        let fast = self.b.create_block();
        self.b.ins().brif(fits, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let ctx = self.ctx;
        self.b
            .ins()
            .store(flags(), new_top, ctx, offsets::ALLOC_TOP as i32);
        finish(self, top);
        self.b.ins().jump(done, &[top.into()]);
    }

    /// Joins the fast and slow allocation paths: `done(obj)`, a GC reference.
    fn alloc_join(&mut self, done: Block) -> Value {
        self.b.switch_to_block(done);
        let r = self.b.block_params(done)[0];
        self.gc_ref(r)
    }

    /// Allocates a fixed-size object of type `tid` (zeroed but for its
    /// header). Never collects. On failure the function returns 0.
    pub fn alloc(&mut self, tid: TypeId) -> Value {
        let info = self.types.get(tid);
        let size = info.fixed_size as i64;
        let inline_ok = !info.needs_slow_alloc();
        let (slow, done) = (self.b.create_block(), self.b.create_block());
        self.b.append_block_param(done, WORD);
        if inline_ok {
            let size = self.b.ins().iconst(WORD, size);
            self.bump(size, slow, done, |f, obj| f.write_header(obj, tid));
        } else {
            self.b.ins().jump(slow, &[]);
        }
        self.b.switch_to_block(slow);
        let t = self.b.ins().iconst(WORD, tid.0 as i64);
        let env = self.env;
        let call = self.b.ins().call(self.slow.alloc, &[env, t]);
        let obj = self.b.inst_results(call)[0];
        self.check_failed_with(done, obj);
        self.alloc_join(done)
    }

    /// Allocates a var-size object of type `tid` with `len` items (zeroed,
    /// length written). Never collects. On failure the function returns 0.
    pub fn alloc_var(&mut self, tid: TypeId, len: Value) -> Value {
        let info = self.types.get(tid);
        let var = info.var.as_ref().expect("alloc_var on a fixed-size type");
        let (item, len_off, fixed) = (var.item_size as i64, var.length_offset, info.fixed_size);
        let inline_ok = !info.needs_slow_alloc();
        let (slow, done) = (self.b.create_block(), self.b.create_block());
        self.b.append_block_param(done, WORD);
        if inline_ok {
            // round_object_size(fixed + len * item), at least MIN_OBJECT_SIZE:
            // the fixed part of a var-size type is at least a header and a
            // length word (16 bytes), so only the rounding is needed. Huge
            // lengths fail the `size < max_inline_size` test (unsigned), so
            // an overflow cannot reach the bump.
            debug_assert!(fixed as usize >= HEADER_SIZE + 8);
            let scaled = self.b.ins().imul_imm_s(len, item);
            let raw = self
                .b
                .ins()
                .iadd_imm_s(scaled, fixed as i64 + OBJECT_ALIGN as i64 - 1);
            let size = self.b.ins().band_imm_s(raw, !(OBJECT_ALIGN as i64 - 1));
            let too_long = self
                .b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThan, len, 1 << 40);
            let check = self.b.create_block();
            self.b.ins().brif(too_long, slow, &[], check, &[]);
            self.b.switch_to_block(check);
            self.bump(size, slow, done, |f, obj| {
                f.write_header(obj, tid);
                f.b.ins().store(flags(), len, obj, len_off as i32);
            });
        } else {
            self.b.ins().jump(slow, &[]);
        }
        self.b.switch_to_block(slow);
        let t = self.b.ins().iconst(WORD, tid.0 as i64);
        let env = self.env;
        let call = self.b.ins().call(self.slow.alloc_var, &[env, t, len]);
        let obj = self.b.inst_results(call)[0];
        self.check_failed_with(done, obj);
        self.alloc_join(done)
    }

    fn check_failed_with(&mut self, next: Block, v: Value) {
        let failed = self.b.ins().load(WORD, flags(), self.env, FAILED_OFFSET);
        self.b.ins().brif(failed, self.bail, &[], next, &[v.into()]);
    }

    /// Calls compiled function `callee` (declared with `args.len()`
    /// arguments) and returns its result; returns 0 at once if it failed.
    pub fn call(&mut self, callee: FuncId, args: &[Value]) -> Value {
        let f = self.module.declare_func_in_func(callee, self.b.func);
        let mut all = vec![self.env, self.ctx];
        all.extend_from_slice(args);
        let call = self.b.ins().call(f, &all);
        let r = self.b.inst_results(call)[0];
        let next = self.b.create_block();
        self.b.append_block_param(next, WORD);
        self.check_failed_with(next, r);
        self.b.switch_to_block(next);
        self.b.block_params(next)[0]
    }

    /// Like [`JitFunction::call`], for a callee returning a GC reference.
    pub fn call_ref(&mut self, callee: FuncId, args: &[Value]) -> Value {
        let r = self.call(callee, args);
        self.gc_ref(r)
    }
}
