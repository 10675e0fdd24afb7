//! The embedding handle: [`Interpreter`] (cheap to clone, `Send + Sync`) and its builder. Each
//! interpreter has its own GIL, types, modules and output sinks; nothing is process-global.

use std::sync::atomic::{AtomicU32, AtomicUsize};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::builtins::types::{BuiltinTypes, TypeId};
use crate::object::{GilCell, NativeFunction, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{InterpreterState, NativeModuleInit, PyErr, Vm};

#[derive(Clone)]
pub struct Interpreter {
    state: Arc<InterpreterState>,
}

pub struct InterpreterBuilder {
    argv: Vec<String>,
    path: Vec<String>,
    native_modules: Vec<(String, NativeModuleInit)>,
    frozen_modules: Vec<(String, &'static str)>,
    check_interval: u32,
    recursion_limit: usize,
}

impl Default for InterpreterBuilder {
    fn default() -> Self {
        InterpreterBuilder {
            argv: vec![String::new()],
            path: vec![],
            native_modules: vec![],
            frozen_modules: vec![],
            check_interval: 100,
            recursion_limit: 1000,
        }
    }
}

impl InterpreterBuilder {
    pub fn argv(mut self, argv: Vec<String>) -> Self {
        self.argv = argv;
        self
    }

    pub fn path(mut self, path: Vec<String>) -> Self {
        self.path = path;
        self
    }

    pub fn native_module(mut self, name: &str, init: NativeModuleInit) -> Self {
        self.native_modules.push((name.to_string(), init));
        self
    }

    pub fn frozen_module(mut self, name: &str, source: &'static str) -> Self {
        self.frozen_modules.push((name.to_string(), source));
        self
    }

    pub fn check_interval(mut self, n: u32) -> Self {
        self.check_interval = n.max(1);
        self
    }

    pub fn build(mut self) -> Interpreter {
        if !self.native_modules.iter().any(|(n, _)| n == "gc") {
            self.native_modules.push(("gc".to_string(), crate::gc::module::init));
        }
        let types = BuiltinTypes::new();
        let builtins = ObjRef::new(Payload::Dict(GilCell::new(Default::default())));
        let modules = ObjRef::new(Payload::Dict(GilCell::new(Default::default())));
        let state = Arc::new(InterpreterState {
            gil: crate::gil::Gil::new(),
            types,
            builtins,
            modules,
            sys: GilCell::new(None),
            native_modules: Mutex::new(self.native_modules),
            frozen_modules: Mutex::new(self.frozen_modules),
            recursion_limit: AtomicUsize::new(self.recursion_limit),
            eval_breaker: AtomicU32::new(0),
            check_interval: AtomicU32::new(self.check_interval),
            stdout: Mutex::new(Box::new(std::io::stdout())),
            stderr: Mutex::new(Box::new(std::io::stderr())),
            gc: GilCell::new(Default::default()),
            next_thread_id: AtomicUsize::new(1),
        });
        let interp = Interpreter { state };
        let argv = self.argv;
        let path = self.path;
        interp.with_vm(|vm| {
            populate_builtins(vm);
            crate::sysmodule::install(vm, argv, path);
        });
        interp
    }
}

fn populate_builtins(vm: &mut Vm) {
    let b = vm.interp.builtins.clone();
    let set = |vm: &mut Vm, name: &str, v: Value| vm.dict_set_str_value(&b, Value::str(name), v);
    for id in TypeId::ALL {
        let public = matches!(
            id,
            TypeId::Object
                | TypeId::Type
                | TypeId::Bool
                | TypeId::Int
                | TypeId::Float
                | TypeId::Complex
                | TypeId::Str
                | TypeId::Bytes
                | TypeId::ByteArray
                | TypeId::Tuple
                | TypeId::List
                | TypeId::Dict
                | TypeId::Set
                | TypeId::FrozenSet
                | TypeId::Range
                | TypeId::Slice
                | TypeId::Property
                | TypeId::StaticMethod
                | TypeId::ClassMethod
                | TypeId::Super
                | TypeId::BaseException
        );
        if public {
            let class = vm.types().get(id).clone();
            set(vm, id.name(), Value::Obj(class));
        }
    }
    let excs: Vec<(String, ObjRef)> = vm.types().exceptions.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (name, class) in excs {
        set(vm, &name, Value::Obj(class));
    }
    let mut functions = crate::builtins::functions::builtin_functions();
    functions.push(("__build_class__", crate::vm::call::build_class as crate::object::NativeFn));
    {
        use crate::builtins::iterators as it;
        functions.push(("enumerate", it::builtin_enumerate));
        functions.push(("zip", it::builtin_zip));
        functions.push(("map", it::builtin_map));
        functions.push(("filter", it::builtin_filter));
        functions.push(("reversed", it::builtin_reversed));
    }
    for (name, func) in functions {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction { name, func, bound: None, owner: None }));
        set(vm, name, Value::Obj(f));
    }
    set(vm, "None", Value::None);
    set(vm, "True", Value::Bool(true));
    set(vm, "False", Value::Bool(false));
    set(vm, "Ellipsis", Value::Ellipsis);
    set(vm, "NotImplemented", Value::NotImplemented);
    set(vm, "__name__", Value::str("builtins"));
}

impl Interpreter {
    pub fn builder() -> InterpreterBuilder {
        InterpreterBuilder::default()
    }

    pub fn state(&self) -> &Arc<InterpreterState> {
        &self.state
    }

    /// Runs `f` on this thread holding the GIL.
    pub fn with_vm<R>(&self, f: impl FnOnce(&mut Vm) -> R) -> R {
        self.state.gil.acquire();
        let mut vm = Vm::new(self.state.clone());
        let r = f(&mut vm);
        drop(vm);
        self.state.gil.release();
        r
    }

    /// Runs a script as `__main__`. On an uncaught exception, returns the formatted traceback and
    /// the exit status the CLI should use.
    pub fn run_main(&self, filename: &str, source: &str) -> Result<(), (String, i32)> {
        self.with_vm(|vm| {
            let result = (|| -> Result<(), PyErr> {
                let code = match crate::compile::compile_source(source, filename, crate::compile::Mode::Exec) {
                    Ok(c) => Arc::new(c),
                    Err(e) => return Err(vm.syntax_error_from(&e, filename)),
                };
                let module = vm.new_module("__main__");
                let dict = vm.module_dict(&module).expect("module dict");
                vm.dict_set_str_value(&dict, Value::str("__file__"), Value::str(filename));
                vm.dict_set_str_value(&dict, Value::str("__builtins__"), Value::Obj(vm.interp.builtins.clone()));
                let modules = vm.interp.modules.clone();
                vm.dict_set_str_value(&modules, Value::str("__main__"), Value::Obj(module));
                crate::vm::eval::run_code_in(vm, code, dict, None).map(|_| ())
            })();
            let r = match result {
                Ok(()) => Ok(()),
                Err(err) => Err(handle_uncaught(vm, &err)),
            };
            flush_std(vm);
            r
        })
    }
}

/// `SystemExit` gives its code; anything else prints a traceback and gives 1.
pub fn handle_uncaught(vm: &mut Vm, err: &PyErr) -> (String, i32) {
    if vm.err_matches(err, "SystemExit") {
        let code = err.data(vm).map(|d| d.args.clone()).unwrap_or(Value::None);
        let first = match code.payload() {
            Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
            _ => Value::None,
        };
        return match first {
            Value::None => (String::new(), 0),
            Value::Int(i) => (String::new(), i as i32),
            Value::Bool(b) => (String::new(), b as i32),
            other => (format!("{}\n", vm.to_str_lossy(&other)), 1),
        };
    }
    flush_std(vm);
    (crate::vm::errors::format_exception(vm, err), 1)
}

pub fn flush_std(vm: &mut Vm) {
    use std::io::Write;
    let sys = vm.interp.sys.borrow(vm).clone();
    if let Some(sys) = sys {
        if let Ok(Some(out)) = crate::vm::attr::get_attr_opt(vm, &Value::Obj(sys), "stdout") {
            let _ = vm.call_method(&out, "flush", &[]);
        }
    }
    let _ = vm.interp.stdout.lock().flush();
}
