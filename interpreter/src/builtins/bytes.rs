//! `bytes` and `bytearray` (one method table serves both; results keep the receiver's type):
//! `bytes()`/`bytearray()`, decoding, repr, search/split/strip, the sequence protocol and the
//! bytearray mutators.

use crate::builtins::int::{self as int_mod, arg, check_args, IntRef};
use crate::builtins::receiver;
use crate::builtins::types::TypeId;
use crate::bytecode::CompareOp;
use crate::object::{GilCell, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

// ---------------------------------------------------------------------------------------------
// Helpers shared with other files
// ---------------------------------------------------------------------------------------------

/// A new bytearray object.
pub fn new_bytearray(b: Vec<u8>) -> Value {
    Value::Obj(ObjRef::new(Payload::ByteArray(GilCell::new(b))))
}

/// The contents of a bytes-like value (bytes, bytearray, or an instance of a subclass).
pub fn bytes_like(vm: &Vm, v: &Value) -> Option<Vec<u8>> {
    match receiver(v).payload() {
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        Some(Payload::ByteArray(b)) => Some(b.borrow(vm).clone()),
        _ => None,
    }
}

/// An int in range(256) (`__index__` semantics), for bytes items.
pub fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = match int_mod::as_int(v) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => -1,
        None => {
            let iv = int_mod::index_value(vm, v)?;
            match int_mod::as_int(&iv) {
                Some(IntRef::Small(i)) => i,
                _ => -1,
            }
        }
    };
    if (0..256).contains(&i) {
        Ok(i as u8)
    } else {
        Err(vm.value_error("byte must be in range(0, 256)"))
    }
}

/// `repr(bytes)` with the given prefix (`b`); CPython's quote choice and escapes.
pub fn repr_bytes(b: &[u8], prefix: &str) -> String {
    repr_bytes_impl(b, prefix, false)
}

/// The `b'...'` part of `repr(bytearray)`, which (as CPython) escapes `'` even inside double
/// quotes.
pub fn repr_bytearray_body(b: &[u8]) -> String {
    repr_bytes_impl(b, "b", true)
}

fn repr_bytes_impl(b: &[u8], prefix: &str, bytearray: bool) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3 + prefix.len());
    out.push_str(prefix);
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote || (bytearray && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr()` of a bytes or bytearray value.
pub fn repr_bytes_value(vm: &Vm, v: &Value) -> Option<String> {
    match v.payload()? {
        Payload::Bytes(b) => Some(repr_bytes(b, "b")),
        Payload::ByteArray(b) => Some(format!("bytearray({})", repr_bytearray_body(&b.borrow(vm)))),
        _ => None,
    }
}

/// Decodes bytes with one of the built-in codecs (utf-8, ascii, latin-1).
pub fn decode_bytes(vm: &Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = match super::str::normalize_encoding(encoding) {
        Some(c) => c,
        None => return Err(vm.new_exception_msg("LookupError", &format!("unknown encoding: {encoding}"))),
    };
    match codec {
        "latin-1" => Ok(b.iter().map(|&c| c as char).collect()),
        "ascii" => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as char);
                    continue;
                }
                match errors {
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => out.push_str(&format!("\\x{c:02x}")),
                    "strict" | "surrogateescape" | "surrogatepass" => {
                        return Err(vm.new_exception_msg(
                            "UnicodeDecodeError",
                            &format!(
                                "'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"
                            ),
                        ))
                    }
                    other => {
                        return Err(
                            vm.new_exception_msg("LookupError", &format!("unknown error handler name '{other}'"))
                        )
                    }
                }
            }
            Ok(out)
        }
        _ => {
            if let Ok(s) = std::str::from_utf8(b) {
                return Ok(s.to_string());
            }
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            let mut offset = 0usize;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad_len = e.error_len().unwrap_or(rest.len() - good);
                        let pos = offset + good;
                        match errors {
                            "ignore" => {}
                            "replace" => out.push('\u{fffd}'),
                            "backslashreplace" => {
                                for &c in &rest[good..good + bad_len] {
                                    out.push_str(&format!("\\x{c:02x}"));
                                }
                            }
                            "strict" | "surrogateescape" | "surrogatepass" => {
                                let first = rest[good];
                                let reason = if e.error_len().is_none() {
                                    "unexpected end of data"
                                } else if bad_len == 1 && !(0xc2..=0xf4).contains(&first) {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                let msg = if bad_len == 1 {
                                    format!("'utf-8' codec can't decode byte 0x{first:02x} in position {pos}: {reason}")
                                } else {
                                    format!(
                                        "'utf-8' codec can't decode bytes in position {pos}-{}: {reason}",
                                        pos + bad_len - 1
                                    )
                                };
                                return Err(vm.new_exception_msg("UnicodeDecodeError", &msg));
                            }
                            other => {
                                return Err(vm.new_exception_msg(
                                    "LookupError",
                                    &format!("unknown error handler name '{other}'"),
                                ))
                            }
                        }
                        rest = &rest[good + bad_len..];
                        offset += good + bad_len;
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Receiver helpers
// ---------------------------------------------------------------------------------------------

/// The receiver's bytes and whether it is a bytearray.
fn self_bytes(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<(Vec<u8>, bool)> {
    match args.items.first().map(receiver).and_then(|v| v.payload()) {
        Some(Payload::Bytes(b)) => Ok((b.to_vec(), false)),
        Some(Payload::ByteArray(b)) => Ok((b.borrow(vm).clone(), true)),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

fn make(b: Vec<u8>, bytearray: bool) -> Value {
    if bytearray {
        new_bytearray(b)
    } else {
        Value::bytes(b)
    }
}

/// A bytes-like argument, or `TypeError: a bytes-like object is required, not 'str'`.
fn need_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    match bytes_like(vm, v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    }
}

fn rest_args<'a>(vm: &Vm, args: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    check_args(vm, name, args, min, max, &[])?;
    Ok(&args.items[1..])
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn adjust(start: Option<i64>, end: Option<i64>, len: i64) -> (i64, i64) {
    let mut s = start.unwrap_or(0);
    let mut e = end.unwrap_or(len);
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    if s < 0 {
        s = (s + len).max(0);
    }
    (s, e)
}

/// The needle of find/count/index: an int byte or bytes-like.
fn needle_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(vm, v) {
        return Ok(b);
    }
    if int_mod::as_int(v).is_some() || crate::vm::attr::lookup_special(vm, v, "__index__").is_some() {
        return Ok(vec![byte_value(vm, v)?]);
    }
    Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", vm.type_name(v))))
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

/// The methods of `bytes`: all of [`METHODS`] but the bytearray-only tail.
pub fn bytes_methods() -> &'static [(&'static str, NativeFn)] {
    let shared = METHODS.iter().position(|(name, _)| *name == "append").unwrap_or(METHODS.len());
    &METHODS[..shared]
}

/// The methods of `bytearray`; those from `append` on are bytearray's own (mutating) methods.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("decode", b_decode),
    ("hex", b_hex),
    ("fromhex", b_fromhex),
    ("join", b_join),
    ("split", b_split),
    ("rsplit", b_rsplit),
    ("splitlines", b_splitlines),
    ("strip", b_strip),
    ("lstrip", b_lstrip),
    ("rstrip", b_rstrip),
    ("startswith", b_startswith),
    ("endswith", b_endswith),
    ("find", b_find),
    ("rfind", b_rfind),
    ("index", b_index),
    ("rindex", b_rindex),
    ("count", b_count),
    ("replace", b_replace),
    ("upper", b_upper),
    ("lower", b_lower),
    ("swapcase", b_swapcase),
    ("capitalize", b_capitalize),
    ("title", b_title),
    ("isdigit", b_isdigit),
    ("isalpha", b_isalpha),
    ("isalnum", b_isalnum),
    ("isspace", b_isspace),
    ("isupper", b_isupper),
    ("islower", b_islower),
    ("isascii", b_isascii),
    ("partition", b_partition),
    ("rpartition", b_rpartition),
    ("center", b_center),
    ("ljust", b_ljust),
    ("rjust", b_rjust),
    ("zfill", b_zfill),
    ("removeprefix", b_removeprefix),
    ("removesuffix", b_removesuffix),
    ("translate", b_translate),
    ("maketrans", b_maketrans),
    ("expandtabs", b_expandtabs),
    ("__len__", b_len),
    ("__getitem__", b_getitem),
    ("__contains__", b_contains),
    ("__iter__", b_iter),
    ("__add__", b_add),
    ("__mul__", b_mul),
    ("__rmul__", b_mul),
    ("__mod__", b_mod),
    ("__eq__", b_eq),
    ("__ne__", b_ne),
    ("__lt__", b_lt),
    ("__le__", b_le),
    ("__gt__", b_gt),
    ("__ge__", b_ge),
    ("__hash__", b_hash),
    ("__repr__", b_repr),
    ("__str__", b_repr),
    ("__bytes__", b_bytes),
    ("__getnewargs__", b_getnewargs),
    // bytearray only
    ("append", ba_append),
    ("extend", ba_extend),
    ("pop", ba_pop),
    ("insert", ba_insert),
    ("remove", ba_remove),
    ("clear", ba_clear),
    ("reverse", ba_reverse),
    ("copy", ba_copy),
    ("__setitem__", ba_setitem),
    ("__delitem__", ba_delitem),
    ("__iadd__", ba_iadd),
    ("__imul__", ba_imul),
];

fn b_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (b, _) = self_bytes(vm, &args, "decode")?;
    check_args(vm, "decode", &args, 0, 2, &["encoding", "errors"])?;
    let get = |v: Option<&Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None => Ok(default.to_string()),
            Some(v) => match receiver(v).as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!("decode() argument '{what}' must be str, not {}", vm.type_name(v)))),
            },
        }
    };
    let enc = get(arg(&args, 0, "encoding"), "utf-8", "encoding")?;
    let errors = get(arg(&args, 1, "errors"), "strict", "errors")?;
    Ok(Value::string(decode_bytes(vm, &b, &enc, &errors)?))
}

fn b_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (b, _) = self_bytes(vm, &args, "hex")?;
    check_args(vm, "hex", &args, 0, 2, &["sep", "bytes_per_sep"])?;
    let hex: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let sep = match arg(&args, 0, "sep") {
        None => return Ok(Value::string(hex.concat())),
        Some(v) => match receiver(v).as_str() {
            Some(s) => s.to_string(),
            None => match bytes_like(vm, v) {
                Some(bb) => bb.iter().map(|&c| c as char).collect(),
                None => return Err(vm.type_error("sep must be str or bytes.")),
            },
        },
    };
    if sep.chars().count() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    let per = match arg(&args, 1, "bytes_per_sep") {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => 1,
    };
    if per == 0 || hex.is_empty() {
        return Ok(Value::string(hex.concat()));
    }
    let group = per.unsigned_abs() as usize;
    let mut chunks: Vec<String> = Vec::new();
    if per > 0 {
        // Groups counted from the right.
        let first = hex.len() % group;
        if first > 0 {
            chunks.push(hex[..first].concat());
        }
        for c in hex[first..].chunks(group) {
            chunks.push(c.concat());
        }
    } else {
        for c in hex.chunks(group) {
            chunks.push(c.concat());
        }
    }
    Ok(Value::string(chunks.join(&sep)))
}

fn b_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (cls, s) = match pos {
        [c, s] if matches!(c.payload(), Some(Payload::Class(_))) => (Some(c.clone()), s.clone()),
        [s] => (None, s.clone()),
        _ => return Err(vm.type_error(format!("fromhex() takes exactly one argument ({} given)", pos.len()))),
    };
    let text = match receiver(&s).as_str() {
        Some(t) => t.to_string(),
        None => return Err(vm.type_error(format!("fromhex() argument must be str, not {}", vm.type_name(&s)))),
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |pos: usize| vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {pos}"));
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).filter(|_| chars[i].is_ascii()).ok_or_else(|| err(i))?;
        if i + 1 >= chars.len() {
            return Err(err(i + 1));
        }
        let lo = chars[i + 1].to_digit(16).filter(|_| chars[i + 1].is_ascii()).ok_or_else(|| err(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let is_bytearray = match &cls {
        Some(c) => class_is(c, TypeId::ByteArray),
        None => matches!(args.items.first().map(receiver).and_then(|v| v.payload()), Some(Payload::ByteArray(_))),
    };
    let result = make(out, is_bytearray);
    if let Some(c) = cls {
        let exact = class_is(&c, TypeId::Bytes) || class_is(&c, TypeId::ByteArray);
        if !exact {
            return vm.call(&c, Args::new(&[result]));
        }
    }
    Ok(result)
}

fn class_is(c: &Value, id: TypeId) -> bool {
    match c.payload() {
        Some(Payload::Class(cl)) => cl.builtin == Some(id) && cl.is_builtin,
        _ => false,
    }
}

fn b_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (sep, ba) = self_bytes(vm, &args, "join")?;
    let rest = rest_args(vm, &args, "join", 1, 1)?;
    let items = vm.iterate(&rest[0])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let b = match bytes_like(vm, it) {
            Some(b) => b,
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    vm.type_name(it)
                )))
            }
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(make(out, ba))
}

fn split_common(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(Option<Vec<u8>>, i64)> {
    check_args(vm, name, args, 0, 2, &["sep", "maxsplit"])?;
    let sep = match arg(args, 0, "sep") {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => {
            let b = need_bytes(vm, v)?;
            if b.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(b)
        }
    };
    let maxsplit = match arg(args, 1, "maxsplit") {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn split_bytes(s: &[u8], sep: Option<&[u8]>, maxsplit: i64) -> Vec<Vec<u8>> {
    let mut maxcount = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut out = Vec::new();
    match sep {
        Some(sep) => {
            let mut start = 0;
            while maxcount > 0 {
                match find_sub(&s[start..], sep) {
                    Some(p) => {
                        out.push(s[start..start + p].to_vec());
                        start += p + sep.len();
                        maxcount -= 1;
                    }
                    None => break,
                }
            }
            out.push(s[start..].to_vec());
        }
        None => {
            let n = s.len();
            let mut i = 0;
            while maxcount > 0 {
                while i < n && is_space(s[i]) {
                    i += 1;
                }
                if i == n {
                    break;
                }
                let j = i;
                while i < n && !is_space(s[i]) {
                    i += 1;
                }
                out.push(s[j..i].to_vec());
                maxcount -= 1;
            }
            if i < n {
                while i < n && is_space(s[i]) {
                    i += 1;
                }
                if i != n {
                    out.push(s[i..].to_vec());
                }
            }
        }
    }
    out
}

fn rsplit_bytes(s: &[u8], sep: Option<&[u8]>, maxsplit: i64) -> Vec<Vec<u8>> {
    let mut maxcount = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut out = Vec::new();
    match sep {
        Some(sep) => {
            let mut end = s.len();
            while maxcount > 0 {
                match rfind_sub(&s[..end], sep) {
                    Some(p) => {
                        out.push(s[p + sep.len()..end].to_vec());
                        end = p;
                        maxcount -= 1;
                    }
                    None => break,
                }
            }
            out.push(s[..end].to_vec());
        }
        None => {
            let mut i = s.len() as isize - 1;
            while maxcount > 0 {
                while i >= 0 && is_space(s[i as usize]) {
                    i -= 1;
                }
                if i < 0 {
                    break;
                }
                let j = i;
                while i >= 0 && !is_space(s[i as usize]) {
                    i -= 1;
                }
                out.push(s[(i + 1) as usize..(j + 1) as usize].to_vec());
                maxcount -= 1;
            }
            if i >= 0 {
                while i >= 0 && is_space(s[i as usize]) {
                    i -= 1;
                }
                if i >= 0 {
                    out.push(s[..(i + 1) as usize].to_vec());
                }
            }
        }
    }
    out.reverse();
    out
}

fn list_of(vm: &Vm, parts: Vec<Vec<u8>>, ba: bool) -> Value {
    vm.new_list(parts.into_iter().map(|p| make(p, ba)).collect())
}

fn b_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "split")?;
    let (sep, max) = split_common(vm, &args, "split")?;
    Ok(list_of(vm, split_bytes(&s, sep.as_deref(), max), ba))
}

fn b_rsplit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "rsplit")?;
    let (sep, max) = split_common(vm, &args, "rsplit")?;
    Ok(list_of(vm, rsplit_bytes(&s, sep.as_deref(), max), ba))
}

fn b_splitlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "splitlines")?;
    check_args(vm, "splitlines", &args, 0, 1, &["keepends"])?;
    let keep = match arg(&args, 0, "keepends") {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == b'\n' || c == b'\r' {
            let mut end = i + 1;
            if c == b'\r' && i + 1 < s.len() && s[i + 1] == b'\n' {
                end += 1;
            }
            out.push(if keep { s[start..end].to_vec() } else { s[start..i].to_vec() });
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < s.len() {
        out.push(s[start..].to_vec());
    }
    Ok(list_of(vm, out, ba))
}

fn strip_impl(vm: &mut Vm, args: Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, name)?;
    let rest = rest_args(vm, &args, name, 0, 1)?;
    let set: Option<Vec<u8>> = match rest.first() {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => Some(need_bytes(vm, v)?),
    };
    let keep = |c: &u8| match &set {
        None => is_space(*c),
        Some(set) => set.contains(c),
    };
    let mut a = 0;
    let mut b = s.len();
    if left {
        while a < b && keep(&s[a]) {
            a += 1;
        }
    }
    if right {
        while b > a && keep(&s[b - 1]) {
            b -= 1;
        }
    }
    Ok(make(s[a..b].to_vec(), ba))
}

fn b_strip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}
fn b_lstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}
fn b_rstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn affix_impl(vm: &mut Vm, args: Args<'_>, name: &str, ends: bool) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, name)?;
    let rest = rest_args(vm, &args, name, 1, 3)?;
    let start = super::str::slice_bound(vm, rest.get(1))?;
    let end = super::str::slice_bound(vm, rest.get(2))?;
    let len = s.len() as i64;
    let (st, en) = adjust(start, end, len);
    let check = |p: &[u8]| -> bool {
        let plen = p.len() as i64;
        if en - plen < st {
            return false;
        }
        let (a, b) = if ends { (en - plen, en) } else { (st, st + plen) };
        &s[a as usize..b as usize] == p
    };
    let what = &rest[0];
    if let Some(Payload::Tuple(items)) = receiver(what).payload() {
        for it in items.iter() {
            match bytes_like(vm, it) {
                Some(p) => {
                    if check(&p) {
                        return Ok(Value::Bool(true));
                    }
                }
                None => {
                    return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(it))))
                }
            }
        }
        return Ok(Value::Bool(false));
    }
    match bytes_like(vm, what) {
        Some(p) => Ok(Value::Bool(check(&p))),
        None => {
            Err(vm
                .type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", vm.type_name(what))))
        }
    }
}

fn b_startswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix_impl(vm, args, "startswith", false)
}
fn b_endswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix_impl(vm, args, "endswith", true)
}

fn find_impl(vm: &mut Vm, args: &Args<'_>, name: &str, reverse: bool) -> PyResult<i64> {
    let (s, _) = self_bytes(vm, args, name)?;
    let rest = rest_args(vm, args, name, 1, 3)?;
    let sub = needle_arg(vm, &rest[0])?;
    let start = super::str::slice_bound(vm, rest.get(1))?;
    let end = super::str::slice_bound(vm, rest.get(2))?;
    let len = s.len() as i64;
    let (st, en) = adjust(start, end, len);
    if st > len || en - st < sub.len() as i64 {
        return Ok(-1);
    }
    let hay = &s[st as usize..en as usize];
    let r = if reverse { rfind_sub(hay, &sub) } else { find_sub(hay, &sub) };
    Ok(r.map(|p| p as i64 + st).unwrap_or(-1))
}

fn b_find(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &args, "find", false)?))
}
fn b_rfind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &args, "rfind", true)?))
}
fn b_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match find_impl(vm, &args, "index", false)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}
fn b_rindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match find_impl(vm, &args, "rindex", true)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}

fn b_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "count")?;
    let rest = rest_args(vm, &args, "count", 1, 3)?;
    let sub = needle_arg(vm, &rest[0])?;
    let start = super::str::slice_bound(vm, rest.get(1))?;
    let end = super::str::slice_bound(vm, rest.get(2))?;
    let len = s.len() as i64;
    let (st, en) = adjust(start, end, len);
    if st > len || en < st {
        return Ok(Value::Int(0));
    }
    let hay = &s[st as usize..en as usize];
    if sub.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find_sub(&hay[i..], &sub) {
        n += 1;
        i += p + sub.len();
    }
    Ok(Value::Int(n))
}

fn b_replace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "replace")?;
    let rest = rest_args(vm, &args, "replace", 2, 3)?;
    let old = need_bytes(vm, &rest[0])?;
    let new = need_bytes(vm, &rest[1])?;
    let mut count = match rest.get(2) {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => -1,
    };
    if count < 0 {
        count = i64::MAX;
    }
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in s.iter().enumerate() {
            if n < count {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < count {
            out.extend_from_slice(&new);
        }
        return Ok(make(out, ba));
    }
    let mut i = 0;
    let mut n = 0;
    while n < count {
        match find_sub(&s[i..], &old) {
            Some(p) => {
                out.extend_from_slice(&s[i..i + p]);
                out.extend_from_slice(&new);
                i += p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&s[i..]);
    Ok(make(out, ba))
}

fn map_bytes(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, name)?;
    rest_args(vm, &args, name, 0, 0)?;
    Ok(make(f(&s), ba))
}

fn b_upper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, args, "upper", |s| s.to_ascii_uppercase())
}
fn b_lower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, args, "lower", |s| s.to_ascii_lowercase())
}
fn b_swapcase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, args, "swapcase", |s| {
        s.iter()
            .map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() })
            .collect()
    })
}
fn b_capitalize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, args, "capitalize", |s| {
        s.iter()
            .enumerate()
            .map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect()
    })
}
fn b_title(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, args, "title", |s| {
        let mut prev = false;
        s.iter()
            .map(|&c| {
                let r = if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                prev = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn pred(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&u8) -> bool) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, name)?;
    rest_args(vm, &args, name, 0, 0)?;
    Ok(Value::Bool(!s.is_empty() && s.iter().all(f)))
}

fn b_isdigit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred(vm, args, "isdigit", u8::is_ascii_digit)
}
fn b_isalpha(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred(vm, args, "isalpha", u8::is_ascii_alphabetic)
}
fn b_isalnum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred(vm, args, "isalnum", u8::is_ascii_alphanumeric)
}
fn b_isspace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred(vm, args, "isspace", |c| is_space(*c))
}
fn b_isupper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "isupper")?;
    Ok(Value::Bool(s.iter().any(u8::is_ascii_uppercase) && !s.iter().any(u8::is_ascii_lowercase)))
}
fn b_islower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "islower")?;
    Ok(Value::Bool(s.iter().any(u8::is_ascii_lowercase) && !s.iter().any(u8::is_ascii_uppercase)))
}
fn b_isascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "isascii")?;
    Ok(Value::Bool(s.is_ascii()))
}

fn partition_impl(vm: &mut Vm, args: Args<'_>, name: &str, reverse: bool) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, name)?;
    let rest = rest_args(vm, &args, name, 1, 1)?;
    let sep = need_bytes(vm, &rest[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if reverse { rfind_sub(&s, &sep) } else { find_sub(&s, &sep) };
    let parts = match found {
        Some(i) => vec![s[..i].to_vec(), sep.clone(), s[i + sep.len()..].to_vec()],
        None => {
            if reverse {
                vec![vec![], vec![], s.clone()]
            } else {
                vec![s.clone(), vec![], vec![]]
            }
        }
    };
    Ok(Value::tuple(parts.into_iter().map(|p| make(p, ba)).collect()))
}

fn b_partition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}
fn b_rpartition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

fn pad_impl(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, name)?;
    let rest = rest_args(vm, &args, name, 1, 2)?;
    let width = int_mod::index_arg(vm, &rest[0])?;
    let fill = match rest.get(1) {
        None => b' ',
        Some(v) => match bytes_like(vm, v) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    let len = s.len() as i64;
    if width <= len {
        return Ok(make(s, ba));
    }
    let marg = width - len;
    let (left, right) = match name {
        "ljust" => (0, marg),
        "rjust" => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    };
    let mut out = vec![fill; left as usize];
    out.extend_from_slice(&s);
    out.extend(std::iter::repeat_n(fill, right as usize));
    Ok(make(out, ba))
}

fn b_center(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pad_impl(vm, args, "center")
}
fn b_ljust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pad_impl(vm, args, "ljust")
}
fn b_rjust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pad_impl(vm, args, "rjust")
}

fn b_zfill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "zfill")?;
    let rest = rest_args(vm, &args, "zfill", 1, 1)?;
    let width = int_mod::index_arg(vm, &rest[0])?;
    if width <= s.len() as i64 {
        return Ok(make(s, ba));
    }
    let fill = width as usize - s.len();
    let mut out = Vec::with_capacity(width as usize);
    let body = match s.first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c);
            &s[1..]
        }
        _ => &s[..],
    };
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(body);
    Ok(make(out, ba))
}

fn b_removeprefix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "removeprefix")?;
    let rest = rest_args(vm, &args, "removeprefix", 1, 1)?;
    let p = need_bytes(vm, &rest[0])?;
    Ok(make(s.strip_prefix(&p[..]).unwrap_or(&s).to_vec(), ba))
}

fn b_removesuffix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "removesuffix")?;
    let rest = rest_args(vm, &args, "removesuffix", 1, 1)?;
    let p = need_bytes(vm, &rest[0])?;
    Ok(make(s.strip_suffix(&p[..]).unwrap_or(&s).to_vec(), ba))
}

fn b_translate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "translate")?;
    check_args(vm, "translate", &args, 1, 2, &["delete"])?;
    let table = match arg(&args, 0, "table") {
        Some(v) if !v.is_none() => {
            let t = need_bytes(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
        _ => None,
    };
    let delete = match arg(&args, 1, "delete") {
        Some(v) => need_bytes(vm, v)?,
        None => vec![],
    };
    let out: Vec<u8> =
        s.iter().filter(|c| !delete.contains(c)).map(|&c| table.as_ref().map(|t| t[c as usize]).unwrap_or(c)).collect();
    Ok(make(out, ba))
}

fn b_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut pos = args.positional();
    if let Some(Payload::Class(_)) = pos.first().and_then(|v| v.payload()) {
        pos = &pos[1..];
    }
    if pos.len() != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {}", pos.len())));
    }
    let a = need_bytes(vm, &pos[0])?;
    let b = need_bytes(vm, &pos[1])?;
    if a.len() != b.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (x, y) in a.iter().zip(b.iter()) {
        table[*x as usize] = *y;
    }
    Ok(Value::bytes(table))
}

fn b_expandtabs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "expandtabs")?;
    check_args(vm, "expandtabs", &args, 0, 1, &["tabsize"])?;
    let tab = match arg(&args, 0, "tabsize") {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &c in &s {
        if c == b'\t' {
            if tab > 0 {
                let incr = tab - col % tab;
                col += incr;
                out.extend(std::iter::repeat_n(b' ', incr as usize));
            }
        } else {
            col += 1;
            out.push(c);
            if c == b'\n' || c == b'\r' {
                col = 0;
            }
        }
    }
    Ok(make(out, ba))
}

// ----- sequence protocol -----

fn b_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().map(receiver).and_then(|v| v.payload()) {
        Some(Payload::Bytes(b)) => Ok(Value::Int(b.len() as i64)),
        Some(Payload::ByteArray(b)) => Ok(Value::Int(b.borrow(vm).len() as i64)),
        _ => Err(vm.type_error("descriptor '__len__' requires a 'bytes' object")),
    }
}

/// `b[key]` for bytes/bytearray values.
pub fn bytes_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let ba = matches!(receiver(v).payload(), Some(Payload::ByteArray(_)));
    let s = match bytes_like(vm, v) {
        Some(s) => s,
        None => return Err(vm.type_error("descriptor '__getitem__' requires a 'bytes' object")),
    };
    if let Some(Payload::Slice(sl)) = key.payload() {
        let sl: [Value; 3] = (**sl).clone();
        let (start, _stop, step, n) = crate::builtins::list::slice_indices(vm, &sl, s.len() as i64)?;
        let mut out = Vec::with_capacity(n.max(0) as usize);
        for k in 0..n.max(0) {
            out.push(s[(start + k * step) as usize]);
        }
        return Ok(make(out, ba));
    }
    let i = match int_mod::as_int(key) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => return Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
        None => {
            if matches!(key, Value::Obj(_)) && crate::vm::attr::lookup_special(vm, key, "__index__").is_some() {
                vm.to_index(key)?
            } else {
                let what = if ba { "bytearray" } else { "byte" };
                return Err(
                    vm.type_error(format!("{what} indices must be integers or slices, not {}", vm.type_name(key)))
                );
            }
        }
    };
    let idx = if i < 0 { i + s.len() as i64 } else { i };
    if idx < 0 || idx as usize >= s.len() {
        return Err(vm.index_error(if ba { "bytearray index out of range" } else { "index out of range" }));
    }
    Ok(Value::Int(s[idx as usize] as i64))
}

fn b_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "__getitem__", 1, 1)?;
    let (v, k) = (args.items[0].clone(), rest[0].clone());
    bytes_getitem(vm, &v, &k)
}

fn b_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "__contains__")?;
    let rest = rest_args(vm, &args, "__contains__", 1, 1)?;
    let x = &rest[0];
    if let Some(b) = bytes_like(vm, x) {
        return Ok(Value::Bool(find_sub(&s, &b).is_some()));
    }
    if int_mod::as_int(x).is_some() || crate::vm::attr::lookup_special(vm, x, "__index__").is_some() {
        let c = byte_value(vm, x)?;
        return Ok(Value::Bool(s.contains(&c)));
    }
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(x))))
}

fn b_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "__iter__")?;
    let list = vm.new_list(s.into_iter().map(|c| Value::Int(c as i64)).collect());
    vm.get_iter(&list)
}

fn b_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (mut s, ba) = self_bytes(vm, &args, "__add__")?;
    let rest = rest_args(vm, &args, "__add__", 1, 1)?;
    match bytes_like(vm, &rest[0]) {
        Some(b) => {
            s.extend_from_slice(&b);
            Ok(make(s, ba))
        }
        None => {
            if matches!(rest[0].payload(), Some(Payload::Instance(_)))
                && crate::vm::attr::lookup_special(vm, &rest[0], "__radd__").is_some()
            {
                return Ok(Value::NotImplemented);
            }
            Err(vm.type_error(format!(
                "can't concat {} to {}",
                vm.type_name(&rest[0]),
                if ba { "bytearray" } else { "bytes" }
            )))
        }
    }
}

fn b_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "__mul__")?;
    let rest = rest_args(vm, &args, "__mul__", 1, 1)?;
    let n = match super::str::repeat_count(vm, &rest[0], "__rmul__")? {
        Some(n) => n,
        None => return Ok(Value::NotImplemented),
    };
    if n <= 0 {
        return Ok(make(vec![], ba));
    }
    match s.len().checked_mul(n as usize) {
        Some(t) if t < (isize::MAX as usize) / 2 => Ok(make(s.repeat(n as usize), ba)),
        _ => Err(vm.new_exception_msg("MemoryError", "")),
    }
}

fn b_mod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "__mod__")?;
    let rest = rest_args(vm, &args, "__mod__", 1, 1)?;
    let fmt: String = s.iter().map(|&c| c as char).collect();
    let v = rest[0].clone();
    let out = super::str::percent_format_bytes(vm, &fmt, &v)?;
    Ok(make(out, ba))
}

fn compare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, op.dunders().0)?;
    let rest = rest_args(vm, &args, op.dunders().0, 1, 1)?;
    let t = match bytes_like(vm, &rest[0]) {
        Some(t) => t,
        None => return Ok(Value::NotImplemented),
    };
    Ok(Value::Bool(match op {
        CompareOp::Lt => s < t,
        CompareOp::Le => s <= t,
        CompareOp::Eq => s == t,
        CompareOp::Ne => s != t,
        CompareOp::Gt => s > t,
        CompareOp::Ge => s >= t,
    }))
}

fn b_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Eq)
}
fn b_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Ne)
}
fn b_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Lt)
}
fn b_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Le)
}
fn b_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Gt)
}
fn b_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, CompareOp::Ge)
}

/// hash(bytes): the same function as for str, so `hash(b'abc') == hash('abc')`.
pub fn hash_bytes(b: &[u8]) -> i64 {
    crate::object::str_hash(b)
}

fn b_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "__hash__")?;
    if ba {
        return Err(vm.type_error("unhashable type: 'bytearray'"));
    }
    Ok(Value::Int(hash_bytes(&s)))
}

fn b_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, ba) = self_bytes(vm, &args, "__repr__")?;
    let r = if ba { repr_bytearray_body(&s) } else { repr_bytes(&s, "b") };
    Ok(Value::string(if ba {
        let name = vm.type_name(&args.items[0]);
        format!("{name}({r})")
    } else {
        r
    }))
}

fn b_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "__bytes__")?;
    Ok(Value::bytes(s))
}

fn b_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = self_bytes(vm, &args, "__getnewargs__")?;
    Ok(Value::tuple(vec![Value::bytes(s)]))
}

// ----- bytearray mutators -----

fn with_bytearray<R>(vm: &mut Vm, v: &Value, name: &str, f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<R> {
    match receiver(v).payload() {
        Some(Payload::ByteArray(cell)) => {
            let mut data = cell.borrow_mut(vm);
            Ok(f(&mut data))
        }
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytearray' object"))),
    }
}

fn ba_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "append", 1, 1)?;
    let c = byte_value(vm, &rest[0])?;
    with_bytearray(vm, &args.items[0], "append", |d| d.push(c))?;
    Ok(Value::None)
}

/// Bytes from a bytes-like or an iterable of ints (for extend / slice assignment / construct).
fn bytes_from_iterable(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    bytes_from_iterable_msg(vm, v, "byte must be in range(0, 256)")
}

fn bytes_from_iterable_msg(vm: &mut Vm, v: &Value, range_msg: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(vm, v) {
        return Ok(b);
    }
    let items = vm.iterate(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        if int_mod::as_int(it).is_none() && crate::vm::attr::lookup_special(vm, it, "__index__").is_none() {
            return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(it))));
        }
        match byte_value(vm, it) {
            Ok(c) => out.push(c),
            Err(e) if vm.err_matches(&e, "ValueError") => return Err(vm.value_error(range_msg)),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn ba_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "extend", 1, 1)?;
    let b = bytes_from_iterable(vm, &rest[0])?;
    with_bytearray(vm, &args.items[0], "extend", |d| d.extend_from_slice(&b))?;
    Ok(Value::None)
}

fn ba_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "pop", 0, 1)?;
    let idx = match rest.first() {
        Some(v) => Some(int_mod::index_arg(vm, v)?),
        None => None,
    };
    let r = with_bytearray(vm, &args.items[0], "pop", |d| {
        if d.is_empty() {
            return Err("pop from empty bytearray");
        }
        let len = d.len() as i64;
        let i = idx.unwrap_or(-1);
        let i = if i < 0 { i + len } else { i };
        if i < 0 || i >= len {
            return Err("pop index out of range");
        }
        Ok(d.remove(i as usize))
    })?;
    match r {
        Ok(c) => Ok(Value::Int(c as i64)),
        Err(m) => Err(vm.index_error(m)),
    }
}

fn ba_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "insert", 2, 2)?;
    let i = int_mod::index_arg(vm, &rest[0])?;
    let c = byte_value(vm, &rest[1])?;
    with_bytearray(vm, &args.items[0], "insert", |d| {
        let len = d.len() as i64;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        d.insert(i as usize, c);
    })?;
    Ok(Value::None)
}

fn ba_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "remove", 1, 1)?;
    let c = byte_value(vm, &rest[0])?;
    let found = with_bytearray(vm, &args.items[0], "remove", |d| match d.iter().position(|&x| x == c) {
        Some(p) => {
            d.remove(p);
            true
        }
        None => false,
    })?;
    if found {
        Ok(Value::None)
    } else {
        Err(vm.value_error("value not found in bytearray"))
    }
}

fn ba_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    rest_args(vm, &args, "clear", 0, 0)?;
    with_bytearray(vm, &args.items[0], "clear", |d| d.clear())?;
    Ok(Value::None)
}

fn ba_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    rest_args(vm, &args, "reverse", 0, 0)?;
    with_bytearray(vm, &args.items[0], "reverse", |d| d.reverse())?;
    Ok(Value::None)
}

fn ba_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    rest_args(vm, &args, "copy", 0, 0)?;
    let d = with_bytearray(vm, &args.items[0], "copy", |d| d.clone())?;
    Ok(new_bytearray(d))
}

fn ba_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "__setitem__", 2, 2)?;
    let (key, value) = (rest[0].clone(), rest[1].clone());
    let len = with_bytearray(vm, &args.items[0], "__setitem__", |d| d.len())?;
    if let Some(Payload::Slice(sl)) = key.payload() {
        let sl: [Value; 3] = (**sl).clone();
        let (start, stop, step, n) = crate::builtins::list::slice_indices(vm, &sl, len as i64)?;
        if int_mod::as_int(&value).is_some() {
            return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
        }
        let new = bytes_from_iterable(vm, &value)?;
        let r = with_bytearray(vm, &args.items[0], "__setitem__", |d| {
            if step == 1 {
                let a = start as usize;
                let b = (stop.max(start)) as usize;
                d.splice(a..b, new.iter().cloned());
                Ok(())
            } else {
                if new.len() as i64 != n {
                    return Err(format!("attempt to assign bytes of size {} to extended slice of size {n}", new.len()));
                }
                for (k, c) in new.iter().enumerate() {
                    d[(start + k as i64 * step) as usize] = *c;
                }
                Ok(())
            }
        })?;
        return match r {
            Ok(()) => Ok(Value::None),
            Err(m) => Err(vm.value_error(m)),
        };
    }
    let i = match int_mod::as_int(&key) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => return Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
        None => {
            if crate::vm::attr::lookup_special(vm, &key, "__index__").is_some() {
                vm.to_index(&key)?
            } else {
                return Err(
                    vm.type_error(format!("bytearray indices must be integers or slices, not {}", vm.type_name(&key)))
                );
            }
        }
    };
    let c = byte_value(vm, &value)?;
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx as usize >= len {
        return Err(vm.index_error("bytearray index out of range"));
    }
    with_bytearray(vm, &args.items[0], "__setitem__", |d| d[idx as usize] = c)?;
    Ok(Value::None)
}

fn ba_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "__delitem__", 1, 1)?;
    let key = rest[0].clone();
    let len = with_bytearray(vm, &args.items[0], "__delitem__", |d| d.len())?;
    if let Some(Payload::Slice(sl)) = key.payload() {
        let sl: [Value; 3] = (**sl).clone();
        let (start, _stop, step, n) = crate::builtins::list::slice_indices(vm, &sl, len as i64)?;
        let mut idxs: Vec<usize> = (0..n.max(0)).map(|k| (start + k * step) as usize).collect();
        idxs.sort_unstable();
        with_bytearray(vm, &args.items[0], "__delitem__", |d| {
            for i in idxs.into_iter().rev() {
                d.remove(i);
            }
        })?;
        return Ok(Value::None);
    }
    let i = int_mod::index_arg(vm, &key)?;
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx as usize >= len {
        return Err(vm.index_error("bytearray index out of range"));
    }
    with_bytearray(vm, &args.items[0], "__delitem__", |d| {
        d.remove(idx as usize);
    })?;
    Ok(Value::None)
}

fn ba_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "__iadd__", 1, 1)?;
    let b = match bytes_like(vm, &rest[0]) {
        Some(b) => b,
        None => {
            return Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(&rest[0]))));
        }
    };
    with_bytearray(vm, &args.items[0], "__iadd__", |d| d.extend_from_slice(&b))?;
    Ok(args.items[0].clone())
}

fn ba_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = rest_args(vm, &args, "__imul__", 1, 1)?;
    let n = match super::str::repeat_count(vm, &rest[0], "__rmul__")? {
        Some(n) => n,
        None => return Ok(Value::NotImplemented),
    };
    with_bytearray(vm, &args.items[0], "__imul__", |d| {
        if n <= 0 {
            d.clear();
        } else {
            let orig = d.clone();
            for _ in 1..n {
                d.extend_from_slice(&orig);
            }
        }
    })?;
    Ok(args.items[0].clone())
}

// ---------------------------------------------------------------------------------------------
// bytes() / bytearray()
// ---------------------------------------------------------------------------------------------

/// `bytes(...)` and `bytearray(...)` (which one: `cls`).
pub fn construct(vm: &mut Vm, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let is_ba = match cls.payload() {
        Payload::Class(c) => c.builtin == Some(TypeId::ByteArray),
        _ => false,
    };
    let tname = if is_ba { "bytearray" } else { "bytes" };
    let pos = args.positional();
    for (k, _) in args.keywords() {
        if !matches!(k, "source" | "encoding" | "errors") {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {tname}()")));
        }
    }
    if pos.len() > 3 {
        return Err(vm.type_error(format!("{tname}() takes at most 3 arguments ({} given)", pos.len())));
    }
    let source = pos.first().or_else(|| args.kw("source")).cloned();
    let encoding = pos.get(1).or_else(|| args.kw("encoding")).cloned();
    let errors = pos.get(2).or_else(|| args.kw("errors")).cloned();
    let data = match source {
        None => {
            if encoding.is_some() || errors.is_some() {
                return Err(vm.type_error(if encoding.is_some() {
                    "encoding without a string argument"
                } else {
                    "errors without a string argument"
                }));
            }
            vec![]
        }
        Some(src) => {
            if let Some(s) = receiver(&src).as_str() {
                let enc = match &encoding {
                    Some(e) => match receiver(e).as_str() {
                        Some(e) => e.to_string(),
                        None => {
                            return Err(vm.type_error(format!(
                                "{tname}() argument 'encoding' must be str, not {}",
                                vm.type_name(e)
                            )))
                        }
                    },
                    None => return Err(vm.type_error("string argument without an encoding")),
                };
                let err = match &errors {
                    Some(e) => receiver(e).as_str().unwrap_or("strict").to_string(),
                    None => "strict".to_string(),
                };
                let s = s.to_string();
                super::str::encode_str(vm, &s, &enc, &err)?
            } else if encoding.is_some() || errors.is_some() {
                return Err(vm.type_error(if encoding.is_some() {
                    "encoding without a string argument"
                } else {
                    "errors without a string argument"
                }));
            } else {
                bytes_from_source(vm, &src, tname)?
            }
        }
    };
    Ok(make(data, is_ba))
}

fn bytes_from_source(vm: &mut Vm, src: &Value, tname: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(vm, src) {
        return Ok(b);
    }
    if tname == "bytes" {
        if let Some(f) = crate::vm::attr::lookup_special(vm, src, "__bytes__") {
            let r = vm.call(&f, Args::new(std::slice::from_ref(src)))?;
            return match receiver(&r).payload() {
                Some(Payload::Bytes(b)) => Ok(b.to_vec()),
                _ => Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r)))),
            };
        }
    }
    // An int: that many zero bytes.
    if int_mod::as_int(src).is_some()
        || (matches!(src, Value::Obj(_)) && crate::vm::attr::lookup_special(vm, src, "__index__").is_some())
    {
        let n = match int_mod::as_int(src) {
            Some(IntRef::Small(i)) => i,
            Some(IntRef::Big(b)) => {
                if num_traits::Signed::is_negative(b) {
                    -1
                } else {
                    return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
                }
            }
            None => vm.to_index(src)?,
        };
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        if n > (1 << 40) {
            return Err(vm.new_exception_msg("MemoryError", ""));
        }
        return Ok(vec![0; n as usize]);
    }
    let iterable = matches!(
        src.payload(),
        Some(
            Payload::List(_)
                | Payload::Tuple(_)
                | Payload::Set(_)
                | Payload::FrozenSet(_)
                | Payload::Dict(_)
                | Payload::Range(_)
                | Payload::Iterator(_)
                | Payload::Generator(_)
                | Payload::DictView(..)
        )
    ) || crate::vm::attr::lookup_special(vm, src, "__iter__").is_some()
        || crate::vm::attr::lookup_special(vm, src, "__getitem__").is_some();
    if !iterable {
        return Err(vm.type_error(format!("cannot convert '{}' object to {tname}", vm.type_name(src))));
    }
    bytes_from_iterable_msg(vm, src, "bytes must be in range(0, 256)")
}
