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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rng(s: &str) -> PyRandom {
        PyRandom::from_seed(&s.parse::<BigInt>().unwrap())
    }
    fn ints(v: &[i64]) -> Vec<BigInt> {
        v.iter().map(|&x| BigInt::from(x)).collect()
    }
    const SEEDS: [&str; 4] = ["0", "12345", "1267650600228229401496703205376", "-5"];

    #[test]
    fn randrange_randint_shuffle_per_seed() {
        let rr: [[i64; 8]; 4] = [
            [864, 394, 776, 911, 430, 41, 265, 988],
            [426, 750, 10, 839, 845, 822, 305, 875],
            [776, 82, 231, 84, 533, 133, 733, 849],
            [637, 261, 759, 367, 814, 707, 965, 861],
        ];
        let ri: [[i64; 8]; 4] = [
            [2, 3, -9, -2, 6, 5, 2, -1],
            [3, -10, -1, 1, -4, -2, 8, 3],
            [-8, -3, -8, 6, -6, -5, 1, 2],
            [9, -2, 1, 10, 6, -10, 4, -3],
        ];
        let sh: [[usize; 20]; 4] = [
            [
                10, 18, 16, 14, 0, 17, 11, 2, 3, 9, 5, 7, 4, 19, 6, 15, 8, 1, 13, 12,
            ],
            [
                16, 18, 3, 8, 19, 10, 7, 14, 12, 1, 5, 2, 15, 17, 4, 6, 11, 9, 0, 13,
            ],
            [
                3, 0, 10, 9, 8, 15, 1, 18, 12, 6, 5, 14, 17, 13, 11, 4, 16, 19, 7, 2,
            ],
            [
                4, 9, 6, 5, 14, 17, 18, 1, 2, 15, 10, 3, 12, 7, 13, 0, 16, 11, 8, 19,
            ],
        ];
        for (i, s) in SEEDS.iter().enumerate() {
            let mut r = rng(s);
            let got: Vec<BigInt> = (0..8)
                .map(|_| {
                    r.randrange(&BigInt::from(1000), None, &BigInt::one())
                        .unwrap()
                })
                .collect();
            assert_eq!(got, ints(&rr[i]), "seed {s}");
            let mut r = rng(s);
            let got: Vec<BigInt> = (0..8)
                .map(|_| r.randint(&BigInt::from(-10), &BigInt::from(10)).unwrap())
                .collect();
            assert_eq!(got, ints(&ri[i]), "seed {s}");
            let mut r = rng(s);
            let mut l: Vec<usize> = (0..20).collect();
            r.shuffle(&mut l);
            assert_eq!(l, sh[i], "seed {s}");
        }
    }

    #[test]
    fn gauss_and_sample_per_seed() {
        let g: [[f64; 3]; 4] = [
            [0.9417154046806644, -1.3965781047011498, -0.6797144480784211],
            [
                -0.12380079558885389,
                0.07152496347566478,
                0.3833691943171596,
            ],
            [0.03888355030113301, -0.7140541507229542, 0.524244043311201],
            [-1.1788417512306717, -1.1481606807908016, 0.6694689143859696],
        ];
        let smp: [([usize; 10], [usize; 5]); 4] = [
            ([49, 97, 53, 5, 33, 65, 62, 51, 38, 61], [5, 3, 2, 7, 1]),
            ([53, 93, 1, 38, 47, 24, 34, 72, 55, 20], [5, 1, 6, 2, 4]),
            ([97, 10, 28, 66, 16, 91, 22, 95, 47, 48], [2, 7, 9, 6, 4]),
            ([79, 32, 94, 45, 88, 83, 67, 3, 59, 99], [3, 0, 2, 8, 7]),
        ];
        for (i, s) in SEEDS.iter().enumerate() {
            let mut r = rng(s);
            for x in g[i] {
                assert_eq!(r.gauss(0.0, 1.0), x, "seed {s}");
            }
            let mut r = rng(s);
            assert_eq!(r.sample_indices(100, 10).unwrap(), smp[i].0);
            assert_eq!(r.sample_indices(10, 5).unwrap(), smp[i].1);
        }
    }

    #[test]
    fn float_distributions_seed_42() {
        let mut r = rng("42");
        let u: Vec<f64> = (0..3).map(|_| r.uniform(1.5, 7.25)).collect();
        assert_eq!(
            u,
            [5.176704091132832, 1.643811842530335, 3.0814185806224357]
        );
        let mut r = rng("42");
        let e: Vec<f64> = (0..3).map(|_| r.expovariate(2.5).unwrap()).collect();
        assert_eq!(
            e,
            [
                0.4080241149099204,
                0.010131535617095556,
                0.12864962562998622
            ]
        );
        let mut r = rng("42");
        let n: Vec<f64> = (0..3).map(|_| r.normalvariate(10.0, 2.0)).collect();
        assert_eq!(
            n,
            [10.490652683415727, 9.006311053177594, 12.509571862114925]
        );
        let mut r = rng("42");
        let t: Vec<f64> = (0..3).map(|_| r.triangular(0.0, 10.0, Some(3.0))).collect();
        assert_eq!(t, [4.976044973534482, 0.86621166967434, 2.8724344293775577]);
        assert_eq!(r.triangular(0.0, 1.0, None), 0.33407389762507844);
        assert_eq!(r.triangular(2.0, 2.0, Some(2.0)), 2.0);
        let mut r = rng("42");
        assert_eq!(r.lognormvariate(0.0, 1.0), 1.2780383223662806);
        let mut r = rng("42");
        r.gauss(0.0, 1.0);
        assert_eq!(r.getstate().1, Some(-0.1729036003315193));
        assert_eq!(r.gauss(5.0, 2.0), 4.654192799336961);
        assert_eq!(r.gauss_next, None);
    }

    #[test]
    fn choices_sample_branches_seed_42() {
        let mut r = rng("42");
        assert_eq!(
            r.choices_indices(7, None, 10).unwrap(),
            [4, 0, 1, 1, 5, 4, 6, 0, 2, 0]
        );
        let want = [2, 0, 2, 2, 3, 2, 3, 0, 2, 0];
        let mut r = rng("42");
        let cw = [1.0, 1.0, 6.0, 8.5];
        assert_eq!(r.choices_indices(4, Some(&cw), 10).unwrap(), want);
        let mut r = rng("42");
        assert_eq!(
            r.sample_indices(1_000_000, 10).unwrap(),
            [670487, 116739, 26225, 777572, 288389, 256787, 234053, 146316, 772246, 107473]
        );
        let mut r = rng("42");
        assert_eq!(
            r.sample_indices(60, 8).unwrap(),
            [40, 7, 1, 47, 17, 15, 14, 8]
        );
        let mut r = rng("42");
        assert_eq!(
            r.sample_indices(200, 8).unwrap(),
            [163, 28, 6, 189, 70, 62, 57, 35]
        );
        let mut r = rng("42");
        let c: Vec<usize> = (0..6).map(|_| r.choice_index(13).unwrap()).collect();
        assert_eq!(c, [10, 1, 0, 11, 4, 3]);
    }

    #[test]
    fn randrange_steps_and_big() {
        let b = |x: i64| BigInt::from(x);
        let mut r = rng("42");
        let a: Vec<BigInt> = (0..5)
            .map(|_| r.randrange(&b(3), Some(&b(100)), &b(7)).unwrap())
            .collect();
        assert_eq!(a, ints(&[73, 10, 3, 80, 31]));
        let a: Vec<BigInt> = (0..5)
            .map(|_| r.randrange(&b(100), Some(&b(3)), &b(-7)).unwrap())
            .collect();
        assert_eq!(a, ints(&[79, 79, 86, 23, 93]));
        let e30 = BigInt::from(10).pow(30);
        assert_eq!(
            r.randrange(&e30, None, &b(1)).unwrap().to_string(),
            "704511047883023533822611041645"
        );
        let e25 = BigInt::from(10).pow(25);
        assert_eq!(
            r.randrange(&-&e25, Some(&e25), &b(3)).unwrap().to_string(),
            "2241734767164134368009862"
        );
    }

    #[test]
    fn error_messages() {
        let b = |x: i64| BigInt::from(x);
        let mut r = rng("1");
        let msg = |e: SResult<BigInt>| e.unwrap_err().msg;
        assert_eq!(
            msg(r.randrange(&b(0), None, &b(1))),
            "empty range for randrange()"
        );
        assert_eq!(
            msg(r.randrange(&b(5), Some(&b(5)), &b(1))),
            "empty range for randrange() (5, 5, 0)"
        );
        assert_eq!(
            msg(r.randrange(&b(5), Some(&b(1)), &b(1))),
            "empty range for randrange() (5, 1, -4)"
        );
        assert_eq!(
            msg(r.randrange(&b(1), Some(&b(5)), &b(0))),
            "zero step for randrange()"
        );
        assert_eq!(
            msg(r.randrange(&b(5), Some(&b(1)), &b(2))),
            "empty range for randrange()"
        );
        assert_eq!(
            msg(r.randint(&b(5), &b(1))),
            "empty range for randrange() (5, 2, -3)"
        );
        assert_eq!(
            r.sample_indices(3, 4).unwrap_err().msg,
            "Sample larger than population or is negative"
        );
        assert!(r.sample_indices(3, -1).is_err());
        assert_eq!(
            r.choices_indices(3, Some(&[1.0, 3.0]), 1).unwrap_err().msg,
            "The number of weights does not match the population"
        );
        assert_eq!(
            r.choices_indices(2, Some(&[0.0, 0.0]), 1).unwrap_err().msg,
            "Total of weights must be greater than zero"
        );
        assert_eq!(
            r.choices_indices(2, Some(&[1.0, f64::INFINITY]), 1)
                .unwrap_err()
                .msg,
            "Total of weights must be finite"
        );
        assert_eq!(
            r.choice_index(0).unwrap_err().msg,
            "Cannot choose from an empty sequence"
        );
        assert_eq!(
            r.expovariate(0.0).unwrap_err().kind,
            super::super::error::ExcKind::ZeroDivisionError
        );
    }

    #[test]
    fn bisect_and_randbytes() {
        let a = [1.0, 1.0, 6.0, 8.5];
        assert_eq!(bisect_right(&a, &0.5, 0, 3), 0);
        assert_eq!(bisect_right(&a, &1.0, 0, 3), 2);
        assert_eq!(bisect_right(&a, &7.0, 0, 3), 3);
        let mut r = rng("7");
        let mut r2 = rng("7");
        let bytes = r.randbytes(10);
        assert_eq!(bytes, [56, 180, 230, 82, 228, 77, 167, 242, 158, 38]);
        let v = r2.mt.getrandbits(80);
        let mut le = v.to_bytes_le();
        le.resize(10, 0);
        assert_eq!(bytes, le);
        assert_eq!(r.randbytes(0), Vec::<u8>::new());
        assert_eq!(
            r.randrange_i64(10, Some(20), 1)
                .map(|x| (10..20).contains(&x)),
            Ok(true)
        );
    }
}
