//! Typed loops over contiguous float64 data: the fast paths of the
//! element-wise operators, in-place operators and sums. Each loop is a
//! plain indexed loop over one op the compiler vectorizes; strided and
//! broadcast operands keep the general paths in `ops` (which copy them out
//! first).

use super::buffer::{DType, Nd, Scalar};
use super::ops::{pairwise_sum, Op};

/// A float64 operand of a kernel: a constant or a contiguous float64 array
/// of the result's shape.
#[derive(Clone, Copy)]
pub enum KSrc {
    Const(f64),
    Arr(*const f64),
}

/// A contiguous float64 array's data, if `nd` is one of `shape`.
pub fn contiguous_f64(nd: &Nd, shape: &[usize]) -> Option<*const f64> {
    (nd.dtype == DType::F64 && nd.is_contiguous() && nd.dims() == shape)
        .then(|| nd.data_addr() as *const f64)
}

/// An operand for the kernels: a scalar, or an array when contiguous
/// float64 of `shape`.
pub fn ksrc_arr(nd: &Nd, shape: &[usize]) -> Option<KSrc> {
    contiguous_f64(nd, shape).map(KSrc::Arr)
}

/// A scalar operand.
pub fn ksrc_scalar(s: Scalar) -> KSrc {
    KSrc::Const(s.f64())
}

/// `out[k] = f(x[k], y[k])`, one monomorphic loop per operand pattern.
///
/// # Safety
/// `out` points at `n` writable f64s; each `KSrc::Arr` at `n` readable f64s
/// that are either disjoint from `out` or exactly `out` itself.
#[inline(always)]
unsafe fn run(out: *mut f64, n: usize, x: KSrc, y: KSrc, f: impl Fn(f64, f64) -> f64) {
    // SAFETY: bounds and aliasing as the caller guarantees; element k is
    // read before it is written.
    unsafe {
        match (x, y) {
            // in place (`a op= b`): one pointer less for the alias checks
            (KSrc::Arr(p), KSrc::Arr(q)) if std::ptr::eq(p, out) && q != p => {
                for k in 0..n {
                    *out.add(k) = f(*out.add(k), *q.add(k));
                }
            }
            (KSrc::Arr(p), KSrc::Const(c)) if std::ptr::eq(p, out) => {
                for k in 0..n {
                    *out.add(k) = f(*out.add(k), c);
                }
            }
            (KSrc::Arr(p), KSrc::Arr(q)) => {
                for k in 0..n {
                    *out.add(k) = f(*p.add(k), *q.add(k));
                }
            }
            (KSrc::Arr(p), KSrc::Const(c)) => {
                for k in 0..n {
                    *out.add(k) = f(*p.add(k), c);
                }
            }
            (KSrc::Const(c), KSrc::Arr(q)) => {
                for k in 0..n {
                    *out.add(k) = f(c, *q.add(k));
                }
            }
            (KSrc::Const(a), KSrc::Const(b)) => {
                let v = f(a, b);
                for k in 0..n {
                    *out.add(k) = v;
                }
            }
        }
    }
}

fn overlaps(p: *const f64, out: *mut f64, n: usize) -> bool {
    let (a, b) = (p as usize, out as usize);
    a != b && a < b + 8 * n && b < a + 8 * n
}

/// `out = x op y` for a contiguous float64 `out` (all of its items are
/// written). Returns false, writing nothing, for ops without a kernel or
/// operands that partially overlap `out`.
pub fn binary_f64(out: &Nd, x: KSrc, y: KSrc, op: Op) -> bool {
    let n = out.size();
    let Some(o) = contiguous_f64(out, out.dims()) else {
        return false;
    };
    let o = o as *mut f64;
    for s in [x, y] {
        if let KSrc::Arr(p) = s {
            if overlaps(p, o, n) {
                return false;
            }
        }
    }
    // SAFETY: `out` is a contiguous float64 array of n items (Nd
    // invariant); array operands are contiguous float64 arrays of the same
    // shape (`ksrc_arr`) inside live buffers, each disjoint from `out` or
    // equal to it (checked above); no Rust reference to any of these
    // buffers is alive (module docs of `buffer`).
    unsafe {
        match op {
            Op::Add => run(o, n, x, y, |a, b| a + b),
            Op::Sub => run(o, n, x, y, |a, b| a - b),
            Op::Mul => run(o, n, x, y, |a, b| a * b),
            Op::Div => run(o, n, x, y, |a, b| a / b),
            _ => return false,
        }
    }
    true
}

/// The pairwise sum of a contiguous float64 array (numpy's order).
pub fn sum_f64(nd: &Nd) -> Option<f64> {
    let p = contiguous_f64(nd, nd.dims())?;
    let n = nd.size();
    // SAFETY: n contiguous f64 items inside a live buffer (Nd invariant);
    // nothing writes the buffer while the slice lives (no Python code runs).
    let s = unsafe { std::slice::from_raw_parts(p, n) };
    Some(0.0 + pairwise_sum(s))
}
