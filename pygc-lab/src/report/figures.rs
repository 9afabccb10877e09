//! The report's figures, drawn with plotters' SVG backend: one function per
//! kind of chart, each returning standalone SVG text.

use plotters::prelude::*;

/// One line of a chart: a label and points (x, y, optional CI low/high).
#[derive(Clone, Debug)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Points: (x, y, low, high); low == high when there is no interval.
    pub points: Vec<(f64, f64, f64, f64)>,
}

/// Axis description.
#[derive(Clone, Debug)]
pub struct Axes {
    /// Chart title.
    pub title: String,
    /// X axis label.
    pub x_desc: String,
    /// Y axis label.
    pub y_desc: String,
    /// Logarithmic x axis.
    pub x_log: bool,
    /// Category labels for an ordinal x axis (x = 0, 1, ...), if any.
    pub x_categories: Vec<String>,
    /// Y starts at zero.
    pub y_from_zero: bool,
}

/// A palette that stays distinguishable in print.
pub fn color(i: usize) -> RGBColor {
    const P: [RGBColor; 8] = [
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(120, 120, 120),
        RGBColor(0, 0, 0),
    ];
    P[i % P.len()]
}

type DrawResult<T> = Result<T, String>;

fn ranges(series: &[Series], ax: &Axes) -> ((f64, f64), (f64, f64)) {
    let pts = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y, lo, hi) in pts {
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(lo.min(y));
        y1 = y1.max(hi.max(y));
    }
    if x0 > x1 {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    if !ax.x_categories.is_empty() {
        (x0, x1) = (-0.3, ax.x_categories.len() as f64 - 0.7);
    } else if x1 <= x0 {
        x1 = x0 * 2.0 + 1.0;
    }
    if ax.y_from_zero {
        y0 = 0.0;
    }
    if y1 <= y0 {
        y1 = y0 + 1.0;
    }
    let pad = (y1 - y0) * 0.08;
    let y0p = if ax.y_from_zero { y0 } else { y0 - pad };
    ((x0, x1), (y0p, y1 + pad))
}

/// A line chart with optional confidence bands; returns SVG text.
pub fn line_chart(series: &[Series], ax: &Axes, size: (u32, u32)) -> DrawResult<String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let ((x0, x1), (y0, y1)) = ranges(series, ax);
        let mut b = ChartBuilder::on(&root);
        b.caption(&ax.title, ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(62);
        if ax.x_log {
            let x0 = x0.max(1e-9);
            let mut chart = b
                .build_cartesian_2d((x0..x1.max(x0 * 1.01)).log_scale(), y0..y1)
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .x_desc(&ax.x_desc)
                .y_desc(&ax.y_desc)
                .x_label_formatter(&|v| fmt_num(*v))
                .y_label_formatter(&|v| fmt_num(*v))
                .draw()
                .map_err(|e| e.to_string())?;
            draw_lines(&mut chart, series)?;
        } else {
            let cats = ax.x_categories.clone();
            let mut chart = b
                .build_cartesian_2d(x0..x1, y0..y1)
                .map_err(|e| e.to_string())?;
            let fmt = move |v: &f64| {
                if cats.is_empty() {
                    fmt_num(*v)
                } else {
                    let i = v.round();
                    if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < cats.len() {
                        cats[i as usize].clone()
                    } else {
                        String::new()
                    }
                }
            };
            let mut mesh = chart.configure_mesh();
            mesh.x_desc(&ax.x_desc)
                .y_desc(&ax.y_desc)
                .x_label_formatter(&fmt)
                .y_label_formatter(&|v| fmt_num(*v));
            if !ax.x_categories.is_empty() {
                mesh.x_labels(ax.x_categories.len() * 4 + 1);
            }
            mesh.draw().map_err(|e| e.to_string())?;
            draw_lines(&mut chart, series)?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn draw_lines<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    series: &[Series],
) -> DrawResult<()>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    for (i, s) in series.iter().enumerate() {
        let c = color(i);
        let pts: Vec<_> = s
            .points
            .iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .copied()
            .collect();
        let banded = pts.iter().any(|p| p.3 > p.2);
        if banded && pts.len() > 1 {
            let mut poly: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.3)).collect();
            poly.extend(pts.iter().rev().map(|p| (p.0, p.2)));
            chart
                .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.18).filled())))
                .map_err(|e| e.to_string())?;
        }
        if banded {
            chart
                .draw_series(pts.iter().map(|p| {
                    PathElement::new(vec![(p.0, p.2), (p.0, p.3)], c.mix(0.6).stroke_width(1))
                }))
                .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(LineSeries::new(
                pts.iter().map(|p| (p.0, p.1)),
                c.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?
            .label(s.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3)));
        if pts.len() <= 12 {
            chart
                .draw_series(pts.iter().map(|p| Circle::new((p.0, p.1), 3, c.filled())))
                .map_err(|e| e.to_string())?;
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Short numbers for axis labels.
pub fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 0.1 {
        format!("{v:.2}")
    } else if a >= 0.001 {
        format!("{v:.3}")
    } else {
        format!("{v:.1e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_title_labels_and_band() {
        let s = vec![Series {
            label: "incminimark".into(),
            points: vec![(0.0, 1.0, 0.9, 1.1), (1.0, 0.8, 0.75, 0.85)],
        }];
        let ax = Axes {
            title: "richards: time".into(),
            x_desc: "heap".into(),
            y_desc: "wall s".into(),
            x_log: false,
            x_categories: vec!["2x".into(), "3x".into()],
            y_from_zero: true,
        };
        let svg = line_chart(&s, &ax, (500, 300)).unwrap();
        for want in ["richards: time", "incminimark", "3x", "<polygon", "wall s"] {
            assert!(svg.contains(want), "{want} missing");
        }
        let ax = Axes {
            x_log: true,
            x_categories: vec![],
            ..ax
        };
        assert!(line_chart(&s[..0], &ax, (500, 300))
            .unwrap()
            .contains("<svg"));
    }
}
