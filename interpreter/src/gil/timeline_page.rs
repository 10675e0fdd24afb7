//! The self-contained page `gilpy --gil-trace FILE.html` writes: the GIL timeline in SVG, a row
//! per thread, with no scripts and nothing from the network.
//!
//! A long run holds far more spans than the page has pixels, so each row is drawn one pixel
//! column at a time: the column is split top to bottom in proportion to what the thread did in
//! that column's time (running, waiting for the GIL, blocked), and runs of columns that look the
//! same become one set of rectangles. A column the thread spent in one state is a full-height
//! block of that colour; under heavy contention (threads handing the lock over thousands of
//! times a second) each row becomes steady bands, a green one as tall as the thread's share of
//! the lock, instead of a blend of colours. (Colouring each column by its majority state alone
//! would draw four threads taking turns as four solid orange rows: each waits three quarters of
//! the time, so nobody would seem to run.) Every stretch has a tooltip with its times and, when
//! it mixes states, their shares; blocked stretches wide enough for it are labelled with the
//! call that blocked (the call with the most time there).

use std::collections::HashMap;
use std::fmt::Write;

use super::trace::{Span, SpanKind};

/// Pixel columns of the timeline.
const COLUMNS: usize = 1100;
const ROW: f64 = 28.0;
const TOP: f64 = 40.0;
const KINDS: [SpanKind; 3] = [SpanKind::Running, SpanKind::Waiting, SpanKind::Blocked];

fn kind_index(kind: SpanKind) -> usize {
    match kind {
        SpanKind::Running => 0,
        SpanKind::Waiting => 1,
        SpanKind::Blocked => 2,
    }
}

/// What one pixel column of one thread's row covers.
#[derive(Clone, Copy, Default)]
struct Column {
    /// Nanoseconds in each kind of span.
    ns: [u64; 3],
    /// The blocked call with the longest single stretch in the column.
    call: &'static str,
    call_ns: u64,
    /// Spans that start in the column.
    starts: u32,
    /// The time the column's spans cover (clipped to the column).
    from: u64,
    to: u64,
}

/// How a column is drawn: the height of each kind's band (summing to [`BAR`]) and the blocked
/// call named there.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Shape {
    heights: [u32; 3],
    call: &'static str,
}

/// Height of a row's bar, in pixels.
const BAR: u32 = 22;

impl Column {
    /// The column's shape, if it covers anything: each kind's share of [`BAR`] pixels, rounded
    /// so that the largest share takes the remainder.
    fn shape(&self) -> Option<Shape> {
        let total: u64 = self.ns.iter().sum();
        if total == 0 {
            return None;
        }
        let mut heights = self.ns.map(|ns| (ns as f64 * BAR as f64 / total as f64).round() as u32);
        let largest = (0..3).max_by_key(|&i| self.ns[i]).unwrap_or(0);
        heights[largest] = 0;
        heights[largest] = BAR.saturating_sub(heights.iter().sum());
        let call = if heights[2] > 0 { self.call } else { "" };
        Some(Shape { heights, call })
    }
}

/// A run of neighbouring columns with the same shape: one to three rectangles.
struct Stretch {
    shape: Shape,
    first: usize,
    last: usize,
    ns: [u64; 3],
    spans: u32,
    from: u64,
    to: u64,
}

/// Maps times to pixel columns.
struct Axis {
    start: u64,
    scale: f64,
}

impl Axis {
    fn column(&self, ns: u64) -> usize {
        (((ns - self.start) as f64 * self.scale) as usize).min(COLUMNS - 1)
    }

    fn column_start(&self, c: usize) -> u64 {
        self.start + (c as f64 / self.scale) as u64
    }
}

/// Spreads every span over the columns of its thread's row.
fn fill_columns(spans: &[Span], rows: &HashMap<u64, usize>, axis: &Axis) -> Vec<Vec<Column>> {
    let mut grid = vec![vec![Column::default(); COLUMNS]; rows.len()];
    for s in spans {
        let Some(&row) = rows.get(&s.ident) else { continue };
        let (first, last) = (axis.column(s.start_ns), axis.column(s.end_ns.saturating_sub(1).max(s.start_ns)));
        grid[row][first].starts += 1;
        for (c, col) in grid[row].iter_mut().enumerate().take(last + 1).skip(first) {
            let lo = s.start_ns.max(axis.column_start(c));
            let hi = if c + 1 == COLUMNS { s.end_ns } else { s.end_ns.min(axis.column_start(c + 1)) };
            if hi <= lo {
                continue;
            }
            col.ns[kind_index(s.kind)] += hi - lo;
            if s.kind == SpanKind::Blocked && hi - lo > col.call_ns {
                col.call = s.call;
                col.call_ns = hi - lo;
            }
            col.from = if col.to == 0 { lo } else { col.from.min(lo) };
            col.to = col.to.max(hi);
        }
    }
    grid
}

/// Merges neighbouring columns with the same majority into stretches.
fn stretches(columns: &[Column]) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for (c, col) in columns.iter().enumerate() {
        let Some(shape) = col.shape() else { continue };
        match out.last_mut() {
            Some(s) if s.shape == shape && s.last + 1 == c => {
                s.last = c;
                for k in 0..3 {
                    s.ns[k] += col.ns[k];
                }
                s.spans += col.starts;
                s.to = col.to;
            }
            _ => out.push(Stretch {
                shape,
                first: c,
                last: c,
                ns: col.ns,
                spans: col.starts,
                from: col.from,
                to: col.to,
            }),
        }
    }
    out
}

fn state_name(kind: SpanKind, call: &str) -> String {
    match kind {
        SpanKind::Blocked if !call.is_empty() => format!("blocked in {call} (GIL released)"),
        kind => kind.name().to_string(),
    }
}

/// The tooltip: what the stretch is, when, and, if it mixes several states, their shares.
fn tooltip(s: &Stretch, start: u64) -> String {
    let when = format!("{} → {} ({})", fmt_time(s.from - start), fmt_time(s.to - start), fmt_time(s.to - s.from));
    let total: u64 = s.ns.iter().sum();
    let pure = s.ns.iter().filter(|&&ns| ns > 0).count() == 1;
    let most = (0..3).max_by_key(|&i| s.ns[i]).unwrap_or(0);
    let (kind, call) = (KINDS[most], s.shape.call);
    let mut text = if pure {
        format!("{}: {when}", state_name(kind, call))
    } else {
        let shares: Vec<String> = KINDS
            .iter()
            .zip(s.ns)
            .filter(|(_, ns)| *ns > 0)
            .map(|(k, ns)| match k {
                SpanKind::Blocked if !call.is_empty() => format!("blocked in {call} {}", percent(ns, total)),
                k => format!("{} {}", k.short_name(), percent(ns, total)),
            })
            .collect();
        format!("mostly {}: {when}; {}", state_name(kind, call), shares.join(", "))
    };
    if s.spans > 1 {
        let _ = write!(text, ", {} spans", s.spans);
    }
    html_escape(&text)
}

/// Draws a stretch as bands, top to bottom: running, waiting, blocked (each as tall as its
/// share), with the tooltip on the group.
fn draw_stretch(svg: &mut String, s: &Stretch, left: f64, top: f64, start: u64) {
    let x = left + s.first as f64;
    let w = (s.last - s.first + 1) as f64;
    let _ = write!(svg, "<g><title>{}</title>", tooltip(s, start));
    let mut band_top = top;
    for (kind, h) in KINDS.iter().zip(s.shape.heights) {
        if h > 0 {
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{band_top}\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
                kind.color()
            );
        }
        band_top += h as f64;
    }
    svg.push_str("</g>\n");
}

/// Writes the blocked call on each run of neighbouring stretches blocked in it at least 12 px
/// high, where the run is wide enough to read it (about 6.5 px a character).
fn draw_labels(svg: &mut String, stretches: &[Stretch], left: f64, top: f64) {
    let labelled = |s: &Stretch| s.shape.heights[2] >= 12;
    let mut i = 0;
    while i < stretches.len() {
        let first = &stretches[i];
        if !labelled(first) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < stretches.len()
            && labelled(&stretches[j])
            && stretches[j].shape.call == first.shape.call
            && stretches[j].first == stretches[j - 1].last + 1
        {
            j += 1;
        }
        let width = (stretches[j - 1].last - first.first + 1) as f64;
        if width >= first.shape.call.len() as f64 * 6.5 + 8.0 {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#1d2b44\" pointer-events=\"none\">{}</text>",
                left + first.first as f64 + 4.0,
                top + BAR as f64 - 7.0,
                html_escape(first.shape.call)
            );
        }
        i = j;
    }
}

/// A self-contained HTML page drawing the timeline in SVG: a row per thread, a time axis, a
/// legend, and a tooltip on every rectangle (see the module notes).
pub fn html_page(spans: &[Span], threads: &[(u64, String)], title: &str) -> String {
    // Room for the longest thread label (about 7 px a character at 12 px sans-serif).
    let longest = threads.iter().map(|(ident, name)| name.chars().count() + ident.to_string().len() + 2).max();
    let left = (longest.unwrap_or(0) as f64 * 7.0 + 24.0).max(170.0).round();
    let width = COLUMNS as f64;
    let start = spans.iter().map(|s| s.start_ns).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end_ns).max().unwrap_or(start + 1).max(start + 1);
    let axis = Axis { start, scale: width / (end - start) as f64 };
    let rows: HashMap<u64, usize> = threads.iter().enumerate().map(|(row, (ident, _))| (*ident, row)).collect();
    let grid = fill_columns(spans, &rows, &axis);
    let height = TOP + ROW * threads.len() as f64 + 50.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">",
        left + width + 20.0
    );
    for i in 0..=10 {
        let t = start + (end - start) * i / 10;
        let tx = left + (t - start) as f64 * axis.scale;
        let _ = writeln!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"{}\" x2=\"{tx:.1}\" y2=\"{}\" stroke=\"#ddd\"/>\
             <text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
            TOP - 8.0,
            height - 40.0,
            TOP - 14.0,
            fmt_time(t - start)
        );
    }
    for (row, ((ident, name), columns)) in threads.iter().zip(&grid).enumerate() {
        let y = TOP + ROW * row as f64;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{} <tspan fill=\"#888\">#{ident}</tspan></text>",
            left - 8.0,
            y + ROW * 0.62,
            html_escape(name)
        );
        let _ = writeln!(
            svg,
            "<rect x=\"{left}\" y=\"{:.1}\" width=\"{width}\" height=\"{:.1}\" fill=\"#f7f7f7\"/>",
            y + 3.0,
            ROW - 6.0
        );
        svg.push_str("<g shape-rendering=\"crispEdges\">\n");
        let stretches = stretches(columns);
        for s in &stretches {
            draw_stretch(&mut svg, s, left, y + 3.0, start);
        }
        draw_labels(&mut svg, &stretches, left, y + 3.0);
        svg.push_str("</g>\n");
    }
    let legend_y = height - 18.0;
    let mut lx = left;
    for kind in KINDS {
        let _ = writeln!(
            svg,
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{legend_y}\">{}</text>",
            legend_y - 10.0,
            kind.color(),
            lx + 20.0,
            kind.name()
        );
        lx += 230.0;
    }
    svg.push_str("</svg>\n");
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title>\n\
         <style>body{{font-family:sans-serif;margin:20px}} svg{{border:1px solid #ccc}}</style></head>\n\
         <body><h2>{t}</h2><p>Who held the global interpreter lock, over {} (one pixel is {}). Each pixel \
         column of a thread's row is split in proportion to what the thread did in that time: a full-height \
         colour means it did only that; under contention the green band is the thread's share of the lock. \
         Blocked stretches name the call that blocked. Hover for times and shares.</p>\n{svg}</body></html>\n",
        fmt_time(end - start),
        fmt_time(((end - start) as f64 / width) as u64),
        t = html_escape(title)
    )
}

/// `part` of `total` as a whole percentage, never rounded to 0% or 100% when it is not.
fn percent(part: u64, total: u64) -> String {
    let p = 100.0 * part as f64 / total.max(1) as f64;
    match p {
        _ if p > 0.0 && p < 1.0 => "<1%".to_string(),
        _ if p > 99.0 && p < 100.0 => ">99%".to_string(),
        _ => format!("{p:.0}%"),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn fmt_time(ns: u64) -> String {
    if ns >= 1_000_000_000 {
        format!("{:.3} s", ns as f64 / 1e9)
    } else if ns >= 1_000_000 {
        format!("{:.2} ms", ns as f64 / 1e6)
    } else {
        format!("{:.1} µs", ns as f64 / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(ident: u64, kind: SpanKind, call: &'static str, start_ns: u64, end_ns: u64) -> Span {
        Span { ident, kind, call, start_ns, end_ns }
    }

    #[test]
    fn contention_reads_as_bands_as_tall_as_each_share() {
        // 3 µs waiting, 1 µs running, over and over for 11 ms (10 µs columns): every column
        // is 20 or 30% running, so every column has a green band of 4 or 7 px over orange,
        // and no column is all orange.
        let mut spans = Vec::new();
        let mut t = 0;
        while t < 11_000_000 {
            spans.push(span(1, SpanKind::Waiting, "", t, t + 3_000));
            spans.push(span(1, SpanKind::Running, "", t + 3_000, t + 4_000));
            t += 4_000;
        }
        let page = html_page(&spans, &[(1, "MainThread".into())], "t");
        let running = SpanKind::Running.color();
        let bands = page.matches(&format!("height=\"4\" fill=\"{running}\"")).count()
            + page.matches(&format!("height=\"7\" fill=\"{running}\"")).count();
        assert_eq!(bands, COLUMNS, "{page}");
        assert!(!page.contains(&format!("height=\"22\" fill=\"{}\"", SpanKind::Waiting.color())), "{page}");
        assert!(page.contains("running 20%, waiting 80%") && page.contains("running 30%, waiting 70%"), "{page}");
    }

    #[test]
    fn wide_blocked_stretches_are_labelled_with_their_call() {
        let spans = [
            span(1, SpanKind::Running, "", 0, 1_000_000),
            span(1, SpanKind::Blocked, "time.sleep", 1_000_000, 9_000_000),
            span(2, SpanKind::Blocked, "Queue.get", 0, 4_000),
            span(2, SpanKind::Running, "", 4_000, 10_000_000),
        ];
        let page = html_page(&spans, &[(1, "MainThread".into()), (2, "w".into())], "t");
        assert!(page.contains(">time.sleep</text>"), "{page}");
        assert!(page.contains("<title>blocked in time.sleep (GIL released): 1.00 ms → 9.00 ms (8.00 ms)</title>"));
        // Less than half of one 9.1 µs column: a 10 px band, too small to write in.
        assert!(!page.contains(">Queue.get</text>"), "{page}");
        assert!(page.contains(
            "<title>mostly running: 0.0 µs → 9.1 µs (9.1 µs); running 56%, blocked in Queue.get 44%, 2 spans</title>"
        ));
    }
}
