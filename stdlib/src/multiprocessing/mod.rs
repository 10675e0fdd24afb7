//! `multiprocessing`: real child processes, each with its own interpreter and GIL.
//!
//! Split as in CPython: the Python-level API (Process, Queue, Pipe, Pool, managers, the spawn
//! protocol) is Python source in `lib/multiprocessing/`, frozen into the binary; this folder is the
//! native `_multiprocessing` module under it, the parts that need the OS:
//! - `fdio.rs`: framed messages over pipes and sockets (`Connection`'s wire format), `poll`.
//! - `shm.rs`: memory shared between processes (memfd regions) and the typed arrays behind
//!   `Value` and `Array`.
//! - `semlock.rs`: the process-shared semaphore behind every lock.
//! - `feeder.rs`: the native thread that writes a Queue's messages to its pipe.
//! - `socket.rs`: TCP and Unix listeners and clients, and the authkey HMAC.
//! - `popen.rs`: starting a child (spawn), its pid, sentinel, exit code, terminate and kill.
//!
//! Spawn protocol: the parent runs `EXE --multiprocessing-fork` (see [`CHILD_FLAG`]) with the fds
//! the child needs inherited at the same numbers, and writes the pickled preparation data and
//! process object to the child's stdin. A host application that embeds gilpy calls
//! [`run_child_if_requested`] at the top of `main` to be usable as that EXE.
//!
//! # Faults (tested by `tests/mp_faults.rs`)
//! - A child killed (SIGKILL, `Process.kill`) mid-work: `join` returns with exitcode `-9`, the
//!   other end of its pipes reads EOF (`EOFError`) once no other process holds a copy of its
//!   end, `Queue.get(timeout=...)` raises `queue.Empty` when the time is up, and messages put by
//!   the processes still alive all arrive.
//! - **Locks a killed child held stay held**, as in CPython: a process-shared semaphore has no
//!   owner the OS could release it for. `acquire(timeout=...)` returns False, a `Queue` whose
//!   read lock the child held raises `queue.Empty` on `get(timeout=...)`, and an untimed acquire
//!   waits for ever. The same holds for a Manager's `Lock`. A child killed while its queue
//!   feeder held the queue's write lock leaves that lock held too, so other writers' messages
//!   stay buffered (and their exit, which flushes them, waits): kill only processes that hold
//!   no lock anyone still needs (or use `terminate` after telling them to stop).
//! - A dead manager: a call waiting for its answer raises `EOFError`, later calls on the same
//!   connection `BrokenPipeError`, new connections `ConnectionRefusedError` (CPython's types).
//! - A `Pool` worker that dies in a task: that task's result raises `WorkerLostError` (CPython's
//!   pool would hang), the worker is replaced and the pool goes on.
//! - Cleanup: shared memory and semaphores are anonymous `memfd`s (nothing in `/dev/shm`), freed
//!   with their last user; Unix sockets live in one temp dir per process tree, removed by the
//!   process that made it at exit (even when a manager was killed); managers still running at
//!   exit are shut down, daemonic children terminated, the others joined, so no zombie or
//!   orphan is left. If a process is SIGKILLed, none of this runs in it; still, the server of
//!   a manager it started stops when it sees its parent gone (CPython's would run on) and its
//!   pool workers exit at EOF on their task pipes. Its other non-daemonic children go on, as in
//!   CPython.

mod fdio;
mod feeder;
mod popen;
mod semlock;
mod shm;
mod socket;

use gilpy_interpreter::builtins::types::make_class;
use gilpy_interpreter::object::{NativeFn, NativeFunction, ObjRef, Payload};
use gilpy_interpreter::{InterpreterBuilder, PyResult, Value, Vm};

/// The command-line flag that makes a gilpy binary a multiprocessing child.
pub const CHILD_FLAG: &str = "--multiprocessing-fork";

pub fn install(builder: InterpreterBuilder) -> InterpreterBuilder {
    builder.native_module("_multiprocessing", init)
}

/// The Python code a child runs: see `lib/multiprocessing/spawn.py`.
pub const CHILD_MAIN: &str = "from multiprocessing.spawn import spawn_main; spawn_main()";

/// For hosts embedding gilpy: if this process was started as a multiprocessing child (its
/// arguments hold [`CHILD_FLAG`]), runs the child with `builder`'s interpreter and returns the
/// exit status the process should exit with; otherwise returns `None` and the host goes on.
pub fn run_child_if_requested(builder: InterpreterBuilder) -> Option<i32> {
    if !std::env::args().any(|a| a == CHILD_FLAG) {
        return None;
    }
    let interp = builder.build();
    let status = match interp.run_main("<multiprocessing child>", CHILD_MAIN) {
        Ok(()) => 0,
        Err((traceback, status)) => {
            eprint!("{traceback}");
            status
        }
    };
    interp.shutdown();
    Some(status)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("send_bytes", fdio::send_bytes),
    ("recv_bytes", fdio::recv_bytes),
    ("poll", fdio::poll),
    ("wait_fds", fdio::wait_fds),
    ("pipe", fdio::pipe),
    ("socketpair", fdio::socketpair),
    ("close", fdio::close),
    ("write_raw", fdio::write_raw),
    ("semlock_new", semlock::semlock_new),
    ("semlock_attach", semlock::semlock_attach),
    ("shared_array", shm::shared_array),
    ("attach_array", shm::attach_array),
    ("spawn", popen::spawn),
    ("feeder_new", feeder::feeder_new),
    ("flush_feeders", feeder::flush_feeders),
    ("tcp_listen", socket::tcp_listen),
    ("unix_listen", socket::unix_listen),
    ("accept", socket::accept),
    ("tcp_connect", socket::tcp_connect),
    ("unix_connect", socket::unix_connect),
    ("hmac_digest", socket::hmac_digest),
    ("random_bytes", socket::random_bytes),
    ("read_stdin", popen::read_stdin),
    ("import_main", import_main),
    ("format_exception", format_exception),
];

fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("_multiprocessing");
    let dict = vm.module_dict(&module).expect("a module has a dict");
    for (name, func) in FUNCTIONS {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction { name, func: *func, bound: None, owner: None }));
        vm.dict_set_str_value(&dict, Value::str(name), Value::Obj(f));
    }
    let classes: [(&'static str, &[(&'static str, NativeFn)]); 4] = [
        ("SemLock", semlock::METHODS),
        ("SharedArray", shm::ARRAY_METHODS),
        ("Popen", popen::METHODS),
        ("Feeder", feeder::METHODS),
    ];
    for (name, methods) in classes {
        let class = make_class(name, None, None, true, methods);
        vm.dict_set_str_value(&dict, Value::str(name), Value::Obj(class));
    }
    vm.dict_set_str_value(&dict, Value::str("RECURSIVE_MUTEX"), Value::Int(semlock::RECURSIVE_MUTEX));
    vm.dict_set_str_value(&dict, Value::str("SEMAPHORE"), Value::Int(semlock::SEMAPHORE));
    vm.dict_set_str_value(&dict, Value::str("CHILD_FLAG"), Value::str(CHILD_FLAG));
    Ok(module)
}

/// One of the classes `init` made, from this interpreter's `_multiprocessing` module.
fn native_class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let module = vm.import_module("_multiprocessing")?;
    match vm.get_attr_str(&module, name)? {
        Value::Obj(class) => Ok(class),
        _ => Err(vm.type_error("_multiprocessing is damaged")),
    }
}

/// `import_main(path)`: runs the parent's main script as `__mp_main__` and makes it `__main__`
/// too, so the `if __name__ == '__main__':` guard skips the parent's work and objects pickled by
/// reference to `__main__` are found.
fn import_main(vm: &mut Vm, args: gilpy_interpreter::Args<'_>) -> PyResult<Value> {
    let path = args.get(0, "path").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return Err(gilpy_interpreter::builtins::file::os_error(vm, &e, Some(Value::string(path)))),
    };
    let module = vm.exec_module_source("__mp_main__", &path, &text, None)?;
    let modules = vm.interp.modules.clone();
    vm.dict_set_str_value(&modules, Value::str("__main__"), module.clone());
    Ok(module)
}

/// `format_exception(exc)`: the traceback text an uncaught `exc` prints.
fn format_exception(vm: &mut Vm, args: gilpy_interpreter::Args<'_>) -> PyResult<Value> {
    match args.items.first() {
        Some(Value::Obj(exc)) => {
            let err = gilpy_interpreter::PyErr(exc.clone());
            Ok(Value::string(gilpy_interpreter::vm::errors::format_exception(vm, &err)))
        }
        _ => Err(vm.type_error("format_exception() needs an exception")),
    }
}
