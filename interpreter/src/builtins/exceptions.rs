//! The exception hierarchy and `BaseException`'s methods.

use crate::object::{NativeFn, Payload};
use crate::value::Value;
use crate::vm::errors::exception_data;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

/// Every built-in exception below `BaseException`, with its base, parents first.
pub const HIERARCHY: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    // gilpy's own: an exceeded resource limit (`limits.rs`). Not in `builtins`, as CPython has
    // no such name; `except Exception` cannot catch it.
    ("ResourceLimitExceeded", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

impl Vm {
    /// What `raise X` raises: an instance, or a class instantiated with no arguments.
    pub fn make_raisable(&mut self, exc: &Value, cause: Option<Value>) -> PyResult<PyErr> {
        let base_exc = self.exc_class("BaseException");
        let err = match exc.payload() {
            Some(Payload::Class(_)) if crate::vm::attr::is_subclass(self, exc.as_obj().expect("class"), &base_exc) => {
                let v = self.call(exc, Args::new(&[]))?;
                match v.as_obj() {
                    Some(o) if exception_data(o).is_some() => PyErr(o.clone()),
                    _ => {
                        let r = self.repr_of(exc)?;
                        return Err(self.type_error(format!(
                            "calling {r} should have returned an instance of BaseException, not {}",
                            self.type_name(&v)
                        )));
                    }
                }
            }
            Some(Payload::Instance(_)) if exception_data(exc.as_obj().expect("obj")).is_some() => {
                PyErr(exc.as_obj().expect("obj").clone())
            }
            _ => return Err(self.type_error("exceptions must derive from BaseException")),
        };
        if let Some(cause) = cause {
            let cause = match cause.payload() {
                Some(Payload::Class(_)) => self.make_raisable(&cause, None)?.value(),
                Some(Payload::Instance(_)) if exception_data(cause.as_obj().expect("obj")).is_some() => cause,
                _ if cause.is_none() => Value::None,
                _ => return Err(self.type_error("exception causes must derive from BaseException")),
            };
            if let Some(mut d) = err.data_mut(self) {
                d.cause = cause;
                d.suppress_context = true;
            }
        }
        Ok(err)
    }

    /// `except E:` matching: E is an exception class or a tuple of them.
    pub fn exception_matches(&mut self, exc: &Value, class: &Value) -> PyResult<bool> {
        let exc_class = self.class_of(exc);
        match class.payload() {
            Some(Payload::Tuple(items)) => {
                for c in items.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Some(Payload::Class(c)) if c.flags.is_exception => {
                Ok(crate::vm::attr::is_subclass(self, &exc_class, class.as_obj().expect("class")))
            }
            _ => Err(self.type_error("catching classes that do not inherit from BaseException is not allowed")),
        }
    }
}

fn exc_args(vm: &Vm, v: &Value) -> Vec<Value> {
    v.as_obj()
        .and_then(exception_data)
        .map(|d| match d.borrow(vm).args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![],
        })
        .unwrap_or_default()
}

fn exc_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if let Some(d) = args.items[0].as_obj().and_then(exception_data) {
        d.borrow_mut(vm).args = Value::tuple(args.positional()[1..].to_vec());
    }
    Ok(Value::None)
}

/// Stores an `ImportError`'s `msg`, `name` and `path` (also used for errors the import system
/// raises, which skip `__init__`).
pub fn set_import_error_attrs(vm: &Vm, exc: &Value, msg: Value, name: Value, path: Value) {
    if let Some(Payload::Instance(inst)) = exc.payload() {
        vm.dict_set_str_value(&inst.dict, Value::str("msg"), msg);
        vm.dict_set_str_value(&inst.dict, Value::str("name"), name);
        vm.dict_set_str_value(&inst.dict, Value::str("path"), path);
    }
}

fn exc_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = &args.items[0];
    let items = exc_args(vm, this);
    let is_key_error = vm.isinstance(this, &vm.exc_class("KeyError"));
    if vm.isinstance(this, &vm.exc_class("SyntaxError")) {
        return syntax_error_str(vm, this, &items);
    }
    Ok(Value::string(match items.len() {
        0 => String::new(),
        1 if is_key_error => vm.repr_of(&items[0])?,
        1 => vm.str_of(&items[0])?,
        _ => vm.repr_of(&Value::tuple(items))?,
    }))
}

/// `str(SyntaxError)`: `msg (file, line N)` like CPython, or just `msg` without a location.
fn syntax_error_str(vm: &mut Vm, this: &Value, items: &[Value]) -> PyResult<Value> {
    let attr = |vm: &mut Vm, name: &str| crate::vm::attr::get_attr_opt(vm, this, name);
    let msg = match attr(vm, "msg")? {
        Some(m) if !m.is_none() => vm.str_of(&m)?,
        _ => match items.first() {
            Some(m) => vm.str_of(m)?,
            None => return Ok(Value::str("")),
        },
    };
    let filename =
        attr(vm, "filename")?.and_then(|f| f.as_str().map(|s| s.rsplit('/').next().unwrap_or(s).to_string()));
    let lineno = match attr(vm, "lineno")? {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    Ok(Value::string(match (filename, lineno) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    }))
}

fn exc_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = &args.items[0];
    let name = vm.type_name(this);
    let items = exc_args(vm, this);
    let inner = match items.len() {
        1 => vm.repr_of(&items[0])?,
        _ => {
            let r = vm.repr_of(&Value::tuple(items.clone()))?;
            if items.is_empty() {
                String::new()
            } else {
                r[1..r.len() - 1].trim_end_matches(',').to_string()
            }
        }
    };
    Ok(Value::string(format!("{name}({inner})")))
}

fn exc_with_traceback(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("with_traceback", &args, 2, 2)?;
    Ok(args.items[0].clone())
}

/// `e.add_note(note)`: appended to `e.__notes__`, printed under the traceback's last line.
fn exc_add_note(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("add_note", &args, 2, 2)?;
    let (this, note) = (&args.items[0], &args.items[1]);
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
    }
    match crate::vm::attr::get_attr_opt(vm, this, "__notes__")? {
        Some(notes) => {
            if !matches!(notes.payload(), Some(Payload::List(_))) {
                return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
            }
            vm.list_append(&notes, note.clone());
        }
        None => {
            let notes = vm.new_list(vec![note.clone()]);
            vm.set_attr(this, &Value::str("__notes__"), notes)?;
        }
    }
    Ok(Value::None)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", exc_init),
    ("__str__", exc_str),
    ("__repr__", exc_repr),
    ("with_traceback", exc_with_traceback),
    ("add_note", exc_add_note),
];

/// Methods a built-in exception class adds to `BaseException`'s.
pub fn methods_of(name: &str) -> &'static [(&'static str, NativeFn)] {
    match name {
        "OSError" => crate::builtins::file::OSERROR_METHODS,
        "ImportError" => IMPORT_ERROR_METHODS,
        _ => &[],
    }
}

const IMPORT_ERROR_METHODS: &[(&str, NativeFn)] = &[("__init__", import_error_init), ("__str__", import_error_str)];

/// `ImportError(*args, name=None, path=None)`: `msg` is the single argument.
fn import_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    for (k, _) in args.keywords() {
        if k != "name" && k != "path" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for ImportError()")));
        }
    }
    let pos = &args.positional()[1..];
    if let Some(d) = this.as_obj().and_then(exception_data) {
        d.borrow_mut(vm).args = Value::tuple(pos.to_vec());
    }
    let msg = if pos.len() == 1 { pos[0].clone() } else { Value::None };
    set_import_error_info(vm, &this, msg, args.kw("name").cloned(), args.kw("path").cloned());
    Ok(Value::None)
}

fn import_error_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match crate::vm::attr::get_attr_opt(vm, &args.items[0], "msg")? {
        Some(m) if !m.is_none() => Ok(Value::string(vm.str_of(&m)?)),
        _ => exc_str(vm, args),
    }
}

/// Sets `msg`, `name` and `path` of an ImportError.
pub fn set_import_error_info(vm: &Vm, exc: &Value, msg: Value, name: Option<Value>, path: Option<Value>) {
    if let Some(Payload::Instance(inst)) = exc.payload() {
        if let Payload::Dict(d) = inst.dict.payload() {
            let mut d = d.borrow_mut(vm);
            d.set_str("msg", msg);
            d.set_str("name", name.unwrap_or(Value::None));
            d.set_str("path", path.unwrap_or(Value::None));
        }
    }
}

/// Attributes every exception carries in its `ExceptionData` (`args`, `__cause__` ...), and the
/// ones some classes derive from `args` (`StopIteration.value`, `SystemExit.code`).
pub fn exception_attr(
    vm: &Vm,
    class: &crate::object::ObjRef,
    data: &crate::object::GilCell<crate::object::ExceptionData>,
    key: &str,
) -> Option<Value> {
    let d = data.borrow(vm);
    let args: &[Value] = match d.args.payload() {
        Some(Payload::Tuple(t)) => t,
        _ => &[],
    };
    Some(match key {
        "args" => d.args.clone(),
        "__cause__" => d.cause.clone(),
        "__context__" => d.context.clone(),
        "__suppress_context__" => Value::Bool(d.suppress_context),
        "__traceback__" => crate::builtins::traceback::traceback_object(vm, &d.traceback),
        "value" if crate::vm::attr::is_subclass(vm, class, &vm.exc_class("StopIteration")) => {
            args.first().cloned().unwrap_or(Value::None)
        }
        "msg" | "name" | "path" if crate::vm::attr::is_subclass(vm, class, &vm.exc_class("ImportError")) => Value::None,
        "code" if crate::vm::attr::is_subclass(vm, class, &vm.exc_class("SystemExit")) => match args.len() {
            0 => Value::None,
            1 => args[0].clone(),
            _ => d.args.clone(),
        },
        _ => return None,
    })
}
