//! The feeder behind `multiprocessing.Queue.put`: a native thread per queue per process that
//! writes already-pickled messages to the queue's pipe, so `put` never blocks on a full pipe
//! (as CPython's feeder thread), but without the GIL: the feeder touches no Python object.
//!
//! Each message is written under the queue's cross-process write lock, so messages of different
//! processes never interleave. The thread writes to its own duplicate of the pipe's fd, so the
//! Python `Connection` may be closed or dropped while messages are still on their way.
//!
//! Every feeder thread is in [`THREADS`] until joined: `close`, or dropping the Feeder, lets the
//! thread drain what is buffered and stop; `join` waits for that, and [`flush_feeders`] (called
//! when the process's multiprocessing state shuts down) joins every thread left, so nothing put
//! is lost at exit, unless `cancel_join` said not to wait (CPython's `cancel_join_thread`).
//!
//! After `os.fork()` the child has copies of the feeders and of [`THREADS`] but none of the
//! threads: everything remembers the pid it was made in, and in any other process the channel
//! and the thread handles are leaked instead of touched (joining or detaching a thread that
//! does not exist is undefined; the vanished thread may have held the channel's internals).
//! `multiprocessing.Queue` starts a new feeder in the child.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};
use parking_lot::Mutex;

use super::semlock::SemCore;

/// The sending side of a feeder's message stream; `None` once the stream has ended.
type Stream = Arc<Mutex<Option<Sender<Vec<u8>>>>>;

pub(super) struct Feeder {
    id: u64,
    /// The process whose thread this is.
    pid: u32,
    sender: Stream,
}

impl Drop for Feeder {
    fn drop(&mut self) {
        if inherited(self.pid) {
            forget_stream(&self.sender);
            return;
        }
        // Ends the message stream: the thread writes what it has and stops. It stays in THREADS
        // for the exit flush.
        self.sender.lock().take();
    }
}

struct Running {
    id: u64,
    /// The process whose thread this is.
    pid: u32,
    sender: Stream,
    thread: JoinHandle<()>,
}

/// Made in a process this is not (a forked child's copy)?
fn inherited(pid: u32) -> bool {
    pid != std::process::id()
}

/// Leaks what a forked child must not touch: the stream's sender (its channel may be locked by
/// a thread that does not exist here).
fn forget_stream(stream: &Stream) {
    std::mem::forget(stream.lock().take());
}

/// Leaks the feeder threads this process inherited from its parent: they do not run here.
fn forget_inherited(threads: &mut Vec<Running>) {
    let (ours, theirs): (Vec<Running>, Vec<Running>) =
        std::mem::take(threads).into_iter().partition(|r| !inherited(r.pid));
    *threads = ours;
    for running in theirs {
        forget_stream(&running.sender);
        std::mem::forget(running);
    }
}

/// Feeder threads not joined yet.
static THREADS: Mutex<Vec<Running>> = Mutex::new(Vec::new());
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn take_thread(id: u64) -> Option<JoinHandle<()>> {
    let mut threads = THREADS.lock();
    forget_inherited(&mut threads);
    let index = threads.iter().position(|r| r.id == id)?;
    Some(threads.swap_remove(index).thread)
}

/// Owns the feeder's duplicate of the write end.
struct OwnedFd(i32);

impl Drop for OwnedFd {
    fn drop(&mut self) {
        // SAFETY: the fd was dup'ed for this thread alone.
        unsafe { libc::close(self.0) };
    }
}

fn feed(fd: OwnedFd, lock: Option<Arc<SemCore>>, messages: Receiver<Vec<u8>>) {
    for message in messages {
        if let Some(lock) = &lock {
            if lock.wait_forever().is_err() {
                return;
            }
        }
        let result = super::fdio::write_message(fd.0, &message);
        if let Some(lock) = &lock {
            lock.post();
        }
        if result.is_err() {
            // The reading end is gone (EPIPE): like CPython's feeder, drop what is left.
            return;
        }
    }
}

/// `feeder_new(write_fd, wlock)`: `wlock` is a SemLock or None.
pub(super) fn feeder_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = super::fdio::fd_arg(vm, &args, 0, "fd")?;
    let lock = match args.get(1, "wlock") {
        None | Some(Value::None) => None,
        Some(lock) => {
            let items = [lock.clone()];
            Some(super::semlock::this(vm, &Args::new(&items))?.core())
        }
    };
    // SAFETY: F_DUPFD_CLOEXEC makes a new fd (or fails) and touches no memory.
    let own = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if own < 0 {
        return Err(os_error(vm, &std::io::Error::last_os_error(), None));
    }
    let own = OwnedFd(own);
    let (sender, receiver) = channel();
    let thread = std::thread::Builder::new()
        .name("gilpy-queue-feeder".into())
        .spawn(move || feed(own, lock, receiver))
        .map_err(|e| vm.runtime_error(format!("can't start new thread: {e}")))?;
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let sender: Stream = Arc::new(Mutex::new(Some(sender)));
    {
        let mut threads = THREADS.lock();
        forget_inherited(&mut threads);
        threads.retain(|r| !r.thread.is_finished());
        threads.push(Running { id, pid: std::process::id(), sender: sender.clone(), thread });
    }
    let feeder = Feeder { id, pid: std::process::id(), sender };
    let class: ObjRef = super::native_class(vm, "Feeder")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(feeder) }))))
}

pub(super) const METHODS: &[(&str, NativeFn)] =
    &[("put", put), ("close", close), ("join", join), ("cancel_join", cancel_join)];

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a Feeder> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => n.downcast::<Feeder>().ok_or_else(|| vm.type_error("expected a Feeder")),
        _ => Err(vm.type_error("expected a Feeder")),
    }
}

fn put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let feeder = this(vm, &args)?;
    let Some(data) = args.get(1, "data").and_then(|v| bytes_like(vm, v)) else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    match feeder.sender.lock().as_ref() {
        Some(sender) if sender.send(data).is_ok() => Ok(Value::None),
        _ => Err(vm.value_error("Queue is closed")),
    }
}

fn close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let feeder = this(vm, &args)?;
    if inherited(feeder.pid) {
        forget_stream(&feeder.sender);
    } else {
        feeder.sender.lock().take();
    }
    Ok(Value::None)
}

/// Waits (GIL released) until the feeder has written everything and stopped.
fn join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let feeder = this(vm, &args)?;
    if inherited(feeder.pid) {
        forget_stream(&feeder.sender);
        return Ok(Value::None);
    }
    feeder.sender.lock().take();
    if let Some(thread) = take_thread(feeder.id) {
        vm.allow_threads_as("Queue.join_thread", move || {
            let _ = thread.join();
        });
    }
    Ok(Value::None)
}

/// Forgets the thread: exit will not wait for it to write what is left.
fn cancel_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    take_thread(this(vm, &args)?.id);
    Ok(Value::None)
}

/// `flush_feeders()`: joins every feeder thread of this process not joined yet (at exit). The
/// streams of feeders still referenced end here too.
pub(super) fn flush_feeders(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let threads = {
        let mut threads = THREADS.lock();
        forget_inherited(&mut threads);
        std::mem::take(&mut *threads)
    };
    vm.allow_threads_as("Queue.join_thread", move || {
        for running in threads {
            running.sender.lock().take();
            let _ = running.thread.join();
        }
    });
    Ok(Value::None)
}
