//! The JSON encoder: CPython's `json.encoder` output byte for byte (separators, indentation,
//! key conversion, `repr`-style floats, `\uXXXX` escapes, circular-reference detection).

use gilpy_interpreter::builtins::float::repr_float;
use gilpy_interpreter::builtins::receiver;
use gilpy_interpreter::object::Payload;
use gilpy_interpreter::{PyErr, PyResult, Value, Vm};

/// What `json.dumps` was asked for.
pub struct Settings {
    pub skipkeys: bool,
    pub ensure_ascii: bool,
    pub check_circular: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    /// The text of one indentation level; `None` for the compact one-line form.
    pub indent: Option<String>,
    pub item_separator: String,
    pub key_separator: String,
    /// Called for objects JSON has no form for; `None` raises TypeError.
    pub default: Option<Value>,
}

pub struct Encoder<'s> {
    settings: &'s Settings,
    out: String,
    /// Addresses of the containers being encoded, for the circular-reference check.
    markers: Vec<usize>,
    depth: usize,
}

impl<'s> Encoder<'s> {
    pub fn new(settings: &'s Settings) -> Encoder<'s> {
        Encoder { settings, out: String::new(), markers: Vec::new(), depth: 0 }
    }

    pub fn finish(self) -> String {
        self.out
    }

    pub fn encode(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        match v {
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::Float(f) => {
                let text = self.float_text(vm, *f)?;
                self.out.push_str(&text);
            }
            _ => self.encode_object(vm, v, level)?,
        }
        Ok(())
    }

    fn encode_object(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        let inner = receiver(v);
        match inner {
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::Float(f) => {
                let text = self.float_text(vm, *f)?;
                self.out.push_str(&text);
            }
            _ => match inner.payload() {
                Some(Payload::Str(s)) => encode_str(&mut self.out, s.as_str(), self.settings.ensure_ascii),
                Some(Payload::BigInt(b)) => self.out.push_str(&b.to_string()),
                Some(Payload::List(_) | Payload::Tuple(_)) => {
                    let items = vm.sequence_items(inner).unwrap_or_default();
                    self.nested(vm, v, |enc, vm| enc.encode_list(vm, &items, level))?;
                }
                Some(Payload::Dict(_)) => {
                    let dict = inner.clone();
                    self.nested(vm, v, |enc, vm| enc.encode_dict(vm, &dict, level))?;
                }
                _ => self.encode_other(vm, v, level)?,
            },
        }
        Ok(())
    }

    /// Runs `body` for a container, with the recursion and circular-reference checks.
    fn nested(
        &mut self,
        vm: &mut Vm,
        v: &Value,
        body: impl FnOnce(&mut Self, &mut Vm) -> PyResult<()>,
    ) -> PyResult<()> {
        self.depth += 1;
        if vm.depth + self.depth > vm.recursion_limit() || vm.stack_exhausted() {
            self.depth -= 1;
            return Err(
                vm.new_exception_msg("RecursionError", "maximum recursion depth exceeded while encoding a JSON object")
            );
        }
        let id = v.as_obj().map_or(0, |o| o.addr());
        if self.settings.check_circular {
            if self.markers.contains(&id) {
                self.depth -= 1;
                return Err(vm.value_error("Circular reference detected"));
            }
            self.markers.push(id);
        }
        let r = body(self, vm);
        if self.settings.check_circular {
            self.markers.pop();
        }
        self.depth -= 1;
        r
    }

    fn encode_other(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        let Some(default) = self.settings.default.clone() else {
            return Err(not_serializable(vm, v));
        };
        self.nested(vm, v, |enc, vm| {
            let replacement = vm.call1(&default, v.clone())?;
            enc.encode(vm, &replacement, level)
        })
    }

    fn float_text(&self, vm: &Vm, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return Ok(repr_float(f));
        }
        if !self.settings.allow_nan {
            return Err(vm.value_error("Out of range float values are not JSON compliant"));
        }
        Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string())
    }

    fn newline_indent(&mut self, level: usize) {
        if let Some(indent) = &self.settings.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(indent);
            }
        }
    }

    fn encode_list(&mut self, vm: &mut Vm, items: &[Value], level: usize) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.out.push('[');
        let inner_level = level + 1;
        self.newline_indent(inner_level);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(&self.settings.item_separator);
                self.newline_indent(inner_level);
            }
            self.encode(vm, item, inner_level)?;
        }
        self.newline_indent(level);
        self.out.push(']');
        Ok(())
    }

    fn encode_dict(&mut self, vm: &mut Vm, dict: &Value, level: usize) -> PyResult<()> {
        let items = match dict.payload() {
            Some(Payload::Dict(d)) => d.borrow(vm).items(),
            _ => vec![],
        };
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        let items = if self.settings.sort_keys { sorted_items(vm, items)? } else { items };
        self.out.push('{');
        let inner_level = level + 1;
        self.newline_indent(inner_level);
        let mut first = true;
        for (key, value) in items {
            let Some(key) = self.key_text(vm, &key)? else { continue };
            if !first {
                self.out.push_str(&self.settings.item_separator);
                self.newline_indent(inner_level);
            }
            first = false;
            encode_str(&mut self.out, &key, self.settings.ensure_ascii);
            self.out.push_str(&self.settings.key_separator);
            self.encode(vm, &value, inner_level)?;
        }
        self.newline_indent(level);
        self.out.push('}');
        Ok(())
    }

    /// A dict key as JSON's string key; `None` to skip it (`skipkeys`).
    fn key_text(&self, vm: &mut Vm, key: &Value) -> PyResult<Option<String>> {
        let inner = receiver(key);
        if let Some(s) = inner.as_str() {
            return Ok(Some(s.to_string()));
        }
        Ok(Some(match inner {
            Value::Float(f) => self.float_text(vm, *f)?,
            Value::Bool(true) => "true".into(),
            Value::Bool(false) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            _ => match inner.payload() {
                Some(Payload::BigInt(b)) => b.to_string(),
                _ if self.settings.skipkeys => return Ok(None),
                _ => {
                    return Err(
                        vm.type_error(format!("keys must be str, int, float, bool or None, not {}", vm.type_name(key)))
                    )
                }
            },
        }))
    }
}

/// `sorted(d.items())`, through the interpreter's own list sort so mixed key types fail with
/// CPython's message.
fn sorted_items(vm: &mut Vm, items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let pairs: Vec<Value> = items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
    let list = vm.new_list(pairs);
    vm.call_method(&list, "sort", &[])?;
    let mut out = Vec::new();
    for pair in vm.list_items(&list) {
        if let Some(Payload::Tuple(t)) = pair.payload() {
            out.push((t[0].clone(), t[1].clone()));
        }
    }
    Ok(out)
}

pub fn not_serializable(vm: &Vm, v: &Value) -> PyErr {
    vm.type_error(format!("Object of type {} is not JSON serializable", vm.type_name(v)))
}

/// Appends `s` as a JSON string literal.
pub fn encode_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_u_escape(out, c as u32),
            c if ensure_ascii && !(' '..='~').contains(&c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    push_u_escape(out, *unit as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_u_escape(out: &mut String, unit: u32) {
    out.push_str(&format!("\\u{unit:04x}"));
}
