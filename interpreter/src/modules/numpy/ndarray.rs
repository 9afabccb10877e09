//! ndarray objects: the GC layout, creation (owners and views), conversion
//! from Python values, and indexing.
//!
//! Layout (byte offsets): 8 type, 16 base (the owner array of a view, a GC
//! reference; NULL for owners), 24 the owner's `Box<RawBuffer>` word (0 for
//! views), 32..80 the [`Nd`] words (meta, shape, strides, data address),
//! 80 byte offset of the data in the owner's buffer.

use super::buffer::{AxisSel, DType, Nd, RawBuffer, Scalar};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};
use gc_api::{ObjRef, TypeInfo};

const OFF_BASE: usize = 16;
const OFF_BUF: usize = 24;
const OFF_WORDS: usize = 32;
const FIXED_SIZE: u32 = 88;

/// The GC layout of ndarray objects.
pub fn ndarray_layout(name: String) -> TypeInfo {
    TypeInfo::fixed(name, FIXED_SIZE, vec![8, OFF_BASE as u32]).with_light_finalizer(finalize)
}

/// Light finalizer: frees the owner's buffer (views hold 0). Touches only
/// the dying object's own non-reference word; runs possibly on a GC thread.
fn finalize(o: ObjRef) {
    let w = o.word(OFF_BUF);
    o.set_word(OFF_BUF, 0);
    RawBuffer::release_word(w);
}

/// Raw bytes owned by ndarray object `o`: its buffer's size for owners, 0
/// for views (heap snapshots).
pub fn owned_bytes(o: ObjRef) -> usize {
    RawBuffer::len_of_word(o.word(OFF_BUF))
}

/// Is `v` an ndarray?
pub fn is_nd(v: Value) -> bool {
    Vm::is_kind(v, Kind::NdArray)
}

/// The element view of an ndarray value.
pub fn nd_of(v: Value) -> Option<Nd> {
    let o = v.obj()?;
    if !is_nd(v) {
        return None;
    }
    let mut w = [0usize; 6];
    for (k, x) in w.iter_mut().enumerate() {
        *x = o.word(OFF_WORDS + 8 * k);
    }
    Some(Nd::from_words(w))
}

/// The array owning `v`'s buffer (itself for owners).
pub fn owner_of(v: Value) -> Value {
    let o = v.obj().expect("ndarray");
    let b = Value(o.word(OFF_BASE));
    if b.is_ref() {
        b
    } else {
        v
    }
}

/// The `base` reference (NULL for owners).
pub fn base_of(v: Value) -> Value {
    Value(v.obj().expect("ndarray").word(OFF_BASE))
}

fn store(o: ObjRef, nd: &Nd, owner_data: usize) {
    for (k, w) in nd.words(owner_data).iter().enumerate() {
        o.set_word(OFF_WORDS + 8 * k, *w);
    }
}

fn too_big(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise_msg(
        T::ValueError,
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
    )
}

/// A new zeroed owner array of type `ty`. The buffer is reported to the GC
/// (memory pressure) and to the raw-memory statistics.
pub fn new_owner(vm: &mut Vm, ty: Value, dtype: DType, shape: &[usize]) -> PyResult<(Value, Nd)> {
    new_owner_ex(vm, ty, dtype, shape, true)
}

/// [`new_owner`]; `touch` says whether the caller writes every item at
/// once (zeros/empty leave untouched pages uncommitted, as calloc does).
pub fn new_owner_ex(
    vm: &mut Vm,
    ty: Value,
    dtype: DType,
    shape: &[usize],
    touch: bool,
) -> PyResult<(Value, Nd)> {
    new_owner_impl(vm, ty, dtype, shape, Some(touch))
}

/// A new owner array whose items the caller overwrites at once, before any
/// read (kernel outputs): the buffer is not zeroed.
pub fn new_owner_for_overwrite(
    vm: &mut Vm,
    ty: Value,
    dtype: DType,
    shape: &[usize],
) -> PyResult<(Value, Nd)> {
    new_owner_impl(vm, ty, dtype, shape, None)
}

/// `zeroed`: Some(populate) for zeroed memory, None for memory to overwrite.
fn new_owner_impl(
    vm: &mut Vm,
    ty: Value,
    dtype: DType,
    shape: &[usize],
    zeroed: Option<bool>,
) -> PyResult<(Value, Nd)> {
    let mut n: usize = 1;
    for &d in shape {
        n = match n.checked_mul(d) {
            Some(x) => x,
            None => return Err(too_big(vm)),
        };
    }
    let bytes = match n.checked_mul(dtype.itemsize()) {
        Some(b) if b <= isize::MAX as usize / 2 => b,
        _ => return Err(too_big(vm)),
    };
    // Raw memory counts against the heap limit (vm/memerr.rs).
    vm.raw_alloc_check(bytes)?;
    let o = vm.alloc_rec(Kind::NdArray, ty);
    let raw = vm.m.raw_memory().clone();
    let buf = match zeroed {
        Some(touch) => RawBuffer::zeroed(bytes, &raw, touch),
        None => RawBuffer::for_overwrite(bytes, &raw),
    };
    let Some(buf) = buf else {
        let msg = format!(
            "Unable to allocate {} for an array with shape {} and data type {}",
            human_bytes(bytes),
            shape_str(shape),
            dtype.name()
        );
        return Err(vm.raise_msg(T::MemoryError, &msg));
    };
    vm.m.add_memory_pressure(bytes);
    let nd = Nd::contiguous(dtype, shape, &buf);
    store(o, &nd, buf.addr());
    o.set_word(OFF_BUF, RawBuffer::into_word(buf));
    Ok((Value::from_obj(o), nd))
}

fn human_bytes(b: usize) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut x = b as f64;
    let mut u = 0;
    while x >= 1024.0 && u + 1 < units.len() {
        x /= 1024.0;
        u += 1;
    }
    format!("{x:.2} {}", units[u])
}

/// `(2, 3)` / `(3,)` / `()`.
pub fn shape_str(shape: &[usize]) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => {
            let p: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", p.join(", "))
        }
    }
}

/// A view of `src`'s buffer described by `nd` (derived from `src`'s own
/// `Nd`). Its base is the owner, which the view keeps alive.
pub fn new_view(vm: &mut Vm, src: Value, nd: Nd) -> Value {
    let ty = vm.type_of(src);
    let owner = owner_of(src);
    let owner_data = nd_of(owner).expect("owner").data_addr();
    // Allocation never collects: `owner` stays valid until stored.
    let o = vm.alloc_rec(Kind::NdArray, ty);
    o.set_word(OFF_BASE, owner.0);
    store(o, &nd, owner_data);
    Value::from_obj(o)
}

/// A new owner array holding `vals` (C order) with `shape`.
pub fn from_scalars(
    vm: &mut Vm,
    ty: Value,
    dtype: DType,
    shape: &[usize],
    vals: &[Scalar],
) -> PyResult {
    let (a, nd) = new_owner(vm, ty, dtype, shape)?;
    let mut it = vals.iter();
    nd.write_each(|| *it.next().expect("value count"));
    Ok(a)
}

/// A contiguous copy of `nd` (converted to `dtype`).
pub fn copy_of(vm: &mut Vm, ty: Value, nd: &Nd, dtype: DType) -> PyResult {
    let (a, out) = new_owner(vm, ty, dtype, nd.dims())?;
    let vals = nd.values();
    let mut it = vals.into_iter();
    out.write_each(|| it.next().expect("value count"));
    Ok(a)
}

/// A Python scalar as an element; None for other values.
pub fn py_scalar(v: Value) -> Option<Scalar> {
    if v == Value::TRUE || v == Value::FALSE {
        return Some(Scalar::B(v == Value::TRUE));
    }
    if v.is_int() {
        return Some(Scalar::I(v.as_int()));
    }
    if Vm::is_float(v) {
        return Some(Scalar::F(Vm::float_val(v)));
    }
    if Vm::is_intlike(v) {
        return Vm::int_as_i64(v).map(Scalar::I);
    }
    None
}

/// An element as a Python value.
pub fn scalar_value(vm: &mut Vm, s: Scalar) -> Value {
    match s {
        Scalar::F(x) => vm.new_float(x),
        Scalar::I(x) => vm.new_int(x),
        Scalar::B(b) => Value::bool(b),
    }
}

/// The dtype of a list of elements, as numpy infers it.
fn infer_dtype(vals: &[Scalar]) -> DType {
    if vals.is_empty() || vals.iter().any(|s| matches!(s, Scalar::F(_))) {
        DType::F64
    } else if vals.iter().any(|s| matches!(s, Scalar::I(_))) {
        DType::I64
    } else {
        DType::Bool
    }
}

fn inhomogeneous(vm: &mut Vm, n: usize) -> crate::vm::Exc {
    let msg = format!(
        "setting an array element with a sequence. The requested array has an \
         inhomogeneous shape after 1 dimensions. The detected shape was ({n},) + \
         inhomogeneous part."
    );
    vm.raise_msg(T::ValueError, &msg)
}

fn seq_items(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<Value>>> {
    if Vm::is_kind(v, Kind::List) {
        return Ok(Some(Vm::list_items(v)));
    }
    if Vm::is_kind(v, Kind::Tuple) {
        return Ok(Some(Vm::tuple_items(v)));
    }
    if Vm::is_kind(v, Kind::Range) {
        return vm.collect(v).map(Some);
    }
    Ok(None)
}

fn scalar_or_err(vm: &mut Vm, v: Value) -> PyResult<Scalar> {
    match py_scalar(v) {
        Some(s) => Ok(s),
        None if Vm::is_intlike(v) => Err(vm.raise_msg(
            T::OverflowError,
            "Python int too large to convert to C long",
        )),
        None => {
            let msg = format!(
                "pygc numpy supports only numbers in arrays, not '{}'",
                vm.type_name_of(v)
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

/// Elements and shape of a nested Python sequence (or array, or scalar).
pub fn gather(vm: &mut Vm, v: Value) -> PyResult<(Vec<usize>, Vec<Scalar>, Option<DType>)> {
    if let Some(nd) = nd_of(v) {
        return Ok((nd.dims().to_vec(), nd.values(), Some(nd.dtype)));
    }
    let Some(items) = seq_items(vm, v)? else {
        return Ok((vec![], vec![scalar_or_err(vm, v)?], None));
    };
    let mut vals = Vec::with_capacity(items.len());
    let mut inner: Option<Vec<usize>> = None;
    for it in items.iter() {
        let (shape, vs) = if let Some(nd) = nd_of(*it) {
            (nd.dims().to_vec(), nd.values())
        } else if let Some(sub) = seq_items(vm, *it)? {
            let mut row = Vec::with_capacity(sub.len());
            for x in sub {
                if nd_of(x).is_some() || seq_items(vm, x)?.is_some() {
                    return Err(too_deep(vm));
                }
                row.push(scalar_or_err(vm, x)?);
            }
            (vec![row.len()], row)
        } else {
            (vec![], vec![scalar_or_err(vm, *it)?])
        };
        if shape.len() > 1 {
            return Err(too_deep(vm));
        }
        match &inner {
            None => inner = Some(shape),
            Some(s) if *s != shape => return Err(inhomogeneous(vm, items.len())),
            _ => {}
        }
        vals.extend(vs);
    }
    let mut shape = vec![items.len()];
    shape.extend(inner.unwrap_or_default());
    Ok((shape, vals, None))
}

fn too_deep(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise_msg(T::ValueError, "pygc numpy supports at most 2 dimensions")
}

/// `np.array(v, dtype)`: always a new owner array.
pub fn array_from(vm: &mut Vm, ty: Value, v: Value, dtype: Option<DType>) -> PyResult {
    let (shape, vals, dt) = gather(vm, v)?;
    let dt = dtype.or(dt).unwrap_or_else(|| infer_dtype(&vals));
    from_scalars(vm, ty, dt, &shape, &vals)
}

/// `np.asarray(v)`: `v` itself when it is an ndarray.
pub fn as_array(vm: &mut Vm, ty: Value, v: Value) -> PyResult {
    if is_nd(v) {
        return Ok(v);
    }
    array_from(vm, ty, v, None)
}

// ----- indexing ------------------------------------------------------------

/// One parsed index item.
enum Idx {
    Sel(AxisSel),
    /// `...`
    Ellipsis,
}

fn axis_index(vm: &mut Vm, k: Value, size: usize, axis: usize) -> PyResult<AxisSel> {
    if Vm::is_kind(k, Kind::Slice) {
        let (start, _, step, n) = vm.slice_indices(k, size)?;
        let start = if n == 0 { 0 } else { start as usize };
        return Ok(AxisSel {
            start,
            step: step as isize,
            len: n,
            drop: false,
        });
    }
    let i = if Vm::is_intlike(k) && k != Value::TRUE && k != Value::FALSE {
        vm.index_of(k)?
    } else {
        return Err(vm.raise_msg(
            T::IndexError,
            "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices",
        ));
    };
    let j = if i < 0 { i + size as i64 } else { i };
    if j < 0 || j >= size as i64 {
        let msg = format!("index {i} is out of bounds for axis {axis} with size {size}");
        return Err(vm.raise_msg(T::IndexError, &msg));
    }
    Ok(AxisSel {
        start: j as usize,
        step: 1,
        len: 1,
        drop: true,
    })
}

/// Parses a basic index (ints, slices, `...`, tuples of them) into one
/// selection per axis.
fn parse_basic(vm: &mut Vm, nd: &Nd, key: Value) -> PyResult<Vec<AxisSel>> {
    let keys = if Vm::is_kind(key, Kind::Tuple) {
        Vm::tuple_items(key)
    } else {
        vec![key]
    };
    let mut parsed: Vec<Option<Value>> = keys.iter().map(|k| Some(*k)).collect();
    let n_ell = keys.iter().filter(|k| **k == Value::ELLIPSIS).count();
    if n_ell > 1 {
        return Err(vm.raise_msg(
            T::IndexError,
            "an index can only have a single ellipsis ('...')",
        ));
    }
    let real = keys.len() - n_ell;
    if real > nd.ndim {
        let msg = format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            nd.ndim, real
        );
        return Err(vm.raise_msg(T::IndexError, &msg));
    }
    if let Some(p) = keys.iter().position(|k| *k == Value::ELLIPSIS) {
        parsed.remove(p);
        for _ in 0..nd.ndim - real {
            parsed.insert(p, None);
        }
    }
    while parsed.len() < nd.ndim {
        parsed.push(None);
    }
    let mut out = Vec::with_capacity(nd.ndim);
    for (d, k) in parsed.into_iter().enumerate() {
        let sel = match k {
            None => Idx::Ellipsis,
            Some(k) => Idx::Sel(axis_index(vm, k, nd.shape[d], d)?),
        };
        out.push(match sel {
            Idx::Sel(s) => s,
            Idx::Ellipsis => AxisSel {
                start: 0,
                step: 1,
                len: nd.shape[d],
                drop: false,
            },
        });
    }
    Ok(out)
}

/// A boolean mask of `nd`'s shape, or integer positions along axis 0.
enum Fancy {
    Mask(Nd),
    Take(Vec<usize>),
}

fn parse_fancy(vm: &mut Vm, nd: &Nd, key: Value) -> PyResult<Option<Fancy>> {
    let list_key = Vm::is_kind(key, Kind::List);
    let knd = match nd_of(key) {
        Some(k) => k,
        None if list_key => {
            let (shape, vals, _) = gather(vm, key)?;
            if shape.len() != 1 {
                return Err(vm.raise_msg(T::IndexError, "pygc numpy: only 1-D index lists"));
            }
            if vals.iter().all(|s| matches!(s, Scalar::B(_))) && !vals.is_empty() {
                if vals.len() != nd.shape[0] || nd.ndim != 1 {
                    return Err(vm.raise_msg(T::IndexError, "boolean index did not match"));
                }
                let pos = vals
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.truth())
                    .map(|(i, _)| i)
                    .collect();
                return Ok(Some(Fancy::Take(pos)));
            }
            return take_positions(vm, nd, &vals).map(|p| Some(Fancy::Take(p)));
        }
        None => return Ok(None),
    };
    if knd.dtype == DType::Bool {
        if knd.dims() != nd.dims() {
            let msg = format!(
                "boolean index did not match indexed array along axis 0; size of axis is {} but size of corresponding boolean axis is {}",
                nd.shape[0], knd.shape[0]
            );
            return Err(vm.raise_msg(T::IndexError, &msg));
        }
        return Ok(Some(Fancy::Mask(knd)));
    }
    if knd.dtype == DType::F64 || knd.ndim != 1 {
        return Err(vm.raise_msg(
            T::IndexError,
            "arrays used as indices must be of integer (or boolean) type",
        ));
    }
    let vals = knd.values();
    take_positions(vm, nd, &vals).map(|p| Some(Fancy::Take(p)))
}

fn take_positions(vm: &mut Vm, nd: &Nd, vals: &[Scalar]) -> PyResult<Vec<usize>> {
    if nd.ndim == 0 {
        return Err(vm.raise_msg(T::IndexError, "too many indices for array"));
    }
    let n = nd.shape[0] as i64;
    let mut out = Vec::with_capacity(vals.len());
    for s in vals {
        let Scalar::I(i) = s else {
            return Err(vm.raise_msg(
                T::IndexError,
                "arrays used as indices must be of integer (or boolean) type",
            ));
        };
        let j = if *i < 0 { i + n } else { *i };
        if j < 0 || j >= n {
            let msg = format!("index {i} is out of bounds for axis 0 with size {n}");
            return Err(vm.raise_msg(T::IndexError, &msg));
        }
        out.push(j as usize);
    }
    Ok(out)
}

/// Positions (flat C-order item lists) selected by a fancy index: the
/// result shape and the `(i, j)` pairs.
fn fancy_items(nd: &Nd, f: &Fancy) -> (Vec<usize>, Vec<(usize, usize)>) {
    match f {
        Fancy::Mask(m) => {
            let flags = m.values();
            let mut out = vec![];
            let n1 = if nd.ndim == 2 { nd.shape[1] } else { 1 };
            for (k, fl) in flags.iter().enumerate() {
                if fl.truth() {
                    out.push((k / n1, k % n1));
                }
            }
            (vec![out.len()], out)
        }
        Fancy::Take(rows) => {
            let n1 = if nd.ndim == 2 { nd.shape[1] } else { 1 };
            let mut out = vec![];
            for &r in rows {
                for j in 0..n1 {
                    out.push((r, j));
                }
            }
            let mut shape = vec![rows.len()];
            if nd.ndim == 2 {
                shape.push(n1);
            }
            (shape, out)
        }
    }
}

/// `a[key]`.
pub fn getitem(vm: &mut Vm, a: Value, key: Value) -> PyResult {
    let nd = nd_of(a).expect("ndarray");
    if let Some(f) = parse_fancy(vm, &nd, key)? {
        let (shape, pos) = fancy_items(&nd, &f);
        let vals: Vec<Scalar> = pos.iter().map(|&(i, j)| nd.get(i, j)).collect();
        let ty = vm.type_of(a);
        return from_scalars(vm, ty, nd.dtype, &shape, &vals);
    }
    let sel = parse_basic(vm, &nd, key)?;
    if sel.iter().all(|s| s.drop) {
        let i = sel.first().map(|s| s.start).unwrap_or(0);
        let j = sel.get(1).map(|s| s.start).unwrap_or(0);
        let s = nd.get(i, j);
        return Ok(scalar_value(vm, s));
    }
    let v = nd.select(&sel);
    Ok(new_view(vm, a, v))
}

/// The elements of `v` (an array, a sequence or a scalar) seen with `shape`.
pub fn values_for(vm: &mut Vm, v: Value, shape: &[usize]) -> PyResult<Vec<Scalar>> {
    if let Some(s) = py_scalar(v) {
        return Ok(vec![s; shape.iter().product()]);
    }
    let src = match nd_of(v) {
        Some(nd) => nd,
        None => {
            let (sh, vals, _) = gather(vm, v)?;
            let n: usize = shape.iter().product();
            if sh == shape {
                return Ok(vals);
            }
            if vals.len() == 1 {
                return Ok(vec![vals[0]; n]);
            }
            // broadcast a row over a 2-D target
            if shape.len() == 2 && sh.len() == 1 && sh[0] == shape[1] {
                let mut out = Vec::with_capacity(n);
                for _ in 0..shape[0] {
                    out.extend_from_slice(&vals);
                }
                return Ok(out);
            }
            return Err(broadcast_error(vm, &sh, shape));
        }
    };
    match super::ops::broadcast_shape(src.dims(), shape) {
        Some(s) if s == shape => Ok(src.broadcast_to(shape).values()),
        _ => Err(broadcast_error(vm, src.dims(), shape)),
    }
}

fn broadcast_error(vm: &mut Vm, from: &[usize], to: &[usize]) -> crate::vm::Exc {
    let msg = format!(
        "could not broadcast input array from shape {} into shape {}",
        shape_str(from),
        shape_str(to)
    );
    vm.raise_msg(T::ValueError, &msg)
}

/// `a[key] = v`.
pub fn setitem(vm: &mut Vm, a: Value, key: Value, v: Value) -> PyResult<()> {
    let nd = nd_of(a).expect("ndarray");
    if let Some(f) = parse_fancy(vm, &nd, key)? {
        let (shape, pos) = fancy_items(&nd, &f);
        let vals = values_for(vm, v, &shape)?;
        for (&(i, j), s) in pos.iter().zip(vals) {
            nd.set(i, j, s);
        }
        return Ok(());
    }
    let sel = parse_basic(vm, &nd, key)?;
    let target = nd.select(&sel);
    if let Some(s) = py_scalar(v) {
        target.fill(s);
        return Ok(());
    }
    let vals = values_for(vm, v, target.dims())?;
    let mut it = vals.into_iter();
    target.write_each(|| it.next().expect("value count"));
    Ok(())
}
