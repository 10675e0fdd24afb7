//! Operands of the protocol 0 text opcodes: decimal ints and floats, quoted Python 2 strings
//! with backslash escapes, raw-unicode-escape text, memo indexes.

use gilpy_interpreter::{PyResult, Value, Vm};
use num_bigint::BigInt;

use super::errors::unpickling_error;

/// The operand as the C string CPython parses: the line and its newline, cut at a NUL byte.
fn c_string(line: &[u8]) -> Vec<u8> {
    let mut s = line.to_vec();
    s.push(b'\n');
    if let Some(nul) = s.iter().position(|&b| b == 0) {
        s.truncate(nul);
    }
    s
}

/// The C string as text; CPython's int parser decodes it (raising UnicodeDecodeError).
fn c_text(vm: &mut Vm, c: &[u8]) -> PyResult<String> {
    gilpy_interpreter::builtins::bytes::decode_bytes(vm, c, "utf-8", "strict")
}

/// An int literal with base prefix (`int(s, 0)`), as the text opcodes write them.
fn parse_int_literal(s: &str) -> Option<BigInt> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else {
        (10, lower.as_str())
    };
    let digits = digits.replace('_', "");
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let n = BigInt::parse_bytes(digits.as_bytes(), radix)?;
    Some(if negative { -n } else { n })
}

/// C's `strtol(s, &end, 0)` over the whole line: None unless every byte was consumed and the
/// value fits an i64.
fn strtol_whole(line: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(line).ok()?.trim_start();
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if body.len() > 2 && (body.starts_with("0x") || body.starts_with("0X")) {
        (16, &body[2..])
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let n = i64::from_str_radix(digits, radix).ok()?;
    Some(if negative { -n } else { n })
}

/// INT: a two-character 0 or 1 (`I00`, `I01`) is protocol 0's bool.
pub fn parse_int_opcode(vm: &mut Vm, line: &[u8]) -> PyResult<Value> {
    let c = c_string(line);
    let digits = c.strip_suffix(b"\n").unwrap_or(&c);
    let small = if digits.is_empty() { Some(0) } else { strtol_whole(digits) };
    if let Some(x) = small {
        if line.len() == 2 && (x == 0 || x == 1) {
            return Ok(Value::Bool(x == 1));
        }
        return Ok(Value::Int(x));
    }
    match std::str::from_utf8(&c).ok().map(str::trim).and_then(parse_int_literal) {
        Some(n) => Ok(Value::int_from_big(n)),
        None => Err(vm.value_error("could not convert string to int")),
    }
}

/// LONG: an int literal, usually with a trailing `L`.
pub fn parse_long_opcode(vm: &mut Vm, line: &[u8]) -> PyResult<Value> {
    // CPython ends the text at the `L` (so its error message then shows no newline).
    let c = match line.last() {
        Some(b'L') => c_string(&line[..line.len() - 1]).strip_suffix(b"\n").map(<[u8]>::to_vec).unwrap_or_default(),
        _ => c_string(line),
    };
    let text = c_text(vm, &c)?;
    match parse_int_literal(text.trim()) {
        Some(n) => Ok(Value::int_from_big(n)),
        None => {
            let lower = text.trim().trim_start_matches(['+', '-']).to_ascii_lowercase();
            let base = match lower.get(..2) {
                Some("0x") => 16,
                Some("0o") => 8,
                Some("0b") => 2,
                _ => 10,
            };
            Err(vm.value_error(format!("invalid literal for int() with base {base}: {}", py_repr(&text))))
        }
    }
}

/// The longest prefix of `s` that is a float literal, and its value.
fn float_prefix(s: &str) -> Option<(usize, f64)> {
    let lower = s.to_ascii_lowercase();
    let sign = usize::from(lower.starts_with(['+', '-']));
    for word in ["infinity", "inf", "nan"] {
        if lower[sign..].starts_with(word) {
            let v = if word == "nan" { f64::NAN } else { f64::INFINITY };
            return Some((sign + word.len(), if lower.starts_with('-') { -v } else { v }));
        }
    }
    let bytes = s.as_bytes();
    let mut end = sign;
    let digits = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let int_digits = digits(end);
    end += int_digits;
    let mut frac_digits = 0;
    if bytes.get(end) == Some(&b'.') {
        frac_digits = digits(end + 1);
        end += 1 + frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let exp_sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exp_digits = digits(end + 1 + exp_sign);
        if exp_digits > 0 {
            end += 1 + exp_sign + exp_digits;
        }
    }
    s[..end].parse::<f64>().ok().map(|v| (end, v))
}

pub fn parse_float_opcode(vm: &mut Vm, line: &[u8]) -> PyResult<Value> {
    let c = c_string(line);
    let text = String::from_utf8_lossy(&c).into_owned();
    let body = text.strip_suffix('\n').unwrap_or(&text);
    match float_prefix(body) {
        None => Err(vm.value_error(format!("could not convert string to float: '{text}'"))),
        Some((end, _)) if end != body.len() => Err(vm.value_error("could not convert string to float")),
        Some((_, v)) if v.is_infinite() && !body.to_ascii_lowercase().contains("inf") => {
            Err(vm.overflow_error(format!("value too large to convert to float: {text}")))
        }
        Some((_, v)) => Ok(Value::Float(v)),
    }
}

/// GET/PUT operand: a decimal memo index (negative ones are the caller's to reject).
pub fn parse_memo_index(vm: &mut Vm, line: &[u8]) -> PyResult<i64> {
    let c = c_string(line);
    let text = c_text(vm, &c)?;
    let trimmed = text.trim().replace('_', "");
    match trimmed.parse::<i64>() {
        Ok(n) => Ok(n),
        Err(_) => Err(vm.value_error(format!("invalid literal for int() with base 10: {}", py_repr(&text)))),
    }
}

fn py_repr(s: &str) -> String {
    gilpy_interpreter::builtins::str::repr_str(s)
}

/// STRING: a quoted Python 2 string literal; gives its bytes with escapes decoded.
pub fn unquote_string_opcode(vm: &mut Vm, line: &[u8]) -> PyResult<Vec<u8>> {
    let n = line.len();
    let quoted = n >= 2 && line[0] == line[n - 1] && (line[0] == b'\'' || line[0] == b'"');
    if !quoted {
        return Err(unpickling_error(vm, "the STRING opcode argument must be quoted"));
    }
    decode_escapes(&line[1..n - 1]).map_err(|pos| vm.value_error(format!("invalid \\x escape at position {pos}")))
}

/// Python 2 string escapes; Err gives the position of a bad `\x` escape.
fn decode_escapes(s: &[u8]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' || i + 1 >= s.len() {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let c = s[i + 1];
        i += 2;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut taken = 0;
                while taken < 2 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + (s[i] - b'0') as u32;
                    i += 1;
                    taken += 1;
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = s.get(i..i + 2).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => return Err(i - 2),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// UNICODE: `\uXXXX` and `\UXXXXXXXX` escapes, every other byte a Latin-1 character.
pub fn decode_raw_unicode_escape(vm: &mut Vm, s: &[u8]) -> PyResult<String> {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let is_escape = s[i] == b'\\' && matches!(s.get(i + 1), Some(b'u' | b'U'));
        // An even run of backslashes before the `u` means the escape itself is escaped.
        let preceding = s[..i].iter().rev().take_while(|&&b| b == b'\\').count();
        if !is_escape || preceding % 2 == 1 {
            out.push(s[i] as char);
            i += 1;
            continue;
        }
        let width = if s[i + 1] == b'u' { 4 } else { 8 };
        let hex = s.get(i + 2..i + 2 + width).and_then(|h| std::str::from_utf8(h).ok());
        let code =
            hex.filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit())).and_then(|h| u32::from_str_radix(h, 16).ok());
        let Some(code) = code else {
            let end = (i + 2 + width).min(s.len()) - 1;
            let kind = if width == 4 { "\\uXXXX" } else { "\\UXXXXXXXX" };
            let msg =
                format!("'rawunicodeescape' codec can't decode bytes in position {i}-{end}: truncated {kind} escape");
            return Err(vm.new_exception_msg("UnicodeDecodeError", &msg));
        };
        match char::from_u32(code) {
            Some(c) => out.push(c),
            None => {
                let end = i + 1 + width;
                let msg = format!(
                    "'rawunicodeescape' codec can't decode bytes in position {i}-{end}: \\Uxxxxxxxx out of range"
                );
                return Err(vm.new_exception_msg("UnicodeDecodeError", &msg));
            }
        }
        i += 2 + width;
    }
    Ok(out)
}
