//! Running code the way the `gilpy` command does: a script, a `-c` string or a module found on
//! `sys.path` as `__main__`, REPL inputs echoed in `__main__`'s namespace, name completion for the
//! REPL, keyboard interrupts, and the `exit`/`quit` builtins CPython's `site` adds.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::compile::Mode;
use crate::interp::{flush_std, Interpreter};
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::{Args, PyErr, Vm, EVAL_BREAKER_INTERRUPT};

/// How running a program or one REPL input ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOutcome {
    Finished,
    /// An uncaught exception: its CPython-shaped traceback, to print on stderr.
    Raised {
        traceback: String,
        keyboard_interrupt: bool,
    },
    /// `SystemExit`: the exit status, the text to print on stderr (`sys.exit("msg")`), and the
    /// traceback `python3 -i` shows before its prompt.
    Exit {
        code: i32,
        message: String,
        traceback: String,
    },
}

/// Where `-m NAME` found its code.
struct ModuleSource {
    filename: String,
    text: String,
    package: String,
}

/// `exit` and `quit`. The `raise` sits on line 26, where CPython's `_sitebuiltins` has it, so
/// a traceback through `exit()` (shown by `-i`) reads the same.
const SITE_BUILTINS: &str = r#""""The builtins CPython's site module adds: exit and quit."""
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#


class Quitter:
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof
    def __repr__(self):
        return 'Use %s() or %s to exit' % (self.name, self.eof)
    def __call__(self, code=None):
        raise SystemExit(code)
"#;

impl Interpreter {
    /// Runs `source` as the `__main__` module (a script, `-c` code, a program read from stdin).
    pub fn run_as_main(&self, filename: &str, source: &str) -> RunOutcome {
        self.with_vm(|vm| {
            let result = exec_as_main(vm, filename, source, None);
            outcome(vm, result)
        })
    }

    /// `-m NAME`: finds module `NAME` as `import` would (a package runs its `__main__` submodule),
    /// sets `sys.argv[0]` to its file and runs it as `__main__`. `Err` is the message CPython
    /// prints when there is nothing to run (`No module named NAME`).
    pub fn run_module_as_main(&self, name: &str) -> Result<RunOutcome, String> {
        self.with_vm(|vm| {
            let found = match find_main_module(vm, name) {
                Ok(found) => found,
                Err(NoMainModule::Message(message)) => return Err(message),
                Err(NoMainModule::Raised(err)) => return Ok(outcome(vm, Err(err))),
            };
            set_argv0(vm, &found.filename);
            let result = exec_as_main(vm, &found.filename, &found.text, Some(&found.package));
            Ok(outcome(vm, result))
        })
    }

    /// Runs one complete REPL input in `__main__`'s namespace: expression statements print their
    /// repr (and set `builtins._`), as CPython's interactive mode does.
    pub fn run_interactive(&self, source: &str) -> RunOutcome {
        self.with_vm(|vm| {
            let result = (|| {
                let code = match crate::compile::compile_source(source, "<stdin>", Mode::Interactive) {
                    Ok(code) => Arc::new(code),
                    Err(e) => return Err(vm.syntax_error_from(&e, "<stdin>")),
                };
                let globals = main_globals(vm);
                crate::vm::eval::run_code_in(vm, code, globals, None).map(|_| ())
            })();
            if let Err(err) = &result {
                remember_last_exception(vm, err);
            }
            outcome(vm, result)
        })
    }

    /// `sys.ps1` (or `sys.ps2` for a continuation line) as a string, `>>> `/`... ` by default.
    pub fn prompt(&self, continuation: bool) -> String {
        let (name, default) = if continuation { ("ps2", "... ") } else { ("ps1", ">>> ") };
        self.with_vm(|vm| {
            let sys = vm.interp.sys.borrow(vm).clone();
            let value = sys.and_then(|sys| crate::vm::attr::get_attr_opt(vm, &Value::Obj(sys), name).ok().flatten());
            match value {
                Some(v) => vm.str_of(&v).unwrap_or_else(|_| default.to_string()),
                None => default.to_string(),
            }
        })
    }

    /// Sets `sys.ps1`/`sys.ps2` where a script has not, as interactive CPython does, so code
    /// can read and change them.
    pub fn set_default_prompts(&self) {
        self.with_vm(|vm| {
            let sys = vm.interp.sys.borrow(vm).clone();
            let Some(sys) = sys.map(Value::Obj) else { return };
            for (name, default) in [("ps1", ">>> "), ("ps2", "... ")] {
                if matches!(crate::vm::attr::get_attr_opt(vm, &sys, name), Ok(None)) {
                    let _ = vm.set_attr(&sys, &Value::str(name), Value::str(default));
                }
            }
        })
    }

    /// Completions for the identifier or dotted name ending `text` (the REPL's Tab key), like
    /// CPython's `rlcompleter`: keywords, `__main__` globals and builtins for a plain name; for
    /// `expr.attr`, the names `dir(expr)` lists. Callables get a `(` appended.
    pub fn complete(&self, text: &str) -> Vec<String> {
        self.with_vm(|vm| match text.rsplit_once('.') {
            Some((base, attr)) => complete_attribute(vm, base, attr),
            None => complete_name(vm, text),
        })
    }

    /// Asks the running code to raise `KeyboardInterrupt` at its next check. Only touches an
    /// atomic, so it is safe to call from a signal handler.
    pub fn interrupt(&self) {
        self.state().eval_breaker.fetch_or(EVAL_BREAKER_INTERRUPT, Ordering::SeqCst);
    }

    /// Drops an interrupt that arrived while no code was running.
    pub fn clear_interrupt(&self) {
        self.state().eval_breaker.fetch_and(!EVAL_BREAKER_INTERRUPT, Ordering::SeqCst);
    }

    /// Adds the builtins CPython's `site` module provides: `exit` and `quit`.
    pub fn install_site_builtins(&self) {
        self.with_vm(|vm| {
            let Ok(module) = vm.exec_module_source("_sitebuiltins", "<frozen _sitebuiltins>", SITE_BUILTINS, None)
            else {
                return;
            };
            let Ok(quitter) = vm.get_attr(&module, &Value::str("Quitter")) else {
                return;
            };
            let builtins = vm.interp.builtins.clone();
            for name in ["exit", "quit"] {
                let args = [Value::str(name), Value::str("Ctrl-D (i.e. EOF)")];
                if let Ok(q) = vm.call(&quitter, Args::new(&args)) {
                    vm.dict_set_str_value(&builtins, Value::str(name), q);
                }
            }
        })
    }
}

fn outcome(vm: &mut Vm, result: Result<(), PyErr>) -> RunOutcome {
    let out = match result {
        Ok(()) => RunOutcome::Finished,
        Err(err) if vm.err_matches(&err, "SystemExit") => {
            let (message, code) = crate::interp::handle_uncaught(vm, &err);
            RunOutcome::Exit { code, message, traceback: crate::vm::errors::format_exception(vm, &err) }
        }
        Err(err) => {
            let keyboard_interrupt = vm.err_matches(&err, "KeyboardInterrupt");
            flush_std(vm);
            RunOutcome::Raised { traceback: crate::vm::errors::format_exception(vm, &err), keyboard_interrupt }
        }
    };
    flush_std(vm);
    out
}

/// `sys.last_type`, `sys.last_value`, `sys.last_traceback`: the REPL's last uncaught exception,
/// for post-mortem inspection.
fn remember_last_exception(vm: &mut Vm, err: &PyErr) {
    let sys = vm.interp.sys.borrow(vm).clone();
    let Some(sys) = sys else { return };
    let sys = Value::Obj(sys);
    let class = Value::Obj(vm.class_of(&err.value()));
    for (name, value) in [("last_type", class), ("last_value", err.value()), ("last_traceback", Value::None)] {
        let _ = vm.set_attr(&sys, &Value::str(name), value);
    }
}

/// `sys.modules['__main__']`'s namespace, made on first use (the REPL without a script).
fn main_globals(vm: &mut Vm) -> ObjRef {
    let modules = vm.interp.modules.clone();
    if let Some(Value::Obj(module)) = vm.dict_get_str_value(&modules, &Value::str("__main__")) {
        if let Some(dict) = vm.module_dict(&module) {
            return dict;
        }
    }
    let module = vm.new_module("__main__");
    let dict = vm.module_dict(&module).expect("a new module has a dict");
    set_main_builtins(vm, &dict);
    vm.dict_set_str_value(&modules, Value::str("__main__"), Value::Obj(module));
    dict
}

/// Compiles and runs `source` as a fresh `__main__` module registered in `sys.modules`.
/// `package` is `__package__`: `None` for a script, the parent package (maybe '') for `-m`.
fn exec_as_main(vm: &mut Vm, filename: &str, source: &str, package: Option<&str>) -> Result<(), PyErr> {
    let code = match crate::compile::compile_source(source, filename, Mode::Exec) {
        Ok(code) => Arc::new(code),
        Err(e) => return Err(vm.syntax_error_from(&e, filename)),
    };
    let module = vm.new_module("__main__");
    let dict = vm.module_dict(&module).expect("a new module has a dict");
    // `-c` code has no `__file__`; a program read from stdin has `'<stdin>'`, as in CPython.
    if filename != "<string>" {
        vm.dict_set_str_value(&dict, Value::str("__file__"), Value::str(filename));
    }
    if let Some(package) = package {
        vm.dict_set_str_value(&dict, Value::str("__package__"), Value::str(package));
    }
    set_main_builtins(vm, &dict);
    let modules = vm.interp.modules.clone();
    vm.dict_set_str_value(&modules, Value::str("__main__"), Value::Obj(module));
    crate::vm::eval::run_code_in(vm, code, dict, None).map(|_| ())
}

/// Why `-m` has nothing to run: a one-line message, or an exception a parent package raised.
enum NoMainModule {
    Message(String),
    Raised(PyErr),
}

/// Locates the code `-m name` runs. Parent packages are imported (their `__init__` runs) as in
/// CPython; a package itself runs its `__main__` submodule.
fn find_main_module(vm: &mut Vm, name: &str) -> Result<ModuleSource, NoMainModule> {
    use NoMainModule::{Message, Raised};
    if name.is_empty() || name.starts_with('.') {
        return Err(Message("Relative module names not supported".into()));
    }
    let spec_error =
        |detail: String| Message(format!("Error while finding module specification for '{name}' ({detail})"));
    let (parent, search_path) = match name.rsplit_once('.') {
        Some((parent, _)) => {
            let package = match vm.import_module(parent) {
                Ok(package) => package,
                Err(err) if vm.err_matches(&err, "ImportError") => {
                    let detail = crate::vm::errors::exception_summary(vm, &err);
                    return Err(spec_error(detail));
                }
                Err(err) => return Err(Raised(err)),
            };
            match crate::vm::attr::get_attr_opt(vm, &package, "__path__") {
                Ok(Some(path)) => (parent.to_string(), Some(path)),
                Ok(None) => {
                    let detail = format!(
                        "ModuleNotFoundError: __path__ attribute not found on '{parent}' while trying to find '{name}'"
                    );
                    return Err(spec_error(detail));
                }
                Err(err) => return Err(Raised(err)),
            }
        }
        None => (String::new(), None),
    };
    if let Some(frozen) = vm.find_frozen_module(name) {
        return Ok(ModuleSource {
            filename: format!("<frozen {name}>"),
            text: frozen.source.to_string(),
            package: parent,
        });
    }
    let mut found = vm.find_module_file(name, search_path.as_ref()).map_err(Raised)?;
    if found.is_none() && !vm.find_namespace_portions(name, search_path.as_ref()).map_err(Raised)?.is_empty() {
        found = Some((String::new(), true));
    }
    match found {
        Some((_, true)) => {
            let main = format!("{name}.__main__");
            match find_main_module(vm, &main) {
                Err(Message(_)) => Err(Message(format!(
                    "No module named {main}; '{name}' is a package and cannot be directly executed"
                ))),
                other => other,
            }
        }
        Some((file, false)) => match std::fs::read_to_string(&file) {
            Ok(text) => Ok(ModuleSource { filename: file, text, package: parent }),
            Err(e) => Err(Message(format!("can't open file '{file}': {e}"))),
        },
        None if vm.has_native_module(name) => Err(Message(format!("No code object available for {name}"))),
        None => Err(Message(format!("No module named {name}"))),
    }
}

fn set_argv0(vm: &mut Vm, filename: &str) {
    let sys = vm.interp.sys.borrow(vm).clone();
    let Some(sys) = sys else { return };
    if let Ok(Some(argv)) = crate::vm::attr::get_attr_opt(vm, &Value::Obj(sys), "argv") {
        let _ = vm.set_item(&argv, Value::Int(0), Value::str(filename));
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn complete_name(vm: &mut Vm, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = KEYWORDS.iter().filter(|k| k.starts_with(prefix)).map(|k| k.to_string()).collect();
    let globals = main_globals(vm);
    let builtins = vm.interp.builtins.clone();
    for namespace in [globals, builtins] {
        for (name, value) in namespace_items(vm, &namespace) {
            if name.starts_with(prefix) && !found.iter().any(|f| f.trim_end_matches('(') == name) {
                found.push(decorate(vm, name, &value));
            }
        }
    }
    found.sort();
    found
}

fn complete_attribute(vm: &mut Vm, base: &str, prefix: &str) -> Vec<String> {
    let is_dotted_name = !base.is_empty()
        && base.split('.').all(|part| {
            part.chars().next().is_some_and(|c| !c.is_ascii_digit())
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
    if !is_dotted_name {
        return vec![];
    }
    let Ok(code) = crate::compile::compile_source(base, "<completion>", Mode::Eval) else {
        return vec![];
    };
    let globals = main_globals(vm);
    let Ok(object) = crate::vm::eval::run_code_in(vm, Arc::new(code), globals, None) else {
        return vec![];
    };
    let Ok(dir) = vm.builtin("dir") else { return vec![] };
    let Ok(names) = vm.call(&dir, Args::new(std::slice::from_ref(&object))).and_then(|list| vm.iterate(&list)) else {
        return vec![];
    };
    let mut found = Vec::new();
    for name in names {
        let Some(name) = name.as_str().map(String::from) else {
            continue;
        };
        // Like rlcompleter: private names only once the user typed the underscore.
        if !name.starts_with(prefix) || (prefix.is_empty() && name.starts_with('_')) {
            continue;
        }
        let value = crate::vm::attr::get_attr_opt(vm, &object, &name).ok().flatten().unwrap_or(Value::None);
        found.push(format!("{base}.{}", decorate(vm, name, &value)));
    }
    found.sort();
    found
}

fn namespace_items(vm: &mut Vm, namespace: &ObjRef) -> Vec<(String, Value)> {
    let keys = match vm.iterate(&Value::Obj(namespace.clone())) {
        Ok(keys) => keys,
        Err(_) => return vec![],
    };
    keys.into_iter()
        .filter_map(|k| {
            let value = vm.dict_get_str_value(namespace, &k)?;
            Some((k.as_str()?.to_string(), value))
        })
        .collect()
}

fn decorate(vm: &Vm, name: String, value: &Value) -> String {
    if crate::builtins::functions::is_callable(vm, value) {
        format!("{name}(")
    } else {
        name
    }
}

impl Vm {
    /// Is `name` a module implemented in Rust (registered, or built in like `sys`)?
    pub fn has_native_module(&self, name: &str) -> bool {
        let loaded = self.dict_get_str_value(&self.interp.modules, &Value::str(name)).is_some();
        loaded || self.interp.native_modules.lock().iter().any(|(n, _)| n == name)
    }
}

/// As in CPython, `__main__.__builtins__` is the `builtins` module (imported modules get its dict).
fn set_main_builtins(vm: &mut Vm, dict: &ObjRef) {
    let builtins = vm.import_module("builtins").unwrap_or_else(|_| Value::Obj(vm.interp.builtins.clone()));
    vm.dict_set_str_value(dict, Value::str("__builtins__"), builtins);
}
