//! Long-running programs must not grow without bound: a script makes reference cycles of every
//! common shape in a loop, and its peak RSS after many iterations must stay close to its peak
//! after a few. A control run with the collector disabled shows the loop really does leak
//! without it (so the bound means something).

use std::process::Command;

/// Makes `n` rounds of cyclic garbage: a self-referencing list, a dict containing itself, a
/// parent<->child instance pair, a closure referring to itself, an exception whose attributes
/// refer back to it (and whose traceback names the frame), a generator holding itself, and a
/// class with a method cell pointing at the class. Prints the peak and current RSS (kB).
const SCRIPT: &str = r#"
import gc, sys

def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1

class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

def make_closure():
    def f():
        return f
    return f

def make_exception():
    try:
        raise ValueError("cycle")
    except ValueError as e:
        err = e
    err.me = err
    err.frame_locals = [err]

def make_generator():
    def gen():
        me = yield
        yield me
    g = gen()
    next(g)
    g.send(g)

def make_class():
    class K:
        def method(self):
            return super().method()
    K.me = K

def churn(n):
    for i in range(n):
        a = [i]
        a.append(a)
        d = {"i": i}
        d["self"] = d
        Node(Node())
        make_closure()
        make_exception()
        make_generator()
        if i % 10 == 0:
            make_class()

if sys.argv[1] == "off":
    gc.disable()
warm, total = int(sys.argv[2]), int(sys.argv[3])
churn(warm)
before = status("VmHWM")
churn(total - warm)
print(before, status("VmHWM"), status("VmRSS"))
"#;

/// Runs the script; returns (peak RSS after the warm-up, peak RSS at the end) in kB.
fn peak_rss(mode: &str, warm: u32, total: u32) -> (i64, i64) {
    let out = Command::new(env!("CARGO_BIN_EXE_gilpy"))
        .args(["-c", SCRIPT, mode, &warm.to_string(), &total.to_string()])
        .output()
        .expect("run gilpy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "gilpy failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let fields: Vec<i64> = stdout.split_whitespace().map(|f| f.parse().expect("a number")).collect();
    assert_eq!(fields.len(), 3, "unexpected output: {stdout}");
    (fields[0], fields[1])
}

#[test]
fn cyclic_garbage_does_not_grow_the_heap() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // RSS is read from procfs
    }
    // 200,000 rounds make 1.4 million garbage cycles.
    let (after_warm_up, at_end) = peak_rss("on", 20_000, 200_000);
    let growth_mb = (at_end - after_warm_up) as f64 / 1024.0;
    assert!(growth_mb < 24.0, "peak RSS grew by {growth_mb:.1} MB ({after_warm_up} kB -> {at_end} kB)");
}

#[test]
fn without_the_collector_the_same_loop_leaks() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return;
    }
    let (after_warm_up, at_end) = peak_rss("off", 2_000, 20_000);
    let growth_mb = (at_end - after_warm_up) as f64 / 1024.0;
    assert!(growth_mb > 24.0, "expected a leak with gc disabled, peak RSS grew by only {growth_mb:.1} MB");
}
