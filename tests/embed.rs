//! The embedding API (`gilpy::Engine`), one test per capability, plus a test that runs every
//! Rust example binary.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gilpy::{allow_threads, BigInt, Bytes, CallArgs, Class, Engine, Error, Host, Module, Output, PyObject, Stdlib};

fn quiet() -> Engine {
    Engine::builder().stdout(Output::Buffer).stderr(Output::Buffer).build()
}

// ----- running code -----

#[test]
fn exec_eval_and_namespace_persist() {
    let engine = quiet();
    engine.exec("x = 20").unwrap();
    engine.exec("y = x + 1").unwrap();
    assert_eq!(engine.eval::<i64>("x + y").unwrap(), 41);
    assert_eq!(engine.global::<i64>("y").unwrap(), 21);
    assert_eq!(engine.global::<i64>("nope").unwrap_err().type_name(), "NameError");
}

#[test]
fn exec_file_shows_source_lines_in_tracebacks() {
    let dir = std::env::temp_dir().join(format!("gilpy-embed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("script.py");
    std::fs::write(&path, "def f():\n    raise KeyError('k')\nf()\n").unwrap();
    let err = quiet().exec_file(&path).unwrap_err();
    assert_eq!(err.type_name(), "KeyError");
    assert!(err.traceback().contains("    raise KeyError('k')"), "{err}");
    let missing = quiet().exec_file(dir.join("missing.py")).unwrap_err();
    assert_eq!(missing.type_name(), "FileNotFoundError");
}

#[test]
fn compile_once_run_many() {
    let engine = quiet();
    let program = engine.compile("n * n").unwrap();
    assert!(program.is_expression());
    let squares: Vec<i64> = (0..5)
        .map(|n| {
            engine.set_global("n", n).unwrap();
            engine.run(&program).unwrap()
        })
        .collect();
    assert_eq!(squares, [0, 1, 4, 9, 16]);
    let statements = engine.compile("total = 0\nfor i in range(4):\n    total += i").unwrap();
    assert!(!statements.is_expression());
    engine.run::<()>(&statements).unwrap();
    assert_eq!(engine.global::<i64>("total").unwrap(), 6);
    // The same program in another engine.
    let other = quiet();
    other.set_global("n", 7).unwrap();
    assert_eq!(other.run::<i64>(&program).unwrap(), 49);
}

#[test]
fn scopes_are_separate_namespaces() {
    let engine = quiet();
    let scope = engine.new_scope().unwrap();
    scope.set("limit", 3).unwrap();
    engine.exec_in(&scope, "items = list(range(limit))").unwrap();
    assert_eq!(scope.get::<Vec<i64>>("items").unwrap(), [0, 1, 2]);
    let program = engine.compile("len(items)").unwrap();
    assert_eq!(engine.run_in::<usize>(&scope, &program).unwrap(), 3);
    assert_eq!(engine.eval::<usize>("len(items)").unwrap_err().type_name(), "NameError");
    assert_eq!(scope.get::<i64>("missing").unwrap_err().type_name(), "KeyError");
    let other = quiet();
    assert_eq!(other.exec_in(&scope, "pass").unwrap_err().type_name(), "ValueError");
}

#[test]
fn syntax_errors_are_errors() {
    let err = quiet().exec("def f(:\n    pass").unwrap_err();
    assert_eq!(err.type_name(), "SyntaxError");
    assert!(quiet().compile("1 +").is_err());
}

// ----- values -----

#[test]
fn scalar_conversions_both_ways() {
    let engine = quiet();
    engine.set_global("b", true).unwrap();
    engine.set_global("i", -5i8).unwrap();
    engine.set_global("u", u64::MAX).unwrap();
    engine.set_global("f", 1.5f32).unwrap();
    engine.set_global("s", "héllo").unwrap();
    engine.set_global("c", 'z').unwrap();
    assert_eq!(
        engine.eval::<String>("repr((b, i, u, f, s, c))").unwrap(),
        "(True, -5, 18446744073709551615, 1.5, 'héllo', 'z')"
    );
    assert!(engine.eval::<bool>("b").unwrap());
    assert_eq!(engine.eval::<u64>("u").unwrap(), u64::MAX);
    assert_eq!(engine.eval::<i128>("-2**100").unwrap(), -(1i128 << 100));
    assert_eq!(engine.eval::<f64>("3").unwrap(), 3.0);
    assert_eq!(engine.eval::<String>("s").unwrap(), "héllo");
    assert_eq!(engine.eval::<char>("c").unwrap(), 'z');
}

#[test]
fn integer_overflow_is_an_error() {
    let engine = quiet();
    let err = engine.eval::<u8>("256").unwrap_err();
    assert_eq!(err.type_name(), "OverflowError");
    assert_eq!(engine.eval::<u32>("-1").unwrap_err().message(), "can't convert negative int to unsigned u32");
    assert_eq!(engine.eval::<i64>("2**63").unwrap_err().type_name(), "OverflowError");
    assert_eq!(engine.eval::<i64>("'1'").unwrap_err().type_name(), "TypeError");
    let big: BigInt = engine.eval("3**100").unwrap();
    assert_eq!(big.to_string(), "515377520732011331036461129765621272702107522001");
    engine.set_global("big", big.clone() * 2).unwrap();
    assert!(engine.eval::<bool>("big == 2 * 3**100").unwrap());
}

#[test]
fn container_conversions_both_ways() {
    let engine = quiet();
    engine.set_global("v", vec![1, 2, 3]).unwrap();
    let mut m = HashMap::new();
    m.insert("a".to_string(), vec![1.5]);
    engine.set_global("m", m.clone()).unwrap();
    engine.set_global("t", (1, "two", 3.0, None::<i64>, Some(true), Bytes(b"\x00hi".to_vec()))).unwrap();
    assert_eq!(engine.eval::<String>("repr(t)").unwrap(), "(1, 'two', 3.0, None, True, b'\\x00hi')");
    assert_eq!(engine.eval::<Vec<i64>>("[x * 10 for x in v]").unwrap(), [10, 20, 30]);
    assert_eq!(engine.eval::<Vec<i64>>("range(3)").unwrap(), [0, 1, 2]);
    assert_eq!(engine.eval::<HashMap<String, Vec<f64>>>("m").unwrap(), m);
    let sorted: BTreeMap<i64, String> = engine.eval("{2: 'b', 1: 'a'}").unwrap();
    assert_eq!(sorted.into_iter().collect::<Vec<_>>(), [(1, "a".to_string()), (2, "b".to_string())]);
    assert_eq!(engine.eval::<Option<i64>>("None").unwrap(), None);
    assert_eq!(engine.eval::<(i64, String)>("(1, 'x')").unwrap(), (1, "x".to_string()));
    assert_eq!(engine.eval::<(i64, i64)>("(1, 2, 3)").unwrap_err().type_name(), "ValueError");
    assert_eq!(engine.eval::<Bytes>("b'ab' + bytearray(b'c')").unwrap(), Bytes(b"abc".to_vec()));
    assert_eq!(engine.eval::<Bytes>("bytearray(b'xy')").unwrap().0, b"xy");
    assert_eq!(engine.eval::<Vec<String>>("'abc'").unwrap_err().type_name(), "TypeError");
}

#[test]
fn call_script_functions_and_methods_with_keywords() {
    let engine = quiet();
    engine
        .exec(
            "def describe(name, *rest, sep=', ', **extra):\n    return sep.join([name, *rest]) + repr(sorted(extra.items()))\n\
             class Box:\n    def __init__(self, v): self.v = v\n    def scaled(self, k=2): return self.v * k",
        )
        .unwrap();
    let args = CallArgs::new().arg("a").arg("b").kwarg("sep", "-").kwarg("z", 1);
    assert_eq!(engine.call::<String>("describe", args).unwrap(), "a-b[('z', 1)]");
    let describe: PyObject = engine.global("describe").unwrap();
    assert_eq!(describe.call::<String>(("x",)).unwrap(), "x[]");
    let boxed: PyObject = engine.call("Box", (21,)).unwrap();
    assert_eq!(boxed.call_method::<i64>("scaled", ()).unwrap(), 42);
    assert_eq!(boxed.call_method::<i64>("scaled", CallArgs::new().kwarg("k", 3)).unwrap(), 63);
    assert_eq!(boxed.getattr::<i64>("v").unwrap(), 21);
    boxed.setattr("v", 1).unwrap();
    assert!(boxed.repr().unwrap().starts_with("<__main__.Box object at 0x"), "{}", boxed.repr().unwrap());
    assert_eq!(boxed.type_name(), "Box");
    let list: PyObject = engine.eval("[1, 2]").unwrap();
    list.set_item(0, "first").unwrap();
    assert_eq!(list.get_item::<String>(0).unwrap(), "first");
    assert_eq!(engine.call::<i64>("missing", ()).unwrap_err().type_name(), "NameError");
}

// ----- extending -----

#[test]
fn host_functions_convert_arguments_and_results() {
    let engine = quiet();
    engine
        .register_fn("add", |a: i64, b: i64| a + b)
        .register_fn("greet", |name: String, times: usize| name.repeat(times))
        .register_fn("nothing", || ());
    assert_eq!(engine.eval::<i64>("add(2, 40)").unwrap(), 42);
    assert_eq!(engine.eval::<String>("greet('ab', 3)").unwrap(), "ababab");
    assert!(engine.eval::<PyObject>("nothing()").unwrap().is_none());
    let err = engine.eval::<i64>("add(1, 'x')").unwrap_err();
    assert_eq!(err.type_name(), "TypeError");
    assert!(err.message().starts_with("add() argument 2:"), "{}", err.message());
    assert_eq!(engine.eval::<i64>("add(1)").unwrap_err().message(), "add() takes exactly 2 arguments (1 given)");
    assert_eq!(engine.eval::<i64>("add(1, b=2)").unwrap_err().message(), "add() takes no keyword arguments");
    assert_eq!(engine.eval::<String>("repr(add)").unwrap(), "<rust function add>");
    assert_eq!(engine.eval::<String>("add.__name__").unwrap(), "add");
}

#[derive(Debug)]
struct FetchError {
    url: String,
    source: std::io::Error,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not fetch {}", self.url)
    }
}

impl std::error::Error for FetchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn fetch(url: String) -> Result<String, FetchError> {
    Err(FetchError { url, source: std::io::Error::new(std::io::ErrorKind::TimedOut, "connection timed out") })
}

#[test]
fn host_errors_show_a_rust_frame_and_their_cause_chain() {
    let engine = quiet();
    engine.register_fn("fetch", fetch);
    engine.exec("def load():\n    return fetch('http://x')").unwrap();
    let err = engine.exec("load()").unwrap_err();
    assert_eq!(err.type_name(), "RuntimeError");
    assert_eq!(err.message(), "could not fetch http://x");
    let tb = err.traceback();
    assert!(tb.contains("File \"<rust:embed::fetch>\", in fetch\n"), "{tb}");
    assert!(tb.contains("in load\n"), "{tb}");
    assert!(tb.contains("RuntimeError: connection timed out\n\nThe above exception was the direct cause"), "{tb}");
    // The script can catch it and see the cause.
    engine.exec("try:\n    load()\nexcept RuntimeError as e:\n    c = str(e.__cause__)").unwrap();
    assert_eq!(engine.global::<String>("c").unwrap(), "connection timed out");
    // A closure's frame is named after its crate and the registered name.
    engine.register_fn("fail", |x: i64| -> Result<i64, Error> { Err(Error::new("ValueError", format!("bad {x}"))) });
    let err = engine.exec("fail(3)").unwrap_err();
    assert_eq!((err.type_name(), err.message()), ("ValueError", "bad 3"));
    assert!(err.traceback().contains("File \"<rust:embed::fail>\", in fail"), "{}", err.traceback());
}

#[test]
fn io_errors_become_os_errors() {
    let engine = quiet();
    engine.register_fn("read", |path: String| std::fs::read_to_string(path));
    let err = engine.exec("read('/definitely/not/here')").unwrap_err();
    assert_eq!(err.type_name(), "FileNotFoundError");
    assert!(err.is_instance_of("OSError"));
}

#[test]
fn host_panics_become_system_errors() {
    let engine = quiet();
    engine.register_fn("boom", |n: i64| -> i64 { panic!("exploded at {n}") });
    let err = engine.exec("boom(7)").unwrap_err();
    assert_eq!(err.type_name(), "SystemError");
    assert_eq!(err.message(), "host function boom() panicked: exploded at 7");
    // The engine still works.
    assert_eq!(engine.eval::<i64>("1 + 1").unwrap(), 2);
}

#[derive(Clone, Debug, PartialEq)]
struct Counter {
    value: i64,
    step: i64,
}

fn counter_class() -> Class<Counter> {
    Class::<Counter>::new("Counter")
        .constructor(|start: i64| Counter { value: start, step: 1 })
        .method("increment", |c: &mut Counter| {
            c.value += c.step;
            c.value
        })
        .method("add", |c: &mut Counter, n: i64| c.value += n)
        .getter("value", |c: &Counter| c.value)
        .getter("step", |c: &Counter| c.step)
        .setter("step", |c: &mut Counter, step: i64| c.step = step)
}

#[test]
fn host_types_are_python_classes() {
    let engine = quiet();
    engine.register_class(counter_class()).unwrap();
    engine.exec("c = Counter(10)\nc.increment()\nc.step = 5\nc.increment()\nc.add(100)").unwrap();
    assert_eq!(engine.eval::<i64>("c.value").unwrap(), 116);
    assert_eq!(engine.eval::<String>("type(c).__name__").unwrap(), "Counter");
    assert!(engine.eval::<bool>("isinstance(c, Counter)").unwrap());
    let c: PyObject = engine.global("c").unwrap();
    assert_eq!(c.host_clone::<Counter>().unwrap(), Counter { value: 116, step: 5 });
    c.with_host(|c: &mut Counter| c.value = 0).unwrap();
    assert_eq!(engine.eval::<i64>("c.value").unwrap(), 0);
    assert_eq!(engine.exec("c.value = 3").unwrap_err().type_name(), "AttributeError");
    assert_eq!(engine.exec("Counter('x')").unwrap_err().type_name(), "TypeError");
    assert_eq!(engine.exec("c.add()").unwrap_err().message(), "Counter.add() takes exactly 1 argument (0 given)");
    // Host values handed to Python become instances of their class.
    engine.register_fn("make_counter", |v: i64| Host(Counter { value: v, step: 2 }));
    assert_eq!(engine.eval::<i64>("make_counter(1).increment()").unwrap(), 3);
    assert_eq!(c.with_host(|s: &mut String| s.len()).unwrap_err().type_name(), "TypeError");
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Vec2(f64, f64);

#[test]
fn host_types_can_define_special_methods() {
    let engine = quiet();
    engine
        .register_class(
            Class::<Vec2>::new("Vec2")
                .constructor(|x: f64, y: f64| Vec2(x, y))
                .method("__add__", |a: &mut Vec2, b: PyObject| {
                    let b: Vec2 = b.host_clone()?;
                    Ok::<_, Error>(Host(Vec2(a.0 + b.0, a.1 + b.1)))
                })
                .method("__repr__", |v: &mut Vec2| format!("Vec2({:?}, {:?})", v.0, v.1))
                .method("__len__", |_: &mut Vec2| 2usize),
        )
        .unwrap();
    assert_eq!(engine.eval::<String>("repr(Vec2(1, 2) + Vec2(3, 4))").unwrap(), "Vec2(4.0, 6.0)");
    assert_eq!(engine.eval::<usize>("len(Vec2(0, 0))").unwrap(), 2);
    assert_eq!(engine.eval::<String>("str(Vec2(1, 1))").unwrap(), "Vec2(1.0, 1.0)");
    // A method's error names the Rust type's method in its traceback frame.
    let err = engine.exec("Vec2(1, 2) + 3").unwrap_err();
    assert!(err.traceback().contains("File \"<rust:embed::Vec2::__add__>\", in __add__"), "{err}");
}

#[test]
fn native_modules_and_source_modules() {
    let engine = Engine::builder()
        .stdout(Output::Buffer)
        .source_module("helpers", "from tools import double\ndef quad(x):\n    return double(double(x))")
        .module(Module::new("tools").function("double", |x: i64| x * 2).value("VERSION", (1, 2)).class(counter_class()))
        .build();
    assert_eq!(engine.eval::<i64>("__import__('helpers').quad(3)").unwrap(), 12);
    engine.exec("import tools\nc = tools.Counter(1)").unwrap();
    assert_eq!(engine.eval::<(i64, i64)>("tools.VERSION").unwrap(), (1, 2));
    assert_eq!(engine.eval::<String>("tools.Counter.__module__").unwrap(), "tools");
    engine.register_module(Module::new("late").value("answer", 42)).unwrap();
    assert_eq!(engine.eval::<i64>("__import__('late').answer").unwrap(), 42);
}

// ----- output -----

#[test]
fn output_to_buffer_callback_and_per_call_capture() {
    let engine = quiet();
    engine.exec("print('one')\nimport sys\nprint('err', file=sys.stderr)").unwrap();
    assert_eq!(engine.take_stdout(), "one\n");
    assert_eq!(engine.take_stderr(), "err\n");
    let captured = engine.eval_captured::<i64>("print('inside') or 5");
    assert_eq!((captured.value.unwrap(), captured.stdout.as_str()), (5, "inside\n"));
    assert_eq!(engine.take_stdout(), "");
    let failed = engine.exec_captured("print('before')\nraise ValueError('x')");
    assert_eq!(failed.stdout, "before\n");
    assert_eq!(failed.value.unwrap_err().type_name(), "ValueError");

    let lines = Arc::new(Mutex::new(String::new()));
    let sink = lines.clone();
    let engine = Engine::builder().stdout(Output::callback(move |text| sink.lock().unwrap().push_str(text))).build();
    engine.exec("for i in range(3):\n    print('line', i)").unwrap();
    assert_eq!(*lines.lock().unwrap(), "line 0\nline 1\nline 2\n");
}

// ----- sandboxing -----

#[test]
fn sandbox_has_no_host_access() {
    let engine = Engine::builder().stdlib(Stdlib::Sandboxed).stdout(Output::Buffer).path(["."]).build();
    for module in ["os", "os.path", "multiprocessing", "_multiprocessing", "posixpath"] {
        let err = engine.exec(&format!("import {module}")).unwrap_err();
        assert_eq!(err.type_name(), "ModuleNotFoundError", "{module}");
    }
    assert_eq!(engine.exec("open('/etc/passwd')").unwrap_err().type_name(), "NameError");
    assert_eq!(engine.exec("import _io\n_io.open('/etc/passwd')").unwrap_err().type_name(), "AttributeError");
    assert_eq!(engine.exec("input()").unwrap_err().type_name(), "NameError");
    assert_eq!(engine.eval::<usize>("len(__import__('sys').path)").unwrap(), 0);
    assert!(engine.eval::<bool>("__import__('sys').stdin is None").unwrap());
    assert_eq!(engine.exec("import sys\ntype(sys.stdout)('/etc/passwd')").unwrap_err().type_name(), "TypeError");
    // pickle cannot reach os.system or open either.
    let err = engine.exec("import pickle\npickle.loads(b\"cos\\nsystem\\n(S'echo hi'\\ntR.\")").unwrap_err();
    assert_eq!(err.type_name(), "ModuleNotFoundError");
    let err = engine.exec("import pickle\npickle.loads(b\"cbuiltins\\nopen\\n(S'/etc/passwd'\\ntR.\")").unwrap_err();
    assert_eq!(err.type_name(), "AttributeError", "{err}");
    // What stays: threads, json, re, time, math-like builtins.
    engine.exec("import threading, json, re, time, queue\nprint(json.dumps([1]))").unwrap();
    assert_eq!(engine.take_stdout(), "[1]\n");

    let only = Engine::builder().stdlib(Stdlib::Only(vec!["json".into()])).build();
    only.exec("import json").unwrap();
    assert_eq!(only.exec("import re").unwrap_err().type_name(), "ModuleNotFoundError");
    let core = Engine::builder().stdlib(Stdlib::Core).build();
    core.exec("import sys, gc").unwrap();
    assert_eq!(core.exec("import json").unwrap_err().type_name(), "ModuleNotFoundError");
}

#[test]
fn builder_settings_reach_sys() {
    let engine = Engine::builder().argv(["app", "-v"]).path(["/tmp/x"]).recursion_limit(50).check_interval(7).build();
    assert_eq!(engine.eval::<Vec<String>>("__import__('sys').argv").unwrap(), ["app", "-v"]);
    assert_eq!(engine.eval::<Vec<String>>("__import__('sys').path").unwrap(), ["/tmp/x"]);
    assert_eq!(engine.eval::<i64>("__import__('sys').getrecursionlimit()").unwrap(), 50);
    let err = engine.exec("def f(n):\n    return f(n + 1)\nf(0)").unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    assert_eq!(engine.check_interval(), 7);
    engine.set_check_interval(11);
    assert_eq!(engine.eval::<i64>("__import__('sys').getcheckinterval()").unwrap(), 11);
    engine.set_switch_interval(Duration::from_millis(2));
    assert_eq!(engine.eval::<f64>("__import__('sys').getswitchinterval()").unwrap(), 0.002);
    assert!(engine.gil_trace(false).is_none());
    let traced = Engine::builder().gil_trace(true).build();
    traced
        .exec(
            "import threading
t = threading.Thread(target=sum, args=(range(1000),))
t.start()
t.join()",
        )
        .unwrap();
    let json = traced.gil_trace(false).unwrap();
    assert!(json.contains("traceEvents") && json.contains("Thread-"), "{json}");
}

// ----- threads -----

#[test]
fn host_threads_call_script_callbacks() {
    let engine = quiet();
    engine.exec("import threading\nlock = threading.Lock()\nseen = []\ndef record(tag, n):\n    with lock:\n        seen.append(tag)\n    return sum(range(n))").unwrap();
    let callback: PyObject = engine.global("record").unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let callback = callback.clone();
            std::thread::Builder::new()
                .stack_size(16 << 20)
                .spawn(move || (0..25).map(|_| callback.call::<i64>((i, 1000)).unwrap()).sum::<i64>())
                .unwrap()
        })
        .collect();
    let total: i64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(total, 100 * 499_500);
    assert_eq!(engine.eval::<usize>("len(seen)").unwrap(), 100);
    let stats = engine.gil_stats();
    assert!(stats.threads.len() >= 5, "{}", stats.format_table());
}

#[test]
fn host_function_releases_the_gil_while_script_threads_run() {
    let engine = quiet();
    engine.register_fn("wait_rust", move |ms: u64| allow_threads(|| std::thread::sleep(Duration::from_millis(ms))));
    engine
        .exec(
            "import threading\nticks = 0\nstop = False\ndef spin():\n    global ticks\n    while not stop:\n        ticks += 1\n\
             t = threading.Thread(target=spin)\nt.start()",
        )
        .unwrap();
    engine.exec("before = ticks\nwait_rust(100)\nafter = ticks\nstop = True\nt.join()").unwrap();
    let (before, after): (i64, i64) = engine.eval("(before, after)").unwrap();
    assert!(after > before, "the script thread did not run while the host function waited");
}

#[test]
fn script_threads_keep_running_between_calls() {
    let engine = quiet();
    engine
        .exec("import threading, queue\nq = queue.Queue()\ndef worker():\n    for i in range(5):\n        q.put(i * i)\nthreading.Thread(target=worker).start()")
        .unwrap();
    let q: PyObject = engine.global("q").unwrap();
    let items: Vec<i64> =
        (0..5).map(|_| q.call_method::<i64>("get", CallArgs::new().kwarg("timeout", 5)).unwrap()).collect();
    assert_eq!(items, [0, 1, 4, 9, 16]);
    engine.shutdown();
}

#[test]
fn raw_host_functions_take_keywords() {
    let engine = quiet();
    engine.register_raw_fn("describe", |args: gilpy::RawArgs| -> Result<String, Error> {
        let first: i64 = args.arg(0)?;
        let label = args.kwarg::<String>("label").transpose()?.unwrap_or_default();
        Ok(format!("{label}{first}+{}", args.positional.len() - 1))
    });
    assert_eq!(engine.eval::<String>("describe(7, 'x', None, label='n=')").unwrap(), "n=7+2");
    assert_eq!(engine.eval::<String>("describe()").unwrap_err().type_name(), "TypeError");
}

#[test]
fn host_function_can_call_back_into_the_engine() {
    let engine = quiet();
    let weak = engine.downgrade();
    engine.register_fn("double_via_script", move |x: i64| weak.upgrade().unwrap().eval::<i64>(&format!("{x} * 2")));
    engine.register_fn("apply", |f: PyObject, x: i64| f.call::<i64>((x,)));
    assert_eq!(engine.eval::<i64>("double_via_script(21)").unwrap(), 42);
    assert_eq!(engine.eval::<i64>("apply(lambda v: v + 1, 9)").unwrap(), 10);
    // The script's exception passes through the host function untouched, with the host frame.
    let err = engine.exec("apply(lambda v: 1 / 0, 1)").unwrap_err();
    assert_eq!(err.type_name(), "ZeroDivisionError");
    assert!(err.traceback().contains("in apply"), "{}", err.traceback());
}

#[test]
fn handles_are_send_sync_clone() {
    fn check<T: Send + Sync + Clone>() {}
    check::<Engine>();
    check::<PyObject>();
    check::<Error>();
    check::<gilpy::Program>();
}

// ----- examples -----

/// Runs every Rust example binary (cargo builds them before integration tests).
#[test]
fn examples_run() {
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_gilpy"));
    let examples = bin.parent().unwrap().join("examples");
    for name in [
        "hello_embed",
        "host_function_and_type",
        "callbacks_from_threads",
        "capture_output",
        "sandbox",
        "multiprocessing_host",
    ] {
        let path = examples.join(name);
        assert!(path.exists(), "example {name} was not built at {}", path.display());
        let out = std::process::Command::new(&path).output().unwrap();
        assert!(
            out.status.success(),
            "example {name} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn deep_recursion_on_host_threads_raises_instead_of_overflowing() {
    let engine = quiet();
    engine
        .exec("import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)")
        .unwrap();
    let small = engine.clone();
    let err = std::thread::spawn(move || small.eval::<i64>("f(50000)").unwrap_err()).join().unwrap();
    assert_eq!(err.type_name(), "RecursionError");
    let big = engine.clone();
    let depth = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            gilpy::declare_thread_stack(256 << 20);
            big.eval::<i64>("f(2000)").unwrap()
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(depth, 2000);
}

#[test]
fn dropping_a_handle_on_a_host_thread_finalizes_in_the_interpreter() {
    let engine = quiet();
    engine.exec("deleted = []\nclass Res:\n    def __del__(self):\n        deleted.append('res')").unwrap();
    let res: PyObject = engine.eval("Res()").unwrap();
    std::thread::spawn(move || drop(res)).join().unwrap();
    // The finalizer runs under the GIL at the engine's next call, not on the host thread.
    engine.exec("pass").unwrap();
    assert_eq!(engine.eval::<Vec<String>>("deleted").unwrap(), ["res"]);
    // Dropped while the GIL is held (inside a host function): finalized right away.
    engine.register_fn("consume", |obj: PyObject| drop(obj));
    engine.exec("consume(Res())").unwrap();
    assert_eq!(engine.eval::<usize>("len(deleted)").unwrap(), 2);
}

// ----- limits and interrupts through the engine -----

#[test]
fn interrupt_handle_stops_a_script_blocked_in_several_threads() {
    let engine = Engine::new();
    let handle = engine.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        handle.interrupt();
    });
    let started = std::time::Instant::now();
    let err = engine
        .exec(
            "import threading, queue, time\n\
             q = queue.Queue()\n\
             worker = threading.Thread(target=q.get, daemon=True)\n\
             worker.start()\n\
             time.sleep(100)\n",
        )
        .unwrap_err();
    stopper.join().unwrap();
    assert_eq!(err.type_name(), "KeyboardInterrupt");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn limits_set_on_the_builder_stop_a_runaway_script() {
    let engine = Engine::builder().limits(gilpy::Limits { instructions: Some(200_000), ..Default::default() }).build();
    let err = engine.exec("n = 0\nwhile True:\n    n += 1\n").unwrap_err();
    assert_eq!(err.type_name(), "ResourceLimitExceeded");
    assert_eq!(engine.limit_exceeded().map(|l| l.kind), Some(gilpy::LimitKind::Instructions));
    engine.set_limits(&gilpy::Limits::default());
    assert_eq!(engine.eval::<i64>("n > 1000").map(|_| 1).unwrap_or(0), 1);
}
