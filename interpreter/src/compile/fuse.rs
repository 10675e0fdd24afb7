//! Superinstructions: where an expression's shape allows, emit one fused instruction (see the
//! end of `bytecode::Instr`) instead of the two or three the general path would. A fused
//! instruction reads its local in place, so the object's reference count is not touched.
//!
//! Fusing must not change what a program observes. The general path evaluates the object
//! before the rest of the expression; a fused instruction reads the local after it, so the rest
//! must not be able to rebind the local: only names, constants and operators over them qualify
//! (`simple_operand`). Errors keep CPython's carets: an unbound local is reported at the name's
//! own span, kept in the code object's operand spans (`CodeObject::operand_pcs`).

use gilpy_grammar::ast::{Expr, ExprKind};

use super::expr::ConstVal;
use super::symtable::NameScope;
use super::{mangle, Compiler};
use crate::bytecode::{CompareOp, Instr};

impl<'a> Compiler<'a> {
    /// The slot of `e` when it is a plain fast local of a function, in a superinstruction's
    /// 16-bit operand.
    fn fast_local_slot(&mut self, e: &Expr) -> Option<u16> {
        u16::try_from(self.fast_local_index(e)?).ok()
    }

    /// The slot of `e` when it is a plain fast local (any index).
    pub(crate) fn fast_local_index(&mut self, e: &Expr) -> Option<u32> {
        let ExprKind::Name(name) = &e.kind else { return None };
        if name == "__debug__" || !self.ur().kind.is_function_like() {
            return None;
        }
        let mangled = mangle(self.ur().private.as_deref(), name).into_owned();
        (self.scope_of(&mangled) == NameScope::Local).then(|| self.add_varname(&mangled))
    }

    fn const_slot(&mut self, e: &Expr) -> Option<u16> {
        let ExprKind::Constant(c) = &e.kind else { return None };
        u16::try_from(self.add_const(ConstVal::from_ast(c))).ok()
    }

    /// Emits `ins`, recording the spans of its local operands for error carets.
    pub(crate) fn emit_fused(&mut self, ins: Instr, operands: &[&Expr]) {
        let u = self.u();
        let pc = u.instrs.len() as u32;
        for operand in operands {
            u.operand_spans.push((pc, operand.span));
        }
        self.emit(ins);
    }

    /// `local.attr` as one `LoadFastAttr`. False when `value` is not a fast local.
    pub(crate) fn try_fused_load_attr(&mut self, value: &'a Expr, attr: &str) -> bool {
        let Some(local) = self.fast_local_slot(value) else { return false };
        let Ok(name) = u16::try_from(self.add_mangled_name(attr)) else { return false };
        self.emit_fused(Instr::LoadFastAttr { local, name }, &[value]);
        true
    }

    /// `local.attr = <value on the stack>` as one `StoreFastAttr`.
    pub(crate) fn try_fused_store_attr(&mut self, value: &'a Expr, attr: &str) -> bool {
        let Some(local) = self.fast_local_slot(value) else { return false };
        let Ok(name) = u16::try_from(self.add_mangled_name(attr)) else { return false };
        self.emit_fused(Instr::StoreFastAttr { local, name }, &[value]);
        true
    }

    /// `local[const]` or `local[local]` as one instruction.
    pub(crate) fn try_fused_subscript(&mut self, value: &'a Expr, slice: &'a Expr) -> bool {
        let Some(container) = self.fast_local_slot(value) else { return false };
        if let Some(key) = self.const_slot(slice) {
            self.emit_fused(Instr::SubscrFastConst { local: container, key }, &[value]);
            return true;
        }
        if let Some(key) = self.fast_local_slot(slice) {
            self.emit_fused(Instr::SubscrFastFast { container, key }, &[value, slice]);
            return true;
        }
        false
    }

    /// `local[const] = <value on the stack>` as one `StoreSubscrFastConst`.
    pub(crate) fn try_fused_store_subscript(&mut self, value: &'a Expr, slice: &'a Expr) -> bool {
        let Some(local) = self.fast_local_slot(value) else { return false };
        let Some(key) = self.const_slot(slice) else { return false };
        self.emit_fused(Instr::StoreSubscrFastConst { local, key }, &[value]);
        true
    }

    /// The load and store for `local.attr op= value` or `local[const] op= value`, and the
    /// local's expression, when the target can be fused and `value` cannot rebind the local.
    pub(crate) fn fused_aug_assign(&mut self, target: &'a Expr, value: &Expr) -> Option<(Instr, Instr, &'a Expr)> {
        if !simple_operand(value) {
            return None;
        }
        match &target.kind {
            ExprKind::Attribute { value: obj, attr } => {
                let local = self.fast_local_slot(obj)?;
                let name = u16::try_from(self.add_mangled_name(attr)).ok()?;
                Some((Instr::LoadFastAttr { local, name }, Instr::StoreFastAttr { local, name }, obj))
            }
            ExprKind::Subscript { value: obj, slice } => {
                let local = self.fast_local_slot(obj)?;
                let key = self.const_slot(slice)?;
                Some((Instr::SubscrFastConst { local, key }, Instr::StoreSubscrFastConst { local, key }, obj))
            }
            _ => None,
        }
    }

    /// `Compare(op)` then a conditional jump, as one instruction.
    pub(crate) fn emit_compare_jump(&mut self, op: CompareOp, jump_if: bool, target: u32) {
        self.emit(if jump_if { Instr::CompareJumpIfTrue(op, target) } else { Instr::CompareJumpIfFalse(op, target) });
    }
}

/// An expression that cannot rebind a local while it is evaluated (no walrus, no call that
/// might run a comprehension with one): names, constants, attributes, subscripts and operators
/// over them.
pub(crate) fn simple_operand(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => true,
        ExprKind::Attribute { value, .. } => simple_operand(value),
        ExprKind::Subscript { value, slice } => simple_operand(value) && simple_operand(slice),
        ExprKind::BinOp { left, right, .. } => simple_operand(left) && simple_operand(right),
        ExprKind::UnaryOp { operand, .. } => simple_operand(operand),
        _ => false,
    }
}
