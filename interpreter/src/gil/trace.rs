//! `gilpy --gil-trace FILE`: the GIL's timeline for a viewer. Each thread gets a track with
//! spans for *running* (holding the GIL), *waiting* (for the GIL) and *blocked* (the GIL released
//! around a blocking call). `FILE.json` (or any other name) is Chrome trace-event JSON, for
//! Perfetto or chrome://tracing; `FILE.html` is a self-contained page drawing the same timeline in
//! SVG (no scripts from the network), with a tooltip on every span.
//!
//! Spans are recorded only when tracing was asked for when the interpreter was built
//! ([`crate::InterpreterBuilder::gil_trace`]), under the GIL's mutex at state changes it takes
//! anyway, so tracing off costs nothing.

use std::fmt::Write;

/// What a thread was doing during a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    Running,
    Waiting,
    Blocked,
}

impl SpanKind {
    fn name(self) -> &'static str {
        match self {
            SpanKind::Running => "running",
            SpanKind::Waiting => "waiting for the GIL",
            SpanKind::Blocked => "blocked (GIL released)",
        }
    }

    fn color(self) -> &'static str {
        match self {
            SpanKind::Running => "#2e9d4b",
            SpanKind::Waiting => "#f0a030",
            SpanKind::Blocked => "#b8c4d6",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub ident: u64,
    pub kind: SpanKind,
    pub start_ns: u64,
    pub end_ns: u64,
}

/// At most this many spans are kept (the oldest are kept, later ones counted as dropped).
pub const TRACE_LIMIT: usize = 2_000_000;

#[derive(Default)]
pub(super) struct Trace {
    pub(super) spans: Vec<Span>,
    pub(super) dropped: u64,
}

impl Trace {
    pub(super) fn push(&mut self, span: Span) {
        if span.end_ns <= span.start_ns {
            return;
        }
        if let Some(last) = self.spans.last_mut() {
            if last.ident == span.ident && last.kind == span.kind && span.start_ns.saturating_sub(last.end_ns) < 1_000 {
                last.end_ns = span.end_ns;
                return;
            }
        }
        if self.spans.len() >= TRACE_LIMIT {
            self.dropped += 1;
            return;
        }
        self.spans.push(span);
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Chrome trace-event JSON: one complete (`"X"`) event per span, times in microseconds, and a
/// `thread_name` metadata event per thread.
pub fn chrome_json(spans: &[Span], threads: &[(u64, String)]) -> String {
    let mut out = String::from("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(",\n");
        }
        first = false;
    };
    sep(&mut out);
    out.push_str("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"gilpy\"}}");
    for (ident, name) in threads {
        sep(&mut out);
        let _ = write!(
            out,
            "{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":{ident},\"args\":{{\"name\":{}}}}}",
            json_string(name)
        );
        sep(&mut out);
        let _ = write!(
            out,
            "{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":{ident},\"args\":{{\"sort_index\":{ident}}}}}"
        );
    }
    for s in spans {
        sep(&mut out);
        let _ = write!(
            out,
            "{{\"name\":\"{}\",\"cat\":\"gil\",\"ph\":\"X\",\"pid\":1,\"tid\":{},\"ts\":{:.3},\"dur\":{:.3}}}",
            s.kind.name(),
            s.ident,
            s.start_ns as f64 / 1e3,
            (s.end_ns - s.start_ns) as f64 / 1e3
        );
    }
    out.push_str("\n]}\n");
    out
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

/// A self-contained HTML page drawing the timeline in SVG: a row per thread, a time axis, a
/// legend, and each span's kind and times in a tooltip. Spans too narrow to see are merged into
/// their pixel so the page stays small.
pub fn html_page(spans: &[Span], threads: &[(u64, String)], title: &str) -> String {
    // Room for the longest thread label (about 7 px a character at 12 px sans-serif).
    let longest = threads.iter().map(|(ident, name)| name.chars().count() + ident.to_string().len() + 2).max();
    let left = (longest.unwrap_or(0) as f64 * 7.0 + 24.0).max(170.0);
    const WIDTH: f64 = 1100.0;
    const ROW: f64 = 28.0;
    const TOP: f64 = 40.0;
    let start = spans.iter().map(|s| s.start_ns).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end_ns).max().unwrap_or(start + 1).max(start + 1);
    let scale = WIDTH / (end - start) as f64;
    let x = |ns: u64| left + (ns - start) as f64 * scale;
    let height = TOP + ROW * threads.len() as f64 + 50.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">",
        left + WIDTH + 20.0
    );
    // Time axis with ten ticks.
    for i in 0..=10 {
        let t = start + (end - start) * i / 10;
        let tx = x(t);
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
    for (row, (ident, name)) in threads.iter().enumerate() {
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
            "<rect x=\"{left}\" y=\"{:.1}\" width=\"{WIDTH}\" height=\"{:.1}\" fill=\"#f7f7f7\"/>",
            y + 3.0,
            ROW - 6.0
        );
        // Merge sub-pixel spans of one kind so a long trace stays drawable.
        let mut pending: Option<(SpanKind, f64, f64, u64, u64)> = None;
        let flush = |svg: &mut String, p: Option<(SpanKind, f64, f64, u64, u64)>| {
            if let Some((kind, x0, x1, s0, s1)) = p {
                let _ = writeln!(
                    svg,
                    "<rect x=\"{x0:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {} → {} ({})</title></rect>",
                    y + 3.0,
                    (x1 - x0).max(0.5),
                    ROW - 6.0,
                    kind.color(),
                    kind.name(),
                    fmt_time(s0 - start),
                    fmt_time(s1 - start),
                    fmt_time(s1 - s0)
                );
            }
        };
        for s in spans.iter().filter(|s| s.ident == *ident) {
            let (x0, x1) = (x(s.start_ns), x(s.end_ns));
            match &mut pending {
                Some((kind, _, px1, _, pend)) if *kind == s.kind && x0 - *px1 < 0.5 => {
                    *px1 = x1;
                    *pend = s.end_ns;
                }
                _ => {
                    flush(&mut svg, pending.take());
                    pending = Some((s.kind, x0, x1, s.start_ns, s.end_ns));
                }
            }
        }
        flush(&mut svg, pending);
    }
    let legend_y = height - 18.0;
    let mut lx = left;
    for kind in [SpanKind::Running, SpanKind::Waiting, SpanKind::Blocked] {
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
         <body><h2>{t}</h2><p>Who held the global interpreter lock, over {} (hover a span for its times).</p>\n{svg}</body></html>\n",
        fmt_time(end - start),
        t = html_escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans() -> Vec<Span> {
        vec![
            Span { ident: 1, kind: SpanKind::Running, start_ns: 0, end_ns: 5_000 },
            Span { ident: 2, kind: SpanKind::Waiting, start_ns: 1_000, end_ns: 5_000 },
            Span { ident: 2, kind: SpanKind::Running, start_ns: 5_000, end_ns: 9_000 },
            Span { ident: 1, kind: SpanKind::Blocked, start_ns: 5_000, end_ns: 9_000 },
        ]
    }

    #[test]
    fn chrome_json_has_one_event_per_span_and_thread_names() {
        let json = chrome_json(&spans(), &[(1, "MainThread".into()), (2, "worker \"a\"".into())]);
        assert_eq!(json.matches("\"ph\":\"X\"").count(), 4);
        assert!(json.contains("\"name\":\"worker \\\"a\\\"\""), "{json}");
        assert!(json.contains("\"ts\":5.000,\"dur\":4.000"), "{json}");
    }

    #[test]
    fn html_page_draws_every_span_with_a_tooltip() {
        let page = html_page(&spans(), &[(1, "MainThread".into()), (2, "<w>".into())], "t");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert_eq!(page.matches("<title>").count(), 1 + 4, "{page}");
        assert!(page.contains("&lt;w&gt;") && !page.contains("http://www.w3.org/1999"));
    }

    #[test]
    fn trace_merges_back_to_back_spans_and_skips_empty_ones() {
        let mut t = Trace::default();
        t.push(Span { ident: 1, kind: SpanKind::Running, start_ns: 0, end_ns: 10 });
        t.push(Span { ident: 1, kind: SpanKind::Running, start_ns: 10, end_ns: 20 });
        t.push(Span { ident: 1, kind: SpanKind::Waiting, start_ns: 20, end_ns: 20 });
        assert_eq!(t.spans, vec![Span { ident: 1, kind: SpanKind::Running, start_ns: 0, end_ns: 20 }]);
    }
}
