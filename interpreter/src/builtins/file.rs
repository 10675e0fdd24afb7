//! File objects: what `open()` returns (`_io.TextIOWrapper`, `_io.BufferedReader`,
//! `_io.BufferedWriter`, `_io.BufferedRandom`) and the `sys.stdin/stdout/stderr` streams.
//!
//! A file is a `Payload::Native` whose data is a [`FileData`]: fixed facts (kind, mode, name,
//! encoding) plus a `parking_lot::Mutex<FileState>` holding the OS handle and the read and write
//! buffers. Blocking reads and writes run with the GIL released (`vm.allow_threads`), so the state
//! must be reachable without the `Vm`: an operation is a closure over the state that is first
//! tried with the GIL held and no blocking I/O (a line already in the buffer, a write that fits the
//! buffer), and only if that is not enough, run again with the GIL released.
//!
//! Text files decode UTF-8 (or ASCII/Latin-1) and translate newlines on read the way CPython's
//! `TextIOWrapper` does for each `newline=` setting; `tell()` is the byte offset.
//!
//! The classes live in a `_io` module object kept in `sys.modules` (made on first use; see
//! [`io_module`]), which is also where `cached_native_class` keeps other native types of the
//! builtins (`callable_iterator`).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use crate::builtins::receiver;
use crate::builtins::types::{make_class, TypeId};
use crate::object::{Module, Native, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, InterpreterState, PyErr, Vm};
use crate::PyResult;

/// How much is read from the OS at a time.
const READ_CHUNK: usize = 64 * 1024;
/// Writes are collected up to this size before going to the OS.
const WRITE_BUFFER: usize = 8192;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Reader,
    Writer,
    Random,
}

impl FileKind {
    pub fn class_name(self) -> &'static str {
        match self {
            FileKind::Text => "TextIOWrapper",
            FileKind::Reader => "BufferedReader",
            FileKind::Writer => "BufferedWriter",
            FileKind::Random => "BufferedRandom",
        }
    }

    fn is_text(self) -> bool {
        self == FileKind::Text
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Ascii,
    Latin1,
}

impl Encoding {
    fn codec(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Ascii => "ascii",
            Encoding::Latin1 => "latin-1",
        }
    }

    fn lookup(name: &str) -> Option<Encoding> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        Some(match n.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" | "cp65001" | "locale" | "utf-8-sig" => Encoding::Utf8,
            "ascii" | "us-ascii" | "646" | "us" => Encoding::Ascii,
            "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "iso-ir-100" => {
                Encoding::Latin1
            }
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorMode {
    Strict,
    Replace,
    Ignore,
    BackslashReplace,
    XmlCharRefReplace,
}

impl ErrorMode {
    fn from_name(name: &str) -> ErrorMode {
        match name {
            "replace" | "surrogateescape" | "surrogatepass" => ErrorMode::Replace,
            "ignore" => ErrorMode::Ignore,
            "backslashreplace" | "namereplace" => ErrorMode::BackslashReplace,
            "xmlcharrefreplace" => ErrorMode::XmlCharRefReplace,
            _ => ErrorMode::Strict,
        }
    }
}

/// The `newline=` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Newline {
    /// `None`: any of `\n`, `\r`, `\r\n` ends a line and reads as `\n`.
    Universal,
    /// `''`: any of them ends a line, returned untranslated.
    Any,
    /// `'\n'`, `'\r'`, `'\r\n'`: only that ends a line; on write `\n` becomes it.
    Lf,
    Cr,
    CrLf,
}

#[derive(Clone)]
enum FileName {
    Str(String),
    Bytes(Vec<u8>),
    Fd(i64),
}

impl FileName {
    fn value(&self) -> Value {
        match self {
            FileName::Str(s) => Value::str(s),
            FileName::Bytes(b) => Value::bytes(b.clone()),
            FileName::Fd(i) => Value::Int(*i),
        }
    }
}

enum Backend {
    File(File),
    Stdin,
    Stdout(Weak<InterpreterState>),
    Stderr(Weak<InterpreterState>),
}

/// The state of a file object (see the module docs).
pub struct FileData {
    kind: FileKind,
    name: FileName,
    /// The `mode` attribute.
    mode: String,
    readable: bool,
    writable: bool,
    encoding: Encoding,
    encoding_name: String,
    errors: ErrorMode,
    errors_name: String,
    newline: Newline,
    line_buffering: bool,
    state: Arc<Mutex<FileState>>,
}

struct FileState {
    backend: Backend,
    closed: bool,
    closefd: bool,
    /// Bytes read from the OS and not yet consumed: `rbuf[rpos..]`.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Bytes written and not yet given to the OS.
    wbuf: Vec<u8>,
    /// `buffering=0`: every write goes straight to the OS.
    unbuffered: bool,
}

impl Drop for FileState {
    fn drop(&mut self) {
        if !self.closed {
            let _ = self.flush_wbuf();
            if !self.closefd {
                if let Backend::File(f) = std::mem::replace(&mut self.backend, Backend::Stdin) {
                    forget_file(f);
                }
            }
        }
    }
}

#[cfg(unix)]
fn forget_file(f: File) {
    use std::os::fd::IntoRawFd;
    let _ = f.into_raw_fd();
}

#[cfg(not(unix))]
fn forget_file(f: File) {
    std::mem::forget(f);
}

/// Why a file operation failed; turned into a Python exception once the GIL is back.
enum FErr {
    Io(io::Error),
    /// `ValueError` with this message.
    Value(String),
    /// `io.UnsupportedOperation` with this message.
    Unsupported(&'static str),
    Decode(String),
    Encode(String),
}

impl From<io::Error> for FErr {
    fn from(e: io::Error) -> FErr {
        FErr::Io(e)
    }
}

type FResult<T> = Result<T, FErr>;

const CLOSED: &str = "I/O operation on closed file.";
const CLOSED_NO_DOT: &str = "I/O operation on closed file";

fn read_backend(backend: &mut Backend, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        let r = match backend {
            Backend::File(f) => f.read(buf),
            Backend::Stdin => io::stdin().lock().read(buf),
            Backend::Stdout(_) | Backend::Stderr(_) => return Err(io::Error::from_raw_os_error(9)),
        };
        match r {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

fn write_backend(backend: &mut Backend, data: &[u8]) -> io::Result<()> {
    match backend {
        Backend::File(f) => f.write_all(data),
        Backend::Stdout(w) => match w.upgrade() {
            Some(interp) => interp.stdout.lock().write_all(data),
            None => Ok(()),
        },
        Backend::Stderr(w) => match w.upgrade() {
            Some(interp) => {
                let mut e = interp.stderr.lock();
                e.write_all(data)?;
                e.flush()
            }
            None => Ok(()),
        },
        Backend::Stdin => Err(io::Error::from_raw_os_error(9)),
    }
}

impl FileState {
    fn avail(&self) -> &[u8] {
        &self.rbuf[self.rpos..]
    }

    fn consume(&mut self, n: usize) -> Vec<u8> {
        let out = self.rbuf[self.rpos..self.rpos + n].to_vec();
        self.rpos += n;
        if self.rpos == self.rbuf.len() {
            self.rbuf.clear();
            self.rpos = 0;
        }
        out
    }

    fn take_all(&mut self) -> Vec<u8> {
        let n = self.avail().len();
        self.consume(n)
    }

    /// Reads more from the OS into the read buffer; 0 at end of file.
    fn fill(&mut self) -> io::Result<usize> {
        if self.rpos > 0 {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
        }
        let old = self.rbuf.len();
        self.rbuf.resize(old + READ_CHUNK, 0);
        let r = read_backend(&mut self.backend, &mut self.rbuf[old..]);
        match r {
            Ok(n) => {
                self.rbuf.truncate(old + n);
                Ok(n)
            }
            Err(e) => {
                self.rbuf.truncate(old);
                Err(e)
            }
        }
    }

    fn flush_wbuf(&mut self) -> io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.wbuf);
        let r = write_backend(&mut self.backend, &data);
        if r.is_err() {
            self.wbuf = data;
        }
        r
    }

    fn is_std_output(&self) -> bool {
        matches!(self.backend, Backend::Stdout(_) | Backend::Stderr(_))
    }

    /// Drops read-ahead before writing. A binary file moves the OS position back to where the
    /// reader is; a text file does not (CPython's `TextIOWrapper` writes after its read-ahead).
    fn discard_read_ahead(&mut self, rewind: bool) -> io::Result<()> {
        let n = self.avail().len();
        if n > 0 && rewind {
            if let Backend::File(f) = &mut self.backend {
                f.seek(SeekFrom::Current(-(n as i64)))?;
            }
        }
        self.rbuf.clear();
        self.rpos = 0;
        Ok(())
    }

    fn os_position(&mut self) -> io::Result<u64> {
        match &mut self.backend {
            Backend::File(f) => f.stream_position(),
            _ => Err(io::Error::from_raw_os_error(29)),
        }
    }

    fn logical_position(&mut self) -> io::Result<u64> {
        let pos = self.os_position()?;
        Ok(pos + self.wbuf.len() as u64 - self.avail().len() as u64)
    }
}

// ----- decoding and encoding -----

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// Where a line ends in `buf` (exclusive), scanning from `from`; `None` if more data is needed.
fn find_line_end(buf: &[u8], from: usize, nl: Newline, at_eof: bool) -> Option<usize> {
    let tail = buf.get(from..)?;
    match nl {
        Newline::Lf => tail.iter().position(|&b| b == b'\n').map(|i| from + i + 1),
        Newline::Cr => tail.iter().position(|&b| b == b'\r').map(|i| from + i + 1),
        Newline::CrLf => tail.windows(2).position(|w| w == b"\r\n").map(|i| from + i + 2),
        Newline::Universal | Newline::Any => {
            let i = from + tail.iter().position(|&b| b == b'\n' || b == b'\r')?;
            if buf[i] == b'\n' {
                Some(i + 1)
            } else if i + 1 < buf.len() {
                Some(if buf[i + 1] == b'\n' { i + 2 } else { i + 1 })
            } else if at_eof {
                Some(i + 1)
            } else {
                None
            }
        }
    }
}

/// The byte length of the first `n` characters of `buf` (a `\r\n` counting as one character when
/// newlines are translated); `None` if `buf` does not hold them all yet.
fn char_prefix_end(buf: &[u8], n: usize, enc: Encoding, translate: bool, at_eof: bool) -> Option<usize> {
    let mut i = 0;
    let mut count = 0;
    while count < n {
        if i >= buf.len() {
            return if at_eof { Some(buf.len()) } else { None };
        }
        let b = buf[i];
        let mut len = if enc == Encoding::Utf8 { utf8_len(b) } else { 1 };
        if translate && b == b'\r' {
            if i + 1 < buf.len() {
                if buf[i + 1] == b'\n' {
                    len = 2;
                }
            } else if !at_eof {
                return None;
            }
        }
        if i + len > buf.len() {
            return if at_eof { Some(buf.len()) } else { None };
        }
        i += len;
        count += 1;
    }
    Some(i)
}

fn char_repr(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

impl FileData {
    fn translate(&self) -> bool {
        self.newline == Newline::Universal
    }

    /// Bytes to str, with this file's encoding, error handler and newline translation.
    fn decode(&self, bytes: &[u8]) -> FResult<String> {
        let text = match self.encoding {
            Encoding::Latin1 => bytes.iter().map(|&b| b as char).collect(),
            Encoding::Ascii => {
                let mut s = String::with_capacity(bytes.len());
                for (i, &b) in bytes.iter().enumerate() {
                    if b < 0x80 {
                        s.push(b as char);
                        continue;
                    }
                    match self.errors {
                        ErrorMode::Strict => {
                            return Err(FErr::Decode(format!(
                                "'ascii' codec can't decode byte 0x{b:02x} in position {i}: ordinal not in range(128)"
                            )))
                        }
                        ErrorMode::Ignore => {}
                        ErrorMode::BackslashReplace => s.push_str(&format!("\\x{b:02x}")),
                        _ => s.push('\u{FFFD}'),
                    }
                }
                s
            }
            Encoding::Utf8 => self.decode_utf8(bytes)?,
        };
        Ok(if self.translate() && text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
    }

    fn decode_utf8(&self, bytes: &[u8]) -> FResult<String> {
        let bytes = if self.encoding_name.eq_ignore_ascii_case("utf-8-sig") {
            bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
        } else {
            bytes
        };
        match std::str::from_utf8(bytes) {
            Ok(s) => return Ok(s.to_string()),
            Err(e) if self.errors == ErrorMode::Strict => {
                let pos = e.valid_up_to();
                let b = bytes[pos];
                return Err(FErr::Decode(match e.error_len() {
                    None => {
                        let end = bytes.len() - 1;
                        if end > pos {
                            format!("'utf-8' codec can't decode bytes in position {pos}-{end}: unexpected end of data")
                        } else {
                            format!(
                                "'utf-8' codec can't decode byte 0x{b:02x} in position {pos}: unexpected end of data"
                            )
                        }
                    }
                    Some(n) => {
                        let reason =
                            if (0xc2..=0xf4).contains(&b) { "invalid continuation byte" } else { "invalid start byte" };
                        if n > 1 {
                            format!("'utf-8' codec can't decode bytes in position {pos}-{}: {reason}", pos + n - 1)
                        } else {
                            format!("'utf-8' codec can't decode byte 0x{b:02x} in position {pos}: {reason}")
                        }
                    }
                }));
            }
            Err(_) => {}
        }
        let mut out = String::with_capacity(bytes.len());
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                    let bad = e.error_len().unwrap_or(rest.len() - good);
                    match self.errors {
                        ErrorMode::Ignore => {}
                        ErrorMode::BackslashReplace => {
                            for b in &rest[good..good + bad] {
                                out.push_str(&format!("\\x{b:02x}"));
                            }
                        }
                        _ => out.push('\u{FFFD}'),
                    }
                    rest = &rest[good + bad..];
                }
            }
        }
        Ok(out)
    }

    /// str to bytes, with newline translation on write.
    fn encode(&self, s: &str) -> FResult<Vec<u8>> {
        let translated;
        let s = match self.newline {
            Newline::Cr if s.contains('\n') => {
                translated = s.replace('\n', "\r");
                translated.as_str()
            }
            Newline::CrLf if s.contains('\n') => {
                translated = s.replace('\n', "\r\n");
                translated.as_str()
            }
            _ => s,
        };
        let limit = match self.encoding {
            Encoding::Utf8 => return Ok(s.as_bytes().to_vec()),
            Encoding::Ascii => 0x80u32,
            Encoding::Latin1 => 0x100u32,
        };
        let mut out = Vec::with_capacity(s.len());
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if (c as u32) < limit {
                out.push(c as u32 as u8);
                i += 1;
                continue;
            }
            match self.errors {
                ErrorMode::Strict => {
                    let mut j = i;
                    while j < chars.len() && chars[j] as u32 >= limit {
                        j += 1;
                    }
                    let codec = self.encoding.codec();
                    let range = if limit == 0x80 { "128" } else { "256" };
                    return Err(FErr::Encode(if j - i == 1 {
                        format!(
                            "'{codec}' codec can't encode character '{}' in position {i}: ordinal not in range({range})",
                            char_repr(c)
                        )
                    } else {
                        format!(
                            "'{codec}' codec can't encode characters in position {i}-{}: ordinal not in range({range})",
                            j - 1
                        )
                    }));
                }
                ErrorMode::Ignore => {}
                ErrorMode::Replace => out.push(b'?'),
                ErrorMode::BackslashReplace => out.extend_from_slice(char_repr(c).as_bytes()),
                ErrorMode::XmlCharRefReplace => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            }
            i += 1;
        }
        Ok(out)
    }

    fn closed_msg(&self, op: &'static str) -> String {
        if self.kind.is_text() {
            return match op {
                "truncate" | "isatty" | "seekable" | "fileno" => CLOSED_NO_DOT,
                _ => CLOSED,
            }
            .to_string();
        }
        match op {
            "read" => "read of closed file",
            "readline" => "readline of closed file",
            "write" => "write to closed file",
            "seek" => "seek of closed file",
            "flush" => "flush of closed file",
            "iter" | "enter" | "readlines" | "writelines" => CLOSED,
            _ => CLOSED_NO_DOT,
        }
        .to_string()
    }

    fn check_open(&self, st: &FileState, op: &'static str) -> FResult<()> {
        if st.closed {
            return Err(FErr::Value(self.closed_msg(op)));
        }
        Ok(())
    }

    fn check_readable(&self, st: &FileState, op: &'static str) -> FResult<()> {
        if !self.kind.is_text() && !self.readable {
            return Err(FErr::Unsupported("read"));
        }
        self.check_open(st, op)?;
        if !self.readable {
            return Err(FErr::Unsupported("not readable"));
        }
        Ok(())
    }

    fn check_writable(&self, st: &FileState, op: &'static str) -> FResult<()> {
        if !self.kind.is_text() && !self.writable {
            return Err(FErr::Unsupported(if op == "truncate" { "truncate" } else { "write" }));
        }
        self.check_open(st, op)?;
        if !self.writable {
            return Err(FErr::Unsupported(if op == "truncate" { "truncate" } else { "not writable" }));
        }
        Ok(())
    }

    /// Reads everything that is left.
    fn read_all(&self, st: &mut FileState, can_block: bool) -> Option<FResult<Vec<u8>>> {
        if !can_block {
            return None;
        }
        Some((|| {
            st.flush_wbuf()?;
            let mut out = st.take_all();
            match &mut st.backend {
                Backend::File(f) => loop {
                    match f.read_to_end(&mut out) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        r => {
                            r?;
                            break;
                        }
                    }
                },
                Backend::Stdin => {
                    io::stdin().lock().read_to_end(&mut out)?;
                }
                _ => return Err(FErr::Io(io::Error::from_raw_os_error(9))),
            }
            Ok(out)
        })())
    }

    /// Reads `n` bytes (binary) or the bytes of `n` characters (text), fewer at end of file.
    fn read_n(&self, st: &mut FileState, n: usize, can_block: bool) -> Option<FResult<Vec<u8>>> {
        if !st.wbuf.is_empty() {
            if !can_block {
                return None;
            }
            if let Err(e) = st.flush_wbuf() {
                return Some(Err(e.into()));
            }
        }
        let text = self.kind.is_text();
        loop {
            let avail = st.avail();
            let end = if text {
                char_prefix_end(avail, n, self.encoding, self.translate(), false)
            } else if avail.len() >= n {
                Some(n)
            } else {
                None
            };
            if let Some(end) = end {
                return Some(Ok(st.consume(end)));
            }
            if !can_block {
                return None;
            }
            match st.fill() {
                Ok(0) => {
                    let avail = st.avail();
                    let end = if text {
                        char_prefix_end(avail, n, self.encoding, self.translate(), true).unwrap_or(avail.len())
                    } else {
                        avail.len().min(n)
                    };
                    return Some(Ok(st.consume(end)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e.into())),
            }
        }
    }

    /// The raw bytes of the next line (with its terminator), at most `limit` characters/bytes.
    fn read_line(&self, st: &mut FileState, limit: Option<usize>, can_block: bool) -> Option<FResult<Vec<u8>>> {
        if !st.wbuf.is_empty() {
            if !can_block {
                return None;
            }
            if let Err(e) = st.flush_wbuf() {
                return Some(Err(e.into()));
            }
        }
        let text = self.kind.is_text();
        let nl = if text { self.newline } else { Newline::Lf };
        let mut from = 0;
        loop {
            let avail = st.avail();
            let line_end = find_line_end(avail, from, nl, false);
            let limit_end = limit.and_then(|n| {
                if text {
                    char_prefix_end(avail, n, self.encoding, self.translate(), false)
                } else if avail.len() >= n {
                    Some(n)
                } else {
                    None
                }
            });
            let end = match (line_end, limit_end) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let Some(end) = end {
                return Some(Ok(st.consume(end)));
            }
            if !can_block {
                return None;
            }
            // Rescan only the new data (less one byte, for a `\r` waiting for its `\n`).
            from = avail.len().saturating_sub(2);
            match st.fill() {
                Ok(0) => {
                    let avail = st.avail();
                    let mut end = find_line_end(avail, 0, nl, true).unwrap_or(avail.len());
                    if let Some(n) = limit {
                        let lim = if text {
                            char_prefix_end(avail, n, self.encoding, self.translate(), true).unwrap_or(avail.len())
                        } else {
                            n.min(avail.len())
                        };
                        end = end.min(lim);
                    }
                    return Some(Ok(st.consume(end)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e.into())),
            }
        }
    }

    fn write_bytes(
        &self,
        st: &mut FileState,
        data: &mut Vec<u8>,
        flush_line: bool,
        can_block: bool,
    ) -> Option<FResult<()>> {
        if st.is_std_output() {
            // The interpreter's sinks do their own buffering; writing them never waits long.
            let r = write_backend(&mut st.backend, data);
            return Some(r.map_err(FErr::from));
        }
        let needs_io =
            !st.avail().is_empty() || st.unbuffered || flush_line || st.wbuf.len() + data.len() > WRITE_BUFFER;
        if needs_io && !can_block {
            return None;
        }
        Some((|| {
            if !st.avail().is_empty() {
                st.discard_read_ahead(!self.kind.is_text())?;
            }
            st.wbuf.extend_from_slice(data);
            data.clear();
            if st.unbuffered || flush_line || st.wbuf.len() >= WRITE_BUFFER {
                st.flush_wbuf()?;
            }
            Ok(())
        })())
    }
}

// ----- flushing at exit -----

/// Files opened for writing, so that data still in their buffers reaches the OS when the
/// interpreter exits (CPython flushes every file object at shutdown; ours may never be dropped if
/// they sit in a reference cycle such as a module's globals). Holds no Python object: only the
/// state, which guards itself, so one process-wide list serves every interpreter.
static OPEN_FILES: Mutex<Vec<Weak<Mutex<FileState>>>> = Mutex::new(Vec::new());

fn register_for_exit_flush(state: &Arc<Mutex<FileState>>) {
    let mut files = OPEN_FILES.lock();
    if files.len() >= 64 && files.len().is_power_of_two() {
        files.retain(|w| w.strong_count() > 0);
    }
    files.push(Arc::downgrade(state));
}

/// Writes out what every open file still buffers. The interpreter calls this when it shuts down
/// (files are not closed: other threads may still be using them).
pub fn flush_all_files() {
    let files: Vec<_> = OPEN_FILES.lock().iter().filter_map(Weak::upgrade).collect();
    for f in files {
        if let Some(mut st) = f.try_lock_for(std::time::Duration::from_millis(200)) {
            if !st.closed {
                let _ = st.flush_wbuf();
            }
        }
    }
}

// ----- running operations with the GIL released -----

fn data_of(obj: &ObjRef) -> Option<&FileData> {
    match obj.payload() {
        Payload::Native(n) => n.downcast::<FileData>(),
        _ => None,
    }
}

/// Is `v` one of our file objects?
pub fn is_file_object(v: &Value) -> bool {
    v.as_obj().is_some_and(|o| data_of(o).is_some())
}

/// Runs `op` on the file's state: first with the GIL held and `can_block == false` (the op returns
/// `None` if it needs blocking I/O), then, if needed, with the GIL released.
fn run_op<R: Send + 'static>(
    vm: &mut Vm,
    call: &'static str,
    obj: &ObjRef,
    mut op: impl FnMut(&FileData, &mut FileState, bool) -> Option<R> + Send + 'static,
) -> R {
    {
        let data = data_of(obj).expect("file object");
        if let Some(mut st) = data.state.try_lock() {
            let can_block = st.is_std_output();
            if let Some(r) = op(data, &mut st, can_block) {
                return r;
            }
        }
    }
    let obj = obj.clone();
    vm.allow_threads_as(call, move || {
        let data = data_of(&obj).expect("file object");
        let mut st = data.state.lock();
        op(data, &mut st, true).expect("a blocking file operation completes")
    })
}

/// Runs a quick operation (no blocking I/O) with the GIL held.
fn with_state<R>(vm: &mut Vm, obj: &ObjRef, op: impl FnOnce(&FileData, &mut FileState) -> R) -> R
where
    R: Send + 'static,
{
    let data = data_of(obj).expect("file object");
    if let Some(mut st) = data.state.try_lock() {
        return op(data, &mut st);
    }
    // Another thread is blocked in an operation on this file: wait for it without the GIL.
    let obj2 = obj.clone();
    vm.allow_threads_as("file (another thread's I/O)", move || {
        let data = data_of(&obj2).expect("file object");
        drop(data.state.lock());
    });
    let mut st = data.state.lock();
    op(data, &mut st)
}

// ----- errors -----

/// The `OSError` subclass CPython picks for an errno.
pub fn os_error_class(errno: i32) -> &'static str {
    match errno {
        1 | 13 => "PermissionError",
        2 => "FileNotFoundError",
        3 => "ProcessLookupError",
        4 => "InterruptedError",
        10 => "ChildProcessError",
        11 => "BlockingIOError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        32 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        104 => "ConnectionResetError",
        111 => "ConnectionRefusedError",
        110 => "TimeoutError",
        _ => "OSError",
    }
}

/// A Python `OSError` (the right subclass for its errno) from an I/O error: args
/// `(errno, strerror)`, with `errno`, `strerror` and `filename` attributes, so that it prints as
/// `[Errno 2] No such file or directory: 'x.txt'`.
pub fn os_error(vm: &mut Vm, e: &io::Error, filename: Option<Value>) -> PyErr {
    let Some(errno) = e.raw_os_error() else {
        return vm.new_exception_msg("OSError", &e.to_string());
    };
    let text = e.to_string();
    let strerror = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let class_name = os_error_class(errno);
    let class = vm.exc_class(if vm.types().exceptions.contains_key(class_name) { class_name } else { "OSError" });
    // Built like CPython's `OSError(errno, strerror, filename)`: `args == (errno, strerror)`, the
    // rest in attributes (which `OSERROR_METHODS.__str__` formats).
    let err = vm.new_exception(class, vec![Value::Int(errno as i64), Value::string(strerror.clone())]);
    let v = err.value();
    let _ = vm.set_attr(&v, &Value::str("errno"), Value::Int(errno as i64));
    let _ = vm.set_attr(&v, &Value::str("strerror"), Value::string(strerror));
    let _ = vm.set_attr(&v, &Value::str("filename"), filename.unwrap_or(Value::None));
    let _ = vm.set_attr(&v, &Value::str("filename2"), Value::None);
    err
}

/// The class `OSError(errno, strerror, ...)` really makes: the subclass CPython picks for the
/// errno when `cls` is `OSError` itself, else `cls`.
pub fn oserror_subclass(vm: &Vm, cls: &ObjRef, args: &[Value]) -> ObjRef {
    let os_error = vm.exc_class("OSError");
    if !cls.ptr_eq(&os_error) || args.len() < 2 {
        return cls.clone();
    }
    match args[0] {
        Value::Int(errno) if i32::try_from(errno).is_ok() => {
            let name = os_error_class(errno as i32);
            vm.types().exceptions.get(name).cloned().unwrap_or(os_error)
        }
        _ => os_error,
    }
}

/// `OSError.__init__` and `__str__` with CPython's semantics, for the lead to put on the
/// `OSError` class: `OSError(errno, strerror[, filename[, winerror[, filename2]]])` keeps
/// `args == (errno, strerror)`, sets the `errno`/`strerror`/`filename`/`filename2` attributes,
/// and prints as `[Errno 2] No such file or directory: 'x.txt'`.
pub const OSERROR_METHODS: &[(&str, NativeFn)] = &[("__init__", oserror_init), ("__str__", oserror_str)];

fn oserror_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let pos = &args.positional()[1..];
    let (errno, strerror, filename, filename2) = if (2..=5).contains(&pos.len()) {
        (
            pos[0].clone(),
            pos[1].clone(),
            pos.get(2).cloned().unwrap_or(Value::None),
            pos.get(4).cloned().unwrap_or(Value::None),
        )
    } else {
        (Value::None, Value::None, Value::None, Value::None)
    };
    let stored: Vec<Value> = if (3..=5).contains(&pos.len()) { pos[..2].to_vec() } else { pos.to_vec() };
    if let Some(d) = this.as_obj().and_then(crate::vm::errors::exception_data) {
        d.borrow_mut(vm).args = Value::tuple(stored);
    }
    for (name, v) in [("errno", errno), ("strerror", strerror), ("filename", filename), ("filename2", filename2)] {
        vm.set_attr(&this, &Value::str(name), v)?;
    }
    Ok(Value::None)
}

fn oserror_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let get = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        Ok(crate::vm::attr::get_attr_opt(vm, &this, name)?.unwrap_or(Value::None))
    };
    let errno = get(vm, "errno")?;
    let strerror = get(vm, "strerror")?;
    let filename = get(vm, "filename")?;
    let filename2 = get(vm, "filename2")?;
    if !filename.is_none() {
        let (e, s, f) = (vm.str_of(&errno)?, vm.str_of(&strerror)?, vm.repr_of(&filename)?);
        return Ok(Value::string(if filename2.is_none() {
            format!("[Errno {e}] {s}: {f}")
        } else {
            let f2 = vm.repr_of(&filename2)?;
            format!("[Errno {e}] {s}: {f} -> {f2}")
        }));
    }
    if !errno.is_none() && !strerror.is_none() {
        let (e, s) = (vm.str_of(&errno)?, vm.str_of(&strerror)?);
        return Ok(Value::string(format!("[Errno {e}] {s}")));
    }
    let items = match this.as_obj().and_then(crate::vm::errors::exception_data) {
        Some(d) => match d.borrow(vm).args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![],
        },
        None => vec![],
    };
    Ok(Value::string(match items.len() {
        0 => String::new(),
        1 => vm.str_of(&items[0])?,
        _ => vm.repr_of(&Value::tuple(items))?,
    }))
}

fn unsupported_class(vm: &Vm) -> ObjRef {
    if let Some(c) = vm.types().exceptions.get("UnsupportedOperation") {
        return c.clone();
    }
    let dict = module_dict_of(&io_module(vm));
    match vm.dict_get_str_value(&dict, &Value::str("UnsupportedOperation")) {
        Some(Value::Obj(c)) => c,
        _ => vm.exc_class("OSError"),
    }
}

fn to_pyerr(vm: &mut Vm, e: FErr, filename: Option<Value>) -> PyErr {
    match e {
        FErr::Io(e) => os_error(vm, &e, filename),
        FErr::Value(msg) => vm.value_error(msg),
        FErr::Unsupported(msg) => {
            let class = unsupported_class(vm);
            vm.new_exception(class, vec![Value::str(msg)])
        }
        FErr::Decode(msg) => vm.new_exception_msg("UnicodeDecodeError", &msg),
        FErr::Encode(msg) => vm.new_exception_msg("UnicodeEncodeError", &msg),
    }
}

fn finish<T>(vm: &mut Vm, r: FResult<T>) -> PyResult<T> {
    r.map_err(|e| to_pyerr(vm, e, None))
}

// ----- the `_io` module and the classes -----

const METHODS: &[(&str, NativeFn)] = &[
    ("read", f_read),
    ("read1", f_read),
    ("readline", f_readline),
    ("readlines", f_readlines),
    ("write", f_write),
    ("writelines", f_writelines),
    ("close", f_close),
    ("flush", f_flush),
    ("seek", f_seek),
    ("tell", f_tell),
    ("truncate", f_truncate),
    ("fileno", f_fileno),
    ("isatty", f_isatty),
    ("readable", f_readable),
    ("writable", f_writable),
    ("seekable", f_seekable),
    ("__enter__", f_enter),
    ("__exit__", f_exit),
    ("__iter__", f_iter),
    ("__next__", f_next),
    ("__repr__", f_repr),
];

const KINDS: [FileKind; 4] = [FileKind::Text, FileKind::Reader, FileKind::Writer, FileKind::Random];

/// Makes the `_io` module: the four file classes, `UnsupportedOperation`, `open`. Fits
/// `NativeModuleInit`, so it can also be registered as an importable native module.
pub fn init_io_module(vm: &mut Vm) -> PyResult<ObjRef> {
    Ok(build_io_module(vm))
}

fn build_io_module(vm: &Vm) -> ObjRef {
    let dict = vm.new_dict();
    let set = |name: &str, v: Value| vm.dict_set_str_value(&dict, Value::str(name), v);
    set("__name__", Value::str("_io"));
    set("__doc__", Value::None);
    set("__package__", Value::str(""));
    set("__spec__", Value::None);
    let object = vm.types().get(TypeId::Object).clone();
    for kind in KINDS {
        let class = make_class(kind.class_name(), Some(object.clone()), None, true, METHODS);
        if let Payload::Class(c) = class.payload() {
            c.dict.borrow_mut(vm).set_str("__module__", Value::str("_io"));
        }
        set(kind.class_name(), Value::Obj(class));
    }
    let unsupported = match vm.types().exceptions.get("UnsupportedOperation") {
        Some(c) => c.clone(),
        None => {
            let os_error = vm.exc_class("OSError");
            let class = make_class("UnsupportedOperation", Some(os_error), Some(TypeId::BaseException), false, &[]);
            if let Payload::Class(c) = class.payload() {
                c.dict.borrow_mut(vm).set_str("__module__", Value::str("io"));
            }
            class
        }
    };
    set("UnsupportedOperation", Value::Obj(unsupported));
    let open_fn = ObjRef::new(Payload::NativeFunction(crate::object::NativeFunction {
        name: "open",
        func: open,
        bound: None,
        owner: None,
    }));
    set("open", Value::Obj(open_fn));
    set("DEFAULT_BUFFER_SIZE", Value::Int(WRITE_BUFFER as i64));
    ObjRef::new(Payload::Module(Module { name: Value::str("_io"), dict }))
}

/// The `_io` module, made on first use and kept in `sys.modules`.
pub fn io_module(vm: &Vm) -> ObjRef {
    let modules = vm.interp.modules.clone();
    let key = Value::str("_io");
    if let Some(Value::Obj(m)) = vm.dict_get_str_value(&modules, &key) {
        if let Payload::Module(Module { dict, .. }) = m.payload() {
            if vm.dict_get_str_value(dict, &Value::str("TextIOWrapper")).is_some() {
                return m.clone();
            }
        }
    }
    let m = build_io_module(vm);
    vm.dict_set_str_value(&modules, key, Value::Obj(m.clone()));
    m
}

fn module_dict_of(m: &ObjRef) -> ObjRef {
    match m.payload() {
        Payload::Module(Module { dict, .. }) => dict.clone(),
        _ => unreachable!("io_module returns a module"),
    }
}

/// A native class of the builtins, made once per interpreter by `make` and kept in `_io`.
pub fn cached_native_class(vm: &Vm, name: &str, make: impl FnOnce() -> ObjRef) -> ObjRef {
    let dict = module_dict_of(&io_module(vm));
    let key = Value::str(name);
    if let Some(Value::Obj(c)) = vm.dict_get_str_value(&dict, &key) {
        if matches!(c.payload(), Payload::Class(_)) {
            return c;
        }
    }
    let class = make();
    vm.dict_set_str_value(&dict, key, Value::Obj(class.clone()));
    class
}

fn file_class(vm: &Vm, kind: FileKind) -> ObjRef {
    let name = kind.class_name();
    cached_native_class(vm, name, || {
        // Only reached if someone deleted the class from `_io`.
        make_class(name, None, None, true, METHODS)
    })
}

fn new_file_object(vm: &Vm, data: FileData) -> Value {
    let class = file_class(vm, data.kind);
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) })))
}

/// `sys.stdin` (0), `sys.stdout` (1), `sys.stderr` (2): text streams on the process's stdin and
/// the interpreter's output sinks.
pub fn std_stream(vm: &Vm, which: u8) -> Value {
    let weak = Arc::downgrade(&vm.interp);
    let (backend, name, mode, newline) = match which {
        0 => (Backend::Stdin, "<stdin>", "r", Newline::Lf),
        1 => (Backend::Stdout(weak), "<stdout>", "w", Newline::Lf),
        _ => (Backend::Stderr(weak), "<stderr>", "w", Newline::Lf),
    };
    let data = FileData {
        kind: FileKind::Text,
        name: FileName::Str(name.to_string()),
        mode: mode.to_string(),
        readable: which == 0,
        writable: which != 0,
        encoding: Encoding::Utf8,
        encoding_name: "utf-8".to_string(),
        errors: if which == 2 { ErrorMode::BackslashReplace } else { ErrorMode::Strict },
        errors_name: if which == 2 { "backslashreplace" } else { "strict" }.to_string(),
        newline,
        line_buffering: false,
        state: Arc::new(Mutex::new(FileState {
            backend,
            closed: false,
            closefd: false,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            unbuffered: false,
        })),
    };
    new_file_object(vm, data)
}

/// Data attributes of file objects (`closed`, `name`, `mode`, `encoding` ...), for `attr.rs`.
pub fn file_attr(vm: &Vm, obj: &ObjRef, name: &str) -> Option<Value> {
    let _ = vm;
    let data = data_of(obj)?;
    let text = data.kind.is_text();
    Some(match name {
        "closed" => Value::Bool(data.state.try_lock().map(|st| st.closed).unwrap_or(false)),
        "name" => data.name.value(),
        "mode" => Value::str(&data.mode),
        "encoding" if text => Value::str(&data.encoding_name),
        "errors" if text => Value::str(&data.errors_name),
        "newlines" if text => Value::None,
        "line_buffering" if text => Value::Bool(data.line_buffering),
        "write_through" if text => Value::Bool(false),
        "buffer" if text => buffer_of(vm, data),
        _ => return None,
    })
}

/// `text_file.buffer`: the binary file under a text file, sharing its state (what is written
/// through either lands in the same buffer, in order).
fn buffer_of(vm: &Vm, data: &FileData) -> Value {
    let kind = match (data.readable, data.writable) {
        (true, true) => FileKind::Random,
        (true, false) => FileKind::Reader,
        _ => FileKind::Writer,
    };
    let m = &data.mode;
    let plus = if m.contains('+') { "+" } else { "" };
    let mode = if m.contains('x') {
        format!("xb{plus}")
    } else if m.contains('a') {
        format!("ab{plus}")
    } else if data.readable {
        if data.writable {
            "rb+".to_string()
        } else {
            "rb".to_string()
        }
    } else {
        "wb".to_string()
    };
    let binary = FileData {
        kind,
        name: data.name.clone(),
        mode,
        readable: data.readable,
        writable: data.writable,
        encoding: data.encoding,
        encoding_name: data.encoding_name.clone(),
        errors: data.errors,
        errors_name: data.errors_name.clone(),
        newline: Newline::Lf,
        line_buffering: false,
        state: data.state.clone(),
    };
    new_file_object(vm, binary)
}

// ----- methods -----

fn this<'a>(vm: &Vm, args: &Args<'a>, method: &str) -> PyResult<&'a ObjRef> {
    if let Some(Value::Obj(o)) = args.items.first() {
        if data_of(o).is_some() {
            return Ok(o);
        }
    }
    let got = args.items.first().map(|v| vm.type_name(v)).unwrap_or_else(|| "nothing".into());
    Err(vm.type_error(format!("descriptor '{method}' for '_io._IOBase' objects doesn't apply to a '{got}' object")))
}

fn method_args(vm: &Vm, args: &Args<'_>, method: &str, max: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{method}() takes no keyword arguments")));
    }
    let n = args.items.len() - 1;
    if n > max {
        return Err(vm.type_error(match max {
            0 => format!("{method}() takes no arguments ({n} given)"),
            _ => format!("{method}() takes at most {max} argument{} ({n} given)", if max == 1 { "" } else { "s" }),
        }));
    }
    Ok(())
}

/// A size argument: `None`/absent/negative mean "everything".
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = match receiver(v) {
                Value::Int(i) => *i,
                Value::Bool(b) => *b as i64,
                _ => {
                    if lookup_index(vm, v) {
                        vm.to_index(v)?
                    } else {
                        return Err(
                            vm.type_error(format!("argument should be integer or None, not '{}'", vm.type_name(v)))
                        );
                    }
                }
            };
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn lookup_index(vm: &Vm, v: &Value) -> bool {
    crate::vm::attr::lookup_special(vm, v, "__index__").is_some()
}

fn bytes_value(vm: &Vm, data: Vec<u8>) -> Value {
    let _ = vm;
    Value::bytes(data)
}

fn f_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "read")?.clone();
    method_args(vm, &args, "read", 1)?;
    let text = data_of(&obj).expect("file").kind.is_text();
    if !text {
        if let Some(v) = args.items.get(1) {
            if let Value::Int(i) = receiver(v) {
                if *i < -1 {
                    return Err(vm.value_error("read length must be non-negative or -1"));
                }
            }
        }
    }
    let size = size_arg(vm, args.items.get(1))?;
    let r = run_op(vm, "file.read", &obj, move |data, st, can_block| {
        if let Err(e) = data.check_readable(st, "read") {
            return Some(Err(e));
        }
        let raw = match size {
            None => data.read_all(st, can_block)?,
            Some(n) => data.read_n(st, n, can_block)?,
        };
        Some(raw.and_then(|b| if data.kind.is_text() { data.decode(&b).map(Ok) } else { Ok(Err(b)) }))
    });
    match finish(vm, r)? {
        Ok(s) => Ok(Value::string(s)),
        Err(b) => Ok(bytes_value(vm, b)),
    }
}

/// One line as a Python value, `None` at end of file... (an empty str/bytes).
fn read_line_value(vm: &mut Vm, obj: &ObjRef, limit: Option<usize>, op: &'static str) -> PyResult<Value> {
    let r = run_op(vm, "file.readline", obj, move |data, st, can_block| {
        if let Err(e) = data.check_readable(st, op) {
            return Some(Err(e));
        }
        if limit == Some(0) {
            return Some(Ok(Vec::new()));
        }
        let raw = data.read_line(st, limit, can_block)?;
        Some(raw)
    });
    let raw = finish(vm, r)?;
    let data = data_of(obj).expect("file");
    if data.kind.is_text() {
        let s = finish(vm, data.decode(&raw))?;
        Ok(Value::string(s))
    } else {
        Ok(bytes_value(vm, raw))
    }
}

fn f_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "readline")?.clone();
    method_args(vm, &args, "readline", 1)?;
    let text = data_of(&obj).expect("file").kind.is_text();
    let limit = match args.items.get(1) {
        None => None,
        // Text files take an int only; binary files also accept None.
        Some(Value::None) if !text => None,
        Some(v) => {
            let n = vm.to_index(v)?;
            if n < 0 {
                None
            } else {
                Some(n as usize)
            }
        }
    };
    read_line_value(vm, &obj, limit, "readline")
}

fn is_empty_line(v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Str(s)) => s.as_str().is_empty(),
        Some(Payload::Bytes(b)) => b.is_empty(),
        _ => true,
    }
}

fn f_readlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "readlines")?.clone();
    method_args(vm, &args, "readlines", 1)?;
    let hint = match args.items.get(1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = vm.to_index(v)?;
            if n <= 0 {
                None
            } else {
                Some(n as usize)
            }
        }
    };
    {
        let r = with_state(vm, &obj, |data, st| data.check_open(st, "readlines"));
        finish(vm, r)?;
    }
    let mut lines = Vec::new();
    let mut total = 0usize;
    loop {
        let line = read_line_value(vm, &obj, None, "readline")?;
        if is_empty_line(&line) {
            break;
        }
        if let Some(h) = hint {
            total += match line.payload() {
                Some(Payload::Str(s)) => s.char_len(),
                Some(Payload::Bytes(b)) => b.len(),
                _ => 0,
            };
            lines.push(line);
            if total >= h {
                break;
            }
        } else {
            lines.push(line);
        }
    }
    Ok(vm.new_list(lines))
}

/// The bytes a `write()` argument gives, or the `TypeError` for the wrong kind.
fn write_payload(vm: &mut Vm, obj: &ObjRef, v: &Value) -> PyResult<(Vec<u8>, usize, bool)> {
    let data = data_of(obj).expect("file");
    if data.kind.is_text() {
        let Some(s) = receiver(v).as_str() else {
            return Err(vm.type_error(format!("write() argument must be str, not {}", vm.type_name(v))));
        };
        let count = s.chars().count();
        let flush_line = data.line_buffering && (s.contains('\n') || s.contains('\r'));
        let bytes = finish(vm, data.encode(s))?;
        Ok((bytes, count, flush_line))
    } else {
        let bytes = match receiver(v).payload() {
            Some(Payload::Bytes(b)) => b.to_vec(),
            Some(Payload::ByteArray(b)) => b.borrow(vm).clone(),
            _ => {
                if let Some(Payload::Native(_)) = v.payload() {
                    // memoryview-like objects expose their bytes through `tobytes()`.
                    if let Ok(Some(f)) = crate::vm::attr::get_attr_opt(vm, v, "tobytes") {
                        let b = vm.call(&f, Args::new(&[]))?;
                        if let Some(Payload::Bytes(b)) = b.payload() {
                            let n = b.len();
                            return Ok((b.to_vec(), n, false));
                        }
                    }
                }
                return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v))));
            }
        };
        let n = bytes.len();
        Ok((bytes, n, false))
    }
}

fn write_value(vm: &mut Vm, obj: &ObjRef, v: &Value) -> PyResult<usize> {
    {
        let r = with_state(vm, obj, |data, st| {
            if data.kind.is_text() {
                data.check_writable(st, "write")
            } else if !data.writable {
                Err(FErr::Unsupported("write"))
            } else {
                Ok(())
            }
        });
        finish(vm, r)?;
    }
    let (bytes, count, flush_line) = write_payload(vm, obj, v)?;
    let mut bytes = bytes;
    let r = run_op(vm, "file.write", obj, move |data, st, can_block| {
        if let Err(e) = data.check_writable(st, "write") {
            return Some(Err(e));
        }
        data.write_bytes(st, &mut bytes, flush_line, can_block)
    });
    finish(vm, r)?;
    Ok(count)
}

fn f_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "write")?.clone();
    if args.has_kwargs() {
        return Err(vm.type_error("write() takes no keyword arguments"));
    }
    if args.items.len() != 2 {
        return Err(vm.type_error(format!("write() takes exactly one argument ({} given)", args.items.len() - 1)));
    }
    let n = write_value(vm, &obj, &args.items[1])?;
    Ok(Value::Int(n as i64))
}

fn f_writelines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "writelines")?.clone();
    if args.items.len() != 2 || args.has_kwargs() {
        return Err(vm.type_error(format!("writelines() takes exactly one argument ({} given)", args.items.len() - 1)));
    }
    {
        let r = with_state(vm, &obj, |data, st| data.check_open(st, "writelines"));
        finish(vm, r)?;
    }
    let it = vm.get_iter(&args.items[1])?;
    while let Some(line) = vm.next(&it)? {
        write_value(vm, &obj, &line)?;
    }
    Ok(Value::None)
}

fn close_file(vm: &mut Vm, obj: &ObjRef) -> PyResult<()> {
    let r = run_op(vm, "file.close", obj, |_data, st, can_block| {
        if st.closed {
            return Some(Ok(()));
        }
        if !st.wbuf.is_empty() && !can_block {
            return None;
        }
        let r = st.flush_wbuf();
        st.closed = true;
        st.rbuf = Vec::new();
        st.rpos = 0;
        st.wbuf = Vec::new();
        let backend = std::mem::replace(&mut st.backend, Backend::Stdin);
        match backend {
            Backend::File(f) => {
                if st.closefd {
                    drop(f);
                } else {
                    forget_file(f);
                }
            }
            Backend::Stdout(w) => {
                if let Some(i) = w.upgrade() {
                    let _ = i.stdout.lock().flush();
                }
                st.backend = Backend::Stdout(w);
            }
            Backend::Stderr(w) => {
                if let Some(i) = w.upgrade() {
                    let _ = i.stderr.lock().flush();
                }
                st.backend = Backend::Stderr(w);
            }
            Backend::Stdin => {}
        }
        Some(r.map_err(FErr::from))
    });
    finish(vm, r)
}

fn f_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "close")?.clone();
    method_args(vm, &args, "close", 0)?;
    close_file(vm, &obj)?;
    Ok(Value::None)
}

fn f_flush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "flush")?.clone();
    method_args(vm, &args, "flush", 0)?;
    let r = run_op(vm, "file.flush", &obj, |data, st, can_block| {
        if let Err(e) = data.check_open(st, "flush") {
            return Some(Err(e));
        }
        match &st.backend {
            Backend::Stdout(w) => {
                return Some(match w.upgrade() {
                    Some(i) => i.stdout.lock().flush().map_err(FErr::from),
                    None => Ok(()),
                })
            }
            Backend::Stderr(w) => {
                return Some(match w.upgrade() {
                    Some(i) => i.stderr.lock().flush().map_err(FErr::from),
                    None => Ok(()),
                })
            }
            _ => {}
        }
        if st.wbuf.is_empty() {
            return Some(Ok(()));
        }
        if !can_block {
            return None;
        }
        Some(st.flush_wbuf().map_err(FErr::from))
    });
    finish(vm, r)?;
    Ok(Value::None)
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::Float(_) = receiver(v) {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
    }
    vm.to_index(v)
}

fn f_seek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "seek")?.clone();
    method_args(vm, &args, "seek", 2)?;
    let Some(offset) = args.items.get(1) else {
        return Err(vm.type_error("seek() takes at least 1 argument (0 given)"));
    };
    let offset = int_arg(vm, offset)?;
    let whence = match args.items.get(2) {
        Some(w) => int_arg(vm, w)?,
        None => 0,
    };
    let r = run_op(vm, "file.seek", &obj, move |data, st, can_block| {
        if let Err(e) = data.check_open(st, "seek") {
            return Some(Err(e));
        }
        if !(0..=2).contains(&whence) {
            return Some(Err(FErr::Value(if data.kind.is_text() {
                format!("invalid whence ({whence}, should be 0, 1 or 2)")
            } else {
                format!("whence value {whence} unsupported")
            })));
        }
        if data.kind.is_text() {
            if whence == 1 && offset != 0 {
                return Some(Err(FErr::Unsupported("can't do nonzero cur-relative seeks")));
            }
            if whence == 2 && offset != 0 {
                return Some(Err(FErr::Unsupported("can't do nonzero end-relative seeks")));
            }
            if whence == 0 && offset < 0 {
                return Some(Err(FErr::Value(format!("negative seek position {offset}"))));
            }
        }
        if !can_block && !st.wbuf.is_empty() {
            return None;
        }
        Some((|| {
            st.flush_wbuf()?;
            let target = match whence {
                0 => SeekFrom::Start(offset.max(0) as u64),
                1 => SeekFrom::Current(offset - st.avail().len() as i64),
                _ => SeekFrom::End(offset),
            };
            if whence == 0 && offset < 0 {
                return Err(FErr::Io(io::Error::from_raw_os_error(22)));
            }
            st.rbuf.clear();
            st.rpos = 0;
            match &mut st.backend {
                Backend::File(f) => Ok(f.seek(target)?),
                _ => Err(FErr::Io(io::Error::from_raw_os_error(29))),
            }
        })())
    });
    let pos = finish(vm, r)?;
    Ok(Value::Int(pos as i64))
}

fn f_tell(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "tell")?.clone();
    method_args(vm, &args, "tell", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "tell")?;
        Ok(st.logical_position()?)
    });
    let pos = finish(vm, r)?;
    Ok(Value::Int(pos as i64))
}

fn f_truncate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "truncate")?.clone();
    method_args(vm, &args, "truncate", 1)?;
    let size = match args.items.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(int_arg(vm, v)?),
    };
    let r = run_op(vm, "file.truncate", &obj, move |data, st, can_block| {
        if let Err(e) = data.check_writable(st, "truncate") {
            return Some(Err(e));
        }
        if !can_block {
            return None;
        }
        Some((|| {
            let size = match size {
                Some(s) => s,
                None => st.logical_position()? as i64,
            };
            if size < 0 {
                return Err(FErr::Value(format!("negative size value {size}")));
            }
            st.flush_wbuf()?;
            let rewind = !data.kind.is_text();
            st.discard_read_ahead(rewind)?;
            match &mut st.backend {
                Backend::File(f) => f.set_len(size as u64)?,
                _ => return Err(FErr::Io(io::Error::from_raw_os_error(22))),
            }
            Ok(size)
        })())
    });
    let n = finish(vm, r)?;
    Ok(Value::Int(n))
}

fn f_fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "fileno")?.clone();
    method_args(vm, &args, "fileno", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "fileno")?;
        Ok(match &st.backend {
            Backend::Stdin => 0,
            Backend::Stdout(_) => 1,
            Backend::Stderr(_) => 2,
            Backend::File(f) => raw_fd(f),
        })
    });
    Ok(Value::Int(finish(vm, r)?))
}

#[cfg(unix)]
fn raw_fd(f: &File) -> i64 {
    use std::os::fd::AsRawFd;
    f.as_raw_fd() as i64
}

#[cfg(not(unix))]
fn raw_fd(_f: &File) -> i64 {
    -1
}

fn f_isatty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    use std::io::IsTerminal;
    let obj = this(vm, &args, "isatty")?.clone();
    method_args(vm, &args, "isatty", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "isatty")?;
        Ok(match &st.backend {
            Backend::Stdin => io::stdin().is_terminal(),
            Backend::Stdout(_) => io::stdout().is_terminal(),
            Backend::Stderr(_) => io::stderr().is_terminal(),
            Backend::File(f) => f.is_terminal(),
        })
    });
    Ok(Value::Bool(finish(vm, r)?))
}

fn f_readable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "readable")?.clone();
    method_args(vm, &args, "readable", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "readable")?;
        Ok(data.readable)
    });
    Ok(Value::Bool(finish(vm, r)?))
}

fn f_writable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "writable")?.clone();
    method_args(vm, &args, "writable", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "writable")?;
        Ok(data.writable)
    });
    Ok(Value::Bool(finish(vm, r)?))
}

fn f_seekable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "seekable")?.clone();
    method_args(vm, &args, "seekable", 0)?;
    let r = with_state(vm, &obj, |data, st| {
        data.check_open(st, "seekable")?;
        Ok(match &mut st.backend {
            Backend::File(f) => f.stream_position().is_ok(),
            _ => false,
        })
    });
    Ok(Value::Bool(finish(vm, r)?))
}

fn f_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "__enter__")?.clone();
    let r = with_state(vm, &obj, |data, st| data.check_open(st, "enter"));
    finish(vm, r)?;
    Ok(Value::Obj(obj))
}

fn f_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "__exit__")?.clone();
    close_file(vm, &obj)?;
    Ok(Value::None)
}

fn f_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "__iter__")?.clone();
    let r = with_state(vm, &obj, |data, st| data.check_open(st, "iter"));
    finish(vm, r)?;
    Ok(Value::Obj(obj))
}

fn f_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "__next__")?.clone();
    let line = read_line_value(vm, &obj, None, "readline")?;
    if is_empty_line(&line) {
        return Err(vm.stop_iteration(None));
    }
    Ok(line)
}

fn f_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let obj = this(vm, &args, "__repr__")?.clone();
    let data = data_of(&obj).expect("file");
    let name = vm.repr_of(&data.name.value())?;
    let class = data.kind.class_name();
    Ok(Value::string(if data.kind.is_text() {
        let mode = vm.repr_of(&Value::str(&data.mode))?;
        let encoding = vm.repr_of(&Value::str(&data.encoding_name))?;
        format!("<_io.{class} name={name} mode={mode} encoding={encoding}>")
    } else {
        format!("<_io.{class} name={name}>")
    }))
}

// ----- open() -----

struct ModeFlags {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    binary: bool,
}

fn parse_mode(vm: &Vm, mode: &str) -> PyResult<ModeFlags> {
    let mut f =
        ModeFlags { creating: false, reading: false, writing: false, appending: false, updating: false, binary: false };
    let mut text = false;
    let invalid = || vm.value_error(format!("invalid mode: '{mode}'"));
    for (i, c) in mode.char_indices() {
        match c {
            'x' => f.creating = true,
            'r' => f.reading = true,
            'w' => f.writing = true,
            'a' => f.appending = true,
            '+' => f.updating = true,
            't' => text = true,
            'b' => f.binary = true,
            _ => return Err(invalid()),
        }
        if mode[i + c.len_utf8()..].contains(c) {
            return Err(invalid());
        }
    }
    if text && f.binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    let n = f.creating as u8 + f.reading as u8 + f.writing as u8 + f.appending as u8;
    if n > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(f)
}

fn opt_str_arg(vm: &Vm, v: &Option<Value>, what: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match receiver(v).as_str() {
            Some(s) => Ok(Some(s.to_string())),
            None => {
                Err(vm.type_error(format!("open() argument '{what}' must be str or None, not {}", vm.type_name(v))))
            }
        },
    }
}

enum Target {
    Path(std::path::PathBuf),
    Fd(i64),
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> std::path::PathBuf {
    std::path::PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

#[cfg(unix)]
fn file_from_fd(fd: i64) -> io::Result<File> {
    use std::os::fd::FromRawFd;
    if fd < 0 || fd > i32::MAX as i64 {
        return Err(io::Error::from_raw_os_error(9));
    }
    // SAFETY: `open(fd)` hands the descriptor over to the file object (which closes it unless
    // `closefd=False`), exactly as in CPython. A descriptor that is not open is detected by the
    // `fstat` below and released without being closed.
    let f = unsafe { File::from_raw_fd(fd as i32) };
    if let Err(e) = f.metadata() {
        forget_file(f);
        return Err(e);
    }
    Ok(f)
}

#[cfg(not(unix))]
fn file_from_fd(_fd: i64) -> io::Result<File> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "opening file descriptors is not supported"))
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
pub fn open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::builtins::functions::bind_args(
        vm,
        "open",
        &args,
        &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
        0,
        1,
    )?;
    let file = a[0].clone().expect("required");
    // The file: a path (str, bytes, os.PathLike) or a descriptor.
    let (target, name) = {
        let inner = receiver(&file).clone();
        if let Some(s) = inner.as_str() {
            (Target::Path(std::path::PathBuf::from(s)), FileName::Str(s.to_string()))
        } else {
            match (&inner, inner.payload()) {
                (_, Some(Payload::Bytes(b))) => (Target::Path(path_from_bytes(b)), FileName::Bytes(b.to_vec())),
                (Value::Int(i), _) => (Target::Fd(*i), FileName::Fd(*i)),
                (Value::Bool(b), _) => (Target::Fd(*b as i64), FileName::Fd(*b as i64)),
                _ => {
                    let fspath = match crate::vm::attr::lookup_special(vm, &file, "__fspath__") {
                        Some(f) if !f.is_none() => Some(vm.call(&f, Args::new(std::slice::from_ref(&file)))?),
                        _ => None,
                    };
                    match fspath.as_ref().map(|p| (receiver(p).as_str().map(String::from), p.payload())) {
                        Some((Some(s), _)) => (Target::Path(std::path::PathBuf::from(&s)), FileName::Str(s)),
                        Some((None, Some(Payload::Bytes(b)))) => {
                            (Target::Path(path_from_bytes(b)), FileName::Bytes(b.to_vec()))
                        }
                        _ => {
                            return Err(vm.type_error(format!(
                                "expected str, bytes or os.PathLike object, not {}",
                                vm.type_name(&file)
                            )))
                        }
                    }
                }
            }
        }
    };
    let mode_str = match &a[1] {
        None => "r".to_string(),
        Some(v) => match receiver(v).as_str() {
            Some(s) => s.to_string(),
            None => return Err(vm.type_error(format!("open() argument 'mode' must be str, not {}", vm.type_name(v)))),
        },
    };
    let buffering = match &a[2] {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    let encoding = opt_str_arg(vm, &a[3], "encoding")?;
    let errors = opt_str_arg(vm, &a[4], "errors")?;
    let newline = opt_str_arg(vm, &a[5], "newline")?;
    let closefd = match &a[6] {
        None => true,
        Some(v) => vm.is_true(v)?,
    };
    let opener = a[7].clone().filter(|o| !o.is_none());

    let flags = parse_mode(vm, &mode_str)?;
    if flags.binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if flags.binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if flags.binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if !(flags.creating || flags.reading || flags.writing || flags.appending) {
        return Err(vm.value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    if !closefd && matches!(target, Target::Path(_)) {
        return Err(vm.value_error("Cannot use closefd=False with file name"));
    }
    let readable = flags.reading || flags.updating;
    let writable = flags.writing || flags.appending || flags.creating || flags.updating;

    // Open the OS file (without the GIL: opening a FIFO can block).
    let fd_from_opener = match (&opener, &target) {
        (Some(opener), Target::Path(_)) => {
            let mut oflags: i64 = if readable && writable {
                2
            } else if writable {
                1
            } else {
                0
            };
            if flags.creating {
                oflags |= 0o100 | 0o200;
            }
            if flags.writing {
                oflags |= 0o100 | 0o1000;
            }
            if flags.appending {
                oflags |= 0o100 | 0o2000;
            }
            oflags |= 0o2000000; // O_CLOEXEC
            let fd = vm.call(opener, Args::new(&[file.clone(), Value::Int(oflags)]))?;
            let fd = vm.to_index(&fd)?;
            if fd < 0 {
                return Err(vm.value_error(format!("opener returned {fd}")));
            }
            Some(fd)
        }
        _ => None,
    };
    let filename_value = match &name {
        FileName::Fd(_) => None,
        n => Some(n.value()),
    };
    let opened: io::Result<File> = match (&target, fd_from_opener) {
        (_, Some(fd)) | (&Target::Fd(fd), None) => file_from_fd(fd),
        (Target::Path(path), None) => {
            let path = path.clone();
            let (creating, writing, appending) = (flags.creating, flags.writing, flags.appending);
            vm.allow_threads_as("open", move || {
                let mut o = OpenOptions::new();
                o.read(readable).write(writable && !appending);
                if creating {
                    o.create_new(true);
                } else if writing {
                    o.create(true).truncate(true);
                } else if appending {
                    o.append(true).create(true);
                }
                let f = o.open(&path)?;
                if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                    return Err(io::Error::from_raw_os_error(21));
                }
                Ok(f)
            })
        }
    };
    let mut os_file = match opened {
        Ok(f) => f,
        Err(e) => return Err(os_error(vm, &e, filename_value)),
    };
    if matches!(target, Target::Fd(_)) {
        if let Ok(m) = os_file.metadata() {
            if m.is_dir() {
                if !closefd {
                    forget_file(os_file);
                }
                return Err(os_error(vm, &io::Error::from_raw_os_error(21), None));
            }
        }
    }
    if flags.appending {
        let _ = os_file.seek(SeekFrom::End(0));
    }
    // Checks CPython makes once the file is open (the file stays created/truncated).
    let fail = |_vm: &mut Vm, f: File, err: PyErr| -> PyResult<Value> {
        if closefd {
            drop(f);
        } else {
            forget_file(f);
        }
        Err(err)
    };
    if !flags.binary && buffering == 0 {
        let e = vm.value_error("can't have unbuffered text I/O");
        return fail(vm, os_file, e);
    }
    let newline_mode = match newline.as_deref() {
        None => Newline::Universal,
        Some("") => Newline::Any,
        Some("\n") => Newline::Lf,
        Some("\r") => Newline::Cr,
        Some("\r\n") => Newline::CrLf,
        Some(other) => {
            let e = vm.value_error(format!("illegal newline value: {other}"));
            return fail(vm, os_file, e);
        }
    };
    let (enc, enc_name) = match &encoding {
        None => (Encoding::Utf8, "UTF-8".to_string()),
        Some(e) => match Encoding::lookup(e) {
            Some(enc) => (enc, e.clone()),
            None => {
                let err = vm.new_exception_msg("LookupError", &format!("unknown encoding: {e}"));
                return fail(vm, os_file, err);
            }
        },
    };
    let kind = if !flags.binary {
        FileKind::Text
    } else if flags.updating {
        FileKind::Random
    } else if flags.reading {
        FileKind::Reader
    } else {
        FileKind::Writer
    };
    let mode_attr = if !flags.binary {
        mode_str.clone()
    } else {
        let plus = if flags.updating { "+" } else { "" };
        if flags.creating {
            format!("xb{plus}")
        } else if flags.appending {
            format!("ab{plus}")
        } else if readable {
            if writable {
                "rb+".to_string()
            } else {
                "rb".to_string()
            }
        } else {
            "wb".to_string()
        }
    };
    let errors_name = errors.unwrap_or_else(|| "strict".to_string());
    let data = FileData {
        kind,
        name,
        mode: mode_attr,
        readable,
        writable,
        encoding: enc,
        encoding_name: enc_name,
        errors: ErrorMode::from_name(&errors_name),
        errors_name,
        newline: newline_mode,
        line_buffering: !flags.binary && buffering == 1,
        state: Arc::new(Mutex::new(FileState {
            backend: Backend::File(os_file),
            closed: false,
            closefd,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            unbuffered: flags.binary && buffering == 0,
        })),
    };
    if writable {
        register_for_exit_flush(&data.state);
    }
    Ok(new_file_object(vm, data))
}
