//! Stack effects of instructions, and an abstract interpretation over the control-flow graph
//! that computes `max_stack` and checks that every instruction is reached with one consistent
//! value-stack depth and block stack (try blocks and except-handler blocks), that `PopBlock` and
//! `PopExcept` pop the kind of block they expect, and that `ReturnValue` leaves no block behind.

use crate::bytecode::Instr;

/// The same instruction with another target.
pub(crate) fn with_target(i: Instr, t: u32) -> Instr {
    match i {
        Instr::Jump(_) => Instr::Jump(t),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(t),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(t),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(t),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(t),
        Instr::ForIter(_) => Instr::ForIter(t),
        Instr::SetupFinally(_) => Instr::SetupFinally(t),
        Instr::SetupWith(_) => Instr::SetupWith(t),
        Instr::CompareJumpIfFalse(op, _) => Instr::CompareJumpIfFalse(op, t),
        Instr::CompareJumpIfTrue(op, _) => Instr::CompareJumpIfTrue(op, t),
        other => other,
    }
}

/// Stack effect when execution falls through to the next instruction.
pub(crate) fn effect(i: &Instr) -> i32 {
    use Instr::*;
    match *i {
        Nop | RotTwo | RotThree | RotFour => 0,
        PopTop => -1,
        DupTop => 1,
        DupTopTwo => 2,
        LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadClassDeref(_) | LoadGlobal(_)
        | LoadName(_) => 1,
        StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) => -1,
        DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_) => 0,
        LoadAttr(_) => 0,
        StoreAttr(_) => -2,
        DeleteAttr(_) => -1,
        LoadMethod(_) => 1,
        CallMethod(n) => -(n as i32) - 1,
        BinarySubscr => -1,
        StoreSubscr => -3,
        DeleteSubscr => -2,
        BuildSlice(n) => 1 - n as i32,
        Binary(_) | Inplace(_) => -1,
        UnaryNegative | UnaryPositive | UnaryNot | UnaryInvert => 0,
        Compare(_) | IsOp(_) | ContainsOp(_) => -1,
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
        BuildMap(n) => 1 - 2 * n as i32,
        FormatValue(a) => {
            if a & 4 != 0 {
                -1
            } else {
                0
            }
        }
        ListAppend(_) | SetAdd(_) => -1,
        MapAdd(_) => -2,
        ListExtend(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => -1,
        ListToTuple => 0,
        UnpackSequence(n) => n as i32 - 1,
        UnpackEx(a) => (a & 0xff) as i32 + (a >> 8) as i32,
        Jump(_) => 0,
        PopJumpIfFalse(_) | PopJumpIfTrue(_) => -1,
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => -1,
        GetIter => 0,
        ForIter(_) => 1,
        MakeFunction(f) => -((f & 1 != 0) as i32 + (f & 2 != 0) as i32 + (f & 4 != 0) as i32 + (f & 8 != 0) as i32),
        Call(n) => -(n as i32),
        CallKw(n) => -(n as i32) - 1,
        CallEx(f) => -1 - (f & 1) as i32,
        ReturnValue => -1,
        LoadBuildClass => 1,
        SetupFinally(_) => 0,
        PopBlock | PopExcept => 0,
        Raise(n) => -(n as i32),
        Reraise => -1,
        CheckExcMatch => 0,
        SetupWith(_) => 1,
        ExitWith => -1,
        WithExceptStart => 1,
        YieldValue => 0,
        GetYieldFromIter => 0,
        YieldFrom => -1,
        ImportName(_) => -1,
        ImportFrom(_) => 1,
        ImportStar => -1,
        LoadAssertionError => 1,
        PrintExpr => -1,
        PublishLocals => 0,
        MatchSequence | MatchMapping | GetLen | MatchKeys => 1,
        MatchClass(_) => -2,
        CopyDictWithoutKeys => 0,
        LoadFastAttr { .. } | SubscrFastConst { .. } | SubscrFastFast { .. } => 1,
        StoreFastAttr { .. } | StoreSubscrFastConst { .. } => -1,
        CompareJumpIfFalse(..) | CompareJumpIfTrue(..) | InplaceAddStoreFast(_) => -2,
    }
}

/// Stack effect when the instruction jumps to its target.
fn jump_effect(i: &Instr) -> i32 {
    match *i {
        Instr::JumpIfFalseOrPop(_) | Instr::JumpIfTrueOrPop(_) => 0,
        Instr::ForIter(_) => -1,
        // The handler starts with the recorded depth plus the exception.
        Instr::SetupFinally(_) => 1,
        // `mgr` replaced by `exit`, plus the exception.
        Instr::SetupWith(_) => 1,
        ref other => effect(other),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Try,
    Handler,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    depth: i32,
    blocks: Vec<Block>,
}

pub(crate) struct StackError {
    pub msg: String,
    pub max_seen: u32,
}

/// Returns the maximum stack depth, or a description of the first inconsistency.
pub(crate) fn analyze(code: &[Instr]) -> Result<u32, StackError> {
    let mut states: Vec<Option<State>> = vec![None; code.len()];
    let mut work: Vec<usize> = Vec::new();
    let mut max = 0i32;
    let fail = |msg: String, max: i32| StackError { msg, max_seen: max.max(0) as u32 };

    let visit = |pc: usize,
                 st: State,
                 states: &mut Vec<Option<State>>,
                 work: &mut Vec<usize>,
                 from: usize|
     -> Result<(), String> {
        if pc >= states.len() {
            return Err(format!("instruction {from} falls off the end of the code"));
        }
        match &states[pc] {
            Some(old) if *old != st => Err(format!(
                "instruction {pc} reached with depth {} blocks {:?} from {from}, but earlier with depth {} blocks {:?}",
                st.depth, st.blocks, old.depth, old.blocks
            )),
            Some(_) => Ok(()),
            None => {
                states[pc] = Some(st);
                work.push(pc);
                Ok(())
            }
        }
    };

    if code.is_empty() {
        return Ok(0);
    }
    visit(0, State { depth: 0, blocks: Vec::new() }, &mut states, &mut work, 0).map_err(|m| fail(m, 0))?;
    while let Some(pc) = work.pop() {
        let st = states[pc].clone().unwrap();
        let ins = &code[pc];
        let needs = pops(ins);
        if st.depth < needs {
            return Err(fail(
                format!("instruction {pc} ({ins:?}) pops {needs} from a stack of depth {}", st.depth),
                max,
            ));
        }
        let mut next = st.clone();
        next.depth += effect(ins);
        max = max.max(next.depth).max(st.depth);
        let popped_ok = match ins {
            Instr::PopBlock => next.blocks.pop() == Some(Block::Try),
            Instr::PopExcept => next.blocks.pop() == Some(Block::Handler),
            Instr::SetupFinally(_) | Instr::SetupWith(_) => {
                next.blocks.push(Block::Try);
                true
            }
            _ => true,
        };
        if !popped_ok {
            return Err(fail(format!("{ins:?} at {pc} does not match the block stack {:?}", st.blocks), max));
        }
        if let Some(target) = ins.jump_target() {
            let mut jst = st.clone();
            jst.depth += jump_effect(ins);
            if matches!(ins, Instr::SetupFinally(_) | Instr::SetupWith(_)) {
                jst.blocks.push(Block::Handler);
            }
            max = max.max(jst.depth);
            visit(target as usize, jst, &mut states, &mut work, pc).map_err(|m| fail(m, max))?;
        }
        match ins {
            Instr::Jump(_) | Instr::Raise(_) | Instr::Reraise => continue,
            Instr::ReturnValue => {
                if !st.blocks.is_empty() {
                    return Err(fail(format!("ReturnValue at {pc} with blocks {:?} still set up", st.blocks), max));
                }
                if st.depth != 1 {
                    return Err(fail(format!("ReturnValue at {pc} leaves {} values on the stack", st.depth - 1), max));
                }
                continue;
            }
            _ => {}
        }
        visit(pc + 1, next, &mut states, &mut work, pc).map_err(|m| fail(m, max))?;
    }
    Ok(max.max(0) as u32)
}

/// How many values an instruction needs on the stack.
fn pops(i: &Instr) -> i32 {
    use Instr::*;
    match *i {
        PopTop
        | DupTop
        | StoreFast(_)
        | StoreDeref(_)
        | StoreGlobal(_)
        | StoreName(_)
        | LoadAttr(_)
        | DeleteAttr(_)
        | LoadMethod(_)
        | UnaryNegative
        | UnaryPositive
        | UnaryNot
        | UnaryInvert
        | PopJumpIfFalse(_)
        | PopJumpIfTrue(_)
        | JumpIfFalseOrPop(_)
        | JumpIfTrueOrPop(_)
        | GetIter
        | ForIter(_)
        | ReturnValue
        | Reraise
        | SetupWith(_)
        | ExitWith
        | YieldValue
        | GetYieldFromIter
        | ImportStar
        | PrintExpr
        | ListToTuple
        | ImportFrom(_)
        | MatchSequence
        | MatchMapping
        | GetLen
        | StoreFastAttr { .. }
        | StoreSubscrFastConst { .. } => 1,
        MatchKeys | CopyDictWithoutKeys => 2,
        MatchClass(_) => 3,
        DupTopTwo
        | RotTwo
        | StoreAttr(_)
        | BinarySubscr
        | DeleteSubscr
        | Binary(_)
        | Inplace(_)
        | Compare(_)
        | IsOp(_)
        | ContainsOp(_)
        | CheckExcMatch
        | WithExceptStart
        | YieldFrom
        | ImportName(_)
        | CompareJumpIfFalse(..)
        | CompareJumpIfTrue(..) => 2,
        RotThree | StoreSubscr => 3,
        RotFour => 4,
        CallMethod(n) => n as i32 + 2,
        BuildSlice(n) | BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) | Raise(n) => n as i32,
        BuildMap(n) => 2 * n as i32,
        FormatValue(a) => 1 + (a & 4 != 0) as i32,
        ListAppend(d) | SetAdd(d) | ListExtend(d) | SetUpdate(d) | DictUpdate(d) | DictMerge(d) => d as i32 + 1,
        MapAdd(d) => d as i32 + 2,
        UnpackSequence(_) | UnpackEx(_) => 1,
        MakeFunction(f) => 1 + (f & 1 != 0) as i32 + (f & 2 != 0) as i32 + (f & 4 != 0) as i32 + (f & 8 != 0) as i32,
        Call(n) => n as i32 + 1,
        CallKw(n) => n as i32 + 2,
        CallEx(f) => 2 + (f & 1) as i32,
        _ => 0,
    }
}
