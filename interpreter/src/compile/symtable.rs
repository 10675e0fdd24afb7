//! The symbol table: one [`Scope`] per module, class body, function, lambda and comprehension,
//! and for each the scope of every name it mentions. A transcription of CPython 3.11's
//! `Python/symtable.c`: a first walk records how each name is used (`DEF_*` flags), then
//! `analyze` decides local / cell / free / global, passing the names bound by enclosing functions
//! down and the free names of children up.

use std::collections::{HashMap, HashSet};

use crate::builtins::types::NameHasher;

use gilpy_grammar::ast::{self, Expr, ExprKind, Span, Stmt, StmtKind};

use super::{err, mangle, CResult, DEPTH_MESSAGE, MAX_DEPTH};

pub(crate) type ScopeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// CPython's `FunctionBlock`: fast locals, `LoadGlobal` for globals.
    pub fn is_function_like(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

pub(crate) const DEF_GLOBAL: u16 = 1;
pub(crate) const DEF_LOCAL: u16 = 2;
pub(crate) const DEF_PARAM: u16 = 4;
pub(crate) const DEF_NONLOCAL: u16 = 8;
pub(crate) const USE: u16 = 16;
/// A class both binds the name and passes it through as a free variable of a method.
pub(crate) const DEF_FREE_CLASS: u16 = 32;
pub(crate) const DEF_IMPORT: u16 = 64;
pub(crate) const DEF_ANNOT: u16 = 128;
pub(crate) const DEF_COMP_ITER: u16 = 256;
const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Symbol {
    pub flags: u16,
    pub scope: NameScope,
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    /// The function or class name, `lambda`, `<listcomp>`..., `top` (for tests and debugging).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: String,
    pub symbols: HashMap<String, Symbol, NameHasher>,
    /// Symbol names in order of first mention, for a deterministic analysis.
    order: Vec<String>,
    /// Parameter names in `varnames` order.
    pub params: Vec<String>,
    pub children: Vec<ScopeId>,
    pub is_generator: bool,
    /// A class body whose methods use `__class__` (or `super()`).
    pub needs_class_closure: bool,
    /// For comprehensions: "list comprehension", "generator expression", ...
    pub comp_kind: &'static str,
    /// Where each `global`/`nonlocal` name was declared, for error locations.
    directives: HashMap<String, Span, NameHasher>,
    /// Set while visiting a comprehension's iteration target.
    comp_iter_target: bool,
    /// Depth of comprehension iterable expressions being visited.
    comp_iter_expr: u32,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: HashMap::default(),
            order: Vec::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            needs_class_closure: false,
            comp_kind: "",
            directives: HashMap::default(),
            comp_iter_target: false,
            comp_iter_expr: 0,
        }
    }

    pub fn flags(&self, name: &str) -> u16 {
        self.symbols.get(name).map_or(0, |s| s.flags)
    }

    /// The scope of a (mangled) name; names the table never saw are implicit globals.
    pub fn scope_of(&self, name: &str) -> NameScope {
        self.symbols.get(name).map_or(NameScope::GlobalImplicit, |s| s.scope)
    }

    pub fn names_with_scope(&self, scope: NameScope) -> Vec<String> {
        self.order.iter().filter(|n| self.symbols[*n].scope == scope).cloned().collect()
    }

    /// The code object's `freevars`: free names, plus names a class binds itself but also
    /// passes through to its methods.
    pub fn free_names(&self) -> Vec<String> {
        self.order
            .iter()
            .filter(|n| {
                let s = &self.symbols[*n];
                s.scope == NameScope::Free || (self.kind == ScopeKind::Class && s.flags & DEF_FREE_CLASS != 0)
            })
            .cloned()
            .collect()
    }
}

#[derive(Debug)]
pub(crate) struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Scope of each function, class, lambda and comprehension, keyed by the node's address.
    by_node: HashMap<usize, ScopeId, NameHasher>,
}

pub(crate) fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymbolTable {
    pub fn build_module(module: &ast::Module) -> CResult<SymbolTable> {
        let mut b = Builder::new();
        for s in &module.body {
            b.visit_stmt(s)?;
        }
        b.finish()
    }

    pub fn build_expression(expr: &Expr) -> CResult<SymbolTable> {
        let mut b = Builder::new();
        b.visit_expr(expr)?;
        b.finish()
    }

    /// The scope created for a `def`, `class`, lambda or comprehension node.
    pub fn scope_for<T>(&self, node: &T) -> ScopeId {
        *self.by_node.get(&node_key(node)).expect("every scope-creating node was visited by the symtable")
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId, NameHasher>,
    stack: Vec<ScopeId>,
    private: Option<String>,
    depth: u32,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            scopes: vec![Scope::new(ScopeKind::Module, "top")],
            by_node: HashMap::default(),
            stack: vec![0],
            private: None,
            depth: 0,
        }
    }

    fn finish(mut self) -> CResult<SymbolTable> {
        let mut free = HashSet::default();
        analyze_block(&mut self.scopes, 0, None, &mut free, &HashSet::default())?;
        Ok(SymbolTable { scopes: self.scopes, by_node: self.by_node })
    }

    fn cur_id(&self) -> ScopeId {
        *self.stack.last().unwrap()
    }

    fn cur(&mut self) -> &mut Scope {
        let id = self.cur_id();
        &mut self.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name));
        let parent = self.cur_id();
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u16, span: Span) -> CResult {
        let id = self.cur_id();
        self.add_def_in(id, name, flag, span)
    }

    fn add_def_in(&mut self, id: ScopeId, name: &str, mut flag: u16, span: Span) -> CResult {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        let scope = &mut self.scopes[id];
        if scope.comp_iter_target {
            flag |= DEF_COMP_ITER;
        }
        match scope.symbols.get_mut(&mangled) {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return err(format!("duplicate argument '{name}' in function definition"), span);
                }
                sym.flags |= flag;
            }
            None => {
                scope.order.push(mangled.clone());
                scope.symbols.insert(mangled, Symbol { flags: flag, scope: NameScope::GlobalImplicit });
            }
        }
        Ok(())
    }

    fn add_param(&mut self, arg: &ast::Arg) -> CResult {
        self.add_def(&arg.name, DEF_PARAM, arg.span)?;
        let mangled = mangle(self.private.as_deref(), &arg.name).into_owned();
        self.cur().params.push(mangled);
        Ok(())
    }

    fn visit_params(&mut self, args: &ast::Arguments) -> CResult {
        for a in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
            self.add_param(a)?;
        }
        if let Some(a) = &args.vararg {
            self.add_param(a)?;
        }
        if let Some(a) = &args.kwarg {
            self.add_param(a)?;
        }
        Ok(())
    }

    fn visit_defaults(&mut self, args: &ast::Arguments) -> CResult {
        for d in &args.defaults {
            self.visit_expr(d)?;
        }
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    /// Parameter and return annotations are evaluated where the `def` is.
    fn visit_annotations(&mut self, args: &ast::Arguments, returns: Option<&Expr>) -> CResult {
        let params =
            args.posonlyargs.iter().chain(&args.args).chain(&args.vararg).chain(&args.kwonlyargs).chain(&args.kwarg);
        for a in params {
            if let Some(ann) = &a.annotation {
                self.visit_expr(ann)?;
            }
        }
        if let Some(r) = returns {
            self.visit_expr(r)?;
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt]) -> CResult {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt) -> CResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(DEPTH_MESSAGE, s.span);
        }
        self.visit_stmt_inner(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) -> CResult {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL, f.header)?;
                self.visit_defaults(&f.args)?;
                self.visit_annotations(&f.args, f.returns.as_ref())?;
                for d in &f.decorators {
                    self.visit_expr(d)?;
                }
                self.enter(ScopeKind::Function, &f.name, node_key(&**f));
                self.visit_params(&f.args)?;
                self.visit_body(&f.body)?;
                self.exit();
            }
            StmtKind::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, c.header)?;
                for e in &c.bases {
                    self.visit_expr(e)?;
                }
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                for d in &c.decorators {
                    self.visit_expr(d)?;
                }
                self.enter(ScopeKind::Class, &c.name, node_key(&**c));
                let saved = self.private.replace(c.name.clone());
                self.visit_body(&c.body)?;
                self.private = saved;
                self.exit();
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.visit_target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.visit_target(t)?;
                }
                self.visit_expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_target(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign { target, value, simple, annotation } => {
                if matches!(self.cur().kind, ScopeKind::Module | ScopeKind::Class) {
                    self.visit_expr(annotation)?;
                }
                if let (ExprKind::Name(name), true) = (&target.kind, *simple) {
                    let mangled = mangle(self.private.as_deref(), name).into_owned();
                    let cur = self.cur().flags(&mangled);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur_id() != 0 {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return err(format!("annotated name '{name}' can't be {what}"), target.span);
                    }
                    self.add_def(name, DEF_ANNOT | DEF_LOCAL, target.span)?;
                } else if value.is_some() {
                    self.visit_target(target)?;
                } else {
                    self.visit_expr(target)?;
                }
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.visit_target(target)?;
                self.visit_expr(iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.visit_target(t)?;
                    }
                }
                self.visit_body(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(c)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.visit_body(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.span)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(orelse)?;
                self.visit_body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    let stored = a.asname.as_deref().unwrap_or_else(|| a.name.split('.').next().unwrap_or(&a.name));
                    self.add_def(stored, DEF_IMPORT, a.span)?;
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return err("import * only allowed at module level", a.span);
                        }
                        continue;
                    }
                    let stored = a.asname.as_deref().unwrap_or(&a.name);
                    self.add_def(stored, DEF_IMPORT, a.span)?;
                }
            }
            StmtKind::Global(names) => self.visit_directive(names, DEF_GLOBAL, "global", s.span)?,
            StmtKind::Nonlocal(names) => self.visit_directive(names, DEF_NONLOCAL, "nonlocal", s.span)?,
            StmtKind::Expr(e) => self.visit_expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for case in cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&case.body)?;
                }
            }
        }
        Ok(())
    }

    /// The names a `case` pattern binds, and the values and classes it reads.
    fn visit_pattern(&mut self, p: &gilpy_grammar::ast::Pattern) -> CResult {
        use gilpy_grammar::ast::PatternKind as P;
        match &p.kind {
            P::MatchValue(e) => self.visit_expr(e),
            P::MatchSingleton(_) => Ok(()),
            P::MatchSequence(items) | P::MatchOr(items) => items.iter().try_for_each(|i| self.visit_pattern(i)),
            P::MatchMapping { keys, patterns, rest } => {
                self.visit_exprs(keys)?;
                patterns.iter().try_for_each(|i| self.visit_pattern(i))?;
                match rest {
                    Some(n) => self.add_def(n, DEF_LOCAL, p.span),
                    None => Ok(()),
                }
            }
            P::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.visit_expr(cls)?;
                patterns.iter().chain(kwd_patterns).try_for_each(|i| self.visit_pattern(i))
            }
            P::MatchStar(name) => match name {
                Some(n) => self.add_def(n, DEF_LOCAL, p.span),
                None => Ok(()),
            },
            P::MatchAs { pattern, name } => {
                if let Some(inner) = pattern {
                    self.visit_pattern(inner)?;
                }
                match name {
                    Some(n) => self.add_def(n, DEF_LOCAL, p.span),
                    None => Ok(()),
                }
            }
        }
    }

    fn visit_directive(&mut self, names: &[String], flag: u16, what: &str, span: Span) -> CResult {
        for name in names {
            let mangled = mangle(self.private.as_deref(), name).into_owned();
            let cur = self.cur().flags(&mangled);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {what}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {what}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return err(msg, span);
            }
            self.add_def(name, flag, span)?;
            self.cur().directives.entry(mangled).or_insert(span);
        }
        Ok(())
    }

    /// A store or delete target: names are bound, everything else is visited as an expression.
    fn visit_target(&mut self, t: &Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.add_def(n, DEF_LOCAL, t.span),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.visit_target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_target(inner),
            _ => self.visit_expr(t),
        }
    }

    fn visit_expr(&mut self, e: &Expr) -> CResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(DEPTH_MESSAGE, e.span);
        }
        self.visit_expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_exprs(&mut self, es: &[Expr]) -> CResult {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    /// One call per arm keeps this frame small: it is on the stack once per nesting level.
    fn visit_expr_inner(&mut self, e: &Expr) -> CResult {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::NamedExpr { target, value } => self.visit_named_expr(e, target, value),
            ExprKind::BinOp { left, right, .. } => self.visit_two(left, right),
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Lambda { args, body } => self.visit_lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => self.visit_three(Some(test), Some(body), Some(orelse)),
            ExprKind::Dict { keys, values } => self.visit_dict(keys, values),
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::JoinedStr(items) => {
                self.visit_exprs(items)
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, "listcomp", "list comprehension", generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, "setcomp", "set comprehension", generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, "genexpr", "generator expression", generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.visit_comprehension(e, "dictcomp", "dict comprehension", generators, key, Some(value))
            }
            ExprKind::Yield(v) => self.visit_yield(e, v.as_deref()),
            ExprKind::YieldFrom(v) => self.visit_yield(e, Some(v)),
            ExprKind::Compare { left, comparators, .. } => self.visit_compare(left, comparators),
            ExprKind::Call { func, args, keywords } => self.visit_call(func, args, keywords),
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.visit_three(Some(value), format_spec.as_deref(), None)
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, slice } => self.visit_two(value, slice),
            ExprKind::Starred(v) => self.visit_expr(v),
            ExprKind::Name(name) => self.visit_name(e, name),
            ExprKind::Slice { lower, upper, step } => {
                self.visit_three(lower.as_deref(), upper.as_deref(), step.as_deref())
            }
        }
    }

    fn visit_two(&mut self, a: &Expr, b: &Expr) -> CResult {
        self.visit_expr(a)?;
        self.visit_expr(b)
    }

    fn visit_three(&mut self, a: Option<&Expr>, b: Option<&Expr>, c: Option<&Expr>) -> CResult {
        for part in [a, b, c].into_iter().flatten() {
            self.visit_expr(part)?;
        }
        Ok(())
    }

    fn visit_named_expr(&mut self, e: &Expr, target: &Expr, value: &Expr) -> CResult {
        if self.cur().comp_iter_expr > 0 {
            return err("assignment expression cannot be used in a comprehension iterable expression", e.span);
        }
        self.visit_expr(value)?;
        if let ExprKind::Name(name) = &target.kind {
            if self.cur().kind == ScopeKind::Comprehension {
                self.extend_namedexpr_scope(name, target.span)
            } else {
                self.add_def(name, DEF_LOCAL, target.span)
            }
        } else {
            self.visit_target(target)
        }
    }

    fn visit_lambda(&mut self, e: &Expr, args: &ast::Arguments, body: &Expr) -> CResult {
        self.visit_defaults(args)?;
        self.enter(ScopeKind::Lambda, "lambda", node_key(e));
        self.visit_params(args)?;
        self.visit_expr(body)?;
        self.exit();
        Ok(())
    }

    fn visit_dict(&mut self, keys: &[Option<Expr>], values: &[Expr]) -> CResult {
        for k in keys.iter().flatten() {
            self.visit_expr(k)?;
        }
        self.visit_exprs(values)
    }

    fn visit_yield(&mut self, e: &Expr, value: Option<&Expr>) -> CResult {
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.mark_generator(e.span)
    }

    fn visit_compare(&mut self, left: &Expr, comparators: &[Expr]) -> CResult {
        self.visit_expr(left)?;
        self.visit_exprs(comparators)
    }

    fn visit_call(&mut self, func: &Expr, args: &[Expr], keywords: &[ast::Keyword]) -> CResult {
        self.visit_expr(func)?;
        self.visit_exprs(args)?;
        for k in keywords {
            self.visit_expr(&k.value)?;
        }
        Ok(())
    }

    fn visit_name(&mut self, e: &Expr, name: &str) -> CResult {
        self.add_def(name, USE, e.span)?;
        if name == "super" && self.cur().kind.is_function_like() {
            self.add_def("__class__", USE, e.span)?;
        }
        Ok(())
    }

    fn mark_generator(&mut self, span: Span) -> CResult {
        let cur = self.cur();
        cur.is_generator = true;
        if cur.kind == ScopeKind::Comprehension {
            return err(format!("'yield' inside {}", cur.comp_kind), span);
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: &'static str,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CResult {
        let Some(first) = generators.first() else { return Ok(()) };
        self.cur().comp_iter_expr += 1;
        self.visit_expr(&first.iter)?;
        self.cur().comp_iter_expr -= 1;
        let id = self.enter(ScopeKind::Comprehension, &format!("<{name}>"), node_key(e));
        self.scopes[id].comp_kind = kind;
        if name == "genexpr" {
            self.scopes[id].is_generator = true;
        }
        self.add_def(".0", DEF_PARAM, e.span)?;
        self.scopes[id].params.push(".0".into());
        for (i, g) in generators.iter().enumerate() {
            self.scopes[id].comp_iter_target = true;
            self.visit_target(&g.target)?;
            self.scopes[id].comp_iter_target = false;
            if i > 0 {
                self.scopes[id].comp_iter_expr += 1;
                self.visit_expr(&g.iter)?;
                self.scopes[id].comp_iter_expr -= 1;
            }
            self.visit_exprs(&g.ifs)?;
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        self.exit();
        Ok(())
    }

    /// `(x := v)` inside a comprehension binds `x` in the nearest enclosing function or module.
    fn extend_namedexpr_scope(&mut self, name: &str, span: Span) -> CResult {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        let cur = self.cur_id();
        for &id in self.stack.clone().iter().rev() {
            let scope = &self.scopes[id];
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.flags(&mangled) & DEF_COMP_ITER != 0 {
                        return err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            span,
                        );
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if scope.flags(&mangled) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def_in(cur, name, flag, span)?;
                    self.scopes[cur].directives.entry(mangled).or_insert(span);
                    return self.add_def_in(id, name, DEF_LOCAL, span);
                }
                ScopeKind::Module => {
                    self.add_def_in(cur, name, DEF_GLOBAL, span)?;
                    self.scopes[cur].directives.entry(mangled).or_insert(span);
                    return self.add_def_in(id, name, DEF_GLOBAL, span);
                }
                ScopeKind::Class => {
                    return err("assignment expression within a comprehension cannot be used in a class body", span);
                }
            }
        }
        Ok(())
    }
}

// ----- analysis (CPython's analyze_block and friends) -----

fn analyze_block(
    scopes: &mut Vec<Scope>,
    id: ScopeId,
    bound: Option<&HashSet<String, NameHasher>>,
    free: &mut HashSet<String, NameHasher>,
    global: &HashSet<String, NameHasher>,
) -> CResult {
    let kind = scopes[id].kind;
    let mut local: HashSet<String, NameHasher> = HashSet::default();
    let mut results: HashMap<String, NameScope, NameHasher> = HashMap::default();
    let mut newglobal: HashSet<String, NameHasher> = HashSet::default();
    let mut newfree: HashSet<String, NameHasher> = HashSet::default();
    let mut newbound: HashSet<String, NameHasher> = HashSet::default();
    // `global` and `bound` as updated by this block's own names.
    let mut global = global.clone();
    let mut bound: Option<HashSet<String, NameHasher>> = bound.cloned();

    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
    }
    let order = scopes[id].order.clone();
    for name in &order {
        let flags = scopes[id].symbols[name].flags;
        let span = scopes[id].directives.get(name).copied().unwrap_or_default();
        let sc = analyze_name(name, flags, span, bound.as_mut(), &mut local, free, &mut global)?;
        results.insert(name.clone(), sc);
    }
    if kind != ScopeKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
    }

    let mut allfree: HashSet<String, NameHasher> = HashSet::default();
    let children = scopes[id].children.clone();
    for child in children {
        let mut child_free = newfree.clone();
        analyze_block(scopes, child, Some(&newbound), &mut child_free, &newglobal)?;
        allfree.extend(child_free);
    }
    newfree.extend(allfree);

    if kind.is_function_like() {
        // analyze_cells: locals that children use become cells.
        for (name, sc) in results.iter_mut() {
            if *sc == NameScope::Local && newfree.remove(name) {
                *sc = NameScope::Cell;
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        scopes[id].needs_class_closure = true;
    }

    // update_symbols
    let scope = &mut scopes[id];
    for (name, sc) in &results {
        scope.symbols.get_mut(name).unwrap().scope = *sc;
    }
    let mut passing: Vec<&String> = newfree.iter().collect();
    passing.sort();
    for name in passing {
        if let Some(sym) = scope.symbols.get_mut(name) {
            if kind == ScopeKind::Class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = &bound {
            if !b.contains(name) {
                continue;
            }
        }
        scope.order.push(name.clone());
        scope.symbols.insert(name.clone(), Symbol { flags: 0, scope: NameScope::Free });
    }
    free.extend(newfree);
    Ok(())
}

fn analyze_name(
    name: &str,
    flags: u16,
    directive: Span,
    bound: Option<&mut HashSet<String, NameHasher>>,
    local: &mut HashSet<String, NameHasher>,
    free: &mut HashSet<String, NameHasher>,
    global: &mut HashSet<String, NameHasher>,
) -> CResult<NameScope> {
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return err(format!("name '{name}' is nonlocal and global"), directive);
        }
        global.insert(name.to_string());
        if let Some(b) = bound {
            b.remove(name);
        }
        return Ok(NameScope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(b) = bound else {
            return err("nonlocal declaration not allowed at module level", directive);
        };
        if !b.contains(name) {
            return err(format!("no binding for nonlocal '{name}' found"), directive);
        }
        free.insert(name.to_string());
        return Ok(NameScope::Free);
    }
    if flags & DEF_BOUND != 0 {
        local.insert(name.to_string());
        global.remove(name);
        return Ok(NameScope::Local);
    }
    if let Some(b) = &bound {
        if b.contains(name) {
            free.insert(name.to_string());
            return Ok(NameScope::Free);
        }
    }
    if global.contains(name) {
        return Ok(NameScope::GlobalImplicit);
    }
    Ok(NameScope::GlobalImplicit)
}
