//! Bytecode → Cranelift IR for one code object.
//!
//! Locals live in the heap frame (loads, and stores with the inline write
//! barrier). The value stack is kept in Cranelift variables inside a basic
//! block, with a compile-time "dirty" bit per slot; before every helper call
//! and at every block end the dirty slots are flushed to the heap frame, and
//! after a helper call the frame pointer and the stack are reloaded from the
//! heap. So no GC reference held in a register or a spill slot is used after
//! a call that may collect (see the module doc of `jit`).

use super::analyze::Shape;
use super::JitCtx;
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value as PyValue;
use crate::vm::iter::{IT_C, IT_D, IT_IDX, IT_LIST, IT_MODE, IT_RANGE, IT_SEQ};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types::I64, Block, FuncRef, InstBuilder, MemFlagsData, Value};
use cranelift_codegen::isa::TargetFrontendConfig;
use cranelift_frontend::{FunctionBuilder, Switch, Variable};

/// What the translator needs to know about the function.
pub(super) struct Input<'a> {
    pub code: &'a CodeInfo,
    pub shape: &'a Shape,
    /// The constant word of each `LOAD_CONST` argument that is no heap
    /// reference (small ints, None, bools), embedded in the code.
    pub imm_consts: Vec<Option<usize>>,
    /// Address of the mutator's context (stable: boxed).
    pub mctx: usize,
    /// Torture mode: every poll takes the safepoint.
    pub torture: bool,
}

/// The helpers imported into the function.
pub(super) struct Helpers {
    pub op: FuncRef,
    pub truthy: FuncRef,
    pub safepoint: FuncRef,
    pub fset: FuncRef,
}

fn mf() -> MemFlagsData {
    MemFlagsData::trusted()
}

const CTX_FRAME: i32 = std::mem::offset_of!(JitCtx, frame) as i32;
const CTX_BUILTINS: i32 = std::mem::offset_of!(JitCtx, builtins) as i32;
const NULL: i64 = 0;
const TRUE: i64 = PyValue::TRUE.0 as i64;
const FALSE: i64 = PyValue::FALSE.0 as i64;

struct Tr<'a, 'b> {
    b: FunctionBuilder<'b>,
    inp: &'a Input<'a>,
    h: &'a Helpers,
    ctx: Value,
    fvar: Variable,
    vars: Vec<Variable>,
    dirty: Vec<bool>,
    depth: usize,
    base: usize,
    blocks: Vec<Option<Block>>,
    exc: Block,
    live: bool,
}

/// Translates the function body into `b` (signature `(ctx, frame, pc) -> status`).
pub(super) fn translate(
    mut b: FunctionBuilder<'_>,
    inp: &Input<'_>,
    h: &Helpers,
    target: TargetFrontendConfig,
) {
    let code = inp.code;
    let n = code.instrs.len();
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    let exc = b.create_block();
    let fvar = b.declare_var(I64);
    let vars = (0..code.stacksize.max(1))
        .map(|_| b.declare_var(I64))
        .collect();
    let blocks = (0..n)
        .map(|pc| inp.shape.block_start[pc].then(|| b.create_block()))
        .collect();
    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let mut t = Tr {
        b,
        inp,
        h,
        ctx: params[0],
        fvar,
        vars,
        dirty: vec![false; code.stacksize.max(1) as usize],
        depth: 0,
        base: code.stack_base(),
        blocks,
        exc,
        live: true,
    };
    t.b.def_var(fvar, params[1]);
    t.entry(params[2]);
    let mut pc = 0;
    while pc < n {
        pc = t.instr(pc);
    }
    if t.live {
        // cannot happen (analysis rejects falling off the end): exit
        t.exit_at(n.saturating_sub(1));
    }
    t.b.switch_to_block(exc);
    let one = t.b.ins().iconst(I64, 1);
    t.b.ins().return_(&[one]);
    t.b.seal_all_blocks();
    t.b.finalize(target);
}

impl Tr<'_, '_> {
    fn iconst(&mut self, v: i64) -> Value {
        self.b.ins().iconst(I64, v)
    }
    fn frame(&mut self) -> Value {
        self.b.use_var(self.fvar)
    }
    fn push(&mut self, v: Value) {
        self.b.def_var(self.vars[self.depth], v);
        self.dirty[self.depth] = true;
        self.depth += 1;
    }
    fn pop(&mut self) -> Value {
        self.depth -= 1;
        self.b.use_var(self.vars[self.depth])
    }
    fn peek(&mut self, k: usize) -> Value {
        self.b.use_var(self.vars[self.depth - k])
    }
    fn load(&mut self, base: Value, off: usize) -> Value {
        self.b.ins().load(I64, mf(), base, off as i32)
    }
    fn block(&mut self) -> Block {
        self.b.create_block()
    }

    /// Stores `v` into frame item `idx` with the inline write barrier.
    fn store_item(&mut self, idx: usize, v: Value) {
        let f = self.frame();
        let mctx = self.iconst(self.inp.mctx as i64);
        let test = gc_jit::inline::barrier_test(&mut self.b, mctx, f);
        let (slow, fast, done) = (self.block(), self.block(), self.block());
        self.b.ins().brif(test, slow, &[], fast, &[]);
        self.b.switch_to_block(slow);
        let i = self.iconst(idx as i64);
        let call = self.b.ins().call(self.h.fset, &[self.ctx, f, i, v]);
        let r = self.b.inst_results(call)[0];
        self.b.ins().brif(r, done, &[], self.exc, &[]);
        self.b.switch_to_block(fast);
        self.b
            .ins()
            .store(mf(), v, f, (FRAME_ITEMS + 8 * idx) as i32);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Writes every dirty stack slot to the heap frame.
    fn flush(&mut self) {
        for i in 0..self.depth {
            if self.dirty[i] {
                let v = self.b.use_var(self.vars[i]);
                self.store_item(self.base + i, v);
                self.dirty[i] = false;
            }
        }
    }

    fn set_pc_sp(&mut self, pc: usize) {
        let f = self.frame();
        let p = self.iconst(pc as i64);
        self.b.ins().store(mf(), p, f, FRAME_PC as i32);
        let s = self.iconst((self.base + self.depth) as i64);
        self.b.ins().store(mf(), s, f, FRAME_SP as i32);
    }

    /// After a helper: the frame (maybe moved) and `depth` stack slots.
    fn reload(&mut self, depth: usize) {
        let f = self.load(self.ctx, CTX_FRAME as usize);
        self.b.def_var(self.fvar, f);
        for i in 0..depth {
            let v = self.load(f, FRAME_ITEMS + 8 * (self.base + i));
            self.b.def_var(self.vars[i], v);
            self.dirty[i] = false;
        }
        self.depth = depth;
    }

    /// Flushes, records pc/sp and calls `f(ctx, args..)`; continues in a
    /// new block when the helper returned non-zero (else: exception exit).
    fn call_helper(&mut self, next_pc: usize, f: FuncRef, args: &[Value]) -> Value {
        self.flush();
        self.set_pc_sp(next_pc);
        let mut all = vec![self.ctx];
        all.extend_from_slice(args);
        let call = self.b.ins().call(f, &all);
        let r = self.b.inst_results(call)[0];
        let cont = self.block();
        self.b.ins().brif(r, cont, &[], self.exc, &[]);
        self.b.switch_to_block(cont);
        r
    }

    /// The interpreter's code for instruction `pc` on the heap frame.
    fn generic(&mut self, pc: usize, depth_after: usize) -> Value {
        let p = self.iconst(pc as i64);
        let r = self.call_helper(pc + 1, self.h.op, &[p]);
        self.reload(depth_after);
        r
    }

    /// Returns to the interpreter, which resumes at `pc`.
    fn exit_at(&mut self, pc: usize) {
        self.flush();
        self.set_pc_sp(pc);
        let z = self.iconst(0);
        self.b.ins().return_(&[z]);
        self.live = false;
    }

    /// Entry: a safepoint poll, then a switch on the entry pc.
    fn entry(&mut self, pc: Value) {
        let (slow, go) = (self.block(), self.block());
        self.poll_test(slow, go);
        self.b.switch_to_block(slow);
        let f = self.frame();
        let next = self.b.ins().iadd_imm_s(pc, 1);
        self.b.ins().store(mf(), next, f, FRAME_PC as i32);
        let call = self.b.ins().call(self.h.safepoint, &[self.ctx]);
        let r = self.b.inst_results(call)[0];
        let ok = self.block();
        self.b.ins().brif(r, ok, &[], self.exc, &[]);
        self.b.switch_to_block(ok);
        self.reload(0);
        self.b.ins().jump(go, &[]);
        self.b.switch_to_block(go);
        let mut sw = Switch::new();
        for &e in &self.inp.shape.entries {
            if let Some(b) = self.blocks[e as usize] {
                sw.set_entry(e as u128, b);
            }
        }
        let other = self.block();
        sw.emit(&mut self.b, pc, other);
        self.b.switch_to_block(other);
        let z = self.iconst(0);
        self.b.ins().return_(&[z]);
        self.live = false;
    }

    /// Branches to `slow` when a safepoint is due, else to `go`.
    fn poll_test(&mut self, slow: Block, go: Block) {
        if self.inp.torture {
            self.b.ins().jump(slow, &[]);
        } else {
            let mctx = self.iconst(self.inp.mctx as i64);
            let req = gc_jit::inline::safepoint_requested(&mut self.b, mctx);
            self.b.ins().brif(req, slow, &[], go, &[]);
        }
    }

    fn goto(&mut self, pc: usize) {
        let b = self.blocks[pc].expect("jump target is a block");
        self.b.ins().jump(b, &[]);
    }

    /// Translates the instruction at `pc`; returns the next pc to translate.
    fn instr(&mut self, pc: usize) -> usize {
        let code = self.inp.code;
        if let Some(b) = self.blocks[pc] {
            if self.live {
                self.flush();
                self.b.ins().jump(b, &[]);
            }
            match self.inp.shape.depth[pc] {
                Some(d) => {
                    self.b.switch_to_block(b);
                    let f = self.frame();
                    self.b.def_var(self.fvar, f);
                    for i in 0..d as usize {
                        let v = self.load(f, FRAME_ITEMS + 8 * (self.base + i));
                        self.b.def_var(self.vars[i], v);
                        self.dirty[i] = false;
                    }
                    self.depth = d as usize;
                    self.live = true;
                }
                None => {
                    // unreachable block: give it a body
                    self.b.switch_to_block(b);
                    let z = self.iconst(0);
                    self.b.ins().return_(&[z]);
                    self.live = false;
                }
            }
        }
        if !self.live {
            return pc + 1;
        }
        let ins = code.instrs[pc];
        let arg = ins.arg as usize;
        let after = (self.depth as i64 + stack_effect(ins.op, ins.arg) as i64) as usize;
        match ins.op {
            Op::Nop => {}
            Op::PopTop => self.depth -= 1,
            Op::DupTop => {
                let v = self.peek(1);
                self.push(v);
            }
            Op::RotTwo => {
                let (a, b) = (self.pop(), self.pop());
                self.push(a);
                self.push(b);
            }
            Op::RotThree => {
                let (a, b, c) = (self.pop(), self.pop(), self.pop());
                self.push(a);
                self.push(c);
                self.push(b);
            }
            Op::PushNull => {
                let z = self.iconst(NULL);
                self.push(z);
            }
            Op::LoadConst => self.load_const(arg),
            Op::LoadGlobal => self.load_global(pc),
            Op::LoadFast => self.load_fast(pc, arg),
            Op::StoreFast => {
                let v = self.pop();
                self.store_item(arg, v);
            }
            Op::Binary | Op::Inplace
                if matches!(
                    ins.arg,
                    B_ADD | B_SUB | B_MUL | B_FLOORDIV | B_MOD | B_AND | B_OR | B_XOR
                ) =>
            {
                self.int_arith(pc, ins.arg)
            }
            Op::Unary if ins.arg == U_NEG || ins.arg == U_NOT => self.unary(pc, ins.arg),
            Op::Compare if ins.arg <= C_GE => return self.compare(pc, ins.arg),
            Op::IsOp => {
                let (b, a) = (self.pop(), self.pop());
                let cc = if arg == 1 {
                    IntCC::NotEqual
                } else {
                    IntCC::Equal
                };
                let c = self.b.ins().icmp(cc, a, b);
                let (t, f) = (self.iconst(TRUE), self.iconst(FALSE));
                let r = self.b.ins().select(c, t, f);
                self.push(r);
            }
            Op::Jump => {
                self.flush();
                if arg <= pc {
                    self.backedge_poll(pc);
                }
                self.goto(arg);
                self.live = false;
            }
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                self.truth_jump(pc, ins.op == Op::PopJumpIfTrue, arg, pc + 1, true)
            }
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                self.truth_jump(pc, ins.op == Op::JumpIfTrueOrPop, arg, pc + 1, false)
            }
            Op::ForIter => self.for_iter(pc, arg),
            Op::Return => self.exit_at(pc),
            Op::Raise => {
                // the helper always raises
                let p = self.iconst(pc as i64);
                self.call_helper(pc + 1, self.h.op, &[p]);
                self.b.ins().jump(self.exc, &[]);
                self.live = false;
            }
            _ => {
                self.generic(pc, after);
            }
        }
        pc + 1
    }

    fn load_const(&mut self, i: usize) {
        if let Some(w) = self.inp.imm_consts.get(i).copied().flatten() {
            let v = self.iconst(w as i64);
            self.push(v);
            return;
        }
        let f = self.frame();
        let code = self.load(f, FRAME_CODE);
        let consts = self.load(code, slot(crate::vm::call::CO_CONSTS));
        let v = self.load(consts, ITEMS_OFF + 8 * i);
        self.push(v);
    }

    /// LOAD_GLOBAL: a hit of the interpreter's inline cache (the globals'
    /// and builtins' dict versions match) inline, else the helper.
    fn load_global(&mut self, pc: usize) {
        use crate::object::dict::D_VER;
        use crate::vm::cache::IC_SLOTS;
        let ic = self.inp.code.instrs[pc].ic;
        if ic == NO_IC {
            // no cache line: the interpreter's code for the instruction
            self.generic(pc, self.depth + 1);
            return;
        }
        let f = self.frame();
        let g = self.load(f, FRAME_GLOBALS);
        let gv = self.load(g, slot(D_VER));
        let bd = self.load(self.ctx, CTX_BUILTINS as usize);
        let bv = self.load(bd, slot(D_VER));
        let code = self.load(f, FRAME_CODE);
        let cache = self.load(code, slot(crate::vm::call::CO_CACHE));
        let at = ITEMS_OFF + 8 * IC_SLOTS * ic as usize;
        let (c0, c1, v) = (
            self.load(cache, at),
            self.load(cache, at + 8),
            self.load(cache, at + 16),
        );
        let e0 = self.b.ins().icmp(IntCC::Equal, c0, gv);
        let e1 = self.b.ins().icmp(IntCC::Equal, c1, bv);
        let nn = self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 0);
        let ok = self.b.ins().band(e0, e1);
        let ok = self.b.ins().band(ok, nn);
        let (slow, fast, join) = (self.block(), self.block(), self.block());
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.slow_path(pc, slow, self.depth + 1, join);
        self.b.switch_to_block(fast);
        self.push(v);
        self.b.ins().jump(join, &[]);
        self.b.switch_to_block(join);
    }

    fn load_fast(&mut self, pc: usize, i: usize) {
        let f = self.frame();
        let v = self.load(f, FRAME_ITEMS + 8 * i);
        let (slow, ok) = (self.block(), self.block());
        self.b.ins().brif(v, ok, &[], slow, &[]);
        self.b.switch_to_block(slow);
        // unbound: the helper raises UnboundLocalError
        let saved = self.dirty.clone();
        self.generic(pc, self.depth + 1);
        self.b.ins().jump(ok, &[]);
        self.dirty = saved;
        self.depth -= 1;
        self.b.switch_to_block(ok);
        self.push(v);
    }

    /// Jumps to `slow` unless both words are small ints.
    fn both_ints(&mut self, a: Value, b: Value, slow: Block) {
        let both = self.b.ins().band(a, b);
        let bit = self.b.ins().band_imm_s(both, 1);
        let ok = self.block();
        self.b.ins().brif(bit, ok, &[], slow, &[]);
        self.b.switch_to_block(ok);
    }

    /// Emits the generic path of instruction `pc` in block `slow` (leaving
    /// `depth_after` slots), joining `join`; the compile-time stack state
    /// is restored for the fast path that follows.
    fn slow_path(&mut self, pc: usize, slow: Block, depth_after: usize, join: Block) {
        let (saved, d) = (self.dirty.clone(), self.depth);
        self.b.switch_to_block(slow);
        self.generic(pc, depth_after);
        self.b.ins().jump(join, &[]);
        self.dirty = saved;
        self.depth = d;
    }

    /// Small-int `+ - *` with an overflow guard; anything else calls the
    /// interpreter's binary operation.
    fn int_arith(&mut self, pc: usize, op: u32) {
        let (a, b) = (self.peek(2), self.peek(1));
        let (slow, join) = (self.block(), self.block());
        self.both_ints(a, b, slow);
        let x = self.b.ins().sshr_imm_s(a, 1);
        let y = self.b.ins().sshr_imm_s(b, 1);
        let (r, mut ok) = match op {
            B_ADD => (self.b.ins().iadd(x, y), None),
            B_SUB => (self.b.ins().isub(x, y), None),
            B_AND => (self.b.ins().band(x, y), None),
            B_OR => (self.b.ins().bor(x, y), None),
            B_XOR => (self.b.ins().bxor(x, y), None),
            B_FLOORDIV | B_MOD => {
                // a positive divisor inline (Python floors: adjust a
                // negative remainder); zero and negative divisors call the
                // interpreter
                let pos = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, y, 0);
                let go = self.block();
                self.b.ins().brif(pos, go, &[], slow, &[]);
                self.b.switch_to_block(go);
                let q = self.b.ins().sdiv(x, y);
                let rem = self.b.ins().srem(x, y);
                let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, rem, 0);
                if op == B_FLOORDIV {
                    let q1 = self.b.ins().iadd_imm_s(q, -1);
                    (self.b.ins().select(neg, q1, q), None)
                } else {
                    let r1 = self.b.ins().iadd(rem, y);
                    (self.b.ins().select(neg, r1, rem), None)
                }
            }
            _ => {
                let lo = self.b.ins().imul(x, y);
                let hi = self.b.ins().smulhi(x, y);
                let sign = self.b.ins().sshr_imm_s(lo, 63);
                (lo, Some(self.b.ins().icmp(IntCC::Equal, hi, sign)))
            }
        };
        let sh = self.b.ins().ishl_imm_s(r, 1);
        let tagged = self.b.ins().bor_imm_s(sh, 1);
        let back = self.b.ins().sshr_imm_s(tagged, 1);
        let fits = self.b.ins().icmp(IntCC::Equal, back, r);
        if let Some(o) = ok.take() {
            ok = Some(self.b.ins().band(o, fits));
        }
        let fits = ok.unwrap_or(fits);
        let fast = self.block();
        self.b.ins().brif(fits, fast, &[], slow, &[]);
        self.slow_path(pc, slow, self.depth - 1, join);
        self.b.switch_to_block(fast);
        self.depth -= 2;
        self.push(tagged);
        self.b.ins().jump(join, &[]);
        self.b.switch_to_block(join);
    }

    /// `-x` on a small int and `not x` on a bool inline; anything else
    /// calls the interpreter's unary operation.
    fn unary(&mut self, pc: usize, op: u32) {
        let a = self.peek(1);
        let (slow, join, fast) = (self.block(), self.block(), self.block());
        let r = if op == U_NEG {
            let bit = self.b.ins().band_imm_s(a, 1);
            let ok = self.block();
            self.b.ins().brif(bit, ok, &[], slow, &[]);
            self.b.switch_to_block(ok);
            let x = self.b.ins().sshr_imm_s(a, 1);
            let nx = self.b.ins().ineg(x);
            let sh = self.b.ins().ishl_imm_s(nx, 1);
            let tagged = self.b.ins().bor_imm_s(sh, 1);
            let back = self.b.ins().sshr_imm_s(tagged, 1);
            let fits = self.b.ins().icmp(IntCC::Equal, back, nx);
            self.b.ins().brif(fits, fast, &[], slow, &[]);
            tagged
        } else {
            let is_t = self.b.ins().icmp_imm_s(IntCC::Equal, a, TRUE);
            let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, a, FALSE);
            let is_b = self.b.ins().bor(is_t, is_f);
            let (t, f) = (self.iconst(TRUE), self.iconst(FALSE));
            let r = self.b.ins().select(is_t, f, t);
            self.b.ins().brif(is_b, fast, &[], slow, &[]);
            r
        };
        self.slow_path(pc, slow, self.depth, join);
        self.b.switch_to_block(fast);
        self.depth -= 1;
        self.push(r);
        self.b.ins().jump(join, &[]);
        self.b.switch_to_block(join);
    }

    /// `<, <=, ==, !=, >, >=` on small ints inline (fused with a following
    /// POP_JUMP_IF); otherwise the interpreter's comparison.
    fn compare(&mut self, pc: usize, op: u32) -> usize {
        let cc = [
            IntCC::SignedLessThan,
            IntCC::SignedLessThanOrEqual,
            IntCC::Equal,
            IntCC::NotEqual,
            IntCC::SignedGreaterThan,
            IntCC::SignedGreaterThanOrEqual,
        ][op as usize];
        let code = self.inp.code;
        let next = code.instrs.get(pc + 1).map(|i| i.op);
        let fused = matches!(next, Some(Op::PopJumpIfFalse | Op::PopJumpIfTrue))
            && !self.inp.shape.block_start[pc + 1];
        let (a, b) = (self.peek(2), self.peek(1));
        let (slow, join) = (self.block(), self.block());
        self.both_ints(a, b, slow);
        // tagging (2n+1) preserves the order
        let c = self.b.ins().icmp(cc, a, b);
        if !fused {
            let (t, f) = (self.iconst(TRUE), self.iconst(FALSE));
            let r = self.b.ins().select(c, t, f);
            let (saved, d) = (self.dirty.clone(), self.depth);
            self.depth -= 2;
            self.push(r);
            self.b.ins().jump(join, &[]);
            let (fast_dirty, fast_depth) = (self.dirty.clone(), self.depth);
            self.dirty = saved;
            self.depth = d;
            self.b.switch_to_block(slow);
            self.generic(pc, d - 1);
            self.b.ins().jump(join, &[]);
            self.dirty = fast_dirty;
            self.depth = fast_depth;
            self.b.switch_to_block(join);
            return pc + 1;
        }
        let jpc = pc + 1;
        let jins = code.instrs[jpc];
        let if_true = jins.op == Op::PopJumpIfTrue;
        let target = jins.arg as usize;
        // fast: both operands consumed, branch on the flag
        let (saved, d) = (self.dirty.clone(), self.depth);
        self.depth -= 2;
        self.flush();
        let (tb, fb) = (self.blocks[target], self.blocks[jpc + 1]);
        let (tb, fb) = (tb.expect("target"), fb.expect("fall-through"));
        if if_true {
            self.b.ins().brif(c, tb, &[], fb, &[]);
        } else {
            self.b.ins().brif(c, fb, &[], tb, &[]);
        }
        self.dirty = saved;
        self.depth = d;
        self.b.switch_to_block(slow);
        self.generic(pc, d - 1);
        let _ = join;
        self.truth_jump(jpc, if_true, target, jpc + 1, true);
        self.live = false;
        jpc + 1
    }

    /// A conditional jump on the truth of the top of the stack: the value
    /// is popped always (`pop`) or only on the fall-through path.
    fn truth_jump(&mut self, pc: usize, if_true: bool, target: usize, fall: usize, pop: bool) {
        let v = self.peek(1);
        self.flush();
        let tb = self.blocks[target].expect("target");
        let fb = self.blocks[fall].expect("fall-through");
        let (on_true, on_false) = if if_true { (tb, fb) } else { (fb, tb) };
        let (chk_f, slow) = (self.block(), self.block());
        let is_t = self.b.ins().icmp_imm_s(IntCC::Equal, v, TRUE);
        self.b.ins().brif(is_t, on_true, &[], chk_f, &[]);
        self.b.switch_to_block(chk_f);
        let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, v, FALSE);
        let chk_i = self.block();
        self.b.ins().brif(is_f, on_false, &[], chk_i, &[]);
        self.b.switch_to_block(chk_i);
        // a small int is true unless it is 0 (tagged 1)
        let bit = self.b.ins().band_imm_s(v, 1);
        let int_b = self.block();
        self.b.ins().brif(bit, int_b, &[], slow, &[]);
        self.b.switch_to_block(int_b);
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 1);
        self.b.ins().brif(nz, on_true, &[], on_false, &[]);
        self.b.switch_to_block(slow);
        let r = self.call_helper(pc + 1, self.h.truthy, &[]);
        self.reload(0);
        let t = self.b.ins().icmp_imm_s(IntCC::Equal, r, 2);
        self.b.ins().brif(t, on_true, &[], on_false, &[]);
        let _ = pop;
        self.live = false;
    }

    fn backedge_poll(&mut self, pc: usize) {
        let (slow, go) = (self.block(), self.block());
        self.poll_test(slow, go);
        self.b.switch_to_block(slow);
        self.call_helper(pc + 1, self.h.safepoint, &[]);
        self.reload(0);
        self.b.ins().jump(go, &[]);
        self.b.switch_to_block(go);
    }

    /// The next item of list iterator `it` (a list in `IT_SEQ`, a small-int
    /// index), advancing it; jumps to `slow` at the end or on anything odd.
    fn list_next(&mut self, it: Value, slow: Block) -> Value {
        use crate::object::list::{L_ITEMS, L_LEN};
        let l = self.load(it, slot(IT_SEQ));
        let low = self.b.ins().band_imm_s(l, 7);
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, l, 0);
        let low0 = self.b.ins().icmp_imm_s(IntCC::Equal, low, 0);
        let is_ref = self.b.ins().band(nz, low0);
        let c1 = self.block();
        self.b.ins().brif(is_ref, c1, &[], slow, &[]);
        self.b.switch_to_block(c1);
        let i = self.load(it, slot(IT_IDX));
        let len = self.load(l, slot(L_LEN));
        let both = self.b.ins().band(i, len);
        let ints = self.b.ins().band_imm_s(both, 1);
        let ints = self.b.ins().icmp_imm_s(IntCC::NotEqual, ints, 0);
        let lt = self.b.ins().icmp(IntCC::SignedLessThan, i, len);
        let ix = self.b.ins().sshr_imm_s(i, 1);
        let nonneg = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, ix, 0);
        let items = self.load(l, slot(L_ITEMS));
        let cap = self.load(items, LEN_OFF);
        let inb = self.b.ins().icmp(IntCC::UnsignedLessThan, ix, cap);
        let ok = self.b.ins().band(ints, lt);
        let ok = self.b.ins().band(ok, nonneg);
        let ok = self.b.ins().band(ok, inb);
        let c2 = self.block();
        self.b.ins().brif(ok, c2, &[], slow, &[]);
        self.b.switch_to_block(c2);
        let off = self.b.ins().ishl_imm_s(ix, 3);
        let addr = self.b.ins().iadd(items, off);
        let v = self.load(addr, ITEMS_OFF);
        // an int replaces an int: no reference store (as fast_next)
        let next = self.b.ins().iadd_imm_s(i, 2);
        self.b.ins().store(mf(), next, it, slot(IT_IDX) as i32);
        v
    }

    /// FOR_ITER: a range iterator with a positive step is a counted loop;
    /// any other iterator (and the end of a range) calls the interpreter.
    fn for_iter(&mut self, pc: usize, target: usize) {
        let it = self.peek(1);
        let (slow, cont) = (self.block(), self.block());
        let low = self.b.ins().band_imm_s(it, 7);
        let c1 = self.block();
        self.b.ins().brif(low, slow, &[], c1, &[]);
        self.b.switch_to_block(c1);
        let hdr = self.load(it, 0);
        let tid = self.b.ins().band_imm_s(hdr, 0xffff_ffff);
        let is_iter = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tid, Kind::Iter as i64);
        let c2 = self.block();
        self.b.ins().brif(is_iter, c2, &[], slow, &[]);
        self.b.switch_to_block(c2);
        let mode = self.load(it, slot(IT_MODE));
        let is_range = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, mode, PyValue::int(IT_RANGE).0 as i64);
        let (c3, not_range) = (self.block(), self.block());
        self.b.ins().brif(is_range, c3, &[], not_range, &[]);
        self.b.switch_to_block(not_range);
        let is_list = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, mode, PyValue::int(IT_LIST).0 as i64);
        let cl = self.block();
        self.b.ins().brif(is_list, cl, &[], slow, &[]);
        self.b.switch_to_block(cl);
        let list_item = self.list_next(it, slow);
        let (saved, d) = (self.dirty.clone(), self.depth);
        self.push(list_item);
        self.b.ins().jump(cont, &[]);
        self.dirty = saved;
        self.depth = d;
        self.b.switch_to_block(c3);
        let cur = self.load(it, slot(IT_IDX));
        let stop = self.load(it, slot(IT_C));
        let step = self.load(it, slot(IT_D));
        let a = self.b.ins().band(cur, stop);
        let a = self.b.ins().band(a, step);
        let ints = self.b.ins().band_imm_s(a, 1);
        let pos = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThan, step, PyValue::int(0).0 as i64);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, cur, stop);
        let ok = self.b.ins().band(pos, more);
        let ok = self.b.ins().uextend(I64, ok);
        let ok = self.b.ins().band(ok, ints);
        let c4 = self.block();
        self.b.ins().brif(ok, c4, &[], slow, &[]);
        self.b.switch_to_block(c4);
        let x = self.b.ins().sshr_imm_s(cur, 1);
        let y = self.b.ins().sshr_imm_s(step, 1);
        let nx = self.b.ins().iadd(x, y);
        let sh = self.b.ins().ishl_imm_s(nx, 1);
        let tagged = self.b.ins().bor_imm_s(sh, 1);
        let back = self.b.ins().sshr_imm_s(tagged, 1);
        let fits = self.b.ins().icmp(IntCC::Equal, back, nx);
        let c5 = self.block();
        self.b.ins().brif(fits, c5, &[], slow, &[]);
        self.b.switch_to_block(c5);
        // an int replaces an int: no reference store, no barrier (as the
        // interpreter's fast_next)
        self.b.ins().store(mf(), tagged, it, slot(IT_IDX) as i32);
        let (saved, d) = (self.dirty.clone(), self.depth);
        self.push(cur);
        self.b.ins().jump(cont, &[]);
        let (fast_dirty, fast_depth) = (self.dirty.clone(), self.depth);
        self.dirty = saved;
        self.depth = d;
        // slow: the interpreter's FOR_ITER (1: a value, 2: exhausted)
        self.b.switch_to_block(slow);
        let p = self.iconst(pc as i64);
        let r = self.call_helper(pc + 1, self.h.op, &[p]);
        let (done, more) = (self.block(), self.block());
        let is_done = self.b.ins().icmp_imm_s(IntCC::Equal, r, 2);
        self.b.ins().brif(is_done, done, &[], more, &[]);
        self.b.switch_to_block(done);
        let f = self.load(self.ctx, CTX_FRAME as usize);
        self.b.def_var(self.fvar, f);
        self.goto(target);
        self.b.switch_to_block(more);
        self.reload(d + 1);
        self.b.ins().jump(cont, &[]);
        self.dirty = fast_dirty;
        self.depth = fast_depth;
        self.b.switch_to_block(cont);
    }
}
