//! Actions of the `match` statement's grammar: building patterns and checking them with
//! CPython's messages (`cannot use '_' as a target`, `positional patterns follow keyword
//! patterns`, `name capture 'x' makes remaining patterns unreachable` ...).

use crate::ast::*;
use crate::builder::{stmt, Ctx, R};
use crate::lexer::StrLit;

pub fn pat(kind: PatternKind, l: usize, r: usize) -> Pattern {
    Pattern { kind, span: Span::new(l, r) }
}

/// One argument of a class pattern: `p` or `name=p`.
pub enum ClassArg {
    Pos(Pattern),
    Kw(String, Pattern),
}

impl Ctx<'_> {
    pub fn match_stmt(&self, subject: Expr, cases: Vec<MatchCase>, l: usize, r: usize) -> R<Stmt> {
        // Unreachable cases and inconsistent bindings are the compiler's errors, as in CPython
        // (`ast.parse` accepts them).
        Ok(stmt(StmtKind::Match { subject, cases }, l, r))
    }

    pub fn as_pattern(&self, p: Pattern, name: String, l: usize, nl: usize, r: usize) -> R<Pattern> {
        if name == "_" {
            return Err(self.error("cannot use '_' as a target", nl, r));
        }
        Ok(pat(PatternKind::MatchAs { pattern: Some(Box::new(p)), name: Some(name) }, l, r))
    }

    /// `x` (a capture), `_` (the wildcard) or `a.b` (a value compared with `==`).
    pub fn name_pattern(&self, parts: Vec<(String, usize)>, l: usize, r: usize) -> R<Pattern> {
        if parts.len() == 1 {
            let name = parts.into_iter().next().map(|(n, _)| n).unwrap_or_default();
            let name = if name == "_" { None } else { Some(name) };
            return Ok(pat(PatternKind::MatchAs { pattern: None, name }, l, r));
        }
        let value = self.dotted(parts, l)?;
        Ok(pat(PatternKind::MatchValue(value), l, r))
    }

    fn dotted(&self, parts: Vec<(String, usize)>, l: usize) -> R<Expr> {
        let mut it = parts.into_iter();
        let (first, first_end) = it.next().unwrap_or_default();
        let mut e = self.leaf(ExprKind::Name(first), l, first_end);
        for (attr, end) in it {
            e = self.mk(ExprKind::Attribute { value: Box::new(e), attr }, l, end)?;
        }
        Ok(e)
    }

    /// A mapping key: a literal, or a dotted name with at least one dot.
    pub fn mapping_key(&self, parts: Vec<(String, usize)>, l: usize, r: usize) -> R<Expr> {
        if parts.len() < 2 {
            return Err(self.error("invalid syntax", l, r));
        }
        self.dotted(parts, l)
    }

    pub fn mapping_pattern(&self, items: Vec<(Expr, Pattern)>, rest: Option<String>, l: usize, r: usize) -> R<Pattern> {
        if rest.as_deref() == Some("_") {
            return Err(self.error("invalid syntax", l, r));
        }
        let (keys, patterns) = items.into_iter().unzip();
        Ok(pat(PatternKind::MatchMapping { keys, patterns, rest }, l, r))
    }

    pub fn class_pattern(
        &self,
        cls: Vec<(String, usize)>,
        cls_end: usize,
        args: Vec<ClassArg>,
        l: usize,
        r: usize,
    ) -> R<Pattern> {
        let cls = self.dotted(cls, l)?;
        let _ = cls_end;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        for a in args {
            match a {
                ClassArg::Pos(p) => {
                    if !kwd_attrs.is_empty() {
                        return Err(self.error(
                            "positional patterns follow keyword patterns",
                            p.span.start as usize,
                            p.span.end as usize,
                        ));
                    }
                    patterns.push(p);
                }
                ClassArg::Kw(name, p) => {
                    kwd_attrs.push(name);
                    kwd_patterns.push(p);
                }
            }
        }
        Ok(pat(PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns }, l, r))
    }

    pub fn literal_pattern(&self, e: Expr, l: usize, r: usize) -> Pattern {
        match &e.kind {
            ExprKind::Constant(c @ (Constant::None | Constant::Bool(_))) => {
                pat(PatternKind::MatchSingleton(c.clone()), l, r)
            }
            _ => pat(PatternKind::MatchValue(e), l, r),
        }
    }

    pub fn complex_literal(&self, re: Expr, op: BinOp, im: Expr, l: usize, r: usize) -> R<Expr> {
        let real_ok = match &re.kind {
            ExprKind::Constant(Constant::Int(_) | Constant::BigInt(_) | Constant::Float(_)) => true,
            ExprKind::UnaryOp { operand, .. } => {
                matches!(operand.kind, ExprKind::Constant(Constant::Int(_) | Constant::BigInt(_) | Constant::Float(_)))
            }
            _ => false,
        };
        if !real_ok {
            return Err(self.error(
                "real number required in complex literal",
                re.span.start as usize,
                re.span.end as usize,
            ));
        }
        if !matches!(im.kind, ExprKind::Constant(Constant::Complex(_))) {
            return Err(self.error(
                "imaginary number required in complex literal",
                im.span.start as usize,
                im.span.end as usize,
            ));
        }
        self.binop(re, op, im, l, r)
    }

    /// String literals in a pattern: f-strings are not allowed.
    pub fn pattern_strings(&self, parts: Vec<(usize, StrLit, usize)>) -> R<Expr> {
        let e = self.strings(parts)?;
        if matches!(e.kind, ExprKind::JoinedStr(_)) {
            return Err(self.error(
                "patterns may only match literals and attribute lookups",
                e.span.start as usize,
                e.span.end as usize,
            ));
        }
        Ok(e)
    }
}
