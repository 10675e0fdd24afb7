//! Number literals, scanned by hand as CPython's tokenizer does (`tok_get`'s number section
//! and `verify_end_of_number` in `Parser/tokenizer.c`), so that every malformed literal gets
//! CPython's message and caret. logos only spots where a number starts.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::ast::Constant;

/// A scanned number.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(Constant),
    Float(f64),
    Imag(f64),
}

/// A malformed literal: message and the byte range (relative to the literal's start) to
/// point at.
#[derive(Debug, PartialEq)]
pub struct NumberError {
    pub msg: String,
    pub start: usize,
    pub end: usize,
}

/// Scans the number at the start of `s` (which starts with a digit, or `.` and a digit).
/// Returns its length and value.
pub fn scan(s: &str) -> Result<(usize, Number), NumberError> {
    let mut sc = Scanner { b: s.as_bytes(), cur: 0 };
    let kind = sc.number()?;
    let text = &s[..sc.cur];
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let num = match kind {
        Kind::Int(radix) => {
            let digits = if radix == 10 { &clean[..] } else { &clean[2..] };
            Number::Int(int_constant(digits, radix))
        }
        Kind::Float => Number::Float(parse_float(&clean)),
        Kind::Imag => Number::Imag(parse_float(&clean[..clean.len() - 1])),
    };
    Ok((sc.cur, num))
}

fn int_constant(digits: &str, radix: u32) -> Constant {
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Constant::Int(v),
        Err(_) => {
            let big = BigInt::parse_bytes(digits.as_bytes(), radix).expect("scanner checked the digits");
            match big.to_i64() {
                Some(v) => Constant::Int(v),
                None => Constant::BigInt(big),
            }
        }
    }
}

fn parse_float(s: &str) -> f64 {
    // Rust accepts "1." and ".5", and overflows to inf as Python does.
    s.parse::<f64>().unwrap_or(f64::INFINITY)
}

enum Kind {
    Int(u32),
    Float,
    Imag,
}

struct Scanner<'a> {
    b: &'a [u8],
    /// Like CPython's `tok->cur`: just past the last character read.
    cur: usize,
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Scanner<'_> {
    /// Reads one character (0 at the end).
    fn next(&mut self) -> u8 {
        let c = self.b.get(self.cur).copied().unwrap_or(0);
        self.cur += 1;
        c
    }

    fn backup(&mut self) {
        self.cur -= 1;
    }

    /// CPython's `syntaxerror(tok, ...)`: the caret goes on the character before `cur`.
    fn error<T>(&self, msg: impl Into<String>) -> Result<T, NumberError> {
        let at = self.cur.saturating_sub(1);
        Err(NumberError { msg: msg.into(), start: at, end: at + 1 })
    }

    fn lookahead(&self, word: &[u8]) -> bool {
        self.b[self.cur..].starts_with(word)
    }

    /// `c` was just read after a number. It may not be a name character, except for the start
    /// of a keyword that can follow a number (`1if x else y`), which CPython only warns about.
    fn end_of_number(&mut self, c: u8, kind: &str) -> Result<(), NumberError> {
        let keyword = match c {
            b'a' => self.lookahead(b"nd"),
            b'e' => self.lookahead(b"lse"),
            b'f' => self.lookahead(b"or"),
            b'i' => matches!(self.b.get(self.cur), Some(b'f' | b'n' | b's')),
            b'o' => self.lookahead(b"r"),
            b'n' => self.lookahead(b"ot"),
            _ => false,
        };
        if !keyword && is_ident_char(c) {
            self.backup();
            return self.error(format!("invalid {kind} literal"));
        }
        Ok(())
    }

    /// Digits after the first, with single underscores between them.
    fn decimal_tail(&mut self) -> Result<u8, NumberError> {
        loop {
            let mut c = self.next();
            while c.is_ascii_digit() {
                c = self.next();
            }
            if c != b'_' {
                return Ok(c);
            }
            let c = self.next();
            if !c.is_ascii_digit() {
                self.backup();
                return self.error("invalid decimal literal");
            }
        }
    }

    fn number(&mut self) -> Result<Kind, NumberError> {
        let c = self.next();
        if c == b'.' {
            let c = self.next();
            return self.fraction(c);
        }
        if c != b'0' {
            let c = self.decimal_tail()?;
            return self.after_integer_part(c);
        }
        let c = self.next();
        match c {
            b'x' | b'X' => self.radix(16, "hexadecimal"),
            b'o' | b'O' => self.radix(8, "octal"),
            b'b' | b'B' => self.radix(2, "binary"),
            _ => {
                // `0`, `00`, `0_0`, or a float / imaginary starting with zeros.
                let mut c = c;
                loop {
                    if c == b'_' {
                        c = self.next();
                        if !c.is_ascii_digit() {
                            self.backup();
                            return self.error("invalid decimal literal");
                        }
                    }
                    if c != b'0' {
                        break;
                    }
                    c = self.next();
                }
                let zeros_end = self.cur - 1;
                let mut nonzero = false;
                if c.is_ascii_digit() {
                    nonzero = true;
                    c = self.decimal_tail()?;
                }
                match c {
                    b'.' => {
                        let c = self.next();
                        self.fraction(c)
                    }
                    b'e' | b'E' => self.exponent(c),
                    b'j' | b'J' => self.imaginary(),
                    _ if nonzero => {
                        self.backup();
                        Err(NumberError {
                            msg: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                            start: 0,
                            end: zeros_end.max(1),
                        })
                    }
                    _ => {
                        self.end_of_number(c, "decimal")?;
                        self.backup();
                        Ok(Kind::Int(10))
                    }
                }
            }
        }
    }

    fn radix(&mut self, radix: u32, kind: &str) -> Result<Kind, NumberError> {
        let is_digit = |c: u8| (c as char).is_digit(radix);
        let mut c = self.next();
        loop {
            if c == b'_' {
                c = self.next();
            }
            if !is_digit(c) {
                if radix != 16 && c.is_ascii_digit() {
                    return self.error(format!("invalid digit '{}' in {kind} literal", c as char));
                }
                self.backup();
                return self.error(format!("invalid {kind} literal"));
            }
            c = self.next();
            while is_digit(c) {
                c = self.next();
            }
            if c != b'_' {
                break;
            }
        }
        if radix != 16 && c.is_ascii_digit() {
            return self.error(format!("invalid digit '{}' in {kind} literal", c as char));
        }
        self.end_of_number(c, kind)?;
        self.backup();
        Ok(Kind::Int(radix))
    }

    fn after_integer_part(&mut self, c: u8) -> Result<Kind, NumberError> {
        match c {
            b'.' => {
                let c = self.next();
                self.fraction(c)
            }
            b'e' | b'E' => self.exponent(c),
            b'j' | b'J' => self.imaginary(),
            _ => {
                self.end_of_number(c, "decimal")?;
                self.backup();
                Ok(Kind::Int(10))
            }
        }
    }

    /// After the `.`; `c` is the character following it.
    fn fraction(&mut self, mut c: u8) -> Result<Kind, NumberError> {
        if c.is_ascii_digit() {
            c = self.decimal_tail()?;
        }
        match c {
            b'e' | b'E' => self.exponent(c),
            b'j' | b'J' => self.imaginary(),
            _ => {
                self.end_of_number(c, "decimal")?;
                self.backup();
                Ok(Kind::Float)
            }
        }
    }

    /// `e` (the `e`/`E`) was just read.
    fn exponent(&mut self, e: u8) -> Result<Kind, NumberError> {
        let mut c = self.next();
        if c == b'+' || c == b'-' {
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup();
                return self.error("invalid decimal literal");
            }
        } else if !c.is_ascii_digit() {
            // `1else`: the number ends before the `e`.
            self.backup();
            self.end_of_number(e, "decimal")?;
            self.backup();
            return Ok(self.kind_so_far());
        }
        let c = self.decimal_tail()?;
        if c == b'j' || c == b'J' {
            return self.imaginary();
        }
        self.end_of_number(c, "decimal")?;
        self.backup();
        Ok(Kind::Float)
    }

    /// The kind of what was read before a rejected exponent (`1else` is an int, `1.else` a
    /// float).
    fn kind_so_far(&self) -> Kind {
        if self.b[..self.cur].contains(&b'.') {
            Kind::Float
        } else {
            Kind::Int(10)
        }
    }

    /// The `j`/`J` was just read.
    fn imaginary(&mut self) -> Result<Kind, NumberError> {
        let c = self.next();
        self.end_of_number(c, "imaginary")?;
        self.backup();
        Ok(Kind::Imag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> (usize, Number) {
        scan(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn err(s: &str) -> (String, usize) {
        let e = scan(s).expect_err(s);
        (e.msg, e.start)
    }

    #[test]
    fn lengths_and_kinds() {
        assert_eq!(ok("123 "), (3, Number::Int(Constant::Int(123))));
        assert_eq!(ok("1_000)"), (5, Number::Int(Constant::Int(1000))));
        assert_eq!(ok("0x_fF"), (5, Number::Int(Constant::Int(255))));
        assert_eq!(ok("0o1_7"), (5, Number::Int(Constant::Int(15))));
        assert_eq!(ok("0b1_0"), (5, Number::Int(Constant::Int(2))));
        assert_eq!(ok("0_0"), (3, Number::Int(Constant::Int(0))));
        assert_eq!(ok("1.5e-3,"), (6, Number::Float(1.5e-3)));
        assert_eq!(ok("1."), (2, Number::Float(1.0)));
        assert_eq!(ok(".5"), (2, Number::Float(0.5)));
        assert_eq!(ok("00.5"), (4, Number::Float(0.5)));
        assert_eq!(ok("012.5"), (5, Number::Float(12.5)));
        assert_eq!(ok("09j"), (3, Number::Imag(9.0)));
        assert_eq!(ok("1e5j"), (4, Number::Imag(1e5)));
        assert_eq!(ok("1if"), (1, Number::Int(Constant::Int(1))));
        assert_eq!(ok("1else"), (1, Number::Int(Constant::Int(1))));
        assert_eq!(ok("1.else"), (2, Number::Float(1.0)));
        assert_eq!(ok("0x1for"), (4, Number::Int(Constant::Int(31))));
        assert_eq!(ok("1or"), (1, Number::Int(Constant::Int(1))));
        assert_eq!(ok("1and"), (1, Number::Int(Constant::Int(1))));
        assert_eq!(ok("1not"), (1, Number::Int(Constant::Int(1))));
        assert_eq!(ok("1is"), (1, Number::Int(Constant::Int(1))));
    }

    #[test]
    fn errors_point_where_cpython_points() {
        assert_eq!(err("1abc"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("1e"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("2.5e-)"), ("invalid decimal literal".into(), 4));
        assert_eq!(err("1e+x"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("1.__5"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("0o_"), ("invalid octal literal".into(), 2));
        assert_eq!(err("1ej"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("1e5_"), ("invalid decimal literal".into(), 3));
        assert_eq!(err("1_"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("1__0"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("1.5x"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("0x"), ("invalid hexadecimal literal".into(), 1));
        assert_eq!(err("0x1g"), ("invalid hexadecimal literal".into(), 2));
        assert_eq!(err("0b1_"), ("invalid binary literal".into(), 3));
        assert_eq!(err("0o8"), ("invalid digit '8' in octal literal".into(), 2));
        assert_eq!(err("0o18"), ("invalid digit '8' in octal literal".into(), 3));
        assert_eq!(err("0b2"), ("invalid digit '2' in binary literal".into(), 2));
        assert_eq!(err("1j1"), ("invalid imaginary literal".into(), 1));
        assert_eq!(err("0_7_a"), ("invalid decimal literal".into(), 3));
        let e = scan("012").unwrap_err();
        assert!(e.msg.starts_with("leading zeros"));
        assert_eq!((e.start, e.end), (0, 1));
    }
}
