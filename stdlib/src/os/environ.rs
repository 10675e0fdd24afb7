//! `os.environ`, a mapping of str to str over a copy of the process environment taken at import:
//! assigning or deleting a key also updates the real environment, so child processes
//! (`os.system`, `subprocess`) see it, as in CPython. `getenv`, `putenv`, `unsetenv`.

use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::util;

/// The state of an `os._Environ`: the dict of the variables.
struct EnvironData {
    dict: ObjRef,
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__getitem__", env_getitem),
    ("__setitem__", env_setitem),
    ("__delitem__", env_delitem),
    ("__contains__", env_contains),
    ("__iter__", env_iter),
    ("__len__", env_len),
    ("__repr__", env_repr),
    ("__eq__", env_eq),
    ("get", env_get),
    ("keys", env_keys),
    ("values", env_values),
    ("items", env_items),
    ("pop", env_pop),
    ("setdefault", env_setdefault),
    ("update", env_update),
    ("copy", env_copy),
    ("clear", env_clear),
];

pub fn new_environ(vm: &mut Vm) -> PyResult<Value> {
    let class = util::native_class(vm, "os", "_Environ", METHODS);
    let dict = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        let key = Value::string(k.to_string_lossy().into_owned());
        let value = Value::string(v.to_string_lossy().into_owned());
        vm.dict_set(&dict, key, value)?;
    }
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(EnvironData { dict }) }))))
}

fn dict_of(vm: &Vm, args: &Args<'_>) -> PyResult<ObjRef> {
    let this = args.items.first().ok_or_else(|| vm.type_error("descriptor needs an argument"))?;
    Ok(util::native_data::<EnvironData>(vm, this, "_Environ")?.dict.clone())
}

fn key_arg<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a str> {
    match gilpy_interpreter::builtins::receiver(v).as_str() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("str expected, not {}", vm.type_name(v)))),
    }
}

/// Sets a variable in the real process environment, with CPython's checks (the standard
/// library would panic on these inputs).
fn set_process_env(vm: &mut Vm, key: &str, value: &str) -> PyResult<()> {
    if key.is_empty() {
        return Err(super::plain_error(vm, &std::io::Error::from_raw_os_error(libc::EINVAL)));
    }
    if key.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if key.contains('\0') || value.contains('\0') {
        return Err(vm.value_error("embedded null byte"));
    }
    std::env::set_var(key, value);
    Ok(())
}

fn unset_process_env(vm: &Vm, key: &str) -> PyResult<()> {
    if key.is_empty() || key.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if key.contains('\0') {
        return Err(vm.value_error("embedded null byte"));
    }
    std::env::remove_var(key);
    Ok(())
}

fn arg<'a>(vm: &Vm, args: &Args<'a>, i: usize, fname: &str) -> PyResult<&'a Value> {
    args.positional().get(i).ok_or_else(|| vm.type_error(format!("{fname}() missing required argument")))
}

fn env_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let key = arg(vm, &args, 1, "__getitem__")?;
    match vm.dict_get(&dict, key)? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key.clone())),
    }
}

fn env_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let (key, value) = (arg(vm, &args, 1, "__setitem__")?, arg(vm, &args, 2, "__setitem__")?);
    let (k, v) = (key_arg(vm, key)?, key_arg(vm, value)?);
    set_process_env(vm, k, v)?;
    vm.dict_set(&dict, key.clone(), value.clone())?;
    Ok(Value::None)
}

fn env_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let key = arg(vm, &args, 1, "__delitem__")?;
    let k = key_arg(vm, key)?;
    if vm.dict_get(&dict, key)?.is_none() {
        return Err(vm.key_error(key.clone()));
    }
    unset_process_env(vm, k)?;
    vm.dict_del(&dict, key)?;
    Ok(Value::None)
}

fn env_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let key = arg(vm, &args, 1, "__contains__")?;
    key_arg(vm, key)?;
    Ok(Value::Bool(vm.dict_get(&dict, key)?.is_some()))
}

/// Calls the dict method `name` on the variables.
fn delegate(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let dict = dict_of(vm, args)?;
    let method = vm.get_attr_str(&Value::Obj(dict), name)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    vm.call(&method, rest)
}

fn env_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let keys = delegate(vm, &args, "keys")?;
    let list = vm.iterate(&keys)?;
    let list = vm.new_list(list);
    vm.get_iter(&list)
}

fn env_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "__len__")
}

fn env_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let inner = vm.repr_of(&Value::Obj(dict))?;
    Ok(Value::string(format!("environ({inner})")))
}

fn env_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let other = arg(vm, &args, 1, "__eq__")?;
    let other = match other.payload() {
        Some(Payload::Native(n)) => match n.downcast::<EnvironData>() {
            Some(d) => Value::Obj(d.dict.clone()),
            None => return Ok(Value::NotImplemented),
        },
        _ => other.clone(),
    };
    Ok(Value::Bool(vm.eq(&Value::Obj(dict), &other)?))
}

fn env_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "get")
}

fn env_keys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "keys")
}

fn env_values(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "values")
}

fn env_items(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "items")
}

fn env_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegate(vm, &args, "copy")
}

fn env_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let key = arg(vm, &args, 1, "pop")?;
    if let Some(k) = gilpy_interpreter::builtins::receiver(key).as_str() {
        if vm.dict_get(&dict, key)?.is_some() {
            unset_process_env(vm, k)?;
        }
    }
    delegate(vm, &args, "pop")
}

fn env_setdefault(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let dict = dict_of(vm, &args)?;
    let key = arg(vm, &args, 1, "setdefault")?;
    if let Some(v) = vm.dict_get(&dict, key)? {
        return Ok(v);
    }
    let value = arg(vm, &args, 2, "setdefault")?;
    let (k, v) = (key_arg(vm, key)?, key_arg(vm, value)?);
    set_process_env(vm, k, v)?;
    vm.dict_set(&dict, key.clone(), value.clone())?;
    Ok(value.clone())
}

fn env_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let pairs = vm.new_dict();
    let pairs_value = Value::Obj(pairs.clone());
    let update = vm.get_attr_str(&pairs_value, "update")?;
    vm.call(&update, Args { items: &args.items[1..], kwnames: args.kwnames })?;
    let items = vm.call_method(&pairs_value, "items", &[])?;
    for item in vm.iterate(&items)? {
        let kv = vm.iterate(&item)?;
        if let [k, v] = kv.as_slice() {
            vm.set_item(&this, k.clone(), v.clone())?;
        }
    }
    Ok(Value::None)
}

fn env_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let keys = delegate(vm, &args, "keys")?;
    for key in vm.iterate(&keys)? {
        vm.del_item(&this, &key)?;
    }
    Ok(Value::None)
}

// ----- module functions -----

fn environ(vm: &mut Vm) -> PyResult<Value> {
    util::module_attr(vm, "os", "environ")
}

pub fn os_getenv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "getenv", &args, &["key", "default"], 1)?;
    let key = a[0].clone().expect("required");
    key_arg(vm, &key)?;
    let default = a[1].clone().unwrap_or(Value::None);
    let env = environ(vm)?;
    vm.call_method(&env, "get", &[key, default])
}

pub fn os_putenv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "putenv", &args)?;
    let [key, value] = args.items else {
        return Err(vm.type_error(format!("putenv expected 2 arguments, got {}", args.items.len())));
    };
    let (k, v) = (key_arg(vm, key)?, key_arg(vm, value)?);
    set_process_env(vm, k, v)?;
    Ok(Value::None)
}

pub fn os_unsetenv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "unsetenv", &args)?;
    let [key] = args.items else {
        return Err(vm.type_error(format!("unsetenv() takes exactly one argument ({} given)", args.items.len())));
    };
    let k = key_arg(vm, key)?;
    unset_process_env(vm, k)?;
    Ok(Value::None)
}
