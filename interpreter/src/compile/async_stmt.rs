//! `async for`, `async with` and the async parts of comprehensions.

use super::bytecode::*;
use super::{CResult, Compiler, FBlock, Label};
use ruff_python_ast::{self as ast, Expr, Stmt};

/// Does `e` contain an `await` (not looking into nested scopes)?
pub(crate) fn contains_await(e: &Expr) -> bool {
    if matches!(e, Expr::Await(_)) {
        return true;
    }
    let mut found = false;
    super::symtable::walk_children(e, &mut |c| {
        if !found && contains_await(c) {
            found = true;
        }
    });
    found
}

impl<'a> Compiler<'a> {
    /// `await` on TOS: GetAwaitable, then delegate.
    pub(crate) fn emit_await(&mut self) {
        self.op(Op::GetAwaitable);
        self.load_const(Const::None);
        self.op(Op::YieldFrom);
    }

    /// `[exit]` → `await exit(None, None, None)`, result dropped.
    pub(crate) fn emit_async_exit_normal(&mut self) {
        self.op(Op::PushNull);
        for _ in 0..3 {
            self.load_const(Const::None);
        }
        self.emit(Op::Call, 3);
        self.emit_await();
        self.op(Op::PopTop);
    }

    /// The head of an async loop over the async iterator on TOS: pushes the
    /// next value, or jumps to `end` (iterator popped) on StopAsyncIteration.
    /// Returns the handler label, to be bound by `async_loop_end`.
    pub(crate) fn async_loop_head(&mut self) -> (Label, i32) {
        let handler = self.new_label();
        let d = self.u.depth; // [aiter]
        self.push_handler(handler, d);
        self.op(Op::GetANext);
        self.load_const(Const::None);
        self.op(Op::YieldFrom);
        self.pop_handler();
        (handler, d)
    }

    /// Binds the loop's StopAsyncIteration handler: `[aiter, exc]` → `[]`.
    pub(crate) fn async_loop_end(&mut self, handler: Label, d: i32) {
        self.bind(handler);
        self.u.depth = d + 1;
        self.op(Op::EndAsyncFor);
    }

    pub(crate) fn async_for(&mut self, f: &'a ast::StmtFor) -> CResult {
        self.expr(&f.iter)?;
        self.op(Op::GetAIter);
        let start = self.new_label();
        let brk = self.new_label();
        self.bind(start);
        let (handler, d) = self.async_loop_head();
        self.store(&f.target)?;
        self.u.fblocks.push(FBlock::Loop {
            cont: start,
            brk,
            for_loop: true,
        });
        self.compile_body(&f.body)?;
        self.u.fblocks.pop();
        self.jump(Op::Jump, start);
        self.async_loop_end(handler, d);
        self.compile_body(&f.orelse)?;
        self.bind(brk);
        Ok(())
    }

    pub(crate) fn async_with(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        self.expr(&first.context_expr)?;
        self.op(Op::BeforeAsyncWith); // [exit, awaitable]
        self.load_const(Const::None);
        self.op(Op::YieldFrom); // [exit, enter_result]
        let handler = self.new_label();
        let after = self.new_label();
        let d = self.u.depth;
        self.push_handler(handler, d - 1);
        match &first.optional_vars {
            Some(t) => self.store(t)?,
            None => self.op(Op::PopTop),
        }
        self.u.fblocks.push(FBlock::AsyncWith);
        self.async_with(rest, body)?;
        self.u.fblocks.pop();
        self.pop_handler();
        self.emit_async_exit_normal();
        self.jump(Op::Jump, after);
        self.bind(handler);
        self.u.depth = d; // [exit, exc]
        self.op(Op::WithExceptStart); // [exit, exc, res]
        self.emit_await();
        self.jump(Op::WithExceptFinish, after);
        self.bind(after);
        self.u.depth = d - 2;
        Ok(())
    }
}
