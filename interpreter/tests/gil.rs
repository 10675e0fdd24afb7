//! The GIL on its own: FIFO hand-off, the releaser not grabbing the lock back, the check and
//! switch intervals, statistics and the timeline. (Deterministic scheduling is tested end to end
//! with scripts in the root package's `tests/gil.rs`.)

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use gilpy_interpreter::gil::{Gil, GilConfig};

fn gil_with(check_interval: u32, switch_interval: Duration) -> Arc<Gil> {
    Arc::new(Gil::new(GilConfig { check_interval, switch_interval, seed: None, trace: false }))
}

/// Waits (without the GIL) until `n` threads are queued for it.
fn wait_until_queued(gil: &Gil, n: usize) {
    let start = Instant::now();
    while gil.queued() < n {
        assert!(start.elapsed() < Duration::from_secs(10), "threads never queued");
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn waiters_get_the_lock_in_arrival_order() {
    let gil = gil_with(100, Duration::from_millis(5));
    gil.acquire();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for i in 0..6 {
        let (gil2, order2) = (gil.clone(), order.clone());
        handles.push(thread::spawn(move || {
            gil2.acquire();
            order2.lock().unwrap().push(i);
            gil2.release();
        }));
        wait_until_queued(&gil, i + 1);
    }
    gil.release();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn an_offer_hands_the_lock_over_and_the_releaser_waits_its_turn() {
    let gil = gil_with(100, Duration::from_millis(50));
    gil.acquire();
    let ran = Arc::new(AtomicBool::new(false));
    let (gil2, ran2) = (gil.clone(), ran.clone());
    let other = thread::spawn(move || {
        gil2.acquire();
        ran2.store(true, Ordering::SeqCst);
        gil2.release();
    });
    wait_until_queued(&gil, 1);
    // Past the minimum slice (a fiftieth of the switch interval), the periodic check sees the
    // waiter and hands over; when it returns we hold the lock again, and the other thread must
    // have run in between.
    thread::sleep(Duration::from_millis(2));
    gil.periodic_check();
    assert!(ran.load(Ordering::SeqCst), "the releaser grabbed the lock straight back");
    gil.release();
    other.join().unwrap();
    let report = gil.report();
    let main = &report.threads[0];
    let worker = &report.threads[1];
    assert_eq!(main.stats.switches, 1);
    assert_eq!(main.stats.acquisitions, 2);
    assert_eq!(worker.stats.acquisitions, 1);
    assert_eq!(worker.stats.contended, 1);
    assert!(worker.stats.wait_ns > 0);
    let idents: Vec<u64> = gil.timeline().iter().map(|s| s.ident).collect();
    assert_eq!(idents, vec![1, 2, 1]);
}

#[test]
fn with_nobody_waiting_a_check_only_reloads_the_countdown() {
    let gil = gil_with(3, Duration::from_millis(5));
    gil.acquire();
    for _ in 0..3 {
        assert!(!gil.tick());
    }
    assert!(gil.tick());
    gil.periodic_check();
    assert_eq!(gil.report().threads[0].stats.switches, 0);
    assert!(!gil.tick());
    gil.release();
    assert_eq!(gil.report().threads[0].stats.acquisitions, 1);
}

#[test]
fn a_waiter_asks_for_the_lock_after_one_switch_interval() {
    // A check interval so long it never comes due by itself.
    let gil = gil_with(u32::MAX, Duration::from_millis(2));
    gil.acquire();
    assert!(!gil.tick());
    let gil2 = gil.clone();
    let other = thread::spawn(move || {
        gil2.acquire();
        gil2.release();
    });
    wait_until_queued(&gil, 1);
    let start = Instant::now();
    while !gil.tick() {
        assert!(start.elapsed() < Duration::from_secs(10), "no drop request came");
        thread::sleep(Duration::from_millis(1));
    }
    gil.periodic_check();
    gil.release();
    other.join().unwrap();
    let report = gil.report();
    assert!(report.threads[1].stats.drop_requests >= 1);
    assert_eq!(report.threads[0].stats.switches, 1);
}

#[test]
fn statistics_count_held_and_blocked_time_and_reset() {
    let gil = gil_with(100, Duration::from_millis(5));
    gil.acquire();
    thread::sleep(Duration::from_millis(20));
    gil.release();
    thread::sleep(Duration::from_millis(20));
    gil.acquire();
    let report = gil.report();
    let me = &report.threads[0];
    assert_eq!(me.name, "MainThread");
    assert!(me.stats.held_ns >= 20_000_000, "{:?}", me.stats);
    assert!(me.stats.blocked_ns >= 20_000_000, "{:?}", me.stats);
    assert!(report.format_table().contains("MainThread"));
    gil.reset_stats();
    let after = gil.report();
    assert_eq!(after.threads[0].stats.acquisitions, 0);
    assert!(after.threads[0].stats.held_ns < 20_000_000);
    gil.release();
}

#[test]
fn many_threads_hammering_the_lock_never_overlap() {
    let gil = gil_with(1, Duration::from_micros(100));
    let inside = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (gil, inside) = (gil.clone(), inside.clone());
            thread::spawn(move || {
                for _ in 0..200 {
                    gil.acquire();
                    assert!(!inside.swap(true, Ordering::SeqCst), "two holders at once");
                    for _ in 0..5 {
                        if gil.tick() {
                            inside.store(false, Ordering::SeqCst);
                            gil.periodic_check();
                            assert!(!inside.swap(true, Ordering::SeqCst), "two holders at once");
                        }
                    }
                    inside.store(false, Ordering::SeqCst);
                    gil.release();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let total = gil.report().totals();
    assert_eq!(total.acquisitions - total.switches, 8 * 200);
}

/// Two busy threads checking every bytecode for `run_for`: how many hand-offs happen.
fn busy_pair_switches(switch_interval: Duration, run_for: Duration) -> u64 {
    let gil = gil_with(1, switch_interval);
    let start = Instant::now();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let gil = gil.clone();
            thread::spawn(move || {
                gil.acquire();
                while start.elapsed() < run_for {
                    if gil.tick() {
                        gil.periodic_check();
                    }
                }
                gil.release();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    gil.report().totals().switches
}

#[test]
fn busy_threads_take_turns_in_switch_interval_slices() {
    // Default-like: a switched-out thread asks again only after a switch interval.
    let slices = busy_pair_switches(Duration::from_millis(10), Duration::from_millis(200));
    assert!((2..=60).contains(&slices), "{slices} hand-offs in 200 ms with a 10 ms switch interval");
    // A tiny switch interval: the classic hand-off at every check.
    let classic = busy_pair_switches(Duration::from_nanos(1), Duration::from_millis(200));
    assert!(classic > 4 * slices, "{classic} hand-offs with a 1 ns switch interval vs {slices}");
}

#[test]
fn a_thread_back_from_a_blocking_call_asks_at_once() {
    // A long switch interval: only a fresh arrival can make the holder hand over at a check
    // (once the minimum slice, 10 ms here, has passed).
    let gil = gil_with(1, Duration::from_millis(500));
    gil.acquire();
    let gil2 = gil.clone();
    let other = thread::spawn(move || {
        gil2.acquire();
        gil2.release();
    });
    wait_until_queued(&gil, 1);
    assert!(gil.has_waiters());
    gil.periodic_check();
    assert_eq!(gil.report().threads[0].stats.switches, 0, "handed over before the minimum slice");
    thread::sleep(Duration::from_millis(15));
    gil.periodic_check();
    assert_eq!(gil.report().threads[0].stats.switches, 1);
    gil.release();
    other.join().unwrap();
}
