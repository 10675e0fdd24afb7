//! The string a pattern is matched against: its text for the engine (bytes mapped onto
//! U+0000-U+00FF), and conversions between the engine's byte offsets and Python's character
//! indexes.

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::{PyResult, Value, Vm};

pub struct Subject {
    pub value: Value,
    pub is_bytes: bool,
    /// Owned text for bytes subjects; str subjects are read in place.
    owned: Option<String>,
    /// Byte offset of each character (and of the end), when the text is not ASCII.
    char_starts: Option<Vec<usize>>,
}

impl Subject {
    /// Checks the subject's type against the pattern's (str vs bytes), as CPython does.
    pub fn new(vm: &mut Vm, value: &Value, pattern_is_bytes: bool) -> PyResult<Subject> {
        let (owned, is_bytes) = match value.payload() {
            Some(Payload::Str(_)) => (None, false),
            Some(Payload::Bytes(b)) => (Some(b.iter().map(|&c| c as char).collect()), true),
            Some(Payload::ByteArray(b)) => (Some(b.borrow(vm).iter().map(|&c| c as char).collect()), true),
            _ => {
                return Err(
                    vm.type_error(format!("expected string or bytes-like object, got '{}'", vm.type_name(value)))
                )
            }
        };
        if is_bytes && !pattern_is_bytes {
            return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
        }
        if !is_bytes && pattern_is_bytes {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        let value = match value.payload() {
            Some(Payload::ByteArray(b)) => Value::bytes(b.borrow(vm).clone()),
            _ => value.clone(),
        };
        let mut subject = Subject { value, is_bytes, owned, char_starts: None };
        let text = subject.text();
        if !text.is_ascii() {
            let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            starts.push(text.len());
            subject.char_starts = Some(starts);
        }
        Ok(subject)
    }

    pub fn text(&self) -> &str {
        match (&self.owned, self.value.payload()) {
            (Some(s), _) => s,
            (None, Some(Payload::Str(s))) => s.as_str(),
            _ => "",
        }
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        match &self.char_starts {
            Some(starts) => starts.len() - 1,
            None => self.text().len(),
        }
    }

    pub fn byte_of(&self, char_index: usize) -> usize {
        match &self.char_starts {
            Some(starts) => starts[char_index.min(starts.len() - 1)],
            None => char_index.min(self.text().len()),
        }
    }

    pub fn char_of(&self, byte: usize) -> usize {
        match &self.char_starts {
            Some(starts) => starts.partition_point(|&b| b < byte),
            None => byte,
        }
    }

    /// The byte offset of the character after the one at `byte`.
    pub fn next_boundary(&self, byte: usize) -> usize {
        let text = self.text();
        byte + text[byte..].chars().next().map_or(1, char::len_utf8)
    }

    /// A str or bytes of the subject's type for characters `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> Value {
        let text = self.text();
        let (a, b) = (self.byte_of(start), self.byte_of(end.max(start)));
        let piece = &text[a..b];
        if self.is_bytes {
            Value::bytes(piece.chars().map(|c| c as u32 as u8).collect())
        } else {
            Value::str(piece)
        }
    }

    /// A str or bytes of the subject's type made of `text` (engine characters).
    pub fn make(&self, text: &str) -> Value {
        if self.is_bytes {
            Value::bytes(text.chars().map(|c| c as u32 as u8).collect())
        } else {
            Value::str(text)
        }
    }

    /// `pos`/`endpos` arguments clamped as CPython clamps them.
    pub fn bounds(&self, pos: i64, endpos: i64) -> (usize, usize) {
        let len = self.len() as i64;
        let pos = pos.clamp(0, len) as usize;
        let endpos = endpos.clamp(0, len) as usize;
        (pos, endpos)
    }
}
