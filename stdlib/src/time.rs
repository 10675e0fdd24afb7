//! `time` (minimal, for the threading work: the full module is written separately): `sleep`,
//! which releases the GIL (or, under deterministic scheduling, sleeps on the scheduler's virtual
//! clock), and the clocks.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gilpy_interpreter::object::{NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

fn sleep(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("sleep", &args, 1, 1)?;
    let secs = vm.to_f64(&args.items[0])?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 9223372036.0 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    vm.sleep(Duration::from_secs_f64(secs));
    Ok(Value::None)
}

fn time(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(Value::Float(now.as_secs_f64()))
}

fn monotonic(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(crate::thread::monotonic_seconds()))
}

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("time");
    let functions: &[(&'static str, NativeFn)] =
        &[("sleep", sleep), ("time", time), ("monotonic", monotonic), ("perf_counter", monotonic)];
    crate::add_functions(vm, &module, functions);
    Ok(module)
}
