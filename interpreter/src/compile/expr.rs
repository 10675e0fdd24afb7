//! Expressions: constants (and a little folding), names, operators, comparisons, conditional
//! jumps, displays, f-strings, attributes and subscripts, `yield`. Calls, lambdas and
//! comprehensions are in `call.rs`.

use num_bigint::BigInt;

use gilpy_grammar::ast::{self, BoolOp, CmpOp, Constant, Expr, ExprKind, UnaryOp};

use super::{err, CResult, Compiler, Label, NameOp};
use crate::bytecode::{BinaryOp, CompareOp, Instr};
use crate::object::{ObjRef, Payload};
use crate::value::Value;

/// A compile-time constant. Floats are kept as bits so that `0.0` and `-0.0` stay distinct
/// constants and the type can be a hash key (deduplicating `consts`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ConstVal {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(u64),
    /// Real and imaginary parts, as bits.
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstVal>),
    /// The frozenset a set display of constants folds to (see `set::frozenset_of_constants`).
    FrozenSet(Vec<ConstVal>),
}

impl ConstVal {
    pub fn from_ast(c: &Constant) -> ConstVal {
        match c {
            Constant::None => ConstVal::None,
            Constant::Bool(b) => ConstVal::Bool(*b),
            Constant::Int(i) => ConstVal::Int(*i),
            Constant::BigInt(b) => ConstVal::BigInt(b.clone()),
            Constant::Float(f) => ConstVal::Float(f.to_bits()),
            Constant::Complex(im) => ConstVal::Complex(0f64.to_bits(), im.to_bits()),
            Constant::Str(s) => ConstVal::Str(s.clone()),
            Constant::Bytes(b) => ConstVal::Bytes(b.clone()),
            Constant::Ellipsis => ConstVal::Ellipsis,
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            ConstVal::None => Value::None,
            ConstVal::Ellipsis => Value::Ellipsis,
            ConstVal::Bool(b) => Value::Bool(*b),
            ConstVal::Int(i) => Value::Int(*i),
            ConstVal::BigInt(b) => Value::int_from_big(b.clone()),
            ConstVal::Float(f) => Value::Float(f64::from_bits(*f)),
            ConstVal::Complex(re, im) => {
                Value::Obj(ObjRef::new(Payload::Complex(f64::from_bits(*re), f64::from_bits(*im))))
            }
            ConstVal::Str(s) => Value::str(s),
            ConstVal::Bytes(b) => Value::bytes(b.clone()),
            ConstVal::Tuple(items) => Value::tuple(items.iter().map(ConstVal::to_value).collect()),
            ConstVal::FrozenSet(items) => {
                let values: Vec<Value> = items.iter().map(ConstVal::to_value).collect();
                crate::builtins::set::frozenset_of_constants(&values).unwrap_or_else(|| Value::tuple(values))
            }
        }
    }

    /// Python truthiness, when it is known at compile time.
    pub fn truthy(&self) -> bool {
        match self {
            ConstVal::None => false,
            ConstVal::Ellipsis => true,
            ConstVal::Bool(b) => *b,
            ConstVal::Int(i) => *i != 0,
            ConstVal::BigInt(_) => true,
            ConstVal::Float(f) => f64::from_bits(*f) != 0.0,
            ConstVal::Complex(re, im) => f64::from_bits(*re) != 0.0 || f64::from_bits(*im) != 0.0,
            ConstVal::Str(s) => !s.is_empty(),
            ConstVal::Bytes(b) => !b.is_empty(),
            ConstVal::Tuple(t) | ConstVal::FrozenSet(t) => !t.is_empty(),
        }
    }

    fn negate(&self) -> Option<ConstVal> {
        Some(match self {
            ConstVal::Int(i) => match i.checked_neg() {
                Some(n) => ConstVal::Int(n),
                None => ConstVal::BigInt(-BigInt::from(*i)),
            },
            ConstVal::BigInt(b) => {
                let n = -b.clone();
                match i64::try_from(&n) {
                    Ok(i) => ConstVal::Int(i),
                    Err(_) => ConstVal::BigInt(n),
                }
            }
            ConstVal::Float(f) => ConstVal::Float((-f64::from_bits(*f)).to_bits()),
            ConstVal::Complex(re, im) => {
                ConstVal::Complex((-f64::from_bits(*re)).to_bits(), (-f64::from_bits(*im)).to_bits())
            }
            _ => return None,
        })
    }
}

/// The constant an expression folds to: literals, `-literal`, tuples of constants.
pub(crate) fn const_of(e: &Expr) -> Option<ConstVal> {
    match &e.kind {
        ExprKind::Constant(c) => Some(ConstVal::from_ast(c)),
        ExprKind::UnaryOp { op: UnaryOp::USub, operand } => match &operand.kind {
            ExprKind::Constant(c) => ConstVal::from_ast(c).negate(),
            _ => None,
        },
        ExprKind::Tuple(items) if items.len() <= 256 => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(const_of(i)?);
            }
            Some(ConstVal::Tuple(out))
        }
        _ => None,
    }
}

pub(crate) fn binary_op(op: ast::BinOp) -> BinaryOp {
    match op {
        ast::BinOp::Add => BinaryOp::Add,
        ast::BinOp::Sub => BinaryOp::Sub,
        ast::BinOp::Mult => BinaryOp::Mul,
        ast::BinOp::MatMult => BinaryOp::MatMul,
        ast::BinOp::Div => BinaryOp::TrueDiv,
        ast::BinOp::Mod => BinaryOp::Mod,
        ast::BinOp::Pow => BinaryOp::Pow,
        ast::BinOp::LShift => BinaryOp::LShift,
        ast::BinOp::RShift => BinaryOp::RShift,
        ast::BinOp::BitOr => BinaryOp::Or,
        ast::BinOp::BitXor => BinaryOp::Xor,
        ast::BinOp::BitAnd => BinaryOp::And,
        ast::BinOp::FloorDiv => BinaryOp::FloorDiv,
    }
}

fn compare_instr(op: CmpOp) -> Instr {
    match op {
        CmpOp::Eq => Instr::Compare(CompareOp::Eq),
        CmpOp::NotEq => Instr::Compare(CompareOp::Ne),
        CmpOp::Lt => Instr::Compare(CompareOp::Lt),
        CmpOp::LtE => Instr::Compare(CompareOp::Le),
        CmpOp::Gt => Instr::Compare(CompareOp::Gt),
        CmpOp::GtE => Instr::Compare(CompareOp::Ge),
        CmpOp::Is => Instr::IsOp(0),
        CmpOp::IsNot => Instr::IsOp(1),
        CmpOp::In => Instr::ContainsOp(0),
        CmpOp::NotIn => Instr::ContainsOp(1),
    }
}

/// How CPython names an expression in "cannot assign to ..." messages.
pub(crate) fn expr_kind_name(e: &Expr) -> &'static str {
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

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeqKind {
    List,
    Tuple,
    Set,
}

/// Displays longer than this are built incrementally, to keep the stack small.
const STACK_USE_GUIDELINE: usize = 30;

impl<'a> Compiler<'a> {
    /// Compiles `e`, leaving its value on the stack. Instructions carry `e`'s span.
    pub(crate) fn compile_expr(&mut self, e: &'a Expr) -> CResult {
        self.enter_depth(e.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, e.span);
        self.compile_expr_kind(e)?;
        self.u().cur_span = saved;
        self.depth -= 1;
        Ok(())
    }

    pub(crate) fn compile_exprs(&mut self, es: &'a [Expr]) -> CResult {
        for e in es {
            self.compile_expr(e)?;
        }
        Ok(())
    }

    /// One call per arm keeps this frame small: it is on the stack once per nesting level.
    fn compile_expr_kind(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Constant(c) => {
                self.emit_load_const(ConstVal::from_ast(c));
                Ok(())
            }
            ExprKind::Name(name) => self.compile_name_load(name),
            ExprKind::BoolOp { op, values } => self.compile_boolop(*op, values),
            ExprKind::NamedExpr { target, value } => self.compile_named_expr(target, value),
            ExprKind::BinOp { left, op, right } => self.compile_binop(left, *op, right),
            ExprKind::UnaryOp { op, operand } => self.compile_unaryop(e, *op, operand),
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => self.compile_ifexp(test, body, orelse),
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values),
            ExprKind::Set(items) => self.compile_sequence(items, SeqKind::Set),
            ExprKind::List(items) => self.compile_sequence(items, SeqKind::List),
            ExprKind::Tuple(items) => self.compile_sequence(items, SeqKind::Tuple),
            ExprKind::ListComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::Set, generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.compile_comprehension(e, CompKind::Generator, generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.compile_comprehension(e, CompKind::Dict, generators, key, Some(value))
            }
            ExprKind::Yield(value) => self.compile_yield(e, value.as_deref()),
            ExprKind::YieldFrom(value) => self.compile_yield_from(e, value),
            ExprKind::Compare { left, ops, comparators } => self.compile_compare(left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.compile_call(e, func, args, keywords),
            ExprKind::FormattedValue { .. } => self.compile_formatted_value(e),
            ExprKind::JoinedStr(parts) => self.compile_joined_str(parts),
            ExprKind::Attribute { value, attr } => self.compile_attribute(value, attr),
            ExprKind::Subscript { value, slice } => self.compile_subscript(value, slice),
            ExprKind::Starred(_) => err("can't use starred expression here", e.span),
            ExprKind::Slice { lower, upper, step } => {
                self.compile_slice(lower.as_deref(), upper.as_deref(), step.as_deref())
            }
        }
    }

    fn compile_name_load(&mut self, name: &str) -> CResult {
        if name == "__debug__" {
            self.emit_load_const(ConstVal::Bool(true));
            Ok(())
        } else {
            self.emit_name_op(name, NameOp::Load)
        }
    }

    fn compile_named_expr(&mut self, target: &'a Expr, value: &'a Expr) -> CResult {
        self.compile_expr(value)?;
        self.emit(Instr::DupTop);
        self.compile_store_target(target, false)
    }

    fn compile_binop(&mut self, left: &'a Expr, op: ast::BinOp, right: &'a Expr) -> CResult {
        self.compile_expr(left)?;
        self.compile_expr(right)?;
        self.emit(Instr::Binary(binary_op(op)));
        Ok(())
    }

    fn compile_unaryop(&mut self, e: &'a Expr, op: UnaryOp, operand: &'a Expr) -> CResult {
        if let Some(c) = const_of(e) {
            self.emit_load_const(c);
            return Ok(());
        }
        self.compile_expr(operand)?;
        self.emit(match op {
            UnaryOp::Invert => Instr::UnaryInvert,
            UnaryOp::Not => Instr::UnaryNot,
            UnaryOp::UAdd => Instr::UnaryPositive,
            UnaryOp::USub => Instr::UnaryNegative,
        });
        Ok(())
    }

    fn compile_ifexp(&mut self, test: &'a Expr, body: &'a Expr, orelse: &'a Expr) -> CResult {
        let else_l = self.new_label();
        let end = self.new_label();
        self.compile_jump_if(test, false, else_l)?;
        self.compile_expr(body)?;
        self.emit_jump(Instr::Jump, end);
        self.bind(else_l);
        self.compile_expr(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_yield(&mut self, e: &'a Expr, value: Option<&'a Expr>) -> CResult {
        self.check_yield_allowed(e)?;
        match value {
            Some(v) => self.compile_expr(v)?,
            None => self.emit_load_const(ConstVal::None),
        }
        self.emit(Instr::YieldValue);
        Ok(())
    }

    fn compile_yield_from(&mut self, e: &'a Expr, value: &'a Expr) -> CResult {
        self.check_yield_allowed(e)?;
        self.compile_expr(value)?;
        self.emit(Instr::GetYieldFromIter);
        self.emit_load_const(ConstVal::None);
        self.emit(Instr::YieldFrom);
        Ok(())
    }

    fn compile_attribute(&mut self, value: &'a Expr, attr: &str) -> CResult {
        if self.try_fused_load_attr(value, attr) {
            return Ok(());
        }
        self.compile_expr(value)?;
        let i = self.add_mangled_name(attr);
        self.emit(Instr::LoadAttr(i));
        Ok(())
    }

    fn compile_subscript(&mut self, value: &'a Expr, slice: &'a Expr) -> CResult {
        if self.try_fused_subscript(value, slice) {
            return Ok(());
        }
        self.compile_expr(value)?;
        self.compile_expr(slice)?;
        self.emit(Instr::BinarySubscr);
        Ok(())
    }

    fn compile_slice(&mut self, lower: Option<&'a Expr>, upper: Option<&'a Expr>, step: Option<&'a Expr>) -> CResult {
        for part in [lower, upper] {
            match part {
                Some(p) => self.compile_expr(p)?,
                None => self.emit_load_const(ConstVal::None),
            }
        }
        match step {
            Some(s) => {
                self.compile_expr(s)?;
                self.emit(Instr::BuildSlice(3));
            }
            None => self.emit(Instr::BuildSlice(2)),
        }
        Ok(())
    }

    fn check_yield_allowed(&self, e: &Expr) -> CResult {
        if !self.ur().kind.is_function_like() {
            return err("'yield' outside function", e.span);
        }
        Ok(())
    }

    fn compile_boolop(&mut self, op: BoolOp, values: &'a [Expr]) -> CResult {
        let end = self.new_label();
        let (last, rest) = values.split_last().expect("a BoolOp has operands");
        for v in rest {
            self.compile_expr(v)?;
            match op {
                BoolOp::And => self.emit_jump(Instr::JumpIfFalseOrPop, end),
                BoolOp::Or => self.emit_jump(Instr::JumpIfTrueOrPop, end),
            }
        }
        self.compile_expr(last)?;
        self.bind(end);
        Ok(())
    }

    fn compile_compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        self.compile_expr(left)?;
        if ops.len() == 1 {
            self.compile_comparator(ops[0], &comparators[0])?;
            self.emit(compare_instr(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        let n = ops.len();
        for i in 0..n - 1 {
            self.compile_expr(&comparators[i])?;
            self.emit(Instr::DupTop);
            self.emit(Instr::RotThree);
            self.emit(compare_instr(ops[i]));
            self.emit_jump(Instr::JumpIfFalseOrPop, cleanup);
        }
        self.compile_comparator(ops[n - 1], &comparators[n - 1])?;
        self.emit(compare_instr(ops[n - 1]));
        self.emit_jump(Instr::Jump, end);
        self.bind(cleanup);
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    fn compile_comparator(&mut self, op: CmpOp, e: &'a Expr) -> CResult {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            self.compile_iterable(e)
        } else {
            self.compile_expr(e)
        }
    }

    /// Jumps to `target` when the truth of `e` equals `cond`; falls through otherwise, with the
    /// stack as before.
    pub(crate) fn compile_jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> CResult {
        self.enter_depth(e.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, e.span);
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.compile_jump_if(operand, !cond, target)?,
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                let next = if is_or != cond { self.new_label() } else { target };
                let (last, rest) = values.split_last().expect("a BoolOp has operands");
                for v in rest {
                    self.compile_jump_if(v, is_or, next)?;
                }
                self.compile_jump_if(last, cond, target)?;
                if next != target {
                    self.bind(next);
                }
            }
            ExprKind::Compare { left, ops, comparators } if ops.len() == 1 => {
                self.compile_expr(left)?;
                self.compile_comparator(ops[0], &comparators[0])?;
                match compare_instr(ops[0]) {
                    Instr::Compare(op) => self.emit_compare_jump(op, cond, target.0),
                    other => {
                        self.emit(other);
                        self.emit_jump(if cond { Instr::PopJumpIfTrue } else { Instr::PopJumpIfFalse }, target);
                    }
                }
            }
            ExprKind::Constant(c) => {
                if ConstVal::from_ast(c).truthy() == cond {
                    self.emit_jump(Instr::Jump, target);
                }
            }
            _ => {
                self.compile_expr(e)?;
                self.emit_jump(if cond { Instr::PopJumpIfTrue } else { Instr::PopJumpIfFalse }, target);
            }
        }
        self.u().cur_span = saved;
        self.depth -= 1;
        Ok(())
    }

    /// List, tuple and set displays, with `*` unpacking.
    pub(crate) fn compile_sequence(&mut self, items: &'a [Expr], kind: SeqKind) -> CResult {
        let has_star = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !has_star && self.try_constant_sequence(items, kind) {
            return Ok(());
        }
        if has_star || items.len() > STACK_USE_GUIDELINE {
            return self.compile_sequence_incrementally(items, kind);
        }
        self.compile_exprs(items)?;
        let n = items.len() as u32;
        self.emit(match kind {
            SeqKind::List => Instr::BuildList(n),
            SeqKind::Tuple => Instr::BuildTuple(n),
            SeqKind::Set => Instr::BuildSet(n),
        });
        Ok(())
    }

    /// A display of constants: one constant tuple (extended into a list or set if need be).
    fn try_constant_sequence(&mut self, items: &'a [Expr], kind: SeqKind) -> bool {
        if kind != SeqKind::Tuple && items.len() < 3 {
            return false;
        }
        let Some(consts) = items.iter().map(const_of).collect::<Option<Vec<ConstVal>>>() else { return false };
        match kind {
            SeqKind::Tuple => self.emit_load_const(ConstVal::Tuple(consts)),
            SeqKind::List => {
                self.emit(Instr::BuildList(0));
                self.emit_load_const(ConstVal::Tuple(consts));
                self.emit(Instr::ListExtend(1));
            }
            SeqKind::Set => {
                self.emit(Instr::BuildSet(0));
                self.emit_load_const(ConstVal::FrozenSet(consts));
                self.emit(Instr::SetUpdate(1));
            }
        }
        true
    }

    /// The iterable of a `for`, a comprehension or the right side of `in`: a set display of
    /// constants becomes one frozenset constant, as CPython's AST optimiser does.
    pub(crate) fn compile_iterable(&mut self, e: &'a Expr) -> CResult {
        if let ExprKind::Set(items) = &e.kind {
            if let Some(consts) = items.iter().map(const_of).collect::<Option<Vec<ConstVal>>>() {
                self.emit_load_const(ConstVal::FrozenSet(consts));
                return Ok(());
            }
        }
        self.compile_expr(e)
    }

    /// Leading plain items go on the stack, the rest are appended or extended one by one.
    fn compile_sequence_incrementally(&mut self, items: &'a [Expr], kind: SeqKind) -> CResult {
        let lead =
            items.iter().take(STACK_USE_GUIDELINE).take_while(|i| !matches!(i.kind, ExprKind::Starred(_))).count();
        self.compile_exprs(&items[..lead])?;
        self.emit(if kind == SeqKind::Set { Instr::BuildSet(lead as u32) } else { Instr::BuildList(lead as u32) });
        for item in &items[lead..] {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.compile_expr(inner)?;
                    self.emit(if kind == SeqKind::Set { Instr::SetUpdate(1) } else { Instr::ListExtend(1) });
                }
                _ => {
                    self.compile_expr(item)?;
                    self.emit(if kind == SeqKind::Set { Instr::SetAdd(1) } else { Instr::ListAppend(1) });
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let mut have_dict = false;
        let mut pending = 0u32;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.compile_expr(k)?;
                    self.compile_expr(v)?;
                    pending += 1;
                    if pending as usize >= STACK_USE_GUIDELINE / 2 {
                        self.flush_dict_chunk(&mut pending, &mut have_dict);
                    }
                }
                None => {
                    self.flush_dict_chunk(&mut pending, &mut have_dict);
                    if !have_dict {
                        self.emit(Instr::BuildMap(0));
                        have_dict = true;
                    }
                    self.compile_expr(v)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        self.flush_dict_chunk(&mut pending, &mut have_dict);
        if !have_dict {
            self.emit(Instr::BuildMap(0));
        }
        Ok(())
    }

    fn flush_dict_chunk(&mut self, pending: &mut u32, have_dict: &mut bool) {
        if *pending == 0 {
            return;
        }
        self.emit(Instr::BuildMap(*pending));
        if *have_dict {
            self.emit(Instr::DictUpdate(1));
        }
        *have_dict = true;
        *pending = 0;
    }

    fn compile_joined_str(&mut self, parts: &'a [Expr]) -> CResult {
        match parts {
            [] => self.emit_load_const(ConstVal::Str(String::new())),
            [only] => self.compile_fstring_part(only)?,
            _ => {
                for p in parts {
                    self.compile_fstring_part(p)?;
                }
                self.emit(Instr::BuildString(parts.len() as u32));
            }
        }
        Ok(())
    }

    fn compile_fstring_part(&mut self, p: &'a Expr) -> CResult {
        match &p.kind {
            ExprKind::Constant(Constant::Str(_)) | ExprKind::FormattedValue { .. } | ExprKind::JoinedStr(_) => {
                self.compile_expr(p)
            }
            // Anything else gets formatted as if it were `{p}`.
            _ => {
                self.compile_expr(p)?;
                self.emit(Instr::FormatValue(0));
                Ok(())
            }
        }
    }

    fn compile_formatted_value(&mut self, e: &'a Expr) -> CResult {
        let ExprKind::FormattedValue { value, conversion, format_spec } = &e.kind else { unreachable!() };
        self.compile_expr(value)?;
        let mut arg = match conversion {
            None => 0,
            Some('s') => 1,
            Some('r') => 2,
            Some('a') => 3,
            Some(c) => {
                return err(format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"), e.span)
            }
        };
        if let Some(spec) = format_spec {
            self.compile_expr(spec)?;
            arg |= 4;
        }
        self.emit(Instr::FormatValue(arg));
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}
