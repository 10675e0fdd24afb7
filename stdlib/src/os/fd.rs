//! Low-level file descriptors: `open`, `close`, `read`, `write`, `pipe`, `dup`, `isatty`.
//! Reads and writes release the GIL, since they can block (pipes).

use std::io;

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::{c_int_arg, path_arg, path_error, plain_error};
use crate::util;

fn check(vm: &mut Vm, r: isize) -> PyResult<isize> {
    if r < 0 {
        return Err(plain_error(vm, &io::Error::last_os_error()));
    }
    Ok(r)
}

pub fn os_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "open", &args, &["path", "flags", "mode", "dir_fd"], 2)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "open")?;
    let flags = c_int_arg(vm, a[1].as_ref().expect("required"))? | libc::O_CLOEXEC;
    let mode = match &a[2] {
        Some(m) => c_int_arg(vm, m)?,
        None => 0o777,
    };
    let c_path = path.c_string(vm, "open")?;
    // SAFETY: `c_path` is NUL-terminated for the duration of the call; open reports errors
    // through errno.
    let fd =
        vm.allow_threads_as("os.open", move || unsafe { libc::open(c_path.as_ptr(), flags, mode as libc::c_uint) });
    if fd < 0 {
        return Err(path_error(vm, &io::Error::last_os_error(), &path));
    }
    Ok(Value::Int(fd as i64))
}

pub fn os_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "close", &args, &["fd"], 1)?;
    let fd = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    // SAFETY: closing a descriptor number has no memory-safety preconditions; a bad number
    // fails with EBADF.
    let r = unsafe { libc::close(fd) };
    check(vm, r as isize)?;
    Ok(Value::None)
}

pub fn os_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "read", &args)?;
    let [fd, n] = args.items else {
        return Err(vm.type_error(format!("read expected 2 arguments, got {}", args.items.len())));
    };
    let fd = c_int_arg(vm, fd)?;
    let n = vm.to_index(n)?;
    if n < 0 {
        return Err(plain_error(vm, &io::Error::from_raw_os_error(libc::EINVAL)));
    }
    let mut buf = util::zeroed(vm, n as usize)?;
    let (r, buf) = vm.allow_threads_as("os.read", move || loop {
        // SAFETY: `buf` has `buf.len()` writable bytes.
        let r = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        // A blocking fd says EAGAIN only when it is a socket whose receive timeout ran out:
        // multiprocessing's Connection sets one on the sockets it reads (to notice interrupts),
        // and a plain os.read of such a socket must still block.
        if r < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN) && is_blocking(fd) {
            continue;
        }
        return (r, buf);
    });
    let r = check(vm, r)?;
    let mut buf = buf;
    buf.truncate(r as usize);
    Ok(Value::bytes(buf))
}

/// Is `fd` in blocking mode (no `O_NONBLOCK`)?
fn is_blocking(fd: i32) -> bool {
    // SAFETY: F_GETFL reads the descriptor's flags; a bad fd gives -1.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    flags >= 0 && flags & libc::O_NONBLOCK == 0
}

pub fn os_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "write", &args)?;
    let [fd, data] = args.items else {
        return Err(vm.type_error(format!("write expected 2 arguments, got {}", args.items.len())));
    };
    let fd = c_int_arg(vm, fd)?;
    let Some(data) = bytes_like(vm, data) else {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(data))));
    };
    // SAFETY: `data` is a valid buffer of `data.len()` bytes.
    let r = vm.allow_threads_as("os.write", move || unsafe {
        libc::write(fd, data.as_ptr() as *const libc::c_void, data.len())
    });
    let r = check(vm, r)?;
    Ok(Value::Int(r as i64))
}

pub fn os_pipe(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    check(vm, r as isize)?;
    Ok(Value::tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

pub fn os_dup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "dup", &args, &["fd"], 1)?;
    let fd = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    // SAFETY: dup takes a descriptor number and reports errors through errno.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    let r = check(vm, r as isize)?;
    Ok(Value::Int(r as i64))
}

pub fn os_isatty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "isatty", &args, &["fd"], 1)?;
    let fd = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    // SAFETY: isatty takes a descriptor number and has no other preconditions.
    Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
}
