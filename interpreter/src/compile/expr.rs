//! Expression compilation.

use super::bytecode::*;
use super::stmt::{binop_num, FnBody};
use super::symtable::key_of;
use super::{CResult, Compiler};
use ruff_python_ast::{self as ast, Expr};

fn cmp_num(op: ast::CmpOp) -> (Op, u32) {
    use ast::CmpOp::*;
    match op {
        Eq => (Op::Compare, C_EQ),
        NotEq => (Op::Compare, C_NE),
        Lt => (Op::Compare, C_LT),
        LtE => (Op::Compare, C_LE),
        Gt => (Op::Compare, C_GT),
        GtE => (Op::Compare, C_GE),
        Is => (Op::IsOp, 0),
        IsNot => (Op::IsOp, 1),
        In => (Op::ContainsOp, 0),
        NotIn => (Op::ContainsOp, 1),
    }
}

fn const_of(e: &Expr) -> Option<Const> {
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => Some(match i.as_i64() {
                Some(v) if (-(1i64 << 62)..(1i64 << 62)).contains(&v) => Const::Int(v),
                _ => Const::BigInt(i.to_string()),
            }),
            ast::Number::Float(f) => Some(Const::Float(*f)),
            ast::Number::Complex { real, imag } => Some(Const::Complex(*real, *imag)),
        },
        Expr::StringLiteral(s) => Some(Const::Str(s.value.to_str().to_string())),
        Expr::BytesLiteral(b) => Some(Const::Bytes(b.value.bytes().collect())),
        Expr::BooleanLiteral(b) => Some(Const::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(Const::None),
        Expr::EllipsisLiteral(_) => Some(Const::Ellipsis),
        Expr::Tuple(t) => {
            let mut v = vec![];
            for x in &t.elts {
                v.push(const_of(x)?);
            }
            Some(Const::Tuple(v))
        }
        _ => None,
    }
}

/// Would CPython's AST optimizer turn `e` into a constant? (Literals and
/// small arithmetic on numeric literals; used to mimic constant sets.)
fn foldable(e: &Expr) -> bool {
    fn num(e: &Expr) -> bool {
        match e {
            Expr::NumberLiteral(_) | Expr::BooleanLiteral(_) => true,
            Expr::UnaryOp(u) => u.op != ast::UnaryOp::Not && num(&u.operand),
            Expr::BinOp(b) => {
                use ast::Operator::*;
                let small_int = |x: &Expr| {
                    matches!(x, Expr::NumberLiteral(n)
                        if matches!(&n.value, ast::Number::Int(i) if i.as_i64().is_some_and(|v| (0..=64).contains(&v))))
                };
                num(&b.left)
                    && num(&b.right)
                    && match b.op {
                        Add | Sub | Mult => true,
                        Pow => small_int(&b.right),
                        _ => false,
                    }
            }
            _ => false,
        }
    }
    const_of(e).is_some() || num(e)
}

impl<'a> Compiler<'a> {
    /// Jumps to `target` when the truth of `e` equals `when`; falls through otherwise.
    pub(crate) fn cond_jump(&mut self, e: &'a Expr, when: bool, target: super::Label) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                self.cond_jump(&u.operand, !when, target)
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                let n = b.values.len();
                if is_and != when {
                    // and/jump-if-false or or/jump-if-true: any short-circuit jumps
                    for v in &b.values {
                        self.cond_jump(v, when, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    for (i, v) in b.values.iter().enumerate() {
                        if i + 1 < n {
                            self.cond_jump(v, !when, skip)?;
                        } else {
                            self.cond_jump(v, when, target)?;
                        }
                    }
                    self.bind(skip);
                }
                Ok(())
            }
            _ => {
                self.expr(e)?;
                self.jump(
                    if when {
                        Op::PopJumpIfTrue
                    } else {
                        Op::PopJumpIfFalse
                    },
                    target,
                );
                Ok(())
            }
        }
    }

    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult {
        if let Some(c) = const_of(e) {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::Name(n) => {
                self.name_op(&n.id, 0);
                Ok(())
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::Binary, binop_num(b.op));
                Ok(())
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let n = match u.op {
                    ast::UnaryOp::USub => U_NEG,
                    ast::UnaryOp::UAdd => U_POS,
                    ast::UnaryOp::Not => U_NOT,
                    ast::UnaryOp::Invert => U_INVERT,
                };
                self.emit(Op::Unary, n);
                Ok(())
            }
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = if b.op == ast::BoolOp::And {
                    Op::JumpIfFalseOrPop
                } else {
                    Op::JumpIfTrueOrPop
                };
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.jump(op, end);
                    }
                }
                self.bind(end);
                Ok(())
            }
            Expr::Compare(c) => self.compare(c),
            Expr::If(i) => {
                let els = self.new_label();
                let end = self.new_label();
                self.cond_jump(&i.test, false, els)?;
                self.expr(&i.body)?;
                self.jump(Op::Jump, end);
                self.u.depth -= 1;
                self.bind(els);
                self.expr(&i.orelse)?;
                self.bind(end);
                Ok(())
            }
            Expr::Call(c) => self.call(c),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.attr_name(&a.attr.id);
                self.emit(Op::LoadAttr, ni);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.op(Op::Subscr);
                Ok(())
            }
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper] {
                    match x {
                        Some(v) => self.expr(v)?,
                        None => self.load_const(Const::None),
                    }
                }
                if let Some(st) = &s.step {
                    self.expr(st)?;
                    self.emit(Op::BuildSlice, 3);
                } else {
                    self.emit(Op::BuildSlice, 2);
                }
                Ok(())
            }
            Expr::Tuple(t) => self.sequence(&t.elts, Op::BuildTuple),
            Expr::List(l) => self.sequence(&l.elts, Op::BuildList),
            Expr::Set(s) => {
                let n = s.elts.len();
                if n > 2 && s.elts.iter().all(foldable) {
                    for x in &s.elts {
                        self.expr(x)?;
                    }
                    self.emit(Op::BuildSet, n as u32 | BUILD_SET_CONST | BUILD_SET_MERGE);
                    return Ok(());
                }
                self.sequence(&s.elts, Op::BuildSet)
            }
            Expr::Dict(d) => {
                let has_star = d.items.iter().any(|i| i.key.is_none());
                if !has_star {
                    for it in d.items.iter() {
                        if let Some(k) = &it.key {
                            self.expr(k)?;
                        }
                        self.expr(&it.value)?;
                    }
                    self.emit(Op::BuildMap, d.items.len() as u32);
                } else {
                    self.emit(Op::BuildMap, 0);
                    for it in d.items.iter() {
                        match &it.key {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&it.value)?;
                                self.emit(Op::MapAdd, 1);
                            }
                            None => {
                                self.expr(&it.value)?;
                                self.emit(Op::DictUpdate, 1);
                            }
                        }
                    }
                }
                Ok(())
            }
            Expr::Lambda(l) => {
                let key = key_of(l);
                let line = self.line_of(l.range.start().to_u32());
                let params = l.parameters.as_deref();
                let code = self.compile_params_body(
                    key,
                    "<lambda>",
                    params,
                    line,
                    FnBody::Expr(&l.body),
                    0,
                )?;
                self.make_function(key, params, code)
            }
            Expr::ListComp(c) => self.comprehension(
                key_of(c),
                "<listcomp>",
                &c.generators,
                CompKind::List(&c.elt),
            ),
            Expr::SetComp(c) => {
                self.comprehension(key_of(c), "<setcomp>", &c.generators, CompKind::Set(&c.elt))
            }
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(
                    key_of(c),
                    "<dictcomp>",
                    &c.generators,
                    CompKind::Dict(k, &c.value),
                ),
                None => Err(self.err("invalid dict comprehension", e)),
            },
            Expr::Generator(c) => {
                self.comprehension(key_of(c), "<genexpr>", &c.generators, CompKind::Gen(&c.elt))
            }
            Expr::Await(a) => {
                self.expr(&a.value)?;
                self.op(Op::GetAwaitable);
                self.load_const(Const::None);
                self.op(Op::YieldFrom);
                Ok(())
            }
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                if self.u.is_async {
                    self.op(Op::AsyncGenWrap);
                }
                self.op(Op::YieldValue);
                Ok(())
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value)?;
                self.op(Op::GetYieldFromIter);
                self.load_const(Const::None);
                self.op(Op::YieldFrom);
                Ok(())
            }
            Expr::FString(f) => {
                let mut n = 0;
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(s) => {
                            self.load_const(Const::Str(s.value.to_string()));
                            n += 1;
                        }
                        ast::FStringPart::FString(fs) => {
                            n += self.fstring_elems(&fs.elements)?;
                        }
                    }
                }
                if n != 1 {
                    self.emit(Op::BuildString, n);
                } else {
                    self.emit(Op::BuildString, 1);
                }
                Ok(())
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.op(Op::DupTop);
                self.store(&n.target)
            }
            Expr::Starred(s) => Err(self.err("can't use starred expression here", s)),
            _ => Err(self.err("unsupported expression", e)),
        }
    }

    /// An iterable of a `for` or comprehension: constant set displays
    /// iterate over CPython's frozenset constant directly.
    pub(crate) fn iter_expr(&mut self, e: &'a Expr) -> CResult {
        match e {
            Expr::Set(s) if s.elts.iter().all(foldable) => {
                for x in &s.elts {
                    self.expr(x)?;
                }
                self.emit(Op::BuildSet, s.elts.len() as u32 | BUILD_SET_CONST);
                Ok(())
            }
            _ => self.expr(e),
        }
    }

    fn fstring_elems(&mut self, els: &'a ast::InterpolatedStringElements) -> CResult<u32> {
        let mut n = 0;
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.load_const(Const::Str(l.value.to_string()));
                    n += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if let Some(dt) = &i.debug_text {
                        self.load_const(Const::Str(dt.as_str().to_string()));
                        n += 1;
                    }
                    self.expr(&i.expression)?;
                    let conv = match i.conversion {
                        ast::ConversionFlag::None => {
                            if i.debug_text.is_some() && i.format_spec.is_none() {
                                2
                            } else {
                                0
                            }
                        }
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let k = self.fstring_elems(&spec.elements)?;
                        self.emit(Op::BuildString, k);
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue, flags);
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    fn sequence(&mut self, elts: &'a [Expr], build: Op) -> CResult {
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            for x in elts {
                self.expr(x)?;
            }
            self.emit(build, elts.len() as u32);
            return Ok(());
        }
        if build == Op::BuildSet {
            self.emit(Op::BuildSet, 0);
        } else {
            self.emit(Op::BuildList, 0);
        }
        for x in elts {
            match x {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(
                        if build == Op::BuildSet {
                            Op::SetUpdate
                        } else {
                            Op::ListExtend
                        },
                        1,
                    );
                }
                _ => {
                    self.expr(x)?;
                    self.emit(
                        if build == Op::BuildSet {
                            Op::SetAdd
                        } else {
                            Op::ListAppend
                        },
                        1,
                    );
                }
            }
        }
        if build == Op::BuildTuple {
            self.op(Op::ListToTuple);
        }
        Ok(())
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            let (op, arg) = cmp_num(c.ops[0]);
            self.emit(op, arg);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n {
            self.expr(&c.comparators[i])?;
            let (op, arg) = cmp_num(c.ops[i]);
            if i + 1 < n {
                self.op(Op::DupTop);
                self.op(Op::RotThree);
                self.emit(op, arg);
                self.jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(op, arg);
            }
        }
        self.jump(Op::Jump, end);
        self.bind(cleanup);
        self.u.depth += 1;
        self.op(Op::RotTwo);
        self.op(Op::PopTop);
        self.bind(end);
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        match &*c.func {
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.attr_name(&a.attr.id);
                self.emit(Op::LoadMethod, ni);
            }
            f => {
                self.expr(f)?;
                self.op(Op::PushNull);
            }
        }
        let args = &c.arguments;
        let star = args.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || args.keywords.iter().any(|k| k.arg.is_none());
        if !star {
            for a in args.args.iter() {
                self.expr(a)?;
            }
            if args.keywords.is_empty() {
                self.emit(Op::Call, args.args.len() as u32);
            } else {
                let mut names = vec![];
                for k in args.keywords.iter() {
                    self.expr(&k.value)?;
                    names.push(Const::Str(
                        k.arg.as_ref().map(|a| a.id.to_string()).unwrap_or_default(),
                    ));
                }
                self.load_const(Const::Tuple(names));
                self.emit(Op::CallKw, (args.args.len() + args.keywords.len()) as u32);
            }
            return Ok(());
        }
        self.emit(Op::BuildList, 0);
        for a in args.args.iter() {
            match a {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Op::ListAppend, 1);
                }
            }
        }
        self.op(Op::ListToTuple);
        if args.keywords.is_empty() {
            self.emit(Op::CallEx, 0);
        } else {
            self.emit(Op::BuildMap, 0);
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(n) => {
                        self.load_const(Const::Str(n.id.to_string()));
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
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        key: super::symtable::Key,
        name: &str,
        gens: &'a [ast::Comprehension],
        kind: CompKind<'a>,
    ) -> CResult {
        let line = self.u.line;
        let is_async = gens.iter().any(|g| g.is_async)
            || gens
                .iter()
                .skip(1)
                .any(|g| super::async_stmt::contains_await(&g.iter))
            || gens
                .iter()
                .any(|g| g.ifs.iter().any(super::async_stmt::contains_await))
            || match &kind {
                CompKind::List(e) | CompKind::Set(e) | CompKind::Gen(e) => {
                    super::async_stmt::contains_await(e)
                }
                CompKind::Dict(k, v) => {
                    super::async_stmt::contains_await(k) || super::async_stmt::contains_await(v)
                }
            };
        let is_gen = matches!(kind, CompKind::Gen(_));
        self.enter_unit(key, name, line);
        self.u.line = line;
        self.u.is_async = is_async;
        let r = (|| -> CResult {
            match kind {
                CompKind::List(_) => self.emit(Op::BuildList, 0),
                CompKind::Set(_) => self.emit(Op::BuildSet, 0),
                CompKind::Dict(..) => self.emit(Op::BuildMap, 0),
                CompKind::Gen(_) => 0,
            };
            self.comp_gen(gens, 0, &kind)?;
            if matches!(kind, CompKind::Gen(_)) {
                self.load_const(Const::None);
            }
            self.op(Op::Return);
            Ok(())
        })();
        let code = self.leave_unit(if is_async { CO_COROUTINE } else { 0 }, 1, 0, 0);
        r?;
        self.make_function(key, None, code)?;
        self.op(Op::PushNull);
        self.iter_expr(&gens[0].iter)?;
        self.op(if gens[0].is_async {
            Op::GetAIter
        } else {
            Op::GetIter
        });
        self.emit(Op::Call, 1);
        if is_async && !is_gen {
            self.emit_await();
        }
        Ok(())
    }

    fn comp_gen(
        &mut self,
        gens: &'a [ast::Comprehension],
        i: usize,
        kind: &CompKind<'a>,
    ) -> CResult {
        let g = &gens[i];
        if i == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.iter_expr(&g.iter)?;
            self.op(if g.is_async {
                Op::GetAIter
            } else {
                Op::GetIter
            });
        }
        let start = self.new_label();
        let end = self.new_label();
        self.bind(start);
        let async_head = if g.is_async {
            Some(self.async_loop_head())
        } else {
            self.jump(Op::ForIter, end);
            None
        };
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.cond_jump(cond, false, start)?;
        }
        if i + 1 < gens.len() {
            self.comp_gen(gens, i + 1, kind)?;
        } else {
            let depth = (gens.len() + 1) as u32;
            match kind {
                CompKind::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend, depth);
                }
                CompKind::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd, depth);
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd, depth);
                }
                CompKind::Gen(e) => {
                    self.expr(e)?;
                    if self.u.is_async {
                        self.op(Op::AsyncGenWrap);
                    }
                    self.op(Op::YieldValue);
                    self.op(Op::PopTop);
                }
            }
        }
        self.jump(Op::Jump, start);
        match async_head {
            Some((handler, d)) => {
                self.async_loop_end(handler, d);
                self.bind(end);
            }
            None => {
                self.bind(end);
                self.u.depth -= 1;
            }
        }
        Ok(())
    }
}

enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}
