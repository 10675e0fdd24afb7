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

use std::cell::RefCell;
use std::sync::Arc;

use gilpy_interpreter::vm::InterpreterState;
use gilpy_interpreter::Vm;

thread_local! {
    static HELD: RefCell<Vec<Arc<InterpreterState>>> = const { RefCell::new(Vec::new()) };
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
