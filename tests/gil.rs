//! The GIL seen from the command line: deterministic scheduling (`--gil-seed`) reproduces a race
//! exactly, `--gil-stats` prints the table, `--check-interval` reaches `sys`.

use std::process::{Command, Output};

fn gilpy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gilpy")).args(args).stdin(std::process::Stdio::null()).output().expect("run gilpy")
}

fn stdout_of(args: &[&str]) -> String {
    let out = gilpy(args);
    assert!(out.status.success(), "gilpy {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Four threads add 1 to a global 5000 times each without a lock.
const RACE: &str = "
import threading
counter = 0
def work():
    global counter
    for _ in range(5000):
        counter += 1
threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)
";

/// Threads interleave through a lock, sleeps, a bounded queue and an event; the log shows the
/// order they ran in.
const INTERLEAVING: &str = "
import threading, time, queue
log = []
lock = threading.Lock()
q = queue.Queue(maxsize=2)
go = threading.Event()
def worker(name):
    go.wait()
    for i in range(4):
        with lock:
            log.append(name)
        if i % 2:
            time.sleep(0.001)
        q.put(name)
def consumer():
    for _ in range(12):
        log.append(q.get().lower())
threads = [threading.Thread(target=worker, args=(n,)) for n in 'ABC']
threads.append(threading.Thread(target=consumer))
for t in threads: t.start()
go.set()
for t in threads: t.join()
print(''.join(log))
";

#[test]
fn the_same_seed_gives_the_same_run() {
    for script in [RACE, INTERLEAVING] {
        let first = stdout_of(&["--gil-seed", "12345", "-c", script]);
        for _ in 0..2 {
            assert_eq!(stdout_of(&["--gil-seed", "12345", "-c", script]), first);
        }
    }
}

#[test]
fn a_seeded_race_loses_updates_and_different_seeds_interleave_differently() {
    let results: Vec<i64> =
        (1..=4).map(|seed| stdout_of(&["--gil-seed", &seed.to_string(), "-c", RACE]).trim().parse().unwrap()).collect();
    assert!(results.iter().all(|&n| n <= 20000), "{results:?}");
    assert!(results.iter().any(|&n| n < 20000), "no seed lost an update: {results:?}");
    let orders: std::collections::BTreeSet<String> =
        (1..=4).map(|seed| stdout_of(&["--gil-seed", &seed.to_string(), "-c", INTERLEAVING])).collect();
    assert!(orders.len() > 1, "every seed gave the same interleaving");
}

#[test]
fn a_locked_counter_is_exact_under_any_seed() {
    let script = "
import threading
counter = 0
lock = threading.Lock()
def work():
    global counter
    for _ in range(500):
        with lock:
            counter += 1
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)
";
    for seed in ["1", "2", "3"] {
        assert_eq!(stdout_of(&["--gil-seed", seed, "-c", script]).trim(), "4000");
    }
    assert_eq!(stdout_of(&["--check-interval", "1", "-c", script]).trim(), "4000");
}

#[test]
fn gil_stats_prints_a_row_per_thread() {
    let out = gilpy(&[
        "--gil-stats",
        "-c",
        "import threading\nt = threading.Thread(target=sum, args=(range(1000),))\nt.start()\nt.join()",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("GIL statistics"), "{err}");
    assert!(err.contains("MainThread") && err.contains("Thread-1 (sum)") && err.contains("total"), "{err}");
}

#[test]
fn check_interval_and_seed_reach_the_script() {
    let out = stdout_of(&[
        "--check-interval",
        "7",
        "--gil-seed=99",
        "-c",
        "import sys, gil\nprint(sys.getcheckinterval(), gil.seed())",
    ]);
    assert_eq!(out, "7 99\n");
    assert_eq!(stdout_of(&["-c", "import gil\nprint(gil.seed())"]), "None\n");
    let bad = gilpy(&["--check-interval", "zero", "-c", "pass"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn threads_importing_one_module_wait_for_its_body_to_finish() {
    let dir = std::env::temp_dir().join(format!("gilpy-import-race-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("slowmod.py"), "import time\nfirst = 1\ntime.sleep(0.05)\nsecond = 2\n").unwrap();
    let script = "
import threading
out = []
def use():
    import slowmod
    out.append(slowmod.first + slowmod.second)
threads = [threading.Thread(target=use) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(out)
";
    std::fs::write(dir.join("main.py"), script).unwrap();
    let main = dir.join("main.py");
    let out = stdout_of(&[main.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out, "[3, 3, 3, 3]\n");
}

#[test]
fn is_alive_keeps_working_for_old_tutorials() {
    let out = stdout_of(&["-c", "import threading\nt = threading.Thread(target=len, args=('',))\nprint(t.isAlive())\nt.start()\nt.join()\nprint(t.isAlive())"]);
    assert_eq!(out, "False\nFalse\n");
}

/// The thread id a Chrome trace gives the thread named `name`.
fn tid_of(json: &str, name: &str) -> String {
    let meta = json.lines().find(|l| l.contains("\"thread_name\"") && l.contains(&format!("{{\"name\":\"{name}\"}}")));
    let meta = meta.unwrap_or_else(|| panic!("no thread named {name} in {json}"));
    let tid = &meta[meta.find("\"tid\":").expect("a tid") + 6..];
    tid[..tid.find(',').expect("a comma after the tid")].to_string()
}

#[test]
fn gil_trace_writes_chrome_json_and_an_html_page_naming_blocking_calls() {
    let dir = std::env::temp_dir().join(format!("gilpy-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = "import threading, time\nt = threading.Thread(target=time.sleep, args=(0.1,), name='napper')\nt.start()\nt.join()";
    let json = dir.join("trace.json");
    let html = dir.join("trace.html");
    stdout_of(&["--gil-trace", json.to_str().unwrap(), "-c", script]);
    stdout_of(&["--gil-trace", html.to_str().unwrap(), "-c", script]);
    let json = std::fs::read_to_string(json).unwrap();
    let html = std::fs::read_to_string(html).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(json.starts_with("{\"displayTimeUnit\"") && json.contains("\"traceEvents\""), "{json}");
    assert!(json.contains("\"name\":\"napper\"") && json.contains("\"name\":\"MainThread\""), "{json}");
    assert!(json.contains("\"name\":\"running\""), "{json}");
    // Blocked slices are named by the call that blocked, on the thread that made it.
    let slice = |call: &str, thread: &str| {
        format!("\"name\":\"{call}\",\"cat\":\"gil\",\"ph\":\"X\",\"pid\":1,\"tid\":{},", tid_of(&json, thread))
    };
    assert!(json.contains(&slice("time.sleep", "napper")), "{json}");
    assert!(json.contains(&slice("Thread.join", "MainThread")), "{json}");
    assert!(!json.contains(&slice("time.sleep", "MainThread")) && !json.contains(&slice("Thread.join", "napper")));
    assert!(json.contains("\"args\":{\"state\":\"blocked (GIL released)\"}"), "{json}");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("napper"), "{html}");
    // 100 ms of sleep is wide enough (hundreds of pixels) for a tooltip and a label naming it.
    for call in ["time.sleep", "Thread.join"] {
        assert!(html.contains(&format!("blocked in {call} (GIL released): ")), "{html}");
        assert!(html.contains(&format!(">{call}</text>")), "{html}");
    }
}

/// A consumer blocks in Queue.get, Event.wait and Lock.acquire while the main thread sleeps
/// between releasing them; both threads' blocked time is broken down by call.
#[test]
fn blocked_time_is_broken_down_by_call() {
    let script = r#"
import gil, threading, time, queue
q = queue.Queue()
ev = threading.Event()
lock = threading.Lock()
def consumer():
    q.get()
    ev.wait()
    with lock:
        pass
lock.acquire()
t = threading.Thread(target=consumer, name="consumer")
t.start()
time.sleep(0.05); q.put(1)
time.sleep(0.05); ev.set()
time.sleep(0.05); lock.release()
t.join()
c = gil.thread_stats(t.ident)["blocked_in"]
print(all(c.get(call, 0) > 0.02 for call in ["Queue.get", "Event.wait", "Lock.acquire"]), "time.sleep" in c)
me = gil.thread_stats()
print(me["blocked_in"]["time.sleep"] >= 0.15, "Thread.join" in me["blocked_in"], "Queue.get" in me["blocked_in"])
print(abs(sum(me["blocked_in"].values()) - me["blocked"]) < 1e-6)
"#;
    let out = gilpy(&["--gil-stats", "-c", script]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "True False\nTrue True False\nTrue\n");
    let err = String::from_utf8_lossy(&out.stderr);
    let row = |thread: &str, call: &str| {
        err.lines().any(|l| l.starts_with(thread) && l.split_whitespace().any(|w| w == call))
    };
    assert!(err.contains("blocked in"), "{err}");
    assert!(row("consumer", "Queue.get") && row("consumer", "Event.wait") && row("MainThread", "time.sleep"), "{err}");
    assert!(row("MainThread", "Thread.join") && !row("consumer", "time.sleep"), "{err}");
}

/// Under deterministic scheduling, waits run inside the scheduler and are still named.
#[test]
fn blocked_calls_are_named_under_a_seed_too() {
    let script = "import gil, threading, time\nt = threading.Thread(target=time.sleep, args=(0.01,))\nt.start()\nt.join()\nprint(sorted(k for k in gil.thread_stats(t.ident)['blocked_in']), 'Thread.join' in gil.thread_stats()['blocked_in'])";
    assert_eq!(stdout_of(&["--gil-seed", "7", "-c", script]), "['time.sleep'] True\n");
}

/// The native queue's waits carry the names of the calls blocked in them.
#[test]
fn queue_waits_are_named_by_their_call() {
    let script = r#"
import gil, threading, time, queue
q = queue.Queue(1); q.put(0)
s = queue.SimpleQueue()
threads = [threading.Thread(target=f) for f in (lambda: q.put(1), s.get, q.join)]
for t in threads: t.start()
time.sleep(0.2)
q.get(); s.put(1)
time.sleep(0.2)
q.get(); q.task_done(); q.task_done()
for t in threads: t.join()
# (threading's own locks may show too, when a thread starts while another does)
print([sorted(k for k in gil.thread_stats(t.ident)["blocked_in"] if "Queue" in k) for t in threads])
"#;
    assert_eq!(stdout_of(&["-c", script]), "[['Queue.put'], ['SimpleQueue.get'], ['Queue.join']]\n");
}

#[test]
fn lock_for_knows_its_call_names() {
    let script = "import _thread\nprint(_thread._lock_for('Queue.get').acquire())\ntry:\n    _thread._lock_for('nope')\nexcept ValueError as e:\n    print(e)";
    assert_eq!(stdout_of(&["-c", script]), "True\nunknown blocking call name \"nope\"\n");
}

#[test]
fn the_gil_module_reports_threads_timeline_and_resets() {
    let script = r#"
import gil, threading, time
gil.reset()
def spin():
    n = 0
    for _ in range(20000):
        n += 1
workers = [threading.Thread(target=spin, name="spinner-%d" % i) for i in range(2)]
for t in workers: t.start()
for t in workers: t.join()
time.sleep(0.01)
s = gil.stats()
names = [t["name"] for t in s["threads"]]
print("MainThread" in names, "spinner-0" in names, "spinner-1" in names)
spinners = [t for t in s["threads"] if t["name"].startswith("spinner")]
print(all(t["bytecodes"] > 20000 and t["held"] > 0 and not t["alive"] for t in spinners))
me = gil.thread_stats()
print(me["name"], me["alive"], me["blocked"] >= 0.01, me["ident"] == threading.get_ident())
print(s["total"]["bytecodes"] == sum(t["bytecodes"] for t in s["threads"]))
print(s["check_interval"], s["switch_interval"], s["seed"])
tl = gil.timeline()
print(len(tl) > 0, all(a <= b for _, _, a, b in tl), {name for _, name, _, _ in tl} >= {"spinner-0", "spinner-1"})
print(all(tl[i][2] >= tl[i - 1][2] for i in range(1, len(tl))))
print("total" in gil.report() and "spinner-1" in gil.report())
gil.reset()
print(gil.thread_stats()["acquisitions"], len(gil.timeline()) <= 1)
try:
    gil.thread_stats(99999)
except ValueError as e:
    print("ValueError:", e)
"#;
    let out = stdout_of(&["-c", script]);
    assert_eq!(
        out,
        "True True True\nTrue\nMainThread True True True\nTrue\n100 0.005 None\nTrue True True\nTrue\nTrue\n0 True\nValueError: no thread with ident 99999\n"
    );
}
