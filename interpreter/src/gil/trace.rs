//! `gilpy --gil-trace FILE`: the GIL's timeline for a viewer. Each thread gets a track with
//! spans for *running* (holding the GIL), *waiting* (for the GIL) and *blocked* (the GIL released
//! around a blocking call, named by the call: `time.sleep`, `Thread.join`, `Queue.get`, ...).
//! `FILE.json` (or any other name) is Chrome trace-event JSON, for Perfetto or chrome://tracing;
//! `FILE.html` is a self-contained page drawing the same timeline in SVG (no scripts, nothing
//! from the network), with a tooltip on every block of colour.
//!
//! Blocking calls name themselves when they release the lock
//! ([`crate::vm::Vm::allow_threads_as`]); the name is a `&'static str`, so naming costs nothing.
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
    pub(super) fn name(self) -> &'static str {
        match self {
            SpanKind::Running => "running",
            SpanKind::Waiting => "waiting for the GIL",
            SpanKind::Blocked => "blocked (GIL released)",
        }
    }

    pub(super) fn short_name(self) -> &'static str {
        match self {
            SpanKind::Running => "running",
            SpanKind::Waiting => "waiting",
            SpanKind::Blocked => "blocked",
        }
    }

    pub(super) fn color(self) -> &'static str {
        match self {
            SpanKind::Running => "#2e9d4b",
            SpanKind::Waiting => "#f0a030",
            SpanKind::Blocked => "#b8c4d6",
        }
    }
}

/// The call a thread is blocked in when the code that released the lock did not say.
pub const UNNAMED_CALL: &str = "blocking call";

/// A thread outside the interpreter (an embedding between `Interpreter::with_vm` calls).
pub const NOT_IN_PYTHON: &str = "not in Python";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub ident: u64,
    pub kind: SpanKind,
    /// Blocked spans: the call that blocked (`"time.sleep"`, ...); empty for the others.
    pub call: &'static str,
    pub start_ns: u64,
    pub end_ns: u64,
}

impl Span {
    /// What the span is called in a viewer: the blocking call, or the kind.
    pub fn label(&self) -> &'static str {
        match self.kind {
            SpanKind::Blocked if !self.call.is_empty() => self.call,
            kind => kind.name(),
        }
    }
}

/// At most this many spans are kept (the oldest are kept, later ones counted as dropped).
pub const TRACE_LIMIT: usize = 2_000_000;

/// Spans are stored in chunks of this many (640 KiB), allocated as needed, so recording never
/// copies what it already holds (a growing `Vec` would, under the GIL's mutex).
const CHUNK: usize = 16_384;

/// The recorded spans. Pushed under the GIL's mutex at state changes it makes anyway.
pub(super) struct Trace {
    chunks: Vec<Vec<Span>>,
    pub(super) dropped: u64,
}

impl Default for Trace {
    fn default() -> Self {
        Trace { chunks: vec![Vec::with_capacity(CHUNK)], dropped: 0 }
    }
}

impl Trace {
    pub(super) fn push(&mut self, span: Span) {
        if span.end_ns <= span.start_ns {
            return;
        }
        let full = self.chunks.len() * CHUNK >= TRACE_LIMIT;
        let Some(chunk) = self.chunks.last_mut() else { return };
        if let Some(last) = chunk.last_mut() {
            let same = last.ident == span.ident && last.kind == span.kind && last.call == span.call;
            if same && span.start_ns.saturating_sub(last.end_ns) < 1_000 {
                last.end_ns = span.end_ns;
                return;
            }
        }
        if chunk.len() < CHUNK {
            chunk.push(span);
        } else if full {
            self.dropped += 1;
        } else {
            let mut next = Vec::with_capacity(CHUNK);
            next.push(span);
            self.chunks.push(next);
        }
    }

    /// Every span, oldest first.
    pub(super) fn spans(&self) -> Vec<Span> {
        self.chunks.concat()
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
/// `thread_name` metadata event per thread. A blocked span is named by its call (so Perfetto
/// labels and colours each kind of call apart) and says `"state":"blocked (GIL released)"` in
/// its args.
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
            "{{\"name\":{},\"cat\":\"gil\",\"ph\":\"X\",\"pid\":1,\"tid\":{},\"ts\":{:.3},\"dur\":{:.3}",
            json_string(s.label()),
            s.ident,
            s.start_ns as f64 / 1e3,
            (s.end_ns - s.start_ns) as f64 / 1e3
        );
        if s.kind == SpanKind::Blocked {
            let _ = write!(out, ",\"args\":{{\"state\":\"{}\"}}", SpanKind::Blocked.name());
        }
        out.push('}');
    }
    out.push_str("\n]}\n");
    out
}

pub use super::timeline_page::html_page;

#[cfg(test)]
mod tests {
    use super::*;

    fn spans() -> Vec<Span> {
        vec![
            Span { ident: 1, kind: SpanKind::Running, call: "", start_ns: 0, end_ns: 5_000 },
            Span { ident: 2, kind: SpanKind::Waiting, call: "", start_ns: 1_000, end_ns: 5_000 },
            Span { ident: 2, kind: SpanKind::Running, call: "", start_ns: 5_000, end_ns: 9_000 },
            Span { ident: 1, kind: SpanKind::Blocked, call: "time.sleep", start_ns: 5_000, end_ns: 9_000 },
        ]
    }

    #[test]
    fn chrome_json_has_one_event_per_span_and_thread_names() {
        let json = chrome_json(&spans(), &[(1, "MainThread".into()), (2, "worker \"a\"".into())]);
        assert_eq!(json.matches("\"ph\":\"X\"").count(), 4);
        assert!(json.contains("\"name\":\"worker \\\"a\\\"\""), "{json}");
        assert!(json.contains("\"ts\":5.000,\"dur\":4.000"), "{json}");
        assert!(json.contains("{\"name\":\"time.sleep\",\"cat\":\"gil\",\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":5.000,\"dur\":4.000,\"args\":{\"state\":\"blocked (GIL released)\"}}"), "{json}");
    }

    #[test]
    fn html_page_draws_every_span_with_a_tooltip() {
        let page = html_page(&spans(), &[(1, "MainThread".into()), (2, "<w>".into())], "t");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert_eq!(page.matches("<title>").count(), 1 + 4, "{page}");
        assert!(page.contains("&lt;w&gt;") && !page.contains("http://www.w3.org/1999"));
    }

    #[test]
    fn trace_fills_chunk_after_chunk() {
        let mut t = Trace::default();
        for i in 0..(CHUNK as u64 * 2 + 5) {
            t.push(Span { ident: 1 + i % 2, kind: SpanKind::Running, call: "", start_ns: i * 10, end_ns: i * 10 + 5 });
        }
        assert_eq!(t.chunks.len(), 3);
        let spans = t.spans();
        assert_eq!(spans.len(), CHUNK * 2 + 5);
        assert!(spans.windows(2).all(|w| w[0].start_ns < w[1].start_ns));
    }

    #[test]
    fn trace_merges_back_to_back_spans_and_skips_empty_ones() {
        let mut t = Trace::default();
        t.push(Span { ident: 1, kind: SpanKind::Running, call: "", start_ns: 0, end_ns: 10 });
        t.push(Span { ident: 1, kind: SpanKind::Running, call: "", start_ns: 10, end_ns: 20 });
        t.push(Span { ident: 1, kind: SpanKind::Waiting, call: "", start_ns: 20, end_ns: 20 });
        assert_eq!(t.spans(), vec![Span { ident: 1, kind: SpanKind::Running, call: "", start_ns: 0, end_ns: 20 }]);
    }
}
