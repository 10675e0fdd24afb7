//! Tokens and the lexer.
//!
//! [`Tok`] is a [logos] token enum for the raw tokens; [`tokenize`] wraps the logos lexer the way
//! CPython's tokenizer works: it turns physical newlines into `Newline` tokens only at the end of
//! a logical line outside brackets, measures indentation to emit `Indent`/`Dedent`, skips blank and
//! comment-only lines, checks bracket matching and nesting depth, and adds the final
//! `Newline` + `Dedent`s at end of input. Every token comes as `(start, Tok, end)` with byte
//! offsets, ready for the lalrpop parser.
//!
//! The lexer does not stop at the first error: it returns the tokens read before it plus the
//! error, so the parser can report an earlier syntax error first, as CPython does.

use crate::ast::Constant;
use crate::error::{ErrKind, ParseErr};
use crate::number::Number;
use crate::strings;
use logos::Logos;

/// Most brackets open at once, as CPython's tokenizer (`MAXLEVEL`).
pub const MAX_BRACKET_DEPTH: usize = 200;
/// Most indentation levels, as CPython's tokenizer (`MAXINDENT`).
pub const MAX_INDENT_DEPTH: usize = 100;

/// A string literal as lexed: plain and bytes literals are already decoded; f-strings keep their
/// body (the source between the quotes) for the parser to split into fields.
#[derive(Clone, Debug, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    /// `body_start..body_end` are byte offsets of the text between the quotes.
    FStr {
        raw: bool,
        body_start: u32,
        body_end: u32,
    },
}

/// What a logos callback may fail with; `Default` is an unrecognised character.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawError {
    /// `None` for an unrecognised character.
    pub msg: Option<String>,
    /// Byte offsets of where to point, if not the token's own span.
    pub at: Option<(usize, usize)>,
}

impl RawError {
    pub(crate) fn at(msg: impl Into<String>, start: usize, end: usize) -> RawError {
        RawError { msg: Some(msg.into()), at: Some((start, end)) }
    }
}

/// Python's tokens. The variants without a pattern are made by the wrapper: `Newline`,
/// `Indent`, `Dedent`, the parser-mode markers `StartModule`/`StartExpr` and `LParWith` (a `(`
/// right after `with` whose matching `)` is followed by `:`, i.e. parenthesised with-items).
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = RawError)]
#[logos(skip r"[ \t\x0c]+")]
#[logos(skip r"#[^\r\n]*")]
#[logos(skip r"\\(\r\n|\n|\r)")]
pub enum Tok {
    /// A physical newline; the wrapper keeps it only where it ends a logical line.
    #[regex(r"\r\n|\n|\r")]
    Newline,
    Indent,
    Dedent,
    StartModule,
    StartExpr,
    StartFExpr,
    LParWith,
    /// The soft keywords `match` and `case` where they start a statement header (see
    /// `mark_soft_keywords`); elsewhere they are names.
    SoftMatch,
    SoftCase,
    /// A stray character such as `$` or `?`: a parse error at this token.
    Unknown,

    #[regex(r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*", lex_name)]
    Name(String),
    Int(Constant),
    Float(f64),
    Imag(f64),
    /// A number as logos sees it; the wrapper turns it into `Int`, `Float` or `Imag`.
    #[regex(r"[0-9]", lex_number)]
    #[regex(r"\.[0-9]", lex_number)]
    Number(Number),
    #[regex(r#"([rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?["']"#, strings::lex_string)]
    Str(StrLit),

    // Keywords.
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    // Operators and delimiters.
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinusEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
}

impl Tok {
    /// The bracket this token opens, if any.
    pub(crate) fn opens(&self) -> Option<char> {
        match self {
            Tok::LPar | Tok::LParWith => Some('('),
            Tok::LSqb => Some('['),
            Tok::LBrace => Some('{'),
            _ => None,
        }
    }

    fn closes(&self) -> Option<char> {
        match self {
            Tok::RPar => Some(')'),
            Tok::RSqb => Some(']'),
            Tok::RBrace => Some('}'),
            _ => None,
        }
    }
}

fn lex_name(lex: &mut logos::Lexer<Tok>) -> Result<String, RawError> {
    let s = lex.slice();
    if !s.is_ascii() {
        let base = lex.span().start;
        for (i, c) in s.char_indices() {
            let ok = if i == 0 { c == '_' || c.is_alphabetic() } else { c == '_' || c.is_alphanumeric() };
            if !ok && !c.is_ascii() {
                let msg = if c.is_whitespace() || c.is_control() || (c as u32) == 0xa0 {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                } else {
                    format!("invalid character '{}' (U+{:04X})", c, c as u32)
                };
                return Err(RawError::at(msg, base + i, base + i + c.len_utf8()));
            }
        }
    }
    Ok(s.to_string())
}

fn lex_number(lex: &mut logos::Lexer<Tok>) -> Result<Number, RawError> {
    let start = lex.span().start;
    let text = &lex.source()[start..];
    match crate::number::scan(text) {
        Ok((len, n)) => {
            lex.bump(len - lex.slice().len());
            Ok(n)
        }
        Err(e) => {
            // Skip the rest of the number-like text.
            let len = text.bytes().take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.').count();
            lex.bump(len.max(lex.slice().len()) - lex.slice().len());
            Err(RawError::at(e.msg, start + e.start, start + e.end))
        }
    }
}

/// A token with its byte span.
pub type Spanned = (usize, Tok, usize);

/// Where lexing started and what it may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module: full indentation handling.
    Module,
    /// `eval()` input: no INDENT/DEDENT, leading whitespace ignored.
    Expression,
    /// The expression inside an f-string field: as if inside parentheses.
    FString,
}

/// The output of [`tokenize`]: tokens up to the first error, and that error if any.
#[derive(Debug)]
pub struct Tokens {
    pub toks: Vec<Spanned>,
    pub error: Option<LexFailure>,
}

/// A lexer error and what it means for an interactive prompt.
#[derive(Debug, Clone)]
pub struct LexFailure {
    pub err: ParseErr,
    /// True if more input could make it go away (open bracket, open triple-quoted string,
    /// backslash at end of input).
    pub at_eof: bool,
}

/// Tokenizes `source[start..end]`. Spans are offsets into the whole `source`.
pub fn tokenize(source: &str, start: usize, end: usize, mode: Mode) -> Tokens {
    Wrapper::new(source, start, end, mode).run()
}

struct Wrapper<'s> {
    source: &'s str,
    base: usize,
    end: usize,
    mode: Mode,
    toks: Vec<Spanned>,
    /// `(column with tabs to 8, column with tabs as 1)` per open block, as CPython's `indstack`
    /// and `altindstack`.
    indents: Vec<(usize, usize)>,
    /// Open brackets: character and byte offset.
    brackets: Vec<(char, usize)>,
    /// True at the start of a logical line, before its first token.
    at_line_start: bool,
    /// Byte offset where the current physical line starts.
    line_start: usize,
}

impl<'s> Wrapper<'s> {
    fn new(source: &'s str, start: usize, end: usize, mode: Mode) -> Self {
        let mut brackets = Vec::new();
        if mode == Mode::FString {
            brackets.push(('(', start));
        }
        Wrapper {
            source,
            base: start,
            end,
            mode,
            toks: Vec::new(),
            indents: vec![(0, 0)],
            brackets,
            at_line_start: true,
            line_start: start,
        }
    }

    fn err(&self, kind: ErrKind, msg: impl Into<String>, start: usize, end: usize) -> ParseErr {
        ParseErr { kind, msg: msg.into(), start, end, zero_offset: false }
    }

    fn run(mut self) -> Tokens {
        let error = self.lex_all().err();
        self.mark_with_parens();
        self.mark_soft_keywords();
        Tokens { toks: self.toks, error }
    }

    fn lex_all(&mut self) -> Result<(), LexFailure> {
        let text = &self.source[self.base..self.end];
        let mut lex = Tok::lexer(text);
        // A UTF-8 byte order mark is ignored.
        if text.starts_with('\u{feff}') {
            lex.bump(3);
            self.line_start += 3;
        }
        while let Some(res) = lex.next() {
            let span = lex.span();
            let (start, end) = (span.start + self.base, span.end + self.base);
            let tok = match res {
                // Callbacks see only `source[base..end]`: make f-string body offsets absolute.
                Ok(Tok::Str(StrLit::FStr { raw, body_start, body_end })) => Tok::Str(StrLit::FStr {
                    raw,
                    body_start: body_start + self.base as u32,
                    body_end: body_end + self.base as u32,
                }),
                Ok(Tok::Number(n)) => match n {
                    Number::Int(c) => Tok::Int(c),
                    Number::Float(f) => Tok::Float(f),
                    Number::Imag(f) => Tok::Imag(f),
                },
                Ok(tok) => tok,
                // Stray ASCII punctuation (`$`, `?`, `!`, a backtick) is a token to CPython's
                // tokenizer, so lexing goes on and the parser reports it.
                Err(RawError { msg: None, .. })
                    if matches!(self.source.as_bytes()[start], b'$' | b'?' | b'!' | b'`') =>
                {
                    Tok::Unknown
                }
                Err(mut e) => {
                    if let Some((s, en)) = e.at {
                        e.at = Some((s + self.base, en + self.base));
                    }
                    // The line's INDENT/DEDENTs come first: the parser may fail on them.
                    if self.at_line_start && self.brackets.is_empty() && self.mode == Mode::Module {
                        self.at_line_start = false;
                        self.indentation(start)?;
                    }
                    return Err(self.raw_error(e, start, end));
                }
            };
            if tok == Tok::Newline {
                if self.brackets.is_empty() && !self.at_line_start {
                    self.toks.push((start, Tok::Newline, end));
                    self.at_line_start = true;
                }
                self.line_start = end;
                continue;
            }
            if self.at_line_start {
                self.at_line_start = false;
                if self.brackets.is_empty() && self.mode == Mode::Module {
                    self.indentation(start)?;
                }
            }
            if let Tok::Str(StrLit::FStr { raw, body_start, body_end }) = tok {
                crate::strings::check_fstring(self.source, raw, body_start as usize, body_end as usize, end)
                    .map_err(|err| LexFailure { err, at_eof: false })?;
            }
            if let Some(open) = tok.opens() {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(LexFailure {
                        err: self.err(ErrKind::Syntax, "too many nested parentheses", start, end),
                        at_eof: false,
                    });
                }
                self.brackets.push((open, start));
            } else if let Some(close) = tok.closes() {
                self.close_bracket(close, start, end)?;
            }
            // Strings spanning lines move the line start (for indentation of the next line).
            if let Tok::Str(_) = tok {
                if let Some(nl) = self.source[start..end].rfind(['\n', '\r']) {
                    self.line_start = start + nl + 1;
                }
            }
            self.toks.push((start, tok, end));
        }
        self.finish(lex.span().end + self.base)
    }

    fn raw_error(&self, e: RawError, start: usize, end: usize) -> LexFailure {
        let (s, en) = e.at.unwrap_or((start, end));
        match e.msg {
            Some(msg) => {
                let at_eof = msg.starts_with("unterminated triple-quoted");
                LexFailure { err: self.err(ErrKind::Syntax, msg, s, en), at_eof }
            }
            None => {
                let c = self.source[start..].chars().next().unwrap_or(' ');
                if c == '\\' {
                    // A backslash not followed by a newline.
                    let rest = &self.source[start + 1..self.end];
                    if rest.trim_matches([' ', '\t', '\x0c']).is_empty() && !rest.contains('\n') {
                        return LexFailure {
                            err: self.err(ErrKind::Syntax, "unexpected EOF while parsing", start + 1, start + 1),
                            at_eof: true,
                        };
                    }
                    return LexFailure {
                        err: self.err(
                            ErrKind::Syntax,
                            "unexpected character after line continuation character",
                            start + 1,
                            start + 1,
                        ),
                        at_eof: false,
                    };
                }
                if !c.is_ascii() {
                    let msg = if c.is_whitespace() || c.is_control() {
                        format!("invalid non-printable character U+{:04X}", c as u32)
                    } else {
                        format!("invalid character '{}' (U+{:04X})", c, c as u32)
                    };
                    return LexFailure {
                        err: self.err(ErrKind::Syntax, msg, start, start + c.len_utf8()),
                        at_eof: false,
                    };
                }
                if c.is_ascii_control() && c != '\t' {
                    return LexFailure {
                        err: self.err(
                            ErrKind::Syntax,
                            format!("invalid non-printable character U+{:04X}", c as u32),
                            start,
                            start + 1,
                        ),
                        at_eof: false,
                    };
                }
                // `$`, `?`, a backtick: CPython reports "invalid syntax" at it.
                LexFailure {
                    err: self.err(ErrKind::Syntax, "invalid syntax", start, start + c.len_utf8()),
                    at_eof: false,
                }
            }
        }
    }

    fn close_bracket(&mut self, close: char, start: usize, end: usize) -> Result<(), LexFailure> {
        let in_fstring = self.mode == Mode::FString && self.brackets.len() == 1;
        match self.brackets.last() {
            None => Err(LexFailure {
                err: self.err(ErrKind::Syntax, format!("unmatched '{close}'"), start, end),
                at_eof: false,
            }),
            Some(_) if in_fstring => Err(LexFailure {
                err: self.err(ErrKind::Syntax, format!("unmatched '{close}'"), start, end),
                at_eof: false,
            }),
            Some(&(open, open_at)) => {
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if expected != close {
                    let open_line = line_of(self.source, open_at);
                    let close_line = line_of(self.source, start);
                    let msg = if open_line != close_line {
                        format!(
                            "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {open_line}"
                        )
                    } else {
                        format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
                    };
                    return Err(LexFailure { err: self.err(ErrKind::Syntax, msg, start, end), at_eof: false });
                }
                self.brackets.pop();
                Ok(())
            }
        }
    }

    /// Measures the indentation of the line whose first token starts at `tok_start` and emits
    /// INDENT or DEDENTs (CPython's `tok_get` indentation block).
    fn indentation(&mut self, tok_start: usize) -> Result<(), LexFailure> {
        let (mut col, mut alt) = (0usize, 0usize);
        let ws = &self.source[self.line_start..tok_start];
        for c in ws.chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                // A backslash-newline inside the indentation: CPython keeps counting.
                _ => {}
            }
        }
        let line_len = self.source[self.line_start..self.end].find(['\n', '\r']).unwrap_or(self.end - self.line_start);
        let tab_error = |s: &Self| LexFailure {
            err: ParseErr {
                kind: ErrKind::Tab,
                msg: "inconsistent use of tabs and spaces in indentation".into(),
                start: s.line_start,
                end: s.line_start,
                zero_offset: false,
            },
            at_eof: false,
        };
        let &(top, top_alt) = self.indents.last().unwrap();
        if col == top {
            if alt != top_alt {
                return Err(tab_error(self));
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(tab_error(self));
            }
            if self.indents.len() > MAX_INDENT_DEPTH {
                return Err(LexFailure {
                    err: self.err(ErrKind::Indentation, "too many levels of indentation", tok_start, tok_start),
                    at_eof: false,
                });
            }
            self.indents.push((col, alt));
            self.toks.push((self.line_start, Tok::Indent, tok_start));
        } else {
            // Check the target level before emitting any DEDENT, as CPython does.
            let keep = self.indents.iter().rposition(|&(c, _)| c <= col).unwrap_or(0) + 1;
            let (top, top_alt) = self.indents[keep - 1];
            if col == top {
                for _ in keep..self.indents.len() {
                    self.toks.push((tok_start, Tok::Dedent, tok_start));
                }
                self.indents.truncate(keep);
            }
            if col != top {
                // CPython points just past the end of the line.
                let at = self.line_start + line_len;
                return Err(LexFailure {
                    err: self.err(ErrKind::Indentation, "unindent does not match any outer indentation level", at, at),
                    at_eof: false,
                });
            }
            if alt != top_alt {
                return Err(tab_error(self));
            }
        }
        Ok(())
    }

    fn finish(&mut self, eof: usize) -> Result<(), LexFailure> {
        let eof = eof.max(self.end);
        if let Some(&(open, at)) = self.brackets.last() {
            if self.mode == Mode::FString && self.brackets.len() == 1 {
                return Ok(());
            }
            return Err(LexFailure {
                err: self.err(ErrKind::Syntax, format!("'{open}' was never closed"), at, at + 1),
                at_eof: true,
            });
        }
        if !self.at_line_start && self.mode != Mode::FString {
            self.toks.push((eof, Tok::Newline, eof));
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.toks.push((eof, Tok::Dedent, eof));
        }
        Ok(())
    }

    /// Marks the soft keywords: `match` where a logical line starts with it and ends with a `:`
    /// outside brackets (only a compound statement's header ends so, and no other compound
    /// statement starts with a name: `match = 1`, `match(x)` stay names), and `case` where a line
    /// starts with it directly inside such a `match` block.
    fn mark_soft_keywords(&mut self) {
        let mut level = 0usize;
        let mut match_levels: Vec<usize> = Vec::new();
        // Index of the token that must be the INDENT opening the block of a `match` just marked.
        let mut block_indent_at: Option<usize> = None;
        for i in 0..self.toks.len() {
            match self.toks[i].1 {
                Tok::Indent => {
                    level += 1;
                    if block_indent_at == Some(i) {
                        match_levels.push(level);
                    }
                }
                Tok::Dedent => {
                    level = level.saturating_sub(1);
                    while match_levels.last().is_some_and(|&l| l > level) {
                        match_levels.pop();
                    }
                }
                _ => {}
            }
            let at_line_start = i == 0
                || matches!(
                    self.toks[i - 1].1,
                    Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule | Tok::Semi
                );
            let word = match &self.toks[i].1 {
                Tok::Name(n) if at_line_start && (n == "match" || n == "case") => n.clone(),
                _ => continue,
            };
            let next_is_operand = !matches!(
                self.toks.get(i + 1).map(|t| &t.1),
                None | Some(Tok::Colon | Tok::Equal | Tok::Dot | Tok::Comma | Tok::Newline | Tok::ColonEqual)
            );
            if !next_is_operand {
                continue;
            }
            if word == "match" && self.header_ends_with_colon(i + 1) {
                self.toks[i].1 = Tok::SoftMatch;
                block_indent_at = self.toks[i..].iter().position(|t| t.1 == Tok::Newline).map(|p| i + p + 1);
            } else if word == "case" && match_levels.last() == Some(&level) {
                self.toks[i].1 = Tok::SoftCase;
            }
        }
    }

    /// Does the logical line whose tokens start at `from` end with `:` outside brackets?
    fn header_ends_with_colon(&self, from: usize) -> bool {
        let mut depth = 0i32;
        let mut last: Option<&Tok> = None;
        for (_, t, _) in &self.toks[from..] {
            if t.opens().is_some() {
                depth += 1;
            } else if t.closes().is_some() {
                depth -= 1;
            } else if depth <= 0 && matches!(t, Tok::Newline) {
                break;
            }
            last = Some(t);
        }
        matches!(last, Some(Tok::Colon)) && depth <= 0
    }

    /// Marks `with (` as [`Tok::LParWith`] when its matching `)` is followed by `:`: the
    /// parenthesised form of several with-items.
    fn mark_with_parens(&mut self) {
        for i in 0..self.toks.len() {
            if self.toks[i].1 != Tok::With || i + 1 >= self.toks.len() || self.toks[i + 1].1 != Tok::LPar {
                continue;
            }
            let mut depth = 0usize;
            for j in i + 1..self.toks.len() {
                let t = &self.toks[j].1;
                if t.opens().is_some() {
                    depth += 1;
                } else if t.closes().is_some() {
                    depth -= 1;
                    if depth == 0 {
                        if matches!(self.toks.get(j + 1), Some((_, Tok::Colon, _))) {
                            self.toks[i + 1].1 = Tok::LParWith;
                        }
                        break;
                    }
                }
            }
        }
    }
}

/// 1-based line number of a byte offset (counting `\n`, `\r\n` and lone `\r`).
pub fn line_of(source: &str, offset: usize) -> usize {
    let bytes = &source.as_bytes()[..offset.min(source.len())];
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}
