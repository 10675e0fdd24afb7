//! The virtual machine: per-thread state ([`Vm`]), the interpreter state it shares with the other
//! threads ([`InterpreterState`]), errors, and the helpers natives use.
//!
//! Files: `eval.rs` is THE dispatch loop; `frame.rs` the frame; `call.rs` argument binding and
//! calling; `attr.rs` attribute lookup; `ops.rs` operators, comparisons, hashing, iteration;
//! `errors.rs` exception construction and tracebacks; `import.rs` the import system;
//! `generator.rs` generators.

pub mod attr;
pub mod call;
mod carets;
pub mod errors;
pub mod eval;
pub mod finalize;
pub mod frame;
pub mod generator;
pub mod import;
pub mod lock;
mod mro_cache;
pub mod ops;
pub mod patterns;
mod scopes;
pub mod suggestions;

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::builtins::types::BuiltinTypes;
use crate::bytecode::CodeObject;
use crate::object::{GilCell, ObjRef, Payload};
use crate::value::Value;
use crate::PyResult;

pub use errors::{PyErr, TracebackEntry};

/// Arguments of a native call: positional values then keyword values, `kwnames` naming the last
/// `kwnames.len()` items (CPython's vectorcall convention: no allocation per call).
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub items: &'a [Value],
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(items: &'a [Value]) -> Args<'a> {
        Args { items, kwnames: &[] }
    }

    /// The positional arguments.
    #[inline]
    pub fn positional(&self) -> &'a [Value] {
        &self.items[..self.items.len() - self.kwnames.len()]
    }

    /// The keyword arguments as (name, value) pairs.
    pub fn keywords(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        let values = &self.items[self.items.len() - self.kwnames.len()..];
        self.kwnames.iter().map(|k| k.as_str().unwrap_or("")).zip(values.iter())
    }

    pub fn kw(&self, name: &str) -> Option<&'a Value> {
        self.keywords().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// Argument `i` given either positionally or by keyword `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<&'a Value> {
        self.positional().get(i).or_else(|| self.kw(name))
    }
}

/// Process-independent configuration and state shared by every thread of one interpreter.
pub struct InterpreterState {
    pub gil: crate::gil::Gil,
    pub types: BuiltinTypes,
    /// The `builtins` module's dict.
    pub builtins: ObjRef,
    /// `sys.modules`.
    pub modules: ObjRef,
    /// The `sys` module.
    pub sys: GilCell<Option<ObjRef>>,
    /// Native modules by import name, registered by the embedder or the stdlib crate.
    pub native_modules: Mutex<Vec<(String, NativeModuleInit)>>,
    /// Python-source modules compiled into the binary (`threading.py` ...), by import name.
    pub frozen_modules: Mutex<Vec<crate::vm::import::FrozenModule>>,
    pub recursion_limit: AtomicUsize,
    /// Bits asking every running thread to stop at its next check (see `EVAL_BREAKER_*`).
    pub eval_breaker: AtomicU32,
    pub stdout: Mutex<Box<dyn std::io::Write + Send>>,
    pub stderr: Mutex<Box<dyn std::io::Write + Send>>,
    pub gc: GilCell<crate::gc::GcState>,
    /// Counter for thread idents handed to `Vm`s of this interpreter.
    pub next_thread_id: AtomicUsize,
    /// Serializes module initialization between threads.
    pub import_lock: lock::ImportLock,
    /// Resource limits and interrupts (`limits.rs`).
    pub limits: crate::limits::LimitState,
}

pub type NativeModuleInit = fn(&mut Vm) -> PyResult<ObjRef>;

pub const EVAL_BREAKER_INTERRUPT: u32 = 1;
pub const EVAL_BREAKER_GC: u32 = 2;
pub const EVAL_BREAKER_GIL_DROP: u32 = 4;
/// An interrupt, an exceeded limit or an instruction budget to count (see `limits.rs`).
pub const EVAL_BREAKER_LIMITS: u32 = 8;

/// Per-thread interpreter state. A `Vm` exists only on the thread that holds the GIL, so `&Vm` is
/// the proof `GilCell` asks for; it is deliberately `!Send` and `!Sync`.
pub struct Vm {
    pub interp: Arc<InterpreterState>,
    /// Python call depth, checked against the recursion limit.
    pub depth: usize,
    /// The exception being handled (`sys.exc_info()`), set by except handlers.
    pub handled: Option<PyErr>,
    /// Lowest address the Rust stack may reach before we raise RecursionError.
    pub stack_limit: usize,
    pub thread_id: usize,
    /// Globals and local namespace of each running frame, innermost last (`globals()`,
    /// `locals()`, `exec` without arguments).
    pub scopes: scopes::ScopeStack,
    /// Value-stack and locals buffers of returned frames, reused by the next calls so a call
    /// allocates nothing.
    pub(crate) frame_buffers: Vec<frame::FrameBuffers>,
    /// Where attribute names were found along class MROs (see `mro_cache.rs`).
    pub(crate) mro_cache: mro_cache::MroCache,
    /// The user-facing call under way that names the blocking calls inside it (see
    /// [`Vm::as_blocking_api`]).
    pub blocking_api: Option<&'static str>,
    next_frame_id: u64,
    /// The interrupt epoch this thread has seen (see `limits.rs`).
    pub(crate) interrupts_seen: u64,
    /// New containers an outer `Vm` on this thread had not handed to its collector yet (see
    /// `gc/nursery.rs`); given back when this one is dropped.
    gc_outer_nursery: Vec<crate::object::WeakRef>,
    _not_send: PhantomData<*mut ()>,
}

impl Drop for Vm {
    /// A `Vm` is dropped on its thread with the GIL still held (as `Interpreter::with_vm` does).
    fn drop(&mut self) {
        let outer = std::mem::take(&mut self.gc_outer_nursery);
        crate::gc::leave_vm(self, outer);
    }
}

impl Vm {
    /// The state of the calling thread, which must hold the GIL. Its `thread_id` is the ident the
    /// GIL gave the thread (`threading.get_ident()`).
    pub fn new(interp: Arc<InterpreterState>) -> Vm {
        let thread_id = match interp.gil.holder() {
            Some(index) => index + 1,
            None => interp.next_thread_id.fetch_add(1, Ordering::Relaxed),
        };
        let interrupts_seen = interp.limits.interrupt_epoch();
        Vm {
            interp,
            depth: 0,
            handled: None,
            stack_limit: stack_limit_for_current_thread(),
            thread_id,
            scopes: scopes::ScopeStack::default(),
            frame_buffers: Vec::new(),
            mro_cache: Default::default(),
            blocking_api: None,
            next_frame_id: 1,
            interrupts_seen,
            gc_outer_nursery: crate::gc::enter_vm(),
            _not_send: PhantomData,
        }
    }

    /// Runs `f` with the GIL released (blocking I/O, sleeps, waits), so other Python threads run
    /// meanwhile. `f` cannot touch Python objects: it is `Send` and cannot capture the `Vm`.
    /// This is gilpy's `Py_BEGIN_ALLOW_THREADS` / `Py_END_ALLOW_THREADS`. Prefer
    /// [`Vm::allow_threads_as`], which names the call in the GIL's statistics and timeline.
    pub fn allow_threads<R, F: FnOnce() -> R + Send>(&mut self, f: F) -> R {
        self.allow_threads_as(crate::gil::UNNAMED_CALL, f)
    }

    /// [`Vm::allow_threads`] for the blocking call `call` (`"time.sleep"`, `"file.read"`, ...):
    /// `--gil-stats` and `--gil-trace` show the time blocked under that name.
    pub fn allow_threads_as<R, F: FnOnce() -> R + Send>(&mut self, call: &'static str, f: F) -> R {
        crate::gc::flush_nursery(self);
        self.interp.gil.release_as(self.blocking_name(call));
        let r = f();
        self.interp.gil.acquire();
        r
    }

    /// Runs `f` as the user-facing call `api`: blocking calls inside it are named `api` rather
    /// than by what they are (`input()` reading `sys.stdin` blocks in "input", not in
    /// "file.readline"). The outermost such call names them.
    pub fn as_blocking_api<R>(&mut self, api: &'static str, f: impl FnOnce(&mut Vm) -> R) -> R {
        let outer = self.blocking_api;
        self.blocking_api = Some(outer.unwrap_or(api));
        let r = f(self);
        self.blocking_api = outer;
        r
    }

    /// What a blocking call `call` is named in the GIL's statistics (see [`Vm::as_blocking_api`]).
    pub fn blocking_name(&self, call: &'static str) -> &'static str {
        self.blocking_api.unwrap_or(call)
    }

    pub fn current_globals(&self) -> Option<ObjRef> {
        self.scopes.globals()
    }

    pub fn current_locals(&self) -> Option<ObjRef> {
        self.scopes.locals()
    }

    pub fn types(&self) -> &BuiltinTypes {
        &self.interp.types
    }

    pub(crate) fn new_frame_id(&mut self) -> u64 {
        self.next_frame_id += 1;
        self.next_frame_id
    }

    /// The periodic check run every `check_interval` instructions: GIL hand-off, interrupts,
    /// the cycle collector.
    #[cold]
    pub fn periodic_check(&mut self) -> PyResult<()> {
        finalize::run_if_pending(self);
        // Hands this thread's new containers to the collector before the GIL may change hands.
        crate::gc::periodic(self);
        let ran = self.interp.gil.periodic_check();
        let bits = self.interp.eval_breaker.load(Ordering::Relaxed);
        if bits == 0 {
            return Ok(());
        }
        if bits & EVAL_BREAKER_INTERRUPT != 0 && may_handle_signals() {
            self.interp.eval_breaker.fetch_and(!EVAL_BREAKER_INTERRUPT, Ordering::Relaxed);
            return Err(self.new_exception_msg("KeyboardInterrupt", ""));
        }
        if bits & EVAL_BREAKER_GC != 0 {
            self.interp.eval_breaker.fetch_and(!EVAL_BREAKER_GC, Ordering::Relaxed);
            crate::gc::collect(self);
        }
        if bits & EVAL_BREAKER_LIMITS != 0 {
            self.check_limits(ran)?;
        }
        Ok(())
    }

    /// Is the Rust stack close to its end? Checked on every Python call.
    #[inline]
    pub fn stack_exhausted(&self) -> bool {
        let marker = 0u8;
        (&marker as *const u8 as usize) < self.stack_limit
    }

    // ----- small constructors -----

    pub fn new_list(&self, items: Vec<Value>) -> Value {
        crate::gc::track(self, ObjRef::new(Payload::List(GilCell::new(items))))
    }

    pub fn new_dict(&self) -> ObjRef {
        crate::gc::track_obj(self, ObjRef::new(Payload::Dict(GilCell::new(Default::default()))))
    }

    pub fn new_dict_from(&self, data: crate::object::DictData) -> ObjRef {
        crate::gc::track_obj(self, ObjRef::new(Payload::Dict(GilCell::new(data))))
    }

    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        Value::tuple(items)
    }

    pub fn code_of(&self, v: &Value) -> Option<Arc<CodeObject>> {
        match v.payload() {
            Some(Payload::Code(c)) => Some(c.clone()),
            _ => None,
        }
    }
}

/// Threads gilpy starts get a known, large stack; the main interpreter thread too (the CLI runs
/// scripts on such a thread). We keep this much in reserve for native code after the last check.
pub const STACK_RESERVE: usize = 256 * 1024;

thread_local! {
    static SIGNAL_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// Set once some thread was made the signal thread; until then any thread takes interrupts.
static SIGNAL_THREAD_CHOSEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes the calling thread the only one that turns an interrupt into `KeyboardInterrupt`, as
/// CPython's main thread is the only one that handles signals. The CLI calls this on the thread
/// that runs `__main__`; embedders that never call it get interrupts on whichever thread checks.
pub fn handle_signals_on_this_thread() {
    SIGNAL_THREAD.with(|t| t.set(true));
    SIGNAL_THREAD_CHOSEN.store(true, Ordering::Relaxed);
}

pub(crate) fn may_handle_signals() -> bool {
    !SIGNAL_THREAD_CHOSEN.load(Ordering::Relaxed) || SIGNAL_THREAD.with(|t| t.get())
}

thread_local! {
    static STACK_BASE: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

/// Declares the current thread's stack: call at the top of a thread started with `size` bytes of
/// stack. Without it, we assume the platform default for the main thread (8 MiB).
pub fn register_thread_stack(size: usize) {
    let marker = 0u8;
    STACK_BASE.with(|b| b.set(Some((&marker as *const u8 as usize, size))));
}

fn stack_limit_for_current_thread() -> usize {
    let marker = 0u8;
    let here = &marker as *const u8 as usize;
    let (base, size) = STACK_BASE.with(|b| b.get()).unwrap_or((here, 8 * 1024 * 1024 - 512 * 1024));
    base.saturating_sub(size).saturating_add(STACK_RESERVE)
}
