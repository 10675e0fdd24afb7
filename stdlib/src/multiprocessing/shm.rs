//! Memory shared between processes: one anonymous `memfd` per object, mapped `MAP_SHARED`.
//!
//! A child gets the memory by inheriting the fd (the spawn code passes it, at the same number)
//! and mapping it again, so nothing has a name in `/dev/shm` that a crash could leak: the memory
//! goes away when the last process closes its fd. `Value` and `Array` are typed views of a region;
//! `SemLock` (see `semlock.rs`) keeps a process-shared POSIX semaphore in one.

use std::io;

use gilpy_interpreter::builtins::file::os_error;
use gilpy_interpreter::object::{Native, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

/// A mapping of a memfd. The mapping stays valid for as long as this value lives.
pub(super) struct SharedRegion {
    pub fd: i32,
    ptr: *mut u8,
    pub len: usize,
}

// SAFETY: the region is plain shared memory; every access goes through raw reads/writes of
// `Copy` data (or a POSIX semaphore, which is thread- and process-safe), and Python-level access
// to `Value`/`Array` happens with the GIL held (lost updates are possible across processes, as in
// CPython without `get_lock()`, but never memory unsafety).
unsafe impl Send for SharedRegion {}
// SAFETY: as above.
unsafe impl Sync for SharedRegion {}

impl SharedRegion {
    /// A new zero-filled region of `len` bytes (at least one page is mapped).
    pub fn create(len: usize) -> io::Result<SharedRegion> {
        let name = c"gilpy-mp";
        // SAFETY: `name` is a NUL-terminated string; the flags are valid.
        let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is the memfd we just made.
        if unsafe { libc::ftruncate(fd, len.max(1) as libc::off_t) } != 0 {
            let e = io::Error::last_os_error();
            // SAFETY: we own `fd`.
            unsafe { libc::close(fd) };
            return Err(e);
        }
        Self::map(fd, len)
    }

    /// Maps an inherited region fd (taking ownership of `fd`).
    pub fn attach(fd: i32) -> io::Result<SharedRegion> {
        // SAFETY: `stat` is plain data the kernel fills in.
        let mut stat: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: `stat` is a valid out-pointer.
        if unsafe { libc::fstat(fd, &mut stat) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Self::map(fd, stat.st_size as usize)
    }

    fn map(fd: i32, len: usize) -> io::Result<SharedRegion> {
        // SAFETY: a fresh shared mapping of a file we hold open; the kernel picks the address.
        let ptr = unsafe {
            libc::mmap(std::ptr::null_mut(), len.max(1), libc::PROT_READ | libc::PROT_WRITE, libc::MAP_SHARED, fd, 0)
        };
        if ptr == libc::MAP_FAILED {
            let e = io::Error::last_os_error();
            // SAFETY: we own `fd`.
            unsafe { libc::close(fd) };
            return Err(e);
        }
        Ok(SharedRegion { fd, ptr: ptr.cast(), len })
    }

    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr
    }

    pub fn read(&self, offset: usize, out: &mut [u8]) {
        assert!(offset + out.len() <= self.len);
        // SAFETY: in bounds (checked above) of a live mapping; u8 has no alignment needs.
        unsafe { std::ptr::copy_nonoverlapping(self.ptr.add(offset), out.as_mut_ptr(), out.len()) }
    }

    pub fn write(&self, offset: usize, data: &[u8]) {
        assert!(offset + data.len() <= self.len);
        // SAFETY: in bounds (checked above) of a live, writable mapping.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr.add(offset), data.len()) }
    }
}

impl Drop for SharedRegion {
    fn drop(&mut self) {
        // SAFETY: `ptr`/`len` are the mapping made in `map`, unmapped once, and we own `fd`.
        unsafe {
            libc::munmap(self.ptr.cast(), self.len.max(1));
            libc::close(self.fd);
        }
    }
}

/// The element types `Value` and `Array` accept (the ctypes typecodes CPython's `sharedctypes` uses).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Elem {
    Char,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Bool,
}

impl Elem {
    pub fn from_code(code: &str) -> Option<Elem> {
        Some(match code {
            "c" => Elem::Char,
            "b" => Elem::I8,
            "B" => Elem::U8,
            "h" => Elem::I16,
            "H" => Elem::U16,
            "i" => Elem::I32,
            "I" => Elem::U32,
            "l" | "q" => Elem::I64,
            "L" | "Q" => Elem::U64,
            "f" => Elem::F32,
            "d" => Elem::F64,
            "?" => Elem::Bool,
            _ => return None,
        })
    }

    pub fn size(self) -> usize {
        match self {
            Elem::Char | Elem::I8 | Elem::U8 | Elem::Bool => 1,
            Elem::I16 | Elem::U16 => 2,
            Elem::I32 | Elem::U32 | Elem::F32 => 4,
            Elem::I64 | Elem::U64 | Elem::F64 => 8,
        }
    }

    fn load(self, raw: &[u8]) -> Value {
        let mut b = [0u8; 8];
        b[..raw.len()].copy_from_slice(raw);
        match self {
            Elem::Char => Value::bytes(vec![raw[0]]),
            Elem::I8 => Value::Int(raw[0] as i8 as i64),
            Elem::U8 => Value::Int(raw[0] as i64),
            Elem::Bool => Value::Bool(raw[0] != 0),
            Elem::I16 => Value::Int(i16::from_ne_bytes([b[0], b[1]]) as i64),
            Elem::U16 => Value::Int(u16::from_ne_bytes([b[0], b[1]]) as i64),
            Elem::I32 => Value::Int(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
            Elem::U32 => Value::Int(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
            Elem::I64 => Value::Int(i64::from_ne_bytes(b)),
            Elem::U64 => {
                let u = u64::from_ne_bytes(b);
                match i64::try_from(u) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::int_from_big(u.into()),
                }
            }
            Elem::F32 => Value::Float(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f64),
            Elem::F64 => Value::Float(f64::from_ne_bytes(b)),
        }
    }

    /// Converts like ctypes does: ints wrap to the C type's width, floats accept ints.
    fn store(self, vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
        Ok(match self {
            Elem::Char => match gilpy_interpreter::builtins::bytes::bytes_like(vm, v) {
                Some(b) if b.len() == 1 => b,
                _ => return Err(vm.type_error("one character bytes, bytearray or integer expected")),
            },
            Elem::F32 => (vm.to_f64(v)? as f32).to_ne_bytes().to_vec(),
            Elem::F64 => vm.to_f64(v)?.to_ne_bytes().to_vec(),
            Elem::Bool => vec![vm.is_true(v)? as u8],
            int_kind => {
                if matches!(v, Value::Float(_)) {
                    return Err(vm.type_error("int expected instead of float"));
                }
                let wide = match v {
                    Value::Int(i) => *i as i128,
                    Value::Bool(b) => *b as i128,
                    other => vm.to_index(other)? as i128,
                };
                wide.to_ne_bytes()[..int_kind.size()].to_vec()
            }
        })
    }
}

/// State of a `_multiprocessing` shared array: a region holding `length` elements.
pub(super) struct SharedArray {
    region: SharedRegion,
    elem: Elem,
    typecode: String,
    length: usize,
}

fn array_class(vm: &mut Vm) -> PyResult<ObjRef> {
    super::native_class(vm, "SharedArray")
}

pub(super) const ARRAY_METHODS: &[(&str, gilpy_interpreter::object::NativeFn)] = &[
    ("__len__", array_len),
    ("__getitem__", array_getitem),
    ("__setitem__", array_setitem),
    ("fileno", array_fileno),
    ("typecode", array_typecode),
];

fn array_self<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a SharedArray> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => n.downcast::<SharedArray>().ok_or_else(|| vm.type_error("expected a SharedArray")),
        _ => Err(vm.type_error("expected a SharedArray")),
    }
}

fn wrap_array(vm: &mut Vm, array: SharedArray) -> PyResult<Value> {
    let class = array_class(vm)?;
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(array) }))))
}

fn elem_arg(vm: &mut Vm, args: &Args<'_>) -> PyResult<(Elem, String)> {
    let code = args.get(0, "typecode").and_then(|v| v.as_str()).unwrap_or("").to_string();
    match Elem::from_code(&code) {
        Some(e) => Ok((e, code)),
        None => Err(vm.type_error(format!("unsupported typecode {code:?}"))),
    }
}

/// `shared_array(typecode, length)`: zero-filled shared memory.
pub(super) fn shared_array(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (elem, typecode) = elem_arg(vm, &args)?;
    let length = match args.get(1, "length") {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("array length must be >= 0"));
    }
    let region = SharedRegion::create(length as usize * elem.size()).map_err(|e| os_error(vm, &e, None))?;
    wrap_array(vm, SharedArray { region, elem, typecode, length: length as usize })
}

/// `attach_array(typecode, fd, length)`: a child's view of an inherited array.
pub(super) fn attach_array(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (elem, typecode) = elem_arg(vm, &args)?;
    let fd = super::fdio::fd_arg(vm, &args, 1, "fd")?;
    let length = match args.get(2, "length") {
        Some(v) => vm.to_index(v)?.max(0) as usize,
        None => 1,
    };
    // SAFETY: dup of an inherited fd number; a bad number gives EBADF.
    let own = unsafe { libc::dup(fd) };
    if own < 0 {
        return Err(os_error(vm, &io::Error::last_os_error(), None));
    }
    let region = SharedRegion::attach(own).map_err(|e| os_error(vm, &e, None))?;
    if region.len < length * elem.size() {
        return Err(vm.value_error("shared memory region is smaller than the array"));
    }
    wrap_array(vm, SharedArray { region, elem, typecode, length })
}

fn array_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(array_self(vm, &args)?.length as i64))
}

fn array_fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(array_self(vm, &args)?.region.fd as i64))
}

fn array_typecode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::str(&array_self(vm, &args)?.typecode))
}

fn array_index(vm: &mut Vm, array: &SharedArray, key: Option<&Value>) -> PyResult<usize> {
    let Some(key) = key else { return Err(vm.type_error("index expected")) };
    let mut i = vm.to_index(key)?;
    if i < 0 {
        i += array.length as i64;
    }
    if i < 0 || i as usize >= array.length {
        return Err(vm.index_error("invalid index"));
    }
    Ok(i as usize)
}

fn array_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let array = array_self(vm, &args)?;
    let i = array_index(vm, array, args.items.get(1))?;
    let size = array.elem.size();
    let mut raw = [0u8; 8];
    array.region.read(i * size, &mut raw[..size]);
    Ok(array.elem.load(&raw[..size]))
}

fn array_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let array = array_self(vm, &args)?;
    let i = array_index(vm, array, args.items.get(1))?;
    let Some(value) = args.items.get(2) else { return Err(vm.type_error("value expected")) };
    let raw = array.elem.store(vm, value)?;
    array.region.write(i * array.elem.size(), &raw);
    Ok(Value::None)
}
