//! Host types exposed as Python classes ([`Class`]), host values handed to Python ([`Host`]),
//! and native modules ([`Module`]).
//!
//! # Ownership
//! A Python instance of a host class *owns* its Rust value (`T` lives inside the Python object,
//! behind the interpreter's GIL). Methods and property getters borrow it for the time of the
//! call (`&mut T` / `&T`); the host reads it back with [`PyObject::with_host`] (a borrow, with the
//! GIL held) or [`PyObject::host_clone`] (a copy). To share state that outlives the object or is
//! touched by host threads without the GIL, make `T` a handle (`Arc<Mutex<...>>`).
//!
//! A borrow is exclusive: a method that (through a host function calling back into Python)
//! reaches the same object again gets a `RuntimeError`, never two `&mut T`.

use std::any::TypeId as RustTypeId;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

use gilpy_interpreter::builtins::types::{make_class, TypeId};
use gilpy_interpreter::object::{GilCell, Native, ObjRef, Payload, Property};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::convert::{FromPy, IntoPy};
use crate::error::Error;
use crate::host::{erase_fn, new_host_function, rust_path, ErasedFn, HostFailure, HostFn, IntoHostResult};
use crate::object::PyObject;

/// The data of a host class instance.
struct HostCell<T>(GilCell<T>);

/// A method of a host class: a closure taking `&mut T` then up to 6 [`FromPy`] arguments.
pub trait HostMethod<T, Args, Out>: Send + Sync + 'static {
    /// How many arguments after `self`.
    const ARITY: usize;

    /// Converts `args`, borrows the instance's value and calls.
    fn call_method(&self, vm: &mut Vm, name: &str, this: &Value, args: &[Value]) -> PyResult<Out>;
}

/// Borrows the `T` inside `this` mutably for `f`.
fn with_cell<T: 'static, R>(vm: &mut Vm, this: &Value, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
    let cell = match this.payload() {
        Some(Payload::Native(native)) => native.downcast::<HostCell<T>>(),
        _ => None,
    };
    let Some(cell) = cell else {
        return Err(vm.type_error(format!(
            "expected a '{}' object, got '{}'",
            short_type_name::<T>(),
            vm.type_name(this)
        )));
    };
    let Some(mut value) = cell.0.try_borrow_mut(vm) else {
        return Err(vm.runtime_error(format!("'{}' object is already in use", vm.type_name(this))));
    };
    Ok(f(&mut value))
}

fn short_type_name<T>() -> &'static str {
    std::any::type_name::<T>().rsplit("::").next().unwrap_or("?")
}

macro_rules! host_method_impls {
    ($count:literal $(, $A:ident $a:ident)*) => {
        impl<T: 'static, F, Out, $($A: FromPy),*> HostMethod<T, ($($A,)*), Out> for F
        where
            F: Fn(&mut T, $($A),*) -> Out + Send + Sync + 'static,
        {
            const ARITY: usize = $count;

            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn call_method(&self, vm: &mut Vm, name: &str, this: &Value, args: &[Value]) -> PyResult<Out> {
                let mut index = 0;
                $(
                    let $a: $A = $A::from_py(vm, &args[index])?;
                    index += 1;
                )*
                with_cell(vm, this, |value: &mut T| (self)(value, $($a),*))
            }
        }
    };
}

host_method_impls!(0);
host_method_impls!(1, A a);
host_method_impls!(2, A a, B b);
host_method_impls!(3, A a, B b, C c);
host_method_impls!(4, A a, B b, C c, D d);
host_method_impls!(5, A a, B b, C c, D d, E e);
host_method_impls!(6, A a, B b, C c, D d, E e, G g);

type Constructor<T> = Arc<dyn Fn(&mut Vm, &[Value]) -> Result<T, HostFailure> + Send + Sync>;

/// A Rust type `T` exposed to Python as a class: a constructor, methods, and properties.
///
/// ```
/// use gilpy::{Class, Engine};
///
/// #[derive(Clone)]
/// struct Counter { value: i64 }
///
/// let engine = Engine::new();
/// engine.register_class(
///     Class::<Counter>::new("Counter")
///         .constructor(|start: i64| Counter { value: start })
///         .method("increment", |c: &mut Counter, by: i64| { c.value += by; c.value })
///         .getter("value", |c: &Counter| c.value)
///         .setter("value", |c: &mut Counter, v: i64| c.value = v),
/// ).unwrap();
/// let counter: gilpy::PyObject = engine.eval("Counter(10)").unwrap();
/// engine.set_global("c", &counter).unwrap();
/// engine.exec("c.increment(5)\nc.value = c.value * 2").unwrap();
/// assert_eq!(counter.host_clone::<Counter>().unwrap().value, 30);
/// ```
pub struct Class<T> {
    name: String,
    constructor: Option<(usize, Constructor<T>)>,
    methods: Vec<(String, ErasedFn)>,
    properties: Vec<(String, Option<ErasedFn>, Option<ErasedFn>)>,
    _type: PhantomData<fn() -> T>,
}

impl<T: Send + 'static> Class<T> {
    /// A class named `name`, with no constructor yet (Python code cannot make instances; the
    /// host can, with [`Host`]).
    pub fn new(name: &str) -> Class<T> {
        Class { name: name.to_string(), constructor: None, methods: vec![], properties: vec![], _type: PhantomData }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// `Name(args...)` runs `f` with the converted arguments.
    pub fn constructor<M, F: HostFn<M, T>>(mut self, f: F) -> Self {
        let name = self.name.clone();
        let make: Constructor<T> = Arc::new(move |vm: &mut Vm, args: &[Value]| Ok(f.call_converted(vm, &name, args)?));
        self.constructor = Some((F::ARITY, make));
        self
    }

    /// Like [`Class::constructor`], for a constructor that can fail (its error is raised).
    pub fn try_constructor<M, E: Into<crate::host::BoxError>, F: HostFn<M, Result<T, E>>>(mut self, f: F) -> Self {
        let name = self.name.clone();
        let make: Constructor<T> = Arc::new(move |vm: &mut Vm, args: &[Value]| {
            f.call_converted(vm, &name, args)?.map_err(|e| HostFailure::Host(e.into()))
        });
        self.constructor = Some((F::ARITY, make));
        self
    }

    /// A method: `f` gets `&mut T` and the converted arguments.
    pub fn method<M, Out: IntoHostResult, F: HostMethod<T, M, Out>>(mut self, name: &str, f: F) -> Self {
        let label = format!("{}.{name}", self.name);
        let body: ErasedFn = Arc::new(move |vm: &mut Vm, args: Args<'_>| {
            check_args(vm, &label, &args, F::ARITY + 1)?;
            let out = f.call_method(vm, &label, &args.items[0], &args.items[1..])?;
            out.into_host_result(vm)
        });
        self.methods.push((name.to_string(), body));
        self
    }

    /// A read-only property (or the read half of one; see [`Class::setter`]).
    pub fn getter<R: IntoPy, F: Fn(&T) -> R + Send + Sync + 'static>(mut self, name: &str, f: F) -> Self {
        let label = format!("{}.{name}", self.name);
        let getter: ErasedFn = Arc::new(move |vm: &mut Vm, args: Args<'_>| {
            check_args(vm, &label, &args, 1)?;
            let r = with_cell(vm, &args.items[0], |t: &mut T| f(t))?;
            Ok(r.into_py(vm)?)
        });
        self.property_slot(name).1 = Some(getter);
        self
    }

    /// The write half of a property: `obj.name = value` calls `f`.
    pub fn setter<V: FromPy, F: Fn(&mut T, V) + Send + Sync + 'static>(mut self, name: &str, f: F) -> Self {
        let label = format!("{}.{name}", self.name);
        let setter: ErasedFn = Arc::new(move |vm: &mut Vm, args: Args<'_>| {
            check_args(vm, &label, &args, 2)?;
            let v = V::from_py(vm, &args.items[1])?;
            with_cell(vm, &args.items[0], |t: &mut T| f(t, v))?;
            Ok(Value::None)
        });
        self.property_slot(name).2 = Some(setter);
        self
    }

    fn property_slot(&mut self, name: &str) -> &mut (String, Option<ErasedFn>, Option<ErasedFn>) {
        let index = match self.properties.iter().position(|(n, _, _)| n == name) {
            Some(i) => i,
            None => {
                self.properties.push((name.to_string(), None, None));
                self.properties.len() - 1
            }
        };
        &mut self.properties[index]
    }

    /// Makes the class in `vm`'s interpreter, as an attribute of module `module`, and records
    /// it as the class of `T` there.
    pub(crate) fn install(self, vm: &mut Vm, module: &str) -> PyResult<ObjRef> {
        let object = vm.types().get(TypeId::Object).clone();
        let class = make_class("host class", Some(object), None, true, &[]);
        let Payload::Class(c) = class.payload() else { unreachable!("make_class makes a class") };
        *c.name.borrow_mut(vm) = Value::str(&self.name);
        *c.qualname.borrow_mut(vm) = Value::str(&self.name);
        let path = rust_path::<T>(&self.name);
        let mut entries: Vec<(String, Value)> = vec![("__module__".into(), Value::str(module))];
        let new = self.new_function(vm, &path);
        entries.push(("__new__".into(), Value::Obj(ObjRef::new(Payload::StaticMethod(new)))));
        for (name, body) in self.methods {
            let f = new_host_function(vm, &name, &format!("{path}::{name}"), body);
            entries.push((name, f));
        }
        for (name, getter, setter) in self.properties {
            let fget = getter.map(|g| new_host_function(vm, &name, &path, g)).unwrap_or(Value::None);
            let fset = setter.map(|s| new_host_function(vm, &name, &path, s)).unwrap_or(Value::None);
            let property = Property { fget, fset, fdel: Value::None, doc: Value::None };
            entries.push((name, Value::Obj(ObjRef::new(Payload::Property(property)))));
        }
        {
            let mut dict = c.dict.borrow_mut(vm);
            for (name, value) in entries {
                dict.set_str(&name, value);
            }
        }
        let registry = crate::host::host_class_registry(vm);
        vm.dict_set(&registry, type_key::<T>(), Value::Obj(class.clone()))?;
        Ok(class)
    }

    /// `__new__(cls, *args)`: runs the constructor and wraps the value.
    fn new_function(&self, vm: &mut Vm, path: &str) -> Value {
        let name = self.name.clone();
        let constructor = self.constructor.clone();
        let body: ErasedFn = Arc::new(move |vm: &mut Vm, args: Args<'_>| {
            let Some((arity, make)) = &constructor else {
                return Err(vm.type_error(format!("cannot create '{name}' instances")).into());
            };
            check_args(vm, &name, &args, arity + 1)?;
            let Some(Value::Obj(cls)) = args.items.first() else {
                return Err(vm.type_error("__new__ needs a class").into());
            };
            let value = make(vm, &args.items[1..])?;
            Ok(wrap(cls.clone(), value))
        });
        new_host_function(vm, &self.name, path, body)
    }
}

fn check_args(vm: &Vm, name: &str, args: &Args<'_>, with_self: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let given = args.items.len().saturating_sub(1);
    let expected = with_self - 1;
    if given != expected {
        let plural = if expected == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name}() takes exactly {expected} argument{plural} ({given} given)")));
    }
    Ok(())
}

fn wrap<T: Send + 'static>(class: ObjRef, value: T) -> Value {
    let data = HostCell(GilCell::new(value));
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) })))
}

/// The registry key of Rust type `T`.
fn type_key<T: 'static>() -> Value {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    RustTypeId::of::<T>().hash(&mut hasher);
    Value::Int((hasher.finish() >> 1) as i64)
}

/// A host value to hand to Python as an instance of its registered [`Class`] (from a host
/// function's result, [`Engine::set_global`](crate::Engine::set_global), call arguments...).
/// Converting it fails with `TypeError` if no class was registered for `T`.
///
/// ```
/// use gilpy::{Class, Engine, Host};
/// struct Point { x: f64, y: f64 }
/// let engine = Engine::new();
/// engine.register_class(Class::<Point>::new("Point").getter("x", |p: &Point| p.x)).unwrap();
/// engine.register_fn("origin", || Host(Point { x: 0.0, y: 0.0 }));
/// assert_eq!(engine.eval::<f64>("origin().x").unwrap(), 0.0);
/// ```
pub struct Host<T>(pub T);

impl<T: Send + 'static> IntoPy for Host<T> {
    fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
        let registry = crate::host::host_class_registry(vm);
        match vm.dict_get(&registry, &type_key::<T>())? {
            Some(Value::Obj(class)) => Ok(wrap(class, self.0)),
            _ => Err(vm.type_error(format!("no Python class is registered for '{}'", std::any::type_name::<T>()))),
        }
    }
}

impl PyObject {
    /// Borrows the Rust value inside an instance of a host class (with the GIL held).
    pub fn with_host<T: 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> Result<R, Error> {
        self.enter(|vm, value| with_cell(vm, value, f))
    }

    /// A copy of the Rust value inside an instance of a host class.
    pub fn host_clone<T: Clone + 'static>(&self) -> Result<T, Error> {
        self.with_host(|t: &mut T| t.clone())
    }
}

type Installer = Box<dyn FnOnce(&mut Vm, &str) -> PyResult<Value> + Send>;

/// A native module made by the host: functions, classes and values, imported by name.
///
/// ```
/// use gilpy::{Engine, Module};
/// let engine = Engine::new();
/// engine.register_module(
///     Module::new("geometry")
///         .function("area", |w: f64, h: f64| w * h)
///         .value("UNIT", "cm"),
/// ).unwrap();
/// let text: String = engine.eval("__import__('geometry').UNIT").unwrap();
/// assert_eq!(text, "cm");
/// engine.exec("from geometry import area\nassert area(2, 3) == 6").unwrap();
/// ```
pub struct Module {
    name: String,
    items: Vec<(String, Installer)>,
}

impl Module {
    /// An empty module named `name` (dotted names make submodules of existing packages).
    pub fn new(name: &str) -> Module {
        Module { name: name.to_string(), items: vec![] }
    }

    /// Adds a host function (see [`Engine::register_fn`](crate::Engine::register_fn)).
    pub fn function<M, Out: IntoHostResult, F: HostFn<M, Out>>(mut self, name: &str, f: F) -> Self {
        let path = rust_path::<F>(name);
        let body = erase_fn(name, f);
        let fname = name.to_string();
        self.items.push((name.to_string(), Box::new(move |vm, _| Ok(new_host_function(vm, &fname, &path, body)))));
        self
    }

    /// Adds a host class.
    pub fn class<T: Send + 'static>(mut self, class: Class<T>) -> Self {
        let name = class.name.clone();
        self.items.push((name, Box::new(move |vm, module| class.install(vm, module).map(Value::Obj))));
        self
    }

    /// Adds a constant.
    pub fn value(mut self, name: &str, value: impl IntoPy + Send + 'static) -> Self {
        self.items.push((name.to_string(), Box::new(move |vm, _| value.into_py(vm))));
        self
    }

    /// Makes the module in `vm`'s interpreter and puts it in `sys.modules`.
    pub(crate) fn install(self, vm: &mut Vm) -> PyResult<()> {
        let module = vm.new_module(&self.name);
        let dict = vm.module_dict(&module).expect("a new module has a dict");
        for (name, install) in self.items {
            let value = install(vm, &self.name)?;
            vm.dict_set_str_value(&dict, Value::string(name), value);
        }
        let modules = vm.interp.modules.clone();
        vm.dict_set_str_value(&modules, Value::str(&self.name), Value::Obj(module.clone()));
        // A submodule is also an attribute of its (already imported) parent.
        if let Some((parent, child)) = self.name.rsplit_once('.') {
            if let Some(parent) = vm.dict_get_str_value(&modules, &Value::str(parent)) {
                vm.set_attr(&parent, &Value::str(child), Value::Obj(module))?;
            }
        }
        Ok(())
    }
}
