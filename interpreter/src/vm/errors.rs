//! Exceptions: the `PyErr` carried by `Err`, helpers that build the usual ones, and the
//! CPython-shaped traceback printer.

use std::sync::Arc;

use crate::bytecode::CodeObject;
use crate::object::{BaseState, ExceptionData, GilCell, Instance, ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// A raised Python exception: the exception instance.
#[derive(Clone, Debug)]
pub struct PyErr(pub ObjRef);

impl PyErr {
    pub fn value(&self) -> Value {
        Value::Obj(self.0.clone())
    }

    pub fn data<'a>(&'a self, vm: &'a Vm) -> Option<crate::object::GilRef<'a, ExceptionData>> {
        exception_data(&self.0).map(|cell| cell.borrow(vm))
    }

    pub fn data_mut<'a>(&'a self, vm: &'a Vm) -> Option<crate::object::GilRefMut<'a, ExceptionData>> {
        exception_data(&self.0).map(|cell| cell.borrow_mut(vm))
    }
}

pub fn exception_data(obj: &ObjRef) -> Option<&GilCell<ExceptionData>> {
    match obj.payload() {
        Payload::Instance(Instance { base: BaseState::Exception(d), .. }) => Some(d),
        _ => None,
    }
}

/// One line of a traceback: a frame's code and the instruction it was at.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Arc<CodeObject>,
    pub pc: u32,
    pub frame_id: u64,
}

impl Vm {
    /// The built-in exception class `name` (e.g. "TypeError").
    pub fn exc_class(&self, name: &str) -> ObjRef {
        match self.interp.types.exceptions.get(name) {
            Some(c) => c.clone(),
            None => self.interp.types.exceptions["SystemError"].clone(),
        }
    }

    /// A fresh instance of exception class `class` with the given args.
    pub fn new_exception(&self, class: ObjRef, args: Vec<Value>) -> PyErr {
        PyErr(new_exception_object(self, class, args))
    }

    pub fn new_exception_msg(&self, class_name: &str, msg: &str) -> PyErr {
        let args = if msg.is_empty() { vec![] } else { vec![Value::str(msg)] };
        self.new_exception(self.exc_class(class_name), args)
    }

    #[cold]
    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("TypeError", msg.as_ref())
    }

    #[cold]
    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("ValueError", msg.as_ref())
    }

    #[cold]
    pub fn index_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("IndexError", msg.as_ref())
    }

    #[cold]
    pub fn key_error(&self, key: Value) -> PyErr {
        self.new_exception(self.exc_class("KeyError"), vec![key])
    }

    #[cold]
    pub fn attribute_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("AttributeError", msg.as_ref())
    }

    #[cold]
    pub fn name_error(&self, name: &str) -> PyErr {
        self.new_exception_msg("NameError", &format!("name '{name}' is not defined"))
    }

    #[cold]
    pub fn zero_division(&self, msg: &str) -> PyErr {
        self.new_exception_msg("ZeroDivisionError", msg)
    }

    #[cold]
    pub fn overflow_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("OverflowError", msg.as_ref())
    }

    #[cold]
    pub fn runtime_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg("RuntimeError", msg.as_ref())
    }

    #[cold]
    pub fn stop_iteration(&self, value: Option<Value>) -> PyErr {
        self.new_exception(self.exc_class("StopIteration"), value.into_iter().collect())
    }

    #[cold]
    pub fn recursion_error(&self) -> PyErr {
        self.new_exception_msg("RecursionError", "maximum recursion depth exceeded")
    }

    /// Does `err` belong to the built-in exception class `name` (or a subclass)?
    pub fn err_matches(&self, err: &PyErr, name: &str) -> bool {
        let class = self.exc_class(name);
        crate::vm::attr::is_subclass(self, &self.class_of_obj(&err.0), &class)
    }

    /// `TypeError: f() takes 2 positional arguments but 3 were given` and friends use this.
    pub fn check_arg_count(&self, name: &str, args: &crate::vm::Args, min: usize, max: usize) -> PyResult<()> {
        if args.has_kwargs() {
            return Err(self.type_error(format!("{name}() takes no keyword arguments")));
        }
        let n = args.items.len();
        if n < min || n > max {
            let msg = if min == max {
                match min {
                    0 => format!("{name}() takes no arguments ({n} given)"),
                    1 => format!("{name}() takes exactly one argument ({n} given)"),
                    _ => format!("{name} expected {min} arguments, got {n}"),
                }
            } else if n < min {
                format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
            } else {
                format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
            };
            return Err(self.type_error(msg));
        }
        Ok(())
    }
}

pub fn new_exception_object(vm: &Vm, class: ObjRef, args: Vec<Value>) -> ObjRef {
    let data = ExceptionData { args: Value::tuple(args), ..Default::default() };
    let obj = ObjRef::new(Payload::Instance(Instance {
        class: GilCell::new(class),
        dict: ObjRef::new(Payload::Dict(GilCell::new(Default::default()))),
        base: BaseState::Exception(GilCell::new(data)),
    }));
    crate::gc::track_obj(vm, obj)
}

/// Prints an uncaught exception the way CPython does, with its chain of causes and contexts.
pub fn format_exception(vm: &mut Vm, err: &PyErr) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, err, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, err: &PyErr, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(err.0.addr());
    let (cause, context, suppress) = match err.data(vm) {
        Some(d) => (d.cause.clone(), d.context.clone(), d.suppress_context),
        None => (Value::None, Value::None, false),
    };
    if let Value::Obj(c) = &cause {
        if !seen.contains(&c.addr()) {
            format_chain(vm, &PyErr(c.clone()), out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        }
    } else if let (Value::Obj(c), false) = (&context, suppress) {
        if !seen.contains(&c.addr()) {
            format_chain(vm, &PyErr(c.clone()), out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    format_one(vm, err, out);
}

fn format_one(vm: &mut Vm, err: &PyErr, out: &mut String) {
    let entries = err.data(vm).map(|d| d.traceback.clone()).unwrap_or_default();
    if !entries.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        format_entries(&entries, out);
    }
    // A SyntaxError raised at run time (compile(), import) shows its location like the parser does.
    if vm.err_matches(err, "SyntaxError") {
        if let Some(text) = syntax_error_location(vm, err) {
            out.push_str(&text);
        }
    }
    out.push_str(&exception_summary(vm, err));
    out.push('\n');
    if let Ok(Some(notes)) = crate::vm::attr::get_attr_opt(vm, &err.value(), "__notes__") {
        for note in vm.sequence_items(&notes).unwrap_or_default() {
            out.push_str(&vm.to_str_lossy(&note));
            out.push('\n');
        }
    }
}

/// The entries oldest first; like CPython, a line repeated more than three times in a row (deep
/// recursion) is shown three times, then counted.
fn format_entries(entries: &[TracebackEntry], out: &mut String) {
    const SHOWN_REPEATS: usize = 3;
    let mut previous: Option<(Arc<str>, usize, String)> = None;
    let mut repeats = 0;
    for entry in entries.iter().rev() {
        let key = (entry.code.source.filename.clone(), entry.code.line_of(entry.pc as usize), entry.code.name.clone());
        if previous.as_ref() == Some(&key) {
            repeats += 1;
        } else {
            note_repeats(repeats, SHOWN_REPEATS, out);
            previous = Some(key);
            repeats = 1;
        }
        if repeats <= SHOWN_REPEATS {
            format_entry(entry, out);
        }
    }
    note_repeats(repeats, SHOWN_REPEATS, out);
}

fn note_repeats(repeats: usize, shown: usize, out: &mut String) {
    if repeats > shown {
        let more = repeats - shown;
        out.push_str(&format!("  [Previous line repeated {more} more time{}]\n", if more == 1 { "" } else { "s" }));
    }
}

fn format_entry(entry: &TracebackEntry, out: &mut String) {
    let code = &entry.code;
    let line = code.line_of(entry.pc as usize);
    // Line 0 marks a frame with no Python source: an embedder's host function.
    if line == 0 {
        out.push_str(&format!("  File \"{}\", in {}\n", code.source.filename, code.name));
        return;
    }
    out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.source.filename, line, code.name));
    // `<stdin>`, `<string>`: CPython reads source lines back from the file, and there is none.
    if code.source.filename.starts_with('<') && code.source.filename.ends_with('>') {
        return;
    }
    let text = code.source.lines().line_text(line).trim();
    if !text.is_empty() {
        out.push_str(&format!("    {text}\n"));
        if let Some(carets) = crate::vm::carets::caret_line(code, entry.pc as usize, line) {
            out.push_str(&carets);
        }
    }
}

fn syntax_error_location(vm: &mut Vm, err: &PyErr) -> Option<String> {
    let value = err.value();
    let get = |vm: &mut Vm, name: &str| crate::vm::attr::get_attr_opt(vm, &value, name).ok().flatten();
    let filename = get(vm, "filename")?;
    let lineno = get(vm, "lineno")?;
    let mut s = format!("  File \"{}\", line {}\n", vm.to_str_lossy(&filename), vm.to_str_lossy(&lineno));
    if let Some(text) = get(vm, "text").filter(|t| !t.is_none()) {
        let text = vm.to_str_lossy(&text);
        let trimmed = text.trim_start();
        let stripped = text.chars().count() - trimmed.chars().count();
        s.push_str(&format!("    {}\n", trimmed.trim_end()));
        if let Some(Value::Int(offset)) = get(vm, "offset") {
            let col = (offset as usize).saturating_sub(1).saturating_sub(stripped);
            s.push_str(&format!("    {}^\n", " ".repeat(col)));
        }
    }
    Some(s)
}

/// `ZeroDivisionError: division by zero`; the module prefix for non-builtin classes
/// (`mymod.MyError: ...`), nothing after the name when `str(exc)` is empty.
pub fn exception_summary(vm: &mut Vm, err: &PyErr) -> String {
    let class = vm.class_of_obj(&err.0);
    let mut name = crate::vm::attr::class_qualname(vm, &class);
    if let Ok(Some(module)) = crate::vm::attr::get_attr_opt(vm, &Value::Obj(class.clone()), "__module__") {
        if let Some(m) = module.as_str() {
            if m != "builtins" && m != "__main__" {
                name = format!("{m}.{name}");
            }
        }
    }
    // A SyntaxError's location was printed above it; its summary line is just the message.
    if vm.err_matches(err, "SyntaxError") {
        if let Ok(Some(m)) = crate::vm::attr::get_attr_opt(vm, &err.value(), "msg") {
            if let Some(m) = m.as_str() {
                return format!("{name}: {m}");
            }
        }
    }
    let mut msg = match vm.str_of(&err.value()) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if let Some(suffix) = crate::vm::suggestions::suggestion_suffix(vm, err) {
        msg.push_str(&suffix);
    }
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}
