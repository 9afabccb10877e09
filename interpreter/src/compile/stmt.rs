//! Statement compilation.

use super::bytecode::*;
use super::symtable::{key_of, ScopeKind};
use super::{CResult, Compiler, FBlock};
use ruff_python_ast::{self as ast, Expr, Stmt};

impl<'a> Compiler<'a> {
    pub(crate) fn compile_body(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_line(s);
        match s {
            Stmt::FunctionDef(f) => self.funcdef(f),
            Stmt::ClassDef(c) => self.classdef(c),
            Stmt::Return(r) => {
                if self.u.scope.kind != ScopeKind::Function {
                    return Err(self.err("'return' outside function", s));
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                let d = self.u.depth;
                self.unwind(false, true)?;
                self.op(Op::Return);
                self.u.depth = d - 1;
                Ok(())
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.op(Op::DupTop);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.augassign(a),
            Stmt::AnnAssign(a) => self.annassign(a),
            Stmt::For(f) if f.is_async => self.async_for(f),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::While(w) => {
                let start = self.new_label();
                let els = self.new_label();
                let brk = self.new_label();
                self.bind(start);
                self.cond_jump(&w.test, false, els)?;
                self.u.fblocks.push(FBlock::Loop {
                    cont: start,
                    brk,
                    for_loop: false,
                });
                self.compile_body(&w.body)?;
                self.u.fblocks.pop();
                self.jump(Op::Jump, start);
                self.bind(els);
                self.compile_body(&w.orelse)?;
                self.bind(brk);
                Ok(())
            }
            Stmt::If(i) => {
                let end = self.new_label();
                let mut next = self.new_label();
                self.cond_jump(&i.test, false, next)?;
                self.compile_body(&i.body)?;
                for c in &i.elif_else_clauses {
                    self.jump(Op::Jump, end);
                    self.bind(next);
                    next = self.new_label();
                    if let Some(t) = &c.test {
                        self.set_line(t);
                        self.cond_jump(t, false, next)?;
                    }
                    self.compile_body(&c.body)?;
                }
                self.bind(next);
                self.bind(end);
                Ok(())
            }
            Stmt::With(w) => self.with_items(&w.items, &w.body, w.is_async),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                let d = self.u.depth;
                self.emit(Op::Raise, n);
                self.u.depth = d - n as i32;
                Ok(())
            }
            Stmt::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(t)
                } else {
                    self.try_finally(t)
                }
            }
            Stmt::Assert(a) => {
                let ok = self.new_label();
                self.cond_jump(&a.test, true, ok)?;
                self.op(Op::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.op(Op::PushNull);
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::Raise, 1);
                self.bind(ok);
                Ok(())
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.load_const(Const::Int(0));
                    self.load_const(Const::None);
                    let ni = self.add_name(&a.name.id);
                    self.emit(Op::ImportName, ni);
                    match &a.asname {
                        Some(asn) => {
                            let parts: Vec<&str> = a.name.id.split('.').collect();
                            for p in &parts[1..] {
                                let pi = self.add_name(p);
                                self.emit(Op::LoadAttr, pi);
                            }
                            self.name_op(&asn.id, 1);
                        }
                        None => {
                            let top = a.name.id.split('.').next().unwrap_or("").to_string();
                            self.name_op(&top, 1);
                        }
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                self.load_const(Const::Int(i.level as i64));
                let names: Vec<Const> = i
                    .names
                    .iter()
                    .map(|a| Const::Str(a.name.id.to_string()))
                    .collect();
                self.load_const(Const::Tuple(names));
                let m = i
                    .module
                    .as_ref()
                    .map(|m| m.id.to_string())
                    .unwrap_or_default();
                let mi = self.add_name(&m);
                self.emit(Op::ImportName, mi);
                for a in &i.names {
                    if &*a.name.id == "*" {
                        self.op(Op::ImportStar);
                        return Ok(());
                    }
                    let ni = self.add_name(&a.name.id);
                    self.emit(Op::ImportFrom, ni);
                    let target = a.asname.as_ref().unwrap_or(&a.name).id.to_string();
                    self.name_op(&target, 1);
                }
                self.op(Op::PopTop);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                if self.interactive && self.u.scope.kind == ScopeKind::Module {
                    self.op(Op::PrintExpr);
                } else {
                    self.op(Op::PopTop);
                }
                Ok(())
            }
            Stmt::Break(_) => {
                let d = self.u.depth;
                let Some((_, brk)) = self.unwind(true, false)? else {
                    return Err(self.err("'break' outside loop", s));
                };
                self.jump(Op::Jump, brk);
                self.u.depth = d;
                Ok(())
            }
            Stmt::Continue(_) => {
                let d = self.u.depth;
                let Some((cont, _)) = self.unwind_continue()? else {
                    return Err(self.err("'continue' not properly in loop", s));
                };
                self.jump(Op::Jump, cont);
                self.u.depth = d;
                Ok(())
            }
            Stmt::Match(m) => self.match_stmt(m),
            _ => Err(self.err("unsupported statement", s)),
        }
    }

    /// Emits the cleanup of every fblock down to the nearest loop (for
    /// break) or all of them (for return). Returns the loop's labels.
    fn unwind(
        &mut self,
        to_loop: bool,
        preserve_tos: bool,
    ) -> CResult<Option<(super::Label, super::Label)>> {
        let mut i = self.u.fblocks.len();
        while i > 0 {
            i -= 1;
            let fb = self.u.fblocks[i].clone();
            match fb {
                FBlock::Loop {
                    cont,
                    brk,
                    for_loop,
                } => {
                    if to_loop {
                        if for_loop {
                            self.op(Op::PopTop);
                        }
                        return Ok(Some((cont, brk)));
                    }
                    if for_loop {
                        if preserve_tos {
                            self.op(Op::RotTwo);
                        }
                        self.op(Op::PopTop);
                    }
                }
                FBlock::Finally {
                    body,
                    handler_level,
                } => {
                    let saved_h = self.u.handler_stack.clone();
                    self.u.handler_stack.truncate(handler_level);
                    let saved_fb = self.u.fblocks.split_off(i);
                    self.compile_body(body)?;
                    self.u.fblocks.extend(saved_fb);
                    self.u.handler_stack = saved_h;
                }
                FBlock::Handler { named } => {
                    if preserve_tos {
                        self.op(Op::RotTwo);
                    }
                    self.op(Op::PopExcept);
                    if let Some(n) = named {
                        self.load_const(Const::None);
                        self.name_op(&n, 1);
                        self.name_op(&n, 2);
                    }
                }
                FBlock::With => {
                    if preserve_tos {
                        self.op(Op::RotTwo);
                    }
                    self.op(Op::WithExitNormal);
                }
                FBlock::AsyncWith => {
                    if preserve_tos {
                        self.op(Op::RotTwo);
                    }
                    self.emit_async_exit_normal();
                }
            }
        }
        Ok(None)
    }

    fn unwind_continue(&mut self) -> CResult<Option<(super::Label, super::Label)>> {
        // Like unwind(true) but the loop's iterator stays on the stack.
        let mut i = self.u.fblocks.len();
        while i > 0 {
            i -= 1;
            let fb = self.u.fblocks[i].clone();
            match fb {
                FBlock::Loop { cont, brk, .. } => return Ok(Some((cont, brk))),
                FBlock::Finally {
                    body,
                    handler_level,
                } => {
                    let saved_h = self.u.handler_stack.clone();
                    self.u.handler_stack.truncate(handler_level);
                    let saved_fb = self.u.fblocks.split_off(i);
                    self.compile_body(body)?;
                    self.u.fblocks.extend(saved_fb);
                    self.u.handler_stack = saved_h;
                }
                FBlock::Handler { named } => {
                    self.op(Op::PopExcept);
                    if let Some(n) = named {
                        self.load_const(Const::None);
                        self.name_op(&n, 1);
                        self.name_op(&n, 2);
                    }
                }
                FBlock::With => self.op(Op::WithExitNormal),
                FBlock::AsyncWith => self.emit_async_exit_normal(),
            }
        }
        Ok(None)
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        self.iter_expr(&f.iter)?;
        self.op(Op::GetIter);
        let start = self.new_label();
        let end = self.new_label();
        let brk = self.new_label();
        self.bind(start);
        self.jump(Op::ForIter, end);
        self.store(&f.target)?;
        self.u.fblocks.push(FBlock::Loop {
            cont: start,
            brk,
            for_loop: true,
        });
        self.compile_body(&f.body)?;
        self.u.fblocks.pop();
        self.jump(Op::Jump, start);
        self.bind(end);
        self.u.depth -= 1;
        self.compile_body(&f.orelse)?;
        self.bind(brk);
        Ok(())
    }

    fn augassign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let op = binop_num(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.name_op(&n.id, 0);
                self.expr(&a.value)?;
                self.emit(Op::Inplace, op);
                self.name_op(&n.id, 1);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.op(Op::DupTop);
                let ni = self.attr_name(&at.attr.id);
                self.emit(Op::LoadAttr, ni);
                self.expr(&a.value)?;
                self.emit(Op::Inplace, op);
                self.op(Op::RotTwo);
                self.emit(Op::StoreAttr, ni);
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.expr(&sub.slice)?;
                self.op(Op::DupTop2);
                self.op(Op::Subscr);
                self.expr(&a.value)?;
                self.emit(Op::Inplace, op);
                self.op(Op::RotThree);
                self.op(Op::StoreSubscr);
            }
            _ => return Err(self.err("illegal expression for augmented assignment", &*a.target)),
        }
        Ok(())
    }

    fn with_items(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> CResult {
        let Some((first, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        if is_async {
            return self.async_with(items, body);
        }
        self.expr(&first.context_expr)?;
        self.op(Op::BeforeWith);
        let handler = self.new_label();
        let after = self.new_label();
        let d = self.u.depth; // [exit, enter_result]
        self.push_handler(handler, d - 1);
        match &first.optional_vars {
            Some(t) => self.store(t)?,
            None => self.op(Op::PopTop),
        }
        self.u.fblocks.push(FBlock::With);
        self.with_items(rest, body, is_async)?;
        self.u.fblocks.pop();
        self.pop_handler();
        self.op(Op::WithExitNormal);
        self.jump(Op::Jump, after);
        self.bind(handler);
        self.u.depth = d; // [exit, exc]
        self.jump(Op::WithExcept, after);
        self.bind(after);
        self.u.depth = d - 2;
        Ok(())
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let handler = self.new_label();
        let end = self.new_label();
        let d = self.u.depth;
        self.push_handler(handler, d);
        self.compile_body(&t.body)?;
        self.pop_handler();
        self.compile_body(&t.orelse)?;
        self.jump(Op::Jump, end);
        self.bind(handler);
        self.u.depth = d + 1; // [exc]
        let cleanup = self.new_label();
        self.op(Op::PushExcInfo); // [prev, exc]
        self.push_handler(cleanup, d + 1);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h);
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.op(Op::CheckExcMatch);
                self.jump(Op::PopJumpIfFalse, next);
            }
            let named = h.name.as_ref().map(|n| n.id.to_string());
            match &named {
                Some(n) => self.name_op(n, 1),
                None => self.op(Op::PopTop),
            }
            // [prev]
            let inner_cleanup = self.new_label();
            let hd = self.u.depth;
            if named.is_some() {
                self.push_handler(inner_cleanup, hd);
            }
            self.u.fblocks.push(FBlock::Handler {
                named: named.clone(),
            });
            self.compile_body(&h.body)?;
            self.u.fblocks.pop();
            if named.is_some() {
                self.pop_handler();
            }
            self.op(Op::PopExcept);
            if let Some(n) = &named {
                self.load_const(Const::None);
                self.name_op(n, 1);
                self.name_op(n, 2);
            }
            self.jump(Op::Jump, end);
            if let Some(n) = &named {
                // exception inside a named handler: unbind the name, re-raise
                self.bind(inner_cleanup);
                self.u.depth = hd + 1;
                self.load_const(Const::None);
                self.name_op(n, 1);
                self.name_op(n, 2);
                self.op(Op::Reraise);
            }
            self.bind(next);
            self.u.depth = d + 2;
        }
        self.op(Op::Reraise); // [prev]
        self.pop_handler();
        self.bind(cleanup);
        self.u.depth = d + 2; // [prev, exc2]
        self.op(Op::RotTwo);
        self.op(Op::PopExcept);
        self.op(Op::Reraise);
        self.bind(end);
        self.u.depth = d;
        Ok(())
    }

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult {
        let handler = self.new_label();
        let end = self.new_label();
        let d = self.u.depth;
        let level = self.u.handler_stack.len();
        self.push_handler(handler, d);
        self.u.fblocks.push(FBlock::Finally {
            body: &t.finalbody,
            handler_level: level,
        });
        if t.handlers.is_empty() {
            self.compile_body(&t.body)?;
            self.compile_body(&t.orelse)?;
        } else {
            self.try_except(t)?;
        }
        self.u.fblocks.pop();
        self.pop_handler();
        self.compile_body(&t.finalbody)?;
        self.jump(Op::Jump, end);
        // exceptional path
        self.bind(handler);
        self.u.depth = d + 1;
        let cleanup = self.new_label();
        self.op(Op::PushExcInfo); // [prev, exc]
        self.push_handler(cleanup, d + 1);
        self.u.fblocks.push(FBlock::Handler { named: None });
        // a return inside this finally must drop exc too: approximate by
        // compiling the body with exc on the stack
        self.compile_body(&t.finalbody)?;
        self.u.fblocks.pop();
        self.op(Op::Reraise);
        self.pop_handler();
        self.bind(cleanup);
        self.u.depth = d + 2;
        self.op(Op::RotTwo);
        self.op(Op::PopExcept);
        self.op(Op::Reraise);
        self.bind(end);
        self.u.depth = d;
        Ok(())
    }

    fn make_closure(&mut self, key: super::symtable::Key) {
        let frees = self
            .st
            .scopes
            .get(&key)
            .map(|s| s.frees.clone())
            .unwrap_or_default();
        for f in &frees {
            let s = &self.u.scope;
            let idx = s
                .cells
                .iter()
                .position(|x| x == f)
                .or_else(|| {
                    s.frees
                        .iter()
                        .position(|x| x == f)
                        .map(|i| i + s.cells.len())
                })
                .unwrap_or(0);
            self.emit(Op::LoadClosure, idx as u32);
        }
        self.emit(Op::BuildTuple, frees.len() as u32);
    }

    /// Defaults, kw defaults, closure, code → MakeFunction. Leaves the function on the stack.
    pub(crate) fn make_function(
        &mut self,
        key: super::symtable::Key,
        params: Option<&'a ast::Parameters>,
        code: CodeUnit,
    ) -> CResult {
        let mut flags = 0;
        if let Some(p) = params {
            let defs: Vec<&Expr> = p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .filter_map(|a| a.default.as_deref())
                .collect();
            if !defs.is_empty() {
                for d in &defs {
                    self.expr(d)?;
                }
                self.emit(Op::BuildTuple, defs.len() as u32);
                flags |= MF_DEFAULTS;
            }
            let kwd: Vec<(&str, &Expr)> = p
                .kwonlyargs
                .iter()
                .filter_map(|a| {
                    a.default
                        .as_deref()
                        .map(|d| (a.parameter.name.id.as_str(), d))
                })
                .collect();
            if !kwd.is_empty() {
                for (n, d) in &kwd {
                    let m = self.mangle(n);
                    self.load_const(Const::Str(m));
                    self.expr(d)?;
                }
                self.emit(Op::BuildMap, kwd.len() as u32);
                flags |= MF_KWDEFAULTS;
            }
        }
        if !code.info.freevars.is_empty() {
            self.make_closure(key);
            flags |= MF_CLOSURE;
        }
        self.load_const(Const::Code(Box::new(code)));
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }

    pub(crate) fn compile_params_body(
        &mut self,
        key: super::symtable::Key,
        name: &str,
        params: Option<&'a ast::Parameters>,
        line: u32,
        body: FnBody<'a>,
        extra_flags: u32,
    ) -> CResult<CodeUnit> {
        self.enter_unit(key, name, line);
        self.u.is_async = extra_flags & CO_COROUTINE != 0;
        let res = match body {
            FnBody::Stmts(b) => {
                self.u.doc = super::annot::docstring(b);
                let r = self.compile_body(b);
                if r.is_ok() {
                    self.load_const(Const::None);
                    self.op(Op::Return);
                }
                r
            }
            FnBody::Expr(e) => {
                let r = self.expr(e);
                if r.is_ok() {
                    self.op(Op::Return);
                }
                r
            }
        };
        let (mut argc, mut posonly, mut kwonly, mut flags) = (0, 0, 0, extra_flags);
        if let Some(p) = params {
            posonly = p.posonlyargs.len() as u32;
            argc = posonly + p.args.len() as u32;
            kwonly = p.kwonlyargs.len() as u32;
            if p.vararg.is_some() {
                flags |= CO_VARARGS;
            }
            if p.kwarg.is_some() {
                flags |= CO_VARKW;
            }
        }
        let code = self.leave_unit(flags, argc, posonly, kwonly);
        res?;
        Ok(code)
    }

    fn funcdef(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
            self.op(Op::PushNull);
        }
        let key = key_of(f);
        let line = self.line_of(f.range.start().to_u32());
        let first = f
            .decorator_list
            .first()
            .map(|d| self.line_of(d.range.start().to_u32()))
            .unwrap_or(line);
        let _ = first;
        let flags = if f.is_async { CO_COROUTINE } else { 0 };
        let code = self.compile_params_body(
            key,
            &f.name.id,
            Some(&f.parameters),
            line,
            FnBody::Stmts(&f.body),
            flags,
        )?;
        self.set_line(f);
        self.make_function(key, Some(&f.parameters), code)?;
        self.function_annotations(&f.parameters, f.returns.as_deref())?;
        for _ in &f.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.name_op(&f.name.id, 1);
        Ok(())
    }

    fn classdef(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
            self.op(Op::PushNull);
        }
        let key = key_of(c);
        let line = self.line_of(c.range.start().to_u32());
        self.op(Op::LoadBuildClass);
        self.op(Op::PushNull);
        // body
        self.enter_unit(key, &c.name.id, line);
        let qual = self.u.qualname.clone();
        let r = (|| -> CResult {
            let ni = self.add_name("__name__");
            self.emit(Op::LoadName, ni);
            let mi = self.add_name("__module__");
            self.emit(Op::StoreName, mi);
            self.load_const(Const::Str(qual.clone()));
            let qi = self.add_name("__qualname__");
            self.emit(Op::StoreName, qi);
            if let Some(d) = super::annot::docstring(&c.body) {
                self.load_const(Const::Str(d));
                self.name_op("__doc__", 1);
            }
            self.setup_annotations(&c.body);
            self.compile_body(&c.body)?;
            if let Some(i) = self.u.scope.cells.iter().position(|x| x == "__class__") {
                self.emit(Op::LoadClosure, i as u32);
            } else {
                self.load_const(Const::None);
            }
            self.op(Op::Return);
            Ok(())
        })();
        let code = self.leave_unit(CO_CLASSBODY, 0, 0, 0);
        r?;
        self.set_line(c);
        let starry = c.arguments.as_ref().is_some_and(|a| {
            a.args.iter().any(|b| matches!(b, Expr::Starred(_)))
                || a.keywords.iter().any(|k| k.arg.is_none())
        });
        if starry {
            return self.classdef_star(c, key, code);
        }
        self.make_function(key, None, code)?;
        self.load_const(Const::Str(c.name.id.to_string()));
        let mut n = 2;
        let mut kwnames = vec![];
        if let Some(a) = &c.arguments {
            for b in a.args.iter() {
                self.expr(b)?;
                n += 1;
            }
            for k in a.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.expr(&k.value)?;
                        kwnames.push(Const::Str(name.id.to_string()));
                        n += 1;
                    }
                    None => return Err(self.err("**kwargs in class bases not supported", k)),
                }
            }
        }
        if kwnames.is_empty() {
            self.emit(Op::Call, n);
        } else {
            self.load_const(Const::Tuple(kwnames));
            self.emit(Op::CallKw, n);
        }
        for _ in &c.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.name_op(&c.name.id, 1);
        Ok(())
    }

    /// `class C(*bases, **kw)`: `__build_class__(func, name, *bases, **kw)`.
    fn classdef_star(
        &mut self,
        c: &'a ast::StmtClassDef,
        key: super::symtable::Key,
        code: CodeUnit,
    ) -> CResult {
        self.emit(Op::BuildList, 0);
        self.make_function(key, None, code)?;
        self.emit(Op::ListAppend, 1);
        self.load_const(Const::Str(c.name.id.to_string()));
        self.emit(Op::ListAppend, 1);
        let a = c.arguments.as_ref().expect("class arguments");
        for b in a.args.iter() {
            match b {
                Expr::Starred(st) => {
                    self.expr(&st.value)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {
                    self.expr(b)?;
                    self.emit(Op::ListAppend, 1);
                }
            }
        }
        self.op(Op::ListToTuple);
        self.emit(Op::BuildMap, 0);
        for k in a.keywords.iter() {
            match &k.arg {
                Some(name) => {
                    self.load_const(Const::Str(name.id.to_string()));
                    self.expr(&k.value)?;
                    self.emit(Op::MapAdd, 1);
                }
                None => {
                    self.expr(&k.value)?;
                    self.emit(Op::DictUpdate, 1);
                }
            }
        }
        self.emit(Op::CallEx, 1);
        for _ in &c.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.name_op(&c.name.id, 1);
        Ok(())
    }

    pub(crate) fn store(&mut self, t: &'a Expr) -> CResult {
        match t {
            Expr::Name(n) => {
                self.name_op(&n.id, 1);
                Ok(())
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.attr_name(&a.attr.id);
                self.emit(Op::StoreAttr, ni);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.op(Op::StoreSubscr);
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts: &'a [Expr] = match t {
                    Expr::Tuple(x) => &x.elts,
                    Expr::List(x) => &x.elts,
                    _ => &[],
                };
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    Some(i) => {
                        let after = elts.len() - i - 1;
                        self.emit(Op::UnpackEx, (i as u32) | ((after as u32) << 8));
                    }
                    None => {
                        self.emit(Op::UnpackSequence, elts.len() as u32);
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        _ => self.store(e)?,
                    }
                }
                Ok(())
            }
            _ => Err(self.err("cannot assign to expression", t)),
        }
    }

    fn delete(&mut self, t: &'a Expr) -> CResult {
        match t {
            Expr::Name(n) => {
                self.name_op(&n.id, 2);
                Ok(())
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.attr_name(&a.attr.id);
                self.emit(Op::DeleteAttr, ni);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.op(Op::DeleteSubscr);
                Ok(())
            }
            Expr::Tuple(x) => {
                for e in &x.elts {
                    self.delete(e)?;
                }
                Ok(())
            }
            Expr::List(x) => {
                for e in &x.elts {
                    self.delete(e)?;
                }
                Ok(())
            }
            _ => Err(self.err("cannot delete expression", t)),
        }
    }
}

/// A function body: statements, or an expression (lambda).
pub(crate) enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

/// Operator number for Binary/Inplace.
pub(crate) fn binop_num(op: ast::Operator) -> u32 {
    use ast::Operator::*;
    match op {
        Add => B_ADD,
        Sub => B_SUB,
        Mult => B_MUL,
        Div => B_TRUEDIV,
        FloorDiv => B_FLOORDIV,
        Mod => B_MOD,
        Pow => B_POW,
        LShift => B_LSHIFT,
        RShift => B_RSHIFT,
        BitAnd => B_AND,
        BitOr => B_OR,
        BitXor => B_XOR,
        MatMult => B_MATMUL,
    }
}
