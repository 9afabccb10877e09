//! Symbol tables: which names are local, cell, free or global in each scope.
//! Scopes are keyed by the source range of their defining node.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::collections::{HashMap, HashSet};

/// What a scope is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// One scope's names.
#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub params: Vec<String>,
    pub bound: Vec<String>,
    pub bound_set: HashSet<String>,
    pub used: HashSet<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
    pub children: Vec<(u32, u32)>,
    pub cells: Vec<String>,
    pub frees: Vec<String>,
    pub is_generator: bool,
    pub needs_class_cell: bool,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            params: vec![],
            bound: vec![],
            bound_set: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            children: vec![],
            cells: vec![],
            frees: vec![],
            is_generator: false,
            needs_class_cell: false,
        }
    }
    fn bind(&mut self, n: &str) {
        if self.bound_set.insert(n.to_string()) {
            self.bound.push(n.to_string());
        }
    }
    /// Is `n` a local (fast) variable of a function scope?
    pub fn is_local(&self, n: &str) -> bool {
        self.bound_set.contains(n) && !self.globals.contains(n) && !self.nonlocals.contains(n)
    }
}

/// Scope key: the defining node's range.
pub type Key = (u32, u32);

/// All scopes of a module.
#[derive(Debug, Default)]
pub struct SymTable {
    pub scopes: HashMap<Key, Scope>,
}

/// Key of a node.
pub fn key_of(r: &impl Ranged) -> Key {
    let r = r.range();
    (r.start().to_u32(), r.end().to_u32())
}

struct Builder {
    scopes: HashMap<Key, Scope>,
    stack: Vec<Key>,
    /// Private-name class of each open scope.
    private: Vec<Option<String>>,
    error: Option<(String, u32)>,
}

/// CPython's `_Py_Mangle`: `__x` inside class `C` is `_C__x`.
pub fn mangle(private: Option<&str>, n: &str) -> String {
    let Some(cls) = private else {
        return n.to_string();
    };
    if !n.starts_with("__") || n.ends_with("__") || n.contains('.') {
        return n.to_string();
    }
    let stripped = cls.trim_start_matches('_');
    if stripped.is_empty() {
        return n.to_string();
    }
    format!("_{stripped}{n}")
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let k = *self.stack.last().expect("scope");
        self.scopes.get_mut(&k).expect("scope")
    }
    fn push(&mut self, key: Key, kind: ScopeKind) {
        let inherited = self.private.last().cloned().flatten();
        self.private.push(inherited);
        if let Some(p) = self.stack.last() {
            let p = *p;
            self.scopes.get_mut(&p).expect("parent").children.push(key);
        }
        self.scopes.insert(key, Scope::new(kind));
        self.stack.push(key);
    }
    fn pop(&mut self) {
        self.stack.pop();
        self.private.pop();
    }
    fn mangled(&self, n: &str) -> String {
        mangle(self.private.last().and_then(|p| p.as_deref()), n)
    }
    fn bind(&mut self, n: &str) {
        let n = self.mangled(n);
        self.cur().bind(&n)
    }
    fn use_name(&mut self, n: &str) {
        let n = self.mangled(n);
        self.cur().used.insert(n);
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn params(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            let n = self.mangled(&a.parameter.name.id);
            self.cur().params.push(n.clone());
            self.cur().bind(&n);
        }
        for a in p.kwonlyargs.iter() {
            let n = self.mangled(&a.parameter.name.id);
            self.cur().params.push(n.clone());
            self.cur().bind(&n);
        }
        if let Some(v) = &p.vararg {
            let n = self.mangled(&v.name.id);
            self.cur().params.push(n.clone());
            self.cur().bind(&n);
        }
        if let Some(v) = &p.kwarg {
            let n = self.mangled(&v.name.id);
            self.cur().params.push(n.clone());
            self.cur().bind(&n);
        }
    }
    fn param_defaults(&mut self, p: &ast::Parameters) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.param_defaults(&f.parameters);
                self.bind(&f.name.id);
                self.push(key_of(f), ScopeKind::Function);
                self.params(&f.parameters);
                if f.is_async {
                    self.cur().is_generator = false;
                }
                self.stmts(&f.body);
                self.pop();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                if let Some(a) = &c.arguments {
                    for e in a.args.iter() {
                        self.expr(e);
                    }
                    for k in a.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.bind(&c.name.id);
                self.push(key_of(c), ScopeKind::Class);
                if let Some(p) = self.private.last_mut() {
                    *p = Some(c.name.id.to_string());
                }
                self.stmts(&c.body);
                self.pop();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t)
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.use_name(&n.id);
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                self.expr(&a.annotation);
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                } else if let Expr::Name(n) = &*a.target {
                    // annotation-only: binds nothing at runtime in functions
                    let _ = n;
                } else {
                    self.target(&a.target);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.stmts(&f.body);
                self.stmts(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.stmts(&w.body);
                self.stmts(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.stmts(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.stmts(&c.body);
                }
            }
            Stmt::With(w) => {
                for it in &w.items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.target(v);
                    }
                }
                self.stmts(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(e) = &r.cause {
                    self.expr(e);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(e) = &h.type_ {
                        self.expr(e);
                    }
                    if let Some(n) = &h.name {
                        self.bind(&n.id);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(&t.orelse);
                self.stmts(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = match &a.asname {
                        Some(x) => x.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&n);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if &*a.name.id == "*" {
                        continue;
                    }
                    let n = a.asname.as_ref().unwrap_or(&a.name).id.to_string();
                    self.bind(&n);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let n = self.mangled(&n.id);
                    self.cur().globals.insert(n);
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    let n = self.mangled(&n.id);
                    self.cur().nonlocals.insert(n);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Match(m) => {
                self.expr(&m.subject);
                for c in &m.cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.stmts(&c.body);
                }
            }
            _ => {}
        }
    }

    fn pattern(&mut self, p: &ast::Pattern) {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.expr(&v.value),
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().for_each(|x| self.pattern(x)),
            P::MatchMapping(m) => {
                for k in m.keys.iter() {
                    self.expr(k);
                }
                for x in m.patterns.iter() {
                    self.pattern(x);
                }
                if let Some(r) = &m.rest {
                    self.bind(&r.id);
                }
            }
            P::MatchClass(c) => {
                self.expr(&c.cls);
                for x in c.arguments.patterns.iter() {
                    self.pattern(x);
                }
                for k in c.arguments.keywords.iter() {
                    self.pattern(&k.pattern);
                }
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.bind(&n.id);
                }
            }
            P::MatchAs(a) => {
                if let Some(x) = &a.pattern {
                    self.pattern(x);
                }
                if let Some(n) = &a.name {
                    self.bind(&n.id);
                }
            }
            P::MatchOr(o) => o.patterns.iter().for_each(|x| self.pattern(x)),
        }
    }

    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.bind(&n.id),
            Expr::Tuple(x) => {
                for e in &x.elts {
                    self.target(e)
                }
            }
            Expr::List(x) => {
                for e in &x.elts {
                    self.target(e)
                }
            }
            Expr::Starred(s) => self.target(&s.value),
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            _ => self.expr(t),
        }
    }

    fn comp(&mut self, key: Key, gens: &[ast::Comprehension], elts: &[&Expr], is_gen: bool) {
        // The first iterable is evaluated in the enclosing scope.
        self.expr(&gens[0].iter);
        self.push(key, ScopeKind::Function);
        self.cur().params.push(".0".into());
        self.bind(".0");
        self.cur().is_generator = is_gen;
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.pop();
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => {
                if n.ctx == ast::ExprContext::Load {
                    self.use_name(&n.id);
                    if &*n.id == "super" {
                        self.use_name("__class__");
                    }
                } else {
                    self.bind(&n.id);
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p);
                }
                self.push(key_of(l), ScopeKind::Function);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.pop();
            }
            Expr::ListComp(c) => self.comp(key_of(c), &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comp(key_of(c), &c.generators, &[&c.elt], false),
            Expr::Generator(c) => self.comp(key_of(c), &c.generators, &[&c.elt], true),
            Expr::DictComp(c) => {
                let mut v: Vec<&Expr> = vec![&c.value];
                if let Some(k) = &c.key {
                    v.insert(0, k);
                }
                self.comp(key_of(c), &c.generators, &v, false)
            }
            Expr::Yield(y) => {
                self.cur().is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.cur().is_generator = true;
                self.expr(&y.value);
            }
            Expr::Named(n) => {
                self.expr(&n.value);
                // walrus binds in the nearest non-comprehension scope; approximate
                self.target(&n.target);
            }
            _ => {
                walk_children(e, &mut |c| self.expr(c));
            }
        }
    }
}

/// Calls `f` on each direct sub-expression of `e` (for the simple node kinds).
pub fn walk_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(f),
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right)
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::If(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse)
        }
        Expr::Dict(d) => {
            for it in d.items.iter() {
                if let Some(k) = &it.key {
                    f(k);
                }
                f(&it.value);
            }
        }
        Expr::Set(s) => s.elts.iter().for_each(f),
        Expr::Await(a) => f(&a.value),
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(f)
        }
        Expr::Call(c) => {
            f(&c.func);
            c.arguments.args.iter().for_each(&mut *f);
            for k in c.arguments.keywords.iter() {
                f(&k.value);
            }
        }
        Expr::FString(s) => {
            for part in s.value.iter() {
                if let ast::FStringPart::FString(fs) = part {
                    walk_fstring_elems(&fs.elements, f);
                }
            }
        }
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice)
        }
        Expr::Starred(s) => f(&s.value),
        Expr::List(l) => l.elts.iter().for_each(f),
        Expr::Tuple(t) => t.elts.iter().for_each(f),
        Expr::Slice(s) => {
            for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                f(x)
            }
        }
        _ => {}
    }
}

fn walk_fstring_elems(els: &ast::InterpolatedStringElements, f: &mut dyn FnMut(&Expr)) {
    for el in els.iter() {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            f(&i.expression);
            if let Some(spec) = &i.format_spec {
                walk_fstring_elems(&spec.elements, f);
            }
        }
    }
}

/// Builds and resolves the symbol table of a module. Err = (message, offset).
pub fn build(module: &[Stmt], module_key: Key) -> Result<SymTable, (String, u32)> {
    let mut b = Builder {
        scopes: HashMap::new(),
        stack: vec![],
        private: vec![],
        error: None,
    };
    b.push(module_key, ScopeKind::Module);
    b.stmts(module);
    b.pop();
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut scopes = b.scopes;
    resolve(&mut scopes, module_key, &[])?;
    Ok(SymTable { scopes })
}

fn resolve(
    scopes: &mut HashMap<Key, Scope>,
    key: Key,
    enclosing: &[Key],
) -> Result<(), (String, u32)> {
    let sc = scopes.get(&key).expect("scope").clone();
    if sc.kind != ScopeKind::Module {
        let mut needed: Vec<String> = sc.used.iter().cloned().collect();
        needed.extend(sc.nonlocals.iter().cloned());
        needed.sort();
        for n in needed {
            if sc.kind == ScopeKind::Function && sc.is_local(&n) {
                continue;
            }
            if sc.kind == ScopeKind::Class && sc.bound_set.contains(&n) && n != "__class__" {
                continue;
            }
            if sc.globals.contains(&n) {
                continue;
            }
            // find the nearest enclosing function (or class, for __class__) binding
            let mut found: Option<usize> = None;
            for (i, k) in enclosing.iter().enumerate().rev() {
                let s = &scopes[k];
                if s.kind == ScopeKind::Function && s.is_local(&n) {
                    found = Some(i);
                    break;
                }
                if s.kind == ScopeKind::Class && n == "__class__" {
                    found = Some(i);
                    break;
                }
                if s.kind == ScopeKind::Function && s.globals.contains(&n) {
                    break;
                }
            }
            match found {
                Some(i) => {
                    let binder = enclosing[i];
                    {
                        let s = scopes.get_mut(&binder).expect("b");
                        if !s.cells.contains(&n) {
                            s.cells.push(n.clone());
                        }
                        if s.kind == ScopeKind::Class {
                            s.needs_class_cell = true;
                        }
                    }
                    for k in enclosing[i + 1..].iter().chain(std::iter::once(&key)) {
                        let s = scopes.get_mut(k).expect("s");
                        if !s.frees.contains(&n) {
                            s.frees.push(n.clone());
                        }
                    }
                }
                None => {
                    if sc.nonlocals.contains(&n) {
                        return Err((format!("no binding for nonlocal '{n}' found"), key.0));
                    }
                }
            }
        }
    }
    let mut enc = enclosing.to_vec();
    enc.push(key);
    for c in sc.children.clone() {
        resolve(scopes, c, &enc)?;
    }
    Ok(())
}
