//! Microbenchmarks of the VM's hot paths. Each case is a Python function `run()` that repeats one
//! operation (`cases.rs`), compiled and defined once, then called once per criterion iteration
//! with the GIL held. Times include the loop's own `for`/`range` overhead: compare a case with
//! `dispatch/for_range_empty` to see what the operation adds. The `gil` group (`gil.rs`) measures
//! the periodic check and a hand-off between two threads. `GILPY_BENCH_CLOCK=cpu` times the
//! single-threaded cases with the thread's CPU time (`cpu_clock.rs`), steadier on a busy machine;
//! the hand-off is always timed by the wall clock.
//!
//! One bench binary on purpose: each one links the whole interpreter with thin LTO, which is most
//! of what compiling it costs. `cargo bench -p gilpy-interpreter [-- FILTER]`; docs/performance.md
//! has the figures and what each group measures.

mod cases;
mod cpu_clock;
mod gil;
mod harness;

use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, Criterion};
use gilpy_interpreter::Interpreter;

use cpu_clock::{Clock, ThreadCpuTime};
use harness::{bench_cases, tuned, Case};

/// The single-threaded cases, on the clock `GILPY_BENCH_CLOCK` asks for.
fn single_threaded() {
    match Clock::from_env() {
        Clock::Wall => run_single_threaded(&mut tuned(Criterion::default()).configure_from_args()),
        Clock::ThreadCpu => {
            let criterion = tuned(Criterion::default().with_measurement(ThreadCpuTime));
            run_single_threaded(&mut criterion.configure_from_args())
        }
    }
}

fn run_single_threaded<M: Measurement>(c: &mut Criterion<M>) {
    vm_hot_paths(c);
    gil::check_interval(c);
}

fn vm_hot_paths<M: Measurement>(c: &mut Criterion<M>) {
    // The smallest interpreter: builtins, `sys` and `gc`, no stdlib modules.
    let interp = Interpreter::builder().build();
    let groups: [(&str, &[Case]); 7] = [
        ("dispatch", cases::DISPATCH),
        ("calls", cases::CALLS),
        ("attributes", cases::ATTRIBUTES),
        ("globals", cases::GLOBALS),
        ("containers", cases::CONTAINERS),
        ("strings", cases::STRINGS),
        ("exceptions", cases::EXCEPTIONS),
    ];
    for (name, cases) in groups {
        let mut group = c.benchmark_group(name);
        bench_cases(&mut group, &interp, cases);
        group.finish();
    }
}

criterion_group! {
    name = two_threads;
    config = tuned(Criterion::default());
    targets = gil::handoff
}
criterion_main!(single_threaded, two_threads);
