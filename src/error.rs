//! [`Error`]: the one error type of the embedding API.

use std::fmt;

use gilpy_interpreter::vm::errors::{exception_summary, format_exception};
use gilpy_interpreter::vm::PyErr;
use gilpy_interpreter::{Value, Vm};

use crate::object::PyObject;

/// A Python exception that reached the host (or one the host raises from a host function).
///
/// It carries the exception's type name, its message, the traceback formatted as CPython prints
/// it, and (when it was raised by a script) the exception object itself. `Display` prints the
/// traceback, so `eprintln!("{err}")` shows what `python3` would.
///
/// ```
/// use gilpy::Engine;
/// let engine = Engine::new();
/// let err = engine.exec("def f():\n    return 1 / 0\nf()").unwrap_err();
/// assert_eq!(err.type_name(), "ZeroDivisionError");
/// assert_eq!(err.message(), "division by zero");
/// assert!(err.is_instance_of("ArithmeticError"));
/// assert!(err.to_string().starts_with("Traceback (most recent call last):"));
/// assert!(err.to_string().contains("in f"));
/// ```
///
/// Returned from a host function, an `Error` made with [`Error::new`] raises that exception in
/// the script:
///
/// ```
/// use gilpy::{Engine, Error};
/// let engine = Engine::new();
/// engine.register_fn("check", |n: i64| if n < 0 { Err(Error::new("ValueError", "negative")) } else { Ok(n) });
/// engine.exec("try:\n    check(-1)\nexcept ValueError as e:\n    caught = str(e)").unwrap();
/// assert_eq!(engine.global::<String>("caught").unwrap(), "negative");
/// let err = engine.exec("check(-1)").unwrap_err();
/// assert_eq!((err.type_name(), err.message()), ("ValueError", "negative"));
/// ```
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone)]
struct Inner {
    type_name: String,
    message: String,
    traceback: String,
    /// Names of the exception's class and its bases, for [`Error::is_instance_of`].
    mro: Vec<String>,
    exception: Option<PyObject>,
    exit_code: Option<i32>,
}

impl Error {
    /// An exception for a host function to raise: `type_name` is a built-in exception class
    /// (`"ValueError"`, `"KeyError"`...); any other name raises `RuntimeError` with the name in
    /// the message.
    pub fn new(type_name: &str, message: impl Into<String>) -> Error {
        Error(Box::new(Inner {
            type_name: type_name.to_string(),
            message: message.into(),
            traceback: String::new(),
            mro: vec![type_name.to_string()],
            exception: None,
            exit_code: None,
        }))
    }

    /// The exception class's name (`"ValueError"`; `"mymodule.MyError"` for a class defined
    /// outside `builtins` and `__main__`).
    pub fn type_name(&self) -> &str {
        &self.0.type_name
    }

    /// `str(exception)`.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The traceback as CPython prints it, ending with the `Type: message` line; empty for an
    /// error made with [`Error::new`].
    pub fn traceback(&self) -> &str {
        &self.0.traceback
    }

    /// The exception object, when a script raised it.
    pub fn exception(&self) -> Option<&PyObject> {
        self.0.exception.as_ref()
    }

    /// Is the exception an instance of the class named `name` (its own class or a base, by
    /// `__name__`)?
    pub fn is_instance_of(&self, name: &str) -> bool {
        self.0.mro.iter().any(|n| n == name)
    }

    /// For `SystemExit`, the exit status the script asked for (`sys.exit(3)` gives 3).
    pub fn exit_code(&self) -> Option<i32> {
        self.0.exit_code
    }

    /// Reads a raised exception (with the GIL held).
    pub fn from_pyerr(vm: &mut Vm, err: &PyErr) -> Error {
        let class = vm.class_of(&err.value());
        let mut mro = Vec::new();
        if let Ok(classes) = vm.get_attr_str(&Value::Obj(class), "__mro__").and_then(|m| vm.iterate(&m)) {
            for c in classes {
                if let Ok(name) = vm.get_attr_str(&c, "__name__") {
                    mro.push(vm.to_str_lossy(&name));
                }
            }
        }
        let summary = exception_summary(vm, err);
        let type_name = summary.split(':').next().unwrap_or_default().to_string();
        let message = vm.str_of(&err.value()).unwrap_or_else(|_| "<exception str() failed>".to_string());
        let exit_code = vm.err_matches(err, "SystemExit").then(|| gilpy_interpreter::handle_uncaught(vm, err).1);
        Error(Box::new(Inner {
            type_name,
            message,
            traceback: format_exception(vm, err),
            mro,
            exception: Some(PyObject::new(vm, err.value())),
            exit_code,
        }))
    }

    /// The Python exception to raise for this error in `vm`'s interpreter: the original object
    /// when it came from that interpreter, else a new one of the same built-in type.
    pub(crate) fn to_pyerr(&self, vm: &mut Vm) -> PyErr {
        if let Some(exc) = &self.0.exception {
            if let (true, Value::Obj(obj)) = (std::sync::Arc::ptr_eq(exc.state(), &vm.interp), exc.value()) {
                return PyErr(obj.clone());
            }
        }
        let builtin = vm.types().exceptions.contains_key(self.0.type_name.as_str());
        if builtin {
            vm.new_exception_msg(&self.0.type_name, &self.0.message)
        } else {
            vm.runtime_error(format!("{}: {}", self.0.type_name, self.0.message))
        }
    }
}

impl fmt::Display for Error {
    /// The formatted traceback (or `Type: message` when there is none).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.traceback.is_empty() {
            if self.0.message.is_empty() {
                write!(f, "{}", self.0.type_name)
            } else {
                write!(f, "{}: {}", self.0.type_name, self.0.message)
            }
        } else {
            write!(f, "{}", self.0.traceback.trim_end())
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("type_name", &self.0.type_name)
            .field("message", &self.0.message)
            .field("traceback", &self.0.traceback)
            .finish()
    }
}

impl std::error::Error for Error {}
