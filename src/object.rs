//! [`PyObject`]: a handle to any Python object that host code may keep, share between threads
//! and use from any of them; and the argument lists of calls from Rust ([`IntoArgs`],
//! [`CallArgs`]).

use std::fmt;
use std::sync::Arc;

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::vm::InterpreterState;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::convert::{FromPy, IntoPy};
use crate::error::Error;

/// A Python object held by the host.
///
/// `Send + Sync + Clone`: cloning and dropping it are atomic reference-count changes that need no
/// lock, so a handle may live anywhere (in a struct, a channel, another thread). Every method
/// that looks inside the object takes the interpreter's GIL for the time of the call (or reuses
/// it when the calling thread already holds it, inside a host function).
///
/// ```
/// use gilpy::{Engine, PyObject};
/// let engine = Engine::new();
/// engine.exec("class Greeter:\n    def hello(self, name):\n        return 'hi ' + name").unwrap();
/// let greeter: PyObject = engine.eval("Greeter()").unwrap();
/// let text: String = greeter.call_method("hello", ("ann",)).unwrap();
/// assert_eq!(text, "hi ann");
/// ```
#[derive(Clone)]
pub struct PyObject {
    value: Value,
    state: Arc<InterpreterState>,
}

impl PyObject {
    pub(crate) fn new(vm: &Vm, value: Value) -> PyObject {
        PyObject { value, state: vm.interp.clone() }
    }

    pub(crate) fn from_parts(state: Arc<InterpreterState>, value: Value) -> PyObject {
        PyObject { value, state }
    }

    pub(crate) fn state(&self) -> &Arc<InterpreterState> {
        &self.state
    }

    /// The raw interpreter value (for code using the interpreter crate's API directly).
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The raw interpreter value, consuming the handle.
    pub fn into_value(mut self) -> Value {
        std::mem::take(&mut self.value)
    }

    /// Runs `f` with the GIL held and this object's value: the escape hatch to the interpreter
    /// crate's full API (`gilpy::interpreter`).
    pub fn with_vm<R>(&self, f: impl FnOnce(&mut Vm, &Value) -> R) -> R {
        crate::gil::with_gil(&self.state, |vm| f(vm, &self.value))
    }

    /// Runs `f` with the GIL held, turning a raised exception into an [`Error`].
    pub(crate) fn enter<R>(&self, f: impl FnOnce(&mut Vm, &Value) -> PyResult<R>) -> Result<R, Error> {
        enter(&self.state, |vm| f(vm, &self.value))
    }

    /// Converts the object to a Rust value.
    pub fn extract<T: FromPy>(&self) -> Result<T, Error> {
        self.enter(|vm, v| T::from_py(vm, v))
    }

    /// `self(*args, **kwargs)`, converting the result.
    pub fn call<R: FromPy>(&self, args: impl IntoArgs) -> Result<R, Error> {
        self.enter(|vm, callable| {
            let result = call_value(vm, callable, args)?;
            R::from_py(vm, &result)
        })
    }

    /// `self.name(*args, **kwargs)`, converting the result.
    pub fn call_method<R: FromPy>(&self, name: &str, args: impl IntoArgs) -> Result<R, Error> {
        self.enter(|vm, obj| {
            let method = vm.get_attr_str(obj, name)?;
            let result = call_value(vm, &method, args)?;
            R::from_py(vm, &result)
        })
    }

    /// `self.name`, converted.
    pub fn getattr<T: FromPy>(&self, name: &str) -> Result<T, Error> {
        self.enter(|vm, obj| {
            let value = vm.get_attr_str(obj, name)?;
            T::from_py(vm, &value)
        })
    }

    /// `self.name = value`.
    pub fn setattr(&self, name: &str, value: impl IntoPy) -> Result<(), Error> {
        self.enter(|vm, obj| {
            let value = value.into_py(vm)?;
            vm.set_attr(obj, &Value::str(name), value)
        })
    }

    /// `self[key]`, converted.
    pub fn get_item<T: FromPy>(&self, key: impl IntoPy) -> Result<T, Error> {
        self.enter(|vm, obj| {
            let key = key.into_py(vm)?;
            let value = vm.get_item(obj, &key)?;
            T::from_py(vm, &value)
        })
    }

    /// `self[key] = value`.
    pub fn set_item(&self, key: impl IntoPy, value: impl IntoPy) -> Result<(), Error> {
        self.enter(|vm, obj| {
            let key = key.into_py(vm)?;
            let value = value.into_py(vm)?;
            vm.set_item(obj, key, value)
        })
    }

    /// `repr(self)`.
    pub fn repr(&self) -> Result<String, Error> {
        self.enter(|vm, obj| vm.repr_of(obj))
    }

    /// `str(self)`.
    pub fn str(&self) -> Result<String, Error> {
        self.enter(|vm, obj| vm.str_of(obj))
    }

    /// `type(self).__name__`.
    pub fn type_name(&self) -> String {
        self.with_vm(|vm, obj| vm.type_name(obj))
    }

    /// `self is None`.
    pub fn is_none(&self) -> bool {
        self.value.is_none()
    }

    /// `self is other`.
    pub fn is(&self, other: &PyObject) -> bool {
        self.value.is(&other.value)
    }
}

impl Drop for PyObject {
    /// The last reference to an object that may run Python code when it dies (an instance, a
    /// generator, a container of them) is released under its interpreter's GIL, not on
    /// whatever host thread drops the handle.
    fn drop(&mut self) {
        let Value::Obj(obj) = &self.value else { return };
        let inert = matches!(
            obj.payload(),
            Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) | Payload::Complex(..) | Payload::Range(_)
        );
        if inert || obj.strong_count() != 1 {
            return;
        }
        crate::gil::release_last_reference(&self.state, std::mem::take(&mut self.value));
    }
}

impl fmt::Debug for PyObject {
    /// The object's kind and address; it does not take the GIL to call `repr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Obj(o) => write!(f, "PyObject({o:?})"),
            other => write!(f, "PyObject({other:?})"),
        }
    }
}

/// Runs `f` holding `state`'s GIL; a raised exception becomes an [`Error`], and what the code
/// printed is flushed to the engine's output.
pub(crate) fn enter<R>(state: &Arc<InterpreterState>, f: impl FnOnce(&mut Vm) -> PyResult<R>) -> Result<R, Error> {
    crate::gil::with_gil(state, |vm| {
        let result = f(vm);
        let result = result.map_err(|err| Error::from_pyerr(vm, &err));
        gilpy_interpreter::flush_std(vm);
        result
    })
}

/// Calls `callable` with arguments converted from Rust.
pub(crate) fn call_value(vm: &mut Vm, callable: &Value, args: impl IntoArgs) -> PyResult<Value> {
    let (items, kwnames) = args.into_args(vm)?;
    let kwnames: Vec<Value> = kwnames.into_iter().map(Value::string).collect();
    vm.call(callable, Args { items: &items, kwnames: &kwnames })
}

/// The arguments of a call from Rust into Python: `()`, a tuple of up to 6 values (positional),
/// a `Vec<T>`, or a [`CallArgs`] (positional and keyword).
pub trait IntoArgs {
    /// The positional values followed by the keyword values, and the keywords' names.
    fn into_args(self, vm: &mut Vm) -> PyResult<(Vec<Value>, Vec<String>)>;
}

impl IntoArgs for () {
    fn into_args(self, _vm: &mut Vm) -> PyResult<(Vec<Value>, Vec<String>)> {
        Ok((vec![], vec![]))
    }
}

impl<T: IntoPy> IntoArgs for Vec<T> {
    fn into_args(self, vm: &mut Vm) -> PyResult<(Vec<Value>, Vec<String>)> {
        let items = self.into_iter().map(|v| v.into_py(vm)).collect::<PyResult<Vec<_>>>()?;
        Ok((items, vec![]))
    }
}

macro_rules! tuple_args {
    ($($name:ident $index:tt),+) => {
        impl<$($name: IntoPy),+> IntoArgs for ($($name,)+) {
            fn into_args(self, vm: &mut Vm) -> PyResult<(Vec<Value>, Vec<String>)> {
                Ok((vec![$(self.$index.into_py(vm)?),+], vec![]))
            }
        }
    };
}

tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);
tuple_args!(A 0, B 1, C 2, D 3, E 4);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5);

type PendingValue = Box<dyn FnOnce(&mut Vm) -> PyResult<Value> + Send>;

/// Positional and keyword arguments built up one by one.
///
/// ```
/// use gilpy::{CallArgs, Engine};
/// let engine = Engine::new();
/// engine.exec("def greet(name, punct='.'):\n    return 'hello ' + name + punct").unwrap();
/// let args = CallArgs::new().arg("ann").kwarg("punct", "!");
/// assert_eq!(engine.call::<String>("greet", args).unwrap(), "hello ann!");
/// ```
#[derive(Default)]
pub struct CallArgs {
    positional: Vec<PendingValue>,
    keywords: Vec<(String, PendingValue)>,
}

impl CallArgs {
    /// No arguments yet.
    pub fn new() -> CallArgs {
        CallArgs::default()
    }

    /// Appends a positional argument.
    pub fn arg(mut self, value: impl IntoPy + Send + 'static) -> CallArgs {
        self.positional.push(Box::new(move |vm| value.into_py(vm)));
        self
    }

    /// Adds the keyword argument `name=value`.
    pub fn kwarg(mut self, name: &str, value: impl IntoPy + Send + 'static) -> CallArgs {
        self.keywords.push((name.to_string(), Box::new(move |vm| value.into_py(vm))));
        self
    }
}

impl IntoArgs for CallArgs {
    fn into_args(self, vm: &mut Vm) -> PyResult<(Vec<Value>, Vec<String>)> {
        let mut items = Vec::with_capacity(self.positional.len() + self.keywords.len());
        for make in self.positional {
            items.push(make(vm)?);
        }
        let mut names = Vec::with_capacity(self.keywords.len());
        for (name, make) in self.keywords {
            items.push(make(vm)?);
            names.push(name);
        }
        Ok((items, names))
    }
}
