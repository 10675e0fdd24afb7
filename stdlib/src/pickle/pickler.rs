//! The pickler: writes a value as the bytes CPython 3.11's `_pickle` writes for it (protocols
//! 0-5), opcode for opcode, with the same memo numbering, batching and framing, so a pickle made
//! here is byte-identical to CPython's for the same object graph.

use std::collections::HashMap;

use gilpy_interpreter::builtins::types::NameHasher;

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::vm::attr::get_attr_opt;
use gilpy_interpreter::{PyResult, Value, Vm};
use num_bigint::BigInt;

use super::compat;
use super::errors::{pickling_error, repr_for_error};
use super::opcodes::*;
use super::reduce::{self, Reduction};

/// A frame is closed once it holds this much (CPython's `FRAME_SIZE_TARGET`); str/bytes payloads
/// this large are written outside frames.
const FRAME_SIZE_TARGET: usize = 64 * 1024;
/// Frames smaller than this lose their header again.
const FRAME_SIZE_MIN: usize = 4;
const FRAME_HEADER_SIZE: usize = 9;
/// Items per MARK ... APPENDS/SETITEMS/ADDITEMS batch.
const BATCHSIZE: usize = 1000;

/// User hooks a `Pickler` (or a subclass) may define.
#[derive(Clone, Default)]
pub struct PickleHooks {
    /// `persistent_id(obj)`: a non-None result is written instead of the object.
    pub persistent_id: Option<Value>,
    /// A mapping from types to reduction functions, consulted before `copyreg.dispatch_table`.
    pub dispatch_table: Option<Value>,
    /// `reducer_override(obj)`: a reduction or `NotImplemented`.
    pub reducer_override: Option<Value>,
}

/// Identity of a memoized object. CPython memoizes by identity, and some equal strings are one
/// object there that can be several in gilpy: the empty and one-character strings and one-byte
/// bytes (cached singletons, keyed by content here), and interned names (module and qualified
/// names of globals, identifier-like dict keys: attribute names and literals), which get a
/// content key besides their identity key.
#[derive(Hash, PartialEq, Eq, Clone)]
pub enum MemoKey {
    Addr(usize),
    Str(Box<str>),
    Bytes(Box<[u8]>),
    Ellipsis,
    NotImplemented,
    /// A global CPython's pickler refers to internally (`_codecs.encode`).
    Global(&'static str),
}

/// The pickler's memo: object -> index. It keeps its objects alive so that an address is never
/// reused by a new object while the memo refers to it.
#[derive(Default)]
pub struct Memo {
    map: HashMap<MemoKey, u32, NameHasher>,
    keep: Vec<Value>,
}

impl Memo {
    pub fn clear(&mut self) {
        self.map.clear();
        self.keep.clear();
    }

    fn get(&self, key: &MemoKey) -> Option<u32> {
        self.map.get(key).copied()
    }

    fn next_index(&self) -> u32 {
        self.keep.len() as u32
    }
}

fn is_identifier_like(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_singleton_str(s: &str) -> bool {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (None, _) => true,
        (Some(c), None) => (c as u32) < 256,
        _ => false,
    }
}

/// The identity of `v` for the memo (content for the singleton strings and bytes).
pub fn identity_key(v: &Value) -> Option<MemoKey> {
    match v {
        Value::Ellipsis => Some(MemoKey::Ellipsis),
        Value::NotImplemented => Some(MemoKey::NotImplemented),
        Value::Obj(o) => Some(match o.payload() {
            Payload::Str(s) if is_singleton_str(s.as_str()) => MemoKey::Str(s.as_str().into()),
            Payload::Bytes(b) if b.len() <= 1 => MemoKey::Bytes(b.clone()),
            _ => MemoKey::Addr(o.addr()),
        }),
        _ => None,
    }
}

/// The content key of a string CPython would have interned, when saved as a name.
fn name_key(v: &Value) -> Option<MemoKey> {
    match v.payload() {
        Some(Payload::Str(s)) if is_identifier_like(s.as_str()) => Some(MemoKey::Str(s.as_str().into())),
        _ => None,
    }
}

pub struct Pickler<'p> {
    pub(super) proto: u8,
    fix_imports: bool,
    pub(super) hooks: &'p PickleHooks,
    memo: &'p mut Memo,
    /// Set while a string that CPython would hold interned is saved.
    name_context: bool,
    /// The one "latin1" string protocol 2 bytes pickles refer to (one object, as in CPython).
    latin1: Value,
    out: Vec<u8>,
    framing: bool,
    frame_start: Option<usize>,
    depth: usize,
}

impl<'p> Pickler<'p> {
    pub fn new(proto: u8, fix_imports: bool, hooks: &'p PickleHooks, memo: &'p mut Memo) -> Self {
        Pickler {
            proto,
            fix_imports,
            hooks,
            memo,
            name_context: false,
            latin1: Value::str("latin1"),
            out: Vec::new(),
            framing: false,
            frame_start: None,
            depth: 0,
        }
    }

    /// The whole pickle of `obj`: PROTO (from protocol 2), the object, STOP.
    pub fn dump(mut self, vm: &mut Vm, obj: &Value) -> PyResult<Vec<u8>> {
        if self.proto >= 2 {
            self.out.extend_from_slice(&[PROTO, self.proto]);
        }
        self.framing = self.proto >= 4;
        self.save(vm, obj)?;
        self.write(&[STOP]);
        self.commit_frame();
        Ok(self.out)
    }

    // ----- output and framing -----

    fn write(&mut self, data: &[u8]) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0; FRAME_HEADER_SIZE]);
        }
        self.out.extend_from_slice(data);
    }

    fn commit_frame(&mut self) {
        let Some(start) = self.frame_start.take() else { return };
        let len = self.out.len() - start - FRAME_HEADER_SIZE;
        if len >= FRAME_SIZE_MIN {
            self.out[start] = FRAME;
            self.out[start + 1..start + FRAME_HEADER_SIZE].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER_SIZE);
        }
    }

    /// Called after each saved object: a frame that reached its target size is closed.
    fn opcode_boundary(&mut self) {
        if let Some(start) = self.frame_start {
            if self.out.len() - start - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET {
                self.commit_frame();
            }
        }
    }

    /// An opcode header and its payload; large payloads go outside any frame.
    fn write_with_payload(&mut self, header: &[u8], data: &[u8]) {
        if self.framing && data.len() >= FRAME_SIZE_TARGET {
            self.commit_frame();
            self.out.extend_from_slice(header);
            self.out.extend_from_slice(data);
        } else {
            self.write(header);
            self.write(data);
        }
    }

    // ----- memo -----

    fn memoize(&mut self, obj: &Value) {
        let Some(key) = identity_key(obj) else { return };
        let idx = self.memo.next_index();
        if self.name_context {
            if let Some(name) = name_key(obj) {
                self.memo.map.insert(name, idx);
            }
        }
        self.memo.map.insert(key, idx);
        self.memo.keep.push(obj.clone());
        self.write_put(idx);
    }

    fn memoize_key(&mut self, key: MemoKey) {
        let idx = self.memo.next_index();
        self.memo.map.insert(key, idx);
        self.memo.keep.push(Value::None);
        self.write_put(idx);
    }

    fn write_put(&mut self, idx: u32) {
        if self.proto == 0 {
            self.write(format!("p{idx}\n").as_bytes());
        } else if self.proto >= 4 {
            self.write(&[MEMOIZE]);
        } else if idx < 256 {
            self.write(&[BINPUT, idx as u8]);
        } else {
            let mut op = vec![LONG_BINPUT];
            op.extend_from_slice(&idx.to_le_bytes());
            self.write(&op);
        }
    }

    fn write_get(&mut self, idx: u32) {
        if self.proto == 0 {
            self.write(format!("g{idx}\n").as_bytes());
        } else if idx < 256 {
            self.write(&[BINGET, idx as u8]);
        } else {
            let mut op = vec![LONG_BINGET];
            op.extend_from_slice(&idx.to_le_bytes());
            self.write(&op);
        }
    }

    fn in_memo(&self, obj: &Value) -> Option<u32> {
        identity_key(obj).and_then(|k| self.memo.get(&k))
    }

    /// A memo hit for `obj` saved in the current context (names also match by content).
    fn memo_lookup(&self, obj: &Value) -> Option<u32> {
        let by_name = if self.name_context { name_key(obj).and_then(|k| self.memo.get(&k)) } else { None };
        by_name.or_else(|| self.in_memo(obj))
    }

    /// Saves a string CPython would hold interned (a global's name, a dict key).
    fn save_name(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        self.name_context = matches!(obj.payload(), Some(Payload::Str(_)));
        let r = self.save(vm, obj);
        self.name_context = false;
        r
    }

    // ----- the dispatcher -----

    pub(super) fn save(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        self.save_maybe_persistent(vm, obj, true)?;
        self.opcode_boundary();
        Ok(())
    }

    fn save_maybe_persistent(&mut self, vm: &mut Vm, obj: &Value, check_persistent: bool) -> PyResult<()> {
        if check_persistent {
            if let Some(pid_fn) = self.hooks.persistent_id.clone() {
                let pid = vm.call1(&pid_fn, obj.clone())?;
                if !pid.is_none() {
                    if self.proto == 0 {
                        let text = vm.str_of(&pid)?;
                        if !text.is_ascii() {
                            return Err(pickling_error(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                        }
                        self.write(format!("P{text}\n").as_bytes());
                    } else {
                        self.save_maybe_persistent(vm, &pid, false)?;
                        self.write(&[BINPERSID]);
                    }
                    return Ok(());
                }
            }
        }
        match obj {
            Value::None => {
                self.write(&[NONE]);
                return Ok(());
            }
            Value::Bool(b) => {
                if self.proto >= 2 {
                    self.write(&[if *b { NEWTRUE } else { NEWFALSE }]);
                } else {
                    self.write(if *b { b"I01\n" } else { b"I00\n" });
                }
                return Ok(());
            }
            Value::Int(i) => {
                self.save_int(*i);
                return Ok(());
            }
            Value::Float(f) => {
                if self.proto == 0 {
                    let text = vm.repr_of(obj)?;
                    self.write(format!("F{text}\n").as_bytes());
                } else {
                    let mut op = vec![BINFLOAT];
                    op.extend_from_slice(&f.to_be_bytes());
                    self.write(&op);
                }
                return Ok(());
            }
            _ => {}
        }
        if let Some(Payload::BigInt(b)) = obj.payload() {
            return self.save_long(vm, b);
        }
        if let Some(idx) = self.memo_lookup(obj) {
            self.write_get(idx);
            return Ok(());
        }
        match obj.payload() {
            Some(Payload::Str(s)) => return self.save_str(vm, obj, s.as_str()),
            Some(Payload::Bytes(b)) => return self.save_bytes(vm, obj, b),
            _ => {}
        }
        self.depth += 1;
        if vm.depth + self.depth > vm.recursion_limit() || vm.stack_exhausted() {
            self.depth -= 1;
            return Err(
                vm.new_exception_msg("RecursionError", "maximum recursion depth exceeded while pickling an object")
            );
        }
        let r = self.save_object(vm, obj);
        self.depth -= 1;
        r
    }

    fn save_object(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        match obj.payload() {
            Some(Payload::Dict(_)) => return self.save_dict(vm, obj),
            Some(Payload::List(_)) => return self.save_list(vm, obj),
            Some(Payload::Tuple(items)) => return self.save_tuple(vm, obj, items),
            Some(Payload::Set(_)) => return self.save_set(vm, obj),
            Some(Payload::FrozenSet(_)) => return self.save_frozenset(vm, obj),
            Some(Payload::ByteArray(_)) => return self.save_bytearray(vm, obj),
            _ => {}
        }
        if let Some(f) = self.hooks.reducer_override.clone() {
            let rv = vm.call1(&f, obj.clone())?;
            if !matches!(rv, Value::NotImplemented) {
                return self.save_reduce_value(vm, obj, rv);
            }
        }
        match obj.payload() {
            Some(Payload::Class(_)) => return self.save_type(vm, obj),
            Some(Payload::Function(_)) => return self.save_global(vm, obj, None),
            _ => {}
        }
        let rv = reduce::reduce_value(vm, obj, self.proto, self.hooks.dispatch_table.as_ref())?;
        self.save_reduce_value(vm, obj, rv)
    }

    /// What `__reduce_ex__` gave: a global's name, or a reduction tuple.
    fn save_reduce_value(&mut self, vm: &mut Vm, obj: &Value, rv: Value) -> PyResult<()> {
        if rv.as_str().is_some() {
            return self.save_global(vm, obj, Some(rv));
        }
        let reduction = Reduction::from_value(vm, &rv)?;
        self.save_reduce(vm, &reduction, Some(obj))
    }

    // ----- atoms -----

    fn save_int(&mut self, v: i64) {
        let fits_i32 = i32::try_from(v).is_ok();
        if self.proto == 0 && fits_i32 {
            self.write(format!("I{v}\n").as_bytes());
        } else if !fits_i32 && self.proto < 2 {
            self.write(format!("L{v}L\n").as_bytes());
        } else if (0..=0xff).contains(&v) {
            self.write(&[BININT1, v as u8]);
        } else if (0..=0xffff).contains(&v) {
            let b = (v as u16).to_le_bytes();
            self.write(&[BININT2, b[0], b[1]]);
        } else if let Ok(small) = i32::try_from(v) {
            let mut op = vec![BININT];
            op.extend_from_slice(&small.to_le_bytes());
            self.write(&op);
        } else {
            self.write_long_bytes(&BigInt::from(v).to_signed_bytes_le());
        }
    }

    fn save_long(&mut self, vm: &Vm, b: &BigInt) -> PyResult<()> {
        if self.proto < 2 {
            self.write(format!("L{b}L\n").as_bytes());
            return Ok(());
        }
        let bytes = b.to_signed_bytes_le();
        if bytes.len() > 0x7fff_ffff {
            return Err(vm.overflow_error("int too large to pickle"));
        }
        self.write_long_bytes(&bytes);
        Ok(())
    }

    fn write_long_bytes(&mut self, bytes: &[u8]) {
        let mut op = if bytes.len() < 256 {
            vec![LONG1, bytes.len() as u8]
        } else {
            let mut h = vec![LONG4];
            h.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            h
        };
        op.extend_from_slice(bytes);
        self.write(&op);
    }

    fn save_str(&mut self, vm: &Vm, obj: &Value, s: &str) -> PyResult<()> {
        if self.proto == 0 {
            let mut op = vec![UNICODE];
            op.extend_from_slice(&raw_unicode_escape(s));
            op.push(b'\n');
            self.write(&op);
            self.memoize(obj);
            return Ok(());
        }
        let data = s.as_bytes();
        let header = sized_header(data.len(), self.proto >= 4, SHORT_BINUNICODE, BINUNICODE, BINUNICODE8);
        let Some(header) = header else {
            return Err(
                vm.overflow_error("serializing a string larger than 4 GiB requires pickle protocol 4 or higher")
            );
        };
        self.write_with_payload(&header, data);
        self.memoize(obj);
        Ok(())
    }

    fn save_bytes(&mut self, vm: &mut Vm, obj: &Value, data: &[u8]) -> PyResult<()> {
        if self.proto < 3 {
            return self.save_bytes_as_reduce(vm, obj, data);
        }
        let header = sized_header(data.len(), self.proto >= 4, SHORT_BINBYTES, BINBYTES, BINBYTES8);
        let Some(header) = header else {
            return Err(
                vm.overflow_error("serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher")
            );
        };
        self.write_with_payload(&header, data);
        self.memoize(obj);
        Ok(())
    }

    /// Protocol 2 has no bytes opcode: CPython writes `bytes()` or
    /// `_codecs.encode(latin1_text, 'latin1')`.
    fn save_bytes_as_reduce(&mut self, vm: &mut Vm, obj: &Value, data: &[u8]) -> PyResult<()> {
        if data.is_empty() {
            let bytes_type = Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::Bytes).clone());
            let red = Reduction::call(bytes_type, Value::tuple(vec![]));
            return self.save_reduce(vm, &red, Some(obj));
        }
        let text: String = data.iter().map(|&b| b as char).collect();
        self.save_codecs_encode(vm)?;
        let args = Value::tuple(vec![Value::string(text), self.latin1.clone()]);
        self.save(vm, &args)?;
        self.write(&[REDUCE]);
        self.memoize_after_reduce(vm, obj)
    }

    /// The `_codecs.encode` global, memoized once per pickle as CPython's own reference to it is.
    fn save_codecs_encode(&mut self, vm: &mut Vm) -> PyResult<()> {
        let key = MemoKey::Global("_codecs.encode");
        if let Some(idx) = self.memo.get(&key) {
            self.write_get(idx);
            return Ok(());
        }
        self.write_global_line(vm, "_codecs", "encode")?;
        self.memoize_key(key);
        Ok(())
    }

    fn memoize_after_reduce(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        if let Some(idx) = self.in_memo(obj) {
            // The object was reached again while its arguments were saved: a cycle. Drop what was
            // built and use the memoized object, as CPython does.
            self.write(&[POP]);
            self.write_get(idx);
            let _ = vm;
        } else {
            self.memoize(obj);
        }
        Ok(())
    }

    fn save_bytearray(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        let data = match obj.payload() {
            Some(Payload::ByteArray(b)) => b.borrow(vm).clone(),
            _ => Vec::new(),
        };
        if self.proto < 5 {
            let bytearray_type =
                Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::ByteArray).clone());
            let args = if data.is_empty() { vec![] } else { vec![Value::bytes(data)] };
            let red = Reduction::call(bytearray_type, Value::tuple(args));
            return self.save_reduce(vm, &red, Some(obj));
        }
        let mut header = vec![BYTEARRAY8];
        header.extend_from_slice(&(data.len() as u64).to_le_bytes());
        self.write_with_payload(&header, &data);
        self.memoize(obj);
        Ok(())
    }

    // ----- containers -----

    fn save_tuple(&mut self, vm: &mut Vm, obj: &Value, items: &[Value]) -> PyResult<()> {
        if items.is_empty() {
            self.write(if self.proto == 0 { &[MARK, TUPLE] } else { &[EMPTY_TUPLE] });
            return Ok(());
        }
        let short = items.len() <= 3 && self.proto >= 2;
        if !short {
            self.write(&[MARK]);
        }
        for item in items {
            self.save(vm, item)?;
        }
        if let Some(idx) = self.in_memo(obj) {
            // A cycle through a mutable container reached this tuple while its items were saved.
            if short {
                self.write(&vec![POP; items.len()]);
            } else if self.proto == 0 {
                self.write(&vec![POP; items.len() + 1]);
            } else {
                self.write(&[POP_MARK]);
            }
            self.write_get(idx);
            return Ok(());
        }
        let op = match items.len() {
            1 if short => TUPLE1,
            2 if short => TUPLE2,
            3 if short => TUPLE3,
            _ => TUPLE,
        };
        self.write(&[op]);
        self.memoize(obj);
        Ok(())
    }

    fn save_list(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        self.write(if self.proto == 0 { &[MARK, LIST] } else { &[EMPTY_LIST] });
        self.memoize(obj);
        let Some(Payload::List(cell)) = obj.payload() else { return Ok(()) };
        let len_now = |vm: &Vm| cell.borrow(vm).len();
        let item_at = |vm: &Vm, i: usize| cell.borrow(vm).get(i).cloned();
        if len_now(vm) == 0 {
            return Ok(());
        }
        if self.proto == 0 {
            // Protocol 0 has no APPENDS: one APPEND per item.
            let mut i = 0;
            while let Some(item) = item_at(vm, i) {
                self.save(vm, &item)?;
                self.write(&[APPEND]);
                i += 1;
            }
            return Ok(());
        }
        if len_now(vm) == 1 {
            if let Some(item) = item_at(vm, 0) {
                self.save(vm, &item)?;
            }
            self.write(&[APPEND]);
            return Ok(());
        }
        let mut total = 0;
        loop {
            self.write(&[MARK]);
            let mut in_batch = 0;
            while total < len_now(vm) {
                let Some(item) = item_at(vm, total) else { break };
                self.save(vm, &item)?;
                total += 1;
                in_batch += 1;
                if in_batch == BATCHSIZE {
                    break;
                }
            }
            self.write(&[APPENDS]);
            if total >= len_now(vm) {
                return Ok(());
            }
        }
    }

    fn save_dict(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        self.write(if self.proto == 0 { &[MARK, DICT] } else { &[EMPTY_DICT] });
        self.memoize(obj);
        let Some(Payload::Dict(cell)) = obj.payload() else { return Ok(()) };
        let items = cell.borrow(vm).items();
        let size = items.len();
        if size == 0 {
            return Ok(());
        }
        if size == 1 || self.proto == 0 {
            for (k, v) in &items {
                self.save_name(vm, k)?;
                self.save(vm, v)?;
                self.write(&[SETITEM]);
            }
            return Ok(());
        }
        // CPython loops while the last batch was full, so a multiple of BATCHSIZE items ends
        // with an empty MARK SETITEMS pair.
        for batch in batches(&items) {
            self.write(&[MARK]);
            for (k, v) in batch {
                self.save_name(vm, k)?;
                self.save(vm, v)?;
            }
            self.write(&[SETITEMS]);
            if cell.borrow(vm).len() != size {
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
        }
        Ok(())
    }

    fn save_set(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        let Some(Payload::Set(cell)) = obj.payload() else { return Ok(()) };
        let items = cell.borrow(vm).to_vec();
        if self.proto < 4 {
            let set_type = Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::Set).clone());
            let red = Reduction::call(set_type, Value::tuple(vec![vm.new_list(items)]));
            return self.save_reduce(vm, &red, Some(obj));
        }
        self.write(&[EMPTY_SET]);
        self.memoize(obj);
        if items.is_empty() {
            return Ok(());
        }
        let size = items.len();
        for batch in batches(&items) {
            self.write(&[MARK]);
            for item in batch {
                self.save(vm, item)?;
            }
            self.write(&[ADDITEMS]);
            if cell.borrow(vm).len() != size {
                return Err(vm.runtime_error("set changed size during iteration"));
            }
        }
        Ok(())
    }

    fn save_frozenset(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        let Some(Payload::FrozenSet(data)) = obj.payload() else { return Ok(()) };
        let items = data.to_vec();
        if self.proto < 4 {
            let fs_type = Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::FrozenSet).clone());
            let red = Reduction::call(fs_type, Value::tuple(vec![vm.new_list(items)]));
            return self.save_reduce(vm, &red, Some(obj));
        }
        self.write(&[MARK]);
        for item in &items {
            self.save(vm, item)?;
        }
        if let Some(idx) = self.in_memo(obj) {
            self.write(&[POP_MARK]);
            self.write_get(idx);
            return Ok(());
        }
        self.write(&[FROZENSET]);
        self.memoize(obj);
        Ok(())
    }

    /// `listitems` of a reduction: APPEND for one item, else batches of APPENDS.
    fn batch_list(&mut self, vm: &mut Vm, iter: &Value) -> PyResult<()> {
        if self.proto == 0 {
            while let Some(item) = vm.next(iter)? {
                self.save(vm, &item)?;
                self.write(&[APPEND]);
            }
            return Ok(());
        }
        loop {
            let Some(first) = vm.next(iter)? else { return Ok(()) };
            let Some(second) = vm.next(iter)? else {
                self.save(vm, &first)?;
                self.write(&[APPEND]);
                return Ok(());
            };
            self.write(&[MARK]);
            self.save(vm, &first)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some(item) = next {
                self.save(vm, &item)?;
                n += 1;
                if n == BATCHSIZE {
                    break;
                }
                next = vm.next(iter)?;
            }
            self.write(&[APPENDS]);
            if n != BATCHSIZE {
                return Ok(());
            }
        }
    }

    /// `dictitems` of a reduction: 2-tuples, SETITEM for one, else batches of SETITEMS.
    fn batch_dict(&mut self, vm: &mut Vm, iter: &Value) -> PyResult<()> {
        if self.proto == 0 {
            while let Some(item) = vm.next(iter)? {
                let (k, v) = pair(vm, &item)?;
                self.save_name(vm, &k)?;
                self.save(vm, &v)?;
                self.write(&[SETITEM]);
            }
            return Ok(());
        }
        loop {
            let Some(first) = vm.next(iter)? else { return Ok(()) };
            let first = pair(vm, &first)?;
            let Some(second) = vm.next(iter)? else {
                self.save_name(vm, &first.0)?;
                self.save(vm, &first.1)?;
                self.write(&[SETITEM]);
                return Ok(());
            };
            self.write(&[MARK]);
            self.save_name(vm, &first.0)?;
            self.save(vm, &first.1)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some(item) = next {
                let (k, v) = pair(vm, &item)?;
                self.save_name(vm, &k)?;
                self.save(vm, &v)?;
                n += 1;
                if n == BATCHSIZE {
                    break;
                }
                next = vm.next(iter)?;
            }
            self.write(&[SETITEMS]);
            if n != BATCHSIZE {
                return Ok(());
            }
        }
    }

    // ----- globals and reductions -----

    fn save_type(&mut self, vm: &mut Vm, obj: &Value) -> PyResult<()> {
        let types = vm.types();
        use gilpy_interpreter::builtins::types::TypeId;
        let singleton = [
            (TypeId::NoneType, Value::None),
            (TypeId::Ellipsis, Value::Ellipsis),
            (TypeId::NotImplementedType, Value::NotImplemented),
        ]
        .into_iter()
        .find(|(id, _)| obj.as_obj().is_some_and(|o| o.ptr_eq(types.get(*id))))
        .map(|(_, v)| v);
        if let Some(instance) = singleton {
            let type_type = Value::Obj(types.get(TypeId::Type).clone());
            let red = Reduction::call(type_type, Value::tuple(vec![instance]));
            return self.save_reduce(vm, &red, Some(obj));
        }
        self.save_global(vm, obj, None)
    }

    /// A class, function or other global, written as a reference to `module.qualname`.
    fn save_global(&mut self, vm: &mut Vm, obj: &Value, name: Option<Value>) -> PyResult<()> {
        let global_name = match name {
            Some(n) => n,
            None => match get_attr_opt(vm, obj, "__qualname__")? {
                Some(q) => q,
                None => vm.get_attr_str(obj, "__name__")?,
            },
        };
        let Some(name_str) = global_name.as_str().map(str::to_string) else {
            return Err(vm.type_error("__qualname__ must be a string"));
        };
        let dotted: Vec<&str> = name_str.split('.').collect();
        if dotted.contains(&"<locals>") {
            let shown = vm.repr_of(&global_name)?;
            return Err(vm.attribute_error(format!("Can't pickle local object {shown}")));
        }
        let module_name = reduce::which_module(vm, obj, &dotted)?;
        let module = match vm.import_module(&module_name) {
            Ok(m) => m,
            Err(_) => {
                let shown = repr_for_error(vm, obj);
                return Err(pickling_error(
                    vm,
                    &format!("Can't pickle {shown}: import of module '{module_name}' failed"),
                ));
            }
        };
        let (found, parent) = match reduce::deep_attribute(vm, &module, &dotted) {
            Some(found) => found,
            None => {
                let shown = repr_for_error(vm, obj);
                let msg = format!("Can't pickle {shown}: attribute lookup {name_str} on {module_name} failed");
                return Err(pickling_error(vm, &msg));
            }
        };
        if !found.is(obj) {
            let shown = repr_for_error(vm, obj);
            let msg = format!("Can't pickle {shown}: it's not the same object as {module_name}.{name_str}");
            return Err(pickling_error(vm, &msg));
        }
        if self.proto >= 4 {
            self.save_name(vm, &Value::string(module_name))?;
            self.save_name(vm, &global_name)?;
            self.write(&[STACK_GLOBAL]);
        } else if !parent.is(&module) {
            let getattr = vm.builtin("getattr")?;
            let last = Value::str(dotted.last().copied().unwrap_or(""));
            let red = Reduction::call(getattr, Value::tuple(vec![parent, last]));
            self.save_reduce(vm, &red, None)?;
        } else {
            self.write_global_line(vm, &module_name, &name_str)?;
        }
        self.memoize(obj);
        Ok(())
    }

    /// The GLOBAL opcode (protocols < 4), with Python 2 names under `fix_imports`.
    fn write_global_line(&mut self, vm: &mut Vm, module: &str, name: &str) -> PyResult<()> {
        let (mut module, mut name) = (module.to_string(), name.to_string());
        if self.proto < 3 && self.fix_imports {
            if let Some((m, n)) = compat::map_name(compat::REVERSE_NAME_MAPPING, &module, &name) {
                (module, name) = (m.to_string(), n.to_string());
            } else if let Some(m) = compat::map_module(compat::REVERSE_IMPORT_MAPPING, &module) {
                module = m.to_string();
            }
        }
        if self.proto < 3 {
            if !module.is_ascii() {
                let msg = format!("can't pickle module identifier '{module}' using pickle protocol {}", self.proto);
                return Err(pickling_error(vm, &msg));
            }
            if !name.is_ascii() {
                let msg = format!("can't pickle global identifier '{name}' using pickle protocol {}", self.proto);
                return Err(pickling_error(vm, &msg));
            }
        }
        let mut op = vec![GLOBAL];
        op.extend_from_slice(module.as_bytes());
        op.push(b'\n');
        op.extend_from_slice(name.as_bytes());
        op.push(b'\n');
        self.write(&op);
        Ok(())
    }

    pub(super) fn save_reduce(&mut self, vm: &mut Vm, red: &Reduction, obj: Option<&Value>) -> PyResult<()> {
        let callable_name = if self.proto >= 2 { get_attr_opt(vm, &red.callable, "__name__")? } else { None };
        let callable_name = callable_name.as_ref().and_then(|n| n.as_str()).unwrap_or("");
        let args: Vec<Value> = match red.args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![],
        };
        if callable_name == "__newobj_ex__" {
            self.save_newobj_ex(vm, &args)?;
        } else if callable_name == "__newobj__" {
            let Some(cls) = args.first() else {
                return Err(pickling_error(vm, "__newobj__ arglist is empty"));
            };
            if !matches!(cls.payload(), Some(Payload::Class(_))) {
                return Err(pickling_error(vm, "args[0] from __newobj__ args is not a type"));
            }
            if let Some(obj) = obj {
                let obj_class = vm.get_attr_str(obj, "__class__")?;
                if !obj_class.is(cls) {
                    return Err(pickling_error(vm, "args[0] from __newobj__ args has the wrong class"));
                }
            }
            self.save(vm, cls)?;
            self.save(vm, &Value::tuple(args[1..].to_vec()))?;
            self.write(&[NEWOBJ]);
        } else {
            self.save(vm, &red.callable)?;
            self.save(vm, &red.args)?;
            self.write(&[REDUCE]);
        }
        if let Some(obj) = obj {
            self.memoize_after_reduce(vm, obj)?;
        }
        if let Some(items) = &red.listitems {
            self.batch_list(vm, items)?;
        }
        if let Some(items) = &red.dictitems {
            self.batch_dict(vm, items)?;
        }
        if !red.state.is_none() {
            match &red.state_setter {
                None => {
                    self.save(vm, &red.state)?;
                    self.write(&[BUILD]);
                }
                Some(setter) => {
                    self.save(vm, setter)?;
                    self.save(vm, obj.unwrap_or(&Value::None))?;
                    self.save(vm, &red.state)?;
                    self.write(&[TUPLE2, REDUCE, POP]);
                }
            }
        }
        Ok(())
    }

    fn save_newobj_ex(&mut self, vm: &mut Vm, args: &[Value]) -> PyResult<()> {
        if args.len() != 3 {
            let msg = format!("length of the NEWOBJ_EX argument tuple must be exactly 3, not {}", args.len());
            return Err(pickling_error(vm, &msg));
        }
        if !matches!(args[0].payload(), Some(Payload::Class(_))) {
            let msg =
                format!("first item from NEWOBJ_EX argument tuple must be a class, not {}", vm.type_name(&args[0]));
            return Err(pickling_error(vm, &msg));
        }
        if !matches!(args[1].payload(), Some(Payload::Tuple(_))) {
            let msg =
                format!("second item from NEWOBJ_EX argument tuple must be a tuple, not {}", vm.type_name(&args[1]));
            return Err(pickling_error(vm, &msg));
        }
        if !matches!(args[2].payload(), Some(Payload::Dict(_))) {
            let msg =
                format!("third item from NEWOBJ_EX argument tuple must be a dict, not {}", vm.type_name(&args[2]));
            return Err(pickling_error(vm, &msg));
        }
        if self.proto < 4 {
            return Err(pickling_error(vm, "__newobj_ex__ with keyword arguments needs pickle protocol 4 or higher"));
        }
        for a in args {
            self.save(vm, a)?;
        }
        self.write(&[NEWOBJ_EX]);
        Ok(())
    }
}

/// The header of a sized string/bytes opcode: the short form up to 255 bytes (when allowed:
/// always for bytes, protocol 4+ for str), the 8-byte form past 4 GiB (protocol 4+).
fn sized_header(len: usize, proto4: bool, short: u8, medium: u8, long: u8) -> Option<Vec<u8>> {
    let short_allowed = proto4 || short == SHORT_BINBYTES;
    if len <= 0xff && short_allowed {
        Some(vec![short, len as u8])
    } else if len > 0xffff_ffff {
        if !proto4 {
            return None;
        }
        let mut h = vec![long];
        h.extend_from_slice(&(len as u64).to_le_bytes());
        Some(h)
    } else {
        let mut h = vec![medium];
        h.extend_from_slice(&(len as u32).to_le_bytes());
        Some(h)
    }
}

/// Protocol 0's UNICODE text: characters past U+00FF and the ones that would break the line
/// (backslash, NUL, newlines, ^Z) as `\uXXXX`/`\UXXXXXXXX`, the rest as Latin-1 bytes.
fn raw_unicode_escape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n >= 0x10000 {
            out.extend_from_slice(format!("\\U{n:08x}").as_bytes());
        } else if n >= 0x100 || matches!(c, '\\' | '\0' | '\n' | '\r' | '\x1a') {
            out.extend_from_slice(format!("\\u{n:04x}").as_bytes());
        } else {
            out.push(n as u8);
        }
    }
    out
}

/// Splits into BATCHSIZE chunks, with a trailing empty chunk when the last one is full (which
/// is what CPython's loop over exact dicts and sets writes).
fn batches<T>(items: &[T]) -> Vec<&[T]> {
    let mut out: Vec<&[T]> = items.chunks(BATCHSIZE).collect();
    if out.last().is_some_and(|last| last.len() == BATCHSIZE) {
        out.push(&[]);
    }
    out
}

fn pair(vm: &mut Vm, item: &Value) -> PyResult<(Value, Value)> {
    match item.payload() {
        Some(Payload::Tuple(t)) if t.len() == 2 => Ok((t[0].clone(), t[1].clone())),
        _ => Err(vm.type_error("dict items iterator must return 2-tuples")),
    }
}
