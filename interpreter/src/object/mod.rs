//! The object model: every heap value is an [`ObjRef`] (an `Arc`) to an [`Object`] whose
//! [`Payload`] says what it is. Mutable interiors sit in [`GilCell`]s (see `cell.rs` for why that is
//! sound across threads). Built-in types have their own payloads; instances of user classes,
//! including subclasses of built-ins and of exceptions, are `Payload::Instance`.

mod cell;
pub mod dict;
pub mod set;

use std::any::Any;
use std::fmt;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;

use num_bigint::BigInt;

pub use cell::{GilCell, GilRef, GilRefMut};
pub use dict::DictData;
pub use set::SetData;

use crate::bytecode::CodeObject;
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

/// A counted reference to a heap object. Cloning is an atomic increment; dropping the last
/// reference frees the object at once (cycles are left to the collector in `gc.rs`).
#[derive(Clone)]
pub struct ObjRef(Arc<Object>);

pub struct Object {
    payload: Payload,
    /// The cycle collector's word (see `gc/collect.rs`): the object's state in a running
    /// collection, and whether its finalizer has run.
    gc_word: AtomicU64,
}

thread_local! {
    /// How many `Object` drops are running inside each other on this thread.
    static DROP_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Payloads whose release was put off because the drops nested too deeply.
    static DEFERRED_DROPS: std::cell::RefCell<Vec<Payload>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Nesting of drops beyond which payloads are released iteratively (CPython's "trashcan"), so
/// that freeing a million-deep linked structure cannot overflow the stack.
const MAX_DROP_DEPTH: u32 = 100;

impl Drop for Object {
    fn drop(&mut self) {
        if matches!(
            self.payload,
            Payload::Str(_) | Payload::BigInt(_) | Payload::Complex(..) | Payload::Bytes(_) | Payload::Range(_)
        ) {
            return;
        }
        let payload = std::mem::replace(&mut self.payload, Payload::Complex(0.0, 0.0));
        // While the thread's storage is torn down (the thread is ending), drop plainly.
        let Ok(depth) = DROP_DEPTH.try_with(|d| d.get()) else {
            release_payload(payload);
            return;
        };
        if depth >= MAX_DROP_DEPTH {
            let mut slot = Some(payload);
            let _ = DEFERRED_DROPS.try_with(|q| {
                if let Ok(mut q) = q.try_borrow_mut() {
                    q.extend(slot.take());
                }
            });
            drop(slot);
            return;
        }
        let _ = DROP_DEPTH.try_with(|d| d.set(depth + 1));
        release_payload(payload);
        if depth == 0 {
            while let Some(next) =
                DEFERRED_DROPS.try_with(|q| q.try_borrow_mut().ok().and_then(|mut q| q.pop())).ok().flatten()
            {
                release_payload(next);
            }
        }
        let _ = DROP_DEPTH.try_with(|d| d.set(depth));
    }
}

/// Drops a payload; lists and tuples release their items last first, as CPython's
/// deallocators do (the order `__del__` methods run in).
fn release_payload(payload: Payload) {
    match payload {
        Payload::List(items) => items.into_inner().into_iter().rev().for_each(drop),
        Payload::Tuple(items) => items.into_vec().into_iter().rev().for_each(drop),
        other => drop(other),
    }
}

impl ObjRef {
    #[inline]
    pub fn new(payload: Payload) -> ObjRef {
        // Written straight into the allocation: `Arc::new(Object { .. })` copies the payload
        // twice, once into the `Object` and once into the `Arc`.
        // (`Arc::get_mut` would cost a locked instruction to prove what we know: it is unique.)
        let slot = Arc::into_raw(Arc::new(MaybeUninit::<Object>::uninit())).cast_mut();
        // SAFETY: `slot` comes from an `Arc` nobody else has seen, so writing through it races
        // with nothing; `MaybeUninit<Object>` has the size and alignment of `Object`, which is
        // what `Arc::from_raw` asks of the pointer's origin, and the object is initialised first.
        let obj = unsafe {
            (*slot).write(Object { payload, gc_word: AtomicU64::new(0) });
            ObjRef(Arc::from_raw(slot.cast::<Object>().cast_const()))
        };
        if crate::gc::needs_tracking(obj.payload()) {
            crate::gc::nursery::register(&obj);
        }
        obj
    }

    #[inline]
    pub fn payload(&self) -> &Payload {
        &self.0.payload
    }

    /// The payload for changing in place, when this is the only reference to the object (no
    /// other strong or weak one, so no one can observe the change).
    #[inline]
    pub fn unique_payload_mut(&mut self) -> Option<&mut Payload> {
        Arc::get_mut(&mut self.0).map(|o| &mut o.payload)
    }

    #[inline]
    pub fn ptr_eq(&self, other: &ObjRef) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Address used for `id()` and default hashes.
    #[inline]
    pub fn addr(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    pub fn strong_count(&self) -> usize {
        Arc::strong_count(&self.0)
    }

    pub fn downgrade(&self) -> WeakRef {
        WeakRef(Arc::downgrade(&self.0))
    }

    /// The collector's word. Only the collector of the interpreter that tracks the object
    /// writes it, holding that interpreter's GIL, so relaxed accesses suffice.
    #[inline]
    pub(crate) fn gc_word(&self) -> u64 {
        self.0.gc_word.load(Ordering::Relaxed)
    }

    #[inline]
    pub(crate) fn set_gc_word(&self, word: u64) {
        self.0.gc_word.store(word, Ordering::Relaxed)
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} at {:#x}>", self.payload().kind_name(), self.addr())
    }
}

#[derive(Clone)]
pub struct WeakRef(std::sync::Weak<Object>);

impl WeakRef {
    pub fn upgrade(&self) -> Option<ObjRef> {
        self.0.upgrade().map(ObjRef)
    }

    /// Is the object still alive? One atomic load.
    #[inline]
    pub fn is_alive(&self) -> bool {
        self.0.strong_count() > 0
    }

    /// The object's address (stable while this weak reference exists, even once it has died).
    #[inline]
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }
}

/// A function implemented in Rust. `args.items` holds the positional arguments (for a method,
/// `self` first) followed by keyword values named by `args.kwnames`.
pub type NativeFn = fn(&mut Vm, Args<'_>) -> PyResult<Value>;

pub enum Payload {
    Str(PyStr),
    BigInt(BigInt),
    Complex(f64, f64),
    Bytes(Box<[u8]>),
    ByteArray(GilCell<Vec<u8>>),
    Tuple(Box<[Value]>),
    List(GilCell<Vec<Value>>),
    Dict(GilCell<DictData>),
    Set(GilCell<SetData>),
    FrozenSet(SetData),
    Range(Range),
    Slice(Box<[Value; 3]>),
    Code(Arc<CodeObject>),
    Function(Function),
    NativeFunction(NativeFunction),
    BoundMethod(BoundMethod),
    Cell(GilCell<Value>),
    Class(Class),
    Instance(Instance),
    Module(Module),
    Property(Property),
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super(cls, obj)`: attribute lookup starts after `cls` in `type(obj).__mro__`.
    Super(Value, Value),
    Generator(GilCell<crate::vm::generator::GeneratorState>),
    /// Built-in iterators (list, tuple, range, dict views, map, zip, ...).
    Iterator(GilCell<crate::builtins::iterators::NativeIter>),
    /// A view of a dict's keys, values or items.
    DictView(ObjRef, DictViewKind),
    /// An object of a type defined in Rust by a stdlib module (locks, queues, files, ...).
    Native(Native),
}

/// A fresh [`Class::id`].
pub fn next_class_id() -> u64 {
    static NEXT_CLASS_ID: AtomicU64 = AtomicU64::new(1);
    NEXT_CLASS_ID.fetch_add(1, Ordering::Relaxed)
}

impl Payload {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Payload::Str(_) => "str",
            Payload::BigInt(_) => "int",
            Payload::Complex(..) => "complex",
            Payload::Bytes(_) => "bytes",
            Payload::ByteArray(_) => "bytearray",
            Payload::Tuple(_) => "tuple",
            Payload::List(_) => "list",
            Payload::Dict(_) => "dict",
            Payload::Set(_) => "set",
            Payload::FrozenSet(_) => "frozenset",
            Payload::Range(_) => "range",
            Payload::Slice(_) => "slice",
            Payload::Code(_) => "code",
            Payload::Function(_) => "function",
            Payload::NativeFunction(_) => "builtin_function_or_method",
            Payload::BoundMethod(_) => "method",
            Payload::Cell(_) => "cell",
            Payload::Class(_) => "type",
            Payload::Instance(_) => "object",
            Payload::Module(_) => "module",
            Payload::Property(_) => "property",
            Payload::StaticMethod(_) => "staticmethod",
            Payload::ClassMethod(_) => "classmethod",
            Payload::Super(..) => "super",
            Payload::Generator(_) => "generator",
            Payload::Iterator(_) => "iterator",
            Payload::DictView(..) => "dict_view",
            Payload::Native(_) => "native",
        }
    }
}

/// An immutable str with a cached hash. `char_len == value.len()` exactly when it is ASCII, which
/// makes indexing O(1) for the common case.
pub struct PyStr {
    /// A `String`, not a `Box<str>`, so that `s += t` on a str nobody else holds can grow it in
    /// place with amortised doubling (`push_str`), as CPython's in-place concatenation does.
    value: String,
    char_len: usize,
    hash: AtomicI64,
}

const HASH_UNSET: i64 = -1;

impl PyStr {
    pub fn new(value: Box<str>) -> PyStr {
        let char_len = if value.is_ascii() { value.len() } else { value.chars().count() };
        PyStr { value: value.into_string(), char_len, hash: AtomicI64::new(HASH_UNSET) }
    }

    /// Appends `tail`; only for a str that no one else can see (a unique reference).
    pub fn push_str(&mut self, tail: &PyStr) {
        self.value.push_str(&tail.value);
        self.char_len += tail.char_len;
        *self.hash.get_mut() = HASH_UNSET;
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.value
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.value.len()
    }

    /// The str's hash, computed once (FNV-1a; CPython randomises str hashes, so no script can
    /// depend on the exact values).
    #[inline]
    pub fn hash(&self) -> i64 {
        let cached = self.hash.load(Ordering::Relaxed);
        if cached != HASH_UNSET {
            return cached;
        }
        let h = str_hash(self.value.as_bytes());
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

/// FNV-1a's starting state.
pub const FNV_OFFSET: u64 = 0xcbf29ce484222325;

/// FNV-1a over `bytes`, continuing from state `h` (start from [`FNV_OFFSET`]).
#[inline(always)]
pub const fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x100000001b3);
        i += 1;
    }
    h
}

#[inline(always)]
pub const fn str_hash(bytes: &[u8]) -> i64 {
    let h = (fnv1a(FNV_OFFSET, bytes) >> 1) as i64; // keep it non-negative and never -1
    if h == HASH_UNSET {
        -2
    } else {
        h
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) =
            if self.step > 0 { (self.start, self.stop, self.step) } else { (self.stop, self.start, -self.step) };
        if lo >= hi {
            0
        } else {
            ((hi as i128 - lo as i128 - 1) / step as i128 + 1) as i64
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

pub struct Function {
    pub code: Arc<CodeObject>,
    pub globals: ObjRef,
    pub defaults: GilCell<Option<Box<[Value]>>>,
    pub kwdefaults: GilCell<Option<ObjRef>>,
    /// Cells for the code's free variables, in `code.freevars` order.
    pub closure: Box<[ObjRef]>,
    pub name: GilCell<Value>,
    pub qualname: GilCell<Value>,
    /// `__dict__`, created on first attribute store.
    pub dict: GilCell<Option<ObjRef>>,
    pub module: Value,
    pub doc: GilCell<Value>,
}

pub struct NativeFunction {
    pub name: &'static str,
    pub func: NativeFn,
    /// What the function is bound to: a module, or `self` for a bound built-in method.
    pub bound: Option<Value>,
    /// The class whose method this is (for `repr` and descriptor checks), if any.
    pub owner: Option<&'static str>,
}

pub struct BoundMethod {
    pub func: Value,
    pub receiver: Value,
}

pub struct Class {
    /// Unique for the life of the process (addresses are reused; this is not): the key of the
    /// attribute-lookup cache (`vm/mro_cache.rs`).
    pub id: u64,
    pub name: GilCell<Value>,
    pub qualname: GilCell<Value>,
    pub bases: Box<[ObjRef]>,
    /// Method resolution order after the class itself (C3 linearisation of the bases), fixed
    /// when the class is made. The full MRO is `[class] + mro_tail`.
    pub mro_tail: Box<[ObjRef]>,
    pub dict: GilCell<DictData>,
    /// The built-in type whose payload instances of this class carry (`Some(List)` for
    /// `class Foo(list)`), or the built-in type this class *is*.
    pub builtin: Option<crate::builtins::types::TypeId>,
    /// True for the type objects of built-in types themselves (`int`, `list`, ...), whose
    /// attributes cannot be set.
    pub is_builtin: bool,
    /// `__slots__`-free flag: instances get a `__dict__`.
    pub flags: ClassFlags,
    /// The class's type when it is not `type` itself (`class Foo(metaclass=Meta)`), fixed when
    /// the class is made.
    pub metaclass: Option<ObjRef>,
    /// Direct subclasses, weakly (`__subclasses__()`).
    pub subclasses: GilCell<Vec<WeakRef>>,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ClassFlags {
    pub is_exception: bool,
    /// The class or a base defines `__getattribute__`, so attribute reads must call it.
    pub has_custom_getattr: bool,
    pub has_custom_setattr: bool,
    /// The class and its user-defined bases all declare `__slots__` (without `__dict__`):
    /// instances only take attributes named in a `__slots__`.
    pub slots_only: bool,
    /// The class or a base defines `__del__` (see `vm/finalize.rs`).
    pub has_del: bool,
}

pub struct Instance {
    pub class: GilCell<ObjRef>,
    /// The instance's `__dict__` (a dict object, so `obj.__dict__` and `vars(obj)` are live).
    pub dict: ObjRef,
    /// State of the built-in base a class derives from: the list of a `class L(list)`, the
    /// exception data of an exception.
    pub base: BaseState,
}

impl Drop for Instance {
    fn drop(&mut self) {
        crate::vm::finalize::instance_dropped(self);
    }
}

pub enum BaseState {
    None,
    Exception(GilCell<ExceptionData>),
    /// A subclass of a built-in container or scalar: the built-in value it wraps (a list object
    /// for `class L(list)`, an int for `class I(int)`). Fixed at creation; a container's own
    /// interior is mutable as usual.
    Builtin(Value),
}

#[derive(Default)]
pub struct ExceptionData {
    pub args: Value,
    pub traceback: Vec<crate::vm::TracebackEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// The "Did you mean" name a NameError's traceback shows (see `vm/suggestions.rs`).
    pub suggestion: Option<String>,
}

pub struct Module {
    pub name: Value,
    pub dict: ObjRef,
}

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// An object of a Rust type defined by a stdlib module; `class` is the type object the module
/// made for it, `data` its state (which guards itself: a `GilCell`, atomics, or an OS lock).
pub struct Native {
    pub class: ObjRef,
    pub data: Box<dyn Any + Send + Sync>,
}

impl Native {
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        self.data.downcast_ref::<T>()
    }
}
