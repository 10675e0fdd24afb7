//! Attribute access: the MRO walk, descriptors (functions bind to methods, `property`,
//! `staticmethod`, `classmethod`, user `__get__`/`__set__`), instance dicts, `__getattr__`, and the
//! special attributes of built-in objects. Also `isinstance`/`issubclass` and C3 MRO.

use crate::builtins::types::TypeId;
use crate::object::{BaseState, BoundMethod, Class, GilCell, NativeFunction, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

impl Vm {
    /// `type(v)`.
    pub fn class_of(&self, v: &Value) -> ObjRef {
        let t = self.types();
        match v {
            Value::None => t.get(TypeId::NoneType).clone(),
            Value::Bool(_) => t.get(TypeId::Bool).clone(),
            Value::Int(_) => t.get(TypeId::Int).clone(),
            Value::Float(_) => t.get(TypeId::Float).clone(),
            Value::Ellipsis => t.get(TypeId::Ellipsis).clone(),
            Value::NotImplemented | Value::Undefined => t.get(TypeId::NotImplementedType).clone(),
            Value::Obj(o) => self.class_of_obj(o),
        }
    }

    pub fn class_of_obj(&self, o: &ObjRef) -> ObjRef {
        let t = self.types();
        let id = match o.payload() {
            Payload::Instance(inst) => return inst.class.borrow(self).clone(),
            Payload::Native(n) => return n.class.clone(),
            Payload::Str(_) => TypeId::Str,
            Payload::BigInt(_) => TypeId::Int,
            Payload::Complex(..) => TypeId::Complex,
            Payload::Bytes(_) => TypeId::Bytes,
            Payload::ByteArray(_) => TypeId::ByteArray,
            Payload::Tuple(_) => TypeId::Tuple,
            Payload::List(_) => TypeId::List,
            Payload::Dict(_) => TypeId::Dict,
            Payload::Set(_) => TypeId::Set,
            Payload::FrozenSet(_) => TypeId::FrozenSet,
            Payload::Range(_) => TypeId::Range,
            Payload::Slice(_) => TypeId::Slice,
            Payload::Code(_) => TypeId::Code,
            Payload::Function(_) => TypeId::Function,
            Payload::NativeFunction(nf) if nf.bound.is_none() && nf.owner.is_some() => {
                return t.method_descriptor.clone();
            }
            Payload::NativeFunction(_) => TypeId::BuiltinFunction,
            Payload::BoundMethod(_) => TypeId::Method,
            Payload::Cell(_) => TypeId::Cell,
            Payload::Class(c) => match &c.metaclass {
                Some(meta) => return meta.clone(),
                None => TypeId::Type,
            },
            Payload::Module(_) => TypeId::Module,
            Payload::Property(_) => TypeId::Property,
            Payload::StaticMethod(_) => TypeId::StaticMethod,
            Payload::ClassMethod(_) => TypeId::ClassMethod,
            Payload::Super(..) => TypeId::Super,
            Payload::Generator(_) => TypeId::Generator,
            Payload::Iterator(it) => {
                let name = crate::builtins::iterators::iter_type_name(&it.borrow(self));
                return t.iterator_type(name).clone();
            }
            Payload::DictView(_, kind) => match kind {
                crate::object::DictViewKind::Keys => TypeId::DictKeys,
                crate::object::DictViewKind::Values => TypeId::DictValues,
                crate::object::DictViewKind::Items => TypeId::DictItems,
            },
        };
        t.get(id).clone()
    }

    /// The type's name as error messages show it (`'int'`, `'Robot'`).
    pub fn type_name(&self, v: &Value) -> String {
        class_name(self, &self.class_of(v))
    }

    pub fn isinstance(&self, v: &Value, class: &ObjRef) -> bool {
        is_subclass(self, &self.class_of(v), class)
    }

    pub fn get_attr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        match get_attr_inner(self, obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    pub fn get_attr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        self.get_attr(obj, &Value::str(name))
    }

    #[cold]
    pub fn no_attribute(&self, obj: &Value, name: &Value) -> PyErr {
        let name = name.as_str().unwrap_or("?");
        let msg = match obj.payload() {
            Some(Payload::Module(m)) => {
                format!("module '{}' has no attribute '{name}'", m.name.as_str().unwrap_or("?"))
            }
            Some(Payload::Class(_)) => {
                let cls = obj.as_obj().expect("class");
                format!("type object '{}' has no attribute '{name}'", class_name(self, cls))
            }
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        let err = self.attribute_error(msg);
        // CPython 3.10+ stores name and obj on AttributeError.
        if let Some(Payload::Instance(inst)) = Some(err.0.payload()) {
            let mut d = match inst.dict.payload() {
                Payload::Dict(d) => d.borrow_mut(self),
                _ => return err,
            };
            d.set_str("name", Value::str(name));
            d.set_str("obj", obj.clone());
        }
        err
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let Some(o) = obj.as_obj() else {
            return Err(self.no_attribute(obj, name));
        };
        match o.payload() {
            Payload::Instance(inst) => {
                let class = inst.class.borrow(self).clone();
                if class.ptr_eq(self.types().get(TypeId::Object)) {
                    // A bare `object()` has no `__dict__`.
                    return Err(self.no_attribute(obj, name));
                }
                if let Some(setattr) = lookup_mro(self, &class, "__setattr__") {
                    if !crate::builtins::object::is_object_native(&setattr) {
                        self.call(&setattr, Args::new(&[obj.clone(), name.clone(), value]))?;
                        return Ok(());
                    }
                }
                generic_setattr(self, obj, name, value)
            }
            Payload::Class(c) => {
                if c.is_builtin {
                    return Err(self.type_error(format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name.as_str().unwrap_or("?"),
                        class_name(self, o)
                    )));
                }
                if let Some(meta) = &c.metaclass {
                    if let Some(descr) = lookup_mro(self, meta, name.as_str().unwrap_or("")) {
                        if let Some(Payload::Property(p)) = descr.payload() {
                            let fset = p.fset.clone();
                            if fset.is_none() {
                                return Err(self.attribute_error(format!(
                                    "property '{}' of '{}' object has no setter",
                                    name.as_str().unwrap_or("?"),
                                    class_name(self, meta)
                                )));
                            }
                            self.call(&fset, Args::new(&[obj.clone(), value]))?;
                            return Ok(());
                        }
                    }
                }
                match name.as_str() {
                    Some("__name__") => *c.name.borrow_mut(self) = value,
                    Some("__qualname__") => *c.qualname.borrow_mut(self) = value,
                    _ => {
                        c.dict.borrow_mut(self).set_str_value(name.clone(), value);
                    }
                }
                Ok(())
            }
            Payload::Module(m) => {
                self.dict_set_str_value(&m.dict, name.clone(), value);
                Ok(())
            }
            Payload::Function(f) => {
                match name.as_str() {
                    Some("__name__") => *f.name.borrow_mut(self) = value,
                    Some("__qualname__") => *f.qualname.borrow_mut(self) = value,
                    Some("__doc__") => *f.doc.borrow_mut(self) = value,
                    Some("__defaults__") => {
                        *f.defaults.borrow_mut(self) = match value.payload() {
                            Some(Payload::Tuple(t)) => Some(t.clone()),
                            _ => None,
                        }
                    }
                    _ => {
                        let existing = f.dict.borrow(self).clone();
                        let d = match existing {
                            Some(d) => d,
                            None => {
                                let d = self.new_dict();
                                *f.dict.borrow_mut(self) = Some(d.clone());
                                d
                            }
                        };
                        self.dict_set_str_value(&d, name.clone(), value);
                    }
                }
                Ok(())
            }
            Payload::Native(n) => {
                let class = n.class.clone();
                if let Some(descr) = lookup_mro(self, &class, name.as_str().unwrap_or("")) {
                    if let Some(Payload::Instance(_)) = descr.payload() {
                        if let Some(delete) = lookup_special(self, &descr, "__delete__") {
                            self.call(&delete, Args::new(&[descr.clone(), obj.clone()]))?;
                            return Ok(());
                        }
                    }
                    if let Some(Payload::Property(p)) = descr.payload() {
                        if !p.fset.is_none() {
                            let fset = p.fset.clone();
                            self.call(&fset, Args::new(&[obj.clone(), value]))?;
                            return Ok(());
                        }
                    }
                }
                Err(self.no_attribute(obj, name))
            }
            _ => Err(self.no_attribute(obj, name)),
        }
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let removed = match obj.payload() {
            Some(Payload::Instance(inst)) => {
                let class = inst.class.borrow(self).clone();
                if let Some(delattr) = lookup_mro(self, &class, "__delattr__") {
                    if !crate::builtins::object::is_object_native(&delattr) {
                        self.call(&delattr, Args::new(&[obj.clone(), name.clone()]))?;
                        return Ok(());
                    }
                }
                if let Some(descr) = lookup_mro(self, &class, name.as_str().unwrap_or("")) {
                    if let Some(Payload::Instance(_)) = descr.payload() {
                        if let Some(delete) = lookup_special(self, &descr, "__delete__") {
                            self.call(&delete, Args::new(&[descr.clone(), obj.clone()]))?;
                            return Ok(());
                        }
                    }
                    if let Some(Payload::Property(p)) = descr.payload() {
                        let fdel = p.fdel.clone();
                        if fdel.is_none() {
                            return Err(self.attribute_error(format!(
                                "property '{}' of '{}' object has no deleter",
                                name.as_str().unwrap_or("?"),
                                class_name(self, &class)
                            )));
                        }
                        self.call(&fdel, Args::new(std::slice::from_ref(obj)))?;
                        return Ok(());
                    }
                }
                self.dict_del_str_value(&inst.dict, name).is_some()
            }
            Some(Payload::Class(c)) if !c.is_builtin => {
                c.dict.borrow_mut(self).remove_str(name.as_str().unwrap_or("")).is_some()
            }
            Some(Payload::Module(m)) => self.dict_del_str_value(&m.dict, name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attribute(obj, name))
        }
    }

    /// For `obj.name(...)`: the function and `self` without allocating a bound method when the
    /// attribute is a plain method found on the class.
    pub fn load_method(&mut self, obj: Value, name: &Value) -> PyResult<(Value, Option<Value>)> {
        let class = match obj.payload() {
            Some(Payload::Instance(inst)) => {
                let class = inst.class.borrow(self).clone();
                let custom = matches!(class.payload(), Payload::Class(c) if c.flags.has_custom_getattr);
                if custom || self.dict_get_str_value(&inst.dict, name).is_some() {
                    return Ok((self.get_attr(&obj, name)?, None));
                }
                class
            }
            Some(Payload::Class(_) | Payload::Module(_) | Payload::Super(..)) => {
                return Ok((self.get_attr(&obj, name)?, None))
            }
            _ => self.class_of(&obj),
        };
        let key = name.as_str().unwrap_or("");
        if let Some(f) = lookup_mro_name(self, &class, name, key) {
            if matches!(
                f.payload(),
                Some(Payload::Function(_) | Payload::NativeFunction(NativeFunction { bound: None, .. }))
            ) {
                return Ok((f, Some(obj)));
            }
        }
        Ok((self.get_attr(&obj, name)?, None))
    }

    /// Looks up a special method on the type (not the instance) and binds it, for the `with`
    /// protocol (`__enter__`/`__exit__`); `suffix` ends the error message.
    pub fn get_special(&mut self, obj: &Value, name: &str, suffix: &str) -> PyResult<Value> {
        match lookup_special(self, obj, name) {
            Some(f) => bind(self, f, obj.clone(), self.class_of(obj)),
            None => Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol{suffix}",
                self.type_name(obj)
            ))),
        }
    }
}

/// `getattr(obj, name, None)`-like: `Ok(None)` when the attribute is missing.
pub fn get_attr_opt(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    match get_attr_inner(vm, obj, &Value::str(name)) {
        Ok(v) => Ok(v),
        Err(e) if vm.err_matches(&e, "AttributeError") => Ok(None),
        Err(e) => Err(e),
    }
}

/// The attribute, `None` if missing (the caller raises AttributeError).
fn get_attr_inner(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let key = name.as_str().unwrap_or("");
    let o = match obj {
        Value::Obj(o) => o.clone(),
        _ => return builtin_attr(vm, obj, key),
    };
    match o.payload() {
        Payload::Instance(inst) => {
            let class = inst.class.borrow(vm).clone();
            if matches!(class.payload(), Payload::Class(c) if c.flags.has_custom_getattr) {
                return custom_getattribute(vm, obj, &class, name);
            }
            // `__getattr__` runs when the lookup finds nothing or raises AttributeError (a
            // property whose getter raises it, say), as CPython's `slot_tp_getattr_hook`.
            let found = instance_getattr(vm, obj, &o, inst, &class, name, key, false);
            match found {
                Ok(None) => {}
                Err(ref e) if vm.err_matches(e, "AttributeError") => {}
                other => return other,
            }
            match lookup_mro(vm, &class, "__getattr__") {
                Some(getattr) => vm.call(&getattr, Args::new(&[obj.clone(), name.clone()])).map(Some),
                None => found,
            }
        }
        Payload::Class(_) => class_getattr(vm, &o, key),
        Payload::Module(m) => {
            if let Some(v) = vm.dict_get_str_value(&m.dict, name) {
                return Ok(Some(v));
            }
            match key {
                "__dict__" => Ok(Some(Value::Obj(m.dict.clone()))),
                "__class__" => Ok(Some(Value::Obj(vm.class_of(obj)))),
                _ => {
                    if let Some(getattr) = vm.dict_get_str_value(&m.dict, &Value::str("__getattr__")) {
                        return vm.call(&getattr, Args::new(std::slice::from_ref(name))).map(Some);
                    }
                    Ok(None)
                }
            }
        }
        Payload::Super(start, receiver) => super_getattr(vm, start, receiver, key),
        _ => builtin_attr(vm, obj, key),
    }
}

/// A class with its own `__getattribute__`: call it, and fall back to `__getattr__` on
/// AttributeError as CPython's `slot_tp_getattr_hook` does.
fn custom_getattribute(vm: &mut Vm, obj: &Value, class: &ObjRef, name: &Value) -> PyResult<Option<Value>> {
    let Some(getattribute) = lookup_mro(vm, class, "__getattribute__") else {
        return generic_getattr(vm, obj, name);
    };
    if crate::builtins::object::is_object_native(&getattribute) {
        return generic_getattr(vm, obj, name);
    }
    match vm.call(&getattribute, Args::new(&[obj.clone(), name.clone()])) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, "AttributeError") => match lookup_mro(vm, class, "__getattr__") {
            Some(getattr) => vm.call(&getattr, Args::new(&[obj.clone(), name.clone()])).map(Some),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// `object.__getattribute__`: the usual lookup on an instance, bypassing a user
/// `__getattribute__`.
pub fn generic_getattr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match obj.payload() {
        Some(Payload::Instance(inst)) => {
            let class = inst.class.borrow(vm).clone();
            let o = obj.as_obj().expect("instance").clone();
            instance_getattr(vm, obj, &o, inst, &class, name, name.as_str().unwrap_or(""), false)
        }
        _ => get_attr_inner(vm, obj, name),
    }
}

#[allow(clippy::too_many_arguments)]
fn instance_getattr(
    vm: &mut Vm,
    obj: &Value,
    o: &ObjRef,
    inst: &crate::object::Instance,
    class: &ObjRef,
    name: &Value,
    key: &str,
    getattr_hook: bool,
) -> PyResult<Option<Value>> {
    let descr = lookup_mro_name(vm, class, name, key);
    if let Some(d) = &descr {
        if is_data_descriptor(vm, d) {
            return descriptor_get(vm, d.clone(), obj.clone(), class.clone()).map(Some);
        }
    }
    if let Some(v) = vm.dict_get_str_value(&inst.dict, name) {
        return Ok(Some(v));
    }
    if let BaseState::Exception(data) = &inst.base {
        if let Some(v) = crate::builtins::exceptions::exception_attr(vm, class, data, key) {
            return Ok(Some(v));
        }
    }
    match key {
        "__class__" => return Ok(Some(Value::Obj(class.clone()))),
        "__dict__" if !matches!(class.payload(), Payload::Class(c) if c.flags.slots_only) => {
            return Ok(Some(Value::Obj(inst.dict.clone())))
        }
        _ => {}
    }
    if let Some(d) = descr {
        return descriptor_get(vm, d, obj.clone(), class.clone()).map(Some);
    }
    if let BaseState::Builtin(inner) = &inst.base {
        if let Some(v) = builtin_data_attr(vm, inner, key) {
            return Ok(Some(v));
        }
    }
    let _ = o;
    if !getattr_hook {
        return Ok(None);
    }
    if let Some(getattr) = lookup_mro(vm, class, "__getattr__") {
        let r = vm.call(&getattr, Args::new(&[obj.clone(), name.clone()]));
        return match r {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(e),
        };
    }
    Ok(None)
}

/// Sets an attribute on an instance without consulting a user `__setattr__`
/// (`object.__setattr__`).
pub fn generic_setattr(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let Some(Payload::Instance(inst)) = obj.payload() else {
        return Err(vm.no_attribute(obj, name));
    };
    let class = inst.class.borrow(vm).clone();
    let key = name.as_str().unwrap_or("");
    if let Some(descr) = lookup_mro_name(vm, &class, name, key) {
        match descr.payload() {
            Some(Payload::Property(p)) => {
                let fset = p.fset.clone();
                if fset.is_none() {
                    return Err(vm.attribute_error(format!(
                        "property '{key}' of '{}' object has no setter",
                        class_name(vm, &class)
                    )));
                }
                vm.call(&fset, Args::new(&[obj.clone(), value]))?;
                return Ok(());
            }
            Some(Payload::Instance(_)) => {
                if let Some(set) = lookup_special(vm, &descr, "__set__") {
                    vm.call(&set, Args::new(&[descr.clone(), obj.clone(), value]))?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if let BaseState::Exception(data) = &inst.base {
        let mut d = data.borrow_mut(vm);
        match key {
            "args" => {
                d.args = value;
                return Ok(());
            }
            "__cause__" => {
                d.cause = value;
                d.suppress_context = true;
                return Ok(());
            }
            "__context__" => {
                d.context = value;
                return Ok(());
            }
            "__suppress_context__" => {
                d.suppress_context = matches!(value, Value::Bool(true));
                return Ok(());
            }
            "__traceback__" => return Ok(()),
            _ => {}
        }
    }
    if key == "__class__" {
        if let Some(Payload::Class(_)) = value.payload() {
            *inst.class.borrow_mut(vm) = value.as_obj().expect("class").clone();
            return Ok(());
        }
        return Err(vm.type_error("__class__ must be set to a class"));
    }
    if key == "__dict__" {
        // The instance keeps its dict object; it takes the new dict's items.
        let items = match crate::vm::ops::dict_target(value.as_obj().unwrap_or(&inst.dict)).payload() {
            Payload::Dict(d) if value.as_obj().is_some() => d.borrow(vm).clone(),
            _ => {
                return Err(
                    vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", vm.type_name(&value)))
                )
            }
        };
        if let Payload::Dict(d) = inst.dict.payload() {
            *d.borrow_mut(vm) = items;
        }
        return Ok(());
    }
    if matches!(class.payload(), Payload::Class(c) if c.flags.slots_only)
        && !crate::vm::call::slot_allows(vm, &class, key)
    {
        return Err(vm.no_attribute(obj, name));
    }
    vm.dict_set_str_value(&inst.dict, name.clone(), value);
    Ok(())
}

fn class_getattr(vm: &mut Vm, cls: &ObjRef, key: &str) -> PyResult<Option<Value>> {
    let Payload::Class(c) = cls.payload() else { return Ok(None) };
    match key {
        "__name__" => return Ok(Some(c.name.borrow(vm).clone())),
        "__qualname__" => return Ok(Some(c.qualname.borrow(vm).clone())),
        "__mro__" => return Ok(Some(Value::tuple(mro_of(cls).into_iter().map(Value::Obj).collect()))),
        "__bases__" => return Ok(Some(Value::tuple(c.bases.iter().cloned().map(Value::Obj).collect()))),
        "__base__" => return Ok(Some(c.bases.first().cloned().map(Value::Obj).unwrap_or(Value::None))),
        "__dict__" => {
            let copy = c.dict.borrow(vm).clone();
            return Ok(Some(Value::Obj(crate::gc::track_obj(vm, ObjRef::new(Payload::Dict(GilCell::new(copy)))))));
        }
        "__class__" => return Ok(Some(Value::Obj(vm.class_of_obj(cls)))),
        _ => {}
    }
    // A metaclass's data descriptors (properties) win over the class's own attributes.
    let meta = match &c.metaclass {
        Some(m) => lookup_mro(vm, m, key).map(|attr| (m.clone(), attr)),
        None => None,
    };
    if let Some((m, attr)) = &meta {
        if is_data_descriptor(vm, attr) {
            return descriptor_get(vm, attr.clone(), Value::Obj(cls.clone()), m.clone()).map(Some);
        }
    }
    if let Some(d) = lookup_mro(vm, cls, key) {
        return Ok(Some(match d.payload() {
            Some(Payload::ClassMethod(f)) => bound_method(vm, f.clone(), Value::Obj(cls.clone())),
            Some(Payload::StaticMethod(f)) => f.clone(),
            Some(Payload::Instance(_)) => {
                if let Some(get) = lookup_special(vm, &d, "__get__") {
                    vm.call(&get, Args::new(&[d.clone(), Value::None, Value::Obj(cls.clone())]))?
                } else {
                    d
                }
            }
            _ => d,
        }));
    }
    if let Some((m, attr)) = meta {
        return descriptor_get(vm, attr, Value::Obj(cls.clone()), m).map(Some);
    }
    if let Some(m) = &c.metaclass {
        if let Some(getattr) = lookup_mro(vm, m, "__getattr__") {
            return vm.call(&getattr, Args::new(&[Value::Obj(cls.clone()), Value::str(key)])).map(Some);
        }
    }
    match key {
        "__doc__" => Ok(Some(Value::None)),
        "__module__" => Ok(Some(Value::str("builtins"))),
        // Methods of `type` itself, e.g. `Foo.mro()`.
        _ => {
            let type_class = vm.types().get(TypeId::Type).clone();
            match lookup_mro(vm, &type_class, key) {
                Some(f) => Ok(Some(bound_method(vm, f, Value::Obj(cls.clone())))),
                None => Ok(None),
            }
        }
    }
}

fn super_getattr(vm: &mut Vm, start: &Value, receiver: &Value, key: &str) -> PyResult<Option<Value>> {
    let Some(start) = start.as_obj() else { return Ok(None) };
    // `super(C, cls)` (in a classmethod or `__new__`) walks `cls.__mro__`; `super(C, obj)` walks
    // `type(obj).__mro__` (obj may itself be a class, when C is a metaclass).
    let receiver_is_subclass = match receiver.payload() {
        Some(Payload::Class(_)) => receiver.as_obj().is_some_and(|r| is_subclass(vm, r, start)),
        _ => false,
    };
    let receiver_class =
        if receiver_is_subclass { receiver.as_obj().expect("class").clone() } else { vm.class_of(receiver) };
    // The MRO walked where it lies (no vector of cloned class references per lookup).
    let tail: &[ObjRef] = match receiver_class.payload() {
        Payload::Class(c) => &c.mro_tail,
        _ => &[],
    };
    let mut after_start = std::iter::once(&receiver_class).chain(tail.iter()).skip_while(|c| !c.ptr_eq(start));
    after_start.next();
    for class in after_start {
        let Payload::Class(c) = class.payload() else { continue };
        let found = c.dict.borrow(vm).get_str(key).cloned();
        if let Some(d) = found {
            let is_class_receiver = receiver_is_subclass;
            return Ok(Some(match d.payload() {
                Some(Payload::Function(_)) if is_class_receiver => d,
                Some(Payload::StaticMethod(f)) => f.clone(),
                Some(Payload::ClassMethod(f)) => bound_method(vm, f.clone(), Value::Obj(receiver_class.clone())),
                _ if is_class_receiver && key == "__new__" => d,
                _ => descriptor_get(vm, d, receiver.clone(), receiver_class.clone())?,
            }));
        }
    }
    Ok(None)
}

/// Attributes of values that are not instances of user classes: methods from the type, plus the
/// data attributes of built-in objects.
fn builtin_attr(vm: &mut Vm, obj: &Value, key: &str) -> PyResult<Option<Value>> {
    if let Some(v) = builtin_data_attr(vm, obj, key) {
        return Ok(Some(v));
    }
    let class = vm.class_of(obj);
    if key == "__class__" {
        return Ok(Some(Value::Obj(class)));
    }
    match lookup_mro(vm, &class, key) {
        Some(d) => descriptor_get(vm, d, obj.clone(), class).map(Some),
        None => Ok(None),
    }
}

/// Data attributes of built-in objects (`f.__name__`, `range.start`, `(1).real` ...).
fn builtin_data_attr(vm: &mut Vm, obj: &Value, key: &str) -> Option<Value> {
    if let Some(v) = crate::builtins::int::int_attr(obj, key) {
        return Some(v);
    }
    if let Some(v) = crate::builtins::float::float_attr(obj, key) {
        return Some(v);
    }
    let o = obj.as_obj()?;
    match o.payload() {
        Payload::Function(f) => match key {
            "__name__" => Some(f.name.borrow(vm).clone()),
            "__qualname__" => Some(f.qualname.borrow(vm).clone()),
            "__doc__" => Some(f.doc.borrow(vm).clone()),
            "__module__" => Some(f.module.clone()),
            "__defaults__" => {
                Some(f.defaults.borrow(vm).as_ref().map(|d| Value::tuple(d.to_vec())).unwrap_or(Value::None))
            }
            "__kwdefaults__" => {
                Some(f.kwdefaults.borrow(vm).as_ref().map(|d| Value::Obj(d.clone())).unwrap_or(Value::None))
            }
            "__globals__" => Some(Value::Obj(f.globals.clone())),
            "__code__" => Some(Value::Obj(ObjRef::new(Payload::Code(f.code.clone())))),
            "__closure__" => Some(if f.closure.is_empty() {
                Value::None
            } else {
                Value::tuple(f.closure.iter().cloned().map(Value::Obj).collect())
            }),
            "__dict__" => {
                let existing = f.dict.borrow(vm).clone();
                Some(Value::Obj(match existing {
                    Some(d) => d,
                    None => {
                        let d = vm.new_dict();
                        *f.dict.borrow_mut(vm) = Some(d.clone());
                        d
                    }
                }))
            }
            // Kept in the function's `__dict__`; an empty dict when it has none.
            "__annotations__" => {
                let d = f.dict.borrow(vm).clone();
                let key = Value::str(key);
                if let Some(v) = d.as_ref().and_then(|d| vm.dict_get_str_value(d, &key)) {
                    return Some(v);
                }
                let empty = Value::Obj(vm.new_dict());
                let d = match d {
                    Some(d) => d,
                    None => {
                        let d = vm.new_dict();
                        *f.dict.borrow_mut(vm) = Some(d.clone());
                        d
                    }
                };
                vm.dict_set_str_value(&d, key, empty.clone());
                Some(empty)
            }
            _ => {
                let d = f.dict.borrow(vm).clone()?;
                vm.dict_get_str_value(&d, &Value::str(key))
            }
        },
        Payload::NativeFunction(nf) => match key {
            "__name__" => Some(Value::str(nf.name)),
            "__qualname__" => Some(match nf.owner {
                Some(owner) => Value::string(format!("{owner}.{}", nf.name)),
                None => Value::str(nf.name),
            }),
            "__self__" => Some(nf.bound.clone().unwrap_or(Value::None)),
            "__doc__" => Some(Value::None),
            "__module__" => Some(if nf.owner.is_some() { Value::None } else { Value::str("builtins") }),
            _ => None,
        },
        Payload::BoundMethod(m) => match key {
            "__self__" => Some(m.receiver.clone()),
            "__func__" => Some(m.func.clone()),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                let f = m.func.clone();
                builtin_data_attr(vm, &f, key)
            }
            _ => None,
        },
        Payload::Range(r) => crate::builtins::iterators::range_attr(r, key),
        Payload::Slice(s) => match key {
            "start" => Some(s[0].clone()),
            "stop" => Some(s[1].clone()),
            "step" => Some(s[2].clone()),
            _ => None,
        },
        Payload::Complex(re, im) => match key {
            "real" => Some(Value::Float(*re)),
            "imag" => Some(Value::Float(*im)),
            _ => None,
        },
        Payload::Property(p) => match key {
            "fget" => Some(p.fget.clone()),
            "fset" => Some(p.fset.clone()),
            "fdel" => Some(p.fdel.clone()),
            "__doc__" => Some(p.doc.clone()),
            _ => None,
        },
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => match key {
            "__func__" | "__wrapped__" => Some(f.clone()),
            _ => None,
        },
        Payload::Generator(g) => match key {
            "__name__" => Some(g.borrow(vm).name.clone()),
            "__qualname__" => Some(g.borrow(vm).qualname.clone()),
            _ => None,
        },
        Payload::Code(c) => match key {
            "co_name" => Some(Value::str(&c.name)),
            "co_filename" => Some(Value::str(&c.source.filename)),
            "co_firstlineno" => Some(Value::Int(c.first_line as i64)),
            "co_argcount" => Some(Value::Int(c.argcount as i64)),
            "co_varnames" => Some(Value::tuple(c.varnames.to_vec())),
            _ => None,
        },
        Payload::Cell(c) => match key {
            "cell_contents" => Some(c.borrow(vm).clone()),
            _ => None,
        },
        Payload::Native(_) => crate::builtins::traceback::native_attr(vm, o, key)
            .or_else(|| crate::builtins::generic_alias::native_attr(o, key))
            .or_else(|| crate::builtins::generic_alias::union_attr(o, key))
            .or_else(|| crate::builtins::file::file_attr(vm, o, key)),
        _ => None,
    }
}

fn is_data_descriptor(vm: &mut Vm, d: &Value) -> bool {
    match d.payload() {
        Some(Payload::Property(_)) => true,
        Some(Payload::Instance(inst)) => {
            let class = inst.class.borrow(vm).clone();
            lookup_mro(vm, &class, "__set__").is_some() || lookup_mro(vm, &class, "__delete__").is_some()
        }
        _ => false,
    }
}

/// Applies the descriptor protocol to a class attribute found for `obj`.
pub fn descriptor_get(vm: &mut Vm, d: Value, obj: Value, class: ObjRef) -> PyResult<Value> {
    match d.payload() {
        Some(Payload::Function(_)) => Ok(bound_method(vm, d, obj)),
        // A built-in method binds to a built-in method object (`[].append`), as in CPython.
        Some(Payload::NativeFunction(nf)) if nf.bound.is_none() => {
            Ok(Value::Obj(ObjRef::new(Payload::NativeFunction(NativeFunction {
                name: nf.name,
                func: nf.func,
                bound: Some(obj),
                owner: nf.owner,
            }))))
        }
        Some(Payload::Property(p)) => {
            let fget = p.fget.clone();
            if fget.is_none() {
                return Err(vm.attribute_error("unreadable attribute"));
            }
            vm.call(&fget, Args::new(&[obj]))
        }
        Some(Payload::StaticMethod(f)) => Ok(f.clone()),
        Some(Payload::ClassMethod(f)) => Ok(bound_method(vm, f.clone(), Value::Obj(class))),
        // Native objects may be descriptors too (an embedder's methods bind this way).
        Some(Payload::Instance(_) | Payload::Native(_)) => match lookup_special(vm, &d, "__get__") {
            Some(get) => vm.call(&get, Args::new(&[d.clone(), obj, Value::Obj(class)])),
            None => Ok(d),
        },
        _ => Ok(d),
    }
}

pub fn bound_method(vm: &Vm, func: Value, receiver: Value) -> Value {
    let _ = vm;
    Value::Obj(ObjRef::new(Payload::BoundMethod(BoundMethod { func, receiver })))
}

/// Binds a special method found on the type.
pub fn bind(vm: &mut Vm, f: Value, obj: Value, class: ObjRef) -> PyResult<Value> {
    descriptor_get(vm, f, obj, class)
}

/// The class attribute `name` along the MRO of `class`, unbound.
// Inlined so that a literal name's hash is folded at compile time.
#[inline(always)]
pub fn lookup_mro(vm: &Vm, class: &ObjRef, name: &str) -> Option<Value> {
    lookup_mro_hashed(vm, class, crate::object::str_hash(name.as_bytes()), name)
}

/// [`lookup_mro`] for a name given as a str value, whose hash is cached in it.
fn lookup_mro_name(vm: &Vm, class: &ObjRef, name: &Value, key: &str) -> Option<Value> {
    let hash = match name.payload() {
        Some(Payload::Str(s)) => s.hash(),
        _ => crate::object::str_hash(key.as_bytes()),
    };
    lookup_mro_hashed(vm, class, hash, key)
}

#[inline]
fn lookup_mro_hashed(vm: &Vm, class: &ObjRef, hash: i64, name: &str) -> Option<Value> {
    crate::vm::mro_cache::lookup(vm, class, hash, name)
}

/// A special method looked up on the type of `v` (unbound), as the interpreter does for
/// operators; `None` when the type does not define it. A value of `None` in the class dict (as
/// `__hash__ = None`) is returned as `Some(None)`.
pub fn lookup_special(vm: &Vm, v: &Value, name: &str) -> Option<Value> {
    let class = vm.class_of(v);
    lookup_mro(vm, &class, name)
}

pub fn mro_of(class: &ObjRef) -> Vec<ObjRef> {
    let mut out = vec![class.clone()];
    if let Payload::Class(c) = class.payload() {
        out.extend(c.mro_tail.iter().cloned());
    }
    out
}

pub fn is_subclass(vm: &Vm, class: &ObjRef, base: &ObjRef) -> bool {
    let _ = vm;
    if class.ptr_eq(base) {
        return true;
    }
    match class.payload() {
        Payload::Class(c) => c.mro_tail.iter().any(|b| b.ptr_eq(base)),
        _ => false,
    }
}

pub fn class_name(vm: &Vm, class: &ObjRef) -> String {
    match class.payload() {
        Payload::Class(c) => c.name.borrow(vm).as_str().unwrap_or("?").to_string(),
        _ => "?".to_string(),
    }
}

pub fn class_qualname(vm: &Vm, class: &ObjRef) -> String {
    match class.payload() {
        Payload::Class(c) => c.qualname.borrow(vm).as_str().unwrap_or("?").to_string(),
        _ => "?".to_string(),
    }
}

/// C3 linearisation: the MRO tail (without the class itself) for a class with `bases`.
pub fn compute_mro_tail(vm: &Vm, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|earlier| earlier.ptr_eq(b)) {
            return Err(vm.type_error(format!("duplicate base class {}", class_name(vm, b))));
        }
    }
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(mro_of).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate =
            seqs.iter().map(|s| s[0].clone()).find(|head| !seqs.iter().any(|s| s[1..].iter().any(|c| c.ptr_eq(head))));
        let Some(head) = candidate else {
            let mut heads: Vec<ObjRef> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| h.ptr_eq(&s[0])) {
                    heads.push(s[0].clone());
                }
            }
            let names: Vec<String> = heads.iter().map(|b| class_name(vm, b)).collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

impl Class {
    /// The built-in type whose values instances of this class carry.
    pub fn builtin_base(&self) -> Option<TypeId> {
        self.builtin
    }
}
