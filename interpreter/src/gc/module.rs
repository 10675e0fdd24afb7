//! The Python `gc` module: `collect`, `enable`/`disable`/`isenabled`, counts, thresholds,
//! statistics, `freeze`, introspection (`get_objects`, `get_referents`, `get_referrers`,
//! `is_tracked`, `is_finalized`), `garbage` and `callbacks`.

use super::traverse::{self, Visitor};
use super::{flush_nursery, GENERATIONS};
use crate::object::{NativeFn, NativeFunction, ObjRef, Payload, WeakRef};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("collect", gc_collect),
    ("enable", gc_enable),
    ("disable", gc_disable),
    ("isenabled", gc_isenabled),
    ("get_count", gc_get_count),
    ("get_threshold", gc_get_threshold),
    ("set_threshold", gc_set_threshold),
    ("get_stats", gc_get_stats),
    ("get_debug", gc_get_debug),
    ("set_debug", gc_set_debug),
    ("get_objects", gc_get_objects),
    ("get_referents", gc_get_referents),
    ("get_referrers", gc_get_referrers),
    ("is_tracked", gc_is_tracked),
    ("is_finalized", gc_is_finalized),
    ("freeze", gc_freeze),
    ("unfreeze", gc_unfreeze),
    ("get_freeze_count", gc_get_freeze_count),
];

/// Makes the module (registered as a built-in module by the interpreter builder).
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("gc");
    let dict = vm.module_dict(&module).expect("module dict");
    for (name, func) in FUNCTIONS {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction { name, func: *func, bound: None, owner: None }));
        vm.dict_set_str_value(&dict, Value::str(name), Value::Obj(f));
    }
    let (garbage, callbacks) = {
        let existing = {
            let st = vm.interp.gc.borrow(vm);
            st.garbage.clone().zip(st.callbacks.clone())
        };
        match existing {
            Some(lists) => lists,
            None => {
                let garbage = vm.new_list(Vec::new()).as_obj().cloned().expect("list");
                let callbacks = vm.new_list(Vec::new()).as_obj().cloned().expect("list");
                let mut st = vm.interp.gc.borrow_mut(vm);
                st.garbage = Some(garbage.clone());
                st.callbacks = Some(callbacks.clone());
                (garbage, callbacks)
            }
        }
    };
    vm.dict_set_str_value(&dict, Value::str("garbage"), Value::Obj(garbage));
    vm.dict_set_str_value(&dict, Value::str("callbacks"), Value::Obj(callbacks));
    for (name, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", super::DEBUG_SAVEALL),
        ("DEBUG_LEAK", 38),
    ] {
        vm.dict_set_str_value(&dict, Value::str(name), Value::Int(v));
    }
    Ok(module)
}

/// `gc.name() takes no arguments (1 given)`.
fn no_args(vm: &Vm, name: &str, args: &Args<'_>) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("gc.{name}() takes no keyword arguments")));
    }
    if !args.items.is_empty() {
        return Err(vm.type_error(format!("gc.{name}() takes no arguments ({} given)", args.items.len())));
    }
    Ok(())
}

fn one_arg<'a>(vm: &Vm, name: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("gc.{name}() takes no keyword arguments")));
    }
    match args.items {
        [v] => Ok(v),
        _ => Err(vm.type_error(format!("gc.{name}() takes exactly one argument ({} given)", args.items.len()))),
    }
}

/// An optional `generation` argument, given by position or keyword.
fn generation_arg<'a>(vm: &Vm, name: &str, args: &Args<'a>) -> PyResult<Option<&'a Value>> {
    let n = args.items.len();
    if n > 1 {
        let what = if args.kwnames.len() > 1 { "keyword argument" } else { "argument" };
        return Err(vm.type_error(format!("{name}() takes at most 1 {what} ({n} given)")));
    }
    if let Some((k, _)) = args.keywords().find(|(k, _)| *k != "generation") {
        return Err(vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
    }
    Ok(args.get(0, "generation"))
}

fn gc_collect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let generation = match generation_arg(vm, "collect", &args)? {
        Some(g) => vm.to_index(g)?,
        None => GENERATIONS as i64 - 1,
    };
    if !(0..GENERATIONS as i64).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    Ok(Value::Int(super::collect_generation(vm, generation as usize) as i64))
}

fn gc_enable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "enable", &args)?;
    vm.interp.gc.borrow_mut(vm).enabled = true;
    Ok(Value::None)
}

fn gc_disable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "disable", &args)?;
    vm.interp.gc.borrow_mut(vm).enabled = false;
    Ok(Value::None)
}

fn gc_isenabled(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "isenabled", &args)?;
    Ok(Value::Bool(vm.interp.gc.borrow(vm).enabled))
}

fn gc_get_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "get_count", &args)?;
    flush_nursery(vm);
    let counts = {
        let mut st = vm.interp.gc.borrow_mut(vm);
        [st.live_count(0), st.counts[1], st.counts[2]]
    };
    Ok(vm.new_tuple(counts.iter().map(|&c| Value::Int(c as i64)).collect()))
}

fn gc_get_threshold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "get_threshold", &args)?;
    let t = vm.interp.gc.borrow(vm).thresholds;
    Ok(vm.new_tuple(t.iter().map(|&c| Value::Int(c)).collect()))
}

fn gc_set_threshold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("set_threshold() takes no keyword arguments"));
    }
    let n = args.items.len();
    if n == 0 {
        return Err(vm.type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if n > GENERATIONS {
        return Err(vm.type_error(format!("set_threshold() takes at most 3 arguments ({n} given)")));
    }
    let mut values = Vec::with_capacity(n);
    for v in args.items {
        values.push(c_long(vm, v)?);
    }
    let mut st = vm.interp.gc.borrow_mut(vm);
    for (g, t) in values.into_iter().enumerate() {
        st.thresholds[g] = t;
    }
    st.prune_marks[0] = st.prune_marks[0].min(st.thresholds[0].max(1) as usize + 1);
    Ok(Value::None)
}

/// An int argument that must fit a C long.
fn c_long(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.to_index(v) {
        Err(e) if vm.err_matches(&e, "OverflowError") => {
            Err(vm.overflow_error("Python int too large to convert to C long"))
        }
        r => r,
    }
}

fn gc_get_stats(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "get_stats", &args)?;
    let stats = vm.interp.gc.borrow(vm).stats;
    let mut out = Vec::with_capacity(GENERATIONS);
    for s in stats {
        let d = vm.new_dict();
        vm.dict_set_str_value(&d, Value::str("collections"), Value::Int(s.collections as i64));
        vm.dict_set_str_value(&d, Value::str("collected"), Value::Int(s.collected as i64));
        vm.dict_set_str_value(&d, Value::str("uncollectable"), Value::Int(s.uncollectable as i64));
        out.push(Value::Obj(d));
    }
    Ok(vm.new_list(out))
}

fn gc_get_debug(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "get_debug", &args)?;
    Ok(Value::Int(vm.interp.gc.borrow(vm).debug))
}

fn gc_set_debug(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let flags = one_arg(vm, "set_debug", &args)?;
    let flags = c_long(vm, flags)?;
    vm.interp.gc.borrow_mut(vm).debug = flags;
    Ok(Value::None)
}

/// Every live tracked object of generations `gens` (and of the permanent generation when
/// `permanent`).
fn tracked_objects(vm: &Vm, gens: std::ops::RangeInclusive<usize>, permanent: bool) -> Vec<ObjRef> {
    flush_nursery(vm);
    let st = vm.interp.gc.borrow(vm);
    let mut lists: Vec<&Vec<WeakRef>> = gens.map(|g| &st.generations[g]).collect();
    if permanent {
        lists.push(&st.permanent);
    }
    lists.into_iter().flat_map(|l| l.iter().filter_map(WeakRef::upgrade)).collect()
}

fn gc_get_objects(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let generation = match generation_arg(vm, "get_objects", &args)? {
        Some(g) if !g.is_none() => vm.to_index(g)?,
        _ => -1,
    };
    if generation >= GENERATIONS as i64 {
        return Err(vm.value_error(format!(
            "generation parameter must be less than the number of available generations ({GENERATIONS})"
        )));
    }
    let objs = if generation < 0 {
        tracked_objects(vm, 0..=GENERATIONS - 1, true)
    } else {
        let g = generation as usize;
        tracked_objects(vm, g..=g, false)
    };
    Ok(vm.new_list(objs.into_iter().map(Value::Obj).collect()))
}

/// Collects every value a payload refers to, inline ones (ints, floats) included.
struct Referents(Vec<Value>);

impl Visitor for Referents {
    fn obj(&mut self, o: &ObjRef) {
        self.0.push(Value::Obj(o.clone()));
    }

    fn value(&mut self, v: &Value) {
        if !matches!(v, Value::Undefined) {
            self.0.push(v.clone());
        }
    }
}

fn gc_get_referents(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("get_referents() takes no keyword arguments"));
    }
    let hooks = vm.interp.gc.borrow(vm).native_hooks.clone();
    let mut out = Referents(Vec::new());
    for v in args.items {
        // Like CPython, only objects the collector tracks report what they refer to.
        if let Value::Obj(o) = v {
            if traverse::needs_tracking(o.payload()) && traverse::traverse(vm, o, &hooks, &mut out).is_err() {
                return Err(vm.runtime_error("gc.get_referents: object is being modified"));
            }
        }
    }
    Ok(vm.new_list(out.0))
}

fn gc_get_referrers(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("get_referrers() takes no keyword arguments"));
    }
    let targets: Vec<usize> = args.items.iter().filter_map(|v| v.as_obj().map(ObjRef::addr)).collect();
    let hooks = vm.interp.gc.borrow(vm).native_hooks.clone();
    let mut found = Vec::new();
    for obj in tracked_objects(vm, 0..=GENERATIONS - 1, true) {
        let mut refers = false;
        let _ = traverse::traverse(vm, &obj, &hooks, &mut |child: &ObjRef| refers |= targets.contains(&child.addr()));
        if refers {
            found.push(Value::Obj(obj));
        }
    }
    Ok(vm.new_list(found))
}

fn gc_is_tracked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, "is_tracked", &args)?;
    Ok(Value::Bool(traverse::is_tracked(vm, v)))
}

fn gc_is_finalized(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, "is_finalized", &args)?;
    let Value::Obj(o) = v else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(o.gc_word() & super::collect::FINALIZED != 0))
}

fn gc_freeze(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "freeze", &args)?;
    flush_nursery(vm);
    let mut st = vm.interp.gc.borrow_mut(vm);
    for g in 0..GENERATIONS {
        let mut list = std::mem::take(&mut st.generations[g]);
        st.permanent.append(&mut list);
    }
    st.permanent.retain(WeakRef::is_alive);
    Ok(Value::None)
}

fn gc_unfreeze(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "unfreeze", &args)?;
    let mut st = vm.interp.gc.borrow_mut(vm);
    let frozen = std::mem::take(&mut st.permanent);
    st.promote(GENERATIONS - 1, frozen);
    Ok(Value::None)
}

fn gc_get_freeze_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, "get_freeze_count", &args)?;
    let mut st = vm.interp.gc.borrow_mut(vm);
    st.permanent.retain(WeakRef::is_alive);
    Ok(Value::Int(st.permanent.len() as i64))
}
