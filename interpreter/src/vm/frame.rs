//! A frame: one activation of a code object, with its value stack, fast locals, cells and block
//! stack (see `bytecode.rs` for how blocks implement try/except/finally/with).

use std::sync::Arc;

use crate::bytecode::CodeObject;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::PyErr;

pub enum Block {
    /// `SetupFinally`/`SetupWith`: where to go on an exception, and the stack depth to restore.
    Try { handler: u32, depth: u32 },
    /// Running an except/finally handler; `previous` is the exception handled before it, restored
    /// when the handler ends.
    ExceptHandler { previous: Option<PyErr> },
}

pub struct Frame {
    pub code: Arc<CodeObject>,
    /// Index of the next instruction.
    pub pc: usize,
    pub stack: Vec<Value>,
    /// Fast locals, indexed like `code.varnames`; `Value::Undefined` when unbound.
    pub locals: Vec<Value>,
    /// Cell objects: `code.cellvars` then `code.freevars`.
    pub cells: Box<[ObjRef]>,
    pub blocks: Vec<Block>,
    /// The module's globals dict.
    pub globals: ObjRef,
    /// The namespace dict for `LoadName`/`StoreName` (module and class bodies, exec/eval).
    pub namespace: Option<ObjRef>,
    /// Identifies the frame in tracebacks (an exception passing through a frame twice, as with a
    /// re-raise, is recorded once).
    pub id: u64,
}

/// The two buffers a frame allocates, kept empty between uses (see `Vm::frame_buffers`).
#[derive(Default)]
pub struct FrameBuffers {
    stack: Vec<Value>,
    locals: Vec<Value>,
}

/// How many returned frames' buffers a thread keeps for reuse: enough for ordinary call depths
/// without holding on to the memory of one very deep recursion.
const KEPT_BUFFERS: usize = 64;

impl Frame {
    pub fn new(code: Arc<CodeObject>, globals: ObjRef, namespace: Option<ObjRef>, id: u64) -> Frame {
        let buffers = FrameBuffers { stack: Vec::new(), locals: Vec::new() };
        Frame::with_buffers(code, globals, namespace, id, buffers)
    }

    /// A frame built on buffers of an earlier one (both empty).
    pub fn with_buffers(
        code: Arc<CodeObject>,
        globals: ObjRef,
        namespace: Option<ObjRef>,
        id: u64,
        buffers: FrameBuffers,
    ) -> Frame {
        let FrameBuffers { mut stack, mut locals } = buffers;
        stack.reserve(code.max_stack as usize + 1);
        locals.resize(code.varnames.len(), Value::Undefined);
        Frame { stack, locals, cells: Box::new([]), blocks: Vec::new(), pc: 0, globals, namespace, id, code }
    }

    /// Ends the frame, dropping what it holds, and keeps its buffers in `pool` for the next one.
    pub fn recycle(self, pool: &mut Vec<FrameBuffers>) {
        let Frame { mut stack, mut locals, .. } = self;
        if pool.len() < KEPT_BUFFERS {
            stack.clear();
            locals.clear();
            pool.push(FrameBuffers { stack, locals });
        }
    }

    /// Every value the frame holds, for the cycle collector.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        self.stack.iter().for_each(&mut *f);
        self.locals.iter().for_each(&mut *f);
        for c in self.cells.iter() {
            f(&Value::Obj(c.clone()));
        }
        f(&Value::Obj(self.globals.clone()));
        if let Some(ns) = &self.namespace {
            f(&Value::Obj(ns.clone()));
        }
        for b in &self.blocks {
            if let Block::ExceptHandler { previous: Some(e) } = b {
                f(&e.value());
            }
        }
    }
}
