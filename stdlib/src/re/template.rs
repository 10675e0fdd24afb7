//! Replacement templates of `sub`, `subn` and `Match.expand`: `\1`, `\g<name>`, `\g<2>`,
//! escapes, with CPython's errors (`sre_parse.parse_template`).

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::{PyResult, Value, Vm};

use super::translate::{ErrorKind, ReError};
use super::{raise_re_error, CompiledPattern};

pub enum Piece {
    /// Text in engine characters (bytes as U+0000-U+00FF).
    Literal(String),
    Group(usize),
}

fn error(msg: impl Into<String>, pos: usize) -> ReError {
    ReError { msg: msg.into(), pos: Some(pos), kind: ErrorKind::Re }
}

/// Parses `template` (a str, or bytes for a bytes pattern) against `pattern`'s groups.
pub fn parse(vm: &mut Vm, template: &Value, pattern: &CompiledPattern) -> PyResult<Vec<Piece>> {
    let chars: Vec<char> = match (template.payload(), pattern.is_bytes) {
        (Some(Payload::Str(s)), false) => s.as_str().chars().collect(),
        (Some(Payload::Bytes(b)), true) => b.iter().map(|&c| c as char).collect(),
        (Some(Payload::ByteArray(b)), true) => b.borrow(vm).iter().map(|&c| c as char).collect(),
        (Some(Payload::Str(_)), true) => {
            return Err(vm.type_error(format!("expected a bytes-like object, {} found", vm.type_name(template))))
        }
        _ => return Err(vm.type_error(format!("expected str instance, {} found", vm.type_name(template)))),
    };
    match parse_chars(&chars, pattern) {
        Ok(pieces) => Ok(pieces),
        Err(TemplateError::Re(e)) => Err(raise_re_error(vm, &e, template)),
        Err(TemplateError::UnknownName(name)) => Err(vm.new_exception_msg(
            "IndexError",
            &format!("unknown group name {}", gilpy_interpreter::builtins::str::repr_str(&name)),
        )),
    }
}

enum TemplateError {
    Re(ReError),
    UnknownName(String),
}

impl From<ReError> for TemplateError {
    fn from(e: ReError) -> Self {
        TemplateError::Re(e)
    }
}

fn parse_chars(s: &[char], pattern: &CompiledPattern) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    let group = |pieces: &mut Vec<Piece>, literal: &mut String, index: usize, pos: usize| -> Result<(), ReError> {
        if index > pattern.groups {
            return Err(error(format!("invalid group reference {index}"), pos));
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(literal)));
        }
        pieces.push(Piece::Group(index));
        Ok(())
    };
    while i < s.len() {
        let c = s[i];
        if c == '\\' && i + 1 >= s.len() {
            return Err(error("bad escape (end of pattern)", i).into());
        }
        if c != '\\' {
            literal.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let e = s[i + 1];
        i += 2;
        match e {
            'g' => {
                if s.get(i) != Some(&'<') {
                    return Err(error("missing <", i).into());
                }
                i += 1;
                let name_start = i;
                let Some(close) = s[i..].iter().position(|&c| c == '>') else {
                    if i >= s.len() {
                        return Err(error("missing group name", i).into());
                    }
                    return Err(error("missing >, unterminated name", name_start).into());
                };
                let name: String = s[i..i + close].iter().collect();
                i += close + 1;
                if name.is_empty() {
                    return Err(error("missing group name", i - 1).into());
                }
                let index = if is_identifier(&name) {
                    match pattern.group_index(&name) {
                        Some(index) => index,
                        None => return Err(TemplateError::UnknownName(name)),
                    }
                } else if name.chars().all(|c| c.is_ascii_digit()) {
                    name.parse::<usize>().unwrap_or(usize::MAX)
                } else {
                    let shown = gilpy_interpreter::builtins::str::repr_str(&name);
                    return Err(error(format!("bad character in group name {shown}"), name_start).into());
                };
                group(&mut pieces, &mut literal, index, name_start)?;
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match s.get(i).and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                literal.push(char::from_u32(v & 0xff).unwrap_or('\0'));
            }
            '1'..='9' => {
                let mut digits = e.to_string();
                if let Some(&d2) = s.get(i).filter(|d| d.is_ascii_digit()) {
                    digits.push(d2);
                    i += 1;
                    let third = s.get(i).filter(|d| d.is_digit(8));
                    if let (true, true, Some(&d3)) = (e.is_digit(8), d2.is_digit(8), third) {
                        digits.push(d3);
                        i += 1;
                        let v = u32::from_str_radix(&digits, 8).unwrap_or(u32::MAX);
                        if v > 0o377 {
                            let msg = format!("octal escape value \\{digits} outside of range 0-0o377");
                            return Err(error(msg, start).into());
                        }
                        literal.push(char::from_u32(v).unwrap_or('\0'));
                        continue;
                    }
                }
                group(&mut pieces, &mut literal, digits.parse().unwrap_or(usize::MAX), start + 1)?;
            }
            _ => {
                let escaped = match e {
                    'a' => Some('\x07'),
                    'b' => Some('\x08'),
                    'f' => Some('\x0c'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'v' => Some('\x0b'),
                    '\\' => Some('\\'),
                    _ => None,
                };
                match escaped {
                    Some(ch) => literal.push(ch),
                    None if e.is_ascii_alphabetic() => return Err(error(format!("bad escape \\{e}"), start).into()),
                    None => {
                        literal.push('\\');
                        literal.push(e);
                    }
                }
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => chars.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}
