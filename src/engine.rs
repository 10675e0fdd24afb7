//! [`Engine`] (the handle a host keeps) and [`EngineBuilder`].

use std::sync::Arc;
use std::time::Duration;

use gilpy_interpreter::bytecode::CodeObject;
use gilpy_interpreter::compile::{compile_source, Mode};
use gilpy_interpreter::object::ObjRef;
use gilpy_interpreter::vm::InterpreterState;
use gilpy_interpreter::{Interpreter, InterpreterBuilder, InterruptHandle, LimitExceeded, Limits, PyResult, Value, Vm};

use crate::class::{Class, Module};
use crate::convert::{FromPy, IntoPy};
use crate::error::Error;
use crate::host::{erase_fn, new_host_function, rust_path, ErasedFn, HostFn, IntoHostResult, RawArgs};
use crate::object::{call_value, enter, IntoArgs, PyObject};
use crate::output::{Captured, Output, Router, STDERR, STDOUT};

/// Which standard modules a script can import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stdlib {
    /// Every module gilpy has (the default).
    #[default]
    Full,
    /// No access to the host system: no `os`/`os.path`, `multiprocessing`, `open()`, `input()`,
    /// `sys.stdin`, and no imports from the file system (empty `sys.path`, whatever
    /// [`EngineBuilder::path`] says). Threads, `time`, `json`, `re`, `random`, `pickle` and the
    /// host's own modules stay.
    Sandboxed,
    /// Only the modules built into the interpreter (`sys`, `builtins`, `gc`).
    Core,
    /// The listed modules (and their submodules) and the built-in ones. Dependencies are not
    /// added: `threading` needs `_thread`, `queue` needs `threading`.
    Only(Vec<String>),
}

/// Modules that reach the host system, left out by [`Stdlib::Sandboxed`].
const SANDBOX_BLOCKED: &[&str] = &["os", "os.path", "posixpath", "_multiprocessing", "multiprocessing"];

fn sandbox_allows(module: &str) -> bool {
    !SANDBOX_BLOCKED.iter().any(|b| module == *b || module.strip_prefix(b).is_some_and(|rest| rest.starts_with('.')))
}

type Setup = Box<dyn FnOnce(&mut Vm) -> PyResult<()> + Send>;

/// Configures an [`Engine`]. Every setting has a default; `Engine::new()` is
/// `Engine::builder().build()`.
///
/// ```
/// use gilpy::{Engine, Output, Stdlib};
/// let engine = Engine::builder()
///     .stdlib(Stdlib::Sandboxed)
///     .stdout(Output::Buffer)
///     .recursion_limit(200)
///     .check_interval(50)
///     .argv(["tool", "--verbose"])
///     .source_module("greetings", "def hello(name):\n    return f'hello {name}'")
///     .build();
/// engine.exec("import sys, greetings\nprint(greetings.hello(sys.argv[1]))").unwrap();
/// assert_eq!(engine.take_stdout(), "hello --verbose\n");
/// assert_eq!(engine.exec("import os").unwrap_err().type_name(), "ModuleNotFoundError");
/// ```
pub struct EngineBuilder {
    stdlib: Stdlib,
    argv: Vec<String>,
    path: Vec<String>,
    recursion_limit: Option<usize>,
    stdout: Output,
    stderr: Output,
    source_modules: Vec<(String, String)>,
    interpreter: Vec<Box<dyn FnOnce(InterpreterBuilder) -> InterpreterBuilder>>,
    setup: Vec<Setup>,
}

impl EngineBuilder {
    fn new() -> EngineBuilder {
        EngineBuilder {
            stdlib: Stdlib::Full,
            argv: vec![String::new()],
            path: vec![],
            recursion_limit: None,
            stdout: Output::Inherit,
            stderr: Output::Inherit,
            source_modules: vec![],
            interpreter: vec![],
            setup: vec![],
        }
    }

    /// Which standard modules exist (default [`Stdlib::Full`]).
    pub fn stdlib(mut self, stdlib: Stdlib) -> Self {
        self.stdlib = stdlib;
        self
    }

    /// `sys.argv` (default `['']`).
    pub fn argv<S: Into<String>>(mut self, argv: impl IntoIterator<Item = S>) -> Self {
        self.argv = argv.into_iter().map(Into::into).collect();
        self
    }

    /// `sys.path`: directories `import` searches for `.py` files (default: none).
    pub fn path<S: Into<String>>(mut self, path: impl IntoIterator<Item = S>) -> Self {
        self.path = path.into_iter().map(Into::into).collect();
        self
    }

    /// Python call depth at which `RecursionError` is raised (`sys.setrecursionlimit`; default
    /// 1000). Deep recursion needs Rust stack too: threads calling in should have a few MiB.
    pub fn recursion_limit(mut self, limit: usize) -> Self {
        self.recursion_limit = Some(limit);
        self
    }

    /// Limits covering every thread the script starts: an instruction budget, a wall-clock
    /// deadline, a memory ceiling (the process's resident set) and the recursion limit. An
    /// exceeded limit raises `ResourceLimitExceeded` in every thread, which no `except` can
    /// swallow; the host gets an [`Error`] of that type (see [`Engine::limit_exceeded`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// let engine = gilpy::Engine::builder()
    ///     .limits(gilpy::Limits { time: Some(Duration::from_millis(100)), ..Default::default() })
    ///     .build();
    /// let err = engine.exec("while True:\n    try:\n        pass\n    except BaseException:\n        pass").unwrap_err();
    /// assert_eq!(err.type_name(), "ResourceLimitExceeded");
    /// assert_eq!(engine.limit_exceeded().unwrap().kind, gilpy::LimitKind::Time);
    /// ```
    pub fn limits(self, limits: Limits) -> Self {
        self.interpreter(move |b| b.limits(limits))
    }

    /// Bytecodes a thread runs between offers of the GIL (default 100).
    pub fn check_interval(self, n: u32) -> Self {
        self.interpreter(move |b| b.check_interval(n))
    }

    /// How long a thread waits for the GIL before asking the holder to drop it (default 5 ms).
    pub fn switch_interval(self, interval: Duration) -> Self {
        self.interpreter(move |b| b.switch_interval(interval))
    }

    /// Records the GIL timeline for [`Engine::gil_trace`].
    pub fn gil_trace(self, on: bool) -> Self {
        self.interpreter(move |b| b.gil_trace(on))
    }

    /// Deterministic thread scheduling from `seed` (a race reproduces run after run).
    pub fn gil_seed(self, seed: u64) -> Self {
        self.interpreter(move |b| b.gil_seed(seed))
    }

    /// Where `print` and `sys.stdout` go (default [`Output::Inherit`]).
    pub fn stdout(mut self, output: Output) -> Self {
        self.stdout = output;
        self
    }

    /// Where `sys.stderr` (and warnings, unraisable exceptions) go.
    pub fn stderr(mut self, output: Output) -> Self {
        self.stderr = output;
        self
    }

    /// A module written in Python, given as source, importable by `name`.
    pub fn source_module(mut self, name: &str, source: impl Into<String>) -> Self {
        self.source_modules.push((name.to_string(), source.into()));
        self
    }

    /// A host function available to every script as a builtin (see [`Engine::register_fn`]).
    pub fn function<M, Out: IntoHostResult, F: HostFn<M, Out>>(mut self, name: &str, f: F) -> Self {
        let path = rust_path::<F>(name);
        let body = erase_fn(name, f);
        let name = name.to_string();
        self.setup.push(Box::new(move |vm| {
            set_builtin_function(vm, &name, &path, body);
            Ok(())
        }));
        self
    }

    /// A host class available to every script as a builtin (see [`Engine::register_class`]).
    pub fn class<T: Send + 'static>(mut self, class: Class<T>) -> Self {
        self.setup.push(Box::new(move |vm| install_builtin_class(vm, class)));
        self
    }

    /// A native module (see [`Engine::register_module`]).
    pub fn module(mut self, module: Module) -> Self {
        self.setup.push(Box::new(move |vm| module.install(vm)));
        self
    }

    /// Adjusts the underlying [`InterpreterBuilder`] (settings this builder does not cover, such as
    /// the limits of the interpreter crate).
    pub fn interpreter(mut self, f: impl FnOnce(InterpreterBuilder) -> InterpreterBuilder + 'static) -> Self {
        self.interpreter.push(Box::new(f));
        self
    }

    /// For hosts whose scripts use `multiprocessing`. A child process is the host's own
    /// executable (`sys.executable`) started with a special flag; call this at the top of
    /// `main`, before anything else looks at the command line. In such a child it builds the
    /// engine from this configuration (so the child has the same host functions and modules),
    /// runs the child's work and **exits the process**; in any other process it returns the
    /// builder unchanged. Give children [`Output::Inherit`] to see what they print.
    ///
    /// ```no_run
    /// let engine = gilpy::Engine::builder().run_multiprocessing_child().build();
    /// engine.exec("import multiprocessing").unwrap();
    /// ```
    pub fn run_multiprocessing_child(self) -> Self {
        use gilpy_stdlib::multiprocessing::{CHILD_FLAG, CHILD_MAIN};
        if !std::env::args().any(|a| a == CHILD_FLAG) {
            return self;
        }
        let engine = self.build();
        let status = match engine.interpreter().run_main("<multiprocessing child>", CHILD_MAIN) {
            Ok(()) => 0,
            Err((traceback, status)) => {
                eprint!("{traceback}");
                status
            }
        };
        engine.shutdown();
        std::process::exit(status);
    }

    /// Makes the engine.
    ///
    /// # Panics
    /// If a host module or class registered on the builder fails to install (only a bug in a
    /// `Module::value` conversion can do that).
    pub fn build(self) -> Engine {
        let mut builder = Interpreter::builder().argv(self.argv);
        let sandboxed = self.stdlib == Stdlib::Sandboxed;
        if !sandboxed {
            builder = builder.path(self.path);
        }
        builder = match self.stdlib {
            Stdlib::Full => gilpy_stdlib::install(builder),
            Stdlib::Sandboxed => gilpy_stdlib::install(builder).retain_modules(sandbox_allows),
            Stdlib::Core => builder,
            Stdlib::Only(list) => gilpy_stdlib::install(builder).retain_modules(move |name| {
                list.iter().any(|m| name == m || name.strip_prefix(m.as_str()).is_some_and(|r| r.starts_with('.')))
            }),
        };
        for (name, source) in self.source_modules {
            builder = builder.source_module(&name, source);
        }
        for adjust in self.interpreter {
            builder = adjust(builder);
        }
        let interp = builder.build();
        let router = Router::new(self.stdout, self.stderr);
        *interp.state().stdout.lock() = router.writer(STDOUT);
        *interp.state().stderr.lock() = router.writer(STDERR);
        if let Some(limit) = self.recursion_limit {
            interp.state().recursion_limit.store(limit, std::sync::atomic::Ordering::Relaxed);
        }
        let engine = Engine { shared: Arc::new(Shared { interp, router }) };
        let setup = self.setup;
        let result = enter(engine.state(), |vm| {
            main_dict(vm);
            if sandboxed {
                lock_down(vm)?;
            }
            for step in setup {
                step(vm)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            panic!("gilpy: setting up the engine failed:\n{err}");
        }
        engine
    }
}

/// Removes what reaches the host system from a sandboxed interpreter's builtins and `sys`.
fn lock_down(vm: &mut Vm) -> PyResult<()> {
    let builtins = vm.interp.builtins.clone();
    for name in ["open", "input"] {
        vm.dict_del(&builtins, &Value::str(name))?;
    }
    let io = gilpy_interpreter::builtins::file::io_module(vm);
    if let Some(dict) = vm.module_dict(&io) {
        vm.dict_del(&dict, &Value::str("open"))?;
    }
    let sys = vm.interp.sys.borrow(vm).clone();
    if let Some(sys) = sys.map(Value::Obj) {
        vm.set_attr(&sys, &Value::str("stdin"), Value::None)?;
        let empty = vm.new_list(vec![]);
        vm.set_attr(&sys, &Value::str("path"), empty)?;
    }
    Ok(())
}

fn set_builtin_function(vm: &mut Vm, name: &str, path: &str, body: ErasedFn) {
    let f = new_host_function(vm, name, path, body);
    let builtins = vm.interp.builtins.clone();
    vm.dict_set_str_value(&builtins, Value::str(name), f);
}

fn install_builtin_class<T: Send + 'static>(vm: &mut Vm, class: Class<T>) -> PyResult<()> {
    let name = class_name(&class);
    let class = class.install(vm, "builtins")?;
    let builtins = vm.interp.builtins.clone();
    vm.dict_set_str_value(&builtins, Value::string(name), Value::Obj(class));
    Ok(())
}

fn class_name<T: Send + 'static>(class: &Class<T>) -> String {
    class.name().to_string()
}

/// `__main__`'s namespace, where [`Engine::exec`] runs code, made on first use.
fn main_dict(vm: &mut Vm) -> ObjRef {
    let modules = vm.interp.modules.clone();
    if let Some(Value::Obj(module)) = vm.dict_get_str_value(&modules, &Value::str("__main__")) {
        if let Some(dict) = vm.module_dict(&module) {
            return dict;
        }
    }
    let module = vm.new_module("__main__");
    let dict = vm.module_dict(&module).expect("a new module has a dict");
    let builtins = vm.import_module("builtins").unwrap_or_else(|_| Value::Obj(vm.interp.builtins.clone()));
    vm.dict_set_str_value(&dict, Value::str("__builtins__"), builtins);
    vm.dict_set_str_value(&modules, Value::str("__main__"), Value::Obj(module));
    dict
}

struct Shared {
    interp: Interpreter,
    router: Arc<Router>,
}

/// An embedded gilpy interpreter: the one handle a host needs.
///
/// `Send + Sync + Clone` (an `Arc` inside): clone it into every host thread that calls in. Each
/// call takes the interpreter's GIL for its duration (or reuses it inside a host function), so
/// host threads and the script's own threads take turns exactly as Python threads do. Code runs
/// in the namespace of module `__main__`, which persists between calls.
///
/// ```
/// use gilpy::Engine;
/// let engine = Engine::new();
/// engine.exec("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)").unwrap();
/// let n: u64 = engine.call("fib", (20,)).unwrap();
/// assert_eq!(n, 6765);
/// assert_eq!(engine.eval::<String>("'-'.join(['a', 'b'])").unwrap(), "a-b");
/// ```
#[derive(Clone)]
pub struct Engine {
    shared: Arc<Shared>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// Code compiled once, to run many times with [`Engine::run`] (in this engine or another).
/// A program that is a single expression evaluates to its value; otherwise it runs as
/// statements and gives `None`.
///
/// ```
/// use gilpy::Engine;
/// let engine = Engine::new();
/// let program = engine.compile("x * 2 + 1").unwrap();
/// for x in 0..3 {
///     engine.set_global("x", x).unwrap();
///     assert_eq!(engine.run::<i64>(&program).unwrap(), x * 2 + 1);
/// }
/// ```
#[derive(Clone)]
pub struct Program {
    code: Arc<CodeObject>,
    expression: bool,
}

impl Program {
    /// Does the program evaluate to a value (is it a single expression)?
    pub fn is_expression(&self) -> bool {
        self.expression
    }
}

impl Engine {
    /// An engine with the default settings: full stdlib, output to the process's stdout and
    /// stderr.
    pub fn new() -> Engine {
        EngineBuilder::new().build()
    }

    /// A builder for an engine with other settings.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::new()
    }

    fn state(&self) -> &Arc<InterpreterState> {
        self.shared.interp.state()
    }

    /// The underlying interpreter (the interpreter crate's API: `interrupt`, `run_as_main`...).
    pub fn interpreter(&self) -> &Interpreter {
        &self.shared.interp
    }

    /// Runs `f` with the GIL held: the escape hatch to the interpreter crate's API.
    pub fn with_vm<R>(&self, f: impl FnOnce(&mut Vm) -> R) -> R {
        crate::gil::with_gil(self.state(), f)
    }

    // ----- running code -----

    /// Runs statements in `__main__`'s namespace.
    pub fn exec(&self, source: &str) -> Result<(), Error> {
        self.exec_named(source, "<string>")
    }

    /// Runs statements, naming them `filename` in tracebacks (which then show the source lines
    /// unless the name is in angle brackets).
    pub fn exec_named(&self, source: &str, filename: &str) -> Result<(), Error> {
        let program = self.compile_mode(source, filename, Mode::Exec)?;
        self.run(&program)
    }

    /// Reads and runs a Python file in `__main__`'s namespace.
    pub fn exec_file(&self, path: impl AsRef<std::path::Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let source = std::fs::read_to_string(path).map_err(|e| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { "FileNotFoundError" } else { "OSError" };
            Error::new(kind, format!("can't open file '{}': {e}", path.display()))
        })?;
        self.exec_named(&source, &path.to_string_lossy())
    }

    /// Evaluates an expression, converting its value.
    pub fn eval<T: FromPy>(&self, expression: &str) -> Result<T, Error> {
        let program = self.compile_mode(expression, "<string>", Mode::Eval)?;
        self.run(&program)
    }

    /// Compiles code once (see [`Program`]); syntax errors are reported here.
    pub fn compile(&self, source: &str) -> Result<Program, Error> {
        self.compile_named(source, "<string>")
    }

    /// [`Engine::compile`], naming the code `filename` in tracebacks.
    pub fn compile_named(&self, source: &str, filename: &str) -> Result<Program, Error> {
        match compile_source(source, filename, Mode::Eval) {
            Ok(code) => Ok(Program { code: Arc::new(code), expression: true }),
            Err(_) => self.compile_mode(source, filename, Mode::Exec),
        }
    }

    fn compile_mode(&self, source: &str, filename: &str, mode: Mode) -> Result<Program, Error> {
        match compile_source(source, filename, mode) {
            Ok(code) => Ok(Program { code: Arc::new(code), expression: mode == Mode::Eval }),
            Err(e) => Err(enter(self.state(), |vm| Err::<(), _>(vm.syntax_error_from(&e, filename))).unwrap_err()),
        }
    }

    /// Runs a compiled program in `__main__`'s namespace, converting its value.
    pub fn run<T: FromPy>(&self, program: &Program) -> Result<T, Error> {
        enter(self.state(), |vm| {
            let globals = main_dict(vm);
            let value = gilpy_interpreter::vm::eval::run_code_in(vm, program.code.clone(), globals, None)?;
            T::from_py(vm, &value)
        })
    }

    // ----- scopes -----

    /// A fresh namespace of globals, separate from `__main__` and from other scopes (the
    /// modules and builtins are shared). Run code in it with [`Engine::run_in`],
    /// [`Engine::exec_in`] and [`Engine::eval_in`].
    ///
    /// ```
    /// use gilpy::Engine;
    /// let engine = Engine::new();
    /// let (a, b) = (engine.new_scope().unwrap(), engine.new_scope().unwrap());
    /// engine.exec_in(&a, "x = 1").unwrap();
    /// engine.exec_in(&b, "x = 2").unwrap();
    /// assert_eq!(engine.eval_in::<i64>(&a, "x").unwrap(), 1);
    /// assert_eq!(b.get::<i64>("x").unwrap(), 2);
    /// assert!(engine.eval::<i64>("x").is_err());
    /// ```
    pub fn new_scope(&self) -> Result<Scope, Error> {
        enter(self.state(), |vm| {
            let dict = vm.new_dict();
            let builtins = vm.import_module("builtins")?;
            vm.dict_set(&dict, Value::str("__builtins__"), builtins)?;
            vm.dict_set(&dict, Value::str("__name__"), Value::str("__scope__"))?;
            Ok(Scope(PyObject::from_parts(vm.interp.clone(), Value::Obj(dict))))
        })
    }

    /// Runs a compiled program with `scope` as its globals.
    pub fn run_in<T: FromPy>(&self, scope: &Scope, program: &Program) -> Result<T, Error> {
        let Value::Obj(dict) = scope.0.value().clone() else { unreachable!("a scope is a dict") };
        if !Arc::ptr_eq(scope.0.state(), self.state()) {
            return Err(Error::new("ValueError", "the scope belongs to another engine"));
        }
        enter(self.state(), |vm| {
            let value = gilpy_interpreter::vm::eval::run_code_in(vm, program.code.clone(), dict, None)?;
            T::from_py(vm, &value)
        })
    }

    /// [`Engine::exec`] in `scope`.
    pub fn exec_in(&self, scope: &Scope, source: &str) -> Result<(), Error> {
        let program = self.compile_mode(source, "<string>", Mode::Exec)?;
        self.run_in(scope, &program)
    }

    /// [`Engine::eval`] in `scope`.
    pub fn eval_in<T: FromPy>(&self, scope: &Scope, expression: &str) -> Result<T, Error> {
        let program = self.compile_mode(expression, "<string>", Mode::Eval)?;
        self.run_in(scope, &program)
    }

    // ----- globals and calls -----

    /// Sets a global variable of `__main__`.
    pub fn set_global(&self, name: &str, value: impl IntoPy) -> Result<(), Error> {
        enter(self.state(), |vm| {
            let value = value.into_py(vm)?;
            let globals = main_dict(vm);
            vm.dict_set(&globals, Value::str(name), value)
        })
    }

    /// Reads a global variable of `__main__` (or a builtin); `NameError` if there is none.
    pub fn global<T: FromPy>(&self, name: &str) -> Result<T, Error> {
        enter(self.state(), |vm| {
            let value = lookup_global(vm, name)?;
            T::from_py(vm, &value)
        })
    }

    /// Calls the global function `name` with `args` (a tuple, `()` or [`CallArgs`](crate::CallArgs)),
    /// converting its result.
    pub fn call<R: FromPy>(&self, name: &str, args: impl IntoArgs) -> Result<R, Error> {
        enter(self.state(), |vm| {
            let function = lookup_global(vm, name)?;
            let result = call_value(vm, &function, args)?;
            R::from_py(vm, &result)
        })
    }

    /// Makes a Python value from a Rust one, as a handle.
    pub fn to_object(&self, value: impl IntoPy) -> Result<PyObject, Error> {
        enter(self.state(), |vm| {
            let value = value.into_py(vm)?;
            Ok(PyObject::from_parts(vm.interp.clone(), value))
        })
    }

    // ----- extending -----

    /// Makes a Rust closure or function callable from every script as a builtin. Arguments are
    /// converted with [`FromPy`] (a wrong type raises `TypeError` naming the argument), the
    /// result with [`IntoPy`]; a returned `Err` raises an exception (see [`Error`]). Returns
    /// `&Self` so calls chain.
    ///
    /// ```
    /// use gilpy::Engine;
    /// let engine = Engine::new();
    /// engine
    ///     .register_fn("add", |a: i64, b: i64| a + b)
    ///     .register_fn("parse", |s: String| s.parse::<i64>());
    /// assert_eq!(engine.eval::<i64>("add(parse('40'), 2)").unwrap(), 42);
    /// let err = engine.eval::<i64>("parse('x')").unwrap_err();
    /// assert_eq!(err.type_name(), "RuntimeError");
    /// assert!(err.traceback().contains("File \"<rust:"));
    /// ```
    pub fn register_fn<M, Out: IntoHostResult, F: HostFn<M, Out>>(&self, name: &str, f: F) -> &Self {
        let path = rust_path::<F>(name);
        let body = erase_fn(name, f);
        self.with_vm(|vm| set_builtin_function(vm, name, &path, body));
        self
    }

    /// Like [`Engine::register_fn`], for a function that takes any arguments, keywords included,
    /// unconverted.
    ///
    /// ```
    /// use gilpy::{Engine, RawArgs};
    /// let engine = Engine::new();
    /// engine.register_raw_fn("join", |args: RawArgs| -> Result<String, gilpy::Error> {
    ///     let sep = args.kwarg::<String>("sep").transpose()?.unwrap_or_else(|| " ".into());
    ///     let words = args.positional.iter().map(|w| w.str()).collect::<Result<Vec<_>, _>>()?;
    ///     Ok(words.join(&sep))
    /// });
    /// assert_eq!(engine.eval::<String>("join('a', 1, sep='-')").unwrap(), "a-1");
    /// ```
    pub fn register_raw_fn<Out: IntoHostResult, F: Fn(RawArgs) -> Out + Send + Sync + 'static>(
        &self,
        name: &str,
        f: F,
    ) -> &Self {
        let path = rust_path::<F>(name);
        let body = crate::host::erase_raw_fn(f);
        self.with_vm(|vm| set_builtin_function(vm, name, &path, body));
        self
    }

    /// A weak handle, for host functions that call back into the engine: a registered function
    /// holding an `Engine` clone would keep the interpreter alive forever (a reference cycle).
    ///
    /// ```
    /// let engine = gilpy::Engine::new();
    /// let weak = engine.downgrade();
    /// engine.register_fn("twice", move |code: String| {
    ///     let engine = weak.upgrade().expect("the engine is alive while a script runs");
    ///     engine.eval::<i64>(&code).map(|v| v * 2)
    /// });
    /// assert_eq!(engine.eval::<i64>("twice('20 + 1')").unwrap(), 42);
    /// ```
    pub fn downgrade(&self) -> WeakEngine {
        WeakEngine(Arc::downgrade(&self.shared))
    }

    /// Makes a host type available to every script as a builtin class.
    pub fn register_class<T: Send + 'static>(&self, class: Class<T>) -> Result<&Self, Error> {
        enter(self.state(), |vm| install_builtin_class(vm, class))?;
        Ok(self)
    }

    /// Makes a native module importable (it goes straight into `sys.modules`).
    pub fn register_module(&self, module: Module) -> Result<&Self, Error> {
        enter(self.state(), |vm| module.install(vm))?;
        Ok(self)
    }

    // ----- output -----

    /// Runs `f` (any host code using this engine) and returns its result with what the script
    /// printed meanwhile. Output of every script thread is captured while `f` runs; captures
    /// nest (the innermost gets the output).
    ///
    /// ```
    /// use gilpy::Engine;
    /// let engine = Engine::new();
    /// let out = engine.capture(|| engine.eval::<i64>("print('side effect') or 42"));
    /// assert_eq!(out.value.unwrap(), 42);
    /// assert_eq!(out.stdout, "side effect\n");
    /// ```
    pub fn capture<R>(&self, f: impl FnOnce() -> R) -> Captured<R> {
        struct Pop<'a>(&'a Router, Option<(String, String)>);
        impl Drop for Pop<'_> {
            fn drop(&mut self) {
                if self.1.is_none() {
                    self.0.pop_capture();
                }
            }
        }
        self.shared.router.push_capture();
        let mut pop = Pop(&self.shared.router, None);
        let value = f();
        self.with_vm(gilpy_interpreter::flush_std);
        let (stdout, stderr) = self.shared.router.pop_capture();
        pop.1 = Some((String::new(), String::new()));
        Captured { value, stdout, stderr }
    }

    /// [`Engine::exec`] with its output captured.
    pub fn exec_captured(&self, source: &str) -> Captured<Result<(), Error>> {
        self.capture(|| self.exec(source))
    }

    /// [`Engine::eval`] with its output captured.
    pub fn eval_captured<T: FromPy>(&self, expression: &str) -> Captured<Result<T, Error>> {
        self.capture(|| self.eval(expression))
    }

    /// What the script wrote to stdout since the last call, with [`Output::Buffer`].
    pub fn take_stdout(&self) -> String {
        self.with_vm(gilpy_interpreter::flush_std);
        self.shared.router.take_buffer(STDOUT)
    }

    /// What the script wrote to stderr since the last call, with [`Output::Buffer`].
    pub fn take_stderr(&self) -> String {
        self.with_vm(gilpy_interpreter::flush_std);
        self.shared.router.take_buffer(STDERR)
    }

    /// Redirects stdout from now on.
    pub fn set_stdout(&self, output: Output) {
        self.with_vm(gilpy_interpreter::flush_std);
        self.shared.router.set_target(STDOUT, output);
    }

    /// Redirects stderr from now on.
    pub fn set_stderr(&self, output: Output) {
        self.shared.router.set_target(STDERR, output);
    }

    // ----- the GIL and threads -----

    /// The GIL's statistics so far: per thread, time running, waiting and blocked, hand-offs,
    /// drop requests (what `gilpy --gil-stats` prints; `format_table()` renders it).
    pub fn gil_stats(&self) -> gilpy_interpreter::gil::GilReport {
        self.shared.interp.gil_report()
    }

    /// The GIL timeline as Chrome trace-event JSON (or an HTML page); `None` unless built with
    /// [`EngineBuilder::gil_trace`].
    pub fn gil_trace(&self, html: bool) -> Option<String> {
        self.shared.interp.gil_trace(html)
    }

    /// The check interval now (bytecodes between offers of the GIL).
    pub fn check_interval(&self) -> u32 {
        self.state().gil.check_interval()
    }

    /// Changes the check interval at run time, for every thread.
    pub fn set_check_interval(&self, n: u32) {
        self.state().gil.set_check_interval(n);
    }

    /// Changes the switch interval at run time.
    pub fn set_switch_interval(&self, interval: Duration) {
        self.state().gil.set_switch_interval(interval);
    }

    /// Changes the recursion limit at run time.
    pub fn set_recursion_limit(&self, limit: usize) {
        self.state().recursion_limit.store(limit, std::sync::atomic::Ordering::Relaxed);
    }

    /// Raises `KeyboardInterrupt` in every thread of the script that is running now, and wakes
    /// the ones blocked in `sleep`, lock, `join`, `queue` or pipe waits so they raise it too
    /// (from any thread; see [`Engine::interrupt_handle`] for a handle that outlives borrows).
    ///
    /// ```
    /// use std::time::Duration;
    /// let engine = gilpy::Engine::new();
    /// let stopper = engine.clone();
    /// std::thread::spawn(move || {
    ///     std::thread::sleep(Duration::from_millis(50));
    ///     stopper.interrupt();
    /// });
    /// let err = engine.exec("while True:\n    pass").unwrap_err();
    /// assert_eq!(err.type_name(), "KeyboardInterrupt");
    /// ```
    pub fn interrupt(&self) {
        self.shared.interp.interrupt_handle().interrupt();
    }

    /// A `Send + Sync + Clone` handle another host thread (a watchdog, a UI's stop button) can
    /// use to interrupt the script, as [`Engine::interrupt`] does.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.shared.interp.interrupt_handle()
    }

    /// Re-arms the limits from now (budget and clock restart); also the way to go on after a
    /// limit was exceeded. `Limits::default()` removes them.
    pub fn set_limits(&self, limits: &Limits) {
        self.shared.interp.set_limits(limits);
    }

    /// Which limit stopped the script, if one did.
    pub fn limit_exceeded(&self) -> Option<LimitExceeded> {
        self.shared.interp.limit_exceeded()
    }

    /// Waits for the script's non-daemon threads, runs `atexit` functions and flushes output,
    /// as CPython does when the main module ends. Afterwards only the calling thread may use
    /// the engine: call it once, last.
    pub fn shutdown(&self) {
        self.shared.interp.shutdown();
    }
}

/// A namespace of globals made by [`Engine::new_scope`] (`Send + Sync + Clone`; clones share
/// the namespace).
#[derive(Clone, Debug)]
pub struct Scope(PyObject);

impl Scope {
    /// Sets a variable.
    pub fn set(&self, name: &str, value: impl IntoPy) -> Result<(), Error> {
        self.0.set_item(name, value)
    }

    /// Reads a variable (`KeyError` if it is not set in the scope).
    pub fn get<T: FromPy>(&self, name: &str) -> Result<T, Error> {
        self.0.get_item(name)
    }

    /// The namespace as a Python `dict`.
    pub fn as_object(&self) -> &PyObject {
        &self.0
    }
}

/// A weak reference to an [`Engine`] ([`Engine::downgrade`]).
#[derive(Clone)]
pub struct WeakEngine(std::sync::Weak<Shared>);

impl WeakEngine {
    /// The engine, if some `Engine` handle still exists.
    pub fn upgrade(&self) -> Option<Engine> {
        self.0.upgrade().map(|shared| Engine { shared })
    }
}

/// A global of `__main__`, else a builtin, else `NameError`.
fn lookup_global(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let globals = main_dict(vm);
    let key = Value::str(name);
    if let Some(v) = vm.dict_get_str_value(&globals, &key) {
        return Ok(v);
    }
    let builtins = vm.interp.builtins.clone();
    match vm.dict_get_str_value(&builtins, &key) {
        Some(v) => Ok(v),
        None => Err(vm.name_error(name)),
    }
}
