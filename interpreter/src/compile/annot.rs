//! Variable annotations (PEP 526): `x: T [= v]` in module and class bodies
//! stores `T` in `__annotations__` (created at the start of a body that has
//! any); `from __future__ import annotations` (PEP 563) stores the source text.
//! In functions the annotation is not evaluated, as in CPython.

use super::symtable::ScopeKind;
use super::{CResult, Compiler};
use crate::compile::bytecode::{Const, Op};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// Does `body` (not nested scopes) hold an annotated simple name?
pub(crate) fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple && matches!(&*a.target, Expr::Name(_)),
        Stmt::If(i) => {
            has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        _ => false,
    })
}

/// The docstring of a body: its first statement, if a string literal.
pub(crate) fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first() {
        Some(Stmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Does the module start with `from __future__ import annotations`?
pub(crate) fn future_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::ImportFrom(f) => {
            f.module
                .as_ref()
                .is_some_and(|m| m.id.as_str() == "__future__")
                && f.names.iter().any(|n| n.name.id.as_str() == "annotations")
        }
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// `__annotations__ = {}` at the start of a module/class body that needs it.
    pub(crate) fn setup_annotations(&mut self, body: &'a [Stmt]) {
        if has_annotations(body) {
            self.emit(Op::BuildMap, 0);
            self.name_op("__annotations__", 1);
        }
    }

    /// `target: annotation [= value]`.
    pub(crate) fn annassign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store(&a.target)?;
        }
        if self.u.scope.kind == ScopeKind::Function {
            return Ok(());
        }
        match &*a.target {
            Expr::Name(n) if a.simple => {
                self.annotation(&a.annotation)?;
                self.name_op("__annotations__", 0);
                self.load_const(Const::Str(n.id.to_string()));
                self.op(Op::StoreSubscr);
            }
            _ => {
                if !self.future_annotations {
                    self.expr(&a.annotation)?;
                    self.op(Op::PopTop);
                }
            }
        }
        Ok(())
    }

    fn annotation(&mut self, e: &'a Expr) -> CResult {
        if self.future_annotations {
            let r = e.range();
            let text = self
                .src
                .get(r.start().to_usize()..r.end().to_usize())
                .unwrap_or("")
                .to_string();
            self.load_const(Const::Str(text));
            Ok(())
        } else if let Expr::Starred(s) = e {
            // PEP 646 `*args: *Ts`: the one item of `[*Ts]`, as CPython
            self.expr(&s.value)?;
            self.emit(Op::UnpackSequence, 1);
            Ok(())
        } else {
            self.expr(e)
        }
    }

    /// With the new function on the stack: `f.__annotations__ = {...}` from
    /// its parameter and return annotations (evaluated at definition time,
    /// or their source text under PEP 563). Leaves the function on the stack.
    pub(crate) fn function_annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> CResult {
        let mut items: Vec<(String, &'a Expr)> = vec![];
        let mut push = |a: &'a ast::Parameter| {
            if let Some(an) = a.annotation.as_deref() {
                items.push((a.name.id.to_string(), an));
            }
        };
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            push(&a.parameter);
        }
        if let Some(a) = p.vararg.as_deref() {
            push(a);
        }
        for a in &p.kwonlyargs {
            push(&a.parameter);
        }
        if let Some(a) = p.kwarg.as_deref() {
            push(a);
        }
        if let Some(r) = returns {
            items.push(("return".to_string(), r));
        }
        if items.is_empty() {
            return Ok(());
        }
        self.op(Op::DupTop);
        let n = items.len() as u32;
        for (name, e) in items {
            let m = self.mangle(&name);
            self.load_const(Const::Str(m));
            self.annotation(e)?;
        }
        self.emit(Op::BuildMap, n);
        self.op(Op::RotTwo);
        let ni = self.attr_name("__annotations__");
        self.emit(Op::StoreAttr, ni);
        Ok(())
    }
}
