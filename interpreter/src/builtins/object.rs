//! `object`, `type`, `property`, `staticmethod`, `classmethod`, `super`: the methods every class
//! inherits, the default `repr`, and the dispatch from a built-in type to its constructor.

use crate::builtins::types::TypeId;
use crate::object::{NativeFn, ObjRef, Payload, Property};
use crate::value::Value;
use crate::vm::attr::{class_name, class_qualname, generic_setattr, mro_of};
use crate::vm::call::allocate_instance;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// Is `f` one of `object`'s own native methods (so a class did not override it)?
pub fn is_object_native(f: &Value) -> bool {
    matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner == Some("object"))
}

/// `<__main__.Foo object at 0x7f...>` and the other default reprs.
pub fn default_repr(vm: &mut Vm, v: &Value) -> String {
    let Some(o) = v.as_obj() else { return crate::builtins::repr_for_debug(v) };
    let addr = o.addr();
    match o.payload() {
        Payload::Class(_) => {
            let module = class_module(vm, o);
            let qual = class_qualname(vm, o);
            if module == "builtins" {
                format!("<class '{qual}'>")
            } else {
                format!("<class '{module}.{qual}'>")
            }
        }
        Payload::Function(f) => format!("<function {} at {addr:#x}>", f.qualname.borrow(vm).as_str().unwrap_or("?")),
        Payload::NativeFunction(nf) => match (&nf.bound, nf.owner) {
            (Some(b), _) if !matches!(b.payload(), Some(Payload::Module(_))) => {
                format!(
                    "<built-in method {} of {} object at {:#x}>",
                    nf.name,
                    vm.type_name(b),
                    b.as_obj().map(|o| o.addr()).unwrap_or(0)
                )
            }
            (None, Some(owner)) => format!("<method '{}' of '{owner}' objects>", nf.name),
            _ => format!("<built-in function {}>", nf.name),
        },
        Payload::BoundMethod(m) => {
            let func = m.func.clone();
            let receiver = m.receiver.clone();
            let name = match func.payload() {
                Some(Payload::Function(f)) => f.qualname.borrow(vm).as_str().unwrap_or("?").to_string(),
                Some(Payload::NativeFunction(nf)) => nf.name.to_string(),
                _ => "?".into(),
            };
            let r = vm.repr_of(&receiver).unwrap_or_else(|_| "?".into());
            format!("<bound method {name} of {r}>")
        }
        Payload::Module(m) => {
            let name = m.name.as_str().unwrap_or("?").to_string();
            match vm.dict_get_str_value(&m.dict, &Value::str("__file__")).and_then(|f| f.as_str().map(String::from)) {
                Some(file) => format!("<module '{name}' from '{file}'>"),
                None => format!("<module '{name}' (built-in)>"),
            }
        }
        Payload::Generator(g) => {
            format!("<generator object {} at {addr:#x}>", g.borrow(vm).qualname.as_str().unwrap_or("?"))
        }
        Payload::Slice(s) => {
            let parts: Vec<String> = s.iter().map(|x| vm.repr_of(x).unwrap_or_default()).collect();
            format!("slice({})", parts.join(", "))
        }
        Payload::Code(c) => {
            format!("<code object {} at {addr:#x}, file \"{}\", line {}>", c.name, c.source.filename, c.first_line)
        }
        Payload::Cell(_) => format!("<cell at {addr:#x}>"),
        _ => {
            let class = vm.class_of(v);
            let module = class_module(vm, &class);
            let qual = class_qualname(vm, &class);
            if module == "builtins" {
                format!("<{qual} object at {addr:#x}>")
            } else {
                format!("<{module}.{qual} object at {addr:#x}>")
            }
        }
    }
}

fn class_module(vm: &Vm, class: &ObjRef) -> String {
    match class.payload() {
        Payload::Class(c) => c
            .dict
            .borrow(vm)
            .get_str("__module__")
            .and_then(|m| m.as_str().map(String::from))
            .unwrap_or_else(|| "builtins".into()),
        _ => "builtins".into(),
    }
}

/// Calling a built-in type.
pub fn construct_builtin(vm: &mut Vm, id: TypeId, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    use crate::builtins as b;
    match id {
        TypeId::Object => {
            if !args.items.is_empty() {
                return Err(vm.type_error("object() takes no arguments"));
            }
            allocate_instance(vm, cls, args)
        }
        TypeId::Int => b::int::construct(vm, cls, args),
        TypeId::Bool => b::int::construct_bool(vm, cls, args),
        TypeId::Float => b::float::construct(vm, cls, args),
        TypeId::Complex => b::float::construct_complex(vm, cls, args),
        TypeId::Str => b::str::construct(vm, cls, args),
        TypeId::Bytes | TypeId::ByteArray => b::bytes::construct(vm, cls, args),
        TypeId::Tuple => b::tuple::construct(vm, cls, args),
        TypeId::List => b::list::construct(vm, cls, args),
        TypeId::Dict => b::dict::construct(vm, cls, args),
        TypeId::Set | TypeId::FrozenSet => b::set::construct(vm, cls, args),
        TypeId::Range => b::iterators::construct_range(vm, cls, args),
        TypeId::Property => construct_property(vm, args),
        TypeId::StaticMethod => {
            one_arg(vm, "staticmethod", args).map(|f| Value::Obj(ObjRef::new(Payload::StaticMethod(f))))
        }
        TypeId::ClassMethod => {
            one_arg(vm, "classmethod", args).map(|f| Value::Obj(ObjRef::new(Payload::ClassMethod(f))))
        }
        TypeId::Super => {
            let pos = args.positional();
            if pos.len() != 2 {
                return Err(vm.runtime_error("super(): no arguments"));
            }
            Ok(Value::Obj(ObjRef::new(Payload::Super(pos[0].clone(), pos[1].clone()))))
        }
        TypeId::Slice => {
            let pos = args.positional();
            let (start, stop, step) = match pos.len() {
                1 => (Value::None, pos[0].clone(), Value::None),
                2 => (pos[0].clone(), pos[1].clone(), Value::None),
                3 => (pos[0].clone(), pos[1].clone(), pos[2].clone()),
                _ => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
            };
            Ok(Value::Obj(ObjRef::new(Payload::Slice(Box::new([start, stop, step])))))
        }
        TypeId::NoneType => Ok(Value::None),
        _ => Err(vm.type_error(format!("cannot create '{}' instances", id.name()))),
    }
}

fn one_arg(vm: &mut Vm, name: &str, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count(name, &args, 1, 1)?;
    Ok(args.items[0].clone())
}

fn construct_property(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let get = |i: usize, name: &str| args.get(i, name).cloned().unwrap_or(Value::None);
    let fget = get(0, "fget");
    let mut doc = get(3, "doc");
    if doc.is_none() && !fget.is_none() {
        doc = crate::vm::attr::get_attr_opt(vm, &fget, "__doc__")?.unwrap_or(Value::None);
    }
    Ok(Value::Obj(ObjRef::new(Payload::Property(Property { fget, fset: get(1, "fset"), fdel: get(2, "fdel"), doc }))))
}

fn object_init(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

/// `object.__reduce_ex__(protocol)`: the class's own `__reduce__` if it has one, else the
/// default reduction, which the `pickle` module (stdlib) computes as CPython's `copyreg` does.
fn object_reduce_ex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__reduce_ex__", &args, 2, 2)?;
    let obj = args.items[0].clone();
    let class = vm.class_of(&obj);
    if let Some(reduce) = crate::vm::attr::lookup_mro(vm, &class, "__reduce__") {
        if !is_object_native(&reduce) {
            return vm.call_method(&obj, "__reduce__", &[]);
        }
    }
    default_reduce(vm, obj, args.items[1].clone())
}

/// `object.__reduce__()`: the default reduction for protocol 0.
fn object_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__reduce__", &args, 1, 1)?;
    default_reduce(vm, args.items[0].clone(), Value::Int(0))
}

fn default_reduce(vm: &mut Vm, obj: Value, protocol: Value) -> PyResult<Value> {
    let pickle = vm.import_module("pickle")?;
    let reduce = vm.get_attr_str(&pickle, "_reduce_ex")?;
    vm.call(&reduce, Args::new(&[obj, protocol]))
}

fn object_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().and_then(|c| c.as_obj()) {
        Some(cls) if matches!(cls.payload(), Payload::Class(_)) => {
            let cls = cls.clone();
            // `int.__new__(MyInt, 9)` reaches here too (the scalar types have no `__new__` of
            // their own): the value a subclass of a built-in wraps is built from the arguments.
            let wraps_builtin =
                matches!(cls.payload(), Payload::Class(c) if c.builtin.is_some_and(|b| b != TypeId::Object));
            if args.items.len() > 1 && !wraps_builtin {
                // CPython's `object_new` excess-arguments rule.
                let overrides_new =
                    crate::vm::attr::lookup_mro(vm, &cls, "__new__").is_some_and(|f| !is_object_native(&f));
                if overrides_new {
                    return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
                }
                let init_is_object =
                    crate::vm::attr::lookup_mro(vm, &cls, "__init__").is_none_or(|f| is_object_native(&f));
                if init_is_object {
                    return Err(vm.type_error(format!("{}() takes no arguments", class_name(vm, &cls))));
                }
            }
            let rest = if wraps_builtin { &args.items[1..] } else { &[] };
            allocate_instance(vm, &cls, Args::new(rest))
        }
        _ => Err(vm.type_error("object.__new__(X): X is not a type object")),
    }
}

fn object_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::string(default_repr(vm, &args.items[0])))
}

fn object_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.repr_of(&args.items[0]).map(Value::string)
}

fn object_eq(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(if args.items[0].is(&args.items[1]) { Value::Bool(true) } else { Value::NotImplemented })
}

fn object_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = (&args.items[0], &args.items[1]);
    let eq = match crate::vm::attr::lookup_special(vm, a, "__eq__") {
        Some(f) => vm.call(&f, Args::new(&[a.clone(), b.clone()]))?,
        None => Value::NotImplemented,
    };
    match eq {
        Value::NotImplemented => Ok(Value::NotImplemented),
        v => Ok(Value::Bool(!vm.is_true(&v)?)),
    }
}

fn object_hash(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let addr = args.items[0].as_obj().map(|o| o.addr()).unwrap_or(0);
    Ok(Value::Int((addr >> 4) as i64))
}

fn object_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__setattr__", &args, 3, 3)?;
    generic_setattr(vm, &args.items[0], &args.items[1], args.items[2].clone())?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__delattr__", &args, 2, 2)?;
    if let Some(Payload::Instance(inst)) = args.items[0].payload() {
        if vm.dict_del_str_value(&inst.dict, &args.items[1]).is_some() {
            return Ok(Value::None);
        }
    }
    Err(vm.no_attribute(&args.items[0], &args.items[1]))
}

fn object_getattribute(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__getattribute__", &args, 2, 2)?;
    let (obj, name) = (&args.items[0], &args.items[1]);
    if name.as_str().is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(name))));
    }
    match crate::vm::attr::generic_getattr(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(obj, name)),
    }
}

fn object_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let spec = args.items.get(1).and_then(|s| s.as_str()).unwrap_or("");
    if !spec.is_empty() {
        return Err(
            vm.type_error(format!("unsupported format string passed to {}.__format__", vm.type_name(&args.items[0])))
        );
    }
    vm.str_of(&args.items[0]).map(Value::string)
}

fn object_init_subclass(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        let name = match args.items.first().and_then(|c| c.as_obj()) {
            Some(c) => class_qualname(vm, c),
            None => "object".to_string(),
        };
        return Err(vm.type_error(format!("{name}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(Value::None)
}

fn object_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = &args.items[0];
    let mut names: Vec<String> = Vec::new();
    if let Some(Payload::Instance(inst)) = obj.payload() {
        if let Payload::Dict(d) = inst.dict.payload() {
            names.extend(d.borrow(vm).keys().iter().filter_map(|k| k.as_str().map(String::from)));
        }
    }
    let class = match obj.payload() {
        Some(Payload::Class(_)) => obj.as_obj().expect("class").clone(),
        _ => vm.class_of(obj),
    };
    for c in mro_of(&class) {
        if let Payload::Class(cd) = c.payload() {
            names.extend(cd.dict.borrow(vm).keys().iter().filter_map(|k| k.as_str().map(String::from)));
        }
    }
    names.sort();
    names.dedup();
    Ok(vm.new_list(names.into_iter().map(Value::string).collect()))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", object_init),
    ("__new__", object_new),
    ("__repr__", object_repr),
    ("__str__", object_str),
    ("__eq__", object_eq),
    ("__ne__", object_ne),
    ("__hash__", object_hash),
    ("__setattr__", object_setattr),
    ("__delattr__", object_delattr),
    ("__getattribute__", object_getattribute),
    ("__format__", object_format),
    ("__init_subclass__", object_init_subclass),
    ("__dir__", object_dir),
    ("__reduce_ex__", object_reduce_ex),
    ("__reduce__", object_reduce),
    ("__lt__", object_not_implemented),
    ("__le__", object_not_implemented),
    ("__gt__", object_not_implemented),
    ("__ge__", object_not_implemented),
    ("__sizeof__", object_sizeof),
    ("__subclasshook__", object_not_implemented),
    ("__getstate__", object_getstate),
];

/// `object.__getstate__()` (3.11): the instance's `__dict__`, or None when it is empty.
fn object_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__getstate__", &args, 1, 1)?;
    match args.items[0].payload() {
        Some(Payload::Instance(inst)) => {
            let empty = match inst.dict.payload() {
                Payload::Dict(d) => d.borrow(vm).is_empty(),
                _ => true,
            };
            Ok(if empty { Value::None } else { Value::Obj(inst.dict.clone()) })
        }
        _ => Ok(Value::None),
    }
}

/// `object`'s orderings (and `__subclasshook__`): NotImplemented, so the other operand decides.
fn object_not_implemented(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

fn object_sizeof(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(16))
}

fn type_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::string(default_repr(vm, &args.items[0])))
}

fn type_mro(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = args.items[0].as_obj().cloned();
    Ok(Value::tuple(cls.map(|c| mro_of(&c).into_iter().map(Value::Obj).collect()).unwrap_or_default()))
}

fn type_name_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = args.items[0].as_obj().cloned();
    Ok(Value::string(cls.map(|c| class_name(vm, &c)).unwrap_or_default()))
}

fn type_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match (args.items[0].as_obj(), args.items.get(1).and_then(|v| v.as_obj())) {
        (Some(a), Some(b)) => Ok(Value::Bool(crate::vm::attr::is_subclass(vm, b, a))),
        _ => Ok(Value::Bool(false)),
    }
}

fn type_subclasses(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__subclasses__", &args, 1, 1)?;
    let subs: Vec<Value> = match args.items[0].payload() {
        Some(Payload::Class(c)) => c.subclasses.borrow(vm).iter().filter_map(|w| w.upgrade()).map(Value::Obj).collect(),
        _ => Vec::new(),
    };
    Ok(vm.new_list(subs))
}

fn type_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__or__", &args, 2, 2)?;
    crate::builtins::generic_alias::union_or(vm, &args.items[0], &args.items[1])
}

fn type_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__ror__", &args, 2, 2)?;
    crate::builtins::generic_alias::union_or(vm, &args.items[1], &args.items[0])
}

pub const TYPE_METHODS: &[(&str, NativeFn)] = &[
    ("__or__", type_or),
    ("__ror__", type_ror),
    ("__subclasses__", type_subclasses),
    ("__new__", crate::vm::call::type_new),
    ("__init__", crate::vm::call::type_init),
    ("__call__", crate::vm::call::type_call_method),
    ("__prepare__", crate::vm::call::type_prepare),
    ("__repr__", type_repr),
    ("mro", type_mro),
    ("__name_of__", type_name_method),
    ("__subclasscheck__", type_subclasscheck),
];

/// The property behind `v`: a property, or the one an instance of a property subclass wraps.
fn property_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Property> {
    match crate::builtins::receiver(v).payload() {
        Some(Payload::Property(p)) => Ok(p),
        _ => Err(vm.type_error("descriptor requires a property")),
    }
}

fn property_with(vm: &mut Vm, args: Args<'_>, which: usize) -> PyResult<Value> {
    vm.check_arg_count("property", &args, 2, 2)?;
    let this = &args.items[0];
    let p = property_of(vm, this)?;
    let f = args.items[1].clone();
    let mut parts = [p.fget.clone(), p.fset.clone(), p.fdel.clone()];
    parts[which] = f;
    let [fget, fset, fdel] = parts;
    let doc = p.doc.clone();
    if matches!(this.payload(), Some(Payload::Instance(_))) {
        // A property subclass makes another of its kind, as CPython's `property_copy`.
        let cls = Value::Obj(vm.class_of(this));
        return vm.call(&cls, Args::new(&[fget, fset, fdel, doc]));
    }
    Ok(Value::Obj(ObjRef::new(Payload::Property(Property { fget, fset, fdel, doc }))))
}

fn property_getter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_with(vm, args, 0)
}

fn property_setter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_with(vm, args, 1)
}

fn property_deleter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_with(vm, args, 2)
}

fn property_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = property_of(vm, &args.items[0])?;
    let obj = args.items.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(args.items[0].clone());
    }
    let fget = p.fget.clone();
    if fget.is_none() {
        return Err(vm.attribute_error("unreadable attribute"));
    }
    vm.call(&fget, Args::new(&[obj]))
}

/// The attribute name a property reports in errors: its getter's `__name__`.
fn property_name(vm: &mut Vm, p: &Property) -> String {
    match crate::vm::attr::get_attr_opt(vm, &p.fget, "__name__") {
        Ok(Some(n)) => n.as_str().unwrap_or("?").to_string(),
        _ => "?".to_string(),
    }
}

fn property_set(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__set__", &args, 3, 3)?;
    let p = property_of(vm, &args.items[0])?;
    let (obj, value) = (args.items[1].clone(), args.items[2].clone());
    if p.fset.is_none() {
        let name = property_name(vm, p);
        return Err(vm.attribute_error(format!("property '{name}' of '{}' object has no setter", vm.type_name(&obj))));
    }
    let fset = p.fset.clone();
    vm.call(&fset, Args::new(&[obj, value]))?;
    Ok(Value::None)
}

fn property_delete(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__delete__", &args, 2, 2)?;
    let p = property_of(vm, &args.items[0])?;
    let obj = args.items[1].clone();
    if p.fdel.is_none() {
        let name = property_name(vm, p);
        return Err(vm.attribute_error(format!("property '{name}' of '{}' object has no deleter", vm.type_name(&obj))));
    }
    let fdel = p.fdel.clone();
    vm.call(&fdel, Args::new(&[obj]))?;
    Ok(Value::None)
}

pub const PROPERTY_METHODS: &[(&str, NativeFn)] = &[
    ("getter", property_getter),
    ("setter", property_setter),
    ("deleter", property_deleter),
    ("__get__", property_get),
    ("__set__", property_set),
    ("__delete__", property_delete),
];

/// What a bound method is made of: the function and `self` (None for a plain built-in function).
fn method_parts(v: &Value) -> Option<(Value, Value)> {
    match v.payload()? {
        Payload::BoundMethod(m) => Some((m.func.clone(), m.receiver.clone())),
        Payload::NativeFunction(nf) => Some((v.clone(), nf.bound.clone().unwrap_or(Value::None))),
        _ => None,
    }
}

/// Two bound methods are equal when they bind the same function to the same object
/// (`callbacks.remove(self.on_event)` works).
fn method_eq(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (Some((fa, ra)), Some((fb, rb))) = (method_parts(&args.items[0]), args.items.get(1).and_then(method_parts))
    else {
        return Ok(Value::NotImplemented);
    };
    let same_func = fa.is(&fb)
        || match (fa.payload(), fb.payload()) {
            (Some(Payload::NativeFunction(a)), Some(Payload::NativeFunction(b))) => {
                a.name == b.name && a.owner == b.owner
            }
            _ => false,
        };
    Ok(Value::Bool(same_func && ra.is(&rb)))
}

fn method_hash(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (f, r) = method_parts(&args.items[0]).unwrap_or((Value::None, Value::None));
    let addr = |v: &Value| v.as_obj().map(|o| o.addr() as i64).unwrap_or(0);
    let f_key = match f.payload() {
        Some(Payload::NativeFunction(nf)) => crate::object::str_hash(nf.name.as_bytes()),
        _ => addr(&f),
    };
    Ok(Value::Int((f_key ^ addr(&r)) >> 4))
}

pub const METHOD_METHODS: &[(&str, NativeFn)] = &[("__eq__", method_eq), ("__hash__", method_hash)];
