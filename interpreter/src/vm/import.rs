//! The import system: `sys.modules`, native modules registered with the interpreter, Python
//! modules frozen into the binary, and `.py` files found on `sys.path` (a module runs once; it
//! is in `sys.modules` before its body runs, so circular imports see the partial module).

use std::cell::RefCell;
use std::sync::Arc;

use crate::bytecode::{CodeObject, SourceFile};
use crate::object::{Module, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// A module built into the host as Python source (see `InterpreterBuilder::frozen_module`),
/// with its precompiled code when the build made it.
#[derive(Clone)]
pub struct FrozenModule {
    pub name: String,
    pub source: Arc<str>,
    pub code: Option<&'static [u8]>,
}

thread_local! {
    /// The namespaces (by address) of the modules whose bodies are running on this thread, for
    /// the "partially initialized module" hint of a circular `from x import y`.
    static INITIALIZING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

impl Vm {
    /// A new, empty module object named `name`.
    pub fn new_module(&mut self, name: &str) -> ObjRef {
        let dict = self.new_dict();
        self.dict_set_str_value(&dict, Value::str("__name__"), Value::str(name));
        self.dict_set_str_value(&dict, Value::str("__doc__"), Value::None);
        self.dict_set_str_value(&dict, Value::str("__package__"), Value::None);
        self.dict_set_str_value(&dict, Value::str("__spec__"), Value::None);
        ObjRef::new(Payload::Module(Module { name: Value::str(name), dict }))
    }

    pub fn module_dict(&self, module: &ObjRef) -> Option<ObjRef> {
        match module.payload() {
            Payload::Module(m) => Some(m.dict.clone()),
            _ => None,
        }
    }

    /// `ImportName`: `import a.b.c` gives `a` (or `a.b.c` with a fromlist).
    pub fn import_name(&mut self, name: &Value, fromlist: &Value, level: &Value, globals: &ObjRef) -> PyResult<Value> {
        let name = name.as_str().unwrap_or("").to_string();
        let level = match level {
            Value::Int(i) => *i as usize,
            _ => 0,
        };
        let full = if level > 0 { self.resolve_relative(&name, level, globals)? } else { name.clone() };
        let module = self.import_module(&full)?;
        let has_fromlist = !fromlist.is_none() && self.is_true(fromlist)?;
        if has_fromlist || !full.contains('.') {
            return Ok(module);
        }
        let top = full.split('.').next().unwrap_or("");
        self.import_module(top)
    }

    fn resolve_relative(&mut self, name: &str, level: usize, globals: &ObjRef) -> PyResult<String> {
        let package = self
            .dict_get_str_value(globals, &Value::str("__package__"))
            .and_then(|p| p.as_str().map(String::from))
            .filter(|p| !p.is_empty())
            .or_else(|| {
                let modname = self.dict_get_str_value(globals, &Value::str("__name__"))?.as_str()?.to_string();
                let is_pkg = self.dict_get_str_value(globals, &Value::str("__path__")).is_some();
                if is_pkg {
                    Some(modname)
                } else {
                    modname.rsplit_once('.').map(|(p, _)| p.to_string())
                }
            });
        let Some(package) = package else {
            return Err(self.new_exception_msg("ImportError", "attempted relative import with no known parent package"));
        };
        let mut parts: Vec<&str> = package.split('.').collect();
        if level > parts.len() {
            return Err(self.new_exception_msg("ImportError", "attempted relative import beyond top-level package"));
        }
        parts.truncate(parts.len() + 1 - level);
        let base = parts.join(".");
        Ok(if name.is_empty() { base } else { format!("{base}.{name}") })
    }

    /// Imports a module by its absolute dotted name, parents first. Module bodies run under the
    /// import lock (`vm/lock.rs`), so a thread never sees a module another thread is still
    /// initializing.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        let modules = self.interp.modules.clone();
        if let Some(m) = self.dict_get_str_value(&modules, &Value::str(name)) {
            if !self.interp.import_lock.initializing_elsewhere(name, self.thread_id) {
                return Ok(m);
            }
            // Wait until the other thread has finished running the module's body.
            self.acquire_import_lock();
            self.release_import_lock();
            return Ok(self.dict_get_str_value(&modules, &Value::str(name)).unwrap_or(m));
        }
        self.acquire_import_lock();
        self.interp.import_lock.mark_initializing(name, self.thread_id);
        let result = self.import_module_locked(name);
        self.interp.import_lock.unmark_initializing(name);
        self.release_import_lock();
        result
    }

    fn import_module_locked(&mut self, name: &str) -> PyResult<Value> {
        let modules = self.interp.modules.clone();
        if let Some(m) = self.dict_get_str_value(&modules, &Value::str(name)) {
            return Ok(m);
        }
        let (parent, path) = match name.rsplit_once('.') {
            Some((parent_name, _)) => {
                let p = self.import_module(parent_name)?;
                let path = crate::vm::attr::get_attr_opt(self, &p, "__path__")?;
                (Some((p, parent_name)), path)
            }
            None => (None, None),
        };
        if let Some(m) = self.dict_get_str_value(&modules, &Value::str(name)) {
            return Ok(m);
        }
        let module = if let Some(init) = self.find_native_module(name) {
            let m = init(self)?;
            self.dict_set_str_value(&modules, Value::str(name), Value::Obj(m.clone()));
            Value::Obj(m)
        } else if let Some(frozen) = self.find_frozen_module(name) {
            // A frozen module with frozen submodules is a package without a directory.
            let prefix = format!("{name}.");
            let is_package = self.interp.frozen_modules.lock().iter().any(|m| m.name.starts_with(&prefix));
            let package_dir = is_package.then(String::new);
            self.exec_frozen_module(&frozen, package_dir)?
        } else {
            if let (Some((_, parent_name)), None) = (&parent, &path) {
                let msg = format!("No module named '{name}'; '{parent_name}' is not a package");
                return Err(self.import_error("ModuleNotFoundError", msg, name, None));
            }
            match self.find_module_file(name, path.as_ref())? {
                Some((file, is_package)) => {
                    let text = match std::fs::read_to_string(&file) {
                        Ok(t) => t,
                        Err(e) => return Err(self.new_exception_msg("ImportError", &format!("{file}: {e}"))),
                    };
                    let pkg_dir = if is_package { Some(parent_dir(&file)) } else { None };
                    self.exec_module_source(name, &file, &text, pkg_dir)?
                }
                None => {
                    let portions = self.find_namespace_portions(name, path.as_ref())?;
                    if portions.is_empty() {
                        return Err(self.import_error(
                            "ModuleNotFoundError",
                            format!("No module named '{name}'"),
                            name,
                            None,
                        ));
                    }
                    self.new_namespace_package(name, portions)
                }
            }
        };
        if let Some((parent, _)) = parent {
            let child = name.rsplit_once('.').map(|(_, c)| c).unwrap_or(name);
            self.set_attr(&parent, &Value::str(child), module.clone())?;
        }
        Ok(module)
    }

    fn find_native_module(&self, name: &str) -> Option<crate::vm::NativeModuleInit> {
        self.interp.native_modules.lock().iter().find(|(n, _)| n == name).map(|(_, f)| *f)
    }

    pub(crate) fn find_frozen_module(&self, name: &str) -> Option<FrozenModule> {
        self.interp.frozen_modules.lock().iter().find(|m| m.name == name).cloned()
    }

    /// Looks for `name.py` or `name/__init__.py` in the package path or `sys.path`.
    pub(crate) fn find_module_file(
        &mut self,
        name: &str,
        package_path: Option<&Value>,
    ) -> PyResult<Option<(String, bool)>> {
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let dirs: Vec<String> = match package_path {
            Some(p) => self.iterate(p)?.iter().filter_map(|d| d.as_str().map(String::from)).collect(),
            None => self.sys_path()?,
        };
        for dir in dirs {
            // '' is the current directory; like CPython, the module's `__file__` is then absolute.
            let base = if dir.is_empty() { current_dir() } else { dir };
            let pkg_init = format!("{base}/{leaf}/__init__.py");
            if std::path::Path::new(&pkg_init).is_file() {
                return Ok(Some((pkg_init, true)));
            }
            let file = format!("{base}/{leaf}.py");
            if std::path::Path::new(&file).is_file() {
                return Ok(Some((file, false)));
            }
        }
        Ok(None)
    }

    /// The directories named like the module's last part and holding no `__init__.py`: together
    /// they make a namespace package (PEP 420), used when no module or regular package is found.
    pub(crate) fn find_namespace_portions(
        &mut self,
        name: &str,
        package_path: Option<&Value>,
    ) -> PyResult<Vec<String>> {
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let dirs: Vec<String> = match package_path {
            Some(p) => self.iterate(p)?.iter().filter_map(|d| d.as_str().map(String::from)).collect(),
            None => self.sys_path()?,
        };
        Ok(dirs
            .into_iter()
            .map(|dir| format!("{}/{leaf}", if dir.is_empty() { current_dir() } else { dir }))
            .filter(|candidate| std::path::Path::new(candidate).is_dir())
            .collect())
    }

    fn new_namespace_package(&mut self, name: &str, portions: Vec<String>) -> Value {
        let module = self.new_module(name);
        let dict = self.module_dict(&module).expect("a new module has a dict");
        let path = self.new_list(portions.into_iter().map(Value::string).collect());
        self.dict_set_str_value(&dict, Value::str("__path__"), path);
        self.dict_set_str_value(&dict, Value::str("__package__"), Value::str(name));
        self.dict_set_str_value(&dict, Value::str("__file__"), Value::None);
        let modules = self.interp.modules.clone();
        self.dict_set_str_value(&modules, Value::str(name), Value::Obj(module.clone()));
        Value::Obj(module)
    }

    fn sys_path(&mut self) -> PyResult<Vec<String>> {
        let sys = self.interp.sys.borrow(self).clone();
        let Some(sys) = sys else { return Ok(vec![]) };
        let path = crate::vm::attr::get_attr_opt(self, &Value::Obj(sys), "path")?;
        match path {
            Some(p) => Ok(self.iterate(&p)?.iter().filter_map(|d| d.as_str().map(String::from)).collect()),
            None => Ok(vec![]),
        }
    }

    /// Compiles and runs module source as module `name`, registered in `sys.modules` first.
    pub fn exec_module_source(
        &mut self,
        name: &str,
        filename: &str,
        text: &str,
        package_dir: Option<String>,
    ) -> PyResult<Value> {
        let code = match crate::compile::compile_source(text, filename, crate::compile::Mode::Exec) {
            Ok(c) => Arc::new(c),
            Err(e) => return Err(self.syntax_error_from(&e, filename)),
        };
        self.exec_module_code(name, filename, code, package_dir)
    }

    /// Runs a frozen module's precompiled code, or compiles its source when it has none.
    fn exec_frozen_module(&mut self, frozen: &FrozenModule, package_dir: Option<String>) -> PyResult<Value> {
        let filename = format!("<frozen {}>", frozen.name);
        let loaded = frozen.code.and_then(|bytes| {
            let source = SourceFile::new(&filename, &frozen.source);
            crate::marshal::load_code(bytes, &source).ok()
        });
        match loaded {
            Some(code) => self.exec_module_code(&frozen.name, &filename, Arc::new(code), package_dir),
            None => self.exec_module_source(&frozen.name, &filename, &frozen.source, package_dir),
        }
    }

    /// Runs `code` as the body of a new module `name`, registered in `sys.modules` meanwhile.
    fn exec_module_code(
        &mut self,
        name: &str,
        filename: &str,
        code: Arc<CodeObject>,
        package_dir: Option<String>,
    ) -> PyResult<Value> {
        let module = self.new_module(name);
        let dict = self.module_dict(&module).expect("module dict");
        self.dict_set_str_value(&dict, Value::str("__file__"), Value::str(filename));
        self.dict_set_str_value(&dict, Value::str("__builtins__"), Value::Obj(self.interp.builtins.clone()));
        match &package_dir {
            Some(dir) => {
                // An empty `dir` is a frozen package: its submodules are frozen too.
                let entries = if dir.is_empty() { vec![] } else { vec![Value::str(dir)] };
                let path = self.new_list(entries);
                self.dict_set_str_value(&dict, Value::str("__path__"), path);
                self.dict_set_str_value(&dict, Value::str("__package__"), Value::str(name));
            }
            None => {
                let package = name.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
                self.dict_set_str_value(&dict, Value::str("__package__"), Value::str(package));
            }
        }
        let modules = self.interp.modules.clone();
        self.dict_set_str_value(&modules, Value::str(name), Value::Obj(module.clone()));
        INITIALIZING.with(|m| m.borrow_mut().push(dict.addr()));
        let result = crate::vm::eval::run_code_in(self, code, dict.clone(), None);
        INITIALIZING.with(|m| m.borrow_mut().retain(|&addr| addr != dict.addr()));
        if let Err(e) = result {
            self.dict_del_str_value(&modules, &Value::str(name));
            return Err(e);
        }
        // The module may have replaced itself in sys.modules.
        Ok(self.dict_get_str_value(&modules, &Value::str(name)).unwrap_or(Value::Obj(module)))
    }

    /// `from module import name`.
    pub fn import_from(&mut self, module: &Value, name: &Value) -> PyResult<Value> {
        if let Some(v) = crate::vm::attr::get_attr_opt(self, module, name.as_str().unwrap_or(""))? {
            return Ok(v);
        }
        let modname = crate::vm::attr::get_attr_opt(self, module, "__name__")?
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_else(|| "?".into());
        let attr = name.as_str().unwrap_or("?");
        let sub = format!("{modname}.{attr}");
        if crate::vm::attr::get_attr_opt(self, module, "__path__")?.is_some() {
            match self.import_module(&sub) {
                Ok(m) => return Ok(m),
                // Only "there is no such submodule" becomes "cannot import name": an error
                // while running the submodule is the user's to see.
                Err(e) if self.err_matches(&e, "ModuleNotFoundError") => {}
                Err(e) => return Err(e),
            }
        }
        let file = crate::vm::attr::get_attr_opt(self, module, "__file__")?.and_then(|f| f.as_str().map(String::from));
        let location = file.clone().unwrap_or_else(|| "unknown location".into());
        let initializing = match module.payload() {
            Some(Payload::Module(m)) => INITIALIZING.with(|i| i.borrow().contains(&m.dict.addr())),
            _ => false,
        };
        let msg = if initializing {
            format!("cannot import name '{attr}' from partially initialized module '{modname}' (most likely due to a circular import) ({location})")
        } else {
            format!("cannot import name '{attr}' from '{modname}' ({location})")
        };
        Err(self.import_error("ImportError", msg, &modname, file))
    }

    /// An `ImportError` (or subclass `class_name`) with its `name` and `path` attributes set.
    pub fn import_error(&self, class_name: &str, msg: String, name: &str, path: Option<String>) -> crate::vm::PyErr {
        let err = self.new_exception_msg(class_name, &msg);
        let path = path.map(Value::string).unwrap_or(Value::None);
        crate::builtins::exceptions::set_import_error_attrs(
            self,
            &err.value(),
            Value::string(msg),
            Value::str(name),
            path,
        );
        err
    }

    /// `from module import *`.
    pub fn import_star(&mut self, module: &Value, ns: &ObjRef) -> PyResult<()> {
        let names: Vec<Value> = match crate::vm::attr::get_attr_opt(self, module, "__all__")? {
            Some(all) => self.iterate(&all)?,
            None => {
                let dict = match module.payload() {
                    Some(Payload::Module(m)) => m.dict.clone(),
                    _ => return Ok(()),
                };
                let keys = match dict.payload() {
                    Payload::Dict(d) => d.borrow(self).keys(),
                    _ => vec![],
                };
                keys.into_iter().filter(|k| k.as_str().is_some_and(|s| !s.starts_with('_'))).collect()
            }
        };
        for name in names {
            let v = self.get_attr(module, &name)?;
            self.namespace_set(ns, name, v)?;
        }
        Ok(())
    }

    /// A Python `SyntaxError` (or `IndentationError`/`TabError`) from a parser error.
    pub fn syntax_error_from(&mut self, err: &gilpy_grammar::SyntaxError, filename: &str) -> crate::vm::PyErr {
        let class_name = match err.kind {
            gilpy_grammar::SyntaxErrorKind::Syntax => "SyntaxError",
            gilpy_grammar::SyntaxErrorKind::Indentation => "IndentationError",
            gilpy_grammar::SyntaxErrorKind::Tab => "TabError",
        };
        let class = self.exc_class(class_name);
        let details = Value::tuple(vec![
            Value::str(filename),
            Value::Int(err.lineno as i64),
            Value::Int(err.offset as i64),
            err.text.as_deref().map(Value::str).unwrap_or(Value::None),
        ]);
        let exc = self.new_exception(class, vec![Value::str(&err.msg), details]);
        if let Payload::Instance(inst) = exc.0.payload() {
            let d = inst.dict.clone();
            self.dict_set_str_value(&d, Value::str("msg"), Value::str(&err.msg));
            self.dict_set_str_value(&d, Value::str("filename"), Value::str(filename));
            self.dict_set_str_value(&d, Value::str("lineno"), Value::Int(err.lineno as i64));
            self.dict_set_str_value(&d, Value::str("offset"), Value::Int(err.offset as i64));
            self.dict_set_str_value(&d, Value::str("end_lineno"), Value::Int(err.end_lineno as i64));
            self.dict_set_str_value(&d, Value::str("end_offset"), Value::Int(err.end_offset as i64));
            let text = err.text.as_deref().map(Value::str).unwrap_or(Value::None);
            self.dict_set_str_value(&d, Value::str("text"), text);
        }
        exc
    }

    /// A builtin by name (`__build_class__` ...).
    pub fn builtin(&mut self, name: &str) -> PyResult<Value> {
        let b = self.interp.builtins.clone();
        match self.dict_get_str_value(&b, &Value::str(name)) {
            Some(v) => Ok(v),
            None => Err(self.name_error(name)),
        }
    }

    /// The REPL's echo of an expression statement.
    pub fn print_expr(&mut self, v: &Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let r = self.repr_of(v)?;
        self.write_stdout(&format!("{r}\n"))?;
        let b = self.interp.builtins.clone();
        self.dict_set_str_value(&b, Value::str("_"), v.clone());
        Ok(())
    }

    /// Writes to `sys.stdout` (the interpreter's sink unless a script replaced it).
    pub fn write_stdout(&mut self, s: &str) -> PyResult<()> {
        let sys = self.interp.sys.borrow(self).clone();
        let stdout = match sys {
            Some(sys) => crate::vm::attr::get_attr_opt(self, &Value::Obj(sys), "stdout")?,
            None => None,
        };
        match stdout {
            Some(out) if !out.is_none() => {
                self.call_method(&out, "write", &[Value::str(s)])?;
                Ok(())
            }
            _ => {
                use std::io::Write;
                let _ = self.interp.stdout.lock().write_all(s.as_bytes());
                Ok(())
            }
        }
    }

    pub fn call_native_args(&mut self, f: &Value, items: &[Value]) -> PyResult<Value> {
        self.call(f, Args::new(items))
    }
}

fn parent_dir(file: &str) -> String {
    std::path::Path::new(file).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

fn current_dir() -> String {
    std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_else(|_| ".".to_string())
}
