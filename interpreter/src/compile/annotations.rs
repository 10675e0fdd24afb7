//! Annotations: `__annotations__` of modules and classes (from `x: T` statements) and of
//! functions (from parameter and return annotations). Under `from __future__ import
//! annotations` they are kept as their source text instead of being evaluated.

use gilpy_grammar::ast::{self, Expr, ExprKind, Stmt, StmtKind};

use super::symtable::ScopeKind;
use super::{mangle, CResult, Compiler, ConstVal, NameOp};
use crate::bytecode::Instr;

/// Does a module or class body contain an annotated assignment (outside nested scopes)?
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// CPython's `SETUP_ANNOTATIONS`: a module or class body with annotations starts with an
    /// empty `__annotations__` dict.
    pub(crate) fn setup_annotations(&mut self, body: &'a [Stmt]) {
        if has_annotations(body) {
            self.emit(Instr::BuildMap(0));
            self.emit_name_op_raw("__annotations__", NameOp::Store);
        }
    }

    /// The annotation's value: evaluated, or its source text under the `annotations` future.
    fn compile_annotation(&mut self, ann: &'a Expr) -> CResult {
        if self.future_annotations {
            let text = self.source.text[ann.span.start as usize..ann.span.end as usize].to_string();
            self.emit_load_const(ConstVal::Str(text));
            Ok(())
        } else {
            self.compile_expr(ann)
        }
    }

    /// `x: T` in a module or class body: `__annotations__['x'] = T` (after the assignment).
    pub(crate) fn store_annotation(&mut self, target: &'a Expr, simple: bool, ann: &'a Expr) -> CResult {
        if !matches!(self.ur().kind, ScopeKind::Module | ScopeKind::Class) {
            return Ok(());
        }
        let ExprKind::Name(name) = &target.kind else { return Ok(()) };
        if !simple {
            return Ok(());
        }
        let key = mangle(self.ur().private.as_deref(), name).into_owned();
        self.compile_annotation(ann)?;
        self.emit_name_op_raw("__annotations__", NameOp::Load);
        self.emit_load_const(ConstVal::Str(key));
        self.emit(Instr::StoreSubscr);
        Ok(())
    }

    /// Pushes the dict of a function's parameter and return annotations; false (nothing pushed)
    /// when it has none.
    pub(crate) fn compile_function_annotations(
        &mut self,
        args: &'a ast::Arguments,
        returns: Option<&'a Expr>,
    ) -> CResult<bool> {
        let params =
            args.posonlyargs.iter().chain(&args.args).chain(&args.vararg).chain(&args.kwonlyargs).chain(&args.kwarg);
        let mut n = 0;
        for a in params {
            if let Some(ann) = &a.annotation {
                let key = mangle(self.ur().private.as_deref(), &a.name).into_owned();
                self.emit_load_const(ConstVal::Str(key));
                self.compile_annotation(ann)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            self.emit_load_const(ConstVal::Str("return".into()));
            self.compile_annotation(r)?;
            n += 1;
        }
        if n > 0 {
            self.emit(Instr::BuildMap(n));
        }
        Ok(n > 0)
    }
}
