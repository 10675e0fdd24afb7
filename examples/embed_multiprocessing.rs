//! A Rust host that embeds gilpy and runs Python code using multiprocessing.
//!
//! multiprocessing starts each child process by running the *current executable* again, with a
//! flag (`sys.executable` is the host binary here, not `gilpy`). So a host must do what
//! CPython's `freeze_support()` does for frozen programs: at the very top of `main`, ask
//! [`gilpy_stdlib::multiprocessing::run_child_if_requested`] whether this process is such a
//! child; if it is, that call runs the child's work and returns its exit status, and the host
//! must exit with it without doing anything else.
//!
//! The child builds its interpreter from the same builder as the parent, so Python modules the
//! host registers (`host_tasks` below, compiled into the binary) exist on both sides: that is
//! where the functions given to `Process` and `Pool` live, since the host's main script is not
//! a file a child could import.
//!
//! Run it: `cargo run --example embed_multiprocessing`.

use std::process::ExitCode;

use gilpy_interpreter::{Interpreter, InterpreterBuilder};

/// A Python module provided by the host: parent and children import it from the binary.
const HOST_TASKS: &str = r#"
import os
import sys


def square(x):
    return x * x


def greet(results, parent_pid):
    exe = os.path.basename(sys.executable)
    results.put("child of %s: running %s, parent ok: %s" % (
        "the host", exe, os.getppid() == parent_pid))
"#;

/// The host's script (not a file: children never import it).
const MAIN: &str = r#"
import multiprocessing as mp
import os
import host_tasks

with mp.Pool(2) as pool:
    print("pool.map:", pool.map(host_tasks.square, range(6)))
    print("apply_async:", pool.apply_async(host_tasks.square, (12,)).get(timeout=30))

results = mp.Queue()
child = mp.Process(target=host_tasks.greet, args=(results, os.getpid()))
child.start()
print(results.get(timeout=30))
child.join()
print("child exitcode:", child.exitcode)
"#;

/// The same interpreter setup for the parent and for every child.
fn builder() -> InterpreterBuilder {
    let builder = Interpreter::builder().argv(vec!["embed_multiprocessing".to_string()]);
    gilpy_stdlib::install(builder).frozen_module("host_tasks", HOST_TASKS)
}

fn exit_code(status: i32) -> ExitCode {
    ExitCode::from(status.clamp(0, 255) as u8)
}

fn main() -> ExitCode {
    // Before anything else: a multiprocessing child runs its work and exits here.
    if let Some(status) = gilpy_stdlib::multiprocessing::run_child_if_requested(builder()) {
        return exit_code(status);
    }

    let interp = builder().build();
    let result = interp.run_main("<host script>", MAIN);
    // Runs atexit: queues are flushed and children joined before the host goes on.
    interp.shutdown();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((traceback, status)) => {
            eprint!("{traceback}");
            exit_code(status)
        }
    }
}
