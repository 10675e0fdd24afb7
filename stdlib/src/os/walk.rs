//! `os.walk`: a lazy iterator over `(dirpath, dirnames, filenames)` with CPython's order. Top
//! down, the `dirnames` list handed out is read again before descending, so a caller can prune
//! the walk by editing it in place.

use std::os::unix::ffi::OsStrExt;

use gilpy_interpreter::object::{GilCell, Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::{fspath_of, path_value};
use crate::util;

enum Task {
    /// List the directory and yield (or queue) its triple.
    Scan(Vec<u8>),
    /// Top down: descend into what is left in the yielded `dirnames` list.
    Descend { top: Vec<u8>, dirs: Value },
    /// Bottom up: a triple whose subdirectories have been walked.
    Yield(Value),
}

struct WalkState {
    tasks: Vec<Task>,
    topdown: bool,
    followlinks: bool,
    onerror: Value,
    as_bytes: bool,
}

struct WalkData {
    state: GilCell<WalkState>,
}

const METHODS: &[(&str, NativeFn)] = &[("__iter__", walk_iter), ("__next__", walk_next)];

pub fn add_classes(vm: &mut Vm, module: &ObjRef) {
    let class = util::native_class(vm, "os", "_walk", METHODS);
    util::set(vm, module, "_walk", Value::Obj(class));
}

pub fn os_walk(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "walk", &args, &["top", "topdown", "onerror", "followlinks"], 1)?;
    let top = a[0].as_ref().expect("required");
    let Some((top, as_bytes)) = fspath_of(vm, top)? else {
        return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(top))));
    };
    let flag = |vm: &mut Vm, v: &Option<Value>, default: bool| match v {
        Some(v) => vm.is_true(v),
        None => Ok(default),
    };
    let topdown = flag(vm, &a[1], true)?;
    let followlinks = flag(vm, &a[3], false)?;
    let state = WalkState {
        tasks: vec![Task::Scan(top)],
        topdown,
        followlinks,
        onerror: a[2].clone().unwrap_or(Value::None),
        as_bytes,
    };
    let class = util::module_class(vm, "os", "_walk")?;
    let data = WalkData { state: GilCell::new(state) };
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) }))))
}

fn walk_iter(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.items[0].clone())
}

fn join(top: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = top.to_vec();
    if !(p.is_empty() || p.ends_with(b"/")) {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

fn is_link(p: &[u8]) -> bool {
    std::fs::symlink_metadata(std::ffi::OsStr::from_bytes(p)).is_ok_and(|m| m.file_type().is_symlink())
}

fn walk_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let data = util::native_data::<WalkData>(vm, &this, "_walk")?;
    loop {
        let task = data.state.borrow_mut(vm).tasks.pop();
        let (topdown, followlinks, as_bytes) = {
            let st = data.state.borrow(vm);
            (st.topdown, st.followlinks, st.as_bytes)
        };
        match task {
            None => return Err(vm.stop_iteration(None)),
            Some(Task::Yield(v)) => return Ok(v),
            Some(Task::Descend { top, dirs }) => {
                let names = vm.iterate(&dirs)?;
                let mut subdirs = Vec::new();
                for name in names {
                    let Some((name, _)) = fspath_of(vm, &name)? else { continue };
                    let path = join(&top, &name);
                    if followlinks || !is_link(&path) {
                        subdirs.push(Task::Scan(path));
                    }
                }
                data.state.borrow_mut(vm).tasks.extend(subdirs.into_iter().rev());
            }
            Some(Task::Scan(top)) => {
                let entries = match std::fs::read_dir(std::ffi::OsStr::from_bytes(&top)) {
                    Ok(e) => e,
                    Err(e) => {
                        let onerror = data.state.borrow(vm).onerror.clone();
                        if !onerror.is_none() {
                            let original = path_value(top.clone(), as_bytes);
                            let err = gilpy_interpreter::builtins::file::os_error(vm, &e, Some(original));
                            vm.call(&onerror, Args::new(&[err.value()]))?;
                        }
                        continue;
                    }
                };
                let (mut dirs, mut files, mut walk_dirs) = (Vec::new(), Vec::new(), Vec::new());
                for entry in entries.flatten() {
                    let name = entry.file_name().as_bytes().to_vec();
                    let path = join(&top, &name);
                    let is_dir = std::fs::metadata(std::ffi::OsStr::from_bytes(&path)).is_ok_and(|m| m.is_dir());
                    if is_dir {
                        if !topdown && (followlinks || !entry.file_type().is_ok_and(|t| t.is_symlink())) {
                            walk_dirs.push(path);
                        }
                        dirs.push(path_value(name, as_bytes));
                    } else {
                        files.push(path_value(name, as_bytes));
                    }
                }
                let dirs = vm.new_list(dirs);
                let files = vm.new_list(files);
                let triple = Value::tuple(vec![path_value(top.clone(), as_bytes), dirs.clone(), files]);
                if topdown {
                    data.state.borrow_mut(vm).tasks.push(Task::Descend { top, dirs });
                    return Ok(triple);
                }
                let mut st = data.state.borrow_mut(vm);
                st.tasks.push(Task::Yield(triple));
                st.tasks.extend(walk_dirs.into_iter().rev().map(Task::Scan));
            }
        }
    }
}
