//! Assignment targets (plain, unpacking, attribute, subscript), augmented assignment and `del`.

use gilpy_grammar::ast::{self, Constant, Expr, ExprKind};

use super::expr::{binary_op, expr_kind_name};
use super::{err, CResult, Compiler, NameOp};
use crate::bytecode::{BinaryOp, Instr};

impl<'a> Compiler<'a> {
    /// `targets[0] = targets[1] = ... = value`.
    pub(crate) fn compile_assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> CResult {
        // `a, b = b, a`: no tuple is built.
        if let ([target], ExprKind::Tuple(values)) = (targets, &value.kind) {
            if let ExprKind::Tuple(names) | ExprKind::List(names) = &target.kind {
                let plain = |xs: &[Expr]| xs.iter().all(|x| !matches!(x.kind, ExprKind::Starred(_)));
                if names.len() == values.len() && (2..=3).contains(&names.len()) && plain(names) && plain(values) {
                    self.compile_exprs(values)?;
                    if names.len() == 3 {
                        self.emit(Instr::RotThree);
                    }
                    self.emit(Instr::RotTwo);
                    for t in names {
                        self.compile_store_target(t, false)?;
                    }
                    return Ok(());
                }
            }
        }
        self.compile_expr(value)?;
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(Instr::DupTop);
            }
            self.compile_store_target(t, true)?;
        }
        Ok(())
    }

    /// Stores the value on top of the stack into `t`. `assign_top` is true for the targets of an
    /// `=` statement, whose error messages suggest `==`.
    pub(crate) fn compile_store_target(&mut self, t: &'a Expr, assign_top: bool) -> CResult {
        self.enter_depth(t.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, t.span);
        match &t.kind {
            ExprKind::Name(name) => {
                if name == "__debug__" {
                    return err("cannot assign to __debug__", t.span);
                }
                self.emit_name_op(name, NameOp::Store)?;
            }
            ExprKind::Attribute { value, attr } => {
                if !self.try_fused_store_attr(value, attr) {
                    self.compile_expr(value)?;
                    let i = self.add_mangled_name(attr);
                    self.emit(Instr::StoreAttr(i));
                }
            }
            ExprKind::Subscript { value, slice } if self.try_fused_store_subscript(value, slice) => {}
            ExprKind::Subscript { value, slice } => {
                self.compile_expr(value)?;
                self.compile_expr(slice)?;
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => self.compile_unpack(t, items)?,
            ExprKind::Starred(_) => return err("starred assignment target must be in a list or tuple", t.span),
            _ => {
                let what = expr_kind_name(t);
                let keyword = matches!(t.kind, ExprKind::Constant(Constant::None | Constant::Bool(_)));
                if assign_top && !keyword {
                    return err(format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"), t.span);
                }
                return err(format!("cannot assign to {what}"), t.span);
            }
        }
        self.u().cur_span = saved;
        self.depth -= 1;
        Ok(())
    }

    fn compile_unpack(&mut self, t: &'a Expr, items: &'a [Expr]) -> CResult {
        let mut star = None;
        for (i, item) in items.iter().enumerate() {
            if matches!(item.kind, ExprKind::Starred(_)) {
                if star.is_some() {
                    return err("multiple starred expressions in assignment", t.span);
                }
                star = Some(i);
            }
        }
        match star {
            Some(i) => {
                let before = i;
                let after = items.len() - i - 1;
                if before >= 256 || after >= (1 << 24) {
                    return err("too many expressions in star-unpacking assignment", t.span);
                }
                self.emit(Instr::UnpackEx((before | (after << 8)) as u32));
            }
            None => self.emit(Instr::UnpackSequence(items.len() as u32)),
        }
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => self.compile_store_target(inner, false)?,
                _ => self.compile_store_target(item, false)?,
            }
        }
        Ok(())
    }

    pub(crate) fn compile_aug_assign(&mut self, target: &'a Expr, op: ast::BinOp, value: &'a Expr) -> CResult {
        let inplace = Instr::Inplace(binary_op(op));
        if let Some((load, store, obj)) = self.fused_aug_assign(target, value) {
            self.with_span(target.span, |c| c.emit_fused(load, &[obj]));
            self.compile_expr(value)?;
            self.emit(inplace);
            self.with_span(target.span, |c| c.emit_fused(store, &[obj]));
            return Ok(());
        }
        match &target.kind {
            ExprKind::Name(name) => {
                self.with_span(target.span, |c| c.emit_name_op(name, NameOp::Load))?;
                self.compile_expr(value)?;
                match (inplace, self.fast_local_index(target)) {
                    (Instr::Inplace(BinaryOp::Add), Some(local)) => self.emit(Instr::InplaceAddStoreFast(local)),
                    _ => {
                        self.emit(inplace);
                        self.with_span(target.span, |c| c.emit_name_op(name, NameOp::Store))?;
                    }
                }
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.compile_expr(obj)?;
                let i = self.add_mangled_name(attr);
                self.with_span(target.span, |c| {
                    c.emit(Instr::DupTop);
                    c.emit(Instr::LoadAttr(i));
                });
                self.compile_expr(value)?;
                self.emit(inplace);
                self.with_span(target.span, |c| {
                    c.emit(Instr::RotTwo);
                    c.emit(Instr::StoreAttr(i));
                });
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.compile_expr(obj)?;
                self.compile_expr(slice)?;
                self.with_span(target.span, |c| {
                    c.emit(Instr::DupTopTwo);
                    c.emit(Instr::BinarySubscr);
                });
                self.compile_expr(value)?;
                self.emit(inplace);
                self.with_span(target.span, |c| {
                    c.emit(Instr::RotThree);
                    c.emit(Instr::StoreSubscr);
                });
            }
            _ => {
                return err(
                    format!("'{}' is an illegal expression for augmented assignment", expr_kind_name(target)),
                    target.span,
                )
            }
        }
        Ok(())
    }

    pub(crate) fn compile_delete_target(&mut self, t: &'a Expr) -> CResult {
        self.enter_depth(t.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, t.span);
        match &t.kind {
            ExprKind::Name(name) => {
                if name == "__debug__" {
                    return err("cannot delete __debug__", t.span);
                }
                self.emit_name_op(name, NameOp::Delete)?;
            }
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let i = self.add_mangled_name(attr);
                self.emit(Instr::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.compile_expr(value)?;
                self.compile_expr(slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.compile_delete_target(i)?;
                }
            }
            _ => return err(format!("cannot delete {}", expr_kind_name(t)), t.span),
        }
        self.u().cur_span = saved;
        self.depth -= 1;
        Ok(())
    }
}
