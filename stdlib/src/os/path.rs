//! `os.path` for POSIX (CPython's `posixpath`): pure string operations on paths plus the
//! file-system queries (`exists`, `isdir`, `getsize` ...). Every function takes str, bytes or a
//! path-like object and answers in the same kind; the string work is done on bytes, which is
//! exact for UTF-8 since every separator is ASCII.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use gilpy_interpreter::object::{NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::{fspath_of, path_value};
use crate::util;

/// Constants shared by `os` and `os.path`.
pub const STR_CONSTANTS: &[(&str, &str)] = &[
    ("sep", "/"),
    ("curdir", "."),
    ("pardir", ".."),
    ("extsep", "."),
    ("pathsep", ":"),
    ("defpath", "/bin:/usr/bin"),
    ("devnull", "/dev/null"),
];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("join", path_join),
    ("split", path_split),
    ("basename", path_basename),
    ("dirname", path_dirname),
    ("splitext", path_splitext),
    ("splitdrive", path_splitdrive),
    ("isabs", path_isabs),
    ("normpath", path_normpath),
    ("normcase", path_normcase),
    ("abspath", path_abspath),
    ("realpath", path_realpath),
    ("relpath", path_relpath),
    ("commonprefix", path_commonprefix),
    ("commonpath", path_commonpath),
    ("exists", path_exists),
    ("lexists", path_lexists),
    ("isfile", path_isfile),
    ("isdir", path_isdir),
    ("islink", path_islink),
    ("getsize", path_getsize),
    ("getmtime", path_getmtime),
    ("getatime", path_getatime),
    ("getctime", path_getctime),
    ("samefile", path_samefile),
    ("expanduser", path_expanduser),
    ("expandvars", path_expandvars),
];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = util::new_module(vm, "posixpath", FUNCTIONS);
    for (name, value) in STR_CONSTANTS {
        util::set(vm, &module, name, Value::str(value));
    }
    util::set(vm, &module, "altsep", Value::None);
    util::set(vm, &module, "supports_unicode_filenames", Value::Bool(false));
    Ok(module)
}

// ----- arguments -----

/// A path argument as (bytes, is_bytes), with `os.fspath`'s message for a wrong type.
fn text(vm: &mut Vm, v: &Value) -> PyResult<(Vec<u8>, bool)> {
    match fspath_of(vm, v)? {
        Some(t) => Ok(t),
        None => Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(v)))),
    }
}

fn one_arg<'a>(vm: &Vm, args: &Args<'a>, fname: &str) -> PyResult<&'a Value> {
    util::no_kwargs(vm, fname, args)?;
    match args.items {
        [v] => Ok(v),
        _ => Err(vm.type_error(format!("{fname}() takes 1 positional argument but {} were given", args.items.len()))),
    }
}

fn one_text(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<(Vec<u8>, bool)> {
    let v = one_arg(vm, args, fname)?;
    text(vm, v)
}

// ----- pure string operations -----

/// `(head, tail)` where tail is everything after the final slash (posixpath.split).
pub fn split_bytes(p: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let i = p.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (head, tail) = (&p[..i], &p[i..]);
    let all_slashes = head.iter().all(|&b| b == b'/');
    let head = if !head.is_empty() && !all_slashes { trim_trailing_slashes(head) } else { head };
    (head.to_vec(), tail.to_vec())
}

fn trim_trailing_slashes(p: &[u8]) -> &[u8] {
    let end = p.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
    &p[..end]
}

fn join_two(path: &mut Vec<u8>, b: &[u8]) {
    if b.starts_with(b"/") {
        path.clear();
        path.extend_from_slice(b);
    } else if path.is_empty() || path.ends_with(b"/") {
        path.extend_from_slice(b);
    } else {
        path.push(b'/');
        path.extend_from_slice(b);
    }
}

fn splitext_bytes(p: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let sep_index = p.iter().rposition(|&b| b == b'/').map_or(-1, |i| i as isize);
    if let Some(dot) = p.iter().rposition(|&b| b == b'.') {
        let dot = dot as isize;
        if dot > sep_index {
            // Leading dots belong to the name (".bashrc" has no extension).
            let mut i = sep_index + 1;
            while i < dot {
                if p[i as usize] != b'.' {
                    return (p[..dot as usize].to_vec(), p[dot as usize..].to_vec());
                }
                i += 1;
            }
        }
    }
    (p.to_vec(), Vec::new())
}

pub fn normpath_bytes(path: &[u8]) -> Vec<u8> {
    if path.is_empty() {
        return b".".to_vec();
    }
    let mut initial_slashes = if path.starts_with(b"/") { 1 } else { 0 };
    // POSIX allows one implementation-defined meaning for exactly two leading slashes.
    if path.starts_with(b"//") && !path.starts_with(b"///") {
        initial_slashes = 2;
    }
    let mut comps: Vec<&[u8]> = Vec::new();
    for comp in path.split(|&b| b == b'/') {
        if comp.is_empty() || comp == b"." {
            continue;
        }
        if comp != b".." || (initial_slashes == 0 && comps.is_empty()) || comps.last() == Some(&&b".."[..]) {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let mut out = vec![b'/'; initial_slashes];
    out.extend_from_slice(&comps.join(&b'/'));
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

fn cwd_bytes() -> Vec<u8> {
    std::env::current_dir().map(|p| p.as_os_str().as_bytes().to_vec()).unwrap_or_else(|_| b"/".to_vec())
}

pub fn abspath_bytes(p: &[u8]) -> Vec<u8> {
    if p.starts_with(b"/") {
        return normpath_bytes(p);
    }
    let mut full = cwd_bytes();
    join_two(&mut full, p);
    normpath_bytes(&full)
}

fn os_path(p: &[u8]) -> &std::path::Path {
    std::path::Path::new(OsStr::from_bytes(p))
}

/// CPython's `_joinrealpath` (non-strict): resolves symlinks component by component, leaving
/// the part that does not exist as it is.
fn join_real_path(mut path: Vec<u8>, rest: &[u8], seen: &mut HashMap<Vec<u8>, Option<Vec<u8>>>) -> (Vec<u8>, bool) {
    let mut rest = rest;
    if rest.starts_with(b"/") {
        rest = &rest[1..];
        path = b"/".to_vec();
    }
    let mut parts = rest.split(|&b| b == b'/').peekable();
    while let Some(name) = parts.next() {
        if name.is_empty() || name == b"." {
            continue;
        }
        if name == b".." {
            if path.is_empty() {
                path = b"..".to_vec();
            } else {
                let (head, tail) = split_bytes(&path);
                path = head;
                if tail == b".." {
                    join_two(&mut path, b"..");
                    join_two(&mut path, b"..");
                }
            }
            continue;
        }
        let mut newpath = path.clone();
        join_two(&mut newpath, name);
        let is_link = std::fs::symlink_metadata(os_path(&newpath)).map(|m| m.file_type().is_symlink()).unwrap_or(false);
        if !is_link {
            path = newpath;
            continue;
        }
        let remaining: Vec<&[u8]> = parts.clone().collect();
        let remaining = remaining.join(&b'/');
        if let Some(known) = seen.get(&newpath) {
            match known {
                Some(resolved) => {
                    path = resolved.clone();
                    continue;
                }
                None => {
                    // A symlink loop: give up on resolving it.
                    let mut out = newpath;
                    join_two(&mut out, &remaining);
                    return (out, false);
                }
            }
        }
        seen.insert(newpath.clone(), None);
        let target =
            std::fs::read_link(os_path(&newpath)).map(|t| t.as_os_str().as_bytes().to_vec()).unwrap_or_default();
        let (resolved, ok) = join_real_path(path, &target, seen);
        if !ok {
            let mut out = resolved;
            join_two(&mut out, &remaining);
            return (out, false);
        }
        seen.insert(newpath, Some(resolved.clone()));
        path = resolved;
    }
    (path, true)
}

// ----- the functions -----

fn path_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "join", &args)?;
    let Some(first) = args.items.first() else {
        return Err(vm.type_error("join() missing 1 required positional argument: 'a'"));
    };
    let mut parts = Vec::with_capacity(args.items.len());
    parts.push(text(vm, first)?);
    for v in &args.items[1..] {
        match fspath_of(vm, v)? {
            Some(t) => parts.push(t),
            None => {
                return Err(vm.type_error(format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    vm.type_name(v)
                )))
            }
        }
    }
    let is_bytes = parts[0].1;
    if parts.iter().any(|(_, b)| *b != is_bytes) {
        return Err(vm.type_error("Can't mix strings and bytes in path components"));
    }
    let mut path = parts[0].0.clone();
    for (p, _) in &parts[1..] {
        join_two(&mut path, p);
    }
    Ok(path_value(path, is_bytes))
}

fn path_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "split")?;
    let (head, tail) = split_bytes(&p);
    Ok(Value::tuple(vec![path_value(head, b), path_value(tail, b)]))
}

fn path_basename(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "basename")?;
    let i = p.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1);
    Ok(path_value(p[i..].to_vec(), b))
}

fn path_dirname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "dirname")?;
    Ok(path_value(split_bytes(&p).0, b))
}

fn path_splitext(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "splitext")?;
    let (root, ext) = splitext_bytes(&p);
    Ok(Value::tuple(vec![path_value(root, b), path_value(ext, b)]))
}

fn path_splitdrive(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "splitdrive")?;
    Ok(Value::tuple(vec![path_value(Vec::new(), b), path_value(p, b)]))
}

fn path_isabs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = one_text(vm, &args, "isabs")?;
    Ok(Value::Bool(p.starts_with(b"/")))
}

fn path_normpath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "normpath")?;
    Ok(path_value(normpath_bytes(&p), b))
}

fn path_normcase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "normcase")?;
    Ok(path_value(p, b))
}

fn path_abspath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "abspath")?;
    Ok(path_value(abspath_bytes(&p), b))
}

fn path_realpath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "realpath", &args, &["filename", "strict"], 1)?;
    let (p, b) = text(vm, a[0].as_ref().expect("required"))?;
    let (resolved, _) = join_real_path(Vec::new(), &p, &mut HashMap::new());
    Ok(path_value(abspath_bytes(&resolved), b))
}

fn path_relpath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = util::bind(vm, "relpath", &args, &["path", "start"], 1)?;
    let (p, b) = text(vm, a[0].as_ref().expect("required"))?;
    if p.is_empty() {
        return Err(vm.value_error("no path specified"));
    }
    let start = match util::given(&a[1]) {
        Some(s) => {
            let (s, sb) = text(vm, s)?;
            if sb != b {
                return Err(vm.type_error("Can't mix strings and bytes in path components"));
            }
            s
        }
        None => b".".to_vec(),
    };
    let start_abs = abspath_bytes(&start);
    let path_abs = abspath_bytes(&p);
    let start_list: Vec<&[u8]> = start_abs.split(|&c| c == b'/').filter(|x| !x.is_empty()).collect();
    let path_list: Vec<&[u8]> = path_abs.split(|&c| c == b'/').filter(|x| !x.is_empty()).collect();
    let common = start_list.iter().zip(&path_list).take_while(|(x, y)| x == y).count();
    let mut rel: Vec<&[u8]> = vec![b".."; start_list.len() - common];
    rel.extend_from_slice(&path_list[common..]);
    if rel.is_empty() {
        return Ok(path_value(b".".to_vec(), b));
    }
    let mut out = Vec::new();
    for part in rel {
        join_two(&mut out, part);
    }
    Ok(path_value(out, b))
}

fn path_commonprefix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = one_arg(vm, &args, "commonprefix")?;
    let items = vm.iterate(m)?;
    if items.is_empty() {
        return Ok(Value::str(""));
    }
    if matches!(items[0].payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
        return common_prefix_of_sequences(vm, &items);
    }
    let mut texts = Vec::with_capacity(items.len());
    for v in &items {
        texts.push(text(vm, v)?);
    }
    let is_bytes = texts[0].1;
    if texts.iter().any(|(_, b)| *b != is_bytes) {
        return Err(vm.type_error("'<' not supported between instances of 'bytes' and 'str'"));
    }
    let s1 = texts.iter().map(|(t, _)| t).min().expect("non-empty");
    let s2 = texts.iter().map(|(t, _)| t).max().expect("non-empty");
    let mut n = s1.iter().zip(s2.iter()).take_while(|(a, b)| a == b).count();
    if !is_bytes {
        // Never cut a UTF-8 character in two.
        while n > 0 && n < s1.len() && (s1[n] & 0xC0) == 0x80 {
            n -= 1;
        }
    }
    Ok(path_value(s1[..n].to_vec(), is_bytes))
}

/// `commonprefix` of lists or tuples: the longest common leading run of items.
fn common_prefix_of_sequences(vm: &mut Vm, items: &[Value]) -> PyResult<Value> {
    let mut s1 = items[0].clone();
    let mut s2 = items[0].clone();
    for v in &items[1..] {
        if vm.lt(v, &s1)? {
            s1 = v.clone();
        }
        if vm.lt(&s2, v)? {
            s2 = v.clone();
        }
    }
    let a = vm.iterate(&s1)?;
    let b = vm.iterate(&s2)?;
    let mut n = 0;
    while n < a.len() && n < b.len() && vm.eq(&a[n], &b[n])? {
        n += 1;
    }
    let end = Value::Int(n as i64);
    let slice = Value::Obj(ObjRef::new(Payload::Slice(Box::new([Value::None, end, Value::None]))));
    vm.get_item(&s1, &slice)
}

fn path_commonpath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = one_arg(vm, &args, "commonpath")?;
    let items = vm.iterate(m)?;
    if items.is_empty() {
        return Err(vm.value_error("commonpath() arg is an empty sequence"));
    }
    let mut texts = Vec::with_capacity(items.len());
    for v in &items {
        texts.push(text(vm, v)?);
    }
    let is_bytes = texts[0].1;
    if texts.iter().any(|(_, b)| *b != is_bytes) {
        return Err(vm.type_error("Can't mix strings and bytes in path components"));
    }
    let absolute = texts[0].0.starts_with(b"/");
    if texts.iter().any(|(t, _)| t.starts_with(b"/") != absolute) {
        return Err(vm.value_error("Can't mix absolute and relative paths"));
    }
    let split: Vec<Vec<&[u8]>> =
        texts.iter().map(|(t, _)| t.split(|&c| c == b'/').filter(|c| !c.is_empty() && *c != b".").collect()).collect();
    let s1 = split.iter().min().expect("non-empty");
    let s2 = split.iter().max().expect("non-empty");
    let n = s1.iter().zip(s2.iter()).take_while(|(a, b)| a == b).count();
    let mut out = if absolute { b"/".to_vec() } else { Vec::new() };
    out.extend_from_slice(&s1[..n].join(&b'/'));
    Ok(path_value(out, is_bytes))
}

/// `os.stat` of a path or file descriptor for the queries; `None` when it fails as
/// `genericpath` swallows it (OSError, ValueError).
fn metadata(vm: &mut Vm, v: &Value, follow: bool) -> PyResult<Option<std::fs::Metadata>> {
    if let Value::Int(fd) = v {
        return Ok(super::files::fd_metadata(*fd).ok());
    }
    let (p, _) = match fspath_of(vm, v)? {
        Some(t) => t,
        None => {
            let fname = if follow { "stat" } else { "lstat" };
            return Err(vm.type_error(format!(
                "{fname}: path should be string, bytes, os.PathLike or integer, not {}",
                vm.type_name(v)
            )));
        }
    };
    if p.contains(&0) {
        return Ok(None);
    }
    let path = os_path(&p);
    Ok(if follow { std::fs::metadata(path) } else { std::fs::symlink_metadata(path) }.ok())
}

fn path_exists(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, &args, "exists")?;
    Ok(Value::Bool(metadata(vm, v, true)?.is_some()))
}

fn path_lexists(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, &args, "lexists")?;
    Ok(Value::Bool(metadata(vm, v, false)?.is_some()))
}

fn path_isfile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, &args, "isfile")?;
    Ok(Value::Bool(metadata(vm, v, true)?.is_some_and(|m| m.is_file())))
}

fn path_isdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, &args, "isdir")?;
    Ok(Value::Bool(metadata(vm, v, true)?.is_some_and(|m| m.is_dir())))
}

fn path_islink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = one_arg(vm, &args, "islink")?;
    Ok(Value::Bool(metadata(vm, v, false)?.is_some_and(|m| m.file_type().is_symlink())))
}

/// `os.stat(v).attr`, raising like `os.stat`.
fn stat_attr(vm: &mut Vm, args: &Args<'_>, fname: &str, attr: &str) -> PyResult<Value> {
    let v = one_arg(vm, args, fname)?;
    let st = super::files::os_stat(vm, Args::new(std::slice::from_ref(v)))?;
    vm.get_attr_str(&st, attr)
}

fn path_getsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_attr(vm, &args, "getsize", "st_size")
}

fn path_getmtime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_attr(vm, &args, "getmtime", "st_mtime")
}

fn path_getatime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_attr(vm, &args, "getatime", "st_atime")
}

fn path_getctime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    stat_attr(vm, &args, "getctime", "st_ctime")
}

fn path_samefile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "samefile", &args)?;
    let [a, b] = args.items else {
        return Err(
            vm.type_error(format!("samefile() takes 2 positional arguments but {} were given", args.items.len()))
        );
    };
    let sa = super::files::os_stat(vm, Args::new(std::slice::from_ref(a)))?;
    let sb = super::files::os_stat(vm, Args::new(std::slice::from_ref(b)))?;
    let same = |vm: &mut Vm, attr: &str| -> PyResult<bool> {
        let (x, y) = (vm.get_attr_str(&sa, attr)?, vm.get_attr_str(&sb, attr)?);
        vm.eq(&x, &y)
    };
    Ok(Value::Bool(same(vm, "st_ino")? && same(vm, "st_dev")?))
}

fn home_of(user: Option<&[u8]>) -> Option<Vec<u8>> {
    if user.is_none() {
        if let Some(home) = std::env::var_os("HOME") {
            return Some(home.as_bytes().to_vec());
        }
    }
    let pw = match user {
        None => {
            // SAFETY: getpwuid returns a pointer into static storage or null; read immediately.
            unsafe { libc::getpwuid(libc::getuid()) }
        }
        Some(name) => {
            let name = std::ffi::CString::new(name).ok()?;
            // SAFETY: `name` is NUL-terminated; the result is static storage or null.
            unsafe { libc::getpwnam(name.as_ptr()) }
        }
    };
    if pw.is_null() {
        return None;
    }
    // SAFETY: `pw` is non-null and points to a passwd record whose pw_dir is a C string.
    let dir = unsafe { std::ffi::CStr::from_ptr((*pw).pw_dir) };
    Some(dir.to_bytes().to_vec())
}

fn path_expanduser(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "expanduser")?;
    if !p.starts_with(b"~") {
        return Ok(path_value(p, b));
    }
    let i = p[1..].iter().position(|&c| c == b'/').map_or(p.len(), |i| i + 1);
    let user = if i == 1 { None } else { Some(&p[1..i]) };
    let Some(home) = home_of(user) else {
        return Ok(path_value(p, b));
    };
    let mut out = trim_trailing_slashes(&home).to_vec();
    out.extend_from_slice(&p[i..]);
    if out.is_empty() {
        out.push(b'/');
    }
    Ok(path_value(out, b))
}

/// The `$name` or `${name}` reference starting at `p[i] == b'$'`: (name, end of reference).
fn var_reference(p: &[u8], i: usize) -> Option<(&[u8], usize)> {
    let rest = &p[i + 1..];
    if rest.first() == Some(&b'{') {
        let close = rest.iter().position(|&c| c == b'}')?;
        return Some((&rest[1..close], i + 1 + close + 1));
    }
    let n = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
    (n > 0).then(|| (&rest[..n], i + 1 + n))
}

fn path_expandvars(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, b) = one_text(vm, &args, "expandvars")?;
    let mut out = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        if p[i] == b'$' {
            if let Some((name, end)) = var_reference(&p, i) {
                if let Some(value) = std::env::var_os(OsStr::from_bytes(name)) {
                    out.extend_from_slice(value.as_bytes());
                } else {
                    out.extend_from_slice(&p[i..end]);
                }
                i = end;
                continue;
            }
        }
        out.push(p[i]);
        i += 1;
    }
    Ok(path_value(out, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_matches_posixpath() {
        assert_eq!(split_bytes(b"x/y/z"), (b"x/y".to_vec(), b"z".to_vec()));
        assert_eq!(split_bytes(b"/a"), (b"/".to_vec(), b"a".to_vec()));
        assert_eq!(split_bytes(b"//a"), (b"//".to_vec(), b"a".to_vec()));
        assert_eq!(split_bytes(b"a//b"), (b"a".to_vec(), b"b".to_vec()));
        assert_eq!(split_bytes(b"a/"), (b"a".to_vec(), b"".to_vec()));
    }

    #[test]
    fn normpath_matches_posixpath() {
        assert_eq!(normpath_bytes(b""), b".");
        assert_eq!(normpath_bytes(b"a/./b/../c"), b"a/c");
        assert_eq!(normpath_bytes(b"../../a"), b"../../a");
        assert_eq!(normpath_bytes(b"/../a"), b"/a");
        assert_eq!(normpath_bytes(b"//a//b/"), b"//a/b");
        assert_eq!(normpath_bytes(b"///a"), b"/a");
    }

    #[test]
    fn splitext_keeps_leading_dots() {
        assert_eq!(splitext_bytes(b".bashrc"), (b".bashrc".to_vec(), b"".to_vec()));
        assert_eq!(splitext_bytes(b"a.tar.gz"), (b"a.tar".to_vec(), b".gz".to_vec()));
        assert_eq!(splitext_bytes(b"a/b.c/d"), (b"a/b.c/d".to_vec(), b"".to_vec()));
        assert_eq!(splitext_bytes(b"..x.y"), (b"..x".to_vec(), b".y".to_vec()));
    }
}
