//! The `sys` module.

use std::sync::atomic::Ordering;

use crate::object::{NativeFn, NativeFunction, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn install(vm: &mut Vm, argv: Vec<String>, path: Vec<String>) {
    let module = vm.new_module("sys");
    let dict = vm.module_dict(&module).expect("module dict");
    let set = |vm: &mut Vm, name: &str, v: Value| vm.dict_set_str_value(&dict, Value::str(name), v);
    let argv_list = vm.new_list(argv.into_iter().map(Value::string).collect());
    set(vm, "argv", argv_list);
    let path_list = vm.new_list(path.into_iter().map(Value::string).collect());
    set(vm, "path", path_list);
    set(vm, "modules", Value::Obj(vm.interp.modules.clone()));
    set(vm, "version", Value::str("3.11.0 (gilpy 0.1.0)"));
    set(vm, "platform", Value::str(std::env::consts::OS));
    set(vm, "maxsize", Value::Int(i64::MAX));
    set(vm, "byteorder", Value::str("little"));
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    set(vm, "executable", Value::string(exe));
    install_info(vm, &dict);
    set(vm, "stdin", crate::builtins::file::std_stream(vm, 0));
    set(vm, "stdout", crate::builtins::file::std_stream(vm, 1));
    set(vm, "stderr", crate::builtins::file::std_stream(vm, 2));
    let functions: &[(&'static str, NativeFn)] = &[
        ("exit", sys_exit),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("getcheckinterval", sys_getcheckinterval),
        ("setcheckinterval", sys_setcheckinterval),
        ("getswitchinterval", sys_getswitchinterval),
        ("setswitchinterval", sys_setswitchinterval),
        ("exc_info", sys_exc_info),
        ("intern", sys_intern),
        ("getdefaultencoding", sys_getdefaultencoding),
        ("getfilesystemencoding", sys_getdefaultencoding),
    ];
    for (name, func) in functions {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction { name, func: *func, bound: None, owner: None }));
        set(vm, name, Value::Obj(f));
    }
    for stream in ["stdin", "stdout", "stderr"] {
        let v = vm.dict_get_str_value(&dict, &Value::str(stream)).unwrap_or(Value::None);
        set(vm, &format!("__{stream}__"), v);
    }
    let modules = vm.interp.modules.clone();
    vm.dict_set_str_value(&modules, Value::str("sys"), Value::Obj(module.clone()));
    let builtins_module = vm.new_module("builtins");
    if let Payload::Module(_) = builtins_module.payload() {
        let b = ObjRef::new(Payload::Module(crate::object::Module {
            name: Value::str("builtins"),
            dict: vm.interp.builtins.clone(),
        }));
        vm.dict_set_str_value(&modules, Value::str("builtins"), Value::Obj(b));
    }
    *vm.interp.sys.borrow_mut(vm) = Some(module);
}

fn sys_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let code = args.items.first().cloned().map(|c| vec![c]).unwrap_or_default();
    Err(vm.new_exception(vm.exc_class("SystemExit"), code))
}

fn sys_getrecursionlimit(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit() as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("setrecursionlimit", &args, 1, 1)?;
    let n = vm.to_index(&args.items[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.interp.recursion_limit.store(n as usize, Ordering::Relaxed);
    Ok(Value::None)
}

fn sys_getcheckinterval(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.interp.gil.check_interval() as i64))
}

fn sys_setcheckinterval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("setcheckinterval", &args, 1, 1)?;
    let n = vm.to_index(&args.items[0])?;
    vm.interp.gil.set_check_interval(n.clamp(1, u32::MAX as i64) as u32);
    Ok(Value::None)
}

fn sys_getswitchinterval(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(vm.interp.gil.switch_interval().as_secs_f64()))
}

/// The longest a thread waits for the GIL before asking the holder to drop it (see `gil.rs`).
fn sys_setswitchinterval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("setswitchinterval", &args, 1, 1)?;
    let seconds = vm.to_f64(&args.items[0])?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    vm.interp.gil.set_switch_interval(std::time::Duration::from_secs_f64(seconds.min(1e9)));
    Ok(Value::None)
}

fn sys_exc_info(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(match &vm.handled {
        Some(e) => {
            let v = e.value();
            let tb = crate::vm::eval::exception_traceback(vm, &v);
            Value::tuple(vec![Value::Obj(vm.class_of(&v)), v, tb])
        }
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn sys_intern(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.items.first().cloned().unwrap_or(Value::None))
}

/// The struct sequences and constants describing the implementation: `version_info`,
/// `float_info`, `int_info`, `implementation`, `hexversion`, `maxunicode`.
fn install_info(vm: &mut Vm, dict: &ObjRef) {
    use crate::builtins::structseq;
    let add = |vm: &mut Vm, name: &str, fields: &[&str], values: Vec<Value>| -> Value {
        let value = match structseq::make_type(vm, "sys", name, fields) {
            Ok(class) => structseq::new_instance(vm, &class, values, &[]),
            Err(_) => Value::tuple(values),
        };
        vm.dict_set_str_value(dict, Value::str(name), value.clone());
        value
    };
    let version = add(
        vm,
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vec![Value::Int(3), Value::Int(11), Value::Int(0), Value::str("final"), Value::Int(0)],
    );
    add(
        vm,
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            Value::Float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::Float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::Float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    );
    add(
        vm,
        "int_info",
        &["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"],
        vec![Value::Int(30), Value::Int(4), Value::Int(4300), Value::Int(640)],
    );
    let hexversion = Value::Int(0x030B00F0);
    vm.dict_set_str_value(dict, Value::str("hexversion"), hexversion.clone());
    vm.dict_set_str_value(dict, Value::str("maxunicode"), Value::Int(0x10FFFF));
    vm.dict_set_str_value(dict, Value::str("float_repr_style"), Value::str("short"));
    let implementation = vm.new_dict();
    vm.dict_set_str_value(&implementation, Value::str("name"), Value::str("gilpy"));
    vm.dict_set_str_value(&implementation, Value::str("cache_tag"), Value::None);
    vm.dict_set_str_value(&implementation, Value::str("version"), version);
    vm.dict_set_str_value(&implementation, Value::str("hexversion"), hexversion);
    let namespace = ObjRef::new(Payload::Module(crate::object::Module {
        name: Value::str("implementation"),
        dict: implementation,
    }));
    vm.dict_set_str_value(dict, Value::str("implementation"), Value::Obj(namespace));
}

fn sys_getdefaultencoding(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::str("utf-8"))
}
