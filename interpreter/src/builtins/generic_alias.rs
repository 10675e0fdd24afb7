//! `types.GenericAlias`: what `list[int]`, `dict[str, int]` or `tuple[int, ...]` evaluate to
//! (annotations, `isinstance` refusing them, subclassing `list[int]` through `__mro_entries__`).

use crate::builtins::types::make_class;
use crate::object::{Native, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

struct GenericAlias {
    origin: Value,
    /// Always a tuple.
    args: Value,
}

fn alias_class(vm: &Vm) -> ObjRef {
    crate::builtins::file::cached_native_class(vm, "GenericAlias", || {
        make_class("GenericAlias", None, None, true, METHODS)
    })
}

/// `origin[args]` (`args` is one value or a tuple of them, as the subscript gave it).
pub fn new_generic_alias(vm: &Vm, origin: Value, args: &Value) -> Value {
    let args = match args.payload() {
        Some(Payload::Tuple(_)) => args.clone(),
        _ => Value::tuple(vec![args.clone()]),
    };
    let class = alias_class(vm);
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(GenericAlias { origin, args }) })))
}

fn data_of(v: &Value) -> Option<&GenericAlias> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast::<GenericAlias>(),
        _ => None,
    }
}

/// Is `v` a generic alias (`isinstance` refuses them)?
pub fn is_generic_alias(v: &Value) -> bool {
    data_of(v).is_some()
}

/// `__origin__`, `__args__`, `__parameters__`.
pub fn native_attr(obj: &ObjRef, key: &str) -> Option<Value> {
    let Payload::Native(n) = obj.payload() else { return None };
    let ga = n.downcast::<GenericAlias>()?;
    Some(match key {
        "__origin__" => ga.origin.clone(),
        "__args__" => ga.args.clone(),
        "__parameters__" => Value::tuple(vec![]),
        _ => return None,
    })
}

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a GenericAlias> {
    args.items
        .first()
        .and_then(data_of)
        .ok_or_else(|| vm.type_error("descriptor requires a 'types.GenericAlias' object"))
}

/// How an argument shows inside `list[...]`: `int`, `__main__.A`, `...`, or its repr.
fn arg_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if matches!(v, Value::Ellipsis) {
        return Ok("...".into());
    }
    if data_of(v).is_none() {
        if let Some(o) = v.as_obj().filter(|o| matches!(o.payload(), Payload::Class(_))) {
            let qual = crate::vm::attr::class_qualname(vm, o);
            let module = crate::vm::attr::get_attr_opt(vm, v, "__module__")?;
            return Ok(match module.as_ref().and_then(|m| m.as_str()) {
                Some(m) if m != "builtins" => format!("{m}.{qual}"),
                _ => qual,
            });
        }
    }
    vm.repr_of(v)
}

fn ga_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let ga = this(vm, &args)?;
    let (origin, items) = (ga.origin.clone(), vm.sequence_items(&ga.args).unwrap_or_default());
    let mut out = arg_repr(vm, &origin)?;
    out.push('[');
    if items.is_empty() {
        out.push_str("()");
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&arg_repr(vm, item)?);
    }
    out.push(']');
    Ok(Value::string(out))
}

fn ga_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let origin = this(vm, &args)?.origin.clone();
    vm.call(&origin, Args { items: &args.items[1..], kwnames: args.kwnames })
}

fn ga_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let Some(b) = args.items.get(1).and_then(data_of) else { return Ok(Value::NotImplemented) };
    let (ao, aa, bo, ba) = (a.origin.clone(), a.args.clone(), b.origin.clone(), b.args.clone());
    Ok(Value::Bool(vm.eq(&ao, &bo)? && vm.eq(&aa, &ba)?))
}

fn ga_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let ga = this(vm, &args)?;
    let (o, a) = (ga.origin.clone(), ga.args.clone());
    let h = vm.hash(&o)? ^ vm.hash(&a)?;
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

/// Subclassing `list[int]` subclasses `list`.
fn ga_mro_entries(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let origin = this(vm, &args)?.origin.clone();
    Ok(Value::tuple(vec![origin]))
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__or__", union_or_method),
    ("__ror__", union_ror_method),
    ("__repr__", ga_repr),
    ("__call__", ga_call),
    ("__eq__", ga_eq),
    ("__hash__", ga_hash),
    ("__mro_entries__", ga_mro_entries),
];

// ----- `int | str`: types.UnionType -----

struct Union {
    /// The distinct members, `None` standing for `NoneType`.
    args: Vec<Value>,
}

fn union_class(vm: &Vm) -> ObjRef {
    crate::builtins::file::cached_native_class(vm, "UnionType", || {
        make_class("UnionType", None, None, true, UNION_METHODS)
    })
}

fn union_of(v: &Value) -> Option<&Union> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast::<Union>(),
        _ => None,
    }
}

/// Can `v` take part in `X | Y` (a class, None, a generic alias or a union)?
fn unionable(v: &Value) -> bool {
    v.is_none() || matches!(v.payload(), Some(Payload::Class(_))) || data_of(v).is_some() || union_of(v).is_some()
}

/// `a | b` for types (`int | None`); NotImplemented when either side is not a type.
pub fn union_or(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if !unionable(a) || !unionable(b) {
        return Ok(Value::NotImplemented);
    }
    let none_type = Value::Obj(vm.types().get(crate::builtins::types::TypeId::NoneType).clone());
    let mut members: Vec<Value> = Vec::new();
    for side in [a, b] {
        let items = match union_of(side) {
            Some(u) => u.args.clone(),
            None => vec![if side.is_none() { none_type.clone() } else { side.clone() }],
        };
        for item in items {
            let mut dup = false;
            for m in &members {
                if m.is(&item) || vm.eq(m, &item)? {
                    dup = true;
                    break;
                }
            }
            if !dup {
                members.push(item);
            }
        }
    }
    if members.len() == 1 {
        return Ok(members.pop().expect("one member"));
    }
    let class = union_class(vm);
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(Union { args: members }) }))))
}

/// `__args__` and `__parameters__` of a union.
pub fn union_attr(obj: &ObjRef, key: &str) -> Option<Value> {
    let Payload::Native(n) = obj.payload() else { return None };
    let u = n.downcast::<Union>()?;
    Some(match key {
        "__args__" => Value::tuple(u.args.clone()),
        "__parameters__" => Value::tuple(vec![]),
        _ => return None,
    })
}

fn union_this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a Union> {
    args.items.first().and_then(union_of).ok_or_else(|| vm.type_error("descriptor requires a 'types.UnionType' object"))
}

fn union_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let members = union_this(vm, &args)?.args.clone();
    let none_type = Value::Obj(vm.types().get(crate::builtins::types::TypeId::NoneType).clone());
    let mut parts = Vec::with_capacity(members.len());
    for m in &members {
        parts.push(if m.is(&none_type) { "None".to_string() } else { arg_repr(vm, m)? });
    }
    Ok(Value::string(parts.join(" | ")))
}

fn union_or_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let other = args.items.get(1).cloned().unwrap_or(Value::None);
    union_or(vm, &args.items[0], &other)
}

fn union_ror_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let other = args.items.get(1).cloned().unwrap_or(Value::None);
    union_or(vm, &other, &args.items[0])
}

fn union_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = union_this(vm, &args)?.args.clone();
    let Some(b) = args.items.get(1).and_then(union_of).map(|u| u.args.clone()) else {
        return Ok(Value::NotImplemented);
    };
    if a.len() != b.len() {
        return Ok(Value::Bool(false));
    }
    for x in &a {
        let mut found = false;
        for y in &b {
            if vm.eq(x, y)? {
                found = true;
                break;
            }
        }
        if !found {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn union_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let members = union_this(vm, &args)?.args.clone();
    let mut h: i64 = 0;
    for m in &members {
        h ^= vm.hash(m)?;
    }
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

const UNION_METHODS: &[(&str, NativeFn)] = &[
    ("__repr__", union_repr),
    ("__or__", union_or_method),
    ("__ror__", union_ror_method),
    ("__eq__", union_eq),
    ("__hash__", union_hash),
];
