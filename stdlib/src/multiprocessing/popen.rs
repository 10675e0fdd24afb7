//! Starting child processes (`spawn`) and watching them: a `Popen` holds the child, its pid and a
//! pidfd that becomes readable when the child exits (the `sentinel`, which `wait` and
//! `multiprocessing.connection.wait` poll with the GIL released).
//!
//! The child is a fresh `gilpy` (or the embedding host's binary) run with the arguments the
//! Python side gives; it inherits exactly the fds in `pass_fds`, at the same numbers, and reads its
//! preparation data and pickled process object from stdin.

use std::io::{self, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};
use parking_lot::Mutex;

pub(super) struct Popen {
    pid: i32,
    /// `-1` when the kernel has no pidfd_open (then `wait` polls).
    pidfd: i32,
    child: Mutex<Child>,
    status: Mutex<Option<i64>>,
}

impl Drop for Popen {
    fn drop(&mut self) {
        // Reap if it has finished, so no zombie outlives the Python object.
        let _ = self.child.get_mut().try_wait();
        if self.pidfd >= 0 {
            // SAFETY: we own the pidfd.
            unsafe { libc::close(self.pidfd) };
        }
    }
}

/// Python's convention: the exit code, or minus the signal that killed the process.
fn exitcode(status: ExitStatus) -> i64 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code as i64,
        (None, Some(signal)) => -(signal as i64),
        (None, None) => -1,
    }
}

impl Popen {
    fn poll(&self) -> io::Result<Option<i64>> {
        let mut status = self.status.lock();
        if status.is_none() {
            if let Some(s) = self.child.lock().try_wait()? {
                *status = Some(exitcode(s));
            }
        }
        Ok(*status)
    }

    /// Waits up to `timeout_ms` (-1: no limit) with the GIL released by the caller.
    fn wait(&self, timeout_ms: i32) -> io::Result<Option<i64>> {
        if let Some(code) = self.poll()? {
            return Ok(Some(code));
        }
        if self.pidfd >= 0 {
            super::fdio::wait_readable(self.pidfd, timeout_ms)?;
            return self.poll();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms.max(0) as u64);
        loop {
            if let Some(code) = self.poll()? {
                return Ok(Some(code));
            }
            if timeout_ms >= 0 && std::time::Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    fn signal(&self, signal: i32) -> io::Result<()> {
        if self.poll()?.is_some() {
            return Ok(());
        }
        // SAFETY: kill has no memory preconditions; the child is not reaped yet (poll above), so
        // the pid still names it.
        if unsafe { libc::kill(self.pid, signal) } != 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::ESRCH) {
                return Err(e);
            }
        }
        Ok(())
    }
}

fn pidfd_open(pid: i32) -> i32 {
    // SAFETY: pidfd_open takes a pid and flags and returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    if fd >= 0 {
        // SAFETY: setting close-on-exec on the fd we just got.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    fd
}

pub(super) const METHODS: &[(&str, NativeFn)] =
    &[("pid", pid), ("sentinel", sentinel), ("poll", poll), ("wait", wait), ("terminate", terminate), ("kill", kill)];

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a Popen> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => n.downcast::<Popen>().ok_or_else(|| vm.type_error("expected a Popen")),
        _ => Err(vm.type_error("expected a Popen")),
    }
}

fn strings(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<Vec<String>> {
    let Some(v) = v else { return Ok(vec![]) };
    let items = vm.iterate(v)?;
    items
        .iter()
        .map(|item| item.as_str().map(String::from).ok_or_else(|| vm.type_error(format!("{what} must be strings"))))
        .collect()
}

/// `spawn(executable, args, pass_fds, stdin_data)`: starts the child and writes `stdin_data` to
/// its stdin.
pub(super) fn spawn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exe = args.get(0, "executable").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let argv = strings(vm, args.get(1, "args"), "args")?;
    let mut pass_fds = Vec::new();
    if let Some(fds) = args.get(2, "pass_fds") {
        for fd in vm.iterate(fds)? {
            pass_fds.push(vm.to_index(&fd)? as i32);
        }
    }
    let data = match args.get(3, "stdin_data") {
        Some(v) => bytes_like(vm, v).ok_or_else(|| vm.type_error("stdin_data must be bytes"))?,
        None => vec![],
    };
    let mut command = Command::new(&exe);
    command.args(&argv).stdin(Stdio::piped());
    let inherit = pass_fds.clone();
    // SAFETY: runs in the forked child before exec, where only async-signal-safe calls are
    // allowed: fcntl is one, and `inherit` was allocated before the fork.
    unsafe {
        command.pre_exec(move || {
            for &fd in &inherit {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags >= 0 {
                    libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
                }
            }
            Ok(())
        });
    }
    let mut child = match command.spawn() {
        Ok(c) => c,
        Err(e) => return Err(os_error(vm, &e, Some(Value::string(exe)))),
    };
    let stdin = child.stdin.take();
    let written = vm.allow_threads_as("Process.start", move || match stdin {
        Some(mut pipe) => pipe.write_all(&data),
        None => Ok(()),
    });
    let pid = child.id() as i32;
    let popen = Popen { pid, pidfd: pidfd_open(pid), child: Mutex::new(child), status: Mutex::new(None) };
    if let Err(e) = written {
        // The child died before reading its orders; its exit status says why.
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(os_error(vm, &e, None));
        }
    }
    let class: ObjRef = super::native_class(vm, "Popen")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(popen) }))))
}

fn pid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.pid as i64))
}

fn sentinel(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.pidfd as i64))
}

fn code_or_none(code: Option<i64>) -> Value {
    code.map(Value::Int).unwrap_or(Value::None)
}

fn poll(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match this(vm, &args)?.poll() {
        Ok(code) => Ok(code_or_none(code)),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

/// `wait(timeout=None)`: the exit code, or None if the child still runs after `timeout`.
fn wait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let popen = this(vm, &args)?;
    let timeout_ms = match args.get(1, "timeout") {
        None | Some(Value::None) => -1,
        Some(v) => (vm.to_f64(v)?.max(0.0) * 1000.0).ceil().min(i32::MAX as f64) as i32,
    };
    // In slices, so that an interrupt stops a join of a child that never ends.
    let deadline =
        (timeout_ms >= 0).then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    let waited =
        vm.wait_interruptibly("Process.join", deadline, |slice| match popen.wait(slice.as_millis() as i32) {
            Ok(None) => None,
            done => Some(done),
        })?;
    match waited {
        None => Ok(Value::None),
        Some(Ok(code)) => Ok(code_or_none(code)),
        Some(Err(e)) => Err(os_error(vm, &e, None)),
    }
}

fn terminate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args)?.signal(libc::SIGTERM).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::None)
}

fn kill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args)?.signal(libc::SIGKILL).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::None)
}

/// `read_stdin()`: everything on stdin (the child's orders), then stdin becomes /dev/null as in
/// CPython's children.
pub(super) fn read_stdin(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let read = vm.allow_threads_as("sys.stdin.read", || {
        let mut data = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut data).map(|_| data)
    });
    let data = read.map_err(|e| os_error(vm, &e, None))?;
    if let Ok(devnull) = std::fs::File::open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: dup2 onto fd 0 of a file we hold open; Rust's stdin handle only ever reads fd 0.
        unsafe { libc::dup2(devnull.as_raw_fd(), 0) };
    }
    Ok(Value::bytes(data))
}
