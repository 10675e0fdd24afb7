//! Deterministic scheduling (`--gil-seed N`): seeded switch points, seeded choice of the next
//! holder, gilpy's own blocking primitives blocking inside the scheduler, and a virtual clock for
//! their timeouts. See the design notes in `gil.rs`.

use std::time::{Duration, Instant};

use crate::sync::{Condvar, MutexGuard};

use super::{set_state, Deterministic, Gil, Inner, State, ThreadIndex, VIRTUAL_NS_PER_BYTECODE};
use std::sync::atomic::Ordering::Relaxed;

impl Gil {
    /// A seeded switch point: the next holder is drawn among all ready threads, this one included.
    pub(super) fn deterministic_switch_point(&self) {
        let mut s = self.inner.lock();
        let Some(me) = s.owner else { return };
        let now = self.now();
        self.end_slice(&mut s, me, now);
        set_state(&mut s, me, State::Waiting, now);
        s.queue.push_back(me);
        let before = s.threads[me].stats.acquisitions;
        self.pass_on(&mut s, now);
        if s.owner == Some(me) {
            // Chosen again: not a switch, so not a new acquisition either.
            s.threads[me].stats.acquisitions = before;
            s.threads[me].stats.contended -= 1;
            return;
        }
        s.threads[me].stats.switches += 1;
        self.wait_for_turn(s, me);
    }

    /// Deterministic mode: blocks the holder inside the scheduler until [`Gil::wake`] with the
    /// same `key` or until `timeout` passes on the virtual clock. True when woken by `wake`.
    /// `call` names the blocking call in statistics and timelines.
    pub fn block_on(&self, call: &'static str, key: usize, timeout: Option<Duration>) -> bool {
        let deadline = timeout.map(|t| self.virtual_deadline(t));
        self.block_until(call, key, deadline)
    }

    /// The virtual-clock instant `timeout` from now (deterministic mode), for [`Gil::block_until`].
    pub fn virtual_deadline(&self, timeout: Duration) -> u64 {
        let s = self.inner.lock();
        let clock = s.det.as_ref().map_or(0, |d| d.clock_ns);
        let ran = self.slice_bytecodes.load(Relaxed)
            + self.slice_len.load(Relaxed).saturating_sub(self.countdown.load(Relaxed)) as u64;
        let now = clock + ran * VIRTUAL_NS_PER_BYTECODE;
        now.saturating_add(timeout.as_nanos().min(u64::MAX as u128) as u64)
    }

    /// [`Gil::block_on`] with an absolute virtual deadline, so a caller that retries keeps its
    /// original deadline.
    pub fn block_until(&self, call: &'static str, key: usize, deadline: Option<u64>) -> bool {
        let mut s = self.inner.lock();
        let Some(me) = s.owner else { return false };
        let now = self.now();
        self.end_slice(&mut s, me, now);
        s.threads[me].woken = false;
        set_state(&mut s, me, State::Blocked { key, deadline }, now);
        s.threads[me].call = call;
        self.pass_on(&mut s, now);
        self.wait_for_turn(s, me);
        self.inner.lock().threads[me].woken
    }

    /// Deterministic mode: makes the threads blocked on `key` ready (all of them, or the one with
    /// the lowest ident).
    pub fn wake(&self, key: usize, all: bool) {
        let mut s = self.inner.lock();
        let now = self.now();
        for i in 0..s.threads.len() {
            if matches!(s.threads[i].state, State::Blocked { key: k, .. } if k == key) {
                s.threads[i].woken = true;
                set_state(&mut s, i, State::Waiting, now);
                s.queue.push_back(i);
                if !all {
                    break;
                }
            }
        }
        self.sync_waiting(&s);
    }

    /// Deterministic mode: makes every thread blocked in the scheduler ready again (an interrupt
    /// or an exceeded limit: each re-checks whether it must stop), and hands the lock on if it
    /// lies idle. Does nothing in normal mode, where blocked threads wait on OS primitives.
    pub fn wake_all_blocked(&self) {
        if !self.deterministic {
            return;
        }
        let mut s = self.inner.lock();
        let now = self.now();
        for i in 0..s.threads.len() {
            if s.threads[i].resume_at.take().is_some() {
                s.threads[i].cond.notify_one();
            }
            if matches!(s.threads[i].state, State::Blocked { .. }) {
                s.threads[i].woken = true;
                set_state(&mut s, i, State::Waiting, now);
                s.queue.push_back(i);
            }
        }
        self.sync_waiting(&s);
        let idle = s.owner.is_none() && !s.det.as_ref().is_some_and(|d| d.choosing) && s.finalizer.is_none();
        if idle && !s.queue.is_empty() {
            self.pass_on(&mut s, now);
        }
    }

    /// Picks the next holder among the ready threads with the seeded generator, after waiting for
    /// started threads to arrive and waking threads whose deadline has passed. With nobody ready
    /// and `may_jump`, the virtual clock jumps to the earliest deadline.
    pub(super) fn choose_deterministic(&self, s: &mut MutexGuard<'_, Inner>, may_jump: bool) -> Option<ThreadIndex> {
        if let Some(det) = &mut s.det {
            det.choosing = true;
        }
        while s.det.as_ref().is_some_and(|d| d.starting > 0) {
            self.sched.wait(s);
        }
        if let Some(det) = &mut s.det {
            det.choosing = false;
        }
        let now = self.now();
        let mut jumped = 0;
        loop {
            let clock = s.det.as_ref().map_or(0, |d| d.clock_ns);
            for i in 0..s.threads.len() {
                if matches!(s.threads[i].state, State::Blocked { deadline: Some(d), .. } if d <= clock) {
                    set_state(s, i, State::Waiting, now);
                    s.queue.push_back(i);
                }
            }
            if !s.queue.is_empty() {
                break;
            }
            if !may_jump {
                return None;
            }
            // Everybody is blocked: jump the clock to the earliest deadline, if any.
            let next = s.threads.iter().filter_map(|e| match e.state {
                State::Blocked { deadline: Some(d), .. } => Some(d),
                _ => None,
            });
            let deadline = next.min()?;
            jumped += deadline - clock;
            if let Some(det) = &mut s.det {
                det.clock_ns = deadline;
            }
        }
        let mut ready: Vec<ThreadIndex> = s.queue.drain(..).collect();
        ready.sort_unstable();
        let det = s.det.as_mut()?;
        let pick = ready[(next_random(det) % ready.len() as u64) as usize];
        s.queue.extend(ready.into_iter().filter(|&i| i != pick));
        if jumped > 0 {
            s.threads[pick].resume_at = Some(Instant::now() + Duration::from_nanos(jumped));
        }
        Some(pick)
    }

    /// Deterministic mode: a waiter parks until handed the lock. A thread blocked with a deadline
    /// while the lock lies idle (because some thread is away in real I/O, the scheduler does not
    /// jump the clock) waits that long in real time, then runs the scheduler itself.
    pub(super) fn wait_deterministic(&self, s: &mut MutexGuard<'_, Inner>, me: ThreadIndex, cond: &Condvar) {
        let State::Blocked { deadline: Some(deadline), .. } = s.threads[me].state else {
            cond.wait(s);
            return;
        };
        let clock = s.det.as_ref().map_or(0, |d| d.clock_ns);
        let real_wait = Duration::from_nanos(deadline.saturating_sub(clock).max(1_000));
        let timed_out = cond.wait_for(s, real_wait).timed_out();
        let idle = s.owner.is_none() && !s.det.as_ref().is_some_and(|d| d.choosing);
        if timed_out && idle {
            let now = self.now();
            if let Some(next) = self.choose_deterministic(s, true) {
                self.give(s, next, now);
            }
            self.sync_waiting(s);
        }
    }
}

/// SplitMix64: tiny, and good enough to spread switch points.
fn next_random(det: &mut Deterministic) -> u64 {
    det.rng = det.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = det.rng;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded interval with mean `n`: uniform in `1..2n`.
pub(super) fn draw_interval(det: &mut Deterministic, n: u32) -> u32 {
    let n = n.max(1) as u64;
    (1 + next_random(det) % (2 * n - 1)) as u32
}
