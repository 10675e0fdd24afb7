//! The `match` statement. Each case runs on a copy of the subject; a pattern consumes the value
//! on top of the stack and either falls through (matched, names bound as it goes) or jumps to a
//! failure label that first pops whatever the enclosing patterns still hold (CPython's
//! `fail_pop` scheme), then tries the next case.
//!
//! Invariant of [`Compiler::compile_pattern`]: on entry the stack is `[..., x1..xd, subject]`
//! where the `d` values (`depth`) belong to enclosing patterns; on success it is
//! `[..., x1..xd]`; on failure it jumps to a label that pops what is left above `...` and then
//! goes to the case's failure target.

use std::collections::HashSet;

use gilpy_grammar::ast::{Constant, Expr, MatchCase, Pattern, PatternKind};

use super::expr::ConstVal;
use super::{err, CResult, Compiler, Label, NameOp};
use crate::bytecode::{CompareOp, Instr};

/// Where a failing pattern jumps: `pops[k]` pops `k` values and then reaches `pops[0]`.
struct FailTargets {
    pops: Vec<Label>,
}

impl FailTargets {
    fn new(base: Label) -> FailTargets {
        FailTargets { pops: vec![base] }
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_match(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        // An irrefutable case (a bare capture or `_`) must be the last one.
        for case in &cases[..cases.len().saturating_sub(1)] {
            if case.guard.is_none() {
                if let Some(msg) = irrefutable(&case.pattern) {
                    return err(msg, case.pattern.span);
                }
            }
        }
        for case in cases {
            check_bindings(&case.pattern, &mut Vec::new())?;
        }
        self.compile_expr(subject)?;
        let end = self.new_label();
        for case in cases {
            let next = self.new_label();
            let mut fail = FailTargets::new(next);
            self.emit(Instr::DupTop);
            self.compile_pattern(&case.pattern, &mut fail, 0)?;
            if let Some(guard) = &case.guard {
                self.compile_jump_if(guard, false, next)?;
            }
            self.emit(Instr::PopTop);
            self.compile_body(&case.body)?;
            self.emit_jump(Instr::Jump, end);
            self.emit_fail_pops(fail);
        }
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    /// The label that pops `k` values before failing.
    fn fail_label(&mut self, fail: &mut FailTargets, k: usize) -> Label {
        while fail.pops.len() <= k {
            let l = self.new_label();
            fail.pops.push(l);
        }
        fail.pops[k]
    }

    /// Emits the popping ladder of `fail` (`pops[n]: POP; ... pops[1]: POP; pops[0]:`).
    fn emit_fail_pops(&mut self, fail: FailTargets) {
        for k in (1..fail.pops.len()).rev() {
            self.bind(fail.pops[k]);
            self.emit(Instr::PopTop);
        }
        self.bind(fail.pops[0]);
    }

    fn compile_pattern(&mut self, p: &'a Pattern, fail: &mut FailTargets, depth: usize) -> CResult {
        self.enter_depth(p.span)?;
        let saved = std::mem::replace(&mut self.u().cur_span, p.span);
        let r = self.compile_pattern_kind(p, fail, depth);
        self.u().cur_span = saved;
        self.depth -= 1;
        r
    }

    fn compile_pattern_kind(&mut self, p: &'a Pattern, fail: &mut FailTargets, depth: usize) -> CResult {
        match &p.kind {
            PatternKind::MatchAs { pattern: None, name } => self.bind_capture(name.as_deref()),
            PatternKind::MatchAs { pattern: Some(inner), name } => {
                self.emit(Instr::DupTop);
                self.compile_pattern(inner, fail, depth + 1)?;
                self.bind_capture(name.as_deref())
            }
            PatternKind::MatchStar(_) => err("can't use starred name here", p.span),
            PatternKind::MatchValue(value) => {
                self.compile_expr(value)?;
                self.emit(Instr::Compare(CompareOp::Eq));
                let l = self.fail_label(fail, depth);
                self.emit_jump(Instr::PopJumpIfFalse, l);
                Ok(())
            }
            PatternKind::MatchSingleton(c) => {
                self.emit_load_const(match c {
                    Constant::Bool(b) => ConstVal::Bool(*b),
                    _ => ConstVal::None,
                });
                self.emit(Instr::IsOp(0));
                let l = self.fail_label(fail, depth);
                self.emit_jump(Instr::PopJumpIfFalse, l);
                Ok(())
            }
            PatternKind::MatchSequence(items) => self.compile_sequence_pattern(p, items, fail, depth),
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.compile_mapping_pattern(keys, patterns, rest.as_deref(), fail, depth)
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                for (i, a) in kwd_attrs.iter().enumerate() {
                    if kwd_attrs[..i].contains(a) {
                        return err(format!("attribute name repeated in class pattern: {a}"), kwd_patterns[i].span);
                    }
                }
                self.compile_expr(cls)?;
                let names = kwd_attrs.iter().map(|a| ConstVal::Str(a.clone())).collect();
                self.emit_load_const(ConstVal::Tuple(names));
                self.emit(Instr::MatchClass(patterns.len() as u32));
                self.fail_if_none(fail, depth + 1);
                let all: Vec<&'a Pattern> = patterns.iter().chain(kwd_patterns.iter()).collect();
                self.emit(Instr::UnpackSequence(all.len() as u32));
                self.compile_unpacked(&all, fail, depth)
            }
            PatternKind::MatchOr(alts) => {
                let end = self.new_label();
                let (last, rest) = alts.split_last().expect("an or-pattern has alternatives");
                for alt in rest {
                    let next = self.new_label();
                    let mut alt_fail = FailTargets::new(next);
                    self.emit(Instr::DupTop);
                    self.compile_pattern(alt, &mut alt_fail, 0)?;
                    self.emit(Instr::PopTop);
                    self.emit_jump(Instr::Jump, end);
                    self.emit_fail_pops(alt_fail);
                }
                self.compile_pattern(last, fail, depth)?;
                self.bind(end);
                Ok(())
            }
        }
    }

    /// Stores the value on top of the stack in `name`, or drops it for `_`.
    fn bind_capture(&mut self, name: Option<&str>) -> CResult {
        match name {
            Some(n) => self.emit_name_op(n, NameOp::Store),
            None => {
                self.emit(Instr::PopTop);
                Ok(())
            }
        }
    }

    /// `(result -- result)`: fails (popping `k` values, the result included) when the result of
    /// `MatchClass`/`MatchKeys` is None.
    fn fail_if_none(&mut self, fail: &mut FailTargets, k: usize) {
        self.emit(Instr::DupTop);
        self.emit_load_const(ConstVal::None);
        self.emit(Instr::IsOp(0));
        let l = self.fail_label(fail, k);
        self.emit_jump(Instr::PopJumpIfTrue, l);
    }

    /// Matches unpacked values (the first on top) against `patterns` in order.
    fn compile_unpacked(&mut self, patterns: &[&'a Pattern], fail: &mut FailTargets, depth: usize) -> CResult {
        let n = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            self.compile_pattern(p, fail, depth + n - i - 1)?;
        }
        Ok(())
    }

    fn compile_sequence_pattern(
        &mut self,
        p: &'a Pattern,
        items: &'a [Pattern],
        fail: &mut FailTargets,
        depth: usize,
    ) -> CResult {
        let stars: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| matches!(i.kind, PatternKind::MatchStar(_)))
            .map(|(k, _)| k)
            .collect();
        if stars.len() > 1 {
            return err("multiple starred names in sequence pattern", p.span);
        }
        self.emit(Instr::MatchSequence);
        let l = self.fail_label(fail, depth + 1);
        self.emit_jump(Instr::PopJumpIfFalse, l);
        self.emit(Instr::GetLen);
        let fixed = items.len() - stars.len();
        self.emit_load_const(ConstVal::Int(fixed as i64));
        self.emit(Instr::Compare(if stars.is_empty() { CompareOp::Eq } else { CompareOp::Ge }));
        self.emit_jump(Instr::PopJumpIfFalse, l);
        match stars.first() {
            None => self.emit(Instr::UnpackSequence(items.len() as u32)),
            Some(&star) => {
                let after = items.len() - star - 1;
                self.emit(Instr::UnpackEx((star as u32) | ((after as u32) << 8)));
            }
        }
        let n = items.len();
        for (i, item) in items.iter().enumerate() {
            match &item.kind {
                PatternKind::MatchStar(name) => self.bind_capture(name.as_deref())?,
                _ => self.compile_pattern(item, fail, depth + n - i - 1)?,
            }
        }
        Ok(())
    }

    fn compile_mapping_pattern(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        fail: &mut FailTargets,
        depth: usize,
    ) -> CResult {
        let mut seen: Vec<ConstVal> = Vec::new();
        for k in keys {
            if let Some(c) = super::expr::const_of(k) {
                if seen.contains(&c) {
                    return err(format!("mapping pattern checks duplicate key ({})", const_repr(&c)), k.span);
                }
                seen.push(c);
            }
        }
        self.emit(Instr::MatchMapping);
        let l = self.fail_label(fail, depth + 1);
        self.emit_jump(Instr::PopJumpIfFalse, l);
        if keys.is_empty() && rest.is_none() {
            self.emit(Instr::PopTop);
            return Ok(());
        }
        if !keys.is_empty() {
            self.emit(Instr::GetLen);
            self.emit_load_const(ConstVal::Int(keys.len() as i64));
            self.emit(Instr::Compare(CompareOp::Ge));
            self.emit_jump(Instr::PopJumpIfFalse, l);
        }
        for k in keys {
            self.compile_expr(k)?;
        }
        self.emit(Instr::BuildTuple(keys.len() as u32));
        if !keys.is_empty() {
            self.emit(Instr::MatchKeys);
            self.fail_if_none(fail, depth + 3);
            self.emit(Instr::UnpackSequence(keys.len() as u32));
            let refs: Vec<&'a Pattern> = patterns.iter().collect();
            self.compile_unpacked(&refs, fail, depth + 2)?;
        }
        match rest {
            Some(name) => {
                self.emit(Instr::CopyDictWithoutKeys);
                self.emit_name_op(name, NameOp::Store)?;
                self.emit(Instr::PopTop);
            }
            None => {
                self.emit(Instr::PopTop);
                self.emit(Instr::PopTop);
            }
        }
        Ok(())
    }
}

/// How CPython shows a duplicate mapping-pattern key.
fn const_repr(c: &ConstVal) -> String {
    match c {
        ConstVal::Str(s) => format!("'{s}'"),
        ConstVal::Int(i) => i.to_string(),
        ConstVal::BigInt(b) => b.to_string(),
        ConstVal::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        ConstVal::None => "None".to_string(),
        ConstVal::Float(f) => format!("{:?}", f64::from_bits(*f)),
        _ => "...".to_string(),
    }
}

/// The message when `p` matches anything (so nothing after it can be reached).
fn irrefutable(p: &Pattern) -> Option<String> {
    match &p.kind {
        PatternKind::MatchAs { pattern: None, name: Some(n) } => {
            Some(format!("name capture '{n}' makes remaining patterns unreachable"))
        }
        PatternKind::MatchAs { pattern: None, name: None } => {
            Some("wildcard makes remaining patterns unreachable".into())
        }
        PatternKind::MatchAs { pattern: Some(inner), .. } => irrefutable(inner),
        PatternKind::MatchOr(alts) => alts.iter().find_map(irrefutable),
        _ => None,
    }
}

/// Collects the names a pattern binds, refusing duplicates and or-patterns whose alternatives
/// bind different names (or have an irrefutable alternative before the last).
fn check_bindings(p: &Pattern, names: &mut Vec<String>) -> CResult {
    let add = |name: &String, names: &mut Vec<String>| -> CResult {
        if names.contains(name) {
            return err(format!("multiple assignments to name '{name}' in pattern"), p.span);
        }
        names.push(name.clone());
        Ok(())
    };
    match &p.kind {
        PatternKind::MatchValue(_) | PatternKind::MatchSingleton(_) => Ok(()),
        PatternKind::MatchSequence(items) => items.iter().try_for_each(|i| check_bindings(i, names)),
        PatternKind::MatchMapping { patterns, rest, .. } => {
            patterns.iter().try_for_each(|i| check_bindings(i, names))?;
            match rest {
                Some(n) => add(n, names),
                None => Ok(()),
            }
        }
        PatternKind::MatchClass { patterns, kwd_patterns, .. } => {
            patterns.iter().chain(kwd_patterns).try_for_each(|i| check_bindings(i, names))
        }
        PatternKind::MatchStar(n) => match n {
            Some(n) => add(n, names),
            None => Ok(()),
        },
        PatternKind::MatchAs { pattern, name } => {
            if let Some(inner) = pattern {
                check_bindings(inner, names)?;
            }
            match name {
                Some(n) => add(n, names),
                None => Ok(()),
            }
        }
        PatternKind::MatchOr(alts) => {
            let mut first: Option<HashSet<String>> = None;
            for (i, alt) in alts.iter().enumerate() {
                if i + 1 < alts.len() {
                    if let Some(msg) = irrefutable(alt) {
                        return err(msg, alt.span);
                    }
                }
                let mut own = Vec::new();
                check_bindings(alt, &mut own)?;
                let set: HashSet<String> = own.into_iter().collect();
                match &first {
                    None => first = Some(set),
                    Some(f) if *f != set => return err("alternative patterns bind different names", alt.span),
                    Some(_) => {}
                }
            }
            let mut bound: Vec<String> = first.unwrap_or_default().into_iter().collect();
            bound.sort();
            bound.iter().try_for_each(|n| add(n, names))
        }
    }
}
