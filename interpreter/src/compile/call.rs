//! Calls (`Call`, `CallKw`, `CallEx`, `LoadMethod`/`CallMethod`, zero-argument `super()`), and
//! everything that makes a new code object: `def`, `lambda`, `class`, comprehensions.

use gilpy_grammar::ast::{self, Expr, ExprKind, Keyword, Span, Stmt};

use super::expr::{const_of, CompKind};
use super::symtable::{NameScope, ScopeKind};
use super::{docstring, err, mangle, CResult, CodeObject, Compiler, ConstVal, NameOp};
use crate::bytecode::Instr;
use crate::value::Value;

impl<'a> Compiler<'a> {
    pub(crate) fn compile_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult {
        check_call_order(args, keywords)?;
        // obj.method(a, b): no bound-method object.
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if keywords.is_empty() && args.len() < 256 && !has_starred(args) {
                return self.compile_method_call(call, func, value, attr, args);
            }
        }
        if args.is_empty() && keywords.is_empty() && self.try_zero_arg_super(func)? {
            return Ok(());
        }
        self.publish_locals_for(func);
        self.compile_expr(func)?;
        self.compile_call_args(0, args, keywords, call.span)
    }

    fn compile_method_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        obj: &'a Expr,
        attr: &str,
        args: &'a [Expr],
    ) -> CResult {
        self.compile_expr(obj)?;
        let i = self.add_mangled_name(attr);
        self.with_span(func.span, |c| c.emit(Instr::LoadMethod(i)));
        self.compile_exprs(args)?;
        self.u().cur_span = call.span;
        self.emit(Instr::CallMethod(args.len() as u32));
        Ok(())
    }

    /// Before a call of a builtin that reads the caller's local namespace (`locals()`, `vars()`,
    /// `dir()`, `eval`, `exec`) from a function, the fast locals are copied out for it.
    fn publish_locals_for(&mut self, func: &'a Expr) {
        let ExprKind::Name(name) = &func.kind else { return };
        if !matches!(name.as_str(), "locals" | "vars" | "dir" | "eval" | "exec") {
            return;
        }
        if self.ur().kind.is_function_like() && self.scope_of(name) == NameScope::GlobalImplicit {
            self.emit(Instr::PublishLocals);
        }
    }

    /// `super()` in a method becomes `super(__class__, <first argument>)`.
    fn try_zero_arg_super(&mut self, func: &'a Expr) -> CResult<bool> {
        let ExprKind::Name(name) = &func.kind else { return Ok(false) };
        if name != "super" {
            return Ok(false);
        }
        let u = self.ur();
        if !matches!(u.kind, ScopeKind::Function | ScopeKind::Lambda)
            || self.scope_of("super") != NameScope::GlobalImplicit
            || self.scope_of("__class__") != NameScope::Free
        {
            return Ok(false);
        }
        // Like CPython, only a positional first parameter counts (`def m(*args)` gets the
        // runtime's "super(): no arguments").
        if u.argcount == 0 {
            return Ok(false);
        }
        let first = u.varnames[0].clone();
        self.compile_expr(func)?;
        let cell = self.cell_index("__class__")?;
        self.emit(Instr::LoadDeref(cell));
        self.emit_name_op(&first, NameOp::Load)?;
        self.emit(Instr::Call(2));
        Ok(true)
    }

    /// Emits the arguments and the call, the callable and `prefix` positional arguments being on
    /// the stack already. The call instruction carries `span`.
    pub(crate) fn compile_call_args(
        &mut self,
        prefix: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        span: ast::Span,
    ) -> CResult {
        validate_keywords(keywords)?;
        if has_starred(args) || keywords.iter().any(|k| k.arg.is_none()) {
            return self.compile_call_ex(prefix, args, keywords, span);
        }
        self.compile_exprs(args)?;
        let n = prefix + args.len() as u32;
        if keywords.is_empty() {
            self.with_span(span, |c| c.emit(Instr::Call(n)));
            Ok(())
        } else {
            self.compile_call_kw(n, keywords, span)
        }
    }

    /// The positional arguments are on the stack: keyword values, the names tuple, `CallKw`.
    fn compile_call_kw(&mut self, n: u32, keywords: &'a [Keyword], span: ast::Span) -> CResult {
        let mut names = Vec::with_capacity(keywords.len());
        for k in keywords {
            self.compile_expr(&k.value)?;
            names.push(ConstVal::Str(k.arg.clone().unwrap_or_default()));
        }
        let names = self.add_const(ConstVal::Tuple(names));
        self.with_span(span, |c| {
            c.emit(Instr::LoadConst(names));
            c.emit(Instr::CallKw(n + keywords.len() as u32));
        });
        Ok(())
    }

    /// `f(*args, **kwargs)` and friends: one tuple, maybe one dict, `CallEx`.
    fn compile_call_ex(&mut self, prefix: u32, args: &'a [Expr], keywords: &'a [Keyword], span: ast::Span) -> CResult {
        if let (0, [Expr { kind: ExprKind::Starred(inner), .. }]) = (prefix, args) {
            // `f(*x)`: `x` itself goes to `CallEx`, which names `f` if `x` is not iterable.
            self.compile_expr(inner)?;
        } else if has_starred(args) {
            let lead = args.iter().take_while(|a| !matches!(a.kind, ExprKind::Starred(_))).count();
            self.compile_exprs(&args[..lead])?;
            self.emit(Instr::BuildList(prefix + lead as u32));
            for a in &args[lead..] {
                match &a.kind {
                    ExprKind::Starred(inner) => {
                        self.compile_expr(inner)?;
                        self.emit(Instr::ListExtend(1));
                    }
                    _ => {
                        self.compile_expr(a)?;
                        self.emit(Instr::ListAppend(1));
                    }
                }
            }
            self.emit(Instr::ListToTuple);
        } else {
            self.compile_exprs(args)?;
            self.emit(Instr::BuildTuple(prefix + args.len() as u32));
        }
        if !keywords.is_empty() {
            let mut have_dict = false;
            let mut pending = 0u32;
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.emit_load_const(ConstVal::Str(name.clone()));
                        self.compile_expr(&k.value)?;
                        pending += 1;
                    }
                    None => {
                        self.flush_kwargs(&mut pending, &mut have_dict);
                        if !have_dict {
                            self.emit(Instr::BuildMap(0));
                            have_dict = true;
                        }
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
            self.flush_kwargs(&mut pending, &mut have_dict);
        }
        self.with_span(span, |c| c.emit(Instr::CallEx(!keywords.is_empty() as u32)));
        Ok(())
    }

    fn flush_kwargs(&mut self, pending: &mut u32, have_dict: &mut bool) {
        if *pending == 0 {
            return;
        }
        self.emit(Instr::BuildMap(*pending));
        if *have_dict {
            self.emit(Instr::DictMerge(1));
        }
        *have_dict = true;
        *pending = 0;
    }

    // ----- functions -----

    /// Emits the defaults tuple and keyword-only defaults dict; returns the `MakeFunction` flags.
    fn compile_defaults(&mut self, args: &'a ast::Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            let consts: Option<Vec<ConstVal>> = args.defaults.iter().map(const_of).collect();
            match consts {
                Some(c) => self.emit_load_const(ConstVal::Tuple(c)),
                None => {
                    self.compile_exprs(&args.defaults)?;
                    self.emit(Instr::BuildTuple(args.defaults.len() as u32));
                }
            }
            flags |= 1;
        }
        let mut n = 0;
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                let name = mangle(self.ur().private.as_deref(), &arg.name).into_owned();
                self.emit_load_const(ConstVal::Str(name));
                self.compile_expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(Instr::BuildMap(n));
            flags |= 2;
        }
        Ok(flags)
    }

    fn set_arg_counts(&mut self, args: &ast::Arguments) {
        let u = self.u();
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        u.flags.varargs = args.vararg.is_some();
        u.flags.varkeywords = args.kwarg.is_some();
    }

    /// Pushes the closure tuple (if `code` has free variables) and the code, then `MakeFunction`.
    fn make_closure(&mut self, code: CodeObject, mut flags: u32) -> CResult {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let name = name.as_str().unwrap_or_default().to_string();
                let i = self.cell_index(&name)?;
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        let c = self.add_const_unique(Value::code(code));
        self.emit(Instr::LoadConst(c));
        self.emit(Instr::MakeFunction(flags));
        Ok(())
    }

    fn first_line_with_decorators(&self, decorators: &[Expr], header: ast::Span) -> u32 {
        match decorators.first() {
            Some(d) => self.line_of(d.span),
            None => self.line_of(header),
        }
    }

    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        for d in decorators.iter().rev() {
            self.with_span(d.span, |c| c.emit(Instr::Call(1)));
        }
    }

    pub(crate) fn compile_function_def(&mut self, f: &'a ast::FunctionDef) -> CResult {
        self.compile_exprs(&f.decorators)?;
        let mut flags = self.compile_defaults(&f.args)?;
        if self.compile_function_annotations(&f.args, f.returns.as_ref())? {
            flags |= 4;
        }
        let scope = self.symtable.scope_for(f);
        let first_line = self.first_line_with_decorators(&f.decorators, f.header);
        let qualname = self.qualname_for(&f.name, true);
        let private = self.ur().private.clone();
        self.enter_unit(scope, f.name.clone(), qualname, first_line, private);
        self.set_arg_counts(&f.args);
        let mut body: &'a [Stmt] = &f.body;
        match docstring(body) {
            Some(doc) => {
                self.add_const(ConstVal::Str(doc.to_string()));
                self.u().flags.has_docstring = true;
                body = &body[1..];
            }
            None => {
                self.add_const(ConstVal::None);
            }
        }
        self.u().cur_span = f.header;
        self.compile_body(body)?;
        if let Some(last) = f.body.last() {
            self.u().cur_span = last.span;
        }
        self.emit_load_const(ConstVal::None);
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.u().cur_span = f.header;
        self.make_closure(code, flags)?;
        self.apply_decorators(&f.decorators);
        self.emit_name_op(&f.name, NameOp::Store)
    }

    pub(crate) fn compile_lambda(&mut self, e: &'a Expr, args: &'a ast::Arguments, body: &'a Expr) -> CResult {
        let flags = self.compile_defaults(args)?;
        let scope = self.symtable.scope_for(e);
        let qualname = self.qualname_for("<lambda>", false);
        let private = self.ur().private.clone();
        let line = self.line_of(e.span);
        self.enter_unit(scope, "<lambda>".into(), qualname, line, private);
        self.set_arg_counts(args);
        self.u().cur_span = e.span;
        // None first, so that a lambda never has a docstring.
        self.add_const(ConstVal::None);
        self.compile_expr(body)?;
        if self.ur().flags.generator {
            self.emit(Instr::PopTop);
            self.emit_load_const(ConstVal::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, flags)
    }

    pub(crate) fn compile_class_def(&mut self, cd: &'a ast::ClassDef) -> CResult {
        // The class is made by a call positioned on the whole statement, from `class` to the end
        // of the body, as in CPython (a traceback through a class body shows no carets).
        let statement = Span { start: cd.header.start, end: self.u().cur_span.end.max(cd.header.end) };
        self.compile_exprs(&cd.decorators)?;
        self.u().cur_span = cd.header;
        self.emit(Instr::LoadBuildClass);
        let scope = self.symtable.scope_for(cd);
        let first_line = self.first_line_with_decorators(&cd.decorators, cd.header);
        let qualname = self.qualname_for(&cd.name, true);
        self.enter_unit(scope, cd.name.clone(), qualname.clone(), first_line, Some(cd.name.clone()));
        self.u().flags.uses_namespace = true;
        self.u().cur_span = cd.header;
        self.emit_name_op_raw("__name__", NameOp::Load);
        self.emit_name_op_raw("__module__", NameOp::Store);
        self.emit_load_const(ConstVal::Str(qualname));
        self.emit_name_op_raw("__qualname__", NameOp::Store);
        let mut body: &'a [Stmt] = &cd.body;
        if let Some(doc) = docstring(body) {
            self.u().cur_span = body[0].span;
            self.emit_load_const(ConstVal::Str(doc.to_string()));
            self.emit_name_op_raw("__doc__", NameOp::Store);
            body = &body[1..];
        }
        self.setup_annotations(body);
        self.compile_body(body)?;
        if self.symtable.scopes[scope].needs_class_closure {
            let i = self.cell_index("__class__")?;
            self.emit(Instr::LoadClosure(i));
            self.emit_name_op_raw("__classcell__", NameOp::Store);
        }
        self.emit_load_const(ConstVal::None);
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.u().cur_span = cd.header;
        self.make_closure(code, 0)?;
        self.emit_load_const(ConstVal::Str(cd.name.clone()));
        self.compile_call_args(2, &cd.bases, &cd.keywords, statement)?;
        self.apply_decorators(&cd.decorators);
        self.emit_name_op(&cd.name, NameOp::Store)
    }

    // ----- comprehensions -----

    pub(crate) fn compile_comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let Some(first) = generators.first() else {
            return err("comprehension without a 'for' clause", e.span);
        };
        let scope = self.symtable.scope_for(e);
        let qualname = self.qualname_for(name, false);
        let private = self.ur().private.clone();
        let line = self.line_of(e.span);
        self.enter_unit(scope, name.into(), qualname, line, private);
        self.u().argcount = 1;
        self.u().cur_span = e.span;
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Generator => {}
        }
        self.compile_comp_generator(generators, 0, kind, elt, value)?;
        self.u().cur_span = e.span;
        if kind == CompKind::Generator {
            self.emit_load_const(ConstVal::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.finish_unit()?;
        self.make_closure(code, 0)?;
        self.compile_iterable(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    fn compile_comp_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        let g = &generators[index];
        let start = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.compile_iterable(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        self.bind(start);
        self.emit_jump(Instr::ForIter, anchor);
        self.compile_store_target(&g.target, false)?;
        for cond in &g.ifs {
            self.compile_jump_if(cond, false, start)?;
        }
        if index + 1 < generators.len() {
            self.compile_comp_generator(generators, index + 1, kind, elt, value)?;
        } else {
            let depth = generators.len() as u32 + 1;
            match kind {
                CompKind::Generator => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
                CompKind::List => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.compile_expr(elt)?;
                    self.compile_expr(value.expect("a dict comprehension has a value"))?;
                    self.emit(Instr::MapAdd(depth));
                }
            }
        }
        self.emit_jump(Instr::Jump, start);
        self.bind(anchor);
        Ok(())
    }
}

fn has_starred(args: &[Expr]) -> bool {
    args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
}

/// `keyword argument repeated: x`.
fn validate_keywords(keywords: &[Keyword]) -> CResult {
    for (i, k) in keywords.iter().enumerate() {
        let Some(name) = &k.arg else { continue };
        if keywords[..i].iter().any(|p| p.arg.as_deref() == Some(name.as_str())) {
            return err(format!("keyword argument repeated: {name}"), k.span);
        }
    }
    Ok(())
}

/// The argument-order rules the AST can no longer express (it separates positional from keyword
/// arguments): checked with source positions.
fn check_call_order(args: &[Expr], keywords: &[Keyword]) -> CResult {
    let first_kw = keywords.iter().filter(|k| k.arg.is_some()).map(|k| k.span.start).min();
    let first_dstar = keywords.iter().filter(|k| k.arg.is_none()).map(|k| k.span.start).min();
    for a in args {
        let starred = matches!(a.kind, ExprKind::Starred(_));
        if let Some(d) = first_dstar {
            if a.span.start > d {
                return if starred {
                    err("iterable argument unpacking follows keyword argument unpacking", a.span)
                } else {
                    err("positional argument follows keyword argument unpacking", a.span)
                };
            }
        }
        if let Some(k) = first_kw {
            if !starred && a.span.start > k {
                return err("positional argument follows keyword argument", a.span);
            }
        }
    }
    Ok(())
}
