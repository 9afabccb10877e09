//! `repr()` and `str()` of arrays, following numpy's array2string defaults
//! (precision 8, floatmode 'maxprec', linewidth 75, summary above 1000 items
//! with 3 edge items).

use super::buffer::{DType, Nd, Scalar};

const LINEWIDTH: usize = 75;
const THRESHOLD: usize = 1000;
const EDGE: usize = 3;
const PRECISION: usize = 8;

/// Shortest round-trip digits of `x` in positional notation, cut to at most
/// `prec` fractional digits, trailing zeros removed: `(int part, fraction)`.
fn positional(x: f64, prec: usize) -> (String, String) {
    let mut s = format!("{x}");
    if let Some((_, f)) = s.split_once('.') {
        if f.len() > prec {
            s = format!("{x:.prec$}");
        }
    }
    let (i, f) = s.split_once('.').unwrap_or((&s, ""));
    (i.to_string(), f.trim_end_matches('0').to_string())
}

/// Shortest digits in scientific notation cut to `prec` fractional digits:
/// `(int part with sign, fraction, exponent)`.
fn scientific(x: f64, prec: usize) -> (String, String, i32) {
    let mut s = format!("{x:e}");
    let frac_len = |s: &str| {
        let m = s.split('e').next().unwrap_or("");
        m.split_once('.').map(|(_, f)| f.len()).unwrap_or(0)
    };
    if frac_len(&s) > prec {
        s = format!("{x:.prec$e}");
    }
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let (i, f) = m.split_once('.').unwrap_or((m, ""));
    (
        i.to_string(),
        f.trim_end_matches('0').to_string(),
        e.parse().unwrap_or(0),
    )
}

enum Fmt {
    Bool,
    Int(usize),
    Pos {
        left: usize,
        right: usize,
    },
    Exp {
        left: usize,
        prec: usize,
        exp: usize,
    },
}

impl Fmt {
    fn new(dtype: DType, data: &[Scalar]) -> Fmt {
        match dtype {
            DType::Bool => Fmt::Bool,
            DType::I64 => {
                let w = data.iter().map(|s| s.i64().to_string().len()).max();
                Fmt::Int(w.unwrap_or(0))
            }
            DType::F64 => Fmt::float(data),
        }
    }

    fn float(data: &[Scalar]) -> Fmt {
        let vals: Vec<f64> = data.iter().map(|s| s.f64()).collect();
        let finite: Vec<f64> = vals.iter().copied().filter(|x| x.is_finite()).collect();
        let nz: Vec<f64> = finite
            .iter()
            .map(|x| x.abs())
            .filter(|x| *x != 0.0)
            .collect();
        let mut exp_mode = false;
        if !nz.is_empty() {
            let max = nz.iter().copied().fold(f64::MIN, f64::max);
            let min = nz.iter().copied().fold(f64::MAX, f64::min);
            exp_mode = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
        }
        if exp_mode && !finite.is_empty() {
            let parts: Vec<_> = finite.iter().map(|x| scientific(*x, PRECISION)).collect();
            let prec = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            let exp = parts
                .iter()
                .map(|p| p.2.unsigned_abs().to_string().len().max(2))
                .max()
                .unwrap_or(2);
            let left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            let (left, _) = nonfinite_pad(&vals, left, exp + 2 + prec);
            return Fmt::Exp { left, prec, exp };
        }
        let parts: Vec<_> = finite.iter().map(|x| positional(*x, PRECISION)).collect();
        let left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
        let right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
        let (left, right) = nonfinite_pad(&vals, left, right);
        Fmt::Pos { left, right }
    }

    fn nonfinite(x: f64, width: usize) -> String {
        let s = if x.is_nan() {
            "nan"
        } else if x < 0.0 {
            "-inf"
        } else {
            "inf"
        };
        format!("{s:>width$}")
    }

    fn format(&self, s: Scalar) -> String {
        match *self {
            Fmt::Bool => if s.truth() { " True" } else { "False" }.to_string(),
            Fmt::Int(w) => format!("{:>w$}", s.i64()),
            Fmt::Pos { left, right } => {
                let x = s.f64();
                if !x.is_finite() {
                    return Fmt::nonfinite(x, left + right + 1);
                }
                let (i, f) = positional(x, PRECISION);
                format!("{i:>left$}.{f:<right$}")
            }
            Fmt::Exp { left, prec, exp } => {
                let x = s.f64();
                if !x.is_finite() {
                    return Fmt::nonfinite(x, left + exp + 3 + prec);
                }
                let (i, f, e) = scientific(x, prec);
                let sign = if e < 0 { '-' } else { '+' };
                let ed = format!("{:0>exp$}", e.unsigned_abs());
                format!("{i:>left$}.{f:0<prec$}e{sign}{ed}")
            }
        }
    }
}

/// numpy widens the integer part so that nan/inf fit.
fn nonfinite_pad(vals: &[f64], left: usize, right: usize) -> (usize, usize) {
    if vals.iter().all(|x| x.is_finite()) {
        return (left, right);
    }
    let neginf = vals.iter().any(|x| x.is_infinite() && *x < 0.0) as usize;
    let offset = right + 1;
    let l = left
        .max(3usize.saturating_sub(offset))
        .max((3 + neginf).saturating_sub(offset));
    (l, right)
}

struct Ctx<'a> {
    nd: &'a Nd,
    fmt: Fmt,
    sep: &'a str,
    summary: bool,
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    let wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

fn recurse(c: &Ctx, index: &mut Vec<usize>, hanging: &str, width: usize) -> String {
    let axis = index.len();
    let left = c.nd.ndim - axis;
    if left == 0 {
        let i = index.first().copied().unwrap_or(0);
        let j = index.get(1).copied().unwrap_or(0);
        return c.fmt.format(c.nd.get(i, j));
    }
    let next_hanging = format!("{hanging} ");
    let next_width = width.saturating_sub(1);
    let n = c.nd.shape[axis];
    let show = c.summary && 2 * EDGE < n;
    let (lead, trail) = if show { (EDGE, EDGE) } else { (0, n) };
    let sep_r = c.sep.trim_end();
    let mut s = String::new();
    let sub = |index: &mut Vec<usize>, k: usize| {
        index.push(k);
        let r = recurse(c, index, &next_hanging, next_width);
        index.pop();
        r
    };
    if left == 1 {
        let elem_width = width.saturating_sub(sep_r.len().max(1));
        let mut line = hanging.to_string();
        for k in 0..lead {
            let w = sub(index, k);
            extend_line(&mut s, &mut line, &w, elem_width, hanging);
            line.push_str(c.sep);
        }
        if show {
            extend_line(&mut s, &mut line, "...", elem_width, hanging);
            line.push_str(c.sep);
        }
        for k in (2..=trail).rev() {
            let w = sub(index, n - k);
            extend_line(&mut s, &mut line, &w, elem_width, hanging);
            line.push_str(c.sep);
        }
        let w = sub(index, n - 1);
        extend_line(&mut s, &mut line, &w, elem_width, hanging);
        s.push_str(&line);
    } else {
        let line_sep = format!("{sep_r}{}", "\n".repeat(left - 1));
        for k in 0..lead {
            let w = sub(index, k);
            s.push_str(hanging);
            s.push_str(&w);
            s.push_str(&line_sep);
        }
        if show {
            s.push_str(hanging);
            s.push_str("...");
            s.push_str(&line_sep);
        }
        for k in (2..=trail).rev() {
            let w = sub(index, n - k);
            s.push_str(hanging);
            s.push_str(&w);
            s.push_str(&line_sep);
        }
        let w = sub(index, n - 1);
        s.push_str(hanging);
        s.push_str(&w);
    }
    format!("[{}]", &s[hanging.len()..])
}

/// The items the formatter is sized on: all, or the edges when summarising.
fn format_data(nd: &Nd, summary: bool) -> Vec<Scalar> {
    let pick = |n: usize| -> Vec<usize> {
        if summary && n > 2 * EDGE {
            (0..EDGE).chain(n - EDGE..n).collect()
        } else {
            (0..n).collect()
        }
    };
    let rows = if nd.ndim >= 1 {
        pick(nd.shape[0])
    } else {
        vec![0]
    };
    let cols = if nd.ndim == 2 {
        pick(nd.shape[1])
    } else {
        vec![0]
    };
    let mut out = Vec::with_capacity(rows.len() * cols.len());
    for &i in &rows {
        for &j in &cols {
            out.push(nd.get(i, j));
        }
    }
    out
}

fn array2string(nd: &Nd, prefix_len: usize, sep: &str, width: usize) -> String {
    let summary = nd.size() > THRESHOLD;
    let data = format_data(nd, summary);
    let c = Ctx {
        nd,
        fmt: Fmt::new(nd.dtype, &data),
        sep,
        summary,
    };
    if nd.ndim == 0 {
        return c.fmt.format(nd.get(0, 0)).trim_start().to_string();
    }
    let hanging = " ".repeat(prefix_len + 1);
    recurse(&c, &mut Vec::new(), &hanging, width)
}

/// `repr(a)` (numpy 2.2+: summarised arrays also show their shape).
pub fn array_repr(nd: &Nd) -> String {
    let prefix = "array(";
    let lst = if nd.size() == 0 {
        "[]".to_string()
    } else {
        array2string(nd, prefix.len(), ", ", LINEWIDTH - 1)
    };
    let mut extras = vec![];
    if (nd.size() == 0 && nd.dims() != [0]) || nd.size() > THRESHOLD {
        extras.push(format!("shape={}", super::ndarray::shape_str(nd.dims())));
    }
    if nd.size() == 0 {
        extras.push(format!("dtype={}", nd.dtype.name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra = format!("{})", extras.join(", "));
    let last_line = arr_str.len() - arr_str.rfind('\n').map(|p| p + 1).unwrap_or(0);
    let spacer = if last_line + extra.len() + 1 > LINEWIDTH {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra}")
}

/// `str(a)`.
pub fn array_str(nd: &Nd) -> String {
    if nd.ndim == 0 {
        return match nd.get(0, 0) {
            Scalar::F(x) => crate::vm::repr::float_repr(x),
            Scalar::I(x) => x.to_string(),
            Scalar::B(b) => if b { "True" } else { "False" }.to_string(),
        };
    }
    if nd.size() == 0 {
        return "[]".to_string();
    }
    array2string(nd, 0, " ", LINEWIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(data: &[f64]) -> Vec<String> {
        let d: Vec<Scalar> = data.iter().map(|x| Scalar::F(*x)).collect();
        let fm = Fmt::new(DType::F64, &d);
        d.iter().map(|s| fm.format(*s)).collect()
    }

    #[test]
    fn float_formats_match_numpy() {
        assert_eq!(f(&[1.0, 2.0, 3.0]), ["1.", "2.", "3."]);
        assert_eq!(f(&[1.0, 2.5]), ["1. ", "2.5"]);
        assert_eq!(f(&[-1.5, 2.0]), ["-1.5", " 2. "]);
        assert_eq!(f(&[1.0 / 3.0]), ["0.33333333"]);
        assert_eq!(f(&[1e-5, 1.5e-5]), ["1.0e-05", "1.5e-05"]);
        assert_eq!(f(&[1e10, 1.0]), ["1.e+10", "1.e+00"]);
        assert_eq!(f(&[f64::NAN, 1.0]), ["nan", " 1."]);
        assert_eq!(f(&[f64::NEG_INFINITY, 0.5]), ["-inf", " 0.5"]);
    }
}
