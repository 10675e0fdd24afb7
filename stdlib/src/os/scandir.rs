//! `os.scandir`: an iterator (and context manager) of `os.DirEntry` objects, each with `name`,
//! `path`, `is_dir()`, `is_file()`, `is_symlink()`, `stat()` and `inode()`.

use std::fs::{DirEntry, FileType, ReadDir};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirEntryExt;

use gilpy_interpreter::object::{GilCell, Native, NativeFn, NativeFunction, ObjRef, Payload, Property};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::{path_arg, path_error, path_value, PathArg};
use crate::util;

struct ScandirData {
    entries: GilCell<Option<ReadDir>>,
    /// The directory as given, to build each entry's `path`.
    dir: Vec<u8>,
    as_bytes: bool,
}

struct EntryData {
    name: Vec<u8>,
    path: Vec<u8>,
    as_bytes: bool,
    inode: u64,
    /// The entry's own type (a symlink is a symlink), from the directory listing.
    file_type: Option<FileType>,
}

const ITERATOR_METHODS: &[(&str, NativeFn)] = &[
    ("__iter__", scandir_iter),
    ("__next__", scandir_next),
    ("__enter__", scandir_iter),
    ("__exit__", scandir_exit),
    ("close", scandir_close),
];

const ENTRY_METHODS: &[(&str, NativeFn)] = &[
    ("is_dir", entry_is_dir),
    ("is_file", entry_is_file),
    ("is_symlink", entry_is_symlink),
    ("stat", entry_stat),
    ("inode", entry_inode),
    ("__fspath__", entry_path),
    ("__repr__", entry_repr),
];

pub fn add_classes(vm: &mut Vm, module: &ObjRef) {
    let iterator = util::native_class(vm, "posix", "ScandirIterator", ITERATOR_METHODS);
    let entry = util::native_class(vm, "posix", "DirEntry", ENTRY_METHODS);
    if let Payload::Class(c) = entry.payload() {
        let mut dict = c.dict.borrow_mut(vm);
        for (name, getter) in [("name", entry_name as NativeFn), ("path", entry_path as NativeFn)] {
            let f = ObjRef::new(Payload::NativeFunction(NativeFunction {
                name,
                func: getter,
                bound: None,
                owner: Some("DirEntry"),
            }));
            let prop = Property { fget: Value::Obj(f), fset: Value::None, fdel: Value::None, doc: Value::None };
            dict.set_str(name, Value::Obj(ObjRef::new(Payload::Property(prop))));
        }
    }
    util::set(vm, module, "_ScandirIterator", Value::Obj(iterator));
    util::set(vm, module, "DirEntry", Value::Obj(entry));
}

pub fn os_scandir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "scandir", &args, &["path"], 0)?;
    let path = match util::given(&a[0]) {
        Some(v) => path_arg(vm, v, "scandir")?,
        None => PathArg { bytes: b".".to_vec(), is_bytes: false, original: Value::str(".") },
    };
    let entries = std::fs::read_dir(path.path()).map_err(|e| path_error(vm, &e, &path))?;
    let class = util::module_class(vm, "os", "_ScandirIterator")?;
    let data = ScandirData { entries: GilCell::new(Some(entries)), dir: path.bytes.clone(), as_bytes: path.is_bytes };
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) }))))
}

fn this_iter<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a ScandirData> {
    let this = args.items.first().ok_or_else(|| vm.type_error("method needs an instance"))?;
    util::native_data::<ScandirData>(vm, this, "ScandirIterator")
}

fn scandir_iter(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.items[0].clone())
}

fn scandir_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this_iter(vm, &args)?;
    *d.entries.borrow_mut(vm) = None;
    Ok(Value::None)
}

fn scandir_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    scandir_close(vm, Args::new(&args.items[..1]))?;
    Ok(Value::Bool(false))
}

fn scandir_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = this_iter(vm, &args)?;
    let next: Option<std::io::Result<DirEntry>> = d.entries.borrow_mut(vm).as_mut().and_then(|it| it.next());
    let entry = match next {
        None => {
            *d.entries.borrow_mut(vm) = None;
            return Err(vm.stop_iteration(None));
        }
        Some(Err(e)) => {
            let original = path_value(d.dir.clone(), d.as_bytes);
            return Err(gilpy_interpreter::builtins::file::os_error(vm, &e, Some(original)));
        }
        Some(Ok(entry)) => entry,
    };
    let name = entry.file_name().as_bytes().to_vec();
    let mut path = d.dir.clone();
    if !(path.is_empty() || path.ends_with(b"/")) {
        path.push(b'/');
    }
    path.extend_from_slice(&name);
    let data = EntryData { name, path, as_bytes: d.as_bytes, inode: entry.ino(), file_type: entry.file_type().ok() };
    let class = util::module_class(vm, "os", "DirEntry")?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) }))))
}

fn this_entry<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a EntryData> {
    let this = args.items.first().ok_or_else(|| vm.type_error("method needs an instance"))?;
    util::native_data::<EntryData>(vm, this, "DirEntry")
}

fn entry_name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let e = this_entry(vm, &args)?;
    Ok(path_value(e.name.clone(), e.as_bytes))
}

fn entry_path(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let e = this_entry(vm, &args)?;
    Ok(path_value(e.path.clone(), e.as_bytes))
}

fn entry_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let e = this_entry(vm, &args)?;
    let name = path_value(e.name.clone(), e.as_bytes);
    let r = vm.repr_of(&name)?;
    Ok(Value::string(format!("<DirEntry {r}>")))
}

fn follow_arg(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<bool> {
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    if !rest.positional().is_empty() {
        return Err(vm.type_error(format!("DirEntry.{fname}() takes no positional arguments")));
    }
    let a = util::bind(vm, fname, &rest, &["follow_symlinks"], 0)?;
    match &a[0] {
        Some(v) => vm.is_true(v),
        None => Ok(true),
    }
}

/// The entry's metadata, following a symlink when asked; `None` if it cannot be read.
fn metadata(e: &EntryData, follow: bool) -> Option<std::fs::Metadata> {
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(&e.path));
    if follow { std::fs::metadata(path) } else { std::fs::symlink_metadata(path) }.ok()
}

fn entry_is_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let follow = follow_arg(vm, &args, "is_dir")?;
    let e = this_entry(vm, &args)?;
    let is_link = e.file_type.is_some_and(|t| t.is_symlink());
    let r = match e.file_type {
        Some(t) if !(is_link && follow) => t.is_dir(),
        _ => metadata(e, follow).is_some_and(|m| m.is_dir()),
    };
    Ok(Value::Bool(r))
}

fn entry_is_file(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let follow = follow_arg(vm, &args, "is_file")?;
    let e = this_entry(vm, &args)?;
    let is_link = e.file_type.is_some_and(|t| t.is_symlink());
    let r = match e.file_type {
        Some(t) if !(is_link && follow) => t.is_file(),
        _ => metadata(e, follow).is_some_and(|m| m.is_file()),
    };
    Ok(Value::Bool(r))
}

fn entry_is_symlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let e = this_entry(vm, &args)?;
    Ok(Value::Bool(e.file_type.is_some_and(|t| t.is_symlink())))
}

fn entry_stat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let follow = follow_arg(vm, &args, "stat")?;
    let e = this_entry(vm, &args)?;
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(&e.path));
    let r = if follow { std::fs::metadata(path) } else { std::fs::symlink_metadata(path) };
    match r {
        Ok(m) => super::files::stat_result(vm, &m),
        Err(err) => {
            let original = path_value(e.path.clone(), e.as_bytes);
            Err(gilpy_interpreter::builtins::file::os_error(vm, &err, Some(original)))
        }
    }
}

fn entry_inode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let e = this_entry(vm, &args)?;
    Ok(gilpy_interpreter::builtins::int::int_from_i128(e.inode as i128))
}
