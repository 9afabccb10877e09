//! Compiled code on every registered collector: inline allocation, barriers
//! and safepoint polls from the context data, GC references in stack maps.
//! Run plain, under torture (a collection at every poll, the heap verified
//! after each), and with objects that keep moving (tenure 15).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::InstBuilder;
use gc_api::{
    CollectRequest, CollectorEnv, GcConfig, Mutator, ObjRef, RawMemory, TypeId, TypeInfo,
    TypeTable, VarLayout,
};
use gc_jit::{JitFunction, JitRuntime, WORD};
use std::sync::Arc;

/// `pair`: header, left 8, right 16, data 24.
const LEFT: i32 = 8;
const RIGHT: i32 = 16;
const DATA: i32 = 24;
/// `refs`: header, length 8, items from 16.
const LEN: i32 = 8;

struct Heap {
    m: Mutator,
    pair: TypeId,
    refs: TypeId,
    roots: Vec<usize>,
    types: Arc<TypeTable>,
}

fn types() -> (TypeTable, TypeId, TypeId) {
    let mut t = TypeTable::new();
    let _guard = t.register(TypeInfo::fixed("guard", 16, vec![]));
    let pair = t.register(TypeInfo::fixed("pair", 32, vec![8, 16]));
    let layout = VarLayout {
        length_offset: LEN as u32,
        item_size: 8,
        item_ref_offsets: vec![0],
    };
    let refs = t.register(TypeInfo::var_size("refs", 16, vec![], layout));
    (t, pair, refs)
}

fn heap(gc: &str, torture: u32, tenure: u32, nursery: usize) -> Heap {
    let (t, pair, refs) = types();
    let types = Arc::new(t);
    let env = CollectorEnv {
        types: types.clone(),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::with_nursery(nursery);
    cfg.collector = gc.to_string();
    cfg.torture = torture;
    cfg.verify = u32::from(torture != 0);
    cfg.tenure = tenure;
    cfg.threads = 2;
    let collector = gc_registry::build(&cfg, env.clone()).expect("collector builds");
    Heap {
        m: Mutator::new(collector, &env, &cfg),
        pair,
        refs,
        roots: Vec::new(),
        types,
    }
}

/// `make(depth)`: a binary tree; leaves hold 1, inner nodes their depth.
/// `check(node)`: the sum of `data` over the tree, reading `right` only
/// after the recursive call on `left` (so `node` lives across a safepoint).
fn compile_trees(
    rt: &mut JitRuntime,
    pair: TypeId,
) -> (cranelift_module::FuncId, cranelift_module::FuncId) {
    let make = rt.declare("make", 1).unwrap();
    let check = rt.declare("check", 1).unwrap();
    rt.define(make, |f: &mut JitFunction<'_>| {
        f.poll();
        let depth = f.params()[0];
        let (leaf, inner) = (f.b.create_block(), f.b.create_block());
        f.b.ins().brif(depth, inner, &[], leaf, &[]);
        f.b.switch_to_block(leaf);
        let n = f.alloc(pair);
        let one = f.b.ins().iconst(WORD, 1);
        f.store_word(n, DATA, one);
        f.b.ins().return_(&[n]);
        f.b.switch_to_block(inner);
        let d1 = f.b.ins().iadd_imm_s(depth, -1);
        let l = f.call_ref(make, &[d1]);
        let r = f.call_ref(make, &[d1]);
        let n = f.alloc(pair);
        f.init_ref(n, LEFT, l);
        f.init_ref(n, RIGHT, r);
        f.store_word(n, DATA, depth);
        f.b.ins().return_(&[n]);
    })
    .unwrap();
    rt.define(check, |f: &mut JitFunction<'_>| {
        f.poll();
        let node = f.params()[0];
        let node = f.gc_ref(node);
        let (empty, full) = (f.b.create_block(), f.b.create_block());
        f.b.ins().brif(node, full, &[], empty, &[]);
        f.b.switch_to_block(empty);
        let zero = f.b.ins().iconst(WORD, 0);
        f.b.ins().return_(&[zero]);
        f.b.switch_to_block(full);
        let left = f.load_ref(node, LEFT);
        let sl = f.call(check, &[left]);
        let right = f.load_ref(node, RIGHT);
        let sr = f.call(check, &[right]);
        let data = f.load_word(node, DATA);
        let s = f.b.ins().iadd(sl, sr);
        let s = f.b.ins().iadd(s, data);
        f.b.ins().return_(&[s]);
    })
    .unwrap();
    (make, check)
}

fn tree_sum(depth: i64) -> i64 {
    if depth == 0 {
        1
    } else {
        depth + 2 * tree_sum(depth - 1)
    }
}

/// `fill(arr, n)`: for i in 0..n, a fresh pair with data i stored into
/// `arr[i % len]` through the array barrier, polling every iteration.
/// `relink(holder, n)`: n fresh pairs pushed on the list at `holder.left`
/// through the field barrier. Both return 0.
fn compile_stores(
    rt: &mut JitRuntime,
    pair: TypeId,
    refs: TypeId,
) -> (cranelift_module::FuncId, cranelift_module::FuncId) {
    let fill = rt.declare("fill", 2).unwrap();
    let relink = rt.declare("relink", 2).unwrap();
    for (id, into_array) in [(fill, true), (relink, false)] {
        rt.define(id, |f: &mut JitFunction<'_>| {
            let target = f.params()[0];
            let target = f.gc_ref(target);
            let n = f.params()[1];
            let (head, body, exit) = (f.b.create_block(), f.b.create_block(), f.b.create_block());
            f.b.append_block_param(head, WORD);
            let zero = f.b.ins().iconst(WORD, 0);
            f.b.ins().jump(head, &[zero.into()]);
            f.b.switch_to_block(head);
            let i = f.b.block_params(head)[0];
            let more = f.b.ins().icmp(IntCC::SignedLessThan, i, n);
            f.b.ins().brif(more, body, &[], exit, &[]);
            f.b.switch_to_block(body);
            f.poll();
            let p = f.alloc(pair);
            f.store_word(p, DATA, i);
            if into_array {
                let len = f.load_word(target, LEN);
                let slot = f.b.ins().urem(i, len);
                f.write_item(target, refs, slot, p);
            } else {
                let old = f.load_ref(target, LEFT);
                f.init_ref(p, LEFT, old);
                f.write_ref(target, LEFT, p);
            }
            let next = f.b.ins().iadd_imm_s(i, 1);
            f.b.ins().jump(head, &[next.into()]);
            f.b.switch_to_block(exit);
            let zero = f.b.ins().iconst(WORD, 0);
            f.b.ins().return_(&[zero]);
        })
        .unwrap();
    }
    (fill, relink)
}

fn word(o: usize, off: i32) -> usize {
    ObjRef::from_word(o).expect("an object").word(off as usize)
}

fn run_trees(gc: &str, torture: u32, tenure: u32, depth: i64) {
    let mut h = heap(gc, torture, tenure, 256 << 10);
    let mut rt = JitRuntime::new(h.types.clone()).unwrap();
    let (make, check) = compile_trees(&mut rt, h.pair);
    rt.finalize().unwrap();
    assert!(
        rt.compile_log().iter().all(|r| r.stack_maps > 0),
        "calls with live refs have stack maps"
    );
    let (tree, made) = rt.invoke(make, &mut h.m, &mut h.roots, &[depth]).unwrap();
    h.roots.push(tree as usize);
    let args = [h.roots[0] as i64];
    let (sum, walked) = rt.invoke(check, &mut h.m, &mut h.roots, &args).unwrap();
    assert_eq!(sum, tree_sum(depth), "{gc}: tree sum");
    if torture != 0 {
        assert!(
            made.safepoints > 0 && walked.safepoints > 0,
            "{gc}: polls reached the collector"
        );
        assert!(
            walked.max_frames as i64 >= depth,
            "{gc}: the walk saw every compiled frame ({walked:?})"
        );
    }
    h.m.collect(CollectRequest::Major, &mut h.roots);
    let args = [h.roots[0] as i64];
    let (sum, _) = rt.invoke(check, &mut h.m, &mut h.roots, &args).unwrap();
    assert_eq!(
        sum,
        tree_sum(depth),
        "{gc}: tree sum after a major collection"
    );
    h.m.verify(&mut h.roots)
        .unwrap_or_else(|e| panic!("{gc}: {e}"));
}

fn run_stores(gc: &str, torture: u32, tenure: u32, n: i64) {
    let mut h = heap(gc, torture, tenure, 256 << 10);
    let mut rt = JitRuntime::new(h.types.clone()).unwrap();
    let (fill, relink) = compile_stores(&mut rt, h.pair, h.refs);
    rt.finalize().unwrap();
    let len = 97usize;
    let arr = h.m.alloc_var(h.refs, len).unwrap().to_word();
    let holder = h.m.alloc(h.pair).unwrap().to_word();
    h.roots.extend([arr, holder]);
    // Old objects, so the stores below are old-to-young.
    h.m.collect(CollectRequest::Major, &mut h.roots);
    h.m.collect(CollectRequest::Major, &mut h.roots);
    let args = [h.roots[0] as i64, n];
    rt.invoke(fill, &mut h.m, &mut h.roots, &args).unwrap();
    let args = [h.roots[1] as i64, n];
    rt.invoke(relink, &mut h.m, &mut h.roots, &args).unwrap();
    h.m.verify(&mut h.roots)
        .unwrap_or_else(|e| panic!("{gc}: {e}"));
    h.m.collect(CollectRequest::Major, &mut h.roots);
    h.m.verify(&mut h.roots)
        .unwrap_or_else(|e| panic!("{gc}: {e}"));
    let arr = h.roots[0];
    for j in 0..len {
        let item = h.types.item_offset(h.refs, j);
        let p = ObjRef::from_word(arr).unwrap().word(item);
        let want = (0..n as usize).rev().find(|i| i % len == j);
        match want {
            Some(i) => assert_eq!(word(p, DATA), i, "{gc}: arr[{j}]"),
            None => assert_eq!(p, 0, "{gc}: arr[{j}] untouched"),
        }
    }
    let mut node = word(h.roots[1], LEFT);
    for i in (0..n as usize).rev() {
        assert_eq!(word(node, DATA), i, "{gc}: list item {i}");
        node = word(node, LEFT);
    }
    assert_eq!(node, 0, "{gc}: list ends");
}

fn every_gc(f: impl Fn(&str)) {
    for e in gc_registry::COLLECTORS {
        f(e.name);
    }
}

#[test]
fn trees_plain() {
    every_gc(|gc| run_trees(gc, 0, 1, 16));
}

#[test]
fn trees_under_torture() {
    every_gc(|gc| run_trees(gc, 1, 1, 9));
}

#[test]
fn trees_always_moving() {
    every_gc(|gc| run_trees(gc, 3, 15, 10));
}

#[test]
fn barriers_plain() {
    every_gc(|gc| run_stores(gc, 0, 1, 200_000));
}

#[test]
fn barriers_under_torture() {
    every_gc(|gc| run_stores(gc, 1, 1, 2_000));
}

#[test]
fn barriers_always_moving() {
    every_gc(|gc| run_stores(gc, 2, 15, 3_000));
}

#[test]
fn clif_dump_shows_the_inline_paths() {
    let (t, pair, _) = types();
    let mut rt = JitRuntime::new(Arc::new(t)).unwrap();
    rt.keep_clif(true);
    let (_make, _check) = compile_trees(&mut rt, pair);
    let clif = rt.compile_log()[0].clif.clone().unwrap();
    // The bump, the poll and the slow-path calls are all there.
    assert!(clif.contains("iadd"), "{clif}");
    assert!(clif.contains("call fn"), "{clif}");
    assert!(rt.compile_log().iter().all(|r| r.code_size > 0));
}

#[test]
fn allocation_failure_is_an_error_not_a_crash() {
    let (t, pair, refs) = types();
    let types = Arc::new(t);
    let env = CollectorEnv {
        types: types.clone(),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::with_nursery(64 << 10);
    cfg.collector = "nogc".into();
    cfg.max_heap = Some(1 << 20);
    let collector = gc_registry::build(&cfg, env.clone()).unwrap();
    let mut m = Mutator::new(collector, &env, &cfg);
    let mut rt = JitRuntime::new(types).unwrap();
    let (make, _) = compile_trees(&mut rt, pair);
    let _ = refs;
    rt.finalize().unwrap();
    let mut roots: Vec<usize> = vec![];
    let err = rt.invoke(make, &mut m, &mut roots, &[20]).unwrap_err();
    assert!(err.to_string().contains("allocation failed"), "{err}");
    let err = rt.invoke(make, &mut m, &mut roots, &[1, 2]).unwrap_err();
    assert!(err.to_string().contains("takes 1 arguments"), "{err}");
}
