//! An SVG report: the pause-time histogram and the MMU curve (plotters).

use plotters::prelude::*;

/// Log-spaced histogram bins per decade.
const BINS_PER_DECADE: f64 = 10.0;

/// One histogram bar: `[lo_ms, hi_ms)` holding `count` pauses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    /// Lower edge, ms.
    pub lo_ms: f64,
    /// Upper edge, ms.
    pub hi_ms: f64,
    /// Pauses in the bin.
    pub count: u64,
}

/// Bins pause durations (ns) on a log scale, 10 bins per decade, from the
/// power of ten at or below the shortest pause to the one above the longest.
/// Zero-length pauses count as 1 ns.
pub fn log_bins(pauses_ns: &[u64]) -> Vec<Bin> {
    let Some(&min) = pauses_ns.iter().min() else {
        return Vec::new();
    };
    let max = pauses_ns.iter().copied().max().unwrap_or(min);
    let lo_exp = (min.max(1) as f64).log10().floor();
    let hi_exp = ((max.max(1) as f64).log10().floor() + 1.0).max(lo_exp + 1.0);
    let n = ((hi_exp - lo_exp) * BINS_PER_DECADE).round() as usize;
    let edge = |i: usize| 10f64.powf(lo_exp + i as f64 / BINS_PER_DECADE);
    let mut bins: Vec<Bin> = (0..n)
        .map(|i| Bin {
            lo_ms: edge(i) / 1e6,
            hi_ms: edge(i + 1) / 1e6,
            count: 0,
        })
        .collect();
    for &p in pauses_ns {
        let x = (p.max(1) as f64).log10();
        let i = (((x - lo_exp) * BINS_PER_DECADE).floor().max(0.0) as usize).min(n - 1);
        bins[i].count += 1;
    }
    bins
}

/// Renders the report as SVG text. `title` heads the page (e.g. the
/// collector name); `mmu` is `(window_ns, utilisation 0..1)` with increasing
/// windows.
pub fn render_svg(title: &str, pauses_ns: &[u64], mmu: &[(u64, f64)]) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (900, 800)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let root = root
            .titled(title, ("sans-serif", 24))
            .map_err(|e| e.to_string())?;
        let (top, bottom) = root.split_vertically(370);
        draw_histogram(&top, pauses_ns).map_err(|e| e.to_string())?;
        draw_mmu(&bottom, mmu).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Renders the report and writes it to `path`.
pub fn write_svg(
    path: &str,
    title: &str,
    pauses_ns: &[u64],
    mmu: &[(u64, f64)],
) -> Result<(), String> {
    let text = render_svg(title, pauses_ns, mmu)?;
    std::fs::write(path, text).map_err(|e| format!("cannot write '{path}': {e}"))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawErr = DrawingAreaErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>;

fn draw_histogram(area: &Area<'_>, pauses_ns: &[u64]) -> Result<(), DrawErr> {
    let bins = log_bins(pauses_ns);
    let (lo, hi) = match (bins.first(), bins.last()) {
        (Some(a), Some(b)) => (a.lo_ms, b.hi_ms),
        _ => (0.001, 10.0),
    };
    let top = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let caption = format!("Pause time distribution ({} pauses)", pauses_ns.len());
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 18))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(65)
        .build_cartesian_2d((lo..hi).log_scale(), 0u64..top + top / 10 + 1)?;
    chart
        .configure_mesh()
        .x_desc("pause duration (ms, log scale)")
        .y_desc("pauses (count)")
        .x_label_formatter(&|v| fmt_ms(*v))
        .draw()?;
    chart.draw_series(
        bins.iter()
            .filter(|b| b.count > 0)
            .map(|b| Rectangle::new([(b.lo_ms, 0), (b.hi_ms, b.count)], BLUE.mix(0.6).filled())),
    )?;
    Ok(())
}

fn draw_mmu(area: &Area<'_>, mmu: &[(u64, f64)]) -> Result<(), DrawErr> {
    let pts: Vec<(f64, f64)> = mmu
        .iter()
        .map(|&(w, u)| (w as f64 / 1e6, u * 100.0))
        .collect();
    let (lo, hi) = match (pts.first(), pts.last()) {
        (Some(a), Some(b)) if b.0 > a.0 => (a.0, b.0),
        (Some(a), _) => (a.0 / 10.0, a.0 * 10.0),
        _ => (0.1, 1000.0),
    };
    let mut chart = ChartBuilder::on(area)
        .caption("Minimum mutator utilisation", ("sans-serif", 18))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(65)
        .build_cartesian_2d((lo..hi).log_scale(), 0f64..100f64)?;
    chart
        .configure_mesh()
        .x_desc("window (ms, log scale)")
        .y_desc("MMU (% of window for the mutator)")
        .x_label_formatter(&|v| fmt_ms(*v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()?;
    chart.draw_series(LineSeries::new(pts, RED.stroke_width(2)))?;
    Ok(())
}

fn fmt_ms(v: f64) -> String {
    if v >= 1.0 {
        format!("{v:.0}")
    } else {
        // Enough digits to tell 0.001 from 0.002.
        let digits = (-v.log10()).ceil().clamp(1.0, 9.0) as usize;
        format!("{v:.digits$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_log_spaced_and_count_everything() {
        // 5 us, 45 us, 50 us, 2 ms: decades 1e3..1e7 ns, 40 bins.
        let b = log_bins(&[5_000, 45_000, 50_000, 2_000_000]);
        assert_eq!(b.len(), 40);
        assert!((b[0].lo_ms - 0.001).abs() < 1e-12);
        assert!((b[39].hi_ms - 10.0).abs() < 1e-9);
        assert_eq!(b.iter().map(|x| x.count).sum::<u64>(), 4);
        let holding = |ns: f64| {
            b.iter()
                .find(|x| x.lo_ms * 1e6 <= ns && ns < x.hi_ms * 1e6)
                .map(|x| x.count)
        };
        assert_eq!(holding(50_000.0), Some(2));
        assert_eq!(holding(2_000_000.0), Some(1));
        assert!(log_bins(&[]).is_empty());
        let z = log_bins(&[0, 0, 10]);
        assert_eq!(z.iter().map(|x| x.count).sum::<u64>(), 3);
    }

    #[test]
    fn svg_has_both_charts_with_labels() {
        let svg = render_svg(
            "pygc GC report: incminimark",
            &[5_000, 50_000, 2_000_000],
            &[(100_000, 0.0), (1_000_000, 0.4), (10_000_000, 0.9)],
        )
        .unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
        for label in [
            "pygc GC report: incminimark",
            "Pause time distribution (3 pauses)",
            "pause duration (ms, log scale)",
            "pauses (count)",
            "Minimum mutator utilisation",
            "window (ms, log scale)",
            "MMU (% of window for the mutator)",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(
            svg.contains("<rect") && svg.contains("<polyline"),
            "bars and the curve"
        );
    }

    #[test]
    fn empty_inputs_still_render() {
        let svg = render_svg("empty", &[], &[]).unwrap();
        assert!(svg.contains("Pause time distribution (0 pauses)"));
        let one = render_svg("one", &[7], &[(5, 1.0)]).unwrap();
        assert!(one.contains("<svg"));
    }

    #[test]
    fn write_errors_name_the_path() {
        let e = write_svg("/nonexistent-dir/x.svg", "t", &[], &[]).unwrap_err();
        assert!(e.contains("/nonexistent-dir/x.svg"), "{e}");
    }
}
