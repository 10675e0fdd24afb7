//! Sockets for `multiprocessing.connection.Listener`/`Client` (and so managers): TCP or Unix
//! stream sockets handed to Python as fds, which `Connection` frames messages over, plus the
//! HMAC behind the authkey challenge.

use std::io;
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::os::fd::IntoRawFd;
use std::os::unix::net::{UnixListener, UnixStream};

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::{Args, PyResult, Value, Vm};
use hmac::{Hmac, Mac};

fn host_port(vm: &mut Vm, args: &Args<'_>) -> PyResult<(String, u16)> {
    let host = args.get(0, "host").and_then(|v| v.as_str()).unwrap_or("127.0.0.1").to_string();
    let port = match args.get(1, "port") {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let port = u16::try_from(port).map_err(|_| vm.overflow_error("port must be 0-65535."))?;
    Ok((host, port))
}

fn resolve(vm: &mut Vm, host: &str, port: u16) -> PyResult<std::net::SocketAddr> {
    match (host, port).to_socket_addrs().map(|mut a| a.next()) {
        Ok(Some(addr)) => Ok(addr),
        Ok(None) => Err(vm.new_exception_msg("OSError", &format!("cannot resolve {host}"))),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

/// `tcp_listen(host, port)`: `(fd, host, port)` of a listening socket (port 0 picks one).
pub(super) fn tcp_listen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (host, port) = host_port(vm, &args)?;
    // As in a socket's bind: the empty host means every interface.
    let host = if host.is_empty() { "0.0.0.0".to_string() } else { host };
    let addr = resolve(vm, &host, port)?;
    let listener = TcpListener::bind(addr).map_err(|e| os_error(vm, &e, None))?;
    let local = listener.local_addr().map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::tuple(vec![
        Value::Int(listener.into_raw_fd() as i64),
        Value::string(local.ip().to_string()),
        Value::Int(local.port() as i64),
    ]))
}

/// `unix_listen(path)`: the fd of a listening Unix socket at `path`.
pub(super) fn unix_listen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = args.get(0, "path").and_then(|v| v.as_str()).unwrap_or("").to_string();
    match UnixListener::bind(&path) {
        Ok(l) => Ok(Value::Int(l.into_raw_fd() as i64)),
        Err(e) => Err(os_error(vm, &e, Some(Value::string(path)))),
    }
}

/// `accept(fd)`: the fd of the next connection (waits with the GIL released).
pub(super) fn accept(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = super::fdio::fd_arg(vm, &args, 0, "fd")?;
    let accepted = vm.allow_threads_as("Listener.accept", move || loop {
        // SAFETY: null address pointers are allowed (we don't want the peer address).
        let conn = unsafe { libc::accept4(fd, std::ptr::null_mut(), std::ptr::null_mut(), libc::SOCK_CLOEXEC) };
        if conn >= 0 {
            return Ok(conn);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    });
    match accepted {
        Ok(conn) => Ok(Value::Int(conn as i64)),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

/// `tcp_connect(host, port)`: the fd of a connected socket.
pub(super) fn tcp_connect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (host, port) = host_port(vm, &args)?;
    let addr = resolve(vm, &host, port)?;
    match vm.allow_threads_as("connection.Client", move || TcpStream::connect(addr)) {
        Ok(stream) => {
            let _ = stream.set_nodelay(true);
            Ok(Value::Int(stream.into_raw_fd() as i64))
        }
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

/// `unix_connect(path)`.
pub(super) fn unix_connect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = args.get(0, "path").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let target = path.clone();
    match vm.allow_threads_as("connection.Client", move || UnixStream::connect(target)) {
        Ok(stream) => Ok(Value::Int(stream.into_raw_fd() as i64)),
        Err(e) => Err(os_error(vm, &e, Some(Value::string(path)))),
    }
}

macro_rules! hmac_with {
    ($digest:ty, $key:expr, $message:expr) => {{
        let mut mac = Hmac::<$digest>::new_from_slice($key).expect("HMAC takes keys of any length");
        mac.update($message);
        mac.finalize().into_bytes().to_vec()
    }};
}

/// `hmac_digest(name, key, message)`: HMAC with one of the digests the authkey handshake may
/// name (`md5` is what CPython 3.11 peers use), or None for an unknown name.
pub(super) fn hmac_digest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = args.get(0, "name").and_then(|v| v.as_str()).map(str::to_string);
    let key = args.get(1, "key").and_then(|v| bytes_like(vm, v));
    let message = args.get(2, "message").and_then(|v| bytes_like(vm, v));
    let (Some(name), Some(key), Some(message)) = (name, key, message) else {
        return Err(vm.type_error("hmac_digest() needs a name, a bytes key and a bytes message"));
    };
    let digest = match name.as_str() {
        "md5" => hmac_with!(md5::Md5, &key, &message),
        "sha256" => hmac_with!(sha2::Sha256, &key, &message),
        "sha384" => hmac_with!(sha2::Sha384, &key, &message),
        "sha512" => hmac_with!(sha2::Sha512, &key, &message),
        _ => return Ok(Value::None),
    };
    Ok(Value::bytes(digest))
}

/// `random_bytes(n)`: from the kernel's CSPRNG (challenges, authkeys).
pub(super) fn random_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = match args.get(0, "n") {
        Some(v) => vm.to_index(v)?,
        None => 32,
    };
    let mut buf = vec![0u8; n.clamp(0, 1 << 20) as usize];
    let mut filled = 0;
    while filled < buf.len() {
        let rest = &mut buf[filled..];
        // SAFETY: `rest` is a live writable slice of exactly that length.
        let got = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if got < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(os_error(vm, &e, None));
        }
        filled += got as usize;
    }
    Ok(Value::bytes(buf))
}
