//! `_queue.deque`: the double-ended buffer behind `queue.Queue` (CPython's `Queue.queue` is a
//! `collections.deque`, which gilpy has no module for). It has the part of `deque`'s interface
//! that code reaching into a queue uses: `append`, `appendleft`, `pop`, `popleft`, `extend`,
//! `clear`, `copy`, `count`, `remove`, `len()`, iteration, `in`, indexing and `repr`. Iteration
//! runs over a snapshot, so mutating the deque while iterating is not detected.

use std::cell::RefCell;
use std::collections::VecDeque;

use gilpy_interpreter::builtins::receiver;
use gilpy_interpreter::object::{GilCell, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::util;

#[derive(Default)]
pub struct DequeData {
    pub items: GilCell<VecDeque<Value>>,
}

/// The items of a plain `_queue.deque` (not of a subclass, whose methods may be overridden).
pub fn exact(v: &Value) -> Option<&DequeData> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast::<DequeData>(),
        _ => None,
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a DequeData> {
    match args.items.first() {
        Some(v) => util::native_data::<DequeData>(vm, v, "deque"),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

fn deque_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.items.first() else {
        return Err(vm.type_error("deque.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let bound = util::bind(vm, "deque", &rest, &["iterable"], 0)?;
    let items = match &bound[0] {
        Some(iterable) => vm.iterate(iterable)?,
        None => Vec::new(),
    };
    let data = DequeData { items: GilCell::new(items.into()) };
    Ok(util::new_native(vm, &cls, data))
}

fn one_arg<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    util::no_kwargs(vm, name, args)?;
    match args.items {
        [_, x] => Ok(x),
        _ => Err(vm.type_error(format!("deque.{name}() takes exactly one argument ({} given)", args.items.len() - 1))),
    }
}

fn no_args(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    util::no_kwargs(vm, name, args)?;
    if args.items.len() != 1 {
        return Err(vm.type_error(format!("deque.{name}() takes no arguments ({} given)", args.items.len() - 1)));
    }
    Ok(())
}

fn deque_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let x = one_arg(vm, &args, "append")?;
    d.items.borrow_mut(vm).push_back(x.clone());
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let x = one_arg(vm, &args, "appendleft")?;
    d.items.borrow_mut(vm).push_front(x.clone());
    Ok(Value::None)
}

fn deque_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    no_args(vm, &args, "pop")?;
    let item = d.items.borrow_mut(vm).pop_back();
    item.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn deque_popleft(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    no_args(vm, &args, "popleft")?;
    let item = d.items.borrow_mut(vm).pop_front();
    item.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn deque_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let iterable = one_arg(vm, &args, "extend")?;
    let items = vm.iterate(iterable)?;
    d.items.borrow_mut(vm).extend(items);
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    no_args(vm, &args, "clear")?;
    // The items die after the borrow ends: their finalizers may touch the deque.
    let old = std::mem::take(&mut *d.items.borrow_mut(vm));
    drop(old);
    Ok(Value::None)
}

fn snapshot(vm: &Vm, d: &DequeData) -> Vec<Value> {
    d.items.borrow(vm).iter().cloned().collect()
}

fn deque_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    no_args(vm, &args, "copy")?;
    let cls = vm.class_of(&args.items[0]);
    let data = DequeData { items: GilCell::new(snapshot(vm, d).into()) };
    Ok(util::new_native(vm, &cls, data))
}

fn deque_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let x = one_arg(vm, &args, "count")?;
    let mut n = 0;
    for item in snapshot(vm, d) {
        if vm.eq(&item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn deque_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let x = one_arg(vm, &args, "remove")?;
    for (i, item) in snapshot(vm, d).into_iter().enumerate() {
        if vm.eq(&item, x)? {
            let mut items = d.items.borrow_mut(vm);
            // The comparison ran Python code: remove what was found only if it is still there.
            if items.get(i).is_some_and(|v| v.is(&item)) {
                let removed = items.remove(i);
                drop(items);
                drop(removed);
                return Ok(Value::None);
            }
            return Err(vm.index_error("deque mutated during remove()."));
        }
    }
    let shown = vm.repr_of(x)?;
    Err(vm.value_error(format!("{shown} is not in deque")))
}

fn deque_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    Ok(Value::Int(d.items.borrow(vm).len() as i64))
}

fn deque_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let list = vm.new_list(snapshot(vm, d));
    vm.get_iter(&list)
}

fn deque_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let x = one_arg(vm, &args, "__contains__")?;
    for item in snapshot(vm, d) {
        if item.is(x) || vm.eq(&item, x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn deque_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let index = one_arg(vm, &args, "__getitem__")?;
    if !gilpy_interpreter::builtins::int::is_int(index) && !matches!(index, Value::Bool(_)) {
        let msg = format!("sequence index must be integer, not '{}'", vm.type_name(index));
        return Err(vm.type_error(msg));
    }
    let i = vm.to_index(index)?;
    let items = d.items.borrow(vm);
    let len = items.len() as i64;
    let at = if i < 0 { i + len } else { i };
    match usize::try_from(at).ok().and_then(|at| items.get(at)) {
        Some(item) => Ok(item.clone()),
        None => {
            drop(items);
            Err(vm.index_error("deque index out of range"))
        }
    }
}

thread_local! {
    /// Deques whose repr is being built on this thread, so that one containing itself shows
    /// `[...]` instead of recursing forever.
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn deque_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this(vm, &args)?;
    let addr = receiver(&args.items[0]).as_obj().map_or(0, ObjRef::addr);
    if IN_REPR.with(|r| r.borrow().contains(&addr)) {
        return Ok(Value::str("[...]"));
    }
    IN_REPR.with(|r| r.borrow_mut().push(addr));
    let list = vm.new_list(snapshot(vm, d));
    let inner = vm.repr_of(&list);
    IN_REPR.with(|r| r.borrow_mut().retain(|&a| a != addr));
    Ok(Value::string(format!("{}({})", vm.type_name(&args.items[0]), inner?)))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", deque_new),
    ("append", deque_append),
    ("appendleft", deque_appendleft),
    ("pop", deque_pop),
    ("popleft", deque_popleft),
    ("extend", deque_extend),
    ("clear", deque_clear),
    ("copy", deque_copy),
    ("__copy__", deque_copy),
    ("count", deque_count),
    ("remove", deque_remove),
    ("__len__", deque_len),
    ("__iter__", deque_iter),
    ("__contains__", deque_contains),
    ("__getitem__", deque_getitem),
    ("__repr__", deque_repr),
];

fn traverse(d: &DequeData, vm: &Vm, visit: &mut dyn FnMut(&Value)) -> Result<(), gilpy_interpreter::gc::Busy> {
    super::traverse_items(&d.items, vm, visit)
}

fn clear(d: &DequeData, vm: &Vm, out: &mut Vec<Value>) {
    super::clear_items(&d.items, vm, out)
}

pub fn class(vm: &Vm) -> ObjRef {
    gilpy_interpreter::gc::register_native::<DequeData>(vm, traverse, clear);
    util::native_class(vm, "_queue", "deque", METHODS)
}
