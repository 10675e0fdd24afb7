//! What the grammar's actions call: node constructors that bound expression depth, checks of
//! assignment/deletion targets, call-argument and parameter-list validation, all with
//! CPython's messages.

use std::cell::RefCell;
use std::collections::HashMap;

use lalrpop_util::ParseError;

use crate::ast::*;
use crate::error::ParseErr;
use crate::lexer::{StrLit, Tok};
use crate::strings;

/// Deepest expression nesting accepted. Deeper source (e.g. 100,000 unary minuses) is a
/// `SyntaxError` instead of a stack overflow in later recursive passes over the tree. The
/// compiler can rely on expression trees being at most this deep.
pub const MAX_EXPR_DEPTH: u32 = 1000;

/// The lalrpop action result.
pub type R<T> = Result<T, ParseError<usize, Tok, ParseErr>>;

/// What the parser's single entry point produced.
pub enum TopResult {
    Module(Module),
    Expr(Expr),
}

/// One item of a parameter list, checked and sorted by [`Ctx::arguments`].
pub enum Param {
    Plain(Arg, Option<Expr>),
    /// `*` or `*args`: span of the `*`.
    Star(usize, usize, Option<Arg>),
    /// `**kwargs`; true if a (forbidden) default follows.
    DoubleStar(usize, usize, Arg, bool),
    Slash(usize, usize),
}

/// One item of a call's argument list.
pub enum CallArg {
    Pos(Expr),
    /// A bare generator expression argument `f(x for x in y)`.
    Gen(Expr, Vec<Comprehension>, usize, usize),
    Kw(String, Expr, usize, usize),
    Star(Expr, usize, usize),
    DoubleStar(Expr, usize, usize),
}

/// A call's argument list, checked as it is read.
#[derive(Default)]
pub struct CallArgs {
    pub args: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    /// True if the only argument is a bare generator expression (its span becomes the parens).
    pub bare_gen: bool,
    count: usize,
    seen_kw: bool,
    seen_dstar: bool,
}

/// Start of the next token at or after `pos` (skipping blanks, line breaks inside brackets,
/// comments and backslash continuations).
fn next_token_start(src: &str, mut pos: usize) -> usize {
    let b = src.as_bytes();
    while pos < b.len() {
        match b[pos] {
            b' ' | b'\t' | b'\x0c' | b'\n' | b'\r' | b'\\' => pos += 1,
            b'#' => {
                while pos < b.len() && b[pos] != b'\n' && b[pos] != b'\r' {
                    pos += 1;
                }
            }
            _ => break,
        }
    }
    pos
}

fn user(e: ParseErr) -> ParseError<usize, Tok, ParseErr> {
    ParseError::User { error: e }
}

pub fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt { kind, span: Span::new(l, r) }
}

/// End offset of the last statement of a block (0 for an empty block).
pub fn end_of(body: &[Stmt]) -> usize {
    body.last().map(|s| s.span.end as usize).unwrap_or(0)
}

/// Calls `f` on each direct child expression of `kind`.
pub fn for_each_child<'a>(kind: &'a ExprKind, mut f: impl FnMut(&'a Expr)) {
    fn args<'a>(a: &'a Arguments, f: &mut impl FnMut(&'a Expr)) {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs).chain(&a.vararg).chain(&a.kwarg) {
            if let Some(ann) = &arg.annotation {
                f(ann);
            }
        }
        a.defaults.iter().for_each(&mut *f);
        a.kw_defaults.iter().flatten().for_each(f);
    }
    fn comps<'a>(gens: &'a [Comprehension], f: &mut impl FnMut(&'a Expr)) {
        for g in gens {
            f(&g.target);
            f(&g.iter);
            g.ifs.iter().for_each(&mut *f);
        }
    }
    match kind {
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::NamedExpr { target, value } => {
            f(target);
            f(value);
        }
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::Lambda { args: a, body } => {
            args(a, &mut f);
            f(body);
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::Dict { keys, values } => {
            keys.iter().flatten().for_each(&mut f);
            values.iter().for_each(f);
        }
        ExprKind::Set(v) | ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::JoinedStr(v) => v.iter().for_each(f),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            comps(generators, &mut f);
        }
        ExprKind::DictComp { key, value, generators } => {
            f(key);
            f(value);
            comps(generators, &mut f);
        }
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                f(v);
            }
        }
        ExprKind::YieldFrom(v) | ExprKind::Starred(v) => f(v),
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Compare { left, comparators, .. } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call { func, args, keywords } => {
            f(func);
            args.iter().for_each(&mut f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            f(value);
            if let Some(s) = format_spec {
                f(s);
            }
        }
        ExprKind::Subscript { value, slice } => {
            f(value);
            f(slice);
        }
        ExprKind::Slice { lower, upper, step } => {
            for e in [lower, upper, step].into_iter().flatten() {
                f(e);
            }
        }
        ExprKind::Constant(_) | ExprKind::Name(_) => {}
    }
}

/// CPython's `_PyPegen_get_expr_name`: how messages name an expression.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Parses an f-string field's expression at a byte range of the source; returns it and its
/// depth.
pub type FieldParser = fn(&str, usize, usize) -> Result<(Expr, u32), ParseErr>;

/// Parser state shared by all actions of one parse.
pub struct Ctx<'s> {
    pub src: &'s str,
    /// Depth of each non-leaf expression built so far, by span. Keys may be shared by nodes
    /// with equal spans; the maximum is kept, which only overestimates.
    depths: RefCell<HashMap<(u32, u32), u32>>,
    pub field_parser: FieldParser,
}

impl<'s> Ctx<'s> {
    pub fn new(src: &'s str, field_parser: FieldParser) -> Self {
        Ctx { src, depths: RefCell::new(HashMap::new()), field_parser }
    }

    pub fn error(&self, msg: &str, start: usize, end: usize) -> ParseError<usize, Tok, ParseErr> {
        user(ParseErr::syntax(msg, start, end))
    }

    /// Depth of an expression already built (leaves are 1).
    pub fn depth(&self, e: &Expr) -> u32 {
        self.depths.borrow().get(&(e.span.start, e.span.end)).copied().unwrap_or(1)
    }

    /// Maximum depth of any expression built in this parse.
    pub fn max_depth(&self) -> u32 {
        self.depths.borrow().values().copied().max().unwrap_or(1)
    }

    fn record(&self, e: &Expr, d: u32) {
        let mut t = self.depths.borrow_mut();
        let slot = t.entry((e.span.start, e.span.end)).or_insert(d);
        if *slot < d {
            *slot = d;
        }
    }

    /// A node with no children (its depth is 1).
    pub fn leaf(&self, kind: ExprKind, l: usize, r: usize) -> Expr {
        Expr { kind, span: Span::new(l, r) }
    }

    /// Builds a node, refusing to nest deeper than [`MAX_EXPR_DEPTH`].
    pub fn mk(&self, kind: ExprKind, l: usize, r: usize) -> R<Expr> {
        self.finish(Expr { kind, span: Span::new(l, r) })
    }

    fn finish(&self, e: Expr) -> R<Expr> {
        let mut d = 0;
        for_each_child(&e.kind, |c| d = d.max(self.depth(c)));
        let d = d + 1;
        if d > MAX_EXPR_DEPTH {
            return Err(self.error(
                "too many nested expressions (the limit is 1000 levels)",
                e.span.start as usize,
                e.span.end as usize,
            ));
        }
        if d > 1 {
            self.record(&e, d);
        }
        Ok(e)
    }

    pub fn tuple(&self, elts: Vec<Expr>, l: usize, r: usize) -> R<Expr> {
        self.mk(ExprKind::Tuple(elts), l, r)
    }

    pub fn binop(&self, left: Expr, op: BinOp, right: Expr, l: usize, r: usize) -> R<Expr> {
        self.mk(ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) }, l, r)
    }

    pub fn boolop(&self, op: BoolOp, first: Expr, rest: Vec<Expr>, l: usize, r: usize) -> R<Expr> {
        let mut values = vec![first];
        values.extend(rest);
        self.mk(ExprKind::BoolOp { op, values }, l, r)
    }

    pub fn compare(&self, left: Expr, rest: Vec<(CmpOp, Expr)>, l: usize, r: usize) -> R<Expr> {
        let (ops, comparators) = rest.into_iter().unzip();
        self.mk(ExprKind::Compare { left: Box::new(left), ops, comparators }, l, r)
    }

    pub fn named(&self, name: String, l: usize, nr: usize, value: Expr, r: usize) -> R<Expr> {
        let target = Box::new(self.leaf(ExprKind::Name(name), l, nr));
        self.mk(ExprKind::NamedExpr { target, value: Box::new(value) }, l, r)
    }

    pub fn lambda(&self, params: Vec<Param>, body: Expr, l: usize, r: usize) -> R<Expr> {
        let args = self.arguments(params)?;
        self.mk(ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }, l, r)
    }

    pub fn strings(&self, parts: Vec<(usize, StrLit, usize)>) -> R<Expr> {
        let src = self.src;
        let fp = self.field_parser;
        let mut inner_depth = 0;
        let mut parse_field = |s: usize, e: usize| -> Result<Expr, ParseErr> {
            let (expr, d) = fp(src, s, e)?;
            inner_depth = inner_depth.max(d);
            Ok(expr)
        };
        let e = strings::join_strings(src, parts, &mut parse_field).map_err(user)?;
        if inner_depth + 3 > MAX_EXPR_DEPTH {
            return Err(self.error(
                "too many nested expressions (the limit is 1000 levels)",
                e.span.start as usize,
                e.span.end as usize,
            ));
        }
        if inner_depth > 0 {
            self.record(&e, inner_depth + 3);
        }
        Ok(e)
    }

    pub fn call(&self, func: Expr, mut a: CallArgs, lp: usize, l: usize, r: usize) -> R<Expr> {
        if a.bare_gen {
            // CPython gives a sole generator argument the span of the call's parentheses.
            if let Some(g) = a.args.first_mut() {
                let d = self.depth(g);
                g.span = Span::new(lp, r);
                self.record(g, d);
            }
        }
        self.mk(ExprKind::Call { func: Box::new(func), args: a.args, keywords: a.keywords }, l, r)
    }

    /// The name of a `name=value` call argument; anything but a name before `=` is an error.
    pub fn keyword_name(&self, k: Expr, eq_end: usize) -> R<String> {
        match k.kind {
            ExprKind::Name(name) => Ok(name),
            _ => {
                let msg = match &k.kind {
                    ExprKind::Constant(Constant::None | Constant::Bool(_)) => {
                        format!("cannot assign to {}", expr_name(&k))
                    }
                    _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
                };
                Err(self.error(&msg, k.span.start as usize, eq_end))
            }
        }
    }

    /// Adds one argument to a call's list, checking its order at once (CPython reports these
    /// as soon as it sees them, even if the call is never closed). `r` is the argument's end.
    pub fn push_arg(&self, mut acc: CallArgs, item: CallArg, r: usize) -> R<CallArgs> {
        acc.count += 1;
        if acc.bare_gen {
            let g = &acc.args[0];
            return Err(self.error(
                "Generator expression must be parenthesized",
                g.span.start as usize,
                g.span.end as usize,
            ));
        }
        match item {
            CallArg::Pos(e) => {
                let msg = if acc.seen_dstar {
                    Some("positional argument follows keyword argument unpacking")
                } else if acc.seen_kw {
                    Some("positional argument follows keyword argument")
                } else {
                    None
                };
                if let Some(msg) = msg {
                    // CPython points at the token after the argument.
                    let at = next_token_start(self.src, r);
                    return Err(self.error(msg, at, at + 1));
                }
                acc.args.push(e);
            }
            CallArg::Gen(elt, generators, l, r) => {
                if acc.count != 1 {
                    return Err(self.error("Generator expression must be parenthesized", l, r));
                }
                acc.bare_gen = true;
                acc.args.push(self.mk(ExprKind::GeneratorExp { elt: Box::new(elt), generators }, l, r)?);
            }
            CallArg::Star(e, l, r) => {
                if acc.seen_dstar {
                    return Err(self.error("iterable argument unpacking follows keyword argument unpacking", l, l + 1));
                }
                acc.args.push(self.mk(ExprKind::Starred(Box::new(e)), l, r)?);
            }
            CallArg::Kw(name, value, l, r) => {
                acc.seen_kw = true;
                acc.keywords.push(Keyword { arg: Some(name), value, span: Span::new(l, r) });
            }
            CallArg::DoubleStar(value, l, r) => {
                acc.seen_dstar = true;
                acc.keywords.push(Keyword { arg: None, value, span: Span::new(l, r) });
            }
        }
        Ok(acc)
    }

    /// Sorts a parameter list into [`Arguments`], with CPython's errors for misplaced `/`, `*`,
    /// `**` and defaults.
    pub fn arguments(&self, params: Vec<Param>) -> R<Arguments> {
        let mut a = Arguments::default();
        let mut seen_slash = false;
        let mut star: Option<(usize, usize, bool)> = None; // span of `*`, and whether bare
        let mut seen_kwarg = false;
        let mut seen_default = false;
        let span_of = |p: &Param| -> (usize, usize) {
            match p {
                Param::Plain(arg, _) => (arg.span.start as usize, arg.span.end as usize),
                Param::Star(l, r, _) | Param::DoubleStar(l, r, _, _) | Param::Slash(l, r) => (*l, *r),
            }
        };
        for p in params {
            if seen_kwarg {
                let (l, r) = span_of(&p);
                return Err(self.error("arguments cannot follow var-keyword argument", l, r));
            }
            match p {
                Param::Slash(l, r) => {
                    if seen_slash {
                        return Err(self.error("/ may appear only once", l, r));
                    }
                    if star.is_some() {
                        return Err(self.error("/ must be ahead of *", l, r));
                    }
                    if a.args.is_empty() {
                        return Err(self.error("at least one argument must precede /", l, r));
                    }
                    seen_slash = true;
                    a.posonlyargs = std::mem::take(&mut a.args);
                }
                Param::Star(l, r, arg) => {
                    if star.is_some() {
                        return Err(self.error("* argument may appear only once", l, r));
                    }
                    star = Some((l, r, arg.is_none()));
                    a.vararg = arg;
                }
                Param::Plain(arg, default) => {
                    if star.is_none() {
                        match default {
                            Some(d) => {
                                seen_default = true;
                                a.defaults.push(d);
                            }
                            None if seen_default => {
                                return Err(self.error(
                                    "non-default argument follows default argument",
                                    arg.span.start as usize,
                                    arg.span.end as usize,
                                ));
                            }
                            None => {}
                        }
                        a.args.push(arg);
                    } else {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    }
                }
                Param::DoubleStar(_, _, arg, has_default) => {
                    if has_default {
                        return Err(self.error(
                            "var-keyword argument cannot have default value",
                            arg.span.end as usize,
                            arg.span.end as usize + 1,
                        ));
                    }
                    if let Some((sl, sr, true)) = star {
                        if a.kwonlyargs.is_empty() {
                            return Err(self.error("named arguments must follow bare *", sl, sr));
                        }
                    }
                    a.kwarg = Some(arg);
                    seen_kwarg = true;
                }
            }
        }
        if let Some((sl, sr, true)) = star {
            if a.kwonlyargs.is_empty() {
                return Err(self.error("named arguments must follow bare *", sl, sr));
            }
        }
        Ok(a)
    }

    /// Checks an assignment-like target (`for`, `with ... as`, comprehension, `=`).
    pub fn check_target(&self, e: &Expr, _ctx: &str) -> R<()> {
        match self.bad_target(e) {
            Some(bad) => Err(self.target_error(bad)),
            None => Ok(()),
        }
    }

    /// The first sub-expression of `e` that cannot be assigned to.
    fn bad_target<'e>(&self, e: &'e Expr) -> Option<&'e Expr> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Starred(inner) => self.bad_target(inner),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().find_map(|x| self.bad_target(x)),
            _ => Some(e),
        }
    }

    fn target_error(&self, bad: &Expr) -> ParseError<usize, Tok, ParseErr> {
        let msg = match &bad.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "assignment to yield expression not possible".to_string(),
            _ => format!("cannot assign to {}", expr_name(bad)),
        };
        self.error(&msg, bad.span.start as usize, bad.span.end as usize)
    }

    pub fn assign(&self, first: Expr, rest: Vec<Expr>, l: usize, r: usize) -> R<Stmt> {
        let mut targets = vec![first];
        targets.extend(rest);
        let value = targets.pop().unwrap();
        for (i, t) in targets.iter().enumerate() {
            if let Some(bad) = self.bad_target(t) {
                // CPython's invalid_named_expression: `f() = 1` gets a hint about `==`.
                let here = i == 0
                    && targets.len() == 1
                    && std::ptr::eq(bad, t)
                    && is_bitwise_or_level(t)
                    && !matches!(
                        t.kind,
                        ExprKind::List(_)
                            | ExprKind::Tuple(_)
                            | ExprKind::GeneratorExp { .. }
                            | ExprKind::Constant(Constant::None | Constant::Bool(_))
                            | ExprKind::Yield(_)
                            | ExprKind::YieldFrom(_)
                    )
                    && !matches!(value.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_) | ExprKind::Starred(_));
                if here {
                    let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(bad));
                    return Err(self.error(&msg, bad.span.start as usize, bad.span.end as usize));
                }
                return Err(self.target_error(bad));
            }
        }
        Ok(stmt(StmtKind::Assign { targets, value }, l, r))
    }

    pub fn aug_assign(&self, target: Expr, op: BinOp, value: Expr, l: usize, r: usize) -> R<Stmt> {
        if !matches!(target.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
            let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(&target));
            return Err(self.error(&msg, target.span.start as usize, target.span.end as usize));
        }
        Ok(stmt(StmtKind::AugAssign { target, op, value }, l, r))
    }

    pub fn ann_assign(&self, target: Expr, annotation: Expr, value: Option<Expr>, l: usize, r: usize) -> R<Stmt> {
        let (ts, te) = (target.span.start as usize, target.span.end as usize);
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(elts) => {
                // `a, b: int` points at `a` only; `(a, b): int` at the whole tuple.
                let end = if ts == l && self.src.as_bytes()[l] != b'(' { elts[0].span.end as usize } else { te };
                return Err(self.error("only single target (not tuple) can be annotated", l, end));
            }
            ExprKind::List(_) => return Err(self.error("only single target (not list) can be annotated", l, te + 1)),
            _ => return Err(self.error("illegal target for annotation", ts, te)),
        }
        // `(x): int` is not simple: the target does not start the statement.
        let simple = matches!(target.kind, ExprKind::Name(_)) && ts == l;
        Ok(stmt(StmtKind::AnnAssign { target, annotation, value, simple }, l, r))
    }

    pub fn delete(&self, targets: Vec<Expr>, l: usize, r: usize) -> R<Stmt> {
        fn bad(e: &Expr) -> Option<&Expr> {
            match &e.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
                ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().find_map(bad),
                _ => Some(e),
            }
        }
        if let Some(b) = targets.iter().find_map(bad) {
            let msg = format!("cannot delete {}", expr_name(b));
            return Err(self.error(&msg, b.span.start as usize, b.span.end as usize));
        }
        Ok(stmt(StmtKind::Delete(targets), l, r))
    }

    pub fn if_chain(
        &self,
        l: usize,
        test: Expr,
        body: Vec<Stmt>,
        elifs: Vec<(usize, Expr, Vec<Stmt>)>,
        orelse: Vec<Stmt>,
    ) -> Stmt {
        // Build from the last elif outwards: each elif is an If in its predecessor's orelse.
        let mut tail = orelse;
        for (el, etest, ebody) in elifs.into_iter().rev() {
            let r = end_of(&tail).max(end_of(&ebody));
            tail = vec![stmt(StmtKind::If { test: etest, body: ebody, orelse: tail }, el, r)];
        }
        let r = end_of(&tail).max(end_of(&body));
        stmt(StmtKind::If { test, body, orelse: tail }, l, r)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn funcdef(
        &self,
        decorators: Vec<Expr>,
        l: usize,
        name: String,
        h: usize,
        params: Vec<Param>,
        returns: Option<Expr>,
        body: Vec<Stmt>,
    ) -> R<Stmt> {
        let args = self.arguments(params)?;
        let r = end_of(&body);
        let header = Span::new(l, h);
        Ok(stmt(StmtKind::FunctionDef(Box::new(FunctionDef { name, args, body, decorators, returns, header })), l, r))
    }

    pub fn classdef(
        &self,
        decorators: Vec<Expr>,
        l: usize,
        name: String,
        h: usize,
        args: Option<CallArgs>,
        body: Vec<Stmt>,
    ) -> R<Stmt> {
        let (bases, keywords) = match args {
            Some(a) => (a.args, a.keywords),
            None => (Vec::new(), Vec::new()),
        };
        let r = end_of(&body);
        let header = Span::new(l, h);
        Ok(stmt(StmtKind::ClassDef(Box::new(ClassDef { name, bases, keywords, body, decorators, header })), l, r))
    }
}

/// True if `e` could have been parsed by CPython's `bitwise_or` rule (no comparison, `not`,
/// boolean operator, conditional or lambda at its top).
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred(_)
    )
}
