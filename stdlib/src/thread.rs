//! `_thread`: the thin native core under `threading` (CPython's `Modules/_threadmodule.c`).
//!
//! Real OS threads, each with its own [`Vm`] and a known, large stack, all running one
//! interpreter under its GIL. Locks are the interpreter's GIL-aware `RawLock` (`vm/lock.rs`): they
//! block with the GIL released (or, under deterministic scheduling, inside the GIL's scheduler,
//! so the order of wake-ups is reproducible). Everything
//! richer (Thread, Condition, Event, ...) is Python in `lib/threading.py`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use gilpy_interpreter::builtins::types::TypeId;
use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::vm::lock::RawLock;
use gilpy_interpreter::vm::InterpreterState;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

/// Stack of every thread `_thread` starts: deep enough for the default recursion limit.
pub const THREAD_STACK_SIZE: usize = 64 * 1024 * 1024;

/// `_thread.TIMEOUT_MAX`, as CPython on 64-bit Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;

/// `acquire(blocking=True, timeout=-1)` arguments: how long to wait (`None`: forever).
fn parse_acquire_args(vm: &mut Vm, args: &Args<'_>) -> PyResult<Option<Duration>> {
    let pos = args.positional();
    if pos.len() > 3 {
        return Err(vm.type_error(format!("acquire() takes at most 2 arguments ({} given)", pos.len() - 1)));
    }
    for (k, _) in args.keywords() {
        if k != "blocking" && k != "timeout" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for acquire()")));
        }
    }
    let blocking = match args.get(1, "blocking") {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    let timeout = match args.get(2, "timeout") {
        Some(t) => vm.to_f64(t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(Some(Duration::ZERO));
    }
    if timeout == -1.0 {
        return Ok(None);
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(Some(Duration::from_secs_f64(timeout)))
}

// ----- LockType -----

struct LockData {
    raw: RawLock,
    /// What a blocking acquire is called in the GIL's statistics and timeline.
    call: &'static str,
}

/// The names `threading` and `queue` give their locks' waits (`_thread._lock_for`): the call
/// the lock implements, which is what a learner looking at `--gil-trace` wants to see.
const LOCK_CALL_NAMES: &[&str] = &[
    "Lock.acquire",
    "Thread.join",
    "Thread.start",
    "Condition.wait",
    "Event.wait",
    "Semaphore.acquire",
    "Barrier.wait",
    "Queue.get",
    "Queue.put",
    "Queue.join",
    "SimpleQueue.get",
];

fn lock_self<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a LockData> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => {
            n.downcast::<LockData>().ok_or_else(|| vm.type_error("descriptor requires a '_thread.lock' object"))
        }
        _ => Err(vm.type_error("descriptor requires a '_thread.lock' object")),
    }
}

fn lock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.items.len() > 1 {
        return Err(vm.type_error("lock() takes no arguments"));
    }
    new_lock(vm)
}

fn new_lock(vm: &mut Vm) -> PyResult<Value> {
    new_lock_for(vm, "Lock.acquire")
}

/// A new `_thread.lock` whose blocking acquires are named `call` in the GIL's statistics.
pub(crate) fn new_lock_for(vm: &mut Vm, call: &'static str) -> PyResult<Value> {
    let class = module_attr(vm, "LockType")?;
    let data = Box::new(LockData { raw: RawLock::default(), call });
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data }))))
}

/// The lock inside a `_thread.lock` object (for `queue`, whose native code takes `Queue.mutex`).
pub(crate) fn raw_lock_of(lock: &Value) -> Option<&RawLock> {
    match lock.payload() {
        Some(Payload::Native(n)) => n.downcast::<LockData>().map(|d| &d.raw),
        _ => None,
    }
}

/// `_thread._lock_for(call)`: a new lock whose blocking acquires are named `call` (one of
/// [`LOCK_CALL_NAMES`]) in `--gil-stats` and `--gil-trace`.
fn lock_for(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_lock_for", &args, 1, 1)?;
    let name = args.items[0].as_str().unwrap_or("");
    match LOCK_CALL_NAMES.iter().find(|&&known| known == name) {
        Some(&call) => new_lock_for(vm, call),
        None => Err(vm.value_error(format!("unknown blocking call name {name:?}"))),
    }
}

fn lock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = lock_self(vm, &args)?;
    let timeout = parse_acquire_args(vm, &args)?;
    Ok(Value::Bool(vm.acquire_lock_as(lock.call, &lock.raw, timeout)?))
}

fn lock_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = lock_self(vm, &args)?;
    Ok(Value::Bool(vm.acquire_lock_as(lock.call, &lock.raw, None)?))
}

fn lock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = lock_self(vm, &args)?;
    if !vm.release_lock(&lock.raw) {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_locked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(lock_self(vm, &args)?.raw.is_locked()))
}

fn lock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = lock_self(vm, &args)?;
    vm.release_lock(&lock.raw);
    Ok(Value::None)
}

fn lock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = lock_self(vm, &args)?;
    let state = if lock.raw.is_locked() { "locked" } else { "unlocked" };
    let addr = args.items[0].as_obj().map_or(0, |o| o.addr());
    Ok(Value::string(format!("<{state} _thread.lock object at {addr:#x}>")))
}

const LOCK_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", lock_new),
    ("acquire", lock_acquire),
    ("acquire_lock", lock_acquire),
    ("__enter__", lock_enter),
    ("release", lock_release),
    ("release_lock", lock_release),
    ("__exit__", lock_release),
    ("locked", lock_locked),
    ("locked_lock", lock_locked),
    // For threading.Condition: a plain lock is "owned" when anybody holds it (CPython's Python
    // fallback, done natively).
    ("_is_owned", lock_locked),
    ("_at_fork_reinit", lock_reinit),
    ("__repr__", lock_repr),
];

// ----- RLock -----

/// A re-entrant lock: the owner's ident and how many times it holds it. Only touched with the
/// GIL held, so plain atomics suffice.
#[derive(Default)]
struct RLockData {
    raw: RawLock,
    owner: AtomicUsize,
    count: AtomicUsize,
}

fn rlock_self<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a RLockData> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => {
            n.downcast::<RLockData>().ok_or_else(|| vm.type_error("descriptor requires a '_thread.RLock' object"))
        }
        _ => Err(vm.type_error("descriptor requires a '_thread.RLock' object")),
    }
}

fn rlock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let class = match args.items.first() {
        Some(Value::Obj(c)) if matches!(c.payload(), Payload::Class(_)) => c.clone(),
        _ => module_attr(vm, "RLock")?,
    };
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(RLockData::default()) }))))
}

fn rlock_acquire_timed(vm: &mut Vm, lock: &RLockData, timeout: Option<Duration>) -> PyResult<bool> {
    let me = vm.thread_id;
    if lock.count.load(Ordering::Relaxed) > 0 && lock.owner.load(Ordering::Relaxed) == me {
        lock.count.fetch_add(1, Ordering::Relaxed);
        return Ok(true);
    }
    if !vm.acquire_lock_as("RLock.acquire", &lock.raw, timeout)? {
        return Ok(false);
    }
    lock.owner.store(me, Ordering::Relaxed);
    lock.count.store(1, Ordering::Relaxed);
    Ok(true)
}

fn rlock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    let timeout = parse_acquire_args(vm, &args)?;
    Ok(Value::Bool(rlock_acquire_timed(vm, lock, timeout)?))
}

fn rlock_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    Ok(Value::Bool(rlock_acquire_timed(vm, lock, None)?))
}

fn rlock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    if lock.count.load(Ordering::Relaxed) == 0 || lock.owner.load(Ordering::Relaxed) != vm.thread_id {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    if lock.count.fetch_sub(1, Ordering::Relaxed) == 1 {
        lock.owner.store(0, Ordering::Relaxed);
        vm.release_lock(&lock.raw);
    }
    Ok(Value::None)
}

fn rlock_is_owned(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    Ok(Value::Bool(lock.count.load(Ordering::Relaxed) > 0 && lock.owner.load(Ordering::Relaxed) == vm.thread_id))
}

/// For `Condition.wait`: releases the lock completely, returning `(count, owner)`.
fn rlock_release_save(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    let count = lock.count.swap(0, Ordering::Relaxed);
    if count == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    let owner = lock.owner.swap(0, Ordering::Relaxed);
    vm.release_lock(&lock.raw);
    Ok(Value::tuple(vec![Value::Int(count as i64), Value::Int(owner as i64)]))
}

/// For `Condition.wait`: takes the lock back with the saved `(count, owner)`.
fn rlock_acquire_restore(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    let saved = args.items.get(1).cloned().unwrap_or(Value::None);
    let (count, owner) = match saved.payload() {
        Some(Payload::Tuple(t)) if t.len() == 2 => (vm.to_index(&t[0])?, vm.to_index(&t[1])?),
        _ => return Err(vm.type_error("_acquire_restore() argument must be a (count, owner) tuple")),
    };
    vm.acquire_lock_as("RLock.acquire", &lock.raw, None)?;
    lock.owner.store(owner as usize, Ordering::Relaxed);
    lock.count.store(count as usize, Ordering::Relaxed);
    Ok(Value::None)
}

fn rlock_recursion_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    let mine = lock.owner.load(Ordering::Relaxed) == vm.thread_id;
    Ok(Value::Int(if mine { lock.count.load(Ordering::Relaxed) as i64 } else { 0 }))
}

fn rlock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    lock.owner.store(0, Ordering::Relaxed);
    lock.count.store(0, Ordering::Relaxed);
    vm.release_lock(&lock.raw);
    Ok(Value::None)
}

fn rlock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let lock = rlock_self(vm, &args)?;
    let count = lock.count.load(Ordering::Relaxed);
    let state = if count > 0 { "locked" } else { "unlocked" };
    let owner = if count > 0 { lock.owner.load(Ordering::Relaxed) } else { 0 };
    let addr = args.items[0].as_obj().map_or(0, |o| o.addr());
    let class = vm.type_name(&args.items[0]);
    Ok(Value::string(format!("<{state} _thread.{class} object owner={owner} count={count} at {addr:#x}>")))
}

const RLOCK_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", rlock_new),
    ("acquire", rlock_acquire),
    ("__enter__", rlock_enter),
    ("release", rlock_release),
    ("__exit__", rlock_release),
    ("_is_owned", rlock_is_owned),
    ("_release_save", rlock_release_save),
    ("_acquire_restore", rlock_acquire_restore),
    ("_recursion_count", rlock_recursion_count),
    ("_at_fork_reinit", rlock_reinit),
    ("__repr__", rlock_repr),
];

// ----- threads -----

/// Threads started through `start_new_thread` and still running (`_thread._count()`).
#[derive(Default)]
struct ModuleState {
    running: Arc<AtomicUsize>,
}

fn start_new_thread(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("start_new_thread() takes no keyword arguments"));
    }
    let pos = args.positional();
    if !(2..=3).contains(&pos.len()) {
        return Err(vm.type_error(format!("start_new_thread expected at least 2 arguments, got {}", pos.len())));
    }
    let func = pos[0].clone();
    if !gilpy_interpreter::builtins::functions::is_callable(vm, &func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    let call_args = pos[1].clone();
    if !matches!(call_args.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    let kwargs = match pos.get(2) {
        None => None,
        Some(k) if k.is_none() => None,
        Some(k) if matches!(k.payload(), Some(Payload::Dict(_))) => Some(k.clone()),
        Some(_) => return Err(vm.type_error("optional 3rd arg must be a dictionary")),
    };
    let running = module_state(vm)?.running.clone();
    let state = vm.interp.clone();
    let index = state.gil.prepare_thread();
    running.fetch_add(1, Ordering::Relaxed);
    let spawned = {
        let state = state.clone();
        let running = running.clone();
        std::thread::Builder::new()
            .name(format!("gilpy-thread-{}", index + 1))
            .stack_size(THREAD_STACK_SIZE)
            .spawn(move || run_thread(state, index, func, call_args, kwargs, running))
    };
    if spawned.is_err() {
        state.gil.cancel_thread(index);
        running.fetch_sub(1, Ordering::Relaxed);
        return Err(vm.runtime_error("can't start new thread"));
    }
    Ok(Value::Int(index as i64 + 1))
}

/// The body of every thread: take the GIL, run `func(*args, **kwargs)`, report an escaping
/// exception, drop every Python value while still holding the GIL, give the GIL up for good.
fn run_thread(
    state: Arc<InterpreterState>,
    index: usize,
    func: Value,
    args: Value,
    kwargs: Option<Value>,
    running: Arc<AtomicUsize>,
) {
    gilpy_interpreter::vm::register_thread_stack(THREAD_STACK_SIZE);
    state.gil.adopt(index);
    state.gil.acquire();
    {
        let mut vm = Vm::new(state.clone());
        if let Err(err) = vm.call_ex(&func, &args, kwargs.as_ref()) {
            // An exceeded limit stopped the thread: the host hears of it from the interpreter.
            let quiet = vm.err_matches(&err, "SystemExit") || vm.err_matches(&err, "ResourceLimitExceeded");
            if !quiet {
                let func_repr = vm.repr_of(&func).unwrap_or_else(|_| "<function>".into());
                let text = format!(
                    "Exception ignored in thread started by: {func_repr}\n{}",
                    gilpy_interpreter::vm::errors::format_exception(&mut vm, &err)
                );
                write_stderr(&mut vm, &text);
            }
        }
        drop((func, args, kwargs));
        // Finalizers queued on this thread (`__del__`, generators) run before it ends.
        gilpy_interpreter::vm::finalize::run_if_pending(&mut vm);
        gilpy_interpreter::flush_std(&mut vm);
    }
    running.fetch_sub(1, Ordering::Relaxed);
    state.gil.exit_thread();
}

/// Writes to `sys.stderr` (falling back to the interpreter's stderr sink).
pub fn write_stderr(vm: &mut Vm, text: &str) {
    let sys = vm.interp.sys.borrow(vm).clone();
    if let Some(sys) = sys {
        if let Ok(Some(err)) = gilpy_interpreter::vm::attr::get_attr_opt(vm, &Value::Obj(sys), "stderr") {
            if !err.is_none() && vm.call_method(&err, "write", &[Value::str(text)]).is_ok() {
                let _ = vm.call_method(&err, "flush", &[]);
                return;
            }
        }
    }
    use std::io::Write;
    let _ = vm.interp.stderr.lock().write_all(text.as_bytes());
}

fn get_ident(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.thread_id as i64))
}

fn get_native_id(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let id = vm.interp.gil.native_id(vm.thread_id.saturating_sub(1));
    Ok(Value::Int(if id == 0 { vm.thread_id as i64 } else { id as i64 }))
}

fn allocate_lock(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    new_lock(vm)
}

fn count(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(module_state(vm)?.running.load(Ordering::Relaxed) as i64))
}

fn thread_exit(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Err(vm.new_exception(vm.exc_class("SystemExit"), vec![]))
}

/// `_thread.interrupt_main()`: KeyboardInterrupt in the main thread at its next check.
fn interrupt_main(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("interrupt_main", &args, 0, 1)?;
    // Also wakes the main thread if it is blocked in a wait.
    gilpy_interpreter::limits::interrupt_main(&vm.interp);
    Ok(Value::None)
}

fn stack_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if let Some(size) = args.positional().first() {
        let size = vm.to_index(size)?;
        if size != 0 && size < 32768 {
            return Err(vm.value_error(format!("size not valid: {size} bytes")));
        }
    }
    Ok(Value::Int(0))
}

/// `_thread._set_name(ident, name)`: the name the GIL's statistics show for a thread.
fn set_name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_set_name", &args, 2, 2)?;
    let ident = vm.to_index(&args.items[0])?;
    let name = vm.str_of(&args.items[1])?;
    if ident >= 1 {
        vm.interp.gil.set_thread_name(ident as usize - 1, &name);
    }
    Ok(Value::None)
}

/// `_thread._is_alive(ident)`: has the thread not finished yet?
fn is_alive(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_is_alive", &args, 1, 1)?;
    let ident = vm.to_index(&args.items[0])?;
    Ok(Value::Bool(ident >= 1 && vm.interp.gil.is_alive(ident as usize - 1)))
}

/// `_thread._excepthook(args)`: `threading.excepthook`'s default, printing
/// `Exception in thread NAME:` and the traceback to `sys.stderr`.
fn excepthook(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_excepthook", &args, 1, 1)?;
    let hook_args = &args.items[0];
    let exc_type = vm.get_attr_str(hook_args, "exc_type")?;
    let exc_value = vm.get_attr_str(hook_args, "exc_value")?;
    let thread = vm.get_attr_str(hook_args, "thread")?;
    let system_exit = Value::Obj(vm.exc_class("SystemExit"));
    if exc_type.as_obj().zip(system_exit.as_obj()).is_some_and(|(a, b)| a.ptr_eq(b)) {
        return Ok(Value::None);
    }
    let name = if thread.is_none() {
        vm.thread_id.to_string()
    } else {
        match gilpy_interpreter::vm::attr::get_attr_opt(vm, &thread, "name")? {
            Some(n) => vm.str_of(&n)?,
            None => vm.thread_id.to_string(),
        }
    };
    let body = match exc_value.as_obj() {
        Some(o) if gilpy_interpreter::vm::errors::exception_data(o).is_some() => {
            gilpy_interpreter::vm::errors::format_exception(vm, &gilpy_interpreter::PyErr(o.clone()))
        }
        _ => format!("{}\n", vm.str_of(&exc_type)?),
    };
    write_stderr(vm, &format!("Exception in thread {name}:\n{body}"));
    Ok(Value::None)
}

fn monotonic(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(monotonic_seconds()))
}

/// Seconds on a clock that never goes back (the same base as `time.monotonic` in this crate).
pub fn monotonic_seconds() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() + 1.0
}

// ----- the module -----

fn module_attr(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let module = vm.import_module("_thread")?;
    match vm.get_attr_str(&module, name)? {
        Value::Obj(o) => Ok(o),
        _ => Err(vm.runtime_error(format!("_thread.{name} is missing"))),
    }
}

fn module_state(vm: &mut Vm) -> PyResult<Arc<ModuleState>> {
    let state = module_attr(vm, "_state")?;
    match state.payload() {
        Payload::Native(n) => match n.downcast::<Arc<ModuleState>>() {
            Some(s) => Ok(s.clone()),
            None => Err(vm.runtime_error("_thread._state is damaged")),
        },
        _ => Err(vm.runtime_error("_thread._state is damaged")),
    }
}

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("_thread");
    let object = vm.types().get(TypeId::Object).clone();
    let lock_class = crate::native_class(vm, "lock", "_thread", object.clone(), LOCK_METHODS);
    let rlock_class = crate::native_class(vm, "RLock", "_thread", object.clone(), RLOCK_METHODS);
    let state_class = crate::native_class(vm, "_ThreadState", "_thread", object, &[]);
    let state = Value::Obj(ObjRef::new(Payload::Native(Native {
        class: state_class,
        data: Box::new(Arc::new(ModuleState::default())),
    })));
    let functions: &[(&'static str, NativeFn)] = &[
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("_lock_for", lock_for),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", count),
        ("exit", thread_exit),
        ("exit_thread", thread_exit),
        ("stack_size", stack_size),
        ("interrupt_main", interrupt_main),
        ("_excepthook", excepthook),
        ("_set_name", set_name),
        ("_is_alive", is_alive),
        ("_monotonic", monotonic),
    ];
    crate::add_functions(vm, &module, functions);
    let runtime_error = Value::Obj(vm.exc_class("RuntimeError"));
    let values = [
        ("LockType", Value::Obj(lock_class)),
        ("RLock", Value::Obj(rlock_class)),
        ("_state", state),
        ("error", runtime_error),
        ("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX)),
    ];
    crate::set_attrs(vm, &module, values);
    Ok(module)
}
