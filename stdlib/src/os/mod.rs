//! The `os` module (POSIX only): processes, the environment, files and directories, and
//! `os.path` (in `path.rs`, also importable as `posixpath` and `os.path`). Failing calls raise
//! the `OSError` subclass CPython picks for the errno, with the file name:
//! `FileNotFoundError: [Errno 2] No such file or directory: 'x'`.

mod environ;
mod fd;
mod files;
pub mod path;
mod process;
mod scandir;
mod walk;

pub use process::in_forked_child;

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use gilpy_interpreter::builtins::bytes::bytes_like;
use gilpy_interpreter::object::{NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

use crate::util;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getpid", os_getpid),
    ("getppid", os_getppid),
    ("getuid", os_getuid),
    ("getgid", os_getgid),
    ("getcwd", os_getcwd),
    ("getcwdb", os_getcwdb),
    ("chdir", os_chdir),
    ("getenv", environ::os_getenv),
    ("putenv", environ::os_putenv),
    ("unsetenv", environ::os_unsetenv),
    ("system", os_system),
    ("kill", os_kill),
    ("_exit", os_exit),
    ("cpu_count", os_cpu_count),
    ("urandom", os_urandom),
    ("strerror", os_strerror),
    ("fspath", os_fspath),
    ("remove", files::os_remove),
    ("unlink", files::os_remove),
    ("rmdir", files::os_rmdir),
    ("mkdir", files::os_mkdir),
    ("makedirs", files::os_makedirs),
    ("removedirs", files::os_removedirs),
    ("rename", files::os_rename),
    ("replace", files::os_rename),
    ("listdir", files::os_listdir),
    ("stat", files::os_stat),
    ("lstat", files::os_lstat),
    ("access", files::os_access),
    ("chmod", files::os_chmod),
    ("utime", files::os_utime),
    ("walk", walk::os_walk),
    ("scandir", scandir::os_scandir),
    ("readlink", files::os_readlink),
    ("symlink", files::os_symlink),
    ("umask", os_umask),
    ("uname", os_uname),
    ("open", fd::os_open),
    ("close", fd::os_close),
    ("read", fd::os_read),
    ("write", fd::os_write),
    ("pipe", fd::os_pipe),
    ("dup", fd::os_dup),
    ("isatty", fd::os_isatty),
    ("WIFEXITED", os_wifexited),
    ("WEXITSTATUS", os_wexitstatus),
    ("WIFSIGNALED", os_wifsignaled),
    ("WTERMSIG", os_wtermsig),
    ("waitstatus_to_exitcode", os_waitstatus_to_exitcode),
];

const INT_CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("SEEK_SET", 0),
    ("SEEK_CUR", 1),
    ("SEEK_END", 2),
    ("EX_OK", 0),
];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = util::new_module(vm, "os", FUNCTIONS);
    for (name, value) in INT_CONSTANTS.iter().chain(process::INT_CONSTANTS) {
        util::set(vm, &module, name, Value::Int(*value));
    }
    for (name, func) in process::FUNCTIONS {
        util::set(vm, &module, name, util::native_fn(name, *func));
    }
    process::add_hook_lists(vm, &module);
    for (name, value) in path::STR_CONSTANTS {
        util::set(vm, &module, name, Value::str(value));
    }
    util::set(vm, &module, "altsep", Value::None);
    util::set(vm, &module, "name", Value::str("posix"));
    util::set(vm, &module, "linesep", Value::str("\n"));
    util::set(vm, &module, "error", Value::Obj(vm.exc_class("OSError")));
    let environ = environ::new_environ(vm)?;
    util::set(vm, &module, "environ", environ);
    files::add_classes(vm, &module)?;
    walk::add_classes(vm, &module);
    scandir::add_classes(vm, &module);
    let uname = gilpy_interpreter::builtins::structseq::make_type(vm, "posix", "uname_result", &UNAME_FIELDS)?;
    util::set(vm, &module, "uname_result", Value::Obj(uname));
    // `os.path` is the posixpath module, as in CPython.
    let path_module = vm.import_module("posixpath")?;
    util::set(vm, &module, "path", path_module.clone());
    let modules = vm.interp.modules.clone();
    vm.dict_set_str_value(&modules, Value::str("os.path"), path_module);
    Ok(module)
}

// ----- path arguments -----

/// A path argument: the bytes of the path, whether it came as `bytes`, and the original object
/// (what error messages show).
pub struct PathArg {
    pub bytes: Vec<u8>,
    pub is_bytes: bool,
    pub original: Value,
}

impl PathArg {
    pub fn path(&self) -> PathBuf {
        PathBuf::from(std::ffi::OsStr::from_bytes(&self.bytes))
    }

    pub fn c_string(&self, vm: &Vm, fname: &str) -> PyResult<CString> {
        CString::new(self.bytes.clone()).map_err(|_| vm.value_error(format!("{fname}: embedded null byte")))
    }

    /// A value of the same kind as the argument (str or bytes) holding `bytes`.
    pub fn same_kind(&self, bytes: Vec<u8>) -> Value {
        path_value(bytes, self.is_bytes)
    }
}

/// A str (lossily, for non-UTF-8 names) or bytes value from path bytes.
pub fn path_value(bytes: Vec<u8>, as_bytes: bool) -> Value {
    if as_bytes {
        return Value::bytes(bytes);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Value::string(s),
        Err(e) => Value::string(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

/// `os.fspath(v)`: str and bytes as they are, `__fspath__` for path-like objects; `None` for
/// anything else.
pub fn fspath_of(vm: &mut Vm, v: &Value) -> PyResult<Option<(Vec<u8>, bool)>> {
    if let Some(s) = gilpy_interpreter::builtins::receiver(v).as_str() {
        return Ok(Some((s.as_bytes().to_vec(), false)));
    }
    if let Some(Payload::Bytes(b)) = gilpy_interpreter::builtins::receiver(v).payload() {
        return Ok(Some((b.to_vec(), true)));
    }
    let Some(fspath) = gilpy_interpreter::vm::attr::lookup_special(vm, v, "__fspath__") else {
        return Ok(None);
    };
    let r = vm.call(&fspath, Args::new(std::slice::from_ref(v)))?;
    if let Some(s) = gilpy_interpreter::builtins::receiver(&r).as_str() {
        return Ok(Some((s.as_bytes().to_vec(), false)));
    }
    if let Some(Payload::Bytes(b)) = gilpy_interpreter::builtins::receiver(&r).payload() {
        return Ok(Some((b.to_vec(), true)));
    }
    let (t, rt) = (vm.type_name(v), vm.type_name(&r));
    Err(vm.type_error(format!("expected {t}.__fspath__() to return str or bytes, not {rt}")))
}

/// A path argument of the function `fname`, with CPython's message for a wrong type.
pub fn path_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<PathArg> {
    match fspath_of(vm, v)? {
        Some((bytes, _)) if bytes.contains(&0) => Err(vm.value_error("embedded null byte")),
        Some((bytes, is_bytes)) => Ok(PathArg { bytes, is_bytes, original: v.clone() }),
        None => {
            Err(vm.type_error(format!("{fname}: path should be string, bytes or os.PathLike, not {}", vm.type_name(v))))
        }
    }
}

/// The OSError for a failed call on `path`.
pub fn path_error(vm: &mut Vm, e: &io::Error, path: &PathArg) -> PyErr {
    gilpy_interpreter::builtins::file::os_error(vm, e, Some(path.original.clone()))
}

/// The OSError for a failed call without a file name.
pub fn plain_error(vm: &mut Vm, e: &io::Error) -> PyErr {
    gilpy_interpreter::builtins::file::os_error(vm, e, None)
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::Float(_) = v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    vm.to_index(v)
}

fn c_int_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let i = int_arg(vm, v)?;
    i32::try_from(i).map_err(|_| {
        vm.overflow_error(if i > 0 {
            "signed integer is greater than maximum"
        } else {
            "signed integer is less than minimum"
        })
    })
}

// ----- processes -----

fn os_getpid(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

fn os_getppid(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    // SAFETY: getppid has no preconditions and cannot fail.
    Ok(Value::Int(unsafe { libc::getppid() } as i64))
}

fn os_getuid(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    // SAFETY: getuid has no preconditions and cannot fail.
    Ok(Value::Int(unsafe { libc::getuid() } as i64))
}

fn os_getgid(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    // SAFETY: getgid has no preconditions and cannot fail.
    Ok(Value::Int(unsafe { libc::getgid() } as i64))
}

fn os_getcwd(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(path_value(p.as_os_str().as_bytes().to_vec(), false)),
        Err(e) => Err(plain_error(vm, &e)),
    }
}

fn os_getcwdb(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(Value::bytes(p.as_os_str().as_bytes().to_vec())),
        Err(e) => Err(plain_error(vm, &e)),
    }
}

fn os_chdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "chdir", &args, &["path"], 1)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "chdir")?;
    std::env::set_current_dir(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    Ok(Value::None)
}

fn os_system(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "system", &args, &["command"], 1)?;
    let command = a[0].as_ref().expect("required");
    let Some((bytes, _)) = fspath_of(vm, command)? else {
        return Err(vm.type_error(format!(
            "system() argument 'command' must be str, bytes or os.PathLike, not {}",
            vm.type_name(command)
        )));
    };
    let Ok(c_command) = CString::new(bytes) else {
        return Err(vm.value_error("embedded null byte"));
    };
    // SAFETY: `c_command` is a valid NUL-terminated string for the duration of the call.
    let status = vm.allow_threads_as("os.system", move || unsafe { libc::system(c_command.as_ptr()) });
    Ok(Value::Int(status as i64))
}

fn os_kill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "kill", &args)?;
    let [pid, sig] = args.items else {
        return Err(vm.type_error(format!("kill expected 2 arguments, got {}", args.items.len())));
    };
    let (pid, sig) = (c_int_arg(vm, pid)?, c_int_arg(vm, sig)?);
    // SAFETY: kill takes plain integers; errors are reported through errno.
    if unsafe { libc::kill(pid, sig) } != 0 {
        return Err(plain_error(vm, &io::Error::last_os_error()));
    }
    Ok(Value::None)
}

fn os_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "_exit", &args, &["status"], 1)?;
    let code = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    // SAFETY: _exit ends the process at once without flushing anything, as os._exit promises.
    unsafe { libc::_exit(code) }
}

fn os_cpu_count(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n > 0 { Value::Int(n as i64) } else { Value::None })
}

/// Fills `buf` from the kernel's random source.
pub fn fill_random(buf: &mut [u8]) -> io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(buf)
}

fn os_urandom(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind_posonly(vm, "urandom", &args, &["size"], 1, 1)?;
    let n = int_arg(vm, a[0].as_ref().expect("required"))?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = util::zeroed(vm, n as usize)?;
    fill_random(&mut buf).map_err(|e| plain_error(vm, &e))?;
    Ok(Value::bytes(buf))
}

fn os_strerror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind_posonly(vm, "strerror", &args, &["code"], 1, 1)?;
    let code = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    let text = io::Error::from_raw_os_error(code).to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    Ok(Value::string(text))
}

fn os_fspath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "fspath", &args, &["path"], 1)?;
    let v = a[0].as_ref().expect("required");
    if gilpy_interpreter::builtins::receiver(v).as_str().is_some()
        || bytes_like(vm, v).is_some() && matches!(v.payload(), Some(Payload::Bytes(_)))
    {
        return Ok(v.clone());
    }
    match fspath_of(vm, v)? {
        Some((bytes, is_bytes)) => Ok(path_value(bytes, is_bytes)),
        None => Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(v)))),
    }
}

// ----- wait statuses (what `os.system` returns) -----

fn status_arg(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<i32> {
    let a = util::bind(vm, fname, args, &["status"], 1)?;
    c_int_arg(vm, a[0].as_ref().expect("required"))
}

fn os_wifexited(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFEXITED")?;
    Ok(Value::Bool(libc::WIFEXITED(s)))
}

fn os_wexitstatus(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WEXITSTATUS")?;
    Ok(Value::Int(libc::WEXITSTATUS(s) as i64))
}

fn os_wifsignaled(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFSIGNALED")?;
    Ok(Value::Bool(libc::WIFSIGNALED(s)))
}

fn os_wtermsig(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WTERMSIG")?;
    Ok(Value::Int(libc::WTERMSIG(s) as i64))
}

fn os_waitstatus_to_exitcode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "waitstatus_to_exitcode")?;
    if libc::WIFEXITED(s) {
        return Ok(Value::Int(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(Value::Int(-(libc::WTERMSIG(s) as i64)));
    }
    Err(vm.value_error(format!("invalid wait status: {s}")))
}

// ----- system identity -----

const UNAME_FIELDS: [&str; 5] = ["sysname", "nodename", "release", "version", "machine"];

fn os_umask(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "umask", &args, &["mask"], 1)?;
    let mask = c_int_arg(vm, a[0].as_ref().expect("required"))?;
    // SAFETY: umask only swaps the process's file creation mask.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    Ok(Value::Int(old as i64))
}

fn c_chars(field: &[libc::c_char]) -> Value {
    let bytes: Vec<u8> = field.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    path_value(bytes, false)
}

fn os_uname(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    // SAFETY: utsname is plain C data; uname fills it and reports errors through errno.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid, writable utsname.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(plain_error(vm, &io::Error::last_os_error()));
    }
    let values =
        vec![c_chars(&u.sysname), c_chars(&u.nodename), c_chars(&u.release), c_chars(&u.version), c_chars(&u.machine)];
    let class = util::module_class(vm, "os", "uname_result")?;
    Ok(gilpy_interpreter::builtins::structseq::new_instance(vm, &class, values, &[]))
}
