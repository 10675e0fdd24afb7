//! `gil`: gilpy's own module for looking at the global interpreter lock from a script.
//!
//! ```python
//! import gil
//! gil.reset()                  # zero the figures
//! ...                          # run some threads
//! print(gil.report())          # the table `gilpy --gil-stats` prints at exit
//! s = gil.stats()              # the same figures as a dict
//! for t in s["threads"]:
//!     print(t["name"], t["bytecodes"], t["held"], t["wait"], t["switches"])
//! for ident, name, start, end in gil.timeline():
//!     ...                      # who held the lock, when (seconds since start)
//! ```
//!
//! Times are in seconds (floats). Per thread: `ident`, `name`, `native_id`, `alive`, `bytecodes`
//! (run), `held` (time holding the lock), `wait` (time waiting for it), `max_wait`, `blocked`
//! (time with the lock released around blocking calls: sleep, I/O, lock waits, joins),
//! `acquisitions`, `contended` (acquisitions that had to wait), `switches` (times the thread
//! handed the lock over at a periodic check because another thread waited) and `drop_requests`
//! (times it asked the holder to let go after waiting a whole switch interval), and `blocked_in`,
//! the `blocked` time by call (`{"time.sleep": 0.5, "Thread.join": 1.2}`). `stats()` also
//! gives `elapsed`, `check_interval`, `switch_interval`, `seed` (deterministic mode, else None)
//! and `total`, the sums over threads.

use gilpy_interpreter::gil::{ThreadReport, ThreadStats};
use gilpy_interpreter::object::{NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

fn secs(ns: u64) -> Value {
    Value::Float(ns as f64 / 1e9)
}

fn stats_dict(vm: &mut Vm, thread: Option<&ThreadReport>, s: &ThreadStats) -> Value {
    let d = vm.new_dict();
    let set = |k: &str, v: Value| vm.dict_set_str_value(&d, Value::str(k), v);
    if let Some(t) = thread {
        set("ident", Value::Int(t.ident as i64));
        set("name", Value::string(t.name.clone()));
        set("native_id", Value::Int(t.native_id as i64));
        set("alive", Value::Bool(t.alive));
    }
    set("bytecodes", Value::Int(s.bytecodes as i64));
    set("held", secs(s.held_ns));
    set("wait", secs(s.wait_ns));
    set("max_wait", secs(s.max_wait_ns));
    set("blocked", secs(s.blocked_ns));
    set("acquisitions", Value::Int(s.acquisitions as i64));
    set("contended", Value::Int(s.contended as i64));
    set("switches", Value::Int(s.switches as i64));
    set("drop_requests", Value::Int(s.drop_requests as i64));
    let calls = vm.new_dict();
    for b in &s.blocked_calls {
        vm.dict_set_str_value(&calls, Value::str(b.call), secs(b.ns));
    }
    set("blocked_in", Value::Obj(calls));
    Value::Obj(d)
}

/// `gil.stats()`: every thread's figures and the totals, as a dict.
fn stats(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("stats", &args, 0, 0)?;
    let report = vm.interp.gil.report();
    let threads: Vec<Value> = report.threads.iter().map(|t| stats_dict(vm, Some(t), &t.stats)).collect();
    let threads = vm.new_list(threads);
    let total = stats_dict(vm, None, &report.totals());
    let d = vm.new_dict();
    vm.dict_set_str_value(&d, Value::str("elapsed"), secs(report.elapsed_ns));
    vm.dict_set_str_value(&d, Value::str("check_interval"), Value::Int(report.check_interval as i64));
    vm.dict_set_str_value(&d, Value::str("switch_interval"), Value::Float(report.switch_interval.as_secs_f64()));
    let seed = report.seed.map_or(Value::None, |s| Value::Int(s as i64));
    vm.dict_set_str_value(&d, Value::str("seed"), seed);
    vm.dict_set_str_value(&d, Value::str("threads"), threads);
    vm.dict_set_str_value(&d, Value::str("total"), total);
    Ok(Value::Obj(d))
}

/// `gil.thread_stats(ident=None)`: one thread's figures (default: the calling thread's).
fn thread_stats(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("thread_stats", &args, 0, 1)?;
    let ident = match args.positional().first() {
        Some(v) if !v.is_none() => vm.to_index(v)? as u64,
        _ => vm.thread_id as u64,
    };
    let report = vm.interp.gil.report();
    match report.threads.iter().find(|t| t.ident == ident) {
        Some(t) => Ok(stats_dict(vm, Some(t), &t.stats)),
        None => Err(vm.value_error(format!("no thread with ident {ident}"))),
    }
}

/// `gil.timeline()`: `(ident, name, start, end)` for each stretch a thread held the lock, oldest
/// first, in seconds since the interpreter started (the last few thousand are kept).
fn timeline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("timeline", &args, 0, 0)?;
    let report = vm.interp.gil.report();
    let slices = vm.interp.gil.timeline();
    let items = slices
        .iter()
        .map(|s| {
            let name = report.threads.iter().find(|t| t.ident == s.ident).map_or(String::new(), |t| t.name.clone());
            Value::tuple(vec![Value::Int(s.ident as i64), Value::string(name), secs(s.start_ns), secs(s.end_ns)])
        })
        .collect();
    Ok(vm.new_list(items))
}

/// `gil.report()`: the statistics as a printable table.
fn report(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("report", &args, 0, 0)?;
    Ok(Value::string(vm.interp.gil.report().format_table()))
}

/// `gil.reset()`: zeroes the figures and empties the timeline.
fn reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("reset", &args, 0, 0)?;
    vm.interp.gil.reset_stats();
    Ok(Value::None)
}

/// `gil.seed()`: the deterministic scheduling seed, or None.
fn seed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("seed", &args, 0, 0)?;
    Ok(vm.interp.gil.seed().map_or(Value::None, |s| Value::Int(s as i64)))
}

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("gil");
    let functions: &[(&'static str, NativeFn)] = &[
        ("stats", stats),
        ("thread_stats", thread_stats),
        ("timeline", timeline),
        ("report", report),
        ("reset", reset),
        ("seed", seed),
    ];
    crate::add_functions(vm, &module, functions);
    Ok(module)
}
