//! `match` statements (PEP 634), compiled like CPython 3.11: each case
//! matches a copy of the subject; captured values are kept on the stack
//! (below any intermediate values) and stored only once the whole pattern
//! matched; failures jump to a "fail-pop" label that pops whatever the
//! pattern left on the stack.

use super::bytecode::*;
use super::{CResult, Compiler, Label};
use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::Ranged;

/// Per-pattern compilation state.
struct PatState {
    /// Names captured so far, in stack order (deepest first).
    stores: Vec<String>,
    /// Items on the stack above the case's base (stores included).
    depth: usize,
    /// `fail_pop[n]`: jump here with `n` items to pop.
    fail_pop: Vec<Label>,
    allow_irrefutable: bool,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let d0 = self.u.depth; // subject on the stack
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            self.set_line(&case.pattern);
            let mut pc = PatState {
                stores: vec![],
                depth: 1,
                fail_pop: vec![],
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
            };
            self.op(Op::DupTop);
            self.pattern(&case.pattern, &mut pc)?;
            // Matched: bind the captured names (last stored is on top).
            for name in pc.stores.iter().rev() {
                self.name_op(name, 1);
            }
            if let Some(g) = &case.guard {
                // A false guard behaves like a failed pattern with nothing to pop.
                self.fail_label(&mut pc, 0);
                let lbl = pc.fail_pop[0];
                self.cond_jump(g, false, lbl)?;
            }
            self.op(Op::PopTop);
            self.compile_body(&case.body)?;
            self.jump(Op::Jump, end);
            self.emit_fail_pops(&pc, d0);
        }
        self.op(Op::PopTop);
        self.bind(end);
        self.u.depth = d0 - 1;
        Ok(())
    }

    fn fail_label(&mut self, pc: &mut PatState, n: usize) {
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    /// Pops TOS (a condition) and jumps to the fail path when it is false.
    fn jump_to_fail_pop(&mut self, pc: &mut PatState, op: Op) {
        // pc.depth already excludes the popped condition.
        let n = pc.depth;
        self.fail_label(pc, n);
        let l = pc.fail_pop[n];
        self.jump(op, l);
    }

    /// Emits the fail-pop chain; afterwards the stack is back at `base`.
    fn emit_fail_pops(&mut self, pc: &PatState, base: i32) {
        if pc.fail_pop.is_empty() {
            self.u.depth = base;
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.u.depth = base + i as i32;
            self.op(Op::PopTop);
        }
        self.bind(pc.fail_pop[0]);
        self.u.depth = base;
    }

    fn store_capture(&mut self, name: Option<&ast::Identifier>, pc: &mut PatState) -> CResult {
        let Some(n) = name else {
            self.op(Op::PopTop);
            pc.depth -= 1;
            return Ok(());
        };
        let s = n.id.to_string();
        if pc.stores.contains(&s) {
            return Err(self.err(format!("multiple assignments to name '{s}' in pattern"), n));
        }
        // Rotate the value below the intermediate items above the stores.
        let above = pc.depth - pc.stores.len() - 1;
        if above > 0 {
            self.emit(Op::RotN, (above + 1) as u32);
        }
        pc.stores.push(s);
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatState) -> CResult {
        let old = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = old;
        r
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatState) -> CResult {
        self.set_line(p);
        match p {
            Pattern::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(Op::Compare, C_EQ);
                pc.depth -= 1;
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                Ok(())
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::Bool(true),
                    ast::Singleton::False => Const::Bool(false),
                });
                self.emit(Op::IsOp, 0);
                pc.depth -= 1;
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                Ok(())
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match &a.name {
                            Some(n) => {
                                format!(
                                    "name capture '{}' makes remaining patterns unreachable",
                                    n.id
                                )
                            }
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(self.err(msg, p));
                    }
                    self.store_capture(a.name.as_ref(), pc)
                }
                Some(inner) => {
                    self.op(Op::DupTop);
                    pc.depth += 1;
                    self.pattern(inner, pc)?;
                    self.store_capture(a.name.as_ref(), pc)
                }
            },
            Pattern::MatchStar(_) => Err(self.err("can't use starred name here", p)),
            Pattern::MatchOr(o) => self.pattern_or(o, pc),
            Pattern::MatchSequence(s) => self.pattern_sequence(&s.patterns, pc),
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc),
            Pattern::MatchClass(c) => self.pattern_class(c, pc),
        }
    }

    fn pattern_sequence(&mut self, pats: &'a [Pattern], pc: &mut PatState) -> CResult {
        let size = pats.len();
        let mut star = None;
        for (i, p) in pats.iter().enumerate() {
            if matches!(p, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(self.err("multiple starred names in sequence pattern", p));
                }
                star = Some(i);
            }
        }
        self.op(Op::MatchSequence);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        match star {
            None => {
                self.op(Op::GetLen);
                self.load_const(Const::Int(size as i64));
                self.emit(Op::Compare, C_EQ);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                self.emit(Op::UnpackSequence, size as u32);
            }
            Some(i) => {
                if size > 1 {
                    self.op(Op::GetLen);
                    self.load_const(Const::Int(size as i64 - 1));
                    self.emit(Op::Compare, C_GE);
                    self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                }
                if matches!(&pats[i], Pattern::MatchStar(st) if st.name.is_none()) {
                    // `*_`: the other items are read by index, the middle
                    // is never materialised (range(1 << 30) matches)
                    return self.pattern_sequence_subscr(pats, i, pc);
                }
                let after = size - i - 1;
                // (bit 16: a sequence subject is read by len and index)
                self.emit(Op::UnpackEx, (i as u32) | ((after as u32) << 8) | (1 << 16));
            }
        }
        pc.depth = pc.depth - 1 + size;
        for p in pats {
            match p {
                Pattern::MatchStar(s) => self.store_capture(s.name.as_ref(), pc)?,
                _ if is_wildcard(p) => {
                    self.op(Op::PopTop);
                    pc.depth -= 1;
                }
                _ => self.subpattern(p, pc)?,
            }
        }
        Ok(())
    }

    /// The items of a sequence pattern with a `*_` at `star`, each read as
    /// `subject[i]` (`subject[len - k]` after the star), as CPython.
    fn pattern_sequence_subscr(
        &mut self,
        pats: &'a [Pattern],
        star: usize,
        pc: &mut PatState,
    ) -> CResult {
        let size = pats.len();
        for (j, p) in pats.iter().enumerate() {
            if j == star || is_wildcard(p) {
                continue;
            }
            self.emit(Op::CopyN, 1);
            pc.depth += 1;
            if j < star {
                self.load_const(Const::Int(j as i64));
            } else {
                self.op(Op::GetLen);
                self.load_const(Const::Int((size - j) as i64));
                self.emit(Op::Binary, B_SUB);
            }
            self.op(Op::Subscr);
            self.subpattern(p, pc)?;
        }
        self.op(Op::PopTop);
        pc.depth -= 1;
        Ok(())
    }

    fn pattern_mapping(&mut self, m: &'a ast::PatternMatchMapping, pc: &mut PatState) -> CResult {
        let size = m.keys.len();
        self.op(Op::MatchMapping);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        if size == 0 && m.rest.is_none() {
            self.op(Op::PopTop);
            pc.depth -= 1;
            return Ok(());
        }
        if size > 0 {
            self.op(Op::GetLen);
            self.load_const(Const::Int(size as i64));
            self.emit(Op::Compare, C_GE);
            self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        }
        let mut seen: Vec<String> = vec![];
        for k in m.keys.iter() {
            let lit = literal_key(k);
            match &lit {
                Some(s) => {
                    if seen.contains(s) {
                        return Err(
                            self.err(format!("mapping pattern checks duplicate key ({s})"), k)
                        );
                    }
                    seen.push(s.clone());
                }
                None if !matches!(k, Expr::Attribute(_)) => {
                    return Err(self.err(
                        "mapping pattern keys may only match literals and attribute lookups",
                        k,
                    ));
                }
                None => {}
            }
            self.expr(k)?;
        }
        self.emit(Op::BuildTuple, size as u32);
        self.op(Op::MatchKeys); // [subj, keys, values|None]
        pc.depth += 2;
        self.emit(Op::CopyN, 1);
        self.load_const(Const::None);
        self.emit(Op::IsOp, 1);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.emit(Op::UnpackSequence, size as u32);
        pc.depth = pc.depth - 1 + size;
        for p in m.patterns.iter() {
            if is_wildcard(p) {
                self.op(Op::PopTop);
                pc.depth -= 1;
            } else {
                self.subpattern(p, pc)?;
            }
        }
        // [subj, keys]
        match &m.rest {
            Some(r) => {
                self.op(Op::CopyDictWithoutKeys); // [subj, rest]
                self.op(Op::RotTwo); // [rest, subj]
                self.op(Op::PopTop);
                pc.depth -= 1;
                self.store_capture(Some(r), pc)?;
            }
            None => {
                self.op(Op::PopTop);
                self.op(Op::PopTop);
                pc.depth -= 2;
            }
        }
        Ok(())
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatState) -> CResult {
        let args = &c.arguments;
        let nargs = args.patterns.len();
        let nattrs = args.keywords.len();
        let mut names: Vec<String> = vec![];
        for k in &args.keywords {
            let n = k.attr.id.to_string();
            if names.contains(&n) {
                return Err(self.err(
                    format!("attribute name repeated in class pattern: {n}"),
                    &k.attr,
                ));
            }
            names.push(n);
        }
        self.expr(&c.cls)?;
        self.load_const(Const::Tuple(names.into_iter().map(Const::Str).collect()));
        self.emit(Op::MatchClass, nargs as u32);
        self.emit(Op::CopyN, 1);
        self.load_const(Const::None);
        self.emit(Op::IsOp, 1);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.emit(Op::UnpackSequence, (nargs + nattrs) as u32);
        pc.depth = pc.depth - 1 + nargs + nattrs;
        let all = args
            .patterns
            .iter()
            .chain(args.keywords.iter().map(|k| &k.pattern));
        for p in all {
            if is_wildcard(p) {
                self.op(Op::PopTop);
                pc.depth -= 1;
            } else {
                self.subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatState) -> CResult {
        let end = self.new_label();
        let base = self.u.depth; // subject on top
        let mut control: Option<Vec<String>> = None;
        let n = o.patterns.len();
        for (i, alt) in o.patterns.iter().enumerate() {
            let mut sub = PatState {
                stores: vec![],
                depth: 1,
                fail_pop: vec![],
                allow_irrefutable: i + 1 == n && pc.allow_irrefutable,
            };
            self.op(Op::DupTop);
            self.pattern(alt, &mut sub)?;
            match &control {
                None => control = Some(sub.stores.clone()),
                Some(ctl) => {
                    let mut a = ctl.clone();
                    let mut b = sub.stores.clone();
                    a.sort();
                    b.sort();
                    if a != b {
                        return Err(self.err("alternative patterns bind different names", alt));
                    }
                    self.permute(&mut sub.stores, ctl);
                }
            }
            self.jump(Op::Jump, end);
            self.emit_fail_pops(&sub, base);
        }
        // No alternative matched: drop the subject and fail.
        self.op(Op::PopTop);
        pc.depth -= 1;
        self.jump_to_fail_pop(pc, Op::Jump);
        let control = control.unwrap_or_default();
        let k = control.len();
        self.bind(end);
        self.u.depth = base + k as i32;
        // [stores.., inter(t).., subject, a1..ak] → [stores.., a1..ak, inter..]
        let t = pc.depth - pc.stores.len(); // pc.depth was decremented above
        for name in &control {
            if pc.stores.contains(name) {
                return Err(self.err(
                    format!("multiple assignments to name '{name}' in pattern"),
                    o,
                ));
            }
        }
        if k > 0 {
            for _ in 0..k {
                self.emit(Op::RotN, (t + 1 + k) as u32);
            }
        }
        self.op(Op::PopTop);
        pc.stores.extend(control);
        pc.depth += k;
        Ok(())
    }

    /// Reorders the top `cur.len()` stack items from `cur` order to `want` order.
    fn permute(&mut self, cur: &mut [String], want: &[String]) {
        let k = cur.len();
        for j in 0..k {
            if cur[j] == want[j] {
                continue;
            }
            let p = cur.iter().position(|x| *x == want[j]).unwrap_or(j);
            // positions from the top: index q is at depth k - q
            if p == k - 1 {
                self.emit(Op::Swap, (k - j) as u32);
            } else {
                self.emit(Op::Swap, (k - p) as u32);
                self.emit(Op::Swap, (k - j) as u32);
                self.emit(Op::Swap, (k - p) as u32);
            }
            cur.swap(j, p);
        }
    }
}

/// A printable identity for literal mapping keys (duplicate detection).
fn literal_key(e: &Expr) -> Option<String> {
    match e {
        Expr::StringLiteral(s) => Some(crate::vm::repr::repr_str(s.value.to_str())),
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => Some(i.to_string()),
            ast::Number::Float(f) => Some(crate::vm::repr::float_repr(*f)),
            ast::Number::Complex { .. } => Some(format!("{:?}", e.range())),
        },
        Expr::BooleanLiteral(b) => Some(if b.value { "True" } else { "False" }.into()),
        Expr::NoneLiteral(_) => Some("None".into()),
        Expr::BytesLiteral(_) | Expr::UnaryOp(_) | Expr::BinOp(_) => {
            Some(format!("{:?}", e.range()))
        }
        _ => None,
    }
}
