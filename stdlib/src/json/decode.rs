//! The JSON decoder, following CPython's C scanner (`_json.c`) so that every error has the same
//! message and position. The text is scanned as UTF-8 bytes (all JSON syntax is ASCII); positions
//! are converted to character offsets only when an error is reported.

use num_bigint::BigInt;

use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

/// The hooks and options of a `JSONDecoder`.
#[derive(Default)]
pub struct Hooks {
    pub object_hook: Option<Value>,
    pub object_pairs_hook: Option<Value>,
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Option<Value>,
    pub strict: bool,
}

/// Why scanning stopped: a decode error (message, byte position), "no value here" (CPython's
/// StopIteration, which becomes `Expecting value`), or a Python exception from a hook.
pub enum ScanError {
    Decode(&'static str, usize),
    NoValue(usize),
    Python(PyErr),
}

impl From<PyErr> for ScanError {
    fn from(e: PyErr) -> Self {
        ScanError::Python(e)
    }
}

type ScanResult<T> = Result<T, ScanError>;

pub struct Scanner<'a> {
    s: &'a [u8],
    text: &'a str,
    hooks: &'a Hooks,
    depth: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, hooks: &'a Hooks) -> Scanner<'a> {
        Scanner { s: text.as_bytes(), text, hooks, depth: 0 }
    }

    pub fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.s[i]) {
            i += 1;
        }
        i
    }

    /// The character offset of byte position `pos`.
    pub fn char_pos(&self, pos: usize) -> usize {
        let pos = pos.min(self.s.len());
        self.text.get(..pos).map_or(pos, |p| p.chars().count())
    }

    /// The byte position of character offset `idx`.
    pub fn byte_pos(&self, idx: usize) -> Option<usize> {
        if self.text.is_ascii() {
            return (idx <= self.s.len()).then_some(idx);
        }
        match self.text.char_indices().nth(idx) {
            Some((b, _)) => Some(b),
            None => (idx == self.text.chars().count()).then_some(self.s.len()),
        }
    }

    /// One JSON value starting at byte `i`: the value and the byte position after it.
    pub fn scan_once(&mut self, vm: &mut Vm, i: usize) -> ScanResult<(Value, usize)> {
        let s = self.s;
        let Some(&c) = s.get(i) else { return Err(ScanError::NoValue(i)) };
        let rest = &s[i..];
        match c {
            b'"' => {
                let (text, end) = self.scan_string(i + 1)?;
                Ok((Value::string(text), end))
            }
            b'{' => self.nested(vm, "object", |sc, vm| sc.parse_object(vm, i + 1)),
            b'[' => self.nested(vm, "array", |sc, vm| sc.parse_array(vm, i + 1)),
            b'n' if rest.starts_with(b"null") => Ok((Value::None, i + 4)),
            b't' if rest.starts_with(b"true") => Ok((Value::Bool(true), i + 4)),
            b'f' if rest.starts_with(b"false") => Ok((Value::Bool(false), i + 5)),
            b'N' if rest.starts_with(b"NaN") => Ok((self.constant(vm, "NaN", f64::NAN)?, i + 3)),
            b'I' if rest.starts_with(b"Infinity") => Ok((self.constant(vm, "Infinity", f64::INFINITY)?, i + 8)),
            b'-' if rest.starts_with(b"-Infinity") => Ok((self.constant(vm, "-Infinity", f64::NEG_INFINITY)?, i + 9)),
            _ => self.number(vm, i),
        }
    }

    fn nested(
        &mut self,
        vm: &mut Vm,
        what: &str,
        body: impl FnOnce(&mut Self, &mut Vm) -> ScanResult<(Value, usize)>,
    ) -> ScanResult<(Value, usize)> {
        self.depth += 1;
        if vm.depth + self.depth > vm.recursion_limit() || vm.stack_exhausted() {
            self.depth -= 1;
            let msg = format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string");
            return Err(ScanError::Python(vm.new_exception_msg("RecursionError", &msg)));
        }
        let r = body(self, vm);
        self.depth -= 1;
        r
    }

    fn constant(&self, vm: &mut Vm, name: &str, value: f64) -> ScanResult<Value> {
        match &self.hooks.parse_constant {
            Some(hook) => Ok(vm.call1(hook, Value::str(name))?),
            None => Ok(Value::Float(value)),
        }
    }

    /// CPython's `_match_number_unicode`: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`.
    fn number(&mut self, vm: &mut Vm, start: usize) -> ScanResult<(Value, usize)> {
        let s = self.s;
        let digit = |i: usize| s.get(i).is_some_and(|b| b.is_ascii_digit());
        let mut i = start;
        if s.get(i) == Some(&b'-') {
            i += 1;
        }
        match s.get(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(ScanError::NoValue(start)),
        }
        let mut is_float = false;
        if s.get(i) == Some(&b'.') && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            let e_start = i;
            i += 1;
            if matches!(s.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            let digits_start = i;
            while digit(i) {
                i += 1;
            }
            if i > digits_start {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text = &self.text[start..i];
        let hook = if is_float { &self.hooks.parse_float } else { &self.hooks.parse_int };
        let value = match hook {
            Some(hook) => vm.call1(hook, Value::str(text))?,
            None if is_float => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            None => match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => Value::int_from_big(text.parse::<BigInt>().unwrap_or_default()),
            },
        };
        Ok((value, i))
    }

    /// CPython's `scanstring_unicode`: `i` is just after the opening quote.
    pub fn scan_string(&self, i: usize) -> ScanResult<(String, usize)> {
        let s = self.s;
        let begin = i - 1;
        let mut out = String::new();
        let mut end = i;
        loop {
            let mut next = end;
            while next < s.len() && s[next] != b'"' && s[next] != b'\\' {
                if s[next] <= 0x1f && self.hooks.strict {
                    return Err(ScanError::Decode("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= s.len() {
                return Err(ScanError::Decode("Unterminated string starting at", begin));
            }
            out.push_str(&self.text[end..next]);
            let quote = s[next] == b'"';
            next += 1;
            if quote {
                return Ok((out, next));
            }
            let Some(&esc) = s.get(next) else {
                return Err(ScanError::Decode("Unterminated string starting at", begin));
            };
            if esc != b'u' {
                end = next + 1;
                out.push(match esc {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(ScanError::Decode("Invalid \\escape", end - 2)),
                });
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= s.len() {
                return Err(ScanError::Decode("Invalid \\uXXXX escape", next - 1));
            }
            let mut c = hex4(&s[next..end]).ok_or(ScanError::Decode("Invalid \\uXXXX escape", end - 5))?;
            if (0xD800..0xDC00).contains(&c) && end + 6 < s.len() && s[end] == b'\\' && s[end + 1] == b'u' {
                let low = hex4(&s[end + 2..end + 6]).ok_or(ScanError::Decode("Invalid \\uXXXX escape", end + 1))?;
                if (0xDC00..0xE000).contains(&low) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    end += 6;
                }
            }
            // A lone surrogate cannot live in a Rust string; it becomes U+FFFD.
            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
        }
    }

    fn parse_object(&mut self, vm: &mut Vm, start: usize) -> ScanResult<(Value, usize)> {
        let s = self.s;
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip_ws(start);
        if s.get(i) != Some(&b'}') {
            loop {
                if s.get(i) != Some(&b'"') {
                    return Err(ScanError::Decode("Expecting property name enclosed in double quotes", i));
                }
                let (key, after_key) = self.scan_string(i + 1)?;
                i = self.skip_ws(after_key);
                if s.get(i) != Some(&b':') {
                    return Err(ScanError::Decode("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (value, after_value) = self.scan_once(vm, i)?;
                pairs.push((Value::string(key), value));
                i = self.skip_ws(after_value);
                if s.get(i) == Some(&b'}') {
                    break;
                }
                if s.get(i) != Some(&b',') {
                    return Err(ScanError::Decode("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        let end = i + 1;
        if let Some(hook) = &self.hooks.object_pairs_hook {
            let list: Vec<Value> = pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
            let list = vm.new_list(list);
            return Ok((vm.call1(hook, list)?, end));
        }
        let dict = vm.new_dict();
        for (k, v) in pairs {
            vm.dict_set(&dict, k, v)?;
        }
        let mut value = Value::Obj(dict);
        if let Some(hook) = &self.hooks.object_hook {
            value = vm.call1(hook, value)?;
        }
        Ok((value, end))
    }

    fn parse_array(&mut self, vm: &mut Vm, start: usize) -> ScanResult<(Value, usize)> {
        let s = self.s;
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if s.get(i) != Some(&b']') {
            loop {
                let (value, after) = self.scan_once(vm, i)?;
                items.push(value);
                i = self.skip_ws(after);
                if s.get(i) == Some(&b']') {
                    break;
                }
                if s.get(i) != Some(&b',') {
                    return Err(ScanError::Decode("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((vm.new_list(items), i + 1))
    }
}

fn hex4(b: &[u8]) -> Option<u32> {
    let mut c = 0u32;
    for &d in b {
        c = (c << 4) | (d as char).to_digit(16)?;
    }
    Some(c)
}

/// Turns a scan error into the Python exception: `JSONDecodeError(msg, doc, pos)`.
pub fn to_pyerr(vm: &mut Vm, scanner: &Scanner<'_>, doc: &Value, e: ScanError) -> PyErr {
    let (msg, pos) = match e {
        ScanError::Python(e) => return e,
        ScanError::Decode(msg, pos) => (msg, pos),
        ScanError::NoValue(pos) => ("Expecting value", pos),
    };
    let char_pos = scanner.char_pos(pos);
    decode_error(vm, msg, doc, char_pos)
}

/// A `json.JSONDecodeError` for `msg` at character offset `pos` of `doc`.
pub fn decode_error(vm: &mut Vm, msg: &str, doc: &Value, pos: usize) -> PyErr {
    let class = match crate::util::module_class(vm, "json", "JSONDecodeError") {
        Ok(c) => c,
        Err(e) => return e,
    };
    match vm.call(&Value::Obj(class), Args::new(&[Value::str(msg), doc.clone(), Value::Int(pos as i64)])) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.type_error("JSONDecodeError() did not make an exception"),
        Err(e) => e,
    }
}

/// `JSONDecodeError.__init__(self, msg, doc, pos)`: the message gets the line and column, as
/// CPython's `json.decoder.JSONDecodeError` does.
pub fn decode_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = crate::util::bind_method(vm, "JSONDecodeError.__init__", &rest, &["msg", "doc", "pos"], 3)?;
    let this = args.items[0].clone();
    let (msg, doc, pos_value) =
        (a[0].clone().expect("required"), a[1].clone().expect("required"), a[2].clone().expect("required"));
    let pos = vm.to_index(&pos_value)?.max(0) as usize;
    let text = crate::util::str_arg(vm, &doc, "doc")?.to_string();
    let before: String = text.chars().take(pos).collect();
    let lineno = before.matches('\n').count() + 1;
    let colno = match before.rfind('\n') {
        Some(nl) => pos - before[..nl].chars().count(),
        None => pos + 1,
    };
    let shown = vm.str_of(&msg)?;
    let errmsg = format!("{shown}: line {lineno} column {colno} (char {pos})");
    if let Some(data) = this.as_obj().and_then(gilpy_interpreter::vm::errors::exception_data) {
        data.borrow_mut(vm).args = Value::tuple(vec![Value::string(errmsg)]);
    }
    let attrs = [
        ("msg", msg),
        ("doc", doc),
        ("pos", pos_value),
        ("lineno", Value::Int(lineno as i64)),
        ("colno", Value::Int(colno as i64)),
    ];
    for (name, value) in attrs {
        vm.set_attr(&this, &Value::str(name), value)?;
    }
    Ok(Value::None)
}

/// `JSONDecoder.decode`: one value, surrounded only by whitespace.
pub fn decode(vm: &mut Vm, text: &str, doc: &Value, hooks: &Hooks) -> PyResult<Value> {
    if text.starts_with('\u{feff}') {
        return Err(decode_error(vm, "Unexpected UTF-8 BOM (decode using utf-8-sig)", doc, 0));
    }
    let mut scanner = Scanner::new(text, hooks);
    let start = scanner.skip_ws(0);
    let (value, end) = match scanner.scan_once(vm, start) {
        Ok(r) => r,
        Err(e) => return Err(to_pyerr(vm, &scanner, doc, e)),
    };
    let end = scanner.skip_ws(end);
    if end != text.len() {
        return Err(to_pyerr(vm, &scanner, doc, ScanError::Decode("Extra data", end)));
    }
    Ok(value)
}

/// `JSONDecoder.raw_decode(s, idx)`: one value starting at character `idx`, and the character
/// offset after it.
pub fn raw_decode(vm: &mut Vm, text: &str, doc: &Value, idx: usize, hooks: &Hooks) -> PyResult<Value> {
    let mut scanner = Scanner::new(text, hooks);
    let Some(start) = scanner.byte_pos(idx) else {
        return Err(to_pyerr(vm, &scanner, doc, ScanError::NoValue(text.len())));
    };
    match scanner.scan_once(vm, start) {
        Ok((value, end)) => Ok(Value::tuple(vec![value, Value::Int(scanner.char_pos(end) as i64)])),
        Err(e) => Err(to_pyerr(vm, &scanner, doc, e)),
    }
}
