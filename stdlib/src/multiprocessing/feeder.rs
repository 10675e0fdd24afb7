//! The feeder behind `multiprocessing.Queue.put`: a native thread per queue per process that
//! writes already-pickled messages to the queue's pipe, so `put` never blocks on a full pipe
//! (as CPython's feeder thread), but without the GIL: the feeder touches no Python object.
//!
//! Each message is written under the queue's cross-process write lock, so messages of different
//! processes never interleave. `close` lets the thread drain what is buffered and stop; `join`
//! waits for that (the process does it at exit, so nothing put is lost).
//!
//! After `os.fork()` the child has a copy of the feeder but not its thread: a feeder knows the
//! pid it was started in, and in any other process `close`, `join` and dropping it leak the
//! channel and the thread handle instead of touching them (joining a thread that does not
//! exist would wait for ever; the channel's internals may have been locked by the vanished
//! thread). `multiprocessing.Queue` starts a new feeder in the child.

use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};
use parking_lot::Mutex;

use super::semlock::SemCore;

pub(super) struct Feeder {
    sender: Mutex<Option<Sender<Vec<u8>>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// The process whose thread this is.
    pid: u32,
}

impl Feeder {
    /// In a forked child: the feeder's thread does not exist here.
    fn inherited(&self) -> bool {
        self.pid != std::process::id()
    }

    /// Stops using an inherited feeder without touching its channel or thread.
    fn forget(&self) {
        std::mem::forget(self.sender.lock().take());
        std::mem::forget(self.thread.lock().take());
    }
}

impl Drop for Feeder {
    fn drop(&mut self) {
        if self.inherited() {
            self.forget();
        }
    }
}

fn feed(fd: i32, lock: Option<Arc<SemCore>>, messages: std::sync::mpsc::Receiver<Vec<u8>>) {
    for message in messages {
        if let Some(lock) = &lock {
            if lock.wait_forever().is_err() {
                return;
            }
        }
        let result = super::fdio::write_message(fd, &message);
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
    let (sender, receiver) = channel();
    let thread = std::thread::Builder::new()
        .name("gilpy-queue-feeder".into())
        .spawn(move || feed(fd, lock, receiver))
        .map_err(|e| vm.runtime_error(format!("can't start new thread: {e}")))?;
    let feeder = Feeder { sender: Mutex::new(Some(sender)), thread: Mutex::new(Some(thread)), pid: std::process::id() };
    let class: ObjRef = super::native_class(vm, "Feeder")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(feeder) }))))
}

pub(super) const METHODS: &[(&str, NativeFn)] = &[("put", put), ("close", close), ("join", join)];

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a Feeder> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => n.downcast::<Feeder>().ok_or_else(|| vm.type_error("expected a Feeder")),
        _ => Err(vm.type_error("expected a Feeder")),
    }
}

fn put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let feeder = this(vm, &args)?;
    if feeder.inherited() {
        return Err(vm.value_error("Queue feeder belongs to another process"));
    }
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
    if feeder.inherited() {
        feeder.forget();
        return Ok(Value::None);
    }
    feeder.sender.lock().take();
    Ok(Value::None)
}

/// Waits (GIL released) until the feeder has written everything and stopped.
fn join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let feeder = this(vm, &args)?;
    if feeder.inherited() {
        feeder.forget();
        return Ok(Value::None);
    }
    feeder.sender.lock().take();
    let thread = feeder.thread.lock().take();
    if let Some(thread) = thread {
        vm.allow_threads_as("Queue.join_thread", move || {
            let _ = thread.join();
        });
    }
    Ok(Value::None)
}
