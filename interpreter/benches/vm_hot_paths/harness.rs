//! What every bench file shares: an interpreter with the builtins but no stdlib, Python source
//! compiled and run once to define a `run()` function, and a criterion group that calls that
//! function once per iteration with the GIL held throughout.

use std::sync::Arc;
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{BenchmarkGroup, Criterion, Throughput};
use gilpy_interpreter::compile::{compile_source, Mode};
use gilpy_interpreter::{handle_uncaught, Args, Interpreter, PyErr, Value, Vm};

/// One benchmark: `source` defines `run()`, whose body does the measured operation `ops` times
/// (criterion then reports the throughput in operations per second next to the time per call).
pub struct Case {
    pub name: &'static str,
    pub ops: u64,
    pub source: &'static str,
}

/// Criterion settings that keep the whole `cargo bench -p gilpy-interpreter` to a minute or two:
/// each case runs well under a millisecond, so 20 samples in one second are plenty.
pub fn tuned<M: Measurement>(criterion: Criterion<M>) -> Criterion<M> {
    criterion
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .without_plots()
}

/// Defines `run()` in a fresh namespace by running `source` once, and returns it.
/// Panics with the Python traceback if the source does not compile or raises.
pub fn define_run(vm: &mut Vm, name: &str, source: &str) -> Value {
    let filename = format!("<bench {name}>");
    let code = match compile_source(source, &filename, Mode::Exec) {
        Ok(code) => Arc::new(code),
        Err(e) => {
            let err = vm.syntax_error_from(&e, &filename);
            fail(vm, name, &err)
        }
    };
    let globals = vm.new_dict();
    vm.dict_set_str_value(&globals, Value::str("__name__"), Value::str("__bench__"));
    if let Err(err) = gilpy_interpreter::vm::eval::run_code_in(vm, code, globals.clone(), None) {
        fail(vm, name, &err);
    }
    match vm.dict_get_str_value(&globals, &Value::str("run")) {
        Some(run) => run,
        None => panic!("bench {name}: the source defines no run()"),
    }
}

/// Calls `run()`, panicking with the traceback if it raises.
#[inline]
pub fn call_run(vm: &mut Vm, name: &str, run: &Value) -> Value {
    match vm.call(run, Args::new(&[])) {
        Ok(v) => v,
        Err(err) => fail(vm, name, &err),
    }
}

fn fail(vm: &mut Vm, name: &str, err: &PyErr) -> ! {
    let (traceback, _) = handle_uncaught(vm, err);
    panic!("bench {name} raised:\n{traceback}")
}

/// Benchmarks every case in `group` on `interp`, holding its GIL for the whole group.
pub fn bench_cases<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, interp: &Interpreter, cases: &[Case]) {
    interp.with_vm(|vm| {
        for case in cases {
            let run = define_run(vm, case.name, case.source);
            group.throughput(Throughput::Elements(case.ops));
            group.bench_function(case.name, |b| b.iter(|| call_run(vm, case.name, &run)));
        }
    });
}
