//! Calling: Python functions (argument binding into a new frame), natives, bound methods,
//! classes (instance creation, `__new__`/`__init__`), callable instances; making functions and
//! classes (`__build_class__`, `type(name, bases, ns)`).

use std::sync::Arc;

use crate::builtins::types::TypeId;
use crate::bytecode::CodeObject;
use crate::object::{
    BaseState, Class, ClassFlags, DictData, ExceptionData, Function, GilCell, Instance, ObjRef, Payload,
};
use crate::value::Value;
use crate::vm::attr::{class_name, compute_mro_tail, lookup_mro, lookup_special};
use crate::vm::eval::{new_cell, run_frame, FrameExit};
use crate::vm::frame::{Frame, FrameBuffers};
use crate::vm::{Args, Vm};
use crate::PyResult;
use std::borrow::Cow;

impl Vm {
    pub fn call(&mut self, callable: &Value, args: Args<'_>) -> PyResult<Value> {
        let Some(o) = callable.as_obj() else {
            return Err(self.type_error(format!("'{}' object is not callable", self.type_name(callable))));
        };
        match o.payload() {
            Payload::Function(f) => call_function(self, f, args),
            Payload::NativeFunction(nf) => match &nf.bound {
                None => (nf.func)(self, args),
                Some(receiver) => with_prepended(receiver, args, |args| (nf.func)(self, args)),
            },
            Payload::BoundMethod(m) => with_prepended(&m.receiver, args, |args| self.call(&m.func, args)),
            Payload::Class(_) => call_class(self, o, args),
            Payload::StaticMethod(f) => self.call(f, args),
            _ => match lookup_special(self, callable, "__call__") {
                Some(f) => with_prepended(callable, args, |args| self.call(&f, args)),
                None => Err(self.type_error(format!("'{}' object is not callable", self.type_name(callable)))),
            },
        }
    }

    pub fn call0(&mut self, f: &Value) -> PyResult<Value> {
        self.call(f, Args::new(&[]))
    }

    pub fn call1(&mut self, f: &Value, a: Value) -> PyResult<Value> {
        self.call(f, Args::new(&[a]))
    }

    /// `obj.name(*args)`.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let (f, receiver) = self.load_method(obj.clone(), &Value::str(name))?;
        match receiver {
            Some(r) => with_prepended(&r, Args::new(args), |args| self.call(&f, args)),
            None => self.call(&f, Args::new(args)),
        }
    }

    /// `f(*args, **kwargs)` with an args tuple and an optional kwargs dict.
    pub fn call_ex(&mut self, func: &Value, args: &Value, kwargs: Option<&Value>) -> PyResult<Value> {
        let mut items = match args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => self.iterate(args).map_err(|e| crate::vm::eval::star_arg_error(self, e, args, Some(func)))?,
        };
        let mut kwnames = Vec::new();
        if let Some(kw) = kwargs {
            let pairs = match kw.payload() {
                Some(Payload::Dict(d)) => d.borrow(self).items(),
                _ => Vec::new(),
            };
            for (k, v) in pairs {
                if k.as_str().is_none() {
                    return Err(self.type_error("keywords must be strings"));
                }
                kwnames.push(k);
                items.push(v);
            }
        }
        self.call(func, Args { items: &items, kwnames: &kwnames })
    }

    /// `f(**mapping)` merging into the call's keyword dict: errors name the function as
    /// CPython does (`__main__.f() got multiple values for keyword argument 'a'`).
    pub fn dict_merge_call_kwargs(&mut self, func: &Value, dict: &Value, mapping: &Value) -> PyResult<()> {
        let is_mapping = matches!(mapping.payload(), Some(Payload::Dict(_)))
            || crate::vm::attr::get_attr_opt(self, mapping, "keys")?.is_some();
        if !is_mapping {
            let f = function_str(self, func);
            return Err(
                self.type_error(format!("{f} argument after ** must be a mapping, not {}", self.type_name(mapping)))
            );
        }
        let Some(d) = dict.as_obj().cloned() else { return Ok(()) };
        let staged = self.new_dict();
        self.dict_update_from(&Value::Obj(staged.clone()), mapping, false)?;
        let pairs = match staged.payload() {
            Payload::Dict(s) => s.borrow(self).items(),
            _ => vec![],
        };
        for (k, v) in pairs {
            if k.as_str().is_none() {
                return Err(self.type_error("keywords must be strings"));
            }
            if self.dict_get(&d, &k)?.is_some() {
                let f = function_str(self, func);
                return Err(self.type_error(format!(
                    "{f} got multiple values for keyword argument '{}'",
                    k.as_str().unwrap_or("?")
                )));
            }
            self.dict_set(&d, k, v)?;
        }
        Ok(())
    }

    /// `MakeFunction`: a function object for `code` with its defaults and closure.
    pub fn make_function(
        &mut self,
        code: &Value,
        globals: &ObjRef,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        closure: Option<Value>,
    ) -> PyResult<Value> {
        let Some(code) = self.code_of(code) else {
            return Err(self.type_error("MakeFunction expects a code object"));
        };
        let defaults = defaults.and_then(|d| match d.payload() {
            Some(Payload::Tuple(t)) => Some(t.clone()),
            _ => None,
        });
        let kwdefaults = kwdefaults.and_then(|d| d.as_obj().cloned());
        let closure: Box<[ObjRef]> = match closure.as_ref().and_then(|c| c.payload()) {
            Some(Payload::Tuple(t)) => t.iter().filter_map(|c| c.as_obj().cloned()).collect(),
            _ => Box::new([]),
        };
        let module = self.dict_get_str_value(globals, &Value::str("__name__")).unwrap_or(Value::None);
        let doc = match code.consts.first() {
            Some(v @ Value::Obj(_)) if v.as_str().is_some() && code_has_docstring(&code) => v.clone(),
            _ => Value::None,
        };
        let f = Function {
            name: GilCell::new(Value::str(&code.name)),
            qualname: GilCell::new(Value::str(&code.qualname)),
            code,
            globals: globals.clone(),
            defaults: GilCell::new(defaults),
            kwdefaults: GilCell::new(kwdefaults),
            closure,
            dict: GilCell::new(None),
            module,
            doc: GilCell::new(doc),
        };
        Ok(crate::gc::track(self, ObjRef::new(Payload::Function(f))))
    }
}

/// How CPython names a callable in call errors: `__main__.f()`, `print()`, `list.append()`.
pub fn function_str(vm: &mut Vm, func: &Value) -> String {
    let qualname = match crate::vm::attr::get_attr_opt(vm, func, "__qualname__") {
        Ok(Some(q)) if q.as_str().is_some() => q.as_str().unwrap_or("?").to_string(),
        _ => return format!("{} object", vm.type_name(func)),
    };
    match crate::vm::attr::get_attr_opt(vm, func, "__module__") {
        Ok(Some(m)) if m.as_str().is_some_and(|m| m != "builtins") => {
            format!("{}.{qualname}()", m.as_str().unwrap_or(""))
        }
        _ => format!("{qualname}()"),
    }
}

/// The compiler stores a function's docstring as `consts[0]` and says so in the flags.
fn code_has_docstring(code: &CodeObject) -> bool {
    code.flags.has_docstring
}

/// Runs `f` with `first` put before the positional arguments: on the stack for the usual few
/// arguments (a method call must not cost an allocation), in a vector beyond that.
#[inline]
pub(crate) fn with_prepended<R>(first: &Value, args: Args<'_>, f: impl FnOnce(Args<'_>) -> R) -> R {
    const ON_STACK: usize = 6;
    let n = args.items.len();
    if n < ON_STACK {
        let mut items: [Value; ON_STACK] = Default::default();
        items[0] = first.clone();
        items[1..=n].clone_from_slice(args.items);
        return f(Args { items: &items[..=n], kwnames: args.kwnames });
    }
    let items = prepend(first, args.items);
    f(Args { items: &items, kwnames: args.kwnames })
}

fn prepend(first: &Value, rest: &[Value]) -> Vec<Value> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first.clone());
    v.extend_from_slice(rest);
    v
}

/// Calls a Python function: binds arguments, sets up cells, runs the frame (or makes a
/// generator).
pub fn call_function(vm: &mut Vm, f: &Function, args: Args<'_>) -> PyResult<Value> {
    if vm.depth >= vm.recursion_limit() || vm.stack_exhausted() {
        return Err(vm.recursion_error());
    }
    let code = &f.code;
    let id = vm.new_frame_id();
    let buffers = vm.frame_buffers.pop().unwrap_or_default();
    let mut frame = Frame::with_buffers(Cow::Borrowed(code), Cow::Borrowed(&f.globals), None, id, buffers);
    bind_arguments(vm, f, code, &mut frame.locals, args)?;
    if !code.cellvars.is_empty() || !code.freevars.is_empty() {
        let mut cells = Vec::with_capacity(code.cellvars.len() + code.freevars.len());
        for (i, _) in code.cellvars.iter().enumerate() {
            let initial = match code.cell2arg.get(i).copied().flatten() {
                Some(arg) => std::mem::replace(&mut frame.locals[arg as usize], Value::Undefined),
                None => Value::Undefined,
            };
            cells.push(new_cell(initial));
        }
        cells.extend(f.closure.iter().cloned());
        frame.cells = cells.into_boxed_slice();
    }
    if code.flags.generator {
        return Ok(crate::vm::generator::new_generator(vm, frame.into_owned(), f));
    }
    vm.depth += 1;
    let result = run_frame(vm, &mut frame);
    vm.depth -= 1;
    // Taken apart where it lies: a method taking the frame by value moved all 144 bytes of it
    // (a `memcpy` per call).
    let Frame { stack, locals, cells, blocks, namespace, .. } = frame;
    drop((cells, namespace));
    FrameBuffers::keep(stack, locals, blocks, &mut vm.frame_buffers);
    crate::vm::finalize::run_if_pending(vm);
    match result? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.runtime_error("yield from a non-generator frame")),
    }
}

// The slot index `i` also picks the parameter's name and default, so index loops read best here.
#[allow(clippy::needless_range_loop)]
fn bind_arguments(
    vm: &mut Vm,
    f: &Function,
    code: &Arc<CodeObject>,
    locals: &mut [Value],
    args: Args<'_>,
) -> PyResult<()> {
    let positional = args.positional();
    let argcount = code.argcount as usize;
    // Fast path: exactly the positional parameters, nothing else.
    if args.kwnames.is_empty()
        && positional.len() == argcount
        && !code.flags.varargs
        && !code.flags.varkeywords
        && code.kwonlyargcount == 0
    {
        locals[..argcount].clone_from_slice(positional);
        return Ok(());
    }
    let kwonly = code.kwonlyargcount as usize;
    let fname = f.qualname.borrow(vm).as_str().unwrap_or("?").to_string();
    let n = positional.len().min(argcount);
    locals[..n].clone_from_slice(&positional[..n]);
    let mut next_slot = argcount + kwonly;
    if code.flags.varargs {
        let extra = if positional.len() > argcount { positional[argcount..].to_vec() } else { vec![] };
        locals[next_slot] = Value::tuple(extra);
        next_slot += 1;
    } else if positional.len() > argcount {
        return Err(too_many_positional(vm, &fname, code, f, positional.len(), args.kwnames.len()));
    }
    let kwargs_dict = if code.flags.varkeywords {
        let d = vm.new_dict();
        locals[next_slot] = Value::Obj(d.clone());
        Some(d)
    } else {
        None
    };
    let posonly = code.posonlyargcount as usize;
    for (name, value) in args.keywords() {
        let slot =
            code.varnames[..argcount + kwonly].iter().position(|v| v.as_str() == Some(name)).filter(|&i| i >= posonly);
        match slot {
            Some(i) => {
                if !matches!(locals[i], Value::Undefined) {
                    return Err(vm.type_error(format!("{fname}() got multiple values for argument '{name}'")));
                }
                locals[i] = value.clone();
            }
            None => match &kwargs_dict {
                Some(d) => vm.dict_set_str_value(d, Value::str(name), value.clone()),
                None => {
                    if code.varnames[..posonly].iter().any(|v| v.as_str() == Some(name)) {
                        return Err(vm.type_error(format!(
                            "{fname}() got some positional-only arguments passed as keyword arguments: '{name}'"
                        )));
                    }
                    return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{name}'")));
                }
            },
        }
    }
    // Defaults for missing positional parameters.
    let defaults = f.defaults.borrow(vm).clone();
    let ndefaults = defaults.as_ref().map(|d| d.len()).unwrap_or(0);
    let mut missing = Vec::new();
    for i in 0..argcount {
        if matches!(locals[i], Value::Undefined) {
            let first_default = argcount - ndefaults;
            if i >= first_default {
                locals[i] = defaults.as_ref().expect("defaults")[i - first_default].clone();
            } else {
                missing.push(code.varnames[i].as_str().unwrap_or("?").to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_args(vm, &fname, "positional", &missing));
    }
    let kwdefaults = f.kwdefaults.borrow(vm).clone();
    let mut missing = Vec::new();
    for i in argcount..argcount + kwonly {
        if matches!(locals[i], Value::Undefined) {
            let default = kwdefaults.as_ref().and_then(|d| vm.dict_get_str_value(d, &code.varnames[i]));
            match default {
                Some(v) => locals[i] = v,
                None => missing.push(code.varnames[i].as_str().unwrap_or("?").to_string()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_args(vm, &fname, "keyword-only", &missing));
    }
    Ok(())
}

#[cold]
fn missing_args(vm: &Vm, fname: &str, kind: &str, missing: &[String]) -> crate::vm::PyErr {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
    };
    let n = missing.len();
    vm.type_error(format!("{fname}() missing {n} required {kind} argument{}: {list}", if n == 1 { "" } else { "s" }))
}

#[cold]
fn too_many_positional(
    vm: &Vm,
    fname: &str,
    code: &CodeObject,
    f: &Function,
    given: usize,
    nkw: usize,
) -> crate::vm::PyErr {
    let argcount = code.argcount as usize;
    let ndefaults = f.defaults.borrow(vm).as_ref().map(|d| d.len()).unwrap_or(0);
    let takes = if ndefaults > 0 {
        format!("from {} to {} positional arguments", argcount - ndefaults, argcount)
    } else {
        format!("{argcount} positional argument{}", if argcount == 1 { "" } else { "s" })
    };
    let was = if given == 1 { "was" } else { "were" };
    let kw = if nkw > 0 {
        format!(
            " positional argument{} (and {nkw} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if nkw == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    vm.type_error(format!("{fname}() takes {takes} but {given}{kw} {was} given"))
}

/// Calling a class: `type(x)`, built-in constructors, and user classes through `__new__` and
/// `__init__`; a metaclass's own `__call__` comes first.
pub fn call_class(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let Payload::Class(c) = cls.payload() else { unreachable!("call_class on a class") };
    if let Some(meta) = &c.metaclass {
        if let Some(call) = lookup_mro(vm, meta, "__call__") {
            if !is_type_native(&call) {
                let items = prepend(&Value::Obj(cls.clone()), args.items);
                return vm.call(&call, Args { items: &items, kwnames: args.kwnames });
            }
        }
    }
    call_class_default(vm, cls, args)
}

/// Is `f` one of `type`'s own native methods (so a metaclass did not override it)?
fn is_type_native(f: &Value) -> bool {
    matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner == Some("type"))
}

/// `type.__call__`: `__new__` then `__init__`.
pub fn call_class_default(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let Payload::Class(c) = cls.payload() else { unreachable!("call_class on a class") };
    if c.is_builtin {
        if cls.ptr_eq(vm.types().get(TypeId::Type)) {
            return type_call(vm, args);
        }
        if c.flags.is_exception {
            return new_builtin_exception(vm, cls, args);
        }
        if let Some(id) = c.builtin {
            return crate::builtins::object::construct_builtin(vm, id, cls, args);
        }
    }
    let new = lookup_mro(vm, cls, "__new__");
    let user_new = new.as_ref().filter(|n| !crate::builtins::object::is_object_native(n)).cloned();
    let obj = match user_new {
        Some(new_fn) => {
            let mut items = vec![Value::Obj(cls.clone())];
            items.extend_from_slice(args.items);
            let f = match new_fn.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => new_fn.clone(),
            };
            vm.call(&f, Args { items: &items, kwnames: args.kwnames })?
        }
        None => allocate_instance(vm, cls, args)?,
    };
    if !vm.isinstance(&obj, cls) {
        return Ok(obj);
    }
    let init = lookup_mro(vm, cls, "__init__");
    match init {
        Some(init) if !crate::builtins::object::is_object_native(&init) => {
            let r = with_prepended(&obj, args, |args| vm.call(&init, args))?;
            if !r.is_none() {
                return Err(vm.type_error(format!("__init__() should return None, not '{}'", vm.type_name(&r))));
            }
        }
        _ => {
            let has_new = new.as_ref().is_some_and(|n| !crate::builtins::object::is_object_native(n));
            if !args.items.is_empty() && !has_new && c.builtin.is_none_or(|b| b == TypeId::Object) {
                return Err(vm.type_error(format!("{}() takes no arguments", class_name(vm, cls))));
            }
        }
    }
    Ok(obj)
}

/// `ValueError("x")`: the instance, then the class's own native `__init__` when it has one
/// (`OSError` sets `errno`, `strerror`, `filename`).
fn new_builtin_exception(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    // ImportError takes `name=` and `path=` keywords (its native `__init__` checks them).
    let takes_kwargs = crate::vm::attr::is_subclass(vm, cls, &vm.exc_class("ImportError"));
    if args.has_kwargs() && !takes_kwargs {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", class_name(vm, cls))));
    }
    // `OSError(2, "...")` is a FileNotFoundError, as CPython's `OSError.__new__` picks the subclass.
    let cls = &crate::builtins::file::oserror_subclass(vm, cls, args.positional());
    let obj = allocate_instance(vm, cls, args)?;
    if let Some(init) = lookup_mro(vm, cls, "__init__") {
        let is_base_init =
            matches!(init.payload(), Some(Payload::NativeFunction(nf)) if nf.owner == Some("BaseException"));
        if !is_base_init {
            with_prepended(&obj, args, |args| vm.call(&init, args))?;
        }
    }
    Ok(obj)
}

/// A new instance of a user class (or exception class): the built-in base state it needs, an
/// empty `__dict__`.
pub fn allocate_instance(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let Payload::Class(c) = cls.payload() else { return Err(vm.type_error("not a class")) };
    let abstract_methods = c.dict.borrow(vm).get_str("__abstractmethods__").cloned();
    if let Some(methods) = abstract_methods {
        check_not_abstract(vm, cls, &methods)?;
    }
    let base = match c.builtin {
        None | Some(TypeId::Object) => BaseState::None,
        Some(TypeId::BaseException) => BaseState::Exception(GilCell::new(ExceptionData {
            args: Value::tuple(args.positional().to_vec()),
            ..Default::default()
        })),
        Some(id) => {
            let builtin_class = vm.types().get(id).clone();
            let inner = match id {
                TypeId::List => vm.new_list(vec![]),
                TypeId::Dict => Value::Obj(vm.new_dict()),
                TypeId::Set => vm.new_set(vec![])?,
                _ => crate::builtins::object::construct_builtin(vm, id, &builtin_class, args)?,
            };
            BaseState::Builtin(inner)
        }
    };
    let obj = ObjRef::new(Payload::Instance(Instance { class: GilCell::new(cls.clone()), dict: vm.new_dict(), base }));
    Ok(Value::Obj(crate::gc::track_obj(vm, obj)))
}

/// A class whose own `__abstractmethods__` (set by `abc.ABCMeta`) is not empty cannot be
/// instantiated.
fn check_not_abstract(vm: &mut Vm, cls: &ObjRef, methods: &Value) -> PyResult<()> {
    let mut names: Vec<String> = Vec::new();
    for m in vm.iterate(methods)? {
        names.push(vm.str_of(&m)?);
    }
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    Err(vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        class_name(vm, cls),
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    )))
}

/// `type(x)` and `type(name, bases, ns)`.
fn type_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    match pos.len() {
        1 if !args.has_kwargs() => Ok(Value::Obj(vm.class_of(&pos[0]))),
        3 => {
            let type_class = vm.types().get(TypeId::Type).clone();
            type_new_from_parts(vm, &type_class, pos, &keyword_pairs(&args))
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn keyword_pairs(args: &Args<'_>) -> Vec<(Value, Value)> {
    args.keywords().map(|(k, v)| (Value::str(k), v.clone())).collect()
}

/// `type.__new__(mcs, name, bases, ns, **kw)`: a class whose type is `mcs` (or the most derived
/// metaclass of its bases).
pub fn type_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let Some(mcs) = pos.first().and_then(|m| m.as_obj()).filter(|m| matches!(m.payload(), Payload::Class(_))).cloned()
    else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    match pos.len() {
        2 if !args.has_kwargs() => Ok(Value::Obj(vm.class_of(&pos[1]))),
        4 => type_new_from_parts(vm, &mcs, &pos[1..], &keyword_pairs(&args)),
        _ => Err(vm.type_error("type.__new__() takes exactly 3 arguments")),
    }
}

fn type_new_from_parts(vm: &mut Vm, mcs: &ObjRef, parts: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = parts[0].clone();
    if name.as_str().is_none() {
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {}", vm.type_name(&name))));
    }
    let mut bases: Vec<ObjRef> = Vec::new();
    match parts[1].payload() {
        Some(Payload::Tuple(t)) => {
            for b in t.iter() {
                match b.payload() {
                    Some(Payload::Class(_)) => bases.push(b.as_obj().expect("class").clone()),
                    _ => return Err(vm.type_error(METACLASS_CONFLICT)),
                }
            }
        }
        _ => {
            return Err(
                vm.type_error(format!("type.__new__() argument 2 must be tuple, not {}", vm.type_name(&parts[1])))
            )
        }
    }
    let mut ns = namespace_data(vm, &parts[2])?;
    if ns.get_str("__module__").is_none() {
        if let Some(g) = vm.current_globals() {
            if let Some(m) = vm.dict_get_str_value(&g, &Value::str("__name__")) {
                ns.set_str("__module__", m);
            }
        }
    }
    create_class_with(vm, Some(mcs.clone()), name, bases, ns, kwargs).map(Value::Obj)
}

/// The items of a class namespace: a dict, a dict subclass, or any mapping.
fn namespace_data(vm: &mut Vm, ns: &Value) -> PyResult<DictData> {
    if let Some(o) = ns.as_obj() {
        if let Payload::Dict(d) = crate::vm::ops::dict_target(o).payload() {
            return Ok(d.borrow(vm).clone());
        }
    }
    if crate::vm::attr::get_attr_opt(vm, ns, "keys")?.is_none() {
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {}", vm.type_name(ns))));
    }
    let keys = vm.call_method(ns, "keys", &[])?;
    let mut data = DictData::new();
    for k in vm.iterate(&keys)? {
        let v = vm.get_item(ns, &k)?;
        if k.as_str().is_some() {
            data.set_str_value(k, v);
        }
    }
    Ok(data)
}

/// `type.__init__`: nothing to do once `type.__new__` has made the class.
pub fn type_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = args.positional().len();
    if n != 2 && n != 4 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kw)`, what `super().__call__` reaches from a metaclass.
pub fn type_call_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().and_then(|c| c.as_obj()) {
        Some(cls) if matches!(cls.payload(), Payload::Class(_)) => {
            let cls = cls.clone();
            call_class_default(vm, &cls, Args { items: &args.items[1..], kwnames: args.kwnames })
        }
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}

/// `type.__prepare__(name, bases, **kw)`: an empty dict.
pub fn type_prepare(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Obj(vm.new_dict()))
}

const METACLASS_CONFLICT: &str = "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases";

/// The most derived of `meta` and the metaclasses of `bases` (CPython's
/// `_PyType_CalculateMetaclass`).
fn calculate_metaclass(vm: &Vm, meta: ObjRef, bases: &[ObjRef]) -> PyResult<ObjRef> {
    let mut winner = meta;
    for b in bases {
        let base_meta = vm.class_of_obj(b);
        if crate::vm::attr::is_subclass(vm, &winner, &base_meta) {
            continue;
        }
        if crate::vm::attr::is_subclass(vm, &base_meta, &winner) {
            winner = base_meta;
            continue;
        }
        return Err(vm.type_error(METACLASS_CONFLICT));
    }
    Ok(winner)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kw)`: runs the class body in the
/// namespace the metaclass prepares, then calls the metaclass.
pub fn build_class(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let body = pos[0].clone();
    let name = pos[1].clone();
    let (bases, orig_bases) = resolve_mro_entries(vm, &pos[2..])?;
    let kwargs: Vec<(Value, Value)> =
        args.keywords().filter(|(k, _)| *k != "metaclass").map(|(k, v)| (Value::str(k), v.clone())).collect();
    let type_class = vm.types().get(TypeId::Type).clone();
    let mut meta = match args.kw("metaclass") {
        Some(m) => m.clone(),
        None => Value::Obj(match bases.first() {
            Some(b) => vm.class_of_obj(b),
            None => type_class.clone(),
        }),
    };
    if let Some(m) = meta.as_obj().filter(|m| matches!(m.payload(), Payload::Class(_))).cloned() {
        meta = Value::Obj(calculate_metaclass(vm, m, &bases)?);
    }
    let Some(Payload::Function(f)) = body.payload() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let bases_tuple = Value::tuple(bases.iter().cloned().map(Value::Obj).collect());
    let is_plain_type = meta.is(&Value::Obj(type_class.clone()));
    let ns_value = if is_plain_type {
        Value::Obj(vm.new_dict())
    } else {
        match crate::vm::attr::get_attr_opt(vm, &meta, "__prepare__")? {
            Some(prepare) => {
                let (items, kwnames) = with_keywords(vec![name.clone(), bases_tuple.clone()], &kwargs);
                vm.call(&prepare, Args { items: &items, kwnames: &kwnames })?
            }
            None => Value::Obj(vm.new_dict()),
        }
    };
    let Some(ns) = ns_value.as_obj().cloned() else {
        let meta_name = match meta.as_obj() {
            Some(m) => class_name(vm, m),
            None => vm.type_name(&meta),
        };
        return Err(
            vm.type_error(format!("{meta_name}.__prepare__() must return a mapping, not {}", vm.type_name(&ns_value)))
        );
    };
    let id = vm.new_frame_id();
    let mut frame = Frame::new(f.code.clone(), f.globals.clone(), Some(ns.clone()), id);
    let code = f.code.clone();
    let mut cells: Vec<ObjRef> = code.cellvars.iter().map(|_| new_cell(Value::Undefined)).collect();
    cells.extend(f.closure.iter().cloned());
    frame.cells = cells.into_boxed_slice();
    if let Some(orig) = orig_bases {
        vm.namespace_set(&ns, Value::str("__orig_bases__"), orig)?;
    }
    vm.depth += 1;
    let r = run_frame(vm, &mut frame);
    vm.depth -= 1;
    r?;
    if is_plain_type {
        let ns_data = namespace_data(vm, &ns_value)?;
        return create_class_with(vm, None, name, bases, ns_data, &kwargs).map(Value::Obj);
    }
    let (items, kwnames) = with_keywords(vec![name, bases_tuple, ns_value], &kwargs);
    vm.call(&meta, Args { items: &items, kwnames: &kwnames })
}

/// The bases of a class statement: objects that are not classes but have `__mro_entries__`
/// (`list[int]`) are replaced by what it returns (PEP 560); the original tuple is returned too
/// when that happened, for `__orig_bases__`.
fn resolve_mro_entries(vm: &mut Vm, given: &[Value]) -> PyResult<(Vec<ObjRef>, Option<Value>)> {
    let original = Value::tuple(given.to_vec());
    let mut bases = Vec::new();
    let mut changed = false;
    for b in given {
        if let Some(Payload::Class(_)) = b.payload() {
            bases.push(b.as_obj().expect("class").clone());
            continue;
        }
        let Some(entries) = crate::vm::attr::lookup_special(vm, b, "__mro_entries__") else {
            return Err(vm.type_error(format!("bases must be types, not {}", vm.type_name(b))));
        };
        let r = vm.call(&entries, Args::new(&[b.clone(), original.clone()]))?;
        let Some(Payload::Tuple(items)) = r.payload() else {
            return Err(vm.type_error("__mro_entries__ must return a tuple"));
        };
        for item in items.iter() {
            match item.payload() {
                Some(Payload::Class(_)) => bases.push(item.as_obj().expect("class").clone()),
                _ => return Err(vm.type_error(format!("bases must be types, not {}", vm.type_name(item)))),
            }
        }
        changed = true;
    }
    Ok((bases, changed.then_some(original)))
}

/// Positional values followed by keyword values, and the keyword names.
fn with_keywords(mut items: Vec<Value>, kwargs: &[(Value, Value)]) -> (Vec<Value>, Vec<Value>) {
    let mut names = Vec::with_capacity(kwargs.len());
    for (k, v) in kwargs {
        names.push(k.clone());
        items.push(v.clone());
    }
    (items, names)
}

/// Makes a user class from its name, bases and namespace.
pub fn create_class(vm: &mut Vm, name: Value, bases: Vec<ObjRef>, ns: DictData) -> PyResult<ObjRef> {
    create_class_with(vm, None, name, bases, ns, &[])
}

/// Makes a class of metaclass `meta` (`None`: `type`, or the metaclass of the bases); `kwargs`
/// go to `__init_subclass__`.
pub fn create_class_with(
    vm: &mut Vm,
    meta: Option<ObjRef>,
    name: Value,
    mut bases: Vec<ObjRef>,
    mut ns: DictData,
    kwargs: &[(Value, Value)],
) -> PyResult<ObjRef> {
    let type_class = vm.types().get(TypeId::Type).clone();
    let meta = calculate_metaclass(vm, meta.unwrap_or_else(|| type_class.clone()), &bases)?;
    let metaclass = if meta.ptr_eq(&type_class) { None } else { Some(meta) };
    if bases.is_empty() {
        bases.push(vm.types().get(TypeId::Object).clone());
    }
    let mut builtin = None;
    let mut is_exception = false;
    for b in &bases {
        let Payload::Class(bc) = b.payload() else { continue };
        if let Some(id) = bc.builtin {
            if bc.is_builtin && !id.is_base_type() {
                return Err(vm.type_error(format!("type '{}' is not an acceptable base type", class_name(vm, b))));
            }
            if id != TypeId::Object {
                builtin = Some(id);
            } else if builtin.is_none() {
                builtin = Some(TypeId::Object);
            }
        }
        is_exception |= bc.flags.is_exception;
    }
    let mro_tail = compute_mro_tail(vm, &bases)?;
    // A user `__getattribute__` anywhere in the MRO sends every attribute read through it.
    let has_del = ns.get_str("__del__").is_some()
        || mro_tail.iter().any(|c| matches!(c.payload(), Payload::Class(c) if c.flags.has_del));
    let slots_only = match ns.get_str("__slots__") {
        Some(slots) => {
            let names = slot_names(vm, slots)?;
            !names.iter().any(|n| n == "__dict__")
                && mro_tail.iter().all(|c| match c.payload() {
                    Payload::Class(c) => c.is_builtin || c.flags.slots_only,
                    _ => true,
                })
        }
        None => false,
    };
    let has_custom_getattr = ns.get_str("__getattribute__").is_some()
        || mro_tail.iter().any(|c| matches!(c.payload(), Payload::Class(c) if c.flags.has_custom_getattr));
    if ns.get_str("__eq__").is_some() && ns.get_str("__hash__").is_none() {
        ns.set_str("__hash__", Value::None);
    }
    // `__new__`, `__init_subclass__` and `__class_getitem__` are implicitly static/class methods.
    if let Some(f) = ns.get_str("__new__").cloned() {
        if matches!(f.payload(), Some(Payload::Function(_))) {
            ns.set_str("__new__", Value::Obj(ObjRef::new(Payload::StaticMethod(f))));
        }
    }
    for implicit in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = ns.get_str(implicit).cloned() {
            if matches!(f.payload(), Some(Payload::Function(_))) {
                ns.set_str(implicit, Value::Obj(ObjRef::new(Payload::ClassMethod(f))));
            }
        }
    }
    let qualname = ns.remove_str("__qualname__").unwrap_or_else(|| name.clone());
    let classcell = ns.remove_str("__classcell__");
    if ns.get_str("__doc__").is_none() {
        ns.set_str("__doc__", Value::None);
    }
    let class = ObjRef::new(Payload::Class(Class {
        id: crate::object::next_class_id(),
        name: GilCell::new(name),
        qualname: GilCell::new(qualname),
        bases: bases.clone().into_boxed_slice(),
        mro_tail: mro_tail.into_boxed_slice(),
        dict: GilCell::new(ns),
        builtin,
        is_builtin: false,
        flags: ClassFlags { is_exception, has_custom_getattr, slots_only, has_del, ..Default::default() },
        metaclass,
        subclasses: GilCell::new(Vec::new()),
    }));
    let class = crate::gc::track_obj(vm, class);
    for b in &bases {
        if let Payload::Class(bc) = b.payload() {
            let mut subs = bc.subclasses.borrow_mut(vm);
            subs.retain(|w| w.upgrade().is_some());
            subs.push(class.downgrade());
        }
    }
    if let Some(Value::Obj(cell)) = classcell {
        if let Payload::Cell(c) = cell.payload() {
            *c.borrow_mut(vm) = Value::Obj(class.clone());
        }
    }
    // __set_name__ on descriptors defined in the body.
    let items = match class.payload() {
        Payload::Class(c) => c.dict.borrow(vm).items(),
        _ => vec![],
    };
    for (k, v) in items {
        if let Some(Payload::Instance(_)) = v.payload() {
            if let Some(set_name) = lookup_special(vm, &v, "__set_name__") {
                vm.call(&set_name, Args::new(&[v.clone(), Value::Obj(class.clone()), k]))?;
            }
        }
    }
    init_subclass(vm, &class, kwargs)?;
    Ok(class)
}

/// The names a `__slots__` value declares: one str, or an iterable of strs (a list or tuple when
/// the class is made by us; anything else is taken as having no restriction).
pub fn slot_names(vm: &Vm, slots: &Value) -> PyResult<Vec<String>> {
    if let Some(s) = slots.as_str() {
        return Ok(vec![s.to_string()]);
    }
    let items = vm.sequence_items(slots).unwrap_or_default();
    let mut names = Vec::with_capacity(items.len());
    for item in items {
        match item.as_str() {
            Some(s) => names.push(s.to_string()),
            None => {
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{}'", vm.type_name(&item))))
            }
        }
    }
    Ok(names)
}

/// May an instance of `class` (whose flags say `slots_only`) take attribute `name`?
pub fn slot_allows(vm: &Vm, class: &ObjRef, name: &str) -> bool {
    crate::vm::attr::mro_of(class).iter().any(|c| match c.payload() {
        Payload::Class(cd) => {
            let slots = cd.dict.borrow(vm).get_str("__slots__").cloned();
            slots.is_some_and(|s| slot_names(vm, &s).is_ok_and(|names| names.iter().any(|n| n == name)))
        }
        _ => false,
    })
}

/// `super(cls, cls).__init_subclass__(**kwargs)`.
fn init_subclass(vm: &mut Vm, class: &ObjRef, kwargs: &[(Value, Value)]) -> PyResult<()> {
    let Payload::Class(c) = class.payload() else { return Ok(()) };
    let hook = c.mro_tail.iter().find_map(|base| match base.payload() {
        Payload::Class(bc) => bc.dict.borrow(vm).get_str("__init_subclass__").cloned(),
        _ => None,
    });
    let func = match hook.as_ref().and_then(|h| h.payload()) {
        Some(Payload::ClassMethod(f)) => f.clone(),
        Some(_) => hook.clone().expect("hook"),
        None => return Ok(()),
    };
    if crate::builtins::object::is_object_native(&func) {
        if !kwargs.is_empty() {
            return Err(vm.type_error(format!(
                "{}.__init_subclass__() takes no keyword arguments",
                crate::vm::attr::class_qualname(vm, class)
            )));
        }
        return Ok(());
    }
    let (items, kwnames) = with_keywords(vec![Value::Obj(class.clone())], kwargs);
    vm.call(&func, Args { items: &items, kwnames: &kwnames })?;
    Ok(())
}
