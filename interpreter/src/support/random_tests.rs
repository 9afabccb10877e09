//! Tests for `random`; expected values generated with CPython 3.11.
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

#[test]
fn more_distributions_seed_99() {
    let mut r = rng("99");
    let v: Vec<f64> = (0..3).map(|_| r.vonmisesvariate(1.0, 2.0)).collect();
    assert_eq!(
        v,
        [0.494482156678013, 0.7133376864155647, 1.4728419316853703]
    );
    assert_eq!(r.vonmisesvariate(0.5, 1e-7), 5.895995674395237);
    let mut r = rng("99");
    let g: Vec<f64> = (0..3).map(|_| r.gammavariate(2.5, 1.5).unwrap()).collect();
    assert_eq!(
        g,
        [3.0873015252186855, 1.7498224593692282, 6.670932659355447]
    );
    assert_eq!(r.gammavariate(1.0, 2.0).unwrap(), 0.9659915887067864);
    let g: Vec<f64> = (0..3).map(|_| r.gammavariate(0.5, 3.0).unwrap()).collect();
    assert_eq!(
        g,
        [5.774168883369214, 0.7475884560491523, 0.19745468546522388]
    );
    let mut r = rng("99");
    let b: Vec<f64> = (0..3).map(|_| r.betavariate(2.0, 5.0).unwrap()).collect();
    assert_eq!(
        b,
        [0.3469051499228315, 0.4769340244765555, 0.30733668688894744]
    );
    let mut r = rng("99");
    let p: Vec<f64> = (0..3).map(|_| r.paretovariate(3.0)).collect();
    assert_eq!(
        p,
        [1.188263037570406, 1.0772512097303544, 1.067867646716627]
    );
    let mut r = rng("99");
    let w: Vec<f64> = (0..3).map(|_| r.weibullvariate(2.0, 1.5)).collect();
    assert_eq!(
        w,
        [1.2891135066331676, 0.7359956226018785, 0.6771135983395017]
    );
    assert_eq!(
        r.gammavariate(0.0, 1.0).unwrap_err().msg,
        "gammavariate: alpha and beta must be > 0.0"
    );
}

#[test]
fn float_seed_uses_hash_modulo_2_64() {
    // python3: random.seed(-1.5); random.random()  (hash(-1.5) == -1152921504606846977)
    let mut r = rng("0");
    r.seed_hash(-1152921504606846977);
    assert_eq!(r.random(), 0.7101153317194698);
}
