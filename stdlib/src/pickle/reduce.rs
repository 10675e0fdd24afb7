//! Reducing objects for the pickler: what CPython's `object.__reduce_ex__` (with `copyreg`),
//! `BaseException.__reduce__` and the built-in types' own reducers return, plus the lookups
//! `save_global` needs (`whichmodule`, dotted attribute paths).

use gilpy_interpreter::builtins::functions::is_callable;
use gilpy_interpreter::builtins::object::is_object_native;
use gilpy_interpreter::builtins::types::TypeId;
use gilpy_interpreter::object::{BaseState, Instance, ObjRef, Payload};
use gilpy_interpreter::vm::attr::{get_attr_opt, lookup_mro};
use gilpy_interpreter::vm::errors::exception_data;
use gilpy_interpreter::{PyResult, Value, Vm};

use super::errors::pickling_error;

/// A reduction: `callable(*args)` rebuilds the object, then `state`, `listitems` and
/// `dictitems` fill it in.
pub struct Reduction {
    pub callable: Value,
    pub args: Value,
    pub state: Value,
    pub listitems: Option<Value>,
    pub dictitems: Option<Value>,
    pub state_setter: Option<Value>,
}

impl Reduction {
    pub fn call(callable: Value, args: Value) -> Reduction {
        Reduction { callable, args, state: Value::None, listitems: None, dictitems: None, state_setter: None }
    }

    /// Checks a `__reduce__` result tuple as CPython's `save_reduce` does.
    pub fn from_value(vm: &mut Vm, rv: &Value) -> PyResult<Reduction> {
        let Some(Payload::Tuple(items)) = rv.payload() else {
            return Err(pickling_error(vm, "__reduce__ must return a string or tuple"));
        };
        if !(2..=6).contains(&items.len()) {
            return Err(pickling_error(vm, "tuple returned by __reduce__ must contain 2 through 6 elements"));
        }
        let get = |i: usize| items.get(i).cloned().unwrap_or(Value::None);
        let callable = get(0);
        if !is_callable(vm, &callable) {
            return Err(pickling_error(vm, "first item of the tuple returned by __reduce__ must be callable"));
        }
        let args = get(1);
        if !matches!(args.payload(), Some(Payload::Tuple(_))) {
            return Err(pickling_error(vm, "second item of the tuple returned by __reduce__ must be a tuple"));
        }
        let listitems = optional_iterator(vm, get(3), "fourth")?;
        let dictitems = optional_iterator(vm, get(4), "fifth")?;
        let state_setter = match get(5) {
            Value::None => None,
            f if is_callable(vm, &f) => Some(f),
            other => {
                let msg = format!(
                    "sixth element of the tuple returned by __reduce__ must be a function, not {}",
                    vm.type_name(&other)
                );
                return Err(pickling_error(vm, &msg));
            }
        };
        Ok(Reduction { callable, args, state: get(2), listitems, dictitems, state_setter })
    }
}

fn optional_iterator(vm: &mut Vm, v: Value, which: &str) -> PyResult<Option<Value>> {
    if v.is_none() {
        return Ok(None);
    }
    let is_iterator = matches!(v.payload(), Some(Payload::Iterator(_) | Payload::Generator(_)))
        || get_attr_opt(vm, &v, "__next__")?.is_some();
    if !is_iterator {
        let msg = format!(
            "{which} element of the tuple returned by __reduce__ must be an iterator, not {}",
            vm.type_name(&v)
        );
        return Err(pickling_error(vm, &msg));
    }
    Ok(Some(v))
}

/// A method a user class defines (found on the class, and not one of the built-in natives).
fn user_method(vm: &Vm, class: &ObjRef, name: &str) -> bool {
    match lookup_mro(vm, class, name) {
        Some(v) => !matches!(v.payload(), Some(Payload::NativeFunction(_))),
        None => false,
    }
}

/// A reduction method of a type defined by a native module (`re.Pattern.__reduce__`), not
/// `object`'s own.
fn native_type_method(vm: &Vm, obj: &Value, class: &ObjRef, name: &str) -> bool {
    matches!(obj.payload(), Some(Payload::Native(_)))
        && lookup_mro(vm, class, name).is_some_and(|m| !is_object_native(&m))
}

/// `pickle._reduce_ex(obj, protocol)`: what `object.__reduce_ex__` returns when a class does
/// not define its own reduction.
pub fn object_reduce_ex(vm: &mut Vm, args: gilpy_interpreter::Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("_reduce_ex", &args, 2, 2)?;
    let obj = args.items[0].clone();
    let proto = vm.to_index(&args.items[1])?.clamp(0, 255) as u8;
    if let Some(rv) = builtin_reduce(vm, &obj, proto)? {
        return Ok(rv);
    }
    default_reduce(vm, &obj, proto)
}

/// `obj.__reduce_ex__(proto)` of exact built-in values (which the pickler writes directly).
fn builtin_reduce(vm: &mut Vm, obj: &Value, proto: u8) -> PyResult<Option<Value>> {
    let class = Value::Obj(vm.class_of(obj));
    let scalar = matches!(obj, Value::Int(_) | Value::Float(_) | Value::Bool(_))
        || matches!(obj.payload(), Some(Payload::BigInt(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_)));
    let container = matches!(obj.payload(), Some(Payload::List(_) | Payload::Dict(_)));
    if !(scalar || container) || proto < 2 {
        return Ok(None);
    }
    let newobj = copyreg_function(vm, "__newobj__")?;
    if scalar {
        let args = Value::tuple(vec![class, obj.clone()]);
        return Ok(Some(Value::tuple(vec![newobj, args, Value::None, Value::None, Value::None])));
    }
    let (listitems, dictitems) = match obj.payload() {
        Some(Payload::List(_)) => (vm.get_iter(obj)?, Value::None),
        _ => {
            let items = vm.call_method(obj, "items", &[])?;
            (Value::None, vm.get_iter(&items)?)
        }
    };
    Ok(Some(Value::tuple(vec![newobj, Value::tuple(vec![class]), Value::None, listitems, dictitems])))
}

/// What the pickler's reduce step gets for `obj`: a string (pickle as a global of that name) or
/// a reduction tuple. Consults the dispatch table, then `__reduce_ex__`, then `__reduce__`.
pub fn reduce_value(vm: &mut Vm, obj: &Value, proto: u8, dispatch_table: Option<&Value>) -> PyResult<Value> {
    let class = vm.class_of(obj);
    let table = match dispatch_table {
        Some(t) => Some(t.clone()),
        None => copyreg_attr(vm, "dispatch_table")?,
    };
    if let Some(table) = table {
        if let Some(reducer) = mapping_get(vm, &table, &Value::Obj(class.clone()))? {
            return vm.call1(&reducer, obj.clone());
        }
    }
    if user_method(vm, &class, "__reduce_ex__") || native_type_method(vm, obj, &class, "__reduce_ex__") {
        return vm.call_method(obj, "__reduce_ex__", &[Value::Int(proto as i64)]);
    }
    if user_method(vm, &class, "__reduce__") || native_type_method(vm, obj, &class, "__reduce__") {
        return vm.call_method(obj, "__reduce__", &[]);
    }
    default_reduce(vm, obj, proto)
}

fn mapping_get(vm: &mut Vm, table: &Value, key: &Value) -> PyResult<Option<Value>> {
    if let Some(Payload::Dict(_)) = table.payload() {
        let d = table.as_obj().cloned().expect("a dict is an object");
        return vm.dict_get(&d, key);
    }
    match vm.get_item(table, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, "KeyError") => Ok(None),
        Err(e) => Err(e),
    }
}

/// An attribute of the `copyreg` module (None if it has no such attribute).
pub fn copyreg_attr(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let copyreg = vm.import_module("copyreg")?;
    get_attr_opt(vm, &copyreg, name)
}

fn cannot_pickle(vm: &mut Vm, obj: &Value) -> gilpy_interpreter::vm::PyErr {
    let class = vm.class_of(obj);
    let name = vm.type_name(obj);
    let module = match class.payload() {
        Payload::Class(c) => c.dict.borrow(vm).get_str("__module__").and_then(|m| m.as_str().map(String::from)),
        _ => None,
    };
    let shown = match module.as_deref() {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    };
    vm.type_error(format!("cannot pickle '{shown}' object"))
}

fn builtin_type(vm: &Vm, id: TypeId) -> Value {
    Value::Obj(vm.types().get(id).clone())
}

/// `object.__reduce_ex__(proto)` and the built-in types' reducers, for protocol 2 and up.
fn default_reduce(vm: &mut Vm, obj: &Value, proto: u8) -> PyResult<Value> {
    let o = match obj {
        Value::Ellipsis => return Ok(Value::str("Ellipsis")),
        Value::NotImplemented => return Ok(Value::str("NotImplemented")),
        Value::Obj(o) => o.clone(),
        _ => return Err(cannot_pickle(vm, obj)),
    };
    match o.payload() {
        Payload::NativeFunction(nf) => match &nf.bound {
            Some(receiver) if !matches!(receiver.payload(), Some(Payload::Module(_))) => {
                let getattr = vm.builtin("getattr")?;
                let args = Value::tuple(vec![receiver.clone(), Value::str(nf.name)]);
                Ok(Value::tuple(vec![getattr, args]))
            }
            _ => Ok(Value::str(nf.name)),
        },
        Payload::BoundMethod(m) => {
            let (receiver, func) = (m.receiver.clone(), m.func.clone());
            let name = vm.get_attr_str(&func, "__name__")?;
            let getattr = vm.builtin("getattr")?;
            Ok(Value::tuple(vec![getattr, Value::tuple(vec![receiver, name])]))
        }
        Payload::Range(r) => {
            let args = vec![Value::Int(r.start), Value::Int(r.stop), Value::Int(r.step)];
            Ok(Value::tuple(vec![builtin_type(vm, TypeId::Range), Value::tuple(args)]))
        }
        Payload::Slice(s) => {
            let args = s.to_vec();
            Ok(Value::tuple(vec![builtin_type(vm, TypeId::Slice), Value::tuple(args)]))
        }
        Payload::Complex(re, im) => {
            let args = vec![Value::Float(*re), Value::Float(*im)];
            Ok(Value::tuple(vec![builtin_type(vm, TypeId::Complex), Value::tuple(args)]))
        }
        Payload::Instance(inst) => instance_reduce(vm, obj, inst, proto),
        _ => Err(cannot_pickle(vm, obj)),
    }
}

fn instance_reduce(vm: &mut Vm, obj: &Value, inst: &Instance, proto: u8) -> PyResult<Value> {
    let class = Value::Obj(inst.class.borrow(vm).clone());
    if let Some(data) = obj.as_obj().and_then(exception_data) {
        // BaseException.__reduce__: (type, args) plus the instance dict when it has one.
        let args = data.borrow(vm).args.clone();
        let args = if matches!(args.payload(), Some(Payload::Tuple(_))) { args } else { Value::tuple(vec![]) };
        let mut parts = vec![class, args];
        if !dict_is_empty(vm, &inst.dict) {
            parts.push(Value::Obj(inst.dict.clone()));
        }
        return Ok(Value::tuple(parts));
    }
    if let BaseState::Builtin(inner) = &inst.base {
        let rebuilt_from = match inner.payload() {
            Some(Payload::Set(s)) => Some(vec![vm.new_list(s.borrow(vm).to_vec())]),
            Some(Payload::FrozenSet(s)) => Some(vec![vm.new_list(s.to_vec())]),
            Some(Payload::ByteArray(b)) => {
                let b = b.borrow(vm).clone();
                Some(if b.is_empty() { vec![] } else { vec![Value::bytes(b)] })
            }
            _ => None,
        };
        if let Some(args) = rebuilt_from {
            let state = get_state(vm, obj, inst, false)?;
            return Ok(Value::tuple(vec![class, Value::tuple(args), state]));
        }
    }
    if proto < 2 {
        return reduce_reconstructor(vm, obj, inst, class);
    }
    reduce_newobj(vm, obj, inst, class)
}

/// `copyreg._reduce_ex` (protocols 0 and 1): `(copyreg._reconstructor, (cls, base, base(obj)),
/// state)`, `base` being the built-in type the class derives from.
fn reduce_reconstructor(vm: &mut Vm, obj: &Value, inst: &Instance, class: Value) -> PyResult<Value> {
    let (base, base_state) = match &inst.base {
        BaseState::Builtin(inner) => {
            let base = Value::Obj(vm.class_of(inner));
            let state = vm.call1(&base, obj.clone())?;
            (base, state)
        }
        _ => (builtin_type(vm, TypeId::Object), Value::None),
    };
    let reconstructor = copyreg_function(vm, "_reconstructor")?;
    let args = Value::tuple(vec![class, base, base_state]);
    let state = get_state(vm, obj, inst, false)?;
    let empty = match state.payload() {
        Some(Payload::Dict(d)) => d.borrow(vm).is_empty(),
        _ => state.is_none(),
    };
    let mut parts = vec![reconstructor, args];
    if !empty && vm.is_true(&state)? {
        parts.push(state);
    }
    Ok(Value::tuple(parts))
}

fn dict_is_empty(vm: &Vm, d: &ObjRef) -> bool {
    match d.payload() {
        Payload::Dict(cell) => cell.borrow(vm).is_empty(),
        _ => true,
    }
}

/// CPython's `reduce_newobj`: `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`.
fn reduce_newobj(vm: &mut Vm, obj: &Value, inst: &Instance, class: Value) -> PyResult<Value> {
    let class_ref = class.as_obj().cloned().expect("a class is an object");
    let (args, kwargs) = new_args(vm, obj, inst, &class_ref)?;
    let inner = match &inst.base {
        BaseState::Builtin(inner) => Some(inner.clone()),
        _ => None,
    };
    let is_list = matches!(inner.as_ref().and_then(|v| v.payload()), Some(Payload::List(_)));
    let is_dict = matches!(inner.as_ref().and_then(|v| v.payload()), Some(Payload::Dict(_)));
    let required = args.is_none() && !is_list && !is_dict;
    let state = get_state(vm, obj, inst, required)?;
    let listitems = match (&inner, is_list) {
        (Some(list), true) => vm.get_iter(list)?,
        _ => Value::None,
    };
    let dictitems = match (&inner, is_dict) {
        (Some(d), true) => {
            let items = vm.call_method(d, "items", &[])?;
            vm.get_iter(&items)?
        }
        _ => Value::None,
    };
    let args = args.unwrap_or_default();
    let has_kwargs = match kwargs.as_ref().and_then(|k| k.payload()) {
        Some(Payload::Dict(d)) => !d.borrow(vm).is_empty(),
        _ => false,
    };
    let (callable, newargs) = if has_kwargs {
        let newobj_ex = copyreg_function(vm, "__newobj_ex__")?;
        let kw = kwargs.unwrap_or(Value::None);
        (newobj_ex, Value::tuple(vec![class, Value::tuple(args), kw]))
    } else {
        let newobj = copyreg_function(vm, "__newobj__")?;
        let mut all = vec![class];
        all.extend(args);
        (newobj, Value::tuple(all))
    };
    Ok(Value::tuple(vec![callable, newargs, state, listitems, dictitems]))
}

fn copyreg_function(vm: &mut Vm, name: &str) -> PyResult<Value> {
    match copyreg_attr(vm, name)? {
        Some(f) => Ok(f),
        None => Err(vm.attribute_error(format!("module 'copyreg' has no attribute '{name}'"))),
    }
}

/// The arguments `__new__` needs: from `__getnewargs_ex__`, `__getnewargs__`, or the value a
/// subclass of an immutable built-in wraps. `None` when there are none (then the state is
/// required to rebuild the object).
fn new_args(
    vm: &mut Vm,
    obj: &Value,
    inst: &Instance,
    class: &ObjRef,
) -> PyResult<(Option<Vec<Value>>, Option<Value>)> {
    if user_method(vm, class, "__getnewargs_ex__") {
        let r = vm.call_method(obj, "__getnewargs_ex__", &[])?;
        let Some(Payload::Tuple(t)) = r.payload() else {
            return Err(vm.type_error(format!("__getnewargs_ex__ should return a tuple, not '{}'", vm.type_name(&r))));
        };
        if t.len() != 2 {
            return Err(vm.type_error(format!("__getnewargs_ex__ should return a tuple of length 2, not {}", t.len())));
        }
        let Some(Payload::Tuple(args)) = t[0].payload() else {
            let msg = format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                vm.type_name(&t[0])
            );
            return Err(vm.type_error(msg));
        };
        if !matches!(t[1].payload(), Some(Payload::Dict(_))) {
            let msg = format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                vm.type_name(&t[1])
            );
            return Err(vm.type_error(msg));
        }
        return Ok((Some(args.to_vec()), Some(t[1].clone())));
    }
    if user_method(vm, class, "__getnewargs__") {
        let r = vm.call_method(obj, "__getnewargs__", &[])?;
        let Some(Payload::Tuple(args)) = r.payload() else {
            return Err(vm.type_error(format!("__getnewargs__ should return a tuple, not '{}'", vm.type_name(&r))));
        };
        return Ok((Some(args.to_vec()), None));
    }
    if let BaseState::Builtin(inner) = &inst.base {
        let wraps_immutable = matches!(inner, Value::Int(_) | Value::Float(_) | Value::Bool(_))
            || matches!(
                inner.payload(),
                Some(
                    Payload::BigInt(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_) | Payload::Complex(..)
                )
            );
        if wraps_immutable {
            let value = match inner.payload() {
                // tuple.__getnewargs__ gives a copy of the tuple.
                Some(Payload::Tuple(t)) => Value::tuple(t.to_vec()),
                _ => inner.clone(),
            };
            return Ok((Some(vec![value]), None));
        }
    }
    Ok((None, None))
}

/// `obj.__getstate__()`: a user method, or by default the instance dict (None when empty).
fn get_state(vm: &mut Vm, obj: &Value, inst: &Instance, required: bool) -> PyResult<Value> {
    let class = inst.class.borrow(vm).clone();
    if user_method(vm, &class, "__getstate__") {
        return vm.call_method(obj, "__getstate__", &[]);
    }
    if required {
        if let BaseState::Builtin(inner) = &inst.base {
            if !matches!(inner.payload(), Some(Payload::List(_) | Payload::Dict(_))) {
                return Err(cannot_pickle(vm, obj));
            }
        }
    }
    if dict_is_empty(vm, &inst.dict) {
        Ok(Value::None)
    } else {
        Ok(Value::Obj(inst.dict.clone()))
    }
}

/// The module a global lives in: its `__module__`, else the module in `sys.modules` that holds
/// it, else `__main__`.
pub fn which_module(vm: &mut Vm, obj: &Value, dotted: &[&str]) -> PyResult<String> {
    if let Some(m) = get_attr_opt(vm, obj, "__module__")? {
        if let Some(s) = m.as_str() {
            // Native functions of every module say `builtins` (they do not record their
            // module); for those not really in builtins (time.sleep), search as CPython's
            // whichmodule does for objects without a module.
            if !(s == "builtins" && is_native_function(obj) && !found_in_builtins(vm, obj, dotted)) {
                return Ok(s.to_string());
            }
        }
    }
    let modules = vm.interp.modules.clone();
    let entries = match modules.payload() {
        Payload::Dict(d) => d.borrow(vm).items(),
        _ => vec![],
    };
    for (name, module) in entries {
        let Some(name) = name.as_str() else { continue };
        if name == "__main__" || name == "__mp_main__" || !matches!(module.payload(), Some(Payload::Module(_))) {
            continue;
        }
        if let Some((found, _)) = deep_attribute(vm, &module, dotted) {
            if found.is(obj) {
                return Ok(name.to_string());
            }
        }
    }
    Ok("__main__".to_string())
}

fn is_native_function(obj: &Value) -> bool {
    matches!(obj.payload(), Some(Payload::NativeFunction(_)))
}

fn found_in_builtins(vm: &mut Vm, obj: &Value, dotted: &[&str]) -> bool {
    let Ok(builtins) = vm.import_module("builtins") else { return false };
    deep_attribute(vm, &builtins, dotted).is_some_and(|(found, _)| found.is(obj))
}

/// `module.a.b.c` for a dotted path: the object and its parent (None if a lookup fails).
pub fn deep_attribute(vm: &mut Vm, module: &Value, dotted: &[&str]) -> Option<(Value, Value)> {
    let mut parent = module.clone();
    let mut current = module.clone();
    for part in dotted {
        parent = current.clone();
        current = get_attr_opt(vm, &current, part).ok().flatten()?;
    }
    Some((current, parent))
}
