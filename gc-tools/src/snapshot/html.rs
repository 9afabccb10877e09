//! `pygc-heap html A [B] -o report.html`: one self-contained page (no
//! network, no external file) with the dominator tree of the last snapshot
//! (retained heap and raw bytes, expandable), the growth table and the leak
//! suspects (with two snapshots). The data is embedded as JSON and drawn by
//! a small script.

use super::leaks::find_leaks;
use super::render::human;
use super::{Frame, Snapshot};
use std::fmt::Write as _;

/// Children kept per tree node, and nodes in all.
const MAX_CHILDREN: usize = 40;
const MAX_NODES: usize = 5000;

/// A JSON string literal, safe inside a `<script>` element.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn site_json(frames: &[Frame]) -> String {
    let v: Vec<String> = frames
        .iter()
        .take(3)
        .map(|f| json_str(&f.to_string()))
        .collect();
    format!("[{}]", v.join(","))
}

/// The dominator tree's largest branches as JSON rows
/// `[id, parent, how, type, retained, retained_raw, shallow, raw]`.
fn tree_json(s: &Snapshot) -> String {
    let dom = s.dom();
    let children = dom.children();
    let parents = s.bfs_parents();
    let n = s.len();
    let mut rows = Vec::new();
    let mut stack: Vec<(u32, i64)> = vec![(n as u32, -1)];
    let by_size = |v: &mut Vec<u32>| {
        v.sort_by_key(|&c| {
            std::cmp::Reverse(dom.retained[c as usize] + dom.retained_raw[c as usize])
        })
    };
    while let Some((v, parent_row)) = stack.pop() {
        if rows.len() >= MAX_NODES {
            break;
        }
        let row = if (v as usize) < n {
            let i = v as usize;
            let how = match parents[i] {
                (p, k) if p != super::NONE => s.edge_name(p, k as usize).to_string(),
                (_, k) if k != super::NONE => s.root_name(k as usize).to_string(),
                _ => String::new(),
            };
            rows.push(format!(
                "[{},{},{},{},{},{},{},{}]",
                rows.len(),
                parent_row,
                json_str(&how),
                json_str(s.type_of(v)),
                dom.retained[i],
                dom.retained_raw[i],
                s.sizes[i],
                s.raw[i]
            ));
            rows.len() as i64 - 1
        } else {
            -1
        };
        let mut kids = children[v as usize].clone();
        by_size(&mut kids);
        kids.truncate(MAX_CHILDREN);
        for &c in kids.iter().rev() {
            stack.push((c, row));
        }
    }
    format!("[{}]", rows.join(",\n"))
}

fn data_json(snaps: &[Snapshot], names: &[String]) -> String {
    let last = &snaps[snaps.len() - 1];
    let mut out = String::from("{");
    let _ = write!(
        out,
        "\"files\":[{}],\"collector\":{},\"objects\":{},\"heap\":{},\"raw\":{},",
        names
            .iter()
            .map(|n| json_str(n))
            .collect::<Vec<_>>()
            .join(","),
        json_str(&last.collector),
        last.len(),
        last.total_bytes(),
        last.total_raw()
    );
    let _ = write!(out, "\"tree\":{},", tree_json(last));
    let types: Vec<String> = last
        .by_type()
        .iter()
        .take(30)
        .map(|r| {
            format!(
                "[{},{},{},{},{},{}]",
                json_str(&r.name),
                r.count,
                r.bytes,
                r.raw,
                r.retained,
                r.retained_raw
            )
        })
        .collect();
    let _ = write!(out, "\"types\":[{}],", types.join(","));
    if snaps.len() >= 2 {
        let report = find_leaks(snaps);
        let growth: Vec<String> = report
            .growth
            .iter()
            .take(30)
            .map(|(n, c, h, r, _)| format!("[{},{c},{h},{r}]", json_str(n)))
            .collect();
        let suspects: Vec<String> = report
            .suspects
            .iter()
            .take(10)
            .map(|s| {
                let members: Vec<String> = s
                    .members
                    .iter()
                    .map(|m| {
                        format!(
                            "[{},{},{},{}]",
                            json_str(&m.name),
                            m.count,
                            m.growth,
                            m.site.as_deref().map_or("[]".into(), site_json)
                        )
                    })
                    .collect();
                let sites: Vec<String> = s
                    .sites
                    .iter()
                    .map(|(f, c, b)| format!("[{},{c},{b}]", site_json(f)))
                    .collect();
                format!(
                    "{{\"path\":{},\"type\":{},\"heap\":{},\"raw\":{},\"growth\":{},\"new\":{},\"members\":[{}],\"sites\":[{}]}}",
                    json_str(&s.path),
                    json_str(&s.type_name),
                    s.retained.0,
                    s.retained.1,
                    s.growth(),
                    s.before.is_none(),
                    members.join(","),
                    sites.join(",")
                )
            })
            .collect();
        let _ = write!(
            out,
            "\"growth\":[{}],\"suspects\":[{}]",
            growth.join(","),
            suspects.join(",")
        );
    } else {
        out.push_str("\"growth\":null,\"suspects\":null");
    }
    out.push('}');
    out
}

/// The page for `snaps` (oldest first) read from the files `names`.
pub fn render_html(snaps: &[Snapshot], names: &[String]) -> String {
    let last = &snaps[snaps.len() - 1];
    let title = format!(
        "pygc heap report: {} ({} objects, {} heap + {} raw)",
        names.last().map_or("", String::as_str),
        last.len(),
        human(last.total_bytes()),
        human(last.total_raw())
    );
    let mut page = String::new();
    page.push_str(HEAD);
    page.push_str("<title>");
    page.push_str(&title.replace('&', "&amp;").replace('<', "&lt;"));
    page.push_str("</title>\n<style>");
    page.push_str(CSS);
    page.push_str(
        "</style>\n</head>\n<body>\n<h1 id=\"title\"></h1>\n<div id=\"app\">rendering...</div>\n",
    );
    page.push_str("<script type=\"application/json\" id=\"data\">");
    page.push_str(&data_json(snaps, names));
    page.push_str("</script>\n<script>");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";

const CSS: &str = r#"
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { padding: 2px 10px; border-bottom: 1px solid #ddd; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.suspect { border-left: 4px solid #c33; padding: 4px 12px; margin: 10px 0; background: #fdf5f5; }
.path { font-family: monospace; font-weight: bold; }
.site { font-family: monospace; color: #555; }
ul.tree { list-style: none; padding-left: 1.2em; margin: 0; }
.node { cursor: pointer; } .how { font-family: monospace; } .ty { color: #05a; }
.bar { display: inline-block; height: 8px; background: #7a9; margin-right: 6px; }
"#;

const SCRIPT: &str = r#"
(function () {
  var D = JSON.parse(document.getElementById('data').textContent);
  function human(b) {
    var u = ['B', 'KB', 'MB', 'GB'], x = Math.abs(b), i = 0;
    while (x >= 1024 && i < 3) { x /= 1024; i++; }
    var s = i === 0 ? String(x) : x.toFixed(1);
    return (b < 0 ? '-' : '') + s + u[i];
  }
  function signed(b) { return (b >= 0 ? '+' : '') + human(b); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function table(id, head, rows) {
    var t = el('table', { id: id }), tr = el('tr');
    head.forEach(function (h, i) { tr.appendChild(el('th', { 'class': i ? 'n' : '' }, h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c, i) { tr.appendChild(el('td', { 'class': i ? 'n' : '' }, c)); });
      t.appendChild(tr);
    });
    return t;
  }
  var app = document.getElementById('app');
  app.textContent = '';
  document.getElementById('title').textContent = 'pygc heap report: ' + D.files.join(' \u2192 ');
  app.appendChild(el('p', { id: 'totals' }, D.objects + ' objects, ' + human(D.heap) +
    ' in the GC heap + ' + human(D.raw) + ' raw (collector ' + D.collector + ')'));
  if (D.suspects) {
    app.appendChild(el('h2', {}, 'Leak suspects'));
    var box = el('div', { id: 'suspects' });
    if (!D.suspects.length) box.appendChild(el('p', {}, 'No suspect: no growing type is held in one place.'));
    D.suspects.forEach(function (s, k) {
      var d = el('div', { 'class': 'suspect' });
      var h = el('div');
      h.appendChild(el('span', {}, 'Suspect ' + (k + 1) + ': '));
      h.appendChild(el('span', { 'class': 'path' }, s.path));
      h.appendChild(el('span', {}, ' (' + s.type + ')'));
      d.appendChild(h);
      d.appendChild(el('div', { 'class': 'retained' }, 'retains ' + human(s.heap + s.raw) + ' (' +
        human(s.heap) + ' heap + ' + human(s.raw) + ' raw), ' +
        (s.new ? 'new since the first snapshot' : signed(s.growth) + ' since the first snapshot')));
      s.members.forEach(function (m) {
        var line = (m[2] >= 0 ? '+' : '') + m[2] + ' ' + m[0] + ' (' + m[1] + ' held here)';
        d.appendChild(el('div', { 'class': 'member' }, line));
        if (m[3].length) d.appendChild(el('div', { 'class': 'site' }, '\u00a0\u00a0' + m[0] + ' allocated at ' + m[3].join(' \u2190 ')));
      });
      s.sites.forEach(function (x) {
        d.appendChild(el('div', { 'class': 'site' }, human(x[2]) + ' in ' + x[1] + ' objects: ' + x[0].join(' \u2190 ')));
      });
      box.appendChild(d);
    });
    app.appendChild(box);
    app.appendChild(el('h2', {}, 'What grew'));
    app.appendChild(table('growth', ['type', 'objects', 'heap', 'raw'], D.growth.map(function (g) {
      return [g[0], (g[1] >= 0 ? '+' : '') + g[1], signed(g[2]), signed(g[3])];
    })));
  }
  app.appendChild(el('h2', {}, 'Types'));
  app.appendChild(table('types', ['type', 'count', 'shallow', 'raw', 'retained', 'retained raw'],
    D.types.map(function (r) { return [r[0], String(r[1]), human(r[2]), human(r[3]), human(r[4]), human(r[5])]; })));
  app.appendChild(el('h2', {}, 'Dominator tree (retained sizes)'));
  var kids = {}, total = D.heap + D.raw || 1;
  D.tree.forEach(function (r) { (kids[r[1]] = kids[r[1]] || []).push(r); });
  function render(parent, depth) {
    var ul = el('ul', { 'class': 'tree' });
    (kids[parent] || []).forEach(function (r) {
      var li = el('li', { 'class': 'node', 'data-id': r[0] });
      var ret = r[4] + r[5];
      li.appendChild(el('span', { 'class': 'bar', style: 'width:' + Math.max(1, Math.round(120 * ret / total)) + 'px' }));
      li.appendChild(el('span', { 'class': 'how' }, r[2] || '(unnamed)'));
      li.appendChild(el('span', { 'class': 'ty' }, ' ' + r[3]));
      li.appendChild(el('span', { 'class': 'ret' }, ' retains ' + human(ret) + (r[5] ? ' (' + human(r[5]) + ' raw)' : '')));
      var open = depth < 2, sub = null;
      function toggle(ev) {
        if (ev) ev.stopPropagation();
        if (sub) { sub.remove(); sub = null; } else if (kids[r[0]]) { sub = render(r[0], depth + 1); li.appendChild(sub); }
      }
      li.addEventListener('click', toggle);
      if (open) toggle();
      ul.appendChild(li);
    });
    return ul;
  }
  var tree = render(-1, 0);
  tree.id = 'tree';
  app.appendChild(tree);
})();
"#;
