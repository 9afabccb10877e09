//! CPython 3.11's list sort algorithm (timsort: natural runs extended by
//! binary insertion to `minrun`, merged in powersort order, with galloping),
//! over indices. Every `lt` call happens on the same pair and in the same
//! order as in CPython, so a Python `__lt__` runs as often as there (and far
//! less than a plain merge sort on partly ordered data).
//!
//! A comparison that fails (`lt` returns None) stops the sort at once and
//! leaves `v` a permutation of its input, as CPython leaves the list.

/// Initial threshold for entering galloping mode.
const MIN_GALLOP: usize = 7;

/// `lt(i, j)`: is the item with index `i` less than the one with index `j`;
/// None when the comparison raised.
pub(crate) type Lt<'a> = dyn FnMut(usize, usize) -> Option<bool> + 'a;

struct Run {
    base: usize,
    len: usize,
    power: u32,
}

struct MergeState<'l, 'a> {
    lt: &'l mut Lt<'a>,
    min_gallop: usize,
    pending: Vec<Run>,
    tmp: Vec<usize>,
    n: usize,
}

/// Sorts `v` (stable) by `lt`; None if a comparison failed.
pub(crate) fn timsort(v: &mut [usize], lt: &mut Lt) -> Option<()> {
    let n = v.len();
    if n < 2 {
        return Some(());
    }
    let mut ms = MergeState {
        lt,
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
        tmp: Vec::new(),
        n,
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    while lo < n {
        let remaining = n - lo;
        let (mut run, descending) = count_run(ms.lt, &v[lo..])?;
        if descending {
            v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            binarysort(ms.lt, &mut v[lo..lo + force], run)?;
            run = force;
        }
        ms.found_new_run(v, run)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
    }
    ms.force_collapse(v)
}

/// The run length below which short runs are extended (CPython's rule: the
/// top 6 bits of `n`, plus one if any lower bit is set).
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Length of the run at the start of `v` (len >= 1) and whether it is
/// strictly descending.
fn count_run(lt: &mut Lt, v: &[usize]) -> Option<(usize, bool)> {
    if v.len() == 1 {
        return Some((1, false));
    }
    let mut n = 2;
    if lt(v[1], v[0])? {
        while n < v.len() && lt(v[n], v[n - 1])? {
            n += 1;
        }
        Some((n, true))
    } else {
        while n < v.len() && !lt(v[n], v[n - 1])? {
            n += 1;
        }
        Some((n, false))
    }
}

/// Sorts `v` whose first `start` items are sorted, by binary insertion.
/// On failure the pivot being inserted is still in place.
fn binarysort(lt: &mut Lt, v: &mut [usize], start: usize) -> Option<()> {
    for s in start.max(1)..v.len() {
        let pivot = v[s];
        let (mut l, mut r) = (0, s);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..s, l + 1);
        v[l] = pivot;
    }
    Some(())
}

/// The powersort "power" of the boundary between run [s1, s1+n1) and the
/// run of length n2 after it, in a list of length n.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// Where `key` goes in sorted `a`, left of any equal items: `a[k-1] < key
/// <= a[k]`. The search starts at `hint` and gallops outwards.
fn gallop_left(lt: &mut Lt, key: usize, a: &[usize], hint: usize) -> Option<usize> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    if lt(a[hint], key)? {
        // a[hint] < key: gallop right until a[hint+lastofs] < key <= a[hint+ofs]
        let maxofs = n - hint;
        while ofs < maxofs {
            if !lt(a[hint + ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        // key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastofs]
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(a[hint - ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        // (hint - ofs) may be -1: keep `lastofs + 1` as the lower bound
        let k = lastofs;
        lastofs = hint + 1 - ofs; // the bound already incremented
        ofs = hint - k;
        return binsearch_left(lt, key, a, lastofs, ofs);
    }
    binsearch_left(lt, key, a, lastofs + 1, ofs)
}

/// Final binary search of `gallop_left` over `a[lo..hi]`.
fn binsearch_left(
    lt: &mut Lt,
    key: usize,
    a: &[usize],
    mut lo: usize,
    mut hi: usize,
) -> Option<usize> {
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(a[m], key)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Some(hi)
}

/// Where `key` goes in sorted `a`, right of any equal items: `a[k-1] <=
/// key < a[k]`. The search starts at `hint` and gallops outwards.
fn gallop_right(lt: &mut Lt, key: usize, a: &[usize], hint: usize) -> Option<usize> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    if lt(key, a[hint])? {
        // key < a[hint]: gallop left until a[hint-ofs] <= key < a[hint-lastofs]
        let maxofs = hint + 1;
        while ofs < maxofs {
            if !lt(key, a[hint - ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        let lo = hint + 1 - ofs; // (hint - ofs) + 1, never negative
        return binsearch_right(lt, key, a, lo, hint - k);
    }
    // a[hint] <= key: gallop right until a[hint+lastofs] <= key < a[hint+ofs]
    let maxofs = n - hint;
    while ofs < maxofs {
        if lt(key, a[hint + ofs])? {
            break;
        }
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
    }
    ofs = ofs.min(maxofs);
    binsearch_right(lt, key, a, hint + lastofs + 1, hint + ofs)
}

/// Final binary search of `gallop_right` over `a[lo..hi]`.
fn binsearch_right(
    lt: &mut Lt,
    key: usize,
    a: &[usize],
    mut lo: usize,
    mut hi: usize,
) -> Option<usize> {
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(key, a[m])? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Some(hi)
}

impl MergeState<'_, '_> {
    /// Merges pending runs whose power exceeds the new boundary's.
    fn found_new_run(&mut self, v: &mut [usize], n2: usize) -> Option<()> {
        let Some(top) = self.pending.last() else {
            return Some(());
        };
        let power = powerloop(top.base, top.len, n2, self.n);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(v, self.pending.len() - 2)?;
        }
        self.pending.last_mut().expect("a run").power = power;
        Some(())
    }

    /// Merges every pending run, at the end.
    fn force_collapse(&mut self, v: &mut [usize]) -> Option<()> {
        while self.pending.len() > 1 {
            let mut i = self.pending.len() - 2;
            if i > 0 && self.pending[i - 1].len < self.pending[i + 1].len {
                i -= 1;
            }
            self.merge_at(v, i)?;
        }
        Some(())
    }

    /// Merges pending runs `i` and `i + 1`.
    fn merge_at(&mut self, v: &mut [usize], i: usize) -> Option<()> {
        let (mut pa, mut na) = (self.pending[i].base, self.pending[i].len);
        let (pb, nb) = (self.pending[i + 1].base, self.pending[i + 1].len);
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        // items of a already in place, and items of b already in place
        let k = gallop_right(self.lt, v[pb], &v[pa..pa + na], 0)?;
        pa += k;
        na -= k;
        if na == 0 {
            return Some(());
        }
        let nb = gallop_left(self.lt, v[pa + na - 1], &v[pb..pb + nb], nb - 1)?;
        if nb == 0 {
            return Some(());
        }
        if na <= nb {
            self.merge_lo(v, pa, na, nb)
        } else {
            self.merge_hi(v, pa, na, nb)
        }
    }
}

#[path = "timsort_merge.rs"]
mod merge;

#[cfg(test)]
#[path = "timsort_tests.rs"]
mod tests;
