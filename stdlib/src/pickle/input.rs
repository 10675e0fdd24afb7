//! Where the unpickler reads from: a byte buffer, or a file object read on demand (only as far
//! as the pickle goes, so several pickles can follow each other in one file).

use std::borrow::Cow;

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::{PyResult, Value, Vm};

use super::errors::unpickling_error;

pub struct Input<'a> {
    data: Cow<'a, [u8]>,
    pos: usize,
    file: Option<Value>,
}

impl<'a> Input<'a> {
    pub fn from_bytes(data: &'a [u8]) -> Input<'a> {
        Input { data: Cow::Borrowed(data), pos: 0, file: None }
    }

    pub fn from_file(file: Value) -> Input<'static> {
        Input { data: Cow::Owned(Vec::new()), pos: 0, file: Some(file) }
    }

    fn available(&self) -> usize {
        self.data.len() - self.pos
    }

    /// The next opcode byte, or None at the end of the input.
    pub fn next_byte(&mut self, vm: &mut Vm) -> PyResult<Option<u8>> {
        if self.available() == 0 && !self.fill(vm, 1)? {
            return Ok(None);
        }
        let b = self.data[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    /// Exactly `n` bytes, or "pickle data was truncated".
    pub fn read(&mut self, vm: &mut Vm, n: usize) -> PyResult<&[u8]> {
        self.check_size(vm, n)?;
        if self.available() < n && !self.fill(vm, n)? {
            return Err(unpickling_error(vm, "pickle data was truncated"));
        }
        let start = self.pos;
        self.pos += n;
        Ok(&self.data[start..start + n])
    }

    pub fn read_array<const N: usize>(&mut self, vm: &mut Vm) -> PyResult<[u8; N]> {
        let bytes = self.read(vm, N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// Makes sure `n` bytes are buffered (a FRAME's worth, read from a file in one call).
    pub fn prefetch(&mut self, vm: &mut Vm, n: usize) -> PyResult<()> {
        self.check_size(vm, n)?;
        if self.available() < n && !self.fill(vm, n)? {
            return Err(unpickling_error(vm, "pickle data was truncated"));
        }
        Ok(())
    }

    /// A length no buffer position can reach is a corrupt operand.
    fn check_size(&self, vm: &mut Vm, n: usize) -> PyResult<()> {
        if n > isize::MAX as usize - self.pos {
            return Err(unpickling_error(vm, "read would overflow (invalid bytecode)"));
        }
        Ok(())
    }

    /// A line up to and without its `\n`.
    pub fn readline(&mut self, vm: &mut Vm) -> PyResult<Vec<u8>> {
        if let Some(i) = self.data[self.pos..].iter().position(|&b| b == b'\n') {
            let line = self.data[self.pos..self.pos + i].to_vec();
            self.pos += i + 1;
            return Ok(line);
        }
        let Some(file) = self.file.clone() else {
            return Err(unpickling_error(vm, "pickle data was truncated"));
        };
        let chunk = vm.call_method(&file, "readline", &[])?;
        let chunk = bytes_of(vm, &chunk)?;
        let mut line = self.data[self.pos..].to_vec();
        self.pos = self.data.len();
        line.extend_from_slice(&chunk);
        if line.last() != Some(&b'\n') {
            return Err(unpickling_error(vm, "pickle data was truncated"));
        }
        line.pop();
        Ok(line)
    }

    /// Reads from the file until `n` bytes are available. False at end of input.
    fn fill(&mut self, vm: &mut Vm, n: usize) -> PyResult<bool> {
        let Some(file) = self.file.clone() else { return Ok(false) };
        let missing = n - self.available();
        let chunk = vm.call_method(&file, "read", &[Value::Int(missing as i64)])?;
        let chunk = bytes_of(vm, &chunk)?;
        let data = self.data.to_mut();
        data.drain(..self.pos);
        self.pos = 0;
        data.extend_from_slice(&chunk);
        Ok(self.available() >= n)
    }
}

fn bytes_of(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow(vm).clone()),
        _ => Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    }
}
