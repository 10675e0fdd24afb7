//! Code objects as bytes: how the standard library ships precompiled.
//!
//! A spawned multiprocessing child, and every script that imports `threading`, used to parse and
//! compile the stdlib's Python modules at each start (about 850 machine instructions per source
//! byte: `import threading` took 4 ms, most of a child's start-up). The stdlib's build script now
//! compiles those modules once with this crate's compiler and stores [`dump_code`]'s bytes beside
//! the source; at import [`load_code`] rebuilds the code objects in a fraction of the time. The
//! source text stays embedded: tracebacks show its lines, and it is what the spans point into.
//!
//! The format is private to one build (the loader and the bytes come from the same source tree),
//! so it has no compatibility promises, only a magic number and a version that guard against
//! mixing builds. Every read is bounds-checked: bad bytes give a [`MarshalError`], never a panic.
//!
//! Layout, all integers little-endian: `MAGIC`, `VERSION` (u32), then one code object:
//! name, qualname (str), first_line, argcount, posonlyargcount, kwonlyargcount (u32), flags (u8
//! bits), max_stack (u32), instructions (count, then an opcode byte and its operands each), spans
//! (count, start/end pairs), operand_pcs, consts (count, tagged values; code objects nest here),
//! names, varnames, cellvars, freevars (count, strs), cell2arg (count, u32 with `u32::MAX` for
//! none). A str is a u32 length and UTF-8 bytes.

use std::collections::HashMap;
use std::sync::Arc;

use gilpy_grammar::ast::Span;
use num_bigint::BigInt;

use crate::builtins::types::NameHasher;
use crate::bytecode::{BinaryOp, CodeFlags, CodeObject, CompareOp, Instr, SourceFile, Table};
use crate::object::{ObjRef, Payload};
use crate::value::Value;

const MAGIC: &[u8; 4] = b"GPYC";
/// Bump when the layout or the instruction set changes shape.
const VERSION: u32 = 1;

/// Bytes that are not a code object this build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarshalError(pub String);

impl std::fmt::Display for MarshalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad marshal data: {}", self.0)
    }
}

type Result<T> = std::result::Result<T, MarshalError>;

/// Serializes `code` (and the code objects among its constants).
///
/// Fails only on a constant the compiler never makes (a list, a function...).
pub fn dump_code(code: &CodeObject) -> Result<Vec<u8>> {
    let mut out = Writer(Vec::with_capacity(code.instructions.len() * 16));
    out.0.extend_from_slice(MAGIC);
    out.u32(VERSION);
    out.code(code)?;
    Ok(out.0)
}

/// Rebuilds the code object [`dump_code`] wrote, its spans pointing into `source`.
pub fn load_code(data: &[u8], source: &Arc<SourceFile>) -> Result<CodeObject> {
    let mut reader = Reader { data, pos: 0, source, strs: HashMap::default() };
    if reader.bytes(4)? != MAGIC {
        return Err(MarshalError("not a gilpy code object".into()));
    }
    let version = reader.u32()?;
    if version != VERSION {
        return Err(MarshalError(format!("format version {version}, this build reads {VERSION}")));
    }
    let code = reader.code()?;
    if reader.pos != data.len() {
        return Err(MarshalError("trailing bytes after the code object".into()));
    }
    Ok(code)
}

// The instruction set, grouped by operand shape. Each variant's opcode is its position in
// `Opcode` (declared in the same order as the decoders), so adding an `Instr` variant without
// listing it here fails to compile (the encoder's match is exhaustive).
macro_rules! instruction_codec {
    (
        plain: [$($plain:ident),* $(,)?],
        word: [$($word:ident),* $(,)?],
        binary: [$($binary:ident),* $(,)?],
        compare: [$($compare:ident),* $(,)?],
        two_halves: [$($pair:ident { $a:ident, $b:ident }),* $(,)?],
        compare_jump: [$($cjump:ident),* $(,)?] $(,)?
    ) => {
        #[allow(clippy::enum_variant_names)]
        #[repr(u8)]
        enum Opcode { $($plain,)* $($word,)* $($binary,)* $($compare,)* $($pair,)* $($cjump,)* }

        fn encode_instr(out: &mut Writer, instr: Instr) {
            match instr {
                $(Instr::$plain => out.u8(Opcode::$plain as u8),)*
                $(Instr::$word(arg) => { out.u8(Opcode::$word as u8); out.u32(arg); })*
                $(Instr::$binary(op) => { out.u8(Opcode::$binary as u8); out.u8(op as u8); })*
                $(Instr::$compare(op) => { out.u8(Opcode::$compare as u8); out.u8(op as u8); })*
                $(Instr::$pair { $a, $b } => {
                    out.u8(Opcode::$pair as u8);
                    out.u16($a);
                    out.u16($b);
                })*
                $(Instr::$cjump(op, target) => {
                    out.u8(Opcode::$cjump as u8);
                    out.u8(op as u8);
                    out.u32(target);
                })*
            }
        }

        type Decoder = fn(&mut Reader) -> Result<Instr>;

        /// Indexed by opcode.
        const DECODERS: &[Decoder] = &[
            $(|_| Ok(Instr::$plain),)*
            $(|r| Ok(Instr::$word(r.u32()?)),)*
            $(|r| Ok(Instr::$binary(binary_op(r.u8()?)?)),)*
            $(|r| Ok(Instr::$compare(compare_op(r.u8()?)?)),)*
            $(|r| Ok(Instr::$pair { $a: r.u16()?, $b: r.u16()? }),)*
            $(|r| Ok(Instr::$cjump(compare_op(r.u8()?)?, r.u32()?)),)*
        ];
    };
}

instruction_codec! {
    plain: [
        Nop, PopTop, DupTop, DupTopTwo, RotTwo, RotThree, RotFour, BinarySubscr, StoreSubscr,
        DeleteSubscr, UnaryNegative, UnaryPositive, UnaryNot, UnaryInvert, ListToTuple, GetIter,
        ReturnValue, LoadBuildClass, PopBlock, PopExcept, Reraise, CheckExcMatch, ExitWith,
        WithExceptStart, YieldValue, GetYieldFromIter, YieldFrom, ImportStar, LoadAssertionError,
        PrintExpr, PublishLocals, MatchSequence, MatchMapping, GetLen, MatchKeys,
        CopyDictWithoutKeys,
    ],
    word: [
        LoadConst, LoadFast, StoreFast, DeleteFast, LoadDeref, StoreDeref, DeleteDeref,
        LoadClosure, LoadClassDeref, LoadGlobal, StoreGlobal, DeleteGlobal, LoadName, StoreName,
        DeleteName, LoadAttr, StoreAttr, DeleteAttr, LoadMethod, CallMethod, BuildSlice, IsOp,
        ContainsOp, BuildTuple, BuildList, BuildSet, BuildMap, BuildString, FormatValue,
        ListAppend, SetAdd, MapAdd, ListExtend, SetUpdate, DictUpdate, DictMerge, UnpackSequence,
        UnpackEx, Jump, PopJumpIfFalse, PopJumpIfTrue, JumpIfFalseOrPop, JumpIfTrueOrPop, ForIter,
        MakeFunction, Call, CallKw, CallEx, SetupFinally, Raise, SetupWith, ImportName,
        ImportFrom, MatchClass, InplaceAddStoreFast,
    ],
    binary: [Binary, Inplace],
    compare: [Compare],
    two_halves: [
        LoadFastAttr { local, name },
        StoreFastAttr { local, name },
        SubscrFastConst { local, key },
        SubscrFastFast { container, key },
        StoreSubscrFastConst { local, key },
    ],
    compare_jump: [CompareJumpIfFalse, CompareJumpIfTrue],
}

const BINARY_OPS: [BinaryOp; 13] = [
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::MatMul,
    BinaryOp::TrueDiv,
    BinaryOp::FloorDiv,
    BinaryOp::Mod,
    BinaryOp::Pow,
    BinaryOp::LShift,
    BinaryOp::RShift,
    BinaryOp::And,
    BinaryOp::Or,
    BinaryOp::Xor,
];

const COMPARE_OPS: [CompareOp; 6] =
    [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge];

fn binary_op(byte: u8) -> Result<BinaryOp> {
    BINARY_OPS.get(byte as usize).copied().ok_or_else(|| MarshalError(format!("binary operator {byte}")))
}

fn compare_op(byte: u8) -> Result<CompareOp> {
    COMPARE_OPS.get(byte as usize).copied().ok_or_else(|| MarshalError(format!("comparison {byte}")))
}

// Constant tags.
const NONE: u8 = 0;
const ELLIPSIS: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const INT: u8 = 4;
const BIG_INT: u8 = 5;
const FLOAT: u8 = 6;
const COMPLEX: u8 = 7;
const STR: u8 = 8;
const BYTES: u8 = 9;
const TUPLE: u8 = 10;
const FROZEN_SET: u8 = 11;
const CODE: u8 = 12;

const FLAG_VARARGS: u8 = 1;
const FLAG_VARKEYWORDS: u8 = 2;
const FLAG_GENERATOR: u8 = 4;
const FLAG_USES_NAMESPACE: u8 = 8;
const FLAG_HAS_DOCSTRING: u8 = 16;

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }

    fn str_value(&mut self, v: &Value) -> Result<()> {
        let s = v.as_str().ok_or_else(|| MarshalError("a name that is not a str".into()))?;
        self.bytes(s.as_bytes());
        Ok(())
    }

    fn code(&mut self, code: &CodeObject) -> Result<()> {
        self.bytes(code.name.as_bytes());
        self.bytes(code.qualname.as_bytes());
        for v in [code.first_line, code.argcount, code.posonlyargcount, code.kwonlyargcount] {
            self.u32(v);
        }
        let f = &code.flags;
        self.u8((f.varargs as u8 * FLAG_VARARGS)
            | (f.varkeywords as u8 * FLAG_VARKEYWORDS)
            | (f.generator as u8 * FLAG_GENERATOR)
            | (f.uses_namespace as u8 * FLAG_USES_NAMESPACE)
            | (f.has_docstring as u8 * FLAG_HAS_DOCSTRING));
        self.u32(code.max_stack);
        self.len(code.instructions.len());
        for &instr in code.instructions.iter() {
            encode_instr(self, instr);
        }
        self.len(code.spans.len());
        for span in code.spans.iter() {
            self.u32(span.start);
            self.u32(span.end);
        }
        self.len(code.operand_pcs.len());
        for &pc in code.operand_pcs.iter() {
            self.u32(pc);
        }
        self.len(code.consts.len());
        for c in code.consts.iter() {
            self.constant(c)?;
        }
        for table in [&code.names, &code.varnames, &code.cellvars, &code.freevars] {
            self.len(table.len());
            for v in table.iter() {
                self.str_value(v)?;
            }
        }
        self.len(code.cell2arg.len());
        for arg in code.cell2arg.iter() {
            self.u32(arg.unwrap_or(u32::MAX));
        }
        Ok(())
    }

    fn constant(&mut self, v: &Value) -> Result<()> {
        match v {
            Value::None => self.u8(NONE),
            Value::Ellipsis => self.u8(ELLIPSIS),
            Value::Bool(b) => self.u8(if *b { TRUE } else { FALSE }),
            Value::Int(i) => {
                self.u8(INT);
                self.u64(*i as u64);
            }
            Value::Float(f) => {
                self.u8(FLOAT);
                self.u64(f.to_bits());
            }
            Value::Obj(o) => match o.payload() {
                Payload::BigInt(b) => {
                    self.u8(BIG_INT);
                    self.bytes(&b.to_signed_bytes_le());
                }
                Payload::Complex(re, im) => {
                    self.u8(COMPLEX);
                    self.u64(re.to_bits());
                    self.u64(im.to_bits());
                }
                Payload::Str(s) => {
                    self.u8(STR);
                    self.bytes(s.as_str().as_bytes());
                }
                Payload::Bytes(b) => {
                    self.u8(BYTES);
                    self.bytes(b);
                }
                Payload::Tuple(items) => {
                    self.u8(TUPLE);
                    self.items(items.iter())?;
                }
                Payload::FrozenSet(set) => {
                    self.u8(FROZEN_SET);
                    let items: Vec<&Value> = set.iter().collect();
                    self.items(items.into_iter())?;
                }
                Payload::Code(code) => {
                    self.u8(CODE);
                    self.code(code)?;
                }
                other => return Err(MarshalError(format!("a {} constant", other.kind_name()))),
            },
            Value::NotImplemented | Value::Undefined => {
                return Err(MarshalError("an internal marker as a constant".into()));
            }
        }
        Ok(())
    }

    fn items<'v>(&mut self, items: impl ExactSizeIterator<Item = &'v Value>) -> Result<()> {
        self.len(items.len());
        for item in items {
            self.constant(item)?;
        }
        Ok(())
    }
}

struct Reader<'d, 's> {
    data: &'d [u8],
    pos: usize,
    source: &'s Arc<SourceFile>,
    /// Equal strs load as one object, as the compiler interns its names.
    strs: HashMap<&'d [u8], Value, NameHasher>,
}

impl<'d> Reader<'d, '_> {
    fn bytes(&mut self, n: usize) -> Result<&'d [u8]> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.data.len());
        let end = end.ok_or_else(|| MarshalError(format!("truncated at byte {}", self.pos)))?;
        let slice = &self.data[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A count of items that each take at least `min_size` bytes: checked against what is
    /// left, so a corrupt count cannot ask for a huge allocation.
    fn len(&mut self, min_size: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.data.len() - self.pos {
            return Err(MarshalError(format!("a count of {n} past the end of the data")));
        }
        Ok(n)
    }

    fn sized_bytes(&mut self) -> Result<&'d [u8]> {
        let n = self.len(1)?;
        self.bytes(n)
    }

    fn string(&mut self) -> Result<String> {
        let bytes = self.sized_bytes()?;
        let s = std::str::from_utf8(bytes).map_err(|_| MarshalError("a str that is not UTF-8".into()))?;
        Ok(s.to_string())
    }

    fn str_value(&mut self) -> Result<Value> {
        let bytes = self.sized_bytes()?;
        if let Some(v) = self.strs.get(bytes) {
            return Ok(v.clone());
        }
        let s = std::str::from_utf8(bytes).map_err(|_| MarshalError("a str that is not UTF-8".into()))?;
        let value = Value::str(s);
        self.strs.insert(bytes, value.clone());
        Ok(value)
    }

    fn str_table(&mut self) -> Result<Box<[Value]>> {
        let n = self.len(4)?;
        self.collect(n, Self::str_value)
    }

    /// `n` items read by `read`, allocated once (collecting `Result`s would grow a Vec).
    fn collect<T>(&mut self, n: usize, mut read: impl FnMut(&mut Self) -> Result<T>) -> Result<Box<[T]>> {
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(read(self)?);
        }
        Ok(items.into_boxed_slice())
    }

    fn code(&mut self) -> Result<CodeObject> {
        let name = self.string()?;
        let qualname = self.string()?;
        let [first_line, argcount, posonlyargcount, kwonlyargcount] =
            [self.u32()?, self.u32()?, self.u32()?, self.u32()?];
        let bits = self.u8()?;
        let flags = CodeFlags {
            varargs: bits & FLAG_VARARGS != 0,
            varkeywords: bits & FLAG_VARKEYWORDS != 0,
            generator: bits & FLAG_GENERATOR != 0,
            uses_namespace: bits & FLAG_USES_NAMESPACE != 0,
            has_docstring: bits & FLAG_HAS_DOCSTRING != 0,
        };
        let max_stack = self.u32()?;
        let n = self.len(1)?;
        let instructions = self.collect(n, Self::instr)?;
        let n = self.len(8)?;
        let spans = self.collect(n, |r| Ok(Span { start: r.u32()?, end: r.u32()? }))?;
        let n = self.len(4)?;
        let operand_pcs = self.collect(n, Self::u32)?;
        let n = self.len(1)?;
        let consts = self.collect(n, Self::constant)?;
        let names = self.str_table()?;
        let varnames = self.str_table()?;
        let cellvars = self.str_table()?;
        let freevars = self.str_table()?;
        let n = self.len(4)?;
        let cell2arg = self.collect(n, |r| Ok(Some(r.u32()?).filter(|&a| a != u32::MAX)))?;
        let code = CodeObject {
            name,
            qualname,
            source: self.source.clone(),
            first_line,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            instructions,
            spans,
            operand_pcs,
            consts,
            global_caches: names.iter().map(|_| Default::default()).collect(),
            names,
            varnames,
            cellvars,
            freevars,
            cell2arg,
            max_stack,
        };
        check_operands(&code)?;
        Ok(code)
    }

    fn instr(&mut self) -> Result<Instr> {
        let opcode = self.u8()?;
        let decode = DECODERS.get(opcode as usize).ok_or_else(|| MarshalError(format!("opcode {opcode}")))?;
        decode(self)
    }

    fn constant(&mut self) -> Result<Value> {
        Ok(match self.u8()? {
            NONE => Value::None,
            ELLIPSIS => Value::Ellipsis,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::Int(self.u64()? as i64),
            BIG_INT => Value::int_from_big(BigInt::from_signed_bytes_le(self.sized_bytes()?)),
            FLOAT => Value::Float(f64::from_bits(self.u64()?)),
            COMPLEX => {
                let (re, im) = (f64::from_bits(self.u64()?), f64::from_bits(self.u64()?));
                Value::Obj(ObjRef::new(Payload::Complex(re, im)))
            }
            STR => self.str_value()?,
            BYTES => Value::bytes(self.sized_bytes()?.to_vec()),
            TUPLE => Value::tuple(self.items()?),
            FROZEN_SET => {
                let items = self.items()?;
                crate::builtins::set::frozenset_of_constants(&items)
                    .ok_or_else(|| MarshalError("a frozenset of unhashable items".into()))?
            }
            CODE => Value::code(self.code()?),
            tag => return Err(MarshalError(format!("constant tag {tag}"))),
        })
    }

    fn items(&mut self) -> Result<Vec<Value>> {
        let n = self.len(1)?;
        Ok(self.collect(n, Self::constant)?.into_vec())
    }
}

/// The VM indexes the tables with operands unchecked by design (the compiler made them), so
/// loaded code is checked for the promises a stray byte would most likely break: every table
/// index in range, every jump inside the code, a span per instruction. Stack depths are not
/// re-derived: the bytes come from this build's own compiler (`stdlib/build.rs`), which is the
/// promise this format rests on; it is not a verifier for bytes from elsewhere.
fn check_operands(code: &CodeObject) -> Result<()> {
    let bad = |what: &str| Err(MarshalError(format!("{what} out of range in {}", code.qualname)));
    let cells = code.cellvars.len() + code.freevars.len();
    let (consts, names, locals, count) =
        (code.consts.len(), code.names.len(), code.varnames.len(), code.instructions.len());
    if code.spans.len() != count + code.operand_pcs.len() {
        return bad("span table");
    }
    let in_range = |(table, i): (Table, u32)| {
        let len = match table {
            Table::Consts => consts,
            Table::Varnames => locals,
            Table::Cells => cells,
            Table::Names => names,
        };
        (i as usize) < len
    };
    for &instr in code.instructions.iter() {
        let ok = instr.table_operands().into_iter().flatten().all(in_range)
            && instr.jump_target().into_iter().all(|t| (t as usize) < count);
        if !ok {
            return bad(&format!("operand of {instr:?}"));
        }
    }
    if code.cell2arg.iter().flatten().any(|&a| a as usize >= locals) {
        return bad("cell argument");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile_source, Mode};

    const SAMPLE: &str = r#"
"""doc"""
import sys
X = (1, 2.5, -3j, "s", b"b", None, ..., True, 10**30, -(10**30), frozenset({1, 2}))
def f(a, /, b=1, *args, c, d=2, **kw):
    global X
    y = [a + b for a in args if a in {1, 2, 3}]
    def inner():
        nonlocal y
        y += 1
        return a
    try:
        with open("x") as fh:
            pass
    except (OSError, ValueError) as e:
        raise RuntimeError("r") from e
    finally:
        X = 1
    match kw:
        case {"k": [1, *rest]} if rest: return rest
        case str() | bytes(): pass
    return inner, f"{a!r:>{b}}", (yield from args)
class C(object, metaclass=type):
    z: int = 0
    def m(self): return super().m(), self.z, self.z < 3 < 4
"#;

    fn listing(text: &str) -> (String, Vec<u8>) {
        let code = compile_source(text, "<sample>", Mode::Exec).expect("sample compiles");
        (code.disassemble(), dump_code(&code).expect("dumps"))
    }

    #[test]
    fn loaded_code_disassembles_as_the_compiled_code() {
        let (compiled, data) = listing(SAMPLE);
        let source = SourceFile::new("<sample>", SAMPLE);
        let loaded = load_code(&data, &source).expect("loads");
        assert_eq!(loaded.disassemble(), compiled);
        assert_eq!(loaded.spans, compile_source(SAMPLE, "<sample>", Mode::Exec).unwrap().spans);
        // Dumping the loaded code gives the same bytes: nothing was lost on the way.
        assert_eq!(dump_code(&loaded).unwrap(), data);
    }

    #[test]
    fn every_truncation_and_corruption_is_an_error_not_a_panic() {
        let (_, data) = listing(SAMPLE);
        let source = SourceFile::new("<sample>", SAMPLE);
        for end in 0..data.len() {
            assert!(load_code(&data[..end], &source).is_err(), "prefix of {end} bytes loaded");
        }
        // Flip each byte: the loader may accept some (a different constant), never panic.
        for i in 0..data.len() {
            let mut bad = data.clone();
            bad[i] ^= 0xa5;
            let _ = load_code(&bad, &source);
        }
        let mut versioned = data.clone();
        versioned[4] = versioned[4].wrapping_add(1);
        let Err(error) = load_code(&versioned, &source) else { panic!("another version loaded") };
        assert!(error.0.contains("format version"), "{error}");
    }
}
