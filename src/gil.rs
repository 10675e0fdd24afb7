//! Taking the GIL from host code, re-entrantly.
//!
//! A host thread calling in takes the interpreter's GIL for the call. Code that already holds it
//! (a host function running inside a script, on any thread, that calls back into the engine)
//! must not take it again: the GIL is not re-entrant. This module keeps, per OS thread, the
//! interpreters whose GIL the thread holds through this crate (pushed by [`with_gil`] and by
//! the host-function trampoline, popped by [`allow_threads`] for the time the lock is released),
//! so a nested call runs on a fresh `Vm` under the lock the thread already holds. Nested `Vm`s
//! on one thread are something the interpreter supports (see `gc/nursery.rs`); the RefCell
//! flags of `GilCell` still catch a conflicting borrow, as a Python exception.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};

use gilpy_interpreter::vm::InterpreterState;
use gilpy_interpreter::{Value, Vm};

thread_local! {
    static HELD: RefCell<Vec<Arc<InterpreterState>>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// Whether the Rust stack of this thread has been declared to the interpreter.
    static STACK_DECLARED: Cell<bool> = const { Cell::new(false) };
}

/// Tells gilpy how much stack the calling thread has (`size` bytes from about here), so that deep
/// Python recursion on it ends in `RecursionError` instead of overflowing the stack. Call it at
/// the top of a host thread made with a large `stack_size` to let scripts recurse deeper on it.
///
/// Threads that never call it are assumed to have Rust's default for spawned threads
/// (`RUST_MIN_STACK`, else 2 MiB), with a margin for what the host already used; the main
/// thread, the usual 8 MiB. Python code needs a lot of Rust stack per call in debug builds, so
/// hosts whose scripts recurse deeply should run them on threads with a larger stack.
pub fn declare_thread_stack(size: usize) {
    gilpy_interpreter::vm::register_thread_stack(size);
    STACK_DECLARED.with(|d| d.set(true));
}

/// Declares a conservative stack for a host thread entering the interpreter for the first time.
fn ensure_stack_declared() {
    if STACK_DECLARED.with(|d| d.replace(true)) {
        return;
    }
    if std::thread::current().name() == Some("main") {
        return;
    }
    let size = std::env::var("RUST_MIN_STACK").ok().and_then(|s| s.parse::<usize>().ok()).unwrap_or(2 << 20);
    // The host has already used some of it, how much we cannot know: keep a quarter back.
    gilpy_interpreter::vm::register_thread_stack(size / 4 * 3);
}

/// Objects whose last host handle was dropped on a thread not holding their interpreter's GIL,
/// waiting for the next call into that interpreter to be released under its GIL. Dropping them
/// in place would queue their finalizers (`__del__`, a suspended generator's `finally`) on that
/// host thread, to run whenever (and in whichever interpreter) it next runs Python code.
static DEFERRED: parking_lot::Mutex<Vec<(Weak<InterpreterState>, Value)>> = parking_lot::Mutex::new(Vec::new());
static HAS_DEFERRED: AtomicBool = AtomicBool::new(false);

/// Releases `value`, the last host reference to an object of `state`'s interpreter: at once if
/// this thread holds the GIL, else at the interpreter's next call from the host.
pub(crate) fn release_last_reference(state: &Arc<InterpreterState>, value: Value) {
    if held_here(state) {
        return;
    }
    DEFERRED.lock().push((Arc::downgrade(state), value));
    HAS_DEFERRED.store(true, Ordering::Release);
}

/// Drops the deferred objects of `vm`'s interpreter (and of interpreters that no longer exist),
/// then runs the finalizers that queued.
fn drain_deferred(vm: &mut Vm) {
    if !HAS_DEFERRED.load(Ordering::Acquire) {
        return;
    }
    let mine: Vec<Value> = {
        let mut deferred = DEFERRED.lock();
        let (mine, others): (Vec<_>, Vec<_>) = std::mem::take(&mut *deferred)
            .into_iter()
            .partition(|(state, _)| state.strong_count() == 0 || std::ptr::eq(state.as_ptr(), Arc::as_ptr(&vm.interp)));
        HAS_DEFERRED.store(!others.is_empty(), Ordering::Release);
        *deferred = others;
        mine.into_iter().map(|(_, value)| value).collect()
    };
    drop(mine);
    gilpy_interpreter::vm::finalize::run_if_pending(vm);
}

fn held_here(state: &Arc<InterpreterState>) -> bool {
    HELD.with(|h| h.borrow().iter().any(|s| Arc::ptr_eq(s, state)))
}

/// Marks the calling thread as holding `state`'s GIL until dropped.
pub(crate) struct HeldGuard;

impl HeldGuard {
    pub(crate) fn push(state: Arc<InterpreterState>) -> HeldGuard {
        HELD.with(|h| h.borrow_mut().push(state));
        HeldGuard
    }
}

impl Drop for HeldGuard {
    fn drop(&mut self) {
        HELD.with(|h| h.borrow_mut().pop());
    }
}

/// Runs `f` on the calling thread holding `state`'s GIL: taking it, or reusing it when this
/// thread already holds it (a host function calling back in).
pub(crate) fn with_gil<R>(state: &Arc<InterpreterState>, f: impl FnOnce(&mut Vm) -> R) -> R {
    if held_here(state) {
        let mut vm = Vm::new(state.clone());
        return f(&mut vm);
    }
    ensure_stack_declared();
    state.gil.acquire();
    let guard = HeldGuard::push(state.clone());
    let mut vm = Vm::new(state.clone());
    // The GIL must be released even if `f` panics (a host closure's panic is caught further in,
    // but a panicking `FromPy` impl of the host's own is not).
    struct Release<'a>(&'a InterpreterState);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            self.0.gil.release();
        }
    }
    let release = Release(state);
    drain_deferred(&mut vm);
    let r = f(&mut vm);
    drop(vm);
    drop(guard);
    drop(release);
    r
}

/// Runs `f` with the GIL released, so the script's other threads run meanwhile (PyO3's
/// `allow_threads`, CPython's `Py_BEGIN_ALLOW_THREADS`). Call it inside a host function around
/// slow Rust work (I/O, a computation, waiting for another host thread) that touches no Python
/// object. Outside a host function (the thread holds no GIL) it simply runs `f`.
///
/// ```
/// use gilpy::{allow_threads, Engine};
/// let engine = Engine::new();
/// engine.register_fn("slow_sum", |n: u64| allow_threads(|| (0..=n).sum::<u64>()));
/// assert_eq!(engine.eval::<u64>("slow_sum(100)").unwrap(), 5050);
/// ```
pub fn allow_threads<R, F: FnOnce() -> R + Send>(f: F) -> R {
    let Some(state) = HELD.with(|h| h.borrow().last().cloned()) else {
        return f();
    };
    let mut vm = Vm::new(state);
    // A panic in `f` is carried across the re-acquisition, so the GIL is held again when it
    // unwinds into the host-function trampoline.
    let result = vm.allow_threads(|| {
        let held = HELD.with(|h| h.borrow_mut().pop());
        struct Restore(Option<Arc<InterpreterState>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some(state) = self.0.take() {
                    HELD.with(|h| h.borrow_mut().push(state));
                }
            }
        }
        let _restore = Restore(held);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
    });
    match result {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
