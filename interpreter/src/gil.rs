//! THE global interpreter lock.
//!
//! # Design notes
//! One `Gil` per interpreter. A thread must hold it to touch any object interior (see
//! `object/cell.rs` for how that is enforced in types: a `Vm` exists only on the holding thread).
//!
//! * State: `held` plus a `switches` counter under a mutex, and a condvar waiters sleep on. A
//!   separate atomic `waiters` count lets the running thread's periodic check see, with one
//!   relaxed load and no lock traffic, whether anybody wants the lock.
//! * Offering it up: every `check_interval` instructions the running thread calls
//!   [`Gil::offer`]. If nobody waits, that is the end of it. If somebody does, it is a real
//!   hand-off: the releaser wakes a waiter and then waits until `switches` has moved on (someone
//!   else took the lock) before queueing for it again, so it cannot grab it straight back — the
//!   convoy effect CPython fights with FORCE_SWITCHING.
//! * Blocking calls release it around the wait: [`crate::vm::Vm::allow_threads`] is the one way
//!   native code does that.
//!
//! Fairness beyond the hand-off, deterministic scheduling, statistics and tracing are the GIL
//! issue's work; this file is where they go.

use std::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::{Condvar, Mutex};

#[derive(Default)]
struct GilState {
    held: bool,
    /// Incremented on every acquisition.
    switches: u64,
}

#[derive(Default)]
pub struct Gil {
    state: Mutex<GilState>,
    cond: Condvar,
    waiters: AtomicUsize,
}

impl Gil {
    pub fn new() -> Gil {
        Gil::default()
    }

    /// Blocks until this thread holds the lock.
    pub fn acquire(&self) {
        let mut s = self.state.lock();
        if s.held {
            self.waiters.fetch_add(1, Ordering::Relaxed);
            while s.held {
                self.cond.wait(&mut s);
            }
            self.waiters.fetch_sub(1, Ordering::Relaxed);
        }
        s.held = true;
        s.switches += 1;
    }

    pub fn release(&self) {
        let mut s = self.state.lock();
        s.held = false;
        drop(s);
        // All: a thread in `offer` waits on the same condvar for a different condition.
        self.cond.notify_all();
    }

    /// Is another thread waiting for the lock? One relaxed load.
    #[inline]
    pub fn has_waiters(&self) -> bool {
        self.waiters.load(Ordering::Relaxed) > 0
    }

    /// The periodic offer: when another thread waits, hand the lock over and queue behind it.
    pub fn offer(&self) {
        if !self.has_waiters() {
            return;
        }
        let mut s = self.state.lock();
        let before = s.switches;
        s.held = false;
        self.waiters.fetch_add(1, Ordering::Relaxed);
        self.cond.notify_all();
        // Not until someone else has had it (or nobody else is left waiting).
        while s.held || s.switches == before {
            if !s.held && self.waiters.load(Ordering::Relaxed) == 1 {
                break;
            }
            self.cond.wait(&mut s);
        }
        self.waiters.fetch_sub(1, Ordering::Relaxed);
        s.held = true;
        s.switches += 1;
    }
}
