//! Locks for Python code and for the interpreter itself, blocking the GIL-aware way: the first
//! try keeps the GIL; the wait releases it (`Vm::allow_threads`), or, under deterministic
//! scheduling, blocks inside the GIL's scheduler so that wake-ups happen in a reproducible order.
//! `_thread.lock`, `_thread.RLock` and the import lock are built on [`RawLock`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::sync::{Condvar, Mutex};

use crate::limits::{StopCheck, Wake};
use crate::vm::Vm;
use crate::PyResult;

/// A lock any thread may release (unlike a mutex guard), with timed acquisition. Its state sits
/// behind an `Arc` so that a blocked acquire can register it with the interpreter, to be woken
/// by an interrupt (see `limits.rs`).
#[derive(Default)]
pub struct RawLock {
    inner: Arc<LockState>,
}

#[derive(Default)]
struct LockState {
    locked: Mutex<bool>,
    cond: Condvar,
}

impl Wake for LockState {
    fn wake(&self) {
        let _locked = self.locked.lock();
        self.cond.notify_all();
    }
}

/// How a blocking acquire ended.
enum Acquired {
    Yes,
    TimedOut,
    Stopped,
}

impl RawLock {
    pub fn try_acquire(&self) -> bool {
        let mut locked = self.inner.locked.lock();
        !std::mem::replace(&mut *locked, true)
    }

    /// Blocks (the caller has released the GIL) until the lock is taken, `deadline` passes or
    /// `stop` says the thread must stop.
    fn acquire_until(&self, deadline: Option<Instant>, stop: &StopCheck<'_>) -> Acquired {
        let state = &*self.inner;
        let mut locked = state.locked.lock();
        while *locked {
            if stop.should_stop() {
                return Acquired::Stopped;
            }
            match deadline {
                None => state.cond.wait(&mut locked),
                Some(d) => {
                    if state.cond.wait_until(&mut locked, d).timed_out() && *locked {
                        return Acquired::TimedOut;
                    }
                }
            }
        }
        *locked = true;
        Acquired::Yes
    }

    /// Blocks until the lock is taken, ignoring interrupts (the import lock).
    fn acquire_uninterruptibly(&self) {
        let mut locked = self.inner.locked.lock();
        while *locked {
            self.inner.cond.wait(&mut locked);
        }
        *locked = true;
    }

    /// False if it was not locked.
    fn release(&self) -> bool {
        let mut locked = self.inner.locked.lock();
        if !*locked {
            return false;
        }
        *locked = false;
        drop(locked);
        // One waiter is enough even if it leaves without the lock because it was interrupted:
        // the interrupt then wakes every waiter of this lock too (`limits::wake_all`).
        self.inner.cond.notify_one();
        true
    }

    pub fn is_locked(&self) -> bool {
        *self.inner.locked.lock()
    }

    /// What the deterministic scheduler knows this lock by.
    fn key(&self) -> usize {
        Arc::as_ptr(&self.inner) as usize
    }
}

impl Vm {
    /// Takes `lock`, waiting at most `timeout` (`None`: forever; zero: don't wait). An interrupt
    /// or an exceeded limit ends the wait with the exception (see [`Vm::check_stop`]).
    pub fn acquire_lock(&mut self, lock: &RawLock, timeout: Option<Duration>) -> PyResult<bool> {
        self.acquire_lock_as("Lock.acquire", lock, timeout)
    }

    /// [`Vm::acquire_lock`], a wait named `call` in the GIL's statistics and timeline
    /// (`"Thread.join"`, `"Queue.get"`: the call the lock implements).
    pub fn acquire_lock_as(&mut self, call: &'static str, lock: &RawLock, timeout: Option<Duration>) -> PyResult<bool> {
        if lock.try_acquire() {
            return Ok(true);
        }
        if timeout == Some(Duration::ZERO) {
            return Ok(false);
        }
        if self.interp.gil.is_deterministic() {
            let deadline = timeout.map(|t| self.interp.gil.virtual_deadline(t));
            loop {
                let woken = self.interp.gil.block_until(self.blocking_name(call), lock.key(), deadline);
                self.check_stop()?;
                if lock.try_acquire() {
                    return Ok(true);
                }
                if !woken {
                    return Ok(false);
                }
            }
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let state = self.interp.clone();
        let _registered = state.limits.register_waiter(lock.inner.clone());
        loop {
            let stop = self.stop_check(&state);
            match self.allow_threads_as(call, || lock.acquire_until(deadline, &stop)) {
                // Taken just as this thread was told to stop (the interrupt also ended the
                // thread that held it): stop, as a wait the interrupt had cut short would.
                Acquired::Yes if stop.should_stop() => match self.check_stop() {
                    Ok(()) => return Ok(true),
                    Err(e) => {
                        self.release_lock(lock);
                        return Err(e);
                    }
                },
                Acquired::Yes => return Ok(true),
                Acquired::TimedOut => return Ok(false),
                Acquired::Stopped => self.check_stop()?,
            }
        }
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
        self.acquire_import_lock_raw(&lock.raw);
        lock.owner.store(self.thread_id, Ordering::Relaxed);
        lock.count.store(1, Ordering::Relaxed);
    }

    /// The import lock's wait ignores interrupts: a thread waiting for it waits for another
    /// thread's import, which an interrupt ends anyway.
    fn acquire_import_lock_raw(&mut self, lock: &RawLock) {
        if lock.try_acquire() {
            return;
        }
        if self.interp.gil.is_deterministic() {
            while !lock.try_acquire() {
                self.interp.gil.block_until(self.blocking_name("import"), lock.key(), None);
            }
            return;
        }
        self.allow_threads_as("import", || lock.acquire_uninterruptibly());
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
