//! Runs the lexer and the generated LR parser, and turns lalrpop's errors into CPython's
//! messages: one expectation (`expected ':'`) or `invalid syntax`, never a token list.

use lalrpop_util::ParseError;

use crate::ast::{Expr, Module, StmtKind};
use crate::builder::{Ctx, TopResult};
use crate::error::{ErrKind, ParseErr};
use crate::lexer::{tokenize, Mode, Spanned, Tok, Tokens};

#[allow(clippy::all, unused, unused_parens, unused_qualifications, dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}

type PErr = ParseError<usize, Tok, ParseErr>;

/// How a parse ended, for [`crate::is_complete`] and the public parse functions.
pub(crate) enum Outcome {
    Ok(TopResult),
    /// A syntax error; `more_input_could_help` is true when the input simply ended too soon.
    Err {
        err: ParseErr,
        more_input_could_help: bool,
    },
}

pub(crate) fn run(src: &str, mode: Mode) -> (Outcome, Tokens) {
    let toks = tokenize(src, 0, src.len(), mode);
    let ctx = Ctx::new(src, parse_field);
    let start = match mode {
        Mode::Module => Tok::StartModule,
        Mode::Expression => Tok::StartExpr,
        Mode::FString => Tok::StartFExpr,
    };
    let outcome = parse_tokens(&ctx, start, &toks);
    (outcome, toks)
}

fn parse_tokens(ctx: &Ctx, start: Tok, toks: &Tokens) -> Outcome {
    let start_is_fstring = start == Tok::StartFExpr;
    let iter = std::iter::once(Ok((0, start, 0)))
        .chain(toks.toks.iter().cloned().map(Ok))
        .chain(toks.error.iter().map(|e| Err(e.err.clone())));
    match generated::TopParser::new().parse(ctx, iter) {
        Ok(r) => Outcome::Ok(r),
        Err(e) => {
            let at_eof_lex = toks.error.as_ref().map(|e| e.at_eof).unwrap_or(false);
            let more = match &e {
                ParseError::UnrecognizedEof { .. } => true,
                // The DEDENTs the lexer adds at the end of input: a block header (`if y:` inside
                // `if x:`) whose body has not been typed yet.
                ParseError::UnrecognizedToken { token: (s, Tok::Dedent, _), .. } => *s >= ctx.src.trim_end().len(),
                ParseError::User { error } => {
                    at_eof_lex && toks.error.as_ref().map(|l| &l.err == error).unwrap_or(false)
                }
                _ => false,
            };
            let base_depth = if start_is_fstring { 1 } else { 0 };
            Outcome::Err { err: map_error(ctx.src, toks, e, base_depth), more_input_could_help: more }
        }
    }
}

/// Parses the expression of an f-string field, `src[start..end]`; returns it and its depth.
fn parse_field(src: &str, start: usize, end: usize) -> Result<(Expr, u32), ParseErr> {
    let toks = tokenize(src, start, end, Mode::FString);
    let ctx = Ctx::new(src, parse_field);
    match parse_tokens(&ctx, Tok::StartFExpr, &toks) {
        Outcome::Ok(TopResult::Expr(mut e)) => {
            // CPython parses the field as `(text)`: a bare tuple spans the braces.
            if matches!(e.kind, crate::ast::ExprKind::Tuple(_)) && src.as_bytes()[e.span.start as usize] != b'(' {
                e.span = crate::ast::Span::new(start - 1, end + 1);
            }
            Ok((e, ctx.max_depth()))
        }
        Outcome::Ok(TopResult::Module(_)) => unreachable!("f-string field parsed as a module"),
        Outcome::Err { mut err, .. } => {
            if !err.msg.starts_with("f-string") {
                err.msg = format!("f-string: {}", err.msg);
            }
            Err(err)
        }
    }
}

pub(crate) fn parse_module(src: &str) -> Result<Module, ParseErr> {
    match run(src, Mode::Module).0 {
        Outcome::Ok(TopResult::Module(m)) => Ok(m),
        Outcome::Ok(TopResult::Expr(_)) => unreachable!(),
        Outcome::Err { err, .. } => Err(err),
    }
}

pub(crate) fn parse_expression(src: &str) -> Result<Expr, ParseErr> {
    match run(src, Mode::Expression).0 {
        Outcome::Ok(TopResult::Expr(e)) => Ok(e),
        Outcome::Ok(TopResult::Module(_)) => unreachable!(),
        Outcome::Err { err, .. } => Err(err),
    }
}

/// True if the last top-level statement is compound (its block could continue).
pub(crate) fn ends_with_compound(m: &Module) -> bool {
    matches!(
        m.body.last().map(|s| &s.kind),
        Some(
            StmtKind::If { .. }
                | StmtKind::For { .. }
                | StmtKind::While { .. }
                | StmtKind::Try { .. }
                | StmtKind::With { .. }
                | StmtKind::FunctionDef(_)
                | StmtKind::ClassDef(_)
                | StmtKind::Match { .. }
        )
    )
}

// ---------------------------------------------------------------------------------------------
// Error mapping.

fn has(expected: &[String], term: &str) -> bool {
    expected.iter().any(|e| e == term)
}

/// Index in `toks` of the token starting at `start` with the given kind, if any.
fn find_index(toks: &[Spanned], start: usize, tok: &Tok) -> Option<usize> {
    let i = toks.partition_point(|t| t.0 < start);
    (i..toks.len()).take_while(|&j| toks[j].0 == start).find(|&j| &toks[j].1 == tok)
}

/// Index of the first token of the logical line holding token `i`.
fn line_start_index(toks: &[Spanned], i: usize) -> usize {
    let mut j = i;
    while j > 0 && !matches!(toks[j - 1].1, Tok::Newline | Tok::Indent | Tok::Dedent) {
        j -= 1;
    }
    j
}

/// Bracket depth before each token (and after the last).
fn depths(toks: &[Spanned]) -> Vec<isize> {
    let mut out = Vec::with_capacity(toks.len() + 1);
    let mut d = 0isize;
    out.push(0);
    for t in toks {
        match t.1 {
            Tok::LPar | Tok::LParWith | Tok::LSqb | Tok::LBrace => d += 1,
            Tok::RPar | Tok::RSqb | Tok::RBrace => d -= 1,
            _ => {}
        }
        out.push(d);
    }
    out
}

fn ends_expr(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Str(_)
            | Tok::RPar
            | Tok::RSqb
            | Tok::RBrace
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
    )
}

fn starts_expr(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Str(_)
            | Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
            | Tok::Tilde
            | Tok::Lambda
    )
}

/// Tokens that end an expression operand when scanning (commas, `:`, `=`, keywords that are not
/// operators, statement ends).
fn is_expr_boundary(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Comma
            | Tok::Colon
            | Tok::Equal
            | Tok::ColonEqual
            | Tok::Semi
            | Tok::Newline
            | Tok::Indent
            | Tok::Dedent
            | Tok::StartModule
            | Tok::StartExpr
            | Tok::StartFExpr
            | Tok::For
            | Tok::If
            | Tok::Else
            | Tok::Lambda
            | Tok::Return
            | Tok::Yield
            | Tok::From
            | Tok::Import
            | Tok::As
            | Tok::Assert
            | Tok::Del
            | Tok::Raise
            | Tok::While
            | Tok::With
            | Tok::Elif
            | Tok::Global
            | Tok::Nonlocal
            | Tok::RArrow
            | Tok::At
            | Tok::PlusEqual
            | Tok::MinusEqual
            | Tok::StarEqual
            | Tok::SlashEqual
            | Tok::PercentEqual
            | Tok::AmperEqual
            | Tok::VBarEqual
            | Tok::CircumflexEqual
            | Tok::LeftShiftEqual
            | Tok::RightShiftEqual
            | Tok::DoubleStarEqual
            | Tok::DoubleSlashEqual
            | Tok::AtEqual
    )
}

/// Start of the operand that ends with token `i` (walking back over brackets and operators).
fn operand_start(toks: &[Spanned], i: usize) -> usize {
    let mut j = i as isize;
    let mut start = toks[i].0;
    while j >= 0 {
        let t = &toks[j as usize].1;
        if matches!(t, Tok::RPar | Tok::RSqb | Tok::RBrace) {
            // Skip back to the matching opener.
            let mut d = 0;
            while j >= 0 {
                match toks[j as usize].1 {
                    Tok::RPar | Tok::RSqb | Tok::RBrace => d += 1,
                    Tok::LPar | Tok::LParWith | Tok::LSqb | Tok::LBrace => {
                        d -= 1;
                        if d == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j -= 1;
            }
            if j < 0 {
                break;
            }
            start = toks[j as usize].0;
            j -= 1;
            continue;
        }
        if matches!(t, Tok::LPar | Tok::LParWith | Tok::LSqb | Tok::LBrace) || is_expr_boundary(t) {
            break;
        }
        start = toks[j as usize].0;
        j -= 1;
    }
    start
}

/// End of the operand that starts at token `i` (walking forward over brackets and operators).
fn operand_end(toks: &[Spanned], i: usize) -> usize {
    let mut j = i;
    let mut end = toks[i].2;
    while j < toks.len() {
        let t = &toks[j].1;
        if matches!(t, Tok::LPar | Tok::LParWith | Tok::LSqb | Tok::LBrace) {
            let mut d = 0;
            while j < toks.len() {
                match toks[j].1 {
                    Tok::LPar | Tok::LParWith | Tok::LSqb | Tok::LBrace => d += 1,
                    Tok::RPar | Tok::RSqb | Tok::RBrace => {
                        d -= 1;
                        if d == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= toks.len() {
                break;
            }
            end = toks[j].2;
            j += 1;
            continue;
        }
        if matches!(t, Tok::RPar | Tok::RSqb | Tok::RBrace) || is_expr_boundary(t) {
            break;
        }
        // Two operands in a row end it.
        if j > i && starts_expr(t) && ends_expr(&toks[j - 1].1) {
            break;
        }
        end = toks[j].2;
        j += 1;
    }
    end
}

fn block_owner(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::With => "'with' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

/// Turns a lalrpop error into the CPython-shaped one.
fn map_error(src: &str, toks: &Tokens, e: PErr, base_depth: isize) -> ParseErr {
    if std::env::var_os("GILPY_GRAMMAR_DEBUG").is_some() {
        eprintln!("lalrpop error: {e:?}");
    }
    let list = &toks.toks;
    let eof = end_of_input(src);
    let err = match e {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => ParseErr::syntax("invalid syntax", location, location),
        ParseError::ExtraToken { token: (l, _, r) } => ParseErr::syntax("invalid syntax", l, r),
        ParseError::UnrecognizedEof { expected, .. } => {
            if has(&expected, "Indent") {
                indent_expected(src, list, list.len(), eof, eof).at_column_zero()
            } else if has(&expected, "\"except\"") && has(&expected, "\"finally\"") {
                ParseErr::syntax("expected 'except' or 'finally' block", eof, eof).at_column_zero()
            } else {
                ParseErr::syntax("invalid syntax", eof, eof).at_column_zero()
            }
        }
        ParseError::UnrecognizedToken { token: (l, Tok::Dedent, _), expected } => {
            // CPython reports at a DEDENT with column 0: on the next statement's line, or on
            // the last line at the end of input.
            let at = if l >= src.len() { eof } else { l };
            let i = find_index(list, l, &Tok::Dedent).unwrap_or(list.len());
            if has(&expected, "Indent") {
                indent_expected(src, list, i, at, at).at_column_zero()
            } else if has(&expected, "\"except\"") && has(&expected, "\"finally\"") && !has(&expected, "\"+\"") {
                ParseErr::syntax("expected 'except' or 'finally' block", at, at).at_column_zero()
            } else {
                ParseErr::new(ErrKind::Indentation, "unexpected unindent", at, at).at_column_zero()
            }
        }
        ParseError::UnrecognizedToken { token: (l, tok, r), expected } => {
            let i = find_index(list, l, &tok).unwrap_or(list.len());
            unrecognized(src, list, i, l, &tok, r, &expected, base_depth)
        }
    };
    // After a parser error CPython tokenizes the rest of the input, and a tokenizer error found
    // there wins (`_PyPegen_tokenize_full_source_to_check_for_errors`). An unclosed bracket wins
    // only over errors on a later line than the bracket.
    let Some(lex) = &toks.error else { return err };
    let indent_error = err.kind == ErrKind::Indentation && err.msg == "unexpected indent";
    // Errors CPython's tokenizer only flags (E_DEDENT, E_TABSPACE, E_TOODEEP, E_LINECONT,
    // E_EOF) do not override; those it raises at once do.
    let flagged_only = lex.err.kind != ErrKind::Syntax
        || lex.err.msg == "invalid syntax"
        || lex.err.msg == "unexpected character after line continuation character"
        || lex.err.msg == "unexpected EOF while parsing"
        || lex.err.msg.starts_with("f-string");
    if lex.err == err || flagged_only || indent_error {
        return err;
    }
    if lex.err.msg.ends_with("was never closed") {
        // How far the PEG parser had read: past the range of errors found by lookahead rules.
        let lookahead_rule = err.msg.contains("forgot a comma")
            || err.msg.contains("Maybe you meant")
            || err.msg.starts_with("expression cannot contain assignment");
        let after = |end: usize| list.iter().find(|t| t.0 >= end).map(|t| t.0).unwrap_or(src.len());
        let i = list.partition_point(|t| t.0 < err.start);
        let reached = if lookahead_rule {
            after(err.end)
        } else if err.msg == "invalid syntax"
            && list.get(i).is_some_and(|t| t.1.opens().is_some())
            && !matches!(list.get(line_start_index(list, i)).map(|t| &t.1), Some(Tok::Import | Tok::From))
        {
            // The parser read into the bracket it failed at.
            src.len()
        } else if err.msg == "invalid syntax" && matches!(list.get(i), Some((_, Tok::Equal, _))) && i + 1 < list.len() {
            // `(x.y = 0 ...`: CPython's invalid_named_expression reads past the value.
            after(operand_end(list, i + 1))
        } else {
            err.start
        };
        let bracket_line = crate::lexer::line_of(src, lex.err.start);
        if crate::lexer::line_of(src, reached) <= bracket_line {
            return err;
        }
    }
    lex.err.clone()
}

/// Where CPython reports errors found at the end of input: on the line of the last
/// character (a final comment line included), at column 0.
fn end_of_input(src: &str) -> usize {
    src.len().saturating_sub(1)
}

fn indent_expected(src: &str, list: &[Spanned], i: usize, l: usize, r: usize) -> ParseErr {
    // The header ends with the NEWLINE before token `i`.
    let header_end = (0..i).rev().find(|&j| list[j].1 == Tok::Newline).unwrap_or(0);
    let first = line_start_index(list, header_end);
    let mut k = first;
    // Skip decorators' lines are separate logical lines; nothing to skip here.
    let owner = list.get(k).and_then(|t| block_owner(&t.1));
    while owner.is_none() && k < header_end && !matches!(list[k].1, Tok::Colon) {
        k += 1;
    }
    let (owner, kw_at) = match owner {
        Some(o) => (o, list[first].0),
        None => ("statement", list.get(first).map(|t| t.0).unwrap_or(0)),
    };
    let line = crate::lexer::line_of(src, kw_at);
    ParseErr::new(ErrKind::Indentation, format!("expected an indented block after {owner} on line {line}"), l, r)
}

#[allow(clippy::too_many_arguments)]
fn unrecognized(
    src: &str,
    list: &[Spanned],
    i: usize,
    l: usize,
    tok: &Tok,
    r: usize,
    expected: &[String],
    base_depth: isize,
) -> ParseErr {
    let generic = |s: usize, e: usize| ParseErr::syntax("invalid syntax", s, e);
    let depth = depths(list);
    if *tok == Tok::Indent {
        // CPython points into the indentation, so no caret is shown.
        let at = r.saturating_sub(1);
        return ParseErr::new(ErrKind::Indentation, "unexpected indent", at, at);
    }
    if has(expected, "Indent") {
        return indent_expected(src, list, i, l, r);
    }
    let first = line_start_index(list, i.min(list.len()));
    let kw = list.get(first).map(|t| &t.1);
    let colon_between = list[first..i.min(list.len())]
        .iter()
        .enumerate()
        .any(|(k, t)| t.1 == Tok::Colon && depth[first + k] == depth[first]);
    if has(expected, "\":\"") && !colon_between && depth[i] == depth[first] {
        let forced = matches!(kw, Some(Tok::Def | Tok::Else | Tok::Try | Tok::Finally));
        let header =
            matches!(kw, Some(Tok::If | Tok::Elif | Tok::While | Tok::For | Tok::With | Tok::Class | Tok::Except));
        if forced || (header && *tok == Tok::Newline) {
            return ParseErr::syntax("expected ':'", l, if *tok == Tok::Newline { l } else { r });
        }
    }
    if expected.len() == 1 && has(expected, "\"(\"") && kw == Some(&Tok::Def) {
        return ParseErr::syntax("expected '('", l, if *tok == Tok::Newline { l } else { r });
    }
    if has(expected, "\"except\"") && has(expected, "\"finally\"") && !has(expected, "\"+\"") {
        return ParseErr::syntax("expected 'except' or 'finally' block", l, r);
    }
    if *tok == Tok::Newline && kw == Some(&Tok::From) && i > 0 && list[i - 1].1 == Tok::Comma {
        return ParseErr::syntax("trailing comma not allowed without surrounding parentheses", l, l);
    }
    // `x = 5 if 3`: a conditional expression without `else`.
    if has(expected, "\"else\"") && i > 0 && *tok != Tok::Colon {
        let d = depth[i];
        if let Some(if_at) = (0..i).rev().find(|&k| list[k].1 == Tok::If && depth[k] == d) {
            if if_at > 0 && ends_expr(&list[if_at - 1].1) {
                let start = operand_start(list, if_at - 1);
                return ParseErr::syntax("expected 'else' after 'if' expression", start, list[i - 1].2);
            }
        }
    }
    if *tok == Tok::Newline {
        return generic(l, l);
    }
    let prev = if i > 0 { list.get(i - 1).map(|t| &t.1) } else { None };
    // `print x` / `exec code`: CPython's invalid_legacy_expression.
    if let Some(Tok::Name(n)) = prev {
        if (n == "print" || n == "exec") && starts_expr(tok) && *tok != Tok::LPar {
            let stmt_end = list[i..]
                .iter()
                .take_while(|t| !matches!(t.1, Tok::Newline | Tok::Semi))
                .last()
                .map(|t| t.2)
                .unwrap_or(r);
            let msg = format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?");
            return ParseErr::syntax(msg, list[i - 1].0, stmt_end);
        }
    }
    // `if x = 1:`: CPython's invalid_named_expression.
    if *tok == Tok::Equal && i >= 2 {
        if let Tok::Name(_) = &list[i - 1].1 {
            let before = &list[i - 2].1;
            let named_ctx = matches!(before, Tok::If | Tok::Elif | Tok::While | Tok::LSqb | Tok::LBrace)
                || (*before == Tok::LPar && !(i >= 3 && ends_expr(&list[i - 3].1)));
            if named_ctx && i + 1 < list.len() && starts_expr(&list[i + 1].1) {
                let end = operand_end(list, i + 1);
                return ParseErr::syntax(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    list[i - 1].0,
                    end,
                );
            }
        }
    }
    // `[1, 2 3]`: two operands in a row inside brackets.
    if i > 0 && starts_expr(tok) && ends_expr(&list[i - 1].1) && base_depth + depth[i] > 0 {
        let a = operand_start(list, i - 1);
        let a_idx = list.partition_point(|t| t.0 < a);
        let legacy = matches!(list.get(a_idx).map(|t| &t.1), Some(Tok::Name(_)))
            && matches!(list.get(a_idx + 1).map(|t| &t.1), Some(Tok::Str(_)));
        // Inside a comprehension CPython does not look for a missing comma.
        let d = depth[i];
        let opener = (0..i).rev().find(|&k| depth[k] < d).unwrap_or(0);
        let in_comprehension = (opener..i).any(|k| list[k].1 == Tok::For && depth[k] == d);
        if !legacy && !in_comprehension {
            let b = operand_end(list, i);
            return ParseErr::syntax("invalid syntax. Perhaps you forgot a comma?", a, b);
        }
        // `f(name"s"other)`: CPython skips `name "s"` but flags `"s" other`.
        if legacy
            && !in_comprehension
            && a_idx + 1 == i
            && ends_expr(tok)
            && list.get(i + 1).is_some_and(|t| starts_expr(&t.1))
        {
            let b = operand_end(list, i + 1);
            return ParseErr::syntax("invalid syntax. Perhaps you forgot a comma?", l, b);
        }
    }
    // `f(x): ...` or `1: int`: CPython never reads the `:` of an annotation after a call or a
    // literal, so it points at the `:`.
    if *tok == Tok::Newline && i >= 2 && list[i - 1].1 == Tok::Colon && depth[i] == 0 {
        let before = &list[i - 2].1;
        let j = i - 2;
        let is_call = *before == Tok::RPar && {
            // The matching `(` is the nearest token before with one level less.
            let open = (0..j).rev().find(|&k| depth[k] == depth[j] - 1);
            open.is_some_and(|k| k > 0 && ends_expr(&list[k - 1].1))
        };
        let literal = matches!(before, Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Str(_));
        if (is_call || literal) && block_owner(&list[first].1).is_none() && list[first].1 != Tok::Lambda {
            return generic(list[i - 1].0, list[i - 1].2);
        }
    }
    generic(l, r)
}
