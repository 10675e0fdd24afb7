//! THE global interpreter lock.
//!
//! # Design notes
//! One `Gil` per interpreter. A thread must hold it to touch any object interior (see
//! `object/cell.rs` for how that is enforced in types: a `Vm` exists only on the holding thread).
//!
//! * **State.** Who holds the lock (`owner`), a FIFO `queue` of threads waiting for it and a table
//!   of every thread that ever held it (its state, its statistics, a condvar it parks on) sit under
//!   one mutex. A few atomics live outside it, for the running thread's hot path: `countdown`
//!   (bytecodes left before its next check), `queue_len`, `requests` and `next_ask` (who asks for
//!   the lock, and from when) and the configured intervals.
//! * **The periodic check.** The eval loop decrements `countdown` on every instruction (a relaxed
//!   load and store: only the holder writes it, see below for the one exception). When it reaches
//!   zero the holder runs [`Gil::periodic_check`]: it reloads `countdown` with the check interval and
//!   reads `queue_len` with one relaxed load. Nobody waiting: that is all, no lock traffic, no
//!   syscall. Somebody waiting: a clock read and two more relaxed loads decide whether to offer;
//!   when only switched-out threads wait, the clock is read at one check in eight (their turn
//!   comes after a whole switch interval, and a waiter whose turn has come forces a check).
//! * **Hand-off.** When somebody asks, the holder hands the lock to the first asking thread in the
//!   queue (sets `owner` to it and wakes it: baton passing) and queues itself at the back. The
//!   releasing thread cannot grab the lock straight back because it is never free in between: the
//!   FIFO fairness CPython's `FORCE_SWITCHING` approximates. Blocking calls
//!   ([`crate::vm::Vm::allow_threads`], the one way native code releases the lock) pass it to the
//!   head of the queue, or leave it free.
//! * **Check interval and switch interval, combined.** The check interval (`sys.setcheckinterval`,
//!   default 100 bytecodes) is how often the holder offers the lock; the switch interval
//!   (`sys.setswitchinterval`, default 5 ms) is how long a waiter may have to wait for it. Who asks:
//!   - a thread coming back from a blocking call (I/O, sleep, a lock) or just started asks at once,
//!     so it gets the lock within N bytecodes: I/O-bound threads wake up fast;
//!   - a thread that was switched out asks again only once it has waited one switch interval
//!     (the holder compares the clock with `next_ask`), so two CPU-bound threads take turns in
//!     slices of about S seconds instead of ping-ponging the lock every N bytecodes (each hand-off
//!     costs an OS wake-up, far more than 100 bytecodes);
//!   - a waiter that has waited a whole switch interval also zeroes `countdown` (a "drop
//!     request"), so the holder checks at its very next instruction boundary even when its
//!     instructions are slow (a long native call, a huge `**`);
//!   - the holder keeps the lock at least a fiftieth of the switch interval (100 µs by default)
//!     before an offer, so a stream of quick wake-ups (a consumer woken for every item a producer
//!     puts) cannot make the lock change hands every few bytecodes.
//! * **In short,** an asking thread gets the lock at the first check after that minimum slice, and
//!   nobody waits much longer than S unless a single native call takes longer (native code is never
//!   interrupted midway, as in CPython). `sys.setswitchinterval(1e-6)` gives the classic Python 2
//!   behaviour, a hand-off every N bytecodes whenever another thread waits. (A drop request can
//!   race with the holder's own store of `countdown` and be lost; the waiter simply asks again one
//!   switch interval later.)
//! * **Who waits for whom.** Waiters wait on their own condvar for `owner == themselves`; only
//!   the thread giving the lock up assigns `owner`, always under the mutex. No thread waits for
//!   another while holding the mutex except the deterministic scheduler, which waits (on the
//!   `sched` condvar, mutex released) for threads it has started to arrive.
//! * **Deterministic mode** (`--gil-seed N`, [`crate::InterpreterBuilder::gil_seed`]): every check is
//!   a potential switch point; the number of bytecodes between checks and the next holder (any
//!   ready thread, the current one included) are drawn from a seeded generator. To make the
//!   choice reproducible the scheduler knows every thread's state: before choosing it waits for
//!   threads it started to arrive, and gilpy's own blocking primitives (`_thread` locks and
//!   everything built on them, `time.sleep` through [`crate::vm::Vm::sleep`]) block *inside* the
//!   scheduler ([`Gil::block_on`], [`Gil::wake`]) instead of on OS primitives. Timeouts and sleeps
//!   run on a virtual clock that advances with bytecodes and jumps to the next deadline when every
//!   thread is blocked (the woken thread then really sleeps that long, so a lesson still feels
//!   right). Only threads blocked in real I/O (`allow_threads`) come back at unpredictable times.
//! * **Statistics and timeline** are kept under the same mutex at each acquire and release
//!   (never on the hot path); see [`stats`].
//! * **Finalization.** Once the main thread has finished ([`Gil::finalize`]), no other thread gets
//!   the lock again: daemon threads that wake up park for good while the process exits.

mod deterministic;
mod fork;
pub mod stats;
mod timeline_page;
pub mod trace;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::sync::{Condvar, Mutex, MutexGuard};

pub use stats::{BlockedCall, GilReport, Slice, ThreadReport, ThreadStats};
pub use trace::{Span, SpanKind, NOT_IN_PYTHON, UNNAMED_CALL};

/// Waiters repeat a drop request at most this often, however short the switch interval.
const MIN_DROP_REQUEST_INTERVAL: Duration = Duration::from_micros(100);

/// When only switched-out threads wait (none asks at once), the holder reads the clock at one
/// periodic check in this many: a clock read (~25 ns) at every check of 100 bytecodes cost 4-6%
/// of the running thread's speed, while the switch interval it serves is 5 ms. A waiter whose
/// turn has come still gets a check at once (its drop request).
const CHECKS_PER_CLOCK_READ: u32 = 8;

/// The holder keeps the lock at least `switch interval / MIN_SLICE_DIVISOR` before an offer.
const MIN_SLICE_DIVISOR: u64 = 50;

/// Virtual nanoseconds one bytecode takes on the deterministic scheduler's clock.
const VIRTUAL_NS_PER_BYTECODE: u64 = 50;

/// How the lock is configured when an interpreter is built.
#[derive(Clone, Debug)]
pub struct GilConfig {
    pub check_interval: u32,
    pub switch_interval: Duration,
    /// `Some(seed)`: deterministic scheduling.
    pub seed: Option<u64>,
    /// Record every thread's running, waiting and blocked spans (`--gil-trace`).
    pub trace: bool,
}

impl Default for GilConfig {
    fn default() -> Self {
        GilConfig { check_interval: 100, switch_interval: Duration::from_micros(5000), seed: None, trace: false }
    }
}

/// A thread's identity for the lock: its index in the thread table. Python sees `index + 1` as
/// the thread's ident (`threading.get_ident()`).
pub type ThreadIndex = usize;

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    /// Started by another thread, not yet asking for the lock.
    Starting,
    Running,
    /// In the queue.
    Waiting,
    /// Released the lock around a blocking call.
    Away,
    /// Deterministic mode: blocked in the scheduler until `wake(key)` or the virtual deadline.
    Blocked {
        key: usize,
        deadline: Option<u64>,
    },
    Finished,
}

struct Entry {
    name: String,
    native_id: u64,
    state: State,
    /// When the thread entered its current state (ns since the lock was made).
    since: u64,
    /// Away or blocked: the call it is blocked in (`"time.sleep"`, `"Thread.join"`, ...).
    call: &'static str,
    cond: Arc<Condvar>,
    stats: ThreadStats,
    /// Queued and asking for the lock now (see the notes on the two intervals).
    asking: bool,
    /// Deterministic mode: woken by `wake` rather than by its deadline.
    woken: bool,
    /// Deterministic mode: after a clock jump, sleep until then before running.
    resume_at: Option<Instant>,
}

struct Deterministic {
    rng: u64,
    clock_ns: u64,
    /// Threads started but not yet queued: the scheduler waits for them before choosing.
    starting: usize,
    /// The scheduler is waiting (mutex released) for those arrivals: the lock is not free even
    /// though it has no owner.
    choosing: bool,
}

struct Inner {
    owner: Option<ThreadIndex>,
    queue: VecDeque<ThreadIndex>,
    threads: Vec<Entry>,
    by_os_thread: HashMap<std::thread::ThreadId, ThreadIndex>,
    /// When the current owner took the lock.
    slice_start: u64,
    timeline: stats::Timeline,
    finalizer: Option<ThreadIndex>,
    det: Option<Deterministic>,
    trace: Option<trace::Trace>,
}

pub struct Gil {
    inner: Mutex<Inner>,
    /// The deterministic scheduler waits here for started threads to arrive.
    sched: Condvar,
    /// Bytecodes the holder may run before its next check.
    countdown: AtomicU32,
    /// What `countdown` was last loaded with (holder-only), to count bytecodes.
    slice_len: AtomicU32,
    /// When the holder took the lock (ns since the lock was made).
    slice_started: AtomicU64,
    /// Bytecodes the holder ran in earlier check intervals of its current slice (holder-only).
    slice_bytecodes: AtomicU64,
    /// Queued threads that ask for the lock at once (back from a blocking call, or new).
    requests: AtomicUsize,
    /// Set by a waiter whose switch interval ran out (with `countdown` zeroed): the holder's next
    /// check reads the clock.
    drop_requested: AtomicBool,
    /// Periodic checks since the holder last read the clock for switched-out waiters
    /// (holder-only; see [`CHECKS_PER_CLOCK_READ`]).
    checks_without_clock: AtomicU32,
    /// When the earliest switched-out waiter starts asking (ns since the lock was made).
    next_ask: AtomicU64,
    /// Threads in the queue.
    queue_len: AtomicUsize,
    check_interval: AtomicU32,
    switch_interval_ns: AtomicU64,
    deterministic: bool,
    seed: Option<u64>,
    epoch: Instant,
}

impl Default for Gil {
    fn default() -> Self {
        Gil::new(GilConfig::default())
    }
}

impl Gil {
    pub fn new(config: GilConfig) -> Gil {
        let det = config.seed.map(|seed| Deterministic {
            rng: seed ^ 0x9E37_79B9_7F4A_7C15,
            clock_ns: 0,
            starting: 0,
            choosing: false,
        });
        Gil {
            inner: Mutex::new(Inner {
                owner: None,
                queue: VecDeque::new(),
                threads: Vec::new(),
                by_os_thread: HashMap::new(),
                slice_start: 0,
                timeline: stats::Timeline::new(stats::TIMELINE_CAPACITY),
                finalizer: None,
                det,
                trace: config.trace.then(trace::Trace::default),
            }),
            sched: Condvar::new(),
            countdown: AtomicU32::new(config.check_interval.max(1)),
            slice_len: AtomicU32::new(config.check_interval.max(1)),
            slice_bytecodes: AtomicU64::new(0),
            slice_started: AtomicU64::new(0),
            requests: AtomicUsize::new(0),
            drop_requested: AtomicBool::new(false),
            checks_without_clock: AtomicU32::new(0),
            next_ask: AtomicU64::new(u64::MAX),
            queue_len: AtomicUsize::new(0),
            check_interval: AtomicU32::new(config.check_interval.max(1)),
            switch_interval_ns: AtomicU64::new(config.switch_interval.as_nanos().max(1) as u64),
            deterministic: config.seed.is_some(),
            seed: config.seed,
            epoch: Instant::now(),
        }
    }

    fn now(&self) -> u64 {
        self.epoch.elapsed().as_nanos() as u64
    }

    // ----- configuration -----

    pub fn check_interval(&self) -> u32 {
        self.check_interval.load(Relaxed)
    }

    pub fn set_check_interval(&self, n: u32) {
        self.check_interval.store(n.max(1), Relaxed);
    }

    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.switch_interval_ns.load(Relaxed))
    }

    pub fn set_switch_interval(&self, d: Duration) {
        self.switch_interval_ns.store(d.as_nanos().clamp(1, u64::MAX as u128) as u64, Relaxed);
    }

    pub fn is_deterministic(&self) -> bool {
        self.deterministic
    }

    pub fn seed(&self) -> Option<u64> {
        self.seed
    }

    // ----- the hot path -----

    /// Makes the running thread do its periodic check at its next instruction (an interrupt or
    /// a limit wants prompt attention). Best effort: racing the holder's own store it may be
    /// lost, and the check then comes at most one interval later.
    pub fn request_check(&self) {
        self.countdown.store(0, Relaxed);
    }

    /// One instruction's worth of the periodic check: true when the check is due.
    #[inline(always)]
    pub fn tick(&self) -> bool {
        let left = self.countdown.load(Relaxed);
        if left == 0 {
            return true;
        }
        self.countdown.store(left - 1, Relaxed);
        false
    }

    /// How many threads are queued for the lock.
    pub fn queued(&self) -> usize {
        self.queue_len.load(Relaxed)
    }

    /// Is another thread waiting for the lock? One relaxed load.
    #[inline]
    pub fn has_waiters(&self) -> bool {
        self.queue_len.load(Relaxed) > 0
    }

    /// The check every `check_interval` bytecodes, run by the holder: reload the countdown and,
    /// when somebody waits, hand the lock over (see the module notes). Returns how many
    /// bytecodes ran since the last check (for the instruction budget).
    #[cold]
    pub fn periodic_check(&self) -> u64 {
        let ran = self.slice_len.load(Relaxed) as u64;
        self.slice_bytecodes.store(self.slice_bytecodes.load(Relaxed) + ran, Relaxed);
        if self.deterministic {
            self.deterministic_switch_point();
            return ran;
        }
        let n = self.check_interval.load(Relaxed).max(1);
        self.slice_len.store(n, Relaxed);
        self.countdown.store(n, Relaxed);
        if self.queue_len.load(Relaxed) == 0 {
            return ran;
        }
        // Somebody waits. Nobody asks at once and no waiter's time has come: the clock is read
        // at one check in CHECKS_PER_CLOCK_READ only.
        let drop_requested = self.drop_requested.load(Relaxed);
        if drop_requested {
            self.drop_requested.store(false, Relaxed);
        }
        if !drop_requested && self.requests.load(Relaxed) == 0 {
            let skipped = self.checks_without_clock.load(Relaxed) + 1;
            if skipped < CHECKS_PER_CLOCK_READ {
                self.checks_without_clock.store(skipped, Relaxed);
                return ran;
            }
        }
        self.checks_without_clock.store(0, Relaxed);
        // Hand over if the slice is old enough and a waiter asks.
        let now = self.now();
        if now.saturating_sub(self.slice_started.load(Relaxed)) < self.min_slice_ns() {
            return ran;
        }
        if self.requests.load(Relaxed) > 0 || now >= self.next_ask.load(Relaxed) {
            self.hand_over();
        }
        ran
    }

    /// The least time the holder keeps the lock before an offer: a fiftieth of the switch
    /// interval (100 µs by default), so a stream of quick wake-ups cannot make the lock change
    /// hands every few bytecodes.
    fn min_slice_ns(&self) -> u64 {
        self.switch_interval_ns.load(Relaxed) / MIN_SLICE_DIVISOR
    }

    // ----- acquiring and releasing -----

    /// Blocks until the calling OS thread holds the lock (registering the thread on first use).
    pub fn acquire(&self) {
        let mut s = self.inner.lock();
        let me = self.current_index(&mut s);
        self.acquire_as(s, me);
    }

    /// The thread leaves the interpreter ([`crate::Interpreter::with_vm`] returns): the lock goes
    /// to the next waiter, or is left free.
    pub fn release(&self) {
        self.release_as(NOT_IN_PYTHON);
    }

    /// Gives the lock up around the blocking call `call` (which names it in statistics and
    /// timelines): to the next waiter, or leaves it free.
    pub fn release_as(&self, call: &'static str) {
        let mut s = self.inner.lock();
        let now = self.now();
        let Some(me) = s.owner else { return };
        self.end_slice(&mut s, me, now);
        set_state(&mut s, me, State::Away, now);
        s.threads[me].call = call;
        self.pass_on(&mut s, now);
    }

    /// The holder's thread ends: the lock goes to the next waiter and the thread is marked
    /// finished in the statistics.
    pub fn exit_thread(&self) {
        let mut s = self.inner.lock();
        let now = self.now();
        let Some(me) = s.owner else { return };
        self.end_slice(&mut s, me, now);
        set_state(&mut s, me, State::Finished, now);
        let os: Vec<_> = s.by_os_thread.iter().filter(|(_, &i)| i == me).map(|(k, _)| *k).collect();
        for k in os {
            s.by_os_thread.remove(&k);
        }
        self.pass_on(&mut s, now);
    }

    /// From now on only the calling thread (the holder, finishing the interpreter) gets the lock.
    pub fn finalize(&self) {
        let mut s = self.inner.lock();
        if let Some(me) = s.owner {
            s.finalizer = Some(me);
        }
    }

    /// Called by the holder before it starts a thread: reserves the new thread's index (its
    /// ident) so the parent knows it at once, and in deterministic mode tells the scheduler to
    /// expect it. The new thread calls [`Gil::adopt`] before its first [`Gil::acquire`].
    pub fn prepare_thread(&self) -> ThreadIndex {
        let mut s = self.inner.lock();
        let now = self.now();
        let index = new_entry(&mut s, String::new(), State::Starting, now);
        s.threads[index].name = format!("Thread-{}", index + 1);
        if let Some(det) = &mut s.det {
            det.starting += 1;
        }
        index
    }

    /// The thread prepared as `index` could not be started.
    pub fn cancel_thread(&self, index: ThreadIndex) {
        let mut s = self.inner.lock();
        let now = self.now();
        if s.threads.get(index).is_some_and(|e| e.state == State::Starting) {
            set_state(&mut s, index, State::Finished, now);
            if let Some(det) = &mut s.det {
                det.starting -= 1;
            }
            self.sched.notify_all();
        }
    }

    /// Binds the calling OS thread to the index its parent prepared.
    pub fn adopt(&self, index: ThreadIndex) {
        let mut s = self.inner.lock();
        s.by_os_thread.insert(std::thread::current().id(), index);
        if let Some(e) = s.threads.get_mut(index) {
            e.native_id = native_thread_id();
        }
    }

    /// The holder's index (the ident Python sees is this plus one).
    pub fn holder(&self) -> Option<ThreadIndex> {
        self.inner.lock().owner
    }

    /// Names the holder in statistics and timelines (`threading` keeps it in step with
    /// `Thread.name`).
    pub fn set_thread_name(&self, index: ThreadIndex, name: &str) {
        if let Some(e) = self.inner.lock().threads.get_mut(index) {
            e.name = name.to_string();
        }
    }

    pub fn native_id(&self, index: ThreadIndex) -> u64 {
        self.inner.lock().threads.get(index).map_or(0, |e| e.native_id)
    }

    /// Is the thread still running (it has not called [`Gil::exit_thread`])?
    pub fn is_alive(&self, index: ThreadIndex) -> bool {
        self.inner.lock().threads.get(index).is_some_and(|e| e.state != State::Finished)
    }

    fn current_index(&self, s: &mut Inner) -> ThreadIndex {
        let os = std::thread::current().id();
        if let Some(&i) = s.by_os_thread.get(&os) {
            return i;
        }
        let name = if s.threads.is_empty() { "MainThread".to_string() } else { String::new() };
        let index = new_entry(s, name, State::Away, self.now());
        if s.threads[index].name.is_empty() {
            s.threads[index].name = format!("Dummy-{}", index + 1);
        }
        s.threads[index].native_id = native_thread_id();
        s.by_os_thread.insert(os, index);
        index
    }

    fn acquire_as<'a>(&'a self, mut s: MutexGuard<'a, Inner>, me: ThreadIndex) {
        let now = self.now();
        let arriving = s.threads[me].state == State::Starting;
        if arriving {
            if let Some(det) = &mut s.det {
                det.starting -= 1;
            }
        }
        // A started thread always queues in deterministic mode: the scheduler that expects it
        // makes the choice.
        let scheduler_busy = s.det.as_ref().is_some_and(|d| d.choosing) || (arriving && self.deterministic);
        let may_take = s.owner.is_none()
            && !scheduler_busy
            && match s.finalizer {
                Some(f) => f == me,
                None => s.queue.is_empty(),
            };
        if may_take {
            s.threads[me].stats.acquisitions += 1;
            self.start_slice(&mut s, me, now);
            return;
        }
        set_state(&mut s, me, State::Waiting, now);
        s.threads[me].asking = true;
        s.queue.push_back(me);
        self.sync_waiting(&s);
        if arriving {
            self.sched.notify_all();
        }
        self.wait_for_turn(s, me);
    }

    /// Parks until the lock has been handed to `me`. In normal mode a waiter that waits a whole
    /// switch interval asks for the lock and has the holder check at its next instruction.
    fn wait_for_turn<'a>(&'a self, mut s: MutexGuard<'a, Inner>, me: ThreadIndex) {
        let cond = s.threads[me].cond.clone();
        while s.owner != Some(me) {
            if s.finalizer.is_some() {
                cond.wait(&mut s);
            } else if self.deterministic {
                self.wait_deterministic(&mut s, me, &cond);
            } else {
                let patience = self.switch_interval().max(MIN_DROP_REQUEST_INTERVAL);
                let timed_out = cond.wait_for(&mut s, patience).timed_out();
                if timed_out && s.owner != Some(me) && s.owner.is_some() {
                    // Waited a whole switch interval: make the holder check at once.
                    s.threads[me].stats.drop_requests += 1;
                    self.drop_requested.store(true, Relaxed);
                    self.countdown.store(0, Relaxed);
                }
            }
        }
        // After a clock jump, really sleep until then; an interrupt cuts it short
        // (`wake_all_blocked` clears `resume_at`).
        while let Some(at) = s.threads[me].resume_at {
            if Instant::now() >= at {
                s.threads[me].resume_at = None;
                break;
            }
            cond.wait_until(&mut s, at);
        }
    }

    /// The holder offers the lock: it goes to the first asking thread in the queue and the holder
    /// queues behind everyone.
    fn hand_over(&self) {
        let mut s = self.inner.lock();
        let Some(me) = s.owner else { return };
        let now = self.now();
        let Some(pos) = s.queue.iter().position(|&i| self.asks(&s, i, now)) else { return };
        self.end_slice(&mut s, me, now);
        s.threads[me].stats.switches += 1;
        set_state(&mut s, me, State::Waiting, now);
        // Switched out: this thread asks again after a switch interval.
        s.threads[me].asking = false;
        s.queue.push_back(me);
        if let Some(next) = s.queue.remove(pos) {
            self.give(&mut s, next, now);
        }
        self.sync_waiting(&s);
        self.wait_for_turn(s, me);
    }

    /// The lock is being given up (its owner already accounted): hand it to the next thread or
    /// leave it free.
    fn pass_on(&self, s: &mut MutexGuard<'_, Inner>, now: u64) {
        s.owner = None;
        if s.finalizer.is_some() {
            // Only the finalizing thread may run; it takes the lock directly when it asks.
            if let Some(pos) = s.queue.iter().position(|&i| Some(i) == s.finalizer) {
                s.queue.remove(pos);
                let f = s.finalizer.unwrap_or(0);
                self.give(s, f, now);
            }
            self.sync_waiting(s);
            return;
        }
        let next = if self.deterministic {
            // Jumping the clock is only fair when no thread is away in real time.
            let may_jump = !s.threads.iter().any(|e| e.state == State::Away);
            self.choose_deterministic(s, may_jump)
        } else {
            s.queue.pop_front()
        };
        if let Some(next) = next {
            let now = self.now().max(now);
            self.give(s, next, now);
        }
        self.sync_waiting(s);
    }

    /// Publishes the queue length for the holder's lock-free check (always under the mutex).
    fn sync_waiting(&self, s: &Inner) {
        let interval = self.switch_interval_ns.load(Relaxed);
        let asking = s.queue.iter().filter(|&&i| s.threads[i].asking).count();
        let next_ask = s
            .queue
            .iter()
            .filter(|&&i| !s.threads[i].asking)
            .map(|&i| s.threads[i].since.saturating_add(interval))
            .min()
            .unwrap_or(u64::MAX);
        self.requests.store(asking, Relaxed);
        self.next_ask.store(next_ask, Relaxed);
        self.queue_len.store(s.queue.len(), Relaxed);
    }

    /// Does queued thread `i` ask for the lock: back from a blocking call or new, or switched out
    /// a whole switch interval ago?
    fn asks(&self, s: &Inner, i: ThreadIndex, now: u64) -> bool {
        let e = &s.threads[i];
        e.asking || now >= e.since.saturating_add(self.switch_interval_ns.load(Relaxed))
    }

    /// Makes `next` (already out of the queue) the owner and wakes it.
    fn give(&self, s: &mut Inner, next: ThreadIndex, now: u64) {
        let e = &mut s.threads[next];
        e.asking = false;
        let waited = now.saturating_sub(e.since);
        e.stats.acquisitions += 1;
        e.stats.contended += 1;
        e.stats.wait_ns += waited;
        e.stats.max_wait_ns = e.stats.max_wait_ns.max(waited);
        self.start_slice(s, next, now);
        s.threads[next].cond.notify_one();
    }

    fn start_slice(&self, s: &mut Inner, me: ThreadIndex, now: u64) {
        s.owner = Some(me);
        set_state(s, me, State::Running, now);
        s.slice_start = now;
        self.slice_started.store(now, Relaxed);
        let n = match &mut s.det {
            Some(det) => deterministic::draw_interval(det, self.check_interval.load(Relaxed)),
            None => self.check_interval.load(Relaxed).max(1),
        };
        self.slice_len.store(n, Relaxed);
        self.countdown.store(n, Relaxed);
        self.slice_bytecodes.store(0, Relaxed);
    }

    /// Accounts the holder's finished slice: held time, bytecodes, one timeline record.
    fn end_slice(&self, s: &mut Inner, me: ThreadIndex, now: u64) {
        let left = self.countdown.load(Relaxed);
        let len = self.slice_len.load(Relaxed);
        let ran = self.slice_bytecodes.swap(0, Relaxed) + len.saturating_sub(left) as u64;
        if let Some(det) = &mut s.det {
            det.clock_ns += ran * VIRTUAL_NS_PER_BYTECODE;
        }
        let start = s.slice_start;
        let e = &mut s.threads[me];
        e.stats.bytecodes += ran;
        e.stats.held_ns += now.saturating_sub(start);
        s.timeline.push(Slice { ident: me as u64 + 1, start_ns: start, end_ns: now });
        if let Some(trace) = &mut s.trace {
            trace.push(Span { ident: me as u64 + 1, kind: SpanKind::Running, call: "", start_ns: start, end_ns: now });
        }
    }

    /// Nanoseconds since the lock was made (the time base of [`Slice`]s).
    pub fn elapsed_ns(&self) -> u64 {
        self.now()
    }
}

fn new_entry(s: &mut Inner, name: String, state: State, now: u64) -> ThreadIndex {
    s.threads.push(Entry {
        name,
        native_id: 0,
        state,
        since: now,
        call: NOT_IN_PYTHON,
        cond: Arc::new(Condvar::new()),
        stats: ThreadStats::default(),
        asking: false,
        woken: false,
        resume_at: None,
    });
    s.threads.len() - 1
}

/// Moves a thread to a new state, accounting the time it spent blocked (and in which call).
fn set_state(s: &mut Inner, i: ThreadIndex, state: State, now: u64) {
    let e = &mut s.threads[i];
    let blocked = matches!(e.state, State::Away | State::Blocked { .. });
    if blocked {
        e.stats.add_blocked(e.call, now.saturating_sub(e.since));
    }
    if let Some(trace) = &mut s.trace {
        let kind = match e.state {
            State::Waiting => Some(SpanKind::Waiting),
            _ if blocked => Some(SpanKind::Blocked),
            _ => None,
        };
        if let Some(kind) = kind {
            let call = if blocked { e.call } else { "" };
            trace.push(Span { ident: i as u64 + 1, kind, call, start_ns: e.since, end_ns: now });
        }
    }
    e.state = state;
    e.since = now;
}

/// The OS thread id (`threading.get_native_id()`), read from `/proc/thread-self` where there is
/// one; elsewhere 0.
fn native_thread_id() -> u64 {
    std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
