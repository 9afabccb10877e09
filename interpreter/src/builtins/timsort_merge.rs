//! Timsort's two merges (`merge_lo`, `merge_hi`) with galloping, as CPython
//! 3.11 does them. On a failed comparison the items still in the temporary
//! copy go back into the gap, so `v` stays a permutation.

use super::{gallop_left, gallop_right, MergeState, MIN_GALLOP};

/// Evaluates a comparison; a failure leaves the labelled block with None.
macro_rules! cmp {
    ($ms:expr, $a:expr, $b:expr, $fail:lifetime) => {
        match ($ms.lt)($a, $b) {
            Some(r) => r,
            None => break $fail None,
        }
    };
}

/// Same for a gallop.
macro_rules! tried {
    ($e:expr, $fail:lifetime) => {
        match $e {
            Some(r) => r,
            None => break $fail None,
        }
    };
}

impl MergeState<'_, '_> {
    /// Merges run a = v[pa..pa+na] with run b right after it (nb items),
    /// na <= nb; a[0] > b[0] and a[na-1] > b[nb-1] (merge_at made sure).
    pub(super) fn merge_lo(
        &mut self,
        v: &mut [usize],
        pa: usize,
        mut na: usize,
        mut nb: usize,
    ) -> Option<()> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&v[pa..pa + na]);
        let tmp = std::mem::take(&mut self.tmp);
        let end = pa + na + nb;
        // invariants: a's items left are tmp[ia..ia+na], b's are
        // v[end-nb..end], the next free slot is v[end-na-nb]
        let mut ia = 0;
        let dest = |na: usize, nb: usize| end - na - nb;
        let mut min_gallop = self.min_gallop;
        let mut copied_b = false;
        v[dest(na, nb)] = v[end - nb];
        nb -= 1;
        let result = 'run: {
            if nb == 0 {
                break 'run Some(());
            }
            if na == 1 {
                {
                    copied_b = true;
                    break 'run copy_b(v, &tmp, ia, nb, end);
                }
            }
            loop {
                let (mut acount, mut bcount) = (0usize, 0usize);
                loop {
                    if cmp!(self, v[end - nb], tmp[ia], 'run) {
                        v[dest(na, nb)] = v[end - nb];
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 0 {
                            break 'run Some(());
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        v[dest(na, nb)] = tmp[ia];
                        ia += 1;
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 1 {
                            {
                                copied_b = true;
                                break 'run copy_b(v, &tmp, ia, nb, end);
                            }
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let k = tried!(gallop_right(self.lt, v[end - nb], &tmp[ia..ia + na], 0), 'run);
                    acount = k;
                    if k > 0 {
                        let d = dest(na, nb);
                        v[d..d + k].copy_from_slice(&tmp[ia..ia + k]);
                        ia += k;
                        na -= k;
                        if na == 1 {
                            {
                                copied_b = true;
                                break 'run copy_b(v, &tmp, ia, nb, end);
                            }
                        }
                        if na == 0 {
                            break 'run Some(()); // inconsistent comparisons
                        }
                    }
                    v[dest(na, nb)] = v[end - nb];
                    nb -= 1;
                    if nb == 0 {
                        break 'run Some(());
                    }
                    let k = tried!(gallop_left(self.lt, tmp[ia], &v[end - nb..end], 0), 'run);
                    bcount = k;
                    if k > 0 {
                        let d = dest(na, nb);
                        v.copy_within(end - nb..end - nb + k, d);
                        nb -= k;
                        if nb == 0 {
                            break 'run Some(());
                        }
                    }
                    v[dest(na, nb)] = tmp[ia];
                    ia += 1;
                    na -= 1;
                    if na == 1 {
                        {
                            copied_b = true;
                            break 'run copy_b(v, &tmp, ia, nb, end);
                        }
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if !copied_b && na > 0 {
            // what is left of a fills the gap (success or failure)
            let d = dest(na, nb);
            v[d..d + na].copy_from_slice(&tmp[ia..ia + na]);
        }
        self.tmp = tmp;
        result
    }

    /// Merges run a = v[pa..pa+na] with run b right after it (nb items),
    /// na >= nb, from the top; same preconditions as `merge_lo`.
    pub(super) fn merge_hi(
        &mut self,
        v: &mut [usize],
        pa: usize,
        mut na: usize,
        mut nb: usize,
    ) -> Option<()> {
        let pb = pa + na;
        self.tmp.clear();
        self.tmp.extend_from_slice(&v[pb..pb + nb]);
        let tmp = std::mem::take(&mut self.tmp);
        // invariants: a's items left are v[pa..pa+na], b's are tmp[..nb],
        // the next free slot (from the top) is v[pa+na+nb-1]
        let top = |na: usize, nb: usize| pa + na + nb - 1;
        let mut min_gallop = self.min_gallop;
        let mut copied_a = false;
        v[top(na, nb)] = v[pa + na - 1];
        na -= 1;
        let result = 'run: {
            if na == 0 {
                break 'run Some(());
            }
            if nb == 1 {
                copied_a = true;
                break 'run copy_a(v, &tmp, pa, na);
            }
            loop {
                let (mut acount, mut bcount) = (0usize, 0usize);
                loop {
                    if cmp!(self, tmp[nb - 1], v[pa + na - 1], 'run) {
                        v[top(na, nb)] = v[pa + na - 1];
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 0 {
                            break 'run Some(());
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        v[top(na, nb)] = tmp[nb - 1];
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 1 {
                            copied_a = true;
                            break 'run copy_a(v, &tmp, pa, na);
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= (min_gallop > 1) as usize;
                    self.min_gallop = min_gallop;
                    let k =
                        tried!(gallop_right(self.lt, tmp[nb - 1], &v[pa..pa + na], na - 1), 'run);
                    let k = na - k;
                    acount = k;
                    if k > 0 {
                        v.copy_within(pa + na - k..pa + na, pa + na - k + nb);
                        na -= k;
                        if na == 0 {
                            break 'run Some(());
                        }
                    }
                    v[top(na, nb)] = tmp[nb - 1];
                    nb -= 1;
                    if nb == 1 {
                        copied_a = true;
                        break 'run copy_a(v, &tmp, pa, na);
                    }
                    let k = tried!(gallop_left(self.lt, v[pa + na - 1], &tmp[..nb], nb - 1), 'run);
                    let k = nb - k;
                    bcount = k;
                    if k > 0 {
                        let d = pa + na + nb - k;
                        v[d..d + k].copy_from_slice(&tmp[nb - k..nb]);
                        nb -= k;
                        if nb == 1 {
                            copied_a = true;
                            break 'run copy_a(v, &tmp, pa, na);
                        }
                        if nb == 0 {
                            break 'run Some(()); // inconsistent comparisons
                        }
                    }
                    v[top(na, nb)] = v[pa + na - 1];
                    na -= 1;
                    if na == 0 {
                        break 'run Some(());
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        if !copied_a && nb > 0 {
            // what is left of b fills the gap (success or failure)
            v[pa + na..pa + na + nb].copy_from_slice(&tmp[..nb]);
        }
        self.tmp = tmp;
        result
    }
}

/// merge_hi's end when one item of b is left: a's rest moves up, the b
/// item goes first. Returns Some (the merge is done).
fn copy_a(v: &mut [usize], tmp: &[usize], pa: usize, na: usize) -> Option<()> {
    v.copy_within(pa..pa + na, pa + 1);
    v[pa] = tmp[0];
    Some(())
}

/// merge_lo's end when one item of a is left: b's rest moves down, the a
/// item goes last. Returns Some (the merge is done).
fn copy_b(v: &mut [usize], tmp: &[usize], ia: usize, nb: usize, end: usize) -> Option<()> {
    v.copy_within(end - nb..end, end - 1 - nb);
    v[end - 1] = tmp[ia];
    Some(())
}
