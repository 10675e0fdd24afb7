//! What the GIL costs a running thread: the periodic check every `check_interval` bytecodes
//! (the same loop on interpreters built with intervals of 1, 100 and practically never), and one
//! hand-off of the lock between two OS threads.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use criterion::measurement::Measurement;
use criterion::Criterion;
use gilpy_interpreter::gil::{Gil, GilConfig};
use gilpy_interpreter::Interpreter;

use crate::harness::{bench_cases, Case};

const LOOP: &str = "
def run():
    x = 0
    for i in range(1000):
        x = x + i
    return x
";

/// The int loop of `dispatch/int_add_for_range` with the periodic check every bytecode, every
/// 100 (the default) and never (within the run).
pub fn check_interval<M: Measurement>(c: &mut Criterion<M>) {
    let mut group = c.benchmark_group("gil");
    for (name, interval) in [("check_interval_1", 1), ("check_interval_100", 100), ("check_interval_max", u32::MAX)] {
        let interp = Interpreter::builder().check_interval(interval).build();
        bench_cases(&mut group, &interp, &[Case { name, ops: 1000, source: LOOP }]);
    }
    group.finish();
}

/// Waits (holding the GIL) until the other thread is queued for it, so the next release is a
/// hand-off rather than leaving the lock free. Yields rather than spins: on a busy 2-core machine
/// the other thread may need this core to get to its `acquire`.
fn wait_for_waiter(gil: &Gil) {
    while !gil.has_waiters() {
        thread::yield_now();
    }
}

/// One iteration is a round trip: this thread hands the lock to a queued partner thread, queues
/// for it, and gets it back when the partner hands it over in turn. Two hand-offs, each a wake-up
/// of a parked thread.
pub fn handoff(c: &mut Criterion) {
    let config = GilConfig { check_interval: 100, switch_interval: Duration::from_millis(5), seed: None, trace: false };
    let gil = Arc::new(Gil::new(config));
    let mut group = c.benchmark_group("gil");
    group.bench_function("handoff_round_trip", |b| {
        b.iter_custom(|iters| {
            gil.acquire();
            let partner_gil = gil.clone();
            let partner = thread::spawn(move || {
                for _ in 0..iters {
                    partner_gil.acquire();
                    wait_for_waiter(&partner_gil);
                    partner_gil.release();
                }
            });
            wait_for_waiter(&gil);
            let start = Instant::now();
            for i in 0..iters {
                gil.release();
                gil.acquire();
                if i + 1 < iters {
                    wait_for_waiter(&gil);
                }
            }
            let elapsed = start.elapsed();
            gil.release();
            partner.join().expect("the partner thread panicked");
            elapsed
        })
    });
    group.finish();
}
