//! SIGINT (Ctrl-C): while Python code runs it raises `KeyboardInterrupt` in the main thread, as
//! in CPython, even when that thread is blocked in `time.sleep`, a lock, `join` or a queue. The
//! handler sets the interpreter's eval-breaker bit, which the dispatch loop checks every few
//! instructions, and writes a byte to a pipe; a watcher thread reading that pipe wakes the
//! blocked waits ([`gilpy_interpreter::InterruptHandle::wake`] takes locks, which a signal
//! handler may not). At the REPL prompt the terminal is in raw mode, so Ctrl-C reaches
//! rustyline as a key instead.

use gilpy_interpreter::Interpreter;

#[cfg(unix)]
static INTERRUPT_TARGET: std::sync::OnceLock<Interpreter> = std::sync::OnceLock::new();

/// The write end of the watcher's pipe (-1 until it exists).
#[cfg(unix)]
static WAKE_PIPE: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

#[cfg(unix)]
extern "C" fn on_sigint(_signal: libc::c_int) {
    // Atomic loads, an atomic fetch_or and write(2): all async-signal-safe.
    if let Some(interp) = INTERRUPT_TARGET.get() {
        interp.interrupt();
    }
    let fd = WAKE_PIPE.load(std::sync::atomic::Ordering::Relaxed);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: writes one byte from a live local to a pipe we own; a full pipe (EAGAIN) only
        // means a wake-up is already pending.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
}

/// Starts the thread that turns a byte on the pipe into a wake-up of blocked waits.
#[cfg(unix)]
fn start_watcher(interp: &Interpreter) {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return;
    }
    let [read_end, write_end] = fds;
    // SAFETY: fcntl on a descriptor we just made; non-blocking so the handler never blocks.
    unsafe { libc::fcntl(write_end, libc::F_SETFL, libc::O_NONBLOCK) };
    let handle = interp.interrupt_handle();
    let started = std::thread::Builder::new().name("gilpy-sigint".into()).spawn(move || loop {
        let mut buf = [0u8; 64];
        // SAFETY: reads into a live local buffer of the length given.
        let n = unsafe { libc::read(read_end, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            handle.wake();
        } else if n == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return;
        }
    });
    if started.is_ok() {
        WAKE_PIPE.store(write_end, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Routes Ctrl-C to `interp`. Call once, before running any code.
#[cfg(unix)]
pub fn install_sigint_handler(interp: &Interpreter) {
    if INTERRUPT_TARGET.set(interp.clone()).is_err() {
        return;
    }
    start_watcher(interp);
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: `sigaction` is given a zeroed, then fully initialised struct; the handler only
    // touches a `OnceLock` already set above (an atomic load), atomic integers and write(2),
    // all async-signal-safe. SA_RESTART keeps blocking reads from failing with EINTR.
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
