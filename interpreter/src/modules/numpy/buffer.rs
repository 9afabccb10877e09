//! Raw array buffers outside the GC heap, and strided element access.
//!
//! This file and `kernels.rs` (typed loops over contiguous float64 data)
//! hold every `unsafe` block of the numpy module. A buffer is
//! zeroed memory from the allocator, or an anonymous mapping at or above
//! [`MMAP_THRESHOLD`] (32 MiB), so that freeing a huge array returns its
//! pages to the OS at once. Below that the allocator's free lists recycle
//! the memory of dead arrays, as numpy's own allocator does: a fresh mapping
//! per 1 MB array cost ~0.5 ms of page faults and unmapping each (measured:
//! the 3,000-array churn spent 1.45 s of its 1.6 s in the kernel). It is owned by exactly one ndarray object, which stores the
//! `Box<RawBuffer>` as a raw word and frees it in its light finalizer.
//!
//! An [`Nd`] describes the elements an array object sees: a data address
//! inside a live buffer, a dtype, up to two dimensions and byte strides.
//! *Nd invariant*: for every index `(i, j)` below `shape`, the item at
//! `data + i*strides[0] + j*strides[1]` lies inside the owner's buffer. It is
//! established by [`Nd::contiguous`] and kept by every method that derives a
//! new `Nd`; an `Nd` is only used while the array it was read from is
//! reachable (an argument or a root of the running builtin), so the owner
//! buffer (kept alive by the view's `base` reference) is not freed meanwhile.

use gc_api::RawMemory;
use memmap2::{MmapMut, MmapOptions};
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::sync::Arc;

/// Buffers of at least this many bytes are anonymous mappings.
pub const MMAP_THRESHOLD: usize = 32 << 20;
const ALIGN: usize = 16;

enum Storage {
    Empty,
    Heap(Layout),
    Mapped(#[allow(dead_code)] MmapMut),
}

/// Zeroed memory outside the GC heap, counted in [`RawMemory`].
pub struct RawBuffer {
    ptr: *mut u8,
    len: usize,
    storage: Storage,
    raw: Arc<RawMemory>,
}

impl RawBuffer {
    /// `len` zeroed bytes, recorded with `raw.allocated(len)`. None when the
    /// system refuses the memory. `populate` pre-faults mapped pages (one
    /// system call instead of a fault per page) for buffers about to be
    /// written in full.
    pub fn zeroed(len: usize, raw: &Arc<RawMemory>, populate: bool) -> Option<Box<RawBuffer>> {
        let (ptr, storage) = if len == 0 {
            (
                std::ptr::NonNull::<u128>::dangling().as_ptr() as *mut u8,
                Storage::Empty,
            )
        } else if len >= MMAP_THRESHOLD {
            let mut opts = MmapOptions::new();
            opts.len(len);
            if populate {
                opts.populate();
            }
            let mut m = opts.map_anon().ok()?;
            (m.as_mut_ptr(), Storage::Mapped(m))
        } else {
            let layout = Layout::from_size_align(len, ALIGN).ok()?;
            // SAFETY: `layout` has a non-zero size (len > 0 here).
            let p = unsafe { alloc_zeroed(layout) };
            if p.is_null() {
                return None;
            }
            (p, Storage::Heap(layout))
        };
        raw.allocated(len);
        Some(Box::new(RawBuffer {
            ptr,
            len,
            storage,
            raw: raw.clone(),
        }))
    }

    /// `len` bytes whose contents are unspecified, for arrays whose every
    /// item the caller writes before anything reads them (kernel outputs):
    /// recycled memory is not zeroed a second time. Mapped sizes are zero
    /// pages anyway ([`RawBuffer::zeroed`]).
    pub fn for_overwrite(len: usize, raw: &Arc<RawMemory>) -> Option<Box<RawBuffer>> {
        if len == 0 || len >= MMAP_THRESHOLD {
            return RawBuffer::zeroed(len, raw, true);
        }
        let layout = Layout::from_size_align(len, ALIGN).ok()?;
        // SAFETY: `layout` has a non-zero size. The bytes are only read
        // after the kernel that owns the fresh array has written all of them.
        let p = unsafe { std::alloc::alloc(layout) };
        if p.is_null() {
            return None;
        }
        raw.allocated(len);
        Some(Box::new(RawBuffer {
            ptr: p,
            len,
            storage: Storage::Heap(layout),
            raw: raw.clone(),
        }))
    }

    /// Start of the memory.
    pub fn addr(&self) -> usize {
        self.ptr as usize
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Turns the box into the word stored in the owning ndarray.
    pub fn into_word(b: Box<RawBuffer>) -> usize {
        Box::into_raw(b) as usize
    }

    /// The size of a buffer stored with [`RawBuffer::into_word`] (0 for the
    /// word 0), for heap snapshots.
    pub fn len_of_word(w: usize) -> usize {
        if w == 0 {
            return 0;
        }
        // SAFETY: `w` came from `into_word` and its owner is live (the
        // caller holds it), so the box has not been released; only `len`
        // is read.
        unsafe { (*(w as *const RawBuffer)).len }
    }

    /// Frees a buffer stored with [`RawBuffer::into_word`]. Called once, by
    /// the owner's light finalizer (possibly on a collector thread): it only
    /// returns memory and updates atomic counters, and allocates nothing.
    pub fn release_word(w: usize) {
        if w == 0 {
            return;
        }
        // SAFETY: `w` came from `into_word` and is stored in exactly one
        // ndarray object, whose light finalizer runs once and clears the word
        // afterwards, so the box is reconstructed (and dropped) exactly once.
        drop(unsafe { Box::from_raw(w as *mut RawBuffer) });
    }
}

impl Drop for RawBuffer {
    fn drop(&mut self) {
        if let Storage::Heap(layout) = self.storage {
            // SAFETY: `ptr` was returned by `alloc_zeroed(layout)` and is
            // freed only here.
            unsafe { dealloc(self.ptr, layout) };
        }
        // Mapped storage unmaps when the MmapMut drops.
        self.raw.freed(self.len);
    }
}

/// Tunes glibc's allocator for array churn (once, when numpy is first
/// imported). Arrays die in batches (light finalizers run at collections),
/// so the top of the heap is often free in bulk; glibc's default trims it
/// back to the OS above 2 x its mmap threshold, and the next arrays fault
/// the same pages in again (measured: a 1 MiB churn spent 30 % of its time
/// in the kernel). Buffers of [`MMAP_THRESHOLD`] and more are mappings of
/// their own, so that is the threshold; freed memory below it up to 64 MiB
/// stays in the process for reuse.
pub fn tune_allocator() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: mallopt only changes glibc's tunables; called before any
        // array buffer exists, with valid parameter codes and values.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        }
    });
}

/// Element types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F64 = 0,
    I64 = 1,
    Bool = 2,
}

impl DType {
    /// Bytes per item.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool => 1,
            _ => 8,
        }
    }
    /// numpy's name.
    pub fn name(self) -> &'static str {
        match self {
            DType::F64 => "float64",
            DType::I64 => "int64",
            DType::Bool => "bool",
        }
    }
    /// From the stored code.
    pub fn from_code(c: usize) -> DType {
        match c {
            1 => DType::I64,
            2 => DType::Bool,
            _ => DType::F64,
        }
    }
}

/// One element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    F(f64),
    I(i64),
    B(bool),
}

impl Scalar {
    pub fn f64(self) -> f64 {
        match self {
            Scalar::F(x) => x,
            Scalar::I(x) => x as f64,
            Scalar::B(b) => b as i64 as f64,
        }
    }
    pub fn i64(self) -> i64 {
        match self {
            Scalar::F(x) => x as i64,
            Scalar::I(x) => x,
            Scalar::B(b) => b as i64,
        }
    }
    pub fn truth(self) -> bool {
        match self {
            Scalar::F(x) => x != 0.0,
            Scalar::I(x) => x != 0,
            Scalar::B(b) => b,
        }
    }
}

/// What an array object sees of its buffer (see the module docs).
#[derive(Clone, Copy, Debug)]
pub struct Nd {
    pub dtype: DType,
    pub ndim: usize,
    pub shape: [usize; 2],
    pub strides: [isize; 2],
    data: usize,
}

/// One axis of a selection: items `start + k*step` for `k < len`; `drop`
/// removes the axis (an integer index).
#[derive(Clone, Copy, Debug)]
pub struct AxisSel {
    pub start: usize,
    pub step: isize,
    pub len: usize,
    pub drop: bool,
}

impl Nd {
    /// A C-contiguous array over the whole buffer `buf`, which must hold
    /// exactly `shape` items of `dtype`.
    pub fn contiguous(dtype: DType, shape: &[usize], buf: &RawBuffer) -> Nd {
        let n: usize = shape.iter().product();
        assert!(shape.len() <= 2 && n * dtype.itemsize() == buf.len());
        let mut nd = Nd {
            dtype,
            ndim: shape.len(),
            shape: [1, 1],
            strides: [0, 0],
            data: buf.addr(),
        };
        nd.shape[..shape.len()].copy_from_slice(shape);
        nd.set_c_strides();
        nd
    }

    fn set_c_strides(&mut self) {
        let isz = self.dtype.itemsize() as isize;
        match self.ndim {
            2 => {
                self.strides = [self.shape[1] as isize * isz, isz];
            }
            1 => self.strides = [isz, 0],
            _ => self.strides = [0, 0],
        }
        for d in self.ndim..2 {
            self.shape[d] = 1;
            self.strides[d] = 0;
        }
    }

    /// Rebuilds from the stored words of an ndarray object (written by
    /// [`Nd::to_words`] of an `Nd` that satisfied the invariant).
    pub fn from_words(w: [usize; 6]) -> Nd {
        assert!((w[0] >> 8) & 0xff <= 2, "corrupt ndarray");
        Nd {
            dtype: DType::from_code(w[0] & 0xff),
            ndim: (w[0] >> 8) & 0xff,
            shape: [w[1], w[2]],
            strides: [w[3] as isize, w[4] as isize],
            data: w[5],
        }
    }

    /// The words to store in the object: meta, shape, strides, data, offset.
    pub fn words(&self, owner_addr: usize) -> [usize; 7] {
        [
            self.dtype as usize | (self.ndim << 8),
            self.shape[0],
            self.shape[1],
            self.strides[0] as usize,
            self.strides[1] as usize,
            self.data,
            self.data.wrapping_sub(owner_addr),
        ]
    }

    /// The data address (for identity of buffers: overlap checks).
    pub fn data_addr(&self) -> usize {
        self.data
    }

    /// Number of items.
    pub fn size(&self) -> usize {
        self.shape[..self.ndim].iter().product()
    }

    /// The shape as a slice.
    pub fn dims(&self) -> &[usize] {
        &self.shape[..self.ndim]
    }

    /// Is the layout C-contiguous?
    pub fn is_contiguous(&self) -> bool {
        let isz = self.dtype.itemsize() as isize;
        match self.ndim {
            0 => true,
            1 => self.shape[0] <= 1 || self.strides[0] == isz,
            _ => {
                (self.shape[1] <= 1 || self.strides[1] == isz)
                    && (self.shape[0] <= 1 || self.strides[0] == self.shape[1] as isize * isz)
            }
        }
    }

    #[inline(always)]
    fn addr_of(&self, i: usize, j: usize) -> usize {
        assert!(i < self.shape[0] && j < self.shape[1], "index out of range");
        (self.data as isize + i as isize * self.strides[0] + j as isize * self.strides[1]) as usize
    }

    /// The item at `(i, j)` (0 for missing axes).
    #[inline(always)]
    pub fn get(&self, i: usize, j: usize) -> Scalar {
        let a = self.addr_of(i, j);
        // SAFETY: Nd invariant: (i, j) is in range (checked in addr_of), so
        // the item lies inside the live owner buffer; items are aligned to
        // their size (buffers are 16-aligned, strides multiples of itemsize).
        unsafe {
            match self.dtype {
                DType::F64 => Scalar::F((a as *const f64).read()),
                DType::I64 => Scalar::I((a as *const i64).read()),
                DType::Bool => Scalar::B((a as *const u8).read() != 0),
            }
        }
    }

    /// Stores `v` (converted to the dtype) at `(i, j)`.
    #[inline(always)]
    pub fn set(&self, i: usize, j: usize, v: Scalar) {
        let a = self.addr_of(i, j);
        // SAFETY: as in `get`; buffers are plain memory with no Rust
        // references into them (all access goes through these raw reads and
        // writes), so aliasing views are fine.
        unsafe {
            match self.dtype {
                DType::F64 => (a as *mut f64).write(v.f64()),
                DType::I64 => (a as *mut i64).write(v.i64()),
                DType::Bool => (a as *mut u8).write(v.truth() as u8),
            }
        }
    }

    /// Calls `f` on every item in C order.
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(Scalar)) {
        let (n0, n1) = self.outer_inner();
        if self.dtype == DType::F64 && self.is_contiguous() {
            let n = self.size();
            // SAFETY: contiguous f64 items data..data+8n lie in the buffer
            // (Nd invariant); the slice is dropped before returning and
            // nothing writes the buffer meanwhile (f only reads values).
            let s = unsafe { std::slice::from_raw_parts(self.data as *const f64, n) };
            for &x in s {
                f(Scalar::F(x));
            }
            return;
        }
        for i in 0..n0 {
            for j in 0..n1 {
                f(self.get(i, j));
            }
        }
    }

    fn outer_inner(&self) -> (usize, usize) {
        if self.size() == 0 {
            return (0, 0);
        }
        (self.shape[0], self.shape[1])
    }

    /// All items as f64, in C order.
    pub fn values_f64(&self) -> Vec<f64> {
        let mut v = Vec::with_capacity(self.size());
        self.for_each(|s| v.push(s.f64()));
        v
    }

    /// All items as i64, in C order.
    pub fn values_i64(&self) -> Vec<i64> {
        let mut v = Vec::with_capacity(self.size());
        self.for_each(|s| v.push(s.i64()));
        v
    }

    /// All items, in C order.
    pub fn values(&self) -> Vec<Scalar> {
        let mut v = Vec::with_capacity(self.size());
        self.for_each(|s| v.push(s));
        v
    }

    /// Overwrites every item in C order with `next()`.
    pub fn write_each(&self, mut next: impl FnMut() -> Scalar) {
        if self.dtype == DType::F64 && self.is_contiguous() {
            self.write_f64(|_| next().f64());
            return;
        }
        let (n0, n1) = self.outer_inner();
        for i in 0..n0 {
            for j in 0..n1 {
                self.set(i, j, next());
            }
        }
    }

    /// Overwrites every item of a float64 array with `f(k)`, `k` the C-order
    /// index.
    pub fn write_f64(&self, mut f: impl FnMut(usize) -> f64) {
        assert_eq!(self.dtype, DType::F64);
        if self.is_contiguous() {
            let n = self.size();
            // SAFETY: contiguous f64 items in the buffer (Nd invariant); no
            // other Rust reference to the buffer is alive (module docs): `f`
            // computes from values already read or from other buffers read
            // by value.
            let s = unsafe { std::slice::from_raw_parts_mut(self.data as *mut f64, n) };
            for (k, x) in s.iter_mut().enumerate() {
                *x = f(k);
            }
            return;
        }
        let (n0, n1) = self.outer_inner();
        for i in 0..n0 {
            for j in 0..n1 {
                self.set(i, j, Scalar::F(f(i * n1 + j)));
            }
        }
    }

    /// Replaces every item `x` of a float64 array by `f(k, x)`, `k` the
    /// C-order index (in-place operators).
    pub fn update_f64(&self, mut f: impl FnMut(usize, f64) -> f64) {
        assert_eq!(self.dtype, DType::F64);
        if self.is_contiguous() {
            let n = self.size();
            // SAFETY: contiguous f64 items in the buffer (Nd invariant); the
            // only reference to these items while it lives is this slice
            // (`f` gets values, other operands were copied out before).
            let s = unsafe { std::slice::from_raw_parts_mut(self.data as *mut f64, n) };
            for (k, x) in s.iter_mut().enumerate() {
                *x = f(k, *x);
            }
            return;
        }
        let (n0, n1) = self.outer_inner();
        for i in 0..n0 {
            for j in 0..n1 {
                let x = self.get(i, j).f64();
                self.set(i, j, Scalar::F(f(i * n1 + j, x)));
            }
        }
    }

    /// Sets every item to `v`.
    pub fn fill(&self, v: Scalar) {
        if self.is_contiguous() && self.dtype == DType::F64 {
            let x = v.f64();
            let n = self.size();
            // SAFETY: contiguous f64 items in the buffer (Nd invariant);
            // no Rust reference to the buffer is alive (module docs).
            let s = unsafe { std::slice::from_raw_parts_mut(self.data as *mut f64, n) };
            s.fill(x);
            return;
        }
        self.write_each(|| v);
    }

    /// A view of a selection (see [`AxisSel`]); `sel` has one entry per axis.
    pub fn select(&self, sel: &[AxisSel]) -> Nd {
        assert_eq!(sel.len(), self.ndim);
        let mut data = self.data as isize;
        let mut shape = vec![];
        let mut strides = vec![];
        for (d, s) in sel.iter().enumerate() {
            if s.len > 0 || s.drop {
                let last = s.start as isize + (s.len.max(1) as isize - 1) * s.step;
                assert!(s.start < self.shape[d] && last >= 0 && (last as usize) < self.shape[d]);
                data += s.start as isize * self.strides[d];
            }
            if !s.drop {
                shape.push(s.len);
                strides.push(s.step * self.strides[d]);
            }
        }
        let mut nd = Nd {
            dtype: self.dtype,
            ndim: shape.len(),
            shape: [1, 1],
            strides: [0, 0],
            data: data as usize,
        };
        nd.shape[..shape.len()].copy_from_slice(&shape);
        nd.strides[..strides.len()].copy_from_slice(&strides);
        nd
    }

    /// The transpose (a view).
    pub fn transposed(&self) -> Nd {
        let mut nd = *self;
        if self.ndim == 2 {
            nd.shape.swap(0, 1);
            nd.strides.swap(0, 1);
        }
        nd
    }

    /// Same data with a new shape; `self` must be C-contiguous and the sizes
    /// equal.
    pub fn reshaped(&self, shape: &[usize]) -> Nd {
        assert!(self.is_contiguous() && shape.len() <= 2);
        assert_eq!(shape.iter().product::<usize>(), self.size());
        let mut nd = *self;
        nd.ndim = shape.len();
        nd.shape = [1, 1];
        nd.shape[..shape.len()].copy_from_slice(shape);
        nd.set_c_strides();
        nd
    }

    /// `self` seen with `shape` (ndim ≤ 2) by numpy's broadcasting rules:
    /// missing leading axes and axes of length 1 repeat (stride 0). The
    /// caller has checked compatibility.
    pub fn broadcast_to(&self, shape: &[usize]) -> Nd {
        let mut nd = *self;
        let pad = shape.len() - self.ndim;
        nd.ndim = shape.len();
        nd.shape = [1, 1];
        nd.strides = [0, 0];
        for (d, &len) in shape.iter().enumerate() {
            nd.shape[d] = len;
            if d >= pad {
                let src = d - pad;
                assert!(self.shape[src] == len || self.shape[src] == 1);
                nd.strides[d] = if self.shape[src] == 1 {
                    0
                } else {
                    self.strides[src]
                };
            }
        }
        nd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_counted_and_freed() {
        let raw = Arc::new(RawMemory::default());
        let small = RawBuffer::zeroed(800, &raw, false).unwrap();
        let big = RawBuffer::zeroed(MMAP_THRESHOLD * 2, &raw, true).unwrap();
        assert_eq!(raw.live(), 800 + 2 * MMAP_THRESHOLD as u64);
        let w = RawBuffer::into_word(big);
        RawBuffer::release_word(w);
        drop(small);
        assert_eq!(raw.live(), 0);
        assert_eq!(raw.peak(), 800 + 2 * MMAP_THRESHOLD as u64);
    }

    #[test]
    fn views_read_and_write_through() {
        let raw = Arc::new(RawMemory::default());
        let b = RawBuffer::zeroed(6 * 8, &raw, false).unwrap();
        let nd = Nd::contiguous(DType::F64, &[2, 3], &b);
        let mut k = 0.0;
        nd.write_each(|| {
            k += 1.0;
            Scalar::F(k)
        });
        assert_eq!(nd.values_f64(), vec![1., 2., 3., 4., 5., 6.]);
        let t = nd.transposed();
        assert_eq!(t.values_f64(), vec![1., 4., 2., 5., 3., 6.]);
        assert!(!t.is_contiguous());
        let col = nd.select(&[
            AxisSel {
                start: 0,
                step: 1,
                len: 2,
                drop: false,
            },
            AxisSel {
                start: 2,
                step: 1,
                len: 1,
                drop: true,
            },
        ]);
        assert_eq!(col.values_f64(), vec![3., 6.]);
        col.fill(Scalar::F(0.0));
        assert_eq!(nd.values_f64(), vec![1., 2., 0., 4., 5., 0.]);
        let rev = nd.reshaped(&[6]).select(&[AxisSel {
            start: 5,
            step: -2,
            len: 3,
            drop: false,
        }]);
        assert_eq!(rev.values_f64(), vec![0., 4., 2.]);
    }
}
