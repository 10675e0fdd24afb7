//! `_signal`, under the frozen `lib/signal.py`: signal numbers and the SIG_DFL / SIG_IGN
//! dispositions. Python-level handlers need the eval loop's cooperation and are not supported
//! yet (`signal.signal` with a callable raises NotImplementedError); SIGINT keeps raising
//! `KeyboardInterrupt` through the CLI's own handler.

use gilpy_interpreter::object::ObjRef;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::util;

const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGSYS", libc::SIGSYS),
];

/// Dispositions as `get_disposition` reports them.
const DEFAULT: i64 = 0;
const IGNORE: i64 = 1;
const HANDLER: i64 = 2;

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("_signal");
    let Some(dict) = vm.module_dict(&module) else { return Ok(module) };
    let names: Vec<Value> = SIGNALS.iter().map(|(name, _)| Value::str(name)).collect();
    let numbers: Vec<Value> = SIGNALS.iter().map(|&(_, n)| Value::Int(n as i64)).collect();
    let names = vm.new_list(names);
    let numbers = vm.new_list(numbers);
    vm.dict_set_str_value(&dict, Value::str("names"), names);
    vm.dict_set_str_value(&dict, Value::str("numbers"), numbers);
    vm.dict_set_str_value(&dict, Value::str("NSIG"), Value::Int(65));
    crate::add_functions(
        vm,
        &module,
        &[("set_disposition", set_disposition), ("get_disposition", get_disposition), ("strsignal", strsignal)],
    );
    Ok(module)
}

fn signal_number(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<i32> {
    let a = util::bind(vm, fname, args, &["signalnum"], 1)?;
    let n = vm.to_index(a[0].as_ref().unwrap_or(&Value::None))?;
    if !(1..65).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as i32)
}

fn current(signalnum: i32) -> i64 {
    // SAFETY: sigaction with a null new action only reads the current one into `old`.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigaction(signalnum, std::ptr::null(), &mut old) } != 0 {
        return DEFAULT;
    }
    match old.sa_sigaction {
        libc::SIG_DFL => DEFAULT,
        libc::SIG_IGN => IGNORE,
        _ => HANDLER,
    }
}

/// `get_disposition(signalnum)`: 0 default, 1 ignored, 2 a handler (the CLI's SIGINT one).
fn get_disposition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = signal_number(vm, &args, "getsignal")?;
    Ok(Value::Int(current(n)))
}

/// `set_disposition(signalnum, ignore)`: installs SIG_IGN or SIG_DFL; returns the previous one.
fn set_disposition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "signal", &args, &["signalnum", "ignore"], 2)?;
    let n = vm.to_index(a[0].as_ref().unwrap_or(&Value::None))?;
    if !(1..65).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    let ignore = match &a[1] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let previous = current(n as i32);
    let disposition = if ignore { libc::SIG_IGN } else { libc::SIG_DFL };
    // SAFETY: installing SIG_IGN or SIG_DFL runs no code in signal context.
    if unsafe { libc::signal(n as i32, disposition) } == libc::SIG_ERR {
        let e = std::io::Error::last_os_error();
        return Err(gilpy_interpreter::builtins::file::os_error(vm, &e, None));
    }
    Ok(Value::Int(previous))
}

fn strsignal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = signal_number(vm, &args, "strsignal")?;
    // SAFETY: strsignal returns a pointer to a static or thread-local string, copied at once.
    let text = unsafe {
        let p = libc::strsignal(n);
        if p.is_null() {
            return Ok(Value::None);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    Ok(Value::string(text))
}
