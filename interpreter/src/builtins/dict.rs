//! `dict` and its views (`dict_keys`, `dict_values`, `dict_items`).
//!
//! Lookups hash the key with `vm.hash`, probe the table with built-in equality, and settle
//! `Probe::Unsure` candidates with `vm.eq` outside the borrow (re-checking that the entry is still
//! there afterwards, as `lookdict` does).

use crate::builtins::list::{addr_of, check_noargs, check_one, check_range, descriptor_error, repr_enter, rich_eq};
use crate::builtins::receiver;
use crate::builtins::set as bset;
use crate::builtins::types::TypeId;
use crate::bytecode::CompareOp;
use crate::object::dict::Probe;
use crate::object::{BaseState, DictData, DictViewKind, GilCell, Instance, NativeFn, ObjRef, Payload, SetData};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", dict_init),
    ("__len__", dict_len),
    ("__getitem__", dict_getitem),
    ("__setitem__", dict_setitem),
    ("__delitem__", dict_delitem),
    ("__contains__", dict_contains),
    ("__iter__", dict_iter),
    ("__reversed__", dict_reversed),
    ("__eq__", dict_eq),
    ("__ne__", dict_ne),
    ("__or__", dict_or),
    ("__ror__", dict_ror),
    ("__ior__", dict_ior),
    ("__repr__", dict_repr),
    ("__hash__", dict_hash),
    ("keys", dict_keys),
    ("values", dict_values),
    ("items", dict_items),
    ("get", dict_get),
    ("setdefault", dict_setdefault),
    ("pop", dict_pop),
    ("popitem", dict_popitem),
    ("update", dict_update),
    ("clear", dict_clear),
    ("copy", dict_copy),
    ("fromkeys", dict_fromkeys),
    ("__class_getitem__", dict_class_getitem),
];

fn dict_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::class_getitem_for(vm, &args, TypeId::Dict)
}

pub const VIEW_METHODS: &[(&str, NativeFn)] = &[
    ("__len__", view_len),
    ("__iter__", view_iter),
    ("__reversed__", view_reversed),
    ("__contains__", view_contains),
    ("__repr__", view_repr),
    ("__eq__", view_eq),
    ("__ne__", view_ne),
    ("__lt__", view_lt),
    ("__le__", view_le),
    ("__gt__", view_gt),
    ("__ge__", view_ge),
    ("__and__", view_and),
    ("__rand__", view_rand),
    ("__or__", view_or),
    ("__ror__", view_ror),
    ("__sub__", view_sub),
    ("__rsub__", view_rsub),
    ("__xor__", view_xor),
    ("__rxor__", view_rxor),
    ("isdisjoint", view_isdisjoint),
];

// =====================================================================================
// Table access with Python-level hashing and equality
// =====================================================================================

/// The dict cell behind a value: a dict, or the dict an instance of a dict subclass wraps.
#[inline]
pub fn dict_cell(v: &Value) -> Option<&GilCell<DictData>> {
    match receiver(v).payload() {
        Some(Payload::Dict(d)) => Some(d),
        _ => None,
    }
}

/// Same for an object reference (a view's dict).
pub fn dict_cell_of_obj(o: &ObjRef) -> Option<&GilCell<DictData>> {
    match o.payload() {
        Payload::Dict(d) => Some(d),
        Payload::Instance(Instance { base: BaseState::Builtin(inner), .. }) => match inner.payload() {
            Some(Payload::Dict(d)) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// The entry index of `key` (hash `hash`), or None.
pub fn lookup_hashed(vm: &mut Vm, cell: &GilCell<DictData>, hash: i64, key: &Value) -> PyResult<Option<usize>> {
    let mut restarts = 0;
    loop {
        let probe = cell.borrow(vm).probe(hash, key);
        match probe {
            Probe::Found(i) => return Ok(Some(i)),
            Probe::Missing => return Ok(None),
            Probe::Unsure(candidates) => {
                let mut restart = false;
                for (idx, k) in candidates {
                    if vm.eq(&k, key)? {
                        let still = cell.borrow(vm).entry_at(idx).is_some_and(|e| e.key.is(&k));
                        if still || restarts > 100 {
                            return Ok(Some(idx));
                        }
                        restart = true;
                        break;
                    }
                }
                if !restart {
                    return Ok(None);
                }
                restarts += 1;
            }
        }
    }
}

/// `d[key]` without `__missing__`: `None` when absent.
pub fn lookup(vm: &mut Vm, cell: &GilCell<DictData>, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    let idx = lookup_hashed(vm, cell, hash, key)?;
    Ok(idx.and_then(|i| cell.borrow(vm).entry_at(i).map(|e| e.value.clone())))
}

/// `d[key] = value` with a known hash.
pub fn insert_hashed(vm: &mut Vm, cell: &GilCell<DictData>, hash: i64, key: Value, value: Value) -> PyResult<()> {
    match lookup_hashed(vm, cell, hash, &key)? {
        Some(i) => {
            let mut d = cell.borrow_mut(vm);
            let old = d.value_at_mut(i).map(|slot| std::mem::replace(slot, value));
            drop(d);
            drop(old);
        }
        None => cell.borrow_mut(vm).insert_new(hash, key, value),
    }
    Ok(())
}

/// `d[key] = value`.
pub fn insert(vm: &mut Vm, cell: &GilCell<DictData>, key: Value, value: Value) -> PyResult<()> {
    let hash = vm.hash(&key)?;
    insert_hashed(vm, cell, hash, key, value)
}

/// `del d[key]`, returning the removed value (None when absent).
pub fn remove(vm: &mut Vm, cell: &GilCell<DictData>, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    match lookup_hashed(vm, cell, hash, key)? {
        Some(i) => Ok(cell.borrow_mut(vm).remove_at(i).map(|e| e.value)),
        None => Ok(None),
    }
}

/// A new dict object with the given table.
pub fn wrap_dict(vm: &Vm, data: DictData) -> Value {
    let d = vm.new_dict();
    if let Payload::Dict(c) = d.payload() {
        *c.borrow_mut(vm) = data;
    }
    Value::Obj(d)
}

/// Does `v`'s type keep dict's own `__iter__` (so its entries can be read directly, as
/// `dict_merge` does for such subclasses)?
fn has_dict_iter(vm: &Vm, v: &Value) -> bool {
    if matches!(v.payload(), Some(Payload::Dict(_))) {
        return true;
    }
    if dict_cell(v).is_none() {
        return false;
    }
    match crate::vm::attr::lookup_special(vm, v, "__iter__") {
        Some(f) => matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner == Some("dict")),
        None => false,
    }
}

/// `PyDict_Merge(a, b, override=1)`: from a dict (entries and hashes read directly) or any
/// mapping (`keys()` then `b[key]`).
pub fn merge_mapping(vm: &mut Vm, cell: &GilCell<DictData>, other: &Value) -> PyResult<()> {
    if has_dict_iter(vm, other) {
        let ocell = dict_cell(other).expect("dict");
        if std::ptr::eq(ocell, cell) {
            return Ok(());
        }
        let entries: Vec<(i64, Value, Value)> =
            ocell.borrow(vm).iter().map(|e| (e.hash, e.key.clone(), e.value.clone())).collect();
        for (h, k, v) in entries {
            insert_hashed(vm, cell, h, k, v)?;
        }
        return Ok(());
    }
    let keys_fn = vm.get_attr_str(other, "keys")?;
    let keys = vm.call(&keys_fn, Args::new(&[]))?;
    let it = vm.get_iter(&keys)?;
    while let Some(k) = vm.next(&it)? {
        let v = vm.get_item(other, &k)?;
        insert(vm, cell, k, v)?;
    }
    Ok(())
}

/// `PyDict_MergeFromSeq2`: an iterable of key/value pairs.
fn merge_from_seq2(vm: &mut Vm, cell: &GilCell<DictData>, seq: &Value) -> PyResult<()> {
    let it = vm.get_iter(seq)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair: Vec<Value> = match item.payload() {
            Some(Payload::List(l)) => l.borrow(vm).clone(),
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                let r = match vm.get_iter(&item) {
                    Ok(pit) => {
                        let mut out = Vec::new();
                        loop {
                            match vm.next(&pit) {
                                Ok(Some(x)) => out.push(x),
                                Ok(None) => break Ok(out),
                                Err(e) => break Err(e),
                            }
                        }
                    }
                    Err(e) => Err(e),
                };
                match r {
                    Ok(v) => v,
                    Err(e) if vm.err_matches(&e, "TypeError") => {
                        return Err(vm.type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )))
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        let (k, v) = (p.next().expect("2"), p.next().expect("2"));
        insert(vm, cell, k, v)?;
        i += 1;
    }
    Ok(())
}

/// `dict_update_arg`: a dict, anything with `keys`, or an iterable of pairs.
pub fn update_arg(vm: &mut Vm, cell: &GilCell<DictData>, arg: &Value) -> PyResult<()> {
    if matches!(arg.payload(), Some(Payload::Dict(_))) {
        return merge_mapping(vm, cell, arg);
    }
    if crate::vm::attr::get_attr_opt(vm, arg, "keys")?.is_some() {
        return merge_mapping(vm, cell, arg);
    }
    merge_from_seq2(vm, cell, arg)
}

/// `dict.update(*args, **kwargs)` / `dict(*args, **kwargs)` given the arguments after self.
fn update_common(vm: &mut Vm, cell: &GilCell<DictData>, args: &Args<'_>, name: &str) -> PyResult<()> {
    let pos = args.positional();
    if pos.len() > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", pos.len())));
    }
    if let Some(arg) = pos.first() {
        update_arg(vm, cell, arg)?;
    }
    for (k, v) in args.keywords() {
        insert(vm, cell, Value::str(k), v.clone())?;
    }
    Ok(())
}

// =====================================================================================
// dict
// =====================================================================================

/// `dict(mapping_or_pairs=(), **kwargs)`. For a subclass, an empty dict (the VM wraps it and
/// runs `__init__`, by default `dict.__init__`, which fills it), as `dict.__new__` does.
pub fn construct(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let d = vm.new_dict();
    let exact = cls.ptr_eq(vm.types().get(TypeId::Dict));
    if exact {
        let v = Value::Obj(d.clone());
        let cell = dict_cell(&v).expect("dict");
        update_common(vm, cell, &args, "dict")?;
    }
    Ok(Value::Obj(d))
}

fn this<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a GilCell<DictData>> {
    match args.items.first() {
        Some(v) => dict_cell(v).ok_or_else(|| descriptor_error(vm, method, "dict", Some(v))),
        None => Err(descriptor_error(vm, method, "dict", None)),
    }
}

fn after_self<'a>(args: &Args<'a>) -> Args<'a> {
    crate::builtins::list::rest(args)
}

fn dict_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__init__")?;
    update_common(vm, cell, &after_self(&args), "dict")?;
    Ok(Value::None)
}

fn dict_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__len__")?;
    check_noargs(vm, &args, "dict.__len__")?;
    let n = cell.borrow(vm).len();
    Ok(Value::Int(n as i64))
}

/// `d[key]` with `__missing__` for subclasses.
pub fn getitem(vm: &mut Vm, this_value: &Value, key: &Value) -> PyResult<Value> {
    let Some(cell) = dict_cell(this_value) else {
        return Err(descriptor_error(vm, "__getitem__", "dict", Some(this_value)));
    };
    if let Some(v) = lookup(vm, cell, key)? {
        return Ok(v);
    }
    if !matches!(this_value.payload(), Some(Payload::Dict(_))) {
        if let Some(missing) = crate::vm::attr::lookup_special(vm, this_value, "__missing__") {
            return vm.call(&missing, Args::new(&[this_value.clone(), key.clone()]));
        }
    }
    Err(vm.key_error(key.clone()))
}

fn dict_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__getitem__")?;
    let key = check_one(vm, &args, "dict.__getitem__")?;
    getitem(vm, &args.items[0], key)
}

fn dict_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__setitem__")?;
    let given = check_range(vm, &args, "dict.__setitem__", "__setitem__", 2, 2)?;
    insert(vm, cell, given[0].clone(), given[1].clone())?;
    Ok(Value::None)
}

fn dict_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__delitem__")?;
    let key = check_one(vm, &args, "dict.__delitem__")?;
    match remove(vm, cell, key)? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(key.clone())),
    }
}

fn dict_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__contains__")?;
    let key = check_one(vm, &args, "dict.__contains__")?;
    let hash = vm.hash(key)?;
    Ok(Value::Bool(lookup_hashed(vm, cell, hash, key)?.is_some()))
}

fn inner_dict_obj(v: &Value) -> ObjRef {
    receiver(v).as_obj().expect("dict object").clone()
}

fn dict_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__iter__")?;
    check_noargs(vm, &args, "dict.__iter__")?;
    Ok(crate::builtins::iterators::dict_iter(vm, inner_dict_obj(&args.items[0]), DictViewKind::Keys))
}

fn dict_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__reversed__")?;
    check_noargs(vm, &args, "dict.__reversed__")?;
    Ok(crate::builtins::iterators::dict_reverse_iter(vm, inner_dict_obj(&args.items[0]), DictViewKind::Keys))
}

/// `dict_equal`: same length, and every key of `a` maps to an equal value in `b`.
pub fn dict_equal(vm: &mut Vm, a: &GilCell<DictData>, b: &GilCell<DictData>) -> PyResult<bool> {
    if std::ptr::eq(a, b) {
        return Ok(true);
    }
    if a.borrow(vm).len() != b.borrow(vm).len() {
        return Ok(false);
    }
    let mut pos = 0;
    loop {
        let (h, k, v) = {
            let d = a.borrow(vm);
            match d.entries_from(pos) {
                Some((i, e)) => {
                    pos = i + 1;
                    (e.hash, e.key.clone(), e.value.clone())
                }
                None => break,
            }
        };
        let bv = match lookup_hashed(vm, b, h, &k)? {
            Some(i) => match b.borrow(vm).entry_at(i) {
                Some(e) => e.value.clone(),
                None => return Ok(false),
            },
            None => return Ok(false),
        };
        if !rich_eq(vm, &v, &bv)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn dict_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__eq__")?;
    let other = check_one(vm, &args, "dict.__eq__")?;
    let Some(ocell) = dict_cell(other) else {
        return Ok(Value::NotImplemented);
    };
    Ok(Value::Bool(dict_equal(vm, cell, ocell)?))
}

fn dict_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__ne__")?;
    let other = check_one(vm, &args, "dict.__ne__")?;
    let Some(ocell) = dict_cell(other) else {
        return Ok(Value::NotImplemented);
    };
    Ok(Value::Bool(!dict_equal(vm, cell, ocell)?))
}

/// A plain dict with a copy of `cell`'s entries.
pub fn copy_dict(vm: &Vm, cell: &GilCell<DictData>) -> Value {
    let data = cell.borrow(vm).clone();
    wrap_dict(vm, data)
}

fn dict_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__or__")?;
    let other = check_one(vm, &args, "dict.__or__")?;
    if dict_cell(other).is_none() {
        return Ok(Value::NotImplemented);
    }
    let new = copy_dict(vm, cell);
    update_arg(vm, dict_cell(&new).expect("dict"), other)?;
    Ok(new)
}

fn dict_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__ror__")?;
    let other = check_one(vm, &args, "dict.__ror__")?;
    let Some(ocell) = dict_cell(other) else {
        return Ok(Value::NotImplemented);
    };
    let new = copy_dict(vm, ocell);
    update_arg(vm, dict_cell(&new).expect("dict"), &args.items[0])?;
    let _ = cell;
    Ok(new)
}

fn dict_ior(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "__ior__")?;
    let other = check_one(vm, &args, "dict.__ior__")?;
    update_arg(vm, cell, other)?;
    Ok(args.items[0].clone())
}

/// `repr(dict)`: `{'a': 1}`; `{...}` on recursion.
pub fn repr_dict(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(cell) = dict_cell(v) else {
        return Err(descriptor_error(vm, "__repr__", "dict", Some(v)));
    };
    if cell.borrow(vm).is_empty() {
        return Ok("{}".to_string());
    }
    let Some(_guard) = repr_enter(addr_of(v)) else {
        return Ok("{...}".to_string());
    };
    let mut out = String::from("{");
    let mut pos = 0;
    let mut first = true;
    loop {
        let (k, val) = {
            let d = cell.borrow(vm);
            match d.entries_from(pos) {
                Some((i, e)) => {
                    pos = i + 1;
                    (e.key.clone(), e.value.clone())
                }
                None => break,
            }
        };
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&vm.repr_of(&k)?);
        out.push_str(": ");
        out.push_str(&vm.repr_of(&val)?);
    }
    out.push('}');
    Ok(out)
}

fn dict_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__repr__")?;
    check_noargs(vm, &args, "dict.__repr__")?;
    Ok(Value::string(repr_dict(vm, &args.items[0])?))
}

fn dict_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = args.items.first().map(|v| vm.type_name(v)).unwrap_or_else(|| "dict".into());
    Err(vm.type_error(format!("unhashable type: '{name}'")))
}

fn make_view(vm: &mut Vm, args: &Args<'_>, kind: DictViewKind, name: &str) -> PyResult<Value> {
    this(vm, args, name)?;
    check_noargs(vm, args, &format!("dict.{name}"))?;
    let obj = args.items[0].as_obj().expect("dict").clone();
    Ok(Value::Obj(ObjRef::new(Payload::DictView(obj, kind))))
}

fn dict_keys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    make_view(vm, &args, DictViewKind::Keys, "keys")
}
fn dict_values(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    make_view(vm, &args, DictViewKind::Values, "values")
}
fn dict_items(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    make_view(vm, &args, DictViewKind::Items, "items")
}

fn dict_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "get")?;
    let given = check_range(vm, &args, "dict.get", "get", 1, 2)?;
    match lookup(vm, cell, &given[0])? {
        Some(v) => Ok(v),
        None => Ok(given.get(1).cloned().unwrap_or(Value::None)),
    }
}

fn dict_setdefault(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "setdefault")?;
    let given = check_range(vm, &args, "dict.setdefault", "setdefault", 1, 2)?;
    let key = &given[0];
    let hash = vm.hash(key)?;
    if let Some(i) = lookup_hashed(vm, cell, hash, key)? {
        if let Some(e) = cell.borrow(vm).entry_at(i) {
            return Ok(e.value.clone());
        }
    }
    let default = given.get(1).cloned().unwrap_or(Value::None);
    cell.borrow_mut(vm).insert_new(hash, key.clone(), default.clone());
    Ok(default)
}

fn dict_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "pop")?;
    let given = check_range(vm, &args, "dict.pop", "pop", 1, 2)?;
    match remove(vm, cell, &given[0])? {
        Some(v) => Ok(v),
        None => match given.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(given[0].clone())),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "popitem")?;
    check_noargs(vm, &args, "dict.popitem")?;
    let e = cell.borrow_mut(vm).pop_last();
    match e {
        Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
        None => Err(vm.key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn dict_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "update")?;
    update_common(vm, cell, &after_self(&args), "update")?;
    Ok(Value::None)
}

fn dict_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "clear")?;
    check_noargs(vm, &args, "dict.clear")?;
    let old = std::mem::take(&mut *cell.borrow_mut(vm));
    drop(old);
    Ok(Value::None)
}

fn dict_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this(vm, &args, "copy")?;
    check_noargs(vm, &args, "dict.copy")?;
    Ok(copy_dict(vm, cell))
}

/// `dict.fromkeys(iterable, value=None)`. Meant to be bound as a classmethod (the class is
/// `args.items[0]`); when called unbound (`dict.fromkeys(seq)` with no class first) it builds a
/// plain dict.
pub fn dict_fromkeys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("dict.fromkeys() takes no keyword arguments"));
    }
    let (cls, given) = match args.items.first() {
        Some(v) if matches!(v.payload(), Some(Payload::Class(_))) => (v.clone(), &args.items[1..]),
        _ => (Value::Obj(vm.types().get(TypeId::Dict).clone()), args.items),
    };
    if given.is_empty() || given.len() > 2 {
        let n = given.len();
        return Err(vm.type_error(if n == 0 {
            format!("fromkeys expected at least 1 argument, got {n}")
        } else {
            format!("fromkeys expected at most 2 arguments, got {n}")
        }));
    }
    let iterable = &given[0];
    let value = given.get(1).cloned().unwrap_or(Value::None);
    let exact = cls.as_obj().is_some_and(|c| c.ptr_eq(vm.types().get(TypeId::Dict)));
    let d = if exact { Value::Obj(vm.new_dict()) } else { vm.call(&cls, Args::new(&[]))? };
    let direct = matches!(d.payload(), Some(Payload::Dict(_)));
    if direct {
        let cell = dict_cell(&d).expect("dict");
        // Known hashes from a dict or set source, as CPython's fast paths.
        if let Some(src) = dict_cell(iterable).filter(|_| matches!(iterable.payload(), Some(Payload::Dict(_)))) {
            let entries: Vec<(i64, Value)> = src.borrow(vm).iter().map(|e| (e.hash, e.key.clone())).collect();
            for (h, k) in entries {
                insert_hashed(vm, cell, h, k, value.clone())?;
            }
            return Ok(d);
        }
        if let Some(h) = bset::handle(iterable).filter(|_| !matches!(iterable.payload(), Some(Payload::Instance(_)))) {
            for (hash, k) in h.entries(vm) {
                insert_hashed(vm, cell, hash, k, value.clone())?;
            }
            return Ok(d);
        }
        let it = vm.get_iter(iterable)?;
        while let Some(k) = vm.next(&it)? {
            insert(vm, cell, k, value.clone())?;
        }
        return Ok(d);
    }
    let it = vm.get_iter(iterable)?;
    while let Some(k) = vm.next(&it)? {
        vm.set_item(&d, k, value.clone())?;
    }
    Ok(d)
}

// =====================================================================================
// Views
// =====================================================================================

fn view_parts<'a>(
    vm: &Vm,
    args: &Args<'a>,
    method: &str,
) -> PyResult<(&'a ObjRef, DictViewKind, &'a GilCell<DictData>)> {
    let Some(v) = args.items.first() else {
        return Err(descriptor_error(vm, method, "dict_keys", None));
    };
    match v.payload() {
        Some(Payload::DictView(d, kind)) => match dict_cell_of_obj(d) {
            Some(cell) => Ok((d, *kind, cell)),
            None => Err(vm.type_error("dict view of a non-dict")),
        },
        _ => Err(descriptor_error(vm, method, "dict_keys", Some(v))),
    }
}

fn view_type_name(kind: DictViewKind) -> &'static str {
    match kind {
        DictViewKind::Keys => "dict_keys",
        DictViewKind::Values => "dict_values",
        DictViewKind::Items => "dict_items",
    }
}

/// Is `v` a keys or items view (`PyDictViewSet_Check`)?
fn is_setlike_view(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::DictView(_, DictViewKind::Keys | DictViewKind::Items)))
}

fn inner_of_obj(o: &ObjRef) -> ObjRef {
    match o.payload() {
        Payload::Instance(Instance { base: BaseState::Builtin(Value::Obj(inner)), .. }) => inner.clone(),
        _ => o.clone(),
    }
}

fn view_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, _, cell) = view_parts(vm, &args, "__len__")?;
    let n = cell.borrow(vm).len();
    Ok(Value::Int(n as i64))
}

fn view_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (d, kind, _) = view_parts(vm, &args, "__iter__")?;
    Ok(crate::builtins::iterators::dict_iter(vm, inner_of_obj(d), kind))
}

fn view_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (d, kind, _) = view_parts(vm, &args, "__reversed__")?;
    Ok(crate::builtins::iterators::dict_reverse_iter(vm, inner_of_obj(d), kind))
}

/// `x in view`.
pub fn view_contains_value(vm: &mut Vm, view: &Value, x: &Value) -> PyResult<bool> {
    let Some(Payload::DictView(d, kind)) = view.payload() else {
        return Ok(false);
    };
    let Some(cell) = dict_cell_of_obj(d) else { return Ok(false) };
    match kind {
        DictViewKind::Keys => {
            let hash = vm.hash(x)?;
            Ok(lookup_hashed(vm, cell, hash, x)?.is_some())
        }
        DictViewKind::Items => {
            let Some(Payload::Tuple(t)) = x.payload() else { return Ok(false) };
            if t.len() != 2 {
                return Ok(false);
            }
            match lookup(vm, cell, &t[0])? {
                Some(found) => rich_eq(vm, &found, &t[1]),
                None => Ok(false),
            }
        }
        DictViewKind::Values => {
            let mut pos = 0;
            loop {
                let v = {
                    let data = cell.borrow(vm);
                    match data.entries_from(pos) {
                        Some((i, e)) => {
                            pos = i + 1;
                            e.value.clone()
                        }
                        None => return Ok(false),
                    }
                };
                if rich_eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
        }
    }
}

fn view_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_parts(vm, &args, "__contains__")?;
    let x = check_one(vm, &args, "__contains__")?;
    Ok(Value::Bool(view_contains_value(vm, &args.items[0], x)?))
}

fn view_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, kind, _) = view_parts(vm, &args, "__repr__")?;
    let name = view_type_name(kind);
    let Some(_guard) = repr_enter(addr_of(&args.items[0])) else {
        return Ok(Value::string("...".to_string()));
    };
    let items = vm.iterate(&args.items[0])?;
    let list = vm.new_list(items);
    let r = vm.repr_of(&list)?;
    Ok(Value::string(format!("{name}({r})")))
}

/// `all_contained_in(a, b)`: every item of `a` is `in b`.
fn all_contained_in(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let it = vm.get_iter(a)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn size_of(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    if let Some(h) = bset::handle(v) {
        return Ok(h.len(vm));
    }
    if let Some(Payload::DictView(d, _)) = v.payload() {
        return Ok(dict_cell_of_obj(d).map(|c| c.borrow(vm).len()).unwrap_or(0));
    }
    let f = vm.get_attr_str(v, "__len__")?;
    let n = vm.call(&f, Args::new(&[]))?;
    Ok(vm.to_index(&n)?.max(0) as usize)
}

/// `dictview_richcompare`.
fn view_compare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (_, kind, _) = view_parts(vm, &args, op.dunders().0)?;
    let other = check_one(vm, &args, op.dunders().0)?;
    let this_v = &args.items[0];
    if kind == DictViewKind::Values || (!bset::is_anyset(other) && !is_setlike_view(other)) {
        return Ok(Value::NotImplemented);
    }
    let ls = size_of(vm, this_v)?;
    let lo = size_of(vm, other)?;
    let ok = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = ls == lo && all_contained_in(vm, this_v, other)?;
            if op == CompareOp::Eq {
                eq
            } else {
                !eq
            }
        }
        CompareOp::Lt => ls < lo && all_contained_in(vm, this_v, other)?,
        CompareOp::Le => ls <= lo && all_contained_in(vm, this_v, other)?,
        CompareOp::Gt => ls > lo && all_contained_in(vm, other, this_v)?,
        CompareOp::Ge => ls >= lo && all_contained_in(vm, other, this_v)?,
    };
    Ok(Value::Bool(ok))
}

fn view_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Eq)
}
fn view_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Ne)
}
fn view_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Lt)
}
fn view_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Le)
}
fn view_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Gt)
}
fn view_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Ge)
}

/// `dictviews_to_set`: a keys view of an exact dict goes through the dict fast path (known
/// hashes, one resize); anything else is iterated.
fn to_set_cell(vm: &mut Vm, v: &Value) -> PyResult<GilCell<SetData>> {
    if let Some(Payload::DictView(d, DictViewKind::Keys)) = v.payload() {
        if matches!(d.payload(), Payload::Dict(_)) {
            let dv = Value::Obj(d.clone());
            return Ok(GilCell::new(bset::make_new_set(vm, Some(&dv))?));
        }
    }
    Ok(GilCell::new(bset::make_new_set(vm, Some(v))?))
}

/// The operands of a view binary operator: `(left, right)` in operator order.
fn view_binop_args<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    reflected: bool,
) -> PyResult<Option<(&'a Value, &'a Value)>> {
    let (_, kind, _) = view_parts(vm, args, name)?;
    let other = check_one(vm, args, name)?;
    if kind == DictViewKind::Values {
        return Ok(None);
    }
    let this_v = &args.items[0];
    Ok(Some(if reflected { (other, this_v) } else { (this_v, other) }))
}

/// `_PyDictView_Intersect`.
fn view_intersect(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    // The view is `self`; the other operand may be anything iterable.
    let (mut this_v, mut other) = if is_setlike_view(a) { (a, b) } else { (b, a) };
    let len_self = size_of(vm, this_v)?;
    if matches!(other.payload(), Some(Payload::Set(_))) && len_self <= size_of(vm, other)? {
        // `other.intersection(self)`.
        let oh = bset::handle(other).expect("set");
        let cell = GilCell::new(SetData::new());
        let it = vm.get_iter(this_v)?;
        while let Some(k) = vm.next(&it)? {
            let h = vm.hash(&k)?;
            if bset::contains_hashed(vm, oh, h, &k)? {
                bset::add_hashed(vm, &cell, h, k)?;
            }
        }
        return Ok(bset::wrap_set(vm, cell.into_inner(), false));
    }
    if is_setlike_view(other) {
        let len_other = size_of(vm, other)?;
        if len_other > len_self {
            std::mem::swap(&mut this_v, &mut other);
        }
    }
    let cell = GilCell::new(SetData::new());
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.next(&it)? {
        if view_contains_value(vm, this_v, &k)? {
            bset::add_key(vm, &cell, k)?;
        }
    }
    Ok(bset::wrap_set(vm, cell.into_inner(), false))
}

fn view_and(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__and__", false)? {
        Some((a, b)) => view_intersect(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}
fn view_rand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__rand__", true)? {
        Some((a, b)) => view_intersect(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}

fn view_union(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let cell = to_set_cell(vm, a)?;
    bset::update_internal(vm, &cell, b)?;
    Ok(bset::wrap_set(vm, cell.into_inner(), false))
}

fn view_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__or__", false)? {
        Some((a, b)) => view_union(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}
fn view_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__ror__", true)? {
        Some((a, b)) => view_union(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}

fn view_difference(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let cell = to_set_cell(vm, a)?;
    let set = bset::wrap_set(vm, cell.into_inner(), false);
    let f = vm.get_attr_str(&set, "difference_update")?;
    vm.call(&f, Args::new(std::slice::from_ref(b)))?;
    Ok(set)
}

fn view_sub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__sub__", false)? {
        Some((a, b)) => view_difference(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}
fn view_rsub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__rsub__", true)? {
        Some((a, b)) => view_difference(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}

fn view_symdiff(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let cell = to_set_cell(vm, a)?;
    let set = bset::wrap_set(vm, cell.into_inner(), false);
    let f = vm.get_attr_str(&set, "symmetric_difference_update")?;
    vm.call(&f, Args::new(std::slice::from_ref(b)))?;
    Ok(set)
}

fn view_xor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__xor__", false)? {
        Some((a, b)) => view_symdiff(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}
fn view_rxor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match view_binop_args(vm, &args, "__rxor__", true)? {
        Some((a, b)) => view_symdiff(vm, a, b),
        None => Ok(Value::NotImplemented),
    }
}

fn view_isdisjoint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, kind, _) = view_parts(vm, &args, "isdisjoint")?;
    let other = check_one(vm, &args, &format!("{}.isdisjoint", view_type_name(kind)))?;
    let mut this_v = &args.items[0];
    let mut other_v = other;
    if this_v.is(other_v) {
        return Ok(Value::Bool(size_of(vm, this_v)? == 0));
    }
    if bset::is_anyset(other_v) || is_setlike_view(other_v) {
        let ls = size_of(vm, this_v)?;
        let lo = size_of(vm, other_v)?;
        if lo > ls {
            std::mem::swap(&mut this_v, &mut other_v);
        }
    }
    let it = vm.get_iter(other_v)?;
    while let Some(x) = vm.next(&it)? {
        if vm.contains(this_v, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
