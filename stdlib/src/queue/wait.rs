//! Waiting for a queue to change: a condition variable done the way `threading.Condition` does
//! it, natively. Each blocked thread waits on a lock of its own, which a notifier releases.
//! Because the waits are `_thread` locks taken with [`Vm::acquire_lock_as`], they release the
//! GIL, are woken by interrupts and exceeded limits, block inside the GIL's scheduler under
//! `--gil-seed`, and show under their call's name (`Queue.get`) in `--gil-trace`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gilpy_interpreter::object::GilCell;
use gilpy_interpreter::vm::lock::RawLock;
use gilpy_interpreter::{PyResult, Vm};

/// The threads waiting for one condition, oldest first. Only touched with the GIL held.
#[derive(Default)]
pub struct WaitList {
    waiters: GilCell<VecDeque<Arc<RawLock>>>,
}

impl WaitList {
    pub fn len(&self, vm: &Vm) -> usize {
        self.waiters.borrow(vm).len()
    }

    /// Wakes the `n` oldest waiters.
    pub fn notify(&self, vm: &Vm, n: usize) {
        for _ in 0..n {
            let Some(waiter) = self.waiters.borrow_mut(vm).pop_front() else { return };
            vm.release_lock(&waiter);
        }
    }

    /// Wakes the oldest waiter, if any: the cheap check comes first, as every put and get
    /// notifies.
    #[inline]
    pub fn notify_one(&self, vm: &Vm) {
        if !self.waiters.borrow(vm).is_empty() {
            self.notify(vm, 1);
        }
    }

    pub fn notify_all(&self, vm: &Vm) {
        let n = self.len(vm);
        self.notify(vm, n);
    }

    /// Takes `waiter` off the list; false if a notifier already did.
    fn remove(&self, vm: &Vm, waiter: &Arc<RawLock>) -> bool {
        let mut waiters = self.waiters.borrow_mut(vm);
        match waiters.iter().position(|w| Arc::ptr_eq(w, waiter)) {
            Some(i) => {
                waiters.remove(i);
                true
            }
            None => false,
        }
    }
}

/// A lock its owner holds, and whether it holds it right now (a wait gives it up for a while).
pub struct Held<'a> {
    pub lock: &'a RawLock,
    pub held: bool,
}

impl Held<'_> {
    /// Gives the lock back if it is still held (the end of a `with mutex:` block).
    pub fn release(self, vm: &Vm) {
        if self.held {
            vm.release_lock(self.lock);
        }
    }
}

/// When a wait must end.
#[derive(Clone, Copy)]
pub enum Deadline {
    Never,
    At(Instant),
    /// Further off than a wait accepts: an error once a wait would start.
    TooFar,
}

/// What is left of a wait before its deadline.
pub enum Left {
    Passed,
    /// How long to wait at most (`None`: no limit).
    Wait(Option<Duration>),
}

impl Deadline {
    pub fn left(self, vm: &Vm) -> PyResult<Left> {
        match self {
            Deadline::Never => Ok(Left::Wait(None)),
            Deadline::At(at) => {
                let left = at.saturating_duration_since(Instant::now());
                Ok(if left.is_zero() { Left::Passed } else { Left::Wait(Some(left)) })
            }
            Deadline::TooFar => Err(vm.overflow_error("timestamp out of range for platform time_t")),
        }
    }
}

/// Blocks until `list` is notified or `timeout` passes, with `mutex` (if any) released meanwhile
/// and taken back before returning, as `Condition.wait` does; true if notified. On an error
/// (an interrupt or an exceeded limit) the mutex is left released, which `mutex.held` says.
pub fn wait(
    vm: &mut Vm,
    call: &'static str,
    list: &WaitList,
    mutex: Option<&mut Held<'_>>,
    timeout: Option<Duration>,
) -> PyResult<bool> {
    let waiter = Arc::new(RawLock::default());
    waiter.try_acquire();
    list.waiters.borrow_mut(vm).push_back(waiter.clone());
    let mut mutex = mutex;
    if let Some(m) = mutex.as_deref_mut() {
        vm.release_lock(m.lock);
        m.held = false;
    }
    let outcome = vm.acquire_lock_as(call, &waiter, timeout);
    // Not on the list any more: a notifier took it off (perhaps just as the wait timed out).
    let notified = !list.remove(vm, &waiter);
    if let Err(e) = outcome {
        // A notification meant for this thread must not be lost with it.
        if notified {
            list.notify(vm, 1);
        }
        return Err(e);
    }
    if let Some(m) = mutex {
        if let Err(e) = vm.acquire_lock_as(call, m.lock, None) {
            if notified {
                list.notify(vm, 1);
            }
            return Err(e);
        }
        m.held = true;
    }
    Ok(notified)
}
