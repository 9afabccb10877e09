//! The heap as a Python programmer sees it, for heap snapshots.
//!
//! *Folding*: the interpreter's internal storage objects (a list's item
//! array, an instance's value array, a dict's index and entry tables, a
//! module's or class's namespace dict, a function's closure tuple, the
//! attribute maps) are folded into their Python owner: their bytes count in
//! the owner's shallow size and their references become the owner's. Each
//! internal object gets exactly one owner: first the known storage slots of
//! each kind, then, for internal objects reached otherwise, the first owner
//! whose storage refers to them (instances' attribute-map slot is skipped,
//! so shared maps go to their class). Internal objects no Python object
//! owns (VM tables reached only from roots) stay nodes labelled
//! `(internal)`.
//!
//! *Names*: every reference gets the name a Python programmer would write:
//! `._cache` (module global, class attribute, instance attribute), `['k']`
//! (dict value; key repr truncated), `[40]` (list and tuple items),
//! `closure listeners` (a function's closure cell), `cell_contents`,
//! `handle() local r` (frame locals), `__class__`, `f_back`, ...

use crate::object::dict::{D_ENT, D_USED};
use crate::object::instance::{I_MAP, I_VALS, M_INDEX, M_NAME, M_PARENT};
use crate::object::layout::*;
use crate::object::list::{L_ITEMS, L_LEN};
use crate::object::types::TY_DICT;
use crate::object::value::Value;
use crate::vm::call::{FN_CLOSURE, FN_CODE, FN_DEFAULTS, FN_GLOBALS, ME_FUNC, ME_SELF};
use crate::vm::gcheap::visible;
use crate::vm::Vm;
use gc_api::{ObjRef, TypeTable};
use std::collections::HashMap as StdMap;

use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for object addresses: aligned, clustered words need their high
/// bits mixed into the low ones that pick the bucket.
#[derive(Default)]
pub struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        let x = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^ (x >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).rotate_left(5);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
}

/// Address-keyed map.
pub type AddrMap<V> = StdMap<usize, V, BuildHasherDefault<AddrHasher>>;

/// Address → object index as a page table: every object is at least 16
/// bytes, so `addr >> 4` differs between objects; 4 KiB pages of 256
/// slots are allocated for pages that hold objects. A query is one lookup
/// in a small map (cache resident) and one array read, instead of two
/// cache misses in a map of every object.
#[derive(Default)]
pub struct AddrIndex {
    pages: AddrMap<u32>,
    slots: Vec<u32>,
}

const PAGE_SHIFT: usize = 12;
const GRAIN_SHIFT: usize = 4;
const PAGE_SLOTS: usize = 1 << (PAGE_SHIFT - GRAIN_SHIFT);

impl AddrIndex {
    fn insert(&mut self, addr: usize, i: u32) {
        let slots = &mut self.slots;
        let base = *self.pages.entry(addr >> PAGE_SHIFT).or_insert_with(|| {
            let b = slots.len();
            slots.resize(b + PAGE_SLOTS, NONE);
            (b / PAGE_SLOTS) as u32
        }) as usize;
        self.slots[base * PAGE_SLOTS + ((addr >> GRAIN_SHIFT) & (PAGE_SLOTS - 1))] = i;
    }

    fn get(&self, addr: usize) -> Option<u32> {
        let base = *self.pages.get(&(addr >> PAGE_SHIFT))? as usize;
        let i = self.slots[base * PAGE_SLOTS + ((addr >> GRAIN_SHIFT) & (PAGE_SLOTS - 1))];
        (i != NONE).then_some(i)
    }
}

const NONE: u32 = u32::MAX;
/// Key reprs longer than this are cut (with `...`).
const KEY_REPR_MAX: usize = 40;

/// Objects of one walk with their folded owners.
pub struct HeapGraph {
    /// Every object of the walk.
    pub objs: Vec<ObjRef>,
    index: AddrIndex,
    /// Per object: the node it is folded into (itself for nodes).
    pub owner: Vec<u32>,
    /// Members of each node (CSR: `members[start[g]..start[g + 1]]`).
    start: Vec<u32>,
    members: Vec<u32>,
}

/// `repr` of a dict key for an edge name, cut to [`KEY_REPR_MAX`].
pub fn key_repr(k: Value) -> String {
    if k.is_int() {
        return k.as_int().to_string();
    }
    if k.is_none() {
        return "None".into();
    }
    if k == Value::TRUE || k == Value::FALSE {
        return if k == Value::TRUE { "True" } else { "False" }.into();
    }
    let Some(o) = k.obj() else {
        return "?".into();
    };
    if kind_of(o) != Kind::Str {
        let ty = Value(o.word(TYPE_OFF));
        return if ty.is_ref() {
            format!("<{}>", Vm::type_name(ty))
        } else {
            "?".into()
        };
    }
    let s = crate::object::str::str_of(o);
    let mut r = String::from("'");
    for (n, c) in s.chars().enumerate() {
        if n >= KEY_REPR_MAX {
            r.push_str("...");
            break;
        }
        match c {
            '\'' => r.push_str("\\'"),
            '\\' => r.push_str("\\\\"),
            '\n' => r.push_str("\\n"),
            c if c.is_control() => r.push_str(&format!("\\x{:02x}", c as u32)),
            c => r.push(c),
        }
    }
    r.push('\'');
    r
}

/// Live `(key, value)` entries of a dict object (entries array triples).
fn dict_entries(d: ObjRef, mut f: impl FnMut(Value, Value)) {
    if kind_of(d) != Kind::Dict {
        return;
    }
    let Some(ent) = Vm::get(d, D_ENT).obj() else {
        return;
    };
    let used = Vm::get(d, D_USED).as_int().max(0) as usize;
    let cap = Vm::var_len(ent) / 3;
    for e in 0..used.min(cap) {
        let k = Vm::item(ent, 3 * e);
        if k.is_ref() || k.is_int() {
            f(k, Vm::item(ent, 3 * e + 1));
        }
    }
}

/// `.name` edges for the entries of a namespace dict.
fn namespace(d: Value, out: &mut Vec<(usize, String)>) {
    if let Some(d) = d.obj() {
        dict_entries(d, |k, v| {
            let name = if Vm::is_str(k) {
                format!(".{}", Vm::as_str(k))
            } else {
                format!("[{}]", key_repr(k))
            };
            out.push((v.0, name));
        });
    }
}

impl HeapGraph {
    /// Folds the objects of a walk.
    pub fn build(types: &TypeTable, objs: Vec<ObjRef>) -> HeapGraph {
        let n = objs.len();
        let mut index = AddrIndex::default();
        for (i, o) in objs.iter().enumerate() {
            index.insert(o.to_word(), i as u32);
        }
        let owner: Vec<u32> = (0..n as u32)
            .map(|i| if visible(objs[i as usize]) { i } else { NONE })
            .collect();
        let mut g = HeapGraph {
            objs,
            index,
            owner,
            start: Vec::new(),
            members: Vec::new(),
        };
        g.claim_namespaces();
        g.claim_storage(types);
        g.group();
        g
    }

    fn ix(&self, v: Value) -> Option<u32> {
        if !v.is_ref() {
            return None;
        }
        self.index.get(v.0)
    }

    /// Modules', classes' and dict-mode instances' namespace dicts and
    /// functions' closure tuples belong to them.
    fn claim_namespaces(&mut self) {
        for i in 0..self.objs.len() {
            let o = self.objs[i];
            if self.owner[i] != i as u32 {
                continue;
            }
            let slot = match kind_of(o) {
                Kind::Module => 1,
                Kind::Type => TY_DICT,
                Kind::Instance if !Vm::get(o, I_MAP).is_ref() => I_VALS,
                Kind::Function => FN_CLOSURE,
                _ => continue,
            };
            if let Some(j) = self.ix(Vm::get(o, slot)) {
                let jo = self.objs[j as usize];
                let ok = matches!(kind_of(jo), Kind::Dict | Kind::Tuple);
                if ok && j as usize != i && self.owner[j as usize] == j {
                    self.owner[j as usize] = i as u32;
                }
            }
        }
    }

    /// Internal objects go to the first owner whose storage reaches them.
    fn claim_storage(&mut self, types: &TypeTable) {
        let n = self.objs.len();
        let mut scanned = vec![false; n];
        let mut stack = Vec::new();
        for i in 0..n {
            if self.owner[i] == NONE || scanned[i] {
                continue;
            }
            stack.push(i as u32);
            while let Some(x) = stack.pop() {
                let x = x as usize;
                if scanned[x] {
                    continue;
                }
                scanned[x] = true;
                let o = self.objs[x];
                let own = self.owner[x];
                let skip = if kind_of(o) == Kind::Instance {
                    slot(I_MAP)
                } else {
                    usize::MAX
                };
                types.for_each_slot(o, |off| {
                    if off == skip {
                        return;
                    }
                    if let Some(j) = self.ix(Value(o.word(off))) {
                        if self.owner[j as usize] == NONE {
                            self.owner[j as usize] = own;
                            stack.push(j);
                        }
                    }
                });
            }
        }
        for i in 0..n {
            if self.owner[i] == NONE {
                self.owner[i] = i as u32;
            }
        }
    }

    fn group(&mut self) {
        let n = self.objs.len();
        let mut count = vec![0u32; n + 1];
        for &o in &self.owner {
            count[o as usize + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut members = vec![0u32; n];
        for (i, &o) in self.owner.iter().enumerate() {
            members[fill[o as usize] as usize] = i as u32;
            fill[o as usize] += 1;
        }
        self.start = count;
        self.members = members;
    }

    /// Is object `i` a node (not folded into another)?
    pub fn is_node(&self, i: usize) -> bool {
        self.owner[i] == i as u32
    }

    /// The objects folded into node `g` (itself included).
    pub fn members(&self, g: usize) -> &[u32] {
        &self.members[self.start[g] as usize..self.start[g + 1] as usize]
    }

    /// The node an object (by address word) is folded into.
    pub fn node_of(&self, w: usize) -> Option<u32> {
        self.index.get(w).map(|j| self.owner[j as usize])
    }

    /// Named references of node `g`: kind-specific names first, then every
    /// other reference of its members, unnamed. Targets are node indices,
    /// each once, never `g` itself.
    pub fn edges(&self, vm: &Vm, g: usize, seen: &mut [u32], out: &mut Vec<(u32, String)>) {
        out.clear();
        let mut named = Vec::new();
        named_edges(vm, self.objs[g], &mut named);
        let mut push = |w: usize, name: String, out: &mut Vec<(u32, String)>| {
            if let Some(t) = self.node_of(w) {
                if t as usize != g && seen[t as usize] != g as u32 {
                    seen[t as usize] = g as u32;
                    out.push((t, name));
                }
            }
        };
        for (w, name) in named {
            push(w, name, out);
        }
        let types = vm.m.types();
        for &m in self.members(g) {
            let o = self.objs[m as usize];
            types.for_each_slot(o, |off| {
                let w = o.word(off);
                if Value(w).is_ref() {
                    let name = if off == TYPE_OFF && m as usize == g {
                        "__class__".to_string()
                    } else {
                        String::new()
                    };
                    push(w, name, out);
                }
            });
        }
    }
}

/// Kind-specific named references of a Python object.
fn named_edges(vm: &Vm, o: ObjRef, out: &mut Vec<(usize, String)>) {
    match kind_of(o) {
        Kind::List => {
            let len = Vm::get(o, L_LEN).as_int().max(0) as usize;
            if let Some(items) = Vm::get(o, L_ITEMS).obj() {
                for i in 0..len.min(Vm::var_len(items)) {
                    out.push((Vm::item(items, i).0, format!("[{i}]")));
                }
            }
        }
        Kind::Tuple => {
            for i in 0..Vm::var_len(o) {
                out.push((Vm::item(o, i).0, format!("[{i}]")));
            }
        }
        Kind::Dict => dict_entries(o, |k, v| out.push((v.0, format!("[{}]", key_repr(k))))),
        Kind::Module => namespace(Vm::get(o, 1), out),
        Kind::Type => namespace(Vm::get(o, TY_DICT), out),
        Kind::Instance => instance_edges(o, out),
        Kind::Function => function_edges(vm, o, out),
        Kind::Cell => out.push((Vm::get(o, 1).0, "cell_contents".into())),
        Kind::Method => {
            out.push((Vm::get(o, ME_SELF).0, "__self__".into()));
            out.push((Vm::get(o, ME_FUNC).0, "__func__".into()));
        }
        Kind::Frame => frame_edges(vm, o, out),
        _ => {}
    }
}

fn instance_edges(o: ObjRef, out: &mut Vec<(usize, String)>) {
    let vals = Vm::get(o, I_VALS);
    let Some(mut m) = Vm::get(o, I_MAP).obj() else {
        namespace(vals, out);
        return;
    };
    let Some(vals) = vals.obj() else { return };
    let len = Vm::var_len(vals);
    for _ in 0..10_000 {
        let name = Vm::get(m, M_NAME);
        if name.is_null() || !name.is_ref() {
            break;
        }
        let i = Vm::get(m, M_INDEX).as_int();
        if i >= 0 && (i as usize) < len {
            out.push((
                Vm::item(vals, i as usize).0,
                format!(".{}", Vm::as_str(name)),
            ));
        }
        match Vm::get(m, M_PARENT).obj() {
            Some(p) if kind_of(p) == Kind::Map => m = p,
            _ => break,
        }
    }
}

fn function_edges(vm: &Vm, o: ObjRef, out: &mut Vec<(usize, String)>) {
    let code = Vm::get(o, FN_CODE);
    if let Some(cl) = Vm::get(o, FN_CLOSURE).obj() {
        if kind_of(cl) == Kind::Tuple && code.is_ref() {
            let info = vm.code_info(code);
            for i in 0..Vm::var_len(cl) {
                let name = info.freevars.get(i).map_or("?", String::as_str);
                out.push((Vm::item(cl, i).0, format!("closure {name}")));
            }
        }
    }
    out.push((Vm::get(o, FN_GLOBALS).0, "__globals__".into()));
    out.push((Vm::get(o, FN_DEFAULTS).0, "__defaults__".into()));
    out.push((code.0, "__code__".into()));
}

fn frame_edges(vm: &Vm, f: ObjRef, out: &mut Vec<(usize, String)>) {
    let code = Value(f.word(FRAME_CODE));
    if code.is_ref() {
        let info = vm.code_info(code);
        let func = &info.name;
        let (nl, nc) = (info.nlocals as usize, info.cellvars.len());
        let nf = info.freevars.len();
        let sp = f.word(FRAME_SP).min(Vm::var_len(f));
        for i in 0..sp {
            let name = if i < nl {
                format!("{func}() local {}", info.varnames.get(i).map_or("?", |s| s))
            } else if i < nl + nc {
                format!("{func}() cell {}", info.cellvars[i - nl])
            } else if i < nl + nc + nf {
                format!("{func}() free {}", info.freevars[i - nl - nc])
            } else {
                format!("{func}() stack")
            };
            out.push((Vm::fget(f, i).0, name));
        }
    }
    out.push((f.word(FRAME_BACK), "f_back".into()));
    out.push((f.word(FRAME_LOCALS), "f_locals".into()));
    out.push((f.word(FRAME_GLOBALS), "f_globals".into()));
    out.push((code.0, "f_code".into()));
}
