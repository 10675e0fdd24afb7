//! Statements: control flow (`if`, loops, `try`, `with`), `return`/`break`/`continue` and the
//! unwinding of the blocks they leave, `raise`, `assert`, imports, expression statements.

use gilpy_grammar::ast::{self, Expr, ExprKind, Stmt, StmtKind};

use super::symtable::node_key;
use super::{err, CResult, Compiler, ConstVal, FBlock, Mode, NameOp};
use crate::bytecode::Instr;

impl<'a> Compiler<'a> {
    pub(crate) fn compile_body(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn compile_stmt(&mut self, s: &'a Stmt) -> CResult {
        self.enter_depth(s.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, s.span);
        self.compile_stmt_kind(s)?;
        self.u().cur_span = saved;
        self.depth -= 1;
        Ok(())
    }

    fn compile_stmt_kind(&mut self, s: &'a Stmt) -> CResult {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.compile_function_def(f)?,
            StmtKind::ClassDef(c) => self.compile_class_def(c)?,
            StmtKind::Return(value) => self.compile_return(s, value.as_ref())?,
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.compile_delete_target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => self.compile_assign(targets, value)?,
            StmtKind::AugAssign { target, op, value } => self.compile_aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, simple, annotation } => {
                // A bare `x: int` binds nothing; in functions annotations are not evaluated.
                match value {
                    Some(v) => {
                        self.compile_expr(v)?;
                        self.compile_store_target(target, false)?;
                    }
                    None if !*simple => self.check_ann_target(target)?,
                    None => {}
                }
                self.store_annotation(target, *simple, annotation)?;
            }
            StmtKind::For { target, iter, body, orelse } => self.compile_for(target, iter, body, orelse)?,
            StmtKind::While { test, body, orelse } => self.compile_while(test, body, orelse)?,
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                if orelse.is_empty() {
                    self.compile_jump_if(test, false, end)?;
                    self.compile_body(body)?;
                } else {
                    let else_l = self.new_label();
                    self.compile_jump_if(test, false, else_l)?;
                    self.compile_body(body)?;
                    self.emit_jump(Instr::Jump, end);
                    self.bind(else_l);
                    self.compile_body(orelse)?;
                }
                self.bind(end);
            }
            StmtKind::With { items, body } => self.compile_with(s, items, 0, body)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.compile_try_except(body, handlers, orelse)?;
                } else {
                    self.compile_try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.compile_jump_if(test, true, end)?;
                // CPython's traceback points at the failed test.
                self.with_span(test.span, |c| c.emit(Instr::LoadAssertionError));
                if let Some(m) = msg {
                    self.compile_expr(m)?;
                    self.with_span(test.span, |c| c.emit(Instr::Call(1)));
                }
                self.with_span(test.span, |c| c.emit(Instr::Raise(1)));
                self.bind(end);
            }
            StmtKind::Import(names) => self.compile_import(names)?,
            StmtKind::ImportFrom { module: Some(m), names, level: 0 } if m == "__future__" => {
                self.check_future_import(s, names)?
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.compile_import_from(module.as_deref(), names, *level)?
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                if self.mode == Mode::Interactive && self.units.len() == 1 {
                    self.compile_expr(e)?;
                    self.emit(Instr::PrintExpr);
                } else if !matches!(e.kind, ExprKind::Constant(_)) {
                    self.compile_expr(e)?;
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Break => self.compile_break(s)?,
            StmtKind::Continue => self.compile_continue(s)?,
            StmtKind::Match { subject, cases } => self.compile_match(subject, cases)?,
        }
        Ok(())
    }

    /// `x.y: int` / `x[i]: int` without a value: CPython evaluates nothing in functions either; we
    /// only reject targets that cannot be annotated.
    fn check_ann_target(&mut self, target: &'a Expr) -> CResult {
        match &target.kind {
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } | ExprKind::Name(_) => Ok(()),
            ExprKind::Tuple(_) => err("only single target (not tuple) can be annotated", target.span),
            ExprKind::List(_) => err("only single target (not list) can be annotated", target.span),
            _ => err("illegal target for annotation", target.span),
        }
    }

    // ----- loops -----

    fn compile_while(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let start = self.new_label();
        let else_l = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.compile_jump_if(test, false, else_l)?;
        self.u().fblocks.push(FBlock::WhileLoop { start, exit });
        self.compile_body(body)?;
        self.u().fblocks.pop();
        self.emit_jump(Instr::Jump, start);
        self.bind(else_l);
        self.compile_body(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn compile_for(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.compile_iterable(iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.emit_jump(Instr::ForIter, cleanup);
        self.compile_store_target(target, false)?;
        self.u().fblocks.push(FBlock::ForLoop { start, exit });
        self.compile_body(body)?;
        self.u().fblocks.pop();
        self.emit_jump(Instr::Jump, start);
        self.bind(cleanup);
        self.compile_body(orelse)?;
        self.bind(exit);
        Ok(())
    }

    // ----- return, break, continue -----

    fn compile_return(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        if !self.ur().kind.is_function_like() {
            return err("'return' outside function", s.span);
        }
        let preserve_tos = matches!(value, Some(v) if !matches!(v.kind, ExprKind::Constant(_)));
        if preserve_tos {
            self.compile_expr(value.unwrap())?;
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.emit_load_const(ConstVal::None),
            Some(v) if !preserve_tos => self.compile_expr(v)?,
            Some(_) => {}
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn compile_break(&mut self, s: &Stmt) -> CResult {
        match self.unwind_fblock_stack(false, true)? {
            Some(lp @ FBlock::ForLoop { exit, .. }) | Some(lp @ FBlock::WhileLoop { exit, .. }) => {
                self.unwind_fblock(&lp, false)?;
                self.emit_jump(Instr::Jump, exit);
                Ok(())
            }
            _ => err("'break' outside loop", s.span),
        }
    }

    fn compile_continue(&mut self, s: &Stmt) -> CResult {
        match self.unwind_fblock_stack(false, true)? {
            Some(FBlock::ForLoop { start, .. }) | Some(FBlock::WhileLoop { start, .. }) => {
                self.emit_jump(Instr::Jump, start);
                Ok(())
            }
            _ => err("'continue' not properly in loop", s.span),
        }
    }

    /// Emits the cleanup of every block being left, innermost first; with `stop_at_loop`, stops
    /// at (and returns) the innermost loop. Each block is taken off the stack while its cleanup is
    /// compiled, so that a `return` inside an inlined `finally` body does not run it again.
    fn unwind_fblock_stack(&mut self, preserve_tos: bool, stop_at_loop: bool) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.ur().fblocks.last().cloned() else { return Ok(None) };
        if stop_at_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        let result =
            self.unwind_fblock(&top, preserve_tos).and_then(|_| self.unwind_fblock_stack(preserve_tos, stop_at_loop));
        self.u().fblocks.push(top);
        result
    }

    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match *fb {
            FBlock::WhileLoop { .. } => {}
            FBlock::ForLoop { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
            }
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::FinallyTry(body) => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.u().fblocks.push(FBlock::PopValue);
                }
                self.compile_body(body)?;
                if preserve_tos {
                    self.u().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
                self.emit(Instr::PopExcept);
            }
            FBlock::With => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::ExitWith);
            }
            FBlock::HandlerCleanup(name) => {
                self.emit(Instr::PopExcept);
                if let Some(name) = name {
                    self.clear_handler_name(name)?;
                }
            }
        }
        Ok(())
    }

    /// `e = None; del e` after `except E as e:`.
    fn clear_handler_name(&mut self, name: &str) -> CResult {
        self.emit_load_const(ConstVal::None);
        self.emit_name_op(name, NameOp::Store)?;
        self.emit_name_op(name, NameOp::Delete)
    }

    // ----- try -----

    fn compile_try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        if handlers.is_empty() {
            // `try: ... else: ...` without handlers cannot be parsed; be lenient.
            self.compile_body(body)?;
            return self.compile_body(orelse);
        }
        let handler_l = self.new_label();
        let end = self.new_label();
        self.emit_jump(Instr::SetupFinally, handler_l);
        self.u().fblocks.push(FBlock::TryExcept);
        self.compile_body(body)?;
        self.u().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.compile_body(orelse)?;
        self.emit_jump(Instr::Jump, end);
        self.bind(handler_l);
        for (i, h) in handlers.iter().enumerate() {
            let saved = std::mem::replace(&mut self.u().cur_span, h.span);
            if h.typ.is_none() && i + 1 < handlers.len() {
                return err("default 'except:' must be last", h.span);
            }
            let next = self.new_label();
            if let Some(t) = &h.typ {
                self.compile_expr(t)?;
                self.emit(Instr::CheckExcMatch);
                self.emit_jump(Instr::PopJumpIfFalse, next);
            }
            match &h.name {
                Some(n) => self.emit_name_op(n, NameOp::Store)?,
                None => self.emit(Instr::PopTop),
            }
            self.u().fblocks.push(FBlock::HandlerCleanup(h.name.as_deref()));
            self.compile_body(&h.body)?;
            self.u().fblocks.pop();
            self.emit(Instr::PopExcept);
            if let Some(n) = &h.name {
                self.clear_handler_name(n)?;
            }
            self.emit_jump(Instr::Jump, end);
            self.bind(next);
            self.u().cur_span = saved;
        }
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    fn compile_try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CResult {
        let handler_l = self.new_label();
        let end = self.new_label();
        self.emit_jump(Instr::SetupFinally, handler_l);
        self.u().fblocks.push(FBlock::FinallyTry(finalbody));
        if handlers.is_empty() {
            self.compile_body(body)?;
            self.compile_body(orelse)?;
        } else {
            self.compile_try_except(body, handlers, orelse)?;
        }
        self.u().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.compile_body(finalbody)?;
        self.emit_jump(Instr::Jump, end);
        self.bind(handler_l);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.compile_body(finalbody)?;
        self.u().fblocks.pop();
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    // ----- with -----

    fn compile_with(&mut self, s: &'a Stmt, items: &'a [ast::WithItem], index: usize, body: &'a [Stmt]) -> CResult {
        let item = &items[index];
        let handler_l = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.emit_jump(Instr::SetupWith, handler_l);
        self.u().fblocks.push(FBlock::With);
        match &item.optional_vars {
            Some(t) => self.compile_store_target(t, false)?,
            None => self.emit(Instr::PopTop),
        }
        if index + 1 < items.len() {
            self.compile_with(s, items, index + 1, body)?;
        } else {
            self.compile_body(body)?;
        }
        self.u().fblocks.pop();
        self.u().cur_span = s.span;
        self.emit(Instr::PopBlock);
        self.emit(Instr::ExitWith);
        self.emit_jump(Instr::Jump, end);
        self.bind(handler_l);
        self.emit(Instr::WithExceptStart);
        self.emit_jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Reraise);
        self.bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    // ----- imports -----

    fn compile_import(&mut self, names: &'a [ast::Alias]) -> CResult {
        // Import instructions keep the statement's position, as CPython's do (no carets).
        for a in names {
            self.emit_load_const(ConstVal::Int(0));
            self.emit_load_const(ConstVal::None);
            let i = self.add_name(&a.name);
            self.emit(Instr::ImportName(i));
            match &a.asname {
                Some(asname) => {
                    for part in a.name.split('.').skip(1) {
                        let i = self.add_name(part);
                        self.emit(Instr::LoadAttr(i));
                    }
                    self.emit_name_op(asname, NameOp::Store)?;
                }
                None => {
                    let top = a.name.split('.').next().unwrap_or(&a.name);
                    self.emit_name_op(top, NameOp::Store)?;
                }
            }
        }
        Ok(())
    }

    /// `from __future__ import x`: checked like CPython, then dropped (every feature gilpy knows
    /// is always on, and no `__future__` module is needed at run time).
    fn check_future_import(&mut self, s: &'a Stmt, names: &[ast::Alias]) -> CResult {
        if !self.future_imports_ok.contains(&node_key(s)) {
            return err("from __future__ imports must occur at the beginning of the file", s.span);
        }
        const FEATURES: &[&str] = &[
            "nested_scopes",
            "generators",
            "division",
            "absolute_import",
            "with_statement",
            "print_function",
            "unicode_literals",
            "barry_as_FLUFL",
            "generator_stop",
            "annotations",
        ];
        for a in names {
            if a.name == "braces" {
                return err("not a chance", s.span);
            }
            if !FEATURES.contains(&a.name.as_str()) {
                return err(format!("future feature {} is not defined", a.name), s.span);
            }
        }
        Ok(())
    }

    fn compile_import_from(&mut self, module: Option<&str>, names: &'a [ast::Alias], level: u32) -> CResult {
        self.emit_load_const(ConstVal::Int(level as i64));
        let fromlist = names.iter().map(|a| ConstVal::Str(a.name.clone())).collect();
        self.emit_load_const(ConstVal::Tuple(fromlist));
        let m = self.add_name(module.unwrap_or(""));
        self.emit(Instr::ImportName(m));
        if names.len() == 1 && names[0].name == "*" {
            self.emit(Instr::ImportStar);
            return Ok(());
        }
        for a in names {
            let i = self.add_name(&a.name);
            self.emit(Instr::ImportFrom(i));
            self.emit_name_op(a.asname.as_deref().unwrap_or(&a.name), NameOp::Store)?;
        }
        self.emit(Instr::PopTop);
        Ok(())
    }
}
