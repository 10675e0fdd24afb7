//! String literals: scanning (a logos callback), escape decoding, f-string fields and the
//! concatenation of adjacent literals into one `Constant` or `JoinedStr`.

use crate::ast::{Constant, Expr, ExprKind, Span};
use crate::error::{ErrKind, ParseErr};
use crate::lexer::{line_of, RawError, StrLit, Tok};

/// logos callback for a string start (`f'`, `rb"`, ...): scans to the closing quote.
pub(crate) fn lex_string(lex: &mut logos::Lexer<Tok>) -> Result<StrLit, RawError> {
    let slice = lex.slice();
    let quote = slice.as_bytes()[slice.len() - 1];
    let prefix = slice[..slice.len() - 1].to_ascii_lowercase();
    let (raw, bytes, fstr) = (prefix.contains('r'), prefix.contains('b'), prefix.contains('f'));
    let tok_start = lex.span().start;
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let body_off = if triple { 2 } else { 0 };
    let mut i = body_off;
    let close_len = if triple { 3 } else { 1 };
    let body_end;
    loop {
        if i >= rest.len() {
            let src = lex.source();
            // CPython reports the line of the last character of the input.
            let last_line = line_of(src, src.len().saturating_sub(1));
            let msg = if triple {
                format!("unterminated triple-quoted string literal (detected at line {last_line})")
            } else {
                format!("unterminated string literal (detected at line {last_line})")
            };
            lex.bump(rest.len());
            return Err(RawError { msg: Some(msg), at: Some((tok_start, tok_start)) });
        }
        let b = rest[i];
        if b == b'\\' {
            i += if rest.get(i + 1) == Some(&b'\r') && rest.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
            continue;
        }
        if !triple && (b == b'\n' || b == b'\r') {
            let at = lex.span().end + i;
            let line = line_of(lex.source(), at);
            lex.bump(i);
            return Err(RawError {
                msg: Some(format!("unterminated string literal (detected at line {line})")),
                at: Some((tok_start, tok_start)),
            });
        }
        if b == quote && (!triple || (rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote))) {
            body_end = i;
            break;
        }
        i += 1;
    }
    let body_start_abs = lex.span().end + body_off;
    let body = &lex.remainder()[body_off..body_end];
    lex.bump(body_end + close_len);
    if fstr {
        return Ok(StrLit::FStr {
            raw,
            body_start: body_start_abs as u32,
            body_end: (body_start_abs + body.len()) as u32,
        });
    }
    // CPython points escape errors just past the literal.
    let tok_end = lex.span().end;
    let err_at = |m: String| RawError::at(m, tok_end, tok_end);
    if bytes {
        if !body.is_ascii() {
            return Err(RawError::at("bytes can only contain ASCII literal characters", tok_start, tok_end));
        }
        if raw {
            return Ok(StrLit::Bytes(body.as_bytes().to_vec()));
        }
        return decode_bytes(body).map(StrLit::Bytes).map_err(err_at);
    }
    if raw {
        return Ok(StrLit::Str(normalize_newlines(body)));
    }
    decode_str(body).map(StrLit::Str).map_err(err_at)
}

/// CRLF and CR inside a literal read as LF, as Python reads source files.
fn normalize_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

fn unicode_err(start: usize, end: usize, what: &str) -> String {
    format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}")
}

/// Decodes the escapes of a non-raw `str` literal body.
pub(crate) fn decode_str(body: &str) -> Result<String, String> {
    if !body.contains('\\') && !body.contains('\r') {
        return Ok(body.to_string());
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push('\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' {
            // Copy one UTF-8 char.
            let ch = body[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            // A lone trailing backslash cannot happen (the quote would be escaped).
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match e {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let digits = b.get(i..i + n).filter(|d| d.iter().all(|c| c.is_ascii_hexdigit()));
                let Some(digits) = digits else {
                    let mut end = i;
                    while end < b.len() && end < i + n && b[end].is_ascii_hexdigit() {
                        end += 1;
                    }
                    return Err(unicode_err(start, end.saturating_sub(1).max(start + 1), what));
                };
                let v = u32::from_str_radix(std::str::from_utf8(digits).unwrap(), 16).unwrap();
                i += n;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    // Lone surrogates cannot live in a Rust string.
                    None if (0xd800..0xe000).contains(&v) => out.push('\u{fffd}'),
                    None => return Err(unicode_err(start, i - 1, "illegal Unicode character")),
                }
            }
            b'N' => {
                let close = if b.get(i) == Some(&b'{') { body[i..].find('}').map(|p| i + p) } else { None };
                let Some(close) = close else {
                    return Err(unicode_err(start, (i).min(b.len() - 1), "malformed \\N character escape"));
                };
                let name = &body[i + 1..close];
                match unicode_names2::character(name) {
                    Some(ch) => out.push(ch),
                    None => return Err(unicode_err(start, close, "unknown Unicode character name")),
                }
                i = close + 1;
            }
            _ => {
                // Unknown escapes stay as written (CPython only warns).
                out.push('\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// Decodes the escapes of a non-raw bytes literal body (ASCII only).
fn decode_bytes(body: &str) -> Result<Vec<u8>, String> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' || i + 1 >= b.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let e = b[i + 1];
        i += 2;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'x' => {
                let ok = b.get(i..i + 2).filter(|d| d.iter().all(|c| c.is_ascii_hexdigit()));
                let Some(d) = ok else {
                    return Err(format!("(value error) invalid \\x escape at position {start}"));
                };
                out.push(u8::from_str_radix(std::str::from_utf8(d).unwrap(), 16).unwrap());
                i += 2;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// A piece of a string being assembled from adjacent literals.
enum Piece {
    Lit(String),
    Expr(Expr),
}

/// Joins adjacent literals (`"a" f"{x}" 'b'`) into one `Constant` or `JoinedStr` expression.
/// `parse_field` parses an f-string field's expression text at the given byte range.
pub(crate) fn join_strings(
    src: &str,
    parts: Vec<(usize, StrLit, usize)>,
    parse_field: &mut dyn FnMut(usize, usize) -> Result<Expr, ParseErr>,
) -> Result<Expr, ParseErr> {
    let span = Span::new(parts[0].0, parts.last().unwrap().2);
    let is_bytes = matches!(parts[0].1, StrLit::Bytes(_));
    if parts.iter().any(|p| matches!(p.1, StrLit::Bytes(_)) != is_bytes) {
        // CPython points just past the literals.
        return Err(ParseErr::new(
            ErrKind::Syntax,
            "cannot mix bytes and nonbytes literals",
            span.end as usize,
            span.end as usize,
        ));
    }
    if is_bytes {
        let mut out = Vec::new();
        for (_, p, _) in parts {
            if let StrLit::Bytes(b) = p {
                out.extend(b);
            }
        }
        return Ok(Expr { kind: ExprKind::Constant(Constant::Bytes(out)), span });
    }
    let any_f = parts.iter().any(|p| matches!(p.1, StrLit::FStr { .. }));
    if !any_f {
        let mut out = String::new();
        for (_, p, _) in parts {
            if let StrLit::Str(s) = p {
                out.push_str(&s);
            }
        }
        return Ok(Expr { kind: ExprKind::Constant(Constant::Str(out)), span });
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for (_, p, tok_end) in parts {
        match p {
            StrLit::Str(s) => push_lit(&mut pieces, s),
            StrLit::FStr { raw, body_start, body_end } => {
                let mut fs = FStringParser {
                    src,
                    raw,
                    pos: body_start as usize,
                    end: body_end as usize,
                    tok_end,
                    span,
                    parse_field,
                };
                fs.parse(0, &mut pieces)?;
            }
            StrLit::Bytes(_) => unreachable!(),
        }
    }
    Ok(Expr { kind: ExprKind::JoinedStr(finish_pieces(pieces, span)), span })
}

/// Checks an f-string's structure (braces, conversions, specs) without parsing its fields, so
/// that the lexer reports such errors where CPython does: at the literal, before whatever
/// follows it.
pub(crate) fn check_fstring(
    src: &str,
    raw: bool,
    body_start: usize,
    body_end: usize,
    tok_end: usize,
) -> Result<(), ParseErr> {
    let span = Span::new(body_start, tok_end);
    let mut dummy = |_: usize, _: usize| Ok(Expr { kind: ExprKind::Constant(Constant::None), span });
    let mut fs = FStringParser { src, raw, pos: body_start, end: body_end, tok_end, span, parse_field: &mut dummy };
    fs.parse(0, &mut Vec::new())
}

fn push_lit(pieces: &mut Vec<Piece>, s: String) {
    if s.is_empty() {
        return;
    }
    if let Some(Piece::Lit(last)) = pieces.last_mut() {
        last.push_str(&s);
    } else {
        pieces.push(Piece::Lit(s));
    }
}

fn finish_pieces(pieces: Vec<Piece>, span: Span) -> Vec<Expr> {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Lit(s) => Expr { kind: ExprKind::Constant(Constant::Str(s)), span },
            Piece::Expr(e) => e,
        })
        .collect()
}

struct FStringParser<'a, 'f> {
    src: &'a str,
    raw: bool,
    pos: usize,
    end: usize,
    /// End of this f-string token: CPython points its f-string errors just past it.
    tok_end: usize,
    span: Span,
    parse_field: &'f mut dyn FnMut(usize, usize) -> Result<Expr, ParseErr>,
}

impl FStringParser<'_, '_> {
    fn err(&self, msg: &str) -> ParseErr {
        ParseErr::new(ErrKind::Syntax, msg, self.tok_end, self.tok_end)
    }

    fn peek(&self) -> Option<u8> {
        if self.pos < self.end {
            Some(self.src.as_bytes()[self.pos])
        } else {
            None
        }
    }

    /// Parses literal text and fields until the end, or (in a format spec, `level > 0`) until
    /// the `}` that closes the field.
    fn parse(&mut self, level: u32, pieces: &mut Vec<Piece>) -> Result<(), ParseErr> {
        loop {
            let lit_start = self.pos;
            // Literal text up to a brace.
            while let Some(c) = self.peek() {
                if c == b'\\' && !self.raw {
                    // Skip the escape, including \N{...} whose braces are not fields.
                    let next = self.src.as_bytes().get(self.pos + 1).copied();
                    if next == Some(b'N') && self.src.as_bytes().get(self.pos + 2) == Some(&b'{') {
                        match self.src[self.pos..self.end].find('}') {
                            Some(p) => self.pos += p + 1,
                            None => self.pos = self.end,
                        }
                    } else {
                        self.pos += 2.min(self.end - self.pos);
                    }
                    continue;
                }
                if c == b'{' || c == b'}' {
                    break;
                }
                self.pos += 1;
            }
            let text = &self.src[lit_start..self.pos];
            let lit = if self.raw { normalize_newlines(text) } else { decode_str(text).map_err(|m| self.err(&m))? };
            push_lit(pieces, lit);
            let Some(c) = self.peek() else { return Ok(()) };
            let doubled = self.src.as_bytes().get(self.pos + 1) == Some(&c) && self.pos + 1 < self.end;
            if level == 0 && doubled {
                push_lit(pieces, (c as char).to_string());
                self.pos += 2;
                continue;
            }
            if c == b'}' {
                if level == 0 {
                    return Err(self.err("f-string: single '}' is not allowed"));
                }
                return Ok(());
            }
            let (debug_text, field) = self.field(level)?;
            if let Some(text) = debug_text {
                push_lit(pieces, text);
            }
            pieces.push(Piece::Expr(field));
        }
    }

    /// Parses one `{expr=!c:spec}` field; `self.pos` is at the `{`.
    /// Returns the `x=` text of a debug field, and the `FormattedValue`.
    fn field(&mut self, level: u32) -> Result<(Option<String>, Expr), ParseErr> {
        if level >= 2 {
            return Err(self.err("f-string: expressions nested too deeply"));
        }
        self.pos += 1;
        let expr_start = self.pos;
        let bytes = self.src.as_bytes();
        let mut quote: Option<(u8, bool)> = None;
        let mut stack: Vec<u8> = Vec::new();
        while self.pos < self.end {
            let ch = bytes[self.pos];
            if ch == b'\\' {
                return Err(self.err("f-string expression part cannot include a backslash"));
            }
            if let Some((q, triple)) = quote {
                if ch == q {
                    if triple {
                        if self.pos + 2 < self.end && bytes[self.pos + 1] == q && bytes[self.pos + 2] == q {
                            self.pos += 3;
                            quote = None;
                            continue;
                        }
                    } else {
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    if self.pos + 2 < self.end && bytes[self.pos + 1] == ch && bytes[self.pos + 2] == ch {
                        quote = Some((ch, true));
                        self.pos += 3;
                        continue;
                    }
                    quote = Some((ch, false));
                }
                b'[' | b'{' | b'(' => stack.push(ch),
                b'#' => return Err(self.err("f-string expression part cannot include '#'")),
                b']' | b'}' | b')' if !stack.is_empty() => {
                    let open = stack.pop().unwrap();
                    let want = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if ch != want {
                        return Err(self.err(&format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        )));
                    }
                }
                b']' | b')' => return Err(self.err(&format!("f-string: unmatched '{}'", ch as char))),
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if stack.is_empty() => {
                    let next = bytes.get(self.pos + 1).copied();
                    if self.pos + 1 < self.end && next == Some(b'=') && ch != b':' && ch != b'}' {
                        self.pos += 2;
                        continue;
                    }
                    if ch == b'<' || ch == b'>' {
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                _ => {}
            }
            self.pos += 1;
        }
        let expr_end = self.pos;
        if quote.is_some() {
            return Err(self.err("f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.err(&format!("f-string: unmatched '{}'", open as char)));
        }
        if self.pos >= self.end {
            return Err(self.err("f-string: expecting '}'"));
        }
        if self.src[expr_start..expr_end].trim().is_empty() {
            return Err(self.err("f-string: empty expression not allowed"));
        }
        let value = (self.parse_field)(expr_start, expr_end)?;
        let mut debug_text = None;
        if self.peek() == Some(b'=') {
            self.pos += 1;
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x0b')) {
                self.pos += 1;
            }
            if self.pos >= self.end {
                return Err(self.err("f-string: expecting '}'"));
            }
            debug_text = Some(self.src[expr_start..self.pos].to_string());
        }
        let mut conversion = None;
        if self.peek() == Some(b'!') {
            self.pos += 1;
            let Some(c) = self.peek() else {
                return Err(self.err("f-string: expecting '}'"));
            };
            if !matches!(c, b's' | b'r' | b'a') {
                return Err(self.err("f-string: invalid conversion character: expected 's', 'r', or 'a'"));
            }
            conversion = Some(c as char);
            self.pos += 1;
        }
        let mut format_spec = None;
        if self.peek() == Some(b':') {
            self.pos += 1;
            if self.pos >= self.end {
                return Err(self.err("f-string: expecting '}'"));
            }
            let mut spec = Vec::new();
            self.parse(level + 1, &mut spec)?;
            format_spec =
                Some(Box::new(Expr { kind: ExprKind::JoinedStr(finish_pieces(spec, self.span)), span: self.span }));
        }
        if self.peek() != Some(b'}') {
            return Err(self.err("f-string: expecting '}'"));
        }
        self.pos += 1;
        if debug_text.is_some() && format_spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        let fv = Expr {
            kind: ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec },
            span: self.span,
        };
        Ok((debug_text, fv))
    }
}
