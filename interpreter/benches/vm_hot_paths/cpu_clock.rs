//! A criterion measurement of the benchmarking thread's CPU time rather than wall time
//! (`GILPY_BENCH_CLOCK=cpu`). On a machine busy with builds, wall-clock figures double and swing
//! from run to run with the time the thread waits for a core; its CPU time barely moves. On an
//! idle machine the two agree for these single-threaded cases.

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};

/// Which clock the VM cases are timed with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Clock {
    Wall,
    ThreadCpu,
}

impl Clock {
    /// `GILPY_BENCH_CLOCK=cpu` asks for the thread's CPU time where the platform has it.
    pub fn from_env() -> Clock {
        let wants_cpu = std::env::var("GILPY_BENCH_CLOCK").is_ok_and(|v| v.eq_ignore_ascii_case("cpu"));
        if wants_cpu && cfg!(unix) {
            Clock::ThreadCpu
        } else {
            Clock::Wall
        }
    }
}

/// The calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`). Criterion starts and ends each
/// sample on the thread that runs the iterations, so the difference is that thread's work.
pub struct ThreadCpuTime;

/// Values are durations in nanoseconds, formatted as wall time's are.
static WALL_TIME: WallTime = WallTime;

#[cfg(unix)]
fn thread_cpu_now() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call, and
    // CLOCK_THREAD_CPUTIME_ID is a clock every supported unix provides.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn thread_cpu_now() -> Duration {
    unreachable!("Clock::from_env gives Clock::Wall off unix")
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL_TIME.formatter()
    }
}
