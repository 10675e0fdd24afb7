//! What each payload refers to (`traverse`, CPython's `tp_traverse`) and how it lets go of it
//! (`clear`, CPython's `tp_clear`).
//!
//! `traverse` must visit every strong reference a payload owns exactly once: visiting one it
//! does not own would let the collector free a live object. Visiting fewer only keeps garbage
//! alive. `clear` only needs to empty the mutable (`GilCell`) parts: an immutable field is set
//! when its object is made, so it points at an older object, and a cycle made of such fields
//! alone would need every object to be older than the next one. Clearing the cells of every
//! object of a garbage cycle therefore always breaks it.

use std::any::{Any, TypeId};
use std::sync::Arc;

use crate::object::{BaseState, Native, ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

/// A cell the collector needed was borrowed (an interpreter bug); the collection is abandoned,
/// since freeing anything without seeing every reference could free a live object.
#[derive(Debug, Clone, Copy)]
pub struct Busy;

/// What a traversal reports to. The collector only needs the objects; `gc.get_referents`
/// also wants the inline values (ints, floats).
pub trait Visitor {
    /// One strong reference the payload owns.
    fn obj(&mut self, o: &ObjRef);

    /// A value the payload holds.
    #[inline]
    fn value(&mut self, v: &Value) {
        if let Value::Obj(o) = v {
            self.obj(o);
        }
    }
}

impl<F: FnMut(&ObjRef)> Visitor for F {
    #[inline]
    fn obj(&mut self, o: &ObjRef) {
        self(o)
    }
}

type Visit<'a> = dyn Visitor + 'a;

/// Traversal and clearing of a `Payload::Native` type's data, registered by the module that
/// defines the type (see [`crate::gc::register_native`]).
pub struct NativeHooks {
    pub traverse: Box<NativeTraverse>,
    pub clear: Box<NativeClear>,
}

/// The data of a `Payload::Native`.
pub type NativeData = dyn Any + Send + Sync;
/// Calls its third argument on every value the data holds; `Err(Busy)` when it cannot see
/// them all (a cell it needs is borrowed).
pub type NativeTraverse = dyn Fn(&NativeData, &Vm, &mut dyn FnMut(&Value)) -> Result<(), Busy> + Send + Sync;
/// Moves the values the data holds into the vector.
pub type NativeClear = dyn Fn(&NativeData, &Vm, &mut Vec<Value>) + Send + Sync;

/// The registered native hooks, by the `TypeId` of the native data they handle.
pub type Hooks = [(TypeId, Arc<NativeHooks>)];

/// Could an object with this payload ever be part of a reference cycle? Mutable containers
/// always can; immutable ones only when they hold something that can.
#[inline]
pub fn needs_tracking(p: &Payload) -> bool {
    match p {
        Payload::Str(_)
        | Payload::BigInt(_)
        | Payload::Complex(..)
        | Payload::Bytes(_)
        | Payload::ByteArray(_)
        | Payload::Range(_)
        | Payload::Code(_) => false,
        Payload::Tuple(items) => items.iter().any(|v| value_may_cycle(v, 2)),
        Payload::FrozenSet(data) => data.iter().any(|v| value_may_cycle(v, 2)),
        Payload::Slice(parts) => parts.iter().any(|v| value_may_cycle(v, 2)),
        Payload::NativeFunction(f) => f.bound.as_ref().is_some_and(|v| value_may_cycle(v, 2)),
        _ => true,
    }
}

/// `gc.is_tracked`: as CPython reports it, a dict only once it holds something that could
/// take part in a cycle.
pub fn is_tracked(vm: &Vm, v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    match o.payload() {
        Payload::Dict(cell) => match cell.try_borrow(vm) {
            Some(d) => d.iter().any(|e| value_may_cycle(&e.key, 2) || value_may_cycle(&e.value, 2)),
            None => true,
        },
        p => needs_tracking(p),
    }
}

/// Could `v` reach a mutable object? Looks `depth` levels into immutable containers, then
/// assumes it could.
fn value_may_cycle(v: &Value, depth: u32) -> bool {
    let Value::Obj(o) = v else { return false };
    match o.payload() {
        Payload::Str(_)
        | Payload::BigInt(_)
        | Payload::Complex(..)
        | Payload::Bytes(_)
        | Payload::Range(_)
        | Payload::Code(_) => false,
        Payload::Tuple(items) if depth > 0 => items.iter().any(|v| value_may_cycle(v, depth - 1)),
        Payload::NativeFunction(f) if depth > 0 => f.bound.as_ref().is_some_and(|v| value_may_cycle(v, depth - 1)),
        _ => true,
    }
}

/// Visits every strong reference `obj`'s payload owns.
pub fn traverse(vm: &Vm, obj: &ObjRef, hooks: &Hooks, visit: &mut Visit<'_>) -> Result<(), Busy> {
    match obj.payload() {
        Payload::Str(_)
        | Payload::BigInt(_)
        | Payload::Complex(..)
        | Payload::Bytes(_)
        | Payload::ByteArray(_)
        | Payload::Range(_)
        | Payload::Code(_) => {}
        // Lists and tuples backwards, as CPython does (`gc.get_referents` shows the order).
        Payload::Tuple(items) => items.iter().rev().for_each(|v| visit.value(v)),
        Payload::Slice(parts) => parts.iter().for_each(|v| visit.value(v)),
        Payload::FrozenSet(data) => data.iter().for_each(|v| visit.value(v)),
        Payload::List(cell) => cell.try_borrow(vm).ok_or(Busy)?.iter().rev().for_each(|v| visit.value(v)),
        Payload::Set(cell) => cell.try_borrow(vm).ok_or(Busy)?.iter().for_each(|v| visit.value(v)),
        Payload::Dict(cell) => {
            for e in cell.try_borrow(vm).ok_or(Busy)?.iter() {
                visit.value(&e.key);
                visit.value(&e.value);
            }
        }
        Payload::Function(f) => {
            visit.obj(&f.globals);
            if let Some(defaults) = f.defaults.try_borrow(vm).ok_or(Busy)?.as_deref() {
                defaults.iter().for_each(|v| visit.value(v));
            }
            if let Some(kw) = f.kwdefaults.try_borrow(vm).ok_or(Busy)?.as_ref() {
                visit.obj(kw);
            }
            f.closure.iter().for_each(|o| visit.obj(o));
            visit.value(&*f.name.try_borrow(vm).ok_or(Busy)?);
            visit.value(&*f.qualname.try_borrow(vm).ok_or(Busy)?);
            if let Some(d) = f.dict.try_borrow(vm).ok_or(Busy)?.as_ref() {
                visit.obj(d);
            }
            visit.value(&f.module);
            visit.value(&*f.doc.try_borrow(vm).ok_or(Busy)?);
        }
        Payload::NativeFunction(f) => {
            if let Some(b) = &f.bound {
                visit.value(b);
            }
        }
        Payload::BoundMethod(m) => {
            visit.value(&m.func);
            visit.value(&m.receiver);
        }
        Payload::Cell(cell) => visit.value(&*cell.try_borrow(vm).ok_or(Busy)?),
        Payload::Class(c) => {
            visit.value(&*c.name.try_borrow(vm).ok_or(Busy)?);
            visit.value(&*c.qualname.try_borrow(vm).ok_or(Busy)?);
            c.bases.iter().for_each(|o| visit.obj(o));
            c.mro_tail.iter().for_each(|o| visit.obj(o));
            for e in c.dict.try_borrow(vm).ok_or(Busy)?.iter() {
                visit.value(&e.key);
                visit.value(&e.value);
            }
        }
        Payload::Instance(inst) => {
            visit.obj(&*inst.class.try_borrow(vm).ok_or(Busy)?);
            visit.obj(&inst.dict);
            match &inst.base {
                BaseState::None => {}
                BaseState::Builtin(v) => visit.value(v),
                BaseState::Exception(data) => {
                    let d = data.try_borrow(vm).ok_or(Busy)?;
                    visit.value(&d.args);
                    visit.value(&d.cause);
                    visit.value(&d.context);
                }
            }
        }
        Payload::Module(m) => {
            visit.value(&m.name);
            visit.obj(&m.dict);
        }
        Payload::Property(p) => {
            for v in [&p.fget, &p.fset, &p.fdel, &p.doc] {
                visit.value(v);
            }
        }
        Payload::StaticMethod(v) | Payload::ClassMethod(v) => visit.value(v),
        Payload::Super(a, b) => {
            visit.value(a);
            visit.value(b);
        }
        Payload::Generator(cell) => {
            let state = cell.try_borrow(vm).ok_or(Busy)?;
            visit.value(&state.name);
            visit.value(&state.qualname);
            if let Some(frame) = &state.frame {
                frame.for_each_value(&mut |v| visit.value(v));
            }
        }
        Payload::Iterator(cell) => cell.try_borrow(vm).ok_or(Busy)?.for_each_ref(&mut |v| visit.value(v)),
        Payload::DictView(d, _) => visit.obj(d),
        Payload::Native(n) => traverse_native(vm, n, hooks, visit)?,
    }
    Ok(())
}

fn traverse_native(vm: &Vm, n: &Native, hooks: &Hooks, visit: &mut Visit<'_>) -> Result<(), Busy> {
    visit.obj(&n.class);
    let data: &NativeData = &*n.data;
    match hooks.iter().find(|(t, _)| *t == Any::type_id(data)) {
        Some((_, h)) => (h.traverse)(data, vm, &mut |v| visit.value(v)),
        None => Ok(()),
    }
}

/// Empties every mutable part of `obj`, moving what it held into `dropped` (the caller drops
/// it once no cell is borrowed). A cell that is borrowed is left alone.
pub fn clear(vm: &Vm, obj: &ObjRef, hooks: &Hooks, dropped: &mut Vec<Box<dyn Any>>) {
    fn take<T: Default + 'static>(cell: &crate::object::GilCell<T>, vm: &Vm, dropped: &mut Vec<Box<dyn Any>>) {
        if let Some(mut b) = cell.try_borrow_mut(vm) {
            dropped.push(Box::new(std::mem::take(&mut *b)));
        }
    }
    fn replace(cell: &crate::object::GilCell<Value>, with: Value, vm: &Vm, dropped: &mut Vec<Box<dyn Any>>) {
        if let Some(mut b) = cell.try_borrow_mut(vm) {
            dropped.push(Box::new(std::mem::replace(&mut *b, with)));
        }
    }
    match obj.payload() {
        Payload::List(cell) => take(cell, vm, dropped),
        Payload::Dict(cell) => take(cell, vm, dropped),
        Payload::Set(cell) => take(cell, vm, dropped),
        Payload::Function(f) => {
            take(&f.defaults, vm, dropped);
            take(&f.kwdefaults, vm, dropped);
            take(&f.dict, vm, dropped);
            take(&f.doc, vm, dropped);
        }
        Payload::Cell(cell) => replace(cell, Value::Undefined, vm, dropped),
        Payload::Class(c) => {
            take(&c.dict, vm, dropped);
            take(&c.name, vm, dropped);
            take(&c.qualname, vm, dropped);
        }
        Payload::Instance(inst) => {
            if let BaseState::Exception(data) = &inst.base {
                if let Some(mut d) = data.try_borrow_mut(vm) {
                    let d = &mut *d;
                    for v in [&mut d.args, &mut d.cause, &mut d.context] {
                        dropped.push(Box::new(std::mem::take(v)));
                    }
                }
            }
        }
        Payload::Generator(cell) => {
            if let Some(mut state) = cell.try_borrow_mut(vm) {
                if !state.running {
                    state.finished = true;
                    dropped.push(Box::new(state.frame.take()));
                }
            }
        }
        Payload::Iterator(cell) => {
            if let Some(mut it) = cell.try_borrow_mut(vm) {
                let mut old =
                    crate::builtins::iterators::NativeIter::Exhausted(crate::builtins::iterators::iter_type_name(&it));
                std::mem::swap(&mut *it, &mut old);
                dropped.push(Box::new(old));
            }
        }
        Payload::Native(n) => {
            let data: &NativeData = &*n.data;
            if let Some((_, h)) = hooks.iter().find(|(t, _)| *t == Any::type_id(data)) {
                let mut values = Vec::new();
                (h.clear)(data, vm, &mut values);
                dropped.push(Box::new(values));
            }
        }
        // Immutable payloads: see the module docs.
        _ => {}
    }
}
