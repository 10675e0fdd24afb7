//! A frame: one activation of a code object, with its value stack, fast locals, cells and block
//! stack (see `bytecode.rs` for how blocks implement try/except/finally/with).

use std::borrow::Cow;
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

/// A frame borrows its code and globals from the function it runs (`'f`), so a call costs no
/// reference-count traffic for them; frames that outlive the call (generators, module and class
/// bodies) own them (`Frame<'static>`).
pub struct Frame<'f> {
    pub code: Cow<'f, Arc<CodeObject>>,
    /// Index of the next instruction.
    pub pc: usize,
    pub stack: Vec<Value>,
    /// Fast locals, indexed like `code.varnames`; `Value::Undefined` when unbound.
    pub locals: Vec<Value>,
    /// Cell objects: `code.cellvars` then `code.freevars`.
    pub cells: Box<[ObjRef]>,
    pub blocks: Vec<Block>,
    /// The module's globals dict.
    pub globals: Cow<'f, ObjRef>,
    /// The namespace dict for `LoadName`/`StoreName` (module and class bodies, exec/eval).
    pub namespace: Option<ObjRef>,
    /// Identifies the frame in tracebacks (an exception passing through a frame twice, as with a
    /// re-raise, is recorded once).
    pub id: u64,
}

/// The buffers a frame allocates, kept empty between uses (see `Vm::frame_buffers`): its value
/// stack, its locals and its block stack (allocated only by frames that run a `try` or `with`).
#[derive(Default)]
pub struct FrameBuffers {
    stack: Vec<Value>,
    locals: Vec<Value>,
    blocks: Vec<Block>,
}

impl FrameBuffers {
    /// Empties a finished frame's buffers (dropping what they hold) and keeps them in `pool` for
    /// the next frame.
    #[inline]
    pub fn keep(mut stack: Vec<Value>, mut locals: Vec<Value>, mut blocks: Vec<Block>, pool: &mut Vec<FrameBuffers>) {
        if pool.len() < KEPT_BUFFERS {
            stack.clear();
            locals.clear();
            blocks.clear();
            pool.push(FrameBuffers { stack, locals, blocks });
        }
    }
}

/// How many returned frames' buffers a thread keeps for reuse: enough for ordinary call depths
/// without holding on to the memory of one very deep recursion.
const KEPT_BUFFERS: usize = 64;

impl Frame<'static> {
    /// A frame that owns its code and globals.
    pub fn new(code: Arc<CodeObject>, globals: ObjRef, namespace: Option<ObjRef>, id: u64) -> Frame<'static> {
        let buffers = FrameBuffers::default();
        Frame::with_buffers(Cow::Owned(code), Cow::Owned(globals), namespace, id, buffers)
    }
}

impl<'f> Frame<'f> {
    /// A frame built on buffers of an earlier one (both empty). Inlined so that the frame is
    /// built in its caller's stack slot rather than copied there.
    #[inline(always)]
    pub fn with_buffers(
        code: Cow<'f, Arc<CodeObject>>,
        globals: Cow<'f, ObjRef>,
        namespace: Option<ObjRef>,
        id: u64,
        buffers: FrameBuffers,
    ) -> Frame<'f> {
        let FrameBuffers { mut stack, mut locals, blocks } = buffers;
        stack.reserve(code.max_stack as usize + 1);
        locals.resize_with(code.varnames.len(), || Value::Undefined);
        Frame { stack, locals, cells: Box::new([]), blocks, pc: 0, globals, namespace, id, code }
    }

    /// The same frame owning its code and globals, to outlive the call that made it (a generator).
    pub fn into_owned(self) -> Frame<'static> {
        let Frame { code, pc, stack, locals, cells, blocks, globals, namespace, id } = self;
        Frame {
            code: Cow::Owned(code.into_owned()),
            globals: Cow::Owned(globals.into_owned()),
            pc,
            stack,
            locals,
            cells,
            blocks,
            namespace,
            id,
        }
    }

    /// The code object as a counted reference (for tracebacks, which outlive the frame).
    pub fn code_arc(&self) -> Arc<CodeObject> {
        Arc::clone(&self.code)
    }

    /// Every value the frame holds, for the cycle collector.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        self.stack.iter().for_each(&mut *f);
        self.locals.iter().for_each(&mut *f);
        for c in self.cells.iter() {
            f(&Value::Obj(c.clone()));
        }
        f(&Value::Obj(ObjRef::clone(&self.globals)));
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
