//! `_queue.Condition`: what `Queue.not_empty`, `not_full` and `all_tasks_done` are. Each is a
//! view of one of the queue core's wait lists over the queue's `mutex`, with
//! `threading.Condition`'s interface (`with`, `acquire`, `release`, `wait`, `wait_for`,
//! `notify`, `notify_all`), so Python code that waits on or notifies them meets the threads
//! blocked in the native `get`, `put` and `join`.

use gilpy_interpreter::bytecode::CompareOp;
use gilpy_interpreter::object::{NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::core::{core_of, QueueCore};
use super::wait::{self, Held, Left, WaitList};
use crate::util;

#[derive(Clone, Copy)]
pub enum Which {
    NotEmpty,
    NotFull,
    AllTasksDone,
}

struct CondData {
    /// The queue's native core.
    core: Value,
    which: Which,
}

impl CondData {
    fn core<'a>(&'a self, vm: &Vm) -> PyResult<&'a QueueCore> {
        core_of(vm, &self.core)
    }

    fn list<'a>(&self, core: &'a QueueCore) -> &'a WaitList {
        match self.which {
            Which::NotEmpty => &core.not_empty,
            Which::NotFull => &core.not_full,
            Which::AllTasksDone => &core.all_tasks_done,
        }
    }
}

pub fn new_condition(vm: &mut Vm, core: Value, which: Which) -> PyResult<Value> {
    let class = util::module_class(vm, "_queue", "_Condition")?;
    Ok(util::new_native(vm, &class, CondData { core, which }))
}

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a CondData> {
    match args.items.first() {
        Some(v) => util::native_data::<CondData>(vm, v, "Condition"),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

/// Calls the queue mutex's method `name` with the rest of `args` (`acquire`, `release`).
fn forward(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let cond = this(vm, args)?;
    let mutex = cond.core(vm)?.mutex_value().clone();
    let method = vm.get_attr_str(&mutex, name)?;
    vm.call(&method, Args { items: &args.items[1..], kwnames: args.kwnames })
}

fn cond_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, &args, "acquire")
}

fn cond_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, &args, "release")
}

fn cond_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, &Args::new(&args.items[..1]), "__enter__")
}

fn cond_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, &Args::new(&args.items[..1]), "release")
}

/// A plain lock is "owned" when anybody holds it (`threading.Condition._is_owned`).
fn is_owned(vm: &Vm, core: &QueueCore) -> PyResult<bool> {
    Ok(core.mutex(vm)?.is_locked())
}

fn cond_is_owned(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    Ok(Value::Bool(is_owned(vm, cond.core(vm)?)?))
}

/// How long `wait(timeout)` may block: `Condition.wait` waits only for a positive timeout.
fn wait_time(vm: &mut Vm, timeout: &Value) -> PyResult<Left> {
    if timeout.is_none() {
        return Ok(Left::Wait(None));
    }
    let positive = match timeout {
        Value::Int(i) => *i > 0,
        Value::Float(f) => *f > 0.0,
        other => {
            let gt = vm.compare(other, &Value::Int(0), CompareOp::Gt)?;
            vm.is_true(&gt)?
        }
    };
    if !positive {
        return Ok(Left::Passed);
    }
    let seconds = vm.to_f64(timeout)?;
    super::deadline_after(seconds).left(vm)
}

/// `wait(timeout)` with the lock held; true unless it timed out. Like `threading.Condition`, it
/// takes the mutex back before returning even when interrupted, so `with` can release it.
fn wait_once(vm: &mut Vm, cond: &CondData, timeout: &Value) -> PyResult<bool> {
    let core = cond.core(vm)?;
    if !is_owned(vm, core)? {
        return Err(vm.runtime_error("cannot wait on un-acquired lock"));
    }
    let timeout = match wait_time(vm, timeout)? {
        Left::Passed => Some(std::time::Duration::ZERO),
        Left::Wait(t) => t,
    };
    let mut mutex = Held { lock: core.mutex(vm)?, held: true };
    let result = wait::wait(vm, "Condition.wait", cond.list(core), Some(&mut mutex), timeout);
    if result.is_err() && !mutex.held {
        let _ = vm.acquire_lock_as("Condition.wait", mutex.lock, None);
    }
    result
}

fn cond_wait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    let bound = util::bind_method(vm, "Condition.wait", &rest(&args), &["timeout"], 0)?;
    let timeout = bound.into_iter().next().flatten().unwrap_or(Value::None);
    Ok(Value::Bool(wait_once(vm, cond, &timeout)?))
}

fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args { items: &args.items[1..], kwnames: args.kwnames }
}

/// `wait_for(predicate, timeout=None)`: waits until `predicate()` is true or the time is up,
/// returning the predicate's last value (the steps of `threading.Condition.wait_for`).
fn cond_wait_for(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    let bound = util::bind_method(vm, "Condition.wait_for", &rest(&args), &["predicate", "timeout"], 1)?;
    let [predicate, timeout] = <[Option<Value>; 2]>::try_from(bound).unwrap_or_default();
    let predicate = predicate.unwrap_or(Value::None);
    let mut wait_for = timeout.unwrap_or(Value::None);
    let mut end: Option<f64> = None;
    let mut result = vm.call(&predicate, Args::new(&[]))?;
    while !vm.is_true(&result)? {
        if !wait_for.is_none() {
            match end {
                None => end = Some(crate::thread::monotonic_seconds() + vm.to_f64(&wait_for)?),
                Some(end) => {
                    let left = end - crate::thread::monotonic_seconds();
                    if left <= 0.0 {
                        break;
                    }
                    wait_for = Value::Float(left);
                }
            }
        }
        wait_once(vm, cond, &wait_for)?;
        result = vm.call(&predicate, Args::new(&[]))?;
    }
    Ok(result)
}

fn notify_count(vm: &mut Vm, args: &Args<'_>) -> PyResult<usize> {
    let bound = util::bind_method(vm, "Condition.notify", &rest(args), &["n"], 0)?;
    match bound.into_iter().next().flatten() {
        None => Ok(1),
        Some(n) => Ok(vm.to_index(&n)?.max(0) as usize),
    }
}

fn cond_notify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    let n = notify_count(vm, &args)?;
    let core = cond.core(vm)?;
    if !is_owned(vm, core)? {
        return Err(vm.runtime_error("cannot notify on un-acquired lock"));
    }
    cond.list(core).notify(vm, n);
    Ok(Value::None)
}

fn cond_notify_all(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    util::bind_method(vm, "Condition.notify_all", &rest(&args), &[], 0)?;
    let core = cond.core(vm)?;
    if !is_owned(vm, core)? {
        return Err(vm.runtime_error("cannot notify on un-acquired lock"));
    }
    cond.list(core).notify_all(vm);
    Ok(Value::None)
}

fn cond_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cond = this(vm, &args)?;
    let core = cond.core(vm)?;
    let waiting = cond.list(core).len(vm);
    let lock = vm.repr_of(core.mutex_value())?;
    Ok(Value::string(format!("<Condition({lock}, {waiting})>")))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__enter__", cond_enter),
    ("__exit__", cond_exit),
    ("acquire", cond_acquire),
    ("release", cond_release),
    ("wait", cond_wait),
    ("wait_for", cond_wait_for),
    ("notify", cond_notify),
    ("notify_all", cond_notify_all),
    ("notifyAll", cond_notify_all),
    ("_is_owned", cond_is_owned),
    ("__repr__", cond_repr),
];

fn traverse(cond: &CondData, _vm: &Vm, visit: &mut dyn FnMut(&Value)) -> Result<(), gilpy_interpreter::gc::Busy> {
    visit(&cond.core);
    Ok(())
}

fn clear(_cond: &CondData, _vm: &Vm, _out: &mut Vec<Value>) {
    // The core is not in a cell and holds no reference back to its conditions: nothing to break.
}

pub fn class(vm: &Vm) -> ObjRef {
    gilpy_interpreter::gc::register_native::<CondData>(vm, traverse, clear);
    util::native_class(vm, "_queue", "Condition", METHODS)
}
