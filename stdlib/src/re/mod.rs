//! `re`: regular expressions with Python's syntax and semantics on the fancy-regex engine
//! (backtracking, so backreferences and look-around work).
//!
//! `translate.rs` turns a Python pattern into fancy-regex syntax (raising CPython's `re.error`s);
//! the native `_re` module made here compiles it into `Pattern` objects whose methods
//! (`pattern.rs`) give `Match` objects (`matchobj.rs`); `re.py` (frozen) is the module users
//! import: flags, `re.error`, the cache and the module-level functions. Positions are in
//! characters, as Python's are; bytes patterns and subjects work on bytes mapped one to one onto
//! the characters U+0000-U+00FF.

mod matchobj;
mod pattern;
mod subject;
mod template;
pub mod translate;

use std::sync::{Arc, OnceLock};

use gilpy_interpreter::builtins::types::{make_class, TypeId};
use gilpy_interpreter::object::{Module, Native, NativeFn, NativeFunction, ObjRef, Payload, Property};
use gilpy_interpreter::vm::PyErr;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use translate::{ErrorKind, ReError};

/// How many backtracking steps one match may take before giving up (CPython has no limit; a
/// limit keeps a catastrophic pattern from hanging the interpreter).
const BACKTRACK_LIMIT: usize = 50_000_000;

/// A compiled pattern: the native data of a `re.Pattern` object.
pub struct CompiledPattern {
    pub source: Value,
    pub flags: u32,
    pub is_bytes: bool,
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    pub parents: Vec<Option<usize>>,
    pub translated: String,
    pub regex: fancy_regex::Regex,
    /// The `re.Match` class, for the matches this pattern makes.
    pub match_class: ObjRef,
    /// `(?:pattern)\z`, for `fullmatch`.
    fullmatch: OnceLock<Option<fancy_regex::Regex>>,
    /// The pattern refusing empty matches, for the match after an empty one.
    not_empty: OnceLock<Option<fancy_regex::Regex>>,
}

impl CompiledPattern {
    fn build(regex: &str, flags: u32, not_empty: bool) -> Result<fancy_regex::Regex, String> {
        fancy_regex::RegexBuilder::new(regex)
            .case_insensitive(flags & translate::FLAG_IGNORECASE != 0)
            .backtrack_limit(BACKTRACK_LIMIT)
            .delegate_size_limit(64 << 20)
            .find_not_empty(not_empty)
            .build()
            .map_err(|e| e.to_string())
    }

    pub fn fullmatch_regex(&self) -> Option<&fancy_regex::Regex> {
        self.fullmatch
            .get_or_init(|| Self::build(&format!("(?:{})\\z", self.translated), self.flags, false).ok())
            .as_ref()
    }

    pub fn not_empty_regex(&self) -> Option<&fancy_regex::Regex> {
        self.not_empty.get_or_init(|| Self::build(&self.translated, self.flags, true).ok()).as_ref()
    }

    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, i)| *i)
    }
}

/// `re.error(msg, pattern, pos)`, or the ValueError/OverflowError CPython raises instead.
pub fn raise_re_error(vm: &mut Vm, err: &ReError, pattern: &Value) -> PyErr {
    match err.kind {
        ErrorKind::Value => return vm.value_error(&err.msg),
        ErrorKind::Overflow => return vm.overflow_error(&err.msg),
        ErrorKind::Re => {}
    }
    let class = vm.import_module("re").and_then(|m| vm.get_attr_str(&m, "error"));
    let Ok(class) = class else { return vm.runtime_error(&err.msg) };
    let pos = err.pos.map(|p| Value::Int(p as i64)).unwrap_or(Value::None);
    let pattern = if err.pos.is_some() { pattern.clone() } else { Value::None };
    match vm.call(&class, Args::new(&[Value::str(&err.msg), pattern, pos])) {
        Ok(exc) => match exc.as_obj() {
            Some(o) => PyErr(o.clone()),
            None => vm.runtime_error(&err.msg),
        },
        Err(e) => e,
    }
}

/// The pattern's characters: a str's, or a bytes' mapped onto U+0000-U+00FF.
fn pattern_chars(vm: &mut Vm, pattern: &Value) -> PyResult<(Vec<char>, bool)> {
    match pattern.payload() {
        Some(Payload::Str(s)) => Ok((s.as_str().chars().collect(), false)),
        Some(Payload::Bytes(b)) => Ok((b.iter().map(|&c| c as char).collect(), true)),
        Some(Payload::ByteArray(b)) => Ok((b.borrow(vm).iter().map(|&c| c as char).collect(), true)),
        _ => Err(vm.type_error("first argument must be string or compiled pattern")),
    }
}

/// `_re.compile(pattern, flags)`.
fn re_compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(pattern) = args.get(0, "pattern") else {
        return Err(vm.type_error("compile() missing required argument 'pattern'"));
    };
    let pattern = pattern.clone();
    let flags = match args.get(1, "flags") {
        Some(f) => vm.to_index(f)?,
        None => 0,
    };
    compile(vm, &pattern, flags as u32)
}

pub fn compile(vm: &mut Vm, pattern: &Value, flags: u32) -> PyResult<Value> {
    let (chars, is_bytes) = pattern_chars(vm, pattern)?;
    let translated = match translate::translate(&chars, flags, is_bytes) {
        Ok(t) => t,
        Err(e) => return Err(raise_re_error(vm, &e, pattern)),
    };
    let regex = match CompiledPattern::build(&translated.regex, translated.flags, false) {
        Ok(r) => r,
        Err(msg) => {
            let err = ReError { msg, pos: None, kind: ErrorKind::Re };
            return Err(raise_re_error(vm, &err, pattern));
        }
    };
    let source = match pattern.payload() {
        Some(Payload::ByteArray(b)) => Value::bytes(b.borrow(vm).clone()),
        _ => pattern.clone(),
    };
    let match_class = module_class(vm, "Match")?;
    let compiled = CompiledPattern {
        match_class,
        source,
        flags: translated.flags,
        is_bytes,
        groups: translated.groups,
        names: translated.names,
        parents: translated.parents,
        translated: translated.regex,
        regex,
        fullmatch: OnceLock::new(),
        not_empty: OnceLock::new(),
    };
    let class = module_class(vm, "Pattern")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(Arc::new(compiled)) }))))
}

/// A class of the `_re` module.
pub fn module_class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let module = vm.import_module("_re")?;
    match vm.get_attr_str(&module, name)? {
        Value::Obj(c) => Ok(c),
        _ => Err(vm.type_error(format!("_re.{name} is not a class"))),
    }
}

fn native_function(name: &'static str, func: NativeFn) -> Value {
    Value::Obj(ObjRef::new(Payload::NativeFunction(NativeFunction { name, func, bound: None, owner: None })))
}

/// A class with methods and read-only attributes (properties over native getters).
fn make_native_class(
    vm: &Vm,
    name: &'static str,
    methods: &[(&'static str, NativeFn)],
    getters: &[(&'static str, NativeFn)],
) -> ObjRef {
    let object = vm.types().get(TypeId::Object).clone();
    let class = make_class(name, Some(object), None, true, methods);
    if let Payload::Class(c) = class.payload() {
        let mut dict = c.dict.borrow_mut(vm);
        dict.set_str("__module__", Value::str("re"));
        for (attr, getter) in getters {
            let prop = Property {
                fget: native_function(attr, *getter),
                fset: Value::None,
                fdel: Value::None,
                doc: Value::None,
            };
            dict.set_str(attr, Value::Obj(ObjRef::new(Payload::Property(prop))));
        }
    }
    class
}

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let dict = vm.new_dict();
    let set = |vm: &Vm, name: &str, v: Value| vm.dict_set_str_value(&dict, Value::str(name), v);
    set(vm, "__name__", Value::str("_re"));
    set(vm, "__doc__", Value::str("The matching engine of the re module."));
    set(vm, "compile", native_function("compile", re_compile));
    let pattern_class = make_native_class(vm, "Pattern", pattern::METHODS, pattern::GETTERS);
    set(vm, "Pattern", Value::Obj(pattern_class));
    let match_class = make_native_class(vm, "Match", matchobj::METHODS, matchobj::GETTERS);
    set(vm, "Match", Value::Obj(match_class));
    Ok(ObjRef::new(Payload::Module(Module { name: Value::str("_re"), dict })))
}
