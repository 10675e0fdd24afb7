//! `PickleError`, `PicklingError`, `UnpicklingError` (defined in the module as CPython's
//! `_pickle` does) and helpers raising them from Rust.

use gilpy_interpreter::builtins::types::{make_class, TypeId};
use gilpy_interpreter::object::{ObjRef, Payload};
use gilpy_interpreter::vm::PyErr;
use gilpy_interpreter::{Value, Vm};

/// The three exception classes, made when the module is made.
pub fn make_exception_classes(vm: &Vm) -> [(&'static str, ObjRef); 3] {
    let base = make_class("PickleError", Some(vm.exc_class("Exception")), Some(TypeId::BaseException), false, &[]);
    let pickling = make_class("PicklingError", Some(base.clone()), Some(TypeId::BaseException), false, &[]);
    let unpickling = make_class("UnpicklingError", Some(base.clone()), Some(TypeId::BaseException), false, &[]);
    for class in [&base, &pickling, &unpickling] {
        if let Payload::Class(c) = class.payload() {
            c.dict.borrow_mut(vm).set_str("__module__", Value::str("_pickle"));
        }
    }
    [("PickleError", base), ("PicklingError", pickling), ("UnpicklingError", unpickling)]
}

fn pickle_exception(vm: &mut Vm, class_name: &str, msg: &str) -> PyErr {
    let class = vm.import_module("pickle").and_then(|m| vm.get_attr_str(&m, class_name));
    match class {
        Ok(Value::Obj(class)) if matches!(class.payload(), Payload::Class(_)) => {
            vm.new_exception(class, vec![Value::str(msg)])
        }
        _ => vm.new_exception_msg("RuntimeError", msg),
    }
}

pub fn pickling_error(vm: &mut Vm, msg: &str) -> PyErr {
    pickle_exception(vm, "PicklingError", msg)
}

pub fn unpickling_error(vm: &mut Vm, msg: &str) -> PyErr {
    pickle_exception(vm, "UnpicklingError", msg)
}

/// `repr(obj)` for an error message; a failing `__repr__` must not hide the pickling error.
pub fn repr_for_error(vm: &mut Vm, obj: &Value) -> String {
    vm.repr_of(obj).unwrap_or_else(|_| format!("<{} object>", vm.type_name(obj)))
}
