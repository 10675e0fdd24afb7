//! The unpickler: a stack machine over every opcode of protocols 0-5, raising what CPython's
//! `_pickle` raises on bad input (never panicking, whatever the bytes).

use std::collections::HashMap;

use gilpy_interpreter::builtins::types::NameHasher;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use gilpy_interpreter::builtins::bytes::decode_bytes;
use gilpy_interpreter::builtins::types::TypeId;
use gilpy_interpreter::object::{GilCell, ObjRef, Payload};
use gilpy_interpreter::vm::attr::{get_attr_opt, lookup_mro};
use gilpy_interpreter::vm::call::allocate_instance;
use gilpy_interpreter::vm::PyErr;
use gilpy_interpreter::{Args, PyResult, Value, Vm};
use num_bigint::BigInt;

use super::compat;
use super::errors::unpickling_error;
use super::input::Input;
use super::opcodes::*;
use super::text;

pub const HIGHEST_PROTOCOL: u8 = 5;

/// Options and hooks of an unpickler.
#[derive(Clone)]
pub struct LoadOptions {
    pub fix_imports: bool,
    /// How protocol 0-2 `str` (Python 2) strings are decoded; "bytes" keeps them as bytes.
    pub encoding: String,
    pub errors: String,
    pub persistent_load: Option<Value>,
    /// A user `find_class(module, name)` overriding the default import.
    pub find_class: Option<Value>,
    /// Where the protocol of the pickle being read is published (for `Unpickler.find_class`,
    /// whose name mapping depends on it).
    pub protocol_seen: Option<Arc<AtomicU8>>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            fix_imports: true,
            encoding: "ASCII".into(),
            errors: "strict".into(),
            persistent_load: None,
            find_class: None,
            protocol_seen: None,
        }
    }
}

/// The unpickler's memo (index -> object); kept by an `Unpickler` object across `load()` calls.
#[derive(Default)]
pub struct LoadMemo {
    map: HashMap<u64, Value, NameHasher>,
}

impl LoadMemo {
    pub fn clear(&mut self) {
        self.map.clear();
    }
}

pub struct Unpickler<'i, 'o> {
    input: Input<'i>,
    opts: &'o LoadOptions,
    memo: &'o mut LoadMemo,
    stack: Vec<Value>,
    /// Stack heights at each MARK still open.
    marks: Vec<usize>,
    proto: u8,
}

impl<'i, 'o> Unpickler<'i, 'o> {
    pub fn new(input: Input<'i>, opts: &'o LoadOptions, memo: &'o mut LoadMemo) -> Self {
        Unpickler { input, opts, memo, stack: Vec::new(), marks: Vec::new(), proto: 0 }
    }

    pub fn load(mut self, vm: &mut Vm) -> PyResult<Value> {
        loop {
            let Some(op) = self.input.next_byte(vm)? else {
                return Err(vm.new_exception_msg("EOFError", "Ran out of input"));
            };
            if op == STOP {
                return self.pop(vm);
            }
            self.dispatch(vm, op)?;
        }
    }

    // ----- the stack -----

    fn underflow(&self, vm: &mut Vm) -> PyErr {
        let msg = if self.marks.is_empty() { "unpickling stack underflow" } else { "unexpected MARK found" };
        unpickling_error(vm, msg)
    }

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn pop(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.pop().unwrap_or_default())
    }

    fn pop_n(&mut self, vm: &mut Vm, n: usize) -> PyResult<Vec<Value>> {
        if self.stack.len() < self.fence() + n {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.split_off(self.stack.len() - n))
    }

    fn top(&mut self, vm: &mut Vm) -> PyResult<Value> {
        match self.stack.last() {
            Some(v) if self.stack.len() > self.fence() => Ok(v.clone()),
            _ => Err(self.underflow(vm)),
        }
    }

    fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// The items pushed since the last MARK (which is removed).
    fn pop_mark(&mut self, vm: &mut Vm) -> PyResult<Vec<Value>> {
        let Some(mark) = self.marks.pop() else {
            return Err(unpickling_error(vm, "could not find MARK"));
        };
        let mark = mark.min(self.stack.len());
        Ok(self.stack.split_off(mark))
    }

    // ----- operand readers -----

    fn read_u8(&mut self, vm: &mut Vm) -> PyResult<u8> {
        Ok(self.input.read_array::<1>(vm)?[0])
    }

    fn read_u16(&mut self, vm: &mut Vm) -> PyResult<u16> {
        Ok(u16::from_le_bytes(self.input.read_array(vm)?))
    }

    fn read_u32(&mut self, vm: &mut Vm) -> PyResult<u32> {
        Ok(u32::from_le_bytes(self.input.read_array(vm)?))
    }

    fn read_i32(&mut self, vm: &mut Vm) -> PyResult<i32> {
        Ok(i32::from_le_bytes(self.input.read_array(vm)?))
    }

    fn read_u64(&mut self, vm: &mut Vm) -> PyResult<u64> {
        Ok(u64::from_le_bytes(self.input.read_array(vm)?))
    }

    fn read_size64(&mut self, vm: &mut Vm, what: &str) -> PyResult<usize> {
        let n = self.read_u64(vm)?;
        match usize::try_from(n) {
            Ok(n) if n <= isize::MAX as usize => Ok(n),
            _ => Err(vm.overflow_error(format!("{what} exceeds system's maximum size of {} bytes", isize::MAX))),
        }
    }

    /// The line operand of INT, LONG, FLOAT, GET, PUT, GLOBAL, INST: an empty one is
    /// "truncated" data, as in CPython.
    fn read_operand_line(&mut self, vm: &mut Vm) -> PyResult<Vec<u8>> {
        let line = self.input.readline(vm)?;
        if line.is_empty() {
            return Err(unpickling_error(vm, "pickle data was truncated"));
        }
        Ok(line)
    }

    fn read_line_str(&mut self, vm: &mut Vm, encoding: &str) -> PyResult<String> {
        let line = self.read_operand_line(vm)?;
        decode_bytes(vm, &line, encoding, "strict")
    }

    fn read_str(&mut self, vm: &mut Vm, n: usize) -> PyResult<Value> {
        let bytes = self.input.read(vm, n)?;
        // Valid UTF-8 (nearly every str) needs no codec: only an error needs decode's message.
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(Value::str(s));
        }
        let bytes = bytes.to_vec();
        Ok(Value::string(decode_bytes(vm, &bytes, "utf-8", "strict")?))
    }

    fn read_bytes(&mut self, vm: &mut Vm, n: usize) -> PyResult<Value> {
        Ok(Value::bytes(self.input.read(vm, n)?.to_vec()))
    }

    // ----- dispatch -----

    fn dispatch(&mut self, vm: &mut Vm, op: u8) -> PyResult<()> {
        match op {
            MARK => self.marks.push(self.stack.len()),
            POP => self.load_pop(vm)?,
            POP_MARK => {
                self.pop_mark(vm)?;
            }
            DUP => {
                let top = self.top(vm)?;
                self.push(top);
            }
            NONE => self.push(Value::None),
            NEWTRUE => self.push(Value::Bool(true)),
            NEWFALSE => self.push(Value::Bool(false)),
            INT => {
                let line = self.read_operand_line(vm)?;
                let v = text::parse_int_opcode(vm, &line)?;
                self.push(v);
            }
            LONG => {
                let line = self.read_operand_line(vm)?;
                let v = text::parse_long_opcode(vm, &line)?;
                self.push(v);
            }
            FLOAT => {
                let line = self.read_operand_line(vm)?;
                let v = text::parse_float_opcode(vm, &line)?;
                self.push(v);
            }
            BININT => {
                let v = self.read_i32(vm)?;
                self.push(Value::Int(v as i64));
            }
            BININT1 => {
                let v = self.read_u8(vm)?;
                self.push(Value::Int(v as i64));
            }
            BININT2 => {
                let v = self.read_u16(vm)?;
                self.push(Value::Int(v as i64));
            }
            LONG1 => {
                let n = self.read_u8(vm)? as usize;
                self.load_long_bytes(vm, n)?;
            }
            LONG4 => {
                let n = self.read_i32(vm)?;
                if n < 0 {
                    return Err(unpickling_error(vm, "LONG pickle has negative byte count"));
                }
                self.load_long_bytes(vm, n as usize)?;
            }
            BINFLOAT => {
                let b = self.input.read_array::<8>(vm)?;
                self.push(Value::Float(f64::from_be_bytes(b)));
            }
            STRING | BINSTRING | SHORT_BINSTRING => self.load_py2_string(vm, op)?,
            UNICODE => {
                let line = self.input.readline(vm)?;
                let s = text::decode_raw_unicode_escape(vm, &line)?;
                self.push(Value::string(s));
            }
            BINUNICODE => {
                let n = self.read_u32(vm)? as usize;
                let v = self.read_str(vm, n)?;
                self.push(v);
            }
            SHORT_BINUNICODE => {
                let n = self.read_u8(vm)? as usize;
                let v = self.read_str(vm, n)?;
                self.push(v);
            }
            BINUNICODE8 => {
                let n = self.read_size64(vm, "BINUNICODE8")?;
                let v = self.read_str(vm, n)?;
                self.push(v);
            }
            BINBYTES => {
                let n = self.read_u32(vm)? as usize;
                let v = self.read_bytes(vm, n)?;
                self.push(v);
            }
            SHORT_BINBYTES => {
                let n = self.read_u8(vm)? as usize;
                let v = self.read_bytes(vm, n)?;
                self.push(v);
            }
            BINBYTES8 => {
                let n = self.read_size64(vm, "BINBYTES8")?;
                let v = self.read_bytes(vm, n)?;
                self.push(v);
            }
            BYTEARRAY8 => {
                let n = self.read_size64(vm, "BYTEARRAY8")?;
                let data = self.input.read(vm, n)?.to_vec();
                self.push(Value::Obj(ObjRef::new(Payload::ByteArray(GilCell::new(data)))));
            }
            NEXT_BUFFER => {
                let msg = "pickle stream refers to out-of-band data but no *buffers* argument was given";
                return Err(unpickling_error(vm, msg));
            }
            READONLY_BUFFER => {
                // Without memoryview, a buffer stays the bytes or bytearray it was.
                let top = self.top(vm)?;
                if !matches!(top.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) {
                    let msg = format!("memoryview: a bytes-like object is required, not '{}'", vm.type_name(&top));
                    return Err(vm.type_error(msg));
                }
            }
            EMPTY_TUPLE => self.push(Value::tuple(vec![])),
            TUPLE1 | TUPLE2 | TUPLE3 => {
                let items = self.pop_n(vm, (op - TUPLE1 + 1) as usize)?;
                self.push(Value::tuple(items));
            }
            TUPLE => {
                let items = self.pop_mark(vm)?;
                self.push(Value::tuple(items));
            }
            EMPTY_LIST => {
                let l = vm.new_list(vec![]);
                self.push(l);
            }
            LIST => {
                let items = self.pop_mark(vm)?;
                let l = vm.new_list(items);
                self.push(l);
            }
            EMPTY_DICT => self.push(Value::Obj(vm.new_dict())),
            DICT => self.load_dict(vm)?,
            EMPTY_SET => {
                let s = vm.new_set(vec![])?;
                self.push(s);
            }
            FROZENSET => {
                let items = self.pop_mark(vm)?;
                let fs_type = Value::Obj(vm.types().get(TypeId::FrozenSet).clone());
                let list = vm.new_list(items);
                let fs = vm.call1(&fs_type, list)?;
                self.push(fs);
            }
            APPEND => {
                let item = self.pop(vm)?;
                let list = self.top(vm)?;
                do_append(vm, &list, vec![item])?;
            }
            APPENDS => {
                let items = self.pop_mark(vm)?;
                let list = self.top(vm)?;
                do_append(vm, &list, items)?;
            }
            SETITEM => {
                let pair = self.pop_n(vm, 2)?;
                let dict = self.top(vm)?;
                let [key, value]: [Value; 2] = pair.try_into().unwrap_or_default();
                vm.set_item(&dict, key, value)?;
            }
            SETITEMS => self.load_setitems(vm)?,
            ADDITEMS => {
                let items = self.pop_mark(vm)?;
                let set = self.top(vm)?;
                do_additems(vm, &set, items)?;
            }
            BUILD => self.load_build(vm)?,
            GLOBAL => {
                let module = self.read_line_str(vm, "utf-8")?;
                let name = self.read_line_str(vm, "utf-8")?;
                let class = self.find_class(vm, Value::string(module), Value::string(name))?;
                self.push(class);
            }
            STACK_GLOBAL => {
                let name = self.pop(vm)?;
                let module = self.pop(vm)?;
                if module.as_str().is_none() || name.as_str().is_none() {
                    return Err(unpickling_error(vm, "STACK_GLOBAL requires str"));
                }
                let class = self.find_class(vm, module, name)?;
                self.push(class);
            }
            INST => {
                let Some(mark) = self.marks.pop() else {
                    return Err(unpickling_error(vm, "could not find MARK"));
                };
                let module = self.read_line_str(vm, "ascii")?;
                let name = self.read_line_str(vm, "ascii")?;
                let class = self.find_class(vm, Value::string(module), Value::string(name))?;
                let args = self.stack.split_off(mark.min(self.stack.len()));
                let obj = instantiate(vm, &class, args)?;
                self.push(obj);
            }
            OBJ => {
                let mut args = self.pop_mark(vm)?;
                if args.is_empty() {
                    return Err(self.underflow(vm));
                }
                let class = args.remove(0);
                let obj = instantiate(vm, &class, args)?;
                self.push(obj);
            }
            REDUCE => {
                let args = self.pop(vm)?;
                let callable = self.pop(vm)?;
                let Some(Payload::Tuple(items)) = args.payload() else {
                    return Err(vm.type_error("argument list must be a tuple"));
                };
                let items = items.to_vec();
                let obj = vm.call(&callable, Args::new(&items))?;
                self.push(obj);
            }
            NEWOBJ => self.load_newobj(vm, false)?,
            NEWOBJ_EX => self.load_newobj(vm, true)?,
            PROTO => {
                let p = self.read_u8(vm)?;
                if p > HIGHEST_PROTOCOL {
                    return Err(vm.value_error(format!("unsupported pickle protocol: {p}")));
                }
                self.proto = p;
                if let Some(seen) = &self.opts.protocol_seen {
                    seen.store(p, Ordering::Relaxed);
                }
            }
            FRAME => {
                let n = self.read_size64(vm, "FRAME length")?;
                self.input.prefetch(vm, n)?;
            }
            GET => {
                let line = self.read_operand_line(vm)?;
                let idx = text::parse_memo_index(vm, &line)?;
                match u64::try_from(idx) {
                    Ok(idx) => self.load_get(vm, idx)?,
                    Err(_) => return Err(unpickling_error(vm, &format!("Memo value not found at index {idx}"))),
                }
            }
            BINGET => {
                let idx = self.read_u8(vm)? as u64;
                self.load_get(vm, idx)?;
            }
            LONG_BINGET => {
                let idx = self.read_u32(vm)? as u64;
                self.load_get(vm, idx)?;
            }
            PUT => {
                let line = self.read_operand_line(vm)?;
                self.top(vm)?;
                let idx = text::parse_memo_index(vm, &line)?;
                match u64::try_from(idx) {
                    Ok(idx) => self.load_put(vm, idx)?,
                    Err(_) => return Err(vm.value_error("negative PUT argument")),
                }
            }
            BINPUT => {
                let idx = self.read_u8(vm)? as u64;
                self.load_put(vm, idx)?;
            }
            LONG_BINPUT => {
                let idx = self.read_u32(vm)? as u64;
                self.load_put(vm, idx)?;
            }
            MEMOIZE => {
                let idx = self.memo.map.len() as u64;
                self.load_put(vm, idx)?;
            }
            PERSID => {
                if self.opts.persistent_load.is_none() {
                    return Err(self.no_persistent_load(vm));
                }
                let line = self.input.readline(vm)?;
                if !line.is_ascii() {
                    return Err(unpickling_error(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                }
                let pid = Value::string(String::from_utf8_lossy(&line).into_owned());
                let obj = self.persistent_load(vm, pid)?;
                self.push(obj);
            }
            BINPERSID => {
                let pid = self.pop(vm)?;
                let obj = self.persistent_load(vm, pid)?;
                self.push(obj);
            }
            EXT1 => {
                let code = self.read_u8(vm)? as i64;
                self.load_extension(vm, code)?;
            }
            EXT2 => {
                let code = self.read_u16(vm)? as i64;
                self.load_extension(vm, code)?;
            }
            EXT4 => {
                let code = self.read_i32(vm)? as i64;
                self.load_extension(vm, code)?;
            }
            _ => {
                let shown = if (0x20..=0x7e).contains(&op) && op != b'\'' && op != b'\\' {
                    (op as char).to_string()
                } else {
                    format!("\\x{op:02x}")
                };
                return Err(unpickling_error(vm, &format!("invalid load key, '{shown}'.")));
            }
        }
        Ok(())
    }

    // ----- opcode bodies -----

    fn load_pop(&mut self, vm: &mut Vm) -> PyResult<()> {
        // A MARK on top of the stack is what POP removes, if there is one.
        if self.marks.last() == Some(&self.stack.len()) {
            self.marks.pop();
            return Ok(());
        }
        self.pop(vm).map(|_| ())
    }

    fn load_long_bytes(&mut self, vm: &mut Vm, n: usize) -> PyResult<()> {
        let bytes = self.input.read(vm, n)?;
        let v = if bytes.is_empty() { Value::Int(0) } else { Value::int_from_big(BigInt::from_signed_bytes_le(bytes)) };
        self.push(v);
        Ok(())
    }

    fn load_py2_string(&mut self, vm: &mut Vm, op: u8) -> PyResult<()> {
        let raw = match op {
            STRING => {
                let line = self.input.readline(vm)?;
                text::unquote_string_opcode(vm, &line)?
            }
            BINSTRING => {
                let n = self.read_u32(vm)? as usize;
                self.input.read(vm, n)?.to_vec()
            }
            _ => {
                let n = self.read_u8(vm)? as usize;
                self.input.read(vm, n)?.to_vec()
            }
        };
        let v = if self.opts.encoding == "bytes" {
            Value::bytes(raw)
        } else {
            Value::string(decode_bytes(vm, &raw, &self.opts.encoding, &self.opts.errors)?)
        };
        self.push(v);
        Ok(())
    }

    fn load_dict(&mut self, vm: &mut Vm) -> PyResult<()> {
        let items = self.pop_mark(vm)?;
        if items.len() % 2 != 0 {
            return Err(unpickling_error(vm, "odd number of items for DICT"));
        }
        let dict = vm.new_dict();
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            vm.dict_set(&dict, k, v)?;
        }
        self.push(Value::Obj(dict));
        Ok(())
    }

    fn load_setitems(&mut self, vm: &mut Vm) -> PyResult<()> {
        let items = self.pop_mark(vm)?;
        let dict = self.top(vm)?;
        if items.len() % 2 != 0 {
            return Err(unpickling_error(vm, "odd number of items for SETITEMS"));
        }
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            vm.set_item(&dict, k, v)?;
        }
        Ok(())
    }

    fn load_build(&mut self, vm: &mut Vm) -> PyResult<()> {
        let state = self.pop(vm)?;
        let inst = self.top(vm)?;
        if let Some(setstate) = get_attr_opt(vm, &inst, "__setstate__")? {
            vm.call1(&setstate, state)?;
            return Ok(());
        }
        let (state, slot_state) = match state.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => (t[0].clone(), t[1].clone()),
            _ => (state, Value::None),
        };
        if !state.is_none() {
            let Some(Payload::Dict(d)) = state.payload() else {
                return Err(unpickling_error(vm, "state is not a dictionary"));
            };
            let items = d.borrow(vm).items();
            let inst_dict = vm.get_attr_str(&inst, "__dict__")?;
            for (k, v) in items {
                vm.set_item(&inst_dict, k, v)?;
            }
        }
        if !slot_state.is_none() {
            let Some(Payload::Dict(d)) = slot_state.payload() else {
                return Err(unpickling_error(vm, "slot state is not a dictionary"));
            };
            let items = d.borrow(vm).items();
            for (k, v) in items {
                vm.set_attr(&inst, &k, v)?;
            }
        }
        Ok(())
    }

    /// NEWOBJ and NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`.
    fn load_newobj(&mut self, vm: &mut Vm, with_kwargs: bool) -> PyResult<()> {
        let kwargs = if with_kwargs { Some(self.pop(vm)?) } else { None };
        let args = self.pop(vm)?;
        let class = self.pop(vm)?;
        let op = if with_kwargs { "NEWOBJ_EX" } else { "NEWOBJ" };
        let bad = |vm: &mut Vm, what: &str, expected: &str, v: &Value| {
            let msg = format!("{op} {what} argument must be a {expected}, not {}", vm.type_name(v));
            unpickling_error(vm, &msg)
        };
        if !matches!(class.payload(), Some(Payload::Class(_))) {
            return Err(bad(vm, "class", "type", &class));
        }
        let Some(Payload::Tuple(items)) = args.payload() else {
            return Err(bad(vm, "args", "tuple", &args));
        };
        if let Some(kw) = &kwargs {
            if !matches!(kw.payload(), Some(Payload::Dict(_))) {
                return Err(bad(vm, "kwargs", "dict", kw));
            }
        }
        let items = items.to_vec();
        let obj = new_instance(vm, &class, &items, kwargs.as_ref())?;
        self.push(obj);
        Ok(())
    }

    fn load_get(&mut self, vm: &mut Vm, idx: u64) -> PyResult<()> {
        match self.memo.map.get(&idx) {
            Some(v) => {
                let v = v.clone();
                self.push(v);
                Ok(())
            }
            None => Err(unpickling_error(vm, &format!("Memo value not found at index {idx}"))),
        }
    }

    fn load_put(&mut self, vm: &mut Vm, idx: u64) -> PyResult<()> {
        let top = self.top(vm)?;
        self.memo.map.insert(idx, top);
        Ok(())
    }

    fn persistent_load(&mut self, vm: &mut Vm, pid: Value) -> PyResult<Value> {
        match &self.opts.persistent_load {
            Some(f) => {
                let f = f.clone();
                vm.call1(&f, pid)
            }
            None => Err(self.no_persistent_load(vm)),
        }
    }

    fn no_persistent_load(&self, vm: &mut Vm) -> PyErr {
        let msg = "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.";
        unpickling_error(vm, msg)
    }

    fn load_extension(&mut self, vm: &mut Vm, code: i64) -> PyResult<()> {
        if code <= 0 {
            return Err(unpickling_error(vm, "EXT specifies code <= 0"));
        }
        let registry = super::reduce::copyreg_attr(vm, "_inverted_registry")?;
        let key = registry.map(|r| vm.get_item(&r, &Value::Int(code)));
        let Some(Ok(entry)) = key else {
            return Err(vm.value_error(format!("unregistered extension code {code}")));
        };
        let (module, name) = match entry.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => (t[0].clone(), t[1].clone()),
            _ => return Err(vm.value_error(format!("unregistered extension code {code}"))),
        };
        let obj = self.find_class(vm, module, name)?;
        self.push(obj);
        Ok(())
    }

    fn find_class(&mut self, vm: &mut Vm, module: Value, name: Value) -> PyResult<Value> {
        if let Some(f) = &self.opts.find_class {
            let f = f.clone();
            return vm.call(&f, Args::new(&[module, name]));
        }
        let module = module.as_str().unwrap_or_default().to_string();
        let name = name.as_str().unwrap_or_default().to_string();
        find_class(vm, &module, &name, self.proto, self.opts.fix_imports)
    }
}

/// `Unpickler.find_class`: imports `module` and gets `name` from it (a dotted path from
/// protocol 4 on), after mapping Python 2 names for protocols < 3.
pub fn find_class(vm: &mut Vm, module: &str, name: &str, proto: u8, fix_imports: bool) -> PyResult<Value> {
    let (mut module, mut name) = (module.to_string(), name.to_string());
    if proto < 3 && fix_imports {
        if let Some((m, n)) = compat::map_name(compat::NAME_MAPPING, &module, &name) {
            (module, name) = (m.to_string(), n.to_string());
        } else if let Some(m) = compat::map_module(compat::IMPORT_MAPPING, &module) {
            module = m.to_string();
        }
    }
    if module.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let module_obj = vm.import_module(&module)?;
    let path: Vec<&str> = if proto >= 4 { name.split('.').collect() } else { vec![name.as_str()] };
    match super::reduce::deep_attribute(vm, &module_obj, &path) {
        Some((found, _)) => Ok(found),
        None => {
            let shown = vm.repr_of(&module_obj)?;
            Err(vm.attribute_error(format!("Can't get attribute '{name}' on {shown}")))
        }
    }
}

/// APPEND/APPENDS: a list grows in place; anything else gets `extend` (or `append` per item).
fn do_append(vm: &mut Vm, list: &Value, items: Vec<Value>) -> PyResult<()> {
    if let Some(Payload::List(cell)) = list.payload() {
        cell.borrow_mut(vm).extend(items);
        return Ok(());
    }
    if items.is_empty() {
        return Ok(());
    }
    if let Some(extend) = get_attr_opt(vm, list, "extend")? {
        let l = vm.new_list(items);
        vm.call1(&extend, l)?;
        return Ok(());
    }
    let append = vm.get_attr_str(list, "append")?;
    for item in items {
        vm.call1(&append, item)?;
    }
    Ok(())
}

fn do_additems(vm: &mut Vm, set: &Value, items: Vec<Value>) -> PyResult<()> {
    if let Some(Payload::Set(_)) = set.payload() {
        for item in items {
            vm.set_add(set, item)?;
        }
        return Ok(());
    }
    let add = vm.get_attr_str(set, "add")?;
    for item in items {
        vm.call1(&add, item)?;
    }
    Ok(())
}

/// INST and OBJ: `cls.__new__(cls)` when there are no arguments, else `cls(*args)`.
fn instantiate(vm: &mut Vm, class: &Value, args: Vec<Value>) -> PyResult<Value> {
    if args.is_empty()
        && matches!(class.payload(), Some(Payload::Class(_)))
        && get_attr_opt(vm, class, "__getinitargs__")?.is_none()
    {
        return new_instance(vm, class, &[], None);
    }
    vm.call(class, Args::new(&args))
}

/// `cls.__new__(cls, *args, **kwargs)`: a user `__new__`, or a bare instance of the class
/// (with the built-in value a subclass of a built-in type needs).
pub fn new_instance(vm: &mut Vm, class: &Value, args: &[Value], kwargs: Option<&Value>) -> PyResult<Value> {
    let Some(cls) = class.as_obj().cloned() else { return Err(vm.type_error("not a type")) };
    let Payload::Class(c) = cls.payload() else { return Err(vm.type_error("not a type")) };
    let (mut items, names) = (args.to_vec(), keyword_arguments(vm, kwargs));
    items.extend(names.iter().map(|(_, v)| v.clone()));
    let kwnames: Vec<Value> = names.into_iter().map(|(k, _)| k).collect();
    if c.is_builtin {
        return vm.call(class, Args { items: &items, kwnames: &kwnames });
    }
    match lookup_mro(vm, &cls, "__new__") {
        Some(new) if !matches!(new.payload(), Some(Payload::NativeFunction(_))) => {
            let func = match new.payload() {
                Some(Payload::StaticMethod(f)) => f.clone(),
                _ => new,
            };
            let mut all = vec![class.clone()];
            all.extend(items);
            vm.call(&func, Args { items: &all, kwnames: &kwnames })
        }
        _ => allocate_instance(vm, &cls, Args::new(args)),
    }
}

fn keyword_arguments(vm: &Vm, kwargs: Option<&Value>) -> Vec<(Value, Value)> {
    match kwargs.and_then(|k| k.payload()) {
        Some(Payload::Dict(d)) => d.borrow(vm).items(),
        _ => vec![],
    }
}
