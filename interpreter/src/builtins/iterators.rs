//! Iterators over built-in containers (`list_iterator`, `dict_keyiterator`, `range_iterator`, ...),
//! the iterator builtins (`enumerate`, `zip`, `map`, `filter`, `reversed`), the old
//! `__getitem__` sequence protocol, `iter(callable, sentinel)`, and `range` itself.
//!
//! Every built-in iterator is a `Payload::Iterator(GilCell<NativeIter>)`. [`next`] advances one;
//! variants that call back into Python (map, filter, zip, enumerate, the sequence protocol) copy
//! what they need out of the cell, release the borrow, make the calls, then re-borrow to update
//! their state.

use num_bigint::BigInt;

use crate::builtins::dict::dict_cell_of_obj;
use crate::builtins::list::{check_noargs, check_one, descriptor_error, rich_eq, slice_indices};
use crate::builtins::receiver;
use crate::builtins::set::SetHandle;
use crate::builtins::types::TypeId;
use crate::object::{BaseState, DictViewKind, GilCell, Instance, NativeFn, ObjRef, Payload, Range};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// The state of a built-in iterator.
pub enum NativeIter {
    /// Finished: every later `next` returns `None` (and the container is released); keeps the
    /// iterator's type name.
    Exhausted(&'static str),
    /// `iter(list)`: reads the live list, so appends during iteration are seen.
    List {
        list: ObjRef,
        index: usize,
    },
    /// `reversed(list)`: the next index to yield (-1 when done).
    ListReverse {
        list: ObjRef,
        index: i64,
    },
    Tuple {
        tuple: ObjRef,
        index: usize,
    },
    /// Per character; `pos` is a byte offset.
    Str {
        s: ObjRef,
        pos: usize,
    },
    /// `reversed(str)`: `end` is the byte offset after the next character to yield.
    StrReverse {
        s: ObjRef,
        end: usize,
    },
    /// bytes / bytearray: yields ints.
    Bytes {
        obj: ObjRef,
        index: usize,
    },
    Range {
        next: i128,
        step: i128,
        remaining: u128,
    },
    /// Dict keys/values/items in insertion order. `used` is the size when iteration started
    /// (`usize::MAX` once a size change was reported, so the error sticks).
    Dict {
        dict: ObjRef,
        kind: DictViewKind,
        pos: usize,
        used: usize,
        remaining: usize,
    },
    /// `reversed(dict)`: `pos` is one past the next entry index to look at.
    DictReverse {
        dict: ObjRef,
        kind: DictViewKind,
        pos: usize,
        used: usize,
        remaining: usize,
    },
    /// set / frozenset in table order.
    Set {
        set: ObjRef,
        pos: usize,
        used: usize,
        remaining: usize,
    },
    Enumerate {
        iter: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    /// `func` None (or `bool`) means "truthy items".
    Filter {
        func: Value,
        iter: Value,
    },
    /// `reversed(seq)` through `__getitem__`: the next index (-1 when done).
    Reversed {
        seq: Value,
        index: i64,
    },
    /// `iter(seq)` for an object with only `__getitem__`.
    Seq {
        seq: Value,
        index: i64,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        func: Value,
        sentinel: Value,
    },
}

impl NativeIter {
    /// Calls `f` on every value the iterator holds (for the cycle collector's traversal).
    pub fn for_each_ref(&self, f: &mut dyn FnMut(&Value)) {
        let obj = |o: &ObjRef, f: &mut dyn FnMut(&Value)| f(&Value::Obj(o.clone()));
        match self {
            NativeIter::Exhausted(_) | NativeIter::Range { .. } => {}
            NativeIter::List { list, .. } | NativeIter::ListReverse { list, .. } => obj(list, f),
            NativeIter::Tuple { tuple, .. } => obj(tuple, f),
            NativeIter::Str { s, .. } | NativeIter::StrReverse { s, .. } => obj(s, f),
            NativeIter::Bytes { obj: o, .. } => obj(o, f),
            NativeIter::Dict { dict, .. } | NativeIter::DictReverse { dict, .. } => obj(dict, f),
            NativeIter::Set { set, .. } => obj(set, f),
            NativeIter::Enumerate { iter, count } => {
                f(iter);
                f(count);
            }
            NativeIter::Zip { iters, .. } => iters.iter().for_each(&mut *f),
            NativeIter::Map { func, iters } => {
                f(func);
                iters.iter().for_each(&mut *f);
            }
            NativeIter::Filter { func, iter } => {
                f(func);
                f(iter);
            }
            NativeIter::Reversed { seq, .. } | NativeIter::Seq { seq, .. } => f(seq),
            NativeIter::Callable { func, sentinel } => {
                f(func);
                f(sentinel);
            }
        }
    }

    /// Drops every reference (the collector's `tp_clear`).
    pub fn clear(&mut self) {
        self.exhaust();
    }

    /// Marks the iterator finished, releasing what it holds.
    pub fn exhaust(&mut self) {
        *self = NativeIter::Exhausted(iter_type_name(self));
    }
}

/// CPython's type name for the iterator (for `repr`).
pub fn iter_type_name(it: &NativeIter) -> &'static str {
    match it {
        NativeIter::Exhausted(name) => name,
        NativeIter::List { .. } => "list_iterator",
        NativeIter::ListReverse { .. } => "list_reverseiterator",
        NativeIter::Tuple { .. } => "tuple_iterator",
        NativeIter::Str { s, .. } => match s.payload() {
            Payload::Str(text) if !text.is_ascii() => "str_iterator",
            _ => "str_ascii_iterator",
        },
        NativeIter::StrReverse { .. } | NativeIter::Reversed { .. } => "reversed",
        NativeIter::Bytes { .. } => "bytes_iterator",
        NativeIter::Range { .. } => "range_iterator",
        NativeIter::Dict { kind, .. } => match kind {
            DictViewKind::Keys => "dict_keyiterator",
            DictViewKind::Values => "dict_valueiterator",
            DictViewKind::Items => "dict_itemiterator",
        },
        NativeIter::DictReverse { kind, .. } => match kind {
            DictViewKind::Keys => "dict_reversekeyiterator",
            DictViewKind::Values => "dict_reversevalueiterator",
            DictViewKind::Items => "dict_reverseitemiterator",
        },
        NativeIter::Set { .. } => "set_iterator",
        NativeIter::Enumerate { .. } => "enumerate",
        NativeIter::Zip { .. } => "zip",
        NativeIter::Map { .. } => "map",
        NativeIter::Filter { .. } => "filter",
        NativeIter::Seq { .. } => "iterator",
        NativeIter::Callable { .. } => "callable_iterator",
    }
}

/// Wraps an iterator state in an object.
pub fn new_iter(vm: &Vm, it: NativeIter) -> Value {
    crate::gc::track(vm, ObjRef::new(Payload::Iterator(GilCell::new(it))))
}

fn list_cell_of(o: &ObjRef) -> Option<&GilCell<Vec<Value>>> {
    match o.payload() {
        Payload::List(l) => Some(l),
        Payload::Instance(Instance { base: BaseState::Builtin(inner), .. }) => match inner.payload() {
            Some(Payload::List(l)) => Some(l),
            _ => None,
        },
        _ => None,
    }
}

fn set_handle_of(o: &ObjRef) -> Option<SetHandle<'_>> {
    match o.payload() {
        Payload::Set(c) => Some(SetHandle::Cell(c)),
        Payload::FrozenSet(d) => Some(SetHandle::Frozen(d)),
        Payload::Instance(Instance { base: BaseState::Builtin(inner), .. }) => match inner.payload() {
            Some(Payload::Set(c)) => Some(SetHandle::Cell(c)),
            Some(Payload::FrozenSet(d)) => Some(SetHandle::Frozen(d)),
            _ => None,
        },
        _ => None,
    }
}

/// The built-in object an instance of a subclass wraps (or the object itself).
fn inner_obj(o: &ObjRef) -> ObjRef {
    match o.payload() {
        Payload::Instance(Instance { base: BaseState::Builtin(Value::Obj(inner)), .. }) => inner.clone(),
        _ => o.clone(),
    }
}

// =====================================================================================
// Making iterators
// =====================================================================================

/// `iter(v)` for built-in iterables (exact types only, so that subclasses overriding
/// `__iter__` are honoured); `None` otherwise, and the VM falls back to `__iter__`.
pub fn iter_of(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    let Value::Obj(o) = v else { return Ok(None) };
    let it = match o.payload() {
        Payload::List(_) => NativeIter::List { list: o.clone(), index: 0 },
        Payload::Tuple(_) => NativeIter::Tuple { tuple: o.clone(), index: 0 },
        Payload::Str(_) => NativeIter::Str { s: o.clone(), pos: 0 },
        Payload::Bytes(_) | Payload::ByteArray(_) => NativeIter::Bytes { obj: o.clone(), index: 0 },
        Payload::Range(r) => range_iter(r, false),
        Payload::Dict(_) => return Ok(Some(dict_iter(vm, o.clone(), DictViewKind::Keys))),
        Payload::DictView(d, kind) => return Ok(Some(dict_iter(vm, inner_obj(d), *kind))),
        Payload::Set(_) | Payload::FrozenSet(_) => return Ok(Some(set_iter(vm, o.clone()))),
        Payload::Iterator(_) => return Ok(Some(v.clone())),
        _ => return Ok(None),
    };
    Ok(Some(new_iter(vm, it)))
}

/// An iterator over a dict's keys, values or items (`dict` is the dict object itself).
pub fn dict_iter(vm: &Vm, dict: ObjRef, kind: DictViewKind) -> Value {
    let len = dict_cell_of_obj(&dict).map(|c| c.borrow(vm).len()).unwrap_or(0);
    new_iter(vm, NativeIter::Dict { dict, kind, pos: 0, used: len, remaining: len })
}

/// `reversed(dict)` and `reversed(d.keys()/values()/items())`.
pub fn dict_reverse_iter(vm: &Vm, dict: ObjRef, kind: DictViewKind) -> Value {
    let (len, end) = dict_cell_of_obj(&dict)
        .map(|c| {
            let d = c.borrow(vm);
            (d.len(), d.capacity_index())
        })
        .unwrap_or((0, 0));
    new_iter(vm, NativeIter::DictReverse { dict, kind, pos: end, used: len, remaining: len })
}

/// An iterator over a set or frozenset in table order.
pub fn set_iter(vm: &Vm, set: ObjRef) -> Value {
    let len = set_handle_of(&set).map(|h| h.len(vm)).unwrap_or(0);
    new_iter(vm, NativeIter::Set { set, pos: 0, used: len, remaining: len })
}

/// `reversed(list)`.
pub fn list_reverse_iter(vm: &Vm, list: ObjRef) -> Value {
    let len = list_cell_of(&list).map(|l| l.borrow(vm).len()).unwrap_or(0);
    new_iter(vm, NativeIter::ListReverse { list, index: len as i64 - 1 })
}

/// The old sequence protocol: `seq[0]`, `seq[1]`, ... until IndexError.
pub fn sequence_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(new_iter(vm, NativeIter::Seq { seq: v.clone(), index: 0 }))
}

/// `iter(callable, sentinel)`.
pub fn callable_iter(vm: &Vm, func: Value, sentinel: Value) -> Value {
    new_iter(vm, NativeIter::Callable { func, sentinel })
}

/// Exact length of a range (may exceed i64).
pub fn range_len(r: &Range) -> i128 {
    let (lo, hi, step) = if r.step > 0 {
        (r.start as i128, r.stop as i128, r.step as i128)
    } else {
        (r.stop as i128, r.start as i128, -(r.step as i128))
    };
    if lo >= hi {
        0
    } else {
        (hi - lo - 1) / step + 1
    }
}

fn range_iter(r: &Range, reverse: bool) -> NativeIter {
    let len = range_len(r);
    if reverse {
        let last = r.start as i128 + (len - 1).max(0) * r.step as i128;
        NativeIter::Range { next: last, step: -(r.step as i128), remaining: len as u128 }
    } else {
        NativeIter::Range { next: r.start as i128, step: r.step as i128, remaining: len as u128 }
    }
}

// =====================================================================================
// Advancing
// =====================================================================================

/// A step that must call into Python, with everything it needs copied out of the cell.
enum Slow {
    Enumerate(Value),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    Reversed(Value, i64),
    Seq(Value, i64),
    Callable(Value, Value),
}

enum Step {
    Done(Option<Value>),
    Slow(Slow),
}

fn step_fast(vm: &Vm, st: &mut NativeIter) -> PyResult<Step> {
    let mut exhaust = false;
    let out = match st {
        NativeIter::Exhausted(_) => None,
        NativeIter::List { list, index } => {
            let item = list_next(vm, list, index);
            exhaust = item.is_none();
            item
        }
        NativeIter::ListReverse { list, index } => {
            let item = if *index >= 0 {
                list_cell_of(list).and_then(|l| l.borrow(vm).get(*index as usize).cloned())
            } else {
                None
            };
            match item {
                Some(v) => {
                    *index -= 1;
                    Some(v)
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Tuple { tuple, index } => {
            let item = match tuple.payload() {
                Payload::Tuple(t) => t.get(*index).cloned(),
                _ => None,
            };
            match item {
                Some(v) => {
                    *index += 1;
                    Some(v)
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Str { s, pos } => {
            let c = match s.payload() {
                Payload::Str(ps) => ps.as_str().get(*pos..).and_then(|rest| rest.chars().next()),
                _ => None,
            };
            match c {
                Some(c) => {
                    *pos += c.len_utf8();
                    Some(Value::string(c.to_string()))
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::StrReverse { s, end } => {
            let c = match s.payload() {
                Payload::Str(ps) => ps.as_str().get(..*end).and_then(|head| head.chars().next_back()),
                _ => None,
            };
            match c {
                Some(c) => {
                    *end -= c.len_utf8();
                    Some(Value::string(c.to_string()))
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Bytes { obj, index } => {
            let b = match obj.payload() {
                Payload::Bytes(b) => b.get(*index).copied(),
                Payload::ByteArray(c) => c.borrow(vm).get(*index).copied(),
                _ => None,
            };
            match b {
                Some(b) => {
                    *index += 1;
                    Some(Value::Int(b as i64))
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Range { next, step, remaining } => {
            let item = range_next(next, *step, remaining);
            exhaust = item.is_none();
            item
        }
        NativeIter::Dict { dict, kind, pos, used, remaining } => {
            let Some(cell) = dict_cell_of_obj(dict) else {
                return Ok(Step::Done(None));
            };
            let d = cell.borrow(vm);
            if *used != d.len() {
                *used = usize::MAX;
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            match d.entries_from(*pos) {
                Some((i, e)) => {
                    if *remaining == 0 {
                        drop(d);
                        *used = usize::MAX;
                        return Err(vm.runtime_error("dictionary keys changed during iteration"));
                    }
                    *pos = i + 1;
                    *remaining -= 1;
                    Some(match kind {
                        DictViewKind::Keys => e.key.clone(),
                        DictViewKind::Values => e.value.clone(),
                        DictViewKind::Items => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    })
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::DictReverse { dict, kind, pos, used, remaining } => {
            let Some(cell) = dict_cell_of_obj(dict) else {
                return Ok(Step::Done(None));
            };
            let d = cell.borrow(vm);
            if *used != d.len() {
                *used = usize::MAX;
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            let mut found = None;
            let mut i = (*pos).min(d.capacity_index());
            while i > 0 {
                i -= 1;
                if let Some(e) = d.entry_at(i) {
                    found = Some((i, e));
                    break;
                }
            }
            match found {
                Some((i, e)) if *remaining > 0 => {
                    *pos = i;
                    *remaining -= 1;
                    Some(match kind {
                        DictViewKind::Keys => e.key.clone(),
                        DictViewKind::Values => e.value.clone(),
                        DictViewKind::Items => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    })
                }
                _ => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Set { set, pos, used, remaining } => {
            let Some(h) = set_handle_of(set) else {
                return Ok(Step::Done(None));
            };
            let d = h.data(vm);
            if *used != d.len() {
                *used = usize::MAX;
                return Err(vm.runtime_error("Set changed size during iteration"));
            }
            match d.next_from(*pos) {
                Some((i, k)) => {
                    *pos = i + 1;
                    *remaining = remaining.saturating_sub(1);
                    Some(k.clone())
                }
                None => {
                    exhaust = true;
                    None
                }
            }
        }
        NativeIter::Enumerate { iter, .. } => return Ok(Step::Slow(Slow::Enumerate(iter.clone()))),
        NativeIter::Zip { iters, strict } => return Ok(Step::Slow(Slow::Zip(iters.clone(), *strict))),
        NativeIter::Map { func, iters } => return Ok(Step::Slow(Slow::Map(func.clone(), iters.clone()))),
        NativeIter::Filter { func, iter } => return Ok(Step::Slow(Slow::Filter(func.clone(), iter.clone()))),
        NativeIter::Reversed { seq, index } => {
            if *index < 0 {
                exhaust = true;
                None
            } else {
                // Tuples are immutable: read them directly.
                if let Some(Payload::Tuple(t)) = seq.payload() {
                    match t.get(*index as usize).cloned() {
                        Some(v) => {
                            *index -= 1;
                            return Ok(Step::Done(Some(v)));
                        }
                        None => {
                            st.exhaust();
                            return Ok(Step::Done(None));
                        }
                    }
                }
                return Ok(Step::Slow(Slow::Reversed(seq.clone(), *index)));
            }
        }
        NativeIter::Seq { seq, index } => return Ok(Step::Slow(Slow::Seq(seq.clone(), *index))),
        NativeIter::Callable { func, sentinel } => {
            return Ok(Step::Slow(Slow::Callable(func.clone(), sentinel.clone())))
        }
    };
    if exhaust {
        st.exhaust();
    }
    Ok(Step::Done(out))
}

fn set_state(vm: &Vm, cell: &GilCell<NativeIter>, f: impl FnOnce(&mut NativeIter)) {
    let mut st = cell.borrow_mut(vm);
    f(&mut st);
}

/// The next item of a range or list iterator that has one, for the `for` loop's fast path:
/// no reference-count traffic on the iterator, no recursion check. `None` in every other case
/// (another kind of iterator, the end of the iteration, a cell already borrowed), which
/// [`next`] through `Vm::next` handles.
#[inline]
pub fn next_in_loop(vm: &Vm, it: &Value) -> Option<Value> {
    let Some(Payload::Iterator(cell)) = it.payload() else { return None };
    let mut st = cell.try_borrow_mut(vm)?;
    match &mut *st {
        NativeIter::Range { next, step, remaining } => range_next(next, *step, remaining),
        NativeIter::List { list, index } => list_next(vm, list, index),
        _ => None,
    }
}

/// A range iterator's next value, `None` at the end (which the caller records).
#[inline(always)]
fn range_next(next: &mut i128, step: i128, remaining: &mut u128) -> Option<Value> {
    if *remaining == 0 {
        return None;
    }
    let v = *next;
    *next += step;
    *remaining -= 1;
    Some(Value::Int(v as i64))
}

/// A list iterator's next item, `None` at the end (which the caller records).
#[inline(always)]
fn list_next(vm: &Vm, list: &ObjRef, index: &mut usize) -> Option<Value> {
    let item = list_cell_of(list).and_then(|l| l.borrow(vm).get(*index).cloned())?;
    *index += 1;
    Some(item)
}

/// Advances any built-in iterator: `Ok(None)` when it is exhausted.
pub fn next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<Value>> {
    let Payload::Iterator(cell) = it.payload() else {
        return Err(vm.type_error("object is not an iterator"));
    };
    let step = {
        let vmr: &Vm = vm;
        let mut st = cell.borrow_mut(vmr);
        step_fast(vmr, &mut st)?
    };
    let slow = match step {
        Step::Done(v) => return Ok(v),
        Step::Slow(s) => s,
    };
    match slow {
        Slow::Enumerate(inner) => {
            let Some(x) = vm.next(&inner)? else { return Ok(None) };
            let mut count = Value::Int(0);
            set_state(vm, cell, |st| {
                if let NativeIter::Enumerate { count: c, .. } = st {
                    let next = match &*c {
                        Value::Int(i) => match i.checked_add(1) {
                            Some(n) => Value::Int(n),
                            None => Value::int_from_big(BigInt::from(*i) + 1),
                        },
                        Value::Obj(o) => match o.payload() {
                            Payload::BigInt(b) => Value::int_from_big(b + 1),
                            _ => c.clone(),
                        },
                        other => other.clone(),
                    };
                    count = std::mem::replace(c, next);
                }
            });
            Ok(Some(Value::tuple(vec![count, x])))
        }
        Slow::Zip(iters, strict) => {
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, sub) in iters.iter().enumerate() {
                match vm.next(sub)? {
                    Some(x) => items.push(x),
                    None => {
                        if strict {
                            if i > 0 {
                                let plural = if i == 1 { " " } else { "s 1-" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{plural}{i}",
                                    i + 1
                                )));
                            }
                            for (j, other) in iters.iter().enumerate().skip(1) {
                                if vm.next(other)?.is_some() {
                                    let plural = if j == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{plural}{j}",
                                        j + 1
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(items)))
        }
        Slow::Map(func, iters) => {
            let mut items = Vec::with_capacity(iters.len());
            for sub in &iters {
                match vm.next(sub)? {
                    Some(x) => items.push(x),
                    None => return Ok(None),
                }
            }
            vm.call(&func, Args::new(&items)).map(Some)
        }
        Slow::Filter(func, inner) => {
            let truthy = func.is_none() || func.as_obj().is_some_and(|f| f.ptr_eq(vm.types().get(TypeId::Bool)));
            loop {
                let Some(x) = vm.next(&inner)? else { return Ok(None) };
                let keep = if truthy {
                    vm.is_true(&x)?
                } else {
                    let r = vm.call(&func, Args::new(std::slice::from_ref(&x)))?;
                    vm.is_true(&r)?
                };
                if keep {
                    return Ok(Some(x));
                }
            }
        }
        Slow::Reversed(seq, index) => match vm.get_item(&seq, &Value::Int(index)) {
            Ok(v) => {
                set_state(vm, cell, |st| {
                    if let NativeIter::Reversed { index: i, .. } = st {
                        *i = index - 1;
                    }
                });
                Ok(Some(v))
            }
            Err(e) if vm.err_matches(&e, "IndexError") || vm.err_matches(&e, "StopIteration") => {
                set_state(vm, cell, |st| st.exhaust());
                Ok(None)
            }
            Err(e) => Err(e),
        },
        Slow::Seq(seq, index) => match vm.get_item(&seq, &Value::Int(index)) {
            Ok(v) => {
                set_state(vm, cell, |st| {
                    if let NativeIter::Seq { index: i, .. } = st {
                        *i = index + 1;
                    }
                });
                Ok(Some(v))
            }
            Err(e) if vm.err_matches(&e, "IndexError") || vm.err_matches(&e, "StopIteration") => {
                set_state(vm, cell, |st| st.exhaust());
                Ok(None)
            }
            Err(e) => Err(e),
        },
        Slow::Callable(func, sentinel) => match vm.call(&func, Args::new(&[])) {
            Ok(r) => {
                if rich_eq(vm, &sentinel, &r)? {
                    set_state(vm, cell, |st| st.exhaust());
                    return Ok(None);
                }
                Ok(Some(r))
            }
            Err(e) if vm.err_matches(&e, "StopIteration") => {
                set_state(vm, cell, |st| st.exhaust());
                Ok(None)
            }
            Err(e) => Err(e),
        },
    }
}

/// The names of the built-in iterator types (`type(iter([]))` is `list_iterator`).
pub const ITER_TYPE_NAMES: &[&str] = &[
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "str_iterator",
    "reversed",
    "bytes_iterator",
    "range_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "dict_reversekeyiterator",
    "dict_reversevalueiterator",
    "dict_reverseitemiterator",
    "set_iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
];

/// Methods of built-in iterator objects (for the `iterator` type's table).
pub const ITER_METHODS: &[(&str, NativeFn)] =
    &[("__iter__", iter_iter), ("__next__", iter_next), ("__repr__", iter_repr), ("__length_hint__", iter_length_hint)];

fn iter_self<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a ObjRef> {
    match args.items.first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Iterator(_)) => Ok(o),
        other => Err(descriptor_error(vm, method, "iterator", other)),
    }
}

fn iter_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    iter_self(vm, &args, "__iter__")?;
    Ok(args.items[0].clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = iter_self(vm, &args, "__next__")?.clone();
    match next(vm, &o)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn iter_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = iter_self(vm, &args, "__repr__")?;
    let Payload::Iterator(cell) = o.payload() else { unreachable!() };
    let name = iter_type_name(&cell.borrow(vm));
    Ok(Value::string(format!("<{name} object at {:#x}>", o.addr())))
}

fn iter_length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = iter_self(vm, &args, "__length_hint__")?;
    let Payload::Iterator(cell) = o.payload() else { unreachable!() };
    let st = cell.borrow(vm);
    let n: i64 = match &*st {
        NativeIter::Exhausted(_) => 0,
        NativeIter::List { list, index } => {
            list_cell_of(list).map(|l| l.borrow(vm).len().saturating_sub(*index) as i64).unwrap_or(0)
        }
        NativeIter::ListReverse { index, .. } => (*index + 1).max(0),
        NativeIter::Tuple { tuple, index } => match tuple.payload() {
            Payload::Tuple(t) => t.len().saturating_sub(*index) as i64,
            _ => 0,
        },
        NativeIter::Range { remaining, .. } => (*remaining).min(i64::MAX as u128) as i64,
        NativeIter::Dict { remaining, .. }
        | NativeIter::DictReverse { remaining, .. }
        | NativeIter::Set { remaining, .. } => *remaining as i64,
        NativeIter::Reversed { index, .. } => (*index + 1).max(0),
        _ => {
            drop(st);
            return Ok(Value::NotImplemented);
        }
    };
    Ok(Value::Int(n))
}

// =====================================================================================
// enumerate, zip, map, filter, reversed
// =====================================================================================

/// `enumerate(iterable, start=0)`.
pub fn construct_enumerate(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    builtin_enumerate(vm, args)
}

pub fn builtin_enumerate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if args.items.len() > 2 {
        return Err(vm.type_error(format!("enumerate() takes at most 2 arguments ({} given)", args.items.len())));
    }
    let mut iterable = pos.first().cloned();
    let mut start = pos.get(1).cloned();
    for (name, v) in args.keywords() {
        match name {
            "iterable" if iterable.is_none() => iterable = Some(v.clone()),
            "start" if start.is_none() => start = Some(v.clone()),
            "iterable" | "start" => {
                return Err(vm.type_error(format!(
                    "argument for enumerate() given by name ('{name}') and position ({})",
                    if name == "iterable" { 1 } else { 2 }
                )))
            }
            _ => return Err(vm.type_error(format!("'{name}' is an invalid keyword argument for enumerate()"))),
        }
    }
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match start {
        None => Value::Int(0),
        Some(v) => match &v {
            Value::Int(_) => v.clone(),
            Value::Bool(b) => Value::Int(*b as i64),
            Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => v.clone(),
            _ => Value::Int(vm.to_index(&v)?),
        },
    };
    let iter = vm.get_iter(&iterable)?;
    Ok(new_iter(vm, NativeIter::Enumerate { iter, count }))
}

/// `zip(*iterables, strict=False)`.
pub fn construct_zip(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    builtin_zip(vm, args)
}

pub fn builtin_zip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut strict = false;
    if args.kwnames.len() > 1 {
        return Err(vm.type_error(format!("zip() takes at most 1 keyword argument ({} given)", args.kwnames.len())));
    }
    for (name, v) in args.keywords() {
        if name != "strict" {
            return Err(vm.type_error(format!("'{name}' is an invalid keyword argument for zip()")));
        }
        strict = vm.is_true(v)?;
    }
    let mut iters = Vec::with_capacity(args.positional().len());
    for v in args.positional() {
        iters.push(vm.get_iter(v)?);
    }
    Ok(new_iter(vm, NativeIter::Zip { iters, strict }))
}

/// `map(func, *iterables)`.
pub fn construct_map(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    builtin_map(vm, args)
}

pub fn builtin_map(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("map() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(pos.len() - 1);
    for v in &pos[1..] {
        iters.push(vm.get_iter(v)?);
    }
    Ok(new_iter(vm, NativeIter::Map { func: pos[0].clone(), iters }))
}

/// `filter(function or None, iterable)`.
pub fn construct_filter(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    builtin_filter(vm, args)
}

pub fn builtin_filter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("filter() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() != 2 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", pos.len())));
    }
    let iter = vm.get_iter(&pos[1])?;
    Ok(new_iter(vm, NativeIter::Filter { func: pos[0].clone(), iter }))
}

/// `reversed(seq)`.
pub fn construct_reversed(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    builtin_reversed(vm, args)
}

pub fn builtin_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("reversed() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("reversed expected 1 argument, got {}", pos.len())));
    }
    reversed_of(vm, &pos[0])
}

/// `reversed(v)`: `__reversed__`, or the sequence protocol (`__len__` + `__getitem__`).
pub fn reversed_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = v {
        match o.payload() {
            Payload::List(_) => return Ok(list_reverse_iter(vm, o.clone())),
            Payload::Range(r) => return Ok(new_iter(vm, range_iter(r, true))),
            Payload::Dict(_) => return Ok(dict_reverse_iter(vm, o.clone(), DictViewKind::Keys)),
            Payload::DictView(d, kind) => return Ok(dict_reverse_iter(vm, inner_obj(d), *kind)),
            Payload::Str(s) => {
                let end = s.as_str().len();
                return Ok(new_iter(vm, NativeIter::StrReverse { s: o.clone(), end }));
            }
            Payload::Tuple(t) => {
                let index = t.len() as i64 - 1;
                return Ok(new_iter(vm, NativeIter::Reversed { seq: v.clone(), index }));
            }
            _ => {}
        }
    }
    if let Some(f) = crate::vm::attr::lookup_special(vm, v, "__reversed__") {
        if f.is_none() {
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
        }
        return vm.call(&f, Args::new(std::slice::from_ref(v)));
    }
    let is_dict = crate::builtins::dict::dict_cell(v).is_some();
    let has_getitem = crate::vm::attr::lookup_special(vm, v, "__getitem__").is_some_and(|f| !f.is_none());
    if is_dict || !has_getitem {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
    }
    let n = match crate::vm::attr::lookup_special(vm, v, "__len__") {
        Some(f) if !f.is_none() => {
            let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
            vm.to_index(&r)?
        }
        _ => return Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v)))),
    };
    Ok(new_iter(vm, NativeIter::Reversed { seq: v.clone(), index: n - 1 }))
}

// =====================================================================================
// range
// =====================================================================================

pub const RANGE_METHODS: &[(&str, NativeFn)] = &[
    ("__len__", range_len_method),
    ("__contains__", range_contains),
    ("__getitem__", range_getitem),
    ("__iter__", range_iter_method),
    ("__reversed__", range_reversed),
    ("__repr__", range_repr),
    ("__eq__", range_eq),
    ("__ne__", range_ne),
    ("__hash__", range_hash),
    ("__bool__", range_bool),
    ("index", range_index),
    ("count", range_count),
];

/// `range.start`, `range.stop`, `range.step`.
pub fn range_attr(r: &Range, name: &str) -> Option<Value> {
    match name {
        "start" => Some(Value::Int(r.start)),
        "stop" => Some(Value::Int(r.stop)),
        "step" => Some(Value::Int(r.step)),
        _ => None,
    }
}

fn range_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
            Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        _ => vm.to_index(v),
    }
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn construct_range(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let pos = args.positional();
    let (start, stop, step) = match pos.len() {
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        1 => (0, range_arg(vm, &pos[0])?, 1),
        2 => (range_arg(vm, &pos[0])?, range_arg(vm, &pos[1])?, 1),
        3 => {
            let (a, b, c) = (range_arg(vm, &pos[0])?, range_arg(vm, &pos[1])?, range_arg(vm, &pos[2])?);
            if c == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    Ok(Value::Obj(ObjRef::new(Payload::Range(Range { start, stop, step }))))
}

fn range_self<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a Range> {
    match args.items.first().map(|v| (v, receiver(v).payload())) {
        Some((_, Some(Payload::Range(r)))) => Ok(r),
        Some((v, _)) => Err(descriptor_error(vm, method, "range", Some(v))),
        None => Err(descriptor_error(vm, method, "range", None)),
    }
}

fn range_len_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__len__")?;
    check_noargs(vm, &args, "range.__len__")?;
    let n = range_len(r);
    if n > i64::MAX as i128 {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    Ok(Value::Int(n as i64))
}

fn range_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__bool__")?;
    Ok(Value::Bool(range_len(r) > 0))
}

/// O(1) membership for ints.
fn range_contains_int(r: &Range, x: i128) -> bool {
    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
    let inside = if step > 0 { x >= start && x < stop } else { x <= start && x > stop };
    inside && (x - start) % step == 0
}

/// The int value of an exact int/bool (`PyLong_CheckExact || PyBool_Check`).
fn exact_int(v: &Value) -> Option<Option<i128>> {
    match v {
        Value::Int(i) => Some(Some(*i as i128)),
        Value::Bool(b) => Some(Some(*b as i128)),
        // A big int is never inside an i64 range.
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => Some(None),
        _ => None,
    }
}

/// Linear search for non-int keys (`_PySequence_IterSearch`): the first index equal to `x`.
fn range_search(vm: &mut Vm, r: &Range, x: &Value) -> PyResult<Option<i128>> {
    let n = range_len(r);
    let mut i = 0i128;
    while i < n {
        let item = Value::Int((r.start as i128 + i * r.step as i128) as i64);
        if rich_eq(vm, &item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn range_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = *range_self(vm, &args, "__contains__")?;
    let x = check_one(vm, &args, "range.__contains__")?;
    if let Some(i) = exact_int(x) {
        return Ok(Value::Bool(i.is_some_and(|i| range_contains_int(&r, i))));
    }
    Ok(Value::Bool(range_search(vm, &r, x)?.is_some()))
}

fn range_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = *range_self(vm, &args, "__getitem__")?;
    let key = check_one(vm, &args, "range.__getitem__")?;
    let len = range_len(&r);
    let index = match key {
        Value::Int(i) => Some(*i as i128),
        Value::Bool(b) => Some(*b as i128),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(_) => return Err(vm.index_error("range object index out of range")),
            Payload::Slice(s) => {
                let (start, stop, step, _) = slice_indices(vm, s, len.min(i64::MAX as i128) as i64)?;
                let new_start = r.start as i128 + start as i128 * r.step as i128;
                let new_stop = r.start as i128 + stop as i128 * r.step as i128;
                let new_step = r.step as i128 * step as i128;
                let fit = |x: i128| i64::try_from(x).ok();
                return match (fit(new_start), fit(new_stop), fit(new_step)) {
                    (Some(start), Some(stop), Some(step)) => {
                        Ok(Value::Obj(ObjRef::new(Payload::Range(Range { start, stop, step }))))
                    }
                    _ => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
                };
            }
            Payload::Instance(_) if crate::vm::attr::lookup_special(vm, key, "__index__").is_some() => {
                Some(vm.to_index(key)? as i128)
            }
            _ => None,
        },
        _ => None,
    };
    let Some(i) = index else {
        return Err(vm.type_error(format!("range indices must be integers or slices, not {}", vm.type_name(key))));
    };
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(Value::Int((r.start as i128 + i * r.step as i128) as i64))
}

fn range_iter_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__iter__")?;
    check_noargs(vm, &args, "range.__iter__")?;
    Ok(new_iter(vm, range_iter(r, false)))
}

fn range_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__reversed__")?;
    check_noargs(vm, &args, "range.__reversed__")?;
    Ok(new_iter(vm, range_iter(r, true)))
}

/// `repr(range)`: `range(0, 5)`, `range(0, 10, 2)`.
pub fn repr_range(r: &Range) -> String {
    if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

fn range_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__repr__")?;
    Ok(Value::string(repr_range(r)))
}

/// `range_equals`: equal as sequences.
pub fn range_equal(a: &Range, b: &Range) -> bool {
    let la = range_len(a);
    if la != range_len(b) {
        return false;
    }
    if la == 0 {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    if la == 1 {
        return true;
    }
    a.step == b.step
}

fn range_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__eq__")?;
    let other = check_one(vm, &args, "range.__eq__")?;
    match other.payload() {
        Some(Payload::Range(o)) => Ok(Value::Bool(range_equal(r, o))),
        _ => Ok(Value::NotImplemented),
    }
}

fn range_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = range_self(vm, &args, "__ne__")?;
    let other = check_one(vm, &args, "range.__ne__")?;
    match other.payload() {
        Some(Payload::Range(o)) => Ok(Value::Bool(!range_equal(r, o))),
        _ => Ok(Value::NotImplemented),
    }
}

/// `range_hash`: hash((len, start, step)) with None for the parts that do not matter.
fn range_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = *range_self(vm, &args, "__hash__")?;
    let len = range_len(&r);
    let len_v = if len > i64::MAX as i128 { Value::int_from_big(BigInt::from(len)) } else { Value::Int(len as i64) };
    let items = if len == 0 {
        vec![len_v, Value::None, Value::None]
    } else if len == 1 {
        vec![len_v, Value::Int(r.start), Value::None]
    } else {
        vec![len_v, Value::Int(r.start), Value::Int(r.step)]
    };
    Ok(Value::Int(crate::builtins::tuple::hash_tuple(vm, &items)?))
}

fn range_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = *range_self(vm, &args, "index")?;
    let x = check_one(vm, &args, "range.index")?;
    if let Some(i) = exact_int(x) {
        if let Some(i) = i.filter(|i| range_contains_int(&r, *i)) {
            return Ok(Value::Int(((i - r.start as i128) / r.step as i128) as i64));
        }
        let s = vm.repr_of(x)?;
        return Err(vm.value_error(format!("{s} is not in range")));
    }
    match range_search(vm, &r, x)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

fn range_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = *range_self(vm, &args, "count")?;
    let x = check_one(vm, &args, "range.count")?;
    if let Some(i) = exact_int(x) {
        return Ok(Value::Int(i.is_some_and(|i| range_contains_int(&r, i)) as i64));
    }
    let n = range_len(&r);
    let mut count = 0i64;
    let mut i = 0i128;
    while i < n {
        let item = Value::Int((r.start as i128 + i * r.step as i128) as i64);
        if rich_eq(vm, &item, x)? {
            count += 1;
        }
        i += 1;
    }
    Ok(Value::Int(count))
}
