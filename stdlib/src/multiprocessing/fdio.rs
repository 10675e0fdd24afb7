//! Messages over file descriptors: the framing every `Connection` uses, `os.pipe`-like pipes,
//! socket pairs for duplex pipes, and `poll`.
//!
//! A message is a 4-byte big-endian signed length and the payload, as CPython's
//! `multiprocessing.connection` frames them (a payload over 2 GiB gets -1 and an 8-byte length),
//! so the wire format is CPython's. Every blocking system call runs with the GIL released.

use std::io;

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::limits::WAIT_SLICE;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

/// A message longer than this is refused on receipt unless the caller allows more: a corrupt
/// length header must give an error, not an attempt to allocate exabytes.
const DEFAULT_MAX_MESSAGE: u64 = 1 << 34;

pub(super) fn fd_arg(vm: &mut Vm, args: &Args<'_>, index: usize, name: &str) -> PyResult<i32> {
    let Some(v) = args.get(index, name) else {
        return Err(vm.type_error(format!("missing required argument '{name}' (pos {})", index + 1)));
    };
    let fd = vm.to_index(v)?;
    i32::try_from(fd).map_err(|_| vm.overflow_error("fd is out of range"))
}

/// Writes all of `data`, retrying after signals and short writes.
fn write_all(fd: i32, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        // SAFETY: `data` is a live slice and we pass its exact length; `fd` is just a number to the
        // kernel (a closed or foreign fd gives EBADF, not memory unsafety).
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

/// Fills `buf` completely. `Ok(false)` when the other end closed before the first byte. A
/// socket's receive timeout (or a non-blocking fd with nothing yet) only means the rest is still
/// on its way: the read is retried once the fd is readable.
fn read_exact(fd: i32, buf: &mut [u8]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = match read_once(fd, &mut buf[filled..]) {
            Ok(n) => n,
            Err(e) if is_timeout(&e) => {
                wait_after_timeout(fd);
                continue;
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            if filled == 0 {
                return Ok(false);
            }
            return Err(end_of_file_in_message());
        }
        filled += n;
    }
    Ok(true)
}

fn end_of_file_in_message() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "got end of file during message")
}

/// Writes one framed message (for native threads such as the queue feeder).
pub(super) fn write_message(fd: i32, payload: &[u8]) -> io::Result<()> {
    write_all(fd, &frame(payload))
}

fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    if payload.len() > 0x7fff_ffff {
        out.extend_from_slice(&(-1i32).to_be_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_be_bytes());
    } else {
        out.extend_from_slice(&(payload.len() as i32).to_be_bytes());
    }
    out.extend_from_slice(payload);
    out
}

enum Received {
    Message(Vec<u8>),
    Eof,
    TooLong(u64),
}

fn receive(fd: i32, max_length: u64) -> io::Result<Received> {
    let mut header = [0u8; 4];
    if !read_exact(fd, &mut header)? {
        return Ok(Received::Eof);
    }
    receive_after_header(fd, header, max_length)
}

/// The rest of a message whose 4-byte `header` has been read.
fn receive_after_header(fd: i32, header: [u8; 4], max_length: u64) -> io::Result<Received> {
    let mut length = i32::from_be_bytes(header) as i64 as u64;
    if i32::from_be_bytes(header) == -1 {
        let mut long = [0u8; 8];
        if !read_exact(fd, &mut long)? {
            return Err(end_of_file_in_message());
        }
        length = u64::from_be_bytes(long);
    } else if i32::from_be_bytes(header) < 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad message length"));
    }
    if length > max_length {
        return Ok(Received::TooLong(length));
    }
    let mut payload = vec![0u8; length as usize];
    if length > 0 && !read_exact(fd, &mut payload)? {
        return Err(end_of_file_in_message());
    }
    Ok(Received::Message(payload))
}

fn io_err(vm: &mut Vm, e: io::Error) -> gilpy_interpreter::PyErr {
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData => vm.new_exception_msg("OSError", &e.to_string()),
        _ => os_error(vm, &e, None),
    }
}

/// `send_bytes(fd, data)`: one framed message.
pub(super) fn send_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, &args, 0, "fd")?;
    let Some(data) = args.get(1, "data").and_then(|v| bytes_like(vm, v)) else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    let framed = frame(&data);
    match vm.allow_threads_as("Connection.send", move || write_all(fd, &framed)) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(io_err(vm, e)),
    }
}

/// `recv_bytes(fd, maxlength=None)`: the next message; EOFError when the writer closed.
///
/// A socket (a duplex `Pipe`, a `Listener`/`Client` connection) is read with a plain blocking
/// `read` that times out every [`WAIT_SLICE`] (`SO_RCVTIMEO`) to check for a stop: a thread
/// woken from `read` answers about twice as fast as one woken from `poll` (mp_pipe round trips
/// measured 13k/s with `poll` first, 27-35k/s without). A pipe has no receive timeout, so it
/// is polled in slices first.
pub(super) fn recv_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, &args, 0, "fd")?;
    let max_length = match args.get(1, "maxlength") {
        None | Some(Value::None) => DEFAULT_MAX_MESSAGE,
        Some(v) => {
            let n = vm.to_index(v)?;
            if n < 0 {
                return Err(vm.value_error("negative maxlength"));
            }
            n as u64
        }
    };
    let received = if socket_with_receive_timeout(fd) {
        receive_from_socket(vm, fd, max_length)?
    } else {
        // Wait for the message in slices, so that an interrupt stops a `recv` nobody answers,
        // and read it in the same release of the GIL. (An error from the wait is left for
        // `receive` to report.)
        let received = vm.wait_interruptibly("Connection.recv", None, |slice| {
            match wait_readable(fd, slice.as_millis() as i32) {
                Ok(false) => None,
                _ => Some(receive(fd, max_length)),
            }
        })?;
        received.unwrap_or_else(|| receive(fd, max_length))
    };
    match received {
        Ok(Received::Message(payload)) => Ok(Value::bytes(payload)),
        Ok(Received::Eof) => Err(vm.new_exception_msg("EOFError", "")),
        Ok(Received::TooLong(n)) => Err(vm.new_exception_msg("OSError", &format!("bad message length: {n}"))),
        Err(e) => Err(io_err(vm, e)),
    }
}

/// Is `fd` a socket whose reads time out every [`WAIT_SLICE`]? Sets the timeout on a socket
/// that has none (one made elsewhere and handed to a `Connection`, which owns it from then on).
fn socket_with_receive_timeout(fd: i32) -> bool {
    let mut current = libc::timeval { tv_sec: 0, tv_usec: 0 };
    let mut len = std::mem::size_of::<libc::timeval>() as libc::socklen_t;
    // SAFETY: `current` and `len` are live locals of the size we pass.
    let rc = unsafe {
        libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_RCVTIMEO, (&mut current as *mut libc::timeval).cast(), &mut len)
    };
    if rc != 0 {
        return false; // ENOTSOCK (a pipe), EBADF (reported by the read that follows)
    }
    if current.tv_sec != 0 || current.tv_usec != 0 {
        return true;
    }
    let slice = libc::timeval { tv_sec: 0, tv_usec: WAIT_SLICE.as_micros() as libc::suseconds_t };
    let size = std::mem::size_of::<libc::timeval>() as libc::socklen_t;
    // SAFETY: `slice` is a live timeval of the size we pass.
    let rc = unsafe {
        libc::setsockopt(fd, libc::SOL_SOCKET, libc::SO_RCVTIMEO, (&slice as *const libc::timeval).cast(), size)
    };
    rc == 0
}

/// Receives one message from a socket whose reads time out (see [`recv_bytes`]). A stop (an
/// interrupt, an exceeded limit) is taken only before the message's first byte: a message half
/// read cannot be given back, and its rest is already on its way.
fn receive_from_socket(vm: &mut Vm, fd: i32, max_length: u64) -> PyResult<io::Result<Received>> {
    let state = vm.interp.clone();
    loop {
        let stop = vm.stop_check(&state);
        let outcome = vm.allow_threads_as("Connection.recv", || {
            let mut header = [0u8; 4];
            let first = loop {
                match read_once(fd, &mut header) {
                    Err(e) if is_timeout(&e) => {
                        if stop.should_stop() {
                            return None;
                        }
                        wait_after_timeout(fd);
                    }
                    other => break other,
                }
            };
            Some(match first {
                Ok(0) => Ok(Received::Eof),
                Ok(n) => match read_exact(fd, &mut header[n..]) {
                    Ok(true) => receive_after_header(fd, header, max_length),
                    Ok(false) => Err(end_of_file_in_message()),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            })
        });
        match outcome {
            Some(received) => return Ok(received),
            None => vm.check_stop()?,
        }
    }
}

/// A read that timed out (`SO_RCVTIMEO`) or would block (an fd someone made non-blocking).
fn is_timeout(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EAGAIN))
}

/// After a read said EAGAIN, waits up to a slice for the fd to become readable, so that a
/// non-blocking fd is not read in a busy loop. (After a real receive timeout the socket has been
/// quiet for a slice already; the poll costs nothing then.)
fn wait_after_timeout(fd: i32) {
    let _ = wait_readable(fd, WAIT_SLICE.as_millis() as i32);
}

/// One `read`, retried after signals.
fn read_once(fd: i32, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: `buf` is a live, writable slice and we pass its exact length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// `poll(fd, timeout)`: is there something to read (or has the writer gone)? `timeout` in
/// seconds, `None` to wait for ever.
pub(super) fn poll(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, &args, 0, "fd")?;
    let timeout_ms = match args.get(1, "timeout") {
        None | Some(Value::None) => -1,
        Some(v) => {
            let secs = vm.to_f64(v)?;
            (secs.max(0.0) * 1000.0).ceil().min(i32::MAX as f64) as i32
        }
    };
    let deadline =
        (timeout_ms >= 0).then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    let waited = vm.wait_interruptibly("Connection.poll", deadline, |slice| {
        match wait_readable(fd, slice.as_millis() as i32) {
            Ok(false) => None,
            done => Some(done),
        }
    })?;
    match waited.unwrap_or(Ok(false)) {
        Ok(ready) => Ok(Value::Bool(ready)),
        Err(e) => Err(io_err(vm, e)),
    }
}

/// Blocks until `fd` is readable, hung up, or `timeout_ms` passes (-1: no limit).
pub(super) fn wait_readable(fd: i32, timeout_ms: i32) -> io::Result<bool> {
    let deadline =
        (timeout_ms >= 0).then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    loop {
        let mut entry = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        let wait = match deadline {
            None => -1,
            Some(d) => d.saturating_duration_since(std::time::Instant::now()).as_millis() as i32,
        };
        // SAFETY: `entry` is one valid pollfd on our stack and we pass a count of 1.
        let n = unsafe { libc::poll(&mut entry, 1, wait) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if entry.revents & libc::POLLNVAL != 0 {
            return Err(io::Error::from_raw_os_error(libc::EBADF));
        }
        return Ok(n > 0);
    }
}

/// `wait_fds(fds, timeout)`: the fds of `fds` that are readable or hung up, waiting up to
/// `timeout` seconds (`None`: until one is).
pub(super) fn wait_fds(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut fds = Vec::new();
    if let Some(list) = args.get(0, "fds") {
        for fd in vm.iterate(list)? {
            fds.push(vm.to_index(&fd)? as i32);
        }
    }
    let timeout_ms = match args.get(1, "timeout") {
        None | Some(Value::None) => -1,
        Some(v) => (vm.to_f64(v)?.max(0.0) * 1000.0).ceil().min(i32::MAX as f64) as i32,
    };
    let ready = vm.allow_threads_as("connection.wait", move || -> io::Result<Vec<i32>> {
        let mut entries: Vec<libc::pollfd> =
            fds.iter().map(|&fd| libc::pollfd { fd, events: libc::POLLIN, revents: 0 }).collect();
        loop {
            // SAFETY: `entries` is a live array of `entries.len()` pollfds.
            let n = unsafe { libc::poll(entries.as_mut_ptr(), entries.len() as libc::nfds_t, timeout_ms) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            return Ok(entries.iter().filter(|e| e.revents != 0).map(|e| e.fd).collect());
        }
    });
    match ready {
        Ok(fds) => Ok(vm.new_list(fds.into_iter().map(|fd| Value::Int(fd as i64)).collect())),
        Err(e) => Err(io_err(vm, e)),
    }
}

/// `pipe()`: `(read_fd, write_fd)`, close-on-exec (children get the fds they are given).
pub(super) fn pipe(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    Ok(Value::tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

/// `socketpair()`: two connected Unix stream sockets, for duplex pipes.
pub(super) fn socketpair(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors socketpair writes.
    let rc = unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0, fds.as_mut_ptr()) };
    if rc != 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    Ok(Value::tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

/// `close(fd)`.
pub(super) fn close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, &args, 0, "fd")?;
    // SAFETY: closing a number is memory-safe; the Python object owning `fd` marks itself closed.
    if unsafe { libc::close(fd) } != 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    Ok(Value::None)
}

/// `write_raw(fd, data)` and `read_raw(fd, n)`: unframed bytes (the spawn handshake).
pub(super) fn write_raw(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, &args, 0, "fd")?;
    let Some(data) = args.get(1, "data").and_then(|v| bytes_like(vm, v)) else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    match vm.allow_threads_as("os.write", move || write_all(fd, &data)) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(io_err(vm, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_through_a_pipe() {
        let mut fds = [0i32; 2];
        // SAFETY: room for two fds.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        write_all(fds[1], &frame(b"hello")).unwrap();
        write_all(fds[1], &frame(b"")).unwrap();
        // SAFETY: we own fds[1].
        unsafe { libc::close(fds[1]) };
        assert!(matches!(receive(fds[0], 100).unwrap(), Received::Message(m) if m == b"hello"));
        assert!(matches!(receive(fds[0], 100).unwrap(), Received::Message(m) if m.is_empty()));
        assert!(matches!(receive(fds[0], 100).unwrap(), Received::Eof));
        // SAFETY: we own fds[0].
        unsafe { libc::close(fds[0]) };
    }

    #[test]
    fn truncated_and_oversized_messages_are_errors() {
        let mut fds = [0i32; 2];
        // SAFETY: room for two fds.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        write_all(fds[1], &[0, 0, 0, 10, b'a']).unwrap();
        // SAFETY: we own fds[1].
        unsafe { libc::close(fds[1]) };
        assert_eq!(receive(fds[0], 100).err().unwrap().kind(), io::ErrorKind::UnexpectedEof);
        // SAFETY: we own fds[0].
        unsafe { libc::close(fds[0]) };
        assert_eq!(&frame(b"ab")[..4], &[0, 0, 0, 2]);
        let mut fds = [0i32; 2];
        // SAFETY: room for two fds.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        write_all(fds[1], &[0x10, 0, 0, 0]).unwrap();
        assert!(matches!(receive(fds[0], 100).unwrap(), Received::TooLong(_)));
        // SAFETY: we own both.
        unsafe {
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
    }
}
