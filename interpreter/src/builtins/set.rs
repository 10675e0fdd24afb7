//! `set` and `frozenset`. The table (`object/set.rs`) has CPython's layout; the operations here
//! follow `Objects/setobject.c` step by step (which set is iterated, when tables are pre-sized,
//! when they are resized afterwards) so that results iterate in CPython's order.
//!
//! Equality that needs Python code (`Probe::Unsure`) is settled outside every borrow.

use std::ops::Deref;

use crate::builtins::list::{addr_of, check_noargs, check_one, descriptor_error, repr_enter};
use crate::builtins::receiver;
use crate::builtins::types::TypeId;
use crate::bytecode::CompareOp;
use crate::object::dict::Probe;
use crate::object::{GilCell, GilRef, NativeFn, ObjRef, Payload, SetData};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// Methods of `set` (and, as long as both types share one table, of `frozenset`: the mutating
/// ones raise AttributeError on a frozenset).
pub const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", set_new),
    ("__init__", set_init),
    ("__len__", set_len),
    ("__contains__", set_contains_method),
    ("__iter__", set_iter),
    ("__repr__", set_repr),
    ("__hash__", set_hash),
    ("__eq__", set_eq),
    ("__ne__", set_ne),
    ("__lt__", set_lt),
    ("__le__", set_le),
    ("__gt__", set_gt),
    ("__ge__", set_ge),
    ("__or__", set_or),
    ("__ror__", set_ror),
    ("__and__", set_and),
    ("__rand__", set_rand),
    ("__sub__", set_sub),
    ("__rsub__", set_rsub),
    ("__xor__", set_xor),
    ("__rxor__", set_rxor),
    ("__ior__", set_ior),
    ("__iand__", set_iand),
    ("__isub__", set_isub),
    ("__ixor__", set_ixor),
    ("add", set_add_method),
    ("remove", set_remove),
    ("discard", set_discard_method),
    ("pop", set_pop),
    ("clear", set_clear),
    ("copy", set_copy_method),
    ("update", set_update),
    ("union", set_union),
    ("intersection", set_intersection_method),
    ("intersection_update", set_intersection_update),
    ("difference", set_difference_method),
    ("difference_update", set_difference_update),
    ("symmetric_difference", set_symmetric_difference),
    ("symmetric_difference_update", set_symmetric_difference_update),
    ("issubset", set_issubset_method),
    ("issuperset", set_issuperset_method),
    ("isdisjoint", set_isdisjoint),
    ("__class_getitem__", set_class_getitem),
];

fn set_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::class_getitem_for(vm, &args, TypeId::Set)
}

fn frozenset_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::class_getitem_for(vm, &args, TypeId::FrozenSet)
}

/// Methods of `frozenset` alone (for a separate type table).
pub const FROZENSET_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", set_new),
    ("__len__", set_len),
    ("__contains__", set_contains_method),
    ("__iter__", set_iter),
    ("__repr__", set_repr),
    ("__hash__", set_hash),
    ("__eq__", set_eq),
    ("__ne__", set_ne),
    ("__lt__", set_lt),
    ("__le__", set_le),
    ("__gt__", set_gt),
    ("__ge__", set_ge),
    ("__or__", set_or),
    ("__ror__", set_ror),
    ("__and__", set_and),
    ("__rand__", set_rand),
    ("__sub__", set_sub),
    ("__rsub__", set_rsub),
    ("__xor__", set_xor),
    ("__rxor__", set_rxor),
    ("copy", set_copy_method),
    ("union", set_union),
    ("intersection", set_intersection_method),
    ("difference", set_difference_method),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset_method),
    ("issuperset", set_issuperset_method),
    ("isdisjoint", set_isdisjoint),
    ("__class_getitem__", frozenset_class_getitem),
];

// =====================================================================================
// Access to set data
// =====================================================================================

/// A borrowed view of a set's or frozenset's table.
pub enum SetRef<'a> {
    Cell(GilRef<'a, SetData>),
    Frozen(&'a SetData),
}

impl Deref for SetRef<'_> {
    type Target = SetData;
    fn deref(&self) -> &SetData {
        match self {
            SetRef::Cell(r) => r,
            SetRef::Frozen(d) => d,
        }
    }
}

/// Where a set's table lives: a mutable set's cell or a frozenset's data.
#[derive(Clone, Copy)]
pub enum SetHandle<'a> {
    Cell(&'a GilCell<SetData>),
    Frozen(&'a SetData),
}

impl<'a> SetHandle<'a> {
    pub fn data<'b>(&self, vm: &'b Vm) -> SetRef<'b>
    where
        'a: 'b,
    {
        match *self {
            SetHandle::Cell(c) => SetRef::Cell(c.borrow(vm)),
            SetHandle::Frozen(d) => SetRef::Frozen(d),
        }
    }

    pub fn len(&self, vm: &Vm) -> usize {
        self.data(vm).len()
    }

    /// (hash, key) of every entry in table order (CPython's `set_next`).
    pub fn entries(&self, vm: &Vm) -> Vec<(i64, Value)> {
        self.data(vm).iter_with_hash().map(|(h, k)| (h, k.clone())).collect()
    }

    fn same(&self, other: &SetHandle<'_>) -> bool {
        match (self, other) {
            (SetHandle::Cell(a), SetHandle::Cell(b)) => std::ptr::eq(*a, *b),
            (SetHandle::Frozen(a), SetHandle::Frozen(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

/// The table of a set, frozenset, or instance of a subclass of either (`PyAnySet_Check`).
pub fn handle(v: &Value) -> Option<SetHandle<'_>> {
    match receiver(v).payload() {
        Some(Payload::Set(c)) => Some(SetHandle::Cell(c)),
        Some(Payload::FrozenSet(d)) => Some(SetHandle::Frozen(d)),
        _ => None,
    }
}

pub fn is_anyset(v: &Value) -> bool {
    handle(v).is_some()
}

/// True for frozensets (and instances of frozenset subclasses).
pub fn is_frozen(v: &Value) -> bool {
    matches!(receiver(v).payload(), Some(Payload::FrozenSet(_)))
}

/// The cell of a mutable set (or of an instance of a set subclass).
pub fn set_cell(v: &Value) -> Option<&GilCell<SetData>> {
    match receiver(v).payload() {
        Some(Payload::Set(c)) => Some(c),
        _ => None,
    }
}

/// Makes a set (or frozenset) object from a finished table.
pub fn wrap_set(vm: &Vm, data: SetData, frozen: bool) -> Value {
    if frozen {
        Value::Obj(ObjRef::new(Payload::FrozenSet(data)))
    } else {
        crate::gc::track(vm, ObjRef::new(Payload::Set(GilCell::new(data))))
    }
}

// =====================================================================================
// Core table operations (setobject.c)
// =====================================================================================

/// Finds `key` (with hash `hash`), running `__eq__` outside the borrow; restarts if the table
/// changed under a comparison, as `set_lookkey` does.
fn find(vm: &mut Vm, h: SetHandle<'_>, hash: i64, key: &Value) -> PyResult<Option<usize>> {
    let mut restarts = 0;
    loop {
        let probe = h.data(vm).probe(hash, key);
        match probe {
            Probe::Found(i) => return Ok(Some(i)),
            Probe::Missing => return Ok(None),
            Probe::Unsure(candidates) => {
                let mut restart = false;
                for (idx, k) in candidates {
                    if vm.eq(&k, key)? {
                        let still = h.data(vm).next_from(idx).is_some_and(|(i, kk)| i == idx && kk.is(&k));
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

/// `set_contains_entry`.
pub fn contains_hashed(vm: &mut Vm, h: SetHandle<'_>, hash: i64, key: &Value) -> PyResult<bool> {
    Ok(find(vm, h, hash, key)?.is_some())
}

/// `set_add_entry`.
pub fn add_hashed(vm: &mut Vm, cell: &GilCell<SetData>, hash: i64, key: Value) -> PyResult<()> {
    if find(vm, SetHandle::Cell(cell), hash, &key)?.is_none() {
        cell.borrow_mut(vm).insert_new(hash, key);
    }
    Ok(())
}

/// `set_add_key`.
pub fn add_key(vm: &mut Vm, cell: &GilCell<SetData>, key: Value) -> PyResult<()> {
    let hash = vm.hash(&key)?;
    add_hashed(vm, cell, hash, key)
}

/// `set_discard_entry`: true when found (and removed).
pub fn discard_hashed(vm: &mut Vm, cell: &GilCell<SetData>, hash: i64, key: &Value) -> PyResult<bool> {
    match find(vm, SetHandle::Cell(cell), hash, key)? {
        Some(i) => {
            let old = cell.borrow_mut(vm).remove_at(i);
            drop(old);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The hash of a key for `in`, `remove` and `discard`: an unhashable *set* key is looked up as a
/// frozenset (`{1} in {frozenset({1})}`).
fn hash_for_lookup(vm: &mut Vm, key: &Value) -> PyResult<(i64, Value)> {
    match vm.hash(key) {
        Ok(h) => Ok((h, key.clone())),
        Err(e) => {
            if let Some(SetHandle::Cell(c)) = handle(key) {
                if vm.err_matches(&e, "TypeError") {
                    let data = c.borrow(vm).clone();
                    let h = hash_frozenset(&data);
                    return Ok((h, Value::Obj(ObjRef::new(Payload::FrozenSet(data)))));
                }
            }
            Err(e)
        }
    }
}

/// `key in set` with the frozenset retry.
pub fn contains_key(vm: &mut Vm, set: &Value, key: &Value) -> PyResult<bool> {
    let Some(h) = handle(set) else { return Ok(false) };
    let (hash, key) = hash_for_lookup(vm, key)?;
    contains_hashed(vm, h, hash, &key)
}

/// `set_merge`.
fn merge(vm: &mut Vm, cell: &GilCell<SetData>, other: SetHandle<'_>) -> PyResult<()> {
    if other.same(&SetHandle::Cell(cell)) {
        return Ok(());
    }
    let entries = {
        let od = other.data(vm);
        if od.is_empty() {
            return Ok(());
        }
        let mut d = cell.borrow_mut(vm);
        d.reserve_for_merge(od.len());
        if d.fill() == 0 {
            if !d.copy_table_from(&od) {
                for (h, k) in od.iter_with_hash() {
                    d.insert_new(h, k.clone());
                }
            }
            return Ok(());
        }
        od.iter_with_hash().map(|(h, k)| (h, k.clone())).collect::<Vec<_>>()
    };
    for (h, k) in entries {
        add_hashed(vm, cell, h, k)?;
    }
    Ok(())
}

/// `set_update_internal`: from a set, an exact dict (known hashes, one resize up front) or any
/// iterable (one key at a time).
pub fn update_internal(vm: &mut Vm, cell: &GilCell<SetData>, other: &Value) -> PyResult<()> {
    if let Some(h) = handle(other) {
        return merge(vm, cell, h);
    }
    if let Some(Payload::Dict(d)) = other.payload() {
        let entries: Vec<(i64, Value)> = d.borrow(vm).iter().map(|e| (e.hash, e.key.clone())).collect();
        cell.borrow_mut(vm).reserve_for_merge(entries.len());
        for (h, k) in entries {
            add_hashed(vm, cell, h, k)?;
        }
        return Ok(());
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.next(&it)? {
        add_key(vm, cell, k)?;
    }
    Ok(())
}

/// `make_new_set`: a table filled from `iterable`.
pub fn make_new_set(vm: &mut Vm, iterable: Option<&Value>) -> PyResult<SetData> {
    let cell = GilCell::new(SetData::new());
    if let Some(it) = iterable {
        update_internal(vm, &cell, it)?;
    }
    Ok(cell.into_inner())
}

/// `set(iterable)` / `frozenset(iterable)` as a value.
pub fn new_set_from(vm: &mut Vm, iterable: Option<&Value>, frozen: bool) -> PyResult<Value> {
    let data = make_new_set(vm, iterable)?;
    Ok(wrap_set(vm, data, frozen))
}

/// A set from a list of values, added in order.
pub fn new_set_from_items(vm: &mut Vm, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let cell = GilCell::new(SetData::new());
    for k in items {
        add_key(vm, &cell, k)?;
    }
    Ok(wrap_set(vm, cell.into_inner(), frozen))
}

/// The hash of a constant (None, bool, int, float, str, bytes, or a tuple of those) computed
/// without a VM; `None` for anything else. Must agree with `vm.hash`.
pub fn constant_hash(v: &Value) -> Option<i64> {
    if let Some(h) = crate::builtins::int::numeric_hash(v) {
        return Some(h);
    }
    match v {
        Value::None => Some(0x5f3759df),
        Value::Ellipsis => Some(0x1e11),
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => Some(s.hash()),
            Payload::Bytes(b) => Some(crate::builtins::bytes::hash_bytes(b)),
            Payload::Tuple(items) => {
                let hashes = items.iter().map(constant_hash).collect::<Option<Vec<i64>>>()?;
                Some(crate::builtins::tuple::hash_from_item_hashes(hashes.into_iter()))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The frozenset CPython's compiler makes for a constant set display (`{1, 2, 3}` compiles to
/// `BUILD_SET 0; LOAD_CONST frozenset({1, 2, 3}); SET_UPDATE 1`), built without a VM; `None` if
/// an item is not a hashable constant. Merging it into an empty set (`update_internal`) gives
/// CPython's iteration order for displays of 3+ constants.
pub fn frozenset_of_constants(items: &[Value]) -> Option<Value> {
    let build = |items: &mut dyn Iterator<Item = (i64, Value)>| -> Option<SetData> {
        let mut data = SetData::new();
        for (h, item) in items {
            match data.probe(h, &item) {
                Probe::Found(_) => {}
                Probe::Missing => data.insert_new(h, item),
                Probe::Unsure(_) => return None,
            }
        }
        Some(data)
    };
    let hashed = items.iter().map(|v| Some((constant_hash(v)?, v.clone()))).collect::<Option<Vec<_>>>()?;
    let first = build(&mut hashed.into_iter())?;
    // The compiler's constant merging (`merge_consts_recursive`) rebuilds every frozenset
    // constant from the items of the first one, in its table order.
    let second = build(&mut first.iter_with_hash().map(|(h, k)| (h, k.clone())))?;
    Some(Value::Obj(ObjRef::new(Payload::FrozenSet(second))))
}

/// CPython's `frozenset_hash`.
pub fn hash_frozenset(d: &SetData) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for (h, _) in d.iter_with_hash() {
        hash ^= shuffle(h as u64);
    }
    hash ^= (d.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

/// `set_copy`: a new set/frozenset (base type of `so`) with `so`'s keys.
fn copy_data(vm: &mut Vm, so: SetHandle<'_>) -> PyResult<SetData> {
    let cell = GilCell::new(SetData::new());
    merge(vm, &cell, so)?;
    Ok(cell.into_inner())
}

/// `set_intersection(so, other)` as a table.
fn intersection_data(vm: &mut Vm, so: SetHandle<'_>, other: &Value) -> PyResult<SetData> {
    if let Some(oh) = handle(other) {
        if oh.same(&so) {
            return copy_data(vm, so);
        }
        let result = GilCell::new(SetData::new());
        let (small, large) = if oh.len(vm) > so.len(vm) { (so, oh) } else { (oh, so) };
        for (h, k) in small.entries(vm) {
            if contains_hashed(vm, large, h, &k)? {
                add_hashed(vm, &result, h, k)?;
            }
        }
        return Ok(result.into_inner());
    }
    let result = GilCell::new(SetData::new());
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.next(&it)? {
        let h = vm.hash(&k)?;
        if contains_hashed(vm, so, h, &k)? {
            add_hashed(vm, &result, h, k)?;
        }
    }
    Ok(result.into_inner())
}

/// `set_intersection_multi`.
fn intersection_multi(vm: &mut Vm, so: &Value, others: &[Value]) -> PyResult<SetData> {
    let sh = handle(so).expect("set");
    let Some((first, rest)) = others.split_first() else {
        return copy_data(vm, sh);
    };
    let mut data = intersection_data(vm, sh, first)?;
    for other in rest {
        let cell = GilCell::new(data);
        data = intersection_data(vm, SetHandle::Cell(&cell), other)?;
    }
    Ok(data)
}

/// `set_difference_update_internal`.
fn difference_update_internal(vm: &mut Vm, cell: &GilCell<SetData>, other: &Value) -> PyResult<()> {
    if let Some(oh) = handle(other) {
        if oh.same(&SetHandle::Cell(cell)) {
            cell.borrow_mut(vm).clear();
            return Ok(());
        }
        let entries = if (oh.len(vm) >> 3) > cell.borrow(vm).len() {
            let inter = intersection_data(vm, SetHandle::Cell(cell), other)?;
            inter.iter_with_hash().map(|(h, k)| (h, k.clone())).collect::<Vec<_>>()
        } else {
            oh.entries(vm)
        };
        for (h, k) in entries {
            discard_hashed(vm, cell, h, &k)?;
        }
    } else {
        let it = vm.get_iter(other)?;
        while let Some(k) = vm.next(&it)? {
            let h = vm.hash(&k)?;
            discard_hashed(vm, cell, h, &k)?;
        }
    }
    let mut d = cell.borrow_mut(vm);
    if d.fill() - d.len() > d.table_mask() / 4 {
        let used = d.len();
        d.resize(if used > 50000 { used * 2 } else { used * 4 });
    }
    Ok(())
}

/// `set_difference(so, other)` as a table.
fn difference_data(vm: &mut Vm, so: SetHandle<'_>, other: &Value) -> PyResult<SetData> {
    let other_size = if let Some(oh) = handle(other) {
        Some(oh.len(vm))
    } else if let Some(Payload::Dict(d)) = other.payload() {
        Some(d.borrow(vm).len())
    } else {
        None
    };
    let copy_and_difference = |vm: &mut Vm| -> PyResult<SetData> {
        let cell = GilCell::new(copy_data(vm, so)?);
        difference_update_internal(vm, &cell, other)?;
        Ok(cell.into_inner())
    };
    let Some(other_size) = other_size else {
        return copy_and_difference(vm);
    };
    if (so.len(vm) >> 2) > other_size {
        return copy_and_difference(vm);
    }
    let result = GilCell::new(SetData::new());
    if let Some(Payload::Dict(d)) = other.payload() {
        for (h, k) in so.entries(vm) {
            if crate::builtins::dict::lookup_hashed(vm, d, h, &k)?.is_none() {
                add_hashed(vm, &result, h, k)?;
            }
        }
        return Ok(result.into_inner());
    }
    let oh = handle(other).expect("set");
    for (h, k) in so.entries(vm) {
        if !contains_hashed(vm, oh, h, &k)? {
            add_hashed(vm, &result, h, k)?;
        }
    }
    Ok(result.into_inner())
}

/// `set_symmetric_difference_update(so, other)`.
fn symmetric_difference_update_internal(vm: &mut Vm, cell: &GilCell<SetData>, other: &Value) -> PyResult<()> {
    let entries = if let Some(oh) = handle(other) {
        if oh.same(&SetHandle::Cell(cell)) {
            cell.borrow_mut(vm).clear();
            return Ok(());
        }
        oh.entries(vm)
    } else if let Some(Payload::Dict(d)) = other.payload() {
        d.borrow(vm).iter().map(|e| (e.hash, e.key.clone())).collect()
    } else {
        let data = make_new_set(vm, Some(other))?;
        data.iter_with_hash().map(|(h, k)| (h, k.clone())).collect()
    };
    for (h, k) in entries {
        if !discard_hashed(vm, cell, h, &k)? {
            add_hashed(vm, cell, h, k)?;
        }
    }
    Ok(())
}

/// `set_issubset(so, other)` for two sets.
fn issubset_sets(vm: &mut Vm, so: SetHandle<'_>, other: SetHandle<'_>) -> PyResult<bool> {
    if so.len(vm) > other.len(vm) {
        return Ok(false);
    }
    for (h, k) in so.entries(vm) {
        if !contains_hashed(vm, other, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issubset(vm: &mut Vm, so: SetHandle<'_>, other: &Value) -> PyResult<bool> {
    if let Some(oh) = handle(other) {
        return issubset_sets(vm, so, oh);
    }
    let data = make_new_set(vm, Some(other))?;
    issubset_sets(vm, so, SetHandle::Frozen(&data))
}

fn issuperset(vm: &mut Vm, so: SetHandle<'_>, other: &Value) -> PyResult<bool> {
    if let Some(oh) = handle(other) {
        return issubset_sets(vm, oh, so);
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.next(&it)? {
        let h = vm.hash(&k)?;
        if !contains_hashed(vm, so, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

// =====================================================================================
// Construction
// =====================================================================================

/// `set(iterable=())` / `frozenset(iterable=())`. For a subclass of `set`, an empty set (the
/// VM wraps it and runs `__init__`, by default `set.__init__`, which fills it); for a subclass of
/// `frozenset`, the frozenset built from the argument (immutable, so `__new__` does the work).
pub fn construct(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let set_type = vm.types().get(TypeId::Set).clone();
    let frozen_type = vm.types().get(TypeId::FrozenSet).clone();
    let frozen = if cls.ptr_eq(&set_type) {
        false
    } else if cls.ptr_eq(&frozen_type) {
        true
    } else {
        match cls.payload() {
            Payload::Class(c) => c.builtin == Some(TypeId::FrozenSet),
            _ => false,
        }
    };
    let exact = cls.ptr_eq(&set_type) || cls.ptr_eq(&frozen_type);
    let name = if frozen { "frozenset" } else { "set" };
    if !frozen && !exact {
        // set subclass: __init__ fills it.
        return Ok(wrap_set(vm, SetData::new(), false));
    }
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let pos = args.positional();
    if pos.len() > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", pos.len())));
    }
    if frozen && exact {
        if let Some(v) = pos.first() {
            if let Some(Payload::FrozenSet(_)) = v.payload() {
                return Ok(v.clone());
            }
        }
    }
    new_set_from(vm, pos.first(), frozen)
}

// =====================================================================================
// Methods
// =====================================================================================

fn this<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<SetHandle<'a>> {
    match args.items.first() {
        Some(v) => handle(v).ok_or_else(|| descriptor_error(vm, method, "set", Some(v))),
        None => Err(descriptor_error(vm, method, "set", None)),
    }
}

/// The cell of a mutable set; AttributeError on a frozenset, as CPython (which has no such
/// method on frozenset) reports it.
fn this_mut<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a GilCell<SetData>> {
    match this(vm, args, method)? {
        SetHandle::Cell(c) => Ok(c),
        SetHandle::Frozen(_) => {
            Err(vm.attribute_error(format!("'{}' object has no attribute '{method}'", vm.type_name(&args.items[0]))))
        }
    }
}

fn no_kwargs(vm: &Vm, args: &Args, qual: &str) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{qual}() takes no keyword arguments")));
    }
    Ok(())
}

fn others<'a>(args: &Args<'a>) -> &'a [Value] {
    let p = args.positional();
    if p.is_empty() {
        p
    } else {
        &p[1..]
    }
}

fn set_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::builtins::list::builtin_new(vm, &args, "set", construct)
}

fn set_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "__init__")?;
    let SetHandle::Cell(cell) = h else {
        // frozenset: object.__init__ (the value was made by __new__).
        return Ok(Value::None);
    };
    no_kwargs(vm, &args, "set")?;
    let rest = others(&args);
    if rest.len() > 1 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", rest.len())));
    }
    let old = std::mem::take(&mut *cell.borrow_mut(vm));
    drop(old);
    if let Some(it) = rest.first() {
        update_internal(vm, cell, it)?;
    }
    Ok(Value::None)
}

fn qual(args: &Args) -> &'static str {
    match args.items.first().map(is_frozen) {
        Some(true) => "frozenset",
        _ => "set",
    }
}

fn set_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "__len__")?;
    check_noargs(vm, &args, &format!("{}.__len__", qual(&args)))?;
    Ok(Value::Int(h.len(vm) as i64))
}

fn set_contains_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__contains__")?;
    let key = check_one(vm, &args, &format!("{}.__contains__", qual(&args)))?;
    Ok(Value::Bool(contains_key(vm, &args.items[0], key)?))
}

fn set_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__iter__")?;
    let inner = receiver(&args.items[0]).clone();
    match crate::builtins::iterators::iter_of(vm, &inner)? {
        Some(it) => Ok(it),
        None => Err(vm.type_error("set object is not iterable")),
    }
}

/// `repr(set)`: `{1, 2}`, `set()`, `frozenset({1, 2})`, `MySet({1})`.
pub fn repr_set(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Some(h) = handle(v) else {
        return Err(descriptor_error(vm, "__repr__", "set", Some(v)));
    };
    let tname = vm.type_name(v);
    let keys: Vec<Value> = h.data(vm).to_vec();
    if keys.is_empty() {
        return Ok(format!("{tname}()"));
    }
    let Some(_guard) = repr_enter(addr_of(v)) else {
        return Ok(format!("{tname}(...)"));
    };
    let mut parts = Vec::with_capacity(keys.len());
    for k in &keys {
        parts.push(vm.repr_of(k)?);
    }
    let body = parts.join(", ");
    let exact_set = matches!(v.payload(), Some(Payload::Set(_)));
    if exact_set {
        Ok(format!("{{{body}}}"))
    } else {
        Ok(format!("{tname}({{{body}}})"))
    }
}

fn set_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__repr__")?;
    Ok(Value::string(repr_set(vm, &args.items[0])?))
}

fn set_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match this(vm, &args, "__hash__")? {
        SetHandle::Frozen(d) => Ok(Value::Int(hash_frozenset(d))),
        SetHandle::Cell(_) => Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(&args.items[0])))),
    }
}

/// `set_richcompare`.
fn richcompare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let so = this(vm, &args, op.dunders().0)?;
    let other = check_one(vm, &args, "set.__cmp__")?;
    let Some(oh) = handle(other) else {
        return Ok(Value::NotImplemented);
    };
    let (ls, lo) = (so.len(vm), oh.len(vm));
    let r = match op {
        CompareOp::Eq => ls == lo && issubset_sets(vm, so, oh)?,
        CompareOp::Ne => !(ls == lo && issubset_sets(vm, so, oh)?),
        CompareOp::Le => issubset_sets(vm, so, oh)?,
        CompareOp::Ge => issubset_sets(vm, oh, so)?,
        CompareOp::Lt => ls < lo && issubset_sets(vm, so, oh)?,
        CompareOp::Gt => ls > lo && issubset_sets(vm, oh, so)?,
    };
    Ok(Value::Bool(r))
}

fn set_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Eq)
}
fn set_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Ne)
}
fn set_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Lt)
}
fn set_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Le)
}
fn set_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Gt)
}
fn set_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Ge)
}

// ----- binary operators (both operands must be sets, else NotImplemented) -----

/// `a | b` for sets.
pub fn set_or_values(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(ah), Some(_)) = (handle(a), handle(b)) else {
        return Ok(Value::NotImplemented);
    };
    let frozen = is_frozen(a);
    let cell = GilCell::new(copy_data(vm, ah)?);
    if !receiver(a).is(receiver(b)) {
        update_internal(vm, &cell, b)?;
    }
    Ok(wrap_set(vm, cell.into_inner(), frozen))
}

/// `a & b` for sets.
pub fn set_and_values(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(ah), true) = (handle(a), is_anyset(b)) else {
        return Ok(Value::NotImplemented);
    };
    let data = intersection_data(vm, ah, b)?;
    Ok(wrap_set(vm, data, is_frozen(a)))
}

/// `a - b` for sets.
pub fn set_sub_values(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(ah), true) = (handle(a), is_anyset(b)) else {
        return Ok(Value::NotImplemented);
    };
    let data = difference_data(vm, ah, b)?;
    Ok(wrap_set(vm, data, is_frozen(a)))
}

/// `a ^ b` for sets.
pub fn set_xor_values(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if !is_anyset(a) || !is_anyset(b) {
        return Ok(Value::NotImplemented);
    }
    symmetric_difference_values(vm, a, b)
}

/// `set_symmetric_difference(so, other)`: a new set from `other`, updated with `so`.
fn symmetric_difference_values(vm: &mut Vm, so: &Value, other: &Value) -> PyResult<Value> {
    let frozen = is_frozen(so);
    let cell = GilCell::new(make_new_set(vm, Some(other))?);
    symmetric_difference_update_internal(vm, &cell, so)?;
    Ok(wrap_set(vm, cell.into_inner(), frozen))
}

fn binop_args<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    this(vm, args, name)?;
    let other = check_one(vm, args, &format!("set.{name}"))?;
    Ok((&args.items[0], other))
}

fn set_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__or__")?;
    set_or_values(vm, a, b)
}
fn set_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__ror__")?;
    set_or_values(vm, b, a)
}
fn set_and(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__and__")?;
    set_and_values(vm, a, b)
}
fn set_rand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__rand__")?;
    set_and_values(vm, b, a)
}
fn set_sub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__sub__")?;
    set_sub_values(vm, a, b)
}
fn set_rsub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__rsub__")?;
    set_sub_values(vm, b, a)
}
fn set_xor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__xor__")?;
    set_xor_values(vm, a, b)
}
fn set_rxor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = binop_args(vm, &args, "__rxor__")?;
    set_xor_values(vm, b, a)
}

/// In-place operators: only for mutable sets with a set operand; a frozenset falls back to the
/// binary operator (NotImplemented here).
fn inplace_args<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<Option<(&'a GilCell<SetData>, &'a Value)>> {
    let h = this(vm, args, name)?;
    let other = check_one(vm, args, &format!("set.{name}"))?;
    match h {
        SetHandle::Cell(c) if is_anyset(other) => Ok(Some((c, other))),
        _ => Ok(None),
    }
}

fn set_ior(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cell, other)) = inplace_args(vm, &args, "__ior__")? else {
        return Ok(Value::NotImplemented);
    };
    update_internal(vm, cell, other)?;
    Ok(args.items[0].clone())
}

fn set_iand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cell, other)) = inplace_args(vm, &args, "__iand__")? else {
        return Ok(Value::NotImplemented);
    };
    let data = intersection_data(vm, SetHandle::Cell(cell), other)?;
    let old = cell.borrow_mut(vm).replace_body(data);
    drop(old);
    Ok(args.items[0].clone())
}

fn set_isub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cell, other)) = inplace_args(vm, &args, "__isub__")? else {
        return Ok(Value::NotImplemented);
    };
    difference_update_internal(vm, cell, other)?;
    Ok(args.items[0].clone())
}

fn set_ixor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cell, other)) = inplace_args(vm, &args, "__ixor__")? else {
        return Ok(Value::NotImplemented);
    };
    symmetric_difference_update_internal(vm, cell, other)?;
    Ok(args.items[0].clone())
}

// ----- named methods -----

fn set_add_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "add")?;
    let key = check_one(vm, &args, "set.add")?;
    add_key(vm, cell, key.clone())?;
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "remove")?;
    let key = check_one(vm, &args, "set.remove")?;
    let (hash, k) = hash_for_lookup(vm, key)?;
    if !discard_hashed(vm, cell, hash, &k)? {
        return Err(vm.key_error(key.clone()));
    }
    Ok(Value::None)
}

fn set_discard_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "discard")?;
    let key = check_one(vm, &args, "set.discard")?;
    let (hash, k) = hash_for_lookup(vm, key)?;
    discard_hashed(vm, cell, hash, &k)?;
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "pop")?;
    check_noargs(vm, &args, "set.pop")?;
    let popped = cell.borrow_mut(vm).pop();
    match popped {
        Some(v) => Ok(v),
        None => Err(vm.key_error(Value::str("pop from an empty set"))),
    }
}

fn set_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "clear")?;
    check_noargs(vm, &args, "set.clear")?;
    let old = std::mem::take(&mut *cell.borrow_mut(vm));
    drop(old);
    Ok(Value::None)
}

fn set_copy_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "copy")?;
    check_noargs(vm, &args, &format!("{}.copy", qual(&args)))?;
    if let Some(Payload::FrozenSet(_)) = args.items[0].payload() {
        return Ok(args.items[0].clone());
    }
    let data = copy_data(vm, h)?;
    Ok(wrap_set(vm, data, is_frozen(&args.items[0])))
}

fn set_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "update")?;
    no_kwargs(vm, &args, "set.update")?;
    for other in others(&args) {
        update_internal(vm, cell, other)?;
    }
    Ok(Value::None)
}

fn set_union(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "union")?;
    no_kwargs(vm, &args, &format!("{}.union", qual(&args)))?;
    let so = &args.items[0];
    let cell = GilCell::new(copy_data(vm, h)?);
    for other in others(&args) {
        if receiver(other).is(receiver(so)) {
            continue;
        }
        update_internal(vm, &cell, other)?;
    }
    Ok(wrap_set(vm, cell.into_inner(), is_frozen(so)))
}

fn set_intersection_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "intersection")?;
    no_kwargs(vm, &args, &format!("{}.intersection", qual(&args)))?;
    let data = intersection_multi(vm, &args.items[0], others(&args))?;
    Ok(wrap_set(vm, data, is_frozen(&args.items[0])))
}

fn set_intersection_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "intersection_update")?;
    no_kwargs(vm, &args, "set.intersection_update")?;
    let data = intersection_multi(vm, &args.items[0], others(&args))?;
    let old = cell.borrow_mut(vm).replace_body(data);
    drop(old);
    Ok(Value::None)
}

fn set_difference_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "difference")?;
    no_kwargs(vm, &args, &format!("{}.difference", qual(&args)))?;
    let frozen = is_frozen(&args.items[0]);
    let rest = others(&args);
    let Some((first, more)) = rest.split_first() else {
        let data = copy_data(vm, h)?;
        return Ok(wrap_set(vm, data, frozen));
    };
    let cell = GilCell::new(difference_data(vm, h, first)?);
    for other in more {
        difference_update_internal(vm, &cell, other)?;
    }
    Ok(wrap_set(vm, cell.into_inner(), frozen))
}

fn set_difference_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "difference_update")?;
    no_kwargs(vm, &args, "set.difference_update")?;
    for other in others(&args) {
        difference_update_internal(vm, cell, other)?;
    }
    Ok(Value::None)
}

fn set_symmetric_difference(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "symmetric_difference")?;
    let other = check_one(vm, &args, &format!("{}.symmetric_difference", qual(&args)))?;
    symmetric_difference_values(vm, &args.items[0], other)
}

fn set_symmetric_difference_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cell = this_mut(vm, &args, "symmetric_difference_update")?;
    let other = check_one(vm, &args, "set.symmetric_difference_update")?;
    symmetric_difference_update_internal(vm, cell, other)?;
    Ok(Value::None)
}

fn set_issubset_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "issubset")?;
    let other = check_one(vm, &args, &format!("{}.issubset", qual(&args)))?;
    Ok(Value::Bool(issubset(vm, h, other)?))
}

fn set_issuperset_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = this(vm, &args, "issuperset")?;
    let other = check_one(vm, &args, &format!("{}.issuperset", qual(&args)))?;
    Ok(Value::Bool(issuperset(vm, h, other)?))
}

fn set_isdisjoint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let so = this(vm, &args, "isdisjoint")?;
    let other = check_one(vm, &args, &format!("{}.isdisjoint", qual(&args)))?;
    if let Some(oh) = handle(other) {
        if oh.same(&so) {
            return Ok(Value::Bool(so.len(vm) == 0));
        }
        let (small, large) = if oh.len(vm) > so.len(vm) { (so, oh) } else { (oh, so) };
        for (h, k) in small.entries(vm) {
            if contains_hashed(vm, large, h, &k)? {
                return Ok(Value::Bool(false));
            }
        }
        return Ok(Value::Bool(true));
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.next(&it)? {
        let h = vm.hash(&k)?;
        if contains_hashed(vm, so, h, &k)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
