//! Run-time support of `match` statements: which subjects sequence and mapping patterns accept,
//! key lookup for mapping patterns, attribute extraction for class patterns (CPython's
//! `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`, `MATCH_CLASS`, `COPY_DICT_WITHOUT_KEYS`).

use crate::builtins::receiver;
use crate::builtins::types::TypeId;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::attr::{class_name, get_attr_opt, mro_of};
use crate::vm::{Args, Vm};
use crate::PyResult;

/// Does some class of `v`'s MRO carry one of `names` (the collections.abc / collections classes
/// whose subclasses CPython flags as sequences or mappings)?
fn mro_has_named(vm: &Vm, v: &Value, names: &[&str]) -> bool {
    mro_of(&vm.class_of(v)).iter().any(|c| match c.payload() {
        Payload::Class(cd) => cd.name.borrow(vm).as_str().is_some_and(|n| names.contains(&n)),
        _ => false,
    })
}

/// A sequence pattern's subject: list, tuple, range, deque and the like; never str, bytes or
/// bytearray.
pub fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match receiver(v).payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Range(_)) => true,
        Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_)) => false,
        Some(Payload::Instance(_) | Payload::Native(_)) => {
            mro_has_named(vm, v, &["Sequence", "MutableSequence", "deque", "UserList", "array"])
        }
        _ => false,
    }
}

/// A mapping pattern's subject: dicts and `collections.abc.Mapping`s.
pub fn is_mapping(vm: &Vm, v: &Value) -> bool {
    match receiver(v).payload() {
        Some(Payload::Dict(_)) => true,
        Some(Payload::Instance(_) | Payload::Native(_)) => {
            mro_has_named(vm, v, &["Mapping", "MutableMapping", "UserDict", "ChainMap"])
        }
        _ => false,
    }
}

/// The values of `keys` in `subject` (looked up with its `get`, so `__missing__` is not run), or
/// None if one is absent.
pub fn match_keys(vm: &mut Vm, subject: &Value, keys: &Value) -> PyResult<Value> {
    let keys = vm.sequence_items(keys).unwrap_or_default();
    let mut values = Vec::with_capacity(keys.len());
    if let Some(Payload::Dict(_)) = subject.payload() {
        let d = subject.as_obj().expect("dict").clone();
        for k in &keys {
            match vm.dict_get(&d, k)? {
                Some(v) => values.push(v),
                None => return Ok(Value::None),
            }
        }
        return Ok(Value::tuple(values));
    }
    let get = vm.get_attr_str(subject, "get")?;
    let missing = Value::Obj(ObjRef::new(Payload::Tuple(Box::new([]))));
    for k in keys {
        let v = vm.call(&get, Args::new(&[k, missing.clone()]))?;
        if v.is(&missing) {
            return Ok(Value::None);
        }
        values.push(v);
    }
    Ok(Value::tuple(values))
}

/// `**rest`: a new dict with the subject's items except `keys`.
pub fn copy_dict_without_keys(vm: &mut Vm, subject: &Value, keys: &Value) -> PyResult<Value> {
    let rest = vm.new_dict();
    vm.dict_update_from(&Value::Obj(rest.clone()), subject, false)?;
    for k in vm.sequence_items(keys).unwrap_or_default() {
        vm.dict_del(&rest, &k)?;
    }
    Ok(Value::Obj(rest))
}

/// Built-in types whose instances match a single positional sub-pattern themselves
/// (`case int(x):` binds the int).
fn matches_self(vm: &Vm, cls: &ObjRef) -> bool {
    let Payload::Class(c) = cls.payload() else { return false };
    let _ = vm;
    matches!(
        c.builtin,
        Some(
            TypeId::Bool
                | TypeId::ByteArray
                | TypeId::Bytes
                | TypeId::Dict
                | TypeId::Float
                | TypeId::FrozenSet
                | TypeId::Int
                | TypeId::List
                | TypeId::Set
                | TypeId::Str
                | TypeId::Tuple
        )
    )
}

/// `case cls(p1..pn, k1=q1...)`: the tuple of the values the sub-patterns match, or None.
pub fn match_class(vm: &mut Vm, subject: &Value, cls: &Value, kwnames: &Value, npos: usize) -> PyResult<Value> {
    let Some(class) = cls.as_obj().filter(|c| matches!(c.payload(), Payload::Class(_))).cloned() else {
        return Err(vm.type_error("called match pattern must be a type"));
    };
    if !crate::builtins::functions::isinstance_of(vm, subject, cls, 0)? {
        return Ok(Value::None);
    }
    let mut attrs = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    if npos > 0 {
        let match_args = get_attr_opt(vm, cls, "__match_args__")?;
        let (names, allowed) = match &match_args {
            Some(ma) => match ma.payload() {
                Some(Payload::Tuple(t)) => (t.to_vec(), t.len()),
                _ => {
                    return Err(vm.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        class_name(vm, &class),
                        vm.type_name(ma)
                    )))
                }
            },
            None if matches_self(vm, &class) => (Vec::new(), 1),
            None => (Vec::new(), 0),
        };
        if npos > allowed {
            return Err(vm.type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{} ({npos} given)",
                class_name(vm, &class),
                if allowed == 1 { "" } else { "s" }
            )));
        }
        if match_args.is_none() {
            attrs.push(subject.clone());
        } else {
            for name in &names[..npos] {
                let Some(n) = name.as_str() else {
                    return Err(
                        vm.type_error(format!("__match_args__ elements must be strings (got {})", vm.type_name(name)))
                    );
                };
                seen.push(n.to_string());
                match get_attr_opt(vm, subject, n)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(Value::None),
                }
            }
        }
    }
    for name in vm.sequence_items(kwnames).unwrap_or_default() {
        let n = name.as_str().unwrap_or("").to_string();
        if seen.contains(&n) {
            return Err(
                vm.type_error(format!("{}() got multiple sub-patterns for attribute '{n}'", class_name(vm, &class)))
            );
        }
        match get_attr_opt(vm, subject, &n)? {
            Some(v) => attrs.push(v),
            None => return Ok(Value::None),
        }
        seen.push(n);
    }
    Ok(Value::tuple(attrs))
}
