//! `str`: the methods, `str()`, `repr` quoting, `format()` of built-in values, `str.format` and
//! printf-style `%` formatting.
//!
//! Strings are UTF-8 (`PyStr`); indices are code-point indices. ASCII strings index in O(1).

use num_bigint::BigInt;

use crate::builtins::format_spec as fs;
use crate::builtins::int::{self as int_mod, arg, check_args, IntRef};
use crate::builtins::receiver;
use crate::bytecode::CompareOp;
use crate::object::{NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

/// `str.isspace()` for one character.
#[inline]
pub fn py_isspace(c: char) -> bool {
    fs::py_isspace(c)
}

/// `unicodedata.decimal(c)`.
#[inline]
pub fn decimal_value(c: char) -> Option<u32> {
    fs::unicode_decimal_value(c)
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    let i = table.partition_point(|&(lo, _)| lo <= cp);
    i > 0 && cp <= table[i - 1].1
}

pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_table(&PRINTABLE, c)
}

pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(&ALPHA, c)
}

pub fn is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}

pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(&DIGIT, c)
}

pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(&NUMERIC, c)
}

pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

pub fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_table(&TITLECASE, c)
}

pub fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

pub fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

pub fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(&ID_START, c)
}

pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(&ID_CONTINUE, c)
}

pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if is_id_start(c) => it.all(is_id_continue),
        _ => false,
    }
}

fn push_title(out: &mut String, c: char) {
    if !c.is_ascii() {
        if let Ok(i) = TITLE_MAP.binary_search_by_key(&(c as u32), |&(k, _)| k) {
            out.push_str(TITLE_MAP[i].1);
            return;
        }
    }
    out.extend(c.to_uppercase());
}

fn push_casefold(out: &mut String, c: char) {
    if !c.is_ascii() {
        if let Ok(i) = CASEFOLD_MAP.binary_search_by_key(&(c as u32), |&(k, _)| k) {
            out.push_str(CASEFOLD_MAP[i].1);
            return;
        }
    }
    out.extend(c.to_lowercase());
}

// ---------------------------------------------------------------------------------------------
// repr
// ---------------------------------------------------------------------------------------------

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`; escapes `\\`, the
/// quote, `\t \n \r`, other control characters and non-printable code points.
pub fn repr_str(s: &str) -> String {
    repr_str_impl(s, false)
}

/// `ascii(str)`: like `repr` with every non-ASCII character escaped.
pub fn ascii_str(s: &str) -> String {
    repr_str_impl(s, true)
}

fn repr_str_impl(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() => out.push(c),
            c if !ascii_only && is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

// ---------------------------------------------------------------------------------------------
// Index helpers
// ---------------------------------------------------------------------------------------------

/// Number of code points.
#[inline]
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of code point `idx` (clamped to the end).
#[inline]
pub fn byte_offset(s: &str, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.len());
    }
    s.char_indices().nth(idx).map(|(i, _)| i).unwrap_or(s.len())
}

/// Code-point index of byte offset `b`.
#[inline]
fn char_index(s: &str, b: usize) -> usize {
    if s.is_ascii() {
        b
    } else {
        s[..b].chars().count()
    }
}

/// `PySlice_AdjustIndices`-style clamp of `start`/`end` arguments.
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: i64) -> (i64, i64) {
    let mut s = start.unwrap_or(0);
    let mut e = end.unwrap_or(len);
    if e > len {
        e = len;
    } else if e < 0 {
        e += len;
        if e < 0 {
            e = 0;
        }
    }
    if s < 0 {
        s += len;
        if s < 0 {
            s = 0;
        }
    }
    (s, e)
}

/// A `start`/`end` argument: None or an int-like (clamped).
pub(crate) fn slice_bound(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => {
            if let Some(i) = int_mod::as_int(v) {
                return Ok(Some(clamp_int(i)));
            }
            if crate::vm::attr::lookup_special(vm, v, "__index__").is_some() {
                let i = int_mod::index_value(vm, v)?;
                return Ok(Some(int_mod::as_int(&i).map(clamp_int).unwrap_or(0)));
            }
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

fn clamp_int(i: IntRef<'_>) -> i64 {
    match i {
        IntRef::Small(i) => i,
        IntRef::Big(b) => {
            if num_traits::Signed::is_negative(b) {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Argument helpers
// ---------------------------------------------------------------------------------------------

fn self_str<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a str> {
    match args.items.first() {
        Some(v) => match receiver(v).as_str() {
            Some(s) => Ok(s),
            None => Err(crate::builtins::list::descriptor_error(vm, name, "str", Some(v))),
        },
        None => Err(crate::builtins::list::descriptor_error(vm, name, "str", None)),
    }
}

/// The text of a str (or str subclass instance).
#[inline]
pub fn as_str(v: &Value) -> Option<&str> {
    receiver(v).as_str()
}

fn no_args(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    let n = args.items.len().saturating_sub(1);
    if n != 0 || args.has_kwargs() {
        return Err(vm.type_error(format!("str.{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

/// Positional-only arguments (after self) in `[min, max]`.
fn pos_args<'a>(vm: &Vm, args: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let rest = &args.items[1.min(args.items.len())..];
    let n = rest.len();
    if n < min || n > max {
        let msg = if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else if max == 0 {
            format!("{name}() takes no arguments ({n} given)")
        } else if min == max && max == 1 {
            format!("{name}() takes exactly one argument ({n} given)")
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(rest)
}

/// `must be str, not int`.
fn need_str<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("must be str, not {}", vm.type_name(v)))),
    }
}

fn new_str(s: String) -> Value {
    Value::string(s)
}

fn map_fmt_err(vm: &Vm, msg: String) -> PyErr {
    if fs::error_is_overflow(&msg) {
        vm.overflow_error(msg)
    } else {
        vm.value_error(msg)
    }
}

// ---------------------------------------------------------------------------------------------
// Methods table
// ---------------------------------------------------------------------------------------------

pub const METHODS: &[(&str, NativeFn)] = &[
    ("join", str_join),
    ("split", str_split),
    ("rsplit", str_rsplit),
    ("splitlines", str_splitlines),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("replace", str_replace),
    ("find", str_find),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("count", str_count),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("upper", str_upper),
    ("lower", str_lower),
    ("title", str_title),
    ("capitalize", str_capitalize),
    ("swapcase", str_swapcase),
    ("casefold", str_casefold),
    ("isdigit", str_isdigit),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("istitle", str_istitle),
    ("isnumeric", str_isnumeric),
    ("isdecimal", str_isdecimal),
    ("isidentifier", str_isidentifier),
    ("isprintable", str_isprintable),
    ("isascii", str_isascii),
    ("center", str_center),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("zfill", str_zfill),
    ("partition", str_partition),
    ("rpartition", str_rpartition),
    ("expandtabs", str_expandtabs),
    ("encode", str_encode),
    ("format", str_format),
    ("format_map", str_format_map),
    ("maketrans", str_maketrans),
    ("translate", str_translate),
    ("removeprefix", str_removeprefix),
    ("removesuffix", str_removesuffix),
    ("__len__", str_len),
    ("__getitem__", str_getitem_m),
    ("__contains__", str_contains),
    ("__iter__", str_iter),
    ("__add__", str_add),
    ("__mul__", str_mul),
    ("__rmul__", str_mul),
    ("__mod__", str_mod),
    ("__rmod__", str_rmod),
    ("__eq__", str_eq),
    ("__ne__", str_ne),
    ("__lt__", str_lt),
    ("__le__", str_le),
    ("__gt__", str_gt),
    ("__ge__", str_ge),
    ("__hash__", str_hash),
    ("__repr__", str_repr),
    ("__str__", str_str),
    ("__format__", str_format_m),
    ("__getnewargs__", str_getnewargs),
    ("__sizeof__", str_sizeof),
];

// ---------------------------------------------------------------------------------------------
// join / split
// ---------------------------------------------------------------------------------------------

fn str_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let sep = self_str(vm, &args, "join")?;
    if !args.has_kwargs() && args.items.len() != 2 {
        let n = args.items.len().saturating_sub(1);
        return Err(vm.type_error(format!("str.join() takes exactly one argument ({n} given)")));
    }
    let rest = pos_args(vm, &args, "join", 1, 1)?;
    let items = match vm.iterate(&rest[0]) {
        Ok(items) => items,
        Err(e) => {
            if vm.err_matches(&e, "TypeError") && !has_iter(vm, &rest[0]) {
                return Err(vm.type_error("can only join an iterable"));
            }
            return Err(e);
        }
    };
    join_strs(vm, sep, &items)
}

fn has_iter(vm: &Vm, v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(
            Payload::List(_)
                | Payload::Tuple(_)
                | Payload::Str(_)
                | Payload::Dict(_)
                | Payload::Set(_)
                | Payload::FrozenSet(_)
                | Payload::Bytes(_)
                | Payload::ByteArray(_)
                | Payload::Range(_)
                | Payload::Iterator(_)
                | Payload::Generator(_)
                | Payload::DictView(..)
        )
    ) || crate::vm::attr::lookup_special(vm, v, "__iter__").is_some()
        || crate::vm::attr::lookup_special(vm, v, "__getitem__").is_some()
}

/// `sep.join(items)` for already collected items.
pub fn join_strs(vm: &Vm, sep: &str, items: &[Value]) -> PyResult<Value> {
    let mut total = 0;
    for (i, it) in items.iter().enumerate() {
        match as_str(it) {
            Some(s) => total += s.len(),
            None => {
                return Err(
                    vm.type_error(format!("sequence item {i}: expected str instance, {} found", vm.type_name(it)))
                )
            }
        }
    }
    if items.len() == 1 {
        if let Some(Payload::Str(_)) = items[0].payload() {
            return Ok(items[0].clone());
        }
    }
    let mut out = String::with_capacity(total + sep.len() * items.len().saturating_sub(1));
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(as_str(it).unwrap_or(""));
    }
    Ok(new_str(out))
}

fn split_args<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(Option<&'a str>, i64)> {
    check_args(vm, name, args, 0, 2, &["sep", "maxsplit"])?;
    let sep = match arg(args, 0, "sep") {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match as_str(v) {
            Some(s) => {
                if s.is_empty() {
                    return Err(vm.value_error("empty separator"));
                }
                Some(s)
            }
            None => return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
        },
    };
    let maxsplit = match arg(args, 1, "maxsplit") {
        None => -1,
        Some(v) => int_mod::index_arg(vm, v)?,
    };
    Ok((sep, maxsplit))
}

/// `s.split(sep, maxsplit)` on plain text.
pub fn split_str<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> Vec<&'a str> {
    let mut maxcount = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    match sep {
        Some(sep) => {
            if maxcount == usize::MAX {
                s.split(sep).collect()
            } else {
                s.splitn(maxcount.saturating_add(1), sep).collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let b: Vec<(usize, char)> = s.char_indices().collect();
            let n = b.len();
            let pos = |k: usize| if k < n { b[k].0 } else { s.len() };
            let mut i = 0;
            while maxcount > 0 {
                while i < n && py_isspace(b[i].1) {
                    i += 1;
                }
                if i == n {
                    break;
                }
                let j = i;
                i += 1;
                while i < n && !py_isspace(b[i].1) {
                    i += 1;
                }
                out.push(&s[pos(j)..pos(i)]);
                maxcount -= 1;
            }
            if i < n {
                while i < n && py_isspace(b[i].1) {
                    i += 1;
                }
                if i != n {
                    out.push(&s[pos(i)..]);
                }
            }
            out
        }
    }
}

/// `s.rsplit(sep, maxsplit)` on plain text.
pub fn rsplit_str<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> Vec<&'a str> {
    let mut maxcount = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    match sep {
        Some(sep) => {
            let mut v: Vec<&str> = if maxcount == usize::MAX {
                s.rsplit(sep).collect()
            } else {
                s.rsplitn(maxcount.saturating_add(1), sep).collect()
            };
            v.reverse();
            v
        }
        None => {
            let mut out = Vec::new();
            let b: Vec<(usize, char)> = s.char_indices().collect();
            let pos_after = |k: usize| b[k].0 + b[k].1.len_utf8();
            let mut i = b.len() as isize - 1;
            while maxcount > 0 {
                while i >= 0 && py_isspace(b[i as usize].1) {
                    i -= 1;
                }
                if i < 0 {
                    break;
                }
                let j = i;
                i -= 1;
                while i >= 0 && !py_isspace(b[i as usize].1) {
                    i -= 1;
                }
                let start = if i >= 0 { pos_after(i as usize) } else { 0 };
                out.push(&s[start..pos_after(j as usize)]);
                maxcount -= 1;
            }
            if i >= 0 {
                while i >= 0 && py_isspace(b[i as usize].1) {
                    i -= 1;
                }
                if i >= 0 {
                    out.push(&s[..pos_after(i as usize)]);
                }
            }
            out.reverse();
            out
        }
    }
}

fn str_list(vm: &Vm, parts: Vec<&str>) -> Value {
    vm.new_list(parts.into_iter().map(Value::str).collect())
}

fn str_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "split")?;
    let (sep, maxsplit) = split_args(vm, &args, "split")?;
    Ok(str_list(vm, split_str(s, sep, maxsplit)))
}

fn str_rsplit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "rsplit")?;
    let (sep, maxsplit) = split_args(vm, &args, "rsplit")?;
    Ok(str_list(vm, rsplit_str(s, sep, maxsplit)))
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s.splitlines(keepends)`.
pub fn splitlines_str(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_line_break(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
            }
            out.push(if keepends { &s[start..end] } else { &s[start..i] });
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn str_splitlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "splitlines")?;
    check_args(vm, "splitlines", &args, 0, 1, &["keepends"])?;
    let keep = match arg(&args, 0, "keepends") {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    Ok(str_list(vm, splitlines_str(s, keep)))
}

// ---------------------------------------------------------------------------------------------
// strip / replace / find / count
// ---------------------------------------------------------------------------------------------

fn strip_impl(vm: &mut Vm, args: Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = self_str(vm, &args, name)?;
    let rest = pos_args(vm, &args, name, 0, 1)?;
    let chars: Option<&str> = match rest.first() {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match as_str(v) {
            Some(c) => Some(c),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
    };
    let r = match chars {
        None => {
            let t = if left { s.trim_start_matches(py_isspace) } else { s };
            if right {
                t.trim_end_matches(py_isspace)
            } else {
                t
            }
        }
        Some(set) => {
            let pred = |c: char| set.contains(c);
            let t = if left { s.trim_start_matches(pred) } else { s };
            if right {
                t.trim_end_matches(pred)
            } else {
                t
            }
        }
    };
    if r.len() == s.len() {
        if let Some(Payload::Str(_)) = args.items[0].payload() {
            return Ok(args.items[0].clone());
        }
    }
    Ok(Value::str(r))
}

fn str_strip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}

fn str_lstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}

fn str_rstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn str_replace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "replace")?;
    let rest = pos_args(vm, &args, "replace", 2, 3)?;
    let old = match as_str(&rest[0]) {
        Some(x) => x,
        None => return Err(vm.type_error(format!("replace() argument 1 must be str, not {}", vm.type_name(&rest[0])))),
    };
    let new = match as_str(&rest[1]) {
        Some(x) => x,
        None => return Err(vm.type_error(format!("replace() argument 2 must be str, not {}", vm.type_name(&rest[1])))),
    };
    let count = match rest.get(2) {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => -1,
    };
    if count == 0 || (!old.is_empty() && !s.contains(old)) {
        return Ok(match args.items[0].payload() {
            Some(Payload::Str(_)) => args.items[0].clone(),
            _ => Value::str(s),
        });
    }
    Ok(new_str(if count < 0 { s.replace(old, new) } else { s.replacen(old, new, count as usize) }))
}

/// The `(sub, start, end)` arguments of find/index/count.
fn find_args<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a str, Option<i64>, Option<i64>)> {
    let rest = pos_args(vm, args, name, 1, 3)?;
    let sub = need_str(vm, &rest[0])?;
    let start = slice_bound(vm, rest.get(1))?;
    let end = slice_bound(vm, rest.get(2))?;
    Ok((sub, start, end))
}

/// Position (code points) of `sub` in `s[start:end]`, searching from the left or right.
pub fn find_in(s: &str, sub: &str, start: Option<i64>, end: Option<i64>, reverse: bool) -> i64 {
    let len = char_len(s) as i64;
    let (st, en) = adjust_indices(start, end, len);
    let sublen = char_len(sub) as i64;
    if st > len || en - st < sublen {
        return -1;
    }
    let bs = byte_offset(s, st as usize);
    let be = byte_offset(s, en as usize);
    let hay = &s[bs..be];
    let found = if reverse { hay.rfind(sub) } else { hay.find(sub) };
    match found {
        Some(b) => char_index(s, bs + b) as i64,
        None => -1,
    }
}

fn str_find(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "find")?;
    let (sub, st, en) = find_args(vm, &args, "find")?;
    Ok(Value::Int(find_in(s, sub, st, en, false)))
}

fn str_rfind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "rfind")?;
    let (sub, st, en) = find_args(vm, &args, "rfind")?;
    Ok(Value::Int(find_in(s, sub, st, en, true)))
}

fn str_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "index")?;
    let (sub, st, en) = find_args(vm, &args, "index")?;
    match find_in(s, sub, st, en, false) {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn str_rindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "rindex")?;
    let (sub, st, en) = find_args(vm, &args, "rindex")?;
    match find_in(s, sub, st, en, true) {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

/// Non-overlapping occurrences of `sub` in `s[start:end]`.
pub fn count_in(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let len = char_len(s) as i64;
    let (st, en) = adjust_indices(start, end, len);
    if st > len || en < st {
        return 0;
    }
    if sub.is_empty() {
        return en - st + 1;
    }
    let bs = byte_offset(s, st as usize);
    let be = byte_offset(s, en as usize);
    s[bs..be].matches(sub).count() as i64
}

fn str_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "count")?;
    let (sub, st, en) = find_args(vm, &args, "count")?;
    Ok(Value::Int(count_in(s, sub, st, en)))
}

fn affix_impl(vm: &mut Vm, args: Args<'_>, name: &str, ends: bool) -> PyResult<Value> {
    let s = self_str(vm, &args, name)?;
    let rest = pos_args(vm, &args, name, 1, 3)?;
    let start = slice_bound(vm, rest.get(1))?;
    let end = slice_bound(vm, rest.get(2))?;
    let len = char_len(s) as i64;
    let (st, en) = adjust_indices(start, end, len);
    // CPython's tailmatch: the affix must fit in s[start:end].
    let check = |p: &str| -> bool {
        let plen = char_len(p) as i64;
        if en - plen < st {
            return false;
        }
        let (a, b) = if ends { (en - plen, en) } else { (st, st + plen) };
        let (ba, bb) = (byte_offset(s, a as usize), byte_offset(s, b as usize));
        &s[ba..bb] == p
    };
    let what = &rest[0];
    if let Some(Payload::Tuple(items)) = receiver(what).payload() {
        for it in items.iter() {
            match as_str(it) {
                Some(p) => {
                    if check(p) {
                        return Ok(Value::Bool(true));
                    }
                }
                None => {
                    return Err(
                        vm.type_error(format!("tuple for {name} must only contain str, not {}", vm.type_name(it)))
                    )
                }
            }
        }
        return Ok(Value::Bool(false));
    }
    match as_str(what) {
        Some(p) => Ok(Value::Bool(check(p))),
        None => {
            Err(vm.type_error(format!("{name} first arg must be str or a tuple of str, not {}", vm.type_name(what))))
        }
    }
}

fn str_startswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix_impl(vm, args, "startswith", false)
}

fn str_endswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix_impl(vm, args, "endswith", true)
}

// ---------------------------------------------------------------------------------------------
// Case
// ---------------------------------------------------------------------------------------------

fn str_upper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "upper")?;
    no_args(vm, &args, "upper")?;
    Ok(new_str(if s.is_ascii() { s.to_ascii_uppercase() } else { s.to_uppercase() }))
}

fn str_lower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "lower")?;
    no_args(vm, &args, "lower")?;
    Ok(new_str(if s.is_ascii() { s.to_ascii_lowercase() } else { s.to_lowercase() }))
}

/// `str.title()`.
pub fn title_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            if c == '\u{3a3}' {
                out.push(sigma_lower(&chars, i));
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

fn str_title(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "title")?;
    no_args(vm, &args, "title")?;
    Ok(new_str(title_str(s)))
}

fn str_capitalize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "capitalize")?;
    no_args(vm, &args, "capitalize")?;
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else if c == '\u{3a3}' {
            out.push(sigma_lower(&chars, i));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    Ok(new_str(out))
}

fn str_swapcase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "swapcase")?;
    no_args(vm, &args, "swapcase")?;
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\u{3a3}' {
            out.push(sigma_lower(&chars, i));
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(new_str(out))
}

/// Lowercase of the capital sigma at `chars[i]`: final `ς` after a cased letter and not before
/// one (CPython's `handle_capital_sigma`, with case-ignorable characters skipped).
fn sigma_lower(chars: &[char], i: usize) -> char {
    let ignorable = |c: char| {
        matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{b7}' | '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{2027}')
    };
    let before = chars[..i].iter().rev().find(|&&c| !ignorable(c)).is_some_and(|&c| is_cased(c));
    let after = chars[i + 1..].iter().find(|&&c| !ignorable(c)).is_some_and(|&c| is_cased(c));
    if before && !after {
        '\u{3c2}'
    } else {
        '\u{3c3}'
    }
}

fn str_casefold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "casefold")?;
    no_args(vm, &args, "casefold")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_casefold(&mut out, c);
    }
    Ok(new_str(out))
}

// ---------------------------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------------------------

fn pred_all(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(char) -> bool) -> PyResult<Value> {
    let s = self_str(vm, &args, name)?;
    no_args(vm, &args, name)?;
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

fn str_isdigit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isdigit", is_digit)
}

fn str_isalpha(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isalpha", is_alpha)
}

fn str_isalnum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isalnum", is_alnum)
}

fn str_isspace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isspace", py_isspace)
}

fn str_isnumeric(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isnumeric", is_numeric)
}

fn str_isdecimal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_all(vm, args, "isdecimal", is_decimal)
}

fn str_isupper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "isupper")?;
    no_args(vm, &args, "isupper")?;
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_titlecase(c) {
            return Ok(Value::Bool(false));
        }
        if is_upper(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}

fn str_islower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "islower")?;
    no_args(vm, &args, "islower")?;
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            return Ok(Value::Bool(false));
        }
        if is_lower(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}

fn str_istitle(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "istitle")?;
    no_args(vm, &args, "istitle")?;
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

fn str_isidentifier(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "isidentifier")?;
    no_args(vm, &args, "isidentifier")?;
    Ok(Value::Bool(is_identifier(s)))
}

fn str_isprintable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "isprintable")?;
    no_args(vm, &args, "isprintable")?;
    Ok(Value::Bool(s.chars().all(is_printable)))
}

fn str_isascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "isascii")?;
    no_args(vm, &args, "isascii")?;
    Ok(Value::Bool(s.is_ascii()))
}

// ---------------------------------------------------------------------------------------------
// Padding
// ---------------------------------------------------------------------------------------------

fn pad_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(i64, char)> {
    let rest = pos_args(vm, args, name, 1, 2)?;
    let width = int_mod::index_arg(vm, &rest[0])?;
    let fill = match rest.get(1) {
        None => ' ',
        Some(v) => match as_str(v) {
            Some(f) => {
                let mut it = f.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => c,
                    _ => return Err(vm.type_error("The fill character must be exactly one character long")),
                }
            }
            None => {
                return Err(
                    vm.type_error(format!("The fill character must be a unicode character, not {}", vm.type_name(v)))
                )
            }
        },
    };
    Ok((width, fill))
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

fn same_or_new(args: &Args<'_>, s: &str) -> Value {
    match args.items[0].payload() {
        Some(Payload::Str(_)) => args.items[0].clone(),
        _ => Value::str(s),
    }
}

fn str_center(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "center")?;
    let (width, fill) = pad_args(vm, &args, "center")?;
    let len = char_len(s) as i64;
    if width <= len {
        return Ok(same_or_new(&args, s));
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    Ok(new_str(pad(s, left as usize, (marg - left) as usize, fill)))
}

fn str_ljust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "ljust")?;
    let (width, fill) = pad_args(vm, &args, "ljust")?;
    let len = char_len(s) as i64;
    if width <= len {
        return Ok(same_or_new(&args, s));
    }
    Ok(new_str(pad(s, 0, (width - len) as usize, fill)))
}

fn str_rjust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "rjust")?;
    let (width, fill) = pad_args(vm, &args, "rjust")?;
    let len = char_len(s) as i64;
    if width <= len {
        return Ok(same_or_new(&args, s));
    }
    Ok(new_str(pad(s, (width - len) as usize, 0, fill)))
}

fn str_zfill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "zfill")?;
    let rest = pos_args(vm, &args, "zfill", 1, 1)?;
    let width = int_mod::index_arg(vm, &rest[0])?;
    let len = char_len(s) as i64;
    if width <= len {
        return Ok(same_or_new(&args, s));
    }
    let fill = (width - len) as usize;
    let mut out = String::with_capacity(s.len() + fill);
    let body = match s.chars().next() {
        Some(c @ ('+' | '-')) => {
            out.push(c);
            &s[1..]
        }
        _ => s,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(body);
    Ok(new_str(out))
}

fn partition_impl(vm: &mut Vm, args: Args<'_>, name: &str, reverse: bool) -> PyResult<Value> {
    let s = self_str(vm, &args, name)?;
    let rest = pos_args(vm, &args, name, 1, 1)?;
    let sep = need_str(vm, &rest[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if reverse { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => vec![Value::str(&s[..i]), rest[0].clone(), Value::str(&s[i + sep.len()..])],
        None => {
            if reverse {
                vec![Value::str(""), Value::str(""), same_or_new(&args, s)]
            } else {
                vec![same_or_new(&args, s), Value::str(""), Value::str("")]
            }
        }
    };
    let parts = parts
        .into_iter()
        .map(|v| match v.payload() {
            Some(Payload::Str(_)) => v,
            _ => Value::str(as_str(&v).unwrap_or("")),
        })
        .collect();
    Ok(Value::tuple(parts))
}

fn str_partition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}

fn str_rpartition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

/// `s.expandtabs(tabsize)`.
pub fn expandtabs_str(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - (col % tabsize);
                col += incr;
                out.extend(std::iter::repeat_n(' ', incr as usize));
            }
        } else {
            col += 1;
            out.push(c);
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
    out
}

fn str_expandtabs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "expandtabs")?;
    check_args(vm, "expandtabs", &args, 0, 1, &["tabsize"])?;
    let tabsize = match arg(&args, 0, "tabsize") {
        Some(v) => int_mod::index_arg(vm, v)?,
        None => 8,
    };
    Ok(new_str(expandtabs_str(s, tabsize)))
}

fn str_removeprefix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "removeprefix")?;
    let rest = pos_args(vm, &args, "removeprefix", 1, 1)?;
    let p = match as_str(&rest[0]) {
        Some(p) => p,
        None => {
            return Err(vm.type_error(format!("removeprefix() argument must be str, not {}", vm.type_name(&rest[0]))))
        }
    };
    match s.strip_prefix(p) {
        Some(r) if !p.is_empty() => Ok(Value::str(r)),
        _ => Ok(same_or_new(&args, s)),
    }
}

fn str_removesuffix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "removesuffix")?;
    let rest = pos_args(vm, &args, "removesuffix", 1, 1)?;
    let p = match as_str(&rest[0]) {
        Some(p) => p,
        None => {
            return Err(vm.type_error(format!("removesuffix() argument must be str, not {}", vm.type_name(&rest[0]))))
        }
    };
    match s.strip_suffix(p) {
        Some(r) if !p.is_empty() => Ok(Value::str(r)),
        _ => Ok(same_or_new(&args, s)),
    }
}

// ---------------------------------------------------------------------------------------------
// encode
// ---------------------------------------------------------------------------------------------

/// Normalised codec name: "utf-8", "ascii", "latin-1" or None for unknown codecs.
pub fn normalize_encoding(name: &str) -> Option<&'static str> {
    let n: String = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Some("utf-8"),
        "ascii" | "us-ascii" | "646" | "us" => Some("ascii"),
        "latin-1" | "latin1" | "latin" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" | "iso-ir-100" => {
            Some("latin-1")
        }
        _ => None,
    }
}

fn codec_arg(vm: &Vm, v: Option<&Value>, what: &str, default: &'static str) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
        },
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode_str(vm: &Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = match normalize_encoding(encoding) {
        Some(c) => c,
        None => return Err(vm.new_exception_msg("LookupError", &format!("unknown encoding: {encoding}"))),
    };
    let limit: u32 = match codec {
        "utf-8" => return Ok(s.as_bytes().to_vec()),
        "ascii" => 0x80,
        _ => 0x100,
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => {
                let n = c as u32;
                let esc = if n <= 0xff {
                    format!("\\x{n:02x}")
                } else if n <= 0xffff {
                    format!("\\u{n:04x}")
                } else {
                    format!("\\U{n:08x}")
                };
                out.extend_from_slice(esc.as_bytes());
            }
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            "strict" | "surrogateescape" | "surrogatepass" => {
                let mut j = i;
                while j < chars.len() && (chars[j] as u32) >= limit {
                    j += 1;
                }
                let range = if codec == "ascii" { "range(128)" } else { "range(256)" };
                let msg = if j - i == 1 {
                    let n = c as u32;
                    let shown = if n <= 0xff {
                        format!("\\x{n:02x}")
                    } else if n <= 0xffff {
                        format!("\\u{n:04x}")
                    } else {
                        format!("\\U{n:08x}")
                    };
                    format!("'{codec}' codec can't encode character '{shown}' in position {i}: ordinal not in {range}")
                } else {
                    format!("'{codec}' codec can't encode characters in position {i}-{}: ordinal not in {range}", j - 1)
                };
                return Err(vm.new_exception_msg("UnicodeEncodeError", &msg));
            }
            other => return Err(vm.new_exception_msg("LookupError", &format!("unknown error handler name '{other}'"))),
        }
        i += 1;
    }
    Ok(out)
}

fn str_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "encode")?;
    check_args(vm, "encode", &args, 0, 2, &["encoding", "errors"])?;
    let enc = codec_arg(vm, arg(&args, 0, "encoding"), "encode() argument 'encoding'", "utf-8")?;
    let errors = codec_arg(vm, arg(&args, 1, "errors"), "encode() argument 'errors'", "strict")?;
    Ok(Value::bytes(encode_str(vm, s, &enc, &errors)?))
}

// ---------------------------------------------------------------------------------------------
// translate / maketrans
// ---------------------------------------------------------------------------------------------

fn str_translate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "translate")?;
    let rest = pos_args(vm, &args, "translate", 1, 1)?;
    let table = rest[0].clone();
    let mut out = String::with_capacity(s.len());
    let mut cache: std::collections::HashMap<char, Option<String>> = std::collections::HashMap::new();
    for c in s.chars() {
        if let Some(r) = cache.get(&c) {
            if let Some(r) = r {
                out.push_str(r);
            }
            continue;
        }
        let mapped: Option<String> = match vm.get_item(&table, &Value::Int(c as i64)) {
            Ok(v) => {
                if v.is_none() {
                    None
                } else if let Some(i) = int_mod::as_int(&v) {
                    match i.to_i64().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
                        Some(ch) if (ch as u32) < 0x110000 => Some(ch.to_string()),
                        _ => return Err(vm.value_error("character mapping must be in range(0x110000)")),
                    }
                } else if let Some(t) = as_str(&v) {
                    Some(t.to_string())
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.err_matches(&e, "LookupError") => Some(c.to_string()),
            Err(e) => return Err(e),
        };
        if let Some(r) = &mapped {
            out.push_str(r);
        }
        cache.insert(c, mapped);
    }
    Ok(new_str(out))
}

/// `str.maketrans(x[, y[, z]])`; a leading class argument (from `str.maketrans(...)` called on
/// the type) is skipped.
fn str_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut pos = args.positional();
    if let Some(Payload::Class(_)) = pos.first().and_then(|v| v.payload()) {
        pos = &pos[1..];
    }
    if pos.is_empty() || pos.len() > 3 {
        return Err(vm.type_error(format!("maketrans expected at least 1 argument, got {}", pos.len())));
    }
    let d = vm.new_dict();
    if pos.len() == 1 {
        let x = &pos[0];
        let pairs: Vec<(Value, Value)> = match x.payload() {
            Some(Payload::Dict(cell)) => cell.borrow(vm).items(),
            _ => return Err(vm.type_error("if you give only one argument to maketrans it must be a dict")),
        };
        for (k, v) in pairs {
            let key = if let Some(s) = as_str(&k) {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Value::Int(c as i64),
                    _ => return Err(vm.value_error("string keys in translate table must be of length 1")),
                }
            } else if int_mod::as_int(&k).is_some() {
                int_mod::plain_int(&k)
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            };
            vm.dict_set(&d, key, v)?;
        }
        return Ok(Value::Obj(d));
    }
    let x = match as_str(&pos[0]) {
        Some(s) => s,
        None => return Err(vm.type_error("first maketrans argument must be a string if there is a second argument")),
    };
    let y = match as_str(&pos[1]) {
        Some(s) => s,
        None => return Err(vm.type_error(format!("maketrans() argument 2 must be str, not {}", vm.type_name(&pos[1])))),
    };
    if char_len(x) != char_len(y) {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        vm.dict_set(&d, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = pos.get(2) {
        let z = match as_str(z) {
            Some(s) => s,
            None => return Err(vm.type_error(format!("maketrans() argument 3 must be str, not {}", vm.type_name(z)))),
        };
        for c in z.chars() {
            vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Obj(d))
}

// ---------------------------------------------------------------------------------------------
// Sequence protocol
// ---------------------------------------------------------------------------------------------

fn str_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().map(receiver).and_then(|v| v.payload()) {
        Some(Payload::Str(s)) => Ok(Value::Int(s.char_len() as i64)),
        _ => Err(vm.type_error("descriptor '__len__' requires a 'str' object")),
    }
}

/// The code point at index `i` (negative counts from the end).
pub fn str_char_at(s: &str, ascii: bool, len: usize, i: i64) -> Option<char> {
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx as usize >= len {
        return None;
    }
    if ascii {
        Some(s.as_bytes()[idx as usize] as char)
    } else {
        s.chars().nth(idx as usize)
    }
}

/// `s[key]` for a str value (index or slice).
pub fn str_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let (s, ascii, len) = match receiver(v).payload() {
        Some(Payload::Str(p)) => (p.as_str(), p.is_ascii(), p.char_len()),
        _ => return Err(vm.type_error("descriptor '__getitem__' requires a 'str' object")),
    };
    if let Some(Payload::Slice(sl)) = key.payload() {
        let sl: [Value; 3] = (**sl).clone();
        let (start, _stop, step, n) = crate::builtins::list::slice_indices(vm, &sl, len as i64)?;
        if n <= 0 {
            return Ok(Value::str(""));
        }
        if step == 1 {
            if start == 0 && n as usize == len {
                return Ok(match receiver(v).payload() {
                    Some(Payload::Str(_)) => receiver(v).clone(),
                    _ => Value::str(s),
                });
            }
            let a = byte_offset(s, start as usize);
            let b = if ascii { (start + n) as usize } else { byte_offset(s, (start + n) as usize) };
            return Ok(Value::str(&s[a..b]));
        }
        let mut out = String::with_capacity(n as usize);
        if ascii {
            let bytes = s.as_bytes();
            for k in 0..n {
                out.push(bytes[(start + k * step) as usize] as char);
            }
        } else {
            let chars: Vec<char> = s.chars().collect();
            for k in 0..n {
                out.push(chars[(start + k * step) as usize]);
            }
        }
        return Ok(new_str(out));
    }
    let i = match int_mod::as_int(key) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => {
            return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
        }
        None => {
            if matches!(key, Value::Obj(_)) && crate::vm::attr::lookup_special(vm, key, "__index__").is_some() {
                vm.to_index(key)?
            } else {
                return Err(vm.type_error(format!("string indices must be integers, not '{}'", vm.type_name(key))));
            }
        }
    };
    match str_char_at(s, ascii, len, i) {
        Some(c) => {
            let mut buf = [0u8; 4];
            Ok(Value::str(c.encode_utf8(&mut buf)))
        }
        None => Err(vm.index_error("string index out of range")),
    }
}

fn str_getitem_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = pos_args(vm, &args, "__getitem__", 1, 1)?;
    let key = rest[0].clone();
    let v = args.items[0].clone();
    str_getitem(vm, &v, &key)
}

fn str_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__contains__")?;
    let rest = pos_args(vm, &args, "__contains__", 1, 1)?;
    match as_str(&rest[0]) {
        Some(sub) => Ok(Value::Bool(s.contains(sub))),
        None => {
            Err(vm.type_error(format!("'in <string>' requires string as left operand, not {}", vm.type_name(&rest[0]))))
        }
    }
}

fn str_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__iter__")?;
    let chars: Vec<Value> = s
        .chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            Value::str(c.encode_utf8(&mut buf))
        })
        .collect();
    let list = vm.new_list(chars);
    vm.get_iter(&list)
}

/// Does `v` belong to a user class that defines `name` (so a reflected operator may apply)?
fn user_defines(vm: &Vm, v: &Value, name: &str) -> bool {
    matches!(v.payload(), Some(Payload::Instance(_))) && crate::vm::attr::lookup_special(vm, v, name).is_some()
}

fn str_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__add__")?;
    let rest = pos_args(vm, &args, "__add__", 1, 1)?;
    match as_str(&rest[0]) {
        Some(t) => {
            let mut out = String::with_capacity(s.len() + t.len());
            out.push_str(s);
            out.push_str(t);
            Ok(new_str(out))
        }
        None => {
            if user_defines(vm, &rest[0], "__radd__") {
                return Ok(Value::NotImplemented);
            }
            Err(vm.type_error(format!("can only concatenate str (not \"{}\") to str", vm.type_name(&rest[0]))))
        }
    }
}

/// The repeat count of `seq * n`: ints (and `__index__` objects); NotImplemented for user
/// objects that may implement the reflected operator.
pub(crate) fn repeat_count(vm: &mut Vm, n: &Value, rname: &str) -> PyResult<Option<i64>> {
    if let Some(i) = int_mod::as_int(n) {
        return match i {
            IntRef::Small(i) => Ok(Some(i)),
            IntRef::Big(b) => {
                if num_traits::Signed::is_negative(b) {
                    Ok(Some(0))
                } else {
                    Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
                }
            }
        };
    }
    if matches!(n, Value::Obj(_)) && crate::vm::attr::lookup_special(vm, n, "__index__").is_some() {
        return vm.to_index(n).map(Some);
    }
    if user_defines(vm, n, rname) {
        return Ok(None);
    }
    Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(n))))
}

fn str_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__mul__")?;
    let rest = pos_args(vm, &args, "__mul__", 1, 1)?;
    let n = match repeat_count(vm, &rest[0], "__rmul__")? {
        Some(n) => n,
        None => return Ok(Value::NotImplemented),
    };
    if n <= 0 || s.is_empty() {
        return Ok(Value::str(""));
    }
    if n == 1 {
        return Ok(same_or_new(&args, s));
    }
    match s.len().checked_mul(n as usize) {
        Some(total) if total < (isize::MAX as usize) / 2 => Ok(new_str(s.repeat(n as usize))),
        _ => Err(vm.new_exception_msg("MemoryError", "")),
    }
}

fn str_mod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__mod__")?;
    let rest = pos_args(vm, &args, "__mod__", 1, 1)?;
    let a = rest[0].clone();
    Ok(new_str(percent_format(vm, s, &a)?))
}

fn str_rmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = self_str(vm, &args, "__rmod__")?;
    Ok(Value::NotImplemented)
}

fn compare_method(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let s = self_str(vm, &args, op.dunders().0)?;
    let rest = pos_args(vm, &args, op.dunders().0, 1, 1)?;
    let t = match as_str(&rest[0]) {
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

fn str_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Eq)
}
fn str_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ne)
}
fn str_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Lt)
}
fn str_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Le)
}
fn str_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Gt)
}
fn str_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ge)
}

fn str_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().map(receiver).and_then(|v| v.payload()) {
        Some(Payload::Str(s)) => Ok(Value::Int(s.hash())),
        _ => Err(vm.type_error("descriptor '__hash__' requires a 'str' object")),
    }
}

fn str_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__repr__")?;
    Ok(new_str(repr_str(s)))
}

fn str_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__str__")?;
    Ok(same_or_new(&args, s))
}

fn str_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__getnewargs__")?;
    Ok(Value::tuple(vec![Value::str(s)]))
}

fn str_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__sizeof__")?;
    Ok(Value::Int(49 + s.len() as i64))
}

fn str_format_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "__format__")?;
    let rest = pos_args(vm, &args, "__format__", 1, 1)?;
    let spec = match as_str(&rest[0]) {
        Some(t) => t,
        None => return Err(vm.type_error(format!("__format__() argument must be str, not {}", vm.type_name(&rest[0])))),
    };
    if spec.is_empty() {
        if let Some(Payload::Instance(_)) = args.items[0].payload() {
            let me = args.items[0].clone();
            return Ok(new_str(vm.str_of(&me)?));
        }
        return Ok(same_or_new(&args, s));
    }
    Ok(new_str(fs::apply_str(s, spec, "str").map_err(|m| map_fmt_err(vm, m))?))
}

// ---------------------------------------------------------------------------------------------
// format() of built-in values
// ---------------------------------------------------------------------------------------------

/// `format(v, spec)` for built-in values (int, bool, float, complex, str); other objects accept
/// only an empty spec (`str(v)`).
pub fn format_value(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    match v {
        Value::Bool(b) => {
            if spec.is_empty() {
                return Ok(if *b { "True" } else { "False" }.to_string());
            }
            let parsed = fs::parse(spec, "bool").map_err(|m| map_fmt_err(vm, m))?;
            return fs::format_int_named(&BigInt::from(*b as i64), &parsed, "bool").map_err(|m| map_fmt_err(vm, m));
        }
        Value::Int(i) => {
            if spec.is_empty() {
                return Ok(i.to_string());
            }
            return fs::apply_int(&BigInt::from(*i), spec, "int").map_err(|m| map_fmt_err(vm, m));
        }
        Value::Float(f) => return fs::apply_float(*f, spec, "float").map_err(|m| map_fmt_err(vm, m)),
        _ => {}
    }
    match v.payload() {
        Some(Payload::BigInt(b)) => {
            let parsed =
                if spec.is_empty() { None } else { Some(fs::parse(spec, "int").map_err(|m| map_fmt_err(vm, m))?) };
            let decimal = parsed.as_ref().is_none_or(|p| matches!(p.type_char, None | Some('d') | Some('n')));
            if decimal {
                // The int -> decimal str limit applies to format() too.
                int_mod::int_decimal(vm, IntRef::Big(b))?;
            }
            match parsed {
                None => Ok(b.to_string()),
                Some(p) => fs::format_int_named(b, &p, "int").map_err(|m| map_fmt_err(vm, m)),
            }
        }
        Some(Payload::Str(s)) => fs::apply_str(s.as_str(), spec, "str").map_err(|m| map_fmt_err(vm, m)),
        Some(Payload::Complex(r, i)) => {
            if spec.is_empty() {
                Ok(super::float::repr_complex(*r, *i))
            } else {
                format_complex(vm, *r, *i, spec)
            }
        }
        _ => {
            if spec.is_empty() {
                vm.str_of(v)
            } else {
                Err(vm.type_error(format!("unsupported format string passed to {}.__format__", vm.type_name(v))))
            }
        }
    }
}

/// `format(complex, spec)` (CPython's `format_complex_internal`): each part is formatted as a
/// float without padding (the imaginary part always signed unless the real part is omitted), then
/// the whole is padded. Without a type the parts use repr digits without `.0` and parentheses.
fn format_complex(vm: &mut Vm, re: f64, im: f64, spec: &str) -> PyResult<String> {
    let p = fs::parse(spec, "complex").map_err(|m| map_fmt_err(vm, m))?;
    if let (Some(g), Some(t)) = (p.grouping, p.type_char) {
        let ok = matches!(t, 'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F')
            || (g == '_' && matches!(t, 'b' | 'o' | 'x' | 'X'));
        if !ok {
            return Err(vm.value_error(format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    if let Some(t) = p.type_char {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'complex'")));
        }
    }
    if p.fill == Some('0') || (p.zero && p.fill.is_none()) {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if p.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    let mut part = p.clone();
    part.width = None;
    part.align = None;
    part.fill = None;
    part.zero = false;
    let bare = part.type_char.is_none();
    let skip_re = bare && re == 0.0 && re.is_sign_positive();
    let fmt_part = |vm: &Vm, x: f64, sign: Option<char>| -> PyResult<String> {
        if bare && part.precision.is_none() {
            let x = if part.no_neg_zero && x == 0.0 { 0.0 } else { x };
            let s = super::float::repr_float(x);
            let mut s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
            if part.alternate && x.is_finite() && !s.contains('.') {
                match s.find('e') {
                    Some(i) => s.insert(i, '.'),
                    None => s.push('.'),
                }
            }
            if !s.starts_with('-') {
                match sign {
                    Some('+') => s.insert(0, '+'),
                    Some(' ') => s.insert(0, ' '),
                    _ => {}
                }
            }
            return Ok(s);
        }
        let mut q = part.clone();
        if bare {
            q.type_char = Some('g');
        }
        q.sign = sign;
        fs::format_float_named(x, &q, "complex").map_err(|m| map_fmt_err(vm, m))
    };
    let body = if skip_re {
        format!("{}j", fmt_part(vm, im, p.sign)?)
    } else {
        let rs = fmt_part(vm, re, p.sign)?;
        let is = fmt_part(vm, im, Some('+'))?;
        if bare {
            format!("({rs}{is}j)")
        } else {
            format!("{rs}{is}j")
        }
    };
    pad_whole(vm, &body, &p)
}

fn pad_whole(vm: &Vm, body: &str, p: &fs::FormatSpec) -> PyResult<String> {
    let sp = fs::FormatSpec { fill: p.fill, align: Some(p.align.unwrap_or('>')), width: p.width, ..Default::default() };
    fs::format_str_named(body, &sp, "complex").map_err(|m| map_fmt_err(vm, m))
}

// ---------------------------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------------------------

enum FmtKw<'a> {
    None,
    Pairs(Vec<(&'a str, &'a Value)>),
    Map(Value),
}

struct FmtArgs<'a> {
    pos: Option<&'a [Value]>,
    kw: FmtKw<'a>,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum AutoState {
    Init,
    Auto,
    Manual,
}

struct AutoNumber {
    state: AutoState,
    next: i64,
}

fn str_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "format")?;
    let pos = &args.positional()[1..];
    let kw: Vec<(&str, &Value)> = args.keywords().collect();
    let fa = FmtArgs { pos: Some(pos), kw: if kw.is_empty() { FmtKw::None } else { FmtKw::Pairs(kw) } };
    Ok(new_str(format_with(vm, s, &fa)?))
}

fn str_format_map(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = self_str(vm, &args, "format_map")?;
    let rest = pos_args(vm, &args, "format_map", 1, 1)?;
    let fa = FmtArgs { pos: None, kw: FmtKw::Map(rest[0].clone()) };
    Ok(new_str(format_with(vm, s, &fa)?))
}

/// `template.format(*args, **kwargs)`.
pub fn str_format_call(vm: &mut Vm, template: &str, args: &[Value], kwargs: &[(&str, &Value)]) -> PyResult<String> {
    let fa =
        FmtArgs { pos: Some(args), kw: if kwargs.is_empty() { FmtKw::None } else { FmtKw::Pairs(kwargs.to_vec()) } };
    format_with(vm, template, &fa)
}

fn format_with(vm: &mut Vm, s: &str, fa: &FmtArgs<'_>) -> PyResult<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut auto = AutoNumber { state: AutoState::Init, next: 0 };
    build_string(vm, &chars, fa, 2, &mut auto)
}

fn build_string(vm: &mut Vm, chars: &[char], fa: &FmtArgs<'_>, depth: i32, auto: &mut AutoNumber) -> PyResult<String> {
    if depth <= 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let n = chars.len();
    let mut out = String::with_capacity(n + 16);
    let mut i = 0;
    while i < n {
        let start = i;
        let mut c = '\0';
        let mut markup = false;
        while i < n {
            c = chars[i];
            i += 1;
            if c == '{' || c == '}' {
                markup = true;
                break;
            }
        }
        let at_end = i >= n;
        let mut len = i - start;
        if markup && c == '}' && (at_end || chars[i] != '}') {
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if markup && at_end && c == '{' {
            return Err(vm.value_error("Single '{' encountered in format string"));
        }
        if markup && !at_end {
            if chars[i] == c {
                i += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        out.extend(&chars[start..start + len]);
        if !markup {
            continue;
        }
        // Parse the field.
        let field = parse_field(vm, chars, &mut i)?;
        let obj = get_field_object(vm, &chars[field.name.0..field.name.1], fa, auto)?;
        let obj = match field.conversion {
            None => obj,
            Some('r') => Value::string(vm.repr_of(&obj)?),
            Some('s') => Value::string(vm.str_of(&obj)?),
            Some('a') => Value::string(vm.ascii_of(&obj)?),
            Some(c) => {
                let n = c as u32;
                return Err(vm.value_error(if n > 32 && n < 127 {
                    format!("Unknown conversion specifier {c}")
                } else {
                    format!("Unknown conversion specifier \\x{n:x}")
                }));
            }
        };
        let spec: String = match field.spec {
            None => String::new(),
            Some((a, b)) => {
                if field.expand {
                    build_string(vm, &chars[a..b], fa, depth - 1, auto)?
                } else {
                    chars[a..b].iter().collect()
                }
            }
        };
        out.push_str(&vm.format(&obj, &spec)?);
    }
    Ok(out)
}

struct Field {
    name: (usize, usize),
    conversion: Option<char>,
    spec: Option<(usize, usize)>,
    expand: bool,
}

fn parse_field(vm: &Vm, chars: &[char], pos: &mut usize) -> PyResult<Field> {
    let n = chars.len();
    let mut i = *pos;
    let name_start = i;
    let mut c = '\0';
    while i < n {
        c = chars[i];
        i += 1;
        match c {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            '[' => {
                while i < n && chars[i] != ']' {
                    i += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name_end = i.saturating_sub(1).max(name_start);
    let mut field = Field { name: (name_start, name_end), conversion: None, spec: None, expand: false };
    if c == '!' || c == ':' {
        if c == '!' {
            if i >= n {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            }
            field.conversion = Some(chars[i]);
            i += 1;
            if i < n {
                let c2 = chars[i];
                i += 1;
                if c2 == '}' {
                    *pos = i;
                    return Ok(field);
                }
                if c2 != ':' {
                    return Err(vm.value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = i;
        let mut count = 1;
        while i < n {
            let c = chars[i];
            i += 1;
            if c == '{' {
                field.expand = true;
                count += 1;
            } else if c == '}' {
                count -= 1;
                if count == 0 {
                    field.spec = Some((spec_start, i - 1));
                    *pos = i;
                    return Ok(field);
                }
            }
        }
        return Err(vm.value_error("unmatched '{' in format spec"));
    } else if c != '}' {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    *pos = i;
    Ok(field)
}

/// CPython's `get_integer`: -1 when not all decimal digits (or empty).
fn get_integer(vm: &Vm, s: &[char]) -> PyResult<i64> {
    if s.is_empty() {
        return Ok(-1);
    }
    let mut acc: i64 = 0;
    for &c in s {
        let d = match decimal_value(c) {
            Some(d) => d as i64,
            None => return Ok(-1),
        };
        if acc > (i64::MAX - d) / 10 {
            return Err(vm.value_error("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
    }
    Ok(acc)
}

fn get_field_object(vm: &mut Vm, name: &[char], fa: &FmtArgs<'_>, auto: &mut AutoNumber) -> PyResult<Value> {
    let n = name.len();
    let mut i = 0;
    while i < n && name[i] != '.' && name[i] != '[' {
        i += 1;
    }
    let first = &name[..i];
    let mut index = get_integer(vm, first)?;
    let empty = first.is_empty();
    let numeric = empty || index != -1;
    if auto.state == AutoState::Init && numeric {
        auto.state = if empty { AutoState::Auto } else { AutoState::Manual };
    }
    if numeric {
        if auto.state == AutoState::Manual {
            if empty {
                return Err(
                    vm.value_error("cannot switch from manual field specification to automatic field numbering")
                );
            }
        } else if !empty {
            return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
        }
    }
    if empty {
        index = auto.next;
        auto.next += 1;
    }
    let mut obj = if index == -1 {
        let key: String = first.iter().collect();
        match &fa.kw {
            FmtKw::None => return Err(vm.key_error(Value::string(key))),
            FmtKw::Pairs(pairs) => match pairs.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => (*v).clone(),
                None => return Err(vm.key_error(Value::string(key))),
            },
            FmtKw::Map(m) => {
                let m = m.clone();
                vm.get_item(&m, &Value::string(key))?
            }
        }
    } else {
        match fa.pos {
            None => return Err(vm.value_error("Format string contains positional fields")),
            Some(pos) => match pos.get(index as usize) {
                Some(v) => v.clone(),
                None => {
                    return Err(
                        vm.index_error(format!("Replacement index {index} out of range for positional args tuple"))
                    )
                }
            },
        }
    };
    // The rest: .attr and [key] parts.
    while i < n {
        let c = name[i];
        i += 1;
        match c {
            '.' => {
                let st = i;
                while i < n && name[i] != '.' && name[i] != '[' {
                    i += 1;
                }
                if st == i {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let attr: String = name[st..i].iter().collect();
                obj = vm.get_attr(&obj, &Value::string(attr))?;
            }
            '[' => {
                let st = i;
                while i < n && name[i] != ']' {
                    i += 1;
                }
                if i >= n {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let key = &name[st..i];
                i += 1;
                let idx = get_integer(vm, key)?;
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let k = if idx == -1 { Value::string(key.iter().collect()) } else { Value::Int(idx) };
                obj = vm.get_item(&obj, &k)?;
            }
            _ => {
                return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        }
    }
    Ok(obj)
}

// ---------------------------------------------------------------------------------------------
// printf-style formatting
// ---------------------------------------------------------------------------------------------

struct PercentArgs {
    cur: Value,
    items: Vec<Value>,
    arglen: i64,
    argidx: i64,
}

impl PercentArgs {
    fn next(&mut self, vm: &Vm) -> PyResult<Value> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.cur.clone());
            }
            return Ok(self.items[idx as usize].clone());
        }
        Err(vm.type_error("not enough arguments for format string"))
    }
}

/// Does `%` treat `v` as a mapping (so `%(name)s` works and unused arguments are no error)?
fn percent_is_mapping(vm: &Vm, v: &Value) -> bool {
    let r = receiver(v);
    match r.payload() {
        Some(Payload::Tuple(_)) | Some(Payload::Str(_)) => false,
        Some(Payload::Dict(_) | Payload::List(_) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Range(_)) => {
            true
        }
        _ => crate::vm::attr::lookup_special(vm, v, "__getitem__").is_some(),
    }
}

/// Is `v` a number for `%d` (int, float, or an object with `__int__`/`__index__`/`__float__`)?
fn percent_is_number(vm: &Vm, v: &Value) -> bool {
    if int_mod::num_of(receiver(v)).is_some() {
        return true;
    }
    ["__index__", "__int__", "__float__"].iter().any(|n| crate::vm::attr::lookup_special(vm, v, n).is_some())
}

fn star_arg(vm: &mut Vm, pa: &mut PercentArgs) -> PyResult<i64> {
    let v = pa.next(vm)?;
    match int_mod::as_int(&v) {
        Some(IntRef::Small(i)) => Ok(i),
        Some(IntRef::Big(_)) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        None => Err(vm.type_error("* wants int")),
    }
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    match percent_format_plain(fmt, args) {
        Some(out) => Ok(out),
        None => percent_format_impl(vm, fmt, args, false),
    }
}

/// The common case of `%` formatting without the general machinery: only `%s`, `%d`, `%i`
/// and `%%`, applied to exact strs and machine ints (and floats for `%s`), whose conversions
/// cannot run Python code or fail. `None` sends anything else (flags, widths, mapping keys,
/// other types, a wrong argument count) down the general path, before any work is done.
fn percent_format_plain(fmt: &str, args: &Value) -> Option<String> {
    let items: &[Value] = match args.payload() {
        Some(Payload::Tuple(items)) => items,
        Some(Payload::Str(_)) | None => std::slice::from_ref(args),
        _ => return None,
    };
    let bytes = fmt.as_bytes();
    let mut needed = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'%') {
        let conversion = *bytes.get(i + at + 1)?;
        match conversion {
            b'%' => {}
            b's' | b'd' | b'i' => {
                let item = items.get(needed)?;
                let plain = match (conversion, item) {
                    (b's', Value::Int(_) | Value::Float(_)) => true,
                    (b's', v) => v.as_str().is_some(),
                    (_, Value::Int(_)) => true,
                    _ => false,
                };
                if !plain {
                    return None;
                }
                needed += 1;
            }
            _ => return None,
        }
        i += at + 2;
    }
    if needed != items.len() {
        return None;
    }
    let mut out = String::with_capacity(fmt.len() + 8 * needed);
    let mut next = items.iter();
    let mut rest = fmt;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at + 1] {
            b'%' => out.push('%'),
            _ => match next.next()? {
                Value::Int(n) => {
                    use std::fmt::Write;
                    let _ = write!(out, "{n}");
                }
                Value::Float(f) => out.push_str(&super::float::repr_float(*f)),
                v => out.push_str(v.as_str()?),
            },
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// `fmt % args` for bytes: `fmt` holds the format's bytes as latin-1 characters; the result is
/// the formatted bytes.
pub fn percent_format_bytes(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Vec<u8>> {
    let s = percent_format_impl(vm, fmt, args, true)?;
    Ok(s.chars().map(|c| c as u32 as u8).collect())
}

fn percent_format_impl(vm: &mut Vm, fmt: &str, args: &Value, bytes_mode: bool) -> PyResult<String> {
    let pieces = fs::parse_percent(fmt);
    let is_tuple = matches!(receiver(args).payload(), Some(Payload::Tuple(_)));
    let mut pa = if is_tuple {
        let items = match receiver(args).payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![],
        };
        PercentArgs { cur: args.clone(), arglen: items.len() as i64, items, argidx: 0 }
    } else {
        PercentArgs { cur: args.clone(), items: vec![], arglen: -1, argidx: -2 }
    };
    let dict = if !is_tuple && percent_is_mapping(vm, args) { Some(args.clone()) } else { None };
    let mut out = String::with_capacity(fmt.len() + 16);
    for piece in pieces {
        match piece {
            fs::PercentPiece::Literal(s) => out.push_str(&s),
            fs::PercentPiece::Error { message, partial } => {
                percent_prepare(vm, &partial, &dict, &mut pa)?;
                return Err(vm.value_error(message));
            }
            fs::PercentPiece::Spec(spec) => {
                let spec = percent_prepare(vm, &spec, &dict, &mut pa)?;
                let v = pa.next(vm)?;
                out.push_str(&percent_one(vm, &spec, &v, bytes_mode)?);
            }
        }
    }
    if pa.argidx < pa.arglen && dict.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// Mapping key lookup and `*` arguments of one conversion; returns the spec with stars resolved.
fn percent_prepare(
    vm: &mut Vm,
    spec: &fs::PercentSpec,
    dict: &Option<Value>,
    pa: &mut PercentArgs,
) -> PyResult<fs::PercentSpec> {
    if let Some(key) = &spec.key {
        let d = match dict {
            Some(d) => d.clone(),
            None => return Err(vm.type_error("format requires a mapping")),
        };
        let v = vm.get_item(&d, &Value::str(key))?;
        pa.cur = v;
        pa.arglen = -1;
        pa.argidx = -2;
    }
    let w = if spec.width == Some(fs::PercentWidth::Star) { Some(star_arg(vm, pa)?) } else { None };
    let p = if spec.precision == Some(fs::PercentWidth::Star) { Some(star_arg(vm, pa)?) } else { None };
    Ok(spec.with_stars(w, p))
}

/// One `%` conversion of `v`.
fn percent_one(vm: &mut Vm, spec: &fs::PercentSpec, v: &Value, bytes_mode: bool) -> PyResult<String> {
    let conv = spec.conversion;
    if bytes_mode {
        match conv {
            's' | 'b' => {
                let b = match super::bytes::bytes_like(vm, v) {
                    Some(b) => b,
                    None => match crate::vm::attr::lookup_special(vm, v, "__bytes__") {
                        Some(f) if !matches!(receiver(v).payload(), Some(Payload::Str(_))) => {
                            let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
                            match super::bytes::bytes_like(vm, &r) {
                                Some(b) => b,
                                None => {
                                    return Err(vm.type_error(format!(
                                        "__bytes__ returned non-bytes (type {})",
                                        vm.type_name(&r)
                                    )))
                                }
                            }
                        }
                        _ => {
                            return Err(vm.type_error(format!(
                                "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                                vm.type_name(v)
                            )))
                        }
                    },
                };
                let s: String = b.iter().map(|&c| c as char).collect();
                return Ok(fs::percent_pad_str(&s, spec));
            }
            'r' | 'a' => {
                let s = vm.ascii_of(v)?;
                return Ok(fs::percent_pad_str(&s, spec));
            }
            'c' => {
                let c = if let Some(b) = super::bytes::bytes_like(vm, v) {
                    if b.len() == 1 {
                        Some(b[0])
                    } else {
                        None
                    }
                } else {
                    match int_mod::as_int(v) {
                        Some(IntRef::Small(i)) if (0..256).contains(&i) => Some(i as u8),
                        Some(_) => return Err(vm.overflow_error("%c arg not in range(256)")),
                        None => None,
                    }
                };
                return match c {
                    Some(c) => Ok(fs::percent_pad_str(&(c as char).to_string(), spec)),
                    None => Err(vm.type_error("%c requires an integer in range(256) or a single byte")),
                };
            }
            _ => {}
        }
    }
    match conv {
        's' => {
            let s = match v.as_str() {
                Some(s) => s.to_string(),
                None => vm.str_of(v)?,
            };
            Ok(fs::percent_pad_str(&s, spec))
        }
        'r' => {
            let s = vm.repr_of(v)?;
            Ok(fs::percent_pad_str(&s, spec))
        }
        'a' => {
            let s = vm.ascii_of(v)?;
            Ok(fs::percent_pad_str(&s, spec))
        }
        'c' => {
            if let Some(s) = as_str(v) {
                let mut it = s.chars();
                return match (it.next(), it.next()) {
                    (Some(_), None) => Ok(fs::percent_pad_str(s, spec)),
                    _ => Err(vm.type_error("%c requires int or char")),
                };
            }
            let i = match int_mod::as_int(v) {
                Some(i) => i.to_big(),
                None => {
                    if crate::vm::attr::lookup_special(vm, v, "__index__").is_some() {
                        let iv = int_mod::index_value(vm, v)?;
                        int_mod::to_bigint(&iv).unwrap_or_default()
                    } else {
                        return Err(vm.type_error("%c requires int or char"));
                    }
                }
            };
            fs::percent_format_int(&i, spec).map_err(|m| map_fmt_err(vm, m))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let big = if let Some(i) = int_mod::as_int(v) {
                i.to_big()
            } else {
                let wrong = if matches!(conv, 'o' | 'x' | 'X') {
                    format!("%{conv} format: an integer is required, not {}", vm.type_name(v))
                } else {
                    format!("%{conv} format: a real number is required, not {}", vm.type_name(v))
                };
                if !percent_is_number(vm, v) {
                    return Err(vm.type_error(wrong));
                }
                let r = if matches!(conv, 'o' | 'x' | 'X') {
                    int_mod::index_value(vm, v)
                } else if let Some(f) = super::float::as_float(v) {
                    int_mod::float_to_int(vm, f)
                } else {
                    int_mod::int_of(vm, v)
                };
                match r {
                    Ok(iv) => int_mod::to_bigint(&iv).unwrap_or_default(),
                    Err(e) if vm.err_matches(&e, "TypeError") => return Err(vm.type_error(wrong)),
                    Err(e) => return Err(e),
                }
            };
            fs::percent_format_int(&big, spec).map_err(|m| map_fmt_err(vm, m))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match int_mod::num_of(receiver(v)) {
                Some(int_mod::Num::Float(f)) => f,
                Some(int_mod::Num::Int(i)) => i as f64,
                Some(int_mod::Num::Big(b)) => match int_mod::big_to_f64(b) {
                    Some(f) => f,
                    None => return Err(vm.overflow_error("int too large to convert to float")),
                },
                _ => vm.to_f64(v)?,
            };
            fs::percent_format_float(f, spec).map_err(|m| map_fmt_err(vm, m))
        }
        _ => Err(vm.value_error(spec.unsupported_error())),
    }
}

// ---------------------------------------------------------------------------------------------
// str()
// ---------------------------------------------------------------------------------------------

/// `str()`, `str(object)`, `str(bytes, encoding, errors)`.
pub fn construct(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() + args.kwnames.len() > 3 {
        return Err(
            vm.type_error(format!("str() takes at most 3 arguments ({} given)", pos.len() + args.kwnames.len()))
        );
    }
    for (k, _) in args.keywords() {
        if !matches!(k, "object" | "encoding" | "errors") {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for str()")));
        }
    }
    let obj = pos.first().or_else(|| args.kw("object")).cloned();
    let encoding = pos.get(1).or_else(|| args.kw("encoding")).cloned();
    let errors = pos.get(2).or_else(|| args.kw("errors")).cloned();
    let obj = match obj {
        None => return Ok(Value::str("")),
        Some(o) => o,
    };
    if encoding.is_none() && errors.is_none() {
        if let Some(Payload::Str(_)) = obj.payload() {
            return Ok(obj);
        }
        return Ok(new_str(vm.str_of(&obj)?));
    }
    let enc = codec_arg(vm, encoding.as_ref(), "str() argument 'encoding'", "utf-8")?;
    let err = codec_arg(vm, errors.as_ref(), "str() argument 'errors'", "strict")?;
    if as_str(&obj).is_some() {
        return Err(vm.type_error("decoding str is not supported"));
    }
    match super::bytes::bytes_like(vm, &obj) {
        Some(b) => Ok(new_str(super::bytes::decode_bytes(vm, &b, &enc, &err)?)),
        None => Err(vm.type_error(format!("decoding to str: need a bytes-like object, {} found", vm.type_name(&obj)))),
    }
}

// ----- Unicode tables generated from CPython 3.11's unicodedata (Unicode 14.0) -----

static PRINTABLE: [(u32, u32); 700] = [
    (0x20, 0x7e),
    (0xa1, 0xac),
    (0xae, 0x377),
    (0x37a, 0x37f),
    (0x384, 0x38a),
    (0x38c, 0x38c),
    (0x38e, 0x3a1),
    (0x3a3, 0x52f),
    (0x531, 0x556),
    (0x559, 0x58a),
    (0x58d, 0x58f),
    (0x591, 0x5c7),
    (0x5d0, 0x5ea),
    (0x5ef, 0x5f4),
    (0x606, 0x61b),
    (0x61d, 0x6dc),
    (0x6de, 0x70d),
    (0x710, 0x74a),
    (0x74d, 0x7b1),
    (0x7c0, 0x7fa),
    (0x7fd, 0x82d),
    (0x830, 0x83e),
    (0x840, 0x85b),
    (0x85e, 0x85e),
    (0x860, 0x86a),
    (0x870, 0x88e),
    (0x898, 0x8e1),
    (0x8e3, 0x983),
    (0x985, 0x98c),
    (0x98f, 0x990),
    (0x993, 0x9a8),
    (0x9aa, 0x9b0),
    (0x9b2, 0x9b2),
    (0x9b6, 0x9b9),
    (0x9bc, 0x9c4),
    (0x9c7, 0x9c8),
    (0x9cb, 0x9ce),
    (0x9d7, 0x9d7),
    (0x9dc, 0x9dd),
    (0x9df, 0x9e3),
    (0x9e6, 0x9fe),
    (0xa01, 0xa03),
    (0xa05, 0xa0a),
    (0xa0f, 0xa10),
    (0xa13, 0xa28),
    (0xa2a, 0xa30),
    (0xa32, 0xa33),
    (0xa35, 0xa36),
    (0xa38, 0xa39),
    (0xa3c, 0xa3c),
    (0xa3e, 0xa42),
    (0xa47, 0xa48),
    (0xa4b, 0xa4d),
    (0xa51, 0xa51),
    (0xa59, 0xa5c),
    (0xa5e, 0xa5e),
    (0xa66, 0xa76),
    (0xa81, 0xa83),
    (0xa85, 0xa8d),
    (0xa8f, 0xa91),
    (0xa93, 0xaa8),
    (0xaaa, 0xab0),
    (0xab2, 0xab3),
    (0xab5, 0xab9),
    (0xabc, 0xac5),
    (0xac7, 0xac9),
    (0xacb, 0xacd),
    (0xad0, 0xad0),
    (0xae0, 0xae3),
    (0xae6, 0xaf1),
    (0xaf9, 0xaff),
    (0xb01, 0xb03),
    (0xb05, 0xb0c),
    (0xb0f, 0xb10),
    (0xb13, 0xb28),
    (0xb2a, 0xb30),
    (0xb32, 0xb33),
    (0xb35, 0xb39),
    (0xb3c, 0xb44),
    (0xb47, 0xb48),
    (0xb4b, 0xb4d),
    (0xb55, 0xb57),
    (0xb5c, 0xb5d),
    (0xb5f, 0xb63),
    (0xb66, 0xb77),
    (0xb82, 0xb83),
    (0xb85, 0xb8a),
    (0xb8e, 0xb90),
    (0xb92, 0xb95),
    (0xb99, 0xb9a),
    (0xb9c, 0xb9c),
    (0xb9e, 0xb9f),
    (0xba3, 0xba4),
    (0xba8, 0xbaa),
    (0xbae, 0xbb9),
    (0xbbe, 0xbc2),
    (0xbc6, 0xbc8),
    (0xbca, 0xbcd),
    (0xbd0, 0xbd0),
    (0xbd7, 0xbd7),
    (0xbe6, 0xbfa),
    (0xc00, 0xc0c),
    (0xc0e, 0xc10),
    (0xc12, 0xc28),
    (0xc2a, 0xc39),
    (0xc3c, 0xc44),
    (0xc46, 0xc48),
    (0xc4a, 0xc4d),
    (0xc55, 0xc56),
    (0xc58, 0xc5a),
    (0xc5d, 0xc5d),
    (0xc60, 0xc63),
    (0xc66, 0xc6f),
    (0xc77, 0xc8c),
    (0xc8e, 0xc90),
    (0xc92, 0xca8),
    (0xcaa, 0xcb3),
    (0xcb5, 0xcb9),
    (0xcbc, 0xcc4),
    (0xcc6, 0xcc8),
    (0xcca, 0xccd),
    (0xcd5, 0xcd6),
    (0xcdd, 0xcde),
    (0xce0, 0xce3),
    (0xce6, 0xcef),
    (0xcf1, 0xcf2),
    (0xd00, 0xd0c),
    (0xd0e, 0xd10),
    (0xd12, 0xd44),
    (0xd46, 0xd48),
    (0xd4a, 0xd4f),
    (0xd54, 0xd63),
    (0xd66, 0xd7f),
    (0xd81, 0xd83),
    (0xd85, 0xd96),
    (0xd9a, 0xdb1),
    (0xdb3, 0xdbb),
    (0xdbd, 0xdbd),
    (0xdc0, 0xdc6),
    (0xdca, 0xdca),
    (0xdcf, 0xdd4),
    (0xdd6, 0xdd6),
    (0xdd8, 0xddf),
    (0xde6, 0xdef),
    (0xdf2, 0xdf4),
    (0xe01, 0xe3a),
    (0xe3f, 0xe5b),
    (0xe81, 0xe82),
    (0xe84, 0xe84),
    (0xe86, 0xe8a),
    (0xe8c, 0xea3),
    (0xea5, 0xea5),
    (0xea7, 0xebd),
    (0xec0, 0xec4),
    (0xec6, 0xec6),
    (0xec8, 0xecd),
    (0xed0, 0xed9),
    (0xedc, 0xedf),
    (0xf00, 0xf47),
    (0xf49, 0xf6c),
    (0xf71, 0xf97),
    (0xf99, 0xfbc),
    (0xfbe, 0xfcc),
    (0xfce, 0xfda),
    (0x1000, 0x10c5),
    (0x10c7, 0x10c7),
    (0x10cd, 0x10cd),
    (0x10d0, 0x1248),
    (0x124a, 0x124d),
    (0x1250, 0x1256),
    (0x1258, 0x1258),
    (0x125a, 0x125d),
    (0x1260, 0x1288),
    (0x128a, 0x128d),
    (0x1290, 0x12b0),
    (0x12b2, 0x12b5),
    (0x12b8, 0x12be),
    (0x12c0, 0x12c0),
    (0x12c2, 0x12c5),
    (0x12c8, 0x12d6),
    (0x12d8, 0x1310),
    (0x1312, 0x1315),
    (0x1318, 0x135a),
    (0x135d, 0x137c),
    (0x1380, 0x1399),
    (0x13a0, 0x13f5),
    (0x13f8, 0x13fd),
    (0x1400, 0x167f),
    (0x1681, 0x169c),
    (0x16a0, 0x16f8),
    (0x1700, 0x1715),
    (0x171f, 0x1736),
    (0x1740, 0x1753),
    (0x1760, 0x176c),
    (0x176e, 0x1770),
    (0x1772, 0x1773),
    (0x1780, 0x17dd),
    (0x17e0, 0x17e9),
    (0x17f0, 0x17f9),
    (0x1800, 0x180d),
    (0x180f, 0x1819),
    (0x1820, 0x1878),
    (0x1880, 0x18aa),
    (0x18b0, 0x18f5),
    (0x1900, 0x191e),
    (0x1920, 0x192b),
    (0x1930, 0x193b),
    (0x1940, 0x1940),
    (0x1944, 0x196d),
    (0x1970, 0x1974),
    (0x1980, 0x19ab),
    (0x19b0, 0x19c9),
    (0x19d0, 0x19da),
    (0x19de, 0x1a1b),
    (0x1a1e, 0x1a5e),
    (0x1a60, 0x1a7c),
    (0x1a7f, 0x1a89),
    (0x1a90, 0x1a99),
    (0x1aa0, 0x1aad),
    (0x1ab0, 0x1ace),
    (0x1b00, 0x1b4c),
    (0x1b50, 0x1b7e),
    (0x1b80, 0x1bf3),
    (0x1bfc, 0x1c37),
    (0x1c3b, 0x1c49),
    (0x1c4d, 0x1c88),
    (0x1c90, 0x1cba),
    (0x1cbd, 0x1cc7),
    (0x1cd0, 0x1cfa),
    (0x1d00, 0x1f15),
    (0x1f18, 0x1f1d),
    (0x1f20, 0x1f45),
    (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57),
    (0x1f59, 0x1f59),
    (0x1f5b, 0x1f5b),
    (0x1f5d, 0x1f5d),
    (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fc4),
    (0x1fc6, 0x1fd3),
    (0x1fd6, 0x1fdb),
    (0x1fdd, 0x1fef),
    (0x1ff2, 0x1ff4),
    (0x1ff6, 0x1ffe),
    (0x2010, 0x2027),
    (0x2030, 0x205e),
    (0x2070, 0x2071),
    (0x2074, 0x208e),
    (0x2090, 0x209c),
    (0x20a0, 0x20c0),
    (0x20d0, 0x20f0),
    (0x2100, 0x218b),
    (0x2190, 0x2426),
    (0x2440, 0x244a),
    (0x2460, 0x2b73),
    (0x2b76, 0x2b95),
    (0x2b97, 0x2cf3),
    (0x2cf9, 0x2d25),
    (0x2d27, 0x2d27),
    (0x2d2d, 0x2d2d),
    (0x2d30, 0x2d67),
    (0x2d6f, 0x2d70),
    (0x2d7f, 0x2d96),
    (0x2da0, 0x2da6),
    (0x2da8, 0x2dae),
    (0x2db0, 0x2db6),
    (0x2db8, 0x2dbe),
    (0x2dc0, 0x2dc6),
    (0x2dc8, 0x2dce),
    (0x2dd0, 0x2dd6),
    (0x2dd8, 0x2dde),
    (0x2de0, 0x2e5d),
    (0x2e80, 0x2e99),
    (0x2e9b, 0x2ef3),
    (0x2f00, 0x2fd5),
    (0x2ff0, 0x2ffb),
    (0x3001, 0x303f),
    (0x3041, 0x3096),
    (0x3099, 0x30ff),
    (0x3105, 0x312f),
    (0x3131, 0x318e),
    (0x3190, 0x31e3),
    (0x31f0, 0x321e),
    (0x3220, 0xa48c),
    (0xa490, 0xa4c6),
    (0xa4d0, 0xa62b),
    (0xa640, 0xa6f7),
    (0xa700, 0xa7ca),
    (0xa7d0, 0xa7d1),
    (0xa7d3, 0xa7d3),
    (0xa7d5, 0xa7d9),
    (0xa7f2, 0xa82c),
    (0xa830, 0xa839),
    (0xa840, 0xa877),
    (0xa880, 0xa8c5),
    (0xa8ce, 0xa8d9),
    (0xa8e0, 0xa953),
    (0xa95f, 0xa97c),
    (0xa980, 0xa9cd),
    (0xa9cf, 0xa9d9),
    (0xa9de, 0xa9fe),
    (0xaa00, 0xaa36),
    (0xaa40, 0xaa4d),
    (0xaa50, 0xaa59),
    (0xaa5c, 0xaac2),
    (0xaadb, 0xaaf6),
    (0xab01, 0xab06),
    (0xab09, 0xab0e),
    (0xab11, 0xab16),
    (0xab20, 0xab26),
    (0xab28, 0xab2e),
    (0xab30, 0xab6b),
    (0xab70, 0xabed),
    (0xabf0, 0xabf9),
    (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6),
    (0xd7cb, 0xd7fb),
    (0xf900, 0xfa6d),
    (0xfa70, 0xfad9),
    (0xfb00, 0xfb06),
    (0xfb13, 0xfb17),
    (0xfb1d, 0xfb36),
    (0xfb38, 0xfb3c),
    (0xfb3e, 0xfb3e),
    (0xfb40, 0xfb41),
    (0xfb43, 0xfb44),
    (0xfb46, 0xfbc2),
    (0xfbd3, 0xfd8f),
    (0xfd92, 0xfdc7),
    (0xfdcf, 0xfdcf),
    (0xfdf0, 0xfe19),
    (0xfe20, 0xfe52),
    (0xfe54, 0xfe66),
    (0xfe68, 0xfe6b),
    (0xfe70, 0xfe74),
    (0xfe76, 0xfefc),
    (0xff01, 0xffbe),
    (0xffc2, 0xffc7),
    (0xffca, 0xffcf),
    (0xffd2, 0xffd7),
    (0xffda, 0xffdc),
    (0xffe0, 0xffe6),
    (0xffe8, 0xffee),
    (0xfffc, 0xfffd),
    (0x10000, 0x1000b),
    (0x1000d, 0x10026),
    (0x10028, 0x1003a),
    (0x1003c, 0x1003d),
    (0x1003f, 0x1004d),
    (0x10050, 0x1005d),
    (0x10080, 0x100fa),
    (0x10100, 0x10102),
    (0x10107, 0x10133),
    (0x10137, 0x1018e),
    (0x10190, 0x1019c),
    (0x101a0, 0x101a0),
    (0x101d0, 0x101fd),
    (0x10280, 0x1029c),
    (0x102a0, 0x102d0),
    (0x102e0, 0x102fb),
    (0x10300, 0x10323),
    (0x1032d, 0x1034a),
    (0x10350, 0x1037a),
    (0x10380, 0x1039d),
    (0x1039f, 0x103c3),
    (0x103c8, 0x103d5),
    (0x10400, 0x1049d),
    (0x104a0, 0x104a9),
    (0x104b0, 0x104d3),
    (0x104d8, 0x104fb),
    (0x10500, 0x10527),
    (0x10530, 0x10563),
    (0x1056f, 0x1057a),
    (0x1057c, 0x1058a),
    (0x1058c, 0x10592),
    (0x10594, 0x10595),
    (0x10597, 0x105a1),
    (0x105a3, 0x105b1),
    (0x105b3, 0x105b9),
    (0x105bb, 0x105bc),
    (0x10600, 0x10736),
    (0x10740, 0x10755),
    (0x10760, 0x10767),
    (0x10780, 0x10785),
    (0x10787, 0x107b0),
    (0x107b2, 0x107ba),
    (0x10800, 0x10805),
    (0x10808, 0x10808),
    (0x1080a, 0x10835),
    (0x10837, 0x10838),
    (0x1083c, 0x1083c),
    (0x1083f, 0x10855),
    (0x10857, 0x1089e),
    (0x108a7, 0x108af),
    (0x108e0, 0x108f2),
    (0x108f4, 0x108f5),
    (0x108fb, 0x1091b),
    (0x1091f, 0x10939),
    (0x1093f, 0x1093f),
    (0x10980, 0x109b7),
    (0x109bc, 0x109cf),
    (0x109d2, 0x10a03),
    (0x10a05, 0x10a06),
    (0x10a0c, 0x10a13),
    (0x10a15, 0x10a17),
    (0x10a19, 0x10a35),
    (0x10a38, 0x10a3a),
    (0x10a3f, 0x10a48),
    (0x10a50, 0x10a58),
    (0x10a60, 0x10a9f),
    (0x10ac0, 0x10ae6),
    (0x10aeb, 0x10af6),
    (0x10b00, 0x10b35),
    (0x10b39, 0x10b55),
    (0x10b58, 0x10b72),
    (0x10b78, 0x10b91),
    (0x10b99, 0x10b9c),
    (0x10ba9, 0x10baf),
    (0x10c00, 0x10c48),
    (0x10c80, 0x10cb2),
    (0x10cc0, 0x10cf2),
    (0x10cfa, 0x10d27),
    (0x10d30, 0x10d39),
    (0x10e60, 0x10e7e),
    (0x10e80, 0x10ea9),
    (0x10eab, 0x10ead),
    (0x10eb0, 0x10eb1),
    (0x10f00, 0x10f27),
    (0x10f30, 0x10f59),
    (0x10f70, 0x10f89),
    (0x10fb0, 0x10fcb),
    (0x10fe0, 0x10ff6),
    (0x11000, 0x1104d),
    (0x11052, 0x11075),
    (0x1107f, 0x110bc),
    (0x110be, 0x110c2),
    (0x110d0, 0x110e8),
    (0x110f0, 0x110f9),
    (0x11100, 0x11134),
    (0x11136, 0x11147),
    (0x11150, 0x11176),
    (0x11180, 0x111df),
    (0x111e1, 0x111f4),
    (0x11200, 0x11211),
    (0x11213, 0x1123e),
    (0x11280, 0x11286),
    (0x11288, 0x11288),
    (0x1128a, 0x1128d),
    (0x1128f, 0x1129d),
    (0x1129f, 0x112a9),
    (0x112b0, 0x112ea),
    (0x112f0, 0x112f9),
    (0x11300, 0x11303),
    (0x11305, 0x1130c),
    (0x1130f, 0x11310),
    (0x11313, 0x11328),
    (0x1132a, 0x11330),
    (0x11332, 0x11333),
    (0x11335, 0x11339),
    (0x1133b, 0x11344),
    (0x11347, 0x11348),
    (0x1134b, 0x1134d),
    (0x11350, 0x11350),
    (0x11357, 0x11357),
    (0x1135d, 0x11363),
    (0x11366, 0x1136c),
    (0x11370, 0x11374),
    (0x11400, 0x1145b),
    (0x1145d, 0x11461),
    (0x11480, 0x114c7),
    (0x114d0, 0x114d9),
    (0x11580, 0x115b5),
    (0x115b8, 0x115dd),
    (0x11600, 0x11644),
    (0x11650, 0x11659),
    (0x11660, 0x1166c),
    (0x11680, 0x116b9),
    (0x116c0, 0x116c9),
    (0x11700, 0x1171a),
    (0x1171d, 0x1172b),
    (0x11730, 0x11746),
    (0x11800, 0x1183b),
    (0x118a0, 0x118f2),
    (0x118ff, 0x11906),
    (0x11909, 0x11909),
    (0x1190c, 0x11913),
    (0x11915, 0x11916),
    (0x11918, 0x11935),
    (0x11937, 0x11938),
    (0x1193b, 0x11946),
    (0x11950, 0x11959),
    (0x119a0, 0x119a7),
    (0x119aa, 0x119d7),
    (0x119da, 0x119e4),
    (0x11a00, 0x11a47),
    (0x11a50, 0x11aa2),
    (0x11ab0, 0x11af8),
    (0x11c00, 0x11c08),
    (0x11c0a, 0x11c36),
    (0x11c38, 0x11c45),
    (0x11c50, 0x11c6c),
    (0x11c70, 0x11c8f),
    (0x11c92, 0x11ca7),
    (0x11ca9, 0x11cb6),
    (0x11d00, 0x11d06),
    (0x11d08, 0x11d09),
    (0x11d0b, 0x11d36),
    (0x11d3a, 0x11d3a),
    (0x11d3c, 0x11d3d),
    (0x11d3f, 0x11d47),
    (0x11d50, 0x11d59),
    (0x11d60, 0x11d65),
    (0x11d67, 0x11d68),
    (0x11d6a, 0x11d8e),
    (0x11d90, 0x11d91),
    (0x11d93, 0x11d98),
    (0x11da0, 0x11da9),
    (0x11ee0, 0x11ef8),
    (0x11fb0, 0x11fb0),
    (0x11fc0, 0x11ff1),
    (0x11fff, 0x12399),
    (0x12400, 0x1246e),
    (0x12470, 0x12474),
    (0x12480, 0x12543),
    (0x12f90, 0x12ff2),
    (0x13000, 0x1342e),
    (0x14400, 0x14646),
    (0x16800, 0x16a38),
    (0x16a40, 0x16a5e),
    (0x16a60, 0x16a69),
    (0x16a6e, 0x16abe),
    (0x16ac0, 0x16ac9),
    (0x16ad0, 0x16aed),
    (0x16af0, 0x16af5),
    (0x16b00, 0x16b45),
    (0x16b50, 0x16b59),
    (0x16b5b, 0x16b61),
    (0x16b63, 0x16b77),
    (0x16b7d, 0x16b8f),
    (0x16e40, 0x16e9a),
    (0x16f00, 0x16f4a),
    (0x16f4f, 0x16f87),
    (0x16f8f, 0x16f9f),
    (0x16fe0, 0x16fe4),
    (0x16ff0, 0x16ff1),
    (0x17000, 0x187f7),
    (0x18800, 0x18cd5),
    (0x18d00, 0x18d08),
    (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb),
    (0x1affd, 0x1affe),
    (0x1b000, 0x1b122),
    (0x1b150, 0x1b152),
    (0x1b164, 0x1b167),
    (0x1b170, 0x1b2fb),
    (0x1bc00, 0x1bc6a),
    (0x1bc70, 0x1bc7c),
    (0x1bc80, 0x1bc88),
    (0x1bc90, 0x1bc99),
    (0x1bc9c, 0x1bc9f),
    (0x1cf00, 0x1cf2d),
    (0x1cf30, 0x1cf46),
    (0x1cf50, 0x1cfc3),
    (0x1d000, 0x1d0f5),
    (0x1d100, 0x1d126),
    (0x1d129, 0x1d172),
    (0x1d17b, 0x1d1ea),
    (0x1d200, 0x1d245),
    (0x1d2e0, 0x1d2f3),
    (0x1d300, 0x1d356),
    (0x1d360, 0x1d378),
    (0x1d400, 0x1d454),
    (0x1d456, 0x1d49c),
    (0x1d49e, 0x1d49f),
    (0x1d4a2, 0x1d4a2),
    (0x1d4a5, 0x1d4a6),
    (0x1d4a9, 0x1d4ac),
    (0x1d4ae, 0x1d4b9),
    (0x1d4bb, 0x1d4bb),
    (0x1d4bd, 0x1d4c3),
    (0x1d4c5, 0x1d505),
    (0x1d507, 0x1d50a),
    (0x1d50d, 0x1d514),
    (0x1d516, 0x1d51c),
    (0x1d51e, 0x1d539),
    (0x1d53b, 0x1d53e),
    (0x1d540, 0x1d544),
    (0x1d546, 0x1d546),
    (0x1d54a, 0x1d550),
    (0x1d552, 0x1d6a5),
    (0x1d6a8, 0x1d7cb),
    (0x1d7ce, 0x1da8b),
    (0x1da9b, 0x1da9f),
    (0x1daa1, 0x1daaf),
    (0x1df00, 0x1df1e),
    (0x1e000, 0x1e006),
    (0x1e008, 0x1e018),
    (0x1e01b, 0x1e021),
    (0x1e023, 0x1e024),
    (0x1e026, 0x1e02a),
    (0x1e100, 0x1e12c),
    (0x1e130, 0x1e13d),
    (0x1e140, 0x1e149),
    (0x1e14e, 0x1e14f),
    (0x1e290, 0x1e2ae),
    (0x1e2c0, 0x1e2f9),
    (0x1e2ff, 0x1e2ff),
    (0x1e7e0, 0x1e7e6),
    (0x1e7e8, 0x1e7eb),
    (0x1e7ed, 0x1e7ee),
    (0x1e7f0, 0x1e7fe),
    (0x1e800, 0x1e8c4),
    (0x1e8c7, 0x1e8d6),
    (0x1e900, 0x1e94b),
    (0x1e950, 0x1e959),
    (0x1e95e, 0x1e95f),
    (0x1ec71, 0x1ecb4),
    (0x1ed01, 0x1ed3d),
    (0x1ee00, 0x1ee03),
    (0x1ee05, 0x1ee1f),
    (0x1ee21, 0x1ee22),
    (0x1ee24, 0x1ee24),
    (0x1ee27, 0x1ee27),
    (0x1ee29, 0x1ee32),
    (0x1ee34, 0x1ee37),
    (0x1ee39, 0x1ee39),
    (0x1ee3b, 0x1ee3b),
    (0x1ee42, 0x1ee42),
    (0x1ee47, 0x1ee47),
    (0x1ee49, 0x1ee49),
    (0x1ee4b, 0x1ee4b),
    (0x1ee4d, 0x1ee4f),
    (0x1ee51, 0x1ee52),
    (0x1ee54, 0x1ee54),
    (0x1ee57, 0x1ee57),
    (0x1ee59, 0x1ee59),
    (0x1ee5b, 0x1ee5b),
    (0x1ee5d, 0x1ee5d),
    (0x1ee5f, 0x1ee5f),
    (0x1ee61, 0x1ee62),
    (0x1ee64, 0x1ee64),
    (0x1ee67, 0x1ee6a),
    (0x1ee6c, 0x1ee72),
    (0x1ee74, 0x1ee77),
    (0x1ee79, 0x1ee7c),
    (0x1ee7e, 0x1ee7e),
    (0x1ee80, 0x1ee89),
    (0x1ee8b, 0x1ee9b),
    (0x1eea1, 0x1eea3),
    (0x1eea5, 0x1eea9),
    (0x1eeab, 0x1eebb),
    (0x1eef0, 0x1eef1),
    (0x1f000, 0x1f02b),
    (0x1f030, 0x1f093),
    (0x1f0a0, 0x1f0ae),
    (0x1f0b1, 0x1f0bf),
    (0x1f0c1, 0x1f0cf),
    (0x1f0d1, 0x1f0f5),
    (0x1f100, 0x1f1ad),
    (0x1f1e6, 0x1f202),
    (0x1f210, 0x1f23b),
    (0x1f240, 0x1f248),
    (0x1f250, 0x1f251),
    (0x1f260, 0x1f265),
    (0x1f300, 0x1f6d7),
    (0x1f6dd, 0x1f6ec),
    (0x1f6f0, 0x1f6fc),
    (0x1f700, 0x1f773),
    (0x1f780, 0x1f7d8),
    (0x1f7e0, 0x1f7eb),
    (0x1f7f0, 0x1f7f0),
    (0x1f800, 0x1f80b),
    (0x1f810, 0x1f847),
    (0x1f850, 0x1f859),
    (0x1f860, 0x1f887),
    (0x1f890, 0x1f8ad),
    (0x1f8b0, 0x1f8b1),
    (0x1f900, 0x1fa53),
    (0x1fa60, 0x1fa6d),
    (0x1fa70, 0x1fa74),
    (0x1fa78, 0x1fa7c),
    (0x1fa80, 0x1fa86),
    (0x1fa90, 0x1faac),
    (0x1fab0, 0x1faba),
    (0x1fac0, 0x1fac5),
    (0x1fad0, 0x1fad9),
    (0x1fae0, 0x1fae7),
    (0x1faf0, 0x1faf6),
    (0x1fb00, 0x1fb92),
    (0x1fb94, 0x1fbca),
    (0x1fbf0, 0x1fbf9),
    (0x20000, 0x2a6df),
    (0x2a700, 0x2b738),
    (0x2b740, 0x2b81d),
    (0x2b820, 0x2cea1),
    (0x2ceb0, 0x2ebe0),
    (0x2f800, 0x2fa1d),
    (0x30000, 0x3134a),
    (0xe0100, 0xe01ef),
];

static ALPHA: [(u32, u32); 648] = [
    (0x41, 0x5a),
    (0x61, 0x7a),
    (0xaa, 0xaa),
    (0xb5, 0xb5),
    (0xba, 0xba),
    (0xc0, 0xd6),
    (0xd8, 0xf6),
    (0xf8, 0x2c1),
    (0x2c6, 0x2d1),
    (0x2e0, 0x2e4),
    (0x2ec, 0x2ec),
    (0x2ee, 0x2ee),
    (0x370, 0x374),
    (0x376, 0x377),
    (0x37a, 0x37d),
    (0x37f, 0x37f),
    (0x386, 0x386),
    (0x388, 0x38a),
    (0x38c, 0x38c),
    (0x38e, 0x3a1),
    (0x3a3, 0x3f5),
    (0x3f7, 0x481),
    (0x48a, 0x52f),
    (0x531, 0x556),
    (0x559, 0x559),
    (0x560, 0x588),
    (0x5d0, 0x5ea),
    (0x5ef, 0x5f2),
    (0x620, 0x64a),
    (0x66e, 0x66f),
    (0x671, 0x6d3),
    (0x6d5, 0x6d5),
    (0x6e5, 0x6e6),
    (0x6ee, 0x6ef),
    (0x6fa, 0x6fc),
    (0x6ff, 0x6ff),
    (0x710, 0x710),
    (0x712, 0x72f),
    (0x74d, 0x7a5),
    (0x7b1, 0x7b1),
    (0x7ca, 0x7ea),
    (0x7f4, 0x7f5),
    (0x7fa, 0x7fa),
    (0x800, 0x815),
    (0x81a, 0x81a),
    (0x824, 0x824),
    (0x828, 0x828),
    (0x840, 0x858),
    (0x860, 0x86a),
    (0x870, 0x887),
    (0x889, 0x88e),
    (0x8a0, 0x8c9),
    (0x904, 0x939),
    (0x93d, 0x93d),
    (0x950, 0x950),
    (0x958, 0x961),
    (0x971, 0x980),
    (0x985, 0x98c),
    (0x98f, 0x990),
    (0x993, 0x9a8),
    (0x9aa, 0x9b0),
    (0x9b2, 0x9b2),
    (0x9b6, 0x9b9),
    (0x9bd, 0x9bd),
    (0x9ce, 0x9ce),
    (0x9dc, 0x9dd),
    (0x9df, 0x9e1),
    (0x9f0, 0x9f1),
    (0x9fc, 0x9fc),
    (0xa05, 0xa0a),
    (0xa0f, 0xa10),
    (0xa13, 0xa28),
    (0xa2a, 0xa30),
    (0xa32, 0xa33),
    (0xa35, 0xa36),
    (0xa38, 0xa39),
    (0xa59, 0xa5c),
    (0xa5e, 0xa5e),
    (0xa72, 0xa74),
    (0xa85, 0xa8d),
    (0xa8f, 0xa91),
    (0xa93, 0xaa8),
    (0xaaa, 0xab0),
    (0xab2, 0xab3),
    (0xab5, 0xab9),
    (0xabd, 0xabd),
    (0xad0, 0xad0),
    (0xae0, 0xae1),
    (0xaf9, 0xaf9),
    (0xb05, 0xb0c),
    (0xb0f, 0xb10),
    (0xb13, 0xb28),
    (0xb2a, 0xb30),
    (0xb32, 0xb33),
    (0xb35, 0xb39),
    (0xb3d, 0xb3d),
    (0xb5c, 0xb5d),
    (0xb5f, 0xb61),
    (0xb71, 0xb71),
    (0xb83, 0xb83),
    (0xb85, 0xb8a),
    (0xb8e, 0xb90),
    (0xb92, 0xb95),
    (0xb99, 0xb9a),
    (0xb9c, 0xb9c),
    (0xb9e, 0xb9f),
    (0xba3, 0xba4),
    (0xba8, 0xbaa),
    (0xbae, 0xbb9),
    (0xbd0, 0xbd0),
    (0xc05, 0xc0c),
    (0xc0e, 0xc10),
    (0xc12, 0xc28),
    (0xc2a, 0xc39),
    (0xc3d, 0xc3d),
    (0xc58, 0xc5a),
    (0xc5d, 0xc5d),
    (0xc60, 0xc61),
    (0xc80, 0xc80),
    (0xc85, 0xc8c),
    (0xc8e, 0xc90),
    (0xc92, 0xca8),
    (0xcaa, 0xcb3),
    (0xcb5, 0xcb9),
    (0xcbd, 0xcbd),
    (0xcdd, 0xcde),
    (0xce0, 0xce1),
    (0xcf1, 0xcf2),
    (0xd04, 0xd0c),
    (0xd0e, 0xd10),
    (0xd12, 0xd3a),
    (0xd3d, 0xd3d),
    (0xd4e, 0xd4e),
    (0xd54, 0xd56),
    (0xd5f, 0xd61),
    (0xd7a, 0xd7f),
    (0xd85, 0xd96),
    (0xd9a, 0xdb1),
    (0xdb3, 0xdbb),
    (0xdbd, 0xdbd),
    (0xdc0, 0xdc6),
    (0xe01, 0xe30),
    (0xe32, 0xe33),
    (0xe40, 0xe46),
    (0xe81, 0xe82),
    (0xe84, 0xe84),
    (0xe86, 0xe8a),
    (0xe8c, 0xea3),
    (0xea5, 0xea5),
    (0xea7, 0xeb0),
    (0xeb2, 0xeb3),
    (0xebd, 0xebd),
    (0xec0, 0xec4),
    (0xec6, 0xec6),
    (0xedc, 0xedf),
    (0xf00, 0xf00),
    (0xf40, 0xf47),
    (0xf49, 0xf6c),
    (0xf88, 0xf8c),
    (0x1000, 0x102a),
    (0x103f, 0x103f),
    (0x1050, 0x1055),
    (0x105a, 0x105d),
    (0x1061, 0x1061),
    (0x1065, 0x1066),
    (0x106e, 0x1070),
    (0x1075, 0x1081),
    (0x108e, 0x108e),
    (0x10a0, 0x10c5),
    (0x10c7, 0x10c7),
    (0x10cd, 0x10cd),
    (0x10d0, 0x10fa),
    (0x10fc, 0x1248),
    (0x124a, 0x124d),
    (0x1250, 0x1256),
    (0x1258, 0x1258),
    (0x125a, 0x125d),
    (0x1260, 0x1288),
    (0x128a, 0x128d),
    (0x1290, 0x12b0),
    (0x12b2, 0x12b5),
    (0x12b8, 0x12be),
    (0x12c0, 0x12c0),
    (0x12c2, 0x12c5),
    (0x12c8, 0x12d6),
    (0x12d8, 0x1310),
    (0x1312, 0x1315),
    (0x1318, 0x135a),
    (0x1380, 0x138f),
    (0x13a0, 0x13f5),
    (0x13f8, 0x13fd),
    (0x1401, 0x166c),
    (0x166f, 0x167f),
    (0x1681, 0x169a),
    (0x16a0, 0x16ea),
    (0x16f1, 0x16f8),
    (0x1700, 0x1711),
    (0x171f, 0x1731),
    (0x1740, 0x1751),
    (0x1760, 0x176c),
    (0x176e, 0x1770),
    (0x1780, 0x17b3),
    (0x17d7, 0x17d7),
    (0x17dc, 0x17dc),
    (0x1820, 0x1878),
    (0x1880, 0x1884),
    (0x1887, 0x18a8),
    (0x18aa, 0x18aa),
    (0x18b0, 0x18f5),
    (0x1900, 0x191e),
    (0x1950, 0x196d),
    (0x1970, 0x1974),
    (0x1980, 0x19ab),
    (0x19b0, 0x19c9),
    (0x1a00, 0x1a16),
    (0x1a20, 0x1a54),
    (0x1aa7, 0x1aa7),
    (0x1b05, 0x1b33),
    (0x1b45, 0x1b4c),
    (0x1b83, 0x1ba0),
    (0x1bae, 0x1baf),
    (0x1bba, 0x1be5),
    (0x1c00, 0x1c23),
    (0x1c4d, 0x1c4f),
    (0x1c5a, 0x1c7d),
    (0x1c80, 0x1c88),
    (0x1c90, 0x1cba),
    (0x1cbd, 0x1cbf),
    (0x1ce9, 0x1cec),
    (0x1cee, 0x1cf3),
    (0x1cf5, 0x1cf6),
    (0x1cfa, 0x1cfa),
    (0x1d00, 0x1dbf),
    (0x1e00, 0x1f15),
    (0x1f18, 0x1f1d),
    (0x1f20, 0x1f45),
    (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57),
    (0x1f59, 0x1f59),
    (0x1f5b, 0x1f5b),
    (0x1f5d, 0x1f5d),
    (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fbc),
    (0x1fbe, 0x1fbe),
    (0x1fc2, 0x1fc4),
    (0x1fc6, 0x1fcc),
    (0x1fd0, 0x1fd3),
    (0x1fd6, 0x1fdb),
    (0x1fe0, 0x1fec),
    (0x1ff2, 0x1ff4),
    (0x1ff6, 0x1ffc),
    (0x2071, 0x2071),
    (0x207f, 0x207f),
    (0x2090, 0x209c),
    (0x2102, 0x2102),
    (0x2107, 0x2107),
    (0x210a, 0x2113),
    (0x2115, 0x2115),
    (0x2119, 0x211d),
    (0x2124, 0x2124),
    (0x2126, 0x2126),
    (0x2128, 0x2128),
    (0x212a, 0x212d),
    (0x212f, 0x2139),
    (0x213c, 0x213f),
    (0x2145, 0x2149),
    (0x214e, 0x214e),
    (0x2183, 0x2184),
    (0x2c00, 0x2ce4),
    (0x2ceb, 0x2cee),
    (0x2cf2, 0x2cf3),
    (0x2d00, 0x2d25),
    (0x2d27, 0x2d27),
    (0x2d2d, 0x2d2d),
    (0x2d30, 0x2d67),
    (0x2d6f, 0x2d6f),
    (0x2d80, 0x2d96),
    (0x2da0, 0x2da6),
    (0x2da8, 0x2dae),
    (0x2db0, 0x2db6),
    (0x2db8, 0x2dbe),
    (0x2dc0, 0x2dc6),
    (0x2dc8, 0x2dce),
    (0x2dd0, 0x2dd6),
    (0x2dd8, 0x2dde),
    (0x2e2f, 0x2e2f),
    (0x3005, 0x3006),
    (0x3031, 0x3035),
    (0x303b, 0x303c),
    (0x3041, 0x3096),
    (0x309d, 0x309f),
    (0x30a1, 0x30fa),
    (0x30fc, 0x30ff),
    (0x3105, 0x312f),
    (0x3131, 0x318e),
    (0x31a0, 0x31bf),
    (0x31f0, 0x31ff),
    (0x3400, 0x4dbf),
    (0x4e00, 0xa48c),
    (0xa4d0, 0xa4fd),
    (0xa500, 0xa60c),
    (0xa610, 0xa61f),
    (0xa62a, 0xa62b),
    (0xa640, 0xa66e),
    (0xa67f, 0xa69d),
    (0xa6a0, 0xa6e5),
    (0xa717, 0xa71f),
    (0xa722, 0xa788),
    (0xa78b, 0xa7ca),
    (0xa7d0, 0xa7d1),
    (0xa7d3, 0xa7d3),
    (0xa7d5, 0xa7d9),
    (0xa7f2, 0xa801),
    (0xa803, 0xa805),
    (0xa807, 0xa80a),
    (0xa80c, 0xa822),
    (0xa840, 0xa873),
    (0xa882, 0xa8b3),
    (0xa8f2, 0xa8f7),
    (0xa8fb, 0xa8fb),
    (0xa8fd, 0xa8fe),
    (0xa90a, 0xa925),
    (0xa930, 0xa946),
    (0xa960, 0xa97c),
    (0xa984, 0xa9b2),
    (0xa9cf, 0xa9cf),
    (0xa9e0, 0xa9e4),
    (0xa9e6, 0xa9ef),
    (0xa9fa, 0xa9fe),
    (0xaa00, 0xaa28),
    (0xaa40, 0xaa42),
    (0xaa44, 0xaa4b),
    (0xaa60, 0xaa76),
    (0xaa7a, 0xaa7a),
    (0xaa7e, 0xaaaf),
    (0xaab1, 0xaab1),
    (0xaab5, 0xaab6),
    (0xaab9, 0xaabd),
    (0xaac0, 0xaac0),
    (0xaac2, 0xaac2),
    (0xaadb, 0xaadd),
    (0xaae0, 0xaaea),
    (0xaaf2, 0xaaf4),
    (0xab01, 0xab06),
    (0xab09, 0xab0e),
    (0xab11, 0xab16),
    (0xab20, 0xab26),
    (0xab28, 0xab2e),
    (0xab30, 0xab5a),
    (0xab5c, 0xab69),
    (0xab70, 0xabe2),
    (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6),
    (0xd7cb, 0xd7fb),
    (0xf900, 0xfa6d),
    (0xfa70, 0xfad9),
    (0xfb00, 0xfb06),
    (0xfb13, 0xfb17),
    (0xfb1d, 0xfb1d),
    (0xfb1f, 0xfb28),
    (0xfb2a, 0xfb36),
    (0xfb38, 0xfb3c),
    (0xfb3e, 0xfb3e),
    (0xfb40, 0xfb41),
    (0xfb43, 0xfb44),
    (0xfb46, 0xfbb1),
    (0xfbd3, 0xfd3d),
    (0xfd50, 0xfd8f),
    (0xfd92, 0xfdc7),
    (0xfdf0, 0xfdfb),
    (0xfe70, 0xfe74),
    (0xfe76, 0xfefc),
    (0xff21, 0xff3a),
    (0xff41, 0xff5a),
    (0xff66, 0xffbe),
    (0xffc2, 0xffc7),
    (0xffca, 0xffcf),
    (0xffd2, 0xffd7),
    (0xffda, 0xffdc),
    (0x10000, 0x1000b),
    (0x1000d, 0x10026),
    (0x10028, 0x1003a),
    (0x1003c, 0x1003d),
    (0x1003f, 0x1004d),
    (0x10050, 0x1005d),
    (0x10080, 0x100fa),
    (0x10280, 0x1029c),
    (0x102a0, 0x102d0),
    (0x10300, 0x1031f),
    (0x1032d, 0x10340),
    (0x10342, 0x10349),
    (0x10350, 0x10375),
    (0x10380, 0x1039d),
    (0x103a0, 0x103c3),
    (0x103c8, 0x103cf),
    (0x10400, 0x1049d),
    (0x104b0, 0x104d3),
    (0x104d8, 0x104fb),
    (0x10500, 0x10527),
    (0x10530, 0x10563),
    (0x10570, 0x1057a),
    (0x1057c, 0x1058a),
    (0x1058c, 0x10592),
    (0x10594, 0x10595),
    (0x10597, 0x105a1),
    (0x105a3, 0x105b1),
    (0x105b3, 0x105b9),
    (0x105bb, 0x105bc),
    (0x10600, 0x10736),
    (0x10740, 0x10755),
    (0x10760, 0x10767),
    (0x10780, 0x10785),
    (0x10787, 0x107b0),
    (0x107b2, 0x107ba),
    (0x10800, 0x10805),
    (0x10808, 0x10808),
    (0x1080a, 0x10835),
    (0x10837, 0x10838),
    (0x1083c, 0x1083c),
    (0x1083f, 0x10855),
    (0x10860, 0x10876),
    (0x10880, 0x1089e),
    (0x108e0, 0x108f2),
    (0x108f4, 0x108f5),
    (0x10900, 0x10915),
    (0x10920, 0x10939),
    (0x10980, 0x109b7),
    (0x109be, 0x109bf),
    (0x10a00, 0x10a00),
    (0x10a10, 0x10a13),
    (0x10a15, 0x10a17),
    (0x10a19, 0x10a35),
    (0x10a60, 0x10a7c),
    (0x10a80, 0x10a9c),
    (0x10ac0, 0x10ac7),
    (0x10ac9, 0x10ae4),
    (0x10b00, 0x10b35),
    (0x10b40, 0x10b55),
    (0x10b60, 0x10b72),
    (0x10b80, 0x10b91),
    (0x10c00, 0x10c48),
    (0x10c80, 0x10cb2),
    (0x10cc0, 0x10cf2),
    (0x10d00, 0x10d23),
    (0x10e80, 0x10ea9),
    (0x10eb0, 0x10eb1),
    (0x10f00, 0x10f1c),
    (0x10f27, 0x10f27),
    (0x10f30, 0x10f45),
    (0x10f70, 0x10f81),
    (0x10fb0, 0x10fc4),
    (0x10fe0, 0x10ff6),
    (0x11003, 0x11037),
    (0x11071, 0x11072),
    (0x11075, 0x11075),
    (0x11083, 0x110af),
    (0x110d0, 0x110e8),
    (0x11103, 0x11126),
    (0x11144, 0x11144),
    (0x11147, 0x11147),
    (0x11150, 0x11172),
    (0x11176, 0x11176),
    (0x11183, 0x111b2),
    (0x111c1, 0x111c4),
    (0x111da, 0x111da),
    (0x111dc, 0x111dc),
    (0x11200, 0x11211),
    (0x11213, 0x1122b),
    (0x11280, 0x11286),
    (0x11288, 0x11288),
    (0x1128a, 0x1128d),
    (0x1128f, 0x1129d),
    (0x1129f, 0x112a8),
    (0x112b0, 0x112de),
    (0x11305, 0x1130c),
    (0x1130f, 0x11310),
    (0x11313, 0x11328),
    (0x1132a, 0x11330),
    (0x11332, 0x11333),
    (0x11335, 0x11339),
    (0x1133d, 0x1133d),
    (0x11350, 0x11350),
    (0x1135d, 0x11361),
    (0x11400, 0x11434),
    (0x11447, 0x1144a),
    (0x1145f, 0x11461),
    (0x11480, 0x114af),
    (0x114c4, 0x114c5),
    (0x114c7, 0x114c7),
    (0x11580, 0x115ae),
    (0x115d8, 0x115db),
    (0x11600, 0x1162f),
    (0x11644, 0x11644),
    (0x11680, 0x116aa),
    (0x116b8, 0x116b8),
    (0x11700, 0x1171a),
    (0x11740, 0x11746),
    (0x11800, 0x1182b),
    (0x118a0, 0x118df),
    (0x118ff, 0x11906),
    (0x11909, 0x11909),
    (0x1190c, 0x11913),
    (0x11915, 0x11916),
    (0x11918, 0x1192f),
    (0x1193f, 0x1193f),
    (0x11941, 0x11941),
    (0x119a0, 0x119a7),
    (0x119aa, 0x119d0),
    (0x119e1, 0x119e1),
    (0x119e3, 0x119e3),
    (0x11a00, 0x11a00),
    (0x11a0b, 0x11a32),
    (0x11a3a, 0x11a3a),
    (0x11a50, 0x11a50),
    (0x11a5c, 0x11a89),
    (0x11a9d, 0x11a9d),
    (0x11ab0, 0x11af8),
    (0x11c00, 0x11c08),
    (0x11c0a, 0x11c2e),
    (0x11c40, 0x11c40),
    (0x11c72, 0x11c8f),
    (0x11d00, 0x11d06),
    (0x11d08, 0x11d09),
    (0x11d0b, 0x11d30),
    (0x11d46, 0x11d46),
    (0x11d60, 0x11d65),
    (0x11d67, 0x11d68),
    (0x11d6a, 0x11d89),
    (0x11d98, 0x11d98),
    (0x11ee0, 0x11ef2),
    (0x11fb0, 0x11fb0),
    (0x12000, 0x12399),
    (0x12480, 0x12543),
    (0x12f90, 0x12ff0),
    (0x13000, 0x1342e),
    (0x14400, 0x14646),
    (0x16800, 0x16a38),
    (0x16a40, 0x16a5e),
    (0x16a70, 0x16abe),
    (0x16ad0, 0x16aed),
    (0x16b00, 0x16b2f),
    (0x16b40, 0x16b43),
    (0x16b63, 0x16b77),
    (0x16b7d, 0x16b8f),
    (0x16e40, 0x16e7f),
    (0x16f00, 0x16f4a),
    (0x16f50, 0x16f50),
    (0x16f93, 0x16f9f),
    (0x16fe0, 0x16fe1),
    (0x16fe3, 0x16fe3),
    (0x17000, 0x187f7),
    (0x18800, 0x18cd5),
    (0x18d00, 0x18d08),
    (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb),
    (0x1affd, 0x1affe),
    (0x1b000, 0x1b122),
    (0x1b150, 0x1b152),
    (0x1b164, 0x1b167),
    (0x1b170, 0x1b2fb),
    (0x1bc00, 0x1bc6a),
    (0x1bc70, 0x1bc7c),
    (0x1bc80, 0x1bc88),
    (0x1bc90, 0x1bc99),
    (0x1d400, 0x1d454),
    (0x1d456, 0x1d49c),
    (0x1d49e, 0x1d49f),
    (0x1d4a2, 0x1d4a2),
    (0x1d4a5, 0x1d4a6),
    (0x1d4a9, 0x1d4ac),
    (0x1d4ae, 0x1d4b9),
    (0x1d4bb, 0x1d4bb),
    (0x1d4bd, 0x1d4c3),
    (0x1d4c5, 0x1d505),
    (0x1d507, 0x1d50a),
    (0x1d50d, 0x1d514),
    (0x1d516, 0x1d51c),
    (0x1d51e, 0x1d539),
    (0x1d53b, 0x1d53e),
    (0x1d540, 0x1d544),
    (0x1d546, 0x1d546),
    (0x1d54a, 0x1d550),
    (0x1d552, 0x1d6a5),
    (0x1d6a8, 0x1d6c0),
    (0x1d6c2, 0x1d6da),
    (0x1d6dc, 0x1d6fa),
    (0x1d6fc, 0x1d714),
    (0x1d716, 0x1d734),
    (0x1d736, 0x1d74e),
    (0x1d750, 0x1d76e),
    (0x1d770, 0x1d788),
    (0x1d78a, 0x1d7a8),
    (0x1d7aa, 0x1d7c2),
    (0x1d7c4, 0x1d7cb),
    (0x1df00, 0x1df1e),
    (0x1e100, 0x1e12c),
    (0x1e137, 0x1e13d),
    (0x1e14e, 0x1e14e),
    (0x1e290, 0x1e2ad),
    (0x1e2c0, 0x1e2eb),
    (0x1e7e0, 0x1e7e6),
    (0x1e7e8, 0x1e7eb),
    (0x1e7ed, 0x1e7ee),
    (0x1e7f0, 0x1e7fe),
    (0x1e800, 0x1e8c4),
    (0x1e900, 0x1e943),
    (0x1e94b, 0x1e94b),
    (0x1ee00, 0x1ee03),
    (0x1ee05, 0x1ee1f),
    (0x1ee21, 0x1ee22),
    (0x1ee24, 0x1ee24),
    (0x1ee27, 0x1ee27),
    (0x1ee29, 0x1ee32),
    (0x1ee34, 0x1ee37),
    (0x1ee39, 0x1ee39),
    (0x1ee3b, 0x1ee3b),
    (0x1ee42, 0x1ee42),
    (0x1ee47, 0x1ee47),
    (0x1ee49, 0x1ee49),
    (0x1ee4b, 0x1ee4b),
    (0x1ee4d, 0x1ee4f),
    (0x1ee51, 0x1ee52),
    (0x1ee54, 0x1ee54),
    (0x1ee57, 0x1ee57),
    (0x1ee59, 0x1ee59),
    (0x1ee5b, 0x1ee5b),
    (0x1ee5d, 0x1ee5d),
    (0x1ee5f, 0x1ee5f),
    (0x1ee61, 0x1ee62),
    (0x1ee64, 0x1ee64),
    (0x1ee67, 0x1ee6a),
    (0x1ee6c, 0x1ee72),
    (0x1ee74, 0x1ee77),
    (0x1ee79, 0x1ee7c),
    (0x1ee7e, 0x1ee7e),
    (0x1ee80, 0x1ee89),
    (0x1ee8b, 0x1ee9b),
    (0x1eea1, 0x1eea3),
    (0x1eea5, 0x1eea9),
    (0x1eeab, 0x1eebb),
    (0x20000, 0x2a6df),
    (0x2a700, 0x2b738),
    (0x2b740, 0x2b81d),
    (0x2b820, 0x2cea1),
    (0x2ceb0, 0x2ebe0),
    (0x2f800, 0x2fa1d),
    (0x30000, 0x3134a),
];

static DIGIT: [(u32, u32); 81] = [
    (0x30, 0x39),
    (0xb2, 0xb3),
    (0xb9, 0xb9),
    (0x660, 0x669),
    (0x6f0, 0x6f9),
    (0x7c0, 0x7c9),
    (0x966, 0x96f),
    (0x9e6, 0x9ef),
    (0xa66, 0xa6f),
    (0xae6, 0xaef),
    (0xb66, 0xb6f),
    (0xbe6, 0xbef),
    (0xc66, 0xc6f),
    (0xce6, 0xcef),
    (0xd66, 0xd6f),
    (0xde6, 0xdef),
    (0xe50, 0xe59),
    (0xed0, 0xed9),
    (0xf20, 0xf29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x1369, 0x1371),
    (0x17e0, 0x17e9),
    (0x1810, 0x1819),
    (0x1946, 0x194f),
    (0x19d0, 0x19da),
    (0x1a80, 0x1a89),
    (0x1a90, 0x1a99),
    (0x1b50, 0x1b59),
    (0x1bb0, 0x1bb9),
    (0x1c40, 0x1c49),
    (0x1c50, 0x1c59),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247c),
    (0x2488, 0x2490),
    (0x24ea, 0x24ea),
    (0x24f5, 0x24fd),
    (0x24ff, 0x24ff),
    (0x2776, 0x277e),
    (0x2780, 0x2788),
    (0x278a, 0x2792),
    (0xa620, 0xa629),
    (0xa8d0, 0xa8d9),
    (0xa900, 0xa909),
    (0xa9d0, 0xa9d9),
    (0xa9f0, 0xa9f9),
    (0xaa50, 0xaa59),
    (0xabf0, 0xabf9),
    (0xff10, 0xff19),
    (0x104a0, 0x104a9),
    (0x10a40, 0x10a43),
    (0x10d30, 0x10d39),
    (0x10e60, 0x10e68),
    (0x11052, 0x1105a),
    (0x11066, 0x1106f),
    (0x110f0, 0x110f9),
    (0x11136, 0x1113f),
    (0x111d0, 0x111d9),
    (0x112f0, 0x112f9),
    (0x11450, 0x11459),
    (0x114d0, 0x114d9),
    (0x11650, 0x11659),
    (0x116c0, 0x116c9),
    (0x11730, 0x11739),
    (0x118e0, 0x118e9),
    (0x11950, 0x11959),
    (0x11c50, 0x11c59),
    (0x11d50, 0x11d59),
    (0x11da0, 0x11da9),
    (0x16a60, 0x16a69),
    (0x16ac0, 0x16ac9),
    (0x16b50, 0x16b59),
    (0x1d7ce, 0x1d7ff),
    (0x1e140, 0x1e149),
    (0x1e2f0, 0x1e2f9),
    (0x1e950, 0x1e959),
    (0x1f100, 0x1f10a),
    (0x1fbf0, 0x1fbf9),
];

static NUMERIC: [(u32, u32); 206] = [
    (0x30, 0x39),
    (0xb2, 0xb3),
    (0xb9, 0xb9),
    (0xbc, 0xbe),
    (0x660, 0x669),
    (0x6f0, 0x6f9),
    (0x7c0, 0x7c9),
    (0x966, 0x96f),
    (0x9e6, 0x9ef),
    (0x9f4, 0x9f9),
    (0xa66, 0xa6f),
    (0xae6, 0xaef),
    (0xb66, 0xb6f),
    (0xb72, 0xb77),
    (0xbe6, 0xbf2),
    (0xc66, 0xc6f),
    (0xc78, 0xc7e),
    (0xce6, 0xcef),
    (0xd58, 0xd5e),
    (0xd66, 0xd78),
    (0xde6, 0xdef),
    (0xe50, 0xe59),
    (0xed0, 0xed9),
    (0xf20, 0xf33),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x1369, 0x137c),
    (0x16ee, 0x16f0),
    (0x17e0, 0x17e9),
    (0x17f0, 0x17f9),
    (0x1810, 0x1819),
    (0x1946, 0x194f),
    (0x19d0, 0x19da),
    (0x1a80, 0x1a89),
    (0x1a90, 0x1a99),
    (0x1b50, 0x1b59),
    (0x1bb0, 0x1bb9),
    (0x1c40, 0x1c49),
    (0x1c50, 0x1c59),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2150, 0x2182),
    (0x2185, 0x2189),
    (0x2460, 0x249b),
    (0x24ea, 0x24ff),
    (0x2776, 0x2793),
    (0x2cfd, 0x2cfd),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303a),
    (0x3192, 0x3195),
    (0x3220, 0x3229),
    (0x3248, 0x324f),
    (0x3251, 0x325f),
    (0x3280, 0x3289),
    (0x32b1, 0x32bf),
    (0x3405, 0x3405),
    (0x3483, 0x3483),
    (0x382a, 0x382a),
    (0x3b4d, 0x3b4d),
    (0x4e00, 0x4e00),
    (0x4e03, 0x4e03),
    (0x4e07, 0x4e07),
    (0x4e09, 0x4e09),
    (0x4e5d, 0x4e5d),
    (0x4e8c, 0x4e8c),
    (0x4e94, 0x4e94),
    (0x4e96, 0x4e96),
    (0x4ebf, 0x4ec0),
    (0x4edf, 0x4edf),
    (0x4ee8, 0x4ee8),
    (0x4f0d, 0x4f0d),
    (0x4f70, 0x4f70),
    (0x5104, 0x5104),
    (0x5146, 0x5146),
    (0x5169, 0x5169),
    (0x516b, 0x516b),
    (0x516d, 0x516d),
    (0x5341, 0x5341),
    (0x5343, 0x5345),
    (0x534c, 0x534c),
    (0x53c1, 0x53c4),
    (0x56db, 0x56db),
    (0x58f1, 0x58f1),
    (0x58f9, 0x58f9),
    (0x5e7a, 0x5e7a),
    (0x5efe, 0x5eff),
    (0x5f0c, 0x5f0e),
    (0x5f10, 0x5f10),
    (0x62fe, 0x62fe),
    (0x634c, 0x634c),
    (0x67d2, 0x67d2),
    (0x6f06, 0x6f06),
    (0x7396, 0x7396),
    (0x767e, 0x767e),
    (0x8086, 0x8086),
    (0x842c, 0x842c),
    (0x8cae, 0x8cae),
    (0x8cb3, 0x8cb3),
    (0x8d30, 0x8d30),
    (0x9621, 0x9621),
    (0x9646, 0x9646),
    (0x964c, 0x964c),
    (0x9678, 0x9678),
    (0x96f6, 0x96f6),
    (0xa620, 0xa629),
    (0xa6e6, 0xa6ef),
    (0xa830, 0xa835),
    (0xa8d0, 0xa8d9),
    (0xa900, 0xa909),
    (0xa9d0, 0xa9d9),
    (0xa9f0, 0xa9f9),
    (0xaa50, 0xaa59),
    (0xabf0, 0xabf9),
    (0xf96b, 0xf96b),
    (0xf973, 0xf973),
    (0xf978, 0xf978),
    (0xf9b2, 0xf9b2),
    (0xf9d1, 0xf9d1),
    (0xf9d3, 0xf9d3),
    (0xf9fd, 0xf9fd),
    (0xff10, 0xff19),
    (0x10107, 0x10133),
    (0x10140, 0x10178),
    (0x1018a, 0x1018b),
    (0x102e1, 0x102fb),
    (0x10320, 0x10323),
    (0x10341, 0x10341),
    (0x1034a, 0x1034a),
    (0x103d1, 0x103d5),
    (0x104a0, 0x104a9),
    (0x10858, 0x1085f),
    (0x10879, 0x1087f),
    (0x108a7, 0x108af),
    (0x108fb, 0x108ff),
    (0x10916, 0x1091b),
    (0x109bc, 0x109bd),
    (0x109c0, 0x109cf),
    (0x109d2, 0x109ff),
    (0x10a40, 0x10a48),
    (0x10a7d, 0x10a7e),
    (0x10a9d, 0x10a9f),
    (0x10aeb, 0x10aef),
    (0x10b58, 0x10b5f),
    (0x10b78, 0x10b7f),
    (0x10ba9, 0x10baf),
    (0x10cfa, 0x10cff),
    (0x10d30, 0x10d39),
    (0x10e60, 0x10e7e),
    (0x10f1d, 0x10f26),
    (0x10f51, 0x10f54),
    (0x10fc5, 0x10fcb),
    (0x11052, 0x1106f),
    (0x110f0, 0x110f9),
    (0x11136, 0x1113f),
    (0x111d0, 0x111d9),
    (0x111e1, 0x111f4),
    (0x112f0, 0x112f9),
    (0x11450, 0x11459),
    (0x114d0, 0x114d9),
    (0x11650, 0x11659),
    (0x116c0, 0x116c9),
    (0x11730, 0x1173b),
    (0x118e0, 0x118f2),
    (0x11950, 0x11959),
    (0x11c50, 0x11c6c),
    (0x11d50, 0x11d59),
    (0x11da0, 0x11da9),
    (0x11fc0, 0x11fd4),
    (0x12400, 0x1246e),
    (0x16a60, 0x16a69),
    (0x16ac0, 0x16ac9),
    (0x16b50, 0x16b59),
    (0x16b5b, 0x16b61),
    (0x16e80, 0x16e96),
    (0x1d2e0, 0x1d2f3),
    (0x1d360, 0x1d378),
    (0x1d7ce, 0x1d7ff),
    (0x1e140, 0x1e149),
    (0x1e2f0, 0x1e2f9),
    (0x1e8c7, 0x1e8cf),
    (0x1e950, 0x1e959),
    (0x1ec71, 0x1ecab),
    (0x1ecad, 0x1ecaf),
    (0x1ecb1, 0x1ecb4),
    (0x1ed01, 0x1ed2d),
    (0x1ed2f, 0x1ed3d),
    (0x1f100, 0x1f10c),
    (0x1fbf0, 0x1fbf9),
    (0x20001, 0x20001),
    (0x20064, 0x20064),
    (0x200e2, 0x200e2),
    (0x20121, 0x20121),
    (0x2092a, 0x2092a),
    (0x20983, 0x20983),
    (0x2098c, 0x2098c),
    (0x2099c, 0x2099c),
    (0x20aea, 0x20aea),
    (0x20afd, 0x20afd),
    (0x20b19, 0x20b19),
    (0x22390, 0x22390),
    (0x22998, 0x22998),
    (0x23b1b, 0x23b1b),
    (0x2626d, 0x2626d),
    (0x2f890, 0x2f890),
];

static ID_START: [(u32, u32); 656] = [
    (0x41, 0x5a),
    (0x5f, 0x5f),
    (0x61, 0x7a),
    (0xaa, 0xaa),
    (0xb5, 0xb5),
    (0xba, 0xba),
    (0xc0, 0xd6),
    (0xd8, 0xf6),
    (0xf8, 0x2c1),
    (0x2c6, 0x2d1),
    (0x2e0, 0x2e4),
    (0x2ec, 0x2ec),
    (0x2ee, 0x2ee),
    (0x370, 0x374),
    (0x376, 0x377),
    (0x37b, 0x37d),
    (0x37f, 0x37f),
    (0x386, 0x386),
    (0x388, 0x38a),
    (0x38c, 0x38c),
    (0x38e, 0x3a1),
    (0x3a3, 0x3f5),
    (0x3f7, 0x481),
    (0x48a, 0x52f),
    (0x531, 0x556),
    (0x559, 0x559),
    (0x560, 0x588),
    (0x5d0, 0x5ea),
    (0x5ef, 0x5f2),
    (0x620, 0x64a),
    (0x66e, 0x66f),
    (0x671, 0x6d3),
    (0x6d5, 0x6d5),
    (0x6e5, 0x6e6),
    (0x6ee, 0x6ef),
    (0x6fa, 0x6fc),
    (0x6ff, 0x6ff),
    (0x710, 0x710),
    (0x712, 0x72f),
    (0x74d, 0x7a5),
    (0x7b1, 0x7b1),
    (0x7ca, 0x7ea),
    (0x7f4, 0x7f5),
    (0x7fa, 0x7fa),
    (0x800, 0x815),
    (0x81a, 0x81a),
    (0x824, 0x824),
    (0x828, 0x828),
    (0x840, 0x858),
    (0x860, 0x86a),
    (0x870, 0x887),
    (0x889, 0x88e),
    (0x8a0, 0x8c9),
    (0x904, 0x939),
    (0x93d, 0x93d),
    (0x950, 0x950),
    (0x958, 0x961),
    (0x971, 0x980),
    (0x985, 0x98c),
    (0x98f, 0x990),
    (0x993, 0x9a8),
    (0x9aa, 0x9b0),
    (0x9b2, 0x9b2),
    (0x9b6, 0x9b9),
    (0x9bd, 0x9bd),
    (0x9ce, 0x9ce),
    (0x9dc, 0x9dd),
    (0x9df, 0x9e1),
    (0x9f0, 0x9f1),
    (0x9fc, 0x9fc),
    (0xa05, 0xa0a),
    (0xa0f, 0xa10),
    (0xa13, 0xa28),
    (0xa2a, 0xa30),
    (0xa32, 0xa33),
    (0xa35, 0xa36),
    (0xa38, 0xa39),
    (0xa59, 0xa5c),
    (0xa5e, 0xa5e),
    (0xa72, 0xa74),
    (0xa85, 0xa8d),
    (0xa8f, 0xa91),
    (0xa93, 0xaa8),
    (0xaaa, 0xab0),
    (0xab2, 0xab3),
    (0xab5, 0xab9),
    (0xabd, 0xabd),
    (0xad0, 0xad0),
    (0xae0, 0xae1),
    (0xaf9, 0xaf9),
    (0xb05, 0xb0c),
    (0xb0f, 0xb10),
    (0xb13, 0xb28),
    (0xb2a, 0xb30),
    (0xb32, 0xb33),
    (0xb35, 0xb39),
    (0xb3d, 0xb3d),
    (0xb5c, 0xb5d),
    (0xb5f, 0xb61),
    (0xb71, 0xb71),
    (0xb83, 0xb83),
    (0xb85, 0xb8a),
    (0xb8e, 0xb90),
    (0xb92, 0xb95),
    (0xb99, 0xb9a),
    (0xb9c, 0xb9c),
    (0xb9e, 0xb9f),
    (0xba3, 0xba4),
    (0xba8, 0xbaa),
    (0xbae, 0xbb9),
    (0xbd0, 0xbd0),
    (0xc05, 0xc0c),
    (0xc0e, 0xc10),
    (0xc12, 0xc28),
    (0xc2a, 0xc39),
    (0xc3d, 0xc3d),
    (0xc58, 0xc5a),
    (0xc5d, 0xc5d),
    (0xc60, 0xc61),
    (0xc80, 0xc80),
    (0xc85, 0xc8c),
    (0xc8e, 0xc90),
    (0xc92, 0xca8),
    (0xcaa, 0xcb3),
    (0xcb5, 0xcb9),
    (0xcbd, 0xcbd),
    (0xcdd, 0xcde),
    (0xce0, 0xce1),
    (0xcf1, 0xcf2),
    (0xd04, 0xd0c),
    (0xd0e, 0xd10),
    (0xd12, 0xd3a),
    (0xd3d, 0xd3d),
    (0xd4e, 0xd4e),
    (0xd54, 0xd56),
    (0xd5f, 0xd61),
    (0xd7a, 0xd7f),
    (0xd85, 0xd96),
    (0xd9a, 0xdb1),
    (0xdb3, 0xdbb),
    (0xdbd, 0xdbd),
    (0xdc0, 0xdc6),
    (0xe01, 0xe30),
    (0xe32, 0xe32),
    (0xe40, 0xe46),
    (0xe81, 0xe82),
    (0xe84, 0xe84),
    (0xe86, 0xe8a),
    (0xe8c, 0xea3),
    (0xea5, 0xea5),
    (0xea7, 0xeb0),
    (0xeb2, 0xeb2),
    (0xebd, 0xebd),
    (0xec0, 0xec4),
    (0xec6, 0xec6),
    (0xedc, 0xedf),
    (0xf00, 0xf00),
    (0xf40, 0xf47),
    (0xf49, 0xf6c),
    (0xf88, 0xf8c),
    (0x1000, 0x102a),
    (0x103f, 0x103f),
    (0x1050, 0x1055),
    (0x105a, 0x105d),
    (0x1061, 0x1061),
    (0x1065, 0x1066),
    (0x106e, 0x1070),
    (0x1075, 0x1081),
    (0x108e, 0x108e),
    (0x10a0, 0x10c5),
    (0x10c7, 0x10c7),
    (0x10cd, 0x10cd),
    (0x10d0, 0x10fa),
    (0x10fc, 0x1248),
    (0x124a, 0x124d),
    (0x1250, 0x1256),
    (0x1258, 0x1258),
    (0x125a, 0x125d),
    (0x1260, 0x1288),
    (0x128a, 0x128d),
    (0x1290, 0x12b0),
    (0x12b2, 0x12b5),
    (0x12b8, 0x12be),
    (0x12c0, 0x12c0),
    (0x12c2, 0x12c5),
    (0x12c8, 0x12d6),
    (0x12d8, 0x1310),
    (0x1312, 0x1315),
    (0x1318, 0x135a),
    (0x1380, 0x138f),
    (0x13a0, 0x13f5),
    (0x13f8, 0x13fd),
    (0x1401, 0x166c),
    (0x166f, 0x167f),
    (0x1681, 0x169a),
    (0x16a0, 0x16ea),
    (0x16ee, 0x16f8),
    (0x1700, 0x1711),
    (0x171f, 0x1731),
    (0x1740, 0x1751),
    (0x1760, 0x176c),
    (0x176e, 0x1770),
    (0x1780, 0x17b3),
    (0x17d7, 0x17d7),
    (0x17dc, 0x17dc),
    (0x1820, 0x1878),
    (0x1880, 0x18a8),
    (0x18aa, 0x18aa),
    (0x18b0, 0x18f5),
    (0x1900, 0x191e),
    (0x1950, 0x196d),
    (0x1970, 0x1974),
    (0x1980, 0x19ab),
    (0x19b0, 0x19c9),
    (0x1a00, 0x1a16),
    (0x1a20, 0x1a54),
    (0x1aa7, 0x1aa7),
    (0x1b05, 0x1b33),
    (0x1b45, 0x1b4c),
    (0x1b83, 0x1ba0),
    (0x1bae, 0x1baf),
    (0x1bba, 0x1be5),
    (0x1c00, 0x1c23),
    (0x1c4d, 0x1c4f),
    (0x1c5a, 0x1c7d),
    (0x1c80, 0x1c88),
    (0x1c90, 0x1cba),
    (0x1cbd, 0x1cbf),
    (0x1ce9, 0x1cec),
    (0x1cee, 0x1cf3),
    (0x1cf5, 0x1cf6),
    (0x1cfa, 0x1cfa),
    (0x1d00, 0x1dbf),
    (0x1e00, 0x1f15),
    (0x1f18, 0x1f1d),
    (0x1f20, 0x1f45),
    (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57),
    (0x1f59, 0x1f59),
    (0x1f5b, 0x1f5b),
    (0x1f5d, 0x1f5d),
    (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fbc),
    (0x1fbe, 0x1fbe),
    (0x1fc2, 0x1fc4),
    (0x1fc6, 0x1fcc),
    (0x1fd0, 0x1fd3),
    (0x1fd6, 0x1fdb),
    (0x1fe0, 0x1fec),
    (0x1ff2, 0x1ff4),
    (0x1ff6, 0x1ffc),
    (0x2071, 0x2071),
    (0x207f, 0x207f),
    (0x2090, 0x209c),
    (0x2102, 0x2102),
    (0x2107, 0x2107),
    (0x210a, 0x2113),
    (0x2115, 0x2115),
    (0x2118, 0x211d),
    (0x2124, 0x2124),
    (0x2126, 0x2126),
    (0x2128, 0x2128),
    (0x212a, 0x2139),
    (0x213c, 0x213f),
    (0x2145, 0x2149),
    (0x214e, 0x214e),
    (0x2160, 0x2188),
    (0x2c00, 0x2ce4),
    (0x2ceb, 0x2cee),
    (0x2cf2, 0x2cf3),
    (0x2d00, 0x2d25),
    (0x2d27, 0x2d27),
    (0x2d2d, 0x2d2d),
    (0x2d30, 0x2d67),
    (0x2d6f, 0x2d6f),
    (0x2d80, 0x2d96),
    (0x2da0, 0x2da6),
    (0x2da8, 0x2dae),
    (0x2db0, 0x2db6),
    (0x2db8, 0x2dbe),
    (0x2dc0, 0x2dc6),
    (0x2dc8, 0x2dce),
    (0x2dd0, 0x2dd6),
    (0x2dd8, 0x2dde),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3031, 0x3035),
    (0x3038, 0x303c),
    (0x3041, 0x3096),
    (0x309d, 0x309f),
    (0x30a1, 0x30fa),
    (0x30fc, 0x30ff),
    (0x3105, 0x312f),
    (0x3131, 0x318e),
    (0x31a0, 0x31bf),
    (0x31f0, 0x31ff),
    (0x3400, 0x4dbf),
    (0x4e00, 0xa48c),
    (0xa4d0, 0xa4fd),
    (0xa500, 0xa60c),
    (0xa610, 0xa61f),
    (0xa62a, 0xa62b),
    (0xa640, 0xa66e),
    (0xa67f, 0xa69d),
    (0xa6a0, 0xa6ef),
    (0xa717, 0xa71f),
    (0xa722, 0xa788),
    (0xa78b, 0xa7ca),
    (0xa7d0, 0xa7d1),
    (0xa7d3, 0xa7d3),
    (0xa7d5, 0xa7d9),
    (0xa7f2, 0xa801),
    (0xa803, 0xa805),
    (0xa807, 0xa80a),
    (0xa80c, 0xa822),
    (0xa840, 0xa873),
    (0xa882, 0xa8b3),
    (0xa8f2, 0xa8f7),
    (0xa8fb, 0xa8fb),
    (0xa8fd, 0xa8fe),
    (0xa90a, 0xa925),
    (0xa930, 0xa946),
    (0xa960, 0xa97c),
    (0xa984, 0xa9b2),
    (0xa9cf, 0xa9cf),
    (0xa9e0, 0xa9e4),
    (0xa9e6, 0xa9ef),
    (0xa9fa, 0xa9fe),
    (0xaa00, 0xaa28),
    (0xaa40, 0xaa42),
    (0xaa44, 0xaa4b),
    (0xaa60, 0xaa76),
    (0xaa7a, 0xaa7a),
    (0xaa7e, 0xaaaf),
    (0xaab1, 0xaab1),
    (0xaab5, 0xaab6),
    (0xaab9, 0xaabd),
    (0xaac0, 0xaac0),
    (0xaac2, 0xaac2),
    (0xaadb, 0xaadd),
    (0xaae0, 0xaaea),
    (0xaaf2, 0xaaf4),
    (0xab01, 0xab06),
    (0xab09, 0xab0e),
    (0xab11, 0xab16),
    (0xab20, 0xab26),
    (0xab28, 0xab2e),
    (0xab30, 0xab5a),
    (0xab5c, 0xab69),
    (0xab70, 0xabe2),
    (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6),
    (0xd7cb, 0xd7fb),
    (0xf900, 0xfa6d),
    (0xfa70, 0xfad9),
    (0xfb00, 0xfb06),
    (0xfb13, 0xfb17),
    (0xfb1d, 0xfb1d),
    (0xfb1f, 0xfb28),
    (0xfb2a, 0xfb36),
    (0xfb38, 0xfb3c),
    (0xfb3e, 0xfb3e),
    (0xfb40, 0xfb41),
    (0xfb43, 0xfb44),
    (0xfb46, 0xfbb1),
    (0xfbd3, 0xfc5d),
    (0xfc64, 0xfd3d),
    (0xfd50, 0xfd8f),
    (0xfd92, 0xfdc7),
    (0xfdf0, 0xfdf9),
    (0xfe71, 0xfe71),
    (0xfe73, 0xfe73),
    (0xfe77, 0xfe77),
    (0xfe79, 0xfe79),
    (0xfe7b, 0xfe7b),
    (0xfe7d, 0xfe7d),
    (0xfe7f, 0xfefc),
    (0xff21, 0xff3a),
    (0xff41, 0xff5a),
    (0xff66, 0xff9d),
    (0xffa0, 0xffbe),
    (0xffc2, 0xffc7),
    (0xffca, 0xffcf),
    (0xffd2, 0xffd7),
    (0xffda, 0xffdc),
    (0x10000, 0x1000b),
    (0x1000d, 0x10026),
    (0x10028, 0x1003a),
    (0x1003c, 0x1003d),
    (0x1003f, 0x1004d),
    (0x10050, 0x1005d),
    (0x10080, 0x100fa),
    (0x10140, 0x10174),
    (0x10280, 0x1029c),
    (0x102a0, 0x102d0),
    (0x10300, 0x1031f),
    (0x1032d, 0x1034a),
    (0x10350, 0x10375),
    (0x10380, 0x1039d),
    (0x103a0, 0x103c3),
    (0x103c8, 0x103cf),
    (0x103d1, 0x103d5),
    (0x10400, 0x1049d),
    (0x104b0, 0x104d3),
    (0x104d8, 0x104fb),
    (0x10500, 0x10527),
    (0x10530, 0x10563),
    (0x10570, 0x1057a),
    (0x1057c, 0x1058a),
    (0x1058c, 0x10592),
    (0x10594, 0x10595),
    (0x10597, 0x105a1),
    (0x105a3, 0x105b1),
    (0x105b3, 0x105b9),
    (0x105bb, 0x105bc),
    (0x10600, 0x10736),
    (0x10740, 0x10755),
    (0x10760, 0x10767),
    (0x10780, 0x10785),
    (0x10787, 0x107b0),
    (0x107b2, 0x107ba),
    (0x10800, 0x10805),
    (0x10808, 0x10808),
    (0x1080a, 0x10835),
    (0x10837, 0x10838),
    (0x1083c, 0x1083c),
    (0x1083f, 0x10855),
    (0x10860, 0x10876),
    (0x10880, 0x1089e),
    (0x108e0, 0x108f2),
    (0x108f4, 0x108f5),
    (0x10900, 0x10915),
    (0x10920, 0x10939),
    (0x10980, 0x109b7),
    (0x109be, 0x109bf),
    (0x10a00, 0x10a00),
    (0x10a10, 0x10a13),
    (0x10a15, 0x10a17),
    (0x10a19, 0x10a35),
    (0x10a60, 0x10a7c),
    (0x10a80, 0x10a9c),
    (0x10ac0, 0x10ac7),
    (0x10ac9, 0x10ae4),
    (0x10b00, 0x10b35),
    (0x10b40, 0x10b55),
    (0x10b60, 0x10b72),
    (0x10b80, 0x10b91),
    (0x10c00, 0x10c48),
    (0x10c80, 0x10cb2),
    (0x10cc0, 0x10cf2),
    (0x10d00, 0x10d23),
    (0x10e80, 0x10ea9),
    (0x10eb0, 0x10eb1),
    (0x10f00, 0x10f1c),
    (0x10f27, 0x10f27),
    (0x10f30, 0x10f45),
    (0x10f70, 0x10f81),
    (0x10fb0, 0x10fc4),
    (0x10fe0, 0x10ff6),
    (0x11003, 0x11037),
    (0x11071, 0x11072),
    (0x11075, 0x11075),
    (0x11083, 0x110af),
    (0x110d0, 0x110e8),
    (0x11103, 0x11126),
    (0x11144, 0x11144),
    (0x11147, 0x11147),
    (0x11150, 0x11172),
    (0x11176, 0x11176),
    (0x11183, 0x111b2),
    (0x111c1, 0x111c4),
    (0x111da, 0x111da),
    (0x111dc, 0x111dc),
    (0x11200, 0x11211),
    (0x11213, 0x1122b),
    (0x11280, 0x11286),
    (0x11288, 0x11288),
    (0x1128a, 0x1128d),
    (0x1128f, 0x1129d),
    (0x1129f, 0x112a8),
    (0x112b0, 0x112de),
    (0x11305, 0x1130c),
    (0x1130f, 0x11310),
    (0x11313, 0x11328),
    (0x1132a, 0x11330),
    (0x11332, 0x11333),
    (0x11335, 0x11339),
    (0x1133d, 0x1133d),
    (0x11350, 0x11350),
    (0x1135d, 0x11361),
    (0x11400, 0x11434),
    (0x11447, 0x1144a),
    (0x1145f, 0x11461),
    (0x11480, 0x114af),
    (0x114c4, 0x114c5),
    (0x114c7, 0x114c7),
    (0x11580, 0x115ae),
    (0x115d8, 0x115db),
    (0x11600, 0x1162f),
    (0x11644, 0x11644),
    (0x11680, 0x116aa),
    (0x116b8, 0x116b8),
    (0x11700, 0x1171a),
    (0x11740, 0x11746),
    (0x11800, 0x1182b),
    (0x118a0, 0x118df),
    (0x118ff, 0x11906),
    (0x11909, 0x11909),
    (0x1190c, 0x11913),
    (0x11915, 0x11916),
    (0x11918, 0x1192f),
    (0x1193f, 0x1193f),
    (0x11941, 0x11941),
    (0x119a0, 0x119a7),
    (0x119aa, 0x119d0),
    (0x119e1, 0x119e1),
    (0x119e3, 0x119e3),
    (0x11a00, 0x11a00),
    (0x11a0b, 0x11a32),
    (0x11a3a, 0x11a3a),
    (0x11a50, 0x11a50),
    (0x11a5c, 0x11a89),
    (0x11a9d, 0x11a9d),
    (0x11ab0, 0x11af8),
    (0x11c00, 0x11c08),
    (0x11c0a, 0x11c2e),
    (0x11c40, 0x11c40),
    (0x11c72, 0x11c8f),
    (0x11d00, 0x11d06),
    (0x11d08, 0x11d09),
    (0x11d0b, 0x11d30),
    (0x11d46, 0x11d46),
    (0x11d60, 0x11d65),
    (0x11d67, 0x11d68),
    (0x11d6a, 0x11d89),
    (0x11d98, 0x11d98),
    (0x11ee0, 0x11ef2),
    (0x11fb0, 0x11fb0),
    (0x12000, 0x12399),
    (0x12400, 0x1246e),
    (0x12480, 0x12543),
    (0x12f90, 0x12ff0),
    (0x13000, 0x1342e),
    (0x14400, 0x14646),
    (0x16800, 0x16a38),
    (0x16a40, 0x16a5e),
    (0x16a70, 0x16abe),
    (0x16ad0, 0x16aed),
    (0x16b00, 0x16b2f),
    (0x16b40, 0x16b43),
    (0x16b63, 0x16b77),
    (0x16b7d, 0x16b8f),
    (0x16e40, 0x16e7f),
    (0x16f00, 0x16f4a),
    (0x16f50, 0x16f50),
    (0x16f93, 0x16f9f),
    (0x16fe0, 0x16fe1),
    (0x16fe3, 0x16fe3),
    (0x17000, 0x187f7),
    (0x18800, 0x18cd5),
    (0x18d00, 0x18d08),
    (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb),
    (0x1affd, 0x1affe),
    (0x1b000, 0x1b122),
    (0x1b150, 0x1b152),
    (0x1b164, 0x1b167),
    (0x1b170, 0x1b2fb),
    (0x1bc00, 0x1bc6a),
    (0x1bc70, 0x1bc7c),
    (0x1bc80, 0x1bc88),
    (0x1bc90, 0x1bc99),
    (0x1d400, 0x1d454),
    (0x1d456, 0x1d49c),
    (0x1d49e, 0x1d49f),
    (0x1d4a2, 0x1d4a2),
    (0x1d4a5, 0x1d4a6),
    (0x1d4a9, 0x1d4ac),
    (0x1d4ae, 0x1d4b9),
    (0x1d4bb, 0x1d4bb),
    (0x1d4bd, 0x1d4c3),
    (0x1d4c5, 0x1d505),
    (0x1d507, 0x1d50a),
    (0x1d50d, 0x1d514),
    (0x1d516, 0x1d51c),
    (0x1d51e, 0x1d539),
    (0x1d53b, 0x1d53e),
    (0x1d540, 0x1d544),
    (0x1d546, 0x1d546),
    (0x1d54a, 0x1d550),
    (0x1d552, 0x1d6a5),
    (0x1d6a8, 0x1d6c0),
    (0x1d6c2, 0x1d6da),
    (0x1d6dc, 0x1d6fa),
    (0x1d6fc, 0x1d714),
    (0x1d716, 0x1d734),
    (0x1d736, 0x1d74e),
    (0x1d750, 0x1d76e),
    (0x1d770, 0x1d788),
    (0x1d78a, 0x1d7a8),
    (0x1d7aa, 0x1d7c2),
    (0x1d7c4, 0x1d7cb),
    (0x1df00, 0x1df1e),
    (0x1e100, 0x1e12c),
    (0x1e137, 0x1e13d),
    (0x1e14e, 0x1e14e),
    (0x1e290, 0x1e2ad),
    (0x1e2c0, 0x1e2eb),
    (0x1e7e0, 0x1e7e6),
    (0x1e7e8, 0x1e7eb),
    (0x1e7ed, 0x1e7ee),
    (0x1e7f0, 0x1e7fe),
    (0x1e800, 0x1e8c4),
    (0x1e900, 0x1e943),
    (0x1e94b, 0x1e94b),
    (0x1ee00, 0x1ee03),
    (0x1ee05, 0x1ee1f),
    (0x1ee21, 0x1ee22),
    (0x1ee24, 0x1ee24),
    (0x1ee27, 0x1ee27),
    (0x1ee29, 0x1ee32),
    (0x1ee34, 0x1ee37),
    (0x1ee39, 0x1ee39),
    (0x1ee3b, 0x1ee3b),
    (0x1ee42, 0x1ee42),
    (0x1ee47, 0x1ee47),
    (0x1ee49, 0x1ee49),
    (0x1ee4b, 0x1ee4b),
    (0x1ee4d, 0x1ee4f),
    (0x1ee51, 0x1ee52),
    (0x1ee54, 0x1ee54),
    (0x1ee57, 0x1ee57),
    (0x1ee59, 0x1ee59),
    (0x1ee5b, 0x1ee5b),
    (0x1ee5d, 0x1ee5d),
    (0x1ee5f, 0x1ee5f),
    (0x1ee61, 0x1ee62),
    (0x1ee64, 0x1ee64),
    (0x1ee67, 0x1ee6a),
    (0x1ee6c, 0x1ee72),
    (0x1ee74, 0x1ee77),
    (0x1ee79, 0x1ee7c),
    (0x1ee7e, 0x1ee7e),
    (0x1ee80, 0x1ee89),
    (0x1ee8b, 0x1ee9b),
    (0x1eea1, 0x1eea3),
    (0x1eea5, 0x1eea9),
    (0x1eeab, 0x1eebb),
    (0x20000, 0x2a6df),
    (0x2a700, 0x2b738),
    (0x2b740, 0x2b81d),
    (0x2b820, 0x2cea1),
    (0x2ceb0, 0x2ebe0),
    (0x2f800, 0x2fa1d),
    (0x30000, 0x3134a),
];

static ID_CONTINUE: [(u32, u32); 763] = [
    (0x30, 0x39),
    (0x41, 0x5a),
    (0x5f, 0x5f),
    (0x61, 0x7a),
    (0xaa, 0xaa),
    (0xb5, 0xb5),
    (0xb7, 0xb7),
    (0xba, 0xba),
    (0xc0, 0xd6),
    (0xd8, 0xf6),
    (0xf8, 0x2c1),
    (0x2c6, 0x2d1),
    (0x2e0, 0x2e4),
    (0x2ec, 0x2ec),
    (0x2ee, 0x2ee),
    (0x300, 0x374),
    (0x376, 0x377),
    (0x37b, 0x37d),
    (0x37f, 0x37f),
    (0x386, 0x38a),
    (0x38c, 0x38c),
    (0x38e, 0x3a1),
    (0x3a3, 0x3f5),
    (0x3f7, 0x481),
    (0x483, 0x487),
    (0x48a, 0x52f),
    (0x531, 0x556),
    (0x559, 0x559),
    (0x560, 0x588),
    (0x591, 0x5bd),
    (0x5bf, 0x5bf),
    (0x5c1, 0x5c2),
    (0x5c4, 0x5c5),
    (0x5c7, 0x5c7),
    (0x5d0, 0x5ea),
    (0x5ef, 0x5f2),
    (0x610, 0x61a),
    (0x620, 0x669),
    (0x66e, 0x6d3),
    (0x6d5, 0x6dc),
    (0x6df, 0x6e8),
    (0x6ea, 0x6fc),
    (0x6ff, 0x6ff),
    (0x710, 0x74a),
    (0x74d, 0x7b1),
    (0x7c0, 0x7f5),
    (0x7fa, 0x7fa),
    (0x7fd, 0x7fd),
    (0x800, 0x82d),
    (0x840, 0x85b),
    (0x860, 0x86a),
    (0x870, 0x887),
    (0x889, 0x88e),
    (0x898, 0x8e1),
    (0x8e3, 0x963),
    (0x966, 0x96f),
    (0x971, 0x983),
    (0x985, 0x98c),
    (0x98f, 0x990),
    (0x993, 0x9a8),
    (0x9aa, 0x9b0),
    (0x9b2, 0x9b2),
    (0x9b6, 0x9b9),
    (0x9bc, 0x9c4),
    (0x9c7, 0x9c8),
    (0x9cb, 0x9ce),
    (0x9d7, 0x9d7),
    (0x9dc, 0x9dd),
    (0x9df, 0x9e3),
    (0x9e6, 0x9f1),
    (0x9fc, 0x9fc),
    (0x9fe, 0x9fe),
    (0xa01, 0xa03),
    (0xa05, 0xa0a),
    (0xa0f, 0xa10),
    (0xa13, 0xa28),
    (0xa2a, 0xa30),
    (0xa32, 0xa33),
    (0xa35, 0xa36),
    (0xa38, 0xa39),
    (0xa3c, 0xa3c),
    (0xa3e, 0xa42),
    (0xa47, 0xa48),
    (0xa4b, 0xa4d),
    (0xa51, 0xa51),
    (0xa59, 0xa5c),
    (0xa5e, 0xa5e),
    (0xa66, 0xa75),
    (0xa81, 0xa83),
    (0xa85, 0xa8d),
    (0xa8f, 0xa91),
    (0xa93, 0xaa8),
    (0xaaa, 0xab0),
    (0xab2, 0xab3),
    (0xab5, 0xab9),
    (0xabc, 0xac5),
    (0xac7, 0xac9),
    (0xacb, 0xacd),
    (0xad0, 0xad0),
    (0xae0, 0xae3),
    (0xae6, 0xaef),
    (0xaf9, 0xaff),
    (0xb01, 0xb03),
    (0xb05, 0xb0c),
    (0xb0f, 0xb10),
    (0xb13, 0xb28),
    (0xb2a, 0xb30),
    (0xb32, 0xb33),
    (0xb35, 0xb39),
    (0xb3c, 0xb44),
    (0xb47, 0xb48),
    (0xb4b, 0xb4d),
    (0xb55, 0xb57),
    (0xb5c, 0xb5d),
    (0xb5f, 0xb63),
    (0xb66, 0xb6f),
    (0xb71, 0xb71),
    (0xb82, 0xb83),
    (0xb85, 0xb8a),
    (0xb8e, 0xb90),
    (0xb92, 0xb95),
    (0xb99, 0xb9a),
    (0xb9c, 0xb9c),
    (0xb9e, 0xb9f),
    (0xba3, 0xba4),
    (0xba8, 0xbaa),
    (0xbae, 0xbb9),
    (0xbbe, 0xbc2),
    (0xbc6, 0xbc8),
    (0xbca, 0xbcd),
    (0xbd0, 0xbd0),
    (0xbd7, 0xbd7),
    (0xbe6, 0xbef),
    (0xc00, 0xc0c),
    (0xc0e, 0xc10),
    (0xc12, 0xc28),
    (0xc2a, 0xc39),
    (0xc3c, 0xc44),
    (0xc46, 0xc48),
    (0xc4a, 0xc4d),
    (0xc55, 0xc56),
    (0xc58, 0xc5a),
    (0xc5d, 0xc5d),
    (0xc60, 0xc63),
    (0xc66, 0xc6f),
    (0xc80, 0xc83),
    (0xc85, 0xc8c),
    (0xc8e, 0xc90),
    (0xc92, 0xca8),
    (0xcaa, 0xcb3),
    (0xcb5, 0xcb9),
    (0xcbc, 0xcc4),
    (0xcc6, 0xcc8),
    (0xcca, 0xccd),
    (0xcd5, 0xcd6),
    (0xcdd, 0xcde),
    (0xce0, 0xce3),
    (0xce6, 0xcef),
    (0xcf1, 0xcf2),
    (0xd00, 0xd0c),
    (0xd0e, 0xd10),
    (0xd12, 0xd44),
    (0xd46, 0xd48),
    (0xd4a, 0xd4e),
    (0xd54, 0xd57),
    (0xd5f, 0xd63),
    (0xd66, 0xd6f),
    (0xd7a, 0xd7f),
    (0xd81, 0xd83),
    (0xd85, 0xd96),
    (0xd9a, 0xdb1),
    (0xdb3, 0xdbb),
    (0xdbd, 0xdbd),
    (0xdc0, 0xdc6),
    (0xdca, 0xdca),
    (0xdcf, 0xdd4),
    (0xdd6, 0xdd6),
    (0xdd8, 0xddf),
    (0xde6, 0xdef),
    (0xdf2, 0xdf3),
    (0xe01, 0xe3a),
    (0xe40, 0xe4e),
    (0xe50, 0xe59),
    (0xe81, 0xe82),
    (0xe84, 0xe84),
    (0xe86, 0xe8a),
    (0xe8c, 0xea3),
    (0xea5, 0xea5),
    (0xea7, 0xebd),
    (0xec0, 0xec4),
    (0xec6, 0xec6),
    (0xec8, 0xecd),
    (0xed0, 0xed9),
    (0xedc, 0xedf),
    (0xf00, 0xf00),
    (0xf18, 0xf19),
    (0xf20, 0xf29),
    (0xf35, 0xf35),
    (0xf37, 0xf37),
    (0xf39, 0xf39),
    (0xf3e, 0xf47),
    (0xf49, 0xf6c),
    (0xf71, 0xf84),
    (0xf86, 0xf97),
    (0xf99, 0xfbc),
    (0xfc6, 0xfc6),
    (0x1000, 0x1049),
    (0x1050, 0x109d),
    (0x10a0, 0x10c5),
    (0x10c7, 0x10c7),
    (0x10cd, 0x10cd),
    (0x10d0, 0x10fa),
    (0x10fc, 0x1248),
    (0x124a, 0x124d),
    (0x1250, 0x1256),
    (0x1258, 0x1258),
    (0x125a, 0x125d),
    (0x1260, 0x1288),
    (0x128a, 0x128d),
    (0x1290, 0x12b0),
    (0x12b2, 0x12b5),
    (0x12b8, 0x12be),
    (0x12c0, 0x12c0),
    (0x12c2, 0x12c5),
    (0x12c8, 0x12d6),
    (0x12d8, 0x1310),
    (0x1312, 0x1315),
    (0x1318, 0x135a),
    (0x135d, 0x135f),
    (0x1369, 0x1371),
    (0x1380, 0x138f),
    (0x13a0, 0x13f5),
    (0x13f8, 0x13fd),
    (0x1401, 0x166c),
    (0x166f, 0x167f),
    (0x1681, 0x169a),
    (0x16a0, 0x16ea),
    (0x16ee, 0x16f8),
    (0x1700, 0x1715),
    (0x171f, 0x1734),
    (0x1740, 0x1753),
    (0x1760, 0x176c),
    (0x176e, 0x1770),
    (0x1772, 0x1773),
    (0x1780, 0x17d3),
    (0x17d7, 0x17d7),
    (0x17dc, 0x17dd),
    (0x17e0, 0x17e9),
    (0x180b, 0x180d),
    (0x180f, 0x1819),
    (0x1820, 0x1878),
    (0x1880, 0x18aa),
    (0x18b0, 0x18f5),
    (0x1900, 0x191e),
    (0x1920, 0x192b),
    (0x1930, 0x193b),
    (0x1946, 0x196d),
    (0x1970, 0x1974),
    (0x1980, 0x19ab),
    (0x19b0, 0x19c9),
    (0x19d0, 0x19da),
    (0x1a00, 0x1a1b),
    (0x1a20, 0x1a5e),
    (0x1a60, 0x1a7c),
    (0x1a7f, 0x1a89),
    (0x1a90, 0x1a99),
    (0x1aa7, 0x1aa7),
    (0x1ab0, 0x1abd),
    (0x1abf, 0x1ace),
    (0x1b00, 0x1b4c),
    (0x1b50, 0x1b59),
    (0x1b6b, 0x1b73),
    (0x1b80, 0x1bf3),
    (0x1c00, 0x1c37),
    (0x1c40, 0x1c49),
    (0x1c4d, 0x1c7d),
    (0x1c80, 0x1c88),
    (0x1c90, 0x1cba),
    (0x1cbd, 0x1cbf),
    (0x1cd0, 0x1cd2),
    (0x1cd4, 0x1cfa),
    (0x1d00, 0x1f15),
    (0x1f18, 0x1f1d),
    (0x1f20, 0x1f45),
    (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57),
    (0x1f59, 0x1f59),
    (0x1f5b, 0x1f5b),
    (0x1f5d, 0x1f5d),
    (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fbc),
    (0x1fbe, 0x1fbe),
    (0x1fc2, 0x1fc4),
    (0x1fc6, 0x1fcc),
    (0x1fd0, 0x1fd3),
    (0x1fd6, 0x1fdb),
    (0x1fe0, 0x1fec),
    (0x1ff2, 0x1ff4),
    (0x1ff6, 0x1ffc),
    (0x203f, 0x2040),
    (0x2054, 0x2054),
    (0x2071, 0x2071),
    (0x207f, 0x207f),
    (0x2090, 0x209c),
    (0x20d0, 0x20dc),
    (0x20e1, 0x20e1),
    (0x20e5, 0x20f0),
    (0x2102, 0x2102),
    (0x2107, 0x2107),
    (0x210a, 0x2113),
    (0x2115, 0x2115),
    (0x2118, 0x211d),
    (0x2124, 0x2124),
    (0x2126, 0x2126),
    (0x2128, 0x2128),
    (0x212a, 0x2139),
    (0x213c, 0x213f),
    (0x2145, 0x2149),
    (0x214e, 0x214e),
    (0x2160, 0x2188),
    (0x2c00, 0x2ce4),
    (0x2ceb, 0x2cf3),
    (0x2d00, 0x2d25),
    (0x2d27, 0x2d27),
    (0x2d2d, 0x2d2d),
    (0x2d30, 0x2d67),
    (0x2d6f, 0x2d6f),
    (0x2d7f, 0x2d96),
    (0x2da0, 0x2da6),
    (0x2da8, 0x2dae),
    (0x2db0, 0x2db6),
    (0x2db8, 0x2dbe),
    (0x2dc0, 0x2dc6),
    (0x2dc8, 0x2dce),
    (0x2dd0, 0x2dd6),
    (0x2dd8, 0x2dde),
    (0x2de0, 0x2dff),
    (0x3005, 0x3007),
    (0x3021, 0x302f),
    (0x3031, 0x3035),
    (0x3038, 0x303c),
    (0x3041, 0x3096),
    (0x3099, 0x309a),
    (0x309d, 0x309f),
    (0x30a1, 0x30fa),
    (0x30fc, 0x30ff),
    (0x3105, 0x312f),
    (0x3131, 0x318e),
    (0x31a0, 0x31bf),
    (0x31f0, 0x31ff),
    (0x3400, 0x4dbf),
    (0x4e00, 0xa48c),
    (0xa4d0, 0xa4fd),
    (0xa500, 0xa60c),
    (0xa610, 0xa62b),
    (0xa640, 0xa66f),
    (0xa674, 0xa67d),
    (0xa67f, 0xa6f1),
    (0xa717, 0xa71f),
    (0xa722, 0xa788),
    (0xa78b, 0xa7ca),
    (0xa7d0, 0xa7d1),
    (0xa7d3, 0xa7d3),
    (0xa7d5, 0xa7d9),
    (0xa7f2, 0xa827),
    (0xa82c, 0xa82c),
    (0xa840, 0xa873),
    (0xa880, 0xa8c5),
    (0xa8d0, 0xa8d9),
    (0xa8e0, 0xa8f7),
    (0xa8fb, 0xa8fb),
    (0xa8fd, 0xa92d),
    (0xa930, 0xa953),
    (0xa960, 0xa97c),
    (0xa980, 0xa9c0),
    (0xa9cf, 0xa9d9),
    (0xa9e0, 0xa9fe),
    (0xaa00, 0xaa36),
    (0xaa40, 0xaa4d),
    (0xaa50, 0xaa59),
    (0xaa60, 0xaa76),
    (0xaa7a, 0xaac2),
    (0xaadb, 0xaadd),
    (0xaae0, 0xaaef),
    (0xaaf2, 0xaaf6),
    (0xab01, 0xab06),
    (0xab09, 0xab0e),
    (0xab11, 0xab16),
    (0xab20, 0xab26),
    (0xab28, 0xab2e),
    (0xab30, 0xab5a),
    (0xab5c, 0xab69),
    (0xab70, 0xabea),
    (0xabec, 0xabed),
    (0xabf0, 0xabf9),
    (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6),
    (0xd7cb, 0xd7fb),
    (0xf900, 0xfa6d),
    (0xfa70, 0xfad9),
    (0xfb00, 0xfb06),
    (0xfb13, 0xfb17),
    (0xfb1d, 0xfb28),
    (0xfb2a, 0xfb36),
    (0xfb38, 0xfb3c),
    (0xfb3e, 0xfb3e),
    (0xfb40, 0xfb41),
    (0xfb43, 0xfb44),
    (0xfb46, 0xfbb1),
    (0xfbd3, 0xfc5d),
    (0xfc64, 0xfd3d),
    (0xfd50, 0xfd8f),
    (0xfd92, 0xfdc7),
    (0xfdf0, 0xfdf9),
    (0xfe00, 0xfe0f),
    (0xfe20, 0xfe2f),
    (0xfe33, 0xfe34),
    (0xfe4d, 0xfe4f),
    (0xfe71, 0xfe71),
    (0xfe73, 0xfe73),
    (0xfe77, 0xfe77),
    (0xfe79, 0xfe79),
    (0xfe7b, 0xfe7b),
    (0xfe7d, 0xfe7d),
    (0xfe7f, 0xfefc),
    (0xff10, 0xff19),
    (0xff21, 0xff3a),
    (0xff3f, 0xff3f),
    (0xff41, 0xff5a),
    (0xff66, 0xffbe),
    (0xffc2, 0xffc7),
    (0xffca, 0xffcf),
    (0xffd2, 0xffd7),
    (0xffda, 0xffdc),
    (0x10000, 0x1000b),
    (0x1000d, 0x10026),
    (0x10028, 0x1003a),
    (0x1003c, 0x1003d),
    (0x1003f, 0x1004d),
    (0x10050, 0x1005d),
    (0x10080, 0x100fa),
    (0x10140, 0x10174),
    (0x101fd, 0x101fd),
    (0x10280, 0x1029c),
    (0x102a0, 0x102d0),
    (0x102e0, 0x102e0),
    (0x10300, 0x1031f),
    (0x1032d, 0x1034a),
    (0x10350, 0x1037a),
    (0x10380, 0x1039d),
    (0x103a0, 0x103c3),
    (0x103c8, 0x103cf),
    (0x103d1, 0x103d5),
    (0x10400, 0x1049d),
    (0x104a0, 0x104a9),
    (0x104b0, 0x104d3),
    (0x104d8, 0x104fb),
    (0x10500, 0x10527),
    (0x10530, 0x10563),
    (0x10570, 0x1057a),
    (0x1057c, 0x1058a),
    (0x1058c, 0x10592),
    (0x10594, 0x10595),
    (0x10597, 0x105a1),
    (0x105a3, 0x105b1),
    (0x105b3, 0x105b9),
    (0x105bb, 0x105bc),
    (0x10600, 0x10736),
    (0x10740, 0x10755),
    (0x10760, 0x10767),
    (0x10780, 0x10785),
    (0x10787, 0x107b0),
    (0x107b2, 0x107ba),
    (0x10800, 0x10805),
    (0x10808, 0x10808),
    (0x1080a, 0x10835),
    (0x10837, 0x10838),
    (0x1083c, 0x1083c),
    (0x1083f, 0x10855),
    (0x10860, 0x10876),
    (0x10880, 0x1089e),
    (0x108e0, 0x108f2),
    (0x108f4, 0x108f5),
    (0x10900, 0x10915),
    (0x10920, 0x10939),
    (0x10980, 0x109b7),
    (0x109be, 0x109bf),
    (0x10a00, 0x10a03),
    (0x10a05, 0x10a06),
    (0x10a0c, 0x10a13),
    (0x10a15, 0x10a17),
    (0x10a19, 0x10a35),
    (0x10a38, 0x10a3a),
    (0x10a3f, 0x10a3f),
    (0x10a60, 0x10a7c),
    (0x10a80, 0x10a9c),
    (0x10ac0, 0x10ac7),
    (0x10ac9, 0x10ae6),
    (0x10b00, 0x10b35),
    (0x10b40, 0x10b55),
    (0x10b60, 0x10b72),
    (0x10b80, 0x10b91),
    (0x10c00, 0x10c48),
    (0x10c80, 0x10cb2),
    (0x10cc0, 0x10cf2),
    (0x10d00, 0x10d27),
    (0x10d30, 0x10d39),
    (0x10e80, 0x10ea9),
    (0x10eab, 0x10eac),
    (0x10eb0, 0x10eb1),
    (0x10f00, 0x10f1c),
    (0x10f27, 0x10f27),
    (0x10f30, 0x10f50),
    (0x10f70, 0x10f85),
    (0x10fb0, 0x10fc4),
    (0x10fe0, 0x10ff6),
    (0x11000, 0x11046),
    (0x11066, 0x11075),
    (0x1107f, 0x110ba),
    (0x110c2, 0x110c2),
    (0x110d0, 0x110e8),
    (0x110f0, 0x110f9),
    (0x11100, 0x11134),
    (0x11136, 0x1113f),
    (0x11144, 0x11147),
    (0x11150, 0x11173),
    (0x11176, 0x11176),
    (0x11180, 0x111c4),
    (0x111c9, 0x111cc),
    (0x111ce, 0x111da),
    (0x111dc, 0x111dc),
    (0x11200, 0x11211),
    (0x11213, 0x11237),
    (0x1123e, 0x1123e),
    (0x11280, 0x11286),
    (0x11288, 0x11288),
    (0x1128a, 0x1128d),
    (0x1128f, 0x1129d),
    (0x1129f, 0x112a8),
    (0x112b0, 0x112ea),
    (0x112f0, 0x112f9),
    (0x11300, 0x11303),
    (0x11305, 0x1130c),
    (0x1130f, 0x11310),
    (0x11313, 0x11328),
    (0x1132a, 0x11330),
    (0x11332, 0x11333),
    (0x11335, 0x11339),
    (0x1133b, 0x11344),
    (0x11347, 0x11348),
    (0x1134b, 0x1134d),
    (0x11350, 0x11350),
    (0x11357, 0x11357),
    (0x1135d, 0x11363),
    (0x11366, 0x1136c),
    (0x11370, 0x11374),
    (0x11400, 0x1144a),
    (0x11450, 0x11459),
    (0x1145e, 0x11461),
    (0x11480, 0x114c5),
    (0x114c7, 0x114c7),
    (0x114d0, 0x114d9),
    (0x11580, 0x115b5),
    (0x115b8, 0x115c0),
    (0x115d8, 0x115dd),
    (0x11600, 0x11640),
    (0x11644, 0x11644),
    (0x11650, 0x11659),
    (0x11680, 0x116b8),
    (0x116c0, 0x116c9),
    (0x11700, 0x1171a),
    (0x1171d, 0x1172b),
    (0x11730, 0x11739),
    (0x11740, 0x11746),
    (0x11800, 0x1183a),
    (0x118a0, 0x118e9),
    (0x118ff, 0x11906),
    (0x11909, 0x11909),
    (0x1190c, 0x11913),
    (0x11915, 0x11916),
    (0x11918, 0x11935),
    (0x11937, 0x11938),
    (0x1193b, 0x11943),
    (0x11950, 0x11959),
    (0x119a0, 0x119a7),
    (0x119aa, 0x119d7),
    (0x119da, 0x119e1),
    (0x119e3, 0x119e4),
    (0x11a00, 0x11a3e),
    (0x11a47, 0x11a47),
    (0x11a50, 0x11a99),
    (0x11a9d, 0x11a9d),
    (0x11ab0, 0x11af8),
    (0x11c00, 0x11c08),
    (0x11c0a, 0x11c36),
    (0x11c38, 0x11c40),
    (0x11c50, 0x11c59),
    (0x11c72, 0x11c8f),
    (0x11c92, 0x11ca7),
    (0x11ca9, 0x11cb6),
    (0x11d00, 0x11d06),
    (0x11d08, 0x11d09),
    (0x11d0b, 0x11d36),
    (0x11d3a, 0x11d3a),
    (0x11d3c, 0x11d3d),
    (0x11d3f, 0x11d47),
    (0x11d50, 0x11d59),
    (0x11d60, 0x11d65),
    (0x11d67, 0x11d68),
    (0x11d6a, 0x11d8e),
    (0x11d90, 0x11d91),
    (0x11d93, 0x11d98),
    (0x11da0, 0x11da9),
    (0x11ee0, 0x11ef6),
    (0x11fb0, 0x11fb0),
    (0x12000, 0x12399),
    (0x12400, 0x1246e),
    (0x12480, 0x12543),
    (0x12f90, 0x12ff0),
    (0x13000, 0x1342e),
    (0x14400, 0x14646),
    (0x16800, 0x16a38),
    (0x16a40, 0x16a5e),
    (0x16a60, 0x16a69),
    (0x16a70, 0x16abe),
    (0x16ac0, 0x16ac9),
    (0x16ad0, 0x16aed),
    (0x16af0, 0x16af4),
    (0x16b00, 0x16b36),
    (0x16b40, 0x16b43),
    (0x16b50, 0x16b59),
    (0x16b63, 0x16b77),
    (0x16b7d, 0x16b8f),
    (0x16e40, 0x16e7f),
    (0x16f00, 0x16f4a),
    (0x16f4f, 0x16f87),
    (0x16f8f, 0x16f9f),
    (0x16fe0, 0x16fe1),
    (0x16fe3, 0x16fe4),
    (0x16ff0, 0x16ff1),
    (0x17000, 0x187f7),
    (0x18800, 0x18cd5),
    (0x18d00, 0x18d08),
    (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb),
    (0x1affd, 0x1affe),
    (0x1b000, 0x1b122),
    (0x1b150, 0x1b152),
    (0x1b164, 0x1b167),
    (0x1b170, 0x1b2fb),
    (0x1bc00, 0x1bc6a),
    (0x1bc70, 0x1bc7c),
    (0x1bc80, 0x1bc88),
    (0x1bc90, 0x1bc99),
    (0x1bc9d, 0x1bc9e),
    (0x1cf00, 0x1cf2d),
    (0x1cf30, 0x1cf46),
    (0x1d165, 0x1d169),
    (0x1d16d, 0x1d172),
    (0x1d17b, 0x1d182),
    (0x1d185, 0x1d18b),
    (0x1d1aa, 0x1d1ad),
    (0x1d242, 0x1d244),
    (0x1d400, 0x1d454),
    (0x1d456, 0x1d49c),
    (0x1d49e, 0x1d49f),
    (0x1d4a2, 0x1d4a2),
    (0x1d4a5, 0x1d4a6),
    (0x1d4a9, 0x1d4ac),
    (0x1d4ae, 0x1d4b9),
    (0x1d4bb, 0x1d4bb),
    (0x1d4bd, 0x1d4c3),
    (0x1d4c5, 0x1d505),
    (0x1d507, 0x1d50a),
    (0x1d50d, 0x1d514),
    (0x1d516, 0x1d51c),
    (0x1d51e, 0x1d539),
    (0x1d53b, 0x1d53e),
    (0x1d540, 0x1d544),
    (0x1d546, 0x1d546),
    (0x1d54a, 0x1d550),
    (0x1d552, 0x1d6a5),
    (0x1d6a8, 0x1d6c0),
    (0x1d6c2, 0x1d6da),
    (0x1d6dc, 0x1d6fa),
    (0x1d6fc, 0x1d714),
    (0x1d716, 0x1d734),
    (0x1d736, 0x1d74e),
    (0x1d750, 0x1d76e),
    (0x1d770, 0x1d788),
    (0x1d78a, 0x1d7a8),
    (0x1d7aa, 0x1d7c2),
    (0x1d7c4, 0x1d7cb),
    (0x1d7ce, 0x1d7ff),
    (0x1da00, 0x1da36),
    (0x1da3b, 0x1da6c),
    (0x1da75, 0x1da75),
    (0x1da84, 0x1da84),
    (0x1da9b, 0x1da9f),
    (0x1daa1, 0x1daaf),
    (0x1df00, 0x1df1e),
    (0x1e000, 0x1e006),
    (0x1e008, 0x1e018),
    (0x1e01b, 0x1e021),
    (0x1e023, 0x1e024),
    (0x1e026, 0x1e02a),
    (0x1e100, 0x1e12c),
    (0x1e130, 0x1e13d),
    (0x1e140, 0x1e149),
    (0x1e14e, 0x1e14e),
    (0x1e290, 0x1e2ae),
    (0x1e2c0, 0x1e2f9),
    (0x1e7e0, 0x1e7e6),
    (0x1e7e8, 0x1e7eb),
    (0x1e7ed, 0x1e7ee),
    (0x1e7f0, 0x1e7fe),
    (0x1e800, 0x1e8c4),
    (0x1e8d0, 0x1e8d6),
    (0x1e900, 0x1e94b),
    (0x1e950, 0x1e959),
    (0x1ee00, 0x1ee03),
    (0x1ee05, 0x1ee1f),
    (0x1ee21, 0x1ee22),
    (0x1ee24, 0x1ee24),
    (0x1ee27, 0x1ee27),
    (0x1ee29, 0x1ee32),
    (0x1ee34, 0x1ee37),
    (0x1ee39, 0x1ee39),
    (0x1ee3b, 0x1ee3b),
    (0x1ee42, 0x1ee42),
    (0x1ee47, 0x1ee47),
    (0x1ee49, 0x1ee49),
    (0x1ee4b, 0x1ee4b),
    (0x1ee4d, 0x1ee4f),
    (0x1ee51, 0x1ee52),
    (0x1ee54, 0x1ee54),
    (0x1ee57, 0x1ee57),
    (0x1ee59, 0x1ee59),
    (0x1ee5b, 0x1ee5b),
    (0x1ee5d, 0x1ee5d),
    (0x1ee5f, 0x1ee5f),
    (0x1ee61, 0x1ee62),
    (0x1ee64, 0x1ee64),
    (0x1ee67, 0x1ee6a),
    (0x1ee6c, 0x1ee72),
    (0x1ee74, 0x1ee77),
    (0x1ee79, 0x1ee7c),
    (0x1ee7e, 0x1ee7e),
    (0x1ee80, 0x1ee89),
    (0x1ee8b, 0x1ee9b),
    (0x1eea1, 0x1eea3),
    (0x1eea5, 0x1eea9),
    (0x1eeab, 0x1eebb),
    (0x1fbf0, 0x1fbf9),
    (0x20000, 0x2a6df),
    (0x2a700, 0x2b738),
    (0x2b740, 0x2b81d),
    (0x2b820, 0x2cea1),
    (0x2ceb0, 0x2ebe0),
    (0x2f800, 0x2fa1d),
    (0x30000, 0x3134a),
    (0xe0100, 0xe01ef),
];

static TITLECASE: [(u32, u32); 10] = [
    (0x1c5, 0x1c5),
    (0x1c8, 0x1c8),
    (0x1cb, 0x1cb),
    (0x1f2, 0x1f2),
    (0x1f88, 0x1f8f),
    (0x1f98, 0x1f9f),
    (0x1fa8, 0x1faf),
    (0x1fbc, 0x1fbc),
    (0x1fcc, 0x1fcc),
    (0x1ffc, 0x1ffc),
];

static TITLE_MAP: [(u32, &str); 135] = [
    (0xdf, "Ss"),
    (0x1c4, "\u{1c5}"),
    (0x1c5, "\u{1c5}"),
    (0x1c6, "\u{1c5}"),
    (0x1c7, "\u{1c8}"),
    (0x1c8, "\u{1c8}"),
    (0x1c9, "\u{1c8}"),
    (0x1ca, "\u{1cb}"),
    (0x1cb, "\u{1cb}"),
    (0x1cc, "\u{1cb}"),
    (0x1f1, "\u{1f2}"),
    (0x1f2, "\u{1f2}"),
    (0x1f3, "\u{1f2}"),
    (0x587, "\u{535}\u{582}"),
    (0x10d0, "\u{10d0}"),
    (0x10d1, "\u{10d1}"),
    (0x10d2, "\u{10d2}"),
    (0x10d3, "\u{10d3}"),
    (0x10d4, "\u{10d4}"),
    (0x10d5, "\u{10d5}"),
    (0x10d6, "\u{10d6}"),
    (0x10d7, "\u{10d7}"),
    (0x10d8, "\u{10d8}"),
    (0x10d9, "\u{10d9}"),
    (0x10da, "\u{10da}"),
    (0x10db, "\u{10db}"),
    (0x10dc, "\u{10dc}"),
    (0x10dd, "\u{10dd}"),
    (0x10de, "\u{10de}"),
    (0x10df, "\u{10df}"),
    (0x10e0, "\u{10e0}"),
    (0x10e1, "\u{10e1}"),
    (0x10e2, "\u{10e2}"),
    (0x10e3, "\u{10e3}"),
    (0x10e4, "\u{10e4}"),
    (0x10e5, "\u{10e5}"),
    (0x10e6, "\u{10e6}"),
    (0x10e7, "\u{10e7}"),
    (0x10e8, "\u{10e8}"),
    (0x10e9, "\u{10e9}"),
    (0x10ea, "\u{10ea}"),
    (0x10eb, "\u{10eb}"),
    (0x10ec, "\u{10ec}"),
    (0x10ed, "\u{10ed}"),
    (0x10ee, "\u{10ee}"),
    (0x10ef, "\u{10ef}"),
    (0x10f0, "\u{10f0}"),
    (0x10f1, "\u{10f1}"),
    (0x10f2, "\u{10f2}"),
    (0x10f3, "\u{10f3}"),
    (0x10f4, "\u{10f4}"),
    (0x10f5, "\u{10f5}"),
    (0x10f6, "\u{10f6}"),
    (0x10f7, "\u{10f7}"),
    (0x10f8, "\u{10f8}"),
    (0x10f9, "\u{10f9}"),
    (0x10fa, "\u{10fa}"),
    (0x10fd, "\u{10fd}"),
    (0x10fe, "\u{10fe}"),
    (0x10ff, "\u{10ff}"),
    (0x1f80, "\u{1f88}"),
    (0x1f81, "\u{1f89}"),
    (0x1f82, "\u{1f8a}"),
    (0x1f83, "\u{1f8b}"),
    (0x1f84, "\u{1f8c}"),
    (0x1f85, "\u{1f8d}"),
    (0x1f86, "\u{1f8e}"),
    (0x1f87, "\u{1f8f}"),
    (0x1f88, "\u{1f88}"),
    (0x1f89, "\u{1f89}"),
    (0x1f8a, "\u{1f8a}"),
    (0x1f8b, "\u{1f8b}"),
    (0x1f8c, "\u{1f8c}"),
    (0x1f8d, "\u{1f8d}"),
    (0x1f8e, "\u{1f8e}"),
    (0x1f8f, "\u{1f8f}"),
    (0x1f90, "\u{1f98}"),
    (0x1f91, "\u{1f99}"),
    (0x1f92, "\u{1f9a}"),
    (0x1f93, "\u{1f9b}"),
    (0x1f94, "\u{1f9c}"),
    (0x1f95, "\u{1f9d}"),
    (0x1f96, "\u{1f9e}"),
    (0x1f97, "\u{1f9f}"),
    (0x1f98, "\u{1f98}"),
    (0x1f99, "\u{1f99}"),
    (0x1f9a, "\u{1f9a}"),
    (0x1f9b, "\u{1f9b}"),
    (0x1f9c, "\u{1f9c}"),
    (0x1f9d, "\u{1f9d}"),
    (0x1f9e, "\u{1f9e}"),
    (0x1f9f, "\u{1f9f}"),
    (0x1fa0, "\u{1fa8}"),
    (0x1fa1, "\u{1fa9}"),
    (0x1fa2, "\u{1faa}"),
    (0x1fa3, "\u{1fab}"),
    (0x1fa4, "\u{1fac}"),
    (0x1fa5, "\u{1fad}"),
    (0x1fa6, "\u{1fae}"),
    (0x1fa7, "\u{1faf}"),
    (0x1fa8, "\u{1fa8}"),
    (0x1fa9, "\u{1fa9}"),
    (0x1faa, "\u{1faa}"),
    (0x1fab, "\u{1fab}"),
    (0x1fac, "\u{1fac}"),
    (0x1fad, "\u{1fad}"),
    (0x1fae, "\u{1fae}"),
    (0x1faf, "\u{1faf}"),
    (0x1fb2, "\u{1fba}\u{345}"),
    (0x1fb3, "\u{1fbc}"),
    (0x1fb4, "\u{386}\u{345}"),
    (0x1fb7, "\u{391}\u{342}\u{345}"),
    (0x1fbc, "\u{1fbc}"),
    (0x1fc2, "\u{1fca}\u{345}"),
    (0x1fc3, "\u{1fcc}"),
    (0x1fc4, "\u{389}\u{345}"),
    (0x1fc7, "\u{397}\u{342}\u{345}"),
    (0x1fcc, "\u{1fcc}"),
    (0x1ff2, "\u{1ffa}\u{345}"),
    (0x1ff3, "\u{1ffc}"),
    (0x1ff4, "\u{38f}\u{345}"),
    (0x1ff7, "\u{3a9}\u{342}\u{345}"),
    (0x1ffc, "\u{1ffc}"),
    (0xfb00, "Ff"),
    (0xfb01, "Fi"),
    (0xfb02, "Fl"),
    (0xfb03, "Ffi"),
    (0xfb04, "Ffl"),
    (0xfb05, "St"),
    (0xfb06, "St"),
    (0xfb13, "\u{544}\u{576}"),
    (0xfb14, "\u{544}\u{565}"),
    (0xfb15, "\u{544}\u{56b}"),
    (0xfb16, "\u{54e}\u{576}"),
    (0xfb17, "\u{544}\u{56d}"),
];

static CASEFOLD_MAP: [(u32, &str); 297] = [
    (0xb5, "\u{3bc}"),
    (0xdf, "ss"),
    (0x149, "\u{2bc}n"),
    (0x17f, "s"),
    (0x1f0, "j\u{30c}"),
    (0x345, "\u{3b9}"),
    (0x390, "\u{3b9}\u{308}\u{301}"),
    (0x3b0, "\u{3c5}\u{308}\u{301}"),
    (0x3c2, "\u{3c3}"),
    (0x3d0, "\u{3b2}"),
    (0x3d1, "\u{3b8}"),
    (0x3d5, "\u{3c6}"),
    (0x3d6, "\u{3c0}"),
    (0x3f0, "\u{3ba}"),
    (0x3f1, "\u{3c1}"),
    (0x3f5, "\u{3b5}"),
    (0x587, "\u{565}\u{582}"),
    (0x13a0, "\u{13a0}"),
    (0x13a1, "\u{13a1}"),
    (0x13a2, "\u{13a2}"),
    (0x13a3, "\u{13a3}"),
    (0x13a4, "\u{13a4}"),
    (0x13a5, "\u{13a5}"),
    (0x13a6, "\u{13a6}"),
    (0x13a7, "\u{13a7}"),
    (0x13a8, "\u{13a8}"),
    (0x13a9, "\u{13a9}"),
    (0x13aa, "\u{13aa}"),
    (0x13ab, "\u{13ab}"),
    (0x13ac, "\u{13ac}"),
    (0x13ad, "\u{13ad}"),
    (0x13ae, "\u{13ae}"),
    (0x13af, "\u{13af}"),
    (0x13b0, "\u{13b0}"),
    (0x13b1, "\u{13b1}"),
    (0x13b2, "\u{13b2}"),
    (0x13b3, "\u{13b3}"),
    (0x13b4, "\u{13b4}"),
    (0x13b5, "\u{13b5}"),
    (0x13b6, "\u{13b6}"),
    (0x13b7, "\u{13b7}"),
    (0x13b8, "\u{13b8}"),
    (0x13b9, "\u{13b9}"),
    (0x13ba, "\u{13ba}"),
    (0x13bb, "\u{13bb}"),
    (0x13bc, "\u{13bc}"),
    (0x13bd, "\u{13bd}"),
    (0x13be, "\u{13be}"),
    (0x13bf, "\u{13bf}"),
    (0x13c0, "\u{13c0}"),
    (0x13c1, "\u{13c1}"),
    (0x13c2, "\u{13c2}"),
    (0x13c3, "\u{13c3}"),
    (0x13c4, "\u{13c4}"),
    (0x13c5, "\u{13c5}"),
    (0x13c6, "\u{13c6}"),
    (0x13c7, "\u{13c7}"),
    (0x13c8, "\u{13c8}"),
    (0x13c9, "\u{13c9}"),
    (0x13ca, "\u{13ca}"),
    (0x13cb, "\u{13cb}"),
    (0x13cc, "\u{13cc}"),
    (0x13cd, "\u{13cd}"),
    (0x13ce, "\u{13ce}"),
    (0x13cf, "\u{13cf}"),
    (0x13d0, "\u{13d0}"),
    (0x13d1, "\u{13d1}"),
    (0x13d2, "\u{13d2}"),
    (0x13d3, "\u{13d3}"),
    (0x13d4, "\u{13d4}"),
    (0x13d5, "\u{13d5}"),
    (0x13d6, "\u{13d6}"),
    (0x13d7, "\u{13d7}"),
    (0x13d8, "\u{13d8}"),
    (0x13d9, "\u{13d9}"),
    (0x13da, "\u{13da}"),
    (0x13db, "\u{13db}"),
    (0x13dc, "\u{13dc}"),
    (0x13dd, "\u{13dd}"),
    (0x13de, "\u{13de}"),
    (0x13df, "\u{13df}"),
    (0x13e0, "\u{13e0}"),
    (0x13e1, "\u{13e1}"),
    (0x13e2, "\u{13e2}"),
    (0x13e3, "\u{13e3}"),
    (0x13e4, "\u{13e4}"),
    (0x13e5, "\u{13e5}"),
    (0x13e6, "\u{13e6}"),
    (0x13e7, "\u{13e7}"),
    (0x13e8, "\u{13e8}"),
    (0x13e9, "\u{13e9}"),
    (0x13ea, "\u{13ea}"),
    (0x13eb, "\u{13eb}"),
    (0x13ec, "\u{13ec}"),
    (0x13ed, "\u{13ed}"),
    (0x13ee, "\u{13ee}"),
    (0x13ef, "\u{13ef}"),
    (0x13f0, "\u{13f0}"),
    (0x13f1, "\u{13f1}"),
    (0x13f2, "\u{13f2}"),
    (0x13f3, "\u{13f3}"),
    (0x13f4, "\u{13f4}"),
    (0x13f5, "\u{13f5}"),
    (0x13f8, "\u{13f0}"),
    (0x13f9, "\u{13f1}"),
    (0x13fa, "\u{13f2}"),
    (0x13fb, "\u{13f3}"),
    (0x13fc, "\u{13f4}"),
    (0x13fd, "\u{13f5}"),
    (0x1c80, "\u{432}"),
    (0x1c81, "\u{434}"),
    (0x1c82, "\u{43e}"),
    (0x1c83, "\u{441}"),
    (0x1c84, "\u{442}"),
    (0x1c85, "\u{442}"),
    (0x1c86, "\u{44a}"),
    (0x1c87, "\u{463}"),
    (0x1c88, "\u{a64b}"),
    (0x1e96, "h\u{331}"),
    (0x1e97, "t\u{308}"),
    (0x1e98, "w\u{30a}"),
    (0x1e99, "y\u{30a}"),
    (0x1e9a, "a\u{2be}"),
    (0x1e9b, "\u{1e61}"),
    (0x1e9e, "ss"),
    (0x1f50, "\u{3c5}\u{313}"),
    (0x1f52, "\u{3c5}\u{313}\u{300}"),
    (0x1f54, "\u{3c5}\u{313}\u{301}"),
    (0x1f56, "\u{3c5}\u{313}\u{342}"),
    (0x1f80, "\u{1f00}\u{3b9}"),
    (0x1f81, "\u{1f01}\u{3b9}"),
    (0x1f82, "\u{1f02}\u{3b9}"),
    (0x1f83, "\u{1f03}\u{3b9}"),
    (0x1f84, "\u{1f04}\u{3b9}"),
    (0x1f85, "\u{1f05}\u{3b9}"),
    (0x1f86, "\u{1f06}\u{3b9}"),
    (0x1f87, "\u{1f07}\u{3b9}"),
    (0x1f88, "\u{1f00}\u{3b9}"),
    (0x1f89, "\u{1f01}\u{3b9}"),
    (0x1f8a, "\u{1f02}\u{3b9}"),
    (0x1f8b, "\u{1f03}\u{3b9}"),
    (0x1f8c, "\u{1f04}\u{3b9}"),
    (0x1f8d, "\u{1f05}\u{3b9}"),
    (0x1f8e, "\u{1f06}\u{3b9}"),
    (0x1f8f, "\u{1f07}\u{3b9}"),
    (0x1f90, "\u{1f20}\u{3b9}"),
    (0x1f91, "\u{1f21}\u{3b9}"),
    (0x1f92, "\u{1f22}\u{3b9}"),
    (0x1f93, "\u{1f23}\u{3b9}"),
    (0x1f94, "\u{1f24}\u{3b9}"),
    (0x1f95, "\u{1f25}\u{3b9}"),
    (0x1f96, "\u{1f26}\u{3b9}"),
    (0x1f97, "\u{1f27}\u{3b9}"),
    (0x1f98, "\u{1f20}\u{3b9}"),
    (0x1f99, "\u{1f21}\u{3b9}"),
    (0x1f9a, "\u{1f22}\u{3b9}"),
    (0x1f9b, "\u{1f23}\u{3b9}"),
    (0x1f9c, "\u{1f24}\u{3b9}"),
    (0x1f9d, "\u{1f25}\u{3b9}"),
    (0x1f9e, "\u{1f26}\u{3b9}"),
    (0x1f9f, "\u{1f27}\u{3b9}"),
    (0x1fa0, "\u{1f60}\u{3b9}"),
    (0x1fa1, "\u{1f61}\u{3b9}"),
    (0x1fa2, "\u{1f62}\u{3b9}"),
    (0x1fa3, "\u{1f63}\u{3b9}"),
    (0x1fa4, "\u{1f64}\u{3b9}"),
    (0x1fa5, "\u{1f65}\u{3b9}"),
    (0x1fa6, "\u{1f66}\u{3b9}"),
    (0x1fa7, "\u{1f67}\u{3b9}"),
    (0x1fa8, "\u{1f60}\u{3b9}"),
    (0x1fa9, "\u{1f61}\u{3b9}"),
    (0x1faa, "\u{1f62}\u{3b9}"),
    (0x1fab, "\u{1f63}\u{3b9}"),
    (0x1fac, "\u{1f64}\u{3b9}"),
    (0x1fad, "\u{1f65}\u{3b9}"),
    (0x1fae, "\u{1f66}\u{3b9}"),
    (0x1faf, "\u{1f67}\u{3b9}"),
    (0x1fb2, "\u{1f70}\u{3b9}"),
    (0x1fb3, "\u{3b1}\u{3b9}"),
    (0x1fb4, "\u{3ac}\u{3b9}"),
    (0x1fb6, "\u{3b1}\u{342}"),
    (0x1fb7, "\u{3b1}\u{342}\u{3b9}"),
    (0x1fbc, "\u{3b1}\u{3b9}"),
    (0x1fbe, "\u{3b9}"),
    (0x1fc2, "\u{1f74}\u{3b9}"),
    (0x1fc3, "\u{3b7}\u{3b9}"),
    (0x1fc4, "\u{3ae}\u{3b9}"),
    (0x1fc6, "\u{3b7}\u{342}"),
    (0x1fc7, "\u{3b7}\u{342}\u{3b9}"),
    (0x1fcc, "\u{3b7}\u{3b9}"),
    (0x1fd2, "\u{3b9}\u{308}\u{300}"),
    (0x1fd3, "\u{3b9}\u{308}\u{301}"),
    (0x1fd6, "\u{3b9}\u{342}"),
    (0x1fd7, "\u{3b9}\u{308}\u{342}"),
    (0x1fe2, "\u{3c5}\u{308}\u{300}"),
    (0x1fe3, "\u{3c5}\u{308}\u{301}"),
    (0x1fe4, "\u{3c1}\u{313}"),
    (0x1fe6, "\u{3c5}\u{342}"),
    (0x1fe7, "\u{3c5}\u{308}\u{342}"),
    (0x1ff2, "\u{1f7c}\u{3b9}"),
    (0x1ff3, "\u{3c9}\u{3b9}"),
    (0x1ff4, "\u{3ce}\u{3b9}"),
    (0x1ff6, "\u{3c9}\u{342}"),
    (0x1ff7, "\u{3c9}\u{342}\u{3b9}"),
    (0x1ffc, "\u{3c9}\u{3b9}"),
    (0xab70, "\u{13a0}"),
    (0xab71, "\u{13a1}"),
    (0xab72, "\u{13a2}"),
    (0xab73, "\u{13a3}"),
    (0xab74, "\u{13a4}"),
    (0xab75, "\u{13a5}"),
    (0xab76, "\u{13a6}"),
    (0xab77, "\u{13a7}"),
    (0xab78, "\u{13a8}"),
    (0xab79, "\u{13a9}"),
    (0xab7a, "\u{13aa}"),
    (0xab7b, "\u{13ab}"),
    (0xab7c, "\u{13ac}"),
    (0xab7d, "\u{13ad}"),
    (0xab7e, "\u{13ae}"),
    (0xab7f, "\u{13af}"),
    (0xab80, "\u{13b0}"),
    (0xab81, "\u{13b1}"),
    (0xab82, "\u{13b2}"),
    (0xab83, "\u{13b3}"),
    (0xab84, "\u{13b4}"),
    (0xab85, "\u{13b5}"),
    (0xab86, "\u{13b6}"),
    (0xab87, "\u{13b7}"),
    (0xab88, "\u{13b8}"),
    (0xab89, "\u{13b9}"),
    (0xab8a, "\u{13ba}"),
    (0xab8b, "\u{13bb}"),
    (0xab8c, "\u{13bc}"),
    (0xab8d, "\u{13bd}"),
    (0xab8e, "\u{13be}"),
    (0xab8f, "\u{13bf}"),
    (0xab90, "\u{13c0}"),
    (0xab91, "\u{13c1}"),
    (0xab92, "\u{13c2}"),
    (0xab93, "\u{13c3}"),
    (0xab94, "\u{13c4}"),
    (0xab95, "\u{13c5}"),
    (0xab96, "\u{13c6}"),
    (0xab97, "\u{13c7}"),
    (0xab98, "\u{13c8}"),
    (0xab99, "\u{13c9}"),
    (0xab9a, "\u{13ca}"),
    (0xab9b, "\u{13cb}"),
    (0xab9c, "\u{13cc}"),
    (0xab9d, "\u{13cd}"),
    (0xab9e, "\u{13ce}"),
    (0xab9f, "\u{13cf}"),
    (0xaba0, "\u{13d0}"),
    (0xaba1, "\u{13d1}"),
    (0xaba2, "\u{13d2}"),
    (0xaba3, "\u{13d3}"),
    (0xaba4, "\u{13d4}"),
    (0xaba5, "\u{13d5}"),
    (0xaba6, "\u{13d6}"),
    (0xaba7, "\u{13d7}"),
    (0xaba8, "\u{13d8}"),
    (0xaba9, "\u{13d9}"),
    (0xabaa, "\u{13da}"),
    (0xabab, "\u{13db}"),
    (0xabac, "\u{13dc}"),
    (0xabad, "\u{13dd}"),
    (0xabae, "\u{13de}"),
    (0xabaf, "\u{13df}"),
    (0xabb0, "\u{13e0}"),
    (0xabb1, "\u{13e1}"),
    (0xabb2, "\u{13e2}"),
    (0xabb3, "\u{13e3}"),
    (0xabb4, "\u{13e4}"),
    (0xabb5, "\u{13e5}"),
    (0xabb6, "\u{13e6}"),
    (0xabb7, "\u{13e7}"),
    (0xabb8, "\u{13e8}"),
    (0xabb9, "\u{13e9}"),
    (0xabba, "\u{13ea}"),
    (0xabbb, "\u{13eb}"),
    (0xabbc, "\u{13ec}"),
    (0xabbd, "\u{13ed}"),
    (0xabbe, "\u{13ee}"),
    (0xabbf, "\u{13ef}"),
    (0xfb00, "ff"),
    (0xfb01, "fi"),
    (0xfb02, "fl"),
    (0xfb03, "ffi"),
    (0xfb04, "ffl"),
    (0xfb05, "st"),
    (0xfb06, "st"),
    (0xfb13, "\u{574}\u{576}"),
    (0xfb14, "\u{574}\u{565}"),
    (0xfb15, "\u{574}\u{56b}"),
    (0xfb16, "\u{57e}\u{576}"),
    (0xfb17, "\u{574}\u{56d}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        let reprs: &[(&str, &str)] = &[
            ("it's", "\"it's\""),
            ("say \"hi\"", "'say \"hi\"'"),
            ("both ' and \"", "'both \\' and \"'"),
            ("tab\u{9}here", "'tab\\there'"),
            ("a\u{a}b\u{d}", "'a\\nb\\r'"),
            ("back\\slash", "'back\\\\slash'"),
            ("\u{0}\u{1f}\u{7f}\u{80}\u{a0}\u{ad}", "'\\x00\\x1f\\x7f\\x80\\xa0\\xad'"),
            ("\u{e9}\u{65e5}\u{672c}\u{200b}\u{1f600}\u{e0001}", "'\u{e9}\u{65e5}\u{672c}\\u200b\u{1f600}\\U000e0001'"),
            ("", "''"),
        ];
        for (s, r) in reprs {
            assert_eq!(repr_str(s), *r);
        }
        assert_eq!(ascii_str("\u{e9}\u{65e5}\u{1f600}"), "'\\xe9\\u65e5\\U0001f600'");
    }

    #[test]
    fn split_matches_cpython() {
        type SplitCase<'a> = (&'a str, Option<&'a str>, i64, &'a [&'a str], &'a [&'a str]);
        let splits: &[SplitCase] = &[
            ("a,b,,c", Some(","), -1, &["a", "b", "", "c"], &["a", "b", "", "c"]),
            ("one  two three", None, -1, &["one", "two", "three"], &["one", "two", "three"]),
            ("k=v=w", Some("="), 1, &["k", "v=w"], &["k=v", "w"]),
            (" a b ", None, 0, &["a b "], &[" a b"]),
            ("  a  b  c  ", None, 1, &["a", "b  c  "], &["  a  b", "c"]),
            ("aaa", Some("aa"), -1, &["", "a"], &["a", ""]),
            ("", None, -1, &[], &[]),
            ("", Some(","), -1, &[""], &[""]),
            ("a\u{3000}b\u{1c}c", None, -1, &["a", "b", "c"], &["a", "b", "c"]),
            ("x", Some("x"), -1, &["", ""], &["", ""]),
        ];
        for (s, sep, max, want, rwant) in splits {
            assert_eq!(split_str(s, *sep, *max), *want, "{s:?}.split({sep:?}, {max})");
            assert_eq!(rsplit_str(s, *sep, *max), *rwant, "{s:?}.rsplit({sep:?}, {max})");
        }
        let lines = "first\nsecond\r\n\nfourth\rfifth\u{b}sixth\u{2028}end";
        assert_eq!(splitlines_str(lines, false), ["first", "second", "", "fourth", "fifth", "sixth", "end"]);
        assert_eq!(splitlines_str("x\n\n", true), ["x\n", "\n"]);
    }

    #[test]
    fn search_and_case() {
        assert_eq!(find_in("ab", "", Some(2), None, false), 2);
        assert_eq!(find_in("ab", "", Some(3), None, false), -1);
        assert_eq!(find_in("h\u{e9}llo w\u{f6}rld", "\u{f6}", None, None, false), 7);
        assert_eq!(find_in("abcabc", "b", None, None, true), 4);
        assert_eq!(count_in("ab", "", None, None), 3);
        assert_eq!(count_in("aaaa", "aa", None, None), 2);
        assert_eq!(title_str("they're bill's friends"), "They'Re Bill'S Friends");
        assert_eq!(title_str("\u{1c6}ungla"), "\u{1c5}ungla");
        assert_eq!(expandtabs_str("ab\n\tc", 3), "ab\n   c");
        assert!(is_identifier("x_1") && !is_identifier("1x") && is_identifier("\u{f1}"));
        assert!(!is_printable('\u{a0}') && is_printable('\u{e9}') && is_printable('\u{1f600}'));
        assert!(is_digit('\u{b2}') && !is_decimal('\u{b2}') && is_numeric('\u{bd}') && is_numeric('\u{4e00}'));
    }
}
