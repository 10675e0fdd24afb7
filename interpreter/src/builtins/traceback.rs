//! Traceback and frame objects (`exc.__traceback__`, the third argument of `__exit__`,
//! `sys.exc_info()[2]`), made on demand from the entries an exception records as it unwinds.
//!
//! A `traceback` object has `tb_frame`, `tb_lineno`, `tb_lasti` and `tb_next` (towards the frame
//! that raised); its frame has `f_code`, `f_lineno`, `f_lasti`, `f_back` (always None: frames are
//! not kept alive after they return) and `f_locals` (empty).

use std::sync::Arc;

use crate::builtins::types::make_class;
use crate::bytecode::CodeObject;
use crate::object::{Native, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{TracebackEntry, Vm};

/// One level of a traceback: the code and instruction of a frame the exception passed through,
/// and the levels below it (towards the raise), outermost first.
struct TracebackData {
    levels: Arc<[(Arc<CodeObject>, u32)]>,
    index: usize,
}

struct FrameData {
    code: Arc<CodeObject>,
    pc: u32,
}

/// The traceback object for an exception's recorded entries (innermost first, as the unwinding
/// records them); `None` when there are none.
pub fn traceback_object(vm: &Vm, entries: &[TracebackEntry]) -> Value {
    if entries.is_empty() {
        return Value::None;
    }
    let levels: Arc<[(Arc<CodeObject>, u32)]> = entries.iter().rev().map(|e| (e.code.clone(), e.pc)).collect();
    new_traceback(vm, levels, 0)
}

fn new_traceback(vm: &Vm, levels: Arc<[(Arc<CodeObject>, u32)]>, index: usize) -> Value {
    let class = crate::builtins::file::cached_native_class(vm, "traceback", || {
        make_class("traceback", None, None, true, NO_METHODS)
    });
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(TracebackData { levels, index }) })))
}

fn new_frame(vm: &Vm, code: Arc<CodeObject>, pc: u32) -> Value {
    let class =
        crate::builtins::file::cached_native_class(vm, "frame", || make_class("frame", None, None, true, NO_METHODS));
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(FrameData { code, pc }) })))
}

const NO_METHODS: &[(&str, NativeFn)] = &[];

/// Attributes of traceback and frame objects, for `attr.rs`.
pub fn native_attr(vm: &Vm, obj: &ObjRef, key: &str) -> Option<Value> {
    let Payload::Native(n) = obj.payload() else { return None };
    if let Some(tb) = n.downcast::<TracebackData>() {
        let (code, pc) = &tb.levels[tb.index];
        return Some(match key {
            "tb_lineno" => Value::Int(code.line_of(*pc as usize) as i64),
            "tb_lasti" => Value::Int(*pc as i64 * 2),
            "tb_frame" => new_frame(vm, code.clone(), *pc),
            "tb_next" => {
                if tb.index + 1 < tb.levels.len() {
                    new_traceback(vm, tb.levels.clone(), tb.index + 1)
                } else {
                    Value::None
                }
            }
            _ => return None,
        });
    }
    if let Some(f) = n.downcast::<FrameData>() {
        return Some(match key {
            "f_code" => Value::Obj(ObjRef::new(Payload::Code(f.code.clone()))),
            "f_lineno" => Value::Int(f.code.line_of(f.pc as usize) as i64),
            "f_lasti" => Value::Int(f.pc as i64 * 2),
            "f_back" => Value::None,
            "f_locals" => Value::Obj(vm.new_dict()),
            _ => return None,
        });
    }
    None
}
