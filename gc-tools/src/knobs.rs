//! The README table of GC knobs, generated from [`gc_api::OPTIONS`].
//!
//! The README keeps the table between `<!-- knobs:start -->` and
//! `<!-- knobs:end -->`; [`replace_knobs_section`] regenerates it
//! (`pygc-gcstat --knobs-table` prints the table).

use gc_api::{OptKind, OptSpec, OPTIONS};

/// Marker line before the table in the README.
pub const START_MARKER: &str = "<!-- knobs:start -->";
/// Marker line after the table in the README.
pub const END_MARKER: &str = "<!-- knobs:end -->";

/// Placeholder for the value in flag examples, and the unit/kind column.
fn kind_text(kind: OptKind) -> (&'static str, &'static str) {
    match kind {
        OptKind::Size => ("SIZE", "bytes: `4096`, `512KB`, `4MB`, `1GB`"),
        OptKind::Float => ("X", "number"),
        OptKind::Int => ("N", "integer"),
        OptKind::Bool => ("BOOL", "`0`/`1`, `true`/`false`, `on`/`off`, `yes`/`no`"),
        OptKind::Text => ("NAME", "text"),
        OptKind::Duration => ("TIME", "duration: `2ms`, `500us`, `0.01s`; `0`/`off`"),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// One table row for `spec`.
pub fn knob_row(spec: &OptSpec) -> String {
    let (ph, kind) = kind_text(spec.kind);
    format!(
        "| `{}` | `{}` | `--gc-opt {}={ph}` / `-X gc-{}={ph}` | {} | {} | {} | {} |",
        spec.key,
        spec.env,
        spec.key,
        spec.key,
        cell(spec.default),
        kind,
        cell(spec.collectors),
        cell(spec.doc)
    )
}

/// The markdown table of every knob (ends with a newline).
pub fn knobs_markdown() -> String {
    knobs_markdown_for(OPTIONS)
}

/// The markdown table of `options` (ends with a newline).
pub fn knobs_markdown_for(options: &[OptSpec]) -> String {
    let mut s = String::from(
        "| Option | Environment | Flag | Default | Value | Collectors | Effect |\n|---|---|---|---|---|---|---|\n",
    );
    for o in options {
        s += &knob_row(o);
        s.push('\n');
    }
    s
}

/// The text between the markers (trimmed), if both are present in order.
pub fn knobs_section(readme: &str) -> Option<&str> {
    let start = readme.find(START_MARKER)? + START_MARKER.len();
    let end = start + readme[start..].find(END_MARKER)?;
    Some(readme[start..end].trim())
}

/// `readme` with the text between the markers replaced by `table`; `None`
/// if the markers are missing.
pub fn replace_knobs_section(readme: &str, table: &str) -> Option<String> {
    let start = readme.find(START_MARKER)? + START_MARKER.len();
    let end = start + readme[start..].find(END_MARKER)?;
    Some(format!(
        "{}\n{}\n{}",
        &readme[..start],
        table.trim_end(),
        &readme[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_option_with_every_column() {
        let t = knobs_markdown();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), OPTIONS.len() + 2);
        for (o, line) in OPTIONS.iter().zip(&lines[2..]) {
            assert!(
                line.starts_with(&format!("| `{}` | `{}` |", o.key, o.env)),
                "{line}"
            );
            // 7 columns: 8 unescaped pipes.
            assert_eq!(line.replace("\\|", "").matches('|').count(), 8, "{line}");
            assert!(line.contains(o.default) && line.contains(o.collectors));
        }
        let nursery = lines.iter().find(|l| l.starts_with("| `nursery`")).unwrap();
        assert!(
            nursery.contains("`--gc-opt nursery=SIZE` / `-X gc-nursery=SIZE`"),
            "{nursery}"
        );
        assert!(nursery.contains("bytes: `4096`"), "{nursery}");
    }

    #[test]
    fn pipes_in_docs_are_escaped() {
        let spec = OptSpec {
            key: "k",
            env: "PYGC_K",
            kind: OptKind::Bool,
            default: "a|b",
            collectors: "all",
            doc: "x | y",
        };
        let row = knob_row(&spec);
        assert!(row.contains("a\\|b") && row.contains("x \\| y"), "{row}");
    }

    #[test]
    fn section_replace_and_extract() {
        let readme = format!("# T\n\n{START_MARKER}\nold\n{END_MARKER}\ntail\n");
        let table = knobs_markdown();
        let new = replace_knobs_section(&readme, &table).unwrap();
        assert!(new.starts_with("# T\n\n") && new.ends_with(&format!("{END_MARKER}\ntail\n")));
        assert_eq!(knobs_section(&new), Some(table.trim()));
        assert_eq!(
            replace_knobs_section(&new, &table).as_deref(),
            Some(new.as_str())
        );
        assert_eq!(knobs_section("no markers"), None);
        assert_eq!(knobs_section(&format!("{END_MARKER} {START_MARKER}")), None);
    }

    /// The README's table must be the generated one (once the markers exist).
    #[test]
    fn readme_table_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
        let Ok(readme) = std::fs::read_to_string(path) else {
            return;
        };
        let Some(section) = knobs_section(&readme) else {
            return;
        };
        assert_eq!(
            section,
            knobs_markdown().trim(),
            "README knob table is stale: regenerate it with `pygc-gcstat --knobs-table`"
        );
    }
}
