//! The pure algorithms of CPython 3.11's `random.py`, on top of
//! [`Mt19937`].  [`PyRandom`] is the state of one `random.Random` instance
//! (generator + `gauss_next`).  Functions that pick from a sequence return
//! indices so the VM does the actual element access.
//!
//! Argument type checks (ints vs floats, `TypeError`s about missing
//! arguments) stay in the VM; the errors returned here are the value-level
//! ones with CPython's messages.

use super::error::{SResult, SupportError};
use super::mt::Mt19937;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::HashSet;

/// One `random.Random` instance: the twister plus the cached `gauss_next`.
#[derive(Clone, Debug)]
pub struct PyRandom {
    /// The underlying generator.
    pub mt: Mt19937,
    /// Second value of the last Box-Muller pair, consumed by the next `gauss`.
    pub gauss_next: Option<f64>,
}

/// `bisect.bisect_right(a, x, lo, hi)`: first index in `lo..hi` whose value
/// is greater than `x` (assuming `a[lo..hi]` is sorted).
pub fn bisect_right<T: PartialOrd>(a: &[T], x: &T, lo: usize, hi: usize) -> usize {
    let (mut lo, mut hi) = (lo, hi.min(a.len()));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if *x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

impl PyRandom {
    /// A generator seeded with int `n` (as `random.Random(n)`).
    pub fn from_seed(n: &BigInt) -> Self {
        let mut r = PyRandom {
            mt: Mt19937::new(),
            gauss_next: None,
        };
        r.seed_int(n);
        r
    }

    /// `seed(n)` for an int (also used with `abs(hash(x))` for float seeds).
    pub fn seed_int(&mut self, n: &BigInt) {
        self.mt.seed_from_bigint(n);
        self.gauss_next = None;
    }

    /// `seed(x)` for other hashable seeds (floats, ...): CPython seeds with
    /// `(size_t)hash(x)`, i.e. the hash taken modulo `2**64` (not its
    /// absolute value).
    pub fn seed_hash(&mut self, hash: i64) {
        self.seed_int(&BigInt::from(hash as u64));
    }

    /// `seed(s)` for a str (version 2, via SHA-512).
    pub fn seed_str(&mut self, s: &str) {
        self.mt.seed_from_str(s);
        self.gauss_next = None;
    }

    /// `seed(b)` for bytes/bytearray (version 2, via SHA-512).
    pub fn seed_bytes(&mut self, b: &[u8]) {
        self.mt.seed_from_bytes(b);
        self.gauss_next = None;
    }

    /// `random()`.
    pub fn random(&mut self) -> f64 {
        self.mt.random()
    }

    /// `_randbelow(n)` for a positive BigInt `n` (returns 0 for `n <= 0`).
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        match n.to_biguint() {
            Some(u) => BigInt::from(self.mt.randbelow(&u)),
            None => BigInt::zero(),
        }
    }

    /// `randrange(start, stop=None, step=1)` on ints.  `stop == None` means
    /// the one-argument form (the VM raises `TypeError('Missing a non-None
    /// stop argument')` itself if a step was given without stop).
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> SResult<BigInt> {
        let Some(stop) = stop else {
            if start.is_positive() {
                return Ok(self.randbelow(start));
            }
            return Err(SupportError::value("empty range for randrange()"));
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width));
            }
            return Err(SupportError::value(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        let n = match step.sign() {
            Sign::Plus => (&width + step - 1i32).div_floor(step),
            Sign::Minus => (&width + step + 1i32).div_floor(step),
            Sign::NoSign => return Err(SupportError::value("zero step for randrange()")),
        };
        if !n.is_positive() {
            return Err(SupportError::value("empty range for randrange()"));
        }
        Ok(start + step * self.randbelow(&n))
    }

    /// `randint(a, b)` == `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> SResult<BigInt> {
        self.randrange(a, Some(&(b + 1)), &BigInt::one())
    }

    /// Fast path for `randrange(n)`/`randint` on machine ints: uniform in
    /// `[0, n)`, `n > 0` (same stream as the BigInt version).
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        self.mt.randbelow_u64(n)
    }

    /// Index chosen by `choice(seq)` for a sequence of length `len`.
    pub fn choice_index(&mut self, len: usize) -> SResult<usize> {
        if len == 0 {
            return Err(SupportError::index("Cannot choose from an empty sequence"));
        }
        Ok(self.mt.randbelow_u64(len as u64) as usize)
    }

    /// `shuffle(x)` in place: `for i in reversed(range(1, len)):
    /// j = randbelow(i + 1); swap(i, j)`.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.mt.randbelow_u64(i as u64 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// `uniform(a, b)` = `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `triangular(low, high, mode)`; `mode == None` means the midpoint.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                if high - low == 0.0 {
                    return low;
                }
                (m - low) / (high - low)
            }
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        low + (high - low) * (u * c).sqrt()
    }

    /// `normalvariate(mu, sigma)` (Kinderman-Monahan ratio method).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = nv_magicconst * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `lognormvariate(mu, sigma)` = `exp(normalvariate(mu, sigma))`.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        self.normalvariate(mu, sigma).exp()
    }

    /// `gauss(mu, sigma)` with CPython's cached second value (`gauss_next`).
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * (2.0 * std::f64::consts::PI);
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `expovariate(lambd)`; `lambd == 0` gives ZeroDivisionError.
    pub fn expovariate(&mut self, lambd: f64) -> SResult<f64> {
        let u = self.random();
        if lambd == 0.0 {
            return Err(SupportError::zero_div("float division by zero"));
        }
        Ok(-(1.0 - u).ln() / lambd)
    }

    /// Indices chosen by `sample(population, k)` for a population of size
    /// `n`, following both CPython branches (pool for small `n`, set of
    /// selected indices otherwise).  `k` is an i64 so negative k reports
    /// CPython's error.
    pub fn sample_indices(&mut self, n: usize, k: i64) -> SResult<Vec<usize>> {
        if k < 0 || k as u64 > n as u64 {
            return Err(SupportError::value(
                "Sample larger than population or is negative",
            ));
        }
        let k = k as usize;
        let mut setsize: f64 = 21.0;
        if k > 5 {
            let e = ((k as f64) * 3.0).ln() / 4f64.ln();
            setsize += 4f64.powf(e.ceil());
        }
        let mut result = Vec::with_capacity(k);
        if (n as f64) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.mt.randbelow_u64((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.mt.randbelow_u64(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.mt.randbelow_u64(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// Indices chosen by `choices(population, cum_weights=..., k=k)` for a
    /// population of size `n`.  `cum_weights == None` is the unweighted
    /// form; for `weights=` the VM accumulates them first (CPython uses
    /// `itertools.accumulate`).  Weights are compared as f64.
    pub fn choices_indices(
        &mut self,
        n: usize,
        cum_weights: Option<&[f64]>,
        k: usize,
    ) -> SResult<Vec<usize>> {
        let Some(cw) = cum_weights else {
            let nf = n as f64;
            return Ok((0..k)
                .map(|_| (self.random() * nf).floor() as usize)
                .collect());
        };
        if cw.len() != n {
            return Err(SupportError::value(
                "The number of weights does not match the population",
            ));
        }
        let Some(&last) = cw.last() else {
            return Err(SupportError::index("list index out of range"));
        };
        let total = last + 0.0;
        if total <= 0.0 {
            return Err(SupportError::value(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(SupportError::value("Total of weights must be finite"));
        }
        let hi = n - 1;
        Ok((0..k)
            .map(|_| bisect_right(cw, &(self.random() * total), 0, hi))
            .collect())
    }

    /// `getstate()[1]` (625 ints) and `getstate()[2]` (gauss_next).
    pub fn getstate(&self) -> (Vec<u32>, Option<f64>) {
        (self.mt.getstate(), self.gauss_next)
    }

    /// `setstate((3, internal, gauss_next))`.
    pub fn setstate(&mut self, internal: &[u32], gauss_next: Option<f64>) -> SResult<()> {
        self.mt.setstate(internal).map_err(SupportError::value)?;
        self.gauss_next = gauss_next;
        Ok(())
    }

    /// `randbytes(n)` = `getrandbits(n * 8).to_bytes(n, 'little')`.
    pub fn randbytes(&mut self, n: usize) -> Vec<u8> {
        let v = self.mt.getrandbits(n as u64 * 8);
        let mut b = v.to_bytes_le();
        if v.is_zero() {
            b.clear();
        }
        b.resize(n, 0);
        b
    }

    /// Convenience for the VM: `randrange` on i64 arguments when all fit
    /// (falls back to BigInt internally, identical stream).
    pub fn randrange_i64(&mut self, start: i64, stop: Option<i64>, step: i64) -> SResult<i64> {
        let r = self.randrange(
            &BigInt::from(start),
            stop.map(BigInt::from).as_ref(),
            &BigInt::from(step),
        )?;
        // The result lies within [start, stop) so it fits in i64.
        Ok(r.to_i64().unwrap_or(start))
    }

    /// `vonmisesvariate(mu, kappa)`.
    pub fn vonmisesvariate(&mut self, mu: f64, kappa: f64) -> f64 {
        let twopi = 2.0 * std::f64::consts::PI;
        if kappa <= 1e-6 {
            return twopi * self.random();
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = self.random();
            let z = (std::f64::consts::PI * u1).cos();
            let d = z / (r + z);
            let u2 = self.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let f = (q + z) / (1.0 + q * z);
        let u3 = self.random();
        let theta = if u3 > 0.5 {
            mu + f.acos()
        } else {
            mu - f.acos()
        };
        // Python float `%` (the divisor is a nonzero constant).
        super::numeric::float_mod(theta, twopi).unwrap_or(0.0)
    }

    /// `gammavariate(alpha, beta)` (ValueError unless both are > 0).
    pub fn gammavariate(&mut self, alpha: f64, beta: f64) -> SResult<f64> {
        if !(alpha > 0.0 && beta > 0.0) {
            return Err(SupportError::value(
                "gammavariate: alpha and beta must be > 0.0",
            ));
        }
        if alpha > 1.0 {
            let log4 = 4.0f64.ln();
            let sg_magicconst = 1.0 + 4.5f64.ln();
            let ainv = (2.0 * alpha - 1.0).sqrt();
            let bbb = alpha - log4;
            let ccc = alpha + ainv;
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = (u1 / (1.0 - u1)).ln() / ainv;
                let x = alpha * v.exp();
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + sg_magicconst - 4.5 * z >= 0.0 || r >= z.ln() {
                    return Ok(x * beta);
                }
            }
        } else if alpha == 1.0 {
            Ok(-(1.0 - self.random()).ln() * beta)
        } else {
            let e = std::f64::consts::E;
            loop {
                let u = self.random();
                let b = (e + alpha) / e;
                let p = b * u;
                let x = if p <= 1.0 {
                    p.powf(1.0 / alpha)
                } else {
                    -((b - p) / alpha).ln()
                };
                let u1 = self.random();
                if p > 1.0 {
                    if u1 <= x.powf(alpha - 1.0) {
                        return Ok(x * beta);
                    }
                } else if u1 <= (-x).exp() {
                    return Ok(x * beta);
                }
            }
        }
    }

    /// `betavariate(alpha, beta)`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64) -> SResult<f64> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            return Ok(y / (y + self.gammavariate(beta, 1.0)?));
        }
        Ok(0.0)
    }

    /// `paretovariate(alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> f64 {
        let u = 1.0 - self.random();
        u.powf(-1.0 / alpha)
    }

    /// `weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&mut self, alpha: f64, beta: f64) -> f64 {
        let u = 1.0 - self.random();
        alpha * (-u.ln()).powf(1.0 / beta)
    }
}

#[cfg(test)]
#[path = "random_tests.rs"]
mod tests;
