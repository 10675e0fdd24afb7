//! The lock across `fork()`: only the forking thread exists in the child, so everything the
//! lock knows about the other threads must be forgotten there.
//!
//! # Fork-safety argument
//! * The forking thread holds the GIL (it runs Python code calling `os.fork`), so no other thread
//!   is running Python code or touching object interiors: every `GilCell` is consistent.
//! * It also takes the lock's internal mutex (`inner`) before calling `fork` and keeps it until
//!   the child has rebuilt the state (as CPython's `PyOS_BeforeFork` takes its internal locks).
//!   No other thread can therefore be halfway through an update of the queue, the thread table,
//!   the statistics or the deterministic scheduler when the address space is copied.
//! * In the child, under that mutex, every other thread is marked finished, the queue is
//!   emptied, the forking thread is the owner and the lock-free counters the holder reads
//!   (`queue_len`, `requests`, `next_ask`) are republished. Nobody else will ever wait for or
//!   hand over the lock, so nothing can be left waiting for a thread that does not exist.
//! * Their condvars are never notified again (their threads are finished and out of the queue).
//!   The mutex and condvars are `crate::sync`'s, not `parking_lot`'s: a waiter leaves nothing
//!   behind but a counter in the object itself (see `sync.rs` for why `parking_lot` would leave
//!   dangling links to the dead threads). Unlocking `inner` in the child may issue a futex wake
//!   for a thread that no longer exists: nobody waits on it, which is harmless.
//! * The Python-level locks (`vm/lock.rs` `RawLock`) wait the same way. A lock a vanished thread
//!   held stays held in the child, as in CPython.
//! * Residual window, shared with every program that forks while threads run (CPython
//!   included): a thread that at the very instant of `fork` is inside the few instructions of a
//!   `RawLock`'s own short critical section leaves that one lock's internal mutex taken in the
//!   child. Native code that waits for other `parking_lot` locks with the GIL released (a file
//!   object another thread is blocked reading, for instance) is not covered either.

use std::sync::atomic::Ordering::Relaxed;

use super::{Gil, State};

impl Gil {
    /// Runs `do_fork` (which calls the OS `fork` and returns its result: 0 in the child, the
    /// child's pid in the parent, negative on failure) with the lock's internals held, and in the
    /// child makes the calling thread the only one the lock knows. The caller holds the GIL.
    pub fn fork_with(&self, do_fork: impl FnOnce() -> i64) -> i64 {
        let mut s = self.inner.lock();
        let pid = do_fork();
        if pid != 0 {
            return pid;
        }
        let me = self.current_index(&mut s);
        let os_thread = std::thread::current().id();
        s.by_os_thread.retain(|&os, _| os == os_thread);
        s.queue.clear();
        for (i, e) in s.threads.iter_mut().enumerate() {
            if i != me {
                e.state = State::Finished;
                e.asking = false;
                e.resume_at = None;
            }
        }
        s.threads[me].native_id = super::native_thread_id();
        s.owner = Some(me);
        if s.finalizer.is_some() {
            s.finalizer = Some(me);
        }
        if let Some(det) = &mut s.det {
            det.starting = 0;
            det.choosing = false;
        }
        self.requests.store(0, Relaxed);
        self.next_ask.store(u64::MAX, Relaxed);
        self.queue_len.store(0, Relaxed);
        0
    }
}
