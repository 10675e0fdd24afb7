//! A text dump of the tree in the shape of Python's `ast.dump()`, for golden tests and for
//! comparing with CPython (`tests/cpython_ast.py` prints the same shape from CPython's `ast`).
//!
//! Differences from `ast.dump()`: no `ctx`, `type_comment`, `is_async` or `kind` fields; floats
//! print as `float(0x<bits>)` so that no float formatting is involved; strings print
//! JSON-escaped (ASCII only); with `positions`, every statement and expression (outside
//! f-strings) gets `@line:col-line:col` with 1-based lines and 0-based UTF-8 byte columns, as
//! CPython's `lineno`/`col_offset`.

use std::fmt::Write;

use crate::ast::*;
use crate::LineIndex;

/// Dumps a module; `positions` adds each node's location.
pub fn dump_module(m: &Module, src: &str, positions: bool) -> String {
    let mut d = Dumper { out: String::new(), index: LineIndex::new(src), src, positions, in_fstring: 0 };
    d.out.push_str("Module(body=");
    d.stmts(&m.body);
    d.out.push(')');
    d.out
}

/// Dumps one expression.
pub fn dump_expr(e: &Expr, src: &str, positions: bool) -> String {
    let mut d = Dumper { out: String::new(), index: LineIndex::new(src), src, positions, in_fstring: 0 };
    d.expr(e);
    d.out
}

struct Dumper<'s> {
    out: String,
    index: LineIndex,
    src: &'s str,
    positions: bool,
    in_fstring: u32,
}

impl Dumper<'_> {
    fn pos(&mut self, span: Span) {
        if !self.positions || self.in_fstring > 0 {
            return;
        }
        let (l1, c1) = self.byte_col(span.start);
        let (l2, c2) = self.byte_col(span.end);
        let _ = write!(self.out, "@{l1}:{c1}-{l2}:{c2}");
    }

    fn byte_col(&self, off: u32) -> (usize, usize) {
        let (line, _) = self.index.line_col(off);
        // Byte column: distance from the line start.
        let line_start = self.src[..off as usize].rfind(['\n', '\r']).map(|p| p + 1).unwrap_or(0);
        (line, off as usize - line_start)
    }

    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.out.push('[');
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            f(self, it);
        }
        self.out.push(']');
    }

    fn stmts(&mut self, body: &[Stmt]) {
        self.list(body, |d, s| d.stmt(s));
    }

    fn exprs(&mut self, v: &[Expr]) {
        self.list(v, |d, e| d.expr(e));
    }

    fn opt(&mut self, e: Option<&Expr>) {
        match e {
            Some(e) => self.expr(e),
            None => self.out.push_str("None"),
        }
    }

    fn name(&mut self, s: &str) {
        self.string(s);
    }

    fn opt_name(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.string(s),
            None => self.out.push_str("None"),
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\x08' => self.out.push_str("\\b"),
                '\x0c' => self.out.push_str("\\f"),
                c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                    let mut buf = [0u16; 2];
                    for u in c.encode_utf16(&mut buf) {
                        let _ = write!(self.out, "\\u{:04x}", u);
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::MatchValue(e) => {
                self.out.push_str("MatchValue(value=");
                self.expr(e);
            }
            PatternKind::MatchSingleton(c) => {
                self.out.push_str(match c {
                    Constant::None => "MatchSingleton(value=None",
                    Constant::Bool(true) => "MatchSingleton(value=True",
                    _ => "MatchSingleton(value=False",
                });
            }
            PatternKind::MatchSequence(items) => {
                self.out.push_str("MatchSequence(patterns=");
                self.list(items, |d, i| d.pattern(i));
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.out.push_str("MatchMapping(keys=");
                self.exprs(keys);
                self.out.push_str(", patterns=");
                self.list(patterns, |d, i| d.pattern(i));
                self.out.push_str(", rest=");
                self.opt_name(rest);
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.out.push_str("MatchClass(cls=");
                self.expr(cls);
                self.out.push_str(", patterns=");
                self.list(patterns, |d, i| d.pattern(i));
                self.out.push_str(", kwd_attrs=");
                self.list(kwd_attrs, |d, a| d.name(a));
                self.out.push_str(", kwd_patterns=");
                self.list(kwd_patterns, |d, i| d.pattern(i));
            }
            PatternKind::MatchStar(n) => {
                self.out.push_str("MatchStar(name=");
                self.opt_name(n);
            }
            PatternKind::MatchAs { pattern, name } => {
                self.out.push_str("MatchAs(pattern=");
                match pattern {
                    Some(inner) => self.pattern(inner),
                    None => self.out.push_str("None"),
                }
                self.out.push_str(", name=");
                self.opt_name(name);
            }
            PatternKind::MatchOr(alts) => {
                self.out.push_str("MatchOr(patterns=");
                self.list(alts, |d, i| d.pattern(i));
            }
        }
        self.out.push(')');
        self.pos(p.span);
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.out.push_str("FunctionDef(name=");
                self.name(&f.name);
                self.out.push_str(", args=");
                self.arguments(&f.args);
                self.out.push_str(", body=");
                self.stmts(&f.body);
                self.out.push_str(", decorator_list=");
                self.exprs(&f.decorators);
                self.out.push_str(", returns=");
                self.opt(f.returns.as_ref());
                self.out.push(')');
            }
            StmtKind::ClassDef(c) => {
                self.out.push_str("ClassDef(name=");
                self.name(&c.name);
                self.out.push_str(", bases=");
                self.exprs(&c.bases);
                self.out.push_str(", keywords=");
                self.list(&c.keywords, |d, k| d.keyword(k));
                self.out.push_str(", body=");
                self.stmts(&c.body);
                self.out.push_str(", decorator_list=");
                self.exprs(&c.decorators);
                self.out.push(')');
            }
            StmtKind::Return(v) => {
                self.out.push_str("Return(value=");
                self.opt(v.as_ref());
                self.out.push(')');
            }
            StmtKind::Delete(t) => {
                self.out.push_str("Delete(targets=");
                self.exprs(t);
                self.out.push(')');
            }
            StmtKind::Assign { targets, value } => {
                self.out.push_str("Assign(targets=");
                self.exprs(targets);
                self.out.push_str(", value=");
                self.expr(value);
                self.out.push(')');
            }
            StmtKind::AugAssign { target, op, value } => {
                self.out.push_str("AugAssign(target=");
                self.expr(target);
                let _ = write!(self.out, ", op={:?}(), value=", op);
                self.expr(value);
                self.out.push(')');
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.out.push_str("AnnAssign(target=");
                self.expr(target);
                self.out.push_str(", annotation=");
                self.expr(annotation);
                self.out.push_str(", value=");
                self.opt(value.as_ref());
                let _ = write!(self.out, ", simple={})", *simple as u8);
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.out.push_str("For(target=");
                self.expr(target);
                self.out.push_str(", iter=");
                self.expr(iter);
                self.out.push_str(", body=");
                self.stmts(body);
                self.out.push_str(", orelse=");
                self.stmts(orelse);
                self.out.push(')');
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.out.push_str(if matches!(s.kind, StmtKind::While { .. }) { "While(test=" } else { "If(test=" });
                self.expr(test);
                self.out.push_str(", body=");
                self.stmts(body);
                self.out.push_str(", orelse=");
                self.stmts(orelse);
                self.out.push(')');
            }
            StmtKind::With { items, body } => {
                self.out.push_str("With(items=");
                self.list(items, |d, w| {
                    d.out.push_str("withitem(context_expr=");
                    d.expr(&w.context_expr);
                    d.out.push_str(", optional_vars=");
                    d.opt(w.optional_vars.as_ref());
                    d.out.push(')');
                });
                self.out.push_str(", body=");
                self.stmts(body);
                self.out.push(')');
            }
            StmtKind::Raise { exc, cause } => {
                self.out.push_str("Raise(exc=");
                self.opt(exc.as_ref());
                self.out.push_str(", cause=");
                self.opt(cause.as_ref());
                self.out.push(')');
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.out.push_str("Try(body=");
                self.stmts(body);
                self.out.push_str(", handlers=");
                self.list(handlers, |d, h| {
                    d.out.push_str("ExceptHandler(type=");
                    d.opt(h.typ.as_ref());
                    d.out.push_str(", name=");
                    d.opt_name(&h.name);
                    d.out.push_str(", body=");
                    d.stmts(&h.body);
                    d.out.push(')');
                    d.pos(h.span);
                });
                self.out.push_str(", orelse=");
                self.stmts(orelse);
                self.out.push_str(", finalbody=");
                self.stmts(finalbody);
                self.out.push(')');
            }
            StmtKind::Assert { test, msg } => {
                self.out.push_str("Assert(test=");
                self.expr(test);
                self.out.push_str(", msg=");
                self.opt(msg.as_ref());
                self.out.push(')');
            }
            StmtKind::Import(names) => {
                self.out.push_str("Import(names=");
                self.list(names, |d, a| d.alias(a));
                self.out.push(')');
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.out.push_str("ImportFrom(module=");
                self.opt_name(module);
                self.out.push_str(", names=");
                self.list(names, |d, a| d.alias(a));
                let _ = write!(self.out, ", level={level})");
            }
            StmtKind::Global(n) | StmtKind::Nonlocal(n) => {
                self.out.push_str(if matches!(s.kind, StmtKind::Global(_)) {
                    "Global(names="
                } else {
                    "Nonlocal(names="
                });
                self.list(n, |d, s| d.name(s));
                self.out.push(')');
            }
            StmtKind::Expr(e) => {
                self.out.push_str("Expr(value=");
                self.expr(e);
                self.out.push(')');
            }
            StmtKind::Match { subject, cases } => {
                self.out.push_str("Match(subject=");
                self.expr(subject);
                self.out.push_str(", cases=");
                self.list(cases, |d, c| {
                    d.out.push_str("match_case(pattern=");
                    d.pattern(&c.pattern);
                    d.out.push_str(", guard=");
                    d.opt(c.guard.as_ref());
                    d.out.push_str(", body=");
                    d.stmts(&c.body);
                    d.out.push(')');
                });
                self.out.push(')');
            }
            StmtKind::Pass => self.out.push_str("Pass()"),
            StmtKind::Break => self.out.push_str("Break()"),
            StmtKind::Continue => self.out.push_str("Continue()"),
        }
        self.pos(s.span);
    }

    fn alias(&mut self, a: &Alias) {
        self.out.push_str("alias(name=");
        self.name(&a.name);
        self.out.push_str(", asname=");
        self.opt_name(&a.asname);
        self.out.push(')');
        self.pos(a.span);
    }

    fn keyword(&mut self, k: &Keyword) {
        self.out.push_str("keyword(arg=");
        self.opt_name(&k.arg);
        self.out.push_str(", value=");
        self.expr(&k.value);
        self.out.push(')');
        self.pos(k.span);
    }

    fn arg(&mut self, a: &Arg) {
        self.out.push_str("arg(arg=");
        self.name(&a.name);
        self.out.push_str(", annotation=");
        self.opt(a.annotation.as_ref());
        self.out.push(')');
        self.pos(a.span);
    }

    fn opt_arg(&mut self, a: &Option<Arg>) {
        match a {
            Some(a) => self.arg(a),
            None => self.out.push_str("None"),
        }
    }

    fn arguments(&mut self, a: &Arguments) {
        self.out.push_str("arguments(posonlyargs=");
        self.list(&a.posonlyargs, |d, x| d.arg(x));
        self.out.push_str(", args=");
        self.list(&a.args, |d, x| d.arg(x));
        self.out.push_str(", vararg=");
        self.opt_arg(&a.vararg);
        self.out.push_str(", kwonlyargs=");
        self.list(&a.kwonlyargs, |d, x| d.arg(x));
        self.out.push_str(", kw_defaults=");
        self.list(&a.kw_defaults, |d, x| d.opt(x.as_ref()));
        self.out.push_str(", kwarg=");
        self.opt_arg(&a.kwarg);
        self.out.push_str(", defaults=");
        self.exprs(&a.defaults);
        self.out.push(')');
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) {
        self.list(gens, |d, g| {
            d.out.push_str("comprehension(target=");
            d.expr(&g.target);
            d.out.push_str(", iter=");
            d.expr(&g.iter);
            d.out.push_str(", ifs=");
            d.exprs(&g.ifs);
            d.out.push(')');
        });
    }

    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::None => self.out.push_str("None"),
            Constant::Bool(b) => self.out.push_str(if *b { "True" } else { "False" }),
            Constant::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Constant::BigInt(i) => {
                let _ = write!(self.out, "{i}");
            }
            Constant::Float(f) => {
                let _ = write!(self.out, "float(0x{:016x})", f.to_bits());
            }
            Constant::Complex(f) => {
                let _ = write!(self.out, "complex(0x{:016x})", f.to_bits());
            }
            Constant::Str(s) => self.string(s),
            Constant::Bytes(b) => {
                self.out.push_str("bytes(");
                for x in b {
                    let _ = write!(self.out, "{x:02x}");
                }
                self.out.push(')');
            }
            Constant::Ellipsis => self.out.push_str("Ellipsis"),
        }
    }

    fn expr(&mut self, e: &Expr) {
        use ExprKind as K;
        match &e.kind {
            K::BoolOp { op, values } => {
                let _ = write!(self.out, "BoolOp(op={op:?}(), values=");
                self.exprs(values);
                self.out.push(')');
            }
            K::NamedExpr { target, value } => {
                self.out.push_str("NamedExpr(target=");
                self.expr(target);
                self.out.push_str(", value=");
                self.expr(value);
                self.out.push(')');
            }
            K::BinOp { left, op, right } => {
                self.out.push_str("BinOp(left=");
                self.expr(left);
                let _ = write!(self.out, ", op={op:?}(), right=");
                self.expr(right);
                self.out.push(')');
            }
            K::UnaryOp { op, operand } => {
                let _ = write!(self.out, "UnaryOp(op={op:?}(), operand=");
                self.expr(operand);
                self.out.push(')');
            }
            K::Lambda { args, body } => {
                self.out.push_str("Lambda(args=");
                self.arguments(args);
                self.out.push_str(", body=");
                self.expr(body);
                self.out.push(')');
            }
            K::IfExp { test, body, orelse } => {
                self.out.push_str("IfExp(test=");
                self.expr(test);
                self.out.push_str(", body=");
                self.expr(body);
                self.out.push_str(", orelse=");
                self.expr(orelse);
                self.out.push(')');
            }
            K::Dict { keys, values } => {
                self.out.push_str("Dict(keys=");
                self.list(keys, |d, k| d.opt(k.as_ref()));
                self.out.push_str(", values=");
                self.exprs(values);
                self.out.push(')');
            }
            K::Set(v) => {
                self.out.push_str("Set(elts=");
                self.exprs(v);
                self.out.push(')');
            }
            K::ListComp { elt, generators } | K::SetComp { elt, generators } | K::GeneratorExp { elt, generators } => {
                self.out.push_str(match e.kind {
                    K::ListComp { .. } => "ListComp(elt=",
                    K::SetComp { .. } => "SetComp(elt=",
                    _ => "GeneratorExp(elt=",
                });
                self.expr(elt);
                self.out.push_str(", generators=");
                self.comprehensions(generators);
                self.out.push(')');
            }
            K::DictComp { key, value, generators } => {
                self.out.push_str("DictComp(key=");
                self.expr(key);
                self.out.push_str(", value=");
                self.expr(value);
                self.out.push_str(", generators=");
                self.comprehensions(generators);
                self.out.push(')');
            }
            K::Yield(v) => {
                self.out.push_str("Yield(value=");
                self.opt(v.as_deref());
                self.out.push(')');
            }
            K::YieldFrom(v) => {
                self.out.push_str("YieldFrom(value=");
                self.expr(v);
                self.out.push(')');
            }
            K::Compare { left, ops, comparators } => {
                self.out.push_str("Compare(left=");
                self.expr(left);
                self.out.push_str(", ops=");
                self.list(ops, |d, o| {
                    let _ = write!(d.out, "{o:?}()");
                });
                self.out.push_str(", comparators=");
                self.exprs(comparators);
                self.out.push(')');
            }
            K::Call { func, args, keywords } => {
                self.out.push_str("Call(func=");
                self.expr(func);
                self.out.push_str(", args=");
                self.exprs(args);
                self.out.push_str(", keywords=");
                self.list(keywords, |d, k| d.keyword(k));
                self.out.push(')');
            }
            K::FormattedValue { value, conversion, format_spec } => {
                self.out.push_str("FormattedValue(value=");
                self.in_fstring -= 1;
                self.expr(value);
                self.in_fstring += 1;
                let conv = conversion.map(|c| c as i32).unwrap_or(-1);
                let _ = write!(self.out, ", conversion={conv}, format_spec=");
                self.opt(format_spec.as_deref());
                self.out.push(')');
            }
            K::JoinedStr(parts) => {
                self.out.push_str("JoinedStr(values=");
                self.in_fstring += 1;
                self.exprs(parts);
                self.in_fstring -= 1;
                self.out.push(')');
            }
            K::Constant(c) => {
                self.out.push_str("Constant(value=");
                self.constant(c);
                self.out.push(')');
            }
            K::Attribute { value, attr } => {
                self.out.push_str("Attribute(value=");
                self.expr(value);
                self.out.push_str(", attr=");
                self.name(attr);
                self.out.push(')');
            }
            K::Subscript { value, slice } => {
                self.out.push_str("Subscript(value=");
                self.expr(value);
                self.out.push_str(", slice=");
                self.expr(slice);
                self.out.push(')');
            }
            K::Starred(v) => {
                self.out.push_str("Starred(value=");
                self.expr(v);
                self.out.push(')');
            }
            K::Name(n) => {
                self.out.push_str("Name(id=");
                self.name(n);
                self.out.push(')');
            }
            K::List(v) | K::Tuple(v) => {
                self.out.push_str(if matches!(e.kind, K::List(_)) { "List(elts=" } else { "Tuple(elts=" });
                self.exprs(v);
                self.out.push(')');
            }
            K::Slice { lower, upper, step } => {
                self.out.push_str("Slice(lower=");
                self.opt(lower.as_deref());
                self.out.push_str(", upper=");
                self.opt(upper.as_deref());
                self.out.push_str(", step=");
                self.opt(step.as_deref());
                self.out.push(')');
            }
        }
        self.pos(e.span);
    }
}
