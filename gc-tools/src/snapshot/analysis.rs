//! Snapshot analysis: dominator tree (Lengauer and Tarjan's algorithm over
//! the graph reached from a virtual root), retained sizes (heap and raw), per-type totals, growth between
//! snapshots, named reference paths.

use super::{Snapshot, NONE};
use std::collections::HashMap;

/// The dominator tree of a snapshot with retained sizes, computed once.
#[derive(Debug)]
pub struct Dom {
    /// Immediate dominator per object (`u32::MAX`: unreachable; `n`: only
    /// the virtual root).
    pub idom: Vec<u32>,
    /// Retained heap bytes per object (0 when unreachable).
    pub retained: Vec<u64>,
    /// Retained raw bytes per object.
    pub retained_raw: Vec<u64>,
    /// Reachable objects in depth-first preorder (virtual root first): an
    /// object's dominator always comes before it.
    pub order: Vec<u32>,
}

impl Dom {
    /// Children in the dominator tree (index `n` is the virtual root).
    pub fn children(&self) -> Vec<Vec<u32>> {
        let n = self.idom.len();
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n + 1];
        for (v, &d) in self.idom.iter().enumerate() {
            if d != u32::MAX {
                children[d as usize].push(v as u32);
            }
        }
        children
    }

    /// Is `a` an ancestor of (or equal to) `b` in the dominator tree?
    pub fn dominates(&self, a: u32, mut b: u32) -> bool {
        let n = self.idom.len() as u32;
        loop {
            if a == b {
                return true;
            }
            if b >= n {
                return false;
            }
            let d = self.idom[b as usize];
            if d == u32::MAX || d == b {
                return false;
            }
            b = d;
        }
    }
}

/// Per-type totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeRow {
    /// Type label.
    pub name: String,
    /// Objects of the type.
    pub count: u64,
    /// Their shallow bytes (GC heap).
    pub bytes: u64,
    /// Their shallow raw bytes (outside the heap).
    pub raw: u64,
    /// Heap bytes retained by objects of the type (not counting objects of
    /// the same type nested inside each other twice).
    pub retained: u64,
    /// Raw bytes retained likewise.
    pub retained_raw: u64,
}

impl Snapshot {
    /// Successors of `v` (the virtual root `n` points at the roots).
    fn succ(&self, v: u32) -> &[u32] {
        if v as usize == self.len() {
            &self.roots
        } else {
            &self.edges[v as usize]
        }
    }

    /// Depth-first preorder from the virtual root: the objects in the order
    /// they were reached, each one's DFS-tree parent (by preorder number)
    /// and each object's preorder number (`u32::MAX`: unreachable).
    fn preorder(&self) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let n = self.len();
        let mut num = vec![u32::MAX; n + 1];
        let mut vertex = Vec::with_capacity(n + 1);
        let mut parent = Vec::with_capacity(n + 1);
        let mut stack: Vec<(u32, usize)> = vec![(n as u32, 0)];
        num[n] = 0;
        vertex.push(n as u32);
        parent.push(0);
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            let s = self.succ(v);
            if *i == s.len() {
                stack.pop();
                continue;
            }
            let w = s[*i];
            *i += 1;
            if num[w as usize] == u32::MAX {
                num[w as usize] = vertex.len() as u32;
                parent.push(num[v as usize]);
                vertex.push(w);
                stack.push((w, 0));
            }
        }
        (vertex, parent, num)
    }

    /// The dominator tree and retained sizes: Lengauer and Tarjan's
    /// algorithm (semi-dominators, link-eval with path compression), so a
    /// heap of millions of objects with long chains and hubs that everything
    /// points at (a class, a module) takes near-linear time.
    pub fn dom(&self) -> Dom {
        let n = self.len();
        let (vertex, parent, num) = self.preorder();
        let m = vertex.len();
        let mut preds: Vec<Vec<u32>> = vec![Vec::new(); m];
        for (i, &v) in vertex.iter().enumerate() {
            for &w in self.succ(v) {
                preds[num[w as usize] as usize].push(i as u32);
            }
        }
        let idom_num = lengauer_tarjan(&parent, &preds);
        let mut idom = vec![u32::MAX; n + 1];
        for i in 1..m {
            idom[vertex[i] as usize] = vertex[idom_num[i] as usize];
        }
        idom[n] = n as u32;
        idom.truncate(n);
        let live = |i: usize, x: &[u64]| if idom[i] == u32::MAX { 0 } else { x[i] };
        let mut retained: Vec<u64> = (0..n).map(|i| live(i, &self.sizes)).collect();
        let mut retained_raw: Vec<u64> = (0..n).map(|i| live(i, &self.raw)).collect();
        // A dominator is a DFS-tree ancestor: it comes first in preorder.
        for &v in vertex.iter().skip(1).rev() {
            let v = v as usize;
            let d = idom[v] as usize;
            if d < n {
                retained[d] += retained[v];
                retained_raw[d] += retained_raw[v];
            }
        }
        Dom {
            idom,
            retained,
            retained_raw,
            order: vertex,
        }
    }

    /// Immediate dominators (`u32::MAX` for unreachable objects, `n` for
    /// objects dominated only by the virtual root).
    pub fn dominators(&self) -> Vec<u32> {
        self.dom().idom
    }

    /// Retained heap bytes of every object: its own size plus the sizes of
    /// the objects it dominates (what freeing it would free). 0 for objects
    /// not reachable from the roots.
    pub fn retained(&self) -> Vec<u64> {
        self.dom().retained
    }

    /// Objects not reachable from the roots (garbage a collector that
    /// never frees, or one that was not asked to collect, left in place).
    pub fn unreachable(&self) -> usize {
        self.dominators().iter().filter(|&&d| d == u32::MAX).count()
    }

    /// Per-type totals, largest retained (heap + raw) first.
    pub fn by_type(&self) -> Vec<TypeRow> {
        self.by_type_with(&self.dom())
    }

    /// [`Snapshot::by_type`] with a precomputed dominator tree.
    pub fn by_type_with(&self, dom: &Dom) -> Vec<TypeRow> {
        let n = self.len();
        let mut rows: Vec<TypeRow> = self
            .type_names
            .iter()
            .map(|name| TypeRow {
                name: name.clone(),
                ..TypeRow::default()
            })
            .collect();
        for i in 0..n {
            let t = self.types[i] as usize;
            rows[t].count += 1;
            rows[t].bytes += self.sizes[i];
            rows[t].raw += self.raw[i];
        }
        // Walk the dominator tree keeping, per type, how many ancestors on
        // the current path have it: an object's retained bytes count for its
        // type unless an ancestor of the same type already counted them.
        let children = dom.children();
        let mut on_path = vec![0u32; self.type_names.len()];
        let mut stack: Vec<(u32, bool)> = children[n].iter().map(|&c| (c, true)).collect();
        while let Some((v, enter)) = stack.pop() {
            let t = self.types[v as usize] as usize;
            if !enter {
                on_path[t] -= 1;
                continue;
            }
            if on_path[t] == 0 {
                rows[t].retained += dom.retained[v as usize];
                rows[t].retained_raw += dom.retained_raw[v as usize];
            }
            on_path[t] += 1;
            stack.push((v, false));
            stack.extend(children[v as usize].iter().map(|&c| (c, true)));
        }
        rows.retain(|r| r.count > 0);
        rows.sort_by(|a, b| {
            (b.retained + b.retained_raw)
                .cmp(&(a.retained + a.retained_raw))
                .then(b.bytes.cmp(&a.bytes))
        });
        rows
    }

    /// Breadth-first parents from the roots: `(parent, edge slot)` per
    /// object, `(NONE, root index)` for roots, `(NONE, NONE)` unreached.
    pub fn bfs_parents(&self) -> Vec<(u32, u32)> {
        let n = self.len();
        let mut parent = vec![(NONE, NONE); n];
        let mut seen = vec![false; n];
        let mut queue = std::collections::VecDeque::new();
        for (k, &r) in self.roots.iter().enumerate() {
            if !seen[r as usize] {
                seen[r as usize] = true;
                parent[r as usize] = (NONE, k as u32);
                queue.push_back(r);
            }
        }
        while let Some(v) = queue.pop_front() {
            for (k, &w) in self.edges[v as usize].iter().enumerate() {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    parent[w as usize] = (v, k as u32);
                    queue.push_back(w);
                }
            }
        }
        parent
    }

    /// The chain of `(object, how it was reached)` from a root to `target`
    /// using BFS parents: the first step's label is the root's name, later
    /// ones the edge names.
    pub fn chain(&self, parents: &[(u32, u32)], target: u32) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        let mut x = target;
        loop {
            let (p, k) = parents[x as usize];
            if p == NONE {
                if k == NONE {
                    return Vec::new();
                }
                out.push((x, self.root_name(k as usize).to_string()));
                break;
            }
            out.push((x, self.edge_name(p, k as usize).to_string()));
            x = p;
            if out.len() > self.len() {
                break;
            }
        }
        out.reverse();
        out
    }

    /// A readable path such as `__main__._cache['k']` from a chain.
    pub fn path_string(&self, chain: &[(u32, String)]) -> String {
        let mut s = String::new();
        for (k, (i, name)) in chain.iter().enumerate() {
            if k == 0 {
                s.push_str(if name.is_empty() { "root" } else { name });
                if name.is_empty() {
                    s.push_str(&format!(" {}", self.type_of(*i)));
                }
                continue;
            }
            if name.is_empty() {
                s.push_str(&format!(" -> {}", self.type_of(*i)));
            } else if name.starts_with('.') || name.starts_with('[') {
                s.push_str(name);
            } else {
                s.push_str(&format!(" -> {name}"));
            }
        }
        s
    }

    /// The shortest reference path from a root to the first object (in
    /// breadth-first order) whose type is `type_name`, as object indices.
    pub fn path_to(&self, type_name: &str) -> Option<Vec<u32>> {
        let t = self.type_names.iter().position(|n| n == type_name)? as u32;
        let parents = self.bfs_parents();
        // BFS again for the order: the first hit is the closest.
        let mut seen = vec![false; self.len()];
        let mut queue: std::collections::VecDeque<u32> = std::collections::VecDeque::new();
        for &r in &self.roots {
            if !seen[r as usize] {
                seen[r as usize] = true;
                queue.push_back(r);
            }
        }
        while let Some(v) = queue.pop_front() {
            if self.types[v as usize] == t {
                return Some(
                    self.chain(&parents, v)
                        .into_iter()
                        .map(|(i, _)| i)
                        .collect(),
                );
            }
            for &w in &self.edges[v as usize] {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    queue.push_back(w);
                }
            }
        }
        None
    }
}

/// Growth of one type between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffRow {
    /// Type label.
    pub name: String,
    /// Objects before and after.
    pub count: (u64, u64),
    /// Shallow heap bytes before and after.
    pub bytes: (u64, u64),
    /// Shallow raw bytes before and after.
    pub raw: (u64, u64),
}

impl DiffRow {
    /// Heap bytes gained (negative: lost).
    pub fn delta_bytes(&self) -> i64 {
        self.bytes.1 as i64 - self.bytes.0 as i64
    }
    /// Raw bytes gained.
    pub fn delta_raw(&self) -> i64 {
        self.raw.1 as i64 - self.raw.0 as i64
    }
    /// Objects gained.
    pub fn delta_count(&self) -> i64 {
        self.count.1 as i64 - self.count.0 as i64
    }
    /// Heap plus raw bytes gained.
    pub fn delta_total(&self) -> i64 {
        self.delta_bytes() + self.delta_raw()
    }
}

/// Per-type growth from `old` to `new`, largest growth (heap + raw) first;
/// types that did not change are left out.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<DiffRow> {
    let mut rows: HashMap<String, DiffRow> = HashMap::new();
    for (s, after) in [(old, false), (new, true)] {
        for i in 0..s.len() {
            let name = s.type_of(i as u32);
            let r = rows.entry(name.to_string()).or_insert_with(|| DiffRow {
                name: name.to_string(),
                count: (0, 0),
                bytes: (0, 0),
                raw: (0, 0),
            });
            let (c, b, w) = if after {
                (&mut r.count.1, &mut r.bytes.1, &mut r.raw.1)
            } else {
                (&mut r.count.0, &mut r.bytes.0, &mut r.raw.0)
            };
            *c += 1;
            *b += s.sizes[i];
            *w += s.raw[i];
        }
    }
    let mut v: Vec<DiffRow> = rows
        .into_values()
        .filter(|r| r.count.0 != r.count.1 || r.bytes.0 != r.bytes.1 || r.raw.0 != r.raw.1)
        .collect();
    v.sort_by(|a, b| {
        b.delta_total()
            .cmp(&a.delta_total())
            .then(a.name.cmp(&b.name))
    });
    v
}

/// Immediate dominators by preorder number, for a graph given as each
/// vertex's DFS-tree parent and predecessors (vertex 0 is the root; all
/// numbers are preorder numbers). Iterative throughout: chains of millions.
fn lengauer_tarjan(parent: &[u32], preds: &[Vec<u32>]) -> Vec<u32> {
    let m = parent.len();
    let mut semi: Vec<u32> = (0..m as u32).collect();
    let mut idom = vec![0u32; m];
    let mut ancestor = vec![u32::MAX; m];
    let mut label: Vec<u32> = (0..m as u32).collect();
    let mut bucket: Vec<Vec<u32>> = vec![Vec::new(); m];
    let mut path = Vec::new();
    for w in (1..m).rev() {
        for &v in &preds[w] {
            let u = eval(v, &mut ancestor, &mut label, &semi, &mut path);
            semi[w] = semi[w].min(semi[u as usize]);
        }
        bucket[semi[w] as usize].push(w as u32);
        let p = parent[w];
        ancestor[w] = p;
        for v in std::mem::take(&mut bucket[p as usize]) {
            let u = eval(v, &mut ancestor, &mut label, &semi, &mut path);
            idom[v as usize] = if semi[u as usize] < semi[v as usize] {
                u
            } else {
                p
            };
        }
    }
    for w in 1..m {
        if idom[w] != semi[w] {
            idom[w] = idom[idom[w] as usize];
        }
    }
    idom
}

/// The vertex with the smallest semi-dominator on the forest path to `v`,
/// compressing the path (iteratively) as it goes.
fn eval(v: u32, ancestor: &mut [u32], label: &mut [u32], semi: &[u32], path: &mut Vec<u32>) -> u32 {
    if ancestor[v as usize] == u32::MAX {
        return v;
    }
    path.clear();
    let mut x = v;
    while ancestor[ancestor[x as usize] as usize] != u32::MAX {
        path.push(x);
        x = ancestor[x as usize];
    }
    while let Some(x) = path.pop() {
        let a = ancestor[x as usize] as usize;
        if semi[label[a] as usize] < semi[label[x as usize] as usize] {
            label[x as usize] = label[a];
        }
        ancestor[x as usize] = ancestor[a];
    }
    label[v as usize]
}
