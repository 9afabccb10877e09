//! Module-level functions of `numpy`. Each is a builtin bound to the
//! `ndarray` type, so `args[0]` is the type of the arrays it creates.

use super::buffer::{DType, Scalar};
use super::methods::{parse_shape, reshape, tolist};
use super::ndarray::{array_from, as_array, copy_of, nd_of, new_owner, py_scalar};
use super::ops::{self, Red, Unary};

use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{NativeFn, PyResult, Vm};

/// Argument `i` after the bound type, by position or keyword.
fn arg(vm: &Vm, args: Args<'_>, i: usize, name: &str) -> Value {
    super::methods::arg(vm, args, i, name)
}

fn dtype_from_name(s: &str) -> Option<DType> {
    Some(match s {
        "float64" | "float" | "f8" | "d" | "double" | "float_" | "<f8" => DType::F64,
        "int64" | "int" | "i8" | "l" | "q" | "int_" | "intp" | "<i8" => DType::I64,
        "bool" | "?" | "bool_" | "b1" => DType::Bool,
        _ => return None,
    })
}

/// A `dtype=` argument: None for absent/None.
pub fn dtype_arg(vm: &mut Vm, v: Value) -> PyResult<Option<DType>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    let name = if Vm::is_str(v) {
        Vm::as_str(v).to_string()
    } else if v == vm.ty(T::Float) {
        "float64".into()
    } else if v == vm.ty(T::Int) {
        "int64".into()
    } else if v == vm.ty(T::Bool) {
        "bool".into()
    } else if Vm::is_type(v) {
        Vm::type_name(v)
    } else {
        let n = vm.intern("name");
        match vm.getattr_opt(v, n)? {
            Some(s) if Vm::is_str(s) => Vm::as_str(s).to_string(),
            _ => {
                let msg = format!("Cannot interpret '{}' as a data type", vm.repr_string(v)?);
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
    };
    match dtype_from_name(&name) {
        Some(d) => Ok(Some(d)),
        None => {
            let msg = format!(
                "data type '{name}' not understood (pygc numpy has float64, int64 and bool)"
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

fn shape_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<usize>> {
    if v.is_null() {
        return Err(vm.raise_msg(T::TypeError, "missing required argument 'shape'"));
    }
    parse_shape(vm, &[v], None)
}

fn filled(vm: &mut Vm, args: Args<'_>, fill: Option<Scalar>, fill_pos: bool) -> PyResult {
    let shape = shape_arg(vm, arg(vm, args, 0, "shape"))?;
    let (fill, dpos) = if fill_pos {
        let f = arg(vm, args, 1, "fill_value");
        match py_scalar(f) {
            Some(s) => (Some(s), 2),
            None => return Err(vm.raise_msg(T::TypeError, "full() needs a numeric fill_value")),
        }
    } else {
        (fill, 1)
    };
    let default = match fill {
        Some(Scalar::I(_)) if fill_pos => DType::I64,
        Some(Scalar::B(_)) if fill_pos => DType::Bool,
        _ => DType::F64,
    };
    let dt = dtype_arg(vm, arg(vm, args, dpos, "dtype"))?.unwrap_or(default);
    let (arr, nd) = super::ndarray::new_owner_ex(vm, args.v(vm, 0), dt, &shape, fill.is_some())?;
    if let Some(s) = fill {
        nd.fill(s);
    }
    Ok(arr)
}

fn like(vm: &mut Vm, args: Args<'_>, fill: Option<Scalar>, fill_pos: bool) -> PyResult {
    let src = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
    let (fill, dpos) = if fill_pos {
        (py_scalar(arg(vm, args, 1, "fill_value")), 2)
    } else {
        (fill, 1)
    };
    // `dtype=` may run Python (a `name` property): the source array (maybe
    // a temporary converted from a list) stays rooted and is read after it
    vm.scope(|vm, s| {
        let src = s.root_value(vm, src);
        let dt = dtype_arg(vm, arg(vm, args, dpos, "dtype"))?;
        let nd = nd_of(src.get(vm).value()).expect("array");
        let dt = dt.unwrap_or(nd.dtype);
        let (arr, out) = new_owner(vm, args.v(vm, 0), dt, nd.dims())?;
        if let Some(s) = fill {
            out.fill(s);
        }
        Ok(arr)
    })
}

fn num(vm: &mut Vm, v: Value, what: &str) -> PyResult<Scalar> {
    match py_scalar(v) {
        Some(s) => Ok(s),
        None => {
            let msg = format!("{what} must be a number, not '{}'", vm.type_name_of(v));
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

fn arange<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let (start, stop, step) = match args.npos() - 1 {
        1 => (Scalar::I(0), num(vm, args.v(vm, 1), "stop")?, Scalar::I(1)),
        2 => (
            num(vm, args.v(vm, 1), "start")?,
            num(vm, args.v(vm, 2), "stop")?,
            Scalar::I(1),
        ),
        3 => (
            num(vm, args.v(vm, 1), "start")?,
            num(vm, args.v(vm, 2), "stop")?,
            num(vm, args.v(vm, 3), "step")?,
        ),
        _ => return Err(vm.raise_msg(T::TypeError, "arange() requires stop to be specified.")),
    };
    let any_float = [start, stop, step]
        .iter()
        .any(|s| matches!(s, Scalar::F(_)));
    let dt = dtype_arg(vm, args.kwarg_v(vm, "dtype").unwrap_or(Value::NULL))?
        .unwrap_or(if any_float { DType::F64 } else { DType::I64 });
    if step.f64() == 0.0 {
        return Err(vm.raise_msg(T::ZeroDivisionError, "division by zero"));
    }
    if !any_float {
        let (s0, s1, st) = (start.i64(), stop.i64(), step.i64());
        let n = if (st > 0 && s1 > s0) || (st < 0 && s1 < s0) {
            (s1 - s0).unsigned_abs().div_ceil(st.unsigned_abs())
        } else {
            0
        } as usize;
        let (arr, nd) = new_owner(vm, args.v(vm, 0), dt, &[n])?;
        let mut k = 0i64;
        nd.write_each(|| {
            let v = s0 + k * st;
            k += 1;
            Scalar::I(v)
        });
        return Ok(arr);
    }
    let (s0, s1, st) = (start.f64(), stop.f64(), step.f64());
    let len = ((s1 - s0) / st).ceil();
    let n = if len.is_finite() && len > 0.0 {
        len as usize
    } else if len.is_finite() {
        0
    } else {
        return Err(vm.raise_msg(T::ValueError, "arange: cannot compute length"));
    };
    let (arr, nd) = new_owner(vm, args.v(vm, 0), dt, &[n])?;
    // numpy stores start and start+step, then fills start + i*delta.
    let second = s0 + st;
    let delta = second - s0;
    let mut k = 0usize;
    nd.write_each(|| {
        let v = match k {
            0 => s0,
            1 => second,
            _ => s0 + k as f64 * delta,
        };
        k += 1;
        Scalar::F(v)
    });
    Ok(arr)
}

fn linspace<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let start = num(vm, arg(vm, args, 0, "start"), "start")?.f64();
    let stop = num(vm, arg(vm, args, 1, "stop"), "stop")?.f64();
    let n = match arg(vm, args, 2, "num") {
        v if v.is_null() => 50,
        v => vm.index_of(v)?,
    };
    if n < 0 {
        let msg = format!("Number of samples, {n}, must be non-negative.");
        return Err(vm.raise_msg(T::ValueError, &msg));
    }
    let endpoint = match arg(vm, args, 3, "endpoint") {
        v if v.is_null() => true,
        v => vm.truthy(v)?,
    };
    let dt = dtype_arg(vm, arg(vm, args, 5, "dtype"))?.unwrap_or(DType::F64);
    let n = n as usize;
    let div = if endpoint { n.saturating_sub(1) } else { n };
    let delta = stop - start;
    let step = delta / div as f64;
    let vals: Vec<f64> = (0..n)
        .map(|i| {
            let y = if div > 0 && step != 0.0 {
                i as f64 * step
            } else if div > 0 {
                i as f64 / div as f64 * delta
            } else {
                i as f64 * delta
            };
            if endpoint && n > 1 && i == n - 1 {
                stop
            } else {
                y + start
            }
        })
        .collect();
    let (arr, nd) = new_owner(vm, args.v(vm, 0), dt, &[n])?;
    let mut it = vals.into_iter();
    nd.write_each(|| Scalar::F(it.next().expect("count")));
    Ok(arr)
}

fn reduce_fn(vm: &mut Vm, args: Args<'_>, red: Red) -> PyResult {
    let x = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
    let ndim = nd_of(x).expect("array").ndim;
    reduce_rooted(vm, args.v(vm, 0), x, ndim, arg(vm, args, 1, "axis"), red)
}

/// Reduces array `x` along `axis`, keeping `x` (possibly a temporary) rooted
/// while `axis.__index__` runs Python code.
pub fn reduce_rooted(
    vm: &mut Vm,
    ty: Value,
    x: Value,
    ndim: usize,
    axis: Value,
    red: Red,
) -> PyResult {
    let base = vm.push_root(x);
    vm.push_root(ty);
    let axis = ops::parse_axis(vm, axis, ndim);
    let (x, ty) = (vm.root(base), vm.root(base + 1));
    vm.pop_roots(base);
    let nd = nd_of(x).expect("array");
    ops::reduce(vm, ty, &nd, red, axis?)
}

fn unary_fn(vm: &mut Vm, args: Args<'_>, f: Unary) -> PyResult {
    args.check(vm, "ufunc", 2, 2)?;
    if let Some(s) = py_scalar(args.v(vm, 1)) {
        return Ok(match (f, s) {
            (Unary::Abs | Unary::Neg, Scalar::I(x)) => vm.new_int(if f == Unary::Abs {
                x.wrapping_abs()
            } else {
                x.wrapping_neg()
            }),
            _ => vm.new_float(ops::apply(f, s.f64())),
        });
    }
    let x = as_array(vm, args.v(vm, 0), args.v(vm, 1))?;
    let nd = nd_of(x).expect("array");
    ops::unary(vm, args.v(vm, 0), &nd, f)
}

fn add(vm: &mut Vm, hd: usize, ht: usize, name: &'static str, f: NativeFn) {
    let b = vm.new_native(name, f);
    let ty = vm.root(ht);
    let bb = vm.bind_builtin(b, ty);
    let d = vm.root(hd);
    vm.set_str_item(d, name, bb);
}

/// Registers the module functions in the dict rooted at `hd`; `ht` roots
/// the ndarray type.
pub fn install(vm: &mut Vm, hd: usize, ht: usize) -> PyResult<()> {
    add(vm, hd, ht, "zeros", |vm, _s, args| {
        filled(vm, args, None, false)
    });
    add(vm, hd, ht, "empty", |vm, _s, args| {
        filled(vm, args, None, false)
    });
    add(vm, hd, ht, "ones", |vm, _s, args| {
        filled(vm, args, Some(Scalar::I(1)), false)
    });
    add(vm, hd, ht, "full", |vm, _s, args| {
        filled(vm, args, None, true)
    });
    add(vm, hd, ht, "zeros_like", |vm, _s, args| {
        like(vm, args, None, false)
    });
    add(vm, hd, ht, "empty_like", |vm, _s, args| {
        like(vm, args, None, false)
    });
    add(vm, hd, ht, "ones_like", |vm, _s, args| {
        like(vm, args, Some(Scalar::I(1)), false)
    });
    add(vm, hd, ht, "full_like", |vm, _s, args| {
        like(vm, args, None, true)
    });
    add(vm, hd, ht, "arange", arange);
    add(vm, hd, ht, "linspace", linspace);
    add(vm, hd, ht, "array", |vm, _s, args| {
        let v = arg(vm, args, 0, "object");
        if v.is_null() {
            return Err(vm.raise_msg(T::TypeError, "array() missing required argument 'object'"));
        }
        let dt = dtype_arg(vm, arg(vm, args, 1, "dtype"))?;
        array_from(vm, args.v(vm, 0), v, dt)
    });
    add(vm, hd, ht, "asarray", |vm, _s, args| {
        let v = arg(vm, args, 0, "a");
        let dt = dtype_arg(vm, arg(vm, args, 1, "dtype"))?;
        match (nd_of(v), dt) {
            (Some(nd), Some(d)) if nd.dtype != d => copy_of(vm, args.v(vm, 0), &nd, d),
            (Some(_), _) => Ok(v),
            _ => array_from(vm, args.v(vm, 0), v, dt),
        }
    });
    add(vm, hd, ht, "copy", |vm, _s, args| {
        let v = arg(vm, args, 0, "a");
        array_from(vm, args.v(vm, 0), v, None)
    });
    macro_rules! red {
        ($name:expr, $red:expr) => {
            add(vm, hd, ht, $name, |vm, _s, args| reduce_fn(vm, args, $red));
        };
    }
    red!("sum", Red::Sum);
    red!("prod", Red::Prod);
    red!("mean", Red::Mean);
    red!("min", Red::Min);
    red!("max", Red::Max);
    red!("amin", Red::Min);
    red!("amax", Red::Max);
    red!("argmin", Red::ArgMin);
    red!("argmax", Red::ArgMax);
    red!("any", Red::Any);
    red!("all", Red::All);
    macro_rules! un {
        ($name:expr, $f:expr) => {
            add(vm, hd, ht, $name, |vm, _s, args| unary_fn(vm, args, $f));
        };
    }
    un!("sqrt", Unary::Sqrt);
    un!("exp", Unary::Exp);
    un!("log", Unary::Log);
    un!("sin", Unary::Sin);
    un!("cos", Unary::Cos);
    un!("tan", Unary::Tan);
    un!("abs", Unary::Abs);
    un!("absolute", Unary::Abs);
    un!("negative", Unary::Neg);
    un!("floor", Unary::Floor);
    un!("ceil", Unary::Ceil);
    add(vm, hd, ht, "dot", |vm, _s, args| {
        args.check(vm, "dot", 3, 3)?;
        let x = as_array(vm, args.v(vm, 0), args.v(vm, 1))?;
        // Converting `y` can run Python code: keep `x` alive and current.
        let h = vm.push_root(x);
        let y = as_array(vm, args.v(vm, 0), args.v(vm, 2));
        let x = vm.root(h);
        vm.pop_roots(h);
        let y = y?;
        let (xn, yn) = (nd_of(x).expect("array"), nd_of(y).expect("array"));
        ops::dot(vm, args.v(vm, 0), &xn, &yn)
    });
    add(vm, hd, ht, "reshape", |vm, _s, args| {
        let x = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
        let s = arg(vm, args, 1, "newshape");
        reshape(vm, x, &[s])
    });
    add(vm, hd, ht, "transpose", |vm, _s, args| {
        let x = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
        let nd = nd_of(x).expect("array");
        Ok(super::ndarray::new_view(vm, x, nd.transposed()))
    });
    add(vm, hd, ht, "shape", |vm, _s, args| {
        let x = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
        let nd = nd_of(x).expect("array");
        let dims: Vec<Value> = nd.dims().iter().map(|d| Value::int(*d as i64)).collect();
        Ok(vm.new_tuple(&dims))
    });
    add(vm, hd, ht, "tolist", |vm, _s, args| {
        let x = as_array(vm, args.v(vm, 0), arg(vm, args, 0, "a"))?;
        let nd = nd_of(x).expect("array");
        Ok(tolist(vm, &nd))
    });
    add(vm, hd, ht, "_array_str", |vm, _s, args| {
        args.check(vm, "_array_str", 2, 2)?;
        match nd_of(args.v(vm, 1)) {
            Some(nd) => {
                let s = super::repr::array_str(&nd);
                Ok(vm.new_string(s))
            }
            None => Err(vm.raise_msg(T::TypeError, "expected an ndarray")),
        }
    });
    add(vm, hd, ht, "_dtype_name", |vm, _s, args| {
        args.check(vm, "_dtype_name", 2, 2)?;
        match dtype_arg(vm, args.v(vm, 1))? {
            Some(d) => Ok(vm.new_str(d.name())),
            None => Ok(vm.new_str("float64")),
        }
    });
    add(vm, hd, ht, "isscalar", |vm, _s, args| {
        Ok(Value::bool(
            args.len() == 2 && (py_scalar(args.v(vm, 1)).is_some() || Vm::is_str(args.v(vm, 1))),
        ))
    });
    Ok(())
}
