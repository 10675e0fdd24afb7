//! SIGINT (Ctrl-C): while Python code runs it raises `KeyboardInterrupt` in that code, as in
//! CPython. The handler only sets the interpreter's eval-breaker bit, which the dispatch loop
//! checks every few instructions. At the REPL prompt the terminal is in raw mode, so Ctrl-C
//! reaches rustyline as a key instead.

use gilpy_interpreter::Interpreter;

#[cfg(unix)]
static INTERRUPT_TARGET: std::sync::OnceLock<Interpreter> = std::sync::OnceLock::new();

#[cfg(unix)]
extern "C" fn on_sigint(_signal: libc::c_int) {
    // Only an atomic load and an atomic fetch_or: both async-signal-safe.
    if let Some(interp) = INTERRUPT_TARGET.get() {
        interp.interrupt();
    }
}

/// Routes Ctrl-C to `interp`. Call once, before running any code.
#[cfg(unix)]
pub fn install_sigint_handler(interp: &Interpreter) {
    if INTERRUPT_TARGET.set(interp.clone()).is_err() {
        return;
    }
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: `sigaction` is given a zeroed, then fully initialised struct; the handler only
    // touches a `OnceLock` already set above (an atomic load) and an atomic integer, which is
    // async-signal-safe. SA_RESTART keeps blocking reads from failing with EINTR.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as libc::sighandler_t;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
    }
}

#[cfg(not(unix))]
pub fn install_sigint_handler(_interp: &Interpreter) {}

/// Ends the process the way an uncaught `KeyboardInterrupt` ends CPython: killed by SIGINT, so
/// the parent shell sees status 130 and stops a running script loop.
#[cfg(unix)]
pub fn exit_by_sigint() -> ! {
    // SAFETY: restoring the default disposition and raising a signal have no memory-safety
    // preconditions; with the default action SIGINT terminates the process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    std::process::exit(130)
}

#[cfg(not(unix))]
pub fn exit_by_sigint() -> ! {
    std::process::exit(130)
}
