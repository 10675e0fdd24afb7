//! THE dispatch loop. `run_frame` executes a frame until it returns or yields; an exception is
//! routed to the innermost handler of the frame's block stack, or out to the caller.
//!
//! The loop keeps to the hot path: machine-int fast paths for arithmetic and comparison inline,
//! everything else delegated to `ops.rs`, `attr.rs` and `call.rs`. The periodic check (GIL
//! hand-off, interrupts, collection) costs one decrement and branch per instruction.

use std::sync::Arc;

use crate::bytecode::{BinaryOp, CompareOp, Instr};
use crate::object::{GilCell, ObjRef, Payload};
use crate::value::Value;
use crate::vm::frame::{Block, Frame};
use crate::vm::{Args, PyErr, TracebackEntry, Vm};
use crate::PyResult;

/// How a frame stopped running.
pub enum FrameExit {
    Return(Value),
    Yield(Value),
}

macro_rules! pop {
    ($frame:expr) => {
        match $frame.stack.pop() {
            Some(v) => v,
            None => return Err(stack_underflow()),
        }
    };
}

macro_rules! top {
    ($frame:expr) => {
        match $frame.stack.last() {
            Some(v) => v,
            None => return Err(stack_underflow()),
        }
    };
}

/// The local a fused instruction reads in place (operand number `$operand` of it); unbound, an
/// `UnboundLocalError` pointing at the name itself, as the unfused `LoadFast` would.
macro_rules! fused_local {
    ($vm:expr, $frame:expr, $code:expr, $slot:expr, $operand:expr) => {
        match &$frame.locals[$slot as usize] {
            Value::Undefined => return Err(unbound_fused_operand($vm, $code, &mut $frame.pc, $slot as usize, $operand)),
            v => v,
        }
    };
}

#[cold]
fn stack_underflow() -> PyErr {
    panic!("gilpy internal error: value stack underflow (compiler bug)")
}

/// Runs `frame` until it returns or yields, handling exceptions with its blocks.
pub fn run_frame(vm: &mut Vm, frame: &mut Frame<'_>) -> PyResult<FrameExit> {
    vm.scopes.push(&frame.globals, frame.namespace.as_ref());
    let result = run_frame_inner(vm, frame);
    vm.scopes.pop();
    result
}

fn run_frame_inner(vm: &mut Vm, frame: &mut Frame) -> PyResult<FrameExit> {
    loop {
        match execute(vm, frame) {
            Ok(exit) => return Ok(exit),
            Err(err) => {
                // Like CPython, an exception raised while another is handled records it as context.
                let err = vm.set_context(err);
                record_traceback(vm, frame, &err);
                // After an exceeded limit no handler runs: one could keep the script alive.
                if vm.interp.limits.exceeded_flag() || !unwind_to_handler(vm, frame, err.clone()) {
                    return Err(err);
                }
            }
        }
    }
}

/// Adds `frame` to the exception's traceback, once per frame.
fn record_traceback(vm: &Vm, frame: &Frame, err: &PyErr) {
    if let Some(mut data) = err.data_mut(vm) {
        if data.traceback.last().map(|e| e.frame_id) != Some(frame.id) {
            data.traceback.push(TracebackEntry {
                code: frame.code_arc(),
                pc: frame.pc.saturating_sub(1) as u32,
                frame_id: frame.id,
            });
        }
    }
}

/// Pops blocks until a try block takes the exception. Returns false when none does.
fn unwind_to_handler(vm: &mut Vm, frame: &mut Frame, err: PyErr) -> bool {
    while let Some(block) = frame.blocks.pop() {
        match block {
            Block::ExceptHandler { previous } => {
                vm.handled = previous;
            }
            Block::Try { handler, depth } => {
                frame.stack.truncate(depth as usize);
                let previous = vm.handled.replace(err.clone());
                frame.blocks.push(Block::ExceptHandler { previous });
                frame.stack.push(err.value());
                frame.pc = handler as usize;
                return true;
            }
        }
    }
    false
}

#[inline(always)]
fn int_binary(op: BinaryOp, a: i64, b: i64) -> Option<Value> {
    match op {
        BinaryOp::Add => a.checked_add(b).map(Value::Int),
        BinaryOp::Sub => a.checked_sub(b).map(Value::Int),
        BinaryOp::Mul => a.checked_mul(b).map(Value::Int),
        BinaryOp::FloorDiv if b != 0 && !(a == i64::MIN && b == -1) => {
            let q = a / b;
            Some(Value::Int(if a % b != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q }))
        }
        BinaryOp::Mod if b != 0 && !(a == i64::MIN && b == -1) => {
            let r = a % b;
            Some(Value::Int(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r }))
        }
        // Exact in f64 (|a|, |b| <= 2**53), so one correctly rounded division, as CPython does.
        BinaryOp::TrueDiv if b != 0 && a.unsigned_abs() <= 1 << 53 && b.unsigned_abs() <= 1 << 53 => {
            Some(Value::Float(a as f64 / b as f64))
        }
        BinaryOp::And => Some(Value::Int(a & b)),
        BinaryOp::Or => Some(Value::Int(a | b)),
        BinaryOp::Xor => Some(Value::Int(a ^ b)),
        _ => None,
    }
}

/// The binary operators on two ints or two floats that need no Python-level dispatch and
/// cannot fail; `None` sends the operation down the general path (overflow to big ints, division
/// by zero, mixed types, results CPython computes differently).
#[inline(always)]
fn number_binary(op: BinaryOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => int_binary(op, *x, *y),
        (Value::Float(x), Value::Float(y)) => float_binary(op, *x, *y),
        // An int meets a float as `float(int)`, which `as` computes with the same rounding
        // (to nearest, ties to even) as CPython's int-to-float conversion.
        (Value::Float(x), Value::Int(y)) => float_binary(op, *x, *y as f64),
        (Value::Int(x), Value::Float(y)) => float_binary(op, *x as f64, *y),
        _ => None,
    }
}

#[inline(always)]
fn float_binary(op: BinaryOp, x: f64, y: f64) -> Option<Value> {
    match op {
        BinaryOp::Add => Some(Value::Float(x + y)),
        BinaryOp::Sub => Some(Value::Float(x - y)),
        BinaryOp::Mul => Some(Value::Float(x * y)),
        BinaryOp::TrueDiv if y != 0.0 => Some(Value::Float(x / y)),
        // A positive base never needs complex results; overflow raises on the slow path.
        BinaryOp::Pow if x > 0.0 => {
            Some(Value::Float(x.powf(y))).filter(|r| matches!(r, Value::Float(f) if f.is_finite()))
        }
        _ => None,
    }
}

/// The comparisons of numbers that need no Python-level dispatch: two ints, two floats, or an
/// int small enough to be exact as a float (|i| <= 2**53) against a float.
#[inline(always)]
fn number_compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    const EXACT: u64 = 1 << 53;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(int_compare(op, *x, *y)),
        (Value::Float(x), Value::Float(y)) => Some(float_compare(op, *x, *y)),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= EXACT => Some(float_compare(op, *x as f64, *y)),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= EXACT => Some(float_compare(op, *x, *y as f64)),
        _ => None,
    }
}

#[inline(always)]
fn int_compare(op: CompareOp, a: i64, b: i64) -> bool {
    match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    }
}

#[inline(always)]
fn float_compare(op: CompareOp, a: f64, b: f64) -> bool {
    match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    }
}

fn execute(vm: &mut Vm, frame: &mut Frame) -> PyResult<FrameExit> {
    // Borrowed, not cloned: the frame owns its code for as long as it runs.
    let code: &crate::bytecode::CodeObject = &frame.code;
    let instructions: &[Instr] = &code.instructions;
    loop {
        let instr = instructions[frame.pc];
        frame.pc += 1;
        if vm.interp.gil.tick() {
            vm.periodic_check()?;
        }
        match instr {
            Instr::Nop => {}
            Instr::PopTop => {
                pop!(frame);
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::DupTop => {
                let v = top!(frame).clone();
                frame.stack.push(v);
            }
            Instr::DupTopTwo => {
                let n = frame.stack.len();
                let a = frame.stack[n - 2].clone();
                let b = frame.stack[n - 1].clone();
                frame.stack.push(a);
                frame.stack.push(b);
            }
            Instr::RotTwo => {
                let n = frame.stack.len();
                frame.stack.swap(n - 1, n - 2);
            }
            Instr::RotThree => {
                let v = pop!(frame);
                let n = frame.stack.len();
                frame.stack.insert(n - 2, v);
            }
            Instr::RotFour => {
                let v = pop!(frame);
                let n = frame.stack.len();
                frame.stack.insert(n - 3, v);
            }
            Instr::LoadConst(i) => frame.stack.push(code.consts[i as usize].clone()),
            Instr::LoadFast(i) => {
                let v = &frame.locals[i as usize];
                if let Value::Undefined = v {
                    return Err(unbound_local(vm, &code.varnames[i as usize]));
                }
                frame.stack.push(v.clone());
            }
            Instr::StoreFast(i) => {
                let v = pop!(frame);
                frame.locals[i as usize] = v;
                // The old value may have been the last reference to an object with a finalizer.
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::DeleteFast(i) => {
                if let Value::Undefined = frame.locals[i as usize] {
                    return Err(unbound_local(vm, &code.varnames[i as usize]));
                }
                frame.locals[i as usize] = Value::Undefined;
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::LoadDeref(i) => {
                let v = cell_get(vm, &frame.cells[i as usize]);
                if let Value::Undefined = v {
                    return Err(unbound_deref(vm, code, i));
                }
                frame.stack.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = pop!(frame);
                cell_set(vm, &frame.cells[i as usize], v);
            }
            Instr::DeleteDeref(i) => {
                if let Value::Undefined = cell_get(vm, &frame.cells[i as usize]) {
                    return Err(unbound_deref(vm, code, i));
                }
                cell_set(vm, &frame.cells[i as usize], Value::Undefined);
            }
            Instr::LoadClosure(i) => frame.stack.push(Value::Obj(frame.cells[i as usize].clone())),
            Instr::LoadClassDeref(i) => {
                let name = cell_name(code, i);
                let found = match &frame.namespace {
                    Some(ns) => vm.dict_get_str_value(ns, &name),
                    None => None,
                };
                let v = match found {
                    Some(v) => v,
                    None => {
                        let v = cell_get(vm, &frame.cells[i as usize]);
                        if let Value::Undefined = v {
                            return Err(unbound_deref(vm, code, i));
                        }
                        v
                    }
                };
                frame.stack.push(v);
            }
            Instr::LoadGlobal(i) => {
                let v = match cached_global(vm, &frame.globals, code, i as usize) {
                    Some(v) => v,
                    None => load_global_and_cache(vm, &frame.globals, code, i as usize)?,
                };
                frame.stack.push(v);
            }
            Instr::StoreGlobal(i) => {
                let v = pop!(frame);
                vm.dict_set_str_value(&frame.globals, code.names[i as usize].clone(), v);
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::DeleteGlobal(i) => {
                let name = &code.names[i as usize];
                if vm.dict_del_str_value(&frame.globals, name).is_none() {
                    return Err(vm.name_error(name.as_str().unwrap_or("?")));
                }
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::LoadName(i) => {
                let name = &code.names[i as usize];
                let local = match &frame.namespace {
                    Some(ns) if !ns.ptr_eq(&frame.globals) => vm.namespace_get(ns, name)?,
                    _ => None,
                };
                let v = match local {
                    Some(v) => v,
                    None => load_global(vm, &frame.globals, name, &code.varnames)?,
                };
                frame.stack.push(v);
            }
            Instr::StoreName(i) => {
                let v = pop!(frame);
                let ns = frame.namespace.clone().unwrap_or_else(|| ObjRef::clone(&frame.globals));
                vm.namespace_set(&ns, code.names[i as usize].clone(), v)?;
                // A rebinding may have dropped the last reference to an object with `__del__`.
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::DeleteName(i) => {
                let name = &code.names[i as usize];
                let ns = frame.namespace.clone().unwrap_or_else(|| ObjRef::clone(&frame.globals));
                if vm.dict_del_str_value(&ns, name).is_none() {
                    return Err(vm.name_error(name.as_str().unwrap_or("?")));
                }
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::LoadAttr(i) => {
                let obj = pop!(frame);
                let v = vm.get_attr(&obj, &code.names[i as usize])?;
                frame.stack.push(v);
            }
            Instr::StoreAttr(i) => {
                let obj = pop!(frame);
                let v = pop!(frame);
                vm.set_attr(&obj, &code.names[i as usize], v)?;
            }
            Instr::DeleteAttr(i) => {
                let obj = pop!(frame);
                vm.del_attr(&obj, &code.names[i as usize])?;
            }
            Instr::LoadMethod(i) => {
                let obj = pop!(frame);
                let (method, receiver) = vm.load_method(obj, &code.names[i as usize])?;
                frame.stack.push(method);
                frame.stack.push(receiver.unwrap_or(Value::Undefined));
            }
            Instr::CallMethod(n) => {
                let n = n as usize;
                let len = frame.stack.len();
                let base = len - n - 2;
                let result = if let Value::Undefined = frame.stack[base + 1] {
                    vm.call(&frame.stack[base], Args::new(&frame.stack[base + 2..]))
                } else {
                    vm.call(&frame.stack[base], Args::new(&frame.stack[base + 1..]))
                };
                frame.stack.truncate(base);
                frame.stack.push(result?);
            }
            Instr::BinarySubscr => {
                let key = pop!(frame);
                let container = pop!(frame);
                let v = vm.get_item(&container, &key)?;
                frame.stack.push(v);
            }
            Instr::StoreSubscr => {
                let key = pop!(frame);
                let container = pop!(frame);
                let v = pop!(frame);
                vm.set_item(&container, key, v)?;
            }
            Instr::DeleteSubscr => {
                let key = pop!(frame);
                let container = pop!(frame);
                vm.del_item(&container, &key)?;
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { pop!(frame) } else { Value::None };
                let stop = pop!(frame);
                let start = pop!(frame);
                frame.stack.push(Value::Obj(ObjRef::new(Payload::Slice(Box::new([start, stop, step])))));
            }
            Instr::Binary(op) => {
                let b = pop!(frame);
                let a = pop!(frame);
                let v = match number_binary(op, &a, &b) {
                    Some(v) => v,
                    None => vm.binary_op(&a, &b, op)?,
                };
                frame.stack.push(v);
            }
            Instr::Inplace(op) => {
                let b = pop!(frame);
                let a = pop!(frame);
                // Numbers are immutable, so `a op= b` on them is `a op b`.
                let v = match number_binary(op, &a, &b) {
                    Some(v) => v,
                    None => vm.inplace_op(&a, &b, op)?,
                };
                frame.stack.push(v);
            }
            Instr::UnaryNegative => {
                let a = pop!(frame);
                let v = match a {
                    Value::Int(i) if i != i64::MIN => Value::Int(-i),
                    Value::Float(f) => Value::Float(-f),
                    _ => vm.unary_op(&a, "__neg__")?,
                };
                frame.stack.push(v);
            }
            Instr::UnaryPositive => {
                let a = pop!(frame);
                let v = vm.unary_op(&a, "__pos__")?;
                frame.stack.push(v);
            }
            Instr::UnaryInvert => {
                let a = pop!(frame);
                let v = vm.unary_op(&a, "__invert__")?;
                frame.stack.push(v);
            }
            Instr::UnaryNot => {
                let a = pop!(frame);
                let t = vm.is_true(&a)?;
                frame.stack.push(Value::Bool(!t));
            }
            Instr::Compare(op) => {
                let b = pop!(frame);
                let a = pop!(frame);
                let v = match number_compare(op, &a, &b) {
                    Some(t) => Value::Bool(t),
                    None => vm.compare(&a, &b, op)?,
                };
                frame.stack.push(v);
            }
            Instr::IsOp(invert) => {
                let b = pop!(frame);
                let a = pop!(frame);
                frame.stack.push(Value::Bool(a.is(&b) != (invert != 0)));
            }
            Instr::ContainsOp(invert) => {
                let container = pop!(frame);
                let item = pop!(frame);
                let found = vm.contains(&container, &item)?;
                frame.stack.push(Value::Bool(found != (invert != 0)));
            }
            Instr::BuildTuple(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                frame.stack.push(Value::tuple(items));
            }
            Instr::BuildList(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                let list = vm.new_list(items);
                frame.stack.push(list);
            }
            Instr::BuildSet(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                let set = vm.new_set(items)?;
                frame.stack.push(set);
            }
            Instr::BuildMap(n) => {
                let items = frame.stack.split_off(frame.stack.len() - 2 * n as usize);
                let dict = vm.new_dict();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    vm.dict_set(&dict, k, v)?;
                }
                frame.stack.push(Value::Obj(dict));
            }
            Instr::BuildString(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                let mut s = String::new();
                for item in &items {
                    s.push_str(item.as_str().unwrap_or(""));
                }
                frame.stack.push(Value::string(s));
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(pop!(frame)) } else { None };
                let value = pop!(frame);
                let converted = match flags & 3 {
                    1 => Value::string(vm.str_of(&value)?),
                    2 => Value::string(vm.repr_of(&value)?),
                    3 => Value::string(vm.ascii_of(&value)?),
                    _ => value,
                };
                let spec = spec.as_ref().and_then(|s| s.as_str()).unwrap_or("");
                let s = vm.format(&converted, spec)?;
                frame.stack.push(Value::string(s));
            }
            Instr::ListAppend(depth) => {
                let v = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                vm.list_append(&frame.stack[idx], v);
            }
            Instr::SetAdd(depth) => {
                let v = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                let set = frame.stack[idx].clone();
                vm.set_add(&set, v)?;
            }
            Instr::MapAdd(depth) => {
                let v = pop!(frame);
                let k = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                let dict = frame.stack[idx].clone();
                if let Value::Obj(d) = &dict {
                    vm.dict_set(d, k, v)?;
                }
            }
            Instr::ListExtend(depth) => {
                let iterable = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                let items = vm.iterate(&iterable).map_err(|e| star_arg_error(vm, e, &iterable, None))?;
                let list = frame.stack[idx].clone();
                vm.list_extend(&list, items);
            }
            Instr::SetUpdate(depth) => {
                let iterable = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                let set = frame.stack[idx].clone();
                if let Some(cell) = crate::builtins::set::set_cell(&set) {
                    crate::builtins::set::update_internal(vm, cell, &iterable)?;
                }
            }
            Instr::DictUpdate(depth) | Instr::DictMerge(depth) => {
                let mapping = pop!(frame);
                let idx = frame.stack.len() - depth as usize;
                let dict = frame.stack[idx].clone();
                let merge = matches!(instr, Instr::DictMerge(_));
                if merge {
                    // The stack is `func args_tuple dict`: errors name the function.
                    let func = frame.stack[idx.saturating_sub(2)].clone();
                    vm.dict_merge_call_kwargs(&func, &dict, &mapping)?;
                } else {
                    vm.dict_update_from(&dict, &mapping, false)?;
                }
            }
            Instr::ListToTuple => {
                let list = pop!(frame);
                let items = vm.list_items(&list);
                frame.stack.push(Value::tuple(items));
            }
            Instr::UnpackSequence(n) => {
                let seq = pop!(frame);
                let items = vm.unpack(&seq, n as usize)?;
                frame.stack.extend(items.into_iter().rev());
            }
            Instr::UnpackEx(arg) => {
                let before = (arg & 0xff) as usize;
                let after = (arg >> 8) as usize;
                let seq = pop!(frame);
                let mut items = vm.unpack_all(&seq)?;
                if items.len() < before + after {
                    return Err(vm.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                frame.stack.extend(tail.into_iter().rev());
                let list = vm.new_list(middle);
                frame.stack.push(list);
                frame.stack.extend(items.into_iter().rev());
            }
            Instr::Jump(target) => frame.pc = target as usize,
            Instr::PopJumpIfFalse(target) => {
                let v = pop!(frame);
                let t = match v {
                    Value::Bool(b) => b,
                    _ => vm.is_true(&v)?,
                };
                if !t {
                    frame.pc = target as usize;
                }
            }
            Instr::PopJumpIfTrue(target) => {
                let v = pop!(frame);
                let t = match v {
                    Value::Bool(b) => b,
                    _ => vm.is_true(&v)?,
                };
                if t {
                    frame.pc = target as usize;
                }
            }
            Instr::JumpIfFalseOrPop(target) => {
                let t = vm.is_true(top!(frame))?;
                if !t {
                    frame.pc = target as usize;
                } else {
                    pop!(frame);
                }
            }
            Instr::JumpIfTrueOrPop(target) => {
                let t = vm.is_true(top!(frame))?;
                if t {
                    frame.pc = target as usize;
                } else {
                    pop!(frame);
                }
            }
            Instr::GetIter => {
                let obj = pop!(frame);
                let it = vm.get_iter(&obj)?;
                frame.stack.push(it);
            }
            Instr::ForIter(target) => {
                if let Some(v) = crate::builtins::iterators::next_in_loop(vm, top!(frame)) {
                    frame.stack.push(v);
                    continue;
                }
                let next = vm.next(top!(frame))?;
                match next {
                    Some(v) => frame.stack.push(v),
                    None => {
                        pop!(frame);
                        frame.pc = target as usize;
                    }
                }
            }
            Instr::MakeFunction(flags) => {
                let code_value = pop!(frame);
                let closure = if flags & 8 != 0 { Some(pop!(frame)) } else { None };
                let annotations = if flags & 4 != 0 { Some(pop!(frame)) } else { None };
                let kwdefaults = if flags & 2 != 0 { Some(pop!(frame)) } else { None };
                let defaults = if flags & 1 != 0 { Some(pop!(frame)) } else { None };
                let f = vm.make_function(&code_value, &frame.globals, defaults, kwdefaults, closure)?;
                if let Some(annotations) = annotations {
                    vm.set_attr(&f, &Value::str("__annotations__"), annotations)?;
                }
                frame.stack.push(f);
            }
            Instr::Call(n) => {
                let base = frame.stack.len() - n as usize - 1;
                let result = vm.call(&frame.stack[base], Args::new(&frame.stack[base + 1..]));
                frame.stack.truncate(base);
                frame.stack.push(result?);
            }
            Instr::CallKw(n) => {
                let names = pop!(frame);
                let base = frame.stack.len() - n as usize - 1;
                let kwnames: &[Value] = match names.payload() {
                    Some(Payload::Tuple(t)) => t,
                    _ => &[],
                };
                let result = vm.call(&frame.stack[base], Args { items: &frame.stack[base + 1..], kwnames });
                frame.stack.truncate(base);
                frame.stack.push(result?);
            }
            Instr::CallEx(flags) => {
                let kwargs = if flags & 1 != 0 { Some(pop!(frame)) } else { None };
                let args = pop!(frame);
                let func = pop!(frame);
                let result = vm.call_ex(&func, &args, kwargs.as_ref())?;
                frame.stack.push(result);
            }
            Instr::ReturnValue => {
                let v = pop!(frame);
                return Ok(FrameExit::Return(v));
            }
            Instr::LoadBuildClass => {
                let f = vm.builtin("__build_class__")?;
                frame.stack.push(f);
            }
            Instr::SetupFinally(handler) => {
                frame.blocks.push(Block::Try { handler, depth: frame.stack.len() as u32 });
            }
            Instr::SetupWith(handler) => {
                let mgr = pop!(frame);
                let enter = vm.get_special(&mgr, "__enter__", "")?;
                let exit = vm.get_special(&mgr, "__exit__", " (missed __exit__ method)")?;
                frame.stack.push(exit);
                let result = vm.call(&enter, Args::new(&[]))?;
                frame.blocks.push(Block::Try { handler, depth: frame.stack.len() as u32 });
                frame.stack.push(result);
            }
            Instr::PopBlock => {
                frame.blocks.pop();
            }
            Instr::PopExcept => {
                if let Some(Block::ExceptHandler { previous }) = frame.blocks.pop() {
                    vm.handled = previous;
                }
            }
            Instr::Raise(n) => {
                let err = match n {
                    0 => match &vm.handled {
                        Some(e) => return Err(e.clone()),
                        None => vm.runtime_error("No active exception to reraise"),
                    },
                    1 => {
                        let exc = pop!(frame);
                        vm.make_raisable(&exc, None)?
                    }
                    _ => {
                        let cause = pop!(frame);
                        let exc = pop!(frame);
                        vm.make_raisable(&exc, Some(cause))?
                    }
                };
                // `raise exc` adds this line to exc's traceback even when exc already passed
                // through this frame (re-raising a caught exception object), as in CPython.
                if let Some(mut data) = err.data_mut(vm) {
                    data.traceback.push(TracebackEntry {
                        code: frame.code_arc(),
                        pc: (frame.pc - 1) as u32,
                        frame_id: frame.id,
                    });
                }
                return Err(vm.set_context_on_raise(err));
            }
            Instr::Reraise => {
                let exc = pop!(frame);
                match exc {
                    Value::Obj(o) => return Err(PyErr(o)),
                    _ => return Err(vm.runtime_error("re-raise of a non-exception")),
                }
            }
            Instr::CheckExcMatch => {
                let class = pop!(frame);
                let exc = top!(frame).clone();
                let matches = vm.exception_matches(&exc, &class)?;
                frame.stack.push(Value::Bool(matches));
            }
            Instr::ExitWith => {
                let exit = pop!(frame);
                vm.call(&exit, Args::new(&[Value::None, Value::None, Value::None]))?;
            }
            Instr::WithExceptStart => {
                let exc = top!(frame).clone();
                let exit = frame.stack[frame.stack.len() - 2].clone();
                let class = vm.class_of(&exc);
                let tb = exception_traceback(vm, &exc);
                let result = vm.call(&exit, Args::new(&[Value::Obj(class), exc, tb]))?;
                frame.stack.push(result);
            }
            Instr::YieldValue => {
                let v = pop!(frame);
                return Ok(FrameExit::Yield(v));
            }
            Instr::GetYieldFromIter => {
                let obj = pop!(frame);
                let it = match obj.payload() {
                    Some(Payload::Generator(_)) => obj,
                    _ => vm.get_iter(&obj)?,
                };
                frame.stack.push(it);
            }
            Instr::YieldFrom => {
                let sent = pop!(frame);
                let iter = top!(frame).clone();
                match vm.send(&iter, sent)? {
                    crate::vm::generator::SendResult::Yielded(v) => {
                        // Re-run this instruction when resumed, with the sent value on the stack.
                        frame.pc -= 1;
                        return Ok(FrameExit::Yield(v));
                    }
                    crate::vm::generator::SendResult::Returned(v) => {
                        pop!(frame);
                        frame.stack.push(v);
                    }
                }
            }
            Instr::ImportName(i) => {
                let fromlist = pop!(frame);
                let level = pop!(frame);
                let module = vm.import_name(&code.names[i as usize], &fromlist, &level, &frame.globals)?;
                frame.stack.push(module);
            }
            Instr::ImportFrom(i) => {
                let module = top!(frame).clone();
                let v = vm.import_from(&module, &code.names[i as usize])?;
                frame.stack.push(v);
            }
            Instr::ImportStar => {
                let module = pop!(frame);
                let ns = frame.namespace.clone().unwrap_or_else(|| ObjRef::clone(&frame.globals));
                vm.import_star(&module, &ns)?;
            }
            Instr::LoadAssertionError => {
                frame.stack.push(Value::Obj(vm.exc_class("AssertionError")));
            }
            Instr::PrintExpr => {
                let v = pop!(frame);
                vm.print_expr(&v)?;
            }
            Instr::MatchSequence => {
                let yes = crate::vm::patterns::is_sequence(vm, top!(frame));
                frame.stack.push(Value::Bool(yes));
            }
            Instr::MatchMapping => {
                let yes = crate::vm::patterns::is_mapping(vm, top!(frame));
                frame.stack.push(Value::Bool(yes));
            }
            Instr::GetLen => {
                let obj = top!(frame).clone();
                let n = crate::builtins::functions::len_of(vm, &obj)?;
                frame.stack.push(Value::Int(n as i64));
            }
            Instr::MatchKeys => {
                let keys = top!(frame).clone();
                let subject = frame.stack[frame.stack.len() - 2].clone();
                let values = crate::vm::patterns::match_keys(vm, &subject, &keys)?;
                frame.stack.push(values);
            }
            Instr::MatchClass(npos) => {
                let names = pop!(frame);
                let cls = pop!(frame);
                let subject = pop!(frame);
                let attrs = crate::vm::patterns::match_class(vm, &subject, &cls, &names, npos as usize)?;
                frame.stack.push(attrs);
            }
            Instr::CopyDictWithoutKeys => {
                let keys = pop!(frame);
                let subject = top!(frame).clone();
                let rest = crate::vm::patterns::copy_dict_without_keys(vm, &subject, &keys)?;
                frame.stack.push(rest);
            }
            Instr::LoadFastAttr { local, name } => {
                let obj = fused_local!(vm, frame, code, local, 0);
                let v = vm.get_attr(obj, &code.names[name as usize])?;
                frame.stack.push(v);
            }
            Instr::StoreFastAttr { local, name } => {
                let v = pop!(frame);
                let obj = fused_local!(vm, frame, code, local, 0);
                vm.set_attr(obj, &code.names[name as usize], v)?;
            }
            Instr::SubscrFastConst { local, key } => {
                let container = fused_local!(vm, frame, code, local, 0);
                let v = vm.get_item(container, &code.consts[key as usize])?;
                frame.stack.push(v);
            }
            Instr::SubscrFastFast { container, key } => {
                let container = fused_local!(vm, frame, code, container, 0);
                let key = fused_local!(vm, frame, code, key, 1);
                let v = vm.get_item(container, key)?;
                frame.stack.push(v);
            }
            Instr::StoreSubscrFastConst { local, key } => {
                let v = pop!(frame);
                let container = fused_local!(vm, frame, code, local, 0);
                vm.set_item(container, code.consts[key as usize].clone(), v)?;
            }
            Instr::CompareJumpIfFalse(op, target) => {
                if !compare_popped(vm, &mut frame.stack, op)? {
                    frame.pc = target as usize;
                }
            }
            Instr::CompareJumpIfTrue(op, target) => {
                if compare_popped(vm, &mut frame.stack, op)? {
                    frame.pc = target as usize;
                }
            }
            Instr::InplaceAddStoreFast(local) => {
                let b = pop!(frame);
                let a = pop!(frame);
                let v = match number_binary(BinaryOp::Add, &a, &b) {
                    Some(v) => v,
                    None => inplace_add_to_local(vm, &mut frame.locals[local as usize], a, &b)?,
                };
                frame.locals[local as usize] = v;
                crate::vm::finalize::run_if_pending(vm);
            }
            Instr::PublishLocals => {
                let existing = vm.scopes.namespace();
                let locals = publish_fast_locals(vm, frame, existing);
                vm.scopes.set_namespace(locals);
            }
        }
    }
}

/// `local += b` where `a` is the local's value as loaded before `b` was computed. For two strs,
/// the local lets go of its reference first, so that a str no one else holds grows in place
/// (amortised O(1) per append instead of a copy of the whole string).
fn inplace_add_to_local(vm: &mut Vm, local: &mut Value, mut a: Value, b: &Value) -> PyResult<Value> {
    let (Some(Payload::Str(_)), Some(Payload::Str(tail))) = (a.payload(), b.payload()) else {
        return vm.inplace_op(&a, b, BinaryOp::Add);
    };
    if let (Value::Obj(head), Value::Obj(held)) = (&mut a, &*local) {
        if head.ptr_eq(held) {
            // The local's reference goes now rather than at the store; a str has no finalizer.
            *local = Value::Undefined;
            if let Some(Payload::Str(s)) = head.unique_payload_mut() {
                s.push_str(tail);
                return Ok(a);
            }
        }
    }
    let result = vm.inplace_op(&a, b, BinaryOp::Add);
    if result.is_err() && matches!(local, Value::Undefined) {
        // The statement failed: the local keeps its value, as without the early release.
        *local = a;
    }
    result
}

/// Pops two values and compares them, for the fused compare-and-jump instructions.
#[inline(always)]
fn compare_popped(vm: &mut Vm, stack: &mut Vec<Value>, op: CompareOp) -> PyResult<bool> {
    let (Some(b), Some(a)) = (stack.pop(), stack.pop()) else { return Err(stack_underflow()) };
    match number_compare(op, &a, &b) {
        Some(t) => Ok(t),
        None => match vm.compare(&a, &b, op)? {
            Value::Bool(t) => Ok(t),
            other => vm.is_true(&other),
        },
    }
}

/// The error for an unbound local read by a fused instruction. The traceback entry is made from
/// `pc - 1`, so `pc` is moved to just past the operand's own span (see
/// `CodeObject::operand_span_pc`); the frame never resumes there, as unwinding sets `pc` to a
/// handler or ends the frame.
#[cold]
fn unbound_fused_operand(
    vm: &Vm,
    code: &crate::bytecode::CodeObject,
    pc: &mut usize,
    slot: usize,
    operand: usize,
) -> PyErr {
    *pc = code.operand_span_pc(*pc - 1, operand) + 1;
    unbound_local(vm, &code.varnames[slot])
}

/// `LoadGlobal`'s fast path: the value where the code's cache says the name is, if the dicts'
/// keys have not changed since (see `bytecode::GlobalCache`).
#[inline]
fn cached_global(vm: &Vm, globals: &ObjRef, code: &crate::bytecode::CodeObject, i: usize) -> Option<Value> {
    use std::sync::atomic::Ordering::Relaxed;
    let cache = &code.global_caches[i];
    let globals_version = cache.globals_version.load(Relaxed);
    let Payload::Dict(globals) = globals.payload() else { return None };
    let globals = globals.borrow(vm);
    if globals_version == 0 || globals.keys_version() != globals_version {
        return None;
    }
    let index = cache.index.load(Relaxed) as usize;
    let builtins_version = cache.builtins_version.load(Relaxed);
    if builtins_version == 0 {
        return globals.entry_at(index).map(|e| e.value.clone());
    }
    let Payload::Dict(builtins) = vm.interp.builtins.payload() else { return None };
    let builtins = builtins.borrow(vm);
    if builtins.keys_version() != builtins_version {
        return None;
    }
    builtins.entry_at(index).map(|e| e.value.clone())
}

/// `LoadGlobal`'s slow path: looks the name up in the globals, then the builtins, and records
/// where it was found for `cached_global`.
fn load_global_and_cache(
    vm: &mut Vm,
    globals: &ObjRef,
    code: &crate::bytecode::CodeObject,
    i: usize,
) -> PyResult<Value> {
    use std::sync::atomic::Ordering::Relaxed;
    let name = &code.names[i];
    let hash = match name.payload() {
        Some(Payload::Str(s)) => s.hash(),
        _ => return load_global(vm, globals, name, &code.varnames),
    };
    let (Payload::Dict(globals_cell), Payload::Dict(builtins_cell)) = (globals.payload(), vm.interp.builtins.payload())
    else {
        return load_global(vm, globals, name, &code.varnames);
    };
    let cache = &code.global_caches[i];
    let Some(mut globals_data) = globals_cell.try_borrow_mut(vm) else {
        return load_global(vm, globals, name, &code.varnames);
    };
    if let crate::object::dict::Probe::Found(index) = globals_data.probe(hash, name) {
        cache.globals_version.store(globals_data.watch_keys(), Relaxed);
        cache.builtins_version.store(0, Relaxed);
        cache.index.store(index as u32, Relaxed);
        return Ok(globals_data.entry_at(index).map(|e| e.value.clone()).unwrap_or(Value::None));
    }
    let globals_version = globals_data.watch_keys();
    drop(globals_data);
    let Some(mut builtins_data) = builtins_cell.try_borrow_mut(vm) else {
        return load_global(vm, globals, name, &code.varnames);
    };
    if let crate::object::dict::Probe::Found(index) = builtins_data.probe(hash, name) {
        cache.globals_version.store(globals_version, Relaxed);
        cache.builtins_version.store(builtins_data.watch_keys(), Relaxed);
        cache.index.store(index as u32, Relaxed);
        return Ok(builtins_data.entry_at(index).map(|e| e.value.clone()).unwrap_or(Value::None));
    }
    drop(builtins_data);
    load_global(vm, globals, name, &code.varnames)
}

fn load_global(vm: &mut Vm, globals: &ObjRef, name: &Value, varnames: &[Value]) -> PyResult<Value> {
    if let Some(v) = vm.dict_get_str_value(globals, name) {
        return Ok(v);
    }
    let builtins = vm.interp.builtins.clone();
    if let Some(v) = vm.dict_get_str_value(&builtins, name) {
        return Ok(v);
    }
    Err(crate::vm::suggestions::name_error(vm, name.as_str().unwrap_or("?"), varnames, globals))
}

fn cell_get(vm: &Vm, cell: &ObjRef) -> Value {
    match cell.payload() {
        Payload::Cell(c) => c.borrow(vm).clone(),
        _ => Value::Undefined,
    }
}

fn cell_set(vm: &Vm, cell: &ObjRef, v: Value) {
    if let Payload::Cell(c) = cell.payload() {
        *c.borrow_mut(vm) = v;
    }
}

fn cell_name(code: &crate::bytecode::CodeObject, i: u32) -> Value {
    let i = i as usize;
    if i < code.cellvars.len() {
        code.cellvars[i].clone()
    } else {
        code.freevars[i - code.cellvars.len()].clone()
    }
}

#[cold]
fn unbound_local(vm: &Vm, name: &Value) -> PyErr {
    vm.new_exception_msg(
        "UnboundLocalError",
        &format!(
            "cannot access local variable '{}' where it is not associated with a value",
            name.as_str().unwrap_or("?")
        ),
    )
}

#[cold]
fn unbound_deref(vm: &Vm, code: &crate::bytecode::CodeObject, i: u32) -> PyErr {
    let name = cell_name(code, i);
    let name = name.as_str().unwrap_or("?");
    if (i as usize) < code.cellvars.len() {
        vm.new_exception_msg(
            "UnboundLocalError",
            &format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    } else {
        vm.new_exception_msg(
            "NameError",
            &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}

/// The dict `locals()` returns in a function: like CPython's `f_locals`, one dict per frame
/// activation, refreshed from the fast locals and cells (in CPython's order: parameters and locals,
/// then cell variables, then free variables) each time; other keys (`exec` stores) stay.
fn publish_fast_locals(vm: &Vm, frame: &Frame, existing: Option<ObjRef>) -> ObjRef {
    let dict = existing.unwrap_or_else(|| vm.new_dict_from(crate::object::DictData::new()));
    let Payload::Dict(cell) = dict.payload() else { return dict };
    let mut data = cell.borrow_mut(vm);
    let code = &frame.code;
    let ncells = code.cellvars.len();
    let arg_cell = |slot: usize| code.cell2arg.iter().position(|a| *a == Some(slot as u32));
    for (slot, name) in code.varnames.iter().enumerate() {
        let v = match arg_cell(slot) {
            Some(cell) => cell_get(vm, &frame.cells[cell]),
            None => frame.locals[slot].clone(),
        };
        if matches!(v, Value::Undefined) {
            data.remove_str(name.as_str().unwrap_or(""));
        } else {
            data.set_str_value(name.clone(), v);
        }
    }
    for (i, name) in code.cellvars.iter().chain(code.freevars.iter()).enumerate() {
        let is_arg = i < ncells && code.cell2arg.get(i).copied().flatten().is_some();
        if is_arg || i >= frame.cells.len() {
            continue;
        }
        let v = cell_get(vm, &frame.cells[i]);
        if matches!(v, Value::Undefined) {
            data.remove_str(name.as_str().unwrap_or(""));
        } else {
            data.set_str_value(name.clone(), v);
        }
    }
    drop(data);
    dict
}

/// `*x` of a value that is not iterable: `f() argument after * must be an iterable, not int`
/// in a call of `f(*x)`, `Value after * must be an iterable, not int` elsewhere.
pub fn star_arg_error(vm: &mut Vm, err: PyErr, value: &Value, func: Option<&Value>) -> PyErr {
    let not_iterable = vm.err_matches(&err, "TypeError")
        && crate::vm::attr::lookup_special(vm, value, "__iter__").is_none()
        && crate::vm::attr::lookup_special(vm, value, "__getitem__").is_none();
    if !not_iterable {
        return err;
    }
    let what = match func {
        Some(f) => format!("{} argument", crate::vm::call::function_str(vm, f)),
        None => "Value".to_string(),
    };
    vm.type_error(format!("{what} after * must be an iterable, not {}", vm.type_name(value)))
}

/// The traceback object of an exception value (None for a non-exception).
pub fn exception_traceback(vm: &Vm, exc: &Value) -> Value {
    match exc.as_obj().and_then(crate::vm::errors::exception_data) {
        Some(d) => crate::builtins::traceback::traceback_object(vm, &d.borrow(vm).traceback),
        None => Value::None,
    }
}

/// Makes a new cell holding `v` (used when setting up frames).
pub fn new_cell(v: Value) -> ObjRef {
    ObjRef::new(Payload::Cell(GilCell::new(v)))
}

/// Runs a module-level code object in `globals` (used by imports, `exec` and the CLI).
pub fn run_code_in(
    vm: &mut Vm,
    code: Arc<crate::bytecode::CodeObject>,
    globals: ObjRef,
    namespace: Option<ObjRef>,
) -> PyResult<Value> {
    let id = vm.new_frame_id();
    let ns = namespace.unwrap_or_else(|| globals.clone());
    let mut frame = Frame::new(code, globals, Some(ns), id);
    // A module frame counts toward the recursion limit, as in CPython.
    vm.depth += 1;
    let result = run_frame(vm, &mut frame);
    vm.depth -= 1;
    match result? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.runtime_error("yield outside function")),
    }
}

/// Raises `err` inside a suspended frame (generator `throw`/`close`) and runs on from its handler.
pub fn throw_into(vm: &mut Vm, frame: &mut Frame, err: PyErr) -> PyResult<FrameExit> {
    record_traceback(vm, frame, &err);
    if unwind_to_handler(vm, frame, err.clone()) {
        run_frame(vm, frame)
    } else {
        Err(err)
    }
}
