//! Helpers shared by the native modules: building modules and classes, binding arguments the way
//! CPython's argument clinic does, and small conversions.

use gilpy_interpreter::builtins::types::{make_class, TypeId};
use gilpy_interpreter::object::{NativeFn, NativeFunction, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

/// A module named `name` holding the native functions `functions`.
pub fn new_module(vm: &mut Vm, name: &str, functions: &[(&'static str, NativeFn)]) -> ObjRef {
    let module = vm.new_module(name);
    for (fname, func) in functions {
        set(vm, &module, fname, native_fn(fname, *func));
    }
    module
}

/// A free native function object.
pub fn native_fn(name: &'static str, func: NativeFn) -> Value {
    Value::Obj(ObjRef::new(Payload::NativeFunction(NativeFunction { name, func, bound: None, owner: None })))
}

/// A native method already bound to `receiver` (what `obj.method` gives), so a module can export
/// the methods of a hidden instance as functions (`random.random` is `_inst.random`).
pub fn bound_fn(name: &'static str, func: NativeFn, receiver: Value, owner: &'static str) -> Value {
    Value::Obj(ObjRef::new(Payload::NativeFunction(NativeFunction {
        name,
        func,
        bound: Some(receiver),
        owner: Some(owner),
    })))
}

/// Sets `module.name = value`.
pub fn set(vm: &Vm, module: &ObjRef, name: &str, value: Value) {
    if let Some(dict) = vm.module_dict(module) {
        vm.dict_set_str_value(&dict, Value::str(name), value);
    }
}

/// A class of native objects (its instances are `Payload::Native`), shown as `module.name`.
pub fn native_class(vm: &Vm, module: &str, name: &'static str, methods: &[(&'static str, NativeFn)]) -> ObjRef {
    let object = vm.types().get(TypeId::Object).clone();
    let class = make_class(name, Some(object), None, true, methods);
    set_class_module(vm, &class, module);
    class
}

/// An exception class `module.name` deriving from `base`, with extra native `methods`.
pub fn exception_class(
    vm: &Vm,
    module: &str,
    name: &'static str,
    base: ObjRef,
    methods: &[(&'static str, NativeFn)],
) -> ObjRef {
    let class = make_class(name, Some(base), Some(TypeId::BaseException), false, methods);
    set_class_module(vm, &class, module);
    class
}

fn set_class_module(vm: &Vm, class: &ObjRef, module: &str) {
    if let Payload::Class(c) = class.payload() {
        c.dict.borrow_mut(vm).set_str("__module__", Value::str(module));
    }
}

/// A new object of the class `cls` with native state `data`. Instances of the native class
/// itself are plain native objects; instances of a Python subclass are ordinary instances (with
/// a `__dict__`) wrapping a native object of the nearest native base, which `native_data` finds.
pub fn new_native<T: std::any::Any + Send + Sync>(vm: &Vm, cls: &ObjRef, data: T) -> Value {
    use gilpy_interpreter::object::{BaseState, GilCell, Instance, Native};
    let is_native = |c: &ObjRef| matches!(c.payload(), Payload::Class(k) if k.is_builtin);
    if is_native(cls) {
        return Value::Obj(ObjRef::new(Payload::Native(Native { class: cls.clone(), data: Box::new(data) })));
    }
    let mro = gilpy_interpreter::vm::attr::mro_of(cls);
    let base = mro.iter().find(|c| is_native(c)).cloned().unwrap_or_else(|| cls.clone());
    let inner = ObjRef::new(Payload::Native(Native { class: base, data: Box::new(data) }));
    let obj = ObjRef::new(Payload::Instance(Instance {
        class: GilCell::new(cls.clone()),
        dict: vm.new_dict(),
        base: BaseState::Builtin(Value::Obj(inner)),
    }));
    Value::Obj(gilpy_interpreter::gc::track_obj(vm, obj))
}

/// The state of a native object of type `T` (or of the native object a subclass instance
/// wraps), or a TypeError naming what was expected.
pub fn native_data<'a, T: 'static>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a T> {
    match gilpy_interpreter::builtins::receiver(v).payload() {
        Some(Payload::Native(n)) => {
            match n.downcast::<T>() {
                Some(d) => Ok(d),
                None => Err(vm
                    .type_error(format!("descriptor requires a '{what}' object but received a '{}'", vm.type_name(v)))),
            }
        }
        _ => Err(vm.type_error(format!("descriptor requires a '{what}' object but received a '{}'", vm.type_name(v)))),
    }
}

/// Binds `args` to the parameters `names` (all positional-or-keyword, the first `required` of
/// them mandatory), with CPython's messages. Returns one slot per parameter.
pub fn bind(vm: &Vm, fname: &str, args: &Args<'_>, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    bind_posonly(vm, fname, args, names, 0, required)
}

/// Like [`bind`], the first `posonly` parameters being positional-only.
pub fn bind_posonly(
    vm: &Vm,
    fname: &str,
    args: &Args<'_>,
    names: &[&str],
    posonly: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.positional();
    if pos.len() > names.len() {
        let n = names.len();
        return Err(vm.type_error(if required == n {
            format!("{fname}() takes exactly {n} argument{} ({} given)", plural(n), pos.len())
        } else {
            format!("{fname}() takes at most {n} argument{} ({} given)", plural(n), pos.len())
        }));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.keywords() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i >= posonly => {
                if out[i].is_some() {
                    return Err(
                        vm.type_error(format!("argument for {fname}() given by name ('{k}') and position ({})", i + 1))
                    );
                }
                out[i] = Some(v.clone());
            }
            _ => return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            if i < posonly || !args.has_kwargs() {
                return Err(vm.type_error(if required == names.len() {
                    format!("{fname}() takes exactly {required} argument{} ({} given)", plural(required), pos.len())
                } else {
                    format!("{fname}() takes at least {required} argument{} ({} given)", plural(required), pos.len())
                }));
            }
            return Err(vm.type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Rejects keyword arguments, as CPython's positional-only builtins do.
pub fn no_kwargs(vm: &Vm, fname: &str, args: &Args<'_>) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// A slot of [`bind`]'s result that is present and not `None`.
pub fn given(slot: &Option<Value>) -> Option<&Value> {
    slot.as_ref().filter(|v| !v.is_none())
}

/// An exact `str` argument, or `TypeError: f() argument must be str, not X`.
pub fn str_arg<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a str> {
    match gilpy_interpreter::builtins::receiver(v).as_str() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
    }
}

/// A number as f64 for a time or size argument (int or float; anything else is a TypeError
/// like CPython's `'str' object cannot be interpreted as an integer`).
pub fn number_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => {
            if gilpy_interpreter::builtins::int::is_int(v)
                || gilpy_interpreter::vm::attr::lookup_special(vm, v, "__float__").is_some()
            {
                return vm.to_f64(v);
            }
            if gilpy_interpreter::vm::attr::lookup_special(vm, v, "__index__").is_some() {
                let i = vm.to_index(v)?;
                return Ok(i as f64);
            }
            Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))))
        }
    }
}

/// `module.name` of an importable module (how a native function finds the classes its module
/// made, e.g. `time.struct_time`), imported if needed.
pub fn module_attr(vm: &mut Vm, module: &str, name: &str) -> PyResult<Value> {
    let m = vm.import_module(module)?;
    vm.get_attr_str(&m, name)
}

/// The class object `module.name`.
pub fn module_class(vm: &mut Vm, module: &str, name: &str) -> PyResult<ObjRef> {
    match module_attr(vm, module, name)? {
        Value::Obj(c) if matches!(c.payload(), Payload::Class(_)) => Ok(c),
        _ => Err(vm.type_error(format!("{module}.{name} is not a class"))),
    }
}

/// Binds the arguments of a method written in Python in CPython (`def uniform(self, a, b)`),
/// with the messages of a Python function: `Random.uniform() missing 1 required positional
/// argument: 'b'`. `args` excludes `self`; `names` are the parameters after `self`.
pub fn bind_method(
    vm: &Vm,
    qualname: &str,
    args: &Args<'_>,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.positional();
    if pos.len() > names.len() {
        let (max, given) = (names.len() + 1, pos.len() + 1);
        let takes = if required == names.len() { format!("{max}") } else { format!("from {} to {max}", required + 1) };
        let noun = if max == 1 { "argument" } else { "arguments" };
        return Err(vm.type_error(format!("{qualname}() takes {takes} positional {noun} but {given} were given")));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.keywords() {
        match names.iter().position(|n| *n == k) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!("{qualname}() got multiple values for argument '{k}'")));
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(vm.type_error(format!("{qualname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    let missing: Vec<String> =
        names[..required].iter().zip(&out).filter(|(_, slot)| slot.is_none()).map(|(n, _)| format!("'{n}'")).collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        return Err(vm.type_error(format!(
            "{qualname}() missing {} required positional argument{}: {list}",
            missing.len(),
            plural(missing.len())
        )));
    }
    Ok(out)
}

/// `MemoryError()`.
pub fn memory_error(vm: &Vm) -> gilpy_interpreter::PyErr {
    vm.new_exception_msg("MemoryError", "")
}

/// An empty vector with room for `n` items, or MemoryError when that much cannot be had
/// (instead of aborting the process).
pub fn try_vec<T>(vm: &Vm, n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error(vm))?;
    Ok(v)
}

/// A zero-filled byte buffer of `n` bytes, or MemoryError.
pub fn zeroed(vm: &Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v = try_vec(vm, n)?;
    v.resize(n, 0);
    Ok(v)
}
