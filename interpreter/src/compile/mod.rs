//! The compiler: ruff AST → bytecode (`CodeUnit`).

mod annot;
mod async_stmt;
pub mod bytecode;
mod expr;
mod match_stmt;
mod stmt;
pub mod symtable;

use bytecode::*;
use ruff_python_ast::{self as ast};
use ruff_text_size::Ranged;
use symtable::{Key, Scope, ScopeKind, SymTable};

/// A compile error: message and byte offset.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub msg: String,
    pub offset: u32,
    pub kind: &'static str,
}

type CResult<T = ()> = Result<T, CompileError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(usize);

#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    Loop {
        cont: Label,
        brk: Label,
        for_loop: bool,
    },
    Finally {
        body: &'a [ast::Stmt],
        handler_level: usize,
    },
    Handler {
        named: Option<String>,
    },
    With,
    AsyncWith,
}

pub(crate) struct Unit<'a> {
    pub scope: Scope,
    pub instrs: Vec<Instr>,
    pub lines: Vec<u32>,
    pub handler_of: Vec<u32>,
    pub handlers: Vec<Handler>,
    pub handler_stack: Vec<u32>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub depth: i32,
    pub maxdepth: i32,
    pub line: u32,
    pub labels: Vec<Option<u32>>,
    pub fblocks: Vec<FBlock<'a>>,
    pub qualname: String,
    pub name: String,
    pub firstline: u32,
    /// Inside an `async def` (or an async comprehension).
    pub is_async: bool,
    pub doc: Option<String>,
    /// The class name private names (`__x`) are mangled with.
    pub private: Option<String>,
}

/// Compiles a module.
pub struct Compiler<'a> {
    pub(crate) filename: String,
    line_starts: Vec<u32>,
    pub(crate) st: SymTable,
    pub(crate) u: Unit<'a>,
    stack: Vec<Unit<'a>>,
    pub(crate) interactive: bool,
    /// Module-level names go through the locals mapping (exec/eval).
    pub(crate) names_mode: bool,
    /// The source text (for PEP 563 string annotations).
    pub(crate) src: String,
    /// `from __future__ import annotations` is in effect.
    pub(crate) future_annotations: bool,
}

impl<'a> Compiler<'a> {
    fn new_unit(&self, key: Key, name: &str, qualname: String, firstline: u32) -> Unit<'a> {
        let scope = self.st.scopes.get(&key).cloned().expect("scope for unit");
        let mut varnames: Vec<String> = scope.params.clone();
        if scope.kind == ScopeKind::Function {
            for b in &scope.bound {
                if scope.is_local(b) && !varnames.contains(b) {
                    varnames.push(b.clone());
                }
            }
        }
        Unit {
            scope,
            instrs: vec![],
            lines: vec![],
            handler_of: vec![],
            handlers: vec![],
            handler_stack: vec![],
            consts: vec![],
            names: vec![],
            varnames,
            depth: 0,
            maxdepth: 0,
            line: firstline,
            labels: vec![],
            fblocks: vec![],
            qualname,
            name: name.to_string(),
            firstline,
            is_async: false,
            doc: None,
            private: None,
        }
    }

    pub(crate) fn line_of(&self, off: u32) -> u32 {
        match self.line_starts.binary_search(&off) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
    pub(crate) fn set_line(&mut self, r: &impl Ranged) {
        self.u.line = self.line_of(r.range().start().to_u32());
    }
    pub(crate) fn err(&self, msg: impl Into<String>, r: &impl Ranged) -> CompileError {
        CompileError {
            msg: msg.into(),
            offset: r.range().start().to_u32(),
            kind: "SyntaxError",
        }
    }

    // ----- emission ----------------------------------------------------------
    pub(crate) fn emit(&mut self, op: Op, arg: u32) -> usize {
        let u = &mut self.u;
        u.instrs.push(Instr::new(op, arg));
        u.lines.push(u.line);
        u.handler_of
            .push(*u.handler_stack.last().unwrap_or(&u32::MAX));
        u.depth += stack_effect(op, arg);
        if u.depth > u.maxdepth {
            u.maxdepth = u.depth;
        }
        u.instrs.len() - 1
    }
    pub(crate) fn op(&mut self, op: Op) {
        self.emit(op, 0);
    }
    pub(crate) fn new_label(&mut self) -> Label {
        self.u.labels.push(None);
        Label(self.u.labels.len() - 1)
    }
    pub(crate) fn bind(&mut self, l: Label) {
        self.u.labels[l.0] = Some(self.u.instrs.len() as u32);
    }
    pub(crate) fn jump(&mut self, op: Op, l: Label) {
        self.emit(op, l.0 as u32 | 0x8000_0000);
    }
    /// Starts a protected region whose handler is `l`; returns the handler id.
    pub(crate) fn push_handler(&mut self, l: Label, depth: i32) -> u32 {
        self.u.handlers.push(Handler {
            target: l.0 as u32,
            depth: depth as u32,
        });
        let id = (self.u.handlers.len() - 1) as u32;
        self.u.handler_stack.push(id);
        id
    }
    pub(crate) fn pop_handler(&mut self) {
        self.u.handler_stack.pop();
    }

    pub(crate) fn add_const(&mut self, c: Const) -> u32 {
        for (i, k) in self.u.consts.iter().enumerate() {
            let same = match (k, &c) {
                (Const::None, Const::None) | (Const::Ellipsis, Const::Ellipsis) => true,
                (Const::Bool(a), Const::Bool(b)) => a == b,
                (Const::Int(a), Const::Int(b)) => a == b,
                (Const::Str(a), Const::Str(b)) => a == b,
                (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
                _ => false,
            };
            if same {
                return i as u32;
            }
        }
        self.u.consts.push(c);
        (self.u.consts.len() - 1) as u32
    }
    pub(crate) fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Op::LoadConst, i);
    }
    pub(crate) fn add_name(&mut self, n: &str) -> u32 {
        if let Some(i) = self.u.names.iter().position(|x| x == n) {
            return i as u32;
        }
        self.u.names.push(n.to_string());
        (self.u.names.len() - 1) as u32
    }

    // ----- names ---------------------------------------------------------------
    fn deref_index(&self, n: &str) -> Option<u32> {
        let s = &self.u.scope;
        if let Some(i) = s.cells.iter().position(|x| x == n) {
            return Some(i as u32);
        }
        s.frees
            .iter()
            .position(|x| x == n)
            .map(|i| (i + s.cells.len()) as u32)
    }
    /// The mangled form of `n` in the current class (`__x` → `_C__x`).
    pub(crate) fn mangle(&self, n: &str) -> String {
        symtable::mangle(self.u.private.as_deref(), n)
    }

    /// Name index of an attribute name (mangled).
    pub(crate) fn attr_name(&mut self, n: &str) -> u32 {
        let m = self.mangle(n);
        self.add_name(&m)
    }

    pub(crate) fn name_op(&mut self, n: &str, ctx: u8) {
        let mangled = self.mangle(n);
        let n: &str = &mangled;
        // ctx: 0 load, 1 store, 2 delete
        let kind = self.u.scope.kind;
        let is_global_decl = self.u.scope.globals.contains(n);
        if kind == ScopeKind::Function {
            if let Some(i) = self.deref_index(n) {
                let op = [Op::LoadDeref, Op::StoreDeref, Op::DeleteDeref][ctx as usize];
                self.emit(op, i);
                return;
            }
            if !is_global_decl && self.u.scope.is_local(n) {
                let i = self.u.varnames.iter().position(|x| x == n).expect("local") as u32;
                let op = [Op::LoadFast, Op::StoreFast, Op::DeleteFast][ctx as usize];
                self.emit(op, i);
                return;
            }
            let i = self.add_name(n);
            let op = [Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal][ctx as usize];
            self.emit(op, i);
            return;
        }
        if kind == ScopeKind::Class {
            if is_global_decl {
                let i = self.add_name(n);
                let op = [Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal][ctx as usize];
                self.emit(op, i);
                return;
            }
            if ctx == 0 && self.u.scope.frees.iter().any(|x| x == n) {
                let i = self.deref_index(n).expect("free");
                self.emit(Op::LoadClassDeref, i);
                return;
            }
            let i = self.add_name(n);
            let op = [Op::LoadName, Op::StoreName, Op::DeleteName][ctx as usize];
            self.emit(op, i);
            return;
        }
        let i = self.add_name(n);
        let op = if self.interactive || self.names_mode {
            [Op::LoadName, Op::StoreName, Op::DeleteName][ctx as usize]
        } else {
            [Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal][ctx as usize]
        };
        self.emit(op, i);
    }

    // ----- units ---------------------------------------------------------------
    pub(crate) fn enter_unit(&mut self, key: Key, name: &str, firstline: u32) {
        let qual = if self.u.scope.kind == ScopeKind::Module {
            name.to_string()
        } else if self.u.scope.kind == ScopeKind::Function {
            format!("{}.<locals>.{}", self.u.qualname, name)
        } else {
            format!("{}.{}", self.u.qualname, name)
        };
        let mut nu = self.new_unit(key, name, qual, firstline);
        nu.private = if nu.scope.kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.u.private.clone()
        };
        let old = std::mem::replace(&mut self.u, nu);
        self.stack.push(old);
    }

    pub(crate) fn leave_unit(
        &mut self,
        flags: u32,
        argcount: u32,
        posonly: u32,
        kwonly: u32,
    ) -> CodeUnit {
        let parent = self.stack.pop().expect("parent unit");
        let u = std::mem::replace(&mut self.u, parent);
        Compiler::finish(u, flags, argcount, posonly, kwonly, &self.filename)
    }

    fn finish(
        mut u: Unit<'a>,
        mut flags: u32,
        argcount: u32,
        posonly: u32,
        kwonly: u32,
        filename: &str,
    ) -> CodeUnit {
        // patch labels
        for ins in u.instrs.iter_mut() {
            if ins.arg & 0x8000_0000 != 0
                && matches!(
                    ins.op,
                    Op::Jump
                        | Op::PopJumpIfFalse
                        | Op::PopJumpIfTrue
                        | Op::JumpIfFalseOrPop
                        | Op::JumpIfTrueOrPop
                        | Op::ForIter
                        | Op::WithExcept
                        | Op::WithExceptFinish
                )
            {
                let l = (ins.arg & 0x7fff_ffff) as usize;
                ins.arg = u.labels[l].expect("unbound label");
            }
        }
        for h in u.handlers.iter_mut() {
            h.target = u.labels[h.target as usize].expect("unbound handler label");
        }
        if u.scope.is_generator {
            flags |= CO_GENERATOR;
        }
        let cell2arg = u
            .scope
            .cells
            .iter()
            .map(|c| u.scope.params.iter().position(|p| p == c).map(|i| i as u32))
            .collect();
        let nlocals = u.varnames.len() as u32;
        CodeUnit {
            info: CodeInfo {
                name: u.name.clone(),
                qualname: u.qualname.clone(),
                filename: filename.to_string(),
                firstline: u.firstline,
                instrs: u.instrs,
                lines: u.lines,
                handler_of: u.handler_of,
                handlers: u.handlers,
                argcount,
                posonly,
                kwonly,
                flags,
                nlocals,
                varnames: u.varnames,
                cellvars: u.scope.cells.clone(),
                freevars: u.scope.frees.clone(),
                cell2arg,
                stacksize: (u.maxdepth.max(0) as u32) + 4,
                doc: u.doc,
            },
            consts: u.consts,
            names: u.names,
        }
    }
}

/// Byte offsets of line starts.
pub fn line_starts(src: &str) -> Vec<u32> {
    let mut v = vec![0u32];
    for (i, b) in src.bytes().enumerate() {
        if b == b'\n' {
            v.push(i as u32 + 1);
        }
    }
    v
}

/// Compiles module source. `interactive` compiles expression statements to print.
pub fn compile_module(
    src: &str,
    filename: &str,
    interactive: bool,
) -> Result<CodeUnit, CompileError> {
    compile_with(src, filename, interactive, false, false)
}

/// Compiles source for `exec` (`eval`: an expression whose value the code
/// returns). Top-level names use the locals mapping (LOAD_NAME), as in CPython.
pub fn compile_exec(src: &str, filename: &str, eval: bool) -> Result<CodeUnit, CompileError> {
    compile_with(src, filename, false, true, eval)
}

fn compile_with(
    src: &str,
    filename: &str,
    interactive: bool,
    names_mode: bool,
    eval: bool,
) -> Result<CodeUnit, CompileError> {
    let parsed = ruff_python_parser::parse_module(src).map_err(|e| CompileError {
        msg: e.error.to_string(),
        offset: e.location.start().to_u32(),
        kind: if e.error.to_string().contains("indent") {
            "IndentationError"
        } else {
            "SyntaxError"
        },
    })?;
    let module = parsed.syntax();
    let mkey = (0u32, u32::MAX);
    let st = symtable::build(&module.body, mkey).map_err(|(msg, offset)| CompileError {
        msg,
        offset,
        kind: "SyntaxError",
    })?;
    let mut c = Compiler {
        filename: filename.to_string(),
        line_starts: line_starts(src),
        st,
        u: Unit {
            scope: Scope {
                kind: ScopeKind::Module,
                params: vec![],
                bound: vec![],
                bound_set: Default::default(),
                used: Default::default(),
                globals: Default::default(),
                nonlocals: Default::default(),
                children: vec![],
                cells: vec![],
                frees: vec![],
                is_generator: false,
                needs_class_cell: false,
            },
            instrs: vec![],
            lines: vec![],
            handler_of: vec![],
            handlers: vec![],
            handler_stack: vec![],
            consts: vec![],
            names: vec![],
            varnames: vec![],
            depth: 0,
            maxdepth: 0,
            line: 1,
            labels: vec![],
            fblocks: vec![],
            qualname: "<module>".into(),
            name: "<module>".into(),
            firstline: 1,
            is_async: false,
            doc: None,
            private: None,
        },
        stack: vec![],
        interactive,
        names_mode,
        src: src.to_string(),
        future_annotations: annot::future_annotations(&module.body),
    };
    c.u.scope = c.st.scopes.get(&mkey).cloned().expect("module scope");
    // `from __future__` etc. are plain imports.
    let body: &[ast::Stmt] = &module.body;
    // SAFETY-free lifetime trick: the AST lives as long as `parsed` in this fn.
    if eval {
        match body {
            [ast::Stmt::Expr(e)] => c.expr(&e.value)?,
            _ => {
                return Err(CompileError {
                    msg: "invalid syntax".into(),
                    offset: body
                        .first()
                        .map(|s| s.range().start().to_u32())
                        .unwrap_or(0),
                    kind: "SyntaxError",
                })
            }
        }
        c.op(Op::Return);
    } else {
        if let Some(d) = annot::docstring(body) {
            c.load_const(Const::Str(d));
            c.name_op("__doc__", 1);
        }
        c.setup_annotations(body);
        c.compile_body(body)?;
        c.load_const(Const::None);
        c.op(Op::Return);
    }
    let u = std::mem::replace(&mut c.u, c.stack.pop().unwrap_or_else(unit_placeholder));
    Ok(Compiler::finish(u, CO_MODULE, 0, 0, 0, filename))
}

fn unit_placeholder<'a>() -> Unit<'a> {
    Unit {
        scope: Scope {
            kind: ScopeKind::Module,
            params: vec![],
            bound: vec![],
            bound_set: Default::default(),
            used: Default::default(),
            globals: Default::default(),
            nonlocals: Default::default(),
            children: vec![],
            cells: vec![],
            frees: vec![],
            is_generator: false,
            needs_class_cell: false,
        },
        instrs: vec![],
        lines: vec![],
        handler_of: vec![],
        handlers: vec![],
        handler_stack: vec![],
        consts: vec![],
        names: vec![],
        varnames: vec![],
        depth: 0,
        maxdepth: 0,
        line: 1,
        labels: vec![],
        fblocks: vec![],
        qualname: String::new(),
        name: String::new(),
        firstline: 1,
        is_async: false,
        doc: None,
        private: None,
    }
}
