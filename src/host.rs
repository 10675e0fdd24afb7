//! Host functions: Rust closures callable from Python, with their arguments converted by
//! [`FromPy`] and their results by [`IntoPy`].
//!
//! A host function is a `Payload::Native` object of the per-interpreter class `rust_function`
//! (in the hidden module `_gilpy_embed`), whose `__call__` runs the closure through one
//! trampoline. The trampoline marks the thread as holding the GIL (so the closure may call back
//! into the engine), catches panics (they become `SystemError`), turns the closure's error into
//! a Python exception with the Rust error chain as `__cause__`, and adds a traceback frame
//! `File "<rust:crate::name>", in name` for the host function.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use gilpy_interpreter::builtins::types::{make_class, TypeId};
use gilpy_interpreter::bytecode::CodeObject;
use gilpy_interpreter::object::{NativeFn, ObjRef, Payload, Property};
use gilpy_interpreter::vm::{PyErr, TracebackEntry};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::convert::{FromPy, IntoPy};
use crate::error::Error;
use crate::gil::HeldGuard;

/// Any error a host function may return: anything that converts into a boxed error
/// (`std::io::Error`, `String`, `&str`, [`Error`], `anyhow::Error`...).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a host function did not return a value.
pub enum HostFailure {
    /// A Python exception (an argument did not convert, or Python code called back raised).
    Py(PyErr),
    /// The closure returned an error.
    Host(BoxError),
}

impl From<PyErr> for HostFailure {
    fn from(err: PyErr) -> HostFailure {
        HostFailure::Py(err)
    }
}

/// What a host closure may return: any [`IntoPy`] value, or a `Result` of one whose error
/// becomes a Python exception.
pub trait IntoHostResult {
    /// Converts the closure's result (with the GIL held).
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, HostFailure>;
}

impl<T: IntoPy> IntoHostResult for T {
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, HostFailure> {
        Ok(self.into_py(vm)?)
    }
}

impl<T: IntoPy, E: Into<BoxError>> IntoHostResult for Result<T, E> {
    fn into_host_result(self, vm: &mut Vm) -> Result<Value, HostFailure> {
        match self {
            Ok(v) => Ok(v.into_py(vm)?),
            Err(e) => Err(HostFailure::Host(e.into())),
        }
    }
}

/// A Rust closure or function with typed parameters, callable from Python: implemented for every
/// `Fn(A1, ..., An) -> Out` (n up to 8) whose parameters are [`FromPy`]. `Args` is the tuple of
/// parameter types (inferred; never written out).
pub trait HostFn<Args, Out>: Send + Sync + 'static {
    /// How many positional arguments the function takes.
    const ARITY: usize;

    /// Converts `args` (exactly [`HostFn::ARITY`] values) and calls the function; `name` is
    /// for error messages.
    fn call_converted(&self, vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Out>;
}

/// Converts argument `index` of host function `name`, naming the argument in the error.
fn convert_arg<A: FromPy>(vm: &mut Vm, name: &str, index: usize, value: &Value) -> PyResult<A> {
    A::from_py(vm, value).map_err(|err| {
        let class = vm.class_of(&err.value());
        let message = vm.str_of(&err.value()).unwrap_or_default();
        vm.new_exception(class, vec![Value::string(format!("{name}() argument {}: {message}", index + 1))])
    })
}

macro_rules! host_fn_impls {
    ($count:literal $(, $A:ident $a:ident)*) => {
        impl<F, Out, $($A: FromPy),*> HostFn<($($A,)*), Out> for F
        where
            F: Fn($($A),*) -> Out + Send + Sync + 'static,
        {
            const ARITY: usize = $count;

            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn call_converted(&self, vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Out> {
                let mut index = 0;
                $(
                    let $a: $A = convert_arg(vm, name, index, &args[index])?;
                    index += 1;
                )*
                Ok((self)($($a),*))
            }
        }
    };
}

host_fn_impls!(0);
host_fn_impls!(1, A a);
host_fn_impls!(2, A a, B b);
host_fn_impls!(3, A a, B b, C c);
host_fn_impls!(4, A a, B b, C c, D d);
host_fn_impls!(5, A a, B b, C c, D d, E e);
host_fn_impls!(6, A a, B b, C c, D d, E e, G g);
host_fn_impls!(7, A a, B b, C c, D d, E e, G g, H h);
host_fn_impls!(8, A a, B b, C c, D d, E e, G g, H h, I i);

/// The arguments of a raw host function (see [`Engine::register_raw_fn`](crate::Engine::register_raw_fn)):
/// positional and keyword, unconverted.
pub struct RawArgs {
    /// The positional arguments.
    pub positional: Vec<crate::PyObject>,
    /// The keyword arguments, in call order.
    pub keywords: Vec<(String, crate::PyObject)>,
}

impl RawArgs {
    /// Positional argument `index`, converted; `TypeError` if it is missing.
    pub fn arg<T: FromPy>(&self, index: usize) -> Result<T, Error> {
        match self.positional.get(index) {
            Some(obj) => obj.extract(),
            None => Err(Error::new("TypeError", format!("missing positional argument {}", index + 1))),
        }
    }

    /// Keyword argument `name`, converted, if it was given.
    pub fn kwarg<T: FromPy>(&self, name: &str) -> Option<Result<T, Error>> {
        self.keywords.iter().find(|(k, _)| k == name).map(|(_, v)| v.extract())
    }
}

/// Erases a raw host function.
pub(crate) fn erase_raw_fn<Out, F>(f: F) -> ErasedFn
where
    F: Fn(RawArgs) -> Out + Send + Sync + 'static,
    Out: IntoHostResult,
{
    Arc::new(move |vm: &mut Vm, args: Args<'_>| {
        let positional =
            args.positional().iter().map(|v| crate::PyObject::from_parts(vm.interp.clone(), v.clone())).collect();
        let keywords = args
            .keywords()
            .map(|(k, v)| (k.to_string(), crate::PyObject::from_parts(vm.interp.clone(), v.clone())))
            .collect();
        f(RawArgs { positional, keywords }).into_host_result(vm)
    })
}

/// The type-erased body of a host function: gets the call's arguments (for a method, `self`
/// first), returns the result.
pub(crate) type ErasedFn = Arc<dyn Fn(&mut Vm, Args<'_>) -> Result<Value, HostFailure> + Send + Sync>;

/// The data of a `rust_function` object.
pub(crate) struct HostFunction {
    name: String,
    /// The traceback frame shown for this function (`File "<rust:...>", in name`).
    frame: Option<Arc<CodeObject>>,
    body: ErasedFn,
}

/// Checks a typed host function's argument count (no keywords).
fn check_arity(vm: &Vm, name: &str, args: &Args<'_>, arity: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let given = args.items.len();
    if given != arity {
        let plural = if arity == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name}() takes exactly {arity} argument{plural} ({given} given)")));
    }
    Ok(())
}

/// Erases a typed host function.
pub(crate) fn erase_fn<M, Out, F>(name: &str, f: F) -> ErasedFn
where
    F: HostFn<M, Out>,
    Out: IntoHostResult,
{
    let name = name.to_string();
    Arc::new(move |vm: &mut Vm, args: Args<'_>| {
        check_arity(vm, &name, &args, F::ARITY)?;
        let out = f.call_converted(vm, &name, args.items)?;
        out.into_host_result(vm)
    })
}

/// `<rust:my_app::fetch>`: the host function's Rust path when it is a plain `fn`, else the
/// crate the closure was written in and the registered name.
pub(crate) fn rust_path<F>(name: &str) -> String {
    let full = std::any::type_name::<F>();
    if full.contains("{{closure}}") || full.contains('<') || full.contains(' ') {
        let krate = full.split("::").next().unwrap_or("host");
        format!("{krate}::{name}")
    } else {
        full.to_string()
    }
}

fn traceback_frame(name: &str, path: &str) -> Option<Arc<CodeObject>> {
    let filename = format!("<rust:{path}>");
    let mut code =
        gilpy_interpreter::compile::compile_source("", &filename, gilpy_interpreter::compile::Mode::Exec).ok()?;
    code.name = name.to_string();
    code.qualname = name.to_string();
    // Line 0: no Python source; the traceback printer shows the frame without a line.
    code.first_line = 0;
    Some(Arc::new(code))
}

/// Makes a host function object for `vm`'s interpreter.
pub(crate) fn new_host_function(vm: &mut Vm, name: &str, path: &str, body: ErasedFn) -> Value {
    let class = embed_class(vm, "rust_function");
    let data = HostFunction { name: name.to_string(), frame: traceback_frame(name, path), body };
    Value::Obj(ObjRef::new(Payload::Native(gilpy_interpreter::object::Native { class, data: Box::new(data) })))
}

// ----- the trampoline -----

fn host_function_of<'a>(vm: &Vm, value: &'a Value) -> PyResult<&'a HostFunction> {
    match value.payload() {
        Some(Payload::Native(native)) => native.downcast::<HostFunction>(),
        _ => None,
    }
    .ok_or_else(|| vm.type_error("descriptor requires a 'rust_function' object"))
}

/// `rust_function.__call__(self, *args, **kwargs)`.
fn rust_function_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.items.first() else {
        return Err(vm.type_error("rust_function.__call__() needs an argument"));
    };
    let function = host_function_of(vm, this)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let guard = HeldGuard::push(vm.interp.clone());
    let outcome = catch_unwind(AssertUnwindSafe(|| (function.body)(vm, rest)));
    drop(guard);
    let err = match outcome {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(HostFailure::Py(err))) => err,
        Ok(Err(HostFailure::Host(error))) => host_error_to_pyerr(vm, error),
        Err(panic) => {
            let message = panic_message(&*panic);
            vm.new_exception_msg("SystemError", &format!("host function {}() panicked: {message}", function.name))
        }
    };
    if let (Some(frame), Some(mut data)) = (&function.frame, err.data_mut(vm)) {
        data.traceback.push(TracebackEntry { code: frame.clone(), pc: u32::MAX, frame_id: 0 });
    }
    Err(err)
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}

/// A host function's error as a Python exception: a gilpy [`Error`] raises its exception, an
/// `io::Error` an `OSError`, anything else a `RuntimeError`; the error's `source()` chain becomes
/// the chain of `__cause__`s.
pub(crate) fn host_error_to_pyerr(vm: &mut Vm, error: BoxError) -> PyErr {
    if let Some(err) = error.downcast_ref::<Error>() {
        return err.to_pyerr(vm);
    }
    let top = match error.downcast_ref::<std::io::Error>() {
        Some(io) => match io.raw_os_error() {
            Some(errno) => {
                // Calling `OSError(errno, text)` picks the subclass (`FileNotFoundError`...).
                let class = Value::Obj(vm.exc_class("OSError"));
                let text = io.to_string();
                let text = text.split(" (os error").next().unwrap_or_default().to_string();
                match vm.call(&class, Args::new(&[Value::Int(errno as i64), Value::string(text)])) {
                    Ok(Value::Obj(exc)) => PyErr(exc),
                    Ok(_) => vm.new_exception_msg("OSError", &io.to_string()),
                    Err(err) => err,
                }
            }
            None => vm.new_exception_msg("OSError", &io.to_string()),
        },
        None => vm.runtime_error(error.to_string()),
    };
    let mut current = top.clone();
    let mut source = error.source();
    while let Some(cause_error) = source {
        let cause = vm.runtime_error(cause_error.to_string());
        if let Some(mut data) = current.data_mut(vm) {
            data.cause = cause.value();
            data.suppress_context = true;
        }
        current = cause;
        source = cause_error.source();
    }
    top
}

/// `rust_function.__get__(self, obj, cls)`: a host function stored in a class binds like a
/// Python function.
fn rust_function_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items.first().cloned().unwrap_or(Value::None);
    match args.items.get(1) {
        None | Some(Value::None) => Ok(this),
        Some(obj) => Ok(gilpy_interpreter::vm::attr::bound_method(vm, this, obj.clone())),
    }
}

fn rust_function_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items.first().cloned().unwrap_or(Value::None);
    let name = host_function_of(vm, &this)?.name.clone();
    Ok(Value::string(format!("<rust function {name}>")))
}

fn rust_function_name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items.first().cloned().unwrap_or(Value::None);
    Ok(Value::string(host_function_of(vm, &this)?.name.clone()))
}

// ----- the `_gilpy_embed` module: per-interpreter classes and registry -----

const EMBED_MODULE: &str = "_gilpy_embed";

/// The hidden module holding this interpreter's `rust_function` class and the registry of host
/// classes (by Rust type), made on first use.
fn embed_module_dict(vm: &mut Vm) -> ObjRef {
    let modules = vm.interp.modules.clone();
    if let Some(Value::Obj(module)) = vm.dict_get_str_value(&modules, &Value::str(EMBED_MODULE)) {
        if let Some(dict) = vm.module_dict(&module) {
            return dict;
        }
    }
    let module = vm.new_module(EMBED_MODULE);
    let dict = vm.module_dict(&module).expect("a new module has a dict");
    let object = vm.types().get(TypeId::Object).clone();
    let methods: &[(&'static str, NativeFn)] =
        &[("__call__", rust_function_call), ("__get__", rust_function_get), ("__repr__", rust_function_repr)];
    let class = make_class("rust_function", Some(object), None, true, methods);
    let name_getter = Value::Obj(ObjRef::new(Payload::NativeFunction(gilpy_interpreter::object::NativeFunction {
        name: "__name__",
        func: rust_function_name,
        bound: None,
        owner: None,
    })));
    let property = Property { fget: name_getter, fset: Value::None, fdel: Value::None, doc: Value::None };
    if let Payload::Class(c) = class.payload() {
        c.dict.borrow_mut(vm).set_str("__name__", Value::Obj(ObjRef::new(Payload::Property(property))));
    }
    vm.dict_set_str_value(&dict, Value::str("rust_function"), Value::Obj(class));
    let registry = vm.new_dict();
    vm.dict_set_str_value(&dict, Value::str("host_classes"), Value::Obj(registry));
    vm.dict_set_str_value(&modules, Value::str(EMBED_MODULE), Value::Obj(module));
    dict
}

fn embed_class(vm: &mut Vm, name: &str) -> ObjRef {
    let dict = embed_module_dict(vm);
    match vm.dict_get_str_value(&dict, &Value::str(name)) {
        Some(Value::Obj(class)) => class,
        _ => vm.types().get(TypeId::Object).clone(),
    }
}

/// The registry of host classes: a dict from the Rust type's key to the class.
pub(crate) fn host_class_registry(vm: &mut Vm) -> ObjRef {
    let dict = embed_module_dict(vm);
    match vm.dict_get_str_value(&dict, &Value::str("host_classes")) {
        Some(Value::Obj(registry)) => registry,
        _ => vm.new_dict(),
    }
}
