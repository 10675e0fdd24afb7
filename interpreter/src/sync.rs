//! A mutex and a condition variable that survive `fork()`, with the `parking_lot` API the GIL and
//! the Python-level locks were written against (`cond.wait(&mut guard)`, `wait_for`,
//! `wait_until`, no poisoning).
//!
//! Why not `parking_lot` there: a thread parked in `parking_lot` is linked, through data in its
//! own thread-local storage, into a process-wide hash table. After `fork()` the parked threads
//! are gone but their links stay, and glibc hands the dead threads' stacks (with that storage)
//! to the next threads the child starts: the table then links live memory of unrelated threads,
//! and a later park or unpark can loop for ever or wake the wrong thread. `std::sync` on Linux
//! keeps all of a mutex's or condvar's state in one futex word inside the object and lets the
//! kernel keep the list of sleepers, which dies with the threads: nothing is left behind in the
//! child. The threads that wait for the GIL or for a Python lock at the moment of a fork (nearly
//! all of the other threads) therefore wait here.

use std::ops::{Deref, DerefMut};
use std::sync::PoisonError;
use std::time::{Duration, Instant};

/// `std::sync::Mutex` without poisoning (a panic while holding it leaves the data as it is).
#[derive(Default)]
pub struct Mutex<T>(std::sync::Mutex<T>);

impl<T> Mutex<T> {
    pub const fn new(value: T) -> Mutex<T> {
        Mutex(std::sync::Mutex::new(value))
    }

    pub fn lock(&self) -> MutexGuard<'_, T> {
        MutexGuard(Some(self.0.lock().unwrap_or_else(PoisonError::into_inner)))
    }
}

/// Holds the lock; a condvar wait takes the inner guard out and puts it back.
pub struct MutexGuard<'a, T>(Option<std::sync::MutexGuard<'a, T>>);

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.as_deref().expect("a guard is only empty inside a condvar wait")
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.as_deref_mut().expect("a guard is only empty inside a condvar wait")
    }
}

/// What a timed wait reports.
#[derive(Clone, Copy, Debug)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    pub fn timed_out(self) -> bool {
        self.0
    }
}

#[derive(Default)]
pub struct Condvar(std::sync::Condvar);

impl Condvar {
    pub const fn new() -> Condvar {
        Condvar(std::sync::Condvar::new())
    }

    pub fn notify_one(&self) {
        self.0.notify_one();
    }

    pub fn notify_all(&self) {
        self.0.notify_all();
    }

    pub fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
        let inner = guard.0.take().expect("a guard is only empty inside a condvar wait");
        guard.0 = Some(self.0.wait(inner).unwrap_or_else(PoisonError::into_inner));
    }

    pub fn wait_for<T>(&self, guard: &mut MutexGuard<'_, T>, timeout: Duration) -> WaitTimeoutResult {
        let inner = guard.0.take().expect("a guard is only empty inside a condvar wait");
        let (inner, result) = self.0.wait_timeout(inner, timeout).unwrap_or_else(PoisonError::into_inner);
        guard.0 = Some(inner);
        WaitTimeoutResult(result.timed_out())
    }

    pub fn wait_until<T>(&self, guard: &mut MutexGuard<'_, T>, deadline: Instant) -> WaitTimeoutResult {
        self.wait_for(guard, deadline.saturating_duration_since(Instant::now()))
    }
}
