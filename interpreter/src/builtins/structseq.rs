//! Struct sequences: tuples whose items also have names (`sys.version_info.major`,
//! `time.localtime().tm_year`, `os.stat(p).st_size`), as CPython's `PyStructSequence`.
//!
//! A struct sequence type is a subclass of `tuple` whose first `fields.len()` items are readable
//! as attributes (read-only properties) and which prints as `module.name(field=value, ...)`.
//! Extra named values that are not part of the tuple (`tm_zone`, `st_mtime`) are plain instance
//! attributes.

use crate::builtins::types::TypeId;
use crate::object::{BaseState, DictData, Instance, NativeFunction, ObjRef, Payload, Property};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// Makes a struct sequence type `module.name` whose tuple items are named `fields`.
pub fn make_type(vm: &mut Vm, module: &str, name: &str, fields: &[&str]) -> PyResult<ObjRef> {
    let mut ns = DictData::new();
    ns.set_str("__module__", Value::str(module));
    let names: Vec<Value> = fields.iter().map(|f| Value::str(f)).collect();
    ns.set_str("__match_args__", Value::tuple(names));
    ns.set_str("n_sequence_fields", Value::Int(fields.len() as i64));
    ns.set_str("n_fields", Value::Int(fields.len() as i64));
    ns.set_str("n_unnamed_fields", Value::Int(0));
    for (i, field) in fields.iter().enumerate() {
        // The getter is bound to its index, which `call` passes before `self`.
        let getter = ObjRef::new(Payload::NativeFunction(NativeFunction {
            name: "field",
            func: field_getter,
            bound: Some(Value::Int(i as i64)),
            owner: None,
        }));
        let prop = Property { fget: Value::Obj(getter), fset: Value::None, fdel: Value::None, doc: Value::None };
        ns.set_str(field, Value::Obj(ObjRef::new(Payload::Property(prop))));
    }
    let repr = ObjRef::new(Payload::NativeFunction(NativeFunction {
        name: "__repr__",
        func: structseq_repr,
        bound: None,
        owner: None,
    }));
    ns.set_str("__repr__", Value::Obj(repr));
    let tuple = vm.types().get(TypeId::Tuple).clone();
    crate::vm::call::create_class(vm, Value::str(name), vec![tuple], ns)
}

/// A new instance of the struct sequence type `class` with tuple items `values` and the extra
/// attributes `extra`.
pub fn new_instance(vm: &mut Vm, class: &ObjRef, values: Vec<Value>, extra: &[(&str, Value)]) -> Value {
    let dict = vm.new_dict();
    for (k, v) in extra {
        vm.dict_set_str_value(&dict, Value::str(k), v.clone());
    }
    let obj = ObjRef::new(Payload::Instance(Instance {
        class: crate::object::GilCell::new(class.clone()),
        dict,
        base: BaseState::Builtin(Value::tuple(values)),
    }));
    Value::Obj(obj)
}

fn tuple_items(v: &Value) -> Vec<Value> {
    match crate::builtins::receiver(v).payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![],
    }
}

fn field_getter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (Some(Value::Int(i)), Some(this)) = (args.items.first(), args.items.get(1)) else {
        return Err(vm.type_error("struct sequence field getter needs an instance"));
    };
    Ok(tuple_items(this).get(*i as usize).cloned().unwrap_or(Value::None))
}

fn structseq_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.items.first() else {
        return Err(vm.type_error("__repr__ needs an instance"));
    };
    let class = vm.class_of(this);
    let module = crate::vm::attr::lookup_mro(vm, &class, "__module__").and_then(|m| m.as_str().map(String::from));
    let name = crate::vm::attr::class_name(vm, &class);
    let fields = match crate::vm::attr::lookup_mro(vm, &class, "__match_args__") {
        Some(f) => tuple_items(&f),
        None => vec![],
    };
    let mut parts = Vec::new();
    for (field, value) in fields.iter().zip(tuple_items(this)) {
        let r = vm.repr_of(&value)?;
        parts.push(format!("{}={r}", field.as_str().unwrap_or("?")));
    }
    let prefix = match module {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    };
    Ok(Value::string(format!("{prefix}({})", parts.join(", "))))
}
