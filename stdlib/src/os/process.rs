//! `os.fork`, `os.register_at_fork`, `os.waitpid`, `os.wait`, `os.pidfd_open` and the wait-status
//! macros that only matter for forked children.
//!
//! # What survives a fork
//! Only the calling thread exists in the child. `os.fork` therefore:
//! 1. runs the `before` hooks (newest first, as CPython), then, through
//!    [`Vm::fork_process`], takes the import lock and the GIL's internal mutex, so no other thread
//!    is halfway through an import or a GIL hand-off when the address space is copied (the
//!    forking thread already holds the GIL, so no other thread touches any object);
//! 2. in the child, rebuilds the GIL's state with the caller as the only thread (see
//!    `interpreter/src/gil/fork.rs` for the full argument), then has `threading` forget the other
//!    threads (`threading._after_fork`, as CPython: `enumerate()` lists only the caller, which
//!    becomes the main thread, and its internal locks are new) and runs the `after_in_child`
//!    hooks; the parent runs the `after_in_parent` hooks.
//!
//! Python-level locks held by other threads stay held in the child, as in CPython. As in CPython,
//! `fork` waits for the import lock: a thread that forks while another thread's import waits for
//! it deadlocks (the same holds for `PyOS_BeforeFork`). With `--gil-stats`/`--gil-trace`, a child
//! that ends by returning from the program (not `os._exit`) reports too, with the parent's history
//! up to the fork. Queue feeder
//! threads (native) are gone in the child: each feeder knows the pid it was started in and the
//! child's `Queue` starts its own (`multiprocessing/feeder.rs`).
//! A child forked from the thread that runs `__main__` that returns from the program ends the
//! process itself ([`in_forked_child`]; the process's first thread, which normally does that, does
//! not exist in the child).

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use gilpy_interpreter::object::{NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

use super::{c_int_arg, plain_error};
use crate::util;

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("fork", os_fork),
    ("register_at_fork", os_register_at_fork),
    ("waitpid", os_waitpid),
    ("wait", os_wait),
    ("pidfd_open", os_pidfd_open),
    ("WIFSTOPPED", os_wifstopped),
    ("WSTOPSIG", os_wstopsig),
    ("WIFCONTINUED", os_wifcontinued),
    ("WCOREDUMP", os_wcoredump),
];

pub(super) const INT_CONSTANTS: &[(&str, i64)] = &[
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
];

/// Where the hooks live: `os._at_fork_hooks = [before, after_in_parent, after_in_child]`.
const HOOKS_ATTR: &str = "_at_fork_hooks";
const BEFORE: usize = 0;
const AFTER_IN_PARENT: usize = 1;
const AFTER_IN_CHILD: usize = 2;

static FORKED_CHILD: AtomicBool = AtomicBool::new(false);

/// Is this process a child made by `os.fork` (whose first thread no longer exists)?
pub fn in_forked_child() -> bool {
    FORKED_CHILD.load(Ordering::Relaxed)
}

pub(super) fn add_hook_lists(vm: &mut Vm, module: &ObjRef) {
    let lists = (0..3).map(|_| vm.new_list(Vec::new())).collect();
    let hooks = vm.new_list(lists);
    util::set(vm, module, HOOKS_ATTR, hooks);
}

fn hooks(vm: &mut Vm, which: usize) -> PyResult<Vec<Value>> {
    let all = util::module_attr(vm, "os", HOOKS_ATTR)?;
    let lists = vm.list_items(&all);
    Ok(lists.get(which).map(|l| vm.list_items(l)).unwrap_or_default())
}

/// Runs the hooks of one kind (`before` ones newest first); an exception is reported as CPython's
/// "Exception ignored in" and the rest still run.
fn run_hooks(vm: &mut Vm, which: usize) -> PyResult<()> {
    let mut hooks = hooks(vm, which)?;
    if which == BEFORE {
        hooks.reverse();
    }
    for hook in hooks {
        if let Err(err) = vm.call(&hook, Args::new(&[])) {
            report_ignored(vm, &hook, &err);
        }
    }
    Ok(())
}

fn report_ignored(vm: &mut Vm, what: &Value, err: &PyErr) {
    let what = gilpy_interpreter::builtins::object::default_repr(vm, what);
    let text = gilpy_interpreter::vm::errors::format_exception(vm, err);
    gilpy_interpreter::flush_std(vm);
    let _ =
        io::Write::write_all(&mut *vm.interp.stderr.lock(), format!("Exception ignored in: {what}\n{text}").as_bytes());
}

fn os_fork(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.items.is_empty() {
        return Err(vm.type_error(format!("fork() takes no arguments ({} given)", args.items.len())));
    }
    run_hooks(vm, BEFORE)?;
    // SAFETY: `fork` has no memory-safety preconditions of its own. What makes the child sound is
    // that the only thread it keeps holds the GIL, and the interpreter's internal locks are taken
    // around the call and rebuilt in the child (`Vm::fork_process`, `gil/fork.rs`).
    let pid = vm.fork_process(|| unsafe { libc::fork() } as i64);
    if pid < 0 {
        let err = io::Error::last_os_error();
        run_hooks(vm, AFTER_IN_PARENT)?;
        return Err(plain_error(vm, &err));
    }
    if pid == 0 {
        FORKED_CHILD.store(true, Ordering::Relaxed);
        // The forking thread is the child's main thread: Ctrl-C raises KeyboardInterrupt here.
        gilpy_interpreter::vm::handle_signals_on_this_thread();
        threading_after_fork(vm);
        run_hooks(vm, AFTER_IN_CHILD)?;
    } else {
        run_hooks(vm, AFTER_IN_PARENT)?;
    }
    Ok(Value::Int(pid))
}

/// `threading._after_fork()` if `threading` was imported (it has no hook of its own here).
fn threading_after_fork(vm: &mut Vm) {
    let modules = vm.interp.modules.clone();
    let Some(threading) = vm.dict_get_str_value(&modules, &Value::str("threading")) else { return };
    let Ok(after_fork) = vm.get_attr_str(&threading, "_after_fork") else { return };
    if let Err(err) = vm.call(&after_fork, Args::new(&[])) {
        report_ignored(vm, &after_fork, &err);
    }
}

fn os_register_at_fork(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.positional().is_empty() {
        return Err(vm.type_error("register_at_fork() takes no positional arguments"));
    }
    let names = ["before", "after_in_parent", "after_in_child"];
    let mut given: [Option<Value>; 3] = [None, None, None];
    for (key, value) in args.keywords() {
        let Some(slot) = names.iter().position(|n| *n == key) else {
            return Err(vm.type_error(format!("'{key}' is an invalid keyword argument for register_at_fork()")));
        };
        given[slot] = Some(value.clone());
    }
    if given.iter().all(Option::is_none) {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (name, value) in names.iter().zip(&given) {
        if let Some(v) = value {
            if !gilpy_interpreter::builtins::functions::is_callable(vm, v) {
                return Err(vm.type_error(format!("'{name}' must be callable, not {}", vm.type_name(v))));
            }
        }
    }
    let all = util::module_attr(vm, "os", HOOKS_ATTR)?;
    let lists = vm.list_items(&all);
    for (list, value) in lists.iter().zip(given) {
        if let Some(v) = value {
            vm.list_append(list, v);
        }
    }
    Ok(Value::None)
}

/// `waitpid` with the GIL released, retried on EINTR.
fn wait_for(vm: &mut Vm, pid: i32, options: i32) -> PyResult<(i32, i32)> {
    let result = vm.allow_threads(move || loop {
        let mut status: libc::c_int = 0;
        // SAFETY: `status` is a valid, writable int for the call.
        let got = unsafe { libc::waitpid(pid, &mut status, options) };
        if got >= 0 {
            return Ok((got, status));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    });
    result.map_err(|e| plain_error(vm, &e))
}

fn status_tuple((pid, status): (i32, i32)) -> Value {
    Value::tuple(vec![Value::Int(pid as i64), Value::Int(status as i64)])
}

fn os_waitpid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind_posonly(vm, "waitpid", &args, &["pid", "options"], 2, 2)?;
    let pid = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    let options = c_int_arg(vm, a[1].as_ref().expect("required"))?;
    let got = wait_for(vm, pid, options)?;
    Ok(status_tuple(got))
}

fn os_wait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::bind_posonly(vm, "wait", &args, &[], 0, 0)?;
    let got = wait_for(vm, -1, 0)?;
    Ok(status_tuple(got))
}

/// A file descriptor that becomes readable when process `pid` ends (Linux 5.3+).
fn os_pidfd_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "pidfd_open", &args, &["pid", "flags"], 1)?;
    let pid = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    let flags = match &a[1] {
        Some(f) => c_int_arg(vm, f)?,
        None => 0,
    };
    // SAFETY: a raw syscall taking two integers; errors come back through errno.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, flags) };
    if fd < 0 {
        return Err(plain_error(vm, &io::Error::last_os_error()));
    }
    Ok(Value::Int(fd as i64))
}

fn status_arg(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<i32> {
    let a = util::bind(vm, fname, args, &["status"], 1)?;
    c_int_arg(vm, a[0].as_ref().expect("required"))
}

fn os_wifstopped(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(libc::WIFSTOPPED(status_arg(vm, &args, "WIFSTOPPED")?)))
}

fn os_wstopsig(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(libc::WSTOPSIG(status_arg(vm, &args, "WSTOPSIG")?) as i64))
}

fn os_wifcontinued(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(libc::WIFCONTINUED(status_arg(vm, &args, "WIFCONTINUED")?)))
}

fn os_wcoredump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(libc::WCOREDUMP(status_arg(vm, &args, "WCOREDUMP")?)))
}
