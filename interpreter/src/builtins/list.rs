//! `list`: methods, construction, and the sequence helpers shared by `tuple`, `range`, `dict`
//! and `set` (argument checking, index and slice arithmetic, `repr` recursion guard, lexicographic
//! comparison, CPython's list sort).
//!
//! No `GilCell` borrow is held across a call that can run Python code: items are cloned out,
//! the borrow released, and the list re-borrowed (and re-checked) afterwards, as CPython re-reads
//! `ob_item` after every `PyObject_RichCompare`.

use std::cell::RefCell;

use crate::builtins::receiver;
use crate::builtins::types::TypeId;
use crate::bytecode::CompareOp;
use crate::object::{GilCell, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", list_init),
    ("__len__", list_len),
    ("__getitem__", list_getitem),
    ("__setitem__", list_setitem),
    ("__delitem__", list_delitem),
    ("__contains__", list_contains),
    ("__iter__", list_iter),
    ("__reversed__", list_reversed),
    ("__add__", list_add),
    ("__iadd__", list_iadd),
    ("__mul__", list_mul),
    ("__rmul__", list_mul),
    ("__imul__", list_imul),
    ("__eq__", list_eq),
    ("__ne__", list_ne),
    ("__lt__", list_lt),
    ("__le__", list_le),
    ("__gt__", list_gt),
    ("__ge__", list_ge),
    ("__repr__", list_repr),
    ("__hash__", list_hash),
    ("append", list_append),
    ("extend", list_extend),
    ("insert", list_insert),
    ("remove", list_remove),
    ("pop", list_pop),
    ("clear", list_clear),
    ("index", list_index),
    ("count", list_count),
    ("reverse", list_reverse),
    ("sort", list_sort),
    ("copy", list_copy),
    ("__class_getitem__", list_class_getitem),
];

// =====================================================================================
// Shared helpers (used by tuple.rs, dict.rs, set.rs, iterators.rs)
// =====================================================================================

/// The arguments after `self`.
#[inline]
pub(crate) fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    if args.items.is_empty() {
        return *args;
    }
    Args { items: &args.items[1..], kwnames: args.kwnames }
}

/// Positional arguments after `self`.
#[inline]
pub(crate) fn pos_after_self<'a>(args: &Args<'a>) -> &'a [Value] {
    let p = args.positional();
    if p.is_empty() {
        p
    } else {
        &p[1..]
    }
}

/// `list.copy() takes no arguments (1 given)` (METH_NOARGS). `qual` is `"list.copy"`.
pub(crate) fn check_noargs(vm: &Vm, args: &Args, qual: &str) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{qual}() takes no keyword arguments")));
    }
    let n = args.items.len().saturating_sub(1);
    if n != 0 {
        return Err(vm.type_error(format!("{qual}() takes no arguments ({n} given)")));
    }
    Ok(())
}

/// `list.append() takes exactly one argument (0 given)` (METH_O); returns the argument.
pub(crate) fn check_one<'a>(vm: &Vm, args: &Args<'a>, qual: &str) -> PyResult<&'a Value> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{qual}() takes no keyword arguments")));
    }
    let n = args.items.len().saturating_sub(1);
    if n != 1 {
        return Err(vm.type_error(format!("{qual}() takes exactly one argument ({n} given)")));
    }
    Ok(&args.items[1])
}

/// Argument clinic style `pop expected at most 1 argument, got 2` checks; `qual` is used for
/// the keyword error (`list.pop() takes no keyword arguments`), `short` for the counts.
pub(crate) fn check_range<'a>(
    vm: &Vm,
    args: &Args<'a>,
    qual: &str,
    short: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{qual}() takes no keyword arguments")));
    }
    let given = &args.items[args.items.len().min(1)..];
    let n = given.len();
    if n < min || n > max {
        let msg = if min == max {
            format!("{short} expected {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else if n < min {
            format!("{short} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{short} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(given)
}

/// `descriptor 'append' for 'list' objects doesn't apply to a 'int' object`.
pub(crate) fn descriptor_error(vm: &Vm, method: &str, owner: &str, got: Option<&Value>) -> PyErr {
    // CPython words it differently for slot wrappers (`__len__`) and plain methods (`append`).
    let is_slot = method.starts_with("__") && method.ends_with("__");
    match (got, is_slot) {
        (Some(v), true) => vm.type_error(format!(
            "descriptor '{method}' requires a '{owner}' object but received a '{}'",
            vm.type_name(v)
        )),
        (Some(v), false) => vm.type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        )),
        (None, true) => vm.type_error(format!("descriptor '{method}' of '{owner}' object needs an argument")),
        (None, false) => vm.type_error(format!("unbound method {owner}.{method}() needs an argument")),
    }
}

/// The list cell behind a value (a list or an instance of a list subclass).
#[inline]
pub fn list_cell(v: &Value) -> Option<&GilCell<Vec<Value>>> {
    match receiver(v).payload() {
        Some(Payload::List(l)) => Some(l),
        _ => None,
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a GilCell<Vec<Value>>> {
    match args.items.first() {
        Some(v) => list_cell(v).ok_or_else(|| descriptor_error(vm, method, "list", Some(v))),
        None => Err(descriptor_error(vm, method, "list", None)),
    }
}

/// The `PyObject_RichCompareBool(a, b, Py_EQ)` of CPython: identity implies equality.
#[inline]
pub(crate) fn rich_eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    vm.eq(a, b)
}

/// An int usable as a slice bound: ints clamp to the i64 range (CPython clamps to ssize_t),
/// objects with `__index__` are converted, anything else is a TypeError with `msg`.
pub(crate) fn clamp_index(vm: &mut Vm, v: &Value, msg: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Ok(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }),
            Payload::Instance(_) => {
                if crate::vm::attr::lookup_special(vm, v, "__index__").is_none() {
                    return Err(vm.type_error(msg));
                }
                let f = crate::vm::attr::lookup_special(vm, v, "__index__").expect("checked");
                let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
                match &r {
                    Value::Int(_) | Value::Bool(_) => clamp_index(vm, &r, msg),
                    Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => clamp_index(vm, &r, msg),
                    _ => Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r)))),
                }
            }
            _ => Err(vm.type_error(msg)),
        },
        _ => Err(vm.type_error(msg)),
    }
}

const SLICE_MSG: &str = "slice indices must be integers or None or have an __index__ method";

/// `slice.indices(len)`: (start, stop, step, slicelength) as `PySlice_Unpack` +
/// `PySlice_AdjustIndices` compute them.
pub fn slice_indices(vm: &mut Vm, s: &[Value; 3], len: i64) -> PyResult<(i64, i64, i64, i64)> {
    let step = if s[2].is_none() {
        1
    } else {
        let st = clamp_index(vm, &s[2], SLICE_MSG)?;
        if st == 0 {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        st.max(-i64::MAX)
    };
    let mut start = if s[0].is_none() {
        if step < 0 {
            i64::MAX
        } else {
            0
        }
    } else {
        clamp_index(vm, &s[0], SLICE_MSG)?
    };
    let mut stop = if s[1].is_none() {
        if step < 0 {
            i64::MIN
        } else {
            i64::MAX
        }
    } else {
        clamp_index(vm, &s[1], SLICE_MSG)?
    };
    if start < 0 {
        start = start.saturating_add(len);
        if start < 0 {
            start = if step < 0 { -1 } else { 0 };
        }
    } else if start >= len {
        start = if step < 0 { len - 1 } else { len };
    }
    if stop < 0 {
        stop = stop.saturating_add(len);
        if stop < 0 {
            stop = if step < 0 { -1 } else { 0 };
        }
    } else if stop >= len {
        stop = if step < 0 { len - 1 } else { len };
    }
    let slicelen = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, slicelen))
}

/// What a subscript of a sequence asks for.
pub(crate) enum SeqIndex {
    /// An index, not yet adjusted for negatives or bounds-checked.
    Int(i64),
    /// (start, stop, step, slicelength).
    Slice(i64, i64, i64, i64),
}

/// Decodes `seq[key]` for a sequence of length `len` whose type is called `tname` in
/// `list indices must be integers or slices, not str`.
pub(crate) fn seq_index(vm: &mut Vm, key: &Value, len: usize, tname: &str) -> PyResult<SeqIndex> {
    match key {
        Value::Int(i) => Ok(SeqIndex::Int(*i)),
        Value::Bool(b) => Ok(SeqIndex::Int(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::Slice(s) => {
                let (a, b, c, n) = slice_indices(vm, s, len as i64)?;
                Ok(SeqIndex::Slice(a, b, c, n))
            }
            Payload::BigInt(_) => Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
            Payload::Instance(_) if crate::vm::attr::lookup_special(vm, key, "__index__").is_some() => {
                Ok(SeqIndex::Int(vm.to_index(key)?))
            }
            _ => Err(vm.type_error(format!("{tname} indices must be integers or slices, not {}", vm.type_name(key)))),
        },
        _ => Err(vm.type_error(format!("{tname} indices must be integers or slices, not {}", vm.type_name(key)))),
    }
}

/// Normalises a (possibly negative) index; `None` when out of range.
#[inline]
pub(crate) fn norm_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    if i >= 0 && (i as usize) < len {
        Some(i as usize)
    } else {
        None
    }
}

/// Items picked by an adjusted slice.
pub(crate) fn slice_items(items: &[Value], start: i64, step: i64, n: i64) -> Vec<Value> {
    let mut out = Vec::with_capacity(n.max(0) as usize);
    let mut i = start;
    for _ in 0..n {
        out.push(items[i as usize].clone());
        i += step;
    }
    out
}

/// `start`/`stop` arguments of `index()` (`_PyEval_SliceIndexNotNone` then adjusted like
/// `list.index` does).
pub(crate) fn index_bounds(vm: &mut Vm, extra: &[Value], len: usize) -> PyResult<(usize, usize)> {
    const MSG: &str = "slice indices must be integers or have an __index__ method";
    let len = len as i64;
    let mut start = match extra.first() {
        Some(v) => clamp_index(vm, v, MSG)?,
        None => 0,
    };
    let mut stop = match extra.get(1) {
        Some(v) => clamp_index(vm, v, MSG)?,
        None => i64::MAX,
    };
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(len).max(0);
    }
    Ok((start.min(len) as usize, stop.min(len).max(0) as usize))
}

/// Repeat count for `seq * n`: `None` means "not an int" (the caller decides between
/// NotImplemented and `can't multiply sequence by non-int`).
pub(crate) fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<i64>> {
    match n {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => {
                if b.sign() == num_bigint::Sign::Minus {
                    Ok(Some(0))
                } else {
                    Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
                }
            }
            Payload::Instance(_) if crate::vm::attr::lookup_special(vm, n, "__index__").is_some() => {
                Ok(Some(vm.to_index(n)?))
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// The result of `seq * x` when `x` is not an int: NotImplemented for user objects (so their
/// `__rmul__` gets a chance), CPython's TypeError for built-in ones.
pub(crate) fn non_int_repeat(vm: &Vm, n: &Value) -> PyResult<Value> {
    if matches!(n.payload(), Some(Payload::Instance(_) | Payload::Native(_))) {
        return Ok(Value::NotImplemented);
    }
    Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(n))))
}

/// Guards against unbounded allocation in `*`.
pub(crate) fn check_repeat_size(vm: &Vm, len: usize, n: i64) -> PyResult<usize> {
    if n <= 0 || len == 0 {
        return Ok(0);
    }
    match len.checked_mul(n as usize) {
        Some(total) if total <= (1usize << 32) => Ok(total),
        Some(_) => Err(vm.new_exception_msg("MemoryError", "")),
        None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

thread_local! {
    /// Addresses of containers whose repr is being computed on this thread (`Py_ReprEnter`).
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks a container as "repr in progress" until dropped.
pub(crate) struct ReprGuard(usize);

/// `None` when `addr` is already being repr'd (the caller prints `[...]`).
pub(crate) fn repr_enter(addr: usize) -> Option<ReprGuard> {
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.contains(&addr) {
            None
        } else {
            r.push(addr);
            Some(ReprGuard(addr))
        }
    })
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        REPR_ACTIVE.with(|r| {
            let mut r = r.borrow_mut();
            if let Some(pos) = r.iter().rposition(|&a| a == self.0) {
                r.remove(pos);
            }
        });
    }
}

/// Address of the built-in object behind a value (for the repr guard).
pub(crate) fn addr_of(v: &Value) -> usize {
    match receiver(v) {
        Value::Obj(o) => o.addr(),
        _ => 0,
    }
}

/// Read access to a list or a tuple by index, re-borrowing each time.
#[derive(Clone, Copy)]
pub(crate) enum Seq<'a> {
    List(&'a GilCell<Vec<Value>>),
    Tuple(&'a [Value]),
}

impl<'a> Seq<'a> {
    pub(crate) fn get(&self, vm: &Vm, i: usize) -> Option<Value> {
        match self {
            Seq::List(l) => l.borrow(vm).get(i).cloned(),
            Seq::Tuple(t) => t.get(i).cloned(),
        }
    }

    pub(crate) fn len(&self, vm: &Vm) -> usize {
        match self {
            Seq::List(l) => l.borrow(vm).len(),
            Seq::Tuple(t) => t.len(),
        }
    }
}

/// `list_richcompare`/`tuplerichcompare`: find the first differing item, then compare it (or
/// the lengths).
pub(crate) fn seq_compare(vm: &mut Vm, a: Seq<'_>, b: Seq<'_>, op: CompareOp) -> PyResult<Value> {
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && a.len(vm) != b.len(vm) {
        return Ok(Value::Bool(op == CompareOp::Ne));
    }
    let mut i = 0;
    loop {
        let (x, y) = match (a.get(vm, i), b.get(vm, i)) {
            (Some(x), Some(y)) => (x, y),
            _ => break,
        };
        if !rich_eq(vm, &x, &y)? {
            return match op {
                CompareOp::Eq => Ok(Value::Bool(false)),
                CompareOp::Ne => Ok(Value::Bool(true)),
                _ => vm.compare(&x, &y, op),
            };
        }
        i += 1;
    }
    let (la, lb) = (a.len(vm), b.len(vm));
    Ok(Value::Bool(match op {
        CompareOp::Lt => la < lb,
        CompareOp::Le => la <= lb,
        CompareOp::Eq => la == lb,
        CompareOp::Ne => la != lb,
        CompareOp::Gt => la > lb,
        CompareOp::Ge => la >= lb,
    }))
}

/// Index of the first item equal to `x` in `[start, stop)`, comparing `item == x`.
pub(crate) fn seq_find(vm: &mut Vm, s: Seq<'_>, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let item = match s.get(vm, i) {
            Some(v) => v,
            None => break,
        };
        if rich_eq(vm, &item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

pub(crate) fn seq_count(vm: &mut Vm, s: Seq<'_>, x: &Value) -> PyResult<i64> {
    let mut i = 0;
    let mut n = 0;
    while let Some(item) = s.get(vm, i) {
        if rich_eq(vm, &item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(n)
}

/// `repr` of the items of a sequence joined by `, ` (items re-read each step).
pub(crate) fn repr_items(vm: &mut Vm, s: Seq<'_>) -> PyResult<String> {
    let mut out = String::new();
    let mut i = 0;
    while let Some(item) = s.get(vm, i) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.repr_of(&item)?);
        i += 1;
    }
    Ok(out)
}

/// `T.__new__(cls, *args)` for built-in types whose instances are built by `__new__`
/// (tuple, frozenset, set): the built-in value for the type itself, a wrapped instance for a
/// subclass.
pub(crate) fn builtin_new(
    vm: &mut Vm,
    args: &Args<'_>,
    owner: &str,
    construct: fn(&mut Vm, &ObjRef, Args<'_>) -> PyResult<Value>,
) -> PyResult<Value> {
    let cls = match args.items.first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Class(_)) => o.clone(),
        Some(v) => {
            return Err(vm.type_error(format!("{owner}.__new__(X): X is not a type object ({})", vm.type_name(v))))
        }
        None => return Err(vm.type_error(format!("{owner}.__new__(): not enough arguments"))),
    };
    let rest_args = rest(args);
    let is_builtin = matches!(cls.payload(), Payload::Class(c) if c.is_builtin);
    if is_builtin {
        construct(vm, &cls, rest_args)
    } else {
        crate::vm::call::allocate_instance(vm, &cls, rest_args)
    }
}

/// `list[int]` and friends (annotations): without a `GenericAlias` type, the subscripted type
/// is the type itself, which is callable and usable in annotations. The VM calls
/// `__class_getitem__` unbound, with just the key, so each type has its own function.
/// `list[int]` and the like: a `types.GenericAlias`.
pub(crate) fn class_getitem_for(vm: &Vm, args: &Args<'_>, id: TypeId) -> PyResult<Value> {
    let origin = Value::Obj(vm.types().get(id).clone());
    match args.positional().last() {
        Some(key) => Ok(crate::builtins::generic_alias::new_generic_alias(vm, origin, key)),
        None => Err(vm.type_error("__class_getitem__ expected 1 argument")),
    }
}

fn list_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    class_getitem_for(vm, &args, TypeId::List)
}

/// A new list object.
pub fn new_list(vm: &Vm, items: Vec<Value>) -> Value {
    vm.new_list(items)
}

/// The items of any iterable; lists and tuples (and their subclasses that keep the built-in
/// `__iter__`) are read directly.
pub(crate) fn items_of(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) => return Ok(l.borrow(vm).clone()),
        Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
        _ => {}
    }
    vm.iterate(v)
}

// =====================================================================================
// list methods
// =====================================================================================

/// `list(iterable=())`. For a subclass (`class L(list)`), returns an empty list: the VM wraps it
/// and runs `__init__` (by default `list.__init__`, which fills it), as `list.__new__` does.
pub fn construct(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let exact = cls.ptr_eq(vm.types().get(TypeId::List));
    if exact {
        if args.has_kwargs() {
            return Err(vm.type_error("list() takes no keyword arguments"));
        }
        let pos = args.positional();
        if pos.len() > 1 {
            return Err(vm.type_error(format!("list expected at most 1 argument, got {}", pos.len())));
        }
        let items = match pos.first() {
            Some(it) => items_of(vm, it)?,
            None => Vec::new(),
        };
        return Ok(vm.new_list(items));
    }
    Ok(vm.new_list(Vec::new()))
}

fn list_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__init__")?;
    if args.has_kwargs() {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    let pos = pos_after_self(&args);
    if pos.len() > 1 {
        return Err(vm.type_error(format!("list expected at most 1 argument, got {}", pos.len())));
    }
    let old = std::mem::take(&mut *cell.borrow_mut(vm));
    drop(old);
    if let Some(it) = pos.first() {
        let items = items_of(vm, it)?;
        cell.borrow_mut(vm).extend(items);
    }
    Ok(Value::None)
}

fn list_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__len__")?;
    check_noargs(vm, &args, "list.__len__")?;
    let n = cell.borrow(vm).len();
    Ok(Value::Int(n as i64))
}

fn list_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__getitem__")?;
    let key = check_one(vm, &args, "list.__getitem__")?;
    let len = cell.borrow(vm).len();
    match seq_index(vm, key, len, "list")? {
        SeqIndex::Int(i) => {
            let items = cell.borrow(vm);
            match norm_index(i, items.len()) {
                Some(i) => Ok(items[i].clone()),
                None => {
                    drop(items);
                    Err(vm.index_error("list index out of range"))
                }
            }
        }
        SeqIndex::Slice(start, _, step, n) => {
            let items = cell.borrow(vm);
            // The list may have shrunk while `__index__` ran.
            let n = clamp_slicelen(start, step, n, items.len());
            let out = slice_items(&items, start, step, n);
            drop(items);
            Ok(vm.new_list(out))
        }
    }
}

/// Shortens a slice whose items fell off the end of a list that shrank meanwhile.
fn clamp_slicelen(start: i64, step: i64, n: i64, len: usize) -> i64 {
    let mut n = n;
    while n > 0 {
        let last = start + (n - 1) * step;
        if last >= 0 && (last as usize) < len && start >= 0 && (start as usize) < len {
            break;
        }
        n -= 1;
    }
    n
}

fn list_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__setitem__")?;
    let given = check_range(vm, &args, "list.__setitem__", "__setitem__", 2, 2)?;
    let (key, value) = (&given[0], given[1].clone());
    let len = cell.borrow(vm).len();
    match seq_index(vm, key, len, "list")? {
        SeqIndex::Int(i) => {
            let mut items = cell.borrow_mut(vm);
            match norm_index(i, items.len()) {
                Some(i) => {
                    let old = std::mem::replace(&mut items[i], value);
                    drop(items);
                    drop(old);
                    Ok(Value::None)
                }
                None => {
                    drop(items);
                    Err(vm.index_error("list assignment index out of range"))
                }
            }
        }
        SeqIndex::Slice(start, stop, step, n) => {
            assign_slice(vm, cell, &args.items[0], start, stop, step, n, &value)?;
            Ok(Value::None)
        }
    }
}

/// `l[start:stop:step] = value`.
#[allow(clippy::too_many_arguments)]
fn assign_slice(
    vm: &mut Vm,
    cell: &GilCell<Vec<Value>>,
    this_value: &Value,
    start: i64,
    stop: i64,
    step: i64,
    n: i64,
    value: &Value,
) -> PyResult<()> {
    let same = list_cell(value).is_some_and(|c| std::ptr::eq(c, cell)) && receiver(value).is(receiver(this_value));
    let new_items: Vec<Value> = if same {
        cell.borrow(vm).clone()
    } else {
        match value.payload() {
            Some(Payload::List(l)) => l.borrow(vm).clone(),
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                let msg =
                    if step == 1 { "can only assign an iterable" } else { "must assign iterable to extended slice" };
                let it = match vm.get_iter(value) {
                    Ok(it) => it,
                    Err(e) if vm.err_matches(&e, "TypeError") => return Err(vm.type_error(msg)),
                    Err(e) => return Err(e),
                };
                let mut out = Vec::new();
                while let Some(x) = vm.next(&it)? {
                    out.push(x);
                }
                out
            }
        }
    };
    let mut items = cell.borrow_mut(vm);
    let len = items.len() as i64;
    if step == 1 {
        let lo = start.clamp(0, len) as usize;
        let hi = (stop.max(start)).clamp(0, len) as usize;
        let removed: Vec<Value> = items.splice(lo..hi, new_items).collect();
        drop(items);
        drop(removed);
        return Ok(());
    }
    if new_items.len() as i64 != n {
        drop(items);
        return Err(vm.value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {n}",
            new_items.len()
        )));
    }
    let mut old = Vec::with_capacity(new_items.len());
    let mut i = start;
    for v in new_items {
        if i >= 0 && i < items.len() as i64 {
            old.push(std::mem::replace(&mut items[i as usize], v));
        }
        i += step;
    }
    drop(items);
    drop(old);
    Ok(())
}

fn list_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__delitem__")?;
    let key = check_one(vm, &args, "list.__delitem__")?;
    let len = cell.borrow(vm).len();
    match seq_index(vm, key, len, "list")? {
        SeqIndex::Int(i) => {
            let mut items = cell.borrow_mut(vm);
            match norm_index(i, items.len()) {
                Some(i) => {
                    let old = items.remove(i);
                    drop(items);
                    drop(old);
                    Ok(Value::None)
                }
                None => {
                    drop(items);
                    Err(vm.index_error("list assignment index out of range"))
                }
            }
        }
        SeqIndex::Slice(start, stop, step, n) => {
            delete_slice(vm, cell, start, stop, step, n);
            Ok(Value::None)
        }
    }
}

fn delete_slice(vm: &Vm, cell: &GilCell<Vec<Value>>, start: i64, stop: i64, step: i64, n: i64) {
    let mut items = cell.borrow_mut(vm);
    let len = items.len() as i64;
    if n <= 0 {
        return;
    }
    if step == 1 {
        let lo = start.clamp(0, len) as usize;
        let hi = stop.max(start).clamp(0, len) as usize;
        let removed: Vec<Value> = items.drain(lo..hi).collect();
        drop(items);
        drop(removed);
        return;
    }
    // Positions to drop, in increasing order.
    let mut pos: Vec<usize> =
        (0..n).map(|k| start + k * step).filter(|&p| p >= 0 && p < len).map(|p| p as usize).collect();
    pos.sort_unstable();
    let mut removed = Vec::with_capacity(pos.len());
    let mut keep = Vec::with_capacity(items.len() - pos.len());
    let mut next = 0;
    for (i, v) in std::mem::take(&mut *items).into_iter().enumerate() {
        if next < pos.len() && pos[next] == i {
            removed.push(v);
            next += 1;
        } else {
            keep.push(v);
        }
    }
    *items = keep;
    drop(items);
    drop(removed);
}

fn list_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__contains__")?;
    let x = check_one(vm, &args, "list.__contains__")?;
    let found = seq_find(vm, Seq::List(cell), x, 0, usize::MAX)?;
    Ok(Value::Bool(found.is_some()))
}

fn list_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__iter__")?;
    check_noargs(vm, &args, "list.__iter__")?;
    let inner = receiver(&args.items[0]).clone();
    match crate::builtins::iterators::iter_of(vm, &inner)? {
        Some(it) => Ok(it),
        None => Err(vm.type_error("list object is not iterable")),
    }
}

fn list_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__reversed__")?;
    check_noargs(vm, &args, "list.__reversed__")?;
    let inner = receiver(&args.items[0]).as_obj().expect("list object").clone();
    Ok(crate::builtins::iterators::list_reverse_iter(vm, inner))
}

fn list_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__add__")?;
    let other = check_one(vm, &args, "list.__add__")?;
    let Some(ocell) = list_cell(other) else {
        return Err(vm.type_error(format!("can only concatenate list (not \"{}\") to list", vm.type_name(other))));
    };
    let mut out = cell.borrow(vm).clone();
    out.extend(ocell.borrow(vm).iter().cloned());
    Ok(vm.new_list(out))
}

/// `l.extend(iterable)` / `l += iterable`.
fn extend_from(vm: &mut Vm, cell: &GilCell<Vec<Value>>, other: &Value) -> PyResult<()> {
    let items = items_of(vm, other)?;
    cell.borrow_mut(vm).extend(items);
    Ok(())
}

fn list_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__iadd__")?;
    let other = check_one(vm, &args, "list.__iadd__")?;
    extend_from(vm, cell, other)?;
    Ok(args.items[0].clone())
}

fn list_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__mul__")?;
    let n = check_one(vm, &args, "list.__mul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        return non_int_repeat(vm, n);
    };
    let items = cell.borrow(vm).clone();
    let total = check_repeat_size(vm, items.len(), count)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..count.max(0) {
        out.extend(items.iter().cloned());
    }
    Ok(vm.new_list(out))
}

fn list_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__imul__")?;
    let n = check_one(vm, &args, "list.__imul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        return non_int_repeat(vm, n);
    };
    let items = cell.borrow(vm).clone();
    let total = check_repeat_size(vm, items.len(), count)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..count.max(0) {
        out.extend(items.iter().cloned());
    }
    let old = std::mem::replace(&mut *cell.borrow_mut(vm), out);
    drop(old);
    Ok(args.items[0].clone())
}

fn list_cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp, name: &str) -> PyResult<Value> {
    let cell = this(vm, &args, name)?;
    let other = check_one(vm, &args, name)?;
    let Some(ocell) = list_cell(other) else {
        return Ok(Value::NotImplemented);
    };
    seq_compare(vm, Seq::List(cell), Seq::List(ocell), op)
}

fn list_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Eq, "__eq__")
}
fn list_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Ne, "__ne__")
}
fn list_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Lt, "__lt__")
}
fn list_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Le, "__le__")
}
fn list_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Gt, "__gt__")
}
fn list_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    list_cmp(vm, args, CompareOp::Ge, "__ge__")
}

/// `repr(list)`; `[...]` for a list that contains itself.
pub fn repr_list(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(cell) = list_cell(v) else {
        return Err(descriptor_error(vm, "__repr__", "list", Some(v)));
    };
    let Some(_guard) = repr_enter(addr_of(v)) else {
        return Ok("[...]".to_string());
    };
    if cell.borrow(vm).is_empty() {
        return Ok("[]".to_string());
    }
    let inner = repr_items(vm, Seq::List(cell))?;
    Ok(format!("[{inner}]"))
}

fn list_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__repr__")?;
    check_noargs(vm, &args, "list.__repr__")?;
    Ok(Value::string(repr_list(vm, &args.items[0])?))
}

/// list is unhashable (CPython sets `list.__hash__ = None`).
fn list_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = args.items.first().map(|v| vm.type_name(v)).unwrap_or_else(|| "list".into());
    Err(vm.type_error(format!("unhashable type: '{name}'")))
}

fn list_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "append")?;
    let x = check_one(vm, &args, "list.append")?;
    cell.borrow_mut(vm).push(x.clone());
    Ok(Value::None)
}

fn list_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "extend")?;
    let other = check_one(vm, &args, "list.extend")?;
    extend_from(vm, cell, other)?;
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "insert")?;
    let given = check_range(vm, &args, "list.insert", "insert", 2, 2)?;
    let i = match &given[0] {
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => clamp_index(vm, &given[0], "")?,
        v => vm.to_index(v)?,
    };
    let mut items = cell.borrow_mut(vm);
    let len = items.len() as i64;
    let pos = if i < 0 { (i.saturating_add(len)).max(0) } else { i.min(len) };
    items.insert(pos as usize, given[1].clone());
    Ok(Value::None)
}

fn list_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "remove")?;
    let x = check_one(vm, &args, "list.remove")?;
    let mut i = 0;
    loop {
        let item = match cell.borrow(vm).get(i) {
            Some(v) => v.clone(),
            None => break,
        };
        if rich_eq(vm, &item, x)? {
            let mut items = cell.borrow_mut(vm);
            if i < items.len() {
                let old = items.remove(i);
                drop(items);
                drop(old);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn list_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "pop")?;
    let given = check_range(vm, &args, "list.pop", "pop", 0, 1)?;
    let i = match given.first() {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let mut items = cell.borrow_mut(vm);
    if items.is_empty() {
        drop(items);
        return Err(vm.index_error("pop from empty list"));
    }
    match norm_index(i, items.len()) {
        Some(i) => Ok(items.remove(i)),
        None => {
            drop(items);
            Err(vm.index_error("pop index out of range"))
        }
    }
}

fn list_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "clear")?;
    check_noargs(vm, &args, "list.clear")?;
    let old = std::mem::take(&mut *cell.borrow_mut(vm));
    // Last item first, as CPython's `list_clear` releases them (visible through `__del__`).
    old.into_iter().rev().for_each(drop);
    Ok(Value::None)
}

fn list_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "index")?;
    let given = check_range(vm, &args, "list.index", "index", 1, 3)?;
    let len = cell.borrow(vm).len();
    let (start, stop) = index_bounds(vm, &given[1..], len)?;
    match seq_find(vm, Seq::List(cell), &given[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = vm.repr_of(&given[0])?;
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "count")?;
    let x = check_one(vm, &args, "list.count")?;
    Ok(Value::Int(seq_count(vm, Seq::List(cell), x)?))
}

fn list_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "reverse")?;
    check_noargs(vm, &args, "list.reverse")?;
    cell.borrow_mut(vm).reverse();
    Ok(Value::None)
}

fn list_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "copy")?;
    check_noargs(vm, &args, "list.copy")?;
    let items = cell.borrow(vm).clone();
    Ok(vm.new_list(items))
}

// ----- sort -----

fn list_sort(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "sort")?;
    if args.positional().len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::None;
    let mut reverse = false;
    for (name, v) in args.keywords() {
        match name {
            "key" => key = v.clone(),
            "reverse" => {
                reverse = match v {
                    Value::Bool(b) => *b,
                    _ => vm.to_index(v)? != 0,
                }
            }
            _ => return Err(vm.type_error(format!("'{name}' is an invalid keyword argument for sort()"))),
        }
    }
    let key = if key.is_none() { None } else { Some(key) };
    // As CPython: the list is empty while it is being sorted, so mutation shows.
    let mut items = std::mem::take(&mut *cell.borrow_mut(vm));
    let result = sort_values(vm, &mut items, key.as_ref(), reverse);
    let mutated = std::mem::replace(&mut *cell.borrow_mut(vm), items);
    let modified = !mutated.is_empty();
    drop(mutated);
    result?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

/// Sorts `items` in place, stably, as `list.sort(key=key, reverse=reverse)`. On error `items`
/// keeps its original order.
pub fn sort_values(vm: &mut Vm, items: &mut Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        if let (Some(k), 1) = (key, n) {
            // CPython still calls the key function once.
            vm.call(k, Args::new(&[items[0].clone()]))?;
        }
        return Ok(());
    }
    if reverse {
        items.reverse();
    }
    let keys: Vec<Value> = match key {
        Some(k) => {
            let mut keys = Vec::with_capacity(n);
            for item in items.iter() {
                match vm.call(k, Args::new(std::slice::from_ref(item))) {
                    Ok(kv) => keys.push(kv),
                    Err(e) => {
                        if reverse {
                            items.reverse();
                        }
                        return Err(e);
                    }
                }
            }
            keys
        }
        None => items.clone(),
    };
    let mut perm: Vec<usize> = (0..n).collect();
    let sorted = if let Some(()) = fast_sort(&keys, &mut perm) { Ok(()) } else { timsort_perm(vm, &keys, &mut perm) };
    if let Err(e) = sorted {
        if reverse {
            items.reverse();
        }
        return Err(e);
    }
    let mut out: Vec<Value> = perm.iter().map(|&i| items[i].clone()).collect();
    if reverse {
        out.reverse();
    }
    *items = out;
    Ok(())
}

/// Sorting without Python code for all-int, all-float (no NaN) or all-str keys; the result is
/// the same as the general algorithm gives for a total order.
fn fast_sort(keys: &[Value], perm: &mut [usize]) -> Option<()> {
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let ints: Vec<i64> = keys.iter().map(|k| if let Value::Int(i) = k { *i } else { 0 }).collect();
        perm.sort_by(|&a, &b| ints[a].cmp(&ints[b]));
        return Some(());
    }
    if keys.iter().all(|k| matches!(k, Value::Float(f) if !f.is_nan())) {
        let fl: Vec<f64> = keys.iter().map(|k| if let Value::Float(f) = k { *f } else { 0.0 }).collect();
        perm.sort_by(|&a, &b| fl[a].partial_cmp(&fl[b]).unwrap_or(std::cmp::Ordering::Equal));
        return Some(());
    }
    if keys.iter().all(|k| k.as_str().is_some()) {
        let strs: Vec<&str> = keys.iter().map(|k| k.as_str().unwrap_or("")).collect();
        perm.sort_by(|&a, &b| strs[a].cmp(strs[b]));
        return Some(());
    }
    None
}

/// CPython's `listsort` run detection (`count_run`) and `binarysort` with the same `minrun`,
/// so that for lists shorter than 64 the sequence of `<` comparisons is exactly CPython's;
/// runs are then merged with a plain stable merge.
fn timsort_perm(vm: &mut Vm, keys: &[Value], perm: &mut [usize]) -> PyResult<()> {
    let n = perm.len();
    let minrun = {
        let mut m = n;
        let mut r = 0;
        while m >= 64 {
            r |= m & 1;
            m >>= 1;
        }
        m + r
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = count_run(vm, keys, &perm[lo..lo + remaining])?;
        if descending {
            perm[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            binarysort(vm, keys, &mut perm[lo..lo + force], run)?;
            run = force;
        }
        runs.push((lo, run));
        lo += run;
        remaining -= run;
    }
    let mut buf = Vec::new();
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len() / 2 + 1);
        let mut i = 0;
        while i + 1 < runs.len() {
            let (a, la) = runs[i];
            let (_, lb) = runs[i + 1];
            merge(vm, keys, &mut perm[a..a + la + lb], la, &mut buf)?;
            merged.push((a, la + lb));
            i += 2;
        }
        if i < runs.len() {
            merged.push(runs[i]);
        }
        runs = merged;
    }
    Ok(())
}

#[inline]
fn key_lt(vm: &mut Vm, keys: &[Value], a: usize, b: usize) -> PyResult<bool> {
    value_lt(vm, &keys[a], &keys[b])
}

/// `a < b` with the common built-in cases done natively (ints, floats, strs, and exact tuples
/// of those, compared as `tuplerichcompare` does); anything else through `vm.lt`.
pub(crate) fn value_lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(x < y),
        (Value::Float(x), Value::Float(y)) => return Ok(x < y),
        (Value::Obj(x), Value::Obj(y)) => match (x.payload(), y.payload()) {
            (Payload::Str(s), Payload::Str(t)) => return Ok(s.as_str() < t.as_str()),
            (Payload::Tuple(s), Payload::Tuple(t)) => {
                let n = s.len().min(t.len());
                for i in 0..n {
                    let same = match crate::object::dict::builtin_eq(&s[i], &t[i]) {
                        Some(e) => e,
                        None => rich_eq(vm, &s[i], &t[i])?,
                    };
                    if !same {
                        return value_lt(vm, &s[i], &t[i]);
                    }
                }
                return Ok(s.len() < t.len());
            }
            _ => {}
        },
        _ => {}
    }
    vm.lt(a, b)
}

fn count_run(vm: &mut Vm, keys: &[Value], v: &[usize]) -> PyResult<(usize, bool)> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if key_lt(vm, keys, v[1], v[0])? {
        while n < v.len() {
            if key_lt(vm, keys, v[n], v[n - 1])? {
                n += 1;
            } else {
                break;
            }
        }
        Ok((n, true))
    } else {
        while n < v.len() {
            if key_lt(vm, keys, v[n], v[n - 1])? {
                break;
            }
            n += 1;
        }
        Ok((n, false))
    }
}

fn binarysort(vm: &mut Vm, keys: &[Value], v: &mut [usize], start: usize) -> PyResult<()> {
    let start = start.max(1);
    for s in start..v.len() {
        let pivot = v[s];
        let (mut l, mut r) = (0, s);
        while l < r {
            let p = l + ((r - l) >> 1);
            if key_lt(vm, keys, pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..s, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// Merges the sorted halves `v[..mid]` and `v[mid..]`, stably.
fn merge(vm: &mut Vm, keys: &[Value], v: &mut [usize], mid: usize, buf: &mut Vec<usize>) -> PyResult<()> {
    if mid == 0 || mid == v.len() {
        return Ok(());
    }
    // Already in order?
    if !key_lt(vm, keys, v[mid], v[mid - 1])? {
        return Ok(());
    }
    buf.clear();
    buf.extend_from_slice(&v[..mid]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    let result = (|| -> PyResult<()> {
        while i < buf.len() && j < v.len() {
            if key_lt(vm, keys, v[j], buf[i])? {
                v[k] = v[j];
                j += 1;
            } else {
                v[k] = buf[i];
                i += 1;
            }
            k += 1;
        }
        Ok(())
    })();
    // Even on error, leave `v` a permutation.
    while i < buf.len() {
        v[k] = buf[i];
        i += 1;
        k += 1;
    }
    result
}
