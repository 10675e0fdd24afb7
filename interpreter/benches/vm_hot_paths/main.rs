//! Microbenchmarks of the VM's hot paths. Each case is a Python function `run()` that repeats one
//! operation (`cases.rs`), compiled and defined once, then called once per criterion iteration
//! with the GIL held. Times include the loop's own `for`/`range` overhead: compare a case with
//! `dispatch/for_range_empty` to see what the operation adds. The `gil` group (`gil.rs`) measures
//! the periodic check and a hand-off between two threads.
//!
//! One bench binary on purpose: each one links the whole interpreter with thin LTO, which is most
//! of what compiling it costs. `cargo bench -p gilpy-interpreter [-- FILTER]`; docs/performance.md
//! has the figures and what each group measures.

mod cases;
mod gil;
mod harness;

use criterion::{criterion_group, criterion_main, Criterion};
use gilpy_interpreter::Interpreter;

use harness::{bench_cases, config, Case};

fn vm_hot_paths(c: &mut Criterion) {
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
    name = benches;
    config = config();
    targets = vm_hot_paths, gil::check_interval, gil::handoff
}
criterion_main!(benches);
