//! What the GIL records about itself: per-thread figures, a bounded timeline of who held the lock
//! when, and the table `gilpy --gil-stats` and `gil.report()` print.
//!
//! Everything here is updated under the GIL's own mutex at acquire and release time, never on
//! the per-instruction path.

use std::collections::VecDeque;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use super::{Gil, State};

/// How many slices the timeline keeps (the oldest are dropped first).
pub const TIMELINE_CAPACITY: usize = 16_384;

/// One thread's figures. Times are nanoseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadStats {
    /// Times the thread took the lock.
    pub acquisitions: u64,
    /// ... of which it had to wait for it.
    pub contended: u64,
    /// Times it handed the lock over at a periodic check because another thread waited
    /// (forced switches).
    pub switches: u64,
    /// Times, while waiting, it asked the holder to drop the lock after a whole switch interval.
    pub drop_requests: u64,
    /// Bytecodes run (counted at checks and releases).
    pub bytecodes: u64,
    pub held_ns: u64,
    pub wait_ns: u64,
    pub max_wait_ns: u64,
    /// Time with the lock released around blocking calls (sleep, I/O, lock waits, joins).
    pub blocked_ns: u64,
    /// `blocked_ns` by the call that blocked, in the order the calls were first seen.
    pub blocked_calls: Vec<BlockedCall>,
}

/// Time a thread spent blocked in one kind of call, with the GIL released.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedCall {
    /// What blocked: `"time.sleep"`, `"Thread.join"`, `"Queue.get"`, `"file.read"`, ...
    pub call: &'static str,
    /// Times it blocked there.
    pub count: u64,
    pub ns: u64,
}

impl ThreadStats {
    /// Accounts `ns` blocked in `call` (a thread blocks in a handful of kinds of call, so a
    /// linear search is cheapest).
    pub(super) fn add_blocked(&mut self, call: &'static str, ns: u64) {
        self.blocked_ns += ns;
        match self.blocked_calls.iter_mut().find(|b| b.call == call) {
            Some(b) => {
                b.count += 1;
                b.ns += ns;
            }
            None => self.blocked_calls.push(BlockedCall { call, count: 1, ns }),
        }
    }

    fn add(&mut self, o: &ThreadStats) {
        self.acquisitions += o.acquisitions;
        self.contended += o.contended;
        self.switches += o.switches;
        self.drop_requests += o.drop_requests;
        self.bytecodes += o.bytecodes;
        self.held_ns += o.held_ns;
        self.wait_ns += o.wait_ns;
        self.max_wait_ns = self.max_wait_ns.max(o.max_wait_ns);
        for b in &o.blocked_calls {
            match self.blocked_calls.iter_mut().find(|mine| mine.call == b.call) {
                Some(mine) => {
                    mine.count += b.count;
                    mine.ns += b.ns;
                }
                None => self.blocked_calls.push(b.clone()),
            }
        }
        self.blocked_ns += o.blocked_ns;
    }
}

/// A stretch of time one thread held the lock, in nanoseconds since the interpreter started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    pub ident: u64,
    pub start_ns: u64,
    pub end_ns: u64,
}

/// A ring buffer of slices. Back-to-back slices of one thread (a thread chosen again, or
/// re-taking the lock within a microsecond) are merged into one.
pub(super) struct Timeline {
    slices: VecDeque<Slice>,
    capacity: usize,
    pub(super) dropped: u64,
}

impl Timeline {
    pub(super) fn new(capacity: usize) -> Timeline {
        Timeline { slices: VecDeque::new(), capacity, dropped: 0 }
    }

    pub(super) fn push(&mut self, slice: Slice) {
        if let Some(last) = self.slices.back_mut() {
            if last.ident == slice.ident && slice.start_ns.saturating_sub(last.end_ns) < 1_000 {
                last.end_ns = slice.end_ns;
                return;
            }
        }
        if self.slices.len() == self.capacity {
            self.slices.pop_front();
            self.dropped += 1;
        }
        self.slices.push_back(slice);
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &Slice> {
        self.slices.iter()
    }

    pub(super) fn clear(&mut self) {
        self.slices.clear();
        self.dropped = 0;
    }
}

#[derive(Clone, Debug)]
pub struct ThreadReport {
    /// `threading.get_ident()` of the thread.
    pub ident: u64,
    pub name: String,
    pub native_id: u64,
    pub alive: bool,
    pub stats: ThreadStats,
}

/// A snapshot of the lock's figures ([`super::Gil::report`]).
#[derive(Clone, Debug)]
pub struct GilReport {
    pub elapsed_ns: u64,
    pub threads: Vec<ThreadReport>,
    pub check_interval: u32,
    pub switch_interval: Duration,
    pub seed: Option<u64>,
    /// Timeline slices dropped because the ring buffer was full.
    pub timeline_dropped: u64,
}

impl GilReport {
    pub fn totals(&self) -> ThreadStats {
        let mut t = ThreadStats::default();
        for th in &self.threads {
            t.add(&th.stats);
        }
        t
    }

    /// The table `--gil-stats` prints: one row per thread, then the totals.
    pub fn format_table(&self) -> String {
        let mut out = String::new();
        let mode = match self.seed {
            Some(seed) => format!("deterministic, seed {seed}"),
            None => format!("switch interval {}", fmt_ms(self.switch_interval.as_nanos() as u64)),
        };
        out.push_str(&format!(
            "GIL statistics: {} elapsed, check interval {} bytecodes, {}\n",
            fmt_ms(self.elapsed_ns),
            self.check_interval,
            mode
        ));
        let header = [
            "thread",
            "bytecodes",
            "held",
            "held%",
            "waiting",
            "max wait",
            "blocked",
            "acquired",
            "contended",
            "switches",
        ];
        let mut rows: Vec<[String; 10]> =
            self.threads.iter().map(|t| row(&t.name, &t.stats, self.elapsed_ns)).collect();
        rows.push(row("total", &self.totals(), self.elapsed_ns));
        let mut widths = header.map(str::len);
        for r in &rows {
            for (w, cell) in widths.iter_mut().zip(r.iter()) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut l = String::new();
            for (i, (cell, w)) in cells.iter().zip(widths.iter()).enumerate() {
                if i == 0 {
                    l.push_str(&format!("{cell:<w$}"));
                } else {
                    l.push_str(&format!("  {cell:>w$}"));
                }
            }
            l.push('\n');
            l
        };
        out.push_str(&line(&header.map(String::from)));
        let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
        out.push_str(&"-".repeat(rule));
        out.push('\n');
        let n = rows.len();
        for (i, r) in rows.iter().enumerate() {
            if i == n - 1 {
                out.push_str(&"-".repeat(rule));
                out.push('\n');
            }
            out.push_str(&line(r));
        }
        self.format_blocked_calls(&mut out);
        out
    }

    /// The `blocked` column broken down by the call that blocked, longest first.
    fn format_blocked_calls(&self, out: &mut String) {
        let mut rows: Vec<(&str, &BlockedCall)> = self
            .threads
            .iter()
            .flat_map(|t| t.stats.blocked_calls.iter().map(move |b| (t.name.as_str(), b)))
            .filter(|(_, b)| b.ns > 0)
            .collect();
        if rows.is_empty() {
            return;
        }
        rows.sort_by_key(|(_, b)| std::cmp::Reverse(b.ns));
        let name_w = rows.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0).max("thread".len());
        let call_w = rows.iter().map(|(_, b)| b.call.len()).max().unwrap_or(0).max("blocked in".len());
        out.push_str(&format!("\n{:<name_w$}  {:<call_w$}  {:>7}  {:>10}\n", "thread", "blocked in", "calls", "time"));
        for (name, b) in rows {
            out.push_str(&format!("{name:<name_w$}  {:<call_w$}  {:>7}  {:>10}\n", b.call, b.count, fmt_ms(b.ns)));
        }
    }
}

fn row(name: &str, s: &ThreadStats, elapsed: u64) -> [String; 10] {
    let pct = if elapsed == 0 { 0.0 } else { 100.0 * s.held_ns as f64 / elapsed as f64 };
    [
        name.to_string(),
        s.bytecodes.to_string(),
        fmt_ms(s.held_ns),
        format!("{pct:.1}%"),
        fmt_ms(s.wait_ns),
        fmt_ms(s.max_wait_ns),
        fmt_ms(s.blocked_ns),
        s.acquisitions.to_string(),
        s.contended.to_string(),
        s.switches.to_string(),
    ]
}

fn fmt_ms(ns: u64) -> String {
    format!("{:.1} ms", ns as f64 / 1e6)
}

impl Gil {
    /// A snapshot of every thread's figures.
    pub fn report(&self) -> GilReport {
        let s = self.inner.lock();
        let now = self.now();
        let threads = s
            .threads
            .iter()
            .enumerate()
            .filter(|(_, e)| e.state != State::Starting)
            .map(|(i, e)| {
                let mut stats = e.stats.clone();
                // Include the current slice or wait so far.
                match e.state {
                    State::Running => {
                        stats.held_ns += now.saturating_sub(s.slice_start);
                        let left = self.countdown.load(Relaxed);
                        stats.bytecodes += self.slice_bytecodes.load(Relaxed)
                            + self.slice_len.load(Relaxed).saturating_sub(left) as u64;
                    }
                    State::Waiting => stats.wait_ns += now.saturating_sub(e.since),
                    State::Away | State::Blocked { .. } => stats.add_blocked(e.call, now.saturating_sub(e.since)),
                    _ => {}
                }
                ThreadReport {
                    ident: i as u64 + 1,
                    name: e.name.clone(),
                    native_id: e.native_id,
                    alive: e.state != State::Finished,
                    stats,
                }
            })
            .collect();
        GilReport {
            elapsed_ns: now,
            threads,
            check_interval: self.check_interval(),
            switch_interval: self.switch_interval(),
            seed: self.seed,
            timeline_dropped: s.timeline.dropped,
        }
    }

    /// Who held the lock when: the most recent slices, oldest first (a bounded ring buffer), plus
    /// the holder's slice so far.
    pub fn timeline(&self) -> Vec<Slice> {
        let s = self.inner.lock();
        let mut out: Vec<Slice> = s.timeline.iter().copied().collect();
        if let Some(owner) = s.owner {
            out.push(Slice { ident: owner as u64 + 1, start_ns: s.slice_start, end_ns: self.now() });
        }
        out
    }

    /// Every span recorded when tracing (`--gil-trace`), spans still open closed at now; `None`
    /// when tracing is off.
    pub fn trace_spans(&self) -> Option<Vec<super::Span>> {
        let s = self.inner.lock();
        let mut spans = s.trace.as_ref()?.spans();
        spans.extend(open_spans(&s, self.now()));
        Some(spans)
    }

    /// Zeroes every thread's figures and empties the timeline (the `--gil-trace` trace keeps
    /// everything: the spans under way are recorded up to now, as the reset restarts them).
    pub fn reset_stats(&self) {
        let mut s = self.inner.lock();
        let now = self.now();
        let open: Vec<_> = open_spans(&s, now).collect();
        if let Some(trace) = &mut s.trace {
            for span in open {
                trace.push(span);
            }
        }
        for e in s.threads.iter_mut() {
            e.stats = ThreadStats::default();
            e.since = now;
        }
        s.slice_start = now;
        self.slice_bytecodes.store(0, Relaxed);
        self.slice_len.store(self.countdown.load(Relaxed), Relaxed);
        s.timeline.clear();
    }
}

/// Every thread's span under way (running, waiting or blocked), from its start up to `now`.
fn open_spans(s: &super::Inner, now: u64) -> impl Iterator<Item = super::Span> + '_ {
    use super::{Span, SpanKind};
    s.threads.iter().enumerate().filter_map(move |(i, e)| {
        let kind = match e.state {
            State::Running => SpanKind::Running,
            State::Waiting => SpanKind::Waiting,
            State::Away | State::Blocked { .. } => SpanKind::Blocked,
            _ => return None,
        };
        let start = if kind == SpanKind::Running { s.slice_start } else { e.since };
        let call = if kind == SpanKind::Blocked { e.call } else { "" };
        (now > start).then_some(Span { ident: i as u64 + 1, kind, call, start_ns: start, end_ns: now })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_leaves_no_gap_in_the_trace() {
        let gil = Gil::new(super::super::GilConfig { trace: true, ..Default::default() });
        gil.acquire();
        std::thread::sleep(Duration::from_millis(3));
        gil.reset_stats();
        std::thread::sleep(Duration::from_millis(2));
        let spans = gil.trace_spans().unwrap_or_default();
        let running: u64 = spans.iter().filter(|s| s.ident == 1).map(|s| s.end_ns - s.start_ns).sum();
        assert!(running >= 5_000_000, "{spans:?}");
        assert!(spans.windows(2).all(|w| w[0].end_ns <= w[1].start_ns || w[0].ident != w[1].ident));
    }

    #[test]
    fn timeline_is_bounded_and_merges_back_to_back_slices() {
        let mut t = Timeline::new(2);
        t.push(Slice { ident: 1, start_ns: 0, end_ns: 10 });
        t.push(Slice { ident: 1, start_ns: 10, end_ns: 20 });
        assert_eq!(t.iter().count(), 1);
        t.push(Slice { ident: 2, start_ns: 5000, end_ns: 6000 });
        t.push(Slice { ident: 1, start_ns: 9000, end_ns: 9500 });
        let v: Vec<_> = t.iter().map(|s| s.ident).collect();
        assert_eq!(v, [2, 1]);
        assert_eq!(t.dropped, 1);
    }

    #[test]
    fn table_has_a_row_per_thread_and_totals() {
        let stats = ThreadStats { bytecodes: 10, held_ns: 1_000_000, ..Default::default() };
        let report = GilReport {
            elapsed_ns: 2_000_000,
            threads: vec![
                ThreadReport { ident: 1, name: "MainThread".into(), native_id: 0, alive: true, stats: stats.clone() },
                ThreadReport { ident: 2, name: "worker".into(), native_id: 0, alive: false, stats },
            ],
            check_interval: 100,
            switch_interval: Duration::from_millis(5),
            seed: None,
            timeline_dropped: 0,
        };
        let table = report.format_table();
        assert!(table.contains("MainThread"), "{table}");
        let total = table.lines().last().unwrap();
        assert!(total.starts_with("total") && total.contains("20") && total.contains("100.0%"), "{table}");
    }
}
