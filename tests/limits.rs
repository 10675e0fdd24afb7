//! Resource limits and interrupts through the embedding API: an [`InterruptHandle`] used from
//! another host thread stops a script whether it computes or is blocked (and wakes its blocked
//! threads too), and each limit (instructions, time, memory, recursion) stops a script with
//! `ResourceLimitExceeded` that `except Exception` cannot swallow.

use std::time::{Duration, Instant};

use gilpy_interpreter::{Interpreter, InterpreterBuilder, LimitKind, Limits};

/// Upper bound for a stop to take effect (generous: the machine is shared).
const PROMPT: Duration = Duration::from_secs(2);

fn interpreter(builder: InterpreterBuilder) -> Interpreter {
    gilpy_stdlib::install(builder).build()
}

/// Runs `source` as `__main__` on a new host thread, interrupts it from this thread after
/// `delay`, and returns (the run's result, seconds from the interrupt to the end of the run).
fn run_and_interrupt(interp: &Interpreter, source: &str, delay: Duration) -> (Result<(), (String, i32)>, Duration) {
    let runner = interp.clone();
    let source = source.to_string();
    let script = std::thread::spawn(move || runner.run_main("<script>", &source));
    std::thread::sleep(delay);
    let handle = interp.interrupt_handle();
    let interrupted = Instant::now();
    handle.interrupt();
    let result = script.join().expect("script thread");
    (result, interrupted.elapsed())
}

fn assert_keyboard_interrupt(source: &str, builder: InterpreterBuilder) {
    let interp = interpreter(builder);
    let (result, took) = run_and_interrupt(&interp, source, Duration::from_millis(300));
    let (traceback, status) = result.expect_err("the interrupt must end the script");
    assert!(traceback.ends_with("KeyboardInterrupt\n"), "{traceback}");
    assert!(traceback.starts_with("Traceback (most recent call last):\n"), "{traceback}");
    assert_eq!(status, 1);
    assert!(took < PROMPT, "took {took:?}");
    interp.shutdown();
}

#[test]
fn interrupt_stops_a_busy_loop() {
    assert_keyboard_interrupt("while True:\n    pass\n", Interpreter::builder());
}

#[test]
fn interrupt_wakes_sleep() {
    assert_keyboard_interrupt("import time\ntime.sleep(100)\n", Interpreter::builder());
}

#[test]
fn interrupt_wakes_acquire_of_a_held_lock() {
    assert_keyboard_interrupt(
        "import threading\nl = threading.Lock()\nl.acquire()\nl.acquire()\n",
        Interpreter::builder(),
    );
}

#[test]
fn interrupt_wakes_rlock_held_by_another_thread() {
    let source = "import threading, time\nl = threading.RLock()\n\
                  threading.Thread(target=l.acquire, daemon=True).start()\ntime.sleep(0.05)\nl.acquire()\n";
    assert_keyboard_interrupt(source, Interpreter::builder());
}

#[test]
fn interrupt_wakes_queue_get() {
    assert_keyboard_interrupt("import queue\nqueue.Queue().get()\n", Interpreter::builder());
}

#[test]
fn interrupt_wakes_simple_queue_get_and_full_put() {
    assert_keyboard_interrupt("import queue\nqueue.SimpleQueue().get()\n", Interpreter::builder());
    assert_keyboard_interrupt("import queue\nq = queue.Queue(1)\nq.put(1)\nq.put(2)\n", Interpreter::builder());
}

#[test]
fn interrupt_wakes_queue_join_and_waits_on_its_conditions() {
    assert_keyboard_interrupt("import queue\nq = queue.Queue()\nq.put(1)\nq.join()\n", Interpreter::builder());
    let source = "import queue\nq = queue.Queue()\nwith q.not_empty:\n    q.not_empty.wait()\n";
    assert_keyboard_interrupt(source, Interpreter::builder());
    // Held by a Python `with q.mutex:` elsewhere: the native get waits for the mutex itself.
    let source = "import queue\nq = queue.Queue()\nq.mutex.acquire()\nq.get()\n";
    assert_keyboard_interrupt(source, Interpreter::builder());
    let source = "import queue\nq = queue.Queue(1)\nq.put(1)\nq.put(2, timeout=1000)\n";
    assert_keyboard_interrupt(source, Interpreter::builder().gil_seed(5));
    assert_keyboard_interrupt("import queue\nqueue.SimpleQueue().get()\n", Interpreter::builder().gil_seed(5));
}

#[test]
fn interrupt_wakes_join_of_a_thread_that_sleeps_forever() {
    let source = "import threading, time\nt = threading.Thread(target=time.sleep, args=(1000,))\nt.start()\nt.join()\n";
    // The sleeping thread is not a daemon: shutdown can only finish because it was woken too.
    assert_keyboard_interrupt(source, Interpreter::builder());
}

#[test]
fn interrupt_wakes_event_and_condition_waits() {
    assert_keyboard_interrupt("import threading\nthreading.Event().wait()\n", Interpreter::builder());
    let source = "import threading\nc = threading.Condition()\nwith c:\n    c.wait()\n";
    assert_keyboard_interrupt(source, Interpreter::builder());
}

#[test]
fn interrupt_works_under_deterministic_scheduling() {
    let source = "import threading, time\nt = threading.Thread(target=time.sleep, args=(1000,))\nt.start()\nt.join()\n";
    assert_keyboard_interrupt(source, Interpreter::builder().gil_seed(7));
    assert_keyboard_interrupt("import threading\nthreading.Event().wait()\n", Interpreter::builder().gil_seed(7));
    assert_keyboard_interrupt("while True:\n    pass\n", Interpreter::builder().gil_seed(7));
}

/// Every script thread, blocked in any of the waits, gets its own KeyboardInterrupt; the main
/// thread catches its own and checks the others did.
const BLOCKED_THREADS: &str = r#"
import threading, queue, time
woken = []
held = threading.Lock(); held.acquire()
rheld = threading.RLock()
threading.Thread(target=rheld.acquire, daemon=True).start()
time.sleep(0.05)
def busy():
    while True:
        pass
def waiter(name, wait):
    try:
        wait()
    except KeyboardInterrupt:
        woken.append(name)
waits = {
    'sleep': lambda: time.sleep(1000),
    'lock': held.acquire,
    'rlock': rheld.acquire,
    'event': threading.Event().wait,
    'condition': lambda: [c.wait() for c in [threading.Condition()] if c.acquire()],
    'queue': queue.Queue().get,
    'simple': queue.SimpleQueue().get,
    'semaphore': threading.Semaphore(0).acquire,
    'busy': busy,
}
threads = [threading.Thread(target=waiter, args=item) for item in waits.items()]
for t in threads:
    t.start()
try:
    threads[0].join()
except KeyboardInterrupt:
    pass
for t in threads:
    t.join()
assert sorted(woken) == sorted(waits), woken
"#;

#[test]
fn interrupt_wakes_every_blocked_script_thread() {
    for builder in [Interpreter::builder(), Interpreter::builder().gil_seed(3)] {
        let interp = interpreter(builder);
        let (result, took) = run_and_interrupt(&interp, BLOCKED_THREADS, Duration::from_millis(500));
        assert_eq!(result, Ok(()));
        assert!(took < PROMPT, "took {took:?}");
        interp.shutdown();
    }
}

#[test]
fn interrupt_before_running_code_is_not_delivered_later() {
    let interp = interpreter(Interpreter::builder());
    interp.interrupt_handle().interrupt();
    assert_eq!(interp.run_main("<script>", "import time\ntime.sleep(0.01)\nx = sum(range(10000))\n"), Ok(()));
    interp.shutdown();
}

fn assert_limit(builder: InterpreterBuilder, source: &str, kind: LimitKind, message: &str) {
    let interp = interpreter(builder);
    let started = Instant::now();
    let (traceback, status) = interp.run_main("<script>", source).expect_err("the limit must end the script");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    assert!(traceback.contains(&format!("ResourceLimitExceeded: {message}")), "{traceback}");
    assert_eq!(status, 1);
    let exceeded = interp.limit_exceeded().expect("limit_exceeded() names the limit");
    assert_eq!(exceeded.kind, kind);
    assert!(exceeded.to_string().starts_with(message), "{exceeded}");
    let shutdown = Instant::now();
    interp.shutdown();
    assert!(shutdown.elapsed() < PROMPT, "shutdown took {:?}", shutdown.elapsed());
}

/// Catching everything does not help a script outlive its limits.
const STUBBORN: &str = r#"
while True:
    try:
        while True:
            pass
    except Exception:
        pass
    except BaseException:
        pass
"#;

#[test]
fn instruction_budget_stops_a_script_that_swallows_everything() {
    let limits = Limits { instructions: Some(200_000), ..Limits::default() };
    assert_limit(Interpreter::builder().limits(limits), STUBBORN, LimitKind::Instructions, "instruction budget");
}

#[test]
fn instruction_budget_counts_every_thread() {
    let source = "import threading\ndef spin():\n    while True:\n        pass\n\
                  for _ in range(3):\n    threading.Thread(target=spin).start()\nimport time\ntime.sleep(1000)\n";
    let limits = Limits { instructions: Some(500_000), ..Limits::default() };
    assert_limit(Interpreter::builder().limits(limits), source, LimitKind::Instructions, "instruction budget");
}

#[test]
fn instruction_budget_lets_a_small_script_finish() {
    let limits = Limits { instructions: Some(1_000_000), ..Limits::default() };
    let interp = interpreter(Interpreter::builder().limits(limits));
    assert_eq!(interp.run_main("<script>", "x = sum(i * i for i in range(1000))\n"), Ok(()));
    assert_eq!(interp.limit_exceeded(), None);
    interp.shutdown();
}

/// A duplex `Pipe` is a socket pair read with a blocking `read` that times out in slices; a
/// simplex one is a pipe polled in slices: both must notice the interrupt.
#[test]
fn interrupt_wakes_connection_recv_on_sockets_and_pipes() {
    assert_keyboard_interrupt("import multiprocessing as mp\na, b = mp.Pipe()\na.recv()\n", Interpreter::builder());
    assert_keyboard_interrupt(
        "import multiprocessing as mp\nr, w = mp.Pipe(duplex=False)\nr.recv()\n",
        Interpreter::builder(),
    );
}

#[test]
fn time_limit_stops_threads_blocked_in_connection_recv() {
    let source = "import threading, multiprocessing as mp\na, b = mp.Pipe()\nr, w = mp.Pipe(duplex=False)\n\
                  threading.Thread(target=r.recv_bytes).start()\nthreading.Thread(target=a.recv).start()\nb.recv()\n";
    let limits = Limits { time: Some(Duration::from_millis(300)), ..Limits::default() };
    assert_limit(Interpreter::builder().limits(limits), source, LimitKind::Time, "time limit of 0.3 s exceeded");
}

#[test]
fn time_limit_stops_busy_and_blocked_threads() {
    let source = "import threading, time\ndef spin():\n    while True:\n        pass\n\
                  threading.Thread(target=spin).start()\nthreading.Thread(target=time.sleep, args=(1000,)).start()\n\
                  time.sleep(1000)\n";
    let limits = Limits { time: Some(Duration::from_millis(300)), ..Limits::default() };
    let started = Instant::now();
    assert_limit(Interpreter::builder().limits(limits), source, LimitKind::Time, "time limit of 0.3 s exceeded");
    assert!(started.elapsed() < Duration::from_millis(300) + PROMPT);
}

#[test]
fn time_limit_stops_threads_blocked_in_queues() {
    let source = "import threading, queue\nfull = queue.Queue(1)\nfull.put(0)\n\
                  threading.Thread(target=full.put, args=(1,)).start()\n\
                  threading.Thread(target=queue.SimpleQueue().get).start()\n\
                  threading.Thread(target=full.join).start()\nqueue.LifoQueue().get()\n";
    let limits = Limits { time: Some(Duration::from_millis(300)), ..Limits::default() };
    assert_limit(Interpreter::builder().limits(limits), source, LimitKind::Time, "time limit of 0.3 s exceeded");
}

#[test]
fn time_limit_stops_a_script_that_swallows_everything() {
    let limits = Limits { time: Some(Duration::from_millis(200)), ..Limits::default() };
    assert_limit(Interpreter::builder().limits(limits), STUBBORN, LimitKind::Time, "time limit of 0.2 s exceeded");
}

#[test]
fn memory_limit_stops_a_growing_script() {
    let rss = gilpy_interpreter::limits::resident_set_bytes().expect("/proc/self/status");
    let limits = Limits { memory: Some(rss + 300 * 1024 * 1024), ..Limits::default() };
    let source = "hoard = []\nwhile True:\n    hoard.append(bytearray(1 << 20))\n";
    assert_limit(Interpreter::builder().limits(limits), source, LimitKind::Memory, "memory limit of");
}

#[test]
fn recursion_limit_is_a_builder_setting() {
    let limits = Limits { recursion: Some(60), ..Limits::default() };
    let interp = interpreter(Interpreter::builder().limits(limits));
    let source = "import sys\nassert sys.getrecursionlimit() == 60\ndef f(n):\n    return f(n + 1)\n\
                  try:\n    f(0)\nexcept RecursionError as e:\n    assert 'maximum recursion depth' in str(e)\n\
                  else:\n    raise AssertionError('no RecursionError')\n";
    assert_eq!(interp.run_main("<script>", source), Ok(()));
    interp.shutdown();
}

#[test]
fn set_limits_rearms_after_a_limit_was_exceeded() {
    let limits = Limits { instructions: Some(100_000), ..Limits::default() };
    let interp = interpreter(Interpreter::builder().limits(limits.clone()));
    assert!(interp.run_main("<script>", "while True:\n    pass\n").is_err());
    assert!(interp.limit_exceeded().is_some());
    interp.set_limits(&limits);
    assert_eq!(interp.limit_exceeded(), None);
    assert_eq!(interp.run_main("<script>", "x = [i for i in range(100)]\n"), Ok(()));
    interp.set_limits(&Limits::default());
    assert_eq!(interp.run_main("<script>", "x = [i for i in range(100000)]\n"), Ok(()));
    interp.shutdown();
}

#[test]
fn resource_limit_exceeded_is_not_a_builtin_name_nor_an_exception() {
    let interp = interpreter(Interpreter::builder());
    let source = "import builtins\nassert not hasattr(builtins, 'ResourceLimitExceeded')\n";
    assert_eq!(interp.run_main("<script>", source), Ok(()));
    interp.shutdown();
}

#[test]
fn interrupt_handle_is_send_sync_clone() {
    fn check<T: Send + Sync + Clone + 'static>() {}
    check::<gilpy_interpreter::InterruptHandle>();
}

#[test]
fn time_limit_works_under_deterministic_scheduling() {
    let source =
        "import threading, time\nthreading.Thread(target=time.sleep, args=(1000,)).start()\ntime.sleep(1000)\n";
    let limits = Limits { time: Some(Duration::from_millis(300)), ..Limits::default() };
    let builder = Interpreter::builder().gil_seed(11).limits(limits);
    assert_limit(builder, source, LimitKind::Time, "time limit of 0.3 s exceeded");
}
