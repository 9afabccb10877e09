//! Element-wise arithmetic and comparisons (with broadcasting), unary
//! functions, reductions and `dot`.

use super::buffer::{DType, Nd, Scalar};
use super::kernels::{self, KSrc};
use super::ndarray::{array_from, nd_of, new_owner, py_scalar, scalar_value, shape_str};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl Op {
    fn is_compare(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Eq | Op::Ne | Op::Gt | Op::Ge)
    }
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::FloorDiv => "//",
            Op::Mod => "%",
            Op::Pow => "**",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// An operand: an array view or a Python scalar.
#[derive(Clone, Copy)]
pub enum Operand {
    Arr(Nd),
    Sc(Scalar),
}

impl Operand {
    fn dims(&self) -> &[usize] {
        match self {
            Operand::Arr(nd) => nd.dims(),
            Operand::Sc(_) => &[],
        }
    }
    fn is_float(&self) -> bool {
        match self {
            Operand::Arr(nd) => nd.dtype == DType::F64,
            Operand::Sc(s) => matches!(s, Scalar::F(_)),
        }
    }
    fn is_bool(&self) -> bool {
        match self {
            Operand::Arr(nd) => nd.dtype == DType::Bool,
            Operand::Sc(s) => matches!(s, Scalar::B(_)),
        }
    }
    fn f64s(&self, shape: &[usize]) -> Src {
        match self {
            Operand::Arr(nd) => Src::Vals(nd.broadcast_to(shape).values_f64()),
            Operand::Sc(s) => Src::Const(s.f64()),
        }
    }
    /// A kernel operand: a scalar, or a contiguous float64 array of `shape`.
    fn ksrc(&self, shape: &[usize]) -> Option<KSrc> {
        match self {
            Operand::Arr(nd) => kernels::ksrc_arr(nd, shape),
            Operand::Sc(s) => Some(kernels::ksrc_scalar(*s)),
        }
    }
    fn i64s(&self, shape: &[usize]) -> Vec<i64> {
        match self {
            Operand::Arr(nd) => nd.broadcast_to(shape).values_i64(),
            Operand::Sc(s) => vec![s.i64(); shape.iter().product()],
        }
    }
}

/// Float values of an operand: a constant or one per result item.
pub enum Src {
    Const(f64),
    Vals(Vec<f64>),
}

impl Src {
    #[inline(always)]
    fn at(&self, k: usize) -> f64 {
        match self {
            Src::Const(x) => *x,
            Src::Vals(v) => v[k],
        }
    }
}

/// Converts a value to an operand; None when it is not a number, array or
/// list/tuple (the operator then returns NotImplemented). A list becomes a
/// temporary array of type `ty`: unrooted, it stays valid because nothing
/// in a numpy builtin reaches a safepoint.
pub fn operand(vm: &mut Vm, ty: Value, v: Value) -> PyResult<Option<Operand>> {
    if let Some(nd) = nd_of(v) {
        return Ok(Some(Operand::Arr(nd)));
    }
    if let Some(s) = py_scalar(v) {
        return Ok(Some(Operand::Sc(s)));
    }
    if Vm::is_intlike(v) {
        return Err(vm.raise_msg(
            T::OverflowError,
            "Python int too large to convert to C long",
        ));
    }
    if Vm::is_kind(v, Kind::List) || Vm::is_kind(v, Kind::Tuple) {
        let a = array_from(vm, ty, v, None)?;
        return Ok(nd_of(a).map(Operand::Arr));
    }
    Ok(None)
}

/// numpy's broadcast of two shapes (ndim ≤ 2); None when incompatible.
pub fn broadcast_shape(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for k in 0..n {
        let x = if k + a.len() >= n {
            a[k + a.len() - n]
        } else {
            1
        };
        let y = if k + b.len() >= n {
            b[k + b.len() - n]
        } else {
            1
        };
        out[k] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return None;
        };
    }
    Some(out)
}

fn py_floor_div(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a / b;
    }
    let m = py_mod(a, b);
    ((a - m) / b).round()
}

fn py_mod(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return f64::NAN;
    }
    let m = a % b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

fn cmp<T: PartialOrd>(op: Op, x: T, y: T) -> bool {
    match op {
        Op::Lt => x < y,
        Op::Le => x <= y,
        Op::Eq => x == y,
        Op::Ne => x != y,
        Op::Gt => x > y,
        _ => x >= y,
    }
}

fn int_op(vm: &mut Vm, op: Op, x: i64, y: i64) -> PyResult<i64> {
    Ok(match op {
        Op::Add => x.wrapping_add(y),
        Op::Sub => x.wrapping_sub(y),
        Op::Mul => x.wrapping_mul(y),
        Op::FloorDiv => {
            if y == 0 {
                0
            } else {
                let q = x.wrapping_div(y);
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }
        }
        Op::Mod => {
            if y == 0 {
                0
            } else {
                let m = x.wrapping_rem(y);
                if m != 0 && ((m < 0) != (y < 0)) {
                    m + y
                } else {
                    m
                }
            }
        }
        Op::Pow => {
            if y < 0 {
                return Err(vm.raise_msg(
                    T::ValueError,
                    "Integers to negative integer powers are not allowed.",
                ));
            }
            x.wrapping_pow(y.min(u32::MAX as i64) as u32)
        }
        _ => unreachable!("int_op on {op:?}"),
    })
}

fn float_op(op: Op, x: f64, y: f64) -> f64 {
    match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        Op::FloorDiv => py_floor_div(x, y),
        Op::Mod => py_mod(x, y),
        _ => x.powf(y),
    }
}

/// `a op b` where `a` or `b` is an array; `ty` is the result type.
pub fn binary(vm: &mut Vm, ty: Value, a: Operand, b: Operand, op: Op) -> PyResult {
    let Some(shape) = broadcast_shape(a.dims(), b.dims()) else {
        let msg = format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_str(a.dims()),
            shape_str(b.dims())
        );
        return Err(vm.raise_msg(T::ValueError, &msg));
    };
    let float = a.is_float() || b.is_float() || op == Op::Div;
    if op.is_compare() {
        let n: usize = shape.iter().product();
        let r: Vec<bool> = if float {
            let (x, y) = (a.f64s(&shape), b.f64s(&shape));
            (0..n).map(|k| cmp(op, x.at(k), y.at(k))).collect()
        } else {
            let (x, y) = (a.i64s(&shape), b.i64s(&shape));
            x.iter().zip(&y).map(|(p, q)| cmp(op, *p, *q)).collect()
        };
        let (out, nd) = new_owner(vm, ty, DType::Bool, &shape)?;
        let mut it = r.into_iter();
        nd.write_each(|| Scalar::B(it.next().expect("count")));
        return Ok(out);
    }
    if a.is_bool() && b.is_bool() && op == Op::Sub {
        return Err(vm.raise_msg(
            T::TypeError,
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    if float {
        if let (Some(x), Some(y)) = (a.ksrc(&shape), b.ksrc(&shape)) {
            if matches!(op, Op::Add | Op::Sub | Op::Mul | Op::Div) {
                let (out, nd) =
                    super::ndarray::new_owner_for_overwrite(vm, ty, DType::F64, &shape)?;
                if kernels::binary_f64(&nd, x, y, op) {
                    return Ok(out);
                }
                // partial overlap is impossible with a fresh output
                unreachable!("kernel refused a fresh output");
            }
        }
        let (x, y) = (a.f64s(&shape), b.f64s(&shape));
        let (out, nd) = new_owner(vm, ty, DType::F64, &shape)?;
        match op {
            Op::Add => nd.write_f64(|k| x.at(k) + y.at(k)),
            Op::Sub => nd.write_f64(|k| x.at(k) - y.at(k)),
            Op::Mul => nd.write_f64(|k| x.at(k) * y.at(k)),
            Op::Div => nd.write_f64(|k| x.at(k) / y.at(k)),
            _ => nd.write_f64(|k| float_op(op, x.at(k), y.at(k))),
        }
        return Ok(out);
    }
    let (x, y) = (a.i64s(&shape), b.i64s(&shape));
    let mut r = Vec::with_capacity(x.len());
    for (p, q) in x.iter().zip(&y) {
        r.push(int_op(vm, op, *p, *q)?);
    }
    let (out, nd) = new_owner(vm, ty, DType::I64, &shape)?;
    let mut it = r.into_iter();
    nd.write_each(|| Scalar::I(it.next().expect("count")));
    Ok(out)
}

/// `a op= b`: computes into `a`'s own buffer (views write through).
pub fn inplace(vm: &mut Vm, target: &Nd, b: Operand, op: Op) -> PyResult<()> {
    let shape = target.dims().to_vec();
    match broadcast_shape(&shape, b.dims()) {
        Some(s) if s == shape => {}
        _ => {
            let msg = format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_str(&shape),
                shape_str(b.dims())
            );
            return Err(vm.raise_msg(T::ValueError, &msg));
        }
    }
    let a = Operand::Arr(*target);
    if target.dtype != DType::F64 && (b.is_float() || op == Op::Div) {
        let msg = format!(
            "Cannot cast ufunc '{}' output from dtype('float64') to dtype('{}') with casting rule 'same_kind'",
            match op {
                Op::Add => "add",
                Op::Sub => "subtract",
                Op::Mul => "multiply",
                Op::Div => "divide",
                _ => "operator",
            },
            target.dtype.name()
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    if target.dtype == DType::F64 {
        if let (Some(x), Some(y)) = (a.ksrc(&shape), b.ksrc(&shape)) {
            if kernels::binary_f64(target, x, y, op) {
                return Ok(());
            }
        }
        let y = b.f64s(&shape);
        match op {
            Op::Add => target.update_f64(|k, x| x + y.at(k)),
            Op::Sub => target.update_f64(|k, x| x - y.at(k)),
            Op::Mul => target.update_f64(|k, x| x * y.at(k)),
            Op::Div => target.update_f64(|k, x| x / y.at(k)),
            _ => target.update_f64(|k, x| float_op(op, x, y.at(k))),
        }
    } else {
        let (x, y) = (a.i64s(&shape), b.i64s(&shape));
        let mut r = Vec::with_capacity(x.len());
        for (p, q) in x.iter().zip(&y) {
            r.push(int_op(vm, op, *p, *q)?);
        }
        let mut it = r.into_iter();
        target.write_each(|| Scalar::I(it.next().expect("count")));
    }
    Ok(())
}

/// Message for unsupported operand combinations.
pub fn op_symbol(op: Op) -> &'static str {
    op.symbol()
}

/// Unary element-wise functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Neg,
    Abs,
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Tan,
    Floor,
    Ceil,
}

/// `f(x)` element-wise; int arrays stay int for Neg/Abs (and Floor/Ceil
/// keep their values), everything else is float64.
pub fn unary(vm: &mut Vm, ty: Value, nd: &Nd, f: Unary) -> PyResult {
    let keep_int = nd.dtype != DType::F64 && matches!(f, Unary::Neg | Unary::Abs);
    if keep_int {
        if nd.dtype == DType::Bool && f == Unary::Neg {
            return Err(vm.raise_msg(
                T::TypeError,
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            ));
        }
        let x = nd.values_i64();
        let dt = if nd.dtype == DType::Bool {
            DType::Bool
        } else {
            DType::I64
        };
        let (out, o) = new_owner(vm, ty, dt, nd.dims())?;
        let mut k = 0;
        o.write_each(|| {
            let v = x[k];
            k += 1;
            Scalar::I(if f == Unary::Neg {
                v.wrapping_neg()
            } else {
                v.wrapping_abs()
            })
        });
        return Ok(out);
    }
    let x = nd.values_f64();
    let (out, o) = new_owner(vm, ty, DType::F64, nd.dims())?;
    o.write_f64(|k| apply(f, x[k]));
    Ok(out)
}

/// The scalar version of a unary function.
pub fn apply(f: Unary, v: f64) -> f64 {
    match f {
        Unary::Neg => -v,
        Unary::Abs => v.abs(),
        Unary::Sqrt => v.sqrt(),
        Unary::Exp => v.exp(),
        Unary::Log => v.ln(),
        Unary::Sin => v.sin(),
        Unary::Cos => v.cos(),
        Unary::Tan => v.tan(),
        Unary::Floor => v.floor(),
        Unary::Ceil => v.ceil(),
    }
}

// ----- reductions ------------------------------------------------------------

/// Reductions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Red {
    Sum,
    Prod,
    Mean,
    Min,
    Max,
    ArgMin,
    ArgMax,
    Any,
    All,
}

impl Red {
    fn name(self) -> &'static str {
        match self {
            Red::Sum => "sum",
            Red::Prod => "prod",
            Red::Mean => "mean",
            Red::Min => "minimum",
            Red::Max => "maximum",
            Red::ArgMin => "argmin",
            Red::ArgMax => "argmax",
            Red::Any => "any",
            Red::All => "all",
        }
    }
}

/// numpy's pairwise summation (the order of additions matters for the
/// last bits of float sums).
pub fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut r = 0.0;
        for &x in a {
            r += x;
        }
        r
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i < n - (n % 8) {
            for j in 0..8 {
                r[j] += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += a[i];
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

/// Reduces one lane of values; `pairwise` selects numpy's summation order.
fn reduce_lane(red: Red, vals: &[Scalar], float: bool, pairwise: bool) -> Scalar {
    match red {
        Red::Sum | Red::Mean if float => {
            let f: Vec<f64> = vals.iter().map(|s| s.f64()).collect();
            let s = if pairwise {
                0.0 + pairwise_sum(&f)
            } else {
                f.iter().fold(0.0, |a, b| a + b)
            };
            if red == Red::Mean {
                Scalar::F(s / vals.len() as f64)
            } else {
                Scalar::F(s)
            }
        }
        Red::Mean => {
            let f: Vec<f64> = vals.iter().map(|s| s.f64()).collect();
            Scalar::F(pairwise_sum(&f) / vals.len() as f64)
        }
        Red::Sum => Scalar::I(vals.iter().fold(0i64, |a, s| a.wrapping_add(s.i64()))),
        Red::Prod if float => Scalar::F(vals.iter().fold(1.0, |a, s| a * s.f64())),
        Red::Prod => Scalar::I(vals.iter().fold(1i64, |a, s| a.wrapping_mul(s.i64()))),
        Red::Any => Scalar::B(vals.iter().any(|s| s.truth())),
        Red::All => Scalar::B(vals.iter().all(|s| s.truth())),
        Red::Min | Red::Max | Red::ArgMin | Red::ArgMax => {
            let want_max = matches!(red, Red::Max | Red::ArgMax);
            let mut best = 0usize;
            for (k, s) in vals.iter().enumerate().skip(1) {
                let b = vals[best];
                let better = if float {
                    let (x, y) = (s.f64(), b.f64());
                    if y.is_nan() {
                        false
                    } else if x.is_nan() {
                        true
                    } else if want_max {
                        x > y
                    } else {
                        x < y
                    }
                } else if want_max {
                    s.i64() > b.i64()
                } else {
                    s.i64() < b.i64()
                };
                if better {
                    best = k;
                }
            }
            match red {
                Red::ArgMin | Red::ArgMax => Scalar::I(best as i64),
                _ => vals[best],
            }
        }
    }
}

/// Parses an `axis` argument: None, or an axis in `0..ndim`.
pub fn parse_axis(vm: &mut Vm, axis: Value, ndim: usize) -> PyResult<Option<usize>> {
    if axis.is_null() || axis.is_none() {
        return Ok(None);
    }
    let a = vm.index_of(axis)?;
    let n = ndim as i64;
    if a < -n || a >= n {
        let msg = format!("axis {a} is out of bounds for array of dimension {ndim}");
        return Err(vm.raise_msg(T::ValueError, &msg));
    }
    Ok(Some(if a < 0 { (a + n) as usize } else { a as usize }))
}

/// A reduction over the whole array (`axis` None: a Python scalar) or over
/// one axis (an array).
pub fn reduce(vm: &mut Vm, ty: Value, nd: &Nd, red: Red, axis: Option<usize>) -> PyResult {
    let float = nd.dtype == DType::F64;
    let empty_err = matches!(red, Red::Min | Red::Max | Red::ArgMin | Red::ArgMax);
    let result_dtype = |s: &Scalar| match s {
        Scalar::F(_) => DType::F64,
        Scalar::I(_) => DType::I64,
        Scalar::B(_) => DType::Bool,
    };
    let fix_bool = |s: Scalar| match (red, s) {
        (Red::Sum | Red::Prod, Scalar::B(b)) => Scalar::I(b as i64),
        _ => s,
    };
    match axis {
        None => {
            if nd.size() == 0 && empty_err {
                let msg = if matches!(red, Red::ArgMin | Red::ArgMax) {
                    format!("attempt to get {} of an empty sequence", red.name())
                } else {
                    format!(
                        "zero-size array to reduction operation {} which has no identity",
                        red.name()
                    )
                };
                return Err(vm.raise_msg(T::ValueError, &msg));
            }
            if red == Red::Sum {
                if let Some(s) = kernels::sum_f64(nd) {
                    return Ok(vm.new_float(s));
                }
            }
            if float && matches!(red, Red::Sum | Red::Mean) {
                let v = nd.values_f64();
                let mut s = 0.0 + pairwise_sum(&v);
                if red == Red::Mean {
                    s /= v.len() as f64;
                }
                return Ok(vm.new_float(s));
            }
            let vals = nd.values();
            let s = if nd.dtype == DType::Bool && matches!(red, Red::Sum) {
                Scalar::I(vals.iter().filter(|s| s.truth()).count() as i64)
            } else {
                fix_bool(reduce_lane(red, &vals, float, true))
            };
            Ok(scalar_value(vm, s))
        }
        Some(ax) => {
            let n_other = if nd.ndim == 2 { nd.shape[1 - ax] } else { 1 };
            let n_red = nd.shape[ax];
            if n_red == 0 && empty_err {
                let msg = format!(
                    "zero-size array to reduction operation {} which has no identity",
                    red.name()
                );
                return Err(vm.raise_msg(T::ValueError, &msg));
            }
            let mut out = Vec::with_capacity(n_other);
            for o in 0..n_other {
                let lane: Vec<Scalar> = (0..n_red)
                    .map(|k| if ax == 0 { nd.get(k, o) } else { nd.get(o, k) })
                    .collect();
                // numpy sums along the contiguous last axis pairwise, and
                // accumulates row by row along axis 0.
                out.push(fix_bool(reduce_lane(red, &lane, float, ax == nd.ndim - 1)));
            }
            let shape: Vec<usize> = if nd.ndim == 2 { vec![n_other] } else { vec![] };
            let dt = out.first().map(result_dtype).unwrap_or(match red {
                Red::Mean => DType::F64,
                Red::Any | Red::All => DType::Bool,
                Red::ArgMin | Red::ArgMax => DType::I64,
                _ => nd.dtype,
            });
            if shape.is_empty() {
                return Ok(scalar_value(vm, out[0]));
            }
            super::ndarray::from_scalars(vm, ty, dt, &shape, &out)
        }
    }
}

// ----- dot ---------------------------------------------------------------

/// `np.dot(a, b)` for 1-D and 2-D arrays.
pub fn dot(vm: &mut Vm, ty: Value, a: &Nd, b: &Nd) -> PyResult {
    let float = a.dtype == DType::F64 || b.dtype == DType::F64;
    let dt = if float { DType::F64 } else { DType::I64 };
    // (rows of a, shared k, cols of b)
    let (n, ka) = match a.ndim {
        1 => (1, a.shape[0]),
        2 => (a.shape[0], a.shape[1]),
        _ => (1, 1),
    };
    let (kb, m) = match b.ndim {
        1 => (b.shape[0], 1),
        2 => (b.shape[0], b.shape[1]),
        _ => (1, 1),
    };
    if a.ndim == 0 || b.ndim == 0 {
        let (x, y) = (Operand::Arr(*a), Operand::Arr(*b));
        return binary(vm, ty, x, y, Op::Mul);
    }
    if ka != kb {
        let msg = format!(
            "shapes {} and {} not aligned: {} (dim {}) != {} (dim 0)",
            shape_str(a.dims()).replace(' ', ""),
            shape_str(b.dims()).replace(' ', ""),
            ka,
            a.ndim - 1,
            kb
        );
        return Err(vm.raise_msg(T::ValueError, &msg));
    }
    let get_a = |i: usize, k: usize| {
        if a.ndim == 1 {
            a.get(k, 0)
        } else {
            a.get(i, k)
        }
    };
    let get_b = |k: usize, j: usize| {
        if b.ndim == 1 {
            b.get(k, 0)
        } else {
            b.get(k, j)
        }
    };
    let mut out = Vec::with_capacity(n * m);
    for i in 0..n {
        for j in 0..m {
            if float {
                let mut s = 0.0;
                for k in 0..ka {
                    s += get_a(i, k).f64() * get_b(k, j).f64();
                }
                out.push(Scalar::F(s));
            } else {
                let mut s = 0i64;
                for k in 0..ka {
                    s = s.wrapping_add(get_a(i, k).i64().wrapping_mul(get_b(k, j).i64()));
                }
                out.push(Scalar::I(s));
            }
        }
    }
    let shape: Vec<usize> = match (a.ndim, b.ndim) {
        (1, 1) => return Ok(scalar_value(vm, out[0])),
        (2, 1) => vec![n],
        (1, 2) => vec![m],
        _ => vec![n, m],
    };
    super::ndarray::from_scalars(vm, ty, dt, &shape, &out)
}
