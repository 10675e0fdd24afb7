//! Finalizers that must run Python code when an object dies: `__del__` methods, and closing
//! generators dropped while suspended inside a `try`/`with` block (so their `finally` runs).
//!
//! An object dies when its last reference is dropped, wherever that happens, with no `Vm` at
//! hand. So the dying object hands what the finalizer needs to a per-thread queue, and the VM
//! runs the queue at the next safe point (after `PopTop`, `del`, a module-level store, a
//! function's return, the periodic check, and at exit). For `__del__`, the instance's class,
//! `__dict__` and built-in state move into a fresh instance that `__del__` receives, which is
//! then dropped without finalizing again (as CPython's PEP 442 runs `__del__` once).

use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use crate::object::{BaseState, GilCell, Instance, ObjRef, Payload};
use crate::value::Value;
use crate::vm::eval::FrameExit;
use crate::vm::frame::Frame;
use crate::vm::{Args, Vm};

enum Pending {
    /// A suspended generator's frame, to be closed (GeneratorExit thrown in).
    CloseGenerator { frame: Box<Frame<'static>>, qualname: Value },
    /// An instance resurrected for its class's `__del__`.
    Del(ObjRef),
}

thread_local! {
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static HAS_PENDING: Cell<bool> = const { Cell::new(false) };
    /// Instances (by the address of their `__dict__`, which moves with them) whose `__del__`
    /// already ran: dropping them does nothing.
    static FINALIZED: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
}

/// Queues a finalizer. While the thread's storage is being torn down (the thread is ending)
/// nothing can run any more: the finalizer is dropped.
fn push(p: Pending) {
    let queued = PENDING
        .try_with(|q| match q.try_borrow_mut() {
            Ok(mut list) => {
                list.push(p);
                true
            }
            Err(_) => false,
        })
        .unwrap_or(false);
    if queued {
        let _ = HAS_PENDING.try_with(|h| h.set(true));
    }
}

/// Are finalizers waiting? Cheap; checked at the safe points.
#[inline]
pub fn has_pending() -> bool {
    HAS_PENDING.try_with(|h| h.get()).unwrap_or(false)
}

/// Runs the queued finalizers if there are any.
#[inline]
pub fn run_if_pending(vm: &mut Vm) {
    if has_pending() {
        run_pending(vm);
    }
}

/// Records that `obj`'s `__del__` has run (or is about to, called by the cycle collector), so
/// dropping it later does not run it again (PEP 442: once per object).
pub(crate) fn mark_finalized(obj: &ObjRef) {
    if let Payload::Instance(inst) = obj.payload() {
        FINALIZED.with(|f| {
            if let Ok(mut f) = f.try_borrow_mut() {
                f.insert(inst.dict.addr());
            }
        });
    }
}

/// Has `obj`'s `__del__` run already (through a drop that revived it)?
pub(crate) fn is_finalized(obj: &ObjRef) -> bool {
    match obj.payload() {
        Payload::Instance(inst) => {
            FINALIZED.with(|f| f.try_borrow().map(|f| f.contains(&inst.dict.addr())).unwrap_or(false))
        }
        _ => false,
    }
}

/// Queues a dropped suspended generator for closing (called from its state's `Drop`).
pub(crate) fn queue_generator_close(frame: Box<Frame<'static>>, qualname: Value) {
    push(Pending::CloseGenerator { frame, qualname });
}

/// Called when an instance is dropped: if its class defines `__del__`, moves its state into a
/// new instance and queues the call.
pub(crate) fn instance_dropped(inst: &mut Instance) {
    let has_del = matches!(inst.class.get_mut().payload(), Payload::Class(c) if c.flags.has_del);
    if !has_del {
        return;
    }
    let addr = inst.dict.addr();
    let already =
        FINALIZED.try_with(|f| f.try_borrow_mut().map(|mut f| f.remove(&addr)).unwrap_or(true)).unwrap_or(true);
    if already {
        return;
    }
    let class = inst.class.get_mut().clone();
    let dict = std::mem::replace(&mut inst.dict, ObjRef::new(Payload::Dict(GilCell::new(Default::default()))));
    let base = std::mem::replace(&mut inst.base, BaseState::None);
    let revived = ObjRef::new(Payload::Instance(Instance { class: GilCell::new(class), dict, base }));
    push(Pending::Del(revived));
}

/// Runs every queued finalizer (and those they queue in turn).
#[cold]
pub fn run_pending(vm: &mut Vm) {
    loop {
        let _ = HAS_PENDING.try_with(|h| h.set(false));
        let batch: Vec<Pending> = PENDING
            .try_with(|q| match q.try_borrow_mut() {
                Ok(mut list) => std::mem::take(&mut *list),
                Err(_) => Vec::new(),
            })
            .unwrap_or_default();
        if batch.is_empty() {
            return;
        }
        for p in batch {
            let saved = vm.handled.take();
            match p {
                Pending::CloseGenerator { mut frame, qualname } => close_generator(vm, &mut frame, &qualname),
                Pending::Del(obj) => call_del(vm, obj),
            }
            vm.handled = saved;
        }
    }
}

fn close_generator(vm: &mut Vm, frame: &mut Frame, qualname: &Value) {
    let exit = vm.new_exception(vm.exc_class("GeneratorExit"), vec![]);
    vm.depth += 1;
    let result = crate::vm::eval::throw_into(vm, frame, exit);
    vm.depth -= 1;
    let problem = match result {
        Ok(FrameExit::Return(_)) => None,
        Ok(FrameExit::Yield(_)) => Some(vm.runtime_error("generator ignored GeneratorExit")),
        Err(e) if vm.err_matches(&e, "GeneratorExit") || vm.err_matches(&e, "StopIteration") => None,
        Err(e) => Some(e),
    };
    if let Some(err) = problem {
        let name = qualname.as_str().unwrap_or("?").to_string();
        report_ignored(vm, &format!("<generator object {name}>"), &err);
    }
}

fn call_del(vm: &mut Vm, obj: ObjRef) {
    if let Payload::Instance(inst) = obj.payload() {
        let _ = FINALIZED.try_with(|f| {
            if let Ok(mut f) = f.try_borrow_mut() {
                f.insert(inst.dict.addr());
            }
        });
    }
    let value = Value::Obj(obj);
    let Some(del) = crate::vm::attr::lookup_special(vm, &value, "__del__") else { return };
    if let Err(err) = vm.call(&del, Args::new(std::slice::from_ref(&value))) {
        let what = crate::builtins::object::default_repr(vm, &del);
        report_ignored(vm, &what, &err);
    }
}

/// CPython's "Exception ignored in: ..." report on stderr.
fn report_ignored(vm: &mut Vm, what: &str, err: &crate::vm::PyErr) {
    let text = crate::vm::errors::format_exception(vm, err);
    let msg = format!("Exception ignored in: {what}\n{text}");
    crate::flush_std(vm);
    let _ = std::io::Write::write_all(&mut *vm.interp.stderr.lock(), msg.as_bytes());
}

/// At exit, CPython releases the main module's globals, so the objects they hold are finalized
/// (their `__del__` runs, suspended generators close); we drop them in the dict's order, which is
/// what CPython's module teardown shows for ordinary objects. `__builtins__` stays.
pub fn clear_main_module(vm: &mut Vm) {
    let modules = vm.interp.modules.clone();
    let Some(Value::Obj(main)) = vm.dict_get_str_value(&modules, &Value::str("__main__")) else { return };
    let Payload::Module(m) = main.payload() else { return };
    let dict = m.dict.clone();
    let keys: Vec<Value> = match dict.payload() {
        Payload::Dict(d) => d.borrow(vm).keys(),
        _ => return,
    };
    for k in keys {
        if k.as_str().is_none_or(|name| name == "__builtins__") {
            continue;
        }
        vm.dict_set_str_value(&dict, k, Value::None);
        run_if_pending(vm);
    }
}
