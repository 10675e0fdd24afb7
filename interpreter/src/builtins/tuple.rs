//! `tuple`: methods, construction and CPython 3.11's exact tuple hash (so that sets of tuples
//! iterate in CPython's order).

use crate::builtins::list::{
    addr_of, check_noargs, check_one, check_range, check_repeat_size, descriptor_error, index_bounds, items_of,
    non_int_repeat, norm_index, repeat_count, repr_enter, repr_items, seq_compare, seq_count, seq_find, seq_index,
    slice_items, Seq, SeqIndex,
};
use crate::builtins::receiver;
use crate::builtins::types::TypeId;
use crate::bytecode::CompareOp;
use crate::object::{NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", tuple_new),
    ("__len__", tuple_len),
    ("__getitem__", tuple_getitem),
    ("__contains__", tuple_contains),
    ("__iter__", tuple_iter),
    ("__add__", tuple_add),
    ("__mul__", tuple_mul),
    ("__rmul__", tuple_mul),
    ("__eq__", tuple_eq),
    ("__ne__", tuple_ne),
    ("__lt__", tuple_lt),
    ("__le__", tuple_le),
    ("__gt__", tuple_gt),
    ("__ge__", tuple_ge),
    ("__hash__", tuple_hash),
    ("__repr__", tuple_repr),
    ("__getnewargs__", tuple_getnewargs),
    ("count", tuple_count),
    ("index", tuple_index),
    ("__class_getitem__", tuple_class_getitem),
];

fn tuple_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::class_getitem_for(vm, &args, TypeId::Tuple)
}

/// The items of a tuple or of an instance of a tuple subclass.
#[inline]
pub fn tuple_items(v: &Value) -> Option<&[Value]> {
    match receiver(v).payload() {
        Some(Payload::Tuple(t)) => Some(t),
        _ => None,
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a [Value]> {
    match args.items.first() {
        Some(v) => tuple_items(v).ok_or_else(|| descriptor_error(vm, method, "tuple", Some(v))),
        None => Err(descriptor_error(vm, method, "tuple", None)),
    }
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython 3.11 `tuplehash` over already computed item hashes.
pub fn hash_from_item_hashes(hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = hashes.len() as u64;
    let mut acc = XXPRIME_5;
    for h in hashes {
        let lane = h as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// `hash(tuple)`: CPython 3.11's xxHash-based `tuplehash`, hashing each item with `vm.hash`.
pub fn hash_tuple(vm: &mut Vm, items: &[Value]) -> PyResult<i64> {
    let mut hashes = Vec::with_capacity(items.len());
    for item in items {
        hashes.push(vm.hash(item)?);
    }
    Ok(hash_from_item_hashes(hashes.into_iter()))
}

/// `tuple(iterable=())`. For a subclass, the tuple built from the arguments (the VM wraps it):
/// tuples are immutable, so `tuple.__new__` does all the work.
pub fn construct(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let exact = cls.ptr_eq(vm.types().get(TypeId::Tuple));
    if args.has_kwargs() {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 1 {
        return Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", pos.len())));
    }
    match pos.first() {
        None => Ok(Value::tuple(Vec::new())),
        Some(v) => {
            if let Some(Payload::Tuple(_)) = v.payload() {
                if exact {
                    return Ok(v.clone());
                }
            }
            let items = items_of(vm, v)?;
            Ok(Value::tuple(items))
        }
    }
}

fn tuple_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::builtin_new(vm, &args, "tuple", construct)
}

fn tuple_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__len__")?;
    check_noargs(vm, &args, "tuple.__len__")?;
    Ok(Value::Int(items.len() as i64))
}

fn tuple_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__getitem__")?;
    let key = check_one(vm, &args, "tuple.__getitem__")?;
    match seq_index(vm, key, items.len(), "tuple")? {
        SeqIndex::Int(i) => match norm_index(i, items.len()) {
            Some(i) => Ok(items[i].clone()),
            None => Err(vm.index_error("tuple index out of range")),
        },
        SeqIndex::Slice(start, _, step, n) => {
            if step == 1 && n as usize == items.len() && matches!(args.items[0].payload(), Some(Payload::Tuple(_))) {
                return Ok(args.items[0].clone());
            }
            Ok(Value::tuple(slice_items(items, start, step, n)))
        }
    }
}

fn tuple_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__contains__")?;
    let x = check_one(vm, &args, "tuple.__contains__")?;
    Ok(Value::Bool(seq_find(vm, Seq::Tuple(items), x, 0, usize::MAX)?.is_some()))
}

fn tuple_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__iter__")?;
    check_noargs(vm, &args, "tuple.__iter__")?;
    let inner = receiver(&args.items[0]).clone();
    match crate::builtins::iterators::iter_of(vm, &inner)? {
        Some(it) => Ok(it),
        None => Err(vm.type_error("tuple object is not iterable")),
    }
}

fn tuple_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__add__")?;
    let other = check_one(vm, &args, "tuple.__add__")?;
    let Some(o) = tuple_items(other) else {
        return Err(vm.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", vm.type_name(other))));
    };
    let mut out = Vec::with_capacity(items.len() + o.len());
    out.extend(items.iter().cloned());
    out.extend(o.iter().cloned());
    Ok(Value::tuple(out))
}

fn tuple_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__mul__")?;
    let n = check_one(vm, &args, "tuple.__mul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        return non_int_repeat(vm, n);
    };
    if count == 1 && matches!(args.items[0].payload(), Some(Payload::Tuple(_))) {
        return Ok(args.items[0].clone());
    }
    let total = check_repeat_size(vm, items.len(), count)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..count.max(0) {
        out.extend(items.iter().cloned());
    }
    Ok(Value::tuple(out))
}

fn tuple_cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp, name: &str) -> PyResult<Value> {
    let items = this(vm, &args, name)?;
    let other = check_one(vm, &args, name)?;
    let Some(o) = tuple_items(other) else {
        return Ok(Value::NotImplemented);
    };
    seq_compare(vm, Seq::Tuple(items), Seq::Tuple(o), op)
}

fn tuple_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Eq, "__eq__")
}
fn tuple_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Ne, "__ne__")
}
fn tuple_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Lt, "__lt__")
}
fn tuple_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Le, "__le__")
}
fn tuple_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Gt, "__gt__")
}
fn tuple_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    tuple_cmp(vm, args, CompareOp::Ge, "__ge__")
}

fn tuple_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__hash__")?;
    check_noargs(vm, &args, "tuple.__hash__")?;
    Ok(Value::Int(hash_tuple(vm, items)?))
}

/// `repr(tuple)`: `()`, `(1,)`, `(1, 2)`; `(...)` on recursion.
pub fn repr_tuple(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(items) = tuple_items(v) else {
        return Err(descriptor_error(vm, "__repr__", "tuple", Some(v)));
    };
    if items.is_empty() {
        return Ok("()".to_string());
    }
    let Some(_guard) = repr_enter(addr_of(v)) else {
        return Ok("(...)".to_string());
    };
    let inner = repr_items(vm, Seq::Tuple(items))?;
    if items.len() == 1 {
        Ok(format!("({inner},)"))
    } else {
        Ok(format!("({inner})"))
    }
}

fn tuple_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__repr__")?;
    check_noargs(vm, &args, "tuple.__repr__")?;
    Ok(Value::string(repr_tuple(vm, &args.items[0])?))
}

fn tuple_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "__getnewargs__")?;
    check_noargs(vm, &args, "tuple.__getnewargs__")?;
    Ok(Value::tuple(vec![Value::tuple(items.to_vec())]))
}

fn tuple_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "count")?;
    let x = check_one(vm, &args, "tuple.count")?;
    Ok(Value::Int(seq_count(vm, Seq::Tuple(items), x)?))
}

fn tuple_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let items = this(vm, &args, "index")?;
    let given = check_range(vm, &args, "tuple.index", "index", 1, 3)?;
    let (start, stop) = index_bounds(vm, &given[1..], items.len())?;
    match seq_find(vm, Seq::Tuple(items), &given[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}
