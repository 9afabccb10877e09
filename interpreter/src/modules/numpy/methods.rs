//! The `ndarray` type's methods, operators and properties.

use super::buffer::{DType, Nd, Scalar};
use super::ndarray::{
    base_of, copy_of, getitem, nd_of, new_view, py_scalar, scalar_value, setitem,
};
use super::ops::{self, Op, Operand, Red, Unary};

use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{NativeFn, PyResult, Vm};

/// The array a method was called on.
pub fn this(vm: &mut Vm, args: Args<'_>) -> PyResult<Nd> {
    match args.opt_v(vm, 0).and_then(nd_of) {
        Some(nd) => Ok(nd),
        None => Err(vm.raise_msg(T::TypeError, "descriptor requires a 'numpy.ndarray' object")),
    }
}

/// Argument `i` (counting from 0 after the receiver) by position or by
/// keyword `name`; NULL when absent.
/// A raw value for one expression.
pub fn arg(vm: &Vm, args: Args<'_>, i: usize, name: &str) -> Value {
    crate::modules::util::pos_v(vm, args, i + 1)
        .or_else(|| args.kwarg_v(vm, name))
        .unwrap_or(Value::NULL)
}

fn add(vm: &mut Vm, ht: usize, name: &'static str, f: NativeFn) {
    let b = vm.new_native(name, f);
    let hb = vm.push_root(b);
    let n = vm.intern(name);
    let (ty, b) = (vm.root(ht), vm.root(hb));
    vm.pop_roots(hb);
    vm.type_set_attr(ty, n, b);
}

fn prop(vm: &mut Vm, ht: usize, name: &'static str, f: NativeFn) -> PyResult<()> {
    let g = vm.new_native(name, f);
    let pt = vm.ty(T::Property);
    let p = vm.call0(pt, &[g])?;
    let hp = vm.push_root(p);
    let n = vm.intern(name);
    let (ty, p) = (vm.root(ht), vm.root(hp));
    vm.pop_roots(hp);
    vm.type_set_attr(ty, n, p);
    Ok(())
}

fn binop(vm: &mut Vm, args: Args<'_>, op: Op, reflected: bool) -> PyResult {
    args.check(vm, ops_name(op), 2, 2)?;
    let x = this(vm, args)?;
    let ty = vm.type_of(args.v(vm, 0));
    let Some(y) = ops::operand(vm, ty, args.v(vm, 1))? else {
        return Ok(Value::NOT_IMPL);
    };
    // converting the operand may have run Python: the type is read again
    let ty = vm.type_of(args.v(vm, 0));
    let x = Operand::Arr(x);
    if reflected {
        ops::binary(vm, ty, y, x, op)
    } else {
        ops::binary(vm, ty, x, y, op)
    }
}

fn inplace(vm: &mut Vm, args: Args<'_>, op: Op) -> PyResult {
    args.check(vm, ops_name(op), 2, 2)?;
    let x = this(vm, args)?;
    let ty = vm.type_of(args.v(vm, 0));
    let Some(y) = ops::operand(vm, ty, args.v(vm, 1))? else {
        return Ok(Value::NOT_IMPL);
    };
    ops::inplace(vm, &x, y, op)?;
    Ok(args.v(vm, 0))
}

fn ops_name(op: Op) -> &'static str {
    ops::op_symbol(op)
}

fn unary(vm: &mut Vm, args: Args<'_>, f: Unary) -> PyResult {
    let nd = this(vm, args)?;
    let ty = vm.type_of(args.v(vm, 0));
    ops::unary(vm, ty, &nd, f)
}

fn reduce(vm: &mut Vm, args: Args<'_>, red: Red) -> PyResult {
    let nd = this(vm, args)?;
    let ty = vm.type_of(args.v(vm, 0));
    let axis = arg(vm, args, 0, "axis");
    super::funcs::reduce_rooted(vm, ty, args.v(vm, 0), nd.ndim, axis, red)
}

/// Parses `reshape` arguments: ints or one tuple/list, with one -1 allowed.
pub fn parse_shape(vm: &mut Vm, vals: &[Value], size: Option<usize>) -> PyResult<Vec<usize>> {
    let items = if vals.len() == 1
        && (Vm::is_kind(vals[0], crate::object::layout::Kind::Tuple)
            || Vm::is_kind(vals[0], crate::object::layout::Kind::List))
    {
        vm.collect(vals[0])?
    } else {
        vals.to_vec()
    };
    if items.len() > 2 {
        return Err(vm.raise_msg(T::ValueError, "pygc numpy supports at most 2 dimensions"));
    }
    // `__index__` runs Python: the items are rooted and read at each use
    let mut dims = vm.scope(|vm, s| {
        let t = vm.new_tuple(&items);
        let t = s.root_value(vm, t);
        let mut dims = Vec::with_capacity(items.len());
        for i in 0..items.len() {
            dims.push(vm.index_of(Vm::tuple_get(t.get(vm).value(), i))?);
        }
        Ok(dims)
    })?;
    let unknown = dims.iter().filter(|d| **d == -1).count();
    if dims.iter().any(|d| *d < -1) || (unknown > 0 && size.is_none()) {
        return Err(vm.raise_msg(T::ValueError, "negative dimensions are not allowed"));
    }
    if unknown > 1 {
        return Err(vm.raise_msg(T::ValueError, "can only specify one unknown dimension"));
    }
    if let Some(n) = size {
        let known: i64 = dims.iter().filter(|d| **d != -1).product();
        if unknown == 1 {
            if known == 0 || n as i64 % known != 0 {
                let msg = format!("cannot reshape array of size {n} into shape {dims:?}");
                return Err(vm.raise_msg(T::ValueError, &msg.replace('[', "(").replace(']', ")")));
            }
            for d in dims.iter_mut() {
                if *d == -1 {
                    *d = n as i64 / known;
                }
            }
        }
        let total: i64 = dims.iter().product();
        if total != n as i64 {
            let shown: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
            let sh = if shown.len() == 1 {
                format!("({},)", shown[0])
            } else {
                format!("({})", shown.join(", "))
            };
            let msg = format!("cannot reshape array of size {n} into shape {sh}");
            return Err(vm.raise_msg(T::ValueError, &msg));
        }
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// `a.reshape(shape)`: a view when `a` is contiguous, else a reshaped copy.
pub fn reshape(vm: &mut Vm, a: Value, shape_args: &[Value]) -> PyResult {
    let size = nd_of(a).expect("ndarray").size();
    // `__index__` of a dimension runs Python: `a` may be a temporary
    // (np.reshape(list, ...)) and may move.
    let h = vm.push_root(a);
    let shape = parse_shape(vm, shape_args, Some(size));
    let a = vm.root(h);
    vm.pop_roots(h);
    let shape = shape?;
    let nd = nd_of(a).expect("ndarray");
    if nd.is_contiguous() {
        let v = nd.reshaped(&shape);
        return Ok(new_view(vm, a, v));
    }
    let ty = vm.type_of(a);
    let c = copy_of(vm, ty, &nd, nd.dtype)?;
    let cnd = nd_of(c).expect("copy");
    let v = cnd.reshaped(&shape);
    Ok(new_view(vm, c, v))
}

/// Nested lists of Python scalars.
pub fn tolist(vm: &mut Vm, nd: &Nd) -> Value {
    match nd.ndim {
        0 => scalar_value(vm, nd.get(0, 0)),
        1 => {
            let vals: Vec<Value> = (0..nd.shape[0])
                .map(|i| scalar_value(vm, nd.get(i, 0)))
                .collect();
            vm.new_list(&vals)
        }
        _ => {
            let rows: Vec<Value> = (0..nd.shape[0])
                .map(|i| {
                    let vals: Vec<Value> = (0..nd.shape[1])
                        .map(|j| scalar_value(vm, nd.get(i, j)))
                        .collect();
                    vm.new_list(&vals)
                })
                .collect();
            vm.new_list(&rows)
        }
    }
}

fn single(vm: &mut Vm, nd: &Nd, what: &str) -> PyResult<Scalar> {
    if nd.size() != 1 {
        let msg = format!("only length-1 arrays can be converted to Python {what}");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    Ok(nd.values()[0])
}

/// The dtype object of an array (from `ndarray._dtypes`, set by the prelude).
fn dtype_obj(vm: &mut Vm, a: Value, dt: DType) -> PyResult {
    let ty = vm.type_of(a);
    let n = vm.intern("_dtypes");
    match vm.type_lookup(ty, n) {
        Some(t) if Vm::is_kind(t, crate::object::layout::Kind::Tuple) => {
            Ok(Vm::tuple_get(t, dt as usize))
        }
        _ => Ok(vm.new_str(dt.name())),
    }
}

/// Registers everything on the type rooted at `ht`.
pub fn install(vm: &mut Vm, ht: usize) -> PyResult<()> {
    macro_rules! bin {
        ($name:expr, $rname:expr, $iname:expr, $op:expr) => {
            add(vm, ht, $name, |vm, _s, args| binop(vm, args, $op, false));
            add(vm, ht, $rname, |vm, _s, args| binop(vm, args, $op, true));
            add(vm, ht, $iname, |vm, _s, args| inplace(vm, args, $op));
        };
    }
    bin!("__add__", "__radd__", "__iadd__", Op::Add);
    bin!("__sub__", "__rsub__", "__isub__", Op::Sub);
    bin!("__mul__", "__rmul__", "__imul__", Op::Mul);
    bin!("__truediv__", "__rtruediv__", "__itruediv__", Op::Div);
    bin!(
        "__floordiv__",
        "__rfloordiv__",
        "__ifloordiv__",
        Op::FloorDiv
    );
    bin!("__mod__", "__rmod__", "__imod__", Op::Mod);
    bin!("__pow__", "__rpow__", "__ipow__", Op::Pow);
    macro_rules! cmp {
        ($name:expr, $op:expr) => {
            add(vm, ht, $name, |vm, _s, args| binop(vm, args, $op, false));
        };
    }
    cmp!("__lt__", Op::Lt);
    cmp!("__le__", Op::Le);
    cmp!("__eq__", Op::Eq);
    cmp!("__ne__", Op::Ne);
    cmp!("__gt__", Op::Gt);
    cmp!("__ge__", Op::Ge);
    add(vm, ht, "__matmul__", |vm, _s, args| {
        args.check(vm, "__matmul__", 2, 2)?;
        let x = this(vm, args)?;
        let ty = vm.type_of(args.v(vm, 0));
        match nd_of(args.v(vm, 1)) {
            Some(y) => ops::dot(vm, ty, &x, &y),
            None => Ok(Value::NOT_IMPL),
        }
    });
    add(vm, ht, "__neg__", |vm, _s, args| {
        unary(vm, args, Unary::Neg)
    });
    add(vm, ht, "__abs__", |vm, _s, args| {
        unary(vm, args, Unary::Abs)
    });
    add(vm, ht, "__pos__", |vm, _s, args| {
        let nd = this(vm, args)?;
        let ty = vm.type_of(args.v(vm, 0));
        copy_of(vm, ty, &nd, nd.dtype)
    });
    add(vm, ht, "__len__", |vm, _s, args| {
        let nd = this(vm, args)?;
        if nd.ndim == 0 {
            return Err(vm.raise_msg(T::TypeError, "len() of unsized object"));
        }
        Ok(Value::int(nd.shape[0] as i64))
    });
    add(vm, ht, "__getitem__", |vm, _s, args| {
        args.check(vm, "__getitem__", 2, 2)?;
        this(vm, args)?;
        getitem(vm, args.v(vm, 0), args.v(vm, 1))
    });
    add(vm, ht, "__setitem__", |vm, _s, args| {
        args.check(vm, "__setitem__", 3, 3)?;
        this(vm, args)?;
        setitem(vm, args.v(vm, 0), args.v(vm, 1), args.v(vm, 2))?;
        Ok(Value::NONE)
    });
    add(vm, ht, "__repr__", |vm, _s, args| {
        let nd = this(vm, args)?;
        let s = super::repr::array_repr(&nd);
        Ok(vm.new_string(s))
    });
    add(vm, ht, "__iter__", |vm, _s, args| {
        let nd = this(vm, args)?;
        if nd.ndim == 0 {
            return Err(vm.raise_msg(T::TypeError, "iteration over a 0-d array"));
        }
        let items: Vec<Value> = if nd.ndim == 1 {
            (0..nd.shape[0])
                .map(|i| scalar_value(vm, nd.get(i, 0)))
                .collect()
        } else {
            // rows are views of this array
            let h = vm.push_root(args.v(vm, 0));
            let mut rows = Vec::with_capacity(nd.shape[0]);
            for i in 0..nd.shape[0] {
                let row = nd.select(&[
                    super::buffer::AxisSel {
                        start: i,
                        step: 1,
                        len: 1,
                        drop: true,
                    },
                    super::buffer::AxisSel {
                        start: 0,
                        step: 1,
                        len: nd.shape[1],
                        drop: false,
                    },
                ]);
                let src = vm.root(h);
                rows.push(new_view(vm, src, row));
            }
            vm.pop_roots(h);
            rows
        };
        let l = vm.new_list(&items);
        vm.get_iter(l)
    });
    add(vm, ht, "__float__", |vm, _s, args| {
        let nd = this(vm, args)?;
        let s = single(vm, &nd, "scalars")?;
        Ok(vm.new_float(s.f64()))
    });
    add(vm, ht, "__int__", |vm, _s, args| {
        let nd = this(vm, args)?;
        let s = single(vm, &nd, "scalars")?;
        let x = s.f64();
        if matches!(s, Scalar::F(_)) && !x.is_finite() {
            return Err(vm.raise_msg(
                T::ValueError,
                "cannot convert float NaN or infinity to integer",
            ));
        }
        Ok(vm.new_int(s.i64()))
    });
    add(vm, ht, "__bool__", |vm, _s, args| {
        let nd = this(vm, args)?;
        if nd.size() != 1 {
            return Err(vm.raise_msg(
                T::ValueError,
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            ));
        }
        Ok(Value::bool(nd.get(0, 0).truth()))
    });
    add(vm, ht, "__contains__", |vm, _s, args| {
        args.check(vm, "__contains__", 2, 2)?;
        let nd = this(vm, args)?;
        let Some(x) = py_scalar(args.v(vm, 1)) else {
            return Ok(Value::FALSE);
        };
        let mut found = false;
        nd.for_each(|s| found |= s.f64() == x.f64());
        Ok(Value::bool(found))
    });
    macro_rules! red {
        ($name:expr, $red:expr) => {
            add(vm, ht, $name, |vm, _s, args| reduce(vm, args, $red));
        };
    }
    red!("sum", Red::Sum);
    red!("prod", Red::Prod);
    red!("mean", Red::Mean);
    red!("min", Red::Min);
    red!("max", Red::Max);
    red!("argmin", Red::ArgMin);
    red!("argmax", Red::ArgMax);
    red!("any", Red::Any);
    red!("all", Red::All);
    add(vm, ht, "reshape", |vm, _s, args| {
        this(vm, args)?;
        reshape(vm, args.v(vm, 0), &args.positional(vm)[1..])
    });
    add(vm, ht, "copy", |vm, _s, args| {
        let nd = this(vm, args)?;
        let ty = vm.type_of(args.v(vm, 0));
        copy_of(vm, ty, &nd, nd.dtype)
    });
    add(vm, ht, "flatten", |vm, _s, args| {
        let nd = this(vm, args)?;
        let ty = vm.type_of(args.v(vm, 0));
        let c = copy_of(vm, ty, &nd, nd.dtype)?;
        let cnd = nd_of(c).expect("copy");
        let v = cnd.reshaped(&[cnd.size()]);
        Ok(new_view(vm, c, v))
    });
    add(vm, ht, "ravel", |vm, _s, args| {
        let nd = this(vm, args)?;
        reshape(vm, args.v(vm, 0), &[Value::int(nd.size() as i64)])
    });
    add(vm, ht, "transpose", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(new_view(vm, args.v(vm, 0), nd.transposed()))
    });
    add(vm, ht, "fill", |vm, _s, args| {
        args.check(vm, "fill", 2, 2)?;
        let nd = this(vm, args)?;
        match py_scalar(args.v(vm, 1)) {
            Some(s) => {
                nd.fill(s);
                Ok(Value::NONE)
            }
            None => Err(vm.raise_msg(T::TypeError, "fill() needs a number")),
        }
    });
    add(vm, ht, "tolist", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(tolist(vm, &nd))
    });
    add(vm, ht, "item", |vm, _s, args| {
        let nd = this(vm, args)?;
        if nd.size() != 1 {
            return Err(vm.raise_msg(
                T::ValueError,
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(scalar_value(vm, nd.values()[0]))
    });
    add(vm, ht, "astype", |vm, _s, args| {
        let nd = this(vm, args)?;
        let d = arg(vm, args, 0, "dtype");
        let dt = super::funcs::dtype_arg(vm, d)?.unwrap_or(DType::F64);
        let ty = vm.type_of(args.v(vm, 0));
        copy_of(vm, ty, &nd, dt)
    });
    add(vm, ht, "dot", |vm, _s, args| {
        args.check(vm, "dot", 2, 2)?;
        let x = this(vm, args)?;
        let ty = vm.type_of(args.v(vm, 0));
        let b = super::ndarray::as_array(vm, ty, args.v(vm, 1))?;
        let y = nd_of(b).expect("array");
        ops::dot(vm, ty, &x, &y)
    });
    prop(vm, ht, "shape", |vm, _s, args| {
        let nd = this(vm, args)?;
        let dims: Vec<Value> = nd.dims().iter().map(|d| Value::int(*d as i64)).collect();
        Ok(vm.new_tuple(&dims))
    })?;
    prop(vm, ht, "strides", |vm, _s, args| {
        let nd = this(vm, args)?;
        let s: Vec<Value> = nd.strides[..nd.ndim]
            .iter()
            .map(|d| Value::int(*d as i64))
            .collect();
        Ok(vm.new_tuple(&s))
    })?;
    prop(vm, ht, "dtype", |vm, _s, args| {
        let nd = this(vm, args)?;
        dtype_obj(vm, args.v(vm, 0), nd.dtype)
    })?;
    prop(vm, ht, "size", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(Value::int(nd.size() as i64))
    })?;
    prop(vm, ht, "nbytes", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(Value::int((nd.size() * nd.dtype.itemsize()) as i64))
    })?;
    prop(vm, ht, "itemsize", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(Value::int(nd.dtype.itemsize() as i64))
    })?;
    prop(vm, ht, "ndim", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(Value::int(nd.ndim as i64))
    })?;
    prop(vm, ht, "T", |vm, _s, args| {
        let nd = this(vm, args)?;
        Ok(new_view(vm, args.v(vm, 0), nd.transposed()))
    })?;
    prop(vm, ht, "base", |vm, _s, args| {
        this(vm, args)?;
        let b = base_of(args.v(vm, 0));
        Ok(if b.is_ref() { b } else { Value::NONE })
    })?;
    Ok(())
}
