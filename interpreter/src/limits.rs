//! Resource limits and interrupts: one [`Limits`] object covers every thread of an interpreter
//! (the script's own threads included), and an [`InterruptHandle`] lets any host thread stop the
//! script.
//!
//! # Design notes
//! * **The fast path.** The dispatch loop already runs [`crate::vm::Vm::periodic_check`] every
//!   `check_interval` bytecodes, and that check already loads the interpreter's `eval_breaker`
//!   word. An interrupt, a tripped limit or an instruction budget set the `EVAL_BREAKER_LIMITS`
//!   bit of that word, so an interpreter without limits pays nothing more than before: the bit is
//!   only looked at once some bit is set.
//! * **Interrupts reach every thread.** [`InterruptHandle::interrupt`] bumps an *interrupt epoch*;
//!   each thread ([`crate::vm::Vm`]) remembers the epoch it last saw and raises
//!   `KeyboardInterrupt` once when the two differ. (The CLI's Ctrl-C is CPython's: only the thread
//!   that handles signals, the main thread, gets it; see [`InterruptHandle::interrupt_main`].)
//! * **Limits are final.** Once a limit is exceeded, every thread raises `ResourceLimitExceeded`
//!   (a subclass of `BaseException`, not a builtin name) at its next check, every blocking call
//!   fails at once, and no `except`, `finally` or `with` handler runs any more: every frame of
//!   every thread unwinds straight out, until the host re-arms the limits with
//!   [`crate::Interpreter::set_limits`]. A script cannot outlive its limits by catching the
//!   exception in a loop. (The price: locks taken in `with` blocks stay held, and `Thread.join`
//!   of a thread stopped that way fails; the script's state is for throwing away.)
//! * **Waking blocked threads.** Every blocking wait of the interpreter is interruptible: it waits
//!   with a *stop check* that it re-evaluates whenever it is woken, and the thing it waits on is
//!   registered with the interpreter for the duration of the wait. Interrupting (or tripping a
//!   limit) first publishes the reason with atomics, then takes each registered waiter's mutex
//!   and notifies its condvar, so a waiter either sees the reason before it sleeps or is woken
//!   after. `_thread` locks register themselves (and so everything built on them: `RLock`,
//!   `Condition`, `Event`, `Semaphore`, `Thread.join`, `queue.Queue`, `queue.SimpleQueue`);
//!   `time.sleep` waits on the interpreter's own condvar. Waits on file descriptors
//!   (multiprocessing's pipes, semaphores, process exits) cannot be notified: they wait in slices
//!   ([`Vm::wait_interruptibly`], [`WAIT_SLICE`]) and re-check between them; a `Connection.recv`
//!   on a socket blocks in `read` itself, with the socket's receive timeout as the slice (a thread
//!   woken from `read` runs sooner than one woken from `poll`). Under deterministic scheduling those
//!   waits block inside the GIL's scheduler instead, and an interrupt makes every thread blocked
//!   there ready again ([`crate::gil::Gil::wake_all_blocked`]).
//! * **The deadline and the memory ceiling** are watched by a small monitor thread that exists
//!   only while one of them is set, so running code never reads the clock for them.
//! * **Memory** is the process's resident set size (`VmRSS`, sampled every 5 ms by the monitor),
//!   not a per-interpreter count: object interiors (list buffers, strings, big ints) allocate
//!   outside `ObjRef::new`, so live-object accounting would miss most of the bytes. The limit is
//!   therefore process-wide: with several interpreters in one process, it is their sum (plus the
//!   host's) that counts, and the allocator may keep freed memory resident.
//! * **The instruction budget** counts bytecodes across all threads at each periodic check, so it
//!   is exact to within one check interval per check.
//!
//! # Example
//! ```
//! use std::sync::atomic::{AtomicBool, Ordering};
//! use std::sync::Arc;
//! use std::time::Duration;
//! use gilpy_interpreter::{Interpreter, LimitKind, Limits};
//!
//! // A budget of bytecodes: the runaway loop ends with a clear error, `except` or not.
//! let limits = Limits { instructions: Some(100_000), ..Limits::default() };
//! let interp = Interpreter::builder().limits(limits).build();
//! let source = "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n";
//! let (traceback, _status) = interp.run_main("<script>", source).unwrap_err();
//! assert!(traceback.ends_with("ResourceLimitExceeded: instruction budget exceeded\n"));
//! assert_eq!(interp.limit_exceeded().unwrap().kind, LimitKind::Instructions);
//!
//! // Stopping a script from another host thread.
//! let interp = Interpreter::builder().build();
//! let handle = interp.interrupt_handle();
//! let done = Arc::new(AtomicBool::new(false));
//! let stopper = {
//!     let done = done.clone();
//!     std::thread::spawn(move || {
//!         // Threads that start running code after an interrupt do not see it: repeat until done.
//!         while !done.load(Ordering::SeqCst) {
//!             std::thread::sleep(Duration::from_millis(50));
//!             handle.interrupt();
//!         }
//!     })
//! };
//! let (traceback, _status) = interp.run_main("<script>", "while True:\n    pass\n").unwrap_err();
//! done.store(true, Ordering::SeqCst);
//! stopper.join().unwrap();
//! assert!(traceback.ends_with("KeyboardInterrupt\n"));
//! ```

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::vm::{InterpreterState, PyErr, Vm, EVAL_BREAKER_INTERRUPT, EVAL_BREAKER_LIMITS};
use crate::PyResult;

/// How often the monitor samples the resident set size when a memory limit is set.
const MEMORY_SAMPLE_INTERVAL: Duration = Duration::from_millis(5);

/// Resource limits for one interpreter, all of its threads together. `None` means unlimited.
/// Set them with [`crate::InterpreterBuilder::limits`] or, re-armed from now,
/// [`crate::Interpreter::set_limits`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Bytecodes the interpreter may run, summed over its threads (counted at each periodic
    /// check, so exact to within the check interval).
    pub instructions: Option<u64>,
    /// Wall-clock time the script may run, from when the limits are set.
    pub time: Option<Duration>,
    /// Ceiling on the process's resident set size, in bytes (see the module notes on why it is
    /// process-wide).
    pub memory: Option<usize>,
    /// Python call depth (`sys.setrecursionlimit`); exceeding it raises `RecursionError`, as usual.
    pub recursion: Option<usize>,
}

/// Which limit a script ran into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitKind {
    Instructions,
    Time,
    Memory,
}

/// A limit was exceeded: what the host gets from [`crate::Interpreter::limit_exceeded`], and the
/// message of the `ResourceLimitExceeded` the script's threads raise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitExceeded {
    pub kind: LimitKind,
    pub message: String,
}

impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LimitExceeded {}

/// Stops an interpreter's script from any thread: `Send + Sync + Clone`, and it keeps the
/// interpreter's state alive, so it may outlive the [`crate::Interpreter`] it came from.
#[derive(Clone)]
pub struct InterruptHandle {
    state: Arc<InterpreterState>,
}

impl std::fmt::Debug for InterruptHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InterruptHandle")
    }
}

impl InterruptHandle {
    pub(crate) fn new(state: Arc<InterpreterState>) -> InterruptHandle {
        InterruptHandle { state }
    }

    /// Raises `KeyboardInterrupt` once in every thread of the interpreter that is running Python
    /// code or blocked in a wait (`time.sleep`, lock and `RLock` acquire, `Condition`/`Event` wait,
    /// `Thread.join`, `queue` get and put): a running thread at its next periodic check, a
    /// blocked one at once. Unlike Ctrl-C in CPython, which only the main thread sees, this
    /// reaches every thread, so that no script thread is left running. Threads that start after
    /// the call are not affected. Not async-signal-safe (it takes locks to wake waiters).
    pub fn interrupt(&self) {
        self.state.limits.interrupts.fetch_add(1, Ordering::SeqCst);
        self.state.eval_breaker.fetch_or(EVAL_BREAKER_LIMITS, Ordering::SeqCst);
        self.state.gil.request_check();
        wake_all(&self.state);
    }

    /// Ctrl-C the CPython way: `KeyboardInterrupt` only in the thread that handles signals (the
    /// one that called [`crate::vm::handle_signals_on_this_thread`], the main thread under the
    /// CLI; any thread if none did), woken from a blocking wait if it is in one.
    pub fn interrupt_main(&self) {
        interrupt_main(&self.state);
    }
}

impl InterruptHandle {
    /// Wakes every blocked wait so that it re-checks whether it must stop, and nothing else.
    /// For a signal handler's helper thread: the handler itself may only set the flag
    /// (`Interpreter::interrupt`, async-signal-safe); setting it again here could raise a second
    /// `KeyboardInterrupt` after the first was handled.
    pub fn wake(&self) {
        wake_all(&self.state);
    }
}

/// [`InterruptHandle::interrupt_main`] (and `_thread.interrupt_main()`).
pub fn interrupt_main(state: &InterpreterState) {
    state.eval_breaker.fetch_or(EVAL_BREAKER_INTERRUPT, Ordering::SeqCst);
    wake_all(state);
}

/// Per-interpreter state of the limits and interrupts (a field of [`InterpreterState`]).
pub struct LimitState {
    /// Bumped by every [`InterruptHandle::interrupt`].
    interrupts: AtomicU64,
    /// Bytecodes left in the budget, when `budget_on`.
    budget: AtomicI64,
    budget_on: AtomicBool,
    tripped_flag: AtomicBool,
    tripped: Mutex<Option<LimitExceeded>>,
    /// The deadline and memory ceiling the monitor watches; `generation` changes whenever the
    /// limits are re-armed, telling an older monitor to stop.
    watched: Mutex<Watched>,
    watched_changed: Condvar,
    /// Things blocked waits wait on, to be woken by an interrupt.
    waiters: Mutex<Waiters>,
    /// `time.sleep` waits here.
    sleepers: Mutex<()>,
    sleep_cond: Condvar,
}

#[derive(Default)]
struct Watched {
    generation: u64,
    deadline: Option<(Instant, Duration)>,
    memory: Option<usize>,
}

#[derive(Default)]
struct Waiters {
    next_id: u64,
    by_id: HashMap<u64, Arc<dyn Wake>>,
}

impl Default for LimitState {
    fn default() -> Self {
        LimitState {
            interrupts: AtomicU64::new(0),
            budget: AtomicI64::new(0),
            budget_on: AtomicBool::new(false),
            tripped_flag: AtomicBool::new(false),
            tripped: Mutex::new(None),
            watched: Mutex::new(Watched::default()),
            watched_changed: Condvar::new(),
            waiters: Mutex::new(Waiters::default()),
            sleepers: Mutex::new(()),
            sleep_cond: Condvar::new(),
        }
    }
}

impl LimitState {
    /// The interrupt epoch a new thread starts from.
    pub(crate) fn interrupt_epoch(&self) -> u64 {
        self.interrupts.load(Ordering::SeqCst)
    }

    /// Has a limit been exceeded since the limits were last armed? One atomic load.
    #[inline]
    pub fn exceeded_flag(&self) -> bool {
        self.tripped_flag.load(Ordering::Relaxed)
    }

    /// The limit exceeded since the limits were last armed.
    pub fn exceeded(&self) -> Option<LimitExceeded> {
        if !self.tripped_flag.load(Ordering::SeqCst) {
            return None;
        }
        self.tripped.lock().clone()
    }

    /// Registers `waker` for the life of the returned guard: an interrupt calls its
    /// [`Wake::wake`].
    pub fn register_waiter(&self, waker: Arc<dyn Wake>) -> WaiterGuard<'_> {
        let mut w = self.waiters.lock();
        let id = w.next_id;
        w.next_id += 1;
        w.by_id.insert(id, waker);
        WaiterGuard { limits: self, id }
    }
}

/// Something a blocked thread waits on. `wake` must take the mutex the waiter re-checks its stop
/// condition under, then notify, so a wake-up cannot fall between the check and the sleep.
pub trait Wake: Send + Sync {
    fn wake(&self);
}

/// Unregisters a waiter when dropped.
pub struct WaiterGuard<'a> {
    limits: &'a LimitState,
    id: u64,
}

impl Drop for WaiterGuard<'_> {
    fn drop(&mut self) {
        self.limits.waiters.lock().by_id.remove(&self.id);
    }
}

/// Wakes every blocked wait of the interpreter so it re-checks whether it must stop.
fn wake_all(state: &InterpreterState) {
    let limits = &state.limits;
    {
        let _sleepers = limits.sleepers.lock();
        limits.sleep_cond.notify_all();
    }
    let wakers: Vec<Arc<dyn Wake>> = limits.waiters.lock().by_id.values().cloned().collect();
    for waker in wakers {
        waker.wake();
    }
    state.gil.wake_all_blocked();
}

/// Records that `exceeded` happened (the first one wins) and makes every thread stop.
fn trip(state: &InterpreterState, exceeded: LimitExceeded) {
    {
        let mut tripped = state.limits.tripped.lock();
        if tripped.is_some() {
            return;
        }
        *tripped = Some(exceeded);
    }
    state.limits.tripped_flag.store(true, Ordering::SeqCst);
    state.eval_breaker.fetch_or(EVAL_BREAKER_LIMITS, Ordering::SeqCst);
    wake_all(state);
}

/// Arms `limits` from now: clears an earlier exceeded limit, restarts the budget and the clock,
/// and sets the recursion limit if given.
pub(crate) fn arm(state: &Arc<InterpreterState>, limits: &Limits) {
    let l = &state.limits;
    if let Some(n) = limits.recursion {
        state.recursion_limit.store(n.max(1), Ordering::Relaxed);
    }
    l.budget.store(limits.instructions.map_or(0, |n| n.min(i64::MAX as u64) as i64), Ordering::SeqCst);
    l.budget_on.store(limits.instructions.is_some(), Ordering::SeqCst);
    *l.tripped.lock() = None;
    l.tripped_flag.store(false, Ordering::SeqCst);
    if limits.instructions.is_some() {
        state.eval_breaker.fetch_or(EVAL_BREAKER_LIMITS, Ordering::SeqCst);
    }
    let generation = {
        let mut w = l.watched.lock();
        w.generation += 1;
        w.deadline = limits.time.map(|t| (Instant::now() + t, t));
        w.memory = limits.memory;
        l.watched_changed.notify_all();
        (w.deadline.is_some() || w.memory.is_some()).then_some(w.generation)
    };
    if let Some(generation) = generation {
        let weak = Arc::downgrade(state);
        let spawned = std::thread::Builder::new().name("gilpy-limits".into()).spawn(move || monitor(weak, generation));
        if spawned.is_err() {
            // No thread for the monitor: better to refuse to run than to run unwatched.
            trip(state, LimitExceeded { kind: LimitKind::Time, message: "cannot start the limits monitor".into() });
        }
    }
}

/// Watches the deadline and the memory ceiling of one generation of limits, until either trips,
/// the limits are re-armed or the interpreter is gone.
fn monitor(state: Weak<InterpreterState>, generation: u64) {
    loop {
        let Some(state) = state.upgrade() else { return };
        let l = &state.limits;
        let mut w = l.watched.lock();
        if w.generation != generation {
            return;
        }
        let now = Instant::now();
        if let Some((deadline, time)) = w.deadline {
            if now >= deadline {
                drop(w);
                let message = format!("time limit of {} exceeded", seconds(time));
                trip(&state, LimitExceeded { kind: LimitKind::Time, message });
                return;
            }
        }
        if let Some(ceiling) = w.memory {
            if let Some(rss) = resident_set_bytes() {
                if rss > ceiling {
                    drop(w);
                    let message =
                        format!("memory limit of {} exceeded (resident set {})", mebibytes(ceiling), mebibytes(rss));
                    trip(&state, LimitExceeded { kind: LimitKind::Memory, message });
                    return;
                }
            }
        }
        // Wake up at the deadline or the next memory sample, and at least every 100 ms to let
        // go of the interpreter if it has been dropped.
        let mut wake_at = now + Duration::from_millis(100);
        if let Some((deadline, _)) = w.deadline {
            wake_at = wake_at.min(deadline);
        }
        if w.memory.is_some() {
            wake_at = wake_at.min(now + MEMORY_SAMPLE_INTERVAL);
        }
        l.watched_changed.wait_until(&mut w, wake_at);
    }
}

fn seconds(d: Duration) -> String {
    let s = format!("{:.3}", d.as_secs_f64());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} s")
}

fn mebibytes(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The process's resident set size, from `/proc/self/status` (`None` where there is none).
pub fn resident_set_bytes() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// What a blocking wait re-evaluates (without the GIL) each time it is woken: must this thread
/// stop? `Send`, for [`Vm::allow_threads`].
pub struct StopCheck<'a> {
    limits: &'a LimitState,
    eval_breaker: &'a AtomicU32,
    seen: u64,
    signals: bool,
}

impl StopCheck<'_> {
    pub fn should_stop(&self) -> bool {
        self.limits.tripped_flag.load(Ordering::SeqCst)
            || self.limits.interrupts.load(Ordering::SeqCst) != self.seen
            || (self.signals && self.eval_breaker.load(Ordering::SeqCst) & EVAL_BREAKER_INTERRUPT != 0)
    }
}

/// How long one slice of [`Vm::wait_interruptibly`] waits before re-checking for a stop.
pub const WAIT_SLICE: Duration = Duration::from_millis(20);

/// `time.sleep`'s wait: true when stopped early.
pub(crate) fn sleep_until(limits: &LimitState, deadline: Instant, stop: &StopCheck<'_>) -> bool {
    let mut guard = limits.sleepers.lock();
    loop {
        if stop.should_stop() {
            return true;
        }
        if limits.sleep_cond.wait_until(&mut guard, deadline).timed_out() {
            return stop.should_stop();
        }
    }
}

impl Vm {
    /// The stop check for a blocking wait of this thread (see [`Vm::check_stop`]).
    pub fn stop_check<'a>(&self, state: &'a InterpreterState) -> StopCheck<'a> {
        StopCheck {
            limits: &state.limits,
            eval_breaker: &state.eval_breaker,
            seen: self.interrupts_seen,
            signals: crate::vm::may_handle_signals(),
        }
    }

    /// Raises what must stop this thread, if anything: a limit exceeded
    /// (`ResourceLimitExceeded`), an interrupt it has not seen yet, or Ctrl-C if it handles
    /// signals (`KeyboardInterrupt`). Blocking calls call it when their wait was cut short.
    pub fn check_stop(&mut self) -> PyResult<()> {
        let state = &self.interp;
        if state.eval_breaker.load(Ordering::Relaxed) & EVAL_BREAKER_INTERRUPT != 0 && crate::vm::may_handle_signals() {
            state.eval_breaker.fetch_and(!EVAL_BREAKER_INTERRUPT, Ordering::Relaxed);
            return Err(self.new_exception_msg("KeyboardInterrupt", ""));
        }
        self.check_limits(0)
    }

    /// The limits part of the periodic check (`EVAL_BREAKER_LIMITS` is set): counts the
    /// bytecodes run since the last check against the budget, then raises what must stop
    /// this thread.
    #[cold]
    pub(crate) fn check_limits(&mut self, ran: u64) -> PyResult<()> {
        let state = self.interp.clone();
        let l = &state.limits;
        if ran > 0 && l.budget_on.load(Ordering::Relaxed) {
            let before = l.budget.fetch_sub(ran as i64, Ordering::Relaxed);
            if before >= 0 && before.saturating_sub(ran as i64) < 0 {
                let message = "instruction budget exceeded".to_string();
                trip(&state, LimitExceeded { kind: LimitKind::Instructions, message });
            }
        }
        if l.tripped_flag.load(Ordering::SeqCst) {
            let message = l.tripped.lock().as_ref().map(|e| e.message.clone()).unwrap_or_default();
            return Err(self.new_exception_msg("ResourceLimitExceeded", &message));
        }
        let epoch = l.interrupts.load(Ordering::SeqCst);
        if epoch != self.interrupts_seen {
            self.interrupts_seen = epoch;
            return Err(self.new_exception_msg("KeyboardInterrupt", ""));
        }
        Ok(())
    }

    /// `time.sleep`: sleeps with the GIL released, woken early (with the exception) by an
    /// interrupt or an exceeded limit. Under deterministic scheduling the sleep runs on the
    /// scheduler's virtual clock instead, so it lands at a reproducible point.
    pub fn sleep(&mut self, duration: Duration) -> PyResult<()> {
        if self.interp.gil.is_deterministic() {
            let deadline = self.interp.gil.virtual_deadline(duration);
            loop {
                let woken = self.interp.gil.block_until(self.blocking_name("time.sleep"), usize::MAX, Some(deadline));
                self.check_stop()?;
                if !woken {
                    return Ok(());
                }
            }
        }
        if duration.is_zero() {
            // sleep(0): just let a waiting thread run.
            if self.interp.gil.has_waiters() {
                self.allow_threads_as("time.sleep", std::thread::yield_now);
            }
            return self.check_stop();
        }
        // Longer than the clock can express: a century is forever, in practice.
        let deadline = Instant::now()
            .checked_add(duration)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(100 * 365 * 86400));
        let state = self.interp.clone();
        loop {
            let stop = self.stop_check(&state);
            let stopped = self.allow_threads_as("time.sleep", || sleep_until(&state.limits, deadline, &stop));
            if !stopped {
                return Ok(());
            }
            self.check_stop()?;
        }
    }
}

impl Vm {
    /// For blocking calls that cannot be woken by a condvar (a pipe, a child process, a POSIX
    /// semaphore): runs `step(slice)` with the GIL released, again and again, until it gives a
    /// result, `deadline` passes (`Ok(None)`) or the thread must stop (the exception). `step`
    /// waits at most `slice` ([`WAIT_SLICE`], less near the deadline; zero when the deadline has
    /// passed, so it is always tried once) and returns `None` when nothing happened yet. An
    /// interrupt is therefore seen within one slice, at the cost of a wake-up per slice. `call`
    /// names the wait in the GIL's statistics and timeline.
    pub fn wait_interruptibly<R: Send>(
        &mut self,
        call: &'static str,
        deadline: Option<Instant>,
        mut step: impl FnMut(Duration) -> Option<R> + Send,
    ) -> PyResult<Option<R>> {
        let state = self.interp.clone();
        loop {
            let stop = self.stop_check(&state);
            let outcome = self.allow_threads_as(call, || loop {
                if stop.should_stop() {
                    return Err(());
                }
                let slice = match deadline {
                    Some(d) => d.saturating_duration_since(Instant::now()).min(WAIT_SLICE),
                    None => WAIT_SLICE,
                };
                if let Some(r) = step(slice) {
                    return Ok(Some(r));
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    return Ok(None);
                }
            });
            match outcome {
                Ok(r) => return Ok(r),
                Err(()) => self.check_stop()?,
            }
        }
    }
}

/// The error a host sees for an exceeded limit, if `err` is one.
pub fn is_limit_error(vm: &Vm, err: &PyErr) -> bool {
    vm.err_matches(err, "ResourceLimitExceeded")
}
