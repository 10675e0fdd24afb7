//! The cycle collector.
//!
//! Reference counting (`Arc`) frees most garbage at once. Cycles (an object that refers to
//! itself through containers) are found with CPython's algorithm: for every tracked container,
//! start from its reference count, subtract the references other tracked containers hold to it;
//! what stays above zero is referenced from outside (a frame, a Rust local, another thread) and is
//! reachable, as is everything it reaches; the rest is cyclic garbage, whose contents are cleared
//! to break the cycles. No roots are scanned, so anything Rust code holds is a root for free.
//!
//! * Tracking: `ObjRef::new` records every payload that could take part in a cycle
//!   ([`needs_tracking`]) as a weak reference in a per-thread nursery (`nursery.rs`), which the
//!   thread's `Vm` moves into generation 0 at its periodic checks.
//! * Generations as in CPython (thresholds 700, 10, 10): generation 0 is collected when more than
//!   700 of its objects are alive, generation 1 every 10 collections of generation 0, and the
//!   oldest every 10 of generation 1 once that would examine 25% more objects than the last full
//!   collection kept (so the cost stays linear). References from older generations count as
//!   outside references when a younger one is collected.
//! * Collections run at a safe point: from the dispatch loop's periodic check, or `gc.collect()`,
//!   always with `&mut Vm`, so the GIL is held and no cell of this interpreter is borrowed.
//! * `__del__` (PEP 442): finalizers of unreachable instances run once, then the unreachable set
//!   is examined again and whatever a finalizer resurrected survives.
//!
//! `traverse.rs` says what each payload refers to, `collect.rs` runs a collection and
//! `module.rs` is the Python `gc` module.

mod collect;
pub mod module;
pub mod nursery;
mod traverse;

use std::any::{Any, TypeId};
use std::sync::Arc;

use crate::object::{ObjRef, WeakRef};
use crate::value::Value;
use crate::vm::Vm;

pub use traverse::{needs_tracking, Busy, NativeHooks};

pub const GENERATIONS: usize = 3;
/// Below this many entries an older generation's list is never pruned of dead entries.
const MIN_PRUNE_MARK: usize = 4096;

/// `gc.DEBUG_SAVEALL`: garbage is appended to `gc.garbage` instead of being freed.
pub const DEBUG_SAVEALL: i64 = 32;

#[derive(Clone, Copy, Default, Debug)]
pub struct GenerationStats {
    pub collections: usize,
    pub collected: usize,
    pub uncollectable: usize,
}

pub struct GcState {
    /// Tracked containers by generation, youngest first. Entries whose object has died are
    /// dropped lazily (see `prune_marks`).
    generations: [Vec<WeakRef>; GENERATIONS],
    /// `gc.freeze()`: never examined.
    permanent: Vec<WeakRef>,
    /// `gc.set_threshold` takes any int; 0 or less for generation 0 stops automatic collection.
    thresholds: [i64; GENERATIONS],
    /// Collections of the next younger generation since this one was last collected
    /// (`counts[0]` is unused: generation 0 counts its live objects).
    counts: [usize; GENERATIONS],
    /// Length of a generation's list at which its dead entries are dropped.
    prune_marks: [usize; GENERATIONS],
    /// Objects the last full collection kept, and those moved to the oldest generation since.
    long_lived_total: usize,
    long_lived_pending: usize,
    enabled: bool,
    collecting: bool,
    debug: i64,
    stats: [GenerationStats; GENERATIONS],
    native_hooks: Vec<(TypeId, Arc<NativeHooks>)>,
    /// `gc.garbage` and `gc.callbacks`, once the module exists.
    garbage: Option<ObjRef>,
    callbacks: Option<ObjRef>,
}

impl Default for GcState {
    fn default() -> Self {
        GcState {
            generations: Default::default(),
            permanent: Vec::new(),
            thresholds: [700, 10, 10],
            counts: [0; GENERATIONS],
            prune_marks: [700, MIN_PRUNE_MARK, MIN_PRUNE_MARK],
            long_lived_total: 0,
            long_lived_pending: 0,
            enabled: true,
            collecting: false,
            debug: 0,
            stats: Default::default(),
            native_hooks: Vec::new(),
            garbage: None,
            callbacks: None,
        }
    }
}

impl GcState {
    /// Drops dead entries of generation 0 and says whether it has outgrown its threshold.
    fn young_is_due(&mut self) -> bool {
        let young = &mut self.generations[0];
        if young.len() < self.prune_marks[0] {
            return false;
        }
        young.retain(WeakRef::is_alive);
        let live = young.len();
        let threshold = self.thresholds[0];
        if self.enabled && threshold > 0 && live as i64 > threshold {
            return true;
        }
        // Prune again after `threshold` more allocations, or after doubling when the collector
        // is off, so a generation that only grows costs amortised O(1) per object.
        let step = if self.enabled && threshold > 0 { threshold as usize } else { live.max(MIN_PRUNE_MARK) };
        self.prune_marks[0] = live + step;
        false
    }

    /// CPython's choice of generation: the oldest whose count exceeds its threshold.
    fn generation_due(&self) -> usize {
        for g in (1..GENERATIONS).rev() {
            if self.counts[g] as i64 > self.thresholds[g] {
                if g == GENERATIONS - 1 && self.long_lived_pending < self.long_lived_total / 4 {
                    continue;
                }
                return g;
            }
        }
        0
    }

    /// Adds survivors of a collection to generation `g`, dropping its dead entries when it has
    /// doubled since they were last dropped.
    fn promote(&mut self, g: usize, mut survivors: Vec<WeakRef>) {
        let list = &mut self.generations[g];
        list.append(&mut survivors);
        if g > 0 && list.len() >= self.prune_marks[g] {
            list.retain(WeakRef::is_alive);
            self.prune_marks[g] = (list.len() * 2).max(MIN_PRUNE_MARK);
        }
    }

    /// Live objects of generation `g` (dead entries dropped on the way).
    fn live_count(&mut self, g: usize) -> usize {
        self.generations[g].retain(WeakRef::is_alive);
        self.generations[g].len()
    }
}

/// Kept for callers written before tracking moved into `ObjRef::new`: every container is
/// tracked as it is made, so these only wrap.
#[inline]
pub fn track(_vm: &Vm, v: ObjRef) -> Value {
    Value::Obj(v)
}

#[inline]
pub fn track_obj(_vm: &Vm, v: ObjRef) -> ObjRef {
    v
}

/// Moves the containers this thread made into the interpreter's youngest generation (the
/// caller holds the GIL: it has a `Vm`).
pub fn flush_nursery(vm: &Vm) {
    if nursery::is_empty() {
        return;
    }
    nursery::drain_into(&mut vm.interp.gc.borrow_mut(vm).generations[0]);
}

/// The periodic check's part: take in new containers and collect when a generation is due.
pub fn periodic(vm: &mut Vm) {
    flush_nursery(vm);
    let due = {
        let mut st = vm.interp.gc.borrow_mut(vm);
        if st.collecting || !st.young_is_due() {
            return;
        }
        st.generation_due()
    };
    collect::run(vm, due, false);
}

/// A full collection (`gc.collect()`); returns the number of unreachable objects found.
pub fn collect(vm: &mut Vm) -> usize {
    collect::run(vm, GENERATIONS - 1, true)
}

/// Collects generations `0..=generation`.
pub fn collect_generation(vm: &mut Vm, generation: usize) -> usize {
    collect::run(vm, generation.min(GENERATIONS - 1), true)
}

/// A `Vm` starts on this thread: set aside what an outer `Vm` (of another interpreter) has not
/// taken in yet, or what was made with no `Vm` on the thread (which no interpreter may claim,
/// so it stays untracked). The result goes back through [`leave_vm`].
pub fn enter_vm() -> Vec<WeakRef> {
    let mut outer = nursery::take();
    outer.retain(WeakRef::is_alive);
    outer
}

/// A `Vm` ends: take in its last containers, give the outer `Vm` its own back.
pub fn leave_vm(vm: &Vm, outer: Vec<WeakRef>) {
    flush_nursery(vm);
    nursery::restore(outer);
}

/// Calls its third argument on every value a native object's data holds; `Err(Busy)` when a
/// cell it needs is borrowed (use `GilCell::try_borrow`).
pub type TraverseFn<T> = fn(&T, &Vm, &mut dyn FnMut(&Value)) -> Result<(), Busy>;
/// Moves every value a native object's data holds into the vector.
pub type ClearFn<T> = fn(&T, &Vm, &mut Vec<Value>);

/// Lets the collector see inside `Payload::Native` objects whose data is a `T`: `traverse`
/// calls its argument on every value the data holds, `clear` moves them out (into the vector)
/// so cycles through the object can be broken. Types that hold no Python values need nothing.
/// Registering a type again changes nothing, so a module may call this whenever it makes an
/// object (it costs a short scan).
pub fn register_native<T: Any + Send + Sync>(vm: &Vm, traverse: TraverseFn<T>, clear: ClearFn<T>) {
    let hooks = NativeHooks {
        traverse: Box::new(move |data, vm, visit| match data.downcast_ref::<T>() {
            Some(t) => traverse(t, vm, visit),
            None => Ok(()),
        }),
        clear: Box::new(move |data, vm, out| {
            if let Some(t) = data.downcast_ref::<T>() {
                clear(t, vm, out);
            }
        }),
    };
    let id = TypeId::of::<T>();
    let mut st = vm.interp.gc.borrow_mut(vm);
    if !st.native_hooks.iter().any(|(t, _)| *t == id) {
        st.native_hooks.push((id, Arc::new(hooks)));
    }
}
