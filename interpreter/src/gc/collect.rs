//! One collection: find the unreachable objects of the examined generations, run their
//! finalizers, clear what is still unreachable afterwards, promote the survivors.

use std::any::Any;

use super::traverse::{self, Busy, Hooks};
use super::{flush_nursery, GENERATIONS, MIN_PRUNE_MARK};
use crate::object::{ObjRef, Payload, WeakRef};
use crate::value::Value;
use crate::vm::{Args, PyErr, Vm};

/// The layout of an object's `gc_word`. While a collection examines an object the word holds
/// its position among the candidates (+ 1, so 0 means "not a candidate"), its references not
/// yet accounted for by other candidates, and the reachable mark; `FINALIZED` outlives
/// collections. Only the collector of the one interpreter that tracks an object writes its
/// word, one collection at a time (`GcState::collecting`), so a non-zero slot always belongs
/// to the running collection; `Candidates` resets the words when it ends, even on unwinding.
mod word {
    pub const SLOT_MASK: u64 = 0xFFFF_FFFF;
    pub const REFS_SHIFT: u32 = 32;
    pub const REFS_ONE: u64 = 1 << REFS_SHIFT;
    /// Counts saturate here; such an object is simply taken as reachable.
    pub const REFS_MAX: u64 = (1 << 30) - 1;
    pub const REFS_MASK: u64 = REFS_MAX << REFS_SHIFT;
    pub const REACHABLE: u64 = 1 << 62;
    pub const FINALIZED: u64 = 1 << 63;

    #[inline]
    pub fn refs(w: u64) -> u64 {
        (w & REFS_MASK) >> REFS_SHIFT
    }
}

pub(super) use word::FINALIZED;

/// The objects a collection examines: strong references (so none dies under us) and their weak
/// references (to put back into a generation).
struct Candidates {
    objs: Vec<ObjRef>,
    weaks: Vec<WeakRef>,
}

impl Candidates {
    /// Takes strong references and records in each word the object's slot and its reference
    /// count (our own reference is not an outside one).
    fn new(entries: impl IntoIterator<Item = (WeakRef, Option<ObjRef>)>) -> Candidates {
        let mut c = Candidates { objs: Vec::new(), weaks: Vec::new() };
        for (weak, strong) in entries {
            if let Some(obj) = strong.or_else(|| weak.upgrade()) {
                if c.admit(obj) {
                    c.weaks.push(weak);
                }
            }
        }
        c
    }

    /// [`Candidates::new`] for a generation's list, reused in place (dead entries dropped).
    fn from_weaks(mut weaks: Vec<WeakRef>) -> Candidates {
        let mut c = Candidates { objs: Vec::with_capacity(weaks.len()), weaks: Vec::new() };
        weaks.retain(|w| w.upgrade().is_some_and(|obj| c.admit(obj)));
        c.weaks = weaks;
        c
    }

    fn admit(&mut self, obj: ObjRef) -> bool {
        let w = obj.gc_word();
        if w & word::SLOT_MASK != 0 || self.objs.len() >= word::SLOT_MASK as usize - 1 {
            return false; // listed twice (never expected), or more objects than slots
        }
        let refs = (obj.strong_count() as u64).saturating_sub(1);
        let state = if refs >= word::REFS_MAX { word::REACHABLE | word::REFS_MASK } else { refs << word::REFS_SHIFT };
        obj.set_gc_word((w & word::FINALIZED) | state | (self.objs.len() as u64 + 1));
        self.objs.push(obj);
        true
    }

    /// Marks the candidates reachable from outside the set. `Err` when a cell could not be read
    /// or a count would go negative (a traversal visiting a reference it does not own): then
    /// nothing may be freed.
    fn mark_reachable(&self, vm: &Vm, hooks: &Hooks) -> Result<(), Busy> {
        let mut broken = false;
        for o in &self.objs {
            traverse::traverse(vm, o, hooks, &mut |child: &ObjRef| {
                let w = child.gc_word();
                if w & word::SLOT_MASK != 0 && w & word::REACHABLE == 0 {
                    if word::refs(w) == 0 {
                        broken = true;
                    } else {
                        child.set_gc_word(w - word::REFS_ONE);
                    }
                }
            })?;
        }
        if broken {
            debug_assert!(false, "gc: a traversal visited more references than the object holds");
            return Err(Busy);
        }
        let mut work = Vec::new();
        for (i, o) in self.objs.iter().enumerate() {
            let w = o.gc_word();
            if w & word::REACHABLE != 0 || word::refs(w) > 0 {
                o.set_gc_word(w | word::REACHABLE);
                work.push(i);
            }
        }
        let n = self.objs.len();
        while let Some(i) = work.pop() {
            traverse::traverse(vm, &self.objs[i], hooks, &mut |child: &ObjRef| {
                let w = child.gc_word();
                let slot = (w & word::SLOT_MASK) as usize;
                if slot != 0 && w & word::REACHABLE == 0 {
                    if slot <= n {
                        child.set_gc_word(w | word::REACHABLE);
                        work.push(slot - 1);
                    } else {
                        broken = true;
                    }
                }
            })?;
        }
        if broken {
            return Err(Busy);
        }
        Ok(())
    }

    /// Ends the examination: splits into (reachable weak references, unreachable entries).
    /// The weak references of the survivors stay in place in their vector.
    fn split(mut self) -> (Vec<WeakRef>, Vec<(WeakRef, ObjRef)>) {
        let objs = std::mem::take(&mut self.objs);
        let mut survivors = std::mem::take(&mut self.weaks);
        let mut garbage = Vec::new();
        let mut kept = 0;
        for (i, obj) in objs.into_iter().enumerate() {
            let w = obj.gc_word();
            obj.set_gc_word(w & word::FINALIZED);
            if w & word::REACHABLE != 0 {
                survivors.swap(kept, i);
                kept += 1;
            } else {
                garbage.push((survivors[i].clone(), obj));
            }
        }
        survivors.truncate(kept);
        (survivors, garbage)
    }

    /// Ends the examination without a verdict.
    fn into_weaks(mut self) -> Vec<WeakRef> {
        self.reset_words();
        std::mem::take(&mut self.weaks)
    }

    fn reset_words(&mut self) {
        for o in &self.objs {
            o.set_gc_word(o.gc_word() & word::FINALIZED);
        }
    }
}

impl Drop for Candidates {
    fn drop(&mut self) {
        self.reset_words();
    }
}

/// Collects generations `0..=generation`; returns how many unreachable objects it found.
pub(super) fn run(vm: &mut Vm, generation: usize, _explicit: bool) -> usize {
    flush_nursery(vm);
    {
        let mut st = vm.interp.gc.borrow_mut(vm);
        if st.collecting {
            return 0;
        }
        st.collecting = true;
    }
    run_callbacks(vm, "start", generation, 0);
    flush_nursery(vm);
    let (entries, hooks) = {
        let mut st = vm.interp.gc.borrow_mut(vm);
        let mut entries = Vec::new();
        for g in 0..=generation {
            entries.append(&mut st.generations[g]);
        }
        (entries, st.native_hooks.clone())
    };
    let candidates = Candidates::from_weaks(entries);
    match candidates.mark_reachable(vm, &hooks) {
        Ok(()) => {}
        Err(Busy) => {
            let mut st = vm.interp.gc.borrow_mut(vm);
            st.promote(generation, candidates.into_weaks());
            st.collecting = false;
            return 0;
        }
    };
    let (mut survivors, garbage) = candidates.split();
    let found = garbage.len();
    let (garbage, resurrected) = finalize(vm, garbage, &hooks);
    survivors.extend(resurrected);
    let leftovers = dispose(vm, garbage, &hooks);
    finish(vm, generation, survivors, leftovers, found);
    run_callbacks(vm, "stop", generation, found);
    found
}

/// Runs the finalizer of every unreachable object not finalized before (PEP 442): an
/// instance's `__del__`, and `close()` of a suspended generator (so its `finally` blocks run),
/// then examines the set again: what a finalizer made reachable survives. Returns (still
/// garbage, resurrected).
fn finalize(vm: &mut Vm, garbage: Vec<(WeakRef, ObjRef)>, hooks: &Hooks) -> (Vec<(WeakRef, ObjRef)>, Vec<WeakRef>) {
    let mut pending = Vec::new();
    for (_, obj) in &garbage {
        if obj.gc_word() & FINALIZED != 0 || crate::vm::finalize::is_finalized(obj) {
            continue;
        }
        let finalizer = match obj.payload() {
            Payload::Instance(_) => {
                let class = vm.class_of_obj(obj);
                crate::vm::attr::lookup_mro(vm, &class, "__del__").map(Finalizer::Del)
            }
            Payload::Generator(state) => match state.try_borrow(vm) {
                Some(g) if g.started && !g.finished && !g.running && g.frame.is_some() => Some(Finalizer::Close),
                _ => None,
            },
            _ => None,
        };
        if let Some(f) = finalizer {
            obj.set_gc_word(obj.gc_word() | FINALIZED);
            crate::vm::finalize::mark_finalized(obj);
            pending.push((obj.clone(), f));
        }
    }
    if pending.is_empty() {
        return (garbage, Vec::new());
    }
    for (obj, finalizer) in pending {
        let obj = Value::Obj(obj);
        let (result, what) = match finalizer {
            Finalizer::Del(del) => (vm.call(&del, Args::new(std::slice::from_ref(&obj))), del),
            Finalizer::Close => (vm.call_method(&obj, "close", &[]), obj.clone()),
        };
        if let Err(err) = result {
            report_unraisable(vm, &what, &err);
        }
    }
    flush_nursery(vm);
    let again = Candidates::new(garbage.into_iter().map(|(w, o)| (w, Some(o))));
    match again.mark_reachable(vm, hooks) {
        Ok(()) => {
            let (resurrected, garbage) = again.split();
            (garbage, resurrected)
        }
        Err(Busy) => (Vec::new(), again.into_weaks()),
    }
}

enum Finalizer {
    /// The class's `__del__`, called with the object.
    Del(Value),
    /// A suspended generator: `close()` it.
    Close,
}

/// Breaks the cycles of the garbage by clearing every object's contents (or, under
/// `DEBUG_SAVEALL`, keeps it in `gc.garbage`). Returns the weak references of objects that are
/// still alive afterwards, to keep them tracked.
fn dispose(vm: &mut Vm, garbage: Vec<(WeakRef, ObjRef)>, hooks: &Hooks) -> Vec<WeakRef> {
    if garbage.is_empty() {
        return Vec::new();
    }
    let (save_all, saved) = {
        let st = vm.interp.gc.borrow(vm);
        (st.debug & super::DEBUG_SAVEALL != 0, st.garbage.clone())
    };
    let (weaks, objs): (Vec<WeakRef>, Vec<ObjRef>) = garbage.into_iter().unzip();
    if save_all {
        if let Some(Payload::List(list)) = saved.as_ref().map(ObjRef::payload) {
            list.borrow_mut(vm).extend(objs.into_iter().map(Value::Obj));
            return weaks;
        }
    }
    let mut dropped: Vec<Box<dyn Any>> = Vec::with_capacity(objs.len());
    for obj in &objs {
        traverse::clear(vm, obj, hooks, &mut dropped);
    }
    // Only now, with no cell borrowed, may the contents go (and with them the garbage).
    drop(dropped);
    drop(objs);
    weaks.into_iter().filter(WeakRef::is_alive).collect()
}

/// Promotes survivors and updates the counts and statistics.
fn finish(vm: &mut Vm, generation: usize, survivors: Vec<WeakRef>, leftovers: Vec<WeakRef>, found: usize) {
    let mut st = vm.interp.gc.borrow_mut(vm);
    let oldest = GENERATIONS - 1;
    let target = (generation + 1).min(oldest);
    let moved = survivors.len();
    st.promote(target, survivors);
    st.promote(oldest, leftovers);
    if generation + 1 < GENERATIONS {
        st.counts[generation + 1] += 1;
    }
    for g in 1..=generation {
        st.counts[g] = 0;
    }
    if generation + 1 == oldest {
        st.long_lived_pending += moved;
    } else if generation == oldest {
        st.long_lived_total = st.live_count(oldest);
        st.long_lived_pending = 0;
    }
    st.prune_marks[0] = if st.thresholds[0] > 0 { st.thresholds[0] as usize + 1 } else { MIN_PRUNE_MARK };
    st.stats[generation].collections += 1;
    st.stats[generation].collected += found;
    st.collecting = false;
}

/// `gc.callbacks`: each is called as `callback(phase, info)`.
fn run_callbacks(vm: &mut Vm, phase: &str, generation: usize, collected: usize) {
    let Some(list) = vm.interp.gc.borrow(vm).callbacks.clone() else { return };
    let callbacks: Vec<Value> = match list.payload() {
        Payload::List(items) => items.borrow(vm).clone(),
        _ => return,
    };
    if callbacks.is_empty() {
        return;
    }
    let info = vm.new_dict();
    vm.dict_set_str_value(&info, Value::str("generation"), Value::Int(generation as i64));
    vm.dict_set_str_value(&info, Value::str("collected"), Value::Int(collected as i64));
    vm.dict_set_str_value(&info, Value::str("uncollectable"), Value::Int(0));
    for cb in callbacks {
        if let Err(err) = vm.call(&cb, Args::new(&[Value::str(phase), Value::Obj(info.clone())])) {
            report_unraisable(vm, &cb, &err);
        }
    }
}

/// CPython's unraisable hook: "Exception ignored in: <what>" and the traceback, on stderr.
fn report_unraisable(vm: &mut Vm, what: &Value, err: &PyErr) {
    let what = vm.repr_of(what).unwrap_or_else(|_| "<object>".to_string());
    let text = format!("Exception ignored in: {what}\n{}", crate::vm::errors::format_exception(vm, err));
    crate::flush_std(vm);
    let sys = vm.interp.sys.borrow(vm).clone();
    let stderr = match sys {
        Some(sys) => crate::vm::attr::get_attr_opt(vm, &Value::Obj(sys), "stderr").ok().flatten(),
        None => None,
    };
    let written = match stderr {
        Some(s) if !s.is_none() => {
            vm.call_method(&s, "write", &[Value::string(text.clone())]).is_ok()
                && vm.call_method(&s, "flush", &[]).is_ok()
        }
        _ => false,
    };
    if !written {
        use std::io::Write;
        let _ = vm.interp.stderr.lock().write_all(text.as_bytes());
    }
}
