//! `SemLock`: the one primitive behind every multiprocessing lock, semaphore, event, condition
//! and barrier, as in CPython. A process-shared POSIX semaphore lives in a shared region (see
//! `shm.rs`); a child maps the same region through the inherited fd.
//!
//! Kinds: `RECURSIVE_MUTEX` (RLock: the owner may re-acquire, others block) and `SEMAPHORE` (Lock,
//! Semaphore, BoundedSemaphore: `maxvalue` bounds releases). Ownership and the recursion count are
//! per process, as in CPython: a child starts owning nothing (a forked child too: a lock notices
//! that it is used in another process than the one its count belongs to, and forgets the count).

use std::io;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::shm::SharedRegion;

pub(super) const RECURSIVE_MUTEX: i64 = 0;
pub(super) const SEMAPHORE: i64 = 1;

pub(super) struct SemLock {
    /// Shared with queue feeder threads, which take the semaphore without the GIL.
    core: Arc<SemCore>,
    kind: i64,
    maxvalue: i64,
    /// Acquisitions by this process not yet released.
    count: AtomicI64,
    /// OS thread id of the last acquirer in this process.
    owner: AtomicI64,
    /// The process `count` and `owner` belong to (a forked child has a copy of them).
    pid: AtomicU32,
}

/// The semaphore itself: the shared region that holds it.
pub(super) struct SemCore {
    region: SharedRegion,
}

impl SemCore {
    fn sem(&self) -> *mut libc::sem_t {
        self.region.as_ptr().cast()
    }

    /// Takes the semaphore, blocking: for native threads that hold no GIL.
    pub fn wait_forever(&self) -> io::Result<()> {
        loop {
            // SAFETY: `sem()` points at the semaphore initialised in the live shared region.
            if unsafe { libc::sem_wait(self.sem()) } == 0 {
                return Ok(());
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    pub fn post(&self) {
        // SAFETY: as in `wait_forever`.
        unsafe { libc::sem_post(self.sem()) };
    }
}

impl SemLock {
    /// This process's handle on the semaphore in `region`, with nothing acquired yet.
    fn on_region(region: SharedRegion, kind: i64, maxvalue: i64) -> SemLock {
        SemLock {
            core: Arc::new(SemCore { region }),
            kind,
            maxvalue,
            count: AtomicI64::new(0),
            owner: AtomicI64::new(0),
            pid: AtomicU32::new(std::process::id()),
        }
    }

    fn sem(&self) -> *mut libc::sem_t {
        self.core.sem()
    }

    pub fn core(&self) -> Arc<SemCore> {
        self.core.clone()
    }

    /// In a forked child: the copied count is the parent's, and this process owns nothing.
    fn forget_parent_count(&self) {
        let me = std::process::id();
        if self.pid.load(Ordering::Relaxed) != me {
            self.count.store(0, Ordering::Relaxed);
            self.owner.store(0, Ordering::Relaxed);
            self.pid.store(me, Ordering::Relaxed);
        }
    }

    fn is_mine(&self) -> bool {
        self.count.load(Ordering::Relaxed) > 0 && self.owner.load(Ordering::Relaxed) == current_thread()
    }

    fn try_acquire(&self) -> io::Result<bool> {
        loop {
            // SAFETY: `sem()` points at the semaphore initialised in the live shared region.
            if unsafe { libc::sem_trywait(self.sem()) } == 0 {
                return Ok(true);
            }
            match io::Error::last_os_error() {
                e if e.raw_os_error() == Some(libc::EAGAIN) => return Ok(false),
                e if e.kind() == io::ErrorKind::Interrupted => continue,
                e => return Err(e),
            }
        }
    }

    /// Blocks (GIL released by the caller) until acquired or `timeout` passes.
    fn wait(&self, timeout: Option<Duration>) -> io::Result<bool> {
        let deadline = timeout.map(|t| SystemTime::now() + t);
        loop {
            let rc = match deadline {
                // SAFETY: as in `try_acquire`.
                None => unsafe { libc::sem_wait(self.sem()) },
                Some(at) => {
                    let since = at.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
                    let when = libc::timespec {
                        tv_sec: since.as_secs() as libc::time_t,
                        tv_nsec: since.subsec_nanos() as libc::c_long,
                    };
                    // SAFETY: as in `try_acquire`; `when` is a valid timespec on our stack.
                    unsafe { libc::sem_timedwait(self.sem(), &when) }
                }
            };
            if rc == 0 {
                return Ok(true);
            }
            match io::Error::last_os_error() {
                e if e.raw_os_error() == Some(libc::ETIMEDOUT) => return Ok(false),
                e if e.kind() == io::ErrorKind::Interrupted => continue,
                e => return Err(e),
            }
        }
    }

    fn value(&self) -> i64 {
        let mut v: libc::c_int = 0;
        // SAFETY: as in `try_acquire`; `v` is a valid out-pointer.
        unsafe { libc::sem_getvalue(self.sem(), &mut v) };
        v as i64
    }
}

fn current_thread() -> i64 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() as i64 }
}

pub(super) const METHODS: &[(&str, NativeFn)] = &[
    ("acquire", acquire),
    ("release", release),
    ("_count", count),
    ("_is_mine", is_mine),
    ("_get_value", get_value),
    ("_is_zero", is_zero),
    ("fileno", fileno),
    ("kind", kind),
    ("maxvalue", maxvalue),
];

pub(super) fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a SemLock> {
    let lock = match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => n.downcast::<SemLock>().ok_or_else(|| vm.type_error("expected a SemLock")),
        _ => Err(vm.type_error("expected a SemLock")),
    }?;
    lock.forget_parent_count();
    Ok(lock)
}

fn wrap(vm: &mut Vm, lock: SemLock) -> PyResult<Value> {
    let class: ObjRef = super::native_class(vm, "SemLock")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(lock) }))))
}

fn kind_and_max(vm: &mut Vm, args: &Args<'_>, kind_at: usize) -> PyResult<(i64, i64)> {
    let kind = match args.get(kind_at, "kind") {
        Some(v) => vm.to_index(v)?,
        None => SEMAPHORE,
    };
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    let maxvalue = match args.get(kind_at + 1, "maxvalue") {
        Some(v) => vm.to_index(v)?,
        None => i32::MAX as i64,
    };
    Ok((kind, maxvalue))
}

/// `semlock_new(kind, value, maxvalue)`.
pub(super) fn semlock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (kind, maxvalue) = kind_and_max(vm, &args, 0)?;
    let value = match args.get(2, "value") {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    if !(0..=i32::MAX as i64).contains(&value) {
        return Err(vm.value_error("invalid value"));
    }
    let region = SharedRegion::create(std::mem::size_of::<libc::sem_t>()).map_err(|e| os_error(vm, &e, None))?;
    // SAFETY: the region is at least sizeof(sem_t), page-aligned, shared; pshared=1 makes the
    // semaphore usable from every process that maps the region.
    if unsafe { libc::sem_init(region.as_ptr().cast(), 1, value as libc::c_uint) } != 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    wrap(vm, SemLock::on_region(region, kind, maxvalue))
}

/// `semlock_attach(fd, kind, maxvalue)`: a child's handle on an inherited semaphore.
pub(super) fn semlock_attach(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = super::fdio::fd_arg(vm, &args, 0, "fd")?;
    let (kind, maxvalue) = kind_and_max(vm, &args, 1)?;
    // SAFETY: dup of an inherited fd number; a bad number gives EBADF.
    let own = unsafe { libc::dup(fd) };
    if own < 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    let region = SharedRegion::attach(own).map_err(|e| os_error(vm, &e, None))?;
    if region.len < std::mem::size_of::<libc::sem_t>() {
        return Err(vm.value_error("not a semaphore region"));
    }
    wrap(vm, SemLock::on_region(region, kind, maxvalue))
}

/// `acquire(block=True, timeout=None)`.
fn acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = this(vm, &args)?;
    let block = match args.get(1, "block") {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let timeout = match args.get(2, "timeout") {
        None | Some(Value::None) => None,
        Some(v) => Some(Duration::from_secs_f64(vm.to_f64(v)?.max(0.0))),
    };
    if lock.kind == RECURSIVE_MUTEX && lock.is_mine() {
        lock.count.fetch_add(1, Ordering::Relaxed);
        return Ok(Value::Bool(true));
    }
    let got = match lock.try_acquire() {
        Ok(true) => Ok(true),
        Ok(false) if !block || timeout == Some(Duration::ZERO) => Ok(false),
        // In slices, so that an interrupt stops a wait for a lock another process holds.
        Ok(false) => {
            let deadline = timeout.map(|t| std::time::Instant::now() + t);
            let waited = vm.wait_interruptibly("SemLock.acquire", deadline, |slice| match lock.wait(Some(slice)) {
                Ok(false) => None,
                done => Some(done),
            })?;
            waited.unwrap_or(Ok(false))
        }
        Err(e) => Err(e),
    };
    match got {
        Ok(true) => {
            lock.count.fetch_add(1, Ordering::Relaxed);
            lock.owner.store(current_thread(), Ordering::Relaxed);
            Ok(Value::Bool(true))
        }
        Ok(false) => Ok(Value::Bool(false)),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

fn release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = this(vm, &args)?;
    if lock.kind == RECURSIVE_MUTEX {
        if !lock.is_mine() {
            return Err(vm.new_exception_msg("AssertionError", "attempt to release recursive lock not owned by thread"));
        }
        if lock.count.load(Ordering::Relaxed) > 1 {
            lock.count.fetch_sub(1, Ordering::Relaxed);
            return Ok(Value::None);
        }
    } else if lock.maxvalue == 1 {
        // A Lock: releasing an unlocked one is an error, found by trying to take it.
        match lock.try_acquire() {
            Ok(true) => {
                // SAFETY: undoes the wait we just made on the live semaphore.
                unsafe { libc::sem_post(lock.sem()) };
                return Err(vm.value_error("semaphore or lock released too many times"));
            }
            Ok(false) => {}
            Err(e) => return Err(os_error(vm, &e, None)),
        }
    } else if lock.maxvalue < i32::MAX as i64 && lock.value() >= lock.maxvalue {
        return Err(vm.value_error("semaphore or lock released too many times"));
    }
    // SAFETY: the live, initialised semaphore.
    if unsafe { libc::sem_post(lock.sem()) } != 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    let _ = lock.count.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| Some((c - 1).max(0)));
    Ok(Value::None)
}

fn count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.count.load(Ordering::Relaxed)))
}

fn is_mine(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(this(vm, &args)?.is_mine()))
}

fn get_value(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.value()))
}

fn is_zero(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(this(vm, &args)?.value() == 0))
}

fn fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.core.region.fd as i64))
}

fn kind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.kind))
}

fn maxvalue(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.maxvalue))
}
