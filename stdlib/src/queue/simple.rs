//! `_queue.SimpleQueue`: an unbounded FIFO without task tracking, native as in CPython. `put`
//! never blocks; a `get` that finds it empty waits (`SimpleQueue.get` in the GIL's statistics)
//! until a `put` hands it the turn. The GIL guards the items, so there is no mutex.

use std::collections::VecDeque;

use gilpy_interpreter::object::{GilCell, NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::wait::{self, Deadline, Left, WaitList};
use crate::util;

#[derive(Default)]
struct SimpleData {
    items: GilCell<VecDeque<Value>>,
    getters: WaitList,
}

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a SimpleData> {
    match args.items.first() {
        Some(v) => util::native_data::<SimpleData>(vm, v, "_queue.SimpleQueue"),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

fn simple_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.items.first() else {
        return Err(vm.type_error("SimpleQueue.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    // Only SimpleQueue itself refuses arguments: a subclass's `__init__` may want some.
    let exact = util::module_class(vm, "_queue", "SimpleQueue").is_ok_and(|c| c.ptr_eq(&cls));
    if exact {
        if args.positional().len() > 1 {
            return Err(vm.type_error("SimpleQueue() takes no positional arguments"));
        }
        if args.has_kwargs() {
            return Err(vm.type_error("SimpleQueue() takes no keyword arguments"));
        }
    }
    Ok(util::new_native(vm, &cls, SimpleData::default()))
}

fn put_item(vm: &Vm, q: &SimpleData, item: Value) {
    q.items.borrow_mut(vm).push_back(item);
    q.getters.notify_one(vm);
}

/// `put(item, block=True, timeout=None)`: `block` and `timeout` are accepted and ignored.
fn simple_put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    let item = match (args.has_kwargs(), args.items) {
        (false, [_, item]) => item.clone(),
        _ => {
            if args.items.len() == 1 {
                return Err(vm.type_error("put() missing required argument 'item' (pos 1)"));
            }
            let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
            let bound = util::bind(vm, "put", &rest, &["item", "block", "timeout"], 1)?;
            bound.into_iter().next().flatten().unwrap_or(Value::None)
        }
    };
    put_item(vm, q, item);
    Ok(Value::None)
}

fn simple_put_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    if args.items.len() == 1 {
        return Err(vm.type_error("put_nowait() missing required argument 'item' (pos 1)"));
    }
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let bound = util::bind(vm, "put_nowait", &rest, &["item"], 1)?;
    put_item(vm, q, bound.into_iter().next().flatten().unwrap_or(Value::None));
    Ok(Value::None)
}

/// The deadline of `get`'s `timeout`, converted as CPython's `_PyTime_FromSecondsObject` does.
fn get_deadline(vm: &mut Vm, timeout: &Value) -> PyResult<Deadline> {
    let seconds = util::number_arg(vm, timeout)?;
    if seconds.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if seconds.abs() * 1e9 >= i64::MAX as f64 {
        let msg = match timeout {
            Value::Float(_) => "timestamp out of range for platform time_t",
            _ => "timestamp too large to convert to C _PyTime_t",
        };
        return Err(vm.overflow_error(msg));
    }
    if seconds < 0.0 {
        return Err(super::negative_timeout(vm));
    }
    Ok(super::deadline_after(seconds))
}

/// Takes the first item, waiting for one until `deadline` (`None`: don't wait).
fn get_item(vm: &mut Vm, q: &SimpleData, deadline: Option<Deadline>) -> PyResult<Value> {
    loop {
        let item = q.items.borrow_mut(vm).pop_front();
        if let Some(item) = item {
            return Ok(item);
        }
        let left = match deadline {
            None => Left::Passed,
            Some(d) => d.left(vm)?,
        };
        match left {
            Left::Passed => return Err(super::empty_error(vm)),
            Left::Wait(timeout) => {
                wait::wait(vm, "SimpleQueue.get", &q.getters, None, timeout)?;
            }
        }
    }
}

fn simple_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    let mut block = true;
    let mut timeout = Value::None;
    if args.items.len() > 1 || args.has_kwargs() {
        let pos = &args.positional()[1..];
        if pos.len() > 2 {
            return Err(vm.type_error(format!("get() takes at most 2 arguments ({} given)", pos.len())));
        }
        for (k, _) in args.keywords() {
            if k != "block" && k != "timeout" {
                return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for get()")));
            }
        }
        if let Some(b) = args.get(1, "block") {
            block = vm.is_true(b)?;
        }
        if let Some(t) = args.get(2, "timeout") {
            timeout = t.clone();
        }
    }
    let deadline = if !block {
        None
    } else if timeout.is_none() {
        Some(Deadline::Never)
    } else {
        Some(get_deadline(vm, &timeout)?)
    };
    get_item(vm, q, deadline)
}

fn simple_get_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    if args.items.len() > 1 {
        return Err(vm.type_error("get_nowait() takes no arguments"));
    }
    get_item(vm, q, None)
}

fn no_args(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    if args.items.len() > 1 {
        let msg = format!("SimpleQueue.{name}() takes no arguments ({} given)", args.items.len() - 1);
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn simple_empty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    no_args(vm, &args, "empty")?;
    Ok(Value::Bool(q.items.borrow(vm).is_empty()))
}

fn simple_qsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let q = this(vm, &args)?;
    no_args(vm, &args, "qsize")?;
    Ok(Value::Int(q.items.borrow(vm).len() as i64))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", simple_new),
    ("put", simple_put),
    ("put_nowait", simple_put_nowait),
    ("get", simple_get),
    ("get_nowait", simple_get_nowait),
    ("empty", simple_empty),
    ("qsize", simple_qsize),
];

fn traverse(q: &SimpleData, vm: &Vm, visit: &mut dyn FnMut(&Value)) -> Result<(), gilpy_interpreter::gc::Busy> {
    super::traverse_items(&q.items, vm, visit)
}

fn clear(q: &SimpleData, vm: &Vm, out: &mut Vec<Value>) {
    super::clear_items(&q.items, vm, out)
}

pub fn class(vm: &Vm) -> ObjRef {
    gilpy_interpreter::gc::register_native::<SimpleData>(vm, traverse, clear);
    let class = util::native_class(vm, "_queue", "SimpleQueue", METHODS);
    super::set_class_attr(vm, &class, "__doc__", Value::str("Simple, unbounded, reentrant FIFO queue."));
    class
}
