//! `_queue`: the native core of `queue` (CPython's `Modules/_queuemodule.c` has `SimpleQueue` and
//! `Empty`; here `Queue`'s work is native too, so that `put` and `get` are one native call each
//! instead of a dozen Python-level calls through `threading.Condition`).
//!
//! * `Empty`, `SimpleQueue` (`simple.rs`), as in CPython.
//! * `_QueueBase` (`core.rs`): the native base of `queue.Queue` (a Python class in `lib/queue.py`
//!   deriving from it, so subclasses, `__init__` and the `_init/_qsize/_put/_get` hooks stay
//!   Python). It holds the mutex, the three conditions' waiters, `maxsize`, `unfinished_tasks`
//!   and the storage; `put/get/task_done/join/qsize/empty/full` run natively. When a class keeps
//!   the hooks of `Queue`, `LifoQueue` or `PriorityQueue` and `queue` is the container they made,
//!   the storage is reached directly; otherwise `put` and `get` call the hooks, as CPython does.
//! * `_Condition` (`cond.rs`): what `Queue.not_empty`, `not_full` and `all_tasks_done` are, so
//!   code that waits on or notifies them meets the native waiters.
//! * `deque` (`deque.rs`): `Queue.queue`'s container; `_heappush`/`_heappop` (`heap.rs`) keep
//!   `PriorityQueue.queue` a heap.
//!
//! Blocking waits go through `_thread` locks (`wait.rs`), so they release the GIL, wake on
//! interrupts, follow `--gil-seed` and are named (`Queue.get`, `Queue.put`, `Queue.join`,
//! `SimpleQueue.get`) in the GIL's statistics.

mod cond;
mod core;
mod deque;
mod heap;
mod simple;
mod wait;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use gilpy_interpreter::object::{GilCell, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

use crate::util;
use wait::Deadline;

/// The longest timeout a wait accepts (`_thread.TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// `_queue.Empty()` (or the error finding it).
fn empty_error(vm: &mut Vm) -> PyErr {
    match util::module_class(vm, "_queue", "Empty") {
        Ok(class) => vm.new_exception(class, vec![]),
        Err(e) => e,
    }
}

/// `queue.Full()`: defined in Python, as in CPython.
fn full_error(vm: &mut Vm) -> PyErr {
    match util::module_class(vm, "queue", "Full") {
        Ok(class) => vm.new_exception(class, vec![]),
        Err(e) => e,
    }
}

fn negative_timeout(vm: &Vm) -> PyErr {
    vm.value_error("'timeout' must be a non-negative number")
}

/// The deadline of a `Queue.get/put` `timeout` (not `None`), checked as `timeout < 0` checks it
/// in CPython's `queue.py` (so a str is `TypeError: '<' not supported ...`).
fn queue_deadline(vm: &mut Vm, timeout: &Value) -> PyResult<Deadline> {
    let seconds = match timeout {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        other => {
            if vm.lt(other, &Value::Int(0))? {
                return Err(negative_timeout(vm));
            }
            vm.to_f64(other)?
        }
    };
    if seconds < 0.0 {
        return Err(negative_timeout(vm));
    }
    Ok(deadline_after(seconds))
}

/// `seconds` from now. NaN waits forever (as CPython's `Condition.wait(nan)` does); more than
/// `TIMEOUT_MAX` fails when the wait starts, as there.
fn deadline_after(seconds: f64) -> Deadline {
    if seconds.is_nan() {
        return Deadline::Never;
    }
    if seconds > TIMEOUT_MAX {
        return Deadline::TooFar;
    }
    match Instant::now().checked_add(Duration::from_secs_f64(seconds)) {
        Some(at) => Deadline::At(at),
        None => Deadline::TooFar,
    }
}

/// `_queue._heappush(heap, item)`.
fn heappush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "_heappush", &args)?;
    let [heap, item] = args.items else {
        return Err(vm.type_error(format!("_heappush expected 2 arguments, got {}", args.items.len())));
    };
    heap::push(vm, heap, item.clone())?;
    Ok(Value::None)
}

/// `_queue._heappop(heap)`.
fn heappop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "_heappop", &args)?;
    let [heap] = args.items else {
        return Err(vm.type_error(format!("_heappop expected 1 argument, got {}", args.items.len())));
    };
    heap::pop(vm, heap)
}

/// `cls[item]` for the queue classes (`queue.Queue[int]`).
fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.positional() {
        [cls, item] => Ok(gilpy_interpreter::builtins::generic_alias::new_generic_alias(vm, cls.clone(), item)),
        _ => Err(vm.type_error("__class_getitem__ expected 1 argument")),
    }
}

/// Sets `class.name` to a class method (`__class_getitem__`).
/// The cycle collector's view of a native object's item buffer (the deque's and SimpleQueue's).
fn traverse_items(
    items: &GilCell<VecDeque<Value>>,
    vm: &Vm,
    visit: &mut dyn FnMut(&Value),
) -> Result<(), gilpy_interpreter::gc::Busy> {
    for item in items.try_borrow(vm).ok_or(gilpy_interpreter::gc::Busy)?.iter() {
        visit(item);
    }
    Ok(())
}

/// Empties an item buffer for the collector, handing the items over in `out`.
fn clear_items(items: &GilCell<VecDeque<Value>>, vm: &Vm, out: &mut Vec<Value>) {
    if let Some(mut items) = items.try_borrow_mut(vm) {
        out.extend(items.drain(..));
    }
}

fn set_class_method(vm: &Vm, class: &ObjRef, name: &'static str, func: NativeFn) {
    let f = util::native_fn(name, func);
    let method = Value::Obj(ObjRef::new(Payload::ClassMethod(f)));
    set_class_attr(vm, class, name, method);
}

fn set_class_attr(vm: &Vm, class: &ObjRef, name: &str, value: Value) {
    if let Payload::Class(c) = class.payload() {
        c.dict.borrow_mut(vm).set_str(name, value);
    }
}

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("_queue");
    let exception = vm.exc_class("Exception");
    let empty = util::exception_class(vm, "_queue", "Empty", exception, &[]);
    set_class_attr(vm, &empty, "__doc__", Value::str("Exception raised by Queue.get(block=0)/get_nowait()."));
    let simple = simple::class(vm);
    set_class_method(vm, &simple, "__class_getitem__", class_getitem);
    let base = core::class(vm);
    let functions: &[(&'static str, NativeFn)] =
        &[("_heappush", heappush), ("_heappop", heappop), ("_class_getitem", class_getitem)];
    crate::add_functions(vm, &module, functions);
    let values = [
        ("Empty", Value::Obj(empty)),
        ("SimpleQueue", Value::Obj(simple)),
        ("_QueueBase", Value::Obj(base)),
        ("_Condition", Value::Obj(cond::class(vm))),
        ("deque", Value::Obj(deque::class(vm))),
    ];
    crate::set_attrs(vm, &module, values);
    Ok(module)
}
