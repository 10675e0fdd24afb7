//! The embedding handle: [`Interpreter`] (cheap to clone, `Send + Sync`) and its builder. Each
//! interpreter has its own GIL, types, modules and output sinks; nothing is process-global.

use std::sync::atomic::{AtomicU32, AtomicUsize};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;

use crate::builtins::types::{BuiltinTypes, TypeId};
use crate::object::{GilCell, NativeFunction, ObjRef, Payload};
use crate::value::Value;
use crate::vm::import::FrozenModule;
use crate::vm::{InterpreterState, NativeModuleInit, PyErr, Vm};

#[derive(Clone)]
pub struct Interpreter {
    state: Arc<InterpreterState>,
}

pub struct InterpreterBuilder {
    argv: Vec<String>,
    path: Vec<String>,
    native_modules: Vec<(String, NativeModuleInit)>,
    frozen_modules: Vec<FrozenModule>,
    gil: crate::gil::GilConfig,
    recursion_limit: usize,
    limits: crate::limits::Limits,
}

impl Default for InterpreterBuilder {
    fn default() -> Self {
        InterpreterBuilder {
            argv: vec![String::new()],
            path: vec![],
            native_modules: vec![],
            frozen_modules: vec![],
            gil: crate::gil::GilConfig::default(),
            recursion_limit: 1000,
            limits: Default::default(),
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

    /// A module whose Python source is built into the host, compiled when first imported.
    pub fn frozen_module(mut self, name: &str, source: &'static str) -> Self {
        self.frozen_modules.push(FrozenModule { name: name.to_string(), source: source.into(), code: None });
        self
    }

    /// A built-in module with its code compiled ahead of time ([`crate::marshal::dump_code`] of
    /// `source` compiled by this same build): importing it skips the parser and the compiler.
    /// Should `code` not load, the module is compiled from `source` instead.
    pub fn precompiled_module(mut self, name: &str, source: &'static str, code: &'static [u8]) -> Self {
        self.frozen_modules.push(FrozenModule { name: name.to_string(), source: source.into(), code: Some(code) });
        self
    }

    /// A Python-source module given at run time (an embedder's in-memory module), imported
    /// like the frozen ones. A later registration of the same name wins.
    pub fn source_module(mut self, name: &str, source: impl Into<Arc<str>>) -> Self {
        self.frozen_modules.insert(0, FrozenModule { name: name.to_string(), source: source.into(), code: None });
        self
    }

    /// Keeps only the registered native and frozen modules whose import name `keep` accepts
    /// (an embedder's sandbox or allow list). Modules built into the interpreter (`sys`,
    /// `builtins`, `gc`) are not affected.
    pub fn retain_modules(mut self, keep: impl Fn(&str) -> bool) -> Self {
        self.native_modules.retain(|(name, _)| name == "gc" || keep(name));
        self.frozen_modules.retain(|module| keep(&module.name));
        self
    }

    /// How many bytecodes a thread runs between offers of the GIL (`sys.setcheckinterval`;
    /// default 100).
    pub fn check_interval(mut self, n: u32) -> Self {
        self.gil.check_interval = n.max(1);
        self
    }

    /// How long a thread waits for the GIL before asking the holder to drop it at its next
    /// instruction (`sys.setswitchinterval`; default 5 ms). See `gil.rs` for how the two combine.
    pub fn switch_interval(mut self, d: Duration) -> Self {
        self.gil.switch_interval = d.max(Duration::from_nanos(1));
        self
    }

    /// Deterministic scheduling: thread switches at seeded, reproducible points and waiters woken
    /// in a reproducible order (`gilpy --gil-seed N`), so a race reproduces run after run.
    pub fn gil_seed(mut self, seed: u64) -> Self {
        self.gil.seed = Some(seed);
        self
    }

    /// Record every thread's running, waiting and blocked spans for [`Interpreter::gil_trace`]
    /// (`gilpy --gil-trace FILE`). Off, it costs nothing.
    pub fn gil_trace(mut self, on: bool) -> Self {
        self.gil.trace = on;
        self
    }

    /// Resource limits covering every thread of the interpreter (see [`crate::limits`]); armed
    /// when [`InterpreterBuilder::build`] returns, so the time limit counts from then.
    pub fn limits(mut self, limits: crate::limits::Limits) -> Self {
        self.limits = limits;
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
            gil: crate::gil::Gil::new(self.gil),
            types,
            builtins,
            modules,
            sys: GilCell::new(None),
            native_modules: Mutex::new(self.native_modules),
            frozen_modules: Mutex::new(self.frozen_modules),
            recursion_limit: AtomicUsize::new(self.recursion_limit),
            eval_breaker: AtomicU32::new(0),
            stdout: Mutex::new(Box::new(std::io::stdout())),
            stderr: Mutex::new(Box::new(std::io::stderr())),
            gc: GilCell::new(Default::default()),
            next_thread_id: AtomicUsize::new(1),
            import_lock: Default::default(),
            limits: Default::default(),
        });
        let interp = Interpreter { state };
        let argv = self.argv;
        let path = self.path;
        interp.with_vm(|vm| {
            populate_builtins(vm);
            crate::sysmodule::install(vm, argv, path);
        });
        if self.limits != crate::limits::Limits::default() {
            interp.set_limits(&self.limits);
        }
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
        if name == "ResourceLimitExceeded" {
            continue;
        }
        set(vm, &name, Value::Obj(class));
    }
    for alias in ["IOError", "EnvironmentError"] {
        let os_error = vm.exc_class("OSError");
        set(vm, alias, Value::Obj(os_error));
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

    /// Ends the program the way CPython does after the main module: waits for the non-daemon
    /// threads (`threading._shutdown()`), flushes the standard streams, and finalizes the GIL so
    /// daemon threads still running or blocked never run Python code again (they end with the
    /// process). Call it once, last. After an exceeded limit it neither waits for threads nor
    /// runs `atexit` functions (Python code could not run anyway): every thread is left to stop
    /// at its next check, or to park for good.
    pub fn shutdown(&self) {
        let exceeded = self.limit_exceeded().is_some();
        self.with_vm(|vm| {
            // CPython's order: join non-daemon threads, then the atexit functions.
            for (module, function) in [("threading", "_shutdown"), ("atexit", "_run_exitfuncs")] {
                if !exceeded {
                    call_if_imported(vm, module, function);
                }
            }
            crate::vm::finalize::clear_main_module(vm);
            flush_std(vm);
            crate::builtins::file::flush_all_files();
            vm.interp.gil.finalize();
        })
    }

    /// A handle another thread can stop this interpreter's script with (`Send + Sync + Clone`).
    pub fn interrupt_handle(&self) -> crate::limits::InterruptHandle {
        crate::limits::InterruptHandle::new(self.state.clone())
    }

    /// Re-arms the resource limits from now (the budget and the clock restart), replacing the
    /// previous ones and clearing an exceeded limit. `Limits::default()` removes them (except
    /// the recursion limit, which stays as it is unless given).
    pub fn set_limits(&self, limits: &crate::limits::Limits) {
        crate::limits::arm(&self.state, limits);
    }

    /// The limit the script ran into, if any, since the limits were last armed.
    pub fn limit_exceeded(&self) -> Option<crate::limits::LimitExceeded> {
        self.state.limits.exceeded()
    }

    /// The GIL's figures so far (what `--gil-stats` prints).
    pub fn gil_report(&self) -> crate::gil::GilReport {
        self.state.gil.report()
    }

    /// The GIL's timeline as Chrome trace-event JSON, or as a self-contained HTML page when
    /// `html`; `None` unless the interpreter was built with [`InterpreterBuilder::gil_trace`].
    pub fn gil_trace(&self, html: bool) -> Option<String> {
        let spans = self.state.gil.trace_spans()?;
        let threads: Vec<(u64, String)> =
            self.state.gil.report().threads.into_iter().map(|t| (t.ident, t.name)).collect();
        Some(if html {
            crate::gil::trace::html_page(&spans, &threads, "gilpy GIL timeline")
        } else {
            crate::gil::trace::chrome_json(&spans, &threads)
        })
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
                // As in CPython, `__main__.__builtins__` is the module (imported modules get its dict).
                let builtins = vm.import_module("builtins").unwrap_or_else(|_| Value::Obj(vm.interp.builtins.clone()));
                vm.dict_set_str_value(&dict, Value::str("__builtins__"), builtins);
                let modules = vm.interp.modules.clone();
                vm.dict_set_str_value(&modules, Value::str("__main__"), Value::Obj(module));
                crate::vm::eval::run_code_in(vm, code, dict, None).map(|_| ())
            })();
            let r = match result {
                Ok(()) => Ok(()),
                Err(err) => Err(handle_uncaught(vm, &err)),
            };
            flush_std(vm);
            crate::builtins::file::flush_all_files();
            r
        })
    }
}

/// Calls `module.function()` if `module` has been imported, printing what it raises.
fn call_if_imported(vm: &mut Vm, module: &str, function: &str) {
    let modules = vm.interp.modules.clone();
    let Some(module) = vm.dict_get_str_value(&modules, &Value::str(module)) else { return };
    if let Ok(Some(f)) = crate::vm::attr::get_attr_opt(vm, &module, function) {
        if let Err(err) = vm.call(&f, crate::vm::Args::new(&[])) {
            let (message, _) = handle_uncaught(vm, &err);
            use std::io::Write;
            let _ = vm.interp.stderr.lock().write_all(message.as_bytes());
        }
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
