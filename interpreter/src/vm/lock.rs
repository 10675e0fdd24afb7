//! Locks for Python code and for the interpreter itself, blocking the GIL-aware way: the first
//! try keeps the GIL; the wait releases it (`Vm::allow_threads`), or, under deterministic
//! scheduling, blocks inside the GIL's scheduler so that wake-ups happen in a reproducible order.
//! `_thread.lock`, `_thread.RLock` and the import lock are built on [`RawLock`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::sync::{Condvar, Mutex};

use crate::vm::Vm;

/// A lock any thread may release (unlike a mutex guard), with timed acquisition.
#[derive(Default)]
pub struct RawLock {
    locked: Mutex<bool>,
    cond: Condvar,
}

impl RawLock {
    pub fn try_acquire(&self) -> bool {
        let mut locked = self.locked.lock();
        !std::mem::replace(&mut *locked, true)
    }

    /// Blocks (the caller has released the GIL) until the lock is taken or `deadline` passes.
    fn acquire_until(&self, deadline: Option<Instant>) -> bool {
        let mut locked = self.locked.lock();
        while *locked {
            match deadline {
                None => self.cond.wait(&mut locked),
                Some(d) => {
                    if self.cond.wait_until(&mut locked, d).timed_out() && *locked {
                        return false;
                    }
                }
            }
        }
        *locked = true;
        true
    }

    /// False if it was not locked.
    fn release(&self) -> bool {
        let mut locked = self.locked.lock();
        if !*locked {
            return false;
        }
        *locked = false;
        drop(locked);
        self.cond.notify_one();
        true
    }

    pub fn is_locked(&self) -> bool {
        *self.locked.lock()
    }

    /// What the deterministic scheduler knows this lock by.
    fn key(&self) -> usize {
        self as *const RawLock as usize
    }
}

impl Vm {
    /// Takes `lock`, waiting at most `timeout` (`None`: forever; zero: don't wait).
    pub fn acquire_lock(&mut self, lock: &RawLock, timeout: Option<Duration>) -> bool {
        self.acquire_lock_as("Lock.acquire", lock, timeout)
    }

    /// [`Vm::acquire_lock`], a wait named `call` in the GIL's statistics and timeline
    /// (`"Thread.join"`, `"Queue.get"`: the call the lock implements).
    pub fn acquire_lock_as(&mut self, call: &'static str, lock: &RawLock, timeout: Option<Duration>) -> bool {
        if lock.try_acquire() {
            return true;
        }
        if timeout == Some(Duration::ZERO) {
            return false;
        }
        if self.interp.gil.is_deterministic() {
            let gil = &self.interp.gil;
            let deadline = timeout.map(|t| gil.virtual_deadline(t));
            loop {
                let woken = gil.block_until(self.blocking_name(call), lock.key(), deadline);
                if lock.try_acquire() {
                    return true;
                }
                if !woken {
                    return false;
                }
            }
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        self.allow_threads_as(call, || lock.acquire_until(deadline))
    }

    /// Releases `lock` (whoever took it); false if it was not locked.
    pub fn release_lock(&self, lock: &RawLock) -> bool {
        if !lock.release() {
            return false;
        }
        if self.interp.gil.is_deterministic() {
            self.interp.gil.wake(lock.key(), false);
        }
        true
    }
}

/// The import lock: one thread at a time runs module bodies (re-entrantly, for nested imports),
/// and a thread that finds a module another thread is still initializing waits for it instead
/// of seeing it half made.
#[derive(Default)]
pub struct ImportLock {
    raw: RawLock,
    owner: AtomicUsize,
    count: AtomicUsize,
    /// Modules whose body is running, and the thread running it.
    initializing: Mutex<HashMap<String, usize>>,
}

impl ImportLock {
    /// Is `name` being initialized by a thread other than `me`?
    pub fn initializing_elsewhere(&self, name: &str, me: usize) -> bool {
        self.initializing.lock().get(name).is_some_and(|&t| t != me)
    }

    pub fn mark_initializing(&self, name: &str, me: usize) {
        self.initializing.lock().insert(name.to_string(), me);
    }

    pub fn unmark_initializing(&self, name: &str) {
        self.initializing.lock().remove(name);
    }
}

impl Vm {
    pub fn acquire_import_lock(&mut self) {
        let interp = self.interp.clone();
        let lock = &interp.import_lock;
        if lock.count.load(Ordering::Relaxed) > 0 && lock.owner.load(Ordering::Relaxed) == self.thread_id {
            lock.count.fetch_add(1, Ordering::Relaxed);
            return;
        }
        self.acquire_lock_as("import", &lock.raw, None);
        lock.owner.store(self.thread_id, Ordering::Relaxed);
        lock.count.store(1, Ordering::Relaxed);
    }

    pub fn release_import_lock(&mut self) {
        let lock = &self.interp.import_lock;
        if lock.owner.load(Ordering::Relaxed) != self.thread_id || lock.count.load(Ordering::Relaxed) == 0 {
            return;
        }
        if lock.count.fetch_sub(1, Ordering::Relaxed) == 1 {
            lock.owner.store(0, Ordering::Relaxed);
            self.release_lock(&lock.raw);
        }
    }
}

impl Vm {
    /// Forks the process (`do_fork` calls the OS `fork`: 0 in the child, the child's pid in the
    /// parent, negative on failure) the way `os.fork` must: with the import lock taken, so no other
    /// thread is halfway through a module body, and the GIL's internals held across the call (see
    /// `gil/fork.rs` for the whole argument). In the child only the calling thread exists.
    pub fn fork_process(&mut self, do_fork: impl FnOnce() -> i64) -> i64 {
        self.acquire_import_lock();
        let interp = self.interp.clone();
        let pid = interp.gil.fork_with(do_fork);
        if pid == 0 {
            // Modules other threads were importing can never finish in the child; holding the
            // import lock, we know no other thread is in a module body, but forget them anyway.
            let me = self.thread_id;
            interp.import_lock.initializing.lock().retain(|_, t| *t == me);
        }
        self.release_import_lock();
        pid
    }
}
