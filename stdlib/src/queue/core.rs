//! `_queue._QueueBase`: the native state and methods under `queue.Queue` (and so `LifoQueue` and
//! `PriorityQueue`). The methods follow CPython's `queue.py` step by step: take `mutex`, wait on
//! a condition while the queue is empty (`get`) or full (`put`), move one item through the
//! storage, notify the other side, release `mutex`.
//!
//! The storage is what `_init` put in `queue`. `__init__` tells the core (`_use_storage`) which
//! of the classes' own hooks the instance's class still has; while it has them and `queue` is
//! the container they made (an exact `_queue.deque` for `Queue`, an exact `list` for the
//! others), items move without calling Python; otherwise through `_qsize/_put/_get`.

use gilpy_interpreter::bytecode::CompareOp;
use gilpy_interpreter::object::{GilCell, NativeFn, ObjRef, Payload, Property};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::wait::{self, Held, Left, WaitList};
use super::{deque, heap};
use crate::util;

/// How `put` and `get` reach the items.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Storage {
    /// Through the `_qsize/_put/_get` hooks.
    Hooks,
    /// `Queue`'s own hooks on a `_queue.deque`.
    Fifo,
    /// `LifoQueue`'s on a list.
    Lifo,
    /// `PriorityQueue`'s on a list kept as a heap.
    Heap,
}

/// `maxsize` as `put` and `full` need it.
#[derive(Clone, Copy)]
enum Bound {
    /// `maxsize <= 0` (or too large to reach): never full.
    Unbounded,
    /// Full at this many items.
    Max(usize),
    /// Not a number: compared the Python way each time.
    Other,
}

fn bound_of(maxsize: &Value) -> Bound {
    let positive_int = |i: i64| if i > 0 { Bound::Max(i as usize) } else { Bound::Unbounded };
    match maxsize {
        Value::Int(i) => positive_int(*i),
        Value::Bool(b) => positive_int(*b as i64),
        // `qsize >= 2.5` means `qsize >= 3`; NaN and infinity never fill.
        Value::Float(f) if f.is_finite() && *f > 0.0 && *f < 1e18 => Bound::Max(f.ceil() as usize),
        Value::Float(_) => Bound::Unbounded,
        _ if gilpy_interpreter::builtins::int::is_int(maxsize) => Bound::Unbounded,
        _ => Bound::Other,
    }
}

struct State {
    /// `Queue.queue` (`Undefined` until `_init` sets it).
    queue: Value,
    storage: Storage,
    /// `Queue.maxsize`, and what it means.
    maxsize: Value,
    bound: Bound,
    /// `Queue.unfinished_tasks`.
    unfinished: i64,
    /// The class shadows `maxsize` or `unfinished_tasks` with class attributes of its own, so
    /// those live in the instance's `__dict__` and are read and written there.
    in_instance_dict: bool,
}

pub struct QueueCore {
    /// `Queue.mutex`, a `_thread.lock` shared by the three conditions.
    mutex: Value,
    pub not_empty: WaitList,
    pub not_full: WaitList,
    pub all_tasks_done: WaitList,
    state: GilCell<State>,
}

impl QueueCore {
    pub fn mutex_value(&self) -> &Value {
        &self.mutex
    }

    pub fn mutex<'a>(&'a self, vm: &Vm) -> PyResult<&'a gilpy_interpreter::vm::lock::RawLock> {
        crate::thread::raw_lock_of(&self.mutex).ok_or_else(|| vm.runtime_error("queue mutex is not a lock"))
    }

    /// Takes the mutex (`with self.mutex:`), the wait named `call`.
    fn lock<'a>(&'a self, vm: &mut Vm, call: &'static str) -> PyResult<Held<'a>> {
        let lock = self.mutex(vm)?;
        vm.acquire_lock_as(call, lock, None)?;
        Ok(Held { lock, held: true })
    }
}

/// The core of a queue object (or of the instance of a Python subclass wrapping it).
pub fn core_of<'a>(vm: &Vm, this: &'a Value) -> PyResult<&'a QueueCore> {
    util::native_data::<QueueCore>(vm, this, "_queue._QueueBase")
}

/// What `_qsize()` gave: a count, or whatever a Python hook returned.
enum Size {
    Count(usize),
    Python(Value),
}

impl Size {
    fn is_empty(&self, vm: &mut Vm) -> PyResult<bool> {
        match self {
            Size::Count(n) => Ok(*n == 0),
            Size::Python(v) => Ok(!vm.is_true(v)?),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Size::Count(n) => Value::Int(n as i64),
            Size::Python(v) => v,
        }
    }
}

/// The items' count when the storage is reached directly.
fn direct_len(vm: &Vm, st: &State) -> Option<usize> {
    match st.storage {
        Storage::Fifo => deque::exact(&st.queue).map(|d| d.items.borrow(vm).len()),
        Storage::Lifo | Storage::Heap => match st.queue.payload() {
            Some(Payload::List(items)) => Some(items.borrow(vm).len()),
            _ => None,
        },
        Storage::Hooks => None,
    }
}

/// `self._qsize()`.
fn size(vm: &mut Vm, core: &QueueCore, this: &Value) -> PyResult<Size> {
    if let Some(n) = direct_len(vm, &core.state.borrow(vm)) {
        return Ok(Size::Count(n));
    }
    Ok(Size::Python(vm.call_method(this, "_qsize", &[])?))
}

/// `self._put(item)`.
fn put_item(vm: &mut Vm, core: &QueueCore, this: &Value, item: Value) -> PyResult<()> {
    let heap_list = {
        let st = core.state.borrow(vm);
        match (st.storage, st.queue.payload()) {
            (Storage::Fifo, _) => {
                if let Some(d) = deque::exact(&st.queue) {
                    d.items.borrow_mut(vm).push_back(item);
                    return Ok(());
                }
                None
            }
            (Storage::Lifo, Some(Payload::List(items))) => {
                items.borrow_mut(vm).push(item);
                return Ok(());
            }
            (Storage::Heap, Some(Payload::List(_))) => Some(st.queue.clone()),
            _ => None,
        }
    };
    match heap_list {
        Some(list) => heap::push(vm, &list, item),
        None => vm.call_method(this, "_put", &[item]).map(drop),
    }
}

/// `self._get()`.
fn take_item(vm: &mut Vm, core: &QueueCore, this: &Value) -> PyResult<Value> {
    let heap_list = {
        let st = core.state.borrow(vm);
        match (st.storage, st.queue.payload()) {
            (Storage::Fifo, _) => {
                if let Some(d) = deque::exact(&st.queue) {
                    let item = d.items.borrow_mut(vm).pop_front();
                    drop(st);
                    return item.ok_or_else(|| vm.index_error("pop from an empty deque"));
                }
                None
            }
            (Storage::Lifo, Some(Payload::List(items))) => {
                let item = items.borrow_mut(vm).pop();
                drop(st);
                return item.ok_or_else(|| vm.index_error("pop from empty list"));
            }
            (Storage::Heap, Some(Payload::List(_))) => Some(st.queue.clone()),
            _ => None,
        }
    };
    match heap_list {
        Some(list) => heap::pop(vm, &list),
        None => vm.call_method(this, "_get", &[]),
    }
}

fn maxsize_and_bound(vm: &mut Vm, core: &QueueCore, this: &Value) -> PyResult<(Value, Bound)> {
    {
        let st = core.state.borrow(vm);
        if !st.in_instance_dict {
            return Ok((st.maxsize.clone(), st.bound));
        }
    }
    let maxsize = vm.get_attr_str(this, "maxsize")?;
    let bound = bound_of(&maxsize);
    Ok((maxsize, bound))
}

/// `self.unfinished_tasks`.
fn unfinished(vm: &mut Vm, core: &QueueCore, this: &Value) -> PyResult<i64> {
    {
        let st = core.state.borrow(vm);
        if !st.in_instance_dict {
            return Ok(st.unfinished);
        }
    }
    let n = vm.get_attr_str(this, "unfinished_tasks")?;
    vm.to_index(&n)
}

/// `self.unfinished_tasks = n`.
fn set_unfinished_count(vm: &mut Vm, core: &QueueCore, this: &Value, n: i64) -> PyResult<()> {
    {
        let mut st = core.state.borrow_mut(vm);
        if !st.in_instance_dict {
            st.unfinished = n;
            return Ok(());
        }
    }
    vm.set_attr(this, &Value::str("unfinished_tasks"), Value::Int(n))
}

/// `self.maxsize > 0` (`full` writes it `0 < self.maxsize`, which matters only for the message
/// of a `maxsize` that does not compare with ints).
fn is_bounded(vm: &mut Vm, core: &QueueCore, this: &Value, zero_first: bool) -> PyResult<bool> {
    match maxsize_and_bound(vm, core, this)? {
        (_, Bound::Unbounded) => Ok(false),
        (_, Bound::Max(_)) => Ok(true),
        (maxsize, Bound::Other) => {
            let positive = if zero_first {
                vm.compare(&Value::Int(0), &maxsize, CompareOp::Lt)?
            } else {
                vm.compare(&maxsize, &Value::Int(0), CompareOp::Gt)?
            };
            vm.is_true(&positive)
        }
    }
}

/// `self._qsize() >= self.maxsize`, for a bounded queue.
fn is_at_capacity(vm: &mut Vm, core: &QueueCore, this: &Value) -> PyResult<bool> {
    let size = size(vm, core, this)?;
    match (size, maxsize_and_bound(vm, core, this)?) {
        (Size::Count(n), (_, Bound::Max(max))) => Ok(n >= max),
        (Size::Count(_), (_, Bound::Unbounded)) => Ok(false),
        (size, (maxsize, _)) => {
            let full = vm.compare(&size.into_value(), &maxsize, CompareOp::Ge)?;
            vm.is_true(&full)
        }
    }
}

// ----- arguments -----

fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args { items: &args.items[1..], kwnames: args.kwnames }
}

/// `put(self, item, block=True, timeout=None)`, with a Python function's messages.
fn put_args(vm: &mut Vm, args: &Args<'_>) -> PyResult<(Value, bool, Value)> {
    if let (false, [_, item]) = (args.has_kwargs(), args.items) {
        return Ok((item.clone(), true, Value::None));
    }
    let bound = util::bind_method(vm, "Queue.put", &rest(args), &["item", "block", "timeout"], 1)?;
    let [item, block, timeout] = <[Option<Value>; 3]>::try_from(bound).unwrap_or_default();
    let block = match block {
        Some(b) => vm.is_true(&b)?,
        None => true,
    };
    Ok((item.unwrap_or(Value::None), block, timeout.unwrap_or(Value::None)))
}

/// `get(self, block=True, timeout=None)`.
fn get_args(vm: &mut Vm, args: &Args<'_>) -> PyResult<(bool, Value)> {
    if !args.has_kwargs() && args.items.len() == 1 {
        return Ok((true, Value::None));
    }
    let bound = util::bind_method(vm, "Queue.get", &rest(args), &["block", "timeout"], 0)?;
    let [block, timeout] = <[Option<Value>; 2]>::try_from(bound).unwrap_or_default();
    let block = match block {
        Some(b) => vm.is_true(&b)?,
        None => true,
    };
    Ok((block, timeout.unwrap_or(Value::None)))
}

fn no_args(vm: &Vm, args: &Args<'_>, qualname: &str) -> PyResult<()> {
    util::bind_method(vm, qualname, &rest(args), &[], 0).map(drop)
}

// ----- put and get -----

/// Waits on `list` until `blocked` turns false, or the deadline passes (`Ok(false)`).
fn wait_while(
    vm: &mut Vm,
    call: &'static str,
    list: &WaitList,
    mutex: &mut Held<'_>,
    timeout: &Value,
    mut blocked: impl FnMut(&mut Vm) -> PyResult<bool>,
) -> PyResult<bool> {
    if timeout.is_none() {
        while blocked(vm)? {
            wait::wait(vm, call, list, Some(mutex), None)?;
        }
        return Ok(true);
    }
    let deadline = super::queue_deadline(vm, timeout)?;
    while blocked(vm)? {
        match deadline.left(vm)? {
            Left::Passed => return Ok(false),
            Left::Wait(left) => {
                wait::wait(vm, call, list, Some(mutex), left)?;
            }
        }
    }
    Ok(true)
}

fn put_locked(
    vm: &mut Vm,
    core: &QueueCore,
    this: &Value,
    item: Value,
    block: bool,
    timeout: &Value,
    mutex: &mut Held<'_>,
) -> PyResult<()> {
    if is_bounded(vm, core, this, false)? {
        let at_capacity = |vm: &mut Vm| is_at_capacity(vm, core, this);
        if !block {
            if is_at_capacity(vm, core, this)? {
                return Err(super::full_error(vm));
            }
        } else if !wait_while(vm, "Queue.put", &core.not_full, mutex, timeout, at_capacity)? {
            return Err(super::full_error(vm));
        }
    }
    put_item(vm, core, this, item)?;
    let count = unfinished(vm, core, this)?;
    set_unfinished_count(vm, core, this, count.saturating_add(1))?;
    core.not_empty.notify_one(vm);
    Ok(())
}

fn get_locked(
    vm: &mut Vm,
    core: &QueueCore,
    this: &Value,
    block: bool,
    timeout: &Value,
    mutex: &mut Held<'_>,
) -> PyResult<Value> {
    let is_empty = |vm: &mut Vm| size(vm, core, this)?.is_empty(vm);
    if !block {
        if is_empty(vm)? {
            return Err(super::empty_error(vm));
        }
    } else if !wait_while(vm, "Queue.get", &core.not_empty, mutex, timeout, is_empty)? {
        return Err(super::empty_error(vm));
    }
    let item = take_item(vm, core, this)?;
    core.not_full.notify_one(vm);
    Ok(item)
}

fn put_with(vm: &mut Vm, this: &Value, item: Value, block: bool, timeout: &Value) -> PyResult<Value> {
    let core = core_of(vm, this)?;
    let mut mutex = core.lock(vm, "Queue.put")?;
    let result = put_locked(vm, core, this, item, block, timeout, &mut mutex);
    mutex.release(vm);
    result.map(|()| Value::None)
}

fn get_with(vm: &mut Vm, this: &Value, block: bool, timeout: &Value) -> PyResult<Value> {
    let core = core_of(vm, this)?;
    let mut mutex = core.lock(vm, "Queue.get")?;
    let result = get_locked(vm, core, this, block, timeout, &mut mutex);
    mutex.release(vm);
    result
}

fn queue_put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (item, block, timeout) = put_args(vm, &args)?;
    put_with(vm, &args.items[0], item, block, &timeout)
}

fn queue_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (block, timeout) = get_args(vm, &args)?;
    get_with(vm, &args.items[0], block, &timeout)
}

/// `self.put(item, block=False)`: through `self`, so a subclass's `put` is the one called.
fn queue_put_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let bound = util::bind_method(vm, "Queue.put_nowait", &rest(&args), &["item"], 1)?;
    let item = bound.into_iter().next().flatten().unwrap_or(Value::None);
    let put = vm.get_attr_str(&args.items[0], "put")?;
    vm.call(&put, Args { items: &[item, Value::Bool(false)], kwnames: &[Value::str("block")] })
}

/// `self.get(block=False)`.
fn queue_get_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.get_nowait")?;
    let get = vm.get_attr_str(&args.items[0], "get")?;
    vm.call(&get, Args { items: &[Value::Bool(false)], kwnames: &[Value::str("block")] })
}

// ----- counts and tasks -----

/// Runs `f` with the mutex held (`with self.mutex:`).
fn with_mutex<R>(
    vm: &mut Vm,
    this: &Value,
    call: &'static str,
    f: impl FnOnce(&mut Vm, &QueueCore, &mut Held<'_>) -> PyResult<R>,
) -> PyResult<R> {
    let core = core_of(vm, this)?;
    let mut mutex = core.lock(vm, call)?;
    let result = f(vm, core, &mut mutex);
    mutex.release(vm);
    result
}

fn queue_qsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.qsize")?;
    let this = &args.items[0];
    with_mutex(vm, this, "Lock.acquire", |vm, core, _| Ok(size(vm, core, this)?.into_value()))
}

fn queue_empty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.empty")?;
    let this = &args.items[0];
    with_mutex(vm, this, "Lock.acquire", |vm, core, _| Ok(Value::Bool(size(vm, core, this)?.is_empty(vm)?)))
}

/// `0 < self.maxsize <= self._qsize()`.
fn queue_full(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.full")?;
    let this = &args.items[0];
    with_mutex(vm, this, "Lock.acquire", |vm, core, _| {
        Ok(Value::Bool(is_bounded(vm, core, this, true)? && is_at_capacity(vm, core, this)?))
    })
}

fn queue_task_done(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.task_done")?;
    let this = &args.items[0];
    with_mutex(vm, this, "Lock.acquire", |vm, core, _| {
        let left = unfinished(vm, core, this)? - 1;
        if left <= 0 {
            if left < 0 {
                return Err(vm.value_error("task_done() called too many times"));
            }
            core.all_tasks_done.notify_all(vm);
        }
        set_unfinished_count(vm, core, this, left)?;
        Ok(Value::None)
    })
}

fn queue_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "Queue.join")?;
    let this = &args.items[0];
    with_mutex(vm, this, "Queue.join", |vm, core, mutex| {
        while unfinished(vm, core, this)? != 0 {
            wait::wait(vm, "Queue.join", &core.all_tasks_done, Some(mutex), None)?;
        }
        Ok(Value::None)
    })
}

// ----- construction and attributes -----

fn queue_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.items.first() else {
        return Err(vm.type_error("_QueueBase.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let mutex = crate::thread::new_lock_for(vm, "Lock.acquire")?;
    let state = State {
        queue: Value::Undefined,
        storage: Storage::Hooks,
        maxsize: Value::Int(0),
        bound: Bound::Unbounded,
        unfinished: 0,
        in_instance_dict: false,
    };
    let core = QueueCore {
        mutex,
        not_empty: WaitList::default(),
        not_full: WaitList::default(),
        all_tasks_done: WaitList::default(),
        state: GilCell::new(state),
    };
    Ok(util::new_native(vm, &cls, core))
}

/// `self._sync_objects()`: `(mutex, not_empty, not_full, all_tasks_done)` for `__init__`.
fn sync_objects(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = &args.items[0];
    let core = core_of(vm, this)?;
    let inner = gilpy_interpreter::builtins::receiver(this).clone();
    let mutex = core.mutex.clone();
    let conditions = [super::cond::Which::NotEmpty, super::cond::Which::NotFull, super::cond::Which::AllTasksDone]
        .map(|which| super::cond::new_condition(vm, inner.clone(), which));
    let [not_empty, not_full, all_tasks_done] = conditions;
    Ok(Value::tuple(vec![mutex, not_empty?, not_full?, all_tasks_done?]))
}

/// `self._use_storage(kind, in_instance_dict)`: the hooks of which class (`"fifo"`, `"lifo"`,
/// `"heap"`) the instance's class has, or `None` when it overrides any; and whether its class
/// shadows the attributes kept in the core, which then live in the instance's `__dict__` (and
/// the storage is reached through the hooks, which look `queue` up the usual way).
fn use_storage(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_use_storage", &args, 3, 3)?;
    let core = core_of(vm, &args.items[0])?;
    let in_instance_dict = vm.is_true(&args.items[2])?;
    let storage = match args.items[1].as_str() {
        Some("fifo") if !in_instance_dict => Storage::Fifo,
        Some("lifo") if !in_instance_dict => Storage::Lifo,
        Some("heap") if !in_instance_dict => Storage::Heap,
        _ => Storage::Hooks,
    };
    let mut st = core.state.borrow_mut(vm);
    st.storage = storage;
    st.in_instance_dict = in_instance_dict;
    Ok(Value::None)
}

fn get_maxsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let core = core_of(vm, &args.items[0])?;
    let maxsize = core.state.borrow(vm).maxsize.clone();
    Ok(maxsize)
}

fn set_maxsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("maxsize", &args, 2, 2)?;
    let core = core_of(vm, &args.items[0])?;
    let maxsize = args.items[1].clone();
    let bound = bound_of(&maxsize);
    let old = {
        let mut st = core.state.borrow_mut(vm);
        st.bound = bound;
        std::mem::replace(&mut st.maxsize, maxsize)
    };
    drop(old);
    Ok(Value::None)
}

fn get_queue(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let core = core_of(vm, &args.items[0])?;
    let queue = core.state.borrow(vm).queue.clone();
    if matches!(queue, Value::Undefined) {
        let msg = format!("'{}' object has no attribute 'queue'", vm.type_name(&args.items[0]));
        return Err(vm.attribute_error(msg));
    }
    Ok(queue)
}

fn set_queue(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("queue", &args, 2, 2)?;
    let core = core_of(vm, &args.items[0])?;
    let old = std::mem::replace(&mut core.state.borrow_mut(vm).queue, args.items[1].clone());
    drop(old);
    Ok(Value::None)
}

fn get_unfinished(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let core = core_of(vm, &args.items[0])?;
    let unfinished = core.state.borrow(vm).unfinished;
    Ok(Value::Int(unfinished))
}

fn set_unfinished(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("unfinished_tasks", &args, 2, 2)?;
    let core = core_of(vm, &args.items[0])?;
    let n = vm.to_index(&args.items[1])?;
    core.state.borrow_mut(vm).unfinished = n;
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", queue_new),
    ("put", queue_put),
    ("get", queue_get),
    ("put_nowait", queue_put_nowait),
    ("get_nowait", queue_get_nowait),
    ("qsize", queue_qsize),
    ("empty", queue_empty),
    ("full", queue_full),
    ("task_done", queue_task_done),
    ("join", queue_join),
    ("_sync_objects", sync_objects),
    ("_use_storage", use_storage),
];

/// Attributes kept in the core, which `put/get` read without a dictionary lookup.
const PROPERTIES: &[(&str, NativeFn, NativeFn)] = &[
    ("maxsize", get_maxsize, set_maxsize),
    ("queue", get_queue, set_queue),
    ("unfinished_tasks", get_unfinished, set_unfinished),
];

fn traverse(core: &QueueCore, vm: &Vm, visit: &mut dyn FnMut(&Value)) -> Result<(), gilpy_interpreter::gc::Busy> {
    // The mutex is a leaf (a lock holds no Python values), so it is not reported.
    let st = core.state.try_borrow(vm).ok_or(gilpy_interpreter::gc::Busy)?;
    visit(&st.queue);
    visit(&st.maxsize);
    Ok(())
}

fn clear(core: &QueueCore, vm: &Vm, out: &mut Vec<Value>) {
    if let Some(mut st) = core.state.try_borrow_mut(vm) {
        out.push(std::mem::replace(&mut st.queue, Value::Undefined));
        out.push(std::mem::replace(&mut st.maxsize, Value::Int(0)));
        st.storage = Storage::Hooks;
        st.bound = Bound::Unbounded;
    }
}

pub fn class(vm: &Vm) -> ObjRef {
    gilpy_interpreter::gc::register_native::<QueueCore>(vm, traverse, clear);
    let class = util::native_class(vm, "_queue", "_QueueBase", METHODS);
    for &(name, get, set) in PROPERTIES {
        let property = Property {
            fget: util::native_fn(name, get),
            fset: util::native_fn(name, set),
            fdel: Value::None,
            doc: Value::None,
        };
        super::set_class_attr(vm, &class, name, Value::Obj(ObjRef::new(Payload::Property(property))));
    }
    class
}
