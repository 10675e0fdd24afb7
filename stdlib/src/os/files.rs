//! Files and directories: `remove`, `mkdir`, `makedirs`, `rename`, `listdir`, `stat` (and the
//! `os.stat_result` struct sequence), `access`, `chmod`, `utime`.

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};

use gilpy_interpreter::builtins::structseq;
use gilpy_interpreter::object::{ObjRef, Payload};
use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

use super::{path_arg, path_error, PathArg};
use crate::util;

const STAT_FIELDS: [&str; 10] =
    ["st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime", "st_ctime"];

pub fn add_classes(vm: &mut Vm, module: &ObjRef) -> PyResult<()> {
    let class = structseq::make_type(vm, "os", "stat_result", &STAT_FIELDS)?;
    // Items 7-9 are the whole-second times; the attributes of those names are the float times,
    // stored on each instance, as in CPython.
    if let Payload::Class(c) = class.payload() {
        let mut dict = c.dict.borrow_mut(vm);
        for name in &STAT_FIELDS[7..] {
            dict.remove_str(name);
        }
    }
    util::set(vm, module, "stat_result", Value::Obj(class));
    Ok(())
}

fn one_path(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<PathArg> {
    let a = util::bind(vm, fname, args, &["path", "dir_fd"], 1)?;
    path_arg(vm, a[0].as_ref().expect("required"), fname)
}

pub fn os_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "remove")?;
    std::fs::remove_file(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    Ok(Value::None)
}

pub fn os_rmdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "rmdir")?;
    std::fs::remove_dir(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    Ok(Value::None)
}

fn mode_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<u32> {
    match v {
        None => Ok(0o777),
        Some(Value::Float(_)) => Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        Some(v) => Ok(vm.to_index(v)? as u32),
    }
}

fn make_dir(vm: &mut Vm, path: &PathArg, mode: u32) -> PyResult<()> {
    std::fs::DirBuilder::new().mode(mode).create(path.path()).map_err(|e| path_error(vm, &e, path))
}

pub fn os_mkdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "mkdir", &args, &["path", "mode", "dir_fd"], 1)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "mkdir")?;
    let mode = mode_arg(vm, a[1].as_ref())?;
    make_dir(vm, &path, mode)?;
    Ok(Value::None)
}

pub fn os_makedirs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "makedirs", &args, &["name", "mode", "exist_ok"], 1)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "mkdir")?;
    let mode = mode_arg(vm, a[1].as_ref())?;
    let exist_ok = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    make_dirs(vm, &path, mode, exist_ok)?;
    Ok(Value::None)
}

fn is_exists_error(vm: &Vm, e: &PyErr) -> bool {
    vm.err_matches(e, "FileExistsError")
}

/// CPython's `os.makedirs`: the missing parents first (with the default mode), then the leaf.
fn make_dirs(vm: &mut Vm, path: &PathArg, mode: u32, exist_ok: bool) -> PyResult<()> {
    let (mut head, mut tail) = super::path::split_bytes(&path.bytes);
    if tail.is_empty() {
        (head, tail) = super::path::split_bytes(&head);
    }
    if !head.is_empty() && !tail.is_empty() && !std::path::Path::new(std::ffi::OsStr::from_bytes(&head)).exists() {
        let parent = PathArg { original: path.same_kind(head.clone()), bytes: head, is_bytes: path.is_bytes };
        match make_dirs(vm, &parent, 0o777, exist_ok) {
            Err(e) if !is_exists_error(vm, &e) => return Err(e),
            _ => {}
        }
        if tail == b"." {
            return Ok(());
        }
    }
    match make_dir(vm, path, mode) {
        Err(e) if !(exist_ok && path.path().is_dir()) => Err(e),
        _ => Ok(()),
    }
}

pub fn os_removedirs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "removedirs", &args, &["name"], 1)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "rmdir")?;
    std::fs::remove_dir(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    let (mut head, mut tail) = super::path::split_bytes(&path.bytes);
    if tail.is_empty() {
        (head, tail) = super::path::split_bytes(&head);
    }
    while !head.is_empty() && !tail.is_empty() {
        if std::fs::remove_dir(std::ffi::OsStr::from_bytes(&head)).is_err() {
            break;
        }
        (head, tail) = super::path::split_bytes(&head);
    }
    Ok(Value::None)
}

pub fn os_rename(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "rename", &args, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2)?;
    let src = path_arg(vm, a[0].as_ref().expect("required"), "rename")?;
    let dst = path_arg(vm, a[1].as_ref().expect("required"), "rename")?;
    if let Err(e) = std::fs::rename(src.path(), dst.path()) {
        let err = path_error(vm, &e, &src);
        vm.set_attr(&err.value(), &Value::str("filename2"), dst.original.clone())?;
        return Err(err);
    }
    Ok(Value::None)
}

pub fn os_listdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "listdir", &args, &["path"], 0)?;
    let path = match util::given(&a[0]) {
        Some(v) => path_arg(vm, v, "listdir")?,
        None => PathArg { bytes: b".".to_vec(), is_bytes: false, original: Value::str(".") },
    };
    let entries = std::fs::read_dir(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| path_error(vm, &e, &path))?;
        names.push(path.same_kind(entry.file_name().as_bytes().to_vec()));
    }
    Ok(vm.new_list(names))
}

/// `os.stat`/`os.lstat`: a path or an open file descriptor.
fn stat_common(vm: &mut Vm, args: Args<'_>, fname: &str, follow: bool) -> PyResult<Value> {
    let a = util::bind(vm, fname, &args, &["path", "dir_fd", "follow_symlinks"], 1)?;
    let target = a[0].as_ref().expect("required");
    let follow = follow
        && match &a[2] {
            Some(v) => vm.is_true(v)?,
            None => true,
        };
    let meta = if let Value::Int(fd) = target {
        fd_metadata(*fd).map_err(|e| super::plain_error(vm, &e))?
    } else {
        let path = path_arg(vm, target, fname)?;
        let r = if follow { std::fs::metadata(path.path()) } else { std::fs::symlink_metadata(path.path()) };
        r.map_err(|e| path_error(vm, &e, &path))?
    };
    stat_result(vm, &meta)
}

pub(super) fn fd_metadata(fd: i64) -> io::Result<std::fs::Metadata> {
    use std::os::unix::io::FromRawFd;
    let fd = i32::try_from(fd).map_err(|_| io::Error::from_raw_os_error(libc::EBADF))?;
    // SAFETY: the File is wrapped in ManuallyDrop, so it never closes the caller's descriptor;
    // an invalid descriptor makes fstat fail with EBADF.
    let file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
    file.metadata()
}

pub fn stat_result(vm: &mut Vm, m: &std::fs::Metadata) -> PyResult<Value> {
    let class = util::module_class(vm, "os", "stat_result")?;
    let float_time = |s: i64, ns: i64| Value::Float(s as f64 + ns as f64 * 1e-9);
    let ns_time =
        |s: i64, ns: i64| gilpy_interpreter::builtins::int::int_from_i128(s as i128 * 1_000_000_000 + ns as i128);
    let values = vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
    ];
    let extra = [
        ("st_atime", float_time(m.atime(), m.atime_nsec())),
        ("st_mtime", float_time(m.mtime(), m.mtime_nsec())),
        ("st_ctime", float_time(m.ctime(), m.ctime_nsec())),
        ("st_atime_ns", ns_time(m.atime(), m.atime_nsec())),
        ("st_mtime_ns", ns_time(m.mtime(), m.mtime_nsec())),
        ("st_ctime_ns", ns_time(m.ctime(), m.ctime_nsec())),
        ("st_blksize", Value::Int(m.blksize() as i64)),
        ("st_blocks", Value::Int(m.blocks() as i64)),
        ("st_rdev", Value::Int(m.rdev() as i64)),
    ];
    Ok(structseq::new_instance(vm, &class, values, &extra))
}

pub fn os_stat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_common(vm, args, "stat", true)
}

pub fn os_lstat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_common(vm, args, "lstat", false)
}

pub fn os_access(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "access", &args, &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 2)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "access")?;
    let mode = vm.to_index(a[1].as_ref().expect("required"))? as i32;
    let c_path = path.c_string(vm, "access")?;
    // SAFETY: `c_path` is a valid NUL-terminated string for the duration of the call.
    let r = unsafe { libc::access(c_path.as_ptr(), mode) };
    Ok(Value::Bool(r == 0))
}

pub fn os_chmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "chmod", &args, &["path", "mode", "dir_fd", "follow_symlinks"], 2)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "chmod")?;
    let mode = mode_arg(vm, a[1].as_ref())?;
    std::fs::set_permissions(path.path(), std::fs::Permissions::from_mode(mode))
        .map_err(|e| path_error(vm, &e, &path))?;
    Ok(Value::None)
}

fn timespec_of(vm: &mut Vm, v: &Value) -> PyResult<libc::timespec> {
    let secs = util::number_arg(vm, v)?;
    let whole = secs.floor();
    Ok(libc::timespec { tv_sec: whole as libc::time_t, tv_nsec: ((secs - whole) * 1e9) as libc::c_long })
}

pub fn os_utime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "utime", &args, &["path", "times", "ns", "dir_fd", "follow_symlinks"], 1)?;
    let path = path_arg(vm, a[0].as_ref().expect("required"), "utime")?;
    let now = libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW };
    let times = match util::given(&a[1]) {
        None => [now, now],
        Some(t) => {
            let items = match t.payload() {
                Some(Payload::Tuple(items)) if items.len() == 2 => items.to_vec(),
                _ => return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None")),
            };
            [timespec_of(vm, &items[0])?, timespec_of(vm, &items[1])?]
        }
    };
    let c_path = path.c_string(vm, "utime")?;
    // SAFETY: `c_path` is NUL-terminated and `times` points to two valid timespecs.
    let r = unsafe { libc::utimensat(libc::AT_FDCWD, c_path.as_ptr(), times.as_ptr(), 0) };
    if r != 0 {
        return Err(path_error(vm, &io::Error::last_os_error(), &path));
    }
    Ok(Value::None)
}

pub fn os_readlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "readlink")?;
    let target = std::fs::read_link(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    Ok(path.same_kind(target.as_os_str().as_bytes().to_vec()))
}

pub fn os_symlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "symlink", &args, &["src", "dst", "target_is_directory", "dir_fd"], 2)?;
    let src = path_arg(vm, a[0].as_ref().expect("required"), "symlink")?;
    let dst = path_arg(vm, a[1].as_ref().expect("required"), "symlink")?;
    if let Err(e) = std::os::unix::fs::symlink(src.path(), dst.path()) {
        let err = path_error(vm, &e, &src);
        vm.set_attr(&err.value(), &Value::str("filename2"), dst.original.clone())?;
        return Err(err);
    }
    Ok(Value::None)
}
