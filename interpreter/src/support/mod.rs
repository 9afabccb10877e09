//! Self-contained runtime support code for the interpreter, with no
//! dependency on the object model (only `num-bigint`/`num-traits`/
//! `num-integer`).  Every module is tested against CPython 3.11 output.
//!
//! - [`mt`]: Mersenne Twister MT19937 matching CPython's `_random`.
//! - [`random`]: the pure algorithms of `random.py` (randrange, shuffle,
//!   sample, choices, gauss, ...) on top of [`mt::Mt19937`].
//! - [`sha512`]: SHA-512, used for str/bytes seeding.
//! - [`float_repr`]: `repr(float)` and printf-style `%e %f %g` formatting.
//! - [`format_spec`]: the format-spec mini-language (`format()`, f-strings).
//! - [`percent`]: the `str % args` engine.
//! - [`strformat`]: `str.format` templates (fields, conversions, nesting).
//! - [`numparse`]: `float(str)` and `int(str, base)` parsing.
//! - [`numeric`]: Python numeric semantics (floor div/mod, true division,
//!   `**` and 3-argument `pow`, int/float conversions and comparison,
//!   `int.to_bytes`/`from_bytes`).
//! - [`numhash`]: `hash()` of ints/floats, `round()`, `as_integer_ratio`,
//!   `float.hex`/`fromhex`.
//! - [`mathfn`]: float functions of `math` with CPython's domain/range
//!   errors, CPython's `gamma`/`lgamma`, glibc's `cbrt`/`asinh`/`acosh`/
//!   `atanh`, `pow`, `fmod`, `atan2`, `ldexp`, `modf`, `isclose`,
//!   `nextafter`, `ulp`.
//! - [`pymath`]: `math.fsum`, `hypot`/`dist`, logs of big ints, `isqrt`,
//!   `factorial`, `comb`, `perm`, `gcd`, `lcm` with CPython's algorithms.
//! - [`strhash`]: deterministic str/bytes hash (SipHash-1-3, equal to
//!   CPython's with `PYTHONHASHSEED=0`).
//! - [`strops`]: the `split()`, `strip()`, `splitlines()`, `expandtabs()`
//!   and `zfill()` string methods with Python's whitespace and line rules.
//! - [`unicode`]: Python's `str.isalpha`/`isdigit`/`isprintable`/... and
//!   `repr`/`ascii` of str and bytes (Unicode 14.0 tables as in 3.11).
//! - [`casing`]: `str.upper/lower/casefold/title/capitalize/swapcase` and
//!   `istitle/islower/isupper` with full mappings and the final-sigma rule.
//! - [`error`]: the shared error type (exception class + CPython message).

pub mod casing;
mod casing_tables;
pub mod codec;
#[cfg(test)]
mod difftest;
pub mod error;
pub mod float_repr;
pub mod format_spec;
pub mod mathfn;
pub mod mt;
pub mod numeric;
pub mod numhash;
pub mod numparse;
pub mod percent;
pub mod pymath;
pub mod random;
pub mod sha512;
pub mod strformat;
pub mod strhash;
pub mod strops;
pub mod unicode;
mod unicode_tables;
