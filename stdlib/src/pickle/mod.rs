//! `pickle`: CPython's pickle format, natively. Dumping (protocols 0-5) writes the same bytes as
//! CPython 3.11 for the same objects; loading reads every protocol CPython writes. It also
//! computes `object.__reduce_ex__`'s default reduction (`_reduce_ex`).
//!
//! The Rust API ([`dumps`], [`loads`], [`dumps_with`], [`loads_with`]) is what other native
//! modules (multiprocessing's wire format) use; the Python API is `dumps`/`loads`/`dump`/`load`
//! and the `Pickler`/`Unpickler` classes, whose subclasses may define `persistent_id`,
//! `reducer_override`, `dispatch_table`, `persistent_load` and `find_class`.

mod compat;
mod errors;
mod input;
mod opcodes;
mod pickler;
mod reduce;
mod text;
mod unpickler;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use gilpy_interpreter::builtins::types::make_class;
use gilpy_interpreter::builtins::types::TypeId;
use gilpy_interpreter::object::{GilCell, Module, NativeFn, NativeFunction, ObjRef, Payload};
use gilpy_interpreter::vm::attr::get_attr_opt;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

pub use errors::{pickling_error, unpickling_error};
pub use input::Input;
pub use pickler::{Memo, PickleHooks, Pickler};
pub use unpickler::{find_class, LoadMemo, LoadOptions, Unpickler, HIGHEST_PROTOCOL};

pub const DEFAULT_PROTOCOL: u8 = 4;

/// `pickle.dumps(obj, protocol)`: `None` means the default protocol, a negative one the highest.
pub fn dumps(vm: &mut Vm, obj: &Value, protocol: Option<i64>) -> PyResult<Vec<u8>> {
    let proto = resolve_protocol(vm, protocol)?;
    dumps_with(vm, obj, proto, true, &PickleHooks::default(), &mut Memo::default())
}

/// Pickles with an explicit protocol (2-5), hooks, and a memo that may persist across calls.
pub fn dumps_with(
    vm: &mut Vm,
    obj: &Value,
    proto: u8,
    fix_imports: bool,
    hooks: &PickleHooks,
    memo: &mut Memo,
) -> PyResult<Vec<u8>> {
    Pickler::new(proto, fix_imports, hooks, memo).dump(vm, obj)
}

/// `pickle.loads(data)`.
pub fn loads(vm: &mut Vm, data: &[u8]) -> PyResult<Value> {
    loads_with(vm, Input::from_bytes(data), &LoadOptions::default(), &mut LoadMemo::default())
}

pub fn loads_with(vm: &mut Vm, input: Input<'_>, opts: &LoadOptions, memo: &mut LoadMemo) -> PyResult<Value> {
    Unpickler::new(input, opts, memo).load(vm)
}

fn resolve_protocol(vm: &mut Vm, protocol: Option<i64>) -> PyResult<u8> {
    match protocol {
        None => Ok(DEFAULT_PROTOCOL),
        Some(p) if p < 0 => Ok(HIGHEST_PROTOCOL),
        Some(p) if p > HIGHEST_PROTOCOL as i64 => {
            Err(vm.value_error(format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")))
        }
        Some(p) => Ok(p as u8),
    }
}

fn protocol_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<u8> {
    match v {
        None | Some(Value::None) => resolve_protocol(vm, None),
        Some(v) => {
            let p = vm.to_index(v)?;
            resolve_protocol(vm, Some(p))
        }
    }
}

fn bool_arg(vm: &mut Vm, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => vm.is_true(v),
    }
}

fn str_arg(vm: &mut Vm, v: Option<&Value>, name: &str, default: &str) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!("{name} must be str, not {}", vm.type_name(v)))),
        },
    }
}

fn data_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow(vm).clone()),
        _ => Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    }
}

fn load_options(vm: &mut Vm, args: &Args<'_>) -> PyResult<LoadOptions> {
    Ok(LoadOptions {
        fix_imports: bool_arg(vm, args.kw("fix_imports"), true)?,
        encoding: str_arg(vm, args.kw("encoding"), "encoding", "ASCII")?,
        errors: str_arg(vm, args.kw("errors"), "errors", "strict")?,
        persistent_load: None,
        find_class: None,
        protocol_seen: None,
    })
}

fn write_to(vm: &mut Vm, file: &Value, data: Vec<u8>) -> PyResult<()> {
    let Some(write) = get_attr_opt(vm, file, "write")? else {
        return Err(vm.type_error("file must have a 'write' attribute"));
    };
    vm.call1(&write, Value::bytes(data))?;
    Ok(())
}

// ----- module functions -----

fn py_dumps(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(obj) = args.get(0, "obj") else {
        return Err(vm.type_error("dumps() missing required argument 'obj' (pos 1)"));
    };
    let proto = protocol_arg(vm, args.get(1, "protocol"))?;
    let fix_imports = bool_arg(vm, args.kw("fix_imports"), true)?;
    let data = dumps_with(vm, obj, proto, fix_imports, &PickleHooks::default(), &mut Memo::default())?;
    Ok(Value::bytes(data))
}

fn py_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (Some(obj), Some(file)) = (args.get(0, "obj"), args.get(1, "file")) else {
        return Err(vm.type_error("dump() missing required argument 'file' (pos 2)"));
    };
    let proto = protocol_arg(vm, args.get(2, "protocol"))?;
    let fix_imports = bool_arg(vm, args.kw("fix_imports"), true)?;
    let data = dumps_with(vm, obj, proto, fix_imports, &PickleHooks::default(), &mut Memo::default())?;
    write_to(vm, file, data)?;
    Ok(Value::None)
}

fn py_loads(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(data) = args.positional().first() else {
        return Err(vm.type_error("loads() missing required argument 'data' (pos 1)"));
    };
    let data = data_arg(vm, data)?;
    let opts = load_options(vm, &args)?;
    loads_with(vm, Input::from_bytes(&data), &opts, &mut LoadMemo::default())
}

fn py_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(file) = args.get(0, "file") else {
        return Err(vm.type_error("load() missing required argument 'file' (pos 1)"));
    };
    let file = file.clone();
    check_readable(vm, &file)?;
    let opts = load_options(vm, &args)?;
    loads_with(vm, Input::from_file(file), &opts, &mut LoadMemo::default())
}

fn check_readable(vm: &mut Vm, file: &Value) -> PyResult<()> {
    if get_attr_opt(vm, file, "read")?.is_none() || get_attr_opt(vm, file, "readline")?.is_none() {
        return Err(vm.type_error("file must have 'read' and 'readline' attributes"));
    }
    Ok(())
}

// ----- Pickler and Unpickler -----

/// What a `Pickler`/`Unpickler` object keeps between calls, in a hidden attribute.
struct PicklerState {
    file: Value,
    proto: u8,
    fix_imports: bool,
    memo: GilCell<Memo>,
}

struct UnpicklerState {
    file: Value,
    opts: LoadOptions,
    memo: GilCell<LoadMemo>,
    /// The protocol of the pickle being loaded (0 until a PROTO opcode says otherwise).
    protocol: Arc<AtomicU8>,
}

const STATE_ATTR: &str = "_gilpy_pickle_state";

fn state_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.import_module("pickle")?;
    match vm.get_attr_str(&module, "_State")? {
        Value::Obj(c) => Ok(c),
        _ => Err(vm.type_error("pickle._State is not a class")),
    }
}

fn store_state<T: Send + Sync + 'static>(vm: &mut Vm, obj: &Value, state: T) -> PyResult<()> {
    let class = state_class(vm)?;
    let native =
        Value::Obj(ObjRef::new(Payload::Native(gilpy_interpreter::object::Native { class, data: Box::new(state) })));
    vm.set_attr(obj, &Value::str(STATE_ATTR), native)
}

fn load_state(vm: &mut Vm, obj: &Value, class_name: &str) -> PyResult<Value> {
    match get_attr_opt(vm, obj, STATE_ATTR)? {
        Some(state) => Ok(state),
        None => Err(unpickling_or_pickling_init_error(vm, class_name)),
    }
}

fn unpickling_or_pickling_init_error(vm: &mut Vm, class_name: &str) -> gilpy_interpreter::vm::PyErr {
    let msg = format!("{class_name}.__init__() was not called by {}.__init__()", class_name);
    if class_name == "Pickler" {
        pickling_error(vm, &msg)
    } else {
        unpickling_error(vm, &msg)
    }
}

/// A hook the object (or its class) defines in Python, if any.
fn python_hook(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    let Some(v) = get_attr_opt(vm, obj, name)? else { return Ok(None) };
    let native = match v.payload() {
        Some(Payload::NativeFunction(_)) => true,
        Some(Payload::BoundMethod(m)) => matches!(m.func.payload(), Some(Payload::NativeFunction(_))),
        _ => false,
    };
    Ok(if native || v.is_none() { None } else { Some(v) })
}

fn pickler_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let Some(file) = args.get(1, "file") else {
        return Err(vm.type_error("Pickler() missing required argument 'file' (pos 1)"));
    };
    if get_attr_opt(vm, file, "write")?.is_none() {
        return Err(vm.type_error("file must have a 'write' attribute"));
    }
    let proto = protocol_arg(vm, args.get(2, "protocol"))?;
    let fix_imports = bool_arg(vm, args.get(3, "fix_imports"), true)?;
    let state = PicklerState { file: file.clone(), proto, fix_imports, memo: GilCell::new(Memo::default()) };
    store_state(vm, &this, state)?;
    Ok(Value::None)
}

fn pickler_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("dump", &args, 2, 2)?;
    let this = args.items[0].clone();
    let obj = args.items[1].clone();
    let state = load_state(vm, &this, "Pickler")?;
    let Some(Payload::Native(native)) = state.payload() else { return Ok(Value::None) };
    let Some(st) = native.downcast::<PicklerState>() else {
        return Err(unpickling_or_pickling_init_error(vm, "Pickler"));
    };
    let hooks = PickleHooks {
        persistent_id: python_hook(vm, &this, "persistent_id")?,
        dispatch_table: get_attr_opt(vm, &this, "dispatch_table")?.filter(|t| !t.is_none()),
        reducer_override: python_hook(vm, &this, "reducer_override")?,
    };
    // The memo is moved out while pickling so no borrow is held across calls into Python.
    let mut memo = std::mem::take(&mut *st.memo.borrow_mut(vm));
    let result = dumps_with(vm, &obj, st.proto, st.fix_imports, &hooks, &mut memo);
    *st.memo.borrow_mut(vm) = memo;
    write_to(vm, &st.file, result?)?;
    Ok(Value::None)
}

fn pickler_clear_memo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let state = load_state(vm, &this, "Pickler")?;
    if let Some(Payload::Native(native)) = state.payload() {
        if let Some(st) = native.downcast::<PicklerState>() {
            st.memo.borrow_mut(vm).clear();
        }
    }
    Ok(Value::None)
}

fn unpickler_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let Some(file) = args.get(1, "file") else {
        return Err(vm.type_error("Unpickler() missing required argument 'file' (pos 1)"));
    };
    let file = file.clone();
    check_readable(vm, &file)?;
    let opts = load_options(vm, &args)?;
    let state = UnpicklerState { file, opts, memo: GilCell::new(LoadMemo::default()), protocol: Arc::default() };
    store_state(vm, &this, state)?;
    Ok(Value::None)
}

fn unpickler_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("load", &args, 1, 1)?;
    let this = args.items[0].clone();
    let state = load_state(vm, &this, "Unpickler")?;
    let Some(Payload::Native(native)) = state.payload() else { return Ok(Value::None) };
    let Some(st) = native.downcast::<UnpicklerState>() else {
        return Err(unpickling_or_pickling_init_error(vm, "Unpickler"));
    };
    let mut opts = st.opts.clone();
    opts.persistent_load = python_hook(vm, &this, "persistent_load")?;
    opts.find_class = python_hook(vm, &this, "find_class")?;
    st.protocol.store(0, Ordering::Relaxed);
    opts.protocol_seen = Some(st.protocol.clone());
    let mut memo = std::mem::take(&mut *st.memo.borrow_mut(vm));
    let result = loads_with(vm, Input::from_file(st.file.clone()), &opts, &mut memo);
    *st.memo.borrow_mut(vm) = memo;
    result
}

fn unpickler_find_class(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("find_class", &args, 3, 3)?;
    let this = args.items[0].clone();
    let (Some(module), Some(name)) = (args.items[1].as_str(), args.items[2].as_str()) else {
        return Err(vm.type_error("find_class() arguments must be str"));
    };
    let (module, name) = (module.to_string(), name.to_string());
    let (proto, fix_imports) = match get_attr_opt(vm, &this, STATE_ATTR)? {
        Some(Value::Obj(o)) => match o.payload() {
            Payload::Native(n) => match n.downcast::<UnpicklerState>() {
                Some(st) => (st.protocol.load(Ordering::Relaxed), st.opts.fix_imports),
                None => (HIGHEST_PROTOCOL, true),
            },
            _ => (HIGHEST_PROTOCOL, true),
        },
        _ => (HIGHEST_PROTOCOL, true),
    };
    find_class(vm, &module, &name, proto, fix_imports)
}

const PICKLER_METHODS: &[(&str, NativeFn)] =
    &[("__init__", pickler_init), ("dump", pickler_dump), ("clear_memo", pickler_clear_memo)];

const UNPICKLER_METHODS: &[(&str, NativeFn)] =
    &[("__init__", unpickler_init), ("load", unpickler_load), ("find_class", unpickler_find_class)];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("dumps", py_dumps),
    ("dump", py_dump),
    ("loads", py_loads),
    ("load", py_load),
    ("_reduce_ex", reduce::object_reduce_ex),
];

/// Makes the `pickle` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let dict = vm.new_dict();
    let set = |vm: &Vm, name: &str, v: Value| vm.dict_set_str_value(&dict, Value::str(name), v);
    set(vm, "__name__", Value::str("pickle"));
    set(vm, "__doc__", Value::str("Create portable serialized representations of Python objects."));
    set(vm, "__package__", Value::str(""));
    set(vm, "__spec__", Value::None);
    set(vm, "HIGHEST_PROTOCOL", Value::Int(HIGHEST_PROTOCOL as i64));
    set(vm, "DEFAULT_PROTOCOL", Value::Int(DEFAULT_PROTOCOL as i64));
    for (name, func) in FUNCTIONS {
        let f = NativeFunction { name, func: *func, bound: None, owner: None };
        set(vm, name, Value::Obj(ObjRef::new(Payload::NativeFunction(f))));
    }
    for (name, class) in errors::make_exception_classes(vm) {
        set(vm, name, Value::Obj(class));
    }
    let object = vm.types().get(TypeId::Object).clone();
    let classes = [("Pickler", PICKLER_METHODS), ("Unpickler", UNPICKLER_METHODS), ("_State", &[][..])];
    for (name, methods) in classes {
        let class = make_class(name, Some(object.clone()), None, false, methods);
        if let Payload::Class(c) = class.payload() {
            c.dict.borrow_mut(vm).set_str("__module__", Value::str("_pickle"));
        }
        set(vm, name, Value::Obj(class));
    }
    let all: Vec<Value> = [
        "PickleError",
        "PicklingError",
        "UnpicklingError",
        "Pickler",
        "Unpickler",
        "dump",
        "dumps",
        "load",
        "loads",
        "HIGHEST_PROTOCOL",
        "DEFAULT_PROTOCOL",
    ]
    .iter()
    .map(|n| Value::str(n))
    .collect();
    set(vm, "__all__", vm.new_list(all));
    Ok(ObjRef::new(Payload::Module(Module { name: Value::str("pickle"), dict })))
}
